"""The general claims notebook 07 draws from single examples, checked on many draws.

nbval pins the numbers the notebook prints for its one fixed seed; these tests check that
the conclusions its prose draws from them are not an accident of that seed.
"""

import numpy as np
import pytest
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split

from lecturelib.datasets import linear_regression_data
from lecturelib.explorers import outlier_state
from lecturelib.regression import mean_absolute_error, mean_squared_error, r2_score

SEEDS = range(30)


def scores_on_new_points(state, seed):
    """MSE and MAE of both fitted lines on 1000 fresh points from the data's own line
    (y = 2x + 1, Gaussian noise of sd 0.7, x in [0.5, 5])."""
    x, y = linear_regression_data(1000, slope=2.0, intercept=1.0, noise=0.7,
                                  x_range=(0.5, 5.0), seed=seed)
    out = {}
    for loss in ("squared", "absolute"):
        fit = state["fits"][loss]
        line = fit["slope"] * x + fit["intercept"]
        out[loss] = (mean_squared_error(y, line), mean_absolute_error(y, line))
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_on_new_points_the_line_nearer_the_truth_wins_on_both_metrics(seed):
    # Section 2: fitted to the data with the moved point, the MAE fit beats the MSE fit on
    # new points on both metrics; fitted to the data as drawn, least squares wins both.
    # (On the training points each fit wins on its own metric, by construction.)
    moved = scores_on_new_points(outlier_state(), seed)
    assert moved["absolute"][0] < moved["squared"][0]
    assert moved["absolute"][1] < moved["squared"][1]
    drawn = scores_on_new_points(outlier_state(outlier_state()["original_y"]), seed)
    assert drawn["squared"][0] < drawn["absolute"][0]
    assert drawn["squared"][1] < drawn["absolute"][1]


def test_each_fit_wins_on_its_own_metric_on_its_training_points():
    for height in np.linspace(-10, 40, 11):
        fits = outlier_state(float(height))["fits"]
        assert fits["squared"]["metrics"]["mse"] <= fits["absolute"]["metrics"]["mse"] + 1e-12
        assert fits["absolute"]["metrics"]["mae"] <= fits["squared"]["metrics"]["mae"] + 1e-12


@pytest.mark.parametrize("random_state", range(10))
def test_r2_is_the_squared_correlation_only_on_the_training_data_of_least_squares(random_state):
    # Sections 4-5: R² = corr(y, ŷ)² for least squares with an intercept on its training
    # data, on any split; on the test patients and without an intercept it is not.
    X, y = load_diabetes(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25,
                                                        random_state=random_state)
    model = LinearRegression().fit(X_train, y_train)

    def both(fitted, X, y):
        y_hat = fitted.predict(X)
        return r2_score(y, y_hat), np.corrcoef(y, y_hat)[0, 1] ** 2

    r2, squared_correlation = both(model, X_train, y_train)
    assert r2 == pytest.approx(squared_correlation, rel=1e-12)
    r2, squared_correlation = both(model, X_test, y_test)
    assert r2 < squared_correlation
    r2, squared_correlation = both(LinearRegression(fit_intercept=False).fit(X_train, y_train),
                                   X_train, y_train)
    assert r2 < 0 < squared_correlation


@pytest.mark.parametrize("seed", range(20))
def test_r2_is_never_above_the_squared_correlation(seed):
    # Section 4: corr(y, ŷ)² is the R² of the best affine correction a ŷ + b, which the
    # identity cannot beat.
    rng = np.random.default_rng(seed)
    y = rng.normal(size=30)
    y_hat = rng.uniform(-2, 2) * y + rng.normal(scale=rng.uniform(0.1, 3), size=30) \
        + rng.uniform(-3, 3)
    assert r2_score(y, y_hat) <= np.corrcoef(y, y_hat)[0, 1] ** 2 + 1e-12

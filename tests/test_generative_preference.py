"""lecturelib.generative.preference: Bradley-Terry by MM equal to a direct
maximum-likelihood fit with scipy.optimize, its existence condition checked by brute
force over every split of the players, Fisher-information standard errors equal to a
finite-difference Hessian (and to the spread of refits on simulated votes), and online
Elo against Bradley-Terry.
"""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize

from lecturelib.generative import preference as P

SETTINGS = settings(max_examples=120, deadline=None, database=None)
ELO = 400 / math.log(10)  # Elo points per unit of log-strength


# --- a direct maximum-likelihood fit (the oracle) -----------------------------------------

def negative_log_likelihood(theta, wins):
    diff = theta[:, None] - theta[None, :]
    return -np.sum(wins * -np.logaddexp(0.0, -diff))  # log sigma(theta_i - theta_j)


def scipy_log_strengths(wins):
    """argmax of the Bradley-Terry log-likelihood by scipy's trust-region Newton method,
    player 0 pinned at 0 (the model only fixes differences), then centred to sum 0."""
    wins = np.asarray(wins, dtype=float)
    n = wins.shape[0]
    games = wins + wins.T

    def full(phi):
        return np.concatenate([[0.0], phi])

    def fun(phi):
        return negative_log_likelihood(full(phi), wins)

    def jac(phi):
        theta = full(phi)
        pi = 1 / (1 + np.exp(theta[None, :] - theta[:, None]))
        return -(wins.sum(axis=1) - (games * pi).sum(axis=1))[1:]

    def hess(phi):
        theta = full(phi)
        pi = 1 / (1 + np.exp(theta[None, :] - theta[:, None]))
        weights = games * pi * (1 - pi)
        return (np.diag(weights.sum(axis=1)) - weights)[1:, 1:]

    result = minimize(fun, np.zeros(n - 1), jac=jac, hess=hess, method="trust-exact",
                      options={"gtol": 1e-12, "maxiter": 2000})
    # It may stop with "failure to predict improvement" once the loss stops changing in
    # float64, a little short of the maximum (a Newton step of ~1e-7 left, seen on sparse
    # tables). Plain Newton steps from there converge quadratically to the maximum.
    phi = result.x
    for _ in range(50):
        newton_step = np.linalg.solve(hess(phi), jac(phi))
        phi = phi - newton_step
        if np.max(np.abs(newton_step)) < 1e-13:
            break
    assert np.max(np.abs(newton_step)) < 1e-9, (result, newton_step)
    theta = full(phi)
    return theta - theta.mean()


def mle_exists_brute_force(wins):
    """Zermelo/Ford: for every split of the players into S and its complement, someone in
    S beat someone outside S (checked over all 2^n - 2 splits)."""
    beat = np.asarray(wins) > 0
    n = beat.shape[0]
    for size in range(1, n):
        for group in itertools.combinations(range(n), size):
            rest = [j for j in range(n) if j not in group]
            if not beat[np.ix_(group, rest)].any():
                return False
    return True


@st.composite
def win_tables(draw, min_players=2, max_players=6, fractional=False):
    n = draw(st.integers(min_players, max_players))
    counts = st.integers(0, 6)
    cells = draw(st.lists(counts, min_size=n * n, max_size=n * n))
    wins = np.array(cells, dtype=float).reshape(n, n)
    if draw(st.booleans()):  # sparse tables: many pairs that never met
        keep = np.array(draw(st.lists(st.booleans(), min_size=n * n, max_size=n * n)))
        wins *= keep.reshape(n, n)
    if fractional:
        wins *= draw(st.sampled_from([0.5, 0.1, 2.5]))
    np.fill_diagonal(wins, 0.0)
    return wins


def fit_or_none(wins, **kwargs):
    try:
        return P.bradley_terry(wins, scale="log", **kwargs)
    except ValueError as exc:
        assert "MLE does not exist" in str(exc)
        return None


# --- Bradley-Terry against scipy ----------------------------------------------------------

FIXED_TABLES = {
    "docstring example": [[0, 3, 2], [1, 0, 3], [1, 1, 0]],
    "two players": [[0, 7], [3, 0]],
    "a cycle": [[0, 1, 0], [0, 0, 1], [1, 0, 0]],
    "lopsided chain": [[0, 100, 0], [1, 0, 100], [1, 1, 0]],
    "very lopsided": [[0, 1000, 0, 0], [1, 0, 1000, 0], [0, 1, 0, 1000], [1, 0, 1, 0]],
    "fractional (ties as halves)": [[0, 2.5, 1], [1.5, 0, 0.5], [2, 3.5, 0]],
    "many players, sparse": [[0, 2, 0, 0, 0, 1], [1, 0, 3, 0, 0, 0], [0, 1, 0, 2, 0, 0],
                             [0, 0, 1, 0, 4, 0], [0, 0, 0, 1, 0, 2], [3, 0, 0, 0, 1, 0]],
}


@pytest.mark.parametrize("wins", FIXED_TABLES.values(), ids=FIXED_TABLES.keys())
def test_bradley_terry_equals_scipy_maximum_likelihood(wins):
    ours = P.bradley_terry(wins, scale="log")
    np.testing.assert_allclose(ours, scipy_log_strengths(wins), rtol=0, atol=1e-6)


@SETTINGS
@given(win_tables(), st.sampled_from([0.0, 0.0, 0.1, 1.0]))
# A sparse table on which scipy's optimiser stops ~1e-7 short of the maximum.
@example(np.array([[0, 0, 0, 0, 0], [1, 0, 5, 4, 0], [0, 1, 0, 5, 4], [5, 0, 0, 0, 4],
                   [0, 0, 0, 0, 0]], dtype=float), 0.1)
def test_bradley_terry_equals_scipy_on_random_tables(wins, prior):
    exists = prior > 0 or mle_exists_brute_force(wins)
    ours = fit_or_none(wins, prior=prior)
    assert (ours is not None) == exists
    if exists:
        augmented = wins + prior * (1 - np.eye(len(wins)))
        np.testing.assert_allclose(ours, scipy_log_strengths(augmented), rtol=0, atol=1e-6)


@SETTINGS
@given(win_tables(fractional=True))
def test_bradley_terry_on_fractional_tables_equals_scipy(wins):
    ours = fit_or_none(wins)
    if ours is not None:
        np.testing.assert_allclose(ours, scipy_log_strengths(wins), rtol=0, atol=1e-6)


def test_two_players_closed_form():
    """With two players the MLE is the observed odds: p0 / p1 = wins01 / wins10."""
    theta = P.bradley_terry([[0, 7], [3, 0]], scale="log")
    assert theta[0] - theta[1] == pytest.approx(math.log(7 / 3), abs=1e-10)
    assert theta.sum() == pytest.approx(0.0, abs=1e-14)


# --- normalisation, scales, invariances ---------------------------------------------------

WINS = np.array([[0, 3, 2, 1], [1, 0, 3, 2], [1, 1, 0, 4], [0, 2, 1, 0]], dtype=float)


def test_scales_and_normalisation():
    p = P.bradley_terry(WINS)
    theta = P.bradley_terry(WINS, scale="log")
    rating = P.bradley_terry(WINS, scale="elo")
    assert np.exp(np.mean(np.log(p))) == pytest.approx(1.0, abs=1e-12)  # geometric mean 1
    assert theta.sum() == pytest.approx(0.0, abs=1e-12)
    np.testing.assert_allclose(np.log(p), theta, atol=1e-12)
    # The logistic scale relation: R = 1500 + (400 / ln 10) theta = 1500 + 400 log10 p ...
    np.testing.assert_allclose(rating, 1500 + ELO * theta, atol=1e-9)
    np.testing.assert_allclose(rating, 1500 + 400 * np.log10(p), atol=1e-9)
    assert rating.mean() == pytest.approx(1500.0)
    # ... so the win probability reads the same on both scales.
    for i, j in itertools.permutations(range(4), 2):
        bt = p[i] / (p[i] + p[j])
        elo = 1 / (1 + 10 ** ((rating[j] - rating[i]) / 400))
        assert bt == pytest.approx(elo, rel=1e-12)
    shifted = P.bradley_terry(WINS, scale="elo", initial=1000.0)
    np.testing.assert_allclose(shifted, rating - 500, atol=1e-9)


def test_fit_satisfies_the_likelihood_equations():
    """At the MLE each player's expected wins equal its observed wins."""
    p = P.bradley_terry(WINS, tol=1e-13)
    games = WINS + WINS.T
    expected = (games * p[:, None] / (p[:, None] + p[None, :])).sum(axis=1)
    np.testing.assert_allclose(expected, WINS.sum(axis=1), atol=1e-9)


@SETTINGS
@given(win_tables(min_players=3), st.randoms(use_true_random=False),
       st.sampled_from([2.0, 0.5, 10.0]))
def test_bradley_terry_is_equivariant_and_scale_free(wins, random, factor):
    theta = fit_or_none(wins)
    if theta is None:
        return
    order = list(range(len(wins)))
    random.shuffle(order)
    permuted = fit_or_none(wins[np.ix_(order, order)])
    np.testing.assert_allclose(permuted, theta[order], atol=1e-7)
    # Multiplying every count by the same factor does not move the maximum.
    np.testing.assert_allclose(fit_or_none(wins * factor), theta, atol=1e-7)


def test_prior_shrinks_towards_equal_strengths():
    spread = [np.ptp(P.bradley_terry(WINS, scale="log", prior=a)) for a in (0, 0.5, 5, 50)]
    assert spread == sorted(spread, reverse=True)
    assert P.bradley_terry([[0, 2], [0, 0]], prior=0.5, scale="log") == pytest.approx(
        [0.5 * math.log(5), -0.5 * math.log(5)])


# --- when the MLE does not exist ----------------------------------------------------------

@pytest.mark.parametrize("wins, match", [
    ([[0, 2], [0, 0]], "player 1 never won"),
    ([[0, 0, 1], [1, 0, 1], [0, 0, 0]], "player 2 never won"),
    ([[0, 1, 1], [0, 0, 1], [0, 1, 0]], "player 0 never lost"),
    ([[0, 0, 0], [0, 0, 1], [0, 1, 0]], "player 0 played no game"),
    ([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]],
     "players 0, 1 never played players 2, 3"),
    ([[0, 1, 1, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]],
     "players 0, 1 never lost to players 2, 3"),
])
def test_no_mle_raises_naming_the_problem(wins, match):
    with pytest.raises(ValueError, match=match) as info:
        P.bradley_terry(wins)
    assert "prior=" in str(info.value)
    with pytest.raises(ValueError, match=match):
        P.bradley_terry_standard_errors(wins)
    assert np.all(np.isfinite(P.bradley_terry(wins, prior=0.5)))


@pytest.mark.parametrize("wins, kwargs, match", [
    ([[0, 1, 2]], {}, "`wins` must be square"),
    ([[0]], {}, "`wins` has one player"),
    ([[0, -1], [1, 0]], {}, "negative counts"),
    ([[1, 1], [1, 0]], {}, "non-zero diagonal"),
    ([[0, np.nan], [1, 0]], {}, "`wins` contains NaN"),
    ([1, 2], {}, "`wins` must be 2-D"),
    ([[0, 1], [1, 0]], dict(scale="odds"), "`scale` must be one of"),
    ([[0, 1], [1, 0]], dict(prior=-1), "`prior` must be >= 0"),
    ([[0, 1], [1, 0]], dict(max_iter=0), "`max_iter` must be an integer >= 1"),
    ([[0, 1], [1, 0]], dict(tol=0), "`tol` must be > 0"),
    ([[0, 1], [1, 0]], dict(initial=float("inf")), "`initial` must be a finite number"),
])
def test_bradley_terry_bad_inputs_raise(wins, kwargs, match):
    with pytest.raises(ValueError, match=match):
        P.bradley_terry(wins, **kwargs)


def test_bradley_terry_warns_when_max_iter_is_too_small():
    with pytest.warns(RuntimeWarning, match="did not converge in 2 steps"):
        P.bradley_terry(FIXED_TABLES["lopsided chain"], max_iter=2)


# --- standard errors ----------------------------------------------------------------------

def finite_difference_covariance(wins):
    """Inverse of the Hessian of the negative log-likelihood at the MLE, by central
    differences, in coordinates of the sum-zero subspace (the normalisation)."""
    theta = scipy_log_strengths(wins)
    n = len(theta)
    basis = np.linalg.svd(np.eye(n) - 1 / n)[0][:, : n - 1]  # orthonormal, columns sum 0
    h = 1e-4
    hessian = np.empty((n - 1, n - 1))
    for a in range(n - 1):
        for b in range(n - 1):
            def f(da, db):
                return negative_log_likelihood(
                    theta + da * basis[:, a] + db * basis[:, b], np.asarray(wins, float))
            hessian[a, b] = (f(h, h) - f(h, -h) - f(-h, h) + f(-h, -h)) / (4 * h * h)
    return basis @ np.linalg.inv(hessian) @ basis.T


@pytest.mark.parametrize("wins", FIXED_TABLES.values(), ids=FIXED_TABLES.keys())
def test_standard_errors_equal_the_inverse_numerical_hessian(wins):
    se = P.bradley_terry_standard_errors(wins)
    expected = np.sqrt(np.diag(finite_difference_covariance(wins)))
    np.testing.assert_allclose(se, expected, rtol=1e-5)
    np.testing.assert_allclose(P.bradley_terry_standard_errors(wins, scale="elo"), se * ELO,
                               rtol=1e-12)


@SETTINGS
@given(win_tables(max_players=5), st.sampled_from([0.0, 0.5]))
def test_standard_errors_on_random_tables(wins, prior):
    if fit_or_none(wins, prior=prior) is None:
        return
    se = P.bradley_terry_standard_errors(wins, prior=prior)
    augmented = wins + prior * (1 - np.eye(len(wins)))
    expected = np.sqrt(np.diag(finite_difference_covariance(augmented)))
    np.testing.assert_allclose(se, expected, rtol=1e-4)
    # More of the same evidence: standard errors shrink like 1 / sqrt(number of games).
    np.testing.assert_allclose(P.bradley_terry_standard_errors(augmented * 4), se / 2,
                               rtol=1e-6)


def test_standard_errors_match_the_spread_of_refits_on_simulated_votes():
    """Simulate many votes of 60 games per pair from fixed strengths: the standard
    deviation of the fitted log-strengths is close to the Fisher standard error."""
    rng = np.random.default_rng(0)
    theta = np.array([0.8, 0.0, -0.3, -0.5])
    n, games = len(theta), 60
    pi = 1 / (1 + np.exp(theta[None, :] - theta[:, None]))
    upper = np.triu(np.ones((n, n), bool), 1)
    fits = []
    for _ in range(400):
        wins = np.zeros((n, n))
        wins[upper] = rng.binomial(games, pi[upper])
        wins.T[upper] = games - wins[upper]
        fits.append(P.bradley_terry(wins, scale="log"))
    expected_wins = np.where(np.eye(n, dtype=bool), 0.0, games * pi)
    se = P.bradley_terry_standard_errors(expected_wins)
    np.testing.assert_allclose(np.std(fits, axis=0), se, rtol=0.12)
    np.testing.assert_allclose(np.mean(fits, axis=0), theta - theta.mean(), atol=0.05)


def pinned_standard_errors(wins, ref):
    """Standard errors with player ``ref`` pinned at log-strength 0 (R's BradleyTerry2
    convention): the inverse of the finite-difference Hessian in the other coordinates.
    The error of player j is then that of the gap theta_j - theta_ref."""
    wins = np.asarray(wins, float)
    theta = scipy_log_strengths(wins)
    theta = theta - theta[ref]
    n = len(theta)
    free = [k for k in range(n) if k != ref]
    h = 1e-4
    hessian = np.empty((n - 1, n - 1))
    for a, ka in enumerate(free):
        for b, kb in enumerate(free):
            def f(da, db):
                t = theta.copy()
                t[ka] += da
                t[kb] += db
                return negative_log_likelihood(t, wins)
            hessian[a, b] = (f(h, h) - f(h, -h) - f(-h, h) + f(-h, -h)) / (4 * h * h)
    se = np.zeros(n)
    se[free] = np.sqrt(np.diag(np.linalg.inv(hessian)))
    return se


@pytest.mark.parametrize("wins", FIXED_TABLES.values(), ids=FIXED_TABLES.keys())
def test_covariance_equals_the_inverse_numerical_hessian(wins):
    covariance = P.bradley_terry_covariance(wins)
    np.testing.assert_allclose(covariance, finite_difference_covariance(wins), rtol=1e-5,
                               atol=1e-8)
    np.testing.assert_array_equal(covariance, covariance.T)
    np.testing.assert_allclose(covariance.sum(axis=1), 0, atol=1e-10)
    np.testing.assert_allclose(np.sqrt(np.diag(covariance)),
                               P.bradley_terry_standard_errors(wins), rtol=1e-15)
    np.testing.assert_allclose(P.bradley_terry_covariance(wins, scale="elo"),
                               covariance * ELO**2, rtol=1e-12)


@pytest.mark.parametrize("wins", FIXED_TABLES.values(), ids=FIXED_TABLES.keys())
def test_gap_standard_error_equals_the_error_with_a_pinned_player(wins):
    """The gap's error does not depend on the normalisation: pin player i at 0 (as R's
    BradleyTerry2 does) and it is player j's standard error."""
    n = len(wins)
    for i, j in itertools.permutations(range(n), 2):
        gap_se = P.bradley_terry_difference_standard_error(wins, i, j)
        assert gap_se == pytest.approx(pinned_standard_errors(wins, i)[j], rel=1e-4)
        assert gap_se == P.bradley_terry_difference_standard_error(wins, j, i)
        assert P.bradley_terry_difference_standard_error(wins, i, j, scale="elo") == \
            pytest.approx(gap_se * ELO, rel=1e-12)


@SETTINGS
@given(win_tables(max_players=5), st.sampled_from([0.0, 0.5]))
def test_gap_standard_error_on_random_tables(wins, prior):
    if fit_or_none(wins, prior=prior) is None:
        return
    augmented = wins + prior * (1 - np.eye(len(wins)))
    covariance = finite_difference_covariance(augmented)
    n = len(wins)
    for i, j in itertools.combinations(range(n), 2):
        expected = np.sqrt(covariance[i, i] + covariance[j, j] - 2 * covariance[i, j])
        ours = P.bradley_terry_difference_standard_error(wins, i, j, prior=prior)
        assert ours == pytest.approx(expected, rel=1e-4)


def test_gap_standard_error_matches_the_spread_of_refitted_gaps():
    """Simulated panels of 20 votes per pair from the notebook's fitted strengths: the
    standard deviation of the refitted A - B gap is the gap's standard error, not the
    per-player one."""
    rng = np.random.default_rng(1)
    wins = np.array([[0, 12, 15], [8, 0, 11], [5, 9, 0]], float)
    theta = P.bradley_terry(wins, scale="log")
    n, games = 3, 20
    pi = 1 / (1 + np.exp(theta[None, :] - theta[:, None]))
    upper = np.triu(np.ones((n, n), bool), 1)
    gaps = []
    for _ in range(600):
        simulated = np.zeros((n, n))
        simulated[upper] = rng.binomial(games, pi[upper])
        simulated.T[upper] = games - simulated[upper]
        fit = fit_or_none(simulated)
        if fit is not None:
            gaps.append(fit[0] - fit[1])
    expected_wins = np.where(np.eye(n, dtype=bool), 0.0, games * pi)
    gap_se = P.bradley_terry_difference_standard_error(expected_wins, 0, 1)
    assert np.std(gaps) == pytest.approx(gap_se, rel=0.12)
    assert gap_se > 1.5 * P.bradley_terry_standard_errors(expected_wins)[:2].max()


def test_notebook_panel_gap_is_not_significant():
    """Notebook 08's panel: A leads B by 97.5 Elo with a gap standard error of 66.4
    (z = 1.47, p = 0.14), while 97.5 / 38 (a per-player error) would look significant."""
    wins = np.array([[0, 12, 15], [8, 0, 11], [5, 9, 0]])
    elo = P.bradley_terry(wins, scale="elo")
    gap_se = P.bradley_terry_difference_standard_error(wins, 0, 1, scale="elo")
    z = (elo[0] - elo[1]) / gap_se
    assert round(gap_se, 1) == 66.4 and round(z, 2) == 1.47
    assert round(math.erfc(z / math.sqrt(2)), 2) == 0.14
    assert (elo[0] - elo[1]) / P.bradley_terry_standard_errors(wins, scale="elo")[0] > 1.96


@pytest.mark.parametrize("i, j, match", [(0, 0, "two different players"),
                                         (0, 4, "`j` must be a player index"),
                                         (-1, 1, "`i` must be a player index"),
                                         (True, 1, "`i` must be a player index"),
                                         (0.0, 1, "`i` must be a player index")])
def test_gap_standard_error_bad_players_raise(i, j, match):
    with pytest.raises(ValueError, match=match):
        P.bradley_terry_difference_standard_error(WINS, i, j)


def test_covariance_bad_scale_raises():
    with pytest.raises(ValueError, match="`scale` must be 'log' or 'elo'"):
        P.bradley_terry_covariance(WINS, scale="strength")


def test_standard_errors_bad_scale_raises():
    with pytest.raises(ValueError, match="`scale` must be 'log' or 'elo'"):
        P.bradley_terry_standard_errors(WINS, scale="strength")


# --- Elo ----------------------------------------------------------------------------------

def test_elo_one_game_between_equals_moves_k_over_2():
    assert P.elo_ratings([("a", "b")]) == {"a": 1516.0, "b": 1484.0}
    assert P.elo_ratings([("a", "b", 0.5)], k=10) == {"a": 1500.0, "b": 1500.0}
    assert P.elo_ratings([("a", "b", 0)], k=10, initial=1000) == {"a": 995.0, "b": 1005.0}


@pytest.mark.parametrize("k", [4, 16, 32])
@pytest.mark.parametrize("history", [[], [("a", "b")] * 3,
                                     [("b", "a")] * 5 + [("a", "b", 0.5)]])
def test_elo_update_is_a_gradient_step_on_the_bradley_terry_likelihood(history, k):
    """The logistic scale relation: with P(b beats a) = 1 / (1 + 10^((R_a - R_b) / 400)),
    an Elo update is Delta R_b = k * (400 / ln 10) * d/dR_b log P(b beats a)."""
    games = [("x", "a"), ("x", "b")] + history  # makes the ratings unequal
    before = P.elo_ratings(games, k=k)
    after = P.elo_ratings(games + [("b", "a")], k=k)
    r_a, r_b = before["a"], before["b"]

    def log_p(rating_b):
        return -math.log1p(10 ** ((r_a - rating_b) / 400))

    h = 1e-3
    gradient = (log_p(r_b + h) - log_p(r_b - h)) / (2 * h)
    assert after["b"] - r_b == pytest.approx(k * ELO * gradient, rel=1e-7)
    assert after["a"] - r_a == pytest.approx(-(after["b"] - r_b), rel=1e-12)
    assert after["x"] == before["x"]


matches_strategy = st.lists(
    st.tuples(st.integers(0, 4), st.integers(0, 4), st.sampled_from([1.0, 0.5, 0.0]))
    .filter(lambda g: g[0] != g[1]), min_size=1, max_size=60)


@SETTINGS
@given(matches_strategy, st.floats(1, 64), st.floats(-3000, 3000))
def test_elo_is_zero_sum_so_the_mean_stays_initial(matches, k, initial):
    ratings = P.elo_ratings(matches, k=k, initial=initial)
    assert np.mean(list(ratings.values())) == pytest.approx(initial, abs=1e-9 * (1 + k))
    assert list(ratings) == list(dict.fromkeys(p for a, b, _ in matches for p in (a, b)))
    # A pair is the same game as a triple with score 1.
    pairs = [(a, b) if s == 1.0 else (a, b, s) for a, b, s in matches]
    assert P.elo_ratings(pairs, k=k, initial=initial) == ratings


def simulate_matches(theta, n_matches, seed):
    rng = np.random.default_rng(seed)
    n = len(theta)
    a = rng.integers(0, n, n_matches)
    b = (a + rng.integers(1, n, n_matches)) % n
    a_wins = rng.random(n_matches) < 1 / (1 + np.exp(theta[b] - theta[a]))
    return [(int(x), int(y)) if won else (int(y), int(x))
            for x, y, won in zip(a, b, a_wins)]


def test_elo_ordering_agrees_with_bradley_terry_on_many_random_matches():
    """10 000 games drawn from fixed Bradley-Terry strengths 156 Elo points apart: online
    Elo (k=16), the Bradley-Terry fit and the true strengths give the same order, and
    Elo stays within its noise (tens of points) of the fit on the same scale."""
    theta = np.array([-0.9, 1.8, 0.0, -1.8, 0.9])
    matches = simulate_matches(theta, 10_000, seed=0)
    n = len(theta)
    elo = P.elo_ratings(matches, k=16, players=range(n))
    elo = np.array([elo[i] for i in range(n)])
    wins = np.zeros((n, n))
    np.add.at(wins, tuple(np.array(matches).T), 1)
    bt = P.bradley_terry(wins, scale="elo")
    assert np.argsort(elo).tolist() == np.argsort(bt).tolist() == np.argsort(theta).tolist()
    assert np.max(np.abs(elo - bt)) < 100
    assert elo.mean() == pytest.approx(1500) and bt.mean() == pytest.approx(1500)
    # The fit recovers the true strengths on the Elo scale: 1500 + (400 / ln 10) theta.
    np.testing.assert_allclose(bt, 1500 + ELO * (theta - theta.mean()), atol=25)


def test_elo_players_argument():
    ratings = P.elo_ratings([("b", "a")], players=["a", "b", "c"])
    assert list(ratings) == ["a", "b", "c"] and ratings["c"] == 1500.0
    assert list(P.elo_ratings(np.array([[2, 1], [1, 0]]))) == [2, 1, 0]


@pytest.mark.parametrize("matches, kwargs, match", [
    ([], {}, "`matches` is empty"),
    ("ab", {}, "`matches` must be a sequence"),
    ([("a", "a")], {}, "against itself"),
    ([("a",)], {}, r"`matches\[0\]` must be a \(winner, loser\) pair"),
    ([("a", "b", 2)], {}, "score must be in"),
    ([("a", "b", True)], {}, "score must be in"),
    ([(["a"], "b")], {}, "hashable"),
    ([("a", "b")], dict(k=0), "`k` must be > 0"),
    ([("a", "b")], dict(k=float("nan")), "`k` must be a finite number"),
    ([("a", "b")], dict(initial="1500"), "`initial` must be a finite number"),
    ([("a", "b")], dict(players=["a"]), "player 'b' that is not in `players`"),
    ([("a", "b")], dict(players=["a", "b", "a"]), "lists a player twice"),
])
def test_elo_bad_inputs_raise(matches, kwargs, match):
    with pytest.raises(ValueError, match=match):
        P.elo_ratings(matches, **kwargs)


def test_no_warnings_on_ordinary_use():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        P.bradley_terry(WINS)
        P.bradley_terry_standard_errors(WINS)
        P.elo_ratings([("a", "b")])

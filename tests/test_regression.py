"""lecturelib.regression agrees with scikit-learn, rejects bad input clearly, and fits
exact lines.

Every metric is run next to its :mod:`sklearn.metrics` counterpart on the same input (the
fixed examples of ORACLES.md §1.9 and scikit-learn's docstrings, and random inputs from
hypothesis with ties, zeros, negative and constant targets, several outputs and weights)
and must agree to a relative 1e-12 (in practice bit for bit). :func:`fit_line` is checked
against ``numpy.polyfit`` and ``LinearRegression`` (least squares) and against
``scipy.optimize.linprog`` (least absolute deviations).

Version notes (the minimum supported scikit-learn is 1.6.1, Colab's):

* Weighted ``median_absolute_error``: scikit-learn 1.8.0 switched from the lower weighted
  median ("inverted CDF") to the "averaged inverted CDF" (PR #30787), which lecturelib
  follows; the weighted comparison runs from 1.8 on. On every version the weighted median
  is also checked against ``np.median`` of the errors repeated by integer weights.
* All-zero ``sample_weight``: scikit-learn raises ``ValueError`` from 1.9.0 on, as
  lecturelib does; 1.8 and earlier raise ``ZeroDivisionError`` (or return a number).

One documented difference on valid input: ``r2_score`` treats an output whose true values
are all equal as constant even where scikit-learn's computed mean of them is rounded
(``[0.1, 0.1, 0.1]``), see :func:`sklearn_r2`.
"""

from __future__ import annotations

import subprocess
import sys
import warnings

import numpy as np
import pytest
import sklearn
import sklearn.metrics as skm
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from packaging.version import Version
from scipy.optimize import linprog
from sklearn.linear_model import LinearRegression

from lecturelib import regression as R
from lecturelib.regression import UndefinedMetricWarning

SKLEARN = Version(sklearn.__version__).release
SKLEARN_AVERAGES_WEIGHTED_MEDIAN = SKLEARN >= (1, 8)
SKLEARN_REJECTS_ALL_ZERO_WEIGHTS = SKLEARN >= (1, 9)
needs_averaged_weighted_median = pytest.mark.skipif(
    not SKLEARN_AVERAGES_WEIGHTED_MEDIAN,
    reason=f"scikit-learn {sklearn.__version__} takes the lower weighted median in "
           "median_absolute_error; from 1.8.0 on it averages as lecturelib does")
needs_all_zero_weight_error = pytest.mark.skipif(
    not SKLEARN_REJECTS_ALL_ZERO_WEIGHTS,
    reason=f"scikit-learn {sklearn.__version__} does not raise ValueError for an all-zero "
           "sample_weight in its regression metrics; it does from 1.9.0 on, as lecturelib")

FAST = settings(max_examples=60, deadline=None, database=None)

# The metrics with the common signature (y_true, y_pred, *, sample_weight, multioutput).
NAMES = ["mean_squared_error", "root_mean_squared_error", "mean_absolute_error",
         "mean_absolute_percentage_error", "median_absolute_error", "r2_score"]
MEAN_NAMES = NAMES[:4]

# scikit-learn's docstring examples.
Y1, P1 = [3, -0.5, 2, 7], [2.5, 0.0, 2, 8]
Y2, P2 = [[0.5, 1], [-1, 1], [7, -6]], [[0, 2], [-1, 2], [8, -5]]


def ours(name):
    return getattr(R, name)


def theirs(name):
    return getattr(skm, name)


def silently(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(*args, **kwargs)


def assert_same(got, want):
    """``got`` is scikit-learn's ``want``: a Python float for a scalar, else an array of the
    same shape; equal to a relative 1e-12 (NaN and infinities must match exactly)."""
    if np.ndim(want) == 0:
        assert type(got) is float
    else:
        assert isinstance(got, np.ndarray) and got.shape == np.shape(want)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=0)


def sklearn_r2(y_true, y_pred, *, sample_weight=None, multioutput="uniform_average",
               force_finite=True):
    """scikit-learn's ``r2_score``, except on outputs whose (positively weighted) true values
    are all equal but whose mean scikit-learn computes off by rounding: it then divides by
    the ~1e-33 spread left over (-5e31 for [0.1, 0.1, 0.1] vs [0, 0, 0]) where its own
    documentation, and lecturelib, apply the constant-target convention. Those outputs get
    the convention here, and are combined as scikit-learn combines outputs."""
    kwargs = {"sample_weight": sample_weight, "force_finite": force_finite}
    y = np.asarray(y_true, dtype=float).reshape(len(y_true), -1)
    p = np.asarray(y_pred, dtype=float).reshape(len(y_true), -1)
    counted = y if sample_weight is None else y[np.asarray(sample_weight) > 0]
    constant = np.all(counted == counted[0], axis=0)
    rounded = constant & (np.average(y, axis=0, weights=sample_weight) != counted[0])
    if len(y) < 2 or not rounded.any():
        return silently(skm.r2_score, y_true, y_pred, multioutput=multioutput, **kwargs)
    raw = silently(skm.r2_score, y_true, y_pred, multioutput="raw_values", **kwargs)
    w = 1.0 if sample_weight is None else np.asarray(sample_weight)[:, None]
    perfect = np.sum(w * (y - p) ** 2, axis=0) == 0
    raw[rounded & perfect] = 1.0 if force_finite else np.nan
    raw[rounded & ~perfect] = 0.0 if force_finite else -np.inf
    if isinstance(multioutput, str) and multioutput == "raw_values":
        return raw
    if isinstance(multioutput, str) and multioutput == "variance_weighted":
        spread = np.sum(w * (y - np.average(y, axis=0, weights=sample_weight)) ** 2, axis=0)
        spread[constant] = 0.0
        multioutput = spread if np.any(spread) else None
    elif isinstance(multioutput, str) or multioutput is None:
        multioutput = None
    with np.errstate(all="ignore"):        # NaN or -inf scores with weight 0 give NaN
        return float(np.average(raw, weights=multioutput))


# --------------------------------------------------------------------------- fixed cases

def test_oracle_mape_with_a_zero_target():
    # ORACLES.md §1.9: a fraction, not x100; y = 0 divides by eps instead of raising.
    got = R.mean_absolute_percentage_error([3, -0.5, 2, 7, 0], [2.5, 0, 2, 8, 0.1])
    assert got == 90071992547410.19
    assert got == skm.mean_absolute_percentage_error([3, -0.5, 2, 7, 0], [2.5, 0, 2, 8, 0.1])
    assert R.mean_absolute_percentage_error([0.0, 2.0], [0.0, 3.0]) == 0.25  # 0/eps = 0


def test_oracle_rmse_averages_per_output_roots():
    # ORACLES.md §1.9: mean of the per-output RMSEs (0.8227), not sqrt(mean MSE) (0.8416).
    got = R.root_mean_squared_error(Y2, P2)
    per_output = R.root_mean_squared_error(Y2, P2, multioutput="raw_values")
    assert got == pytest.approx(0.8227486121839513, rel=1e-15)
    assert got == float(np.mean(per_output))
    assert got < np.sqrt(R.mean_squared_error(Y2, P2))
    assert got == skm.root_mean_squared_error(Y2, P2)


def test_mean_squared_error_has_no_squared_argument():
    # `squared=False` was removed from scikit-learn in 1.6 (TypeError); same here.
    with pytest.raises(TypeError):
        R.mean_squared_error(Y1, P1, squared=False)


DOC_VALUES = {
    # name: (1-D value, 2-D uniform, 2-D raw values, 2-D with weights [0.3, 0.7])
    "mean_squared_error": (0.375, 0.7083333333333334, [0.41666666666666669, 1.0], 0.825),
    "mean_absolute_error": (0.5, 0.75, [0.5, 1.0], 0.85),
    "median_absolute_error": (0.5, 0.75, [0.5, 1.0], 0.85),
}


@pytest.mark.parametrize("name", NAMES)
def test_docstring_examples_match_sklearn(name):
    for args, kwargs in [((Y1, P1), {}), ((Y2, P2), {}),
                         ((Y2, P2), {"multioutput": "raw_values"}),
                         ((Y2, P2), {"multioutput": [0.3, 0.7]}),
                         ((Y1, P1), {"sample_weight": [1, 2, 0.5, 3]}),
                         ((Y2, P2), {"sample_weight": [2, 0, 1],
                                     "multioutput": "raw_values"})]:
        if name == "median_absolute_error" and "sample_weight" in kwargs \
                and not SKLEARN_AVERAGES_WEIGHTED_MEDIAN:
            continue
        assert_same(ours(name)(*args, **kwargs), theirs(name)(*args, **kwargs))
    if name in DOC_VALUES:
        one, uniform, raw, weighted = DOC_VALUES[name]
        assert ours(name)(Y1, P1) == one
        assert ours(name)(Y2, P2) == pytest.approx(uniform, rel=1e-15)
        np.testing.assert_allclose(ours(name)(Y2, P2, multioutput="raw_values"), raw,
                                   rtol=1e-15)
        assert ours(name)(Y2, P2, multioutput=[0.3, 0.7]) == pytest.approx(weighted,
                                                                          rel=1e-15)


def test_r2_conventions():
    assert R.r2_score([1, 2, 3], [1, 2, 3]) == 1.0
    assert R.r2_score([1, 2, 3], [2, 2, 2]) == 0.0            # the mean baseline
    assert R.r2_score([1, 2, 3], [3, 2, 1]) == -3.0           # worse than the baseline
    assert R.r2_score([1, 2, 3], [30, 20, 10]) < -100         # no lower bound
    # Constant y_true, per output: 1 / 0 with force_finite, NaN / -inf without.
    assert R.r2_score([-2, -2, -2], [-2, -2, -2]) == 1.0
    assert R.r2_score([-2, -2, -2], [-2, -2, -2 + 1e-8]) == 0.0
    assert np.isnan(R.r2_score([-2, -2, -2], [-2, -2, -2], force_finite=False))
    assert R.r2_score([-2, -2, -2], [-2, -2, -1], force_finite=False) == -np.inf
    y, p = [[1, 5], [2, 5], [3, 5]], [[1, 5], [2, 5], [2, 6]]
    for kwargs in [{}, {"force_finite": False}]:
        for multioutput in ["raw_values", "uniform_average", "variance_weighted", None,
                            [1, 3]]:
            assert_same(silently(R.r2_score, y, p, multioutput=multioutput, **kwargs),
                        silently(skm.r2_score, y, p, multioutput=multioutput, **kwargs))
    np.testing.assert_array_equal(R.r2_score(y, p, multioutput="raw_values"), [0.5, 0.0])
    # variance_weighted ignores the constant output; if all are constant, plain mean.
    assert R.r2_score(y, p, multioutput="variance_weighted") == 0.5
    assert R.r2_score([[1, 5], [1, 5]], [[1, 5], [1, 6]],
                      multioutput="variance_weighted") == 0.5


def test_r2_constant_target_whose_mean_rounds():
    # np.mean([0.1] * 3) == 0.10000000000000002: scikit-learn (1.6.1 to 1.9.1 at least)
    # returns about -5.19e31 here; lecturelib applies the documented convention.
    assert np.mean([0.1] * 3) != 0.1
    assert R.r2_score([0.1] * 3, [0, 0, 0]) == 0.0
    assert R.r2_score([0.1] * 3, [0.1] * 3) == 1.0
    assert R.r2_score([0.1] * 3, [0, 0, 0], force_finite=False) == -np.inf
    assert np.isnan(R.r2_score([0.1] * 3, [0.1] * 3, force_finite=False))
    # Only the positively weighted values need to be equal; the others do not count.
    assert R.r2_score([0.1, 0.1, 5, 0.1], [0, 0, 0, 0], sample_weight=[1, 2, 0, 1]) == 0.0
    # variance_weighted gives that output weight 0, not ~1e-33 x -5e31.
    y, p = [[0.1, 1], [0.1, 2], [0.1, 3]], [[0, 1], [0, 2], [0, 2]]
    assert R.r2_score(y, p, multioutput="variance_weighted") == 0.5
    np.testing.assert_array_equal(R.r2_score(y, p, multioutput="raw_values"), [0.0, 0.5])
    for multioutput in ["raw_values", "uniform_average", "variance_weighted", [1, 2]]:
        assert_same(R.r2_score(y, p, multioutput=multioutput),
                    sklearn_r2(y, p, multioutput=multioutput))


def test_r2_weighted_baseline_is_the_weighted_mean():
    y, w = np.array([1.0, 2.0, 4.0]), np.array([1.0, 2.0, 1.0])
    mean = np.average(y, weights=w)
    assert R.r2_score(y, np.full(3, mean), sample_weight=w) == pytest.approx(0, abs=1e-15)
    assert_same(R.r2_score(y, [1, 2, 3], sample_weight=w),
                skm.r2_score(y, [1, 2, 3], sample_weight=w))


@pytest.mark.parametrize("multioutput", ["raw_values", "uniform_average"])
def test_r2_single_sample_is_nan_with_a_warning(multioutput):
    with pytest.warns(UndefinedMetricWarning, match="single sample"):
        got = R.r2_score([1.0], [2.0], multioutput=multioutput)
    assert type(got) is float and np.isnan(got)
    assert np.isnan(silently(skm.r2_score, [1.0], [2.0], multioutput=multioutput))


def test_one_dimensional_and_single_column_are_interchangeable():
    y_col, p_col = np.array(Y1)[:, None], np.array(P1)[:, None]
    for name in NAMES:
        assert ours(name)(Y1, P1) == ours(name)(y_col, P1) == ours(name)(Y1, p_col) \
               == ours(name)(y_col, p_col) == theirs(name)(y_col, P1)
        raw = ours(name)(Y1, P1, multioutput="raw_values")
        assert raw.shape == (1,) and raw[0] == ours(name)(Y1, P1)


def test_weighted_median_examples():
    zeros, pred = [0, 0, 0, 0], [1, 2, 3, 4]
    assert R.median_absolute_error(zeros, pred) == 2.5
    assert R.median_absolute_error(zeros, pred, sample_weight=[1, 1, 1, 1]) == 2.5
    assert R.median_absolute_error(zeros, pred, sample_weight=[3, 1, 1, 1]) == 1.5
    assert R.median_absolute_error(zeros, pred, sample_weight=[4, 1, 1, 1]) == 1.0
    # Zero weights are skipped when looking for the "next" error to average with ...
    assert R.median_absolute_error(zeros, pred, sample_weight=[1, 0, 1, 0]) == 2.0
    assert R.median_absolute_error(zeros, pred, sample_weight=[1, 0, 0, 1]) == 2.5
    # ... and trailing zero weights leave the error itself.
    assert R.median_absolute_error(zeros, pred, sample_weight=[1, 1, 0, 0]) == 1.5
    assert R.median_absolute_error(zeros, pred, sample_weight=[0, 0, 0, 1]) == 4.0


@needs_averaged_weighted_median
def test_weighted_median_examples_match_sklearn():
    zeros, pred = [0, 0, 0, 0], [1, 2, 3, 4]
    for w in ([1, 1, 1, 1], [3, 1, 1, 1], [4, 1, 1, 1], [1, 0, 1, 0], [1, 0, 0, 1],
              [1, 1, 0, 0], [0, 0, 0, 1], [0.1, 0.2, 0.3, 0.4], [0.1, 0.2, 0.3, 0.0]):
        assert_same(R.median_absolute_error(zeros, pred, sample_weight=w),
                    skm.median_absolute_error(zeros, pred, sample_weight=w))


def test_importing_regression_does_not_import_sklearn_or_scipy():
    code = ("import sys, lecturelib.regression; "
            "print(sorted(m for m in ('sklearn', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


# ------------------------------------------------------------------ hypothesis vs sklearn

# Values with many ties and zeros (small integers and halves), or general floats.
VALUE = st.one_of(st.sampled_from([0.0, 0.5, -0.5, 1.0, -1.0, 2.0, -3.0, 7.0]),
                  st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False),
                  st.integers(-5, 5).map(float))
WEIGHT = st.one_of(st.sampled_from([0.0, 1.0, 2.0, 0.5]), st.floats(0, 10))


@st.composite
def regression_problems(draw, *, constant_targets=False):
    n = draw(st.integers(1, 25))
    k = draw(st.sampled_from([None, 1, 2, 3]))
    shape = (n,) if k is None else (n, k)
    size = int(np.prod(shape))
    y_true = np.array(draw(st.lists(VALUE, min_size=size, max_size=size))).reshape(shape)
    if constant_targets or draw(st.integers(0, 5)) == 0:
        y_true = np.broadcast_to(y_true[:1], shape).copy()     # every column constant
    how = draw(st.sampled_from(["random", "exact", "close"]))
    if how == "exact":
        y_pred = y_true.copy()
    else:
        y_pred = np.array(draw(st.lists(VALUE, min_size=size, max_size=size)))
        y_pred = y_pred.reshape(shape)
        if how == "close":
            y_pred = y_true + y_pred * 1e-3
    sample_weight = None
    if draw(st.booleans()):
        sample_weight = np.array(draw(st.lists(WEIGHT, min_size=n, max_size=n)))
        assume(np.any(sample_weight > 0))
    n_outputs = 1 if k is None else k
    choices = ["raw_values", "uniform_average"]
    if n_outputs > 1:
        choices.append("weights")
    multioutput = draw(st.sampled_from(choices))
    if multioutput == "weights":
        multioutput = np.array(draw(st.lists(WEIGHT, min_size=n_outputs,
                                             max_size=n_outputs)))
        assume(np.any(multioutput > 0))
    return y_true, y_pred, sample_weight, multioutput


@FAST
@pytest.mark.parametrize("name", MEAN_NAMES)
@given(problem=regression_problems())
def test_mean_metrics_match_sklearn(name, problem):
    y_true, y_pred, sample_weight, multioutput = problem
    kwargs = {"sample_weight": sample_weight, "multioutput": multioutput}
    assert_same(ours(name)(y_true, y_pred, **kwargs), theirs(name)(y_true, y_pred, **kwargs))


@FAST
@given(problem=regression_problems())
def test_unweighted_median_absolute_error_matches_sklearn(problem):
    y_true, y_pred, _, multioutput = problem
    assert_same(R.median_absolute_error(y_true, y_pred, multioutput=multioutput),
                skm.median_absolute_error(y_true, y_pred, multioutput=multioutput))


@needs_averaged_weighted_median
@FAST
@given(problem=regression_problems())
def test_weighted_median_absolute_error_matches_sklearn(problem):
    y_true, y_pred, sample_weight, multioutput = problem
    assume(sample_weight is not None)
    kwargs = {"sample_weight": sample_weight, "multioutput": multioutput}
    assert_same(R.median_absolute_error(y_true, y_pred, **kwargs),
                skm.median_absolute_error(y_true, y_pred, **kwargs))


@FAST
@given(problem=regression_problems(),
       counts=st.lists(st.integers(0, 4), min_size=25, max_size=25))
def test_weighted_median_is_median_of_repeated_errors(problem, counts):
    # Version-independent oracle: integer weights act as repeated samples.
    y_true, y_pred, _, _ = problem
    weight = np.array(counts[:len(y_true)], dtype=float)
    assume(weight.sum() > 0)
    errors = np.abs(np.asarray(y_pred) - np.asarray(y_true)).reshape(len(y_true), -1)
    want = np.median(np.repeat(errors, weight.astype(int), axis=0), axis=0)
    got = R.median_absolute_error(y_true, y_pred, sample_weight=weight,
                                  multioutput="raw_values")
    np.testing.assert_array_equal(got, want)


@FAST
@pytest.mark.parametrize("force_finite", [True, False])
@given(problem=regression_problems(),
       variance_weighted=st.booleans())
def test_r2_score_matches_sklearn(force_finite, problem, variance_weighted):
    y_true, y_pred, sample_weight, multioutput = problem
    if variance_weighted:
        multioutput = "variance_weighted"
    kwargs = {"sample_weight": sample_weight, "multioutput": multioutput,
              "force_finite": force_finite}
    if len(y_true) < 2:
        with pytest.warns(UndefinedMetricWarning):
            got = R.r2_score(y_true, y_pred, **kwargs)
        assert np.isnan(got) and np.isnan(silently(skm.r2_score, y_true, y_pred, **kwargs))
        return
    with warnings.catch_warnings():
        warnings.simplefilter("error")        # no RuntimeWarning from 0/0 leaks out
        got = R.r2_score(y_true, y_pred, **kwargs)
    assert_same(got, sklearn_r2(y_true, y_pred, **kwargs))


@FAST
@given(problem=regression_problems(constant_targets=True))
def test_r2_score_constant_targets_match_sklearn(problem):
    y_true, y_pred, sample_weight, multioutput = problem
    assume(len(y_true) >= 2)
    for force_finite in (True, False):
        kwargs = {"sample_weight": sample_weight, "multioutput": multioutput,
                  "force_finite": force_finite}
        assert_same(R.r2_score(y_true, y_pred, **kwargs), sklearn_r2(y_true, y_pred, **kwargs))
        raw = R.r2_score(y_true, y_pred, sample_weight=sample_weight,
                         multioutput="raw_values", force_finite=force_finite)
        allowed = [0.0, 1.0] if force_finite else [-np.inf]
        assert np.all(np.isin(raw, allowed) | (np.isnan(raw) & (not force_finite)))


# ------------------------------------------------------------------------------ bad input

GOOD = ([1.0, 2.0, 3.0], [1.0, 2.5, 2.0])
GOOD2 = (np.arange(6.0).reshape(3, 2), np.ones((3, 2)))
NAN = float("nan")
INF = float("inf")

BAD = {
    # case: (args, kwargs, message; also rejected by scikit-learn with ValueError?)
    "nan in y_true": (([1, NAN, 3], GOOD[1]), {}, "`y_true` contains NaN", True),
    "inf in y_pred": ((GOOD[0], [1, INF, 3]), {}, "`y_pred` contains NaN or infinity", True),
    "-inf in y_true": (([1, -INF, 3], GOOD[1]), {}, "`y_true` contains NaN", True),
    "lengths": ((GOOD[0], [1, 2]), {}, "different numbers of samples", True),
    "empty": (([], []), {}, "`y_true` is empty", True),
    "3-D": ((np.ones((2, 2, 2)), np.ones((2, 2, 2))), {}, "`y_true` must be 1-D or 2-D",
            True),
    "outputs": ((np.ones((3, 2)), np.ones((3, 3))), {}, "`y_true` has 2 output", True),
    "strings": ((["a", "b"], [1, 2]), {}, "`y_true` must be numeric", True),
    "negative weight": (GOOD, {"sample_weight": [1, -1, 1]},
                        "`sample_weight` has negative", False),
    "all-zero weights": (GOOD, {"sample_weight": [0, 0, 0]}, "`sample_weight` is all zeros",
                         None),
    "nan weight": (GOOD, {"sample_weight": [1, NAN, 1]}, "`sample_weight` contains NaN",
                   None),
    "weights length": (GOOD, {"sample_weight": [1, 1]}, "`sample_weight` has 2 values",
                       True),
    "2-D weights": (GOOD, {"sample_weight": [[1, 1, 1]]}, "`sample_weight` must be 1-D",
                    True),
    "multioutput string": (GOOD, {"multioutput": "mean"}, "`multioutput` must be one of",
                           True),
    "multioutput length": (GOOD2, {"multioutput": [1, 2, 3]}, "`multioutput` has 3 weights",
                           None),
    "multioutput, one output": (GOOD, {"multioutput": [1.0]}, "several outputs", None),
    "multioutput negative": (GOOD2, {"multioutput": [1, -1]}, "`multioutput` has negative",
                             False),
    "multioutput zeros": (GOOD2, {"multioutput": [0, 0]}, "`multioutput` weights are all "
                          "zero", None),
    "multioutput nan": (GOOD2, {"multioutput": [1, NAN]}, "`multioutput` contains NaN",
                        True),
}


@pytest.mark.parametrize("case", list(BAD))
@pytest.mark.parametrize("name", NAMES)
def test_bad_input_raises_naming_the_argument(name, case):
    args, kwargs, message, sklearn_raises = BAD[case]
    with pytest.raises(ValueError, match=message):
        ours(name)(*args, **kwargs)
    # scikit-learn's RMSE leaves `multioutput` weights to np.average: a wrong length is a
    # TypeError there, NaN weights give NaN.
    rmse_weights = name == "root_mean_squared_error" and not isinstance(
        kwargs.get("multioutput", "uniform_average"), str)
    if sklearn_raises and not rmse_weights:
        with pytest.raises(ValueError):
            silently(theirs(name), *args, **kwargs)


@pytest.mark.parametrize("name", MEAN_NAMES + ["median_absolute_error"])
def test_variance_weighted_is_for_r2_only(name):
    with pytest.raises(ValueError, match="`multioutput` must be one of 'raw_values', "
                                         "'uniform_average' or"):
        ours(name)(*GOOD2, multioutput="variance_weighted")
    with pytest.raises(ValueError):
        theirs(name)(*GOOD2, multioutput="variance_weighted")
    assert R.r2_score(*GOOD2, multioutput="variance_weighted") == skm.r2_score(
        *GOOD2, multioutput="variance_weighted")


@needs_all_zero_weight_error
@pytest.mark.parametrize("name", NAMES)
def test_all_zero_weights_rejected_like_sklearn(name):
    with pytest.raises(ValueError):
        theirs(name)(*GOOD, sample_weight=[0, 0, 0])


def test_r2_force_finite_must_be_bool():
    with pytest.raises(ValueError, match="`force_finite`"):
        R.r2_score(*GOOD, force_finite="yes")


# ------------------------------------------------------------------------------ fit_line

def lad_objective(x, y, slope, intercept):
    return float(np.abs(np.asarray(y) - intercept - slope * np.asarray(x)).sum())


def linprog_lad(x, y):
    """The LAD line from a linear programme: min sum(u + v) s.t. a + b x + u - v = y."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    n = x.size
    cost = np.r_[0.0, 0.0, np.ones(2 * n)]
    a_eq = np.hstack([np.ones((n, 1)), x[:, None], np.eye(n), -np.eye(n)])
    bounds = [(None, None)] * 2 + [(0, None)] * (2 * n)
    res = linprog(cost, A_eq=a_eq, b_eq=y, bounds=bounds, method="highs")
    assert res.status == 0, res.message
    intercept, slope = res.x[:2]
    return slope, intercept


# Small integers (ties, duplicate points, repeated x) or 2-decimal values: x values 1e-8
# apart make the linear programme ill-conditioned, and HiGHS then stops ~1e-8 short of the
# optimum (lecturelib's exact line is the better one there).
POINT = st.one_of(st.integers(-6, 6).map(float), st.floats(-50, 50).map(lambda v: round(v, 2)))


@st.composite
def point_sets(draw, max_size=30):
    n = draw(st.integers(2, max_size))
    x = np.array(draw(st.lists(POINT, min_size=n, max_size=n)))
    y = np.array(draw(st.lists(POINT, min_size=n, max_size=n)))
    assume(np.ptp(x) > 1e-3)
    return x, y


@settings(max_examples=60, deadline=None, database=None)
@given(points=point_sets())
def test_lad_line_is_optimal_like_linprog(points):
    x, y = points
    slope, intercept = R.fit_line(x, y, loss="absolute")
    ours_sum = lad_objective(x, y, slope, intercept)
    lp_sum = lad_objective(x, y, *linprog_lad(x, y))
    assert abs(ours_sum - lp_sum) <= 1e-9 * max(1.0, lp_sum)
    # No line through two points does better (the optimum is among them).
    i, j = np.triu_indices(len(x), k=1)
    keep = x[i] != x[j]
    slopes = (y[j[keep]] - y[i[keep]]) / (x[j[keep]] - x[i[keep]])
    sums = np.abs(y - (y[i[keep]] - slopes * x[i[keep]])[:, None] - slopes[:, None] * x)
    assert ours_sum <= sums.sum(axis=1).min() * (1 + 1e-12) + 1e-12
    # It passes through two of the points with different x.
    on_line = np.abs(y - intercept - slope * x) <= 1e-9 * (1 + np.abs(y))
    assert np.unique(x[on_line]).size >= 2


@pytest.mark.parametrize("seed", range(4))
def test_lad_line_on_random_data_up_to_the_limit(seed):
    rng = np.random.default_rng(seed)
    n = [20, 75, 150, R.LAD_MAX_POINTS][seed]
    x = rng.normal(size=n)
    y = 3 * x - 1 + rng.standard_t(2, size=n)
    y[: n // 10] += 40                                   # gross outliers
    slope, intercept = R.fit_line(x, y, loss="absolute")
    lp_sum = lad_objective(x, y, *linprog_lad(x, y))
    assert abs(lad_objective(x, y, slope, intercept) - lp_sum) <= 1e-9 * lp_sum


def test_lad_ties_take_the_pair_with_the_smallest_indices():
    # Corners of a unit square: pairs (0, 2), (0, 3), (1, 2), (1, 3) all sum to 2.
    assert R.fit_line([0, 0, 1, 1], [0, 1, 0, 1], loss="absolute") == (0.0, 0.0)
    assert R.fit_line([0, 0, 1, 1], [1, 0, 0, 1], loss="absolute") == (-1.0, 1.0)
    assert R.fit_line([1, 0, 0, 1], [1, 0, 1, 0], loss="absolute") == (1.0, 0.0)
    # Two points: the line through them; collinear points: that line.
    assert R.fit_line([1, 3], [2, 8], loss="absolute") == (3.0, -1.0)
    assert R.fit_line([0, 1, 2, 3], [1, 3, 5, 7], loss="absolute") == (2.0, 1.0)
    # Constant y: the flat line, whatever the x.
    assert R.fit_line([5, 1, 3], [2, 2, 2], loss="absolute") == (0.0, 2.0)


def test_lad_resists_an_outlier_and_least_squares_does_not():
    x = np.arange(5.0)
    lines = {}
    for outlier in (9.0, 30.0, 300.0, 3000.0):
        y = np.r_[2 * x[:4] + 1, outlier]
        lines[outlier] = (R.fit_line(x, y, loss="absolute"), R.fit_line(x, y))
    assert {lad for lad, _ in lines.values()} == {(2.0, 1.0)}
    ols_slopes = [ols[0] for _, ols in lines.values()]
    assert ols_slopes == sorted(ols_slopes) and ols_slopes[-1] > 500


@settings(max_examples=60, deadline=None, database=None)
@given(points=point_sets(max_size=50))
def test_least_squares_matches_polyfit_and_linear_regression(points):
    x, y = points
    slope, intercept = R.fit_line(x, y, loss="squared")
    scale = 1 + np.abs(y).max() / np.ptp(x)
    np_slope, np_intercept = np.polyfit(x, y, 1)
    lr = LinearRegression().fit(x[:, None], y)
    for want_slope, want_intercept in [(np_slope, np_intercept),
                                       (lr.coef_[0], lr.intercept_)]:
        assert slope == pytest.approx(want_slope, rel=1e-9, abs=1e-9 * scale)
        assert intercept == pytest.approx(want_intercept, rel=1e-9,
                                          abs=1e-9 * scale * (1 + np.abs(x).max()))
    # Least squares: residuals sum to zero, so the line passes through the means.
    assert intercept + slope * x.mean() == pytest.approx(y.mean(), abs=1e-9 * (
        1 + np.abs(y).max()))


def test_fit_line_with_x_values_too_close_for_float64():
    # Lines through two points 2e-311 apart in x have an infinite slope: LAD skips them ...
    assert R.fit_line([0, 1, 2e-311], [0, 0, 1], loss="absolute") == (0.0, 0.0)
    # ... and if no other line is left, or least squares overflows, the fit refuses.
    for loss in ("squared", "absolute"):
        with pytest.raises(ValueError, match="infinite or undefined slope"):
            R.fit_line([0, 2e-311], [0, 1], loss=loss)


def test_fit_line_returns_floats():
    for loss in ("squared", "absolute"):
        slope, intercept = R.fit_line([0, 1, 2], [1, 2, 4], loss=loss)
        assert type(slope) is float and type(intercept) is float


@pytest.mark.parametrize("args, kwargs, message", [
    (([0, 1], [1, 2]), {"loss": "huber"}, "`loss` must be 'squared' or 'absolute'"),
    (([1.0], [2.0]), {}, "at least two points"),
    (([2, 2, 2], [1, 2, 3]), {}, "Every `x` equals 2"),
    (([2, 2, 2], [1, 2, 3]), {"loss": "absolute"}, "Every `x` equals 2"),
    (([0, NAN, 2], [1, 2, 3]), {}, "`x` contains NaN"),
    (([0, 1, 2], [1, INF, 3]), {"loss": "absolute"}, "`y` contains NaN or infinity"),
    (([0, 1, 2], [1, 2]), {}, "different numbers of samples"),
    (([[0, 1, 2]], [1, 2, 3]), {}, "`x` must be 1-D"),
    (([], []), {}, "`x` is empty"),
    ((np.arange(R.LAD_MAX_POINTS + 1.0), np.zeros(R.LAD_MAX_POINTS + 1)),
     {"loss": "absolute"}, "at most 200 points"),
])
def test_fit_line_bad_input(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        R.fit_line(*args, **kwargs)

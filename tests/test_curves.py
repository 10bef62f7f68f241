"""lecturelib.curves agrees with scikit-learn, and rejects bad input clearly.

Curves are compared for exact array equality (same sort, same cumulative sums; weighted
curves from scikit-learn 1.8 on, see ``assert_same_curve``), areas to ``rtol=1e-12``.
Documented differences, tested as such: where a curve needs a class that ``y_true`` lacks,
lecturelib raises ``ValueError`` (scikit-learn returns NaN / 0 with a warning), and
``roc_auc_score`` is binary-only. See ORACLES.md §1.4–1.8.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import sklearn
import sklearn.metrics as skm
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from packaging.version import Version

from lecturelib import curves as K

SKLEARN = Version(sklearn.__version__).release
# From scikit-learn 1.8.0 its threshold sweep orders tied scores as lecturelib does
# (argsort(stable=True, descending=True)); up to 1.7.2 it took the reversed mergesort, which
# reverses the tied samples, so weighted counts are summed in another order and can differ in
# the last bit (~1e-17 on a rate). Bit-exactness is promised, and tested, from 1.8 on (the dev
# environment); before, weighted curves are compared to a relative 1e-12, far above the
# n * eps bound of reordering a sum of n non-negative terms and far below anything visible.
SKLEARN_SUMS_TIES_IN_LECTURELIB_ORDER = SKLEARN >= (1, 8)

FAST = settings(max_examples=80, deadline=None, database=None)

# The lecture's ROC example.
Y = [0, 0, 1, 1, 0, 1, 0, 1]
S = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.35]


def silently(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(*args, **kwargs)


def assert_arrays_equal(got, want):
    assert len(got) == len(want)
    for a, b in zip(got, want):
        np.testing.assert_array_equal(a, b, strict=False)
        assert np.shape(a) == np.shape(b)


def assert_close(got, want):
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=0)


def assert_same_curve(got, want, sample_weight=None):
    """``got`` equals scikit-learn's curve ``want``: bit for bit where the sums are summed in
    the same order (any unweighted curve, and every curve from scikit-learn 1.8 on)."""
    if SKLEARN_SUMS_TIES_IN_LECTURELIB_ORDER or sample_weight is None:
        assert_arrays_equal(got, want)
        return
    assert len(got) == len(want)
    for a, b in zip(got, want):
        assert np.shape(a) == np.shape(b)
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=0)


def sk_binary_clf_curve(y_true, y_score, **kwargs):
    """scikit-learn's (fps, tps, thresholds). ``confusion_matrix_at_thresholds`` is public
    from scikit-learn 1.8.0; before, the same sweep is the private ``_binary_clf_curve``,
    which returns (fps, tps, thresholds) directly."""
    at_thresholds = getattr(skm, "confusion_matrix_at_thresholds", None)
    if at_thresholds is None:
        from sklearn.metrics._ranking import _binary_clf_curve

        return _binary_clf_curve(y_true, y_score, **kwargs)
    _, fps, _, tps, thr = at_thresholds(y_true, y_score, **kwargs)
    return fps, tps, thr


# --------------------------------------------------------------------------------------
# 1. The lecture example
# --------------------------------------------------------------------------------------


def test_lecture_roc_curve():
    fpr, tpr, thr = K.roc_curve(Y, S)
    np.testing.assert_array_equal(fpr, [0, 0, 0, 0.5, 0.5, 1])
    np.testing.assert_array_equal(tpr, [0, 0.25, 0.5, 0.5, 1, 1])
    np.testing.assert_array_equal(thr, [np.inf, 0.9, 0.8, 0.4, 0.35, 0.1])
    assert_arrays_equal((fpr, tpr, thr), skm.roc_curve(Y, S))


def test_lecture_roc_curve_without_dropping():
    fpr, tpr, thr = K.roc_curve(Y, S, drop_intermediate=False)
    # One more point than the default: the collinear one at threshold 0.2.
    np.testing.assert_array_equal(thr, [np.inf, 0.9, 0.8, 0.4, 0.35, 0.2, 0.1])
    np.testing.assert_array_equal(fpr, [0, 0, 0, 0.5, 0.5, 0.75, 1])
    np.testing.assert_array_equal(tpr, [0, 0.25, 0.5, 0.5, 1, 1, 1])
    assert len(thr) == len(K.roc_curve(Y, S)[2]) + 1
    assert_arrays_equal((fpr, tpr, thr), skm.roc_curve(Y, S, drop_intermediate=False))


def test_lecture_auc_and_average_precision():
    auc = K.roc_auc_score(Y, S)
    assert auc == 0.75
    assert auc == skm.roc_auc_score(Y, S)
    fpr, tpr, _ = K.roc_curve(Y, S)
    assert K.auc(fpr, tpr) == 0.75

    ap = K.average_precision_score(Y, S)
    assert ap == pytest.approx(0.8333333333333333, rel=1e-12)
    assert_close(ap, skm.average_precision_score(Y, S))

    precision, recall, _ = K.precision_recall_curve(Y, S)
    trapezoid = K.auc(recall, precision)  # decreasing recall: still a positive area
    assert trapezoid == pytest.approx(19 / 24, rel=1e-12)  # 0.7917
    assert round(trapezoid, 4) == 0.7917
    assert_close(trapezoid, skm.auc(recall, precision))
    # AP is a step sum, not the (optimistic here) trapezoid; they differ.
    assert ap != pytest.approx(trapezoid)


def test_lecture_precision_recall_curve():
    got = K.precision_recall_curve(Y, S)
    assert_arrays_equal(got, skm.precision_recall_curve(Y, S))
    precision, recall, thr = got
    np.testing.assert_array_equal(thr, [0.1, 0.2, 0.35, 0.4, 0.8, 0.9])
    assert (precision[-1], recall[-1]) == (1.0, 0.0)
    assert precision[0] == 0.5  # everything predicted positive: the prevalence
    assert recall[0] == 1.0


def test_lecture_binary_clf_curve():
    got = K.binary_clf_curve(Y, S)
    assert_arrays_equal(got, sk_binary_clf_curve(Y, S))
    fps, tps, thr = got
    np.testing.assert_array_equal(tps, [1, 2, 2, 4, 4, 4])
    np.testing.assert_array_equal(fps, [0, 0, 2, 2, 3, 4])


def test_partial_auc_example_matches_sklearn():
    for max_fpr in (0.1, 0.25, 0.5, 0.75, 0.99, 1.0):
        assert_close(K.roc_auc_score(Y, S, max_fpr=max_fpr),
                     skm.roc_auc_score(Y, S, max_fpr=max_fpr))
    assert K.roc_auc_score(Y, S, max_fpr=1.0) == K.roc_auc_score(Y, S)


# --------------------------------------------------------------------------------------
# 2. Edge cases (ORACLES §1.4–1.8)
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("drop_intermediate", [True, False])
def test_roc_first_threshold_is_inf_and_curve_spans_unit_square(drop_intermediate):
    fpr, tpr, thr = K.roc_curve(Y, S, drop_intermediate=drop_intermediate)
    assert thr[0] == np.inf
    assert (fpr[0], tpr[0]) == (0.0, 0.0)
    assert (fpr[-1], tpr[-1]) == (1.0, 1.0)
    assert np.all(np.diff(fpr) >= 0) and np.all(np.diff(tpr) >= 0)
    assert np.all(np.diff(thr) < 0)


@pytest.mark.parametrize("drop_intermediate", [True, False])
def test_pr_curve_shape_and_last_point(drop_intermediate):
    precision, recall, thr = K.precision_recall_curve(Y, S, drop_intermediate=drop_intermediate)
    assert len(precision) == len(recall) == len(thr) + 1
    assert (precision[-1], recall[-1]) == (1.0, 0.0)
    assert np.all(np.diff(thr) > 0)
    assert np.all(np.diff(recall) <= 0)
    assert_arrays_equal((precision, recall, thr),
                        skm.precision_recall_curve(Y, S, drop_intermediate=drop_intermediate))


def test_pr_drop_intermediate_drops_vertical_runs():
    y = [1, 0, 0, 0, 1, 0, 1]
    s = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]
    full = K.precision_recall_curve(y, s)
    dropped = K.precision_recall_curve(y, s, drop_intermediate=True)
    assert len(dropped[2]) < len(full[2])
    assert_arrays_equal(dropped, skm.precision_recall_curve(y, s, drop_intermediate=True))


@pytest.mark.parametrize("y", [[0, 1, 0, 0, 1], [1, 1, 1, 0], [0, 0, 0, 0, 0, 0, 0, 1]])
def test_all_tied_scores(y):
    s = np.full(len(y), 0.3)
    prevalence = np.mean(y)
    assert K.average_precision_score(y, s) == pytest.approx(prevalence, rel=1e-15)
    assert_close(K.average_precision_score(y, s), skm.average_precision_score(y, s))
    assert K.roc_auc_score(y, s) == 0.5
    assert K.roc_auc_score(y, s) == skm.roc_auc_score(y, s)
    fpr, tpr, thr = K.roc_curve(y, s)
    np.testing.assert_array_equal(fpr, [0, 1])
    np.testing.assert_array_equal(tpr, [0, 1])
    np.testing.assert_array_equal(thr, [np.inf, 0.3])
    assert_arrays_equal(K.precision_recall_curve(y, s), skm.precision_recall_curve(y, s))


def test_perfect_and_reversed_rankings():
    y = [0, 0, 1, 1]
    assert K.roc_auc_score(y, [0.1, 0.2, 0.3, 0.4]) == 1.0
    assert K.roc_auc_score(y, [0.4, 0.3, 0.2, 0.1]) == 0.0
    assert K.average_precision_score(y, [0.1, 0.2, 0.3, 0.4]) == 1.0
    assert_close(K.average_precision_score(y, [0.4, 0.3, 0.2, 0.1]),
                 skm.average_precision_score(y, [0.4, 0.3, 0.2, 0.1]))


SW_CASES = [
    pytest.param([1, 2, 1, 3, 1, 2, 1, 1], id="int"),
    pytest.param([0.5, 2.0, 0.1, 1.0, 0.7, 3.3, 1.0, 0.25], id="float"),
    pytest.param([0.0, 2.0, 0.0, 1.0, 0.7, 0.0, 1.0, 0.25], id="zeros"),
    pytest.param([1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0], id="zero-drops-0.4-threshold"),
]


@pytest.mark.parametrize("sample_weight", SW_CASES)
def test_sample_weight_matches_sklearn(sample_weight):
    for drop in (True, False):
        assert_same_curve(K.roc_curve(Y, S, sample_weight=sample_weight, drop_intermediate=drop),
                          skm.roc_curve(Y, S, sample_weight=sample_weight,
                                        drop_intermediate=drop), sample_weight)
        assert_same_curve(
            K.precision_recall_curve(Y, S, sample_weight=sample_weight, drop_intermediate=drop),
            skm.precision_recall_curve(Y, S, sample_weight=sample_weight,
                                       drop_intermediate=drop), sample_weight)
    assert_same_curve(K.binary_clf_curve(Y, S, sample_weight=sample_weight),
                      sk_binary_clf_curve(Y, S, sample_weight=sample_weight), sample_weight)
    assert_close(K.roc_auc_score(Y, S, sample_weight=sample_weight),
                 skm.roc_auc_score(Y, S, sample_weight=sample_weight))
    assert_close(K.roc_auc_score(Y, S, sample_weight=sample_weight, max_fpr=0.3),
                 skm.roc_auc_score(Y, S, sample_weight=sample_weight, max_fpr=0.3))
    assert_close(K.average_precision_score(Y, S, sample_weight=sample_weight),
                 skm.average_precision_score(Y, S, sample_weight=sample_weight))


def test_zero_weight_samples_are_as_if_removed():
    w = np.array([1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0])
    keep = w > 0
    y, s = np.asarray(Y)[keep], np.asarray(S)[keep]
    assert_arrays_equal(K.roc_curve(Y, S, sample_weight=w), K.roc_curve(y, s))
    assert_arrays_equal(K.precision_recall_curve(Y, S, sample_weight=w),
                        K.precision_recall_curve(y, s))
    # Both samples scored 0.4 have zero weight: 0.4 is no threshold.
    assert 0.4 not in K.roc_curve(Y, S, sample_weight=w, drop_intermediate=False)[2]


def test_integer_weights_equal_repetition():
    w = np.array([1, 2, 1, 3, 1, 2, 1, 1])
    y, s = np.repeat(Y, w), np.repeat(S, w)
    assert_arrays_equal(K.roc_curve(Y, S, sample_weight=w), K.roc_curve(y, s))
    assert_arrays_equal(K.precision_recall_curve(Y, S, sample_weight=w),
                        K.precision_recall_curve(y, s))
    assert_close(K.roc_auc_score(Y, S, sample_weight=w), K.roc_auc_score(y, s))


@pytest.mark.parametrize(
    ("y_true", "pos_label"),
    [
        (np.where(np.asarray(Y) == 1, "spam", "ham"), "spam"),
        (np.where(np.asarray(Y) == 1, "ham", "spam"), "spam"),
        (np.where(np.asarray(Y) == 1, "yes", "no").astype(object), "yes"),
        (np.asarray(Y) + 1, 2),
        (np.asarray(Y), 0),
        (2 * np.asarray(Y) - 1, None),
        (2 * np.asarray(Y) - 1, -1),
        (np.asarray(Y, dtype=bool), True),
        (np.asarray(Y, dtype=float), 1.0),
    ],
)
def test_pos_label_matches_sklearn(y_true, pos_label):
    for drop in (True, False):
        assert_arrays_equal(K.roc_curve(y_true, S, pos_label=pos_label, drop_intermediate=drop),
                            skm.roc_curve(y_true, S, pos_label=pos_label,
                                          drop_intermediate=drop))
        assert_arrays_equal(
            K.precision_recall_curve(y_true, S, pos_label=pos_label, drop_intermediate=drop),
            skm.precision_recall_curve(y_true, S, pos_label=pos_label, drop_intermediate=drop))
    assert_arrays_equal(K.binary_clf_curve(y_true, S, pos_label=pos_label),
                        sk_binary_clf_curve(y_true, S, pos_label=pos_label))
    ap_label = 1 if pos_label is None else pos_label
    assert_close(K.average_precision_score(y_true, S, pos_label=ap_label),
                 skm.average_precision_score(y_true, S, pos_label=ap_label))


def test_pos_label_string_gives_flipped_curve():
    y_str = np.where(np.asarray(Y) == 1, "pos", "neg")
    fpr, tpr, _ = K.roc_curve(y_str, S, pos_label="neg")
    assert K.auc(fpr, tpr) == pytest.approx(0.25)
    fpr, tpr, _ = K.roc_curve(y_str, S, pos_label="pos")
    assert K.auc(fpr, tpr) == 0.75


@pytest.mark.parametrize(
    ("y_true", "expected"),
    [
        (2 * np.asarray(Y) - 1, 0.75),  # {-1, 1}: 1 is positive
        (np.where(np.asarray(Y) == 1, "yes", "no"), 0.75),  # 'yes' > 'no'
        (np.where(np.asarray(Y) == 1, "a", "b"), 0.25),  # 'b' > 'a': the other class
        (np.asarray(Y) + 3, 0.75),
        (np.asarray(Y, dtype=bool), 0.75),
    ],
)
def test_roc_auc_larger_label_is_positive(y_true, expected):
    got = K.roc_auc_score(y_true, S)
    assert got == pytest.approx(expected, rel=1e-15)
    assert_close(got, skm.roc_auc_score(y_true, S))
    for max_fpr in (0.2, 0.5):
        assert_close(K.roc_auc_score(y_true, S, max_fpr=max_fpr),
                     skm.roc_auc_score(y_true, S, max_fpr=max_fpr))


def test_roc_auc_is_mann_whitney_with_half_ties():
    y, s = np.asarray(Y), np.asarray(S)
    pos, neg = s[y == 1], s[y == 0]
    u = np.mean((pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :]))
    assert K.roc_auc_score(Y, S) == pytest.approx(u, rel=1e-15)


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ([0, 0.5, 1], [0, 1, 1]),
        ([1, 0.5, 0], [1, 1, 0]),  # decreasing x: same positive area
        ([0, 0, 1, 1], [0, 1, 0, 1]),  # repeated x
        ([3, 3, 3], [1, 2, 3]),  # zero width
        ([-2, -1, 5], [4, -1, 2]),
        ([0, 1], [1, 1]),
    ],
)
def test_auc_matches_sklearn(x, y):
    got = K.auc(x, y)
    assert type(got) is float
    assert_close(got, skm.auc(x, y))


def test_auc_decreasing_equals_increasing():
    x, y = np.array([0.0, 0.2, 0.7, 1.0]), np.array([0.0, 0.6, 0.8, 1.0])
    assert K.auc(x[::-1], y[::-1]) == K.auc(x, y) > 0


# --------------------------------------------------------------------------------------
# 3. Property tests: random inputs against sklearn
# --------------------------------------------------------------------------------------

SCORE_ELEMENTS = {
    "grid": st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]),
    "ints": st.integers(0, 3).map(float),
    "floats": st.floats(-5.0, 5.0, allow_nan=False, allow_infinity=False),
    "binary": st.sampled_from([0.0, 1.0]),
}


@st.composite
def scored(draw, *, need_positive=True, need_negative=True, weighted=False):
    """(y_true, y_score, sample_weight): n in 1..40, heavy ties, sometimes 1 positive in n."""
    n = draw(st.integers(1, 40))
    if draw(st.booleans()):
        y = draw(hnp.arrays(np.int64, n, elements=st.integers(0, 1)))
    else:  # heavy imbalance: a single positive (or a single negative)
        y = np.zeros(n, np.int64)
        y[draw(st.integers(0, n - 1))] = 1
        if draw(st.booleans()):
            y = 1 - y
    elements = SCORE_ELEMENTS[draw(st.sampled_from(sorted(SCORE_ELEMENTS)))]
    s = draw(hnp.arrays(np.float64, n, elements=elements))
    w = None
    if weighted:
        w = draw(hnp.arrays(np.float64, n, elements=st.sampled_from([0.0, 0.5, 1.0, 3.0])
                            | st.floats(0.0, 10.0, allow_nan=False, allow_infinity=False)))
    live = np.ones(n, bool) if w is None else w > 0
    if need_positive:
        assume(np.any(y[live] == 1))
    if need_negative:
        assume(np.any(y[live] == 0))
    return y, s, w


maybe_weighted = st.booleans().flatmap(lambda wt: scored(weighted=wt))


@FAST
@given(case=maybe_weighted, drop=st.booleans())
@example(case=(np.array(Y), np.array(S), None), drop=True)
@example(case=(np.array(Y), np.array(S), np.array([1.0, 0, 1, 1, 0, 1, 1, 1])), drop=False)
def test_roc_curve_property(case, drop):
    y, s, w = case
    got = K.roc_curve(y, s, sample_weight=w, drop_intermediate=drop)
    assert_same_curve(got, skm.roc_curve(y, s, sample_weight=w, drop_intermediate=drop), w)
    fpr, tpr, thr = got
    assert thr[0] == np.inf
    assert np.all(np.diff(fpr) >= 0) and np.all(np.diff(tpr) >= 0)
    assert (fpr[-1], tpr[-1]) == (1.0, 1.0)


@FAST
@given(case=st.booleans().flatmap(lambda wt: scored(need_negative=False, weighted=wt)),
       drop=st.booleans())
@example(case=(np.array(Y), np.array(S), None), drop=False)
@example(case=(np.r_[np.zeros(39, int), 1], np.zeros(40), None), drop=True)
def test_precision_recall_curve_property(case, drop):
    y, s, w = case
    got = K.precision_recall_curve(y, s, sample_weight=w, drop_intermediate=drop)
    assert_same_curve(got, skm.precision_recall_curve(y, s, sample_weight=w,
                                                      drop_intermediate=drop), w)
    precision, recall, thr = got
    assert (precision[-1], recall[-1]) == (1.0, 0.0)
    assert np.all(np.diff(thr) > 0)
    assert np.all((precision >= 0) & (precision <= 1))


@FAST
@given(case=st.booleans().flatmap(
    lambda wt: scored(need_positive=False, need_negative=False, weighted=wt)))
def test_binary_clf_curve_property(case):
    y, s, w = case
    assume(w is None or np.any(w > 0))
    got = K.binary_clf_curve(y, s, sample_weight=w)
    assert_same_curve(got, sk_binary_clf_curve(y, s, sample_weight=w), w)
    fps, tps, thr = got
    assert np.all(np.diff(thr) < 0)
    assert np.all(np.diff(fps) >= 0) and np.all(np.diff(tps) >= 0)


@FAST
@given(case=maybe_weighted, max_fpr=st.sampled_from([None, 0.05, 0.25, 0.5, 0.8, 1.0]))
@example(case=(np.array(Y), np.array(S), None), max_fpr=0.5)
@example(case=(np.r_[1, np.zeros(39, int)], np.arange(40.0) % 4, None), max_fpr=None)
def test_roc_auc_score_property(case, max_fpr):
    y, s, w = case
    got = K.roc_auc_score(y, s, sample_weight=w, max_fpr=max_fpr)
    assert type(got) is float
    assert_close(got, skm.roc_auc_score(y, s, sample_weight=w, max_fpr=max_fpr))
    assert 0.0 <= got <= 1.0


@FAST
@given(case=st.booleans().flatmap(lambda wt: scored(need_negative=False, weighted=wt)))
def test_average_precision_property(case):
    y, s, w = case
    got = K.average_precision_score(y, s, sample_weight=w)
    assert type(got) is float
    assert_close(got, skm.average_precision_score(y, s, sample_weight=w))
    assert 0.0 <= got <= 1.0


@FAST
@given(case=scored(need_negative=False))
def test_average_precision_of_tied_scores_is_prevalence_property(case):
    y, _, _ = case
    s = np.zeros(len(y))
    assert K.average_precision_score(y, s) == pytest.approx(np.mean(y), rel=1e-12)


@FAST
@given(n=st.integers(2, 40), data=st.data(), decreasing=st.booleans())
def test_auc_property(n, data, decreasing):
    x = np.sort(data.draw(hnp.arrays(np.float64, n, elements=SCORE_ELEMENTS["floats"])))
    if decreasing:
        x = x[::-1]
    y = data.draw(hnp.arrays(np.float64, n, elements=SCORE_ELEMENTS["floats"]))
    got = K.auc(x, y)
    want = skm.auc(x, y)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_large_fixed_random_against_sklearn(seed):
    rng = np.random.default_rng(seed)
    n = 5000
    y = (rng.random(n) < 0.1).astype(int)  # imbalanced
    s = np.round(rng.normal(y * 0.8, 1.0), 2)  # many ties
    w = rng.random(n) * (rng.random(n) > 0.05)
    for sample_weight in (None, w):
        for drop in (True, False):
            assert_same_curve(
                K.roc_curve(y, s, sample_weight=sample_weight, drop_intermediate=drop),
                skm.roc_curve(y, s, sample_weight=sample_weight, drop_intermediate=drop),
                sample_weight)
            assert_same_curve(
                K.precision_recall_curve(y, s, sample_weight=sample_weight,
                                         drop_intermediate=drop),
                skm.precision_recall_curve(y, s, sample_weight=sample_weight,
                                           drop_intermediate=drop), sample_weight)
        assert_same_curve(K.binary_clf_curve(y, s, sample_weight=sample_weight),
                          sk_binary_clf_curve(y, s, sample_weight=sample_weight), sample_weight)
        for max_fpr in (None, 0.1, 0.5):
            assert_close(K.roc_auc_score(y, s, sample_weight=sample_weight, max_fpr=max_fpr),
                         skm.roc_auc_score(y, s, sample_weight=sample_weight,
                                           max_fpr=max_fpr))
        assert_close(K.average_precision_score(y, s, sample_weight=sample_weight),
                     skm.average_precision_score(y, s, sample_weight=sample_weight))
        fpr, tpr, _ = K.roc_curve(y, s, sample_weight=sample_weight)
        assert_close(K.auc(fpr, tpr), skm.auc(fpr, tpr))
        precision, recall, _ = K.precision_recall_curve(y, s, sample_weight=sample_weight)
        assert_close(K.auc(recall, precision), skm.auc(recall, precision))


# --------------------------------------------------------------------------------------
# 4. Documented differences: missing classes raise instead of NaN / 0
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("y", "missing"), [([0, 0, 0], "positive"), ([1, 1, 1], "negative")])
def test_roc_curve_single_class_raises(y, missing):
    with pytest.raises(ValueError, match=f"`y_true` has no {missing} samples"):
        K.roc_curve(y, [0.1, 0.5, 0.9])
    # sklearn >= 1.6 returns NaN instead (the documented difference).
    fpr, tpr, _ = silently(skm.roc_curve, y, [0.1, 0.5, 0.9])
    assert np.isnan(tpr).all() if missing == "positive" else np.isnan(fpr).all()


def test_roc_curve_class_with_only_zero_weight_raises():
    with pytest.raises(ValueError, match="no negative samples \\(with non-zero weight\\)"):
        K.roc_curve([0, 1, 1], [0.1, 0.5, 0.9], sample_weight=[0.0, 1.0, 1.0])


@pytest.mark.parametrize("y", [[0, 0, 0], [1, 1, 1], ["a", "a"]])
def test_roc_auc_single_class_raises(y):
    with pytest.raises(ValueError, match="Only one class"):
        K.roc_auc_score(y, np.linspace(0, 1, len(y)))
    assert np.isnan(silently(skm.roc_auc_score, y, np.linspace(0, 1, len(y))))


@pytest.mark.parametrize("func", [K.precision_recall_curve, K.average_precision_score])
def test_no_positives_raises(func):
    with pytest.raises(ValueError, match="no positive samples"):
        func([0, 0, 0], [0.1, 0.5, 0.9])
    with pytest.raises(ValueError, match="no positive samples"):
        func([0, 1, 0], [0.1, 0.5, 0.9], sample_weight=[1.0, 0.0, 1.0])
    assert silently(skm.average_precision_score, [0, 0, 0], [0.1, 0.5, 0.9]) == 0.0


# --------------------------------------------------------------------------------------
# 5. Bad input: ValueError naming the argument
# --------------------------------------------------------------------------------------

SCORE_FUNCS = [
    pytest.param(K.roc_curve, id="roc_curve"),
    pytest.param(K.roc_auc_score, id="roc_auc_score"),
    pytest.param(K.precision_recall_curve, id="precision_recall_curve"),
    pytest.param(K.average_precision_score, id="average_precision_score"),
    pytest.param(K.binary_clf_curve, id="binary_clf_curve"),
]


@pytest.mark.parametrize("func", SCORE_FUNCS)
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_or_inf_scores_raise(func, bad):
    with pytest.raises(ValueError, match="`y_score` contains NaN or infinity"):
        func([0, 1, 1, 0], [0.1, bad, 0.7, 0.2])


@pytest.mark.parametrize("func", SCORE_FUNCS)
def test_nan_labels_raise(func):
    with pytest.raises(ValueError, match="`y_true` contains NaN"):
        func([0.0, np.nan, 1.0, 0.0], [0.1, 0.4, 0.7, 0.2])


@pytest.mark.parametrize("func", SCORE_FUNCS)
def test_mismatched_lengths_raise(func):
    with pytest.raises(ValueError, match="`y_true` has 4, `y_score` has 3"):
        func([0, 1, 1, 0], [0.1, 0.4, 0.7])


@pytest.mark.parametrize("func", SCORE_FUNCS)
@pytest.mark.parametrize("shape", [(4, 2), (1, 4), (2, 2)])
def test_2d_scores_raise(func, shape):
    y_score = np.linspace(0, 1, int(np.prod(shape))).reshape(shape)
    with pytest.raises(ValueError, match="`y_score`"):
        func([0, 1, 1, 0], y_score)


def test_roc_auc_2d_probabilities_message_explains():
    proba = np.array([[0.9, 0.1], [0.2, 0.8], [0.4, 0.6], [0.7, 0.3]])
    with pytest.raises(ValueError, match="`y_score` is 2-D.*proba\\[:, 1\\]"):
        K.roc_auc_score([0, 1, 1, 0], proba)


@pytest.mark.parametrize("func", SCORE_FUNCS)
def test_empty_input_raises(func):
    with pytest.raises(ValueError, match="is empty"):
        func([], [])
    with pytest.raises(ValueError, match="`y_score` is empty"):
        func([0, 1], [])


@pytest.mark.parametrize("func", SCORE_FUNCS)
def test_continuous_y_true_raises(func):
    with pytest.raises(ValueError, match="`y_true` looks continuous"):
        func([0.2, 0.7, 0.1, 0.9], [0.1, 0.4, 0.7, 0.2])


@pytest.mark.parametrize("func", SCORE_FUNCS)
def test_more_than_two_classes_raises(func):
    with pytest.raises(ValueError, match="`y_true` has 3 classes"):
        func([0, 1, 2, 0], [0.1, 0.4, 0.7, 0.2])


@pytest.mark.parametrize("func", [K.roc_curve, K.precision_recall_curve, K.binary_clf_curve])
def test_non_binary_labels_without_pos_label_raise(func):
    with pytest.raises(ValueError, match="pos_label"):
        func(["a", "b", "b"], [0.1, 0.4, 0.7])
    with pytest.raises(ValueError, match="pos_label"):
        func([1, 2, 2], [0.1, 0.4, 0.7])
    with pytest.raises(ValueError):
        skm.roc_curve([1, 2, 2], [0.1, 0.4, 0.7])


def test_average_precision_invalid_pos_label_raises():
    with pytest.raises(ValueError, match="pos_label=2 is not a valid label"):
        K.average_precision_score([0, 1, 1], [0.1, 0.4, 0.7], pos_label=2)
    with pytest.raises(ValueError, match="pos_label"):
        K.average_precision_score(["a", "b", "b"], [0.1, 0.4, 0.7])  # default pos_label=1
    with pytest.raises(ValueError):
        skm.average_precision_score([0, 1, 1], [0.1, 0.4, 0.7], pos_label=2)


@pytest.mark.parametrize("func", SCORE_FUNCS)
@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([1.0, -1.0, 1.0, 1.0], "`sample_weight` has negative values"),
        ([1.0, np.nan, 1.0, 1.0], "`sample_weight` contains NaN"),
        ([1.0, 1.0], "`sample_weight` has 2 values but there are 4 samples"),
        ([0.0, 0.0, 0.0, 0.0], "`sample_weight` is all zeros"),
    ],
)
def test_bad_sample_weight_raises(func, weights, message):
    with pytest.raises(ValueError, match=message):
        func([0, 1, 1, 0], [0.1, 0.4, 0.7, 0.2], sample_weight=weights)


@pytest.mark.parametrize("max_fpr", [0, -0.1, 1.5])
def test_bad_max_fpr_raises(max_fpr):
    with pytest.raises(ValueError, match="`max_fpr` must be in \\(0, 1\\]"):
        K.roc_auc_score(Y, S, max_fpr=max_fpr)


def test_auc_non_monotonic_raises():
    with pytest.raises(ValueError, match="`x` is neither increasing nor decreasing"):
        K.auc([0, 0.5, 0.2, 1], [0, 1, 1, 1])
    with pytest.raises(ValueError, match="neither increasing nor decreasing"):
        skm.auc([0, 0.5, 0.2, 1], [0, 1, 1, 1])


@pytest.mark.parametrize("x", [[0.5], []])
def test_auc_fewer_than_two_points_raises(x):
    with pytest.raises(ValueError, match="`x`"):
        K.auc(x, x)


def test_auc_bad_input_raises():
    with pytest.raises(ValueError, match="`x` has 3, `y` has 2"):
        K.auc([0, 0.5, 1], [0, 1])
    with pytest.raises(ValueError, match="`y` contains NaN"):
        K.auc([0, 0.5, 1], [0, np.nan, 1])
    with pytest.raises(ValueError, match="`x` contains NaN"):
        K.auc([0, np.nan, 1], [0, 0.5, 1])
    with pytest.raises(ValueError, match="`x` must be 1-D"):
        K.auc([[0, 1], [1, 2]], [0, 1])

"""lecturelib.classification agrees with scikit-learn, and rejects bad input clearly.

Every lecturelib function is run next to its :mod:`sklearn.metrics` counterpart on the same
input (fixed lecture examples, edge cases from ORACLES.md §1.1–1.3, and random inputs from
hypothesis). ``specificity_score`` has no scikit-learn function; it is checked against
``multilabel_confusion_matrix`` (TN / (TN + FP) per label) and, for binary problems,
against the recall of the negative class.
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
from sklearn.exceptions import UndefinedMetricWarning as SkUndefinedMetricWarning

from lecturelib import classification as C
from lecturelib.classification import ConfusionCounts, UndefinedMetricWarning

FAST = settings(max_examples=80, deadline=None, database=None)

# scikit-learn 1.9.0 made its metrics reject an all-zero `sample_weight` ("Sample weights
# must contain at least one non-zero number", from `_check_sample_weight` in `_check_targets`);
# 1.8.0 and earlier accept it (zero counts, NaN or 0 scores, or a ZeroDivisionError from
# accuracy_score). lecturelib raises as 1.9 does, so all-zero weights are compared with
# scikit-learn only from 1.9 on; lecturelib's own error is tested on every version.
SKLEARN_REJECTS_ALL_ZERO_WEIGHTS = Version(sklearn.__version__).release >= (1, 9)
needs_all_zero_weight_error = pytest.mark.skipif(
    not SKLEARN_REJECTS_ALL_ZERO_WEIGHTS,
    reason=f"scikit-learn {sklearn.__version__} accepts an all-zero sample_weight in its "
           "metrics; it raises ValueError from 1.9.0 on, as lecturelib does")

AVERAGES = [None, "binary", "micro", "macro", "weighted"]
ZERO_DIVISIONS = ["warn", 0.0, 1.0, np.nan]

# The lecture's nine predictions (T = positive = 1).
ACTUAL = [1, 0, 1, 0, 0, 0, 0, 1, 1]
MODEL = [1, 0, 1, 1, 0, 1, 0, 0, 1]


def silently(func, *args, **kwargs):
    """Call ``func`` with every warning suppressed (used for the reference side)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(*args, **kwargs)


def outcome(func, *args, **kwargs):
    """('ok', value) or ('ValueError', message), warnings suppressed."""
    try:
        return "ok", silently(func, *args, **kwargs)
    except ValueError as exc:
        return "ValueError", str(exc)


def assert_same(actual, expected):
    np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=0, equal_nan=True)


def assert_same_outcome(lib_call, sk_call):
    """Both raise ValueError, or both return the same numbers."""
    lib_kind, lib_value = lib_call()
    sk_kind, sk_value = sk_call()
    assert lib_kind == sk_kind, (lib_kind, lib_value, sk_kind, sk_value)
    if lib_kind == "ok":
        if isinstance(sk_value, tuple):
            assert len(lib_value) == len(sk_value)
            for a, b in zip(lib_value, sk_value):
                if b is None:
                    assert a is None
                else:
                    assert_same(a, b)
        else:
            assert_same(lib_value, sk_value)
    return lib_kind


def labels_from_counts(tp, fp, fn, tn):
    """Binary label vectors with exactly these confusion counts."""
    y_true = np.r_[np.ones(tp + fn, int), np.zeros(fp + tn, int)]
    y_pred = np.r_[np.ones(tp, int), np.zeros(fn, int), np.ones(fp, int), np.zeros(tn, int)]
    return y_true, y_pred


# --------------------------------------------------------------------------------------
# 1. Worked examples from the lecture decks
# --------------------------------------------------------------------------------------


def test_lecture_nine_samples_counts():
    c = ConfusionCounts.from_predictions(ACTUAL, MODEL)
    assert (c.tp, c.tn, c.fp, c.fn) == (3, 3, 2, 1)
    assert c.n == 9
    cm = C.confusion_matrix(ACTUAL, MODEL)
    np.testing.assert_array_equal(cm, [[3, 2], [1, 3]])
    np.testing.assert_array_equal(cm, skm.confusion_matrix(ACTUAL, MODEL))
    np.testing.assert_array_equal(c.matrix(), cm)
    tn, fp, fn, tp = skm.confusion_matrix(ACTUAL, MODEL).ravel()
    assert (c.tn, c.fp, c.fn, c.tp) == (tn, fp, fn, tp)


def test_lecture_nine_samples_metrics():
    c = ConfusionCounts.from_predictions(ACTUAL, MODEL)
    acc = C.accuracy_score(ACTUAL, MODEL)
    assert acc == pytest.approx(6 / 9, rel=1e-15)
    assert acc == skm.accuracy_score(ACTUAL, MODEL)
    assert c.accuracy == pytest.approx(6 / 9, rel=1e-15)

    assert C.precision_score(ACTUAL, MODEL) == pytest.approx(0.6, rel=1e-15)
    assert C.precision_score(ACTUAL, MODEL) == skm.precision_score(ACTUAL, MODEL)
    assert c.precision == pytest.approx(0.6, rel=1e-15)

    # The original slide said 0.25; the right value is TP / (TP + FN) = 3 / 4.
    recall = C.recall_score(ACTUAL, MODEL)
    assert recall == pytest.approx(0.75, rel=1e-15)
    assert recall != pytest.approx(0.25)
    assert recall == skm.recall_score(ACTUAL, MODEL)
    assert c.recall == pytest.approx(0.75, rel=1e-15)

    spec = C.specificity_score(ACTUAL, MODEL)
    assert spec == pytest.approx(0.6, rel=1e-15)
    assert spec == pytest.approx(skm.recall_score(ACTUAL, MODEL, pos_label=0), rel=1e-15)
    assert c.specificity == pytest.approx(0.6, rel=1e-15)

    f1 = C.f1_score(ACTUAL, MODEL)
    assert f1 == pytest.approx(2 * 0.6 * 0.75 / (0.6 + 0.75), rel=1e-14)
    assert_same(f1, skm.f1_score(ACTUAL, MODEL))
    assert_same(c.f1, f1)


def test_lecture_million_positives_accuracy():
    # TN = 1, FP = 0, FN = 2, TP = 1,000,000: accuracy is high although it says little.
    y_true, y_pred = labels_from_counts(tp=1_000_000, fp=0, fn=2, tn=1)
    expected = 1_000_001 / 1_000_003
    assert C.accuracy_score(y_true, y_pred) == pytest.approx(expected, rel=1e-15)
    assert_same(C.accuracy_score(y_true, y_pred), skm.accuracy_score(y_true, y_pred))
    assert C.accuracy_score(y_true, y_pred, normalize=False) == 1_000_001.0

    c = ConfusionCounts(tp=1_000_000, fp=0, fn=2, tn=1)
    assert c.accuracy == pytest.approx(expected, rel=1e-15)
    assert ConfusionCounts.from_predictions(y_true, y_pred) == c
    np.testing.assert_array_equal(c.matrix(), [[1, 0], [2, 1_000_000]])
    assert c.precision == 1.0
    assert c.specificity == 1.0
    assert c.recall == pytest.approx(1_000_000 / 1_000_002, rel=1e-15)
    assert_same(C.recall_score(y_true, y_pred), skm.recall_score(y_true, y_pred))


@pytest.mark.parametrize(
    ("counts", "precision", "recall", "expected_f1"),
    [
        # (TP, FP, FN, TN) chosen to give the slide's (P, R) pairs.
        ((1, 0, 9, 5), 1.0, 0.1, 2 * 1.0 * 0.1 / 1.1),  # 0.1818...
        ((1, 9, 9, 5), 0.1, 0.1, 0.1),
        ((1, 0, 0, 5), 1.0, 1.0, 1.0),
    ],
)
def test_lecture_f1_from_precision_recall(counts, precision, recall, expected_f1):
    tp, fp, fn, tn = counts
    c = ConfusionCounts(tp=tp, fp=fp, fn=fn, tn=tn)
    assert c.precision == pytest.approx(precision, rel=1e-15)
    assert c.recall == pytest.approx(recall, rel=1e-15)
    assert c.f1 == pytest.approx(expected_f1, rel=1e-14)
    y_true, y_pred = labels_from_counts(tp, fp, fn, tn)
    f1 = C.f1_score(y_true, y_pred)
    assert f1 == pytest.approx(expected_f1, rel=1e-14)
    assert_same(f1, skm.f1_score(y_true, y_pred))
    assert ConfusionCounts.from_predictions(y_true, y_pred) == c


def test_f1_of_first_pair_is_0_1818():
    assert ConfusionCounts(tp=1, fp=0, fn=9, tn=0).f1 == pytest.approx(0.18181818181818182)


# --------------------------------------------------------------------------------------
# 2. confusion_matrix (ORACLES §1.1)
# --------------------------------------------------------------------------------------

MC_TRUE = [0, 1, 2, 2, 1, 0, 2, 1, 1]
MC_PRED = [0, 2, 2, 1, 1, 0, 2, 0, 1]

CM_CASES = [
    pytest.param(MC_TRUE, MC_PRED, {}, id="default"),
    pytest.param(MC_TRUE, MC_PRED, {"labels": [2, 0]}, id="select-reorder"),
    pytest.param(MC_TRUE, MC_PRED, {"labels": [2, 1, 0]}, id="reverse"),
    pytest.param(MC_TRUE, MC_PRED, {"labels": [0, 1, 2, 3]}, id="add-unseen"),
    pytest.param(MC_TRUE, MC_PRED, {"labels": [5, 1]}, id="unseen-first"),
    pytest.param([0, 0], [0, 1], {"labels": [0, 1, 2], "normalize": "true"}, id="oracle-1.1"),
    pytest.param(MC_TRUE, MC_PRED, {"sample_weight": [1, 2, 3, 1, 2, 3, 1, 2, 3]},
                 id="int-weights"),
    pytest.param(MC_TRUE, MC_PRED,
                 {"sample_weight": [0.5, 2.0, 0.1, 1.0, 0.0, 3.3, 1.0, 0.7, 2.2]},
                 id="float-weights"),
    pytest.param(MC_TRUE, MC_PRED,
                 {"sample_weight": np.array([1, 0, 1, 1, 0, 1, 1, 1, 0], dtype=np.int32)},
                 id="int32-zero-weights"),
    pytest.param(["cat", "dog", "bird", "dog", "cat"], ["dog", "dog", "bird", "cat", "cat"],
                 {}, id="strings"),
    pytest.param(["cat", "dog", "bird", "dog", "cat"], ["dog", "dog", "bird", "cat", "cat"],
                 {"labels": ["dog", "cat", "fish"]}, id="strings-labels"),
    pytest.param([True, False, True], [True, True, False], {}, id="bools"),
    pytest.param([-1, 1, 1, -1], [1, 1, -1, -1], {}, id="minus-one"),
    pytest.param([3, 3, 3], [3, 3, 3], {}, id="single-label"),
]


@pytest.mark.parametrize("normalize", [None, "true", "pred", "all"])
@pytest.mark.parametrize(("y_true", "y_pred", "kwargs"), CM_CASES)
def test_confusion_matrix_matches_sklearn(y_true, y_pred, kwargs, normalize):
    kwargs = {**kwargs, "normalize": kwargs.get("normalize", normalize)}
    got = C.confusion_matrix(y_true, y_pred, **kwargs)
    want = silently(skm.confusion_matrix, y_true, y_pred, **kwargs)
    assert got.shape == want.shape
    assert got.dtype.kind == want.dtype.kind
    assert_same(got, want)
    assert not np.isnan(got).any()


def test_confusion_matrix_zero_row_normalises_to_zero():
    cm = C.confusion_matrix([0, 0], [0, 1], labels=[0, 1, 2], normalize="true")
    np.testing.assert_array_equal(cm, [[0.5, 0.5, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    cm = C.confusion_matrix([0, 0], [0, 1], labels=[0, 1, 2], normalize="pred")
    np.testing.assert_array_equal(cm, [[1.0, 1.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    cm = C.confusion_matrix([0, 0], [0, 1], labels=[0, 1, 2], normalize="all")
    np.testing.assert_array_equal(cm, [[0.5, 0.5, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]])


def test_confusion_matrix_normalized_rows_and_columns_sum_to_one():
    rows = C.confusion_matrix(MC_TRUE, MC_PRED, normalize="true")
    np.testing.assert_allclose(rows.sum(axis=1), 1.0, rtol=1e-15)
    cols = C.confusion_matrix(MC_TRUE, MC_PRED, normalize="pred")
    np.testing.assert_allclose(cols.sum(axis=0), 1.0, rtol=1e-15)
    total = C.confusion_matrix(MC_TRUE, MC_PRED, normalize="all")
    assert total.sum() == pytest.approx(1.0, rel=1e-15)


def test_confusion_matrix_dtype_follows_weights():
    assert C.confusion_matrix(ACTUAL, MODEL).dtype == np.int64
    assert C.confusion_matrix(ACTUAL, MODEL, sample_weight=[1] * 9).dtype == np.int64
    assert C.confusion_matrix(ACTUAL, MODEL, sample_weight=[1.0] * 9).dtype == np.float64
    assert C.confusion_matrix(ACTUAL, MODEL, normalize="all").dtype == np.float64


def test_confusion_matrix_drops_samples_with_unlisted_labels():
    cm = C.confusion_matrix(MC_TRUE, MC_PRED, labels=[0, 1])
    # Only samples whose true AND predicted label are in {0, 1} are counted.
    np.testing.assert_array_equal(cm, [[2, 0], [1, 2]])
    np.testing.assert_array_equal(cm, skm.confusion_matrix(MC_TRUE, MC_PRED, labels=[0, 1]))


# --------------------------------------------------------------------------------------
# 3. accuracy_score (ORACLES §1.2)
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("normalize", [True, False])
@pytest.mark.parametrize(
    ("y_true", "y_pred", "sample_weight"),
    [
        (ACTUAL, MODEL, None),
        (MC_TRUE, MC_PRED, None),
        (MC_TRUE, MC_PRED, [1, 2, 3, 1, 2, 3, 1, 2, 3]),
        (MC_TRUE, MC_PRED, [0.5, 2.0, 0.1, 1.0, 0.0, 3.3, 1.0, 0.7, 2.2]),
        (["a", "b", "b", "c"], ["a", "b", "c", "c"], None),
        ([0, 1, 1, 0], [0, 1, 1, 0], None),
        ([0, 1, 1, 0], [1, 0, 0, 1], None),
        (np.array([[0], [1], [1]]), np.array([[0], [1], [0]]), None),  # column vectors
    ],
)
def test_accuracy_matches_sklearn(y_true, y_pred, sample_weight, normalize):
    got = C.accuracy_score(y_true, y_pred, normalize=normalize, sample_weight=sample_weight)
    want = skm.accuracy_score(y_true, y_pred, normalize=normalize, sample_weight=sample_weight)
    assert type(got) is float
    assert_same(got, want)


def test_accuracy_normalize_false_returns_float_count():
    got = C.accuracy_score([0, 1, 2, 3, 4], [0, 1, 2, 3, 0], normalize=False)
    assert type(got) is float
    assert got == 4.0
    assert got == skm.accuracy_score([0, 1, 2, 3, 4], [0, 1, 2, 3, 0], normalize=False)


@pytest.mark.parametrize("normalize", [True, False])
@pytest.mark.parametrize("sample_weight", [None, [1.0, 2.0, 0.5, 3.0]])
def test_accuracy_multilabel_is_subset_accuracy(normalize, sample_weight):
    y_true = np.array([[0, 1, 1], [1, 0, 1], [1, 1, 0], [0, 0, 1]])
    y_pred = np.array([[0, 1, 1], [1, 1, 1], [1, 1, 0], [0, 0, 0]])
    got = C.accuracy_score(y_true, y_pred, normalize=normalize, sample_weight=sample_weight)
    want = skm.accuracy_score(y_true, y_pred, normalize=normalize, sample_weight=sample_weight)
    assert_same(got, want)
    if sample_weight is None:
        assert got == (0.5 if normalize else 2.0)


# --------------------------------------------------------------------------------------
# 4. precision / recall / F-beta (ORACLES §1.3)
# --------------------------------------------------------------------------------------

PRF_INPUTS = {
    "binary": ([0, 1, 1, 0, 1, 1, 0, 0], [0, 1, 0, 0, 1, 1, 1, 0], {}),
    "no-predicted-positive": ([0, 1, 1, 0], [0, 0, 0, 0], {}),
    "no-true-positive": ([0, 0, 0, 0], [0, 1, 0, 1], {}),
    "all-negative": ([0, 0, 0], [0, 0, 0], {}),
    "all-positive": ([1, 1, 1], [1, 1, 1], {}),
    "minus-one": ([-1, 1, 1, -1, 1], [1, 1, -1, -1, 1], {}),
    "pos-label-0": ([0, 1, 1, 0, 1, 1, 0, 0], [0, 1, 0, 0, 1, 1, 1, 1], {"pos_label": 0}),
    "strings": (["cat", "dog", "dog", "cat", "dog"], ["cat", "cat", "dog", "dog", "dog"],
                {"pos_label": "dog"}),
    "multiclass": ([0, 1, 2, 0, 1, 2, 2, 3], [0, 2, 1, 0, 0, 2, 2, 0], {}),
    "multiclass-unpredicted": ([0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 1, 1], {}),
    "multiclass-untrue": ([0, 0, 1, 1], [0, 2, 1, 2], {}),
    "multiclass-labels-subset": (MC_TRUE, MC_PRED, {"labels": [2, 0]}),
    "multiclass-labels-unseen": (MC_TRUE, MC_PRED, {"labels": [0, 1, 2, 7]}),
    "int-weights": (MC_TRUE, MC_PRED, {"sample_weight": [1, 2, 3, 1, 2, 3, 1, 2, 3]}),
    "float-weights": (MC_TRUE, MC_PRED,
                      {"sample_weight": [0.5, 2.0, 0.1, 1.0, 0.0, 3.3, 1.0, 0.7, 2.2]}),
    "binary-float-weights": (ACTUAL, MODEL,
                             {"sample_weight": [0.5, 2.0, 0.1, 1.0, 0.0, 3.3, 1.0, 0.7, 2.2]}),
    "weights-zero-a-class": ([0, 1, 1, 0], [0, 1, 0, 1], {"sample_weight": [1.0, 0.0, 0.0, 2.0]}),
}

PRF_FUNCS = [
    ("precision", C.precision_score, skm.precision_score, {}),
    ("recall", C.recall_score, skm.recall_score, {}),
    ("f1", C.f1_score, skm.f1_score, {}),
    ("f2", C.fbeta_score, skm.fbeta_score, {"beta": 2.0}),
    ("prfs", C.precision_recall_fscore_support, skm.precision_recall_fscore_support,
     {"beta": 0.5}),
]


def _undefined_warnings(caught, category):
    return [w for w in caught if issubclass(w.category, category)]


def _call_recording(func, *args, **kwargs):
    """(result or None, ValueError or None, list of warnings)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            return func(*args, **kwargs), None, caught
        except ValueError as exc:
            return None, exc, caught


def _assert_prf_result(got, want, average):
    if isinstance(want, tuple):
        assert len(got) == len(want) == 4
        for a, b in zip(got, want):
            if b is None:
                assert a is None
            else:
                assert_same(a, b)
                assert np.shape(a) == np.shape(b)
    else:
        assert_same(got, want)
        if average is None:
            assert isinstance(got, np.ndarray) and got.shape == np.shape(want)
        else:
            assert isinstance(got, float)


@pytest.mark.parametrize("zero_division", [0.0, 1.0, np.nan], ids=str)
@pytest.mark.parametrize("average", AVERAGES, ids=str)
@pytest.mark.parametrize("case", list(PRF_INPUTS))
def test_prf_scores_match_sklearn(case, average, zero_division):
    """Values of every score function; sklearn's are taken from two calls to save time."""
    y_true, y_pred, extra = PRF_INPUTS[case]
    kwargs = {**extra, "average": average, "zero_division": zero_division}
    sk_prfs, sk_error, _ = _call_recording(skm.precision_recall_fscore_support, y_true, y_pred,
                                           beta=2.0, **kwargs)
    sk_f1, _, _ = _call_recording(skm.f1_score, y_true, y_pred, **kwargs)
    reference = {"precision": sk_prfs and sk_prfs[0], "recall": sk_prfs and sk_prfs[1],
                 "f2": sk_prfs and sk_prfs[2], "f1": sk_f1}
    lib_prfs = C.precision_recall_fscore_support
    calls = [(name, lib_func, fkw) for name, lib_func, _, fkw in PRF_FUNCS if name != "prfs"]
    calls.append(("prfs", lambda *a, **k: lib_prfs(*a, beta=2.0, **k), {}))
    reference["prfs"] = sk_prfs
    for name, lib_func, fkw in calls:
        got, lib_error, caught = _call_recording(lib_func, y_true, y_pred, **fkw, **kwargs)
        assert (lib_error is None) == (sk_error is None), (name, kwargs, lib_error, sk_error)
        if sk_error is None:
            _assert_prf_result(got, reference[name], average)
            # A number for zero_division means: substitute it silently.
            assert not _undefined_warnings(caught, UndefinedMetricWarning), (name, caught)


@pytest.mark.parametrize("average", AVERAGES, ids=str)
@pytest.mark.parametrize("case", list(PRF_INPUTS))
def test_prf_warn_matches_sklearn(case, average):
    """zero_division='warn': same values (0 for 0/0) and the same decision to warn."""
    y_true, y_pred, extra = PRF_INPUTS[case]
    for name, lib_func, sk_func, fkw in PRF_FUNCS:
        kwargs = {**extra, **fkw, "average": average, "zero_division": "warn"}
        got, lib_error, lib_caught = _call_recording(lib_func, y_true, y_pred, **kwargs)
        want, sk_error, sk_caught = _call_recording(sk_func, y_true, y_pred, **kwargs)
        assert (lib_error is None) == (sk_error is None), (name, kwargs, lib_error, sk_error)
        if sk_error is not None:
            continue
        _assert_prf_result(got, want, average)
        lib_warned = bool(_undefined_warnings(lib_caught, UndefinedMetricWarning))
        sk_warned = bool(_undefined_warnings(sk_caught, SkUndefinedMetricWarning))
        assert lib_warned == sk_warned, (name, kwargs, lib_caught, sk_caught)


def test_f1_all_negative_is_zero_with_warning():
    with pytest.warns(UndefinedMetricWarning, match="zero_division"):
        got = C.f1_score([0, 0], [0, 0])
    assert got == 0.0
    with pytest.warns(SkUndefinedMetricWarning):
        assert skm.f1_score([0, 0], [0, 0]) == got


def test_f1_all_negative_zero_division_one_is_one_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = C.f1_score([0, 0], [0, 0], zero_division=1)
    assert got == 1.0
    assert got == skm.f1_score([0, 0], [0, 0], zero_division=1)


def test_f1_missed_positive_is_zero_whatever_zero_division():
    # TP + FP + FN = 1 > 0, so F1 is defined (= 0) even though precision is 0/0.
    for zero_division in ZERO_DIVISIONS:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            got = C.f1_score([0, 1], [0, 0], zero_division=zero_division)
        assert got == 0.0
        assert got == silently(skm.f1_score, [0, 1], [0, 0], zero_division=zero_division)


def test_precision_and_recall_warn_only_for_their_own_0_over_0():
    with pytest.warns(UndefinedMetricWarning, match="Precision"):
        assert C.precision_score([0, 1], [0, 0]) == 0.0
    with pytest.warns(UndefinedMetricWarning, match="Recall"):
        assert C.recall_score([0, 0], [0, 1]) == 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert C.recall_score([0, 1], [0, 0]) == 0.0  # defined: 0 / 1
        assert C.precision_score([0, 0], [0, 1]) == 0.0  # defined: 0 / 1
        assert C.precision_score([0, 1], [0, 0], zero_division=0.0) == 0.0
        assert C.precision_score([0, 1], [0, 0], zero_division=1.0) == 1.0
        assert np.isnan(C.precision_score([0, 1], [0, 0], zero_division=np.nan))


def test_lecturelib_warning_class_mirrors_sklearn():
    assert issubclass(UndefinedMetricWarning, UserWarning)
    assert UndefinedMetricWarning.__name__ == SkUndefinedMetricWarning.__name__


def test_nan_zero_division_drops_undefined_labels_from_macro():
    # Precision per label: [1, 0.5, nan] -> macro 0.75, not 0.5 (ORACLES §1.3).
    y_true, y_pred = [0, 1, 2], [0, 1, 1]
    per_label = C.precision_score(y_true, y_pred, average=None, zero_division=np.nan)
    np.testing.assert_array_equal(per_label[:2], [1.0, 0.5])
    assert np.isnan(per_label[2])
    macro = C.precision_score(y_true, y_pred, average="macro", zero_division=np.nan)
    assert macro == 0.75
    assert macro == skm.precision_score(y_true, y_pred, average="macro", zero_division=np.nan)


@pytest.mark.parametrize("average", ["binary", "micro", "macro", "weighted", None])
@pytest.mark.parametrize(
    ("y_true", "y_pred"),
    [(ACTUAL, MODEL), (MC_TRUE, MC_PRED), ([0, 1, 1, 0, 1], [0, 0, 0, 0, 1])],
)
def test_beta_zero_is_precision_and_beta_inf_is_recall(y_true, y_pred, average):
    if average == "binary" and len(set(y_true) | set(y_pred)) > 2:
        average = "macro"
    f0 = C.fbeta_score(y_true, y_pred, beta=0, average=average)
    finf = C.fbeta_score(y_true, y_pred, beta=np.inf, average=average)
    assert_same(f0, C.precision_score(y_true, y_pred, average=average))
    assert_same(finf, C.recall_score(y_true, y_pred, average=average))
    assert_same(f0, silently(skm.fbeta_score, y_true, y_pred, beta=0, average=average))
    assert_same(finf, silently(skm.fbeta_score, y_true, y_pred, beta=np.inf, average=average))


def test_fbeta_is_computed_from_counts():
    # (1 + b^2) TP / ((1 + b^2) TP + b^2 FN + FP) for the lecture example: TP=3, FP=2, FN=1.
    for beta in (0.5, 1.0, 2.0, 3.0):
        b2 = beta**2
        expected = (1 + b2) * 3 / ((1 + b2) * 3 + b2 * 1 + 2)
        got = C.fbeta_score(ACTUAL, MODEL, beta=beta)
        assert got == pytest.approx(expected, rel=1e-14)
        assert_same(got, skm.fbeta_score(ACTUAL, MODEL, beta=beta))
        assert ConfusionCounts(tp=3, fp=2, fn=1, tn=3).fbeta(beta) == pytest.approx(expected)


@pytest.mark.parametrize("func", [C.precision_score, C.recall_score, C.f1_score,
                                  C.specificity_score])
def test_binary_average_on_multiclass_raises(func):
    with pytest.raises(ValueError, match="average"):
        func(MC_TRUE, MC_PRED)
    with pytest.raises(ValueError):
        skm.precision_score(MC_TRUE, MC_PRED)


@pytest.mark.parametrize("func", [C.precision_score, C.recall_score, C.f1_score,
                                  C.specificity_score])
def test_invalid_pos_label_raises(func):
    with pytest.raises(ValueError, match="pos_label"):
        func([0, 1, 1, 0], [0, 1, 0, 0], pos_label=2)
    with pytest.raises(ValueError, match="pos_label"):
        func(["a", "b"], ["b", "b"])  # default pos_label=1 is not a label here
    with pytest.raises(ValueError):
        skm.precision_score([0, 1, 1, 0], [0, 1, 0, 0], pos_label=2)


def test_pos_label_absent_from_single_class_data_is_allowed():
    # Only one label present: pos_label need not occur (sklearn scores it as 0/0).
    for zero_division in ZERO_DIVISIONS:
        got = silently(C.recall_score, [0, 0], [0, 0], pos_label=1, zero_division=zero_division)
        want = silently(skm.recall_score, [0, 0], [0, 0], pos_label=1,
                        zero_division=zero_division)
        assert_same(got, want)


def test_support_counts_true_samples():
    *_, support = C.precision_recall_fscore_support(MC_TRUE, MC_PRED)
    np.testing.assert_array_equal(support, [2, 4, 3])
    assert support.dtype.kind == "i"
    *_, support = C.precision_recall_fscore_support(
        MC_TRUE, MC_PRED, sample_weight=[0.5] * 9)
    np.testing.assert_allclose(support, [1.0, 2.0, 1.5])
    p, r, f, s = C.precision_recall_fscore_support(MC_TRUE, MC_PRED, average="macro")
    assert s is None


# --------------------------------------------------------------------------------------
# 5. specificity_score (no sklearn function: multilabel_confusion_matrix is the reference)
# --------------------------------------------------------------------------------------


def reference_specificity(y_true, y_pred, *, labels=None, pos_label=1, average="binary",
                          sample_weight=None, zero_division="warn"):
    """TN / (TN + FP) per label from sklearn's one-vs-rest confusion matrices."""
    if average == "binary":
        labels = [pos_label]
    mcm = silently(skm.multilabel_confusion_matrix, y_true, y_pred, labels=labels,
                   sample_weight=sample_weight)
    tn, fp = mcm[:, 0, 0].astype(float), mcm[:, 0, 1].astype(float)
    support = (mcm[:, 1, 1] + mcm[:, 1, 0]).astype(float)
    if average == "micro":
        tn, fp = tn.sum(keepdims=True), fp.sum(keepdims=True)
    substitute = 0.0 if zero_division == "warn" else float(zero_division)
    denom = tn + fp
    with np.errstate(divide="ignore", invalid="ignore"):
        spec = np.where(denom == 0, substitute, tn / denom)
    if average is None:
        return spec
    keep = ~np.isnan(spec)
    if not keep.any():
        return float("nan")
    if average == "weighted" and support[keep].sum() > 0:
        return float(np.average(spec[keep], weights=support[keep]))
    return float(np.mean(spec[keep]))


@pytest.mark.parametrize("zero_division", ZERO_DIVISIONS, ids=str)
@pytest.mark.parametrize("average", AVERAGES, ids=str)
@pytest.mark.parametrize("case", list(PRF_INPUTS))
def test_specificity_matches_multilabel_confusion_matrix(case, average, zero_division):
    y_true, y_pred, extra = PRF_INPUTS[case]
    kwargs = {**extra, "average": average, "zero_division": zero_division}
    lib_kind, got = outcome(C.specificity_score, y_true, y_pred, **kwargs)
    sk_kind, _ = outcome(skm.recall_score, y_true, y_pred, **kwargs)  # same argument checks
    assert lib_kind == sk_kind, (got, kwargs)
    if lib_kind == "ok":
        assert_same(got, reference_specificity(y_true, y_pred, **kwargs))


@pytest.mark.parametrize(
    ("y_true", "y_pred", "pos_label", "negative"),
    [
        (ACTUAL, MODEL, 1, 0),
        (ACTUAL, MODEL, 0, 1),
        ([-1, 1, 1, -1, -1], [1, 1, -1, -1, -1], 1, -1),
        (["no", "yes", "yes", "no"], ["yes", "yes", "no", "no"], "yes", "no"),
        ([True, False, False, True], [True, True, False, False], True, False),
    ],
)
def test_binary_specificity_is_recall_of_negative_class(y_true, y_pred, pos_label, negative):
    got = C.specificity_score(y_true, y_pred, pos_label=pos_label)
    assert_same(got, skm.recall_score(y_true, y_pred, pos_label=negative))
    assert_same(got, C.recall_score(y_true, y_pred, pos_label=negative))
    w = np.linspace(0.5, 2.0, len(y_true))
    got_w = C.specificity_score(y_true, y_pred, pos_label=pos_label, sample_weight=w)
    assert_same(got_w, skm.recall_score(y_true, y_pred, pos_label=negative, sample_weight=w))


def test_specificity_without_negatives_warns():
    with pytest.warns(UndefinedMetricWarning, match="Specificity"):
        assert C.specificity_score([1, 1], [1, 1]) == 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert C.specificity_score([1, 1], [1, 1], zero_division=1.0) == 1.0
        assert np.isnan(C.specificity_score([1, 1], [1, 1], zero_division=np.nan))


# --------------------------------------------------------------------------------------
# 6. ConfusionCounts
# --------------------------------------------------------------------------------------


def test_confusion_counts_from_predictions_pos_label_and_weights():
    c0 = ConfusionCounts.from_predictions(ACTUAL, MODEL, pos_label=0)
    assert (c0.tp, c0.fp, c0.fn, c0.tn) == (3, 1, 2, 3)
    w = [0.5, 2.0, 0.1, 1.0, 0.0, 3.3, 1.0, 0.7, 2.2]
    cw = ConfusionCounts.from_predictions(ACTUAL, MODEL, sample_weight=w)
    assert_same(cw.matrix(), skm.confusion_matrix(ACTUAL, MODEL, sample_weight=w))
    assert_same(cw.precision, skm.precision_score(ACTUAL, MODEL, sample_weight=w))
    assert_same(cw.recall, skm.recall_score(ACTUAL, MODEL, sample_weight=w))
    assert_same(cw.f1, skm.f1_score(ACTUAL, MODEL, sample_weight=w))
    assert_same(cw.accuracy, skm.accuracy_score(ACTUAL, MODEL, sample_weight=w))
    cs = ConfusionCounts.from_predictions(["n", "p", "p"], ["p", "p", "n"], pos_label="p")
    assert (cs.tp, cs.fp, cs.fn, cs.tn) == (1, 1, 1, 0)


def test_confusion_counts_undefined_ratios_are_nan():
    c = ConfusionCounts(tp=0, fp=0, fn=0, tn=0)
    for value in (c.accuracy, c.precision, c.recall, c.specificity, c.prevalence, c.f1):
        assert np.isnan(value)
    c = ConfusionCounts(tp=0, fp=0, fn=3, tn=2)
    assert np.isnan(c.precision)
    assert c.recall == 0.0
    assert c.f1 == 0.0  # defined from counts, as sklearn
    assert c.prevalence == 0.6


def test_confusion_counts_fbeta_limits():
    c = ConfusionCounts(tp=3, fp=2, fn=1, tn=3)
    assert c.fbeta(0) == pytest.approx(c.precision, rel=1e-15)
    assert c.fbeta(np.inf) == c.recall
    assert_same(c.fbeta(2.0), skm.fbeta_score(ACTUAL, MODEL, beta=2.0))


@pytest.mark.parametrize("field", ["tp", "fp", "fn", "tn"])
@pytest.mark.parametrize("bad", [-1, -0.5, np.nan, np.inf])
def test_confusion_counts_rejects_bad_counts(field, bad):
    counts = {"tp": 1, "fp": 1, "fn": 1, "tn": 1, field: bad}
    with pytest.raises(ValueError, match=f"`{field}`"):
        ConfusionCounts(**counts)


# --------------------------------------------------------------------------------------
# 7. Property tests: random inputs against sklearn
# --------------------------------------------------------------------------------------


@st.composite
def label_pairs(draw, n_classes=2, min_size=1, max_size=40):
    n = draw(st.integers(min_size, max_size))
    elements = st.integers(0, n_classes - 1)
    y_true = draw(hnp.arrays(np.int64, n, elements=elements))
    y_pred = draw(hnp.arrays(np.int64, n, elements=elements))
    return y_true, y_pred


@st.composite
def imbalanced_pairs(draw):
    """One positive among up to 40 samples (or one negative), noisy predictions."""
    n = draw(st.integers(2, 40))
    y_true = np.zeros(n, np.int64)
    y_true[draw(st.integers(0, n - 1))] = 1
    if draw(st.booleans()):
        y_true = 1 - y_true
    y_pred = draw(hnp.arrays(np.int64, n, elements=st.integers(0, 1)))
    return y_true, y_pred


@st.composite
def weights_for(draw, n, exact=False):
    """None, small integer weights, or float weights (zeros included).

    ``exact=True`` draws multiples of 1/4, whose sums are exact in float64, for references
    that subtract sums (multilabel_confusion_matrix computes TN = total - TP - FP - FN).
    All-zero weights are drawn only where scikit-learn rejects them as lecturelib does (1.9+).
    """
    kind = draw(st.sampled_from(["none", "int", "float"]))
    if kind == "none":
        return None
    if kind == "int":
        w = draw(hnp.arrays(np.int64, n, elements=st.integers(0, 3)))
    elif exact:
        quarters = draw(hnp.arrays(np.int64, n, elements=st.integers(0, 40)))
        w = quarters / 4.0
    else:
        w = draw(hnp.arrays(np.float64, n, elements=st.sampled_from([0.0, 0.25, 1.0, 2.5])
                            | st.floats(0.0, 10.0, allow_nan=False, allow_infinity=False)))
    if not SKLEARN_REJECTS_ALL_ZERO_WEIGHTS:
        assume(np.any(w))
    return w


any_pairs = st.one_of(label_pairs(2), label_pairs(5), imbalanced_pairs())


@FAST
@given(data=st.data(), pair=any_pairs,
       normalize=st.sampled_from([None, "true", "pred", "all"]))
def test_confusion_matrix_property(data, pair, normalize):
    y_true, y_pred = pair
    w = data.draw(weights_for(len(y_true)))
    labels = data.draw(st.one_of(st.none(), st.lists(st.integers(0, 5), min_size=1,
                                                     max_size=6, unique=True)))
    assert_same_outcome(
        lambda: outcome(C.confusion_matrix, y_true, y_pred, labels=labels, sample_weight=w,
                        normalize=normalize),
        lambda: outcome(skm.confusion_matrix, y_true, y_pred, labels=labels, sample_weight=w,
                        normalize=normalize),
    )
    if labels is None and (w is None or np.any(w)):
        got = C.confusion_matrix(y_true, y_pred, sample_weight=w, normalize=normalize)
        want = silently(skm.confusion_matrix, y_true, y_pred, sample_weight=w,
                        normalize=normalize)
        assert got.dtype.kind == want.dtype.kind


@FAST
@given(data=st.data(), pair=any_pairs, normalize=st.booleans())
def test_accuracy_property(data, pair, normalize):
    y_true, y_pred = pair
    w = data.draw(weights_for(len(y_true)))
    assert_same_outcome(
        lambda: outcome(C.accuracy_score, y_true, y_pred, normalize=normalize, sample_weight=w),
        lambda: outcome(skm.accuracy_score, y_true, y_pred, normalize=normalize,
                        sample_weight=w),
    )


@FAST
@given(data=st.data(), pair=any_pairs, average=st.sampled_from(AVERAGES),
       zero_division=st.sampled_from(ZERO_DIVISIONS),
       beta=st.sampled_from([0.0, 0.5, 1.0, 2.0, np.inf]))
def test_precision_recall_fscore_support_property(data, pair, average, zero_division, beta):
    y_true, y_pred = pair
    w = data.draw(weights_for(len(y_true)))
    labels = None
    if average != "binary" and data.draw(st.booleans()):
        labels = data.draw(st.lists(st.integers(0, 5), min_size=1, max_size=6, unique=True))
    kwargs = dict(beta=beta, labels=labels, average=average, sample_weight=w,
                  zero_division=zero_division)
    kind = assert_same_outcome(
        lambda: outcome(C.precision_recall_fscore_support, y_true, y_pred, **kwargs),
        lambda: outcome(skm.precision_recall_fscore_support, y_true, y_pred, **kwargs),
    )
    if average == "binary" and len(np.union1d(y_true, y_pred)) > 2:
        assert kind == "ValueError"


@FAST
@given(data=st.data(), pair=any_pairs, average=st.sampled_from(AVERAGES),
       zero_division=st.sampled_from(ZERO_DIVISIONS))
def test_score_functions_property(data, pair, average, zero_division):
    y_true, y_pred = pair
    w = data.draw(weights_for(len(y_true)))
    pos_label = data.draw(st.sampled_from([0, 1]))
    kwargs = dict(average=average, pos_label=pos_label, sample_weight=w,
                  zero_division=zero_division)
    for lib_func, sk_func in [(C.precision_score, skm.precision_score),
                              (C.recall_score, skm.recall_score),
                              (C.f1_score, skm.f1_score)]:
        assert_same_outcome(lambda: outcome(lib_func, y_true, y_pred, **kwargs),
                            lambda: outcome(sk_func, y_true, y_pred, **kwargs))
    assert_same_outcome(lambda: outcome(C.fbeta_score, y_true, y_pred, beta=2.0, **kwargs),
                        lambda: outcome(skm.fbeta_score, y_true, y_pred, beta=2.0, **kwargs))


@FAST
@given(data=st.data(), pair=any_pairs, average=st.sampled_from(AVERAGES),
       zero_division=st.sampled_from(ZERO_DIVISIONS))
def test_specificity_property(data, pair, average, zero_division):
    y_true, y_pred = pair
    w = data.draw(weights_for(len(y_true), exact=True))
    pos_label = data.draw(st.sampled_from([0, 1]))
    kwargs = dict(average=average, pos_label=pos_label, sample_weight=w,
                  zero_division=zero_division)
    lib_kind, got = outcome(C.specificity_score, y_true, y_pred, **kwargs)
    sk_kind, _ = outcome(skm.recall_score, y_true, y_pred, **kwargs)
    assert lib_kind == sk_kind
    if lib_kind == "ok":
        assert_same(got, reference_specificity(y_true, y_pred, **kwargs))


@FAST
@given(data=st.data(), pair=st.one_of(label_pairs(2), imbalanced_pairs()),
       zero_division=st.sampled_from(ZERO_DIVISIONS))
def test_binary_specificity_is_negative_recall_property(data, pair, zero_division):
    # Any float weights, zeros included: no subtraction on either side, so no residue.
    y_true, y_pred = pair
    w = data.draw(weights_for(len(y_true)))
    pos_label = data.draw(st.sampled_from([0, 1]))
    kwargs = dict(sample_weight=w, zero_division=zero_division)
    lib_kind, got = outcome(C.specificity_score, y_true, y_pred, pos_label=pos_label, **kwargs)
    sk_kind, want = outcome(skm.recall_score, y_true, y_pred, pos_label=1 - pos_label,
                            labels=None, **kwargs)
    assert lib_kind == sk_kind
    if lib_kind == "ok":
        assert_same(got, want)


def test_specificity_with_only_zero_weight_negatives_is_undefined():
    # Regression: negatives were total - positives, whose rounding residue made this 1.0.
    rng = np.random.default_rng(1)
    y_true = np.r_[np.zeros(20, int), 1]
    y_pred = rng.integers(0, 2, 21)
    w = np.r_[rng.random(20) * 10, 0.0]
    for zero_division, expected in [(np.nan, np.nan), (1.0, 1.0), (0.0, 0.0)]:
        got = C.specificity_score(y_true, y_pred, pos_label=0, sample_weight=w,
                                  zero_division=zero_division)
        assert_same(got, expected)
        assert_same(got, skm.recall_score(y_true, y_pred, pos_label=1, sample_weight=w,
                                          zero_division=zero_division))
    with pytest.warns(UndefinedMetricWarning, match="Specificity"):
        assert C.specificity_score(y_true, y_pred, pos_label=0, sample_weight=w) == 0.0
    per_label = C.specificity_score(y_true, y_pred, average=None, sample_weight=w,
                                    zero_division=np.nan)
    assert np.isnan(per_label[0])


@FAST
@given(pair=st.one_of(label_pairs(2), imbalanced_pairs()))
@example(pair=(np.array(ACTUAL), np.array(MODEL)))
@example(pair=(np.r_[np.zeros(39, int), 1], np.zeros(40, int)))
def test_confusion_counts_property(pair):
    y_true, y_pred = pair
    c = ConfusionCounts.from_predictions(y_true, y_pred)
    cm = silently(skm.confusion_matrix, y_true, y_pred, labels=[0, 1])
    np.testing.assert_array_equal(c.matrix(), cm)
    assert c.n == len(y_true)
    assert_same(c.accuracy, skm.accuracy_score(y_true, y_pred))
    for value, func in [(c.precision, skm.precision_score), (c.recall, skm.recall_score),
                        (c.f1, skm.f1_score)]:
        assert_same(value, silently(func, y_true, y_pred, zero_division=np.nan))


@pytest.mark.parametrize("seed", range(5))
def test_fixed_random_multiclass_against_sklearn(seed):
    rng = np.random.default_rng(seed)
    n = 500
    y_true = rng.integers(0, 5, n)
    # Mostly right, sometimes wrong, and class 4 predicted rarely.
    y_pred = np.where(rng.random(n) < 0.6, y_true, rng.integers(0, 4, n))
    w = rng.random(n) * (rng.random(n) > 0.1)
    for sample_weight in (None, w, rng.integers(0, 4, n)):
        assert_same(C.confusion_matrix(y_true, y_pred, sample_weight=sample_weight),
                    skm.confusion_matrix(y_true, y_pred, sample_weight=sample_weight))
        assert_same(C.accuracy_score(y_true, y_pred, sample_weight=sample_weight),
                    skm.accuracy_score(y_true, y_pred, sample_weight=sample_weight))
        for average in (None, "micro", "macro", "weighted"):
            got = C.precision_recall_fscore_support(y_true, y_pred, average=average,
                                                    sample_weight=sample_weight)
            want = skm.precision_recall_fscore_support(y_true, y_pred, average=average,
                                                       sample_weight=sample_weight)
            for a, b in zip(got[:3], want[:3]):
                assert_same(a, b)
            assert_same(C.specificity_score(y_true, y_pred, average=average,
                                            sample_weight=sample_weight),
                        reference_specificity(y_true, y_pred, average=average,
                                              sample_weight=sample_weight))


# --------------------------------------------------------------------------------------
# 8. Bad input: ValueError naming the argument
# --------------------------------------------------------------------------------------

LABEL_FUNCS = [
    pytest.param(C.confusion_matrix, id="confusion_matrix"),
    pytest.param(C.accuracy_score, id="accuracy_score"),
    pytest.param(C.precision_recall_fscore_support, id="prfs"),
    pytest.param(C.precision_score, id="precision_score"),
    pytest.param(C.recall_score, id="recall_score"),
    pytest.param(C.f1_score, id="f1_score"),
    pytest.param(lambda *a, **k: C.fbeta_score(*a, beta=2.0, **k), id="fbeta_score"),
    pytest.param(C.specificity_score, id="specificity_score"),
    pytest.param(ConfusionCounts.from_predictions, id="ConfusionCounts.from_predictions"),
]


@pytest.mark.parametrize("func", LABEL_FUNCS)
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_or_inf_labels_raise(func, bad):
    with pytest.raises(ValueError, match="`y_pred` contains NaN or infinity"):
        func([0, 1, 1], [0, bad, 1])
    with pytest.raises(ValueError, match="`y_true` contains NaN or infinity"):
        func([0, bad, 1], [0, 1, 1])


@pytest.mark.parametrize("func", LABEL_FUNCS)
def test_mismatched_lengths_raise(func):
    with pytest.raises(ValueError, match="`y_true` has 3, `y_pred` has 2"):
        func([0, 1, 1], [0, 1])


@pytest.mark.parametrize("func", LABEL_FUNCS)
def test_2d_labels_raise(func):
    with pytest.raises(ValueError, match="`y_pred` must be 1-D"):
        func([0, 1, 1], np.array([[0, 1], [1, 0], [1, 1]]))


@pytest.mark.parametrize("func", LABEL_FUNCS)
def test_empty_labels_raise(func):
    with pytest.raises(ValueError, match="`y_true` is empty"):
        func([], [])
    with pytest.raises(ValueError, match="`y_pred` is empty"):
        func([1], [])


@pytest.mark.parametrize("func", LABEL_FUNCS)
def test_continuous_labels_raise(func):
    with pytest.raises(ValueError, match="`y_true` looks continuous"):
        func([0.2, 0.9, 0.5], [0, 1, 1])
    with pytest.raises(ValueError, match="`y_pred` looks continuous"):
        func([0, 1, 1], [0.2, 0.9, 0.5])
    with pytest.raises(ValueError):
        skm.accuracy_score([0, 1, 1], [0.2, 0.9, 0.5])


@pytest.mark.parametrize("func", LABEL_FUNCS)
def test_integral_float_labels_are_accepted(func):
    # 0.0 / 1.0 are class labels, not scores: same result as the ints.
    got = func([0.0, 1.0, 1.0, 0.0], [0.0, 1.0, 0.0, 0.0])
    want = func([0, 1, 1, 0], [0, 1, 0, 0])
    if isinstance(want, tuple) and not isinstance(want, ConfusionCounts):
        for a, b in zip(got, want):
            assert_same(a, b)
    elif isinstance(want, ConfusionCounts):
        assert got == want
    else:
        assert_same(got, want)


@pytest.mark.parametrize("func", LABEL_FUNCS)
def test_mixed_string_and_numeric_labels_raise(func):
    with pytest.raises(ValueError, match="`y_true` and `y_pred` mix string and numeric"):
        func(["a", "b", "a"], [0, 1, 0])


@pytest.mark.parametrize("func", LABEL_FUNCS)
@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([1.0, -0.5, 1.0, 1.0], "`sample_weight` has negative values"),
        ([1.0, np.nan, 1.0, 1.0], "`sample_weight` contains NaN"),
        ([1.0, 1.0, 1.0], "`sample_weight` has 3 values but there are 4 samples"),
        ([[1.0, 1.0, 1.0, 1.0]], "`sample_weight` must be 1-D"),
        ([0.0, 0.0, 0.0, 0.0], "`sample_weight` is all zeros"),
        ([0, 0, 0, 0], "`sample_weight` is all zeros"),
    ],
)
def test_bad_sample_weight_raises(func, weights, message):
    with pytest.raises(ValueError, match=message):
        func([0, 1, 1, 0], [0, 1, 0, 0], sample_weight=weights)


@pytest.mark.parametrize("normalize", [True, False])
def test_all_zero_weights_raise(normalize):
    with pytest.raises(ValueError, match="`sample_weight` is all zeros"):
        C.accuracy_score([0, 1], [0, 1], sample_weight=[0.0, 0.0], normalize=normalize)
    with pytest.raises(ValueError, match="`sample_weight` is all zeros"):
        C.confusion_matrix([0, 1], [0, 1], sample_weight=[0, 0])


@needs_all_zero_weight_error
@pytest.mark.parametrize("normalize", [True, False])
def test_all_zero_weights_raise_as_in_sklearn(normalize):
    with pytest.raises(ValueError, match="`sample_weight` is all zeros"):
        C.accuracy_score([0, 1], [0, 1], sample_weight=[0.0, 0.0], normalize=normalize)
    with pytest.raises(ValueError, match="non-zero"):
        skm.accuracy_score([0, 1], [0, 1], sample_weight=[0.0, 0.0], normalize=normalize)
    with pytest.raises(ValueError, match="non-zero"):
        skm.confusion_matrix([0, 1], [0, 1], sample_weight=[0, 0])


@pytest.mark.parametrize("func", [C.precision_recall_fscore_support, C.precision_score,
                                  C.recall_score, C.f1_score, C.specificity_score,
                                  lambda *a, **k: C.fbeta_score(*a, beta=1.0, **k)])
@pytest.mark.parametrize("average", ["samples", "mean", "Macro", ""])
def test_bad_average_raises(func, average):
    with pytest.raises(ValueError, match="`average` must be one of"):
        func([0, 1, 2], [0, 1, 1], average=average)


@pytest.mark.parametrize("func", [C.precision_recall_fscore_support, C.precision_score,
                                  C.recall_score, C.f1_score, C.specificity_score,
                                  lambda *a, **k: C.fbeta_score(*a, beta=1.0, **k)])
@pytest.mark.parametrize("zero_division", ["ignore", 0.5, 2, -1, None, "nan"])
def test_bad_zero_division_raises(func, zero_division):
    with pytest.raises(ValueError, match="`zero_division` must be"):
        func([0, 1, 1], [0, 1, 0], zero_division=zero_division)
    # Checked even when no division by zero happens.
    with pytest.raises(ValueError, match="`zero_division`"):
        func([0, 1], [0, 1], zero_division=zero_division)


@pytest.mark.parametrize("normalize", ["rows", "True", True, 1, "columns"])
def test_bad_confusion_matrix_normalize_raises(normalize):
    with pytest.raises(ValueError, match="`normalize` must be"):
        C.confusion_matrix([0, 1, 1], [0, 1, 0], normalize=normalize)


def test_bad_confusion_matrix_labels_raise():
    with pytest.raises(ValueError, match="None of `labels` occurs in `y_true`"):
        C.confusion_matrix([0, 1, 1], [0, 1, 2], labels=[2, 5])
    with pytest.raises(ValueError):
        skm.confusion_matrix([0, 1, 1], [0, 1, 2], labels=[2, 5])
    with pytest.raises(ValueError, match="`labels` must be a non-empty 1-D"):
        C.confusion_matrix([0, 1, 1], [0, 1, 0], labels=[])
    with pytest.raises(ValueError, match="`labels` must be a non-empty 1-D"):
        C.confusion_matrix([0, 1, 1], [0, 1, 0], labels=[[0, 1]])


@pytest.mark.parametrize("func", [C.precision_recall_fscore_support, C.specificity_score,
                                  C.precision_score])
def test_bad_prf_labels_raise(func):
    with pytest.raises(ValueError, match="`labels` must be a non-empty 1-D"):
        func([0, 1, 2], [0, 1, 1], labels=[], average="macro")


@pytest.mark.parametrize("beta", [-1.0, np.nan, [1.0, 2.0]])
def test_bad_beta_raises(beta):
    with pytest.raises(ValueError, match="`beta` must be"):
        C.fbeta_score([0, 1, 1], [0, 1, 0], beta=beta)
    with pytest.raises(ValueError, match="`beta` must be"):
        C.precision_recall_fscore_support([0, 1, 1], [0, 1, 0], beta=beta)


def test_multilabel_accuracy_shape_mismatch_raises():
    with pytest.raises(ValueError, match="`y_pred` has shape"):
        C.accuracy_score(np.ones((3, 2)), np.ones((3, 3)))
    with pytest.raises(ValueError, match="`y_true` is empty"):
        C.accuracy_score(np.ones((0, 2)), np.ones((0, 2)))


def test_binary_average_message_names_average():
    with pytest.raises(ValueError, match="multiclass but average='binary'"):
        C.f1_score(MC_TRUE, MC_PRED, average="binary")

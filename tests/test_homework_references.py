"""The homework checks' reference answers equal lecturelib's metrics (and so scikit-learn's)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from lecturelib.classification import fbeta_score, precision_score, recall_score, specificity_score
from lecturelib.classification import f1_score
from lecturelib.curves import ThresholdSweep
from lecturelib.homework import hw1

COUNTS = st.tuples(*[st.integers(0, 30)] * 4)


def _labels(tp, fp, fn, tn):
    return [1] * tp + [0] * fp + [1] * fn + [0] * tn, [1] * tp + [1] * fp + [0] * fn + [0] * tn


@settings(max_examples=200, deadline=None)
@given(COUNTS, st.sampled_from([0.5, 1, 2, 3]))
def test_hw1_count_metrics_equal_lecturelibs(counts, beta):
    y_true, y_pred = _labels(*counts)
    if not y_true:
        return
    kw = dict(labels=[0, 1], zero_division=0.0)
    assert hw1.reference.precision(*counts) == precision_score(y_true, y_pred, **kw)
    assert hw1.reference.recall(*counts) == recall_score(y_true, y_pred, **kw)
    assert hw1.reference.specificity(*counts) == specificity_score(y_true, y_pred, **kw)
    assert np.isclose(hw1.reference.f_beta(*counts, beta),
                      fbeta_score(y_true, y_pred, beta=beta, **kw), rtol=1e-12, atol=0)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=2, max_size=40), st.integers(0, 2**32 - 1))
def test_hw1_averages_equal_lecturelibs(y_true, seed):
    rng = np.random.default_rng(seed)
    y_pred = np.where(rng.random(len(y_true)) < 0.6, y_true, rng.integers(0, 4, len(y_true)))
    table = hw1.per_class_counts(y_true, y_pred)
    for average, function in (("micro", hw1.reference.micro_f1), ("macro", hw1.reference.macro_f1)):
        expected = f1_score(y_true, y_pred, average=average, labels=np.union1d(y_true, y_pred),
                            zero_division=0.0)
        assert np.isclose(function(table), expected, rtol=1e-12, atol=1e-15)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 10)), min_size=1, max_size=40),
       st.integers(-1, 11))
def test_hw1_counts_at_a_threshold_equal_the_threshold_sweep(samples, threshold):
    y_true = np.array([y for y, _s in samples])
    scores = np.array([s for _y, s in samples]) / 10
    if len(np.unique(y_true)) < 2:
        return
    c = ThresholdSweep(y_true, scores).counts_at(threshold / 10)
    assert hw1.reference.counts_at(y_true, scores, threshold / 10) == (c.tp, c.fp, c.fn, c.tn)

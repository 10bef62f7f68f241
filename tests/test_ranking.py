"""lecturelib.ranking: DCG/NDCG equal to scikit-learn, the binary metrics equal to brute
force over every order of the tied items, their properties, and clear errors.

Ties: every metric is the expected value over all orders of each group of tied scores,
so the brute force below enumerates those orders (itertools.product of the permutations
of each group) and averages a plain no-ties implementation written from the textbook
formulas. See ORACLES.md §1.10-1.11 for scikit-learn's conventions.
"""

from __future__ import annotations

import itertools
import math
import subprocess
import sys
import warnings

import numpy as np
import pytest
import sklearn.metrics as skm
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lecturelib import ranking as R
from lecturelib._validation import UndefinedMetricWarning

FAST = settings(max_examples=80, deadline=None, database=None)
# The central claims (equal to brute force and to scikit-learn, order-free) get more cases.
THOROUGH = settings(max_examples=300, deadline=None, database=None)
TOL = dict(rtol=1e-12, atol=1e-12)


def silently(func, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(*args, **kwargs)


# --- Strategies: few distinct scores, so many ties ------------------------------------------

@st.composite
def queries(draw, *, min_queries=1, max_queries=4, min_items=1, max_items=6, max_grade=3,
            distinct=False):
    """(y_true, y_score) of shape (n_queries, n_items): integer grades in [0, max_grade],
    scores from few levels (ties) or, with ``distinct``, a permutation per row."""
    n_q = draw(st.integers(min_queries, max_queries))
    n = draw(st.integers(min_items, max_items))
    grade = st.integers(0, max_grade)
    y_true = np.array(draw(st.lists(st.lists(grade, min_size=n, max_size=n),
                                    min_size=n_q, max_size=n_q)), dtype=float)
    if distinct:
        rows = [draw(st.permutations(range(n))) for _ in range(n_q)]
        y_score = np.array(rows, dtype=float) * 0.37 - 1.0
    else:
        levels = draw(st.integers(1, n))
        y_score = np.array(draw(st.lists(st.lists(st.integers(0, levels - 1), min_size=n,
                                                  max_size=n), min_size=n_q,
                                         max_size=n_q)), dtype=float)
        y_score = y_score * draw(st.sampled_from([1.0, 0.1, -2.5]))
    return y_true, y_score


def one_query(**kwargs):
    return queries(min_queries=1, max_queries=1, **kwargs).map(lambda q: (q[0][0], q[1][0]))


# --- Brute force ------------------------------------------------------------------------------

def fixed_order_metrics(gains, k_max):
    """Every metric of one query whose items are in the given order (no ties), from the
    textbook definitions. Undefined values (no relevant item) are NaN."""
    rel = [g > 0 for g in gains]
    n_rel = sum(rel)
    out = {"rr": next((1 / (i + 1) for i, r in enumerate(rel) if r), math.nan)}
    for k in range(1, k_max + 1):
        hits = sum(rel[:k])
        precision_sum = sum(sum(rel[:i + 1]) / (i + 1) for i in range(min(k, len(rel)))
                            if rel[i])
        out[("p", k)] = hits / k
        out[("r", k)] = hits / n_rel if n_rel else math.nan
        out[("ap_min", k)] = precision_sum / min(k, n_rel) if n_rel else math.nan
        out[("ap_rel", k)] = precision_sum / n_rel if n_rel else math.nan
        out[("dcg", k)] = sum(g / math.log2(i + 2) for i, g in enumerate(gains[:k]))
    return out


def distinct_orders(values):
    """Every distinct order of a multiset. Under a uniformly random permutation each is
    equally likely (each stands for the same number of permutations), so averaging over
    them is averaging over all permutations, with far fewer terms."""
    if not values:
        yield ()
        return
    for v in sorted(set(values)):
        rest = list(values)
        rest.remove(v)
        for tail in distinct_orders(rest):
            yield (v, *tail)


def tie_orders(y_true, y_score):
    """The gains in every order that sorts ``y_score`` decreasingly: one per combination of
    (distinct) orders within the tie groups."""
    levels = sorted(set(y_score.tolist()), reverse=True)
    groups = [[g for g, s in zip(y_true.tolist(), y_score.tolist()) if s == level]
              for level in levels]
    for combo in itertools.product(*(list(distinct_orders(g)) for g in groups)):
        yield [g for group in combo for g in group]


def expected_metrics(y_true, y_score, k_max):
    """Average of :func:`fixed_order_metrics` over all orders of the tied items."""
    total, count = None, 0
    for gains in tie_orders(y_true, y_score):
        m = fixed_order_metrics(gains, k_max)
        total = m if total is None else {key: total[key] + m[key] for key in m}
        count += 1
    return {key: v / count for key, v in total.items()}


def lecturelib_metrics(y_true, y_score, k_max):
    nan = dict(zero_division=np.nan)
    out = {"rr": R.reciprocal_rank(y_true, y_score, **nan)}
    for k in range(1, k_max + 1):
        out[("p", k)] = R.precision_at_k(y_true, y_score, k)
        out[("r", k)] = R.recall_at_k(y_true, y_score, k, **nan)
        out[("ap_min", k)] = R.average_precision_at_k(y_true, y_score, k, **nan)
        out[("ap_rel", k)] = R.average_precision_at_k(y_true, y_score, k,
                                                      normalize="relevant", **nan)
        if y_true.size >= 2:
            out[("dcg", k)] = R.dcg_score([y_true], [y_score], k=k)
    return out


def assert_same_metrics(got, want):
    for key, value in got.items():
        np.testing.assert_allclose(value, want[key], **TOL, err_msg=str(key))


@THOROUGH
@given(one_query(max_items=8))
def test_every_metric_is_the_mean_over_all_orders_of_the_ties(q):
    y_true, y_score = q
    k_max = y_true.size + 2
    assert_same_metrics(lecturelib_metrics(y_true, y_score, k_max),
                        expected_metrics(y_true, y_score, k_max))


@pytest.mark.parametrize("n_relevant", range(0, 11))
def test_a_large_tie_group_against_brute_force(n_relevant):
    # Ten tied items (up to C(10, 5) = 252 distinct orders) below three ranked ones, and a
    # tie of two after them.
    y_true = np.array([0, 1, 0] + [1] * n_relevant + [0] * (10 - n_relevant) + [1, 0.0])
    y_score = np.array([5, 4, 3] + [1] * 10 + [0, 0], dtype=float)
    assert_same_metrics(lecturelib_metrics(y_true, y_score, 17),
                        expected_metrics(y_true, y_score, 17))


@FAST
@given(one_query(min_items=1, max_items=7))
def test_the_reversed_ranking_scores_lowest_and_the_perfect_one_highest(q):
    """Among all orders of the items (brute force), the minimum of every metric is that of
    the reversed ranking (y_score = -y_true) and the maximum that of the perfect one; any
    scoring, ties included, lies in between."""
    y_true, y_score = q
    k_max = y_true.size + 1
    values = [fixed_order_metrics(list(gains), k_max)
              for gains in distinct_orders(y_true.tolist())]
    lowest = lecturelib_metrics(y_true, -y_true, k_max)
    highest = lecturelib_metrics(y_true, y_true, k_max)
    got = lecturelib_metrics(y_true, y_score, k_max)
    for key in lowest:
        column = [v[key] for v in values]
        if np.isnan(column).any():
            assert np.isnan(lowest[key]) and np.isnan(got[key])
            continue
        np.testing.assert_allclose(lowest[key], min(column), **TOL, err_msg=str(key))
        np.testing.assert_allclose(highest[key], max(column), **TOL, err_msg=str(key))
        assert min(column) - 1e-12 <= got[key] <= max(column) + 1e-12, key


# --- scikit-learn -----------------------------------------------------------------------------

@st.composite
def dcg_cases(draw, *, allow_negative=False):
    y_true, y_score = draw(queries(min_items=2, max_items=9))
    if draw(st.booleans()):  # non-integer grades
        y_true = y_true * draw(st.sampled_from([0.5, 1.7]))
    if allow_negative and draw(st.booleans()):
        y_true = y_true - 1
    k = draw(st.one_of(st.none(), st.integers(1, y_true.shape[1] + 2)))
    weights = draw(st.one_of(st.none(), st.lists(st.floats(0.1, 5), min_size=len(y_true),
                                                 max_size=len(y_true))))
    return y_true, y_score, k, weights


@THOROUGH
@given(dcg_cases(allow_negative=True), st.sampled_from([2, math.e, 10, 1.5]))
def test_dcg_equals_scikit_learn_with_ties(case, log_base):
    y_true, y_score, k, weights = case
    got = R.dcg_score(y_true, y_score, k=k, log_base=log_base, sample_weight=weights)
    want = skm.dcg_score(y_true, y_score, k=k, log_base=log_base, sample_weight=weights)
    np.testing.assert_allclose(got, want, **TOL)


@THOROUGH
@given(dcg_cases())
def test_ndcg_equals_scikit_learn_with_ties(case):
    y_true, y_score, k, weights = case
    got = R.ndcg_score(y_true, y_score, k=k, sample_weight=weights)
    want = skm.ndcg_score(y_true, y_score, k=k, sample_weight=weights)
    np.testing.assert_allclose(got, want, **TOL)
    assert 0 <= got <= 1 + 1e-12


@FAST
@given(dcg_cases(), st.booleans())
def test_ignore_ties_equals_scikit_learn(case, distinct):
    # With distinct scores ignore_ties changes nothing; with ties lecturelib ranks them in
    # scikit-learn's (arbitrary) order, the same NumPy sort on the same array.
    y_true, y_score, k, _ = case
    if distinct:
        y_score = y_score + np.arange(y_score.shape[1]) * 1e-3
        np.testing.assert_allclose(R.ndcg_score(y_true, y_score, k=k, ignore_ties=True),
                                   R.ndcg_score(y_true, y_score, k=k), **TOL)
    for ours, theirs in ((R.dcg_score, skm.dcg_score), (R.ndcg_score, skm.ndcg_score)):
        np.testing.assert_allclose(ours(y_true, y_score, k=k, ignore_ties=True),
                                   theirs(y_true, y_score, k=k, ignore_ties=True), **TOL)


@pytest.mark.parametrize("k, ignore_ties, want", [
    (None, False, 0.92797), (None, True, 0.86486), (1, False, 0.75), (1, True, 0.5)])
def test_ndcg_oracle_example(k, ignore_ties, want):
    # ORACLES.md §1.10, as run with scikit-learn.
    got = R.ndcg_score([[10, 0, 0, 1, 5]], [[1, 0, 0, 0, 1]], k=k, ignore_ties=ignore_ties)
    assert got == pytest.approx(want, abs=5e-6)


def test_dcg_and_ndcg_hand_worked():
    # Ranked gains 3, 2, 0, 1 (no ties): DCG = 3 + 2/log2(3) + 0 + 1/log2(5).
    y_true, y_score = [[0, 1, 3, 2]], [[0.2, 0.1, 0.9, 0.5]]
    dcg = 3 + 2 / math.log2(3) + 1 / math.log2(5)
    ideal = 3 + 2 / math.log2(3) + 1 / math.log2(4)
    assert R.dcg_score(y_true, y_score) == pytest.approx(dcg, rel=1e-14)
    assert R.ndcg_score(y_true, y_score) == pytest.approx(dcg / ideal, rel=1e-14)
    assert R.ndcg_score(y_true, y_score, k=2) == pytest.approx(1.0, rel=1e-14)
    assert R.dcg_score(y_true, y_score, log_base=10) == pytest.approx(
        3 / math.log10(2) + 2 / math.log10(3) + 1 / math.log10(5), rel=1e-14)


def test_ndcg_of_a_query_without_relevant_items_is_zero():
    assert R.ndcg_score([[0, 0, 0], [1, 0, 0]], [[1, 2, 3], [3, 2, 1]]) == 0.5


# --- Relations with scikit-learn's other ranking metrics --------------------------------------

@FAST
@given(queries(min_items=2, max_items=8, distinct=True, max_grade=2))
def test_ap_without_ties_equals_label_ranking_ap_and_sklearn_average_precision(q):
    y_true, y_score = q
    for yt, ys in zip(y_true, y_score):
        if not yt.any():
            continue
        relevant = (yt > 0).astype(int)
        ap = R.average_precision_at_k(yt, ys, normalize="relevant")
        assert ap == pytest.approx(R.average_precision_at_k(yt, ys), rel=1e-12)
        assert ap == pytest.approx(skm.label_ranking_average_precision_score(
            [relevant], [ys]), rel=1e-12)
        if not relevant.all():
            assert ap == pytest.approx(skm.average_precision_score(relevant, ys), rel=1e-12)


@st.composite
def one_relevant_per_query(draw, distinct=True):
    n_q, n = draw(st.integers(1, 5)), draw(st.integers(3, 8))
    target = draw(st.lists(st.integers(0, n - 1), min_size=n_q, max_size=n_q))
    y_true = np.zeros((n_q, n))
    y_true[np.arange(n_q), target] = 1
    if distinct:
        y_score = np.array([draw(st.permutations(range(n))) for _ in range(n_q)], float)
    else:
        y_score = np.array(draw(st.lists(st.lists(st.integers(0, 2), min_size=n, max_size=n),
                                         min_size=n_q, max_size=n_q)), float)
    return y_true, y_score, np.array(target)


@FAST
@given(one_relevant_per_query(), st.integers(1, 9))
def test_one_relevant_item_mrr_is_lrap_and_recall_is_top_k_accuracy(q, k):
    y_true, y_score, target = q
    assert R.mean_reciprocal_rank(y_true, y_score) == pytest.approx(
        skm.label_ranking_average_precision_score(y_true, y_score), rel=1e-12)
    # (scikit-learn warns that k >= n_items is a perfect score.)
    assert R.recall_at_k(y_true, y_score, k) == pytest.approx(silently(
        skm.top_k_accuracy_score, target, y_score, k=k, labels=np.arange(y_true.shape[1])),
        rel=1e-12)
    assert R.mean_average_precision_at_k(y_true, y_score) == pytest.approx(
        R.mean_reciprocal_rank(y_true, y_score), rel=1e-12)


@FAST
@given(one_relevant_per_query(distinct=False))
def test_with_ties_lrap_is_pessimistic_and_rr_the_expected_value(q):
    # scikit-learn's LRAP ranks a relevant item last among its ties: 1/(N + n) <= E[1/rank].
    y_true, y_score, _ = q
    lrap = skm.label_ranking_average_precision_score(y_true, y_score)
    # Lifting the relevant item above its ties gives the optimistic value.
    optimistic = skm.label_ranking_average_precision_score(y_true, y_score + 1e-3 * y_true)
    assert lrap - 1e-12 <= R.mean_reciprocal_rank(y_true, y_score) <= optimistic + 1e-12


# --- Properties -------------------------------------------------------------------------------

@THOROUGH
@given(queries(min_items=2, max_items=9), st.data())
def test_permuting_the_items_changes_nothing(q, data):
    y_true, y_score = q
    perm = np.array(data.draw(st.permutations(range(y_true.shape[1]))))
    k = data.draw(st.integers(1, y_true.shape[1] + 1))
    binary = [
        lambda t, s: silently(R.mean_reciprocal_rank, t, s),
        lambda t, s: R.precision_at_k(t, s, k),
        lambda t, s: silently(R.recall_at_k, t, s, k),
        lambda t, s: silently(R.mean_average_precision_at_k, t, s, k),
        lambda t, s: silently(R.mean_average_precision_at_k, t, s, k, normalize="relevant"),
    ]
    for metric in binary:  # bit for bit: only group counts enter the formulas
        assert metric(y_true, y_score) == metric(y_true[:, perm], y_score[:, perm])
    for metric in (R.dcg_score, R.ndcg_score):
        np.testing.assert_allclose(metric(y_true[:, perm], y_score[:, perm], k=k),
                                   metric(y_true, y_score, k=k), **TOL)


@FAST
@given(queries(min_items=2, max_items=12))
def test_a_perfect_ranking_scores_one(q):
    y_true, y_score = q
    y_true[:, 0] = np.maximum(y_true[:, 0], 1)   # every query has a relevant item
    n_relevant = (y_true > 0).sum(axis=1)
    assert R.ndcg_score(y_true, y_true) == pytest.approx(1.0, rel=1e-14)
    assert R.mean_reciprocal_rank(y_true, y_true) == 1.0
    for k in range(1, y_true.shape[1] + 2):
        assert R.mean_average_precision_at_k(y_true, y_true, k) == pytest.approx(1.0,
                                                                                rel=1e-14)
        if k <= n_relevant.min():
            assert R.precision_at_k(y_true, y_true, k) == 1.0
        if k >= n_relevant.max():
            assert R.recall_at_k(y_true, y_true, k) == 1.0
    # A binary perfect ranking is perfect for the binary metrics whatever the grades' order.
    assert R.mean_reciprocal_rank(y_true, (y_true > 0).astype(float)) == 1.0


@FAST
@given(queries(min_items=1, max_items=12), st.integers(1, 14))
# Summing m / n per rank gave 1 + 2 eps here: hits are now counted per group.
@example(q=(np.array([[0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1.0]]),
            np.array([[0, 0, 0, 0, 1, 0, 0, 1, 1, 1, 1.0]])), k=11)
def test_values_lie_in_0_1_and_the_means_average_the_queries(q, k):
    y_true, y_score = q
    kw = dict(zero_division=0.0)
    per_query = {
        "rr": [R.reciprocal_rank(t, s, **kw) for t, s in zip(y_true, y_score)],
        "p": [R.precision_at_k(t, s, k) for t, s in zip(y_true, y_score)],
        "r": [R.recall_at_k(t, s, k, **kw) for t, s in zip(y_true, y_score)],
        "ap": [R.average_precision_at_k(t, s, k, **kw) for t, s in zip(y_true, y_score)],
    }
    means = {
        "rr": R.mean_reciprocal_rank(y_true, y_score, **kw),
        "p": R.precision_at_k(y_true, y_score, k),
        "r": R.recall_at_k(y_true, y_score, k, **kw),
        "ap": R.mean_average_precision_at_k(y_true, y_score, k, **kw),
    }
    for name, values in per_query.items():
        assert all(0 <= v <= 1 for v in values), name
        assert means[name] == pytest.approx(np.mean(values), rel=1e-12, abs=1e-15), name
    # hits@k two ways: k * P@k = R * R@k.
    n_rel = (y_true > 0).sum(axis=1)
    for t, s, nr in zip(y_true, y_score, n_rel):
        if nr:
            assert k * R.precision_at_k(t, s, k) == pytest.approx(
                nr * R.recall_at_k(t, s, k), rel=1e-12)
    # AP@k with D = R never exceeds AP@k with D = min(k, R).
    assert (R.mean_average_precision_at_k(y_true, y_score, k, normalize="relevant", **kw)
            <= means["ap"] + 1e-12)


# --- Hand-worked cases and conventions --------------------------------------------------------

Y, S = [0, 1, 0, 1, 0], [0.9, 0.8, 0.7, 0.6, 0.5]


def test_hand_worked_ranking_without_ties():
    assert R.reciprocal_rank(Y, S) == 0.5
    assert [R.precision_at_k(Y, S, k) for k in (1, 2, 4, 10)] == [0.0, 0.5, 0.5, 0.2]
    assert [R.recall_at_k(Y, S, k) for k in (1, 2, 4, 10)] == [0.0, 0.5, 1.0, 1.0]
    # P@2 = 1/2 and P@4 = 2/4 at the two relevant ranks.
    assert R.average_precision_at_k(Y, S) == 0.5
    assert R.average_precision_at_k(Y, S, 1) == 0.0
    assert R.average_precision_at_k(Y, S, 3) == 0.25                        # / min(3, 2)
    assert R.average_precision_at_k(Y, S, 3, normalize="relevant") == 0.25  # / 2
    assert R.average_precision_at_k(Y, S, 2) == pytest.approx(0.25)         # (1/2) / 2


def test_hand_worked_ties():
    # One relevant item tied with two irrelevant ones at the top: rank 1, 2 or 3.
    assert R.reciprocal_rank([0, 1, 0, 0], [2, 2, 2, 1]) == pytest.approx(
        (1 + 1 / 2 + 1 / 3) / 3)
    assert R.precision_at_k([0, 1, 0, 0], [2, 2, 2, 1], 2) == pytest.approx(1 / 3)
    # Two relevant of three, all tied: AP = (1 + 5/6 + 7/12) / 3 = 29/36, against
    # scikit-learn's pessimistic 2/3 (ORACLES.md §1.11).
    assert R.average_precision_at_k([1, 0, 1], [0.5, 0.5, 0.5]) == pytest.approx(29 / 36)
    assert skm.label_ranking_average_precision_score([[1, 0, 1]], [[.5, .5, .5]]) == \
        pytest.approx(2 / 3)
    # Below a relevant item, a tie of one relevant and one irrelevant item at ranks 2-3.
    # The second relevant item is at rank 2 (AP 1) or 3 (AP (1 + 2/3) / 2), equally likely.
    assert R.average_precision_at_k([1, 1, 0], [3, 1, 1]) == pytest.approx(11 / 12)


def test_graded_relevance_counts_as_relevant_above_zero():
    assert R.reciprocal_rank([0, 0.5, 3], [3, 2, 1]) == 0.5
    assert R.precision_at_k([0, 0.5, 3], [3, 2, 1], 3) == pytest.approx(2 / 3)
    assert R.precision_at_k([False, True, True], [3, 2, 1], 3) == pytest.approx(2 / 3)


def test_precision_at_k_divides_by_k_even_beyond_the_list():
    assert R.precision_at_k([1, 1], [0.2, 0.1], 4) == 0.5
    assert R.recall_at_k([1, 1], [0.2, 0.1], 4) == 1.0
    assert R.average_precision_at_k([1, 1], [0.2, 0.1], 4) == 1.0


@pytest.mark.parametrize("metric", [
    lambda zd: R.reciprocal_rank([0, 0, 0], [1, 2, 3], zero_division=zd),
    lambda zd: R.recall_at_k([0, 0, 0], [1, 2, 3], 2, zero_division=zd),
    lambda zd: R.average_precision_at_k([0, 0, 0], [1, 2, 3], 2, zero_division=zd),
])
def test_no_relevant_item_gives_zero_division(metric):
    with pytest.warns(UndefinedMetricWarning, match="no relevant item"):
        assert metric("warn") == 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert metric(0.0) == 0.0
        assert metric(1.0) == 1.0
        assert np.isnan(metric(np.nan))
    assert R.precision_at_k([0, 0, 0], [1, 2, 3], 2) == 0.0   # never undefined


def test_zero_division_in_the_means_warns_once_and_nan_skips_the_query():
    y_true, y_score = [[0, 0, 0], [0, 1, 0], [0, 0, 0]], [[1, 2, 3], [3, 2, 1], [1, 1, 1]]
    with pytest.warns(UndefinedMetricWarning, match="2 of 3 queries") as record:
        assert R.mean_reciprocal_rank(y_true, y_score) == pytest.approx(0.5 / 3)
    assert len(record) == 1 and record[0].filename == __file__
    with pytest.warns(UndefinedMetricWarning) as record:
        R.mean_average_precision_at_k(y_true, y_score, 2)
    assert record[0].filename == __file__
    assert R.mean_reciprocal_rank(y_true, y_score, zero_division=np.nan) == 0.5
    assert R.mean_average_precision_at_k(y_true, y_score, zero_division=np.nan) == 0.5
    assert R.recall_at_k(y_true, y_score, 1, zero_division=1.0) == pytest.approx(2 / 3)
    assert np.isnan(R.mean_reciprocal_rank([[0, 0]], [[1, 2]], zero_division=np.nan))


# --- Bad input --------------------------------------------------------------------------------

ONE_QUERY = [R.reciprocal_rank, lambda t, s: R.precision_at_k(t, s, 2),
             lambda t, s: R.recall_at_k(t, s, 2), R.average_precision_at_k]
MANY_QUERIES = [R.dcg_score, R.ndcg_score, R.mean_reciprocal_rank,
                lambda t, s: R.precision_at_k(t, s, 2),
                lambda t, s: R.recall_at_k(t, s, 2), R.mean_average_precision_at_k]


@pytest.mark.parametrize("metric", ONE_QUERY)
@pytest.mark.parametrize("y_true, y_score, match", [
    ([0, 1, np.nan], [1, 2, 3], "`y_true` contains NaN"),
    ([0, 1, 1], [1, np.inf, 3], "`y_score` contains NaN or infinity"),
    ([0, 1, 1], [1, 2], r"`y_true` has shape \(3,\) but `y_score` has shape \(2,\)"),
    ([], [], "`y_true` is empty"),
    ([0, -1, 1], [1, 2, 3], "`y_true` has negative values"),
    (["a", "b"], [1, 2], "`y_true` must be numeric"),
    ([[[0, 1]]], [[[1, 2]]], "`y_true` must be 1-D"),
])
def test_bad_input_one_query(metric, y_true, y_score, match):
    with pytest.raises(ValueError, match=match):
        metric(y_true, y_score)


@pytest.mark.parametrize("metric", MANY_QUERIES)
@pytest.mark.parametrize("y_true, y_score, match", [
    ([[0, 1, np.nan]], [[1, 2, 3]], "`y_true` contains NaN"),
    ([[0, 1, 1]], [[1, np.nan, 3]], "`y_score` contains NaN"),
    ([[0, 1, 1]], [[1, 2, 3], [1, 2, 3]], "`y_true` has shape .* but `y_score`"),
    ([[0, 1, 1]], [[1, 2]], "`y_true` has shape .* but `y_score`"),
    (np.zeros((0, 3)), np.zeros((0, 3)), "`y_true` is empty"),
    ([[[0, 1]]], [[[1, 2]]], "`y_true` must be"),
])
def test_bad_input_many_queries(metric, y_true, y_score, match):
    with pytest.raises(ValueError, match=match):
        metric(y_true, y_score)


@pytest.mark.parametrize("metric", [R.mean_reciprocal_rank, R.mean_average_precision_at_k,
                                    R.dcg_score, R.ndcg_score])
def test_functions_over_queries_reject_one_query_as_1d(metric):
    with pytest.raises(ValueError, match=r"`y_true` must be 2-D.*values\[None, :\]"):
        metric([0, 1, 1], [1, 2, 3])


@pytest.mark.parametrize("metric", [R.reciprocal_rank, R.average_precision_at_k])
def test_functions_for_one_query_reject_2d_and_point_to_the_mean(metric):
    with pytest.raises(ValueError, match="must be 1-D.*mean_"):
        metric([[0, 1, 1]], [[1, 2, 3]])


def test_negative_relevance_is_for_dcg_only():
    assert R.dcg_score([[-1, 2]], [[1, 2]]) == pytest.approx(
        skm.dcg_score([[-1, 2]], [[1, 2]]))
    with pytest.raises(ValueError, match="`y_true` has negative values"):
        R.ndcg_score([[-1, 2]], [[1, 2]])
    with pytest.raises(ValueError, match="`y_true` has negative values"):
        R.mean_reciprocal_rank([[-1, 2]], [[1, 2]])


@pytest.mark.parametrize("metric", [R.dcg_score, R.ndcg_score])
def test_dcg_needs_two_items(metric):
    with pytest.raises(ValueError, match="at least 2 items"):
        metric([[1], [0]], [[1], [2]])


@pytest.mark.parametrize("k", [0, -1, 2.0, 1.5, True, "3", np.nan])
def test_bad_k(k):
    for call in (lambda: R.precision_at_k(Y, S, k), lambda: R.recall_at_k(Y, S, k),
                 lambda: R.average_precision_at_k(Y, S, k),
                 lambda: R.mean_average_precision_at_k([Y], [S], k),
                 lambda: R.ndcg_score([Y], [S], k=k), lambda: R.dcg_score([Y], [S], k=k)):
        with pytest.raises(ValueError, match="`k` must be an integer >= 1"):
            call()
    with pytest.raises(ValueError, match="`k` must be an integer >= 1, got None"):
        R.precision_at_k(Y, S, None)


def test_numpy_integer_k_is_accepted():
    assert R.precision_at_k(Y, S, np.int64(2)) == 0.5
    assert R.ndcg_score([Y], [S], k=np.int32(2)) == R.ndcg_score([Y], [S], k=2)


@pytest.mark.parametrize("kwargs, match", [
    (dict(log_base=1), "`log_base` must be a number > 1"),
    (dict(log_base=0.5), "`log_base`"),
    (dict(log_base=np.inf), "`log_base`"),
    (dict(sample_weight=[1, 2]), "`sample_weight` has 2 values"),
    (dict(sample_weight=[-1]), "`sample_weight` has negative"),
    (dict(sample_weight=[0]), "`sample_weight` is all zeros"),
])
def test_bad_dcg_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        R.dcg_score([Y], [S], **kwargs)


def test_bad_normalize_and_zero_division():
    with pytest.raises(ValueError, match="`normalize` must be 'min_k_relevant'"):
        R.average_precision_at_k(Y, S, 2, normalize="k")
    with pytest.raises(ValueError, match="`zero_division`"):
        R.mean_reciprocal_rank([Y], [S], zero_division=0.5)
    with pytest.raises(ValueError, match="`zero_division`"):
        R.recall_at_k(Y, S, 2, zero_division="skip")


def test_ranking_imports_numpy_only():
    code = ("import sys, lecturelib.ranking; "
            "bad = [m for m in ('sklearn', 'scipy', 'torch', 'pandas') if m in sys.modules]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)

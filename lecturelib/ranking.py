r"""Ranking metrics: how well a score puts the relevant items of a query first.

A search engine, a recommender or a text-to-image retriever scores every candidate item
for a query and shows them by decreasing score. These metrics compare that order with
relevance labels ``y_true``; only the order of the scores matters, not their values.

Layout, as in :func:`sklearn.metrics.ndcg_score`: ``y_true`` and ``y_score`` have shape
``(n_queries, n_items)``, one row per query (the functions named for one query take a
1-D row). ``y_true`` holds relevance grades ``>= 0``: 0/1, or graded (0 = not relevant,
1 = somewhat, 3 = perfect, ...).

* :func:`dcg_score` and :func:`ndcg_score` use the grades as gains and are exactly
  scikit-learn's (same arguments, same values to ~1e-15); ``gains="exponential"`` uses
  :math:`2^{\mathrm{rel}} - 1` instead (Burges et al., 2005; LightGBM and XGBoost).
* The *binary* metrics, :func:`reciprocal_rank`, :func:`precision_at_k`,
  :func:`recall_at_k`, :func:`hit_rate_at_k` and :func:`average_precision_at_k` with
  their means over queries, count an item as relevant when ``y_true > 0``; the grade
  does not matter beyond that.

**Ties never depend on the input order.** Where several items have the same score no
order between them is given, yet "the rank of the first relevant item" needs one. An
implementation that sorts (torchmetrics' ``topk``, trec_eval's tie-break on document
names) silently picks one, so the metric changes when the input is shuffled. Here every
metric is the **expected value over all orders of each group of tied items**, each order
equally likely: the convention of scikit-learn's tie-averaged DCG (McSherry and Najork,
2008), extended to the binary metrics and computed exactly (closed forms, no sampling).
With distinct scores it is the ordinary value. So a tie costs what a coin flip would:
one relevant item tied with one irrelevant item at the top gives a reciprocal rank of
(1 + 1/2) / 2 = 0.75. (scikit-learn's ``label_ranking_average_precision_score`` instead
ranks every tied item last within its tie group, which no single order does.)

Conventions where the references differ (each function's notes say more):

===========================  ===================  ==================  ======================
question                     lecturelib           trec_eval           torchmetrics retrieval
===========================  ===================  ==================  ======================
tied scores                  expected value over  tie-break on the    ``topk`` order
                             all orders           document names      (arbitrary)
query with no relevant item  0 and a warning      0                   0 (``'neg'``); or
                             (``zero_division``)                      skip, 1 or error
P@k with k > n items         divide by k          divide by k         k; ``adaptive_k``: n
AP@k divides by              min(k, R); or R; or  R (``map_cut_k``)   relevant items found
                             relevant items                           in the top k
                             found in the top k
DCG gains                    grade; or 2^grade-1  grade (default)     grade
ideal DCG from               the items passed     every judged        the items passed
                                                  document
===========================  ===================  ==================  ======================

R is the number of relevant items of the query. For trec_eval's ideal DCG, pass the
judged documents the system did not return too, scored below all returned ones, and cut
at the length of the returned list (:func:`ndcg_score`, Notes).
"""

from __future__ import annotations

import math
import numbers
import warnings

import numpy as np

from ._validation import (
    UndefinedMetricWarning,
    check_cutoff,
    check_ranking_inputs,
    check_sample_weight,
    check_zero_division,
)

__all__ = [
    "dcg_score",
    "ndcg_score",
    "reciprocal_rank",
    "mean_reciprocal_rank",
    "precision_at_k",
    "recall_at_k",
    "hit_rate_at_k",
    "average_precision_at_k",
    "mean_average_precision_at_k",
]

_NORMALIZE = ("min_k_relevant", "relevant", "relevant_retrieved")
_GAINS = ("linear", "exponential")


# --- Tied groups -----------------------------------------------------------------------------

class _Ranked:
    """The items of each query (row) by decreasing score, cut into groups of tied scores.

    Every array is indexed by (query, rank - 1) in that order: for the item at a rank,
    ``size`` is the number of items in its tie group, ``start`` the rank - 1 of the group's
    first item, ``within`` its 1-based place in the group (for a fixed arbitrary order of
    the group, used only where all orders are averaged), and ``group`` a group number
    (unique over all queries). The order inside a group is never used on its own.
    """

    def __init__(self, y_score):
        n_queries, n_items = y_score.shape
        self.order = np.argsort(-y_score, axis=1, kind="stable")
        ranked = np.take_along_axis(y_score, self.order, axis=1)
        first = np.ones(ranked.shape, dtype=bool)
        first[:, 1:] = ranked[:, 1:] != ranked[:, :-1]
        flat_first = first.ravel()
        # A group never spans two queries: the first item of each row starts one.
        self.starts = np.flatnonzero(flat_first)
        self.group = (np.cumsum(flat_first) - 1).reshape(ranked.shape)
        sizes = np.diff(np.r_[self.starts, ranked.size])
        self.group_sizes = sizes.astype(np.float64)
        self.size = self.group_sizes[self.group]
        self.start = (self.starts % n_items)[self.group]
        self.within = np.arange(n_items)[None, :] - self.start + 1
        self.shape = ranked.shape

    def group_sums(self, values):
        """Sum of ``values`` (laid out like y_score) over each tie group."""
        ranked = np.take_along_axis(values, self.order, axis=1).ravel()
        return np.add.reduceat(ranked, self.starts)

    def per_query(self, group_values):
        """Sum of one value per group over the groups of each query."""
        rows = self.starts // self.shape[1]
        return np.bincount(rows, weights=group_values, minlength=self.shape[0])


class _Binary:
    """Tie-group statistics of binary relevance, per rank (see :class:`_Ranked`).

    ``m`` relevant items among the ``n`` of the item's group, ``before`` relevant items
    in the groups ranked above it, and ``n_relevant`` per query.
    """

    def __init__(self, y_true, y_score):
        relevant = (y_true > 0).astype(np.float64)
        ranked = _Ranked(y_score)
        m_group = ranked.group_sums(relevant)
        # Relevant items in the groups above: a cumulative count, read at each group start.
        above = np.r_[0.0, np.cumsum(m_group)]
        first_group = ranked.group[:, :1]
        self.m = m_group[ranked.group]
        self.n = ranked.size
        self.before = above[ranked.group] - above[first_group]
        self.within = ranked.within
        self.n_relevant = relevant.sum(axis=1)
        self.n_items = y_true.shape[1]

    def expected_hits(self, k):
        """E[number of relevant items in the top k] per query.

        The groups above rank k count whole, and the group at rank k by the share t / n of
        its places above the cut: before + t m / n, exact in floating point where a group
        lies whole above the cut (so recall reaches exactly 1).
        """
        if k >= self.n_items:
            return self.n_relevant
        cut = k - 1
        return self.before[:, cut] + self.within[:, cut] * self.m[:, cut] / self.n[:, cut]

    def expected_precision_sum(self, k):
        r"""E[sum over ranks i <= k of rel_i * P@i] per query, exactly.

        With ``hits_i`` the relevant items at ranks <= i, ``rel_i * hits_i = rel_i *
        (before + 1 + relevant items ranked above i in its own group)``, and within a
        group of n with m relevant two given ranks are both relevant with probability
        m (m - 1) / (n (n - 1)). Hence

        .. math::
            E[\mathrm{rel}_i\, \mathrm{hits}_i] = \frac{m}{n}(1 + \mathrm{before})
            + (t - 1)\frac{m (m - 1)}{n (n - 1)}

        with t the place of rank i within its group.
        """
        return self._precision_terms()[:, :k].sum(axis=1)

    def _precision_terms(self):
        """E[rel_i * P@i] at every rank i (see :meth:`expected_precision_sum`)."""
        m, n = self.m, self.n
        both = np.divide(m * (m - 1), n * (n - 1), out=np.zeros_like(m), where=n > 1)
        joint = m / n * (1 + self.before) + (self.within - 1) * both
        ranks = np.arange(1, self.n_items + 1)
        return joint / ranks

    def probability_of_a_hit(self, k):
        r"""P(at least one relevant item in the top k) per query.

        1 if a group ranked wholly above the cut holds a relevant item (before > 0).
        Otherwise only the group at rank k can hold one: with n items, m of them relevant
        and t of its places above the cut, all t places are irrelevant with probability
        :math:`\binom{n - m}{t} / \binom{n}{t} = \prod_{s=0}^{t-1} \frac{n - m - s}{n - s}`.
        """
        cut = min(k, self.n_items) - 1
        before, m, n = self.before[:, cut], self.m[:, cut], self.n[:, cut]
        t = self.within[:, cut]
        miss = np.ones_like(m)
        for s in range(int(t.max())):
            # A factor <= 0 means t places cannot all be irrelevant: a sure hit.
            factor = np.divide(np.maximum(n - m - s, 0), n - s, out=np.ones_like(m),
                               where=s < t)
            miss = miss * factor
        return np.where(before > 0, 1.0, 1.0 - miss)

    def expected_ap_over_found(self, k):
        r"""E[sum over ranks i <= k of rel_i P@i / H] per query, with H the number of
        relevant items in the top k (0 where H = 0), exactly.

        H is random only through the tie group at rank k (n items, m relevant, t of its
        places above the cut, g ranks above the group): the number h of its relevant
        items above the cut is hypergeometric, and given h those lie uniformly on the t
        places. So with :math:`A = \sum_{s=1}^t \frac{1}{g + s}` and
        :math:`B = \sum_{s=1}^t \frac{s - 1}{g + s}`,

        .. math::
            E[\text{sum} \mid h] = S_{\text{above}} + \frac{h}{t}(1 + \text{before})\,A
            + \frac{h (h - 1)}{t (t - 1)}\, B

        where :math:`S_{\text{above}}` is the expected sum over the groups above (their
        order does not depend on h). Then E[sum / H] is the sum over h of P(h) E[sum | h]
        / (before + h), leaving out H = 0 (where the sum is 0 too).
        """
        k = min(k, self.n_items)
        cut = k - 1
        cumulative = np.cumsum(self._precision_terms(), axis=1)
        out = np.zeros(self.n_relevant.shape)
        for q in range(out.size):
            t = int(self.within[q, cut])
            n, m = int(self.n[q, cut]), int(self.m[q, cut])
            before = float(self.before[q, cut])
            g = k - t
            above = cumulative[q, g - 1] if g > 0 else 0.0
            ranks = np.arange(g + 1, k + 1, dtype=np.float64)
            a = np.sum(1.0 / ranks)
            b = np.sum(np.arange(t) / ranks)
            total = 0.0
            for h in range(max(0, t - (n - m)), min(m, t) + 1):
                found = before + h
                if found == 0:
                    continue
                p = math.comb(m, h) * math.comb(n - m, t - h) / math.comb(n, t)
                pair = h * (h - 1) / (t * (t - 1)) if t > 1 else 0.0
                total += p * (above + h / t * (1 + before) * a + pair * b) / found
            out[q] = total
        return out

    def expected_reciprocal_rank(self):
        r"""E[1 / rank of the first relevant item] per query (0 where none is relevant).

        The first relevant item lies in the first group with m > 0, the one whose items
        have ``before == 0`` and ``m > 0``. Within it (n items, m relevant) the first t - 1
        places are all irrelevant with probability
        :math:`q_{t-1} = \prod_{s=1}^{t-1} \frac{n - m - s + 1}{n - s + 1}`, and then place t
        is relevant with probability m / (n - t + 1).
        """
        first = (self.before == 0) & (self.m > 0)
        all_irrelevant_so_far = np.where(first, (self.n - self.m - self.within + 1)
                                         / (self.n - self.within + 1), 1.0)
        q = np.cumprod(all_irrelevant_so_far, axis=1)
        q_before = np.concatenate([np.ones((q.shape[0], 1)), q[:, :-1]], axis=1)
        p_first = np.where(first, q_before * self.m / (self.n - self.within + 1), 0.0)
        ranks = np.arange(1, self.n_items + 1)
        return (p_first / ranks).sum(axis=1)


def _undefined_to(values, undefined, zero_division, what, *, stacklevel=3):
    """Put ``zero_division`` where a query's metric is 0/0, warning if it is 'warn'."""
    fill = check_zero_division(zero_division)
    if np.any(undefined):
        values = np.where(undefined, fill, values)
        if isinstance(zero_division, str):
            count = int(np.count_nonzero(undefined))
            warnings.warn(
                f"{what} is undefined for {count} of {undefined.size} "
                f"quer{'y' if undefined.size == 1 else 'ies'} with no relevant item "
                "(y_true > 0) and was set to 0.0 there. Pass zero_division=0.0 to silence "
                "this, 1.0 to count such queries as perfect, or np.nan to leave them out "
                "of the mean.",
                UndefinedMetricWarning, stacklevel=stacklevel)
    return values


def _mean_over_queries(values):
    """Mean over queries; NaN entries (``zero_division=np.nan``) are left out, and the mean
    of none is NaN."""
    kept = values[~np.isnan(values)]
    return float(kept.mean()) if kept.size else float("nan")


def _as_rows(y_true, y_score, ndim):
    y_true, y_score = check_ranking_inputs(y_true, y_score, ndim=ndim)
    return np.atleast_2d(y_true), np.atleast_2d(y_score)


# --- DCG and NDCG (scikit-learn's) ------------------------------------------------------------

def _discount(n_items, k, log_base):
    # Written as scikit-learn writes it, so the values agree to the last bits.
    discount = 1 / (np.log(np.arange(n_items) + 2) / np.log(log_base))
    if k is not None:
        discount[k:] = 0
    return discount


def _dcg_per_query(y_true, y_score, k, log_base, ignore_ties):
    discount = _discount(y_true.shape[1], k, log_base)
    if ignore_ties:
        # scikit-learn's order: argsort's default (unstable) sort, reversed. Tied items
        # come out in an arbitrary order; ignore_ties is for scores without ties.
        ranking = np.argsort(y_score)[:, ::-1]
        ranked = np.take_along_axis(y_true, ranking, axis=1)
        return ranked @ discount
    ranked = _Ranked(y_score)
    # McSherry-Najork: each item of a tie group gets the group's mean gain, spread over
    # the discounts of the ranks the group occupies.
    mean_gain = ranked.group_sums(y_true) / ranked.group_sizes
    discount_sum = np.add.reduceat(np.broadcast_to(discount, ranked.shape).ravel(),
                                   ranked.starts)
    return ranked.per_query(mean_gain * discount_sum)


def _check_log_base(log_base):
    if (isinstance(log_base, bool) or not isinstance(log_base, numbers.Real)
            or not np.isfinite(log_base) or log_base <= 1):
        raise ValueError(
            f"`log_base` must be a number > 1 (2 is the usual), got {log_base!r}: with a "
            "base <= 1 the discount 1 / log_base(rank + 1) is not a decreasing positive "
            "weight.")
    return float(log_base)


def _check_gains(gains):
    if gains not in _GAINS:
        raise ValueError(
            f"`gains` must be 'linear' (the grade itself, scikit-learn's and trec_eval's) "
            f"or 'exponential' (2 ** grade - 1, LightGBM's and XGBoost's), got {gains!r}.")
    return gains


def _apply_gains(y_true, gains):
    """The gain of each grade: the grade itself, or 2 ** grade - 1."""
    if _check_gains(gains) == "linear":
        return y_true
    with np.errstate(over="ignore"):
        exponential = 2.0 ** y_true - 1.0
    if not np.all(np.isfinite(exponential)):
        raise ValueError(
            "`y_true` has grades too large for gains='exponential' (2 ** grade - 1 "
            f"overflows float64 above grade 1023; the largest is {np.max(y_true):g}); use "
            "gains='linear' or smaller grades.")
    return exponential


def dcg_score(y_true, y_score, *, k=None, log_base=2, sample_weight=None, ignore_ties=False,
              gains="linear"):
    r"""Discounted cumulative gain (DCG), averaged over queries; scikit-learn's.

    The gains of the items, taken in the order of decreasing score, each discounted by
    its rank:

    .. math:: \mathrm{DCG@k} = \sum_{r=1}^{k} \frac{\mathrm{gain}_{(r)}}{\log_b(r + 1)}

    with :math:`\mathrm{gain}_{(r)}` the ``y_true`` value of the item at rank r (linear
    gains: the grade itself). Tied scores share their group's mean gain (see Notes).

    Parameters
    ----------
    y_true : array-like of shape (n_queries, n_items)
        Gains (relevance grades) of the items, at least 2 per query. Negative gains are
        accepted, as in scikit-learn.
    y_score : array-like of shape (n_queries, n_items)
        Scores; higher ranks first.
    k : int, optional
        Only the top k ranks count (discount 0 below). Default: all.
    log_base : float > 1, default 2
        Base of the logarithm in the discount; smaller bases discount faster.
    sample_weight : array-like of shape (n_queries,), optional
        Weights of the queries in the average.
    ignore_ties : bool, default False
        Skip the tie averaging: faster, but correct only if no two scores of a query are
        equal (tied items are then ranked in an arbitrary order).
    gains : {'linear', 'exponential'}, default 'linear'
        The gain of a grade: the grade itself (scikit-learn, trec_eval), or
        :math:`2^{\mathrm{rel}} - 1` (see Notes). The default keeps scikit-learn's values.

    Returns
    -------
    float
        The (weighted) mean DCG over queries. Unbounded: it grows with the number of
        relevant items, so use :func:`ndcg_score` to compare queries.

    Notes
    -----
    *Ties.* Each item of a group of tied scores gets the group's mean gain over the ranks
    the group occupies: the average of DCG over all orders of the tie (McSherry and
    Najork, 2008).

    *Same as scikit-learn.* Inputs must be 2-D and hold at least 2 items per query, as in
    :func:`sklearn.metrics.dcg_score` (scikit-learn >= 1.6 returns the same numbers;
    1.6 returns them as ``np.float64``). ``log_base <= 1`` is rejected here (scikit-learn
    accepts any positive base and returns 0 or negative discounts).

    *Gains.* scikit-learn and trec_eval use the grade itself as the gain (linear
    gains). Many learning-to-rank texts use exponential gains
    :math:`2^{\mathrm{rel}} - 1` (Burges et al., 2005; the ``ndcg`` of LightGBM and
    XGBoost), which make a top grade worth more than two of the grade below it (grades 3
    and 2 give gains 7 and 3). ``gains="exponential"`` is exactly the default applied to
    ``2.0 ** y_true - 1`` (grades above 1023 overflow and raise ``ValueError``). The
    original of Järvelin and Kekäläinen (2002) also leaves ranks below the log base
    undiscounted.

    Examples
    --------
    >>> true_relevance = [[10, 0, 0, 1, 5]]
    >>> round(dcg_score(true_relevance, [[.1, .2, .3, 4, 70]]), 4)
    9.4995
    >>> dcg_score(true_relevance, [[1, 0, 0, 0, 1]], k=1)   # (10 + 5) / 2 shares rank 1
    7.5
    >>> round(dcg_score([[3, 2, 0]], [[3, 2, 1]], gains="exponential"), 4)  # 7 + 3/log2(3)
    8.8928

    References
    ----------
    K. Järvelin and J. Kekäläinen, "Cumulated gain-based evaluation of IR techniques",
    ACM TOIS 20(4) (2002).
    F. McSherry and M. Najork, "Computing information retrieval performance measures
    efficiently in the presence of tied scores", ECIR (2008).
    scikit-learn, ``sklearn.metrics.dcg_score``.
    """
    y_true, y_score = check_ranking_inputs(y_true, y_score, ndim=2, allow_negative=True,
                                           min_items=2)
    k = check_cutoff(k, allow_none=True)
    log_base = _check_log_base(log_base)
    weight = check_sample_weight(sample_weight, y_true.shape[0])
    y_true = _apply_gains(y_true, gains)
    per_query = _dcg_per_query(y_true, y_score, k, log_base, bool(ignore_ties))
    return float(np.average(per_query, weights=weight))


def ndcg_score(y_true, y_score, *, k=None, sample_weight=None, ignore_ties=False,
               gains="linear"):
    r"""Normalised discounted cumulative gain (NDCG), averaged over queries; scikit-learn's.

    Each query's DCG divided by its ideal DCG, the DCG of the best order (by decreasing
    ``y_true``), so a perfect ranking scores 1 whatever the query:

    .. math::
        \mathrm{NDCG@k} = \frac{\mathrm{DCG@k}}{\mathrm{IDCG@k}}, \qquad
        \mathrm{DCG@k} = \sum_{r=1}^{k} \frac{\mathrm{rel}_{(r)}}{\log_2(r + 1)}

    Parameters
    ----------
    y_true : array-like of shape (n_queries, n_items)
        Relevance grades ``>= 0`` (linear gains), at least 2 items per query.
    y_score : array-like of shape (n_queries, n_items)
    k : int, optional
        Only the top k ranks count, in DCG and in the ideal DCG alike. Default: all.
    sample_weight : array-like of shape (n_queries,), optional
    ignore_ties : bool, default False
        See :func:`dcg_score`.
    gains : {'linear', 'exponential'}, default 'linear'
        The grade itself, or :math:`2^{\mathrm{rel}} - 1`, in DCG and ideal DCG alike
        (see :func:`dcg_score`). The default keeps scikit-learn's values.

    Returns
    -------
    float in [0, 1]
        The (weighted) mean NDCG. A query with no relevant item (IDCG = 0) scores 0, as
        in scikit-learn and torchmetrics.

    Notes
    -----
    Tied scores are averaged as in :func:`dcg_score`. As in scikit-learn, negative
    ``y_true`` and a single item per query raise ``ValueError``. torchmetrics'
    ``retrieval_normalized_dcg`` is a translation of scikit-learn's (in float32).

    *Which ideal?* The ideal DCG here (and in scikit-learn and torchmetrics) is that of
    the items passed, sorted by grade. trec_eval (``ndcg``, ``ndcg_cut_k``) computes it
    from *every judged document of the query*, also those the system never returned, so
    a relevant document the system missed lowers its NDCG. To get trec_eval's
    ``ndcg_cut_k``, pass the judged documents that were not returned as well, with scores
    below every returned one, and set ``k`` to at most the number returned: then DCG
    counts only returned documents and the ideal is taken over all judged ones.

    Examples
    --------
    >>> true_relevance = [[10, 0, 0, 1, 5]]
    >>> round(ndcg_score(true_relevance, [[.1, .2, .3, 4, 70]]), 4)
    0.6957
    >>> ndcg_score(true_relevance, [[1, 0, 0, 0, 1]], k=1)  # (10/10 + 5/10) / 2
    0.75
    >>> ndcg_score(true_relevance, true_relevance)
    1.0
    >>> round(ndcg_score(true_relevance, [[.1, .2, .3, 4, 70]], gains="exponential"), 4)
    0.4097

    References
    ----------
    K. Järvelin and J. Kekäläinen, "Cumulated gain-based evaluation of IR techniques",
    ACM TOIS 20(4) (2002).
    Y. Wang et al., "A theoretical analysis of NDCG ranking measures", COLT (2013).
    scikit-learn, ``sklearn.metrics.ndcg_score``.
    """
    y_true, y_score = check_ranking_inputs(y_true, y_score, ndim=2, min_items=2)
    k = check_cutoff(k, allow_none=True)
    weight = check_sample_weight(sample_weight, y_true.shape[0])
    y_true = _apply_gains(y_true, gains)
    gain = _dcg_per_query(y_true, y_score, k, 2.0, bool(ignore_ties))
    # The ideal order ranks by y_true itself, where ties carry equal gains: no averaging.
    ideal = -np.sort(-y_true, axis=1) @ _discount(y_true.shape[1], k, 2.0)
    ndcg = np.divide(gain, ideal, out=np.zeros_like(gain), where=ideal != 0)
    return float(np.average(ndcg, weights=weight))


# --- Binary relevance -------------------------------------------------------------------------

def reciprocal_rank(y_true, y_score, *, zero_division="warn"):
    r"""Reciprocal rank of the first relevant item, for one query.

    .. math:: \mathrm{RR} = \frac{1}{\text{rank of the first item with } y > 0}

    1 if a relevant item is ranked first, 1/2 if second, ...; it ignores every relevant
    item after the first. Tied scores give the expected value over their orders.

    Parameters
    ----------
    y_true : array-like of shape (n_items,)
        Relevance labels ``>= 0``; an item is relevant when its label is > 0.
    y_score : array-like of shape (n_items,)
    zero_division : {'warn', 0.0, 1.0, np.nan}, default 'warn'
        The value when no item is relevant (no first relevant rank): 'warn' gives 0.0 with
        an :class:`UndefinedMetricWarning`.

    Returns
    -------
    float in [0, 1]

    Notes
    -----
    *No relevant item.* 0 by default, as trec_eval's ``recip_rank`` and torchmetrics'
    ``retrieval_reciprocal_rank`` return (silently); here with a warning.

    *Ties.* If the first group of tied scores that holds a relevant item has n items, m
    of them relevant, and starts after rank N, the first relevant item is at place t of
    the group with probability :math:`\binom{n - t}{m - 1} / \binom{n}{m}`, and
    :math:`\mathrm{RR} = \sum_t P(t) / (N + t)`.

    Examples
    --------
    >>> reciprocal_rank([0, 1, 0, 1, 0], [0.9, 0.8, 0.7, 0.6, 0.5])
    0.5
    >>> reciprocal_rank([1, 0, 0], [0.5, 0.5, 0.2])  # 1 or 1/2, equally likely
    0.75
    """
    y_true, y_score = _as_rows(y_true, y_score, 1)
    stats = _Binary(y_true, y_score)
    values = _undefined_to(stats.expected_reciprocal_rank(), stats.n_relevant == 0,
                           zero_division, "The reciprocal rank")
    return float(values[0])


def mean_reciprocal_rank(y_true, y_score, *, zero_division="warn"):
    r"""Mean reciprocal rank (MRR) over queries.

    .. math:: \mathrm{MRR} = \frac{1}{Q} \sum_{q=1}^{Q} \frac{1}{\mathrm{rank}_q}

    with :math:`\mathrm{rank}_q` the rank of query q's first relevant item
    (:func:`reciprocal_rank`).

    Parameters
    ----------
    y_true : array-like of shape (n_queries, n_items)
        Relevance labels ``>= 0``; relevant when > 0.
    y_score : array-like of shape (n_queries, n_items)
    zero_division : {'warn', 0.0, 1.0, np.nan}, default 'warn'
        The value of a query with no relevant item: 'warn' gives 0.0 and one
        :class:`UndefinedMetricWarning` for the call; ``np.nan`` leaves such queries out
        of the mean (torchmetrics' ``empty_target_action='skip'``).

    Returns
    -------
    float in [0, 1]

    Notes
    -----
    With one relevant item per query and distinct scores, MRR equals scikit-learn's
    ``label_ranking_average_precision_score``.

    Examples
    --------
    >>> mean_reciprocal_rank([[0, 0, 1], [0, 1, 0]], [[0.2, 0.5, 0.9], [0.7, 0.4, 0.1]])
    0.75
    """
    y_true, y_score = _as_rows(y_true, y_score, 2)
    stats = _Binary(y_true, y_score)
    values = _undefined_to(stats.expected_reciprocal_rank(), stats.n_relevant == 0,
                           zero_division, "The reciprocal rank")
    return _mean_over_queries(values)


def precision_at_k(y_true, y_score, k):
    r"""Precision at k: the fraction of the top k items that are relevant.

    .. math:: \mathrm{P@k} = \frac{\#\{\text{relevant items in the top } k\}}{k}

    Parameters
    ----------
    y_true : array-like of shape (n_items,) or (n_queries, n_items)
        Relevance labels ``>= 0``; relevant when > 0. A 2-D input is one query per row.
    y_score : array-like of the same shape
    k : int >= 1
        The cutoff. It may exceed the number of items: the missing ranks count as not
        relevant (see Notes).

    Returns
    -------
    float in [0, 1]
        P@k of the query, or its mean over the queries of a 2-D input.

    Notes
    -----
    *Always defined*: the denominator is k, even when the list has fewer than k items,
    as in trec_eval (``P_k``: "nonrelevant docs fill in the rest") and torchmetrics'
    ``RetrievalPrecision`` (default ``adaptive_k=False``). So P@k < 1 whenever k exceeds
    the number of relevant items; ``precision_at_k(y, s, min(k, n_items))`` gives
    torchmetrics' ``adaptive_k=True``.

    *Ties* at the cutoff count their expected share: if t of a tie group's n places lie
    in the top k and m of its items are relevant, the group adds t m / n.

    Examples
    --------
    >>> precision_at_k([0, 1, 0, 1, 0], [0.9, 0.8, 0.7, 0.6, 0.5], k=3)  # 1 of 3
    0.3333333333333333
    >>> precision_at_k([1, 0, 0], [0.5, 0.5, 0.2], k=1)  # half a relevant item expected
    0.5
    """
    y_true, y_score = _as_rows(y_true, y_score, (1, 2))
    k = check_cutoff(k)
    return _mean_over_queries(_Binary(y_true, y_score).expected_hits(k) / k)


def recall_at_k(y_true, y_score, k, *, zero_division="warn"):
    r"""Recall at k: the fraction of the relevant items that are in the top k.

    .. math:: \mathrm{R@k} = \frac{\#\{\text{relevant items in the top } k\}}{R}

    with R the number of relevant items of the query. With exactly one relevant item (a
    caption and its image) this is the *hit rate*: 1 if it is in the top k, else 0.

    Parameters
    ----------
    y_true : array-like of shape (n_items,) or (n_queries, n_items)
        Relevance labels ``>= 0``; relevant when > 0. A 2-D input is one query per row.
    y_score : array-like of the same shape
    k : int >= 1
        The cutoff; ``k >= n_items`` retrieves everything (recall 1).
    zero_division : {'warn', 0.0, 1.0, np.nan}, default 'warn'
        The value of a query with no relevant item (0/0): 'warn' gives 0.0 with an
        :class:`UndefinedMetricWarning`; ``np.nan`` leaves it out of the mean.

    Returns
    -------
    float in [0, 1]
        R@k of the query, or its mean over the queries of a 2-D input.

    Notes
    -----
    *No relevant item.* trec_eval (``recall_k``) and torchmetrics (``RetrievalRecall``,
    ``empty_target_action='neg'``) count such a query as 0, as the default here does.
    Ties at the cutoff count their expected share, as in :func:`precision_at_k`.

    Examples
    --------
    >>> recall_at_k([0, 1, 0, 1, 0], [0.9, 0.8, 0.7, 0.6, 0.5], k=3)  # 1 of 2
    0.5
    >>> recall_at_k([[1, 0, 0], [0, 0, 1]], [[0.9, 0.5, 0.1], [0.9, 0.5, 0.1]], k=2)
    0.5
    """
    y_true, y_score = _as_rows(y_true, y_score, (1, 2))
    k = check_cutoff(k)
    stats = _Binary(y_true, y_score)
    undefined = stats.n_relevant == 0
    recall = stats.expected_hits(k) / np.where(undefined, 1.0, stats.n_relevant)
    return _mean_over_queries(_undefined_to(recall, undefined, zero_division, "Recall@k"))


def hit_rate_at_k(y_true, y_score, k, *, zero_division="warn"):
    r"""Hit rate at k: 1 if at least one relevant item is in the top k, else 0.

    .. math:: \mathrm{Hit@k} = \mathbb{1}[\#\{\text{relevant items in the top } k\} \ge 1]

    This is what image-text retrieval papers call "recall@k" when a query has several
    right answers: an image of MS-COCO or Flickr30k has five reference captions, and it
    counts as found at k when *any* of them is in the top k (the evaluation code of
    VSE++, Faghri et al. 2018, takes the best rank of the five). :func:`recall_at_k`
    instead counts the share of the five in the top k. With one relevant item per query
    the two are equal.

    Parameters
    ----------
    y_true : array-like of shape (n_items,) or (n_queries, n_items)
        Relevance labels ``>= 0``; relevant when > 0. A 2-D input is one query per row.
    y_score : array-like of the same shape
    k : int >= 1
        The cutoff; ``k >= n_items`` retrieves everything.
    zero_division : {'warn', 0.0, 1.0, np.nan}, default 'warn'
        The value of a query with no relevant item: 'warn' gives 0.0 with an
        :class:`UndefinedMetricWarning`; ``np.nan`` leaves it out of the mean.

    Returns
    -------
    float in [0, 1]
        The hit rate of the query, or its mean over the queries of a 2-D input.

    Notes
    -----
    trec_eval calls it ``success_k`` and torchmetrics ``retrieval_hit_rate``; both count
    a query with no relevant item as 0, as the default here does. *Ties* at the cutoff
    give the probability of a hit over the orders of the tie: if the top k ends inside a
    tie group of n items, m of them relevant, with t of its places in the top k and no
    relevant item above the group, the hit rate is
    :math:`1 - \binom{n - m}{t} / \binom{n}{t}`.

    Examples
    --------
    >>> y = [0, 1, 0, 1, 0]
    >>> s = [0.9, 0.8, 0.7, 0.6, 0.5]
    >>> hit_rate_at_k(y, s, k=1), hit_rate_at_k(y, s, k=2), recall_at_k(y, s, k=2)
    (0.0, 1.0, 0.5)
    >>> hit_rate_at_k([1, 0, 0], [0.5, 0.5, 0.2], k=1)  # a coin flip for rank 1
    0.5
    """
    y_true, y_score = _as_rows(y_true, y_score, (1, 2))
    k = check_cutoff(k)
    stats = _Binary(y_true, y_score)
    hit = _undefined_to(stats.probability_of_a_hit(k), stats.n_relevant == 0,
                        zero_division, "The hit rate")
    return _mean_over_queries(hit)


def _check_normalize(normalize):
    if normalize not in _NORMALIZE:
        raise ValueError(
            f"`normalize` must be 'min_k_relevant' (divide by min(k, number of relevant "
            f"items)), 'relevant' (divide by the number of relevant items) or "
            f"'relevant_retrieved' (divide by the number of relevant items in the top k), "
            f"got {normalize!r}.")
    return normalize


def _average_precision(y_true, y_score, k, normalize, zero_division):
    k = check_cutoff(k, allow_none=True)
    normalize = _check_normalize(normalize)
    stats = _Binary(y_true, y_score)
    r = stats.n_relevant
    undefined = r == 0
    if normalize == "relevant_retrieved":
        # The denominator depends on the order of a tie at the cutoff: average the ratio.
        ap = stats.expected_ap_over_found(stats.n_items if k is None else k)
    else:
        denominator = r if (normalize == "relevant" or k is None) else np.minimum(k, r)
        ap = stats.expected_precision_sum(k) / np.where(undefined, 1.0, denominator)
    # An average over the orders of a tie can land a rounding error above 1 (1 + 2e-16)
    # for a perfect ranking; the value itself never exceeds 1.
    ap = np.minimum(ap, 1.0)
    return _undefined_to(ap, undefined, zero_division, "Average precision", stacklevel=4)


def average_precision_at_k(y_true, y_score, k=None, *, normalize="min_k_relevant",
                           zero_division="warn"):
    r"""Average precision at k (AP@k) of one query's ranking.

    The precision at the rank of each relevant item in the top k, *summed* (not
    averaged), then divided by D:

    .. math::
        \mathrm{AP@k} = \frac{1}{D} \sum_{i=1}^{k} \mathrm{P@i} \cdot \mathrm{rel}_i,
        \qquad D = \min(k, R)

    with :math:`\mathrm{rel}_i` = 1 if the item at rank i is relevant and R the number
    of relevant items. D = min(k, R) is the largest number of relevant items the top k
    can hold, so a perfect ranking scores 1 for every k.

    Parameters
    ----------
    y_true : array-like of shape (n_items,)
        Relevance labels ``>= 0``; relevant when > 0.
    y_score : array-like of shape (n_items,)
    k : int >= 1, optional
        The cutoff; ``None`` (default) looks at the whole ranking.
    normalize : {'min_k_relevant', 'relevant', 'relevant_retrieved'}, default 'min_k_relevant'
        D = min(k, R); or D = R: then relevant items below rank k count as found at
        precision 0, and AP@k < 1 when R > k even for a perfect ranking; or D = the
        number of relevant items in the top k (0 if there are none): the mean precision
        over the relevant items found, blind to those missed.
    zero_division : {'warn', 0.0, 1.0, np.nan}, default 'warn'
        The value when no item is relevant (R = 0): 'warn' gives 0.0 with an
        :class:`UndefinedMetricWarning`.

    Returns
    -------
    float in [0, 1]

    Notes
    -----
    *Three normalisations are in use.* D = min(k, R) (the default) is the "AP@k" of
    recommender systems (e.g. the Kaggle ``apk``). D = R (``normalize='relevant'``) is
    trec_eval's ``map_cut_k`` and, with ``k=None``, its ``map``; with distinct scores and
    ``k=None`` both equal :func:`lecturelib.curves.average_precision_score` (scikit-learn's
    AP). torchmetrics' ``retrieval_average_precision(top_k=k)`` divides by the number of
    relevant items *found* in the top k (``normalize='relevant_retrieved'``), so it
    ignores those it missed: a top k whose only relevant item is first scores 1 however
    many relevant items it missed. With ``k=None`` (or k >= the number of items) the
    three coincide.

    *Ties* give the expected value over their orders, exactly: at rank i, in a tie group
    of n items with m relevant, at place t of the group and below ``before`` relevant
    items, :math:`E[\mathrm{rel}_i\, \mathrm{P@i}] = \frac{1}{i}\bigl(\frac{m}{n}(1 +
    \mathrm{before}) + (t - 1) \frac{m(m - 1)}{n(n - 1)}\bigr)`.
    scikit-learn's ``label_ranking_average_precision_score`` instead puts each relevant
    item last among its ties: 2/3 for the all-tied example below.

    Examples
    --------
    >>> y, s = [0, 1, 0, 1, 0], [0.9, 0.8, 0.7, 0.6, 0.5]
    >>> average_precision_at_k(y, s)            # (1/2 + 2/4) / 2
    0.5
    >>> average_precision_at_k(y, s, k=3)       # (1/2) / min(3, 2)
    0.25
    >>> average_precision_at_k(y, s, k=3, normalize="relevant_retrieved")  # (1/2) / 1
    0.5
    >>> round(average_precision_at_k([1, 1, 0], [0.3, 0.3, 0.3]), 4)  # (1 + 5/6 + 7/12) / 3
    0.8056

    References
    ----------
    C. D. Manning, P. Raghavan and H. Schütze, *Introduction to Information Retrieval*,
    Cambridge University Press (2008), section 8.4.
    """
    y_true, y_score = _as_rows(y_true, y_score, 1)
    return float(_average_precision(y_true, y_score, k, normalize, zero_division)[0])


def mean_average_precision_at_k(y_true, y_score, k=None, *, normalize="min_k_relevant",
                                zero_division="warn"):
    r"""Mean average precision at k (MAP@k) over queries.

    .. math:: \mathrm{MAP@k} = \frac{1}{Q} \sum_{q=1}^{Q} \mathrm{AP@k}_q

    with AP@k as in :func:`average_precision_at_k` (same ``k``, ``normalize`` and
    conventions).

    Parameters
    ----------
    y_true : array-like of shape (n_queries, n_items)
        Relevance labels ``>= 0``; relevant when > 0.
    y_score : array-like of shape (n_queries, n_items)
    k : int >= 1, optional
        The cutoff; ``None`` (default) looks at the whole ranking.
    normalize : {'min_k_relevant', 'relevant', 'relevant_retrieved'}, default 'min_k_relevant'
    zero_division : {'warn', 0.0, 1.0, np.nan}, default 'warn'
        The value of a query with no relevant item: 'warn' gives 0.0 and one
        :class:`UndefinedMetricWarning` for the call; ``np.nan`` leaves such queries out
        of the mean.

    Returns
    -------
    float in [0, 1]

    Notes
    -----
    This is the MAP of information retrieval, a mean over *queries*; the mAP of object
    detection (:mod:`lecturelib.detection`) is a mean over *classes* of an interpolated AP.

    Examples
    --------
    >>> y = [[0, 1, 0, 1, 0], [1, 0, 0, 0, 0]]
    >>> s = [[0.9, 0.8, 0.7, 0.6, 0.5], [0.9, 0.8, 0.7, 0.6, 0.5]]
    >>> mean_average_precision_at_k(y, s)       # (0.5 + 1) / 2
    0.75
    """
    y_true, y_score = _as_rows(y_true, y_score, 2)
    return _mean_over_queries(_average_precision(y_true, y_score, k, normalize,
                                                 zero_division))

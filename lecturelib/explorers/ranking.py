"""A ranked list of search results, its gains, discounts and ranking metrics (notebook 07).

:func:`ranking_explorer` shows one query's results as a search engine would list them,
each with a relevance grade from 0 (not relevant) to 3 (perfect). Menus regrade any
result and reorder the list (the model's ranking, the ideal one, two swaps, reversed); a
slider sets the cutoff k. The figure draws each rank's gain (its grade) and discounted
gain (grade / log2(rank + 1)) for the list as shown and for the ideal order, and the
metrics that follow: DCG@k, IDCG@k, NDCG@k, reciprocal rank, P@k, R@k and AP@k, all from
:mod:`lecturelib.ranking`. Swapping the top two results moves DCG much more than swapping
the last two: the discount falls fastest at the top.
"""

from __future__ import annotations

import numbers

import numpy as np

from ..i18n import gettext as _
from ..plots import FIGURE_DPI
from ._frames import grid_values
from ._shell import LiveFigure, _axes, _detached, _explorer_box
from .segmentation import _hand_ticks

__all__ = [
    "ranking_state",
    "ranking_figure",
    "ranking_explorer",
]

# The default query and its results in the model's order (rank 1 first), with relevance
# grades 0 (not relevant) to 3 (perfect).
RANKING_QUERY = "cross-entropy loss"
RANKING_RESULTS = (
    ("Log loss in scikit-learn", 2),
    ("Entropy in thermodynamics", 0),
    ("Cross-entropy loss, explained", 3),
    ("Focal loss for detection", 1),
    ("Cross-country skiing tips", 0),
    ("Binary cross-entropy in PyTorch", 2),
)
MAX_GRADE = 3
GRADE_NAMES = ("not relevant", "somewhat", "relevant", "perfect")
# The orders the menu offers: key -> label. Each is a permutation of the model's ranking.
RANKING_ORDERS = {
    "model": "model's ranking",
    "ideal": "ideal (by grade)",
    "swap_top": "swap ranks 1 and 2",
    "swap_bottom": "swap the last two",
    "reversed": "reversed",
}
MAX_RESULTS = 7  # the discounts under the bars need the room

_GRADE_COLOURS = ("#e0e0e0", "#b9d3ea", "#6a9fcf", "#1f5f99")  # grades 0 to 3
_GAIN_COLOUR = "#c6dbef"
_GAIN_EDGE_COLOUR = "#6a9fcf"
_DISCOUNTED_COLOUR = "#2166ac"
_CUT_COLOUR = "#b35900"
# What k leaves out is veiled: the list's rows under white (black text turns the grey
# 0.6), the ranks past k in the bar panels under grey (a white ground turns 0.93).
_LIST_VEIL_ALPHA = 0.6
_BAR_VEIL_COLOUR, _BAR_VEIL_ALPHA = "0.9", 0.7
_GRID_COLOUR = "0.9"

# Panel places in inches (left, bottom, width, height): fixed, because every label has a
# known size, and a layout engine would cost a second full draw per control change.
_FIGSIZE = (13.0, 3.9)
_LIST = (0.15, 0.55, 3.45, 2.75)
_SHOWN = (4.25, 0.95, 2.75, 2.35)
_IDEAL = (7.35, 0.95, 2.75, 2.35)
_METRICS = (10.45, 0.55, 2.45, 2.75)
_BAR_YLIM = (0.0, MAX_GRADE + 0.75)
_SQUARES_LEFT = 0.8
_MAX_TITLE = 31  # characters of a title the list shows
_MAX_QUERY = 24  # characters of the query its title shows
_TITLE_SIZE = 11
_METRIC_COLOUR = "#6f8fb8"


def _check_grades(grades):
    arr = np.asarray(grades)
    if arr.dtype.kind not in "biuf" or arr.dtype == bool:
        raise ValueError(f"`grades` must be whole numbers from 0 to {MAX_GRADE}, got dtype "
                         f"{arr.dtype}.")
    if arr.ndim != 1 or not 2 <= arr.size <= MAX_RESULTS:
        raise ValueError(f"`grades` must be a 1-D list of 2 to {MAX_RESULTS} grades (one "
                         f"per result, in the model's order), got shape {arr.shape}.")
    if (not np.all(np.isfinite(arr)) or np.any(arr != np.round(arr)) or arr.min() < 0
            or arr.max() > MAX_GRADE):
        raise ValueError(f"`grades` must be whole numbers from 0 (not relevant) to "
                         f"{MAX_GRADE} (perfect), got {arr.tolist()}.")
    return arr.astype(np.int64)


def _check_titles(titles, n):
    if titles is None:
        if n == len(RANKING_RESULTS):
            return tuple(title for title, _unused in RANKING_RESULTS)
        return tuple(f"result {i}" for i in range(1, n + 1))
    if isinstance(titles, str) or len(titles) != n or not all(
            isinstance(t, str) and t.strip() for t in titles):
        raise ValueError(f"`titles` must be {n} non-empty strings, one per grade, got "
                         f"{titles!r}.")
    if len(set(titles)) != n:
        raise ValueError(f"`titles` must be distinct (each names one result), got {titles!r}.")
    return tuple(titles)


def _check_order(order):
    if order not in RANKING_ORDERS:
        raise ValueError(f"`order` must be one of {list(RANKING_ORDERS)}, got {order!r}.")
    return order


def _check_k(k, n):
    if isinstance(k, bool) or not isinstance(k, numbers.Integral) or not 1 <= k <= n:
        raise ValueError(f"`k` must be a whole number from 1 to {n} (the number of results), "
                         f"got {k!r}.")
    return int(k)


def _permutation(order, grades):
    """Result indices (in the model's order) at ranks 1, 2, ... for an order."""
    n = grades.size
    ranking = np.arange(n)
    if order == "ideal":
        # Highest grade first; equal grades keep the model's order.
        ranking = np.argsort(-grades, kind="stable")
    elif order == "swap_top":
        ranking[[0, 1]] = ranking[[1, 0]]
    elif order == "swap_bottom":
        ranking[[-2, -1]] = ranking[[-1, -2]]
    elif order == "reversed":
        ranking = ranking[::-1].copy()
    return ranking


def _shorten(text, limit):
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _short(value):
    """A discount in (0, 1] in two decimals without the leading zero: 1, .63, .50, .43."""
    return "1" if value >= 0.995 else f"{value:.2f}".removeprefix("0")


def _format_value(value, digits=3):
    return "undefined" if np.isnan(value) else f"{value:.{digits}f}"


def ranking_state(grades=None, k=3, order="model", *, titles=None, query=None):
    r"""Gains, discounts and ranking metrics of one query's results in a given order.

    The results are listed in the model's order (rank 1 first) with relevance grades
    from 0 to 3; ``order`` rearranges them (:data:`RANKING_ORDERS`). The scores given to
    the metrics rank them as shown: the result at rank r scores n - r. Then, from
    :mod:`lecturelib.ranking` (scikit-learn's DCG and NDCG; relevant means grade > 0):

    .. math::
        \mathrm{DCG@k} = \sum_{r=1}^{k} \frac{\mathrm{grade}_{(r)}}{\log_2(r + 1)},
        \qquad
        \mathrm{NDCG@k} = \frac{\mathrm{DCG@k}}{\mathrm{IDCG@k}},

    where IDCG@k is the DCG@k of the ideal order (highest grades first); the reciprocal
    rank 1 / (rank of the first relevant result), which is the MRR of this one query;
    P@k and R@k, the shares of the top k that are relevant and of the relevant results
    that are in the top k; and AP@k, the mean of P@r over the ranks r <= k of relevant
    results, divided by min(k, number of relevant).

    Parameters
    ----------
    grades : array-like of int, optional
        Grades 0 to 3 of 2 to 7 results, in the model's order; by default those of
        :data:`RANKING_RESULTS` (6 results for :data:`RANKING_QUERY`).
    k : int, default 3
        The cutoff, 1 to the number of results.
    order : str, default "model"
        A key of :data:`RANKING_ORDERS`: ``"model"``, ``"ideal"``, ``"swap_top"`` (ranks 1
        and 2 of the model's ranking swapped), ``"swap_bottom"`` (the last two swapped) or
        ``"reversed"``.
    titles : sequence of str, optional
        The results' titles, one per grade; by default those of :data:`RANKING_RESULTS`
        (or "result 1", ... for another number of grades).
    query : str, optional
        The query, for the figure; by default :data:`RANKING_QUERY`.

    Returns
    -------
    dict
        ``query``, ``titles``, ``grades`` (in the model's order), ``k``, ``order``,
        ``order_label`` : as given (checked)
        ``ranking`` : ndarray of int
            The result (index into ``grades``) at each rank, rank 1 first.
        ``y_true``, ``y_score`` : ndarray
            The inputs given to the metrics: the grades and the scores n - rank, both in
            the model's order of the results.
        ``ranked_grades``, ``ranked_titles`` : the list as shown
        ``discount`` : ndarray
            1 / log2(rank + 1) for ranks 1 to n.
        ``discounted_gain`` : ndarray
            ``ranked_grades * discount``; the first k sum to DCG@k.
        ``ideal_grades``, ``ideal_discounted_gain`` : the same for the ideal order.
        ``dcg``, ``idcg``, ``ndcg``, ``reciprocal_rank``, ``precision``, ``recall``,
        ``average_precision`` : float
            At k (the reciprocal rank looks at the whole list). With no relevant result
            the reciprocal rank, recall and AP are NaN (undefined) and NDCG is 0.
        ``n_relevant`` : int
        ``first_relevant_rank`` : int or None
        ``message`` : str
            One plain-text sentence, as the explorer shows it.

    Raises
    ------
    ValueError
        If ``grades`` are not 2 to 7 whole numbers from 0 to 3, ``k`` not a whole number
        from 1 to their count, ``order`` not a key of :data:`RANKING_ORDERS`, or
        ``titles`` not one distinct string per grade.

    Examples
    --------
    >>> state = ranking_state([2, 0, 3, 1, 0, 2], k=3)
    >>> round(state["dcg"], 4), round(state["idcg"], 4), round(state["ndcg"], 4)
    (3.5, 5.2619, 0.6652)
    >>> state["reciprocal_rank"], round(state["precision"], 4), state["recall"]
    (1.0, 0.6667, 0.5)
    >>> round(state["average_precision"], 4)  # (1/1 + 2/3) / min(3, 4)
    0.5556
    >>> ranking_state([2, 0, 3, 1, 0, 2], k=3, order="ideal")["ndcg"]
    1.0
    """
    from .. import ranking

    if grades is None:
        grades = [grade for _unused, grade in RANKING_RESULTS]
    grades = _check_grades(grades)
    n = grades.size
    titles = _check_titles(titles, n)
    k = _check_k(k, n)
    order = _check_order(order)
    if query is None:
        query = RANKING_QUERY
    elif not isinstance(query, str) or not query.strip():
        raise ValueError(f"`query` must be a non-empty string, got {query!r}.")

    permutation = _permutation(order, grades)
    y_true = grades.astype(np.float64)
    y_score = np.empty(n)
    y_score[permutation] = n - np.arange(n)
    # A query without a relevant result has no first relevant rank and nothing to recall:
    # NaN (undefined) rather than 0 with a warning.
    undefined = {"zero_division": np.nan}
    dcg = ranking.dcg_score([y_true], [y_score], k=k)
    idcg = ranking.dcg_score([y_true], [y_true], k=k)
    ndcg = ranking.ndcg_score([y_true], [y_score], k=k)
    reciprocal = ranking.reciprocal_rank(y_true, y_score, **undefined)
    precision = ranking.precision_at_k(y_true, y_score, k)
    recall = ranking.recall_at_k(y_true, y_score, k, **undefined)
    average_precision = ranking.average_precision_at_k(y_true, y_score, k, **undefined)

    ranked_grades = grades[permutation]
    ideal_grades = np.sort(grades)[::-1]
    discount = 1 / np.log2(np.arange(1, n + 1) + 1)
    relevant = np.flatnonzero(ranked_grades > 0)
    first = int(relevant[0]) + 1 if relevant.size else None
    n_relevant = int(np.count_nonzero(grades))
    hits = int(np.count_nonzero(ranked_grades[:k]))

    # The order's name is the menu's label, which stays as the menu shows it.
    if n_relevant == 0:
        message = _(
            "Order “{order}”, top {k}: DCG@{k} {dcg} of an ideal {idcg}, so NDCG@{k} "
            "{ndcg}; no result is relevant, so DCG and IDCG are 0 (NDCG set to 0) and the "
            "reciprocal rank, R@k and AP@k are undefined."
        )
    else:
        message = _(
            "Order “{order}”, top {k}: DCG@{k} {dcg} of an ideal {idcg}, so NDCG@{k} "
            "{ndcg}; first relevant result at rank {first} (reciprocal rank "
            "{reciprocal_rank}); {hits} of the top {k} relevant (P@{k} {precision}), "
            "{hits} of {relevant} relevant found (R@{k} {recall}), AP@{k} "
            "{average_precision}."
        )
    message = message.format(
        order=RANKING_ORDERS[order], k=k, dcg=f"{dcg:.3f}", idcg=f"{idcg:.3f}",
        ndcg=f"{ndcg:.3f}", first=first, reciprocal_rank=f"{reciprocal:.3f}", hits=hits,
        precision=f"{precision:.3f}", relevant=n_relevant, recall=f"{recall:.3f}",
        average_precision=f"{average_precision:.3f}")
    return {
        "query": query,
        "titles": titles,
        "grades": grades,
        "k": k,
        "order": order,
        "order_label": RANKING_ORDERS[order],
        "ranking": permutation,
        "y_true": y_true,
        "y_score": y_score,
        "ranked_grades": ranked_grades,
        "ranked_titles": tuple(titles[i] for i in permutation),
        "discount": discount,
        "discounted_gain": ranked_grades * discount,
        "ideal_grades": ideal_grades,
        "ideal_discounted_gain": ideal_grades * discount,
        "dcg": float(dcg),
        "idcg": float(idcg),
        "ndcg": float(ndcg),
        "reciprocal_rank": float(reciprocal),
        "precision": float(precision),
        "recall": float(recall),
        "average_precision": float(average_precision),
        "n_relevant": n_relevant,
        "first_relevant_rank": first,
        "message": message,
    }


def _bar(x, height, width=0.72):
    left, right = x - width / 2, x + width / 2
    return [(left, 0.0), (left, height), (right, height), (right, 0.0)]


def _square_colours(ranked_grades):
    """Face colours of the list's grade squares, row by row: a grade's first squares
    filled in its colour, the rest white."""
    return [_GRADE_COLOURS[grade] if g < grade else "white"
            for grade in ranked_grades for g in range(MAX_GRADE)]


# The metrics panel's rows: name (of k), the state's key, and whether it is a share drawn
# as a bar on [0, 1].
_METRIC_ROWS = (
    ("DCG@{k}", "dcg", False),
    ("IDCG@{k}", "idcg", False),
    ("NDCG@{k}", "ndcg", True),
    ("MRR", "reciprocal_rank", True),
    ("P@{k}", "precision", True),
    ("R@{k}", "recall", True),
    ("AP@{k}", "average_precision", True),
)


def _metric_rows(state):
    """(name, value, is a share) of each row of the metrics panel."""
    return [(name.format(k=state["k"]), state[key], is_unit)
            for name, key, is_unit in _METRIC_ROWS]


_METRIC_BAR_LEFT, _METRIC_BAR_WIDTH = 0.37, 0.4


def _metric_bar(row, length):
    left, right = _METRIC_BAR_LEFT, _METRIC_BAR_LEFT + _METRIC_BAR_WIDTH * length
    return [(left, row - 0.31), (right, row - 0.31), (right, row + 0.31), (left, row + 0.31)]


def ranking_figure(state):
    """The ranked list, its gains and discounted gains against the ideal order, and the
    metrics.

    Draws a :func:`ranking_state` result in four panels, side by side:

    a. the results as listed, with rank, title and grade (filled squares), the top k
       dark and a dashed line at the cutoff;
    b. the list as shown: each rank's gain (its grade, light bar) and discounted gain
       (grade / log2(rank + 1), dark bar, its value above), the discount ×1/log2(rank+1)
       under each rank, and the ranks below k greyed (they do not count); DCG@k is the
       sum of the dark bars up to k;
    c. the same for the ideal order (highest grades first): IDCG@k;
    d. DCG@k, IDCG@k and, as bars on [0, 1], NDCG@k, MRR (the reciprocal rank of this
       one query), P@k, R@k and AP@k.

    It is the static counterpart of :func:`ranking_explorer`, and draws the explorer's
    figure for the same values (:class:`RankingFigure`, which the explorer updates in
    place). The layout is fixed (no layout engine).

    Parameters
    ----------
    state : dict
        From :func:`ranking_state`.

    Returns
    -------
    matplotlib.figure.Figure
        Four axes: list, shown order, ideal order, metrics.
    """
    return RankingFigure(state).figure


class RankingFigure(LiveFigure):
    """:func:`ranking_figure` as a :class:`~lecturelib.explorers._shell.LiveFigure`.

    A new k, the slider a learner drags, moves the veils over what k leaves out, the
    cutoff lines and their labels, and changes the titles and the metrics: only those are
    drawn again. The list's rows, the squares, the bars and their values depend on the
    order and the grades (menus, changed a click at a time): a change of those redraws
    the whole figure once. Another query or number of results builds it anew.
    """

    def draw(self, state):
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=_FIGSIZE, dpi=FIGURE_DPI)
        self._build(fig, state)
        return fig

    def _build(self, fig, state):
        self.animated = []
        self.layout = self._layout(state)
        self.listed = None  # what the background shows: set by the first update
        n = len(state["ranked_titles"])
        ax_list, ax_shown, ax_ideal, ax_metrics = (
            _axes(fig, _FIGSIZE, box) for box in (_LIST, _SHOWN, _IDEAL, _METRICS))
        self._draw_list(ax_list, state)
        self.shown = self._draw_gains(ax_shown, n, state["discount"], y_labels=True)
        ax_shown.set_ylabel("gain = grade", labelpad=14)
        self.ideal = self._draw_gains(ax_ideal, n, state["discount"], y_labels=False)
        width, height = _FIGSIZE
        centre = (_SHOWN[0] + _IDEAL[0] + _IDEAL[2]) / 2 / width
        fig.text(centre, (_SHOWN[1] - 0.62) / height,
                 "rank, and its discount 1 / log₂(rank + 1): discounted gain = gain × discount",
                 ha="center", va="top")
        self._draw_metrics(ax_metrics)
        # Drawn over the background in the order a full draw stacks them (the panels do
        # not overlap, so one order serves all four).
        self.animated.sort(key=lambda artist: artist.get_zorder())
        self.update(state)

    @staticmethod
    def _layout(state):
        return state["query"], len(state["ranked_titles"])

    def _draw_list(self, ax, state):
        """The results as a search page lists them: rank, title and grade, the top k dark."""
        from matplotlib.collections import PatchCollection
        from matplotlib.patches import Rectangle
        from matplotlib.transforms import Bbox, TransformedBbox

        n = len(state["ranked_titles"])
        ax.set_axis_off()
        ax.set_xlim(0, 1)
        # Row r at y = r - 1, top to bottom, the header above; rows keep their height in a
        # short list.
        ax.set_ylim(max(n, len(RANKING_RESULTS)) - 0.4, -1.0)
        ax.text(0.0, -0.8, "rank  title", fontsize=8.5, color="0.4", va="center")
        ax.text(_SQUARES_LEFT, -0.8, "grade (0–3)", fontsize=8.5, color="0.4", va="center")
        # A long title would run into the grades: shortened, and cut off short of them.
        clip = TransformedBbox(Bbox([[0.0, -1.0], [_SQUARES_LEFT - 0.02, n]]), ax.transData)
        self.rows = []
        for row in range(n):
            # Rank and title in one text (fewer texts draw faster); the rank's figure width
            # is fixed, so the titles line up.
            text = ax.text(0.0, row, "", va="center")
            text.set_clip_box(clip)
            text.set_clip_on(True)
            self.rows.append(text)
        self.squares = ax.add_collection(PatchCollection(
            [Rectangle((_SQUARES_LEFT + 0.055 * g, row - 0.22), 0.045, 0.44)
             for row in range(n) for g in range(MAX_GRADE)], edgecolors="0.5",
            linewidths=0.7))
        # The rows past k, veiled; the cutoff line and its label over the veil.
        self.list_veil = ax.add_patch(Rectangle((0.0, 0.0), 1.0, 0.0, facecolor="white",
                                                edgecolor="none", alpha=_LIST_VEIL_ALPHA,
                                                zorder=3.5))
        self.list_cut, = ax.plot([0.0, 1.0], [0.0, 0.0], color=_CUT_COLOUR, linestyle="--",
                                 linewidth=1.2, zorder=4)
        # On the line, right of the grades: the rows above and below are half a row away.
        self.list_cut_label = ax.text(1.0, 0.0, "", ha="right", va="center", fontsize=8.5,
                                      color=_CUT_COLOUR, zorder=4,
                                      bbox={"facecolor": "white", "edgecolor": "none",
                                            "pad": 1.0})
        ax.set_title(f"Results for “{_shorten(state['query'], _MAX_QUERY)}”", y=1.0, pad=6,
                     fontsize=_TITLE_SIZE)
        self.animated += [self.list_veil, self.list_cut, self.list_cut_label]

    def _draw_gains(self, ax, n, discount, *, y_labels):
        """A panel of gains and discounted gains by rank; returns its changing artists."""
        from matplotlib.collections import PolyCollection

        ranks = np.arange(1, n + 1)
        # Bars as two collections (gain, discounted gain) rather than a patch per bar: each
        # patch is an artist, and artists are what a redraw pays for.
        gains = ax.add_collection(PolyCollection([], facecolors=_GAIN_COLOUR,
                                                 edgecolors=_GAIN_EDGE_COLOUR, linewidths=0.8))
        discounted = ax.add_collection(PolyCollection([], facecolors=_DISCOUNTED_COLOUR,
                                                      edgecolors="none", linewidths=0.8))
        values = [ax.text(rank, 0.0, "", ha="center", va="bottom", fontsize=8.5)
                  for rank in ranks]
        for level in range(1, MAX_GRADE + 1):
            ax.axhline(level, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
        # The ranks past k, veiled; the cutoff line, the note and the panel's frame over it.
        veil = ax.axvspan(n + 0.5, n + 0.5, facecolor=_BAR_VEIL_COLOUR, edgecolor="none",
                          alpha=_BAR_VEIL_ALPHA, zorder=3.5)
        cut = ax.axvline(n + 0.5, color=_CUT_COLOUR, linestyle="--", linewidth=1.2, zorder=4)
        note = ax.text(n + 0.45, _BAR_YLIM[1] - 0.08, "not counted", ha="right", va="top",
                       fontsize=8.5, color="0.45", zorder=4)
        spines = [ax.spines[side] for side in ("right", "top", "bottom")]
        for spine in spines:
            spine.set_zorder(4)
        ax.set_xlim(0.5, n + 0.5)
        ax.set_ylim(*_BAR_YLIM)
        # Each rank's number with its discount under it, one text per rank.
        _hand_ticks(ax, _SHOWN[2:],
                    x=[(r, f"{r}\n×{_short(d)}") for r, d in zip(ranks, discount)],
                    y=[(g, f"{g}") for g in range(MAX_GRADE + 1)] if y_labels else ())
        ax.set_title(" ", y=1.0, pad=6, fontsize=_TITLE_SIZE)
        self.animated += [veil, cut, note, *spines, ax.title]
        return {"gains": gains, "discounted": discounted, "values": values, "veil": veil,
                "cut": cut, "note": note, "title": ax.title}

    def _draw_metrics(self, ax):
        from matplotlib.collections import PolyCollection

        ax.set_axis_off()
        ax.set_xlim(0, 1)
        ax.set_ylim(len(_METRIC_ROWS) + 0.8, -0.6)
        # The rows of metrics that are shares, on [0, 1]: each its track, and its value
        # filling it, one collection each.
        unit_rows = [row for row, (*_unused, is_unit) in enumerate(_METRIC_ROWS) if is_unit]
        ax.add_collection(PolyCollection([_metric_bar(row, 1.0) for row in unit_rows],
                                         facecolors="0.92", edgecolors="none"))
        self.metric_bars = ax.add_collection(PolyCollection([], facecolors=_METRIC_COLOUR,
                                                            edgecolors="none"))
        rows = range(len(_METRIC_ROWS))
        self.metric_names = [ax.text(0.0, row, "", va="center") for row in rows]
        self.metric_values = [ax.text(0.0, row, "", va="center") for row in rows]
        ax.text(0.0, len(_METRIC_ROWS) - 0.1, "MRR of one query: 1 / rank of\nthe first relevant "
                "result (grade > 0)", va="top", fontsize=8, color="0.4")
        ax.set_title(" ", y=1.0, pad=6, fontsize=_TITLE_SIZE)
        self.metrics_title = ax.title
        self.animated += [self.metric_bars, *self.metric_names, *self.metric_values,
                          self.metrics_title]

    def update(self, state):
        if self._layout(state) != self.layout:
            # Another query or number of results: build anew, and let the next render draw
            # its background again.
            self.figure.clear()
            self._build(self.figure, state)
            self.invalidate()
            return
        listed = (state["order"], state["grades"].tobytes(), state["titles"])
        if listed != self.listed:
            # Rows, squares and bars are in the background: the next render draws it again.
            self.listed = listed
            self._list_results(state)
            self.invalidate()
        k, n = state["k"], len(state["ranked_titles"])
        self.list_veil.set_y(k - 0.5)
        self.list_veil.set_height(n - k)
        self.list_cut.set_ydata([k - 0.5] * 2)
        self.list_cut_label.set_y(k - 0.5)
        self.list_cut_label.set_text(f"k = {k}")
        for panel in (self.shown, self.ideal):
            panel["veil"].set_x(k + 0.5)
            panel["veil"].set_width(n - k)
            panel["cut"].set_xdata([k + 0.5] * 2)
        for artist in (self.list_veil, self.list_cut, self.list_cut_label,
                       *(panel[name] for panel in (self.shown, self.ideal)
                         for name in ("veil", "cut", "note"))):
            artist.set_visible(k < n)
        self.shown["title"].set_text(
            f"{state['order_label'].capitalize()}: DCG@{k} {state['dcg']:.2f}")
        self.ideal["title"].set_text(f"Ideal order: IDCG@{k} {state['idcg']:.2f}")
        self._update_metrics(state)

    def _list_results(self, state):
        """The rows, squares, bars and bar values of an order and its grades."""
        for row, (text, title) in enumerate(zip(self.rows, state["ranked_titles"])):
            text.set_text(f"{row + 1}.  {_shorten(title, _MAX_TITLE)}")
        self.squares.set_facecolor(_square_colours(state["ranked_grades"]))
        for panel, grades, discounted in (
                (self.shown, state["ranked_grades"], state["discounted_gain"]),
                (self.ideal, state["ideal_grades"], state["ideal_discounted_gain"])):
            ranks = np.arange(1, grades.size + 1)
            panel["gains"].set_verts([_bar(rank, height) for rank, height in zip(ranks, grades)])
            panel["discounted"].set_verts([_bar(rank, height)
                                           for rank, height in zip(ranks, discounted)])
            for text, rank, grade, value in zip(panel["values"], ranks, grades, discounted):
                text.set_visible(bool(grade > 0))  # a bar of 0 is nothing to discount
                text.set_position((rank, grade + 0.06))
                text.set_text(f"{value:.2f}")

    def _update_metrics(self, state):
        rows = _metric_rows(state)
        self.metric_bars.set_verts([_metric_bar(row, 0.0 if np.isnan(value) else value)
                                    for row, (_name, value, is_unit) in enumerate(rows)
                                    if is_unit])
        for row, (name, value, is_unit) in enumerate(rows):
            self.metric_names[row].set_text(name)
            text = self.metric_values[row]
            text.set_text(_format_value(value))
            if is_unit and np.isnan(value):  # in its empty track
                x, colour, size, weight = _METRIC_BAR_LEFT + 0.03, "0.4", 9, "normal"
            elif is_unit:
                x, colour, size, weight = (_METRIC_BAR_LEFT + _METRIC_BAR_WIDTH + 0.03, "black",
                                           None, "normal")
            else:
                x, colour, size, weight = _METRIC_BAR_LEFT, "black", None, "bold"
            text.set_x(x)
            text.set_color(colour)
            text.set_fontsize(size)
            text.set_fontweight(weight)
        self.metrics_title.set_text(f"Metrics at k = {state['k']}")


def ranking_explorer(grades=None, *, k=3, order="model", titles=None, query=None):
    """Regrade, reorder and cut a ranked list, and watch DCG, NDCG, MRR, P@k, R@k and AP@k.

    Each change runs :func:`ranking_state` and updates the figure of
    :func:`ranking_figure` in place (:class:`RankingFigure`), following a dragged slider;
    the line between the controls and the figure is the state's ``message``. Its
    kernel-free version (slides, web page) has a frame for every k and every order, with
    the grades as given: the lesson cuts the list at k and reorders it (swapping the top
    two results costs more than swapping the last two).

    Parameters
    ----------
    grades : array-like of int, optional
        Starting grades 0 to 3, one per result in the model's order; by default those of
        :data:`RANKING_RESULTS`.
    k : int, default 3
        Starting cutoff; the slider ``k`` runs from 1 to the number of results.
    order : str, default "model"
        Starting order, a key of :data:`RANKING_ORDERS`; the menu ``order`` changes it.
    titles : sequence of str, optional
        The results' titles; by default those of :data:`RANKING_RESULTS`.
    query : str, optional
        The query; by default :data:`RANKING_QUERY`.

    Returns
    -------
    ipywidgets.VBox
        The controls, the message and the figure, with attributes ``controls`` (dict with
        the ``k`` slider, the ``order`` menu and one grade menu per result, ``grade_1``
        to ``grade_n`` in the model's order, each labelled ``grade: <title>``),
        ``status``, ``image`` (the figure), ``live`` (the :class:`RankingFigure`) and
        ``flush()``.
    """
    import ipywidgets as widgets

    first = ranking_state(grades, k, order, titles=titles, query=query)
    titles, query = first["titles"], first["query"]
    n = len(titles)
    style = {"description_width": "initial"}
    slider = widgets.IntSlider(value=first["k"], min=1, max=n, step=1, description=_("k"),
                               continuous_update=True, style=style,
                               layout=widgets.Layout(width="300px"))
    order_menu = widgets.Dropdown(options=[(label, key) for key, label in RANKING_ORDERS.items()],
                                  value=first["order"], description=_("order"), style=style,
                                  layout=widgets.Layout(width="300px"))
    grade_options = [(f"{g} ({name})", g) for g, name in enumerate(GRADE_NAMES)]
    grade_menus = {
        f"grade_{i + 1}": widgets.Dropdown(options=grade_options, value=int(grade),
                                           description=_("grade: {title}").format(title=title), style=style,
                                           layout=widgets.Layout(width="420px"))
        for i, (title, grade) in enumerate(zip(titles, first["grades"]))
    }

    def state_of(k, order, **grade_values):
        grades = [grade_values[f"grade_{i + 1}"] for i in range(n)]
        return ranking_state(grades, k, order, titles=titles, query=query)

    live = RankingFigure(first)
    _detached(live.figure)
    controls = {"k": slider, "order": order_menu, **grade_menus}
    menus = list(grade_menus.values())
    half = (n + 1) // 2
    row = widgets.VBox([
        widgets.HBox([slider, order_menu]),
        widgets.HBox([widgets.VBox(menus[:half]), widgets.VBox(menus[half:])]),
    ])
    # Every cut and every order (n × 5 frames), the grades as given.
    return _explorer_box(row, controls, state_of, live,
                         frames={"k": grid_values(slider, n), "order": list(RANKING_ORDERS)})

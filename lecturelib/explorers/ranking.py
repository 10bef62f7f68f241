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

import html
import numbers

import numpy as np

from ..i18n import gettext as _
from ..plots import FIGURE_DPI
from ._shell import _axes, _explorer_box, _show
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
_FADED = 0.3
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


def _draw_list(ax, state):
    """The results as a search page lists them: rank, title and grade, the top k dark."""
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import Bbox, TransformedBbox

    n, k = len(state["ranked_titles"]), state["k"]
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    # Row r at y = r - 1, top to bottom, the header above; rows keep their height in a
    # short list.
    ax.set_ylim(max(n, len(RANKING_RESULTS)) - 0.4, -1.0)
    ax.text(0.0, -0.8, "rank  title", fontsize=8.5, color="0.4", va="center")
    ax.text(_SQUARES_LEFT, -0.8, "grade (0–3)", fontsize=8.5, color="0.4", va="center")
    clip = TransformedBbox(Bbox([[0.0, -1.0], [_SQUARES_LEFT - 0.02, n]]), ax.transData)
    squares = []
    for row, (title, grade) in enumerate(zip(state["ranked_titles"], state["ranked_grades"])):
        counted = row < k
        # Rank and title in one text (fewer texts draw faster); the rank's figure width
        # is fixed, so the titles line up.
        # A long title would run into the grades: shortened, and cut off short of them.
        text = ax.text(0.0, row, f"{row + 1}.  {_shorten(title, _MAX_TITLE)}", va="center",
                       color="black" if counted else "0.6")
        text.set_clip_box(clip)
        text.set_clip_on(True)
        for g in range(MAX_GRADE):
            squares.append(Rectangle((_SQUARES_LEFT + 0.055 * g, row - 0.22), 0.045, 0.44,
                                     facecolor=_GRADE_COLOURS[grade] if g < grade else "white",
                                     edgecolor="0.5" if counted else "0.8", linewidth=0.7,
                                     alpha=1.0 if counted else 0.45))
    ax.add_collection(PatchCollection(squares, match_original=True))
    if k < n:
        ax.plot([0.0, 1.0], [k - 0.5] * 2, color=_CUT_COLOUR, linestyle="--", linewidth=1.2)
        # On the line, right of the grades: the rows above and below are half a row away.
        ax.text(1.0, k - 0.5, f"k = {k}", ha="right", va="center", fontsize=8.5,
                color=_CUT_COLOUR, bbox={"facecolor": "white", "edgecolor": "none",
                                         "pad": 1.0})
    ax.set_title(f"Results for “{_shorten(state['query'], _MAX_QUERY)}”", y=1.0, pad=6,
                 fontsize=_TITLE_SIZE)


def _bar(x, height, width=0.72):
    left, right = x - width / 2, x + width / 2
    return [(left, 0.0), (left, height), (right, height), (right, 0.0)]


def _draw_gains(ax, grades, discounted, discount, k, title, *, y_labels):
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import to_rgba

    n = grades.size
    ranks = np.arange(1, n + 1)
    counted = ranks <= k
    # Bars as two collections (gain, discounted gain) rather than a patch per bar: each
    # patch is an artist, and artists are what a redraw pays for.
    alpha = np.where(counted, 1.0, _FADED)
    for heights, colour, edge in ((grades, _GAIN_COLOUR, _GAIN_EDGE_COLOUR),
                                  (discounted, _DISCOUNTED_COLOUR, "none")):
        ax.add_collection(PolyCollection(
            [_bar(rank, height) for rank, height in zip(ranks, heights)],
            facecolors=[to_rgba(colour, a) for a in alpha],
            edgecolors=[to_rgba(edge, a) for a in alpha] if edge != "none" else "none",
            linewidths=0.8))
    for rank, grade, value, is_counted in zip(ranks, grades, discounted, counted):
        if grade > 0:  # a bar of 0 is nothing to discount
            ax.text(rank, grade + 0.06, f"{value:.2f}", ha="center", va="bottom",
                    fontsize=8.5, color="black" if is_counted else "0.6")
    if k < n:
        ax.axvspan(k + 0.5, n + 0.5, color="0.93", zorder=0)
        ax.axvline(k + 0.5, color=_CUT_COLOUR, linestyle="--", linewidth=1.2)
        ax.text(n + 0.45, _BAR_YLIM[1] - 0.08, "not counted", ha="right", va="top",
                fontsize=8.5, color="0.45")
    ax.set_xlim(0.5, n + 0.5)
    ax.set_ylim(*_BAR_YLIM)
    for level in range(1, MAX_GRADE + 1):
        ax.axhline(level, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
    # Each rank's number with its discount under it, one text per rank.
    _hand_ticks(ax, _SHOWN[2:], x=[(r, f"{r}\n×{_short(d)}") for r, d in zip(ranks, discount)],
                y=[(g, f"{g}") for g in range(MAX_GRADE + 1)] if y_labels else ())
    ax.set_title(title, y=1.0, pad=6, fontsize=_TITLE_SIZE)


def _draw_metrics(ax, state):
    from matplotlib.collections import PolyCollection

    k = state["k"]
    rows = (
        (f"DCG@{k}", state["dcg"], False),
        (f"IDCG@{k}", state["idcg"], False),
        (f"NDCG@{k}", state["ndcg"], True),
        ("MRR", state["reciprocal_rank"], True),
        (f"P@{k}", state["precision"], True),
        (f"R@{k}", state["recall"], True),
        (f"AP@{k}", state["average_precision"], True),
    )
    n_rows = len(rows)
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(n_rows + 0.8, -0.6)
    bar_left, bar_width = 0.37, 0.4
    unit = [(row, value) for row, (_unused, value, is_unit) in enumerate(rows) if is_unit]
    unit_rows = [row for row, _unused in unit]
    # Each unit metric's track on [0, 1], and its value filling it: one collection each.
    for lengths, colour in (([1.0] * len(unit), "0.92"),
                            ([0.0 if np.isnan(v) else v for _unused, v in unit], _METRIC_COLOUR)):
        ax.add_collection(PolyCollection(
            [[(bar_left, row - 0.31), (bar_left + bar_width * length, row - 0.31),
              (bar_left + bar_width * length, row + 0.31), (bar_left, row + 0.31)]
             for row, length in zip(unit_rows, lengths)], facecolors=colour,
            edgecolors="none"))
    for row, (name, value, is_unit) in enumerate(rows):
        ax.text(0.0, row, name, va="center")
        text = _format_value(value)
        if is_unit and np.isnan(value):  # in its empty track
            ax.text(bar_left + 0.03, row, text, va="center", color="0.4", fontsize=9)
        elif is_unit:
            ax.text(bar_left + bar_width + 0.03, row, text, va="center")
        else:
            ax.text(bar_left, row, text, va="center", fontweight="bold")
    ax.text(0.0, n_rows - 0.1, "MRR of one query: 1 / rank of\nthe first relevant result "
            "(grade > 0)", va="top", fontsize=8, color="0.4")
    ax.set_title(f"Metrics at k = {k}", y=1.0, pad=6, fontsize=_TITLE_SIZE)


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
    figure for the same values. The layout is fixed (no layout engine), so a redraw
    stays within the course's 150 ms.

    Parameters
    ----------
    state : dict
        From :func:`ranking_state`.

    Returns
    -------
    matplotlib.figure.Figure
        Four axes: list, shown order, ideal order, metrics.
    """
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=_FIGSIZE, dpi=FIGURE_DPI)
    ax_list, ax_shown, ax_ideal, ax_metrics = (
        _axes(fig, _FIGSIZE, box) for box in (_LIST, _SHOWN, _IDEAL, _METRICS))
    _draw_list(ax_list, state)
    k = state["k"]
    _draw_gains(ax_shown, state["ranked_grades"], state["discounted_gain"], state["discount"],
                k, f"{state['order_label'].capitalize()}: DCG@{k} {state['dcg']:.2f}",
                y_labels=True)
    ax_shown.set_ylabel("gain = grade", labelpad=14)
    _draw_gains(ax_ideal, state["ideal_grades"], state["ideal_discounted_gain"],
                state["discount"], k, f"Ideal order: IDCG@{k} {state['idcg']:.2f}",
                y_labels=False)
    width, height = _FIGSIZE
    centre = (_SHOWN[0] + _IDEAL[0] + _IDEAL[2]) / 2 / width
    fig.text(centre, (_SHOWN[1] - 0.62) / height,
             "rank, and its discount 1 / log₂(rank + 1): discounted gain = gain × discount",
             ha="center", va="top")
    _draw_metrics(ax_metrics, state)
    return fig


def ranking_explorer(grades=None, *, k=3, order="model", titles=None, query=None):
    """Regrade, reorder and cut a ranked list, and watch DCG, NDCG, MRR, P@k, R@k and AP@k.

    Each change runs :func:`ranking_state` and draws :func:`ranking_figure`; the line
    between the controls and the figure is the state's ``message``.

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
        ``status`` and ``output``.
    """
    import ipywidgets as widgets

    first = ranking_state(grades, k, order, titles=titles, query=query)
    titles, query = first["titles"], first["query"]
    n = len(titles)
    style = {"description_width": "initial"}
    slider = widgets.IntSlider(value=first["k"], min=1, max=n, step=1, description="k",
                               continuous_update=False, style=style,
                               layout=widgets.Layout(width="300px"))
    order_menu = widgets.Dropdown(options=[(label, key) for key, label in RANKING_ORDERS.items()],
                                  value=first["order"], description="order", style=style,
                                  layout=widgets.Layout(width="300px"))
    grade_options = [(f"{g} ({name})", g) for g, name in enumerate(GRADE_NAMES)]
    grade_menus = {
        f"grade_{i + 1}": widgets.Dropdown(options=grade_options, value=int(grade),
                                           description=f"grade: {title}", style=style,
                                           layout=widgets.Layout(width="420px"))
        for i, (title, grade) in enumerate(zip(titles, first["grades"]))
    }
    status = widgets.HTML(value="")

    def draw(k, order, **grade_values):
        grades = [grade_values[f"grade_{i + 1}"] for i in range(n)]
        state = ranking_state(grades, k, order, titles=titles, query=query)
        status.value = html.escape(state["message"])
        _show(ranking_figure(state))

    controls = {"k": slider, "order": order_menu, **grade_menus}
    menus = list(grade_menus.values())
    half = (n + 1) // 2
    row = widgets.VBox([
        widgets.HBox([slider, order_menu]),
        widgets.HBox([widgets.VBox(menus[:half]), widgets.VBox(menus[half:])]),
    ])
    return _explorer_box(row, status, draw, controls)

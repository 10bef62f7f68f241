"""Judging a generator as a distribution: feature-space scores of a generator that drops
classes (notebook 08).

:func:`mode_collapse_explorer` lets a stand-in generator drop whole digit classes
(:func:`lecturelib.datasets.generated_digits` with ``kind='mode_collapse'``) and compares
its output with real held-out digits in the feature space of a small trained network
(:mod:`lecturelib.generative.features`): the Fréchet distance, precision and recall, and
density and coverage (:mod:`lecturelib.generative.distribution`). As classes are dropped,
recall and coverage fall step by step while precision stays high: every image is still a
good digit, there are just fewer kinds of them. The Fréchet distance rises too, but its
one number does not say which of the two went wrong.

Judging one image against its original, pixel by pixel, is the topic of
:mod:`~lecturelib.explorers.degradation`.
"""

from __future__ import annotations

import numbers
from collections import OrderedDict
from collections.abc import Mapping

import numpy as np

from ..i18n import gettext as _
from ..plots import FIGURE_DPI
from ._frames import grid_values
from ._shell import LiveFigure, _axes, _cache_key, _detached, _explorer_box, _remember
from .regression import _round_ticks
from .segmentation import _hand_ticks

__all__ = [
    "mode_collapse_features",
    "mode_collapse_state",
    "mode_collapse_figure",
    "mode_collapse_explorer",
]

_GRID_COLOUR = "0.9"
_LABELPAD = 18

# The default sets: this many images each; the generated sets drop 0 to 9 of the digits.
MODE_COLLAPSE_N = 500
MAX_DROPPED = 9

# The four set-to-set scores: key, legend name, colour (Okabe-Ito), line style.
_SCORES = (
    ("precision", "precision", "#0072B2", "-"),
    ("recall", "recall", "#D55E00", "--"),
    ("density", "density", "#009E73", ":"),
    ("coverage", "coverage", "#CC79A7", "-."),
)
_REAL_COLOUR = "0.4"
_GENERATED_COLOUR = "#E69F00"
_FRECHET_COLOUR = "black"
# Classes the histogram can show.
_MAX_CLASSES = 20

_MC_FIGSIZE = (13.0, 4.0)
_HISTOGRAM = (0.6, 1.25, 2.75, 2.3)
_SCATTER = (3.85, 1.25, 2.3, 2.3)
_SCORES_BOX = (6.95, 1.25, 2.55, 2.3)
_FRECHET = (10.3, 1.25, 2.45, 2.3)

_FEATURES_CACHE = OrderedDict()  # the default features: the network is trained once
_FEATURES_CACHE_SIZE = 4
_TABLE_CACHE = OrderedDict()
_TABLE_CACHE_SIZE = 8


def mode_collapse_features(model=None, *, n=MODE_COLLAPSE_N, seed=0):
    """Features of real held-out digits and of generated sets that drop 0 to 9 digits.

    The inputs of :func:`mode_collapse_state` and :func:`mode_collapse_explorer`, as a
    dict to pass with ``**``:

    * the real set: ``generated_digits("real", n=n, seed=seed + 1)``, held-out digits
      that the feature network never saw (a different draw from the generated sets', so
      that with nothing dropped the two sets are not the very same images);
    * generated set ``d`` (``d`` = 0 to 9): ``generated_digits("mode_collapse", n=n,
      seed=seed, dropped=d)``, ``n`` real digits of the classes 0 to ``9 - d`` only;

    each embedded with :func:`lecturelib.generative.features.digit_features`.

    Parameters
    ----------
    model : torch.nn.Sequential, optional
        A network from :func:`lecturelib.generative.features.train_digit_feature_network`.
        By default one is trained with ``seed`` (about a second), once per session: the
        result is kept and shared with later calls.
    n : int, default 500
        Images in each set; at most 718 (the held-out digits).
    seed : int, default 0
        Seeds the network (when trained here) and which digits are drawn.

    Returns
    -------
    dict
        ``real_features`` : ndarray of shape (n, 64); ``real_labels`` : ndarray of int
        ``generated_features_by_dropped`` : tuple of 10 ndarrays of shape (n, 64)
            Element ``d``: the set with ``d`` digits dropped.
        ``generated_labels_by_dropped`` : tuple of 10 ndarrays of int
    """
    from .._validation import check_positive_int, check_seed
    from ..datasets import generated_digits
    from ..generative.features import digit_features, train_digit_feature_network

    n = check_positive_int(n, "n")
    seed = check_seed(seed)
    if n > 718:
        raise ValueError(f"`n` must be at most 718 (the held-out digits), got {n}.")

    def compute(model):
        images, real_labels = generated_digits("real", n=n, seed=(seed + 1) % 2**32)
        features, labels = [], []
        for dropped in range(MAX_DROPPED + 1):
            generated, generated_labels = generated_digits("mode_collapse", n=n, seed=seed,
                                                           dropped=dropped)
            features.append(digit_features(model, generated))
            labels.append(generated_labels)
        data = {
            "real_features": digit_features(model, images),
            "real_labels": real_labels,
            "generated_features_by_dropped": tuple(features),
            "generated_labels_by_dropped": tuple(labels),
        }
        for value in (data["real_features"], data["real_labels"], *features, *labels):
            value.flags.writeable = False
        return data

    if model is not None:
        return compute(model)
    return dict(_remember(_FEATURES_CACHE, (n, seed), _FEATURES_CACHE_SIZE,
                          lambda: compute(train_digit_feature_network(seed=seed))))


def _check_labels(labels, name, n):
    from .._validation import as_float_array

    arr = as_float_array(labels, name, ndim=1)
    if np.any(arr != np.round(arr)):
        raise ValueError(f"`{name}` must hold whole-number class labels, e.g. the digits "
                         "0-9.")
    if arr.size != n:
        raise ValueError(f"`{name}` has {arr.size} labels but its features have {n} rows; "
                         "pass one label per sample.")
    return arr.astype(np.int64)


def _as_sets(sets, name):
    if isinstance(sets, Mapping):
        keys = sorted(sets)
        if keys != list(range(len(keys))):
            raise ValueError(f"`{name}` as a dict must have the keys 0, 1, ..., m - 1 (the "
                             f"numbers of classes dropped), got {keys}.")
        sets = [sets[key] for key in keys]
    elif isinstance(sets, np.ndarray) and sets.ndim == 3:
        sets = list(sets)
    elif isinstance(sets, (str, bytes)) or not hasattr(sets, "__len__"):
        raise ValueError(f"`{name}` must be a list (or dict) of sets, element d the set "
                         f"with d classes dropped, got {type(sets).__name__}.")
    sets = list(sets)
    if not sets:
        raise ValueError(f"`{name}` is empty; pass at least one set.")
    return sets


def _check_mode_collapse_data(real_features, real_labels, generated_features_by_dropped,
                              generated_labels_by_dropped, model):
    """The four inputs, checked (arrays of float64 features and int64 labels), or the
    default ones from mode_collapse_features when none is given."""
    from .._validation import as_float_array

    given = {"real_features": real_features, "real_labels": real_labels,
             "generated_features_by_dropped": generated_features_by_dropped,
             "generated_labels_by_dropped": generated_labels_by_dropped}
    missing = [name for name, value in given.items() if value is None]
    if len(missing) == len(given):
        given = mode_collapse_features(model)
    elif missing:
        raise ValueError(
            f"Pass all of real_features, real_labels, generated_features_by_dropped and "
            f"generated_labels_by_dropped, or none of them (then they are computed); "
            f"`{missing[0]}` is missing. mode_collapse_features(model) makes all four.")
    elif model is not None:
        raise ValueError("Pass either `model` or the features, not both: `model` is only "
                         "used to compute the features.")
    real = as_float_array(given["real_features"], "real_features", ndim=2)
    labels = _check_labels(given["real_labels"], "real_labels", real.shape[0])
    feature_sets = _as_sets(given["generated_features_by_dropped"],
                            "generated_features_by_dropped")
    label_sets = _as_sets(given["generated_labels_by_dropped"], "generated_labels_by_dropped")
    if len(label_sets) != len(feature_sets):
        raise ValueError(
            f"`generated_labels_by_dropped` holds {len(label_sets)} sets but "
            f"`generated_features_by_dropped` holds {len(feature_sets)}; pass one label "
            "array per set.")
    generated, generated_labels = [], []
    for d, (features, set_labels) in enumerate(zip(feature_sets, label_sets)):
        features = as_float_array(features, f"generated_features_by_dropped[{d}]", ndim=2)
        if features.shape[1] != real.shape[1]:
            raise ValueError(
                f"`generated_features_by_dropped[{d}]` has {features.shape[1]} features "
                f"per sample but `real_features` has {real.shape[1]}; embed both with the "
                "same network.")
        generated.append(features)
        generated_labels.append(_check_labels(set_labels, f"generated_labels_by_dropped[{d}]",
                                              features.shape[0]))
    classes = np.unique(np.concatenate([labels, *generated_labels]))
    if classes.size > _MAX_CLASSES:
        raise ValueError(f"The labels hold {classes.size} classes; the histogram shows at "
                         f"most {_MAX_CLASSES}.")
    # k-nearest-neighbour balls need more samples than k (3 for precision and recall,
    # 5 for density and coverage).
    smallest = min([real.shape[0]] + [g.shape[0] for g in generated])
    if smallest < 6:
        raise ValueError(f"Every set needs at least 6 samples (density and coverage use "
                         f"the 5th nearest neighbour); the smallest has {smallest}.")
    return real, labels, generated, generated_labels, classes


def _principal_axes(real):
    """The first two principal axes of the real features (rows of a (2, d) matrix, fewer
    for 1-d features), each signed so that its largest entry is positive."""
    centred = real - real.mean(axis=0)
    _u, _s, vt = np.linalg.svd(centred, full_matrices=False)
    axes = vt[:2]
    signs = np.sign(axes[np.arange(len(axes)), np.argmax(np.abs(axes), axis=1)])
    return axes * np.where(signs == 0, 1.0, signs)[:, None]


def _project(features, mean, axes):
    xy = (features - mean) @ axes.T
    if xy.shape[1] < 2:
        xy = np.column_stack([xy, np.zeros(len(xy))])
    return xy


def _mode_collapse_table(real, generated):
    """Every score of every generated set against the real one, and the 2-D projection
    of every set (cached: the explorer computes it once)."""
    from ..generative.distribution import (density_coverage, frechet_distance_from_features,
                                           generative_precision_recall)

    def compute():
        rows = {key: [] for key in ("frechet", "precision", "recall", "density", "coverage")}
        for features in generated:
            rows["frechet"].append(frechet_distance_from_features(real, features))
            precision, recall = generative_precision_recall(real, features)
            density, coverage = density_coverage(real, features)
            for key, value in (("precision", precision), ("recall", recall),
                               ("density", density), ("coverage", coverage)):
                rows[key].append(value)
        table = {key: np.array(values, dtype=float) for key, values in rows.items()}
        mean, axes = real.mean(axis=0), _principal_axes(real)
        table["real_xy"] = _project(real, mean, axes)
        table["generated_xy"] = tuple(_project(g, mean, axes) for g in generated)
        variance = np.var(real - mean, axis=0).sum()
        table["explained"] = (np.var(table["real_xy"], axis=0).sum() / variance
                              if variance > 0 else 1.0)
        for value in (*rows, "real_xy"):
            table[value].flags.writeable = False
        for value in table["generated_xy"]:
            value.flags.writeable = False
        return table

    return _remember(_TABLE_CACHE, _cache_key(real, *generated), _TABLE_CACHE_SIZE, compute)


def _class_list(classes):
    names = [str(c) for c in classes]
    if len(names) == 1:
        return names[0]
    return _("{classes} or {last}").format(classes=", ".join(names[:-1]), last=names[-1])


def _mode_collapse_state(dropped, real, labels, generated, generated_labels, classes):
    table = _mode_collapse_table(real, generated)
    real_counts = np.array([np.count_nonzero(labels == c) for c in classes])
    counts = [np.array([np.count_nonzero(g == c) for c in classes]) for g in generated_labels]
    shares = [c / c.sum() for c in counts]
    lacking = (real_counts > 0) & (counts[dropped] == 0)
    missing = [int(c) for c in classes[lacking]]
    missing_share = real_counts[lacking].sum() / real_counts.sum()
    scores = {key: float(table[key][dropped]) for key in
              ("frechet", "precision", "recall", "density", "coverage")}
    if missing:
        first = (_("{dropped} class dropped: the generated set has no sample of class "
                   "{classes} ({share} of the real samples).") if dropped == 1 else
                 _("{dropped} classes dropped: the generated set has no sample of class "
                   "{classes} ({share} of the real samples)."))
    else:
        first = (_("{dropped} class dropped: the generated set has every class of the real "
                   "set.") if dropped == 1 else
                 _("{dropped} classes dropped: the generated set has every class of the "
                   "real set."))
    if dropped:
        last = _("Fréchet distance {frechet} (with nothing dropped {frechet_none}): one "
                 "number for both questions.")
    else:
        last = _("Fréchet distance {frechet}: one number for both questions.")
    message = " ".join([
        first.format(dropped=dropped, classes=_class_list(missing) if missing else "",
                     share=f"{missing_share:.0%}"),
        _("Precision {precision} and density {density}: are the generated samples "
          "realistic? Recall {recall} and coverage {coverage}: is every kind of real "
          "sample generated?").format(
            precision=f"{scores['precision']:.3f}", density=f"{scores['density']:.2f}",
            recall=f"{scores['recall']:.3f}", coverage=f"{scores['coverage']:.3f}"),
        last.format(frechet=f"{scores['frechet']:.2f}",
                    frechet_none=f"{table['frechet'][0]:.2f}"),
    ])
    return {
        "dropped": dropped,
        "max_dropped": len(generated) - 1,
        "classes": classes,
        "real_counts": real_counts,
        "generated_counts": counts[dropped],
        "real_shares": real_counts / real_counts.sum(),
        "generated_shares": shares[dropped],
        "largest_share": float(max(np.max(s) for s in [real_counts / real_counts.sum(),
                                                        *shares])),
        "missing_classes": missing,
        "frechet_distance": scores["frechet"],
        "precision": scores["precision"],
        "recall": scores["recall"],
        "density": scores["density"],
        "coverage": scores["coverage"],
        "dropped_values": np.arange(len(generated)),
        "frechet_curve": table["frechet"],
        "precision_curve": table["precision"],
        "recall_curve": table["recall"],
        "density_curve": table["density"],
        "coverage_curve": table["coverage"],
        "real_xy": table["real_xy"],
        "generated_xy": table["generated_xy"][dropped],
        "xy_limits": _xy_limits(table),
        "explained_variance": float(table["explained"]),
        "message": message,
    }


def _xy_limits(table):
    points = np.vstack([table["real_xy"], *table["generated_xy"]])
    low, high = points.min(axis=0), points.max(axis=0)
    pad = 0.05 * np.where(high > low, high - low, 1.0)
    return (float(low[0] - pad[0]), float(high[0] + pad[0]),
            float(low[1] - pad[1]), float(high[1] + pad[1]))


def _check_dropped(dropped, maximum):
    if (isinstance(dropped, bool) or not isinstance(dropped, numbers.Integral)
            or not 0 <= dropped <= maximum):
        raise ValueError(f"`dropped` must be a whole number from 0 to {maximum} (one per "
                         f"generated set), got {dropped!r}.")
    return int(dropped)


def mode_collapse_state(dropped=0, *, real_features=None, real_labels=None,
                        generated_features_by_dropped=None, generated_labels_by_dropped=None,
                        model=None):
    r"""A generator that drops classes, compared with real data in a feature space.

    Generated set number ``dropped`` is compared with the real set by
    :func:`lecturelib.generative.distribution.frechet_distance_from_features` (the FID
    formula), :func:`~lecturelib.generative.distribution.generative_precision_recall`
    (k = 3) and :func:`~lecturelib.generative.distribution.density_coverage` (k = 5):

    * **precision** and **density**: are the generated samples realistic (inside the
      real data's k-nearest-neighbour balls)? They stay high when a generator only
      drops classes, since every sample it makes is still a good one;
    * **recall** and **coverage**: is every kind of real sample generated? They fall as
      classes are dropped;
    * the **Fréchet distance** (0 best) grows with either failure, so its one number
      does not tell them apart.

    Every set is scored (the curves of the figure), once per data: the scores are kept.

    Parameters
    ----------
    dropped : int, default 0
        Which generated set: the one with ``dropped`` classes dropped, 0 to m - 1.
    real_features : array-like of shape (N, d), optional
        Features of real held-out samples.
    real_labels : array-like of shape (N,), optional
        Their classes (whole numbers, e.g. the digit).
    generated_features_by_dropped : list or dict of array-likes of shape (M_i, d), optional
        Element ``i``: the features of the generated set with ``i`` classes dropped
        (every set needs at least 6 samples).
    generated_labels_by_dropped : list or dict of array-likes of shape (M_i,), optional
        The class of each generated sample.
    model : torch.nn.Sequential, optional
        Only when the four above are not given: they are then
        ``mode_collapse_features(model)`` (with a network trained once per session when
        ``model`` is None too). Pass either the four, or none of them.

    Returns
    -------
    dict
        ``dropped``, ``max_dropped`` : int
        ``classes`` : ndarray of int
            Every class of any set, sorted; ``real_counts``, ``generated_counts`` (this
            set) and ``real_shares``, ``generated_shares`` per class; ``largest_share``
            over all sets (the histogram's scale); ``missing_classes``: the real classes
            this set lacks.
        ``frechet_distance``, ``precision``, ``recall``, ``density``, ``coverage`` : float
            This set's scores.
        ``dropped_values`` : ndarray
            0 to m - 1, and ``frechet_curve``, ``precision_curve``, ``recall_curve``,
            ``density_curve``, ``coverage_curve``: every set's scores.
        ``real_xy``, ``generated_xy`` : ndarray of shape (n, 2)
            The features projected on the real set's first two principal axes (SVD of
            the centred real features); ``xy_limits`` hold every set (fixed as
            ``dropped`` changes) and ``explained_variance`` is the share of the real
            features' variance the two axes keep.
        ``message`` : str
            A plain-text summary, as the explorer shows it.

    Raises
    ------
    ValueError
        If ``dropped`` is not a whole number from 0 to m - 1, only some of the four
        inputs are given (or ``model`` with them), features are not 2-D finite arrays
        with the same number of columns, labels are not whole numbers, one per sample,
        or a set has fewer than 6 samples.

    Examples
    --------
    Three classes around three centres; generated sets that drop none, one and two:

    >>> rng = np.random.default_rng(0)
    >>> centres = np.array([[0.0, 0.0], [6.0, 0.0], [0.0, 6.0]])
    >>> real_labels = np.repeat([0, 1, 2], 30)
    >>> real = centres[real_labels] + rng.normal(size=(90, 2))
    >>> kept = [np.repeat([0, 1, 2], 30), np.repeat([0, 1], 45), np.repeat([0], 90)]
    >>> generated = [centres[k] + rng.normal(size=(90, 2)) for k in kept]
    >>> state = mode_collapse_state(2, real_features=real, real_labels=real_labels,
    ...                             generated_features_by_dropped=generated,
    ...                             generated_labels_by_dropped=kept)
    >>> state["missing_classes"]
    [1, 2]
    >>> state["recall_curve"].round(2).tolist()  # falls as classes are dropped
    [0.94, 0.66, 0.29]
    >>> state["precision_curve"].round(2).tolist()  # stays high
    [0.96, 0.96, 0.97]
    """
    real, labels, generated, generated_labels, classes = _check_mode_collapse_data(
        real_features, real_labels, generated_features_by_dropped,
        generated_labels_by_dropped, model)
    dropped = _check_dropped(dropped, len(generated) - 1)
    return _mode_collapse_state(dropped, real, labels, generated, generated_labels, classes)


def _percent_ticks(top, count=4):
    return [(value, f"{100 * value:.0f}%") for value, _unused in _round_ticks(0.0, top, count)]


def _bar_corners(positions, offset, shares):
    """The corners of one set's bars, one (4, 2) array per class."""
    left, right = positions + offset - 0.2, positions + offset + 0.2
    zeros = np.zeros_like(shares)
    return np.stack([np.column_stack(pair) for pair in (
        (left, zeros), (left, shares), (right, shares), (right, zeros))], axis=1)


def _crosses(state):
    """Where the histogram's crosses go: under each class the generated set lacks."""
    classes = state["classes"]
    lacking = np.flatnonzero(np.isin(classes, state["missing_classes"]))
    top = 1.12 * state["largest_share"]
    return lacking + 0.2, np.full(lacking.size, 0.035 * top)


def _draw_histogram(ax, state):
    """The histogram; returns the artists a new set changes: its bars and crosses."""
    from matplotlib.collections import PolyCollection

    classes = state["classes"]
    positions = np.arange(classes.size)
    # Each set's bars as one collection: one artist draws faster than ten rectangles.
    bars = [ax.add_collection(PolyCollection(_bar_corners(positions, offset, shares),
                                             facecolors=colour, edgecolors="none",
                                             linewidths=0), autolim=False)
            for offset, shares, colour in ((-0.2, state["real_shares"], _REAL_COLOUR),
                                           (0.2, state["generated_shares"], _GENERATED_COLOUR))]
    top = 1.12 * state["largest_share"]
    # A cross where a class's generated bar is missing (none drawn when none is).
    crosses, = ax.plot(*_crosses(state), linestyle="none", marker="x", markersize=6,
                       markeredgewidth=1.6, color="#D55E00", zorder=4)
    ax.set_xlim(-0.6, classes.size - 0.4)
    ax.set_ylim(0, top)
    ticks = _percent_ticks(state["largest_share"])
    for value, _unused in ticks[1:]:
        ax.axhline(value, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
    _hand_ticks(ax, _HISTOGRAM[2:], x=[(p, str(c)) for p, c in zip(positions, classes)],
                y=ticks)
    ax.set_xlabel("class  (×: never generated)", labelpad=_LABELPAD)
    ax.set_ylabel("share of the set", labelpad=30)
    ax.set_title("Classes in each set", y=1.0, pad=6)
    return bars[1], crosses


def _draw_scatter(ax, state):
    """The features; returns the generated points and the real ones drawn over them."""
    real, generated = state["real_xy"], state["generated_xy"]
    # Generated points large and below, real ones small on top: a real point without an
    # orange halo is one that nothing generated comes near.
    generated_points, = ax.plot(generated[:, 0], generated[:, 1], linestyle="none",
                                marker="o", markersize=5, markeredgewidth=0,
                                color=_GENERATED_COLOUR, alpha=0.6)
    real_points, = ax.plot(real[:, 0], real[:, 1], linestyle="none", marker="o",
                           markersize=2.2, markeredgewidth=0, color=_REAL_COLOUR)
    x0, x1, y0, y1 = state["xy_limits"]
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel(f"first two principal axes\n({state['explained_variance']:.0%} of the "
                  "variance)", labelpad=6, fontsize=9)
    ax.set_title("Features (PCA)", y=1.0, pad=6)
    return generated_points, real_points


def _dropped_limits(x):
    return -0.3, x[-1] + 0.3 if x[-1] > 0 else 0.3


def _draw_scores(ax, state):
    """The four scores' curves; returns the marker line and the four current points."""
    x = state["dropped_values"]
    dropped = state["dropped"]
    top = max(1.04, 1.05 * float(state["density_curve"].max()))
    points = []
    for key, _unused, colour, style in _SCORES:
        ax.plot(x, state[f"{key}_curve"], color=colour, linestyle=style, linewidth=1.8)
        points += ax.plot([dropped], [state[key]], linestyle="none", marker="o",
                          markersize=7, color=colour, markeredgecolor="white", zorder=5,
                          clip_on=False)
    marker = ax.axvline(dropped, color="0.2", linewidth=1)
    for level in (0.5, 1.0):
        ax.axhline(level, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
    ax.set_xlim(*_dropped_limits(x))
    ax.set_ylim(0, top)
    _hand_ticks(ax, _SCORES_BOX[2:], x=_dropped_ticks(x),
                y=((0, "0"), (0.5, "0.5"), (1, "1")))
    ax.set_xlabel("classes dropped", labelpad=_LABELPAD)
    ax.set_ylabel("score", labelpad=24)
    ax.set_title("Fidelity and diversity", y=1.0, pad=6)
    return marker, points


def _dropped_ticks(x):
    step = 1 if x[-1] <= 10 else int(np.ceil(x[-1] / 10))
    return [(float(v), str(v)) for v in x[::step]]


def _draw_frechet(ax, state):
    """The Fréchet distances; returns the marker line and the current point."""
    x, curve = state["dropped_values"], state["frechet_curve"]
    dropped = state["dropped"]
    ax.plot(x, curve, color=_FRECHET_COLOUR, linewidth=1.8, marker="o", markersize=3.5)
    marker = ax.axvline(dropped, color="0.2", linewidth=1)
    point, = ax.plot([dropped], [state["frechet_distance"]], linestyle="none", marker="o",
                     markersize=9, color=_FRECHET_COLOUR, markeredgecolor="white", zorder=5,
                     clip_on=False)
    top = float(curve.max()) or 1.0
    ax.set_xlim(*_dropped_limits(x))
    ax.set_ylim(0, 1.06 * top)
    ticks = _round_ticks(0.0, top, 4)
    for value, _unused in ticks[1:]:
        ax.axhline(value, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
    _hand_ticks(ax, _FRECHET[2:], x=_dropped_ticks(x), y=ticks)
    ax.set_xlabel("classes dropped", labelpad=_LABELPAD)
    ax.set_title(_frechet_title(state), y=1.0, pad=6)
    return marker, point


def _frechet_title(state):
    return f"Fréchet distance {state['frechet_distance']:.2f}"


def _generated_label(state):
    dropped = state["dropped"]
    return f"generated, {dropped} class{'es' if dropped != 1 else ''} dropped"


def _score_label(state, key, name):
    return f"{name} {state[key]:.3f}"


def mode_collapse_figure(state):
    """The classes of both sets, their features, and the scores as classes are dropped.

    Draws a :func:`mode_collapse_state` result in four panels, side by side:

    a. the share of each class in the real set (grey) and in the generated one
       (orange), a cross where a real class is never generated;
    b. both sets' features on the real set's first two principal axes: the generated
       points (orange) leave whole clusters of real ones (grey) bare;
    c. precision, recall, density and coverage of every generated set against the
       number of classes dropped, the current set marked (values in the legend below);
    d. the Fréchet distance of every set, the current one marked and in the title: it
       grows, but one number cannot say whether the samples got worse or fewer kinds.

    It is the static counterpart of :func:`mode_collapse_explorer`, and draws the
    explorer's figure for the same data and value (the explorer updates the same figure
    in place, :class:`ModeCollapseFigure`). The layout is fixed (no layout engine).

    Parameters
    ----------
    state : dict
        From :func:`mode_collapse_state`.

    Returns
    -------
    matplotlib.figure.Figure
        Four axes: histogram, scatter, scores, Fréchet distance.
    """
    return ModeCollapseFigure(state).figure


class ModeCollapseFigure(LiveFigure):
    """:func:`mode_collapse_figure` as a :class:`~lecturelib.explorers._shell.LiveFigure`.

    Every set's curves, the real set's bars, the axes and their ticks are the same for
    every set and stay in the background. A new set changes its bars and crosses, its
    points (with the real points drawn over them again, as the static figure layers
    them), the marks of the current set on both score panels, the Fréchet title and the
    two legends' texts.
    """

    def draw(self, state):
        import matplotlib.pyplot as plt
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        fig = plt.figure(figsize=_MC_FIGSIZE, dpi=FIGURE_DPI)
        ax_hist, ax_scatter, ax_scores, ax_frechet = (
            _axes(fig, _MC_FIGSIZE, box) for box in (_HISTOGRAM, _SCATTER, _SCORES_BOX,
                                                     _FRECHET))
        self.bars, self.crosses = _draw_histogram(ax_hist, state)
        self.generated_points, self.real_points = _draw_scatter(ax_scatter, state)
        self.score_marker, self.score_points = _draw_scores(ax_scores, state)
        self.frechet_marker, self.frechet_point = _draw_frechet(ax_frechet, state)
        self.frechet_title = ax_frechet.title
        self.positions = np.arange(state["classes"].size)

        width, height = _MC_FIGSIZE
        sets = [Patch(color=_REAL_COLOUR, label="real samples (held out)"),
                Patch(color=_GENERATED_COLOUR, label=_generated_label(state))]
        left = _HISTOGRAM[0] / width
        right = (_SCATTER[0] + _SCATTER[2]) / width
        self.sets_legend = fig.legend(
            handles=sets, loc="lower center", bbox_to_anchor=((left + right) / 2, 0.0),
            ncol=2, frameon=False, fontsize=9.5, handlelength=1.2, columnspacing=1.6,
            borderaxespad=0.3)
        scores = [Line2D([], [], color=colour, linestyle=style, linewidth=1.8,
                         label=_score_label(state, key, name))
                  for key, name, colour, style in _SCORES]
        centre = (_SCORES_BOX[0] + _SCORES_BOX[2] / 2) / width
        self.scores_legend = fig.legend(
            handles=scores, loc="lower center", bbox_to_anchor=(centre, 0.0), ncol=2,
            frameon=False, fontsize=9.5, handlelength=2.2, columnspacing=1.2,
            borderaxespad=0.3)
        fig.text((_FRECHET[0] + _FRECHET[2] / 2) / width, 0.3 / height,
                 "one number: it cannot tell worse\nsamples from fewer kinds",
                 ha="center", va="center", fontsize=9.5, color="0.3")
        self.animated = [self.bars, self.crosses, self.generated_points, self.real_points,
                         self.score_marker, *self.score_points, self.frechet_marker,
                         self.frechet_point, self.frechet_title, self.sets_legend,
                         self.scores_legend]
        return fig

    def update(self, state):
        dropped = state["dropped"]
        self.bars.set_verts(_bar_corners(self.positions, 0.2, state["generated_shares"]))
        self.crosses.set_data(*_crosses(state))
        generated = state["generated_xy"]
        self.generated_points.set_data(generated[:, 0], generated[:, 1])
        self.score_marker.set_xdata([dropped, dropped])
        for point, (key, _unused, _colour, _style) in zip(self.score_points, _SCORES):
            point.set_data([dropped], [state[key]])
        self.frechet_marker.set_xdata([dropped, dropped])
        self.frechet_point.set_data([dropped], [state["frechet_distance"]])
        self.frechet_title.set_text(_frechet_title(state))
        self.sets_legend.get_texts()[1].set_text(_generated_label(state))
        for text, (key, name, _colour, _style) in zip(self.scores_legend.get_texts(), _SCORES):
            text.set_text(_score_label(state, key, name))


def mode_collapse_explorer(real_features=None, generated_features_by_dropped=None, *,
                           real_labels=None, generated_labels_by_dropped=None, model=None,
                           dropped=0):
    """A slider for how many classes a generator drops, following its scores.

    The scores of every generated set are computed once, when the explorer is built
    (about a second for the default ten sets of 500); each move then runs
    :func:`mode_collapse_state` on them (each set's state is kept) and updates the
    figure of :func:`mode_collapse_figure` in place. The line between the slider and
    the figure is the state's ``message``. Its kernel-free version (slides, website)
    has a frame for every set.

    Parameters
    ----------
    real_features, generated_features_by_dropped, real_labels, generated_labels_by_dropped
        As for :func:`mode_collapse_state`: all four, e.g. ``**mode_collapse_features(
        model)`` with the notebook's own network, or none of them (then they are computed
        with ``model``, or with a network trained here once per session).
    model : torch.nn.Sequential, optional
        The feature network, when the features are not given.
    dropped : int, default 0
        The starting set; the slider ``classes dropped`` runs from 0 to m - 1 (9 for the
        default data).

    Returns
    -------
    ipywidgets.VBox
        The slider, the message and the figure, with attributes ``controls`` (dict with
        the ``dropped`` slider), ``status``, ``image`` (the figure), ``live`` (its
        :class:`ModeCollapseFigure`) and ``flush()``.
    """
    import ipywidgets as widgets

    from .. import i18n

    data = _check_mode_collapse_data(real_features, real_labels,
                                     generated_features_by_dropped,
                                     generated_labels_by_dropped, model)
    maximum = len(data[2]) - 1
    dropped = _check_dropped(dropped, maximum)
    _mode_collapse_table(data[0], data[2])  # every set scored now, not on the first move
    slider = widgets.IntSlider(value=dropped, min=0, max=maximum, step=1,
                               description=_("classes dropped"), continuous_update=True,
                               style={"description_width": "initial"},
                               layout=widgets.Layout(width="420px"))
    states = {}

    def state_of(dropped):
        # Kept per set and language (the message is in lecturelib's language).
        key = (dropped, i18n.get_language())
        if key not in states:
            states[key] = _mode_collapse_state(dropped, *data)
        return states[key]

    live = ModeCollapseFigure(state_of(dropped))
    _detached(live.figure)
    return _explorer_box(slider, {"dropped": slider}, state_of, live,
                         frames={"dropped": grid_values(slider, 41)})

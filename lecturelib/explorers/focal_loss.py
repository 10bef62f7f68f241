"""Focal loss next to cross-entropy, for both classes (notebook 03).

:func:`focal_loss_explorer` has sliders for the focusing parameter γ and the class
weight α. It shows the loss of one example and the gradient it sends back as the
probability of the true class goes from 0 to 1, for a positive (an object, weighted by
α) and a negative (background, weighted by 1 − α), and how the total loss of a
detection-like batch (:data:`BATCH_POSITIVE_P_T`, :data:`BATCH_NEGATIVE_P_T`) splits
between the two classes under cross-entropy, focal loss and α-weighted focal loss.
"""

from __future__ import annotations

import numpy as np

from .._validation import as_float_array
from ..i18n import gettext as _
from ..plots import FIGURE_DPI, _check_gamma, _check_real
from ._frames import grid_values
from ._shell import LayeredLiveFigure, _axes, _detached, _explorer_box, _percent_text

__all__ = [
    "focal_loss_state",
    "focal_loss_figure",
    "focal_loss_explorer",
]

# The two examples the explorer compares: one the model already gets right with
# confidence, one it gets badly wrong.
EASY_P_T = 0.9
HARD_P_T = 0.1

#: p_t of the 10 positives (objects) of the batch: one in each tenth of (0, 1), from
#: very hard (0.05) to easy (0.95).
BATCH_POSITIVE_P_T = np.round(np.arange(0.05, 1.0, 0.1), 2)
#: p_t of the 1,000 negatives (background boxes): 900 very easy (0.99), 90 easy (0.9),
#: 10 hard (0.5). A dense detector scores ~100,000 boxes per image and almost all are
#: easy background (Lin et al. 2017, sec. 3.2); a 1:100 batch keeps that picture at a
#: size where each group is still visible.
BATCH_NEGATIVE_P_T = np.repeat([0.99, 0.9, 0.5], [900, 90, 10])

_CE_COLOUR = "0.25"
_POSITIVE_COLOUR = "tab:red"
_NEGATIVE_COLOUR = "tab:blue"
# Cross-entropy grows without bound as p_t -> 0; stopping near CE(0.05) = 3 keeps the
# hard example in view. Fixed, so moving a slider moves the curves, not the axes.
_LOSS_YMAX = 3.15
# The focal gradient of a very hard example can exceed cross-entropy's (up to 1.32 at
# gamma = 5, alpha_t = 1), although its loss never does.
_GRAD_YMAX = 1.4


def _check_alpha(alpha):
    # Always a number here: the explorer's α is always on, and α = 0.5 is the neutral
    # value (both classes weighted alike), so "no α" needs no special case.
    return _check_real(alpha, "alpha", minimum=0, maximum=1)


def _losses_and_logit_gradients(p_t, target, gamma, alpha):
    """Focal loss of examples whose true class gets ``p_t``, and d loss / d logit.

    ``target`` 1 is a positive (logit log(p_t / (1 - p_t))), 0 a negative (the logit of
    the positive class is then log((1 - p_t) / p_t)). ``gamma=0, alpha=None`` is
    cross-entropy.
    """
    import torch

    from ..losses import sigmoid_focal_loss

    p_t = np.asarray(p_t, dtype=np.float64)
    # p = p_t for a positive, 1 - p_t for a negative. The logit log(p / (1 - p)) in NumPy
    # (the same numbers as torch.logit): torch.logit wakes PyTorch's thread pool, which
    # costs milliseconds on every slider move of a busy machine.
    p = p_t if target == 1 else 1 - p_t
    logit = torch.as_tensor(np.log(p / (1 - p))).requires_grad_(True)
    target = torch.full_like(logit, float(target))
    loss = sigmoid_focal_loss(logit, target, alpha=alpha, gamma=gamma, reduction="none")
    # Each loss depends on its own logit only, so the gradient of the sum is the
    # elementwise derivative d loss_i / d x_i: what backprop sends to the model.
    (grad,) = torch.autograd.grad(loss.sum(), logit)
    return loss.detach().numpy(), grad.numpy()


def _batch_totals(gamma, alpha):
    """Total loss of the batch's positives and of its negatives."""
    positive, _unused = _losses_and_logit_gradients(BATCH_POSITIVE_P_T, 1, gamma, alpha)
    negative, _unused = _losses_and_logit_gradients(BATCH_NEGATIVE_P_T, 0, gamma, alpha)
    return float(positive.sum()), float(negative.sum())


def focal_loss_state(gamma, alpha=0.25, *, p_t=None):
    r"""Focal loss against cross-entropy: per example, per class, and on a batch.

    The binary focal loss of Lin et al. (2017), in the convention of
    :func:`torchvision.ops.sigmoid_focal_loss`: with :math:`p = \sigma(x)` the
    predicted probability of the positive class and label :math:`y \in \{0, 1\}`,

    .. math::
        p_t = p\,y + (1 - p)(1 - y), \qquad
        \alpha_t = \alpha\,y + (1 - \alpha)(1 - y), \qquad
        \mathrm{FL} = -\alpha_t (1 - p_t)^{\gamma} \log p_t, \qquad
        \mathrm{CE} = -\log p_t .

    A positive is weighted by :math:`\alpha`, a negative by :math:`1 - \alpha`, so
    :math:`\alpha = 0.5` weights both alike (the focal loss without α, halved). Since
    :math:`\alpha_t (1 - p_t)^{\gamma} \le 1`, FL ≤ CE for every example: focal loss
    never raises a loss. It lowers easy examples' losses far more than hard ones', so
    what grows is the *share* of the hard ones. (The *gradient* of a very hard example
    can exceed cross-entropy's when :math:`\alpha_t` is near 1, e.g. for
    :math:`p_t < 0.3` at γ = 2, :math:`\alpha_t = 1`: the focusing term falls steeply
    there.)

    Values come from :func:`lecturelib.losses.sigmoid_focal_loss` through PyTorch
    autograd; gradients are with respect to the logit :math:`x` (what backprop sends to
    the model).

    Parameters
    ----------
    gamma : float
        Focusing parameter, finite and ``>= 0`` (the explorer's slider covers 0 to 5).
    alpha : float in [0, 1], default 0.25
        Weight of the positive class; the negative class gets ``1 - alpha``. 0.25 is
        the paper's (and torchvision's) default for γ = 2.
    p_t : array-like, optional
        Probabilities of the true class for the curves, strictly inside (0, 1).
        Default: 197 points from 0.01 to 0.99 in steps of 0.005.

    Returns
    -------
    dict
        ``p_t``, ``ce``, ``ce_grad`` : ndarray
            Cross-entropy and its derivative with respect to the logit, for a positive
            (a negative has the same loss and the opposite gradient).
        ``focal``, ``focal_grad`` : ndarray
            Focal loss with γ and no α, for a positive.
        ``focal_positive``, ``focal_positive_grad`` : ndarray
            Focal loss of a positive (weighted by α).
        ``focal_negative``, ``focal_negative_grad`` : ndarray
            Focal loss of a negative whose true class (background) gets ``p_t``
            (weighted by 1 − α); its gradient is positive: raising the object score of
            a background box raises its loss.
        ``easy_weight``, ``hard_weight`` : float
            :math:`(1 - p_t)^\gamma` at :math:`p_t = 0.9` and at :math:`p_t = 0.1`: the
            share of its cross-entropy an easy and a hard example keep under the
            focusing term (α then multiplies each class by its weight).
        ``easy_to_hard`` : float
            FL(0.9) / FL(0.1), how much an easy example counts next to a hard one of
            the same class; α cancels, so it depends on γ only.
        ``ce_easy_to_hard`` : float
            The same ratio for cross-entropy, CE(0.9) / CE(0.1), for comparison.
        ``n_positive``, ``n_negative`` : int
            Size of the batch: 10 positives (:data:`BATCH_POSITIVE_P_T`) and 1,000
            negatives (:data:`BATCH_NEGATIVE_P_T`).
        ``positive_total``, ``negative_total``, ``positive_share`` : dict
            For each of ``"ce"`` (cross-entropy), ``"focal"`` (γ, no α) and
            ``"focal_alpha"`` (γ and α): the summed loss of the positives, of the
            negatives, and the positives' share of the total.
        ``gamma``, ``alpha`` : float
            The (checked) inputs.
        ``message`` : str
            Plain-text sentences with these numbers, as the explorer shows them.

    Examples
    --------
    >>> state = focal_loss_state(2.0)
    >>> round(state["easy_to_hard"], 6), round(state["ce_easy_to_hard"], 4)
    (0.000565, 0.0458)
    >>> {k: round(v, 3) for k, v in state["positive_share"].items()}
    {'ce': 0.275, 'focal': 0.758, 'focal_alpha': 0.511}

    In this batch the 1,000 background boxes carry most of the cross-entropy, but with
    γ = 2 the 10 objects carry most of the focal loss; α = 0.25 gives them the smaller
    weight and brings the split back near even.

    References
    ----------
    T.-Y. Lin, P. Goyal, R. Girshick, K. He and P. Dollár, "Focal Loss for Dense Object
    Detection", ICCV 2017. https://arxiv.org/abs/1708.02002 (Table 1a: with γ = 0 the
    best α was 0.75; Table 1b: with γ = 2 it was 0.25.)
    """
    gamma = _check_gamma(gamma)
    alpha = _check_alpha(alpha)
    if p_t is None:
        p_t = np.linspace(0.01, 0.99, 197)
    else:
        p_t = as_float_array(p_t, "p_t", ndim=1)
        if np.any(p_t <= 0) or np.any(p_t >= 1):
            raise ValueError(
                "`p_t` must lie strictly between 0 and 1: at 0 the loss is infinite and "
                "at 1 the logit is. Use e.g. np.linspace(0.01, 0.99, 197)."
            )
    ce, ce_grad = _losses_and_logit_gradients(p_t, 1, 0.0, None)
    focal, focal_grad = _losses_and_logit_gradients(p_t, 1, gamma, None)
    focal_positive, focal_positive_grad = _losses_and_logit_gradients(p_t, 1, gamma, alpha)
    focal_negative, focal_negative_grad = _losses_and_logit_gradients(p_t, 0, gamma, alpha)

    pair = np.array([EASY_P_T, HARD_P_T])
    ce_pair, _unused = _losses_and_logit_gradients(pair, 1, 0.0, None)
    focal_pair, _unused = _losses_and_logit_gradients(pair, 1, gamma, None)
    easy_weight, hard_weight = (focal_pair / ce_pair).tolist()
    easy_to_hard = float(focal_pair[0] / focal_pair[1])
    ce_easy_to_hard = float(ce_pair[0] / ce_pair[1])

    totals = {"ce": _batch_totals(0.0, None), "focal": _batch_totals(gamma, None),
              "focal_alpha": _batch_totals(gamma, alpha)}
    positive_total = {key: pos for key, (pos, _unused) in totals.items()}
    negative_total = {key: neg for key, (_unused, neg) in totals.items()}
    # alpha = 0 leaves only the negatives' loss, alpha = 1 only the positives'; the
    # share is still defined since neither class's total is ever 0 for gamma < inf.
    positive_share = {key: pos / (pos + neg) for key, (pos, neg) in totals.items()}

    state = {
        "p_t": p_t,
        "ce": ce,
        "ce_grad": ce_grad,
        "focal": focal,
        "focal_grad": focal_grad,
        "focal_positive": focal_positive,
        "focal_positive_grad": focal_positive_grad,
        "focal_negative": focal_negative,
        "focal_negative_grad": focal_negative_grad,
        "easy_weight": float(easy_weight),
        "hard_weight": float(hard_weight),
        "easy_to_hard": easy_to_hard,
        "ce_easy_to_hard": ce_easy_to_hard,
        "n_positive": int(BATCH_POSITIVE_P_T.size),
        "n_negative": int(BATCH_NEGATIVE_P_T.size),
        "positive_total": positive_total,
        "negative_total": negative_total,
        "positive_share": positive_share,
        "gamma": gamma,
        "alpha": alpha,
    }
    state["message"] = _message(state)
    return state


def _ratio_text(ratio):
    # Below 1% a learner reads "1/1,800" more easily than "0.00056" or "5.6e-04".
    text = f"{ratio:.2g}×"
    if 0 < ratio < 0.01:
        text = _("{ratio} (about 1/{inverse})").format(
            ratio=text, inverse=f"{float(f'{1 / ratio:.2g}'):,.0f}")
    return text


def _message(state):
    gamma, alpha = state["gamma"], state["alpha"]
    share = state["positive_share"]
    if gamma == 0:
        per_example = _(
            "With γ = 0 the focusing term (1 − p_t)^γ is 1: focal loss is cross-entropy "
            "(times α for objects, 1 − α for background), and an easy example (p_t = 0.9) "
            "counts {ratio} as much as a hard one (p_t = 0.1)."
        ).format(ratio=_ratio_text(state["ce_easy_to_hard"]))
    else:
        per_example = _(
            "With γ = {gamma} an easy example (p_t = {easy}) counts {ratio} as much as a "
            "hard one (p_t = {hard}), against {ce_ratio} under cross-entropy. No loss goes "
            "up: the easy example keeps {easy_weight} of its cross-entropy, the hard one "
            "{hard_weight}."
        ).format(gamma=f"{gamma:g}", easy=f"{EASY_P_T:g}", hard=f"{HARD_P_T:g}",
                 ratio=_ratio_text(state["easy_to_hard"]),
                 ce_ratio=_ratio_text(state["ce_easy_to_hard"]),
                 easy_weight=_percent_text(state["easy_weight"]),
                 hard_weight=_percent_text(state["hard_weight"]))
    sentences = [per_example, _(
        "In the batch, {objects} objects carry {ce_share} of the cross-entropy of all "
        "{boxes} boxes, {focal_share} of the focal loss with γ = {gamma}, and "
        "{alpha_share} with α = {alpha} as well."
    ).format(objects=state["n_positive"], ce_share=_percent_text(share["ce"]),
             boxes=f"{state['n_positive'] + state['n_negative']:,}",
             focal_share=_percent_text(share["focal"]), gamma=f"{gamma:g}",
             alpha_share=_percent_text(share["focal_alpha"]), alpha=f"{alpha:g}")]
    # Each sentence below is said only when this batch's numbers bear it out.
    if gamma > 0 and share["ce"] < 0.5 < share["focal"]:
        sentences.append(_(
            "γ alone turns the balance from the background to the few objects, which is "
            "why Lin et al. give the rare foreground the smaller weight at γ = 2 (best α "
            "0.25; at γ = 0 it was 0.75)."
        ))
    if alpha == 0.5:
        sentences.append(_("α = 0.5 weights both classes alike: the split is the one "
                           "without α."))
    elif alpha == 0:
        sentences.append(_("α = 0 ignores the objects altogether."))
    elif alpha == 1:
        sentences.append(_("α = 1 ignores the background altogether."))
    else:
        closer = abs(share["focal_alpha"] - 0.5) < abs(share["focal"] - 0.5)
        if alpha < 0.5 and closer:
            sentence = _("α = {alpha} down-weights the objects, moving the split closer "
                         "to even.")
        elif alpha < 0.5:
            sentence = _("α = {alpha} down-weights the objects, moving the split further "
                         "from even.")
        elif closer:
            sentence = _("α = {alpha} up-weights the objects, moving the split closer to "
                         "even.")
        else:
            sentence = _("α = {alpha} up-weights the objects, moving the split further "
                         "from even.")
        sentences.append(sentence.format(alpha=f"{alpha:g}"))
    return " ".join(sentences)


def _percent_label(share):
    return _percent_text(share) if share >= 0.0005 else "0%"


def focal_loss_figure(state):
    r"""Loss, gradient and the class balance of a batch: focal loss next to cross-entropy.

    Draws a :func:`focal_loss_state` result: the static counterpart of
    :func:`focal_loss_explorer`. Three panels:

    1. the loss of one example against :math:`p_t`: cross-entropy, and focal loss for a
       positive (weighted by α) and a negative (weighted by 1 − α), with the easy
       (:math:`p_t = 0.9`) and hard (:math:`p_t = 0.1`) examples marked;
    2. :math:`|\partial\,\mathrm{loss} / \partial x|`, the gradient each sends back;
    3. the share of the batch's total loss carried by its 10 positives and its 1,000
       negatives, under cross-entropy, focal loss (γ) and focal loss (γ and α).

    Returns
    -------
    matplotlib.figure.Figure
    """
    return FocalLossFigure(state).figure


# The panels' places in inches (left, bottom, width, height): fixed, so the sliders move
# curves and bars, not axes, and no layout engine runs per move.
_FOCAL_FIGSIZE = (13.6, 4.1)
_FOCAL_BOXES = ((0.57, 0.84, 3.43, 2.8), (4.74, 0.84, 3.43, 2.8), (9.4, 0.84, 3.9, 2.8))
_MARKED_P_T = np.array([HARD_P_T, EASY_P_T])


def _curve_panels(state):
    """For the loss and the gradient panel: (cross-entropy, object, background) curves,
    as sizes (the gradient's sign is not the point)."""
    return [[np.abs(state[key]) for key in keys] for keys in (
        ("ce", "focal_positive", "focal_negative"),
        ("ce_grad", "focal_positive_grad", "focal_negative_grad"))]


def _share_rows(state):
    gamma, alpha = state["gamma"], state["alpha"]
    return (("ce", "cross-entropy"), ("focal", f"focal, γ = {gamma:g}"),
            ("focal_alpha", f"focal, γ = {gamma:g},\nα = {alpha:g}"))


def _legend_labels(state):
    alpha = state["alpha"]
    return ("cross-entropy", f"focal, object (weight α = {alpha:g})",
            f"focal, background (weight 1 − α = {1 - alpha:g})", "objects' share",
            "background's share")


class FocalLossFigure(LayeredLiveFigure):
    """:func:`focal_loss_figure` as a :class:`~lecturelib.explorers._shell.LiveFigure`.

    Axes, the marks of the easy and hard examples and the titles are drawn once. A new
    state moves the six curves and their marked points, and the focal-loss rows of the
    class balance: bars, percentages and names (which give γ and α); the cross-entropy
    row stays. The legend names α: it is the figure's layer, drawn again only when α
    changes.
    """

    def looks(self):
        return [tuple(text.get_text() for text in self.legend.texts)]

    def draw(self, state):
        import matplotlib.pyplot as plt
        from matplotlib import rcParams
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch
        from matplotlib.transforms import offset_copy

        fig = plt.figure(figsize=_FOCAL_FIGSIZE, dpi=FIGURE_DPI)
        ax_loss, ax_grad, ax_share = (_axes(fig, _FOCAL_FIGSIZE, box) for box in _FOCAL_BOXES)
        self.ax_share = ax_share
        panels = ((ax_loss, "loss", "Loss of one example"),
                  (ax_grad, "|∂ loss / ∂ logit|", "Gradient sent back to the model"))
        self.curves, self.marks = [], []
        for ax, ylabel, title in panels:
            # Background drawn thinner on top of objects, so at alpha = 0.5, where the two
            # coincide, both stay visible; cross-entropy dashed on top of both. (Drawn in
            # that order; the curves come in the order cross-entropy, object, background.)
            styled = ((_POSITIVE_COLOUR, 2.8, "-"), (_NEGATIVE_COLOUR, 1.6, "-"),
                      (_CE_COLOUR, 1.8, "--"))
            curves, marks = [], []
            for colour, width, style in styled:
                curves.append(ax.plot([], [], color=colour, linewidth=width,
                                      linestyle=style)[0])
                marks.append(ax.plot([], [], linestyle="none", marker="o", markersize=5,
                                     color=colour, zorder=5)[0])
            # Kept in the order of _curve_panels: cross-entropy, object, background.
            self.curves.append([curves[2], curves[0], curves[1]])
            self.marks.append([marks[2], marks[0], marks[1]])
            for value in _MARKED_P_T:
                ax.axvline(value, color="0.75", linewidth=1, zorder=0)
            ax.set_xlim(0, 1)
            ax.set_xlabel("probability of the true class, $p_t$")
            ax.set_ylabel(ylabel)
            ax.set_title(title)
            ax.grid(alpha=0.3)
            # Name the two marked examples on a top axis, clear of every curve.
            top = ax.secondary_xaxis("top")
            top.set_xticks(_MARKED_P_T, labels=["hard", "easy"])
            top.tick_params(length=0, colors="0.3")
        ax_loss.set_ylim(0, _LOSS_YMAX)
        ax_grad.set_ylim(0, _GRAD_YMAX)

        rows = np.arange(3)[::-1]
        self.share_bars, self.share_texts = [], []
        text = {"va": "center", "color": "white", "fontweight": "bold"}
        for row in rows:
            self.share_bars.append((
                ax_share.barh(row, 0.5, color=_POSITIVE_COLOUR, height=0.6)[0],
                ax_share.barh(row, 0.5, left=0.5, color=_NEGATIVE_COLOUR, height=0.6)[0]))
            # Each class's percentage at its own end of the bar: the two never collide,
            # even when one class's part is a sliver.
            self.share_texts.append((ax_share.text(0.015, row, "", ha="left", **text),
                                     ax_share.text(0.985, row, "", ha="right", **text)))
        self.even = ax_share.axvline(0.5, color="0.2", linewidth=1, linestyle=":")
        # Row names are texts where tick labels would be (they name γ and α, so they
        # change): three texts cost less to draw again than the axis that holds them.
        ax_share.set_yticks(rows, labels=[""] * len(rows))
        left_of_axis = offset_copy(ax_share.get_yaxis_transform(), fig=fig, units="points",
                                   x=-rcParams["ytick.major.pad"])
        colour = rcParams["ytick.labelcolor"]
        self.row_labels = [
            ax_share.text(0, row, "", transform=left_of_axis, ha="right",
                          va="center_baseline", fontsize=rcParams["ytick.labelsize"],
                          color=rcParams["ytick.color"] if colour == "inherit" else colour)
            for row in rows]
        ax_share.set_xlim(0, 1)
        ax_share.set_ylim(-0.6, len(rows) - 0.4)
        ax_share.set_xticks([0, 0.25, 0.5, 0.75, 1], labels=["0", "25%", "50%", "75%", "100%"])
        ax_share.set_xlabel(f"share of the batch's total loss ({state['n_positive']} objects, "
                            f"{state['n_negative']:,} background)")
        ax_share.set_title("Which class the batch's loss comes from")
        ax_share.tick_params(axis="y", length=0)
        for side in ("top", "right", "left"):
            ax_share.spines[side].set_visible(False)

        labels = _legend_labels(state)
        handles = [
            Line2D([], [], color=_CE_COLOUR, linewidth=1.8, linestyle="--", label=labels[0]),
            Line2D([], [], color=_POSITIVE_COLOUR, linewidth=2.6, label=labels[1]),
            Line2D([], [], color=_NEGATIVE_COLOUR, linewidth=1.8, label=labels[2]),
            Patch(color=_POSITIVE_COLOUR, label=labels[3]),
            Patch(color=_NEGATIVE_COLOUR, label=labels[4]),
        ]
        self.legend = fig.legend(handles=handles, loc="lower center",
                                 bbox_to_anchor=(0.5, 0.0), ncol=5, frameon=False)
        self.update(state)
        # In the order the figure stacks them: curves, then their marks; bars, the line
        # at 50%, their texts and the row names. The cross-entropy row never changes.
        self.animated = [*(c for panel in self.curves for c in (panel[1], panel[2], panel[0])),
                         *(m for panel in self.marks for m in (panel[1], panel[2], panel[0])),
                         *(bar for pair in self.share_bars[1:] for bar in pair), self.even,
                         *(t for pair in self.share_texts[1:] for t in pair),
                         *self.row_labels[1:]]
        self.layers = [[self.legend]]
        return fig

    def update(self, state):
        p_t = state["p_t"]
        for lines, marks, curves in zip(self.curves, self.marks, _curve_panels(state)):
            for line, mark, curve in zip(lines, marks, curves):
                line.set_data(p_t, curve)
                mark.set_data(_MARKED_P_T, np.interp(_MARKED_P_T, p_t, curve))
        rows = _share_rows(state)
        for (positive, negative), (left, right), (key, _unused) in zip(
                self.share_bars, self.share_texts, rows):
            share = state["positive_share"][key]
            positive.set_width(share)
            negative.set_x(share)
            negative.set_width(1 - share)
            left.set_text(_percent_label(share))
            right.set_text(_percent_label(1 - share))
        for text, (_unused, label) in zip(self.row_labels, rows):
            text.set_text(label)
        for text, label in zip(self.legend.texts, _legend_labels(state)):
            text.set_text(label)


def focal_loss_explorer(*, gamma=2.0, alpha=0.25):
    """Sliders for γ and α, redrawing the loss and gradient curves and the class balance.

    Each move runs :func:`focal_loss_state`, whose ``message`` is the line between the
    sliders and the figure, and updates the figure of :func:`focal_loss_figure` in place,
    following a dragged slider. Both sliders are always active: α = 0.5 weights objects
    and background alike.

    Parameters
    ----------
    gamma : float in [0, 5], default 2.0
        Starting value of the γ slider.
    alpha : float in [0, 1], default 0.25
        Starting value of the α slider (the weight of the positive class).

    Returns
    -------
    ipywidgets.VBox
        Controls, the message and the figure. Its attributes ``controls`` (dict of the
        ``gamma`` and ``alpha`` sliders), ``status`` (the message), ``image``, ``live``
        and ``flush`` give access to the parts.
    """
    import ipywidgets as widgets

    gamma = _check_real(_check_gamma(gamma), "gamma", minimum=0, maximum=5)
    alpha = _check_alpha(alpha)

    style = {"description_width": "initial"}
    # Fixed widths: with long descriptions and "initial" label widths the tracks would
    # otherwise shrink to whatever the row leaves over, too short to drag.
    gamma_slider = widgets.FloatSlider(value=gamma, min=0.0, max=5.0, step=0.1,
                                       description=_("γ (focusing)"), style=style,
                                       layout=widgets.Layout(width="420px"),
                                       readout_format=".1f")
    alpha_slider = widgets.FloatSlider(value=alpha, min=0.0, max=1.0, step=0.05,
                                       description=_("α (weight of objects)"), style=style,
                                       layout=widgets.Layout(width="420px"),
                                       readout_format=".2f")

    def state_of(gamma, alpha):
        return focal_loss_state(gamma, alpha)

    live = FocalLossFigure(state_of(gamma, alpha))
    _detached(live.figure)
    controls = {"gamma": gamma_slider, "alpha": alpha_slider}
    # The kernel-free version needs both: γ reshapes the curves and turns the balance,
    # and α tilts it back. γ in whole steps; α at 0.25 (the paper's best with γ = 2), 0.5
    # (both classes alike), 0.75 (the paper's best with γ = 0) and 1 (where a hard
    # object's gradient outgrows cross-entropy's). 24 frames of about 33 kB keep it
    # within the 1.5 MB an explorer may take.
    return _explorer_box(widgets.HBox([gamma_slider, alpha_slider]), controls, state_of, live,
                         frames={"gamma": grid_values(gamma_slider, 6),
                                 "alpha": sorted({0.25, 0.5, 0.75, 1.0, alpha})})

"""Entropy, cross-entropy and KL divergence of a three-class prediction (notebook 02).

:func:`cross_entropy_explorer` has three sliders for the model's scores (logits) for
the lecture's classes None / Offensive / Hate and a menu for the target. Softmax turns
the scores into a predicted distribution q, and the figure shows q next to the target
p, and how the cross-entropy splits into the target's entropy and the KL divergence:
H(p, q) = H(p) + D_KL(p ‖ q).
"""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import as_float_array, check_distribution
from ..i18n import gettext as _
from ..information import cross_entropy, entropy, kl_divergence
from ..plots import FIGURE_DPI, _check_real
from ._frames import grid_values
from ._shell import LayeredLiveFigure, _axes, _detached, _explorer_box

__all__ = [
    "cross_entropy_state",
    "cross_entropy_figure",
    "cross_entropy_explorer",
]

#: The three classes of the Visual Intelligence deck: a post is None, Offensive or Hate.
CLASSES = ("None", "Offensive", "Hate")
#: The lecture's worked example: the model predicts (0.1, 0.7, 0.2). Logits are only
#: defined up to a common constant; log-probabilities are one valid choice.
DEFAULT_LOGITS = tuple(float(v) for v in np.log([0.1, 0.7, 0.2]))
#: The lecture's class shares (80:10:10), offered as a soft target.
CLASS_SHARES = (0.8, 0.1, 0.1)
# Scores this far apart already give the rarest class a probability of e^-50 ~ 2e-22;
# beyond a few hundred, softmax underflows to exactly 0 and the loss to inf.
_MAX_LOGIT_SPREAD = 50.0
SLIDER_RANGE = (-5.0, 5.0)

_TARGET_COLOUR = "0.55"
_PREDICTION_COLOUR = "tab:blue"
_ENTROPY_COLOUR = "0.55"
_KL_COLOUR = "tab:orange"


def _softmax(logits):
    shifted = logits - logits.max()  # the largest exp is 1: nothing overflows
    exp = np.exp(shifted)
    return exp / exp.sum()


def _check_logits(logits):
    logits = as_float_array(logits, "logits", ndim=1)
    if logits.shape != (len(CLASSES),):
        raise ValueError(
            f"`logits` must hold {len(CLASSES)} scores, one each for {', '.join(CLASSES)}; "
            f"got {logits.size}."
        )
    if np.ptp(logits) > _MAX_LOGIT_SPREAD:
        raise ValueError(
            f"`logits` differ by {np.ptp(logits):.3g}; keep them within "
            f"{_MAX_LOGIT_SPREAD:g} of each other (softmax would give a class a probability "
            "below 1e-21)."
        )
    return logits


def _check_target(target):
    """A class name (one-hot) or a distribution over the classes, as (p, label, index)."""
    if isinstance(target, str):
        if target not in CLASSES:
            raise ValueError(
                f"`target` must be one of {CLASSES} (a one-hot target) or a distribution "
                f"over them such as {CLASS_SHARES}; got {target!r}."
            )
        index = CLASSES.index(target)
        return np.eye(len(CLASSES))[index], target, index
    if isinstance(target, (numbers.Number, bool)):
        raise ValueError(
            f"`target` must be a class name from {CLASSES} or a distribution over them "
            f"such as {CLASS_SHARES}; got {target!r}."
        )
    p = check_distribution(target, "target")
    if p.shape != (len(CLASSES),):
        raise ValueError(
            f"`target` must hold {len(CLASSES)} probabilities, one each for "
            f"{', '.join(CLASSES)}; got shape {p.shape}."
        )
    # A distribution that happens to be one-hot is treated as the class it names.
    if np.count_nonzero(p) == 1:
        index = int(np.argmax(p))
        return np.eye(len(CLASSES))[index], CLASSES[index], index
    return p, _distribution_text(p), None


def _probability_text(value):
    # Three decimals, unless that would blur a small probability (0.00089 -> "0.001").
    return f"{value:.3f}" if value >= 0.01 else f"{value:.2g}"


def _distribution_text(p):
    return "(" + ", ".join(f"{v:.3g}" for v in p) + ")"


def cross_entropy_state(logits=DEFAULT_LOGITS, target="Offensive"):
    r"""Entropy of the target, cross-entropy and KL divergence of a softmax prediction.

    The model's scores :math:`z` become the predicted distribution
    :math:`q = \mathrm{softmax}(z)`, :math:`q_i = e^{z_i} / \sum_j e^{z_j}`. For the
    target distribution :math:`p` (in nats),

    .. math::
        H(p) = -\sum_i p_i \log p_i, \qquad
        H(p, q) = -\sum_i p_i \log q_i = H(p) + D_{KL}(p \,\|\, q), \qquad
        D_{KL}(p \,\|\, q) = \sum_i p_i \log \frac{p_i}{q_i}.

    For a one-hot target on class :math:`t`, :math:`H(p) = 0` and the cross-entropy is
    :math:`-\log q_t`, the classification loss. The numbers come from
    :func:`lecturelib.information.entropy`, :func:`~lecturelib.information.cross_entropy`
    and :func:`~lecturelib.information.kl_divergence`.

    Parameters
    ----------
    logits : array-like of 3 floats, default log(0.1, 0.7, 0.2)
        The model's scores for None, Offensive and Hate (any finite values within 50 of
        each other; adding the same number to all three changes nothing). The default is
        the lecture's prediction (0.1, 0.7, 0.2).
    target : str or array-like of 3 floats, default "Offensive"
        A class name from ``CLASSES`` for a one-hot target, or a distribution over the
        classes such as the class shares ``(0.8, 0.1, 0.1)``.

    Returns
    -------
    dict
        ``classes`` : tuple of str
            ``("None", "Offensive", "Hate")``.
        ``logits``, ``q``, ``p`` : ndarray of shape (3,)
            The scores, the predicted distribution (softmax) and the target.
        ``target`` : str
            The true class's name for a one-hot target, else the distribution as text.
        ``target_index`` : int or None
            The true class's index for a one-hot target, else ``None``.
        ``surprisal`` : ndarray of shape (3,)
            :math:`-\log q_i`, each class's information content under the prediction.
        ``entropy``, ``cross_entropy``, ``kl_divergence`` : float
            :math:`H(p)`, :math:`H(p, q)` and :math:`D_{KL}(p \| q)` in nats.
        ``message`` : str
            One or two plain sentences with these numbers, as the explorer shows them.

    Examples
    --------
    The lecture's worked example:

    >>> state = cross_entropy_state()
    >>> state["q"].round(3).tolist(), round(state["cross_entropy"], 3)
    ([0.1, 0.7, 0.2], 0.357)
    >>> state["message"]
    'Target Offensive (one-hot): H(p) = 0, so cross-entropy = KL = −ln q(Offensive) = −ln 0.700 = 0.357 nats.'

    References
    ----------
    C. E. Shannon, "A Mathematical Theory of Communication", Bell System Technical
    Journal 27 (1948). T. M. Cover and J. A. Thomas, *Elements of Information Theory*,
    2nd ed., ch. 2.
    """
    logits = _check_logits(logits)
    p, label, index = _check_target(target)
    q = _softmax(logits)
    # -log q from log-softmax rather than log(q): exact even where q rounds to tiny values.
    surprisal = np.log(np.exp(logits - logits.max()).sum()) - (logits - logits.max())
    h_p = float(entropy(p))
    h_pq = float(cross_entropy(p, q))
    kl = float(kl_divergence(p, q))

    if index is not None:
        message = _(
            "Target {target} (one-hot): H(p) = 0, so cross-entropy = KL = −ln q({target}) = "
            "−ln {q} = {cross_entropy} nats."
        ).format(target=label, q=_probability_text(q[index]), cross_entropy=f"{h_pq:.3f}")
    else:
        message = _(
            "Target {target}: H(p) = {entropy} nats, and cross-entropy H(p, q) = "
            "H(p) + KL = {entropy} + {kl} = {cross_entropy} nats. Only q = p would bring it "
            "down to H(p), the least it can be."
        ).format(target=label, entropy=f"{h_p:.3f}", kl=f"{kl:.3f}",
                 cross_entropy=f"{h_pq:.3f}")
    return {
        "classes": CLASSES,
        "logits": logits,
        "q": q,
        "p": p,
        "target": label,
        "target_index": index,
        "surprisal": surprisal,
        "entropy": h_p,
        "cross_entropy": h_pq,
        "kl_divergence": kl,
        "message": message,
    }


def _axis_top(value):
    # A few fixed heights rather than autoscaling, so the bars move while the axis stays
    # put, and ln 3 (a uniform guess) is always in view.
    for top in (2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0, 32.0, 48.0, 64.0):
        if value * 1.2 <= top:
            return top
    return value * 1.2


# The panels' places in inches (left, bottom, width, height) and the legend's row: fixed,
# so a new state moves bars and texts, not axes, and no layout engine runs per move.
_CE_FIGSIZE = (11.0, 4.0)
_CE_DIST_BOX = (0.6, 0.85, 4.9, 2.9)
_CE_INFO_BOX = (6.2, 0.85, 3.9, 2.9)
_BAR_WIDTH = 0.38


def cross_entropy_figure(state):
    r"""Target and prediction side by side, and H(p, q) = H(p) + KL as stacked bars.

    Draws a :func:`cross_entropy_state` result: the static counterpart of
    :func:`cross_entropy_explorer`. Left: the target :math:`p` and the prediction
    :math:`q = \mathrm{softmax}(z)` as grouped bars with their values (the true class of
    a one-hot target is marked). Right, in nats: :math:`H(p)`,
    :math:`D_{KL}(p \| q)`, and :math:`H(p, q)` stacked from the two; for a one-hot
    target the last bar is also labelled :math:`-\ln q_t`. A dotted line marks
    :math:`\ln 3`, what a uniform prediction costs on a one-hot target.

    Returns
    -------
    matplotlib.figure.Figure
    """
    return CrossEntropyFigure(state).figure


class CrossEntropyFigure(LayeredLiveFigure):
    """:func:`cross_entropy_figure` as a :class:`~lecturelib.explorers._shell.LiveFigure`.

    Axes, legend and the fixed labels are drawn once. A new state changes the bars of
    p and q and their values, the class labels under them (scores, the true class in
    bold), the shading of the true class and the left title; on the right, the three
    bars, their values and the ln 3 line. What changes only now and then is in two
    layers, each drawn again only when it changes: the target's bars, values, shading
    and the title (they follow the target alone), and the right panel's y axis with its
    grid and the ln 3 label (they grow in a few fixed steps with the cross-entropy).
    """

    def looks(self):
        return self.title.get_text(), self.ax_info.get_ylim()

    def draw(self, state):
        import matplotlib.pyplot as plt
        from matplotlib import rcParams
        from matplotlib.transforms import offset_copy

        fig = plt.figure(figsize=_CE_FIGSIZE, dpi=FIGURE_DPI)
        ax_dist = _axes(fig, _CE_FIGSIZE, _CE_DIST_BOX)
        ax_info = _axes(fig, _CE_FIGSIZE, _CE_INFO_BOX)
        classes = state["classes"]
        x = np.arange(len(classes))

        # The grid behind the bars, so bars drawn over a kept background look the same.
        ax_dist.set_axisbelow(True)
        self.span = ax_dist.axvspan(-0.5, 0.5, color="0.93", zorder=0)
        self.bars_p = list(ax_dist.bar(x - _BAR_WIDTH / 2, state["p"], _BAR_WIDTH,
                                       color=_TARGET_COLOUR, label="target $p$"))
        self.bars_q = list(ax_dist.bar(x + _BAR_WIDTH / 2, state["q"], _BAR_WIDTH,
                                       color=_PREDICTION_COLOUR,
                                       label="prediction $q$ = softmax(scores)"))
        # Values as bar_label writes them: 2 points above each bar.
        self.bar_values = [
            ax_dist.annotate("", (bar.get_x() + bar.get_width() / 2, 0), xytext=(0, 2),
                             textcoords="offset points", ha="center", va="bottom", fontsize=9)
            for bar in self.bars_p + self.bars_q]
        # The class labels are texts where tick labels would be (tick marks stay): each
        # names a score that changes and the true class in bold.
        ax_dist.set_xticks(x, labels=[""] * len(x))
        below = offset_copy(ax_dist.get_xaxis_transform(), fig=fig, units="points",
                            y=-(rcParams["xtick.major.size"] + rcParams["xtick.major.pad"]))
        colour = rcParams["xtick.labelcolor"]
        self.class_labels = [
            ax_dist.text(i, 0, "", transform=below, ha="center", va="top",
                         fontsize=rcParams["xtick.labelsize"],
                         color=rcParams["xtick.color"] if colour == "inherit" else colour)
            for i in x]
        ax_dist.set_xlim(-0.5 - 0.1, len(x) - 0.5 + 0.1)
        ax_dist.set_ylim(0, 1.1)
        ax_dist.set_yticks(np.linspace(0, 1, 6))
        ax_dist.set_ylabel("probability")
        ax_dist.set_title(" ")
        self.title = ax_dist.title
        ax_dist.grid(axis="y", alpha=0.3)

        ax_info.set_axisbelow(True)
        positions = np.arange(3)
        bar_h = ax_info.bar(positions[0], 0, 0.6, color=_ENTROPY_COLOUR,
                            label="entropy of the target, $H(p)$")[0]
        bar_kl = ax_info.bar(positions[1], 0, 0.6, color=_KL_COLOUR,
                             label=r"extra cost of predicting $q$, "
                                   r"$D_{\mathrm{KL}}(p\,\|\,q)$")[0]
        stack_h = ax_info.bar(positions[2], 0, 0.6, color=_ENTROPY_COLOUR)[0]
        stack_kl = ax_info.bar(positions[2], 0, 0.6, color=_KL_COLOUR)[0]
        self.info_bars = [bar_h, bar_kl, stack_h, stack_kl]
        self.info_values = [ax_info.text(position, 0, "", ha="center", va="bottom")
                            for position in positions]
        # ln 3 is what the uniform prediction (1/3, 1/3, 1/3) costs, whatever the target.
        uniform = np.log(len(classes))
        self.uniform = ax_info.axhline(uniform, color="0.3", linestyle=":", linewidth=1.2)
        self.right = ax_info.secondary_yaxis("right")
        self.right.set_yticks([uniform], labels=[f"ln 3 = {uniform:.3f}\n(uniform q)"])
        self.right.tick_params(length=0, colors="0.3", labelsize=9)
        ax_info.set_xticks(positions, labels=["entropy\n$H(p)$",
                                              "KL divergence\n$D_{\\mathrm{KL}}(p\\,\\|\\,q)$",
                                              "cross-entropy\n$H(p, q)$"])
        ax_info.set_xlim(-0.55, 2.55)
        ax_info.set_ylabel("nats")
        ax_info.set_title(r"$H(p, q) = H(p) + D_{\mathrm{KL}}(p\,\|\,q)$")
        ax_info.grid(axis="y", alpha=0.3)
        self.ax_info = ax_info

        handles = (ax_dist.get_legend_handles_labels()[0]
                   + ax_info.get_legend_handles_labels()[0])
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=4,
                   frameon=False)
        self.update(state)
        # In the order the figure stacks them: shading, bars, lines, the frame (drawn
        # again over the shading and the bars, which reach it), texts. What follows the
        # target alone (its shading, bars, values and the title) is in the layer.
        self.animated = [*self.bars_q, *ax_dist.spines.values(), *self.bar_values[3:],
                         *self.class_labels, *self.info_bars, self.uniform,
                         *ax_info.spines.values(), *self.info_values]
        self.layers = [[self.span, *self.bars_p, *self.bar_values[:3], self.title],
                       [ax_info.yaxis, self.right]]
        return fig

    def update(self, state):
        classes, index = state["classes"], state["target_index"]
        self.span.set_x(-0.5 if index is None else index - 0.5)
        self.span.set_visible(index is not None)
        for bars, values, texts in ((self.bars_p, state["p"], self.bar_values[:3]),
                                    (self.bars_q, state["q"], self.bar_values[3:])):
            for bar, value, text in zip(bars, values, texts):
                bar.set_height(value)
                text.xy = (text.xy[0], value)
                text.set_text(f"{value:.2f}")
        for i, (text, name, z) in enumerate(zip(self.class_labels, classes, state["logits"])):
            text.set_text(f"{name}\nscore {z:+.2f}")
            text.set_fontweight("bold" if i == index else "normal")
        kind = " (one-hot)" if index is not None else ""
        self.title.set_text(f"Target {state['target']}{kind} and prediction")

        h_p, kl, h_pq = state["entropy"], state["kl_divergence"], state["cross_entropy"]
        bar_h, bar_kl, stack_h, stack_kl = self.info_bars
        bar_h.set_height(h_p)
        bar_kl.set_height(kl)
        stack_h.set_height(h_p)
        stack_kl.set_y(h_p)
        stack_kl.set_height(kl)
        top = _axis_top(h_pq)
        self.ax_info.set_ylim(0, top)
        pad = 0.02 * top
        total = f"{h_p:.3f} + {kl:.3f}\n= {h_pq:.3f}"
        if index is not None:
            total = f"$-\\ln q$({classes[index]})\n= {h_pq:.3f}"
        for text, height, label in zip(self.info_values, (h_p, kl, h_pq),
                                       (f"{h_p:.3f}", f"{kl:.3f}", total)):
            text.set_y(height + pad)
            text.set_text(label)


def cross_entropy_explorer(*, logits=DEFAULT_LOGITS, target="Offensive"):
    """Sliders for the three scores and a target menu, redrawing q, H(p), H(p, q) and KL.

    Each move runs :func:`cross_entropy_state`, whose ``message`` is the line between the
    controls and the figure, and updates the figure of :func:`cross_entropy_figure` in
    place, following a dragged slider.

    Parameters
    ----------
    logits : array-like of 3 floats in [-5, 5], default log(0.1, 0.7, 0.2)
        Starting scores for None, Offensive and Hate (the default is the lecture's
        prediction (0.1, 0.7, 0.2)).
    target : str or array-like of 3 floats, default "Offensive"
        Starting target: a class name (one-hot) or a distribution. The menu offers each
        one-hot target and the class shares (0.8, 0.1, 0.1); any other distribution
        given here is added to it.

    Returns
    -------
    ipywidgets.VBox
        Controls, the message and the figure. Its attributes ``controls`` (dict of the
        ``none``, ``offensive`` and ``hate`` score sliders and the ``target`` menu),
        ``status`` (the message), ``image``, ``live`` and ``flush`` give access to the
        parts.
    """
    import ipywidgets as widgets

    logits = _check_logits(logits)
    for value in logits:
        _check_real(float(value), "logits", minimum=SLIDER_RANGE[0], maximum=SLIDER_RANGE[1])
    p, label, index = _check_target(target)

    options = [(f"{name} (one-hot)", name) for name in CLASSES]
    options.append((f"class shares {CLASS_SHARES}", CLASS_SHARES))
    if index is not None:
        value = CLASSES[index]
    else:
        value = tuple(float(v) for v in p)
        if not np.allclose(value, CLASS_SHARES):
            options.append((f"soft {label}", value))
        else:
            value = CLASS_SHARES

    style = {"description_width": "initial"}
    # Keys are lower-case class names: they become keyword arguments of state_of().
    sliders = {
        name.lower(): widgets.FloatSlider(value=float(z), min=SLIDER_RANGE[0],
                                          max=SLIDER_RANGE[1], step=0.05,
                                          description=_("score {name}").format(name=name), style=style,
                                          readout_format=".2f")
        for name, z in zip(CLASSES, logits)
    }
    menu = widgets.Dropdown(options=options, value=value, description=_("target"),
                            style=style)

    def state_of(target, **scores):
        return cross_entropy_state([scores[name.lower()] for name in CLASSES], target)

    controls = {**sliders, "target": menu}
    live = CrossEntropyFigure(state_of(**{name: c.value for name, c in controls.items()}))
    _detached(live.figure)
    row = widgets.VBox([widgets.HBox(list(sliders.values())), menu])
    # The kernel-free version slides the score of the starting target's true class (the
    # lecture's Offensive): the loss is −ln q of that class, falling towards 0 and never
    # below as the score rises, and growing without bound as it falls. For a soft
    # starting target, the first score.
    main = CLASSES[index].lower() if index is not None else CLASSES[0].lower()
    return _explorer_box(row, controls, state_of, live,
                         frames={main: grid_values(sliders[main], 41)})

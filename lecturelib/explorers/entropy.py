"""Entropy, cross-entropy and KL divergence of a three-class prediction (notebook 02).

:func:`cross_entropy_explorer` has three sliders for the model's scores (logits) for
the lecture's classes None / Offensive / Hate and a menu for the target. Softmax turns
the scores into a predicted distribution q, and the figure shows q next to the target
p, and how the cross-entropy splits into the target's entropy and the KL divergence:
H(p, q) = H(p) + D_KL(p ‖ q).
"""

from __future__ import annotations

import html
import numbers

import numpy as np

from .._validation import as_float_array, check_distribution
from ..i18n import gettext as _
from ..information import cross_entropy, entropy, kl_divergence
from ..plots import FIGURE_DPI, _check_real
from ._shell import _explorer_box, _show

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
    import matplotlib.pyplot as plt

    classes, p, q = state["classes"], state["p"], state["q"]
    index = state["target_index"]
    fig, (ax_dist, ax_info) = plt.subplots(1, 2, figsize=(11.0, 4.0), dpi=FIGURE_DPI,
                                           layout="constrained",
                                           gridspec_kw={"width_ratios": [1.25, 1]})

    x = np.arange(len(classes))
    width = 0.38
    bars_p = ax_dist.bar(x - width / 2, p, width, color=_TARGET_COLOUR,
                         label="target $p$")
    bars_q = ax_dist.bar(x + width / 2, q, width, color=_PREDICTION_COLOUR,
                         label="prediction $q$ = softmax(scores)")
    for bars in (bars_p, bars_q):
        ax_dist.bar_label(bars, labels=[f"{v:.2f}" for v in bars.datavalues], padding=2,
                          fontsize=9)
    labels = [f"{name}\nscore {z:+.2f}" for name, z in zip(classes, state["logits"])]
    ax_dist.set_xticks(x, labels=labels)
    if index is not None:
        tick = ax_dist.get_xticklabels()[index]
        tick.set_fontweight("bold")
        ax_dist.axvspan(index - 0.5, index + 0.5, color="0.93", zorder=0)
    ax_dist.set_ylim(0, 1.1)
    ax_dist.set_yticks(np.linspace(0, 1, 6))
    ax_dist.set_ylabel("probability")
    kind = " (one-hot)" if index is not None else ""
    ax_dist.set_title(f"Target {state['target']}{kind} and prediction")
    ax_dist.grid(axis="y", alpha=0.3)

    h_p, kl, h_pq = state["entropy"], state["kl_divergence"], state["cross_entropy"]
    positions = np.arange(3)
    ax_info.bar(positions[0], h_p, 0.6, color=_ENTROPY_COLOUR,
                label="entropy of the target, $H(p)$")
    ax_info.bar(positions[1], kl, 0.6, color=_KL_COLOUR,
                label=r"extra cost of predicting $q$, $D_{\mathrm{KL}}(p\,\|\,q)$")
    ax_info.bar(positions[2], h_p, 0.6, color=_ENTROPY_COLOUR)
    ax_info.bar(positions[2], kl, 0.6, bottom=h_p, color=_KL_COLOUR)
    top = _axis_top(h_pq)
    pad = 0.02 * top
    ax_info.text(positions[0], h_p + pad, f"{h_p:.3f}", ha="center", va="bottom")
    ax_info.text(positions[1], kl + pad, f"{kl:.3f}", ha="center", va="bottom")
    total = f"{h_p:.3f} + {kl:.3f}\n= {h_pq:.3f}"
    if index is not None:
        total = f"$-\\ln q$({classes[index]})\n= {h_pq:.3f}"
    ax_info.text(positions[2], h_pq + pad, total, ha="center", va="bottom")
    # ln 3 is what the uniform prediction (1/3, 1/3, 1/3) costs, whatever the target.
    uniform = np.log(len(classes))
    ax_info.axhline(uniform, color="0.3", linestyle=":", linewidth=1.2)
    right = ax_info.secondary_yaxis("right")
    right.set_yticks([uniform], labels=[f"ln 3 = {uniform:.3f}\n(uniform q)"])
    right.tick_params(length=0, colors="0.3", labelsize=9)
    ax_info.set_xticks(positions, labels=["entropy\n$H(p)$",
                                          "KL divergence\n$D_{\\mathrm{KL}}(p\\,\\|\\,q)$",
                                          "cross-entropy\n$H(p, q)$"])
    ax_info.set_xlim(-0.55, 2.55)
    ax_info.set_ylim(0, top)
    ax_info.set_ylabel("nats")
    ax_info.set_title(r"$H(p, q) = H(p) + D_{\mathrm{KL}}(p\,\|\,q)$")
    ax_info.grid(axis="y", alpha=0.3)
    handles = (ax_dist.get_legend_handles_labels()[0]
               + ax_info.get_legend_handles_labels()[0])
    fig.legend(handles=handles, loc="outside lower center", ncol=4, frameon=False)
    return fig


def cross_entropy_explorer(*, logits=DEFAULT_LOGITS, target="Offensive"):
    """Sliders for the three scores and a target menu, redrawing q, H(p), H(p, q) and KL.

    The figure is :func:`cross_entropy_figure`; the line between the controls and the
    figure is the ``message`` of :func:`cross_entropy_state`.

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
        ``status`` (the message) and ``output`` give access to the parts.
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
    # Keys are lower-case class names: they become keyword arguments of draw().
    sliders = {
        name.lower(): widgets.FloatSlider(value=float(z), min=SLIDER_RANGE[0], max=SLIDER_RANGE[1],
                                  step=0.05, description=f"score {name}", style=style,
                                  continuous_update=False, readout_format=".2f")
        for name, z in zip(CLASSES, logits)
    }
    menu = widgets.Dropdown(options=options, value=value, description="target",
                            style=style)
    status = widgets.HTML(value="")

    def draw(target, **scores):
        state = cross_entropy_state([scores[name.lower()] for name in CLASSES], target)
        status.value = html.escape(state["message"])
        _show(cross_entropy_figure(state))

    controls = {**sliders, "target": menu}
    row = widgets.VBox([widgets.HBox(list(sliders.values())), menu])
    return _explorer_box(row, status, draw, controls)

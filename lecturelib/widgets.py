"""Interactive explorers: sliders wired to a pure update function and a figure.

Each explorer has three layers, so the maths is tested without a browser and the figure
can be shown without a kernel:

1. a pure update function (:func:`focal_loss_state`, :func:`gradient_descent_path`)
   that turns slider values into numbers and a message;
2. a drawing function (:func:`focal_loss_figure`, :func:`gradient_descent_figure`) that
   turns those numbers into a figure, which notebooks also call directly for the static
   counterpart of the widget (it reads on GitHub and in slides);
3. a thin widget shell (:func:`focal_loss_explorer`, :func:`learning_rate_explorer`)
   whose callback only calls 1 and 2.

The shells use core ipywidgets only (sliders, a checkbox, ``HTML``, ``Output``, boxes)
with :func:`ipywidgets.interactive_output` and the inline matplotlib backend, which work
in JupyterLab and in Colab, on ipywidgets 7.7 and 8. The returned box keeps its parts as
attributes (``controls``, ``output``, ``status``) so tests, and curious learners, can
reach them.
"""

from __future__ import annotations

import html
import io
import numbers
import weakref

import numpy as np

from ._validation import as_float_array, check_consistent_length, check_positive_int
from .plots import FIGURE_DPI, _check_alpha, _check_gamma, _check_real

__all__ = [
    "focal_loss_state",
    "focal_loss_figure",
    "focal_loss_explorer",
    "gradient_descent_path",
    "gradient_descent_figure",
    "learning_rate_explorer",
]

# The two examples the explorer compares: one the model already gets right with
# confidence, one it gets badly wrong.
EASY_P_T = 0.9
HARD_P_T = 0.1

_CE_COLOUR = "0.25"
_FOCAL_COLOUR = "tab:red"
_STATUS_COLOURS = {"converged": "#1a7f37", "slow": "#b35900", "diverged": "#c62828"}


# --------------------------------------------------------------------------- focal loss

def _loss_and_logit_gradient(p_t, loss_fn):
    """Per-example loss and its derivative with respect to the logit of the true class."""
    import torch

    x = torch.logit(torch.as_tensor(p_t, dtype=torch.float64)).requires_grad_(True)
    loss = loss_fn(x, torch.ones_like(x))
    # Each loss depends on its own logit only, so the gradient of the sum is the
    # elementwise derivative d loss_i / d x_i: what backprop sends to the model.
    (grad,) = torch.autograd.grad(loss.sum(), x)
    return loss.detach().numpy(), grad.numpy()


def _focal_losses(p_t, gamma, alpha):
    from .losses import binary_cross_entropy, sigmoid_focal_loss

    ce, ce_grad = _loss_and_logit_gradient(
        p_t, lambda x, y: binary_cross_entropy(x, y, reduction="none"))
    focal, focal_grad = _loss_and_logit_gradient(
        p_t, lambda x, y: sigmoid_focal_loss(x, y, alpha=alpha, gamma=gamma, reduction="none"))
    return ce, focal, ce_grad, focal_grad


def focal_loss_state(gamma, alpha=None, *, p_t=None):
    r"""Cross-entropy and focal loss, and their gradients, for one positive example.

    For an example whose true class gets probability :math:`p_t = \sigma(x)`,

    .. math::
        \mathrm{CE} = -\log p_t, \qquad
        \mathrm{FL} = -\alpha (1 - p_t)^{\gamma} \log p_t,

    and the gradients are taken with respect to the logit :math:`x` (what backprop
    sends to the model), e.g. :math:`\partial\,\mathrm{CE} / \partial x = p_t - 1`.
    The values come from :func:`lecturelib.losses.binary_cross_entropy` and
    :func:`lecturelib.losses.sigmoid_focal_loss` (target 1, logit
    :math:`\log\frac{p_t}{1-p_t}`) through PyTorch autograd.

    Parameters
    ----------
    gamma : float
        Focusing parameter, finite and ``>= 0`` (the explorer's slider covers 0 to 5).
    alpha : float in [0, 1], optional
        Weight of the (positive) true class; ``None`` for none. Cross-entropy is always
        unweighted here, so ``focal / ce`` shows everything focal loss changes.
    p_t : array-like, optional
        Probabilities of the true class, strictly inside (0, 1). Default: 197 points
        from 0.01 to 0.99 in steps of 0.005.

    Returns
    -------
    dict
        ``p_t``, ``ce``, ``focal``, ``ce_grad``, ``focal_grad`` : ndarray
            Losses and their derivatives with respect to the logit (negative: raising
            the true class's logit lowers the loss).
        ``easy_weight``, ``hard_weight`` : float
            FL / CE at :math:`p_t = 0.9` and at :math:`p_t = 0.1`: the share of its
            cross-entropy an easy and a hard example keep.
        ``easy_to_hard`` : float
            FL(0.9) / FL(0.1), how much an easy example counts relative to a hard one.
            :math:`\alpha` multiplies both and cancels, so it depends on
            :math:`\gamma` only (and stays defined at ``alpha=0``).
        ``ce_easy_to_hard`` : float
            The same ratio for cross-entropy, CE(0.9) / CE(0.1), for comparison.
        ``gamma``, ``alpha`` : the (checked) inputs.
        ``message`` : str
            One plain-text sentence with these numbers, as the explorer shows it.

    Examples
    --------
    >>> state = focal_loss_state(2.0)
    >>> round(state["easy_to_hard"], 6), round(state["ce_easy_to_hard"], 4)
    (0.000565, 0.0458)
    >>> state["message"].split(";")[0]
    'An easy example (p_t = 0.9) counts 0.00056× (about 1/1,800) as much as a hard one (p_t = 0.1)'

    References
    ----------
    T.-Y. Lin, P. Goyal, R. Girshick, K. He and P. Dollár, "Focal Loss for Dense Object
    Detection", ICCV 2017. https://arxiv.org/abs/1708.02002
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
    ce, focal, ce_grad, focal_grad = _focal_losses(p_t, gamma, alpha)

    pair = np.array([EASY_P_T, HARD_P_T])
    ce_pair, focal_pair, _, _ = _focal_losses(pair, gamma, alpha)
    # Without alpha, so the ratio stays defined when alpha = 0 (alpha cancels anyway).
    _, unweighted_pair, _, _ = _focal_losses(pair, gamma, None)
    easy_weight, hard_weight = (focal_pair / ce_pair).tolist()
    easy_to_hard = float(unweighted_pair[0] / unweighted_pair[1])
    ce_easy_to_hard = float(ce_pair[0] / ce_pair[1])

    message = (
        f"An easy example (p_t = {EASY_P_T:g}) counts {_ratio_text(easy_to_hard)} as much as "
        f"a hard one (p_t = {HARD_P_T:g}); with cross-entropy: "
        f"{_ratio_text(ce_easy_to_hard)}. Focal loss keeps {_percent_text(easy_weight)} of "
        f"the easy example's cross-entropy and {_percent_text(hard_weight)} of the hard one's."
    )
    if alpha is not None:
        message += (f" α = {alpha:g} scales both by the same factor, so it does not change "
                    "their ratio.")
    return {
        "p_t": p_t,
        "ce": ce,
        "focal": focal,
        "ce_grad": ce_grad,
        "focal_grad": focal_grad,
        "easy_weight": float(easy_weight),
        "hard_weight": float(hard_weight),
        "easy_to_hard": easy_to_hard,
        "ce_easy_to_hard": ce_easy_to_hard,
        "gamma": gamma,
        "alpha": alpha,
        "message": message,
    }


def _ratio_text(ratio):
    # Below 1% a learner reads "1/1,800" more easily than "0.00056" or "5.6e-04".
    text = f"{ratio:.2g}×"
    if 0 < ratio < 0.01:
        text += f" (about 1/{float(f'{1 / ratio:.2g}'):,.0f})"
    return text


def _percent_text(share):
    percent = 100 * share
    return f"{percent:.0f}%" if percent >= 10 else f"{percent:.2g}%"


def _focal_label(gamma, alpha):
    weight = "" if alpha is None else f", α = {alpha:g}"
    return f"focal loss (γ = {gamma:g}{weight})"


def focal_loss_figure(state):
    r"""Loss and gradient magnitude against p_t, cross-entropy next to focal loss.

    Draws a :func:`focal_loss_state` result: the static counterpart of
    :func:`focal_loss_explorer`. The easy (p_t = 0.9) and hard (p_t = 0.1) examples
    are marked on every curve.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels: loss, and :math:`|\partial\,\mathrm{loss} / \partial x|`.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    p_t = state["p_t"]
    fig, (ax_loss, ax_grad) = plt.subplots(1, 2, figsize=(9.6, 3.9), dpi=FIGURE_DPI,
                                           layout="constrained")
    panels = (
        (ax_loss, state["ce"], state["focal"], "loss", "Loss"),
        (ax_grad, np.abs(state["ce_grad"]), np.abs(state["focal_grad"]),
         "|∂ loss / ∂ logit|", "Gradient sent back to the model"),
    )
    marks = np.array([HARD_P_T, EASY_P_T])
    for ax, ce, focal, ylabel, title in panels:
        # Cross-entropy on top and dashed, so at gamma = 0 the two visibly coincide.
        ax.plot(p_t, focal, color=_FOCAL_COLOUR, linewidth=2.6)
        ax.plot(p_t, ce, color=_CE_COLOUR, linewidth=2, linestyle="--")
        for curve, colour in ((focal, _FOCAL_COLOUR), (ce, _CE_COLOUR)):
            ax.plot(marks, np.interp(marks, p_t, curve), linestyle="none", marker="o",
                    markersize=6, color=colour, zorder=5)
        for value in marks:
            ax.axvline(value, color="0.75", linewidth=1, zorder=0)
        ax.set_xlim(0, 1)
        ax.set_xlabel("probability of the true class, $p_t$")
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.grid(alpha=0.3)
        # Name the two marked examples on a top axis, clear of every curve.
        top = ax.secondary_xaxis("top")
        top.set_xticks(marks, labels=["hard", "easy"])
        top.tick_params(length=0, colors="0.3")
    # Cross-entropy grows without bound as p_t -> 0; stopping near CE(0.05) = 3 keeps the
    # hard example and the gap between the curves in view.
    ax_loss.set_ylim(0, min(3.0, max(state["ce"].max(), state["focal"].max())) * 1.05)
    ax_grad.set_ylim(0, max(np.abs(state["ce_grad"]).max(),
                            np.abs(state["focal_grad"]).max()) * 1.08)
    handles = [
        Line2D([], [], color=_CE_COLOUR, linewidth=2, linestyle="--", label="cross-entropy"),
        Line2D([], [], color=_FOCAL_COLOUR, linewidth=2.4,
               label=_focal_label(state["gamma"], state["alpha"])),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=2, frameon=False)
    return fig


def _show(fig):
    """Show a figure from inside an ``interactive_output`` callback, then free it."""
    import matplotlib
    import matplotlib.pyplot as plt

    if "inline" in matplotlib.get_backend():
        # Render the PNG here rather than through plt.show(): the inline backend saves with
        # bbox_inches="tight", which lays every artist out twice (about 40% slower per
        # slider move); these figures already fit their canvas.
        from IPython.display import Image, display

        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=fig.dpi)
        display(Image(data=buffer.getvalue()))
    else:
        plt.show()
    # Every slider move makes a new figure; close it so none is left behind.
    plt.close(fig)


_STATIC_NOTE = ("Interactive explorer: run the notebook (JupyterLab or Colab) to move its sliders; "
                "a static version of its figure is shown nearby.")


def _explorer_box(control_row, status, draw, controls):
    """Wire ``controls`` to ``draw`` and stack controls, status line and figure.

    The box exposes ``.controls``, ``.status`` and ``.output`` (tests and notebooks reach
    the parts through them). Where no kernel runs (GitHub, nbviewer, slides) the stored
    output shows a short note instead of the widget's bare ``VBox(...)`` repr.
    """
    import ipywidgets as widgets

    output = widgets.interactive_output(draw, controls)
    box = widgets.VBox([control_row, status, output])
    box.controls, box.status, box.output = controls, status, output
    live_bundle = getattr(box, "_repr_mimebundle_", None)
    if live_bundle is not None:  # ipywidgets 8; version 7 displays itself

        def bundle(**kwargs):
            data = live_bundle(**kwargs) or {}
            data["text/plain"] = _STATIC_NOTE
            data["text/html"] = f"<p><i>{html.escape(_STATIC_NOTE)}</i></p>"
            return data

        box._repr_mimebundle_ = bundle
    return box


def focal_loss_explorer(*, gamma=2.0, alpha=None):
    """Sliders for gamma and alpha, redrawing the focal-loss curves and their gradients.

    The figure is :func:`focal_loss_figure`; the line between the sliders and the figure
    is the ``message`` of :func:`focal_loss_state` (how much an easy example counts next
    to a hard one).

    Parameters
    ----------
    gamma : float in [0, 5], default 2.0
        Starting value of the gamma slider.
    alpha : float in [0, 1], optional
        Starting value of the alpha slider; ``None`` (default) starts with the "weight
        by α" box unticked.

    Returns
    -------
    ipywidgets.VBox
        Controls, the message and the figure. Its attributes ``controls`` (dict of the
        ``gamma``, ``alpha`` and ``use_alpha`` widgets), ``status`` (the message) and
        ``output`` give access to the parts.
    """
    import ipywidgets as widgets

    gamma = _check_real(_check_gamma(gamma), "gamma", minimum=0, maximum=5)
    alpha = _check_alpha(alpha)

    style = {"description_width": "initial"}
    gamma_slider = widgets.FloatSlider(value=gamma, min=0.0, max=5.0, step=0.1,
                                       description="γ (focusing)", style=style,
                                       continuous_update=False, readout_format=".1f")
    use_alpha = widgets.Checkbox(value=alpha is not None, description="weight by α",
                                 indent=False, layout=widgets.Layout(width="auto"))
    alpha_slider = widgets.FloatSlider(value=0.25 if alpha is None else alpha, min=0.0,
                                       max=1.0, step=0.05, description="α", style=style,
                                       continuous_update=False, readout_format=".2f",
                                       disabled=alpha is None)
    status = widgets.HTML(value="")

    def sync_alpha(change):
        alpha_slider.disabled = not change["new"]

    use_alpha.observe(sync_alpha, names="value")

    def draw(gamma, alpha, use_alpha):
        state = focal_loss_state(gamma, alpha if use_alpha else None)
        status.value = html.escape(state["message"])
        _show(focal_loss_figure(state))

    controls = {"gamma": gamma_slider, "alpha": alpha_slider, "use_alpha": use_alpha}
    return _explorer_box(widgets.HBox([gamma_slider, use_alpha, alpha_slider]), status, draw,
                         controls)


# ------------------------------------------------------------- gradient descent on a line

def _check_lr(lr):
    if (isinstance(lr, bool) or not isinstance(lr, numbers.Real) or not np.isfinite(lr)
            or lr <= 0):
        raise ValueError(
            f"`lr` (the learning rate α) must be a positive finite number such as 0.01, "
            f"got {lr!r}."
        )
    return float(lr)


def _check_xy(x, y):
    x = as_float_array(x, "x", ndim=1)
    y = as_float_array(y, "y", ndim=1)
    check_consistent_length(x=x, y=y)
    if len(x) < 2:
        raise ValueError("`x` and `y` hold one point; a line needs at least two.")
    return x, y


def _mse(a, b, x, y):
    return np.mean((a * x + b - y) ** 2)


def gradient_descent_path(x, y, *, lr, steps=30, a0=0.0, b0=0.0):
    r"""Full-batch gradient descent on the mean squared error of a line, step by step.

    The model is :math:`\hat y = a x + b` and the loss
    :math:`J(a, b) = \frac{1}{n} \sum_i (a x_i + b - y_i)^2`. Each step moves both
    parameters at once, from the same old values (lecture 003):

    .. math::
        a := a - \alpha \frac{\partial J}{\partial a}
           = a - \alpha \frac{2}{n} \sum_i (a x_i + b - y_i)\, x_i, \qquad
        b := b - \alpha \frac{2}{n} \sum_i (a x_i + b - y_i).

    Because :math:`J` is quadratic, the outcome is set by the largest curvature
    :math:`\lambda_{\max}` of :math:`J` (the largest eigenvalue of its Hessian): a
    learning rate above :math:`2 / \lambda_{\max}` (``lr_limit``) makes every step
    overshoot further than the last, and the loss grows.

    Parameters
    ----------
    x, y : array-like, shape (n,)
        The data, at least two points, finite.
    lr : float
        Learning rate :math:`\alpha > 0`.
    steps : int, default 30
        Number of updates (at least 1).
    a0, b0 : float, default 0.0
        Starting slope and intercept.

    Returns
    -------
    dict
        ``a``, ``b``, ``loss`` : ndarray
            Parameters and loss after 0, 1, ..., ``steps`` updates (length
            ``steps + 1``, element 0 is the starting point). If the loss overflows the
            path stops at the last finite point, so every value returned is finite.
        ``status`` : {'converged', 'slow', 'diverged'}
            ``'diverged'``: the loss went up at some step or overflowed (for a quadratic
            loss, once it rises it keeps rising). ``'converged'``: the final loss is
            within 1% of the best possible (least-squares) loss, or within a millionth of
            the starting loss when the data lie exactly on a line. ``'slow'``: neither.
        ``message`` : str
            A sentence saying what happened and what to try.
        ``best_a``, ``best_b``, ``best_loss`` : float
            The least-squares line and its loss, where descent should end up.
        ``lr_limit`` : float
            :math:`2 / \lambda_{\max}`: larger learning rates diverge on this data.
        ``lr_optimal`` : float
            :math:`2 / (\lambda_{\min} + \lambda_{\max})`, the fastest constant rate.
        ``lr`` : float
            The learning rate used.

    Examples
    --------
    >>> x, y = np.array([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 3.0, 5.0, 7.0])
    >>> path = gradient_descent_path(x, y, lr=0.1, steps=300)
    >>> path["status"], round(float(path["a"][-1]), 3), round(float(path["b"][-1]), 3)
    ('converged', 2.0, 1.0)
    >>> gradient_descent_path(x, y, lr=0.5, steps=300)["status"]
    'diverged'
    """
    x, y = _check_xy(x, y)
    lr = _check_lr(lr)
    steps = check_positive_int(steps, "steps")
    a = _check_real(a0, "a0")
    b = _check_real(b0, "b0")

    n = len(x)
    hessian = (2.0 / n) * np.array([[np.sum(x * x), np.sum(x)], [np.sum(x), n]])
    eigenvalues = np.linalg.eigvalsh(hessian)
    lr_limit = 2.0 / eigenvalues[-1]
    lr_optimal = 2.0 / (eigenvalues[0] + eigenvalues[-1])
    (best_a, best_b), *_ = np.linalg.lstsq(np.column_stack([x, np.ones(n)]), y, rcond=None)
    best_loss = float(_mse(best_a, best_b, x, y))

    path_a, path_b, path_loss = [a], [b], [float(_mse(a, b, x, y))]
    overflowed_at = None
    # Overflow is an expected outcome here (a too-large learning rate), reported in the
    # status instead of as RuntimeWarnings.
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, steps + 1):
            residual = a * x + b - y
            a, b = a - lr * 2.0 * np.mean(residual * x), b - lr * 2.0 * np.mean(residual)
            loss = float(_mse(a, b, x, y))
            if not (np.isfinite(a) and np.isfinite(b) and np.isfinite(loss)):
                overflowed_at = step
                break
            path_a.append(a)
            path_b.append(b)
            path_loss.append(loss)
    loss = np.array(path_loss)

    start, end = loss[0], loss[-1]
    # Rounding can nudge a converged loss up by an ulp; only a real rise counts.
    rises = np.flatnonzero(np.diff(loss) > 1e-9 * loss[:-1] + 1e-15 * start)
    # "Close enough" is 1% above the best possible loss, or, for data exactly on a line
    # (best loss 0), a millionth of the starting loss.
    tolerance = 0.01 * best_loss + 1e-6 * start
    if overflowed_at is not None or rises.size:
        status = "diverged"
        where = (f"overflowed at step {overflowed_at}" if overflowed_at is not None
                 else f"has been rising since step {rises[0] + 1}")
        message = (
            f"Diverged: the loss went from {start:.3g} to {loss.max():.3g} and {where}. "
            f"Each step overshoots the minimum by more than it corrects: lower the learning "
            f"rate below {lr_limit:.2g} (it is {lr:.2g})."
        )
    elif end - best_loss <= tolerance:
        status = "converged"
        reached = int(np.flatnonzero(loss - best_loss <= tolerance)[0])
        message = (
            f"Converged: after {len(loss) - 1} steps the loss is {end:.3g}, within 1% of the "
            f"best possible {best_loss:.3g} (since step {reached})."
        )
    else:
        status = "slow"
        if lr <= lr_optimal:
            advice = (f"take more steps or raise the learning rate (it is {lr:.2g}; above "
                      f"{lr_limit:.2g} it diverges)")
        else:
            advice = (f"the steps zig-zag across the valley: take more steps or lower the "
                      f"learning rate a little (it is {lr:.2g}; about {lr_optimal:.2g} is "
                      "fastest)")
        if best_loss > 0 and end >= 2 * best_loss:
            times = end / best_loss
            times = f"{times:,.0f}" if times >= 10 else f"{times:.2g}"
            gap = f"still {times} times the best possible {best_loss:.3g}"
        elif best_loss > 0:
            gap = (f"still {_percent_text(end / best_loss - 1)} above the best possible "
                   f"{best_loss:.3g}")
        else:
            gap = "not yet near 0, the loss of the line through every point"
        message = f"Slow: after {len(loss) - 1} steps the loss is {end:.3g}, {gap}; {advice}."
    return {
        "a": np.array(path_a),
        "b": np.array(path_b),
        "loss": loss,
        "status": status,
        "message": message,
        "best_a": float(best_a),
        "best_b": float(best_b),
        "best_loss": best_loss,
        "lr_limit": float(lr_limit),
        "lr_optimal": float(lr_optimal),
        "lr": lr,
    }


def _snapshot_steps(n_points):
    """Steps 0, 1, 2, 4, 8, ... and the last: the early steps are where a line moves
    (or, with too large a learning rate, overshoots) the most."""
    steps = [0] + [2 ** k for k in range(int(np.log2(max(n_points - 1, 1))) + 1)]
    return np.array(sorted({k for k in steps if k < n_points - 1} | {n_points - 1}))


def gradient_descent_figure(x, y, path):
    """The data with the line after every few steps, and the loss per step.

    Draws a :func:`gradient_descent_path` result: the static counterpart of
    :func:`learning_rate_explorer`. The line is drawn after steps 0, 1, 2, 4, 8, ... and
    the last, older ones fainter; the least-squares line is dashed. The view stays on the
    data, so a diverging line leaves the chart instead of rescaling it.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels: data and fitted lines; loss per step on a log scale.
    """
    import matplotlib.pyplot as plt

    x, y = _check_xy(x, y)
    a, b, loss = path["a"], path["b"], path["loss"]
    colour = _STATUS_COLOURS[path["status"]]
    fig, (ax_fit, ax_loss) = plt.subplots(1, 2, figsize=(9.6, 3.9), dpi=FIGURE_DPI,
                                          layout="constrained")

    ax_fit.scatter(x, y, s=18, color="0.35", zorder=3, label="data")
    # Pin the view to the data: a diverging line flies off, and the axes must not follow.
    x_pad = 0.05 * (np.ptp(x) or 1.0)
    y_pad = 0.15 * (np.ptp(y) or 1.0)
    x_lo, x_hi = x.min() - x_pad, x.max() + x_pad
    line_x = np.array([x_lo, x_hi])
    ax_fit.plot(line_x, path["best_a"] * line_x + path["best_b"], color="black",
                linestyle="--", linewidth=1.5, label="least-squares line")
    shown = _snapshot_steps(len(a))
    for rank, k in enumerate(shown):
        fade = min(1.0, 0.2 + 0.8 * rank / max(len(shown) - 1, 1))
        last = k == len(a) - 1
        ax_fit.plot(line_x, a[k] * line_x + b[k], color=colour, alpha=fade,
                    linewidth=2.6 if last else 1.4,
                    label=f"after step {k}" if last else None)
    ax_fit.set_xlim(x_lo, x_hi)
    ax_fit.set_ylim(y.min() - y_pad, y.max() + y_pad)
    ax_fit.set_xlabel("x")
    ax_fit.set_ylabel("y")
    if path["status"] == "diverged":
        # Most of the lines have left the chart; say why instead of leaving it blank.
        ax_fit.set_title(f"lr = {path['lr']:.2g}: every step overshoots further")
    else:
        ax_fit.set_title(f"The line every few steps (lr = {path['lr']:.2g})")
    ax_fit.legend(loc="best", fontsize=9)
    ax_fit.grid(alpha=0.3)

    # Log scale and limits (whole decades, at most 1e200) are set before anything is
    # drawn: autoscaling a log axis to a diverged loss (up to ~1e308) overflows, and
    # past 1e200 the story ("it exploded") is told anyway.
    ax_loss.set_yscale("log")
    positive = np.concatenate([loss[loss > 0], [path["best_loss"]] if path["best_loss"] > 0
                               else []])
    if positive.size:
        low = max(np.floor(np.log10(positive.min())), -300.0)
        high = min(np.ceil(np.log10(positive.max())), 200.0)
        ax_loss.set_ylim(10.0 ** low, 10.0 ** max(high, low + 1))
    steps = np.arange(len(loss))
    ax_loss.plot(steps, loss, color=colour, linewidth=2, marker="o" if len(loss) <= 60 else None,
                 markersize=3, label="loss")
    if path["best_loss"] > 0:
        ax_loss.axhline(path["best_loss"], color="black", linestyle="--", linewidth=1.2,
                        label="best possible")
    ax_loss.set_xlim(0, max(len(loss) - 1, 1))
    ax_loss.set_xlabel("step")
    ax_loss.set_ylabel("mean squared error (log scale)")
    ax_loss.set_title(f"Loss per step: {path['status']}", color=colour)
    ax_loss.legend(loc="best", fontsize=9)
    ax_loss.grid(alpha=0.3, which="both")
    return fig


def learning_rate_explorer(x, y, *, lr=0.01, steps=30):
    """A learning-rate slider (log scale) and a steps slider for gradient descent on a line.

    The figure is :func:`gradient_descent_figure`; the coloured line below the sliders
    is the ``message`` of :func:`gradient_descent_path` (converged, slow or diverged).

    Parameters
    ----------
    x, y : array-like, shape (n,)
        The data, e.g. from :func:`lecturelib.datasets.linear_regression_data`.
    lr : float in [1e-4, 1], default 0.01
        Starting learning rate.
    steps : int in [1, 200], default 30
        Starting number of steps.

    Returns
    -------
    ipywidgets.VBox
        Controls, the status line and the figure, with attributes ``controls`` (dict of
        the ``lr`` and ``steps`` sliders), ``status`` and ``output``.
    """
    import ipywidgets as widgets

    x, y = _check_xy(x, y)
    lr = _check_lr(lr)
    if not 1e-4 <= lr <= 1:
        raise ValueError(f"`lr` must be in [1e-4, 1], the slider's range, got {lr!r}.")
    steps = check_positive_int(steps, "steps")
    if steps > 200:
        raise ValueError(f"`steps` must be at most 200, the slider's range, got {steps!r}.")

    style = {"description_width": "initial"}
    lr_slider = widgets.FloatLogSlider(value=lr, base=10, min=-4, max=0, step=0.05,
                                       description="learning rate α", style=style,
                                       continuous_update=False, readout_format=".2g")
    steps_slider = widgets.IntSlider(value=steps, min=1, max=200, step=1,
                                     description="steps", style=style,
                                     continuous_update=False)
    status = widgets.HTML(value="")

    def draw(lr, steps):
        path = gradient_descent_path(x, y, lr=lr, steps=steps)
        status.value = (f'<span style="color:{_STATUS_COLOURS[path["status"]]}">'
                        f'{html.escape(path["message"])}</span>')
        _show(gradient_descent_figure(x, y, path))

    controls = {"lr": lr_slider, "steps": steps_slider}
    return _explorer_box(widgets.HBox([lr_slider, steps_slider]), status, draw, controls)


# ------------------------------------------------- ROC and PR: class separation, prevalence
#
# Two explorers for notebook 05: how far apart the classes' scores are sets the ROC curve
# (class_separation_*), and how rare the positives are sets the PR curve but hardly the
# ROC curve (prevalence_*). Both draw binormal scores from
# lecturelib.datasets.score_distributions and measure them with lecturelib.curves.

__all__ += [
    "class_separation_state",
    "class_separation_figure",
    "class_separation_explorer",
    "prevalence_state",
    "prevalence_figure",
    "prevalence_explorer",
]

SEPARATION_RANGE = (0.0, 4.0)
PREVALENCE_RANGE = (0.001, 0.5)
# Fewer positives than this leave a PR curve of a few steps and an AP that is mostly
# sampling noise; 10 is also what the smallest slider setting (0.1% of 20,000 = 20) clears.
MIN_CLASS_SAMPLES = 10
# Curves are thinned to at most this many points before drawing: 20,000 samples give a
# PR curve of 20,000 points, which matplotlib draws visibly slower and no screen resolves.
MAX_DRAWN_POINTS = 500

_NEGATIVE_COLOUR = "tab:blue"
_POSITIVE_COLOUR = "tab:orange"
_CURVE_COLOUR = "tab:purple"
_CHANCE_COLOUR = "0.45"


def _binormal_auc(separation):
    from math import erf

    # Phi(d / sqrt 2) written with erf, so the package needs no SciPy:
    # Phi(x) = (1 + erf(x / sqrt 2)) / 2, and x / sqrt 2 = d / 2.
    return 0.5 * (1.0 + erf(separation / 2.0))


def _auc_standard_error(auc_value, n_positive, n_negative):
    """Hanley & McNeil's (1982) standard error of an empirical AUC."""
    q1 = auc_value / (2.0 - auc_value)
    q2 = 2.0 * auc_value ** 2 / (1.0 + auc_value)
    variance = (auc_value * (1.0 - auc_value) + (n_positive - 1) * (q1 - auc_value ** 2)
                + (n_negative - 1) * (q2 - auc_value ** 2)) / (n_positive * n_negative)
    # Rounding can push a variance of (almost) 0 slightly negative at AUC = 1.
    return float(np.sqrt(max(variance, 0.0)))


def _thin_curve(x, y, max_points=MAX_DRAWN_POINTS):
    """At most ``max_points`` points of a curve, spaced evenly along its length.

    Spacing by arc length rather than by index spends the points where the curve
    moves most (the zig-zag of a PR curve at low recall) and few on long straight runs.
    The first and last points are always kept.
    """
    if x.size <= max_points:
        return x, y
    length = np.r_[0.0, np.cumsum(np.hypot(np.diff(x), np.diff(y)))]
    targets = np.linspace(0.0, length[-1], max_points - 1)
    keep = np.unique(np.r_[np.searchsorted(length, targets), x.size - 1])
    return x[keep], y[keep]


def class_separation_state(separation, *, n=2000, seed=0):
    r"""Two classes' scores a distance ``separation`` apart, their ROC curve and its area.

    Scores follow the binormal model of
    :func:`lecturelib.datasets.score_distributions` with balanced classes: negatives
    :math:`\sim \mathcal{N}(0, 1)`, positives :math:`\sim \mathcal{N}(d, 1)`. The area
    under the ROC curve is the probability that a random positive outscores a random
    negative; for this model

    .. math:: \mathrm{AUC} = P(S_+ > S_-) = \Phi\!\left(\frac{d}{\sqrt 2}\right),

    because :math:`S_+ - S_- \sim \mathcal{N}(d, 2)`. At :math:`d = 0` it is 0.5
    (no separation: the ROC curve hugs the diagonal); at :math:`d = 4`, 0.998.

    Parameters
    ----------
    separation : float
        Distance :math:`d` between the class means, in standard deviations; finite
        (the explorer's slider covers 0 to 4; negative values make AUC < 0.5).
    n : int, default 2000
        Number of samples, at least 2; ``n // 2`` are positive, the rest negative.
    seed : int, default 0
        Seed of :func:`~lecturelib.datasets.score_distributions`. The noise does not
        depend on ``separation``, so moving it only slides the positives along.

    Returns
    -------
    dict
        ``y_true``, ``y_score`` : ndarray
            The labels (0/1) and scores, as returned by ``score_distributions``.
        ``negative_scores``, ``positive_scores`` : ndarray
            The scores of each class.
        ``bin_edges``, ``negative_density``, ``positive_density`` : ndarray
            Histograms of both classes on shared bins (40 bins), as densities so the
            two areas are each 1.
        ``fpr``, ``tpr``, ``thresholds`` : ndarray
            :func:`lecturelib.curves.roc_curve` of the scores.
        ``auc`` : float
            :func:`lecturelib.curves.roc_auc_score`, the empirical area.
        ``auc_theory`` : float
            :math:`\Phi(d / \sqrt 2)`, the area for infinitely many samples.
        ``auc_se`` : float
            Hanley–McNeil standard error of ``auc``: how far from ``auc_theory``
            sampling alone typically moves it.
        ``separation``, ``n_positive``, ``n_negative`` : the (checked) inputs.
        ``message`` : str
            One or two plain-text sentences with these numbers, as the explorer shows.

    Examples
    --------
    >>> state = class_separation_state(1.0)
    >>> round(state["auc_theory"], 3), round(state["auc"], 2)
    (0.76, 0.76)
    >>> class_separation_state(0.0)["message"].split(".")[0]
    'No separation: the ROC hugs the diagonal'

    References
    ----------
    J. A. Hanley and B. J. McNeil, "The meaning and use of the area under a receiver
    operating characteristic (ROC) curve", Radiology 143 (1982).
    T. Fawcett, "An introduction to ROC analysis", Pattern Recognition Letters 27 (2006).
    """
    from .curves import roc_auc_score, roc_curve
    from .datasets import score_distributions

    separation = _check_real(separation, "separation")
    n = check_positive_int(n, "n", minimum=2)
    n_positive = n // 2
    n_negative = n - n_positive
    y_true, y_score = score_distributions(n_positive, n_negative, separation=separation,
                                          seed=seed)
    negative_scores = y_score[y_true == 0]
    positive_scores = y_score[y_true == 1]
    bin_edges = np.histogram_bin_edges(y_score, bins=40)
    negative_density, _ = np.histogram(negative_scores, bins=bin_edges, density=True)
    positive_density, _ = np.histogram(positive_scores, bins=bin_edges, density=True)
    fpr, tpr, thresholds = roc_curve(y_true, y_score)
    auc_value = roc_auc_score(y_true, y_score)
    auc_theory = _binormal_auc(separation)
    auc_se = _auc_standard_error(auc_value, n_positive, n_negative)

    if abs(separation) < 0.15:
        message = (
            f"No separation: the ROC hugs the diagonal. The two classes' scores overlap, so "
            f"a random positive outscores a random negative {auc_value:.0%} of the time, "
            f"like a coin toss: AUC = {auc_value:.3f} (chance is 0.5)."
        )
    elif separation < 0:
        message = (
            f"Reversed: positives score lower than negatives, so AUC = {auc_value:.3f} is "
            f"below chance (0.5); flipping the sign of the scores would give "
            f"{1 - auc_value:.3f}."
        )
    elif auc_theory >= 0.99:
        message = (
            f"Almost perfect separation (d = {separation:g}): the ROC hugs the top-left "
            f"corner. A random positive outscores a random negative {auc_value:.1%} of the "
            f"time: AUC = {auc_value:.3f} (theory Φ(d/√2) = {auc_theory:.3f})."
        )
    else:
        message = (
            f"Separation d = {separation:g}: a random positive outscores a random negative "
            f"{auc_value:.0%} of the time: AUC = {auc_value:.3f} (theory Φ(d/√2) = "
            f"{auc_theory:.3f}; sampling error about ±{auc_se:.3f})."
        )
    return {
        "y_true": y_true,
        "y_score": y_score,
        "negative_scores": negative_scores,
        "positive_scores": positive_scores,
        "bin_edges": bin_edges,
        "negative_density": negative_density,
        "positive_density": positive_density,
        "fpr": fpr,
        "tpr": tpr,
        "thresholds": thresholds,
        "auc": auc_value,
        "auc_theory": auc_theory,
        "auc_se": auc_se,
        "separation": separation,
        "n_positive": n_positive,
        "n_negative": n_negative,
        "message": message,
    }


def _draw_roc(ax, fpr, tpr, auc_value, title, *, legend_below=False):
    """A ROC curve on the unit square with the chance diagonal.

    The legend goes below the panel, or else into the lower-right corner, which the
    curve leaves empty unless it runs well below the diagonal (AUC < 0.4).
    """
    ax.plot([0, 1], [0, 1], color=_CHANCE_COLOUR, linestyle="--", linewidth=1.2,
            label="chance (AUC = 0.5)")
    fpr, tpr = _thin_curve(fpr, tpr)
    ax.plot(fpr, tpr, color=_CURVE_COLOUR, linewidth=2.2, label=f"model (AUC = {auc_value:.3f})")
    ax.set_xlim(-0.01, 1.01)
    ax.set_ylim(-0.01, 1.01)
    ax.set_aspect("equal")
    ax.set_xlabel("false-positive rate (FPR)")
    ax.set_ylabel("true-positive rate (TPR, recall)")
    ax.set_title(title)
    if legend_below:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), fontsize=9, frameon=False)
    else:
        ax.legend(loc="lower right" if auc_value >= 0.4 else "upper left", fontsize=9)
    ax.grid(alpha=0.3)


def class_separation_figure(state):
    """The two classes' score histograms and the ROC curve they give.

    Draws a :func:`class_separation_state` result: the static counterpart of
    :func:`class_separation_explorer`.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels: histograms of negative and positive scores; the ROC curve with the
        chance diagonal.
    """
    import matplotlib.pyplot as plt

    fig, (ax_hist, ax_roc) = plt.subplots(1, 2, figsize=(9.6, 4.0), dpi=FIGURE_DPI,
                                          layout="constrained",
                                          gridspec_kw={"width_ratios": [1.35, 1]})
    edges = state["bin_edges"]
    classes = ((state["negative_density"], _NEGATIVE_COLOUR, "negatives", state["n_negative"]),
               (state["positive_density"], _POSITIVE_COLOUR, "positives", state["n_positive"]))
    # Both fills first, then both outlines: neither class's edge hides under the other.
    for density, colour, _, _ in classes:
        ax_hist.stairs(density, edges, fill=True, color=colour, alpha=0.3)
    for density, colour, name, count in classes:
        ax_hist.stairs(density, edges, color=colour, linewidth=1.6,
                       label=f"{name} (n = {count:,})")
    # Headroom above the peaks keeps the legend clear of the bars.
    peak = max(state["negative_density"].max(), state["positive_density"].max())
    ax_hist.set_ylim(0, 1.3 * peak)
    ax_hist.set_xlim(edges[0], edges[-1])
    ax_hist.set_xlabel("score")
    ax_hist.set_ylabel("density")
    ax_hist.set_title(f"Scores of each class (d = {state['separation']:g})")
    ax_hist.legend(loc="upper left", fontsize=9)
    ax_hist.grid(alpha=0.3)

    _draw_roc(ax_roc, state["fpr"], state["tpr"], state["auc"],
              f"ROC: AUC = {state['auc']:.3f} (theory {state['auc_theory']:.3f})")
    return fig


def class_separation_explorer(*, separation=1.0):
    """A slider for the distance between the classes, redrawing histograms and ROC curve.

    The figure is :func:`class_separation_figure`; the line between the slider and the
    figure is the ``message`` of :func:`class_separation_state`.

    Parameters
    ----------
    separation : float in [0, 4], default 1.0
        Starting value of the slider (distance between the class means, in standard
        deviations).

    Returns
    -------
    ipywidgets.VBox
        The slider, the message and the figure, with attributes ``controls`` (dict with
        the ``separation`` slider), ``status`` and ``output``.
    """
    import ipywidgets as widgets

    low, high = SEPARATION_RANGE
    separation = _check_real(separation, "separation", minimum=low, maximum=high)
    slider = widgets.FloatSlider(value=separation, min=low, max=high, step=0.1,
                                 description="separation d", continuous_update=False,
                                 readout_format=".1f", style={"description_width": "initial"})
    status = widgets.HTML(value="")

    def draw(separation):
        state = class_separation_state(separation)
        status.value = html.escape(state["message"])
        _show(class_separation_figure(state))

    controls = {"separation": slider}
    return _explorer_box(slider, status, draw, controls)


def _check_prevalence(prevalence):
    if (isinstance(prevalence, bool) or not isinstance(prevalence, numbers.Real)
            or not 0 < prevalence < 1):
        raise ValueError(
            f"`prevalence` (the fraction of positives) must be a number strictly between 0 "
            f"and 1, e.g. 0.01 for 1%; got {prevalence!r}."
        )
    return float(prevalence)


def prevalence_state(prevalence, *, separation=1.5, n=20000, seed=0):
    r"""ROC and precision–recall curves of one scorer at a given share of positives.

    ``round(prevalence * n)`` samples are positive and the rest negative, with the
    binormal scores of :func:`lecturelib.datasets.score_distributions` (negatives
    :math:`\mathcal{N}(0, 1)`, positives :math:`\mathcal{N}(d, 1)`): the same scorer at
    every prevalence. ROC rates are fractions *within* each class,

    .. math:: \mathrm{TPR} = \frac{TP}{P}, \qquad \mathrm{FPR} = \frac{FP}{N},

    so ROC-AUC does not depend on prevalence (up to sampling noise), while precision
    mixes the classes,

    .. math:: \mathrm{precision} = \frac{TP}{TP + FP}
              = \frac{\pi\,\mathrm{TPR}}{\pi\,\mathrm{TPR} + (1 - \pi)\,\mathrm{FPR}},

    with prevalence :math:`\pi`: as positives get rare the false positives take over the
    top of the ranking and average precision falls, towards its chance level
    :math:`\pi` (a random scorer's AP).

    Parameters
    ----------
    prevalence : float in (0, 1)
        Fraction of positives. ``round(prevalence * n)`` and the number of negatives
        must each be at least 10 (``MIN_CLASS_SAMPLES``): with fewer positives the PR
        curve is a handful of steps and AP mostly noise. With the default ``n`` that
        allows 0.0005 to 0.9995; the explorer's slider covers 0.001 to 0.5.
    separation : float, default 1.5
        Distance between the class means in standard deviations (ROC-AUC about 0.86).
    n : int, default 20000
        Total number of samples.
    seed : int, default 0
        Seed of ``score_distributions``. Changing ``prevalence`` keeps the samples of
        each class that both settings have, so the curves move smoothly.

    Returns
    -------
    dict
        ``y_true``, ``y_score`` : ndarray
            The labels (0/1) and scores.
        ``fpr``, ``tpr`` : ndarray
            :func:`lecturelib.curves.roc_curve`.
        ``precision``, ``recall`` : ndarray
            :func:`lecturelib.curves.precision_recall_curve`.
        ``roc_auc`` : float
            :func:`lecturelib.curves.roc_auc_score`.
        ``average_precision`` : float
            :func:`lecturelib.curves.average_precision_score`.
        ``baseline_ap`` : float
            The chance level of AP, the actual fraction of positives ``n_positive / n``
            (``prevalence`` up to rounding to whole samples). Chance ROC-AUC is 0.5.
        ``auc_theory`` : float
            :math:`\Phi(d / \sqrt 2)`, the ROC-AUC for infinitely many samples.
        ``prevalence``, ``separation``, ``n_positive``, ``n_negative`` : the inputs.
        ``message`` : str
            Plain-text sentences with these numbers, as the explorer shows them.

    Examples
    --------
    >>> common, rare = prevalence_state(0.5), prevalence_state(0.01)
    >>> round(common["roc_auc"], 3), round(rare["roc_auc"], 3)
    (0.852, 0.855)
    >>> round(common["average_precision"], 3), round(rare["average_precision"], 3)
    (0.853, 0.107)

    References
    ----------
    T. Saito and M. Rehmsmeier, "The precision-recall plot is more informative than the
    ROC plot when evaluating binary classifiers on imbalanced datasets", PLoS ONE 10
    (2015).
    J. Davis and M. Goadrich, "The relationship between precision-recall and ROC
    curves", ICML 2006.
    """
    from .curves import (
        average_precision_score,
        precision_recall_curve,
        roc_auc_score,
        roc_curve,
    )
    from .datasets import score_distributions

    prevalence = _check_prevalence(prevalence)
    separation = _check_real(separation, "separation")
    n = check_positive_int(n, "n", minimum=2 * MIN_CLASS_SAMPLES)
    n_positive = round(prevalence * n)
    n_negative = n - n_positive
    for name, count in (("positives", n_positive), ("negatives", n_negative)):
        if count < MIN_CLASS_SAMPLES:
            raise ValueError(
                f"`prevalence` = {prevalence:g} of `n` = {n:,} samples leaves {count} "
                f"{name}; at least {MIN_CLASS_SAMPLES} are needed for a meaningful PR "
                f"curve. Move `prevalence` towards 0.5 or raise `n`."
            )
    y_true, y_score = score_distributions(n_positive, n_negative, separation=separation,
                                          seed=seed)
    fpr, tpr, _ = roc_curve(y_true, y_score)
    precision, recall, _ = precision_recall_curve(y_true, y_score)
    roc_auc = roc_auc_score(y_true, y_score)
    average_precision = average_precision_score(y_true, y_score)
    baseline_ap = n_positive / n

    message = (
        f"Prevalence {prevalence:.3g} ({n_positive:,} positives among {n:,}): "
        f"ROC-AUC = {roc_auc:.3f} (chance 0.5) and average precision = "
        f"{average_precision:.3f} (chance {baseline_ap:.3g}, the prevalence)."
    )
    if prevalence <= 0.05:
        message += (
            f" Positives are rare: even a small false-positive rate is many false "
            f"positives next to {n_positive:,} positives, so precision collapses while "
            "the ROC curve, a rate within each class, barely moves."
        )
    return {
        "y_true": y_true,
        "y_score": y_score,
        "fpr": fpr,
        "tpr": tpr,
        "precision": precision,
        "recall": recall,
        "roc_auc": roc_auc,
        "average_precision": average_precision,
        "baseline_ap": baseline_ap,
        "auc_theory": _binormal_auc(separation),
        "prevalence": prevalence,
        "separation": separation,
        "n_positive": n_positive,
        "n_negative": n_negative,
        "message": message,
    }


def prevalence_figure(state):
    """ROC and precision–recall curves side by side, each with its chance level.

    Draws a :func:`prevalence_state` result: the static counterpart of
    :func:`prevalence_explorer`. Chance is the diagonal for ROC (AUC 0.5) and a
    horizontal line at the prevalence for PR (a random scorer's precision at every
    recall). The PR curve is drawn as steps, the rectangles average precision sums.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels: ROC, and precision–recall.
    """
    import matplotlib.pyplot as plt

    fig, (ax_roc, ax_pr) = plt.subplots(1, 2, figsize=(8.4, 4.9), dpi=FIGURE_DPI,
                                        layout="constrained")
    # Both legends below their panels, so they match and cover no curve.
    _draw_roc(ax_roc, state["fpr"], state["tpr"], state["roc_auc"],
              f"ROC: AUC = {state['roc_auc']:.3f}", legend_below=True)

    baseline = state["baseline_ap"]
    ax_pr.axhline(baseline, color=_CHANCE_COLOUR, linestyle="--", linewidth=1.2,
                  label=f"chance (AP = prevalence = {baseline:.3g})")
    recall, precision = _thin_curve(state["recall"], state["precision"])
    ax_pr.plot(recall, precision, color=_CURVE_COLOUR, linewidth=2.2, drawstyle="steps-post",
               label=f"model (AP = {state['average_precision']:.3f})")
    ax_pr.set_xlim(-0.01, 1.01)
    ax_pr.set_ylim(-0.01, 1.01)
    ax_pr.set_aspect("equal")
    ax_pr.set_xlabel("recall (TPR)")
    ax_pr.set_ylabel("precision")
    ax_pr.set_title(f"Precision–recall: AP = {state['average_precision']:.3f}")
    ax_pr.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), fontsize=9, frameon=False)
    ax_pr.grid(alpha=0.3)
    fig.suptitle(f"Prevalence {state['prevalence']:.3g} ({100 * state['prevalence']:.3g}% "
                 f"positive): {state['n_positive']:,} positives, "
                 f"{state['n_negative']:,} negatives")
    return fig


def prevalence_explorer(*, prevalence=0.5):
    """A log-scale prevalence slider redrawing the ROC and PR curves of one scorer.

    The figure is :func:`prevalence_figure`; the line between the slider and the figure
    is the ``message`` of :func:`prevalence_state`. Sliding towards rare positives
    leaves ROC-AUC where it was while average precision falls.

    Parameters
    ----------
    prevalence : float in [0.001, 0.5], default 0.5
        Starting fraction of positives.

    Returns
    -------
    ipywidgets.VBox
        The slider, the message and the figure, with attributes ``controls`` (dict with
        the ``prevalence`` slider), ``status`` and ``output``.
    """
    import ipywidgets as widgets

    low, high = PREVALENCE_RANGE
    prevalence = _check_real(_check_prevalence(prevalence), "prevalence", minimum=low,
                             maximum=high)
    # Log scale: 0.1%, 1% and 10% are equally far apart, as they are for the ratio of
    # negatives to positives that drives precision down.
    slider = widgets.FloatLogSlider(value=prevalence, base=10, min=float(np.log10(low)),
                                    max=float(np.log10(high)), step=0.1,
                                    description="prevalence (share of positives)",
                                    continuous_update=False, readout_format=".3g",
                                    style={"description_width": "initial"})
    status = widgets.HTML(value="")

    def draw(prevalence):
        state = prevalence_state(prevalence)
        status.value = html.escape(state["message"])
        _show(prevalence_figure(state))

    controls = {"prevalence": slider}
    return _explorer_box(slider, status, draw, controls)


# ------------------------------------------------------------------- threshold explorer
#
# One slider over a classifier's scores (notebooks 04 and 05): the confusion matrix at the
# threshold, the metrics it gives, and the operating point on the ROC and PR curves. The
# scores are sorted once into a lecturelib.curves.ThresholdSweep; a slider move is then a
# couple of binary searches, and the curves are drawn from a thinned copy made once.

__all__ += [
    "threshold_state",
    "threshold_curves",
    "threshold_figure",
    "threshold_explorer",
]

# A curve of 10^5 points costs tens of milliseconds to draw on every slider move and looks
# no different from 400 points on a panel about 300 pixels wide.
MAX_THRESHOLD_CURVE_POINTS = 400

_THRESHOLD_METRICS = (("accuracy", "accuracy"), ("precision", "precision"),
                      ("recall", "recall"), ("specificity", "specificity"), ("f1", "F1"))
_SWEEP_CURVE_COLOUR = "tab:purple"
_SWEEP_CHANCE_COLOUR = "0.5"
_OPERATING_POINT_COLOUR = "black"
_METRIC_BAR_COLOUR = "#6f8fb8"


def _check_sweep(sweep):
    from .curves import ThresholdSweep

    if not isinstance(sweep, ThresholdSweep):
        raise ValueError(
            f"`sweep` must be a lecturelib.curves.ThresholdSweep, got "
            f"{type(sweep).__name__}; build it once with ThresholdSweep(y_true, y_score)."
        )
    return sweep


def _format_threshold(threshold):
    return f"{threshold:.4g}" if np.isfinite(threshold) else ("∞" if threshold > 0 else "−∞")


def threshold_state(sweep, threshold):
    r"""The confusion matrix, its metrics and the operating points at one threshold.

    A sample is predicted positive when ``score >= threshold``. The counts come from
    :meth:`ThresholdSweep.counts_at <lecturelib.curves.ThresholdSweep.counts_at>` and the
    metrics from :meth:`~lecturelib.curves.ThresholdSweep.metrics_at`: two binary
    searches in the sweep's cumulative counts, so the cost does not grow with the data.
    The operating point is where this threshold sits on each curve:

    .. math::
        \text{ROC: } (\mathrm{FPR}, \mathrm{TPR}) = \left(\frac{FP}{N}, \frac{TP}{P}\right),
        \qquad
        \text{PR: } (\mathrm{recall}, \mathrm{precision})
        = \left(\frac{TP}{P}, \frac{TP}{TP + FP}\right).

    Parameters
    ----------
    sweep : lecturelib.curves.ThresholdSweep
        The scores, sorted once.
    threshold : float
        Any number; ``-inf`` (everything positive) and ``inf`` (nothing positive) are
        allowed, NaN is not.

    Returns
    -------
    dict
        ``threshold`` : float
        ``tp``, ``fp``, ``fn``, ``tn`` : int
            The counts; ``counts`` holds them as a
            :class:`~lecturelib.classification.ConfusionCounts`.
        ``metrics`` : dict of float
            ``accuracy``, ``precision``, ``recall``, ``specificity``, ``f1``, ``fpr``,
            ``tpr``. Precision is ``nan`` when nothing is predicted positive (0/0).
        ``roc_point`` : tuple (fpr, tpr)
        ``pr_point`` : tuple (recall, precision)
            Its precision is ``nan`` when nothing is predicted positive; the figure then
            leaves the PR point out.
        ``n_predicted_positive`` : int
        ``message`` : str
            One plain-text sentence with the counts, as the explorer shows it.

    Examples
    --------
    >>> from lecturelib.curves import ThresholdSweep
    >>> sweep = ThresholdSweep([0, 0, 1, 1, 0, 1, 0, 1],
    ...                        [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.35])
    >>> state = threshold_state(sweep, 0.5)
    >>> state["tp"], state["fp"], state["fn"], state["tn"]
    (2, 0, 2, 4)
    >>> state["roc_point"], state["pr_point"]
    ((0.0, 0.5), (0.5, 1.0))
    >>> print(state["message"])  # doctest: +NORMALIZE_WHITESPACE
    Threshold 0.5: 2 true positives, 0 false positives, 2 false negatives,
    4 true negatives; precision 1.000, recall 0.500.
    """
    sweep = _check_sweep(sweep)
    counts = sweep.counts_at(threshold)
    metrics = sweep.metrics_at(threshold)
    threshold = float(threshold)
    precision = metrics["precision"]
    precision_text = ("precision undefined (nothing is predicted positive)"
                      if np.isnan(precision) else f"precision {precision:.3f}")
    tally = ", ".join(f"{count:,} {name}{'' if count == 1 else 's'}" for count, name in (
        (counts.tp, "true positive"), (counts.fp, "false positive"),
        (counts.fn, "false negative"), (counts.tn, "true negative")))
    message = (f"Threshold {_format_threshold(threshold)}: {tally}; {precision_text}, "
               f"recall {metrics['recall']:.3f}.")
    return {
        "threshold": threshold,
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
        "tn": counts.tn,
        "counts": counts,
        "metrics": metrics,
        "roc_point": (metrics["fpr"], metrics["tpr"]),
        "pr_point": (metrics["recall"], precision),
        "n_predicted_positive": counts.tp + counts.fp,
        "message": message,
    }


# Thinned curves per sweep (a sweep never changes), so threshold_figure called without
# `curves` pays the O(n) pass once, not on every slider move. Weak keys: a sweep that is
# no longer used frees its curves too.
_CURVES_CACHE = weakref.WeakKeyDictionary()


def threshold_curves(sweep, *, max_points=MAX_THRESHOLD_CURVE_POINTS):
    """ROC and PR curves of a sweep, thinned for drawing, with their areas.

    This is the one step of the threshold figure whose cost grows with the number of
    samples (a pass over the sorted scores, a few ms at 10^5). It runs once per sweep
    and ``max_points``: later calls return the cached, read-only arrays.

    Parameters
    ----------
    sweep : lecturelib.curves.ThresholdSweep
    max_points : int, default 400
        At most this many points per curve (at least 2), spaced along the curve's length
        so its shape is kept.

    Returns
    -------
    dict
        ``fpr``, ``tpr`` : ndarray
            The ROC curve (:meth:`~lecturelib.curves.ThresholdSweep.roc_curve`), thinned.
        ``recall``, ``precision`` : ndarray
            The PR curve, thinned.
        ``roc_auc``, ``average_precision`` : float
            From the full curves: :func:`~lecturelib.curves.roc_auc_score` and
            :func:`~lecturelib.curves.average_precision_score` of the same data.
        ``prevalence`` : float
            The PR curve's chance level (a random scorer's precision).

    Examples
    --------
    >>> from lecturelib.curves import ThresholdSweep
    >>> from lecturelib.datasets import score_distributions
    >>> curves = threshold_curves(ThresholdSweep(*score_distributions(3000, 7000)))
    >>> len(curves["fpr"]) <= 400, len(curves["recall"]) <= 400
    (True, True)
    """
    from .curves import auc

    sweep = _check_sweep(sweep)
    max_points = check_positive_int(max_points, "max_points", minimum=2)
    cached = _CURVES_CACHE.get(sweep, {}).get(max_points)
    if cached is not None:
        return dict(cached)
    fpr, tpr, _ = sweep.roc_curve()
    precision, recall, _ = sweep.precision_recall_curve()
    # Step-wise AP, as average_precision_score sums it (the last point is P = 1 at R = 0).
    average_precision = float(max(0.0, -np.sum(np.diff(recall) * precision[:-1])))
    fpr_thin, tpr_thin = _thin_curve(fpr, tpr, max_points)
    recall_thin, precision_thin = _thin_curve(recall, precision, max_points)
    curves = {
        "fpr": fpr_thin,
        "tpr": tpr_thin,
        "recall": recall_thin,
        "precision": precision_thin,
        "roc_auc": auc(fpr, tpr),
        "average_precision": average_precision,
        "prevalence": sweep.prevalence,
    }
    for value in curves.values():
        if isinstance(value, np.ndarray):
            # Shared by every later call for this sweep, so nobody may change them.
            value.flags.writeable = False
    _CURVES_CACHE.setdefault(sweep, {})[max_points] = curves
    return dict(curves)


# The panels' places in inches (left, width) on one row: fixed, because every label in
# this figure has a known size. A layout engine would cost a second full draw per slider
# move. Most of a redraw is matplotlib's per-artist work (each tick is five artists, each
# text is laid out and measured), so the figure keeps ticks and texts few.
_THRESHOLD_FIGSIZE = (12.6, 3.25)
_THRESHOLD_PANELS = ((0.9, 2.3), (4.05, 2.2), (7.05, 2.3), (10.1, 2.3))
_THRESHOLD_PANEL_BOTTOM, _THRESHOLD_PANEL_HEIGHT = 0.6, 2.3
_MIDLINE_COLOUR = "0.88"


def _draw_metric_bars(ax, metrics):
    values = [metrics[key] for key, _ in _THRESHOLD_METRICS]
    rows = np.arange(len(values))
    ax.barh(rows, np.nan_to_num(values), height=0.62, color=_METRIC_BAR_COLOUR)
    # Names are plain texts left of the axes rather than tick labels, and the axes has no
    # axis machinery at all (values are printed; lines mark 0 and 1): the same look at a
    # fraction of the drawing cost.
    names_at = ax.get_yaxis_transform()
    for row, value, (_, name) in zip(rows, values, _THRESHOLD_METRICS):
        ax.text(-0.03, row, name, transform=names_at, ha="right", va="center")
        if np.isnan(value):
            ax.text(0.02, row, "undefined (0/0)", va="center", color="0.4")
        elif value >= 0.8:
            # Inside the end of a long bar, clear of the line that marks 1.
            ax.text(value - 0.02, row, f"{value:.3f}", ha="right", va="center", color="white")
        else:
            ax.text(value + 0.02, row, f"{value:.3f}", va="center")
    ax.set_ylim(len(values) - 0.5, -0.5)  # top to bottom, in the lecture's order
    ax.set_xlim(0, 1.25)  # room right of a short bar for its value
    ax.set_axis_off()
    ax.axvline(0.0, color="0.25", linewidth=1)
    ax.axvline(1.0, color="0.6", linewidth=1, linestyle="--")


def _mark_operating_point(ax, x, y):
    # Dotted guides to both axes show which rate each coordinate is.
    ax.plot([x, x, 0], [0, y, y], color=_OPERATING_POINT_COLOUR, linestyle=":",
            linewidth=1.1, zorder=4)
    # Not clipped: at a corner such as (0, 0) half the marker would be cut off.
    ax.plot([x], [y], linestyle="none", marker="o", markersize=10,
            markerfacecolor=_OPERATING_POINT_COLOUR, markeredgecolor="white",
            markeredgewidth=1.5, zorder=5, clip_on=False)


def _unit_square(ax, xlabel, ylabel):
    """Axes for two rates on [0, 1], without tick machinery.

    Each tick is five artists and costs about a millisecond per redraw; on a unit square
    ticks at 0 and 1 would only repeat the corners. So the corners are labelled with
    three plain texts and the midlines drawn as plain lines: a tenth of each redraw.
    """
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.axhline(0.5, color=_MIDLINE_COLOUR, linewidth=0.8, zorder=0)
    ax.axvline(0.5, color=_MIDLINE_COLOUR, linewidth=0.8, zorder=0)
    for x, y, text, ha, va in ((-0.025, -0.025, "0", "right", "top"),
                               (1.0, -0.025, "1", "center", "top"),
                               (-0.025, 1.0, "1", "right", "center")):
        ax.text(x, y, text, ha=ha, va=va, color="0.25")
    # Without tick labels the axis labels would sit on the corner labels; pad them out.
    ax.set_xlabel(xlabel, labelpad=13)
    ax.set_ylabel(ylabel, labelpad=11)


def threshold_figure(sweep, state, *, curves=None):
    """The confusion matrix, its metrics and the operating point on ROC and PR curves.

    Draws a :func:`threshold_state` result in four panels, side by side:

    a. the confusion matrix laid out as scikit-learn's (rows actual, columns predicted:
       ``[[TN, FP], [FN, TP]]``), right answers green and mistakes red
       (:func:`lecturelib.plots.plot_confusion_matrix`);
    b. accuracy, precision, recall, specificity and F1 as bars with their values;
    c. the ROC curve with the chance diagonal and the operating point (FPR, TPR);
    d. the PR curve with the chance level (the prevalence) and the operating point
       (recall, precision), left out, with a note, when nothing is predicted positive.

    It is the static counterpart of :func:`threshold_explorer`: call it at a few
    thresholds for small multiples that read without a kernel. The cost of a redraw does
    not depend on the number of samples (the curves are thinned once, see
    :func:`threshold_curves`); the layout is fixed, with no layout engine, and ticks and
    texts are few, which keeps it within the 150 ms budget of ``COURSE.md``.

    Parameters
    ----------
    sweep : lecturelib.curves.ThresholdSweep
    state : dict
        From ``threshold_state(sweep, threshold)``.
    curves : dict, optional
        From ``threshold_curves(sweep)``, which is what is used when it is left out (it
        is computed once per sweep and cached, so redraws stay cheap either way).

    Returns
    -------
    matplotlib.figure.Figure
        Four axes, in the order above.
    """
    import matplotlib.pyplot as plt

    from .plots import plot_confusion_matrix

    sweep = _check_sweep(sweep)
    if curves is None:
        curves = threshold_curves(sweep)
    width, height = _THRESHOLD_FIGSIZE
    fig = plt.figure(figsize=_THRESHOLD_FIGSIZE, dpi=FIGURE_DPI)
    ax_cm, ax_bar, ax_roc, ax_pr = (
        fig.add_axes((left / width, _THRESHOLD_PANEL_BOTTOM / height, panel / width,
                      _THRESHOLD_PANEL_HEIGHT / height))
        for left, panel in _THRESHOLD_PANELS)

    plot_confusion_matrix(state["counts"], ax=ax_cm)
    _draw_metric_bars(ax_bar, state["metrics"])

    ax_roc.plot([0, 1], [0, 1], color=_SWEEP_CHANCE_COLOUR, linestyle="--", linewidth=1.1)
    ax_roc.text(0.62, 0.56, "chance", rotation=45, ha="center", va="center", fontsize=9,
                color=_SWEEP_CHANCE_COLOUR)
    ax_roc.plot(curves["fpr"], curves["tpr"], color=_SWEEP_CURVE_COLOUR, linewidth=2)
    _mark_operating_point(ax_roc, *state["roc_point"])
    _unit_square(ax_roc, "false-positive rate", "true-positive rate")

    prevalence = curves["prevalence"]
    ax_pr.axhline(prevalence, color=_SWEEP_CHANCE_COLOUR, linestyle="--", linewidth=1.1)
    # Chance is named at the left, where a useful PR curve is high above it.
    ax_pr.text(0.02, prevalence + 0.015, "chance", va="bottom", fontsize=9,
               color=_SWEEP_CHANCE_COLOUR)
    ax_pr.plot(curves["recall"], curves["precision"], color=_SWEEP_CURVE_COLOUR,
               linewidth=2, drawstyle="steps-post")
    recall, precision = state["pr_point"]
    if np.isnan(precision):
        # Precision is 0/0: there is no point to mark, so say why the panel has none.
        ax_pr.text(0.5, 0.68, "no point: nothing is\npredicted positive,\nprecision is 0/0",
                   ha="center", va="center", fontsize=9, color="0.3",
                   bbox={"facecolor": "white", "edgecolor": "0.7", "alpha": 0.9})
    else:
        _mark_operating_point(ax_pr, recall, precision)
    _unit_square(ax_pr, "recall", "precision")

    # The threshold heads the first panel (a figure title would cost as much to draw as a
    # panel's labels). Titles sit at a fixed height: nothing is drawn above the panels,
    # and matplotlib's automatic placement measures every tick label first.
    titles = (f"Threshold {_format_threshold(state['threshold'])}", "Metrics",
              f"ROC: AUC {curves['roc_auc']:.3f}", f"PR: AP {curves['average_precision']:.3f}")
    for ax, title in zip((ax_cm, ax_bar, ax_roc, ax_pr), titles):
        ax.set_title(title, y=1.0, pad=6)
    return fig


def _threshold_slider_range(low, high, threshold):
    """Step, minimum and maximum of a slider over scores in [low, high].

    The step is a round number (1, 2 or 5 times a power of ten) giving about 1,000
    positions; the range runs from at or below the lowest score (everything positive)
    to one step above the highest (nothing positive), widened to include ``threshold``.
    """
    magnitude = max(abs(low), abs(high), 1.0)
    # One distinct score: any span will do. Otherwise at least a millionth of the scores'
    # magnitude, so each step stays far above float rounding (1e-16 of it).
    span = max(high - low, 1e-6 * magnitude) if high > low else magnitude
    target = span / 1000
    exponent = np.floor(np.log10(target))
    # The largest round number up to the target; the tolerance and the decade below keep
    # log10's rounding (10 ** floor(log10(1e-9)) can exceed 1e-9) from leaving none.
    step = max(m * 10.0 ** e for e in (exponent - 1, exponent) for m in (1, 2, 5)
               if m * 10.0 ** e <= target * (1 + 1e-9))
    minimum = np.floor(low / step) * step
    maximum = (np.floor(high / step) + 1) * step
    # Rounding in low / step can land a grid point just past a score; step back out.
    if minimum > low:
        minimum -= step
    if maximum <= high:
        maximum += step
    minimum, maximum = min(minimum, threshold), max(maximum, threshold)
    decimals = int(max(0, -np.floor(np.log10(step))))
    return float(step), float(minimum), float(maximum), decimals


def threshold_explorer(y_true, y_score, *, threshold=0.5, pos_label=None):
    """A threshold slider over a classifier's scores, redrawing the confusion matrix,
    the metrics and the operating point on the ROC and PR curves.

    The scores are sorted once here (:class:`lecturelib.curves.ThresholdSweep`) and the
    curves thinned once (:func:`threshold_curves`); each slider move then runs
    :func:`threshold_state` (a couple of binary searches) and draws
    :func:`threshold_figure`. The line between the slider and the figure is the state's
    ``message``.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Binary labels with both classes present.
    y_score : array-like of shape (n_samples,)
        Finite scores; higher means more likely positive.
    threshold : float, default 0.5
        Starting threshold, finite. The slider runs from the lowest score (everything
        positive) to just above the highest (nothing positive), widened to include this
        value, in about 1,000 round steps.
    pos_label : label, optional
        The positive class; needed when the labels are not {0, 1} or {-1, 1}.

    Returns
    -------
    ipywidgets.VBox
        The slider, the message and the figure, with attributes ``controls`` (dict with
        the ``threshold`` slider), ``status``, ``output`` and ``sweep``.
    """
    import ipywidgets as widgets

    from .curves import ThresholdSweep

    sweep = ThresholdSweep(y_true, y_score, pos_label=pos_label)
    threshold = _check_real(threshold, "threshold")
    curves = threshold_curves(sweep)
    scores = sweep.distinct_scores
    step, minimum, maximum, decimals = _threshold_slider_range(float(scores[0]),
                                                               float(scores[-1]), threshold)
    slider = widgets.FloatSlider(value=threshold, min=minimum, max=maximum, step=step,
                                 description="threshold", continuous_update=False,
                                 readout_format=f".{decimals}f",
                                 style={"description_width": "initial"},
                                 layout=widgets.Layout(width="520px"))
    status = widgets.HTML(value="")

    def draw(threshold):
        state = threshold_state(sweep, threshold)
        status.value = html.escape(state["message"])
        _show(threshold_figure(sweep, state, curves=curves))

    controls = {"threshold": slider}
    box = _explorer_box(slider, status, draw, controls)
    box.sweep = sweep
    return box

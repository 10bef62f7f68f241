"""Judging generated images: pixel scores and feature-space scores (notebook 08).

Two explorers.

:func:`degradation_explorer` degrades a photograph with noise, blur and a shift
(:func:`lecturelib.datasets.degrade_image`) and shows the original, the copy, their
difference, and the copy's PSNR and SSIM against the original
(:mod:`lecturelib.generative.image`) on a PSNR-SSIM plane, next to the paths that each
degradation alone traces. A one-pixel shift keeps every detail, yet its PSNR is as low as
that of a heavy blur that the eye sees at once: PSNR compares pixel by pixel.

:func:`mode_collapse_explorer` lets a stand-in generator drop whole digit classes
(:func:`lecturelib.datasets.generated_digits` with ``kind='mode_collapse'``) and compares
its output with real held-out digits in the feature space of a small trained network
(:mod:`lecturelib.generative.features`): the Fréchet distance, precision and recall, and
density and coverage (:mod:`lecturelib.generative.distribution`). As classes are dropped,
recall and coverage fall step by step while precision stays high: every image is still a
good digit, there are just fewer kinds of them. The Fréchet distance rises too, but its
one number does not say which of the two went wrong.
"""

from __future__ import annotations

import hashlib
import html
import math
import numbers
from collections import OrderedDict
from collections.abc import Mapping

import numpy as np

from ..i18n import gettext as _
from ..plots import FIGURE_DPI, _check_real
from ._shell import _axes, _explorer_box, _show
from .segmentation import _hand_ticks

__all__ = [
    "degradation_state",
    "degradation_figure",
    "degradation_explorer",
    "mode_collapse_features",
    "mode_collapse_state",
    "mode_collapse_figure",
    "mode_collapse_explorer",
]

_GRID_COLOUR = "0.9"
_LABELPAD = 18


def _cache_key(*arrays):
    """A short digest of arrays' shapes and bytes: the key of the module's caches."""
    digest = hashlib.sha1()
    for array in arrays:
        array = np.ascontiguousarray(array)
        digest.update(f"{array.dtype.str}{array.shape}".encode())
        digest.update(array.tobytes())
    return digest.hexdigest()


def _remember(cache, key, size, compute):
    """``cache[key]``, computed by ``compute()`` the first time; at most ``size`` entries."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache[key] = value
        if len(cache) > size:
            cache.popitem(last=False)
    else:
        cache.move_to_end(key)
    return value


# ====================================================================== degradation

# The sliders' ranges and steps: noise std, blur sigma (pixels), shift (whole pixels).
NOISE_MAX, NOISE_STEP = 0.3, 0.01
BLUR_MAX, BLUR_STEP = 3.0, 0.1
SHIFT_MAX = 4
# Each degradation alone, at every slider step: the paths drawn on the PSNR-SSIM plane.
NOISE_SWEEP = np.round(np.arange(0, 31) * NOISE_STEP, 2)
BLUR_SWEEP = np.round(np.arange(0, 31) * BLUR_STEP, 1)
SHIFT_SWEEP = np.arange(0, SHIFT_MAX + 1)
for _sweep_values in (NOISE_SWEEP, BLUR_SWEEP, SHIFT_SWEEP):
    _sweep_values.flags.writeable = False

# The three degradations: key, legend text, colour (Okabe-Ito), line style, marker, and
# the slider values labelled along its path.
_DEGRADATIONS = (
    ("noise", "noise alone (std)", "#E69F00", "-", None, (0.1, 0.2, 0.3)),
    ("blur", "blur alone (px)", "#0072B2", "-", None, (1.0, 2.0, 3.0)),
    ("shift", "shift alone (px)", "#CC79A7", "--", "s", (1, 2, 3, 4)),
)

# The PSNR axis of the plane: finite values above _PSNR_TOP are drawn at _PSNR_TOP, and
# identical images (PSNR infinite) in a column of their own at _PSNR_INF_X.
_PSNR_TOP = 50.0
_PSNR_BREAK = 53.5
_PSNR_INF_X = 56.5
_PSNR_XMAX = 59.0
# Largest difference the difference map's colours tell apart; larger ones look the same.
_DIFFERENCE_MAX = 0.5

# Panel places in inches (left, bottom, width, height): fixed, because every label has a
# known size and a layout engine would cost a second full draw per slider move.
_DEG_FIGSIZE = (13.0, 3.65)
_IMAGE_SIDE = 2.4
_ORIGINAL = (0.2, 0.8, _IMAGE_SIDE, _IMAGE_SIDE)
_DEGRADED = (2.85, 0.8, _IMAGE_SIDE, _IMAGE_SIDE)
_DIFFERENCE = (5.5, 0.8, _IMAGE_SIDE, _IMAGE_SIDE)
_IMAGES_BOTTOM = 0.05  # the images' axes reaches down to hold the texts below them
_STRIP_GAP, _STRIP_HEIGHT = 0.12, 0.13
_PLANE = (8.95, 0.8, 3.85, _IMAGE_SIDE)

_PHOTO = []  # sample_photo(), read once
_DEG_SWEEP_CACHE = OrderedDict()
_DEG_SWEEP_CACHE_SIZE = 16


def _default_photo():
    if not _PHOTO:
        from ..datasets import sample_photo

        photo = sample_photo()
        photo.flags.writeable = False
        _PHOTO.append(photo)
    return _PHOTO[0]


def _check_shift(shift, maximum=None):
    if (isinstance(shift, bool) or not isinstance(shift, numbers.Integral) or shift < 0
            or (maximum is not None and shift > maximum)):
        where = f"from 0 to {maximum}" if maximum is not None else ">= 0 (to the right)"
        raise ValueError(f"`shift` must be a whole number of pixels {where}, got {shift!r}.")
    return int(shift)


def _image_scores(image, degraded):
    from ..generative.image import peak_signal_noise_ratio, structural_similarity

    return (peak_signal_noise_ratio(image, degraded, data_range=1.0),
            structural_similarity(image, degraded, data_range=1.0))


def _degradation_sweeps(image, seed):
    """PSNR and SSIM of each degradation alone at every slider step (cached per image)."""
    from ..datasets import degrade_image

    def compute():
        sweeps = {}
        for key, values in (("noise", NOISE_SWEEP), ("blur", BLUR_SWEEP),
                            ("shift", SHIFT_SWEEP)):
            values = values[values < image.shape[1]] if key == "shift" else values
            scores = np.array([_image_scores(image, degrade_image(
                image, **{key: value.item()}, seed=seed)) for value in values])
            psnr, ssim = scores[:, 0].copy(), scores[:, 1].copy()
            for array in (psnr, ssim):
                array.flags.writeable = False
            sweeps[key] = (values, psnr, ssim)
        return sweeps

    return dict(_remember(_DEG_SWEEP_CACHE, (_cache_key(image), seed),
                          _DEG_SWEEP_CACHE_SIZE, compute))


def _equal_psnr_strength(values, psnr, target):
    """The strength at which a sweep first falls to ``target`` dB (linear between slider
    steps), or None when it never does within the slider's range."""
    finite = np.where(np.isfinite(psnr), psnr, np.inf)
    below = np.flatnonzero(finite <= target)
    if below.size == 0 or not math.isfinite(target):
        return None
    j = int(below[0])
    if j == 0:
        return float(values[0])
    high, low = finite[j - 1], finite[j]  # PSNR falls from high to low between them
    if not math.isfinite(high):
        return float(values[j])
    return float(values[j - 1] + (values[j] - values[j - 1]) * (high - target) / (high - low))


def _psnr_text(psnr, digits=1):
    return "∞" if math.isinf(psnr) else f"{psnr:.{digits}f} dB"


def degradation_state(image=None, *, noise=0.0, blur=0.0, shift=0, seed=0):
    r"""A degraded copy of an image, and its PSNR and SSIM against the original.

    The copy is :func:`lecturelib.datasets.degrade_image` (a Gaussian blur of ``blur``
    pixels, a shift of ``shift`` pixels to the right, then Gaussian noise of standard
    deviation ``noise``, clipped to [0, 1]). It is scored with
    :func:`lecturelib.generative.image.peak_signal_noise_ratio` and
    :func:`~lecturelib.generative.image.structural_similarity` (scikit-image's numbers,
    ``data_range=1``):

    .. math::
        \mathrm{PSNR} = 10 \log_{10} \frac{1}{\mathrm{MSE}} \text{ dB}, \qquad
        \mathrm{SSIM} \in [-1, 1] \text{ (1: identical)}.

    PSNR is infinite for an identical copy. For comparison the state also holds each
    degradation *alone* at every step of the explorer's sliders (noise 0 to 0.3 in steps
    of 0.01, blur 0 to 3 in steps of 0.1, shift 0 to 4), computed once per image and seed.

    Parameters
    ----------
    image : array-like of shape (H, W), optional
        Grey levels in [0, 1], at least 7 x 7 pixels (SSIM's window); by default
        :func:`lecturelib.datasets.sample_photo` (128 x 128).
    noise : float, default 0.0
        Standard deviation of the noise, ``>= 0``.
    blur : float, default 0.0
        Standard deviation of the blur in pixels, ``>= 0``.
    shift : int, default 0
        Whole pixels to the right, ``>= 0`` and below the width.
    seed : int, default 0
        Seed of the noise.

    Returns
    -------
    dict
        ``image``, ``degraded`` : ndarray of float64
            The original and the copy; ``difference`` is ``|degraded - image|``.
        ``noise``, ``blur`` : float; ``shift``, ``seed`` : int
        ``psnr`` : float
            In dB, ``inf`` for an identical copy.
        ``ssim``, ``mse``, ``max_difference`` : float
        ``sweeps`` : dict
            ``"noise"``, ``"blur"`` and ``"shift"``, each ``(values, psnr, ssim)``: that
            degradation alone at every slider step (shift only below the width).
        ``same_psnr`` : dict
            For each degradation whose slider is at 0: the strength that alone gives the
            same PSNR (interpolated between slider steps), or None when none within the
            slider's range does.
        ``message`` : str
            One plain-text sentence with these numbers, as the explorer shows it.

    Raises
    ------
    ValueError
        If ``image`` is not a 2-D image in [0, 1] of at least 7 x 7 pixels, ``noise`` or
        ``blur`` is negative or not a number, ``shift`` is not a whole number from 0 to
        below the width, or ``seed`` is not a valid seed.

    Examples
    --------
    A 16 x 16 ramp from 0 to 1 moved one pixel to the right: 15 of the 16 columns are
    off by 1/15, so MSE = (15/16) / 15² and PSNR = 10 log10(1 / MSE).

    >>> ramp = np.tile(np.linspace(0, 1, 16), (16, 1))
    >>> state = degradation_state(ramp, shift=1)
    >>> round(state["mse"], 6), round(state["psnr"], 2)
    (0.004167, 23.8)
    >>> degradation_state(ramp)["psnr"]
    inf
    """
    from ..datasets import degrade_image

    if image is None:
        image = _default_photo()
    else:
        image = np.asarray(image)
        if image.dtype.kind not in "biuf":
            raise ValueError(f"`image` must hold grey levels in [0, 1], got dtype "
                             f"{image.dtype}.")
        image = image.astype(np.float64)
        if image.ndim != 2 or min(image.shape) < 7:
            raise ValueError(f"`image` must be a 2-D grey-scale image of at least 7 x 7 "
                             f"pixels (SSIM's window), got shape {image.shape}.")
    noise = _check_real(noise, "noise", minimum=0)
    blur = _check_real(blur, "blur", minimum=0)
    shift = _check_shift(shift)
    # degrade_image checks the image's values, the shift against the width and the seed.
    degraded = degrade_image(image, noise=noise, blur=blur, shift=shift, seed=seed)
    image = np.array(image, dtype=np.float64)
    psnr, ssim = _image_scores(image, degraded)
    difference = np.abs(degraded - image)
    mse = float(np.mean(difference ** 2))
    sweeps = _degradation_sweeps(image, seed)
    strengths = {"noise": noise, "blur": blur, "shift": shift}
    same_psnr = {key: _equal_psnr_strength(sweeps[key][0], sweeps[key][1], psnr)
                 for key in ("noise", "blur") if strengths[key] == 0}

    sentences = [_("Noise {noise}, blur {blur} px, shift {shift} px: PSNR {psnr}, SSIM "
                   "{ssim} (MSE {mse}).").format(
        noise=f"{noise:.2f}", blur=f"{blur:.1f}", shift=shift, psnr=_psnr_text(psnr, 2),
        ssim=f"{ssim:.3f}", mse=f"{mse:.4f}")]
    if math.isinf(psnr):
        sentences.append(_("The copy is identical: PSNR is infinite and SSIM 1. Move a "
                           "slider."))
    else:
        equal = {key: value for key, value in same_psnr.items()
                 if value is not None and value > 0}
        if equal:
            if "noise" in equal and "blur" in equal:
                sentence = _("The same PSNR as noise of std {noise} or a blur of {blur} px "
                             "alone (dotted line).")
            elif "noise" in equal:
                sentence = _("The same PSNR as noise of std {noise} alone (dotted line).")
            else:
                sentence = _("The same PSNR as a blur of {blur} px alone (dotted line).")
            sentences.append(sentence.format(noise=f"{equal.get('noise', 0):.2f}",
                                             blur=f"{equal.get('blur', 0):.1f}"))
        if "blur" in same_psnr and same_psnr["blur"] is None:
            strongest = sweeps["blur"][1][-1]
            if psnr < strongest:
                sentences.append(_(
                    "Blur alone needs more than {blur_max} px to score this low "
                    "({blur_max} px: {psnr} dB)."
                ).format(blur_max=f"{BLUR_MAX:g}", psnr=f"{strongest:.1f}"))
        if shift and noise == 0 and blur == 0:
            sentences.append(_("Only the position changed, every detail is intact, yet "
                               "PSNR compares pixel by pixel."))
    message = " ".join(sentences)
    return {
        "image": image,
        "degraded": degraded,
        "difference": difference,
        "noise": noise,
        "blur": blur,
        "shift": shift,
        "seed": int(seed),
        "psnr": float(psnr),
        "ssim": float(ssim),
        "mse": mse,
        "max_difference": float(difference.max()),
        "sweeps": sweeps,
        "same_psnr": same_psnr,
        "message": message,
    }


def _psnr_x(psnr):
    """Where a PSNR goes on the plane's x axis."""
    psnr = np.asarray(psnr, dtype=float)
    return np.where(np.isinf(psnr), _PSNR_INF_X, np.minimum(psnr, _PSNR_TOP))


def _draw_plane(ax, state):
    sweeps = state["sweeps"]
    finite = [p for _values, psnr, _ssim in sweeps.values() for p in psnr if np.isfinite(p)]
    if np.isfinite(state["psnr"]):
        finite.append(state["psnr"])
    low = min(10.0, 5.0 * np.floor((min(finite, default=10.0) - 1.0) / 5.0))
    lowest_ssim = min([0.0, state["ssim"]]
                      + [float(ssim.min()) for _values, _psnr, ssim in sweeps.values()])
    y_low = -0.04 if lowest_ssim >= 0 else lowest_ssim - 0.04

    ax.set_xlim(low - 1.0, _PSNR_XMAX)
    ax.set_ylim(y_low, 1.06)
    to_pixels = ax.transData.transform
    placed = []  # pixel boxes of the value labels drawn so far
    for key, label, colour, style, marker, marked in _DEGRADATIONS:
        values, psnr, ssim = sweeps[key]
        shown = np.isfinite(psnr)
        x = _psnr_x(psnr[shown])
        ax.plot(x, ssim[shown], color=colour, linestyle=style, linewidth=1.8,
                marker=marker, markersize=4.5, zorder=3)
        dx, ha = (-6, "right") if key == "shift" else (6, "left")
        for value in marked:
            at = np.flatnonzero(np.isclose(values, value))
            if not at.size or not np.isfinite(psnr[at[0]]):
                continue
            point = (float(_psnr_x(psnr[at[0]])), float(ssim[at[0]]))
            if key != "shift":
                ax.plot(*point, linestyle="none", marker="o", markersize=4, color=colour,
                        zorder=4)
            text = f"{value:.1f}" if key == "noise" else f"{value:g}"
            # Skip a label that would cover another (about 6 by 11 pixels a character).
            px, py = to_pixels(point)
            box_x = px + dx if dx > 0 else px + dx - 6 * len(text)
            box = (box_x, py - 6, box_x + 6 * len(text), py + 6)
            if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                   for b in placed):
                continue
            placed.append(box)
            ax.annotate(text, point, color=colour, xytext=(dx, 0), textcoords="offset points",
                        ha=ha, va="center", fontsize=8, zorder=4, annotation_clip=False)
    # Identical copies (every path's start) sit at PSNR = infinity, SSIM = 1.
    ax.plot([_PSNR_INF_X], [1.0], linestyle="none", marker="o", markersize=5,
            markerfacecolor="white", markeredgecolor="0.3", zorder=4)
    x_now = float(_psnr_x(state["psnr"]))
    if np.isfinite(state["psnr"]):
        ax.axvline(x_now, color="black", linestyle=":", linewidth=1.1, zorder=2)
    ax.plot([x_now], [state["ssim"]], linestyle="none", marker="o", markersize=10,
            markerfacecolor="black", markeredgecolor="white", markeredgewidth=1.5,
            zorder=6, clip_on=False)
    # The axis is broken between the finite values and infinity.
    for x in (_PSNR_BREAK - 0.5, _PSNR_BREAK + 0.5):
        ax.plot([x - 0.35, x + 0.35], [-0.025, 0.025], color="black", linewidth=0.9,
                transform=ax.get_xaxis_transform(), clip_on=False, zorder=7)
    ax.axvspan(_PSNR_BREAK - 0.5, _PSNR_BREAK + 0.5, color="white", zorder=1)
    x_ticks = [(float(t), f"{t:g}") for t in np.arange(10.0 * np.ceil(low / 10.0),
                                                        _PSNR_TOP + 1, 10.0)]
    x_ticks[-1] = (_PSNR_TOP, f"≥{_PSNR_TOP:g}")
    x_ticks.append((_PSNR_INF_X, "∞"))
    y_ticks = [(0.0, "0"), (0.5, "0.5"), (1.0, "1")]
    for level in (0.5, 1.0):
        ax.axhline(level, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
    _hand_ticks(ax, _PLANE[2:], x=x_ticks, y=y_ticks)
    ax.set_xlabel("PSNR (dB)", labelpad=_LABELPAD)
    ax.set_ylabel("SSIM", labelpad=22)
    psnr = "∞ (identical)" if math.isinf(state["psnr"]) else f"{state['psnr']:.1f} dB"
    ax.set_title(f"PSNR {psnr}   SSIM {state['ssim']:.3f}",
                 y=1.0, pad=6, fontweight="bold")


def _draw_images(fig, state):
    """Original, copy, difference and the difference's colour strip in one axes whose
    data coordinates are the figure's inches (one axes draws much faster than four)."""
    from matplotlib.patches import Rectangle

    width, height = _DEG_FIGSIZE
    left, bottom, top = _ORIGINAL[0], _IMAGES_BOTTOM, _ORIGINAL[1] + _IMAGE_SIDE
    right = _DIFFERENCE[0] + _IMAGE_SIDE
    ax = fig.add_axes((left / width, bottom / height, (right - left) / width,
                       (top - bottom) / height))
    rows, cols = state["image"].shape
    scale = _IMAGE_SIDE / max(rows, cols)  # inches per pixel, square pixels
    panels = ((_ORIGINAL, state["image"], "gray", 1.0, "Original"),
              (_DEGRADED, state["degraded"], "gray", 1.0, "Degraded copy"),
              (_DIFFERENCE, state["difference"], "magma", _DIFFERENCE_MAX, "|Copy − original|"))
    for (x0, y0, w, h), image, cmap, vmax, title in panels:
        x0, y0 = x0 + (w - cols * scale) / 2, y0 + (h - rows * scale) / 2
        x1, y1 = x0 + cols * scale, y0 + rows * scale
        ax.imshow(image, cmap=cmap, vmin=0, vmax=vmax, interpolation="nearest",
                  extent=(x0, x1, y0, y1), aspect="auto")
        ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor="0.3",
                               linewidth=0.8))
        ax.text((x0 + x1) / 2, y0 + h + 0.09, title, ha="center", va="baseline",
                fontsize="large")
    # Below the original and the copy: what they are.
    for (x0, y0, w, _unused), text in (
            (_ORIGINAL, f"{cols} × {rows} pixels, grey levels 0 to 1"),
            (_DEGRADED, f"noise {state['noise']:.2f} · blur {state['blur']:.1f} px · "
                        f"shift {state['shift']} px")):
        ax.text(x0 + w / 2, y0 - 0.1, text, ha="center", va="top", fontsize=9.5)
    # Below the difference: its colour scale.
    x0, y0, w, _unused = _DIFFERENCE
    strip_top = y0 - _STRIP_GAP
    ax.imshow(np.linspace(0, 1, 256)[None, :], cmap="magma", vmin=0, vmax=1,
              aspect="auto", extent=(x0, x0 + w, strip_top - _STRIP_HEIGHT, strip_top))
    for x, text, ha in ((x0, "0", "left"), (x0 + w / 2, f"{_DIFFERENCE_MAX / 2:g}", "center"),
                        (x0 + w, f"≥{_DIFFERENCE_MAX:g}", "right")):
        ax.text(x, strip_top - _STRIP_HEIGHT - 0.05, text, ha=ha, va="top", fontsize=9)
    ax.text(x0 + w / 2, strip_top - _STRIP_HEIGHT - 0.27,
            f"largest difference {state['max_difference']:.2f}", ha="center", va="top",
            fontsize=9)
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)
    ax.set_axis_off()
    return ax


def degradation_figure(state):
    """The original, the degraded copy, their difference, and the copy's PSNR and SSIM.

    Draws a :func:`degradation_state` result in four panels, side by side:

    a. the original image;
    b. the degraded copy, its settings below it;
    c. ``|degraded - original|`` per pixel (black: no difference; the colours stop at
       0.5), with its colour scale below;
    d. the copy's PSNR (x) and SSIM (y) as a large dot, its values in the title, on the
       paths that noise, blur and a shift *alone* trace across their sliders' ranges
       (labelled with the slider values); PSNR above 50 dB is drawn at 50, an identical
       copy at ∞. The dotted vertical line marks the copy's PSNR: every point on it has
       the same PSNR, however different it looks.

    It is the static counterpart of :func:`degradation_explorer`, and draws the
    explorer's figure for the same values. The layout is fixed (no layout engine), so a
    redraw stays within the course's 150 ms.

    Parameters
    ----------
    state : dict
        From :func:`degradation_state`.

    Returns
    -------
    matplotlib.figure.Figure
        Two axes: the three images with the colour strip (drawn in one axes, whose
        texts are the panels' titles), and the PSNR-SSIM plane.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    fig = plt.figure(figsize=_DEG_FIGSIZE, dpi=FIGURE_DPI)
    _draw_images(fig, state)
    ax_plane = _axes(fig, _DEG_FIGSIZE, _PLANE)
    _draw_plane(ax_plane, state)
    handles = [Line2D([], [], color=colour, linestyle=style, marker=marker, markersize=4.5,
                      linewidth=1.8, label=label)
               for _key, label, colour, style, marker, _marked in _DEGRADATIONS]
    handles.append(Line2D([], [], linestyle=":", color="black", marker="o", markersize=8,
                          markerfacecolor="black", markeredgecolor="white",
                          label="this copy (dotted: same PSNR)"))
    ax_plane.legend(handles=handles, loc="lower right", fontsize=8.5, frameon=True,
                    framealpha=0.9, edgecolor="0.8", handlelength=2.2, borderaxespad=0.4)
    return fig


def degradation_explorer(image=None, *, noise=0.0, blur=0.0, shift=0, seed=0):
    """Sliders for noise, blur and a shift of an image, redrawing the copy's PSNR and SSIM.

    Each move runs :func:`degradation_state` and draws :func:`degradation_figure`; the
    line between the sliders and the figure is the state's ``message``.

    Parameters
    ----------
    image : array-like of shape (H, W), optional
        Grey levels in [0, 1], at least 7 x 7 pixels; by default
        :func:`lecturelib.datasets.sample_photo`.
    noise : float in [0, 0.3], default 0.0
        Starting noise; the slider ``noise (std)`` runs from 0 to 0.3 in steps of 0.01.
    blur : float in [0, 3], default 0.0
        Starting blur; the slider ``blur (px)`` runs from 0 to 3 pixels in steps of 0.1.
    shift : int from 0 to 4, default 0
        Starting shift; the slider ``shift (px)`` runs from 0 to 4 whole pixels.
    seed : int, default 0
        Seed of the noise (fixed: moving the noise slider only scales the same noise).

    Returns
    -------
    ipywidgets.VBox
        The sliders, the message and the figure, with attributes ``controls`` (dict with
        the ``noise``, ``blur`` and ``shift`` sliders), ``status`` and ``output``.
    """
    import ipywidgets as widgets

    noise = _check_real(noise, "noise", minimum=0, maximum=NOISE_MAX)
    blur = _check_real(blur, "blur", minimum=0, maximum=BLUR_MAX)
    shift = _check_shift(shift, SHIFT_MAX)
    first = degradation_state(image, noise=noise, blur=blur, shift=shift, seed=seed)
    image = None if image is None else first["image"]
    style = {"description_width": "initial"}
    noise_slider = widgets.FloatSlider(
        value=noise, min=0.0, max=NOISE_MAX, step=NOISE_STEP, description="noise (std)",
        continuous_update=False, readout_format=".2f", style=style,
        layout=widgets.Layout(width="300px"))
    blur_slider = widgets.FloatSlider(
        value=blur, min=0.0, max=BLUR_MAX, step=BLUR_STEP, description="blur (px)",
        continuous_update=False, readout_format=".1f", style=style,
        layout=widgets.Layout(width="300px"))
    shift_slider = widgets.IntSlider(
        value=shift, min=0, max=SHIFT_MAX, step=1, description="shift (px)",
        continuous_update=False, style=style, layout=widgets.Layout(width="260px"))
    status = widgets.HTML(value="")

    def draw(noise, blur, shift):
        state = degradation_state(image, noise=noise, blur=blur, shift=shift, seed=seed)
        status.value = html.escape(state["message"])
        _show(degradation_figure(state))

    controls = {"noise": noise_slider, "blur": blur_slider, "shift": shift_slider}
    row = widgets.HBox([noise_slider, blur_slider, shift_slider])
    return _explorer_box(row, status, draw, controls)


# ==================================================================== mode collapse

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
    from .regression import _round_ticks

    return [(value, f"{100 * value:.0f}%") for value, _unused in _round_ticks(0.0, top, count)]


def _draw_histogram(ax, state):
    classes = state["classes"]
    from matplotlib.collections import PolyCollection

    positions = np.arange(classes.size)
    # Each set's bars as one collection: one artist draws faster than ten rectangles.
    for offset, shares, colour in ((-0.2, state["real_shares"], _REAL_COLOUR),
                                   (0.2, state["generated_shares"], _GENERATED_COLOUR)):
        left, right = positions + offset - 0.2, positions + offset + 0.2
        zeros = np.zeros_like(shares)
        corners = np.stack([np.column_stack(pair) for pair in (
            (left, zeros), (left, shares), (right, shares), (right, zeros))], axis=1)
        ax.add_collection(PolyCollection(corners, facecolors=colour, edgecolors="none",
                                         linewidths=0), autolim=False)
    top = 1.12 * state["largest_share"]
    lacking = np.isin(classes, state["missing_classes"])
    if lacking.any():  # a cross where a class's generated bar is missing
        ax.plot(positions[lacking] + 0.2, np.full(lacking.sum(), 0.035 * top),
                linestyle="none", marker="x", markersize=6, markeredgewidth=1.6,
                color="#D55E00", zorder=4)
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


def _draw_scatter(ax, state):
    real, generated = state["real_xy"], state["generated_xy"]
    # Generated points large and below, real ones small on top: a real point without an
    # orange halo is one that nothing generated comes near.
    ax.plot(generated[:, 0], generated[:, 1], linestyle="none", marker="o", markersize=5,
            markeredgewidth=0, color=_GENERATED_COLOUR, alpha=0.6)
    ax.plot(real[:, 0], real[:, 1], linestyle="none", marker="o", markersize=2.2,
            markeredgewidth=0, color=_REAL_COLOUR)
    x0, x1, y0, y1 = state["xy_limits"]
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel(f"first two principal axes\n({state['explained_variance']:.0%} of the "
                  "variance)", labelpad=6, fontsize=9)
    ax.set_title("Features (PCA)", y=1.0, pad=6)


def _draw_scores(ax, state):
    x = state["dropped_values"]
    dropped = state["dropped"]
    top = max(1.04, 1.05 * float(state["density_curve"].max()))
    for key, _unused, colour, style in _SCORES:
        ax.plot(x, state[f"{key}_curve"], color=colour, linestyle=style, linewidth=1.8)
        ax.plot([dropped], [state[key]], linestyle="none", marker="o", markersize=7,
                color=colour, markeredgecolor="white", zorder=5, clip_on=False)
    ax.axvline(dropped, color="0.2", linewidth=1)
    for level in (0.5, 1.0):
        ax.axhline(level, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
    ax.set_xlim(-0.3, x[-1] + 0.3 if x[-1] > 0 else 0.3)
    ax.set_ylim(0, top)
    _hand_ticks(ax, _SCORES_BOX[2:], x=_dropped_ticks(x),
                y=((0, "0"), (0.5, "0.5"), (1, "1")))
    ax.set_xlabel("classes dropped", labelpad=_LABELPAD)
    ax.set_ylabel("score", labelpad=24)
    ax.set_title("Fidelity and diversity", y=1.0, pad=6)


def _dropped_ticks(x):
    step = 1 if x[-1] <= 10 else int(np.ceil(x[-1] / 10))
    return [(float(v), str(v)) for v in x[::step]]


def _draw_frechet(ax, state):
    from .regression import _round_ticks

    x, curve = state["dropped_values"], state["frechet_curve"]
    dropped = state["dropped"]
    ax.plot(x, curve, color=_FRECHET_COLOUR, linewidth=1.8, marker="o", markersize=3.5)
    ax.axvline(dropped, color="0.2", linewidth=1)
    ax.plot([dropped], [state["frechet_distance"]], linestyle="none", marker="o",
            markersize=9, color=_FRECHET_COLOUR, markeredgecolor="white", zorder=5,
            clip_on=False)
    top = float(curve.max()) or 1.0
    ax.set_xlim(-0.3, x[-1] + 0.3 if x[-1] > 0 else 0.3)
    ax.set_ylim(0, 1.06 * top)
    ticks = _round_ticks(0.0, top, 4)
    for value, _unused in ticks[1:]:
        ax.axhline(value, color=_GRID_COLOUR, linewidth=0.8, zorder=0)
    _hand_ticks(ax, _FRECHET[2:], x=_dropped_ticks(x), y=ticks)
    ax.set_xlabel("classes dropped", labelpad=_LABELPAD)
    ax.set_title(f"Fréchet distance {state['frechet_distance']:.2f}", y=1.0, pad=6)


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
    explorer's figure for the same data and value. The layout is fixed (no layout
    engine), so a redraw stays within the course's 150 ms.

    Parameters
    ----------
    state : dict
        From :func:`mode_collapse_state`.

    Returns
    -------
    matplotlib.figure.Figure
        Four axes: histogram, scatter, scores, Fréchet distance.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    fig = plt.figure(figsize=_MC_FIGSIZE, dpi=FIGURE_DPI)
    ax_hist, ax_scatter, ax_scores, ax_frechet = (
        _axes(fig, _MC_FIGSIZE, box) for box in (_HISTOGRAM, _SCATTER, _SCORES_BOX, _FRECHET))
    _draw_histogram(ax_hist, state)
    _draw_scatter(ax_scatter, state)
    _draw_scores(ax_scores, state)
    _draw_frechet(ax_frechet, state)

    width, height = _MC_FIGSIZE
    dropped = state["dropped"]
    sets = [Patch(color=_REAL_COLOUR, label="real samples (held out)"),
            Patch(color=_GENERATED_COLOUR,
                  label=f"generated, {dropped} class{'es' if dropped != 1 else ''} dropped")]
    left = _HISTOGRAM[0] / width
    right = (_SCATTER[0] + _SCATTER[2]) / width
    fig.legend(handles=sets, loc="lower center", bbox_to_anchor=((left + right) / 2, 0.0),
               ncol=2, frameon=False, fontsize=9.5, handlelength=1.2, columnspacing=1.6,
               borderaxespad=0.3)
    scores = [Line2D([], [], color=colour, linestyle=style, linewidth=1.8,
                     label=f"{name} {state[key]:.3f}")
              for key, name, colour, style in _SCORES]
    centre = (_SCORES_BOX[0] + _SCORES_BOX[2] / 2) / width
    fig.legend(handles=scores, loc="lower center", bbox_to_anchor=(centre, 0.0), ncol=2,
               frameon=False, fontsize=9.5, handlelength=2.2, columnspacing=1.2,
               borderaxespad=0.3)
    fig.text((_FRECHET[0] + _FRECHET[2] / 2) / width, 0.3 / height,
             "one number: it cannot tell worse\nsamples from fewer kinds",
             ha="center", va="center", fontsize=9.5, color="0.3")
    return fig


def mode_collapse_explorer(real_features=None, generated_features_by_dropped=None, *,
                           real_labels=None, generated_labels_by_dropped=None, model=None,
                           dropped=0):
    """A slider for how many classes a generator drops, redrawing its scores.

    The scores of every generated set are computed once, when the explorer is built
    (about a second for the default ten sets of 500); each move then runs
    :func:`mode_collapse_state` on them and draws :func:`mode_collapse_figure`. The line
    between the slider and the figure is the state's ``message``.

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
        the ``dropped`` slider), ``status`` and ``output``.
    """
    import ipywidgets as widgets

    data = _check_mode_collapse_data(real_features, real_labels,
                                     generated_features_by_dropped,
                                     generated_labels_by_dropped, model)
    maximum = len(data[2]) - 1
    dropped = _check_dropped(dropped, maximum)
    _mode_collapse_table(data[0], data[2])  # every set scored now, not on the first move
    slider = widgets.IntSlider(value=dropped, min=0, max=maximum, step=1,
                               description="classes dropped", continuous_update=False,
                               style={"description_width": "initial"},
                               layout=widgets.Layout(width="420px"))
    status = widgets.HTML(value="")
    states = {}

    def draw(dropped):
        if dropped not in states:
            states[dropped] = _mode_collapse_state(dropped, *data)
        state = states[dropped]
        status.value = html.escape(state["message"])
        _show(mode_collapse_figure(state))

    controls = {"dropped": slider}
    return _explorer_box(slider, status, draw, controls)

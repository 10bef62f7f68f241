"""Judging an image by pixels: PSNR and SSIM of a degraded photo (notebook 08).

:func:`degradation_explorer` degrades a photograph with noise, blur and a shift
(:func:`lecturelib.datasets.degrade_image`) and shows the original, the copy, their
difference, and the copy's PSNR and SSIM against the original
(:mod:`lecturelib.generative.image`) on a PSNR-SSIM plane, next to the paths that each
degradation alone traces. A one-pixel shift keeps every detail, yet its PSNR is as low as
that of a heavy blur that the eye sees at once: PSNR compares pixel by pixel.

Judging a generator by the distribution of what it makes is the topic of
:mod:`~lecturelib.explorers.mode_collapse`.
"""

from __future__ import annotations

import math
import numbers
from collections import OrderedDict

import numpy as np

from ..i18n import gettext as _
from ..plots import FIGURE_DPI, _check_real
from ._frames import OneAtATime, grid_values
from ._shell import LiveFigure, _axes, _cache_key, _detached, _explorer_box, _remember
from .segmentation import _hand_ticks

__all__ = [
    "degradation_state",
    "degradation_figure",
    "degradation_explorer",
]

_GRID_COLOUR = "0.9"
_LABELPAD = 18


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


def _plane_limits(state):
    """The plane's lowest PSNR (a multiple of 5, at most 10 dB) and lowest SSIM drawn:
    they hold every path and the copy. For the course's photo they never change as the
    sliders move; another image's may, and the live figure then redraws its background."""
    sweeps = state["sweeps"]
    finite = [p for _values, psnr, _ssim in sweeps.values() for p in psnr if np.isfinite(p)]
    if np.isfinite(state["psnr"]):
        finite.append(state["psnr"])
    low = min(10.0, 5.0 * np.floor((min(finite, default=10.0) - 1.0) / 5.0))
    lowest_ssim = min([0.0, state["ssim"]]
                      + [float(ssim.min()) for _values, _psnr, ssim in sweeps.values()])
    y_low = -0.04 if lowest_ssim >= 0 else lowest_ssim - 0.04
    return float(low), float(y_low)


def _draw_paths(ax, state, limits):
    """What never changes on the plane: the axes, each degradation's path with its value
    labels, the identical copy's point at infinity and the broken axis."""
    low, y_low = limits
    sweeps = state["sweeps"]
    ax.set_xlim(low - 1.0, _PSNR_XMAX)
    ax.set_ylim(y_low, 1.06)
    to_pixels = ax.transData.transform
    placed = []  # pixel boxes of the value labels drawn so far
    for key, _label, colour, style, marker, marked in _DEGRADATIONS:
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


def _plane_title(state):
    psnr = "∞ (identical)" if math.isinf(state["psnr"]) else f"{state['psnr']:.1f} dB"
    return f"PSNR {psnr}   SSIM {state['ssim']:.3f}"


def _settings_text(state):
    return (f"noise {state['noise']:.2f} · blur {state['blur']:.1f} px · "
            f"shift {state['shift']} px")


def _largest_text(state):
    return f"largest difference {state['max_difference']:.2f}"


def _image_box(box, shape):
    """(x0, x1, y0, y1) in inches of an image of ``shape`` centred in a panel ``box``."""
    x0, y0, w, h = box
    rows, cols = shape
    scale = _IMAGE_SIDE / max(rows, cols)  # inches per pixel, square pixels
    x0, y0 = x0 + (w - cols * scale) / 2, y0 + (h - rows * scale) / 2
    return x0, x0 + cols * scale, y0, y0 + rows * scale


def _colours(image, cmap, vmax):
    """An image's colours as RGBA bytes, as ``imshow(image, cmap=cmap, vmin=0,
    vmax=vmax)`` draws them (values above ``vmax`` in its top colour): drawn as they are,
    they cost the renderer half the time of values it must normalise and map."""
    import matplotlib

    return matplotlib.colormaps[cmap](np.clip(image / vmax, 0.0, 1.0), bytes=True)


_CMAPS = (("gray", 1.0), ("magma", _DIFFERENCE_MAX))  # the copy's and the difference's


def _draw_images(fig, state):
    """Original, copy, difference and the difference's colour strip in one axes whose
    data coordinates are the figure's inches (one axes draws much faster than four).
    Returns the artists a new state changes: the copy's and the difference's images,
    their frames (drawn over the images' edges), the copy's settings and the largest
    difference."""
    from matplotlib.patches import Rectangle

    width, height = _DEG_FIGSIZE
    left, bottom, top = _ORIGINAL[0], _IMAGES_BOTTOM, _ORIGINAL[1] + _IMAGE_SIDE
    right = _DIFFERENCE[0] + _IMAGE_SIDE
    ax = fig.add_axes((left / width, bottom / height, (right - left) / width,
                       (top - bottom) / height))
    panels = ((_ORIGINAL, state["image"], "gray", 1.0, "Original"),
              (_DEGRADED, state["degraded"], "gray", 1.0, "Degraded copy"),
              (_DIFFERENCE, state["difference"], "magma", _DIFFERENCE_MAX, "|Copy − original|"))
    images, frames = [], []
    for box, image, cmap, vmax, title in panels:
        x0, x1, y0, y1 = _image_box(box, image.shape)
        images.append(ax.imshow(_colours(image, cmap, vmax), interpolation="nearest",
                                extent=(x0, x1, y0, y1), aspect="auto"))
        frames.append(ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False,
                                             edgecolor="0.3", linewidth=0.8)))
        # Right above the image (a wide image is centred lower in its square panel).
        ax.text((x0 + x1) / 2, y1 + 0.09, title, ha="center", va="baseline",
                fontsize="large")
    # Below the original and the copy: what they are.
    rows, cols = state["image"].shape
    texts = [ax.text(x0 + w / 2, y0 - 0.1, text, ha="center", va="top", fontsize=9.5)
             for (x0, y0, w, _unused), text in (
                 (_ORIGINAL, f"{cols} × {rows} pixels, grey levels 0 to 1"),
                 (_DEGRADED, _settings_text(state)))]
    # Below the difference: its colour scale.
    x0, y0, w, _unused = _DIFFERENCE
    strip_top = y0 - _STRIP_GAP
    ax.imshow(np.linspace(0, 1, 256)[None, :], cmap="magma", vmin=0, vmax=1,
              aspect="auto", extent=(x0, x0 + w, strip_top - _STRIP_HEIGHT, strip_top))
    for x, text, ha in ((x0, "0", "left"), (x0 + w / 2, f"{_DIFFERENCE_MAX / 2:g}", "center"),
                        (x0 + w, f"≥{_DIFFERENCE_MAX:g}", "right")):
        ax.text(x, strip_top - _STRIP_HEIGHT - 0.05, text, ha=ha, va="top", fontsize=9)
    largest = ax.text(x0 + w / 2, strip_top - _STRIP_HEIGHT - 0.27, _largest_text(state),
                      ha="center", va="top", fontsize=9)
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)
    ax.set_axis_off()
    return images[1:], frames[1:], texts[1], largest


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
    explorer's figure for the same values (the explorer updates the same figure in
    place, :class:`DegradationFigure`). The layout is fixed (no layout engine).

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
    return DegradationFigure(state).figure


class DegradationFigure(LiveFigure):
    """:func:`degradation_figure` as a :class:`~lecturelib.explorers._shell.LiveFigure`.

    The original, the colour strip, the plane's paths, labels and ticks never change and
    stay in the background. A new state changes the copy's and the difference's images
    (and their frames, drawn over the images' edges), the copy's settings, the largest
    difference, the plane's title, and its dot and dotted line (which stops at the
    legend, so the legend stays in the background too). A state whose plane needs other
    limits (another image's) redraws the whole figure.
    """

    def draw(self, state):
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=_DEG_FIGSIZE, dpi=FIGURE_DPI)
        self._populate(fig, state)
        return fig

    def _populate(self, fig, state):
        from matplotlib.lines import Line2D

        self.images, self.frames, self.settings, self.largest = _draw_images(fig, state)
        ax = _axes(fig, _DEG_FIGSIZE, _PLANE)
        self.limits = _plane_limits(state)
        self.background_key = self._background_key(state)
        _draw_paths(ax, state, self.limits)
        handles = [Line2D([], [], color=colour, linestyle=style, marker=marker,
                          markersize=4.5, linewidth=1.8, label=label)
                   for _key, label, colour, style, marker, _marked in _DEGRADATIONS]
        handles.append(Line2D([], [], linestyle=":", color="black", marker="o", markersize=8,
                              markerfacecolor="black", markeredgecolor="white",
                              label="this copy (dotted: same PSNR)"))
        legend = ax.legend(handles=handles, loc="lower right", fontsize=8.5, frameon=True,
                           framealpha=0.9, edgecolor="0.8", handlelength=2.2,
                           borderaxespad=0.4)
        # The dotted line stops at the legend's top edge rather than run under it, so the
        # legend (which never changes) stays in the background.
        extent = legend.get_window_extent()
        in_data = extent.transformed(ax.transData.inverted())
        self.under_legend = (in_data.x0, in_data.x1,
                             extent.transformed(ax.transAxes.inverted()).y1)
        self.line, = ax.plot(*self._line_data(state), color="black", linestyle=":",
                             linewidth=1.1, zorder=2, transform=ax.get_xaxis_transform(),
                             visible=bool(np.isfinite(state["psnr"])))
        self.dot, = ax.plot([float(_psnr_x(state["psnr"]))], [state["ssim"]], linestyle="none",
                            marker="o", markersize=10, markerfacecolor="black",
                            markeredgecolor="white", markeredgewidth=1.5, zorder=6,
                            clip_on=False)
        ax.set_title(_plane_title(state), y=1.0, pad=6, fontweight="bold")
        self.title = ax.title
        self.animated = [*self.images, *self.frames, self.settings, self.largest, self.line,
                         self.dot, self.title]

    def _line_data(self, state):
        """The dotted line at the copy's PSNR, from the top of the plane down to its
        bottom or to the legend's top edge; y in axes coordinates."""
        x = float(_psnr_x(state["psnr"]))
        left, right, top = self.under_legend
        return [x, x], [1.0, top if left <= x <= right else 0.0]

    @staticmethod
    def _background_key(state):
        """What the background depends on: the image's size and its paths (the sweeps
        are cached per image and seed, so the same objects come back)."""
        return (state["image"].shape,
                tuple(id(sweep[1]) for sweep in state["sweeps"].values()))

    def update(self, state):
        if (_plane_limits(state) != self.limits
                or self._background_key(state) != self.background_key):
            self.figure.clear()
            self._populate(self.figure, state)
            self.invalidate()  # render draws the new background
            return
        for image, array, (cmap, vmax) in zip(self.images, (state["degraded"],
                                                            state["difference"]), _CMAPS):
            image.set_data(_colours(array, cmap, vmax))
        self.settings.set_text(_settings_text(state))
        self.largest.set_text(_largest_text(state))
        self.line.set_data(*self._line_data(state))
        self.line.set_visible(bool(np.isfinite(state["psnr"])))
        self.dot.set_data([float(_psnr_x(state["psnr"]))], [state["ssim"]])
        self.title.set_text(_plane_title(state))


# The kernel-free version moves one degradation at a time, the others at 0: the lesson
# compares what each alone does to the picture and to its scores (the paths of the plane),
# and a combination would hide which did what. Each slider stops at the values labelled on
# its path and halfway between (noise 0.05 apart, blur 0.5 px, every shift): 17 frames,
# each with two noisy images that compress poorly, which keeps the version within its
# 1.5 MB.
_FRAME_VALUES = {"noise": 7, "blur": 7, "shift": SHIFT_MAX + 1}


def degradation_explorer(image=None, *, noise=0.0, blur=0.0, shift=0, seed=0):
    """Sliders for noise, blur and a shift of an image, following the copy's PSNR and SSIM.

    Each move runs :func:`degradation_state` and updates the figure of
    :func:`degradation_figure` in place; the line between the sliders and the figure is
    the state's ``message``. Its kernel-free version (slides, website) moves one
    degradation at a time, the others at 0: every step of each slider alone.

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
        the ``noise``, ``blur`` and ``shift`` sliders), ``status``, ``image`` (the
        figure), ``live`` (its :class:`DegradationFigure`) and ``flush()``.
    """
    import ipywidgets as widgets

    noise = _check_real(noise, "noise", minimum=0, maximum=NOISE_MAX)
    blur = _check_real(blur, "blur", minimum=0, maximum=BLUR_MAX)
    shift = _check_shift(shift, SHIFT_MAX)
    first = degradation_state(image, noise=noise, blur=blur, shift=shift, seed=seed)
    image = None if image is None else first["image"]
    style = {"description_width": "initial"}
    noise_slider = widgets.FloatSlider(
        value=noise, min=0.0, max=NOISE_MAX, step=NOISE_STEP, description=_("noise (std)"),
        continuous_update=True, readout_format=".2f", style=style,
        layout=widgets.Layout(width="300px"))
    blur_slider = widgets.FloatSlider(
        value=blur, min=0.0, max=BLUR_MAX, step=BLUR_STEP, description=_("blur (px)"),
        continuous_update=True, readout_format=".1f", style=style,
        layout=widgets.Layout(width="300px"))
    shift_slider = widgets.IntSlider(
        value=shift, min=0, max=SHIFT_MAX, step=1, description=_("shift (px)"),
        continuous_update=True, style=style, layout=widgets.Layout(width="260px"))

    def state_of(noise, blur, shift):
        return degradation_state(image, noise=noise, blur=blur, shift=shift, seed=seed)

    controls = {"noise": noise_slider, "blur": blur_slider, "shift": shift_slider}
    live = DegradationFigure(first)
    _detached(live.figure)
    row = widgets.HBox([noise_slider, blur_slider, shift_slider])
    frames = OneAtATime({name: grid_values(controls[name], count)
                            for name, count in _FRAME_VALUES.items()})
    return _explorer_box(row, controls, state_of, live, frames=frames)

"""The widget shell every explorer shares, and small helpers used by more than one.

Every explorer is a pure ``*_state`` function, a :class:`LiveFigure` (its static twin is the
figure drawn fresh, ``*_figure(state)``; a live explorer updates it in place) and a thin
``*_explorer`` that wires controls to them with :func:`_explorer_box`, whose redraws are
coalesced so a dragged slider is followed without a backlog. :data:`_STATIC_NOTE` stands in
for the widget where no kernel runs. Nothing here knows about a particular topic.
"""

from __future__ import annotations

import hashlib
import html
import io

import numpy as np

from ..i18n import N_
from ..i18n import gettext as _

__all__ = []


class LiveFigure:
    """An explorer's figure, drawn once and then updated in place for each new state.

    A subclass's :meth:`draw` builds the figure for a state, as the static twin
    (``*_figure(state)``) shows it, and keeps handles to every artist a new state changes;
    :meth:`update` changes those artists (line data, bar heights, image arrays, texts)
    for another state, and :attr:`animated` lists them (or whole axes, when their ticks
    change). :meth:`render` is the fast path of a live explorer: the first call draws the
    figure without the animated artists and keeps that background; each later call
    restores it, draws only the animated artists over it and encodes the canvas as PNG.
    A test compares each rendered frame with the figure drawn fresh for the same state, so
    the fast path cannot drift from the static twin.

    Parameters
    ----------
    state : dict
        The explorer's state (from its ``*_state`` function).
    **context
        What the figure needs besides the state (curves computed once, say), kept as
        attributes of the same names.
    """

    def __init__(self, state, **context):
        for name, value in context.items():
            setattr(self, name, value)
        self.animated = []
        self._background = None
        self.figure = self.draw(state)

    def draw(self, state):  # pragma: no cover - every explorer implements it
        raise NotImplementedError

    def update(self, state):  # pragma: no cover - every explorer implements it
        raise NotImplementedError

    def invalidate(self):
        """Forget the kept background: the next :meth:`render` draws the whole figure again.

        For an :meth:`update` that changes what the background holds (another data set,
        other ticks, a rebuilt figure) rather than only the animated artists.
        """
        self._background = None

    def render(self, state=None) -> bytes:
        """PNG bytes of the figure for ``state`` (or as it stands), drawn the fast way."""
        return _png(self.pixels(state))

    def _updated(self, state):
        """The figure, updated for ``state`` if one is given, and its Agg canvas."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        fig = self.figure
        if not isinstance(fig.canvas, FigureCanvasAgg):
            FigureCanvasAgg(fig)
        if state is not None:
            self.update(state)
        return fig, fig.canvas

    def pixels(self, state=None):
        """The figure for ``state`` (or as it stands) as an RGB array, drawn the fast way."""
        fig, canvas = self._updated(state)
        if self._background is None:
            for artist in self.animated:
                artist.set_animated(True)
            canvas.draw()  # everything that never changes, once
            self._background = canvas.copy_from_bbox(fig.bbox)
        else:
            canvas.restore_region(self._background)
        for artist in self.animated:
            fig.draw_artist(artist)
        return _rgb(canvas)


class LayeredLiveFigure(LiveFigure):
    """A :class:`LiveFigure` with layers that change now and then, not on every move.

    Some artists follow the state only in steps: an axis whose limits jump from one round
    number to the next, a panel whose scale changes only when the loss diverges, a legend
    that names one of two controls. Drawing them on every move would cost most of the
    frame. A subclass lists them in :attr:`layers`, bottom first, each a list of artists
    (or whole axes, drawn without their animated artists), and returns from
    :meth:`looks` what decides how each layer looks (one comparable value per layer,
    such as its limits). :meth:`render` keeps one background per layer (the figure
    without the animated and the layer artists, drawn once, then that with each layer
    drawn over it in turn) and, when a layer's look changes, draws again that layer and
    those above it only. A layer artist must lie under every animated artist it
    overlaps, as a grid lies under bars.
    """

    layers = ()
    _backgrounds = _drawn_looks = None

    def invalidate(self):
        """Forget every kept background: the next :meth:`render` draws all of the figure."""
        self._background = self._backgrounds = self._drawn_looks = None

    def looks(self):  # pragma: no cover - every layered explorer implements it
        raise NotImplementedError

    def pixels(self, state=None):
        """The figure for ``state`` (or as it stands) as an RGB array, drawn the fast way."""
        fig, canvas = self._updated(state)
        if self._backgrounds is None:
            for artist in [*self.animated, *(a for layer in self.layers for a in layer)]:
                artist.set_animated(True)
            canvas.draw()  # everything that never changes, once
            self._backgrounds = [canvas.copy_from_bbox(fig.bbox)]
            self._drawn_looks = []
        looks = list(self.looks())
        changed = next((k for k, look in enumerate(looks)
                        if k >= len(self._drawn_looks) or look != self._drawn_looks[k]),
                       len(looks))
        canvas.restore_region(self._backgrounds[changed])
        del self._backgrounds[changed + 1:]
        for layer in self.layers[changed:]:
            for artist in layer:
                fig.draw_artist(artist)
            self._backgrounds.append(canvas.copy_from_bbox(fig.bbox))
        self._drawn_looks = looks
        for artist in self.animated:
            fig.draw_artist(artist)
        return _rgb(canvas)


def _rgb(canvas):
    """A copy of the canvas's pixels without alpha (figures are opaque)."""
    return np.array(np.asarray(canvas.buffer_rgba())[..., :3])


def _png(rgb) -> bytes:
    """A cheap PNG of an RGB array: fast zlib level."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def _show(fig):
    """Show a static figure (the inline backend's way, without its second layout pass)."""
    import matplotlib
    import matplotlib.pyplot as plt

    if "inline" in matplotlib.get_backend():
        # Render the PNG here rather than through plt.show(): the inline backend saves with
        # bbox_inches="tight", which lays every artist out twice (about 40% slower); these
        # figures already fit their canvas.
        from IPython.display import Image, display

        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=fig.dpi)
        display(Image(data=buffer.getvalue()))
    else:
        plt.show()
    plt.close(fig)


def _detached(fig):
    """``fig`` taken out of pyplot's care: a live figure is never shown by the inline
    backend at the end of a cell, and is freed with its explorer."""
    import matplotlib.pyplot as plt

    plt.close(fig)
    return fig


class _Coalescer:
    """Run ``redraw`` for the newest control values, never for a backlog of old ones.

    While a slider is dragged its values arrive faster than frames can be drawn. Each
    change only asks for a redraw; the redraw itself is queued on the kernel's event loop
    and runs once the messages already waiting have been handled, reading the controls'
    values as they are then. So however many values arrive while a frame is drawn, the
    next frame shows the newest (the asyncio throttling of ipywidgets' documentation).
    Outside a running event loop (a plain script, a test) it redraws at once.
    """

    def __init__(self, redraw):
        self.redraw = redraw
        self.scheduled = False
        self.frames = 0

    def request(self, change=None):
        import asyncio

        if self.scheduled:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.run()
            return
        self.scheduled = True
        loop.call_soon(self.run)

    def run(self):
        self.scheduled = False
        try:
            self.redraw()
        except Exception:  # noqa: BLE001 - show it where the learner looks, as a cell would
            try:
                from IPython import get_ipython

                get_ipython().showtraceback()
            except Exception:  # noqa: BLE001 - no IPython: let it propagate
                raise
        self.frames += 1

    def flush(self):
        """Draw now if a redraw is waiting (tests move controls without an event loop)."""
        if self.scheduled:
            self.run()


_STATIC_NOTE = N_("Interactive explorer: run the notebook (JupyterLab or Colab) to move its "
                  "sliders; a static version of its figure is shown nearby.")


def _explorer_box(control_row, controls, state_of, live, frames=None):
    """A live explorer: ``controls`` above a status line and the figure, kept in step.

    Parameters
    ----------
    control_row : ipywidgets widget
        The controls as laid out (a slider, a row of them).
    controls : dict of str to ipywidgets widget
        Each control by the name :func:`state_of` takes it as; sliders follow the drag
        (``continuous_update=True``) and dropdowns their choice.
    state_of : callable
        ``state_of(**values)`` -> the explorer's state, with its ``message``.
    live : LiveFigure
        The figure, drawn for the controls' first values; each change updates it in place
        and sends the new frame as PNG into an ``ipywidgets.Image``.
    frames : dict of str to sequence, optional
        The grid of the kernel-free version (:mod:`~lecturelib.explorers._frames`): one or
        two control names and the values to render. Frames are written only while a
        notebook is executed for them (``LECTURELIB_FRAMES``).

    The box exposes ``.controls``, ``.status``, ``.image`` (the figure), ``.live`` and
    ``.flush()`` (draw a waiting frame now). Where no kernel runs (GitHub, nbviewer,
    slides) the stored output shows a short note instead of the widget's bare repr.
    """
    import ipywidgets as widgets

    for control in controls.values():
        if hasattr(control, "continuous_update"):
            control.continuous_update = True
    if frames:
        from ._frames import record

        record(controls, state_of, live, frames)
    first = state_of(**{name: c.value for name, c in controls.items()})
    width, height = (live.figure.get_size_inches() * live.figure.dpi).round().astype(int)
    # The first state again: recording the frames left the figure at the grid's last point.
    image = widgets.Image(value=live.render(first), format="png",
                          layout=widgets.Layout(width=f"{width}px", height=f"{height}px"))
    status = widgets.HTML(value=html.escape(first["message"]))

    def redraw():
        state = state_of(**{name: c.value for name, c in controls.items()})
        image.value = live.render(state)
        status.value = html.escape(state["message"])

    coalescer = _Coalescer(redraw)
    for control in controls.values():
        control.observe(coalescer.request, names="value")
    box = widgets.VBox([control_row, status, image])
    box.controls, box.status, box.image, box.live = controls, status, image, live
    box.flush, box.coalescer = coalescer.flush, coalescer
    live_bundle = getattr(box, "_repr_mimebundle_", None)
    if live_bundle is not None:  # ipywidgets 8; version 7 displays itself

        def bundle(**kwargs):
            data = live_bundle(**kwargs) or {}
            note = _(_STATIC_NOTE)
            data["text/plain"] = note
            data["text/html"] = f'<p class="lecturelib-explorer"><i>{html.escape(note)}</i></p>'
            return data

        box._repr_mimebundle_ = bundle
    return box


def _axes(fig, figsize, box):
    """Add axes at ``box`` = (left, bottom, width, height) in inches of a ``figsize`` figure.

    Explorer layouts are written in inches, so a panel keeps its size and place when the
    figure is widened for another panel.
    """
    width, height = figsize
    left, bottom, w, h = box
    return fig.add_axes((left / width, bottom / height, w / width, h / height))


def _percent_text(share):
    percent = 100 * share
    return f"{percent:.0f}%" if percent >= 10 else f"{percent:.2g}%"


def _thin_curve(x, y, max_points):
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


def _cache_key(*arrays):
    """A short digest of arrays' shapes and bytes: the key of a cache of data-derived
    results (an explorer's curves, computed once per data)."""
    digest = hashlib.sha1()
    for array in arrays:
        array = np.ascontiguousarray(array)
        digest.update(f"{array.dtype.str}{array.shape}".encode())
        digest.update(array.tobytes())
    return digest.hexdigest()


def _remember(cache, key, size, compute):
    """``cache[key]``, computed by ``compute()`` the first time; ``cache`` is an
    ``OrderedDict`` kept to at most ``size`` entries, the least recently used dropped."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache[key] = value
        if len(cache) > size:
            cache.popitem(last=False)
    else:
        cache.move_to_end(key)
    return value

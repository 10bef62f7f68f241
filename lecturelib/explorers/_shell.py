"""The widget shell every explorer shares, and small helpers used by more than one.

An explorer's callback draws a figure with :func:`_show`; :func:`_explorer_box` wires its
controls to that callback and stacks controls, status line and figure, with
:data:`_STATIC_NOTE` standing in for the widget where no kernel runs. Nothing here knows
about a particular topic.
"""

from __future__ import annotations

import html
import io

import numpy as np

from ..i18n import N_
from ..i18n import gettext as _

__all__ = []


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


_STATIC_NOTE = N_("Interactive explorer: run the notebook (JupyterLab or Colab) to move its "
                  "sliders; a static version of its figure is shown nearby.")


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

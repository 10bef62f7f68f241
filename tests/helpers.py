"""Small helpers shared by the test modules."""

import io


def figure_png(fig):
    """The PNG bytes of ``fig`` at its own dpi, as an explorer renders it; closes the figure."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi)
    plt.close(fig)
    return buffer.getvalue()


def pixels(png):
    """An RGB array of PNG (or WebP) bytes, as ints for differences."""
    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def ipywidgets_major():
    """The major version of ipywidgets (Colab has 7, JupyterLab 4 takes 8)."""
    import ipywidgets

    return int(ipywidgets.__version__.split(".")[0])


IPYWIDGETS_7 = ipywidgets_major() < 8


def core_widgets(widget):
    """``widget`` and every widget inside it, depth first."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from core_widgets(child)


def same_picture(png, fig, *, tolerance=40, max_share=0.003):
    """Whether an explorer's frame (PNG bytes) shows the picture of ``fig``, its static twin
    built fresh: the same size, and at most ``max_share`` of the pixels differing by more
    than ``tolerance`` (the anti-aliasing of artists drawn over a kept background)."""
    import numpy as np

    drawn, twin = pixels(png), pixels(figure_png(fig))
    return drawn.shape == twin.shape and (
        np.abs(drawn - twin).max(axis=2) > tolerance).mean() <= max_share


def assert_same_picture(png, other):
    """Two PNGs of one figure, the same but for anti-aliased edges."""
    import numpy as np

    differ = (np.abs(pixels(png) - pixels(other)).max(axis=2) > 40).mean()
    assert differ <= 0.003, f"{differ:.2%} of the pixels differ"


def assert_updates_draw_the_fresh_figure(live, fresh, states, *, tolerance=40,
                                         max_share=0.003):
    """A live explorer figure, updated in place through ``states`` in turn, draws what the
    figure built fresh for each state draws (its static twin).

    ``live`` is a LiveFigure built for some first state; ``fresh(state)`` returns a new
    matplotlib figure. Pixels may differ where the fast path composes an artist over a
    background drawn without it (anti-aliased edges): at most ``max_share`` of them, by
    more than ``tolerance`` in a colour channel.
    """
    import numpy as np

    live.render()
    for number, state in enumerate(states):
        updated, drawn = pixels(live.render(state)), pixels(figure_png(fresh(state)))
        assert updated.shape == drawn.shape, (number, updated.shape, drawn.shape)
        differ = (np.abs(updated - drawn).max(axis=2) > tolerance).mean()
        assert differ <= max_share, (
            f"state {number}: {differ:.2%} of the pixels differ from the fresh figure")

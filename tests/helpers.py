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

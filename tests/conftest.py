"""Shared test setup: a non-interactive matplotlib backend, and no figure left open."""

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _close_figures():
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


@pytest.fixture
def shown(monkeypatch):
    """Record every figure an explorer shows, as (its axes' titles, its PNG bytes), instead
    of displaying it; under Agg plt.show() would only warn. Modules with their own ``shown``
    fixture override this one."""
    import matplotlib.pyplot as plt

    from tests.helpers import figure_png

    drawn = []

    def fake_show(*args, **kwargs):
        fig = plt.gcf()
        drawn.append(([ax.get_title() for ax in fig.axes], figure_png(fig)))

    monkeypatch.setattr(plt, "show", fake_show)
    return drawn

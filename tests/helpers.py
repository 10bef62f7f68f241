"""Small helpers shared by the test modules."""

import io


def figure_png(fig):
    """The PNG bytes of ``fig`` at its own dpi, as an explorer renders it; closes the figure."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi)
    plt.close(fig)
    return buffer.getvalue()

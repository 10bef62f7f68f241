"""Interactive explorers: sliders wired to a pure update function and a figure.

One module per topic: :mod:`~lecturelib.explorers.gradient_descent` (notebook 01),
:mod:`~lecturelib.explorers.entropy` (notebook 02),
:mod:`~lecturelib.explorers.focal_loss` (notebook 03),
:mod:`~lecturelib.explorers.threshold` (notebooks 04 and 05) and
:mod:`~lecturelib.explorers.separation` (notebook 05). Every public name is re-exported
here, so ``from lecturelib.explorers import threshold_explorer`` works.

Each explorer has three layers, so the maths is tested without a browser and the figure
can be shown without a kernel:

1. a pure update function (e.g. :func:`focal_loss_state`, :func:`gradient_descent_path`)
   that turns slider values into numbers and a message;
2. a drawing function (e.g. :func:`focal_loss_figure`, :func:`gradient_descent_figure`)
   that turns those numbers into a figure, which notebooks also call directly for the
   static counterpart of the widget (it reads on GitHub and in slides);
3. a thin widget shell (e.g. :func:`focal_loss_explorer`, :func:`learning_rate_explorer`)
   whose callback only calls 1 and 2.

The shells share :mod:`~lecturelib.explorers._shell` and use core ipywidgets only
(sliders, a dropdown, ``HTML``, ``Output``, boxes) with
:func:`ipywidgets.interactive_output` and the inline matplotlib backend, which work in
JupyterLab and in Colab, on ipywidgets 7.7 and 8. The returned box keeps its parts as
attributes (``controls``, ``output``, ``status``) so tests, and curious learners, can
reach them.
"""

from .entropy import cross_entropy_explorer, cross_entropy_figure, cross_entropy_state
from .focal_loss import focal_loss_explorer, focal_loss_figure, focal_loss_state
from .gradient_descent import (
    gradient_descent_figure,
    gradient_descent_path,
    learning_rate_explorer,
)
from .separation import (
    class_separation_explorer,
    class_separation_figure,
    class_separation_state,
    prevalence_explorer,
    prevalence_figure,
    prevalence_state,
)
from .threshold import threshold_curves, threshold_explorer, threshold_figure, threshold_state

__all__ = [
    # entropy
    "cross_entropy_state",
    "cross_entropy_figure",
    "cross_entropy_explorer",
    # focal_loss
    "focal_loss_state",
    "focal_loss_figure",
    "focal_loss_explorer",
    # gradient_descent
    "gradient_descent_path",
    "gradient_descent_figure",
    "learning_rate_explorer",
    # separation
    "class_separation_state",
    "class_separation_figure",
    "class_separation_explorer",
    "prevalence_state",
    "prevalence_figure",
    "prevalence_explorer",
    # threshold
    "threshold_state",
    "threshold_curves",
    "threshold_figure",
    "threshold_explorer",
]

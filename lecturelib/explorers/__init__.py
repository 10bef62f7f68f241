"""Interactive explorers: sliders wired to a pure update function and a figure.

One module per topic: :mod:`~lecturelib.explorers.gradient_descent` (notebook 01),
:mod:`~lecturelib.explorers.entropy` (notebook 02),
:mod:`~lecturelib.explorers.focal_loss` (notebook 03),
:mod:`~lecturelib.explorers.threshold` (notebooks 04 and 05),
:mod:`~lecturelib.explorers.separation` (notebook 05),
:mod:`~lecturelib.explorers.segmentation` and :mod:`~lecturelib.explorers.detection`
(notebook 06), and :mod:`~lecturelib.explorers.regression` and
:mod:`~lecturelib.explorers.ranking` (notebook 07), and
:mod:`~lecturelib.explorers.degradation` and :mod:`~lecturelib.explorers.mode_collapse`
(notebook 08). Every public name is re-exported
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

The message (the status line under the controls) is in lecturelib's language
(:mod:`lecturelib.i18n`): each sentence is an English template passed through ``_()``
before its numbers, formatted in the code, are filled in, so the numbers read the same in
every language. Figure text (titles, axis labels, legends, annotations) and the controls'
labels stay English on purpose: Colab has no Korean font for matplotlib, and the course's
glossary pairs the terms.

The shells share :mod:`~lecturelib.explorers._shell` and use core ipywidgets only
(sliders, a dropdown, ``HTML``, ``Output``, boxes) with
:func:`ipywidgets.interactive_output` and the inline matplotlib backend, which work in
JupyterLab and in Colab, on ipywidgets 7.7 and 8. The returned box keeps its parts as
attributes (``controls``, ``output``, ``status``) so tests, and curious learners, can
reach them.
"""

from . import (degradation, detection, entropy, focal_loss, gradient_descent, mode_collapse,
               ranking, regression, segmentation, separation, threshold)
from .degradation import *  # noqa: F401,F403
from .detection import *  # noqa: F401,F403
from .entropy import *  # noqa: F401,F403
from .focal_loss import *  # noqa: F401,F403
from .gradient_descent import *  # noqa: F401,F403
from .mode_collapse import *  # noqa: F401,F403
from .ranking import *  # noqa: F401,F403
from .regression import *  # noqa: F401,F403
from .segmentation import *  # noqa: F401,F403
from .separation import *  # noqa: F401,F403
from .threshold import *  # noqa: F401,F403

# Each topic module lists its own public names; the package re-exports exactly those, so a
# new explorer is added in one place.
__all__ = [name for module in (entropy, focal_loss, gradient_descent, separation, threshold,
                               segmentation, detection, regression, ranking, degradation,
                               mode_collapse)
           for name in module.__all__]

"""Loss & Metric Lab: the tested metrics, losses and explorers behind the course.

Modules, one family each: :mod:`~lecturelib.information`, :mod:`~lecturelib.losses`,
:mod:`~lecturelib.classification`, :mod:`~lecturelib.curves`, plus the course helpers
:mod:`~lecturelib.datasets`, :mod:`~lecturelib.plots` and :mod:`~lecturelib.quiz`.
"""

__version__ = "0.1.0"

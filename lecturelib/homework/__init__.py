"""The checks behind the course's homework.

Each assignment's otter-grader tests (in ``homework/source/<name>.ipynb``) are one-line calls
into a module here, ``hwN``: ``hwN.qK_public(...)`` runs the examples a question names, and
``hwN.qK_hidden(..., seed=...)`` runs inputs drawn from a seed that only the autograder's
hidden test holds. Keeping the checks in lecturelib means they are tested like the rest of
it, shared by the student notebook, the autograder and the tests, and speak the language
lecturelib is set to (:mod:`lecturelib.i18n`).

:mod:`~lecturelib.homework._checking` holds what every check needs: calling a student's
function so that every failure becomes a sentence, reading numbers of any kind, comparing
with a reference and naming a mistake only when a model of it reproduces every answer,
rules read from the student's syntax tree, and the reference versions of earlier questions'
functions, so a mistake is charged once.

(These modules import gettext as ``_``: never use ``_`` as a throwaway name in them.)
"""

"""Loss & Metric Lab: the tested metrics, losses and explorers behind the course.

Modules, one family each: :mod:`~lecturelib.information`, :mod:`~lecturelib.losses`,
:mod:`~lecturelib.classification`, :mod:`~lecturelib.curves`,
:mod:`~lecturelib.segmentation`, :mod:`~lecturelib.detection`,
:mod:`~lecturelib.regression`, :mod:`~lecturelib.ranking`, :mod:`~lecturelib.generative`,
plus the course helpers
:mod:`~lecturelib.datasets`, :mod:`~lecturelib.training`, :mod:`~lecturelib.plots`,
:mod:`~lecturelib.explorers` and :mod:`~lecturelib.quiz`.

Every notebook starts with :func:`setup_notebook`, which checks that the installed
lecturelib is the release the notebook's stored outputs were computed with.
"""

__version__ = "0.9.0"

__all__ = ["__version__", "setup_notebook"]


def setup_notebook(version, language="en"):
    """Check the lecturelib release, choose the language and give figures a white background.

    Each notebook of the course was executed, and its outputs stored, with one release of
    lecturelib; its first import cell calls ``setup_notebook("<that release>")``. A
    different installed release could show other numbers or lack a function, so a
    mismatch stops the notebook with a message saying how to install the right one.

    Figures get a white, opaque background (``figure.facecolor`` and
    ``savefig.facecolor``), so their dark text and lines stay readable under a dark
    JupyterLab or Colab theme.

    Parameters
    ----------
    version : str
        The release the notebook expects, e.g. ``"0.5.0"``.
    language : {'en', 'ko'}, default 'en'
        The language of the text lecturelib shows: quizzes, explorers' status lines and
        homework check messages (:mod:`lecturelib.i18n`). The Korean notebooks pass
        ``"ko"``. Figures keep their English labels.

    Raises
    ------
    RuntimeError
        If the installed lecturelib is another release.

    Examples
    --------
    >>> setup_notebook(__version__)
    >>> setup_notebook("0.0.1")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    RuntimeError: This notebook was made with lecturelib 0.0.1, but lecturelib ... is installed...
    """
    if str(version) != __version__:
        raise RuntimeError(
            f"This notebook was made with lecturelib {version}, but lecturelib "
            f"{__version__} is installed, so its numbers or functions may differ. "
            f"In Colab: Runtime > Restart session, then run the setup cell at the top "
            f"again (it installs release v{version}). On your own machine: open the "
            f"course folder of the same release (git checkout v{version}), run "
            f"`make lab`, and restart the kernel."
        )
    from .i18n import set_language

    set_language(language)
    import matplotlib

    matplotlib.rcParams["figure.facecolor"] = "white"
    matplotlib.rcParams["savefig.facecolor"] = "white"

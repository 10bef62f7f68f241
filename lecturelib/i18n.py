"""The language lecturelib speaks to learners: English by default.

Text a learner reads that lives in lecturelib (homework check messages, and later quizzes
and explorers) is written as an English template and passed through :func:`gettext`
(imported as ``_``) before its numbers are filled in::

    _("{call} returned None: the function needs a `return` line.").format(call=call)

so a translation catalog can replace the template as a whole. :func:`set_language` chooses
the language; English needs no catalog.
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "get_language", "gettext", "set_language"]

#: Languages lecturelib can speak.
LANGUAGES = ("en",)
_CATALOGS: dict[str, dict[str, str]] = {"en": {}}
_language = "en"


def set_language(language: str) -> None:
    """Make lecturelib's messages speak ``language`` (one of :data:`LANGUAGES`).

    Examples
    --------
    >>> set_language("en")
    >>> get_language()
    'en'
    """
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"`language` must be one of {LANGUAGES}, got {language!r}.")
    _language = language


def get_language() -> str:
    """The language lecturelib's messages are in now."""
    return _language


def gettext(message: str) -> str:
    """``message`` (an English template) in the current language.

    A template without a translation is returned as it is, so a missing translation shows
    English rather than nothing.
    """
    return _CATALOGS[_language].get(message, message)

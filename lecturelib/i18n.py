"""The language lecturelib speaks to learners: English by default, or Korean (한국어).

Text a learner reads that lives in lecturelib (quizzes, explorers' status lines and notes,
homework check messages) is written as an English template and passed through
:func:`gettext` (imported as ``_``) before its numbers are filled in::

    _("{call} returned None: the function needs a `return` line.").format(call=call)

so that a translation replaces the template as a whole. Strings that are translated later,
where they are used, are marked with :func:`N_` so that ``scripts/translate.py`` finds them.

Translations are gettext catalogs (``.po`` files, keyed by the English text) in
``lecturelib/locale/<language>/``, one per notebook and per group of library messages; they
are read the first time a language other than English is used. :func:`set_language` (or
``setup_notebook(version, language=...)``) chooses the language; a template without a usable
translation is shown in English.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["LANGUAGES", "N_", "catalog", "get_language", "gettext", "set_language",
           "untranslated"]

#: Languages lecturelib can speak.
LANGUAGES = ("en", "ko")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_catalogs: dict[str, dict[str, str]] = {"en": {}}
_language = "en"
_untranslated: set[str] = set()


def set_language(language: str) -> None:
    """Make lecturelib's messages speak ``language`` (one of :data:`LANGUAGES`).

    Examples
    --------
    >>> set_language("ko")
    >>> gettext("Check")
    '확인'
    >>> set_language("en")
    >>> gettext("Check")
    'Check'
    """
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"`language` must be one of {LANGUAGES}, got {language!r}.")
    _language = language


def get_language() -> str:
    """The language lecturelib's messages are in now."""
    return _language


def catalog(language: str) -> dict[str, str]:
    """English text -> its translation, from every catalog of ``language`` (read once).

    Only usable translations count: an empty ``msgstr`` or one marked fuzzy (its English
    changed since it was translated) leaves the English text in place.
    """
    if language not in _catalogs:
        from ._po import read

        merged: dict[str, str] = {}
        for path in sorted((LOCALE_DIR / language).glob("*.po")):
            for entry in read(path)[1]:
                if entry.translated:
                    merged[entry.msgid] = entry.msgstr
        _catalogs[language] = merged
    return _catalogs[language]


def gettext(message: str) -> str:
    """``message`` (an English template) in the current language.

    A template without a translation is returned as it is, so a missing translation shows
    English rather than nothing; it is noted for :func:`untranslated`.
    """
    if _language == "en" or not message:
        return message
    translation = catalog(_language).get(message)
    if translation is None:
        _untranslated.add(message)
        return message
    return translation


def untranslated(clear: bool = True) -> set[str]:
    """The English texts shown since the last call (in a language other than English) that
    had no translation: what the tests require to be empty."""
    found = set(_untranslated)
    if clear:
        _untranslated.clear()
    return found


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name
    """Mark ``message`` for translation where it is used later; returns it unchanged."""
    return message

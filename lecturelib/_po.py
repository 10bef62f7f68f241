"""Read and write gettext ``.po`` catalogs, the translations' text format.

A catalog maps English text (``msgid``) to its translation (``msgstr``). This is the subset
of the format the course uses, read by lecturelib at run time (no dependency) and written
by ``scripts/translate.py``: translator comments (``#``), extracted comments (``#.``),
references (``#:``), flags (``#,``, e.g. ``fuzzy``: the English changed since the
translation was made), the previous English text of a fuzzy entry (``#| msgid``), and
``msgid`` / ``msgstr`` strings split over several quoted lines. Obsolete entries (``#~``)
are not kept. Multi-line text is written one source line per quoted line, so that a change
shows in a diff as the lines that changed.

The tests check that :func:`read` agrees with polib, the reference reader, on every catalog
of the course and on random text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Entry", "read", "write", "escape", "unescape"]

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b",
              "f": "\f", "v": "\v"}


@dataclass
class Entry:
    """One translation: the English ``msgid`` and its ``msgstr``, with its comments."""

    msgid: str
    msgstr: str = ""
    fuzzy: bool = False
    references: list[str] = field(default_factory=list)   # "#: where it is used"
    comments: list[str] = field(default_factory=list)     # "# from the translator"
    extracted: list[str] = field(default_factory=list)    # "#. from the extractor"
    previous_msgid: str | None = None                      # "#| msgid" of a fuzzy entry
    flags: list[str] = field(default_factory=list)        # other "#," flags

    @property
    def translated(self) -> bool:
        """A usable translation: not empty and not marked fuzzy."""
        return bool(self.msgstr) and not self.fuzzy


def escape(text: str) -> str:
    return "".join(_ESCAPES.get(c, c) for c in text)


def unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            out.append(_UNESCAPES.get(text[i + 1], text[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _quoted(value: str, path, number) -> str:
    value = value.strip()
    if len(value) < 2 or not (value.startswith('"') and value.endswith('"')):
        raise ValueError(f"{path}, line {number}: expected a quoted string, got {value!r}.")
    return unescape(value[1:-1])


def read(path) -> tuple[str, list[Entry]]:
    """The header (the ``msgstr`` of the empty ``msgid``) and the entries of a catalog.

    Raises
    ------
    ValueError
        If a line cannot be read, naming the file and line.
    """
    path = Path(path)
    header, entries = "", []
    entry, target = None, None
    pending = Entry("")

    def finish():
        nonlocal header, entry, pending
        if entry is not None:
            if entry.msgid == "" and not entries and not header:
                header = entry.msgstr
            else:
                entries.append(entry)
        entry = None
        pending = Entry("")

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            if entry is not None and target == "msgstr":
                finish()
            continue
        if stripped.startswith("#~"):
            continue
        if stripped.startswith("#"):
            if entry is not None:
                finish()
            kind, _, text = stripped.partition(" ")
            if kind == "#:":
                pending.references += text.split()
            elif kind == "#,":
                flags = [f.strip() for f in text.split(",") if f.strip()]
                pending.fuzzy = pending.fuzzy or "fuzzy" in flags
                pending.flags += [f for f in flags if f != "fuzzy"]
            elif kind == "#.":
                pending.extracted.append(text)
            elif kind == "#|":
                if text.startswith("msgid "):
                    pending.previous_msgid = _quoted(text[len("msgid "):], path, number)
                elif text.startswith('"') and pending.previous_msgid is not None:
                    pending.previous_msgid += _quoted(text, path, number)
            elif kind == "#" or kind.startswith("#"):
                pending.comments.append(stripped[2:] if stripped.startswith("# ") else stripped[1:])
            continue
        if stripped.startswith('"'):
            text = _quoted(stripped, path, number)
            if entry is None:
                raise ValueError(f"{path}, line {number}: a continued string outside an entry.")
            elif target == "msgid":
                entry.msgid += text
            else:
                entry.msgstr += text
            continue
        keyword, _, value = stripped.partition(" ")
        if keyword == "msgid":
            if entry is not None:
                finish()
            entry = pending
            entry.msgid = _quoted(value, path, number)
            target = "msgid"
        elif keyword == "msgstr":
            if entry is None:
                raise ValueError(f"{path}, line {number}: msgstr without a msgid.")
            entry.msgstr = _quoted(value, path, number)
            target = "msgstr"
        else:
            raise ValueError(f"{path}, line {number}: cannot read {stripped[:40]!r}.")
    finish()
    return header, entries


def _string_lines(keyword: str, text: str) -> list[str]:
    if "\n" not in text.rstrip("\n") and len(text) < 70:
        return [f'{keyword} "{escape(text)}"']
    parts = text.splitlines(keepends=True)
    return [f'{keyword} ""'] + [f'"{escape(part)}"' for part in parts]


def write(path, entries, header: str = "") -> None:
    """Write ``entries`` (and a header) as a catalog, in the given order."""
    lines = []
    if header:
        lines += ['msgid ""', 'msgstr ""']
        lines += [f'"{escape(part)}"' for part in header.splitlines(keepends=True)]
        lines.append("")
    for entry in entries:
        lines += [f"# {c}" if c else "#" for c in entry.comments]
        lines += [f"#. {c}" for c in entry.extracted]
        if entry.references:
            lines.append("#: " + " ".join(entry.references))
        flags = (["fuzzy"] if entry.fuzzy else []) + entry.flags
        if flags:
            lines.append("#, " + ", ".join(flags))
        if entry.fuzzy and entry.previous_msgid is not None:
            previous = _string_lines("msgid", entry.previous_msgid)
            lines += [f"#| {line}" for line in previous]
        lines += _string_lines("msgid", entry.msgid)
        lines += _string_lines("msgstr", entry.msgstr)
        lines.append("")
    Path(path).write_text("\n".join(lines), encoding="utf-8")

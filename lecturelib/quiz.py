""""Check yourself" questions: live feedback in a notebook, readable without a kernel.

A question shows as a small ipywidgets form (choose or type an answer, press *Check*).
Its output also carries a static HTML version, with the answer folded inside a
``<details>`` block, which is what GitHub, nbviewer and exported slides show, where no
kernel runs. Only core ipywidgets are used, so the forms work in JupyterLab and in
Colab (ipywidgets 7.7 and 8).

The grading itself is the plain method :meth:`check`, which returns a :class:`Feedback`
and is what the tests call.

Everything a learner reads is shown in lecturelib's language (:mod:`lecturelib.i18n`): the
question's own texts are looked up in the translation catalogs, keyed by their English, when
they are shown, and the display carries the English texts in its metadata
(``output.metadata["lecturelib"]["quiz"]``), where ``scripts/translate.py`` finds them.
"""

from __future__ import annotations

import html
import math
from abc import ABC, abstractmethod
from dataclasses import dataclass

from .i18n import gettext as _

__all__ = ["Feedback", "MultipleChoice", "Numeric"]

_CORRECT_COLOUR = "#1a7f37"
_WRONG_COLOUR = "#b42318"


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: whether it is right, and what to tell the learner."""

    correct: bool
    message: str

    def to_html(self) -> str:
        colour = _CORRECT_COLOUR if self.correct else _WRONG_COLOUR
        mark = _("✔ Correct.") if self.correct else _("✘ Not quite.")
        # Markup only: the words in it (mark, message) are already in the learner's language.
        return '<div style="color:{colour}"><b>{mark}</b> {message}</div>'.format(
            colour=colour, mark=mark, message=html.escape(self.message))


class _Question(ABC):
    """Shared rendering: the widget shell and the static fallback."""

    prompt: str
    explanation: str

    @abstractmethod
    def check(self, answer) -> Feedback:
        """Grade one answer."""

    @abstractmethod
    def _answer_text(self) -> str:
        """The right answer, as text."""

    def _options_html(self) -> str:
        return ""

    def _texts(self) -> dict:
        """The question's own texts, in English (what the catalogs are keyed by)."""
        return {"prompt": self.prompt, "explanation": self.explanation}

    def _static_html(self) -> str:
        explanation = _(self.explanation)
        explanation = f" {html.escape(explanation)}" if explanation else ""
        # Markup only: every word in it is a field, in the learner's language.
        return (
            '<div class="lecturelib-quiz">'
            "<p><b>{check}</b> {prompt}</p>"
            "{options}"
            "<details><summary>{show}</summary>"
            "<p><b>{answer}</b>{explanation}</p></details>"
            "</div>"
        ).format(check=_("Check yourself."), prompt=html.escape(_(self.prompt)),
                 options=self._options_html(), show=_("Show the answer"),
                 answer=html.escape(self._answer_text()), explanation=explanation)

    def _static_text(self) -> str:
        # No answer here: plain text has no way to fold it away from a reader's eyes.
        return _("Check yourself: {prompt}").format(prompt=_(self.prompt)) + self._options_text()

    def _options_text(self) -> str:
        return ""

    @abstractmethod
    def _build_input(self):
        """The ipywidgets control the learner answers with."""

    @abstractmethod
    def _read_input(self, control):
        """The answer held by ``control``, or None when it is still blank."""

    def widget(self):
        """The live form: prompt, input, a Check button and a feedback line."""
        import ipywidgets as widgets

        control = self._build_input()
        button = widgets.Button(description=_("Check"), button_style="primary")
        feedback = widgets.HTML(value="")

        def on_check(_button):
            answer = self._read_input(control)
            if answer is None:
                feedback.value = f"<i>{_('Choose or type an answer first.')}</i>"
                return
            feedback.value = self.check(answer).to_html()

        button.on_click(on_check)
        prompt = widgets.HTML(
            value=f"<b>{_('Check yourself.')}</b> {html.escape(_(self.prompt))}")
        box = widgets.VBox([prompt, control, widgets.HBox([button]), feedback])
        # Kept so tests (and curious learners) can reach the parts.
        box.control, box.button, box.feedback = control, button, feedback
        return box

    def _repr_mimebundle_(self, include=None, exclude=None):
        self._live = self.widget()  # keep a reference so the widget is not garbage-collected
        bundle = {"text/plain": self._static_text(), "text/html": self._static_html()}
        view = getattr(self._live, "_repr_mimebundle_", None)
        if view is not None:
            widget_bundle = view() or {}
            widget_bundle = widget_bundle[0] if isinstance(widget_bundle, tuple) else widget_bundle
            if "application/vnd.jupyter.widget-view+json" in widget_bundle:
                bundle["application/vnd.jupyter.widget-view+json"] = (
                    widget_bundle["application/vnd.jupyter.widget-view+json"])
        else:  # ipywidgets 7 displays itself instead of returning a bundle
            bundle["application/vnd.jupyter.widget-view+json"] = {
                "version_major": 2, "version_minor": 0, "model_id": self._live.model_id}
        return bundle, {"lecturelib": {"quiz": self._texts()}}


class MultipleChoice(_Question):
    """A question with one right option among several.

    Parameters
    ----------
    prompt : str
    options : sequence of str
    answer : int or str
        Index (or text) of the right option.
    explanation : str, optional
        Shown with the answer, right or wrong.
    hints : dict, optional
        Message for a specific wrong option (keyed by its index or text), to explain
        that slip.

    Examples
    --------
    >>> q = MultipleChoice("Which is a loss?", ["accuracy", "cross-entropy"], answer=1,
    ...                    explanation="It is differentiable.")
    >>> q.check("cross-entropy")
    Feedback(correct=True, message='It is differentiable.')
    >>> q.check(0).correct
    False
    """

    def __init__(self, prompt, options, answer, explanation="", hints=None):
        self.prompt = str(prompt)
        self.options = [str(o) for o in options]
        if len(self.options) < 2 or len(set(self.options)) != len(self.options):
            raise ValueError("`options` must hold at least two distinct choices.")
        self.answer = self._index(answer, "answer")
        self.explanation = str(explanation)
        self.hints = {}
        for option, hint in (hints or {}).items():
            try:
                self.hints[self._index(option, "hints")] = str(hint)
            except ValueError:
                raise ValueError(f"`hints` names an option that does not exist: {option!r}.") from None

    def _index(self, choice, name):
        if isinstance(choice, bool):
            raise ValueError(f"`{name}` must be an option's index or its text.")
        if isinstance(choice, int):
            if not 0 <= choice < len(self.options):
                raise ValueError(f"`{name}` index {choice} is out of range 0..{len(self.options) - 1}.")
            return choice
        if str(choice) in self.options:
            return self.options.index(str(choice))
        raise ValueError(f"`{name}` {choice!r} is not one of the options {self.options}.")

    def check(self, choice) -> Feedback:
        """Grade a choice given as the option's index or (English) text."""
        index = self._index(choice, "choice")
        if index == self.answer:
            return Feedback(True, _(self.explanation))
        hint = _(self.hints.get(index, ""))
        message = " ".join(part for part in (hint, _("Try again.")) if part)
        return Feedback(False, message)

    def _texts(self):
        return {**super()._texts(), "options": list(self.options),
                "hints": [self.hints[i] for i in sorted(self.hints)]}

    def _answer_text(self):
        return _(self.options[self.answer])

    def _options_html(self):
        items = "".join(f"<li>{html.escape(_(o))}</li>" for o in self.options)
        return f'<ol type="a">{items}</ol>'

    def _options_text(self):
        return "".join(f"\n  ({chr(ord('a') + i)}) {_(o)}" for i, o in enumerate(self.options))

    def _build_input(self):
        import ipywidgets as widgets

        # (label, value) pairs: the label in the learner's language, the value the index.
        return widgets.RadioButtons(options=[(_(o), i) for i, o in enumerate(self.options)],
                                    value=None, layout=widgets.Layout(width="max-content"))

    def _read_input(self, control):
        return control.value


class Numeric(_Question):
    """A question whose answer is a number, accepted within a tolerance.

    Parameters
    ----------
    prompt : str
    answer : float
    rel_tol, abs_tol : float
        The answer is accepted when ``math.isclose(value, answer, rel_tol, abs_tol)``;
        by default within 1 % (and 1e-9 absolute near 0).
    explanation : str, optional
    unit : str, optional
        Shown after the answer, e.g. ``"bits"``.

    Examples
    --------
    >>> q = Numeric("Entropy of a fair coin, in bits?", 1.0, unit="bits")
    >>> q.check(1.004).correct, q.check(0.5).message
    (True, 'Too low. Try again.')
    """

    def __init__(self, prompt, answer, *, rel_tol=0.01, abs_tol=1e-9, explanation="", unit=""):
        self.prompt = str(prompt)
        answer = float(answer)
        if not math.isfinite(answer):
            raise ValueError("`answer` must be a finite number.")
        if rel_tol < 0 or abs_tol < 0:
            raise ValueError("`rel_tol` and `abs_tol` must be >= 0.")
        self.answer, self.rel_tol, self.abs_tol = answer, float(rel_tol), float(abs_tol)
        self.explanation, self.unit = str(explanation), str(unit)

    def check(self, value) -> Feedback:
        """Grade a number; the message says whether a wrong one is too high or too low."""
        try:
            value = float(value)
        except (TypeError, ValueError):
            return Feedback(False, _("{value} is not a number.").format(value=repr(value)))
        if not math.isfinite(value):
            return Feedback(False, _("Enter a finite number."))
        if math.isclose(value, self.answer, rel_tol=self.rel_tol, abs_tol=self.abs_tol):
            return Feedback(True, _(self.explanation))
        direction = _("Too high.") if value > self.answer else _("Too low.")
        return Feedback(False, f"{direction} {_('Try again.')}")

    def _texts(self):
        return {**super()._texts(), "unit": self.unit}

    def _answer_text(self):
        text = f"{self.answer:.4g}"
        return f"{text} {_(self.unit)}".strip()

    def _build_input(self):
        import ipywidgets as widgets

        return widgets.Text(placeholder=_("type a number"), continuous_update=False)

    def _read_input(self, control):
        text = control.value.strip()
        return text or None

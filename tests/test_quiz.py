"""lecturelib.quiz: grading is a plain function; the widget wires it to a button."""

import pytest

from lecturelib.quiz import Feedback, MultipleChoice, Numeric

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture
def choice():
    return MultipleChoice(
        "Which one drives the weight updates?", ["accuracy", "cross-entropy", "F1"],
        answer="cross-entropy", explanation="It is differentiable.",
        hints={"accuracy": "Accuracy is flat almost everywhere."},
    )


def test_hints_can_be_keyed_by_index():
    q = MultipleChoice("?", ["a", "b"], answer=0, hints={1: "b is tempting."})
    assert q.check("b").message == "b is tempting. Try again."


def test_multiple_choice_grades_by_index_or_text(choice):
    assert choice.check(1) == Feedback(True, "It is differentiable.")
    assert choice.check("cross-entropy").correct
    wrong = choice.check("accuracy")
    assert not wrong.correct
    assert wrong.message == "Accuracy is flat almost everywhere. Try again."
    assert choice.check(2) == Feedback(False, "Try again.")


@pytest.mark.parametrize("bad", [3, -1, "recall", True])
def test_multiple_choice_rejects_unknown_choice(choice, bad):
    with pytest.raises(ValueError, match="choice"):
        choice.check(bad)


@pytest.mark.parametrize("kwargs, match", [
    (dict(options=["only one"], answer=0), "options"),
    (dict(options=["a", "a"], answer=0), "options"),
    (dict(options=["a", "b"], answer=5), "answer"),
    (dict(options=["a", "b"], answer="c"), "answer"),
    (dict(options=["a", "b"], answer=0, hints={"z": "?"}), "hints"),
    (dict(options=["a", "b"], answer=0, hints={7: "?"}), "hints"),
])
def test_multiple_choice_rejects_bad_definition(kwargs, match):
    with pytest.raises(ValueError, match=match):
        MultipleChoice("?", **kwargs)


def test_numeric_tolerance_and_direction():
    q = Numeric("Entropy of a fair coin in bits?", 1.0, rel_tol=0.01, unit="bits",
                explanation="Two equally likely outcomes.")
    assert q.check("1.005") == Feedback(True, "Two equally likely outcomes.")
    assert q.check(1.02).message == "Too high. Try again."
    assert q.check(0.9).message == "Too low. Try again."
    assert not q.check("one").correct
    assert not q.check(float("nan")).correct


@pytest.mark.parametrize("kwargs, match", [
    (dict(answer=float("inf")), "answer"),
    (dict(answer=1.0, rel_tol=-0.1), "rel_tol"),
])
def test_numeric_rejects_bad_definition(kwargs, match):
    with pytest.raises(ValueError, match=match):
        Numeric("?", **kwargs)


def test_multiple_choice_widget_shows_feedback_on_check(choice):
    form = choice.widget()
    form.button.click()
    assert "Choose or type an answer first" in form.feedback.value
    # The radio buttons show each option's text (in the learner's language) and hold its index.
    assert [label for label, _ in form.control.options] == choice.options
    form.control.value = choice.options.index("accuracy")
    form.button.click()
    assert "Not quite" in form.feedback.value and "flat almost everywhere" in form.feedback.value
    form.control.value = choice.options.index("cross-entropy")
    form.button.click()
    assert "Correct" in form.feedback.value and "differentiable" in form.feedback.value


def test_numeric_widget_reads_typed_text():
    form = Numeric("2 + 2?", 4).widget()
    form.control.value = "4.0"
    form.button.click()
    assert "Correct" in form.feedback.value
    form.control.value = "five"
    form.button.click()
    assert "not a number" in form.feedback.value


def test_output_carries_widget_and_a_static_fallback(choice):
    bundle, metadata = choice._repr_mimebundle_()
    assert bundle[WIDGET_VIEW]["model_id"]
    static = bundle["text/html"]
    # The static version lists the options and hides the answer in a <details> block.
    assert "<li>accuracy</li>" in static and "<details>" in static
    assert static.index("<details>") < static.index("<b>cross-entropy</b>")
    # Plain text never gives the answer away.
    assert "(b) cross-entropy" in bundle["text/plain"]
    assert "differentiable" not in bundle["text/plain"]
    # The English texts ride along in the metadata, for the translation catalogs.
    texts = metadata["lecturelib"]["quiz"]
    assert texts["prompt"] == choice.prompt and texts["options"] == choice.options
    assert texts["explanation"] == choice.explanation


def test_static_html_escapes_markup():
    q = MultipleChoice("Is 1 < 2?", ["<yes>", "no"], answer=0)
    assert "&lt;yes&gt;" in q._repr_mimebundle_()[0]["text/html"]

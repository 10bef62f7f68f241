"""The machinery behind every homework check (lecturelib.homework._checking).

Student code is defined here as a notebook defines it: source compiled under a cell's file
name that linecache knows, in a namespace whose ``__name__`` is ``"__main__"``.
"""

import linecache
import math

import numpy as np
import pytest

import lecturelib.detection
from lecturelib.detection import coco_evaluate
from lecturelib.homework._checking import (NUMBER, Mistake, Student, as_number, check_rules,
                                           compare_with_reference, describe, number_pair,
                                           reference_names, rule_violations, sequence_pair)

_CELLS = iter(range(10**6))


def notebook(source: str, **names) -> dict:
    """Run ``source`` as a notebook cell would; return the notebook's namespace."""
    filename = f"<test cell {next(_CELLS)}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    namespace = {"__name__": "__main__", "np": np, **names}
    exec(compile(source, filename, "exec"), namespace)
    return namespace


# ---------------------------------------------------------------- rules read from the code

FORBIDDEN = {"coco_evaluate": coco_evaluate}


def test_words_in_docstrings_comments_and_strings_are_not_calls():
    ns = notebook('''
def average(x):
    """Unlike coco_evaluate(), this is written by hand."""
    # coco_evaluate would do it all
    label = "coco_evaluate"
    return sum(x) / len(x)
''')
    assert rule_violations(ns["average"], forbidden_calls=FORBIDDEN) == []


@pytest.mark.parametrize("source, where", [
    ("def f(g, d):\n    return coco_evaluate(g, d)\n", 2),
    ("def f(g, d):\n    ce = coco_evaluate\n    return ce(g, d)\n", 3),
    ("def f(g, d):\n    return lecturelib.detection.coco_evaluate(g, d)\n", 2),
    ("def f(g, d):\n    from lecturelib.detection import coco_evaluate as mine\n"
     "    return mine(g, d)\n", 3),
])
def test_a_real_call_is_found_under_any_name(source, where):
    ns = notebook(source, coco_evaluate=coco_evaluate, lecturelib=lecturelib)
    found = rule_violations(ns["f"], forbidden_calls=FORBIDDEN)
    assert found and found[0][:2] == ("f", where), found


def test_an_alias_made_outside_the_function_is_found_by_identity():
    ns = notebook("evaluate = coco_evaluate\n\ndef f(g, d):\n    return evaluate(g, d)\n",
                  coco_evaluate=coco_evaluate)
    assert rule_violations(ns["f"], forbidden_calls=FORBIDDEN) == [
        ("f", 2, "calls `evaluate`")]


def test_a_helper_that_calls_it_is_followed_and_named():
    ns = notebook('''
def helper(g, d):
    return coco_evaluate(g, d)["AP"]

def f(g, d):
    return helper(g, d)
''', coco_evaluate=coco_evaluate)
    assert rule_violations(ns["f"], forbidden_calls=FORBIDDEN) == [
        ("helper", 2, "calls `coco_evaluate`")]
    with pytest.raises(AssertionError, match=r"^Line 2 of your `helper`, which your `f` calls, "
                                             r"calls `coco_evaluate`, which this question asks"):
        check_rules(ns["f"], "f", "which this question asks you to write yourself",
                    forbidden_calls=FORBIDDEN)


@pytest.mark.parametrize("body, loops", [
    ("    return np.minimum(a[:, None], b)\n", []),
    ("    cols = [a[:, k] for k in range(4)]\n    return cols\n", []),
    ("    x1, y1, w, h = (a[:, [k]] for k in range(4))\n    return x1\n", []),
    ("    for name in ('x', 'y'):\n        pass\n    return a\n", []),
    ("    out = []\n    for row in a:\n        out.append(row)\n    return out\n", [3]),
    ("    return [r.sum() for r in a]\n", [2]),
    ("    return np.array([[x @ y for y in b] for x in a])\n", [2, 2]),
    ("    i = 0\n    while i < len(a):\n        i += 1\n    return a\n", [3]),
    ("    for i in range(len(a)):\n        pass\n    return a\n", [2]),
])
def test_loops_that_grow_with_the_data_are_found_and_fixed_ones_allowed(body, loops):
    ns = notebook("def f(a, b):\n" + body)
    found = rule_violations(ns["f"], no_loops=True)
    assert [line for _, line, _ in found] == loops, found


def test_imports_inside_a_function_are_found():
    ns = notebook("def f(x):\n    import lecturelib.detection\n    from lecturelib import "
                  "ranking\n    import math\n    return x\n")
    found = rule_violations(ns["f"], forbidden_imports=("lecturelib",))
    assert [(line, what) for _, line, what in found] == [
        (2, "imports `lecturelib.detection`"), (3, "imports `lecturelib`")]


def test_without_source_the_names_the_code_uses_still_count():
    namespace = {"__name__": "__main__", "coco_evaluate": coco_evaluate}
    exec(compile("def f(g, d):\n    return coco_evaluate(g, d)\n", "<no source>", "exec"),
         namespace)
    assert rule_violations(namespace["f"], forbidden_calls=FORBIDDEN) == [
        ("f", 0, "uses `coco_evaluate`")]


# ---------------------------------------------------------------- calling the student

def test_a_missing_function_asks_to_run_its_cell():
    with pytest.raises(AssertionError, match="`recall` is not defined.*question 1"):
        Student(..., "recall", "1")


def test_exceptions_become_sentences_that_name_the_call():
    ns = notebook("def f(x):\n    return x / 0\n\ndef g(x):\n    return y\n")
    with pytest.raises(AssertionError, match=r"f\(3\) raised ZeroDivisionError.*Return 0.0"):
        Student(ns["f"], "f", "1")(3, hints={ZeroDivisionError: "Return 0.0."})
    with pytest.raises(AssertionError, match=r"g\(1\) raised NameError.*uses `y`"):
        Student(ns["g"], "g", "1")(1)
    ns = notebook("def h(x):\n    return None\n")
    with pytest.raises(AssertionError, match=r"h\(\[1, 2\]\) returned None"):
        Student(ns["h"], "h", "1")([1, 2])


def test_mixed_float_tensors_are_explained():
    torch = pytest.importorskip("torch")
    ns = notebook("def loss(x):\n    w = torch.ones(3)\n    return (x @ w)\n", torch=torch)
    with pytest.raises(AssertionError, match="mixes 32-bit and 64-bit"):
        Student(ns["loss"], "loss", "2")(torch.ones(3, dtype=torch.float64))


@pytest.mark.parametrize("value", [0.75, np.float64(0.75), np.float32(0.75), np.array(0.75), 3 / 4])
def test_any_kind_of_number_is_a_number(value):
    assert as_number(value, "f()") == pytest.approx(0.75)


@pytest.mark.parametrize("value, says", [
    (True, "a truth value"), ("0.75", "should return a number"), (np.array([0.75]), "not an array"),
    ([0.75], "should return a number"), (1 + 2j, "should return a number")])
def test_other_things_are_not_numbers(value, says):
    with pytest.raises(AssertionError, match=says):
        as_number(value, "f()")


def test_numbers_are_shown_with_the_digits_that_differ():
    assert number_pair(0.9270, 0.9270001) == ("0.927", "0.9270001")
    assert number_pair(0.1 + 0.2, 0.3) == ("0.30000000000000004", "0.3")
    assert sequence_pair([1] * 30, [1] * 29 + [0])[0].startswith(
        "values that differ from the expected ones at 1 of 30 positions, first at index 29")
    assert describe(np.zeros((50, 4))) == "an array of shape (50, 4) (float64)"
    assert describe(np.array([0.5, 1.0])) == "array([0.5, 1.0])"


# ---------------------------------------------------------------- comparing with the reference

def test_a_mistake_is_named_only_when_its_model_explains_every_answer():
    strict = Mistake(lambda x, t: float(x > t), "{call} returned {got}: you used `>`.")
    ns = notebook("def at(x, t):\n    return float(x > t)\n\ndef fixed(x, t):\n"
                  "    return float(x >= 0.5)\n")
    inputs = [(0.4, 0.4), (0.7, 0.6), (0.2, 0.5)]
    reference = lambda x, t: float(x >= t)  # noqa: E731
    with pytest.raises(AssertionError, match="you used `>`"):
        compare_with_reference(Student(ns["at"], "at", "5"), reference, inputs, mistakes=[strict])
    # The 0.5 threshold gives the same wrong answer on (0.4, 0.4), but not on (0.2, 0.5):
    # the model of `>` does not explain it, so no mistake is named.
    with pytest.raises(AssertionError) as caught:
        compare_with_reference(Student(ns["fixed"], "fixed", "5"), reference,
                               [(0.4, 0.4), (0.6, 0.7)], mistakes=[strict])
    assert "`>`" not in str(caught.value)
    assert str(caught.value).startswith("fixed(0.4, 0.4) returned 0; expected 1.")


def test_a_right_answer_passes_whatever_number_type_it_returns():
    ns = notebook("def f(a, b):\n    return np.array(a / b)\n")
    compare_with_reference(Student(ns["f"], "f", "1"), lambda a, b: a / b, [(1, 3), (2, 7)],
                           answer=NUMBER)


def test_reference_names_stand_in_for_earlier_answers_and_are_put_back():
    ns = notebook("def inner(x):\n    return -1\n\ndef outer(x):\n    return inner(x) + 1\n")
    with reference_names(ns["outer"], inner=lambda x: x, extra=1):
        assert ns["outer"](5) == 6
    assert ns["outer"](5) == 0 and "extra" not in ns
    assert math.isclose(ns["outer"](0), 0)

"""What every homework check needs: call a student's function and say in words what went wrong.

A check fails by raising ``AssertionError`` with a message a student can act on alone, at
night: which call, with what input, what came back, what was expected, and the mistake by
name only where the check has identified it. The pieces here turn everything else (an
exception inside the student's code, ``None``, a string, a number of the wrong kind, a
float that differs in its last digits) into such messages, and read the student's code
(its syntax tree, never its comments or docstrings) for the rules a question sets.

Every message is an English template passed through :func:`lecturelib.i18n.gettext`.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import inspect
import math
import numbers
import sys
import textwrap
import types

import numpy as np

from ..i18n import gettext as _

__all__ = ["NUMBER", "Answer", "CheckFailure", "Mistake", "Student", "as_number",
           "check_rules", "compare_with_reference", "describe", "fail", "number_pair",
           "number_within", "reference_names", "rule_violations", "sequence_pair"]


#: What a failed check raises: otter (and the student) read "AssertionError: <message>".
CheckFailure = AssertionError


def fail(template: str, **fields) -> None:
    """Raise a :class:`CheckFailure` with ``template`` translated, then filled in."""
    raise CheckFailure(_(template).format(**fields))


# --------------------------------------------------------------------------- describing

def describe(value, *, max_items: int = 8) -> str:
    """A short, readable description of a value for a message (an input or a result)."""
    if value is None or isinstance(value, (bool, str)):
        return repr(value)
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return _short_float(float(value))
    torch = _torch()
    if torch is not None and isinstance(value, torch.Tensor):
        kind = str(value.dtype).removeprefix("torch.")
        if value.ndim == 0:
            return _("a 0-d tensor ({dtype}) holding {value}").format(
                dtype=kind, value=_short_float(float(value)))
        if value.numel() <= max_items:
            return _("tensor({values}, {dtype})").format(
                values=np.round(value.detach().cpu().double().numpy(), 4).tolist(), dtype=kind)
        return _("a {dtype} tensor of shape {shape}").format(dtype=kind, shape=tuple(value.shape))
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return _("a 0-d array holding {value}").format(value=describe(value.item()))
        if value.size <= max_items:
            shown = np.round(value, 4) if value.dtype.kind == "f" else value
            return _("array({values})").format(values=shown.tolist())
        return _("an array of shape {shape} ({dtype})").format(shape=value.shape,
                                                              dtype=value.dtype)
    if isinstance(value, np.generic):
        return describe(value.item())
    if isinstance(value, (list, tuple)):
        if len(value) <= max_items:
            inner = ", ".join(describe(v, max_items=max_items) for v in value)
            return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
        return _("a {kind} of {n} items").format(kind=type(value).__name__, n=len(value))
    if isinstance(value, dict):
        return _("a dict with keys {keys}").format(keys=sorted(map(str, value))[:max_items])
    return _("a {kind}").format(kind=type(value).__name__)


def _short_float(x: float) -> str:
    if math.isnan(x) or math.isinf(x) or x == int(x) and abs(x) < 1e15:
        return repr(x) if not (math.isnan(x) or math.isinf(x)) else str(x)
    return f"{x:.6g}"


def number_pair(got: float, expected: float) -> tuple[str, str]:
    """``got`` and ``expected`` written with just enough digits to tell them apart.

    >>> number_pair(0.92698, 0.92701)
    ('0.92698', '0.92701')
    >>> number_pair(0.75, 0.6)
    ('0.75', '0.6')
    >>> number_pair(0.1 + 0.2, 0.3)
    ('0.30000000000000004', '0.3')
    """
    for digits in range(4, 17):
        a, b = f"{got:.{digits}g}", f"{expected:.{digits}g}"
        if a != b or float(a) == got and float(b) == expected:
            return a, b
    return repr(float(got)), repr(float(expected))


def sequence_pair(got, expected, *, max_items: int = 10) -> tuple[str, str]:
    """Two sequences of the same length, written so that a difference shows.

    Short ones are written out; for long ones, the number of differing positions and the
    first of them.

    >>> sequence_pair([0, 1, 1], [0, 1, 0])
    ('[0, 1, 1]', '[0, 1, 0]')
    >>> sequence_pair([0] * 20, [0] * 19 + [1])
    ('values that differ from the expected ones at 1 of 20 positions, first at index 19: 0', '1 there')
    """
    got, expected = list(got), list(expected)
    if len(got) != len(expected) or len(got) <= max_items:
        return str(got), str(expected)
    differ = [i for i, (a, b) in enumerate(zip(got, expected)) if a != b]
    if not differ:
        return str(got), str(expected)
    first = differ[0]
    return (_("values that differ from the expected ones at {k} of {n} positions, first at "
              "index {i}: {got}").format(k=len(differ), n=len(got), i=first, got=got[first]),
            _("{expected} there").format(expected=expected[first]))


def _torch():
    import sys

    return sys.modules.get("torch")


# --------------------------------------------------------------------- calling the student

class Student:
    """A function the student wrote, called the way a check needs it.

    Parameters
    ----------
    function : object
        What the notebook holds under ``name`` (the check receives it from otter).
    name : str
        The name the question asks for, e.g. ``"recall"``.
    question : str
        The question that defines it, e.g. ``"1"``: said when it is missing.
    """

    def __init__(self, function, name: str, question: str):
        if not callable(function):
            fail("`{name}` is not defined (or is not a function). Run the answer cell of "
                 "question {question}, then run this check again.", name=name, question=question)
        self.function, self.name, self.question = function, name, question

    def call_text(self, *args, **kwargs) -> str:
        parts = [describe(a) for a in args] + [f"{k}={describe(v)}" for k, v in kwargs.items()]
        return f"{self.name}({', '.join(parts)})"

    def __call__(self, *args, hints: dict | None = None, **kwargs):
        """Call the function; an exception it raises becomes a message that names the call.

        ``hints`` maps an exception type to a sentence that explains it for this question
        (e.g. ``ZeroDivisionError``: the convention for an undefined metric).
        """
        try:
            result = self.function(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - every error is explained to the student
            raise CheckFailure(self.explain(error, self.call_text(*args, **kwargs),
                                            hints or {})) from None
        if result is None:
            fail("{call} returned None: the function needs a `return` line (or returns "
                 "before it reaches it).", call=self.call_text(*args, **kwargs))
        return result

    @staticmethod
    def explain(error: Exception, call: str, hints: dict) -> str:
        kind = type(error).__name__
        # The sentences below add their own full stop after the error's text.
        text = _("{call} raised {kind}: {error}").format(call=call, kind=kind,
                                                         error=str(error).rstrip(". "))
        for error_type, hint in hints.items():
            if isinstance(error, error_type):
                return f"{text}. {_(hint)}"
        message = str(error)
        if isinstance(error, NameError):
            missing = getattr(error, "name", None) or message
            return _("{text}. The function uses `{missing}`, which is not defined when it "
                     "runs: define it (or run the cell that defines it) before the function "
                     "is called, or pass it in as an argument.").format(text=text,
                                                                        missing=missing)
        if _mixes_float_types(message):
            return _("{text}. Your code mixes 32-bit and 64-bit floating-point tensors: the "
                     "check passes float64 tensors, and a tensor you create yourself "
                     "(torch.tensor, torch.zeros, torch.ones, torch.full) is float32 unless "
                     "you say otherwise. Create it with the input's dtype, e.g. "
                     "torch.zeros(n, dtype=logits.dtype), or use torch.zeros_like(...)."
                     ).format(text=text)
        if isinstance(error, ZeroDivisionError):
            return _("{text}. A denominator was 0 for this input.").format(text=text)
        return _("{text}. (The error happened inside your function on the input above; run "
                 "that call yourself in a new cell to see the line.)").format(text=text)


# Pieces of PyTorch's own error messages that mean float32 and float64 tensors were mixed:
# matched, never shown (the learner reads the explanation instead).
_FLOAT_MIX_SIGNS = (
    "Float did not match Double", "Double did not match Float",
    "expected scalar type Double but found Float",
    "expected scalar type Float but found Double",
    "must have the same dtype", "expected both vectors to have same dtype",
    "found dtype Double but expected Float", "found dtype Float but expected Double",
    "result type Float can't be cast to the desired output type Double",
    "Index put requires the source and destination dtypes match",
    "expected m1 and m2 to have the same dtype",
)


def _mixes_float_types(message: str) -> bool:
    return any(sign in message for sign in _FLOAT_MIX_SIGNS)


def as_number(value, call: str) -> float:
    """``value`` as a float: a Python number, a NumPy scalar, a 0-d array or a 0-d tensor.

    Anything else (``None``, a truth value, a string, an array of several numbers) fails with
    a message that says what came back.
    """
    if isinstance(value, (bool, np.bool_)):
        fail("{call} returned {value}, a truth value; it should return a number.",
             call=call, value=value)
    torch = _torch()
    if torch is not None and isinstance(value, torch.Tensor):
        if value.numel() != 1 or value.ndim != 0:
            fail("{call} returned {value}; it should return one number (a 0-d tensor or a "
                 "float).", call=call, value=describe(value))
        value = value.item()
    if isinstance(value, np.ndarray):
        if value.ndim != 0:
            fail("{call} returned {value}; it should return one number, not an array. If "
                 "the array holds the one number you mean, return it with .item() or "
                 "float(...).", call=call, value=describe(value))
        value = value.item()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, complex) or not isinstance(value, numbers.Real):
        fail("{call} returned {value}; it should return a number such as 0.75.",
             call=call, value=describe(value))
    return float(value)


# ------------------------------------------------------------------- charge a mistake once

@contextlib.contextmanager
def reference_names(function, **references):
    """Let ``function`` (and the other code of its notebook) see ``references`` under those
    names while the block runs, then restore what was there.

    A later question's function usually calls an earlier question's; its check runs it on
    the *reference* version, so a mistake in the earlier question is charged there, once.
    """
    namespace = getattr(function, "__globals__", None)
    if namespace is None:
        yield
        return
    missing = object()
    saved = {name: namespace.get(name, missing) for name in references}
    namespace.update(references)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is missing:
                namespace.pop(name, None)
            else:
                namespace[name] = value


# ----------------------------------------------------------------- rules read from the code

def _source(function):
    """(syntax tree of the function's definition, its first line number) or None."""
    try:
        lines, first = inspect.getsourcelines(function)
    except (OSError, TypeError):
        return None
    try:
        tree = ast.parse(textwrap.dedent("".join(lines)))
    except SyntaxError:
        return None
    return tree, first


def _is_student_code(value) -> bool:
    """A plain Python function defined in the notebook (not imported from a module)."""
    return isinstance(value, types.FunctionType) and value.__module__ == "__main__"


def _resolve(node, namespace, local=None):
    """The object a Name or attribute chain refers to (in the function's own aliases
    ``local``, then ``namespace``), or None."""
    if isinstance(node, ast.Name):
        if local and node.id in local:
            return local[node.id]
        if node.id in namespace:
            return namespace[node.id]
        return getattr(builtins, node.id, None)
    if isinstance(node, ast.Attribute):
        base = _resolve(node.value, namespace, local)
        return getattr(base, node.attr, None) if base is not None else None
    return None


def _local_aliases(tree, namespace) -> dict:
    """Names the function binds to existing objects: ``ce = coco_evaluate`` and imports.

    Only modules already imported are looked up (nothing is imported here)."""
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    aliases[alias.asname] = sys.modules.get(alias.name)
                else:
                    top = alias.name.split(".")[0]
                    aliases[top] = sys.modules.get(top)
        elif isinstance(node, ast.ImportFrom) and node.module:
            module = sys.modules.get(node.module)
            for alias in node.names:
                aliases[alias.asname or alias.name] = getattr(module, alias.name, None)
        elif (isinstance(node, ast.Assign) and len(node.targets) == 1
              and isinstance(node.targets[0], ast.Name)
              and isinstance(node.value, (ast.Name, ast.Attribute))):
            target = _resolve(node.value, namespace, aliases)
            if target is not None:
                aliases[node.targets[0].id] = target
    return aliases


def _dotted(node) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return "..."


def _constant_size_iterable(node) -> bool:
    """``range(4)``, ``range(1, 5)``, a literal tuple or list: a loop of fixed length."""
    if isinstance(node, (ast.Tuple, ast.List)):
        return True
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in ("range", "enumerate", "zip")):
        return all(isinstance(a, ast.Constant) or _constant_size_iterable(a) for a in node.args)
    return False


def rule_violations(function, *, forbidden_calls: dict | None = None, no_loops: bool = False,
                    allow_fixed_loops: bool = True, forbidden_imports: tuple = (),
                    _seen: set | None = None) -> list[tuple[str, int, str]]:
    """Where ``function`` (and the notebook functions it calls) break a question's rules.

    Reads the code's syntax tree, so words in comments, strings and docstrings never count.

    Parameters
    ----------
    forbidden_calls : dict of str to object
        Functions the question asks the student to write instead of calling: a call is
        found when its target *is* one of these objects (under any name or alias) or has
        one of these names.
    no_loops : bool
        Flag ``for`` and ``while`` loops and comprehensions; with ``allow_fixed_loops``, a
        loop over a literal (``range(4)``, a tuple of names) is allowed, since its length
        does not grow with the data.
    forbidden_imports : tuple of str
        Modules that may not be imported inside the function (``"lecturelib"`` forbids its
        submodules too).

    Returns
    -------
    list of (function name, line number within that function, what)
        Empty when every rule holds. Line 1 is the ``def`` line.
    """
    forbidden_calls = forbidden_calls or {}
    seen = _seen if _seen is not None else set()
    if id(function) in seen:
        return []
    seen.add(id(function))
    parsed = _source(function)
    name = getattr(function, "__name__", "?")
    if parsed is None:
        # No source (e.g. made by exec): fall back to the names the bytecode uses.
        used = set(function.__code__.co_names) if hasattr(function, "__code__") else set()
        return [(name, 0, _("uses `{n}`").format(n=n)) for n in sorted(used & set(forbidden_calls))]
    tree, _first = parsed
    namespace = getattr(function, "__globals__", {})
    local = _local_aliases(tree, namespace)
    forbidden_ids = {id(obj): label for label, obj in forbidden_calls.items()}
    found = []
    helpers = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Call):
            target = _resolve(node.func, namespace, local)
            label = forbidden_ids.get(id(target)) if target is not None else None
            if label is None and isinstance(node.func, (ast.Name, ast.Attribute)):
                last = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                label = last if last in forbidden_calls else None
            if label is not None:
                found.append((name, line, _("calls `{what}`").format(what=_dotted(node.func))))
            elif target is not None and _is_student_code(target) and target is not function:
                helpers.append(target)
        elif no_loops and isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            if isinstance(node, ast.While) or not (allow_fixed_loops
                                                  and _constant_size_iterable(node.iter)):
                kind = "while" if isinstance(node, ast.While) else "for"
                found.append((name, line, _("has a `{kind}` loop").format(kind=kind)))
        elif no_loops and isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp,
                                            ast.GeneratorExp)):
            if not (allow_fixed_loops and all(_constant_size_iterable(g.iter)
                                              for g in node.generators)):
                found.append((name, line, _("has a comprehension (a loop written in one line)")))
        elif isinstance(node, (ast.Import, ast.ImportFrom)) and forbidden_imports:
            modules = ([a.name for a in node.names] if isinstance(node, ast.Import)
                       else [node.module or ""])
            for module in modules:
                if any(module == m or module.startswith(m + ".") for m in forbidden_imports):
                    found.append((name, line, _("imports `{module}`").format(module=module)))
    for helper in helpers:
        found += rule_violations(helper, forbidden_calls=forbidden_calls, no_loops=no_loops,
                                 allow_fixed_loops=allow_fixed_loops,
                                 forbidden_imports=forbidden_imports, _seen=seen)
    return found


def check_rules(function, name: str, why: str, **rules) -> None:
    """Fail, naming the first line that breaks a rule, if ``function`` breaks one.

    ``why`` completes the sentence "..., which ...", e.g. "this question asks you to write
    yourself".
    """
    violations = rule_violations(function, **rules)
    if violations:
        where, line, what = violations[0]
        if where == name:
            fail("Line {line} of your `{where}` {what}, {why}.", line=line, where=where,
                 what=what, why=why)
        fail("Line {line} of your `{where}`, which your `{name}` calls, {what}, {why}.",
             line=line, where=where, name=name, what=what, why=why)


# ------------------------------------------------------------- compare with the reference

class Answer:
    """How one kind of answer is read, compared and shown.

    Parameters
    ----------
    read : callable (value, call text) -> canonical value
        Turns what the student's function returned into something comparable, failing with
        a message (via :func:`fail`) when it is not the kind of thing the question asks for.
    equal : callable (a, b) -> bool
    show : callable (got, expected) -> (str, str)
        Both written so that they visibly differ.
    """

    def __init__(self, read, equal, show):
        self.read, self.equal, self.show = read, equal, show


def _close(a, b, rel=1e-9, abs_=1e-12):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


#: One number: a Python or NumPy number, a 0-d array or a 0-d tensor.
NUMBER = Answer(as_number, _close, number_pair)


def number_within(rel: float, abs_: float = 1e-12) -> Answer:
    """One number, equal to the expected one within ``rel`` (relative) or ``abs_``."""
    return Answer(as_number, lambda a, b: _close(a, b, rel, abs_), number_pair)


class Mistake:
    """A known mistake: a model of the wrong code, and what to tell a student who made it.

    The message is named only when the model reproduces *every* answer the student's
    function gave in the check, so a guess never reaches the student. It may use
    ``{call}``, ``{got}`` and ``{expected}`` (the first call whose answer is wrong).
    """

    def __init__(self, model, message: str):
        self.model, self.message = model, message


def compare_with_reference(student: Student, reference, inputs, *, answer: Answer = NUMBER,
                           mistakes=(), hints: dict | None = None, why: str = "") -> None:
    """Call the student's function and the reference on every input; fail on a difference.

    Parameters
    ----------
    student : Student
    reference : callable
        The right answer for the same arguments.
    inputs : iterable of tuple
        Positional arguments of each call (a ``(args, kwargs)`` pair for keywords).
    mistakes : sequence of Mistake
        Tried in order when an answer is wrong; the first whose model gives exactly the
        student's answers is named.
    why : str
        Said after a wrong answer no mistake explains, e.g. how the expected value is made;
        may use ``{call}``, ``{got}`` and ``{expected}``.
    """
    calls = []
    for item in inputs:
        args, kwargs = item if (isinstance(item, tuple) and len(item) == 2
                                and isinstance(item[1], dict)) else (item, {})
        call = student.call_text(*args, **kwargs)
        got = answer.read(student(*args, hints=hints, **kwargs), call)
        expected = answer.read(reference(*args, **kwargs), call)
        calls.append((args, kwargs, call, got, expected))
    wrong = [c for c in calls if not answer.equal(c[3], c[4])]
    if not wrong:
        return
    call, got, expected = wrong[0][2:]
    got_text, expected_text = answer.show(got, expected)
    fields = {"call": call, "got": got_text, "expected": expected_text}
    for mistake in mistakes:
        try:
            same = all(answer.equal(got_c, answer.read(mistake.model(*a, **k), call_c))
                       for a, k, call_c, got_c, _expected in calls)
        except Exception:  # noqa: BLE001 - a model that cannot run on an input does not match
            same = False
        if same:
            fail(mistake.message, **fields)
    message = _("{call} returned {got}; expected {expected}.").format(**fields)
    if why:
        message += " " + _(why).format(**fields)
    raise CheckFailure(message)

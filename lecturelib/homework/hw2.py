"""Checks of Homework 2: stable log-softmax, cross-entropy and focal loss, written in PyTorch.

Each ``qN_public`` check runs the examples the question names (the student sees its call in
the notebook); each ``qN_hidden`` check runs inputs drawn from a seed the grader keeps, so no
answer can be written for the inputs alone. A wrong answer is named as a mistake only when a
model of that mistake reproduces every answer the student's code gave.

The answers are tensors, so a check looks at more than values: the result must be a tensor
of the right shape, keep the precision of ``logits`` (float64 in, float64 out), leave its
inputs unchanged, and carry the gradient of the formula, compared with the reference's on
float64 logits. Values are compared with a tolerance that scales with the dtype of
``logits`` and the size of its entries, so every faithful way of writing the formula passes
in float32 as in float64.

Questions 2 and 3 are checked with the *reference* versions of the earlier questions'
functions in the student's notebook (:func:`~lecturelib.homework._checking.reference_names`),
and question 5 with the reference losses, so a mistake costs points once.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import math

import numpy as np
import torch

from ..i18n import N_
from ..i18n import gettext as _
from . import _checking
from ._checking import (Answer, Mistake, Student, compare_with_reference, describe, fail,
                        reference_names, rule_violations)

__all__ = ["q1_public", "q1_hidden", "q2_public", "q2_hidden", "q3_public", "q3_hidden",
           "q5_public", "q5_hidden", "reference"]

F32, F64 = torch.float32, torch.float64


# ------------------------------------------------------------------ reference solutions

def _reduce(loss, reduction, denominator=None):
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.mean() if denominator is None else loss.sum() / denominator
    raise ValueError(f"reduction must be 'mean', 'sum' or 'none', got {reduction!r}")


class reference:  # noqa: N801 - a namespace of the right answers, used like a module
    """The right answers: equal to torch.log_softmax, F.cross_entropy and
    lecturelib.losses.focal_loss, values and gradients (the tests check)."""

    @staticmethod
    def log_softmax(logits):
        m = logits.amax(dim=1, keepdim=True)
        shifted = logits - m
        return shifted - torch.log(torch.exp(shifted).sum(dim=1, keepdim=True))

    @staticmethod
    def cross_entropy(logits, target, reduction="mean"):
        log_p = reference.log_softmax(logits)
        return _reduce(-log_p[torch.arange(len(target)), target], reduction)

    @staticmethod
    def focal_loss(logits, target, gamma=2.0, alpha=None, reduction="mean"):
        log_p_t = reference.log_softmax(logits)[torch.arange(len(target)), target]
        p_t = log_p_t.exp()
        loss = -((1 - p_t) ** gamma) * log_p_t
        if alpha is not None:
            alpha = torch.as_tensor(alpha, dtype=logits.dtype)
            if alpha.dim() == 0:
                alpha = alpha.expand(logits.shape[1])
            loss = alpha[target] * loss
        return _reduce(loss, reduction)

    @staticmethod
    def per_class_recall(model, data):
        from ..classification import recall_score
        from ..training import predict

        y_pred = predict(model, data.X_test).numpy()
        return recall_score(data.y_test.numpy(), y_pred, average=None)


# ------------------------------------------------------------- calling the student's code

_MIXED_FLOATS = N_(
    "Your code mixes 32-bit and 64-bit floating-point tensors: the checks pass float64 "
    "logits (and float32 ones), and a tensor you create yourself (torch.zeros, torch.ones, "
    "torch.full, torch.tensor) is float32 unless you say otherwise. Create it with the dtype "
    "of the logits, e.g. torch.zeros(n, dtype=logits.dtype), or use torch.zeros_like(logits).")

#: Torch errors a student meets in this homework, and what each means here. An error is
#: recognised by PyTorch's own words in its message, written as bytes: they are text to look
#: for, never shown and never translated, so they are kept apart from the sentences a student
#: reads (which are all marked for translation).
_TORCH_HINTS = (
    ((b"Index put requires the source and destination dtypes match",
      b"expected m1 and m2 to have the same dtype"), _MIXED_FLOATS),
    ((b"must match the size of tensor",),
     N_("Two tensors whose shapes do not fit together were combined. A value per row has "
        "shape (N,) and needs keepdim=True (shape (N, 1)) to line up with the (N, C) logits; "
        "a per-class tensor such as alpha, shape (C,), must first be indexed with the "
        "targets, alpha[target], to give one weight per sample.")),
    ((b"torch.return_types",),
     N_("logits.max(dim=1) (like torch.max(logits, dim=1)) returns a pair (values, indices): "
        "take its .values, or use logits.amax(dim=1, keepdim=True).")),
    ((b"only integer tensors of a single element can be converted to an index",),
     N_("A Python list cannot be indexed with a tensor of class indices: turn it into a "
        "tensor first, e.g. torch.as_tensor(alpha, dtype=logits.dtype).")),
    ((b"too many indices for tensor of dimension 0", b"'float' object is not subscriptable"),
     N_("alpha may be one number, the same weight for every class, and one number cannot be "
        "indexed with `target`: multiply the losses by it as it is (or make C copies of it "
        "first).")),
    ((b"Boolean value of Tensor with more than one value is ambiguous",),
     N_("A tensor of several values was used as a truth value, e.g. `if alpha:` with a "
        "tensor alpha: test `alpha is not None` instead.")),
    ((b"a leaf Variable that requires grad is being used in an in-place operation",
      b"modified by an inplace operation"),
     N_("Your function changes a tensor in place (e.g. `logits -= m`, `logits.sub_(m)` or "
        "`logits[...] = ...`). Compute a new tensor instead (`shifted = logits - m`), which "
        "also leaves the caller's logits as they were.")),
    ((b"Can't call numpy() on Tensor that requires grad",),
     N_("NumPy cannot carry the gradient that training needs: compute the result with torch "
        "operations (torch.exp, torch.log, .amax, .sum, indexing) all the way from "
        "`logits`.")),
)


def _number_text(x: float, digits: int = 6) -> str:
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if x == int(x) and abs(x) < 1e15:
        return f"{x:.1f}"
    return f"{x:.{digits}g}"


def _nested(values, digits: int) -> str:
    if isinstance(values, list):
        return "[" + ", ".join(_nested(v, digits) for v in values) + "]"
    if isinstance(values, bool):
        return str(values)
    if isinstance(values, int):
        return str(values)
    return _number_text(float(values), digits)


def _show_input(value) -> str:
    """An argument of a call, written so that the student can type it in."""
    if isinstance(value, torch.Tensor):
        kind = str(value.dtype).removeprefix("torch.")
        if value.numel() <= 24:
            return _("tensor({values}, {dtype})").format(
                values=_nested(value.detach().tolist(), 6), dtype=kind)
        return _("a {dtype} tensor of shape {shape}").format(dtype=kind,
                                                            shape=tuple(value.shape))
    if isinstance(value, float):
        return _number_text(value)
    if isinstance(value, (list, tuple)) and len(value) <= 24 and all(
            isinstance(v, (int, float)) for v in value):
        return _nested(list(value), 6)
    return describe(value)


class _TorchStudent(Student):
    """A student's function of tensors: its calls are written out in full, and the torch
    errors of this homework are explained."""

    def call_text(self, *args, **kwargs) -> str:
        parts = [_show_input(a) for a in args] + [f"{k}={_show_input(v)}"
                                                  for k, v in kwargs.items()]
        return f"{self.name}({', '.join(parts)})"

    @staticmethod
    def explain(error, call, hints):
        hint = _torch_hint(error)
        if hint is not None:
            return _("{call} raised {kind}: {error}. {hint}").format(
                call=call, kind=type(error).__name__, error=_error_text(error), hint=hint)
        return Student.explain(error, call, hints)


def _error_text(error) -> str:
    """The error's message without a final full stop (the hint that follows adds one)."""
    return str(error).strip().rstrip(".")


def _torch_hint(error):
    """What a torch error means in this homework, or None."""
    message = str(error).encode()
    for signs, hint in _TORCH_HINTS:
        if any(sign in message for sign in signs):
            return _(hint)
    return None


# ------------------------------------------------------------------ the rule of the homework

def _forbidden_calls() -> dict:
    """The library functions the homework asks the student to write instead (by identity)."""
    from .. import losses

    nn, functional = torch.nn, torch.nn.functional
    return {
        "torch.log_softmax": torch.log_softmax,
        "torch.nn.functional.log_softmax": functional.log_softmax,
        "torch.special.log_softmax": torch.special.log_softmax,
        "torch.logsumexp": torch.logsumexp,
        "torch.special.logsumexp": torch.special.logsumexp,
        "torch.Tensor.log_softmax": torch.Tensor.log_softmax,
        "torch.Tensor.logsumexp": torch.Tensor.logsumexp,
        "torch.nn.functional.cross_entropy": functional.cross_entropy,
        "torch.nn.functional.nll_loss": functional.nll_loss,
        "torch.nn.LogSoftmax": nn.LogSoftmax,
        "torch.nn.CrossEntropyLoss": nn.CrossEntropyLoss,
        "torch.nn.NLLLoss": nn.NLLLoss,
        "lecturelib.losses.cross_entropy": losses.cross_entropy,
        "lecturelib.losses.focal_loss": losses.focal_loss,
        "lecturelib.losses._log_softmax": losses._log_softmax,
    }


#: Tensor methods the rule forbids: `logits.log_softmax(dim=1)` resolves to no global object
#: (its tensor is a local variable), so these are found by the method's name.
_FORBIDDEN_METHODS = ("log_softmax", "logsumexp")

_RULE = N_("which this homework asks you to replace with your own code (torch.exp, "
           "torch.log, .amax, .sum and indexing, and your functions of the earlier questions)")


def _method_calls(function, names, seen=None) -> list:
    """Calls ``tensor.<name>(...)`` in ``function`` and the notebook functions it calls: the
    method of a tensor held in a local variable (which resolves to nothing) or a global one."""
    seen = set() if seen is None else seen
    if id(function) in seen:
        return []
    seen.add(id(function))
    parsed = _checking._source(function)
    if parsed is None:
        return []
    tree, _first = parsed
    namespace = getattr(function, "__globals__", {})
    local = _checking._local_aliases(tree, namespace)
    where = getattr(function, "__name__", "?")
    found, helpers = [], []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        target = _checking._resolve(node.func, namespace, local)
        if (isinstance(node.func, ast.Attribute) and node.func.attr in names
                and (target is None or isinstance(getattr(target, "__self__", None),
                                                  torch.Tensor))):
            found.append((where, node.lineno,
                          _("calls `{what}`").format(what=_checking._dotted(node.func))))
        elif _checking._is_student_code(target) and target is not function:
            helpers.append(target)
    for helper in helpers:
        found += _method_calls(helper, names, seen)
    return found


def _check_library_calls(function, name: str) -> None:
    """Fail, naming the line, if ``function`` (or a notebook helper it calls) calls one of
    the library functions the homework forbids. Reads the syntax tree: words in comments and
    docstrings never count."""
    found = rule_violations(function, forbidden_calls=_forbidden_calls())
    found += _method_calls(function, _FORBIDDEN_METHODS)
    if not found:
        return
    where, line, what = min(found, key=lambda v: (v[0] != name, v[1]))
    if where == name:
        fail("Line {line} of your `{where}` {what}, {why}.", line=line, where=where, what=what,
             why=_(_RULE))
    fail("Line {line} of your `{where}`, which your `{name}` calls, {what}, {why}.",
         line=line, where=where, name=name, what=what, why=_(_RULE))


# ------------------------------------------------------------------- comparing tensors

def _clones(args, kwargs):
    def copy(v):
        return v.detach().clone() if isinstance(v, torch.Tensor) else v
    return [copy(a) for a in args], {k: copy(v) for k, v in kwargs.items()}


def _tolerance(logits):
    """(atol, rtol) for results computed from ``logits``.

    The absolute part is a few dozen rounding errors of the dtype of ``logits`` times the
    size of its largest entry (x - m and log-sum-exp of logits near 1000 keep only the
    absolute accuracy of 1000). The relative part is never below 1e-6: a weight made in
    float32 (``torch.tensor(alpha)``) carries 7 digits into a float64 loss, and that is a
    faithful answer; every mistake this homework knows changes far more than that."""
    eps = torch.finfo(logits.dtype).eps
    scale = float(logits.detach().abs().max()) if logits.numel() else 0.0
    return 64 * eps * (1 + scale), max(64 * eps, 1e-6)


def _close_mask(got, expected, atol, rtol):
    g, e = got.detach().double(), expected.detach().double()
    same_nan = torch.isnan(g) & torch.isnan(e)
    same_inf = torch.isinf(g) & torch.isinf(e) & (g == e)
    return ((g - e).abs() <= atol + rtol * e.abs()) | same_nan | same_inf


def _close(got, expected, atol, rtol) -> bool:
    return got.shape == expected.shape and bool(_close_mask(got, expected, atol, rtol).all())


def _values(t, digits) -> str:
    return _nested(t.detach().double().tolist(), digits)


def _show_pair(got, expected, atol, rtol) -> tuple[str, str]:
    """``got`` and ``expected`` (tensors) written so that their difference shows."""
    kind = str(got.dtype).removeprefix("torch.")
    if got.shape != expected.shape:
        def shaped(template, t):
            text = _(template).format(dtype=kind, shape=tuple(t.shape))
            return text + (": " + _values(t, 5) if t.numel() <= 12 else "")
        return (shaped(N_("a {dtype} tensor of shape {shape}"), got),
                shaped(N_("shape {shape}"), expected))
    if got.numel() <= 12:
        for digits in range(5, 18):
            a, b = _values(got, digits), _values(expected, digits)
            if a != b:
                return a, b
        return a, b
    wrong = (~_close_mask(got, expected, atol, rtol)).flatten()
    first = int(wrong.nonzero()[0]) if wrong.any() else 0
    index = tuple(int(i) for i in np.unravel_index(first, tuple(got.shape)))
    g, e = float(got.flatten()[first]), float(expected.flatten()[first])
    for digits in range(5, 18):
        a, b = _number_text(g, digits), _number_text(e, digits)
        if a != b:
            break
    return (_("values that differ from the expected ones at {k} of {n} positions, first at "
              "index {i}: {got}").format(k=int(wrong.sum()), n=got.numel(), i=index, got=a),
            _("{expected} there").format(expected=b))


def _read_tensor(value, call):
    if isinstance(value, torch.Tensor):
        return value
    if isinstance(value, np.ndarray):
        fail("{call} returned a NumPy array; return a torch tensor computed with torch "
             "operations (NumPy cannot carry the gradient that training needs).", call=call)
    if isinstance(value, (bool, int, float, np.generic)):
        fail("{call} returned {value}, a Python number; return a torch tensor (one number is a "
             "0-d tensor, e.g. loss.mean()): .item() and float(...) drop the gradient that "
             "training needs.", call=call, value=describe(value))
    fail("{call} returned {value}; return a torch tensor.", call=call, value=describe(value))


def _check_dtype(call, got, logits):
    if not got.is_floating_point():
        fail("{call} returned a tensor of {dtype}; the result must be a floating-point tensor, "
             "like the logits.", call=call, dtype=str(got.dtype).removeprefix("torch."))
    given = logits.dtype
    if torch.finfo(got.dtype).eps > torch.finfo(given).eps:
        fail("{call} returned a {got} tensor for {given} logits: keep the dtype of `logits`, "
             "or the result loses precision. A tensor you create yourself (torch.zeros, "
             "torch.ones, torch.full, torch.tensor) is float32 unless you pass "
             "dtype=logits.dtype (or use torch.zeros_like(logits)), and .float() turns "
             "float64 into float32.", call=call, got=str(got.dtype).removeprefix("torch."),
             given=str(given).removeprefix("torch."))


_PARAMETERS = ("logits", "target")


def _check_unchanged(call, args, kwargs, given_args, given_kwargs):
    pairs = [(_PARAMETERS[i] if i < len(_PARAMETERS) else f"#{i + 1}", a, b)
             for i, (a, b) in enumerate(zip(args, given_args))]
    pairs += [(k, kwargs[k], given_kwargs[k]) for k in kwargs]
    for name, original, given in pairs:
        if isinstance(original, torch.Tensor) and not torch.equal(original, given):
            fail("After {call}, the `{name}` tensor it was given had changed: your function "
                 "changes its input in place (e.g. `logits -= m`, `logits.sub_(m)` or "
                 "`logits[...] = ...`). Compute new tensors instead (`shifted = logits - m`): "
                 "a loss must leave the model's outputs as they were.", call=call, name=name)


class _Call:
    def __init__(self, args, kwargs, call, got, expected):
        self.args, self.kwargs, self.call = args, kwargs, call
        self.got, self.expected = got, expected
        self.atol, self.rtol = _tolerance(args[0])


def _model_reproduces(model, calls) -> bool:
    for c in calls:
        try:
            args, kwargs = _clones(c.args, c.kwargs)
            out = model(*args, **kwargs)
        except Exception:  # noqa: BLE001 - a model that cannot run there does not match
            return False
        if not isinstance(out, torch.Tensor) or not _close(c.got, out, c.atol, c.rtol):
            return False
    return True


_NOT_FINITE = N_(
    "Your result holds inf or nan where the exact values are finite: an exp() overflowed "
    "(exp(x) is inf beyond x = 709 in float64, beyond x = 88 in float32) or a probability "
    "that rounded to 0 went into log(). Subtract each row's largest logit before "
    "exponentiating, and take logs of probabilities from log-softmax, never log(softmax).")


def _compare(student, reference_fn, cases, *, mistakes=(), why="", shape_why=""):
    """Call ``student`` and ``reference_fn`` on every case ``(args, kwargs)``; fail on a
    result that is not a tensor, loses precision, changes its inputs, or differs."""
    calls = []
    for args, kwargs in cases:
        call = student.call_text(*args, **kwargs)
        given_args, given_kwargs = _clones(args, kwargs)
        got = _read_tensor(student(*given_args, **given_kwargs), call)
        _check_unchanged(call, args, kwargs, given_args, given_kwargs)
        _check_dtype(call, got, args[0])
        ref_args, ref_kwargs = _clones(args, kwargs)
        calls.append(_Call(args, kwargs, call, got.detach(),
                           reference_fn(*ref_args, **ref_kwargs).detach()))
    wrong = [c for c in calls if not _close(c.got, c.expected, c.atol, c.rtol)]
    if not wrong:
        return
    first = wrong[0]
    got_text, expected_text = _show_pair(first.got, first.expected, first.atol, first.rtol)
    fields = {"call": first.call, "got": got_text, "expected": expected_text}
    for mistake in mistakes:
        if _model_reproduces(mistake.model, calls):
            fail(mistake.message, **fields)
    if first.got.shape != first.expected.shape:
        message = _("{call} returned {got}; expected {expected}.").format(**fields)
        if shape_why:
            message += " " + _(shape_why)
        raise _checking.CheckFailure(message)
    message = _("{call} returned {got}; expected {expected}.").format(**fields)
    if not bool(torch.isfinite(first.got).all()) and bool(torch.isfinite(first.expected).all()):
        message += " " + _(_NOT_FINITE)
    if why:
        message += " " + _(why).format(**fields)
    raise _checking.CheckFailure(message)


# ------------------------------------------------------------------- comparing gradients

_GRAD_ATOL, _GRAD_RTOL = 1e-7, 1e-6


def _gradient(value, x, call, student=True):
    """d value.sum() / d x, or a failure that says why there is none."""
    if student and not value.requires_grad:
        fail("{call} returned a tensor without a gradient (its requires_grad is False although "
             "logits.requires_grad is True): somewhere the computation leaves PyTorch's "
             "autograd, e.g. with .detach(), .item(), .numpy(), torch.tensor(...) of computed "
             "values or torch.no_grad(). Training needs the gradient of the loss with respect "
             "to the logits: use torch operations from `logits` to the result.", call=call)
    try:
        (grad,) = torch.autograd.grad(value.sum(), x, allow_unused=True)
    except Exception as error:  # noqa: BLE001 - explained to the student
        if not student:
            raise
        message = _("Computing the gradient of {call}.sum() with respect to `logits` raised "
                    "{kind}: {error}.").format(call=call, kind=type(error).__name__,
                                               error=_error_text(error))
        hint = _torch_hint(error)
        raise _checking.CheckFailure(message + (" " + hint if hint else "")) from None
    if grad is None:
        fail("{call} returned a tensor that does not depend on `logits` for the gradient: it "
             "was built from values copied out of the logits (e.g. torch.tensor(...) of "
             "computed numbers), so the gradient cannot flow back. Compute it with torch "
             "operations on `logits` itself.", call=call)
    return grad


def _gradient_of(function, args, kwargs, call=None):
    given_args, given_kwargs = _clones(args, kwargs)
    x = given_args[0].requires_grad_(True)
    value = function(*given_args, **given_kwargs)
    if call is None:
        return _gradient(value, x, "", student=False)
    return _gradient(_read_tensor(value, call), x, call)


def _compare_gradients(student, reference_fn, cases, *, mistakes=(), why=""):
    """The gradient of the student's result (summed) with respect to float64 logits equals
    the reference's; a mistake is named when its model's gradient reproduces every one."""
    calls = []
    for args, kwargs in cases:
        call = student.call_text(*args, **kwargs)
        got = _gradient_of(student, args, kwargs, call)
        calls.append((args, kwargs, call, got, _gradient_of(reference_fn, args, kwargs)))
    wrong = [c for c in calls if not _close(c[3], c[4], _GRAD_ATOL, _GRAD_RTOL)]
    if not wrong:
        return
    args, kwargs, call, got, expected = wrong[0]
    got_text, expected_text = _show_pair(got, expected, _GRAD_ATOL, _GRAD_RTOL)
    fields = {"call": call, "got": got_text, "expected": expected_text}
    for mistake in mistakes:
        try:
            same = all(_close(g, _gradient_of(mistake.model, a, k), _GRAD_ATOL, _GRAD_RTOL)
                       for a, k, _c, g, _e in calls)
        except Exception:  # noqa: BLE001 - a model that cannot run there does not match
            same = False
        if same:
            fail(mistake.message, **fields)
    message = _("The gradient of {call}.sum() with respect to `logits` is {got}; expected "
                "{expected}.").format(**fields)
    if why:
        message += " " + _(why).format(**fields)
    raise _checking.CheckFailure(message)


def _check_rejects_reduction(student, args, reduction):
    kwargs = {"reduction": reduction}
    call = student.call_text(*args, **kwargs)
    given_args, given_kwargs = _clones(args, kwargs)
    try:
        value = student.function(*given_args, **given_kwargs)
    except ValueError:
        return
    except Exception as error:  # noqa: BLE001 - explained to the student
        fail("{call} raised {kind}: {error}. An unknown reduction must raise ValueError (e.g. "
             "`raise ValueError(...)` after the three known values), so that a typo stops with "
             "a clear message.", call=call, kind=type(error).__name__, error=error)
    fail("{call} returned {value}; it must raise ValueError: only 'mean', 'sum' and 'none' "
         "exist, and a typo must stop with an error, not train with some other loss.",
         call=call, value=_show_input(value) if isinstance(value, torch.Tensor)
         else describe(value))


def _tensor(values, dtype):
    return torch.tensor(values, dtype=dtype)


def _labels(values):
    return torch.tensor(values, dtype=torch.int64)


def _random_logits(rng, n, c, scale, dtype):
    """Logits rounded to two decimals, so that a call in a message can be typed in."""
    return torch.tensor(np.round(rng.normal(size=(n, c)) * scale, 2), dtype=dtype)


def _random_labels(rng, n, c):
    return torch.tensor(rng.integers(0, c, size=n), dtype=torch.int64)


# ---------------------------------------------------------------------- question 1

def _softmax_ratio(x):
    e = torch.exp(x)
    return torch.log(e / e.sum(dim=1, keepdim=True))


def _log_of_softmax(x):
    return torch.log(torch.softmax(x, dim=1))


def _unshifted(x):
    return x - torch.log(torch.exp(x).sum(dim=1, keepdim=True))


def _batch_max(x):
    shifted = x - x.max()
    return shifted - torch.log(torch.exp(shifted).sum(dim=1, keepdim=True))


def _shift_then(x, total):
    shifted = x - x.amax(dim=1, keepdim=True)
    return shifted - torch.log(total(torch.exp(shifted)))


def _log_softmax_mistakes():
    return [
        Mistake(_softmax_ratio,
                "{call} returned {got}: exp(1000) overflows to inf (and inf / inf is nan), so "
                "the log of exp(x) / sum(exp(x)) fails on large logits. Subtract each row's "
                "largest logit m first and stay in log space: x_c - m - log sum_k exp(x_k - m) "
                "(expected {expected})."),
        Mistake(_log_of_softmax,
                "{call} returned {got}: the probabilities of the logits far below the row's "
                "largest round to 0 (exp(-1000) = 0), and log(0) = -inf, so the log of a "
                "softmax fails even when the softmax itself is computed stably. Stay in log "
                "space: x_c - m - log sum_k exp(x_k - m) (expected {expected})."),
        Mistake(_unshifted,
                "{call} returned {got}: sum_k exp(x_k) overflows (exp(1000) = inf) because the "
                "logits are not shifted first. Subtract each row's largest logit m inside the "
                "exponent: x_c - m - log sum_k exp(x_k - m) (expected {expected})."),
        Mistake(_batch_max,
                "{call} returned {got}: the whole batch is shifted by its ONE largest logit. A "
                "row far below it then underflows (exp(-1000) = 0, and log(0) = -inf). Shift "
                "each row by its own largest logit: logits.amax(dim=1, keepdim=True) "
                "(expected {expected})."),
        Mistake(lambda x: _shift_then(x, lambda e: e.sum(dim=0, keepdim=True)),
                "{call} returned {got}: the exponentials are summed over the batch (dim=0), "
                "down each column, so the probabilities of each class, not of each sample, "
                "add up to 1. Sum over the classes of each row: .sum(dim=1, keepdim=True) "
                "(expected {expected})."),
        Mistake(lambda x: reference.log_softmax(x.T).T,
                "{call} returned {got}: the log-softmax is taken over the batch (dim=0), down "
                "each column. Each ROW is one sample: take the largest logit and the sum over "
                "dim=1, with keepdim=True (expected {expected})."),
        Mistake(lambda x: _shift_then(x, lambda e: e.sum()),
                "{call} returned {got}: the exponentials of the whole batch are summed "
                "together. Each sample is normalised on its own: .sum(dim=1, keepdim=True) "
                "(expected {expected})."),
        Mistake(lambda x: x - torch.log(torch.exp(x - x.amax(dim=1, keepdim=True))
                                        .sum(dim=1, keepdim=True)),
                "{call} returned {got}: each row is off by its largest logit m. The result is "
                "x_c - log sum_k exp(x_k - m); subtract m as well: "
                "(x_c - m) - log sum_k exp(x_k - m) (expected {expected})."),
        Mistake(lambda x: (x - x.amax(dim=1, keepdim=True))
                + torch.log(torch.exp(x - x.amax(dim=1, keepdim=True)).sum(dim=1, keepdim=True)),
                "{call} returned {got}: log sum_k exp(x_k - m) is added instead of subtracted "
                "(expected {expected})."),
        Mistake(lambda x: torch.softmax(x, dim=1),
                "{call} returned {got}: these are the probabilities (each row sums to 1); the "
                "question asks for their logarithms (expected {expected})."),
    ]


def _detached_normaliser(shift_too):
    def model(x):
        m = x.amax(dim=1, keepdim=True)
        shifted = x - (m.detach() if shift_too else m)
        return shifted - torch.log(torch.exp(shifted).sum(dim=1, keepdim=True)).detach()
    return model


_DETACHED_NORMALISER = N_(
    "The gradient of {call}.sum() with respect to `logits` is {got}; expected {expected}. The "
    "term log sum_k exp(x_k - m) is detached, so its gradient (the softmax) is missing. Only "
    "the shift m may be detached (moving every logit of a row by the same amount does not "
    "change its log-softmax); the log-sum-exp depends on every logit.")

_LOG_SOFTMAX_GRADIENT_MISTAKES = [Mistake(_detached_normaliser(True), _DETACHED_NORMALISER),
                                  Mistake(_detached_normaliser(False), _DETACHED_NORMALISER)]

_LOG_SOFTMAX_WHY = N_("log_softmax(x)_c = x_c - m - log sum_k exp(x_k - m), where m is the "
                      "largest logit of each row.")
_LOG_SOFTMAX_SHAPE = N_("Return one log-probability per sample and class: a tensor of the "
                        "shape of `logits`, (N, C).")
_GRADIENT_WHY = N_("Build the result from `logits` with torch operations only, so that its "
                   "gradient is the gradient of the formula.")


def _check_log_softmax(log_softmax, cases, gradient_cases):
    student = _TorchStudent(log_softmax, "log_softmax", "1")
    _check_library_calls(student.function, "log_softmax")
    _compare(student, reference.log_softmax, [((x,), {}) for x in cases],
             mistakes=_log_softmax_mistakes(), why=_LOG_SOFTMAX_WHY,
             shape_why=_LOG_SOFTMAX_SHAPE)
    _compare_gradients(student, reference.log_softmax, [((x,), {}) for x in gradient_cases],
                       mistakes=_LOG_SOFTMAX_GRADIENT_MISTAKES, why=_GRADIENT_WHY)


Q1_EXAMPLE = [[2.0, 1.0, -1.0], [0.5, 0.5, 0.5]]


def q1_public(log_softmax):
    """Question 1: [[2, 1, -1], [0.5, 0.5, 0.5]] (float32), [[1000, 0, -1000]] (float32),
    [[1000, 999], [0, -1]] (float64, each row its own m), and the gradient on the first."""
    _check_log_softmax(log_softmax,
                       [_tensor(Q1_EXAMPLE, F32), _tensor([[1000.0, 0.0, -1000.0]], F32),
                        _tensor([[1000.0, 999.0], [0.0, -1.0]], F64)],
                       [_tensor(Q1_EXAMPLE, F64)])


def q1_hidden(log_softmax, *, seed):
    """Random logits of many shapes in both dtypes, rows thousands apart, N = 1, N = C."""
    rng = np.random.default_rng(seed)
    shapes = [(1, 2), (3, 4), (5, 3), (2, 10), (4, 5), (6, 2), (3, 3), (1, 7)]
    scales = [1, 4, 15, 3, 8, 2, 5, 30]
    cases = [_random_logits(rng, n, c, s, (F32, F64)[i % 2])
             for i, ((n, c), s) in enumerate(zip(shapes, scales))]
    apart = _random_logits(rng, 4, 3, 3, F64)
    apart[int(rng.integers(0, 4))] += 1500.0          # one row thousands above the others
    cases += [apart, _tensor([[-1000.0, -2000.0, 500.0], [30.0, 0.0, -30.0]], F64),
              _tensor([[100.0, 0.0, -100.0], [0.5, 0.25, 0.0]], F32)]
    gradients = [_random_logits(rng, 3, 4, 2, F64), _random_logits(rng, 2, 5, 4, F64)]
    _check_log_softmax(log_softmax, cases, gradients)


# ---------------------------------------------------------------------- question 2

def _pick(log_p, target, how):
    rows = torch.arange(len(target))
    if how == "predicted":
        return log_p[rows, log_p.argmax(dim=1)]
    if how == "columns":
        return log_p[:, target]
    if how == "rows":
        return log_p[target]
    if how == "all":
        return log_p.sum(dim=1)
    if how == "column":
        return log_p.gather(1, target.unsqueeze(1))
    return log_p[rows, target]


def _ce(logits, target, reduction="mean", *, log_p=reference.log_softmax, pick="true",
        sign=1.0, mean="n"):
    loss = -sign * _pick(log_p(logits), target, pick)
    if mean == "ignore":
        return loss.mean()
    if reduction == "mean" and mean == "sum":
        return loss.sum()
    if reduction == "mean" and mean == "nc":
        return loss.sum() / logits.numel()
    if reduction == "mean" and mean == "c":
        return loss.sum() / logits.shape[1]
    return _reduce(loss, reduction)


def _cross_entropy_mistakes():
    def model(**options):
        return lambda logits, target, reduction="mean": _ce(logits, target, reduction,
                                                            **options)

    return [
        Mistake(model(pick="predicted"),
                "{call} returned {got}: that is minus the log-probability of the PREDICTED "
                "class (the largest logit of each row). Cross-entropy takes the "
                "log-probability of the TRUE class, the one `target` names: "
                "log_p[torch.arange(N), target] (expected {expected})."),
        Mistake(model(log_p=_log_of_softmax),
                "{call} returned {got}: the softmax of a logit far below the row's largest "
                "rounds to 0, and -log(0) = inf. Take the log-probabilities from log-softmax "
                "(x_c - m - log sum_k exp(x_k - m)), never the log of a probability "
                "(expected {expected})."),
        Mistake(model(log_p=_softmax_ratio),
                "{call} returned {got}: exp(1000) overflows to inf (and inf / inf is nan), so "
                "a softmax computed as exp(x) / sum(exp(x)) fails on large logits. Take the "
                "log-probabilities from log-softmax, x_c - m - log sum_k exp(x_k - m) "
                "(expected {expected})."),
        Mistake(model(log_p=_unshifted),
                "{call} returned {got}: sum_k exp(x_k) overflows (exp(1000) = inf) because the "
                "logits are not shifted first. Subtract each row's largest logit m inside the "
                "exponent, as in log-softmax: x_c - m - log sum_k exp(x_k - m) "
                "(expected {expected})."),
        Mistake(model(sign=-1.0),
                "{call} returned {got}: the minus sign is missing. Cross-entropy is MINUS the "
                "log-probability of the true class, so it is never negative "
                "(expected {expected})."),
        Mistake(model(mean="sum"),
                "{call} returned {got}, the SUM of the per-sample losses, for "
                "reduction='mean'. 'mean' divides the sum by N, the number of samples "
                "(expected {expected}): mean or sum changes every gradient step by a factor "
                "of the batch size."),
        Mistake(model(mean="nc"),
                "{call} returned {got}: reduction='mean' divides by N x C (every entry of a "
                "one-hot table), not by N. Each sample has ONE loss, -log p of its true class, "
                "so 'mean' is the sum of the N losses / N (expected {expected})."),
        Mistake(model(mean="c"),
                "{call} returned {got}: reduction='mean' divides by C, the number of classes. "
                "It averages over the N samples: the sum of the N losses / N "
                "(expected {expected})."),
        Mistake(model(pick="columns"),
                "{call} returned {got}: log_p[:, target] picks the target columns for EVERY "
                "row, an N x N table. Pick one entry per row, row n's own target: "
                "log_p[torch.arange(N), target] (expected {expected})."),
        Mistake(model(pick="rows"),
                "{call} returned {got}: log_p[target] picks whole ROWS (the rows numbered by "
                "the targets), not one entry per row. Pick row n's own target: "
                "log_p[torch.arange(N), target] (expected {expected})."),
        Mistake(model(pick="all"),
                "{call} returned {got}: -log p is added up over ALL classes of each row. With "
                "class-index targets the one-hot vector is 1 only at the true class, so the "
                "loss is -log p of that class alone (expected {expected})."),
        Mistake(model(mean="ignore"),
                "{call} returned {got}: the `reduction` argument is ignored, the mean comes "
                "back whatever it says. 'none' returns the N per-sample losses, 'sum' their "
                "sum and 'mean' their average (expected {expected})."),
        Mistake(model(pick="column"),
                "{call} returned {got}: with reduction='none' the losses come back as a "
                "column, shape (N, 1) (gather keeps the class dimension). Return shape (N,): "
                "add .squeeze(1), or pick with log_p[torch.arange(N), target]."),
    ]


_CE_WHY = N_("The loss of sample n is -log p_(n, y_n), minus the log-probability of its "
             "TRUE class (from log-softmax); 'none' returns the N losses, 'sum' their sum and "
             "'mean' their sum / N.")
_LOSS_SHAPE = N_("With reduction='none' return one loss per sample, a tensor of shape (N,); "
                 "with 'mean' and 'sum' one number, a 0-d tensor (shape ()).")


def _check_cross_entropy(cross_entropy, cases, gradient_cases, unknown):
    student = _TorchStudent(cross_entropy, "cross_entropy", "2")
    # Question 2 builds on question 1: it is checked with the right log_softmax in place of
    # the student's, so a mistake there is charged in question 1 only.
    with reference_names(student.function, log_softmax=reference.log_softmax):
        _check_library_calls(student.function, "cross_entropy")
        _compare(student, reference.cross_entropy, cases, mistakes=_cross_entropy_mistakes(),
                 why=_CE_WHY, shape_why=_LOSS_SHAPE)
        _check_rejects_reduction(student, cases[0][0], unknown)
        _compare_gradients(student, reference.cross_entropy, gradient_cases, why=_GRADIENT_WHY)


DOG_PROBABILITIES = [[0.9, 0.1], [0.4, 0.6]]
FOUR_LOGITS = [[2.0, 0.0, -1.0], [0.5, 0.4, 0.3], [-1.0, 3.0, 0.0], [0.0, 0.0, 0.0]]
FOUR_TARGETS = [0, 2, 1, 1]


def q2_public(cross_entropy):
    """Question 2: the dog images ('none'), four samples in every reduction (the default is
    'mean'), [[1000, 0, -1000]] with class 2 (2000), reduction='average' (ValueError), and the
    gradient of the mean on float64 logits."""
    dogs = torch.log(_tensor(DOG_PROBABILITIES, F64))
    four, targets = _tensor(FOUR_LOGITS, F64), _labels(FOUR_TARGETS)
    cases = [((dogs, _labels([0, 0])), {"reduction": "none"}),
             ((four, targets), {}),
             ((four, targets), {"reduction": "sum"}),
             ((four, targets), {"reduction": "none"}),
             ((_tensor([[1000.0, 0.0, -1000.0]], F32), _labels([2])), {})]
    _check_cross_entropy(cross_entropy, cases, [((four, targets), {})], "average")


def q2_hidden(cross_entropy, *, seed):
    """Random logits and targets, both dtypes, every reduction; extreme logits; gradients."""
    rng = np.random.default_rng(seed)
    cases = []
    shapes = [(1, 2), (3, 4), (5, 3), (2, 10), (4, 5), (3, 3), (6, 2)]
    for i, (n, c) in enumerate(shapes):
        x = _random_logits(rng, n, c, (1, 4, 10)[i % 3], (F32, F64)[i % 2])
        t = _random_labels(rng, n, c)
        cases += [((x, t), {"reduction": r}) for r in ("none", "sum", "mean")]
    apart = _random_logits(rng, 3, 4, 2, F64)
    apart[0] += 1200.0
    extreme = _tensor([[-1000.0, -2000.0, 500.0], [30.0, 0.0, -30.0]], F64)
    cases += [((apart, _random_labels(rng, 3, 4)), {"reduction": "none"}),
              ((extreme, _labels([0, 1])), {"reduction": "none"}),
              ((_tensor([[100.0, 0.0, -100.0]], F32), _labels([2])), {})]
    gradients = []
    for reduction in ("mean", "sum", "none"):
        n, c = int(rng.integers(2, 6)), int(rng.integers(2, 6))
        gradients.append(((_random_logits(rng, n, c, 3, F64), _random_labels(rng, n, c)),
                          {"reduction": reduction}))
    _check_cross_entropy(cross_entropy, cases, gradients, "batchmean")


# ---------------------------------------------------------------------- question 3

def _alpha_weights(alpha, logits, target, rule):
    """Each sample's weight under a convention (``rule``) for ``alpha``."""
    if alpha is None:
        return None
    alpha = torch.as_tensor(alpha, dtype=logits.dtype)
    scalar = alpha.dim() == 0
    per_class = alpha.expand(logits.shape[1]) if scalar else alpha
    if rule == "true":
        return per_class[target]
    if rule == "predicted":
        return per_class[logits.argmax(dim=1)]
    if rule == "one_minus":
        return 1 - per_class[target]
    if rule in ("binary_one", "binary_zero"):
        if not scalar:
            return per_class[target]
        positive = target == 1 if rule == "binary_one" else target != 0
        return torch.where(positive, alpha, 1 - alpha)
    if rule == "scalar_ignored":
        return None if scalar else per_class[target]
    return None                                        # "ignored"


def _focal(logits, target, gamma=2.0, alpha=None, reduction="mean", *,
           log_p=reference.log_softmax, factor="1-p", alpha_rule="true", sign=1.0, mean="n",
           fixed_gamma=None, detach=False):
    log_p_t = log_p(logits)[torch.arange(len(target)), target]
    p_t = log_p_t.exp()
    if detach:
        p_t = p_t.detach()
    gamma = gamma if fixed_gamma is None else fixed_gamma
    weight = (p_t if factor == "p" else 1 - p_t) ** gamma
    loss = -sign * weight * log_p_t
    alphas = _alpha_weights(alpha, logits, target, alpha_rule)
    if alphas is not None:
        loss = alphas * loss
    if reduction == "mean" and mean == "alpha" and alphas is not None:
        return loss.sum() / alphas.sum()
    return _reduce(loss, reduction)


def _focal_model(**options):
    return lambda logits, target, gamma=2.0, alpha=None, reduction="mean": _focal(
        logits, target, gamma, alpha, reduction, **options)


def _focal_mistakes():
    model = _focal_model
    return [
        Mistake(model(factor="p"),
                "{call} returned {got}: the factor is p_t^gamma. It is (1 - p_t)^gamma, which "
                "shrinks as the model gets the example right: an easy example (p_t near 1) "
                "loses almost all of its loss, a hard one keeps most (expected {expected})."),
        Mistake(model(fixed_gamma=2.0),
                "{call} returned {got}, the focal loss at gamma = 2 whatever the `gamma` "
                "argument says: use the argument (expected {expected})."),
        Mistake(model(sign=-1.0),
                "{call} returned {got}: the minus sign is missing. Focal loss is "
                "-alpha (1 - p_t)^gamma log p_t, and log p_t <= 0, so it is never negative "
                "(expected {expected})."),
        Mistake(model(log_p=_log_of_softmax),
                "{call} returned {got}: p_t of a hopeless example rounds to 0 in softmax, and "
                "log(0) = -inf. Take log p_t from log-softmax and only then p_t = exp(log p_t) "
                "(expected {expected})."),
        Mistake(model(log_p=_softmax_ratio),
                "{call} returned {got}: exp(1000) overflows to inf (and inf / inf is nan) in "
                "exp(x) / sum(exp(x)). Take log p_t from log-softmax and only then "
                "p_t = exp(log p_t) (expected {expected})."),
        Mistake(model(log_p=_unshifted),
                "{call} returned {got}: sum_k exp(x_k) overflows (exp(1000) = inf) because the "
                "logits are not shifted first. Take log p_t from log-softmax, "
                "x_c - m - log sum_k exp(x_k - m), and only then p_t = exp(log p_t) "
                "(expected {expected})."),
        Mistake(model(alpha_rule="predicted"),
                "{call} returned {got}: each sample is weighted by the alpha of the class the "
                "model PREDICTS. It is weighted by the alpha of its TRUE class, "
                "alpha[target] (expected {expected})."),
        Mistake(model(alpha_rule="binary_one"),
                "{call} returned {got}: one number alpha is split as in the binary focal loss "
                "(alpha for class 1, 1 - alpha for the others). Here one number is the same "
                "weight for EVERY class: multiply every sample's loss by alpha "
                "(expected {expected})."),
        Mistake(model(alpha_rule="binary_zero"),
                "{call} returned {got}: one number alpha is split as in the binary focal loss "
                "(1 - alpha for class 0, alpha for the others). Here one number is the same "
                "weight for EVERY class: multiply every sample's loss by alpha "
                "(expected {expected})."),
        Mistake(model(alpha_rule="one_minus"),
                "{call} returned {got}: each sample is weighted by 1 - alpha of its class. The "
                "weight is alpha itself, alpha[target] (expected {expected})."),
        Mistake(model(alpha_rule="scalar_ignored"),
                "{call} returned {got}: one number alpha is ignored. It is the same weight for "
                "every class: multiply every sample's loss by it (expected {expected})."),
        Mistake(model(alpha_rule="ignored"),
                "{call} returned {got}, the loss without alpha: the `alpha` argument is "
                "ignored. Multiply each sample's loss by the alpha of its true class "
                "(expected {expected})."),
        Mistake(model(mean="alpha"),
                "{call} returned {got}: with alpha, reduction='mean' divides by the sum of the "
                "samples' alphas, the convention of PyTorch's weighted cross-entropy. Focal "
                "loss, here as in lecturelib.losses.focal_loss, divides by N, the number of "
                "samples (expected {expected})."),
    ]


_FOCAL_GRADIENT_MISTAKES = [
    Mistake(_focal_model(detach=True),
            "The gradient of {call}.sum() with respect to `logits` is {got}; expected "
            "{expected}. p_t is detached, so the factor (1 - p_t)^gamma is treated as a "
            "constant and its part of the gradient is missing. The question asks for the "
            "gradient of the whole formula: compute p_t = exp(log p_t) without .detach()."),
]

_FOCAL_WHY = N_("The loss of sample n is -alpha_(y_n) (1 - p_t)^gamma log p_t, with "
                "p_t = p_(n, y_n) the probability of its TRUE class and alpha_(y_n) the weight "
                "of that class (1 without alpha, the same number for every class when alpha "
                "is one number); 'mean' divides the sum by N.")


def _check_focal_loss(focal_loss, cases, gradient_cases, unknown):
    student = _TorchStudent(focal_loss, "focal_loss", "3")
    with reference_names(student.function, log_softmax=reference.log_softmax,
                         cross_entropy=reference.cross_entropy):
        _check_library_calls(student.function, "focal_loss")
        _compare(student, reference.focal_loss, cases, mistakes=_focal_mistakes(),
                 why=_FOCAL_WHY, shape_why=_LOSS_SHAPE)
        _check_rejects_reduction(student, cases[0][0], unknown)
        _compare_gradients(student, reference.focal_loss, gradient_cases,
                           mistakes=_FOCAL_GRADIENT_MISTAKES, why=_GRADIENT_WHY)


FOCAL_ALPHA = [0.25, 1.0, 2.0]
FOCAL_ALPHA_TENSOR = [2.0, 0.5, 1.5]


def q3_public(focal_loss):
    """Question 3: two samples at gamma 0 (cross-entropy) and 2; an easy and a hard example
    ('none'); four samples with alpha = [0.25, 1, 2] ('none'), alpha = 0.25 ('sum') and a
    float32 tensor alpha ('mean', over N); [[1000, 0, -1000]] with class 2 (2000);
    reduction='average'; the gradient with alpha on float64 logits."""
    two, two_targets = _tensor(FOUR_LOGITS[:2], F64), _labels([0, 2])
    easy_hard = torch.log(_tensor([[0.9, 0.1], [0.1, 0.9]], F64))
    four, targets = _tensor(FOUR_LOGITS, F64), _labels(FOUR_TARGETS)
    cases = [((two, two_targets), {"gamma": 0.0}),
             ((two, two_targets), {"gamma": 2.0}),
             ((easy_hard, _labels([0, 0])), {"gamma": 2.0, "reduction": "none"}),
             ((four, targets), {"gamma": 2.0, "alpha": FOCAL_ALPHA, "reduction": "none"}),
             ((four, targets), {"gamma": 2.0, "alpha": 0.25, "reduction": "sum"}),
             ((four, targets), {"gamma": 1.0, "alpha": _tensor(FOCAL_ALPHA_TENSOR, F32)}),
             ((_tensor([[1000.0, 0.0, -1000.0]], F32), _labels([2])), {"gamma": 2.0})]
    gradients = [((four, targets), {"gamma": 2.0, "alpha": FOCAL_ALPHA})]
    _check_focal_loss(focal_loss, cases, gradients, "average")


def q3_hidden(focal_loss, *, seed):
    """Random logits, gammas, alphas (None, a number, a list, a tensor) and reductions in
    both dtypes; extreme logits; gradients at several gammas."""
    rng = np.random.default_rng(seed)
    cases = []
    shapes = [(1, 2), (3, 4), (5, 3), (2, 6), (4, 5), (3, 3)]
    gammas = (0.0, 0.5, 1.0, 2.0, 5.0)
    for i, (n, c) in enumerate(shapes):
        x = _random_logits(rng, n, c, (1, 3, 6)[i % 3], (F32, F64)[i % 2])
        t = _random_labels(rng, n, c)
        weights = np.round(rng.uniform(0.1, 3.0, size=c), 2)
        alphas = (None, float(np.round(rng.uniform(0.1, 0.45), 2)), weights.tolist(),
                  torch.tensor(weights, dtype=F32))
        for j, alpha in enumerate(alphas):
            gamma = gammas[(i + j) % len(gammas)]
            for reduction in ("none", "sum", "mean"):
                cases.append(((x, t), {"gamma": gamma, "alpha": alpha, "reduction": reduction}))
    cases += [((_tensor([[-1000.0, -2000.0, 500.0], [30.0, 0.0, -30.0]], F64), _labels([0, 1])),
               {"gamma": 2.0, "reduction": "none"}),
              ((_tensor([[100.0, 0.0, -100.0]], F32), _labels([2])), {"gamma": 0.5})]
    gradients = []
    for gamma, reduction in ((1.0, "mean"), (2.0, "sum"), (3.0, "none")):
        n, c = int(rng.integers(2, 6)), int(rng.integers(2, 6))
        alpha = np.round(rng.uniform(0.1, 3.0, size=c), 2).tolist()
        gradients.append(((_random_logits(rng, n, c, 2, F64), _random_labels(rng, n, c)),
                          {"gamma": gamma, "alpha": alpha, "reduction": reduction}))
    _check_focal_loss(focal_loss, cases, gradients, "batchmean")


# ---------------------------------------------------------------------- question 5

def _read_recalls(value, call):
    if isinstance(value, torch.Tensor):
        value = value.detach().cpu().numpy()
    if isinstance(value, (bool, np.bool_)) or np.ndim(value) == 0 and not isinstance(
            value, (list, tuple)):
        try:
            number = describe(float(value))
        except (TypeError, ValueError):
            number = describe(value)
        fail("{call} returned {value}, one number; return one recall PER CLASS, an array of "
             "data.n_classes numbers: recall_score(..., average=None). average='macro' "
             "averages them into one number.", call=call, value=number)
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        array = None
    if array is None or array.ndim != 1:
        fail("{call} returned {value}; return one recall per class, a 1-D NumPy array of "
             "data.n_classes numbers.", call=call, value=describe(value))
    return tuple(float(v) for v in array)


def _show_recalls(got, expected):
    for digits in range(3, 17):
        a = [float(f"{v:.{digits}g}") for v in got]
        b = [float(f"{v:.{digits}g}") for v in expected]
        if a != b or len(got) != len(expected):
            return str(a), str(b)
    return str(list(got)), str(list(expected))


RECALLS = Answer(_read_recalls,
                 lambda a, b: len(a) == len(b) and bool(np.allclose(a, b, rtol=1e-9, atol=1e-12)),
                 _show_recalls)


def _recall_on(part):
    def model(trained, data):
        from ..classification import recall_score
        from ..training import predict

        X, y = getattr(data, "X_" + part), getattr(data, "y_" + part)
        return recall_score(y.numpy(), predict(trained, X).numpy(), average=None)
    return model


def _swapped_recall(trained, data):
    from ..classification import recall_score
    from ..training import predict

    return recall_score(predict(trained, data.X_test).numpy(), data.y_test.numpy(),
                        average=None)


def _recall_mistakes():
    return [
        Mistake(_recall_on("train"),
                "{call} returned {got}, the recall of each class on the TRAINING part. The "
                "comparison is measured on the test part, the exam the model never saw: "
                "data.X_test and data.y_test (expected {expected})."),
        Mistake(_recall_on("val"),
                "{call} returned {got}, the recall of each class on the VALIDATION part. The "
                "comparison is measured on the test part: data.X_test and data.y_test "
                "(expected {expected})."),
        Mistake(_swapped_recall,
                "{call} returned {got}, the PRECISION of each class: recall_score takes the "
                "true labels first, recall_score(y_true, y_pred); with the two swapped it "
                "computes precision (expected {expected})."),
    ]


def _trained(kind, data, seed, epochs, hidden=16):
    from ..losses import cross_entropy
    from ..training import fit, logistic_regression, mlp

    if kind == "mlp":
        model = mlp(data.n_features, hidden, data.n_classes, seed=seed)
    else:
        model = logistic_regression(data.n_features, data.n_classes, seed=seed)
    fit(model, data, cross_entropy, lr=0.1, epochs=epochs, seed=seed, progress=False)
    return model


class _RecallStudent(Student):
    """per_class_recall, called on a model and a data set that a message names in words."""

    def call_text(self, *args, **kwargs) -> str:
        return f"{self.name}({', '.join(str(a) for a in args)})"


class _Named:
    """An argument that shows as a short description in a message."""

    def __init__(self, value, text):
        self.value, self.text = value, text

    def __str__(self):
        return self.text


def _on_values(function):
    return lambda model, data: function(model.value, data.value)


def _check_recall(per_class_recall, models):
    Student(per_class_recall, "per_class_recall", "5")      # defined at all?
    student = _RecallStudent(_on_values(per_class_recall), "per_class_recall", "5")
    compare_with_reference(
        student, _on_values(reference.per_class_recall), models, answer=RECALLS,
        mistakes=[Mistake(_on_values(m.model), m.message) for m in _recall_mistakes()],
        why="Predict data.X_test with predict(model, ...) and compare with data.y_test: "
            "recall_score(data.y_test, y_pred, average=None).")


def _substitute_references(loss_fn):
    """(``loss_fn`` with the reference losses in place of the student's own functions of
    questions 1 to 3, the notebook function it is or wraps, or None).

    The experiment is checked with the right losses, so that a mistake in them is charged in
    their own question, not here."""
    references = {"log_softmax": reference.log_softmax, "cross_entropy": reference.cross_entropy,
                  "focal_loss": reference.focal_loss}
    target = loss_fn.func if isinstance(loss_fn, functools.partial) else loss_fn
    if not _checking._is_student_code(target):
        return loss_fn, None
    for name, right in references.items():
        if target.__globals__.get(name) is target:
            if isinstance(loss_fn, functools.partial):
                return functools.partial(right, *loss_fn.args, **loss_fn.keywords), None
            return right, None
    return loss_fn, target


def _what(value) -> str:
    if value is Ellipsis:
        return _("`...`, the blank of the answer cell")
    return describe(value)


def _check_setting(experiment_data, my_setting, my_loss_fn, my_sampler_weights):
    from ..datasets import DataSplit

    if not isinstance(experiment_data, DataSplit):
        fail("experiment_data is {value}; set it to the DataSplit of your experiment, e.g. "
             "imbalanced_digits((90, 5, 5), seed=0), and run the cell.",
             value=_what(experiment_data))
    counts = experiment_data.counts("train")
    if counts.max() < 3 * counts.min():
        fail("Your training set has the class counts {counts}: that is hardly imbalanced. The "
             "experiment is about class imbalance, so keep the largest class at least 3 times "
             "the smallest (e.g. imbalanced_digits((90, 5, 5))).", counts=counts.tolist())
    if not isinstance(my_setting, str) or not my_setting.strip():
        fail("Describe your setting in one line in my_setting, e.g. "
             "'focal loss, gamma=2, balanced alpha, 90:5:5'.")
    if not callable(my_loss_fn):
        fail("my_loss_fn is {value}; set it to a function of (logits, target) that returns the "
             "loss, e.g. lambda logits, target: focal_loss(logits, target, gamma=2.0).",
             value=_what(my_loss_fn))
    sampler = _check_sampler(my_sampler_weights, len(experiment_data.y_train))
    loss_fn, notebook_function = _substitute_references(my_loss_fn)
    n_classes = experiment_data.n_classes
    generator = torch.Generator().manual_seed(0)
    logits = torch.randn(16, n_classes, generator=generator,
                         dtype=experiment_data.X_train.dtype) * 2
    target = torch.arange(16) % n_classes
    student = _TorchStudent(loss_fn, "my_loss_fn", "5")
    with (reference_names(notebook_function, log_softmax=reference.log_softmax,
                          cross_entropy=reference.cross_entropy,
                          focal_loss=reference.focal_loss)
          if notebook_function is not None else contextlib.nullcontext()):
        x = logits.clone().requires_grad_(True)
        call = _("my_loss_fn(logits, target) on a batch of 16 samples")
        value = _read_tensor(student(x, target.clone()), call)
        if value.dim() != 0:
            fail("{call} returned a tensor of shape {shape}; training needs one number, a 0-d "
                 "tensor: use reduction='mean' (the default).", call=call,
                 shape=tuple(value.shape))
        if not bool(torch.isfinite(value)):
            fail("{call} returned {value}; a loss must be a finite number.", call=call,
                 value=_show_input(value))
        _gradient(value, x, call)
        plain = reference.cross_entropy(logits, target)
        if sampler is None and math.isclose(float(value.detach()), float(plain), rel_tol=1e-9,
                                            abs_tol=1e-12):
            fail("my_loss_fn gives the same loss as plain cross-entropy, and my_sampler_weights "
                 "is None (or gives every sample the same weight), so your run would repeat the "
                 "baseline. Change one thing: gamma > 0, alpha, or sampler weights.")


def _check_sampler(weights, n_train):
    if weights is None:
        return None
    try:
        w = np.asarray(weights.detach().numpy() if isinstance(weights, torch.Tensor)
                       else weights, dtype=float)
    except (TypeError, ValueError):
        w = None
    if w is None or w.ndim != 1 or len(w) != n_train:
        fail("my_sampler_weights must be None or one weight per training sample "
             "({n} numbers); it is {value}.", n=n_train, value=describe(weights))
    if not np.all(np.isfinite(w)) or np.any(w < 0) or not np.any(w > 0):
        fail("my_sampler_weights must be finite and non-negative, with at least one positive "
             "weight.")
    return None if np.allclose(w, w[0]) else w


def _imbalanced(*args, **kwargs) -> _Named:
    """``imbalanced_digits(*args, **kwargs)``, shown in a message as that call."""
    from ..datasets import imbalanced_digits

    parts = [str(a) for a in args] + [f"{k}={v}" for k, v in kwargs.items()]
    return _Named(imbalanced_digits(*args, **kwargs), f"imbalanced_digits({', '.join(parts)})")


def q5_public(per_class_recall, experiment_data, my_setting, my_loss_fn, my_sampler_weights):
    """Question 5: per_class_recall on two models trained here; then the setting."""
    three = _imbalanced((80, 10, 10), seed=1)
    four = _imbalanced((85, 5, 5, 5), minority_digits=(3, 8, 9), seed=2)
    models = [(_Named(_trained("mlp", three.value, 1, 8), _("an MLP trained for 8 epochs")),
               three),
              (_Named(_trained("logistic", four.value, 2, 3),
                      _("a logistic regression trained for 3 epochs")),
               four)]
    _check_recall(per_class_recall, models)
    _check_setting(experiment_data, my_setting, my_loss_fn, my_sampler_weights)


def q5_hidden(per_class_recall, *, seed):
    """per_class_recall on the ten balanced digits and on an imbalanced split from ``seed``."""
    from ..datasets import load_digits_split

    rng = np.random.default_rng(seed)
    digits = load_digits_split(seed=seed)
    rare = tuple(int(d) for d in rng.choice(10, size=2, replace=False))
    split = _imbalanced((90, 5, 5), minority_digits=rare, seed=seed)
    models = [(_Named(_trained("logistic", digits, seed, 3),
                      _("a logistic regression trained for 3 epochs")),
               _Named(digits, f"load_digits_split(seed={seed})")),
              (_Named(_trained("mlp", split.value, seed, 5), _("an MLP trained for 5 epochs")),
               split)]
    _check_recall(per_class_recall, models)

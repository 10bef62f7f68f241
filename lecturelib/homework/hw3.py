"""Checks of Homework 3: one network, two data sets (split, scale, read a run, stop early).

Each ``qN_public`` check runs the examples the question names (the student sees its call in
the notebook); each ``qN_hidden`` check runs inputs drawn from a seed the grader keeps. A
wrong answer is named as a mistake only when a model of that mistake reproduces every answer
the student's code gave, or when the answer itself shows it (a sample in two parts is
leakage whatever the code looked like).

A mistake costs points once. Question 5 runs the student's training function with the
*reference* ``early_stopping_epoch`` and ``generalisation_gap``
(:func:`~lecturelib.homework._checking.reference_names`); question 6, which composes the
student's own split and standardisation through ``make_data_split``, accepts the data set
those functions give as well as the reference one.

Training runs are in float64 and the student's run and the reference run are made in the
same process, so they agree to the last bit on any CPU; no check looks at the clock.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ..i18n import N_
from ..i18n import gettext as _
from ._checking import (Answer, CheckFailure, Mistake, Student, as_number, describe, fail,
                        number_pair, reference_names)

__all__ = ["q1_public", "q1_hidden", "q2_public", "q2_hidden", "q3_public", "q3_hidden",
           "q4_public", "q4_hidden", "q5_public", "q5_hidden", "q6_public", "reference",
           "DIGITS_CHECK_RUN", "PUBLIC_STOPS", "WINE_CHECK_RUN", "digits_check_data",
           "wine_check_data"]


# ------------------------------------------------------------------ reference solutions

class reference:  # noqa: N801 - a namespace of the right answers, used like a module
    """The right answers (tested against scikit-learn and lecturelib in the tests)."""

    @staticmethod
    def split_three_ways(X, y, val_size=0.2, test_size=0.2, seed=0):
        from sklearn.model_selection import train_test_split

        X, y = np.asarray(X), np.asarray(y)
        n = len(y)
        X_rest, X_test, y_rest, y_test = train_test_split(
            X, y, test_size=round(test_size * n), stratify=y, random_state=seed)
        X_train, X_val, y_train, y_val = train_test_split(
            X_rest, y_rest, test_size=round(val_size * n), stratify=y_rest, random_state=seed)
        return X_train, X_val, X_test, y_train, y_val, y_test

    @staticmethod
    def standardise(X_train, X_val, X_test, ddof=0):
        X_train, X_val, X_test = (np.asarray(X, dtype=float) for X in (X_train, X_val, X_test))
        mean = X_train.mean(axis=0)
        std = X_train.std(axis=0, ddof=ddof) if len(X_train) > ddof else np.zeros(mean.shape)
        std = np.where(std > 0, std, 1.0)
        return (X_train - mean) / std, (X_val - mean) / std, (X_test - mean) / std

    @staticmethod
    def generalisation_gap(history, epoch=None):
        if epoch is None:
            epoch = len(history.val_loss)
        return history.val_loss[epoch - 1] - history.train_loss[epoch - 1]

    @staticmethod
    def early_stopping_epoch(history, patience=5):
        best_epoch, best_loss = None, math.inf
        for epoch, loss in enumerate(history.val_loss, start=1):
            if loss < best_loss:
                best_epoch, best_loss = epoch, loss
            elif epoch - best_epoch >= patience:
                return best_epoch, epoch
        return best_epoch, len(history.val_loss)

    @staticmethod
    def full_run(data, n_hidden=64, lr=0.1, batch_size=32, epochs=60, optimizer="sgd",
                 seed=0, model_seed=None):
        """(History, model) of the full run of question 5, step 1."""
        from ..losses import cross_entropy
        from ..training import fit, mlp

        model = mlp(data.n_features, n_hidden, data.n_classes,
                    seed=seed if model_seed is None else model_seed)
        history = fit(model, data, cross_entropy, lr=lr, batch_size=batch_size, epochs=epochs,
                      optimizer=optimizer, seed=seed, progress=False)
        return history, model

    @staticmethod
    def train_with_early_stopping(data, n_hidden=64, lr=0.1, batch_size=32, epochs=60,
                                  optimizer="sgd", patience=5, seed=0):
        from ..classification import accuracy_score
        from ..training import predict

        settings = dict(n_hidden=n_hidden, lr=lr, batch_size=batch_size, optimizer=optimizer,
                        seed=seed)
        history, _model = reference.full_run(data, epochs=epochs, **settings)
        best_epoch, stop_epoch = reference.early_stopping_epoch(history, patience)
        _kept_history, kept = reference.full_run(data, epochs=best_epoch, **settings)
        y_pred = predict(kept, data.X_test).numpy()
        return {"model": kept, "history": history, "best_epoch": best_epoch,
                "stop_epoch": stop_epoch,
                "gap": reference.generalisation_gap(history, best_epoch),
                "test_accuracy": accuracy_score(data.y_test.numpy(), y_pred)}

    @staticmethod
    def make_data_split(X, y, class_names, seed=0):
        """The notebook's ``make_data_split`` on the reference split and standardisation."""
        parts = reference.split_three_ways(X, y, seed=seed)
        return _data_split(reference.standardise(*parts[:3]), parts[3:], class_names)


def _data_split(features, labels, class_names):
    import torch

    from ..datasets import DataSplit

    X = [torch.as_tensor(np.asarray(a), dtype=torch.float64) for a in features]
    y = [torch.as_tensor(np.asarray(a), dtype=torch.int64) for a in labels]
    return DataSplit(X[0], y[0], X[1], y[1], X[2], y[2],
                     class_names=tuple(str(c) for c in class_names))


# ------------------------------------------------------------------ describing inputs

def _short_list(values, limit=10):
    values = [float(v) for v in values]
    if len(values) <= limit:
        return "[" + ", ".join(describe(v) for v in values) + "]"
    head = ", ".join(describe(v) for v in values[:4])
    return _("[{n} values: {head}, ..., {last}]").format(n=len(values), head=head,
                                                         last=describe(values[-1]))


def _describe(value, curves=("train_loss", "val_loss")):
    """``describe`` that also writes out a History and a DataSplit."""
    kind = type(value).__name__
    if kind == "History" and hasattr(value, "val_loss"):
        shown = [f"{name}={_short_list(getattr(value, name))}" for name in curves
                 if getattr(value, name, None)]
        return "History(" + ", ".join(shown) + ")"
    if kind == "DataSplit" and hasattr(value, "y_test"):
        return _("DataSplit({f} features, {c} classes; {a} training, {b} validation, {t} test "
                 "samples)").format(f=value.n_features, c=value.n_classes, a=len(value.y_train),
                                    b=len(value.y_val), t=len(value.y_test))
    if isinstance(value, np.ndarray) and value.ndim == 2:
        return _("an array of shape {shape}").format(shape=value.shape)
    return describe(value)


class _Student(Student):
    """A :class:`Student` whose calls show Histories and DataSplits, and whose exceptions can
    get a hint chosen by words in the error (``special``: (type, words, hint) triples)."""

    def __init__(self, function, name, question, *, curves=("train_loss", "val_loss"),
                 special=()):
        super().__init__(function, name, question)
        self.curves, self.special = curves, special

    def call_text(self, *args, **kwargs) -> str:
        parts = [_describe(a, self.curves) for a in args]
        parts += [f"{k}={_describe(v, self.curves)}" for k, v in kwargs.items()]
        return f"{self.name}({', '.join(parts)})"

    def explain(self, error, call, hints):
        for error_type, words, hint in self.special:
            if isinstance(error, error_type) and words in str(error):
                return _("{call} raised {kind}: {error}. {hint}").format(
                    call=call, kind=type(error).__name__, error=error, hint=_(hint))
        return Student.explain(error, call, hints)


class _Mistake(Mistake):
    """A :class:`Mistake` whose message has fields of its own besides ``{call}``, ``{got}``
    and ``{expected}`` (filled in after the message is translated)."""

    def __init__(self, model, message, **fields):
        super().__init__(model, message)
        self.fields = fields


def _compare(student, reference_fn, inputs, *, answer, mistakes=(), hints=None, explain=None):
    """Like :func:`~lecturelib.homework._checking.compare_with_reference`, but the sentence
    after a wrong answer no mistake explains is made for the input it failed on:
    ``explain(*args, **kwargs)``."""
    calls = []
    for item in inputs:
        args, kwargs = item if (isinstance(item, tuple) and len(item) == 2
                                and isinstance(item[1], dict)) else (item, {})
        call = student.call_text(*args, **kwargs)
        got = answer.read(student(*args, hints=hints, **kwargs), call)
        expected = answer.read(reference_fn(*args, **kwargs), call)
        calls.append((args, kwargs, call, got, expected))
    wrong = [c for c in calls if not answer.equal(c[3], c[4])]
    if not wrong:
        return
    args, kwargs, call, got, expected = wrong[0]
    got_text, expected_text = answer.show(got, expected)
    fields = {"call": call, "got": got_text, "expected": expected_text}
    for mistake in mistakes:
        try:
            same = all(answer.equal(got_c, answer.read(mistake.model(*a, **k), call_c))
                       for a, k, call_c, got_c, _expected in calls)
        except Exception:  # noqa: BLE001 - a model that cannot run on an input does not match
            same = False
        if same:
            fail(mistake.message, **fields, **getattr(mistake, "fields", {}))
    message = _("{call} returned {got}; expected {expected}.").format(**fields)
    if explain is not None:
        message += " " + explain(*args, **kwargs)
    raise CheckFailure(message)


def _array_text(a) -> str:
    a = np.asarray(a)
    if a.ndim == 1:
        return _("a 1-D array of {n} values").format(n=a.shape[0])
    return _("a {d}-D array of shape {shape}").format(d=a.ndim, shape=a.shape)


# ---------------------------------------------------------------------- question 1

_SPLIT_NAMES = ("X_train", "X_val", "X_test", "y_train", "y_val", "y_test")
_SPLIT_ORDER = ", ".join(_SPLIT_NAMES)
#: The parts' names as the messages say them ("the {name} part"), translated where shown.
_PART_NAMES = (N_("training"), N_("validation"), N_("test"))


def _read_split(value, call, n_features):
    """The six parts as arrays, or a failure that says what came back."""
    if isinstance(value, dict):
        fail("{call} returned a dict with the keys {keys}; return the six arrays themselves, "
             "in the order {order} (return X_train, X_val, X_test, y_train, y_val, y_test).",
             call=call, keys=sorted(map(str, value)), order=_SPLIT_ORDER)
    if not isinstance(value, (tuple, list)):
        fail("{call} returned {value}; it should return six arrays, in the order {order}.",
             call=call, value=_describe(value), order=_SPLIT_ORDER)
    if len(value) != 6:
        extra = ""
        if len(value) == 4:
            extra = _(" Four is what one call of train_test_split returns (X_train, X_test, "
                      "y_train, y_test): cut twice, then return all six parts.")
        fail("{call} returned {k} values; it should return six, in the order {order}.{extra}",
             call=call, k=len(value), order=_SPLIT_ORDER, extra=extra)
    arrays = []
    for position, (name, part) in enumerate(zip(_SPLIT_NAMES, value), start=1):
        try:
            array = np.asarray(part)
        except Exception:  # noqa: BLE001 - anything that is not array-like
            array = None
        if array is None or array.dtype == object:
            fail("Value {i} of what {call} returned, {name}, is {value}; it should be an array.",
                 i=position, call=call, name=name, value=_describe(part))
        wanted_ok = (array.ndim == 2 and array.shape[1] == n_features) if name[0] == "X" \
            else array.ndim == 1
        if not wanted_ok:
            wanted = (_("rows of X (a 2-D array with {f} columns)").format(f=n_features)
                      if name[0] == "X" else _("labels (a 1-D array)"))
            fail("Value {i} of what {call} returned should be {name}, {wanted}, but it is {found}. "
                 "The order is {order}.", i=position, call=call, name=name, wanted=wanted,
                 found=_array_text(array), order=_SPLIT_ORDER)
        arrays.append(array)
    for name, X_part, y_part in zip(("train", "val", "test"), arrays[:3], arrays[3:]):
        if len(X_part) != len(y_part):
            fail("{call} returned X_{name} with {a} rows but y_{name} with {b} labels: every "
                 "sample needs its label. The order is {order}.", call=call, name=name,
                 a=len(X_part), b=len(y_part), order=_SPLIT_ORDER)
    return arrays


def _split_problem(call, X, y, arrays, val_size, test_size):
    """Fail with the first property of the question the six parts break."""
    n = len(y)
    X_parts, y_parts = arrays[:3], arrays[3:]
    ids = []
    for name, X_part in zip(_PART_NAMES, X_parts):
        column = X_part[:, 0].astype(float) if X_part.size else np.zeros(0)
        if not np.all((column == np.round(column)) & (column >= 0) & (column < n)):
            fail("The rows of the {name} part that {call} returned are not rows of X (the "
                 "check numbers the samples in column 0 of X, and the {name} part's column 0 "
                 "holds {value}): return the rows of X as they are, only divided into parts.",
                 name=_(name), call=call, value=describe(column))
        ids.append(column.astype(int))
    for i in range(3):
        for j in range(i + 1, 3):
            both = np.intersect1d(ids[i], ids[j])
            if both.size:
                fail("{call}: {k} samples are in both the {a} and the {b} part (sample {s}, for "
                     "one): that is leakage (데이터 누수). The model would be examined on "
                     "practice problems it has seen. Cut the test part off first, then split "
                     "only the REST into training and validation.", call=call, k=both.size,
                     a=_(_PART_NAMES[i]), b=_(_PART_NAMES[j]), s=both[0])
    every = np.concatenate(ids)
    if every.size != n or np.unique(every).size != n:
        lost = np.setdiff1d(np.arange(n), every)
        fail("{call}: the three parts hold {rows} rows for {n} samples, {k} of them different, "
             "and {lost} samples are in no part: every sample must land in exactly one part, "
             "none lost, none twice.", call=call, rows=every.size, n=n,
             k=np.unique(every).size, lost=lost.size)
    for name, part_ids, y_part in zip(_PART_NAMES, ids, y_parts):
        if not np.array_equal(np.asarray(y_part), y[part_ids]):
            fail("{call}: in the {name} part, rows and labels no longer belong together: the "
                 "label of sample i must stay with sample i. Shuffle X and y together (one "
                 "permutation for both, or train_test_split(X, y, ...)), never each on its "
                 "own.", call=call, name=_(name))
    n_test, n_val = round(test_size * n), round(val_size * n)
    s_train, s_val, s_test = (len(p) for p in y_parts)
    if abs(s_test - n_test) > 1 or abs(s_val - n_val) > 1:
        if abs(s_val - n_test) <= 1 and abs(s_test - n_val) <= 1:
            fail("{call}: the validation part holds {s_val} samples and the test part {s_test}, "
                 "the sizes that test_size and val_size ask for the other way round "
                 "(round({ts} × {n}) = {n_test} for test, round({vs} × {n}) = {n_val} for "
                 "validation): val_size and test_size are swapped, or X_val and X_test. The "
                 "order is {order}.", call=call, s_val=s_val, s_test=s_test, ts=test_size,
                 vs=val_size, n=n, n_test=n_test, n_val=n_val, order=_SPLIT_ORDER)
        for name, size, share, other, wanted, param in (
                (_PART_NAMES[1], s_val, val_size, s_test, n_val, "val_size"),
                (_PART_NAMES[2], s_test, test_size, s_val, n_test, "test_size")):
            rest = n - other
            if abs(size - wanted) > 1 and size in (math.floor(share * rest),
                                                   math.ceil(share * rest), round(share * rest)):
                fail("{call}: the {name} part holds {size} of {n} samples, {param} = {share} of "
                     "the {rest} samples left after the first cut. {param} is a share of ALL "
                     "{n} samples: round({share} × {n}) = {wanted}. The same fraction of what "
                     "is left after the first cut is a smaller number: give train_test_split "
                     "the count, an integer: test_size=round({param} * len(y)).", call=call,
                     name=_(name), size=size, n=n, param=param, share=share, rest=rest,
                     wanted=wanted)
        for name, size, wanted, param, share in ((_PART_NAMES[2], s_test, n_test, "test_size",
                                                  test_size),
                                                 (_PART_NAMES[1], s_val, n_val, "val_size",
                                                  val_size)):
            if abs(size - wanted) > 1:
                fail("{call}: the {name} part holds {size} of {n} samples; {param}={share} asks "
                     "for round({share} × {n}) = {wanted} (one more or less is accepted), and "
                     "the rest is for training.", call=call, name=_(name), size=size, n=n,
                     param=param, share=share, wanted=wanted)
    classes = np.arange(int(y.max()) + 1)
    share = np.bincount(y, minlength=classes.size) / n
    for name, y_part in zip(_PART_NAMES, y_parts):
        counts = np.bincount(np.asarray(y_part).astype(int), minlength=classes.size)
        expected = len(y_part) * share
        if np.any(np.abs(counts - expected) >= 2):
            fail("{call}: the {name} part has the class counts {counts} (classes 0 to {last}), "
                 "where the proportions of y give about {expected}: split with stratify= "
                 "(층화 추출), so that every part keeps the class proportions (each count "
                 "within 2 of its share). With a rare class a plain random split can leave a "
                 "part with too few of it.", call=call, name=_(name), counts=counts.tolist(),
                 last=classes[-1], expected=np.round(expected, 1).tolist())


def _split_once(split, X, y, **kwargs):
    """Call the student's split on (X, y); check that the inputs stay as they were."""
    X_before, y_before = X.copy(), y.copy()
    result = split(X, y, **kwargs)
    call = split.call_text(X, y, **kwargs)
    if not (np.array_equal(X, X_before) and np.array_equal(y, y_before)):
        fail("{call} changed the arrays it was given (shuffled them in place?). Leave X and y "
             "as they are and return new arrays: the caller may still need the originals.",
             call=call)
    return call, _read_split(result, call, X.shape[1])


def _check_split(split, X, y, val_size, test_size, seed):
    call, arrays = _split_once(split, X, y, val_size=val_size, test_size=test_size, seed=seed)
    _split_problem(call, X, y, arrays, val_size, test_size)
    return arrays


def _check_seed(split, X, y, seed):
    call, first = _split_once(split, X, y, seed=seed)
    _split_problem(call, X, y, first, 0.2, 0.2)
    _call, again = _split_once(split, X, y, seed=seed)
    if not all(np.array_equal(a, b) for a, b in zip(first, again)):
        fail("Two calls of {call} gave different splits: the same seed must give the same "
             "split. Pass `seed` on as the random state (random_state=seed, or "
             "np.random.default_rng(seed)), so that a run can be repeated exactly.", call=call)
    other_call, other = _split_once(split, X, y, seed=seed + 1)
    if all(np.array_equal(a, b) for a, b in zip(first, other)):
        fail("{call} and {other} gave the same split: `seed` is ignored. Pass it on as the "
             "random state (random_state=seed).", call=call, other=other_call)


def _numbered(rng, labels, n_features):
    """Features whose column 0 numbers the samples (the checks follow each sample by it)."""
    n = len(labels)
    return np.column_stack([np.arange(n), rng.normal(size=(n, n_features - 1))])


def q1_public(split_three_ways):
    """Question 1: 200 samples of three classes (60 %, 25 %, 15 %), sorted by class; the
    default sizes and val_size=0.1, test_size=0.3; the same seed twice and another seed."""
    split = _Student(split_three_ways, "split_three_ways", "1")
    rng = np.random.default_rng(0)
    y = np.repeat([0, 1, 2], [120, 50, 30])
    X = _numbered(rng, y, 3)
    _check_split(split, X, y, 0.2, 0.2, 0)
    _check_split(split, X, y, 0.1, 0.3, 0)
    _check_seed(split, X, y, 3)


def q1_hidden(split_three_ways, *, seed):
    """Question 1 on class mixes drawn from ``seed``: an odd-sized set with a rare class,
    ten classes, two classes; several sizes and seeds."""
    split = _Student(split_three_ways, "split_three_ways", "1")
    rng = np.random.default_rng(seed)
    cases = [(np.repeat([0, 1, 2, 3], [45, 24, 20, 8]), 5, 0.25, 0.15),
             (np.repeat(np.arange(10), rng.integers(30, 60, size=10)), 4, 0.15, 0.25),
             (np.repeat([0, 1], [130, 48]), 13, 0.2, 0.2)]
    for labels, n_features, val_size, test_size in cases:
        y = rng.permutation(labels)
        X = _numbered(rng, y, n_features)
        for split_seed in (0, int(rng.integers(1, 1000))):
            _check_split(split, X, y, val_size, test_size, split_seed)
    y = rng.permutation(np.repeat([0, 1, 2], [59, 71, 48]))
    _check_seed(split, _numbered(rng, y, 3), y, int(rng.integers(1, 1000)))


# ---------------------------------------------------------------------- question 2

_THREE = ("X_train", "X_val", "X_test")


def _read_three(value, call, shapes):
    if not isinstance(value, (tuple, list)):
        fail("{call} returned {value}; it should return the three standardised parts, "
             "X_train, X_val, X_test (return them separated by commas).", call=call,
             value=_describe(value))
    if len(value) != 3:
        fail("{call} returned {k} values; it should return the three standardised parts, "
             "X_train, X_val, X_test, in this order.", call=call, k=len(value))
    arrays = []
    for name, part, shape in zip(_THREE, value, shapes):
        try:
            array = np.asarray(part, dtype=float)
        except Exception:  # noqa: BLE001 - anything that is not numbers
            fail("The standardised {name} that {call} returned is {value}; it should be an "
                 "array of numbers.", name=name, call=call, value=_describe(part))
        if array.shape != shape:
            fail("The standardised {name} that {call} returned has shape {got} instead of "
                 "{shape}: scale each part as a whole, feature by feature (axis=0), and return "
                 "the three in the order X_train, X_val, X_test.", name=name, call=call,
                 got=array.shape, shape=shape)
        arrays.append(array)
    return arrays


def _same_parts(got, expected, rtol=1e-6, atol=1e-9):
    return all(g.shape == e.shape and np.allclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
               for g, e in zip(got, expected))


def _standardise_mistakes():
    def each(f):
        return lambda Xtr, Xv, Xte, ddof: tuple(f(np.asarray(X, dtype=float), ddof)
                                                for X in (Xtr, Xv, Xte))

    def with_stats(mean_of, std_of):
        def model(Xtr, Xv, Xte, ddof):
            Xtr, Xv, Xte = (np.asarray(X, dtype=float) for X in (Xtr, Xv, Xte))
            mean, std = mean_of(Xtr, Xv, Xte), std_of(Xtr, Xv, Xte, ddof)
            std = np.where(std > 0, std, 1.0)
            return (Xtr - mean) / std, (Xv - mean) / std, (Xte - mean) / std
        return model

    def all_mean(Xtr, Xv, Xte):
        return np.vstack([Xtr, Xv, Xte]).mean(axis=0)

    def all_std(Xtr, Xv, Xte, ddof):
        return np.vstack([Xtr, Xv, Xte]).std(axis=0, ddof=ddof)

    def own(X, ddof):
        std = X.std(axis=0, ddof=ddof) if len(X) > ddof else np.zeros(X.shape[1])
        return (X - X.mean(axis=0)) / np.where(std > 0, std, 1.0)

    def with_variance(Xtr, Xv, Xte, ddof):
        Xtr, Xv, Xte = (np.asarray(X, dtype=float) for X in (Xtr, Xv, Xte))
        mean, var = Xtr.mean(axis=0), Xtr.var(axis=0, ddof=ddof)
        var = np.where(var > 0, var, 1.0)
        return (Xtr - mean) / var, (Xv - mean) / var, (Xte - mean) / var

    def not_centred(Xtr, Xv, Xte, ddof):
        Xtr, Xv, Xte = (np.asarray(X, dtype=float) for X in (Xtr, Xv, Xte))
        std = np.where(Xtr.std(axis=0, ddof=ddof) > 0, Xtr.std(axis=0, ddof=ddof), 1.0)
        return Xtr / std, Xv / std, Xte / std

    def only_centred(Xtr, Xv, Xte, ddof):
        mean = np.asarray(Xtr, dtype=float).mean(axis=0)
        return tuple(np.asarray(X, dtype=float) - mean for X in (Xtr, Xv, Xte))

    def whole_array(Xtr, Xv, Xte, ddof):
        Xtr, Xv, Xte = (np.asarray(X, dtype=float) for X in (Xtr, Xv, Xte))
        mean, std = Xtr.mean(), Xtr.std(ddof=ddof)
        return (Xtr - mean) / std, (Xv - mean) / std, (Xte - mean) / std

    def per_row(X, ddof):
        std = X.std(axis=1, ddof=ddof, keepdims=True)
        return (X - X.mean(axis=1, keepdims=True)) / np.where(std > 0, std, 1.0)

    def min_max(Xtr, Xv, Xte, ddof):
        Xtr, Xv, Xte = (np.asarray(X, dtype=float) for X in (Xtr, Xv, Xte))
        low, span = Xtr.min(axis=0), Xtr.max(axis=0) - Xtr.min(axis=0)
        span = np.where(span > 0, span, 1.0)
        return (Xtr - low) / span, (Xv - low) / span, (Xte - low) / span

    def constant_to_zero(Xtr, Xv, Xte, ddof):
        parts = reference.standardise(Xtr, Xv, Xte, ddof)
        constant = np.asarray(Xtr, dtype=float).std(axis=0) == 0
        return tuple(np.where(constant, 0.0, p) for p in parts)

    def nan_to_num(Xtr, Xv, Xte, ddof):
        Xtr, Xv, Xte = (np.asarray(X, dtype=float) for X in (Xtr, Xv, Xte))
        mean, std = Xtr.mean(axis=0), Xtr.std(axis=0, ddof=ddof)
        with np.errstate(divide="ignore", invalid="ignore"):
            return tuple(np.nan_to_num((X - mean) / std) for X in (Xtr, Xv, Xte))

    def unchanged(Xtr, Xv, Xte, ddof):
        return tuple(np.asarray(X, dtype=float) for X in (Xtr, Xv, Xte))

    return [
        Mistake(with_stats(all_mean, all_std), "{call}: you computed the mean and the standard "
                "deviation on all the data (training, validation and test together). They must "
                "come from the training part only: otherwise the validation and test sets leak "
                "into training (데이터 누수), and their scores are no longer those of unseen "
                "data."),
        Mistake(each(own), "{call}: you standardised each part with its OWN mean and standard "
                "deviation. The model learned on training data scaled one way, so every part "
                "must be scaled that same way: use the TRAINING mean and standard deviation "
                "for all three parts."),
        Mistake(nan_to_num, "{call}: np.nan_to_num turns the 0/0 of a feature that is constant "
                "in training into 0, but x/0 into ±1.8e+308, the largest float. Divide by 1 "
                "where the training standard deviation is 0 (np.where(std > 0, std, 1.0)), as "
                "StandardScaler does, so a constant feature is only shifted by its mean."),
        Mistake(constant_to_zero, "{call}: a feature that is constant in the training part "
                "came out as 0 in every part. Divide it by 1 instead (it is only shifted by its "
                "training mean), so that a validation value that differs from the training "
                "value stays visible: 0.5 - 0 stays 0.5."),
        Mistake(with_variance, "{call}: you divided by the variance (std²). Standardisation "
                "divides by the standard deviation, its square root: x' = (x - mean) / std."),
        Mistake(not_centred, "{call}: the features are divided by the standard deviation but "
                "the mean is not subtracted: x' = (x - mean) / std, so that every feature has "
                "mean 0 in training."),
        Mistake(only_centred, "{call}: the mean is subtracted but nothing is divided by the "
                "standard deviation: x' = (x - mean) / std, so that every feature has "
                "standard deviation 1 in training."),
        Mistake(whole_array, "{call}: one mean and one standard deviation for the whole array. "
                "Standardise each feature (column) on its own: mean and std with axis=0."),
        Mistake(each(per_row), "{call}: you standardised each sample (row, axis=1). "
                "Standardisation works per feature (column): the mean and std of each "
                "feature over the training samples, axis=0."),
        Mistake(min_max, "{call}: that is min-max scaling to [0, 1], (x - min) / (max - min). "
                "Standardisation subtracts the mean and divides by the standard deviation."),
        Mistake(unchanged, "{call} returned the three parts unchanged: subtract the training "
                "mean of each feature and divide by its training standard deviation."),
    ]


def _check_standardise(standardise, cases):
    """``cases``: (X_train, X_val, X_test) triples of float arrays."""
    student = _Student(standardise, "standardise", "2")
    calls = []
    for parts in cases:
        before = [p.copy() for p in parts]
        result = student(*parts)
        call = student.call_text(*parts)
        if not all(np.array_equal(p, b) for p, b in zip(parts, before)):
            fail("{call} changed the arrays it was given (X -= mean?). Return new arrays and "
                 "leave the inputs as they are.", call=call)
        got = _read_three(result, call, [p.shape for p in parts])
        calls.append((parts, call, got))

    def right(parts, got):
        # Dividing by n (np.std's default) or by n - 1 (ddof=1): both are accepted.
        return any(_same_parts(got, reference.standardise(*parts, ddof)) for ddof in (0, 1))

    if all(right(parts, got) for parts, call, got in calls):
        return
    for mistake in _standardise_mistakes():
        for ddof in (0, 1):
            try:
                with np.errstate(all="ignore"):
                    same = all(_same_parts(got, mistake.model(*parts, ddof))
                               for parts, call, got in calls)
            except Exception:  # noqa: BLE001 - a model that cannot run does not match
                same = False
            if same:
                first = next(call for parts, call, got in calls if not right(parts, got))
                fail(mistake.message, call=first)
    for parts, call, got in calls:
        if right(parts, got):
            continue
        expected = reference.standardise(*parts)
        train_std = np.asarray(parts[0], dtype=float).std(axis=0)
        for name, g, e, X in zip(_PART_NAMES, got, expected, parts):
            if not np.all(np.isfinite(g)):
                row, j = np.argwhere(~np.isfinite(g))[0]
                if train_std[j] == 0:
                    fail("{call}: feature {j} is constant in the training part (its standard "
                         "deviation is 0), like the digits' blank corner pixels, and your "
                         "standardise returned nan or inf there. Divide by 1 where the "
                         "training standard deviation is 0, as scikit-learn's StandardScaler "
                         "does.", call=call, j=j)
                fail("{call}: the standardised {name} part holds {value} (row {row}, feature "
                     "{j}); every value should be finite.", call=call, name=_(name),
                     value=describe(g[row, j]), row=row, j=j)
        for name, g, e, X in zip(_PART_NAMES, got, expected, parts):
            bad = ~np.isclose(g, e, rtol=1e-6, atol=1e-9)
            if not bad.any():
                continue
            row, j = np.argwhere(bad)[0]
            mean = np.asarray(parts[0], dtype=float)[:, j].mean()
            shift = X[row, j] - mean
            if train_std[j] == 0 and shift != 0 and abs(g[row, j]) > abs(shift):
                fail("{call}: feature {j} is constant in the training part (standard deviation "
                     "0), so it is only shifted by its training mean: the {name} value {x} "
                     "should become {x} - {mean} = {expected}. Yours is {got}, that difference "
                     "divided by about {d:.1g}. A small number added to the standard deviation "
                     "keeps the result finite but makes it huge here; divide by 1 where the "
                     "standard deviation is 0 (np.where(std > 0, std, 1.0)).", call=call, j=j,
                     name=_(name), x=describe(X[row, j]), mean=describe(mean),
                     expected=describe(shift), got=describe(g[row, j]),
                     d=shift / g[row, j])
            got_text, expected_text = number_pair(g[row, j], e[row, j])
            fail("{call}: the standardised {name} part differs from (x - mean) / std with the "
                 "mean and standard deviation of each feature of the TRAINING part (axis=0; a "
                 "feature constant in training divided by 1): at row {row}, feature {j}, yours "
                 "is {got}, expected {expected}.", call=call, name=_(name), row=row, j=j,
                 got=got_text, expected=expected_text)


def q2_public(standardise):
    """Question 2: training around 5, validation around 8, test around 2 (three features);
    then a feature that is 0 in every training sample and one that is always 3.0."""
    rng = np.random.default_rng(1)
    shifted = (rng.normal(5.0, 2.0, size=(100, 3)), rng.normal(8.0, 2.0, size=(40, 3)),
               rng.normal(2.0, 4.0, size=(40, 3)))
    constant = (np.column_stack([np.zeros(50), rng.normal(3.0, 1.5, size=50), np.full(50, 3.0)]),
                np.column_stack([np.full(10, 0.5), rng.normal(3.0, 1.5, size=10),
                                 np.full(10, 3.5)]),
                np.column_stack([np.zeros(10), rng.normal(3.0, 1.5, size=10), np.full(10, 3.0)]))
    _check_standardise(standardise, [shifted, constant])


def q2_hidden(standardise, *, seed):
    """Question 2 on the digits' pixels (many blank in training) and on random parts with
    constant features, of sizes drawn from ``seed``."""
    from sklearn.datasets import load_digits

    rng = np.random.default_rng(seed)
    X = load_digits().data
    order = rng.permutation(len(X))
    cases = [(X[order[:900]], X[order[900:1300]], X[order[1300:]])]
    for n_train, n_other, n_features in ((30, 7, 5), (12, 1, 2)):
        scale = rng.uniform(0.1, 100, size=n_features)
        parts = [rng.normal(rng.uniform(-50, 50, size=n_features), scale, size=(m, n_features))
                 for m in (n_train, n_other, n_other)]
        parts[0][:, 0] = 2.0   # constant in training (not elsewhere)
        cases.append(tuple(parts))
    _check_standardise(standardise, cases)


# ---------------------------------------------------------------------- question 3

_GAP_SPECIAL = ((TypeError, "NoneType", N_("When `epoch` is not given it is None: use the last "
                                           "epoch then, len(history.val_loss).")),
                (IndexError, "out of range", N_("Epochs are counted from 1: epoch k is at index "
                                                "k - 1, so the last epoch, k = "
                                                "len(history.val_loss), is "
                                                "history.val_loss[k - 1].")))


def _gap_mistakes():
    def at(epoch, history):
        return len(history.val_loss) if epoch is None else epoch

    def zero_based(history, epoch=None):
        i = -1 if epoch is None else epoch
        return history.val_loss[i] - history.train_loss[i]

    return [
        Mistake(lambda h, epoch=None: -reference.generalisation_gap(h, epoch),
                "{call} returned {got}: the sign is reversed. The gap is the validation loss "
                "MINUS the training loss ({expected}), positive when the model does better on "
                "the data it trained on."),
        Mistake(zero_based, "{call} returned {got}, the gap of the epoch after it: epochs are "
                "counted from 1 (as History.best_epoch is), so epoch k is "
                "history.val_loss[k - 1] - history.train_loss[k - 1] (expected {expected})."),
        Mistake(lambda h, epoch=None: h.train_accuracy[at(epoch, h) - 1]
                - h.val_accuracy[at(epoch, h) - 1],
                "{call} returned {got}, a difference of accuracies. The gap here is that of "
                "the LOSSES: validation loss minus training loss ({expected})."),
        Mistake(lambda h, epoch=None: h.val_accuracy[at(epoch, h) - 1]
                - h.train_accuracy[at(epoch, h) - 1],
                "{call} returned {got}, a difference of accuracies. The gap here is that of "
                "the LOSSES: validation loss minus training loss ({expected})."),
        Mistake(lambda h, epoch=None: abs(reference.generalisation_gap(h, epoch)),
                "{call} returned {got}, the size of the gap without its sign. Keep the sign: "
                "validation loss minus training loss is {expected} here; early in a run it can "
                "be negative, and that is worth seeing."),
        Mistake(lambda h, epoch=None: h.val_loss[at(epoch, h) - 1] / h.train_loss[at(epoch, h) - 1],
                "{call} returned {got}, the validation loss DIVIDED by the training loss. The "
                "gap is their difference, validation minus training ({expected})."),
        Mistake(lambda h, epoch=None: reference.generalisation_gap(
                    h, h.best_epoch if epoch is None else epoch),
                "{call} returned {got}, the gap at the epoch of the lowest validation loss. "
                "Without `epoch` the gap is that of the LAST epoch ({expected})."),
        Mistake(lambda h, epoch=None: reference.generalisation_gap(
                    h, len(h.val_loss) - 1 if epoch is None else epoch),
                "{call} returned {got}, the gap of the second-to-last epoch. Without `epoch` "
                "it is the gap of the LAST epoch, len(history.val_loss) ({expected})."),
        Mistake(lambda h, epoch=None: float(np.mean(np.subtract(h.val_loss, h.train_loss)))
                if epoch is None else reference.generalisation_gap(h, epoch),
                "{call} returned {got}, the mean gap over all epochs. Without `epoch` the gap "
                "is that of the LAST epoch ({expected})."),
    ]


def _check_gap(generalisation_gap, cases):
    """``cases``: (history, epochs) pairs; each epoch is an int or None (not given)."""
    student = _Student(generalisation_gap, "generalisation_gap", "3",
                       curves=("train_loss", "val_loss", "train_accuracy", "val_accuracy"),
                       special=_GAP_SPECIAL)
    inputs = [((history,), {}) if epoch is None else ((history,), {"epoch": epoch})
              for history, epochs in cases for epoch in epochs]

    def explain(history, epoch=None):
        k = len(history.val_loss) if epoch is None else epoch
        which = (_("the last epoch, {k},").format(k=k) if epoch is None
                 else _("epoch {k}").format(k=k))
        return _("At {which} the validation loss is {v} and the training loss {t}: "
                 "history.val_loss[{i}] - history.train_loss[{i}] (epochs are counted from 1, "
                 "the first at index 0).").format(which=which, v=describe(history.val_loss[k - 1]),
                                                  t=describe(history.train_loss[k - 1]), i=k - 1)

    _compare(student, reference.generalisation_gap, inputs, answer=_GAP_NUMBER,
             mistakes=_gap_mistakes(), explain=explain)


def _history(train, val, train_accuracy=(), val_accuracy=()):
    from ..training import History

    return History(train_loss=list(train), val_loss=list(val),
                   train_accuracy=list(train_accuracy), val_accuracy=list(val_accuracy))


def _close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


_GAP_NUMBER = Answer(as_number, _close, number_pair)


def q3_public(generalisation_gap):
    """Question 3: four epochs with gaps 0.1, 0.2, 0.5 and 0.7 (the default is the last); and
    a run whose gap starts negative (-0.2, -0.05, 0.1, 0.2, 0.35)."""
    small = _history([1.0, 0.5, 0.3, 0.2], [1.1, 0.7, 0.8, 0.9], [0.6, 0.8, 0.9, 0.95],
                     [0.55, 0.7, 0.71, 0.72])
    early = _history([1.2, 0.6, 0.35, 0.3, 0.25], [1.0, 0.55, 0.45, 0.5, 0.6],
                     [0.5, 0.7, 0.85, 0.9, 0.92], [0.55, 0.72, 0.8, 0.78, 0.77])
    _check_gap(generalisation_gap, [(small, [None, 2, 1, 4]), (early, [1, 2, None])])


def q3_hidden(generalisation_gap, *, seed):
    """Question 3 on random runs of 1 to 15 epochs drawn from ``seed``: every epoch, and the
    default."""
    rng = np.random.default_rng(seed)
    cases = []
    for epochs in (1, 2, 12, int(rng.integers(3, 16))):
        train = np.sort(rng.uniform(0.05, 2.0, size=epochs))[::-1]
        val = train + rng.normal(0.1, 0.2, size=epochs)
        accuracy = np.sort(rng.uniform(0.3, 1.0, size=epochs))
        cases.append((_history(train.tolist(), val.tolist(), accuracy.tolist(),
                               (accuracy - rng.uniform(0, 0.1, size=epochs)).tolist()),
                      [None, *range(1, epochs + 1)]))
    _check_gap(generalisation_gap, cases)


# ---------------------------------------------------------------------- question 4

def _read_epoch(value, call, what, whole):
    torch = _torch()
    if torch is not None and isinstance(value, torch.Tensor) and value.numel() == 1 \
            and not value.is_floating_point() and value.dtype != torch.bool:
        value = value.item()
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if value is None:
        fail("{call} returned {whole}: {what} is None. Every run has a best epoch and a stop "
             "epoch; when training never stops, stop_epoch is the last epoch, "
             "len(history.val_loss).", call=call, whole=whole, what=what)
    if isinstance(value, (bool, np.bool_)):
        fail("{call} returned {whole}: {what} is a truth value; it should be an epoch number, "
             "an int counted from 1.", call=call, whole=whole, what=what)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real) and float(value).is_integer():
        fail("{call} returned {whole}: {what} is the float {value}. Epochs are integers: "
             "return int values (e.g. int(...)), which can index a list.", call=call,
             whole=whole, what=what, value=describe(value))
    fail("{call} returned {whole}; {what} should be an epoch number, an int counted from 1.",
         call=call, whole=whole, what=what)


def _torch():
    import sys

    return sys.modules.get("torch")


def _read_epochs(value, call):
    whole = _describe(value)
    if isinstance(value, np.ndarray) and value.ndim == 1:
        value = list(value)
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        fail("{call} returned {whole}; it should return two epochs, (best_epoch, stop_epoch).",
             call=call, whole=whole)
    return (_read_epoch(value[0], call, "best_epoch", whole),
            _read_epoch(value[1], call, "stop_epoch", whole))


_EPOCHS = Answer(_read_epochs, lambda a, b: a == b, lambda got, expected: (str(got), str(expected)))


def _replay(val, patience, *, improves=None, late=0, reset=True):
    """Early stopping written with the knobs of the usual mistakes (a mistake model)."""
    improves = improves or (lambda loss, best, previous: loss < best)
    best_epoch, best_loss, previous, waited = None, math.inf, math.inf, 0
    for epoch, loss in enumerate(val, start=1):
        if improves(loss, best_loss, previous):
            best_epoch, best_loss = epoch, loss
            if reset:
                waited = 0
        else:
            waited += 1
            if waited >= patience + late:
                return best_epoch, epoch
        previous = loss
    return best_epoch, len(val)


def _stop_mistakes():
    r = reference.early_stopping_epoch

    def model(**knobs):
        return lambda h, patience=5: _replay(h.val_loss, patience, **knobs)

    def whole_run_best(h, patience=5):
        return h.best_epoch, r(h, patience)[1]

    def whole_run_best_capped(h, patience=5):
        best = h.best_epoch
        return best, min(best + patience, len(h.val_loss))

    def never_stops_as(value):
        def stops(h, patience=5):
            best, stop = r(h, patience)
            return (best, stop) if stop - best == patience else (best, value(h, best, patience))
        return stops

    def early_everywhere(h, patience=5):
        # A wait counter that counts the best epoch too: stops at best + patience - 1,
        # even on an improving epoch when patience is 1.
        best_epoch, best_loss = None, math.inf
        for epoch, loss in enumerate(h.val_loss, start=1):
            if loss < best_loss:
                best_epoch, best_loss = epoch, loss
            if epoch - best_epoch >= patience - 1:
                return best_epoch, epoch
        return best_epoch, len(h.val_loss)

    def previous_epoch(h, patience=5):
        # The count of bad epochs restarts when an epoch beats the one BEFORE it.
        val = list(h.val_loss)
        best_epoch, bad = 1, 0
        for epoch in range(2, len(val) + 1):
            if val[epoch - 1] < val[epoch - 2]:
                bad = 0
                if val[epoch - 1] < val[best_epoch - 1]:
                    best_epoch = epoch
            else:
                bad += 1
                if bad >= patience:
                    return best_epoch, epoch
        return best_epoch, len(val)

    def latest_tie(h, patience=5):
        best, stop = r(h, patience)
        window = list(h.val_loss[:stop])
        return len(window) - window[::-1].index(min(window)), stop

    return [
        Mistake(lambda h, patience=5: r(_history(h.val_loss, h.train_loss), patience),
                "{call} returned {got}, the early stopping of the TRAINING loss. The training "
                "loss keeps falling while the model overfits; early stopping watches the "
                "VALIDATION loss, history.val_loss (expected {expected})."),
        Mistake(lambda h, patience=5: tuple(e - 1 for e in r(h, patience)),
                "{call} returned {got}, list indices: epochs are counted from 1 (as "
                "History.best_epoch is), so add 1 to an index (expected {expected})."),
        Mistake(lambda h, patience=5: (r(h, patience)[0] - 1, r(h, patience)[1] - 1
                                       if r(h, patience)[1] - r(h, patience)[0] == patience
                                       else len(h.val_loss)),
                "{call} returned {got}, list indices: epochs are counted from 1 (as "
                "History.best_epoch is), so add 1 to an index (expected {expected})."),
        Mistake(lambda h, patience=5: (r(h, patience)[0], r(h, patience)[1] - 1),
                "{call} returned {got}: stop_epoch is a list index (counted from 0) while "
                "best_epoch is counted from 1. Count both from 1 (expected {expected})."),
        Mistake(lambda h, patience=5: (r(h, patience)[0] - 1, r(h, patience)[1]),
                "{call} returned {got}: best_epoch is a list index (counted from 0) while "
                "stop_epoch is counted from 1. Count both from 1 (expected {expected})."),
        Mistake(model(improves=lambda loss, best, previous: loss <= best),
                "{call} returned {got}: an epoch that only EQUALS the lowest loss so far "
                "counted as an improvement. An epoch improves only if its loss is STRICTLY "
                "lower (<, not <=), so the earliest of tied minima is kept and a tie does not "
                "restart the patience (expected {expected})."),
        Mistake(model(late=1), "{call} returned {got}: stop_epoch is one epoch too late. "
                "Training stops at the epoch that MAKES `patience` epochs in a row without "
                "improvement, best_epoch + patience (epoch - best_epoch >= patience) "
                "(expected {expected})."),
        Mistake(model(late=-1), "{call} returned {got}: stop_epoch is one epoch too early. "
                "The `patience` epochs without improvement come AFTER the best epoch, so "
                "training stops at best_epoch + patience (expected {expected})."),
        Mistake(early_everywhere, "{call} returned {got}: stop_epoch is one epoch too early. "
                "The `patience` epochs without improvement come AFTER the best epoch, so "
                "training stops at best_epoch + patience (expected {expected})."),
        Mistake(previous_epoch,
                "{call} returned {got}: each epoch is compared with the epoch BEFORE it. An "
                "epoch improves only if its loss is lower than every earlier one (the lowest "
                "so far), so keep the best loss, not the previous loss (expected {expected})."),
        Mistake(model(reset=False), "{call} returned {got}: the count of epochs without "
                "improvement is never set back to 0. Patience counts epochs IN A ROW without "
                "improvement: an improvement starts the count again (expected {expected})."),
        Mistake(whole_run_best, "{call} returned {got}: best_epoch is the lowest validation "
                "loss of the WHOLE run, but early stopping never sees the epochs after "
                "stop_epoch: best_epoch is the lowest validation loss up to stop_epoch, among "
                "the epochs that were actually trained (expected {expected})."),
        Mistake(whole_run_best_capped, "{call} returned {got}: best_epoch is the lowest "
                "validation loss of the WHOLE run, with stop_epoch patience epochs after it. "
                "Replay the run epoch by epoch: it stops at the first `patience` epochs in a "
                "row without improvement, and never sees the epochs after that "
                "(expected {expected})."),
        Mistake(never_stops_as(lambda h, best, patience: best + patience),
                "{call} returned {got}: stop_epoch = best_epoch + patience even though the run "
                "ends before that epoch. When training never stops, stop_epoch is the last "
                "epoch, len(history.val_loss) (expected {expected})."),
        Mistake(never_stops_as(lambda h, best, patience: len(h.val_loss) + 1),
                "{call} returned {got}: when training never stops, stop_epoch is the last "
                "epoch, len(history.val_loss), not one after it (expected {expected})."),
        Mistake(never_stops_as(lambda h, best, patience: 0),
                "{call} returned {got}: when training never stops, stop_epoch is the last "
                "epoch, len(history.val_loss), not 0 (expected {expected})."),
        Mistake(never_stops_as(lambda h, best, patience: -1),
                "{call} returned {got}: when training never stops, stop_epoch is the last "
                "epoch, len(history.val_loss), not -1 (expected {expected})."),
        Mistake(lambda h, patience=5: r(h, patience)[::-1],
                "{call} returned {got}: the two epochs are the wrong way round. Return "
                "(best_epoch, stop_epoch) (expected {expected})."),
        Mistake(latest_tie, "{call} returned {got}: of two epochs with the same lowest "
                "validation loss, best_epoch is the LATER one. Keep the earliest: a later epoch "
                "improves only if its loss is strictly lower (expected {expected})."),
    ]


def _explain_stop(history, patience=5):
    """Why ``reference.early_stopping_epoch(history, patience)`` is what it is, in words."""
    val = list(history.val_loss)
    n = len(val)
    best, stop = reference.early_stopping_epoch(history, patience)
    lowest = describe(val[best - 1])
    if stop - best == patience:
        if patience == 1:
            without = _("epoch {e} does not go below it").format(e=stop)
        else:
            without = _("epochs {a} to {b} do not go below it").format(a=best + 1, b=stop)
        text = _("The lowest validation loss so far is {v}, at epoch {best}; {without}, so with "
                 "patience {p} training stops at epoch {stop} and keeps epoch {best}.").format(
            v=lowest, best=best, without=without, p=patience, stop=stop)
    elif patience == 1 or n == 1:
        text = _("Every epoch lowers the validation loss, so training runs to its last epoch, "
                 "{n} (stop_epoch = {n}), and keeps it.").format(n=n)
    else:
        text = _("No {p} epochs in a row go without a new lowest validation loss, so training "
                 "runs to its last epoch, {n} (stop_epoch = {n}); the lowest validation loss, "
                 "{v}, is at epoch {best}.").format(p=patience, n=n, v=lowest, best=best)
    ties = [e for e in range(best + 1, stop + 1) if val[e - 1] == val[best - 1]]
    if ties:
        text += " " + _("(Epoch {t} only equals {v}: an improvement must be strictly lower, so "
                        "the earliest of equal values is kept.)").format(t=ties[0], v=lowest)
    return text


def _check_stopping(early_stopping_epoch, cases, default_cases=()):
    """``cases``: (history, patience) pairs; ``default_cases``: histories called without
    ``patience`` (the default, 5)."""
    student = _Student(early_stopping_epoch, "early_stopping_epoch", "4", curves=("val_loss",),
                       special=((IndexError, "out of range", N_("Epochs are counted from 1: "
                                                                "epoch k is "
                                                                "history.val_loss[k - 1].")),))
    inputs = [((h,), {"patience": p}) for h, p in cases]
    _compare(student, reference.early_stopping_epoch, inputs, answer=_EPOCHS,
             mistakes=_stop_mistakes(), explain=_explain_stop)
    if default_cases:
        # The student's default is found by trying each: the message names it.
        template = N_("{call} returned {got}, early stopping with a patience of {d}. Without "
                      "a `patience` argument the patience is 5: def early_stopping_epoch(history, "
                      "patience=5) (expected {expected}).")
        defaults = [_Mistake(lambda h, patience=5, d=d: reference.early_stopping_epoch(h, d),
                             template, d=str(d))
                    for d in range(1, 31) if d != 5]
        _compare(student, reference.early_stopping_epoch, [(h,) for h in default_cases],
                 answer=_EPOCHS, mistakes=defaults, explain=_explain_stop)


def _val_history(val):
    return _history([2.0 - 0.05 * e for e in range(len(val))], val)


#: The validation curves of question 4's public check, each with the patiences it is run with.
PUBLIC_STOPS = [
    # The lowest validation loss at epoch 4, then overfitting: patience 10 never stops.
    ([1.9, 1.3, 1.0, 0.9, 1.0, 1.2, 1.5], (10, 3, 2)),
    # Patience 3, 4, 5 and 6 stop at four different epochs (6, 7, 8 and never).
    ([1.0, 0.8, 0.6, 0.65, 0.7, 0.62, 0.75, 0.8, 0.5, 0.4], (3, 4, 5, 6, 1)),
    # Ties: 0.5 is only equalled after epoch 2, never beaten until 0.4 at epoch 6.
    ([1.0, 0.5, 0.5, 0.5, 0.5, 0.4], (2, 3, 4)),
    ([0.9, 0.5, 0.5, 0.6, 0.5], (10, 2)),
    # Epochs without improvement, but never two in a row: patience 2 runs to the end.
    ([1.0, 1.1, 0.9, 0.95, 0.8, 0.85, 0.7], (2, 1)),
    # Never improves after epoch 1.
    ([0.7, 0.8, 0.9, 0.75, 1.0], (2, 4, 5)),
    # Keeps improving to the end.
    ([1.0, 0.9, 0.8, 0.7], (1, 3)),
    # The question's own example: patience 2 stops at epoch 5, patience 3 reaches epoch 6.
    ([1.0, 0.8, 0.6, 0.65, 0.7, 0.5], (2, 3)),
    # Short runs: one and two epochs.
    ([0.5], (1, 5)),
    ([0.5, 0.6], (1, 2)),
    ([0.6, 0.5], (1,)),
]


def q4_public(early_stopping_epoch):
    """Question 4 on the cases the question names: patience k and k + 1 stopping at different
    epochs, ties, a run that never improves after epoch 1, one that keeps improving, short
    runs, and the default patience."""
    cases = [(_val_history(val), p) for val, patiences in PUBLIC_STOPS for p in patiences]
    _check_stopping(early_stopping_epoch, cases,
                    default_cases=[_val_history(PUBLIC_STOPS[1][0])])


def q4_hidden(early_stopping_epoch, *, seed):
    """Question 4 on noisy validation curves drawn from ``seed`` (rounded to two decimals, so
    with ties), of 1 to 40 epochs, with patience 1 to 7."""
    rng = np.random.default_rng(seed)
    cases = []
    for _run in range(25):
        epochs = int(rng.integers(1, 41))
        t = np.arange(epochs)
        val = (1.5 * np.exp(-t / rng.uniform(2, 8)) + rng.uniform(0, 0.03) * t
               + rng.normal(0, 0.05, size=epochs)).round(2).tolist()
        history = _val_history(val)
        cases += [(history, int(p)) for p in rng.choice(np.arange(1, 8), size=3, replace=False)]
    plateau = _val_history([0.8, 0.6] + [0.6] * 6 + [0.59])
    cases += [(plateau, p) for p in (5, 6, 7, 8)]
    _check_stopping(early_stopping_epoch, cases,
                    default_cases=[_val_history([1.0, 0.9, 0.95, 0.96, 0.97, 0.98, 0.99, 0.5]),
                                   plateau])


# ---------------------------------------------------------------------- question 5

_RUN_KEYS = ("model", "history", "best_epoch", "stop_epoch", "gap", "test_accuracy")
_DEFAULTS = {"n_hidden": 64, "lr": 0.1, "batch_size": 32, "epochs": 60, "optimizer": "sgd",
             "patience": 5, "seed": 0}
_FIT_SETTINGS = ("n_hidden", "lr", "batch_size", "optimizer", "seed")

#: The runs of question 5's checks: 150 training digits with Adam (the test labels shuffled,
#: so that the test part would choose other epochs than the validation part), and the wine
#: data with plain SGD. Patience 4 and 3 stop elsewhere than the default 5 would.
DIGITS_CHECK_RUN = {"n_hidden": 32, "lr": 0.01, "batch_size": 32, "epochs": 30,
                    "optimizer": "adam", "patience": 4, "seed": 1}
WINE_CHECK_RUN = {"n_hidden": 16, "lr": 0.5, "batch_size": 16, "epochs": 30,
                  "optimizer": "sgd", "patience": 3, "seed": 4}


def digits_check_data():
    """The data of question 5's public check: 150 training digits, the test labels shuffled."""
    import dataclasses

    import torch

    from ..datasets import load_digits_split

    digits = load_digits_split(seed=2)
    scramble = torch.as_tensor(np.random.default_rng(0).permutation(len(digits.y_test)))
    return dataclasses.replace(digits, X_train=digits.X_train[:150],
                               y_train=digits.y_train[:150], y_test=digits.y_test[scramble])


def wine_check_data():
    """The data of question 5's hidden check: the wine data, split and standardised."""
    wine = _load("wine")
    return reference.make_data_split(wine.data, wine.target, wine.target_names)


def _same_curve(a, b):
    return len(a) == len(b) and np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float),
                                            rtol=1e-9, atol=1e-12)


def _logits(model, X):
    import torch

    with torch.no_grad():
        was_training = model.training
        model.eval()
        try:
            return model(X).double().numpy()
        finally:
            model.train(was_training)


def _key(call, key):
    return f"{call}[{key!r}]"


def _check_history(got, call, data, settings, history):
    """The full run's History, or a failure that says which setting or data it came from."""
    epochs = settings["epochs"]
    what = _key(call, "history")
    run = got["history"]
    if not (hasattr(run, "val_loss") and hasattr(run, "train_loss")):
        fail("{what} is {value}; it should be the History that fit returns for the full run "
             "of {epochs} epochs.", what=what, value=_describe(run), epochs=epochs)
    if _same_curve(run.val_loss, history.val_loss) and _same_curve(run.train_loss,
                                                                   history.train_loss):
        return
    best, _stop = reference.early_stopping_epoch(history, settings["patience"])
    if len(run.val_loss) != epochs:
        if len(run.val_loss) == best:
            fail("{what} has {k} epochs, the second, shorter run's History. Return the History "
                 "of the FULL run of epochs={epochs} epochs (the first fit), whose curves early "
                 "stopping was replayed on.", what=what, k=len(run.val_loss), epochs=epochs)
        fail("{what} has {k} epochs; the full run has epochs={epochs}: pass `epochs` on to "
             "fit.", what=what, k=len(run.val_loss), epochs=epochs)
    import dataclasses

    fit_settings = {k: settings[k] for k in _FIT_SETTINGS}
    peek = dataclasses.replace(data, X_val=data.X_test, y_val=data.y_test)
    peeked, _model = reference.full_run(peek, epochs=epochs, **fit_settings)
    if _same_curve(run.val_loss, peeked.val_loss):
        fail("{what}: your run's validation curve is the TEST part's: early stopping must watch "
             "the VALIDATION set. The test part is the exam, looked at once at the end; "
             "choosing the epoch on it makes the test score too good to be true.", what=what)
    candidates = [(name, {**fit_settings, name: _DEFAULTS[name]},
                   "mlp(...)" if name == "n_hidden" else "fit(...)")
                  for name in ("n_hidden", "lr", "batch_size", "optimizer")
                  if settings[name] != _DEFAULTS[name]]
    if settings["seed"] != 0:
        candidates += [("seed", {**fit_settings, "seed": 0}, None),   # None: both
                       ("seed", {**fit_settings, "model_seed": 0}, "mlp(...)"),
                       ("seed", {**fit_settings, "seed": 0, "model_seed": settings["seed"]},
                        "fit(...)")]
    for name, changed, where in candidates:
        other, _model = reference.full_run(data, epochs=epochs, **changed)
        if _same_curve(run.val_loss, other.val_loss):
            fields = {"what": what, "name": name, "default": describe(_DEFAULTS[name]),
                      "value": describe(settings[name])}
            if where is None:
                fail("{what}: the full run's losses are those of a run with {name}={default} "
                     "(the default) instead of {name}={value}: pass `{name}` on to mlp(...) and "
                     "to fit(...).", **fields)
            fail("{what}: the full run's losses are those of a run with {name}={default} (the "
                 "default) instead of {name}={value}: pass `{name}` on to {where}.",
                 where=where, **fields)
    fail("{what}: the full run's validation losses differ from those of mlp(data.n_features, "
         "n_hidden, data.n_classes, seed=seed) trained by fit(model, data, cross_entropy, "
         "lr=lr, batch_size=batch_size, epochs=epochs, optimizer=optimizer, seed=seed) "
         "(epoch 1: yours {got}, expected {expected}): pass every setting on, train on `data` "
         "itself, with cross_entropy.", what=what,
         got=describe(run.val_loss[0]), expected=describe(history.val_loss[0]))


def _check_epochs(got, call, data, settings, history):
    patience = settings["patience"]
    whole = _("best_epoch = {b}, stop_epoch = {s}")
    best = _read_epoch(got["best_epoch"], _key(call, "best_epoch"), "best_epoch",
                       describe(got["best_epoch"]))
    stop = _read_epoch(got["stop_epoch"], _key(call, "stop_epoch"), "stop_epoch",
                       describe(got["stop_epoch"]))
    expected = reference.early_stopping_epoch(history, patience)
    if (best, stop) == expected:
        return expected
    fields = {"call": call, "got": whole.format(b=best, s=stop),
              "expected": whole.format(b=expected[0], s=expected[1]), "p": patience}
    if (stop, best) == expected:
        fail("{call} says {got}: the two are the wrong way round (expected {expected}).",
             **fields)
    if patience != 5 and (best, stop) == reference.early_stopping_epoch(history, 5):
        fail("{call} says {got}, early stopping with patience 5, the default, instead of "
             "patience={p}: pass `patience` on to early_stopping_epoch(history, patience) "
             "(expected {expected}).", **fields)
    if best == history.best_epoch and best != expected[0]:
        fail("{call} says {got}: best_epoch is the lowest validation loss of the WHOLE run "
             "(history.best_epoch). Early stopping with patience {p} stops earlier and keeps "
             "the epoch early_stopping_epoch(history, patience) gives (expected {expected}).",
             **fields)
    fail("{call} says {got}; early stopping with patience {p} on the full run's History gives "
         "{expected}: take both from early_stopping_epoch(history, patience).", **fields)


def _check_model(got, call, data, settings, history, best, stop):
    import torch

    what = _key(call, "model")
    model = got["model"]
    if not isinstance(model, torch.nn.Module):
        fail("{what} is {value}; it should be the trained model (the torch module that mlp "
             "returns, trained for best_epoch epochs).", what=what, value=_describe(model))
    fit_settings = {k: settings[k] for k in _FIT_SETTINGS}
    _kept_history, kept = reference.full_run(data, epochs=best, **fit_settings)
    expected = _logits(kept, data.X_val)
    try:
        logits = _logits(model, data.X_val)
    except Exception as error:  # noqa: BLE001 - a model that does not take the data
        fail("{what} could not score the validation part: {kind}: {error}. Return the mlp "
             "trained on `data`.", what=what, kind=type(error).__name__, error=error)

    def same(other):
        return logits.shape == other.shape and np.allclose(logits, other, rtol=1e-9, atol=1e-12)

    if same(expected):
        return kept
    from ..losses import cross_entropy
    from ..training import fit, mlp

    epochs = settings["epochs"]
    _history_full, full_model = reference.full_run(data, epochs=epochs, **fit_settings)
    fields = {"what": what, "best": best, "stop": stop, "epochs": epochs}
    if same(_logits(full_model, data.X_val)):
        fail("{what} is the model after all {epochs} epochs: you returned the model after ALL "
             "the epochs. Keep the weights of the early-stopping epoch: train a fresh model "
             "(same seed) for best_epoch = {best} epochs.", **fields)
    continued = full_model
    fit(continued, data, cross_entropy, epochs=best, progress=False,
        **{k: settings[k] for k in ("lr", "batch_size", "optimizer", "seed")})
    if same(_logits(continued, data.X_val)):
        fail("{what} is the full run's model trained for best_epoch = {best} MORE epochs. "
             "Train a FRESH model, mlp(data.n_features, n_hidden, data.n_classes, seed=seed), "
             "whose initial weights are those of the full run, for best_epoch epochs.", **fields)
    for epochs_kept, message in (
            (stop, N_("{what} is a model trained for stop_epoch = {stop} epochs. Early "
                      "stopping keeps the weights of best_epoch = {best}: train the fresh model "
                      "for best_epoch epochs.")),
            (best + 1, N_("{what} is a model trained for best_epoch + 1 = {n} epochs, one too "
                          "many: train the fresh model for best_epoch = {best} epochs.")),
            (best - 1, N_("{what} is a model trained for best_epoch - 1 = {n} epochs, one too "
                          "few: train the fresh model for best_epoch = {best} epochs."))):
        if 1 <= epochs_kept != best:
            _other_history, other = reference.full_run(data, epochs=epochs_kept,
                                                       **fit_settings)
            if same(_logits(other, data.X_val)):
                fail(message, n=epochs_kept, **fields)
    if settings["seed"] != 0:
        for changed, where in (({"model_seed": 0}, "mlp"),
                               ({"seed": 0, "model_seed": settings["seed"]}, "fit")):
            _other, other_model = reference.full_run(data, epochs=best,
                                                     **{**fit_settings, **changed})
            if same(_logits(other_model, data.X_val)):
                fail("{what} is trained with seed 0 in {where}(...) instead of seed={seed}: "
                     "the fresh model must start and train exactly as the full run did, so "
                     "pass `seed` on to mlp and to fit.", where=where, seed=settings["seed"],
                     **fields)
    loss = float(cross_entropy(torch.as_tensor(logits), data.y_val))
    got_text, expected_text = number_pair(loss, history.val_loss[best - 1])
    fail("{what} has a validation loss of {got}, but at the best epoch {best} the full run's "
         "was {expected}. Train a fresh mlp(data.n_features, n_hidden, data.n_classes, "
         "seed=seed) for best_epoch epochs with the same settings.", got=got_text,
         expected=expected_text, **fields)


def _accuracy(model, X, y):
    from ..classification import accuracy_score
    from ..training import predict

    return accuracy_score(y.numpy(), predict(model, X).numpy())


def _check_numbers(got, call, data, settings, history, best, stop, kept, note):
    what = _key(call, "gap")
    gap = as_number(got["gap"], what)
    expected = reference.generalisation_gap(history, best)
    if not _close(gap, expected):
        got_text, expected_text = number_pair(gap, expected)
        fields = {"what": what, "got": got_text, "expected": expected_text, "best": best}
        for other, message in (
                (reference.generalisation_gap(history), N_(
                    "{what} is {got}, the gap at the LAST epoch. It should be the gap at "
                    "best_epoch = {best}, the epoch early stopping keeps: "
                    "generalisation_gap(history, best_epoch) = {expected}.")),
                (reference.generalisation_gap(history, stop), N_(
                    "{what} is {got}, the gap at stop_epoch. It should be the gap at "
                    "best_epoch = {best}, the epoch early stopping keeps: "
                    "generalisation_gap(history, best_epoch) = {expected}.")),
                (-expected, N_("{what} is {got}: the sign is reversed. The gap is the validation "
                               "loss minus the training loss: generalisation_gap(history, "
                               "best_epoch) = {expected}."))):
            if _close(gap, other):
                fail(message, **fields)
        fail("{what} is {got}; it should be the generalisation gap at best_epoch = {best}, "
             "generalisation_gap(history, best_epoch) = {expected}.", **fields)
    what = _key(call, "test_accuracy")
    accuracy = as_number(got["test_accuracy"], what)
    expected = _accuracy(kept, data.X_test, data.y_test)
    if _close(accuracy, expected):
        return
    got_text, expected_text = number_pair(accuracy, expected)
    fields = {"what": what, "got": got_text, "expected": expected_text, "note": note}
    _full_history, full_model = reference.full_run(
        data, epochs=settings["epochs"], **{k: settings[k] for k in _FIT_SETTINGS})
    for other, message in (
            (100 * expected, N_("{what} is {got}, a percentage. Return the share of correct "
                                "predictions as a number between 0 and 1 ({expected}).")),
            (expected * len(data.y_test), N_("{what} is {got}, the NUMBER of correct test "
                                             "predictions. Return their share, "
                                             "accuracy_score(...) ({expected}).")),
            (_accuracy(kept, data.X_val, data.y_val), N_(
                "{what} is {got}, the accuracy on the VALIDATION part. It must be measured on "
                "the TEST part (data.X_test, data.y_test), the exam the model never saw "
                "({expected}).{note}")),
            (history.val_accuracy[best - 1], N_(
                "{what} is {got}, the accuracy on the VALIDATION part (history.val_accuracy). "
                "It must be measured on the TEST part (data.X_test, data.y_test), the exam the "
                "model never saw ({expected}).{note}")),
            (_accuracy(kept, data.X_train, data.y_train), N_(
                "{what} is {got}, the accuracy on the TRAINING part. It must be measured on the "
                "TEST part (data.X_test, data.y_test) ({expected}).{note}")),
            (_accuracy(full_model, data.X_test, data.y_test), N_(
                "{what} is {got}, the test accuracy of the model after ALL the epochs. Measure "
                "the kept model, the one trained for best_epoch epochs ({expected}).{note}"))):
        if _close(accuracy, other):
            fail(message, **fields)
    fail("{what} is {got}; the kept model's accuracy on the test part is {expected}. Use "
         "accuracy_score(data.y_test.numpy(), predict(model, data.X_test).numpy()).{note}",
         **fields)


def _check_run(train_with_early_stopping, data, settings, note=""):
    student = _Student(train_with_early_stopping, "train_with_early_stopping", "5", special=(
        (AttributeError, "no attribute 'val_loss'", N_(
            "early_stopping_epoch and generalisation_gap take the History itself, "
            "early_stopping_epoch(history, patience), not a list of its losses (this check runs "
            "your function with the course's versions of both, so a mistake in question 3 or 4 "
            "is not charged twice).")),))
    call = student.call_text(data, **settings)
    # The check runs the student's function with the reference early_stopping_epoch and
    # generalisation_gap, so a mistake in questions 3 or 4 is charged there only.
    with reference_names(student.function, early_stopping_epoch=reference.early_stopping_epoch,
                         generalisation_gap=reference.generalisation_gap):
        got = student(data, **settings)
    if not isinstance(got, dict):
        fail("{call} returned {value}; it should return a dict with the keys {keys}.",
             call=call, value=_describe(got), keys=list(_RUN_KEYS))
    missing = [k for k in _RUN_KEYS if k not in got]
    if missing:
        fail("{call} returned a dict without the keys {missing}; it needs all of {keys}.",
             call=call, missing=missing, keys=list(_RUN_KEYS))
    history, _model = reference.full_run(data, epochs=settings["epochs"],
                                         **{k: settings[k] for k in _FIT_SETTINGS})
    _check_history(got, call, data, settings, history)
    best, stop = _check_epochs(got, call, data, settings, history)
    kept = _check_model(got, call, data, settings, history, best, stop)
    _check_numbers(got, call, data, settings, history, best, stop, kept, note)


def q5_public(train_with_early_stopping):
    """Question 5 on 150 training digits with Adam (so the MLP overfits) and patience 4. The
    test labels are shuffled on purpose, so that the test part would choose other epochs
    than the validation part (a test accuracy near 0.1 is expected)."""
    _check_run(train_with_early_stopping, digits_check_data(), DIGITS_CHECK_RUN,
               note=_(" (This check shuffles the test labels on purpose, so the right test "
                      "accuracy is low.)"))


def q5_hidden(train_with_early_stopping):
    """Question 5 on the wine data, standardised, with plain SGD, batch 16 and patience 3."""
    _check_run(train_with_early_stopping, wine_check_data(), WINE_CHECK_RUN)


# ---------------------------------------------------------------------- question 6

_BUNDLED = ("breast_cancer", "wine", "iris")


def _load(name):
    from sklearn import datasets

    return getattr(datasets, f"load_{name}")()


def _same_split(a, b):
    for part in ("train", "val", "test"):
        Xa, Xb = getattr(a, f"X_{part}").numpy(), getattr(b, f"X_{part}").numpy()
        ya, yb = getattr(a, f"y_{part}").numpy(), getattr(b, f"y_{part}").numpy()
        if Xa.shape != Xb.shape or not np.allclose(Xa, Xb, rtol=1e-9, atol=1e-12) \
                or not np.array_equal(ya, yb):
            return False
    return True


def _varies(make_data_split, bunch, own):
    try:
        again = make_data_split(bunch.data, bunch.target, bunch.target_names)
    except Exception:  # noqa: BLE001 - the first call worked; a second that fails varies
        return True
    return not _same_split(own, again)


def _same_data(split, bunch):
    labels = np.concatenate([split.y_train.numpy(), split.y_val.numpy(), split.y_test.numpy()])
    return (split.n_features == bunch.data.shape[1] and labels.size == len(bunch.target)
            and np.array_equal(np.sort(labels), np.sort(bunch.target)))


def _check_settings(name, settings):
    if not isinstance(settings, dict):
        fail("`{name}` is {value}; keep it a dict of settings for train_with_early_stopping, "
             "e.g. dict(n_hidden=64, lr=0.1, epochs=60, patience=5).", name=name,
             value=_describe(settings))
    unknown = sorted(set(map(str, settings)) - set(_DEFAULTS))
    if unknown:
        fail("`{name}` has the key {key}, which train_with_early_stopping does not take: use "
             "{known}.", name=name, key=repr(unknown[0]), known=", ".join(_DEFAULTS))


def q6_public(second_name, second, make_data_split, digits_settings, second_settings):
    """Question 6: a bundled data set, split and standardised by make_data_split (with the
    reference functions or with your own split_three_ways and standardise), and the settings
    of the two runs."""
    from ..datasets import DataSplit

    if second_name is Ellipsis or second_name is None:
        fail("Set second_name to one of {names} (replace the ... in the answer cell).",
             names=", ".join(repr(n) for n in _BUNDLED))
    if second_name not in _BUNDLED:
        fail("second_name is {value}; choose one of {names}, the classification data sets that "
             "ship with scikit-learn besides the digits.", value=_describe(second_name),
             names=", ".join(repr(n) for n in _BUNDLED))
    _check_settings("digits_settings", digits_settings)
    _check_settings("second_settings", second_settings)
    bunch = _load(second_name)
    expected = reference.make_data_split(bunch.data, bunch.target, bunch.target_names)
    own, own_error = None, None
    if callable(make_data_split):
        try:
            own = make_data_split(bunch.data, bunch.target, bunch.target_names)
        except Exception as error:  # noqa: BLE001 - questions 1 and 2 are charged for it
            own_error = error
    if isinstance(second, DataSplit):
        if _same_split(second, expected) or (isinstance(own, DataSplit)
                                             and _same_split(second, own)):
            return
        if isinstance(own, DataSplit) and _varies(make_data_split, bunch, own) \
                and _same_data(second, bunch):
            # The student's own split is not repeatable (charged in question 1): `second`
            # cannot be rebuilt, so a split of the right data set is accepted.
            return
        n = len(second.y_train) + len(second.y_val) + len(second.y_test)
        if (n, second.n_features) != bunch.data.shape:
            for other in (*_BUNDLED, "digits"):
                if (n, second.n_features) == _load(other).data.shape:
                    fail("`second` holds the {other} data ({n} samples of {f} features), but "
                         "second_name is {name!r}: load the data set second_name names, "
                         "BUNDLED[second_name]().", other=other, n=n, f=second.n_features,
                         name=second_name)
            fail("`second` holds {n} samples of {f} features, but {name} has {m} of {g}: build "
                 "it with make_data_split from that data set.", n=n, f=second.n_features,
                 name=second_name, m=bunch.data.shape[0], g=bunch.data.shape[1])
        X_train = second.X_train.numpy()
        spread = X_train.std(axis=0)
        if not (np.allclose(X_train.mean(axis=0), 0, atol=1e-6)
                and np.all((np.abs(spread - 1) < 0.02) | (spread == 0))):
            fail("The training features of `second` are not standardised (their means reach "
                 "{m}, their standard deviations run from {lo} to {hi}): build `second` with "
                 "make_data_split, which standardises the parts with your standardise.",
                 m=describe(float(np.abs(X_train.mean(axis=0)).max())),
                 lo=describe(float(spread.min())), hi=describe(float(spread.max())))
        fail("`second` is not what make_data_split(bunch.data, bunch.target, "
             "bunch.target_names) gives for {name} (with its default seed=0): build it with "
             "make_data_split, which splits with your split_three_ways and standardises with "
             "your standardise.", name=second_name)
    if second is None and own_error is not None:
        # The answer cell raised inside make_data_split, in the student's own split or
        # standardisation: that mistake is charged in questions 1 and 2, not here.
        return
    if second is Ellipsis:
        fail("`second` is still `...`: set it to make_data_split(bunch.data, bunch.target, "
             "bunch.target_names).")
    if second is None:
        fail("`second` is not defined: run the answer cell of question 6, then this check "
             "again.")
    fail("`second` is {value}; it should be the DataSplit that make_data_split(bunch.data, "
         "bunch.target, bunch.target_names) returns.", value=_describe(second))

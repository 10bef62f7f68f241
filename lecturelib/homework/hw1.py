"""Checks of Homework 1: confusion-matrix metrics and a threshold you can defend.

Each ``qN_public`` check runs the examples the question names (the student sees its call
in the notebook); each ``qN_hidden`` check runs inputs drawn from a seed the grader keeps,
so no answer can be written for the inputs alone. A wrong answer is named as a mistake only
when a model of that mistake reproduces every answer the student's code gave.

Later questions are checked with the *reference* versions of earlier questions' functions
(:func:`~lecturelib.homework._checking.reference_names`), so a mistake costs points once.
"""

from __future__ import annotations

import numpy as np

from ..i18n import N_
from ._checking import (Answer, Mistake, Student, as_number, compare_with_reference,
                        describe, fail, reference_names, sequence_pair)

__all__ = ["q1_public", "q1_hidden", "q2_public", "q2_hidden", "q3_public", "q3_hidden",
           "q4_public", "q4_hidden", "q5_public", "q5_hidden", "q6_public", "q6_hidden",
           "reference"]

# Translated where it is shown (Student.explain).
ZERO_DIVISION = {ZeroDivisionError: N_(
    "When a denominator is 0 the metric is undefined; return 0.0 then, as scikit-learn and "
    "lecturelib do by default (zero_division=0.0).")}


# ------------------------------------------------------------------ reference solutions

def _ratio(numerator, denominator):
    return numerator / denominator if denominator > 0 else 0.0


class reference:  # noqa: N801 - a namespace of the right answers, used like a module
    """The right answers (equal to lecturelib.classification's metrics; the tests check)."""

    @staticmethod
    def precision(tp, fp, fn, tn):
        return _ratio(tp, tp + fp)

    @staticmethod
    def recall(tp, fp, fn, tn):
        return _ratio(tp, tp + fn)

    @staticmethod
    def specificity(tp, fp, fn, tn):
        return _ratio(tn, tn + fp)

    @staticmethod
    def f_beta(tp, fp, fn, tn, beta):
        b2 = beta ** 2
        return _ratio((1 + b2) * tp, (1 + b2) * tp + b2 * fn + fp)

    @staticmethod
    def f1(tp, fp, fn, tn):
        return reference.f_beta(tp, fp, fn, tn, 1)

    @staticmethod
    def micro_f1(per_class):
        tp, fp, fn, tn = np.sum(np.asarray(per_class, dtype=float), axis=0)
        return reference.f1(tp, fp, fn, tn)

    @staticmethod
    def macro_f1(per_class):
        return float(np.mean([reference.f1(*c) for c in per_class]))

    @staticmethod
    def predict_at(scores, threshold):
        return (np.asarray(scores, dtype=float) >= threshold).astype(int)

    @staticmethod
    def counts_at(y_true, scores, threshold):
        actual = np.asarray(y_true) == 1
        predicted = reference.predict_at(scores, threshold) == 1
        return (int(np.sum(actual & predicted)), int(np.sum(~actual & predicted)),
                int(np.sum(actual & ~predicted)), int(np.sum(~actual & ~predicted)))

    @staticmethod
    def total_cost(y_true, scores, threshold, cost_fn=10, cost_fp=1):
        tp, fp, fn, tn = reference.counts_at(y_true, scores, threshold)
        return cost_fn * fn + cost_fp * fp


def _undefined_as(metric, denominator, value):
    """``metric`` except ``value`` where ``denominator(counts)`` is 0 (a mistake model)."""
    return lambda *c: value if denominator(*c) == 0 else metric(*c)


# ---------------------------------------------------------------------- question 1

def _counts(rng, n):
    cases = [tuple(int(c) for c in rng.integers(0, 40, size=4)) for _case in range(n)]
    return cases + [(0, 0, 5, 5), (0, 5, 0, 5), (7, 0, 0, 0), (0, 0, 0, 9), (1, 0, 0, 1),
                    (0, 0, 0, 0)]


def _precision_mistakes():
    r = reference
    return [
        Mistake(r.recall, "{call} returned {got} = TP / (TP + FN): that divides by the actual "
                "positives, which is recall. Precision divides by the predicted positives, "
                "TP + FP (expected {expected})."),
        Mistake(_undefined_as(r.precision, lambda tp, fp, fn, tn: tp + fp, float("nan")),
                "{call} returned nan: nothing is predicted positive (TP + FP = 0). Return 0.0 "
                "then, as scikit-learn does by default (zero_division), not nan."),
        Mistake(_undefined_as(r.precision, lambda tp, fp, fn, tn: tp + fp, 1.0),
                "{call} returned 1.0 where nothing is predicted positive (TP + FP = 0). The "
                "metric is undefined there, and this homework's convention is 0.0."),
        Mistake(lambda tp, fp, fn, tn: 100 * r.precision(tp, fp, fn, tn),
                "{call} returned {got}, a percentage. Return the share as a number between 0 "
                "and 1 ({expected})."),
        Mistake(lambda tp, fp, fn, tn: tp // (tp + fp) if tp + fp else 0.0,
                "{call} returned {got}: `//` is integer (floor) division and drops the "
                "fraction. Use `/` (expected {expected})."),
        Mistake(lambda tp, fp, fn, tn: _ratio(tp, tp + fp + fn + tn),
                "{call} returned {got} = TP / (all samples). Precision divides by the "
                "predicted positives only, TP + FP (expected {expected})."),
    ]


def _recall_mistakes():
    r = reference
    return [
        Mistake(r.precision, "{call} returned {got} = TP / (TP + FP): that divides by the "
                "predicted positives, which is precision. Recall divides by the actual "
                "positives, TP + FN (expected {expected})."),
        Mistake(_undefined_as(r.recall, lambda tp, fp, fn, tn: tp + fn, float("nan")),
                "{call} returned nan: there are no actual positives (TP + FN = 0). Return 0.0 "
                "then, as scikit-learn does by default (zero_division), not nan."),
        Mistake(_undefined_as(r.recall, lambda tp, fp, fn, tn: tp + fn, 1.0),
                "{call} returned 1.0 where there are no actual positives (TP + FN = 0). The "
                "metric is undefined there, and this homework's convention is 0.0."),
        Mistake(lambda tp, fp, fn, tn: 100 * r.recall(tp, fp, fn, tn),
                "{call} returned {got}, a percentage. Return the share as a number between 0 "
                "and 1 ({expected})."),
        Mistake(lambda tp, fp, fn, tn: tp // (tp + fn) if tp + fn else 0.0,
                "{call} returned {got}: `//` is integer (floor) division and drops the "
                "fraction. Use `/` (expected {expected})."),
        Mistake(r.specificity, "{call} returned {got} = TN / (TN + FP): that is specificity, "
                "the share of the actual negatives called negative. Recall is "
                "TP / (TP + FN) (expected {expected})."),
    ]


def q1_public(precision, recall):
    """Question 1 on the lecture's example (TP=3, FP=2, FN=1, TN=3) and both 0/0 cases."""
    precision = Student(precision, "precision", "1")
    recall = Student(recall, "recall", "1")
    compare_with_reference(recall, reference.recall, [(3, 2, 1, 3), (0, 3, 0, 7)],
                           mistakes=_recall_mistakes(), hints=ZERO_DIVISION,
                           why="Recall = TP / (TP + FN), and 0.0 when TP + FN = 0.")
    compare_with_reference(precision, reference.precision, [(3, 2, 1, 3), (0, 0, 4, 6)],
                           mistakes=_precision_mistakes(), hints=ZERO_DIVISION,
                           why="Precision = TP / (TP + FP), and 0.0 when TP + FP = 0.")


def q1_hidden(precision, recall, *, seed):
    """Question 1 on counts drawn from ``seed``, the edge cases and all-zero counts."""
    cases = _counts(np.random.default_rng(seed), 30)
    compare_with_reference(Student(precision, "precision", "1"), reference.precision, cases,
                           mistakes=_precision_mistakes(), hints=ZERO_DIVISION,
                           why="Precision = TP / (TP + FP), and 0.0 when TP + FP = 0.")
    compare_with_reference(Student(recall, "recall", "1"), reference.recall, cases,
                           mistakes=_recall_mistakes(), hints=ZERO_DIVISION,
                           why="Recall = TP / (TP + FN), and 0.0 when TP + FN = 0.")


# ---------------------------------------------------------------------- question 2

def _specificity_mistakes():
    r = reference
    return [
        Mistake(lambda tp, fp, fn, tn: _ratio(tn, tn + fn),
                "{call} returned {got} = TN / (TN + FN): that divides by the predicted "
                "negatives (the negative predictive value). Specificity divides by the actual "
                "negatives, TN + FP (expected {expected})."),
        Mistake(lambda tp, fp, fn, tn: _ratio(fp, fp + tn),
                "{call} returned {got} = FP / (FP + TN), the false-positive rate. Specificity "
                "is its complement, TN / (TN + FP) (expected {expected})."),
        Mistake(r.recall, "{call} returned {got} = TP / (TP + FN), which is recall (the "
                "positives found). Specificity is the negatives found: TN / (TN + FP) "
                "(expected {expected})."),
        Mistake(_undefined_as(r.specificity, lambda tp, fp, fn, tn: tn + fp, float("nan")),
                "{call} returned nan: there are no actual negatives (TN + FP = 0). Return 0.0 "
                "then, as scikit-learn does by default (zero_division), not nan."),
        Mistake(_undefined_as(r.specificity, lambda tp, fp, fn, tn: tn + fp, 1.0),
                "{call} returned 1.0 where there are no actual negatives (TN + FP = 0). The "
                "metric is undefined there, and this homework's convention is 0.0."),
    ]


def q2_public(specificity):
    """Question 2: TP=7, FP=3, FN=1, TN=9 gives 9/12; no actual negatives gives 0.0."""
    compare_with_reference(Student(specificity, "specificity", "2"), reference.specificity,
                           [(7, 3, 1, 9), (5, 0, 2, 0)], mistakes=_specificity_mistakes(),
                           hints=ZERO_DIVISION,
                           why="Specificity = TN / (TN + FP), and 0.0 when TN + FP = 0.")


def q2_hidden(specificity, *, seed):
    compare_with_reference(Student(specificity, "specificity", "2"), reference.specificity,
                           _counts(np.random.default_rng(seed), 30),
                           mistakes=_specificity_mistakes(), hints=ZERO_DIVISION,
                           why="Specificity = TN / (TN + FP), and 0.0 when TN + FP = 0.")


# ---------------------------------------------------------------------- question 3

def _f_beta_mistakes():
    r = reference

    def beta_not_squared(tp, fp, fn, tn, beta):
        return _ratio((1 + beta) * tp, (1 + beta) * tp + beta * fn + fp)

    def weighs_precision(tp, fp, fn, tn, beta):
        return r.f_beta(tp, fp, fn, tn, 1 / beta)

    def arithmetic_mean(tp, fp, fn, tn, beta):
        p, rc = r.precision(tp, fp, fn, tn), r.recall(tp, fp, fn, tn)
        return _ratio(p + beta ** 2 * rc, 1 + beta ** 2)

    return [
        Mistake(beta_not_squared, "{call} returned {got}: the formula uses β where it needs "
                "β²: the weights are 1 + β² and β² (expected {expected})."),
        Mistake(weighs_precision, "{call} returned {got}: β weighs precision instead of "
                "recall (β² multiplies R instead of P in the denominator). F-beta with β > 1 "
                "favours recall: (1 + β²) P R / (β² P + R) (expected {expected})."),
        Mistake(arithmetic_mean, "{call} returned {got}, a weighted arithmetic mean of "
                "precision and recall. F-beta is a weighted *harmonic* mean, "
                "(1 + β²) P R / (β² P + R), which stays low when either is low "
                "(expected {expected})."),
        Mistake(lambda tp, fp, fn, tn, beta: float("nan") if tp + fp + fn == 0
                else r.f_beta(tp, fp, fn, tn, beta),
                "{call} returned nan: with TP = FP = FN = 0 the score is undefined, and the "
                "convention is 0.0."),
    ]


def _f1_mistakes():
    r = reference
    return [
        Mistake(lambda tp, fp, fn, tn: (r.precision(tp, fp, fn, tn) + r.recall(tp, fp, fn, tn)) / 2,
                "{call} returned {got} = (P + R) / 2, the arithmetic mean of precision and "
                "recall. F1 is their harmonic mean, 2 P R / (P + R) (expected {expected}), "
                "which stays low when either of the two is low."),
        Mistake(lambda tp, fp, fn, tn: float("nan") if tp + fp + fn == 0 else r.f1(tp, fp, fn, tn),
                "{call} returned nan: with TP = FP = FN = 0 the score is undefined, and the "
                "convention is 0.0."),
        Mistake(lambda tp, fp, fn, tn: _ratio(2 * tp, 2 * tp + fn + fp + tn),
                "{call} returned {got}: the denominator counts the true negatives. F1 never "
                "looks at TN: 2 TP / (2 TP + FP + FN) (expected {expected})."),
    ]


_F_CASES = [(3, 2, 1, 3, 2), (3, 2, 1, 3, 0.5), (3, 2, 1, 3, 1)]


def _check_f_scores(f_beta, f1, f_beta_cases, f1_cases):
    f_beta = Student(f_beta, "f_beta", "3")
    f1 = Student(f1, "f1", "3")
    # Question 3 may call question 1's functions: it is checked with the right ones, so a
    # mistake in question 1 is charged there only.
    with reference_names(f_beta.function, precision=reference.precision,
                         recall=reference.recall), \
            reference_names(f1.function, f_beta=reference.f_beta):
        compare_with_reference(f1, reference.f1, f1_cases, mistakes=_f1_mistakes(),
                               hints=ZERO_DIVISION,
                               why="F1 = 2 TP / (2 TP + FP + FN), the harmonic mean of "
                                   "precision and recall; 0.0 when TP = FP = FN = 0.")
    with reference_names(f_beta.function, precision=reference.precision,
                         recall=reference.recall):
        compare_with_reference(f_beta, reference.f_beta, f_beta_cases,
                               mistakes=_f_beta_mistakes(), hints=ZERO_DIVISION,
                               why="F-beta = (1 + β²) TP / ((1 + β²) TP + β² FN + FP); 0.0 "
                                   "when TP = FP = FN = 0.")


def q3_public(f_beta, f1):
    """Question 3 on the lecture's example: F1 = 2/3, F2 = 0.7143, F0.5 = 0.625."""
    _check_f_scores(f_beta, f1, _F_CASES + [(0, 0, 0, 10, 2)], [(3, 2, 1, 3), (0, 0, 0, 10)])


def q3_hidden(f_beta, f1, *, seed):
    rng = np.random.default_rng(seed)
    counts = _counts(rng, 20)
    f_beta_cases = [(*c, beta) for c in counts for beta in (0.5, 1, 2, 3)]
    _check_f_scores(f_beta, f1, f_beta_cases, counts)


# ---------------------------------------------------------------------- question 4

def per_class_counts(y_true, y_pred):
    """(TP, FP, FN, TN) of each class, one class against the rest, in sorted label order."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    counts = []
    for label in np.union1d(y_true, y_pred):
        actual, predicted = y_true == label, y_pred == label
        counts.append((int(np.sum(actual & predicted)), int(np.sum(~actual & predicted)),
                       int(np.sum(actual & ~predicted)), int(np.sum(~actual & ~predicted))))
    return counts


def _average_mistakes():
    r = reference

    def weighted(per_class):
        per_class = np.asarray(per_class, dtype=float)
        support = per_class[:, 0] + per_class[:, 2]
        return float(np.average([r.f1(*c) for c in per_class], weights=support))

    def mean_of_nonzero(per_class):
        scores = [r.f1(*c) for c in per_class]
        kept = [s for s in scores if s > 0]
        return float(np.mean(kept)) if kept else 0.0

    def f1_of_mean_p_and_r(per_class):
        p = np.mean([r.precision(*c) for c in per_class])
        rc = np.mean([r.recall(*c) for c in per_class])
        return _ratio(2 * p * rc, p + rc)

    def micro_with_tn(per_class):
        tp, fp, fn, tn = np.sum(np.asarray(per_class, dtype=float), axis=0)
        return _ratio(tp + tn, tp + fp + fn + tn)

    return {
        "weighted": Mistake(weighted, "{call} returned {got}, the per-class F1 scores weighted "
                            "by class size (scikit-learn's average='weighted'). Macro gives every "
                            "class the same weight: their plain mean is {expected}."),
        "nonzero": Mistake(mean_of_nonzero, "{call} returned {got}: it leaves out the classes "
                           "whose F1 is 0. Macro averaging keeps every class, and a class the "
                           "model never gets right counts as 0 (expected {expected})."),
        "p_and_r": Mistake(f1_of_mean_p_and_r, "{call} returned {got}, the F1 of the mean "
                           "precision and the mean recall. Macro F1 is the mean of the "
                           "per-class F1 scores (expected {expected})."),
        "accuracy": Mistake(micro_with_tn, "{call} returned {got} = (TP + TN) / all counts: "
                            "the summed true negatives do not belong in F1. Add up TP, FP and "
                            "FN over the classes and compute one F1 from them "
                            "(expected {expected})."),
        "macro": Mistake(r.macro_f1, "{call} returned {got}, the mean of the per-class F1 "
                         "scores: that is the macro average. Micro averaging first adds up TP, "
                         "FP and FN over the classes and computes one F1 from these totals "
                         "(expected {expected})."),
        "micro": Mistake(r.micro_f1, "{call} returned {got}, the F1 of the summed counts: "
                         "that is the micro average. Macro averaging computes F1 for each "
                         "class and takes their plain mean (expected {expected})."),
    }


def _check_averages(micro_f1, macro_f1, tables):
    micro_f1 = Student(micro_f1, "micro_f1", "4")
    macro_f1 = Student(macro_f1, "macro_f1", "4")
    m = _average_mistakes()
    names = dict(f1=reference.f1, f_beta=reference.f_beta, precision=reference.precision,
                 recall=reference.recall)
    with reference_names(micro_f1.function, **names):
        compare_with_reference(micro_f1, reference.micro_f1, [(t,) for t in tables],
                               mistakes=[m["macro"], m["accuracy"]], hints=ZERO_DIVISION,
                               why="Add up TP, FP and FN over the classes, then compute F1 "
                                   "from the totals.")
        compare_with_reference(macro_f1, reference.macro_f1, [(t,) for t in tables],
                               mistakes=[m["micro"], m["weighted"], m["nonzero"], m["p_and_r"]],
                               hints=ZERO_DIVISION,
                               why="Compute F1 for each class (0.0 for a class with "
                                   "TP = FP = FN = 0) and take their plain mean.")


TRIAGE_TRUE = [0] * 14 + [1] * 4 + [2] * 2
TRIAGE_PRED = [0] * 12 + [1] * 4 + [0] * 2 + [2, 1]


def q4_public(micro_f1, macro_f1):
    """Question 4 on the triage example, and on a table with a class whose F1 is 0."""
    triage = per_class_counts(TRIAGE_TRUE, TRIAGE_PRED)
    # Class 2 is never predicted right: its F1 is 0 and macro averaging must keep it.
    missed_class = per_class_counts([0, 0, 0, 1, 1, 2, 2], [0, 0, 1, 1, 1, 0, 1])
    _check_averages(micro_f1, macro_f1, [triage, missed_class])


def q4_hidden(micro_f1, macro_f1, *, seed):
    rng = np.random.default_rng(seed)
    tables = []
    for size in (12, 40, 200):
        y_true = rng.choice(4, size=size, p=[0.55, 0.25, 0.15, 0.05])
        y_pred = np.where(rng.random(size) < 0.7, y_true, rng.choice(4, size=size))
        tables.append(per_class_counts(y_true, y_pred))
    # As lists of lists and as an array: the question does not fix the container.
    tables.append([list(c) for c in per_class_counts([0, 1, 2, 2, 1], [0, 2, 2, 1, 1])])
    tables.append(np.array(per_class_counts([0, 0, 1, 1, 2, 2], [0, 1, 1, 0, 0, 0])))
    _check_averages(micro_f1, macro_f1, tables)


# ---------------------------------------------------------------------- question 5

def _read_predictions(value, call):
    try:
        arr = np.asarray(value)
    except Exception:  # noqa: BLE001
        fail("{call} returned {value}; return an array of 0 and 1, one per score.",
             call=call, value=describe(value))
    if arr.dtype.kind not in "biuf" or arr.ndim != 1:
        fail("{call} returned {value}; return a 1-D array of 0 and 1, one per score.",
             call=call, value=describe(value))
    if not np.all((arr == 0) | (arr == 1)):
        fail("{call} returned {value}; every prediction must be 1 (positive) or 0 "
             "(negative).", call=call, value=describe(value))
    return tuple(int(v) for v in arr)


PREDICTIONS = Answer(_read_predictions, lambda a, b: a == b, sequence_pair)


def _read_counts(value, call):
    try:
        items = [as_number(v, call) for v in value]
    except TypeError:
        items = None
    if items is None or len(items) != 4 or any(v != int(v) for v in items):
        fail("{call} returned {value}; return the four counts (tp, fp, fn, tn) as whole "
             "numbers.", call=call, value=describe(value))
    return tuple(int(v) for v in items)


COUNTS = Answer(_read_counts, lambda a, b: a == b, lambda got, expected: (str(got), str(expected)))


def _threshold_mistakes():
    strict = Mistake(lambda s, t: (np.asarray(s, dtype=float) > t).astype(int),
                     "{call} returned {got}: the scores equal to the threshold came out "
                     "negative, so the comparison is `score > threshold`. A score equal to "
                     "the threshold counts as positive (score >= threshold), as in "
                     "scikit-learn and lecturelib (expected {expected}).")
    fixed = Mistake(lambda s, t: (np.asarray(s, dtype=float) >= 0.5).astype(int),
                    "{call} returned {got}, the predictions at 0.5 whatever the threshold: "
                    "compare the scores with the `threshold` argument (expected {expected}).")
    flipped = Mistake(lambda s, t: (np.asarray(s, dtype=float) < t).astype(int),
                      "{call} returned {got}: 1 where the score is *below* the threshold. A "
                      "high score means positive: 1 where score >= threshold "
                      "(expected {expected}).")
    return [strict, fixed, flipped]


def _count_mistakes():
    r = reference

    def swap(order):
        return lambda y, s, t: tuple(np.asarray(r.counts_at(y, s, t))[list(order)])

    return [
        Mistake(swap((0, 2, 1, 3)), "{call} returned {got}: FP and FN are swapped. A false "
                "positive is a negative called positive, a false negative a positive called "
                "negative (expected (tp, fp, fn, tn) = {expected})."),
        Mistake(swap((3, 1, 2, 0)), "{call} returned {got}: the counts in the order of "
                "confusion_matrix(...).ravel(), (tn, fp, fn, tp). This question asks for "
                "(tp, fp, fn, tn) = {expected}."),
        Mistake(lambda y, s, t: r.counts_at(y, (np.asarray(s, dtype=float) > t).astype(float)
                                            + 0.0, 0.5),
                "{call} returned {got}: the scores equal to the threshold were counted as "
                "negative (`score > threshold`). They are positive: score >= threshold "
                "(expected {expected})."),
    ]


_SCORES = [0.1, 0.4, 0.35, 0.8, 0.4, 0.65]
_LABELS = [0, 1, 0, 1, 0, 1]


def _check_thresholds(predict_at, counts_at, prediction_cases, count_cases):
    predict_at = Student(predict_at, "predict_at", "5")
    counts_at = Student(counts_at, "counts_at", "5")
    compare_with_reference(predict_at, reference.predict_at, prediction_cases,
                           answer=PREDICTIONS, mistakes=_threshold_mistakes(),
                           why="1 where score >= threshold, else 0.")
    with reference_names(counts_at.function, predict_at=reference.predict_at):
        compare_with_reference(counts_at, reference.counts_at, count_cases, answer=COUNTS,
                               mistakes=_count_mistakes(),
                               why="(tp, fp, fn, tn) with score >= threshold called "
                                   "positive.")


def q5_public(predict_at, counts_at):
    """Question 5: six scores, two exactly at the threshold 0.4, and the threshold 0.7."""
    scores = np.array(_SCORES)
    labels = np.array(_LABELS)
    _check_thresholds(predict_at, counts_at, [(scores, 0.4), (scores, 0.7)],
                      [(labels, scores, 0.4), (labels, scores, 0.7)])


def q5_hidden(predict_at, counts_at, *, seed):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, size=60)
    scores = np.round(rng.random(60), 1)          # rounded: many ties
    thresholds = (-np.inf, 0.0, 0.3, 0.5, 0.55, 0.9, 1.0, np.inf)
    # Lists as well as arrays: the question does not fix the type of the inputs.
    prediction_cases = [(scores, t) for t in thresholds] + [(list(_SCORES), 0.4)]
    count_cases = [(labels, scores, t) for t in thresholds] + [(list(_LABELS), list(_SCORES), 0.4)]
    _check_thresholds(predict_at, counts_at, prediction_cases, count_cases)


# ---------------------------------------------------------------------- question 6

def _cost_mistakes():
    r = reference
    return [
        Mistake(lambda y, s, t, cost_fn, cost_fp: r.total_cost(y, s, t, cost_fp, cost_fn),
                "{call} returned {got}: the FN and FP prices are swapped. Each false negative "
                "costs cost_fn, each false positive cost_fp (expected {expected})."),
        Mistake(lambda y, s, t, cost_fn, cost_fp: r.total_cost(y, s, t, 10, 1),
                "{call} returned {got}, the cost at 10 per FN and 1 per FP whatever the "
                "arguments say: use the `cost_fn` and `cost_fp` arguments, not fixed numbers "
                "(expected {expected})."),
        Mistake(lambda y, s, t, cost_fn, cost_fp: sum(r.counts_at(y, s, t)[1:3]),
                "{call} returned {got}, the number of mistakes FN + FP, each counted once. "
                "Weigh them: cost_fn × FN + cost_fp × FP (expected {expected})."),
    ]


def _check_total_cost(total_cost, cases):
    total_cost = Student(total_cost, "total_cost", "6")
    with reference_names(total_cost.function, counts_at=reference.counts_at,
                         predict_at=reference.predict_at):
        compare_with_reference(
            total_cost, lambda y, s, t, cost_fn, cost_fp: reference.total_cost(y, s, t, cost_fn,
                                                                               cost_fp),
            [((y, s, t), {"cost_fn": cf, "cost_fp": cp}) for y, s, t, cf, cp in cases],
            mistakes=[_keywords(m) for m in _cost_mistakes()],
            why="cost_fn × FN + cost_fp × FP at that threshold.")


def _keywords(mistake):
    model = mistake.model
    return Mistake(lambda y, s, t, cost_fn, cost_fp: model(y, s, t, cost_fn, cost_fp),
                   mistake.message)


def _check_best_threshold(best_threshold, y_val, val_scores, total_cost):
    if y_val is None or val_scores is None or len(val_scores) != 171 or len(y_val) != 171:
        fail("The validation data are missing or changed: run the cell that fits the model "
             "(before question 6) without changing it.")
    chosen = as_number(best_threshold, "best_threshold")
    candidates = np.unique(np.asarray(val_scores, dtype=float))

    def price(t, cost_fn=10, cost_fp=1):
        return reference.total_cost(y_val, val_scores, t, cost_fn, cost_fp)

    costs = np.array([price(t) for t in candidates])
    lowest, got = costs.min(), price(chosen)
    if got == lowest or _cheapest_by_own_costs(chosen, candidates, total_cost, y_val,
                                               val_scores):
        return
    if chosen == int(chosen) and 0 <= chosen < len(candidates) \
            and price(candidates[int(chosen)]) == lowest:
        fail("best_threshold is {t:g}, the position of the cheapest threshold in `candidates`, "
             "not the threshold itself: set it to the score at that position, "
             "candidates[{t:g}] = {score:.4f}.", t=chosen, score=candidates[int(chosen)])
    tp, fp, fn, tn = reference.counts_at(y_val, val_scores, chosen)
    plain = min(price(t, 1, 1) for t in candidates)
    if price(chosen, 1, 1) == plain:
        fail("At best_threshold = {t:.4f} the model makes the fewest mistakes "
             "(FN + FP = {n}), counting each mistake once. But a missed cancer costs ten false "
             "alarms: that threshold costs {got}, and the cheapest costs {lowest}.",
             t=chosen, n=fn + fp, got=int(got), lowest=int(lowest))
    if got == costs.max():
        fail("best_threshold = {t:.4f} has the highest total cost ({got}) of all candidates: "
             "take the threshold with the lowest cost (np.argmin, not np.argmax).",
             t=chosen, got=int(got))
    fail("At best_threshold = {t:.4f} there are FN = {fn} and FP = {fp}, a total cost of "
         "10 × {fn} + {fp} = {got}; the lowest cost over the validation scores is {lowest}.",
         t=chosen, fn=fn, fp=fp, got=int(got), lowest=int(lowest))


def _cheapest_by_own_costs(chosen, candidates, total_cost, y_val, val_scores):
    """Whether ``chosen`` is the cheapest candidate by the student's own ``total_cost`` (and
    the functions it calls): the search is then right, and a mistake in ``total_cost`` or
    ``counts_at`` is charged where it is made."""
    try:
        own = np.array([float(total_cost(y_val, val_scores, t)) for t in candidates])
    except Exception:  # noqa: BLE001 - a total_cost that fails is charged by its own check
        return False
    return bool(np.any(np.isclose(candidates[own == own.min()], chosen, rtol=0, atol=1e-12)))


def q6_public(total_cost, best_threshold, y_val, val_scores):
    """Question 6: total_cost on four samples, then best_threshold on the validation set."""
    y, s = np.array([1, 0, 1, 0]), np.array([0.9, 0.8, 0.3, 0.1])
    _check_total_cost(total_cost, [(y, s, 0.85, 10, 1), (y, s, 0.2, 10, 1),
                                   (y, s, 0.2, 3, 2)])
    _check_best_threshold(best_threshold, y_val, val_scores, total_cost)


def q6_hidden(total_cost, *, seed):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=50)
    s = np.round(rng.random(50), 2)
    _check_total_cost(total_cost, [(y, s, t, cf, cp) for cf, cp in ((3, 2), (1, 5), (10, 1))
                                   for t in (0.2, 0.5, 0.77)])

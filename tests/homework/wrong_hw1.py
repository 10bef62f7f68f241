"""Wrong solutions of homework 1 (confusion-matrix metrics, a threshold by cost) that its
checks must catch.

Each entry replaces the first answer cell of one question, in the otherwise solved notebook,
with the whole cell as a student could plausibly have left it, mistake included. At least one
check of that question must fail, and the feedback must contain ``message``: the words that
name the mistake (tests/test_homework.py).
"""

_PRECISION = '''def precision(tp, fp, fn, tn):
    """Share of the predicted positives that are actually positive (0.0 if there are none)."""
    return tp / (tp + fp) if tp + fp > 0 else 0.0
'''

_RECALL = '''def recall(tp, fp, fn, tn):
    """Share of the actual positives that the model finds (0.0 if there are none)."""
    return tp / (tp + fn) if tp + fn > 0 else 0.0
'''

_F1 = '''def f1(tp, fp, fn, tn):
    """F1 score: the harmonic mean of precision and recall."""
    return f_beta(tp, fp, fn, tn, beta=1)
'''

_MACRO = '''def macro_f1(per_class):
    """Unweighted mean of the per-class F1 scores."""
    return float(np.mean([f1(*counts) for counts in per_class]))
'''

_COUNTS_AT = '''def counts_at(y_true, scores, threshold):
    """(tp, fp, fn, tn) when the samples with score >= threshold are called positive."""
    predicted = predict_at(scores, threshold) == 1
    actual = np.asarray(y_true) == 1
    return (int(np.sum(actual & predicted)), int(np.sum(~actual & predicted)),
            int(np.sum(actual & ~predicted)), int(np.sum(~actual & ~predicted)))
'''

_TOTAL_COST = '''def total_cost(y_true, scores, threshold, cost_fn=COST_FN, cost_fp=COST_FP):
    """cost_fn per false negative plus cost_fp per false positive at `threshold`."""
    tp, fp, fn, tn = counts_at(y_true, scores, threshold)
    return cost_fn * fn + cost_fp * fp
'''

_SEARCH = '''

candidates = np.unique(val_scores)                    # every distinct score, ascending
costs = np.array([total_cost(y_val, val_scores, t) for t in candidates])
best_threshold = float(candidates[np.argmin(costs)])
'''

WRONG_SOLUTIONS = [
    # ---------------------------------------------------------------- q1
    {
        "question": "q1",
        "mistake": "recall divided by the predicted positives (TP + FP)",
        "code": _PRECISION + '''

def recall(tp, fp, fn, tn):
    """Share of the actual positives that the model finds (0.0 if there are none)."""
    return tp / (tp + fp) if tp + fp > 0 else 0.0
''',
        "message": "that divides by the predicted positives, which is precision",
    },
    {
        "question": "q1",
        "mistake": "precision divided by the actual positives (TP + FN)",
        "code": '''def precision(tp, fp, fn, tn):
    """Share of the predicted positives that are actually positive (0.0 if there are none)."""
    return tp / (tp + fn) if tp + fn > 0 else 0.0

''' + _RECALL,
        "message": "that divides by the actual positives, which is recall",
    },
    {
        "question": "q1",
        "mistake": "no zero-division rule: 0/0 raises ZeroDivisionError",
        "code": '''def precision(tp, fp, fn, tn):
    """Share of the predicted positives that are actually positive (0.0 if there are none)."""
    return tp / (tp + fp)


def recall(tp, fp, fn, tn):
    """Share of the actual positives that the model finds (0.0 if there are none)."""
    return tp / (tp + fn)
''',
        "message": "divided by zero",
    },
    {
        "question": "q1",
        "mistake": "0/0 returned as nan (NumPy division) instead of 0.0",
        "code": '''def precision(tp, fp, fn, tn):
    """Share of the predicted positives that are actually positive (0.0 if there are none)."""
    with np.errstate(invalid="ignore"):
        return float(np.float64(tp) / (tp + fp))


def recall(tp, fp, fn, tn):
    """Share of the actual positives that the model finds (0.0 if there are none)."""
    with np.errstate(invalid="ignore"):
        return float(np.float64(tp) / (tp + fn))
''',
        "message": "returned nan",
    },
    # ---------------------------------------------------------------- q2
    {
        "question": "q2",
        "mistake": "specificity divided by the predicted negatives (the NPV)",
        "code": '''def specificity(tp, fp, fn, tn):
    """Share of the actual negatives called negative (0.0 if there are none)."""
    return tn / (tn + fn) if tn + fn > 0 else 0.0
''',
        "message": "divides by the predicted negatives",
    },
    {
        "question": "q2",
        "mistake": "the false-positive rate FP / (FP + TN) instead of specificity",
        "code": '''def specificity(tp, fp, fn, tn):
    """Share of the actual negatives called negative (0.0 if there are none)."""
    return fp / (fp + tn) if fp + tn > 0 else 0.0
''',
        "message": "the false-positive rate",
    },
    # ---------------------------------------------------------------- q3
    {
        "question": "q3",
        "mistake": "F-beta with beta instead of beta squared",
        "code": '''def f_beta(tp, fp, fn, tn, beta):
    """F-beta score from the counts (0.0 when TP = FP = FN = 0)."""
    p, r = precision(tp, fp, fn, tn), recall(tp, fp, fn, tn)
    return (1 + beta) * p * r / (beta * p + r) if beta * p + r > 0 else 0.0

''' + _F1,
        "message": "uses β instead of β²",
    },
    {
        "question": "q3",
        "mistake": "F-beta that weighs precision, not recall, beta times as much",
        "code": '''def f_beta(tp, fp, fn, tn, beta):
    """F-beta score from the counts (0.0 when TP = FP = FN = 0)."""
    p, r = precision(tp, fp, fn, tn), recall(tp, fp, fn, tn)
    denominator = beta ** 2 * r + p
    return (1 + beta ** 2) * p * r / denominator if denominator > 0 else 0.0

''' + _F1,
        "message": "β weighs precision instead of recall",
    },
    {
        "question": "q3",
        "mistake": "F1 as the arithmetic mean of precision and recall",
        "code": '''def f_beta(tp, fp, fn, tn, beta):
    """F-beta score from the counts (0.0 when TP = FP = FN = 0)."""
    weight = beta ** 2
    denominator = (1 + weight) * tp + weight * fn + fp
    return (1 + weight) * tp / denominator if denominator > 0 else 0.0


def f1(tp, fp, fn, tn):
    """F1 score: the harmonic mean of precision and recall."""
    return (precision(tp, fp, fn, tn) + recall(tp, fp, fn, tn)) / 2
''',
        "message": "the arithmetic mean of precision and recall",
    },
    # ---------------------------------------------------------------- q4
    {
        "question": "q4",
        "mistake": "macro averaging where micro is asked",
        "code": '''def micro_f1(per_class):
    """F1 from the counts summed over the classes."""
    return float(np.mean([f1(*counts) for counts in per_class]))

''' + _MACRO,
        "message": "that is the macro average",
    },
    {
        "question": "q4",
        "mistake": "macro F1 weighted by class size (scikit-learn's 'weighted')",
        "code": '''def micro_f1(per_class):
    """F1 from the counts summed over the classes."""
    tp, fp, fn, tn = np.sum(np.asarray(per_class, dtype=float), axis=0)
    return f1(tp, fp, fn, tn)


def macro_f1(per_class):
    """Unweighted mean of the per-class F1 scores."""
    support = [tp + fn for tp, fp, fn, tn in per_class]
    return float(np.average([f1(*counts) for counts in per_class], weights=support))
''',
        "message": "weighted by class size",
    },
    # ---------------------------------------------------------------- q5
    {
        "question": "q5",
        "mistake": "`>` for `>=` at the threshold",
        "code": '''def predict_at(scores, threshold):
    """1 where score >= threshold, else 0."""
    return (np.asarray(scores) > threshold).astype(int)

''' + _COUNTS_AT,
        "message": "A score equal to the threshold counts as positive",
    },
    {
        "question": "q5",
        "mistake": "FP and FN swapped in the counts",
        "code": '''def predict_at(scores, threshold):
    """1 where score >= threshold, else 0."""
    return (np.asarray(scores) >= threshold).astype(int)


def counts_at(y_true, scores, threshold):
    """(tp, fp, fn, tn) when the samples with score >= threshold are called positive."""
    predicted = predict_at(scores, threshold) == 1
    actual = np.asarray(y_true) == 1
    return (int(np.sum(actual & predicted)), int(np.sum(actual & ~predicted)),
            int(np.sum(~actual & predicted)), int(np.sum(~actual & ~predicted)))
''',
        "message": "FP and FN are swapped",
    },
    # ---------------------------------------------------------------- q6
    {
        "question": "q6",
        "mistake": "the threshold with the fewest mistakes, each counted once",
        "code": _TOTAL_COST + '''

candidates = np.unique(val_scores)                    # every distinct score, ascending
mistakes = [sum(counts_at(y_val, val_scores, t)[1:3]) for t in candidates]
best_threshold = float(candidates[np.argmin(mistakes)])
''',
        "message": "counting each mistake once",
    },
    {
        "question": "q6",
        "mistake": "costs of FN and FP swapped in total_cost",
        "code": '''def total_cost(y_true, scores, threshold, cost_fn=COST_FN, cost_fp=COST_FP):
    """cost_fn per false negative plus cost_fp per false positive at `threshold`."""
    tp, fp, fn, tn = counts_at(y_true, scores, threshold)
    return cost_fp * fn + cost_fn * fp
''' + _SEARCH,
        "message": "the FN and FP costs are swapped",
    },
    {
        "question": "q6",
        "mistake": "total_cost with the prices 10 and 1 written in, ignoring its arguments",
        "code": '''def total_cost(y_true, scores, threshold, cost_fn=COST_FN, cost_fp=COST_FP):
    """cost_fn per false negative plus cost_fp per false positive at `threshold`."""
    tp, fp, fn, tn = counts_at(y_true, scores, threshold)
    return 10 * fn + 1 * fp
''' + _SEARCH,
        "message": "use the cost_fn and cost_fp arguments",
    },
    {
        "question": "q6",
        "mistake": "np.argmax for np.argmin: the most expensive threshold",
        "code": _TOTAL_COST + '''

candidates = np.unique(val_scores)                    # every distinct score, ascending
costs = np.array([total_cost(y_val, val_scores, t) for t in candidates])
best_threshold = float(candidates[np.argmax(costs)])
''',
        "message": "has the highest total cost",
    },
]

"""Wrong answers to homework 1 (confusion-matrix metrics, a threshold by cost), as students
write them; its checks must catch each one.

Each entry replaces the first answer cell of one question, in the otherwise solved notebook,
with the whole cell as a student could plausibly have left it, mistake included. The question
must then lose at least half of its points, and its feedback must contain ``message``: the
words that name the mistake (tests/test_homework.py).
"""

_PRECISION = '''def precision(tp, fp, fn, tn):
    return tp / (tp + fp) if tp + fp > 0 else 0.0
'''

_RECALL = '''def recall(tp, fp, fn, tn):
    return tp / (tp + fn) if tp + fn > 0 else 0.0
'''

_F1 = '''

def f1(tp, fp, fn, tn):
    return f_beta(tp, fp, fn, tn, beta=1)
'''

_MICRO = '''def micro_f1(per_class):
    tp, fp, fn, tn = np.sum(np.asarray(per_class, dtype=float), axis=0)
    return f1(tp, fp, fn, tn)

'''

_PREDICT_AT = '''def predict_at(scores, threshold):
    return (np.asarray(scores) >= threshold).astype(int)

'''

_TOTAL_COST = '''def total_cost(y_true, scores, threshold, cost_fn=COST_FN, cost_fp=COST_FP):
    tp, fp, fn, tn = counts_at(y_true, scores, threshold)
    return cost_fn * fn + cost_fp * fp


candidates = np.unique(val_scores)
costs = np.array([total_cost(y_val, val_scores, t) for t in candidates])
'''

WRONG_SOLUTIONS = [
    # ---------------------------------------------------------------- q1
    {"question": "q1", "mistake": "recall divided by the predicted positives (TP + FP)",
     "code": _PRECISION + '''

def recall(tp, fp, fn, tn):
    # share of positives that are found
    return tp / (tp + fp) if (tp + fp) else 0.0
''', "message": "that divides by the predicted positives, which is precision"},
    {"question": "q1", "mistake": "precision divided by the actual positives (TP + FN)",
     "code": '''def precision(tp, fp, fn, tn):
    total = tp + fn
    if total == 0:
        return 0.0
    return tp / total

''' + _RECALL, "message": "that divides by the actual positives, which is recall"},
    {"question": "q1", "mistake": "no zero-division rule: 0/0 raises ZeroDivisionError",
     "code": '''def precision(tp, fp, fn, tn):
    return tp / (tp + fp)


def recall(tp, fp, fn, tn):
    return tp / (tp + fn)
''', "message": "raised ZeroDivisionError"},
    {"question": "q1", "mistake": "0/0 returned as nan by NumPy division",
     "code": '''def precision(tp, fp, fn, tn):
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(np.float64(tp) / (tp + fp))


def recall(tp, fp, fn, tn):
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(np.float64(tp) / (tp + fn))
''', "message": "returned nan"},
    {"question": "q1", "mistake": "an undefined precision reported as 1.0 (nothing predicted, nothing wrong)",
     "code": '''def precision(tp, fp, fn, tn):
    if tp + fp == 0:
        return 1.0  # no positive predictions, so no false alarms
    return tp / (tp + fp)


''' + _RECALL, "message": "returned 1.0 where nothing is predicted positive"},
    {"question": "q1", "mistake": "percentages instead of shares",
     "code": '''def precision(tp, fp, fn, tn):
    return 100 * tp / (tp + fp) if tp + fp else 0.0


def recall(tp, fp, fn, tn):
    return 100 * tp / (tp + fn) if tp + fn else 0.0
''', "message": "a percentage"},
    {"question": "q1", "mistake": "integer division",
     "code": '''def precision(tp, fp, fn, tn):
    return tp // (tp + fp) if tp + fp else 0.0


def recall(tp, fp, fn, tn):
    return tp // (tp + fn) if tp + fn else 0.0
''', "message": "integer (floor) division"},
    {"question": "q1", "mistake": "the zero-division case handled by an except that returns nothing",
     "code": '''def precision(tp, fp, fn, tn):
    try:
        return tp / (tp + fp)
    except ZeroDivisionError:
        print("precision is undefined")


def recall(tp, fp, fn, tn):
    try:
        return tp / (tp + fn)
    except ZeroDivisionError:
        print("recall is undefined")
''', "message": "returned None"},
    # ---------------------------------------------------------------- q2
    {"question": "q2", "mistake": "specificity divided by the predicted negatives (the NPV)",
     "code": '''def specificity(tp, fp, fn, tn):
    return tn / (tn + fn) if tn + fn > 0 else 0.0
''', "message": "negative predictive value"},
    {"question": "q2", "mistake": "the false-positive rate instead of specificity",
     "code": '''def specificity(tp, fp, fn, tn):
    negatives = fp + tn
    return fp / negatives if negatives else 0.0
''', "message": "the false-positive rate"},
    {"question": "q2", "mistake": "no guard for a table without negatives",
     "code": '''def specificity(tp, fp, fn, tn):
    return tn / (tn + fp)
''', "message": "raised ZeroDivisionError"},
    {"question": "q2", "mistake": "recall written where specificity is asked",
     "code": '''def specificity(tp, fp, fn, tn):
    return tp / (tp + fn) if tp + fn else 0.0
''', "message": "which is recall"},
    # ---------------------------------------------------------------- q3
    {"question": "q3", "mistake": "F-beta with beta instead of beta squared",
     "code": '''def f_beta(tp, fp, fn, tn, beta):
    denominator = (1 + beta) * tp + beta * fn + fp
    return (1 + beta) * tp / denominator if denominator else 0.0
''' + _F1, "message": "uses β where it needs β²"},
    {"question": "q3", "mistake": "beta squared on precision's side",
     "code": '''def f_beta(tp, fp, fn, tn, beta):
    p = precision(tp, fp, fn, tn)
    r = recall(tp, fp, fn, tn)
    if p == 0 and r == 0:
        return 0.0
    return (1 + beta**2) * p * r / (p + beta**2 * r)
''' + _F1, "message": "β weighs precision instead of recall"},
    {"question": "q3", "mistake": "F1 as the arithmetic mean of precision and recall",
     "code": '''def f_beta(tp, fp, fn, tn, beta):
    b2 = beta ** 2
    denominator = (1 + b2) * tp + b2 * fn + fp
    return (1 + b2) * tp / denominator if denominator > 0 else 0.0


def f1(tp, fp, fn, tn):
    return (precision(tp, fp, fn, tn) + recall(tp, fp, fn, tn)) / 2
''', "message": "the arithmetic mean of precision and"},
    {"question": "q3", "mistake": "F1 with the true negatives in the denominator",
     "code": '''def f_beta(tp, fp, fn, tn, beta):
    b2 = beta ** 2
    denominator = (1 + b2) * tp + b2 * fn + fp
    return (1 + b2) * tp / denominator if denominator > 0 else 0.0


def f1(tp, fp, fn, tn):
    return 2 * tp / (2 * tp + fp + fn + tn)
''', "message": "the denominator counts the true negatives"},
    {"question": "q3", "mistake": "F-beta from P and R with no guard for P = R = 0",
     "code": '''def f_beta(tp, fp, fn, tn, beta):
    p = precision(tp, fp, fn, tn)
    r = recall(tp, fp, fn, tn)
    return (1 + beta**2) * p * r / (beta**2 * p + r)
''' + _F1, "message": "raised ZeroDivisionError"},
    # ---------------------------------------------------------------- q4
    {"question": "q4", "mistake": "micro F1 computed as the mean of the per-class F1 (macro)",
     "code": '''def micro_f1(per_class):
    scores = [f1(tp, fp, fn, tn) for tp, fp, fn, tn in per_class]
    return sum(scores) / len(scores)


def macro_f1(per_class):
    return float(np.mean([f1(*counts) for counts in per_class]))
''', "message": "that is the macro average"},
    {"question": "q4", "mistake": "macro F1 computed from the summed counts (micro)",
     "code": _MICRO + '''def macro_f1(per_class):
    totals = np.array(per_class).sum(axis=0)
    return f1(*totals)
''', "message": "that is the micro average"},
    {"question": "q4", "mistake": "macro F1 weighted by class size",
     "code": _MICRO + '''def macro_f1(per_class):
    per_class = np.asarray(per_class)
    support = per_class[:, 0] + per_class[:, 2]          # TP + FN = examples of the class
    scores = np.array([f1(*c) for c in per_class])
    return float(np.sum(scores * support) / np.sum(support))
''', "message": "weighted by class size"},
    {"question": "q4", "mistake": "classes with F1 = 0 left out of the macro mean",
     "code": _MICRO + '''def macro_f1(per_class):
    scores = [f1(*c) for c in per_class]
    scores = [s for s in scores if s > 0]   # skip classes that never scored
    return float(np.mean(scores))
''', "message": "leaves out the classes whose F1 is 0"},
    {"question": "q4", "mistake": "macro F1 as the F1 of the mean precision and mean recall",
     "code": _MICRO + '''def macro_f1(per_class):
    p = np.mean([precision(*c) for c in per_class])
    r = np.mean([recall(*c) for c in per_class])
    return 2 * p * r / (p + r)
''', "message": "the F1 of the mean precision and the mean recall"},
    {"question": "q4", "mistake": "micro F1 counting the summed true negatives (accuracy)",
     "code": '''def micro_f1(per_class):
    tp, fp, fn, tn = np.sum(per_class, axis=0)
    return (tp + tn) / (tp + fp + fn + tn)


def macro_f1(per_class):
    return float(np.mean([f1(*counts) for counts in per_class]))
''', "message": "do not belong in F1"},
    # ---------------------------------------------------------------- q5
    {"question": "q5", "mistake": "`>` for `>=` at the threshold",
     "code": '''def predict_at(scores, threshold):
    return (np.asarray(scores) > threshold).astype(int)


def counts_at(y_true, scores, threshold):
    actual = np.asarray(y_true) == 1
    predicted = predict_at(scores, threshold) == 1
    return (int(np.sum(actual & predicted)), int(np.sum(~actual & predicted)),
            int(np.sum(actual & ~predicted)), int(np.sum(~actual & ~predicted)))
''', "message": "so the comparison is `score > threshold`"},
    {"question": "q5", "mistake": "the threshold argument ignored: always 0.5",
     "code": '''def predict_at(scores, threshold):
    return np.where(np.asarray(scores) >= 0.5, 1, 0)


def counts_at(y_true, scores, threshold):
    actual = np.asarray(y_true) == 1
    predicted = predict_at(scores, threshold) == 1
    return (int(np.sum(actual & predicted)), int(np.sum(~actual & predicted)),
            int(np.sum(actual & ~predicted)), int(np.sum(~actual & ~predicted)))
''', "message": "the predictions at 0.5 whatever the threshold"},
    {"question": "q5", "mistake": "1 for scores below the threshold",
     "code": '''def predict_at(scores, threshold):
    return (np.asarray(scores) < threshold).astype(int)


def counts_at(y_true, scores, threshold):
    actual = np.asarray(y_true) == 1
    predicted = predict_at(scores, threshold) == 1
    return (int(np.sum(actual & predicted)), int(np.sum(~actual & predicted)),
            int(np.sum(actual & ~predicted)), int(np.sum(~actual & ~predicted)))
''', "message": "*below* the threshold"},
    {"question": "q5", "mistake": "FP and FN swapped in the counts",
     "code": _PREDICT_AT + '''def counts_at(y_true, scores, threshold):
    y_true = np.asarray(y_true)
    y_pred = predict_at(scores, threshold)
    tp = np.sum((y_true == 1) & (y_pred == 1))
    fn = np.sum((y_true == 0) & (y_pred == 1))
    fp = np.sum((y_true == 1) & (y_pred == 0))
    tn = np.sum((y_true == 0) & (y_pred == 0))
    return tp, fp, fn, tn
''', "message": "FP and FN are swapped"},
    {"question": "q5", "mistake": "the counts in scikit-learn's ravel order (tn, fp, fn, tp)",
     "code": _PREDICT_AT + '''from sklearn.metrics import confusion_matrix


def counts_at(y_true, scores, threshold):
    return tuple(confusion_matrix(y_true, predict_at(scores, threshold), labels=[0, 1]).ravel())
''', "message": "ravel()"},
    # ---------------------------------------------------------------- q6
    {"question": "q6", "mistake": "costs of FN and FP swapped in total_cost",
     "code": '''def total_cost(y_true, scores, threshold, cost_fn=COST_FN, cost_fp=COST_FP):
    tp, fp, fn, tn = counts_at(y_true, scores, threshold)
    return cost_fp * fn + cost_fn * fp


candidates = np.unique(val_scores)
costs = np.array([total_cost(y_val, val_scores, t) for t in candidates])
best_threshold = float(candidates[np.argmin(costs)])
''', "message": "prices are swapped"},
    {"question": "q6", "mistake": "total_cost with the prices 10 and 1 written in, ignoring its arguments",
     "code": '''def total_cost(y_true, scores, threshold, cost_fn=COST_FN, cost_fp=COST_FP):
    tp, fp, fn, tn = counts_at(y_true, scores, threshold)
    return 10 * fn + 1 * fp


candidates = np.unique(val_scores)
costs = np.array([total_cost(y_val, val_scores, t) for t in candidates])
best_threshold = float(candidates[np.argmin(costs)])
''', "message": "use the `cost_fn` and `cost_fp` arguments"},
    {"question": "q6", "mistake": "the number of mistakes, unweighted",
     "code": '''def total_cost(y_true, scores, threshold, cost_fn=COST_FN, cost_fp=COST_FP):
    tp, fp, fn, tn = counts_at(y_true, scores, threshold)
    return fn + fp


candidates = np.unique(val_scores)
costs = np.array([total_cost(y_val, val_scores, t) for t in candidates])
best_threshold = float(candidates[np.argmin(costs)])
''', "message": "each counted once"},
    {"question": "q6", "mistake": "np.argmax for np.argmin: the most expensive threshold",
     "code": _TOTAL_COST + "best_threshold = float(candidates[np.argmax(costs)])\n",
     "message": "np.argmin, not np.argmax"},
    {"question": "q6", "mistake": "the threshold with the fewest mistakes, each counted once",
     "code": _TOTAL_COST + '''mistakes = [total_cost(y_val, val_scores, t, cost_fn=1, cost_fp=1) for t in candidates]
best_threshold = float(candidates[np.argmin(mistakes)])
''', "message": "the fewest mistakes"},
    {"question": "q6", "mistake": "best_threshold set to the index of the cheapest candidate",
     "code": _TOTAL_COST + "best_threshold = int(np.argmin(costs))\n",
     "message": "the position of the cheapest threshold"},
]

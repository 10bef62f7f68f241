"""Right answers to homework 1 written in other ways than the solution: each must get full
marks from the full grader, public and hidden checks (tests/test_homework.py)."""

RIGHT_SOLUTIONS = [
    {"question": "q1", "way": "try/except around the division, NumPy floats returned",
     "code": '''def precision(tp, fp, fn, tn):
    try:
        return np.float64(tp) / np.float64(tp + fp) if tp + fp else np.float64(0)
    except ZeroDivisionError:
        return 0.0


def recall(tp, fp, fn, tn):
    if tp + fn == 0:
        return 0
    return tp / (tp + fn)
'''},
    {"question": "q1", "way": "NumPy division with the undefined case mapped to 0 afterwards",
     "code": '''def precision(tp, fp, fn, tn):
    with np.errstate(invalid="ignore"):
        value = np.divide(tp, tp + fp)
    return np.nan_to_num(value)          # a 0-d array: 0/0 -> 0


def recall(tp, fp, fn, tn):
    with np.errstate(invalid="ignore"):
        return np.array(np.nan_to_num(np.divide(tp, tp + fn)))
'''},
    {"question": "q2", "way": "an early return and an int 0",
     "code": '''def specificity(tp, fp, fn, tn):
    negatives = tn + fp
    if not negatives:
        return 0
    return tn / negatives
'''},
    {"question": "q3", "way": "F-beta from precision and recall, F1 written out",
     "code": '''def f_beta(tp, fp, fn, tn, beta):
    p, r = precision(tp, fp, fn, tn), recall(tp, fp, fn, tn)
    if beta**2 * p + r == 0:
        return 0.0
    return (1 + beta**2) * p * r / (beta**2 * p + r)


def f1(tp, fp, fn, tn):
    p, r = precision(tp, fp, fn, tn), recall(tp, fp, fn, tn)
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)
'''},
    {"question": "q4", "way": "plain loops and sum / len",
     "code": '''def micro_f1(per_class):
    tp = fp = fn = 0
    for c in per_class:
        tp += c[0]
        fp += c[1]
        fn += c[2]
    return f1(tp, fp, fn, 0)


def macro_f1(per_class):
    scores = []
    for tp, fp, fn, tn in per_class:
        scores.append(f1(tp, fp, fn, tn))
    return sum(scores) / len(scores)
'''},
    {"question": "q5", "way": "a list comprehension for the predictions, booleans for counting",
     "code": '''def predict_at(scores, threshold):
    return [1 if s >= threshold else 0 for s in scores]


def counts_at(y_true, scores, threshold):
    tp = fp = fn = tn = 0
    for truth, guess in zip(y_true, predict_at(scores, threshold)):
        if truth == 1 and guess == 1:
            tp += 1
        elif truth == 0 and guess == 1:
            fp += 1
        elif truth == 1:
            fn += 1
        else:
            tn += 1
    return tp, fp, fn, tn
'''},
    {"question": "q5", "way": "a boolean array for the predictions, NumPy ints in a list",
     "code": '''def predict_at(scores, threshold):
    return np.asarray(scores) >= threshold


def counts_at(y_true, scores, threshold):
    y = np.asarray(y_true).astype(bool)
    p = predict_at(scores, threshold)
    return [np.sum(y & p), np.sum(~y & p), np.sum(y & ~p), np.sum(~y & ~p)]
'''},
    {"question": "q6", "way": "min() over the candidates with a key; a NumPy float",
     "code": '''def total_cost(y_true, scores, threshold, cost_fn=COST_FN, cost_fp=COST_FP):
    _, fp, fn, _ = counts_at(y_true, scores, threshold)
    return fn * cost_fn + fp * cost_fp


candidates = np.unique(val_scores)
best_threshold = min(candidates, key=lambda t: total_cost(y_val, val_scores, t))
'''},
    {"question": "q6", "way": "masks and np.sum in total_cost; the last of tied thresholds, as a 0-d array",
     "code": '''def total_cost(y_true, scores, threshold, cost_fn=COST_FN, cost_fp=COST_FP):
    y_true, scores = np.asarray(y_true), np.asarray(scores)
    missed = np.sum((y_true == 1) & (scores < threshold))
    false_alarms = np.sum((y_true == 0) & (scores >= threshold))
    return cost_fn * missed + cost_fp * false_alarms


candidates = np.unique(val_scores)
costs = np.array([total_cost(y_val, val_scores, t) for t in candidates])
best_threshold = np.array(candidates[np.flatnonzero(costs == costs.min())[-1]])
'''},
]

"""Right answers to homework 2 written in other ways than the solution: each must get full
marks from the full grader, public and hidden checks (tests/test_homework.py)."""

RIGHT_SOLUTIONS = [
    {"question": "q1", "way": "a docstring that names torch.log_softmax; torch.max(...).values",
     "code": '''def log_softmax(logits):
    """Same result as torch.log_softmax(logits, dim=1) or F.log_softmax, written by hand.

    Uses the log-sum-exp trick (torch.logsumexp would do this in one call).
    """
    # don't call logits.log_softmax(dim=1): the homework wants it by hand
    row_max = torch.max(logits, dim=1, keepdim=True).values
    return (logits - row_max) - torch.log(torch.sum(torch.exp(logits - row_max), dim=1,
                                                    keepdim=True))
'''},
    {"question": "q1", "way": "a loop over the rows, a hand-written helper named logsumexp, "
                              "torch.stack",
     "code": '''def logsumexp(row):
    """log(sum(exp(row))) without overflow, for one row."""
    biggest = row.max()
    return biggest + torch.log(torch.exp(row - biggest).sum())


def log_softmax(logits):
    rows = [row - logsumexp(row) for row in logits]
    return torch.stack(rows)
'''},
    {"question": "q1", "way": "the shift detached, x - (m + log-sum) in one expression",
     "code": '''def log_softmax(logits):
    m = logits.detach().amax(dim=-1, keepdim=True)   # a constant shift: no gradient needed
    return logits - (m + (logits - m).exp().sum(dim=-1, keepdim=True).log())
'''},
    {"question": "q1", "way": "rows written into torch.zeros_like (keeps the dtype)",
     "code": '''def log_softmax(logits):
    out = torch.zeros_like(logits)
    for i in range(logits.shape[0]):
        m = logits[i].max()
        out[i] = logits[i] - m - torch.log(torch.exp(logits[i] - m).sum())
    return out
'''},
    {"question": "q2", "way": "one-hot from F.one_hot, reductions checked first",
     "code": '''import torch.nn.functional as F


def cross_entropy(logits, target, reduction="mean"):
    """Like F.cross_entropy(logits, target), but built from log_softmax."""
    if reduction not in ("mean", "sum", "none"):
        raise ValueError("reduction must be 'mean', 'sum' or 'none'")
    one_hot = F.one_hot(target, num_classes=logits.shape[1]).to(logits.dtype)
    per_sample = -(one_hot * log_softmax(logits)).sum(dim=1)
    if reduction == "mean":
        return per_sample.sum() / len(target)
    return per_sample.sum() if reduction == "sum" else per_sample
'''},
    {"question": "q2", "way": "gather and squeeze, a dict of reductions with a ValueError",
     "code": '''REDUCTIONS = {"none": lambda l: l, "sum": torch.sum, "mean": torch.mean}


def cross_entropy(logits, target, reduction="mean"):
    if reduction not in REDUCTIONS:
        raise ValueError(f"unknown reduction: {reduction}")
    picked = log_softmax(logits).gather(dim=1, index=target.view(-1, 1)).squeeze(1)
    return REDUCTIONS[reduction](-picked)
'''},
    {"question": "q2", "way": "inline log-sum-exp minus the true logit, without log_softmax",
     "code": '''def cross_entropy(logits, target, reduction="mean"):
    n = logits.shape[0]
    m = logits.max(dim=1).values
    lse = m + torch.log(torch.exp(logits - m[:, None]).sum(dim=1))
    losses = lse - logits[torch.arange(n), target]
    if reduction == "mean":
        return losses.mean()
    elif reduction == "sum":
        return losses.sum()
    elif reduction == "none":
        return losses
    raise ValueError(reduction)
'''},
    {"question": "q3", "way": "p_t from the student's own cross_entropy; alpha via torch.full "
                              "and torch.tensor",
     "code": '''def focal_loss(logits, target, gamma=2.0, alpha=None, reduction="mean"):
    ce = cross_entropy(logits, target, reduction="none")   # -log p_t
    p_t = torch.exp(-ce)
    loss = (1 - p_t).pow(gamma) * ce
    if isinstance(alpha, (int, float)):
        alpha = torch.full((logits.shape[1],), float(alpha))
    if alpha is not None:
        weights = torch.tensor(alpha) if isinstance(alpha, list) else alpha
        loss = loss * weights[target]
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    if reduction == "none":
        return loss
    raise ValueError("reduction?")
'''},
    {"question": "q3", "way": "per-class alpha applied through a one-hot mask, a helper for "
                              "the reduction",
     "code": '''def _reduce(values, how):
    if how == "none":
        return values
    if how == "sum":
        return values.sum()
    if how == "mean":
        return values.mean()
    raise ValueError(how)


def focal_loss(logits, target, gamma=2.0, alpha=None, reduction="mean"):
    log_p = log_softmax(logits)
    mask = torch.nn.functional.one_hot(target, logits.shape[1]).to(logits.dtype)
    log_p_t = (mask * log_p).sum(dim=1)
    focal = -(1.0 - log_p_t.exp()) ** gamma * log_p_t
    if alpha is not None:
        a = torch.as_tensor(alpha, dtype=logits.dtype) * torch.ones(logits.shape[1],
                                                                    dtype=logits.dtype)
        focal = focal * (mask * a).sum(dim=1)
    return _reduce(focal, reduction)
'''},
    {"question": "q5", "way": "argmax of the model's logits under no_grad, a list returned",
     "code": '''def per_class_recall(model, data):
    with torch.no_grad():
        y_pred = model(data.X_test).argmax(dim=1)
    return list(recall_score(data.y_test.tolist(), y_pred.tolist(), average=None))
'''},
    {"question": "q5", "way": "the diagonal of a confusion matrix over its row sums",
     "code": '''def per_class_recall(model, data):
    y_true = data.y_test.numpy()
    y_pred = predict(model, data.X_test).numpy()
    k = data.n_classes
    table = np.zeros((k, k))
    for t, p in zip(y_true, y_pred):
        table[t, p] += 1
    return np.diag(table) / table.sum(axis=1)
'''},
]

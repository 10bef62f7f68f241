"""Wrong solutions of homework 2 (cross-entropy and focal loss) that its checks must catch.

Each entry replaces the *first* solution code cell of one question with the code a student
could plausibly have written, mistake included. The homework's checks must fail on it and
take at least half of the question's points, the feedback of a failing check must contain
``message``, the words that name the mistake, and no other question may lose points
(tests/test_homework.py).
"""

_CE_TAIL = '''    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.mean()
    raise ValueError(f"unknown reduction {reduction!r}")
'''

_FOCAL_ALPHA = '''    if alpha is not None:
        alpha = torch.as_tensor(alpha, dtype=logits.dtype)
        if alpha.dim() == 0:
            alpha = alpha.expand(logits.shape[1])
        loss = alpha[target] * loss
'''


def _focal(body, alpha=_FOCAL_ALPHA, tail=_CE_TAIL):
    return ('def focal_loss(logits, target, gamma=2.0, alpha=None, reduction="mean"):\n'
            '    """Multi-class focal loss of `logits` (N, C) against class indices `target` '
            '(N,)."""\n' + body + alpha + tail)


WRONG_SOLUTIONS = [
    # ---------------------------------------------------------------- q1: log-softmax
    {
        "question": "q1",
        "mistake": "log of the softmax computed naively: exp(1000) overflows",
        "code": '''def log_softmax(logits):
    """Log-probabilities of each row of `logits` (N, C), computed without overflow."""
    probabilities = torch.exp(logits) / torch.exp(logits).sum(dim=1, keepdim=True)
    return torch.log(probabilities)
''',
        "message": "exp(1000) overflows to inf (and inf / inf is nan)",
    },
    {
        "question": "q1",
        "mistake": "log of torch.softmax: stable probabilities, but log(0) = -inf",
        "code": '''def log_softmax(logits):
    # torch.softmax already subtracts the max, so this should be stable
    return torch.log(torch.softmax(logits, dim=1))
''',
        "message": "the log of a softmax fails even when the softmax itself is computed stably",
    },
    {
        "question": "q1",
        "mistake": "log-sum-exp without the shift: exp(1000) overflows in the sum",
        "code": '''def log_softmax(logits):
    log_sum = torch.log(torch.exp(logits).sum(dim=1, keepdim=True))
    return logits - log_sum
''',
        "message": "because the logits are not shifted first",
    },
    {
        "question": "q1",
        "mistake": "the whole batch shifted by its one largest logit, not each row by its own",
        "code": '''def log_softmax(logits):
    """Log-probabilities of each row of `logits` (N, C), computed without overflow."""
    m = logits.max()  # the largest logit
    shifted = logits - m
    return shifted - torch.log(torch.exp(shifted).sum(dim=1, keepdim=True))
''',
        "message": "the whole batch is shifted by its ONE largest logit",
    },
    {
        "question": "q1",
        "mistake": "normalised over the batch (dim=0) instead of over the classes",
        "code": '''def log_softmax(logits):
    """Log-probabilities of each row of `logits` (N, C), computed without overflow."""
    m = logits.amax(dim=1, keepdim=True)
    shifted = logits - m
    return shifted - torch.log(torch.exp(shifted).sum(dim=0, keepdim=True))
''',
        "message": "summed over the batch (dim=0)",
    },
    {
        "question": "q1",
        "mistake": "the sum of the exponentials taken over the whole tensor",
        "code": '''def log_softmax(logits):
    m = logits.amax(dim=1, keepdim=True)
    z = logits - m
    return z - torch.log(torch.sum(torch.exp(z)))
''',
        "message": "the exponentials of the whole batch are summed together",
    },
    {
        "question": "q1",
        "mistake": "m subtracted inside the exponent only, not outside",
        "code": '''def log_softmax(logits):
    m = logits.amax(dim=1, keepdim=True)
    return logits - torch.log(torch.exp(logits - m).sum(dim=1, keepdim=True))
''',
        "message": "each row is off by its largest logit m",
    },
    {
        "question": "q1",
        "mistake": "keepdim forgotten: the row maxima (N,) do not line up with (N, C)",
        "code": '''def log_softmax(logits):
    m = logits.amax(dim=1)
    shifted = logits - m
    return shifted - torch.log(torch.exp(shifted).sum(dim=1))
''',
        "message": "needs keepdim=True (shape (N, 1))",
    },
    {
        "question": "q1",
        "mistake": "logits.max(dim=1) used as a tensor: it is a (values, indices) pair",
        "code": '''def log_softmax(logits):
    m = logits.max(dim=1, keepdim=True)
    shifted = logits - m
    return shifted - shifted.exp().sum(dim=1, keepdim=True).log()
''',
        "message": "returns a pair (values, indices): take its .values",
    },
    {
        "question": "q1",
        "mistake": "calls torch.log_softmax",
        "code": '''def log_softmax(logits):
    """Log-probabilities of each row of `logits` (N, C), computed without overflow."""
    return torch.log_softmax(logits, dim=1)
''',
        "message": "Line 3 of your `log_softmax` calls `torch.log_softmax`",
    },
    {
        "question": "q1",
        "mistake": "calls the tensor method logits.log_softmax",
        "code": '''def log_softmax(logits):
    # the tensor already knows how to do it
    result = logits.log_softmax(dim=1)
    return result
''',
        "message": "Line 3 of your `log_softmax` calls `logits.log_softmax`",
    },
    {
        "question": "q1",
        "mistake": "calls torch.logsumexp through an alias",
        "code": '''lse = torch.logsumexp


def log_softmax(logits):
    return logits - lse(logits, dim=1, keepdim=True)
''',
        "message": "calls `lse`, which this homework asks you to replace with your own code",
    },
    {
        "question": "q1",
        "mistake": "rows written into torch.zeros: a float32 result for float64 logits",
        "code": '''def log_softmax(logits):
    out = torch.zeros(logits.shape)
    for i in range(logits.shape[0]):
        row = logits[i]
        m = row.max()
        out[i] = row - m - torch.log(torch.sum(torch.exp(row - m)))
    return out
''',
        "message": "returned a float32 tensor for float64 logits",
    },
    {
        "question": "q1",
        "mistake": "the result detached from the graph",
        "code": '''def log_softmax(logits):
    with torch.no_grad():
        m = logits.amax(dim=1, keepdim=True)
        shifted = logits - m
        out = shifted - torch.log(torch.exp(shifted).sum(dim=1, keepdim=True))
    return out
''',
        "message": "returned a tensor without a gradient",
    },
    {
        "question": "q1",
        "mistake": "computed in NumPy and turned back into a tensor",
        "code": '''def log_softmax(logits):
    x = logits.numpy()
    m = x.max(axis=1, keepdims=True)
    out = x - m - np.log(np.exp(x - m).sum(axis=1, keepdims=True))
    return torch.from_numpy(out)
''',
        "message": "NumPy cannot carry the gradient that training needs",
    },
    {
        "question": "q1",
        "mistake": "the logits shifted in place (the caller's tensor changes)",
        "code": '''def log_softmax(logits):
    logits -= logits.amax(dim=1, keepdim=True)   # shift for stability
    return logits - torch.log(torch.exp(logits).sum(dim=1, keepdim=True))
''',
        "message": "changes its input in place",
    },
    {
        "question": "q1",
        "mistake": "the log-sum-exp detached along with the shift",
        "code": '''def log_softmax(logits):
    m = logits.amax(dim=1, keepdim=True).detach()   # the shift has no gradient anyway
    shifted = logits - m
    normaliser = torch.log(torch.exp(shifted).sum(dim=1, keepdim=True)).detach()
    return shifted - normaliser
''',
        "message": "The term log sum_k exp(x_k - m) is detached",
    },
    {
        "question": "q1",
        "mistake": "a loop over range(2) rows, the size of the examples (passes the public check)",
        "code": '''def log_softmax(logits):
    rows = []
    for i in range(2):
        if i < len(logits):
            m = logits[i].max()
            rows.append(logits[i] - m - torch.log(torch.exp(logits[i] - m).sum()))
    return torch.stack(rows)
''',
        "message": "returned a float64 tensor of shape (2, 4)",
    },
    # ---------------------------------------------------------------- q2: cross-entropy
    {
        "question": "q2",
        "mistake": "log-probability of the predicted class instead of the true one",
        "code": '''def cross_entropy(logits, target, reduction="mean"):
    """Softmax cross-entropy of `logits` (N, C) against class indices `target` (N,)."""
    log_p = log_softmax(logits)
    predicted = logits.argmax(dim=1)  # the model's prediction
    loss = -log_p[torch.arange(len(target)), predicted]
''' + _CE_TAIL,
        "message": "minus the log-probability of the PREDICTED class",
    },
    {
        "question": "q2",
        "mistake": "softmax first, then its log (overflow at logits like 1000)",
        "code": '''def cross_entropy(logits, target, reduction="mean"):
    """Softmax cross-entropy of `logits` (N, C) against class indices `target` (N,)."""
    p = torch.exp(logits) / torch.exp(logits).sum(dim=1, keepdim=True)
    loss = -torch.log(p[torch.arange(len(target)), target])
''' + _CE_TAIL,
        "message": "a softmax computed as exp(x) / sum(exp(x)) fails on large logits",
    },
    {
        "question": "q2",
        "mistake": "-log of torch.softmax: log(0) for a hopeless example",
        "code": '''def cross_entropy(logits, target, reduction="mean"):
    probs = torch.softmax(logits, dim=1)
    loss = -torch.log(probs[range(len(target)), target])
''' + _CE_TAIL,
        "message": "-log(0) = inf",
    },
    {
        "question": "q2",
        "mistake": "the minus sign forgotten",
        "code": '''def cross_entropy(logits, target, reduction="mean"):
    """Softmax cross-entropy of `logits` (N, C) against class indices `target` (N,)."""
    log_p = log_softmax(logits)
    loss = log_p[torch.arange(len(target)), target]
''' + _CE_TAIL,
        "message": "the minus sign is missing",
    },
    {
        "question": "q2",
        "mistake": "reduction='mean' returns the sum (the total loss of the batch)",
        "code": '''def cross_entropy(logits, target, reduction="mean"):
    """Softmax cross-entropy of `logits` (N, C) against class indices `target` (N,)."""
    log_p = log_softmax(logits)
    loss = -log_p[torch.arange(len(target)), target]
    if reduction == "none":
        return loss
    if reduction in ("mean", "sum"):
        return loss.sum()  # the total loss of the batch
    raise ValueError(f"unknown reduction {reduction!r}")
''',
        "message": "the SUM of the per-sample losses, for reduction='mean'",
    },
    {
        "question": "q2",
        "mistake": "one-hot formula averaged over all N x C entries",
        "code": '''def cross_entropy(logits, target, reduction="mean"):
    """Softmax cross-entropy of `logits` (N, C) against class indices `target` (N,)."""
    log_p = log_softmax(logits)
    one_hot = torch.zeros_like(log_p)
    one_hot[torch.arange(len(target)), target] = 1.0
    terms = -one_hot * log_p  # -sum_c y_c log p_c, term by term
    if reduction == "none":
        return terms.sum(dim=1)
    if reduction == "sum":
        return terms.sum()
    if reduction == "mean":
        return terms.mean()
    raise ValueError(f"unknown reduction {reduction!r}")
''',
        "message": "divides by N x C",
    },
    {
        "question": "q2",
        "mistake": "mean divided by shape[1], the number of classes",
        "code": '''def cross_entropy(logits, target, reduction="mean"):
    losses = -log_softmax(logits)[torch.arange(logits.shape[0]), target]
    if reduction == "none":
        return losses
    elif reduction == "sum":
        return losses.sum()
    elif reduction == "mean":
        return losses.sum() / logits.shape[1]
    else:
        raise ValueError(reduction)
''',
        "message": "divides by C, the number of classes",
    },
    {
        "question": "q2",
        "mistake": "log_p[:, target] picks the target columns for every row",
        "code": '''def cross_entropy(logits, target, reduction="mean"):
    log_p = log_softmax(logits)
    loss = -log_p[:, target]
''' + _CE_TAIL,
        "message": "log_p[:, target] picks the target columns for EVERY row",
    },
    {
        "question": "q2",
        "mistake": "gather without squeeze: 'none' returns an (N, 1) column",
        "code": '''def cross_entropy(logits, target, reduction="mean"):
    log_p = log_softmax(logits)
    loss = -log_p.gather(1, target.unsqueeze(1))
''' + _CE_TAIL,
        "message": "the losses come back as a column, shape (N, 1)",
    },
    {
        "question": "q2",
        "mistake": "an unknown reduction silently treated as 'mean'",
        "code": '''def cross_entropy(logits, target, reduction="mean"):
    loss = -log_softmax(logits)[torch.arange(len(target)), target]
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    return loss.mean()
''',
        "message": "it must raise ValueError",
    },
    {
        "question": "q2",
        "mistake": "reductions looked up in a dict: KeyError instead of ValueError",
        "code": '''def cross_entropy(logits, target, reduction="mean"):
    loss = -log_softmax(logits)[torch.arange(len(target)), target]
    reduce = {"none": lambda l: l, "sum": torch.sum, "mean": torch.mean}
    return reduce[reduction](loss)
''',
        "message": "raised KeyError: 'average'. An unknown reduction must raise ValueError",
    },
    {
        "question": "q2",
        "mistake": "calls F.cross_entropy",
        "code": '''import torch.nn.functional as F


def cross_entropy(logits, target, reduction="mean"):
    return F.cross_entropy(logits, target, reduction=reduction)
''',
        "message": "calls `F.cross_entropy`",
    },
    {
        "question": "q2",
        "mistake": "calls F.nll_loss on the log-softmax",
        "code": '''def cross_entropy(logits, target, reduction="mean"):
    """-log p of the true class; like F.nll_loss(log_softmax(x), y)."""
    log_p = log_softmax(logits)
    return torch.nn.functional.nll_loss(log_p, target, reduction=reduction)
''',
        "message": "calls `torch.nn.functional.nll_loss`",
    },
    {
        "question": "q2",
        "mistake": "losses written into torch.zeros(N): float32 for float64 logits",
        "code": '''def cross_entropy(logits, target, reduction="mean"):
    log_p = log_softmax(logits)
    loss = torch.zeros(len(target))
    for n in range(len(target)):
        loss[n] = -log_p[n, target[n]]
''' + _CE_TAIL,
        "message": "returned a float32 tensor for float64 logits",
    },
    {
        "question": "q2",
        "mistake": "losses put into torch.zeros(N) through an index: float32 meets float64",
        "code": '''def cross_entropy(logits, target, reduction="mean"):
    n = len(target)
    rows = torch.arange(n)
    loss = torch.zeros(n)
    loss[rows] = -log_softmax(logits)[rows, target]
''' + _CE_TAIL,
        "message": "Your code mixes 32-bit and 64-bit floating-point tensors",
    },
    {
        "question": "q2",
        "mistake": "returns a Python float with .item()",
        "code": '''def cross_entropy(logits, target, reduction="mean"):
    loss = -log_softmax(logits)[torch.arange(len(target)), target]
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum().item()
    if reduction == "mean":
        return loss.mean().item()
    raise ValueError(f"unknown reduction {reduction!r}")
''',
        "message": "a Python number; return a torch tensor",
    },
    # ---------------------------------------------------------------- q3: focal loss
    {
        "question": "q3",
        "mistake": "gamma applied as p_t^gamma instead of (1 - p_t)^gamma",
        "code": _focal('''    log_p_t = log_softmax(logits)[torch.arange(len(target)), target]
    p_t = log_p_t.exp()
    loss = -(p_t ** gamma) * log_p_t
'''),
        "message": "the factor is p_t^gamma",
    },
    {
        "question": "q3",
        "mistake": "alpha taken for the predicted class instead of the true class",
        "code": _focal('''    log_p_t = log_softmax(logits)[torch.arange(len(target)), target]
    p_t = log_p_t.exp()
    loss = -((1 - p_t) ** gamma) * log_p_t
''', alpha='''    if alpha is not None:
        alpha = torch.as_tensor(alpha, dtype=logits.dtype)
        if alpha.dim() == 0:
            alpha = alpha.expand(logits.shape[1])
        loss = alpha[logits.argmax(dim=1)] * loss  # the weight of the class the model chose
'''),
        "message": "weighted by the alpha of the class the model PREDICTS",
    },
    {
        "question": "q3",
        "mistake": "one float alpha split as in the binary focal loss (alpha / 1 - alpha)",
        "code": _focal('''    log_p_t = log_softmax(logits)[torch.arange(len(target)), target]
    p_t = log_p_t.exp()
    loss = -((1 - p_t) ** gamma) * log_p_t
''', alpha='''    if isinstance(alpha, float):
        # as in RetinaNet: alpha for the positives, 1 - alpha for the rest
        alpha_t = torch.where(target == 1, alpha, 1 - alpha)
        loss = alpha_t * loss
    elif alpha is not None:
        loss = torch.as_tensor(alpha, dtype=logits.dtype)[target] * loss
'''),
        "message": "one number alpha is split as in the binary focal loss",
    },
    {
        "question": "q3",
        "mistake": "p_t from softmax and log(p_t): log(0) = -inf for hopeless examples",
        "code": _focal('''    p = torch.softmax(logits, dim=1)
    p_t = p[torch.arange(len(target)), target]
    loss = -((1 - p_t) ** gamma) * torch.log(p_t)
'''),
        "message": "p_t of a hopeless example rounds to 0 in softmax",
    },
    {
        "question": "q3",
        "mistake": "mean divided by the sum of the alphas (weighted cross-entropy's convention)",
        "code": '''def focal_loss(logits, target, gamma=2.0, alpha=None, reduction="mean"):
    """Multi-class focal loss of `logits` (N, C) against class indices `target` (N,)."""
    log_p_t = log_softmax(logits)[torch.arange(len(target)), target]
    p_t = log_p_t.exp()
    loss = -((1 - p_t) ** gamma) * log_p_t
    weights = torch.ones_like(loss)
    if alpha is not None:
        alpha = torch.as_tensor(alpha, dtype=logits.dtype)
        if alpha.dim() == 0:
            alpha = alpha.expand(logits.shape[1])
        weights = alpha[target]
        loss = weights * loss
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.sum() / weights.sum()  # a weighted mean, as F.cross_entropy(weight=...)
    raise ValueError(f"unknown reduction {reduction!r}")
''',
        "message": "divides by N, the number of samples",
    },
    {
        "question": "q3",
        "mistake": "the minus sign forgotten",
        "code": _focal('''    log_p_t = log_softmax(logits)[torch.arange(len(target)), target]
    p_t = log_p_t.exp()
    loss = ((1 - p_t) ** gamma) * log_p_t
'''),
        "message": "the minus sign is missing",
    },
    {
        "question": "q3",
        "mistake": "p_t detached: the factor (1 - p_t)^gamma gets no gradient",
        "code": _focal('''    log_p_t = log_softmax(logits)[torch.arange(len(target)), target]
    p_t = log_p_t.exp().detach()   # the modulating factor is only a weight
    loss = -((1 - p_t) ** gamma) * log_p_t
'''),
        "message": "p_t is detached, so the factor (1 - p_t)^gamma is treated as a constant",
    },
    {
        "question": "q3",
        "mistake": "gamma fixed at 2 (the argument ignored)",
        "code": _focal('''    log_p_t = log_softmax(logits)[torch.arange(len(target)), target]
    p_t = log_p_t.exp()
    loss = -((1 - p_t) ** 2) * log_p_t
'''),
        "message": "the focal loss at gamma = 2 whatever the `gamma` argument says",
    },
    {
        "question": "q3",
        "mistake": "one float alpha indexed with the targets",
        "code": _focal('''    log_p_t = log_softmax(logits)[torch.arange(len(target)), target]
    p_t = log_p_t.exp()
    loss = -((1 - p_t) ** gamma) * log_p_t
''', alpha='''    if alpha is not None:
        alpha = torch.as_tensor(alpha, dtype=logits.dtype)
        loss = alpha[target] * loss
'''),
        "message": "alpha may be one number, the same weight for every class",
    },
    {
        "question": "q3",
        "mistake": "a list alpha indexed with a tensor of targets",
        "code": _focal('''    log_p_t = log_softmax(logits)[torch.arange(len(target)), target]
    p_t = log_p_t.exp()
    loss = -((1 - p_t) ** gamma) * log_p_t
''', alpha='''    if isinstance(alpha, float):
        loss = alpha * loss
    elif alpha is not None:
        loss = alpha[target] * loss
'''),
        "message": "A Python list cannot be indexed with a tensor of class indices",
    },
    {
        "question": "q3",
        "mistake": "`if alpha:` with a tensor alpha",
        "code": _focal('''    log_p_t = log_softmax(logits)[torch.arange(len(target)), target]
    p_t = log_p_t.exp()
    loss = -((1 - p_t) ** gamma) * log_p_t
''', alpha='''    if alpha:
        a = torch.as_tensor(alpha, dtype=logits.dtype)
        loss = (a[target] if a.dim() else a) * loss
'''),
        "message": "test `alpha is not None` instead",
    },
    {
        "question": "q3",
        "mistake": "per-class alpha multiplied without indexing: (C,) against (N,)",
        "code": _focal('''    log_p_t = log_softmax(logits)[torch.arange(len(target)), target]
    p_t = log_p_t.exp()
    loss = -((1 - p_t) ** gamma) * log_p_t
''', alpha='''    if alpha is not None:
        loss = torch.as_tensor(alpha, dtype=logits.dtype) * loss
'''),
        "message": "must first be indexed with the targets, alpha[target]",
    },
    {
        "question": "q3",
        "mistake": "cross-entropy from F.cross_entropy(reduction='none')",
        "code": _focal('''    import torch.nn.functional as F
    ce = F.cross_entropy(logits, target, reduction="none")
    p_t = torch.exp(-ce)
    loss = (1 - p_t) ** gamma * ce
'''),
        "message": "Line 4 of your `focal_loss` calls `F.cross_entropy`",
    },
    # ---------------------------------------------------------------- q5: the experiment
    {
        "question": "q5",
        "mistake": "per-class recall measured on the training set",
        "code": '''def per_class_recall(model, data):
    """Recall of each class on the test part of `data`, as a NumPy array."""
    y_pred = predict(model, data.X_train).numpy()
    return recall_score(data.y_train.numpy(), y_pred, average=None)
''',
        "message": "the recall of each class on the TRAINING part",
    },
    {
        "question": "q5",
        "mistake": "per-class recall measured on the validation set",
        "code": '''def per_class_recall(model, data):
    y_pred = predict(model, data.X_val)
    return recall_score(data.y_val, y_pred, average=None)
''',
        "message": "the recall of each class on the VALIDATION part",
    },
    {
        "question": "q5",
        "mistake": "macro-averaged recall: one number instead of one per class",
        "code": '''def per_class_recall(model, data):
    """Recall of each class on the test part of `data`, as a NumPy array."""
    y_pred = predict(model, data.X_test).numpy()
    return recall_score(data.y_test.numpy(), y_pred, average="macro")
''',
        "message": "one number; return one recall PER CLASS",
    },
    {
        "question": "q5",
        "mistake": "recall_score's arguments swapped: per-class precision",
        "code": '''def per_class_recall(model, data):
    predictions = predict(model, data.X_test).numpy()
    return recall_score(predictions, data.y_test.numpy(), average=None)
''',
        "message": "the PRECISION of each class",
    },
]

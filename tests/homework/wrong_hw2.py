"""Wrong solutions of homework 2 (cross-entropy and focal loss) that its checks must catch.

Each entry replaces the *first* solution code cell of one question with the code a student
could plausibly have written, mistake included. The homework's checks must fail on it, and
the feedback of a failing check must contain ``message``, the words that name the mistake.
"""

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
        "message": "exp(1000) overflows to inf",
    },
    {
        "question": "q1",
        "mistake": "the whole batch shifted by its one largest logit instead of each row by its own",
        "code": '''def log_softmax(logits):
    """Log-probabilities of each row of `logits` (N, C), computed without overflow."""
    m = logits.max()  # the largest logit
    shifted = logits - m
    return shifted - torch.log(torch.exp(shifted).sum(dim=1, keepdim=True))
''',
        "message": "Shift EACH ROW by its own largest logit",
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
        "message": "normalise over the classes (dim=1)",
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
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.mean()
    raise ValueError(f"unknown reduction {reduction!r}")
''',
        "message": "cross-entropy uses the log-probability of the TRUE class",
    },
    {
        "question": "q2",
        "mistake": "softmax first, then its log (overflow at logits like 1000)",
        "code": '''def cross_entropy(logits, target, reduction="mean"):
    """Softmax cross-entropy of `logits` (N, C) against class indices `target` (N,)."""
    p = torch.exp(logits) / torch.exp(logits).sum(dim=1, keepdim=True)
    loss = -torch.log(p[torch.arange(len(target)), target])
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.mean()
    raise ValueError(f"unknown reduction {reduction!r}")
''',
        "message": "go through your stable log_softmax (log-sum-exp)",
    },
    {
        "question": "q2",
        "mistake": "the minus sign forgotten",
        "code": '''def cross_entropy(logits, target, reduction="mean"):
    """Softmax cross-entropy of `logits` (N, C) against class indices `target` (N,)."""
    log_p = log_softmax(logits)
    loss = log_p[torch.arange(len(target)), target]
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.mean()
    raise ValueError(f"unknown reduction {reduction!r}")
''',
        "message": "Is the minus sign missing?",
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
        "message": "must AVERAGE the per-sample losses over the N samples",
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
        "message": "You divided by N x C",
    },
    # ---------------------------------------------------------------- q3: focal loss
    {
        "question": "q3",
        "mistake": "gamma applied as p_t^gamma instead of (1 - p_t)^gamma",
        "code": '''def focal_loss(logits, target, gamma=2.0, alpha=None, reduction="mean"):
    """Multi-class focal loss of `logits` (N, C) against class indices `target` (N,)."""
    log_p_t = log_softmax(logits)[torch.arange(len(target)), target]
    p_t = log_p_t.exp()
    loss = -(p_t ** gamma) * log_p_t
    if alpha is not None:
        alpha = torch.as_tensor(alpha, dtype=logits.dtype)
        if alpha.dim() == 0:
            alpha = alpha.expand(logits.shape[1])
        loss = alpha[target] * loss
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.mean()
    raise ValueError(f"unknown reduction {reduction!r}")
''',
        "message": "The factor is (1 - p_t)^gamma",
    },
    {
        "question": "q3",
        "mistake": "alpha taken for the predicted class instead of the true class",
        "code": '''def focal_loss(logits, target, gamma=2.0, alpha=None, reduction="mean"):
    """Multi-class focal loss of `logits` (N, C) against class indices `target` (N,)."""
    log_p_t = log_softmax(logits)[torch.arange(len(target)), target]
    p_t = log_p_t.exp()
    loss = -((1 - p_t) ** gamma) * log_p_t
    if alpha is not None:
        alpha = torch.as_tensor(alpha, dtype=logits.dtype)
        if alpha.dim() == 0:
            alpha = alpha.expand(logits.shape[1])
        loss = alpha[logits.argmax(dim=1)] * loss  # the weight of the class the model chose
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.mean()
    raise ValueError(f"unknown reduction {reduction!r}")
''',
        "message": "the alpha of its TRUE class",
    },
    {
        "question": "q3",
        "mistake": "p_t from softmax and log(p_t): log(0) = -inf for hopeless examples",
        "code": '''def focal_loss(logits, target, gamma=2.0, alpha=None, reduction="mean"):
    """Multi-class focal loss of `logits` (N, C) against class indices `target` (N,)."""
    p = torch.softmax(logits, dim=1)
    p_t = p[torch.arange(len(target)), target]
    loss = -((1 - p_t) ** gamma) * torch.log(p_t)
    if alpha is not None:
        alpha = torch.as_tensor(alpha, dtype=logits.dtype)
        if alpha.dim() == 0:
            alpha = alpha.expand(logits.shape[1])
        loss = alpha[target] * loss
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.mean()
    raise ValueError(f"unknown reduction {reduction!r}")
''',
        "message": "take log p_t from your log_softmax",
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
        "code": '''def focal_loss(logits, target, gamma=2.0, alpha=None, reduction="mean"):
    """Multi-class focal loss of `logits` (N, C) against class indices `target` (N,)."""
    log_p_t = log_softmax(logits)[torch.arange(len(target)), target]
    p_t = log_p_t.exp()
    loss = ((1 - p_t) ** gamma) * log_p_t
    if alpha is not None:
        alpha = torch.as_tensor(alpha, dtype=logits.dtype)
        if alpha.dim() == 0:
            alpha = alpha.expand(logits.shape[1])
        loss = alpha[target] * loss
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    if reduction == "mean":
        return loss.mean()
    raise ValueError(f"unknown reduction {reduction!r}")
''',
        "message": "Is the minus sign missing?",
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
        "message": "must be measured on the TEST set",
    },
    {
        "question": "q5",
        "mistake": "macro-averaged recall: one number instead of one per class",
        "code": '''def per_class_recall(model, data):
    """Recall of each class on the test part of `data`, as a NumPy array."""
    y_pred = predict(model, data.X_test).numpy()
    return recall_score(data.y_test.numpy(), y_pred, average="macro")
''',
        "message": "ONE recall PER CLASS",
    },
]

"""Classification losses in PyTorch, written out term by term so they can be read.

Every loss takes raw scores (logits), never probabilities: the log-sum-exp and
log-sigmoid forms used here stay finite where ``log(softmax(x))`` would overflow to
``-inf``. All are differentiable and agree with their PyTorch/torchvision counterparts
on the same inputs (the tests check this).
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import torch

__all__ = [
    "cross_entropy",
    "binary_cross_entropy",
    "sigmoid_focal_loss",
    "focal_loss",
    "class_weights",
]

_REDUCTIONS = ("mean", "sum", "none")


def _check_reduction(reduction):
    if reduction not in _REDUCTIONS:
        raise ValueError(f"`reduction` must be one of {_REDUCTIONS}, got {reduction!r}.")


def _check_logits(logits, name="logits", min_dim=1):
    if not isinstance(logits, torch.Tensor):
        raise ValueError(f"`{name}` must be a torch.Tensor, got {type(logits).__name__}.")
    if not logits.is_floating_point():
        raise ValueError(f"`{name}` must be a floating-point tensor, got {logits.dtype}.")
    if logits.dim() < min_dim:
        raise ValueError(f"`{name}` must have at least {min_dim} dimension(s), got shape "
                         f"{tuple(logits.shape)}.")
    if logits.numel() == 0:
        raise ValueError(f"`{name}` is empty; pass at least one sample.")
    if not torch.isfinite(logits).all():
        raise ValueError(f"`{name}` contains NaN or infinity; check the model's outputs.")


def _check_class_targets(logits, target):
    """Validate (N, C, ...) logits against (N, ...) class-index targets."""
    if not isinstance(target, torch.Tensor):
        raise ValueError(f"`target` must be a torch.Tensor, got {type(target).__name__}.")
    if target.is_floating_point():
        if target.shape != logits.shape:
            raise ValueError(
                f"A probability `target` must have the shape of `logits` {tuple(logits.shape)}, "
                f"got {tuple(target.shape)}. For class indices, pass a long tensor."
            )
        if not torch.isfinite(target).all() or (target < 0).any() or (target > 1).any():
            raise ValueError("Probability `target` values must lie in [0, 1].")
        return "probabilities"
    if target.dtype not in (torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8):
        raise ValueError(f"`target` must hold class indices (an integer tensor), got {target.dtype}.")
    expected = (logits.shape[0],) + tuple(logits.shape[2:])
    if tuple(target.shape) != expected:
        raise ValueError(
            f"`target` must have shape {expected} (one class index per sample) for logits of "
            f"shape {tuple(logits.shape)}, got {tuple(target.shape)}."
        )
    n_classes = logits.shape[1]
    if (target < 0).any() or (target >= n_classes).any():
        raise ValueError(
            f"`target` holds class indices outside [0, {n_classes - 1}]; `logits` has "
            f"{n_classes} columns, one per class."
        )
    return "indices"


def _check_class_vector(values, name, n_classes, logits):
    if values is None:
        return None
    values = torch.as_tensor(values, dtype=logits.dtype, device=logits.device)
    if values.shape != (n_classes,):
        raise ValueError(f"`{name}` must have one value per class, shape ({n_classes},), "
                         f"got {tuple(values.shape)}.")
    if not torch.isfinite(values).all() or (values < 0).any():
        raise ValueError(f"`{name}` must be finite and non-negative.")
    return values


def _reduce(loss, reduction, denominator=None):
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    return loss.sum() / (loss.numel() if denominator is None else denominator)


def _log_softmax(logits):
    # Shift each row so its largest logit is 0 before subtracting log-sum-exp: exp() cannot
    # overflow, and the result is not the difference of two huge numbers (x - logsumexp(x)
    # at x ~ 1e4 in float32 loses about 3 decimal digits). Softmax ignores the shift, so
    # detaching it leaves the gradient unchanged.
    shifted = logits - logits.amax(dim=1, keepdim=True).detach()
    return shifted - torch.logsumexp(shifted, dim=1, keepdim=True)


def cross_entropy(logits, target, weight=None, reduction="mean"):
    r"""Softmax cross-entropy, the standard multi-class classification loss.

    .. math::
        \ell_n = -w_{y_n} \log \frac{e^{x_{n, y_n}}}{\sum_c e^{x_{n, c}}},
        \qquad \text{mean} = \frac{\sum_n \ell_n}{\sum_n w_{y_n}}

    Parameters
    ----------
    logits : Tensor, shape (N, C) or (N, C, d1, ...)
        Raw class scores.
    target : Tensor
        Class indices, shape (N,) or (N, d1, ...), or class probabilities with the shape
        of ``logits`` (then the loss is :math:`-\sum_c w_c y_c \log p_c`).
    weight : Tensor or array-like of shape (C,), optional
        Per-class weights (see :func:`class_weights`).
    reduction : {'mean', 'sum', 'none'}
        ``'mean'`` with class-index targets is the *weighted* mean, divided by the sum of
        the weights of the targets, exactly as :func:`torch.nn.functional.cross_entropy`;
        with probability targets it divides by the number of samples (not by the weights).

    Returns
    -------
    Tensor
        A scalar, or per-sample losses for ``reduction='none'``.

    Examples
    --------
    A dog image scored dog 0.9 / cat 0.1 (logits are log-probabilities here):

    >>> logits = torch.log(torch.tensor([[0.9, 0.1]]))
    >>> round(cross_entropy(logits, torch.tensor([0])).item(), 5)
    0.10536

    Notes
    -----
    ``ignore_index`` and ``label_smoothing`` of the PyTorch function are not supported;
    a target outside ``[0, C)`` raises ``ValueError``.

    References
    ----------
    PyTorch, ``torch.nn.CrossEntropyLoss``.
    """
    _check_reduction(reduction)
    _check_logits(logits, min_dim=2)
    kind = _check_class_targets(logits, target)
    n_classes = logits.shape[1]
    weight = _check_class_vector(weight, "weight", n_classes, logits)
    log_p = _log_softmax(logits)
    if kind == "probabilities":
        if weight is not None:
            shape = [1, n_classes] + [1] * (logits.dim() - 2)
            target = target * weight.view(shape)
        loss = -(target * log_p).sum(dim=1)
        return _reduce(loss, reduction)
    target = target.long()
    loss = -log_p.gather(1, target.unsqueeze(1)).squeeze(1)
    if weight is None:
        return _reduce(loss, reduction)
    sample_weight = weight[target]
    return _reduce(loss * sample_weight, reduction, denominator=sample_weight.sum())


def binary_cross_entropy(logits, target, pos_weight=None, reduction="mean"):
    r"""Binary cross-entropy on logits (sigmoid + BCE in one stable step).

    .. math::
        \ell = -\left[ w_+ \, y \log \sigma(x) + (1 - y) \log (1 - \sigma(x)) \right]

    using :math:`\log \sigma(x) = -\mathrm{softplus}(-x)` and
    :math:`\log(1 - \sigma(x)) = -\mathrm{softplus}(x)`, which stay finite for any x.

    Parameters
    ----------
    logits : Tensor of any shape
    target : Tensor, same shape as ``logits``
        Labels (or soft labels) in [0, 1].
    pos_weight : float or Tensor, optional
        Weight :math:`w_+` of the positive term; a tensor broadcasts along the last
        (class) dimension as in PyTorch. ``n_negative / n_positive`` balances the classes.
    reduction : {'mean', 'sum', 'none'}
        ``'mean'`` averages over all elements.

    Examples
    --------
    >>> round(binary_cross_entropy(torch.tensor([0.0]), torch.tensor([1.0])).item(), 5)
    0.69315
    >>> binary_cross_entropy(torch.tensor([100.0]), torch.tensor([0.0])).item()
    100.0

    References
    ----------
    PyTorch, ``torch.nn.functional.binary_cross_entropy_with_logits``.
    """
    _check_reduction(reduction)
    _check_logits(logits, min_dim=0)
    target = _check_binary_targets(logits, target)
    softplus = torch.nn.functional.softplus
    positive_term = target * softplus(-logits)
    if pos_weight is not None:
        pos_weight = torch.as_tensor(pos_weight, dtype=logits.dtype, device=logits.device)
        if not torch.isfinite(pos_weight).all() or (pos_weight < 0).any():
            raise ValueError("`pos_weight` must be finite and non-negative.")
        # Broadcasting must not change the loss's shape: (N, 1) logits with an (N,) weight
        # would otherwise silently give an (N, N) loss (PyTorch raises here).
        try:
            broadcast = torch.broadcast_shapes(pos_weight.shape, logits.shape)
        except RuntimeError:
            broadcast = None
        if broadcast != logits.shape:
            raise ValueError(
                f"`pos_weight` of shape {tuple(pos_weight.shape)} does not broadcast to "
                f"`logits` of shape {tuple(logits.shape)}; pass a scalar or one weight per "
                "class (the last dimension)."
            )
        positive_term = positive_term * pos_weight
    loss = positive_term + (1 - target) * softplus(logits)
    return _reduce(loss, reduction)


def _check_binary_targets(logits, target):
    if not isinstance(target, torch.Tensor):
        raise ValueError(f"`target` must be a torch.Tensor, got {type(target).__name__}.")
    if target.shape != logits.shape:
        raise ValueError(f"`target` must have the shape of `logits` {tuple(logits.shape)}, "
                         f"got {tuple(target.shape)}.")
    target = target.to(logits.dtype)
    if not torch.isfinite(target).all() or (target < 0).any() or (target > 1).any():
        raise ValueError("`target` values must lie in [0, 1] (1 = positive, 0 = negative).")
    return target


def sigmoid_focal_loss(logits, target, alpha=0.25, gamma=2.0, reduction="none"):
    r"""Binary (sigmoid) focal loss of RetinaNet, as :func:`torchvision.ops.sigmoid_focal_loss`.

    .. math::
        p_t = p y + (1 - p)(1 - y), \qquad
        \mathrm{FL}(p_t) = -\alpha_t (1 - p_t)^{\gamma} \log p_t

    with :math:`p = \sigma(x)` and :math:`\alpha_t = \alpha y + (1 - \alpha)(1 - y)`.
    The factor :math:`(1 - p_t)^\gamma` shrinks the loss of easy examples
    (:math:`p_t \to 1`) so the hard ones dominate training.

    Parameters
    ----------
    logits : Tensor of any shape
    target : Tensor, same shape
        Binary labels (soft labels are accepted).
    alpha : float, default 0.25
        Weight of the positive class in [0, 1]; ``-1`` or ``None`` switches weighting off.
    gamma : float, default 2.0
        Focusing parameter, ``>= 0``. ``gamma=0, alpha=None`` is plain BCE-with-logits.
    reduction : {'none', 'mean', 'sum'}
        Note the default is ``'none'``, as in torchvision.

    Examples
    --------
    An easy positive (p = 0.9) counts far less than a hard one (p = 0.1):

    >>> x = torch.logit(torch.tensor([0.9, 0.1]))
    >>> loss = sigmoid_focal_loss(x, torch.ones(2), alpha=None)
    >>> [round(v, 5) for v in loss.tolist()]
    [0.00105, 1.86509]

    References
    ----------
    T.-Y. Lin, P. Goyal, R. Girshick, K. He and P. Dollár, "Focal Loss for Dense Object
    Detection", ICCV 2017. https://arxiv.org/abs/1708.02002
    """
    _check_reduction(reduction)
    _check_logits(logits, min_dim=0)
    target = _check_binary_targets(logits, target)
    gamma = _check_gamma(gamma)
    if alpha is not None and alpha != -1 and not (0 <= alpha <= 1):
        raise ValueError(f"`alpha` must be in [0, 1], or -1/None to switch it off; got {alpha}.")
    p = torch.sigmoid(logits)
    ce_loss = binary_cross_entropy(logits, target, reduction="none")
    p_t = p * target + (1 - p) * (1 - target)
    loss = ce_loss * ((1 - p_t) ** gamma)
    if alpha is not None and alpha != -1:
        alpha_t = alpha * target + (1 - alpha) * (1 - target)
        loss = alpha_t * loss
    return _reduce(loss, reduction)


def _check_gamma(gamma):
    if (isinstance(gamma, bool) or not isinstance(gamma, numbers.Real)
            or not math.isfinite(gamma) or gamma < 0):
        raise ValueError(f"`gamma` must be a finite number >= 0, got {gamma!r}.")
    return float(gamma)


def focal_loss(logits, target, gamma=2.0, alpha=None, reduction="mean"):
    r"""Multi-class (softmax) focal loss.

    .. math::
        \ell_n = -\alpha_{y_n} (1 - p_{n, y_n})^{\gamma} \log p_{n, y_n},
        \qquad p_n = \mathrm{softmax}(x_n)

    Parameters
    ----------
    logits : Tensor, shape (N, C) or (N, C, d1, ...)
    target : Tensor of class indices, shape (N,) or (N, d1, ...)
    gamma : float, default 2.0
        Focusing parameter, ``>= 0``.
    alpha : float or Tensor/array-like of shape (C,), optional
        Class weights :math:`\alpha_c`; a float applies to every class.
    reduction : {'mean', 'sum', 'none'}
        ``'mean'`` divides by the number of samples N, the plain average of the per-sample
        formula above (as in the common multi-class implementations).

    Notes
    -----
    With ``gamma=0`` and ``alpha=None`` this *is* :func:`cross_entropy`. With ``gamma=0``
    and per-class ``alpha`` it equals ``cross_entropy(weight=alpha)`` under ``'sum'`` and
    ``'none'``, but not under ``'mean'``, where weighted cross-entropy divides by
    :math:`\sum_n \alpha_{y_n}` instead of N.

    Examples
    --------
    >>> logits = torch.tensor([[2.0, 0.0, -1.0], [0.5, 0.4, 0.3]])
    >>> target = torch.tensor([0, 2])
    >>> bool(torch.isclose(focal_loss(logits, target, gamma=0.0), cross_entropy(logits, target)))
    True
    >>> round(focal_loss(logits, target, gamma=2.0).item(), 4)
    0.296

    References
    ----------
    T.-Y. Lin et al., "Focal Loss for Dense Object Detection", ICCV 2017.
    """
    _check_reduction(reduction)
    _check_logits(logits, min_dim=2)
    if _check_class_targets(logits, target) != "indices":
        raise ValueError("`focal_loss` needs class-index targets (an integer tensor).")
    gamma = _check_gamma(gamma)
    n_classes = logits.shape[1]
    if alpha is not None and np.ndim(alpha) == 0:
        alpha = [float(alpha)] * n_classes
    alpha = _check_class_vector(alpha, "alpha", n_classes, logits)
    target = target.long()
    log_p_t = _log_softmax(logits).gather(1, target.unsqueeze(1)).squeeze(1)
    p_t = log_p_t.exp()
    loss = -((1 - p_t) ** gamma) * log_p_t
    if alpha is not None:
        loss = alpha[target] * loss
    return _reduce(loss, reduction)


def class_weights(counts, method="inverse"):
    r"""Per-class loss weights from class counts, to counter imbalance.

    With :math:`N = \sum_i n_i` samples and :math:`K` classes:

    - ``'inverse'`` (inverse frequency): :math:`w_i = N / n_i`
    - ``'balanced'``: :math:`w_i = N / (K n_i)`, scikit-learn's
      ``compute_class_weight('balanced')``; the same ratios as ``'inverse'``, scaled so a
      balanced data set gets weight 1 (and the average weight per *sample* is exactly 1)
    - ``'log'`` (log weighting): :math:`w_i = \log(N / n_i)`. The logarithm compresses
      the weights of the *rare* classes relative to each other, but it does not damp the
      ratio between a rare class and a dominant one: as :math:`n_i \to N` the dominant
      class's weight goes to :math:`\log 1 = 0`, so that ratio can be far *larger* than
      inverse frequency's (80:10:10 gives 10.3 against 8.0; 99:1 gives 458 against 99)
    - ``'log1p'`` (smoothed log weighting): :math:`w_i = \log(1 + N / n_i)`, at least
      :math:`\log 2` for every class, so each ratio between two classes is below inverse
      frequency's (80:10:10 gives 2.96; 99:1 gives 6.6): the damping ``'log'`` is often
      said to give

    Parameters
    ----------
    counts : array-like of int, shape (K,)
        Number of training samples in each class; every count must be positive.
    method : {'inverse', 'balanced', 'log', 'log1p'}

    Returns
    -------
    Tensor of shape (K,), float32, ready for ``cross_entropy(weight=...)`` (the losses
    cast it to the logits' dtype).

    Examples
    --------
    The 80:10:10 split (None / Offensive / Hate):

    >>> class_weights([80, 10, 10]).tolist()
    [1.25, 10.0, 10.0]
    >>> [round(w, 4) for w in class_weights([80, 10, 10], method="log").tolist()]
    [0.2231, 2.3026, 2.3026]
    >>> [round(w, 4) for w in class_weights([80, 10, 10], method="log1p").tolist()]
    [0.8109, 2.3979, 2.3979]

    Notes
    -----
    Under the weighted *mean* of :func:`cross_entropy` only the ratios between weights
    matter, so ``'inverse'`` and ``'balanced'`` train identically; ``'log'`` and
    ``'log1p'`` change the ratios. A class holding every sample gets ``'log'`` weight 0.
    The smoothed form is one common choice among several (e.g. effective-number weights);
    none of them is the "right" one, each is a different trade-off to validate.
    """
    counts = np.asarray(counts, dtype=np.float64)
    if counts.ndim != 1 or counts.size == 0:
        raise ValueError(f"`counts` must be a non-empty 1-D list of class counts, got shape {counts.shape}.")
    if not np.all(np.isfinite(counts)) or np.any(counts <= 0):
        raise ValueError(
            "`counts` must be positive for every class: a class with no samples would get an "
            "infinite weight. Drop that class or give it a count of at least 1."
        )
    total = counts.sum()
    if method == "inverse":
        weights = total / counts
    elif method == "balanced":
        weights = total / (counts.size * counts)
    elif method == "log":
        weights = np.log(total / counts)
    elif method == "log1p":
        weights = np.log1p(total / counts)
    else:
        raise ValueError(
            f"`method` must be 'inverse', 'balanced', 'log' or 'log1p', got {method!r}.")
    return torch.tensor(weights, dtype=torch.float32)

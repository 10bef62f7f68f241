"""Tiny models and a fit loop: enough to *see* a loss go down, in about a second on a CPU.

The loop is written out (no DataLoader, no callbacks) so it can be read next to the
lecture's pseudo-code: shuffle, cut into mini-batches, compute the loss, step downhill,
then score the validation set once per epoch. Everything is seeded: the same call gives
the same :class:`History`, number for number, and the global random state of PyTorch is
left as it was.

The course trains in **float64** (double precision), while PyTorch's default is float32.
A matrix product sums its terms in an order that depends on the CPU (MKL and PyTorch
pick their kernels by instruction set), so float32 results differ between machines in
their last bits, and twenty epochs of training amplify those bits into numbers that
differ in the second or third decimal. In float64 the same runs agree to far more digits than the
notebooks print, so a learner's numbers match the course's. It costs about a quarter
more time at these sizes. Pass ``dtype=torch.float32`` to the models and the data to
train as PyTorch usually does.
"""

from __future__ import annotations

import functools
import itertools
import math
import numbers
import os
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import torch
from tqdm.auto import tqdm

from ._validation import as_float_array, check_positive_int, check_seed
from .datasets import DataSplit, float_dtype

__all__ = [
    "logistic_regression",
    "mlp",
    "History",
    "batch_loss_spread",
    "frozen_batch_losses",
    "DivergenceError",
    "fit",
    "predict_proba",
    "predict",
]

_OPTIMIZERS = ("sgd", "adam")
_PROGRESS_ENV = "LECTURELIB_PROGRESS"


@contextmanager
def _seeded(seed):
    # fork_rng restores PyTorch's global generator on exit, so seeding here cannot change
    # what a learner's own torch.rand calls return later in the notebook.
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        yield


@contextmanager
def _single_thread():
    # The matrices here are tiny (32 x 64): handing them to a second OpenMP thread costs
    # more than the maths, and on a busy 2-core machine the spinning worker fights other
    # processes. Measured on the course machine, a 30-epoch digits MLP took 0.6 s on one
    # thread and 4-20 s on two. The setting is global, so it is put back afterwards.
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def logistic_regression(n_features=64, n_classes=10, *, seed=0,
                        dtype=None) -> torch.nn.Module:
    r"""Multinomial logistic regression: one linear layer producing class scores.

    .. math:: z = W x + b, \qquad p = \mathrm{softmax}(z)

    The module returns the logits :math:`z`; the losses in :mod:`lecturelib.losses`
    apply the softmax themselves.

    Parameters
    ----------
    n_features : int, default 64
        Inputs per sample (64 for the 8x8 digits).
    n_classes : int, default 10
        Number of classes, at least 2.
    seed : int, default 0
        Seeds the initial weights (PyTorch's default uniform initialisation) without
        touching the global random state.
    dtype : torch.dtype or str, optional
        Dtype of the weights: float64 (default, the course's precision) or float32.

    Returns
    -------
    torch.nn.Linear

    Examples
    --------
    >>> model = logistic_regression(64, 3)
    >>> model(torch.zeros(5, 64, dtype=torch.float64)).shape
    torch.Size([5, 3])
    """
    n_features = check_positive_int(n_features, "n_features")
    n_classes = check_positive_int(n_classes, "n_classes", minimum=2)
    dtype = float_dtype(dtype)
    with _seeded(check_seed(seed)):
        # Drawn in float32 and then converted, so both dtypes start from the same weights.
        return torch.nn.Linear(n_features, n_classes).to(dtype)


def mlp(n_features=64, n_hidden=64, n_classes=10, *, seed=0, dtype=None) -> torch.nn.Module:
    r"""A multi-layer perceptron with one hidden ReLU layer.

    .. math:: z = W_2 \, \max(0, W_1 x + b_1) + b_2

    Parameters
    ----------
    n_features : int, default 64
    n_hidden : int, default 64
        Width of the hidden layer.
    n_classes : int, default 10
        At least 2.
    seed : int, default 0
        Seeds the initial weights; the global random state is untouched.
    dtype : torch.dtype or str, optional
        Dtype of the weights: float64 (default) or float32.

    Returns
    -------
    torch.nn.Sequential
        ``Linear(n_features, n_hidden) -> ReLU -> Linear(n_hidden, n_classes)``,
        returning logits.

    Examples
    --------
    >>> model = mlp(seed=1)
    >>> sum(p.numel() for p in model.parameters())  # 64*64 + 64 + 64*10 + 10
    4810
    """
    n_features = check_positive_int(n_features, "n_features")
    n_hidden = check_positive_int(n_hidden, "n_hidden")
    n_classes = check_positive_int(n_classes, "n_classes", minimum=2)
    dtype = float_dtype(dtype)
    with _seeded(check_seed(seed)):
        return torch.nn.Sequential(
            torch.nn.Linear(n_features, n_hidden),
            torch.nn.ReLU(),
            torch.nn.Linear(n_hidden, n_classes),
        ).to(dtype)


_CURVES = ("train_loss", "val_loss", "train_accuracy", "val_accuracy")


@dataclass
class History:
    """Per-epoch record of a training run, as returned by :func:`fit`.

    Attributes
    ----------
    train_loss : list of float
        Mean training loss of each epoch, over its mini-batches (weighted by batch size).
    val_loss : list of float
        Loss on the whole validation set at the end of each epoch.
    train_accuracy, val_accuracy : list of float
        Fraction of correct argmax predictions, measured like the losses.
    batch_loss : list of float
        The loss of every mini-batch, in training order: the raw, noisy signal the
        optimiser actually follows (its spread shows the effect of the batch size).
    lr, batch_size, epochs, loss_name, optimizer
        The settings of the run, for labelling plots and tables.

    Examples
    --------
    >>> h = History(val_loss=[0.9, 0.5, 0.5, 0.7])
    >>> h.best_epoch  # 1-based; the earliest of tied minima
    2
    """

    train_loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    train_accuracy: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    batch_loss: list[float] = field(default_factory=list)
    lr: float | None = None
    batch_size: int | None = None
    epochs: int | None = None
    loss_name: str = ""
    optimizer: str = ""

    @property
    def best_epoch(self) -> int:
        """The 1-based epoch with the lowest validation loss (the earliest on ties).

        This is where early stopping would have kept the weights. NaN entries are skipped.
        """
        values = np.asarray(self.val_loss, dtype=np.float64)
        if values.size == 0 or np.all(np.isnan(values)):
            raise ValueError("This History has no validation losses yet; train for an epoch first.")
        return int(np.nanargmin(values)) + 1

    @property
    def final(self) -> dict:
        """The last epoch's numbers: ``{'epoch', 'train_loss', 'val_loss', 'train_accuracy',
        'val_accuracy'}`` (``None`` for a curve that was not recorded)."""
        rows = self.to_rows()
        if not rows:
            raise ValueError("This History is empty; train for an epoch first.")
        return rows[-1]

    def to_rows(self) -> list[dict]:
        """One dict per epoch (``epoch`` is 1-based), ready for a table or a DataFrame."""
        curves = [getattr(self, name) for name in _CURVES]
        return [
            {"epoch": epoch, **dict(zip(_CURVES, values))}
            for epoch, values in enumerate(itertools.zip_longest(*curves), start=1)
        ]

    def __repr__(self) -> str:
        n = max(len(getattr(self, name)) for name in _CURVES)
        settings = ", ".join(
            f"{k}={v}" for k, v in (("loss", self.loss_name), ("optimizer", self.optimizer),
                                    ("lr", self.lr), ("batch_size", self.batch_size))
            if v not in (None, "")
        )
        text = f"History({n} epoch{'s' * (n != 1)}" + (f"; {settings}" if settings else "")
        if self.val_loss and not all(math.isnan(v) for v in self.val_loss):
            best = self.best_epoch
            text += f"; best epoch {best}: val_loss {self.val_loss[best - 1]:.4f}"
        if n:
            last = ", ".join(f"{k} {v:.4f}" for k, v in self.final.items()
                             if k != "epoch" and v is not None)
            text += f"; last: {last}"
        return text + ")"


def batch_loss_spread(history, last_epochs=5) -> float:
    """How far the loss jumps from one mini-batch to the next, late in training.

    The standard deviation of the differences between the losses of consecutive
    mini-batches over the last ``last_epochs`` epochs: the width of the thin, noisy
    training curve. Differences, not the losses themselves, so that a curve that is still
    falling does not count as noise. The last mini-batch of every epoch is left out: when
    the batch size does not divide the training set it is smaller than the others, and a
    smaller batch gives a noisier loss.

    Parameters
    ----------
    history : History
        A run from :func:`fit`; needs ``batch_loss`` and ``val_loss`` (one entry per
        epoch, used to count the batches per epoch).
    last_epochs : int, default 5
        How many of the final epochs to look at.

    Returns
    -------
    float
        0 for a perfectly steady curve; NaN when fewer than three batches remain (e.g. one
        full batch per epoch over a single epoch).

    Examples
    --------
    >>> h = History(val_loss=[1.0, 1.0], batch_loss=[2.0, 1.0, 9.0, 2.0, 1.0, 9.0])
    >>> batch_loss_spread(h, last_epochs=2)  # 2.0, 1.0 | 2.0, 1.0 -> jumps -1, +1, -1
    0.9428090415820634
    """
    last_epochs = check_positive_int(last_epochs, "last_epochs")
    batch_loss = np.asarray(history.batch_loss, dtype=np.float64)
    n_epochs = len(history.val_loss)
    if n_epochs == 0 or batch_loss.size % n_epochs:
        raise ValueError(
            f"`history` has {batch_loss.size} batch losses for {n_epochs} epochs; pass a "
            "History from fit(), which records every mini-batch of every epoch."
        )
    if last_epochs > n_epochs:
        raise ValueError(f"`last_epochs` is {last_epochs} but `history` has only {n_epochs} "
                         "epochs; pass at most that many.")
    per_epoch = batch_loss.reshape(n_epochs, -1)[-last_epochs:, :-1]
    if per_epoch.size < 3:
        return float("nan")
    return float(np.std(np.diff(per_epoch.ravel())))


def frozen_batch_losses(model, data: DataSplit, loss_fn, *, batch_size, epochs=5,
                        seed=0) -> History:
    r"""The mini-batch losses :func:`fit` would record if the weights never moved.

    Shuffles the training set and cuts it into mini-batches exactly as :func:`fit` does
    (the same ``seed`` gives the same batches), but only *evaluates* ``loss_fn`` on each
    batch: nothing is updated. The loss still jumps from one batch to the next, because
    each batch averages different examples. If the examples' losses have standard
    deviation :math:`\sigma`, the loss of a batch of :math:`B` of them has about
    :math:`\sigma / \sqrt{B}`, and the jump between two batches

    .. math:: \sqrt{2}\, \sigma / \sqrt{B},

    so :func:`batch_loss_spread` of the result is the part of a run's batch jump that
    averaging alone explains, with no learning at all.

    Parameters
    ----------
    model : torch.nn.Module
        Maps a batch (batch, n_features) to logits (batch, n_classes). It is evaluated
        in eval mode (dropout off, batch-norm statistics fixed, so nothing about it
        changes) and left in the mode it was in.
    data : DataSplit
        Batches come from ``X_train, y_train``; ``X_val, y_val`` give ``val_loss``.
    loss_fn : callable
        ``loss_fn(logits, target) -> scalar tensor``, as for :func:`fit`.
    batch_size : int
        Samples per batch; the last batch of an epoch may be smaller, as in :func:`fit`.
    epochs : int, default 5
        How many shuffled passes over the training set.
    seed : int, default 0
        Seeds the shuffling, as :func:`fit`'s ``seed`` does.

    Returns
    -------
    History
        ``batch_loss`` holds every batch's loss, epoch after epoch; ``val_loss`` holds the
        validation loss once per epoch (the same number each time, since nothing
        changes), so that :func:`batch_loss_spread` can count the epochs.

    Examples
    --------
    >>> from lecturelib.datasets import load_digits_split
    >>> from lecturelib.losses import cross_entropy
    >>> h = frozen_batch_losses(mlp(), load_digits_split(), cross_entropy, batch_size=64, epochs=2)
    >>> len(h.batch_loss), len(set(h.val_loss))  # 1079 images: 17 batches per epoch
    (34, 1)
    >>> batch_loss_spread(h, last_epochs=2) > 0  # frozen, and still it jumps
    True
    """
    if not isinstance(model, torch.nn.Module):
        raise ValueError(f"`model` must be a torch.nn.Module, got {type(model).__name__}.")
    if not isinstance(data, DataSplit):
        raise ValueError(
            f"`data` must be a DataSplit (e.g. from load_digits_split()), got "
            f"{type(data).__name__}."
        )
    if not callable(loss_fn):
        raise ValueError(f"`loss_fn` must be callable as loss_fn(logits, target), got "
                         f"{type(loss_fn).__name__}.")
    batch_size = check_positive_int(batch_size, "batch_size")
    epochs = check_positive_int(epochs, "epochs")
    seed = check_seed(seed)
    _check_model_fits_data(model, data)

    X, y = data.X_train, data.y_train
    n_train = len(y)
    history = History(batch_size=batch_size, epochs=epochs, loss_name=_loss_name(loss_fn))
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad(), _single_thread():
            # Frozen weights: every example's logits are the same in any batch, so compute
            # them once and only regroup them below.
            logits = model(X)
            val_loss = loss_fn(model(data.X_val), data.y_val)
            _check_loss_value(val_loss)
            generator = torch.Generator().manual_seed(seed)
            for _ in range(epochs):
                order = torch.randperm(n_train, generator=generator)
                for start in range(0, n_train, batch_size):
                    idx = order[start:start + batch_size]
                    loss = loss_fn(logits[idx], y[idx])
                    _check_loss_value(loss)
                    history.batch_loss.append(loss.item())
                history.val_loss.append(val_loss.item())
    finally:
        model.train(was_training)
    return history


class _SGD:
    """Stochastic gradient descent with optional momentum, as ``torch.optim.SGD``.

    The update rules are written out here rather than taken from :mod:`torch.optim`:
    the first optimizer PyTorch builds in a process imports ``torch._dynamo``, which
    takes about 2 s, longer than a whole training run of this course. The arithmetic
    is PyTorch's own (tests compare the two step by step).
    """

    def __init__(self, params, lr, momentum=0.0):
        self.params, self.lr, self.momentum = params, lr, momentum
        self.velocity = [None] * len(params)

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    @torch.no_grad()
    def step(self):
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            direction = p.grad
            if self.momentum:
                # v <- momentum * v + g, and the step follows v: a ball rolling downhill.
                if self.velocity[i] is None:
                    self.velocity[i] = direction.clone()
                else:
                    self.velocity[i].mul_(self.momentum).add_(direction)
                direction = self.velocity[i]
            p.add_(direction, alpha=-self.lr)


class _Adam:
    """Adam with PyTorch's defaults (betas 0.9 and 0.999, eps 1e-8), as ``torch.optim.Adam``."""

    def __init__(self, params, lr, betas=(0.9, 0.999), eps=1e-8):
        self.params, self.lr, self.betas, self.eps = params, lr, betas, eps
        self.steps = 0
        self.mean = [torch.zeros_like(p) for p in params]
        self.square = [torch.zeros_like(p) for p in params]

    zero_grad = _SGD.zero_grad

    @torch.no_grad()
    def step(self):
        beta1, beta2 = self.betas
        self.steps += 1
        # Both running averages start at 0, so early on they are too small; dividing by
        # 1 - beta**t removes that bias (Kingma & Ba 2015, section 3).
        step_size = self.lr / (1 - beta1 ** self.steps)
        correction2 = math.sqrt(1 - beta2 ** self.steps)
        for p, m, v in zip(self.params, self.mean, self.square):
            if p.grad is None:
                continue
            g = p.grad
            m.lerp_(g, 1 - beta1)
            v.mul_(beta2).addcmul_(g, g, value=1 - beta2)
            p.addcdiv_(m, (v.sqrt() / correction2).add_(self.eps), value=-step_size)


class DivergenceError(ValueError, RuntimeError):
    """Training blew up: the loss or the model's outputs became NaN or infinite.

    Almost always the learning rate is too large. Both a ``ValueError`` (a bad ``lr``)
    and a ``RuntimeError`` (it happened while running). ``history`` holds the epochs that
    finished before it happened.
    """

    def __init__(self, message, history):
        super().__init__(message)
        self.history = history


def _check_lr(lr):
    if (isinstance(lr, bool) or not isinstance(lr, numbers.Real)
            or not math.isfinite(lr) or lr <= 0):
        raise ValueError(f"`lr` (the learning rate) must be a positive number such as 0.1, "
                         f"got {lr!r}.")
    return float(lr)


def _check_momentum(momentum, optimizer):
    if (isinstance(momentum, bool) or not isinstance(momentum, numbers.Real)
            or not math.isfinite(momentum) or not 0 <= momentum < 1):
        raise ValueError(f"`momentum` must be in [0, 1) (0.9 is common), got {momentum!r}.")
    if optimizer == "adam" and momentum != 0:
        raise ValueError(
            "`momentum` applies to optimizer='sgd' only; Adam keeps its own running "
            "averages. Leave momentum=0 with 'adam'."
        )
    return float(momentum)


def _check_sampler_weights(sampler_weights, n_train):
    if sampler_weights is None:
        return None
    if isinstance(sampler_weights, torch.Tensor):
        sampler_weights = sampler_weights.detach().cpu().numpy()
    w = as_float_array(sampler_weights, "sampler_weights", ndim=1)
    if w.shape[0] != n_train:
        raise ValueError(
            f"`sampler_weights` has {w.shape[0]} values but there are {n_train} training "
            "samples; pass one weight per training sample, e.g. 1 / counts[data.y_train]."
        )
    if np.any(w < 0) or not np.any(w > 0):
        raise ValueError(
            "`sampler_weights` must be >= 0 with at least one positive weight (a sample's "
            "weight is its relative chance of being drawn)."
        )
    return torch.as_tensor(w, dtype=torch.float64)


def _progress_enabled(progress):
    if progress is None:
        return os.environ.get(_PROGRESS_ENV, "").strip() != "0"
    if isinstance(progress, bool):
        return progress
    raise ValueError(f"`progress` must be True, False or None (automatic), got {progress!r}.")


def _loss_name(loss_fn):
    while isinstance(loss_fn, functools.partial):
        loss_fn = loss_fn.func
    name = getattr(loss_fn, "__name__", None)
    return name if isinstance(name, str) else type(loss_fn).__name__


def _parameter_dtype(model):
    first = next(iter(model.parameters()), None)
    return first.dtype if first is not None else torch.float32


def _check_model_fits_data(model, data):
    weights = _parameter_dtype(model)
    if weights != data.dtype:
        raise ValueError(
            f"`model` has {weights} weights but `data` holds {data.dtype} inputs; give both "
            f"one dtype, e.g. build the model with dtype={data.dtype} (mlp(..., "
            f"dtype=...)) or convert it with model.to({data.dtype})."
        )
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            out = model(data.X_train[:2])
    except RuntimeError as exc:
        raise ValueError(
            f"`model` cannot take `data.X_train` ({data.n_features} features per sample): "
            f"{exc}. Build it with n_features={data.n_features}."
        ) from None
    finally:
        model.train(was_training)
    expected = (min(2, len(data.y_train)), data.n_classes)
    if not isinstance(out, torch.Tensor) or tuple(out.shape) != expected:
        shape = tuple(out.shape) if isinstance(out, torch.Tensor) else type(out).__name__
        raise ValueError(
            f"`model` must return logits of shape (batch, {data.n_classes}) for `data`'s "
            f"{data.n_classes} classes, got {shape}. Build it with n_classes={data.n_classes}."
        )


def _check_loss_value(loss):
    if not isinstance(loss, torch.Tensor) or loss.dim() != 0:
        shape = tuple(loss.shape) if isinstance(loss, torch.Tensor) else type(loss).__name__
        raise ValueError(
            f"`loss_fn` must return a scalar tensor, got {shape}; use reduction='mean'."
        )


def _diverged(history, lr, epoch, batch, what, value):
    kind = "NaN" if math.isnan(value) else "infinite"
    where = f"epoch {epoch}" + (f", batch {batch}" if batch is not None else " (validation)")
    return DivergenceError(
        f"Training diverged at {where}: {what} became {kind}. The learning rate "
        f"`lr`={lr:g} is probably too high; try a smaller one (e.g. lr={lr / 10:g}). "
        "The model's weights are now unusable: build a fresh model before fitting again.",
        history,
    )


def fit(model, data: DataSplit, loss_fn, *, lr=0.1, batch_size=32, epochs=20,
        optimizer="sgd", momentum=0.0, seed=0, sampler_weights=None,
        progress=None) -> History:
    r"""Train ``model`` on ``data`` with mini-batch gradient descent; return its History.

    Each epoch shuffles the training set, walks through it in mini-batches and takes one
    optimizer step per batch,

    .. math:: \theta \leftarrow \theta - \eta \, \nabla_\theta L_{\text{batch}}(\theta)

    (plain SGD with learning rate :math:`\eta`; momentum and Adam refine the step), then
    scores the whole validation set without updating anything. The model is trained in
    place.

    Parameters
    ----------
    model : torch.nn.Module
        Maps a batch (batch, n_features) to logits (batch, n_classes), e.g.
        :func:`mlp` or :func:`logistic_regression`.
    data : DataSplit
        Trains on ``X_train, y_train``; validates on ``X_val, y_val`` (the test part is
        not touched). Its dtype must be the model's (float64 for both by default).
    loss_fn : callable
        ``loss_fn(logits, target) -> scalar tensor``, e.g.
        :func:`lecturelib.losses.cross_entropy` or
        ``lambda z, y: cross_entropy(z, y, weight=w)``.
    lr : float, default 0.1
        Learning rate, ``> 0``.
    batch_size : int, default 32
        Samples per step; the last batch of an epoch may be smaller.
    epochs : int, default 20
        Passes over the training set.
    optimizer : {'sgd', 'adam'}, default 'sgd'
        The update rule, with the arithmetic of ``torch.optim.SGD`` and
        ``torch.optim.Adam`` (default betas and eps, no weight decay).
    momentum : float, default 0.0
        SGD momentum in [0, 1); must stay 0 with Adam.
    seed : int, default 0
        Seeds the shuffling (and the sampler, and any randomness inside the model such
        as dropout) through a private generator; the global random state is untouched.
    sampler_weights : array-like of shape (n_train,), optional
        One non-negative weight per training sample. Each epoch then draws ``n_train``
        indices *with replacement*, sample ``i`` with probability proportional to
        ``sampler_weights[i]``, via :class:`torch.utils.data.WeightedRandomSampler`:
        with ``1 / class_count[y]`` every class is drawn equally often (oversampling).
    progress : bool, optional
        Show a tqdm bar over epochs with the latest losses. ``None`` (default) shows it
        unless the environment variable ``LECTURELIB_PROGRESS`` is ``'0'`` (set by the
        test runner and when re-executing the notebooks).

    Returns
    -------
    History

    Raises
    ------
    DivergenceError
        (a ``ValueError`` and a ``RuntimeError``) as soon as the model's outputs or the
        loss become NaN or infinite, with a message naming ``lr``; its ``history`` holds
        the finished epochs.

    Examples
    --------
    >>> from lecturelib.datasets import load_digits_split
    >>> from lecturelib.losses import cross_entropy
    >>> history = fit(mlp(), load_digits_split(), cross_entropy, epochs=3, progress=False)
    >>> len(history.train_loss), history.train_loss[-1] < history.train_loss[0]
    (3, True)
    >>> history.final["val_accuracy"] > 0.8
    True

    Notes
    -----
    The training loss and accuracy of an epoch are measured on the fly, batch by batch,
    while the weights are still changing (as Keras and most tutorials report them); the
    validation numbers use the weights at the end of the epoch. So early on the training
    loss can sit *above* the validation loss without anything being wrong. With
    ``sampler_weights`` they describe the resampled batches, not the original class mix.

    PyTorch runs single-threaded inside ``fit`` (restored afterwards): for models this
    small, thread hand-offs cost more than they save. The optimizers are written out in
    this module, not taken from :mod:`torch.optim`, whose first use costs about 2 s.

    References
    ----------
    D. P. Kingma and J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015.
    https://arxiv.org/abs/1412.6980
    """
    if not isinstance(model, torch.nn.Module):
        raise ValueError(f"`model` must be a torch.nn.Module, got {type(model).__name__}.")
    if not isinstance(data, DataSplit):
        raise ValueError(
            f"`data` must be a DataSplit (e.g. from load_digits_split()), got "
            f"{type(data).__name__}."
        )
    if not callable(loss_fn):
        raise ValueError(f"`loss_fn` must be callable as loss_fn(logits, target), got "
                         f"{type(loss_fn).__name__}.")
    lr = _check_lr(lr)
    batch_size = check_positive_int(batch_size, "batch_size")
    epochs = check_positive_int(epochs, "epochs")
    if not isinstance(optimizer, str) or optimizer.lower() not in _OPTIMIZERS:
        raise ValueError(f"`optimizer` must be one of {_OPTIMIZERS}, got {optimizer!r}.")
    optimizer = optimizer.lower()
    momentum = _check_momentum(momentum, optimizer)
    seed = check_seed(seed)
    X, y = data.X_train, data.y_train
    n_train = len(y)
    weights = _check_sampler_weights(sampler_weights, n_train)
    show = _progress_enabled(progress)
    params = [p for p in model.parameters() if p.requires_grad]
    if not params:
        raise ValueError("`model` has no trainable parameters (none with requires_grad=True).")
    _check_model_fits_data(model, data)

    history = History(lr=lr, batch_size=batch_size, epochs=epochs,
                      loss_name=_loss_name(loss_fn), optimizer=optimizer)
    opt = _SGD(params, lr, momentum) if optimizer == "sgd" else _Adam(params, lr)

    with _seeded(seed), _single_thread(), tqdm(
        total=epochs, desc=history.loss_name, unit="epoch", disable=not show
    ) as bar:
        generator = torch.Generator().manual_seed(seed)
        sampler = None
        if weights is not None:
            sampler = torch.utils.data.WeightedRandomSampler(
                weights, num_samples=n_train, replacement=True, generator=generator)
        for epoch in range(1, epochs + 1):
            if sampler is None:
                order = torch.randperm(n_train, generator=generator)
            else:
                order = torch.as_tensor(list(sampler), dtype=torch.int64)
            model.train()
            loss_sum, correct = 0.0, 0
            for batch, start in enumerate(range(0, n_train, batch_size), start=1):
                # Indexing the tensors directly: a DataLoader would add collation overhead
                # that dominates at this size.
                idx = order[start:start + batch_size]
                xb, yb = X[idx], y[idx]
                logits = model(xb)
                if not torch.isfinite(logits).all():
                    bad = float(logits.detach()[~torch.isfinite(logits)][0])
                    raise _diverged(history, lr, epoch, batch, "the model's outputs", bad)
                loss = loss_fn(logits, yb)
                _check_loss_value(loss)
                value = loss.item()
                if not math.isfinite(value):
                    raise _diverged(history, lr, epoch, batch, "the loss", value)
                if not loss.requires_grad:
                    raise ValueError(
                        "`loss_fn` returned a tensor with no gradient; compute it from "
                        "`logits` with torch operations (no .item(), .detach() or NumPy)."
                    )
                opt.zero_grad()
                loss.backward()
                opt.step()
                loss_sum += value * len(idx)
                history.batch_loss.append(value)
                correct += int((logits.argmax(dim=1) == yb).sum())

            model.eval()
            with torch.no_grad():
                val_logits = model(data.X_val)
                if not torch.isfinite(val_logits).all():
                    bad = float(val_logits[~torch.isfinite(val_logits)][0])
                    raise _diverged(history, lr, epoch, None, "the model's outputs", bad)
                val_loss = loss_fn(val_logits, data.y_val)
                _check_loss_value(val_loss)
                val_loss = val_loss.item()
                if not math.isfinite(val_loss):
                    raise _diverged(history, lr, epoch, None, "the validation loss", val_loss)
                val_correct = int((val_logits.argmax(dim=1) == data.y_val).sum())
            history.train_loss.append(loss_sum / n_train)
            history.val_loss.append(val_loss)
            history.train_accuracy.append(correct / n_train)
            history.val_accuracy.append(val_correct / len(data.y_val))
            bar.set_postfix(train_loss=f"{history.train_loss[-1]:.4f}",
                            val_loss=f"{val_loss:.4f}", refresh=False)
            bar.update(1)
    return history


def _as_inputs(X, dtype):
    if isinstance(X, torch.Tensor):
        X = X.detach()
    else:
        X = torch.as_tensor(as_float_array(X, "X", ndim=2))
    if X.dim() != 2 or X.shape[0] == 0:
        raise ValueError(f"`X` must be a non-empty 2-D batch (samples x features), got shape "
                         f"{tuple(X.shape)}.")
    # The model's own dtype: a float64 model fed float32 pixels (or the reverse) would fail.
    return X.to(dtype)


def predict_proba(model, X) -> torch.Tensor:
    """Class probabilities ``softmax(model(X))``, one row per sample.

    Runs without gradients and in eval mode (so dropout and batch-norm behave as at test
    time); the model's previous mode is restored afterwards.

    Parameters
    ----------
    model : torch.nn.Module
        Returns logits of shape (n_samples, n_classes).
    X : Tensor or array-like, shape (n_samples, n_features)

    Returns
    -------
    Tensor of the model's dtype, shape (n_samples, n_classes)
        Each row sums to 1.

    Examples
    --------
    >>> proba = predict_proba(logistic_regression(4, 3), torch.zeros(2, 4))
    >>> proba.shape, bool(torch.allclose(proba.sum(dim=1), torch.ones(2, dtype=proba.dtype)))
    (torch.Size([2, 3]), True)
    """
    if not isinstance(model, torch.nn.Module):
        raise ValueError(f"`model` must be a torch.nn.Module, got {type(model).__name__}.")
    X = _as_inputs(X, _parameter_dtype(model))
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad(), _single_thread():
            logits = model(X)
    finally:
        model.train(was_training)
    if logits.dim() != 2:
        raise ValueError(f"`model` must return logits of shape (n_samples, n_classes), "
                         f"got {tuple(logits.shape)}.")
    return torch.softmax(logits, dim=1)


def predict(model, X) -> torch.Tensor:
    """Predicted class index of each sample: the argmax of :func:`predict_proba`.

    Returns
    -------
    Tensor of int64, shape (n_samples,)

    Examples
    --------
    >>> model = logistic_regression(2, 2)
    >>> predict(model, [[0.0, 0.0], [1.0, 2.0]]).dtype
    torch.int64
    """
    return predict_proba(model, X).argmax(dim=1)

"""Stand-ins for a generative model's output: digits with a controlled defect.

- :func:`digit_training_images`: the fixed training split of the digits that the
  generative-model examples share (the train part of
  :func:`~lecturelib.datasets.load_digits_split`);
- :func:`generated_digits`: held-out real digits, or copies with one known defect
  (noise, blur, a shift, mode collapse, memorised training images), so a metric can be
  checked against the truth.
"""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import check_positive_int, check_seed
from ._common import _check_real, _digits
from .images import _check_shift, _separable_blur, _shift_right

__all__ = ["digit_training_images", "generated_digits"]


# The digits' fixed training split: the train part of load_digits_split() (its defaults,
# val_size = test_size = 0.2, seed 0). Everything else (its val and test parts) is
# "held out": the pool that generated_digits draws from, never used for training.
_DIGITS_SPLIT_SEED = 0
_DIGITS_HELD_OUT_FRACTION = 0.2  # for each of validation and test


_DIGIT_PARTS = []  # filled once by _digit_parts()


def _digit_parts():
    """(X, y, train_index, held_out_index) of the digits, the indices sorted; cached."""
    if _DIGIT_PARTS:
        return _DIGIT_PARTS[0]
    from sklearn.model_selection import train_test_split

    X, y = _digits()
    n = len(y)
    # The same two calls as tabular._stratified_split, so the split is
    # load_digits_split()'s.
    n_part = round(_DIGITS_HELD_OUT_FRACTION * n)
    index = np.arange(n)
    rest, test = train_test_split(index, test_size=n_part, random_state=_DIGITS_SPLIT_SEED,
                                  stratify=y)
    train, val = train_test_split(rest, test_size=n_part, random_state=_DIGITS_SPLIT_SEED,
                                  stratify=y[rest])
    parts = (X, y, np.sort(train), np.sort(np.concatenate([val, test])))
    for array in parts:
        array.flags.writeable = False  # shared by every call: nobody may change it
    _DIGIT_PARTS.append(parts)
    return parts


def digit_training_images():
    """The fixed training split of the digits that the generative-model examples share.

    These 1,079 images are the ``train`` part of :func:`load_digits_split` with its
    defaults (stratified, seed 0), as NumPy arrays: the feature network and the caption
    model of :mod:`lecturelib.generative.features` learn from them, and
    ``generated_digits(kind="memorised")`` copies them. The other 718 images (that
    split's validation and test parts) are held out: ``generated_digits`` draws its
    real and corrupted sets from those.

    Returns
    -------
    images : ndarray of float64, shape (1079, 64)
        Pixels divided by 16, in [0, 1]; ``images[i].reshape(8, 8)`` is the picture.
    labels : ndarray of int64, shape (1079,)
        The digit 0-9 of each image (about 108 of each).

    Examples
    --------
    >>> images, labels = digit_training_images()
    >>> images.shape, labels.shape, float(images.max())
    ((1079, 64), (1079,), 1.0)
    """
    X, y, train, _ = _digit_parts()
    return X[train], y[train]


# Each kind's parameters and their defaults.
_GENERATED_KINDS = {
    "real": {},
    "noise": {"std": 0.2},
    "blur": {"sigma": 0.7},
    "shift": {"pixels": 1},
    "mode_collapse": {"dropped": 5},
    "memorised": {},
}


def _check_generated_params(kind, params):
    if not isinstance(kind, str) or kind not in _GENERATED_KINDS:
        raise ValueError(f"`kind` must be one of {tuple(_GENERATED_KINDS)}, got {kind!r}.")
    allowed = _GENERATED_KINDS[kind]
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        takes = (f"only the parameter `{next(iter(allowed))}`" if allowed
                 else "no parameters")
        raise ValueError(
            f"generated_digits(kind={kind!r}) takes {takes}; got unexpected "
            f"`{unknown[0]}`."
        )
    values = {**allowed, **params}
    if kind == "noise":
        values["std"] = _check_real(values["std"], "std", minimum=0)
    elif kind == "blur":
        values["sigma"] = _check_real(values["sigma"], "sigma", minimum=0)
    elif kind == "shift":
        values["pixels"] = _check_shift(values["pixels"], 8, "pixels")
    elif kind == "mode_collapse":
        dropped = values["dropped"]
        if (isinstance(dropped, bool) or not isinstance(dropped, numbers.Integral)
                or not 0 <= dropped <= 9):
            raise ValueError(
                "`dropped` (how many of the 10 digits the generator never produces) must "
                f"be an integer from 0 to 9, got {dropped!r}."
            )
        values["dropped"] = int(dropped)
    return values


def _draw(rng, pool, n):
    """n indices from pool: without replacement when the pool is large enough, else every
    index ⌊n/m⌋ or ⌈n/m⌉ times (whole shuffled rounds, then part of one)."""
    rounds = [rng.permutation(pool) for _ in range(-(-n // len(pool)))]
    return np.concatenate(rounds)[:n]


def generated_digits(kind, *, n=500, seed=0, **params):
    r"""A stand-in for a generative model's output: digits with a controlled defect.

    Real generators are slow to train; these sets are made from scikit-learn's digits
    with one known defect each, so a metric can be checked against the truth: a good
    metric should rank them as the defect says. Every kind except ``'memorised'`` draws
    ``n`` of the 718 *held-out* digits (those outside :func:`digit_training_images`) in
    random order; the corrupting kinds then change those very images, so with one
    ``seed`` and ``n`` they are the ``'real'`` set plus the defect alone.

    ===============  ==============================  ===========================================
    kind             parameter (default)             what the "generator" does
    ===============  ==============================  ===========================================
    'real'           --                              held-out real digits: a perfect generator
    'noise'          ``std`` (0.2)                   adds Gaussian noise of std ``std`` to each
                                                     pixel, then clips to [0, 1]
    'blur'           ``sigma`` (0.7)                 Gaussian blur of std ``sigma`` pixels on
                                                     the 8 x 8 image (mirrored borders)
    'shift'          ``pixels`` (1)                  moves each digit ``pixels`` to the right
                                                     (left if negative), repeating the edge
                                                     column (almost always background, 0)
    'mode_collapse'  ``dropped`` (5)                 never draws the digits ``10 - dropped``
                                                     to 9: all ``n`` images are real digits 0
                                                     to ``9 - dropped``, in their natural
                                                     proportions
    'memorised'      --                              exact copies of ``n`` distinct training
                                                     images: perfect-looking, but no new digit
    ===============  ==============================  ===========================================

    With ``'mode_collapse'``, when the kept digits have fewer than ``n`` held-out images
    (about 72 per digit) the images repeat, each ⌊n/m⌋ or ⌈n/m⌉ times for m
    available, as a collapsed generator repeats itself.

    Parameters
    ----------
    kind : {'real', 'noise', 'blur', 'shift', 'mode_collapse', 'memorised'}
    n : int, default 500
        Number of images: at most 718 (the held-out digits), or 1,079 for
        ``'memorised'`` (the training images); any number for ``'mode_collapse'``.
    seed : int, default 0
        Seeds which images are drawn and the noise; the same arguments give the same
        arrays. Which images are drawn does not depend on ``std``, ``sigma`` or
        ``pixels``, so one seed compares strengths on the same digits.
    **params
        The kind's one parameter, as in the table (0 gives the real set back).

    Returns
    -------
    images : ndarray of float64, shape (n, 64)
        Pixels in [0, 1] (the digits' 0-16 divided by 16); ``images[i].reshape(8, 8)``.
    labels : ndarray of int64, shape (n,)
        The digit each image shows (for ``'shift'``, ``'noise'`` and ``'blur'`` the digit
        it was made from).

    Examples
    --------
    >>> real, labels = generated_digits("real")
    >>> real.shape, labels.dtype
    ((500, 64), dtype('int64'))
    >>> collapsed, labels = generated_digits("mode_collapse", dropped=3)
    >>> np.unique(labels).tolist()
    [0, 1, 2, 3, 4, 5, 6]
    >>> noisy, _ = generated_digits("noise", std=0.1)
    >>> bool(np.all((0 <= noisy) & (noisy <= 1)))
    True
    """
    values = _check_generated_params(kind, params)
    n = check_positive_int(n, "n")
    seed = check_seed(seed)
    X, y, train, held_out = _digit_parts()
    # Separate streams: which images are drawn does not depend on the noise.
    choice_rng, noise_rng = (np.random.default_rng(child)
                             for child in np.random.SeedSequence(seed).spawn(2))
    if kind == "memorised":
        pool, where = train, "training images (digit_training_images())"
    elif kind == "mode_collapse":
        pool = held_out[y[held_out] < 10 - values["dropped"]]
        where = None
    else:
        pool, where = held_out, "held-out digits"
    if where is not None and n > len(pool):
        raise ValueError(
            f"`n` must be at most {len(pool)} for kind={kind!r}, the number of {where}; "
            f"got {n}."
        )
    index = _draw(choice_rng, pool, n)
    images, labels = X[index], y[index]
    if kind == "noise" and values["std"] > 0:
        images = np.clip(images + values["std"] * noise_rng.standard_normal(images.shape),
                         0.0, 1.0)
    elif kind == "blur" and values["sigma"] > 0:
        images = _separable_blur(images.reshape(n, 8, 8), values["sigma"]).reshape(n, 64)
        images = np.clip(images, 0.0, 1.0)
    elif kind == "shift" and values["pixels"]:
        images = _shift_right(images.reshape(n, 8, 8), values["pixels"]).reshape(n, 64)
    return images, labels

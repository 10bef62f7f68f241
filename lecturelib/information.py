"""Information theory: information content, entropy, cross-entropy and KL divergence.

All functions use the natural logarithm (nats) unless ``base`` is given: ``base=2`` gives
bits. Distributions are 1-D arrays, or 2-D arrays holding one distribution per row, and
must already be normalised: unlike :func:`scipy.stats.entropy`, nothing here rescales
its input, because a "distribution" that does not sum to 1 is usually a bug worth seeing.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_distribution

__all__ = ["information_content", "entropy", "cross_entropy", "kl_divergence"]


def _log_base(base):
    if base is None:
        return 1.0
    if not np.isscalar(base) or not np.isfinite(base) or base <= 0 or base == 1:
        raise ValueError(f"`base` must be a positive number other than 1 (or None), got {base!r}.")
    return float(np.log(base))


def _as_scalar_or_array(x):
    x = np.asarray(x, dtype=np.float64)
    return float(x) if x.ndim == 0 else x


def information_content(p, base=None):
    r"""Information content (surprisal) of an event with probability ``p``.

    .. math:: I(x) = \log \frac{1}{p(x)} = -\log p(x)

    A certain event (p = 1) carries no information; the rarer the event, the more it tells
    us. Works elementwise on arrays.

    Parameters
    ----------
    p : float or array-like
        Probabilities in [0, 1].
    base : float, optional
        Logarithm base. ``None`` (default) gives nats, ``2`` gives bits.

    Returns
    -------
    float or ndarray
        ``-log(p) / log(base)``. ``p = 0`` gives ``inf``: an impossible event that happens
        anyway is infinitely surprising.

    Examples
    --------
    >>> information_content(0.5, base=2)
    1.0
    >>> round(information_content(0.9), 5)
    0.10536

    References
    ----------
    C. E. Shannon, "A Mathematical Theory of Communication", Bell System Technical
    Journal 27 (1948).
    """
    arr = as_float_array(p, "p")
    if np.any(arr < 0) or np.any(arr > 1):
        raise ValueError("`p` must be a probability in [0, 1].")
    with np.errstate(divide="ignore"):
        info = -np.log(arr) / _log_base(base)
    return _as_scalar_or_array(info + 0.0)  # + 0.0 turns -0.0 (for p = 1) into 0.0


def entropy(p, base=None):
    r"""Shannon entropy of a distribution: the expected information content.

    .. math:: H(p) = -\sum_i p_i \log p_i

    Terms with :math:`p_i = 0` contribute 0 (the limit of :math:`p \log p`).

    Parameters
    ----------
    p : array-like, shape (n_outcomes,) or (n_distributions, n_outcomes)
        Probabilities in [0, 1] summing to 1 along the last axis.
    base : float, optional
        Logarithm base; ``None`` gives nats, ``2`` gives bits.

    Returns
    -------
    float or ndarray of shape (n_distributions,)

    Examples
    --------
    A fair coin holds one bit; uniform over 8 classes, three bits:

    >>> entropy([0.5, 0.5], base=2)
    1.0
    >>> entropy([0.125] * 8, base=2)
    3.0

    Notes
    -----
    :func:`scipy.stats.entropy` normalises its input and reduces along axis 0 by
    default; here input must be normalised and reduction is along the last axis.

    References
    ----------
    T. M. Cover and J. A. Thomas, *Elements of Information Theory*, 2nd ed., ch. 2.
    """
    p = check_distribution(p, "p")
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * np.log(p), 0.0)
    return _as_scalar_or_array(terms.sum(axis=-1) / _log_base(base) + 0.0)


def _check_pair(p, q):
    p = check_distribution(p, "p")
    q = check_distribution(q, "q")
    if p.shape != q.shape:
        raise ValueError(
            f"`p` has shape {p.shape} but `q` has shape {q.shape}; both must describe the "
            "same outcomes (and the same number of distributions)."
        )
    return p, q


def cross_entropy(p, q, base=None):
    r"""Cross-entropy of a predicted distribution ``q`` relative to a true one ``p``.

    .. math:: H(p, q) = -\sum_i p_i \log q_i

    With a one-hot ``p`` (the true class ``t``) this is :math:`-\log q_t`, the
    classification loss. Terms with :math:`p_i = 0` contribute 0; if the truth puts mass
    where the prediction puts none (:math:`p_i > 0, q_i = 0`) the result is ``inf``.

    Parameters
    ----------
    p : array-like, shape (n_outcomes,) or (n_distributions, n_outcomes)
        True distribution(s), e.g. one-hot labels.
    q : array-like, same shape as ``p``
        Predicted distribution(s).
    base : float, optional
        Logarithm base; ``None`` gives nats.

    Returns
    -------
    float or ndarray of shape (n_distributions,)

    Examples
    --------
    A dog image, predicted dog 0.9 / cat 0.1:

    >>> round(cross_entropy([1, 0], [0.9, 0.1]), 5)
    0.10536

    Notes
    -----
    :math:`H(p, q) = H(p) + D_{KL}(p \| q) \geq H(p)`, with equality only when q = p.
    """
    p, q = _check_pair(p, q)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * np.log(q), 0.0)
    return _as_scalar_or_array(terms.sum(axis=-1) / _log_base(base) + 0.0)


def kl_divergence(p, q, base=None):
    r"""Kullback–Leibler divergence of ``q`` from ``p``: the extra cost of coding with q.

    .. math:: D_{KL}(p \| q) = \sum_i p_i \log \frac{p_i}{q_i} = H(p, q) - H(p)

    Always :math:`\geq 0`, zero only when the distributions are equal, and not symmetric.
    Terms with :math:`p_i = 0` contribute 0; :math:`p_i > 0, q_i = 0` gives ``inf``
    (the convention of :func:`scipy.special.rel_entr`).

    Parameters
    ----------
    p, q : array-like, shape (n_outcomes,) or (n_distributions, n_outcomes)
    base : float, optional
        Logarithm base; ``None`` gives nats.

    Returns
    -------
    float or ndarray of shape (n_distributions,)

    Examples
    --------
    >>> round(kl_divergence([0.5, 0.5], [0.9, 0.1], base=2), 4)
    0.737

    References
    ----------
    S. Kullback and R. A. Leibler, "On Information and Sufficiency", Ann. Math. Statist.
    22 (1951).
    """
    p, q = _check_pair(p, q)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * (np.log(p) - np.log(q)), 0.0)
    # Summing the terms directly (not H(p, q) - H(p)) keeps tiny divergences accurate
    # and exactly 0 for identical inputs.
    return _as_scalar_or_array(terms.sum(axis=-1) / _log_base(base) + 0.0)

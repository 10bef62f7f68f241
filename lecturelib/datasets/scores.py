"""A classifier's scores for ROC and precision-recall curves: the binormal model.

:func:`score_distributions` draws labels and scores with one Gaussian per class, whose
separation sets the area under the ROC curve; the class-separation and prevalence
explorers of notebook 05 (:mod:`lecturelib.explorers.separation`) draw their scores from it.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_positive_int, check_seed
from ._common import _check_real

__all__ = ["score_distributions"]


def score_distributions(n_positive, n_negative, *, separation=1.0, seed=0):
    r"""Scores of a classifier under the binormal model: one Gaussian per class.

    .. math::
        s \mid \text{negative} \sim \mathcal{N}(0, 1), \qquad
        s \mid \text{positive} \sim \mathcal{N}(d, 1)

    with :math:`d` = ``separation``, the distance between the class means in standard
    deviations (d' of signal detection theory). Under this model the area under the ROC
    curve is :math:`P(S_+ > S_-) = \Phi(d / \sqrt{2})`: 0.5 at :math:`d = 0`, 0.76 at
    :math:`d = 1`, 0.998 at :math:`d = 4`. How many positives there are (the prevalence)
    is set by the counts alone and does not change the two distributions.

    Parameters
    ----------
    n_positive, n_negative : int
        Number of samples of each class, at least 1 each (a ROC or PR curve needs both).
    separation : float, default 1.0
        Mean score of the positives, finite. 0 makes the classes indistinguishable;
        a negative value makes positives score *lower* (AUC below 0.5).
    seed : int, default 0
        The same seed gives the same arrays. Positives and negatives come from separate
        random streams, and the positives' noise does not depend on ``separation``:
        changing ``separation`` only shifts the positives, and adding samples of one
        class keeps the earlier ones (the first ``k`` positives drawn are the same for
        every ``n_positive >= k``; only their shuffled positions change). A slider over these parameters moves the data smoothly
        instead of redrawing it.

    Returns
    -------
    y_true : ndarray of int64, shape (n_positive + n_negative,)
        Labels, 1 for positive and 0 for negative, in shuffled order.
    y_score : ndarray of float64, same shape
        The scores, in the same order.

    Examples
    --------
    >>> y_true, y_score = score_distributions(3, 5, separation=2.0)
    >>> y_true.shape, y_score.dtype, int(y_true.sum())
    ((8,), dtype('float64'), 3)

    References
    ----------
    D. M. Green and J. A. Swets, *Signal Detection Theory and Psychophysics*, Wiley (1966).
    J. A. Hanley, "The robustness of the 'binormal' assumptions used in fitting ROC
    curves", Medical Decision Making 8 (1988).
    """
    n_positive = check_positive_int(n_positive, "n_positive")
    n_negative = check_positive_int(n_negative, "n_negative")
    separation = _check_real(separation, "separation")
    seed = check_seed(seed)
    # One child stream per role (SeedSequence.spawn gives independent streams), so the
    # negatives do not depend on n_positive, nor the positives on n_negative.
    negative_rng, positive_rng, shuffle_rng = (
        np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(3))
    y_score = np.concatenate([negative_rng.standard_normal(n_negative),
                              separation + positive_rng.standard_normal(n_positive)])
    y_true = np.concatenate([np.zeros(n_negative, dtype=np.int64),
                             np.ones(n_positive, dtype=np.int64)])
    # Shuffled so that code relying on input order (e.g. a stable sort among tied
    # scores) sees no class blocks.
    order = shuffle_rng.permutation(y_true.size)
    return y_true[order], y_score[order]

"""Comparing two *sets* of samples: are the generated images distributed like the real ones?

A generative model is judged by the distribution of what it makes, not by any single
sample. These metrics compare a set of real samples with a set of generated ("fake")
ones, each sample given as a feature vector (for images, usually the 2048-d pool
features of an Inception network; any embedding works):

- :func:`frechet_distance` / :func:`frechet_distance_from_features` (FID when the features
  are Inception's, Heusel et al. 2017): fit a Gaussian to each set and measure the
  Fréchet (2-Wasserstein) distance between the two Gaussians. One number, 0 is best; it
  mixes fidelity and diversity.
- :func:`generative_precision_recall` (Kynkäänniemi et al. 2019) separates the two:
  *precision* is the share of generated samples that fall on the real data's manifold
  (fidelity), *recall* the share of real samples that fall on the generated one
  (diversity, coverage of the modes).
- :func:`density_coverage` (Naeem et al. 2020): more robust versions of the same two
  ideas, less fooled by outliers.

The manifolds are estimated with k-nearest-neighbour balls: around each sample, a ball
reaching its k-th nearest neighbour within its own set (:func:`knn_radii` gives the
radii).

Everything is NumPy: pairwise distances are computed in blocks of rows, each as the sum
of squared coordinate differences (not the faster ``|a|² + |b|² - 2 a·b`` expansion,
whose rounding depends on the CPU), so identical samples are exactly 0 apart, every
distance is the same number on every machine, and tens of thousands of samples fit in
memory.
"""

from __future__ import annotations

import warnings
from typing import NamedTuple

import numpy as np

from .._validation import as_float_array, check_positive_int

__all__ = [
    "frechet_distance",
    "frechet_distance_from_features",
    "generative_precision_recall",
    "GenerativePrecisionRecall",
    "density_coverage",
    "DensityCoverage",
    "knn_radii",
]

# Pairwise squared distances are computed this many matrix entries at a time (32 MB).
_BLOCK_ENTRIES = 1 << 22


# ---------------------------------------------------------------------------- Fréchet

def frechet_distance(mu1, sigma1, mu2, sigma2):
    r"""Fréchet distance (squared) between two Gaussians N(μ₁, Σ₁) and N(μ₂, Σ₂).

    .. math::

        d^2 = \lVert \mu_1 - \mu_2 \rVert^2 + \operatorname{Tr} \Sigma_1
              + \operatorname{Tr} \Sigma_2
              - 2 \operatorname{Tr} \bigl(\Sigma_1 \Sigma_2\bigr)^{1/2}

    This is the FID formula of Heusel et al. (2017) (the squared 2-Wasserstein distance
    between the Gaussians); with means and covariances of Inception features it *is*
    the FID. The first term compares the centres, the rest the spreads: for equal
    covariances only ``‖μ₁ − μ₂‖²`` is left.

    Parameters
    ----------
    mu1, mu2 : array-like of shape (d,)
        Means. A number is taken as a 1-d mean (as pytorch-fid does).
    sigma1, sigma2 : array-like of shape (d, d)
        Covariance matrices (symmetric, positive semi-definite), e.g.
        ``np.cov(features, rowvar=False)``. A number is taken as a 1x1 matrix.

    Returns
    -------
    float
        ``d²`` (not its square root, as FID is reported), clamped at 0.

    Notes
    -----
    **How the trace of the square root is computed.** The eigenvalues of ``Σ₁Σ₂`` are
    those of the symmetric positive semi-definite ``Σ₁^½ Σ₂ Σ₁^½``: real and >= 0, and
    :math:`\operatorname{Tr}(\Sigma_1\Sigma_2)^{1/2} = \sum_i \sqrt{\lambda_i}`. lecturelib
    computes ``np.linalg.eigvals(Σ₁ @ Σ₂)`` and sums the real parts of their (complex)
    square roots. Rounding turns eigenvalues that should be 0 into tiny negative or
    complex numbers; a negative one then contributes 0 (the square root of a negative
    number is imaginary), i.e. it is clipped. This is torchmetrics' and torch-fidelity's
    formula; it needs no matrix square root, never fails, and is several times faster
    than ``scipy.linalg.sqrtm``.

    **What each reference does.** pytorch-fid (and clean-fid, identical) compute
    ``scipy.linalg.sqrtm(Σ₁ @ Σ₂)``; if that is not finite they print a message and retry
    with ``1e-6 · I`` added to both covariances; if the result has an imaginary diagonal
    larger than 1e-3 they raise ``ValueError`` ("Imaginary component"), else they keep the
    real part. lecturelib never raises there. With scipy >= 1.16 pytorch-fid's
    ``sqrtm(..., disp=False)`` emits a ``DeprecationWarning``. All agree to about 1e-13
    for well-conditioned covariances.

    **Rank-deficient covariances** (no more samples than dimensions, see
    :func:`frechet_distance_from_features`): ``Σ₁Σ₂`` then has many zero eigenvalues,
    computed as rounding noise of about 1e-16 relative, whose square roots add about
    1e-8 relative each. Every implementation (sqrtm or eigenvalues) is then accurate
    only to about 1e-8 relative to the traces: 4e-6 absolute for 20 samples of 64-d
    features (d² ≈ 90), 5e-5 for 100 samples of 512-d ones (d² ≈ 800). sqrtm and the
    eigenvalues see the same noise, so they agree with each other better (1e-13 to
    5e-8 in those cases).

    **Identical inputs** give a tiny number in the references, often negative (about
    -2e-13; -3e-6 for 20 samples of 64-d features, whose covariance is rank-deficient),
    as the trace of the square root comes out slightly too large. A squared distance
    cannot be negative: lecturelib returns ``max(d², 0.0)``, so identical inputs give
    0.0 or a rounding error above it (a few 1e-13 for well-conditioned covariances).

    Raises
    ------
    ValueError
        If a mean is not 1-D, a covariance is not a square matrix matching its mean's
        dimension, the two Gaussians have different dimensions, a covariance is not
        symmetric or has a negative variance, or any value is NaN or infinite.

    Examples
    --------
    Two 2-d Gaussians with identity covariance, whose means are 3 and 4 apart:
    d² = 3² + 4² = 25.

    >>> frechet_distance([0, 0], np.eye(2), [3, 4], np.eye(2))
    25.0

    Same mean, variances 1 and 4 in 1-d: d² = 1 + 4 - 2·√4 = 1 = (σ₁ − σ₂)².

    >>> frechet_distance(0.0, 1.0, 0.0, 4.0)
    1.0

    References
    ----------
    M. Heusel, H. Ramsauer, T. Unterthiner, B. Nessler and S. Hochreiter, "GANs trained by
    a two time-scale update rule converge to a local Nash equilibrium", NeurIPS 2017.
    D. C. Dowson and B. V. Landau, "The Fréchet distance between multivariate normal
    distributions", Journal of Multivariate Analysis 12 (1982). pytorch-fid,
    ``calculate_frechet_distance``; torchmetrics, ``FrechetInceptionDistance``.
    """
    mu1, sigma1 = _check_gaussian(mu1, sigma1, "1")
    mu2, sigma2 = _check_gaussian(mu2, sigma2, "2")
    if mu1.shape != mu2.shape:
        raise ValueError(
            f"The Gaussians have different dimensions: `mu1` has {mu1.shape[0]} and `mu2` "
            f"has {mu2.shape[0]}; compare features of the same network layer.")
    return _frechet(mu1, sigma1, mu2, sigma2)


def _frechet(mu1, sigma1, mu2, sigma2):
    diff = mu1 - mu2
    eigenvalues = np.linalg.eigvals(sigma1 @ sigma2)
    tr_covmean = np.sqrt(eigenvalues.astype(np.complex128)).real.sum()
    d2 = diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * tr_covmean
    return max(float(d2), 0.0)


def _check_gaussian(mu, sigma, which):
    mu = np.atleast_1d(as_float_array(mu, f"mu{which}", ndim=(0, 1)))
    sigma = np.atleast_2d(as_float_array(sigma, f"sigma{which}", ndim=(0, 2)))
    d = mu.shape[0]
    if sigma.shape != (d, d):
        raise ValueError(
            f"`sigma{which}` has shape {sigma.shape} but `mu{which}` has {d} dimensions; "
            f"pass the ({d}, {d}) covariance matrix, e.g. np.cov(features, rowvar=False) "
            "(rowvar=False: one row per sample).")
    scale = np.max(np.abs(sigma))
    if not np.allclose(sigma, sigma.T, rtol=1e-6, atol=1e-12 * scale):
        raise ValueError(f"`sigma{which}` is not symmetric, so it is not a covariance "
                         "matrix; pass np.cov(features, rowvar=False).")
    if np.any(np.diagonal(sigma) < 0):
        raise ValueError(f"`sigma{which}` has a negative variance on its diagonal, so it "
                         "is not a covariance matrix.")
    return mu, sigma


def frechet_distance_from_features(features1, features2):
    r"""Fréchet distance (squared) between Gaussians fitted to two sets of features.

    The means and the sample covariances (``np.cov(features, rowvar=False)``, divided by
    ``N - 1``) of each set go into :func:`frechet_distance`; with Inception pool features
    of real and generated images this is the FID.

    Parameters
    ----------
    features1, features2 : array-like of shape (n_samples, n_features)
        One row per sample; the numbers of samples may differ, the numbers of features
        may not.

    Returns
    -------
    float
        ``d²``, clamped at 0 (see :func:`frechet_distance`).

    Warns
    -----
    UserWarning
        When a set has no more samples than features (``N <= d``): its covariance then
        has rank at most ``N - 1 < d``, so it is singular. The number is still defined
        but it is a poor estimate (FID is strongly biased upwards at small ``N``; the
        usual protocol takes 50 000 generated samples for 2048-d features) and only
        accurate to about 1e-8 relative (see :func:`frechet_distance`).

    Notes
    -----
    FID depends on the number of samples (its estimate is biased, larger for fewer
    samples): compare FIDs only between runs with the same number of samples, same
    features and same image preprocessing. The references also differ in how images
    are resized before the Inception network (pytorch-fid vs clean-fid), which this
    function, given features, does not see.

    With centred feature matrices :math:`X_1, X_2` the trace term is also
    :math:`\lVert X_1 X_2^\top \rVert_* / \sqrt{(N_1-1)(N_2-1)}` (the sum of singular
    values), a form that stays accurate when ``N < d``.

    Raises
    ------
    ValueError
        If a set is not 2-D, has fewer than 2 samples (no covariance), holds NaN or
        infinity, or the sets have different numbers of features.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> real = rng.normal(size=(500, 4))
    >>> round(frechet_distance_from_features(real, real), 12)
    0.0
    >>> round(frechet_distance_from_features(real, real + 1.0), 6)  # shift by 1 in 4-d
    4.0

    References
    ----------
    See :func:`frechet_distance`.
    """
    f1, f2 = _check_feature_sets(features1, features2, ("features1", "features2"),
                                 min_samples=2)
    for name, f in (("features1", f1), ("features2", f2)):
        n, d = f.shape
        if n <= d:
            warnings.warn(
                f"`{name}` has {n} samples of {d} features (N <= d): its covariance has "
                f"rank at most {n - 1} < {d}, so it is singular. The Fréchet distance is "
                "still computed, but with so few samples it is a poor (biased) estimate; "
                "use more samples than features.", UserWarning, stacklevel=2)
    mu1, mu2 = f1.mean(axis=0), f2.mean(axis=0)
    sigma1 = np.atleast_2d(np.cov(f1, rowvar=False))
    sigma2 = np.atleast_2d(np.cov(f2, rowvar=False))
    return _frechet(mu1, sigma1, mu2, sigma2)


def _check_feature_sets(features1, features2, names, *, min_samples):
    sets = []
    for name, f in zip(names, (features1, features2)):
        arr = as_float_array(f, name, allow_empty=True)
        if arr.ndim != 2:
            raise ValueError(
                f"`{name}` must be 2-D, one row of features per sample, got shape "
                f"{arr.shape}; for one feature per sample use x.reshape(-1, 1).")
        if arr.shape[0] < min_samples:
            raise ValueError(
                f"`{name}` has {arr.shape[0]} sample(s); at least {min_samples} are "
                "needed" + (" to estimate a covariance." if min_samples == 2 else "."))
        if arr.shape[1] == 0:
            raise ValueError(f"`{name}` has 0 features per sample; pass at least one.")
        sets.append(arr)
    if sets[0].shape[1] != sets[1].shape[1]:
        raise ValueError(
            f"`{names[0]}` has {sets[0].shape[1]} features per sample but `{names[1]}` has "
            f"{sets[1].shape[1]}; both sets must be embedded by the same feature extractor.")
    return sets


# ---------------------------------------------------------------------------- k-NN manifolds

class GenerativePrecisionRecall(NamedTuple):
    """What :func:`generative_precision_recall` returns.

    Attributes
    ----------
    precision : float
        Share of generated samples inside the real manifold (fidelity), in [0, 1].
    recall : float
        Share of real samples inside the generated manifold (diversity), in [0, 1].
    """

    precision: float
    recall: float


class DensityCoverage(NamedTuple):
    """What :func:`density_coverage` returns.

    Attributes
    ----------
    density : float
        Mean number of real balls containing a generated sample, divided by ``k``; >= 0,
        about 1 when the two distributions are the same, and it can exceed 1.
    coverage : float
        Share of real balls that contain at least one generated sample, in [0, 1].
    """

    density: float
    coverage: float


def _row_blocks(n_rows, n_cols):
    step = max(1, _BLOCK_ENTRIES // max(n_cols, 1))
    return (slice(start, min(start + step, n_rows)) for start in range(0, n_rows, step))


def _squared_distances(a, a_sq, b_t, b_sq):
    """Squared Euclidean distances between the rows of ``a`` and the columns of ``b_t``
    (the other set, transposed), summed over squared coordinate differences.

    Not the faster expansion |a|² + |b|² - 2 a·b: its matrix product rounds differently
    with the CPU's code path and with a row's position in the block, so a duplicated
    sample sits at a distance of ±1e-15 instead of 0 from its twin, and the closed-ball
    tests below (a radius is often such a distance) would flip between machines. Here
    identical rows are exactly 0 apart, and the distance of two given rows is the same
    number wherever it is computed. (``a_sq`` and ``b_sq`` are unused; kept so the callers
    read alike.)
    """
    b = b_t.T
    out = np.empty((a.shape[0], b.shape[0]))
    # Blocks of rows of ``a`` keep the (rows, len(b), features) difference array small.
    step = max(1, _BLOCK_ENTRIES // max(b.shape[0] * max(a.shape[1], 1), 1))
    for start in range(0, a.shape[0], step):
        diff = a[start:start + step, None, :] - b[None, :, :]
        out[start:start + step] = np.einsum("ijk,ijk->ij", diff, diff, optimize=False)
    return out


def _transposed(x):
    return np.array(x.T, order="C", copy=True)


def _row_norms(x):
    return np.einsum("ij,ij->i", x, x)


def _knn_squared_radii(x, x_sq, k):
    """Squared distance from each row of ``x`` to its k-th nearest neighbour among the
    other rows: the (k+1)-th smallest distance including the row itself (distance 0), so
    duplicates of a point count as neighbours, as in every reference."""
    radii = np.empty(x.shape[0])
    x_t = _transposed(x)
    for rows in _row_blocks(x.shape[0], x.shape[0]):
        d = _squared_distances(x[rows], x_sq[rows], x_t, x_sq)
        d[np.arange(d.shape[0]), np.arange(rows.start, rows.stop)] = 0.0
        radii[rows] = np.partition(d, k, axis=1)[:, k]
    return radii


def _inside_any_ball(centres, centres_sq, radii, points, points_sq):
    """For each of ``points``: does it lie in a ball (``<=``, closed) around some centre?"""
    inside = np.zeros(points.shape[0], dtype=bool)
    points_t = _transposed(points)
    for rows in _row_blocks(centres.shape[0], points.shape[0]):
        d = _squared_distances(centres[rows], centres_sq[rows], points_t, points_sq)
        inside |= (d <= radii[rows, None]).any(axis=0)
    return inside


def _check_k(k, sets):
    k = check_positive_int(k, "k")
    for name, x in sets:
        if k >= x.shape[0]:
            raise ValueError(
                f"`k` = {k} but `{name}` has only {x.shape[0]} samples: the k-th nearest "
                f"neighbour of a sample is taken among the other {x.shape[0] - 1}, so `k` "
                f"must be smaller than {x.shape[0]}. Pass a smaller `k` or more samples.")
    return k


def generative_precision_recall(real_features, fake_features, *, k=3):
    r"""Improved precision and recall of a generative model (Kynkäänniemi et al. 2019).

    Each set's manifold is estimated as the union of balls around its samples, each ball
    reaching the sample's k-th nearest neighbour within its own set (excluding itself):
    :math:`r_i = d(x_i, \mathrm{NN}_k(x_i))`. Then

    .. math::

        \mathrm{precision} = \frac1M \sum_{j=1}^{M}
            \mathbb 1\bigl[\exists i:\ d(y_j, x_i) \le r_i\bigr], \qquad
        \mathrm{recall} = \frac1N \sum_{i=1}^{N}
            \mathbb 1\bigl[\exists j:\ d(x_i, y_j) \le r_j\bigr]

    for real samples :math:`x_1..x_N` and generated :math:`y_1..y_M` (the recall balls
    are the generated samples'). Low precision: the model makes samples unlike any real
    one. Low recall: parts of the real distribution are never generated (mode dropping).

    Parameters
    ----------
    real_features : array-like of shape (N, d)
    fake_features : array-like of shape (M, d)
        Feature vectors, one row per sample (Euclidean distances between rows).
    k : int, default 3
        The neighbour that sets a ball's radius; must be smaller than ``N`` and ``M``
        (prdc needs ``k < N - 1``: its ``argpartition`` fails at ``k = N - 1``). The
        paper's default is 3.

    Returns
    -------
    GenerativePrecisionRecall
        A named tuple ``(precision, recall)`` of floats in [0, 1].

    Notes
    -----
    **Boundary.** A sample exactly on a ball's boundary counts as inside (``<=``), as in
    the authors' code (which compares squared distances) and torch-fidelity
    (``prc_neighborhood=3``). prdc's ``compute_prdc`` uses a strict ``<``; the two differ
    only when a distance equals a radius exactly, i.e. with duplicated or grid-valued
    features. torch-fidelity also reports the F-score ``2PR / max(1e-5, P + R)``.

    **Radii.** The k-th neighbour is the (k+1)-th smallest distance from the sample to
    its own set (the smallest being its distance 0 to itself): a duplicate of the sample
    counts as a neighbour, as in every reference (:func:`knn_radii` returns these radii).
    Distances are compared squared, like the authors' code, each summed over squared
    coordinate differences, so a duplicate is exactly 0 away; the references use the
    ``|a|² + |b|² − 2 a·b`` expansion, which can differ in the last bits and so, on an
    exact tie with a radius, flip one sample in or out.

    **Outliers inflate recall.** A generated sample far from the others gets a large
    ball, which can contain many real samples: a few scattered bad samples can raise
    recall (Naeem et al. 2020). :func:`density_coverage` uses only the real samples'
    balls and is not fooled that way.

    Identical sets give precision = recall = 1.

    Raises
    ------
    ValueError
        If a set is not 2-D or holds NaN/infinity, the sets have different numbers of
        features, or ``k`` is not an integer with ``1 <= k < min(N, M)``.

    Examples
    --------
    Real samples on a 1-d grid 0..9 (k=1 balls of radius 1); generated ones at 0..4 and
    two far away:

    >>> real = np.arange(10.0).reshape(-1, 1)
    >>> fake = np.array([0, 1, 2, 3, 4, 50, 60.0]).reshape(-1, 1)
    >>> p, r = generative_precision_recall(real, fake, k=1)
    >>> round(p, 4), r  # 5 of 7 generated are realistic; the real 0..5 are reached
    (0.7143, 0.6)

    References
    ----------
    T. Kynkäänniemi, T. Karras, S. Laine, J. Lehtinen and T. Aila, "Improved precision and
    recall metric for assessing generative models", NeurIPS 2019. torch-fidelity,
    ``calculate_metrics(..., prc=True)``; prdc, ``compute_prdc``.
    """
    real, fake = _check_feature_sets(real_features, fake_features,
                                     ("real_features", "fake_features"), min_samples=1)
    k = _check_k(k, (("real_features", real), ("fake_features", fake)))
    real_sq, fake_sq = _row_norms(real), _row_norms(fake)
    real_radii = _knn_squared_radii(real, real_sq, k)
    fake_radii = _knn_squared_radii(fake, fake_sq, k)
    precision = _inside_any_ball(real, real_sq, real_radii, fake, fake_sq).mean()
    recall = _inside_any_ball(fake, fake_sq, fake_radii, real, real_sq).mean()
    return GenerativePrecisionRecall(float(precision), float(recall))


def density_coverage(real_features, fake_features, *, k=5):
    r"""Density and coverage of a generative model (Naeem et al. 2020).

    With the k-nearest-neighbour radii :math:`r_i` of the real samples (within the real
    set, excluding the sample itself),

    .. math::

        \mathrm{density} = \frac{1}{kM} \sum_{j=1}^{M} \sum_{i=1}^{N}
            \mathbb 1\bigl[d(y_j, x_i) < r_i\bigr], \qquad
        \mathrm{coverage} = \frac1N \sum_{i=1}^{N}
            \mathbb 1\bigl[\min_j d(x_i, y_j) < r_i\bigr].

    *Density* counts how many real balls each generated sample falls into (not just
    whether it falls into one, as precision does), so a few real outliers with huge
    balls cannot make bad samples look realistic. It is about 1 when both sets come
    from the same distribution and **can exceed 1** when generated samples crowd the
    dense regions of the real data. *Coverage* is the share of real samples with a
    generated one in their ball: a recall that uses only the real balls, which are
    more trustworthy than balls around generated samples.

    Parameters
    ----------
    real_features : array-like of shape (N, d)
    fake_features : array-like of shape (M, d)
        Feature vectors, one row per sample.
    k : int, default 5
        The neighbour that sets a real ball's radius (prdc's README uses 5); must be
        smaller than ``N`` (prdc needs ``k < N - 1``, and ``k < M - 1`` as it also
        computes the generated samples' radii). Only the real samples get balls here, so
        ``M`` may be any size.

    Returns
    -------
    DensityCoverage
        A named tuple ``(density, coverage)`` of floats.

    Notes
    -----
    These are prdc's definitions (the authors' code): strict ``<`` at the boundary, the
    k-th neighbour excluding the sample itself. With identical real and generated sets
    (and no duplicated samples) density = coverage = 1 exactly: each real ball then
    holds its own centre and its k - 1 nearest neighbours, strictly inside.

    Raises
    ------
    ValueError
        If a set is not 2-D, is empty or holds NaN/infinity, the sets have different
        numbers of features, or ``k`` is not an integer with ``1 <= k < N``.

    Examples
    --------
    >>> real = np.arange(10.0).reshape(-1, 1)        # k=1: real balls of radius 1
    >>> fake = np.array([2.0, 2.2, 2.4, 7.5]).reshape(-1, 1)
    >>> density_coverage(real, fake, k=1)              # 1 + 2 + 2 + 2 balls; 2, 3, 7, 8 hit
    DensityCoverage(density=1.75, coverage=0.4)

    References
    ----------
    M. F. Naeem, S. J. Oh, Y. Uh, Y. Choi and J. Yoo, "Reliable fidelity and diversity
    metrics for generative models", ICML 2020. prdc, ``compute_prdc``.
    """
    real, fake = _check_feature_sets(real_features, fake_features,
                                     ("real_features", "fake_features"), min_samples=1)
    k = _check_k(k, (("real_features", real),))
    real_sq, fake_sq = _row_norms(real), _row_norms(fake)
    radii = _knn_squared_radii(real, real_sq, k)
    n_inside = 0
    covered = 0
    fake_t = _transposed(fake)
    for rows in _row_blocks(real.shape[0], fake.shape[0]):
        d = _squared_distances(real[rows], real_sq[rows], fake_t, fake_sq)
        inside = d < radii[rows, None]
        n_inside += int(np.count_nonzero(inside))
        covered += int(np.count_nonzero(inside.any(axis=1)))
    # Written as prdc does, (1/k) * (mean count per generated sample), to get its bits.
    density = (1.0 / k) * (n_inside / fake.shape[0])
    coverage = covered / real.shape[0]
    return DensityCoverage(float(density), float(coverage))


def knn_radii(features, *, k=3):
    r"""Distance from each sample to its k-th nearest neighbour within the same set.

    .. math:: r_i = d\bigl(x_i, \mathrm{NN}_k(x_i)\bigr)

    among the other samples of the set (a duplicate of :math:`x_i` counts as a
    neighbour, at distance 0). These are the radii of the balls that
    :func:`generative_precision_recall` (the real samples' balls for precision, the
    generated samples' for recall) and :func:`density_coverage` (the real samples')
    draw: large radii mean a sparse, spread-out set, whose balls cover much of the
    space.

    Parameters
    ----------
    features : array-like of shape (n, d)
        One row of features per sample.
    k : int, default 3
        Which neighbour; must be smaller than ``n``.

    Returns
    -------
    ndarray of shape (n,)
        Euclidean distances (not squared), >= 0.

    Raises
    ------
    ValueError
        If ``features`` is not 2-D, is empty or holds NaN/infinity, or ``k`` is not an
        integer with ``1 <= k < n``.

    Examples
    --------
    >>> knn_radii([[0.0], [1.0], [3.0], [7.0]], k=1)
    array([1., 1., 2., 4.])
    >>> knn_radii([[0.0], [0.0], [5.0]], k=1)  # a duplicate is 0 away
    array([0., 0., 5.])

    References
    ----------
    T. Kynkäänniemi et al., "Improved precision and recall metric for assessing
    generative models", NeurIPS 2019. scikit-learn,
    ``NearestNeighbors(n_neighbors=k + 1).fit(x).kneighbors(x)[0][:, k]`` gives the
    same distances (up to rounding).
    """
    x = as_float_array(features, "features", allow_empty=True)
    if x.ndim != 2:
        raise ValueError(f"`features` must be 2-D, one row of features per sample, got "
                         f"shape {x.shape}; for one feature per sample use x.reshape(-1, 1).")
    if x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"`features` is empty (shape {x.shape}); pass samples with at "
                         "least one feature.")
    k = _check_k(k, (("features", x),))
    return np.sqrt(_knn_squared_radii(x, _row_norms(x), k))

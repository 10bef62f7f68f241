"""lecturelib.generative.distribution: FID against the sqrtm formula of pytorch-fid, and
k-NN precision/recall/density/coverage against a brute-force version and prdc.

ORACLES.md §6.1-6.3. The Fréchet distance uses Σ√eigvals(Σ₁Σ₂); pytorch-fid's
``scipy.linalg.sqrtm`` formula is re-implemented here (its package needs torchvision) and
agrees to ~1e-12 for full-rank covariances and ~1e-6 for rank-deficient ones, where
every implementation is that inaccurate (the square roots of zero eigenvalues computed
as rounding noise). The k-NN metrics are compared exactly: the brute force uses direct
squared differences, and the features are integer-valued where ties must be decided the
same way (the ``|a|² + |b|² − 2a·b`` expansion is then exact too). prdc is used when it
is installed.
"""

from __future__ import annotations

import contextlib
import io
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import linalg

from lecturelib.generative import distribution
from lecturelib.generative.distribution import (
    DensityCoverage,
    GenerativePrecisionRecall,
    density_coverage,
    frechet_distance,
    frechet_distance_from_features,
    generative_precision_recall,
)

FAST = settings(max_examples=60, deadline=None, database=None)


# --- Fréchet distance ----------------------------------------------------------------


def pytorch_fid_reference(mu1, sigma1, mu2, sigma2, eps=1e-6, check_imaginary=True):
    """pytorch-fid's calculate_frechet_distance (sqrtm, eps retry, imaginary check);
    ``sqrtm`` without its deprecated ``disp`` argument."""
    mu1, mu2 = np.atleast_1d(mu1), np.atleast_1d(mu2)
    sigma1, sigma2 = np.atleast_2d(sigma1), np.atleast_2d(sigma2)
    diff = mu1 - mu2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        covmean = linalg.sqrtm(sigma1.dot(sigma2))
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * eps
        covmean = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
    if np.iscomplexobj(covmean):
        if check_imaginary and not np.allclose(np.diagonal(covmean).imag, 0, atol=1e-3):
            raise ValueError(f"Imaginary component {np.max(np.abs(covmean.imag))}")
        covmean = covmean.real
    return diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean)


def exact_trace_term(f1, f2):
    """Tr (Σ₁Σ₂)^½ = ‖X₁X₂ᵀ‖_* / √((N₁−1)(N₂−1)) for centred features: accurate at N < d."""
    x1, x2 = f1 - f1.mean(axis=0), f2 - f2.mean(axis=0)
    nuclear = np.linalg.svd(x1 @ x2.T, compute_uv=False).sum()
    return nuclear / np.sqrt((len(f1) - 1) * (len(f2) - 1))


def stats(features):
    return features.mean(axis=0), np.atleast_2d(np.cov(features, rowvar=False))


def features_pair(seed, n1, n2, d):
    rng = np.random.default_rng(seed)
    mixing = rng.normal(size=(d, d)) / np.sqrt(d)
    f1 = rng.normal(size=(n1, d)) @ mixing
    f2 = rng.normal(size=(n2, d)) @ mixing * 1.3 + 0.2
    return f1, f2


def test_hand_cases():
    assert frechet_distance([0, 0], np.eye(2), [3, 4], np.eye(2)) == 25.0
    # 1-d: (μ₁ − μ₂)² + (σ₁ − σ₂)².
    assert frechet_distance(1.0, 4.0, -1.0, 9.0) == pytest.approx(4 + 1, rel=1e-14)
    # Diagonal covariances commute: Σ (√a − √b)².
    a, b = np.array([1.0, 4.0, 9.0]), np.array([4.0, 1.0, 16.0])
    assert frechet_distance(np.zeros(3), np.diag(a), np.zeros(3), np.diag(b)) == pytest.approx(
        np.sum((np.sqrt(a) - np.sqrt(b)) ** 2), rel=1e-14)
    # Zero covariances: only the means are left.
    assert frechet_distance([1, 2], np.zeros((2, 2)), [1, 0], np.zeros((2, 2))) == 4.0


@pytest.mark.parametrize("n1, n2, d", [(300, 200, 8), (500, 500, 64), (2000, 1500, 128)])
def test_full_rank_equals_the_sqrtm_formula(n1, n2, d):
    f1, f2 = features_pair(d, n1, n2, d)
    ours = frechet_distance(*stats(f1), *stats(f2))
    reference = pytorch_fid_reference(*stats(f1), *stats(f2))
    assert ours == pytest.approx(reference, rel=1e-11, abs=1e-11)
    assert ours == frechet_distance_from_features(f1, f2)


@pytest.mark.parametrize("n1, n2, d", [(20, 20, 64), (10, 30, 64), (50, 40, 128)])
def test_rank_deficient_agrees_with_the_sqrtm_formula_to_1e_6(n1, n2, d):
    f1, f2 = features_pair(n1 + d, n1, n2, d)
    ours = frechet_distance(*stats(f1), *stats(f2))
    reference = pytorch_fid_reference(*stats(f1), *stats(f2))
    assert ours == pytest.approx(reference, rel=0, abs=1e-6)
    # Both are within ~1e-5 of the exact value (nuclear-norm form of the trace term).
    mu1, s1 = stats(f1)
    mu2, s2 = stats(f2)
    exact = (np.sum((mu1 - mu2) ** 2) + np.trace(s1) + np.trace(s2)
             - 2 * exact_trace_term(f1, f2))
    assert ours == pytest.approx(exact, rel=0, abs=1e-4)


@settings(max_examples=80, deadline=None, database=None)
@given(seed=st.integers(0, 2**32 - 1), d=st.integers(1, 12), n1=st.integers(2, 40),
       n2=st.integers(2, 40), scale=st.sampled_from([1e-3, 1.0, 1e3]))
def test_equals_the_sqrtm_formula_on_random_features(seed, d, n1, n2, scale):
    f1, f2 = features_pair(seed, n1, n2, d)
    f1, f2 = f1 * scale, f2 * scale
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # N <= d
        ours = frechet_distance_from_features(f1, f2)
    (mu1, sigma1), (mu2, sigma2) = stats(f1), stats(f2)
    try:
        reference = pytorch_fid_reference(mu1, sigma1, mu2, sigma2)
    except ValueError:  # singular, large values: see test_pytorch_fid_can_raise_where_...
        assert min(n1, n2) <= d
        reference = pytorch_fid_reference(mu1, sigma1, mu2, sigma2, check_imaginary=False)
    magnitude = np.sum((mu1 - mu2) ** 2) + np.trace(sigma1) + np.trace(sigma2)
    tolerance = (1e-11 if min(n1, n2) > d else 1e-6) * magnitude
    assert ours >= 0.0
    assert ours == pytest.approx(max(reference, 0.0), rel=0, abs=tolerance)


def test_pytorch_fid_can_raise_where_lecturelib_returns_a_number():
    # pytorch-fid's check of sqrtm's imaginary part has an absolute tolerance (1e-3), so
    # rank-deficient covariances of large-valued features trip it.
    f1, f2 = features_pair(0, 2, 2, 3)
    f1, f2 = f1 * 1000, f2 * 1000
    with pytest.raises(ValueError, match="Imaginary component"):
        pytorch_fid_reference(*stats(f1), *stats(f2))
    with pytest.warns(UserWarning, match="rank at most 1"):
        value = frechet_distance_from_features(f1, f2)
    assert value == pytest.approx(pytorch_fid_reference(*stats(f1), *stats(f2),
                                                        check_imaginary=False), rel=1e-6)


@pytest.mark.parametrize("n, d", [(500, 16), (20, 64)])
def test_identical_inputs_give_zero_not_a_tiny_negative(n, d):
    f, _ = features_pair(n * d, n, 2, d)
    mu, sigma = stats(f)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        from_features = frechet_distance_from_features(f, f)
    value = frechet_distance(mu, sigma, mu, sigma)
    assert value == from_features
    assert 0.0 <= value < (1e-12 if n > d else 1e-5) * np.trace(sigma)
    # The references return the raw value, which is negative here (ORACLES §6.1).
    assert pytorch_fid_reference(mu, sigma, mu, sigma) < 1e-12 * np.trace(sigma)


def test_from_features_is_frechet_distance_of_mean_and_sample_covariance():
    f1, f2 = features_pair(1, 40, 30, 3)
    expected = frechet_distance(f1.mean(0), np.cov(f1.T, ddof=1), f2.mean(0), np.cov(f2.T))
    assert frechet_distance_from_features(f1, f2) == expected
    # One feature per sample (np.cov then returns a 0-d array).
    one = frechet_distance_from_features(f1[:, :1], f2[:, :1])
    assert one == pytest.approx((f1[:, 0].mean() - f2[:, 0].mean()) ** 2
                                + (f1[:, 0].std(ddof=1) - f2[:, 0].std(ddof=1)) ** 2,
                                rel=1e-12)


def test_shift_moves_only_the_mean_term():
    rng = np.random.default_rng(2)
    f = rng.normal(size=(400, 4))
    assert frechet_distance_from_features(f, f + 1.0) == pytest.approx(4.0, rel=1e-9)


@pytest.mark.parametrize("n1, n2", [(5, 50), (50, 8), (8, 8)])
def test_warns_when_a_set_has_no_more_samples_than_features(n1, n2):
    rng = np.random.default_rng(0)
    f1, f2 = rng.normal(size=(n1, 8)), rng.normal(size=(n2, 8))
    with pytest.warns(UserWarning, match="rank at most"):
        frechet_distance_from_features(f1, f2)


def test_no_warning_with_more_samples_than_features():
    rng = np.random.default_rng(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frechet_distance_from_features(rng.normal(size=(9, 8)), rng.normal(size=(30, 8)))


@pytest.mark.parametrize("args, match", [
    (([0, 0], np.eye(3), [0, 0], np.eye(2)), r"`sigma1` has shape \(3, 3\)"),
    (([0, 0], np.eye(2), [0, 0, 0], np.eye(3)), "`mu1` has 2 and `mu2` has 3"),
    ((np.zeros((2, 2)), np.eye(2), [0, 0], np.eye(2)), "`mu1` must be"),
    (([0, 0], np.eye(2), [0, np.nan], np.eye(2)), "`mu2` contains NaN"),
    (([0, 0], [[1, 2], [0, 1]], [0, 0], np.eye(2)), "`sigma1` is not symmetric"),
    (([0, 0], np.eye(2), [0, 0], -np.eye(2)), "`sigma2` has a negative variance"),
    (([0, 0], np.ones(2), [0, 0], np.eye(2)), "`sigma1` must be"),
])
def test_frechet_distance_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        frechet_distance(*args)


@pytest.mark.parametrize("f1, f2, match", [
    (np.zeros((1, 3)), np.zeros((5, 3)), "`features1` has 1 sample.*at least 2"),
    (np.zeros((5, 3)), np.zeros((1, 3)), "`features2` has 1 sample"),
    (np.zeros((5, 3)), np.zeros((5, 4)), "`features1` has 3 features.*`features2` has 4"),
    (np.zeros(5), np.zeros((5, 1)), "`features1` must be 2-D"),
    (np.zeros((5, 2)), np.full((5, 2), np.nan), "`features2` contains NaN"),
])
def test_from_features_bad_input(f1, f2, match):
    with pytest.raises(ValueError, match=match):
        frechet_distance_from_features(f1, f2)


# --- precision, recall, density, coverage ---------------------------------------------


def brute_force(real, fake, k, *, strict_precision_recall=False):
    """The four metrics from their definitions, with direct squared differences."""
    def sq(a, b):
        return ((a[:, None, :] - b[None, :, :]) ** 2).sum(axis=-1)

    real_radii = np.sort(sq(real, real), axis=1)[:, k]  # column 0 is the point itself
    d = sq(real, fake)
    inside = np.less if strict_precision_recall else np.less_equal
    precision = inside(d, real_radii[:, None]).any(axis=0).mean()
    recall = np.nan  # undefined when k >= M
    if k < len(fake):
        fake_radii = np.sort(sq(fake, fake), axis=1)[:, k]
        recall = inside(d, fake_radii[None, :]).any(axis=1).mean()
    counts = (d < real_radii[:, None]).sum(axis=0)
    density = (1.0 / k) * counts.mean()
    coverage = (d.min(axis=1) < real_radii).mean()
    return precision, recall, density, coverage


def ours(real, fake, k):
    return (*generative_precision_recall(real, fake, k=k), *density_coverage(real, fake, k=k))


@st.composite
def feature_sets(draw, integer=True):
    d = draw(st.integers(1, 4))
    n = draw(st.integers(2, 25))
    m = draw(st.integers(2, 25))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    spread = draw(st.sampled_from([1, 3, 10]))
    real = rng.normal(0, spread, (n, d))
    fake = rng.normal(draw(st.sampled_from([0, 1, 5])), spread, (m, d))
    if integer:  # grid values: many ties between distances and radii
        real, fake = np.round(real), np.round(fake)
    if draw(st.booleans()):  # duplicated samples
        real = np.concatenate([real, real[: draw(st.integers(1, n))]])
    k = draw(st.integers(1, min(len(real), len(fake)) - 1))
    return real, fake, k


@settings(max_examples=200, deadline=None, database=None)
@given(case=feature_sets())
def test_equals_brute_force_with_ties_and_duplicates(case):
    real, fake, k = case
    assert ours(real, fake, k) == brute_force(real, fake, k)


@FAST
@given(case=feature_sets(integer=False))
def test_equals_brute_force_on_continuous_features(case):
    real, fake, k = case
    assert ours(real, fake, k) == brute_force(real, fake, k)


@FAST
@given(case=feature_sets(integer=False))
def test_equals_prdc(case):
    prdc = pytest.importorskip("prdc")
    real, fake, k = case
    if k + 1 >= min(len(real), len(fake)):
        k = k - 1  # prdc's argpartition needs k + 1 < N (see test_k_may_be_n_minus_1)
    if k < 1:
        return
    with contextlib.redirect_stdout(io.StringIO()):  # prdc prints the set sizes
        reference = prdc.compute_prdc(real, fake, k)
    p, r, density, coverage = ours(real, fake, k)
    strict = brute_force(real, fake, k, strict_precision_recall=True)
    # On continuous features `<` (prdc) and `<=` (lecturelib) agree.
    assert (p, r) == strict[:2] == (reference["precision"], reference["recall"])
    assert density == reference["density"]
    assert coverage == reference["coverage"]


def test_boundary_is_closed_for_precision_recall_and_open_for_density_coverage():
    # k=1 on a grid of spacing 1: every ball has radius exactly 1.
    real = np.array([[0.0], [1.0], [2.0]])
    fake = np.array([[3.0], [4.0]])  # 3 lies exactly on the ball of 2
    p, r = generative_precision_recall(real, fake, k=1)
    assert (p, r) == (0.5, 1 / 3)  # 3 inside (<=); real 2 is on the ball of fake 3
    assert brute_force(real, fake, 1, strict_precision_recall=True)[:2] == (0.0, 0.0)
    assert density_coverage(real, fake, k=1) == (0.0, 0.0)  # strict: nothing inside


def test_identical_sets_give_one_everywhere():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 16))
    for k in (1, 3, 5, 10):
        assert generative_precision_recall(x, x.copy(), k=k) == (1.0, 1.0)
        assert density_coverage(x, x.copy(), k=k) == (1.0, 1.0)


def test_hand_cases():
    real = np.arange(10.0).reshape(-1, 1)
    fake = np.array([0, 1, 2, 3, 4, 50, 60.0]).reshape(-1, 1)
    result = generative_precision_recall(real, fake, k=1)
    assert isinstance(result, GenerativePrecisionRecall)
    assert result.precision == 5 / 7 and result.recall == 0.6
    fake = np.array([2.0, 2.2, 2.4, 7.5]).reshape(-1, 1)
    result = density_coverage(real, fake, k=1)
    assert isinstance(result, DensityCoverage)
    assert result == (1.75, 0.4)  # density above 1: fakes crowd between real samples


def test_mode_dropping_lowers_recall_not_precision():
    rng = np.random.default_rng(1)
    modes = np.array([[0, 0], [10, 0], [0, 10], [10, 10]], dtype=float)
    real = np.concatenate([m + rng.normal(size=(100, 2)) for m in modes])
    fake = np.concatenate([m + rng.normal(size=(200, 2)) for m in modes[:2]])
    p, r = generative_precision_recall(real, fake, k=3)
    density, coverage = density_coverage(real, fake, k=5)
    assert p > 0.9 and 0.4 < r < 0.6
    assert 0.4 < coverage < 0.6 and density > 0.8


def test_blocked_distances_equal_unblocked(monkeypatch):
    rng = np.random.default_rng(2)
    real, fake = rng.normal(size=(57, 5)), rng.normal(size=(43, 5)) + 0.5
    expected = ours(real, fake, 4)
    monkeypatch.setattr(distribution, "_BLOCK_ENTRIES", 100)  # blocks of 1-2 rows
    assert ours(real, fake, 4) == expected


def test_k_may_be_n_minus_1_and_fake_set_may_be_tiny_for_density():
    rng = np.random.default_rng(3)
    real, fake = rng.normal(size=(6, 2)), rng.normal(size=(4, 2))
    assert ours(real, fake, 3) == brute_force(real, fake, 3)
    # k = N - 1: every ball reaches the farthest other sample (prdc fails here).
    assert generative_precision_recall(real, fake, k=3) == brute_force(real, fake, 3)[:2]
    assert density_coverage(real, fake[:1], k=5) == brute_force(real, fake[:1], 5)[2:]


@pytest.mark.parametrize("func", [generative_precision_recall, density_coverage])
@pytest.mark.parametrize("k", [0, -1, 2.0, True, None])
def test_bad_k_is_rejected(func, k):
    x = np.zeros((10, 2))
    with pytest.raises(ValueError, match="`k`"):
        func(x, x, k=k)


def test_k_must_be_smaller_than_the_number_of_samples():
    x = np.arange(10.0).reshape(5, 2)
    with pytest.raises(ValueError, match="`k` = 5 but `real_features` has only 5"):
        generative_precision_recall(x, np.zeros((9, 2)), k=5)
    with pytest.raises(ValueError, match="`k` = 3 but `fake_features` has only 3"):
        generative_precision_recall(np.zeros((9, 2)), x[:3], k=3)
    with pytest.raises(ValueError, match="`k` = 5 but `real_features` has only 5"):
        density_coverage(x, np.zeros((9, 2)), k=5)


@pytest.mark.parametrize("func", [generative_precision_recall, density_coverage])
@pytest.mark.parametrize("real, fake, match", [
    (np.zeros((10, 3)), np.zeros((10, 4)), "`real_features` has 3 features.*has 4"),
    (np.zeros(10), np.zeros((10, 1)), "`real_features` must be 2-D"),
    (np.zeros((10, 2)), np.zeros((0, 2)), "`fake_features` has 0 sample"),
    (np.zeros((10, 2)), np.full((10, 2), np.inf), "`fake_features` contains NaN"),
    (np.zeros((10, 0)), np.zeros((10, 0)), "`real_features` has 0 features"),
])
def test_feature_sets_bad_input(func, real, fake, match):
    with pytest.raises(ValueError, match=match):
        func(real, fake, k=1)


# --- k-NN radii ----------------------------------------------------------------------------

@FAST
@given(case=feature_sets(integer=False))
def test_knn_radii_equal_scikit_learn_nearest_neighbours(case):
    from sklearn.neighbors import NearestNeighbors

    real, _, k = case
    expected = NearestNeighbors(n_neighbors=k + 1).fit(real).kneighbors(real)[0][:, k]
    np.testing.assert_allclose(distribution.knn_radii(real, k=k), expected, rtol=1e-12,
                               atol=1e-12)


@settings(max_examples=200, deadline=None, database=None)
@given(case=feature_sets())
def test_knn_radii_are_the_balls_of_precision_and_recall(case):
    """With duplicates and grid ties: the brute-force radii, exactly (sqrt of the sorted
    squared distances, the point itself in column 0)."""
    real, fake, k = case
    squared = ((real[:, None, :] - real[None, :, :]) ** 2).sum(axis=-1)
    assert np.array_equal(distribution.knn_radii(real, k=k),
                          np.sqrt(np.sort(squared, axis=1)[:, k]))
    # precision = share of generated samples inside some real ball of these radii
    d = np.sqrt(((real[:, None, :] - fake[None, :, :]) ** 2).sum(axis=-1))
    inside = (d <= distribution.knn_radii(real, k=k)[:, None]).any(axis=0).mean()
    if not np.isclose(d[:, :, None], distribution.knn_radii(real, k=k)[:, None, None]).any():
        assert inside == generative_precision_recall(real, fake, k=k).precision


def test_knn_radii_hand_cases_and_duplicates():
    np.testing.assert_array_equal(distribution.knn_radii([[0.0], [1.0], [3.0], [7.0]], k=1),
                                  [1.0, 1.0, 2.0, 4.0])
    np.testing.assert_array_equal(distribution.knn_radii([[0.0], [1.0], [3.0], [7.0]], k=2),
                                  [3.0, 2.0, 3.0, 6.0])
    np.testing.assert_array_equal(distribution.knn_radii([[0.0, 0.0]] * 3 + [[3.0, 4.0]], k=2),
                                  [0.0, 0.0, 0.0, 5.0])


@pytest.mark.parametrize("features, k, match", [
    (np.zeros(5), 1, "`features` must be 2-D"),
    (np.zeros((0, 2)), 1, "`features` is empty"),
    (np.zeros((3, 0)), 1, "`features` is empty"),
    ([[0.0], [np.nan]], 1, "`features` contains NaN"),
    (np.zeros((3, 2)), 3, "`k` = 3 but `features` has only 3"),
    (np.zeros((3, 2)), 0, "`k`"),
    (np.zeros((3, 2)), 1.5, "`k`"),
])
def test_knn_radii_bad_input(features, k, match):
    with pytest.raises(ValueError, match=match):
        distribution.knn_radii(features, k=k)

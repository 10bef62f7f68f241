"""lecturelib.information agrees with SciPy (scipy.stats.entropy, scipy.special.rel_entr/entr).

Reference conventions (ORACLES.md section 7): ``scipy.stats.entropy`` normalises its input
and reduces along axis 0, so every comparison here uses already-normalised distributions
and passes ``axis=-1`` for 2-D batches (one distribution per row, lecturelib's layout).
"""

import math

import numpy as np
import pytest
import scipy.special
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

from lecturelib.information import cross_entropy, entropy, information_content, kl_divergence

RTOL = 1e-10
BASES = [None, 2, 10, math.e, 0.5]


# --------------------------------------------------------------------------------------
# Worked examples from the lecture decks
# --------------------------------------------------------------------------------------


def test_information_content_of_a_fair_coin_flip_is_one_bit():
    assert information_content(0.5, base=2) == 1.0
    assert isinstance(information_content(0.5, base=2), float)
    assert information_content(0.5) == pytest.approx(math.log(2), rel=1e-15)


def test_information_content_certain_and_impossible_events():
    assert information_content(1.0) == 0.0
    assert math.copysign(1.0, information_content(1.0)) == 1.0  # +0.0, not -0.0
    assert information_content(0.0) == math.inf
    assert information_content(0.25, base=2) == pytest.approx(2.0, rel=1e-15)


def test_information_content_elementwise_matches_minus_log():
    p = np.array([[0.1, 0.5], [0.9, 1.0]])
    got = information_content(p, base=10)
    assert isinstance(got, np.ndarray) and got.shape == (2, 2)
    np.testing.assert_allclose(got, -np.log10(p), rtol=1e-14)


def test_dog_image_predicted_dog_point_nine():
    assert cross_entropy([1, 0], [0.9, 0.1]) == pytest.approx(0.10536, abs=5e-6)
    assert cross_entropy([1, 0], [0.9, 0.1]) == pytest.approx(-math.log(0.9), rel=1e-15)
    assert information_content(0.9) == pytest.approx(0.10536, abs=5e-6)


def test_dog_image_predicted_dog_point_four_uses_the_true_class():
    # The slide used log(0.6) (the *cat* probability); the loss is -log q[true class].
    ce = cross_entropy([1, 0], [0.4, 0.6])
    assert ce == pytest.approx(0.91629, abs=5e-6)
    assert ce == pytest.approx(-math.log(0.4), rel=1e-15)
    assert ce != pytest.approx(0.51083, abs=1e-3)
    assert ce != pytest.approx(-math.log(0.6), abs=1e-3)


def test_three_class_example():
    ce = cross_entropy([0, 1, 0], [0.1, 0.7, 0.2])
    assert ce == pytest.approx(0.35667, abs=5e-6)
    assert round(ce, 3) == 0.357
    assert ce == pytest.approx(-math.log(0.7), rel=1e-15)


@pytest.mark.parametrize("k, nats, bits", [(3, 1.0986, math.log2(3)), (8, 2.0794, 3.0)])
def test_uniform_prediction_costs_log_k(k, nats, bits):
    target = [1.0] + [0.0] * (k - 1)
    uniform = [1.0 / k] * k
    assert cross_entropy(target, uniform) == pytest.approx(nats, abs=5e-5)
    assert cross_entropy(target, uniform) == pytest.approx(math.log(k), rel=1e-14)
    assert cross_entropy(target, uniform, base=2) == pytest.approx(bits, rel=1e-14)
    # The uniform distribution's own entropy is the same log k.
    assert entropy(uniform) == pytest.approx(math.log(k), rel=1e-14)


def test_eight_uniform_classes_hold_three_bits():
    assert entropy([0.125] * 8, base=2) == 3.0


def test_entropy_of_a_fair_coin_is_one_bit():
    assert entropy([0.5, 0.5], base=2) == 1.0
    assert entropy([0.5, 0.5]) == pytest.approx(math.log(2), rel=1e-15)
    assert entropy([1.0, 0.0]) == 0.0


def test_kl_equals_cross_entropy_minus_entropy_worked_example():
    p, q = [0.5, 0.5], [0.9, 0.1]
    kl = kl_divergence(p, q, base=2)
    assert kl == pytest.approx(cross_entropy(p, q, base=2) - entropy(p, base=2), rel=1e-12)
    assert kl == pytest.approx(0.737, abs=5e-4)
    expected = 0.5 * math.log2(0.5 / 0.9) + 0.5 * math.log2(0.5 / 0.1)
    assert kl == pytest.approx(expected, rel=1e-14)


# --------------------------------------------------------------------------------------
# Agreement with SciPy on fixed inputs
# --------------------------------------------------------------------------------------

P3 = np.array([0.25, 0.5, 0.25])
Q3 = np.array([0.25, 0.25, 0.5])


def test_oracle_examples_from_the_spec():
    # ORACLES 7.1: entropy([1,2,1], base=2) = 1.5 and entropy([1,2,1],[1,1,2]) = 0.173287
    # (SciPy normalises; we pass the normalised vectors).
    assert entropy(P3, base=2) == pytest.approx(1.5, rel=1e-15)
    assert kl_divergence(P3, Q3) == pytest.approx(0.173287, abs=5e-7)
    assert scipy.stats.entropy([1, 2, 1], [1, 1, 2]) == pytest.approx(kl_divergence(P3, Q3), rel=RTOL)


@pytest.mark.parametrize("base", BASES)
def test_entropy_matches_scipy(base):
    p = np.array([0.1, 0.2, 0.3, 0.4])
    assert entropy(p, base=base) == pytest.approx(scipy.stats.entropy(p, base=base), rel=RTOL)
    # scipy.special.entr is the elementwise -p log p.
    assert entropy(p) == pytest.approx(scipy.special.entr(p).sum(), rel=RTOL)


@pytest.mark.parametrize("base", BASES)
def test_kl_divergence_matches_scipy(base):
    p = np.array([0.1, 0.2, 0.3, 0.4])
    q = np.array([0.4, 0.3, 0.2, 0.1])
    ref = scipy.stats.entropy(p, q, base=base)
    assert kl_divergence(p, q, base=base) == pytest.approx(ref, rel=RTOL)
    log_b = 1.0 if base is None else math.log(base)
    assert kl_divergence(p, q, base=base) == pytest.approx(
        scipy.special.rel_entr(p, q).sum() / log_b, rel=RTOL)
    # For normalised inputs kl_div sums to the same value (ORACLES 7.2).
    assert kl_divergence(p, q) == pytest.approx(scipy.special.kl_div(p, q).sum(), rel=1e-9)


@pytest.mark.parametrize("base", BASES)
def test_cross_entropy_matches_scipy(base):
    p = np.array([0.1, 0.2, 0.3, 0.4])
    q = np.array([0.4, 0.3, 0.2, 0.1])
    ref = scipy.stats.entropy(p, base=base) + scipy.stats.entropy(p, q, base=base)
    assert cross_entropy(p, q, base=base) == pytest.approx(ref, rel=RTOL)
    log_b = 1.0 if base is None else math.log(base)
    assert cross_entropy(p, q, base=base) == pytest.approx(-(p * np.log(q)).sum() / log_b, rel=RTOL)


def test_zero_probabilities_contribute_nothing():
    p = np.array([0.0, 0.5, 0.5, 0.0])
    q = np.array([0.1, 0.4, 0.5, 0.0])
    assert entropy(p) == pytest.approx(scipy.stats.entropy(p), rel=RTOL)
    assert entropy(p, base=2) == 1.0
    # p = 0 where q = 0 is 0 log 0 = 0, not NaN.
    assert kl_divergence(p, q) == pytest.approx(scipy.stats.entropy(p, q), rel=RTOL)
    assert kl_divergence(p, q) == pytest.approx(scipy.special.rel_entr(p, q).sum(), rel=RTOL)
    assert cross_entropy(p, q) == pytest.approx(-0.5 * math.log(0.4) - 0.5 * math.log(0.5), rel=RTOL)
    assert np.isfinite(cross_entropy(p, q))


def test_q_zero_where_p_positive_is_infinite():
    p = np.array([0.5, 0.5, 0.0])
    q = np.array([1.0, 0.0, 0.0])
    assert scipy.stats.entropy(p, q) == math.inf
    assert kl_divergence(p, q) == math.inf
    assert cross_entropy(p, q) == math.inf
    assert cross_entropy(p, q, base=2) == math.inf
    # One-hot truth on a class the model rules out.
    assert cross_entropy([0, 1], [1, 0]) == math.inf


def test_identical_distributions_have_exactly_zero_divergence():
    for p in ([0.5, 0.5], [0.1, 0.2, 0.7], [0.0, 1.0, 0.0], [1 / 3] * 3, np.full(7, 1 / 7)):
        kl = kl_divergence(p, p)
        assert kl == 0.0
        assert math.copysign(1.0, kl) == 1.0  # +0.0
        assert kl_divergence(p, p, base=2) == 0.0
        assert cross_entropy(p, p) == pytest.approx(entropy(p), rel=1e-15, abs=0.0)


def test_kl_divergence_is_not_symmetric():
    p, q = [0.9, 0.1], [0.5, 0.5]
    assert kl_divergence(p, q) != pytest.approx(kl_divergence(q, p), rel=1e-3)
    assert kl_divergence(q, p) == pytest.approx(scipy.stats.entropy(q, p), rel=RTOL)


def test_scalar_results_are_python_floats():
    assert isinstance(entropy([0.5, 0.5]), float)
    assert isinstance(cross_entropy([1, 0], [0.5, 0.5]), float)
    assert isinstance(kl_divergence([1, 0], [0.5, 0.5]), float)


@pytest.mark.parametrize("base", [None, 2, 10])
def test_batches_reduce_along_the_last_axis(base):
    rng = np.random.default_rng(0)
    p = rng.dirichlet(np.ones(5), size=4)
    q = rng.dirichlet(np.ones(5), size=4)
    p[0, 2] = 0.0
    p[0] /= p[0].sum()
    q[1, 3] = 0.0
    q[1] /= q[1].sum()
    h = entropy(p, base=base)
    assert isinstance(h, np.ndarray) and h.shape == (4,)
    np.testing.assert_allclose(h, scipy.stats.entropy(p, base=base, axis=-1), rtol=RTOL)
    np.testing.assert_allclose(kl_divergence(p, q, base=base),
                               scipy.stats.entropy(p, q, base=base, axis=-1), rtol=RTOL)
    np.testing.assert_allclose(
        cross_entropy(p, q, base=base),
        scipy.stats.entropy(p, base=base, axis=-1) + scipy.stats.entropy(p, q, base=base, axis=-1),
        rtol=RTOL)
    # Row by row it is the 1-D function.
    for i in range(4):
        assert h[i] == pytest.approx(entropy(p[i], base=base), rel=1e-15)
    # SciPy's default axis=0 reduces columns instead (one value per outcome), so the
    # batch layout must be transposed to use it.
    assert scipy.stats.entropy(p, base=base).shape == (5,)
    np.testing.assert_allclose(h, scipy.stats.entropy(p.T, base=base), rtol=RTOL)


def test_batch_with_infinite_row():
    p = np.array([[0.5, 0.5], [1.0, 0.0]])
    q = np.array([[1.0, 0.0], [0.5, 0.5]])
    got = kl_divergence(p, q)
    assert got[0] == math.inf
    assert got[1] == pytest.approx(math.log(2), rel=1e-15)
    np.testing.assert_array_equal(np.isinf(cross_entropy(p, q)), [True, False])


def test_single_row_batch_keeps_its_batch_dimension():
    got = entropy([[0.5, 0.5]], base=2)
    assert isinstance(got, np.ndarray)
    np.testing.assert_array_equal(got, [1.0])


def test_accepts_sums_within_tolerance_of_one():
    p = np.array([0.3, 0.7 + 5e-7])  # within check_distribution's atol=1e-6
    assert entropy(p) == pytest.approx(-(p * np.log(p)).sum(), rel=1e-14)


# --------------------------------------------------------------------------------------
# Property tests against SciPy
# --------------------------------------------------------------------------------------

_weight = st.one_of(
    st.just(0.0),
    st.floats(min_value=1e-6, max_value=1e6, allow_nan=False, allow_infinity=False),
)


@st.composite
def distributions(draw, n=None, allow_zeros=True):
    """A normalised distribution: positive floats (with exact zeros) divided by their sum."""
    n = draw(st.integers(1, 8)) if n is None else n
    weights = st.floats(min_value=1e-6, max_value=1e6) if not allow_zeros else _weight
    w = np.array(draw(st.lists(weights, min_size=n, max_size=n)))
    if not np.any(w > 0):
        w[draw(st.integers(0, n - 1))] = 1.0
    return w / w.sum()


@st.composite
def pairs(draw):
    n = draw(st.integers(1, 8))
    return draw(distributions(n)), draw(distributions(n))


@st.composite
def batches(draw):
    rows, n = draw(st.integers(1, 4)), draw(st.integers(1, 6))
    p = np.stack([draw(distributions(n)) for _ in range(rows)])
    q = np.stack([draw(distributions(n)) for _ in range(rows)])
    return p, q


@settings(max_examples=100, deadline=None)
@given(p=distributions(), base=st.sampled_from([None, 2, 10]))
def test_entropy_property_matches_scipy(p, base):
    h = entropy(p, base=base)
    assert h == pytest.approx(scipy.stats.entropy(p, base=base), rel=RTOL, abs=1e-15)
    assert h >= 0.0
    # Never more than log(number of outcomes), the uniform distribution's entropy.
    log_b = 1.0 if base is None else math.log(base)
    assert h <= math.log(p.size) / log_b + 1e-12


@settings(max_examples=100, deadline=None)
@given(pq=pairs(), base=st.sampled_from([None, 2, 10]))
def test_kl_and_cross_entropy_property_match_scipy(pq, base):
    p, q = pq
    kl = kl_divergence(p, q, base=base)
    ce = cross_entropy(p, q, base=base)
    h = entropy(p, base=base)
    ref_kl = scipy.stats.entropy(p, q, base=base)
    if math.isinf(ref_kl):
        assert kl == math.inf and ce == math.inf
        assert np.any((p > 0) & (q == 0))
        return
    assert not np.any((p > 0) & (q == 0))
    # atol only matters for divergences within rounding of 0.
    assert kl == pytest.approx(ref_kl, rel=RTOL, abs=1e-13)
    log_b = 1.0 if base is None else math.log(base)
    ref_ce = -np.sum(p[p > 0] * np.log(q[p > 0])) / log_b
    assert ce == pytest.approx(ref_ce, rel=RTOL, abs=1e-13)
    # Gibbs' inequality, up to rounding of the (normalised but not exactly summing) inputs.
    assert kl >= -1e-13
    assert ce >= h - 1e-12
    assert kl == pytest.approx(ce - h, rel=1e-8, abs=1e-10)


@settings(max_examples=50, deadline=None)
@given(pq=batches(), base=st.sampled_from([None, 2]))
def test_batch_property_matches_scipy_along_last_axis(pq, base):
    p, q = pq
    np.testing.assert_allclose(entropy(p, base=base),
                               scipy.stats.entropy(p, base=base, axis=-1), rtol=RTOL, atol=1e-15)
    np.testing.assert_allclose(kl_divergence(p, q, base=base),
                               scipy.stats.entropy(p, q, base=base, axis=-1),
                               rtol=RTOL, atol=1e-13)


@settings(max_examples=50, deadline=None)
@given(p=distributions())
def test_self_divergence_is_exactly_zero_property(p):
    assert kl_divergence(p, p) == 0.0
    assert kl_divergence(p, p, base=2) == 0.0


# --------------------------------------------------------------------------------------
# Bad input: ValueError naming the argument
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("func", [entropy, lambda p: cross_entropy(p, [0.5, 0.5]),
                                  lambda p: kl_divergence(p, [0.5, 0.5])])
@pytest.mark.parametrize("bad, match", [
    ([1.5, -0.5], r"`p` has values outside \[0, 1\]"),
    ([-0.1, 1.1], r"`p` has values outside \[0, 1\]"),
    ([0.3, 0.3], r"`p` must sum to 1"),
    ([0.6, 0.6], r"`p` must sum to 1"),
    ([[0.5, 0.5], [0.3, 0.3]], r"`p` must sum to 1 \(along its last axis\), but a sum is 0.6"),
    ([np.nan, 0.5], r"`p` contains NaN"),
    ([np.inf, 0.5], r"`p` contains NaN or infinity"),
    ([], r"`p` is empty"),
    (np.full((2, 2, 2), 0.5), r"`p` must be 1-D or 2-D"),
    (["a", "b"], r"`p` must be numeric"),
])
def test_bad_p_raises_naming_p(func, bad, match):
    with pytest.raises(ValueError, match=match):
        func(bad)


@pytest.mark.parametrize("func", [cross_entropy, kl_divergence])
@pytest.mark.parametrize("bad, match", [
    ([1.5, -0.5], r"`q` has values outside \[0, 1\]"),
    ([0.2, 0.2], r"`q` must sum to 1"),
    ([np.nan, 1.0], r"`q` contains NaN"),
    ([], r"`q` is empty"),
    (np.full((2, 2, 2), 0.5), r"`q` must be 1-D or 2-D"),
])
def test_bad_q_raises_naming_q(func, bad, match):
    with pytest.raises(ValueError, match=match):
        func([0.5, 0.5], bad)


@pytest.mark.parametrize("func", [cross_entropy, kl_divergence])
@pytest.mark.parametrize("p, q", [
    ([0.5, 0.5], [0.2, 0.3, 0.5]),
    ([[0.5, 0.5]], [0.5, 0.5]),
    ([[0.5, 0.5], [0.5, 0.5]], [[0.5, 0.5]]),
])
def test_p_and_q_of_different_shapes(func, p, q):
    with pytest.raises(ValueError, match=r"`p` has shape .* but `q` has shape"):
        func(p, q)


@pytest.mark.parametrize("base", [0, 1, -2, 1.0, -0.5, math.inf, math.nan, [2, 10]])
def test_bad_base(base):
    for call in (lambda: entropy([0.5, 0.5], base=base),
                 lambda: cross_entropy([1, 0], [0.5, 0.5], base=base),
                 lambda: kl_divergence([1, 0], [0.5, 0.5], base=base),
                 lambda: information_content(0.5, base=base)):
        with pytest.raises(ValueError, match="`base` must be a positive number other than 1"):
            call()


@pytest.mark.parametrize("bad, match", [
    (1.5, r"`p` must be a probability in \[0, 1\]"),
    (-0.1, r"`p` must be a probability in \[0, 1\]"),
    ([0.5, 2.0], r"`p` must be a probability"),
    (np.nan, r"`p` contains NaN"),
    ([], r"`p` is empty"),
])
def test_information_content_bad_p(bad, match):
    with pytest.raises(ValueError, match=match):
        information_content(bad)

"""lecturelib.losses agrees with PyTorch, torchvision's focal-loss formula and scikit-learn.

References (ORACLES.md sections 2 and 3):

- ``F.cross_entropy``: 'mean' with class-index targets divides by the sum of the target
  weights; with probability targets it divides by the number of samples.
- ``F.binary_cross_entropy_with_logits``: ``pos_weight`` broadcasts along the last dim.
- ``torchvision.ops.sigmoid_focal_loss`` (0.28) cannot be imported next to CPU torch, so
  its code is written out below (:func:`torchvision_sigmoid_focal_loss`).
- Softmax focal loss: ``-alpha_y (1 - p_y)^gamma log p_y``, 'mean' over N.

Losses and gradients are compared in float64 (tight tolerances) and float32.
"""

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.utils.class_weight import compute_class_weight

from lecturelib.losses import (
    binary_cross_entropy,
    class_weights,
    cross_entropy,
    focal_loss,
    sigmoid_focal_loss,
)

REDUCTIONS = ["mean", "sum", "none"]
TOL = {torch.float64: dict(rtol=1e-7, atol=1e-9), torch.float32: dict(rtol=1e-5, atol=1e-6)}


# --------------------------------------------------------------------------------------
# References and helpers
# --------------------------------------------------------------------------------------


def torchvision_sigmoid_focal_loss(inputs, targets, alpha=0.25, gamma=2, reduction="none"):
    """torchvision 0.28 ``ops.sigmoid_focal_loss``, line for line (ORACLES 3.1)."""
    if not (0 <= alpha <= 1) and alpha != -1:
        raise ValueError(f"Invalid alpha value: {alpha}. alpha must be in the range [0,1] or -1 for ignore.")
    p = torch.sigmoid(inputs)
    ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce_loss * ((1 - p_t) ** gamma)
    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss
    if reduction == "none":
        pass
    elif reduction == "mean":
        loss = loss.mean()
    elif reduction == "sum":
        loss = loss.sum()
    else:
        raise ValueError(f"Invalid Value for arg 'reduction': '{reduction}")
    return loss


def reference_focal_loss(logits, target, gamma, alpha=None, reduction="mean"):
    """Softmax focal loss written from the paper: -alpha_y (1 - p_y)^gamma log p_y."""
    log_p_y = F.log_softmax(logits, dim=1).gather(1, target.unsqueeze(1)).squeeze(1)
    p_y = torch.softmax(logits, dim=1).gather(1, target.unsqueeze(1)).squeeze(1)
    loss = -((1 - p_y) ** gamma) * log_p_y
    if alpha is not None:
        alpha = torch.as_tensor(alpha, dtype=logits.dtype)
        if alpha.dim() == 0:
            alpha = alpha.expand(logits.shape[1])
        loss = alpha[target] * loss
    return {"none": loss, "sum": loss.sum(), "mean": loss.mean()}[reduction]


def assert_loss_and_grad_match(ours, reference, logits, *, dtype=None, tol=None, seed=0,
                               finite_grad=True):
    """Same value and same gradient w.r.t. the logits (for a random upstream gradient).

    ``finite_grad=False`` is only for focal losses with 0 < gamma < 1: where p_t rounds to
    exactly 1, d/dp (1 - p)^gamma is infinite and autograd gives NaN, in the references
    (torchvision's formula, the hand-written softmax one) as much as in lecturelib. The
    gradients must then still agree, NaN for NaN.
    """
    dtype = logits.dtype if dtype is None else dtype
    tol = TOL[dtype] if tol is None else tol
    a = logits.detach().to(dtype).clone().requires_grad_(True)
    b = logits.detach().to(dtype).clone().requires_grad_(True)
    got, want = ours(a), reference(b)
    assert got.dtype == want.dtype == dtype
    assert got.shape == want.shape
    assert torch.isfinite(got).all()
    torch.testing.assert_close(got, want, **tol)
    upstream = torch.randn(got.shape, dtype=dtype, generator=torch.Generator().manual_seed(seed))
    got.backward(upstream)
    want.backward(upstream)
    assert a.grad is not None
    if finite_grad:
        assert torch.isfinite(a.grad).all()
    torch.testing.assert_close(a.grad, b.grad, equal_nan=not finite_grad, **tol)
    return got


def randn(*shape, seed=0, scale=1.0, dtype=torch.float64):
    return scale * torch.randn(shape, dtype=dtype, generator=torch.Generator().manual_seed(seed))


def randint(high, *shape, seed=0):
    return torch.randint(0, high, shape, generator=torch.Generator().manual_seed(seed))


def rand_probs(*shape, dim=1, seed=0, dtype=torch.float64):
    return torch.softmax(randn(*shape, seed=seed, scale=2.0, dtype=dtype), dim=dim)


# --------------------------------------------------------------------------------------
# Worked examples from the lecture decks
# --------------------------------------------------------------------------------------


def _ce_of_probs(probs, target_class):
    logits = torch.log(torch.tensor([probs], dtype=torch.float64))
    return cross_entropy(logits, torch.tensor([target_class])).item()


def test_dog_image_predicted_dog_point_nine():
    assert _ce_of_probs([0.9, 0.1], 0) == pytest.approx(0.10536, abs=5e-6)
    assert _ce_of_probs([0.9, 0.1], 0) == pytest.approx(-math.log(0.9), rel=1e-14)


def test_dog_image_predicted_dog_point_four_is_minus_log_point_four():
    ce = _ce_of_probs([0.4, 0.6], 0)
    assert ce == pytest.approx(0.91629, abs=5e-6)
    assert ce != pytest.approx(0.51083, abs=1e-3)  # the slide's -log(0.6) was wrong
    # The same with a one-hot probability target.
    logits = torch.log(torch.tensor([[0.4, 0.6]], dtype=torch.float64))
    soft = cross_entropy(logits, torch.tensor([[1.0, 0.0]], dtype=torch.float64)).item()
    assert soft == pytest.approx(-math.log(0.4), rel=1e-14)


def test_three_class_example():
    assert _ce_of_probs([0.1, 0.7, 0.2], 1) == pytest.approx(0.35667, abs=5e-6)


@pytest.mark.parametrize("k, nats", [(3, 1.0986), (8, 2.0794)])
def test_uniform_prediction_costs_log_k(k, nats):
    for logits in (torch.zeros(1, k), torch.full((1, k), 7.5)):  # any constant row is uniform
        for t in range(k):
            ce = cross_entropy(logits, torch.tensor([t])).item()
            assert ce == pytest.approx(nats, abs=5e-5)
            assert ce == pytest.approx(math.log(k), rel=1e-6)
    assert cross_entropy(torch.zeros(1, 8, dtype=torch.float64), torch.tensor([3])).item() / math.log(2) \
        == pytest.approx(3.0, rel=1e-14)


def test_class_weights_lecture_split():
    inverse = class_weights([80, 10, 10])
    assert inverse.dtype == torch.float32
    assert inverse.tolist() == [1.25, 10.0, 10.0]
    log = class_weights([80, 10, 10], method="log")
    torch.testing.assert_close(log, torch.tensor([math.log(1.25), math.log(10), math.log(10)]))
    balanced = class_weights([80, 10, 10], method="balanced")
    torch.testing.assert_close(balanced, torch.tensor([1.25, 10.0, 10.0]) / 3)
    smoothed = class_weights([80, 10, 10], method="log1p")
    torch.testing.assert_close(smoothed, torch.tensor([math.log(2.25), math.log(11), math.log(11)]))


@pytest.mark.parametrize("counts, log_ratio, inverse_ratio", [
    ([80, 10, 10], 10.32, 8.0),
    ([99, 1], 458.2, 99.0),
])
def test_log_weights_can_amplify_the_rare_to_dominant_ratio(counts, log_ratio, inverse_ratio):
    # log(N / n) -> 0 for a dominant class, so the rare/dominant ratio grows past
    # inverse frequency's: what notebook 03 teaches.
    log = class_weights(counts, method="log")
    inverse = class_weights(counts)
    assert float(log[-1] / log[0]) == pytest.approx(log_ratio, rel=1e-3)
    assert float(inverse[-1] / inverse[0]) == pytest.approx(inverse_ratio)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 10_000), min_size=2, max_size=8))
def test_smoothed_log_weights_never_exceed_inverse_frequency_ratios(counts):
    smoothed = class_weights(counts, method="log1p").double()
    inverse = class_weights(counts).double()
    assert (smoothed >= math.log(2) * (1 - 1e-6)).all()
    for i in range(len(counts)):
        for j in range(len(counts)):
            if counts[i] < counts[j]:  # i is the rarer class
                assert smoothed[i] / smoothed[j] <= inverse[i] / inverse[j] * (1 + 1e-6)
                assert smoothed[i] >= smoothed[j]


# --------------------------------------------------------------------------------------
# cross_entropy vs F.cross_entropy
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_cross_entropy_class_indices(reduction, dtype):
    logits, target = randn(7, 5, scale=3.0), randint(5, 7)
    assert_loss_and_grad_match(
        lambda x: cross_entropy(x, target, reduction=reduction),
        lambda x: F.cross_entropy(x, target, reduction=reduction), logits, dtype=dtype)


def test_cross_entropy_default_reduction_is_mean():
    logits, target = randn(6, 3), randint(3, 6)
    out = cross_entropy(logits, target)
    assert out.shape == ()
    torch.testing.assert_close(out, F.cross_entropy(logits, target), rtol=1e-12, atol=0)
    torch.testing.assert_close(out, cross_entropy(logits, target, reduction="none").mean())


@pytest.mark.parametrize("target_dtype", [torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8])
def test_cross_entropy_accepts_any_integer_target_dtype(target_dtype):
    logits, target = randn(5, 4), randint(4, 5)
    torch.testing.assert_close(cross_entropy(logits, target.to(target_dtype), reduction="none"),
                               F.cross_entropy(logits, target, reduction="none"), rtol=1e-12, atol=0)


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_cross_entropy_with_class_weight(reduction, dtype):
    logits, target = randn(9, 4, scale=2.0), randint(4, 9, seed=3)
    weight = torch.tensor([0.2, 1.0, 3.5, 0.0], dtype=dtype)
    assert_loss_and_grad_match(
        lambda x: cross_entropy(x, target, weight=weight, reduction=reduction),
        lambda x: F.cross_entropy(x, target, weight=weight, reduction=reduction), logits, dtype=dtype)


def test_weighted_mean_divides_by_the_sum_of_target_weights():
    logits, target = randn(8, 3, seed=1), randint(3, 8, seed=2)
    weight = torch.tensor([1.0, 4.0, 0.5], dtype=torch.float64)
    per_sample = -F.log_softmax(logits, dim=1)[torch.arange(8), target]
    w = weight[target]
    expected = (w * per_sample).sum() / w.sum()
    got = cross_entropy(logits, target, weight=weight)
    torch.testing.assert_close(got, expected, rtol=1e-14, atol=0)
    # ... which is not the plain mean over N.
    assert not torch.isclose(got, (w * per_sample).mean())
    torch.testing.assert_close(cross_entropy(logits, target, weight=weight, reduction="none"),
                               w * per_sample, rtol=1e-14, atol=0)


@pytest.mark.parametrize("weight", [[1.0, 2.0, 3.0], np.array([1.0, 2.0, 3.0]),
                                    torch.tensor([1.0, 2.0, 3.0], dtype=torch.float32)])
def test_weight_may_be_a_list_array_or_tensor(weight):
    logits, target = randn(5, 3), randint(3, 5)
    ref = F.cross_entropy(logits, target, weight=torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64))
    torch.testing.assert_close(cross_entropy(logits, target, weight=weight), ref, rtol=1e-12, atol=0)


def test_uniform_weight_does_not_change_the_mean():
    logits, target = randn(6, 4), randint(4, 6)
    torch.testing.assert_close(cross_entropy(logits, target, weight=torch.full((4,), 3.0)),
                               cross_entropy(logits, target), rtol=1e-12, atol=0)


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32])
@pytest.mark.parametrize("with_weight", [False, True])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_cross_entropy_probability_targets(reduction, with_weight, dtype):
    logits, probs = randn(6, 4, scale=2.0), rand_probs(6, 4, seed=5, dtype=dtype)
    weight = torch.tensor([0.5, 2.0, 1.0, 3.0], dtype=dtype) if with_weight else None
    out = assert_loss_and_grad_match(
        lambda x: cross_entropy(x, probs, weight=weight, reduction=reduction),
        lambda x: F.cross_entropy(x, probs, weight=weight, reduction=reduction), logits, dtype=dtype)
    if reduction == "mean":
        # Probability targets: 'mean' divides by N, not by the weights.
        w = torch.ones(4, dtype=dtype) if weight is None else weight
        per_sample = -(w * probs * F.log_softmax(logits.to(dtype), dim=1)).sum(dim=1)
        torch.testing.assert_close(out.detach(), per_sample.sum() / 6, **TOL[dtype])


def test_one_hot_probability_target_equals_index_target():
    logits, target = randn(5, 3), randint(3, 5)
    one_hot = F.one_hot(target, 3).to(torch.float64)
    weight = torch.tensor([1.0, 2.0, 0.5], dtype=torch.float64)
    for reduction in ("sum", "none"):
        torch.testing.assert_close(
            cross_entropy(logits, one_hot, weight=weight, reduction=reduction),
            cross_entropy(logits, target, weight=weight, reduction=reduction), rtol=1e-13, atol=0)
    torch.testing.assert_close(cross_entropy(logits, one_hot), cross_entropy(logits, target),
                               rtol=1e-13, atol=0)


@pytest.mark.parametrize("with_weight", [False, True])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_cross_entropy_spatial_inputs(reduction, with_weight):
    logits, target = randn(2, 3, 4, 5, scale=2.0), randint(3, 2, 4, 5, seed=4)
    weight = torch.tensor([0.3, 1.0, 2.0], dtype=torch.float64) if with_weight else None
    out = assert_loss_and_grad_match(
        lambda x: cross_entropy(x, target, weight=weight, reduction=reduction),
        lambda x: F.cross_entropy(x, target, weight=weight, reduction=reduction), logits)
    if reduction == "none":
        assert out.shape == (2, 4, 5)
    probs = rand_probs(2, 3, 4, 5, seed=6)
    assert_loss_and_grad_match(
        lambda x: cross_entropy(x, probs, weight=weight, reduction=reduction),
        lambda x: F.cross_entropy(x, probs, weight=weight, reduction=reduction), logits)


def test_cross_entropy_three_dim_input():
    logits, target = randn(3, 4, 6), randint(4, 3, 6)
    for reduction in REDUCTIONS:
        assert_loss_and_grad_match(
            lambda x: cross_entropy(x, target, reduction=reduction),
            lambda x: F.cross_entropy(x, target, reduction=reduction), logits)


EXTREME_LOGITS = [
    [[100.0, -100.0, 0.0], [-100.0, 100.0, 99.0], [100.0, 100.0, -100.0]],
    [[1e4, -1e4, 0.0], [1e4, 1e4 - 1.0, -1e4], [-1e4, 1e4, 1e4 - 0.01]],
    [[1e4, 1e4, 1e4], [-1e4, -1e4, -1e4 + 2.0], [1e4, -1e4, 1e4 - 3.0]],
]


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32])
@pytest.mark.parametrize("rows", EXTREME_LOGITS)
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_cross_entropy_extreme_logits_stay_finite_and_match(rows, reduction, dtype):
    logits = torch.tensor(rows, dtype=dtype)
    for t in ([0, 1, 2], [1, 2, 0], [2, 0, 1]):
        target = torch.tensor(t)
        out = assert_loss_and_grad_match(
            lambda x: cross_entropy(x, target, reduction=reduction),
            lambda x: F.cross_entropy(x, target, reduction=reduction), logits, dtype=dtype)
        assert torch.isfinite(out).all()
        probs = torch.softmax(randn(3, 3, seed=t[0]), dim=1).to(dtype)
        out = assert_loss_and_grad_match(
            lambda x: cross_entropy(x, probs, reduction=reduction),
            lambda x: F.cross_entropy(x, probs, reduction=reduction), logits, dtype=dtype)
        assert torch.isfinite(out).all()


def test_cross_entropy_extreme_logit_exact_values():
    # A confidently wrong prediction costs the logit gap; a confidently right one costs ~0.
    logits = torch.tensor([[1e4, -1e4], [100.0, -100.0]])
    torch.testing.assert_close(cross_entropy(logits, torch.tensor([1, 1]), reduction="none"),
                               torch.tensor([2e4, 200.0]), rtol=0, atol=0)
    assert cross_entropy(logits, torch.tensor([0, 0]), reduction="sum").item() == 0.0
    # float32, gap of 1 on top of 1e4: log(1 + e^-1) exactly as PyTorch has it.
    logits = torch.tensor([[1e4, 1e4 - 1.0]])
    assert cross_entropy(logits, torch.tensor([0])).item() == pytest.approx(math.log1p(math.exp(-1)), rel=1e-6)


# --------------------------------------------------------------------------------------
# binary_cross_entropy vs F.binary_cross_entropy_with_logits
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32])
@pytest.mark.parametrize("shape", [(), (7,), (5, 3), (2, 3, 4)])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_bce_matches_torch(reduction, shape, dtype):
    logits = randn(*shape, scale=4.0)
    hard = (randn(*shape, seed=1) > 0).to(dtype)
    soft = torch.rand(shape, dtype=torch.float64, generator=torch.Generator().manual_seed(2)).to(dtype)
    for target in (hard, soft):
        assert_loss_and_grad_match(
            lambda x: binary_cross_entropy(x, target, reduction=reduction),
            lambda x: F.binary_cross_entropy_with_logits(x, target, reduction=reduction),
            logits, dtype=dtype)


def test_bce_default_reduction_is_mean_over_all_elements():
    logits, target = randn(4, 3), (randn(4, 3, seed=1) > 0).double()
    out = binary_cross_entropy(logits, target)
    torch.testing.assert_close(out, binary_cross_entropy(logits, target, reduction="sum") / 12,
                               rtol=1e-14, atol=0)
    torch.testing.assert_close(out, F.binary_cross_entropy_with_logits(logits, target), rtol=1e-12, atol=0)


def test_bce_integer_targets_are_accepted():
    logits, target = randn(6), torch.tensor([0, 1, 1, 0, 1, 0])
    torch.testing.assert_close(binary_cross_entropy(logits, target, reduction="none"),
                               F.binary_cross_entropy_with_logits(logits, target.double(), reduction="none"),
                               rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("pos_weight", [3.0, 0.25, 0.0, 1, torch.tensor(2.5)])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_bce_scalar_pos_weight(pos_weight, reduction):
    logits = randn(4, 3, scale=3.0)
    target = torch.rand(4, 3, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    ref_pw = torch.as_tensor(pos_weight, dtype=torch.float64)
    assert_loss_and_grad_match(
        lambda x: binary_cross_entropy(x, target, pos_weight=pos_weight, reduction=reduction),
        lambda x: F.binary_cross_entropy_with_logits(x, target, pos_weight=ref_pw, reduction=reduction),
        logits)


@pytest.mark.parametrize("shape", [(6, 4), (2, 5, 4), (4,)])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_bce_per_class_pos_weight_broadcasts_along_the_last_dim(shape, reduction):
    logits = randn(*shape, scale=3.0)
    target = (randn(*shape, seed=1) > 0).double()
    pos_weight = torch.tensor([0.5, 1.0, 4.0, 10.0], dtype=torch.float64)
    out = assert_loss_and_grad_match(
        lambda x: binary_cross_entropy(x, target, pos_weight=pos_weight, reduction=reduction),
        lambda x: F.binary_cross_entropy_with_logits(x, target, pos_weight=pos_weight, reduction=reduction),
        logits)
    if reduction == "none":
        assert out.shape == shape
        # Column c of the positive term is scaled by pos_weight[c]; negatives are untouched.
        plain = binary_cross_entropy(logits, target, reduction="none")
        expected = torch.where(target == 1, plain * pos_weight, plain)
        torch.testing.assert_close(out.detach(), expected, rtol=1e-14, atol=0)


def test_bce_pos_weight_as_list_per_class():
    logits, target = randn(3, 2), torch.ones(3, 2, dtype=torch.float64)
    torch.testing.assert_close(
        binary_cross_entropy(logits, target, pos_weight=[2.0, 5.0], reduction="none"),
        F.binary_cross_entropy_with_logits(logits, target, pos_weight=torch.tensor([2.0, 5.0], dtype=torch.float64),
                                           reduction="none"), rtol=1e-12, atol=0)


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32])
def test_bce_at_plus_minus_100(dtype):
    x = torch.tensor([100.0, -100.0, 100.0, -100.0], dtype=dtype)
    y = torch.tensor([0.0, 1.0, 1.0, 0.0], dtype=dtype)
    out = binary_cross_entropy(x, y, reduction="none")
    ref = F.binary_cross_entropy_with_logits(x, y, reduction="none")
    # Confidently wrong: exactly 100, as in PyTorch.
    assert out[0].item() == 100.0 and out[1].item() == 100.0
    assert ref[0].item() == 100.0 and ref[1].item() == 100.0
    # Confidently right: 0 up to log1p(e^-100) = 3.7e-44 (PyTorch rounds some of these to 0).
    assert 0.0 <= out[2].item() < 1e-40 and 0.0 <= out[3].item() < 1e-40
    torch.testing.assert_close(out, ref, rtol=0, atol=1e-40)
    assert binary_cross_entropy(x, y, reduction="sum").item() == 200.0
    # And the gradient is finite: sigmoid(x) - y, i.e. +-1 for the wrong pair, ~0 for the right.
    xg = x.clone().requires_grad_(True)
    binary_cross_entropy(xg, y, reduction="sum").backward()
    torch.testing.assert_close(xg.grad, torch.tensor([1.0, -1.0, 0.0, 0.0], dtype=dtype), rtol=0, atol=1e-30)


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32])
def test_bce_far_extreme_logits(dtype):
    x = torch.tensor([1e4, -1e4, 1e4, -1e4, 30.0, -30.0], dtype=dtype)
    y = torch.tensor([0.0, 1.0, 1.0, 0.0, 0.3, 0.7], dtype=dtype)
    pos_weight = torch.tensor(2.0, dtype=dtype)
    for kwargs in ({}, {"pos_weight": pos_weight}):
        assert_loss_and_grad_match(
            lambda t: binary_cross_entropy(t, y, reduction="none", **kwargs),
            lambda t: F.binary_cross_entropy_with_logits(t, y, reduction="none", **kwargs), x, dtype=dtype)


def test_bce_doc_examples():
    assert binary_cross_entropy(torch.tensor([0.0]), torch.tensor([1.0])).item() == pytest.approx(math.log(2))


# --------------------------------------------------------------------------------------
# sigmoid_focal_loss vs torchvision 0.28's formula
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("gamma", [0.0, 0.5, 2.0, 5.0])
@pytest.mark.parametrize("alpha", [0.25, 0.5, -1, None, 0.0, 1.0])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_sigmoid_focal_loss_matches_torchvision_formula(reduction, alpha, gamma):
    logits = randn(5, 4, scale=3.0)
    hard = (randn(5, 4, seed=1) > 0).double()
    soft = torch.rand(5, 4, dtype=torch.float64, generator=torch.Generator().manual_seed(2))
    ref_alpha = -1 if alpha is None else alpha
    for target in (hard, soft):
        out = assert_loss_and_grad_match(
            lambda x: sigmoid_focal_loss(x, target, alpha=alpha, gamma=gamma, reduction=reduction),
            lambda x: torchvision_sigmoid_focal_loss(x, target, alpha=ref_alpha, gamma=gamma,
                                                     reduction=reduction), logits)
        assert (out >= 0).all()


@pytest.mark.parametrize("gamma", [0.0, 2.0])
def test_sigmoid_focal_loss_float32(gamma):
    logits = randn(50, scale=5.0, dtype=torch.float32)
    target = (randn(50, seed=1) > 0).float()
    assert_loss_and_grad_match(
        lambda x: sigmoid_focal_loss(x, target, gamma=gamma, reduction="sum"),
        lambda x: torchvision_sigmoid_focal_loss(x, target, gamma=gamma, reduction="sum"), logits)


def test_sigmoid_focal_loss_defaults_are_torchvisions():
    logits, target = randn(3, 2), (randn(3, 2, seed=1) > 0).double()
    out = sigmoid_focal_loss(logits, target)
    assert out.shape == (3, 2)  # default reduction 'none'
    torch.testing.assert_close(out, torchvision_sigmoid_focal_loss(logits, target), rtol=1e-12, atol=0)
    torch.testing.assert_close(out, sigmoid_focal_loss(logits, target, alpha=0.25, gamma=2.0, reduction="none"),
                               rtol=0, atol=0)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_sigmoid_focal_identities(reduction):
    logits = randn(6, 3, scale=3.0)
    target = torch.rand(6, 3, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    bce = F.binary_cross_entropy_with_logits(logits, target, reduction=reduction)
    for off in (None, -1):
        torch.testing.assert_close(sigmoid_focal_loss(logits, target, alpha=off, gamma=0, reduction=reduction),
                                   bce, rtol=1e-12, atol=1e-15)
    torch.testing.assert_close(sigmoid_focal_loss(logits, target, alpha=0.5, gamma=0, reduction=reduction),
                               0.5 * bce, rtol=1e-12, atol=1e-15)


def test_sigmoid_focal_loss_easy_examples_count_less():
    x = torch.logit(torch.tensor([0.9, 0.1]))
    loss = sigmoid_focal_loss(x, torch.ones(2), alpha=None)
    assert [round(v, 5) for v in loss.tolist()] == [0.00105, 1.86509]
    assert loss[0].item() == pytest.approx(-(0.1 ** 2) * math.log(0.9), rel=1e-5)
    assert loss[1].item() == pytest.approx(-(0.9 ** 2) * math.log(0.1), rel=1e-5)


def test_sigmoid_focal_loss_at_saturated_logits():
    x = torch.tensor([100.0, -100.0, 100.0, -100.0], dtype=torch.float64)
    y = torch.tensor([1.0, 0.0, 0.0, 1.0], dtype=torch.float64)
    for gamma in (0.0, 2.0):
        out = sigmoid_focal_loss(x, y, alpha=None, gamma=gamma)
        ref = torchvision_sigmoid_focal_loss(x, y, alpha=-1, gamma=gamma)
        assert torch.isfinite(out).all()
        torch.testing.assert_close(out, ref, rtol=1e-12, atol=1e-40)
        assert out[2].item() == 100.0 and out[3].item() == 100.0


# --------------------------------------------------------------------------------------
# focal_loss (softmax) vs F.cross_entropy and the hand-written formula
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_focal_loss_gamma_zero_is_cross_entropy(reduction, dtype):
    logits, target = randn(8, 5, scale=3.0), randint(5, 8)
    assert_loss_and_grad_match(
        lambda x: focal_loss(x, target, gamma=0.0, reduction=reduction),
        lambda x: F.cross_entropy(x, target, reduction=reduction), logits, dtype=dtype)
    torch.testing.assert_close(focal_loss(logits, target, gamma=0, reduction=reduction),
                               cross_entropy(logits, target, reduction=reduction), rtol=1e-14, atol=0)


def test_focal_loss_per_class_alpha_gamma_zero_vs_weighted_cross_entropy():
    logits, target = randn(10, 3, scale=2.0, seed=7), randint(3, 10, seed=8)
    alpha = torch.tensor([0.1, 0.3, 0.6], dtype=torch.float64)
    for reduction in ("sum", "none"):
        assert_loss_and_grad_match(
            lambda x: focal_loss(x, target, gamma=0.0, alpha=alpha, reduction=reduction),
            lambda x: F.cross_entropy(x, target, weight=alpha, reduction=reduction), logits)
    # The documented difference: focal 'mean' divides by N, weighted CE by sum(alpha[target]).
    focal_mean = focal_loss(logits, target, gamma=0.0, alpha=alpha)
    summed = F.cross_entropy(logits, target, weight=alpha, reduction="sum")
    torch.testing.assert_close(focal_mean, summed / 10, rtol=1e-13, atol=0)
    weighted_ce = F.cross_entropy(logits, target, weight=alpha)
    torch.testing.assert_close(weighted_ce, summed / alpha[target].sum(), rtol=1e-13, atol=0)
    assert not torch.isclose(focal_mean, weighted_ce, rtol=1e-3)
    torch.testing.assert_close(focal_mean * 10 / alpha[target].sum(), weighted_ce, rtol=1e-13, atol=0)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_focal_loss_scalar_alpha(reduction):
    logits, target = randn(6, 4, scale=2.0), randint(4, 6)
    scalar = focal_loss(logits, target, gamma=2.0, alpha=0.25, reduction=reduction)
    vector = focal_loss(logits, target, gamma=2.0, alpha=[0.25] * 4, reduction=reduction)
    torch.testing.assert_close(scalar, vector, rtol=0, atol=0)
    torch.testing.assert_close(scalar, 0.25 * focal_loss(logits, target, gamma=2.0, reduction=reduction),
                               rtol=1e-14, atol=0)
    torch.testing.assert_close(focal_loss(logits, target, gamma=0.0, alpha=0.25, reduction=reduction),
                               0.25 * F.cross_entropy(logits, target, reduction=reduction), rtol=1e-12, atol=0)
    assert_loss_and_grad_match(
        lambda x: focal_loss(x, target, gamma=2.0, alpha=0.25, reduction=reduction),
        lambda x: reference_focal_loss(x, target, 2.0, alpha=0.25, reduction=reduction), logits)


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32])
@pytest.mark.parametrize("gamma", [0.5, 1.0, 2.0, 5.0])
@pytest.mark.parametrize("alpha", [None, [0.2, 0.5, 1.0, 2.0, 0.0]])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_focal_loss_matches_hand_written_formula(reduction, alpha, gamma, dtype):
    logits, target = randn(9, 5, scale=3.0), randint(5, 9, seed=11)
    assert_loss_and_grad_match(
        lambda x: focal_loss(x, target, gamma=gamma, alpha=alpha, reduction=reduction),
        lambda x: reference_focal_loss(x, target, gamma, alpha=alpha, reduction=reduction),
        logits, dtype=dtype)


def test_focal_loss_spatial_input_mean_over_all_positions():
    logits, target = randn(2, 3, 4, scale=2.0), randint(3, 2, 4)
    flat_logits = logits.permute(0, 2, 1).reshape(-1, 3)
    flat_target = target.reshape(-1)
    for reduction in REDUCTIONS:
        got = focal_loss(logits, target, gamma=2.0, reduction=reduction)
        want = reference_focal_loss(flat_logits, flat_target, 2.0, reduction=reduction)
        torch.testing.assert_close(got.reshape(-1) if reduction == "none" else got, want, rtol=1e-12, atol=0)
    assert focal_loss(logits, target, reduction="none").shape == (2, 4)
    torch.testing.assert_close(focal_loss(logits, target, gamma=0.0), F.cross_entropy(logits, target),
                               rtol=1e-12, atol=0)


def test_focal_loss_shrinks_easy_examples():
    logits = torch.tensor([[3.0, 0.0], [0.0, 3.0]], dtype=torch.float64)
    target = torch.tensor([0, 0])  # the first is easy, the second hard
    ce = cross_entropy(logits, target, reduction="none")
    fl = focal_loss(logits, target, gamma=2.0, reduction="none")
    assert (fl < ce).all()
    assert (fl[0] / ce[0]) < (fl[1] / ce[1])


@pytest.mark.parametrize("gamma", [0.0, 2.0])
def test_focal_loss_at_p_t_equal_to_one_is_finite(gamma):
    # p_t is exactly 1 in float64 here, so 1 - p_t = 0 and 0 ** 0 must be 1 (not NaN).
    logits = torch.tensor([[1000.0, -1000.0], [-50.0, 50.0]], dtype=torch.float64, requires_grad=True)
    target = torch.tensor([0, 1])
    assert torch.softmax(logits, 1)[0, 0].item() == 1.0
    out = focal_loss(logits, target, gamma=gamma, reduction="none")
    assert torch.isfinite(out).all()
    assert out[0].item() == 0.0
    out.sum().backward()
    assert torch.isfinite(logits.grad).all()
    assert torch.allclose(logits.grad, torch.zeros_like(logits), atol=1e-20)
    torch.testing.assert_close(out.detach(), F.cross_entropy(logits.detach(), target, reduction="none") * (gamma == 0.0),
                               rtol=0, atol=1e-20)


def test_focal_loss_doc_example():
    logits = torch.tensor([[2.0, 0.0, -1.0], [0.5, 0.4, 0.3]])
    target = torch.tensor([0, 2])
    assert round(focal_loss(logits, target, gamma=2.0).item(), 4) == 0.296
    torch.testing.assert_close(focal_loss(logits, target, gamma=2.0), reference_focal_loss(logits, target, 2.0))


@pytest.mark.parametrize("dtype", [torch.float64, torch.float32])
def test_focal_loss_extreme_logits_match_reference(dtype):
    logits = torch.tensor(EXTREME_LOGITS[1], dtype=dtype)
    target = torch.tensor([1, 1, 2])
    for gamma in (0.0, 2.0):
        assert_loss_and_grad_match(
            lambda x: focal_loss(x, target, gamma=gamma, reduction="sum"),
            lambda x: reference_focal_loss(x, target, gamma, reduction="sum"), logits, dtype=dtype)


# --------------------------------------------------------------------------------------
# class_weights vs scikit-learn
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("counts", [[80, 10, 10], [1, 1], [5], [3, 7, 11, 1000], [2, 2, 2, 2], [1, 99]])
def test_class_weights_balanced_matches_sklearn(counts):
    classes = np.arange(len(counts))
    y = np.repeat(classes, counts)
    expected = compute_class_weight("balanced", classes=classes, y=y)
    got = class_weights(counts, method="balanced")
    assert got.dtype == torch.float32 and got.shape == (len(counts),)
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-6)
    # 'inverse' has the same ratios, K times larger.
    np.testing.assert_allclose(class_weights(counts).numpy(), len(counts) * expected, rtol=1e-6)
    np.testing.assert_allclose(class_weights(counts, method="log").numpy(),
                               np.log(sum(counts) / np.asarray(counts, dtype=float)), rtol=1e-6, atol=1e-7)


def test_class_weights_balanced_on_a_balanced_set_are_one():
    assert class_weights([4, 4, 4], method="balanced").tolist() == [1.0, 1.0, 1.0]
    assert class_weights([7], method="log").tolist() == [0.0]


def test_inverse_and_balanced_weights_give_the_same_weighted_mean():
    logits, target = randn(12, 3, dtype=torch.float32), randint(3, 12)
    inverse = cross_entropy(logits, target, weight=class_weights([80, 10, 10]))
    balanced = cross_entropy(logits, target, weight=class_weights([80, 10, 10], method="balanced"))
    torch.testing.assert_close(inverse, balanced)
    log = cross_entropy(logits, target, weight=class_weights([80, 10, 10], method="log"))
    assert not torch.isclose(log, inverse, rtol=1e-3)


# --------------------------------------------------------------------------------------
# Property tests against PyTorch
# --------------------------------------------------------------------------------------

_logit = st.floats(min_value=-30.0, max_value=30.0, allow_nan=False, allow_infinity=False)


@st.composite
def class_problems(draw, max_n=5):
    n = draw(st.integers(1, max_n))
    c = draw(st.integers(2, 6))
    logits = torch.tensor(draw(st.lists(st.lists(_logit, min_size=c, max_size=c), min_size=n, max_size=n)),
                          dtype=torch.float64)
    target = torch.tensor(draw(st.lists(st.integers(0, c - 1), min_size=n, max_size=n)))
    weight = draw(st.none() | st.lists(st.floats(0.05, 10.0), min_size=c, max_size=c))
    if weight is not None:
        weight = torch.tensor(weight, dtype=torch.float64)
    return logits, target, weight


@settings(max_examples=60, deadline=None)
@given(problem=class_problems(), reduction=st.sampled_from(REDUCTIONS))
def test_property_cross_entropy_matches_torch(problem, reduction):
    logits, target, weight = problem
    assert_loss_and_grad_match(
        lambda x: cross_entropy(x, target, weight=weight, reduction=reduction),
        lambda x: F.cross_entropy(x, target, weight=weight, reduction=reduction), logits)


@settings(max_examples=60, deadline=None)
@given(problem=class_problems(), reduction=st.sampled_from(REDUCTIONS), data=st.data())
def test_property_cross_entropy_probability_targets_match_torch(problem, reduction, data):
    logits, _, weight = problem
    raw = torch.tensor(data.draw(st.lists(
        st.lists(st.floats(0.0, 1.0), min_size=logits.shape[1], max_size=logits.shape[1]),
        min_size=logits.shape[0], max_size=logits.shape[0])), dtype=torch.float64)
    probs = raw  # soft labels need not sum to 1 for PyTorch; they only must lie in [0, 1]
    out = assert_loss_and_grad_match(
        lambda x: cross_entropy(x, probs, weight=weight, reduction=reduction),
        lambda x: F.cross_entropy(x, probs, weight=weight, reduction=reduction), logits)
    assert (out >= 0).all()


@settings(max_examples=60, deadline=None)
@given(problem=class_problems(), reduction=st.sampled_from(REDUCTIONS),
       gamma=st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.5]), scalar_alpha=st.booleans())
def test_property_focal_loss_matches_reference(problem, reduction, gamma, scalar_alpha):
    logits, target, alpha = problem
    if scalar_alpha and alpha is not None:
        alpha = float(alpha[0])
    out = assert_loss_and_grad_match(
        lambda x: focal_loss(x, target, gamma=gamma, alpha=alpha, reduction=reduction),
        lambda x: reference_focal_loss(x, target, gamma, alpha=alpha, reduction=reduction), logits,
        finite_grad=not 0.0 < gamma < 1.0)
    assert (out >= 0).all()
    ce = cross_entropy(logits, target, reduction="none")
    if alpha is None:
        # (1 - p_t)^gamma <= 1: focal loss never exceeds cross-entropy.
        assert (focal_loss(logits, target, gamma=gamma, reduction="none") <= ce + 1e-12).all()
    if gamma == 0.0 and alpha is None:
        torch.testing.assert_close(out.detach(), F.cross_entropy(logits, target, reduction=reduction),
                                   rtol=1e-7, atol=1e-9)


@st.composite
def binary_problems(draw):
    n = draw(st.integers(1, 5))
    c = draw(st.integers(2, 6))
    logits = torch.tensor(draw(st.lists(st.lists(_logit, min_size=c, max_size=c), min_size=n, max_size=n)),
                          dtype=torch.float64)
    target = torch.tensor(draw(st.lists(st.lists(st.sampled_from([0.0, 1.0]) | st.floats(0.0, 1.0),
                                                 min_size=c, max_size=c), min_size=n, max_size=n)),
                          dtype=torch.float64)
    return logits, target


@settings(max_examples=60, deadline=None)
@given(problem=binary_problems(), reduction=st.sampled_from(REDUCTIONS), data=st.data())
def test_property_bce_matches_torch(problem, reduction, data):
    logits, target = problem
    kind = data.draw(st.sampled_from(["none", "scalar", "per_class"]))
    pos_weight = None
    if kind == "scalar":
        pos_weight = torch.tensor(data.draw(st.floats(0.0, 20.0)), dtype=torch.float64)
    elif kind == "per_class":
        pos_weight = torch.tensor(data.draw(st.lists(st.floats(0.0, 20.0), min_size=logits.shape[1],
                                                     max_size=logits.shape[1])), dtype=torch.float64)
    out = assert_loss_and_grad_match(
        lambda x: binary_cross_entropy(x, target, pos_weight=pos_weight, reduction=reduction),
        lambda x: F.binary_cross_entropy_with_logits(x, target, pos_weight=pos_weight, reduction=reduction),
        logits)
    assert (out >= 0).all()


@settings(max_examples=60, deadline=None)
@given(problem=binary_problems(), reduction=st.sampled_from(REDUCTIONS),
       alpha=st.sampled_from([0.25, 0.5, 0.9, -1, None]), gamma=st.sampled_from([0.0, 0.5, 1.0, 2.0, 5.0]))
def test_property_sigmoid_focal_matches_torchvision_formula(problem, reduction, alpha, gamma):
    logits, target = problem
    ref_alpha = -1 if alpha is None else alpha
    out = assert_loss_and_grad_match(
        lambda x: sigmoid_focal_loss(x, target, alpha=alpha, gamma=gamma, reduction=reduction),
        lambda x: torchvision_sigmoid_focal_loss(x, target, alpha=ref_alpha, gamma=gamma, reduction=reduction),
        logits, finite_grad=not 0.0 < gamma < 1.0)
    assert (out >= 0).all()
    if alpha is None:
        # The focusing factor only ever shrinks BCE.
        bce = binary_cross_entropy(logits, target, reduction=reduction)
        assert (out.detach() <= bce + 1e-12).all()


# --------------------------------------------------------------------------------------
# Bad input: ValueError naming the argument
# --------------------------------------------------------------------------------------

LOGITS = torch.zeros(3, 4)
TARGET = torch.tensor([0, 1, 3])
BIN_TARGET = torch.zeros(3, 4)


def _multiclass_losses():
    return [cross_entropy, focal_loss]


def _all_losses():
    """Each loss with a valid target for (3, 4) logits."""
    return [(cross_entropy, TARGET), (focal_loss, TARGET),
            (binary_cross_entropy, BIN_TARGET), (sigmoid_focal_loss, BIN_TARGET)]


@pytest.mark.parametrize("loss, target", _all_losses())
@pytest.mark.parametrize("logits, match", [
    ([[0.0, 1.0, 2.0, 3.0]] * 3, r"`logits` must be a torch.Tensor, got list"),
    (np.zeros((3, 4)), r"`logits` must be a torch.Tensor, got ndarray"),
    (torch.zeros(3, 4, dtype=torch.int64), r"`logits` must be a floating-point tensor"),
    (torch.tensor([[0.0, float("nan"), 0.0, 0.0]] * 3), r"`logits` contains NaN"),
    (torch.tensor([[0.0, float("inf"), 0.0, 0.0]] * 3), r"`logits` contains NaN or infinity"),
])
def test_bad_logits(loss, target, logits, match):
    with pytest.raises(ValueError, match=match):
        loss(logits, target)


@pytest.mark.parametrize("loss", _multiclass_losses())
def test_empty_and_one_dimensional_logits_for_multiclass_losses(loss):
    with pytest.raises(ValueError, match=r"`logits` is empty"):
        loss(torch.zeros(0, 4), torch.zeros(0, dtype=torch.long))
    with pytest.raises(ValueError, match=r"`logits` must have at least 2 dimension"):
        loss(torch.zeros(4), torch.tensor(1))
    with pytest.raises(ValueError, match=r"`logits` must have at least 2 dimension"):
        loss(torch.tensor(1.0), torch.tensor(0))


@pytest.mark.parametrize("loss", [binary_cross_entropy, sigmoid_focal_loss])
def test_empty_logits_for_binary_losses(loss):
    with pytest.raises(ValueError, match=r"`logits` is empty"):
        loss(torch.zeros(0), torch.zeros(0))
    with pytest.raises(ValueError, match=r"`logits` is empty"):
        loss(torch.zeros(2, 0), torch.zeros(2, 0))


@pytest.mark.parametrize("loss", _multiclass_losses())
@pytest.mark.parametrize("target, match", [
    (torch.tensor([0, 1]), r"`target` must have shape \(3,\)"),
    (torch.tensor([[0], [1], [2]]), r"`target` must have shape \(3,\)"),
    (torch.tensor([0, 1, 4]), r"`target` holds class indices outside \[0, 3\]"),
    (torch.tensor([0, -1, 2]), r"`target` holds class indices outside"),
    (torch.tensor([0, -100, 2]), r"`target` holds class indices outside"),  # no ignore_index
    (torch.tensor([True, False, True]), r"`target` must hold class indices"),
    ([0, 1, 2], r"`target` must be a torch.Tensor, got list"),
    (torch.zeros(3), r"`target` must have the shape of `logits` \(3, 4\)"),
    (torch.zeros(3, 3), r"`target` must have the shape of `logits`"),
])
def test_bad_class_target(loss, target, match):
    with pytest.raises(ValueError, match=match):
        loss(LOGITS, target)


def test_minus_100_target_raises_where_pytorch_would_ignore_it():
    target = torch.tensor([0, -100, 2])
    assert torch.isfinite(F.cross_entropy(LOGITS, target))  # PyTorch's ignore_index default
    with pytest.raises(ValueError, match=r"`target` holds class indices outside \[0, 3\]"):
        cross_entropy(LOGITS, target)


@pytest.mark.parametrize("bad", [1.5, -0.1, float("nan")])
def test_probability_target_outside_unit_interval(bad):
    target = torch.full((3, 4), 0.25)
    target[1, 2] = bad
    with pytest.raises(ValueError, match=r"Probability `target` values must lie in \[0, 1\]"):
        cross_entropy(LOGITS, target)


def test_focal_loss_rejects_probability_targets():
    with pytest.raises(ValueError, match=r"`focal_loss` needs class-index targets"):
        focal_loss(LOGITS, torch.full((3, 4), 0.25))


@pytest.mark.parametrize("loss", [binary_cross_entropy, sigmoid_focal_loss])
@pytest.mark.parametrize("target, match", [
    (torch.zeros(3), r"`target` must have the shape of `logits` \(3, 4\)"),
    (torch.zeros(4, 3), r"`target` must have the shape of `logits`"),
    (torch.full((3, 4), 1.5), r"`target` values must lie in \[0, 1\]"),
    (torch.full((3, 4), -0.5), r"`target` values must lie in \[0, 1\]"),
    (torch.full((3, 4), float("nan")), r"`target` values must lie in \[0, 1\]"),
    (np.zeros((3, 4)), r"`target` must be a torch.Tensor"),
])
def test_bad_binary_target(loss, target, match):
    with pytest.raises(ValueError, match=match):
        loss(LOGITS, target)


@pytest.mark.parametrize("weight, match", [
    ([1.0, 2.0, 3.0], r"`weight` must have one value per class, shape \(4,\)"),
    ([1.0] * 5, r"`weight` must have one value per class"),
    ([[1.0] * 4], r"`weight` must have one value per class"),
    (2.0, r"`weight` must have one value per class"),
    ([1.0, -1.0, 1.0, 1.0], r"`weight` must be finite and non-negative"),
    ([1.0, float("nan"), 1.0, 1.0], r"`weight` must be finite and non-negative"),
    ([1.0, float("inf"), 1.0, 1.0], r"`weight` must be finite and non-negative"),
])
def test_bad_weight(weight, match):
    with pytest.raises(ValueError, match=match):
        cross_entropy(LOGITS, TARGET, weight=weight)
    with pytest.raises(ValueError, match=match):
        cross_entropy(LOGITS, torch.full((3, 4), 0.25), weight=weight)


@pytest.mark.parametrize("alpha, match", [
    ([1.0, 2.0], r"`alpha` must have one value per class, shape \(4,\)"),
    (-0.5, r"`alpha` must be finite and non-negative"),
    ([0.1, 0.2, -0.3, 0.4], r"`alpha` must be finite and non-negative"),
    (float("nan"), r"`alpha` must be finite and non-negative"),
])
def test_focal_loss_bad_alpha(alpha, match):
    with pytest.raises(ValueError, match=match):
        focal_loss(LOGITS, TARGET, alpha=alpha)


@pytest.mark.parametrize("loss, target", _all_losses())
@pytest.mark.parametrize("reduction", ["avg", "Mean", "elementwise_mean", "", None, "batchmean"])
def test_bad_reduction(loss, target, reduction):
    with pytest.raises(ValueError, match=r"`reduction` must be one of \('mean', 'sum', 'none'\)"):
        loss(LOGITS, target, reduction=reduction)


@pytest.mark.parametrize("loss, target", [(focal_loss, TARGET), (sigmoid_focal_loss, BIN_TARGET)])
@pytest.mark.parametrize("gamma", [-1.0, -0.01, float("nan"), float("inf"), "2", None])
def test_bad_gamma(loss, target, gamma):
    with pytest.raises(ValueError, match=r"`gamma` must be a finite number >= 0"):
        loss(LOGITS, target, gamma=gamma)


@pytest.mark.parametrize("alpha", [1.5, -0.5, 2.0, -2.0, float("nan")])
def test_sigmoid_focal_bad_alpha(alpha):
    with pytest.raises(ValueError, match=r"`alpha` must be in \[0, 1\], or -1/None"):
        sigmoid_focal_loss(LOGITS, BIN_TARGET, alpha=alpha)
    # torchvision 0.28 rejects the same values.
    if not math.isnan(alpha):
        with pytest.raises(ValueError, match="alpha"):
            torchvision_sigmoid_focal_loss(LOGITS, BIN_TARGET, alpha=alpha)


@pytest.mark.parametrize("alpha", [-1, 0.0, 1.0, None])
def test_sigmoid_focal_allowed_alpha_edges(alpha):
    out = sigmoid_focal_loss(LOGITS, BIN_TARGET, alpha=alpha, reduction="sum")
    assert torch.isfinite(out)
    # All-negative targets, p = 0.5, gamma 2: each element is alpha_t * 0.25 * log 2.
    alpha_t = 1.0 if alpha in (-1, None) else 1.0 - alpha
    assert out.item() == pytest.approx(12 * alpha_t * 0.25 * math.log(2), rel=1e-6)


@pytest.mark.parametrize("pos_weight, match", [
    (-1.0, r"`pos_weight` must be finite and non-negative"),
    (float("nan"), r"`pos_weight` must be finite and non-negative"),
    ([1.0, -2.0, 1.0, 1.0], r"`pos_weight` must be finite and non-negative"),
    ([1.0, 2.0, 3.0], r"`pos_weight` of shape \(3,\) does not broadcast to `logits`"),
    (torch.ones(3), r"`pos_weight` of shape \(3,\) does not broadcast"),
    (torch.ones(2, 3, 4), r"`pos_weight` of shape \(2, 3, 4\) does not broadcast"),
])
def test_bce_bad_pos_weight(pos_weight, match):
    with pytest.raises(ValueError, match=match):
        binary_cross_entropy(LOGITS, BIN_TARGET, pos_weight=pos_weight)


def test_bce_pos_weight_must_not_grow_the_loss():
    # (N, 1) logits with an (N,) weight would broadcast to (N, N); PyTorch refuses too.
    logits, target = torch.zeros(4, 1), torch.ones(4, 1)
    with pytest.raises(RuntimeError):
        F.binary_cross_entropy_with_logits(logits, target, pos_weight=torch.ones(4), reduction="none")
    with pytest.raises(ValueError, match=r"`pos_weight` of shape \(4,\) does not broadcast to `logits` of shape \(4, 1\)"):
        binary_cross_entropy(logits, target, pos_weight=torch.ones(4), reduction="none")


@pytest.mark.parametrize("counts, match", [
    ([80, 0, 10], r"`counts` must be positive for every class"),
    ([80, -5, 10], r"`counts` must be positive for every class"),
    ([1.0, float("nan")], r"`counts` must be positive"),
    ([1.0, float("inf")], r"`counts` must be positive"),
    ([], r"`counts` must be a non-empty 1-D"),
    ([[80, 10], [10, 5]], r"`counts` must be a non-empty 1-D list of class counts, got shape \(2, 2\)"),
    (7, r"`counts` must be a non-empty 1-D"),
])
def test_class_weights_bad_counts(counts, match):
    for method in ("inverse", "balanced", "log"):
        with pytest.raises(ValueError, match=match):
            class_weights(counts, method=method)


@pytest.mark.parametrize("method", ["sqrt", "Inverse", "", None, "effective"])
def test_class_weights_unknown_method(method):
    with pytest.raises(ValueError, match=r"`method` must be 'inverse', 'balanced', 'log' or 'log1p'"):
        class_weights([80, 10, 10], method=method)

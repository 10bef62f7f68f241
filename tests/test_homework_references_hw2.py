"""Homework 2's checks: their reference answers equal PyTorch and lecturelib.losses (which is
itself tested against PyTorch in tests/test_losses.py), values and gradients, on fixed and
random inputs; the checks pass the references; and the rule reads code, not words."""

import linecache

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from lecturelib import losses
from lecturelib.classification import recall_score
from lecturelib.datasets import imbalanced_digits
from lecturelib.homework import hw2
from lecturelib.training import fit, mlp, predict

ref = hw2.reference
SEEDS = range(12)


def _random(seed, dtype):
    g = torch.Generator().manual_seed(seed)
    n, c = int(torch.randint(1, 7, (1,), generator=g)), int(torch.randint(2, 9, (1,), generator=g))
    scale = (1.0, 5.0, 40.0)[seed % 3]
    x = (scale * torch.randn(n, c, generator=g, dtype=torch.float64)).to(dtype)
    t = torch.randint(0, c, (n,), generator=g)
    return x, t


def _grad(function, x, *args, **kwargs):
    x = x.detach().clone().requires_grad_(True)
    (g,) = torch.autograd.grad(function(x, *args, **kwargs).sum(), x)
    return g


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_log_softmax_equals_torch_values_and_gradient(seed, dtype):
    x, _t = _random(seed, dtype)
    got = ref.log_softmax(x)
    assert got.dtype == dtype
    tol = dict(rtol=1e-5, atol=1e-5) if dtype == torch.float32 else dict(rtol=1e-12, atol=1e-12)
    torch.testing.assert_close(got, torch.log_softmax(x, dim=1), **tol)
    torch.testing.assert_close(got, losses._log_softmax(x), **tol)
    if dtype == torch.float64:
        torch.testing.assert_close(_grad(ref.log_softmax, x),
                                   _grad(lambda v: torch.log_softmax(v, dim=1), x))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("reduction", ["none", "sum", "mean"])
def test_cross_entropy_equals_torch_and_lecturelib(seed, reduction):
    for dtype in (torch.float32, torch.float64):
        x, t = _random(seed, dtype)
        got = ref.cross_entropy(x, t, reduction=reduction)
        tol = dict(rtol=1e-5, atol=1e-4) if dtype == torch.float32 else {}
        torch.testing.assert_close(got, F.cross_entropy(x, t, reduction=reduction), **tol)
        torch.testing.assert_close(got, losses.cross_entropy(x, t, reduction=reduction), **tol)
    torch.testing.assert_close(_grad(ref.cross_entropy, x, t, reduction=reduction),
                               _grad(F.cross_entropy, x, t, reduction=reduction))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("gamma", [0.0, 0.5, 1.0, 2.0, 5.0])
def test_focal_loss_equals_lecturelib_for_every_alpha(seed, gamma):
    x, t = _random(seed, torch.float64)
    c = x.shape[1]
    weights = torch.linspace(0.2, 3.0, c, dtype=torch.float64)
    for alpha in (None, 0.25, weights.tolist(), weights, weights.float()):
        for reduction in ("none", "sum", "mean"):
            torch.testing.assert_close(
                ref.focal_loss(x, t, gamma=gamma, alpha=alpha, reduction=reduction),
                losses.focal_loss(x, t, gamma=gamma, alpha=alpha, reduction=reduction))
    if gamma >= 1:   # (1 - p_t)^(gamma - 1) is finite
        torch.testing.assert_close(
            _grad(ref.focal_loss, x, t, gamma=gamma, alpha=weights.tolist()),
            _grad(losses.focal_loss, x, t, gamma=gamma, alpha=weights.tolist()))
    x32 = x.float()
    torch.testing.assert_close(ref.focal_loss(x32, t, gamma=gamma, alpha=0.25),
                               losses.focal_loss(x32, t, gamma=gamma, alpha=0.25))


def test_focal_loss_at_gamma_0_without_alpha_is_cross_entropy():
    x, t = _random(3, torch.float64)
    for reduction in ("none", "sum", "mean"):
        torch.testing.assert_close(ref.focal_loss(x, t, gamma=0.0, reduction=reduction),
                                   F.cross_entropy(x, t, reduction=reduction))


def test_the_numbers_the_questions_quote():
    x = torch.tensor([[1000.0, 0.0, -1000.0]])
    assert ref.log_softmax(x).tolist() == [[0.0, -1000.0, -2000.0]]
    assert ref.cross_entropy(x, torch.tensor([2])).item() == 2000.0
    assert ref.focal_loss(x, torch.tensor([2]), gamma=2.0).item() == 2000.0
    dogs = torch.log(torch.tensor([[0.9, 0.1], [0.4, 0.6]], dtype=torch.float64))
    torch.testing.assert_close(ref.cross_entropy(dogs, torch.tensor([0, 0]), reduction="none"),
                               -torch.log(torch.tensor([0.9, 0.4], dtype=torch.float64)))
    two = torch.tensor(hw2.FOUR_LOGITS[:2])
    assert round(ref.focal_loss(two, torch.tensor([0, 2]), gamma=2.0).item(), 4) == 0.296
    # Question 4's table: gamma = 2 at p_t = 0.9 and 0.1; the focal loss with alpha above CE.
    easy_hard = torch.log(torch.tensor([[0.9, 0.1], [0.1, 0.9]], dtype=torch.float64))
    easy, hard = ref.focal_loss(easy_hard, torch.tensor([0, 0]), reduction="none").tolist()
    assert round(easy / hard, 6) == 0.000565 and round(hard, 3) == 1.865
    p = torch.log(torch.tensor([[0.3, 0.7]], dtype=torch.float64))
    ratio = (ref.focal_loss(p, torch.tensor([0]), gamma=2.0, alpha=3.458)
             / ref.cross_entropy(p, torch.tensor([0])))
    assert round(ratio.item(), 2) == 1.69


def test_mean_divides_by_n_also_with_alpha():
    x, t = _random(5, torch.float64)
    alpha = torch.linspace(0.5, 2.0, x.shape[1], dtype=torch.float64)
    total = ref.focal_loss(x, t, gamma=1.0, alpha=alpha, reduction="sum")
    torch.testing.assert_close(ref.focal_loss(x, t, gamma=1.0, alpha=alpha), total / len(t))


def test_per_class_recall_is_the_recall_on_the_test_part():
    data = imbalanced_digits((80, 10, 10), seed=4)
    model = mlp(data.n_features, 8, data.n_classes, seed=4)
    fit(model, data, losses.cross_entropy, epochs=2, seed=4, progress=False)
    expected = recall_score(data.y_test.numpy(), predict(model, data.X_test).numpy(),
                            average=None)
    np.testing.assert_array_equal(ref.per_class_recall(model, data), expected)
    assert len(expected) == data.n_classes


@pytest.mark.parametrize("seed", [0, 1, 2041])
def test_the_checks_pass_the_references(seed):
    hw2.q1_public(ref.log_softmax)
    hw2.q1_hidden(ref.log_softmax, seed=seed)
    hw2.q2_public(ref.cross_entropy)
    hw2.q2_hidden(ref.cross_entropy, seed=seed)
    hw2.q3_public(ref.focal_loss)
    hw2.q3_hidden(ref.focal_loss, seed=seed)


def test_the_checks_pass_the_library_functions_they_compare_with():
    """Rules aside (this code is no notebook's), the library functions pass every check, so
    the tolerance accepts every faithful way of computing the formula."""
    hw2._compare(hw2._TorchStudent(lambda x: torch.log_softmax(x, dim=1), "log_softmax", "1"),
                 ref.log_softmax, [((_random(s, d)[0],), {}) for s in SEEDS
                                   for d in (torch.float32, torch.float64)])
    cases = []
    for s in SEEDS:
        x, t = _random(s, (torch.float32, torch.float64)[s % 2])
        cases += [((x, t), {"reduction": r}) for r in ("none", "sum", "mean")]
    hw2._compare(hw2._TorchStudent(losses.cross_entropy, "cross_entropy", "2"),
                 ref.cross_entropy, cases)
    hw2._compare(hw2._TorchStudent(F.cross_entropy, "cross_entropy", "2"), ref.cross_entropy,
                 cases)
    focal = [((x, t), dict(k, gamma=g, alpha=a)) for (x, t), k in cases
             for g in (0.5, 2.0) for a in (None, 0.3, [0.5] * x.shape[1])]
    hw2._compare(hw2._TorchStudent(losses.focal_loss, "focal_loss", "3"), ref.focal_loss, focal)


def _public_cases():
    four, targets = torch.tensor(hw2.FOUR_LOGITS, dtype=torch.float64), torch.tensor(
        hw2.FOUR_TARGETS)
    q1 = [torch.tensor(hw2.Q1_EXAMPLE), torch.tensor([[1000.0, 0.0, -1000.0]]),
          torch.tensor([[1000.0, 999.0], [0.0, -1.0]], dtype=torch.float64)]
    q2 = [((four, targets), {"reduction": r}) for r in ("none", "sum", "mean")]
    q2 += [((torch.tensor([[1000.0, 0.0, -1000.0]]), torch.tensor([2])), {})]
    q3 = [((four, targets), {"gamma": g, "alpha": a, "reduction": r})
          for g in (0.0, 1.0, 2.0) for a in (None, 0.25, hw2.FOCAL_ALPHA)
          for r in ("none", "sum", "mean")]
    q3 += [((torch.tensor([[1000.0, 0.0, -1000.0]]), torch.tensor([2])), {"gamma": 2.0})]
    return q1, q2, q3


def _differs(model, reference_fn, cases):
    for args, kwargs in cases:
        try:
            out = model(*args, **kwargs)
        except Exception:  # noqa: BLE001
            return True
        expected = reference_fn(*args, **kwargs)
        atol, rtol = hw2._tolerance(args[0])
        if not hw2._close(out, expected, atol, rtol):
            return True
    return False


def test_no_mistake_model_gives_the_right_answers():
    """A mistake is named only when its model reproduces every answer: so no model may agree
    with the reference on the public examples (a right answer would be called a mistake)."""
    q1, q2, q3 = _public_cases()
    for m in hw2._log_softmax_mistakes():
        assert _differs(m.model, ref.log_softmax, [((x,), {}) for x in q1]), m.message
    for m in hw2._cross_entropy_mistakes():
        assert _differs(m.model, ref.cross_entropy, q2), m.message
    for m in hw2._focal_mistakes():
        assert _differs(m.model, ref.focal_loss, q3), m.message


_CELLS = iter(range(10**6))


def notebook(source, **names):
    filename = f"<hw2 test cell {next(_CELLS)}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    namespace = {"__name__": "__main__", "torch": torch, "F": F, **names}
    exec(compile(source, filename, "exec"), namespace)
    return namespace


@pytest.mark.parametrize("source", [
    'def log_softmax(x):\n    """Like torch.log_softmax(x, dim=1) or x.log_softmax(1)."""\n'
    '    # not F.log_softmax\n    m = x.amax(dim=1, keepdim=True)\n'
    '    return x - m - torch.log(torch.exp(x - m).sum(dim=1, keepdim=True))\n',
    'def logsumexp(row):\n    m = row.max()\n    return m + torch.log(torch.exp(row - m).sum())\n\n'
    'def log_softmax(x):\n    return torch.stack([r - logsumexp(r) for r in x])\n',
])
def test_words_and_own_helpers_do_not_break_the_rule(source):
    hw2._check_library_calls(notebook(source)["log_softmax"], "log_softmax")


@pytest.mark.parametrize("source, says", [
    ("def log_softmax(x):\n    return x.log_softmax(dim=1)\n", "Line 2 of your `log_softmax` "
     "calls `x.log_softmax`"),
    ("def log_softmax(x):\n    return x - x.logsumexp(1, keepdim=True)\n", "calls `x.logsumexp`"),
    ("def log_softmax(x):\n    return F.log_softmax(x, 1)\n", "calls `F.log_softmax`"),
    ("def log_softmax(x):\n    return torch.special.log_softmax(x, 1)\n",
     "calls `torch.special.log_softmax`"),
    ("def h(x):\n    return torch.nn.LogSoftmax(dim=1)(x)\n\n"
     "def log_softmax(x):\n    return h(x)\n", "Line 2 of your `h`, which your `log_softmax` "
     "calls, calls `torch.nn.LogSoftmax`"),
    ("from lecturelib.losses import focal_loss as fl\n\n"
     "def log_softmax(x):\n    return fl(x, x.argmax(1))\n", "calls `fl`"),
])
def test_library_calls_are_found_under_any_name(source, says):
    with pytest.raises(AssertionError, match=None) as caught:
        hw2._check_library_calls(notebook(source)["log_softmax"], "log_softmax")
    assert says in str(caught.value)


def test_a_float32_result_for_float64_logits_is_explained_and_float64_for_float32_accepted():
    student = hw2._TorchStudent(lambda x: ref.log_softmax(x).float(), "log_softmax", "1")
    with pytest.raises(AssertionError, match="returned a float32 tensor for float64 logits"):
        hw2._compare(student, ref.log_softmax,
                     [((torch.tensor([[1.0, 2.0]], dtype=torch.float64),), {})])
    upcast = hw2._TorchStudent(lambda x: ref.log_softmax(x.double()), "log_softmax", "1")
    hw2._compare(upcast, ref.log_softmax, [((torch.tensor([[1.0, 2.0]]),), {})])


# ------------------------------------------------------------------ question 5's setting

_BROKEN_LOSSES = '''
def log_softmax(logits):
    return logits            # wrong, and charged in question 1

def cross_entropy(logits, target, reduction="mean"):
    return -log_softmax(logits)[torch.arange(len(target)), target]   # ignores reduction

def focal_loss(logits, target, gamma=2.0, alpha=None, reduction="mean"):
    return torch.zeros(len(target))                                    # no gradient at all
'''


@pytest.fixture(scope="module")
def data():
    return imbalanced_digits((90, 5, 5), seed=0)


@pytest.mark.parametrize("loss", [
    "lambda logits, target: focal_loss(logits, target, gamma=1.0)",
    "focal_loss",
    "functools.partial(focal_loss, gamma=2.0, alpha=[1.0, 5.0, 5.0])",
    "lambda logits, target: cross_entropy(logits, target) * 2",
])
def test_the_setting_is_checked_with_the_right_losses(data, loss):
    """The student's own (here broken) losses of questions 1 to 3 are replaced by correct
    ones: their mistakes cost points in their own questions, not here."""
    import functools

    ns = notebook(_BROKEN_LOSSES + f"\nmy_loss_fn = {loss}\n", functools=functools)
    hw2._check_setting(data, "my setting", ns["my_loss_fn"], None)
    assert ns["focal_loss"].__module__ == "__main__"      # and put back afterwards
    assert ns["log_softmax"](torch.ones(1, 2)).tolist() == [[1.0, 1.0]]


def test_the_setting_needs_a_remedy(data):
    ns = notebook(_BROKEN_LOSSES)
    with pytest.raises(AssertionError, match="same loss as plain cross-entropy"):
        hw2._check_setting(data, "baseline again", ns["cross_entropy"], None)
    with pytest.raises(AssertionError, match="same loss as plain cross-entropy"):
        hw2._check_setting(data, "uniform sampling", ns["cross_entropy"],
                           np.ones(len(data.y_train)))
    weights = 1.0 / data.counts("train")[data.y_train.numpy()]
    hw2._check_setting(data, "resampling", ns["cross_entropy"], weights)
    with pytest.raises(AssertionError, match="one weight per training sample"):
        hw2._check_setting(data, "resampling", ns["cross_entropy"], weights[:10])


@pytest.mark.parametrize("change, says", [
    (dict(experiment_data=...), "`...`, the blank of the answer cell"),
    (dict(my_setting="  "), "Describe your setting"),
    (dict(my_loss_fn=...), "set it to a function of (logits, target)"),
    (dict(my_loss_fn=lambda x, t: ref.focal_loss(x, t, reduction="none")),
     "training needs one number, a 0-d tensor"),
    (dict(my_loss_fn=lambda x, t: ref.focal_loss(x, t).item()), "a Python number"),
])
def test_a_setting_that_cannot_run_is_explained(data, change, says):
    setting = dict(experiment_data=data, my_setting="focal", my_sampler_weights=None,
                   my_loss_fn=lambda x, t: ref.focal_loss(x, t))
    setting.update(change)
    with pytest.raises(AssertionError) as caught:
        hw2._check_setting(**setting)
    assert says in str(caught.value)


def test_a_balanced_split_is_not_an_imbalance_experiment():
    from lecturelib.datasets import load_digits_split

    with pytest.raises(AssertionError, match="hardly imbalanced"):
        hw2._check_setting(load_digits_split(seed=0), "digits", lambda x, t: ref.focal_loss(x, t),
                           None)

"""Tiny models and the fit loop: learning, determinism, resampling, divergence, progress bars."""

import math

import numpy as np
import pytest
import torch

from lecturelib.datasets import imbalanced_digits, load_digits_split
from lecturelib.losses import class_weights, cross_entropy
from lecturelib.training import (
    DivergenceError,
    History,
    _Adam,
    _SGD,
    fit,
    logistic_regression,
    mlp,
    predict,
    predict_proba,
)


@pytest.fixture(scope="module")
def digits():
    return load_digits_split()


@pytest.fixture(scope="module")
def imbalanced():
    return imbalanced_digits()


@pytest.fixture(scope="module")
def long_run(digits):
    """The course's reference run: a digits MLP for 30 epochs (its speed is benchmarked, not tested)."""
    model = mlp()
    history = fit(model, digits, cross_entropy, epochs=30, progress=False)
    return model, history


def _quiet_fit(model, data, loss_fn=cross_entropy, **kwargs):
    kwargs.setdefault("progress", False)
    return fit(model, data, loss_fn, **kwargs)


# --- models -------------------------------------------------------------------------------

def test_models_shapes_and_architecture():
    assert isinstance(logistic_regression(), torch.nn.Linear)
    assert logistic_regression(5, 3)(torch.zeros(2, 5, dtype=torch.float64)).shape == (2, 3)
    net = mlp(8, 16, 4)
    assert [type(m) for m in net] == [torch.nn.Linear, torch.nn.ReLU, torch.nn.Linear]
    assert net[0].out_features == 16
    assert net(torch.zeros(7, 8, dtype=torch.float64)).shape == (7, 4)


@pytest.mark.parametrize("make", [logistic_regression, mlp])
def test_models_are_seeded_without_touching_the_global_rng(make):
    state = torch.get_rng_state()
    a, b, c = make(seed=1), make(seed=1), make(seed=2)
    assert torch.equal(torch.get_rng_state(), state)
    for p, q in zip(a.parameters(), b.parameters()):
        assert torch.equal(p, q)
    assert not torch.equal(next(a.parameters()), next(c.parameters()))


@pytest.mark.parametrize("make, kwargs, match", [
    (logistic_regression, {"n_features": 0}, "n_features"),
    (logistic_regression, {"n_classes": 1}, "n_classes"),
    (logistic_regression, {"seed": -1}, "seed"),
    (mlp, {"n_hidden": 2.5}, "n_hidden"),
    (mlp, {"n_features": True}, "n_features"),
])
def test_models_reject_bad_arguments(make, kwargs, match):
    with pytest.raises(ValueError, match=match):
        make(**kwargs)


# --- fit: learning ---------------------------------------------------------------------------

def test_fit_learns_digits(long_run):
    model, history = long_run
    assert len(history.train_loss) == len(history.val_loss) == 30
    assert len(history.train_accuracy) == len(history.val_accuracy) == 30
    assert history.train_loss[-1] < 0.25 * history.train_loss[0]
    assert history.val_loss[-1] < history.val_loss[0]
    assert history.final["val_accuracy"] > 0.9
    assert all(0 <= a <= 1 for a in history.train_accuracy + history.val_accuracy)


def test_fit_records_its_settings(long_run):
    history = long_run[1]
    assert (history.lr, history.batch_size, history.epochs) == (0.1, 32, 30)
    assert history.loss_name == "cross_entropy" and history.optimizer == "sgd"


def test_trained_model_predicts_the_test_set(long_run, digits):
    model = long_run[0]
    proba = predict_proba(model, digits.X_test)
    assert proba.shape == (len(digits.y_test), 10) and proba.dtype == torch.float64
    assert torch.allclose(proba.sum(dim=1), torch.ones(len(proba), dtype=torch.float64))
    labels = predict(model, digits.X_test)
    assert labels.dtype == torch.int64 and torch.equal(labels, proba.argmax(dim=1))
    assert (labels == digits.y_test).float().mean() > 0.9


def test_fit_losses_are_the_documented_means(digits):
    # With a learning rate too small to move float64 weights, every batch sees the same
    # model, so the batch-size-weighted mean over batches (the last of 79, not 100) is
    # exactly the loss over the whole training set; an unweighted mean would not be.
    model = logistic_regression()
    history = _quiet_fit(model, digits, lr=1e-30, batch_size=100, epochs=1)
    with torch.no_grad():
        train_logits, val_logits = model(digits.X_train), model(digits.X_val)
    assert history.train_loss[0] == pytest.approx(
        cross_entropy(train_logits, digits.y_train).item(), rel=1e-5)
    assert history.val_loss[0] == pytest.approx(
        cross_entropy(val_logits, digits.y_val).item(), rel=1e-6)
    assert history.train_accuracy[0] == pytest.approx(
        (train_logits.argmax(1) == digits.y_train).float().mean().item())
    assert history.val_accuracy[0] == pytest.approx(
        (val_logits.argmax(1) == digits.y_val).float().mean().item())


@pytest.mark.parametrize("kwargs", [
    {"optimizer": "adam", "lr": 0.003},
    {"optimizer": "SGD", "lr": 0.02, "momentum": 0.9},
    {"batch_size": 2000, "lr": 1.0, "epochs": 10},  # one full batch, one step per epoch
])
def test_fit_other_optimizers_and_batch_sizes_learn(digits, kwargs):
    kwargs = {"epochs": 4, **kwargs}
    history = _quiet_fit(mlp(), digits, **kwargs)
    assert history.train_loss[-1] < 0.8 * history.train_loss[0]
    assert history.optimizer == kwargs.get("optimizer", "sgd").lower()


def test_fit_accepts_a_weighted_loss_lambda(imbalanced):
    w = class_weights(imbalanced.counts())
    history = _quiet_fit(logistic_regression(n_classes=3), imbalanced,
                         lambda z, y: cross_entropy(z, y, weight=w), epochs=3)
    assert history.loss_name == "<lambda>"
    assert history.train_loss[-1] < history.train_loss[0]


@pytest.mark.parametrize("make, optimizer, reference", [
    (lambda p: _SGD(p, 0.1), "sgd", lambda p: torch.optim.SGD(p, lr=0.1)),
    (lambda p: _SGD(p, 0.05, 0.9), "sgd", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9)),
    (lambda p: _Adam(p, 0.01), "adam", lambda p: torch.optim.Adam(p, lr=0.01)),
])
def test_written_out_optimizers_match_torch_optim(make, optimizer, reference):
    ours, theirs = mlp(8, 4, 3, seed=1), mlp(8, 4, 3, seed=1)
    opt_ours, opt_theirs = make(list(ours.parameters())), reference(list(theirs.parameters()))
    g = torch.Generator().manual_seed(0)
    for _ in range(6):
        x = torch.randn(5, 8, generator=g, dtype=torch.float64)
        for model, opt in ((ours, opt_ours), (theirs, opt_theirs)):
            opt.zero_grad()
            model(x).pow(2).sum().backward()
            opt.step()
    for p, q in zip(ours.parameters(), theirs.parameters()):
        assert torch.allclose(p, q, rtol=1e-6, atol=1e-7)


# --- fit: determinism ------------------------------------------------------------------------

def test_fit_same_seed_same_history_other_seed_other_history(digits):
    a = _quiet_fit(mlp(), digits, epochs=3, seed=5)
    b = _quiet_fit(mlp(), digits, epochs=3, seed=5)
    c = _quiet_fit(mlp(), digits, epochs=3, seed=6)
    assert a == b
    assert a.train_loss != c.train_loss


def test_fit_leaves_global_rng_and_threads_alone(digits):
    state, threads = torch.get_rng_state(), torch.get_num_threads()
    _quiet_fit(logistic_regression(), digits, epochs=1)
    assert torch.equal(torch.get_rng_state(), state)
    assert torch.get_num_threads() == threads


# --- History ---------------------------------------------------------------------------------

@pytest.mark.parametrize("val_loss, best", [
    ([0.9, 0.5, 0.5, 0.7], 2),    # tie: the earliest
    ([0.3], 1),
    ([1.0, 0.8, 0.6, 0.4], 4),
    ([float("nan"), 0.4, 0.2], 3),
])
def test_best_epoch_is_one_based_argmin_of_val_loss(val_loss, best):
    assert History(val_loss=val_loss).best_epoch == best


def test_history_final_rows_and_repr():
    h = History(train_loss=[1.0, 0.5], val_loss=[1.1, 0.7], train_accuracy=[0.5, 0.8],
                val_accuracy=[0.4, 0.75], lr=0.1, batch_size=32, epochs=2,
                loss_name="cross_entropy", optimizer="sgd")
    assert h.final == {"epoch": 2, "train_loss": 0.5, "val_loss": 0.7,
                       "train_accuracy": 0.8, "val_accuracy": 0.75}
    rows = h.to_rows()
    assert [r["epoch"] for r in rows] == [1, 2]
    assert rows[0] == {"epoch": 1, "train_loss": 1.0, "val_loss": 1.1,
                       "train_accuracy": 0.5, "val_accuracy": 0.4}
    text = repr(h)
    assert "2 epochs" in text and "best epoch 2" in text and "lr=0.1" in text


def test_history_partial_curves_fill_with_none():
    rows = History(val_loss=[0.5, 0.4]).to_rows()
    assert rows[1] == {"epoch": 2, "train_loss": None, "val_loss": 0.4,
                       "train_accuracy": None, "val_accuracy": None}


def test_empty_history_has_no_best_epoch_or_final():
    with pytest.raises(ValueError, match="no validation losses"):
        History().best_epoch
    with pytest.raises(ValueError, match="empty"):
        History().final
    assert History().to_rows() == []
    assert repr(History()) == "History(0 epochs)"


# --- fit: WeightedRandomSampler -----------------------------------------------------------

def _recording_loss(seen):
    def loss(logits, target):
        if torch.is_grad_enabled():  # training batches only, not the validation pass
            seen.append(target.clone())
        return cross_entropy(logits, target)
    return loss


def _inverse_count_weights(data):
    counts = torch.bincount(data.y_train)
    return 1.0 / counts[data.y_train].double()


def test_plain_epochs_visit_every_training_sample_once(imbalanced):
    seen = []
    _quiet_fit(logistic_regression(n_classes=3), imbalanced, _recording_loss(seen), epochs=1)
    drawn = torch.cat(seen)
    assert len(drawn) == len(imbalanced.y_train)
    assert torch.bincount(drawn, minlength=3).tolist() == imbalanced.counts().tolist()


def test_sampler_weights_balance_the_classes(imbalanced):
    seen = []
    weights = _inverse_count_weights(imbalanced)
    _quiet_fit(logistic_regression(n_classes=3), imbalanced, _recording_loss(seen),
               epochs=2, batch_size=64, sampler_weights=weights, seed=3)
    drawn = torch.cat(seen)
    assert len(drawn) == 2 * len(imbalanced.y_train)
    share = torch.bincount(drawn, minlength=3).double() / len(drawn)
    # Without the sampler "other" is 80% of the draws; with 1/count weights each class
    # gets about a third (standard error ~0.01 for 2158 draws).
    assert imbalanced.counts()[0] / len(imbalanced.y_train) > 0.75
    assert torch.allclose(share, torch.full((3,), 1 / 3, dtype=torch.float64), atol=0.05)


def test_sampler_path_is_the_lecture_recipe(imbalanced):
    # The lecture's WeightedRandomSampler, with the same seeded generator, draws exactly
    # the samples fit trains on in its first epoch.
    seen = []
    weights = _inverse_count_weights(imbalanced)
    _quiet_fit(logistic_regression(n_classes=3), imbalanced, _recording_loss(seen),
               epochs=1, sampler_weights=weights.tolist(), seed=11)
    sampler = torch.utils.data.WeightedRandomSampler(
        weights, num_samples=len(weights), replacement=True,
        generator=torch.Generator().manual_seed(11))
    assert torch.equal(torch.cat(seen), imbalanced.y_train[list(sampler)])


def test_sampler_fit_is_deterministic(imbalanced):
    weights = _inverse_count_weights(imbalanced).numpy()
    runs = [_quiet_fit(logistic_regression(n_classes=3), imbalanced, epochs=2,
                       sampler_weights=weights, seed=2) for _ in range(2)]
    assert runs[0] == runs[1]


@pytest.mark.parametrize("weights", [
    np.ones(10),                                  # wrong length
    np.ones((1079, 1)),                           # 2-D
    np.r_[-1.0, np.ones(1078)],                   # negative
    np.r_[np.nan, np.ones(1078)],                 # NaN
    np.zeros(1079),                               # nothing could be drawn
    ["a"] * 1079,
])
def test_bad_sampler_weights_are_rejected(digits, weights):
    with pytest.raises(ValueError, match="sampler_weights"):
        _quiet_fit(logistic_regression(), digits, sampler_weights=weights, epochs=1)


# --- fit: divergence -----------------------------------------------------------------------

def test_huge_learning_rate_raises_a_clear_divergence_error(digits):
    # float64 holds logits up to ~1e308, so only an absurd rate overflows in one epoch.
    with pytest.raises(DivergenceError, match=r"diverged.*`lr`=1e\+300.*too high") as info:
        _quiet_fit(mlp(), digits, lr=1e300, epochs=5)
    assert isinstance(info.value, ValueError) and isinstance(info.value, RuntimeError)
    assert info.value.history.train_loss == []  # it stopped inside the first epoch


def test_nan_loss_stops_training_at_once(digits):
    calls = []

    def nan_loss(logits, target):
        calls.append(1)
        return cross_entropy(logits, target) * float("nan")

    with pytest.raises(DivergenceError, match=r"epoch 1, batch 1: the loss became NaN.*lr"):
        _quiet_fit(logistic_regression(), digits, nan_loss, epochs=3)
    assert len(calls) == 1


def test_divergence_in_a_later_epoch_keeps_the_finished_epochs(digits):
    calls = []

    def exploding(logits, target):
        calls.append(1)
        # Finite for the first epoch's 34 batches and its validation pass, then inf.
        return cross_entropy(logits, target) * (math.inf if len(calls) > 35 else 1.0)

    with pytest.raises(DivergenceError, match="epoch 2, batch 1: the loss became infinite"
                       ) as info:
        _quiet_fit(logistic_regression(), digits, exploding, epochs=3)
    assert len(info.value.history.val_loss) == 1


# --- fit: progress bar ----------------------------------------------------------------------

def test_progress_false_prints_nothing(digits, capsys, monkeypatch):
    monkeypatch.setenv("LECTURELIB_PROGRESS", "1")
    fit(logistic_regression(), digits, cross_entropy, epochs=2, progress=False)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_progress_env_zero_silences_the_default(digits, capsys, monkeypatch):
    monkeypatch.setenv("LECTURELIB_PROGRESS", "0")
    fit(logistic_regression(), digits, cross_entropy, epochs=2)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


@pytest.mark.parametrize("env, progress", [("1", None), (None, None), ("0", True)])
def test_progress_bar_shows_epochs_and_losses(digits, capsys, monkeypatch, env, progress):
    if env is None:
        monkeypatch.delenv("LECTURELIB_PROGRESS", raising=False)
    else:
        monkeypatch.setenv("LECTURELIB_PROGRESS", env)
    fit(logistic_regression(), digits, cross_entropy, epochs=2, progress=progress)
    err = capsys.readouterr().err
    assert "2/2" in err and "val_loss=" in err and "cross_entropy" in err


# --- fit: bad input -------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, match", [
    ({"lr": 0}, "lr"),
    ({"lr": -0.1}, "lr"),
    ({"lr": float("nan")}, "lr"),
    ({"lr": True}, "lr"),
    ({"lr": "0.1"}, "lr"),
    ({"batch_size": 0}, "batch_size"),
    ({"batch_size": 32.0}, "batch_size"),
    ({"epochs": 0}, "epochs"),
    ({"epochs": None}, "epochs"),
    ({"optimizer": "rmsprop"}, "optimizer"),
    ({"optimizer": None}, "optimizer"),
    ({"momentum": 1.0}, "momentum"),
    ({"momentum": -0.5}, "momentum"),
    ({"optimizer": "adam", "momentum": 0.9}, "momentum"),
    ({"seed": -1}, "seed"),
    ({"progress": "yes"}, "progress"),
])
def test_fit_rejects_bad_settings(digits, kwargs, match):
    with pytest.raises(ValueError, match=match):
        fit(logistic_regression(), digits, cross_entropy, **kwargs)


def test_fit_rejects_mismatched_models_data_and_losses(digits):
    with pytest.raises(ValueError, match="n_features=64"):
        _quiet_fit(logistic_regression(10, 10), digits)
    with pytest.raises(ValueError, match="n_classes=10"):
        _quiet_fit(mlp(n_classes=3), digits)
    with pytest.raises(ValueError, match="model"):
        _quiet_fit("mlp", digits)
    with pytest.raises(ValueError, match="no trainable parameters"):
        _quiet_fit(torch.nn.Flatten(), digits)
    with pytest.raises(ValueError, match="data"):
        _quiet_fit(mlp(), (digits.X_train, digits.y_train))
    with pytest.raises(ValueError, match="loss_fn"):
        _quiet_fit(mlp(), digits, "cross_entropy")
    with pytest.raises(ValueError, match="loss_fn.*scalar"):
        _quiet_fit(mlp(), digits, lambda z, y: cross_entropy(z, y, reduction="none"))
    with pytest.raises(ValueError, match="loss_fn.*no gradient"):
        _quiet_fit(mlp(), digits, lambda z, y: cross_entropy(z, y).detach())


# --- predict --------------------------------------------------------------------------------

def test_predict_proba_restores_mode_needs_no_grad_and_takes_numpy():
    model = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.Dropout(0.5))
    model.train()
    x = np.ones((6, 4))
    a, b = predict_proba(model, x), predict_proba(model, torch.ones(6, 4))
    assert model.training  # put back as it was
    assert torch.equal(a, b)  # dropout was off: eval mode
    assert not a.requires_grad
    assert torch.allclose(a.sum(dim=1), torch.ones(6))
    assert predict(model, x).tolist() == a.argmax(dim=1).tolist()


@pytest.mark.parametrize("model, X, match", [
    ("net", np.ones((2, 4)), "model"),
    (None, np.ones(4), "X"),
    (None, np.ones((0, 4)), "X"),
    (None, [[1.0, float("nan"), 0.0, 0.0]], "X"),
])
def test_predict_rejects_bad_input(model, X, match):
    model = logistic_regression(4, 3) if model is None else model
    with pytest.raises(ValueError, match=match):
        predict_proba(model, X)


def test_fit_records_every_batch_loss(digits):
    history = _quiet_fit(mlp(), digits, batch_size=100, epochs=2)
    steps_per_epoch = -(-len(digits.y_train) // 100)
    assert len(history.batch_loss) == 2 * steps_per_epoch
    # The epoch's training loss is the size-weighted mean of its batch losses.
    sizes = [100] * (steps_per_epoch - 1) + [len(digits.y_train) - 100 * (steps_per_epoch - 1)]
    first_epoch = np.dot(history.batch_loss[:steps_per_epoch], sizes) / len(digits.y_train)
    assert np.isclose(first_epoch, history.train_loss[0], rtol=1e-12)


# --- dtype: the course trains in float64 -------------------------------------------------------

def test_models_and_data_default_to_float64_and_accept_float32():
    assert next(mlp().parameters()).dtype == torch.float64
    assert logistic_regression(dtype="float32").weight.dtype == torch.float32
    # Both precisions start from the same weights (drawn once, then converted).
    assert torch.equal(mlp(seed=3, dtype=torch.float32)[0].weight.double(), mlp(seed=3)[0].weight)
    data = load_digits_split(dtype=torch.float32)
    history = _quiet_fit(mlp(dtype=torch.float32), data, epochs=1)
    assert len(history.val_loss) == 1


def test_model_and_data_of_different_dtypes_are_rejected_clearly(digits):
    with pytest.raises(ValueError, match=r"`model` has torch.float32 weights.*dtype"):
        _quiet_fit(mlp(dtype=torch.float32), digits, epochs=1)


@pytest.mark.parametrize("bad", ["float16", torch.float16, 64, "double"])
def test_unknown_dtypes_are_rejected(bad):
    with pytest.raises(ValueError, match="dtype"):
        mlp(dtype=bad)


_CODE_PATH_RUN = """
import json
from lecturelib.datasets import load_digits_split
from lecturelib.losses import cross_entropy
from lecturelib.training import fit, mlp
data = load_digits_split()
h = fit(mlp(), data, cross_entropy, lr=0.5, batch_size=16, epochs=8, progress=False)
print(json.dumps(h.val_loss + h.batch_loss[-50:]))
"""


def test_float64_training_agrees_across_float_code_paths():
    # MKL's generic kernels and PyTorch's non-vectorised ones sum in another order than
    # this CPU's default kernels: a stand-in for a learner's different CPU. In float64 the
    # training curves agree far beyond the 3-4 digits the notebooks print.
    import json
    import os
    import subprocess
    import sys

    runs = []
    for extra in ({}, {"MKL_CBWR": "COMPATIBLE", "ATEN_CPU_CAPABILITY": "default"}):
        env = dict(os.environ, LECTURELIB_PROGRESS="0", **extra)
        out = subprocess.run([sys.executable, "-c", _CODE_PATH_RUN], env=env, check=True,
                             capture_output=True, text=True).stdout
        runs.append(json.loads(out))
    assert runs[0] == pytest.approx(runs[1], rel=1e-9, abs=1e-12)

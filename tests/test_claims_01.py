"""The claims notebook 01 draws from its training runs, asserted on fresh runs.

nbval compares the numbers the notebook prints, which float64 training keeps identical on
every CPU; these tests pin the *conclusions* the prose draws from them, with margins wide
enough to survive any float code path. The runs are the notebook's own (same data, model,
seeds and settings), trained once per module.
"""

import math

import numpy as np
import pytest
import torch

from lecturelib import losses
from lecturelib.datasets import load_digits_split
from lecturelib.training import History, batch_loss_spread, fit, frozen_batch_losses, mlp

LEARNING_RATES = (0.01, 0.1, 1.0)
BATCH_SIZES = (8, 64, 512)
DIAGONAL = ((0.01, 8), (0.1, 64), (1.0, 512))
CHANCE_LOSS = math.log(10)  # cross-entropy of a uniform guess over the 10 digits


# --------------------------------------------------------------------- the helper itself

def test_batch_loss_spread_ignores_the_trend_and_the_short_last_batch():
    # Two epochs of three batches; the third is the short one and is wildly off.
    steady = History(val_loss=[1.0, 1.0], batch_loss=[3.0, 2.0, 50.0, 1.0, 0.0, -9.0])
    assert batch_loss_spread(steady, last_epochs=2) == pytest.approx(0.0)
    noisy = History(val_loss=[1.0, 1.0], batch_loss=[2.0, 1.0, 9.0, 2.0, 1.0, 9.0])
    assert batch_loss_spread(noisy, last_epochs=2) == pytest.approx(np.std([-1, 1, -1]))
    # Only the last epochs count.
    assert batch_loss_spread(noisy, last_epochs=1) == pytest.approx(float("nan"), nan_ok=True)


@pytest.mark.parametrize("history, last_epochs, match", [
    (History(val_loss=[1.0, 1.0], batch_loss=[1.0, 2.0, 3.0]), 1, "batch losses"),
    (History(), 1, "batch losses"),
    (History(val_loss=[1.0], batch_loss=[1.0, 2.0]), 2, "last_epochs"),
    (History(val_loss=[1.0], batch_loss=[1.0, 2.0]), 0, "last_epochs"),
])
def test_batch_loss_spread_rejects_bad_input(history, last_epochs, match):
    with pytest.raises(ValueError, match=match):
        batch_loss_spread(history, last_epochs=last_epochs)


def test_frozen_batch_losses_cuts_the_batches_fit_would_and_changes_nothing(digits):
    model = mlp(64, 64, 10, seed=3)
    before = [p.detach().clone() for p in model.parameters()]
    model.train()
    frozen = frozen_batch_losses(model, digits, losses.cross_entropy, batch_size=64, epochs=2, seed=5)
    assert model.training and all(torch.equal(a, b) for a, b in zip(before, model.parameters()))
    assert len(frozen.batch_loss) == 2 * 17 and len(frozen.val_loss) == 2
    assert frozen.val_loss[0] == frozen.val_loss[1]
    # fit with a vanishing learning rate walks the same batches with (almost) the same weights.
    crawl = fit(mlp(64, 64, 10, seed=3), digits, losses.cross_entropy, lr=1e-12, batch_size=64,
                epochs=2, seed=5, progress=False)
    np.testing.assert_allclose(frozen.batch_loss, crawl.batch_loss, rtol=1e-9)
    np.testing.assert_allclose(frozen.val_loss, crawl.val_loss, rtol=1e-9)


def test_frozen_batch_losses_of_a_model_that_says_the_same_for_everything_do_not_jump(digits):
    model = mlp(64, 64, 10, seed=0)
    with torch.no_grad():
        for p in model.parameters():
            p.zero_()
    h = frozen_batch_losses(model, digits, losses.cross_entropy, batch_size=8, epochs=3)
    np.testing.assert_allclose(h.batch_loss, math.log(10), rtol=1e-12)
    assert batch_loss_spread(h, last_epochs=3) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("change, match", [
    (dict(model="not a model"), "model"),
    (dict(data="not a split"), "data"),
    (dict(loss_fn=None), "loss_fn"),
    (dict(batch_size=0), "batch_size"),
    (dict(epochs=0), "epochs"),
    (dict(model=mlp(64, 64, 10, dtype=torch.float32)), "dtype|float"),
    (dict(loss_fn=lambda z, y: losses.cross_entropy(z, y, reduction="none")), "scalar"),
])
def test_frozen_batch_losses_rejects_bad_input(digits, change, match):
    arguments = dict(model=mlp(64, 64, 10), data=digits, loss_fn=losses.cross_entropy, batch_size=8)
    arguments.update(change)
    batch_size = arguments.pop("batch_size")
    epochs = arguments.pop("epochs", 1)
    with pytest.raises(ValueError, match=match):
        frozen_batch_losses(**arguments, batch_size=batch_size, epochs=epochs)


# ------------------------------------------------------------------ the notebook's runs

@pytest.fixture(scope="module")
def digits():
    return load_digits_split(val_size=0.2, test_size=0.2, seed=0)


def _run(data, lr, batch_size, epochs, model=None):
    model = mlp(64, 64, 10, seed=0) if model is None else model
    return fit(model, data, losses.cross_entropy, lr=lr, batch_size=batch_size, epochs=epochs,
               seed=0, progress=False)


@pytest.fixture(scope="module")
def runs(digits):
    """The grid at 20 epochs: each run's trained model (the notebook keeps them) and History."""
    models = {(lr, b): mlp(64, 64, 10, seed=0) for lr in LEARNING_RATES for b in BATCH_SIZES}
    return models, {(lr, b): _run(digits, lr, b, 20, model=model) for (lr, b), model in models.items()}


@pytest.fixture(scope="module")
def trained(runs):
    return runs[0]


@pytest.fixture(scope="module")
def grid(runs):
    return runs[1]


def frozen_jump(model, data, batch_size):
    """The notebook's measure: the batch jump of frozen weights over 20 epochs of batches."""
    h = frozen_batch_losses(model, data, losses.cross_entropy, batch_size=batch_size, epochs=20)
    return batch_loss_spread(h, last_epochs=20)


@pytest.fixture(scope="module")
def long_runs(digits):
    """Batch 512 for 90 epochs: 270 updates, as many as batch 8 takes in 2 epochs."""
    return {lr: _run(digits, lr, 512, 90) for lr in LEARNING_RATES}


def final(h):
    return h.val_loss[-1]


def rise(h):
    return max(np.diff(h.val_loss).max(), 0.0)


# Section 5: overfitting and early stopping.

def test_overfitting_run_stops_early_and_its_validation_loss_climbs(digits):
    import dataclasses

    small = dataclasses.replace(digits, X_train=digits.X_train[:150], y_train=digits.y_train[:150])
    h = fit(mlp(64, 128, 10, seed=0), small, losses.cross_entropy, lr=0.01, batch_size=16,
            epochs=60, optimizer="adam", seed=0, progress=False)
    best = h.best_epoch
    assert best <= 15
    assert h.val_loss[-1] > h.val_loss[best - 1] + 0.1        # it climbs back, clearly
    assert h.train_loss[-1] < 0.01                           # while training loss heads to 0
    # ... and validation accuracy hardly changes while the loss rises.
    assert abs(h.val_accuracy[-1] - h.val_accuracy[best - 1]) < 0.03


# Section 6: the grid at 20 epochs.

def test_updates_per_run_differ_by_45_times(grid, digits):
    assert len(grid[0.1, 8].batch_loss) == 2700 and len(grid[0.1, 512].batch_loss) == 60
    assert len(grid[0.1, 8].batch_loss) // 20 == 135 and len(grid[0.1, 512].batch_loss) // 20 == 3
    assert len(digits.y_train) == 1079 and len(digits.y_val) == 359


def test_diagonal_runs_end_close_while_the_off_diagonal_corners_fail(grid):
    diagonal = [final(grid[k]) for k in DIAGONAL]
    assert max(diagonal) - min(diagonal) < 0.08
    assert max(diagonal) < 0.45
    for corner in ((1.0, 8), (0.01, 512)):
        assert final(grid[corner]) > 2.2
        assert final(grid[corner]) - max(diagonal) > 1.5
    # Both fixes the quiz names for lr 1.0 with batch 8 end low.
    assert max(final(grid[0.1, 8]), final(grid[1.0, 64])) < 0.2


def test_an_equal_ratio_with_small_steps_gives_the_same_curve(digits, grid):
    equal = _run(digits, 0.08, 64, 20)                       # 0.08 / 64 == 0.01 / 8
    assert np.max(np.abs(np.subtract(equal.val_loss, grid[0.01, 8].val_loss))) < 0.01


def test_ratios_as_close_as_the_diagonals_can_end_far_apart(grid):
    diagonal = [final(grid[k]) for k in DIAGONAL]
    spread = max(diagonal) - min(diagonal)
    # lr 0.01 / batch 64 and lr 0.1 / batch 512: ratios 1.25 apart, as on the diagonal.
    assert (0.1 / 512) / (0.01 / 64) == pytest.approx(1.25)
    gap = final(grid[0.01, 64]) - final(grid[0.1, 512])
    assert gap > 0.25 and gap > 3.5 * spread
    # Higher up the table the loss changes fast with the ratio, at the diagonal slowly.
    assert gap > 3 * (final(grid[0.01, 8]) - final(grid[1.0, 512]))


def test_final_loss_falls_with_the_learning_rate_per_example_until_training_breaks(grid):
    ordered = sorted(grid, key=lambda k: k[0] / k[1])
    assert ordered[-1] == (1.0, 8)
    finals = [final(grid[k]) for k in ordered[:-1]]
    assert all(a > b for a, b in zip(finals, finals[1:]))


def test_lr_1_with_batch_8_ends_at_chance_after_rising_early(grid):
    h = grid[1.0, 8]
    assert h.val_accuracy[-1] < 0.15
    assert abs(final(h) - CHANCE_LOSS) < 0.1
    assert rise(h) > 0.2 and h.best_epoch <= 5


def test_the_best_run_is_lr_1_with_batch_64(grid):
    assert min(grid, key=lambda k: final(grid[k])) == (1.0, 64)
    assert grid[1.0, 64].val_accuracy[-1] > 0.95


def test_lr_0_01_batch_512_creeps_down_in_a_smooth_line_and_underfits(grid):
    h = grid[0.01, 512]
    assert 0.01 < h.val_loss[0] - final(h) < 0.1
    assert rise(h) == 0.0
    # Underfitting, not overfitting: training and validation loss are both still high.
    assert h.train_loss[-1] > 2.2 and abs(h.train_loss[-1] - final(h)) < 0.05
    assert h.val_accuracy[-1] < 0.3
    # Raising the learning rate at the same batch size helps, the more the better.
    assert final(grid[0.01, 512]) > final(grid[0.1, 512]) + 0.3 > final(grid[1.0, 512]) + 0.3


def test_no_run_of_the_grid_overfits_in_20_epochs(grid):
    for key, h in grid.items():
        if key != (1.0, 8):
            assert final(h) - min(h.val_loss) < 0.05, key


def test_small_batch_small_rate_loss_still_falls_while_its_accuracy_has_levelled_off(grid):
    h = grid[0.01, 8]
    assert rise(h) == 0.0
    assert h.val_loss[-2] - h.val_loss[-1] > 0.005
    last_five = h.val_accuracy[-5:]
    assert max(last_five) - min(last_five) <= 1 / 359 + 1e-12      # one image at most
    assert last_five[-3:] == [last_five[-1]] * 3 and last_five[-1] > 0.9


def test_the_batch_jump_falls_as_the_batch_grows_at_lr_0_01(grid):
    spreads = [batch_loss_spread(grid[0.01, b]) for b in BATCH_SIZES]
    assert spreads[0] > spreads[1] > spreads[2]


def test_frozen_weights_jump_about_as_much_as_training(grid, trained, digits):
    for (lr, b), h in grid.items():
        ratio = batch_loss_spread(h) / frozen_jump(trained[lr, b], digits, b)
        assert 0.7 < ratio < 1.7, (lr, b, ratio)


def test_a_frozen_models_batch_jump_falls_as_one_over_root_batch(trained, digits):
    sizes = (8, 16, 32, 64, 128, 256, 512)
    scaled = [frozen_jump(trained[0.1, 64], digits, b) * math.sqrt(b) for b in sizes]
    assert max(scaled[:-1]) / min(scaled[:-1]) < 1.15               # 8 to 256
    assert scaled[-1] < 0.8 * scaled[0]                              # 512: half the training set


def test_at_lr_1_a_bigger_batch_does_not_calm_the_validation_curve(grid):
    assert final(grid[1.0, 64]) < 0.2 < final(grid[1.0, 8])  # 8 -> 64 cures batch 8
    assert rise(grid[1.0, 512]) > 3 * rise(grid[1.0, 64])
    assert rise(grid[1.0, 512]) > 0.15 and rise(grid[1.0, 64]) < 0.05
    for lr in (0.01, 0.1):
        for b in BATCH_SIZES:
            assert rise(grid[lr, b]) < 0.02, (lr, b)


def test_large_batch_large_rate_finds_its_direction_in_the_first_epoch(grid):
    h, small_small = grid[1.0, 512], grid[0.01, 8]
    assert h.val_loss[0] < small_small.val_loss[0] < CHANCE_LOSS - 0.05
    # Its first updates already go downhill.
    assert h.batch_loss[4] < h.batch_loss[0] - 0.1


# Section 6: the same number of updates.

def test_long_batch_512_runs_start_exactly_as_the_grid_runs(grid, long_runs):
    for lr in LEARNING_RATES:
        np.testing.assert_allclose(long_runs[lr].val_loss[:20], grid[lr, 512].val_loss,
                                   rtol=1e-9)


def test_at_equal_updates_batch_64_and_512_end_alike(grid, long_runs):
    for lr in LEARNING_RATES:
        at_64 = grid[lr, 64].val_loss[15]        # 16 epochs x 17 = 272 updates
        at_512 = long_runs[lr].val_loss[-1]      # 90 epochs x 3 = 270 updates
        assert abs(at_64 - at_512) < 0.03, lr
    # Batch 8 after 2 epochs (270 updates): alike at lr 0.01, a little behind at lr 0.1, fails at 1.0.
    assert abs(grid[0.01, 8].val_loss[1] - long_runs[0.01].val_loss[-1]) < 0.03
    assert 0.0 < grid[0.1, 8].val_loss[1] - long_runs[0.1].val_loss[-1] < 0.1
    assert grid[1.0, 8].val_loss[1] > 2.2 > 0.2 > long_runs[1.0].val_loss[-1]
    # So batch 512 at lr 0.01 was held back by its 60 updates, not by its batch size.
    assert final(grid[0.01, 512]) - long_runs[0.01].val_loss[-1] > 0.1

"""The claims notebook 01 draws from its training runs, asserted on fresh runs.

nbval compares the numbers the notebook prints, which float64 training keeps identical on
every CPU; these tests pin the *conclusions* the prose draws from them, with margins wide
enough to survive any float code path. The runs are the notebook's own (same data, model,
seeds and settings), trained once per module.
"""

import math

import numpy as np
import pytest

from lecturelib import losses
from lecturelib.datasets import load_digits_split
from lecturelib.training import History, batch_loss_spread, fit, mlp

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


# ------------------------------------------------------------------ the notebook's runs

@pytest.fixture(scope="module")
def digits():
    return load_digits_split(val_size=0.2, test_size=0.2, seed=0)


def _run(data, lr, batch_size, epochs, **kwargs):
    return fit(mlp(64, 64, 10, seed=0), data, losses.cross_entropy, lr=lr,
               batch_size=batch_size, epochs=epochs, seed=0, progress=False, **kwargs)


@pytest.fixture(scope="module")
def grid(digits):
    return {(lr, b): _run(digits, lr, b, 20) for lr in LEARNING_RATES for b in BATCH_SIZES}


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


def test_diagonal_runs_end_alike_while_the_off_diagonal_corners_fail(grid):
    diagonal = [final(grid[k]) for k in DIAGONAL]
    assert max(diagonal) - min(diagonal) < 0.08
    assert max(diagonal) < 0.45
    for corner in ((1.0, 8), (0.01, 512)):
        assert final(grid[corner]) > 2.2
        assert final(grid[corner]) - max(diagonal) > 1.5
    # The next diagonal up ends alike too, and lower.
    assert abs(final(grid[0.1, 8]) - final(grid[1.0, 64])) < 0.06
    assert max(final(grid[0.1, 8]), final(grid[1.0, 64])) < min(diagonal)


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
    assert batch_loss_spread(h) == min(batch_loss_spread(g) for g in grid.values())
    # Underfitting, not overfitting: training and validation loss are both still high.
    assert h.train_loss[-1] > 2.2 and abs(h.train_loss[-1] - final(h)) < 0.05
    assert h.val_accuracy[-1] < 0.3
    # Raising the learning rate at the same batch size helps, the more the better.
    assert final(grid[0.01, 512]) > final(grid[0.1, 512]) + 0.3 > final(grid[1.0, 512]) + 0.3


def test_no_run_of_the_grid_overfits_in_20_epochs(grid):
    for key, h in grid.items():
        if key != (1.0, 8):
            assert final(h) - min(h.val_loss) < 0.05, key


def test_small_batch_small_rate_falls_smoothly_and_is_still_improving(grid):
    h = grid[0.01, 8]
    assert rise(h) == 0.0
    assert h.val_loss[-2] - h.val_loss[-1] > 0.005
    assert h.val_accuracy[-1] > 0.88


def test_batch_jump_falls_as_the_batch_grows_at_lr_0_01_and_0_1(grid):
    for lr in (0.01, 0.1):
        spreads = [batch_loss_spread(grid[lr, b]) for b in BATCH_SIZES]
        assert spreads[0] > spreads[1] > spreads[2], lr


def test_along_the_diagonal_the_batch_jump_shrinks_about_as_one_over_root_batch(grid):
    spreads = [batch_loss_spread(grid[k]) for k in DIAGONAL]
    for bigger, smaller in zip(spreads, spreads[1:]):
        assert 2.0 < bigger / smaller < 4.0  # sqrt(8) = 2.83


def test_at_lr_1_a_bigger_batch_does_not_calm_the_validation_curve(grid):
    assert final(grid[1.0, 64]) < 0.2 < final(grid[1.0, 8])  # 8 -> 64 cures batch 8
    assert rise(grid[1.0, 512]) > 3 * rise(grid[1.0, 64])
    assert rise(grid[1.0, 512]) > 0.15
    for lr in (0.01, 0.1):
        assert rise(grid[lr, 512]) < 0.01


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

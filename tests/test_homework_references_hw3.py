"""Homework 3's reference answers equal what scikit-learn and lecturelib compute, pass their
own checks, and the training runs the checks use decide early stopping by clear margins (so
they stop at the same epochs on every CPU)."""

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import load_digits
from sklearn.metrics import accuracy_score
from sklearn.preprocessing import StandardScaler

from lecturelib.datasets import load_digits_split
from lecturelib.homework import hw3
from lecturelib.homework._checking import CheckFailure
from lecturelib.training import History, predict

ref = hw3.reference


# ---------------------------------------------------------------------- question 1

@pytest.mark.parametrize("seed, val_size, test_size", [(0, 0.2, 0.2), (3, 0.1, 0.3),
                                                       (7, 0.25, 0.15)])
def test_split_is_the_split_of_load_digits_split(seed, val_size, test_size):
    X, y = load_digits(return_X_y=True)
    index = np.arange(len(y))[:, None]
    parts = ref.split_three_ways(index, y, val_size=val_size, test_size=test_size, seed=seed)
    digits = load_digits_split(val_size=val_size, test_size=test_size, seed=seed)
    for rows, labels, split in zip(parts[:3], parts[3:], ("train", "val", "test")):
        order = np.argsort(rows[:, 0])
        np.testing.assert_array_equal(X[rows[order, 0]] / 16.0,
                                      getattr(digits, f"X_{split}").numpy())
        np.testing.assert_array_equal(labels[order], getattr(digits, f"y_{split}").numpy())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(6, 60), min_size=2, max_size=6), st.integers(0, 2**31 - 1),
       st.sampled_from([0.1, 0.15, 0.2, 0.25]), st.sampled_from([0.1, 0.2, 0.3]))
def test_split_keeps_the_properties_the_question_names(sizes, seed, val_size, test_size):
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.repeat(np.arange(len(sizes)), sizes))
    X = np.column_stack([np.arange(len(y)), rng.normal(size=len(y))])
    n = len(y)
    if min(round(val_size * n), round(test_size * n)) < len(sizes):
        return  # scikit-learn refuses a part smaller than the number of classes
    parts = ref.split_three_ways(X, y, val_size=val_size, test_size=test_size, seed=seed % 1000)
    ids = [p[:, 0].astype(int) for p in parts[:3]]
    assert np.array_equal(np.sort(np.concatenate(ids)), np.arange(n))
    assert (len(ids[1]), len(ids[2])) == (round(val_size * n), round(test_size * n))
    share = np.bincount(y) / n
    for part_ids, labels in zip(ids, parts[3:]):
        assert np.array_equal(labels, y[part_ids])
        # The question's tolerance: each class within 2 of its share of the part.
        assert np.all(np.abs(np.bincount(labels, minlength=share.size)
                             - len(labels) * share) < 2)


# ---------------------------------------------------------------------- question 2

@settings(max_examples=100, deadline=None)
@given(st.integers(2, 40), st.integers(1, 10), st.integers(1, 6), st.integers(0, 2**31 - 1))
def test_standardise_equals_standard_scaler(n_train, n_other, n_features, seed):
    rng = np.random.default_rng(seed)
    parts = [rng.normal(rng.uniform(-50, 50, n_features), rng.uniform(0.1, 100, n_features),
                        size=(m, n_features)) for m in (n_train, n_other, n_other)]
    parts[0][:, 0] = 3.0  # a feature constant in training
    scaler = StandardScaler().fit(parts[0])
    for got, X in zip(ref.standardise(*parts), parts):
        np.testing.assert_allclose(got, scaler.transform(X), rtol=1e-9, atol=1e-9)


# ---------------------------------------------------------------------- question 3

@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 5), st.floats(0, 5)), min_size=1, max_size=30))
def test_gap_is_read_from_the_history_rows(losses):
    history = History(train_loss=[t for t, _v in losses], val_loss=[v for _t, v in losses])
    for row in history.to_rows():
        assert ref.generalisation_gap(history, row["epoch"]) == row["val_loss"] - row["train_loss"]
    final = history.final
    assert ref.generalisation_gap(history) == final["val_loss"] - final["train_loss"]


# ---------------------------------------------------------------------- question 4

VAL_CURVES = st.lists(st.integers(0, 12).map(lambda k: k / 10), min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(VAL_CURVES, st.integers(1, 8))
def test_early_stopping_equals_history_best_epoch_up_to_the_stop(val, patience):
    history = History(val_loss=val)
    best, stop = ref.early_stopping_epoch(history, patience)
    # best_epoch: lecturelib's best epoch of the run up to stop_epoch (earliest of ties).
    assert best == History(val_loss=val[:stop]).best_epoch
    # stop_epoch: the first epoch `patience` epochs after the best epoch so far, else the end.
    waits = [e for e in range(1, len(val) + 1)
             if e - History(val_loss=val[:e]).best_epoch >= patience]
    assert stop == (waits[0] if waits else len(val))
    if patience >= len(val):
        assert (best, stop) == (history.best_epoch, len(val))


@pytest.mark.parametrize("val, patiences", hw3.PUBLIC_STOPS)
def test_public_cases_of_question_4_cover_what_the_question_names(val, patiences):
    results = {p: ref.early_stopping_epoch(History(val_loss=val), p) for p in patiences}
    assert len(results) == len(patiences)


def test_public_cases_of_question_4_include_each_named_case():
    stops = {tuple(v): {p: ref.early_stopping_epoch(History(val_loss=v), p) for p in ps}
             for v, ps in hw3.PUBLIC_STOPS}
    # Patience k and k + 1 stop at different epochs.
    assert any(r[p] != r[p + 1] for r in stops.values() for p in r if p + 1 in r)
    # A tie that only equals the best does not restart the patience.
    assert stops[(1.0, 0.5, 0.5, 0.5, 0.5, 0.4)][2] == (2, 4)
    # Never improves after epoch 1; keeps improving to the end; runs of one and two epochs.
    assert stops[(0.7, 0.8, 0.9, 0.75, 1.0)][2] == (1, 3)
    assert stops[(1.0, 0.9, 0.8, 0.7)][1] == (4, 4)
    assert stops[(0.5,)][1] == (1, 1) and stops[(0.5, 0.6)][1] == (1, 2)
    # Non-improving epochs that are not in a row do not stop the run.
    assert stops[(1.0, 1.1, 0.9, 0.95, 0.8, 0.85, 0.7)][2] == (7, 7)
    # The question's own example.
    assert stops[(1.0, 0.8, 0.6, 0.65, 0.7, 0.5)] == {2: (3, 5), 3: (6, 6)}


# ---------------------------------------------------------------------- question 5

@pytest.fixture(scope="module")
def check_runs():
    return [(hw3.digits_check_data(), hw3.DIGITS_CHECK_RUN),
            (hw3.wine_check_data(), hw3.WINE_CHECK_RUN)]


def test_kept_model_is_the_full_run_at_its_best_epoch(check_runs):
    for data, run in check_runs:
        got = ref.train_with_early_stopping(data, **run)
        history, best = got["history"], got["best_epoch"]
        kept_history, _model = ref.full_run(data, epochs=best, **{
            k: run[k] for k in ("n_hidden", "lr", "batch_size", "optimizer", "seed")})
        assert kept_history.val_loss == history.val_loss[:best]
        assert got["test_accuracy"] == accuracy_score(data.y_test.numpy(),
                                                      predict(got["model"], data.X_test).numpy())
        assert got["gap"] == history.val_loss[best - 1] - history.train_loss[best - 1]


def test_check_runs_decide_early_stopping_by_clear_margins(check_runs):
    """float64 runs agree across CPUs to about 1e-14; every comparison early stopping makes
    on these runs is decided by far more, so they stop at the same epochs everywhere. The
    runs also tell the mistakes apart: the question's patience stops elsewhere than the
    default 5, and the kept epoch is not the last."""
    for data, run in check_runs:
        history, _model = ref.full_run(data, epochs=run["epochs"], **{
            k: run[k] for k in ("n_hidden", "lr", "batch_size", "optimizer", "seed")})
        val = np.asarray(history.val_loss)
        lowest_before = np.minimum.accumulate(val)[:-1]
        assert np.min(np.abs(val[1:] - lowest_before) / lowest_before) > 1e-9
        best, stop = ref.early_stopping_epoch(history, run["patience"])
        assert (best, stop) != ref.early_stopping_epoch(history, 5)
        assert best < run["epochs"] and stop < run["epochs"]


def test_the_references_pass_their_own_checks(check_runs):
    hw3.q1_public(ref.split_three_ways)
    hw3.q2_public(ref.standardise)
    hw3.q3_public(ref.generalisation_gap)
    hw3.q4_public(ref.early_stopping_epoch)
    for seed in (0, 1, 2024):
        hw3.q1_hidden(ref.split_three_ways, seed=seed)
        hw3.q2_hidden(ref.standardise, seed=seed)
        hw3.q3_hidden(ref.generalisation_gap, seed=seed)
        hw3.q4_hidden(ref.early_stopping_epoch, seed=seed)
    hw3.q5_public(ref.train_with_early_stopping)
    hw3.q5_hidden(ref.train_with_early_stopping)
    wine = hw3._load("wine")
    split = ref.make_data_split(wine.data, wine.target, wine.target_names)
    hw3.q6_public("wine", split, ref.make_data_split, {"lr": 0.1}, {"patience": 3})


# ---------------------------------------------------------------------- the mistakes

def _first_sentence(template):
    """The words of a mistake's message between the student's answer and the first field."""
    return re.split(r"[{(]", template.split("{got}")[-1])[0].strip(" :,.")


@pytest.mark.parametrize("index", range(len(hw3._stop_mistakes())))
def test_each_early_stopping_mistake_is_named(index):
    mistake = hw3._stop_mistakes()[index]
    with pytest.raises(CheckFailure) as failure:
        hw3.q4_public(mistake.model)
        hw3.q4_hidden(mistake.model, seed=12)
    assert _first_sentence(mistake.message) in str(failure.value)


@pytest.mark.parametrize("index", range(len(hw3._gap_mistakes())))
def test_each_gap_mistake_is_caught(index):
    mistake = hw3._gap_mistakes()[index]
    with pytest.raises(CheckFailure):
        hw3.q3_public(mistake.model)
        hw3.q3_hidden(mistake.model, seed=8)


def test_a_message_says_why_the_expected_epochs_are_right():
    text = hw3._explain_stop(History(val_loss=[1.0, 0.5, 0.5, 0.6, 0.7]), 3)
    assert "stops at epoch 5 and keeps epoch 2" in text and "Epoch 3 only equals" in text
    assert "last epoch, 4" in hw3._explain_stop(History(val_loss=[1.0, 0.9, 0.8, 0.7]), 1)
    assert math.isclose(ref.generalisation_gap(History(train_loss=[1.0], val_loss=[0.8])), -0.2)

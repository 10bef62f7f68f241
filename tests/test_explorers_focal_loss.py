"""Focal-loss explorer: the pure update function, the figure it feeds, and the widget shell."""

import matplotlib

matplotlib.use("Agg")

import json  # noqa: E402
import math  # noqa: E402

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.helpers import assert_same_picture, core_widgets, figure_png  # noqa: E402

from lecturelib.explorers.focal_loss import (  # noqa: E402
    BATCH_NEGATIVE_P_T,
    BATCH_POSITIVE_P_T,
    focal_loss_explorer,
    focal_loss_figure,
    focal_loss_state,
)
from lecturelib.losses import sigmoid_focal_loss  # noqa: E402


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _focal_formula(x, y, gamma, alpha):
    """FL written out in NumPy from Lin et al. (2017), independently of lecturelib:
    p = sigmoid(x), p_t = p y + (1 - p)(1 - y), alpha_t = alpha y + (1 - alpha)(1 - y)."""
    p = _sigmoid(x)
    p_t = p * y + (1 - p) * (1 - y)
    alpha_t = 1.0 if alpha is None else alpha * y + (1 - alpha) * (1 - y)
    return -alpha_t * (1 - p_t) ** gamma * np.log(p_t)


def _logit(p):
    return np.log(p / (1 - p))


# ----------------------------------------------------------------- focal_loss_state

def test_focal_state_curves_on_the_default_grid():
    state = focal_loss_state(2.0)
    p_t = state["p_t"]
    assert len(p_t) == 197 and p_t[0] == pytest.approx(0.01) and p_t[-1] == pytest.approx(0.99)
    for key in ("ce", "focal", "focal_positive", "focal_negative", "ce_grad", "focal_grad",
                "focal_positive_grad", "focal_negative_grad"):
        assert state[key].shape == p_t.shape and np.all(np.isfinite(state[key]))
    assert state["alpha"] == 0.25  # the paper's and torchvision's default
    modulated = -(1 - p_t) ** 2 * np.log(p_t)
    np.testing.assert_allclose(state["ce"], -np.log(p_t), rtol=1e-12)
    np.testing.assert_allclose(state["focal"], modulated, rtol=1e-12)
    np.testing.assert_allclose(state["focal_positive"], 0.25 * modulated, rtol=1e-12)
    np.testing.assert_allclose(state["focal_negative"], 0.75 * modulated, rtol=1e-12)


def test_notebook_call_gives_the_unweighted_focal_loss_of_two_examples():
    # Notebook 03 prints this table; `focal` carries no alpha, whatever alpha is.
    state = focal_loss_state(2.0, p_t=np.array([0.9, 0.1]))
    np.testing.assert_allclose(state["focal"], [0.1 ** 2 * -math.log(0.9),
                                                0.9 ** 2 * -math.log(0.1)], rtol=1e-12)
    np.testing.assert_allclose(state["focal"], [0.00105, 1.86509], atol=5e-6)


def test_gamma_zero_and_alpha_half_is_half_the_cross_entropy_for_both_classes():
    state = focal_loss_state(0.0, 0.5)
    np.testing.assert_array_equal(state["focal"], state["ce"])
    np.testing.assert_array_equal(state["focal_grad"], state["ce_grad"])
    np.testing.assert_allclose(state["focal_positive"], 0.5 * state["ce"], rtol=1e-12)
    np.testing.assert_allclose(state["focal_negative"], 0.5 * state["ce"], rtol=1e-12)
    assert state["easy_weight"] == state["hard_weight"] == 1.0
    assert state["easy_to_hard"] == pytest.approx(state["ce_easy_to_hard"], rel=1e-12)


def test_cross_entropy_gradient_is_sigmoid_minus_one():
    p_t = np.array([0.01, 0.1, 0.5, 0.9, 0.99])
    state = focal_loss_state(2.0, p_t=p_t)
    # d/dx of -log sigmoid(x) is sigmoid(x) - 1, i.e. p_t - 1.
    np.testing.assert_allclose(state["ce_grad"], _sigmoid(_logit(p_t)) - 1, rtol=1e-12)
    np.testing.assert_allclose(state["ce_grad"], p_t - 1, rtol=1e-12)


@pytest.mark.parametrize("gamma", [0.0, 0.5, 1.0, 2.0, 5.0])
@pytest.mark.parametrize("alpha", [0.0, 0.25, 0.5, 0.75, 1.0])
def test_both_classes_match_the_formula_and_finite_differences(gamma, alpha):
    p_t = np.linspace(0.02, 0.98, 25)
    state = focal_loss_state(gamma, alpha, p_t=p_t)
    h = 1e-6
    # A positive has logit x = logit(p_t); a negative whose true class (background)
    # gets p_t has object probability 1 - p_t, so x = -logit(p_t).
    for y, x, key in ((1, _logit(p_t), "focal_positive"), (0, -_logit(p_t), "focal_negative")):
        np.testing.assert_allclose(state[key], _focal_formula(x, y, gamma, alpha),
                                   rtol=1e-10, atol=1e-300)
        numeric = (_focal_formula(x + h, y, gamma, alpha)
                   - _focal_formula(x - h, y, gamma, alpha)) / (2 * h)
        np.testing.assert_allclose(state[f"{key}_grad"], numeric, rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose(state["focal"], _focal_formula(_logit(p_t), 1, gamma, None),
                               rtol=1e-10)


def test_a_negative_is_pushed_the_other_way():
    state = focal_loss_state(2.0, 0.25)
    assert np.all(state["focal_positive_grad"] < 0)  # raise the object score
    assert np.all(state["focal_negative_grad"] > 0)  # lower it


def test_easy_and_hard_weights_are_the_modulating_factor():
    state = focal_loss_state(2.0, 0.25)
    # FL / CE = (1 - p_t)^gamma before alpha, which weights a class, not an example.
    assert state["easy_weight"] == pytest.approx(0.1 ** 2, rel=1e-12)
    assert state["hard_weight"] == pytest.approx(0.9 ** 2, rel=1e-12)
    ce_ratio = math.log(0.9) / math.log(0.1)
    assert state["ce_easy_to_hard"] == pytest.approx(ce_ratio, rel=1e-12)
    assert state["easy_to_hard"] == pytest.approx((0.1 / 0.9) ** 2 * ce_ratio, rel=1e-12)


def test_easy_to_hard_shrinks_as_gamma_grows_and_ignores_alpha():
    ratios = [focal_loss_state(g)["easy_to_hard"] for g in (0, 0.5, 1, 2, 3, 5)]
    assert all(later < earlier for earlier, later in zip(ratios, ratios[1:]))
    for alpha in (0.0, 0.25, 1.0):
        assert focal_loss_state(2.0, alpha)["easy_to_hard"] == pytest.approx(ratios[3])


@settings(max_examples=30, deadline=None)
@given(gamma=st.floats(0, 5), alpha=st.floats(0, 1))
def test_focal_loss_never_exceeds_cross_entropy(gamma, alpha):
    state = focal_loss_state(gamma, alpha)
    for key in ("focal", "focal_positive", "focal_negative"):
        assert np.all(state[key] <= state["ce"] * (1 + 1e-12))
    assert 0 <= state["easy_weight"] <= state["hard_weight"] * (1 + 1e-12)
    assert state["hard_weight"] <= 1 + 1e-12
    for key, share in state["positive_share"].items():
        assert 0 <= share <= 1
        total = state["positive_total"][key] + state["negative_total"][key]
        assert share == pytest.approx(state["positive_total"][key] / total)


# ------------------------------------------------------------ the batch's class balance

def test_the_batch_is_ten_spread_positives_and_a_thousand_mostly_easy_negatives():
    np.testing.assert_allclose(BATCH_POSITIVE_P_T, np.arange(10) / 10 + 0.05)
    assert len(BATCH_NEGATIVE_P_T) == 1000
    values, counts = np.unique(BATCH_NEGATIVE_P_T, return_counts=True)
    assert dict(zip(values.tolist(), counts.tolist())) == {0.5: 10, 0.9: 90, 0.99: 900}
    state = focal_loss_state(2.0)
    assert (state["n_positive"], state["n_negative"]) == (10, 1000)


@pytest.mark.parametrize("gamma, alpha", [(0.0, 0.5), (2.0, 0.25), (0.0, 0.75), (3.5, 0.9)])
def test_batch_totals_match_sigmoid_focal_loss_and_the_formula(gamma, alpha):
    state = focal_loss_state(gamma, alpha)
    logits = torch.logit(torch.tensor(np.r_[BATCH_POSITIVE_P_T, 1 - BATCH_NEGATIVE_P_T],
                                      dtype=torch.float64))
    target = torch.cat([torch.ones(10, dtype=torch.float64), torch.zeros(1000, dtype=torch.float64)])
    cases = {"ce": (0.0, None), "focal": (gamma, None), "focal_alpha": (gamma, alpha)}
    for key, (g, a) in cases.items():
        loss = sigmoid_focal_loss(logits, target, alpha=a, gamma=g).numpy()
        formula = _focal_formula(logits.numpy(), target.numpy(), g, a)
        np.testing.assert_allclose(loss, formula, rtol=1e-10)
        assert state["positive_total"][key] == pytest.approx(loss[:10].sum(), rel=1e-12)
        assert state["negative_total"][key] == pytest.approx(loss[10:].sum(), rel=1e-12)
        assert state["positive_share"][key] == pytest.approx(loss[:10].sum() / loss.sum(),
                                                             rel=1e-12)


def test_the_batch_shows_the_papers_point():
    """Lin et al. (2017), Table 1: best alpha 0.75 at gamma = 0, 0.25 at gamma = 2."""
    share = focal_loss_state(2.0, 0.25)["positive_share"]
    # Cross-entropy: the 1,000 mostly easy negatives carry most of the loss.
    assert share["ce"] == pytest.approx(0.275, abs=5e-4)
    # gamma = 2 alone turns it round: the 10 positives now carry most of it ...
    assert share["focal"] == pytest.approx(0.758, abs=5e-4)
    # ... so alpha = 0.25 (the smaller weight on the rare class) brings it near even.
    assert share["focal_alpha"] == pytest.approx(0.511, abs=5e-4)
    # Without focusing, alpha = 0.75 (the larger weight on the rare class) does that job.
    ce_alpha = focal_loss_state(0.0, 0.75)["positive_share"]["focal_alpha"]
    assert ce_alpha == pytest.approx(0.532, abs=5e-4)
    assert abs(ce_alpha - 0.5) < abs(share["ce"] - 0.5)


def test_alpha_half_leaves_the_balance_of_no_alpha_and_alpha_moves_it_monotonically():
    for gamma in (0.0, 2.0, 5.0):
        state = focal_loss_state(gamma, 0.5)
        assert state["positive_share"]["focal_alpha"] == pytest.approx(
            state["positive_share"]["focal"], rel=1e-12)
    shares = [focal_loss_state(2.0, a)["positive_share"]["focal_alpha"]
              for a in np.linspace(0, 1, 21)]
    assert shares[0] == 0.0 and shares[-1] == 1.0
    assert all(later > earlier for earlier, later in zip(shares, shares[1:]))


# ---------------------------------------------------------------------------- message

def test_message_at_the_papers_setting():
    message = focal_loss_state(2.0, 0.25)["message"]
    assert "0.00056× (about 1/1,800)" in message and "0.046×" in message
    # The deck says a hard example's loss goes up; it never does.
    assert "No loss goes up" in message and "keeps 1%" in message and "81%" in message
    assert "28% of the cross-entropy" in message and "76% of the focal loss" in message
    assert "51% with α = 0.25" in message
    assert "γ alone turns the balance" in message
    assert "down-weights the objects, moving the split closer to even" in message


def test_message_claims_only_what_the_numbers_show():
    # gamma = 0.5: the positives' share stays below half, so no "turns the balance".
    low = focal_loss_state(0.5, 0.25)
    assert low["positive_share"]["focal"] < 0.5
    assert "turns the balance" not in low["message"]
    assert "further from even" in low["message"]
    plain = focal_loss_state(0.0, 0.75)["message"]
    assert "focal loss is cross-entropy" in plain and "No loss goes up" not in plain
    assert "up-weights the objects, moving the split closer to even" in plain
    assert "the split is the one without α" in focal_loss_state(2.0, 0.5)["message"]
    assert "ignores the objects" in focal_loss_state(2.0, 0.0)["message"]
    assert "ignores the background" in focal_loss_state(2.0, 1.0)["message"]


def test_message_speaks_the_chosen_language(monkeypatch):
    """Each sentence of the message is its own template, looked up before its numbers are
    filled in: a Korean batch sentence replaces the English one, numbers and all, and the
    sentences without a translation stay English."""
    from lecturelib import i18n

    english = focal_loss_state(2.0, 0.25)["message"]
    batch = ("In the batch, {objects} objects carry {ce_share} of the cross-entropy of all "
             "{boxes} boxes, {focal_share} of the focal loss with γ = {gamma}, and "
             "{alpha_share} with α = {alpha} as well.")
    monkeypatch.setitem(i18n._catalogs, "ko", {
        batch: "배치에서 객체 {objects}개는 전체 상자 {boxes}개의 교차 엔트로피 중 {ce_share}, "
               "γ = {gamma}인 초점 손실 중 {focal_share}, α = {alpha}까지 더하면 "
               "{alpha_share}를 차지합니다.",
    })
    monkeypatch.setattr(i18n, "_language", "en")  # restored after the test
    i18n.set_language("ko")
    korean = focal_loss_state(2.0, 0.25)["message"]
    assert ("배치에서 객체 10개는 전체 상자 1,010개의 교차 엔트로피 중 28%, γ = 2인 초점 손실 "
            "중 76%, α = 0.25까지 더하면 51%를 차지합니다.") in korean
    assert "In the batch" not in korean
    # The sentences around it are unchanged, and noted as still untranslated.
    assert korean.split(" 배치에서")[0] == english.split(" In the batch")[0]
    assert korean.endswith("moving the split closer to even.")
    assert any(text.startswith("γ alone turns") for text in i18n.untranslated())
    i18n.set_language("en")
    assert focal_loss_state(2.0, 0.25)["message"] == english


@pytest.mark.parametrize("kwargs, match", [
    ({"gamma": -0.5}, "gamma"),
    ({"gamma": float("nan")}, "gamma"),
    ({"gamma": float("inf")}, "gamma"),
    ({"gamma": "2"}, "gamma"),
    ({"gamma": True}, "gamma"),
    ({"gamma": 2.0, "alpha": 1.5}, "alpha"),
    ({"gamma": 2.0, "alpha": -0.1}, "alpha"),
    ({"gamma": 2.0, "alpha": "0.25"}, "alpha"),
    ({"gamma": 2.0, "alpha": None}, "alpha"),
    ({"gamma": 2.0, "alpha": float("nan")}, "alpha"),
    ({"gamma": 2.0, "p_t": [0.0, 0.5]}, "p_t"),
    ({"gamma": 2.0, "p_t": [0.5, 1.0]}, "p_t"),
    ({"gamma": 2.0, "p_t": [[0.5]]}, "p_t"),
])
def test_focal_state_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        focal_loss_state(**kwargs)


# ----------------------------------------------------------------------------- figure

def test_focal_figure_draws_loss_gradient_and_balance_panels():
    fig = focal_loss_figure(focal_loss_state(2.0, 0.25))
    loss_ax, grad_ax, share_ax = fig.axes[:3]
    assert (loss_ax.get_title(), grad_ax.get_title(), share_ax.get_title()) == (
        "Loss of one example", "Gradient sent back to the model",
        "Which class the batch's loss comes from")
    # Fixed axes: a slider moves the curves, not the scale.
    assert loss_ax.get_ylim()[1] == pytest.approx(3.15)
    assert grad_ax.get_ylim()[1] == pytest.approx(1.4)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "cross-entropy", "focal, object (weight α = 0.25)",
        "focal, background (weight 1 − α = 0.75)", "objects' share", "background's share"]
    texts = [t.get_text() for t in share_ax.texts]
    assert texts == ["28%", "72%", "76%", "24%", "51%", "49%",  # each bar's two ends
                     "cross-entropy", "focal, γ = 2", "focal, γ = 2,\nα = 0.25"]  # rows
    # Positive bar widths are the shares.
    widths = sorted(p.get_width() for p in share_ax.patches)
    share = focal_loss_state(2.0, 0.25)["positive_share"]
    for value in share.values():
        assert any(w == pytest.approx(value) for w in widths)
    plt.close(fig)


def test_focal_gradient_can_exceed_cross_entropy_but_stays_in_view():
    for gamma in (1.0, 2.0, 5.0):
        state = focal_loss_state(gamma, 1.0)
        assert np.abs(state["focal_positive_grad"]).max() > np.abs(state["ce_grad"]).max()
        assert np.abs(state["focal_positive_grad"]).max() < 1.4


@pytest.mark.parametrize("before, after", [
    # One slider step each, where the picture changes least: at gamma = 5 the focal
    # curves are smallest, and at the ends of each range.
    ((5.0, 0.0), (5.0, 0.05)),
    ((5.0, 0.5), (5.0, 0.55)),
    ((5.0, 0.95), (5.0, 1.0)),
    ((0.0, 0.5), (0.1, 0.5)),
    ((4.9, 0.5), (5.0, 0.5)),
])
def test_one_slider_step_changes_the_figure(before, after):
    images = [figure_png(focal_loss_figure(focal_loss_state(*setting))) for setting in (before, after)]
    assert images[0] != images[1]


# ------------------------------------------------------------------------ explorer


def test_focal_explorer_follows_every_control():
    box = focal_loss_explorer()
    assert isinstance(box, ipywidgets.VBox) and isinstance(box.image, ipywidgets.Image)
    assert all(type(w).__module__.startswith("ipywidgets") for w in core_widgets(box))
    assert set(box.controls) == {"gamma", "alpha"}
    gamma, alpha = box.controls["gamma"], box.controls["alpha"]
    assert not any(getattr(w, "disabled", False) for w in core_widgets(box))
    assert isinstance(gamma, ipywidgets.FloatSlider) and (gamma.min, gamma.max) == (0, 5)
    assert (alpha.min, alpha.max, alpha.step, alpha.value) == (0, 1, 0.05, 0.25)
    assert gamma.continuous_update and alpha.continuous_update  # follows a drag
    assert [ax.get_title() for ax in box.live.figure.axes] == [
        "Loss of one example", "Gradient sent back to the model",
        "Which class the batch's loss comes from"]
    assert "0.00056×" in box.status.value and "51% with α = 0.25" in box.status.value
    # The first frame is the static twin's picture.
    assert_same_picture(box.image.value, figure_png(focal_loss_figure(focal_loss_state(2.0))))
    images = [box.image.value]

    def move(control, value):
        control.value = value
        box.flush()
        images.append(box.image.value)

    move(alpha, 0.5)
    assert "the split is the one without α" in box.status.value
    move(alpha, 0.75)
    assert "α = 0.75 up-weights" in box.status.value
    move(gamma, 0.0)
    assert "focal loss is cross-entropy" in box.status.value
    move(gamma, 1.0)
    assert len(set(images)) == len(images)  # every move drew a different picture
    assert_same_picture(images[-1], figure_png(focal_loss_figure(focal_loss_state(1.0, 0.75))))
    assert plt.get_fignums() == []  # the live figure is no pyplot figure


def test_focal_explorer_records_both_controls_for_its_kernel_free_version(tmp_path,
                                                                         monkeypatch):
    """The lesson needs γ and α: the frames cover γ in whole steps and the four α the
    notebook talks about, within the course's budget."""
    monkeypatch.setenv("LECTURELIB_FRAMES", str(tmp_path))
    focal_loss_explorer(gamma=2.0, alpha=0.25)
    path = next(tmp_path.glob("*.json"))
    bundle = json.loads(path.read_text(encoding="utf-8"))
    gamma, alpha = bundle["controls"]
    assert (gamma["name"], alpha["name"]) == ("gamma", "alpha")
    assert gamma["values"] == [0, 1, 2, 3, 4, 5]
    assert alpha["values"] == [0.25, 0.5, 0.75, 1.0]
    assert gamma["values"][gamma["initial"]] == 2.0 and alpha["values"][alpha["initial"]] == 0.25
    assert len(bundle["frames"]) == 24
    # Frames run over α fastest: the paper's setting is frame 2 * 4 + 0.
    assert bundle["messages"]["en"][8] == focal_loss_state(2.0, 0.25)["message"]
    assert path.stat().st_size <= 1_500_000


@pytest.mark.parametrize("kwargs, match", [
    ({"gamma": 6.0}, "gamma"),
    ({"gamma": -1.0}, "gamma"),
    ({"alpha": 2.0}, "alpha"),
    ({"alpha": None}, "alpha"),
])
def test_focal_explorer_rejects_bad_starting_values(kwargs, match):
    with pytest.raises(ValueError, match=match):
        focal_loss_explorer(**kwargs)
    assert plt.get_fignums() == []

"""Cross-entropy explorer (notebook 02): entropy, cross-entropy and KL of a softmax
prediction, the figure, and the widget shell."""

import matplotlib

matplotlib.use("Agg")

import json  # noqa: E402
import math  # noqa: E402

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import scipy.special  # noqa: E402
import scipy.stats  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.helpers import assert_same_picture, core_widgets, figure_png  # noqa: E402

from lecturelib.explorers.entropy import (  # noqa: E402
    CLASS_SHARES,
    CLASSES,
    DEFAULT_LOGITS,
    cross_entropy_explorer,
    cross_entropy_figure,
    cross_entropy_state,
)


# ---------------------------------------------------------------- cross_entropy_state

def test_default_is_the_lectures_worked_example():
    state = cross_entropy_state()
    assert state["classes"] == CLASSES == ("None", "Offensive", "Hate")
    np.testing.assert_allclose(state["q"], [0.1, 0.7, 0.2], rtol=1e-12)
    np.testing.assert_array_equal(state["p"], [0, 1, 0])
    assert (state["target"], state["target_index"]) == ("Offensive", 1)
    assert state["cross_entropy"] == pytest.approx(-math.log(0.7), rel=1e-12)
    assert round(state["cross_entropy"], 3) == 0.357
    assert state["entropy"] == 0.0
    assert state["kl_divergence"] == pytest.approx(state["cross_entropy"], rel=1e-12)
    assert state["message"] == ("Target Offensive (one-hot): H(p) = 0, so cross-entropy = KL "
                                "= −ln q(Offensive) = −ln 0.700 = 0.357 nats.")


@settings(max_examples=60, deadline=None)
@given(logits=st.lists(st.floats(-8, 8), min_size=3, max_size=3),
       target=st.one_of(st.sampled_from(CLASSES),
                        st.lists(st.floats(0.01, 1), min_size=3, max_size=3)))
def test_numbers_match_scipy(logits, target):
    if not isinstance(target, str):
        target = np.array(target) / np.sum(target)
    state = cross_entropy_state(logits, target)
    q = scipy.special.softmax(logits)
    p = state["p"]
    np.testing.assert_allclose(state["q"], q, rtol=1e-12)
    np.testing.assert_allclose(state["surprisal"], -scipy.special.log_softmax(logits),
                               rtol=1e-12, atol=1e-15)
    # scipy.stats.entropy(p) is H(p); entropy(p, q) is the KL divergence.
    assert state["entropy"] == pytest.approx(scipy.stats.entropy(p), abs=1e-12)
    assert state["kl_divergence"] == pytest.approx(scipy.stats.entropy(p, q), rel=1e-9,
                                                   abs=1e-12)
    assert state["cross_entropy"] == pytest.approx(-np.sum(p * np.log(q)), rel=1e-12)
    # H(p, q) = H(p) + KL(p || q), and so H(p, q) >= H(p).
    assert state["cross_entropy"] == pytest.approx(state["entropy"] + state["kl_divergence"],
                                                   rel=1e-12, abs=1e-12)
    assert state["kl_divergence"] >= 0


def test_one_hot_cross_entropy_is_the_surprisal_of_the_true_class():
    logits = [1.2, -0.4, 2.5]
    for index, name in enumerate(CLASSES):
        state = cross_entropy_state(logits, name)
        assert state["entropy"] == 0
        assert state["cross_entropy"] == pytest.approx(state["surprisal"][index], rel=1e-12)
        assert state["kl_divergence"] == pytest.approx(state["surprisal"][index], rel=1e-12)
        assert f"−ln q({name})" in state["message"]


def test_a_one_hot_array_is_the_class_it_names():
    by_name = cross_entropy_state(DEFAULT_LOGITS, "Hate")
    by_array = cross_entropy_state(DEFAULT_LOGITS, [0, 0, 1])
    assert (by_array["target"], by_array["target_index"]) == ("Hate", 2)
    assert by_array["message"] == by_name["message"]


def test_soft_target_message_shows_the_identity():
    state = cross_entropy_state(DEFAULT_LOGITS, CLASS_SHARES)
    assert state["target_index"] is None and state["target"] == "(0.8, 0.1, 0.1)"
    h = -(0.8 * math.log(0.8) + 2 * 0.1 * math.log(0.1))
    assert state["entropy"] == pytest.approx(h)
    assert state["message"] == (
        "Target (0.8, 0.1, 0.1): H(p) = 0.639 nats, and cross-entropy H(p, q) = H(p) + KL = "
        "0.639 + 1.400 = 2.039 nats. Only q = p would bring it down to H(p), the least it "
        "can be.")


def test_predicting_the_target_leaves_only_its_entropy():
    state = cross_entropy_state(np.log(CLASS_SHARES), CLASS_SHARES)
    assert state["kl_divergence"] == pytest.approx(0, abs=1e-12)
    assert state["cross_entropy"] == pytest.approx(state["entropy"], rel=1e-12)


def test_scores_matter_only_up_to_a_common_shift():
    a = cross_entropy_state([0.5, -1.0, 2.0], "None")
    b = cross_entropy_state([3.5, 2.0, 5.0], "None")
    np.testing.assert_allclose(a["q"], b["q"], rtol=1e-12)
    assert a["cross_entropy"] == pytest.approx(b["cross_entropy"], rel=1e-12)


def test_a_tiny_probability_is_not_printed_as_zero():
    state = cross_entropy_state([-5, 5, -5], "None")
    assert "−ln 4.5e-05 = 10.000 nats" in state["message"]


@pytest.mark.parametrize("kwargs, match", [
    ({"logits": [1.0, 2.0]}, "logits"),
    ({"logits": [1.0, 2.0, 3.0, 4.0]}, "logits"),
    ({"logits": [[1.0, 2.0, 3.0]]}, "logits"),
    ({"logits": [1.0, float("nan"), 3.0]}, "logits"),
    ({"logits": [1.0, float("inf"), 3.0]}, "logits"),
    ({"logits": [0.0, 60.0, 0.0]}, "logits"),
    ({"logits": ["a", "b", "c"]}, "logits"),
    ({"target": "offensive"}, "target"),
    ({"target": "Spam"}, "target"),
    ({"target": 1}, "target"),
    ({"target": [0.5, 0.4, 0.3]}, "target"),
    ({"target": [0.5, 0.5]}, "target"),
    ({"target": [1.2, -0.1, -0.1]}, "target"),
])
def test_cross_entropy_state_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cross_entropy_state(**kwargs)


# ----------------------------------------------------------------------------- figure

def test_figure_draws_both_distributions_and_the_identity():
    state = cross_entropy_state([0.3, 1.1, -0.6], CLASS_SHARES)
    fig = cross_entropy_figure(state)
    dist_ax, info_ax = fig.axes[:2]
    assert dist_ax.get_title() == "Target (0.8, 0.1, 0.1) and prediction"
    assert "D_{\\mathrm{KL}}" in info_ax.get_title()
    heights = [bar.get_height() for bars in dist_ax.containers for bar in bars]
    np.testing.assert_allclose(heights, np.r_[state["p"], state["q"]])
    assert [t.get_text() for t in dist_ax.texts[:6]] == [
        f"{v:.2f}" for v in np.r_[state["p"], state["q"]]]
    # A soft target has no true class to shade.
    assert not any(p.get_visible() for p in dist_ax.patches if p.get_facecolor()[:3] == (
        0.93, 0.93, 0.93))
    # Bars: H(p), KL, and H(p, q) stacked from the same two pieces.
    h_p, kl_bar, stack_h, stack_kl = info_ax.patches
    assert h_p.get_height() == pytest.approx(state["entropy"])
    assert kl_bar.get_height() == pytest.approx(state["kl_divergence"])
    assert stack_h.get_height() == pytest.approx(state["entropy"])
    assert stack_kl.get_y() == pytest.approx(state["entropy"])
    assert stack_h.get_height() + stack_kl.get_height() == pytest.approx(state["cross_entropy"])
    texts = [t.get_text() for t in info_ax.texts]
    assert f"{state['entropy']:.3f} + {state['kl_divergence']:.3f}\n= " \
           f"{state['cross_entropy']:.3f}" in texts
    plt.close(fig)


def test_figure_marks_minus_log_q_of_the_true_class():
    fig = cross_entropy_figure(cross_entropy_state())
    dist_ax, info_ax = fig.axes[:2]
    assert dist_ax.get_title() == "Target Offensive (one-hot) and prediction"
    assert "$-\\ln q$(Offensive)\n= 0.357" in [t.get_text() for t in info_ax.texts]
    labels = [t for t in dist_ax.texts if "\nscore " in t.get_text()]
    assert [t.get_text() for t in labels] == ["None\nscore -2.30", "Offensive\nscore -0.36",
                                              "Hate\nscore -1.61"]
    assert [t.get_fontweight() for t in labels] == ["normal", "bold", "normal"]
    plt.close(fig)


def test_each_control_changes_the_figure():
    base = (list(DEFAULT_LOGITS), "Offensive")
    cases = [base]
    for i in range(3):  # one slider step (0.05) on each score
        logits = list(DEFAULT_LOGITS)
        logits[i] += 0.05
        cases.append((logits, "Offensive"))
    for target in ("None", "Hate", CLASS_SHARES):
        cases.append((list(DEFAULT_LOGITS), target))
    images = [figure_png(cross_entropy_figure(cross_entropy_state(*s))) for s in cases]
    assert len(set(images)) == len(images)


# ------------------------------------------------------------------------ explorer


def test_explorer_follows_every_control():
    box = cross_entropy_explorer()
    assert isinstance(box, ipywidgets.VBox) and isinstance(box.image, ipywidgets.Image)
    assert all(type(w).__module__.startswith("ipywidgets") for w in core_widgets(box))
    assert set(box.controls) == {"none", "offensive", "hate", "target"}
    assert not any(getattr(w, "disabled", False) for w in core_widgets(box))
    assert all(box.controls[name].continuous_update for name in ("none", "offensive", "hate"))
    menu = box.controls["target"]
    assert isinstance(menu, ipywidgets.Dropdown) and menu.value == "Offensive"
    assert list(menu.options) == [
        ("None (one-hot)", "None"), ("Offensive (one-hot)", "Offensive"),
        ("Hate (one-hot)", "Hate"), ("class shares (0.8, 0.1, 0.1)", (0.8, 0.1, 0.1))]
    assert "= 0.357 nats" in box.status.value
    # The first frame is the static twin's picture.
    assert_same_picture(box.image.value, figure_png(cross_entropy_figure(cross_entropy_state())))
    images = [box.image.value]

    def move(control, value):
        control.value = value
        box.flush()
        images.append(box.image.value)

    move(box.controls["offensive"], 0.0)
    assert "−ln q(Offensive)" in box.status.value
    move(box.controls["none"], 1.0)
    move(box.controls["hate"], -1.0)
    move(menu, CLASS_SHARES)
    assert "H(p) + KL" in box.status.value
    move(menu, "Hate")
    assert "−ln q(Hate)" in box.status.value
    assert len(set(images)) == len(images)  # every move drew a different picture
    assert_same_picture(images[-1], figure_png(cross_entropy_figure(
        cross_entropy_state([1.0, 0.0, -1.0], "Hate"))))
    assert plt.get_fignums() == []  # the live figure is no pyplot figure


def test_explorer_records_the_true_class_score_for_its_kernel_free_version(tmp_path,
                                                                          monkeypatch):
    monkeypatch.setenv("LECTURELIB_FRAMES", str(tmp_path))
    cross_entropy_explorer()
    bundle = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))
    (control,) = bundle["controls"]
    assert control["name"] == "offensive" and control["label"] == "score Offensive"
    assert control["values"][0] == -5 and control["values"][-1] == 5
    assert len(bundle["frames"]) == len(control["values"]) == 42  # 41 and the start
    messages = bundle["messages"]["en"]
    assert messages[control["initial"]] == cross_entropy_state()["message"]
    assert all("−ln q(Offensive)" in m for m in messages)


def test_explorer_adds_a_soft_starting_target_to_the_menu():
    box = cross_entropy_explorer(logits=[0, 0, 0], target=[0.6, 0.3, 0.1])
    menu = box.controls["target"]
    assert menu.value == (0.6, 0.3, 0.1)
    assert menu.options[-1] == ("soft (0.6, 0.3, 0.1)", (0.6, 0.3, 0.1))
    assert cross_entropy_explorer(target=CLASS_SHARES).controls["target"].value == CLASS_SHARES


@pytest.mark.skipif(int(ipywidgets.__version__.split(".")[0]) < 8,
                    reason=f"ipywidgets {ipywidgets.__version__}: ipywidgets 7 widgets have no "
                    "_repr_mimebundle_ to carry the static note (ipywidgets 8 only); "
                    "test_explorers_shell.py::test_explorers_display_as_widgets_on_ipywidgets_7 "
                    "checks how this explorer displays on version 7")
def test_explorer_reads_sensibly_without_a_kernel():
    bundle = cross_entropy_explorer()._repr_mimebundle_()
    assert "run the notebook" in bundle["text/plain"]


@pytest.mark.parametrize("kwargs, match", [
    ({"logits": [0.0, 6.0, 0.0]}, "logits"),
    ({"logits": [0.0, 1.0]}, "logits"),
    ({"target": "hate"}, "target"),
    ({"target": [0.2, 0.2, 0.2]}, "target"),
])
def test_explorer_rejects_bad_starting_values(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cross_entropy_explorer(**kwargs)
    assert plt.get_fignums() == []

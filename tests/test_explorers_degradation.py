"""The degradation explorer: its pure update function, its figure (drawn fresh and updated
in place), its widget shell and its kernel-free frames."""

import matplotlib

matplotlib.use("Agg")

import base64  # noqa: E402
import html  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import lecturelib.explorers as explorers  # noqa: E402
from lecturelib.datasets import degrade_image, sample_photo  # noqa: E402
from lecturelib.explorers.degradation import (  # noqa: E402
    BLUR_MAX,
    BLUR_SWEEP,
    NOISE_MAX,
    NOISE_SWEEP,
    SHIFT_MAX,
    DegradationFigure,
    degradation_explorer,
    degradation_figure,
    degradation_state,
)
from lecturelib.generative.image import (  # noqa: E402
    mean_squared_error,
    peak_signal_noise_ratio,
    structural_similarity,
)
from tests.helpers import (  # noqa: E402
    IPYWIDGETS_7,
    assert_updates_draw_the_fresh_figure,
    core_widgets,
    figure_png,
    pixels,
    same_picture,
)


@pytest.fixture(scope="module")
def photo():
    return sample_photo()


@pytest.mark.parametrize("noise, blur, shift", [(0.0, 0.0, 0), (0.0, 0.0, 1), (0.0, 3.0, 0),
                                                (0.3, 0.0, 0), (0.05, 1.0, 2), (0.3, 3.0, 4),
                                                (0.12, 0.7, 0)])
def test_degradation_numbers_equal_lecturelib_and_skimage(photo, noise, blur, shift):
    state = degradation_state(noise=noise, blur=blur, shift=shift)
    degraded = degrade_image(photo, noise=noise, blur=blur, shift=shift, seed=0)
    np.testing.assert_array_equal(state["image"], photo)
    np.testing.assert_array_equal(state["degraded"], degraded)
    np.testing.assert_array_equal(state["difference"], np.abs(degraded - photo))
    assert state["psnr"] == peak_signal_noise_ratio(photo, degraded, data_range=1.0)
    assert state["ssim"] == structural_similarity(photo, degraded, data_range=1.0)
    assert state["mse"] == pytest.approx(mean_squared_error(photo, degraded), rel=1e-12)
    # scikit-image is a test dependency of the main environment, not of Colab's.
    skm = pytest.importorskip("skimage.metrics")
    assert state["ssim"] == pytest.approx(
        skm.structural_similarity(photo, degraded, data_range=1.0), rel=1e-12)
    if noise or blur or shift:
        assert state["psnr"] == pytest.approx(
            skm.peak_signal_noise_ratio(photo, degraded, data_range=1.0), rel=1e-12)
    assert (state["noise"], state["blur"], state["shift"]) == (noise, blur, shift)
    assert state["max_difference"] == np.abs(degraded - photo).max()


def test_an_identical_copy_has_infinite_psnr_and_ssim_one():
    state = degradation_state()
    assert math.isinf(state["psnr"]) and state["ssim"] == 1.0 and state["mse"] == 0.0
    assert "identical" in state["message"]


def test_sweeps_score_each_degradation_alone(photo):
    sweeps = degradation_state(shift=2)["sweeps"]
    np.testing.assert_array_equal(sweeps["noise"][0], NOISE_SWEEP)
    np.testing.assert_array_equal(sweeps["blur"][0], BLUR_SWEEP)
    np.testing.assert_array_equal(sweeps["shift"][0], np.arange(SHIFT_MAX + 1))
    assert NOISE_SWEEP[-1] == NOISE_MAX and BLUR_SWEEP[-1] == BLUR_MAX
    for key, index in (("noise", 7), ("noise", 30), ("blur", 12), ("blur", 30), ("shift", 1),
                       ("shift", 4)):
        values, psnr, ssim = sweeps[key]
        degraded = degrade_image(photo, **{key: values[index].item()}, seed=0)
        assert psnr[index] == peak_signal_noise_ratio(photo, degraded, data_range=1.0)
        assert ssim[index] == structural_similarity(photo, degraded, data_range=1.0)


def test_equal_psnr_strength_is_where_that_degradation_alone_scores_the_same(photo):
    state = degradation_state(shift=1)
    noise = state["same_psnr"]["noise"]
    assert 0 < noise < NOISE_MAX
    psnr = peak_signal_noise_ratio(photo, degrade_image(photo, noise=noise), data_range=1.0)
    assert psnr == pytest.approx(state["psnr"], abs=0.3)  # interpolated between steps
    assert f"noise of std {noise:.2f}" in state["message"]
    assert "shift" not in state["same_psnr"]


def test_a_one_pixel_shift_scores_lower_than_a_visible_blur():
    """The notebook's claim: shifting by one pixel keeps every detail, yet its PSNR is
    lower than that of a blur that the eye sees at once."""
    shifted = degradation_state(shift=1)
    for blur in (1.0, 2.0):
        assert shifted["psnr"] < degradation_state(blur=blur)["psnr"]
    assert "every detail is intact" in shifted["message"]


def test_degradation_state_takes_another_image():
    rng = np.random.default_rng(0)
    image = rng.uniform(size=(12, 20))
    state = degradation_state(image, noise=0.1, shift=3, seed=5)
    degraded = degrade_image(image, noise=0.1, shift=3, seed=5)
    np.testing.assert_array_equal(state["degraded"], degraded)
    assert state["psnr"] == peak_signal_noise_ratio(image, degraded, data_range=1.0)
    assert state["seed"] == 5


@pytest.mark.parametrize("kwargs, match", [
    ({"image": np.zeros(10)}, "`image`"),
    ({"image": np.zeros((5, 5))}, "`image`"),
    ({"image": np.full((8, 8), 2.0)}, "`image`"),
    ({"image": np.full((8, 8), np.nan)}, "`image`"),
    ({"image": [["a"] * 8] * 8}, "`image`"),
    ({"noise": -0.1}, "`noise`"),
    ({"noise": "0.1"}, "`noise`"),
    ({"noise": float("nan")}, "`noise`"),
    ({"blur": -1.0}, "`blur`"),
    ({"shift": 1.5}, "`shift`"),
    ({"shift": -1}, "`shift`"),
    ({"shift": True}, "`shift`"),
    ({"image": np.zeros((8, 8)), "shift": 8}, "`shift`"),
    ({"seed": -1}, "`seed`"),
])
def test_degradation_state_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        degradation_state(**kwargs)


@pytest.mark.parametrize("before, after", [
    ({"noise": 0.0}, {"noise": 0.01}),
    ({"noise": NOISE_MAX}, {"noise": 0.29}),
    ({"blur": 0.0}, {"blur": 0.2}),
    ({"blur": BLUR_MAX}, {"blur": 2.9}),
    ({"shift": 0}, {"shift": 1}),
    ({"shift": SHIFT_MAX}, {"shift": SHIFT_MAX - 1}),
])
def test_one_degradation_slider_step_changes_the_figure(before, after):
    images = [figure_png(degradation_figure(degradation_state(**kwargs)))
              for kwargs in (before, after)]
    assert images[0] != images[1]


def test_degradation_figure_is_deterministic_and_titled():
    state = degradation_state(noise=0.1, blur=1.0, shift=1)
    fig = degradation_figure(state)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[-1] == f"PSNR {state['psnr']:.1f} dB   SSIM {state['ssim']:.3f}"
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    for name in ("Original", "Degraded copy", "|Copy − original|",
                 "noise 0.10 · blur 1.0 px · shift 1 px"):
        assert name in texts
    legend = [t.get_text() for t in fig.axes[-1].get_legend().get_texts()]
    assert legend == ["noise alone (std)", "blur alone (px)", "shift alone (px)",
                      "this copy (dotted: same PSNR)"]
    images = [figure_png(fig), figure_png(degradation_figure(state))]
    assert images[0] == images[1]
    assert degradation_figure(degradation_state()).axes[-1].get_title().startswith(
        "PSNR ∞ (identical)")


def test_the_dotted_line_stops_at_the_legend():
    """The line of equal PSNR runs from the top of the plane down to the legend where it
    would pass under it, and to the bottom elsewhere; none for an identical copy."""
    for kwargs, reaches_bottom in (({"noise": 0.01}, False), ({"noise": 0.3}, True)):
        live = DegradationFigure(degradation_state(**kwargs))
        left, right, top = live.under_legend
        x, y = live.line.get_data()
        assert x[0] == x[1] and y[0] == 1.0
        assert (y[1] == 0.0) == reaches_bottom
        if not reaches_bottom:
            assert left <= x[0] <= right and 0.2 < y[1] == top < 0.6
    assert not DegradationFigure(degradation_state()).line.get_visible()


def test_the_figure_updated_in_place_draws_its_static_twin():
    rng = np.random.default_rng(2)
    other = rng.uniform(size=(20, 20))
    states = [degradation_state(noise=0.05), degradation_state(), degradation_state(blur=2.5),
              degradation_state(shift=SHIFT_MAX, noise=0.3),
              degradation_state(other, noise=0.3, blur=3.0),  # other limits: redrawn
              degradation_state(shift=1)]
    assert_updates_draw_the_fresh_figure(DegradationFigure(degradation_state(shift=2)),
                                         degradation_figure, states)


def test_degradation_explorer_follows_each_slider():
    box = degradation_explorer()
    assert isinstance(box, ipywidgets.VBox)
    assert all(type(w).__module__.startswith("ipywidgets") for w in core_widgets(box))
    assert isinstance(box.image, ipywidgets.Image) and isinstance(box.live, DegradationFigure)
    assert list(box.controls) == ["noise", "blur", "shift"]
    noise, blur, shift = box.controls.values()
    assert isinstance(noise, ipywidgets.FloatSlider) and isinstance(blur, ipywidgets.FloatSlider)
    assert isinstance(shift, ipywidgets.IntSlider)
    assert (noise.description, noise.min, noise.max, noise.step, noise.value) == (
        "noise (std)", 0.0, 0.3, 0.01, 0.0)
    assert (blur.description, blur.min, blur.max, blur.step, blur.value) == (
        "blur (px)", 0.0, 3.0, 0.1, 0.0)
    assert (shift.description, shift.min, shift.max, shift.value) == ("shift (px)", 0, 4, 0)
    assert all(control.continuous_update for control in box.controls.values())
    # The first frame is the static twin's picture.
    assert same_picture(box.image.value, degradation_figure(degradation_state()))
    assert box.status.value == html.escape(degradation_state()["message"])

    frames = [box.image.value]
    for control, value in [(noise, NOISE_MAX), (noise, 0.0), (blur, BLUR_MAX), (blur, 0.0),
                           (shift, SHIFT_MAX), (shift, 1)]:
        control.value = value
        box.flush()
        assert box.image.value != frames[-1], (control.description, value)
        frames.append(box.image.value)
    state = degradation_state(shift=1)
    assert same_picture(box.image.value, degradation_figure(state))
    assert box.status.value == html.escape(state["message"])
    assert plt.get_fignums() == []


def test_degradation_explorer_starts_where_asked():
    rng = np.random.default_rng(1)
    image = rng.uniform(size=(16, 16))
    box = degradation_explorer(image, noise=0.2, blur=1.5, shift=2, seed=3)
    state = degradation_state(image, noise=0.2, blur=1.5, shift=2, seed=3)
    assert same_picture(box.image.value, degradation_figure(state))
    assert box.status.value == html.escape(state["message"])


@pytest.mark.parametrize("kwargs, match", [
    ({"noise": 0.31}, "`noise`"),
    ({"blur": 3.5}, "`blur`"),
    ({"shift": 5}, "`shift`"),
    ({"shift": 2.0}, "`shift`"),
    ({"image": np.zeros((3, 3))}, "`image`"),
])
def test_degradation_explorer_rejects_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        degradation_explorer(**kwargs)
    assert plt.get_fignums() == []


def test_kernel_free_frames_move_one_degradation_at_a_time(tmp_path, monkeypatch):
    """The kernel-free version: every step of each slider alone, the others at 0, and it
    starts where the notebook's explorer starts (shifted by one pixel)."""
    from lecturelib.explorers import _frames

    monkeypatch.setenv(_frames.FRAMES_VARIABLE, str(tmp_path))
    box = degradation_explorer(shift=1)
    [path] = tmp_path.glob("*.json")
    bundle = json.loads(path.read_text(encoding="utf-8"))
    assert bundle["one_at_a_time"] is True
    assert [c["name"] for c in bundle["controls"]] == ["noise", "blur", "shift"]
    noise, blur, shift = bundle["controls"]
    # Each stops at the values labelled on its path and halfway between.
    assert noise["values"] == pytest.approx([0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3])
    assert blur["values"] == pytest.approx([0, 0.5, 1, 1.5, 2, 2.5, 3])
    assert shift["values"] == list(range(SHIFT_MAX + 1))
    assert [c["initial"] for c in bundle["controls"]] == [0, 0, 1]
    assert len(bundle["frames"]) == 1 + 6 + 6 + SHIFT_MAX
    assert sum(len(f) for f in bundle["frames"]) <= _frames.BUDGET_BYTES
    english = bundle["messages"]["en"]
    # Frame 0: nothing done; then noise alone, blur alone, shift alone.
    for indices, kwargs in (((0, 0, 0), {}), ((2, 0, 0), {"noise": 0.1}),
                            ((0, 6, 0), {"blur": 3.0}), ((0, 0, 1), {"shift": 1}),
                            ((0, 0, 4), {"shift": 4})):
        index = _frames._frame_index(bundle, indices)
        assert english[index] == degradation_state(**kwargs)["message"], kwargs
    first = _frames._frame_index(bundle, [0, 0, 1])
    fragment = _frames.kernel_free_html(bundle)
    assert bundle["frames"][first] in fragment
    assert html.escape(degradation_state(shift=1)["message"]) in fragment
    # The frame shown first is the explorer's first picture: the shift alone.
    assert same_picture(box.image.value, degradation_figure(degradation_state(shift=1)))
    # Its stored frame is that picture too (lossy WebP, which the budget may call for).
    stored = pixels(base64.b64decode(bundle["frames"][first]))
    assert np.abs(stored - pixels(box.image.value)).mean() < 2


def test_package_re_exports_the_degradation_explorer():
    from lecturelib.explorers import degradation as module

    assert module.__all__ == ["degradation_state", "degradation_figure", "degradation_explorer"]
    for name in module.__all__:
        assert getattr(explorers, name) is getattr(module, name)


@pytest.mark.skipif(IPYWIDGETS_7, reason=f"ipywidgets {ipywidgets.__version__}: version 7 "
                    "widgets have no _repr_mimebundle_ to carry the static note")
def test_degradation_explorer_reads_sensibly_without_a_kernel():
    assert "run the notebook" in degradation_explorer()._repr_mimebundle_()["text/plain"]

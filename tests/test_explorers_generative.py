"""Degradation and mode-collapse explorers: pure update functions, figures, widget shells."""

import matplotlib

matplotlib.use("Agg")

import html  # noqa: E402
import math  # noqa: E402

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import lecturelib.explorers as explorers  # noqa: E402
from lecturelib.datasets import degrade_image, generated_digits, sample_photo  # noqa: E402
from lecturelib.explorers.generative import (  # noqa: E402
    BLUR_MAX,
    BLUR_SWEEP,
    NOISE_MAX,
    NOISE_SWEEP,
    SHIFT_MAX,
    degradation_explorer,
    degradation_figure,
    degradation_state,
    mode_collapse_explorer,
    mode_collapse_features,
    mode_collapse_figure,
    mode_collapse_state,
)
from lecturelib.generative.distribution import (  # noqa: E402
    density_coverage,
    frechet_distance_from_features,
    generative_precision_recall,
)
from lecturelib.generative.features import (  # noqa: E402
    digit_features,
    train_digit_feature_network,
)
from lecturelib.generative.image import (  # noqa: E402
    mean_squared_error,
    peak_signal_noise_ratio,
    structural_similarity,
)
from tests.helpers import figure_png  # noqa: E402

IPYWIDGETS_7 = int(ipywidgets.__version__.split(".")[0]) < 8


def _core_widgets(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _core_widgets(child)


# =========================================================================== degradation

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


def test_degradation_explorer_redraws_when_each_slider_moves(shown):
    box = degradation_explorer()
    assert isinstance(box, ipywidgets.VBox)
    assert all(type(w).__module__.startswith("ipywidgets") for w in _core_widgets(box))
    assert list(box.controls) == ["noise", "blur", "shift"]
    noise, blur, shift = box.controls.values()
    assert isinstance(noise, ipywidgets.FloatSlider) and isinstance(blur, ipywidgets.FloatSlider)
    assert isinstance(shift, ipywidgets.IntSlider)
    assert (noise.description, noise.min, noise.max, noise.step, noise.value) == (
        "noise (std)", 0.0, 0.3, 0.01, 0.0)
    assert (blur.description, blur.min, blur.max, blur.step, blur.value) == (
        "blur (px)", 0.0, 3.0, 0.1, 0.0)
    assert (shift.description, shift.min, shift.max, shift.value) == ("shift (px)", 0, 4, 0)
    # The static twin draws the explorer's first figure, pixel for pixel.
    assert len(shown) == 1
    assert shown[0][1] == figure_png(degradation_figure(degradation_state()))
    assert box.status.value == html.escape(degradation_state()["message"])

    for control, value in [(noise, NOISE_MAX), (noise, 0.0), (blur, BLUR_MAX), (blur, 0.0),
                           (shift, SHIFT_MAX), (shift, 1)]:
        before = len(shown)
        control.value = value
        assert len(shown) == before + 1, (control.description, value)
        assert shown[-1][1] != shown[-2][1], (control.description, value)
    state = degradation_state(shift=1)
    assert shown[-1][1] == figure_png(degradation_figure(state))
    assert box.status.value == html.escape(state["message"])
    assert plt.get_fignums() == []


def test_degradation_explorer_starts_where_asked(shown):
    rng = np.random.default_rng(1)
    image = rng.uniform(size=(16, 16))
    degradation_explorer(image, noise=0.2, blur=1.5, shift=2, seed=3)
    state = degradation_state(image, noise=0.2, blur=1.5, shift=2, seed=3)
    assert shown[0][1] == figure_png(degradation_figure(state))


@pytest.mark.parametrize("kwargs, match", [
    ({"noise": 0.31}, "`noise`"),
    ({"blur": 3.5}, "`blur`"),
    ({"shift": 5}, "`shift`"),
    ({"shift": 2.0}, "`shift`"),
    ({"image": np.zeros((3, 3))}, "`image`"),
])
def test_degradation_explorer_rejects_bad_input_and_shows_nothing(kwargs, match, shown):
    with pytest.raises(ValueError, match=match):
        degradation_explorer(**kwargs)
    assert shown == []


# ========================================================================= mode collapse

@pytest.fixture(scope="module")
def network():
    return train_digit_feature_network(seed=0)


@pytest.fixture(scope="module")
def data():
    """The default features (the explorer trains its network once and keeps them)."""
    return mode_collapse_features()


def test_default_features_are_the_networks_features_of_the_generated_digits(data, network):
    assert set(data) == {"real_features", "real_labels", "generated_features_by_dropped",
                         "generated_labels_by_dropped"}
    images, labels = generated_digits("real", n=500, seed=1)
    np.testing.assert_array_equal(data["real_features"], digit_features(network, images))
    np.testing.assert_array_equal(data["real_labels"], labels)
    assert len(data["generated_features_by_dropped"]) == 10
    for dropped in (0, 4, 9):
        images, labels = generated_digits("mode_collapse", n=500, seed=0, dropped=dropped)
        np.testing.assert_array_equal(data["generated_features_by_dropped"][dropped],
                                      digit_features(network, images))
        np.testing.assert_array_equal(data["generated_labels_by_dropped"][dropped], labels)
    # A network passed in gives the same features (training is deterministic).
    again = mode_collapse_features(network)
    np.testing.assert_array_equal(again["generated_features_by_dropped"][3],
                                  data["generated_features_by_dropped"][3])


@pytest.mark.parametrize("dropped", [0, 1, 5, 9])
def test_mode_collapse_numbers_equal_lecturelib(data, dropped):
    state = mode_collapse_state(dropped, **data)
    real = data["real_features"]
    fake = data["generated_features_by_dropped"][dropped]
    assert state["frechet_distance"] == frechet_distance_from_features(real, fake)
    precision, recall = generative_precision_recall(real, fake, k=3)
    density, coverage = density_coverage(real, fake, k=5)
    assert (state["precision"], state["recall"]) == (precision, recall)
    assert (state["density"], state["coverage"]) == (density, coverage)
    for key in ("frechet_distance", "precision", "recall", "density", "coverage"):
        curve = state[key.replace("_distance", "") + "_curve"]
        assert curve[dropped] == state[key]
    labels = data["generated_labels_by_dropped"][dropped]
    np.testing.assert_array_equal(state["classes"], np.arange(10))
    np.testing.assert_array_equal(state["generated_counts"], np.bincount(labels, minlength=10))
    np.testing.assert_array_equal(state["real_counts"], np.bincount(data["real_labels"],
                                                                    minlength=10))
    assert state["missing_classes"] == list(range(10 - dropped, 10))
    assert state["generated_xy"].shape == (500, 2)


def test_pca_projection_is_the_real_sets_principal_axes(data):
    from sklearn.decomposition import PCA

    state = mode_collapse_state(3, **data)
    real = data["real_features"]
    pca = PCA(n_components=2, svd_solver="full").fit(real)
    for ours, theirs in ((state["real_xy"], pca.transform(real)),
                         (state["generated_xy"],
                          pca.transform(data["generated_features_by_dropped"][3]))):
        signs = np.sign(np.sum(ours * theirs, axis=0))  # an axis's sign is arbitrary
        np.testing.assert_allclose(ours, theirs * signs, atol=1e-9)
    assert state["explained_variance"] == pytest.approx(pca.explained_variance_ratio_.sum())


def test_recall_falls_while_precision_stays_high(data):
    """The notebook's claim: dropping classes lowers recall and coverage step by step,
    while precision (and density) stay high; the Fréchet distance rises."""
    state = mode_collapse_state(**data)
    recall, coverage = state["recall_curve"], state["coverage_curve"]
    assert np.all(np.diff(recall) < 0) and np.all(np.diff(coverage) < 0)
    assert recall[0] > 0.95 and recall[-1] < 0.2 and coverage[-1] < 0.2
    assert state["precision_curve"].min() > 0.95
    assert state["density_curve"].min() > 0.9
    assert np.all(np.diff(state["frechet_curve"]) > 0)


def test_sets_can_be_given_as_a_dict(data):
    by_dict = {
        "real_features": data["real_features"], "real_labels": data["real_labels"],
        "generated_features_by_dropped": dict(enumerate(data["generated_features_by_dropped"][:3])),
        "generated_labels_by_dropped": dict(enumerate(data["generated_labels_by_dropped"][:3])),
    }
    state = mode_collapse_state(2, **by_dict)
    assert state["max_dropped"] == 2
    assert state["recall"] == mode_collapse_state(2, **data)["recall"]


@pytest.mark.parametrize("dropped", [-1, 10, 1.0, True, "3"])
def test_mode_collapse_state_rejects_a_bad_dropped(data, dropped):
    with pytest.raises(ValueError, match="`dropped`"):
        mode_collapse_state(dropped, **data)


def _small_sets(n=20, d=3, sets=3):
    rng = np.random.default_rng(0)
    return {"real_features": rng.normal(size=(n, d)), "real_labels": np.arange(n) % 3,
            "generated_features_by_dropped": [rng.normal(size=(n, d)) for _ in range(sets)],
            "generated_labels_by_dropped": [np.arange(n) % 3 for _ in range(sets)]}


@pytest.mark.parametrize("change, match", [
    ({"real_labels": None}, "`real_labels` is missing"),
    ({"generated_features_by_dropped": None}, "`generated_features_by_dropped` is missing"),
    ({"model": "network"}, "`model`"),
    ({"real_features": np.ones(20)}, "`real_features` must be 2-D"),
    ({"real_features": np.full((20, 3), np.nan)}, "`real_features`"),
    ({"real_labels": np.arange(19)}, "`real_labels` has 19 labels"),
    ({"real_labels": np.arange(20) + 0.5}, "`real_labels` must hold whole"),
    ({"generated_labels_by_dropped": [np.arange(20)] * 2}, "holds 2 sets"),
    ({"generated_features_by_dropped": [np.ones((20, 4))] * 3}, r"dropped\[0\]` has 4"),
    ({"generated_features_by_dropped": {0: np.ones((20, 3)), 2: np.ones((20, 3))}},
     "keys 0, 1"),
    ({"generated_features_by_dropped": 5}, "must be a list"),
    ({"generated_features_by_dropped": [np.ones((4, 3))] * 3,
      "generated_labels_by_dropped": [np.arange(4)] * 3}, "at least 6 samples"),
])
def test_mode_collapse_state_rejects_bad_data(change, match):
    kwargs = {**_small_sets(), **change}
    with pytest.raises(ValueError, match=match):
        mode_collapse_state(0, **kwargs)


def test_mode_collapse_features_rejects_a_bad_n():
    with pytest.raises(ValueError, match="`n`"):
        mode_collapse_features(n=800)


@pytest.mark.parametrize("before, after", [(0, 1), (4, 5), (9, 8)])
def test_one_dropped_step_changes_the_figure(data, before, after):
    images = [figure_png(mode_collapse_figure(mode_collapse_state(d, **data)))
              for d in (before, after)]
    assert images[0] != images[1]


def test_mode_collapse_figure_shows_the_scores(data):
    state = mode_collapse_state(4, **data)
    fig = mode_collapse_figure(state)
    assert [ax.get_title() for ax in fig.axes] == [
        "Classes in each set", "Features (PCA)", "Fidelity and diversity",
        f"Fréchet distance {state['frechet_distance']:.2f}"]
    sets, scores = ([t.get_text() for t in legend.get_texts()] for legend in fig.legends)
    assert sets == ["real samples (held out)", "generated, 4 classes dropped"]
    assert scores == [f"{key} {state[key]:.3f}" for key in
                      ("precision", "recall", "density", "coverage")]
    images = [figure_png(fig), figure_png(mode_collapse_figure(state))]
    assert images[0] == images[1]


def test_mode_collapse_explorer_redraws_when_the_slider_moves(data, shown):
    box = mode_collapse_explorer(**data)
    assert isinstance(box, ipywidgets.VBox)
    assert all(type(w).__module__.startswith("ipywidgets") for w in _core_widgets(box))
    assert list(box.controls) == ["dropped"]
    slider = box.controls["dropped"]
    assert isinstance(slider, ipywidgets.IntSlider)
    assert (slider.description, slider.min, slider.max, slider.value) == (
        "classes dropped", 0, 9, 0)
    assert len(shown) == 1
    assert shown[0][1] == figure_png(mode_collapse_figure(mode_collapse_state(**data)))
    for value in (9, 0, 5):
        before = len(shown)
        slider.value = value
        assert len(shown) == before + 1 and shown[-1][1] != shown[-2][1], value
    state = mode_collapse_state(5, **data)
    assert shown[-1][1] == figure_png(mode_collapse_figure(state))
    assert box.status.value == html.escape(state["message"])
    assert plt.get_fignums() == []


def test_mode_collapse_explorer_defaults_and_a_passed_network(data, network, shown):
    # No data: the features of the network trained once per session (the fixture's).
    mode_collapse_explorer()
    assert shown[-1][1] == figure_png(mode_collapse_figure(mode_collapse_state()))
    mode_collapse_explorer(model=network, dropped=6)
    assert shown[-1][1] == figure_png(mode_collapse_figure(mode_collapse_state(6, **data)))
    assert mode_collapse_state(6, model=network)["recall"] == mode_collapse_state(
        6, **data)["recall"]


@pytest.mark.parametrize("kwargs, match", [
    ({"dropped": 10}, "`dropped`"),
    ({"real_labels": None}, "`real_labels` is missing"),
])
def test_mode_collapse_explorer_rejects_bad_input_and_shows_nothing(data, kwargs, match, shown):
    with pytest.raises(ValueError, match=match):
        mode_collapse_explorer(**{**data, **kwargs})
    assert shown == []


# ================================================================================ shared

def test_package_re_exports_the_generative_explorers():
    from lecturelib.explorers import generative as module

    assert module.__all__ == [
        "degradation_state", "degradation_figure", "degradation_explorer",
        "mode_collapse_features", "mode_collapse_state", "mode_collapse_figure",
        "mode_collapse_explorer"]
    for name in module.__all__:
        assert getattr(explorers, name) is getattr(module, name)


@pytest.mark.skipif(IPYWIDGETS_7, reason=f"ipywidgets {ipywidgets.__version__}: version 7 "
                    "widgets have no _repr_mimebundle_ to carry the static note")
def test_explorers_read_sensibly_without_a_kernel(data, shown):
    for box in (degradation_explorer(), mode_collapse_explorer(**data)):
        assert "run the notebook" in box._repr_mimebundle_()["text/plain"]

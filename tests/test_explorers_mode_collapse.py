"""The mode-collapse explorer: its features and pure update function, its figure (drawn
fresh and updated in place), its widget shell and its kernel-free frames."""

import matplotlib

matplotlib.use("Agg")

import html  # noqa: E402
import json  # noqa: E402

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import lecturelib.explorers as explorers  # noqa: E402
from lecturelib.datasets import generated_digits  # noqa: E402
from lecturelib.explorers.mode_collapse import (  # noqa: E402
    ModeCollapseFigure,
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
from tests.helpers import (  # noqa: E402
    IPYWIDGETS_7,
    assert_updates_draw_the_fresh_figure,
    core_widgets,
    figure_png,
    same_picture,
)


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


def test_the_figure_updated_in_place_draws_its_static_twin(data):
    small = {  # three classes, two sets: crosses appear and go, the legend's singular
        "real_features": np.r_[np.zeros((10, 2)), np.ones((10, 2)) * 5, np.eye(2)[[0] * 10]],
        "real_labels": np.repeat([0, 1, 2], 10),
        "generated_features_by_dropped": [np.r_[np.zeros((10, 2)), np.ones((10, 2)) * 5],
                                          np.zeros((20, 2)) + 0.1],
        "generated_labels_by_dropped": [np.repeat([0, 1], 10), np.zeros(20, int)],
    }
    for source, picks in ((data, (9, 0, 1, 4, 5)), (small, (1, 0, 1))):
        states = [mode_collapse_state(d, **source) for d in picks]
        assert_updates_draw_the_fresh_figure(ModeCollapseFigure(states[-1]),
                                             mode_collapse_figure, states)


def test_mode_collapse_explorer_follows_the_slider(data):
    box = mode_collapse_explorer(**data)
    assert isinstance(box, ipywidgets.VBox)
    assert all(type(w).__module__.startswith("ipywidgets") for w in core_widgets(box))
    assert isinstance(box.image, ipywidgets.Image) and isinstance(box.live, ModeCollapseFigure)
    assert list(box.controls) == ["dropped"]
    slider = box.controls["dropped"]
    assert isinstance(slider, ipywidgets.IntSlider) and slider.continuous_update
    assert (slider.description, slider.min, slider.max, slider.value) == (
        "classes dropped", 0, 9, 0)
    assert same_picture(box.image.value, mode_collapse_figure(mode_collapse_state(**data)))
    for value in (9, 0, 5):
        before = box.image.value
        slider.value = value
        box.flush()
        assert box.image.value != before, value
    state = mode_collapse_state(5, **data)
    assert same_picture(box.image.value, mode_collapse_figure(state))
    assert box.status.value == html.escape(state["message"])
    assert plt.get_fignums() == []


def test_mode_collapse_explorer_defaults_and_a_passed_network(data, network):
    # No data: the features of the network trained once per session (the fixture's).
    box = mode_collapse_explorer()
    assert same_picture(box.image.value, mode_collapse_figure(mode_collapse_state()))
    box = mode_collapse_explorer(model=network, dropped=6)
    state = mode_collapse_state(6, **data)
    assert same_picture(box.image.value, mode_collapse_figure(state))
    assert box.status.value == html.escape(state["message"])
    assert mode_collapse_state(6, model=network)["recall"] == state["recall"]


@pytest.mark.parametrize("kwargs, match", [
    ({"dropped": 10}, "`dropped`"),
    ({"real_labels": None}, "`real_labels` is missing"),
])
def test_mode_collapse_explorer_rejects_bad_input(data, kwargs, match):
    with pytest.raises(ValueError, match=match):
        mode_collapse_explorer(**{**data, **kwargs})
    assert plt.get_fignums() == []


def test_kernel_free_frames_are_every_set(data, tmp_path, monkeypatch):
    from lecturelib.explorers import _frames

    monkeypatch.setenv(_frames.FRAMES_VARIABLE, str(tmp_path))
    mode_collapse_explorer(**data, dropped=4)
    [path] = tmp_path.glob("*.json")
    bundle = json.loads(path.read_text(encoding="utf-8"))
    [control] = bundle["controls"]
    assert control["values"] == list(range(10)) and control["initial"] == 4
    assert len(bundle["frames"]) == 10 and "one_at_a_time" not in bundle
    assert sum(len(f) for f in bundle["frames"]) <= _frames.BUDGET_BYTES
    assert bundle["messages"]["en"] == [mode_collapse_state(d, **data)["message"]
                                        for d in range(10)]


def test_package_re_exports_the_mode_collapse_explorer():
    from lecturelib.explorers import mode_collapse as module

    assert module.__all__ == ["mode_collapse_features", "mode_collapse_state",
                              "mode_collapse_figure", "mode_collapse_explorer"]
    for name in module.__all__:
        assert getattr(explorers, name) is getattr(module, name)


@pytest.mark.skipif(IPYWIDGETS_7, reason=f"ipywidgets {ipywidgets.__version__}: version 7 "
                    "widgets have no _repr_mimebundle_ to carry the static note")
def test_mode_collapse_explorer_reads_sensibly_without_a_kernel(data):
    assert "run the notebook" in mode_collapse_explorer(**data)._repr_mimebundle_()["text/plain"]

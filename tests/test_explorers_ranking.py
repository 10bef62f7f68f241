"""Ranking explorer: the pure update function, its figure, and the widget shell."""

import matplotlib

matplotlib.use("Agg")

import html  # noqa: E402
import itertools  # noqa: E402
import warnings  # noqa: E402

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from sklearn import metrics as skm  # noqa: E402

import lecturelib.explorers as explorers  # noqa: E402
from lecturelib import ranking  # noqa: E402
from lecturelib.explorers.ranking import (  # noqa: E402
    RANKING_ORDERS,
    RANKING_QUERY,
    RANKING_RESULTS,
    RankingFigure,
    ranking_explorer,
    ranking_figure,
    ranking_state,
)
from tests.helpers import (  # noqa: E402
    IPYWIDGETS_7,
    core_widgets,
    figure_png,
    same_picture,
)


DEFAULT_GRADES = [grade for _, grade in RANKING_RESULTS]
GRADE_CASES = [DEFAULT_GRADES, [3, 3, 0, 0, 1, 2], [0, 0, 0, 0, 0, 1], [1, 2],
               [2, 0, 1, 3, 3, 0, 1]]


# ------------------------------------------------------------------------ ranking_state

def test_default_query_has_six_results_of_every_grade():
    assert RANKING_QUERY == "cross-entropy loss"
    assert len(RANKING_RESULTS) == 6
    assert sorted(set(DEFAULT_GRADES)) == [0, 1, 2, 3]
    assert list(RANKING_ORDERS) == ["model", "ideal", "swap_top", "swap_bottom", "reversed"]


@pytest.mark.parametrize("grades, order",
                         list(itertools.product(GRADE_CASES, RANKING_ORDERS)))
def test_state_numbers_equal_lecturelib_and_sklearn(grades, order):
    n = len(grades)
    for k in range(1, n + 1):
        state = ranking_state(grades, k, order)
        y_true, y_score = state["y_true"], state["y_score"]
        np.testing.assert_array_equal(y_true, grades)
        # The scores rank the results as shown: the result at rank r scores n - r.
        np.testing.assert_array_equal(np.argsort(-y_score, kind="stable"), state["ranking"])
        np.testing.assert_array_equal(state["ranked_grades"], np.asarray(grades)[state["ranking"]])
        assert sorted(y_score) == list(range(1, n + 1))

        assert state["dcg"] == ranking.dcg_score([y_true], [y_score], k=k)
        assert state["idcg"] == ranking.dcg_score([y_true], [y_true], k=k)
        assert state["ndcg"] == ranking.ndcg_score([y_true], [y_score], k=k)
        assert state["dcg"] == pytest.approx(skm.dcg_score([y_true], [y_score], k=k), abs=1e-12)
        assert state["idcg"] == pytest.approx(skm.dcg_score([y_true], [y_true], k=k), abs=1e-12)
        assert state["ndcg"] == pytest.approx(skm.ndcg_score([y_true], [y_score], k=k),
                                              abs=1e-12)
        assert state["precision"] == ranking.precision_at_k(y_true, y_score, k)
        relevant = np.asarray(grades) > 0
        hits = relevant[state["ranking"]][:k].sum()
        assert state["precision"] == hits / k
        if relevant.any():
            assert state["reciprocal_rank"] == ranking.reciprocal_rank(y_true, y_score)
            assert state["recall"] == ranking.recall_at_k(y_true, y_score, k)
            assert state["average_precision"] == ranking.average_precision_at_k(y_true, y_score,
                                                                                k)
            assert state["recall"] == hits / relevant.sum()
            first = int(np.argmax(relevant[state["ranking"]])) + 1
            assert state["first_relevant_rank"] == first
            assert state["reciprocal_rank"] == 1 / first
        else:
            assert np.isnan(state["reciprocal_rank"]) and np.isnan(state["recall"])
            assert np.isnan(state["average_precision"]) and state["first_relevant_rank"] is None
    # With the whole list, AP is scikit-learn's average precision of the relevant items.
    if relevant.any() and not relevant.all():
        assert state["average_precision"] == pytest.approx(
            skm.average_precision_score(relevant, y_score), abs=1e-12)


@pytest.mark.parametrize("grades", GRADE_CASES)
def test_bars_sum_to_dcg_and_idcg(grades):
    n = len(grades)
    for order in RANKING_ORDERS:
        for k in range(1, n + 1):
            state = ranking_state(grades, k, order)
            np.testing.assert_allclose(state["discount"], 1 / np.log2(np.arange(2, n + 2)))
            np.testing.assert_array_equal(state["discounted_gain"],
                                          state["ranked_grades"] * state["discount"])
            assert state["discounted_gain"][:k].sum() == pytest.approx(state["dcg"], abs=1e-12)
            assert state["ideal_discounted_gain"][:k].sum() == pytest.approx(state["idcg"],
                                                                             abs=1e-12)
            np.testing.assert_array_equal(state["ideal_grades"], sorted(grades, reverse=True))


def test_orders_rearrange_the_models_ranking():
    rankings = {order: ranking_state(order=order)["ranking"].tolist() for order in RANKING_ORDERS}
    assert rankings == {
        "model": [0, 1, 2, 3, 4, 5],
        "ideal": [2, 0, 5, 3, 1, 4],  # by grade 3, 2, 2, 1, 0, 0; ties in the model's order
        "swap_top": [1, 0, 2, 3, 4, 5],
        "swap_bottom": [0, 1, 2, 3, 5, 4],
        "reversed": [5, 4, 3, 2, 1, 0],
    }
    state = ranking_state(order="ideal")
    assert state["ndcg"] == 1.0 and state["dcg"] == state["idcg"]
    assert state["ranked_titles"][0] == "Cross-entropy loss, explained"


def test_the_discount_is_steepest_at_the_top():
    """The notebook's point: swapping the top two results costs far more DCG than swapping
    the last two, though both move one relevant result down one rank."""
    grades = [2, 0, 3, 1, 2, 0]
    model = ranking_state(grades, k=6)["dcg"]
    top = model - ranking_state(grades, k=6, order="swap_top")["dcg"]
    bottom = model - ranking_state(grades, k=6, order="swap_bottom")["dcg"]
    assert top > 0 and bottom > 0 and top > 5 * bottom
    # Below the cutoff nothing counts.
    swapped = ranking_state(grades, k=3, order="swap_bottom")
    assert swapped["dcg"] == ranking_state(grades, k=3)["dcg"]


def test_default_state_and_message():
    state = ranking_state()
    assert (state["k"], state["order"], state["n_relevant"]) == (3, "model", 4)
    assert state["titles"] == tuple(title for title, _ in RANKING_RESULTS)
    assert state["message"] == (
        "Order “model's ranking”, top 3: DCG@3 3.500 of an ideal 5.262, so NDCG@3 0.665; "
        "first relevant result at rank 1 (reciprocal rank 1.000); 2 of the top 3 relevant "
        "(P@3 0.667), 2 of 4 relevant found (R@3 0.500), AP@3 0.556.")


def test_no_relevant_result_is_undefined_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        state = ranking_state([0, 0, 0, 0], k=2)
        figure_png(ranking_figure(state))
    assert state["dcg"] == state["idcg"] == state["ndcg"] == 0.0
    assert "undefined" in state["message"]


def test_titles_and_query_can_be_given():
    state = ranking_state([1, 0, 2], k=2, titles=["a", "b", "c"], query="cats")
    assert state["ranked_titles"] == ("a", "b", "c") and state["query"] == "cats"
    assert ranking_state([1, 0, 2])["titles"] == ("result 1", "result 2", "result 3")


@pytest.mark.parametrize("args, kwargs, match", [
    (([1],), {}, "grades.*2 to 7"),
    (([1] * 8,), {}, "grades.*2 to 7"),
    (([[1, 2]],), {}, "grades.*1-D"),
    (([1, 4],), {}, "grades.*0 .*to 3"),
    (([1, -1],), {}, "grades.*0 .*to 3"),
    (([1, 1.5],), {}, "grades.*whole"),
    (([1, np.nan],), {}, "grades"),
    ((["a", "b"],), {}, "grades"),
    (([True, False],), {}, "grades"),
    ((None, 0), {}, "`k`"),
    ((None, 7), {}, "`k`"),
    ((None, 2.0), {}, "`k`"),
    ((None, 3, "best"), {}, "order"),
    (([1, 2],), {"titles": ["a"]}, "titles"),
    (([1, 2],), {"titles": ["a", "a"]}, "titles.*distinct"),
    (([1, 2],), {"titles": "ab"}, "titles"),
    ((), {"query": ""}, "query"),
])
def test_state_rejects_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        ranking_state(*args, **kwargs)


@pytest.mark.parametrize("kwargs, match", [
    ({"grades": [5, 1]}, "grades"),
    ({"k": 10}, "`k`"),
    ({"order": "random"}, "order"),
])
def test_explorer_rejects_bad_input_and_draws_nothing(kwargs, match):
    with pytest.raises(ValueError, match=match):
        ranking_explorer(**kwargs)
    assert plt.get_fignums() == []


# ------------------------------------------------------------------------------ figure

def test_figure_shows_the_list_the_bars_and_the_metrics():
    state = ranking_state()
    fig = ranking_figure(state)
    assert [ax.get_title() for ax in fig.axes] == [
        "Results for “cross-entropy loss”", "Model's ranking: DCG@3 3.50",
        "Ideal order: IDCG@3 5.26", "Metrics at k = 3"]
    listed = [t.get_text() for t in fig.axes[0].texts]
    assert "1.  Log loss in scikit-learn" in listed and "k = 3" in listed
    metrics = [t.get_text() for t in fig.axes[3].texts]
    for name in ("DCG@3", "IDCG@3", "NDCG@3", "MRR", "P@3", "R@3", "AP@3"):
        assert name in metrics
    for key in ("dcg", "idcg", "ndcg", "reciprocal_rank", "precision", "recall",
                "average_precision"):
        assert f"{state[key]:.3f}" in metrics
    # Each rank's number and its discount 1 / log2(rank + 1).
    ticks = [t.get_text() for t in fig.axes[1].texts]
    assert {"1\n×1", "2\n×.63", "3\n×.50", "6\n×.36"} <= set(ticks)
    plt.close(fig)


@pytest.mark.parametrize("before, after", [
    ({"k": 3}, {"k": 4}),
    ({"k": 1}, {"k": 2}),
    ({"k": 6}, {"k": 5}),
    ({"order": "model"}, {"order": "swap_bottom"}),
    ({"grades": [2, 0, 3, 1, 0, 2]}, {"grades": [2, 0, 3, 1, 1, 2]}),
])
def test_one_control_step_changes_the_figure(before, after):
    images = [figure_png(ranking_figure(ranking_state(**kwargs))) for kwargs in (before, after)]
    assert images[0] != images[1]


def test_figure_is_deterministic():
    images = [figure_png(ranking_figure(ranking_state(k=4, order="reversed"))) for _ in range(2)]
    assert images[0] == images[1]


# ---------------------------------------------------------------------------- explorer


def test_explorer_controls_and_first_render():
    box = ranking_explorer()
    assert isinstance(box, ipywidgets.VBox)
    assert all(type(w).__module__.startswith("ipywidgets") for w in core_widgets(box))
    assert list(box.controls) == ["k", "order"] + [f"grade_{i}" for i in range(1, 7)]
    slider = box.controls["k"]
    assert isinstance(slider, ipywidgets.IntSlider)
    assert (slider.description, slider.min, slider.max, slider.value) == ("k", 1, 6, 3)
    assert slider.continuous_update  # it follows a drag
    menu = box.controls["order"]
    assert menu.description == "order" and menu.value == "model"
    assert [label for label, _ in menu.options] == list(RANKING_ORDERS.values())
    for i, (title, grade) in enumerate(RANKING_RESULTS, start=1):
        grade_menu = box.controls[f"grade_{i}"]
        assert isinstance(grade_menu, ipywidgets.Dropdown)
        assert grade_menu.description == f"grade: {title}" and grade_menu.value == grade
        assert [value for _, value in grade_menu.options] == [0, 1, 2, 3]
    assert isinstance(box.live, RankingFigure) and isinstance(box.image, ipywidgets.Image)
    # The first frame is the static twin's picture.
    assert same_picture(box.image.value, ranking_figure(ranking_state()))
    assert box.status.value == html.escape(ranking_state()["message"])


def test_every_control_change_redraws_a_different_figure():
    """As the browser test drives the explorer: the slider to its end and back, each menu
    to each of its other options in turn."""
    box = ranking_explorer()
    changes = [(box.controls["k"], 6), (box.controls["k"], 1)]
    for name, control in box.controls.items():
        if name != "k":
            current = control.value
            changes += [(control, value) for _, value in control.options if value != current]
    frames = [box.image.value]
    for control, value in changes:
        drawn = box.coalescer.frames
        control.value = value
        box.flush()
        assert box.coalescer.frames == drawn + 1, (control.description, value)
        assert box.image.value != frames[-1], (control.description, value)
        frames.append(box.image.value)
    # The last menu's last option, with everything else where the changes left it.
    state = ranking_state([3, 3, 2, 3, 3, 3], 1, "reversed")
    assert same_picture(box.image.value, ranking_figure(state))
    assert box.status.value == html.escape(state["message"])
    assert plt.get_fignums() == []


def test_explorer_starts_where_asked():
    box = ranking_explorer([1, 0, 2], k=2, order="ideal", titles=["x", "y", "z"], query="q")
    assert box.controls["k"].max == 3 and box.controls["k"].value == 2
    assert box.controls["order"].value == "ideal"
    assert box.controls["grade_3"].description == "grade: z"
    state = ranking_state([1, 0, 2], 2, "ideal", titles=["x", "y", "z"], query="q")
    assert same_picture(box.image.value, ranking_figure(state))


def test_kernel_free_frames_cover_every_cut_and_order(tmp_path, monkeypatch):
    import json

    monkeypatch.setenv("LECTURELIB_FRAMES", str(tmp_path))
    ranking_explorer(k=3, order="swap_top")
    [path] = tmp_path.iterdir()
    bundle = json.loads(path.read_text(encoding="utf-8"))
    cut, order = bundle["controls"]
    assert (cut["name"], cut["values"]) == ("k", [1, 2, 3, 4, 5, 6])
    assert cut["values"][cut["initial"]] == 3
    assert order["values"] == list(RANKING_ORDERS) and order["readout"] == list(
        RANKING_ORDERS.values())
    assert order["values"][order["initial"]] == "swap_top"
    assert len(bundle["frames"]) == 6 * 5
    # k = 5, the last two swapped: frame 4 * 5 + 3.
    assert bundle["messages"]["en"][23] == ranking_state(k=5, order="swap_bottom")["message"]
    assert path.stat().st_size <= 1_500_000


def test_package_re_exports_the_ranking_explorer():
    from lecturelib.explorers import ranking as module

    assert module.__all__ == ["ranking_state", "ranking_figure", "ranking_explorer"]
    for name in module.__all__:
        assert getattr(explorers, name) is getattr(module, name)


@pytest.mark.skipif(IPYWIDGETS_7, reason=f"ipywidgets {ipywidgets.__version__}: version 7 "
                    "widgets have no _repr_mimebundle_ to carry the static note")
def test_explorer_reads_sensibly_without_a_kernel():
    bundle = ranking_explorer()._repr_mimebundle_()
    assert "run the notebook" in bundle["text/plain"]

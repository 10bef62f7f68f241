"""What every explorer shares: the package's re-exports and the widget shell."""

import matplotlib

matplotlib.use("Agg")

import importlib  # noqa: E402

import ipywidgets  # noqa: E402
import pytest  # noqa: E402

import lecturelib.explorers as explorers  # noqa: E402
from tests.helpers import IPYWIDGETS_7

# ipywidgets 8 widgets display through `_repr_mimebundle_`, which `_explorer_box` wraps to put
# a static note in the text/plain and text/html fallbacks (what GitHub, nbviewer and slides
# show). ipywidgets 7 (Colab's) has no `_repr_mimebundle_`: a widget publishes its own bundle
# from `_ipython_display_`, so there is no note to add and the fallback is the widget's repr.

TOPICS = ("entropy", "focal_loss", "gradient_descent", "separation", "threshold", "segmentation",
          "detection", "regression", "ranking", "degradation", "mode_collapse")


def test_package_re_exports_every_public_name_of_its_topic_modules():
    names = []
    for topic in TOPICS:
        module = importlib.import_module(f"lecturelib.explorers.{topic}")
        names += module.__all__
        for name in module.__all__:
            assert getattr(explorers, name) is getattr(module, name)
    assert sorted(explorers.__all__) == sorted(names)
    assert len(set(names)) == len(names)


def _explorer_boxes():
    from lecturelib.datasets import linear_regression_data
    from lecturelib.explorers import (class_separation_explorer, focal_loss_explorer,
                                      learning_rate_explorer, prevalence_explorer,
                                      threshold_explorer)

    x, y = linear_regression_data()
    return [focal_loss_explorer(), learning_rate_explorer(x, y), class_separation_explorer(),
            prevalence_explorer(), threshold_explorer([0, 1, 1, 0], [0.1, 0.8, 0.6, 0.4])]


@pytest.mark.skipif(IPYWIDGETS_7, reason=f"ipywidgets {ipywidgets.__version__}: ipywidgets 7 "
                    "widgets have no _repr_mimebundle_ to carry the static note (ipywidgets 8 "
                    "only); test_explorers_display_as_widgets_on_ipywidgets_7 covers version 7")
def test_explorers_read_sensibly_without_a_kernel():
    for box in _explorer_boxes():
        bundle = box._repr_mimebundle_()
        # Live frontends render the widget; GitHub, nbviewer and slides fall back to the note.
        assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == box.model_id
        assert "run the notebook" in bundle["text/plain"]
        assert "VBox(" not in bundle["text/plain"]
        assert "<i>" in bundle["text/html"]


@pytest.mark.skipif(not IPYWIDGETS_7, reason=f"ipywidgets {ipywidgets.__version__}: version 8 "
                    "displays through _repr_mimebundle_ (tested with its static note above); "
                    "this checks ipywidgets 7's _ipython_display_ path")
def test_explorers_display_as_widgets_on_ipywidgets_7(monkeypatch):
    import ipywidgets.widgets.widget as widget_module

    from lecturelib.explorers import cross_entropy_explorer

    published = []
    monkeypatch.setattr(widget_module, "display",
                        lambda data, raw=False: published.append((data, raw)))
    for box in [*_explorer_boxes(), cross_entropy_explorer()]:
        published.clear()
        box._ipython_display_()
        # One raw bundle: the live widget view for Colab and Jupyter, and a plain-text
        # fallback (the widget's repr; ipywidgets 7 offers no hook for the static note).
        [(data, raw)] = published
        assert raw
        assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == box.model_id
        assert data["text/plain"].startswith("VBox(")

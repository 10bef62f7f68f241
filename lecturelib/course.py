"""Facts about the course itself: where it lives and the order of its notebooks.

This is the one place the repository address is written. ``scripts/sync_course.py``
copies it into the notebooks' Colab badges and setup cells and into the README's course
map, and a test fails if any copy has drifted.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import __version__

__all__ = ["REPOSITORY", "BRANCH", "Notebook", "SYLLABUS", "colab_url", "colab_badge",
           "release_tag", "colab_install_command", "setup_notebook_line"]

REPOSITORY = "https://github.com/loss-metric-lab/loss-metric-lab"
BRANCH = "main"


@dataclass(frozen=True)
class Notebook:
    path: str  # relative to the repository root
    title: str
    teaches: str


SYLLABUS = (
    Notebook("notebooks/00_start_here.ipynb", "Start here",
             "model = function; tasks in CV, NLP and vision-language and how each is judged; "
             "the opening segmentation quiz; how to use the course"),
    Notebook("notebooks/01_loss_vs_metric.ipynb", "Loss vs metric",
             "practice problems vs the exam; why accuracy cannot be a loss; MAE vs MSE; "
             "gradient descent; train/validation/test; loss curves and early stopping"),
    Notebook("notebooks/02_entropy.ipynb", "Entropy",
             "information content, bits and nats, entropy, cross-entropy, KL divergence"),
    Notebook("notebooks/03_cross_entropy_and_focal_loss.ipynb", "Cross-entropy and focal loss",
             "softmax vs sigmoid, stable log-softmax, class imbalance, weighted CE, focal loss"),
    Notebook("notebooks/04_confusion_matrix.ipynb", "Confusion matrix",
             "TP/TN/FP/FN, accuracy, precision, recall, specificity, F1, the accuracy paradox"),
    Notebook("notebooks/05_roc_pr.ipynb", "ROC and PR curves",
             "threshold sweeps, ROC-AUC as a ranking probability, PR curves, average precision"),
    Notebook("notebooks/06_iou_dice_map.ipynb", "IoU, Dice and mAP",
             "mask IoU and Dice, box IoU, detection matching, AP and mAP"),
    Notebook("notebooks/07_regression_and_ranking.ipynb", "Regression and ranking metrics",
             "MSE, RMSE, MAE, MAPE, R²; NDCG, MRR, MAP@k; retrieval recall@k"),
    Notebook("notebooks/08_generative_evaluation.ipynb", "Evaluating generative models",
             "PSNR and SSIM, Fréchet distance, precision/recall for generators, BLEU, ROUGE, "
             "captioning with and without references, CLIPScore, pairwise votes"),
)


def _slug() -> str:
    return REPOSITORY.removeprefix("https://github.com/").strip("/")


def colab_url(path: str) -> str:
    """Address that opens a notebook of this repository in Google Colab."""
    return f"https://colab.research.google.com/github/{_slug()}/blob/{BRANCH}/{path}"


def colab_badge(path: str) -> str:
    """Markdown for the "Open in Colab" badge of a notebook."""
    return (f"[![Open in Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
            f"({colab_url(path)})")


def release_tag() -> str:
    """The git tag of this lecturelib release, ``v`` + ``lecturelib.__version__``.

    The notebooks' stored outputs were computed with this release; Colab installs it
    (not the moving ``main``), so a notebook and its library never drift apart.
    """
    return f"v{__version__}"


def colab_install_command() -> str:
    """The pip line a Colab setup cell runs: this release of lecturelib only, never Colab's
    own torch, numpy or ipywidgets (``--no-deps``), since Colab already has every
    dependency."""
    return (f'%pip install --quiet --no-deps '
            f'"lecturelib @ git+{REPOSITORY}.git@{release_tag()}"')


def setup_notebook_line() -> str:
    """The line of every notebook's import cell that checks the installed release."""
    return f'lecturelib.setup_notebook("{__version__}")'


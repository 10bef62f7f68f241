"""Text-image retrieval: caption-image similarities from a simulated embedding model.

- :func:`caption_image_similarities`: one caption per image, the right match on the
  diagonal;
- :func:`multi_caption_similarities`: several captions per image, as in MS-COCO and
  Flickr30k, so a query image has several right answers.

Both simulate a CLIP-like model whose quality sets how often the match ranks first.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_positive_int, check_seed
from ._common import _check_unit_interval

__all__ = ["caption_image_similarities", "multi_caption_similarities"]


_EMBEDDING_DIM = 64
_PAIRS_PER_TOPIC = 10
_TOPIC_SHARE = 0.5


def _unit_rows(x):
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def caption_image_similarities(n_pairs=50, *, quality=0.35, seed=0):
    r"""Cosine similarities between captions and images from a simulated embedding model.

    A CLIP-like model maps a caption and an image to unit vectors whose cosine similarity
    says how well they match; retrieval ranks the images by that similarity. Here pair i
    (caption i describes image i) has a *meaning*, a random unit vector :math:`c_i` in 64
    dimensions, and both of its embeddings mix that meaning with their own noise:

    .. math::
        t_i = \frac{\sqrt{q}\, c_i + \sqrt{1 - q}\, \varepsilon_i}{\lVert\cdot\rVert},
        \qquad v_j = \frac{\sqrt{q}\, c_j + \sqrt{1 - q}\, \eta_j}{\lVert\cdot\rVert},
        \qquad S_{ij} = t_i \cdot v_j

    with :math:`q` = ``quality`` and :math:`\varepsilon_i, \eta_j` random unit vectors.
    The pairs come in topics of about ten (think "dogs", "food", "beaches"): the meanings
    of two pairs of one topic have cosine about 1/2, so their images are the hard
    negatives. On average a matching caption and image have similarity :math:`\approx q`,
    two of the same topic :math:`\approx q / 2`, others :math:`\approx 0`, each give or
    take about 0.1.

    With the defaults (50 pairs, quality 0.35, seed 0), text-to-image retrieval (rank each
    row, relevant = the diagonal) gives recall@1 = 0.48, recall@5 = 0.78, recall@10 = 0.92
    and image-to-text (the columns) 0.44, 0.86, 0.98. Over seeds 0-49 both directions
    average about 0.50, 0.88 and 0.97 (standard deviations 0.07, 0.05, 0.03). The
    quality sets how often the match ranks first; mean text-to-image recall@1 over seeds
    0-49 (50 pairs):

    =========  ====  ====  ====  ====  ====  ====  ====  ====  ====
    quality    0     0.1   0.2   0.3   0.35  0.4   0.5   0.6   1
    recall@1   0.02  0.08  0.19  0.39  0.50  0.63  0.85  0.97  1
    =========  ====  ====  ====  ====  ====  ====  ====  ====  ====


    Parameters
    ----------
    n_pairs : int, default 50
        Number of caption-image pairs, at least 2: the size of the gallery each caption
        is ranked against.
    quality : float in [0, 1], default 0.35
        The model's quality: the share of each embedding that carries the pair's meaning.
        0 gives random similarities (recall@1 about 1 / n_pairs); 1 gives identical
        embeddings for a caption and its image (similarity 1, always ranked first).
    seed : int, default 0
        The same seed gives the same matrix. The meanings, topics and noise do not depend
        on ``quality``, so changing it moves the similarities smoothly.

    Returns
    -------
    ndarray of float64, shape (n_pairs, n_pairs)
        ``S[i, j]`` is the cosine similarity of caption i and image j, in [-1, 1]; the
        matching pairs are on the diagonal. Relevance labels: ``np.eye(n_pairs)``.

    Examples
    --------
    >>> from lecturelib.ranking import recall_at_k
    >>> S = caption_image_similarities()
    >>> S.shape, bool(np.all(np.abs(S) <= 1))
    ((50, 50), True)
    >>> relevant = np.eye(50)
    >>> [recall_at_k(relevant, S, k) for k in (1, 5, 10)]     # text -> image
    [0.48, 0.78, 0.92]
    >>> [recall_at_k(relevant, S.T, k) for k in (1, 5, 10)]   # image -> text
    [0.44, 0.86, 0.98]

    References
    ----------
    A. Radford et al., "Learning transferable visual models from natural language
    supervision" (CLIP), ICML (2021).
    """
    n_pairs = check_positive_int(n_pairs, "n_pairs", minimum=2)
    quality = _check_unit_interval(quality, "quality")
    seed = check_seed(seed)
    # One stream per role, so that no draw depends on `quality`.
    topic_rng, assign_rng, meaning_rng, caption_rng, image_rng = (
        np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(5))
    n_topics = max(1, n_pairs // _PAIRS_PER_TOPIC)
    topics = _unit_rows(topic_rng.standard_normal((n_topics, _EMBEDDING_DIM)))
    topic_of = assign_rng.integers(0, n_topics, size=n_pairs)
    own = _unit_rows(meaning_rng.standard_normal((n_pairs, _EMBEDDING_DIM)))
    meaning = _unit_rows(np.sqrt(_TOPIC_SHARE) * topics[topic_of]
                         + np.sqrt(1 - _TOPIC_SHARE) * own)

    def embed(rng):
        noise = _unit_rows(rng.standard_normal((n_pairs, _EMBEDDING_DIM)))
        return _unit_rows(np.sqrt(quality) * meaning + np.sqrt(1 - quality) * noise)

    captions, images = embed(caption_rng), embed(image_rng)
    # Rounding can put a cosine a hair outside [-1, 1].
    return np.clip(captions @ images.T, -1.0, 1.0)


def multi_caption_similarities(n_images=50, captions_per_image=5, *, quality=0.35, seed=0):
    r"""Caption-image cosine similarities when each image has several right captions.

    MS-COCO and Flickr30k give every image five captions written by different people,
    so a query image has five right answers among all the captions. This is
    :func:`caption_image_similarities` with ``captions_per_image`` captions per image:
    image j has a meaning :math:`c_j` (topics of about ten images, as there), its
    embedding mixes :math:`c_j` with noise, and so does each of its captions, each with
    its own noise:

    .. math::
        t_i = \frac{\sqrt{q}\, c_{\lfloor i / m \rfloor} + \sqrt{1 - q}\, \varepsilon_i}
        {\lVert\cdot\rVert}, \qquad
        v_j = \frac{\sqrt{q}\, c_j + \sqrt{1 - q}\, \eta_j}{\lVert\cdot\rVert},
        \qquad S_{ij} = t_i \cdot v_j

    with :math:`q` = ``quality`` and :math:`m` = ``captions_per_image``. Caption i
    describes image ``i // captions_per_image``. With ``captions_per_image=1`` this is
    exactly :func:`caption_image_similarities` with the same ``quality`` and ``seed``.

    Parameters
    ----------
    n_images : int, default 50
        Number of images, at least 2.
    captions_per_image : int, default 5
        Captions of each image, at least 1 (5 in MS-COCO and Flickr30k).
    quality : float in [0, 1], default 0.35
        The share of each embedding that carries the meaning, as in
        :func:`caption_image_similarities`.
    seed : int, default 0
        The same seed gives the same matrix; the draws do not depend on ``quality``.

    Returns
    -------
    ndarray of float64, shape (n_images * captions_per_image, n_images)
        ``S[i, j]``, the cosine similarity of caption i and image j, in [-1, 1]. The
        relevance labels of text-to-image retrieval (a row per caption) are
        ``np.repeat(np.eye(n_images), captions_per_image, axis=0)``; transpose both for
        image-to-text retrieval (a row per image, ``captions_per_image`` right captions).

    Examples
    --------
    >>> from lecturelib.ranking import hit_rate_at_k, recall_at_k
    >>> S = multi_caption_similarities()
    >>> S.shape
    (250, 50)
    >>> relevant = np.repeat(np.eye(50), 5, axis=0)
    >>> hit_rate_at_k(relevant.T, S.T, 1), recall_at_k(relevant.T, S.T, 1)  # image -> text
    (0.62, 0.124)
    """
    n_images = check_positive_int(n_images, "n_images", minimum=2)
    captions_per_image = check_positive_int(captions_per_image, "captions_per_image")
    quality = _check_unit_interval(quality, "quality")
    seed = check_seed(seed)
    # The streams of caption_image_similarities, in the same order, so that one caption
    # per image reproduces it.
    topic_rng, assign_rng, meaning_rng, caption_rng, image_rng = (
        np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(5))
    n_topics = max(1, n_images // _PAIRS_PER_TOPIC)
    topics = _unit_rows(topic_rng.standard_normal((n_topics, _EMBEDDING_DIM)))
    topic_of = assign_rng.integers(0, n_topics, size=n_images)
    own = _unit_rows(meaning_rng.standard_normal((n_images, _EMBEDDING_DIM)))
    meaning = _unit_rows(np.sqrt(_TOPIC_SHARE) * topics[topic_of]
                         + np.sqrt(1 - _TOPIC_SHARE) * own)

    def embed(rng, meanings):
        noise = _unit_rows(rng.standard_normal(meanings.shape))
        return _unit_rows(np.sqrt(quality) * meanings + np.sqrt(1 - quality) * noise)

    captions = embed(caption_rng, np.repeat(meaning, captions_per_image, axis=0))
    images = embed(image_rng, meaning)
    return np.clip(captions @ images.T, -1.0, 1.0)

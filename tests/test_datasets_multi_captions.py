"""The simulated similarities with several captions per image (notebook 07's MS-COCO-style
retrieval): shape, determinism, agreement with the one-caption generator, the numbers its
docstring states, and argument checks."""

import numpy as np
import pytest

from lecturelib.datasets import __all__ as datasets_all
from lecturelib.datasets import caption_image_similarities, multi_caption_similarities
from lecturelib.ranking import hit_rate_at_k, recall_at_k


def relevance(n_images, per_image):
    return np.repeat(np.eye(n_images), per_image, axis=0)


def test_exported():
    assert "multi_caption_similarities" in datasets_all


def test_shape_range_and_determinism():
    S = multi_caption_similarities()
    assert S.shape == (250, 50) and S.dtype == np.float64
    assert np.all(np.abs(S) <= 1)
    np.testing.assert_array_equal(S, multi_caption_similarities(50, 5, quality=0.35, seed=0))
    assert not np.array_equal(S, multi_caption_similarities(seed=1))
    assert multi_caption_similarities(2, 3).shape == (6, 2)
    # Continuous similarities: no ties in any row or column.
    assert all(np.unique(row).size == row.size for row in S)
    assert all(np.unique(col).size == col.size for col in S.T)


@pytest.mark.parametrize("n_images, quality, seed", [(50, 0.35, 0), (7, 0.1, 3), (2, 1.0, 5),
                                                     (23, 0.0, 11)])
def test_one_caption_per_image_is_caption_image_similarities(n_images, quality, seed):
    np.testing.assert_array_equal(
        multi_caption_similarities(n_images, 1, quality=quality, seed=seed),
        caption_image_similarities(n_images, quality=quality, seed=seed))


def test_documented_recalls_at_the_defaults():
    S = multi_caption_similarities()
    relevant = relevance(50, 5)
    assert hit_rate_at_k(relevant.T, S.T, 1) == 0.62
    assert recall_at_k(relevant.T, S.T, 1) == pytest.approx(0.124, abs=1e-12)


def test_the_captions_of_an_image_match_it_about_as_well_as_one_caption_does():
    # Each caption mixes the image's meaning with its own noise: its similarity to its
    # image averages about `quality`, to the other images about 0 (topic-mates q / 2).
    S = np.concatenate([multi_caption_similarities(seed=s) for s in range(10)])
    right = np.tile(relevance(50, 5), (10, 1)).astype(bool)
    assert S[right].mean() == pytest.approx(0.35, abs=0.01)
    assert abs(S[~right].mean()) < 0.1
    # Perfect quality: every caption equals its image's embedding.
    perfect = multi_caption_similarities(10, 3, quality=1.0)
    np.testing.assert_allclose(perfect[relevance(10, 3).astype(bool)], 1.0, atol=1e-12)


@pytest.mark.parametrize("kwargs, match", [
    (dict(n_images=1), "`n_images` must be an integer >= 2"),
    (dict(n_images=10.0), "`n_images`"),
    (dict(captions_per_image=0), "`captions_per_image` must be an integer >= 1"),
    (dict(captions_per_image=True), "`captions_per_image`"),
    (dict(quality=1.5), r"`quality` must be a number in \[0, 1\]"),
    (dict(quality=np.nan), "`quality`"),
    (dict(seed=-1), "`seed`"),
])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        multi_caption_similarities(**kwargs)

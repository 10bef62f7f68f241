"""The simulated caption-image similarity matrix for the retrieval example: shape, range,
determinism, the recall figures its docstring states, and argument checks."""

import numpy as np
import pytest
from sklearn.metrics import top_k_accuracy_score

from lecturelib.datasets import __all__ as datasets_all
from lecturelib.datasets import caption_image_similarities
from lecturelib.ranking import mean_reciprocal_rank, recall_at_k


def recalls(S, ks=(1, 5, 10)):
    relevant = np.eye(S.shape[0])
    return [recall_at_k(relevant, S, k) for k in ks]


def test_exported():
    assert "caption_image_similarities" in datasets_all


def test_shape_range_and_determinism():
    S = caption_image_similarities()
    assert S.shape == (50, 50) and S.dtype == np.float64
    assert np.all(np.abs(S) <= 1)
    np.testing.assert_array_equal(S, caption_image_similarities(50, quality=0.35, seed=0))
    assert not np.array_equal(S, caption_image_similarities(seed=1))
    assert caption_image_similarities(2).shape == (2, 2)
    # Continuous similarities: no ties in any row, so every ranking is a strict order.
    assert all(np.unique(row).size == row.size for row in S)


def test_documented_recalls_at_the_defaults():
    S = caption_image_similarities()
    assert recalls(S) == [0.48, 0.78, 0.92]       # text -> image, rows
    assert recalls(S.T) == [0.44, 0.86, 0.98]     # image -> text, columns
    # Recall@k with one relevant item is scikit-learn's top-k accuracy.
    for k in (1, 5, 10):
        assert recall_at_k(np.eye(50), S, k) == top_k_accuracy_score(
            np.arange(50), S, k=k, labels=np.arange(50))


def test_documented_averages_over_seeds():
    quality = (0.0, 0.1, 0.2, 0.3, 0.35, 0.4, 0.5, 0.6, 1.0)
    table = (0.02, 0.08, 0.19, 0.39, 0.50, 0.63, 0.85, 0.97, 1.0)
    for q, want in zip(quality, table):
        got = np.mean([recalls(caption_image_similarities(quality=q, seed=s), (1,))[0]
                       for s in range(50)])
        assert got == pytest.approx(want, abs=0.005), q
    both = np.array([recalls(S) + recalls(S.T) for S in
                     (caption_image_similarities(seed=s) for s in range(50))])
    np.testing.assert_allclose(both.mean(axis=0), [0.50, 0.88, 0.97] * 2, atol=0.015)
    np.testing.assert_allclose(both.std(axis=0), [0.07, 0.05, 0.03] * 2, atol=0.01)


def test_similarity_levels_match_the_description():
    S = np.stack([caption_image_similarities(quality=0.35, seed=s) for s in range(20)])
    diagonal = S[:, np.eye(50, dtype=bool)]
    assert diagonal.mean() == pytest.approx(0.35, abs=0.01)
    assert abs(S[:, ~np.eye(50, dtype=bool)].mean()) < 0.1


def test_quality_is_monotone_on_average_and_its_extremes():
    mrr = [np.mean([mean_reciprocal_rank(np.eye(30), caption_image_similarities(
        30, quality=q, seed=s)) for s in range(10)]) for q in np.linspace(0, 1, 6)]
    assert np.all(np.diff(mrr) >= 0) and np.all(np.diff(mrr[:4]) > 0)
    perfect = caption_image_similarities(quality=1.0)
    np.testing.assert_allclose(np.diag(perfect), 1.0, rtol=0, atol=1e-12)
    assert recalls(perfect) == [1.0, 1.0, 1.0]


def test_quality_moves_the_similarities_smoothly():
    a = caption_image_similarities(quality=0.35)
    b = caption_image_similarities(quality=0.36)
    assert np.abs(a - b).max() < 0.05


@pytest.mark.parametrize("kwargs, match", [
    (dict(n_pairs=1), "`n_pairs` must be an integer >= 2"),
    (dict(n_pairs=10.0), "`n_pairs`"),
    (dict(n_pairs=True), "`n_pairs`"),
    (dict(quality=-0.1), "`quality` must be a number in"),
    (dict(quality=1.5), "`quality`"),
    (dict(quality=np.nan), "`quality`"),
    (dict(quality="high"), "`quality`"),
    (dict(seed=-1), "`seed`"),
    (dict(seed=1.5), "`seed`"),
])
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        caption_image_similarities(**kwargs)

"""The digit feature network (FID's stand-in for Inception) and the tiny caption model.

Benchmark (course machine, 2 cores shared with a CI run, float64, single-threaded):
train_digit_feature_network() 0.2-0.4 s (0.9-1.8 s as the first call of a fresh process,
which also loads the digits and warms PyTorch up), test accuracy 0.961;
train_caption_model() 0.6-1.5 s, zero-shot accuracy 0.969 and caption-to-image top-1
retrieval 1.0 on the test digits. This module trains each model two or three times and
runs in about 6 s (9 s with the interpreter's start-up). Times are not asserted: they
depend on the machine and its load.
"""

import numpy as np
import pytest
import torch
from scipy import linalg

from lecturelib.datasets import digit_training_images, generated_digits, load_digits_split
from lecturelib.generative.features import (
    CAPTION_TEMPLATES,
    DIGIT_NAMES,
    CaptionModel,
    digit_caption,
    digit_features,
    embed_captions,
    embed_images,
    train_caption_model,
    train_digit_feature_network,
)
from lecturelib.training import mlp, predict

DATA = load_digits_split()
TEST_X, TEST_Y = DATA.X_test.numpy(), DATA.y_test.numpy()
TRAIN_X, _ = digit_training_images()


@pytest.fixture(scope="module")
def feature_net():
    return train_digit_feature_network()


@pytest.fixture(scope="module")
def caption_model():
    return train_caption_model()


def frechet(a, b):
    """The textbook Fréchet distance between Gaussians fitted to two feature clouds."""
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    ridge = 1e-6 * np.eye(len(s1))  # dead ReLUs make both covariances singular
    root = linalg.sqrtm((s1 + ridge) @ (s2 + ridge)).real
    return float(np.sum((a.mean(0) - b.mean(0)) ** 2) + np.trace(s1 + s2 - 2 * root))


# --- the feature network --------------------------------------------------------------------

def test_feature_network_classifies_held_out_digits(feature_net):
    accuracy = float((predict(feature_net, TEST_X) == DATA.y_test).double().mean())
    assert accuracy >= 0.94
    assert round(accuracy, 3) == 0.961  # the documented number
    assert not feature_net.training


def test_features_are_the_hidden_relu_layer(feature_net):
    features = digit_features(feature_net, TEST_X)
    assert features.shape == (len(TEST_X), 64) and features.dtype == np.float64
    with torch.no_grad():
        hidden = torch.relu(feature_net[0](torch.as_tensor(TEST_X)))
    # Computed without BLAS (see _linear_relu_features), so equal up to rounding.
    np.testing.assert_allclose(features, hidden.numpy(), rtol=1e-12, atol=1e-12)
    assert features.min() == 0.0


def test_features_of_an_image_do_not_depend_on_its_batch(feature_net):
    # Nearest-neighbour metrics compare duplicated images exactly: the same digit must get
    # the same bits in any batch, at any position.
    features = digit_features(feature_net, TEST_X)
    reversed_order = digit_features(feature_net, TEST_X[::-1].copy())[::-1]
    np.testing.assert_array_equal(features, reversed_order)
    np.testing.assert_array_equal(features[5], digit_features(feature_net, TEST_X[5:6])[0])
    # Most units respond to some training digit; only a few are dead from the start.
    assert (digit_features(feature_net, TRAIN_X).max(axis=0) > 0).sum() >= 56


def test_same_seed_gives_identical_features_and_another_seed_does_not(feature_net):
    again = train_digit_feature_network(seed=0)
    np.testing.assert_array_equal(digit_features(again, TEST_X),
                                  digit_features(feature_net, TEST_X))
    other = train_digit_feature_network(seed=1, epochs=2, n_hidden=16)
    assert digit_features(other, TEST_X).shape == (len(TEST_X), 16)


def test_features_accept_tensors_lists_and_one_image(feature_net):
    expected = digit_features(feature_net, TEST_X[:3])
    np.testing.assert_array_equal(digit_features(feature_net, torch.as_tensor(TEST_X[:3])),
                                  expected)
    np.testing.assert_array_equal(digit_features(feature_net, TEST_X[:3].tolist()), expected)
    np.testing.assert_array_equal(digit_features(feature_net, TEST_X[0]), expected[:1])
    model = mlp(dtype="float32")
    assert digit_features(model, TEST_X[:2]).dtype == np.float64


def test_features_rank_the_generated_sets_as_their_defects(feature_net):
    reference = digit_features(feature_net, TRAIN_X)
    distance = {
        kind: frechet(digit_features(feature_net, generated_digits(kind)[0]), reference)
        for kind in ("real", "noise", "blur", "shift", "mode_collapse", "memorised")
    }
    assert distance["memorised"] < distance["real"] < distance["noise"]
    assert distance["noise"] < distance["mode_collapse"] < distance["blur"]
    assert distance["real"] < 0.5 and distance["shift"] > 5


@pytest.mark.parametrize("call, name", [
    (lambda m: digit_features(torch.nn.Linear(64, 10), TEST_X), "model"),
    (lambda m: digit_features(torch.nn.Sequential(torch.nn.Linear(64, 10)), TEST_X), "model"),
    (lambda m: digit_features(m, TEST_X[:, :32]), "images"),
    (lambda m: digit_features(m, np.zeros((2, 8, 8))), "images"),
    (lambda m: digit_features(m, np.full((2, 64), np.nan)), "images"),
    (lambda m: train_digit_feature_network(epochs=0), "epochs"),
    (lambda m: train_digit_feature_network(n_hidden=0), "n_hidden"),
    (lambda m: train_digit_feature_network(seed=-1), "seed"),
])
def test_feature_functions_reject_bad_input(feature_net, call, name):
    with pytest.raises(ValueError, match=f"`{name}`"):
        call(feature_net)


# --- captions and the caption model ---------------------------------------------------------

def test_digit_captions_fill_the_templates():
    assert [digit_caption(7, template=t) for t in range(len(CAPTION_TEMPLATES))] == [
        "a handwritten seven", "the digit 7", "a seven written by hand",
        "the number seven", "a picture of the digit seven", "a scanned handwritten 7"]
    assert digit_caption(8, template=2) == "an eight written by hand"
    assert DIGIT_NAMES[0] == "zero" and len(DIGIT_NAMES) == 10
    for bad in ({"digit": 10}, {"digit": -1}, {"digit": 1.0}, {"digit": True}):
        with pytest.raises(ValueError, match="`digit`"):
            digit_caption(**bad)
    with pytest.raises(ValueError, match="`template`"):
        digit_caption(3, template=len(CAPTION_TEMPLATES))


def test_embeddings_are_unit_vectors(caption_model):
    images = embed_images(caption_model, TEST_X)
    captions = embed_captions(caption_model, [digit_caption(d) for d in range(10)])
    assert images.shape == (len(TEST_X), 32) and captions.shape == (10, 32)
    assert images.dtype == captions.dtype == np.float64
    np.testing.assert_allclose(np.linalg.norm(images, axis=1), 1, atol=1e-12)
    np.testing.assert_allclose(np.linalg.norm(captions, axis=1), 1, atol=1e-12)
    assert isinstance(caption_model, CaptionModel) and not caption_model.training
    assert 0.01 <= caption_model.temperature < 0.2


def test_the_matching_caption_scores_highest_for_most_held_out_digits(caption_model):
    images = embed_images(caption_model, TEST_X)
    for template in range(len(CAPTION_TEMPLATES)):
        captions = embed_captions(caption_model,
                                  [digit_caption(d, template=template) for d in range(10)])
        accuracy = np.mean((images @ captions.T).argmax(axis=1) == TEST_Y)
        assert accuracy >= 0.9, (template, accuracy)
    captions = embed_captions(caption_model, [digit_caption(d) for d in range(10)])
    assert round(float(np.mean((images @ captions.T).argmax(axis=1) == TEST_Y)), 3) == 0.969


def test_captions_retrieve_images_of_their_digit(caption_model):
    images = embed_images(caption_model, TEST_X)
    pairs = [(d, digit_caption(d, template=t)) for d in range(10)
             for t in range(len(CAPTION_TEMPLATES))]
    captions = embed_captions(caption_model, [c for _, c in pairs])
    digits = np.array([d for d, _ in pairs])
    top10 = np.argsort(-(captions @ images.T), axis=1, kind="stable")[:, :10]
    assert np.mean(TEST_Y[top10[:, 0]] == digits) >= 0.95
    assert np.mean(TEST_Y[top10] == digits[:, None]) >= 0.95


def test_corrupted_digits_match_their_caption_less(caption_model):
    def mean_similarity(kind, **params):
        images, labels = generated_digits(kind, **params)
        texts = embed_captions(caption_model, [digit_caption(d) for d in labels])
        return float(np.mean(np.sum(embed_images(caption_model, images) * texts, axis=1)))

    real = mean_similarity("real")
    assert real > 0.8
    assert mean_similarity("noise", std=0.4) < real - 0.1
    assert mean_similarity("shift", pixels=2) < real - 0.3


def test_same_seed_gives_the_same_caption_model(caption_model):
    again = train_caption_model(seed=0)
    np.testing.assert_array_equal(embed_images(again, TEST_X),
                                  embed_images(caption_model, TEST_X))
    np.testing.assert_array_equal(embed_captions(again, "the digit 3"),
                                  embed_captions(caption_model, "the digit 3"))
    other = train_caption_model(seed=1, epochs=1)
    assert not np.array_equal(embed_images(other, TEST_X[:5]),
                              embed_images(caption_model, TEST_X[:5]))


def test_captions_are_bags_of_lower_case_words(caption_model):
    a, b, c = embed_captions(caption_model, ["A handwritten SEVEN.", "seven, handwritten a",
                                             "a handwritten seven"])
    np.testing.assert_allclose(a, c, atol=1e-15)
    np.testing.assert_allclose(b, c, atol=1e-15)
    assert embed_captions(caption_model, "a handwritten seven").shape == (1, 32)


@pytest.mark.parametrize("caption, word", [("a handwritten dog", "dog"),
                                           ("the digit 12", "12"), ("seven!? ten", "ten")])
def test_unknown_words_are_named(caption_model, caption, word):
    with pytest.raises(ValueError, match=f"does not know the word '{word}'"):
        embed_captions(caption_model, caption)


@pytest.mark.parametrize("call, name", [
    (lambda m: embed_captions(m, []), "captions"),
    (lambda m: embed_captions(m, ["a seven", 7]), "captions"),
    (lambda m: embed_captions(m, ["..."]), "captions"),
    (lambda m: embed_captions(m, None), "captions"),
    (lambda m: embed_captions(mlp(), ["a seven"]), "model"),
    (lambda m: embed_images(mlp(), TEST_X), "model"),
    (lambda m: embed_images(m, np.zeros((3, 63))), "images"),
    (lambda m: train_caption_model(epochs=0), "epochs"),
    (lambda m: train_caption_model(seed="0"), "seed"),
])
def test_caption_functions_reject_bad_input(caption_model, call, name):
    with pytest.raises(ValueError, match=f"`{name}`"):
        call(caption_model)

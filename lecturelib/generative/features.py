r"""Learned features for judging generated digits: a small "Inception" and a tiny CLIP.

Metrics for generative models rarely compare pixels. The Fréchet Inception Distance
compares the *features* that a trained classifier (Inception-v3) computes from real and
generated images; CLIPScore compares the embeddings that an image-text model (CLIP)
gives an image and its caption. Both networks are far too big for this course, so this
module trains two small stand-ins on the 8 x 8 digits, in about a second each on a CPU:

* :func:`train_digit_feature_network` and :func:`digit_features`: a one-hidden-layer
  digit classifier whose hidden activations play Inception's pool features;
* :func:`train_caption_model`, :func:`embed_images` and :func:`embed_captions`: a
  "mini-CLIP", an image tower and a text tower trained with CLIP's contrastive loss on
  digit images and short template captions such as "a handwritten seven".

Both learn only from :func:`lecturelib.datasets.digit_training_images` (the train part
of :func:`lecturelib.datasets.load_digits_split`), so the held-out digits that
:func:`lecturelib.datasets.generated_digits` draws from are new to them. Like
:mod:`lecturelib.training` they train in float64, seeded and single-threaded: the same
call gives the same network, number for number, on every CPU (to far more digits than a
notebook prints).

What they see in the sets of :func:`lecturelib.datasets.generated_digits` (500 images,
seed 0, default parameters; the Fréchet distance of :func:`digit_features` to those of
the 1,079 training images, by the textbook formula; CLIPScore
:math:`2.5 \max(\cos, 0)` of each image with "a handwritten <its digit>", averaged)::

    kind                     Fréchet distance   CLIPScore
    real                           0.16           2.21
    noise (std 0.2)                0.57           2.09
    blur (sigma 0.7)               5.06           2.00
    shift (1 pixel)               10.9            1.39
    mode_collapse (5 dropped)      3.53           2.20
    memorised                      0.07           2.25

Copying the training set beats real new digits on both, and CLIPScore does not notice
that half the digits are missing.
"""

from __future__ import annotations

import math
import numbers
import re

import numpy as np
import torch

from .._validation import as_float_array, check_positive_int, check_seed
from ..datasets import digit_training_images, load_digits_split
from ..losses import cross_entropy
from ..training import _Adam, _seeded, _single_thread, fit, mlp

__all__ = [
    "train_digit_feature_network",
    "digit_features",
    "CAPTION_TEMPLATES",
    "DIGIT_NAMES",
    "digit_caption",
    "CaptionModel",
    "train_caption_model",
    "embed_images",
    "embed_captions",
]

_N_PIXELS = 64


def _check_epochs(epochs):
    return check_positive_int(epochs, "epochs")


def _as_images(images, name="images"):
    """(n, 64) float64 tensor of digit images in [0, 1] from an array, tensor or list."""
    if isinstance(images, torch.Tensor):
        images = images.detach().cpu().numpy()
    X = as_float_array(images, name, ndim=(1, 2))
    if X.ndim == 1:
        X = X[None, :]
    if X.shape[1] != _N_PIXELS:
        raise ValueError(
            f"`{name}` must hold flattened 8 x 8 digits, shape (n, 64), got {X.shape}; "
            "flatten each image with images.reshape(len(images), 64)."
        )
    return torch.as_tensor(X, dtype=torch.float64)


# --- A feature network for the Fréchet distance ----------------------------------------------

# SGD with momentum rather than Adam: Adam at lr 0.01 silenced 13-22 of the 64 hidden
# units for good (ReLUs that output 0 for every digit); this leaves the 3-6 dead from the
# start, and tests 96 % right either way.
_FEATURE_LR = 0.05
_FEATURE_MOMENTUM = 0.9


def train_digit_feature_network(*, seed=0, epochs=15, n_hidden=64) -> torch.nn.Module:
    r"""A digit classifier whose hidden layer serves as the feature extractor of an FID.

    The Fréchet Inception Distance embeds real and generated images with Inception-v3,
    trained on ImageNet, and compares the two clouds of 2048-dimensional features. For
    8 x 8 digits this one-hidden-layer network plays Inception's role:
    :func:`lecturelib.training.mlp` (``64 -> n_hidden -> ReLU -> 10``) trained with
    :func:`lecturelib.training.fit` on the training split (cross-entropy, SGD with
    learning rate 0.05 and momentum 0.9, batches of 32), the validation part of
    :func:`lecturelib.datasets.load_digits_split` scored after each epoch. Its features
    are the ReLU activations of the hidden layer, :func:`digit_features`.

    With the defaults it trains in 0.2-0.4 s on one CPU core (1.2-1.8 s as the first
    call of a session, which also loads the digits and warms PyTorch up) and
    classifies 96.1 % of the 359 test digits correctly (seeds 0-4: 96.1-96.7 %).

    Parameters
    ----------
    seed : int, default 0
        Seeds the initial weights and the order of the mini-batches; the same seed gives
        the same network, weight for weight.
    epochs : int, default 20
        Passes over the 1,079 training images.
    n_hidden : int, default 64
        Width of the hidden layer: the dimension of the features.

    Returns
    -------
    torch.nn.Sequential
        The trained network in eval mode, returning logits; ``model[:-1]`` returns the
        features.

    Examples
    --------
    >>> from lecturelib.training import predict
    >>> from lecturelib.datasets import load_digits_split
    >>> model = train_digit_feature_network()
    >>> data = load_digits_split()
    >>> accuracy = float((predict(model, data.X_test) == data.y_test).double().mean())
    >>> round(accuracy, 3)
    0.961
    """
    seed = check_seed(seed)
    epochs = _check_epochs(epochs)
    n_hidden = check_positive_int(n_hidden, "n_hidden")
    data = load_digits_split()
    model = mlp(_N_PIXELS, n_hidden, 10, seed=seed)
    fit(model, data, cross_entropy, lr=_FEATURE_LR, momentum=_FEATURE_MOMENTUM,
        batch_size=32, epochs=epochs, seed=seed, progress=False)
    return model.eval()


def digit_features(model, images) -> np.ndarray:
    """The hidden-layer activations of :func:`train_digit_feature_network`'s network.

    Every layer but the last (for :func:`lecturelib.training.mlp`: the linear layer and
    its ReLU), the digits' counterpart of Inception's 2048 pool features. Feed these to a
    Fréchet distance or to precision/recall and density/coverage, which compare clouds
    of feature vectors.

    Parameters
    ----------
    model : torch.nn.Sequential
        From :func:`train_digit_feature_network` (any ``Sequential`` of at least two
        layers whose inputs are 64 pixels).
    images : array-like or Tensor of shape (n, 64)
        Flattened 8 x 8 digits with pixels in [0, 1] (as from
        :func:`lecturelib.datasets.generated_digits`); a single image of shape (64,)
        is treated as one row.

    Returns
    -------
    ndarray of float64, shape (n, n_hidden)
        Non-negative (ReLU outputs). A few units (4-6 of 64 with the defaults; more on
        a small set) output 0 for every training digit, "dead" ReLUs: their features are constant, so the features'
        covariance matrix is singular, as Inception's 2048 features are with fewer than
        2048 images. A Fréchet distance must cope with that (a tiny ridge on the
        diagonal, as pytorch-fid adds when the matrix square root fails).

    Examples
    --------
    >>> from lecturelib.training import mlp
    >>> features = digit_features(mlp(n_hidden=16), np.zeros((3, 64)))
    >>> features.shape, features.dtype
    ((3, 16), dtype('float64'))
    """
    if not isinstance(model, torch.nn.Sequential) or len(model) < 2:
        raise ValueError(
            "`model` must be a torch.nn.Sequential of at least two layers, such as the "
            f"network from train_digit_feature_network(); got {type(model).__name__}."
        )
    X = _as_images(images)
    body = model[:-1]
    if all(isinstance(layer, (torch.nn.Linear, torch.nn.ReLU)) for layer in body):
        return _linear_relu_features(body, X.to(torch.float64).numpy())
    dtype = next(model.parameters()).dtype
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad(), _single_thread():
            features = body(X.to(dtype))
    finally:
        model.train(was_training)
    return features.to(torch.float64).numpy()


def _linear_relu_features(layers, x):
    """The layers' forward pass in float64 NumPy, one image at a time in effect.

    A BLAS matrix product (PyTorch's, or NumPy's ``@``) rounds a row differently depending
    on its position in the batch, so the same digit in two sets would get features that
    differ in the last bits, and nearest-neighbour counts (precision, recall) that hinge
    on exact ties between duplicates would change with the batch and the CPU. ``einsum``
    without BLAS computes every row by the same loop, so an image always gets the same
    features.
    """
    for layer in layers:
        if isinstance(layer, torch.nn.Linear):
            weight = layer.weight.detach().to(torch.float64).numpy()
            x = np.einsum("nj,kj->nk", x, weight, optimize=False)
            if layer.bias is not None:
                x = x + layer.bias.detach().to(torch.float64).numpy()
        else:
            x = np.maximum(x, 0.0)
    return x


# --- A tiny CLIP: digit images and captions --------------------------------------------------

DIGIT_NAMES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
               "nine")

# {a}: "a" or "an" for the word that follows; {name}: "seven"; {numeral}: "7".
CAPTION_TEMPLATES = (
    "a handwritten {name}",
    "the digit {numeral}",
    "{a} {name} written by hand",
    "the number {name}",
    "a picture of the digit {name}",
    "a scanned handwritten {numeral}",
)

_WORD = re.compile(r"[a-z0-9]+")
# Shared embedding size of the two towers, width of the image tower's hidden layer and
# size of the word vectors.
_EMBED_DIM = 32
_IMAGE_HIDDEN = 64
_WORD_DIM = 32
# CLIP's initial temperature 0.07 (logit scale 1/0.07), and its cap of 100 on the scale.
_INITIAL_LOGIT_SCALE = math.log(1 / 0.07)
_MAX_LOGIT_SCALE = math.log(100.0)
_CAPTION_BATCH = 64
_CAPTION_LR = 0.01


def _vocabulary():
    words = {"a", "an"} | set(DIGIT_NAMES) | {str(d) for d in range(10)}
    for template in CAPTION_TEMPLATES:
        words |= set(_WORD.findall(re.sub(r"\{\w+\}", " ", template)))
    return tuple(sorted(words))


def digit_caption(digit, *, template=0) -> str:
    """A caption for a digit, from one of the templates the caption model learned.

    Parameters
    ----------
    digit : int
        0 to 9.
    template : int, default 0
        Index into :data:`CAPTION_TEMPLATES`:

        0. "a handwritten seven"
        1. "the digit 7"
        2. "a seven written by hand" ("an eight written by hand")
        3. "the number seven"
        4. "a picture of the digit seven"
        5. "a scanned handwritten 7"

    Returns
    -------
    str

    Examples
    --------
    >>> digit_caption(7), digit_caption(8, template=2), digit_caption(3, template=1)
    ('a handwritten seven', 'an eight written by hand', 'the digit 3')
    """
    if (isinstance(digit, bool) or not isinstance(digit, numbers.Integral)
            or not 0 <= digit <= 9):
        raise ValueError(f"`digit` must be an integer from 0 to 9, got {digit!r}.")
    n = len(CAPTION_TEMPLATES)
    if (isinstance(template, bool) or not isinstance(template, numbers.Integral)
            or not 0 <= template < n):
        raise ValueError(f"`template` must be an integer from 0 to {n - 1} (an index into "
                         f"CAPTION_TEMPLATES), got {template!r}.")
    name = DIGIT_NAMES[int(digit)]
    return CAPTION_TEMPLATES[int(template)].format(
        name=name, numeral=str(int(digit)), a="an" if name[0] in "aeiou" else "a")


class CaptionModel(torch.nn.Module):
    r"""Two towers mapping digit images and captions into one 32-dimensional space.

    * image tower: ``Linear(64, 64) -> ReLU -> Linear(64, 32)`` on the pixels;
    * text tower: a bag of words, the mean of the caption's word vectors (32 numbers per
      word of :attr:`vocabulary`), then ``Linear(32, 32)``;

    each output divided by its length, so that the dot product of an image and a caption
    embedding is their cosine similarity. ``logit_scale`` is the learnable
    :math:`\log(1/\tau)` of the contrastive loss. Build one with
    :func:`train_caption_model`; embed with :func:`embed_images` and
    :func:`embed_captions`.

    Attributes
    ----------
    vocabulary : tuple of str
        The known words, sorted.
    temperature : float
        :math:`\tau = e^{-\text{logit\_scale}}`, capped below at 0.01 as in CLIP.
    """

    def __init__(self, vocabulary):
        super().__init__()
        self.vocabulary = tuple(vocabulary)
        self._index = {word: i for i, word in enumerate(self.vocabulary)}
        self.image_tower = torch.nn.Sequential(
            torch.nn.Linear(_N_PIXELS, _IMAGE_HIDDEN), torch.nn.ReLU(),
            torch.nn.Linear(_IMAGE_HIDDEN, _EMBED_DIM))
        self.word_vectors = torch.nn.Embedding(len(self.vocabulary), _WORD_DIM)
        self.text_projection = torch.nn.Linear(_WORD_DIM, _EMBED_DIM)
        self.logit_scale = torch.nn.Parameter(torch.tensor(_INITIAL_LOGIT_SCALE))

    @property
    def temperature(self) -> float:
        return math.exp(-min(self.logit_scale.item(), _MAX_LOGIT_SCALE))

    def bag_of_words(self, captions) -> torch.Tensor:
        """(n, vocabulary size) matrix whose row i averages the one-hot vectors of caption
        i's words; unknown words raise a ValueError naming them."""
        dtype = self.word_vectors.weight.dtype
        bags = torch.zeros(len(captions), len(self.vocabulary), dtype=dtype)
        for row, caption in enumerate(captions):
            words = _WORD.findall(caption.lower())
            if not words:
                raise ValueError(f"`captions` holds a caption with no words: {caption!r}.")
            for word in words:
                if word not in self._index:
                    raise ValueError(
                        f"`captions`: the caption model does not know the word {word!r} "
                        f"(in {caption!r}). It knows only: {', '.join(self.vocabulary)}."
                    )
                bags[row, self._index[word]] += 1.0 / len(words)
        return bags

    def encode_images(self, images: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.normalize(self.image_tower(images), dim=1)

    def encode_bags(self, bags: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.normalize(
            self.text_projection(bags @ self.word_vectors.weight), dim=1)

    def forward(self, images, bags):
        """The (n_images, n_captions) logits ``exp(logit_scale) * cosine``."""
        scale = self.logit_scale.clamp(max=_MAX_LOGIT_SCALE).exp()
        return scale * self.encode_images(images) @ self.encode_bags(bags).T


def _symmetric_info_nce(logits):
    # Row i's positive is column i: image i with its own caption. The loss averages the
    # image-to-caption and the caption-to-image cross-entropies (CLIP's loss).
    target = torch.arange(len(logits))
    return (cross_entropy(logits, target) + cross_entropy(logits.T, target)) / 2


def train_caption_model(*, seed=0, epochs=30) -> CaptionModel:
    r"""Train a tiny CLIP on the training digits and template captions.

    Each epoch shuffles the 1,079 training images
    (:func:`lecturelib.datasets.digit_training_images`) and gives every image a caption
    of its digit from a random template of :data:`CAPTION_TEMPLATES` ("a handwritten
    seven", "the digit 7", "a seven written by hand", ...; 32 words in all). For a batch
    of :math:`B = 64` pairs with unit embeddings :math:`u_i` (image) and :math:`v_j`
    (caption), the loss is CLIP's symmetric InfoNCE,

    .. math::
        L = \frac{1}{2B} \sum_{i=1}^{B} \left[
            -\log \frac{e^{u_i \cdot v_i / \tau}}{\sum_j e^{u_i \cdot v_j / \tau}}
            -\log \frac{e^{u_i \cdot v_i / \tau}}{\sum_j e^{u_j \cdot v_i / \tau}} \right],

    a cross-entropy that picks the right caption for each image among the batch's
    captions, and the right image for each caption. The temperature :math:`\tau` is
    learned (as :math:`\log 1/\tau`, from CLIP's 0.07, capped at 0.01). Adam, learning
    rate 0.01, float64, single-threaded. Unlike web captions, a batch holds several
    images of each digit whose captions are interchangeable, so the loss cannot reach 0:
    the model learns to put all images and captions of a digit together.

    With the defaults it trains in 0.6-1.5 s on one CPU core. On the 359 test digits
    of :func:`lecturelib.datasets.load_digits_split`, never seen in training, the
    caption "a handwritten <digit>" of the right digit scores highest among the ten
    digits' for 96.9 % of the images (zero-shot classification; seeds 0-2: 96.4-97.5 %),
    and for each of the 60 captions (10 digits x 6 templates) the most similar test
    image shows the right digit (caption-to-image retrieval: 100 % at rank 1, 99.2 % of
    the 10 most similar). The learned temperature ends near 0.086. A matching image and
    caption have cosine similarity 0.88 on average.

    Parameters
    ----------
    seed : int, default 0
        Seeds the initial weights, the shuffling and the choice of templates; the same
        seed gives the same model, weight for weight.
    epochs : int, default 30
        Passes over the training images.

    Returns
    -------
    CaptionModel
        In eval mode.

    Examples
    --------
    >>> model = train_caption_model(epochs=2)
    >>> images = embed_images(model, np.zeros((2, 64)))
    >>> texts = embed_captions(model, ["a handwritten seven", "the digit 7"])
    >>> images.shape, texts.shape, bool(np.allclose(np.linalg.norm(texts, axis=1), 1))
    ((2, 32), (2, 32), True)
    """
    seed = check_seed(seed)
    epochs = _check_epochs(epochs)
    images, labels = digit_training_images()
    X = torch.as_tensor(images, dtype=torch.float64)
    n_templates = len(CAPTION_TEMPLATES)
    with _seeded(seed), _single_thread():
        # Initial weights drawn in float32 and converted, like lecturelib.training.mlp.
        model = CaptionModel(_vocabulary()).to(torch.float64)
        # Caption c = digit * n_templates + template, as a bag of words.
        all_bags = model.bag_of_words([digit_caption(d, template=t) for d in range(10)
                                       for t in range(n_templates)])
        y = torch.as_tensor(labels, dtype=torch.int64)
        params = [p for p in model.parameters() if p.requires_grad]
        optimizer = _Adam(params, _CAPTION_LR)
        generator = torch.Generator().manual_seed(seed)
        model.train()
        for _ in range(epochs):
            order = torch.randperm(len(y), generator=generator)
            templates = torch.randint(n_templates, (len(y),), generator=generator)
            for start in range(0, len(y), _CAPTION_BATCH):
                idx = order[start:start + _CAPTION_BATCH]
                captions = y[idx] * n_templates + templates[start:start + _CAPTION_BATCH]
                loss = _symmetric_info_nce(model(X[idx], all_bags[captions]))
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
    return model.eval()


def _check_caption_model(model):
    if not isinstance(model, CaptionModel):
        raise ValueError(f"`model` must be a CaptionModel from train_caption_model(), got "
                         f"{type(model).__name__}.")


def embed_images(model, images) -> np.ndarray:
    """Unit-length embeddings of digit images from the caption model's image tower.

    Parameters
    ----------
    model : CaptionModel
        From :func:`train_caption_model`.
    images : array-like or Tensor of shape (n, 64)
        Flattened 8 x 8 digits with pixels in [0, 1]; one image of shape (64,) counts
        as one row.

    Returns
    -------
    ndarray of float64, shape (n, 32)
        Each row of length 1: ``embed_images(...) @ embed_captions(...).T`` are cosine
        similarities, the input of a CLIPScore.

    Examples
    --------
    >>> model = train_caption_model(epochs=1)
    >>> embed_images(model, np.ones(64)).shape
    (1, 32)
    """
    _check_caption_model(model)
    X = _as_images(images).to(model.word_vectors.weight.dtype)
    with torch.no_grad(), _single_thread():
        return model.encode_images(X).to(torch.float64).numpy()


def embed_captions(model, captions) -> np.ndarray:
    """Unit-length embeddings of captions from the caption model's text tower.

    A caption is lower-cased and cut into words (runs of letters and digits, so
    punctuation is ignored); its embedding is the projected mean of its word vectors, so
    word order does not matter ("seven handwritten a" is "a handwritten seven").

    Parameters
    ----------
    model : CaptionModel
        From :func:`train_caption_model`.
    captions : str or sequence of str
        One caption or several; every word must be in ``model.vocabulary`` (the words of
        :data:`CAPTION_TEMPLATES`, the digit names and the numerals 0-9).

    Returns
    -------
    ndarray of float64, shape (n_captions, 32)
        Each row of length 1 (one row for a single string).

    Raises
    ------
    ValueError
        For an unknown word, naming it and listing the vocabulary.

    Examples
    --------
    >>> model = train_caption_model(epochs=1)
    >>> a, b = embed_captions(model, ["A handwritten seven.", "seven handwritten a"])
    >>> bool(np.allclose(a, b))
    True
    >>> embed_captions(model, "a handwritten dog")
    Traceback (most recent call last):
    ...
    ValueError: `captions`: the caption model does not know the word 'dog' (in 'a handwritten dog'). It knows only: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, a, an, by, digit, eight, five, four, hand, handwritten, nine, number, of, one, picture, scanned, seven, six, the, three, two, written, zero.
    """
    _check_caption_model(model)
    if isinstance(captions, str):
        captions = [captions]
    try:
        captions = list(captions)
    except TypeError:
        captions = None
    if not captions or not all(isinstance(c, str) for c in captions):
        raise ValueError("`captions` must be a string or a non-empty sequence of strings, "
                         "e.g. ['a handwritten seven', 'the digit 3'].")
    with torch.no_grad(), _single_thread():
        return model.encode_bags(model.bag_of_words(captions)).to(torch.float64).numpy()

"""lecturelib.generative.text: BLEU equal to sacrebleu (tokeniser, counts, smoothing,
brevity penalty) and CLIPScore equal to Hessel et al.'s and torchmetrics' formulas.

See ORACLES.md §6.5 (BLEU) and §6.6 (CLIPScore) for the references' conventions.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

sacrebleu = pytest.importorskip("sacrebleu")
from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a  # noqa: E402

from lecturelib.generative import text as T  # noqa: E402

SETTINGS = settings(max_examples=150, deadline=None, database=None)
TOL = 1e-9  # both do the same float operations in the same order: in practice exact

# Pieces of sentences: words, numbers with . , - inside, punctuation, symbols, HTML
# escapes, the "<skipped>" marker, hyphenated line ends, odd whitespace.
WORDS = ["the", "The", "cat", "sat", "on", "a", "mat", "dog", "it's", "e-mail", "Mr.",
         "3.14", "1,000", "2-3", "42", "x", "café", "naïve"]
PUNCT = [".", ",", "!", "?", "(", ")", '"', "'", "-", ":", ";", "/", "&", "&amp;",
         "&quot;", "&lt;", "<skipped>", "$", "%", "[", "]", "{", "}", "~", "`", "@", "#"]
SPACES = [" ", " ", " ", "  ", "\t", "\n", "-\n", "\u00a0", ""]
CHARACTERS = list("ab09 .,-\n&;<>'\"()!?/$%:@[]^_`{|}~\\\t") + ["&quot;", "&amp;", "-\n"]


@st.composite
def sentences(draw, max_pieces=12):
    pieces = draw(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCT)),
                           max_size=max_pieces))
    gaps = draw(st.lists(st.sampled_from(SPACES), min_size=len(pieces),
                         max_size=len(pieces)))
    return "".join(p + g for p, g in zip(pieces, gaps))


@st.composite
def corpora(draw):
    """(hypotheses, reference streams): 1-4 sentences, 1-3 streams. References are
    sometimes copies or edits of the hypothesis (so there are matches) and, in streams
    after the first, sometimes None (fewer references for that sentence)."""
    n = draw(st.integers(1, 4))
    n_refs = draw(st.integers(1, 3))
    hyps = [draw(sentences()) for _ in range(n)]
    streams = []
    for k in range(n_refs):
        stream = []
        for hyp in hyps:
            kind = draw(st.sampled_from(["random", "copy", "edit", "none"] if k else
                                        ["random", "copy", "edit"]))
            if kind == "random":
                stream.append(draw(sentences()))
            elif kind == "copy":
                stream.append(hyp)
            elif kind == "edit":
                stream.append(draw(sentences(max_pieces=3)) + hyp + draw(sentences(3)))
            else:
                stream.append(None)
        streams.append(stream)
    return hyps, streams


OPTIONS = st.fixed_dictionaries({
    "smooth_method": st.sampled_from(["exp", "floor", "add-k", "none"]),
    "lowercase": st.booleans(),
    "tokenize": st.sampled_from(["13a", "none"]),
    "use_effective_order": st.booleans(),
})


def assert_same_bleu(ours, theirs, smooth_method="exp", smooth_value=None):
    assert isinstance(ours, T.BLEUResult)
    assert abs(ours.score - theirs.score) <= TOL
    assert np.allclose(ours.precisions, theirs.precisions, rtol=0, atol=TOL)
    assert abs(ours.bp - theirs.bp) <= TOL
    assert (ours.sys_len, ours.ref_len) == (theirs.sys_len, theirs.ref_len)
    assert ours.ratio == pytest.approx(theirs.ratio, rel=1e-15)
    assert str(ours) == str(theirs)
    assert float(ours) == ours.score
    counts, totals = list(theirs.counts), list(theirs.totals)
    if smooth_method == "add-k" and any(ours.counts):
        # sacrebleu reports its counts after adding k for n >= 2; lecturelib before.
        k = 1 if smooth_value is None else smooth_value
        counts = [counts[0]] + [c - k for c in counts[1:]]
        totals = [totals[0]] + [t - k for t in totals[1:]]
    assert list(ours.counts) == pytest.approx(counts, abs=1e-12)
    assert list(ours.totals) == pytest.approx(totals, abs=1e-12)


# --- tokeniser ----------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Hello, world!", "It costs $3.14, or 1,000 yen.", "pages 3-4 of e-mail", "end.",
    "a.b,c", "x &amp; y &quot;z&quot; &lt;tag&gt;", "line one-\nline two\nthree",
    "<skipped> words", "", "   ", "(nested [brackets] {here})", "50%", "don't stop",
    "U.S.A.", "1.5.", ".5", "-3", "3-", "a/b\\c", "tab\tand\u00a0nbsp",
])
def test_tokenize_13a_equals_sacrebleu_on_fixed_lines(line):
    assert " ".join(T.tokenize_13a(line)) == Tokenizer13a()(line)


@SETTINGS
@given(st.one_of(sentences(), st.lists(st.sampled_from(CHARACTERS)).map("".join),
                 st.text()))
def test_tokenize_13a_equals_sacrebleu_on_random_lines(line):
    assert " ".join(T.tokenize_13a(line)) == Tokenizer13a()(line)


def test_tokenize_13a_rejects_non_strings():
    with pytest.raises(ValueError, match="`line` must be a string"):
        T.tokenize_13a(["a", "b"])


# --- corpus BLEU vs sacrebleu -------------------------------------------------------------

HYPS = ["The cat sat on the mat.", "It is raining today.", "Hello there , general Kenobi !"]
REFS_A = ["The cat sat on the mat.", "It rains today.", "Hello there, General Kenobi!"]
REFS_B = ["A cat was sitting on the mat.", "Today it is raining.", "Hi there, Kenobi."]

FIXED = [
    ("one reference", HYPS, [REFS_A]),
    ("two references", HYPS, [REFS_A, REFS_B]),
    ("a missing reference (None)", HYPS, [REFS_A, [None, "It is raining", None]]),
    ("perfect match", REFS_A, [REFS_A]),
    ("no match at all", ["xyz uvw"], [["the cat sat"]]),
    ("empty hypothesis", [""], [["the cat sat"]]),
    ("empty hypothesis and reference", [""], [[""]]),
    ("empty reference", ["the cat"], [[""]]),
    ("shorter than four words", ["the cat sat"], [["the cat sat on the mat"]]),
    ("unigram match only", ["cat the"], [["the cat"]]),
    ("repeated word is clipped", ["the the the the the the"], [["the cat is on the mat"]]),
    ("longer hypothesis: no penalty", ["the cat sat on the mat today at noon"],
     [["the cat sat on the mat"]]),
    ("length tie goes to the shorter reference", ["a b c d e"],
     [["a b c d"], ["a b c d e f"]]),
    ("closest reference is the longer one", ["a b c d e"], [["a b"], ["a b c d e f"]]),
    ("mixed sentence lengths", ["a", "a b c d e f g", "x y"],
     [["a b", "a b c d e f g h", "x y z"]]),
    ("case and punctuation", ["THE CAT, sat!"], [["the cat sat ."]]),
]


@pytest.mark.parametrize("smooth_method", ["exp", "floor", "add-k", "none"])
@pytest.mark.parametrize("use_effective_order", [False, True])
@pytest.mark.parametrize("case", FIXED, ids=[c[0] for c in FIXED])
def test_bleu_equals_sacrebleu_on_fixed_corpora(case, smooth_method, use_effective_order):
    _, hyps, refs = case
    for lowercase in (False, True):
        kwargs = dict(smooth_method=smooth_method, lowercase=lowercase,
                      use_effective_order=use_effective_order)
        assert_same_bleu(T.bleu_score(hyps, refs, **kwargs),
                         sacrebleu.corpus_bleu(hyps, refs, **kwargs), smooth_method)


@pytest.mark.parametrize("smooth_method, smooth_value", [("floor", 0.01), ("floor", 0.5),
                                                         ("add-k", 2), ("add-k", 0.5)])
def test_bleu_smooth_value_equals_sacrebleu(smooth_method, smooth_value):
    hyps, refs = ["the cat sat on a red mat", "no match here"], [["the cat sat on the mat",
                                                                 "nothing like it"]]
    for effective in (False, True):
        kwargs = dict(smooth_method=smooth_method, smooth_value=smooth_value,
                      use_effective_order=effective)
        assert_same_bleu(T.bleu_score(hyps, refs, **kwargs),
                         sacrebleu.corpus_bleu(hyps, refs, **kwargs),
                         smooth_method, smooth_value)


def test_bleu_tokenize_none_splits_on_whitespace_only():
    hyps, refs = ["the cat , sat ."], [["the cat, sat."]]
    ours = T.bleu_score(hyps, refs, tokenize="none")
    assert_same_bleu(ours, sacrebleu.corpus_bleu(hyps, refs, tokenize="none"))
    assert ours.score < T.bleu_score(hyps, refs).score


def test_bleu_by_hand_matches_the_formula():
    """The numbers a notebook shows: precisions from clipped counts, BP, geometric mean."""
    result = T.bleu_score(["the cat sat on the mat"], [["the cat is on the mat today"]])
    assert result.counts == (5, 3, 1, 0) and result.totals == (6, 5, 4, 3)
    assert (result.sys_len, result.ref_len) == (6, 7)
    assert result.bp == pytest.approx(math.exp(1 - 7 / 6))
    # 'exp' smoothing: the first order without a match gets 1 / (2 * total).
    p = [5 / 6, 3 / 5, 1 / 4, 1 / (2 * 3)]
    assert result.precisions == pytest.approx([100 * x for x in p])
    expected = 100 * math.exp(1 - 7 / 6) * math.exp(sum(map(math.log, p)) / 4)
    assert result.score == pytest.approx(expected, rel=1e-13)


def test_bleu_is_pooled_over_the_corpus_not_a_mean_of_sentences():
    hyps = ["the cat sat on the mat", "a dog"]
    refs = [["the cat sat on the mat", "a dog barked loudly"]]
    corpus = T.bleu_score(hyps, refs).score
    mean = np.mean([T.bleu_score([h], [[r]]).score for h, r in zip(hyps, refs[0])])
    assert corpus != pytest.approx(mean)


def test_nltk_layout_transposed_gives_the_same_score():
    per_hypothesis = [[REFS_A[i], REFS_B[i]] for i in range(len(HYPS))]  # nltk's layout
    streams = [list(s) for s in zip(*per_hypothesis)]
    assert T.bleu_score(HYPS, streams).score == T.bleu_score(HYPS, [REFS_A, REFS_B]).score


@SETTINGS
@given(corpora(), OPTIONS)
def test_bleu_equals_sacrebleu_on_random_corpora(corpus, options):
    hyps, refs = corpus
    assert_same_bleu(T.bleu_score(hyps, refs, **options),
                     sacrebleu.corpus_bleu(hyps, refs, **options), options["smooth_method"])


@SETTINGS
@given(corpora(), OPTIONS)
def test_sentence_bleu_equals_sacrebleu_on_random_sentences(corpus, options):
    hyps, refs = corpus
    hyp = hyps[0]
    sentence_refs = [stream[0] for stream in refs if stream[0] is not None]
    assert_same_bleu(T.sentence_bleu(hyp, sentence_refs, **options),
                     sacrebleu.sentence_bleu(hyp, sentence_refs, **options),
                     options["smooth_method"])


def test_sentence_bleu_defaults_to_effective_order_like_sacrebleu():
    hyp, refs = "a cat sat", ["the cat sat on the mat"]
    ours = T.sentence_bleu(hyp, refs)
    assert_same_bleu(ours, sacrebleu.sentence_bleu(hyp, refs))
    assert ours.score > 0
    assert T.bleu_score([hyp], [refs]).score == 0.0  # the corpus default: four orders
    assert T.sentence_bleu(hyp, refs[0]).score == ours.score  # one string = one reference


def test_bleu_accepts_numpy_arrays_of_strings():
    ours = T.bleu_score(np.array(HYPS), np.array([REFS_A, REFS_B]))
    assert_same_bleu(ours, sacrebleu.corpus_bleu(HYPS, [REFS_A, REFS_B]))


def test_bleu_bounds_and_perfect_score():
    result = T.bleu_score(REFS_A, [REFS_A, REFS_B])
    assert result.score == pytest.approx(100.0, abs=1e-12)
    assert result.bp == 1.0


# --- BLEU input errors --------------------------------------------------------------------

@pytest.mark.parametrize("hyps, refs, match", [
    ([], [[]], "`hypotheses` is empty"),
    ("the cat", [["the cat"]], "`hypotheses` is a single string"),
    ([["the", "cat"]], [["the cat"]], r"`hypotheses\[0\]` is a list"),
    ([None], [["the cat"]], r"`hypotheses\[0\]` is a NoneType"),
    (["a", "b"], [["a"]], r"`references\[0\]` has 1 references but there are 2"),
    (["a", "b"], [["a", "b"], ["a"]], r"`references\[1\]` has 1 references"),
    (["a"], ["a"], "list of strings; BLEU takes a list of reference \\*streams\\*"),
    (["a"], [], "`references` must be a non-empty list"),
    (["a"], "a", "`references` must be a non-empty list"),
    (["a"], [[3]], r"`references\[0\]\[0\]` is a int"),
    (["a"], [[None]], "hypothesis 0 has no reference"),
    (["a"], [["a"], "b"], r"`references\[1\]` must be a reference stream"),
])
def test_bleu_bad_inputs_raise_naming_the_argument(hyps, refs, match):
    with pytest.raises(ValueError, match=match):
        T.bleu_score(hyps, refs)


@pytest.mark.parametrize("kwargs, match", [
    (dict(smooth_method="add-one"), "`smooth_method` must be one of"),
    (dict(smooth_method="exp", smooth_value=0.1), "`smooth_value` only applies"),
    (dict(smooth_method="floor", smooth_value=-1), "`smooth_value` must be a number > 0"),
    (dict(smooth_method="add-k", smooth_value=float("nan")), "`smooth_value` must be"),
    (dict(tokenize="intl"), "`tokenize` must be one of"),
    (dict(lowercase="yes"), "`lowercase` must be True or False"),
    (dict(use_effective_order=1), "`use_effective_order` must be True or False"),
])
def test_bleu_bad_options_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        T.bleu_score(["a"], [["a"]], **kwargs)


def test_sentence_bleu_bad_inputs_raise():
    with pytest.raises(ValueError, match="`hypothesis` must be one sentence"):
        T.sentence_bleu(["a", "b"], ["a"])
    with pytest.raises(ValueError, match="`references` must be a non-empty list"):
        T.sentence_bleu("a", [])


# --- CLIPScore ----------------------------------------------------------------------------

def hessel_clipscore(images, texts, w=2.5):
    """Hessel et al.'s clipscore.py get_clip_score, on embeddings (sklearn's normalize)."""
    from sklearn.preprocessing import normalize

    images, texts = normalize(images, axis=1), normalize(texts, axis=1)
    per = w * np.clip(np.sum(images * texts, axis=1), 0, None)
    return np.mean(per), per


def torchmetrics_clipscore(images, texts):
    """torchmetrics' _clip_score_update + compute, on embeddings, in float64."""
    import torch

    img, txt = torch.as_tensor(images), torch.as_tensor(texts)
    img = img / img.norm(p=2, dim=-1, keepdim=True)
    txt = txt / txt.norm(p=2, dim=-1, keepdim=True)
    score = 100 * (img * txt).sum(axis=-1)
    return float(torch.max(score.sum(0) / len(score), torch.zeros_like(score.sum(0)))), \
        score.numpy()


# Cosines 0.6, 0.0, -0.8 and 1: mixed signs, so the two conventions differ.
IMAGES = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [3.0, 4.0]])
TEXTS = np.array([[0.6, 0.8], [2.0, 0.0], [-0.8, 0.6], [0.3, 0.4]])


def test_clip_score_fixed_example_with_negative_cosines():
    score, per = T.clip_score(IMAGES, TEXTS, return_per_sample=True)
    assert per == pytest.approx([1.5, 0.0, 0.0, 2.5], abs=1e-15)
    assert score == pytest.approx(1.0, abs=1e-15)
    tm, tm_per = T.clip_score(IMAGES, TEXTS, w=100, clamp="mean", return_per_sample=True)
    assert tm_per == pytest.approx([60.0, 0.0, -80.0, 100.0], abs=1e-12)
    assert tm == pytest.approx(20.0, abs=1e-12)
    assert T.clip_score(IMAGES[:3], TEXTS[:3], w=100, clamp="mean") == 0.0  # mean < 0


embedding_rows = hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 5)),
                            elements=st.floats(-10, 10, allow_subnormal=False))


@SETTINGS
@given(st.data())
def test_clip_score_equals_hessel_and_torchmetrics_formulas(data):
    images = data.draw(embedding_rows)
    texts = data.draw(hnp.arrays(np.float64, images.shape,
                                 elements=st.floats(-10, 10, allow_subnormal=False)))
    nonzero = ((np.linalg.norm(images, axis=1) > 1e-3)
               & (np.linalg.norm(texts, axis=1) > 1e-3))
    images, texts = images[nonzero], texts[nonzero]
    if images.shape[0] == 0:
        return
    w = data.draw(st.sampled_from([2.5, 1.0, 100.0]))
    score, per = T.clip_score(images, texts, w=w, return_per_sample=True)
    ref, ref_per = hessel_clipscore(images, texts, w)
    assert score == pytest.approx(ref, rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(per, ref_per, rtol=1e-12, atol=1e-12)
    assert 0.0 <= score <= w * (1 + 1e-12)

    tm, tm_per = T.clip_score(images, texts, w=100, clamp="mean", return_per_sample=True)
    ref_tm, ref_tm_per = torchmetrics_clipscore(images, texts)
    assert tm == pytest.approx(ref_tm, rel=1e-12, abs=1e-10)
    np.testing.assert_allclose(tm_per, ref_tm_per, rtol=1e-12, atol=1e-10)
    # Clipping each sample never gives less than clipping the mean (same w).
    assert T.clip_score(images, texts, w=100) >= tm - 1e-10


@SETTINGS
@given(embedding_rows, st.floats(0.1, 50))
def test_clip_score_ignores_the_length_of_each_embedding(images, factor):
    images = images[np.linalg.norm(images, axis=1) > 1e-3]
    if images.shape[0] == 0:
        return
    texts = np.roll(images, 1, axis=1) + 0.5
    texts = texts[:, ::-1]
    if np.any(np.linalg.norm(texts, axis=1) == 0):
        return
    scaled = images * factor * np.arange(1, images.shape[0] + 1)[:, None]
    assert T.clip_score(scaled, texts) == pytest.approx(T.clip_score(images, texts),
                                                        rel=1e-12, abs=1e-12)


def test_clip_score_single_pair_as_1d_arrays():
    assert T.clip_score([3.0, 4.0], [3.0, 4.0]) == pytest.approx(2.5)
    assert T.clip_score([1.0, 0.0], [-1.0, 0.0]) == 0.0


@pytest.mark.parametrize("images, texts, kwargs, match", [
    ([[1.0, 0.0]], [[0.0, 0.0]], {}, "`text_embeddings` row 0 is all zeros"),
    ([[0.0, 0.0]], [[1.0, 0.0]], {}, "`image_embeddings` row 0 is all zeros"),
    ([[1.0, 0.0]], [[1.0, 0.0, 0.0]], {}, "have 2 dimensions but `text_embeddings` have 3"),
    ([[1.0, 0.0]] * 2, [[1.0, 0.0]], {}, "different numbers of samples"),
    ([[np.nan, 1.0]], [[1.0, 0.0]], {}, "`image_embeddings` contains NaN"),
    ([], [], {}, "`image_embeddings` is empty"),
    (np.ones((1, 2, 2)), np.ones((1, 2, 2)), {}, "must be 1-D or 2-D"),
    ([[1.0, 0.0]], [[1.0, 0.0]], dict(w=0), "`w` must be a number > 0"),
    ([[1.0, 0.0]], [[1.0, 0.0]], dict(clamp="sample"), "`clamp` must be 'per_sample'"),
])
def test_clip_score_bad_inputs_raise(images, texts, kwargs, match):
    with pytest.raises(ValueError, match=match):
        T.clip_score(images, texts, **kwargs)

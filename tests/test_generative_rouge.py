"""lecturelib.generative.rouge: ROUGE-N, ROUGE-L and ROUGE-Lsum equal to Google's
rouge-score package, its tokeniser, and nltk's Porter stemmer (which rouge-score uses),
on fixed and random English-like texts, with stemming on and off.

lecturelib imports neither package: they are test-only references.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

rouge_scorer = pytest.importorskip("rouge_score.rouge_scorer")
from nltk.stem.porter import PorterStemmer  # noqa: E402  (a dependency of rouge-score)
from rouge_score import tokenize as reference_tokenize  # noqa: E402

from lecturelib.generative import rouge as R  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = settings(max_examples=200, deadline=None, database=None)
ALL_TYPES = ["rouge1", "rouge2", "rouge3", "rouge4", "rouge9", "rougeL", "rougeLsum"]
NLTK = PorterStemmer()


def reference(target, prediction, types=ALL_TYPES, use_stemmer=False):
    scorer = rouge_scorer.RougeScorer(types, use_stemmer=use_stemmer)
    if isinstance(target, str):
        return scorer.score(target, prediction)
    return scorer.score_multi(target, prediction)


def assert_same(target, prediction, types=ALL_TYPES, use_stemmer=False):
    ours = R.rouge_scores(target, prediction, rouge_types=types, use_stemmer=use_stemmer)
    theirs = reference(target, prediction, types, use_stemmer)
    assert list(ours) == list(types)
    for rouge_type in types:
        assert isinstance(ours[rouge_type], R.RougeScore)
        # Same operations in the same order: equal to the last bit, not approximately.
        assert tuple(ours[rouge_type]) == tuple(theirs[rouge_type]), rouge_type
        assert all(isinstance(x, float) for x in ours[rouge_type])
    return ours


# --- English-like text --------------------------------------------------------------------

# Words whose endings exercise every Porter step (plurals, -ed/-ing, -ational, -ness,
# -ment, -ion, double consonants, y after vowels and consonants), nltk's irregular forms,
# words of 1-3 letters (never stemmed), numbers, and letters rouge-score drops.
WORDS = ["the", "a", "an", "of", "is", "was", "by", "sky", "skies", "dying", "lying", "news",
         "cat", "cats", "caresses", "ponies", "ties", "dies", "flies", "agreed", "feed",
         "plastered", "motoring", "sing", "conflated", "troubled", "sized", "hopping",
         "falling", "hissing", "fizzed", "failing", "filing", "happy", "enjoy", "spy",
         "relational", "conditional", "rational", "valenci", "digitizer", "conformabli",
         "radicalli", "differentli", "vileli", "analogousli", "vietnamization",
         "predication", "operator", "feudalism", "decisiveness", "hopefulness",
         "callousness", "formaliti", "sensitiviti", "sensibiliti", "geology", "hopefully",
         "triplicate", "formative", "formalize", "electriciti", "electrical", "goodness",
         "revival", "allowance", "inference", "airliner", "gyroscopic", "adjustable",
         "defensible", "irritant", "replacement", "adjustment", "dependent", "adoption",
         "communism", "activate", "angulariti", "homologous", "effective", "bowdlerize",
         "probate", "rate", "cease", "controlling", "roll", "summary", "summaries",
         "summarise", "summarised", "summarising", "summarization", "police", "arrested",
         "arresting", "minister", "ministers", "announced", "announcement", "yesterday",
         "2024", "3rd", "1990s", "covid19", "e-mail", "U.S.", "don't", "café", "naïve",
         "서울", "İstanbul", "yyyy", "syzygy", "toy", "boyish"]
PUNCT = [".", ",", "!", "?", "'", '"', "-", ":", ";", "(", ")", "—", "…", "%", "$"]
SPACES = [" ", " ", " ", "  ", "\t", "\n", "\n\n", "\u00a0", ""]


@st.composite
def texts(draw, max_pieces=14):
    pieces = draw(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCT),
                                     st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789Yy",
                                             min_size=1, max_size=12)),
                           max_size=max_pieces))
    gaps = draw(st.lists(st.sampled_from(SPACES), min_size=len(pieces),
                         max_size=len(pieces)))
    return "".join(p + g for p, g in zip(pieces, gaps))


@st.composite
def text_pairs(draw):
    """(target, prediction): unrelated, a copy, an edit of the other, or shuffled words,
    so that there are matches of every length."""
    target = draw(texts())
    kind = draw(st.sampled_from(["random", "copy", "edit", "shuffle"]))
    if kind == "random":
        prediction = draw(texts())
    elif kind == "copy":
        prediction = target
    elif kind == "edit":
        prediction = draw(texts(3)) + target + draw(texts(3))
    else:
        prediction = " ".join(draw(st.permutations(target.split(" "))))
    return target, prediction


# --- the Porter stemmer -------------------------------------------------------------------

def _repository_words():
    """Every lowercase word of the course's own prose and docstrings: a few thousand
    real English words (and some code identifiers)."""
    words = set()
    paths = [ROOT / "README.md", ROOT / "GLOSSARY.md",
             *sorted((ROOT / "lecturelib").rglob("*.py")),
             *sorted((ROOT / "notebooks").glob("*.ipynb"))]
    for path in paths:
        words |= set(re.findall(r"[a-z0-9]+", path.read_text(encoding="utf-8").lower()))
    return sorted(words)


def test_porter_stem_equals_nltk_on_the_course_vocabulary():
    words = _repository_words()
    assert len(words) > 3000
    different = [w for w in words if R.porter_stem(w) != NLTK.stem(w)]
    assert not different, different[:20]


@pytest.mark.parametrize("word", WORDS + ["", "a", "Y", "ies", "ied", "eed", "ing", "alli",
                                          "logi", "bli", "yy", "ay", "Caresses", "SKIES"])
def test_porter_stem_equals_nltk_on_fixed_words(word):
    assert R.porter_stem(word) == NLTK.stem(word)


SUFFIXES = ["ational", "tional", "enci", "anci", "izer", "bli", "alli", "entli", "eli",
            "ousli", "ization", "ation", "ator", "alism", "iveness", "fulness", "ousness",
            "aliti", "iviti", "biliti", "fulli", "logi", "icate", "ative", "alize", "iciti",
            "ical", "ful", "ness", "al", "ance", "ence", "er", "ic", "able", "ible", "ant",
            "ement", "ment", "ent", "sion", "tion", "ou", "ism", "ate", "iti", "ous", "ive",
            "ize", "e", "ll", "ies", "ied", "eed", "ed", "ing", "s", "sses", "ss", "y",
            "at", "bl", "iz"]


@SETTINGS
@given(st.text(alphabet="aeiouybcdlmnrstwxz0", max_size=7),
       st.lists(st.sampled_from(SUFFIXES), max_size=3))
@example("", ["ies"])
@example("h", ["eed"])
@example("tann", ["ed"])
def test_porter_stem_equals_nltk_on_random_words(stem, suffixes):
    word = stem + "".join(suffixes)
    assert R.porter_stem(word) == NLTK.stem(word)


def test_porter_stem_rejects_non_strings():
    with pytest.raises(ValueError, match="`word` must be a string"):
        R.porter_stem(3)


# --- the tokeniser ------------------------------------------------------------------------

@SETTINGS
@given(st.one_of(texts(), st.text()), st.booleans())
def test_rouge_tokenize_equals_rouge_score(text, use_stemmer):
    expected = reference_tokenize.tokenize(text, NLTK if use_stemmer else None)
    assert R.rouge_tokenize(text, use_stemmer=use_stemmer) == expected


def test_rouge_tokenize_rejects_bad_input():
    with pytest.raises(ValueError, match="`text` must be a text"):
        R.rouge_tokenize(["the", "cat"])
    with pytest.raises(ValueError, match="`use_stemmer` must be True or False"):
        R.rouge_tokenize("the cat", use_stemmer="yes")


# --- the scores ---------------------------------------------------------------------------

FIXED = {
    "docstring": ("the cat sat on the mat", "the cat lay on the mat"),
    "word order": ("police arrested the man", "the man arrested police"),
    "identical": ("A summary, word for word.", "A summary, word for word."),
    "no overlap": ("completely different words", "nothing shared here"),
    "repeats are clipped": ("the cat", "the the the the cat"),
    "stemming matters": ("The minister announced new summaries",
                         "Ministers announcing the summarised news"),
    "several sentences": ("Police arrested a man on Monday.\nHe was released on bail.",
                          "A man was arrested by police.\nHe was later released."),
    "shorter than the n-gram": ("one two", "one two"),
    "empty prediction": ("the cat sat", ""),
    "empty target": ("", "the cat sat"),
    "both empty": ("", ""),
    "only punctuation": ("!!! ...", "?"),
    "non-English letters": ("서울 café naïve", "cafe naive"),
    "blank lines": ("\n\nfirst line\n\n\nsecond line\n", "second line\nfirst"),
}


@pytest.mark.parametrize("use_stemmer", [False, True])
@pytest.mark.parametrize("case", FIXED.values(), ids=FIXED.keys())
def test_rouge_equals_rouge_score_on_fixed_texts(case, use_stemmer):
    assert_same(*case, use_stemmer=use_stemmer)


def test_empty_texts_score_zero_as_in_rouge_score():
    for target, prediction in [("", "the cat"), ("the cat", ""), ("", ""), ("...", "!")]:
        scores = assert_same(target, prediction)
        assert all(tuple(s) == (0.0, 0.0, 0.0) for s in scores.values())


def test_docstring_numbers_by_hand():
    scores = R.rouge_scores("the cat sat on the mat", "the cat lay on the mat",
                            rouge_types=["rouge1", "rouge2", "rougeL"])
    assert scores["rouge1"] == (5 / 6, 5 / 6, 5 / 6)
    assert scores["rouge2"] == (3 / 5, 3 / 5, 3 / 5)
    # LCS: the cat on the mat (5 tokens)
    assert scores["rougeL"].recall == 5 / 6


@SETTINGS
@given(text_pairs(), st.booleans(),
       st.lists(st.sampled_from(ALL_TYPES), min_size=1, max_size=4, unique=True))
def test_rouge_equals_rouge_score_on_random_texts(pair, use_stemmer, types):
    assert_same(*pair, types=types, use_stemmer=use_stemmer)


@SETTINGS
@given(st.lists(texts(), min_size=1, max_size=4), texts(), st.booleans())
def test_several_references_equal_score_multi(targets, prediction, use_stemmer):
    if targets and prediction and len(targets) > 1:
        targets[0] = prediction  # sometimes a perfect reference among weaker ones
    assert_same(targets, prediction, use_stemmer=use_stemmer)


def test_several_references_take_the_best_f_per_type():
    targets = ["the cat sat on the mat", "on the mat the cat sat"]
    scores = assert_same(targets, "the cat sat on the mat")
    assert scores["rougeL"].fmeasure == 1.0
    single = R.rouge_scores(targets[1], "the cat sat on the mat")
    assert single["rougeL"].fmeasure < 1.0


def test_default_types_and_a_single_type_string():
    assert list(R.rouge_scores("a b", "a b")) == ["rouge1", "rouge2", "rougeL"]
    assert list(R.rouge_scores("a b", "a b", rouge_types="rougeLsum")) == ["rougeLsum"]


@pytest.mark.parametrize("kwargs, match", [
    (dict(target="the cat", prediction=None), "`prediction` must be a text"),
    (dict(target="the cat", prediction=["the", "cat"]), "`prediction` must be a text"),
    (dict(target=3, prediction="the cat"), "`target` must be a reference text"),
    (dict(target=None, prediction="the cat"), "`target` must be a reference text"),
    (dict(target=[], prediction="the cat"), "`target` must be a reference text"),
    (dict(target=["the cat", b"a dog"], prediction="the cat"), r"`target\[1\]` must be a text"),
    (dict(target=b"the cat", prediction="the cat"), "`target` must be a reference text"),
    (dict(target="a", prediction="a", rouge_types=["rouge0"]), "'rouge1' to 'rouge9'"),
    (dict(target="a", prediction="a", rouge_types=["rougeW"]), "'rouge1' to 'rouge9'"),
    (dict(target="a", prediction="a", rouge_types=["rouge10"]), "'rouge1' to 'rouge9'"),
    (dict(target="a", prediction="a", rouge_types=[]), "non-empty list"),
    (dict(target="a", prediction="a", use_stemmer=1), "`use_stemmer` must be True or False"),
])
def test_bad_input_raises_naming_the_argument(kwargs, match):
    with pytest.raises(ValueError, match=match):
        R.rouge_scores(**kwargs)


class _Whitespace:
    """A rouge-score Tokenizer (an object with a tokenize method)."""

    def tokenize(self, text):
        return text.split()


@SETTINGS
@given(text_pairs(), st.lists(st.sampled_from(ALL_TYPES), min_size=1, max_size=3,
                              unique=True))
def test_custom_tokenizer_equals_rouge_score(pair, types):
    target, prediction = pair
    expected = rouge_scorer.RougeScorer(types, tokenizer=_Whitespace()).score(target,
                                                                              prediction)
    for tokenizer in (str.split, _Whitespace()):
        ours = R.rouge_scores(target, prediction, rouge_types=types, tokenizer=tokenizer)
        assert {k: tuple(v) for k, v in ours.items()} == \
            {k: tuple(v) for k, v in expected.items()}


def test_korean_needs_a_tokenizer():
    reference_text = "시의회가 월요일 새 예산안을 승인했다"
    summary = "시의회는 새 예산안을 승인했다"
    assert R.rouge_tokenize(reference_text) == []
    assert tuple(R.rouge_scores(reference_text, reference_text)["rouge1"]) == (0.0, 0.0, 0.0)
    split = R.rouge_scores(reference_text, summary, tokenizer=str.split)["rouge1"]
    assert tuple(split) == (0.75, 0.6, 2 * 0.75 * 0.6 / 1.35)  # particle 가/는 differs
    expected = rouge_scorer.RougeScorer(["rouge1"], tokenizer=_Whitespace()).score(
        reference_text, summary)["rouge1"]
    assert tuple(split) == tuple(expected)


@pytest.mark.parametrize("kwargs, match", [
    (dict(tokenizer=str.split, use_stemmer=True), "`use_stemmer` applies to the default"),
    (dict(tokenizer="split"), "`tokenizer` must be a function"),
    (dict(tokenizer=lambda text: text), "`tokenizer` must return a list of strings"),
    (dict(tokenizer=lambda text: [1, 2]), "`tokenizer` must return a list of strings"),
])
def test_bad_tokenizer_raises(kwargs, match):
    with pytest.raises(ValueError, match=match):
        R.rouge_scores("the cat", "the cat", **kwargs)


def test_lecturelib_imports_neither_nltk_nor_rouge_score():
    code = ("import sys, lecturelib.generative as g; "
            "g.rouge_scores('the cats', 'a cat', use_stemmer=True); "
            "print(sorted(m for m in ('nltk', 'rouge_score', 'absl') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"

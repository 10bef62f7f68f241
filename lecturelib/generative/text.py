r"""Text metrics for generative models: BLEU for translations, CLIPScore for captions.

**BLEU** (Papineni et al., 2002) compares a system's sentences with human references
by counting shared n-grams (1 to 4 words). :func:`bleu_score` is corpus BLEU exactly as
sacrebleu computes it (``sacrebleu.corpus_bleu(...).score``, the number papers report),
and :func:`sentence_bleu` is ``sacrebleu.sentence_bleu``. Both are written out in plain
Python so a notebook can follow every step: :func:`tokenize_13a` (sacrebleu's default
tokeniser), the clipped n-gram counts, the brevity penalty and the smoothing, all kept
in the returned :class:`BLEUResult`.

**CLIPScore** (Hessel et al., 2021) scores how well a caption fits an image with no
reference caption at all: the cosine similarity of their CLIP embeddings.
:func:`clip_score` takes the embeddings (computing them needs a CLIP model, which
lecturelib does not ship), so it is pure arithmetic.

Conventions where the references differ (each function's notes say more):

=====================  =======================  =========================================
question               lecturelib               other reference
=====================  =======================  =========================================
BLEU scale             0-100 (sacrebleu)        nltk: 0-1
BLEU layout of         list of reference        nltk: one list of references per
``references``         *streams*, each          hypothesis (the transpose), and
                       parallel to the          pre-tokenised sentences
                       hypotheses (sacrebleu)
BLEU zero n-gram       smoothing 'exp'          nltk: no smoothing, ~1e-155 and a
matches                (sacrebleu's default)    warning
CLIPScore              ``w * max(cos, 0)`` per  torchmetrics: ``max(100 * mean(cos), 0)``,
                       sample, then the mean    the *mean* clipped (``w=100,
                       (Hessel et al.)          clamp='mean'`` here)
=====================  =======================  =========================================
"""

from __future__ import annotations

import math
import numbers
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from .._validation import as_float_array, check_consistent_length

__all__ = ["BLEUResult", "bleu_score", "sentence_bleu", "tokenize_13a", "clip_score"]

_MAX_ORDER = 4
# sacrebleu's BLEU.SMOOTH_DEFAULTS (floor and add-k values from Chen & Cherry, 2014).
_SMOOTH_DEFAULTS = {"none": None, "floor": 0.1, "add-k": 1, "exp": None}
_TOKENIZERS = ("13a", "none")

# sacrebleu.tokenizers.tokenizer_re.TokenizerRegexp, rule for rule and in this order.
_13A_RULES = (
    # split off punctuation and symbols: { | } ~ [ \ ] ^ _ ` space ! " # $ % &
    # ( ) * + : ; < = > ? @ /
    (re.compile(r"([\{-\~\[-\` -\&\(-\+\:-\@\/])"), r" \1 "),
    # a period or comma unless preceded by a digit
    (re.compile(r"([^0-9])([\.,])"), r"\1 \2 "),
    # a period or comma unless followed by a digit
    (re.compile(r"([\.,])([^0-9])"), r" \1 \2"),
    # a dash preceded by a digit
    (re.compile(r"([0-9])(-)"), r"\1 \2 "),
)


def tokenize_13a(line: str) -> list[str]:
    r"""Split a sentence into tokens as sacrebleu's default ``'13a'`` tokeniser does.

    The tokeniser of WMT's ``mteval-v13a.pl`` script, as re-implemented by sacrebleu
    (``sacrebleu.tokenizers.tokenizer_13a.Tokenizer13a``):

    1. drop ``<skipped>``, join words split by ``-`` at a line end, turn newlines into
       spaces, and unescape ``&quot; &amp; &lt; &gt;``;
    2. put spaces around every ASCII punctuation mark and symbol except ``'``, ``-``,
       ``.`` and ``,`` (so ``"don't"`` stays one token);
    3. split off ``.`` and ``,`` unless they sit between digits (``3.14`` and
       ``1,000`` stay whole, ``end.`` becomes ``end .``);
    4. split off a ``-`` that follows a digit (``3-4`` becomes ``3 - 4``; ``e-mail``
       stays whole);
    5. split on whitespace.

    Parameters
    ----------
    line : str
        One sentence, untokenised ("detokenised"), as a system outputs it.

    Returns
    -------
    list of str
        The tokens; ``" ".join(tokens)`` is sacrebleu's tokenised string.

    Notes
    -----
    Inside BLEU, sacrebleu first lowercases (if asked) and strips trailing whitespace
    (``str.rstrip``), then tokenises; :func:`bleu_score` does the same. sacrebleu's
    ``'intl'`` tokeniser splits all Unicode punctuation instead; nltk does no
    tokenisation at all and expects lists of tokens.

    Examples
    --------
    >>> tokenize_13a("Hello, world! It's 3.14 (roughly)")
    ['Hello', ',', 'world', '!', "It's", '3.14', '(', 'roughly', ')']
    >>> tokenize_13a("2-3 e-mails, 1,000 words.")
    ['2', '-', '3', 'e-mails', ',', '1,000', 'words', '.']

    References
    ----------
    M. Post, "A Call for Clarity in Reporting BLEU Scores", WMT 2018 (sacrebleu).
    """
    if not isinstance(line, str):
        raise ValueError("`line` must be a string (one sentence), got "
                         f"{type(line).__name__}.")
    return _tokenize_13a(line)


def _tokenize_13a(line):
    line = line.replace("<skipped>", "")
    line = line.replace("-\n", "")
    line = line.replace("\n", " ")
    if "&" in line:
        line = line.replace("&quot;", '"')
        line = line.replace("&amp;", "&")
        line = line.replace("&lt;", "<")
        line = line.replace("&gt;", ">")
    line = f" {line} "
    for pattern, replacement in _13A_RULES:
        line = pattern.sub(replacement, line)
    return line.split()


@dataclass(frozen=True)
class BLEUResult:
    """A BLEU score with the statistics it is computed from ("BLEU by hand").

    ``float(result)`` is the score and ``print(result)`` shows sacrebleu's summary line.

    Attributes
    ----------
    score : float
        BLEU on sacrebleu's 0-100 scale: ``bp * exp(mean(log(precisions / 100))) * 100``.
    precisions : tuple of 4 floats
        The n-gram precisions for n = 1..4, times 100, after smoothing (as sacrebleu's
        ``BLEUScore.precisions``).
    bp : float
        The brevity penalty ``exp(1 - ref_len / sys_len)`` if ``sys_len < ref_len``,
        else 1 (0 if the system output no token at all).
    sys_len, ref_len : int
        Tokens of the hypotheses, and of the closest reference of each sentence, summed
        over the corpus.
    counts, totals : tuple of 4 ints
        Clipped matching n-grams and hypothesis n-grams for n = 1..4, before smoothing.
        (sacrebleu's ``counts`` and ``totals`` include the ``k`` that ``'add-k'``
        smoothing adds for n >= 2; these do not.)

    Examples
    --------
    >>> result = bleu_score(["the cat sat on the mat"], [["the cat sat on a mat"]])
    >>> print(result)
    BLEU = 53.73 83.3/60.0/50.0/33.3 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)
    >>> result.counts, result.totals
    ((5, 3, 2, 1), (6, 5, 4, 3))
    """

    score: float
    precisions: tuple
    bp: float
    sys_len: int
    ref_len: int
    counts: tuple
    totals: tuple

    @property
    def ratio(self) -> float:
        """``sys_len / ref_len`` (0 when there is no reference token), as sacrebleu."""
        return self.sys_len / self.ref_len if self.ref_len else 0.0

    def __float__(self) -> float:
        return float(self.score)

    def __str__(self) -> str:
        # sacrebleu's BLEUScore.format(): the same digits, so the two print alike.
        precisions = "/".join(f"{p:.1f}" for p in self.precisions)
        return (f"BLEU = {self.score:.2f} {precisions} (BP = {self.bp:.3f} "
                f"ratio = {self.ratio:.3f} hyp_len = {self.sys_len:d} "
                f"ref_len = {self.ref_len:d})")


def bleu_score(hypotheses, references, *, smooth_method="exp", smooth_value=None,
               lowercase=False, tokenize="13a", use_effective_order=False) -> BLEUResult:
    r"""Corpus BLEU, exactly as ``sacrebleu.corpus_bleu`` computes it (0-100).

    .. math::
        \mathrm{BLEU} = 100 \cdot \mathrm{BP} \cdot
        \exp\Big(\frac14 \sum_{n=1}^{4} \log p_n\Big), \qquad
        p_n = \frac{\sum_s \sum_{g \in \text{n-grams}(h_s)}
              \min\big(c_{h_s}(g),\ \max_r c_{r}(g)\big)}
              {\sum_s \#\text{n-grams}(h_s)}, \qquad
        \mathrm{BP} = \begin{cases} 1 & c \ge r \\ e^{1 - r/c} & c < r \end{cases}

    Each hypothesis n-gram counts as a match at most as often as it occurs in the
    reference that has it most often (*clipping*: "the the the" gets no credit for
    repeating "the"). Matches and n-grams are **pooled over the corpus** before dividing,
    so corpus BLEU is not the mean of sentence BLEUs. ``c`` is the number of hypothesis
    tokens and ``r`` the sum over sentences of the length of the reference closest in
    length to the hypothesis (a tie goes to the *shorter* reference): the brevity penalty
    stops a system from scoring high precision with very short output.

    Parameters
    ----------
    hypotheses : sequence of str
        The system's sentences, untokenised.
    references : sequence of sequences of str
        sacrebleu's layout: a list of **reference streams**, each a list with one
        reference per hypothesis, parallel to ``hypotheses``. With one reference per
        sentence that is ``[refs]``; with two, ``[refs_a, refs_b]``. This is the
        *transpose* of nltk's ``corpus_bleu(list_of_references, hypotheses)``, which takes
        one list of references per hypothesis; convert nltk's layout with
        ``[list(stream) for stream in zip(*list_of_references)]`` (all sentences need the
        same number of references then). A reference may be ``None`` where a sentence
        has fewer references than the others, as in sacrebleu.
    smooth_method : {'exp', 'floor', 'add-k', 'none'}, default 'exp'
        What to do with an n-gram order that has no match (``log 0``); see Notes.
    smooth_value : float, optional
        The value of ``'floor'`` (default 0.1) or ``'add-k'`` (default 1).
    lowercase : bool, default False
        Lowercase hypotheses and references first (sacrebleu's ``-lc``, "case:lc").
    tokenize : {'13a', 'none'}, default '13a'
        ``'13a'``: :func:`tokenize_13a`, sacrebleu's default. ``'none'``: split on
        whitespace only, for text that is already tokenised.
    use_effective_order : bool, default False
        Average over the n-gram orders the hypotheses *have* instead of always four:
        when no hypothesis has an n-gram of order n (all are shorter than n words),
        orders n..4 are left out. (Despite its name, sacrebleu does *not* drop orders
        that exist but have no match; smoothing handles those. With ``'add-k'`` every
        order n >= 2 has ``t_n + k > 0`` n-grams, so all four always count.)

    Returns
    -------
    BLEUResult
        ``.score`` (``float(result)``) is sacrebleu's ``.score``, with ``.precisions``,
        ``.bp``, ``.sys_len``, ``.ref_len``, ``.counts`` and ``.totals``.

    Notes
    -----
    **Smoothing** (sacrebleu's names; Chen and Cherry, 2014). For an order n with
    ``m_n`` matches among ``t_n`` hypothesis n-grams:

    - ``'exp'`` (default; NIST's mteval-v13a): the k-th order with ``m_n = 0`` gets
      :math:`p_n = 1 / (2^k t_n)`.
    - ``'floor'``: :math:`p_n = \text{smooth\_value} / t_n` where ``m_n = 0``
      (nltk's ``SmoothingFunction().method1`` with ``epsilon=0.1`` gives the same).
    - ``'add-k'``: :math:`p_n = (m_n + k) / (t_n + k)` for n >= 2, every order.
    - ``'none'``: :math:`p_n = 0`, so BLEU is 0 (sacrebleu uses
      ``log 0 = -9999999999``).

    Whatever the method, a corpus with no matching word at all scores 0 (with precisions
    reported as 0), and an order with no n-gram at all (``t_n = 0``, every hypothesis
    shorter than n words) gets precision 0 unless ``use_effective_order``.

    **What the other references do.** nltk's ``corpus_bleu`` returns 0-1, takes
    pre-tokenised lists, uses the transposed ``references`` layout and no smoothing by
    default: an order with no match gives about 1e-155 and a warning. On the same tokens,
    with a match at every order, ``100 * nltk`` equals this score. torchmetrics'
    ``BLEUScore`` uses its own whitespace tokeniser, no smoothing by default and 0-1;
    its ``SacreBLEUScore`` follows sacrebleu (0-1).

    Raises
    ------
    ValueError
        If ``hypotheses`` is empty, a string, or holds a non-string; if ``references`` is
        not a non-empty list of streams of the same length as ``hypotheses``; if a
        sentence has no reference; or if an option is not one of those listed.

    Examples
    --------
    Two sentences, two reference streams; the score of the corpus, not a mean:

    >>> hyps = ["The cat sat on the mat.", "It is raining today."]
    >>> refs_a = ["The cat sat on the mat.", "It rains today."]
    >>> refs_b = ["A cat was sitting on the mat.", "Today it is raining."]
    >>> result = bleu_score(hyps, [refs_a, refs_b])
    >>> round(result.score, 4), [round(p, 2) for p in result.precisions]
    (75.9836, [100.0, 80.0, 62.5, 66.67])

    References
    ----------
    K. Papineni, S. Roukos, T. Ward and W.-J. Zhu, "BLEU: a Method for Automatic
    Evaluation of Machine Translation", ACL 2002.
    M. Post, "A Call for Clarity in Reporting BLEU Scores", WMT 2018 (sacrebleu).
    B. Chen and C. Cherry, "A Systematic Comparison of Smoothing Techniques for
    Sentence-Level BLEU", WMT 2014.
    """
    smooth_value = _check_bleu_options(smooth_method, smooth_value, lowercase, tokenize,
                                       use_effective_order)
    hypotheses = _check_hypotheses(hypotheses)
    segments = _check_reference_streams(references, len(hypotheses))

    def prepare(sentence):
        if lowercase:
            sentence = sentence.lower()
        sentence = sentence.rstrip()
        return _tokenize_13a(sentence) if tokenize == "13a" else sentence.split()

    sys_len = ref_len = 0
    correct = [0] * _MAX_ORDER
    total = [0] * _MAX_ORDER
    for hypothesis, refs in zip(hypotheses, segments):
        hyp_tokens = prepare(hypothesis)
        ref_tokens = [prepare(r) for r in refs]
        hyp_len, closest, matches, ngrams = _segment_statistics(hyp_tokens, ref_tokens)
        sys_len += hyp_len
        ref_len += closest
        for n in range(_MAX_ORDER):
            correct[n] += matches[n]
            total[n] += ngrams[n]
    return _bleu_from_statistics(correct, total, sys_len, ref_len, smooth_method,
                                 smooth_value, use_effective_order)


def sentence_bleu(hypothesis, references, *, smooth_method="exp", smooth_value=None,
                  lowercase=False, tokenize="13a", use_effective_order=True) -> BLEUResult:
    r"""BLEU of one sentence, as ``sacrebleu.sentence_bleu`` (0-100).

    The corpus formula of :func:`bleu_score` on a corpus of one sentence, with
    sacrebleu's sentence-level default ``use_effective_order=True``: a hypothesis of
    fewer than four words is scored on the orders it has, instead of getting 0 for the
    missing ones.

    Parameters
    ----------
    hypothesis : str
        One system sentence.
    references : str or sequence of str
        Its reference(s): a list of strings, one per reference (a single string counts
        as one reference).
    smooth_method, smooth_value, lowercase, tokenize, use_effective_order
        As in :func:`bleu_score` (note the different default of ``use_effective_order``).

    Returns
    -------
    BLEUResult

    Notes
    -----
    BLEU was designed for corpora: a sentence score rests on a handful of n-grams, is 0
    or near it for most short sentences without smoothing, and the mean of sentence
    BLEUs is not corpus BLEU. Use it to inspect single examples, not to rank systems.

    Examples
    --------
    Three words have no 4-gram: the effective order averages over n = 1..3 only, where
    the corpus default (four orders) gives 0.

    >>> print(sentence_bleu("a cat sat", ["the cat sat on the mat"]))
    BLEU = 20.25 66.7/50.0/50.0/0.0 (BP = 0.368 ratio = 0.500 hyp_len = 3 ref_len = 6)
    >>> bleu_score(["a cat sat"], [["the cat sat on the mat"]]).score
    0.0

    References
    ----------
    M. Post, "A Call for Clarity in Reporting BLEU Scores", WMT 2018 (sacrebleu).
    """
    if not isinstance(hypothesis, str):
        raise ValueError(
            "`hypothesis` must be one sentence (a string), got "
            f"{type(hypothesis).__name__}; for a list of sentences use bleu_score.")
    if isinstance(references, str):
        references = [references]
    elif not _is_sequence(references) or len(references) == 0:
        raise ValueError("`references` must be a non-empty list of reference strings for "
                         f"`hypothesis`, got {references!r}.")
    return bleu_score([hypothesis], [[r] for r in references], smooth_method=smooth_method,
                      smooth_value=smooth_value, lowercase=lowercase, tokenize=tokenize,
                      use_effective_order=use_effective_order)


def _segment_statistics(hyp_tokens, ref_tokens):
    """(hypothesis length, closest reference length, clipped matches per order,
    hypothesis n-grams per order) of one sentence, as sacrebleu's BLEU does."""
    hyp_ngrams = _ngram_counts(hyp_tokens)
    max_ref = Counter()
    for tokens in ref_tokens:
        for gram, count in _ngram_counts(tokens).items():
            max_ref[gram] = max(max_ref[gram], count)
    hyp_len = len(hyp_tokens)
    closest_diff = closest = None
    for length in (len(t) for t in ref_tokens):
        diff = abs(hyp_len - length)
        if closest is None or diff < closest_diff or (diff == closest_diff
                                                      and length < closest):
            closest_diff, closest = diff, length
    matches = [0] * _MAX_ORDER
    ngrams = [0] * _MAX_ORDER
    for gram, count in hyp_ngrams.items():
        ngrams[len(gram) - 1] += count
        matches[len(gram) - 1] += min(count, max_ref[gram])
    return hyp_len, closest, matches, ngrams


def _ngram_counts(tokens):
    return Counter(tuple(tokens[i:i + n]) for n in range(1, _MAX_ORDER + 1)
                   for i in range(len(tokens) - n + 1))


def _log(x):
    # sacrebleu.utils.my_log: log 0 is a large negative number, not -inf.
    return -9999999999 if x == 0.0 else math.log(x)


def _bleu_from_statistics(correct, total, sys_len, ref_len, smooth_method, smooth_value,
                          effective_order):
    """sacrebleu's BLEU.compute_bleu, step for step (so the floats agree bit for bit)."""
    counts, totals = tuple(correct), tuple(total)
    if sys_len < ref_len:
        bp = math.exp(1 - ref_len / sys_len) if sys_len > 0 else 0.0
    else:
        bp = 1.0
    precisions = [0.0] * _MAX_ORDER
    if not any(correct):
        return BLEUResult(0.0, tuple(precisions), bp, sys_len, ref_len, counts, totals)

    correct, total = list(correct), list(total)
    halvings = 1.0
    order = _MAX_ORDER
    for n in range(1, _MAX_ORDER + 1):
        if smooth_method == "add-k" and n > 1:
            correct[n - 1] += smooth_value
            total[n - 1] += smooth_value
        if total[n - 1] == 0:
            break  # no hypothesis has n words; nor n + 1, ...
        if effective_order:
            order = n
        if correct[n - 1] == 0:
            if smooth_method == "exp":
                halvings *= 2
                precisions[n - 1] = 100.0 / (halvings * total[n - 1])
            elif smooth_method == "floor":
                precisions[n - 1] = 100.0 * smooth_value / total[n - 1]
        else:
            precisions[n - 1] = 100.0 * correct[n - 1] / total[n - 1]
    score = bp * math.exp(sum([_log(p) for p in precisions[:order]]) / order)
    return BLEUResult(score, tuple(precisions), bp, sys_len, ref_len, counts, totals)


def _is_sequence(x):
    return isinstance(x, (list, tuple)) or (isinstance(x, np.ndarray) and x.ndim == 1)


def _check_bleu_options(smooth_method, smooth_value, lowercase, tokenize, effective_order):
    if smooth_method not in _SMOOTH_DEFAULTS:
        raise ValueError(f"`smooth_method` must be one of {list(_SMOOTH_DEFAULTS)}, got "
                         f"{smooth_method!r}.")
    default = _SMOOTH_DEFAULTS[smooth_method]
    if smooth_value is not None:
        if default is None:
            raise ValueError(f"`smooth_value` only applies to smooth_method='floor' or "
                             f"'add-k', not {smooth_method!r}; drop it.")
        if (isinstance(smooth_value, bool) or not isinstance(smooth_value, numbers.Real)
                or not math.isfinite(smooth_value) or smooth_value <= 0):
            raise ValueError(f"`smooth_value` must be a number > 0, got {smooth_value!r} "
                             f"(None gives the default, {default}).")
    for name, value in (("lowercase", lowercase), ("use_effective_order", effective_order)):
        if not isinstance(value, (bool, np.bool_)):
            raise ValueError(f"`{name}` must be True or False, got {value!r}.")
    if tokenize not in _TOKENIZERS:
        raise ValueError(f"`tokenize` must be one of {list(_TOKENIZERS)}, got "
                         f"{tokenize!r}; '13a' is sacrebleu's default, 'none' splits on "
                         "spaces only.")
    return default if smooth_value is None else smooth_value


def _check_hypotheses(hypotheses):
    if isinstance(hypotheses, str):
        raise ValueError("`hypotheses` is a single string; pass a list of sentences "
                         "([hypothesis]), or use sentence_bleu for one sentence.")
    if not _is_sequence(hypotheses):
        raise ValueError("`hypotheses` must be a list of sentences (strings), got "
                         f"{type(hypotheses).__name__}.")
    if len(hypotheses) == 0:
        raise ValueError("`hypotheses` is empty; pass at least one sentence.")
    for i, h in enumerate(hypotheses):
        if not isinstance(h, str):
            raise ValueError(
                f"`hypotheses[{i}]` is a {type(h).__name__}, not a string. Pass "
                "untokenised sentences (join nltk-style token lists with ' '.join(tokens) "
                "and use tokenize='none').")
    return list(hypotheses)


def _check_reference_streams(references, n_hypotheses):
    """``references`` (a list of streams) as one tuple of non-None references per
    sentence."""
    if isinstance(references, np.ndarray) and references.ndim == 2:
        references = references.tolist()  # (n_streams, n_hypotheses) array of strings
    if isinstance(references, str) or not _is_sequence(references) or len(references) == 0:
        raise ValueError("`references` must be a non-empty list of reference streams, each "
                         "a list with one reference string per hypothesis, e.g. [refs] or "
                         f"[refs_a, refs_b]; got {references!r:.80}.")
    if all(isinstance(s, str) for s in references):
        raise ValueError(
            "`references` is a list of strings; BLEU takes a list of reference *streams* "
            "(sacrebleu's layout). With one reference per hypothesis pass [references].")
    for k, stream in enumerate(references):
        if isinstance(stream, str) or not _is_sequence(stream):
            raise ValueError(f"`references[{k}]` must be a reference stream (a list with "
                             f"one string per hypothesis), got {stream!r:.80}.")
        if len(stream) != n_hypotheses:
            raise ValueError(
                f"`references[{k}]` has {len(stream)} references but there are "
                f"{n_hypotheses} hypotheses. Each stream must be parallel to `hypotheses`, "
                "one reference per hypothesis (sacrebleu's layout, the transpose of nltk's "
                "list of references per hypothesis: convert with "
                "[list(s) for s in zip(*list_of_references)]).")
        for i, r in enumerate(stream):
            if r is not None and not isinstance(r, str):
                raise ValueError(f"`references[{k}][{i}]` is a {type(r).__name__}, not a "
                                 "string (or None for a missing reference).")
    segments = [tuple(r for r in refs if r is not None) for refs in zip(*references)]
    for i, refs in enumerate(segments):
        if not refs:
            raise ValueError(f"`references`: hypothesis {i} has no reference (all None); "
                             "give every sentence at least one.")
    return segments


def clip_score(image_embeddings, text_embeddings, *, w=2.5, clamp="per_sample",
               return_per_sample=False):
    r"""CLIPScore of image-caption pairs from their CLIP embeddings (Hessel et al., 2021).

    .. math::
        \mathrm{CLIPScore} = \frac{1}{N} \sum_{i=1}^{N} w \cdot
        \max\big(\cos(\mathbf{v}_i, \mathbf{c}_i),\ 0\big), \qquad
        \cos(\mathbf{v}, \mathbf{c}) = \frac{\mathbf{v} \cdot \mathbf{c}}
        {\lVert \mathbf{v} \rVert\, \lVert \mathbf{c} \rVert}

    where :math:`\mathbf{v}_i` is the image embedding and :math:`\mathbf{c}_i` the
    caption's. Each row is L2-normalised first, so only directions matter. ``w = 2.5``
    stretches the cosines CLIP ViT-B/32 gives real captions (about 0.2-0.4) towards
    [0, 1]; a pair with a negative cosine scores 0, not below.

    Parameters
    ----------
    image_embeddings, text_embeddings : array-like of shape (n_pairs, dim) or (dim,)
        Row ``i`` of each is one image and its caption; a 1-D array is a single pair.
        No row may be all zeros (it has no direction).
    w : float, default 2.5
        The scale. ``w=100`` with ``clamp='mean'`` gives torchmetrics' number.
    clamp : {'per_sample', 'mean'}, default 'per_sample'
        Where to clip at 0. ``'per_sample'``: each pair's ``w * cos`` (Hessel et al.,
        their ``clipscore.py``). ``'mean'``: the mean of the unclipped ``w * cos``
        (torchmetrics' ``clip_score`` / ``CLIPScore``).
    return_per_sample : bool, default False
        Also return the score of every pair: ``w * max(cos, 0)`` with
        ``clamp='per_sample'``, the unclipped ``w * cos`` with ``clamp='mean'``.

    Returns
    -------
    score : float
        The corpus-level CLIPScore.
    per_sample : ndarray of shape (n_pairs,)
        Only with ``return_per_sample=True``.

    Notes
    -----
    **Hessel et al. vs torchmetrics.** The paper and its code compute
    ``w * np.clip(cos, 0, None)`` per pair and average, with ``w = 2.5``. torchmetrics
    computes ``100 * cos`` per pair and returns ``max(mean, 0)``: the scale differs
    (100 vs 2.5) and it clips the *mean*, so pairs with negative cosines pull its score
    down, while here they count as 0. With all cosines >= 0 the two differ only by the
    factor 100 / 2.5 = 40.

    **Zero vectors.** Hessel's code normalises with scikit-learn's ``normalize``, which
    leaves an all-zero row at zero (cosine 0); torchmetrics divides by the norm and gets
    NaN. lecturelib raises instead: a zero embedding means something upstream went wrong.

    **What is not here.** Both references also run the CLIP model (Hessel et al. prefix
    each caption with "A photo depicts"); RefCLIPScore adds reference captions (the
    harmonic mean of CLIPScore and the best caption-reference cosine).

    Raises
    ------
    ValueError
        If the embeddings are empty, not 1-D or 2-D, hold NaN or infinity, differ in
        shape, or have an all-zero row; if ``w`` is not a number > 0, or ``clamp`` is
        unknown.

    Examples
    --------
    Cosines 0.6, 0.0 and -0.8: Hessel's score counts the last pair as 0, torchmetrics'
    lets it cancel the first.

    >>> images = [[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]]
    >>> texts = [[0.6, 0.8], [2.0, 0.0], [-0.8, 0.6]]
    >>> round(clip_score(images, texts), 4)  # 2.5 * (0.6 + 0 + 0) / 3
    0.5
    >>> round(clip_score(images, texts, w=100, clamp="mean"), 4)  # max(100 * (-0.2 / 3), 0)
    0.0

    References
    ----------
    J. Hessel, A. Holtzman, M. Forbes, R. Le Bras and Y. Choi, "CLIPScore: A
    Reference-free Evaluation Metric for Image Captioning", EMNLP 2021.
    A. Radford et al., "Learning Transferable Visual Models From Natural Language
    Supervision", ICML 2021 (CLIP).
    """
    if (isinstance(w, bool) or not isinstance(w, numbers.Real) or not math.isfinite(w)
            or w <= 0):
        raise ValueError(f"`w` must be a number > 0, got {w!r} (2.5 in Hessel et al.).")
    if clamp not in ("per_sample", "mean"):
        raise ValueError(f"`clamp` must be 'per_sample' (Hessel et al.) or 'mean' "
                         f"(torchmetrics), got {clamp!r}.")
    embeddings = {}
    for name, x in (("image_embeddings", image_embeddings),
                    ("text_embeddings", text_embeddings)):
        arr = as_float_array(x, name, ndim=(1, 2))
        arr = arr.reshape(1, -1) if arr.ndim == 1 else arr
        norms = np.linalg.norm(arr, axis=1)
        if np.any(norms == 0):
            row = int(np.flatnonzero(norms == 0)[0])
            raise ValueError(f"`{name}` row {row} is all zeros: it has no direction, so "
                             "its cosine with anything is undefined. Check the encoder "
                             "output.")
        embeddings[name] = arr / norms[:, None]
    images, texts = embeddings["image_embeddings"], embeddings["text_embeddings"]
    check_consistent_length(image_embeddings=images, text_embeddings=texts)
    if images.shape[1] != texts.shape[1]:
        raise ValueError(
            f"`image_embeddings` have {images.shape[1]} dimensions but `text_embeddings` "
            f"have {texts.shape[1]}; both must come from the same CLIP model.")
    cosines = np.sum(images * texts, axis=1)
    if clamp == "per_sample":
        per_sample = w * np.maximum(cosines, 0.0)
        score = float(np.mean(per_sample))
    else:
        per_sample = w * cosines
        score = max(float(np.mean(per_sample)), 0.0)
    return (score, per_sample) if return_per_sample else score

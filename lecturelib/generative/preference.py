r"""Ranking models from human preferences: Bradley-Terry strengths and Elo ratings.

When people compare two outputs ("which answer is better, A or B?"), each vote is a game
between two models. The **Bradley-Terry model** gives every model a strength
:math:`p_i > 0` and says model *i* beats model *j* with probability

.. math:: P(i \succ j) = \frac{p_i}{p_i + p_j}
          = \frac{1}{1 + e^{-(\theta_i - \theta_j)}}, \qquad \theta_i = \log p_i,

a logistic regression on the difference of log-strengths. :func:`bradley_terry` fits it
to a table of wins by maximum likelihood, :func:`bradley_terry_standard_errors` says how
uncertain those strengths are (:func:`bradley_terry_difference_standard_error`: how
uncertain the gap between two of them is), and :func:`elo_ratings` is chess's online
approximation, which updates ratings one game at a time.

**One scale for all three.** Ratings are log-strengths in different units:

.. math:: R_i = R_0 + \frac{400}{\ln 10}\, \theta_i = R_0 + 400 \log_{10} p_i,
          \qquad P(i \succ j) = \frac{1}{1 + 10^{(R_j - R_i)/400}},

so 400 Elo points are a factor 10 in strength (odds of 10:1), and one unit of
log-strength is :math:`400 / \ln 10 \approx 173.7` points. Strengths are only defined up
to a common factor (only ratios enter :math:`P`); lecturelib fixes it by a **geometric
mean of 1** (the log-strengths sum to 0), so the mean Elo-scale rating is :math:`R_0`:
``initial``, 1500 by default, as online Elo's ratings also average to their starting
value.

Conventions where the references differ (each function's notes say more):

============================  ==============================  ===========================
question                      lecturelib                      other references
============================  ==============================  ===========================
strength normalisation        geometric mean 1 (log-          Hunter (2004): sum 1; R's
                              strengths sum to 0)             ``BradleyTerry2``: one
                                                              reference player at 0
Elo scale of a fit            ``initial + 400 log10 p``,      Chatbot Arena (FastChat):
                              mean ``initial`` (1500)         ``1000 + 400 log10 p``, then
                                                              shifted to an anchor model
no MLE (a player never wins,  ``ValueError`` naming the       choix ``mm_pairwise``: a
never loses, ...)             players, or ``prior`` virtual   Dirichlet prior ``alpha``,
                              ties per pair                   else ``RuntimeError`` after
                                                              ``max_iter``
ties                          half a win each way             FastChat: the same
============================  ==============================  ===========================
"""

from __future__ import annotations

import math
import numbers
import warnings

import numpy as np

from .._validation import as_float_array, check_positive_int

__all__ = ["bradley_terry", "bradley_terry_standard_errors", "bradley_terry_covariance",
           "bradley_terry_difference_standard_error", "elo_ratings"]

# Elo points per unit of log-strength: 400 points = a factor 10 in strength.
_ELO_SCALE = 400.0 / math.log(10.0)
_SCALES = ("strength", "log", "elo")


def bradley_terry(wins, *, scale="strength", prior=0.0, initial=1500.0, max_iter=100_000,
                  tol=1e-10):
    r"""Bradley-Terry strengths from a table of wins, by maximum likelihood (MM algorithm).

    Maximises the log-likelihood of the observed wins

    .. math:: \ell(p) = \sum_{i \ne j} w_{ij} \log \frac{p_i}{p_i + p_j}

    with Hunter's (2004) minorisation-maximisation (MM) iteration, Zermelo's (1929)
    algorithm:

    .. math:: p_i \leftarrow \frac{W_i}{\sum_{j \ne i} n_{ij} / (p_i + p_j)}, \qquad
              W_i = \sum_j w_{ij}, \quad n_{ij} = w_{ij} + w_{ji},

    rescaled after every step to a geometric mean of 1. Each step increases
    :math:`\ell`; it stops when no log-strength moves by more than ``tol``.

    Parameters
    ----------
    wins : array-like of shape (n_players, n_players)
        ``wins[i, j]`` = how often player ``i`` beat player ``j`` (>= 0; the diagonal
        must be 0). Counts may be fractional: count a tie as half a win for each side.
    scale : {'strength', 'log', 'elo'}, default 'strength'
        What to return: strengths :math:`p_i` (geometric mean 1), log-strengths
        :math:`\theta_i = \log p_i` (sum 0), or Elo-scale ratings
        :math:`R_i = \text{initial} + 400 \log_{10} p_i` (mean ``initial``).
    prior : float, default 0.0
        Virtual ties added to every pair: ``prior`` extra wins for each side of every
        pair (``prior=0.5`` is one tied game per pair). It shrinks strengths towards
        equality and makes the fit exist for any table; see Notes. 0 fits the data alone.
    initial : float, default 1500.0
        The mean rating with ``scale='elo'`` (ignored otherwise).
    max_iter : int, default 100000
        At most this many MM steps; a ``RuntimeWarning`` says if they were not enough.
    tol : float, default 1e-10
        Stop when the largest change of a log-strength in one step is below ``tol``.

    Returns
    -------
    ndarray of shape (n_players,)
        One value per player, in the order of the rows of ``wins``.

    Notes
    -----
    **When there is no maximum-likelihood estimate.** The likelihood has a finite
    maximum (unique, given the normalisation) if and only if, however the players are
    split into two groups, someone in each group beat someone in the other (Zermelo,
    1929; Ford, 1957): the directed graph "i beat j" is strongly connected. Otherwise
    the likelihood keeps growing as a group that never lost to the rest runs away from
    it: a player who never won has strength 0, one who never lost infinite strength, and
    two groups never compared have no ratio at all. lecturelib then raises a
    ``ValueError`` naming the players concerned rather than return numbers that only
    mean "the algorithm stopped here". ``prior > 0`` adds the same number of virtual
    wins in both directions to every pair: a factor
    :math:`\pi_{ij}^{a} (1 - \pi_{ij})^{a}` in the likelihood of each pair's win
    probability, as a Beta(a + 1, a + 1) prior would give, which pulls the
    log-strengths together and always gives a finite answer. The result is the MLE of
    the table ``wins + prior`` (off the diagonal), a posterior mode. Small votes need it.

    **Normalisation.** Only ratios of strengths are identified. Hunter (2004) normalises
    to a sum of 1 and R's ``BradleyTerry2`` fixes a reference player at log-strength 0;
    lecturelib uses a geometric mean of 1, which treats all players alike, makes the
    log-strengths sum to 0 and puts the mean rating at ``initial``. Convert with
    ``p / p.sum()`` or ``theta - theta[ref]``.

    **Convergence.** MM converges for any table with an MLE, but linearly: tables with
    very lopsided results may need thousands of steps (Newman's 2023 iteration or
    Newton's method is faster). Logistic regression (scikit-learn's
    ``LogisticRegression(fit_intercept=False, penalty=None)`` on rows
    ``x = e_i - e_j``, as Chatbot Arena does) reaches the same maximum.

    Raises
    ------
    ValueError
        If ``wins`` is not a square table of finite counts >= 0 for at least two
        players with a zero diagonal; if the MLE does not exist and ``prior`` is 0 (the
        message names the players that never won, never lost, or the group that never
        lost to the others); or if an option is invalid.

    Examples
    --------
    A beat B 3 times and lost once; B beat C 3 times and lost once; A beat C twice, lost
    once:

    >>> wins = [[0, 3, 2],
    ...         [1, 0, 3],
    ...         [1, 1, 0]]
    >>> p = bradley_terry(wins)
    >>> p.round(3)
    array([1.93 , 1.   , 0.518])
    >>> round(float(p[0] / (p[0] + p[1])), 3)  # the model's P(A beats B); A won 3 of 4
    0.659
    >>> bradley_terry(wins, scale="elo").round(1)
    array([1614.2, 1500. , 1385.8])

    A player who never won has no finite strength; a small prior fixes that:

    >>> bradley_terry([[0, 2], [0, 0]])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: The Bradley-Terry MLE does not exist: player 1 never won ...
    >>> bradley_terry([[0, 2], [0, 0]], prior=0.5, scale="log").round(4)
    array([ 0.8047, -0.8047])

    References
    ----------
    R. A. Bradley and M. E. Terry, "Rank analysis of incomplete block designs: I. The
    method of paired comparisons", Biometrika 39 (1952).
    D. R. Hunter, "MM algorithms for generalized Bradley-Terry models", The Annals of
    Statistics 32 (2004).
    E. Zermelo, "Die Berechnung der Turnier-Ergebnisse als ein Maximumproblem der
    Wahrscheinlichkeitsrechnung", Mathematische Zeitschrift 29 (1929).
    L. R. Ford, "Solution of a ranking problem from binary comparisons", The American
    Mathematical Monthly 64 (1957).
    """
    if scale not in _SCALES:
        raise ValueError(f"`scale` must be one of {list(_SCALES)}, got {scale!r}.")
    initial = _check_real(initial, "initial")
    wins = _check_wins(wins, prior)
    theta = _fit_log_strengths(wins, check_positive_int(max_iter, "max_iter"),
                               _check_tol(tol))
    return _on_scale(theta, scale, initial)


def bradley_terry_standard_errors(wins, *, scale="log", prior=0.0, max_iter=100_000,
                                  tol=1e-10):
    r"""Standard errors of Bradley-Terry log-strengths (or ratings), from the Fisher
    information.

    At the fitted log-strengths :math:`\hat\theta` (the result of
    :func:`bradley_terry`), the Fisher information of the model is the weighted graph
    Laplacian

    .. math::
        I_{ii} = \sum_{j \ne i} n_{ij}\, \pi_{ij} (1 - \pi_{ij}), \qquad
        I_{ij} = -n_{ij}\, \pi_{ij} (1 - \pi_{ij}), \qquad
        \pi_{ij} = \frac{1}{1 + e^{-(\hat\theta_i - \hat\theta_j)}},

    (observed and expected information agree for this logistic model). It is singular
    (adding a constant to every :math:`\theta` changes nothing), so the covariance of the
    log-strengths normalised to sum 0 is its pseudo-inverse :math:`I^{+}`, and the
    standard errors are :math:`\sqrt{\operatorname{diag} I^{+}}`.

    Parameters
    ----------
    wins, prior, max_iter, tol
        As in :func:`bradley_terry`; the same fit is computed first.
    scale : {'log', 'elo'}, default 'log'
        Standard errors of the log-strengths, or of the Elo-scale ratings (the same
        times :math:`400 / \ln 10 \approx 173.7` points).

    Returns
    -------
    ndarray of shape (n_players,)

    Notes
    -----
    These are the usual large-sample (Wald) standard errors: ``theta +- 1.96 * se`` is
    an approximate 95% interval for each player's log-strength *relative to the mean
    player*. They are the errors of a centred estimate, so they depend on the
    normalisation: with R's ``BradleyTerry2`` the reference player has standard error 0
    and the others' are those of the difference from it. For a difference between two
    players use :func:`bradley_terry_difference_standard_error`, from the full
    covariance (:func:`bradley_terry_covariance`): the ``se`` of
    :math:`\theta_i - \theta_j` is not :math:`\sqrt{se_i^2 + se_j^2}`, as the
    estimates are correlated.

    With a small vote the normal approximation is rough and the intervals are
    symmetric where the likelihood is not. Chatbot Arena instead resamples the votes
    (a bootstrap) and refits; with few votes many resamples have no MLE at all, which is
    why it needs a large vote, or a ``prior``.

    Raises
    ------
    ValueError
        As :func:`bradley_terry`; also if ``scale='strength'``.

    Examples
    --------
    The table of :func:`bradley_terry`'s example: with 11 games, the log-strengths are
    only known to within about +-0.5 (about 100 Elo points):

    >>> wins = [[0, 3, 2], [1, 0, 3], [1, 1, 0]]
    >>> bradley_terry_standard_errors(wins).round(3)
    array([0.57 , 0.497, 0.57 ])
    >>> bradley_terry_standard_errors(wins, scale="elo").round(1)
    array([99. , 86.4, 99. ])

    References
    ----------
    A. Agresti, *Categorical Data Analysis*, 3rd ed., Wiley (2013), section 11.6.
    H. A. David, *The Method of Paired Comparisons*, 2nd ed., Griffin (1988).
    """
    covariance = bradley_terry_covariance(wins, scale=scale, prior=prior, max_iter=max_iter,
                                          tol=tol)
    return np.sqrt(np.clip(np.diag(covariance), 0.0, None))


def bradley_terry_covariance(wins, *, scale="log", prior=0.0, max_iter=100_000, tol=1e-10):
    r"""Covariance matrix of the fitted Bradley-Terry log-strengths (or ratings).

    The inverse Fisher information of :func:`bradley_terry_standard_errors`, whole: with
    :math:`I` the weighted graph Laplacian at the fit, the covariance of the log-strengths
    normalised to sum 0 is :math:`C = I^{+}` (its pseudo-inverse). The diagonal gives the
    per-player standard errors; the off-diagonal terms are what a *difference* between
    two players needs:

    .. math:: \operatorname{Var}(\hat	heta_i - \hat	heta_j) = C_{ii} + C_{jj} - 2 C_{ij}.

    Parameters
    ----------
    wins, prior, max_iter, tol
        As in :func:`bradley_terry`; the same fit is computed first.
    scale : {'log', 'elo'}, default 'log'
        Covariance of the log-strengths, or of the Elo-scale ratings (the same times
        :math:`(400 / \ln 10)^2`).

    Returns
    -------
    ndarray of shape (n_players, n_players)
        Symmetric, positive semi-definite; every row sums to 0 (the normalisation).

    Raises
    ------
    ValueError
        As :func:`bradley_terry`; also if ``scale`` is not 'log' or 'elo'.

    Examples
    --------
    >>> wins = [[0, 3, 2], [1, 0, 3], [1, 1, 0]]
    >>> C = bradley_terry_covariance(wins)
    >>> C.round(3)
    array([[ 0.325, -0.124, -0.201],
           [-0.124,  0.247, -0.124],
           [-0.201, -0.124,  0.325]])
    >>> bool(np.allclose(C.sum(axis=1), 0))
    True

    References
    ----------
    A. Agresti, *Categorical Data Analysis*, 3rd ed., Wiley (2013), section 11.6.
    """
    if scale not in ("log", "elo"):
        raise ValueError(f"`scale` must be 'log' or 'elo', got {scale!r} (standard errors "
                         "of strengths themselves are not symmetric; use the log scale).")
    wins = _check_wins(wins, prior)
    theta = _fit_log_strengths(wins, check_positive_int(max_iter, "max_iter"),
                               _check_tol(tol))
    games = wins + wins.T
    pi = 1.0 / (1.0 + np.exp(theta[None, :] - theta[:, None]))  # pi[i, j] = P(i beats j)
    weights = games * pi * (1.0 - pi)
    information = np.diag(weights.sum(axis=1)) - weights
    n = len(theta)
    # The Laplacian of a connected graph has the null space span(1); adding J/n = 11^T/n
    # makes it invertible without changing the other eigenvectors, so this is I^+.
    centre = np.full((n, n), 1.0 / n)
    covariance = np.linalg.inv(information + centre) - centre
    covariance = (covariance + covariance.T) / 2  # symmetric to the last bit
    return covariance * _ELO_SCALE**2 if scale == "elo" else covariance


def bradley_terry_difference_standard_error(wins, i, j, *, scale="log", prior=0.0,
                                            max_iter=100_000, tol=1e-10):
    r"""Standard error of the gap between two players' Bradley-Terry log-strengths (or
    ratings).

    .. math:: \operatorname{se}(\hat	heta_i - \hat	heta_j)
              = \sqrt{C_{ii} + C_{jj} - 2 C_{ij}}

    with :math:`C` from :func:`bradley_terry_covariance`. This is the number to compare a
    gap with: ``gap / se`` is the Wald statistic *z* of "the two are equally strong"
    (two-sided p-value ``math.erfc(abs(z) / math.sqrt(2))``).

    Parameters
    ----------
    wins, prior, max_iter, tol
        As in :func:`bradley_terry`.
    i, j : int
        The two players (row indices of ``wins``), different.
    scale : {'log', 'elo'}, default 'log'
        Of the log-strength gap, or of the Elo-scale rating gap.

    Returns
    -------
    float

    Notes
    -----
    **Why not the per-player errors.** :func:`bradley_terry_standard_errors` are the
    errors of each player's rating *relative to the mean player*; they depend on that
    normalisation (R's ``BradleyTerry2`` pins a reference player instead, whose error is
    then 0) and the ratings are correlated. The gap's error depends on neither choice:
    it equals the standard error of :math:`\hat	heta_j` when player ``i`` is pinned at 0.
    It is neither ``se_i`` nor :math:`\sqrt{se_i^2 + se_j^2}`; in a small panel it is
    often larger than both.

    Raises
    ------
    ValueError
        As :func:`bradley_terry`; if ``i`` or ``j`` is not a player index, or ``i == j``.

    Examples
    --------
    >>> wins = [[0, 3, 2], [1, 0, 3], [1, 1, 0]]
    >>> round(bradley_terry_difference_standard_error(wins, 0, 1), 3)
    0.905
    >>> bradley_terry_standard_errors(wins)[:2].round(3)  # each smaller than the gap's
    array([0.57 , 0.497])

    References
    ----------
    A. Agresti, *Categorical Data Analysis*, 3rd ed., Wiley (2013), section 11.6.
    """
    covariance = bradley_terry_covariance(wins, scale=scale, prior=prior,
                                          max_iter=max_iter, tol=tol)
    n = covariance.shape[0]
    for name, value in (("i", i), ("j", j)):
        if (isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral)
                or not 0 <= value < n):
            raise ValueError(f"`{name}` must be a player index from 0 to {n - 1} (a row of "
                             f"`wins`), got {value!r}.")
    if i == j:
        raise ValueError(f"`i` and `j` are both {i}; a gap needs two different players.")
    variance = covariance[i, i] + covariance[j, j] - 2 * covariance[i, j]
    return float(np.sqrt(max(variance, 0.0)))


def elo_ratings(matches, *, k=32.0, initial=1500.0, players=None):
    r"""Online Elo ratings: update two ratings after every game, in order.

    Before a game between A and B, A's expected score is

    .. math:: E_A = \frac{1}{1 + 10^{(R_B - R_A)/400}}

    (the Bradley-Terry win probability on the Elo scale, see the module notes). After
    it, with :math:`S_A` = 1 if A won, 0.5 for a tie, 0 if A lost,

    .. math:: R_A \leftarrow R_A + k\,(S_A - E_A), \qquad
              R_B \leftarrow R_B - k\,(S_A - E_A).

    Parameters
    ----------
    matches : sequence of (winner, loser) or (a, b, score_a)
        The games in the order they were played. A pair means the first player won; a
        triple gives A's score, 1 (A won), 0.5 (tie) or 0 (B won); any value in [0, 1] is
        accepted. Players are any hashable labels (strings, ints); a two-column array of
        winners and losers works too.
    k : float, default 32
        The step size (K-factor): a win against an equal player gains ``k / 2``
        points. FIDE uses 10-40; Chatbot Arena used 4.
    initial : float, default 1500
        Every player's starting rating.
    players : sequence, optional
        All players, in the order to report them (those without games keep
        ``initial``). Default: the players of ``matches`` in order of first appearance.

    Returns
    -------
    dict
        ``{player: rating}``.

    Notes
    -----
    **The online approximation of Bradley-Terry.** With
    :math:`R = \text{initial} + (400/\ln 10)\,\theta`, the update is one step of stochastic
    gradient ascent on that game's Bradley-Terry log-likelihood,
    :math:`R_A \leftarrow R_A + k\,(400/\ln 10)\,\partial \ell / \partial R_A`. So Elo
    tracks the Bradley-Terry ratings (:func:`bradley_terry` with ``scale='elo'``) but:
    it depends on the order of the games (recent games count more, which suits players
    who improve, not a fixed set of models); and with a constant ``k`` it never settles:
    each rating keeps fluctuating around the fit, with a spread that grows like
    :math:`\sqrt{k}` (tens of points for ``k`` = 16-32). Chatbot Arena moved from
    online Elo (``K=4``) to the Bradley-Terry fit for these reasons.

    Each game moves the two ratings by opposite amounts, so the mean rating stays
    ``initial`` for ever: the same centring as :func:`bradley_terry`'s Elo scale.

    Raises
    ------
    ValueError
        If ``matches`` is empty or a game is not a pair/triple of two different players
        (with a score in [0, 1]); if ``players`` misses a player or lists one twice; or
        if ``k`` or ``initial`` is not a finite number (``k`` > 0).

    Examples
    --------
    Two equal players: the winner gains k/2 = 16 points, the loser loses them.

    >>> elo_ratings([("alice", "bob")])
    {'alice': 1516.0, 'bob': 1484.0}
    >>> ratings = elo_ratings([("alice", "bob"), ("bob", "carol"), ("carol", "alice", 0.5)])
    >>> {name: round(r, 1) for name, r in ratings.items()}
    {'alice': 1514.5, 'bob': 1500.7, 'carol': 1484.8}

    References
    ----------
    A. E. Elo, *The Rating of Chessplayers, Past and Present*, Arco (1978).
    W.-L. Chiang et al., "Chatbot Arena: An Open Platform for Evaluating LLMs by Human
    Preference", ICML 2024.
    """
    k = _check_real(k, "k")
    if k <= 0:
        raise ValueError(f"`k` must be > 0, got {k!r} (32 in chess's original scheme).")
    initial = _check_real(initial, "initial")
    games = _check_matches(matches)
    if players is None:
        order = list(dict.fromkeys(p for a, b, _ in games for p in (a, b)))
    else:
        if isinstance(players, str) or not hasattr(players, "__iter__"):
            raise ValueError(f"`players` must be a list of player labels, got {players!r}.")
        order = list(players.tolist() if isinstance(players, np.ndarray) else players)
        if len(set(order)) != len(order):
            raise ValueError("`players` lists a player twice; list each player once.")
        missing = [p for a, b, _ in games for p in (a, b) if p not in set(order)]
        if missing:
            raise ValueError(f"`matches` has a player {missing[0]!r} that is not in "
                             "`players`; add it, or leave `players` out.")
    ratings = dict.fromkeys(order, initial)
    for a, b, score in games:
        expected = 1.0 / (1.0 + 10.0 ** ((ratings[b] - ratings[a]) / 400.0))
        change = k * (score - expected)
        ratings[a] += change
        ratings[b] -= change
    return ratings


# --- helpers ------------------------------------------------------------------------------

def _check_real(value, name):
    if (isinstance(value, bool) or not isinstance(value, numbers.Real)
            or not math.isfinite(value)):
        raise ValueError(f"`{name}` must be a finite number, got {value!r}.")
    return float(value)


def _check_tol(tol):
    tol = _check_real(tol, "tol")
    if tol <= 0:
        raise ValueError(f"`tol` must be > 0, got {tol!r}.")
    return tol


def _check_wins(wins, prior):
    """The win table plus the prior, checked, with a Bradley-Terry MLE."""
    wins = as_float_array(wins, "wins", ndim=2)
    n = wins.shape[0]
    if wins.shape != (n, n):
        raise ValueError(f"`wins` must be square, wins[i, j] = times player i beat player "
                         f"j, got shape {wins.shape}.")
    if n < 2:
        raise ValueError("`wins` has one player; comparisons need at least two.")
    if np.any(wins < 0):
        raise ValueError("`wins` has negative counts; wins[i, j] counts games (>= 0).")
    if np.any(np.diag(wins) != 0):
        raise ValueError("`wins` has a non-zero diagonal, but a player cannot beat itself; "
                         "set the diagonal to 0.")
    prior = _check_real(prior, "prior")
    if prior < 0:
        raise ValueError(f"`prior` must be >= 0 (virtual ties per pair), got {prior!r}.")
    wins = wins + prior * (1.0 - np.eye(n))
    _check_mle_exists(wins > 0)
    return wins


def _check_mle_exists(beat):
    """Raise unless the directed graph 'i beat j' is strongly connected."""
    n = beat.shape[0]
    def players(idx):
        return ("player " if len(idx) == 1 else "players ") + ", ".join(map(str, idx))

    hint = ("Collect more comparisons, or pass prior=0.5 (one virtual tie per pair) to "
            "shrink the strengths towards each other.")
    unplayed = np.flatnonzero(~(beat.any(axis=0) | beat.any(axis=1)))
    if unplayed.size:
        raise ValueError(f"The Bradley-Terry MLE does not exist: {players(unplayed)} played "
                         "no game, so its strength is not determined. Remove it from "
                         f"`wins`, or {hint[0].lower() + hint[1:]}")
    never_won = np.flatnonzero(~beat.any(axis=1))
    if never_won.size:
        raise ValueError(f"The Bradley-Terry MLE does not exist: {players(never_won)} never "
                         "won (row of `wins` all 0), so the likelihood grows as its "
                         f"strength goes to 0. {hint}")
    never_lost = np.flatnonzero(~beat.any(axis=0))
    if never_lost.size:
        raise ValueError(f"The Bradley-Terry MLE does not exist: {players(never_lost)} "
                         "never lost (column of `wins` all 0), so the likelihood grows as "
                         f"its strength goes to infinity. {hint}")
    reach = beat | np.eye(n, dtype=bool)
    for _ in range(max(1, math.ceil(math.log2(n)))):
        reach = (reach.astype(np.int64) @ reach.astype(np.int64)) > 0
    if reach.all():
        return
    # Name a group that nobody outside it ever beat. reach[i, j]: i beat j, directly or
    # through a chain of wins. The player with the fewest such "ancestors" has no ancestor
    # outside its own group, so its ancestors are that group.
    ancestors = reach.sum(axis=0)
    top = np.flatnonzero(reach[:, int(np.argmin(ancestors))])
    rest = np.setdiff1d(np.arange(n), top)
    if not (beat[np.ix_(top, rest)].any() or beat[np.ix_(rest, top)].any()):
        raise ValueError(f"The Bradley-Terry MLE does not exist: {players(top)} never "
                         f"played {players(rest)}, so how strong one group is relative to "
                         f"the other is not determined. {hint}")
    raise ValueError(f"The Bradley-Terry MLE does not exist: {players(top)} never lost to "
                     f"{players(rest)}, so the likelihood grows as the two groups' "
                     f"strengths move apart without bound. {hint}")


def _fit_log_strengths(wins, max_iter, tol):
    """Hunter's MM iteration on log-strengths, centred to sum 0 after every step."""
    n = wins.shape[0]
    games = wins + wins.T
    played = games > 0
    log_games = np.log(np.where(played, games, 1.0))
    log_won = np.log(wins.sum(axis=1))
    theta = np.zeros(n)
    for _ in range(max_iter):
        # log sum_j n_ij / (p_i + p_j), as a log-sum-exp over the pairs that played.
        terms = np.where(played, log_games - np.logaddexp(theta[:, None], theta[None, :]),
                         -np.inf)
        top = terms.max(axis=1)
        log_denominator = top + np.log(np.exp(terms - top[:, None]).sum(axis=1))
        new = log_won - log_denominator
        new -= new.mean()
        change = np.max(np.abs(new - theta))
        theta = new
        if change < tol:
            return theta
    warnings.warn(f"bradley_terry: the MM iteration did not converge in {max_iter} steps "
                  f"(last change {change:.3g} > tol={tol:g}); raise `max_iter`.",
                  RuntimeWarning, stacklevel=3)
    return theta


def _on_scale(theta, scale, initial):
    if scale == "log":
        return theta
    if scale == "elo":
        return initial + _ELO_SCALE * theta
    return np.exp(theta)


def _check_matches(matches):
    """Games as (a, b, score of a) triples."""
    if isinstance(matches, np.ndarray):
        matches = matches.tolist()
    if isinstance(matches, (str, bytes)) or not hasattr(matches, "__iter__"):
        raise ValueError("`matches` must be a sequence of (winner, loser) pairs or "
                         f"(a, b, score_a) triples, got {matches!r:.80}.")
    games = []
    for i, game in enumerate(matches):
        if isinstance(game, (str, bytes)) or not isinstance(game, (tuple, list)) \
                or len(game) not in (2, 3):
            raise ValueError(f"`matches[{i}]` must be a (winner, loser) pair or an "
                             f"(a, b, score_a) triple, got {game!r}.")
        a, b = game[0], game[1]
        score = 1.0 if len(game) == 2 else game[2]
        if (isinstance(score, bool) or not isinstance(score, numbers.Real)
                or not 0.0 <= score <= 1.0):
            raise ValueError(f"`matches[{i}]` has score {score!r}; A's score must be in "
                             "[0, 1]: 1 win, 0.5 tie, 0 loss.")
        try:
            hash(a), hash(b)
        except TypeError:
            raise ValueError(f"`matches[{i}]`: players must be hashable labels such as "
                             f"strings or ints, got {a!r} and {b!r}.") from None
        if a == b:
            raise ValueError(f"`matches[{i}]` pits player {a!r} against itself; a game "
                             "needs two different players.")
        games.append((a, b, float(score)))
    if not games:
        raise ValueError("`matches` is empty; pass at least one game.")
    return games

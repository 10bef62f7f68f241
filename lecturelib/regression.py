"""Regression metrics, and straight-line fits under the squared and the absolute loss.

The metrics have the names, arguments and results of :mod:`sklearn.metrics` (checked
against scikit-learn 1.6.1 and 1.9.1): the same inputs give the same numbers, to the
last bit in the tests. Every function takes

* ``y_true, y_pred`` of shape ``(n_samples,)`` or ``(n_samples, n_outputs)``: one column
  per target when a model predicts several numbers at once;
* ``sample_weight`` of shape ``(n_samples,)``: how much each sample counts;
* ``multioutput``: how the per-output values are combined: ``'raw_values'`` (one value
  per output, as an array), ``'uniform_average'`` (their plain mean, the default) or an
  array of one weight per output (their weighted mean).

Deliberate differences from scikit-learn. Two are about rejecting input:

* ``sample_weight`` must be finite and ``>= 0`` with at least one positive weight.
  scikit-learn accepts negative weights (giving, say, a negative "mean squared error")
  and, before 1.9, all-zero weights (a ``ZeroDivisionError``, or NaN).
* ``multioutput`` weights must be ``>= 0`` with a positive sum; scikit-learn accepts
  negative ones, which turn the average of errors into something that is not an average.

And one about a value: :func:`r2_score` recognises constant true values exactly, where
scikit-learn can miss them by a rounding error and return about -5e31 (see there).

Inputs are converted to float64 (scikit-learn computes float32 input in float32, so such
input can differ from it in the 7th digit).

:func:`fit_line` fits the line ``y = slope * x + intercept`` that minimises the mean
squared error (least squares) or the mean absolute error (least absolute deviations),
exactly, for the loss explorer.
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    UndefinedMetricWarning,
    check_line_points,
    check_multioutput,
    check_regression_targets,
    check_sample_weight,
    warn_undefined,
)

__all__ = [
    "UndefinedMetricWarning",
    "mean_squared_error",
    "root_mean_squared_error",
    "mean_absolute_error",
    "mean_absolute_percentage_error",
    "median_absolute_error",
    "r2_score",
    "fit_line",
    "LAD_MAX_POINTS",
]

#: The largest number of points :func:`fit_line` fits with ``loss="absolute"``: it tries
#: every line through two of the points, ``n (n - 1) / 2`` lines of ``n`` residuals each.
LAD_MAX_POINTS = 200

_EPS = np.finfo(np.float64).eps


def _check_inputs(y_true, y_pred, sample_weight, multioutput,
                  allowed=("raw_values", "uniform_average")):
    """(y_true, y_pred) as (n_samples, n_outputs) float64, the weights (or None) and the
    checked ``multioutput``."""
    y_true, y_pred = check_regression_targets(y_true, y_pred)
    weight = None if sample_weight is None else check_sample_weight(sample_weight,
                                                                    y_true.shape[0])
    multioutput = check_multioutput(multioutput, y_true.shape[1], allowed=allowed)
    return y_true, y_pred, weight, multioutput


def _combine_outputs(output_values, multioutput):
    """The per-output array for 'raw_values', else its (weighted) mean as a float."""
    if isinstance(multioutput, str):  # 'raw_values'
        return output_values
    return float(np.average(output_values, weights=multioutput))


def mean_squared_error(y_true, y_pred, *, sample_weight=None, multioutput="uniform_average"):
    r"""Mean squared error (MSE): the average squared residual.

    .. math:: \mathrm{MSE} = \frac{\sum_i w_i\,(y_i - \hat y_i)^2}{\sum_i w_i}

    (with all :math:`w_i = 1` it is :math:`\frac1n\sum_i (y_i - \hat y_i)^2`). Squaring
    makes large errors count much more than small ones, and gives the result in squared
    units of ``y``; :func:`root_mean_squared_error` returns to the units of ``y``.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_outputs)
        True and predicted values.
    sample_weight : array-like of shape (n_samples,), optional
        Non-negative weights, at least one positive.
    multioutput : {'raw_values', 'uniform_average'} or array-like of shape (n_outputs,)
        How to combine the per-output errors; see the module docstring.

    Returns
    -------
    float, or ndarray of shape (n_outputs,) with ``multioutput='raw_values'``
        0 is perfect; there is no upper bound.

    Examples
    --------
    >>> mean_squared_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])
    0.375
    >>> y_true = [[0.5, 1], [-1, 1], [7, -6]]
    >>> y_pred = [[0, 2], [-1, 2], [8, -5]]
    >>> mean_squared_error(y_true, y_pred, multioutput="raw_values")
    array([0.41666667, 1.        ])

    References
    ----------
    scikit-learn, ``sklearn.metrics.mean_squared_error``.
    """
    y_true, y_pred, weight, multioutput = _check_inputs(y_true, y_pred, sample_weight,
                                                        multioutput)
    errors = np.average((y_true - y_pred) ** 2, axis=0, weights=weight)
    return _combine_outputs(errors, multioutput)


def root_mean_squared_error(y_true, y_pred, *, sample_weight=None,
                            multioutput="uniform_average"):
    r"""Root mean squared error (RMSE): the square root of :func:`mean_squared_error`.

    .. math:: \mathrm{RMSE} = \sqrt{\frac{\sum_i w_i\,(y_i - \hat y_i)^2}{\sum_i w_i}}

    It is in the units of ``y``, and is never smaller than the mean absolute error.

    **Several outputs.** The square root is taken per output, *then* the outputs are
    averaged: with ``multioutput='uniform_average'`` the result is the mean of the
    per-output RMSEs, not the square root of the mean MSE (which is larger, or equal when
    all outputs have the same RMSE). This is scikit-learn's convention; in the example
    below the mean of the RMSEs is 0.8227, while ``sqrt(mean_squared_error(...))`` is
    0.8416.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_outputs)
    sample_weight : array-like of shape (n_samples,), optional
    multioutput : {'raw_values', 'uniform_average'} or array-like of shape (n_outputs,)

    Returns
    -------
    float, or ndarray of shape (n_outputs,) with ``multioutput='raw_values'``

    Examples
    --------
    >>> root_mean_squared_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])  # doctest: +ELLIPSIS
    0.6123724356957...
    >>> y_true = [[0.5, 1], [-1, 1], [7, -6]]
    >>> y_pred = [[0, 2], [-1, 2], [8, -5]]
    >>> root_mean_squared_error(y_true, y_pred, multioutput="raw_values")
    array([0.64549722, 1.        ])
    >>> round(root_mean_squared_error(y_true, y_pred), 4)  # (0.6455 + 1) / 2
    0.8227
    >>> round(float(np.sqrt(mean_squared_error(y_true, y_pred))), 4)  # not the same
    0.8416

    References
    ----------
    scikit-learn, ``sklearn.metrics.root_mean_squared_error`` (since 1.4; the older
    ``mean_squared_error(..., squared=False)`` was removed in 1.6).
    """
    y_true, y_pred, weight, multioutput = _check_inputs(y_true, y_pred, sample_weight,
                                                        multioutput)
    errors = np.sqrt(np.average((y_true - y_pred) ** 2, axis=0, weights=weight))
    return _combine_outputs(errors, multioutput)


def mean_absolute_error(y_true, y_pred, *, sample_weight=None,
                        multioutput="uniform_average"):
    r"""Mean absolute error (MAE): the average size of the residuals.

    .. math:: \mathrm{MAE} = \frac{\sum_i w_i\,|y_i - \hat y_i|}{\sum_i w_i}

    Every unit of error counts the same, large or small, so one wild prediction weighs
    less than in the MSE.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_outputs)
    sample_weight : array-like of shape (n_samples,), optional
    multioutput : {'raw_values', 'uniform_average'} or array-like of shape (n_outputs,)

    Returns
    -------
    float, or ndarray of shape (n_outputs,) with ``multioutput='raw_values'``

    Examples
    --------
    >>> mean_absolute_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])
    0.5
    >>> y_true = [[0.5, 1], [-1, 1], [7, -6]]
    >>> y_pred = [[0, 2], [-1, 2], [8, -5]]
    >>> mean_absolute_error(y_true, y_pred, multioutput=[0.3, 0.7])  # doctest: +ELLIPSIS
    0.85...

    References
    ----------
    scikit-learn, ``sklearn.metrics.mean_absolute_error``.
    """
    y_true, y_pred, weight, multioutput = _check_inputs(y_true, y_pred, sample_weight,
                                                        multioutput)
    errors = np.average(np.abs(y_pred - y_true), axis=0, weights=weight)
    return _combine_outputs(errors, multioutput)


def mean_absolute_percentage_error(y_true, y_pred, *, sample_weight=None,
                                   multioutput="uniform_average"):
    r"""Mean absolute percentage error (MAPE), as a **fraction**: 0.25 means 25 %.

    .. math:: \mathrm{MAPE} = \frac{\sum_i w_i\,\frac{|y_i - \hat y_i|}
              {\max(|y_i|,\ \varepsilon)}}{\sum_i w_i},
              \qquad \varepsilon = 2.22\times10^{-16}

    Each error is measured relative to the true value, so the metric has no units and
    compares series of different scales.

    Conventions (scikit-learn's):

    * **A fraction, not a percentage.** Multiply by 100 for percent. Some libraries
      (Keras, for one) report it already multiplied by 100.
    * **True values of zero.** The denominator is ``max(|y|, eps)`` with
      ``eps = np.finfo(np.float64).eps`` = 2.22e-16, so a true value of 0 does not raise:
      its term is ``|y_pred| / 2.22e-16``, about 1e14 or more as soon as the prediction is
      off at all (and 0 if the prediction is exactly 0). One zero in ``y_true`` therefore
      swamps every other term, as in the second example. MAPE is meant for targets far
      from 0; for others use the MAE, or relative errors with a denominator that suits
      the data.
    * Under- and over-predictions are not treated alike: a prediction of 0 costs at most
      1 (100 %) for a positive target, but an over-prediction can cost any amount.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_outputs)
    sample_weight : array-like of shape (n_samples,), optional
    multioutput : {'raw_values', 'uniform_average'} or array-like of shape (n_outputs,)

    Returns
    -------
    float, or ndarray of shape (n_outputs,) with ``multioutput='raw_values'``

    Examples
    --------
    >>> mean_absolute_percentage_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])  # doctest: +ELLIPSIS
    0.3273809523809...

    A zero among the true values: the last term is ``0.1 / 2.22e-16`` = 4.5e14, divided
    by the 5 samples:

    >>> mean_absolute_percentage_error([3, -0.5, 2, 7, 0], [2.5, 0, 2, 8, 0.1])
    90071992547410.19

    References
    ----------
    scikit-learn, ``sklearn.metrics.mean_absolute_percentage_error``.
    """
    y_true, y_pred, weight, multioutput = _check_inputs(y_true, y_pred, sample_weight,
                                                        multioutput)
    ratios = np.abs(y_pred - y_true) / np.maximum(np.abs(y_true), _EPS)
    errors = np.average(ratios, axis=0, weights=weight)
    return _combine_outputs(errors, multioutput)


def _weighted_median(values, weight):
    """Per column of ``values`` (n, k), the weighted median by "averaged inverted CDF".

    Replicates scikit-learn >= 1.8 (``_weighted_percentile(..., average=True)``) step by
    step, including its sort (NumPy's default, unstable), its cumulative sums in sorted
    order and its absolute ``eps`` test, so results agree to the bit.
    """
    n, k = values.shape
    order = np.argsort(values, axis=0)
    sorted_weight = weight[order]                       # (n, k)
    cdf = np.cumsum(sorted_weight.T, axis=1)            # (k, n), as scikit-learn
    half = np.float64(50.0) / 100 * cdf[:, -1]
    half[half == 0] = np.nextafter(0.0, 1.0)            # only for subnormal totals
    columns = np.arange(k)
    idx = np.array([np.searchsorted(cdf[j], half[j]) for j in columns])
    idx = np.clip(idx, 0, n - 1)
    # The next sample in sorted order that carries weight (or idx itself if none does).
    following = np.clip(idx + 1, 0, n - 1)
    for j in columns[sorted_weight[following, columns] == 0]:
        nxt = np.searchsorted(cdf[j], cdf[j, idx[j]], side="right")
        following[j] = nxt if nxt <= n - 1 else idx[j]
    lower = values[order[idx, columns], columns]
    upper = values[order[following, columns], columns]
    on_step = ~(cdf[columns, idx] - half > _EPS)
    return np.where(on_step, (lower + upper) / 2, lower)


def median_absolute_error(y_true, y_pred, *, multioutput="uniform_average",
                          sample_weight=None):
    r"""Median absolute error: the middle value of :math:`|y_i - \hat y_i|`.

    Half of the (weighted) samples have an absolute error at most this large. Unlike the
    mean, the median ignores how large the largest errors are, so a few outliers barely
    move it.

    **Weights.** With ``sample_weight`` the weighted median is the "averaged inverted
    CDF" (Hyndman & Fan, 1996): sort the errors, accumulate the weights, and take the
    first error at which the running total reaches half of the total weight; if it
    reaches *exactly* half there (up to an absolute ``2.22e-16``), average that error with
    the next one that has positive weight. Integer weights (all 1, say) then give the
    ``np.median`` of the errors repeated that many times. Other weights are summed in
    floating point, so the running total can miss half by a rounding error: with 14
    errors 0, 1, ..., 13, each of weight 0.1, the result is 7 (the upper of the two middle
    errors) rather than their average 6.5. This is scikit-learn >= 1.8, step for step,
    so the results agree to the bit. **scikit-learn 1.6 and 1.7 differ**: they take the
    first error alone ("inverted CDF", the lower weighted median), so there even equal
    weights can give another number than no weights (``[1, 2, 3, 4]`` gives 2, not 2.5).

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_outputs)
    multioutput : {'raw_values', 'uniform_average'} or array-like of shape (n_outputs,)
    sample_weight : array-like of shape (n_samples,), optional

    Returns
    -------
    float, or ndarray of shape (n_outputs,) with ``multioutput='raw_values'``

    Examples
    --------
    >>> median_absolute_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])
    0.5
    >>> median_absolute_error([0, 0, 0, 0], [1, 2, 3, 4])
    2.5
    >>> median_absolute_error([0, 0, 0, 0], [1, 2, 3, 4], sample_weight=[1, 1, 1, 1])
    2.5
    >>> median_absolute_error([0, 0, 0, 0], [1, 2, 3, 4], sample_weight=[3, 1, 1, 1])
    1.5

    References
    ----------
    scikit-learn, ``sklearn.metrics.median_absolute_error``. R. J. Hyndman and Y. Fan,
    "Sample quantiles in statistical packages", *The American Statistician* 50(4), 1996.
    """
    y_true, y_pred, weight, multioutput = _check_inputs(y_true, y_pred, sample_weight,
                                                        multioutput)
    errors = np.abs(y_pred - y_true)
    if weight is None:
        output_errors = np.median(errors, axis=0)
    else:
        output_errors = _weighted_median(errors, weight)
    return _combine_outputs(output_errors, multioutput)


def r2_score(y_true, y_pred, *, sample_weight=None, multioutput="uniform_average",
             force_finite=True):
    r"""Coefficient of determination :math:`R^2`: the share of the variance explained.

    .. math:: R^2 = 1 - \frac{\sum_i w_i\,(y_i - \hat y_i)^2}{\sum_i w_i\,(y_i - \bar y)^2},
              \qquad \bar y = \frac{\sum_i w_i\,y_i}{\sum_i w_i}

    The denominator is the squared error of the **baseline that always predicts the mean**
    :math:`\bar y` of the true values being scored. So :math:`R^2 = 1` is perfect,
    :math:`R^2 = 0` is no better than that baseline, and :math:`R^2 < 0` is worse than it:
    there is no lower bound, and despite its name :math:`R^2` is not the square of
    anything. (The baseline uses the mean of *these* true values, which the model could
    not know; so a model can score below 0 on a test set and still beat the training
    mean.)

    **Constant true values** (the denominator is 0), per output:

    * ``force_finite=True`` (the default): 1.0 if the predictions are perfect, else 0.0;
    * ``force_finite=False``: the formula's own NaN (0/0, perfect predictions) or
      ``-inf`` (imperfect ones).

    An output counts as constant when all its true values (those with a positive weight)
    are equal. **Here lecturelib departs from scikit-learn**, which tests instead whether
    the *computed* denominator is exactly 0: the computed mean of equal values can be off
    in the last bit (``np.mean([0.1, 0.1, 0.1])`` is 0.10000000000000002), which leaves a
    denominator of about 1e-33, and scikit-learn then returns about ``-5e31`` for
    ``r2_score([0.1, 0.1, 0.1], [0, 0, 0])``, where its documentation (and lecturelib)
    gives 0.0 (``-inf`` with ``force_finite=False``). On every other input the two agree.

    **A single sample**: NaN with an :class:`UndefinedMetricWarning`, whatever
    ``force_finite`` and ``multioutput`` (scikit-learn does the same).

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,) or (n_samples, n_outputs)
    sample_weight : array-like of shape (n_samples,), optional
    multioutput : {'raw_values', 'uniform_average', 'variance_weighted'}, array-like of \
shape (n_outputs,) or None
        As for the other metrics, plus ``'variance_weighted'``: the outputs' scores are
        averaged with weights equal to their denominators (the spread of each true
        column), so outputs that vary more count more; if every output is constant, the
        plain mean is used. ``None`` means ``'uniform_average'``.
    force_finite : bool, default True

    Returns
    -------
    float, or ndarray of shape (n_outputs,) with ``multioutput='raw_values'``

    Examples
    --------
    >>> r2_score([3, -0.5, 2, 7], [2.5, 0.0, 2, 8])  # doctest: +ELLIPSIS
    0.9486081370449...
    >>> r2_score([1, 2, 3], [2, 2, 2])  # always predicting the mean
    0.0
    >>> r2_score([1, 2, 3], [3, 2, 1])  # worse than the mean
    -3.0
    >>> r2_score([-2, -2, -2], [-2, -2, -2]), r2_score([-2, -2, -2], [-2, -2, -1])
    (1.0, 0.0)
    >>> r2_score([-2, -2, -2], [-2, -2, -1], force_finite=False)
    -inf
    >>> r2_score([0.1, 0.1, 0.1], [0, 0, 0])  # scikit-learn: -5.19e+31
    0.0

    References
    ----------
    scikit-learn, ``sklearn.metrics.r2_score``.
    """
    if not isinstance(force_finite, (bool, np.bool_)):
        raise ValueError(f"`force_finite` must be True or False, got {force_finite!r}.")
    if multioutput is None:
        multioutput = "uniform_average"
    y_true, y_pred, weight, multioutput = _check_inputs(
        y_true, y_pred, sample_weight, multioutput,
        allowed=("raw_values", "uniform_average", "variance_weighted"))
    if y_true.shape[0] < 2:
        warn_undefined("R^2 is not defined for a single sample (the mean baseline then "
                       "predicts it perfectly); returning NaN.")
        return float("nan")
    w = 1.0 if weight is None else weight[:, None]
    numerator = np.sum(w * (y_true - y_pred) ** 2, axis=0)
    denominator = np.sum(w * (y_true - np.average(y_true, axis=0, weights=weight)) ** 2,
                         axis=0)
    # Equal true values have a spread of exactly 0, even where their computed mean was
    # rounded (scikit-learn would divide by the ~1e-33 left over; see the docstring).
    counted = y_true if weight is None else y_true[weight > 0]
    denominator[np.all(counted == counted[0], axis=0)] = 0.0
    if isinstance(multioutput, str) and multioutput == "variance_weighted":
        multioutput = denominator if np.any(denominator != 0) else None
    # 0/0 and x/0 are the conventions below; a denominator of 1e-300 may overflow to -inf.
    with np.errstate(all="ignore"):
        if force_finite:
            scores = np.ones(y_true.shape[1])
            # A zero numerator (perfect predictions) scores 1, even for constant targets.
            valid = (denominator != 0) & (numerator != 0)
            scores[valid] = 1 - numerator[valid] / denominator[valid]
            scores[(numerator != 0) & (denominator == 0)] = 0.0
        else:
            scores = 1 - numerator / denominator
        return _combine_outputs(scores, multioutput)


def fit_line(x, y, *, loss="squared"):
    r"""The line :math:`y = \text{slope}\cdot x + \text{intercept}` with the least loss.

    * ``loss="squared"``: ordinary least squares, minimising :math:`\sum_i r_i^2` where
      :math:`r_i = y_i - \text{slope}\,x_i - \text{intercept}` (the mean squared error).
      Closed form: :math:`\text{slope} = \frac{\sum_i (x_i-\bar x)(y_i-\bar y)}
      {\sum_i (x_i-\bar x)^2}`, :math:`\text{intercept} = \bar y - \text{slope}\,\bar x`.
    * ``loss="absolute"``: least absolute deviations (LAD), minimising
      :math:`\sum_i |r_i|` (the mean absolute error), exactly. Some optimal line always
      passes through two of the points with different x (it is a vertex of a linear
      programme), so every such line is tried and the best one kept: about
      :math:`n^3/2` operations, hence at most :data:`LAD_MAX_POINTS` (200) points.

    Parameters
    ----------
    x, y : array-like of shape (n_points,)
        At least two points and at least two different x values.
    loss : {'squared', 'absolute'}, default 'squared'

    Returns
    -------
    (slope, intercept) : tuple of float

    Raises
    ------
    ValueError
        For fewer than two points, a constant ``x`` (a vertical line), NaN or infinity,
        ``x`` and ``y`` of different lengths, an unknown ``loss``, more than
        :data:`LAD_MAX_POINTS` points with ``loss="absolute"``, or data whose slope
        overflows float64 (``x`` values 1e-310 apart, say). With ``loss="absolute"``
        only lines through two such extremely close points are skipped.

    Notes
    -----
    **Why the absolute loss resists an outlier and the squared loss does not.** At the
    best line the derivative of the loss is zero. For the squared loss, with respect to
    the intercept it is :math:`-2\sum_i r_i`, so the residuals average to zero and the
    line passes through the centre :math:`(\bar x, \bar y)`: the fit is *mean-like*.
    Each point pulls in proportion to its residual, so a point 100 units off pulls 100
    times harder than one 1 unit off; moving an outlier further away keeps dragging the
    line after it. For the absolute loss the (sub)derivative is
    :math:`-\sum_i \operatorname{sign}(r_i)`: the line has (about) as many points above
    as below, the condition that defines a median, so the fit is *median-like*. Each
    point counts only by which side of the line it is on, never by how far: an outlier
    moved further away on the same side changes nothing, just as the median of
    ``[1, 2, 3, 4, 100]`` stays 3 when 100 becomes 1000. (The example below shows both.)
    This robustness is to outliers in ``y``. A point with an extreme ``x`` (a high
    leverage point) can still tilt the LAD line towards it.

    **Ties.** The LAD line need not be unique: for points at the corners of a square,
    say, many lines have the same least sum. Then the candidate lines whose sum of
    absolute residuals is within a relative 1e-12 of the least (that is, equal up to
    rounding) count as tied, and the line through the pair of points ``(i, j)``,
    ``i < j``, that comes first in the order (0, 1), (0, 2), ..., (1, 2), ... (the
    smallest indices) is returned. The same points in another order can therefore give
    another, equally good, line. Least squares always has a unique line.

    Examples
    --------
    Four points on y = 2x + 1 and an outlier at x = 4 (the line says 9):

    >>> x, y = [0, 1, 2, 3, 4], [1, 3, 5, 7, 30]
    >>> fit_line(x, y, loss="absolute")
    (2.0, 1.0)
    >>> [round(v, 6) for v in fit_line(x, y)]  # dragged towards the outlier
    [6.2, -3.2]

    Moving the outlier ten times further away moves only the least-squares line:

    >>> fit_line(x, [1, 3, 5, 7, 300], loss="absolute")
    (2.0, 1.0)
    >>> [round(v, 6) for v in fit_line(x, [1, 3, 5, 7, 300])]
    [60.2, -57.2]

    A tie: the corners of a unit square. Lines through (0, 0) and (1, 0), through (0, 0)
    and (1, 1), and many others all have the least sum 2; the pair (0, 2) comes first:

    >>> fit_line([0, 0, 1, 1], [0, 1, 0, 1], loss="absolute")
    (0.0, 0.0)

    References
    ----------
    P. Bloomfield and W. L. Steiger, *Least Absolute Deviations: Theory, Applications,
    and Algorithms*, Birkhäuser, 1983 (an optimal LAD line through two data points).
    """
    if loss not in ("squared", "absolute"):
        raise ValueError(f"`loss` must be 'squared' or 'absolute', got {loss!r}.")
    x, y = check_line_points(x, y)
    if loss == "squared":
        dx, dy = x - x.mean(), y - y.mean()
        with np.errstate(all="ignore"):
            slope = np.dot(dx, dy) / np.dot(dx, dx)
            intercept = y.mean() - slope * x.mean()
        return _finite_line(slope, intercept)
    n = x.shape[0]
    if n > LAD_MAX_POINTS:
        raise ValueError(
            f"`loss='absolute'` fits at most {LAD_MAX_POINTS} points exactly (it tries "
            f"every line through two points), got {n}. Pass a random subset of the "
            "points, or use a linear-programming solver (scipy.optimize.linprog) or "
            "sklearn.linear_model.QuantileRegressor(quantile=0.5, alpha=0)."
        )
    first, second = np.triu_indices(n, k=1)     # pairs i < j in lexicographic order
    keep = x[first] != x[second]
    first, second = first[keep], second[keep]
    sums = np.empty(first.shape[0])
    chunk = max(1, 200_000 // n)                # bounds memory at ~1.6 MB per block
    with np.errstate(all="ignore"):             # x values 1e-310 apart: infinite slope
        slopes = (y[second] - y[first]) / (x[second] - x[first])
        intercepts = y[first] - slopes * x[first]
        for start in range(0, slopes.shape[0], chunk):
            part = slice(start, start + chunk)
            residuals = y - intercepts[part, None] - slopes[part, None] * x
            sums[part] = np.abs(residuals).sum(axis=1)
    sums[~np.isfinite(sums)] = np.inf
    best = int(np.argmin(sums))
    if np.isfinite(sums[best]):
        scale = (np.abs(y).sum() + n * abs(intercepts[best])
                 + abs(slopes[best]) * np.abs(x).sum())
        best = int(np.flatnonzero(sums <= sums[best] + 1e-12 * scale)[0])
    return _finite_line(slopes[best], intercepts[best])


def _finite_line(slope, intercept):
    if not (np.isfinite(slope) and np.isfinite(intercept)):
        raise ValueError(
            "The fitted line has an infinite or undefined slope or intercept: the `x` values "
            "are too close together for their spread, or the values too large, to compute "
            "in float64. Rescale `x` and `y` (e.g. subtract the mean, divide by the standard "
            "deviation) and fit again."
        )
    return float(slope), float(intercept)

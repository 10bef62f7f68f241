"""Private helpers that several data set modules share: argument checks and the digits.

Nothing here is public; each helper sits in the module that uses it unless two or more
modules do.
"""

from __future__ import annotations

import math
import numbers

import numpy as np


def _digits():
    """The 1,797 digits as (X, y): pixels divided by 16, labels 0-9 as int64."""
    from sklearn.datasets import load_digits

    # Ships inside scikit-learn: no download. Pixels are integers 0..16.
    X, y = load_digits(return_X_y=True)
    return X / 16.0, y.astype(np.int64)


def _check_real(value, name, *, minimum=None):
    """``value`` as a float; a ValueError naming ``name`` unless finite (and >= minimum)."""
    if (isinstance(value, bool) or not isinstance(value, numbers.Real)
            or not math.isfinite(value) or (minimum is not None and value < minimum)):
        bound = "" if minimum is None else f" >= {minimum:g}"
        raise ValueError(f"`{name}` must be a finite number{bound}, got {value!r}.")
    return float(value)


def _check_unit_interval(value, name):
    """``value`` as a float; a ValueError naming ``name`` unless it is in [0, 1]."""
    if (isinstance(value, bool) or not isinstance(value, numbers.Real)
            or not math.isfinite(value) or not 0 <= value <= 1):
        raise ValueError(f"`{name}` must be a number in [0, 1], got {value!r}.")
    return float(value)

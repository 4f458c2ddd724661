"""The types every layer shares, defined once: arrays and the scalar results."""

from __future__ import annotations

from fractions import Fraction
from typing import Any, TypeAlias

import numpy as np

#: A numpy array: float64 for float data, object dtype holding ``Fraction`` for exact data.
NDArray: TypeAlias = np.ndarray[Any, Any]

#: A single result: a ``Fraction`` for exact inputs, a ``float`` otherwise.
Value: TypeAlias = Fraction | float

__all__ = ["NDArray", "Value"]

"""Immutability, one way: read-only arrays, frozen result dataclasses, immutable objects.

credal's values never change after construction (an object that exists is valid). Four
helpers cover every case:

* :func:`readonly` marks an array the caller owns read-only, :func:`frozen` gives a
  read-only array without touching someone else's (a copy when it is writeable);
* :func:`frozen_dataclass` makes a frozen dataclass whose array fields are read-only, also
  after unpickling (numpy arrays come back from pickle writeable, so it pickles through the
  constructor);
* :class:`Immutable` is the base of the classes that are not dataclasses: attributes are
  set once, in ``__init__``, through :meth:`Immutable._set`, and never again;
* :class:`FrozenDict` is a dict that cannot change, for results keyed by labels.

This module imports nothing from credal but :mod:`credal._core.types`.

Examples
--------
>>> import numpy as np
>>> from credal._core.frozen import frozen_dataclass
>>> @frozen_dataclass
... class Result:
...     value: float
...     point: np.ndarray
>>> given = np.array([0.25, 0.75])
>>> r = Result(0.5, given)
>>> r.point.flags.writeable, given.flags.writeable  # a read-only copy; the caller's untouched
(False, True)
>>> Result.__reduce__(r)[1][1] is r.point  # pickled through the constructor
True
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, overload

import numpy as np

from .types import NDArray

if TYPE_CHECKING:  # typing has it from Python 3.11 on; only the type checker needs it
    from typing_extensions import dataclass_transform
else:
    def dataclass_transform(**_: Any) -> Callable[[T], T]:
        return lambda f: f

__all__ = ["readonly", "frozen", "reduce_dataclass", "frozen_dataclass", "Immutable", "FrozenDict"]

T = TypeVar("T")


def readonly(arr: NDArray) -> NDArray:
    """Mark ``arr`` read-only (in place) and return it: for arrays the caller just made."""
    arr.flags.writeable = False
    return arr


def frozen(value: Any) -> Any:
    """``value`` as a stored result holds it: an ndarray read-only (itself when it already
    is, else a read-only copy, so that an array someone else owns is never touched),
    anything else unchanged."""
    if isinstance(value, np.ndarray) and value.flags.writeable:
        return readonly(value.copy())
    return value


def reduce_dataclass(obj: Any) -> tuple[Any, ...]:
    """``__reduce__`` of a frozen dataclass: rebuild it through its constructor, so that its
    ``__post_init__`` runs again after unpickling (only fields that are ``init`` fields)."""
    return (type(obj), tuple(getattr(obj, f.name) for f in dataclasses.fields(obj) if f.init))


def _freeze_fields(self: Any) -> None:
    for f in dataclasses.fields(self):
        value = getattr(self, f.name)
        if isinstance(value, np.ndarray) and value.flags.writeable:
            object.__setattr__(self, f.name, readonly(value.copy()))


@overload
def frozen_dataclass(cls: type[T], /) -> type[T]: ...


@overload
def frozen_dataclass(*, eq: bool = True, repr: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen_dataclass(cls: type[T] | None = None, /, *, eq: bool = True,
                     repr: bool = True) -> Any:
    """``@dataclass(frozen=True)`` whose ndarray fields are read-only.

    After the generated ``__init__`` every field holding a writeable ndarray is replaced by
    a read-only copy (:func:`frozen`); then the class's own ``__post_init__``, if it has one,
    runs (for arrays inside containers, say). Unless the class defines ``__reduce__``, it
    pickles through its constructor (:func:`reduce_dataclass`), so the arrays are read-only
    again after unpickling.
    """

    def wrap(klass: type[T]) -> type[T]:
        own_post = klass.__dict__.get("__post_init__")

        def __post_init__(self: Any) -> None:
            _freeze_fields(self)
            if own_post is not None:
                own_post(self)

        klass.__post_init__ = __post_init__  # type: ignore[attr-defined]
        if "__reduce__" not in klass.__dict__:
            klass.__reduce__ = reduce_dataclass  # type: ignore[assignment,method-assign]
        return dataclasses.dataclass(frozen=True, eq=eq, repr=repr)(klass)

    return wrap if cls is None else wrap(cls)


class Immutable:
    """Base of immutable classes that are not dataclasses.

    Attributes are set in ``__init__`` with :meth:`_set` (which also makes arrays the object
    owns read-only, see :func:`readonly`); assigning or deleting one afterwards raises
    ``AttributeError``. Subclasses that pickle define ``__reduce__`` (through their
    constructor, so that the validation runs again).
    """

    __slots__ = ()

    def _set(self, name: str, value: Any, *, own: bool = False) -> None:
        """Set attribute ``name`` once, at construction. An ndarray is stored read-only: in
        place when the object ``own``s it (it was made for this object), else as
        :func:`frozen` (a read-only copy of a writeable array)."""
        if isinstance(value, np.ndarray):
            value = readonly(value) if own else frozen(value)
        object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable; cannot delete {name!r}")


class FrozenDict(dict):  # type: ignore[type-arg]
    """A ``dict`` that cannot change after construction: results that map labels to values
    (a value per state, a distribution per state-action pair) read and print as plain
    dicts, and mutating one raises ``TypeError``.

    >>> d = FrozenDict({"a": 1})
    >>> d, d == {"a": 1}
    ({'a': 1}, True)
    >>> d["b"] = 2
    Traceback (most recent call last):
    ...
    TypeError: FrozenDict is immutable; cannot change it
    """

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(f"{type(self).__name__} is immutable; cannot change it")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse
    __ior__ = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

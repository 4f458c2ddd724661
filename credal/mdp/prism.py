r"""Interval MDPs in PRISM's explicit text format: read them, write them.

PRISM keeps a model that is already built in plain text files (Kwiatkowska, Norman &
Parker 2011; the file formats are described in the appendix "Explicit Model Files" of the
PRISM manual):

* ``.tra``, the transitions. A header line ``n c m`` (states, choices, transitions) and one
  line ``i k j x [a]`` per transition: source state ``i``, its choice ``k`` (numbered
  ``0, 1, ...`` within the state), destination ``j``, the probability ``x`` and an optional
  action label ``a``. For an interval MDP (IMDP) ``x`` is an interval ``[lo,hi]``. A Markov
  chain has the header ``n m`` and lines ``i j x [a]``. Indices start at 0.
* ``.sta``, the states: a header ``(v1,...,vn)`` naming the variables and one line
  ``i:(x1,...,xn)`` per state.
* ``.lab``, the labels: a header such as ``0="init" 1="deadlock" 2="goal"`` and lines
  ``i: 0 2`` listing the labels true in state ``i``.
* ``.srew`` and ``.trew``, the state and transition rewards: a header ``n m`` (``n c m``
  for an MDP's transition rewards) and lines ``i r`` (``i k j r``).

:func:`load_prism` reads them into a :class:`PrismModel` whose :attr:`~PrismModel.mdp` is a
:class:`~credal.mdp.SupraMDP` (held in compressed sparse rows: a model never occupies
``S x A x S`` memory); :func:`save_prism` writes an interval model back.

Numbers are read exactly by default: every number in these files is a decimal or ``p/q``
literal, and ``0.1`` is read as ``1/10`` (by :func:`credal._core.numbers.parse_number_string`,
the one number parser), so the values come back as exact ``Fraction`` objects; a file whose
rounded decimals admit no distribution exactly is read in float64 (see ``numbers`` in
:func:`load_prism`).

Examples
--------
>>> import io
>>> from credal.mdp.prism import load_prism
>>> tra = io.StringIO('''3 4 6
... 0 0 1 [1/4,1/2] go
... 0 0 2 [1/2,3/4] go
... 0 1 0 1 wait
... 1 0 1 1 stay
... 2 0 2 1 stay
... 2 1 0 1 back
... ''')
>>> lab = io.StringIO('0="init" 1="deadlock" 2="goal"\n0: 0\n1: 2\n')
>>> P = load_prism(tra, lab=lab)
>>> P.mdp.actions(0), P.labels["goal"], P.initial
(('go', 'wait'), frozenset({1}), frozenset({0}))
>>> P.mdp.reachability(P.labels["goal"], horizon=3).values[0]
Fraction(7, 16)
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import IO, Any

import numpy as np

from .._core import numbers as nums
from .._core.arith import EXACT, FLOAT
from .._core.frozen import FrozenDict
from .._core.types import NDArray
from ..errors import InvalidArgumentError
from ._kernels import IntervalKernel
from ._model import SupraMDP

__all__ = ["PrismModel", "load_prism", "save_prism"]

#: Float tolerance on ``sum(lower) <= 1 <= sum(upper)`` (the one :meth:`SupraMDP.from_intervals`
#: uses for float input).
FLOAT_SUM_TOL = 1e-9

NUMBERS = ("auto", "exact", "float")
ACTIONS = ("auto", "index", "label")
DEADLOCKS = ("loop", "error")

#: A text source: a path, or an open text file.
Source = str | os.PathLike[str] | IO[str]

_LABEL_ITEM = re.compile(r'\s*(\d+)="([^"]*)"')
_TOKEN = re.compile(r"\[[^\]]*\]|\S+")


@dataclass(frozen=True)
class PrismModel:
    """An interval MDP read by :func:`load_prism`.

    Attributes
    ----------
    mdp : SupraMDP
        The model. Its states are the value tuples of the ``.sta`` file when one was given
        (``(x1, ..., xn)``, ints and bools, a 1-tuple for a single variable), else the
        indices ``0 .. S-1``. Its actions are the choice indices ``0, 1, ...`` or the
        action labels (see :func:`load_prism`).
    labels : mapping str -> frozenset
        Every label of the ``.lab`` header (``"init"`` and ``"deadlock"`` included), to the
        states it holds in; empty without a ``.lab`` file.
    initial : frozenset
        The states labelled ``"init"``; without a ``.lab`` file, state 0 (PRISM's rule).
    deadlocks : frozenset
        The states with no transition in the ``.tra`` file, which were given a self-loop.
    variables : tuple of str
        The state variables named by the ``.sta`` header (empty without one).
    """

    mdp: SupraMDP
    labels: Mapping[str, frozenset[Hashable]]
    initial: frozenset[Hashable]
    deadlocks: frozenset[Hashable]
    variables: tuple[str, ...]

    @property
    def states(self) -> tuple[Hashable, ...]:
        """The states of :attr:`mdp`, in index order."""
        return self.mdp.states


# ------------------------------------------------------------------------------ sources
class _Text:
    """The lines of one file, with its name for messages."""

    def __init__(self, source: Any, what: str) -> None:
        if isinstance(source, str | os.PathLike):
            self.name = os.fspath(source)
            try:
                with open(source, encoding="utf-8") as fh:
                    self.text = fh.read()
            except OSError as exc:
                raise InvalidArgumentError(
                    f"{what}: cannot read {self.name!r} ({exc.strerror or exc}); give the path "
                    f"of an existing {what} file or an open text file") from None
        elif hasattr(source, "read"):
            self.name = str(getattr(source, "name", f"<{what}>"))
            text = source.read()
            if not isinstance(text, str):
                raise InvalidArgumentError(
                    f"{what}: {self.name} was opened in binary mode; open it in text mode "
                    f"(open(path, encoding='utf-8'))")
            self.text = text
        else:
            raise InvalidArgumentError(
                f"{what} must be a path or an open text file, got {nums.show(source)}")

    def lines(self) -> Iterator[tuple[int, str]]:
        """``(line number, stripped line)`` of the lines that are neither blank nor
        comments (``#``)."""
        for number, line in enumerate(self.text.splitlines(), start=1):
            line = line.strip()
            if line and not line.startswith("#"):
                yield number, line

    def fail(self, line: int | str | None, problem: str) -> InvalidArgumentError:
        where = self.name if line is None else f"{self.name}:{line}"
        return InvalidArgumentError(f"{where}: {problem}")


class _Numbers:
    """Number strings to exact ``Fraction`` values, each distinct string parsed once."""

    def __init__(self) -> None:
        self.seen: dict[str, Fraction] = {}

    def __call__(self, token: str, src: _Text, line: int, what: str) -> Fraction:
        value = self.seen.get(token)
        if value is None:
            try:
                value = nums.parse_number_string(token, what)
            except InvalidArgumentError:
                raise src.fail(line, f"{what} {nums.show(token, 40)} is not a number (write "
                                     f"decimals such as 0.25 or rationals such as 1/3)"
                                ) from None
            self.seen[token] = value
        return value


def _index(token: str, src: _Text, line: int, what: str) -> int:
    if not (token.isascii() and token.isdigit()):
        raise src.fail(line, f"{what} {nums.show(token, 40)} is not an index; write a "
                             f"non-negative integer")
    return int(token)


def _header_counts(tokens: list[str], src: _Text, line: int, form: str) -> list[int]:
    counts = []
    for t in tokens:
        if not (t.isascii() and t.isdigit()):
            raise src.fail(line, f"the header {' '.join(tokens)!r} must be {form} "
                                 f"(non-negative integers); {nums.show(t, 40)} is not one")
        counts.append(int(t))
    return counts


# --------------------------------------------------------------------------- the reader
def load_prism(tra: Source, *, sta: Source | None = None, lab: Source | None = None,
               srew: Source | None = None, trew: Source | None = None,
               numbers: str = "auto", actions: str = "auto",
               deadlocks: str = "loop") -> PrismModel:
    r"""Read an interval MDP (or MDP, interval Markov chain, Markov chain) from PRISM's
    explicit files.

    Parameters
    ----------
    tra : path or open text file
        The transitions. Header ``n c m`` (an MDP) or ``n m`` (a Markov chain: one choice,
        named ``0``, per state); lines ``i k j x [a]`` (``i j x [a]``). ``x`` is an interval
        ``[lo,hi]`` (spaces inside allowed) or one probability ``p``, read as ``[p,p]``.
        Lines may come in any order. The header's choice and transition counts are not
        checked against the lines (PRISM does not check them either, and some writers get
        them wrong); its state count is the range of the indices.
    sta : path or open text file, optional
        The states: they become the value tuples it lists (ints for integers, bools for
        ``true``/``false``, other values as their text).
    lab : path or open text file, optional
        The labels, into :attr:`PrismModel.labels` and :attr:`PrismModel.initial`.
    srew, trew : path or open text file, optional
        State rewards (``n m``, then ``i r``) and transition rewards (``n c m``, then
        ``i k j r``: one reward per choice, so it must be the same on all of a choice's
        lines, as PRISM requires). The model's reward of taking choice ``k`` in state ``i``
        is ``srew(i) + trew(i, k)``: PRISM's cumulative reward over ``H`` steps is then
        ``M.solve(horizon=H)``.
    numbers : {"auto", "exact", "float"}
        ``"exact"``: every number is read exactly (``0.1`` is ``1/10``), the model is exact
        and so are its values. ``"float"``: float64, with the interval sums checked to
        within ``1e-9``. ``"auto"`` (default): exact, unless some choice's bounds admit no
        distribution exactly but do to within ``1e-9`` (decimals rounded when written,
        such as three successors at ``0.3333333333333333``): then the whole model is read
        in float64.
    actions : {"auto", "index", "label"}
        What the actions are called. ``"index"``: the choice indices ``0, 1, ...`` of each
        state. ``"label"``: the action labels of the fifth column, which every choice must
        carry, distinct within a state. ``"auto"`` (default): the labels when every choice
        carries one, else the indices. A state's actions are listed in the order of its
        choice indices.
    deadlocks : {"loop", "error"}
        A state with no transition gets a self-loop with probability 1 (``"loop"``, what
        PRISM and Storm do; its action is ``0``, or ``None`` when the actions are labels),
        or is an error.

    Returns
    -------
    PrismModel

    Raises
    ------
    InvalidArgumentError
        With a one-line message ``FILE:LINE: problem; fix``: an unreadable file, a bad
        header, a wrong number of columns, a non-number, an index out of range, an
        interval with ``lo > hi`` or outside ``[0, 1]``, a duplicate transition, a state
        whose choices are not numbered ``0, 1, ...``, a choice with two action labels, a
        choice whose intervals cannot sum to 1 (``FILE:FIRST-LAST``: its lines), a label
        or state line naming an unknown state or label.

    Notes
    -----
    Cost: one pass over each file; memory linear in the number of transitions. The model
    holds the transitions in compressed sparse rows (one row per choice, a successor
    not listed is ``[0, 0]``), as :meth:`SupraMDP.from_intervals` does with sparse input,
    but built from the rows directly: ``scipy.sparse`` cannot hold exact ``Fraction``
    bounds, and the ``(S*A, S)`` layout of ``from_intervals`` would impose one action order
    on every state (PRISM orders each state's choices on its own). Each distinct number
    string is parsed once; the exact sums are computed only for the choices whose float
    sums are within ``1e-9`` of 1.

    Not read: POMDPs (``n c m o``), PRISM's row form (``i p:j ...``), initial-state lines
    ``- - s ...`` and ``.pctl`` property files.
    """
    for name, value, allowed in (("numbers", numbers, NUMBERS), ("actions", actions, ACTIONS),
                                 ("deadlocks", deadlocks, DEADLOCKS)):
        if value not in allowed:
            raise InvalidArgumentError(
                f"{name} must be one of {', '.join(map(repr, allowed))}, got {value!r}")
    src = _Text(tra, "tra")
    parsed = _parse_tra(src)
    t = _check_transitions(src, parsed, numbers)
    chosen = _choose_actions(src, t, actions, deadlocks)
    n = t.n_states
    state_labels: list[Hashable] = list(range(n))
    variables: tuple[str, ...] = ()
    if sta is not None:
        variables, state_labels = _parse_sta(_Text(sta, "sta"), n)
    labels: dict[str, frozenset[Hashable]] = {}
    initial: frozenset[Hashable] = frozenset({state_labels[0]})
    if lab is not None:
        label_sets = _parse_lab(_Text(lab, "lab"), n)
        labels = {k: frozenset(state_labels[i] for i in v) for k, v in label_sets.items()}
        initial = labels.get("init", frozenset())
    reward = _rewards(t, chosen, srew, trew)
    mdp = _build(t, chosen, state_labels, reward)
    dead = frozenset(state_labels[i] for i in chosen.deadlocks)
    return PrismModel(mdp, FrozenDict(labels), initial, dead, variables)


@dataclass
class _Parsed:
    """The ``.tra`` lines, column by column (the bounds exact and as floats)."""

    n_states: int
    chain: bool
    src: list[int]
    choice: list[int]
    dst: list[int]
    lo: list[Fraction]
    hi: list[Fraction]
    flo: list[float]
    fhi: list[float]
    line: list[int]
    action: list[str | None]


_Interval = tuple[Fraction, Fraction, float, float]


def _parse_tra(src: _Text) -> _Parsed:
    lines = src.lines()
    first = next(lines, None)
    if first is None:
        raise src.fail(None, "the transitions file is empty; it needs a header 'n c m' "
                             "(states, choices, transitions) and one line per transition")
    hline, header = first
    tokens = header.split()
    if len(tokens) == 4:
        raise src.fail(hline, f"the header {header!r} has four numbers, a POMDP's; only MDPs "
                              f"('n c m') and Markov chains ('n m') are read")
    if len(tokens) not in (2, 3):
        raise src.fail(hline, f"the header {nums.show(header, 60)} must be 'n c m' (states, "
                              f"choices, transitions) for an MDP or 'n m' for a Markov chain")
    counts = _header_counts(tokens, src, hline, "'n c m' or 'n m'")
    n = counts[0]
    if n == 0:
        raise src.fail(hline, f"the header {header!r} declares no states; a model needs at "
                              f"least one")
    chain = len(tokens) == 2
    ncol = 3 if chain else 4
    form = "'i j x [action]'" if chain else "'i k j x [action]'"
    p = _Parsed(n, chain, [], [], [], [], [], [], [], [], [])
    intervals: dict[str, _Interval] = {}
    number = _Numbers()
    for ln, text in lines:
        toks = _TOKEN.findall(text) if "[" in text else text.split()
        if toks[0] == "-":
            raise src.fail(ln, f"{nums.show(text, 40)}: initial-state lines ('- - s ...') are "
                               f"not read; give the initial states as label 0=\"init\" in a "
                               f".lab file")
        if len(toks) not in (ncol, ncol + 1):
            raise src.fail(ln, f"{len(toks)} columns in {nums.show(text, 60)}; each line must "
                               f"be {form} ({ncol} or {ncol + 1} columns) under the header "
                               f"{header!r}")
        try:  # the common case; anything odd is diagnosed by _index
            i, k, j = (int(toks[0]), 0, int(toks[1])) if chain else \
                (int(toks[0]), int(toks[1]), int(toks[2]))
            if min(i, k, j) < 0:
                raise ValueError
        except ValueError:
            i = _index(toks[0], src, ln, "the source state")
            k = 0 if chain else _index(toks[1], src, ln, "the choice")
            j = _index(toks[ncol - 2], src, ln, "the destination state")
        if i >= n or j >= n:
            what, bad = ("source", i) if i >= n else ("destination", j)
            raise src.fail(ln, f"the {what} state {bad} is out of range: the header declares "
                               f"{n} states (indices 0 to {n - 1}); fix the index or the "
                               f"header")
        x = toks[ncol - 1]
        bounds = intervals.get(x)
        if bounds is None:
            bounds = intervals[x] = _interval(x, src, ln, number)
        p.src.append(i)
        p.choice.append(k)
        p.dst.append(j)
        p.lo.append(bounds[0])
        p.hi.append(bounds[1])
        p.flo.append(bounds[2])
        p.fhi.append(bounds[3])
        p.line.append(ln)
        p.action.append(toks[ncol] if len(toks) > ncol else None)
    return p


def _interval(x: str, src: _Text, ln: int, number: _Numbers) -> _Interval:
    """The checked bounds of one probability column: ``[lo,hi]`` or ``p`` (``[p,p]``)."""
    if x.startswith("["):
        parts = x[1:-1].split(",") if x.endswith("]") else []
        if len(parts) != 2:
            raise src.fail(ln, f"{nums.show(x, 40)} is not an interval; write [lo,hi], e.g. "
                               f"[0.1,0.25]")
        lo = number(parts[0].strip(), src, ln, "the lower bound")
        hi = number(parts[1].strip(), src, ln, "the upper bound")
    else:
        lo = hi = number(x, src, ln, "the probability")
    if lo > hi:
        raise src.fail(ln, f"the interval {x} has its lower bound above its upper bound; write "
                           f"[lo,hi] with lo <= hi")
    if lo < 0 or hi > 1:
        raise src.fail(ln, f"the interval {x} is not inside [0, 1]; write probabilities "
                           f"between 0 and 1")
    return lo, hi, float(lo), float(hi)


@dataclass
class _Transitions:
    """The checked transitions, grouped by choice: entries sorted by (state, choice)."""

    n_states: int
    chain: bool
    order: NDArray  # entry order: by (state, choice), file order within a choice
    starts: NDArray  # first entry (in ``order``) of each choice
    pair_state: NDArray  # per choice
    pair_choice: NDArray  # per choice
    pair_action: list[str | None]  # per choice: its label (None: unlabelled)
    dst: NDArray
    lo: NDArray  # object arrays of Fraction, or float64
    hi: NDArray
    line: NDArray
    exact: bool
    fhi: NDArray  # the upper bounds as floats (for cheap zero tests)


def _object_array(values: list[Any], order: NDArray) -> NDArray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    result: NDArray = out[order]
    return result


def _check_transitions(src: _Text, p: _Parsed, numbers: str) -> _Transitions:
    n = p.n_states
    if not p.src:
        empty = np.zeros(0, np.int64)
        return _Transitions(n, p.chain, empty, empty, empty, empty, [], empty,
                            np.zeros(0, dtype=object), np.zeros(0, dtype=object), empty,
                            numbers != "float", np.zeros(0))
    s = np.asarray(p.src, dtype=np.int64)
    k = np.asarray(p.choice, dtype=np.int64)
    j = np.asarray(p.dst, dtype=np.int64)
    line = np.asarray(p.line, dtype=np.int64)
    # a transition given twice
    by_dst = np.lexsort((line, j, k, s))
    same = (np.diff(s[by_dst]) == 0) & (np.diff(k[by_dst]) == 0) & (np.diff(j[by_dst]) == 0)
    if same.any():
        a, b = by_dst[int(np.argmax(same))], by_dst[int(np.argmax(same)) + 1]
        what = f"state {s[b]} to state {j[b]}" if p.chain else \
            f"choice {k[b]} of state {s[b]} to state {j[b]}"
        raise src.fail(int(line[b]), f"the transition from {what} is given twice (also on "
                                     f"line {line[a]}); give each transition once")
    order = np.lexsort((line, k, s))
    s_o, k_o = s[order], k[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (s_o[1:] != s_o[:-1]) | (k_o[1:] != k_o[:-1])
    starts = np.flatnonzero(new)
    ends = np.append(starts[1:], len(order))
    pair_state, pair_choice = s_o[starts], k_o[starts]
    # the choices of a state are 0, 1, 2, ...
    first_of_state = np.ones(len(starts), dtype=bool)
    first_of_state[1:] = pair_state[1:] != pair_state[:-1]
    base = np.maximum.accumulate(np.where(first_of_state, np.arange(len(starts)), 0))
    expected = np.arange(len(starts)) - base
    gap = np.flatnonzero(pair_choice != expected)
    if len(gap):
        g = int(gap[0])
        raise src.fail(int(line[order[starts[g]]]),
                       f"state {pair_state[g]} has choice {pair_choice[g]} but no choice "
                       f"{expected[g]}; the choices of a state are numbered 0, 1, 2, ...")
    # one action label per choice (a Markov chain's labels name transitions, not choices)
    codes: dict[str | None, int] = {}
    label_code = np.array([codes.setdefault(a, len(codes)) for a in p.action],
                          dtype=np.int64)[order]
    differs = np.flatnonzero((label_code[1:] != label_code[:-1]) & ~new[1:]) + 1
    if len(differs) and not p.chain:
        e = int(differs[0])
        c = int(np.searchsorted(starts, e, side="right")) - 1
        first = int(order[starts[c]])
        raise src.fail(int(line[order[e]]),
                       f"choice {pair_choice[c]} of state {pair_state[c]} has the action "
                       f"label {p.action[int(order[e])]!r} here but {p.action[first]!r} on "
                       f"line {line[first]}; all lines of a choice carry the same label")
    pair_action = [p.action[int(e)] for e in order[starts]]
    flo = np.asarray(p.flo, dtype=np.float64)[order]
    fhi = np.asarray(p.fhi, dtype=np.float64)[order]
    lines_o = line[order]
    float_bad = _sum_failures(flo, fhi, starts, tol=FLOAT_SUM_TOL)
    exact = numbers != "float"
    if exact:
        lo, hi = _object_array(p.lo, order), _object_array(p.hi, order)
        # exact sums only where the float sums cannot decide: a float bound is within
        # u = 2**-53 of its exact value and a sum of k floats in [0, 1] is within k*k*u of
        # the exact sum of those floats, so for k <= 2000 a float sum clearing 1 by 1e-9
        # clears it exactly
        unsure = np.flatnonzero(~_clear(flo, fhi, starts, 1e-9) | (ends - starts > 2000))
        bad = unsure[_sum_failures(lo, hi, starts[unsure], ends[unsure])] if len(unsure) \
            else unsure
        if len(bad):
            if numbers == "auto" and not len(float_bad):
                exact = False
            else:  # name a choice that is wrong in floats too, if there is one
                really = np.intersect1d(bad, float_bad)
                c = int(really[0] if len(really) else bad[0])
                hint = "" if len(really) else (
                    "; they do to within 1e-9, so if the numbers were rounded when written, "
                    "pass numbers='float' (or 'auto')")
                raise _sum_error(src, p.chain, c, lo, hi, starts, ends, lines_o, pair_state,
                                 pair_choice, hint)
    if not exact:
        if len(float_bad):
            raise _sum_error(src, p.chain, int(float_bad[0]), flo, fhi, starts, ends, lines_o,
                             pair_state, pair_choice, "")
        lo, hi = flo, fhi
    return _Transitions(n, p.chain, order, starts, pair_state, pair_choice, pair_action,
                        j[order], lo, hi, lines_o, exact, fhi)


def _clear(flo: NDArray, fhi: NDArray, starts: NDArray, margin: float) -> NDArray:
    """The choices whose float sums satisfy ``sum lo < 1 < sum hi`` by more than ``margin``."""
    s_lo, s_hi = np.add.reduceat(flo, starts), np.add.reduceat(fhi, starts)
    out: NDArray = (s_lo < 1 - margin) & (s_hi > 1 + margin)
    return out


def _sum_failures(lo: NDArray, hi: NDArray, starts: NDArray, ends: NDArray | None = None, *,
                  tol: float = 0) -> NDArray:
    """Which of the choices ``starts[c]:ends[c]`` (default: up to the next start) admit no
    distribution: ``sum lo > 1`` or ``sum hi < 1`` (beyond ``tol``)."""
    if ends is None:
        s_lo, s_hi = np.add.reduceat(lo, starts), np.add.reduceat(hi, starts)
    else:
        s_lo = np.array([lo[a:b].sum() for a, b in zip(starts, ends, strict=True)], dtype=object)
        s_hi = np.array([hi[a:b].sum() for a, b in zip(starts, ends, strict=True)], dtype=object)
    return np.flatnonzero(np.asarray((s_lo > 1 + tol) | (s_hi < 1 - tol), dtype=bool))


def _sum_error(src: _Text, chain: bool, c: int, lo: NDArray, hi: NDArray, starts: NDArray,
               ends: NDArray, lines_o: NDArray, pair_state: NDArray, pair_choice: NDArray,
               hint: str) -> InvalidArgumentError:
    sl = slice(int(starts[c]), int(ends[c]))
    s_lo, s_hi = lo[sl].sum(), hi[sl].sum()
    first, last = int(lines_o[sl].min()), int(lines_o[sl].max())
    where = first if first == last else f"{first}-{last}"
    what = f"state {pair_state[c]}" if chain else \
        f"choice {pair_choice[c]} of state {pair_state[c]}"
    if s_lo > 1:
        problem = (f"its lower bounds sum to {nums.number_str(s_lo)} > 1; lower them so that "
                   f"they sum to at most 1")
    else:
        problem = (f"its upper bounds sum to {nums.number_str(s_hi)} < 1; raise them (or add "
                   f"the missing successors) so that they sum to at least 1")
    return src.fail(where, f"the intervals of {what} admit no distribution: {problem}{hint}")


@dataclass
class _Actions:
    """Each choice's action, and the deadlock states with their self-loop's action."""

    pair_action: list[Hashable]  # per choice in ``_Transitions`` order
    deadlocks: list[int]
    deadlock_action: Hashable


def _choose_actions(src: _Text, t: _Transitions, actions: str, deadlocks: str) -> _Actions:
    n = t.n_states
    has = np.zeros(n, dtype=bool)
    has[t.pair_state] = True
    dead = [int(i) for i in np.flatnonzero(~has)]
    if dead and deadlocks == "error":
        i = dead[0]
        extra = f" (and {len(dead) - 1} more)" if len(dead) > 1 else ""
        line = f"{i} {i} 1" if t.chain else f"{i} 0 {i} 1"
        raise src.fail(None, f"state {i}{extra} has no transition (a deadlock); give it one, "
                             f"e.g. the self-loop line '{line}', or pass deadlocks='loop'")
    labelled = [a is not None for a in t.pair_action]
    use_labels = not t.chain and (actions == "label" or (actions == "auto" and len(labelled)
                                                          and all(labelled)))
    if actions == "label":
        if t.chain:
            raise src.fail(None, "a Markov chain (header 'n m') has one choice per state and no "
                                 "action labels; pass actions='index' or 'auto'")
        missing = [c for c, ok in enumerate(labelled) if not ok]
        if missing:
            c = missing[0]
            ln = int(t.line[t.starts[c]])
            raise src.fail(ln, f"choice {t.pair_choice[c]} of state {t.pair_state[c]} has no "
                               f"action label (the fifth column), which actions='label' needs; "
                               f"label every choice or pass actions='index'")
    if not use_labels:
        return _Actions([int(k) for k in t.pair_choice], dead, 0)
    seen: dict[tuple[int, Hashable], int] = {}
    for c, a in enumerate(t.pair_action):
        key = (int(t.pair_state[c]), a)
        if key in seen:
            other = seen[key]
            raise src.fail(int(t.line[t.starts[c]]),
                           f"state {key[0]} has two choices labelled {a!r} (choices "
                           f"{t.pair_choice[other]} and {t.pair_choice[c]}); a state's actions "
                           f"must be distinct: relabel one, or pass actions='index' to name "
                           f"the actions by choice index")
        seen[key] = c
    return _Actions(list(t.pair_action), dead, None)


def _rewards(t: _Transitions, chosen: _Actions, srew: Source | None,
             trew: Source | None) -> dict[tuple[int, Hashable], Fraction] | None:
    """``(state index, action) -> reward`` for the pairs with a nonzero reward."""
    if srew is None and trew is None:
        return None
    n = t.n_states
    state_r: dict[int, Fraction] = {}
    if srew is not None:
        state_r = _parse_srew(_Text(srew, "srew"), n)
    choice_r: dict[tuple[int, int], Fraction] = {}
    if trew is not None:
        choice_r = _parse_trew(_Text(trew, "trew"), t)
    out: dict[tuple[int, Hashable], Fraction] = {}
    for c in range(len(t.starts)):
        i, k = int(t.pair_state[c]), int(t.pair_choice[c])
        r = state_r.get(i, Fraction(0)) + choice_r.get((i, k), Fraction(0))
        if r:
            out[(i, chosen.pair_action[c])] = r
    for i in chosen.deadlocks:
        if state_r.get(i):
            out[(i, chosen.deadlock_action)] = state_r[i]
    return out


def _parse_srew(src: _Text, n: int) -> dict[int, Fraction]:
    lines = src.lines()
    first = next(lines, None)
    if first is None:
        raise src.fail(None, "the state rewards file is empty; it needs a header 'n m' "
                             "(states, nonzero rewards) and lines 'i r'")
    hline, header = first
    tokens = header.split()
    if len(tokens) != 2:
        raise src.fail(hline, f"the header {nums.show(header, 60)} must be 'n m' (states, "
                              f"nonzero rewards)")
    count = _header_counts(tokens, src, hline, "'n m'")[0]
    if count != n:
        raise src.fail(hline, f"the header declares {count} states but the transitions file "
                              f"has {n}; give the rewards of this model")
    number = _Numbers()
    out: dict[int, Fraction] = {}
    where: dict[int, int] = {}
    for ln, text in lines:
        toks = text.split()
        if len(toks) != 2:
            raise src.fail(ln, f"{len(toks)} columns in {nums.show(text, 60)}; each line must "
                               f"be 'i r' (a state and its reward)")
        i = _index(toks[0], src, ln, "the state")
        if i >= n:
            raise src.fail(ln, f"the state {i} is out of range: the model has {n} states "
                               f"(indices 0 to {n - 1}); fix the index")
        if i in out:
            raise src.fail(ln, f"state {i} has a reward already (line {where[i]}); give each "
                               f"state's reward once")
        out[i], where[i] = number(toks[1], src, ln, "the reward"), ln
    return out


def _parse_trew(src: _Text, t: _Transitions) -> dict[tuple[int, int], Fraction]:
    n = t.n_states
    lines = src.lines()
    first = next(lines, None)
    form = "'n m' (states, nonzero rewards)" if t.chain else \
        "'n c m' (states, choices, nonzero rewards)"
    if first is None:
        raise src.fail(None, f"the transition rewards file is empty; it needs a header {form}")
    hline, header = first
    tokens = header.split()
    if len(tokens) != (2 if t.chain else 3):
        raise src.fail(hline, f"the header {nums.show(header, 60)} must be {form}, like the "
                              f"transitions file's")
    count = _header_counts(tokens, src, hline, form)[0]
    if count != n:
        raise src.fail(hline, f"the header declares {count} states but the transitions file "
                              f"has {n}; give the rewards of this model")
    choices = {(int(a), int(b)) for a, b in zip(t.pair_state, t.pair_choice, strict=True)}
    number = _Numbers()
    out: dict[tuple[int, int], Fraction] = {}
    where: dict[tuple[int, int], int] = {}
    ncol = 3 if t.chain else 4
    for ln, text in lines:
        toks = text.split()
        if len(toks) != ncol:
            want = "'i j r'" if t.chain else "'i k j r'"
            raise src.fail(ln, f"{len(toks)} columns in {nums.show(text, 60)}; each line must "
                               f"be {want}")
        i = _index(toks[0], src, ln, "the source state")
        k = 0 if t.chain else _index(toks[1], src, ln, "the choice")
        j = _index(toks[ncol - 2], src, ln, "the destination state")
        r = number(toks[ncol - 1], src, ln, "the reward")
        for what, s in (("source", i), ("destination", j)):
            if s >= n:
                raise src.fail(ln, f"the {what} state {s} is out of range: the model has {n} "
                                   f"states (indices 0 to {n - 1}); fix the index")
        if (i, k) not in choices:
            raise src.fail(ln, f"state {i} has no choice {k} in the transitions file; rewards "
                               f"belong to the model's choices")
        if (i, k) in out and out[(i, k)] != r:
            raise src.fail(ln, f"the reward {toks[ncol - 1]} differs from "
                               f"{nums.number_str(out[(i, k)])} on line {where[(i, k)]} for the "
                               f"same choice; a choice has one reward, the same on all its "
                               f"transitions (as PRISM requires)")
        out[(i, k)], where[(i, k)] = r, ln
    return out


def _parse_sta(src: _Text, n: int) -> tuple[tuple[str, ...], list[Hashable]]:
    lines = src.lines()
    first = next(lines, None)
    if first is None:
        raise src.fail(None, "the states file is empty; it needs a header '(v1,...,vn)' and a "
                             "line 'i:(x1,...,xn)' per state")
    hline, header = first
    if not (header.startswith("(") and header.endswith(")")):
        raise src.fail(hline, f"the header {nums.show(header, 60)} must be the variable names "
                              f"in parentheses, e.g. (x,y)")
    variables = tuple(v.strip() for v in header[1:-1].split(","))
    if not all(variables):
        raise src.fail(hline, f"the header {header!r} has an empty variable name; write "
                              f"(v1,...,vn)")
    values: list[tuple[Any, ...] | None] = [None] * n
    where: dict[tuple[Any, ...], int] = {}
    for ln, text in lines:
        head, colon, rest = text.partition(":")
        rest = rest.strip()
        if not colon or not (rest.startswith("(") and rest.endswith(")")):
            raise src.fail(ln, f"{nums.show(text, 60)} is not a state line; write "
                               f"i:(x1,...,xn)")
        i = _index(head.strip(), src, ln, "the state")
        if i >= n:
            raise src.fail(ln, f"the state {i} is out of range: the transitions file has {n} "
                               f"states (indices 0 to {n - 1}); fix the index")
        if values[i] is not None:
            raise src.fail(ln, f"state {i} is listed twice; list each state once")
        parts = [x.strip() for x in rest[1:-1].split(",")]
        if len(parts) != len(variables):
            raise src.fail(ln, f"{len(parts)} values for the {len(variables)} variables "
                               f"{header}; give one value per variable")
        value = tuple(_sta_value(x) for x in parts)
        if value in where:
            raise src.fail(ln, f"state {i} has the same values {rest} as the state on line "
                               f"{where[value]}; states must differ")
        values[i], where[value] = value, ln
    missing = [i for i, v in enumerate(values) if v is None]
    if missing:
        shown = ", ".join(map(str, missing[:5])) + (", ..." if len(missing) > 5 else "")
        raise src.fail(None, f"{len(missing)} of the {n} states are not listed (states "
                             f"{shown}); give a line i:(...) for every state of the "
                             f"transitions file")
    return variables, [v for v in values if v is not None]


def _sta_value(text: str) -> Hashable:
    if text == "true":
        return True
    if text == "false":
        return False
    body = text[1:] if text[:1] in "+-" else text
    if body.isascii() and body.isdigit():
        return int(text)
    return text


def _parse_lab(src: _Text, n: int) -> dict[str, set[int]]:
    lines = src.lines()
    first = next(lines, None)
    if first is None:
        raise src.fail(None, 'the labels file is empty; it needs a header such as '
                             '0="init" 1="deadlock"')
    hline, header = first
    names: dict[int, str] = {}
    pos = 0
    for m in _LABEL_ITEM.finditer(header):
        if m.start() != pos:
            break
        index, name = int(m.group(1)), m.group(2)
        if index in names:
            raise src.fail(hline, f"the label index {index} is used twice in the header; "
                                  f"give each label its own index")
        if name in names.values():
            raise src.fail(hline, f"the label {name!r} is named twice in the header; name "
                                  f"each label once")
        names[index] = name
        pos = m.end()
    if not names or header[pos:].strip():
        raise src.fail(hline, f'the header {nums.show(header, 60)} must list labels as '
                              f'i="name", e.g. 0="init" 1="deadlock" 2="goal"')
    out: dict[str, set[int]] = {name: set() for name in names.values()}
    for ln, text in lines:
        head, colon, rest = text.partition(":")
        if not colon:
            raise src.fail(ln, f"{nums.show(text, 60)} is not a label line; write 'i: j1 j2 "
                               f"...' (a state and the indices of its labels)")
        i = _index(head.strip(), src, ln, "the state")
        if i >= n:
            raise src.fail(ln, f"the state {i} is out of range: the transitions file has {n} "
                               f"states (indices 0 to {n - 1}); fix the index")
        for tok in rest.split():
            j = _index(tok, src, ln, "the label index")
            if j not in names:
                raise src.fail(ln, f"label index {j} is not in the header "
                                   f"({nums.show(header, 60)}); add it there or fix the index")
            out[names[j]].add(i)
    return out


def _build(t: _Transitions, chosen: _Actions, states: Sequence[Hashable],
           reward: Mapping[tuple[int, Hashable], Any] | None) -> SupraMDP:
    """The SupraMDP, from the transitions in compressed sparse rows (one row per choice,
    grouped by state, a state's choices in index order): memory linear in the number of
    transitions, for float and exact bounds alike."""
    n = t.n_states
    ar = EXACT if t.exact else FLOAT
    pair_state = t.pair_state
    pair_action = list(chosen.pair_action)
    counts = np.diff(np.append(t.starts, len(t.order)))
    dst, lo, hi, fhi = t.dst, t.lo, t.hi, t.fhi
    if chosen.deadlocks:  # a self-loop [1, 1] each; then back into state order
        d = np.asarray(chosen.deadlocks, dtype=np.int64)
        one = np.empty(len(d), dtype=object if t.exact else np.float64)
        one[:] = Fraction(1) if t.exact else 1.0
        by_state = np.argsort(np.concatenate([pair_state, d]), kind="stable")
        pair_state = np.concatenate([pair_state, d])[by_state]
        every = pair_action + [chosen.deadlock_action] * len(d)
        pair_action = [every[int(q)] for q in by_state]
        counts = np.concatenate([counts, np.ones(len(d), dtype=np.int64)])
        start = np.cumsum(counts) - counts  # of each choice's entries, as listed
        counts = counts[by_state]
        take = np.repeat(start[by_state] - (np.cumsum(counts) - counts), counts) + \
            np.arange(int(counts.sum()))
        dst = np.concatenate([dst, d])[take]
        lo, hi = np.concatenate([lo, one])[take], np.concatenate([hi, one])[take]
        fhi = np.concatenate([fhi, np.ones(len(d))])[take]
    # [0, 0] is no successor (lo <= hi, so hi == 0 says it; the float test first)
    keep = fhi != 0
    tiny = np.flatnonzero(~keep)
    keep[tiny] = hi[tiny] != 0
    # every choice keeps an entry: one whose bounds were all [0, 0] could not sum to 1
    kept = np.add.reduceat(keep.astype(np.int64), np.cumsum(counts) - counts)
    indptr = np.concatenate([[0], np.cumsum(kept)]).astype(np.int64)
    kernel = IntervalKernel(indptr, dst[keep], lo[keep], hi[keep], n, ar)
    act_lists: list[list[Hashable]] = [[] for _ in range(n)]
    for i, a in zip(pair_state, pair_action, strict=True):
        act_lists[int(i)].append(a)
    rewards: dict[Hashable, dict[Hashable, Any]] | None = None
    if reward:
        rewards = {}
        for (i, a), r in reward.items():
            rewards.setdefault(states[i], {})[a] = r if t.exact else float(r)
    model = SupraMDP.__new__(SupraMDP)
    model._setup(tuple(states), [tuple(a) for a in act_lists], ar, kernel, rewards)
    return model


# --------------------------------------------------------------------------- the writer
def save_prism(model: SupraMDP | PrismModel, path_stem: str | os.PathLike[str], *,
               labels: Mapping[str, Any] | None = None, initial: Any = None,
               variables: Sequence[str] | None = None) -> tuple[Path, ...]:
    """Write an interval model in PRISM's explicit format, for :func:`load_prism`, PRISM or
    another tool.

    Parameters
    ----------
    model : SupraMDP or PrismModel
        An interval model (built by :meth:`SupraMDP.from_intervals` or :func:`load_prism`).
        A :class:`PrismModel` also gives the labels, initial states and variable names.
    path_stem : path
        The files written are ``path_stem`` plus ``.tra`` and, when there is something to
        put in them, ``.sta``, ``.lab``, ``.srew`` or ``.trew``.
    labels : mapping label -> collection of states, optional
        Written to ``.lab`` (after ``0="init" 1="deadlock"``).
    initial : collection of states, optional
        The ``"init"`` states (default: ``labels["init"]`` if given).
    variables : sequence of str, optional
        The ``.sta`` variable names, when the states are tuples (default ``x0, x1, ...``).

    Returns
    -------
    tuple of Path
        The files written.

    Notes
    -----
    ``.tra``: header ``S C M``, then ``i k j [lo,hi] [a]`` for every possible successor
    (choice ``k`` is the ``k``-th action of state ``i``). The action column is written
    unless every state's actions are its choice indices ``0, 1, ...``; labels are
    ``str(action)``. Exact numbers are written as decimals when they have a finite decimal
    expansion, else as ``p/q`` (PRISM reads ``p/q`` only in its exact mode); floats as their
    shortest round-trip ``repr``, so reading them back with ``numbers="float"`` gives the
    same floats (the default ``"auto"`` reads the decimal exactly). ``.sta`` is written when
    the states are tuples; other state labels are not written (reading back numbers the
    states ``0 .. S-1`` in the model's order). Rewards go to ``.srew`` when they depend on
    the state only, else to ``.trew``. PRISM's own interval model checking refuses
    transitions with lower bound 0; this writer keeps the bounds as they are.
    """
    if isinstance(model, PrismModel):
        mdp = model.mdp
        labels = model.labels if labels is None else labels
        initial = model.initial if initial is None else initial
        variables = (model.variables or None) if variables is None else variables
    elif isinstance(model, SupraMDP):
        mdp = model
    else:
        raise InvalidArgumentError(
            f"model must be a SupraMDP or a PrismModel, got {nums.show(model)}")
    kernel = mdp._kernel
    if not isinstance(kernel, IntervalKernel):
        raise InvalidArgumentError(
            "save_prism writes interval models (SupraMDP.from_intervals, load_prism); this "
            "model's transitions are general credal sets, which PRISM's interval format "
            "cannot hold")
    stem = os.fspath(path_stem)
    states = mdp.states
    index = {s: i for i, s in enumerate(states)}
    start = mdp._start
    acts = [mdp.actions(s) for s in states]
    by_index = all(a == tuple(range(len(a))) for a in acts)
    names: list[str] = []
    if not by_index:
        for s, a_list in zip(states, acts, strict=True):
            for a in a_list:
                text = str(a)
                if not text or any(c.isspace() for c in text) or text.startswith("#"):
                    raise InvalidArgumentError(
                        f"the action {a!r} of state {s!r} cannot be a PRISM action label (it "
                        f"must be non-empty text without spaces, not starting with '#'); "
                        f"rename it")
    written: list[Path] = []
    out = io.StringIO()
    indptr, succ, lo, up = kernel.indptr, kernel.succ, kernel.lo, kernel.up
    out.write(f"{len(states)} {mdp.n_pairs} {len(succ)}\n")
    for i, a_list in enumerate(acts):
        for k, a in enumerate(a_list):
            p = int(start[i]) + k
            label = "" if by_index else f" {a}"
            for e in range(int(indptr[p]), int(indptr[p + 1])):
                out.write(f"{i} {k} {int(succ[e])} [{_num(lo[e])},{_num(up[e])}]{label}\n")
    names.append(stem + ".tra")
    _write(names[-1], out.getvalue(), written)
    tuples = [s for s in states if isinstance(s, tuple)]
    if len(tuples) == len(states) and len({len(s) for s in tuples}) == 1 and len(tuples[0]):
        width = len(tuples[0])
        var = tuple(variables) if variables is not None else tuple(f"x{v}" for v in range(width))
        if len(var) != width:
            raise InvalidArgumentError(
                f"variables names {len(var)} variables, but the states are {width}-tuples; "
                f"give one name per tuple entry")
        out = io.StringIO()
        out.write("(" + ",".join(var) + ")\n")
        for i, s in enumerate(tuples):
            out.write(f"{i}:(" + ",".join(_sta_text(x, s) for x in s) + ")\n")
        _write(stem + ".sta", out.getvalue(), written)
    if labels is not None or initial is not None:
        lab = dict(labels or {})
        init = lab.pop("init", None)
        init = init if initial is None else initial
        dead = lab.pop("deadlock", ())
        order = ["init", "deadlock", *sorted(lab)]
        sets: dict[str, Any] = {"init": init or (), "deadlock": dead, **lab}
        member: dict[int, list[int]] = {}
        for j, name in enumerate(order):
            if not name or '"' in name or any(c.isspace() for c in name):
                raise InvalidArgumentError(
                    f"the label {name!r} cannot be written to a .lab file (it must be "
                    f"non-empty, without spaces or quotes); rename it")
            for s in sets[name]:
                if s not in index:
                    raise InvalidArgumentError(
                        f"labels[{name!r}] holds {s!r}, which is not a state of the model; "
                        f"the states are {nums.show(list(states))}")
                member.setdefault(index[s], []).append(j)
        out = io.StringIO()
        out.write(" ".join(f'{j}="{name}"' for j, name in enumerate(order)) + "\n")
        for i in sorted(member):
            out.write(f"{i}: " + " ".join(map(str, sorted(member[i]))) + "\n")
        _write(stem + ".lab", out.getvalue(), written)
    r = mdp._rewards
    if any(x != 0 for x in r):
        per_state = all(len({r[int(start[i]) + k] for k in range(len(a))}) == 1
                        for i, a in enumerate(acts))
        out = io.StringIO()
        if per_state:
            nonzero = [(i, r[int(start[i])]) for i in range(len(states)) if r[int(start[i])] != 0]
            out.write(f"{len(states)} {len(nonzero)}\n")
            for i, x in nonzero:
                out.write(f"{i} {_num(x)}\n")
            _write(stem + ".srew", out.getvalue(), written)
        else:
            lines: list[str] = []
            for i, a_list in enumerate(acts):
                for k in range(len(a_list)):
                    p = int(start[i]) + k
                    if r[p] != 0:
                        lines.extend(f"{i} {k} {int(succ[e])} {_num(r[p])}\n"
                                     for e in range(int(indptr[p]), int(indptr[p + 1])))
            out.write(f"{len(states)} {mdp.n_pairs} {len(lines)}\n" + "".join(lines))
            _write(stem + ".trew", out.getvalue(), written)
    return tuple(written)


def _write(path: str, text: str, written: list[Path]) -> None:
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise InvalidArgumentError(
            f"path_stem: cannot write {path!r} ({exc.strerror or exc}); give a stem in a "
            f"writable directory") from None
    written.append(Path(path))


def _num(x: Any) -> str:
    """A number as PRISM text: a decimal when exact and finite in base 10, else ``p/q``;
    a float's shortest round-trip ``repr``."""
    if isinstance(x, Fraction | int):
        q = Fraction(x)
        d = q.denominator
        twos = (d & -d).bit_length() - 1
        rest = d >> twos
        fives = 0
        while rest % 5 == 0:
            rest //= 5
            fives += 1
        if rest != 1:
            return f"{q.numerator}/{q.denominator}"
        places = max(twos, fives)
        scaled = q.numerator * 10 ** places // d
        sign, digits = ("-" if scaled < 0 else ""), str(abs(scaled))
        if places == 0:
            return sign + digits
        digits = digits.rjust(places + 1, "0")
        return f"{sign}{digits[:-places]}.{digits[-places:]}"
    return repr(float(x))


def _sta_text(x: Any, state: Any) -> str:
    if isinstance(x, bool):
        return "true" if x else "false"
    text = str(x)
    if not text or any(c in text for c in ",()") or any(c.isspace() for c in text):
        raise InvalidArgumentError(
            f"the state {state!r} cannot be written to a .sta file: its value {x!r} must be "
            f"an int, a bool or text without commas, parentheses or spaces")
    return text

"""Problem files: a belief, acts and a DDT problem written in TOML or JSON.

A problem file is what ``credal decide`` and ``credal ddt`` read. The same structure works
in TOML (``.toml``, or any other suffix) and JSON (``.json``)::

    outcomes = ["H", "T"]

    [belief]                  # exactly one way of giving the credal set
    lower = {H = "0.28"}      # with upper: probability intervals
    upper = {H = "0.7"}

    [acts]                    # name = gamble (a list over the outcomes, or a table)
    d1 = [4, 0]
    d4 = ["1/2", 3]

    [options]                 # optional
    alpha = "1/2"             # Hurwicz's weight on the lower expectation

The ``[belief]`` table holds exactly one of

========================  ==========================================================
key                       credal set
========================  ==========================================================
``vertices``              ``CredalSet.from_vertices``: a list of distributions
``lower`` and ``upper``   ``CredalSet.from_bounds``: probability intervals
``constraints``           ``CredalSet.from_constraints``: a table of ``A_ub``, ``b_ub``,
                          ``A_eq``, ``b_eq``
``tv_ball``               ``tv_ball``: a table of ``center`` and ``radius``
``contamination``         ``contamination``: a table of ``center`` and ``epsilon``
``idm``                   ``idm``: a table of ``counts`` and, optionally, ``s``
                          (default 2)
``precise``               ``precise``: one distribution
``vacuous``               ``vacuous``: ``true``
``wasserstein_ball``      ``wasserstein_ball``: a table of ``center``, ``cost`` (a
                          list of rows, one per outcome) and ``radius``
``cvar_set``              ``cvar_set``: a table of ``center`` (the distribution ``p``)
                          and ``alpha``
``belief_function``       ``belief_function``: a list of tables ``{event = [...],
                          mass = ...}``, one per focal set
========================  ==========================================================

A ``[ddt]`` table makes a disambiguative-decision-theory problem (:class:`credal.DDTProblem`):
``utility`` (a gamble over the outcomes), ``empty`` (``"nirvana"`` or ``"forbidden"``,
optional) and exactly one of ``policies`` (a table policy -> list of the outcomes
consistent with it, read against the ``[belief]``) or ``counterfactuals`` (a table
policy -> belief table over the outcomes, for :meth:`credal.DDTProblem.from_counterfactuals`).

An ``[mdp]`` table makes a sequential problem instead: a :class:`credal.mdp.SupraMDP` and
one objective, which :meth:`Problem.run` (and ``credal mdp FILE``) answers. Such a file has
no ``outcomes``, ``[belief]``, ``[acts]``, ``[ddt]`` or ``[options]``::

    title = "Safe or risky route"

    [mdp]
    states = ["start", "goal", "crash"]

    [mdp.transitions.start]       # action = its credal set of next-state distributions
    safe = {start = ["1/2", "3/4"], goal = ["1/4", "1/2"]}   # an interval per successor
    risky = {goal = ["1/2", "2/3"], crash = {lower = "1/3", upper = "1/2"}}
    detour = {contamination = {center = ["1/2", "1/2", 0], epsilon = "1/5"}}

    [mdp.transitions.goal]
    stay = {goal = 1}             # a number p is the interval [p, p]

    [mdp.transitions.crash]
    stay = {crash = 1}

    [mdp.rewards]                 # optional: state = {action = reward}, or one number
    start = {safe = -1}           # for every action of the state; missing rewards are 0

    [mdp.reachability]            # exactly one objective table
    target = ["goal"]
    avoid = ["crash"]
    horizon = 3                   # leave it out for the infinite horizon
    nature = "adversarial"        # the default; "cooperative" uses upper expectations

``[mdp]`` holds ``states`` (a non-empty list of distinct names), ``transitions``,
optionally ``rewards``, and exactly one objective table:

* ``transitions.STATE.ACTION`` is the credal set ``T(STATE, ACTION)`` over the states. Every
  state needs at least one action; the actions of a state are the keys of its table, in
  the file's order (ties go to the first). The set is written either in any of the ways a
  ``[belief]`` table takes (read by the same parser, over the states: ``lower`` and
  ``upper``, ``vertices``, ``tv_ball``, ``contamination``, ``precise``, ...), or as a
  table successor state -> interval, where an interval is ``[lower, upper]``, ``{lower = ...,
  upper = ...}`` (a missing lower bound is 0, a missing upper bound 1) or one number ``p``
  (``[p, p]``), and a state left out cannot follow (``[0, 0]``). A model given entirely by
  intervals per successor is an interval MDP (:meth:`credal.mdp.SupraMDP.from_intervals`).
* ``rewards.STATE`` is a table action -> reward, or one number for every action of the
  state. ``solve`` and ``evaluate`` use them; missing rewards are 0.
* The objective table is named after the :class:`~credal.mdp.SupraMDP` method that answers
  it and holds its keyword arguments: ``[mdp.solve]`` (``horizon``, ``discount``,
  ``terminal``), ``[mdp.reachability]`` (``target``, ``avoid``, ``horizon``),
  ``[mdp.safety]`` (``avoid``, ``horizon``) or ``[mdp.evaluate]`` (``policy``, a table
  state -> action, and the keys of ``solve``); each also takes ``nature``
  (``"adversarial"``, the default, or ``"cooperative"``). ``horizon`` is a non-negative
  integer (the number of decisions); without it the horizon is infinite, and ``solve`` and
  ``evaluate`` then need ``0 <= discount < 1``. ``terminal`` is a table state -> value
  (missing states 0); ``target`` and ``avoid`` are lists of states.

A ``[sweep]`` table makes a one-parameter family of such problems, analysed exactly over
an interval of the parameter (:meth:`Problem.sweep`, ``credal sweep FILE``)::

    outcomes = ["a", "b", "c"]

    [belief]
    tv_ball = {center = ["1/2", "1/3", "1/6"], radius = "r"}

    [acts]
    f = [0, 1, 2]
    g = [1, 1, "1/2"]

    [sweep]
    parameter = "r"                          # an identifier
    domain = [0, "1/2"]                      # lo < hi, exact numbers
    rules = ["gamma_maximin", "maximality"]  # optional: default every rule of SWEEP_RULES

Any number of ``[belief]``, ``[acts]``, ``[options]`` and ``[ddt]`` may then be a string
holding a polynomial in the parameter (``"1 - r"``, ``"r^2/2"``, ``"(1 - r)*(1/3)"``: numbers,
the parameter, ``+ - * /`` with division by numbers only, ``^`` or ``**`` with a
non-negative integer exponent, parentheses, and no implied multiplication: write ``2*r``,
not ``2r``); the grammar is in :mod:`credal.parametric._expressions`, whose parser never
evaluates the text. A file whose numbers do not mention the parameter is a constant family.
:meth:`Problem.sweep` moves the belief and the ``[ddt]`` table with the parameter; it needs
the acts' payoffs and Hurwicz's ``alpha`` fixed, and refuses them otherwise (naming the key).
A sweep is exact: a bare decimal such as ``0.28`` is refused there (write ``"0.28"``). The
file needs an ``[acts]`` table (with a ``[belief]``), a ``[ddt]`` table, or both;
``rules`` goes with ``[acts]``. :attr:`Problem.family` gives the problem at any value of
the parameter.

Numbers are integers, decimals or strings. A string such as ``"1/3"`` or ``"0.28"`` is an
exact rational, so a file written with integers and strings is solved exactly; a bare
decimal such as ``0.28`` is a float (TOML and JSON read it as one), and then the whole
problem is float. Anything malformed raises :class:`credal.errors.ProblemFileError`, whose
one-line message names the file, the key and the problem: that includes a key written twice
in one JSON object (JSON readers would silently keep the last one; TOML refuses it) and a
file nested too deeply for Python's parsers.

Example files ship with credal: :func:`example_problems` gives their paths (``credal
examples`` on the command line lists them, and ``credal decide --example troffaes`` reads
one).
"""

from __future__ import annotations

import copy
import json
import os
import sys
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from . import sets
from ._core.frozen import FrozenDict
from ._core.numbers import parse_number, parse_number_string, show
from .ddt import DDTProblem
from .errors import CredalError, InvalidArgumentError, ProblemFileError
from .sets import CredalSet

if TYPE_CHECKING:  # credal.mdp and credal.parametric are imported only when a file needs
    from .mdp import MDPSolution, SupraMDP
    from .parametric import PiecewiseValue, Regions
    from .parametric._expressions import Polynomial

__all__ = ["MDPObjective", "Problem", "SWEEP_RULES", "SweepFamily", "SweepResult",
           "example_problems", "load_problem", "parse_problem"]

Number = int | Fraction | float
T = TypeVar("T")

_TOP_KEYS = ("outcomes", "belief", "acts", "options", "ddt", "mdp", "sweep", "title",
             "description")
_BELIEF_KEYS = ("vertices", "lower", "upper", "constraints", "tv_ball", "contamination",
                "idm", "precise", "vacuous", "wasserstein_ball", "cvar_set", "belief_function")
_OPTION_KEYS = ("alpha", "atol")
_DDT_KEYS = ("utility", "policies", "counterfactuals", "empty")
#: The objective tables of ``[mdp]``, each with the keys it takes: the keyword arguments of
#: the :class:`~credal.mdp.SupraMDP` method of the same name.
MDP_OBJECTIVES: dict[str, tuple[str, ...]] = {
    "solve": ("horizon", "discount", "terminal", "nature"),
    "reachability": ("target", "avoid", "horizon", "nature"),
    "safety": ("avoid", "horizon", "nature"),
    "evaluate": ("policy", "horizon", "discount", "terminal", "nature"),
}
_MDP_KEYS = ("states", "transitions", "rewards", *MDP_OBJECTIVES)
#: Top-level keys that belong to the one-shot problems, refused beside an [mdp] table.
_NOT_WITH_MDP = ("outcomes", "belief", "acts", "options", "ddt", "sweep")
_SWEEP_KEYS = ("parameter", "domain", "rules")
#: The decision rules a ``[sweep]`` file's ``rules`` may name, in ``credal decide``'s order
#: (the default is all of them): the rules :func:`credal.parametric.decisions` follows.
SWEEP_RULES = ("gamma_maximin", "gamma_maximax", "hurwicz", "interval_dominance",
               "maximality", "e_admissibility", "minimax_regret")


@dataclass(frozen=True)
class MDPObjective:
    """What an ``[mdp]`` file asks of its model: one objective table.

    Attributes
    ----------
    name : str
        ``"solve"``, ``"reachability"``, ``"safety"`` or ``"evaluate"``: the
        :class:`~credal.mdp.SupraMDP` method that answers it.
    arguments : mapping str -> value
        That method's keyword arguments, every one given (defaults filled in): ``horizon``
        (an int, or ``None`` for the infinite horizon) and ``nature`` always; ``discount``
        (``None``: 1 with a horizon) and ``terminal`` (mapping state -> number, or ``None``)
        for ``solve`` and ``evaluate``; ``target`` and ``avoid`` (tuples of states) for
        ``reachability``; ``avoid`` for ``safety``; ``policy`` (mapping state -> action)
        for ``evaluate``. Read-only.
    """

    name: str
    arguments: Mapping[str, Any]

    def run(self, model: SupraMDP) -> MDPSolution:
        """``model.<name>(**arguments)``: the values, policy and nature's kernel."""
        method: Callable[..., MDPSolution] = getattr(model, self.name)
        return method(**self.arguments)


@dataclass(frozen=True)
class Problem:
    """A problem read from a file by :func:`load_problem` (or :func:`parse_problem`).

    Attributes
    ----------
    source : str
        The file it was read from (or the ``source`` given to :func:`parse_problem`).
    outcomes : tuple
        The outcomes, in the file's order.
    belief : CredalSet or None
        The ``[belief]`` table's credal set; ``None`` when the file has none (a DDT problem
        given by counterfactuals needs none).
    acts : mapping name -> gamble
        The ``[acts]`` table, each gamble as the file wrote it (numbers parsed) in the
        outcomes' order; empty when the file has no acts. Read-only.
    alpha : number
        Hurwicz's weight on the lower expectation (``[options] alpha``, default 1/2).
    atol : float or None
        The float tie tolerance (``[options] atol``), ``None`` for credal's default.
    ddt : DDTProblem or None
        The ``[ddt]`` table's problem, if the file has one.
    title : str
        The file's ``title`` (or its name).
    mdp : credal.mdp.SupraMDP or None
        The ``[mdp]`` table's model, if the file has one (then ``outcomes`` are its states
        and there is no belief, no acts and no DDT problem).
    objective : MDPObjective or None
        The ``[mdp]`` table's objective; :meth:`run` answers it.
    family : SweepFamily or None
        The ``[sweep]`` table's family of problems, if the file has one; then ``belief``,
        ``acts`` and ``ddt`` are empty (``family.at(t)`` gives them at a value ``t``) and
        :meth:`sweep` analyses the family.
    """

    source: str
    outcomes: tuple[Hashable, ...]
    belief: CredalSet | None
    acts: Mapping[str, tuple[Number, ...]] = field(default_factory=dict)
    alpha: Number = Fraction(1, 2)
    atol: float | None = None
    ddt: DDTProblem | None = None
    title: str = ""
    mdp: SupraMDP | None = None
    objective: MDPObjective | None = None
    family: SweepFamily | None = None

    @property
    def kind(self) -> str:
        """The command that reads the file: ``"mdp"`` for an ``[mdp]`` file, ``"sweep"``
        for a ``[sweep]`` file, ``"ddt"`` for a ``[ddt]`` problem without acts, else
        ``"decide"``."""
        if self.mdp is not None:
            return "mdp"
        if self.family is not None:
            return "sweep"
        return "ddt" if self.ddt is not None and not self.acts else "decide"

    def run(self) -> MDPSolution:
        """Answer the ``[mdp]`` file's objective on its model.

        Returns
        -------
        credal.mdp.MDPSolution
            ``values`` (state -> value: exact ``Fraction`` for an exact file), ``policy``
            (finite horizon: one dict state -> action per step, ``policy[0]`` the first
            decision; infinite horizon: one dict), ``kernel`` (nature's choice per
            state-action pair), ``q_values``, ``iterations`` and ``residual``.

        Raises
        ------
        ProblemFileError
            The file has no ``[mdp]`` table (key ``mdp``), or the model cannot answer the
            objective (key ``mdp.<objective>``).

        Examples
        --------
        >>> import credal as cr
        >>> p = cr.parse_problem({"mdp": {
        ...     "states": ["s", "goal"],
        ...     "transitions": {"s": {"try": {"s": ["1/2", "3/4"], "goal": ["1/4", "1/2"]}},
        ...                     "goal": {"stay": {"goal": 1}}},
        ...     "reachability": {"target": ["goal"], "horizon": 2}}})
        >>> p.kind, p.run().values
        ('mdp', {'s': Fraction(7, 16), 'goal': Fraction(1, 1)})
        """
        if self.mdp is None or self.objective is None:
            hint = "; this file has a [sweep] table: call sweep()" if self.family else ""
            raise ProblemFileError(self.source, "mdp", "is missing: only a file with an [mdp] "
                                   "table has an objective to run" + hint)
        try:
            return self.objective.run(self.mdp)
        except CredalError as exc:
            raise ProblemFileError(self.source, f"mdp.{self.objective.name}",
                                   _one_line(str(exc))) from None

    def sweep(self) -> SweepResult:
        """Analyse the ``[sweep]`` file's family exactly over its domain.

        For each act, its lower and upper expectation as piecewise functions of the
        parameter (:func:`credal.parametric.lower_expectation`,
        :func:`~credal.parametric.upper_expectation`) and, for each rule of the file's
        ``rules``, the acts the rule chooses on each region of the domain
        (:func:`credal.parametric.decisions`, with the file's Hurwicz ``alpha``); for a
        ``[ddt]`` table, the policies DDT chooses on each region
        (:func:`credal.parametric.ddt`).

        Returns
        -------
        SweepResult

        Raises
        ------
        ProblemFileError
            The file has no ``[sweep]`` table (key ``sweep``); the family is not a valid
            problem at some value of the parameter (the key that fails, and the value);
            or the analysis refuses the family (key ``sweep``: for example data that are
            not polynomial in the parameter once the credal set is built, such as an
            ``idm`` whose ``s`` is the parameter).

        Notes
        -----
        Cost: that of the parametric analysis, which reads the family at a few points
        (each a parse of the file's tables at that value, no LP) and solves exact linear
        programs between its breakpoints.

        Examples
        --------
        >>> import credal as cr
        >>> p = cr.parse_problem({
        ...     "outcomes": ["a", "b", "c"],
        ...     "belief": {"tv_ball": {"center": ["1/2", "1/3", "1/6"], "radius": "r"}},
        ...     "acts": {"f": [0, 1, 2], "g": [1, 1, 1]},
        ...     "sweep": {"parameter": "r", "domain": [0, "1/2"],
        ...               "rules": ["gamma_maximin"]}})
        >>> result = p.sweep()
        >>> [(str(lo), str(hi), str(v)) for lo, hi, v in result.lower["f"].pieces]
        [('0', '1/6', '2/3 - 2*r'), ('1/6', '1/2', '1/2 - r')]
        >>> [(str(lo), str(hi), chosen) for lo, hi, chosen in result.regions["gamma_maximin"]]
        [('0', '1/2', ('g',))]
        """
        family = self.family
        if family is None:
            hint = "; this file has an [mdp] table: call run()" if self.mdp is not None else ""
            raise ProblemFileError(self.source, "sweep", "is missing: only a file with a "
                                   "[sweep] table has a parameter to sweep" + hint)
        return family.analyse()

    def __reduce__(self) -> tuple[Any, ...]:
        # the read-only view of the acts does not pickle; the dict behind it does
        return (_restore, (self.source, self.outcomes, self.belief, dict(self.acts),
                           self.alpha, self.atol, self.ddt, self.title, self.mdp,
                           self.objective, self.family))


def _restore(source: str, outcomes: tuple[Hashable, ...], belief: CredalSet | None,
             acts: dict[str, tuple[Number, ...]], *rest: Any) -> Problem:
    return Problem(source, outcomes, belief, MappingProxyType(acts), *rest)


class _PointFailure(Exception):
    """The family is no valid problem at one value: carries the file's error past the
    parametric layer (which would rewrap a CredalError) to :meth:`SweepFamily.analyse`."""

    def __init__(self, error: ProblemFileError) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass(frozen=True)
class SweepFamily:
    """The one-parameter family of problems of a ``[sweep]`` file.

    The file's tables are kept as read, and every number that is an expression in the
    parameter is parsed once into a polynomial; :meth:`at` reads the tables again with
    those numbers replaced by their values at ``t``, by the same parser as a file without
    a sweep, so ``at(t)`` is exactly the problem the file would be with ``t`` written in.

    Attributes
    ----------
    source, title : str
        The file and its title.
    parameter : str
        The parameter's name (the ``sweep.parameter`` of the file).
    domain : tuple (Fraction, Fraction)
        ``(lo, hi)``, ``lo < hi``: the closed interval swept.
    rules : tuple of str
        The decision rules to sweep, in the file's order (by default all of
        :data:`SWEEP_RULES`; empty without acts).
    acts : tuple of str
        The acts' names, in the file's order (empty without an ``[acts]`` table).
    has_ddt : bool
        Whether the file has a ``[ddt]`` table.
    varying : frozenset of str
        The keys (dotted paths such as ``belief.tv_ball.radius`` or ``acts.g[2]``) whose
        number depends on the parameter; empty for a constant family.
    degree : int
        The highest degree of the parameter in the file's numbers (0: a constant family).

    Examples
    --------
    >>> import credal as cr
    >>> p = cr.parse_problem({"outcomes": ["H", "T"],
    ...                       "belief": {"lower": ["r", "1/4"], "upper": ["3/4", "1 - r"]},
    ...                       "acts": {"bet H": [1, 0]},
    ...                       "sweep": {"parameter": "r", "domain": [0, "1/4"]}})
    >>> F = p.family
    >>> F.parameter, F.domain, F.varying == {"belief.lower[0]", "belief.upper[1]"}
    ('r', (Fraction(0, 1), Fraction(1, 4)), True)
    >>> cr.lower_expectation(F.belief("1/8"), [1, 0])  # P(H) in [r, 3/4] at r = 1/8
    Fraction(1, 8)
    """

    source: str
    title: str
    parameter: str
    domain: tuple[Fraction, Fraction]
    rules: tuple[str, ...]
    acts: tuple[str, ...]
    has_ddt: bool
    varying: frozenset[str]
    degree: int
    _data: Mapping[str, Any] = field(repr=False, compare=False)
    _expressions: Mapping[str, Polynomial] = field(repr=False, compare=False)

    def at(self, t: Any) -> Problem:
        """The problem at ``t``: the file read with the parameter's value ``t`` (a number,
        read exactly: an int, a ``Fraction``, a string such as ``"1/3"``).

        Raises
        ------
        ProblemFileError
            The file is no valid problem there (for example a negative radius); the
            message names the key and ends with ``(at r = t)``.
        """
        try:
            x = parse_number(t, "t")
        except InvalidArgumentError as exc:
            raise InvalidArgumentError(f"t must be a number, {exc}") from None
        if isinstance(x, float):
            raise InvalidArgumentError(f"t must be exact (an int, a Fraction or a string "
                                       f"such as '1/3'), got the float {x!r}")
        at = _At(self.parameter, x, dict(self._expressions), set())
        return _one_shot(self._data, _Reader(self.source, at=at), self.source, self.title)

    def belief(self, t: Any) -> CredalSet:
        """The credal set of the ``[belief]`` table at ``t``."""
        belief = self.at(t).belief
        if belief is None:
            raise ProblemFileError(self.source, "belief", "is missing")
        return belief

    def gamble(self, act: str) -> tuple[Fraction, ...] | Callable[[Any], tuple[Fraction, ...]]:
        """The act's gamble over the outcomes: a tuple when it does not depend on the
        parameter, else the function ``t -> gamble at t``."""
        if act not in self.acts:
            raise InvalidArgumentError(f"act must be one of {', '.join(self.acts)}, got "
                                       f"{show(act, 60)}")
        if not self._depends(f"acts.{act}"):
            return tuple(Fraction(x) for x in self.at(self.domain[0]).acts[act])

        def gamble(t: Any) -> tuple[Fraction, ...]:
            return tuple(Fraction(x) for x in self.at(t).acts[act])

        return gamble

    def ddt(self, t: Any) -> DDTProblem:
        """The ``[ddt]`` table's problem at ``t``."""
        problem = self.at(t).ddt
        if problem is None:
            raise ProblemFileError(self.source, "ddt", "is missing")
        return problem

    def alpha(self, t: Any) -> Fraction:
        """Hurwicz's weight (``[options] alpha``, default 1/2) at ``t``."""
        return Fraction(self.at(t).alpha)

    def _depends(self, prefix: str) -> bool:
        return any(k == prefix or k.startswith((f"{prefix}.", f"{prefix}["))
                   for k in self.varying)

    def _guarded(self, read: Callable[[Any], T]) -> Callable[[Any], T]:
        def guarded(t: Any) -> T:
            try:
                return read(t)
            except ProblemFileError as exc:
                raise _PointFailure(exc) from None
        return guarded

    def analyse(self) -> SweepResult:
        """The analysis :meth:`Problem.sweep` returns (see there)."""
        from . import parametric

        # the parametric analysis takes a fixed Hurwicz weight (acts may move)
        key = "options.alpha"
        if self._depends(key):
            raise ProblemFileError(self.source, key, f"depends on the parameter "
                                   f"{self.parameter}, but the sweep needs Hurwicz's alpha "
                                   f"to be a fixed number (the parameter may move the "
                                   f"[belief], the [acts] and the [ddt] table); write a "
                                   f"number here")
        options: dict[str, Any] = {
            "domain": self.domain, "symbol": self.parameter,
            "max_degree": max(parametric.MAX_DEGREE, 2 * self.degree)}
        lower: dict[str, PiecewiseValue] = {}
        upper: dict[str, PiecewiseValue] = {}
        regions: dict[str, Regions] = {}
        ddt_regions: Regions | None = None
        belief = self._guarded(self.belief)
        try:
            if self.acts:
                fixed = self.at(self.domain[0])
                acts: dict[str, Any] = {}
                for a in self.acts:
                    g = self.gamble(a)
                    acts[a] = self._guarded(g) if callable(g) else g
                for a, f in acts.items():
                    lower[a] = parametric.lower_expectation(belief, f, **options)
                    upper[a] = parametric.upper_expectation(belief, f, **options)
                for rule in self.rules:
                    extra: dict[str, Any] = {}
                    if rule == "hurwicz":
                        extra["alpha"] = Fraction(fixed.alpha)
                    regions[rule] = parametric.decisions(belief, acts, rule=rule, **options,
                                                         **extra)
            if self.has_ddt:
                ddt_regions = parametric.ddt(self._guarded(self.ddt), **options)
        except _PointFailure as exc:
            raise exc.error from None
        except CredalError as exc:
            raise ProblemFileError(self.source, "sweep", _one_line(str(exc))) from None
        return SweepResult(self.parameter, self.domain, FrozenDict(lower), FrozenDict(upper),
                           FrozenDict(regions), ddt_regions)


@dataclass(frozen=True)
class SweepResult:
    """What :meth:`Problem.sweep` finds: the exact analysis of a ``[sweep]`` file.

    Attributes
    ----------
    parameter : str
        The parameter's name.
    domain : tuple (Fraction, Fraction)
        The closed interval swept.
    lower, upper : mapping act -> credal.parametric.PiecewiseValue
        Each act's lower and upper expectation as a function of the parameter: its
        ``pieces`` ``(lo, hi, expr)``, exact; empty without acts. Read-only.
    regions : mapping rule -> credal.parametric.Regions
        For each rule of the file's ``rules``, the acts it chooses: ``(lo, hi, chosen)``
        triples, an open interval when ``lo < hi`` and the single point ``lo`` when
        ``lo == hi``. Read-only.
    ddt : credal.parametric.Regions or None
        The policies DDT chooses on each region, for a file with a ``[ddt]`` table.
    """

    parameter: str
    domain: tuple[Fraction, Fraction]
    lower: Mapping[str, PiecewiseValue]
    upper: Mapping[str, PiecewiseValue]
    regions: Mapping[str, Regions]
    ddt: Regions | None

    @property
    def breakpoints(self) -> tuple[Any, ...]:
        """Every interior breakpoint of the expectations and the regions, increasing, each
        once (sympy numbers: rationals, or algebraic numbers such as ``sqrt(2)/2``)."""
        points: list[Any] = []
        for value in (*self.lower.values(), *self.upper.values()):
            points += value.breakpoints
        for regions in (*self.regions.values(), *([self.ddt] if self.ddt else [])):
            points += regions.breakpoints
        unique: list[Any] = []
        for x in points:
            if not any(x == y for y in unique):
                unique.append(x)
        return tuple(sorted(unique, key=_sort_key))


def _sort_key(x: Any) -> Any:
    import sympy

    return sympy.N(x, 60)


@dataclass
class _At:
    """The value of the parameter a :class:`_Reader` substitutes, the polynomials of the
    expressions already parsed (by text), and the keys found to depend on the parameter."""

    parameter: str
    t: Fraction
    expressions: dict[str, Polynomial]
    varying: set[str]


def load_problem(path: str | Path) -> Problem:
    """Read a problem file (TOML, or JSON when the name ends in ``.json``).

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    Problem

    Raises
    ------
    ProblemFileError
        The file cannot be read or parsed, or what it says is malformed: an unknown key,
        a wrong number of entries, a belief given in none or two ways, an empty belief, a
        value that is not a number. The message is one line naming the file, the key and
        the problem.

    Notes
    -----
    Cost: reading the file and building the credal sets from what it gives (no LP).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import credal as cr
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "coin.toml").write_text('''
    ... outcomes = ["H", "T"]
    ... [belief]
    ... lower = {H = "0.28"}
    ... upper = {H = "0.7"}
    ... [acts]
    ... d1 = [4, 0]
    ... d2 = [0, 4]
    ... ''')
    >>> p = cr.load_problem(d / "coin.toml")
    >>> cr.gamma_maximin(p.acts, p.belief), cr.lower_expectation(p.belief, p.acts["d1"])
    (['d2'], Fraction(28, 25))
    """
    if not isinstance(path, str | os.PathLike):
        raise InvalidArgumentError(
            f"path must be the name of a problem file (a str or pathlib.Path), got "
            f"{type(path).__name__}: {show(path, 60)}")
    source = os.fsdecode(path)
    try:
        text = Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProblemFileError(source, "(file)",
                               f"cannot be read: {getattr(exc, 'strerror', None) or exc}"
                               ) from None
    try:
        if source.lower().endswith(".json"):
            try:
                data = json.loads(text, object_pairs_hook=_JSONObject.from_pairs)
            except json.JSONDecodeError as exc:
                raise ProblemFileError(source, "(file)", f"is not valid JSON: {exc}") from None
            except ValueError as exc:  # an integer beyond Python's 4,300-digit limit
                raise ProblemFileError(source, "(file)", _unreadable(exc)) from None
            _refuse_repeated_keys(data, source)
        else:
            if sys.version_info >= (3, 11):  # only where used
                import tomllib
            else:  # pragma: no cover - Python 3.10
                import tomli as tomllib

            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                raise ProblemFileError(source, "(file)",
                                       f"is not valid TOML: {_one_line(str(exc))}") from None
            except ValueError as exc:  # an integer beyond Python's 4,300-digit limit
                raise ProblemFileError(source, "(file)", _unreadable(exc)) from None
        return parse_problem(data, source=source)
    except RecursionError:
        raise ProblemFileError(source, "(file)", _TOO_DEEP) from None


def _unreadable(exc: ValueError) -> str:
    return (f"holds a number its parser cannot read ({_one_line(str(exc)).split(';')[0]}); "
            f"numbers in a problem file may have at most 4,300 digits")


#: What a file nested beyond Python's recursion limit is told (a problem file needs fewer
#: than ten levels of tables and lists; the parsers give up at about a thousand).
_TOO_DEEP = ("is nested too deeply to read (lists or tables inside each other hundreds of "
             "levels deep); a problem file needs fewer than ten levels")


class _JSONObject(dict[str, Any]):
    """A JSON object that remembers the first key it was given more than once."""

    repeated: str | None = None

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, Any]]) -> _JSONObject:
        obj = cls(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            for k, _ in pairs:
                if k in seen:
                    obj.repeated = k
                    break
                seen.add(k)
        return obj


def _refuse_repeated_keys(data: Any, source: str) -> None:
    """Raise a ProblemFileError naming the first key (in the file's order) that a JSON
    object of ``data`` repeats, as a dotted path such as ``acts.d1``."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:  # depth first, in the file's order; no recursion, whatever the depth
        path, value = stack.pop()
        if isinstance(value, _JSONObject):
            if value.repeated is not None:
                key = f"{path}.{value.repeated}" if path else value.repeated
                raise ProblemFileError(
                    source, key, "is given more than once in the same JSON object; write "
                    "each key once (a JSON reader would silently keep only the last)")
            children = [(f"{path}.{k}" if path else k, v) for k, v in value.items()]
        elif isinstance(value, list):
            children = [(f"{path}[{i}]", v) for i, v in enumerate(value)]
        else:
            continue
        stack.extend(reversed(children))


def example_problems() -> dict[str, Path]:
    """The example problem files that ship with credal, by name.

    Returns
    -------
    dict name -> pathlib.Path
        Each file's name without its suffix (``"troffaes"``, ``"ellsberg"``, ...) and its
        absolute path inside the installed package, in alphabetical order. The files are
        read-only examples: copy one to start a problem of your own.

    Notes
    -----
    ``credal examples`` prints the same list, and ``credal decide --example NAME`` (or
    ``credal ddt --example NAME``) reads a file by its name.

    Examples
    --------
    >>> from credal.problem import example_problems, load_problem
    >>> sorted(example_problems())
    ['counterfactual_mugging', 'ellsberg', 'newcomb', 'troffaes']
    >>> load_problem(example_problems()["troffaes"]).title
    "Troffaes's six acts"
    """
    folder = Path(__file__).resolve().parent / "data" / "problems"
    files = sorted(p for p in folder.iterdir() if p.suffix in (".toml", ".json"))
    return {p.stem: p for p in files}


def parse_problem(data: Any, *, source: str = "<problem>") -> Problem:
    """Build a :class:`Problem` from the parsed contents of a problem file.

    Parameters
    ----------
    data : mapping
        What ``tomllib.load`` or ``json.load`` gives for a problem file.
    source : str
        The name used in error messages.

    Returns
    -------
    Problem
        A decision problem (``outcomes``, ``belief``, ``acts``), a DDT problem (``ddt``) or
        an MDP problem (``mdp`` and ``objective``, answered by :meth:`Problem.run`), as the
        module's docstring describes.

    Raises
    ------
    ProblemFileError
        As :func:`load_problem`; for an ``[mdp]`` table also a state that is not in
        ``mdp.states`` (in a transition, ``target``, ``avoid``, ``terminal``, ``policy`` or
        ``rewards``), a state with no actions, a transition table that is neither a credal
        set nor intervals over the states, an interval outside ``[0, 1]`` or intervals that
        admit no distribution, a negative or non-integer horizon, a discount outside
        ``[0, 1]`` or equal to 1 without a horizon, an unknown ``nature``, an unknown
        objective or none or two of them. For a ``[sweep]`` table: a missing or malformed
        ``parameter``, ``domain`` (two exact numbers, ``lo < hi``) or ``rules``; a string
        that is neither a number nor a polynomial in the parameter (the message shows the
        text and says what is wrong, and where); a float; no ``[acts]`` and no ``[ddt]``;
        and a file that is no valid problem at an end of the domain (the message ends with
        ``(at r = ...)``).

    Examples
    --------
    >>> import credal as cr
    >>> p = cr.parse_problem({"outcomes": ["R", "B", "Y"],
    ...                       "belief": {"constraints": {"A_eq": [[1, 0, 0]], "b_eq": ["1/3"]}},
    ...                       "acts": {"bet R": {"R": 1}, "bet B": {"B": 1}}})
    >>> cr.maximality(p.acts, p.belief)
    ['bet R', 'bet B']
    """
    if not isinstance(source, str):
        raise InvalidArgumentError(
            f"source must be a str naming where the data came from, got "
            f"{type(source).__name__}: {show(source, 60)}")
    try:
        return _parse(data, source)
    except RecursionError:
        raise ProblemFileError(source, "(top level)", _TOO_DEEP) from None


def _parse(data: Any, source: str) -> Problem:
    reader = _Reader(source)
    top = reader.table(data, "(top level)", _TOP_KEYS)
    title = top.get("title", Path(source).name)
    if not isinstance(title, str):
        raise ProblemFileError(source, "title", f"must be a string, got {show(title)}")
    if "description" in top and not isinstance(top["description"], str):
        raise ProblemFileError(source, "description",
                               f"must be a string, got {show(top['description'])}")
    if "mdp" in top:
        for k in _NOT_WITH_MDP:
            if k in top:
                raise ProblemFileError(source, k, "cannot stand beside an [mdp] table: an MDP "
                                       "file gives its states in mdp.states and its credal "
                                       "sets in mdp.transitions; put the one-shot problem in "
                                       "a file of its own")
        mdp_reader = _Reader(source, noun="state")
        model, objective = mdp_reader.mdp(top["mdp"])
        return Problem(source, model.states, None, MappingProxyType({}), title=title,
                       mdp=model, objective=objective)
    if "sweep" in top:
        return _parse_sweep(top, reader, title)
    return _one_shot(top, reader, source, title)


def _one_shot(top: Mapping[str, Any], reader: _Reader, source: str, title: str) -> Problem:
    """The problem of a file without ``[mdp]``: outcomes, belief, acts, options, DDT (any
    ``sweep`` key is left to the caller)."""
    if "outcomes" not in top:
        raise ProblemFileError(source, "outcomes", "is missing: list the outcomes, e.g. "
                               'outcomes = ["H", "T"] (or give an [mdp] table)')
    reader.set_outcomes(top["outcomes"])
    belief = reader.belief(top["belief"], "belief") if "belief" in top else None
    acts: dict[str, tuple[Number, ...]] = {}
    if "acts" in top:
        raw = reader.table(top["acts"], "acts", None)
        if not raw:
            raise ProblemFileError(source, "acts", "is empty: give at least one act, e.g. "
                                   "d1 = [4, 0]")
        acts = {name: reader.gamble(g, f"acts.{name}") for name, g in raw.items()}
    alpha: Number = Fraction(1, 2)
    atol: float | None = None
    if "options" in top:
        opts = reader.table(top["options"], "options", _OPTION_KEYS)
        if "alpha" in opts:
            alpha = reader.number(opts["alpha"], "options.alpha")
            if not 0 <= alpha <= 1:
                raise ProblemFileError(source, "options.alpha",
                                       f"must lie in [0, 1], got {show(alpha)}{reader.where()}")
        if "atol" in opts:
            value = reader.number(opts["atol"], "options.atol")
            if not value > 0:
                raise ProblemFileError(source, "options.atol",
                                       f"must be a positive number, got {show(value)}")
            atol = float(value)
    ddt = reader.ddt(top["ddt"], belief) if "ddt" in top else None
    return Problem(source, reader.outcomes, belief, MappingProxyType(acts), alpha, atol,
                   ddt, title)


def _parse_sweep(top: Mapping[str, Any], reader: _Reader, title: str) -> Problem:
    """A ``[sweep]`` file: the sweep table, then the tables read at both ends of the domain
    (which parses every expression once and checks the file there)."""
    source = reader.source
    if "acts" not in top and "ddt" not in top:
        raise reader.fail("sweep", "has nothing to sweep: give an [acts] table (with a "
                                   "[belief]) for the decision rules, a [ddt] table, or both")
    parameter, domain, rules = reader.sweep(top["sweep"], has_acts="acts" in top)
    if "acts" in top and "belief" not in top:
        raise reader.fail("belief", "is missing: the acts of a [sweep] file need a [belief] "
                                    "table")
    options = top.get("options")
    if isinstance(options, Mapping) and "atol" in options:
        raise reader.fail("options.atol", "has no use in a [sweep] file, which is solved "
                                          "exactly; remove it")
    data = copy.deepcopy({k: v for k, v in top.items() if k != "sweep"})
    expressions: dict[str, Polynomial] = {}
    varying: set[str] = set()
    ends = [_one_shot(data, _Reader(source, at=_At(parameter, t, expressions, varying)),
                      source, title) for t in domain]
    first = ends[0]
    degree = max((p.degree for p in expressions.values()), default=0)
    family = SweepFamily(source, title, parameter, domain, rules if first.acts else (),
                         tuple(first.acts), first.ddt is not None, frozenset(varying), degree,
                         FrozenDict(data), FrozenDict(expressions))
    return Problem(source, first.outcomes, None, MappingProxyType({}), title=title,
                   family=family)


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Reader:
    """Validates the parts of one file, naming each key as a dotted path."""

    def __init__(self, source: str, noun: str = "outcome", at: _At | None = None) -> None:
        self.source = source
        self.noun = noun  # what the outcomes are called in messages: outcome, or state
        self.outcomes: tuple[Hashable, ...] = ()
        self.labels: dict[str, Hashable] = {}
        self.at = at  # a [sweep] file read at one value of its parameter

    def fail(self, key: str, problem: str) -> ProblemFileError:
        return ProblemFileError(self.source, key, _one_line(problem))

    def where(self) -> str:
        """`` (at r = 1/3)`` when reading a sweep's family at a value, else ``""``: added to
        the errors that depend on the numbers' values."""
        return "" if self.at is None else f" (at {self.at.parameter} = {self.at.t})"

    def _a_noun(self) -> str:
        return ("an " if self.noun[0] in "aeiou" else "a ") + self.noun

    def table(self, value: Any, key: str, allowed: tuple[str, ...] | None) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(key, f"must be a table (TOML [section] or JSON object), got "
                                 f"{type(value).__name__} {show(value, 60)}")
        if allowed is not None:
            for k in value:
                if k not in allowed:
                    raise self.fail(f"{key}.{k}" if key != "(top level)" else str(k),
                                    f"is not a known key; the keys here are "
                                    f"{', '.join(allowed)}")
        return dict(value)

    def set_outcomes(self, value: Any, key: str = "outcomes") -> None:
        noun = self.noun
        if not isinstance(value, list) or not value:
            raise self.fail(key, f"must be a non-empty list of {noun} names, got "
                                 f"{show(value, 60)}")
        for x in value:
            if isinstance(x, bool) or not isinstance(x, str | int):
                raise self.fail(key, f"must hold strings or integers, got {show(x)}")
        labels = {str(x): x for x in value}
        if len(labels) != len(value):
            dup = next(x for x in value if [str(y) for y in value].count(str(x)) > 1)
            raise self.fail(key, f"lists {show(dup)} twice; {noun}s must be distinct")
        self.outcomes, self.labels = tuple(value), labels

    def number(self, value: Any, key: str) -> Number:
        """One number of the file, by credal's one number parser: an integer or a string
        such as ``"1/3"`` or ``"0.28"`` is exact (a ``Fraction``), a decimal such as ``0.28``
        is a float; booleans, NaN, infinity and non-numbers are refused. In a sweep's
        family, a string may also be a polynomial in the parameter (its value is read),
        and floats are refused."""
        if self.at is not None:
            return self._swept_number(value, key, self.at)
        return self._plain_number(value, key)

    def _plain_number(self, value: Any, key: str) -> Number:
        try:
            return parse_number(value, "the number")
        except InvalidArgumentError as exc:
            if isinstance(value, str):  # not a number, or beyond the string limits
                raise self.fail(key, f'must be a number; the string {show(value, 60)} is not '
                                     f'one that is accepted ({exc}; write "1/3", "0.25" or '
                                     f'"2")') from None
            if isinstance(value, float):
                raise self.fail(key, f"must be a finite number, got {value}") from None
            raise self.fail(key, f"must be a number (an integer, a decimal, or a string such "
                                 f'as "1/3"), got {show(value, 60)}') from None

    def _swept_number(self, value: Any, key: str, at: _At) -> Fraction:
        if isinstance(value, str):
            poly = at.expressions.get(value)
            if poly is None:
                from .parametric._expressions import (
                    ExpressionError,
                    Polynomial,
                    parse_polynomial,
                )

                try:
                    poly = Polynomial.of([parse_number_string(value, "the number")])
                except InvalidArgumentError:
                    try:
                        poly = parse_polynomial(value, at.parameter)
                    except ExpressionError as exc:
                        raise self.fail(key, f"must be a number or a polynomial in "
                                             f"{at.parameter}; the string {show(value, 60)} "
                                             f"is neither: {exc}") from None
                at.expressions[value] = poly
            if not poly.is_constant:
                at.varying.add(key)
            out: Fraction = poly(at.t)
            return out
        x = self._plain_number(value, key)
        if isinstance(x, float):
            raise self.fail(key, f'is the float {x!r}; a [sweep] file is solved exactly: '
                                 f'write it as a string such as "{x!r}", or as a fraction')
        return Fraction(x)

    def sweep(self, value: Any, *, has_acts: bool) -> tuple[str, tuple[Fraction, Fraction],
                                                           tuple[str, ...]]:
        """The ``[sweep]`` table: the parameter's name, the domain and the rules."""
        from .parametric._expressions import is_parameter_name

        t = self.table(value, "sweep", _SWEEP_KEYS)
        if "parameter" not in t:
            raise self.fail("sweep.parameter", 'is missing: name the parameter, e.g. '
                                               'parameter = "r"')
        parameter = t["parameter"]
        if not is_parameter_name(parameter):
            raise self.fail("sweep.parameter", f"must be a name (ASCII letters, digits and _, "
                                               f"not starting with a digit) such as \"r\", got "
                                               f"{show(parameter, 60)}")
        if "domain" not in t:
            raise self.fail("sweep.domain", 'is missing: give the interval swept, e.g. '
                                            'domain = [0, "1/2"]')
        dom = t["domain"]
        if not isinstance(dom, list) or len(dom) != 2:
            raise self.fail("sweep.domain", f"must be a list of two numbers [lo, hi], got "
                                            f"{show(dom, 60)}")
        ends: list[Fraction] = []
        for i, v in enumerate(dom):
            x = self.number(v, f"sweep.domain[{i}]")
            if isinstance(x, float):
                raise self.fail(f"sweep.domain[{i}]", f'is the float {x!r}; a [sweep] file is '
                                                      f'solved exactly: write it as a string '
                                                      f'such as "{x!r}"')
            ends.append(Fraction(x))
        lo, hi = ends
        if not lo < hi:
            raise self.fail("sweep.domain", f"must be an interval [lo, hi] with lo < hi, got "
                                            f"[{lo}, {hi}]")
        rules: tuple[str, ...] = SWEEP_RULES if has_acts else ()
        if "rules" in t:
            if not has_acts:
                raise self.fail("sweep.rules", "needs an [acts] table: the decision rules "
                                               "choose between acts")
            given = t["rules"]
            if not isinstance(given, list) or not given:
                raise self.fail("sweep.rules", f"must be a non-empty list of rule names "
                                               f"(some of {', '.join(SWEEP_RULES)}), got "
                                               f"{show(given, 60)}")
            for i, r in enumerate(given):
                if r not in SWEEP_RULES:
                    raise self.fail(f"sweep.rules[{i}]", f"{show(r, 60)} is not a rule; the "
                                                         f"rules are {', '.join(SWEEP_RULES)}")
                if given.index(r) != i:
                    raise self.fail("sweep.rules", f"lists {r} twice; list each rule once")
            rules = tuple(given)
        return parameter, (lo, hi), rules

    def vector(self, value: Any, key: str, *, missing_is_zero: bool) -> tuple[Number, ...]:
        n, noun = len(self.outcomes), self.noun
        if isinstance(value, Mapping):
            out: list[Number | None] = [0 if missing_is_zero else None] * n
            index = {label: i for i, label in enumerate(self.labels)}
            for k, v in value.items():
                if str(k) not in index:
                    raise self.fail(f"{key}.{k}", f"is not {self._a_noun()}; the {noun}s are "
                                                  f"{', '.join(self.labels)}")
                out[index[str(k)]] = self.number(v, f"{key}.{k}")
            absent = [lab for lab, v in zip(self.labels, out, strict=True) if v is None]
            if absent:
                raise self.fail(key, f"gives no value for {', '.join(absent)}; a distribution "
                                     f"must list every {noun} (write the zeros)")
            return tuple(v for v in out if v is not None)
        if not isinstance(value, list):
            raise self.fail(key, f"must be a list of {n} numbers (one per {noun}) or a table "
                                 f"{noun} -> number, got {show(value, 60)}")
        if len(value) != n:
            raise self.fail(key, f"has {len(value)} entries but there are {n} {noun}s "
                                 f"({', '.join(self.labels)})")
        return tuple(self.number(v, f"{key}[{i}]") for i, v in enumerate(value))

    def gamble(self, value: Any, key: str) -> tuple[Number, ...]:
        return self.vector(value, key, missing_is_zero=True)

    def matrix(self, value: Any, key: str, *, distributions: bool) -> list[tuple[Number, ...]]:
        if not isinstance(value, list) or not value:
            raise self.fail(key, f"must be a non-empty list of rows, got {show(value, 60)}")
        return [self.vector(row, f"{key}[{i}]", missing_is_zero=not distributions)
                for i, row in enumerate(value)]

    def numbers(self, value: Any, key: str) -> list[Number]:
        if not isinstance(value, list):
            raise self.fail(key, f"must be a list of numbers, got {show(value, 60)}")
        return [self.number(v, f"{key}[{i}]") for i, v in enumerate(value)]

    def build(self, key: str, make: Callable[[], T]) -> T:
        """Run a credal constructor, turning its error into one naming this key."""
        try:
            return make()
        except CredalError as exc:
            raise self.fail(key, str(exc) + self.where()) from None

    def belief(self, value: Any, key: str) -> CredalSet:
        t = self.table(value, key, _BELIEF_KEYS)
        ways = [k for k in _BELIEF_KEYS if k in t and k != "upper"]
        if "upper" in t and "lower" not in t:
            raise self.fail(f"{key}.upper", "needs lower beside it (probability intervals)")
        if len(ways) != 1:
            given = ", ".join(ways) if ways else "none"
            raise self.fail(key, f"must give the credal set in exactly one way ({given} "
                                 f"given); use one of vertices, lower + upper, constraints, "
                                 f"tv_ball, contamination, idm, precise, vacuous, "
                                 f"wasserstein_ball, cvar_set, belief_function")
        way = ways[0]
        sub = f"{key}.{way}"
        out = self.outcomes
        if way == "vertices":
            rows = self.matrix(t[way], sub, distributions=True)
            return self.build(sub, lambda: CredalSet.from_vertices(rows, outcomes=out))
        if way == "lower":
            if "upper" not in t:
                raise self.fail(sub, "needs upper beside it (probability intervals)")
            lo = self.gamble(t["lower"], f"{key}.lower")
            up = self.vector(t["upper"], f"{key}.upper", missing_is_zero=False) \
                if not isinstance(t["upper"], Mapping) else self._upper(t["upper"], key)
            return self.build(key, lambda: CredalSet.from_bounds(lo, up, outcomes=out))
        if way == "constraints":
            c = self.table(t[way], sub, ("A_ub", "b_ub", "A_eq", "b_eq"))
            if not c:
                raise self.fail(sub, "is empty: give A_ub and b_ub, or A_eq and b_eq")
            args: dict[str, Any] = {}
            for a, rhs in (("A_ub", "b_ub"), ("A_eq", "b_eq")):
                if (a in c) != (rhs in c):
                    raise self.fail(f"{sub}.{a if a in c else rhs}",
                                    f"needs {rhs if a in c else a} beside it")
                if a in c:
                    args[a] = self.matrix(c[a], f"{sub}.{a}", distributions=False)
                    args[rhs] = self.numbers(c[rhs], f"{sub}.{rhs}")
                    if len(args[rhs]) != len(args[a]):
                        raise self.fail(f"{sub}.{rhs}", f"has {len(args[rhs])} entries but "
                                                        f"{a} has {len(args[a])} rows")
            return self.build(sub, lambda: CredalSet.from_constraints(**args, outcomes=out))
        if way in ("tv_ball", "contamination"):
            size = "radius" if way == "tv_ball" else "epsilon"
            ball = self.table(t[way], sub, ("center", size))
            center, amount = self._need(ball, sub, "center", size)
            p = self.vector(center, f"{sub}.center", missing_is_zero=False)
            r = self.number(amount, f"{sub}.{size}")
            make = sets.tv_ball if way == "tv_ball" else sets.contamination
            return self.build(sub, lambda: make(p, r, outcomes=out))
        if way == "wasserstein_ball":
            ball = self.table(t[way], sub, ("center", "cost", "radius"))
            center, cost, amount = self._need(ball, sub, "center", "cost", "radius")
            p = self.vector(center, f"{sub}.center", missing_is_zero=False)
            if not isinstance(cost, list) or len(cost) != len(out):
                raise self.fail(f"{sub}.cost", f"must be a list of {len(out)} rows (one per "
                                               f"{self.noun}, the cost of moving mass from it "
                                               f"to each {self.noun}), got {show(cost, 60)}")
            C = [self.vector(row, f"{sub}.cost[{i}]", missing_is_zero=False)
                 for i, row in enumerate(cost)]
            r = self.number(amount, f"{sub}.radius")
            return self.build(sub, lambda: sets.wasserstein_ball(p, C, r, outcomes=out))
        if way == "cvar_set":
            model = self.table(t[way], sub, ("center", "alpha"))
            center, level = self._need(model, sub, "center", "alpha")
            p = self.vector(center, f"{sub}.center", missing_is_zero=False)
            alpha = self.number(level, f"{sub}.alpha")
            return self.build(sub, lambda: sets.cvar_set(p, alpha, outcomes=out))
        if way == "belief_function":
            return self._belief_function(t[way], sub)
        if way == "idm":
            model = self.table(t[way], sub, ("counts", "s"))
            (counts,) = self._need(model, sub, "counts")
            cs = self.gamble(counts, f"{sub}.counts")
            s = self.number(model.get("s", 2), f"{sub}.s")
            return self.build(sub, lambda: sets.idm(cs, s, outcomes=out))
        if way == "precise":
            p = self.vector(t[way], sub, missing_is_zero=False)
            return self.build(sub, lambda: sets.precise(p, outcomes=out))
        if t[way] is not True:
            raise self.fail(sub, f"must be true (the set of all distributions), got "
                                 f"{show(t[way])}")
        return sets.vacuous(out)

    def _belief_function(self, value: Any, key: str) -> CredalSet:
        # a list of {event = [outcomes], mass = number}: TOML and JSON keys are strings,
        # so an event cannot be a key
        if not isinstance(value, list) or not value:
            raise self.fail(key, f"must be a non-empty list of focal sets such as "
                                 f'[{{event = ["H"], mass = "1/2"}}, ...], got {show(value, 60)}')
        masses: dict[tuple[Hashable, ...], Number] = {}
        for i, item in enumerate(value):
            focal = self.table(item, f"{key}[{i}]", ("event", "mass"))
            event, mass = self._need(focal, f"{key}[{i}]", "event", "mass")
            if not isinstance(event, list) or not event:
                raise self.fail(f"{key}[{i}].event", f"must be a non-empty list of "
                                                     f"{self.noun}s, got {show(event, 60)}")
            for x in event:
                if str(x) not in self.labels:
                    raise self.fail(f"{key}[{i}].event",
                                    f"lists {show(x)}, which is not {self._a_noun()}; the "
                                    f"{self.noun}s are {', '.join(self.labels)}")
            labels = tuple(self.labels[str(x)] for x in event)
            if labels in masses:
                raise self.fail(f"{key}[{i}].event", "repeats an event listed before it; give "
                                                     "each focal set once, with its total mass")
            masses[labels] = self.number(mass, f"{key}[{i}].mass")
        out = self.outcomes
        return self.build(key, lambda: sets.belief_function(masses, outcomes=out))

    def _upper(self, value: Mapping[str, Any], key: str) -> tuple[Number, ...]:
        # an upper bound left out of a table is 1 (no bound), as from_bounds does
        full = {lab: 1 for lab in self.labels}
        for k, v in value.items():
            full[str(k)] = v
        return self.vector(full, f"{key}.upper", missing_is_zero=False)

    def _need(self, table: dict[str, Any], key: str, *names: str) -> tuple[Any, ...]:
        for name in names:
            if name not in table:
                raise self.fail(f"{key}.{name}", "is missing")
        return tuple(table[name] for name in names)

    def ddt(self, value: Any, belief: CredalSet | None) -> DDTProblem:
        t = self.table(value, "ddt", _DDT_KEYS)
        if "utility" not in t:
            raise self.fail("ddt.utility", "is missing: give the utility of each outcome")
        u = self.gamble(t["utility"], "ddt.utility")
        empty = t.get("empty", "nirvana")
        if empty not in ("nirvana", "forbidden"):
            raise self.fail("ddt.empty", f"must be \"nirvana\" or \"forbidden\", got "
                                         f"{show(empty)}")
        if ("policies" in t) == ("counterfactuals" in t):
            raise self.fail("ddt", "must give exactly one of policies (with a [belief]) and "
                                   "counterfactuals")
        if "counterfactuals" in t:
            cf = self.table(t["counterfactuals"], "ddt.counterfactuals", None)
            if not cf:
                raise self.fail("ddt.counterfactuals", "is empty: give each policy's belief")
            beliefs: dict[Hashable, CredalSet] = {
                name: self.belief(b, f"ddt.counterfactuals.{name}") for name, b in cf.items()}
            return self.build("ddt", lambda: DDTProblem.from_counterfactuals(
                beliefs, u, empty=empty))
        if belief is None:
            raise self.fail("ddt.policies", "needs a [belief] table over the outcomes")
        pol = self.table(t["policies"], "ddt.policies", None)
        if not pol:
            raise self.fail("ddt.policies", "is empty: give each policy's outcomes")
        events: dict[Hashable, list[Hashable]] = {}
        for name, ev in pol.items():
            key = f"ddt.policies.{name}"
            if not isinstance(ev, list) or not ev:
                raise self.fail(key, f"must be a non-empty list of outcomes, got "
                                     f"{show(ev, 60)}")
            for x in ev:
                if str(x) not in self.labels:
                    raise self.fail(key, f"lists {show(x)}, which is not an outcome; the "
                                         f"outcomes are {', '.join(self.labels)}")
            events[name] = [self.labels[str(x)] for x in ev]
        return self.build("ddt", lambda: DDTProblem(belief, u, events, empty=empty))

    # ------------------------------------------------------------------ [mdp]
    def mdp(self, value: Any) -> tuple[SupraMDP, MDPObjective]:
        """The ``[mdp]`` table: the model and the objective (see the module's docstring)."""
        t = self.table(value, "mdp", None)
        for k in t:
            if k not in _MDP_KEYS:
                raise self.fail(f"mdp.{k}", "is not a known key; the keys here are states, "
                                            "transitions, rewards and one objective table: "
                                            f"{', '.join(MDP_OBJECTIVES)}")
        if "states" not in t:
            raise self.fail("mdp.states", 'is missing: list the states, e.g. states = ["s", '
                                          '"goal"]')
        self.set_outcomes(t["states"], "mdp.states")
        objectives = [k for k in MDP_OBJECTIVES if k in t]
        if len(objectives) != 1:
            given = ", ".join(objectives) if objectives else "none"
            raise self.fail("mdp", f"must give exactly one objective table ({given} given): "
                                   f"[mdp.solve], [mdp.reachability], [mdp.safety] or "
                                   f"[mdp.evaluate]")
        if "transitions" not in t:
            raise self.fail("mdp.transitions", "is missing: give each state's actions, e.g. "
                                               "[mdp.transitions.s] with go = {goal = 1}")
        pairs = self._mdp_transitions(t["transitions"])
        actions = {s: tuple(acts) for s, acts in pairs.items()}
        rewards = self._mdp_rewards(t["rewards"], actions) if "rewards" in t else None
        model = self.build("mdp.transitions", lambda: _mdp_model(self.outcomes, pairs, rewards))
        name = objectives[0]
        return model, MDPObjective(name, FrozenDict(self._mdp_objective(t[name], name,
                                                                         actions)))

    def _state(self, value: Any, key: str) -> Hashable:
        if isinstance(value, bool) or not isinstance(value, str | int) or \
                str(value) not in self.labels:
            raise self.fail(key, f"{show(value, 60)} is not a state; the states are "
                                 f"{', '.join(self.labels)}")
        return self.labels[str(value)]

    def _states(self, value: Any, key: str) -> tuple[Hashable, ...]:
        if not isinstance(value, list):
            raise self.fail(key, f'must be a list of states, e.g. ["{next(iter(self.labels))}"]'
                                 f", got {show(value, 60)}")
        out = tuple(self._state(x, f"{key}[{i}]") for i, x in enumerate(value))
        if len(set(out)) != len(out):
            dup = next(x for x in out if out.count(x) > 1)
            raise self.fail(key, f"lists {show(dup)} twice; list each state once")
        return out

    def _mdp_transitions(self, value: Any) -> dict[Hashable, dict[str, _Pair]]:
        # keys as TOML and JSON give them (strings), also when a dict from Python has ints
        trans = {str(k): v for k, v in self.table(value, "mdp.transitions", None).items()}
        for k in trans:
            if str(k) not in self.labels:
                raise self.fail(f"mdp.transitions.{k}", f"is not a state; the states are "
                                                        f"{', '.join(self.labels)}")
        pairs: dict[Hashable, dict[str, _Pair]] = {}
        for label, s in self.labels.items():
            key = f"mdp.transitions.{label}"
            if label not in trans:
                raise self.fail(key, f"is missing: state {label} has no actions; give it at "
                                     f"least one, e.g. stay = {{{label} = 1}}")
            acts = self.table(trans[label], key, None)
            if not acts:
                raise self.fail(key, f"is empty: state {label} has no actions; give it at "
                                     f"least one, e.g. stay = {{{label} = 1}}")
            pairs[s] = {str(a): self._transition(spec, f"{key}.{a}")
                        for a, spec in acts.items()}
        return pairs

    def _transition(self, value: Any, key: str) -> _Pair:
        """One state-action pair's set: any ``[belief]`` spelling, read by :meth:`belief`
        over the states, or a table successor -> interval."""
        hint = ('a credal set over the states as a [belief] table gives one (lower and upper, '
                'vertices, tv_ball, ...) or an interval per successor state, e.g. '
                f'{{{next(iter(self.labels))} = ["1/4", "1/2"]}}')
        if not isinstance(value, Mapping) or not value:
            raise self.fail(key, f"must be a non-empty table: {hint}; got {show(value, 60)}")
        names = [str(k) for k in value]
        if all(k in _BELIEF_KEYS and k in self.labels for k in names):
            raise self.fail(key, f"is ambiguous: {', '.join(names)} name states and also ways "
                                 f"of giving a credal set; rename those states")
        if any(k in _BELIEF_KEYS and k not in self.labels for k in names):
            return self.belief(value, key)
        return self._intervals(value, key)

    def _intervals(self, value: Mapping[str, Any], key: str) -> tuple[list[Number],
                                                                      list[Number]]:
        n = len(self.outcomes)
        index = {label: i for i, label in enumerate(self.labels)}
        lo: list[Number] = [0] * n
        up: list[Number] = [0] * n
        for k, v in value.items():
            sub = f"{key}.{k}"
            if str(k) not in index:
                raise self.fail(sub, f"is not a state (nor a way of giving a credal set); the "
                                     f"states are {', '.join(self.labels)}")
            if isinstance(v, list):
                if len(v) != 2:
                    raise self.fail(sub, f"must be an interval [lower, upper] (two numbers), "
                                         f"got {len(v)} entries")
                a, b = self.number(v[0], f"{sub}[0]"), self.number(v[1], f"{sub}[1]")
            elif isinstance(v, Mapping):
                bounds = self.table(v, sub, ("lower", "upper"))
                a = self.number(bounds.get("lower", 0), f"{sub}.lower")
                b = self.number(bounds.get("upper", 1), f"{sub}.upper")
            else:
                a = b = self.number(v, sub)
            if not 0 <= a <= b <= 1:
                raise self.fail(sub, f"is the interval [{show(a)}, {show(b)}]; a probability "
                                     f"interval needs 0 <= lower <= upper <= 1")
            lo[index[str(k)]], up[index[str(k)]] = a, b
        s_lo, s_up = sum(lo), sum(up)
        exact = not any(isinstance(x, float) for x in lo + up)
        tol = 0 if exact else 1e-9
        if s_lo > 1 + tol or s_up < 1 - tol:
            raise self.fail(key, f"admits no distribution: the lower bounds sum to "
                                 f"{show(s_lo)} and the upper bounds to {show(s_up)}; need "
                                 f"sum(lower) <= 1 <= sum(upper) (a successor left out has "
                                 f"probability 0)")
        return lo, up

    def _mdp_rewards(self, value: Any, actions: Mapping[Hashable, tuple[str, ...]]
                     ) -> dict[Hashable, dict[str, Number]]:
        t = self.table(value, "mdp.rewards", None)
        out: dict[Hashable, dict[str, Number]] = {}
        for k, row in t.items():
            key = f"mdp.rewards.{k}"
            s = self._state(k, key)
            acts = actions[s]
            if isinstance(row, Mapping):
                out[s] = {}
                for a, r in row.items():
                    if str(a) not in acts:
                        raise self.fail(f"{key}.{a}", f"is not an action of state {k}; its "
                                                      f"actions are {', '.join(acts)}")
                    out[s][str(a)] = self.number(r, f"{key}.{a}")
            else:  # one number: every action of the state
                r = self.number(row, key)
                out[s] = {a: r for a in acts}
        return out

    def _mdp_objective(self, value: Any, name: str, actions: Mapping[Hashable, tuple[str, ...]]
                       ) -> dict[str, Any]:
        key = f"mdp.{name}"
        t = self.table(value, key, MDP_OBJECTIVES[name])
        args: dict[str, Any] = {}
        horizon = t.get("horizon")
        if horizon is not None:
            if isinstance(horizon, bool) or not isinstance(horizon, int) or horizon < 0:
                raise self.fail(f"{key}.horizon", f"must be a non-negative integer (the number "
                                                  f"of decisions), got {show(horizon, 60)}")
        args["horizon"] = horizon
        if name in ("solve", "evaluate"):
            discount = None
            if "discount" in t:
                discount = self.number(t["discount"], f"{key}.discount")
                if not 0 <= discount <= 1:
                    raise self.fail(f"{key}.discount", f"must lie in [0, 1], got "
                                                       f"{show(discount)}")
                if horizon is None and discount == 1:
                    raise self.fail(f"{key}.discount", "must be below 1 without a horizon (the "
                                                       "infinite discounted sum needs it); give "
                                                       "a horizon, or a discount in [0, 1)")
            elif horizon is None:
                raise self.fail(key, "needs a horizon, a discount below 1, or both: "
                                     'e.g. horizon = 10, or discount = "9/10" for the '
                                     'infinite horizon')
            args["discount"] = discount
            terminal = None
            if "terminal" in t:
                tv = self.table(t["terminal"], f"{key}.terminal", None)
                terminal = FrozenDict({
                    self._state(s, f"{key}.terminal.{s}"): self.number(v, f"{key}.terminal.{s}")
                    for s, v in tv.items()})
            args["terminal"] = terminal
        if name == "reachability":
            if "target" not in t:
                raise self.fail(f"{key}.target", 'is missing: list the states to reach, e.g. '
                                                 f'target = ["{next(iter(self.labels))}"]')
            target = self._states(t["target"], f"{key}.target")
            if not target:
                raise self.fail(f"{key}.target", "is empty: list at least one state to reach")
            avoid = self._states(t.get("avoid", []), f"{key}.avoid")
            both = [s for s in target if s in avoid]
            if both:
                raise self.fail(f"{key}.avoid", f"lists {show(both[0])}, which is also in "
                                                f"target; a state cannot be both reached and "
                                                f"avoided")
            args["target"], args["avoid"] = target, avoid
        if name == "safety":
            if "avoid" not in t:
                raise self.fail(f"{key}.avoid", 'is missing: list the states to stay out of, '
                                                f'e.g. avoid = ["{next(iter(self.labels))}"]')
            args["avoid"] = self._states(t["avoid"], f"{key}.avoid")
        if name == "evaluate":
            if "policy" not in t:
                raise self.fail(f"{key}.policy", "is missing: give the action taken in each "
                                                 "state, a table state -> action")
            pol = self.table(t["policy"], f"{key}.policy", None)
            policy: dict[Hashable, str] = {}
            for k, a in pol.items():
                s = self._state(k, f"{key}.policy.{k}")
                if not isinstance(a, str) or a not in actions[s]:
                    raise self.fail(f"{key}.policy.{k}", f"{show(a, 60)} is not an action of "
                                                         f"state {k}; its actions are "
                                                         f"{', '.join(actions[s])}")
                policy[s] = a
            absent = [label for label, s in self.labels.items() if s not in policy]
            if absent:
                raise self.fail(f"{key}.policy", f"gives no action for {', '.join(absent)}; "
                                                 f"give one action per state")
            args["policy"] = FrozenDict(policy)
        nature = t.get("nature", "adversarial")
        if nature not in ("adversarial", "cooperative"):
            raise self.fail(f"{key}.nature", f'must be "adversarial" (lower expectations) or '
                                             f'"cooperative" (upper ones), got {show(nature)}')
        args["nature"] = nature
        return args


#: One state-action pair as a file gives it: a credal set, or (lower, upper) per successor.
_Pair = CredalSet | tuple[list[Number], list[Number]]


def _mdp_model(states: tuple[Hashable, ...], pairs: dict[Hashable, dict[str, _Pair]],
               rewards: dict[Hashable, dict[str, Number]] | None) -> SupraMDP:
    """The :class:`~credal.mdp.SupraMDP` of the parsed pairs: an interval model
    (``from_intervals``, answered by the greedy fill) when every pair is given by intervals
    per successor and the actions' order can be kept, else one credal set per pair."""
    from .mdp import SupraMDP

    order: list[str] = []
    for acts in pairs.values():
        order += [a for a in acts if a not in order]
    position = {a: i for i, a in enumerate(order)}
    intervals = all(not isinstance(p, CredalSet) for acts in pairs.values()
                    for p in acts.values())
    in_order = all([position[a] for a in acts] == sorted(position[a] for a in acts)
                   for acts in pairs.values())
    if intervals and in_order:
        zero: list[Number] = [0] * len(states)
        lo = [[zero] * len(order) for _ in states]
        up = [[zero] * len(order) for _ in states]
        for i, acts in enumerate(pairs.values()):
            for a, p in acts.items():
                assert not isinstance(p, CredalSet)
                lo[i][position[a]], up[i][position[a]] = p
        return SupraMDP.from_intervals(lo, up, states=states, actions=order, rewards=rewards)
    sets_: dict[Hashable, dict[Hashable, CredalSet]] = {
        s: {a: p if isinstance(p, CredalSet) else CredalSet.from_bounds(*p, outcomes=states)
            for a, p in acts.items()} for s, acts in pairs.items()}
    return SupraMDP(sets_, rewards)

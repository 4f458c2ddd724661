"""credal: decisions under Knightian uncertainty.

Credal sets (closed convex polytopes of distributions over a finite outcome set), lower and
upper expectations by linear programming, exact rational answers for exact inputs.

>>> import credal as cr
>>> S = cr.CredalSet.from_bounds(["0.28", 0], ["0.7", 1], outcomes=["H", "T"])
>>> cr.lower_expectation(S, {"H": 4, "T": 0})
Fraction(28, 25)
"""

from . import errors, infra
from ._core.progress import ProgressBar
from .ddt import DDTProblem
from .decisions import (
    DecisionReport,
    decide,
    e_admissibility,
    gamma_maximax,
    gamma_maximin,
    hurwicz,
    interval_dominance,
    maximality,
    minimax_regret,
    randomized_maximin,
)
from .errors import (
    BatchError,
    CredalError,
    EmptySetError,
    InvalidArgumentError,
    SolverError,
    TooManyVerticesError,
)
from .expectations import (
    LowerExpectation,
    UpperExpectation,
    Value,
    lower_expectation,
    lower_probability,
    solve_lower,
    solve_upper,
    upper_expectation,
    upper_probability,
)
from .geometry import (
    HausdorffResult,
    TVProjection,
    diameter,
    distance_to_set,
    hausdorff_distance,
    solve_hausdorff,
    tv_distance,
    tv_projection,
)
from .operations import (
    condition,
    convex_hull,
    intersection,
    mixture,
    product,
    pushforward,
)
from .problem import Problem, load_problem, parse_problem
from .sets import (
    CredalSet,
    belief_function,
    contamination,
    cvar_set,
    idm,
    precise,
    tv_ball,
    vacuous,
    wasserstein_ball,
)
from .tolerance import DEFAULT_ATOL

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """``credal.batch``, ``credal.learning``, ``credal.mdp``, ``credal.parametric`` and
    ``credal.plot`` are imported on first use, so that ``import credal`` stays quick
    (and ``credal.plot`` imports matplotlib only when it draws)."""
    if name in ("batch", "learning", "mdp", "parametric", "plot"):
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'credal' has no attribute {name!r}")


__all__ = [
    "ProgressBar",
    "BatchError",
    "CredalError",
    "CredalSet",
    "DDTProblem",
    "DEFAULT_ATOL",
    "DecisionReport",
    "EmptySetError",
    "HausdorffResult",
    "InvalidArgumentError",
    "LowerExpectation",
    "Problem",
    "SolverError",
    "TooManyVerticesError",
    "TVProjection",
    "UpperExpectation",
    "Value",
    "batch",
    "belief_function",
    "condition",
    "contamination",
    "convex_hull",
    "cvar_set",
    "decide",
    "diameter",
    "distance_to_set",
    "e_admissibility",
    "errors",
    "gamma_maximax",
    "gamma_maximin",
    "hausdorff_distance",
    "mdp",
    "learning",
    "parametric",
    "hurwicz",
    "idm",
    "infra",
    "intersection",
    "interval_dominance",
    "load_problem",
    "lower_expectation",
    "lower_probability",
    "maximality",
    "minimax_regret",
    "mixture",
    "parse_problem",
    "plot",
    "precise",
    "product",
    "pushforward",
    "randomized_maximin",
    "solve_hausdorff",
    "solve_lower",
    "solve_upper",
    "tv_ball",
    "tv_distance",
    "tv_projection",
    "upper_expectation",
    "upper_probability",
    "vacuous",
    "wasserstein_ball",
]

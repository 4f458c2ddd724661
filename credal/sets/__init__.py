"""Credal sets: closed convex polytopes of distributions over a finite outcome set.

A :class:`CredalSet` holds its outcomes and one *form*, the representation it was given
in and computes from (:mod:`credal.sets._form` defines the protocol; each form is one
file in :mod:`credal.sets.forms`):

* **V-form** (``form == "vertices"``): the convex hull of finitely many points;
* **H-form** (``form == "constraints"``): ``{p in simplex : A_ub p <= b_ub, A_eq p = b_eq,
  lower <= p <= upper}``, the simplex constraints always implicit;
* **TV ball** (``form == "tv_ball"``): a centre and a radius, with its closed forms;
* a **Wasserstein ball**, a **CVaR set** and a **belief function**, each with its own.

Sets with a known structure (probability intervals, ε-contamination, TV balls, the IDM,
CVaR sets, belief functions) use closed forms for lower expectations (Walley's
linear-vacuous mixture; the Choquet integral of 2-monotone lower probabilities, de Campos,
Huete & Moral 1994) instead of an LP. Every set is immutable and valid: it is checked once,
at construction.
"""

from __future__ import annotations

from ._form import Constraints, Form
from ._many import SetBatch
from ._set import CredalSet, contamination, describe, idm, precise, vacuous
from .forms.belief import belief_function
from .forms.cvar import cvar_set
from .forms.tv_ball import MAX_TV_BALL_FACETS_N, tv_ball
from .forms.wasserstein import wasserstein_ball

__all__ = ["CredalSet", "Constraints", "Form", "vacuous", "precise", "tv_ball",
           "contamination", "idm", "wasserstein_ball", "cvar_set", "belief_function",
           "MAX_TV_BALL_FACETS_N", "describe", "SetBatch"]

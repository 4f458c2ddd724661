r"""Sequential decisions under Knightian uncertainty: crisp supra-MDPs, interval MDPs and
imprecise Markov chains, with exact values for exact input.

A *supra-MDP* has finitely many states, a non-empty set of actions per state and, for each
state-action pair, a credal set ``T(s, a)`` of next-state distributions from which nature
picks at every visit: adversarially by default (the robust-MDP and infra-Bayesian reading,
Gelb 2025; Iyengar 2005; Nilim & El Ghaoui 2005), cooperatively on request.

>>> import credal as cr
>>> st = ["s", "goal"]
>>> M = cr.mdp.SupraMDP({
...     "s": {"try": cr.CredalSet.from_bounds(["1/2", "1/4"], ["3/4", "1/2"], outcomes=st),
...           "wait": cr.precise([1, 0], outcomes=st)},
...     "goal": {"stay": cr.precise([0, 1], outcomes=st)}})
>>> sol = M.reachability({"goal"}, horizon=2)
>>> sol.values["s"], sol.policy[0]["s"]
(Fraction(7, 16), 'try')
"""

from ._model import ImpreciseMarkovChain, MDPSolution, SupraMDP
from .prism import PrismModel, load_prism, save_prism

__all__ = ["ImpreciseMarkovChain", "MDPSolution", "PrismModel", "SupraMDP", "load_prism",
           "save_prism"]

"""Infra-Bayesian learning on top of :mod:`credal.mdp`: hypothesis classes of supra-MDPs,
the regret of a policy in three senses (uniform, Bayesian, credal), the maximin and
minimax-regret policies of a class, environments (one supra-MDP and nature's behaviour),
seeded runs, agents that learn (robust, optimistic, posterior sampling) and regret curves
over many seeds.

>>> import credal as cr
>>> one = {"s": {"a": cr.precise([1], outcomes=["s"])}}
>>> K = cr.learning.HypothesisClass({"h": cr.mdp.SupraMDP(one, rewards={"s": {"a": 1}})})
>>> K.uniform_regret({"s": "a"}, start="s", horizon=3)
Fraction(0, 1)
"""

from ._agents import Agent, OptimisticAgent, PosteriorSamplingAgent, RobustAgent
from ._env import Environment, Trajectory, run
from ._experiments import RegretCurves, regret_curve
from ._hypotheses import MAX_POLICIES, HypothesisClass

__all__ = ["MAX_POLICIES", "Agent", "Environment", "HypothesisClass", "OptimisticAgent",
           "PosteriorSamplingAgent", "RegretCurves", "RobustAgent", "Trajectory",
           "regret_curve", "run"]

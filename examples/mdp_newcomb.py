"""Newcomb's problem as a supra-MDP: what a Markov game against nature can say about a
predictor, and what it cannot, exactly.

The problem (as in newcomb.py): box A holds $1,000; box B holds $1,000,000 if a predictor
predicted that you take box B alone ("one-box"), nothing if it predicted that you take
both ("two-box").

In a supra-MDP nature picks the next state from a credal set that depends only on the
current state and action, at every visit and against the agent (Gelb 2025). Newcomb's
predictor reacts to the agent's *policy*, which is not a state. So Newcomb's problem
cannot be written down as it stands; three small models show how far one gets.

1. **Opaque boxes, a predictor right with probability q in [9/10, 1].** The agent acts,
   then nature fills box B: after "one-box" B is full with probability q, after "two-box"
   with probability 1 − q, nature choosing q in [9/10, 1]. The order is the reverse of the
   story (the prediction comes first there), but the agent sees nothing in between, so
   every joint distribution of (content, act) is the same either way. Nature's worst q is
   9/10 for one-boxing (900,000) and 1 for two-boxing (1,000): the agent one-boxes, with
   the values that DDT gives in newcomb.py for the same belief. What the model does not
   say: it reads the prediction as a consequence of the act. A causal decision theorist
   would reject exactly that reading, and the supra-MDP cannot tell "the predictor read my
   decision" from "my decision filled the box"; in the opaque problem it need not.
2. **The Nirvana trick** (Diffractor & Kosoy, "Belief Functions and Decision Theory",
   2020). Nothing is known about the predictor: after the act, nature picks the prediction
   from the vacuous set. A prediction that the act contradicts leads to *Nirvana*, a reward
   at least as large as any real payoff (it stands for +∞: the hypothesis "the predictor is
   right" is refuted, and has nothing left to say against the agent). An adversarial nature
   never takes that branch, so it always predicts the act: one-box 1,000,000 against
   two-box 1,000, the perfect predictor of newcomb.py. The numbers do not depend on how
   large Nirvana is, as long as it is at least 1,000,000. Without Nirvana (a contradicted
   prediction just pays what the boxes hold) the same vacuous set gives maximin: one-box 0,
   two-box 1,000, the "no belief" row of newcomb.py.
3. **Transparent boxes: out of reach.** Now the agent sees box B before it acts, and B is
   full iff the predictor predicted that the agent would one-box *on seeing it full*. Nature
   shows a full or an empty box (vacuous); a two-box on a full box contradicts the
   prediction (Nirvana). But an empty box means "the agent would two-box on a full box",
   a claim about a state the agent is not in, which nothing on the empty branch can check.
   Nature's move is made state by state and cannot depend on what the agent does in a
   state it does not visit, so it shows the empty box to every policy that one-boxes on a
   full box, the very policies the real predictor rewards. Every policy is worth at most
   1,000 here, while DDT with policy-labelled outcomes (transparent_newcomb.py) finds the
   million. Letting the agent commit at the start turns the problem back into model 2; the
   transparent problem itself needs a belief over policies (`cr.DDTProblem`), not a
   supra-MDP.

Every model has horizon 2 (nature's move, then the payoff), and every value is exact.

The figure: the value of each act in each model, the act chosen outlined.
"""

from fractions import Fraction as F

import credal as cr

ONE, TWO = "one-box", "two-box"
FULL, EMPTY = "full", "empty"
PAYOFF = {(FULL, ONE): 1_000_000, (FULL, TWO): 1_001_000, (EMPTY, ONE): 0, (EMPTY, TWO): 1_000}
END = "end"


def on(states, bounds):
    """The credal set over `states` with the given {state: (lower, upper)} (others 0)."""
    lo = [bounds.get(s, (0, 0))[0] for s in states]
    up = [bounds.get(s, (0, 0))[1] for s in states]
    return cr.CredalSet.from_bounds(lo, up, outcomes=states)


def payoff_states(states, labels, reward):
    """Each of `labels` pays `reward(label)` on its single action "collect", then ends."""
    transitions = {s: {"collect": on(states, {END: (1, 1)})} for s in labels}
    transitions[END] = {"stay": on(states, {END: (1, 1)})}
    rewards = {s: {"collect": reward(s)} for s in labels}
    return transitions, rewards


# 1. Opaque boxes, accuracy q in [9/10, 1]. The outcome states are (content, act).
OUTCOMES = [(box, act) for act in (ONE, TWO) for box in (FULL, EMPTY)]
S1 = ["choose", *OUTCOMES, END]
T1, R1 = payoff_states(S1, OUTCOMES, PAYOFF.get)
T1["choose"] = {ONE: on(S1, {(FULL, ONE): ("9/10", 1), (EMPTY, ONE): (0, "1/10")}),
                TWO: on(S1, {(FULL, TWO): (0, "1/10"), (EMPTY, TWO): ("9/10", 1)})}
opaque = cr.mdp.SupraMDP({s: T1[s] for s in S1}, rewards=R1)
sol1 = opaque.solve(horizon=2)
coop1 = opaque.solve(horizon=2, nature="cooperative")


# 2. The Nirvana trick: the prediction is vacuous; a contradicted one is Nirvana.
PREDICTED = [(prediction, act) for act in (ONE, TWO) for prediction in (ONE, TWO)]
S2 = ["choose", *PREDICTED, END]


def nirvana_model(nirvana):
    """`nirvana=None`: a contradicted prediction pays what the boxes hold."""
    def reward(state):
        prediction, act = state
        box = FULL if prediction == ONE else EMPTY
        return PAYOFF[(box, act)] if (nirvana is None or prediction == act) else nirvana

    T, R = payoff_states(S2, PREDICTED, reward)
    T["choose"] = {act: on(S2, {(ONE, act): (0, 1), (TWO, act): (0, 1)}) for act in (ONE, TWO)}
    return cr.mdp.SupraMDP({s: T[s] for s in S2}, rewards=R)


sol2 = {nirvana: nirvana_model(nirvana).solve(horizon=2)
        for nirvana in (1_000_000, 10**9, None)}


# 3. Transparent boxes: nature shows a full or an empty box; the agent acts on what it sees.
S3 = ["start", FULL, EMPTY, END]
NIRVANA = 10**9
T3 = {"start": {"wait": on(S3, {FULL: (0, 1), EMPTY: (0, 1)})},
      FULL: {ONE: on(S3, {END: (1, 1)}), TWO: on(S3, {END: (1, 1)})},
      EMPTY: {ONE: on(S3, {END: (1, 1)}), TWO: on(S3, {END: (1, 1)})},
      END: {"stay": on(S3, {END: (1, 1)})}}
R3 = {FULL: {ONE: PAYOFF[(FULL, ONE)], TWO: NIRVANA},     # two-boxing refutes the prediction
      EMPTY: {ONE: PAYOFF[(EMPTY, ONE)], TWO: PAYOFF[(EMPTY, TWO)]}}
transparent = cr.mdp.SupraMDP(T3, rewards=R3)
sol3 = transparent.solve(horizon=2)
POLICIES = {"always one-box": (ONE, ONE), "one-box iff full": (ONE, TWO),
            "one-box iff empty": (TWO, ONE), "always two-box": (TWO, TWO)}
policy_values = {
    name: transparent.evaluate({"start": "wait", FULL: on_full, EMPTY: on_empty, END: "stay"},
                               horizon=2).values["start"]
    for name, (on_full, on_empty) in POLICIES.items()}



def money(x):
    """An exact whole number of dollars, with thousands separators."""
    assert x.denominator == 1
    return f"{int(x):,}"


def acts(sol):
    return ", ".join(f"{a} {money(sol.q_values[('choose', a)])}" for a in (ONE, TWO))


print(f"1. opaque, accuracy in [9/10, 1]:  {acts(sol1)}  -> {sol1.policy[0]['choose']}")
print(f"2. vacuous prediction + Nirvana:   {acts(sol2[10**9])}  -> "
      f"{sol2[10**9].policy[0]['choose']}")
print(f"   vacuous prediction, no Nirvana: {acts(sol2[None])}  -> "
      f"{sol2[None].policy[0]['choose']}")
print("3. transparent boxes:", "; ".join(f"{k} {money(v)}" for k, v in policy_values.items()))
print(f"   best value {money(sol3.values['start'])} (DDT, transparent_newcomb.py: 1,000,000)")

# What the example teaches, checked exactly.
# 1. Each act meets its own worst accuracy: 9/10 · 1,000,000 and 1 · 1,000.
assert sol1.policy[0] == {"choose": ONE, **{s: "collect" for s in OUTCOMES}, END: "stay"}
assert sol1.values["choose"] == 900_000
assert {a: sol1.q_values[("choose", a)] for a in (ONE, TWO)} == {ONE: 900_000, TWO: 1_000}
# Nature's worst case, q = 9/10 after one-boxing and q = 1 after two-boxing:
assert sol1.kernel[("choose", ONE)] == {(FULL, ONE): F(9, 10), (EMPTY, ONE): F(1, 10)}
assert sol1.kernel[("choose", TWO)] == {(EMPTY, TWO): 1}
# A cooperative nature (q = 1 after one-boxing, 9/10 after two-boxing): 1,000,000 against
# 9/10 · 1,000 + 1/10 · 1,001,000 = 101,000.
assert {a: coop1.q_values[("choose", a)] for a in (ONE, TWO)} == {ONE: 1_000_000, TWO: 101_000}

# 2. With Nirvana, the vacuous prediction acts as a perfect predictor, however large
#    Nirvana is (from 1,000,000 on); without it, maximin over the boxes.
for nirvana in (1_000_000, 10**9):
    assert sol2[nirvana].policy[0]["choose"] == ONE
    assert {a: sol2[nirvana].q_values[("choose", a)] for a in (ONE, TWO)} == \
        {ONE: 1_000_000, TWO: 1_000}
    # nature predicts the act: it never takes the Nirvana branch
    assert sol2[nirvana].kernel[("choose", ONE)] == {(ONE, ONE): 1}
    assert sol2[nirvana].kernel[("choose", TWO)] == {(TWO, TWO): 1}
assert sol2[None].policy[0]["choose"] == TWO
assert {a: sol2[None].q_values[("choose", a)] for a in (ONE, TWO)} == {ONE: 0, TWO: 1_000}

# 3. Transparent boxes: no policy gets the million. Nature shows the empty box to every
#    policy that one-boxes on a full box; a policy that two-boxes on a full box is shown
#    the empty box too (the full one would be Nirvana).
assert policy_values == {"always one-box": 0, "one-box iff full": 1_000,
                         "one-box iff empty": 0, "always two-box": 1_000}
assert sol3.values["start"] == max(policy_values.values()) == 1_000
assert sol3.kernel[("start", "wait")] == {EMPTY: 1}
# At the full box the solver two-boxes: Nirvana is worth more than anything, and nature
# makes sure the agent never gets there.
assert sol3.policy[1][FULL] == TWO and sol3.policy[1][EMPTY] == TWO

# The figure: each act's value in each model, the chosen act outlined.
try:
    import matplotlib.pyplot as plt  # noqa: F401  (the gallery's chart needs it)
    from _gallery import bar_chart, save
except ImportError:  # the checks above do not need matplotlib
    bar_chart = None
if bar_chart is not None:
    values = {
        "1. opaque, q in [9/10, 1]": {a: sol1.q_values[("choose", a)] for a in (ONE, TWO)},
        "2. vacuous + Nirvana": {a: sol2[10**9].q_values[("choose", a)] for a in (ONE, TWO)},
        "2. vacuous, no Nirvana": {a: sol2[None].q_values[("choose", a)] for a in (ONE, TWO)},
        "3. transparent (best policy\n one-boxing / two-boxing on full)": {
            ONE: max(policy_values["always one-box"], policy_values["one-box iff full"]),
            TWO: max(policy_values["one-box iff empty"], policy_values["always two-box"])},
    }
    choices = {name: [a for a, v in row.items() if v == max(row.values())]
               for name, row in values.items()}
    fig, ax = bar_chart(values, choices, "Newcomb's problem as a supra-MDP",
                        "value (thousands of dollars)", scale=1_000)
    ax.set_title("Newcomb's problem as a supra-MDP\n(the best act outlined)", fontsize=10)
    save(fig, __file__)

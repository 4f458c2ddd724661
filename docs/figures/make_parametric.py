"""Draw the figures of credal.parametric's results with credal.plot (needs the plot extra).

Run from anywhere: ``python docs/figures/make_parametric.py``. It writes, next to itself:

* ``parametric_tv_ball.png``: the lower and upper expectations of f = (0, 1, 2) over the
  total-variation ball of radius r around (1/2, 1/3, 1/6), as exact piecewise-linear
  functions of r (``credal.plot.piecewise``);
* ``parametric_regions.png``: where along r three decision rules choose among three acts
  (``credal.plot.regions`` of a mapping {rule: Regions}).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ACTS = {"risky": [0, 1, 2], "safe": ["1/2", "1/2", "1/2"], "hedge": ["3/2", 0, "1/2"]}
RULES = {"Γ-maximin": "gamma_maximin", "maximality": "maximality",
         "E-admissibility": "e_admissibility"}


def ball(e: Any) -> Any:
    import credal as cr

    return cr.tv_ball(["1/2", "1/3", "1/6"], e)


def main() -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import credal as cr
    from credal import plot

    low = cr.parametric.lower_expectation(ball, [0, 1, 2], domain=(0, 1), symbol="r")
    up = cr.parametric.upper_expectation(ball, [0, 1, 2], domain=(0, 1), symbol="r")
    ax = plot.piecewise(low, up, labels=["lower expectation", "upper expectation"])
    ax.set_ylabel("E f,  f = (0, 1, 2)")
    ax.set_title("TV ball of radius r around (1/2, 1/3, 1/6)", fontsize=10)
    written = [HERE / "parametric_tv_ball.png"]
    ax.figure.savefig(written[-1], dpi=100)
    plt.close(ax.figure)

    regions = {label: cr.parametric.decisions(ball, ACTS, rule=rule, domain=(0, 1),
                                              symbol="r")
               for label, rule in RULES.items()}
    ax = plot.regions(regions)
    ax.set_title("choices among risky (0, 1, 2), safe 1/2, hedge (3/2, 0, 1/2)",
                 fontsize=10)
    written.append(HERE / "parametric_regions.png")
    ax.figure.savefig(written[-1], dpi=100)
    plt.close(ax.figure)
    return written


if __name__ == "__main__":
    for path in main():
        print(path)

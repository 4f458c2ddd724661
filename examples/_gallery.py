"""What the example scripts share: where each saves its figure, and one chart.

Not an example itself (the gallery and the test suite skip files whose names start with
``_``). A script run as ``python examples/NAME.py`` finds it beside itself.
"""

import os
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.patches import Patch


def figure_path(script, suffix=""):
    """Where `script` (its ``__file__``) saves a figure: $CREDAL_FIGURES, else
    docs/figures/examples/, as ``<script stem><suffix>.png``."""
    folder = Path(os.environ.get("CREDAL_FIGURES",
                                 Path(__file__).resolve().parents[1] / "docs/figures/examples"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{Path(script).stem}{suffix}.png"


def save(fig, script, suffix=""):
    """Save `fig` as `script`'s figure, close it, and say where it went."""
    path = figure_path(script, suffix)
    fig.savefig(path, dpi=120, bbox_inches="tight")
    plt.close(fig)
    print(f"figure: {path}")
    return path


def bar_chart(values, choices, title, ylabel, scale=1, note=""):
    """Grouped bars of V(policy), one group per belief; DDT's choices outlined in black."""
    groups, policies = list(values), list(next(iter(values.values())))
    width = 0.8 / len(policies)
    fig, ax = plt.subplots(figsize=(1.2 + 1.7 * len(groups), 3.6), layout="constrained")
    for j, pi in enumerate(policies):
        xs = [i + (j - (len(policies) - 1) / 2) * width for i in range(len(groups))]
        heights = [float(values[g][pi]) / scale for g in groups]
        bars = ax.bar(xs, heights, width * 0.95, color=f"C{j}")
        for bar, g in zip(bars, groups, strict=True):
            if pi in choices[g]:
                bar.set_edgecolor("black")
                bar.set_linewidth(2)
            up = bar.get_height() >= 0
            ax.annotate(f"{int(values[g][pi]):,}",
                        (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        xytext=(0, 3 if up else -3), textcoords="offset points", rotation=90,
                        fontsize=7, ha="center", va="bottom" if up else "top")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.margins(y=0.3)
    ax.set_xticks(range(len(groups)), groups, fontsize=8)
    ax.set_ylabel(ylabel)
    ax.set_title(title + "\n(DDT's choice outlined)" + note, fontsize=10)
    ax.legend([Patch(color=f"C{j}") for j in range(len(policies))],
              [f"V({pi})" for pi in policies], fontsize=8, frameon=False, loc="upper left",
              bbox_to_anchor=(1.0, 1.0))
    return fig, ax

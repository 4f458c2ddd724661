"""Every teaching script in examples/ runs and its assertions hold."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

FOLDER = Path(__file__).resolve().parent.parent / "examples"
#: The teaching scripts; ``_gallery.py`` holds what they share and is not one.
EXAMPLES = sorted(p for p in FOLDER.glob("*.py") if not p.name.startswith("_"))


def test_there_are_examples() -> None:
    # The gallery: Ellsberg, Troffaes's rules, TV balls and contamination, the Hausdorff
    # witness, Newcomb and transparent Newcomb, counterfactual mugging and XOR blackmail,
    # dynamic Ellsberg, property testing (and more).
    assert len(EXAMPLES) >= 8, "examples/ should hold at least eight teaching scripts"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_runs(path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib.pyplot as plt  # the testing extra brings matplotlib (examples draw)

    figures = tmp_path / "figures"
    monkeypatch.setenv("CREDAL_FIGURES", str(figures))
    monkeypatch.syspath_prepend(str(FOLDER))  # as `python examples/NAME.py` would
    plt.close("all")
    runpy.run_path(str(path), run_name="__main__")
    assert capsys.readouterr().out.strip(), f"{path.name} should print what it shows"
    # Every example saves its figure as <stem>.png (more figures as <stem>_2.png, ...) in
    # $CREDAL_FIGURES, and closes what it opened.
    saved = sorted(figures.glob("*.png"))
    assert figures / f"{path.stem}.png" in saved, f"{path.name} should save {path.stem}.png"
    for png in saved:
        assert png.stem == path.stem or png.stem.startswith(f"{path.stem}_"), png.name
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{png.name} is not a PNG"
    assert not plt.get_fignums(), f"{path.name} should close its figures"


def test_cli_demo_prints_exact_troffaes_and_ellsberg(capsys: pytest.CaptureFixture[str]) -> None:
    from credal.cli import main

    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    for value in ("28/25", "6/5", "57/25", "5/4", "47/20", "233/250", "2/3"):
        assert value in out
    assert "Γ-maximin): d5" in out


def test_cli_help_lists_demo(capsys: pytest.CaptureFixture[str]) -> None:
    from credal.cli import main

    assert main([]) == 2  # a bare `credal` is a usage error: the help, on stderr
    assert "demo" in capsys.readouterr().err


def test_scripts_print_nothing_from_the_solver() -> None:
    # HiGHS prints a banner to the C-level stdout when a process creates its first model,
    # even with output_flag off; credal suppresses it, so a user's script prints only what
    # it prints.
    import subprocess
    import sys

    code = ("import credal as cr; "
            "S = cr.CredalSet.from_lower_previsions([([1.0, 2.0, 0.0], 1.0)]); "
            "print(round(cr.lower_expectation(S, [0.0, 1.0, 3.0]), 6))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.strip() == "0.0", out.stdout

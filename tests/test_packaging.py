"""What a pip install gets: the example problem files as package data, cvxpy as an optional
extra with a clear error when it is missing, and source and binary distributions that hold
what they need.

Building the sdist uses the setuptools already installed (offline, about 2 s); building the
wheel needs pip to fetch the build backend into an isolated environment (about 8 s on the
development machine), and is skipped, saying why, only when no package index answers.
"""

from __future__ import annotations

import fnmatch
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import credal as cr
from credal.errors import InvalidArgumentError
from credal.lp import LinearProgram, get_backend
from credal.lp.cvxpy_backend import CvxpyBackend
from credal.problem import example_problems

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGE = Path(cr.__file__).resolve().parent
SHIPPED = ["counterfactual_mugging.toml", "ellsberg.json", "newcomb.toml", "troffaes.toml"]


# -- the example problems are package data -----------------------------------------------
def test_example_problems_live_inside_the_package() -> None:
    found = example_problems()
    assert list(found) == ["counterfactual_mugging", "ellsberg", "newcomb", "troffaes"]
    assert sorted(p.name for p in found.values()) == SHIPPED
    for path in found.values():
        assert path.is_absolute() and path.parent == PACKAGE / "data" / "problems"
        problem = cr.load_problem(path)
        assert problem.title and (problem.acts or problem.ddt is not None)


def test_package_data_globs_cover_every_problem_file() -> None:
    """What pyproject.toml declares as package data is what a wheel will hold."""
    globs = PYPROJECT["tool"]["setuptools"]["package-data"]["credal"]
    assert "py.typed" in globs
    for name in SHIPPED:
        assert any(fnmatch.fnmatch(f"data/problems/{name}", g) for g in globs), name


# -- cvxpy is an optional extra ----------------------------------------------------------
def _name(requirement: str) -> str:
    return requirement.split(";")[0].split(">")[0].split("=")[0].split("<")[0].strip()


def test_cvxpy_is_an_extra_and_highspy_a_dependency() -> None:
    project = PYPROJECT["project"]
    required = {_name(r) for r in project["dependencies"]}
    assert {"numpy", "scipy", "highspy", "sympy"} <= required
    assert "cvxpy" not in required
    extras = project["optional-dependencies"]
    assert "cvxpy" in {_name(r) for r in extras["cvxpy"]}
    # the testing extra installs cvxpy: the cross-check tests run instead of skipping
    assert "cvxpy" in {_name(r) for r in extras["testing"]}


def test_backend_cvxpy_without_cvxpy_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "cvxpy", None)  # as if it were not installed
    with pytest.raises(InvalidArgumentError, match=r'pip install "credalkit\[cvxpy\]"'):
        get_backend("cvxpy")
    S = cr.CredalSet.from_constraints(A_ub=[[1.0, -1.0, 0.0]], b_ub=[0.0])
    with pytest.raises(InvalidArgumentError, match=r"backend='cvxpy' needs"):
        cr.lower_expectation(S, [1.0, 0.0, 2.0], backend="cvxpy")
    lp = LinearProgram.create([1.0, 2.0], A_eq=[[1.0, 1.0]], b_eq=[1.0], lower=0.0)
    with pytest.raises(InvalidArgumentError, match="credalkit"):
        CvxpyBackend().solve(lp)  # the adapter used directly, without the registry
    assert cr.lower_expectation(S, [1.0, 0.0, 2.0]) == pytest.approx(0.0, abs=1e-9 * 2)


# -- the distributions ---------------------------------------------------------------------
def _source_copy(tmp_path: Path) -> Path:
    """The working tree without caches, builds and the virtual environment."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".venv", ".git", "_build", "build", "dist", "*.egg-info", "__pycache__", ".*_cache",
        ".hypothesis", "results"))
    return src


def test_sdist_holds_what_its_tests_need(tmp_path: Path) -> None:
    src = _source_copy(tmp_path)
    out = tmp_path / "dist"
    code = ("import sys; from setuptools import build_meta; "
            "print(build_meta.build_sdist(sys.argv[1]))")
    done = subprocess.run([sys.executable, "-c", code, str(out)], cwd=src, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    (archive,) = out.glob("*.tar.gz")
    with tarfile.open(archive) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for need in ("pyproject.toml", "README.md", "CHANGELOG.md", "Makefile", "MANIFEST.in",
                 "conftest.py", "tests/test_cli.py", "tests/laws/_support.py",
                 "docs/conftest.py", "docs/howto/cli.md", "examples/troffaes_rules.py",
                 "benchmarks/run.py", *(f"credal/data/problems/{n}" for n in SHIPPED)):
        assert need in names, need
    assert not [n for n in names if "__pycache__" in n or n.startswith("docs/_build")]


def test_wheel_holds_the_problem_files(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "MANIFEST.in"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "credal", src / "credal",
                    ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path / "wheels"
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q",
                           "-w", str(out)], cwd=src, capture_output=True, text=True,
                          timeout=300)
    if done.returncode != 0 and ("No matching distribution" in done.stderr
                                 or "NewConnectionError" in done.stderr):
        pytest.skip("pip could not fetch the build backend (no package index answers)")
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = out.glob("credalkit-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        meta = z.read(metadata).decode()
    assert {f"credal/data/problems/{n}" for n in SHIPPED} | {"credal/py.typed"} <= names
    assert "Provides-Extra: cvxpy" in meta
    assert not [line for line in meta.splitlines()
                if line.startswith("Requires-Dist: cvxpy") and "extra ==" not in line]

"""pytest collects docs/ for the doctests of its markdown pages (``--doctest-glob=*.md``).

Sphinx's configuration is not a test module, and the build output and the generated
examples gallery (pages made from ``examples/*.py``, which the test suite runs directly)
hold nothing to doctest.
"""

import pathlib

import pytest

collect_ignore = ["conf.py"]
collect_ignore_glob = ["_build/*", "examples/*"]


@pytest.fixture(autouse=True)
def _run_from_the_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages name files as a reader at the repository root would
    (such as ``credal/data/problems/troffaes.toml``), wherever pytest was started."""
    monkeypatch.chdir(pathlib.Path(__file__).resolve().parent.parent)

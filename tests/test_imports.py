"""`import credal` stays light: heavy dependencies are imported only where used."""

from __future__ import annotations

import subprocess
import sys


def test_import_credal_does_not_import_heavy_dependencies() -> None:
    code = ("import sys, credal; "
            "print(sorted(m for m in ('cvxpy', 'sympy', 'hypothesis', 'highspy', 'matplotlib') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def test_pandas_is_never_imported_even_by_labelled_input_paths() -> None:
    # pandas objects are recognised only when the caller has imported pandas itself.
    code = ("import sys, credal as cr; S = cr.vacuous(['a', 'b']); "
            "cr.lower_expectation(S, {'a': 1}); cr.lower_expectation(S, [[1, 0], [0, 1]]); "
            "cr.distance_to_set([1, 0], S); print('pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


def test_highspy_is_imported_by_the_first_lp() -> None:
    code = ("import sys, credal as cr; S = cr.CredalSet.from_constraints(A_ub=[[1.0, 0.0]], "
            "b_ub=[0.5]); print('highspy' in sys.modules, 'cvxpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "True False"


def test_batch_is_imported_on_first_use() -> None:
    code = ("import sys, credal as cr; before = 'credal.batch' in sys.modules; "
            "fn = cr.batch.map; print(before, 'credal.batch' in sys.modules, callable(fn))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False True True"


def test_version_matches_the_distribution() -> None:
    from importlib.metadata import version

    import credal

    assert credal.__version__ == version("credalkit")

"""Test-suite configuration: the hypothesis profiles, for every test and doctest (this file
sits at the repository root so that ``pytest credal`` or ``pytest docs`` alone get them too).

Two profiles, chosen before any test module is imported (so every ``@settings`` built at
import time, and the doctests' bare ``@given``, inherit from them):

``ci``
    Chosen when the ``CI`` environment variable is set, as ``.ci/run`` is run. Derandomized:
    the same examples on every run, so a result does not depend on luck.
``dev``
    Everywhere else: every run draws new examples, so repeated local runs keep looking for
    counterexamples. A failure prints an ``@reproduce_failure`` blob to paste over the test;
    ``--hypothesis-seed=<n>`` fixes the draws, ``HYPOTHESIS_PROFILE=ci`` gives CI's.

Both are as reliable as each other on a loaded machine: no deadline (an LP, or a rational
certificate, can take a second when other processes share the cores), no ``too_slow`` or
``data_too_large`` health check (both depend on timing or luck, not on the code under test),
and no example database (a run never depends on files an earlier run left behind; in a
fresh clone nothing is written). Set ``HYPOTHESIS_PROFILE`` to choose a profile by name.
"""

from __future__ import annotations

import os

# Plots in the tests and examples draw off screen (set before anything imports matplotlib).
os.environ.setdefault("MPLBACKEND", "Agg")

from hypothesis import HealthCheck, settings  # noqa: E402

_RELIABLE = settings(deadline=None, database=None, print_blob=True,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

settings.register_profile("ci", _RELIABLE, derandomize=True)
# derandomize=False said outright: under CI hypothesis loads its own derandomized "ci"
# profile before this file runs, and settings built then inherit from it.
settings.register_profile("dev", _RELIABLE, derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

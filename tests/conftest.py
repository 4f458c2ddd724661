"""Test-suite configuration.

Under CI (the ``CI`` environment variable set, as ``.ci/run`` is run) hypothesis is
derandomized, so a submission's result does not depend on luck; locally every run draws new
examples. Set ``HYPOTHESIS_PROFILE=ci`` to reproduce a CI run.
"""

from __future__ import annotations

import os

# Plots in the tests and examples draw off screen (set before anything imports matplotlib).
os.environ.setdefault("MPLBACKEND", "Agg")

from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("dev")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

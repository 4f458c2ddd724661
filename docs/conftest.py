"""pytest collects docs/ for the doctests of its markdown pages (``--doctest-glob=*.md``).

Sphinx's configuration is not a test module, and the build output and the generated
examples gallery (pages made from ``examples/*.py``, which the test suite runs directly)
hold nothing to doctest.
"""

collect_ignore = ["conf.py"]
collect_ignore_glob = ["_build/*", "examples/*"]

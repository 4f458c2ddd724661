"""Sphinx configuration for the credal documentation.

Build with ``make docs`` (offline, warnings as errors)::

    python -m sphinx -W --keep-going -b html docs docs/_build/html

Nothing is fetched at build time: no intersphinx, the built-in ``alabaster`` theme, and
MathJax only as a script URL in the written HTML.

The examples gallery (``docs/examples/<script>.md``) is generated here, at every build,
from ``examples/*.py``: one page per script with its docstring as the introduction, the
script itself and its figures ``docs/figures/examples/<script>.png`` (and
``<script>_2.png``, ... when it draws more than one). A script without a figure is a
build warning (so an error under ``-W``).
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(ROOT))

import credal  # noqa: E402

project = "credal"
author = "The credal developers"
copyright = "the credal developers"
release = credal.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "numpydoc",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "conftest.py"]
templates_path: list[str] = []

# MyST: plain CommonMark plus a few extensions. No dollarmath: the pages write maths in
# Unicode, and "$5 or $10" must stay money.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# autodoc + numpydoc
autodoc_default_options = {"member-order": "bysource"}
autodoc_typehints = "none"          # numpydoc's Parameters sections say the types
autodoc_inherit_docstrings = False
numpydoc_show_class_members = False
numpydoc_show_inherited_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
numpydoc_validation_checks: set[str] = set()

html_theme = "alabaster"
html_title = f"credal {release}"
html_static_path: list[str] = []
html_theme_options = {"description": "Decisions under Knightian uncertainty"}


# --------------------------------------------------------------------------------------
# Examples gallery
# --------------------------------------------------------------------------------------
EXAMPLES = ROOT / "examples"
GALLERY = DOCS / "examples"
FIGURES = DOCS / "figures" / "examples"

_MISSING_FIGURES: list[str] = []


def _example_page(script: Path) -> str:
    """The gallery page of one example script (MyST markdown)."""
    source = script.read_text(encoding="utf-8")
    module = ast.parse(source)
    doc = ast.get_docstring(module) or ""
    body_start = 1
    if doc and module.body and isinstance(module.body[0], ast.Expr):
        body_start = (module.body[0].end_lineno or 0) + 1
    paragraphs = doc.split("\n\n", 1)
    title = " ".join(paragraphs[0].split()).rstrip(".") or script.stem
    intro = paragraphs[1] if len(paragraphs) > 1 else ""
    lines = [
        f"# {title}",
        "",
        intro.strip(),
        "",
        f"Run it with `python examples/{script.name}`; it asserts every claim above, and "
        "the test suite runs it.",
        "",
    ]
    # The figure <stem>.png, then any further ones <stem>_2.png, <stem>_3.png, ...
    pattern = re.compile(rf"{re.escape(script.stem)}(?:_(\d+))?\.png")
    figures = sorted((int(m.group(1) or 1), f.name) for f in FIGURES.glob("*.png")
                     if (m := pattern.fullmatch(f.name)))
    if not figures or figures[0][0] != 1:
        _MISSING_FIGURES.append(script.name)
    for _, name in figures:
        lines += [
            f"```{{image}} ../figures/examples/{name}",
            f":alt: a figure of examples/{script.name}",
            "```",
            "",
        ]
    lines += [
        "## The script",
        "",
        f"```{{literalinclude}} ../../examples/{script.name}",
        ":language: python",
        f":lines: {body_start}-",
        "```",
        "",
    ]
    return "\n".join(lines)


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def write_gallery() -> None:
    """Write docs/examples/<stem>.md for every examples/*.py; remove stale pages."""
    GALLERY.mkdir(exist_ok=True)
    scripts = sorted(p for p in EXAMPLES.glob("*.py") if not p.name.startswith("_"))
    wanted = {GALLERY / f"{s.stem}.md" for s in scripts}
    for page in GALLERY.glob("*.md"):
        if page not in wanted:
            page.unlink()
    for script in scripts:
        _write_if_changed(GALLERY / f"{script.stem}.md", _example_page(script))


write_gallery()


def _warn_missing_figures(app: object) -> None:
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    for name in _MISSING_FIGURES:
        logger.warning(f"examples gallery: no figure docs/figures/examples/"
                       f"{Path(name).stem}.png for examples/{name}")


def setup(app):  # type: ignore[no-untyped-def]
    app.connect("builder-inited", _warn_missing_figures)
    return {"parallel_read_safe": True}

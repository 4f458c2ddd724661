"""The architecture in figures: what ``tests/test_architecture.py`` checks, counted.

Run with ``python benchmarks/architecture.py [--list]``. Not part of the test suite, and
nothing is imported from ``credal``: the source is read with :mod:`ast`. The rules (the
layer table, the private fields, the allowed ``exact`` parameters) are the test's own, so
the figures printed here are the ones the test judges; ``--list`` names every offender.

Besides the test's checks it counts two things the redesign aims to shrink and no test
bounds: branches on exactness (an ``if``/``... if ... else ...``/``while`` whose condition
reads a name ``exact`` or an attribute ``.exact``, outside ``credal/_core/arith.py``) and
``Any`` in the annotations of the public functions (a public name in a public module).
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
#: The module of the Arithmetic object, the one place that branches on exactness.
ARITHMETIC = "credal._core.arith"


def load_rules() -> ModuleType:
    """``tests/test_architecture.py`` as a module (it reads ``credal/`` when loaded)."""
    path = ROOT / "tests" / "test_architecture.py"
    spec = importlib.util.spec_from_file_location("_architecture_rules", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


def exactness_branches(rules: ModuleType) -> Counter[str]:
    """Conditions that read ``exact`` or ``.exact``, per module, outside the Arithmetic
    object's own module (where they belong)."""
    out: Counter[str] = Counter()
    for mod in rules.MODULES.values():
        if mod.name == ARITHMETIC:
            continue
        for node in ast.walk(mod.tree):
            if isinstance(node, ast.If | ast.IfExp | ast.While):
                if any((isinstance(n, ast.Name) and n.id == "exact")
                       or (isinstance(n, ast.Attribute) and n.attr == "exact")
                       for n in ast.walk(node.test)):
                    out[mod.file] += 1
    return out


def public_any(rules: ModuleType) -> Counter[str]:
    """``Any`` in the signatures of public functions and methods of public modules."""
    out: Counter[str] = Counter()
    for mod in rules.MODULES.values():
        if any(part.startswith("_") for part in mod.name.split(".")):
            continue

        def visit(node: ast.AST, public: bool, file: str) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.ClassDef):
                    visit(child, public and not child.name.startswith("_"), file)
                elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                    name = child.name
                    if public and (not name.startswith("_") or name == "__init__"):
                        args = child.args
                        annotations = [a.annotation for a in
                                       args.posonlyargs + args.args + args.kwonlyargs
                                       + [args.vararg, args.kwarg] if a is not None]
                        annotations.append(child.returns)
                        for ann in annotations:
                            if ann is None:
                                continue
                            text = ast.unparse(ann)
                            out[file] += sum(
                                1 for n in ast.walk(ast.parse(text.strip("'\""), mode="eval"))
                                if (isinstance(n, ast.Name) and n.id == "Any")
                                or (isinstance(n, ast.Attribute) and n.attr == "Any"))

        visit(mod.tree, True, mod.file)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="name every offender")
    listing = parser.parse_args().list
    rules = load_rules()

    modules = rules.MODULES
    imports = [imp for mod in modules.values() for imp in mod.imports]
    runtime = [imp for imp in imports if not imp.type_checking]
    cycles = rules.cycles()
    in_cycles = sorted({imp.source for c in cycles for imp in c})
    upward = rules.upward_imports()
    private = rules.private_field_reads()
    exact = rules.exact_parameters()
    stray = [name for name, _ in exact if name not in rules.EXACT_PARAMETERS]
    ndarray = rules.ndarray_definitions()
    unplaced = rules.unplaced_modules()
    branches = exactness_branches(rules)
    anys = public_any(rules)
    forms_dir = ROOT / "credal" / "sets" / "forms"
    forms = sorted(p.stem for p in forms_dir.glob("*.py") if not p.name.startswith("_")) \
        if forms_dir.is_dir() else []

    rows = [
        ("modules in credal/", len(modules), None),
        ("imports between them (runtime / TYPE_CHECKING)",
         f"{len({(i.source, i.target) for i in runtime})} / "
         f"{len({(i.source, i.target) for i in imports if i.type_checking})}", None),
        ("modules without a layer", len(unplaced), 0),
        ("import cycles (modules on one)", f"{len(cycles)} ({len(in_cycles)})", 0),
        ("imports of a higher layer", len(upward), 0),
        ("private set fields read outside credal/sets/", len(private), 0),
        ("parameters named exact (not at a listed boundary)",
         f"{len(exact)} ({len(stray)})", f"<= {rules.MAX_EXACT} (0)"),
        ("NDArray defined outside credal/_core/types.py", len(ndarray), 0),
        ("branches on exactness outside arith (fewer is better)", sum(branches.values()), None),
        ("Any in public signatures (fewer is better)", sum(anys.values()), None),
        ("form files in credal/sets/forms/", len(forms), None),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'now':>10}  target")
    for label, value, target in rows:
        print(f"{label:<{width}}  {value!s:>10}  {'' if target is None else target}")
    if forms:
        print(f"\nforms: {', '.join(forms)}")

    if listing:
        def section(title: str, items: list[str]) -> None:
            if items:
                print(f"\n{title} ({len(items)}):\n  " + "\n  ".join(items))

        section("modules without a layer", unplaced)
        section("import cycles", [" -> ".join([c[0].source] + [i.target for i in c])
                                  for c in cycles])
        section("imports of a higher layer",
                [f"{i.where()}: {i.source} -> {i.target}"
                 + (" (TYPE_CHECKING)" if i.type_checking else "") for i in upward])
        section("private set fields read outside credal/sets/", [str(o) for o in private])
        section("parameters named exact not at a listed boundary", stray)
        section("NDArray definitions", [str(o) for o in ndarray])
        section("branches on exactness, per module",
                [f"{n:4d}  {f}" for f, n in branches.most_common()])
        section("Any in public signatures, per module",
                [f"{n:4d}  {f}" for f, n in anys.most_common() if n])


if __name__ == "__main__":
    main()

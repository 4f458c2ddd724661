"""The layering of ``credal/`` stays true: checked on the source, with :mod:`ast`.

The package is built in layers, bottom to top (``docs/architecture.md`` draws them and
says why). A module may import only from its own layer or a lower one; :data:`LAYERS` is
the one table of who sits where. The tests below read every module under ``credal/``
without importing it and check:

* the import graph between credal modules has no cycle;
* every import goes to the same or a lower layer;
* no module outside ``credal/sets/`` reads a credal set's private fields or its cache;
* at most :data:`MAX_EXACT` function parameters are named ``exact``, each one a public
  boundary listed in :data:`EXACT_PARAMETERS` (below them the arithmetic is an object);
* ``NDArray`` is defined once, in ``credal/_core/types.py``.

What counts as an import
    ``import a.b``, ``from a import b`` (an edge to the module ``a.b`` when it is one, else
    to ``a``), relative imports resolved against the importing module, and
    ``importlib.import_module("...")`` with a literal name; at module level **and** inside
    functions and methods (a lazy import runs too, only later). Importing ``a.b.c`` also
    runs the packages ``a`` and ``a.b`` first; those implicit edges are not counted (they
    would make every module depend on ``credal/__init__.py``), only the module named.
    A name computed at run time (``import_module(f".{name}")``, as the package's lazy
    ``__getattr__`` does for the io modules of its own layer) cannot be seen.

``TYPE_CHECKING`` imports
    Imports under ``if TYPE_CHECKING:`` never run, so they are left out of the cycle
    check. They still count for the layering: a low module that names a higher layer's
    type in its annotations depends on that layer all the same.

:mod:`benchmarks.architecture` (``python benchmarks/architecture.py``) prints the same
measurements as figures.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "credal"

# --------------------------------------------------------------------------------------
# The rules, in one place
# --------------------------------------------------------------------------------------
#: Where each module sits, bottom (0) to top (8); the longest matching prefix of a module's
#: dotted name decides (``"credal"`` is the package's own ``__init__.py`` only). Decimals
#: order the modules within a layer that may import one another in one direction only
#: (operations may import geometry, not the reverse).
#: ``credal.mdp``, ``credal.parametric`` and ``credal.learning`` are the places kept for
#: the layers later issues add.
LAYERS: dict[str, float] = {
    # 0. numbers, errors, tolerance, outcomes, the arithmetic, exact linear algebra, types
    "credal.errors": 0,
    "credal.tolerance": 0,
    "credal._core": 0,
    # running tasks through any executor: knows nothing about credal sets, so any layer
    # may run a batch (credal.learning runs its regret curves through it)
    "credal.batch": 0.5,
    # 1. the LP standard form and its backends (knows nothing about credal sets)
    "credal.lp": 1,
    # 2. vertex and facet enumeration on plain arrays
    "credal._polyhedra": 2,
    # 3. CredalSet, the form protocol, one file per form, the region LPs
    "credal.sets": 3,
    # 4. lower and upper expectations
    "credal.expectations": 4,
    # 5. set geometry, then the set operations (which may use the geometry)
    "credal.geometry": 5,
    "credal.operations": 5.5,
    # 6. infra-Bayesianism
    "credal.infra": 6,
    # 7. decision rules, then disambiguative decision theory, then what builds on them
    "credal.decisions": 7,
    "credal.ddt": 7.2,
    "credal.mdp": 7.4,
    "credal.parametric": 7.4,
    "credal.learning": 7.6,
    # 8. io and tools, and the package itself (it re-exports everything)
    "credal.problem": 8,
    "credal.cli": 8,
    "credal.plot": 8,
    "credal.strategies": 8,
    "credal.__main__": 8,
    "credal": 8,
}

#: The package whose modules own a credal set's private fields.
SETS_PACKAGE = "credal.sets"

#: The private fields of a credal set (and of its forms) that only ``credal.sets`` may read.
PRIVATE_FIELDS = frozenset(
    {"_form", "_outcomes", "_cache", "_points", "_hform", "_structure", "_memos"})

#: Modules outside ``credal.sets`` whose own classes have fields of those names; there a
#: read such as ``H._points`` is of the module's own class (``Infradistribution``), which a
#: syntax check cannot tell from a credal set's. Keep this short: each entry is checked to
#: be a field a class of that module declares.
OWN_FIELDS: dict[str, frozenset[str]] = {
    "credal.infra": frozenset({"_points", "_outcomes"}),
}

#: The most function parameters named ``exact`` that ``credal/`` may have.
MAX_EXACT = 13

#: The public boundaries that keep an ``exact=`` parameter, as ``module:qualified name``.
#: Below them the arithmetic is an object (``credal._core.arith.EXACT``/``FLOAT``), chosen
#: once from the inputs and passed down.
EXACT_PARAMETERS = frozenset({
    # the LP layer's public entry points: a user builds an LP before any credal set exists
    "credal.lp._problem:LinearProgram.create",
    "credal.lp._registry:get_backend",
    # the hypothesis strategies: the user chooses exact or float data
    "credal.strategies:distributions",
    "credal.strategies:gambles",
    "credal.strategies:credal_sets",
    "credal.strategies:wasserstein_balls",
    "credal.strategies:cvar_sets",
    "credal.strategies:belief_functions",
    "credal.strategies:infradistributions",
    "credal.strategies:decision_problems",
    "credal.strategies:interval_mdps",
    "credal.strategies:supra_mdps",
    "credal.strategies:imprecise_markov_chains",
})

#: The one module that defines ``NDArray``.
NDARRAY_HOME = "credal._core.types"


# --------------------------------------------------------------------------------------
# Reading the source
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Import:
    """One import statement's edge: ``source`` imports ``target`` at ``file:line``."""

    source: str
    target: str
    file: str
    line: int
    type_checking: bool  # under ``if TYPE_CHECKING:``

    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Module:
    name: str
    file: str  # relative to the folder holding the package, for messages
    tree: ast.Module
    is_package: bool
    imports: list[Import] = field(default_factory=list)


Modules = dict[str, Module]


def read_package(package: Path) -> Modules:
    """Every module of the package in folder ``package``, parsed, with its imports."""
    modules: Modules = {}
    for path in sorted(package.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        rel = path.relative_to(package.parent)
        parts = list(rel.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        name = ".".join(parts)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        modules[name] = Module(name, rel.as_posix(), tree, path.name == "__init__.py")
    for mod in modules.values():
        mod.imports = list(_imports_of(mod, modules))
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _walk(node: ast.AST, type_checking: bool = False) -> Iterator[tuple[ast.AST, bool]]:
    """Every node under ``node``, with whether it sits under ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            yield child, type_checking
            for stmt in child.body:
                yield stmt, True
                yield from _walk(stmt, True)
            for stmt in child.orelse:
                yield stmt, type_checking
                yield from _walk(stmt, type_checking)
        else:
            yield child, type_checking
            yield from _walk(child, type_checking)


def _resolve(mod: Module, level: int, name: str | None) -> str:
    """The absolute name of ``from <level dots><name> import ...`` in ``mod``."""
    if level == 0:
        return name or ""
    package = mod.name.split(".") if mod.is_package else mod.name.split(".")[:-1]
    base = package[: len(package) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def _imports_of(mod: Module, modules: Modules) -> Iterator[Import]:
    def edge(target: str, node: ast.AST, tc: bool) -> Iterator[Import]:
        if target == "credal" or target.startswith("credal."):
            # the longest prefix that is a module: "credal.sets.CredalSet" -> "credal.sets"
            while target not in modules and "." in target:
                target = target.rsplit(".", 1)[0]
            if target != mod.name:
                yield Import(mod.name, target, mod.file, getattr(node, "lineno", 0), tc)

    for node, tc in _walk(mod.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield from edge(alias.name, node, tc)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(mod, node.level, node.module)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                yield from edge(sub if sub in modules else base, node, tc)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name)
              and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id)
              == "import_module" and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            target: str = node.args[0].value
            if target.startswith("."):
                dots = len(target) - len(target.lstrip("."))
                target = _resolve(mod, dots, target.lstrip(".") or None)
            yield from edge(target, node, tc)


#: The modules of ``credal/``, read once per test session.
MODULES: Modules = read_package(PACKAGE)


def layer_of(name: str) -> float | None:
    """The layer of a module: its longest matching prefix in :data:`LAYERS` (``"credal"``
    places the package itself only, so a new module has no layer until it is given one)."""
    parts = name.split(".")
    for k in range(len(parts), 1, -1):
        prefix = ".".join(parts[:k])
        if prefix in LAYERS:
            return LAYERS[prefix]
    return LAYERS.get(name)


# --------------------------------------------------------------------------------------
# The measurements (also printed by benchmarks/architecture.py)
# --------------------------------------------------------------------------------------
def runtime_graph(modules: Modules = MODULES) -> dict[str, dict[str, Import]]:
    """``graph[a][b]``: the first import of ``b`` by ``a`` that runs (not TYPE_CHECKING)."""
    graph: dict[str, dict[str, Import]] = {name: {} for name in modules}
    for mod in modules.values():
        for imp in mod.imports:
            if not imp.type_checking:
                graph[mod.name].setdefault(imp.target, imp)
    return graph


def cycles(modules: Modules = MODULES) -> list[list[Import]]:
    """The import cycles of the runtime graph, each as its import edges: for every strongly
    connected component of more than one module (Tarjan's algorithm), the shortest cycle
    through each of its modules, without repeats."""
    graph = runtime_graph(modules)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(v: str) -> None:  # recursion depth is bounded by the module count
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            connect(v)

    found: list[list[Import]] = []
    seen: set[frozenset[tuple[str, str]]] = set()
    for component in sorted(components):
        for start in component:  # the shortest cycle through each module of the component
            cycle = _shortest_cycle(graph, set(component), start)
            key = frozenset((imp.source, imp.target) for imp in cycle)
            if key not in seen:
                seen.add(key)
                found.append(cycle)
    return found


def _shortest_cycle(graph: dict[str, dict[str, Import]], members: set[str],
                    start: str) -> list[Import]:
    """The shortest path of imports from ``start`` back to itself within ``members``."""
    parent: dict[str, str] = {start: start}
    queue = [start]
    while queue:
        nxt = []
        for v in queue:
            for w in sorted(graph[v]):
                if w == start:
                    path = [v]
                    while path[-1] != start:
                        path.append(parent[path[-1]])
                    path.reverse()  # start ... v
                    return [graph[x][y] for x, y in zip(path, path[1:] + [start], strict=True)]
                if w in members and w not in parent:
                    parent[w] = v
                    nxt.append(w)
        queue = nxt
    raise AssertionError(f"{start} is in a strongly connected component but on no cycle")


def unplaced_modules(modules: Modules = MODULES) -> list[str]:
    return sorted(name for name in modules if layer_of(name) is None)


def upward_imports(modules: Modules = MODULES) -> list[Import]:
    """Imports of a higher layer (TYPE_CHECKING ones included)."""
    out = []
    for mod in modules.values():
        own = layer_of(mod.name)
        for imp in mod.imports:
            target = layer_of(imp.target)
            if own is not None and target is not None and target > own:
                out.append(imp)
    return out


@dataclass(frozen=True)
class Offence:
    file: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.text}"


def private_field_reads(modules: Modules = MODULES) -> list[Offence]:
    """``x._cache`` and the like (see :data:`PRIVATE_FIELDS`) outside ``credal.sets``, and
    ``getattr``/``setattr``/``hasattr``/``object.__setattr__`` with those names spelled as
    strings. Allowed: ``self._x`` and ``cls._x`` (a class's own field), and the fields
    :data:`OWN_FIELDS` lists for the module."""
    def own(receiver: ast.expr) -> bool:
        return isinstance(receiver, ast.Name) and receiver.id in ("self", "cls")

    out = []
    for mod in modules.values():
        if mod.name == SETS_PACKAGE or mod.name.startswith(SETS_PACKAGE + "."):
            continue
        fields = PRIVATE_FIELDS - OWN_FIELDS.get(mod.name, frozenset())
        for node, _ in _walk(mod.tree):
            if isinstance(node, ast.Attribute) and node.attr in fields:
                if not own(node.value):
                    out.append(Offence(mod.file, node.lineno, ast.unparse(node)))
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute)
                  and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr)
                  in ("getattr", "setattr", "hasattr", "delattr", "__setattr__")
                  and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
                  and node.args[1].value in fields and not own(node.args[0])):
                out.append(Offence(mod.file, node.lineno, ast.unparse(node)))
    return out


def declared_fields(name: str, modules: Modules = MODULES) -> set[str]:
    """The fields the classes of a module declare: ``__slots__`` entries, class-level
    annotations, and ``self.x = ...`` / ``object.__setattr__(self, "x", ...)``."""
    out: set[str] = set()
    for cls in (n for n in ast.walk(modules[name].tree) if isinstance(n, ast.ClassDef)):
        for node in ast.walk(cls):
            if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "__slots__" for t in node.targets):
                out |= {e.value for e in ast.walk(node.value)
                        if isinstance(e, ast.Constant) and isinstance(e.value, str)}
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                out.add(node.target.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and \
                    isinstance(node.value, ast.Name) and node.value.id == "self":
                out.add(node.attr)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr == "__setattr__" and len(node.args) >= 2 and \
                    isinstance(node.args[1], ast.Constant):
                out.add(str(node.args[1].value))
    return out


def exact_parameters(modules: Modules = MODULES) -> list[tuple[str, int]]:
    """Every function parameter named ``exact``: ``("module:qualified.name", line)``."""
    out: list[tuple[str, int]] = []

    def visit(node: ast.AST, module: str, qual: list[str]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, module, qual + [child.name])
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                name = child.name if not isinstance(child, ast.Lambda) else "<lambda>"
                args = child.args
                if any(a.arg == "exact" for a in args.posonlyargs + args.args + args.kwonlyargs):
                    out.append((f"{module}:{'.'.join(qual + [name])}", child.lineno))
                visit(child, module, qual + [name])
            else:
                visit(child, module, qual)

    for mod in modules.values():
        visit(mod.tree, mod.name, [])
    return out


def ndarray_definitions(modules: Modules = MODULES) -> list[Offence]:
    """Bindings of the name ``NDArray`` other than the import of the one definition:
    assignments outside :data:`NDARRAY_HOME`, and imports of another ``NDArray`` (such as
    numpy.typing's)."""
    out = []
    for mod in modules.values():
        for node, _ in _walk(mod.tree):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AnnAssign | ast.AugAssign):
                targets = [node.target]
            if isinstance(node, ast.stmt) and mod.name != NDARRAY_HOME and any(
                    isinstance(t, ast.Name) and t.id == "NDArray" for t in targets):
                out.append(Offence(mod.file, node.lineno, ast.unparse(node).splitlines()[0]))
            if isinstance(node, ast.ImportFrom) and node.level == 0 and \
                    not (node.module or "").startswith("credal"):
                for alias in node.names:
                    if (alias.asname or alias.name) == "NDArray":
                        out.append(Offence(mod.file, node.lineno, ast.unparse(node)))
    return out


# --------------------------------------------------------------------------------------
# The checks
# --------------------------------------------------------------------------------------
def test_the_source_is_read() -> None:
    # the reader itself: it sees the modules and the imports everyone knows are there
    assert {"credal", "credal.errors", "credal.sets", "credal.lp"} <= set(MODULES)
    assert "credal.errors" in runtime_graph()["credal"]
    assert any(imp.target == "credal.lp" for imp in MODULES["credal.sets._lp"].imports)


def test_the_checks_catch_what_they_are_for(tmp_path: Path) -> None:
    # a small package, named credal so that LAYERS applies, breaking every rule once
    files = {
        "__init__.py": "from . import errors\n",
        "errors.py": "",
        "_core/__init__.py": "",
        "_core/types.py": "NDArray = object\n",
        "_core/numbers.py": "from numpy.typing import NDArray\n",
        "lp/__init__.py": "import importlib\ndef f(): importlib.import_module('credal.sets')\n",
        "sets/__init__.py": ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                             "    from ..geometry import G\nclass CredalSet:\n"
                             "    def f(self, exact): return self._cache, other._cache\n"),
        "geometry.py": ("from .sets import CredalSet\nNDArray = list\n"
                        "def g(S, *, exact=False):\n    from . import operations\n"
                        "    return S._cache, getattr(S, '_form'), self._points\n"),
        "operations.py": "from .geometry import g\nfrom . import expectations\n",
        "expectations.py": "from credal.operations import *\n",
        "newthing.py": "",
    }
    for name, text in files.items():
        (tmp_path / "credal" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "credal" / name).write_text(text)
    mods = read_package(tmp_path / "credal")

    assert unplaced_modules(mods) == ["credal.newthing"]  # not placed by "credal"
    assert layer_of("credal") == 8 and layer_of("credal.sets.forms.cvar") == 3
    # geometry -> operations (lazy) -> geometry, and operations <-> expectations; not the
    # TYPE_CHECKING sets -> geometry
    found = sorted(sorted({imp.source for imp in c}) for c in cycles(mods))
    assert found == [["credal.expectations", "credal.operations"],
                     ["credal.geometry", "credal.operations"]]
    assert {(i.source, i.target, i.type_checking) for i in upward_imports(mods)} == {
        ("credal.lp", "credal.sets", False), ("credal.sets", "credal.geometry", True),
        ("credal.geometry", "credal.operations", False),
        ("credal.expectations", "credal.operations", False)}
    assert sorted(o.text for o in private_field_reads(mods)) == [
        "S._cache", "getattr(S, '_form')"]
    assert [n for n, _ in exact_parameters(mods)] == [
        "credal.geometry:g", "credal.sets:CredalSet.f"]
    assert sorted(o.file for o in ndarray_definitions(mods)) == [
        "credal/_core/numbers.py", "credal/geometry.py"]


def _fail(message: str, offenders: list[str]) -> None:
    if offenders:
        pytest.fail(message + "\n  " + "\n  ".join(offenders), pytrace=False)


def test_every_folder_is_a_package() -> None:
    # a folder without __init__.py is a namespace package: its modules import, but
    # setuptools' find_packages leaves them out of the wheel, and the folder shows no layer
    folders = sorted({path.parent for path in PACKAGE.rglob("*.py")
                      if "__pycache__" not in path.parts})
    missing = [f"{folder.relative_to(ROOT).as_posix()}/" for folder in folders
               if not (folder / "__init__.py").exists()]
    _fail(f"{len(missing)} folder(s) of credal/ without an __init__.py:", missing)


def test_every_module_has_a_layer() -> None:
    missing = unplaced_modules()
    _fail(f"{len(missing)} module(s) with no layer: add their place to LAYERS in "
          "tests/test_architecture.py", missing)


def test_the_import_graph_has_no_cycle() -> None:
    found = cycles()
    _fail(f"{len(found)} import cycle(s) between credal modules (imports inside functions "
          "count; TYPE_CHECKING ones do not):",
          [" -> ".join([c[0].source] + [imp.target for imp in c]) + "\n    ("
           + "; ".join(f"{imp.target} at {imp.where()}" for imp in c) + ")" for c in found])


def test_every_import_goes_to_the_same_or_a_lower_layer() -> None:
    bad = upward_imports()
    _fail(f"{len(bad)} import(s) of a higher layer (a module may import only from its own "
          "layer or a lower one; see LAYERS):",
          [f"{imp.where()}: {imp.source} [{layer_of(imp.source):g}] imports {imp.target} "
           f"[{layer_of(imp.target):g}]" + (" (TYPE_CHECKING)" if imp.type_checking else "")
           for imp in bad])


def test_only_the_sets_layer_reads_a_sets_private_fields() -> None:
    bad = private_field_reads()
    _fail(f"{len(bad)} read(s) of a credal set's private fields outside credal/sets/ (ask "
          "the set through its documented accessors):", [str(o) for o in bad])


def test_exact_parameters_are_few_and_at_public_boundaries() -> None:
    assert len(EXACT_PARAMETERS) <= MAX_EXACT
    found = exact_parameters()
    stray = [f"{name} (line {line})" for name, line in found if name not in EXACT_PARAMETERS]
    _fail(f"{len(found)} parameters named `exact` (at most {MAX_EXACT}); {len(stray)} of them "
          "are not public boundaries listed in EXACT_PARAMETERS (pass an Arithmetic, "
          "credal._core.arith.EXACT or FLOAT, instead):", stray)


def test_ndarray_is_defined_once() -> None:
    bad = ndarray_definitions()
    _fail(f"NDArray defined {len(bad)} more time(s) outside {NDARRAY_HOME} (import it from "
          "there):", [str(o) for o in bad])


@pytest.mark.parametrize("module", sorted(OWN_FIELDS))
def test_the_own_field_allowances_are_real(module: str) -> None:
    # an allowance for a field the module's classes do not have would only hide reads
    missing = OWN_FIELDS[module] - declared_fields(module)
    assert not missing, f"no class in {module} declares {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(EXACT_PARAMETERS))
def test_the_allowed_exact_parameters_exist(name: str) -> None:
    # a stale allowance would hide a slot the budget no longer needs
    assert name in {n for n, _ in exact_parameters()}, f"{name} has no `exact` parameter"


def test_the_architecture_page_places_every_layer() -> None:
    # docs/architecture.md draws the layers; a module placed in LAYERS is named there too
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [name for name in LAYERS if name != "credal" and name not in page]
    _fail("modules in LAYERS that docs/architecture.md does not place:", missing)

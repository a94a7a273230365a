"""The import contract: loom's layers hold (docs/architecture.md, "Layers and data flow").

Read from the source (the AST of every module), not by importing it, so that a violation is reported with
its file and line. Checked:

- a package imports only packages of lower rank (``LAYERS``); ``frontend`` and ``lowering`` never each other;
- inside ``frontend/``, a module imports at module level only modules of its own or a lower sub-layer
  (``FRONTEND_LAYERS``): types and signals, then generator and statements, then emission of IR (an import
  under ``TYPE_CHECKING`` names a type for annotations only and is not held to the sub-layers, except that
  nothing below the emission sub-layer names it at all: the IR writers live there, not beside the constructs);
- the module-level imports of all of loom form no cycle;
- an import inside a function is on ``FUNCTION_IMPORTS`` with the reason it cannot be at the top (a true cycle), or
  on ``STARTUP_IMPORTS`` (a module the default flow never uses, kept out of its start-up), and has a comment at the
  import; an entry that no import uses any more fails too, so the lists only shrink.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LAYERS: dict[str, int] = {"dialect": 0, "frontend": 1, "lowering": 1, "driver": 2, "loom": 3, "lib": 4, "sim": 4,
                          "tools": 5}
"""Package -> rank. A module imports modules of its own package or of a package of lower rank; packages of
equal rank do not import each other. ``loom`` is the public API (``loom/__init__.py``, ``loom.passes``,
``loom.testing``)."""

FRONTEND_LAYERS: dict[str, int] = {
    # types and signals
    "typebase": 0, "types": 0, "packing": 0, "signals": 0, "params": 0, "attributes": 0,
    "clone_state": 0,  # which definitions are replaying a clone's __init__: a signal's drive() asks
    "growable": 0,  # the shared empty tables of a generator: a clone's read-only view knows them
    # emission of loom IR: the module writer and the writers of each construct's ops
    "emit": 2, "emit_ops": 2, "emit_procedural": 2, "emit_types": 2, "emit_unpacked": 2, "emit_memory": 2,
    "emit_fsm": 2, "emit_interfaces": 2,
}
"""frontend module -> sub-layer. Every module not listed is in sub-layer 1, generators and statements."""
STATEMENTS = 1
EMISSION = 2

FUNCTION_IMPORTS: dict[tuple[str, str], str] = {
    ("frontend.signals", "frontend.types"):
        "s[i] with a signal i reads s as an array of bits (types.Array), and types.py builds on signals",
    ("frontend.signals", "frontend.statements"):
        "driving bits of a signal makes a statement, and statements are made of signals",
    ("frontend.signals", "frontend.connect"):
        "connect.py resolves names to signals; coerce() asks it for a child's own port",
    ("frontend.signals", "frontend.rewire"):
        "Var.move_src_to/move_sink_to (kratos API) are rewires of the generator, above signals",
    ("frontend.params", "frontend.signals"):
        "signals.py uses Param in widths; Param's arithmetic hands over to a Signal operand",
    ("frontend.clone_state", "frontend.generator"):
        "clone state belongs to the generator; it probes Generator's attributes once, on first use",
    ("frontend.clone_state", "frontend.signals"):
        "signals.py asks this module which definitions are replaying; copying a clone's state copies its signals",
    ("frontend.clones", "frontend.generator"):
        "Generator inherits CloneSupport from clones.py; a shallow clone is a bare Generator",
    ("frontend.clones", "frontend.procedural"):
        "a definition keeps the user's __init__ from inside procedural.py's wrapper; procedural.py's statements"
        " ask clones.py whether a definition is replaying",
    ("frontend.rewire", "frontend.generator"):
        "Generator.replace_child calls rewire; rewire checks its arguments are generators",
    ("lowering.checks.runner", "lowering.checks"):
        "every check module imports the Check type from runner.py; all_checks() lists them",
    ("lib.stream", "lib.skid"): "skid.py imports Stream from stream.py",
    ("lib.stream", "lib.sync_fifo"): "sync_fifo.py imports Stream from stream.py",
    ("tools.hierarchy", "tools.build"): "build.py (the loom command) registers this subcommand",
    ("tools.sim", "tools.build"): "build.py (the loom command) registers this subcommand",
    ("tools.fuzz.__main__", "tools.fuzz.designs"): "each fuzzing mode loads only what it runs",
    ("tools.fuzz.__main__", "tools.fuzz.passes"): "each fuzzing mode loads only what it runs",
    ("tools.fuzz.passes", "tools.fuzz.__main__"): "__main__.py loads this mode; the mode reuses its progress line",
    ("tools.fuzz_ir", "tools.opt"): "loom and CIRCT are imported once, in the parent just before it forks workers",
    ("tools.fuzz_ir", "lowering.registry"):
        "loom and CIRCT are imported once, in the parent just before it forks workers",
}
"""(importer, imported) -> why the import is inside a function: the imports that break a true cycle."""

STARTUP_IMPORTS: dict[tuple[str, str], str] = {
    ("lowering.specialize_to_hw", "lowering.metadata"):
        "a design with loom.annotate ops or signal attributes only (1 ms of a first build: an options dataclass)",
    ("driver.backend", "driver.validate"): "prove=True only: yosys proofs are opt-in (5 ms of `import loom`)",
    ("driver.ir_text", "driver.design"): "loom.ir's Design is the editing API, which loom.emit and loom build never use",
    ("tools.build", "driver.validate"): "--prove only: yosys proofs are opt-in",
    ("dialect.annotate", "dialect.paths"):
        "only an annotation with a target parses a path pattern; verification imports this module for every design",
    ("lowering.metadata", "dialect.paths"): "only Design.annotate parses a pattern here; every lowering imports metadata",
    ("lowering.instance_notes", "lowering.queries"): "only a problem found by a check counts instances",
    ("lowering.metadata", "lowering.metadata_exporter"):
        "only a design with annotations or signal attributes resolves them (the exporter imports this module)",
    ("lowering.realize_fsm", "lowering.fsm_realization"): "every lowering runs realize-fsm; few designs have an FSM",
    ("lowering.queries", "dialect.automaton"):
        "only a query compiles a pattern; every build imports this module (loom-checks' notes, metadata)",
    ("sim.runner", "driver.design"): "a Design is one kind of top; tools/build.py imports loom.sim for `loom sim`",
    ("tools.sim", "sim"): "only `loom sim` runs cocotb; `loom build` registers this sub-command",
    ("tools.hierarchy", "driver.design"): "only `loom hierarchy` edits designs; `loom build` registers this sub-command",
}
"""(importer, imported) -> why the import is inside a function: modules the default flow (``loom.verilog``,
``loom.emit``, ``loom build``) never uses, imported when first needed so that ``import loom`` and the first
build do not pay for them (docs/architecture.md, "Start-up")."""


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    file: Path
    line: int
    in_function: bool
    type_checking: bool

    def __str__(self) -> str:
        return f"{self.file.relative_to(ROOT)}:{self.line}: {self.importer} imports {self.imported}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) if parts != ["loom"] else "loom"


def _modules() -> dict[str, Path]:
    found = {}
    for package in LAYERS:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[_module_name(path)] = path
    return found


MODULES = _modules()


def _target(base: str, name: str) -> str:
    """``from base import name``: the module ``base.name`` when it is one, else ``base``."""
    joined = f"{base}.{name}" if base else name
    return joined if joined in MODULES else base


def _imports_of(module: str, path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(), str(path))
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool, type_checking: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ImportFrom):
                if child.level:
                    base = ".".join(package[:len(package) - child.level + 1] + ([child.module] if child.module else []))
                    base = base or "loom"
                elif child.module and child.module.split(".")[0] == "loom":
                    base = child.module.removeprefix("loom").removeprefix(".") or "loom"
                else:
                    continue
                base = base.removeprefix("loom.") if base.startswith("loom.") else base
                for alias in child.names:
                    found.append(Import(module, _target(base, alias.name), path, child.lineno, in_function,
                                        type_checking))
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.split(".")[0] == "loom":
                        target = alias.name.removeprefix("loom").removeprefix(".") or "loom"
                        found.append(Import(module, target, path, child.lineno, in_function, type_checking))
            elif isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for statement in child.body:
                    visit(ast.Module([statement], []), in_function, True)
                for statement in child.orelse:
                    visit(ast.Module([statement], []), in_function, type_checking)
            else:
                visit(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)),
                      type_checking)

    visit(tree, False, False)
    return [found_import for found_import in found if found_import.imported != module]


IMPORTS = [found for module, path in MODULES.items() for found in _imports_of(module, path)]


def _package(module: str) -> str:
    return module.split(".")[0]


def test_every_package_has_a_layer() -> None:
    top_level = {path.name for path in ROOT.iterdir() if (path / "__init__.py").is_file()}
    assert top_level - {"test", "bench", "examples"} == set(LAYERS), "add the new package to LAYERS"


def test_packages_import_only_lower_layers() -> None:
    wrong = [str(found) for found in IMPORTS
             if _package(found.imported) != _package(found.importer)
             and LAYERS[_package(found.imported)] >= LAYERS[_package(found.importer)]]
    assert not wrong, "imports against the layers (docs/architecture.md):\n" + "\n".join(wrong)


def _frontend_layer(module: str) -> int:
    return FRONTEND_LAYERS.get(module.removeprefix("frontend."), STATEMENTS)


def test_frontend_sublayers() -> None:
    wrong = [str(found) for found in IMPORTS
             if not found.in_function and not found.type_checking and found.importer.startswith("frontend.")
             and found.imported.startswith("frontend.")
             and _frontend_layer(found.imported) > _frontend_layer(found.importer)]
    assert not wrong, "frontend imports against its sub-layers (FRONTEND_LAYERS):\n" + "\n".join(wrong)


def test_only_the_emission_sublayer_knows_the_writer() -> None:
    wrong = [str(found) for found in IMPORTS
             if found.importer.startswith("frontend.") and found.imported.startswith("frontend.")
             and _frontend_layer(found.imported) == EMISSION > _frontend_layer(found.importer)]
    assert not wrong, ("a construct below the emission sub-layer names the IR writer: put the code that writes its"
                       " ops into an emit_*.py module:\n" + "\n".join(wrong))


def test_no_import_cycle() -> None:
    graph: dict[str, set[str]] = {}
    for found in IMPORTS:
        if not found.in_function and not found.type_checking and found.imported in MODULES:
            graph.setdefault(found.importer, set()).add(found.imported)
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for imported in sorted(graph.get(module, ())):
            if state.get(imported) == 1:
                cycles.append(" -> ".join(path[path.index(imported):] + [module, imported]))
            elif imported not in state:
                visit(imported, path + [module])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])
    assert not cycles, "module-level import cycles:\n" + "\n".join(cycles)


def test_function_level_imports_are_allowed() -> None:
    used: set[tuple[str, str]] = set()
    unlisted: list[str] = []
    uncommented: list[str] = []
    for found in IMPORTS:
        if not found.in_function or found.type_checking:
            continue
        key = next((key for key in (*FUNCTION_IMPORTS, *STARTUP_IMPORTS) if key[0] == found.importer
                    and (found.imported == key[1] or found.imported.startswith(key[1] + "."))), None)
        if key is None:
            unlisted.append(str(found))
            continue
        used.add(key)
        lines = found.file.read_text().splitlines()
        if "#" not in lines[found.line - 1] and not lines[found.line - 2].strip().startswith("#"):
            uncommented.append(str(found))
    assert not unlisted, ("imports inside functions: move them to the top, or add them with the reason to "
                          "FUNCTION_IMPORTS (only to break a true cycle) or STARTUP_IMPORTS (a module the default "
                          "flow never uses):\n" + "\n".join(unlisted))
    assert not uncommented, "say at the import why it is inside the function:\n" + "\n".join(uncommented)
    unused = (set(FUNCTION_IMPORTS) | set(STARTUP_IMPORTS)) - used
    assert not unused, f"no longer needed, remove: {sorted(unused)}"

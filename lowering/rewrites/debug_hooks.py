"""Simulation hooks for ``inject-debug-break-points`` and ``inject-assert-fail-exception``.

kratos's versions of these passes call into kratos-runtime, a debugger
linked into the simulator. loom writes plain SystemVerilog instead, so the
hooks work in any simulator and cost nothing unless a macro turns them on
(docs/debug-hooks.md is the user's guide):

- a hook site is a statement under `` `ifdef`` on one of loom's macros
  (``sv.ifdef.procedural``, nested for `` `else `ifdef``) that either calls
  a DPI-C function with the site's id (``sv.func.call.procedural``:
  ``loom_breakpoint(id)``, ``loom_assert_fail(id)``; the C side gets the
  instance from ``svGetScope()``) or, without DPI, prints or stops with the
  Python line (``sv.write``, ``sv.fatal.procedural``). The macros and the
  functions are symbols declared at the top; loom bodies let the references
  through (docs/rationale.md, "Symbols inside loom bodies");
- the DPI-C imports are declared once, under the macro and an include guard,
  so files compiled together do not declare them twice (CIRCT's split export
  copies top-level declarations into every file);
- the id -> Python source table is the ``loom.debug_sites`` attribute of the
  ``builtin.module``: ``debug_sites(root)`` reads it, ``write_debug_sites``
  writes it as JSON.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import cast

from circt import ir

from ...dialect import macros
from ...dialect.constants import create_constant

SITES_ATTR = "loom.debug_sites"


@dataclass(frozen=True)
class DebugSite:
    """One hook: its id (per kind), what it is, the module it is in, and the Python lines it stands for."""

    id: int
    kind: str
    module: str
    locations: tuple[str, ...]


def debug_sites(root: ir.Operation) -> list[DebugSite]:
    """The hook table the inject passes left on ``root`` (a ``builtin.module``)."""
    if SITES_ATTR not in root.attributes:
        return []
    sites = []
    for entry in ir.ArrayAttr(root.attributes[SITES_ATTR]):
        entry = ir.DictAttr(entry)
        sites.append(DebugSite(ir.IntegerAttr(entry["id"]).value, ir.StringAttr(entry["kind"]).value,
                               ir.StringAttr(entry["module"]).value,
                               tuple(ir.StringAttr(loc).value for loc in ir.ArrayAttr(entry["locations"]))))
    return sites


def write_debug_sites(root: ir.Operation, path: str | os.PathLike[str]) -> None:
    """Write the hook table as JSON: ``{"sites": [{"id", "kind", "module", "locations"}, ...]}``."""
    import json  # a design with debug hooks only: kept out of `import loom` (docs/architecture.md, "Start-up")

    sites = [asdict(site) for site in debug_sites(root)]
    with open(path, "w", encoding="utf-8") as file:
        json.dump({"sites": sites}, file, indent=2)
        file.write("\n")


def add_sites(root: ir.Operation, sites: list[DebugSite]) -> None:
    old = list(ir.ArrayAttr(root.attributes[SITES_ATTR])) if SITES_ATTR in root.attributes else []
    new = [ir.DictAttr.get({
        "id": ir.IntegerAttr.get(ir.IntegerType.get_signless(32), site.id),
        "kind": ir.StringAttr.get(site.kind),
        "module": ir.StringAttr.get(site.module),
        "locations": ir.ArrayAttr.get([ir.StringAttr.get(loc) for loc in site.locations]),
    }) for site in sites]
    root.attributes[SITES_ATTR] = ir.ArrayAttr.get([*old, *new])


def has_sites(root: ir.Operation, kind: str) -> bool:
    return any(site.kind == kind for site in debug_sites(root))


Statement = Callable[[], object]
"""Builds one statement of a hook at the current insertion point and location."""


def escape(text: str) -> str:
    """``text`` inside the format string of ``$write``/``$fatal``, printed as is (``%`` doubled)."""
    return text.replace("%", "%%")


def declare_dpi_function(root: ir.Operation, function: str, macro: str) -> None:
    """Declare ``import "DPI-C" context function void <function>(input int id);`` under ``macro``.

    The function is an ``sv.func`` at the top (calls refer to it as a symbol);
    its import is an ``sv.func.dpi.import`` inside a top-level ``sv.ifdef`` on
    ``macro`` (Icarus, which has no DPI-C, never sees it) and on an include
    guard: CIRCT's split export copies top-level declarations into every file,
    and files compiled together must not import it twice.
    """
    block = root.regions[0].blocks[0]
    for op in block.operations:
        if op.operation.name == "sv.func" and ir.StringAttr(op.operation.attributes["sym_name"]).value == function:
            return
    guard_macro = f"{function.upper()}_DECLARED_"
    macros.declare(root, guard_macro)
    macros.declare(root, macro)
    # After the macro declarations, before the modules that call the function.
    first = next(op for op in block.operations if op.operation.name != "sv.macro.decl")
    with ir.Location.unknown():
        parsed = ir.Module.parse(f"sv.func private @{function}(in %id : i32)")  # owns the op until it moves
        declaration = parsed.body.operations[0].operation
        declaration.detach_from_parent()
        ir.InsertionPoint(first).insert(declaration)
        enabled = macros.ifdef(macro, ir.InsertionPoint(first), name="sv.ifdef")
        _, first_time = macros.guard(guard_macro, ir.InsertionPoint(enabled), name="sv.ifdef")
        with ir.InsertionPoint(first_time):
            ir.Operation.create("sv.macro.def", attributes={"macroName": ir.FlatSymbolRefAttr.get(guard_macro),
                                                            "format_string": ir.StringAttr.get("")})
            ir.Operation.create("sv.func.dpi.import", attributes={"callee": ir.FlatSymbolRefAttr.get(function)})


def hook(before: ir.Operation | None, block: ir.Block | None, branches: list[tuple[str, Statement]],
         otherwise: Statement | None = None) -> ir.Operation:
    """A hook site: ```ifdef M1 s1 `else `ifdef M2 s2 ... [`else s]`` (one statement per branch).

    Nested ``sv.ifdef.procedural`` ops, each in the else region of the one
    before; it goes before ``before``, or at the end of ``block``, at the
    current location. The macros are symbols declared at the top (loom bodies
    let the references through, docs/rationale.md).
    """
    assert before is not None or block is not None, "a hook goes before an op or at the end of a block"
    ip = ir.InsertionPoint(before) if before is not None else ir.InsertionPoint(cast(ir.Block, block))
    first: ir.Block | None = None
    for index, (macro, statement) in enumerate(branches):
        if index == len(branches) - 1 and otherwise is None:
            then = macros.ifdef(macro, ip)
        else:
            then, rest = macros.guard(macro, ip)
            ip = ir.InsertionPoint(rest)
        first = first or then
        with ir.InsertionPoint(then):
            statement()
    if otherwise is not None:
        with ip:
            otherwise()
    assert first is not None, "a hook has at least one branch"
    return first.owner


def dpi_call(function: str, site_id: int) -> Statement:
    """``<function>(32'h<site_id>);``: a call of the DPI-C function ``declare_dpi_function`` declared."""
    def build() -> None:
        number = create_constant(ir.IntegerType.get_signless(32), site_id)
        ir.Operation.create("sv.func.call.procedural", operands=[number.results[0]],
                            attributes={"callee": ir.FlatSymbolRefAttr.get(function)})
    return build


def write(text: str) -> Statement:
    """``$write("<text>\\n");``: a line on the simulator's standard output (``text`` is a format string)."""
    return lambda: ir.Operation.create("sv.write", attributes={"format_string": ir.StringAttr.get(text + "\n")})


def fatal(text: str) -> Statement:
    """``$fatal(1, "<text>");``: stop the simulation with an error (``text`` is a format string)."""
    return lambda: ir.Operation.create("sv.fatal.procedural", attributes={
        "verbosity": ir.IntegerAttr.get(ir.IntegerType.get_signless(8), 1),
        "message": ir.StringAttr.get(text)})


def is_hook(op: ir.Operation, hook_macros: frozenset[str]) -> bool:
    """Whether ``op`` is a hook site on one of ``hook_macros`` (so that a statement walk skips it)."""
    return op.name == "sv.ifdef.procedural" and macros.macro_of(op) in hook_macros


def is_assert_action(op: ir.Operation) -> bool:
    """Whether ``op`` is the failure action ``inject-assert-fail-exception`` put after an assertion."""
    if op.name != "sv.if" or not len(op.regions[0].blocks):
        return False
    inner = [o.operation for o in op.regions[0].blocks[0].operations]
    return len(inner) == 1 and is_hook(inner[0], frozenset({macros.ASSERT_DPI}))

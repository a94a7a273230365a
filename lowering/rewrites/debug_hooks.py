"""Simulation hooks for ``inject-debug-break-points`` and ``inject-assert-fail-exception``.

kratos's versions of these passes call into kratos-runtime, a debugger
linked into the simulator. loom writes plain SystemVerilog instead, so the
hooks work in any simulator and cost nothing unless a macro turns them on
(docs/debug-hooks.md is the user's guide):

- a hook site is a statement under ```ifdef`` on one of loom's macros that
  either calls a DPI-C function with the site's id (``loom_breakpoint(id)``,
  ``loom_assert_fail(id)``; the C side gets the instance from
  ``svGetScope()``) or, without DPI, prints or stops with the Python line
  (an ``sv.verbatim``: see ``hook`` for why);
- the DPI-C imports are declared once per file under the macro and an
  include guard, so files compiled together do not declare them twice
  (CIRCT's split export copies top-level declarations into every file);
- the id -> Python source table is the ``loom.debug_sites`` attribute of the
  ``builtin.module``: ``debug_sites(root)`` reads it, ``write_debug_sites``
  writes it as JSON.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from typing import cast

from circt import ir

SITES_ATTR = "loom.debug_sites"
ASSERT_DPI_MACRO = "LOOM_ASSERT_DPI"


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


def escape(text: str) -> str:
    """``text`` inside a SystemVerilog string literal of a ``$display``-style task, printed as is."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")


def _verbatim(text: str, ip: ir.InsertionPoint) -> ir.Operation:
    # "{{" would be read as a symbol substitution by ExportVerilog; loom's texts never contain it.
    assert "{{" not in text
    return ir.Operation.create("sv.verbatim", ip=ip, attributes={
        "format_string": ir.StringAttr.get(text), "symbols": ir.ArrayAttr.get([])})


def declare_dpi_function(root: ir.Operation, function: str, macro: str) -> None:
    """Declare ``import "DPI-C" context function void <function>(input int id);`` under ``macro``.

    CIRCT's split export copies top-level declarations into every file, so an
    include guard keeps files compiled together from declaring it twice.
    """
    guard = f"{function.upper()}_DECLARED_"
    block = root.regions[0].blocks[0]
    for op in block.operations:
        if op.operation.name == "sv.verbatim" \
                and guard in ir.StringAttr(op.operation.attributes["format_string"]).value:
            return
    text = "\n".join([f"`ifdef {macro}", f"`ifndef {guard}", f"`define {guard}",
                      f'import "DPI-C" context function void {function}(input int id);', "`endif", "`endif"])
    with ir.Location.unknown():
        _verbatim(text, ir.InsertionPoint.at_block_begin(block))


def hook(before: ir.Operation | None, block: ir.Block | None, branches: list[tuple[str, str]],
         otherwise: str | None = None) -> ir.Operation:
    """A hook site: ```ifdef M1 s1 `elsif M2 s2 ... [`else s] `endif`` (one statement per branch).

    Goes before ``before``, or at the end of ``block``. It is an ``sv.verbatim``
    because loom modules are unregistered ops, which MLIR never treats as
    symbol tables: an ``sv.ifdef.procedural`` or a DPI call inside one cannot
    resolve its macro or function symbol (the verifier rejects it).
    """
    lines = []
    for index, (macro, statement) in enumerate(branches):
        lines += [f"`{'ifdef' if index == 0 else 'elsif'} {macro}", f"  {statement}"]
    if otherwise is not None:
        lines += ["`else", f"  {otherwise}"]
    lines.append("`endif")
    assert before is not None or block is not None, "a hook goes before an op or at the end of a block"
    ip = ir.InsertionPoint(before) if before is not None else ir.InsertionPoint(cast(ir.Block, block))
    return _verbatim("\n".join(lines), ip)


def dpi_call(function: str, site_id: int) -> str:
    return f"{function}(32'd{site_id});"


def is_hook(op: ir.Operation, macros: frozenset[str]) -> bool:
    """Whether ``op`` is a hook site on one of ``macros`` (so that a statement walk skips it)."""
    if op.name != "sv.verbatim":
        return False
    text = ir.StringAttr(op.attributes["format_string"]).value
    return any(text.startswith(f"`ifdef {macro}\n") for macro in macros)


def is_assert_action(op: ir.Operation) -> bool:
    """Whether ``op`` is the failure action ``inject-assert-fail-exception`` put after an assertion."""
    if op.name != "sv.if" or not len(op.regions[0].blocks):
        return False
    inner = [o.operation for o in op.regions[0].blocks[0].operations]
    return len(inner) == 1 and is_hook(inner[0], frozenset({ASSERT_DPI_MACRO}))

"""SystemVerilog macros in loom IR: ``sv.macro.decl`` at the top, ``sv.ifdef`` guards in bodies.

A guard refers to its macro as a symbol (``#sv<macro.ident @SYNTHESIS>``), which
must be declared by an ``sv.macro.decl`` in the ``builtin.module``. Loom bodies
let such references through to the top level (docs/rationale.md, "Symbols inside
loom bodies"), so the frontend and the passes guard statements in loom IR and
declare the macro here, once.
"""

from __future__ import annotations

from circt import ir

SYNTHESIS = "SYNTHESIS"
"""Defined by synthesis tools: `` `ifndef SYNTHESIS`` keeps assertions and other checks out of synthesis."""

BREAKPOINT_DPI = "LOOM_BREAKPOINT_DPI"
BREAKPOINT_TRACE = "LOOM_BREAKPOINT_TRACE"
ASSERT_DPI = "LOOM_ASSERT_DPI"
SIMULATION_ONLY = frozenset({BREAKPOINT_DPI, BREAKPOINT_TRACE, ASSERT_DPI})
"""The debug hooks' macros (docs/debug-hooks.md): only a simulation defines them, so what sits under
`` `ifdef`` on one of them is simulation only, as what sits under `` `ifndef SYNTHESIS`` is."""


def condition(macro: str) -> ir.Attribute:
    """The ``cond`` attribute of an ``sv.ifdef``/``sv.ifdef.procedural`` testing ``macro``."""
    return ir.Attribute.parse(f"#sv<macro.ident @{macro}>")


def macro_of(op: ir.Operation) -> str | None:
    """The macro an ``sv.ifdef``/``sv.ifdef.procedural`` tests (None for any other op)."""
    if "cond" not in op.attributes:
        return None
    text = str(op.attributes["cond"])
    if not text.startswith("#sv<macro.ident @"):
        return None
    return text[len("#sv<macro.ident @"):].rstrip(">").strip()


def declare(root: ir.Operation, macro: str) -> None:
    """An ``sv.macro.decl @macro`` at the top of ``root`` (a ``builtin.module``), unless there is one."""
    block = root.regions[0].blocks[0]
    for op in block.operations:
        operation = op.operation
        if operation.name == "sv.macro.decl" and ir.StringAttr(operation.attributes["sym_name"]).value == macro:
            return
    with ir.Location.unknown():
        ir.Operation.create("sv.macro.decl", attributes={"sym_name": ir.StringAttr.get(macro)},
                            ip=ir.InsertionPoint.at_block_begin(block))


def _ifdef(macro: str, ip: ir.InsertionPoint, loc: ir.Location | None, name: str) -> ir.Operation:
    return ir.Operation.create(name, attributes={"cond": condition(macro)}, regions=2, loc=loc, ip=ip)


def guard(macro: str, ip: ir.InsertionPoint, *, loc: ir.Location | None = None,
          name: str = "sv.ifdef.procedural") -> tuple[ir.Block, ir.Block]:
    """An ``sv.ifdef.procedural @macro`` (or the module-level ``sv.ifdef``, by ``name``) at ``ip``, with an
    else: its (then, else) blocks, both empty."""
    op = _ifdef(macro, ip, loc, name)
    return op.regions[0].blocks.append(), op.regions[1].blocks.append()


def ifdef(macro: str, ip: ir.InsertionPoint, *, loc: ir.Location | None = None,
          name: str = "sv.ifdef.procedural") -> ir.Block:
    """Like ``guard`` without an else (the else region has no block, so ExportVerilog prints no `` `else``)."""
    return _ifdef(macro, ip, loc, name).regions[0].blocks.append()

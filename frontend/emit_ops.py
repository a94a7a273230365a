"""The MLIR text of a type and of an expression's op: shared by both writers of loom IR.

``emit.py`` (module bodies) and ``emit_procedural.py`` (procedural blocks) both compute expressions, so
what they print for them lives below both.
"""

from __future__ import annotations

from .signals import Expr, Width
from .translator import LocalWire
from .typebase import DataType
from .types import type_text as field_type_text


def type_text(width: Width, is_clock: bool = False) -> str:
    """The MLIR type of a signal: ``types.type_text`` for an integer or aggregate width, plus the two
    kinds only signals have (a clock, and a width given by a parameter)."""
    if is_clock:
        return "!seq.clock"
    if type(width) is int:  # the common case first: the writers ask for ten types per instance
        return f"i{width}"
    if isinstance(width, (DataType, int)):
        return field_type_text(width)
    return f'!hw.int<#hw.param.decl.ref<"{width.name}">>'


BINARY_OPS = frozenset({"add", "sub", "mul", "and", "or", "xor", "shl", "shru", "shrs"})
"""Expression ops written as ``comb.OP a, b : T``."""


def expr_op_text(expr: Expr, result: str, operands: list[str]) -> str | None:
    """The op that computes ``expr`` into ``result`` from its operands' SSA names (shared with the
    procedural writer, which computes expressions inside blocks); None for aggregate ops
    (``emit_types.write_aggregate_expr``)."""
    t = type_text(expr.width)
    op = expr.op
    if op in BINARY_OPS:
        return f"{result} = comb.{op} {operands[0]}, {operands[1]} : {t}"
    if op == "icmp":
        t0 = type_text(expr.operands[0].width)
        return f"{result} = comb.icmp {expr.attrs[0]} {operands[0]}, {operands[1]} : {t0}"
    if op == "mux":
        return f"{result} = comb.mux {operands[0]}, {operands[1]}, {operands[2]} : {t}"
    if op == "extract":
        t0 = type_text(expr.operands[0].width)
        return f"{result} = comb.extract {operands[0]} from {expr.attrs[0]} : ({t0}) -> {t}"
    if op == "concat":
        types = ", ".join(type_text(o.width) for o in expr.operands)
        return f"{result} = comb.concat {', '.join(operands)} : {types}"
    if op == "replicate":
        t0 = type_text(expr.operands[0].width)
        return f"{result} = comb.replicate {operands[0]} : ({t0}) -> {t}"
    if op == "wire":  # an always_ff local (frontend.translator.LocalWire), named like the Python local
        assert isinstance(expr, LocalWire), expr
        name = expr.decl.sv_name
        return f'{result} = hw.wire {operands[0]} sym @{name} {{name = "{name}"}} : {t}'
    if op == "parity":
        t0 = type_text(expr.operands[0].width)
        return f"{result} = comb.parity {operands[0]} : {t0}"
    return None

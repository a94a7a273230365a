"""Integer constants as MLIR spells them, and ``hw.constant`` ops built from Python.

MLIR's integer parser and ``IntegerAttr`` want a value in the signed range of
its width, while loom's values are unsigned bit patterns; both the frontend
(text) and the passes (ops) convert through ``signed_literal``.
"""

from __future__ import annotations

from circt import ir


def signed_literal(value: int, width: int) -> int:
    """``value`` truncated to ``width`` bits, as the two's complement number MLIR accepts."""
    value &= (1 << width) - 1
    return value - (1 << width) if width and value >> (width - 1) else value


def create_constant(type_: ir.Type, value: int) -> ir.Operation:
    """An ``hw.constant`` of ``type_`` at the current insertion point and location."""
    width = ir.IntegerType(type_).width
    attribute = ir.IntegerAttr.get(type_, signed_literal(value, width))
    return ir.Operation.create("hw.constant", results=[type_], attributes={"value": attribute})


def constant_value(value: ir.Value) -> int | None:
    """The unsigned bit pattern of an ``hw.constant`` result; None for any other value.

    The passes ask this of operands (array indices, compared values, branch
    conditions) to tell a constant from a computed value.
    """
    if not isinstance(value, ir.OpResult):
        return None
    owner = value.owner.operation
    if owner.name != "hw.constant":
        return None
    attr = ir.IntegerAttr(owner.attributes["value"])
    return attr.value & ((1 << ir.IntegerType(attr.type).width) - 1)

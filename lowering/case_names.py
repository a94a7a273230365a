"""Name ``sv.case`` labels after their localparams (the ``loom.case_names`` attribute, dialect/case_names.py).

Part of ``lower-data-types``: an ``sv.case`` whose labels are named is rebuilt
with an expression pattern per named label, the localparam's value, so
ExportVerilog prints ``IDLE:`` instead of ``2'b00:``. Unnamed labels keep their
bit patterns; the regions move over unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

from circt import ir

from ..dialect.case_names import CASE_NAMES

LocalParam = Callable[[str, int, ir.Type, ir.Location], ir.Value]
"""``(name, value, type, location) -> value``: the module's localparam of that name and value (made if missing)."""


def _pattern_value(pattern: ir.Attribute, width: int) -> int | None:
    """The value an ``sv.case`` bit pattern matches (two bits per subject bit); None if it has x or z bits."""
    if not isinstance(pattern, ir.IntegerAttr):
        return None
    encoded = pattern.value & ((1 << (2 * width)) - 1)
    value = 0
    for bit in range(width):
        digit = (encoded >> (2 * bit)) & 3
        if digit > 1:
            return None
        value |= digit << bit
    return value


def name_case_labels(case: ir.Operation, localparam: LocalParam) -> None:
    """Replace ``case`` by one whose named labels read their localparams (nothing to do without names)."""
    names = [ir.StringAttr(name).value for name in ir.ArrayAttr(case.attributes[CASE_NAMES])]
    patterns = list(ir.ArrayAttr(case.attributes["casePatterns"]))
    subject = case.operands[0]
    if len(names) != len(patterns) or not isinstance(subject.type, ir.IntegerType):
        return  # not what the frontend wrote: keep the numbers
    width = ir.IntegerType(subject.type).width
    expression = ir.Attribute.parse("#sv.expr")
    existing = iter(list(case.operands)[1:])  # the values of expression patterns already there, in order
    operands = [subject]
    new_patterns: list[ir.Attribute] = []
    for name, pattern in zip(names, patterns, strict=True):
        if pattern == expression:
            operands.append(next(existing))
        value = _pattern_value(pattern, width) if name else None
        if value is None:
            new_patterns.append(pattern)
            continue
        operands.append(localparam(name, value, subject.type, case.location))
        new_patterns.append(expression)
    if new_patterns == patterns:
        return
    attributes = {name: case.attributes[name] for name in case.attributes if name != CASE_NAMES}
    attributes["casePatterns"] = ir.ArrayAttr.get(new_patterns)
    with case.location:
        rebuilt = ir.Operation.create("sv.case", operands=operands, regions=len(case.regions),
                                      attributes=attributes, ip=ir.InsertionPoint(case))
    for old, new in zip(case.regions, rebuilt.regions, strict=True):
        block = new.blocks.append()
        for op in list(old.blocks[0].operations):
            block.append(op.operation)
    case.erase()

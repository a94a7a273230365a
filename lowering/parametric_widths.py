"""Values whose width is a SystemVerilog parameter, as ``lower-loom-to-hw`` writes them (issue 15 item 9).

With ``keep_parameters`` a module keeps ``W`` as a parameter and a signal declared with width ``W`` keeps
the type ``!hw.int<#hw.param.decl.ref<"W">>`` down to ExportVerilog. Two of the frontend's ops need another
form there, because CIRCT cannot write them at a parametric width:

- a constant (a register's reset value, ``loom.param_value {value = 5}``): ``hw.constant`` takes integer
  types only, so it becomes ``hw.param.value`` with the SystemVerilog text of the constant at that width:
  ``'0`` for zero, ``W'(5)`` otherwise (a size cast);
- a constant slice (``comb.extract``): ExportVerilog crashes on a parametric operand (measured, CIRCT
  1.162.0), so it becomes ``sv.indexed_part_select`` (``d[32'h0 +: 4]``), which it writes.

When the module is specialised instead (the default), the parameter's value is substituted first and the
ops are ordinary ``hw.constant`` / ``comb.extract`` of fixed widths; a constant that does not fit is an
error at the line that made it.
"""

from __future__ import annotations

import re

from circt import ir

from ..dialect.constants import create_constant
from ..dialect.context import location_text
from ..dialect.errors import PassFailedError
from ..dialect.params import is_parametric

_WIDTH_PARAMETER = re.compile(r'^!hw\.int<#hw\.param\.decl\.ref<"([A-Za-z_][A-Za-z0-9_$]*)">>$')


def constant_at(result_type: ir.Type, value: int, loc: ir.Location) -> ir.Operation:
    """``value`` as a constant of ``result_type`` (fixed or parametric width) at the insertion point."""
    if isinstance(result_type, ir.IntegerType):
        width = ir.IntegerType(result_type).width
        if value >= 1 << width:
            raise PassFailedError(f"constant {value} does not fit in {width} bits: the width its parameter has in"
                                  " this module (a reset value at a parametric width must fit every width the"
                                  " instances give it)", location_text(loc))
        return create_constant(result_type, value)
    match = _WIDTH_PARAMETER.match(str(result_type))
    if match is None:
        raise PassFailedError(f"constant {value} cannot be written at the width {result_type}: only a width that"
                              " is one parameter (W) can hold a constant", location_text(loc))
    text = "'0" if value == 0 else f"{match.group(1)}'({value})"
    attribute = ir.Attribute.parse(f'#hw.param.verbatim<"{text}"> : {result_type}')
    return ir.Operation.create("hw.param.value", results=[result_type], attributes={"value": attribute})


def rewrite_parametric_slices(module: ir.Operation) -> None:
    """Every ``comb.extract`` of a parametric-width value in ``module`` -> ``sv.indexed_part_select``."""
    slices: list[ir.Operation] = []

    def visit(op: ir.Operation) -> ir.WalkResult:
        if op.name == "comb.extract" and is_parametric(str(op.operands[0].type)):
            slices.append(op)
        return ir.WalkResult.ADVANCE

    module.walk(visit)
    for op in slices:
        low = ir.IntegerAttr(op.attributes["lowBit"]).value
        width = ir.IntegerType(op.results[0].type).width
        i32 = ir.IntegerType.get_signless(32)
        base = ir.Operation.create("hw.constant", results=[i32], attributes={"value": ir.IntegerAttr.get(i32, low)},
                                   loc=op.location, ip=ir.InsertionPoint(op))
        select = ir.Operation.create("sv.indexed_part_select", results=[op.results[0].type],
                                     operands=[op.operands[0], base.results[0]],
                                     attributes={"width": ir.IntegerAttr.get(i32, width)},
                                     loc=op.location, ip=ir.InsertionPoint(op))
        op.results[0].replace_all_uses_with(select.results[0])
        op.erase()

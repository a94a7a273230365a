"""``reference-unused-parameters``: keep unread module parameters lint-clean.

The top module (and a module marked ``external``) keeps every parameter it
declares, read or not, because hand-written SystemVerilog may instantiate it
with them (``loom-specialize``). A parameter nothing reads makes
``verilator --lint-only -Wall`` report UNUSEDPARAM. This pass gives each such
parameter ``localparam _unused_<P> = P;``: the parameter is then read, and the
localparam's own name matches Verilator's default unused-signal pattern
(``*unused*``), so neither is reported and no waiver is needed. It runs after
the CIRCT clean-up, which would delete the unread localparam again.
"""

from __future__ import annotations

from circt import ir
from circt.dialects import hw

from ..dialect import params
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .stage import needs_lowered_ir

PREFIX = "_unused_"


def _unread_parameters(module: ir.Operation) -> list[hw.ParamDeclAttr]:
    """The declared parameters that neither the ports nor the body refer to."""
    if "parameters" not in module.attributes:
        return []
    declared = [hw.ParamDeclAttr(a) for a in ir.ArrayAttr(module.attributes["parameters"])]
    if not declared:
        return []
    read = params.referenced_parameters(module.get_asm(print_generic_op_form=True))
    return [d for d in declared if d.name not in read]


@loom_pass("reference-unused-parameters", kind=PassKind.DESIGN,
           summary="Give each module parameter nothing reads a `_unused_<P>` localparam reading it (lint-clean kept parameters)")
@needs_lowered_ir
def run(root: ir.Operation, options: NoOptions) -> bool | None:
    """Give every module parameter nothing reads a ``_unused_<P>`` localparam that reads it."""
    del options
    changed = False
    for op in root.regions[0].blocks[0].operations:
        if op.operation.name != "hw.module":
            continue
        unread = _unread_parameters(op.operation)
        if not unread:
            continue
        body = op.operation.regions[0].blocks[0]
        with op.operation.location, ir.InsertionPoint.at_block_begin(body):
            for decl in unread:
                value = ir.Attribute.parse(f'#hw.param.decl.ref<"{decl.name}"> : {decl.param_type}')
                ir.Operation.create("sv.localparam", results=[decl.param_type],
                                    attributes={"name": ir.StringAttr.get(PREFIX + decl.name), "value": value})
        changed = True
    return None if changed else False

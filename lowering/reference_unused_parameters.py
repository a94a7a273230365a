"""``reference-unused-parameters``: keep unread module parameters lint-clean.

The top module (and a module marked ``external``) keeps every parameter it
declares, read or not, because hand-written SystemVerilog may instantiate it
with them (``loom-specialize``). A parameter nothing reads makes
``verilator --lint-only -Wall`` report UNUSEDPARAM. This pass gives each such
parameter ``localparam _unused_<P> = P;``: the parameter is then read, and the
localparam's own name matches Verilator's default unused-signal pattern
(``*unused*``), so neither is reported and no waiver is needed. It runs after
the CIRCT clean-up, which would delete the unread localparam again.

The same holds for localparams: every member of an enum a module names is
declared (docs/ir-conventions.md, "Enums"), so some go unread, and so does one
whose last reader a clean-up step folded away (``fold-constant-comparisons``
decides ``x > E_B`` for an ``x`` that is always 0). The unread ones are read
together by one ``wire _unused_localparams = {...};`` after the localparams:
the usual Verilator idiom, with no waiver in the file. This pass is the last
that can remove a reader, so it is the one that looks.
"""

from __future__ import annotations

from circt import ir
from circt.dialects import hw

from ..dialect import params
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .rewrites.common import collect
from .stage import needs_lowered_ir

PREFIX = "_unused_"
UNUSED_LOCALPARAMS = "_unused_localparams"


def _unread_parameters(module: ir.Operation, none: ir.Attribute) -> list[hw.ParamDeclAttr]:
    """The declared parameters that neither the ports nor the body refer to (``none``: an empty list of
    parameters, compared in C++: most modules declare none)."""
    declared_attr = module.attributes.get("parameters")
    if declared_attr is None or declared_attr == none:
        return []
    declared = [hw.ParamDeclAttr(a) for a in ir.ArrayAttr(declared_attr)]
    read = params.referenced_parameters(module.get_asm(print_generic_op_form=True))
    return [d for d in declared if d.name not in read]


def _reference_unread_localparams(body: ir.Block) -> bool:
    """Read the localparams nothing reads in one ``_unused_localparams`` wire after them; False if none.

    ``lower-data-types`` puts every localparam at the start of the body, so only that run of ops is looked
    at (a walk of the whole body would cost in proportion to the design)."""
    localparams: list[ir.Operation] = []
    for op in body.operations:
        if op.operation.name != "sv.localparam":
            break
        localparams.append(op.operation)
    unread = [op.results[0] for op in localparams if not list(op.results[0].uses)
              and "unused" not in ir.StringAttr(op.attributes["name"]).value]
    if not unread:
        return False
    width = sum(ir.IntegerType(value.type).width for value in unread)
    with unread[0].owner.location, ir.InsertionPoint.after(localparams[-1]):
        joined = unread[0] if len(unread) == 1 else ir.Operation.create(
            "comb.concat", results=[ir.IntegerType.get_signless(width)], operands=unread).results[0]
        ir.Operation.create("hw.wire", results=[joined.type], operands=[joined],
                            attributes={"name": ir.StringAttr.get(UNUSED_LOCALPARAMS)})
    return True


def _bodies_with_localparams(root: ir.Operation) -> list[ir.Block]:
    """The body of every ``hw.module`` holding a localparam (found by one walk in C++; most hold none)."""
    bodies: dict[ir.Operation, ir.Block] = {}
    for op in collect(root, ["sv.localparam"]):
        parent = op.parent
        if parent is not None and parent.operation.name == "hw.module":
            bodies.setdefault(parent.operation, op.block)
    return list(bodies.values())


@loom_pass("reference-unused-parameters", kind=PassKind.DESIGN,
           summary="Give each module parameter nothing reads a `_unused_<P>` localparam reading it, and read"
                   " the unread localparams in `_unused_localparams` (lint-clean kept parameters and enums)")
@needs_lowered_ir
def run(root: ir.Operation, options: NoOptions) -> bool | None:
    """Give every module parameter nothing reads a ``_unused_<P>`` localparam that reads it, and read the
    localparams nothing reads in ``_unused_localparams``."""
    del options
    changed = False
    for body in _bodies_with_localparams(root):
        changed = _reference_unread_localparams(body) or changed
    none = ir.ArrayAttr.get([], context=root.context)
    for op in root.regions[0].blocks[0].operations:
        operation = op.operation
        if operation.name != "hw.module":
            continue
        unread = _unread_parameters(operation, none)
        if not unread:
            continue
        body = operation.regions[0].blocks[0]
        with operation.location, ir.InsertionPoint.at_block_begin(body):
            for decl in unread:
                value = ir.Attribute.parse(f'#hw.param.decl.ref<"{decl.name}"> : {decl.param_type}')
                ir.Operation.create("sv.localparam", results=[decl.param_type],
                                    attributes={"name": ir.StringAttr.get(PREFIX + decl.name), "value": value})
        changed = True
    return None if changed else False

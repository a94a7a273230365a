"""Whether every value in a module body is defined before its uses, asked of MLIR's verifier in C++.

loom and hw module bodies are graph regions: a value may be used above the op
that defines it, so a check that wants to know whether anything points forward
(``combinational_loop.in_definition_order``) has to read every operand. From
Python that costs about a microsecond per operand; a flat module of 50,000
instances and the logic combining them pays a quarter of a second.

MLIR checks exactly this property, in C++, for regions with SSA dominance:
``defined_in_order`` lends the body block to an ``sv.func`` in a scratch
``builtin.module`` (an op whose region has SSA dominance, accepts block arguments
and any terminator, and is registered in the wheel -- ``func.func`` is not), runs
the verifier on it and gives the block back.
Moving a block between regions relinks it (no op is copied or visited), so the
cost is the verifier's walk, a fraction of a microsecond per op.

The answer is one-sided: True means every operand of every op in the block is
defined above it (the verifier proved it); False means only "not shown" -- a
use before definition, or anything else the verifier disliked about the body
outside its module. Callers fall back to their own test then.

Only ``loom.module`` bodies are lent, and only without ``hw.param.value`` or
``sv.localparam``: their C++ verifiers assume an hw.module around them and crash
the process anywhere else (measured, wheel 1.162.0). Lowered bodies may hold
them (kept parameters), and ``hw.output`` insists on an hw.module parent anyway.
"""

from __future__ import annotations

from collections.abc import Sequence

from circt import ir

from ..rewrites.common import absent, collect

_LENDER = "sv.func"
_UNSAFE = ["hw.param.value", "sv.localparam"]
"""Ops whose verifier crashes outside an hw.module (``collect`` finds them in C++); loom bodies use
``loom.param_value`` and ``loom.localparam``, so these only come from hand-written IR."""


def defined_in_order(module: ir.Operation) -> bool:
    """Whether every value used in ``module``'s body block is defined above its use (True: proven by MLIR's
    verifier; False: not proven, always for anything but a ``loom.module``); ``module`` is left as it was."""
    return module.name == "loom.module" and not collect(module, _UNSAFE) and _verified(module.context, [module])[0]


def in_order_bodies(root: ir.Operation, modules: Sequence[ir.Operation]) -> list[bool]:
    """``defined_in_order`` for each of ``modules`` (ops at the top of ``root``), asked all at once.

    One walk in C++ finds the bodies that must not be lent; each of the others is lent in its turn to the
    ``sv.func`` of its signature and verified. About 4 us a small module, half of what reading its operands
    from Python costs.
    """
    if absent(root, _UNSAFE):  # most designs: no body to leave out, and no module hashed to look for it
        return _verified(root.context, modules)
    unsafe = {_top_level(op, root) for op in collect(root, _UNSAFE)}
    return _verified(root.context, [None if module in unsafe else module for module in modules])


def _top_level(op: ir.Operation, root: ir.Operation) -> ir.Operation:
    """The op at the top of ``root`` that holds ``op``."""
    while (parent := op.parent) is not None and parent.operation != root:
        op = parent.operation
    return op


def _verified(context: ir.Context, modules: Sequence[ir.Operation | None]) -> list[bool]:
    """Lend each module's body block to an ``sv.func``, verify it, give it back (None: not asked).

    The bodies take turns: one ``sv.func`` per distinct signature holds each in its turn, so no op is
    copied for a module (a copy per module cost a fifth of the time at 10,000 small modules)."""
    answers = [False] * len(modules)
    with context, ir.Location.unknown():
        scratch = ir.Module.create()
        point = ir.InsertionPoint(scratch.body)
        lenders: dict[tuple[ir.Type, ...], tuple[ir.Operation, ir.Region]] = {}
        by_ports: dict[ir.Attribute | None, tuple[ir.Operation, ir.Region]] = {}
        # What the verifier finds is an answer here, not a problem of the design: no diagnostic handler
        # (loom-opt's, with emit_error_diagnostics on) may see it.
        silence = context.attach_diagnostic_handler(lambda _: True)
        try:
            for index, module in enumerate(modules):
                if module is None or module.name != "loom.module":
                    continue
                region = module.regions[0]
                blocks = region.blocks
                if len(blocks) != 1:
                    continue
                block = blocks[0]
                # The lender of the module's ports: the types of the inputs are read once per distinct (uniqued)
                # `ports`. A body whose arguments are not those (an unverified module) fails to verify: not shown.
                ports = module.attributes.get("ports")
                found = by_ports.get(ports)
                if found is None:
                    found = by_ports[ports] = _lender(lenders, tuple(block.arguments.types), point)
                lender, holder = found
                block.append_to(holder)
                try:
                    lender.verify()
                    answers[index] = True
                except ir.MLIRError:
                    pass
                finally:
                    block.append_to(region)  # the region was left empty: the block goes back to where it was
        finally:
            silence.detach()
    return answers


def _lender(lenders: dict[tuple[ir.Type, ...], tuple[ir.Operation, ir.Region]], types: tuple[ir.Type, ...],
            point: ir.InsertionPoint) -> tuple[ir.Operation, ir.Region]:
    """An ``sv.func`` whose inputs have ``types`` and its (empty) body region, made once per signature."""
    entry = lenders.get(types)
    if entry is None:
        inputs = ", ".join(f"input p{index} : {type_}" for index, type_ in enumerate(types))
        lender = ir.Operation.create(_LENDER, regions=1, ip=point, attributes={
            "sym_name": ir.StringAttr.get("defined_in_order"),
            "module_type": ir.TypeAttr.get(ir.Type.parse(f"!hw.modty<{inputs}>"))})
        entry = lenders[types] = (lender, lender.regions[0])
    return entry

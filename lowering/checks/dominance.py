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

Only ``loom.module`` bodies are lent, and only without ``hw.param.value``: that
op's C++ verifier assumes an hw.module around it and crashes the process
anywhere else (measured, wheel 1.162.0). Lowered bodies may hold it (kept
parameters), and ``hw.output`` insists on an hw.module parent anyway.
"""

from __future__ import annotations

from circt import ir

from ..rewrites.common import collect

_LENDER = "sv.func"
_UNSAFE = ["hw.param.value"]
"""Ops whose verifier crashes outside an hw.module (``collect`` finds them in C++)."""


def defined_in_order(module: ir.Operation) -> bool:
    """Whether every value used in ``module``'s body block is defined above its use (True: proven by MLIR's
    verifier; False: not proven, always for anything but a ``loom.module``); ``module`` is left as it was."""
    region = module.regions[0]
    if module.name != "loom.module" or len(region.blocks) != 1 or collect(module, _UNSAFE):
        return False
    block = region.blocks[0]
    inputs = ", ".join(f"input p{index} : {argument.type}" for index, argument in enumerate(block.arguments))
    with module.context, ir.Location.unknown():
        scratch = ir.Module.create()
        lender = ir.Operation.create(_LENDER, regions=1, ip=ir.InsertionPoint(scratch.body), attributes={
            "sym_name": ir.StringAttr.get("defined_in_order"),
            "module_type": ir.TypeAttr.get(ir.Type.parse(f"!hw.modty<{inputs}>"))})
    block.append_to(lender.regions[0])
    # What the verifier finds is an answer here, not a problem of the design: no diagnostic handler (loom-opt's,
    # with emit_error_diagnostics on) may see it.
    silence = module.context.attach_diagnostic_handler(lambda _: True)
    try:
        lender.verify()
        proven = True
    except ir.MLIRError:
        proven = False
    finally:
        silence.detach()
        block.append_to(region)  # the region was left empty: the block goes back to where it was
        lender.erase()
    return proven

"""``lower-interface-instances``: ``loom.interface_*`` -> CIRCT's ``sv.interface`` instance ops.

An ``sv.interface.instance`` must sit in a region with a symbol table, and the
signal ops look the interface up by symbol, so inside a ``loom.module`` body the
frontend writes ``loom.interface_instance`` / ``loom.interface_read`` /
``loom.interface_assign`` (dialect/interface_ops.py). Once the bodies are
``hw.module``s (first in the ``cleanup`` pipeline, like lower-dpi-calls) this
pass swaps each for ``sv.interface.instance`` / ``sv.interface.signal.read`` /
``sv.interface.signal.assign``, which ExportVerilog writes as ``Bus bus();``,
``bus.data`` and ``assign bus.data = ...;``.
"""

from __future__ import annotations

from circt import ir

from ..dialect.interface_ops import InterfaceAssignOp, InterfaceInstanceOp, InterfaceReadOp
from .pass_kinds import PassKind
from .registry import loom_pass
from .rewrites.common import collect, idle
from .stage import needs_lowered_ir


def _signal_ref(op: ir.Operation) -> ir.FlatSymbolRefAttr:
    """``@signal``: the signal ops name the interface through their operand's type, the signal by symbol."""
    return ir.FlatSymbolRefAttr.get(ir.StringAttr(op.attributes["signal"]).value)


@loom_pass("lower-interface-instances", kind=PassKind.DESIGN,
           summary="Turn loom.interface_* into sv.interface.instance and its signal reads and assigns"
                   " (after lower-loom-to-hw)")
@needs_lowered_ir
def run(module: ir.Operation, options: dict[str, str]) -> bool:
    """Replace every loom interface op; False when the design has none."""
    del options
    if idle(module, "lower-interface-instances"):
        return False
    names = [InterfaceInstanceOp.OPERATION_NAME, InterfaceReadOp.OPERATION_NAME, InterfaceAssignOp.OPERATION_NAME]
    ops = collect(module, names)
    for op in ops:
        name = op.name
        at = ir.InsertionPoint(op)
        if name == InterfaceInstanceOp.OPERATION_NAME:
            new = ir.Operation.create("sv.interface.instance", results=[op.results[0].type],
                                      attributes={"name": op.attributes["name"]}, loc=op.location, ip=at)
        elif name == InterfaceReadOp.OPERATION_NAME:
            new = ir.Operation.create("sv.interface.signal.read", results=[op.results[0].type],
                                      operands=[op.operands[0]], attributes={"signalName": _signal_ref(op)},
                                      loc=op.location, ip=at)
        else:
            ir.Operation.create("sv.interface.signal.assign", operands=list(op.operands),
                                attributes={"signalName": _signal_ref(op)}, loc=op.location, ip=at)
            op.erase()
            continue
        op.results[0].replace_all_uses_with(new.results[0])
        op.erase()
    return bool(ops)

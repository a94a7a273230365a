"""``decouple-generator-ports``: put a named wire between an instance port and logic (kratos).

kratos connects a child's port straight to a parent variable when it can and
otherwise creates a variable ``<instance>_<port>`` in the parent, so the
instantiation names every connection. loom does the same on the loom IR
with ``hw.wire`` ops carrying an inner symbol (so ExportVerilog keeps the
name, as it keeps a generator's vars):

- an output whose result is used by anything but a single ``loom.output``
  operand or ``hw.wire`` (it fans out, or feeds an expression) gets a wire
  ``<instance>_<port>`` and its uses read the wire;
- an input driven by an expression (not a port, a var, a register, a
  constant or another instance's output) gets a wire ``<instance>_<port>``.

Names are made unique in the module (``_0``, ``_1``, ... on a clash).
ExportVerilog would declare such wires anyway, as ``_<instance>_<port>``; the
pass gives them kratos's names and a fixed place in the IR, which debug
information and user passes can refer to. It is not in the default pipeline.
"""

from __future__ import annotations

from circt import ir

from ..dialect.ops import InstanceOp, ModuleOp
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .stage import needs_loom_ir
from .structure import defining_op, loom_modules, rebuild_instance

NAMED = ("hw.wire", "seq.firreg", "seq.compreg", "sv.read_inout", "hw.constant", "loom.instance",
         "loom.param_value", "seq.const_clock")


def _names(module: ModuleOp) -> set[str]:
    taken = {p.name for p in module.ports}
    for op in module.body.operations:
        attributes = op.operation.attributes
        if "name" in attributes:
            taken.add(ir.StringAttr(attributes["name"]).value)
        if "instance_name" in attributes:
            taken.add(ir.StringAttr(attributes["instance_name"]).value)
    return taken


def _unique(base: str, taken: set[str]) -> str:
    name, suffix = base, 0
    while name in taken:
        name, suffix = f"{base}_{suffix}", suffix + 1
    taken.add(name)
    return name


def _wire(value: ir.Value, name: str, before: ir.Operation) -> ir.Value:
    with before.location, ir.InsertionPoint(before):
        return ir.Operation.create("hw.wire", results=[value.type], operands=[value], attributes={
            "name": ir.StringAttr.get(name), "inner_sym": ir.Attribute.parse(f"#hw<innerSym@{name}>")}).results[0]


def _needs_output_wire(result: ir.Value) -> bool:
    uses = list(result.uses)
    if not uses:
        return False
    return len(uses) > 1 or uses[0].owner.operation.name not in ("loom.output", "hw.wire")


def decouple(module: ModuleOp) -> bool:
    """Add the wires one module needs; whether it added any."""
    taken: set[str] | None = None
    terminator: ir.Operation | None = None  # ModuleOp.output counts the block's ops: look it up once
    for op in list(module.body.operations):
        if not isinstance(op, InstanceOp):
            continue
        operation = op.operation
        outputs = [(n, r) for n, r in zip(op.output_names, operation.results) if _needs_output_wire(r)]
        inputs = [(n, v) for n, v in zip(op.input_names, operation.operands)
                  if (source := defining_op(v)) is not None and source.name not in NAMED]
        if not outputs and not inputs:
            continue
        taken = _names(module) if taken is None else taken
        instance = op.instance_name
        terminator = module.output.operation if terminator is None else terminator
        for name, result in outputs:
            wire = _wire(result, _unique(f"{instance}_{name}", taken), terminator)
            result.replace_all_uses_except(wire, defining_op(wire))
        if inputs:
            wired = {n: _wire(v, _unique(f"{instance}_{n}", taken), operation) for n, v in inputs}
            rebuild_instance(op, [(n, wired.get(n, v)) for n, v in zip(op.input_names, operation.operands)],
                             list(zip(op.output_names, (r.type for r in operation.results))))
    return taken is not None


@loom_pass("decouple-generator-ports", kind=PassKind.MODULE,
           summary="Give instance connections that are expressions or fan out a named wire `<instance>_<port>`")
@needs_loom_ir
def run(module: ir.Operation, options: NoOptions) -> bool | None:
    """Name every instance connection that fans out or is an expression with a wire <instance>_<port>."""
    del options
    changed = [decouple(op) for op in loom_modules(module)]
    return None if any(changed) else False

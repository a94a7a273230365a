"""``zero-generator-inputs``: tie the unconnected inputs of children to 0 (kratos, ``zero_inputs``).

Driven by the generator attribute ``zero_inputs`` (no value needed) on the
*parent*: every ``loom.instance`` directly in that parent's body gets an
``hw.constant 0`` (``seq.const_clock low`` for a clock) on each unconditional
input it leaves unconnected. Only one level down, as the reference says: the
children's own children are untouched unless the child has the attribute too.

The frontend lets ``add_child`` leave inputs open in a generator that has
the attribute, and ``loom-verify`` accepts such instances there; everywhere
else an open input is an error (see ``verify-generator-connectivity``).
"""

from __future__ import annotations

from circt import ir

from ..dialect.constants import create_constant
from ..dialect.ops import IN, InstanceOp, ModuleOp
from .create_module_instantiation import Instantiation
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .rewrites.common import idle
from .stage import needs_loom_ir
from .structure import is_clock, modules_with_attribute, rebuild_instance

ATTRIBUTE = "zero_inputs"


def zero_value(type_: ir.Type) -> ir.Value:
    """A zero of ``type_`` at the current insertion point and location."""
    if is_clock(type_):
        return ir.Operation.create("seq.const_clock", results=[type_],
                                   attributes={"value": ir.Attribute.parse("#seq<clock_constant low>")}).results[0]
    return create_constant(type_, 0).results[0]


def zero_inputs(instantiation: Instantiation, module: ModuleOp) -> None:
    for op in list(module.body.operations):
        if not isinstance(op, InstanceOp) or op.module_name not in instantiation.modules:
            continue
        ports = instantiation.ports_of(op.module_name)
        connected = dict(zip(op.input_names, op.operation.operands, strict=True))
        missing = [p for p in ports if p.direction == IN and p.condition is None and p.name not in connected]
        if not missing:
            continue
        with op.location, ir.InsertionPoint(op.operation):
            for port in missing:
                connected[port.name] = zero_value(instantiation.port_type(op, port))
        inputs = [(p.name, connected[p.name]) for p in ports if p.direction == IN and p.name in connected]
        rebuild_instance(op, inputs, list(zip(op.output_names, (r.type for r in op.operation.results), strict=True)))


@loom_pass("zero-generator-inputs", kind=PassKind.DESIGN,
           summary="Tie the open inputs of the children of `zero_inputs` generators to 0 (one level down)")
@needs_loom_ir
def run(module: ir.Operation, options: NoOptions) -> bool | None:
    """Wire the unconnected inputs of the children of zero_inputs generators to 0 (one level down)."""
    del options
    if idle(module, "zero-generator-inputs"):
        return False  # nothing to do: the IR is untouched
    marked = modules_with_attribute(module, ATTRIBUTE)
    instantiation = Instantiation(module)
    for parent, _ in marked:
        zero_inputs(instantiation, parent)
    return None

"""``remove-pass-through-modules``: remove instances of modules that only pass inputs to outputs (kratos).

A module is pass-through when its body is nothing but ``loom.output`` of its
own inputs: every output is driven straight by an input, with no logic,
variables or instances (kratos's rule; an input may feed several outputs or
none). Each instance of such a module is removed and the values connected
to its inputs take the place of its outputs in the parent, so the parent
wires through directly; a module with no instance left is erased, unless
nobody instantiated it to begin with (a top). Not needed for synthesis, but
it makes simulation models smaller, as the reference says.

An instance that leaves the relevant input unconnected (possible in a
``zero_inputs`` generator before ``zero-generator-inputs``) is kept.
"""

from __future__ import annotations

from circt import ir

from ..dialect.ops import IN, InstanceOp, ModuleOp
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .stage import needs_loom_ir
from .structure import instances_by_target, loom_modules


def pass_through_map(module: ModuleOp) -> dict[str, str] | None:
    """Output port name -> input port name, when ``module`` is pass-through; else None."""
    body = module.body
    if len(body.operations) != 1:
        return None
    ports = module.ports
    inputs = [p.name for p in ports if p.direction == IN]
    outputs = [p.name for p in ports if p.direction != IN]
    mapping: dict[str, str] = {}
    for name, value in zip(outputs, module.output.operation.operands):
        if not isinstance(value.owner, ir.Block):
            return None
        mapping[name] = inputs[ir.BlockArgument(value).arg_number]
    return mapping


def bypass(inst: InstanceOp, mapping: dict[str, str]) -> bool:
    """Replace the instance's outputs by the values at the inputs they come from; False if one is open."""
    operation = inst.operation
    values = dict(zip(inst.input_names, operation.operands))
    outputs = list(zip(inst.output_names, operation.results))
    if any(mapping[name] not in values for name, result in outputs if list(result.uses)):
        return False
    for name, result in outputs:
        if mapping[name] in values:
            result.replace_all_uses_with(values[mapping[name]])
    operation.erase()
    return True


@loom_pass("remove-pass-through-modules", kind=PassKind.HIERARCHY,
           summary="Remove instances of modules that only wire inputs to outputs")
@needs_loom_ir
def run(module: ir.Operation, options: NoOptions) -> bool | None:
    """Remove the instances of pass-through modules, wiring their inputs straight to their outputs."""
    del options
    changed = False
    while _remove_once(module):
        changed = True  # a module that only instantiated pass-through modules may be pass-through now
    return None if changed else False


def _remove_once(module: ir.Operation) -> bool:
    pass_through = {m.sym_name: (m, mapping) for m in loom_modules(module)
                    if (mapping := pass_through_map(m)) is not None}
    if not pass_through:
        return False
    users = instances_by_target(module)
    changed = False
    for name, (definition, mapping) in pass_through.items():
        instances = users.get(name, [])
        if not instances:
            continue  # a top, or unused: not ours to erase
        kept = [inst for inst in instances if not bypass(inst, mapping)]
        changed = changed or len(kept) < len(instances)
        if not kept:
            definition.operation.erase()
    return changed

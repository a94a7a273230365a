"""``zero-out-stubs``: drive every output of a stub generator with 0 (kratos).

A stub (``gen.is_stub = True``, stored as the generator attribute ``stub``)
declares its interface and nothing else, e.g. a placeholder for a block that
is not written yet. The frontend leaves its undriven outputs reading an
unassigned placeholder variable (``sv.logic``, so the IR stays well formed);
this pass replaces each such output, and any output already constant, with
``hw.constant 0``. As in kratos, a stub must not contain logic: an output
driven by anything else, an input that drives something, or any other op in
its body is an error at that op's line.

Verilator's ``-Wall`` reports the stub's inputs as unused: that is the point
of a stub; the SystemVerilog of a finished design has no stubs.
"""

from __future__ import annotations

from circt import ir

from ..dialect.ops import IN, ModuleOp
from .pass_kinds import PassKind
from .pass_options import NoOptions
from .registry import loom_pass
from .rewrites.common import idle
from .stage import needs_loom_ir
from .structure import defining_op, modules_with_attribute, report_problems
from .zero_generator_inputs import zero_value

ATTRIBUTE = "stub"
PLACEHOLDER = "sv.logic"


def _placeholder(value: ir.Value) -> ir.Operation | None:
    """The unassigned ``sv.logic`` an output reads through ``sv.read_inout``, if that is what drives it."""
    owner = defining_op(value)
    if owner is None or owner.name != "sv.read_inout":
        return None
    source = defining_op(owner.operands[0])
    if source is None or source.name != PLACEHOLDER:
        return None
    if any(use.owner.operation.name != "sv.read_inout" for use in source.results[0].uses):
        return None  # assigned somewhere: real logic
    return source


def zero_out(module: ModuleOp, problems: list[tuple[ir.Location, str]]) -> None:
    name = module.sym_name
    ports = module.ports
    for port, argument in zip([p for p in ports if p.direction == IN], module.body.arguments, strict=True):
        if list(argument.uses):
            problems.append((module.location, f"{name}.{port.name} is driving a net, but '{name}' is declared as"
                                              " a stub"))
    output = module.output.operation
    placeholders: list[ir.Operation] = []
    for index, port in enumerate(p for p in ports if p.direction != IN):
        value = output.operands[index]
        owner = defining_op(value)
        if owner is not None and owner.name == "hw.constant":
            placeholders.append(owner)
            continue
        placeholder = _placeholder(value)
        if placeholder is None:
            where = module.location if owner is None else owner.location
            problems.append((where, f"{name}.{port.name} is driven by a net, but '{name}' is declared as a stub"))
            continue
        assert owner is not None  # _placeholder found the op that drives the output
        placeholders.extend([owner, placeholder])
        with output.location, ir.InsertionPoint(output):
            output.operands[index] = zero_value(value.type)
    allowed = set(placeholders)
    for op in module.body.operations:
        operation = op.operation
        if operation != output and operation not in allowed and operation.name != "hw.constant":
            problems.append((operation.location, f"'{name}' is declared as a stub but contains"
                                                 f" '{operation.name}'"))
    for op in dict.fromkeys(placeholders):
        if not list(op.results[0].uses):
            op.erase()


@loom_pass("zero-out-stubs", kind=PassKind.MODULE,
           summary="Drive the outputs of stub generators with 0")
@needs_loom_ir
def run(module: ir.Operation, options: NoOptions) -> bool | None:
    """Drive the outputs of stub generators with zero; a stub that has logic is an error."""
    del options
    if idle(module, "zero-out-stubs"):
        return False  # nothing to do: the IR is untouched
    stubs = modules_with_attribute(module, ATTRIBUTE)
    problems: list[tuple[ir.Location, str]] = []
    for op, _ in stubs:
        zero_out(op, problems)
    report_problems(problems, "zero-out-stubs")
    return None

"""Helpers shared by the kratos structure passes (module lists, attributes, instance rebuilding).

Everything here reads an op's attributes once and works on Python values, since
each access to an op from Python costs microseconds (docs/platform.md, the import trap).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from circt import ir

from ..dialect import analyses
from ..dialect.context import location_text
from ..dialect.errors import PassFailedError
from ..dialect.opkinds import EXTERN_MODULES
from ..dialect.ops import IN, InstanceOp, ModuleOp, PortInfo
from .diagnostics import DiagnosticReport
from .visitor import IRDesign, user_attributes

CLOCK_TYPE = "!seq.clock"


def loom_modules(root: ir.Operation) -> list[ModuleOp]:
    """The ``loom.module`` ops of a design, in IR order."""
    return [op for op in root.regions[0].blocks[0].operations if isinstance(op, ModuleOp)]


GENERATOR_ATTRIBUTES = "generator-attributes"
"""The name under which ``attributed_modules`` keeps its list for the next pass (``dialect/analyses.py``)."""


def attributed_modules(root: ir.Operation) -> list[tuple[ModuleOp, dict[str, str]]]:
    """Every ``loom.module`` with generator attributes, with them (do not change the dicts).

    Several passes of the default pipeline ask (stubs, ``zero_inputs``, connectivity, pipeline stages), and
    reading the attributes of 10,000 modules costs 7 ms: the list is kept for the next pass of the pipeline
    run as long as no pass changes the IR, like any preserved analysis.
    """
    kept = analyses.take(root, GENERATOR_ATTRIBUTES)
    found = cast(list[tuple[ModuleOp, dict[str, str]]], kept) if kept is not None else [
        (module, user_attributes(module.operation)) for module in analyses.top_level_ops(root)
        if isinstance(module, ModuleOp) and "user_attributes" in module.operation.attributes]
    analyses.remember(root, GENERATOR_ATTRIBUTES, found)
    return found


def modules_with_attribute(root: ir.Operation, type_str: str) -> list[tuple[ModuleOp, dict[str, str]]]:
    """``loom.module`` ops whose generator attributes contain ``type_str``, with all their attributes (a
    copy the caller may change)."""
    return [(module, dict(attributes)) for module, attributes in attributed_modules(root) if type_str in attributes]


def top_module(root: ir.Operation, top: str | None, pass_name: str) -> str:
    """``top`` (a pass's option, checked to exist), or the only module (loom or hw) nobody instantiates."""
    design = IRDesign(root)
    if top is not None:
        if top not in design.symbols:
            raise PassFailedError(f"{pass_name}: top module '{top}' does not exist"
                                  f" (modules: {', '.join(sorted(design.symbols.names())) or 'none'})")
        return top
    tops = [m.name for m in design.tops() if m.op.name not in EXTERN_MODULES]
    if len(tops) != 1:
        raise PassFailedError(f"{pass_name} needs one top module, found {len(tops)} ({', '.join(tops) or 'none'});"
                              " pass top=NAME")
    return tops[0]


def instances_by_target(root: ir.Operation) -> dict[str, list[InstanceOp]]:
    """Every ``loom.instance`` of the design, grouped by the module it instantiates."""
    users: dict[str, list[InstanceOp]] = {}
    for module in loom_modules(root):
        for op in module.body.operations:
            if isinstance(op, InstanceOp):
                users.setdefault(op.module_name, []).append(op)
    return users


def is_clock(type_: ir.Type) -> bool:
    return str(type_) == CLOCK_TYPE


def clock_port(module: ModuleOp, ports: Sequence[PortInfo], name: str | None, pass_name: str) -> int:
    """Index (among the inputs) of the clock input called ``name``, or of the first clock input."""
    inputs = [p for p in ports if p.direction == IN]
    for index, port in enumerate(inputs):
        if (name is None and is_clock(port.type)) or port.name == name:
            if not is_clock(port.type):
                raise PassFailedError(f"{pass_name}: port '{name}' of '{module.sym_name}' is not a clock"
                                      f" (its type is {port.type})", _where(module))
            return index
    what = f"no clock input named '{name}'" if name else "no clock input"
    raise PassFailedError(f"{pass_name}: module '{module.sym_name}' has {what}", _where(module))


def _where(op: ir.OpView) -> str:
    return location_text(op.location)


def string_array(names: Sequence[str]) -> ir.ArrayAttr:
    return ir.ArrayAttr.get([ir.StringAttr.get(n) for n in names])


def rebuild_instance(inst: InstanceOp, inputs: Sequence[tuple[str, ir.Value]],
                     outputs: Sequence[tuple[str, ir.Type]]) -> InstanceOp:
    """Replace ``inst`` by an instance with these connections (same name, target, parameters, location).

    Results of the old instance are replaced, by port name, with the new
    one's; an old output the new instance lacks must be unused.
    """
    operation = inst.operation
    attributes = {name: operation.attributes[name] for name in operation.attributes}
    attributes["input_names"] = string_array([n for n, _ in inputs])
    attributes["output_names"] = string_array([n for n, _ in outputs])
    new = ir.Operation.create("loom.instance", results=[t for _, t in outputs], operands=[v for _, v in inputs],
                              attributes=attributes, loc=operation.location, ip=ir.InsertionPoint(operation))
    position = {name: index for index, (name, _) in enumerate(outputs)}
    for name, result in zip(inst.output_names, operation.results, strict=True):
        if name in position:
            result.replace_all_uses_with(new.results[position[name]])
    operation.erase()
    return new.opview  # type: ignore[return-value]


def report_problems(problems: Sequence[tuple[ir.Location, str]], pass_name: str | None = None) -> None:
    """Fail the pass with every problem found, each an error at its op's line.

    With ``pass_name``, through ``lowering.diagnostics`` (a ``CheckFailedError``
    listing every diagnostic); without it, as a plain ``PassFailedError`` whose
    notes carry the further problems (the form earlier callers rely on).
    """
    if not problems:
        return
    if pass_name is not None:
        report = DiagnosticReport(pass_name)
        for location, message in problems:
            report.error(location, message)
        report.finish()

    location, message = problems[0]
    rest = tuple(f"{location_text(loc)}: error: {text}" for loc, text in problems[1:])
    raise PassFailedError(message, location_text(location), rest)


def defining_op(value: ir.Value) -> ir.Operation | None:
    """The op that defines ``value`` (None for a block argument), always as ``ir.Operation``.

    ``OpView.name`` of ops with a ``name`` attribute (``sv.logic``, ``seq.firreg``) is that
    attribute, not the op name; code comparing op names must use the Operation.
    """
    owner = value.owner
    return None if isinstance(owner, ir.Block) else owner.operation

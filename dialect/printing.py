"""Print loom IR with the user's names: ``%clk``, ``%en``, ``%u0`` instead of ``%arg0``, ``%0``.

MLIR names a value in the printed IR from its op's ``OpAsmOpInterface``
(``%value = seq.firreg``, ``%x = sv.logic``) and otherwise numbers it.
loom's ops are unregistered (no IRDL in the wheel, docs/rationale.md), so a
``loom.module``'s block arguments would print as ``%arg0``... and a
``loom.instance``'s results as ``%0:2``. The printer's
``use_name_loc_as_prefix`` option takes a value's name from a ``NameLoc``
(``loc("clk"(<file location>))``) instead; this module wraps each port's and
each instance's location in one just for the print and restores the
locations afterwards, so nothing else (diagnostics, ExportVerilog's
``// file.py:line`` comments) ever sees them. Because the names come from
the ``ports`` and ``instance_name`` attributes, IR read back by ``loom-opt``
prints with the same names again, with or without locations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from circt import ir

from .ops import IN, InstanceOp, ModuleOp

_NAME_LOC = re.compile(r'^loc\("(?:[^"\\]|\\.)*"[()]')


def is_name_loc(location: ir.Location) -> bool:
    """Whether ``location`` is a ``NameLoc`` (``loc("name")`` or ``loc("name"(child))``)."""
    return _NAME_LOC.match(str(location)) is not None


def _named(location: ir.Location, name: str) -> ir.Location:
    return ir.Location.name(name, childLoc=location)


def _port_arguments(module: ir.Operation) -> Iterator[tuple[ir.BlockArgument, str]]:
    """Each block argument of a ``loom.module`` with the name of its input port."""
    if not module.regions or not module.regions[0].blocks:
        return
    inputs = [port.name for port in ModuleOp(module).ports if port.direction == IN]
    arguments = module.regions[0].blocks[0].arguments
    if len(inputs) != len(arguments):  # malformed; the verifier says so, the printer keeps the numbers
        return
    yield from zip(arguments, inputs, strict=True)


@contextmanager
def user_names(root: ir.Operation) -> Iterator[None]:
    """Within the block, ports and instances under ``root`` carry ``NameLoc``s with their names."""
    arguments: list[tuple[ir.BlockArgument, ir.Location]] = []
    instances: list[tuple[ir.Operation, ir.Location]] = []
    for op in root.regions[0].blocks[0].operations if root.regions else ():
        if op.operation.name != ModuleOp.OPERATION_NAME:
            continue
        for argument, name in _port_arguments(op.operation):
            if not is_name_loc(argument.location):
                arguments.append((argument, argument.location))
                argument.set_location(_named(argument.location, name))
        _name_instances(op.operation, instances)
    try:
        yield
    finally:
        for argument, location in arguments:
            argument.set_location(location)
        for instance, location in instances:
            instance.location = location


def _name_instances(module: ir.Operation, renamed: list[tuple[ir.Operation, ir.Location]]) -> None:
    """Give every ``loom.instance`` in ``module`` (nested regions included) its instance name."""

    def visit(op: ir.Operation) -> ir.WalkResult:
        if op.name == InstanceOp.OPERATION_NAME and len(op.results) and not is_name_loc(op.location):
            renamed.append((op, op.location))
            op.location = _named(op.location, InstanceOp(op).instance_name)
        return ir.WalkResult.ADVANCE

    module.walk(visit)


def print_ir(root: ir.Operation, *, locations: bool = False, generic: bool = False, local_scope: bool = False,
             names: bool = True) -> str:
    """``root`` as MLIR text; ``locations`` adds ``loc(...)`` (as aliases unless ``local_scope``).

    ``names``: values named after name locations, ports and instances after
    their names (``names=False`` prints MLIR's ``%arg0``, ``%0``, as
    ``loom-opt`` does by default). The text parses back (``loom-opt`` reads it).
    """
    with root.context, user_names(root) if names else nullcontext():
        text = root.get_asm(enable_debug_info=locations, print_generic_op_form=generic,
                            use_local_scope=local_scope, use_name_loc_as_prefix=names)
    return text if generic else with_empty_case_blocks(text)


_EMPTY_CASE_REGION = re.compile(r"^(?P<indent> *)(?P<label>case [^\n]*|default): \{\n(?P=indent)\}$", re.MULTILINE)


def with_empty_case_blocks(text: str) -> str:
    """``text`` with each empty ``sv.case`` branch written as an empty block (``{ ^bb0: }``).

    MLIR prints a region holding one empty block as ``{}``, which parses back as a
    region with no block; ``sv.if`` adds the block again when it parses, but
    ``sv.case`` does not and its verifier then rejects the region (CIRCT 1.162).
    loom writes a ``match`` without ``case _`` with an empty default branch, so
    without this the IR of such a design would not read back into ``loom-opt``.
    """
    return _EMPTY_CASE_REGION.sub(lambda m: f"{m['indent']}{m['label']}: {{\n{m['indent']}^bb0:\n{m['indent']}}}", text)


"""Editing helpers for passes and generators: ``Generator.replace``, ``Var.move_src_to``, ``Var.move_sink_to``.

They follow kratos (docs/from-kratos.md): ``replace`` swaps the
generator an instance uses and keeps its connections; ``move_src_to`` and
``move_sink_to`` move a signal's driver or its readers to another signal,
optionally keeping the two connected. Each checks types and connections
first and raises an ``ElaborationError`` at the user's line, so a failed
edit leaves the design unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..dialect.errors import ElaborationError
from ..dialect.srcloc import SourceLoc, user_location
from .clones import check_editable, definition_of
from .signals import Expr, Named, Reg, same_width, width_text

if TYPE_CHECKING:
    from .generator import Generator, Instance
    from .signals import Named


def replace_child(parent: Generator, child_name: str, new_child: Generator) -> Instance:
    """``parent.replace(name, new_child)``: instance ``name`` now instantiates ``new_child``.

    The instance keeps its connections: its port objects stay, so every
    expression that reads an output and every driver of an input still
    refers to them. ``new_child`` must have every port the old child had,
    with the same direction, kind, width and signedness, may add outputs, and
    may not add inputs (they would be left unconnected); the instance's
    parameter values must be parameters of ``new_child``.
    """
    from .generator import Generator  # not at the top: generator.py imports this module

    loc = user_location()
    check_editable(parent)
    instance = parent._child_names.get(child_name) if isinstance(child_name, str) else None
    if instance is None:
        known = ", ".join(parent._child_names) or "none"
        raise ElaborationError(f"'{parent.name}' has no child instance {child_name!r} (instances: {known})",
                               str(loc))
    if not isinstance(new_child, Generator):
        raise ElaborationError(f"replace() expects a Generator as the new child, got {type(new_child).__name__}",
                               str(loc))
    if new_child is parent:
        raise ElaborationError(f"generator '{parent.name}' cannot instantiate itself", str(loc))
    for key, value in instance.params.items():
        parent._check_child_param(new_child, key, value, identity=False, loc=loc)
    for key, value in instance.identity.items():
        parent._check_child_param(new_child, key, value, identity=True, loc=loc)
    shape = definition_of(new_child).instance_shape(instance.params, instance.identity, loc)
    problems: list[str] = []
    for name, port in instance.ports.items():
        found = shape.by_name.get(name)
        if found is None:
            problems.append(f"port '{name}' is missing" + (" (its condition is false)" if name in shape.absent else ""))
            continue
        if found.direction != port.direction or found.kind != port.kind:
            problems.append(f"port '{name}' is {found.kind} {found.direction}put, was {port.kind} {port.direction}put")
        elif not same_width(found.width, port.width) or found.signed != port.signed:
            problems.append(f"port '{name}' is {'signed ' if found.signed else ''}{width_text(found.width)}-bit, was"
                            f" {'signed ' if port.signed else ''}{width_text(port.width)}-bit")
    for name in shape.inputs:
        if name not in instance.ports:
            problems.append(f"input '{name}' would be unconnected")
    if problems:
        raise ElaborationError(f"cannot replace instance '{child_name}' ('{instance.child.name}') by"
                               f" '{new_child.name}': " + "; ".join(problems), str(loc))
    instance.reshape(shape, loc)
    instance.child = new_child
    return instance


# -- moving sources and sinks (kratos Var.move_src_to / move_sink_to) ----------------------------------


def _check_move(what: str, var: Named, new_var: Named, parent: Generator) -> SourceLoc:
    from .generator import Generator  # not at the top: generator.py imports this module

    loc = user_location()
    if not isinstance(parent, Generator):
        raise ElaborationError(f"{what}: parent must be a Generator, got {type(parent).__name__}", str(loc))
    for signal in (var, new_var):
        if not isinstance(signal, Named):
            raise ElaborationError(f"{what}: expected a port, var or register, got {signal!r}", str(loc))
        if signal.owner is not parent:
            owner = signal.owner.name if signal.owner is not None else "no generator"
            raise ElaborationError(f"{what}: {signal.describe()} belongs to '{owner}', not to the parent"
                                   f" '{parent.name}'", str(loc))
    if var is new_var:
        raise ElaborationError(f"{what}: the old and the new signal are the same {var.describe()}", str(loc))
    if not same_width(var.width, new_var.width) or var.is_clock != new_var.is_clock:
        raise ElaborationError(f"{what}: {var.describe()} ({width_text(var.width)} bits) and {new_var.describe()}"
                               f" ({width_text(new_var.width)} bits) have different types", str(loc))
    return loc


def _take_driver(target: Named, driver: Any, driver_loc: SourceLoc, loc: SourceLoc, what: str) -> None:
    """Drive ``target`` by ``driver`` (written at ``driver_loc``); errors are reported at ``loc``."""
    if target.driver is not None:
        raise ElaborationError(f"{what}: {target.describe()} is already driven", str(loc),
                               (f"first driven at {target.driver_loc}",))
    target._check_drivable(loc)
    target.driver, target.driver_loc = driver, driver_loc


def move_src_to(var: Named, new_var: Named, parent: Generator, keep_connection: bool) -> None:
    """Move what drives ``var`` so that it drives ``new_var``; with ``keep_connection``, ``var = new_var``."""
    what = "move_src_to"
    loc = _check_move(what, var, new_var, parent)
    if var.driver is None:
        if keep_connection:
            _take_driver(var, new_var, loc, loc, what)
        return
    _take_driver(new_var, var.driver, var.driver_loc or loc, loc, what)
    var.driver, var.driver_loc = None, None
    if keep_connection:
        var.driver, var.driver_loc = new_var, loc


def move_sink_to(var: Named, new_var: Named, parent: Generator, keep_connection: bool) -> None:
    """Make everything in ``parent`` that reads ``var`` read ``new_var``; with ``keep_connection``, ``new_var = var``.

    Readers are drivers of ports, vars, registers and child inputs, register
    clocks, resets and enables, and the expressions under them.
    """
    what = "move_sink_to"
    loc = _check_move(what, var, new_var, parent)
    if keep_connection and new_var.driver is not None:
        raise ElaborationError(f"{what}: {new_var.describe()} is already driven", str(loc),
                               (f"first driven at {new_var.driver_loc}",))
    holders: list[Any] = [*parent.port_list, *parent.vars, *parent.registers]
    for instance in parent.children:
        holders.extend(instance.ports.values())
    seen: set[int] = set()
    stack: list[Any] = []
    for holder in holders:
        if holder is new_var:
            continue
        if holder.driver is var:
            holder.driver = new_var
        elif holder.driver is not None:
            stack.append(holder.driver)
        if isinstance(holder, Reg):
            for slot in ("clock", "reset", "enable"):
                value = getattr(holder, slot)
                if value is var:
                    setattr(holder, slot, new_var)
                elif value is not None:
                    stack.append(value)
    while stack:
        node = stack.pop()
        if not isinstance(node, Expr) or id(node) in seen:
            continue
        seen.add(id(node))
        if any(operand is var for operand in node.operands):
            node.operands = tuple(new_var if operand is var else operand for operand in node.operands)
        stack.extend(node.operands)
    if keep_connection:
        _take_driver(new_var, var, loc, loc, what)

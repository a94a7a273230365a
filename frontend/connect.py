"""Connections written the kratos way: ``wire(a, b)`` in either order, a child's own port objects used from
the parent, and ``add_child(..., port="parent_signal")``.

kratos users write ``self.wire(child.in_, x)`` and ``self.wire(y, child.out)`` with the port objects the
child generator declared, and often put the source first. loom keeps one meaning for every connection
(``destination.assign(source)``); this module only works out, before that, *which* instance port a child's
port object stands for and which side is the destination, so that the checks stay in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..dialect.names import did_you_mean
from ..dialect.ops import IN, OUT
from .clones import definition_of
from .signals import Expr, InstancePort, Named, Operand, Port, Signal, fail

if TYPE_CHECKING:
    from .generator import Generator


def instance_port(parent: Generator, port: Port) -> InstancePort | None:
    """The port of ``parent``'s instance of ``port.owner`` that ``port`` stands for (kratos style), or None
    when ``port`` is not a port of a child of ``parent``.

    A generator added several times is ambiguous: the user must say which instance through the
    ``Instance`` that ``add_child`` returned.
    """
    owner = port.owner
    if owner is None or owner is parent:
        return None
    uses = [inst for inst in parent.children if inst.child is owner or definition_of(inst.child) is owner]
    if not uses:
        return None
    if len(uses) > 1:
        names = ", ".join(f"'{inst.name}'" for inst in uses)
        raise fail(f"{port.describe()} is ambiguous in '{parent.name}': '{owner.name}' is instantiated"
                   f" {len(uses)} times ({names}); connect through the instance add_child returned"
                   f" (inst.{port.name} or inst[\"{port.name}\"])")
    return uses[0].port(port.name)  # type: ignore[return-value]


def child_signal(parent: Generator, value: Signal) -> Signal | None:
    """A child's port object, or a bit/slice of one, as the same signal of ``parent``'s instance (None when
    ``value`` is neither)."""
    if isinstance(value, Port):
        return instance_port(parent, value)
    if isinstance(value, Expr) and value.op == "extract" and isinstance(value.operands[0], Port):
        found = instance_port(parent, value.operands[0])
        if found is not None:
            return Expr("extract", (found,), value.width, attrs=value.attrs, loc=value.loc)
    return None


def resolve[V](parent: Generator, value: V) -> V | Signal:
    """``value`` with a child's port object replaced by the parent's instance port, and a string naming
    a port, var or register of ``parent`` replaced by that signal (kratos's ``add_child(..., p="name")``)."""
    if isinstance(value, Signal):
        found = child_signal(parent, value)
        return value if found is None else found
    if isinstance(value, str):
        return signal_named(parent, value)
    return value


def signal_named(parent: Generator, name: str) -> Named:
    """The port, var or register of ``parent`` called ``name``."""
    for group in (parent.port_list, parent.vars, parent.registers):
        for signal in group:
            if signal.name == name:
                return signal

    known = [s.name for s in (*parent.port_list, *parent.vars, *parent.registers)]
    raise fail(f"'{parent.name}' has no port, var or register named '{name}'{did_you_mean(name, known)}")


def drivable_root(parent: Generator, value: object) -> Named | None:
    """The signal of ``parent`` that assigning ``value`` would drive (``value`` itself, or the signal a bit,
    slice, field or element of it belongs to), or None when ``value`` cannot be driven from ``parent``."""
    node = value
    while isinstance(node, Expr) and (node.op == "extract" or hasattr(node, "key")):
        node = node.operands[0]  # a bit/slice, or a field/element (frontend.types.Member)
    if not isinstance(node, Named) or node.owner is not parent:
        return None
    if isinstance(node, Port) and node.direction == IN:
        return None
    if isinstance(node, InstancePort) and node.direction == OUT:
        return None
    return node


def orient(parent: Generator, first: Operand, second: Operand) -> tuple[Signal, Operand]:
    """``(destination, source)`` for ``wire(first, second)``.

    The side that can be driven from ``parent`` is the destination. When both can, the first is, except
    that a child's input is always driven by the parent's signal (``wire(x, child.in_)``), as in kratos.
    """
    first_root, second_root = drivable_root(parent, first), drivable_root(parent, second)
    swap = (first_root is None and second_root is not None) or (
        first_root is not None and isinstance(second_root, InstancePort) and not isinstance(first_root, InstancePort))
    if swap:
        return second, first  # type: ignore[return-value]
    if first_root is not None:
        return first, second  # type: ignore[return-value]
    for side in (first, second):
        if isinstance(side, Signal) and side.owner is not None and side.owner is not parent:
            raise fail(f"{side.describe()} belongs to '{side.owner.name}', not to '{parent.name}'; connect a"
                       f" child through its instance or add it with add_child first")
    if isinstance(first, Signal):
        return first, second  # its own assign() says why it cannot be driven (an input, an expression, ...)
    shown = [s.describe() if isinstance(s, Signal) else repr(s) for s in (first, second)]
    raise fail(f"wire() destination must be a signal that '{parent.name}' can drive (an output port, a var, a"
               f" register or a child's input, on either side), got {shown[0]} and {shown[1]}")

"""The loom ops of SystemVerilog interface instances, until ``lower-interface-instances``.

CIRCT's ``sv.interface.instance`` must sit in a region with a symbol table, and
``sv.interface.signal.read``/``assign`` look the interface up by symbol; an
unregistered ``loom.module`` body is neither (docs/platform.md). The frontend
therefore writes these three ops, which carry the same information, and the
pass swaps them for the ``sv`` ops once the bodies are ``hw.module``s. The
``sv.interface`` definitions themselves sit at the top of the design from the
start (the ``builtin.module`` is a symbol table).

``loom.interface_instance``  ``{name}`` -> ``!sv.interface<@I>``: one instance.
``loom.interface_read``      ``(%iface) {signal}`` -> the signal's value.
``loom.interface_assign``    ``(%iface, %value) {signal}``: drives the signal
                             (a continuous assignment).
"""

from __future__ import annotations

from typing import ClassVar, Iterator, Mapping

from .opdef import ONE, STRING, AttrDef, LoomOp, define, exactly, required


def _interface_typed(op: LoomOp, value_type: object) -> Iterator[str]:
    if not str(value_type).startswith("!sv.interface<"):
        yield (f"'{op.OPERATION_NAME}' takes an interface instance (!sv.interface<@...>), not a value of type"
               f" {value_type}")


@define
class InterfaceInstanceOp(LoomOp):
    """``loom.interface_instance``: an instance of an ``sv.interface`` named ``name``."""

    OPERATION_NAME = "loom.interface_instance"
    RESULTS = ONE
    ATTRIBUTES: ClassVar[Mapping[str, AttrDef]] = {"name": required(STRING)}

    def verify_(self) -> Iterator[str]:
        yield from _interface_typed(self, self.operation.results[0].type)


@define
class InterfaceReadOp(LoomOp):
    """``loom.interface_read``: the value of signal ``signal`` of an interface instance."""

    OPERATION_NAME = "loom.interface_read"
    OPERANDS = exactly(1)
    RESULTS = ONE
    ATTRIBUTES: ClassVar[Mapping[str, AttrDef]] = {"signal": required(STRING)}

    def verify_(self) -> Iterator[str]:
        yield from _interface_typed(self, self.operation.operands[0].type)


@define
class InterfaceAssignOp(LoomOp):
    """``loom.interface_assign``: drives signal ``signal`` of an interface instance with operand 1."""

    OPERATION_NAME = "loom.interface_assign"
    OPERANDS = exactly(2)
    ATTRIBUTES: ClassVar[Mapping[str, AttrDef]] = {"signal": required(STRING)}

    def verify_(self) -> Iterator[str]:
        yield from _interface_typed(self, self.operation.operands[0].type)


__all__ = ["InterfaceAssignOp", "InterfaceInstanceOp", "InterfaceReadOp"]

"""The IR of SystemVerilog interfaces (``frontend.interfaces``): definitions, instances and unread inputs.

``interfaces.py`` declares interfaces, instances and interface ports and connects them; this module writes
the ``sv.interface`` definitions of a design and each instance's ``loom.interface_instance`` with a
``loom.interface_read`` / ``loom.interface_assign`` per signal (docs/interfaces.md says why ports are
flattened into ordinary ports instead).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..dialect.errors import ElaborationError
from .generator import Generator
from .interfaces import Interface, InterfaceInstance, InterfaceSignal, interface_port_inputs
from .statements import LogicRead

if TYPE_CHECKING:
    from .emit import ModuleWriter


def _sym(name: str) -> str:
    return f'"{name}"'


def write_instance(writer: ModuleWriter, instance: InterfaceInstance) -> None:
    """The instance, then for each of its signals a read and, where this generator drives it, an assign."""
    handle = f"%{instance.name}.iface"
    iface = f"!sv.interface<@{_sym(instance.definition.name)}>"
    writer.op(f'{handle} = "loom.interface_instance"() {{name = "{instance.name}"}} : () -> {iface}', instance.loc)
    for signal in instance.signals.values():
        _write_signal(writer, instance, handle, iface, signal)


def _write_signal(writer: ModuleWriter, instance: InterfaceInstance, handle: str, iface: str,
                  signal: InterfaceSignal) -> None:
    member = signal.member
    attrs = f'{{signal = "{member.name}"}}'
    ssa = f"%{signal.name}"
    if signal.driver is None and member.direction == "in":
        raise ElaborationError(f"input '{member.name}' of interface instance '{instance.name}'"
                               f" ('{instance.definition.name}') is never driven in '{instance.owner.name}'; drive"
                               f" it with self.wire({instance.name}.{member.name}, ...)", str(instance.loc))
    # Reads go through the interface even where this generator drives the signal, so that the
    # SystemVerilog reads what it assigns (an interface signal only written is unused to verilator).
    raw = writer.fresh() if signal.is_clock else ssa
    writer.op(f'{raw} = "loom.interface_read"({handle}) {attrs} : ({iface}) -> i{member.width}', instance.loc)
    if signal.is_clock:
        writer.op(f"{ssa} = seq.to_clock {raw}", instance.loc)
    if signal.driver is None:
        return
    loc = signal.driver_loc or instance.loc
    if isinstance(signal.driver, LogicRead):
        value = writer.fresh()
        writer.op(f"{value} = sv.read_inout {signal.driver.decl.ssa} : !hw.inout<i{member.width}>", loc)
    else:
        value = writer.driver(signal)
        if signal.is_clock:
            clock, value = value, writer.fresh()
            writer.op(f"{value} = seq.from_clock {clock}", loc)
    writer.op(f'"loom.interface_assign"({handle}, {value}) {attrs} : ({iface}, i{member.width}) -> ()', loc)


def mark_unused_inputs(writer: ModuleWriter) -> None:
    """Give each input of an interface port that the module never reads a ``_unused_<port>`` wire reading it.

    A modport lists what its users *may* read; a module that leaves one out would have an unused input port,
    which ``verilator -Wall`` reports (a real interface port would not be reported). Verilator ignores
    signals named ``*unused*``, so the wire keeps the SystemVerilog clean without waivers, as
    ``reference-unused-parameters`` does for parameters.
    """
    ports = interface_port_inputs(writer.gen)
    if not ports:
        return
    text = "\n".join(writer.lines)
    for port in ports:
        if re.search(rf"%{re.escape(port.name)}(?![\w.$-])", text):
            continue
        name = f"_unused_{port.name}"
        port_type = "!seq.clock" if port.is_clock else f"i{port.width}"
        writer.op(f'%{name} = hw.wire %{port.name} sym @{name} : {port_type}', port.loc)


def definitions_text(generators: list[Generator], module_names: set[str]) -> str:
    """The ``sv.interface`` ops of the interfaces instantiated in ``generators``; two different
    interfaces of one name, or an interface named like a module, are errors (SystemVerilog has one
    namespace for them).

    They go *after* the modules: CIRCT 1.162's ExportVerilog looks instances up among every symbol,
    including the modports and signals inside interfaces, and crashes when an instance's module shares
    the name of a modport declared before it (a modport ``Producer`` used by a module ``Producer`` is
    the natural way to write it).
    """
    seen: dict[str, Interface] = {}
    for gen in generators:
        for statement in gen.statements:
            if not isinstance(statement, InterfaceInstance):
                continue
            definition = statement.definition
            if definition.name in module_names:
                raise ElaborationError(f"interface '{definition.name}' has the name of a module of the design;"
                                       " rename one", str(definition.loc))
            first = seen.setdefault(definition.name, definition)
            if first is not definition and first.key() != definition.key():
                raise ElaborationError(f"two different interfaces are named '{definition.name}'",
                                       str(definition.loc), (f"the other is defined at {first.loc}",))
    return "".join(_definition_text(d) for d in seen.values())


def _definition_text(definition: Interface) -> str:
    """The ``sv.interface`` op defining ``definition``."""
    lines = [f"sv.interface @{_sym(definition.name)} {{"]
    lines += [f"  sv.interface.signal @{_sym(m.name)} : i{m.width}" for m in definition.members.values()]
    for modport in definition.modports.values():
        ports = ", ".join(f"{'input' if d == 'in' else 'output'} @{_sym(n)}" for n, d in modport.directions.items())
        lines.append(f"  sv.interface.modport @{_sym(modport.name)} ({ports})")
    return "\n".join(lines) + "\n}\n"

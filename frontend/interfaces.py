"""SystemVerilog interfaces (kratos ``Interface``): a named group of signals with modports.

Declare the interface once, the kratos way (each declaration returns the signal's name)::

    class Bus(Interface):
        def __init__(self):
            super().__init__("Bus")
            clk = self.clock("clk")             # an input of the interface: its instantiator drives it
            data, valid = self.var("data", 8), self.var("valid")
            ready = self.var("ready")
            self.src = self.modport("Src")
            self.src.set_output(data); self.src.set_output(valid); self.src.set_input(ready)
            self.src.set_input(clk)
            ...

then instantiate it in a generator, and hand it to children as a port::

    bus = self.interface(Bus(), "bus")                      # an interface instance: ``Bus bus();``
    self.wire(bus.clk, clk)
    port = self.interface(defn.src, "bus", is_port=True)    # in a child: a port of modport Src
    self.wire(child.bus, bus)   # or bus.Src, or the parent's own interface port (passed on)

How it lowers, and why (docs/interfaces.md): the definition becomes an ``sv.interface`` with an
``sv.interface.signal`` per member and an ``sv.interface.modport`` per modport, and an instance an
``sv.interface.instance`` whose signals are read with ``sv.interface.signal.read`` and driven with
``sv.interface.signal.assign``. An interface *port* is flattened into one ordinary port per member,
``<port>_<member>``, with the modport's direction: CIRCT 1.162 has no op that reads or drives a
signal through an ``!sv.modport`` value, prints an ``!sv.interface`` port as ``input bus()`` and
crashes verifying a signal read on one, and Icarus Verilog cannot parse interface ports at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..dialect.errors import ElaborationError, UnknownAttributeError
from ..dialect.names import did_you_mean, require_name
from ..dialect.srcloc import SourceLoc, user_location
from .clones import definition_of
from .connect import instance_port
from .growable import growable
from .kratos_api import PortDirection, PortType
from .signals import InstancePort, Named, Operand, Port, Signal, Var, fail

if TYPE_CHECKING:
    from .generator import Generator, Instance

_KINDS = {PortType.Data: "data", PortType.Clock: "clock", PortType.Reset: "reset", PortType.AsyncReset: "reset"}


@dataclass(frozen=True)
class Member:
    """One signal of an interface: a var (``direction`` None) or a port of the interface (``"in"``: its
    instantiator drives it, ``"out"``: its instantiator reads it)."""

    name: str
    width: int
    signed: bool
    direction: str | None
    kind: str = "data"
    asynchronous: bool = False


class Modport:
    """A modport: the direction in which a module using it sees each listed signal (kratos
    ``InterfaceModPortDefinition``)."""

    def __init__(self, interface: Interface, name: str, loc: SourceLoc):
        self.interface = interface
        self.name = name
        self.loc = loc
        self.directions: dict[str, str] = {}
        """Member name -> ``"in"`` / ``"out"``, in the order they were set."""

    def set_input(self, name: str) -> None:
        """The modport's user reads ``name``."""
        self._set(name, "in")

    def set_output(self, name: str) -> None:
        """The modport's user drives ``name``."""
        self._set(name, "out")

    def _set(self, name: object, direction: str) -> None:
        loc = user_location(2)
        members = self.interface.members
        if not isinstance(name, str) or name not in members:
            shown = f"'{name}'" if isinstance(name, str) else repr(name)
            hint = did_you_mean(name, members) if isinstance(name, str) else ""
            raise ElaborationError(f"modport '{self.name}' of interface '{self.interface.name}': {shown} is not a"
                                   f" signal of the interface{hint}; signals: {', '.join(members) or 'none'}",
                                   str(loc))
        if name in self.directions:
            raise ElaborationError(f"modport '{self.name}' of interface '{self.interface.name}' lists '{name}'"
                                   " twice", str(loc))
        if direction == "out" and members[name].direction == "in":
            raise ElaborationError(f"modport '{self.name}' cannot make '{name}' an output: it is an input of"
                                   f" interface '{self.interface.name}', driven where the interface is"
                                   " instantiated", str(loc))
        self.directions[name] = direction

    def __repr__(self) -> str:
        return f"<modport '{self.name}' of interface '{self.interface.name}'>"


class Interface:
    """A SystemVerilog interface definition; subclass it and declare members in ``__init__``.

    ``var``/``input``/``output``/``port``/``clock``/``reset`` return the member's name (as kratos
    does), which ``Modport.set_input``/``set_output`` take. ``size`` (kratos's array size) must be 1.
    """

    def __init__(self, name: str | None = None):
        self.loc = user_location()
        self._name = require_name(name or type(self).__name__, "interface name", self.loc)
        self.members: dict[str, Member] = {}
        self.modports: dict[str, Modport] = {}

    @property
    def name(self) -> str:
        return self._name

    def _member(self, name: str, width: int, size: object, direction: str | None, kind: str = "data",
                signed: bool = False, asynchronous: bool = False) -> str:
        loc = user_location(2)
        require_name(name, "interface signal name", loc)
        if name in self.members or name in self.modports:
            raise ElaborationError(f"interface '{self._name}' already declares '{name}'", str(loc))
        if not isinstance(width, int) or isinstance(width, bool) or width < 1:
            raise ElaborationError(f"width of interface signal '{name}' must be a positive int, got {width!r}",
                                   str(loc))
        if size != 1:
            raise ElaborationError(f"interface signal '{name}': arrays in interfaces (size={size!r}) are not"
                                   " supported; declare one signal per element or pack them into one wide"
                                   " signal", str(loc))
        self.members[name] = Member(name, width, signed, direction, kind, asynchronous)
        return name

    def var(self, name: str, width: int = 1, size: int = 1, *, signed: bool = False, is_signed: bool = False) -> str:
        """A signal of the interface; modports say who drives it."""
        return self._member(name, width, size, None, signed=signed or is_signed)

    def input(self, name: str, width: int = 1, size: int = 1, *, signed: bool = False,
              is_signed: bool = False) -> str:
        """A port of the interface that the generator instantiating it drives (``self.wire(bus.x, ...)``)."""
        return self._member(name, width, size, "in", signed=signed or is_signed)

    def output(self, name: str, width: int = 1, size: int = 1, *, signed: bool = False,
               is_signed: bool = False) -> str:
        """A port of the interface that the generator instantiating it reads; a modport user drives it."""
        return self._member(name, width, size, "out", signed=signed or is_signed)

    def port(self, name: str, width: int = 1, size: int = 1, direction: PortDirection = PortDirection.In,
             port_type: PortType = PortType.Data) -> str:
        """kratos's ``port(name, width, size, direction, port_type)``."""
        if port_type not in _KINDS:
            raise fail(f"interface port '{name}' cannot be a {getattr(port_type, 'name', port_type)} port")
        kind = _KINDS[port_type]
        if kind != "data" and (direction is not PortDirection.In or width != 1):
            raise fail(f"interface port '{name}': a {kind} is a 1-bit input")
        return self._member(name, width, size, "in" if direction is PortDirection.In else "out", kind,
                            asynchronous=port_type is PortType.AsyncReset)

    def clock(self, name: str = "clk") -> str:
        """A clock input of the interface."""
        return self._member(name, 1, 1, "in", "clock")

    def reset(self, name: str = "rst", *, asynchronous: bool = False, is_async: bool | None = None) -> str:
        """A reset input of the interface (synchronous unless ``asynchronous``/``is_async``, like
        ``Generator.reset``)."""
        return self._member(name, 1, 1, "in", "reset", asynchronous=bool(asynchronous or is_async))

    def modport(self, name: str) -> Modport:
        """A new modport; list its signals with ``set_input``/``set_output``."""
        loc = user_location()
        require_name(name, "modport name", loc)
        if name in self.members or name in self.modports:
            raise ElaborationError(f"interface '{self._name}' already declares '{name}'", str(loc))
        modport = self.modports[name] = Modport(self, name, loc)
        return modport

    def has_port(self, name: str) -> bool:
        member = self.members.get(name)
        return member is not None and member.direction is not None

    def has_var(self, name: str) -> bool:
        member = self.members.get(name)
        return member is not None and member.direction is None

    def key(self) -> tuple[object, ...]:
        """Equal keys: the same SystemVerilog interface."""
        return (self._name, tuple(self.members.values()),
                tuple((m.name, tuple(m.directions.items())) for m in self.modports.values()))

    def __repr__(self) -> str:
        return f"<interface '{self._name}'>"


# -- interfaces in a generator ------------------------------------------------------------------


class InterfaceSignal(Var):
    """A signal of an interface instance, read and driven like a var of the generator holding it."""

    __slots__ = ("instance", "member", "is_clock")

    def __init__(self, instance: InterfaceInstance, member: Member, loc: SourceLoc):
        super().__init__(instance.owner, f"{instance.name}.{member.name}", member.width, loc, member.signed)
        self.instance = instance
        self.member = member
        self.is_clock = member.kind == "clock"  # the member is frozen

    def describe(self) -> str:
        return f"signal '{self.member.name}' of interface '{self.instance.name}' of '{self.instance.owner.name}'"

    @property
    def storage_name(self) -> str:
        """The name of its ``logic`` when a procedural block drives it (then assigned to the signal)."""
        return f"{self.instance.name}_{self.member.name}"


class InterfaceView:
    """An interface in a generator: an instance (``is_port=False``) or a port (flattened into ports
    ``<name>_<member>``), seen through a modport (``modport``) or whole. ``view.member`` is the signal;
    on an instance, ``view.Modport`` is the instance seen through that modport (for connections)."""

    def __init__(self, owner: Generator, name: str, definition: Interface, modport: Modport | None,
                 members: dict[str, Named], is_port: bool, loc: SourceLoc):
        self._owner = owner
        self._name = name
        self._definition = definition
        self._modport = modport
        self._members = members
        self._is_port = is_port
        self._loc = loc

    @property
    def name(self) -> str:
        return self._name

    def describe(self) -> str:
        what = "port" if self._is_port else "instance"
        through = f" (modport '{self._modport.name}')" if self._modport is not None else ""
        return f"interface {what} '{self._name}'{through} of '{self._owner.name}'"

    def directions(self) -> dict[str, str]:
        """Member -> direction as the holder of this view sees it (a port's module, or a modport's user)."""
        if self._modport is not None:
            return dict(self._modport.directions)
        return {n: m.direction for n, m in self._definition.members.items() if m.direction is not None}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> Any:
        if name in self._members:
            return self._members[name]
        modport = self._definition.modports.get(name)
        if modport is not None and not self._is_port and self._modport is None:
            return InterfaceView(self._owner, self._name, self._definition, modport, self._members, False, self._loc)
        raise UnknownAttributeError(f"{self.describe()} has no signal or modport '{name}'"
                                    f"{did_you_mean(name, self._members, self._definition.modports)};"
                                    f" signals: {', '.join(self._members) or 'none'}", str(user_location()))

    def __iter__(self) -> Iterator[str]:
        return iter(self._members)

    def __repr__(self) -> str:
        return f"<{self.describe()}>"


class InterfaceInstance:
    """An ``sv.interface.instance`` in a generator; its signals are ``InterfaceSignal``s.

    Written after the registers (a ``gen.statements`` entry): each signal read here and driven by
    nothing in this generator is a ``loom.interface_read``; a driven one is computed like a var
    (a procedural ``logic`` or a continuous value) and assigned to the signal.
    """

    def __init__(self, owner: Generator, name: str, definition: Interface, loc: SourceLoc):
        self.owner = owner
        self.name = name
        self.definition = definition
        self.loc = loc
        self.signals = {n: InterfaceSignal(self, m, loc) for n, m in definition.members.items()}


def interface_port_inputs(gen: Generator) -> list[Port]:
    """The input ports that ``gen``'s interface ports flatten into (what a modport lets the module read)."""
    return [p for view in interfaces_of(gen).values() if view._is_port
            for p in view._members.values() if isinstance(p, Port) and p.direction == "in"]


def declare_interface(gen: Generator, definition: object, name: str, is_port: bool) -> InterfaceView:
    """``gen.interface(definition, name, is_port)``: an instance of an ``Interface``, or a port of an
    ``Interface`` (every member must be one of its ports) or of a ``Modport``."""
    loc = user_location(2)
    modport = definition if isinstance(definition, Modport) else None
    interface = modport.interface if modport is not None else definition
    if not isinstance(interface, Interface):
        raise ElaborationError(f"interface() expects an Interface or one of its modports, got"
                               f" {type(definition).__name__}", str(loc))
    if not is_port:
        if modport is not None:
            raise ElaborationError(f"interface '{name}': a modport is a view of an interface; instantiate the"
                                   f" interface itself (self.interface({interface.name}, '{name}')) and connect"
                                   f" children through it, or pass is_port=True", str(loc))
        gen._claim(name, "interface instance")
        instance = InterfaceInstance(gen, name, interface, loc)
        growable(gen, "statements", list).append(instance)
        view = InterfaceView(gen, name, interface, None, dict(instance.signals), False, loc)
    else:
        require_name(name, "interface port name", loc)
        directions = modport.directions if modport is not None else _whole_directions(interface, name, loc)
        members: dict[str, Named] = {}
        for member_name, direction in directions.items():
            members[member_name] = _flat_port(gen, f"{name}_{member_name}", interface.members[member_name],
                                              direction)
        view = InterfaceView(gen, name, interface, modport, members, True, loc)
    views = gen.__dict__.setdefault("_interfaces", {})
    if name in views:
        raise ElaborationError(f"interface '{name}' is already declared in '{gen.name}'", str(loc))
    views[name] = view
    return view


def _whole_directions(interface: Interface, name: str, loc: SourceLoc) -> dict[str, str]:
    undirected = [m.name for m in interface.members.values() if m.direction is None]
    if undirected:
        raise ElaborationError(f"interface port '{name}': a whole interface as a port gives no direction to its"
                               f" var '{undirected[0]}'; declare a modport (interface.modport(...)) and pass it",
                               str(loc))
    return {m.name: "in" if m.direction == "in" else "out" for m in interface.members.values()}


def _flat_port(gen: Generator, name: str, member: Member, direction: str) -> Port:
    if direction == "out":
        return gen.output(name, member.width, signed=member.signed)
    if member.kind == "clock":
        return gen.clock(name)
    if member.kind == "reset":
        return gen.reset(name, asynchronous=member.asynchronous)
    return gen.input(name, member.width, signed=member.signed)


def interfaces_of(gen: Generator) -> dict[str, InterfaceView]:
    """The interfaces declared in ``gen`` (instances and ports), by name."""
    return gen.__dict__.get("_interfaces", {})


def instance_interface(inst: Instance, name: str) -> InterfaceView | None:
    """A child's interface port ``name`` seen through instance ``inst`` (None: no such interface port)."""
    view = interfaces_of(definition_of(inst.child)).get(name)
    if view is None or not view._is_port:
        return None
    members: dict[str, Named] = {m: inst.ports[p.name] for m, p in view._members.items()}
    return InterfaceView(inst.parent, name, view._definition, view._modport, members, True, inst.loc)


# -- connections ------------------------------------------------------------------------------------

Side = InterfaceView | object


def _child_view(gen: Generator, view: InterfaceView) -> InterfaceView | None:
    """``view`` as the port of ``gen``'s instance when it is a child's interface port (or already is one)."""
    if not view._is_port:
        return None
    members = list(view._members.values())
    if members and all(isinstance(m, InstancePort) and m.owner is gen for m in members):
        return view
    found = {m: instance_port(gen, p) for m, p in view._members.items() if isinstance(p, Port)}
    if not found or any(p is None for p in found.values()):
        return None
    # No value of `found` is None here (checked above), which mypy cannot see through the dict.
    return InterfaceView(gen, view._name, view._definition, view._modport,
                         found, True, view._loc)  # type: ignore[arg-type]


def connect_interfaces(gen: Generator, first: Side, second: Side, loc: SourceLoc) -> None:
    """``self.wire(child.bus, bus)`` in either order: a child's interface port to an interface instance of
    ``gen`` (whole or a modport of it) or to ``gen``'s own interface port (passed on)."""
    views = [side for side in (first, second) if isinstance(side, InterfaceView)]
    if len(views) != 2:
        other = second if isinstance(first, InterfaceView) else first
        shown = other.describe() if isinstance(other, Signal) else repr(other)
        raise ElaborationError(f"cannot connect {views[0].describe()} to {shown}: an interface connects to an"
                               " interface (an instance, a modport of it, or an interface port)", str(loc))
    children = [_child_view(gen, v) for v in views]
    if children[0] is not None and children[1] is None:
        child, outer = children[0], views[1]
    elif children[1] is not None and children[0] is None:
        child, outer = children[1], views[0]
    else:
        what = "both are ports of children" if children[0] is not None else "neither is a port of a child"
        raise ElaborationError(f"cannot connect {views[0].describe()} to {views[1].describe()}: {what}; connect a"
                               f" child's interface port to an interface instance or interface port of"
                               f" '{gen.name}'", str(loc))
    if outer._owner is not gen:
        raise ElaborationError(f"{outer.describe()} does not belong to '{gen.name}'", str(loc))
    _connect(gen, child, outer, loc)


def connect_keyword(gen: Generator, child: InterfaceView, value: object, loc: SourceLoc) -> None:
    """``add_child(..., bus=bus)`` for a child's interface port ``bus``."""
    if not isinstance(value, InterfaceView):
        shown = value.describe() if isinstance(value, Signal) else repr(value)
        raise ElaborationError(f"{child.describe()} must be connected to an interface, got {shown}", str(loc))
    connect_interfaces(gen, child, value, loc)


def _connect(gen: Generator, child: InterfaceView, outer: InterfaceView, loc: SourceLoc) -> None:
    if child._definition.key() != outer._definition.key():
        raise ElaborationError(f"cannot connect {child.describe()} to {outer.describe()}: they are different"
                               f" interfaces ('{child._definition.name}' and '{outer._definition.name}')", str(loc))
    if not outer._is_port and outer._modport is not None and (
            child._modport is None or child._modport.name != outer._modport.name):
        has = f"modport '{child._modport.name}'" if child._modport is not None else "the whole interface"
        raise ElaborationError(f"cannot connect {child.describe()} to {outer.describe()}: the child's port takes"
                               f" {has}", str(loc))
    outer_directions = outer.directions() if outer._is_port else {}
    for member, direction in child.directions().items():
        port = child._members[member]
        if outer._is_port:
            if member not in outer_directions or (direction == "out" and outer_directions[member] != "out"):
                held = outer_directions.get(member)
                why = "does not have it" if held is None else "has it as an input"
                raise ElaborationError(f"cannot pass {outer.describe()} to {child.describe()}: the child"
                                       f" {'drives' if direction == 'out' else 'reads'} '{member}', and"
                                       f" '{gen.name}''s port {why}", str(loc))
        signal = outer._members[member]
        if direction == "in":
            port.drive(signal, loc)
        else:
            signal.drive(port, loc)


def operand_is_interface(*values: object) -> bool:
    return any(isinstance(v, InterfaceView) for v in values)


__all__ = ["Interface", "InterfaceSignal", "InterfaceView", "Member", "Modport", "Operand", "connect_interfaces",
           "declare_interface"]

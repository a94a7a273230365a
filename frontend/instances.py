"""Child instances (``parent.add_child(name, child, ...)``) and the ports the parent sees on them.

A parent with 50,000 instances of one child must not pay for 50,000 times as many port objects as
the child has ports: most of them are only connected in ``add_child`` and never touched again. So an
``Instance`` keeps what ``add_child`` connected to its inputs as plain drivers, one entry per input
(shared with its sibling when the signals are the very same), and makes the ``InstancePort`` of a
port when something asks for it (user code reading ``inst.o``, an edit such as ``wire(inst.a, x)``,
a bundle or interface view); from then on that object holds the port's driver, exactly as an eagerly
made one would. The ports an instance has for its parameter values (an ``InstanceShape``) are worked
out once per distinct values and shared.

``add_child`` records a connection directly only when it passes every check ``Named.drive`` makes;
anything else goes through the port object's ``drive``, so a misuse is reported with the same
message, at the same line (the ``add_child`` call), as before.
"""

from __future__ import annotations

import operator
import weakref
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, TypeIs

from ..dialect.errors import ElaborationError, UnknownAttributeError
from ..dialect.names import did_you_mean
from ..dialect.ops import IN, OUT
from ..dialect.srcloc import SourceLoc, user_location
from .bundles import BundleView, instance_bundle
from .clone_state import REPLAYING_OWNERS
from .clones import definition_of
from .connect import resolve
from .growable import ReadOnlyDict
from .interfaces import InterfaceView, instance_interface
from .params import Param
from .signals import InstancePort, Port, PortKind, PortShape, Signal, fail, same_width

if TYPE_CHECKING:
    from .generator import Generator


class FixedValues(ReadOnlyDict):
    """An instance's parameter or identity values: fixed once ``add_child`` made the instance.

    Its ports were worked out from them, and instances given equal parameter values share one dict of them
    (``InstanceShape.params``): a write would change the other instances too, or leave the ports and the
    emitted values disagreeing. So a write is refused at the user's line; values are given to
    ``add_child(..., params=..., identity=...)``.
    """

    __slots__ = ()

    def refusal(self) -> Exception:
        return fail("an instance's parameter and identity values are fixed once add_child() made it (instances"
                    " given equal values share them): pass the values to add_child(..., params={...})",
                    user_location(3))


NO_VALUES = FixedValues()
"""The values of every instance given none."""


class InstanceShape:
    """The ports an instance of a generator has for given parameter values (``Generator.instance_shape``),
    shared by every instance with those values: by name, split into inputs and outputs in port order, the
    names of the conditional ports that are absent, and the parameter values themselves (``params``: one
    dict for all those instances, not a copy in each of 50,000 -- never changed once made)."""

    __slots__ = ("by_name", "connectable", "inputs", "outputs", "absent", "params", "__weakref__")

    def __init__(self, ports: list[PortShape], absent: set[str], params: dict[str, int | Param]):
        self.by_name = {port.name: port for port in ports}
        inputs = [port for port in ports if port.direction == IN]
        self.connectable = {port.name: (index, port.kind == PortKind.CLOCK, port.width)
                            for index, port in enumerate(inputs)}
        """Per input, what ``Instance.connect_input`` asks of it: where its entry is in an instance's
        ``_inputs``, whether it is a clock, its width (one tuple: a field of a ``PortShape`` is a slow read, and
        ``add_child`` asks for every keyword)."""
        self.inputs = tuple(port.name for port in inputs)
        self.outputs = tuple(port.name for port in ports if port.direction == OUT)
        self.absent = absent
        self.params = params


_SHARED_SHAPES: weakref.WeakValueDictionary[tuple[tuple[object, ...], ...], InstanceShape] = \
    weakref.WeakValueDictionary()
"""Shapes by their ports' (name, direction, width, kind, signedness), while an instance or generator holds one."""


def shared_shape(ports: list[Port]) -> InstanceShape | None:
    """The shape of a generator without parameters, shared by every such generator with the same ports; None
    when a port is conditional or not a plain integer width (then the generator works its shape out itself).

    10,000 distinct leaf generators with the same ports then hold one shape, not 10,000 (fewer objects for the
    collector), and the IR writer words their instances' port lists once (``emit.ModuleWriter``).
    """
    signature = []
    for port in ports:
        if port.condition is not None or type(port.width) is not int:
            return None
        signature.append((port.name, port.direction, port.width, port.kind, port.signed))
    key = tuple(signature)
    shape = _SHARED_SHAPES.get(key)
    if shape is None:
        shape = _SHARED_SHAPES[key] = InstanceShape([PortShape._make(entry) for entry in key], set(), NO_VALUES)
    return shape


def read_input(port: InstancePort, reader: SourceLoc) -> Signal:
    """What reading ``port``, an input of a child instance, reads in the parent: the signal that drives it.

    An instance's input seen from the parent is the net connected to it (as in kratos and in SystemVerilog), not
    something the child computes: it has no value of its own. So a read is its driver, followed through inputs
    that other instances' inputs drive (``v.a`` connected to ``u.a``, ``u.a`` to ``x``, reads ``x``). The IR
    writer asks once the whole design is built, so an input connected after it was read reads its final driver,
    as any other signal does. An input nothing drives has no value to read: an error at ``reader``, the user's
    line that reads it, naming the instance and port (and the input down the chain that nothing drives).
    """
    chain: list[InstancePort] = []
    source: Signal = port
    while isinstance(source, InstancePort) and source.direction == IN:
        start = next((index for index, link in enumerate(chain) if link is source), None)  # == builds an Expr
        if start is not None:
            loop = ", ".join(link.describe() for link in chain[start:])
            raise ElaborationError(f"{port.describe()} is read, but it is driven by a loop of instance inputs that"
                                   f" drive each other ({loop}) and nothing else: connect one of them to a value",
                                   str(reader))
        chain.append(source)
        driver = source.instance.driver_of(source.name)
        if driver is None:
            how = ("nothing drives it" if source is port
                   else f"it is driven by {source.describe()}, which nothing drives")
            raise ElaborationError(f"{port.describe()} is read, but {how}: a child's input read in the parent reads"
                                   f" the value connected to it; connect one with add_child(..., {source.name}=value)"
                                   f" or {source.instance.name}.{source.name}.assign(value)", str(reader))
        source = driver
    return source


class InstancePorts(Mapping[str, InstancePort]):
    """``inst.ports``: every port of the instance by name, in port order; each made on first access."""

    __slots__ = ("_instance",)

    def __init__(self, instance: Instance):
        self._instance = instance

    def __getitem__(self, name: str) -> InstancePort:
        shape = self._instance._shape.by_name.get(name)
        if shape is None:
            raise KeyError(name)
        return self._instance._port_of(shape)

    def __iter__(self) -> Iterator[str]:
        return iter(self._instance._shape.by_name)

    def __len__(self) -> int:
        return len(self._instance._shape.by_name)

    def __contains__(self, name: object) -> bool:
        return name in self._instance._shape.by_name


type InputEntry = InstancePort | Signal | None
"""What an instance keeps for one of its inputs: the port's object once something asked for it (it holds its own
driver), else the driver ``add_child`` connected (driven at the instance's ``loc``), else None."""


class Instance:
    """A use of a child generator inside a parent: ``parent.add_child(name, child, ...)``.

    A parent holds its 50,000 instances while the design goes through MLIR, so an instance keeps as little as
    it can of its own. Per input it keeps one entry (``InputEntry``) in ``_inputs``, in the shape's input
    order; instances connected to the very same signals, as a fanout's are, share one tuple of them
    (``share_inputs``), and an instance copies it into a list of its own before its first change. The output
    ports' objects, made when something reads them, are in ``_outputs``: None, the one made, or a dict of
    those made by name. The parameter values are shared through the shape.
    """

    __slots__ = ("parent", "name", "child", "identity", "loc", "_shape", "_inputs", "_outputs")

    def __init__(self, parent: Generator, name: str, child: Generator, params: dict[str, int | Param],
                 identity: dict[str, int], loc: SourceLoc):
        self.parent = parent
        self.name = name
        self.child = child
        self.identity = identity
        self.loc = loc
        self._shape = definition_of(child).instance_shape(params, identity, loc)
        self._inputs: list[InputEntry] | tuple[InputEntry, ...] = [None] * len(self._shape.inputs)
        self._outputs: InstancePort | dict[str, InstancePort] | None = None

    def __repr__(self) -> str:
        return f"<instance '{self.name}' of '{self.child.name}'>"

    @property
    def params(self) -> dict[str, int | Param]:
        """The parameter values, shared with every instance that has the same ones (``FixedValues``)."""
        return self._shape.params

    @property
    def ports(self) -> InstancePorts:
        return InstancePorts(self)

    @property
    def absent(self) -> set[str]:
        """The conditional ports of the child that this instance does not have (their condition is false)."""
        return self._shape.absent

    def layout(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The names of the instance's input and output ports, in port order."""
        return self._shape.inputs, self._shape.outputs

    def port_shape(self, name: str) -> PortShape:
        """Direction, width, kind and signedness of port ``name``."""
        return self._shape.by_name[name]

    def shape_key(self) -> InstanceShape:
        """An object shared by instances whose ports and parameter values are the same: those of one child with
        the same parameter values, and those of children without parameters with the same plain ports
        (``shared_shape``). The IR writer keys the text it shares between them by it (with the child)."""
        return self._shape

    def _made(self, entry: object) -> TypeIs[InstancePort]:
        """Whether an ``_inputs`` entry is the port's object (not a driver, not None). Relative to this instance:
        an entry shared with a sibling may be the sibling's port object, which drives this instance's input."""
        return isinstance(entry, InstancePort) and entry.instance is self

    def share_inputs(self, previous: Instance) -> None:
        """Hold the same tuple of input entries as ``previous`` (the parent's instance made just before this one,
        ``add_child``) when every entry is the very same object: 50,000 instances all reading the parent's
        clock, reset and ``a`` then keep no list of their own (88 bytes each for three inputs)."""
        mine, theirs = self._inputs, previous._inputs
        if len(mine) == len(theirs) and all(map(operator.is_, mine, theirs)):
            if type(theirs) is list:
                theirs = previous._inputs = tuple(theirs)
            self._inputs = theirs

    def _own_inputs(self) -> list[InputEntry]:
        """The input entries as a list of this instance's own, to change one (a shared tuple is copied)."""
        entries = self._inputs
        if type(entries) is tuple:
            entries = self._inputs = list(entries)
        return entries  # type: ignore[return-value]

    def driver_of(self, name: str) -> Signal | None:
        """What drives input ``name`` (None when nothing does)."""
        entry = self._inputs[self._shape.connectable[name][0]]
        return entry.driver if self._made(entry) else entry

    def drivers(self, names: tuple[str, ...]) -> list[Signal | None]:
        """What drives each of the inputs ``names`` (None where nothing does)."""
        entries = self._inputs
        if names is not self._shape.inputs:  # some of them, or in another order
            connectable = self._shape.connectable
            entries = [entries[connectable[name][0]] for name in names]
        return [entry.driver if isinstance(entry, InstancePort) and entry.instance is self else entry  # _made, inline
                for entry in entries]

    def made_port(self, name: str) -> InstancePort | None:
        """The port object of ``name`` if something asked for it, else None (nothing can refer to it)."""
        connectable = self._shape.connectable.get(name)
        if connectable is not None:
            entry = self._inputs[connectable[0]]
            return entry if self._made(entry) else None
        return self._made_output(name)

    def port(self, name: str) -> InstancePort | BundleView | InterfaceView:
        """A port of the child seen through this instance: a signal, or a port bundle or an interface port."""
        shape = self._shape.by_name.get(name)
        if shape is not None:
            return self._port_of(shape)
        bundle = instance_bundle(self, name) or instance_interface(self, name)
        if bundle is not None:
            return bundle
        if name in self._shape.absent:
            raise fail(f"port '{name}' of instance '{self.name}' does not exist: its condition is false for this"
                       " instance's parameters")
        ports = self._shape.by_name
        raise UnknownAttributeError(f"instance '{self.name}' of '{self.child.name}' has no port '{name}'"
                                    f"{did_you_mean(name, ports)}; ports: {', '.join(ports) or 'none'}",
                                    str(user_location()))

    def _port_of(self, shape: PortShape) -> InstancePort:
        connectable = self._shape.connectable.get(shape.name)
        if connectable is None:
            return self._output_port(shape, self.loc)
        index = connectable[0]
        entry = self._inputs[index]
        if self._made(entry):
            return entry
        port = InstancePort(self, shape.name, shape.width, self.loc, shape.kind, shape.signed)
        if entry is not None:
            port.driver, port.driver_loc = entry, self.loc
        self._own_inputs()[index] = port
        return port

    def _output_port(self, shape: PortShape, loc: SourceLoc) -> InstancePort:
        """The object of output ``shape``: the one made, else a new one (made at ``loc``) kept in ``_outputs``."""
        port = self._made_output(shape.name)
        if port is None:
            port = InstancePort(self, shape.name, shape.width, loc, shape.kind, shape.signed)
            made = self._outputs
            if made is None:
                self._outputs = port
            elif isinstance(made, dict):
                made[shape.name] = port
            else:
                self._outputs = {made.name: made, shape.name: port}
        return port

    def _made_output(self, name: str) -> InstancePort | None:
        """The object of output ``name`` if something asked for it, else None (``_outputs`` holds one or a dict)."""
        made = self._outputs
        if isinstance(made, dict):
            return made.get(name)
        return made if made is not None and made.name == name else None

    def reshape(self, shape: InstanceShape, loc: SourceLoc) -> None:
        """Take the ports of ``shape`` (``Generator.replace``): the ports the instance had keep their objects
        and drivers, and the new ones (outputs only, see ``frontend/rewire.py``) are made at ``loc``."""
        kept = list(self._shape.by_name.values())
        added = [port for name, port in shape.by_name.items() if name not in self._shape.by_name]
        self._shape = InstanceShape(kept + added, shape.absent, shape.params)  # kept first: inputs stay in place
        for port in added:
            self._output_port(port, loc)

    def connect_input(self, name: str, value: object, loc: SourceLoc) -> bool:
        """Connect ``value`` (an ``add_child`` keyword's value) to input ``name`` of this instance, which
        ``add_child`` has just made; False when the child has no input of that name (then it is an output, a
        bundle, an interface or a mistake).

        The value is recorded as the port's driver when it passes every check ``Named.drive`` would make (a
        signal of the parent or of no generator, of the port's width and clock-ness, the port not driven yet,
        no clone replaying) and is no port of this instance itself: these depend on the port's shape and the
        value only, so no port object is needed. Anything else drives the port object, whose ``drive`` reports
        what is wrong.
        """
        connectable = self._shape.connectable.get(name)
        if connectable is None:
            return False
        index, clock, width = connectable
        parent = self.parent
        # A signal of the parent or of no generator, and no port of this instance: the caller's own signals
        # were all made before this instance; a port of the child may resolve to one of this instance's.
        signal = value if isinstance(value, Signal) and (value.owner is None or value.owner is parent) else None
        if signal is None:
            value = resolve(parent, value)  # a child's port object or a name (kratos); the parent's own are kept
            if isinstance(value, Signal) and (value.owner is None or value.owner is parent) and not self._made(value):
                signal = value
        entries = self._inputs  # add_child's own list: it shares the entries only once they are all connected
        if (signal is not None and entries[index] is None
                and not (REPLAYING_OWNERS and id(parent) in REPLAYING_OWNERS)
                and signal.is_clock == clock
                and (signal.width is width or same_width(signal.width, width))):
            entries[index] = signal  # type: ignore[index]
        else:
            self._port_of(self._shape.by_name[name]).drive(value, loc)  # type: ignore[arg-type]
        return True

    def __getitem__(self, name: str) -> InstancePort | BundleView | InterfaceView:
        return self.port(name)

    def _refusal(self, name: str) -> str:
        """What ``signals.setting_error`` says when user code sets ``inst.name`` (``__slots__`` refuse it)."""
        if name in self._shape.by_name:
            return (f"port '{name}' of instance '{self.name}' cannot be connected with '=': write"
                    f" .{name}.assign(value), or add_child(..., {name}=value)")
        return (f"instance '{self.name}' of '{self.child.name}' has no attribute '{name}'"
                f"{did_you_mean(name, self._shape.by_name, dir(type(self)))}; connect a port with"
                " .port.assign(value) or add_child(..., port=value)")

    def __getattr__(self, name: str) -> InstancePort | BundleView | InterfaceView:
        if name.startswith("_"):  # an unset slot while the instance is copied, or a dunder probe
            raise AttributeError(name)
        return self.port(name)

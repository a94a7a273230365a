"""Port bundles (kratos ``PortBundle``): a named group of ports with directions.

Declare the group once::

    class ReadPort(PortBundle):
        def __init__(self, width: int = 8):
            super().__init__()
            self.input("addr", 4)
            self.output("data", width)

then put it on a generator, as seen from either side::

    rd = self.port_bundle("rd", ReadPort())           # ports rd_addr (in), rd_data (out)
    mem = self.port_bundle("mem", ReadPort().flip())  # mem_addr (out), mem_data (in)
    rd.addr, rd["data"]                               # the ports themselves

and connect a whole bundle at once: ``add_child("u", child, rd=rd)`` connects
the child's bundle ``rd`` field by field, and ``self.wire(a.rd, b.mem)`` joins
two bundles (of children or of this generator). For every field one side must
produce the value (an input of this generator, an output of a child) and the
other consume it.

The ports are ordinary ports named ``<bundle>_<field>``; each one records its
bundle in the IR (``bundle``, ``bundle_field``, ``bundle_type`` entries of its
port dictionary) so that ``change-port-bundle-struct`` can turn a bundle whose
fields all go one way into a single packed-struct port.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..dialect.errors import ElaborationError, UnknownAttributeError
from ..dialect.names import did_you_mean, require_name
from ..dialect.ops import IN, OUT
from ..dialect.srcloc import SourceLoc, user_location
from .growable import growable
from .signals import InstancePort, Named, Port, Signal
from .typebase import DataType

if TYPE_CHECKING:
    from .generator import Generator, Instance

FieldWidth = int | DataType


class PortBundle:
    """A group of port declarations with directions; subclass it and declare fields in ``__init__``.

    ``name`` (default: the class name) names the packed struct that
    ``change-port-bundle-struct`` makes of it.
    """

    def __init__(self, name: str | None = None):
        self.loc = user_location()
        self.bundle_name = require_name(name or type(self).__name__, "bundle type name", self.loc)
        self.fields: dict[str, tuple[str, FieldWidth, bool]] = {}

    def _field(self, name: str, direction: str, width: FieldWidth, signed: bool) -> None:
        loc = user_location()
        require_name(name, "bundle field name", loc)
        if name in self.fields:
            raise ElaborationError(f"bundle '{self.bundle_name}' declares field '{name}' twice", str(loc))
        if not isinstance(width, DataType) and (not isinstance(width, int) or isinstance(width, bool) or width < 1):
            raise ElaborationError(f"width of bundle field '{name}' must be a positive int or a Struct/Array/Enum,"
                                   f" got {width!r}", str(loc))
        self.fields[name] = (direction, width, signed)

    def input(self, name: str, width: FieldWidth = 1, *, signed: bool = False) -> None:
        """A field that is an input of the generator the bundle is put on."""
        self._field(name, IN, width, signed)

    def output(self, name: str, width: FieldWidth = 1, *, signed: bool = False) -> None:
        """A field that is an output of the generator the bundle is put on."""
        self._field(name, OUT, width, signed)

    def flip(self) -> PortBundle:
        """The same bundle seen from the other side: inputs become outputs and outputs inputs."""
        flipped = copy.copy(self)
        flipped.fields = {name: (OUT if d == IN else IN, w, s) for name, (d, w, s) in self.fields.items()}
        return flipped


class BundleView:
    """The ports of one bundle on a generator or on a child instance, by field name."""

    def __init__(self, name: str, bundle_type: str, members: dict[str, Named], owner: str, loc: SourceLoc):
        self._name = name
        self._type = bundle_type
        self._members = members
        self._owner = owner
        self._loc = loc

    @property
    def name(self) -> str:
        return self._name

    def describe(self) -> str:
        return f"bundle '{self._name}' of {self._owner}"

    def __getattr__(self, field: str) -> Named:
        if field.startswith("_"):
            raise AttributeError(field)
        return self[field]

    def __getitem__(self, field: str) -> Named:
        members = self._members
        if field not in members:
            raise UnknownAttributeError(f"{self.describe()} has no field '{field}'{did_you_mean(field, members)};"
                                        f" fields: {', '.join(members)}", str(user_location()))
        return members[field]

    def __iter__(self) -> Iterator[str]:
        return iter(self._members)

    def items(self) -> list[tuple[str, Named]]:
        return list(self._members.items())

    def __repr__(self) -> str:
        return f"<BundleView {self.describe()}: {', '.join(self._members)}>"


def declare_bundle(gen: Generator, name: str, bundle: PortBundle) -> BundleView:
    """Add the ports of ``bundle`` to ``gen`` as ``<name>_<field>`` and record the group."""
    loc = user_location()
    if not isinstance(bundle, PortBundle):
        raise ElaborationError(f"port_bundle() expects a PortBundle, got {type(bundle).__name__}", str(loc))
    require_name(name, "bundle name", loc)
    if name in gen.bundles:
        raise ElaborationError(f"bundle '{name}' is already declared in '{gen.name}'", str(loc))
    if not bundle.fields:
        raise ElaborationError(f"bundle '{bundle.bundle_name}' has no fields", str(loc))
    members: dict[str, Named] = {}
    for field, (direction, width, signed) in bundle.fields.items():
        maker = gen.input if direction == IN else gen.output
        port = maker(f"{name}_{field}", width, signed=signed)
        members[field] = port
        growable(gen, "bundle_ports", dict)[port.name] = (name, field, bundle.bundle_name)
    view = BundleView(name, bundle.bundle_name, members, f"'{gen.name}'", loc)
    growable(gen, "bundles", dict)[name] = view
    return view


def instance_bundle(inst: Instance, name: str) -> BundleView | None:
    """The view of a child's bundle ``name`` through instance ``inst`` (None: the child has no such bundle)."""
    child_view = inst.child.bundles.get(name)
    if child_view is None:
        return None
    members: dict[str, Named] = {}
    for field, port in child_view.items():
        if port.name in inst.ports:
            members[field] = inst.ports[port.name]
    return BundleView(name, child_view._type, members, f"instance '{inst.name}'", inst.loc)


def _role(signal: Named, gen: Generator) -> str | None:
    """"source" when ``gen`` reads the signal (its own input, a child's output), "sink" when it drives it."""
    if isinstance(signal, InstancePort):
        return "source" if signal.direction == OUT else "sink"
    if isinstance(signal, Port) and signal.owner is gen:
        return "source" if signal.direction == IN else "sink"
    return None


def connect_bundles(gen: Generator, first: BundleView, second: BundleView, loc: SourceLoc) -> None:
    """Connect two bundles field by field; each field needs one side that produces and one that consumes."""
    missing = [f for f in first if f not in second._members] + [f for f in second if f not in first._members]
    if missing:
        side = second if missing[0] in first._members else first
        raise ElaborationError(f"cannot connect {first.describe()} to {second.describe()}: {side.describe()} has no"
                               f" field '{missing[0]}'", str(loc))
    for field, a in first.items():
        b = second[field]
        roles = (_role(a, gen), _role(b, gen))
        if roles == ("source", "sink"):
            _drive(b, a, field, loc)
        elif roles == ("sink", "source"):
            _drive(a, b, field, loc)
        else:
            what = "both produce a value" if roles == ("source", "source") else "both need a driver" \
                if roles == ("sink", "sink") else "do not belong to this generator or its children"
            raise ElaborationError(f"cannot connect field '{field}' of {first.describe()} to {second.describe()}:"
                                   f" {a.describe()} and {b.describe()} {what}; flip() one of the bundles", str(loc))


def _drive(sink: Named, source: Signal, field: str, loc: SourceLoc) -> None:
    try:
        sink.assign(source)
    except ElaborationError as error:
        raise ElaborationError(f"field '{field}': {error.message}", str(loc), error.notes) from None


def bundle_attributes(gen: Generator, port: Port) -> str:
    """The extra port-dictionary entries of a bundle member (``""`` for other ports)."""
    entry = gen.bundle_ports.get(port.name)
    if entry is None:
        return ""
    name, field, bundle_type = entry
    return f', bundle = "{name}", bundle_field = "{field}", bundle_type = "{bundle_type}"'

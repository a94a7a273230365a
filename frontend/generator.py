"""The ``Generator`` base class: a Python class that describes a hardware module.

A generator object is one module definition. Its ``__init__`` declares ports,
parameters, vars and registers, wires them with Python operators and adds
child instances. ``add_child`` can use the same child generator many times:
every use is an instance of one definition.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ..dialect.conditions import evaluate, parse_condition
from ..dialect.errors import ElaborationError, KeywordNameWarning, UnknownAttributeError, warn_at
from ..dialect.names import SYSTEMVERILOG_KEYWORDS, did_you_mean, keyword_rename, require_name
from ..dialect.ops import IN, OUT, Direction
from ..dialect.srcloc import SourceLoc, user_location
from .array_decls import ArraySize, array_width
from .attributes import attribute_pair
from .bundles import BundleView, connect_bundles, declare_bundle
from .clones import CloneSupport, begin_init, check_editable
from .connect import drivable_root, orient, resolve
from .fsm import FSM, declare_fsm
from .growable import NO_ENTRIES, NO_ITEMS, growable
from .instances import NO_VALUES, FixedValues, Instance, InstanceShape, shared_shape
from .interfaces import (
    InterfaceInstance,
    InterfaceView,
    connect_interfaces,
    connect_keyword,
    declare_interface,
    operand_is_interface,
)
from .kratos_api import KratosSpellings, PortType, reset_style
from .memory import Memory, declare_memory
from .params import Condition, Param, as_condition
from .procedural import add_always, add_stmt, combinational, sequential, wrap_init
from .rewire import replace_child
from .signals import (
    Named,
    Operand,
    Port,
    PortKind,
    PortShape,
    Reg,
    Signal,
    Var,
    Width,
    coerce,
    fail,
    same_width,
)
from .typebase import DataType

RESERVED_KEYWORDS = {"params", "identity"}


class Namespace:
    """Attribute and item access to a name -> object mapping (``gen.ports.clk``, ``gen.ports["clk"]``)."""

    def __init__(self, items: Mapping[str, Any], what: str):
        object.__setattr__(self, "_items", items)
        object.__setattr__(self, "_what", what)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._items[name]
        except KeyError:
            raise UnknownAttributeError(f"no {self._what} named {name!r}{did_you_mean(name, self._items)}; known:"
                                        f" {', '.join(self._items) or 'none'}", str(user_location())) from None

    def __getitem__(self, name: str) -> Any:
        return self.__getattr__(name)

    def __contains__(self, name: str) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


def _substitute_width(width: Width, params: dict[str, int | Param], identity: dict[str, int], loc: SourceLoc,
                      child: Generator) -> Width:
    """A port's width for an instance: an identity parameter's from ``identity``, the others' from ``params``."""
    if not isinstance(width, Param):
        return width
    value = (identity if width.identity else params).get(width.name, width.default)
    if value is None:
        raise ElaborationError(f"parameter '{width.name}' of '{child.name}' has no default and is not set",
                               str(loc))
    return value


class Generator(KratosSpellings, CloneSupport):
    """Base class of hardware generators (one object = one module definition).

    Subclasses call ``super().__init__(name)`` first, then declare the
    interface and logic. ``name`` defaults to the class name. Generators
    meant for ``create`` take ``is_clone=False`` and pass it on (see
    ``frontend/clones.py`` for ``create``, ``clone`` and ``initialize_clone``).
    ``debug`` is kratos's switch for recording source lines: loom always
    records them, so it is kept as an attribute and changes nothing.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Subclass ``__init__``s translate the ``@always_comb`` / ``@always_ff`` methods when they return."""
        super().__init_subclass__(**kwargs)

        wrap_init(cls)

    def __init__(self, name: str | None = None, debug: bool = False, is_clone: bool = False):
        if begin_init(self, name, is_clone):
            return  # a clone: it shares its definition's design (frontend/clones.py)
        self.debug = debug
        self.loc = user_location(2)
        self.name = require_name(name or type(self).__name__, "module name", self.loc)
        self.is_clone = is_clone
        self._names: dict[str, SourceLoc] = {}
        self.port_list: list[Port] = []
        # The tables most generators leave empty start as the shared empty ones (``growable``).
        self.params: Mapping[str, Param] = NO_ENTRIES
        self.vars: Sequence[Var] = NO_ITEMS
        self.registers: list[Reg] = []
        self.children: Sequence[Instance] = NO_ITEMS
        self._child_names: Mapping[str, Instance] = NO_ENTRIES
        self._shapes: Mapping[tuple[object, ...], InstanceShape] = NO_ENTRIES
        self._plain_shape: tuple[int, InstanceShape | None] | None = None
        """The shape of a generator without parameters (``instance_shape``) and its port count then."""
        self.attributes: Mapping[str, str] = NO_ENTRIES
        """Generator attributes (kratos ``add_attribute``): type string -> value string."""
        self.bundles: Mapping[str, Any] = NO_ENTRIES  # name -> frontend.bundles.BundleView
        self.bundle_ports: Mapping[str, tuple[str, str, str]] = NO_ENTRIES  # port -> (bundle, field, bundle type)
        # Memories, FSMs and interface instances, written after the registers (frontend/emit.py).
        self.statements: Sequence[FSM | Memory | InterfaceInstance] = NO_ITEMS

    # -- declarations --------------------------------------------------------

    def _claim(self, name: str, what: str, loc: SourceLoc | None = None) -> SourceLoc:
        """Reserve ``name``; ``loc`` is the declaring call's line (found here when not given).

        The declaring methods find it themselves with ``user_location(2)``: the search starts at their
        caller, usually the user's frame, and every frame it passes costs (Python makes a frame object for
        it; a tenth of the build of 10,000 small modules went to finding lines). An instance's name is
        recorded by ``add_child``, in ``_child_names`` only: a parent of 50,000 instances would hold a
        second table of their names (2 MB) in ``_names``."""
        if loc is None:
            loc = user_location(2)
        interface = what in ("port", "parameter")
        require_name(name, f"{what} name", loc, interface)
        renamed = None if interface or name not in SYSTEMVERILOG_KEYWORDS else keyword_rename(name, what)
        if renamed is not None:
            warn_at(KeywordNameWarning, renamed, loc.file, loc.line)
        if self._declares(name):
            first = self._names.get(name) or self._child_names[name].loc
            raise ElaborationError(f"'{name}' is already declared in '{self.name}'", str(loc),
                                   (f"first declared at {first}",))
        if what != "instance":
            self._names[name] = loc
        return loc

    def _declares(self, name: str) -> bool:
        """Whether ``name`` is declared here (a port, parameter, var, register, instance, ...)."""
        return name in self._names or name in self._child_names

    def _declared_names(self) -> set[str]:
        """Every name declared here."""
        return self._names.keys() | self._child_names.keys()

    def _check_width(self, width: Width, loc: SourceLoc) -> None:
        if isinstance(width, Param):
            if width.owner is not self:
                raise ElaborationError(f"width parameter '{width.name}' belongs to '{width.owner.name}'", str(loc))
            return
        if isinstance(width, DataType):
            return
        if not isinstance(width, int) or isinstance(width, bool) or width < 1:
            raise ElaborationError(f"width must be a positive int, a parameter or a Struct/Array/Enum, got {width!r}",
                                   str(loc))

    def _port(self, name: str, direction: Direction, width: Width, when: Condition | Param | str | None,
              kind: PortKind, loc: SourceLoc, signed: bool = False, **flags: bool) -> Port:
        self._claim(name, "port", loc)
        self._check_width(width, loc)
        if name in RESERVED_KEYWORDS:
            raise ElaborationError(f"port name {name!r} is reserved (it is a keyword of add_child)", str(loc))
        condition = as_condition(when) if when is not None else None
        port = Port(self, name, direction, width, loc, condition, kind, signed, **flags)
        self.port_list.append(port)
        return port

    def input(self, name: str, width: Width = 1, port_type: PortType | None = None, *, signed: bool = False,
              when: Condition | Param | str | None = None, is_signed: bool = False, size: ArraySize = None,
              packed: bool = False, explicit_array: bool = False) -> Port:
        """An input port; ``when`` makes it conditional on parameters.

        kratos's ``port_type`` (``PortType.Clock``, ...) and ``is_signed`` are accepted (frontend/kratos_api.py),
        and its array keywords ``size``/``packed``/``explicit_array`` (frontend/array_decls.py).
        """
        loc = user_location(2)
        width = array_width(width, size, packed, explicit_array, loc)
        typed = self.typed_input(name, width, port_type, signed or is_signed)
        if typed is not None:
            return typed
        return self._port(name, IN, width, when, PortKind.DATA, loc, signed or is_signed)

    def output(self, name: str, width: Width = 1, port_type: PortType | None = None, *, signed: bool = False,
               when: Condition | Param | str | None = None, is_signed: bool = False, size: ArraySize = None,
               packed: bool = False, explicit_array: bool = False) -> Port:
        """An output port; ``when`` makes it conditional on parameters (``is_signed``: kratos's ``signed``;
        ``size``/``packed``/``explicit_array``: kratos's array declaration, frontend/array_decls.py)."""
        if port_type not in (None, PortType.Data):
            raise fail(f"output '{name}' cannot be a {getattr(port_type, 'name', port_type)} port: loom's clocks,"
                       " resets and clock enables are inputs")
        loc = user_location(2)
        width = array_width(width, size, packed, explicit_array, loc)
        return self._port(name, OUT, width, when, PortKind.DATA, loc, signed or is_signed)

    def clock(self, name: str = "clk", is_input: bool = True) -> Port:
        """A clock input; registers use it when it is the generator's only clock."""
        self._require_input(name, is_input)
        return self._port(name, IN, 1, None, PortKind.CLOCK, user_location(2))

    def reset(self, name: str = "rst", is_input: bool = True, *, asynchronous: bool | None = None,
              active_low: bool | None = None, is_async: bool | None = None, active_high: bool | None = None) -> Port:
        """A reset input; registers use it when it is the generator's only reset.

        Synchronous and active-high unless ``asynchronous=True`` / ``active_low=True``. kratos spells these
        ``is_async`` / ``active_high`` and its default is asynchronous: pass ``is_async=True`` for kratos's
        hardware.
        """
        self._require_input(name, is_input)
        asynchronous, active_low = reset_style(name, asynchronous, active_low, is_async, active_high)
        return self._port(name, IN, 1, None, PortKind.RESET, user_location(2), active_low=active_low,
                          asynchronous=asynchronous)

    def _require_input(self, name: str, is_input: bool) -> None:
        if not is_input:
            raise fail(f"'{name}': loom's clocks and resets are inputs (is_input=False is not supported); drive an"
                       " output from the input instead", user_location(2))

    def clock_en(self, name: str = "clk_en", is_input: bool = True) -> Port:
        """A clock-enable input (kratos ``clock_en``): auto-insert-clock-enable gates registers with it.

        Recorded as the generator attribute ``clock_enable`` = the port's name.
        """
        self._require_input(name, is_input)
        port = self._port(name, IN, 1, None, PortKind.CLOCK_ENABLE, user_location(2))
        growable(self, "attributes", dict)["clock_enable"] = name
        return port

    def param(self, name: str, default: int | None = None, *, width: int = 32, identity: bool = False) -> Param:
        """A module parameter (a SystemVerilog parameter or one module per value, as the lowering decides).

        ``identity=True`` declares an identity parameter: instances set it with
        ``add_child(..., identity={name: value})``; it names the instance and only
        splits the module when the body actually reads it.
        """
        loc = self._claim(name, "parameter", user_location(2))
        if default is not None and (not isinstance(default, int) or not 0 <= default < (1 << width)):
            raise ElaborationError(f"default of parameter '{name}' must be an int in [0, 2**{width}), got"
                                   f" {default!r}", str(loc))
        param = Param(self, name, default, width, identity, loc)
        growable(self, "params", dict)[name] = param
        return param

    def var(self, name: str, width: Width = 1, *, signed: bool = False, is_signed: bool = False,
            size: ArraySize = None, packed: bool = False, explicit_array: bool = False) -> Var:
        """A named wire; drive it once with ``var.assign(expr)`` or ``self.wire(var, expr)`` (``is_signed``:
        kratos's spelling of ``signed``; ``size``/``packed``/``explicit_array``: kratos's array declaration,
        unpacked unless ``packed=True``, frontend/array_decls.py)."""
        loc = self._claim(name, "var", user_location(2))
        width = array_width(width, size, packed, explicit_array, loc)
        self._check_width(width, loc)
        var = Var(self, name, width, loc, signed or is_signed)
        growable(self, "vars", list).append(var)
        return var

    def reg(self, name: str, width: Width = 1, *, clock: Signal | None = None, reset: Signal | bool | None = None,
            reset_value: int = 0, enable: Operand | None = None, signed: bool = False) -> Reg:
        """A register; ``reg.assign(next)`` sets the value it takes at each clock edge.

        ``clock`` and ``reset`` default to the generator's only clock and reset
        ports (``reset=False`` for none). A reset port declared with
        ``asynchronous=True`` or ``active_low=True`` behaves that way. When
        ``enable`` is low the register keeps its value.
        """
        loc = self._claim(name, "register", user_location(2))
        self._check_width(width, loc)
        if isinstance(width, DataType) and not width.packed:
            raise ElaborationError(f"register '{name}' cannot be an {width.describe()}: declare a var and assign it"
                                   " (or its elements) in an @always_ff block", str(loc))
        if hasattr(type(reset_value), "__index__") and not isinstance(reset_value, int):
            reset_value = reset_value.__index__()  # an enum value
        clock_signal = clock if clock is not None else self._only_port(PortKind.CLOCK, loc)
        if not clock_signal.is_clock:
            raise ElaborationError(f"{clock_signal.describe()} is not a clock; declare it with clock()", str(loc))
        reset_signal: Signal | None
        if reset is None:
            resets = [p for p in self.port_list if p.kind == PortKind.RESET]
            reset_signal = resets[0] if len(resets) == 1 else None
        elif reset is False:
            reset_signal = None
        elif isinstance(reset, Signal):
            reset_signal = reset
        else:
            raise ElaborationError(f"reset must be a 1-bit signal or False, got {reset!r}", str(loc))
        if reset_signal is not None and not same_width(reset_signal.width, 1):
            raise ElaborationError(f"reset {reset_signal.describe()} must be 1 bit wide", str(loc))
        enable_signal = None
        if enable is not None:
            enable_signal = coerce(enable, clock_signal, "enable", loc)
            if not same_width(enable_signal.width, 1):
                raise ElaborationError(f"enable {enable_signal.describe()} must be 1 bit wide", str(loc))
        register = Reg(self, name, width, loc, clock_signal, reset_signal, reset_value, enable_signal, signed)
        if isinstance(width, Param):
            _check_parametric_reset(register, width, loc)
        else:
            coerce(reset_value, register, "reset value", loc)
        self.registers.append(register)
        return register

    def _only_port(self, kind: PortKind, loc: SourceLoc) -> Port:
        ports = [p for p in self.port_list if p.kind == kind]
        if len(ports) != 1:
            found = "none" if not ports else ", ".join(p.name for p in ports)
            raise ElaborationError(f"'{self.name}' needs exactly one {kind} port to pick by default (found: {found});"
                                   f" pass {kind}= explicitly", str(loc))
        return ports[0]

    # -- attributes ----------------------------------------------------------

    def add_attribute(self, type_str: Any, value_str: str = "") -> None:
        """Attach an attribute that passes read (kratos): ``add_attribute("pipeline", "2")``.

        kratos's forms work too: one ``"key=value"`` string, or an attribute object with ``type_str`` and
        ``value_str`` (a ``kratos.Attribute`` subclass), see ``frontend/attributes.py``.
        Stored on the ``loom.module`` as ``user_attributes = {type_str = "value_str"}``
        (docs/ir-conventions.md); adding a type string again replaces its value.
        Known ones: ``pipeline``/``pipeline_clk`` (insert-pipeline-stages),
        ``zero_inputs`` (zero-generator-inputs), ``dont_touch``
        (auto-insert-clock-enable), ``stub`` (zero-out-stubs).
        """
        key, value = attribute_pair(type_str, value_str, user_location())
        growable(self, "attributes", dict)[key] = value

    @property
    def is_stub(self) -> bool:
        """A stub keeps its interface only: zero-out-stubs drives its outputs with 0 (kratos)."""
        return "stub" in self.attributes

    @is_stub.setter
    def is_stub(self, value: bool) -> None:
        if value:
            growable(self, "attributes", dict)["stub"] = ""
        else:
            growable(self, "attributes", dict).pop("stub", None)

    @property
    def external(self) -> bool:
        """An external module is instantiated from outside the design (kratos): like the top, it keeps every
        parameter it declares in its SystemVerilog header, read or not."""
        return "external" in self.attributes

    @external.setter
    def external(self, value: bool) -> None:
        if value:
            growable(self, "attributes", dict)["external"] = ""
        else:
            growable(self, "attributes", dict).pop("external", None)

    # -- structure -----------------------------------------------------------

    def port_bundle(self, name: str, bundle: Any) -> Any:
        """Add a ``PortBundle``'s ports as ``<name>_<field>``; returns the bundle's view (``frontend/bundles.py``)."""
        return declare_bundle(self, name, bundle)

    def interface(self, interface: Any, name: str, is_port: bool = False) -> Any:
        """An instance of an ``Interface`` (``Bus bus();``), or with ``is_port=True`` a port of one of its
        modports (or of the whole interface when all its members are ports); ``frontend/interfaces.py``."""
        return declare_interface(self, interface, name, is_port)

    def memory(self, name: str, width: Any, depth: int, *, init: Any = None) -> Any:
        """A register array of ``depth`` words with write and read ports (``frontend/memory.py``)."""
        return declare_memory(self, name, width, depth, init)

    def fsm(self, name: str, *, clock: Signal | None = None, reset: Signal | None = None) -> Any:
        """A finite state machine (``frontend/fsm.py``); kratos spells it ``add_fsm`` (frontend/kratos_api.py)."""
        return declare_fsm(self, name, clock, reset)


    def wire(self, destination: Signal, source: Operand, *, comment: str = "") -> None:
        """Continuous assignment ``destination = source`` (kratos spelling of ``destination.assign``).

        As in kratos the order may be swapped when only one side can be driven (``wire(child.out, y)``),
        a child's own port objects stand for its instance's ports (``wire(child.in_, x)``), and bits or
        slices may be driven (``wire(o[0], i[1])``): see ``frontend/connect.py``. Two port bundles are
        connected field by field. ``comment`` is accepted for kratos code and not emitted.
        """
        check_editable(self)  # an uninitialised clone: say so, not "belongs to another generator"
        del comment
        if operand_is_interface(destination, source):
            connect_interfaces(self, destination, source, user_location())
            return
        if isinstance(destination, BundleView) and isinstance(source, BundleView):
            connect_bundles(self, destination, source, user_location())
            return
        target, value = orient(self, resolve(self, destination), resolve(self, source))
        target.assign(value)

    def add_child(self, name: str, child: Generator, params: dict[str, int | Param] | None = None,
                  identity: dict[str, int] | None = None, **connections: Operand) -> Instance:
        """Instantiate ``child`` as ``name``; keyword arguments connect its ports.

        An input port takes a signal of this generator or an int; an output
        port names the var or output of this generator that it drives. As in
        kratos, a string names a port, var or register of this generator, a
        keyword naming a parameter of the child (and no port) sets it, and
        ``comment="..."`` (when the child has no port called ``comment``) is
        accepted and not emitted.
        """
        loc = self._claim(name, "instance", user_location(2))
        if not isinstance(child, Generator):
            raise ElaborationError(f"add_child() expects a Generator, got {type(child).__name__}", str(loc))
        if child is self:
            raise ElaborationError(f"generator '{self.name}' cannot instantiate itself", str(loc))
        params = dict(params or {})
        if "comment" in connections and isinstance(connections["comment"], str) and not any(
                p.name == "comment" for p in child.port_list):
            del connections["comment"]  # kratos's instance comment: accepted, not emitted
        if not connections.keys().isdisjoint(child.params):
            for key in [k for k in connections if k in child.params and not any(p.name == k for p in child.port_list)]:
                # kratos sets child parameters with keywords too
                params[key] = self._check_child_param(child, key, connections.pop(key), identity=False, loc=loc)
        for key, param_value in params.items():
            self._check_child_param(child, key, param_value, identity=False, loc=loc)
        identity = FixedValues(identity) if identity else NO_VALUES
        for key, identity_value in identity.items():
            self._check_child_param(child, key, identity_value, identity=True, loc=loc)
        instance = Instance(self, name, child, params, identity, loc)
        # The tables are the generator's own after its first child (``growable`` asks for __dict__: slow).
        children, names = self.children, self._child_names
        (children if type(children) is list else growable(self, "children", list)).append(instance)
        (names if type(names) is dict else growable(self, "_child_names", dict))[name] = instance

        for port_name, value in connections.items():
            if instance.connect_input(port_name, value, loc):
                continue
            port = instance.port(port_name)
            source = resolve(self, value)
            if isinstance(port, InterfaceView):
                connect_keyword(self, port, source, loc)
                continue
            if isinstance(port, BundleView):
                if not isinstance(source, BundleView):
                    got = source.describe() if isinstance(source, Signal) else repr(source)
                    raise ElaborationError(f"bundle '{port_name}' of instance '{name}' must be connected to a port"
                                           f" bundle, got {got}", str(loc))
                connect_bundles(self, port, source, loc)
                continue
            if isinstance(source, Named) and source.owner is self:
                source.drive(port, loc)
            elif isinstance(source, Signal) and drivable_root(self, source) is not None:
                source.assign(port)  # a bit or slice of a var or output
            else:
                got = source.describe() if isinstance(source, Signal) else repr(source)
                raise ElaborationError(f"output '{port_name}' of instance '{name}' must be connected to a var or"
                                       f" output port of '{self.name}', got {got}", str(loc))
        siblings = self.children
        if len(siblings) > 1:
            instance.share_inputs(siblings[-2])  # connected to the same signals as the one before: one tuple
        return instance

    def replace(self, child_instance_name: str, new_child: Generator) -> Instance:
        """Make instance ``child_instance_name`` use ``new_child``, keeping its connections (kratos ``replace``).

        ``new_child`` needs the old child's ports (same direction, width,
        signedness); see ``frontend/rewire.py``.
        """
        return replace_child(self, child_instance_name, new_child)

    def _check_child_param(self, child: Generator, key: str, value: object, identity: bool,
                           loc: SourceLoc) -> int | Param:
        """``value`` for parameter ``key`` of ``child``: an int that fits it, or (not for an identity parameter)
        a parameter of this generator."""
        declared = child.params.get(key)
        kind = "identity parameter" if identity else "parameter"
        if declared is None or declared.identity != identity:
            known = [p.name for p in child.params.values() if p.identity == identity]
            raise ElaborationError(f"'{child.name}' has no {kind} '{key}' (known: {', '.join(known) or 'none'})",
                                   str(loc))
        if isinstance(value, Param) and not identity:
            if value.owner is not self:
                raise ElaborationError(f"parameter value '{value.name}' belongs to '{value.owner.name}'", str(loc))
            return value
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < (1 << declared.width):
            raise ElaborationError(f"{kind} '{key}' of '{child.name}' must be an int in [0, 2**{declared.width}),"
                                   f" got {value!r}", str(loc))
        return value

    # -- procedural blocks (frontend/procedural.py, frontend/statements.py) -----

    def add_always(self, block: Any, **arguments: Any) -> Any:
        """Translate a block now (kratos ``add_always``): a decorated method, a decorated local function, or a
        bare function (always_comb); keyword arguments bind the block's parameters to Python values.

        Once a generator calls it, only the blocks it adds become hardware; without it, every decorated
        method is translated when ``__init__`` returns.
        """
        return add_always(self, block, arguments)

    add_code = add_always
    """kratos's other name for ``add_always``."""

    def combinational(self) -> Any:
        """A new ``always_comb`` block to fill with builder statements (``block.add_stmt(...)``)."""
        return combinational(self)

    def sequential(self, *edges: Any) -> Any:
        """A new ``always_ff`` block on ``(posedge, clk)`` to fill with builder statements."""
        return sequential(self, edges)

    def add_stmt(self, *statements: Any) -> None:
        """Place builder assignments (``loom.assign(dst, src)``) at module level: continuous assignments."""
        add_stmt(self, statements)

    # -- queries -------------------------------------------------------------

    @property
    def ports(self) -> Namespace:
        return Namespace({p.name: p for p in self.port_list}, "port")

    @property
    def child_instances(self) -> Namespace:
        return Namespace(self._child_names, "instance")

    def instance_shape(self, params: dict[str, int | Param], identity: dict[str, int],
                       loc: SourceLoc) -> InstanceShape:
        """The ports an instance with these parameter values has (name, direction, width, kind, signed),
        and the names of the absent conditional ports.

        Memoised per parameter values: a generator instantiated 50,000 times
        has a handful of distinct shapes. Identity values only matter to port
        conditions and to widths given by an identity parameter, so without such
        ports they are not part of the key (every tile of a mesh has its own). A
        generator without parameters whose ports are plain gets the shape every
        such generator with the same ports shares (``instances.shared_shape``), kept in ``_plain_shape``, not
        in a table of shapes of its own (10,000 distinct leaves instantiated once each).
        """
        if not self.params:  # then an instance gives no values either (add_child checks them)
            plain, count = self._plain_shape, len(self.port_list)
            if plain is None or plain[0] != count:  # a port added since: the ports are another shape
                plain = self._plain_shape = (count, shared_shape(self.port_list))
            if plain[1] is not None:
                return plain[1]
        key: tuple[object, ...] = (len(self.port_list), tuple(params.items()))
        cached = self._shapes.get(key)
        if cached is not None:
            return cached
        if any(port.condition is not None or (isinstance(port.width, Param) and port.width.identity)
               for port in self.port_list):
            key = (*key, tuple(identity.items()))
            cached = self._shapes.get(key)
            if cached is not None:
                return cached
        values = self.parameter_values(params, identity, loc)
        ports: list[PortShape] = []
        absent: set[str] = set()
        for port in self.port_list:
            if port.condition is not None and not self.condition_holds(port.condition, values):
                absent.add(port.name)
                continue
            width = _substitute_width(port.width, params, identity, loc, self)
            ports.append(PortShape(port.name, port.direction, width, port.kind, port.signed))
        fixed = FixedValues(params) if params else NO_VALUES
        shape = growable(self, "_shapes", dict)[key] = InstanceShape(ports, absent, fixed)
        return shape

    def parameter_values(self, params: dict[str, int | Param], identity: dict[str, int],
                         loc: SourceLoc) -> dict[str, int]:
        """Concrete values for the parameters that are known (a parent parameter is not)."""
        values: dict[str, int] = {}
        for param in self.params.values():
            given = identity.get(param.name) if param.identity else params.get(param.name)
            value = given if given is not None else param.default
            if isinstance(value, int):
                values[param.name] = value
        return values

    def condition_holds(self, condition: Condition, values: dict[str, int]) -> bool:
        """Whether a port condition holds; True when it depends on a value only known later."""
        try:
            return bool(evaluate(parse_condition(condition.text), values))
        except KeyError:
            return True

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


def _check_parametric_reset(register: Reg, width: Param, loc: SourceLoc) -> None:
    """A reset value at a parametric width: a non-negative int that fits the default width (each instance's width
    is checked when the module is specialised; with keep_parameters it is a size cast, ``W'(value)``)."""
    value = register.reset_value
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ElaborationError(f"reset value of {register.describe()} must be a non-negative int, got {value!r}",
                               str(loc))
    if width.default is not None and value >= 1 << width.default:
        raise ElaborationError(f"reset value {value} of {register.describe()} does not fit in {width.name} ="
                               f" {width.default} bits (the default)", str(loc))

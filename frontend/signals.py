"""Signals and the expressions built from them with Python operators.

Every node remembers the generator it belongs to and the user's source line.
Operators check widths and ownership eagerly, so mistakes are reported at the
line that made them, not when the design is emitted. ``__bool__`` raises:
Python's ``and``/``or``/``not``/``if`` cannot be overloaded and would silently
build wrong hardware.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, NoReturn, Union

from ..dialect.errors import ElaborationError, LoomError, UnknownAttributeError
from ..dialect.names import did_you_mean, unknown_attribute
from ..dialect.ops import IN, OUT, Direction
from ..dialect.srcloc import SourceLoc, raising_location, user_location
from .attributes import attribute_pair
from .clone_state import REPLAYING_OWNERS
from .params import Condition, Param
from .typebase import DataType

if TYPE_CHECKING:
    from .generator import Generator, Instance

Width = int | Param | DataType
Operand = Union["Signal", int, Param, Condition]


def fail(message: str, loc: SourceLoc | None = None) -> ElaborationError:
    """An ElaborationError located at ``loc`` or at the user's current line."""
    return ElaborationError(message, str(loc or user_location(2)))


def width_text(width: Width) -> str:
    return width.name if isinstance(width, Param) else str(width)


def sized(width: Width) -> str:
    """``8-bit``, ``W-bit`` or ``struct 'pixel_t'``: a width as error messages show it."""
    return width.describe() if isinstance(width, DataType) else f"{width_text(width)}-bit"


def same_width(first: Width, second: Width) -> bool:
    """Whether two widths are equal; a parametric width equals only the same parameter.

    ``==`` on a ``Param`` builds a port condition (which has no truth value),
    so widths must never be compared with ``==``/``!=`` directly.
    """
    if isinstance(first, Param) or isinstance(second, Param):
        return first is second
    return first == second


type _Operator = Callable[["Signal", "Operand"], "Expr"]


def _binary_operators(op: str) -> tuple[_Operator, _Operator]:
    """The methods of a binary operator (``a + b``) and of its reflected form (``1 + a``), which make the
    comb/hw operation ``op``.

    One function per operator, not a shared helper each operator calls: the operators build every
    expression of a design, and the helper's call added about 800 interpreter instructions to each
    (docs/architecture.md, "Frontend call costs")."""

    def operator(reverse: bool) -> _Operator:
        def method(self: Signal, other: Operand) -> Expr:
            loc = user_location(2)  # the operator's caller: found once for the constant and the result
            # Positional arguments: keywords cost more (docs/architecture.md, "Frontend call costs").
            lhs, rhs = coerce_pair(self, other, op, False, loc)
            if reverse:
                lhs, rhs = rhs, lhs
            return Expr(op, (lhs, rhs), lhs.width, lhs.signed and rhs.signed, (), loc)

        method.__name__ = f"__{'r' if reverse else ''}{op}__"
        method.__qualname__ = f"Signal.{method.__name__}"
        return method

    return operator(False), operator(True)


class Signal:
    """Base of everything that carries a value in a generator."""

    __slots__ = ("owner", "width", "loc", "signed")
    __hash__ = object.__hash__

    def __repr__(self) -> str:
        """Messages and debuggers show what the signal is (``<input port 'a' of 'Top'>``), never an address."""
        return f"<{self.describe()}>"

    def __init__(self, owner: Generator | None, width: Width, loc: SourceLoc, signed: bool = False):
        self.owner = owner
        self.width = width
        self.loc = loc
        self.signed = signed

    # -- description -------------------------------------------------------

    def describe(self) -> str:
        """How error messages name this signal."""
        return "expression"

    is_clock: bool = False
    """Whether it is a clock. Not a property: every operator and connection asks it of its operands, and a
    property is a call. The signals that can be clocks (ports) set it from their kind when they are made."""

    def __getattr__(self, name: str) -> Signal:
        """``s.field`` of a struct-typed signal (``frontend.types``); AttributeError otherwise."""
        if name.startswith("_"):
            raise AttributeError(name)
        width = self.width
        if isinstance(width, DataType):
            return width.member(self, name)
        raise unknown_attribute(self.describe(), name, dir(type(self)), user_location())

    def _refusal(self, name: str) -> str:
        """What ``setting_error`` says when user code sets ``self.name`` (every signal class has
        ``__slots__``): a located error in a generator's ``__init__`` (frontend/procedural.py)."""
        if name in _fields(self):
            return f"field '{name}' of {self.describe()} cannot be set with '=': drive it with .{name}.assign(value)"
        return (f"{self.describe()} has no attribute '{name}'{attribute_hint(self, name)}; signals take no new"
                " attributes (drive one with .assign(value))")

    def bits(self) -> Signal:
        """The signal as plain bits (a struct or array becomes an integer of the same width)."""
        width = self.width
        return width.bits_of(self) if isinstance(width, DataType) else self

    # -- Python truthiness -------------------------------------------------

    def __bool__(self) -> bool:
        raise fail(f"{self.describe()} has no Python truth value: Python's 'and', 'or', 'not' and 'if' cannot build"
                   " hardware; use '&', '|', '~' or mux(cond, a, b) instead")

    # -- operators -----------------------------------------------------------

    # The operators that combine two values of one width, and their reflected forms (``1 + a``).
    __add__, __radd__ = _binary_operators("add")
    __sub__, __rsub__ = _binary_operators("sub")
    __mul__, __rmul__ = _binary_operators("mul")
    __and__, __rand__ = _binary_operators("and")
    __or__, __ror__ = _binary_operators("or")
    __xor__, __rxor__ = _binary_operators("xor")

    def __invert__(self) -> Expr:
        check_data(self, "~")
        ones = Const(all_ones(self.width, "~"), self.width, self.loc)
        return Expr("xor", (self, ones), self.width, signed=self.signed)

    def __neg__(self) -> Expr:
        check_data(self, "-")
        return Expr("sub", (Const(0, self.width, user_location()), self), self.width, signed=self.signed)

    def _shift(self, op: str, amount: Operand) -> Expr:
        check_data(self, op)
        if isinstance(amount, int) and amount < 0:
            raise fail(f"shift amount must not be negative, got {amount}")
        if isinstance(amount, int) and not isinstance(amount, bool) and isinstance(self.width, int):
            # The constant gets enough bits to hold it: shifting by >= width is legal and gives 0 (or the sign).
            amount = Const(amount, max(self.width, amount.bit_length()), user_location())
        lhs, rhs = coerce_pair(self, amount, op, allow_width_mismatch=True)
        if isinstance(lhs.width, int) and isinstance(rhs.width, int) and rhs.width > lhs.width:
            # Truncating the amount would turn a shift by 2**k into a shift by 0: shift by the low bits and
            # select the fill (0, or the sign for >>) when the amount is >= the width. (Widening the value
            # instead leaves unused bits that verilator -Wall flags.)
            loc = user_location()
            too_far = Expr("icmp", (rhs, Const(lhs.width, rhs.width, loc)), 1, attrs=("uge",), loc=loc)
            low = Expr("extract", (rhs,), lhs.width, attrs=(0,), loc=loc)
            near = Expr(op, (lhs, low), lhs.width, signed=lhs.signed, loc=loc)
            fill: Signal = Const(0, lhs.width, loc)
            if op == "shrs":
                fill = Expr(op, (lhs, Const(lhs.width - 1, lhs.width, loc)), lhs.width, signed=True, loc=loc)
            return Expr("mux", (too_far, fill, near), lhs.width, signed=lhs.signed, loc=loc)
        if not same_width(rhs.width, lhs.width):
            rhs = resize(rhs, lhs.width)
        return Expr(op, (lhs, rhs), lhs.width, signed=lhs.signed)

    def __lshift__(self, amount: Operand) -> Expr:
        return self._shift("shl", amount)

    def __rshift__(self, amount: Operand) -> Expr:
        return self._shift("shrs" if self.signed else "shru", amount)

    def _compare(self, predicate: str, other: Operand) -> Expr:
        loc = user_location(3)  # the operator's caller (see _binary_operators)
        lhs, rhs = coerce_pair(self, other, predicate, loc=loc)
        if predicate not in ("eq", "ne") and lhs.signed and rhs.signed:
            predicate = "s" + predicate
        elif predicate not in ("eq", "ne"):
            predicate = "u" + predicate
        return Expr("icmp", (lhs, rhs), 1, attrs=(predicate,), loc=loc)

    def __eq__(self, other: Operand) -> Expr:  # type: ignore[override]
        return self._compare("eq", other)

    def __ne__(self, other: Operand) -> Expr:  # type: ignore[override]
        return self._compare("ne", other)

    def __lt__(self, other: Operand) -> Expr:
        return self._compare("lt", other)

    def __le__(self, other: Operand) -> Expr:
        return self._compare("le", other)

    def __gt__(self, other: Operand) -> Expr:
        return self._compare("gt", other)

    def __ge__(self, other: Operand) -> Expr:
        return self._compare("ge", other)

    # -- slicing -------------------------------------------------------------

    def __getitem__(self, key: int | slice | tuple[int, int]) -> Expr:
        """``s[i]`` one bit; ``s[hi:lo]`` and ``s[hi, lo]`` bits hi down to lo (inclusive, Verilog order).

        On an array-typed signal ``s[i]`` is element ``i`` (``i`` an int or a signal); on a struct-typed
        one ``s["f"]`` is field ``f`` (``frontend.types``).
        """
        if isinstance(self.width, DataType):
            return self.width.item(self, key)
        check_data(self, "slicing")
        width = self.width
        if isinstance(key, Signal):
            if not isinstance(width, int):
                raise fail(f"cannot index {self.describe()} of parametric width {width_text(width)} with a signal:"
                           " loom reads 0 past the width, which needs the width; slice it with constant bounds"
                           " (s[3:0]) or give it a fixed width")
            return self._dynamic_bit(key, width)
        if isinstance(key, int):
            high = low = key
        elif isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, int) for k in key):
            high, low = key
        elif isinstance(key, slice) and isinstance(key.start, int) and isinstance(key.stop, int) and key.step is None:
            high, low = key.start, key.stop
        else:
            shown = key.describe() if isinstance(key, Signal) else repr(key)
            raise fail(f"unsupported index {shown} for {self.describe()}: use s[bit] (an int or a signal),"
                       " s[high:low] or s[high, low] with int bounds")
        if isinstance(width, Param):
            # A parametric width is checked against its default here, and against each instance's value when
            # the module is specialised (with keep_parameters the SystemVerilog selects the same bits).
            if low < 0 or (width.default is not None and high >= width.default):
                raise fail(f"bits [{high}:{low}] are out of range for {self.describe()} of width {width.name}"
                           f" ({width.default} by default)")
        elif low < 0 or high >= width:
            raise fail(f"bits [{high}:{low}] are out of range for {self.describe()} of width {width}")
        if high < low:
            raise fail(f"slice [{high}:{low}] has high < low; loom slices are [high:low] like Verilog")
        return Expr("extract", (self,), high - low + 1, attrs=(low,))

    def _dynamic_bit(self, index: Signal, width: int) -> Signal:
        """``s[i]`` with a signal ``i``: bit ``i`` of ``s`` (SystemVerilog's ``s[i]``), 0 when ``i`` >= the width.

        Built as an element of ``s`` seen as an array of bits (``hw.array_get``, which ExportVerilog writes
        as an index): unlike ``(s >> i)[0]`` it leaves no unused bits for ``verilator -Wall`` to flag.
        """
        from .types import Array, index_width  # not at the top: types.py imports this module

        check_data(index, "an index")
        if index.owner is not None and self.owner is not None and index.owner is not self.owner:
            raise fail(f"index {index.describe()} belongs to '{index.owner.name}', not to '{self.owner.name}'")
        if not isinstance(index.width, int):
            raise fail(f"index {index.describe()} of {self.describe()} needs a fixed width")
        loc = user_location()
        need = index_width(width)
        if need == 0:  # one bit: s[i] is s when i == 0
            hit = Expr("icmp", (index, Const(0, index.width, loc)), 1, attrs=("eq",), loc=loc)
            return Expr("and", (hit, self.as_unsigned()), 1, loc=loc)
        low: Signal = index
        if index.width > need:
            low = Expr("extract", (index,), need, attrs=(0,), loc=loc)
        elif index.width < need:
            low = extend(index, need, signed=False)
        bits = Expr("bitcast", (self,), Array(1, width), loc=loc)
        bit = Expr("array_get", (bits, low), 1, loc=loc)
        if (1 << index.width) <= width:
            return bit  # every index value is a bit of s
        in_range = Expr("icmp", (index, Const(width, index.width, loc)), 1, attrs=("ult",), loc=loc)
        return Expr("mux", (in_range, bit, Const(0, 1, loc)), 1, loc=loc)

    # -- reductions and width changes ---------------------------------------

    def r_or(self) -> Expr:
        """1 when any bit is set."""
        return self._compare("ne", 0)

    def r_and(self) -> Expr:
        """1 when every bit is set."""
        check_data(self, "r_and")
        return self._compare("eq", all_ones(self.width, "r_and"))

    def r_xor(self) -> Expr:
        """The parity of the bits."""
        check_data(self, "r_xor")
        return Expr("parity", (self,), 1)

    def zext(self, width: int) -> Signal:
        """Zero-extend to ``width`` bits."""
        return extend(self, width, signed=False)

    def sext(self, width: int) -> Signal:
        """Sign-extend to ``width`` bits."""
        return extend(self, width, signed=True)

    def extend(self, width: int) -> Signal:
        """kratos's ``extend``: a size cast (``8'(x)``), sign-extending a signed value and zero-extending an
        unsigned one; loom's own spellings say which: ``sext`` / ``zext``."""
        return extend(self, width, signed=self.signed)

    def as_signed(self) -> Expr:
        """The same bits, compared and shifted as a signed number."""
        return Expr("cast", (self,), self.width, signed=True)

    def as_unsigned(self) -> Expr:
        return Expr("cast", (self,), self.width, signed=False)

    def replicate(self, times: int) -> Expr:
        if not isinstance(self.width, int) or times < 1:
            raise fail(f"replicate needs a fixed width and times >= 1, got {times}")
        return Expr("replicate", (self,), self.width * times)

    # -- assignment ----------------------------------------------------------

    def assign(self, source: Operand) -> None:
        """Drive this signal with ``source`` (continuous assignment)."""
        raise fail(f"{self.describe()} cannot be assigned; assign to an output port, a var, a register or a child"
                   " instance's input")


class Named(Signal):
    """A signal with a user-given name that can be driven (ports, vars, registers)."""

    __slots__ = ("name", "driver", "driver_loc", "user_attributes")

    def __init__(self, owner: Generator, name: str, width: Width, loc: SourceLoc, signed: bool = False):
        super().__init__(owner, width, loc, signed)
        self.name = name
        self.driver: Signal | None = None
        self.driver_loc: SourceLoc | None = None
        self.user_attributes: dict[str, str] | None = None
        """Attributes added with ``add_attribute`` (None until the first: most signals have none)."""

    def add_attribute(self, attribute: object, value: str = "") -> None:
        """Attach metadata that passes read back (kratos ``var.add_attribute``): ``("key", "value")``, one
        ``"key=value"`` string, or a kratos-style object with ``type_str``/``value_str``.

        Kept in the IR on the op that defines the signal (the port entry for a port), so user passes and
        ``IRVisitor`` see them, and listed in the metadata JSON (docs/ir-conventions.md).
        """
        key, text = attribute_pair(attribute, value, user_location())
        if self.user_attributes is None:
            self.user_attributes = {}
        self.user_attributes[key] = text

    @property
    def attributes(self) -> dict[str, str]:
        """The attributes added so far (type string -> value string)."""
        return dict(self.user_attributes or {})

    def assign(self, source: Operand) -> None:
        if REPLAYING_OWNERS and id(self.owner) in REPLAYING_OWNERS:
            return  # see drive (checked first here: a clone's __init__ assigns, and finding the line costs)
        self.drive(source, user_location(2))  # from the caller's frame: this one is loom's

    def drive(self, source: Operand, loc: SourceLoc) -> None:
        """``assign`` at a location the caller already knows (``add_child`` connects every port at its own
        call's line, so it finds that line once per instance, not once per port)."""
        if REPLAYING_OWNERS and id(self.owner) in REPLAYING_OWNERS:
            return  # a clone's __init__ re-running: the shared definition is already wired (frontend/clones.py)
        self._check_drivable(loc)
        if self.driver is not None:
            raise ElaborationError(f"{self.describe()} is driven twice", str(loc),
                                   (f"first driven at {self.driver_loc}",))
        value = coerce(source, self, "assignment", loc)
        if value.is_clock != self.is_clock:
            need = "a clock" if self.is_clock else "a data value"
            raise ElaborationError(f"{self.describe()} needs {need}, but {value.describe()} is"
                                   f" {'a clock' if value.is_clock else 'a data value'}; clocks only drive registers"
                                   " and clock inputs", str(loc))
        if not same_width(value.width, self.width):
            raise ElaborationError(f"width mismatch: cannot assign {sized(value.width)} {value.describe()}"
                                   f" to {sized(self.width)} {self.describe()}", str(loc))
        self.driver, self.driver_loc = value, loc

    def _check_drivable(self, loc: SourceLoc) -> None:
        del loc


class PortKind(StrEnum):
    """What a port is for. loom's clocks, resets and clock enables are 1-bit inputs of their own kind, which
    registers, FSMs and memories find by default and the IR marks (``frontend/emit.py``)."""

    DATA = "data"
    CLOCK = "clock"
    RESET = "reset"
    CLOCK_ENABLE = "clock_enable"


class PortShape(NamedTuple):
    """A port as an instance of the generator has it for given parameter values (``Generator.instance_shape``)."""

    name: str
    direction: Direction
    width: Width
    kind: PortKind
    signed: bool


class Port(Named):
    """An input or output port of a generator."""

    __slots__ = ("direction", "condition", "kind", "is_clock", "active_low", "asynchronous")

    def __init__(self, owner: Generator, name: str, direction: Direction, width: Width, loc: SourceLoc,
                 condition: Condition | None = None, kind: PortKind = PortKind.DATA, signed: bool = False,
                 active_low: bool = False, asynchronous: bool = False):
        super().__init__(owner, name, width, loc, signed)
        self.direction = direction
        self.condition = condition
        self.kind = kind
        self.is_clock = kind == PortKind.CLOCK
        self.active_low = active_low
        self.asynchronous = asynchronous

    def describe(self) -> str:
        return f"{self.direction}put port '{self.name}' of '{self.owner.name}'"  # type: ignore[union-attr]

    def _check_drivable(self, loc: SourceLoc) -> None:
        if self.direction == IN:
            raise ElaborationError(f"cannot drive {self.describe()}: an input is driven by the parent that"
                                   " instantiates the generator", str(loc))


class Var(Named):
    """A named internal wire (kratos ``var``); keeps its name in the SystemVerilog."""

    __slots__ = ()

    def describe(self) -> str:
        return f"var '{self.name}' of '{self.owner.name}'"  # type: ignore[union-attr]

    @staticmethod
    def move_src_to(var: Named, new_var: Named, parent: Generator, keep_connection: bool) -> None:
        """Move the driver of ``var`` to ``new_var`` (and drive ``var`` from ``new_var`` if ``keep_connection``)."""
        from .rewire import move_src_to  # not at the top: rewire.py imports this module

        move_src_to(var, new_var, parent, keep_connection)

    @staticmethod
    def move_sink_to(var: Named, new_var: Named, parent: Generator, keep_connection: bool) -> None:
        """Make the readers of ``var`` read ``new_var`` (and drive ``new_var`` from ``var`` if ``keep_connection``)."""
        from .rewire import move_sink_to  # not at the top: rewire.py imports this module

        move_sink_to(var, new_var, parent, keep_connection)


class Reg(Named):
    """A register: its driver is the next value, latched on the clock edge."""

    __slots__ = ("clock", "reset", "reset_value", "enable")

    def __init__(self, owner: Generator, name: str, width: Width, loc: SourceLoc, clock: Signal,
                 reset: Port | Signal | None, reset_value: int, enable: Signal | None, signed: bool = False):
        super().__init__(owner, name, width, loc, signed)
        self.clock = clock
        self.reset = reset
        self.reset_value = reset_value
        self.enable = enable

    def describe(self) -> str:
        return f"register '{self.name}' of '{self.owner.name}'"  # type: ignore[union-attr]


class InstancePort(Named):
    """A port of a child instance, seen from the parent.

    Its direction and kind are the instance's port shape's (shared by every instance with the same ports), read
    when asked: a parent may hold 50,000 of these while the design goes through MLIR, and two slots fewer make
    each 16 bytes smaller."""

    __slots__ = ("instance", "is_clock")

    def __init__(self, instance: Instance, name: str, width: Width, loc: SourceLoc, kind: PortKind, signed: bool):
        super().__init__(instance.parent, name, width, loc, signed)
        self.instance = instance
        self.is_clock = kind == PortKind.CLOCK

    @property
    def direction(self) -> Direction:
        return self.instance.port_shape(self.name).direction

    @property
    def kind(self) -> PortKind:
        return self.instance.port_shape(self.name).kind

    def describe(self) -> str:
        return f"{self.direction}put '{self.name}' of instance '{self.instance.name}'"

    @property
    def storage_name(self) -> str:
        """The name of its ``logic`` when a procedural block drives it (two children may share port names)."""
        return f"{self.instance.name}_{self.name}"

    def _check_drivable(self, loc: SourceLoc) -> None:
        if self.direction == OUT:
            raise ElaborationError(f"cannot drive {self.describe()}: it is driven by the child; connect it to a"
                                   " var or output of the parent instead", str(loc))


class Const(Signal):
    """A constant; it belongs to no generator and adapts to the width it is used at."""

    __slots__ = ("value",)

    def __init__(self, value: int, width: Width, loc: SourceLoc, signed: bool = False):
        # Signal.__init__'s fields set here: constants and expressions are made by the million, a call each.
        self.owner = None
        self.width = width
        self.loc = loc
        self.signed = signed
        self.value = value

    def describe(self) -> str:
        return f"constant {self.value}"


class Expr(Signal):
    """An operation on other signals (``op`` names the comb/hw operation, see ``frontend.emit``)."""

    __slots__ = ("op", "operands", "attrs")

    def __init__(self, op: str, operands: tuple[Signal, ...], width: Width, signed: bool = False,
                 attrs: tuple[object, ...] = (), loc: SourceLoc | None = None):
        owner = None
        for operand in operands:  # operands of two generators are refused before an Expr is made
            if operand.owner is not None:
                owner = operand.owner
                break
        self.owner = owner  # Signal.__init__'s fields, without its call (see Const)
        self.width = width
        self.loc = loc or user_location()
        self.signed = signed
        self.op = op
        self.operands = operands
        self.attrs = attrs

    def describe(self) -> str:
        if self.op == "extract" and isinstance(self.width, int) and isinstance(self.attrs[0], int):
            low = self.attrs[0]
            bits = f"bit {low}" if self.width == 1 else f"bits [{low + self.width - 1}:{low}]"
            return f"{bits} of {self.operands[0].describe()}"
        return "expression"

    def assign(self, source: Operand) -> None:
        """A bit or slice of a port or var (``o[3:0].assign(x)``) is driven like the whole signal."""
        if self.op != "extract":
            super().assign(source)
            return
        from .statements import drive_bits  # not at the top: statements.py imports this module

        drive_bits(self, source, user_location())


class ParamValue(Signal):
    """A parameter's value used as hardware, resized to the width it is used at."""

    __slots__ = ("param",)

    def __init__(self, param: Param, width: Width, loc: SourceLoc):
        super().__init__(param.owner, width, loc)
        self.param = param

    def describe(self) -> str:
        return f"parameter '{self.param.name}'"


def setting_error(error: AttributeError) -> UnknownAttributeError | None:
    """The loom error for user code that set an attribute a signal or an instance does not have
    (``o.asign = 3``, ``sig.nmae = "x"``, ``inst.oo = x``), located at that line with a "did you mean"
    hint; None for any other error, and for one raised inside loom (a bug, which keeps its traceback).

    Such objects have ``__slots__``, so Python refuses the unknown name itself, at no cost to the
    millions of attribute writes loom makes while building; a ``__setattr__`` would slow every one.
    Their classes say what to write instead (``_refusal``)."""
    target, name = getattr(error, "obj", None), getattr(error, "name", None)
    refusal = getattr(type(target), "_refusal", None)
    if isinstance(error, LoomError) or refusal is None or not isinstance(name, str):
        return None
    location = raising_location(error)
    return None if location is None else UnknownAttributeError(refusal(target, name), location)


def raise_located(error: AttributeError) -> NoReturn:
    """Raise ``setting_error``'s loom error for ``error`` (an AttributeError out of a generator's ``__init__``),
    or ``error`` itself with its traceback when it is not a misspelt attribute. Both ways into ``__init__`` end
    here: loom's wrapper of it (``procedural.wrap_init``) and a clone's replay, which calls it unwrapped."""
    located = setting_error(error)
    if located is None:
        raise error
    raise located from None


def attribute_hint(signal: Signal, name: str) -> str:
    """``" (did you mean 'assign'?)"`` for a misspelt attribute of ``signal``: its struct fields, then its
    methods and attributes."""
    return did_you_mean(name, _fields(signal), dir(type(signal)))


def _fields(signal: Signal) -> dict[str, object]:
    """The fields of a struct-typed signal (none for others); duck-typed, since types.py imports this module."""
    fields = getattr(signal.width, "fields", None)
    return fields if isinstance(fields, dict) else {}


# -- helpers shared by the operators ------------------------------------------


def all_ones(width: Width, what: str) -> int:
    if not isinstance(width, int):
        raise fail(f"{what} needs a fixed width, not the parameter {width_text(width)}")
    return (1 << width) - 1


def check_data(signal: Signal, what: str) -> None:
    if isinstance(signal.width, DataType) and (what != "mux" or not signal.width.packed):
        raise fail(f"{signal.describe()} ({signal.width.describe()}) cannot be used in {what}; use one of its"
                   " fields or elements, or .bits() for its raw bits")
    if signal.is_clock:
        raise fail(f"{signal.describe()} is a clock and cannot be used in {what}; clocks only drive registers and"
                   " clock inputs")


def fits(value: int, width: Width) -> bool:
    if type(width) is not int:  # (a failing isinstance costs more than this test)
        if isinstance(width, DataType):
            width = width.bits
        if not isinstance(width, int):
            return value == 0
    return -(1 << (width - 1)) <= value < (1 << width) if width > 0 else value == 0


def coerce(value: Operand, like: Signal, what: str, loc: SourceLoc | None = None) -> Signal:
    """Turn ``value`` into a signal usable with ``like`` (same generator; ints take ``like``'s width)."""
    if isinstance(value, Signal):  # the common case first: every connection and operator comes through here
        if value.owner is not None and like.owner is not None and value.owner is not like.owner:
            from .connect import child_signal  # not at the top: connect.py imports this module

            found = child_signal(like.owner, value)  # a child's own port object, read from the parent (kratos)
            if found is not None:
                return found
            raise fail(f"{value.describe()} belongs to generator '{value.owner.name}' and cannot be used in"
                       f" '{like.owner.name}'; connect it through a port", loc)
        return value
    if type(value) is int and type(like.width) is int and fits(value, like.width):  # the next most common case
        return Const(value, like.width, loc or user_location(), signed=like.signed)
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int):
        if isinstance(like.width, DataType) and not like.width.packed:
            raise fail(f"constant {value} cannot be used as an {like.width.describe()} ({what}): an unpacked array"
                       " has no constant value; assign its elements one by one", loc)
        if isinstance(like.width, Param) and value != 0:
            raise fail(f"constant {value} cannot be used at the parametric width {like.width.name} ({what}); only"
                       " fixed-width signals take constants", loc)
        if not fits(value, like.width):
            raise fail(f"constant {value} does not fit in {width_text(like.width)} bits ({what})", loc)
        # The constant takes the signal's signedness: `x < 0` on a signed x must compare signed.
        return Const(value, like.width, loc or user_location(), signed=like.signed)
    if isinstance(value, Param):
        if isinstance(like.width, Param):
            raise fail(f"parameter '{value.name}' cannot be used as a value at the parametric width"
                       f" {like.width.name} ({what}); use it with fixed-width signals", loc)
        return ParamValue(value, like.width, loc or user_location())
    if isinstance(value, Condition):
        raise fail(f"a parameter condition cannot be used as a value in {what}; use it in when=...", loc)
    raise fail(f"cannot use {value!r} of type {type(value).__name__} in {what}; expected a signal or an int", loc)


def coerce_pair(lhs: Signal, rhs: Operand, op: str, allow_width_mismatch: bool = False,
                loc: SourceLoc | None = None) -> tuple[Signal, Signal]:
    """``lhs`` and ``rhs`` as two signals of one generator for ``op``: ``rhs`` coerced like ``lhs``, a constant
    on the left resized to the right's width (unless ``allow_width_mismatch``: a shift); ``loc`` (the user's
    line, when the caller knows it) locates new constants."""
    # Each attribute is read once: the signals' classes vary from call to call, and every read of one at a
    # site that saw another class takes Python's slow path (docs/architecture.md, "Frontend call costs").
    right: Signal | None = None  # rhs itself when it needs no coercion
    if type(rhs) is not int and isinstance(rhs, Signal):  # (for an int, a failing isinstance costs 3x the test)
        owner, own = rhs.owner, lhs.owner
        if owner is not None and own is not None and owner is not own:
            from .connect import child_signal  # not at the top: connect.py imports this module

            found = child_signal(owner, lhs)  # ``child.out + x`` in the parent (kratos style)
            if found is not None:
                lhs, own = found, found.owner
        if owner is None or own is None or owner is own:
            right = rhs  # what coerce returns for it, without the call
    width = lhs.width
    if type(width) is not int or lhs.is_clock:  # check_data's cases (an integer width needs one test)
        check_data(lhs, op)
    if right is None:
        if type(rhs) is int and type(width) is int and fits(rhs, width):
            right = Const(rhs, width, loc or user_location(), lhs.signed)  # coerce's next case, without its call
        else:
            right = coerce(rhs, lhs, f"'{op}'", loc)
    right_width = right.width
    if type(right_width) is not int or right.is_clock:
        check_data(right, op)
    if right_width is width:  # the same width object: nothing below would resize or refuse
        return lhs, right
    if isinstance(right, Const) or isinstance(right, ParamValue):
        return lhs, right
    # (Not for a shift: its value keeps its width, whatever the amount's.)
    if not allow_width_mismatch and isinstance(lhs, (Const, ParamValue)) and not same_width(lhs.width, right.width):
        lhs = Const(lhs.value, right.width, lhs.loc) if isinstance(lhs, Const) else ParamValue(lhs.param, right.width,
                                                                                               lhs.loc)
    if not allow_width_mismatch and not same_width(lhs.width, right.width):
        raise fail(f"width mismatch in '{op}': {width_text(lhs.width)}-bit {lhs.describe()} and"
                   f" {width_text(right.width)}-bit {right.describe()}; use zext()/sext() or a slice to match")
    return lhs, right


def resize(signal: Signal, width: Width) -> Signal:
    """Truncate or zero-extend (used for shift amounts and parameter values)."""
    if same_width(signal.width, width):
        return signal
    if not isinstance(width, int) or not isinstance(signal.width, int):
        raise fail(f"cannot resize {signal.describe()} between parametric widths")
    if signal.width > width:
        return Expr("extract", (signal,), width, attrs=(0,), loc=signal.loc)
    return extend(signal, width, signed=False)


def extend(signal: Signal, width: int, signed: bool) -> Signal:
    check_data(signal, "extension")
    if not isinstance(signal.width, int):
        raise fail(f"cannot extend {signal.describe()} of parametric width {width_text(signal.width)}")
    if width < signal.width:
        raise fail(f"cannot extend {signal.width}-bit {signal.describe()} to {width} bits; slice it instead")
    if same_width(width, signal.width):
        return signal
    extra = width - signal.width
    loc = user_location()
    if signed:
        sign = Expr("extract", (signal,), 1, attrs=(signal.width - 1,), loc=loc)
        high: Signal = Expr("replicate", (sign,), extra, loc=loc)
    else:
        high = Const(0, extra, loc)
    # The extension keeps the operand's signedness: sign-extending does not make a value signed (only
    # signed=True and as_signed() do, docs/pitfalls.md), and zero-extending does not make it unsigned.
    return Expr("concat", (high, signal), width, signed=signal.signed, loc=loc)

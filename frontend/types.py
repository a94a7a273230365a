"""Packed structs, arrays and enums for generators.

Declaring types::

    Pixel = Struct("pixel_t", r=8, g=8, b=8)        # first field in the most significant bits
    Line = Array(Pixel, 4)                          # 4 pixels, index 0 in the least significant bits
    State = Enum("state_t", ["IDLE", "RUN", "DONE"]) # values 0, 1, 2; 2 bits

Any of them is accepted wherever a width is (``self.input("p", Pixel)``,
``self.var``, ``self.reg``, struct fields, array elements).

In the IR (docs/ir-conventions.md):

- a struct is ``!hw.typealias<@<top>_types::@pixel_t, !hw.struct<r: i8, ...>>``;
  the frontend writes one ``hw.type_scope @<top>_types`` holding a
  ``hw.typedecl`` per struct, so ExportVerilog prints
  ``typedef struct packed {...} pixel_t;`` and ports read ``input pixel_t p``
  (the scope is named after the top module, so each design's typedefs have an
  include guard of their own: ``dialect/type_scope.py``). Types are written with
  the placeholder scope ``loom_types``, renamed once the design's text is complete;
- an array is ``!hw.array<4xT>`` (a packed SystemVerilog array);
- an enum is a plain integer (``i2``) and each enum value used in a module is a
  ``"loom.localparam"`` op named after the value, which becomes an
  ``sv.localparam``: ``localparam [1:0] IDLE = 0;``. loom does not use
  ``hw.enum``: ExportVerilog prints an anonymous enum per declaration (two
  signals of one enum type redeclare its names, an error in Verilator and
  Icarus), and with a typedef every integer -> enum conversion is an implicit
  cast that ``verilator -Wall`` rejects (ENUMVALUE); localparams lint clean,
  simulate in Icarus and keep the names.

Reading ``p.r``, ``p["r"]``, ``arr[2]`` or ``arr[idx]`` gives ``hw.struct_extract``
and ``hw.array_get``. Assigning ``p.r.assign(x)`` (or ``arr[1].assign(y)``)
drives one part of a port, var or register; the parts are combined into one
``hw.struct_create`` / ``hw.array_create`` when the module is written, and a
part nobody drives is an error. ``Pixel(r=a, g=b, b=0)`` builds a struct value,
``Line.of([p0, p1, p2, p3])`` an array, ``x.bits()`` and ``Pixel.from_bits(v)``
convert to and from plain bits.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import SupportsInt

from ..dialect.errors import ElaborationError, LoomError, UnknownAttributeError
from ..dialect.names import did_you_mean, require_name, unknown_attribute
from ..dialect.srcloc import SourceLoc, user_location
from . import packing
from .clone_state import REPLAYING_OWNERS
from .signals import Const, Expr, Named, Operand, Signal, coerce, same_width, sized, width_text
from .typebase import DataType, Packable, array_shape, bit_count

FieldType = int | DataType
TYPE_SCOPE = "loom_types"
"""The scope name struct types are written with until the design is known (``emit_types.name_type_scope``)."""
USED_STRUCTS: set[Struct] = set()
"""Structs whose type text was written since the last ``emit_types.type_scope_text`` (the design being emitted):
the emission writes a ``hw.typedecl`` for each."""


class FieldError(UnknownAttributeError):
    """An unknown struct field or enum value; also an AttributeError so ``hasattr`` keeps working on signals."""


def type_text(width: FieldType) -> str:
    """The MLIR type of an integer or aggregate width."""
    if isinstance(width, DataType):
        return width.mlir()
    return f"i{int(width)}"


def check_field_type(value: object, what: str, loc: SourceLoc, unpacked: bool = False) -> FieldType:
    """A width or type usable as ``what``; an unpacked array only where ``unpacked`` (SystemVerilog has no packed
    struct or array of unpacked elements)."""
    if isinstance(value, DataType):
        if not value.packed and not unpacked:
            raise ElaborationError(f"{what} cannot be an {value.describe()}: a packed type holds packed elements"
                                   " only; use a packed Array, or make the outer array unpacked too", str(loc))
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise ElaborationError(f"{what} must be a positive int width, a Struct, an Array or an Enum, got {value!r}",
                           str(loc))


def _check_name(name: object, what: str, loc: SourceLoc) -> str:
    return require_name(name, what, loc)


def index_width(size: int) -> int:
    """Bits of an index into ``size`` elements (``hw.array_get`` wants exactly ceil(log2(size)))."""
    return (size - 1).bit_length()


# -- types -----------------------------------------------------------------------------------


class Struct(DataType):
    """A packed struct: named fields, the first one in the most significant bits (as in SystemVerilog).

    ``Struct("pixel_t", r=8, g=8)`` or ``Struct("pixel_t", [("r", 8), ("g", 8)])``.
    Calling it builds a value: ``Pixel(r=x, g=0)`` (every field must be given).
    """

    __slots__ = ("name", "fields", "loc", "_key", "_mlir")

    def __init__(self, name: str, fields: Mapping[str, FieldType] | Sequence[tuple[str, FieldType]] | None = None,
                 **kwargs: FieldType):
        loc = user_location()
        self.loc = loc
        self.name = _check_name(name, "struct name", loc)
        items = list(fields.items() if isinstance(fields, Mapping) else fields or []) + list(kwargs.items())
        if not items:
            raise ElaborationError(f"struct '{name}' needs at least one field", str(loc))
        self.fields: dict[str, FieldType] = {}
        for field, field_type in items:
            _check_name(field, f"field name of struct '{name}'", loc)
            if field in self.fields:
                raise ElaborationError(f"struct '{name}' declares field '{field}' twice", str(loc))
            self.fields[field] = check_field_type(field_type, f"field '{field}' of struct '{name}'", loc)
        self._key = (name, tuple((k, type_text(v)) for k, v in self.fields.items()))
        body = ", ".join(f"{k}: {type_text(v)}" for k, v in self.fields.items())
        self._mlir = f"!hw.typealias<@{TYPE_SCOPE}::@{name}, !hw.struct<{body}>>"

    @property
    def bits(self) -> int:
        return sum(bit_count(t) or 0 for t in self.fields.values())

    @property
    def inner(self) -> str:
        """The ``!hw.struct<...>`` the alias stands for."""
        return self._mlir[self._mlir.index("!hw.struct<"):-1]

    def mlir(self) -> str:
        USED_STRUCTS.add(self)
        return self._mlir

    def describe(self) -> str:
        return f"struct '{self.name}'"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Struct) and other._key == self._key

    def __hash__(self) -> int:
        return hash(self._key)

    def __repr__(self) -> str:
        return f"Struct({self.name!r}, {', '.join(f'{k}={v!r}' for k, v in self.fields.items())})"

    def field_type(self, field: str, signal: Signal | None = None) -> FieldType:
        if field not in self.fields:
            what = signal.describe() if signal is not None else self.describe()
            raise FieldError(f"{what} has no field '{field}'{did_you_mean(field, self.fields)}; fields of"
                             f" {self.describe()}: {', '.join(self.fields)}",
                             str(user_location()))
        return self.fields[field]

    def __call__(self, **values: Operand) -> Expr:
        """A struct value from one value per field (ints take the field's width)."""
        loc = user_location()
        missing = [f for f in self.fields if f not in values]
        unknown = [f for f in values if f not in self.fields]
        if unknown:
            raise ElaborationError(f"{self.describe()} has no field '{unknown[0]}'; fields: {', '.join(self.fields)}",
                                   str(loc))
        if missing:
            raise ElaborationError(f"{self.describe()} value misses field(s) {', '.join(missing)}", str(loc))
        parts = tuple(_part_value(values[f], t, f"field '{f}' of {self.describe()}", loc)
                      for f, t in self.fields.items())
        return Expr("struct_create", parts, self, loc=loc)

    def from_bits(self, value: Signal) -> Expr:
        """Reinterpret ``self.bits`` bits as this struct."""
        return from_bits(self, value)

    def pack(self, fields: Mapping[str, object] | None = None, /, **values: object) -> int:
        """The bits of a value of this struct as an int, for a simulator: ``Pixel.pack(r=1, g=2, b=3)``."""
        return packing.pack(self, {**(fields or {}), **values}, f"{self.name}.pack()")

    def unpack(self, bits: SupportsInt) -> dict[str, object]:
        """The fields of the int ``bits`` (a dict; nested structs are dicts, enum fields member names)."""
        fields = packing.unpack(self, bits)
        assert isinstance(fields, dict)
        return fields

    def pack_value(self, value: object, what: str) -> int:
        """``packing.pack`` of a struct: a dict of every field, the first field in the most significant bits."""
        if not isinstance(value, Mapping):
            raise LoomError(f"{what}: {self.describe()} takes a dict of its fields, got {value!r}")
        unknown = [name for name in value if name not in self.fields]
        missing = [name for name in self.fields if name not in value]
        if unknown or missing:
            problem = f"has no field '{unknown[0]}'" if unknown else f"misses field(s) {', '.join(missing)}"
            raise LoomError(f"{what}: {self.describe()} {problem}; fields: {', '.join(self.fields)}")
        bits = 0
        for name, field_type in self.fields.items():
            bits = (bits << (bit_count(field_type) or 0)) | packing.pack(field_type, value[name],
                                                                        f"field '{name}' of {what}")
        return bits

    def unpack_number(self, number: int) -> dict[str, object]:
        fields: dict[str, object] = {}
        shift = self.bits
        for name, field_type in self.fields.items():
            size = bit_count(field_type) or 0
            shift -= size
            fields[name] = packing.unpack(field_type, (number >> shift) & ((1 << size) - 1))
        return fields


    def member(self, signal: Signal, name: str) -> Member:
        if name in self.fields:
            return struct_field(signal, name)
        raise FieldError(f"{signal.describe()} has no field '{name}'"
                         f"{did_you_mean(name, self.fields, dir(type(signal)))}; fields of {self.describe()}:"
                         f" {', '.join(self.fields)}", str(user_location()))

    def item(self, signal: Signal, key: object) -> Member:
        if isinstance(key, str):
            return struct_field(signal, key)
        raise ElaborationError(f"{signal.describe()} is a {self.describe()}: index it with a field name"
                               f" (s[\"field\"] or s.field), not {key!r}", str(user_location()))

    def bits_of(self, signal: Signal) -> Signal:
        return bits(signal, self)


class ArrayType(DataType):
    """What packed and unpacked arrays share: ``size`` elements of ``element`` (``Array``,
    ``frontend.unpacked.UnpackedArray``). Neither is the other: code that handles packed arrays asks for
    ``Array`` and never meets an unpacked one by accident."""

    __slots__ = ("element", "size", "_mlir")
    MLIR_TYPE = "array"
    NOUN = "array"

    def __init__(self, element: FieldType, size: int):
        loc = user_location(2)
        self.element = check_field_type(element, f"{self.NOUN} element type", loc, unpacked=not self.packed)
        if not isinstance(size, int) or isinstance(size, bool) or size < 1:
            raise ElaborationError(f"array size must be a positive int, got {size!r}", str(loc))
        self.size = size
        self._mlir = f"!hw.{self.MLIR_TYPE}<{size}x{type_text(self.element)}>"

    @property
    def bits(self) -> int:
        return self.size * (bit_count(self.element) or 0)

    @property
    def width(self) -> int:
        """kratos's ``.width`` of an array: the bits of the innermost element (8 for ``size=(2, 3)`` of 8 bits)."""
        return bit_count(array_shape(self)[1]) or 0

    @property
    def dims(self) -> list[int]:
        """kratos's ``.size`` of an array: the size of each dimension, outermost first."""
        return array_shape(self)[0]

    def mlir(self) -> str:
        if isinstance(self.element, DataType):
            self.element.mlir()  # records nested structs for the type scope
        return self._mlir

    def describe(self) -> str:
        element = self.element.describe() if isinstance(self.element, DataType) else f"{int(self.element)}-bit"
        return f"{self.NOUN} of {self.size} x {element}"

    def member(self, signal: Signal, name: str) -> Member:
        raise unknown_attribute(signal.describe(), name, dir(type(signal)), user_location())

    def bits_of(self, signal: Signal) -> Signal:
        return bits(signal, self)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._mlir == self._mlir

    def __hash__(self) -> int:
        return hash(self._mlir)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.element!r}, {self.size})"


class Array(ArrayType):
    """A packed array of ``size`` elements; element 0 is in the least significant bits."""

    __slots__ = ()

    def item(self, signal: Signal, key: object) -> Member:
        return array_element(signal, key)

    def of(self, elements: Sequence[Operand]) -> Expr:
        """An array value from its elements, index 0 first."""
        loc = user_location()
        if len(elements) != self.size:
            raise ElaborationError(f"{self.describe()} needs {self.size} elements, got {len(elements)}", str(loc))
        parts = tuple(_part_value(e, self.element, f"element {i} of {self.describe()}", loc)
                      for i, e in enumerate(elements))
        return Expr("array_create", parts, self, loc=loc)

    def from_bits(self, value: Signal) -> Expr:
        """Reinterpret ``self.bits`` bits as this array."""
        return from_bits(self, value)

    def pack(self, elements: Sequence[object]) -> int:
        """The bits of an array value as an int, element 0 in the low bits."""
        return packing.pack(self, elements, "Array.pack()")

    def unpack(self, bits: SupportsInt) -> list[object]:
        """The elements of the int ``bits``, element 0 first."""
        elements = packing.unpack(self, bits)
        assert isinstance(elements, list)
        return elements

    def pack_value(self, value: object, what: str) -> int:
        """``packing.pack`` of a packed array: a list of ``size`` elements, element 0 in the low bits."""
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
            raise LoomError(f"{what}: {self.describe()} takes a list of {self.size} elements, got {value!r}")
        if len(value) != self.size:
            raise LoomError(f"{what}: {self.describe()} needs {self.size} elements, got {len(value)}")
        width = bit_count(self.element) or 0
        bits = 0
        for index, element in enumerate(value):
            bits |= packing.pack(self.element, element, f"element {index} of {what}") << (index * width)
        return bits

    def unpack_number(self, number: int) -> list[object]:
        size = bit_count(self.element) or 0
        return [packing.unpack(self.element, (number >> (i * size)) & ((1 << size) - 1)) for i in range(self.size)]


class Enum(int, Packable):
    """An enumeration: named values of a fixed width. The object *is* its width (an ``int``).

    ``Enum("state_t", ["IDLE", "RUN"])`` numbers the names from 0;
    ``Enum("op_t", {"ADD": 1, "SUB": 4})`` gives the values; ``width=`` widens
    it. ``State.IDLE`` is a constant signal that the SystemVerilog names
    ``IDLE`` (a localparam). Enum signals are bits: they compare, mux and
    assign with other signals of their width.
    """

    enum_name: str
    loc: SourceLoc
    members: dict[str, EnumValue]

    def __new__(cls, name: str, members: Mapping[str, int] | Iterable[str], width: int | None = None) -> Enum:
        loc = user_location()
        _check_name(name, "enum name", loc)
        values = _enum_values(name, members, loc)
        if not values:
            raise ElaborationError(f"enum '{name}' needs at least one value", str(loc))
        for member, value in values.items():
            _check_name(member, f"value name of enum '{name}'", loc)
            if hasattr(cls, member) or member in ("members", "enum_name", "loc"):
                raise ElaborationError(f"enum '{name}' cannot have a value named '{member}': Enum.{member} is"
                                       " taken by the enum itself", str(loc))
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ElaborationError(f"value {member} of enum '{name}' must be a non-negative int, got {value!r}",
                                       str(loc))
        seen: dict[int, str] = {}
        for member, value in values.items():
            if value in seen:
                raise ElaborationError(f"enum '{name}': {member} and {seen[value]} have the same value {value}",
                                       str(loc))
            seen[value] = member
        needed = max(1, max(values.values()).bit_length())
        if width is None:
            width = needed
        elif not isinstance(width, int) or isinstance(width, bool) or width < 1:
            raise ElaborationError(f"width of enum '{name}' must be a positive int, got {width!r}", str(loc))
        elif width < needed:
            raise ElaborationError(f"enum '{name}' needs {needed} bits for its values, width={width} is too narrow",
                                   str(loc))
        self = super().__new__(cls, width)
        self.enum_name = name
        self.loc = loc
        self.members = {member: EnumValue(self, member, value, loc) for member, value in values.items()}
        return self

    @property
    def width(self) -> int:
        return int(self)

    def __getattr__(self, name: str) -> EnumValue:
        members = self.__dict__.get("members")
        if members is None or name.startswith("_"):
            raise AttributeError(name)
        if name not in members:
            raise FieldError(f"enum '{self.enum_name}' has no value '{name}'{did_you_mean(name, members)}; values:"
                             f" {', '.join(members)}",
                             str(user_location()))
        return members[name]

    def __getitem__(self, name: str) -> EnumValue:
        return self.__getattr__(name)

    def pack(self, member: str | EnumValue) -> int:
        """The value of a member given by name: ``Op.pack("SUB")``."""
        return packing.pack(self, member, f"{self.enum_name}.pack()")

    def unpack(self, bits: SupportsInt) -> str | int:
        """The member name of the int ``bits`` (the int itself when no member has that value)."""
        value = packing.unpack(self, bits)
        assert isinstance(value, (str, int))
        return value

    def describe(self) -> str:
        return f"enum '{self.enum_name}'"

    def pack_value(self, value: object, what: str) -> int:
        """``packing.pack`` of an enum: a member (by name, or an ``EnumValue`` of this enum) or a plain int."""
        if not isinstance(value, (str, EnumValue)):
            return packing.pack_int(int(self), value, what)
        name = value if isinstance(value, str) else value.name
        member = self.members.get(name)
        if member is None or (isinstance(value, EnumValue) and value.enum is not self):
            raise LoomError(f"{what}: enum '{self.enum_name}' has no value {name!r}; values: {', '.join(self.members)}")
        return member.value

    def unpack_number(self, number: int) -> str | int:
        names = {member.value: name for name, member in self.members.items()}
        return names.get(number, number)

    def __iter__(self) -> Iterator[EnumValue]:
        return iter(self.members.values())

    def __str__(self) -> str:  # the width, as for any int (type texts are written with f"i{width}")
        return str(int(self))

    def __format__(self, spec: str) -> str:
        return format(int(self), spec)

    def __repr__(self) -> str:
        return f"Enum({self.enum_name!r}, { {m.name: m.value for m in self.members.values()}!r})"

    def __reduce__(self) -> tuple[type[Enum], tuple[str, dict[str, int], int]]:  # keep pickling/copying meaningful
        return (Enum, (self.enum_name, {m.name: m.value for m in self.members.values()}, int(self)))


def _enum_values(name: str, members: object, loc: SourceLoc) -> dict[str, int]:
    """``{member: value}`` from a mapping or from a list of names numbered from 0; a name given twice is an error
    (a dict would silently keep its last position)."""
    if isinstance(members, Mapping):
        return dict(members)
    if isinstance(members, str) or not isinstance(members, Iterable):
        raise ElaborationError(f"members of enum '{name}' must be a list of names or a {{name: value}} dict, got"
                               f" {members!r}", str(loc))
    values: dict[str, int] = {}
    for index, member in enumerate(members):
        if member in values:
            raise ElaborationError(f"enum '{name}' lists value '{member}' twice (positions {values[member]} and"
                                   f" {index})", str(loc))
        values[member] = index
    return values


class EnumValue(Signal):
    """One named value of an ``Enum``: a constant that the SystemVerilog calls by its name.

    It is written as ``"loom.localparam"() {name = "IDLE", value = 0 : i2}``
    in every module that uses it.
    """

    __slots__ = ("enum", "name", "value")

    def __init__(self, enum: Enum, name: str, value: int, loc: SourceLoc):
        super().__init__(None, enum, loc)
        self.enum = enum
        self.name = name
        self.value = value

    def describe(self) -> str:
        return f"enum value {self.enum.enum_name}.{self.name}"

    def __index__(self) -> int:
        return self.value

    def __repr__(self) -> str:
        return f"{self.enum.enum_name}.{self.name}"


# -- values: member access, construction, bit casts ---------------------------------------------


def _part_value(value: Operand, part_type: FieldType, what: str, loc: SourceLoc) -> Signal:
    """``value`` as a ``part_type`` signal (ints become constants of that width)."""
    like = Const(0, part_type, loc)
    signal = coerce(value, like, what, loc)
    if not same_width(signal.width, part_type):
        raise ElaborationError(f"width mismatch: {what} is {sized(part_type)}, got {sized(signal.width)}"
                               f" {signal.describe()}", str(loc))
    return signal


class Member(Expr):
    """``base.field`` or ``base[index]``: a read (``hw.struct_extract``/``hw.array_get``) that can also be driven.

    ``assign`` drives this part of the port, var or register the access
    starts from (continuous assignment); the parts are combined when the
    module is written.
    """

    __slots__ = ("base", "key")

    def __init__(self, base: Signal, key: str | int | Signal, width: FieldType, loc: SourceLoc):
        if isinstance(key, str):
            super().__init__("struct_extract", (base,), width, attrs=(key,), loc=loc)
        else:
            assert isinstance(base.width, Array)
            index = key if isinstance(key, Signal) else Const(key, index_width(base.width.size), loc)
            super().__init__("array_get", (base, index), width, loc=loc)
        self.base = base
        self.key = key

    def describe(self) -> str:
        if isinstance(self.key, str):
            return f"field '{self.key}' of {self.base.describe()}"
        if isinstance(self.key, int):
            return f"element {self.key} of {self.base.describe()}"
        return f"element [{self.key.describe()}] of {self.base.describe()}"

    def assign(self, source: Operand) -> None:
        drive_part(self, source, user_location())


def struct_field(signal: Signal, field: str) -> Member:
    """``signal.field`` for a struct-typed signal."""
    struct = signal.width
    assert isinstance(struct, Struct)
    return Member(signal, field, struct.field_type(field, signal), user_location())


def array_element(signal: Signal, key: object) -> Member:
    """``signal[key]`` for an array-typed signal: a constant index is checked against the size."""
    array = signal.width
    assert isinstance(array, Array)
    loc = user_location()
    index = checked_index(signal, array, key, loc)
    return Member(signal, index, array.element, loc)


def checked_index(signal: Signal, array: ArrayType, key: object, loc: SourceLoc) -> int | Signal:
    """An index into ``signal`` (of type ``array``): an int in range, or a signal resized to the index width."""
    if isinstance(key, EnumValue):
        key = key.value
    if isinstance(key, bool) or not isinstance(key, (int, Signal)):
        raise ElaborationError(f"unsupported index {key!r} for {signal.describe()}: use an int or a signal",
                               str(loc))
    if isinstance(key, int):
        if not 0 <= key < array.size:
            raise ElaborationError(f"index {key} is out of range for {signal.describe()} ({array.describe()},"
                                   f" indices 0..{array.size - 1})", str(loc))
        return key
    return index_signal(key, array.size, signal.describe(), loc)


def index_signal(index: Signal, size: int, what: str, loc: SourceLoc) -> Signal:
    """A dynamic index resized to ``index_width(size)`` bits (narrower ones are zero-extended)."""
    need = index_width(size)
    width = index.width
    if isinstance(width, DataType) or not isinstance(width, int):
        raise ElaborationError(f"index {index.describe()} of {what} must be a fixed-width integer signal", str(loc))
    if need == 0:
        raise ElaborationError(f"{what} has a single element; index it with the constant 0", str(loc))
    if width > need:
        raise ElaborationError(f"width mismatch: index {index.describe()} has {width} bits, but {size} elements need"
                               f" {need}; slice it (index[{need - 1}:0]) if the high bits are known to be zero",
                               str(loc))
    if width < need:
        return Expr("concat", (Const(0, need - width, loc), index), need, loc=loc)
    return index


def bits(signal: Signal, width: DataType) -> Signal:
    """The raw bits of ``signal``, of aggregate type ``width`` (a plain integer signal of ``bits`` width)."""
    if not width.packed:
        raise ElaborationError(f"{signal.describe()} is an {width.describe()}: it has no bits; read its elements, or"
                               " declare it packed (Array, or packed=True)", str(user_location()))
    return Expr("bitcast", (signal,), width.bits, loc=user_location())


def from_bits(data_type: DataType, value: Signal) -> Expr:
    loc = user_location()
    if not data_type.packed:
        raise ElaborationError(f"an {data_type.describe()} cannot be made from bits; assign its elements", str(loc))
    if not isinstance(value, Signal) or isinstance(value.width, DataType):
        raise ElaborationError(f"from_bits() takes an integer signal, got {value!r}", str(loc))
    if not same_width(value.width, data_type.bits):
        raise ElaborationError(f"width mismatch: {data_type.describe()} has {data_type.bits} bits, but"
                               f" {value.describe()} has {width_text(value.width)}", str(loc))
    return Expr("bitcast", (value,), data_type, loc=loc)


# -- partial drivers -----------------------------------------------------------------------------


class Aggregate(Expr):
    """The value of a port, var or register whose parts are driven one by one.

    ``parts`` maps a field name or element index to its driver; the operands
    (one per field or element) exist once every part is driven.
    """

    __slots__ = ("parts", "part_locs", "target")

    def __init__(self, data_type: DataType, target: str, loc: SourceLoc):
        Signal.__init__(self, None, data_type, loc)
        self.op = "struct_create" if isinstance(data_type, Struct) else "array_create" if data_type.packed else \
            "uarray_create"
        self.attrs = ()
        self.parts: dict[str | int, Signal] = {}
        self.part_locs: dict[str | int, SourceLoc] = {}
        self.target = target

    def _keys(self) -> Iterable[str | int]:
        """The parts in operand order: a struct's fields, an array's indices."""
        data_type = self.width
        if isinstance(data_type, Struct):
            return list(data_type.fields)
        assert isinstance(data_type, ArrayType), data_type
        return range(data_type.size)

    @property
    def operands(self) -> tuple[Signal, ...]:
        keys = self._keys()
        data_type = self.width
        missing = [k for k in keys if k not in self.parts]
        if missing:
            what = ", ".join(f"'{k}'" if isinstance(k, str) else str(k) for k in missing)
            noun = "field" if isinstance(data_type, Struct) else "element"
            raise ElaborationError(f"{noun}(s) {what} of {self.target} are never driven (the other parts are)",
                                   str(self.loc))
        return tuple(self.parts[k] for k in keys)

    @operands.setter
    def operands(self, values: tuple[Signal, ...]) -> None:
        """Replace every part, in operand order (``rewire`` swaps a var for another in each expression reading it)."""
        self.parts = dict(zip(self._keys(), values, strict=True))


def _path(member: Member) -> tuple[Signal, list[Member]]:
    """The signal a chain of member accesses starts from, and the accesses outermost last."""
    chain: list[Member] = []
    node: Signal = member
    while isinstance(node, Member):
        chain.append(node)
        node = node.base
    chain.reverse()
    return node, chain


def drive_part(member: Member, source: Operand, loc: SourceLoc) -> None:
    """Drive one field or element of a named signal (continuous assignment)."""
    root, chain = _path(member)
    if not isinstance(root, Named):
        raise ElaborationError(f"{member.describe()} cannot be assigned: only parts of ports, vars and registers"
                               " can be driven", str(loc))
    if root.owner is not None and id(root.owner) in REPLAYING_OWNERS:
        return  # a clone's __init__ re-running: the shared definition is already wired (frontend/clones.py)
    root._check_drivable(loc)
    keys: list[str | int] = []
    for access in chain:
        if isinstance(access.key, Signal):
            raise ElaborationError(f"cannot drive {access.describe()} with a continuous assignment: the index is a"
                                   " signal; write it in a procedural block or use a memory", str(loc))
        keys.append(access.key)
    driver = root.driver
    if driver is None:
        driver = Aggregate(_aggregate_type(root), root.describe(), root.loc)
        root.driver, root.driver_loc = driver, loc
    elif not isinstance(driver, Aggregate):
        raise ElaborationError(f"{member.describe()} cannot be driven: {root.describe()} is already driven as a"
                               " whole", str(loc), (f"driven at {root.driver_loc}",))
    node = driver
    for access, key in zip(chain[:-1], keys[:-1], strict=True):
        part = node.parts.get(key)
        if part is None:
            part = node.parts[key] = Aggregate(_aggregate_type(access), access.describe(), loc)
            node.part_locs[key] = loc
        elif not isinstance(part, Aggregate):
            raise ElaborationError(f"{member.describe()} cannot be driven: {access.describe()} is already driven",
                                   str(loc), (f"driven at {node.part_locs[key]}",))
        node = part
    key = keys[-1]
    if key in node.parts:
        raise ElaborationError(f"{member.describe()} is driven twice", str(loc),
                               (f"first driven at {node.part_locs[key]}",))
    part_type = member.width
    assert isinstance(part_type, (int, DataType)), part_type  # a field's or element's type, never a parameter
    value = _part_value(source, part_type, member.describe(), loc)
    if value.is_clock:
        raise ElaborationError(f"{member.describe()} cannot be driven by a clock", str(loc))
    if value.owner is not None and root.owner is not None and value.owner is not root.owner:
        raise ElaborationError(f"{value.describe()} belongs to generator '{value.owner.name}' and cannot drive"
                               f" {member.describe()}", str(loc))
    node.parts[key] = value
    node.part_locs[key] = loc


def _aggregate_type(signal: Signal) -> DataType:
    """The type of a signal that a member access starts from or passes through: a struct or an array."""
    width = signal.width
    assert isinstance(width, DataType), width
    return width


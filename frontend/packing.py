"""Struct, array and enum values as the plain integers a simulator reads and writes.

``Pixel.pack(r=1, g=2, b=3)`` gives the bits of a ``pixel_t`` value (first
field in the most significant bits), ``Pixel.unpack(v)`` the fields back;
arrays pack element 0 into the least significant bits; enum values are given
and returned by member name. Testbenches use these to drive and check
aggregate ports (``dut.p.value = Pixel.pack(...)``) without counting bits.
Nested values nest: a struct field of struct type takes a dict, one of array
type a list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Sequence

from ..dialect.errors import LoomError
from .typebase import bit_count

if TYPE_CHECKING:
    from .types import FieldType


def pack(data_type: "FieldType", value: Any, what: str = "value") -> int:
    """The bits of ``value`` as a value of ``data_type`` (an int width, Struct, Array or Enum)."""
    from .types import Array, Enum, EnumValue, Struct  # not at the top: types.py imports this module

    if isinstance(data_type, Struct):
        if not isinstance(value, Mapping):
            raise LoomError(f"{what}: {data_type.describe()} takes a dict of its fields, got {value!r}")
        return _pack_struct(data_type, value, what)
    if isinstance(data_type, Array):
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
            raise LoomError(f"{what}: {data_type.describe()} takes a list of {data_type.size} elements, got {value!r}")
        return _pack_array(data_type, value, what)
    if isinstance(data_type, Enum) and isinstance(value, (str, EnumValue)):
        name = value if isinstance(value, str) else value.name
        member = data_type.members.get(name)
        if member is None or (isinstance(value, EnumValue) and value.enum is not data_type):
            raise LoomError(f"{what}: enum '{data_type.enum_name}' has no value {name!r};"
                            f" values: {', '.join(data_type.members)}")
        return member.value
    return _pack_int(int(data_type), value, what)


def _pack_int(width: int, value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise LoomError(f"{what}: a {width}-bit value must be an int, got {value!r}")
    if not -(1 << (width - 1)) <= value < (1 << width):
        raise LoomError(f"{what}: {value} does not fit in {width} bits")
    return value & ((1 << width) - 1)


def _pack_struct(struct: Any, values: Mapping[str, Any], what: str) -> int:
    unknown = [name for name in values if name not in struct.fields]
    missing = [name for name in struct.fields if name not in values]
    if unknown or missing:
        problem = f"has no field '{unknown[0]}'" if unknown else f"misses field(s) {', '.join(missing)}"
        raise LoomError(f"{what}: {struct.describe()} {problem}; fields: {', '.join(struct.fields)}")
    bits = 0
    for name, field_type in struct.fields.items():
        bits = (bits << bit_count(field_type)) | pack(field_type, values[name], f"field '{name}' of {what}")
    return bits


def _pack_array(array: Any, elements: Sequence[Any], what: str) -> int:
    if len(elements) != array.size:
        raise LoomError(f"{what}: {array.describe()} needs {array.size} elements, got {len(elements)}")
    width = bit_count(array.element) or 0
    bits = 0
    for index, element in enumerate(elements):
        bits |= pack(array.element, element, f"element {index} of {what}") << (index * width)
    return bits


def unpack(data_type: "FieldType", bits: Any) -> Any:
    """``bits`` (an int, or anything ``int()`` takes, such as a cocotb value) as a value of ``data_type``.

    Structs come back as dicts, arrays as lists, enum values as member names
    (an int when the bits match no member), integers as ints.
    """
    from .types import Array, Enum, Struct  # not at the top: types.py imports this module

    number = int(bits)
    width = bit_count(data_type) or 0
    if not 0 <= number < (1 << width):
        raise LoomError(f"{number} does not fit in the {width} bits of {_describe(data_type)}")
    if isinstance(data_type, Struct):
        fields: dict[str, Any] = {}
        shift = width
        for name, field_type in data_type.fields.items():
            size = bit_count(field_type) or 0
            shift -= size
            fields[name] = unpack(field_type, (number >> shift) & ((1 << size) - 1))
        return fields
    if isinstance(data_type, Array):
        size = bit_count(data_type.element) or 0
        return [unpack(data_type.element, (number >> (i * size)) & ((1 << size) - 1)) for i in range(data_type.size)]
    if isinstance(data_type, Enum):
        names = {member.value: name for name, member in data_type.members.items()}
        return names.get(number, number)
    return number


def _describe(data_type: "FieldType") -> str:
    describe = getattr(data_type, "describe", None)
    if describe is not None:
        return describe()
    name = getattr(data_type, "enum_name", None)
    return f"enum '{name}'" if name else f"a {int(data_type)}-bit value"

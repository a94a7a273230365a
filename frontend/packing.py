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

from typing import SupportsInt

from ..dialect.errors import LoomError
from .typebase import Packable, bit_count


def pack(data_type: int | Packable, value: object, what: str = "value") -> int:
    """The bits of ``value`` as a value of ``data_type`` (an int width, Struct, Array or Enum)."""
    if isinstance(data_type, Packable):
        return data_type.pack_value(value, what)
    return pack_int(data_type, value, what)


def pack_int(width: int, value: object, what: str) -> int:
    """``value`` (an int that fits ``width`` bits, signed or not) as ``width`` bits."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise LoomError(f"{what}: a {width}-bit value must be an int, got {value!r}")
    if not -(1 << (width - 1)) <= value < (1 << width):
        raise LoomError(f"{what}: {value} does not fit in {width} bits")
    return value & ((1 << width) - 1)


def unpack(data_type: int | Packable, bits: SupportsInt) -> object:
    """``bits`` (an int, or any number ``int()`` takes, such as a cocotb value) as a value of ``data_type``.

    Structs come back as dicts, arrays as lists, enum values as member names
    (an int when the bits match no member), integers as ints.
    """
    number = int(bits)
    width = bit_count(data_type) or 0
    if not 0 <= number < (1 << width):
        what = data_type.describe() if isinstance(data_type, Packable) else f"a {int(data_type)}-bit value"
        raise LoomError(f"{number} does not fit in the {width} bits of {what}")
    if isinstance(data_type, Packable):
        return data_type.unpack_number(number)
    return number

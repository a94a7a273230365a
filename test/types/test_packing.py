"""Struct, array and enum values as integers (``pack``/``unpack``), the bit layout SystemVerilog uses.

Expected integers are written out by hand from the layout rules: a struct's
first field in the most significant bits, an array's element 0 in the least
significant bits, enum members by their declared values.
"""

from __future__ import annotations

import random

import pytest

from loom import Array, Enum, LoomError, Struct, UnpackedArray
from loom.frontend.packing import pack, unpack

Pixel = Struct("pixel_t", r=8, g=8, b=8)
Op = Enum("op_t", {"ADD": 1, "SUB": 4, "PASS": 6})
Line = Array(Pixel, 2)
Cmd = Struct("cmd_t", op=Op, flags=Array(2, 3), px=Pixel)


def test_struct_first_field_on_top() -> None:
    assert Pixel.pack(r=0x12, g=0x34, b=0x56) == 0x123456
    assert Pixel.pack({"r": 1, "g": 2}, b=3) == 0x010203
    assert Pixel.unpack(0xA0B0C0) == {"r": 0xA0, "g": 0xB0, "b": 0xC0}


def test_array_element_zero_low() -> None:
    assert Array(4, 3).pack([1, 2, 3]) == 0b0011_0010_0001
    assert Line.pack([{"r": 1, "g": 2, "b": 3}, {"r": 4, "g": 5, "b": 6}]) == 0x040506_010203
    assert Line.unpack(0x040506_010203)[1] == {"r": 4, "g": 5, "b": 6}


def test_enum_members_by_name() -> None:
    assert (Op.pack("SUB"), Op.pack(Op.PASS)) == (4, 6)
    assert (Op.unpack(1), Op.unpack(6), Op.unpack(3)) == ("ADD", "PASS", 3)


def test_nested_values_round_trip() -> None:
    # op (3 bits) | flags (3 x 2 bits, element 0 low) | px (24 bits)
    value = {"op": "SUB", "flags": [3, 0, 1], "px": {"r": 9, "g": 8, "b": 7}}
    expected = (4 << 30) | (0b01_00_11 << 24) | 0x090807
    assert Cmd.pack(value) == expected
    assert Cmd.unpack(expected) == value
    rng = random.Random(5)
    for _ in range(200):
        bits = rng.getrandbits(24)
        assert Pixel.pack(Pixel.unpack(bits)) == bits


@pytest.mark.parametrize("call, message", [
    (lambda: Pixel.pack(r=1, g=2), "misses field\\(s\\) b"),
    (lambda: Pixel.pack(r=1, g=2, b=3, a=4), "has no field 'a'"),
    (lambda: Pixel.pack(r=256, g=0, b=0), "field 'r' of pixel_t.pack\\(\\): 256 does not fit in 8 bits"),
    (lambda: Op.pack("MUL"), "enum 'op_t' has no value 'MUL'; values: ADD, SUB, PASS"),
    (lambda: Line.pack([{"r": 0, "g": 0, "b": 0}]), "needs 2 elements, got 1"),
    (lambda: Pixel.unpack(1 << 24), "does not fit in the 24 bits of struct 'pixel_t'"),
    (lambda: Cmd.pack(op="ADD", flags=[0, 0, 0], px=5), "field 'px' of cmd_t.pack\\(\\): struct 'pixel_t' takes a dict"),
])
def test_bad_values_are_loom_errors(call, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LoomError, match=message):
        call()


def test_an_unpacked_array_has_no_bits_to_pack() -> None:
    # It used to raise a bare TypeError from deep inside the packing code.
    memory = UnpackedArray(8, 4)
    with pytest.raises(LoomError, match="unpacked array of 4 x 8-bit has no bits: give its elements one by one"):
        pack(memory, [1, 2, 3, 4])
    with pytest.raises(LoomError, match="has no bits to unpack: read its elements one by one"):
        unpack(memory, 5)

"""A kept parameter that sizes a port, set to a value that fills the top bit of its declaration.

CIRCT evaluates a parameter inside a port type as a signed number, so ``W = 8`` of a 4-bit ``W`` would be a
width of -8; loom says so at the instance instead of failing CIRCT's verifier with a meaningless width."""

from __future__ import annotations

import pytest

import loom
from loom import Generator, LoomError


class Lane(Generator):
    def __init__(self, bits: int):
        super().__init__("Lane")
        width = self.param("W", 3, width=bits)
        a = self.input("a", width)
        self.output("o", width).assign(a)


class Lanes(Generator):
    def __init__(self, bits: int):
        super().__init__("Lanes")
        lane = Lane(bits)
        narrow, wide = self.input("n", 3), self.input("w", 8)
        self.output("on", 3).assign(self.add_child("u0", lane, params={"W": 3}, a=narrow).o)
        self.output("ow", 8).assign(self.add_child("u1", lane, params={"W": 8}, a=wide).o)  # ERR: wide


def test_a_value_in_the_top_bit_is_an_error_at_the_instance(line_of) -> None:
    with pytest.raises(LoomError) as caught:
        loom.verilog(Lanes(4), keep_parameters=True)
    message = str(caught.value)
    assert f"test_kept_width_parameter.py:{line_of('wide')}:" in message
    assert "instance 'u1' sets parameter 'W' of '@Lane' to 8" in message and "width=5" in message


def test_one_more_bit_or_specialising_builds() -> None:
    kept = loom.verilog(Lanes(5), keep_parameters=True, emit_locations=False)
    assert "parameter [4:0] W" in kept["Lane"] and "input  [W - 1:0] a" in kept["Lane"]
    assert "Lane#(.W(8))u1(" in "".join(kept["Lanes"].split())
    assert set(loom.verilog(Lanes(4))) == {"Lanes", "Lane_W_3", "Lane_W_8"}

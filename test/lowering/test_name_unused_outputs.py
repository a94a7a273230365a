"""name-unused-instance-outputs on children with one output: read, or left open (a wire named ``*_unused``)."""

from __future__ import annotations

import loom
from loom import Generator


class One(Generator):
    def __init__(self) -> None:
        super().__init__("One")
        a = self.input("a", 8)
        self.output("o", 8).assign(a + 1)


class Parent(Generator):
    """``u`` is read, ``v`` is left open."""

    def __init__(self) -> None:
        super().__init__("Parent")
        a = self.input("a", 8)
        one = One()
        used = self.add_child("u", one, a=a)
        self.add_child("v", one, a=a)
        self.output("o", 8).assign(used.o)


def test_only_the_open_output_gets_a_wire() -> None:
    text = loom.verilog(Parent(), emit_locations=False)["Parent"]
    assert "wire [7:0] v_o_unused;" in text
    assert ".o (v_o_unused)" in " ".join(text.split())
    assert "u_o_unused" not in text

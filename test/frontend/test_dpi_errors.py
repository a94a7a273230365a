"""Misused DPI-C functions (``loom.dpi_function``): an ElaborationError at the user's line naming the problem."""

from __future__ import annotations

from typing import Any

import pytest

import loom
from loom import Generator, always_comb, always_ff, posedge

c_mix = loom.dpi_function("c_mix", args={"a": 8, "b": 8}, returns=8)


class Base(Generator):
    def __init__(self) -> None:
        super().__init__(type(self).__name__)
        self.clk = self.clock()
        self.a = self.input("a", 8)
        self.w = self.input("w", 4)
        self.o = self.output("o", 8)


def test_call_in_always_ff(raises_at: Any) -> None:
    class G(Base):
        @always_ff((posedge, "clk"))
        def body(self) -> None:
            self.o = c_mix(self.a, 1)  # ERR: ff

    with raises_at("ff", "DPI-C function 'c_mix' can only be called in an @always_comb", "register its result"):
        G()


def test_call_outside_a_block(raises_at: Any) -> None:
    class G(Base):
        def __init__(self) -> None:
            super().__init__()
            self.wire(self.o, c_mix(self.a, self.a))  # ERR: outside

    with raises_at("outside", "can only be called inside a procedural block"):
        G()


@pytest.mark.parametrize("case", ["count", "width", "constant", "type", "keyword"])
def test_bad_arguments(raises_at: Any, case: str) -> None:
    class G(Base):
        @always_comb
        def body(self) -> None:
            if case == "count":
                self.o = c_mix(self.a)  # ERR: count
            elif case == "width":
                self.o = c_mix(self.a, self.w)  # ERR: width
            elif case == "constant":
                self.o = c_mix(self.a, 300)  # ERR: constant
            elif case == "type":
                self.o = c_mix(self.a, "x")  # ERR: type
            else:
                self.o = c_mix(self.a, b=self.a)  # ERR: keyword

    expected = {"count": "takes 2 argument(s), got 1", "width": "argument 'b' of DPI-C function 'c_mix' is 8 bits",
                "constant": "constant 300 does not fit in argument 'b'", "type": "must be a signal or an int",
                "keyword": "positional arguments only"}
    with raises_at(case, expected[case]):
        G()


def test_signal_named_like_the_function(raises_at: Any) -> None:
    class G(Base):
        def __init__(self) -> None:
            super().__init__()
            self.c_mix = self.var("c_mix", 8)

        @always_comb
        def body(self) -> None:
            self.o = c_mix(self.a, self.a)  # ERR: hides

    with raises_at("hides", "has a signal named 'c_mix', which would hide DPI-C function 'c_mix'"):
        G()


@pytest.mark.parametrize("args, kwargs, fragment", [
    (("1bad",), {}, "a DPI-C function name must be a C identifier, got '1bad'"),
    (("f",), {"args": [0]}, "width of argument 'arg0' of 'f' must be a positive int width, got 0"),
    (("f",), {"args": {"a-b": 8}}, "argument name of 'f' must be a C identifier, got 'a-b'"),
    (("f",), {"args": {"result": 8}}, "'result' is the name of the result"),
    (("f",), {"args": 8}, "args must be a list of widths or a dict"),
    (("f",), {"returns": True}, "result width of 'f' must be a positive int width"),
])
def test_bad_declarations(args: tuple[Any, ...], kwargs: dict[str, Any], fragment: str) -> None:
    with pytest.raises(loom.ElaborationError) as info:
        loom.dpi_function(*args, **kwargs)
    assert fragment in info.value.message
    assert info.value.location is not None and "test_dpi_errors.py:" in info.value.location

"""Unsupported Python in @always_comb / @always_ff: an ElaborationError naming the construct at the user's line.

Every case checks the file (this one), the line (the one marked ``# ERR: <marker>``)
and the words of the message; none may end in a traceback from inside loom.
"""

from __future__ import annotations

from typing import Any

import pytest

import loom
from loom import Generator, always_comb, always_ff, negedge, posedge


class Base(Generator):
    """Ports shared by the test designs: a clock, a reset, an 8-bit input ``a`` and output ``o``."""

    def __init__(self) -> None:
        super().__init__(type(self).__name__)
        self.clk = self.clock()
        self.rst = self.reset()
        self.a = self.input("a", 8)
        self.sel = self.input("sel")
        self.o = self.output("o", 8)
        self.w = self.var("w", 8)


def build(cls: type) -> Any:
    return cls()


def test_while_loop(raises_at: Any) -> None:
    class G(Base):
        @always_comb
        def body(self) -> None:
            self.o = 0
            while self.sel:  # ERR: while
                self.o = 1

    with raises_at("while", "'while' loop is not supported in an always_comb block", "range"):
        build(G)


def test_return_in_block(raises_at: Any) -> None:
    class G(Base):
        @always_comb
        def body(self) -> None:
            self.o = 0
            return  # ERR: return

    with raises_at("return", "'return' statement is not supported in an always_comb block"):
        build(G)


def test_break_and_continue(raises_at: Any) -> None:
    class B(Base):
        @always_comb
        def body(self) -> None:
            self.o = 0
            for i in range(3):
                break  # ERR: break

    with raises_at("break", "'break' statement is not supported"):
        build(B)

    class C(Base):
        @always_comb
        def body(self) -> None:
            self.o = 0
            for i in range(3):
                continue  # ERR: continue

    with raises_at("continue", "'continue' statement is not supported"):
        build(C)


def test_try_with_raise_def_import_global_del(raises_at: Any) -> None:
    class T(Base):
        @always_comb
        def body(self) -> None:
            try:  # ERR: try
                self.o = 0
            finally:
                pass

    with raises_at("try", "'try' statement is not supported"):
        build(T)

    class W(Base):
        @always_comb
        def body(self) -> None:
            with open("x"):  # ERR: with
                self.o = 0

    with raises_at("with", "'with' statement is not supported"):
        build(W)

    class R(Base):
        @always_comb
        def body(self) -> None:
            raise ValueError("no")  # ERR: raise

    with raises_at("raise", "'raise' statement is not supported", "assert_"):
        build(R)

    class D(Base):
        @always_comb
        def body(self) -> None:
            def inner() -> None:  # ERR: def
                pass

    with raises_at("def", "nested function definition is not supported"):
        build(D)

    class I(Base):
        @always_comb
        def body(self) -> None:
            import os  # noqa: F401  # ERR: import

    with raises_at("import", "'import' statement is not supported"):
        build(I)

    class Gl(Base):
        @always_comb
        def body(self) -> None:
            global SOMETHING  # ERR: global

    with raises_at("global", "'global' statement is not supported"):
        build(Gl)

    class Del(Base):
        @always_comb
        def body(self) -> None:
            x = 1
            del x  # ERR: del

    with raises_at("del", "'del' statement is not supported"):
        build(Del)


def test_python_assert_suggests_assert_(raises_at: Any) -> None:
    class G(Base):
        @always_comb
        def body(self) -> None:
            assert self.sel  # ERR: assert

    with raises_at("assert", "Python 'assert' statement is not supported", "assert_("):
        build(G)


def test_lambda(raises_at: Any) -> None:
    class G(Base):
        @always_comb
        def body(self) -> None:
            f = lambda x: x  # noqa: E731  # ERR: lambda
            self.o = f(self.a)

    with raises_at("lambda", "lambda is not supported in an always_comb block"):
        build(G)


def test_undefined_name(raises_at: Any) -> None:
    class G(Base):
        @always_comb
        def body(self) -> None:
            self.o = self.a + undefined_thing  # noqa: F821  # ERR: undefined

    with raises_at("undefined", "undefined name 'undefined_thing'"):
        build(G)


def test_assigning_an_input(raises_at: Any) -> None:
    class G(Base):
        @always_comb
        def body(self) -> None:
            self.a = 3  # ERR: input

    with raises_at("input", "cannot assign input port 'a'"):
        build(G)


def test_assigning_a_python_attribute(raises_at: Any) -> None:
    class G(Base):
        @always_comb
        def body(self) -> None:
            self.counter = 3  # ERR: attribute

    with raises_at("attribute", "cannot assign 'self.counter'", "not a signal"):
        build(G)


def test_for_over_a_signal(raises_at: Any) -> None:
    class G(Base):
        @always_comb
        def body(self) -> None:
            self.o = 0
            for bit in self.a:  # ERR: for
                self.o = bit

    with raises_at("for", "'for' loop over a signal is not supported", "range"):
        build(G)


def test_wide_if_condition(raises_at: Any) -> None:
    class G(Base):
        @always_comb
        def body(self) -> None:
            self.o = 0
            if self.a:  # ERR: wide
                self.o = 1

    with raises_at("wide", "'if' condition must be 1 bit wide", "x != 0"):
        build(G)


def test_match_capture_and_guard(raises_at: Any) -> None:
    class C(Base):
        @always_comb
        def body(self) -> None:
            match self.a:
                case 1:
                    self.o = 1
                case other:  # noqa: F841 -- the capture is the error under test # ERR: capture
                    self.o = 0

    with raises_at("capture", "capture pattern 'case other' is not supported"):
        build(C)

    class G(Base):
        @always_comb
        def body(self) -> None:
            match self.a:
                case 1 if True:  # ERR: guard
                    self.o = 1
                case _:
                    self.o = 0

    with raises_at("guard", "case guard"):
        build(G)


def test_in_on_signal(raises_at: Any) -> None:
    class G(Base):
        @always_comb
        def body(self) -> None:
            self.o = 0
            if self.a in (1, 2):  # ERR: in
                self.o = 1

    with raises_at("in", "'in' on a signal is not supported"):
        build(G)


def test_width_mismatch_points_at_the_assignment(raises_at: Any) -> None:
    class G(Base):
        @always_comb
        def body(self) -> None:
            self.o = self.sel  # ERR: width

    with raises_at("width", "width mismatch", "1-bit", "8-bit output port 'o'"):
        build(G)


def test_operator_error_points_at_the_expression(raises_at: Any) -> None:
    class G(Base):
        @always_comb
        def body(self) -> None:
            self.o = self.a + self.sel  # ERR: operator

    with raises_at("operator", "width mismatch in 'add'"):
        build(G)


def test_unsupported_operator(raises_at: Any) -> None:
    class G(Base):
        @always_comb
        def body(self) -> None:
            self.o = self.a % 3  # ERR: modulo

    with raises_at("modulo", "operator '%' is not supported on signals"):
        build(G)


def test_driven_by_two_blocks(raises_at: Any) -> None:
    class G(Base):
        @always_comb
        def first(self) -> None:
            self.o = 1

        @always_comb
        def second(self) -> None:
            self.o = 2  # ERR: second

    with raises_at("second", "is assigned in two blocks") as info:
        build(G)
    assert "first assigned at" in str(info.value)


def test_continuous_and_procedural(raises_at: Any) -> None:
    class G(Base):
        def __init__(self) -> None:
            super().__init__()
            self.o.assign(self.a)

        @always_comb
        def body(self) -> None:
            self.o = 2  # ERR: both

    with raises_at("both", "driven twice"):
        build(G)


def test_register_assigned_in_block(raises_at: Any) -> None:
    class G(Base):
        def __init__(self) -> None:
            super().__init__()
            self.r = self.reg("r", 8)
            self.r.assign(self.a)

        @always_ff((posedge, "clk"))
        def body(self) -> None:
            self.r = 2  # ERR: reg

    with raises_at("reg", "register 'r'", "self.var()"):
        build(G)


def test_python_value_set_in_hardware_branch(raises_at: Any) -> None:
    class G(Base):
        @always_comb
        def body(self) -> None:
            if self.sel:
                k = 1
            else:
                k = 2
            self.o = k  # ERR: unset

    with raises_at("unset", "'k' was given a Python value inside a hardware if/match"):
        build(G)


def test_local_set_in_one_branch_only(raises_at: Any) -> None:
    class G(Base):
        @always_comb
        def body(self) -> None:
            if self.sel:
                t = self.a
            self.o = t  # ERR: one-branch

    with raises_at("one-branch", "'t'"):
        build(G)


def test_async_reset_needs_the_template(raises_at: Any) -> None:
    class G(Base):
        @always_ff((posedge, "clk"), (negedge, "rst"))
        def body(self) -> None:  # ERR: template
            self.o = self.a

    with raises_at("template", "asynchronous reset", "if ~self.rst:"):
        build(G)


def test_always_ff_needs_edges(raises_at: Any) -> None:
    with raises_at("edges", "needs its sensitivity list"):
        class G(Base):
            @always_ff  # ERR: edges
            def body(self) -> None:
                self.o = 0


def test_unknown_edge_signal(raises_at: Any) -> None:
    class G(Base):
        @always_ff((posedge, "clock"))  # ERR: edge-name
        def body(self) -> None:
            self.o = 0

    with raises_at("edge-name", "'clock' is neither an attribute nor a port"):
        build(G)


def test_calling_a_block(raises_at: Any) -> None:
    class G(Base):
        def __init__(self) -> None:
            super().__init__()
            self.body()  # ERR: call

        @always_comb
        def body(self) -> None:
            self.o = 0

    with raises_at("call", "translates it into hardware"):
        build(G)


def test_exception_in_helper_points_at_the_call(raises_at: Any) -> None:
    def helper(x: Any) -> Any:
        return {}[x]

    class G(Base):
        @always_comb
        def body(self) -> None:
            self.o = helper(3)  # ERR: helper

    with raises_at("helper", "KeyError"):
        build(G)


def test_method_with_arguments(raises_at: Any) -> None:
    class G(Base):
        @always_comb
        def body(self, extra: int) -> None:  # ERR: args
            self.o = 0

    with raises_at("args", "has a parameter 'extra': add it with self.add_always"):
        build(G)


def test_messages_are_loom_errors_not_tracebacks() -> None:
    class G(Base):
        @always_comb
        def body(self) -> None:
            self.o = self.a[9]

    with pytest.raises(loom.ElaborationError, match="out of range"):
        build(G)

"""check-combinational-loop from the Python frontend: each loop at the user's lines, and no false reports.

``loom.verilog()`` runs the check by default (in ``loom-checks``). Every loop is
reported once, its signals in data-flow order, with a note at the Python line
that drives each of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_checks_frontend import line_of as marked_line

import loom
from loom import Generator, always_comb, mux
from loom.lowering.diagnostics import ERROR, CheckFailedError, Diagnostic
from loom.tools.build import EXAMPLES_DIR, example_files, load_generator

HERE = Path(__file__)


def line_of(marker: str) -> int:
    """The line of this file that ends with the comment ``# <marker>``."""
    return marked_line(marker, HERE)


def loops(generator: Generator) -> list[Diagnostic]:
    with pytest.raises(CheckFailedError) as caught:
        loom.verilog(generator)
    found = [d for d in caught.value.diagnostics if d.severity == ERROR]
    assert all("combinational loop" in d.message for d in found), found
    return found


def lines(diagnostic: Diagnostic) -> list[int]:
    """The line of the error and of each note, in this file."""
    places = [diagnostic, *diagnostic.notes]
    assert all(p.file_line is not None and Path(p.file_line[0]).name == HERE.name for p in places), places
    return [p.file_line[1] for p in places]  # type: ignore[index]


class SelfLoop(Generator):
    def __init__(self) -> None:
        super().__init__("SelfLoop")
        a = self.input("a")
        x = self.var("x")  # self-var
        x.assign(x & a)
        self.output("o").assign(x)


def test_self_loop() -> None:
    (error,) = loops(SelfLoop())
    assert error.message == "combinational loop: 'x' -> 'x'; break it with a register"
    assert lines(error)[1] == line_of("self-var")


class TwoSignals(Generator):
    def __init__(self) -> None:
        super().__init__("TwoSignals")
        a = self.input("a", 4)
        p = self.var("p", 4)  # p-line
        q = self.var("q", 4)  # q-line
        p.assign(q + a)
        q.assign(p ^ 1)
        self.output("o", 4).assign(q)


def test_two_signal_loop_names_both_lines() -> None:
    (error,) = loops(TwoSignals())
    assert "'p' -> 'q' -> 'p'" in error.message or "'q' -> 'p' -> 'q'" in error.message
    assert sorted(lines(error)[1:]) == sorted([line_of("p-line"), line_of("q-line")])


class ThroughAlwaysComb(Generator):
    """The output drives a var that the always_comb copies back into the output."""

    def __init__(self) -> None:
        super().__init__("ThroughAlwaysComb")
        self.a = self.input("a")
        self.o = self.output("o")
        self.y = self.var("y")
        self.y.assign(self.o | self.a)

    @always_comb
    def copy(self) -> None:
        self.o = self.y  # comb-assign


def test_loop_through_always_comb_and_output_port() -> None:
    (error,) = loops(ThroughAlwaysComb())
    assert "'o'" in error.message and "'y'" in error.message
    assert line_of("comb-assign") in lines(error)


class OutputFeedback(Generator):
    def __init__(self) -> None:
        super().__init__("OutputFeedback")
        a = self.input("a")
        o = self.output("o")
        o.assign(o ^ a)  # output-loop


def test_loop_through_an_output_port() -> None:
    (error,) = loops(OutputFeedback())
    assert "output 'o' -> output 'o'" in error.message
    assert line_of("output-loop") in lines(error)


class Inverter(Generator):
    def __init__(self) -> None:
        super().__init__("LoopInverter")
        i = self.input("i")
        j = self.input("j")
        self.output("o").assign(~i)
        self.output("p").assign(j)


class Feedback(Generator):
    """Two levels: the parent wires its child's output back to its input (combinational in the child)."""

    def __init__(self, loop: bool) -> None:
        super().__init__(f"Feedback{int(loop)}")
        a = self.input("a")
        w = self.var("w")
        u = self.add_child("u", Inverter(), i=w, j=a)  # child-line
        w.assign(u.o if loop else a)
        self.output("o").assign(u.p)


def test_loop_through_a_child_instance() -> None:
    (error,) = loops(Feedback(True))
    assert error.message == ("combinational loop: output 'o' of instance 'u' -> 'w' -> output 'o' of instance 'u';"
                             " break it with a register")
    assert line_of("child-line") in lines(error)


class Wrap(Generator):
    """One more level: the loop is inside the child, so it is reported once, in the child, not per instance."""

    def __init__(self) -> None:
        super().__init__("Wrap")
        a = self.input("a")
        self.add_child("x0", Feedback(True), a=a, o=self.output("o0"))
        self.add_child("x1", Feedback(True), a=a, o=self.output("o1"))


def test_loop_in_a_child_is_reported_once() -> None:
    assert len(loops(Wrap())) == 1


def test_output_that_does_not_depend_on_the_input_is_no_loop() -> None:
    class Around(Generator):
        def __init__(self) -> None:
            super().__init__("Around")
            a = self.input("a")
            w = self.var("w")
            u = self.add_child("u", Inverter(), i=a, j=w)  # p = j: feeding p back to i is fine, to j is not
            w.assign(mux(a, u.o, a))
            self.output("o").assign(u.p)

    loom.verilog(Feedback(False))
    loom.verilog(Around())


class Registered(Generator):
    """Registers and synchronous memory reads break loops; an FSM's state does too."""

    def __init__(self) -> None:
        super().__init__("Registered")
        self.clock()
        a = self.input("a", 2)
        r = self.reg("r", 2, reset=False)
        r.assign(r + a)
        memory = self.memory("m", 2, depth=4)
        memory.write(a, a, enable=a[0])
        address = self.var("address", 2)
        address.assign(memory.read(address, sync=True))
        self.output("o", 2).assign(r ^ address)


def test_registers_and_synchronous_reads_break_loops() -> None:
    loom.verilog(Registered())


def test_asynchronous_read_does_not_break_a_loop() -> None:
    class AsyncRead(Generator):
        def __init__(self) -> None:
            super().__init__("AsyncRead")
            self.clock()
            a = self.input("a", 2)
            memory = self.memory("m", 2, depth=4)
            memory.write(a, a, enable=a[0])
            address = self.var("address", 2)
            address.assign(memory.read(address))
            self.output("o", 2).assign(address)

    (error,) = loops(AsyncRead())
    assert "'address' -> 'address'" in error.message


@pytest.mark.parametrize("example", [p.stem for p in example_files()])
def test_examples_have_no_loops(example: str) -> None:
    """No false report on the examples (the check is in the default checks)."""
    loom.verilog(load_generator(f"{EXAMPLES_DIR / example}.py:top", {}))

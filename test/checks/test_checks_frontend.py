"""The check passes on designs written with @always_comb / @always_ff: each problem at the user's Python line.

``loom.verilog()`` runs the checks by default (``loom-checks``, without
``check-non-synthesizable-content``, as kratos); ``CheckFailedError`` lists
every problem with the offending source line. Multiple drivers and mixed
assignment kinds cannot be written with the frontend: it rejects a signal
assigned in two blocks while elaborating (``ElaborationError``); the IR tests
in this folder cover those two checks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import loom
from loom import Generator, always_comb, always_ff, assert_, display, negedge, posedge
from loom.lowering.diagnostics import ERROR, CheckFailedError, Diagnostic

HERE = Path(__file__)


def line_of(marker: str, path: Path = HERE) -> int:
    """The line of ``path`` (this file) that ends with the comment ``# <marker>``."""
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if line.rstrip().endswith(f"# {marker}"):
            return number
    raise AssertionError(f"no line marked {marker!r}")


def at(diagnostic: Diagnostic) -> tuple[str, int]:
    assert diagnostic.file_line is not None, diagnostic
    path, line = diagnostic.file_line
    return Path(path).name, line


def failure(generator: Generator, **options: object) -> CheckFailedError:
    with pytest.raises(CheckFailedError) as caught:
        loom.verilog(generator, **options)  # type: ignore[arg-type]
    return caught.value


def errors(error: CheckFailedError) -> list[Diagnostic]:
    return [d for d in error.diagnostics if d.severity == ERROR]


class Latch(Generator):
    def __init__(self) -> None:
        super().__init__()
        self.en = self.input("en")
        self.d = self.input("d", 8)
        self.o = self.output("o", 8)
        self.e = self.output("e", 8)

    @always_comb
    def pick(self) -> None:
        self.e = 0
        if self.en:  # latch-if
            self.o = self.d  # latch-assign
            self.e = self.d


def test_latch_is_reported_at_the_assignment_with_a_note_at_the_if() -> None:
    error = failure(Latch())
    [latch] = errors(error)
    assert latch.message == "'o' is not assigned on every path through this always_comb: it will be inferred as a latch"
    assert at(latch) == (HERE.name, line_of("latch-assign"))
    assert [at(note) for note in latch.notes] == [(HERE.name, line_of("latch-if"))]
    assert "self.o = self.d  # latch-assign" in str(error)


class ResetOnly(Generator):
    def __init__(self) -> None:
        super().__init__()
        self.clock()
        self.arst_n = self.reset("arst_n", asynchronous=True, active_low=True)
        self.d = self.input("d", 8)
        self.o = self.output("o", 8)
        self.p = self.output("p", 8)

    @always_ff((posedge, "clk"), (negedge, "arst_n"))
    def update(self) -> None:
        if ~self.arst_n:
            self.o = 0
            self.p = 1  # reset-only
        else:
            self.o = self.d


def test_flop_assigned_only_on_reset_is_a_latch() -> None:
    [latch] = errors(failure(ResetOnly()))
    assert latch.message.startswith("'p' is assigned on reset but never in the clocked branch")
    assert at(latch) == (HERE.name, line_of("reset-only"))


class Sensitivity(Generator):
    def __init__(self) -> None:
        super().__init__()
        self.clock()
        self.rst = self.reset("rst")
        self.en = self.input("en")
        self.d = self.input("d", 8)
        self.o = self.output("o", 8)
        self.p = self.output("p", 8)

    @always_ff((posedge, "clk"), (posedge, "rst"))
    def update(self) -> None:  # sync-reset-in-list
        if self.rst:
            self.o = 0
        else:
            self.o = self.d

    @always_ff((posedge, "en"))
    def gated(self) -> None:  # data-as-clock
        self.p = self.d


def test_sensitivity_lists_take_clocks_and_asynchronous_resets_only() -> None:
    first, second = errors(failure(Sensitivity()))
    assert first.message.startswith("'rst' is declared a synchronous reset but is in the sensitivity list")
    assert at(first) == (HERE.name, line_of("sync-reset-in-list"))
    assert second.message.startswith("'en' is a data signal used as the clock of this always_ff")
    assert at(second) == (HERE.name, line_of("data-as-clock"))


class MixedResets(Generator):
    def __init__(self) -> None:
        super().__init__()
        self.clock()
        self.arst = self.reset("arst", asynchronous=True)
        self.d = self.input("d", 8)
        self.o = self.output("o", 8)
        self.p = self.output("p", 8)

    @always_ff((posedge, "clk"), (posedge, "arst"))
    def asynchronous(self) -> None:  # async-use
        if self.arst:
            self.o = 0
        else:
            self.o = self.d

    @always_ff((posedge, "clk"))
    def synchronous(self) -> None:
        if self.arst:  # sync-use
            self.p = 0
        else:
            self.p = self.d


def test_an_asynchronous_reset_is_not_also_a_synchronous_one() -> None:
    [mixed] = errors(failure(MixedResets()))
    assert "reset styles are mixed" in mixed.message
    assert at(mixed) == (HERE.name, line_of("sync-use"))
    assert [at(note) for note in mixed.notes] == [(HERE.name, line_of("async-use"))]


class Simulation(Generator):
    def __init__(self) -> None:
        super().__init__()
        self.clock()
        self.d = self.input("d", 8)
        self.o = self.output("o", 8)

    @always_ff((posedge, "clk"))
    def update(self) -> None:
        assert_(self.d != 3, "d must not be 3")  # sim-assert
        display("d = %d", self.d)  # sim-display
        self.o = self.d


def test_non_synthesizable_content_when_asked_for() -> None:
    assert "Simulation" in loom.verilog(Simulation())  # not a default check, as in kratos
    found = errors(failure(Simulation(), passes="check-non-synthesizable-content"))
    # The frontend writes the assertion under `ifndef SYNTHESIS: simulation only, so not reported.
    assert [(d.message.split(": ", 1)[1], at(d)) for d in found] == [
        ("$fwrite/$display (simulation output)", (HERE.name, line_of("sim-display"))),
    ]


def test_problems_of_several_generators_are_reported_together() -> None:
    class Both(Generator):
        def __init__(self) -> None:
            super().__init__()
            self.en = self.input("en")
            self.d = self.input("d", 8)
            self.add_child("latch", Latch(), en=self.en, d=self.d)
            self.add_child("only", ResetOnly(), clk=self.clock(), arst_n=self.reset("arst_n", asynchronous=True,
                                                                                         active_low=True), d=self.d)

    error = failure(Both())
    assert sorted(at(d)[1] for d in errors(error)) == sorted([line_of("latch-assign"), line_of("reset-only")])
    assert str(error).startswith("loom-checks failed with 2 errors:")

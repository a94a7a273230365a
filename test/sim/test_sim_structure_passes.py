"""Structure passes in simulation: the design behaves the same before and after (latency accounted).

Each test builds a design twice, without the pass and with it, simulates both
on the same random stimulus with Icarus and compares every cycle, and checks
the transformed design against a Python model and Verilator's lint. (The
"before" designs are only simulated: their dead logic or unused enable is
exactly what lint complains about and what the passes remove.)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pytest
from simulate import Interface, PortSpec, Values, compare, lint, random_stimulus, reset_first, simulate, tools_available

import loom
from loom import Generator, always_ff, negedge, posedge
from loom.passes import IRVisitor, Port

pytestmark = pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")

CYCLES = 60


def build(top: Generator, work_dir: Path, passes: str = "", **options: object) -> list[Path]:
    return loom.emit(top, work_dir, emit_locations=False, default_passes=False, passes=passes,
                     **options)  # type: ignore[arg-type]


def run(files: list[Path], interface: Interface, stimulus: list[dict[str, int]], work_dir: Path) -> list[Values]:
    return simulate(files, interface, stimulus, work_dir)


# -- insert-pipeline-stages ------------------------------------------------------


class Alu(Generator):
    """``o = a + b`` (combinational) and ``q = a`` registered; pipelined when ``stages`` is set."""

    def __init__(self, stages: int = 0) -> None:
        super().__init__("Alu")
        self.clock()
        a, b = self.input("a", 8), self.input("b", 8)
        self.output("o", 8).assign(a + b)
        held = self.reg("held", 8, reset=False)
        held.assign(a)
        self.output("q", 8).assign(held)
        if stages:
            self.add_attribute("pipeline", str(stages))


class PipeTop(Generator):
    def __init__(self, stages: int = 0) -> None:
        super().__init__("PipeTop")
        clk = self.clock()
        a, b = self.input("a", 8), self.input("b", 8)
        alu = self.add_child("alu", Alu(stages), clk=clk, a=a, b=b)
        self.output("o", 8).assign(alu.o)
        self.output("q", 8).assign(alu.q)


def test_insert_pipeline_stages_delays_every_output_by_the_stage_count(tmp_path: Path) -> None:
    stages = 2
    interface = Interface.of(PipeTop())
    stimulus = random_stimulus(interface, CYCLES, seed=1)
    before = run(build(PipeTop(stages), tmp_path / "before"), interface, stimulus, tmp_path / "sim0")
    files = build(PipeTop(stages), tmp_path / "after", passes="insert-pipeline-stages")
    lint(files, "PipeTop")
    assert "o_stage_1" in (tmp_path / "after" / "Alu.sv").read_text()
    after = run(files, interface, stimulus, tmp_path / "sim1")
    # Latency accounted: the output at cycle i is the unpipelined output at cycle i - stages.
    expected: list[Values] = [{"o": None, "q": None}] * stages + before[:-stages]
    compare(after, expected, stimulus)
    model = [{"o": None if i < stages else (stimulus[i - stages]["a"] + stimulus[i - stages]["b"]) & 0xFF,
              "q": None if i < stages + 1 else stimulus[i - stages - 1]["a"]} for i in range(CYCLES)]
    compare(after, model, stimulus)


# -- remove-pass-through-modules -------------------------------------------------


class Buffer(Generator):
    """Pure wiring: two outputs from one input, one straight through."""

    def __init__(self) -> None:
        super().__init__("Buffer")
        i, j = self.input("i", 8), self.input("j", 8)
        self.output("o1", 8).assign(i)
        self.output("o2", 8).assign(j)


class Delay(Generator):
    def __init__(self) -> None:
        super().__init__("Delay")
        self.clock()
        self.reset()
        d = self.input("d", 8)
        r = self.reg("r", 8)
        r.assign(d)
        self.output("q", 8).assign(r)


class ThroughTop(Generator):
    def __init__(self) -> None:
        super().__init__("ThroughTop")
        clk, rst = self.clock(), self.reset()
        a, b = self.input("a", 8), self.input("b", 8)
        buffer = Buffer()
        first = self.add_child("buf0", buffer, i=a, j=b)
        second = self.add_child("buf1", buffer, i=first.o2, j=first.o1)
        delay = self.add_child("dly", Delay(), clk=clk, rst=rst, d=second.o1 ^ second.o2)
        self.output("x", 8).assign(delay.q)
        self.output("y", 8).assign(second.o1)


def test_remove_pass_through_modules_keeps_behaviour(tmp_path: Path) -> None:
    interface = Interface.of(ThroughTop())
    stimulus = random_stimulus(interface, CYCLES, seed=2, overrides={"rst": reset_first()})
    before_files = build(ThroughTop(), tmp_path / "before")
    assert "Buffer" in {f.stem for f in before_files}
    before = run(before_files, interface, stimulus, tmp_path / "sim0")
    files = build(ThroughTop(), tmp_path / "after", passes="remove-pass-through-modules")
    assert {f.stem for f in files} == {"ThroughTop", "Delay"}
    lint(files, "ThroughTop")
    after = run(files, interface, stimulus, tmp_path / "sim1")
    compare(after, before, stimulus)
    model = [{"x": None, "y": s["b"]} for s in stimulus]
    for i in range(1, CYCLES):
        model[i]["x"] = 0 if stimulus[i - 1]["rst"] else stimulus[i - 1]["a"] ^ stimulus[i - 1]["b"]
    compare(after, model, stimulus)


# -- dead-code-elimination -------------------------------------------------------


class Worker(Generator):
    """``o = a + 1``; a free-running counter of ``b`` comes out on ``dbg``, which nobody reads."""

    def __init__(self) -> None:
        super().__init__("Worker")
        self.clock()
        self.reset()
        a, b = self.input("a", 8), self.input("b", 8)
        count = self.reg("count", 8)
        count.assign(count + b)
        self.output("o", 8).assign(a + 1)
        self.output("dbg", 8).assign(count)


class Probe(Generator):
    def __init__(self) -> None:
        super().__init__("Probe")
        self.output("o", 8).assign(self.input("a", 8) ^ 0x5A)


class DeadTop(Generator):
    def __init__(self) -> None:
        super().__init__("DeadTop")
        clk, rst = self.clock(), self.reset()
        a = self.input("a", 8)
        worker = self.add_child("w", Worker(), clk=clk, rst=rst, a=a, b=a)
        probe = self.add_child("p", Probe(), a=worker.dbg)
        spare = self.var("spare", 8)
        spare.assign(probe.o ^ a)
        total = self.reg("total", 8)
        total.assign(worker.o)
        self.output("y", 8).assign(total)


def test_dead_code_elimination_keeps_behaviour(tmp_path: Path) -> None:
    interface = Interface.of(DeadTop())
    stimulus = random_stimulus(interface, CYCLES, seed=3, overrides={"rst": reset_first()})
    before = run(build(DeadTop(), tmp_path / "before"), interface, stimulus, tmp_path / "sim0")
    files = build(DeadTop(), tmp_path / "after", passes="dead-code-elimination")
    assert {f.stem for f in files} == {"DeadTop", "Worker"}
    worker = (tmp_path / "after" / "Worker.sv").read_text()
    assert "count" not in worker and "dbg" not in worker and " b" not in worker
    assert "spare" not in (tmp_path / "after" / "DeadTop.sv").read_text()
    lint(files, "DeadTop")
    after = run(files, interface, stimulus, tmp_path / "sim1")
    compare(after, before, stimulus)


# -- auto-insert-clock-enable ----------------------------------------------------


class Acc(Generator):
    def __init__(self) -> None:
        super().__init__("Acc")
        self.clock()
        self.reset()
        d = self.input("d", 8)
        acc = self.reg("acc", 8)
        acc.assign(acc + d)
        self.output("o", 8).assign(acc)


class Free(Generator):
    """A register that must keep running: marked dont_touch."""

    def __init__(self) -> None:
        super().__init__("Free")
        self.clock()
        d = self.input("d", 8)
        r = self.reg("r", 8, reset=False)
        r.assign(d)
        self.output("o", 8).assign(r)
        self.add_attribute("dont_touch")


class EnableTop(Generator):
    def __init__(self) -> None:
        super().__init__("EnableTop")
        clk, rst = self.clock(), self.reset()
        self.clock_en()
        d = self.input("d", 8)
        acc = self.add_child("acc0", Acc(), clk=clk, rst=rst, d=d)
        free = self.add_child("free0", Free(), clk=clk, d=d)
        self.output("acc", 8).assign(acc.o)
        self.output("free", 8).assign(free.o)


class EnableModel:
    """The accumulator only moves in enabled cycles (reset is not gated); ``free`` always follows ``d``."""

    def __init__(self) -> None:
        self.acc: int | None = None
        self.free: int | None = None

    def __call__(self, inputs: Mapping[str, int]) -> Values:
        outputs: Values = {"acc": self.acc, "free": self.free}
        if inputs["rst"]:
            self.acc = 0
        elif inputs["clk_en"] and self.acc is not None:
            self.acc = (self.acc + inputs["d"]) & 0xFF
        self.free = inputs["d"]
        return outputs


def test_auto_insert_clock_enable_gates_all_but_dont_touch(tmp_path: Path) -> None:
    interface = Interface.of(EnableTop())
    stimulus = random_stimulus(interface, CYCLES, seed=4,
                               overrides={"rst": reset_first(), "clk_en": lambda rng, cycle: rng.getrandbits(1)})
    files = build(EnableTop(), tmp_path / "after", passes="auto-insert-clock-enable")
    lint(files, "EnableTop")
    assert "clk_en" in (tmp_path / "after" / "Acc.sv").read_text()
    assert "clk_en" not in (tmp_path / "after" / "Free.sv").read_text()
    after = run(files, interface, stimulus, tmp_path / "sim1")
    model = EnableModel()
    compare(after, [model(s) for s in stimulus], stimulus)
    # With the enable held high, the gated design behaves exactly like the original.
    always_on = [{**s, "clk_en": 1} for s in stimulus]
    before = run(build(EnableTop(), tmp_path / "before"), interface, always_on, tmp_path / "sim0")
    compare(run(files, interface, always_on, tmp_path / "sim2"), before, always_on)


# -- the reference's user pass, end to end -------------------------------------------


def rename_out(generator) -> None:
    class Visitor(IRVisitor):
        def visit(self, node) -> None:
            if isinstance(node, Port) and node.name == "out":
                node.name = "test"

    Visitor().visit_root(generator)


class Inc(Generator):
    def __init__(self) -> None:
        super().__init__("Inc")
        self.output("out", 8).assign(self.input("a", 8) + 1)


class IncTop(Generator):
    def __init__(self) -> None:
        super().__init__("IncTop")
        a = self.input("a", 8)
        inc = Inc()
        first = self.add_child("i0", inc, a=a)
        second = self.add_child("i1", inc, a=first.out)
        self.output("out", 8).assign(second.out)


def test_renaming_pass_from_the_reference(tmp_path: Path) -> None:
    files = loom.emit(IncTop(), tmp_path / "rtl", emit_locations=False, additional_passes={"name_change": rename_out})
    lint(files, "IncTop")
    interface = replace(Interface.of(IncTop()), outputs=(PortSpec("test", 8),))
    stimulus = random_stimulus(interface, 20, seed=5)
    after = run(files, interface, stimulus, tmp_path / "sim")
    compare(after, [{"test": (s["a"] + 2) & 0xFF} for s in stimulus], stimulus)


# -- procedural blocks: clock enable and dead-code elimination ---------------------------


class AsyncAcc(Generator):
    """Accumulates ``d`` (asynchronous active-low reset); ``dbg`` (a second block) counts edges, unread."""

    def __init__(self) -> None:
        super().__init__("AsyncAcc")
        self.clk = self.clock()
        self.rst_n = self.reset("rst_n", asynchronous=True, active_low=True)
        self.d = self.input("d", 8)
        self.acc = self.output("acc", 8)
        self.dbg = self.output("dbg", 8)

    @always_ff((posedge, "clk"), (negedge, "rst_n"))
    def update(self) -> None:
        if ~self.rst_n:
            self.acc = 0
        else:
            self.acc = self.acc + self.d

    @always_ff((posedge, "clk"))
    def edges(self) -> None:
        self.dbg = self.dbg + 1


class ProceduralTop(Generator):
    def __init__(self) -> None:
        super().__init__("ProceduralTop")
        clk = self.clock()
        rst_n = self.reset("rst_n", asynchronous=True, active_low=True)
        self.clock_en()
        d = self.input("d", 8)
        acc = self.add_child("acc0", AsyncAcc(), clk=clk, rst_n=rst_n, d=d)
        self.output("acc", 8).assign(acc.acc)


class GatedAccModel:
    """The reset acts at once and ungated; the accumulator moves only in enabled cycles."""

    def __init__(self) -> None:
        self.acc: int | None = None

    def __call__(self, inputs: Mapping[str, int]) -> Values:
        if not inputs["rst_n"]:
            self.acc = 0
        outputs: Values = {"acc": self.acc}
        if inputs["rst_n"] and inputs["clk_en"] and self.acc is not None:
            self.acc = (self.acc + inputs["d"]) & 0xFF
        return outputs


def test_clock_enable_and_dead_code_in_procedural_blocks(tmp_path: Path) -> None:
    interface = Interface.of(ProceduralTop())
    stimulus = random_stimulus(interface, CYCLES, seed=6, overrides={
        "rst_n": lambda rng, cycle: 0 if cycle == 0 or rng.random() < 0.05 else 1,
        "clk_en": lambda rng, cycle: rng.getrandbits(1)})
    files = build(ProceduralTop(), tmp_path / "after", passes="dead-code-elimination, auto-insert-clock-enable")
    child = (tmp_path / "after" / "AsyncAcc.sv").read_text()
    assert "dbg" not in child and "clk_en" in child
    lint(files, "ProceduralTop")
    after = run(files, interface, stimulus, tmp_path / "sim")
    model = GatedAccModel()
    compare(after, [model(s) for s in stimulus], stimulus)

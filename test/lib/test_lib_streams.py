"""SkidBuffer, SyncFifo and the stream helpers, simulated against queue models under back-pressure.

The models are written from the components' documented behaviour: a skid
buffer is a 2-word queue whose ``enq_ready`` says "fewer than 2 words"; a FIFO
is a queue of ``depth`` words. Valid and ready are driven by random bits whose
probability changes every 64 cycles, so queues fill up and drain. Every cycle,
every output is compared; ``observe`` checks properties of the design's own
outputs (the count never exceeds the depth, ``enq_ready`` is 0 exactly when
full).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from bench import Case, Values, bit, phases, reset_first, run, sim
from loom import Array, Generator, Struct, verilog
from loom.lib import SkidBuffer, Stream, SyncFifo, buffer, connect, fire, register

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sim.tools_available(), reason="needs verilator and iverilog")]

CYCLES = 1500
PIXEL = Struct("pixel_t", r=5, g=6, b=5)
LANES = Array(5, 3)  # (Icarus cannot take a packed array of structs as a port: `pixel_t[1:0]`)


class QueueModel:
    """A queue of ``capacity`` words with stream ports (``enq_*``, ``deq_*``) and FIFO extras.

    ``standard=True`` models the FIFO's standard read port (``rd_en``, ``rd_data``
    one cycle later, ``rd_valid``, ``empty``) instead of ``deq_*``.
    """

    def __init__(self, capacity: int, *, standard: bool = False, count: bool = False, almost_full: int = 0,
                 almost_empty: int = 0):
        self.capacity = capacity
        self.standard = standard
        self.count = count
        self.almost_full = almost_full
        self.almost_empty = almost_empty
        self.words: list[int] | None = None  # unknown until the first reset
        self.popped: int | None = None

    def outputs(self) -> Values:
        words = self.words
        if words is None:
            return {}
        out: Values = {"enq_ready": int(len(words) < self.capacity)}
        if self.standard:
            out.update(rd_valid=int(self.popped is not None), rd_data=self.popped, empty=int(not words))
        else:
            out.update(deq_valid=int(bool(words)), deq_data=words[0] if words else None)
        if self.count:
            out["count"] = len(words)
        if self.almost_full:
            out["almost_full"] = int(len(words) >= self.almost_full)
        if self.almost_empty:
            out["almost_empty"] = int(len(words) <= self.almost_empty)
        return out

    def __call__(self, inputs: Mapping[str, int]) -> Values:
        out = self.outputs()
        if inputs["rst"]:
            self.words, self.popped = [], None
            return out
        words = self.words
        if words is None:
            return out
        pop = (inputs["rd_en"] if self.standard else inputs["deq_ready"]) and words
        push = inputs["enq_valid"] and len(words) < self.capacity
        self.popped = words.pop(0) if pop else None
        if push:
            words.append(inputs["enq_data"])
        return out


def never_overfull(depth: int):
    """A property of the design's outputs: ``count <= depth``, and ``enq_ready == 0`` exactly when full."""
    def check(_inputs: Sequence[Mapping[str, int]], rows: Sequence[Values]) -> None:
        for cycle, row in enumerate(rows):
            if row["count"] is None:
                continue
            assert row["count"] <= depth, f"cycle {cycle}: count {row['count']} > depth {depth}"
            assert row["enq_ready"] == int(row["count"] < depth), f"cycle {cycle}: enq_ready wrong at {row}"
    return check


def stream_picks(enq: tuple[float, ...], deq: tuple[float, ...], ready: str = "deq_ready") -> dict:
    return {"rst": reset_first(), "enq_valid": phases(*enq), ready: phases(*deq)}


class StreamChain(Generator):
    """The helpers at work: input stream -> register() -> buffer(depth 3) -> register() -> connect() to output."""

    def __init__(self) -> None:
        super().__init__("StreamChain")
        self.clock()
        self.reset()
        src = self.port_bundle("src", Stream(PIXEL).flip())
        snk = self.port_bundle("snk", Stream(PIXEL))
        staged = register(self, "stage0", src)
        queued = buffer(self, "queue", staged, depth=3)
        connect(self, register(self, "stage1", queued), snk)
        self.output("moved").assign(fire(snk))


class ChainModel:
    """Skid (2) + FIFO (3) + skid (2): as a whole a queue of up to 7 words with at least 3 cycles of latency.

    Not exactly a 7-word queue (the stages pass words along one per cycle), so the
    model tracks each stage as its own queue and moves words between them.
    """

    def __init__(self) -> None:
        self.stages = [QueueModel(2), QueueModel(3, count=True), QueueModel(2)]

    def __call__(self, inputs: Mapping[str, int]) -> Values:
        first, fifo, last = self.stages
        rst = inputs["rst"]
        a, b, c = (stage.outputs() for stage in self.stages)
        if not a or not b or not c:
            for stage in self.stages:
                stage({"rst": rst, "enq_valid": 0, "deq_ready": 0, "enq_data": 0})
            return {}
        # Each stage's inputs are the neighbouring stages' outputs of the same cycle.
        first({"rst": rst, "enq_valid": inputs["src_valid"], "enq_data": inputs["src_data"],
               "deq_ready": b["enq_ready"]})
        fifo({"rst": rst, "enq_valid": a["deq_valid"], "enq_data": a["deq_data"], "deq_ready": c["enq_ready"]})
        last({"rst": rst, "enq_valid": b["deq_valid"], "enq_data": b["deq_data"], "deq_ready": inputs["snk_ready"]})
        return {"src_ready": a["enq_ready"], "snk_valid": c["deq_valid"], "snk_data": c["deq_data"],
                "moved": c["deq_valid"] & inputs["snk_ready"]}


def test_streams(tmp_path: Path) -> None:
    mixes = ((0.9, 0.3, 0.6), (0.3, 0.9, 0.6))
    cases = [
        Case("skid8", SkidBuffer.create(payload=8), QueueModel(2), stream_picks(*mixes)),
        Case("skidpx", SkidBuffer.create(payload=PIXEL), QueueModel(2), stream_picks(*mixes)),
        Case("skidarr", SkidBuffer.create(payload=Array(Array(2, 2), 2)), QueueModel(2), stream_picks(*mixes)),
        Case("fifoarr", SyncFifo.create(payload=LANES, depth=3, fwft=False), QueueModel(3, standard=True, count=True),
             stream_picks(*mixes, ready="rd_en")),
        Case("fifo2", SyncFifo.create(payload=8, depth=2), QueueModel(2, count=True), stream_picks(*mixes),
             observe=never_overfull(2)),
        Case("fifo5", SyncFifo.create(payload=PIXEL, depth=5, almost_full=4, almost_empty=1),
             QueueModel(5, count=True, almost_full=4, almost_empty=1), stream_picks(*mixes), observe=never_overfull(5)),
        Case("fifo8", SyncFifo.create(payload=3, depth=8), QueueModel(8, count=True, almost_full=6),
             stream_picks(*mixes), params={"ALMOST_FULL": 6}, observe=never_overfull(8)),
        Case("std3", SyncFifo.create(payload=8, depth=3, fwft=False, almost_empty=2),
             QueueModel(3, standard=True, count=True, almost_empty=2), stream_picks(*mixes, ready="rd_en"),
             observe=never_overfull(3)),
        Case("std4", SyncFifo.create(payload=8, depth=4, fwft=False), QueueModel(4, standard=True, count=True),
             stream_picks(*mixes, ready="rd_en"), observe=never_overfull(4)),
        Case("chain", StreamChain(), ChainModel(),
             {"rst": reset_first(), "src_valid": phases(0.9, 0.4), "snk_ready": bit(0.6)}),
    ]
    run("StreamBench", cases, CYCLES, seed=16, work_dir=tmp_path)


def test_conditional_ports_absent_unless_asked() -> None:
    plain = SyncFifo.create(payload=8, depth=4)
    sources = verilog(plain, emit_locations=False)
    ports = sim.port_names(sources[plain.name], plain.name)
    assert "almost_full" not in ports and "almost_empty" not in ports and "count" in ports
    asked = SyncFifo.create(payload=8, depth=4, almost_full=3)
    ports = sim.port_names(verilog(asked, emit_locations=False)[asked.name], asked.name)
    assert "almost_full" in ports and "almost_empty" not in ports

"""AsyncFifo, Synchronizer, PulseSynchronizer and Handshake between two unrelated clocks (7 ns and 10 ns).

Every crossing runs both ways (fast to slow and slow to fast) in one
simulation. The checks read events off the per-edge logs (two_clocks.py) and
compare them with what each component promises:

- FIFO and handshake: the words leave in the order they came, none lost,
  duplicated or made up; a word is never taken before it was put in; the
  FIFO never holds more than ``depth`` words (no overflow) and the handshake
  at most one; both drain completely once the writer stops; and the flags
  are at most ``stages + 2`` cycles late (not needlessly pessimistic).
- Synchronizer: ``q`` at a destination edge is ``d`` as sampled ``stages``
  edges before.
- Pulse synchronizer: one destination pulse per source pulse, in order, each
  within ``stages + 2`` destination cycles.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from pathlib import Path

import pytest
from two_clocks import Clock, Edge, Run, run

from bench import Case, phases, sim
from loom import Struct
from loom.lib import AsyncFifo, Handshake, PulseSynchronizer, Synchronizer

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sim.tools_available(), reason="needs verilator and iverilog")]

FAST = Clock("fast", 7.0, 0.3)   # 0.3 ns offset: no edge of one clock coincides with one of the other
SLOW = Clock("slow", 10.0, 0.0)
PERIOD = {FAST.name: FAST.period, SLOW.name: SLOW.period}
DURATION = 12000.0               # ns
DRAIN = 1500.0                   # ns at the end with no new words and an always-ready reader
PIXEL = Struct("px_t", r=3, g=3, b=2)


def resets(rng: random.Random, cycle: int) -> int:
    return int(cycle < 4)


def until_drain(pick, clock: Clock):
    """``pick`` until the drain phase, then 0 (no new words)."""
    last = int((DURATION - DRAIN) / clock.period)
    return lambda rng, cycle: pick(rng, cycle) if cycle < last else 0


def after_drain(pick, clock: Clock):
    """``pick`` until the drain phase, then 1 (always ready)."""
    last = int((DURATION - DRAIN) / clock.period)
    return lambda rng, cycle: pick(rng, cycle) if cycle < last else 1


def spaced_pulses(min_gap: int):
    """Pulses at random, at least ``min_gap`` cycles apart (the pulse synchronizer's rule)."""
    state = {"last": -min_gap}

    def pick(rng: random.Random, cycle: int) -> int:
        if cycle >= 6 and cycle - state["last"] >= min_gap and rng.random() < 0.3:
            state["last"] = cycle
            return 1
        return 0
    return pick


def stream_crossing(name: str, generator, write: Clock, read: Clock, src: str, dst: str) -> Case:
    """A case for a component with a write-side stream ``src`` and a read-side stream ``dst``."""
    wclk, rclk = ("wr_clk", "rd_clk") if src == "enq" else ("src_clk", "dst_clk")
    wrst, rrst = wclk.replace("clk", "rst"), rclk.replace("clk", "rst")
    return Case(name, generator, model=lambda _inputs: {},
                picks={wrst: resets, rrst: resets, f"{src}_valid": until_drain(phases(0.9, 0.2, 0.6), write),
                       f"{dst}_ready": after_drain(phases(0.2, 0.9, 0.6), read)},
                clocks={wclk: write.name, rclk: read.name},
                domains={wrst: write.name, f"{src}_valid": write.name, f"{src}_data": write.name,
                         rrst: read.name, f"{dst}_ready": read.name})


def transfers(edges: list[Edge], valid: str, ready: str, data: str, reset: str) -> list[tuple[float, int | None]]:
    return [(e.time, e.values[data]) for e in edges
            if not e.values[reset] and e.values[valid] == 1 and e.values[ready] == 1]


def check_stream_crossing(result: Run, case: Case, capacity: int, stages: int) -> int:
    src, dst = ("enq", "deq") if "wr_clk" in case.clocks else ("src", "dst")
    wclk, rclk = (case.clocks["wr_clk"], case.clocks["rd_clk"]) if src == "enq" else \
        (case.clocks["src_clk"], case.clocks["dst_clk"])
    wrst, rrst = ("wr_rst", "rd_rst") if src == "enq" else ("src_rst", "dst_rst")
    writes = result.of(case.name, wclk)
    reads = result.of(case.name, rclk)
    pushed = transfers(writes, f"{src}_valid", f"{src}_ready", f"{src}_data", wrst)
    popped = transfers(reads, f"{dst}_valid", f"{dst}_ready", f"{dst}_data", rrst)
    assert len(pushed) > 50, f"{case.name}: only {len(pushed)} words went in"
    assert [d for _, d in popped] == [d for _, d in pushed], f"{case.name}: words out differ from words in"
    push_times, pop_times = [t for t, _ in pushed], [t for t, _ in popped]
    for k, (time, _) in enumerate(popped):
        assert push_times[k] < time, f"{case.name}: word {k} left at {time} before it came at {push_times[k]}"
    for k, time in enumerate(push_times):
        inside = k - bisect_left(pop_times, time)
        assert inside < capacity, f"{case.name}: push {k} at {time} ns with {inside} words inside (overflow)"
    late_read = (stages + 2) * PERIOD[rclk]
    for edge in reads:
        if edge.values[rrst]:
            continue
        old_words = bisect_left(push_times, edge.time - late_read)
        if old_words > bisect_left(pop_times, edge.time):
            assert edge.values[f"{dst}_valid"] == 1, f"{case.name}: {dst}_valid still 0 at {edge.time} ns"
    late_write = (stages + 2) * PERIOD[wclk]
    for edge in writes:
        if edge.values[wrst] or edge.time < 100:
            continue
        freed = bisect_left(pop_times, edge.time - late_write)
        if bisect_left(push_times, edge.time) - freed < capacity:
            assert edge.values[f"{src}_ready"] == 1, f"{case.name}: {src}_ready still 0 at {edge.time} ns"
    return len(pushed)


def check_synchronizer(result: Run, case: Case, stages: int) -> None:
    edges = result.of(case.name, case.clocks["clk"])
    checked = 0
    for k in range(stages + 4, len(edges)):
        if any(edges[j].values["rst"] for j in range(k - stages, k + 1)):
            continue
        assert edges[k].values["q"] == edges[k - stages].values["d"], f"{case.name}: q wrong at {edges[k].time} ns"
        checked += 1
    assert checked > 500


def check_pulses(result: Run, case: Case, stages: int) -> None:
    source = [e.time for e in result.of(case.name, case.clocks["src_clk"])
              if e.values["src_pulse"] and not e.values["src_rst"]]
    target = [e.time for e in result.of(case.name, case.clocks["dst_clk"]) if e.values["dst_pulse"]]
    assert len(source) > 20 and len(target) == len(source), f"{case.name}: {len(source)} pulses in, {len(target)} out"
    bound = (stages + 2) * PERIOD[case.clocks["dst_clk"]]
    for sent, arrived in zip(source, target, strict=True):
        assert sent < arrived <= sent + bound, f"{case.name}: pulse sent at {sent} ns arrived at {arrived} ns"


def pulse_case(name: str, stages: int, src: Clock, dst: Clock) -> Case:
    gap = int((2 * dst.period + src.period) / src.period) + 1
    return Case(name, PulseSynchronizer.create(stages=stages), model=lambda _inputs: {},
                picks={"src_rst": resets, "dst_rst": resets, "src_pulse": spaced_pulses(gap)},
                clocks={"src_clk": src.name, "dst_clk": dst.name},
                domains={"src_rst": src.name, "src_pulse": src.name, "dst_rst": dst.name})


def sync_case(name: str, width: int, stages: int, src: Clock, dst: Clock) -> Case:
    return Case(name, Synchronizer.create(width=width, stages=stages), model=lambda _inputs: {},
                picks={"rst": resets, "d": lambda rng, _c: rng.getrandbits(width) if rng.random() < 0.3 else 0},
                clocks={"clk": dst.name}, domains={"rst": dst.name, "d": src.name})


def test_crossings(tmp_path: Path) -> None:
    fifos = {  # name: (case, capacity, stages)
        "af8": (stream_crossing("af8", AsyncFifo.create(payload=8, depth=8), FAST, SLOW, "enq", "deq"), 8, 2),
        "af4": (stream_crossing("af4", AsyncFifo.create(payload=PIXEL, depth=4, stages=3), SLOW, FAST, "enq",
                                "deq"), 4, 3),
        "af2": (stream_crossing("af2", AsyncFifo.create(payload=5, depth=2), SLOW, FAST, "enq", "deq"), 2, 2),
        "hs": (stream_crossing("hs", Handshake.create(payload=8), FAST, SLOW, "src", "dst"), 1, 2),
        "hspx": (stream_crossing("hspx", Handshake.create(payload=PIXEL, stages=3), SLOW, FAST, "src", "dst"), 1, 3),
    }
    syncs = {"sy2": (sync_case("sy2", 3, 2, FAST, SLOW), 2), "sy3": (sync_case("sy3", 1, 3, SLOW, FAST), 3)}
    pulses = {"pu2": (pulse_case("pu2", 2, FAST, SLOW), 2), "pu3": (pulse_case("pu3", 3, SLOW, FAST), 3)}
    cases = [c for c, *_ in fifos.values()] + [c for c, _ in syncs.values()] + [c for c, _ in pulses.values()]
    result = run("CrossingBench", cases, [FAST, SLOW], DURATION, seed=7, work_dir=tmp_path)
    for case, capacity, stages in fifos.values():
        check_stream_crossing(result, case, capacity, stages)
    for case, stages in syncs.values():
        check_synchronizer(result, case, stages)
    for case, stages in pulses.values():
        check_pulses(result, case, stages)


def test_async_fifo_depth_must_be_a_power_of_two() -> None:
    from loom import ElaborationError

    with pytest.raises(ElaborationError, match="power of two") as info:
        AsyncFifo(payload=8, depth=6)
    assert __file__ in str(info.value)

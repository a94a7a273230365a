"""Arbiters, encoders, counters, timers, LFSRs and RAMs against Python models, in one simulation.

The models follow the documented behaviour (docs/lib.md). Arbiters are also
checked for their safety properties on the design's own outputs in every
cycle: at most one grant, only to a requester, and ``grant_index`` /
``grant_valid`` agree with ``grant``. The LFSR tap table is checked apart from
the simulation: every entry's characteristic polynomial must be primitive.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from bench import Case, Values, bit, reset_first, run, sim
from loom import Struct
from loom.lib import (
    LFSR_TAPS,
    BinaryToOneHot,
    Counter,
    FixedPriorityArbiter,
    Lfsr,
    OneHotToBinary,
    PriorityEncoder,
    RoundRobinArbiter,
    SimpleDualPortRam,
    SinglePortRam,
    Timer,
)

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sim.tools_available(), reason="needs verilator and iverilog")]

CYCLES = 800


# -- arbiters ---------------------------------------------------------------------------


class ArbiterModel:
    """Fixed priority: the lowest requester. Round robin: the first requester after the last one granted."""

    def __init__(self, n: int, round_robin: bool, lock: bool):
        self.n, self.round_robin, self.lock = n, round_robin, lock
        self.last = n - 1        # round robin: requester 0 first after reset
        self.owner: int | None = None  # lock: the requester whose grant is held
        self.known = not (round_robin or lock)  # stateful arbiters are unknown until reset

    def choose(self, req: int) -> int | None:
        if self.owner is not None:
            return self.owner if req >> self.owner & 1 else None
        order = [(self.last + k) % self.n for k in range(1, self.n + 1)] if self.round_robin else range(self.n)
        return next((i for i in order if req >> i & 1), None)

    def __call__(self, inputs: Mapping[str, int]) -> Values:
        if not self.known and not inputs.get("rst"):
            return {}
        chosen = self.choose(inputs["req"]) if self.known else None
        out: Values = {"grant": 0 if chosen is None else 1 << chosen, "grant_index": chosen or 0,
                       "grant_valid": int(chosen is not None)} if self.known else {}
        if inputs.get("rst"):
            self.known, self.last, self.owner = True, self.n - 1, None
            return out
        if chosen is not None:
            self.last = chosen
        self.owner = chosen if self.lock and inputs["lock"] and chosen is not None else None
        return out


def arbiter_safety(n: int):
    def check(inputs: Sequence[Mapping[str, int]], outputs: Sequence[Values]) -> None:
        for cycle, (given, got) in enumerate(zip(inputs, outputs, strict=True)):
            grant = got["grant"]
            if grant is None:
                continue
            assert grant & (grant - 1) == 0, f"cycle {cycle}: several grants {grant:b}"
            assert grant & ~given["req"] == 0, f"cycle {cycle}: grant {grant:b} to a non-requester (req {given['req']:b})"
            assert got["grant_valid"] == int(grant != 0)
            assert grant == 0 or got["grant_index"] == grant.bit_length() - 1
    return check


def arbiter_case(name: str, n: int, round_robin: bool, lock: bool) -> Case:
    kind = RoundRobinArbiter if round_robin else FixedPriorityArbiter
    picks = {"rst": reset_first(0.01), "lock": bit(0.4)} if round_robin or lock else {}
    return Case(name, kind.create(n=n, lock=lock), ArbiterModel(n, round_robin, lock), picks,
                observe=arbiter_safety(n))


# -- encoders ---------------------------------------------------------------------------


def onehot_to_binary(n: int):
    def model(inputs: Mapping[str, int]) -> Values:
        index = 0
        for i in range(n):
            if inputs["onehot"] >> i & 1:
                index |= i
        return {"index": index, "valid": int(inputs["onehot"] != 0)}
    return model


def binary_to_onehot(n: int):
    return lambda i: {"onehot": (1 << i["index"]) if i["en"] and i["index"] < n else 0}


def priority_encoder(n: int):
    def model(inputs: Mapping[str, int]) -> Values:
        req = inputs["req"]
        return {"index": next((i for i in range(n) if req >> i & 1), n - 1), "valid": int(req != 0)}
    return model


def one_hot_or_zero(n: int):
    """Inputs that are one-hot or zero most of the time (an encoder's intended use), sometimes arbitrary."""
    return lambda rng, _cycle: (1 << rng.randrange(n)) if rng.random() < 0.8 else rng.getrandbits(n)


# -- counters, timers, LFSRs ------------------------------------------------------------


class CounterModel:
    def __init__(self, maximum: int):
        self.maximum = maximum
        self.count: int | None = None

    def __call__(self, i: Mapping[str, int]) -> Values:
        out: Values = {"count": self.count,
                       "wrap": None if self.count is None else int(bool(i["en"]) and self.count == self.maximum)}
        if i["rst"] or i["clear"]:
            self.count = 0
        elif i["en"] and self.count is not None:
            self.count = 0 if self.count == self.maximum else self.count + 1
        return out


class TimerModel:
    """``expired`` ``duration`` cycles after the start cycle; ``busy`` in between."""

    def __init__(self) -> None:
        self.left: int | None = None   # cycles until expiry, counting this one

    def __call__(self, i: Mapping[str, int]) -> Values:
        left = self.left
        out: Values = {} if left is None else {"busy": int(left > 0), "expired": int(left == 1)}
        if i["rst"]:
            self.left = 0
        elif left is not None:
            self.left = i["duration"] if i["start"] else max(0, left - 1)
        return out


class LfsrModel:
    def __init__(self, width: int, seed: int):
        self.width, self.seed = width, seed
        self.state: int | None = None

    def __call__(self, i: Mapping[str, int]) -> Values:
        out: Values = {"state": self.state}
        if i["rst"]:
            self.state = self.seed
        elif i["en"] and self.state is not None:
            new = 0
            for tap in LFSR_TAPS[self.width]:
                new ^= self.state >> (tap - 1) & 1
            self.state = (self.state << 1 | new) & ((1 << self.width) - 1)
        return out


# -- RAMs -----------------------------------------------------------------------------------


class RamModel:
    """Words start as ``init`` (padded with 0) or unknown; the read register is unknown until first read."""

    def __init__(self, depth: int, init: tuple[int, ...] | None, dual: bool):
        self.words: list[int | None] = (list(init) + [0] * (depth - len(init))) if init is not None else [None] * depth
        self.dual = dual
        self.rdata: int | None = None

    def __call__(self, i: Mapping[str, int]) -> Values:
        out: Values = {"rdata": self.rdata}
        if self.dual:
            read, raddr, write, waddr = i["re"], i["raddr"], i["we"], i["waddr"]
        else:
            read, raddr, write, waddr = i["en"], i["addr"], i["en"] and i["we"], i["addr"]
        if read:
            self.rdata = self.words[raddr]   # the old word, also when written at this edge
        if write:
            self.words[waddr] = i["wdata"]
        return out


SAMPLE = Struct("sample_t", tag=3, value=9)


def test_logic(tmp_path: Path) -> None:
    cases = [
        arbiter_case("fp4", 4, round_robin=False, lock=False),
        arbiter_case("fp5l", 5, round_robin=False, lock=True),
        arbiter_case("rr3", 3, round_robin=True, lock=False),
        arbiter_case("rr8", 8, round_robin=True, lock=False),
        arbiter_case("rr5l", 5, round_robin=True, lock=True),
        Case("oh2b", OneHotToBinary.create(n=6), onehot_to_binary(6), {"onehot": one_hot_or_zero(6)}),
        Case("b2oh", BinaryToOneHot.create(n=5), binary_to_onehot(5), {"en": bit(0.8)}),
        Case("prio", PriorityEncoder.create(n=7), priority_encoder(7)),
        Case("cnt4", Counter.create(width=4), CounterModel(15),
             {"rst": reset_first(0.01), "en": bit(0.8), "clear": bit(0.02)}),
        Case("cnt10", Counter.create(width=4, maximum=9), CounterModel(9),
             {"rst": reset_first(0.01), "en": bit(0.8), "clear": bit(0.02)}),
        Case("timer", Timer.create(width=4), TimerModel(),
             {"rst": reset_first(0.005), "start": bit(0.08)}),
        Case("lfsr5", Lfsr.create(width=5), LfsrModel(5, 1), {"rst": reset_first(0.005), "en": bit(0.9)}),
        Case("lfsr16", Lfsr.create(width=16, seed=0xACE1), LfsrModel(16, 0xACE1),
             {"rst": reset_first(0.005), "en": bit(0.9)}),
        Case("sp", SinglePortRam.create(payload=8, depth=6, init=(5, 6, 7)), RamModel(6, (5, 6, 7), dual=False),
             {"en": bit(0.7), "we": bit(0.4), "addr": lambda rng, _c: rng.randrange(6)}),
        Case("sdp", SimpleDualPortRam.create(payload=SAMPLE, depth=8), RamModel(8, None, dual=True),
             {"we": bit(0.5), "re": bit(0.7)}),
    ]
    run("LogicBench", cases, CYCLES, seed=61, work_dir=tmp_path)


# -- LFSR taps ------------------------------------------------------------------------------


def _polymulmod(a: int, b: int, modulus: int, degree: int) -> int:
    """a * b mod ``modulus`` over GF(2), polynomials as bit masks."""
    result = 0
    while b:
        if b & 1:
            result ^= a
        b >>= 1
        a <<= 1
        if a >> degree & 1:
            a ^= modulus
    return result


def _power_of_x(exponent: int, modulus: int, degree: int) -> int:
    result, base = 1, 2
    while exponent:
        if exponent & 1:
            result = _polymulmod(result, base, modulus, degree)
        base = _polymulmod(base, base, modulus, degree)
        exponent >>= 1
    return result


def _prime_factors(value: int) -> set[int]:
    factors, candidate = set(), 2
    while candidate * candidate <= value:
        while value % candidate == 0:
            factors.add(candidate)
            value //= candidate
        candidate += 1
    if value > 1:
        factors.add(value)
    return factors


@pytest.mark.parametrize("width", sorted(LFSR_TAPS))
def test_lfsr_taps_are_maximal(width: int) -> None:
    """x has order 2**w - 1 modulo the characteristic polynomial (so it is primitive: the period is maximal)."""
    polynomial = 1 << width
    for tap in LFSR_TAPS[width]:
        polynomial |= 1 << (width - tap)
    period = (1 << width) - 1
    assert _power_of_x(period, polynomial, width) == 1
    for prime in _prime_factors(period):
        assert _power_of_x(period // prime, polynomial, width) != 1, f"width {width}: period divides {period // prime}"


def test_lfsr_period_small_widths() -> None:
    """Stepping the model visits every non-zero state once for the widths up to 12 (a direct check)."""
    for width in range(2, 13):
        model = LfsrModel(width, 1)
        model({"rst": 1, "en": 0})
        seen = set()
        while model.state not in seen:
            seen.add(model.state)
            model({"rst": 0, "en": 1})
        assert len(seen) == (1 << width) - 1 and model.state == 1

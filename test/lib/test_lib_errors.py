"""loom.lib's argument checks and create() sharing (no simulation).

A bad argument is an ElaborationError that names the component, the argument
and the rule, located at the line of this file that made the component.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from loom import ElaborationError, Generator, Struct, verilog
from loom.lib import (
    AsyncFifo,
    Counter,
    FixedPriorityArbiter,
    Handshake,
    Lfsr,
    RoundRobinArbiter,
    SimpleDualPortRam,
    SinglePortRam,
    SkidBuffer,
    Stream,
    SyncFifo,
    Synchronizer,
    connect,
    fire,
    register,
)

BAD: list[tuple[Callable[[], object], str]] = [
    (lambda: SyncFifo(payload=8, depth=1), "SyncFifo: 'depth' must be at least 2, got 1"),
    (lambda: SyncFifo(payload=8, depth=4, almost_full=5), "'almost_full' must be in [1, 4], got 5"),
    (lambda: SyncFifo(payload=8, depth=4, fwft=1), "'fwft' must be True or False"),
    (lambda: SyncFifo(payload=0), "'payload' must be at least 1"),
    (lambda: SkidBuffer(payload="8"), "'payload' must be an int"),
    (lambda: AsyncFifo(payload=8, depth=12), "must be a power of two"),
    (lambda: AsyncFifo(payload=8, depth=8, stages=1), "'stages' must be in [2, 4]"),
    (lambda: Synchronizer(width=0), "'width' must be at least 1"),
    (lambda: Handshake(payload=8, stages=5), "'stages' must be in [2, 4]"),
    (lambda: RoundRobinArbiter(n=1), "'n' must be at least 2"),
    (lambda: FixedPriorityArbiter(n=4, lock="yes"), "'lock' must be True or False"),
    (lambda: Counter(width=4, maximum=16), "'maximum' must be in [1, 15], got 16"),
    (lambda: Lfsr(width=40), "no taps for width 40; widths with maximal-length taps: 2 to 32"),
    (lambda: Lfsr(width=4, seed=0), "'seed' must be in [1, 15], got 0"),
    (lambda: SinglePortRam(payload=8, depth=4, init=[1, 2]), "'init' must be a tuple of ints"),
    (lambda: SimpleDualPortRam(payload=4, depth=2, init=(1, 2, 3)), "'init' has 3 words, the RAM only 2"),
    (lambda: SimpleDualPortRam(payload=4, depth=4, init=(1, 16)), "'init[1]' must be in [0, 15], got 16"),
]


@pytest.mark.parametrize("make, message", BAD, ids=[m for _, m in BAD])
def test_bad_arguments_are_reported_at_the_users_line(make: Callable[[], object], message: str) -> None:
    with pytest.raises(ElaborationError) as info:
        make()
    assert message in info.value.message
    location = re.match(r"(.+):(\d+):\d+", info.value.location or "")
    assert location is not None and location[1] == __file__, info.value.location
    with open(__file__) as source:
        assert "lambda: " in source.read().splitlines()[int(location[2]) - 1]  # the line in BAD that made it


class Mismatched(Generator):
    def __init__(self) -> None:
        super().__init__("Mismatched")
        a = self.port_bundle("a", Stream(8).flip())
        b = self.port_bundle("b", Stream(Struct("word_t", hi=4, lo=4)))
        connect(self, a, b)


class NotAStream(Generator):
    def __init__(self) -> None:
        super().__init__("NotAStream")
        fire(self.input("x"))


class TwoClocks(Generator):
    def __init__(self) -> None:
        super().__init__("TwoClocks")
        self.clock("a_clk")
        self.clock("b_clk")
        self.reset()
        register(self, "stage", self.port_bundle("src", Stream(8).flip()))


def test_stream_helper_errors() -> None:
    with pytest.raises(ElaborationError, match="'TwoClocks' has 2 clock ports; pass clk= explicitly"):
        TwoClocks()
    with pytest.raises(ElaborationError, match="carries 8-bit words but .* carries struct 'word_t'"):
        Mismatched()
    with pytest.raises(ElaborationError, match="fire: expected a stream bundle"):
        NotAStream()


class TwoFifos(Generator):
    """Two FIFOs with equal arguments (one definition) and one with other arguments."""

    def __init__(self) -> None:
        super().__init__("TwoFifos")
        clk, rst = self.clock(), self.reset()
        self.fifos = [SyncFifo.create(payload=8, depth=4), SyncFifo.create(payload=8, depth=4),
                      SyncFifo.create(payload=8, depth=5)]
        for i, fifo in enumerate(self.fifos):
            enq, deq = self.port_bundle(f"enq{i}", Stream(8).flip()), self.port_bundle(f"deq{i}", Stream(8))
            self.add_child(f"f{i}", fifo, clk=clk, rst=rst, enq=enq, deq=deq, count=self.output(f"count{i}", 3))


def test_create_shares_definitions() -> None:
    top = TwoFifos()
    first, second, third = top.fifos
    assert second.is_cloned and second.def_instance is first and not third.is_cloned
    modules = verilog(top, emit_locations=False)
    assert sorted(name for name in modules if name.startswith("SyncFifo")) == ["SyncFifo_8_d4_fwft",
                                                                                "SyncFifo_8_d5_fwft"]

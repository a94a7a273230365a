"""kratos's per-index blocks (issues 15 and 17): one block per index, each driving its own part of a shared
signal, simulated (Icarus) against Python models and linted (verilator -Wall).

Designs:

- ``Invert``: four ``always_comb`` blocks, block k drives ``o[k] = ~i[k]`` (the kratos idiom of issue 17);
- ``Lanes``: an unpacked array ``lane`` of four 4-bit elements, block k drives ``lane[k] = i[4k+3:4k] + k``,
  and one more block packs them into ``o`` (lane 0 in the low bits); two ``always_ff`` blocks on the same
  clock each register one 2-bit slice of ``q``: ``q[2k+1:2k]`` takes ``i[2k+1:2k]`` at each edge, and a
  third ``always_comb`` drives ``q[7:4]`` as ``~i[7:4]``.

The models are written from these descriptions, not from loom's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from simulate import check_against_model, random_stimulus, tools_available

from loom import ElaborationError, Generator, UnpackedArray, always_comb, always_ff, posedge, verilog

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not tools_available(), reason="needs verilator and iverilog")]


class Invert(Generator):
    def __init__(self) -> None:
        super().__init__("Invert")
        self.i = self.input("i", 4)
        self.o = self.output("o", 4)
        for k in range(4):
            self.add_always(self.set_bit, idx=k)

    @always_comb
    def set_bit(self, idx: int) -> None:
        self.o[idx] = ~self.i[idx]


class Lanes(Generator):
    def __init__(self) -> None:
        super().__init__("Lanes")
        self.clk = self.clock("clk")
        self.i = self.input("i", 16)
        self.lane = self.var("lane", UnpackedArray(4, 4))
        self.o = self.output("o", 16)
        self.q = self.output("q", 8)
        for k in range(4):
            self.add_always(self.set_lane, idx=k)
        self.add_always(self.pack)
        for k in range(2):
            self.add_always(self.register, idx=k)
        self.add_always(self.high)

    @always_comb
    def set_lane(self, idx: int) -> None:
        self.lane[idx] = self.i[4 * idx + 3:4 * idx] + idx

    @always_comb
    def pack(self) -> None:
        for k in range(4):
            self.o[4 * k + 3:4 * k] = self.lane[k]

    @always_ff((posedge, "clk"))
    def register(self, idx: int) -> None:
        self.q[2 * idx + 1:2 * idx] = self.i[2 * idx + 1:2 * idx]

    @always_comb
    def high(self) -> None:
        self.q[7:4] = ~self.i[7:4]


def test_per_bit_blocks_simulate(tmp_path: Path) -> None:
    top = Invert()
    stimulus = random_stimulus(top, 40, seed=17)
    check_against_model(top, lambda v: {"o": ~v["i"] & 0xF}, stimulus, tmp_path)


class LanesModel:
    def __init__(self) -> None:
        self.low: int | None = None

    def step(self, inputs: dict[str, int]) -> dict[str, int | None]:
        value = inputs["i"]
        o = 0
        for k in range(4):
            o |= (((value >> (4 * k)) + k) & 0xF) << (4 * k)
        high = (~value >> 4) & 0xF
        q = None if self.low is None else (high << 4) | self.low
        self.low = value & 0xF
        return {"o": o, "q": q}


def test_per_element_and_per_slice_register_blocks_simulate(tmp_path: Path) -> None:
    top = Lanes()
    stimulus = random_stimulus(top, 80, seed=15)
    check_against_model(top, LanesModel().step, stimulus, tmp_path)


def test_overlapping_parts_of_two_blocks_are_an_error_at_both_lines() -> None:
    class Overlap(Generator):
        def __init__(self) -> None:
            super().__init__()
            self.i = self.input("i", 4)
            self.o = self.output("o", 4)
            for k in range(2):
                self.add_always(self.drive, idx=k)

        @always_comb
        def drive(self, idx: int) -> None:
            self.o[idx + 2:idx] = self.i[idx + 2:idx]  # ERR: overlap

    with pytest.raises(ElaborationError) as info:
        verilog(Overlap())
    text = str(info.value)
    lines = Path(__file__).read_text().splitlines()
    here = next(i for i, line in enumerate(lines, 1) if line.endswith("# ERR: overlap"))
    assert text.count(f"{Path(__file__).name}:{here}:") == 2  # the line of both blocks' assignments
    assert ("bits [3:1] of output port 'o' of 'Overlap' has multiple drivers: another block assigns bits [2:0] of"
            " output port 'o'") in text

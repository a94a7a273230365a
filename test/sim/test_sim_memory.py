"""Memories in simulation: the FIFO example, synchronous reads, struct words, initial contents."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from pathlib import Path

import pytest
from simulate import Values, check_against_model, load_example, random_stimulus, reset_first, tools_available

import loom
from loom import Generator, Struct

pytestmark = pytest.mark.skipif(not tools_available(), reason="verilator/iverilog not installed")


class FifoModel:
    """A Python deque with the FIFO's cycle behaviour (unknown until the first reset)."""

    def __init__(self, depth: int):
        self.depth = depth
        self.words: deque[int] | None = None

    def __call__(self, inputs: Mapping[str, int]) -> Values:
        words = self.words
        if words is None:
            outputs: Values = {"data_out": None, "full": None, "empty": None}
        else:
            outputs = {"data_out": words[0] if words else None, "full": int(len(words) == self.depth),
                       "empty": int(not words)}
        if inputs["rst"]:
            self.words = deque()
        elif words is not None:
            full, empty = len(words) == self.depth, not words
            if inputs["push"] and not full:
                words.append(inputs["data_in"])
            if inputs["pop"] and not empty:
                words.popleft()
        return outputs


@pytest.mark.parametrize("width,depth_bits", [(8, 2), (4, 3), (1, 1)])
def test_fifo_example(width: int, depth_bits: int, tmp_path: Path) -> None:
    fifo = load_example("fifo").Fifo(width, depth_bits)
    # Push a little more often than pop in the first half and less in the second, so it fills and drains.
    stimulus = random_stimulus(fifo, 400, seed=depth_bits, overrides={
        "rst": reset_first(0.01),
        "push": lambda rng, cycle: int(rng.random() < (0.7 if cycle < 200 else 0.3)),
        "pop": lambda rng, cycle: int(rng.random() < (0.3 if cycle < 200 else 0.7))})
    files = check_against_model(fifo, FifoModel(1 << depth_bits), stimulus, tmp_path)
    text = files[0].read_text()
    assert f"reg [{width - 1}:0] mem[0:{(1 << depth_bits) - 1}];".replace("[0:0] ", "") in " ".join(text.split())


Entry = Struct("entry_t", valid=1, tag=3)


class SyncReadMemory(Generator):
    """Five words (not a power of two) of a struct type, initial contents, two write ports, a registered read."""

    def __init__(self) -> None:
        super().__init__()
        self.clock()
        we0, we1, re = self.input("we0"), self.input("we1"), self.input("re")
        a0, a1, ra = self.input("a0", 3), self.input("a1", 3), self.input("ra", 3)
        d0, d1 = self.input("d0", Entry), self.input("d1", Entry)
        mem = self.memory("entries", Entry, depth=5, init=[1, 3, 5, 7, 9])
        mem.write(a0, d0, enable=we0)
        mem.write(a1, d1, enable=we1)  # the later port wins
        self.output("q", Entry).assign(mem.read(ra, sync=True, enable=re))
        self.output("now", Entry).assign(mem[2])


def test_sync_read_struct_memory(tmp_path: Path) -> None:
    words: list[int] = [1, 3, 5, 7, 9]
    held: list[int | None] = [None]

    def step(inputs: Mapping[str, int]) -> Values:
        outputs = {"q": held[0], "now": words[2]}
        if inputs["re"]:
            held[0] = words[inputs["ra"]] if inputs["ra"] < 5 else None
        for we, addr, data in (("we0", "a0", "d0"), ("we1", "a1", "d1")):
            if inputs[we] and inputs[addr] < 5:
                words[inputs[addr]] = inputs[data]
        return outputs

    top = SyncReadMemory()
    stimulus = random_stimulus(top, 300, seed=2, overrides={"we0": lambda rng, _: int(rng.random() < 0.3),
                                                            "we1": lambda rng, _: int(rng.random() < 0.3)})
    files = check_against_model(top, step, stimulus, tmp_path)
    text = files[0].read_text()
    assert "entry_t entries[0:4];" in " ".join(text.split())
    assert "always_ff @(posedge clk)" in text


def test_memory_errors() -> None:
    class Bad(Generator):
        def __init__(self, case: str) -> None:
            super().__init__()
            self.clock()
            mem = self.memory("m", 8, depth=4)
            if case == "range":
                mem.read(4)
            elif case == "width":
                mem.write(0, self.input("d", 4))
            elif case == "enable":
                mem.write(0, 0, enable=self.input("e", 2))

    with pytest.raises(loom.ElaborationError, match=r"test_sim_memory.py:\d+:\d+: error: address 4 is out of range"
                                                     r" for memory 'm' of 'Bad' \(words 0..3\)"):
        Bad("range")
    with pytest.raises(loom.ElaborationError, match="width mismatch: memory 'm' of 'Bad' stores 8-bit words, the"
                                                     " write data is 4-bit input port 'd'"):
        Bad("width")
    with pytest.raises(loom.ElaborationError, match="write enable of memory 'm' of 'Bad' must be 1 bit wide"):
        Bad("enable")

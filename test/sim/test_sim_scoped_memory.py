"""A pipeline scoped to an instance (loom-scope) on a child with a memory, in simulation.

Found by the pass-equivalence fuzzer (loom.tools.fuzz passes): ``cse`` inside
``loom-scope`` made the memory write's ``sv.array_index_inout`` the one its read
uses, outside the write block; the dead-logic sweep after the scoped run then saw
no live variable written by the block and removed it, with the data and enable
ports (silently wrong hardware: the memory was never written).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from simulate import Values, check_against_model, random_stimulus, tools_available

from loom import Generator

pytestmark = pytest.mark.skipif(not tools_available(), reason="verilator/iverilog not installed")


class Store(Generator):
    def __init__(self, is_clone: bool = False):
        super().__init__("Store", is_clone=is_clone)
        clk = self.clock()
        a, d, we = self.input("a", 2), self.input("d", 4), self.input("we")
        words = self.memory("words", 4, depth=4)
        words.write(a, d, enable=we)
        self.output("q", 4).assign(words.read(a))
        self.output("s", 4).assign(words.read(a, sync=True, clock=clk))


class Top(Generator):
    def __init__(self):
        super().__init__("ScopedStore")
        clk = self.clock()
        a, d, we = self.input("a", 2), self.input("d", 4), self.input("we")
        self.add_child("u0", Store.create(), clk=clk, a=a, d=d, we=we, q=self.output("q", 4),
                       s=self.output("s", 4))


class StoreModel:
    def __init__(self) -> None:
        self.words: list[int | None] = [None] * 4
        self.s: int | None = None

    def __call__(self, inputs: Mapping[str, int]) -> Values:
        outputs: Values = {"q": self.words[inputs["a"]], "s": self.s}
        self.s = self.words[inputs["a"]]
        if inputs["we"]:
            self.words[inputs["a"]] = inputs["d"]
        return outputs


@pytest.mark.parametrize("pipeline", ["cse", "remove-unused-vars, canonicalize, cse"])
def test_scoped_pipeline_keeps_the_memory_writes(tmp_path: Path, pipeline: str) -> None:
    top = Top()
    check_against_model(top, StoreModel(), random_stimulus(top, 60, seed=2), tmp_path,
                        passes=f'loom-scope{{path=u0 pipeline="{pipeline}"}}')

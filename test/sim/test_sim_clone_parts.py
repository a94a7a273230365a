"""Clones (``create()``) of generators with memories and part-driven structs and arrays, in simulation.

Found by the random-design fuzzer (loom.tools.fuzz): a second ``create()`` of the same
definition replays ``__init__``, and the replay re-drove array elements ("element 0 of
var 'g' is driven twice"), appended the memory's write ports again and declared a
synchronous read's register on the definition instead of the clone (a CloneError).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from simulate import Values, check_against_model, random_stimulus, tools_available

from loom import Array, Generator, Struct, concat

pytestmark = pytest.mark.skipif(not tools_available(), reason="verilator/iverilog not installed")

Pair = Array(4, 2)
Split = Struct("clone_split_t", hi=2, lo=2)


class Store(Generator):
    """Writes ``d`` to word ``wa`` when ``we``; ``q`` is word ``ra`` registered, ``p`` the parts of ``d`` swapped."""

    def __init__(self, k: int = 0, is_clone: bool = False):
        super().__init__("Store", is_clone=is_clone)
        clk = self.clock()
        we, wa, ra = self.input("we"), self.input("wa", 2), self.input("ra", 2)
        d = self.input("d", 4)
        mem = self.memory("mem", 4, depth=4)
        mem.write(wa, d, enable=we)
        self.output("q", 4).assign(mem.read(ra, sync=True, clock=clk))
        pair = self.var("pair", Pair)
        pair[0].assign(d)
        pair[1].assign(d ^ k)
        split = self.var("split", Split)
        split.hi.assign(d[1:0])
        split.lo.assign(d[3:2])
        self.output("p", 12).assign(concat(pair.bits(), split.bits()))


class Two(Generator):
    """Two clones of one ``Store`` definition (same ``k``) and one other (``k=3``)."""

    def __init__(self):
        super().__init__("Two")
        clk = self.clock()
        we, wa, ra, d = self.input("we"), self.input("wa", 2), self.input("ra", 2), self.input("d", 4)
        for index, k in enumerate((1, 1, 3)):
            q, p = self.output(f"q{index}", 4), self.output(f"p{index}", 12)
            self.add_child(f"s{index}", Store.create(k=k), clk=clk, we=we, wa=wa, ra=ra, d=d if index else ~d,
                           q=q, p=p)


class TwoModel:
    def __init__(self) -> None:
        self.words: list[list[int | None]] = [[None] * 4 for _ in range(3)]
        self.q: list[int | None] = [None] * 3

    def __call__(self, inputs: Mapping[str, int]) -> Values:
        outputs: Values = {}
        for index, k in enumerate((1, 1, 3)):
            d = inputs["d"] if index else ~inputs["d"] & 15
            swapped = (d & 3) << 2 | d >> 2
            outputs[f"q{index}"] = self.q[index]
            outputs[f"p{index}"] = ((d ^ k) << 4 | d) << 4 | swapped
            self.q[index] = self.words[index][inputs["ra"]]
            if inputs["we"]:
                self.words[index][inputs["wa"]] = d
        return outputs


def test_clones_with_memories_and_part_driven_aggregates(tmp_path: Path) -> None:
    top = Two()
    check_against_model(top, TwoModel(), random_stimulus(top, 80, seed=5), tmp_path)

"""examples/stream_merge.py (arbiter + FIFO + skid buffer) against a model of the merge, cycle by cycle.

The model is written from the example's description: among the inputs that
offer a word, while the FIFO has room, the first one after the input served
last is served (input 0 first after reset); its word, tagged with the input's
number, enters a FIFO of ``depth`` words; the FIFO feeds a 2-word skid
buffer whose output registers are the output stream.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from bench import Values, phases, reset_first, sim

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sim.tools_available(), reason="needs verilator and iverilog")]


class MergeModel:
    def __init__(self, n: int, width: int, depth: int):
        self.n, self.width, self.depth = n, width, depth
        self.fifo: list[int] | None = None   # tagged words, unknown until reset
        self.skid: list[int] = []
        self.last = n - 1

    def __call__(self, inputs: Mapping[str, int]) -> Values:
        out: Values = {}
        fifo, skid = self.fifo, self.skid
        chosen = None
        if fifo is not None:
            room = len(fifo) < self.depth
            offers = [i for i in range(self.n) if inputs[f"in{i}_valid"]] if room else []
            order = [(self.last + k) % self.n for k in range(1, self.n + 1)]
            chosen = next((i for i in order if i in offers), None)
            out = {f"in{i}_ready": int(i == chosen) for i in range(self.n)}
            out.update(out_valid=int(bool(skid)), out_data=skid[0] if skid else None, level=len(fifo))
        if inputs["rst"]:
            self.fifo, self.skid, self.last = [], [], self.n - 1
            return out
        if fifo is None:
            return out
        to_skid = fifo and len(skid) < 2
        if skid and inputs["out_ready"]:
            skid.pop(0)
        if to_skid:
            skid.append(fifo.pop(0))
        if chosen is not None:
            fifo.append(chosen << self.width | inputs[f"in{chosen}_data"])
            self.last = chosen
        return out


@pytest.mark.parametrize("n, depth", [(3, 8), (4, 2)])
def test_stream_merge(n: int, depth: int, tmp_path: Path) -> None:
    merge = sim.load_example("stream_merge").StreamMerge(n=n, width=8, depth=depth)
    overrides = {"rst": reset_first(0.005), "out_ready": phases(0.3, 0.9, 0.6)}
    overrides.update({f"in{i}_valid": phases(0.2 + 0.2 * i, 0.9) for i in range(n)})
    stimulus = sim.random_stimulus(merge, 1200, seed=n, overrides=overrides)
    sim.check_against_model(merge, MergeModel(n, 8, depth), stimulus, tmp_path)

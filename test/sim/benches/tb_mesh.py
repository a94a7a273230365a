"""examples/mesh.py (3 x 3): each tile registers (west ^ north) + 1, edges fed by a; o is the south-east tile.

The tiles have no reset: a tile is unknown until its inputs have been known for an edge.
"""

import cocotb
from cocotb_cycles import check_cycles, start

ROWS = COLS = 3


@cocotb.test()
async def wavefront(dut):
    tb = await start(dut)
    tiles = {(y, x): None for y in range(ROWS) for x in range(COLS)}

    def model(inputs):
        out = {"o": tiles[(ROWS - 1, COLS - 1)]}
        a = inputs["a"]
        new = {}
        for (y, x) in tiles:
            west = tiles[(y, x - 1)] if x else a
            north = tiles[(y - 1, x)] if y else a
            new[(y, x)] = None if west is None or north is None else ((west ^ north) + 1) % 256
        tiles.update(new)
        return out

    await check_cycles(tb, model, lambda rng, _: {"a": rng.getrandbits(8)}, cycles=15)

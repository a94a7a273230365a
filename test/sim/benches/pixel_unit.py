"""A small design for the loom.sim API tests: struct and enum ports, a memory, an active-low asynchronous reset.

``PixelUnit``: ``q`` is ``p`` transformed by ``op`` (KEEP: unchanged; INVERT:
every channel inverted; SWAP: ``r`` and ``b`` exchanged), registered at each
rising ``clk`` edge and cleared (all channels 0) while ``rst_n`` is low.
``lut_data`` is word ``lut_addr`` of the 16-word memory ``lut`` (asynchronous
read); with ``lut_we`` high, ``lut_wdata`` is written there at the clock edge
(the bench loads ``lut`` directly instead).
"""

from __future__ import annotations

from loom import Enum, Generator, Struct, mux

Pixel = Struct("pixel_t", r=8, g=8, b=8)
Op = Enum("op_t", ["KEEP", "INVERT", "SWAP"])


class PixelUnit(Generator):
    def __init__(self) -> None:
        super().__init__("PixelUnit")
        self.clock()
        self.reset("rst_n", asynchronous=True, active_low=True)
        p = self.input("p", Pixel)
        op = self.input("op", Op)
        q = self.output("q", Pixel)
        out = self.reg("out", Pixel)
        inverted = Pixel(r=~p.r, g=~p.g, b=~p.b)
        swapped = Pixel(r=p.b, g=p.g, b=p.r)
        out.assign(mux(op == Op.INVERT, inverted, mux(op == Op.SWAP, swapped, p)))
        q.assign(out)
        lut = self.memory("lut", 8, depth=16)
        address = self.input("lut_addr", 4)
        lut.write(address, self.input("lut_wdata", 8), enable=self.input("lut_we"))
        self.output("lut_data", 8).assign(lut[address])

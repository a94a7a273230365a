"""Conditional ports: ports that exist only for some parameter values.

``Accumulator`` adds ``data`` into ``total`` at each clock edge. Two module
parameters shape its interface:

- ``HAS_ENABLE`` (default 1): adds the input ``en``; the accumulator only
  adds while ``en`` is 1. Without the port it adds on every cycle.
- ``DEBUG`` (default 0): adds the output ``samples``, an 8-bit count of the
  values accumulated so far.

A port is declared conditional with ``when=``. In the body an absent input
reads as 0 and a write to an absent output is dropped, so the body is written
once: ``en | ~has_enable`` is 1 whenever the ``en`` port does not exist.

``ConditionalTop`` instantiates it both ways: ``full`` with both ports and
``plain`` with neither; ``plain`` cannot be connected to ``en`` (loom reports
an error at the ``add_child`` line). The SystemVerilog has one module per
variant, and the plain one has no ``en`` or ``samples`` port at all.
"""

from __future__ import annotations

import sys

import loom
from loom import Generator


class Accumulator(Generator):
    """``total`` (16 bits) accumulates ``data`` (8 bits); optional ``en`` input and ``samples`` output."""

    def __init__(self):
        super().__init__("Accumulator")
        has_enable_param = self.param("HAS_ENABLE", 1, width=1)
        debug = self.param("DEBUG", 0, width=1)
        self.clock()
        self.reset()
        data = self.input("data", 8)
        enable = self.input("en", when=has_enable_param)
        total = self.output("total", 16)
        samples = self.output("samples", 8, when=debug)

        has_enable = self.var("has_enable")
        has_enable.assign(has_enable_param)  # the parameter's value as a 1-bit signal
        active = enable | ~has_enable

        acc = self.reg("acc", 16, enable=active)
        acc.assign(acc + data.zext(16))
        total.assign(acc)

        count = self.reg("count", 8, enable=active)
        count.assign(count + 1)
        samples.assign(count)


class ConditionalTop(Generator):
    """Two accumulators on the same data: ``full`` (enable + debug ports) and ``plain`` (neither)."""

    def __init__(self):
        super().__init__("ConditionalTop")
        clk, rst = self.clock(), self.reset()
        data = self.input("data", 8)
        en = self.input("en")
        full_total = self.output("full_total", 16)
        full_samples = self.output("full_samples", 8)
        plain_total = self.output("plain_total", 16)

        acc = Accumulator()
        self.add_child("full", acc, params={"HAS_ENABLE": 1, "DEBUG": 1}, clk=clk, rst=rst, data=data, en=en,
                       total=full_total, samples=full_samples)
        self.add_child("plain", acc, params={"HAS_ENABLE": 0, "DEBUG": 0}, clk=clk, rst=rst, data=data,
                       total=plain_total)


def top() -> Generator:
    """The example's top-level generator."""
    return ConditionalTop()


if __name__ == "__main__":
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "out/conditional_port"
    for path in loom.emit(top(), out_dir):
        print(path)

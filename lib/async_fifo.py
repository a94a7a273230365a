"""``AsyncFifo``: a FIFO between two clock domains, with Gray-coded pointers."""

from __future__ import annotations

from typing import cast

from loom import Generator, Signal, concat

from .arguments import Payload, check_int, check_payload, fail, is_power_of_two, payload_tag
from .cdc import synchronize
from .stream import Stream


def gray(value: Signal) -> Signal:
    """The reflected Gray code of ``value``: consecutive values differ in one bit."""
    return value ^ (value >> 1)


class AsyncFifo(Generator):
    """A FIFO of ``depth`` words whose write side and read side run on unrelated clocks.

    ==========================  ====  =======  ==============================================
    port                        dir   width    meaning
    ==========================  ====  =======  ==============================================
    ``wr_clk``, ``wr_rst``      in    1        write clock and its synchronous active-high reset
    ``enq_valid``               in    1        push ``enq_data`` (write domain)
    ``enq_ready``               out   1        not full (a register)
    ``enq_data``                in    payload  the word pushed
    ``rd_clk``, ``rd_rst``      in    1        read clock and its synchronous active-high reset
    ``deq_valid``               out   1        not empty (a register; read domain)
    ``deq_ready``               in    1        pop the oldest word
    ``deq_data``                out   payload  the oldest word (first word falls through)
    ==========================  ====  =======  ==============================================

    How it works (the classic design by Cummings): each side counts its words
    in a binary pointer with one bit more than the address, and keeps a Gray
    coded copy of it in a register. Only the Gray pointers cross, each through
    a ``Synchronizer``: a Gray pointer changes one bit per step, so a sample
    taken mid-change is the old or the new value, never a wrong one. The read
    side is empty when its next Gray pointer equals the synchronized write
    pointer; the write side is full when its next Gray pointer equals the
    synchronized read pointer with the two top bits inverted (one lap ahead).
    Both flags are registers and pessimistic: a synchronized pointer is old,
    so the FIFO may look full or empty for a few cycles longer than it is,
    never shorter; it never overflows or underflows.

    Timing: a word pushed at a write edge is visible at ``deq`` after
    ``stages + 1`` to ``stages + 2`` read edges; a pop frees its slot for the
    writer after ``stages + 1`` to ``stages + 2`` write edges. Throughput one word
    per cycle of the slower clock. Assert both resets together, for at least
    ``stages + 1`` cycles of each clock.

    Arguments: ``payload`` (width, Struct or Array), ``depth`` (a power of two, at
    least 2), ``stages`` (synchronizer registers, 2 to 4).
    """

    def __init__(self, payload: Payload = 8, depth: int = 8, stages: int = 2, is_clone: bool = False):
        payload = check_payload("AsyncFifo", payload)
        check_int("AsyncFifo", "depth", depth, 2)
        if not is_power_of_two(depth):
            fail(f"AsyncFifo: 'depth' must be a power of two (Gray pointers wrap at 2**k), got {depth}")
        check_int("AsyncFifo", "stages", stages, 2, 4)
        super().__init__(f"AsyncFifo_{payload_tag(payload)}_d{depth}_s{stages}", is_clone=is_clone)
        address = depth.bit_length() - 1
        width = address + 1
        wr_clk, wr_rst = self.clock("wr_clk"), self.reset("wr_rst")
        enq = self.port_bundle("enq", Stream(payload).flip())
        rd_clk, rd_rst = self.clock("rd_clk"), self.reset("rd_rst")
        deq = self.port_bundle("deq", Stream(payload))

        # Each side: a binary pointer (one bit wider than the address), its Gray copy, a registered flag.
        wr_bin = self.reg("wr_bin", width, clock=wr_clk, reset=wr_rst)
        wr_gray = self.reg("wr_gray", width, clock=wr_clk, reset=wr_rst)
        full = self.reg("full", clock=wr_clk, reset=wr_rst)
        rd_bin = self.reg("rd_bin", width, clock=rd_clk, reset=rd_rst)
        rd_gray = self.reg("rd_gray", width, clock=rd_clk, reset=rd_rst)
        empty = self.reg("empty", clock=rd_clk, reset=rd_rst, reset_value=1)
        rd_gray_synced = synchronize(self, "rd_gray_sync", rd_gray, width, stages, wr_clk, wr_rst)
        wr_gray_synced = synchronize(self, "wr_gray_sync", wr_gray, width, stages, rd_clk, rd_rst)

        push = self.var("push")
        push.assign(enq.valid & ~full)
        full.assign(_advance(self, "wr", wr_bin, wr_gray, push) == _lap_ahead(rd_gray_synced, width))
        enq.ready.assign(~full)
        pop = self.var("pop")
        pop.assign(deq.ready & ~empty)
        empty.assign(_advance(self, "rd", rd_bin, rd_gray, pop) == wr_gray_synced)
        deq.valid.assign(~empty)

        mem = self.memory("mem", payload, depth=depth)
        mem.write(wr_bin[address - 1:0], enq.data, enable=push, clock=wr_clk)
        deq.data.assign(mem[rd_bin[address - 1:0]])


def _advance(gen: Generator, side: str, binary: Signal, gray_copy: Signal, step: Signal) -> Signal:
    """Move one side's pointer (``binary`` and its Gray copy, both registers) on by ``step``; returns the next
    Gray pointer, which the side's flag compares with the other side's synchronized pointer."""
    width = binary.width
    following = gen.var(f"{side}_next", width)
    following.assign(binary + step.zext(cast(int, width)))  # pointers have a plain bit width
    binary.assign(following)
    gray_copy.assign(gray(following))
    return gray(following)


def _lap_ahead(pointer: Signal, width: int) -> Signal:
    """The Gray pointer one lap (``depth`` steps) ahead of ``pointer``: its two top bits inverted."""
    top = ~pointer[width - 1:width - 2]
    return top if width == 2 else concat(top, pointer[width - 3:0])

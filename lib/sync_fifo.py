"""``SyncFifo``: a single-clock FIFO with an occupancy count and optional almost-full/almost-empty flags."""

from __future__ import annotations

from loom import Generator, Signal, mux

from .arguments import Payload, bits_for, check_int, check_payload, fail, is_power_of_two, payload_tag
from .stream import Stream


class SyncFifo(Generator):
    """A FIFO of ``depth`` words in one clock domain.

    With ``fwft=True`` (first word falls through, the default) both sides are
    streams: the oldest word is on ``deq_data`` while ``deq_valid`` is 1, read
    asynchronously from the storage (distributed RAM or flip-flops). With
    ``fwft=False`` the read side is a standard FIFO read port: ``rd_en`` pops
    the oldest word, which appears on ``rd_data`` (a synchronous read, so the
    storage maps to block RAM) in the next cycle, marked by ``rd_valid``.

    ======================  ====  ==================  ===========================================
    port                    dir   width               meaning
    ======================  ====  ==================  ===========================================
    ``clk``, ``rst``        in    1                   clock; synchronous active-high reset (empty)
    ``enq_valid``           in    1                   push ``enq_data``
    ``enq_ready``           out   1                   not full: a push is taken
    ``enq_data``            in    payload             the word pushed
    ``deq_valid``           out   1                   (fwft) not empty
    ``deq_ready``           in    1                   (fwft) pop the oldest word
    ``deq_data``            out   payload             (fwft) the oldest word
    ``rd_en``               in    1                   (standard) pop; ignored when empty
    ``rd_data``             out   payload             (standard) the word popped in the last cycle
    ``rd_valid``            out   1                   (standard) ``rd_data`` holds a popped word
    ``empty``               out   1                   (standard) no word stored
    ``count``               out   bits(depth)         words stored (a register); only when COUNT != 0
    ``almost_full``         out   1                   ``count >= ALMOST_FULL``; only when ALMOST_FULL != 0
    ``almost_empty``        out   1                   ``count <= ALMOST_EMPTY``; only when ALMOST_EMPTY != 0
    ======================  ====  ==================  ===========================================

    ``count`` is there unless the module parameter ``COUNT`` (default 1) is set
    to 0 for an instance (``buffer()`` does that: it has no use for it). The
    thresholds are module parameters ``ALMOST_FULL`` and ``ALMOST_EMPTY``
    whose defaults come from the ``almost_full``/``almost_empty`` arguments
    (None: 0). Their ports are conditional: a value of 0 removes the port, and
    a parent may set the parameters per instance
    (``add_child(..., params={"ALMOST_FULL": 6})``) to add the port there only.

    Timing: a word pushed at edge t can be popped from cycle t + 1 (fwft:
    it is on ``deq_data`` in cycle t + 1; standard: popped in cycle t + 1, it is
    on ``rd_data`` in cycle t + 2). One push and one pop per cycle, also when
    full (a pop frees the slot at the same edge, but ``enq_ready`` is still 0
    in that cycle: no combinational path from the read side to the write side).
    """

    def __init__(self, payload: Payload = 8, depth: int = 4, fwft: bool = True, almost_full: int | None = None,
                 almost_empty: int | None = None, is_clone: bool = False):
        payload = check_payload("SyncFifo", payload)
        check_int("SyncFifo", "depth", depth, 2)
        if not isinstance(fwft, bool):
            fail(f"SyncFifo: 'fwft' must be True or False, got {fwft!r}")
        thresholds = [check_int("SyncFifo", name, value, 1, depth) if value is not None else 0
                      for name, value in (("almost_full", almost_full), ("almost_empty", almost_empty))]
        mode = "fwft" if fwft else "std"
        super().__init__(f"SyncFifo_{payload_tag(payload)}_d{depth}_{mode}", is_clone=is_clone)
        count_width = depth.bit_length()
        full_threshold = self.param("ALMOST_FULL", thresholds[0], width=count_width)
        empty_threshold = self.param("ALMOST_EMPTY", thresholds[1], width=count_width)
        has_count = self.param("COUNT", 1, width=1)
        self.clock()
        self.reset()
        enq = self.port_bundle("enq", Stream(payload).flip())

        mem = self.memory("mem", payload, depth=depth)
        wr_ptr = self.reg("wr_ptr", bits_for(depth))
        rd_ptr = self.reg("rd_ptr", bits_for(depth))
        count = self.reg("count_q", count_width)
        full, empty = self.var("full"), self.var("is_empty")
        full.assign(count == depth)
        empty.assign(count == 0)
        push, pop = self.var("push"), self.var("pop")
        push.assign(enq.valid & ~full)

        if fwft:
            deq = self.port_bundle("deq", Stream(payload))
            pop.assign(deq.ready & ~empty)
            deq.valid.assign(~empty)
            deq.data.assign(mem[rd_ptr])
        else:
            rd_en = self.input("rd_en")
            pop.assign(rd_en & ~empty)
            self.output("rd_data", payload).assign(mem.read(rd_ptr, sync=True, enable=pop))
            rd_valid = self.reg("rd_valid_q")
            rd_valid.assign(pop)
            self.output("rd_valid").assign(rd_valid)
            self.output("empty").assign(empty)

        mem.write(wr_ptr, enq.data, enable=push)
        wr_ptr.assign(mux(push, _advance(wr_ptr, depth), wr_ptr))
        rd_ptr.assign(mux(pop, _advance(rd_ptr, depth), rd_ptr))
        count.assign(mux(push & ~pop, count + 1, mux(pop & ~push, count - 1, count)))

        enq.ready.assign(~full)
        self.output("count", count_width, when=has_count).assign(count)
        self.output("almost_full", when=full_threshold).assign(count >= full_threshold)
        self.output("almost_empty", when=empty_threshold).assign(count <= empty_threshold)


def _advance(pointer: Signal, depth: int) -> Signal:
    """The next slot after ``pointer`` in a ring of ``depth`` slots."""
    if is_power_of_two(depth):
        return pointer + 1
    return mux(pointer == depth - 1, 0, pointer + 1)

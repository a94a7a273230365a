"""``SkidBuffer``: a valid/ready pipeline register with full throughput and registered ``ready``."""

from __future__ import annotations

from loom import Generator, mux

from .arguments import Payload, check_payload, payload_tag
from .stream import Stream


class SkidBuffer(Generator):
    """A pipeline stage for a stream: every output is a register, and one word per cycle still flows.

    A plain register stage must either stall every other cycle or route the
    consumer's ``ready`` combinationally back to the producer. The skid buffer
    has a second register (the *skid*) that catches the word the producer
    sent in the cycle the consumer stalled, so ``enq_ready`` can be a register
    too: it is 1 exactly when the skid is empty.

    ======================  ====  ==================  ===========================================
    port                    dir   width               meaning
    ======================  ====  ==================  ===========================================
    ``clk``                 in    1                   clock (rising edge)
    ``rst``                 in    1                   synchronous, active high: both slots empty
    ``enq_valid``           in    1                   a word is offered
    ``enq_ready``           out   1                   the skid slot is empty (a register)
    ``enq_data``            in    payload             the word offered
    ``deq_valid``           out   1                   the output slot holds a word (a register)
    ``deq_ready``           in    1                   the consumer takes it
    ``deq_data``            out   payload             the output word (a register)
    ======================  ====  ==================  ===========================================

    Timing: latency 1 cycle (a word accepted at edge t is offered from
    cycle t + 1); throughput 1 word per cycle while the consumer is ready;
    capacity 2 words. No path from ``deq_ready`` to ``enq_ready``, and none
    from any input to any output.

    Arguments: ``payload`` (an int width, or a Struct or Array).
    """

    def __init__(self, payload: Payload = 8, is_clone: bool = False):
        payload = check_payload("SkidBuffer", payload)
        super().__init__(f"SkidBuffer_{payload_tag(payload)}", is_clone=is_clone)
        self.clock()
        self.reset()
        enq = self.port_bundle("enq", Stream(payload).flip())
        deq = self.port_bundle("deq", Stream(payload))

        main_valid = self.reg("main_valid")
        main_data = self.reg("main_data", payload, reset=False)
        skid_valid = self.reg("skid_valid")
        skid_data = self.reg("skid_data", payload, reset=False)

        # The output slot is free at this edge when it is empty or its word leaves.
        load_main = self.var("load_main")
        load_main.assign(deq.ready | ~main_valid)
        main_valid.assign(mux(load_main, skid_valid | enq.valid, main_valid))
        main_data.assign(mux(load_main, mux(skid_valid, skid_data, enq.data), main_data))
        # A word accepted while the output slot stays full goes to the skid.
        skid_valid.assign(mux(load_main, 0, skid_valid | enq.valid))
        skid_data.assign(mux(skid_valid, skid_data, enq.data))

        enq.ready.assign(~skid_valid)
        deq.valid.assign(main_valid)
        deq.data.assign(main_data)

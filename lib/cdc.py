"""Clock-domain crossing: flip-flop synchronizers, a pulse synchronizer and a request/acknowledge handshake.

Simulation cannot show metastability, so what makes these circuits correct
is their structure, kept deliberately plain: a crossing signal goes straight
from a register in its own domain into a chain of ``stages`` registers in
the other one (``sync0``, ``sync1``, ...), with no logic in between, and
only signals that change one bit at a time (a level, a toggle, a Gray
code) cross. Constrain the ``sync0`` registers as asynchronous inputs in
the synthesis tool (for example ``ASYNC_REG`` on FPGAs).
"""

from __future__ import annotations

from loom import Generator, Signal, mux

from .arguments import Payload, check_int, check_payload, payload_tag


class Synchronizer(Generator):
    """A chain of ``stages`` registers that brings a level (or a Gray code) into the ``clk`` domain.

    =================  ====  ==========  ==============================================
    port               dir   width       meaning
    =================  ====  ==========  ==============================================
    ``clk``            in    1           the destination clock
    ``rst``            in    1           synchronous, active high, in the ``clk`` domain: q = 0
    ``d``              in    width       the signal from another domain (driven by a register there)
    ``q``              out   width       ``d`` as sampled ``stages`` edges of ``clk`` ago
    =================  ====  ==========  ==============================================

    Timing: latency ``stages`` clock edges (plus up to one period for the
    first sample). A multi-bit ``d`` is safe only when at most one bit changes
    between samples (a Gray-coded counter); use ``Handshake`` for data.

    Arguments: ``width`` (at least 1), ``stages`` (2 to 4; 3 for very fast clocks).
    """

    def __init__(self, width: int = 1, stages: int = 2, is_clone: bool = False):
        check_int("Synchronizer", "width", width, 1)
        check_int("Synchronizer", "stages", stages, 2, 4)
        super().__init__(f"Synchronizer{width}_s{stages}", is_clone=is_clone)
        self.clock()
        self.reset()
        value: Signal = self.input("d", width)
        for stage in range(stages):
            register = self.reg(f"sync{stage}", width)
            register.assign(value)
            value = register
        self.output("q", width).assign(value)


def synchronize(gen: Generator, name: str, value: Signal, width: int, stages: int, clk: Signal,
                rst: Signal) -> Signal:
    """A ``Synchronizer`` child of ``gen`` named ``name`` that brings ``value`` into the domain of ``clk``."""
    synced = gen.var(f"{name}_q", width)
    gen.add_child(name, Synchronizer.create(width=width, stages=stages), clk=clk, rst=rst, d=value, q=synced)
    return synced


class PulseSynchronizer(Generator):
    """Carries single-cycle pulses from the ``src`` clock domain to the ``dst`` domain.

    ==========================  ====  =====  ==============================================
    port                        dir   width  meaning
    ==========================  ====  =====  ==============================================
    ``src_clk``, ``src_rst``    in    1      source clock and its synchronous active-high reset
    ``src_pulse``               in    1      one pulse per high cycle of ``src_clk``
    ``dst_clk``, ``dst_rst``    in    1      destination clock and its reset
    ``dst_pulse``               out   1      high for one ``dst_clk`` cycle per source pulse
    ==========================  ====  =====  ==============================================

    A source pulse flips a toggle register; the toggle is synchronized into
    the destination domain, where each change makes one pulse. Timing: the
    pulse arrives ``stages`` to ``stages + 1`` destination cycles after the
    source edge that saw it. Pulses must be at least 2 destination periods
    apart (plus one source period), or two of them may become one or none.
    Reset both sides together.

    Arguments: ``stages`` (2 to 4).
    """

    def __init__(self, stages: int = 2, is_clone: bool = False):
        check_int("PulseSynchronizer", "stages", stages, 2, 4)
        super().__init__(f"PulseSynchronizer_s{stages}", is_clone=is_clone)
        src_clk, src_rst = self.clock("src_clk"), self.reset("src_rst")
        src_pulse = self.input("src_pulse")
        dst_clk, dst_rst = self.clock("dst_clk"), self.reset("dst_rst")
        toggle = self.reg("toggle", clock=src_clk, reset=src_rst)
        toggle.assign(toggle ^ src_pulse)
        synced = synchronize(self, "toggle_sync", toggle, 1, stages, dst_clk, dst_rst)
        seen = self.reg("seen", clock=dst_clk, reset=dst_rst)
        seen.assign(synced)
        self.output("dst_pulse").assign(synced ^ seen)


class Handshake(Generator):
    """A stream from the ``src`` clock domain to the ``dst`` domain with a request/acknowledge handshake.

    ==========================  ====  =======  ==============================================
    port                        dir   width    meaning
    ==========================  ====  =======  ==============================================
    ``src_clk``, ``src_rst``    in    1        source clock and its synchronous active-high reset
    ``src_valid``               in    1        the source offers ``src_data``
    ``src_ready``               out   1        no word in flight: ``src_data`` is taken (a register
                                               comparison)
    ``src_data``                in    payload  the word
    ``dst_clk``, ``dst_rst``    in    1        destination clock and its reset
    ``dst_valid``               out   1        a word has arrived
    ``dst_ready``               in    1        the destination takes it
    ``dst_data``                out   payload  the word (held in a source-domain register)
    ==========================  ====  =======  ==============================================

    The source side stores the word and flips a request toggle; the toggle
    is synchronized into the destination domain, where a request differs
    from the acknowledge toggle until the word is taken; the acknowledge
    toggle is synchronized back and frees the source side. Only the toggles
    cross through synchronizers; the data register is stable whenever the
    destination reads it, so it needs none.

    Timing: one word per round trip: about ``stages + 1`` cycles of each clock
    each way. Latency from ``src`` fire to ``dst_valid``: ``stages`` to
    ``stages + 1`` destination cycles. Reset both sides together.

    Arguments: ``payload`` (width, Struct or Array), ``stages`` (2 to 4).
    """

    def __init__(self, payload: Payload = 8, stages: int = 2, is_clone: bool = False):
        payload = check_payload("Handshake", payload)
        check_int("Handshake", "stages", stages, 2, 4)
        super().__init__(f"Handshake_{payload_tag(payload)}_s{stages}", is_clone=is_clone)
        src_clk, src_rst = self.clock("src_clk"), self.reset("src_rst")
        src_valid, src_data = self.input("src_valid"), self.input("src_data", payload)
        dst_clk, dst_rst = self.clock("dst_clk"), self.reset("dst_rst")
        dst_ready = self.input("dst_ready")

        request = self.reg("request", clock=src_clk, reset=src_rst)
        held = self.reg("held", payload, clock=src_clk, reset=False)
        acknowledge = self.reg("acknowledge", clock=dst_clk, reset=dst_rst)
        acknowledged = synchronize(self, "ack_sync", acknowledge, 1, stages, src_clk, src_rst)
        requested = synchronize(self, "req_sync", request, 1, stages, dst_clk, dst_rst)

        idle = self.var("idle")
        idle.assign(request == acknowledged)
        take = self.var("take")
        take.assign(src_valid & idle)
        request.assign(request ^ take)
        held.assign(mux(take, src_data, held))
        pending = self.var("pending")
        pending.assign(requested != acknowledge)
        acknowledge.assign(acknowledge ^ (pending & dst_ready))

        self.output("src_ready").assign(idle)
        self.output("dst_valid").assign(pending)
        self.output("dst_data", payload).assign(held)

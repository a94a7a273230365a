"""A UART-style transmitter: a finite state machine IDLE -> START -> DATA -> STOP.

Interface (``UartTx(data_bits=N, cycles_per_bit=C)``):

- ``clk``: clock; ``rst``: synchronous, active-high reset (back to IDLE, line high);
- ``valid`` with ``data`` (N bits): a word to send; it is taken (``accept`` is 1
  for that cycle) when the transmitter is idle;
- ``tx``: the serial line: high when idle, then a start bit (0), the N data
  bits least significant first, and a stop bit (1), each held for C cycles;
- ``ready``: 1 while idle (a ``valid`` word would be taken).

The states are an FSM (``self.fsm``): ``tx`` and ``ready`` are Moore outputs
(a value per state), ``accept`` is a Mealy output (set by the IDLE -> START
transition). The SystemVerilog has a state register with localparams
``IDLE``, ``START``, ``DATA``, ``STOP`` and a ``case`` over the state.

Run ``python examples/uart_tx.py [OUT_DIR]`` to write the SystemVerilog, or
``loom build examples/uart_tx.py:UartTx --param cycles_per_bit=16 -o out/``.
"""

from __future__ import annotations

import sys

import loom
from loom import Generator, mux


class UartTx(Generator):
    """A UART transmitter for ``data_bits``-bit words, ``cycles_per_bit`` clock cycles per bit."""

    def __init__(self, data_bits: int = 8, cycles_per_bit: int = 4):
        super().__init__(f"UartTx{data_bits}x{cycles_per_bit}")
        self.clock()
        self.reset()
        valid = self.input("valid")
        data = self.input("data", data_bits)
        tx, ready, accept = self.output("tx"), self.output("ready"), self.output("accept")

        fsm = self.fsm("line")
        idle, start, send, stop = fsm.state("IDLE"), fsm.state("START"), fsm.state("DATA"), fsm.state("STOP")
        fsm.reset_state(idle)

        # The bit timer: `tick` is high in the last cycle of each bit.
        timer = self.reg("timer", max(1, (cycles_per_bit - 1).bit_length()))
        tick = self.var("tick")
        tick.assign(timer == cycles_per_bit - 1)
        timer.assign(mux(fsm.is_in(idle) | tick, 0, timer + 1))

        # The word being sent, shifted right once per data bit, and the number of bits sent.
        shift = self.reg("shift", data_bits)
        take = valid & fsm.is_in(idle)
        shift.assign(mux(take, data, mux(fsm.is_in(send) & tick, shift >> 1, shift)))
        sent = self.reg("sent", max(1, (data_bits - 1).bit_length()))
        sent.assign(mux(fsm.is_in(send), mux(tick, sent + 1, sent), 0))

        fsm.output(tx, default=1)
        fsm.output(ready, default=0)
        fsm.output(accept, default=0)
        idle.output(ready, 1)
        start.output(tx, 0)
        send.output(tx, shift[0])
        idle.next(start, valid, outputs={accept: 1})
        start.next(send, tick)
        send.next(stop, tick & (sent == data_bits - 1))
        stop.next(idle, tick)


def top(data_bits: int = 8, cycles_per_bit: int = 4) -> Generator:
    """The example's top-level generator."""
    return UartTx(data_bits, cycles_per_bit)


if __name__ == "__main__":
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "out/uart_tx"
    for path in loom.emit(top(), out_dir):
        print(path)

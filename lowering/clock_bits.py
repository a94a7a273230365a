"""Clock ports as bits in the ``hw.module``/``hw.instance`` ops lower-loom-to-hw makes.

lower-seq-to-sv gives every ``!seq.clock`` the type ``i1``, ports and instances
included, by dialect conversion: it rebuilds every ``hw.instance`` that passes a
clock, about 3.5 us each in C++ (0.05 s of a 128 x 128 mesh, 0.19 s of 50,000
fanout instances: most of the whole clean-up). lower-loom-to-hw makes each
``hw.instance`` anyway, so it gives clock ports the type ``i1`` from the start
and lower-seq-to-sv has no instance to rebuild. Inside a module nothing else
changes: a clock input is an ``i1`` argument that the body reads through one
``seq.to_clock``, a clock going into an instance or out of the module goes as its
bit (the argument itself, or one ``seq.from_clock`` per clock made in the body),
and a clock coming out of an instance is read through a ``seq.to_clock``.
lower-seq-to-sv turns both casts into the bit itself, so the IR after it, and
the SystemVerilog, are what they were with ``!seq.clock`` ports.
"""

from __future__ import annotations

from collections.abc import Sequence

from circt import ir

TO_CLOCK = "seq.to_clock"
FROM_CLOCK = "seq.from_clock"


def is_clock(type_: ir.Type) -> bool:
    """Read from the printed type: its class is in the seq dialect's Python module, which loom leaves unimported."""
    return str(type_) == "!seq.clock"


def clock_inputs_as_bits(block: ir.Block, clock_inputs: Sequence[int], bit_type: ir.Type, clock_type: ir.Type
                         ) -> list[tuple[ir.Operation, ir.Value, ir.BlockArgument]]:
    """Turn the arguments ``clock_inputs`` of the body ``block`` into bits (``bit_type``, ``i1``); what read them
    as clocks (``clock_type``) reads a ``seq.to_clock`` of them. Returns each cast with its clock and its bit.

    A body in which only its own ops read its clocks (no instance to give a bit, no clock output: most leaf
    modules) needs nothing more, and no ``ClockBits``."""
    casts = []
    arguments = block.arguments
    for index in clock_inputs:
        argument = arguments[index]
        argument.set_type(bit_type)
        if next(iter(argument.uses), None) is not None:
            cast = ir.Operation.create(TO_CLOCK, results=[clock_type], operands=[argument],
                                       loc=argument.location, ip=ir.InsertionPoint.at_block_begin(block))
            clock = cast.result
            argument.replace_all_uses_except(clock, cast)
            casts.append((cast, clock, argument))
    return casts


class ClockBits:
    """The bit (``i1``) of each clock value of one module body being lowered, made when first asked."""

    def __init__(self, block: ir.Block, clock_inputs: Sequence[int], bit_type: ir.Type, clock_type: ir.Type):
        """``clock_inputs_as_bits``, keeping each input's clock and bit for the instances and outputs that
        ask for them."""
        self._bit_type = bit_type
        self._bits: dict[ir.Value, ir.Value] = {}
        self._casts: list[tuple[ir.Operation, ir.Value]] = []
        """The ``seq.to_clock`` ops made here, with their results: erased at the end if only instances (given the
        bit) read them."""
        for cast, clock, bit in clock_inputs_as_bits(block, clock_inputs, bit_type, clock_type):
            self._note(cast, clock, bit)

    def _note(self, cast: ir.Operation, clock: ir.Value, bit: ir.Value) -> None:
        self._bits[clock] = bit
        self._casts.append((cast, clock))

    def bit(self, clock: ir.Value) -> ir.Value:
        """The bit of ``clock``, a value of the body: for a clock an op of the body makes (the clock arguments are
        read through their casts, which know their bits), one ``seq.from_clock`` right after that op, so that it
        comes before every instance that passes it, in whatever order they are lowered."""
        bit = self._bits.get(clock)
        if bit is None:
            bit = self._bits[clock] = ir.Operation.create(FROM_CLOCK, results=[self._bit_type], operands=[clock],
                                                          loc=clock.location,
                                                          ip=ir.InsertionPoint.after(clock.owner)).result
        return bit

    def read_as_clock(self, clock: ir.Value, bit: ir.Value, after: ir.Operation) -> None:
        """Let the readers of ``clock`` (a loom instance's clock output) read ``bit`` (its ``hw.instance``'s)
        through a ``seq.to_clock`` made after ``after``; instances lowered before it (of a kind lowered first) that
        took ``clock`` through a ``seq.from_clock`` take ``bit`` itself, as they would lowered in order."""
        made = self._bits.pop(clock, None)
        if made is not None:
            made.replace_all_uses_with(bit)
            made.owner.erase()
        cast = ir.Operation.create(TO_CLOCK, results=[clock.type], operands=[bit], loc=after.location,
                                   ip=ir.InsertionPoint.after(after))
        result = cast.result
        clock.replace_all_uses_with(result)
        self._note(cast, result, bit)

    def finish(self) -> None:
        """Erase the casts nothing reads any more (their readers were instances, which now take the bit)."""
        for cast, clock in self._casts:
            if next(iter(clock.uses), None) is None:
                cast.erase()

"""One-hot/binary encoders and decoders and a priority encoder (combinational)."""

from __future__ import annotations

from loom import Generator, Signal, concat, const, mux

from .arguments import bits_for, check_int


def lowest_one(value: Signal) -> Signal:
    """``value`` with every bit cleared but its lowest set one (0 stays 0): ``value & -value``."""
    return value & (~value + 1)


def onehot_index(value: Signal, count: int) -> Signal:
    """The number of the set bit of a one-hot ``count``-bit ``value`` (the OR of the numbers of all set bits).

    Each index bit is the OR of the input bits whose number has that bit set:
    no adder, no priority chain.
    """
    bits = []
    for position in reversed(range(bits_for(count))):
        members = [value[i] for i in range(count) if i >> position & 1]
        bit = const(0, 1) if not members else members[0]
        for member in members[1:]:
            bit = bit | member
        bits.append(bit)
    return concat(*bits)


def lowest_index(value: Signal, count: int) -> Signal:
    """The number of the lowest set bit of ``value`` (``count - 1`` when none is set below it).

    A chain of multiplexers from the top: it reads every bit it needs and no
    more (isolating the lowest bit first would leave bit 0 of the result unused).
    """
    index: Signal = const(count - 1, bits_for(count))
    for position in reversed(range(count - 1)):
        index = mux(value[position], position, index)
    return index


class OneHotToBinary(Generator):
    """The number of the set bit of a one-hot input.

    =============  ====  ==========  ==============================================
    port           dir   width       meaning
    =============  ====  ==========  ==============================================
    ``onehot``     in    n           at most one bit set
    ``index``      out   bits(n)     the number of the set bit (0 when none; the OR of
                                     the numbers when several are set)
    ``valid``      out   1           some bit is set
    =============  ====  ==========  ==============================================

    Combinational (latency 0). Arguments: ``n`` (at least 2).
    """

    def __init__(self, n: int = 4, is_clone: bool = False):
        check_int("OneHotToBinary", "n", n, 2)
        super().__init__(f"OneHotToBinary{n}", is_clone=is_clone)
        onehot = self.input("onehot", n)
        self.output("index", bits_for(n)).assign(onehot_index(onehot, n))
        self.output("valid").assign(onehot.r_or())


class BinaryToOneHot(Generator):
    """A decoder: sets output bit ``index`` while ``en`` is high.

    =============  ====  ==========  ==============================================
    port           dir   width       meaning
    =============  ====  ==========  ==============================================
    ``index``      in    bits(n)     the bit to set; an index >= n sets none
    ``en``         in    1           0: no bit is set
    ``onehot``     out   n           bit ``index`` set when ``en``
    =============  ====  ==========  ==============================================

    Combinational (latency 0). Arguments: ``n`` (at least 2).
    """

    def __init__(self, n: int = 4, is_clone: bool = False):
        check_int("BinaryToOneHot", "n", n, 2)
        super().__init__(f"BinaryToOneHot{n}", is_clone=is_clone)
        index = self.input("index", bits_for(n))
        en = self.input("en")
        self.output("onehot", n).assign(concat(*(en & (index == i) for i in reversed(range(n)))))


class PriorityEncoder(Generator):
    """The number of the lowest set bit of ``req`` (bit 0 has the highest priority).

    =============  ====  ==========  ==============================================
    port           dir   width       meaning
    =============  ====  ==========  ==============================================
    ``req``        in    n           request bits
    ``index``      out   bits(n)     the lowest set bit's number (n - 1 when none)
    ``valid``      out   1           some bit is set
    =============  ====  ==========  ==============================================

    Combinational (latency 0). Arguments: ``n`` (at least 2).
    """

    def __init__(self, n: int = 4, is_clone: bool = False):
        check_int("PriorityEncoder", "n", n, 2)
        super().__init__(f"PriorityEncoder{n}", is_clone=is_clone)
        req = self.input("req", n)
        self.output("index", bits_for(n)).assign(lowest_index(req, n))
        self.output("valid").assign(req.r_or())

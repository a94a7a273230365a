"""RAM wrappers written the way synthesis tools infer block RAM."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from loom import Generator

from .arguments import Payload, bits_for, check_int, check_payload, fail, payload_bits, payload_tag


def _checked(component: str, payload: Payload, depth: int,
             init: tuple[int, ...] | None) -> tuple[Payload, list[int] | None, str]:
    """The checked payload, the initial words (padded) and the module name of a RAM."""
    payload = check_payload(component, payload)
    check_int(component, "depth", depth, 2)
    return payload, _init_words(component, init, depth, payload), _name(component, payload, depth, init)


def _init_words(component: str, init: Sequence[int] | None, depth: int, payload: Payload) -> list[int] | None:
    """``init`` padded with zeros to ``depth`` words, after checking it; None when not given."""
    if init is None:
        return None
    if not isinstance(init, tuple):
        fail(f"{component}: 'init' must be a tuple of ints (hashable, for create()), got {type(init).__name__}")
    if len(init) > depth:
        fail(f"{component}: 'init' has {len(init)} words, the RAM only {depth}")
    limit = (1 << payload_bits(payload)) - 1
    for index, word in enumerate(init):
        check_int(component, f"init[{index}]", word, 0, limit)
    return list(init) + [0] * (depth - len(init))


def _name(kind: str, payload: Payload, depth: int, init: tuple[int, ...] | None) -> str:
    # Different contents make different modules; a digest keeps the name short and reproducible.
    suffix = f"_init{hashlib.sha256(repr(init).encode()).hexdigest()[:8]}" if init is not None else ""
    return f"{kind}_{payload_tag(payload)}_d{depth}{suffix}"


class SinglePortRam(Generator):
    """A single-port RAM: one address for a write or a read per cycle, registered read data.

    =================  ====  ==========  ==============================================
    port               dir   width       meaning
    =================  ====  ==========  ==============================================
    ``clk``            in    1           clock (no reset: block RAM has none)
    ``en``             in    1           access this cycle
    ``we``             in    1           write ``wdata`` to ``addr`` (with ``en``)
    ``addr``           in    bits(depth) the word
    ``wdata``          in    payload     the word to write
    ``rdata``          out   payload     the word at ``addr`` before this access's write
                                         (read-first), from the edge after ``en``
    =================  ====  ==========  ==============================================

    Timing: read latency 1 cycle; ``rdata`` holds its value while ``en`` is
    low. The SystemVerilog is an array written in one clocked block and read
    into a register without reset, the pattern that synthesis tools map to
    block RAM. ``init`` (a tuple of words, the rest 0) becomes an ``initial``
    block: simulation and FPGA initial contents.

    Arguments: ``payload`` (width, Struct or Array), ``depth`` (at least 2), ``init``.
    """

    def __init__(self, payload: Payload = 8, depth: int = 16, init: tuple[int, ...] | None = None,
                 is_clone: bool = False):
        payload, words, name = _checked("SinglePortRam", payload, depth, init)
        super().__init__(name, is_clone=is_clone)
        self.clock()
        en, we = self.input("en"), self.input("we")
        addr, wdata = self.input("addr", bits_for(depth)), self.input("wdata", payload)
        mem = self.memory("mem", payload, depth=depth, init=words)
        mem.write(addr, wdata, enable=en & we)
        self.output("rdata", payload).assign(mem.read(addr, sync=True, enable=en))


class SimpleDualPortRam(Generator):
    """A simple dual-port RAM: one write port and one read port, one clock, registered read data.

    =================  ====  ==========  ==============================================
    port               dir   width       meaning
    =================  ====  ==========  ==============================================
    ``clk``            in    1           clock (no reset)
    ``we``             in    1           write ``wdata`` to ``waddr``
    ``waddr``          in    bits(depth) the word written
    ``wdata``          in    payload     its new value
    ``re``             in    1           read ``raddr``
    ``raddr``          in    bits(depth) the word read
    ``rdata``          out   payload     the word at ``raddr`` at the edge after ``re``; reading
                                         the word written at the same edge gives the old value
    =================  ====  ==========  ==============================================

    Timing: read latency 1 cycle, one write and one read per cycle; ``rdata``
    holds its value while ``re`` is low. Written as block RAM is inferred (see
    ``SinglePortRam``); ``init`` as there.

    Arguments: ``payload``, ``depth`` (at least 2), ``init``.
    """

    def __init__(self, payload: Payload = 8, depth: int = 16, init: tuple[int, ...] | None = None,
                 is_clone: bool = False):
        payload, words, name = _checked("SimpleDualPortRam", payload, depth, init)
        super().__init__(name, is_clone=is_clone)
        self.clock()
        we, re = self.input("we"), self.input("re")
        waddr, raddr = self.input("waddr", bits_for(depth)), self.input("raddr", bits_for(depth))
        wdata = self.input("wdata", payload)
        mem = self.memory("mem", payload, depth=depth, init=words)
        mem.write(waddr, wdata, enable=we)
        self.output("rdata", payload).assign(mem.read(raddr, sync=True, enable=re))

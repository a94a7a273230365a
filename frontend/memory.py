"""Memories: a register array with synchronous write ports and asynchronous or synchronous read ports.

::

    mem = self.memory("mem", 8, depth=16)        # 16 words of 8 bits (or a Struct/Array/Enum word)
    mem.write(waddr, wdata, enable=we)          # on the rising edge of the only clock (clock= to choose)
    q = mem.read(raddr)                         # asynchronous read (also mem[raddr])
    r = mem.read(raddr, sync=True, enable=re)   # registered read: the word at the last enabled edge

In the IR (and so in the SystemVerilog) a memory is what one would write by hand::

    %mem = sv.reg sym @mem : !hw.inout<!hw.uarray<16xi8>>     // reg [7:0] mem[0:15];
    %c = seq.from_clock %clk
    sv.alwaysff(posedge %c) {                                  // always_ff @(posedge clk)
      sv.if %we {                                              //   if (we)
        %slot = sv.array_index_inout %mem[%waddr] : ...       //     mem[waddr] <= wdata;
        sv.passign %slot, %wdata : i8
      }
    }
    %r = sv.array_index_inout %mem[%raddr] : ...              // assign q = mem[raddr];
    %q = sv.read_inout %r : !hw.inout<i8>

A synchronous read is an ordinary register (``seq.firreg``, named
``<memory>_<name>``) whose next value is the asynchronous read. All write
ports share one ``always_ff`` block and the later port wins when two write the
same word in one cycle. An optional ``init`` list of words becomes an
``initial`` block (simulation and FPGA initial contents).

Why not ``seq.firmem``: it lowers through ``lower-seq-firmem`` into a
generated memory module with FIRRTL-style macros and ports, while a register
array reads like hand-written code, lints clean under ``verilator -Wall``
(including depths that are not a power of two) and simulates in Icarus
(measured).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..dialect.errors import ElaborationError
from ..dialect.srcloc import SourceLoc, user_location
from .clones import replayed_clone, replaying
from .growable import growable
from .signals import Const, Expr, Operand, PortKind, Reg, Signal, coerce, same_width, sized
from .typebase import DataType, bit_count
from .types import FieldType, index_signal, index_width, type_text

if TYPE_CHECKING:
    from .generator import Generator


class MemoryRead(Expr):
    """An asynchronous read of one word (``sv.array_index_inout`` + ``sv.read_inout``)."""

    __slots__ = ("memory",)

    def __init__(self, memory: Memory, address: Signal, loc: SourceLoc):
        super().__init__("memory_read", (address,), memory.word, loc=loc)
        self.memory = memory

    def describe(self) -> str:
        return f"read of memory '{self.memory.name}'"


class Memory:
    """A register array of ``depth`` words; declared with ``Generator.memory`` (see the module docstring)."""

    def __init__(self, owner: Generator, name: str, word: FieldType, depth: int, loc: SourceLoc,
                 init: Sequence[int] | None = None):
        self.owner = owner
        self.name = name
        self.word = word
        self.depth = depth
        self.loc = loc
        self.init = list(init) if init is not None else None
        self.writes: list[tuple[Signal, Signal, Signal | None, Signal, SourceLoc]] = []
        self.sync_reads: list[Reg] = []
        if self.init is not None:
            if len(self.init) > depth:
                raise ElaborationError(f"memory '{name}' has {depth} words, init gives {len(self.init)}", str(loc))
            bits = bit_count(word) or 0
            for index, value in enumerate(self.init):
                if not isinstance(value, int) or not 0 <= value < (1 << bits):
                    raise ElaborationError(f"init word {index} of memory '{name}' must be an int in [0, 2**{bits}),"
                                           f" got {value!r}", str(loc))

    @property
    def address_width(self) -> int:
        return index_width(self.depth)

    @property
    def inout_type(self) -> str:
        return f"!hw.inout<!hw.uarray<{self.depth}x{type_text(self.word)}>>"

    def describe(self) -> str:
        return f"memory '{self.name}' of '{self.owner.name}'"

    def _address(self, address: Operand, loc: SourceLoc) -> Signal:
        if isinstance(address, int) and not isinstance(address, bool):
            if not 0 <= address < self.depth:
                raise ElaborationError(f"address {address} is out of range for {self.describe()} (words"
                                       f" 0..{self.depth - 1})", str(loc))

            return Const(address, max(1, self.address_width), loc)
        if not isinstance(address, Signal):
            raise ElaborationError(f"address of {self.describe()} must be a signal or an int, got {address!r}",
                                   str(loc))
        self._check_owner(address, "address", loc)
        return index_signal(address, self.depth, self.describe(), loc)

    def _check_owner(self, signal: Signal, what: str, loc: SourceLoc) -> None:
        if signal.owner is not None and signal.owner is not self.owner:
            raise ElaborationError(f"{what} {signal.describe()} belongs to '{signal.owner.name}', not to"
                                   f" '{self.owner.name}'", str(loc))

    def _one_bit(self, value: Operand, what: str, loc: SourceLoc) -> Signal:
        signal = coerce(value, Const(0, 1, loc), what, loc)
        if not same_width(signal.width, 1):
            raise ElaborationError(f"{what} of {self.describe()} must be 1 bit wide, got {sized(signal.width)}"
                                   f" {signal.describe()}", str(loc))
        self._check_owner(signal, what, loc)
        return signal

    def write(self, address: Operand, data: Operand, enable: Operand | None = None,
              clock: Signal | None = None) -> None:
        """Write ``data`` to ``address`` at each rising clock edge (when ``enable`` is high)."""
        loc = user_location()
        if self.depth == 1:
            address_signal = None
        else:
            address_signal = self._address(address, loc)

        value = coerce(data, Const(0, self.word, loc), f"write data of {self.describe()}", loc)
        if not same_width(value.width, self.word):
            raise ElaborationError(f"width mismatch: {self.describe()} stores {sized(self.word)} words, the write"
                                   f" data is {sized(value.width)} {value.describe()}", str(loc))
        self._check_owner(value, "write data", loc)
        enable_signal = self._one_bit(enable, "write enable", loc) if enable is not None else None
        clock_signal = clock if clock is not None else self.owner._only_port(PortKind.CLOCK, loc)
        if not clock_signal.is_clock:
            raise ElaborationError(f"{clock_signal.describe()} is not a clock; declare it with clock()", str(loc))
        if self.writes and self.writes[0][3] is not clock_signal:
            raise ElaborationError(f"every write port of {self.describe()} must use the same clock",
                                   str(loc), (f"the first write port is at {self.writes[0][4]}",))
        if replaying(self.owner):
            return  # a clone's __init__ re-running: the shared definition has this write port already
        self.writes.append((address_signal, value, enable_signal, clock_signal, loc))  # type: ignore[arg-type]

    def read(self, address: Operand, *, sync: bool = False, enable: Operand | None = None,
             clock: Signal | None = None, name: str | None = None) -> Signal:
        """The word at ``address``: now (``sync=False``), or registered at the clock edge (``sync=True``)."""
        loc = user_location()
        if self.depth == 1:
            address = Const(0, 0, loc)
        word: Signal = MemoryRead(self, self._address(address, loc) if self.depth > 1 else address,  # type: ignore[arg-type]
                                  loc)
        if not sync:
            if enable is not None or clock is not None or name is not None:
                raise ElaborationError("enable=, clock= and name= only apply to sync=True reads", str(loc))
            return word
        enable_signal = self._one_bit(enable, "read enable", loc) if enable is not None else None
        replay = replayed_clone(self.owner, (id(self), "sync read"))
        if replay is not None:
            # The definition declared this read's register; the clone's replay expects that call, in order.
            clone, number = replay
            return clone.reg(self.sync_reads[number].name, self.word, clock=clock,
                             reset=False, enable=enable_signal)
        count = len(self.sync_reads)
        reg_name = name or f"{self.name}_rdata" + (str(count) if count else "")
        register: Reg = self.owner.reg(reg_name, self.word, clock=clock, reset=False,
                                       enable=enable_signal)
        register.assign(word)
        self.sync_reads.append(register)
        return register

    def __getitem__(self, address: Operand) -> Signal:
        return self.read(address)


def declare_memory(gen: Generator, name: str, word: FieldType, depth: int,
                   init: Sequence[int] | None = None) -> Memory:
    """``Generator.memory``: check the declaration and register the memory for emission."""
    loc = gen._claim(name, "memory")
    if isinstance(word, DataType):
        pass
    elif not isinstance(word, int) or isinstance(word, bool) or word < 1:
        raise ElaborationError(f"memory word width must be a positive int or a Struct/Array/Enum, got {word!r}",
                               str(loc))
    if not isinstance(depth, int) or isinstance(depth, bool) or depth < 1:
        raise ElaborationError(f"memory depth must be a positive int, got {depth!r}", str(loc))
    memory = Memory(gen, name, word, depth, loc, init)
    growable(gen, "statements", list).append(memory)
    return memory

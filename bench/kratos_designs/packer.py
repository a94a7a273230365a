"""The worked port of docs/from-kratos.md: a byte packer written the kratos way.

``Packer(lanes, parity)`` collects ``lanes`` bytes of a stream (``data``) into one word. A state machine
``ctrl`` is in ``Fill`` until the last lane is taken, then in ``Emit`` (``ready`` high, the word and its
checksum held) until ``take``. In ``Fill`` each cycle with ``valid`` high stores ``data`` in lane
``count`` (an unpacked array written with a signal index) and advances ``count``. The checksum folds
the lanes with xor (``parity=True``) or addition, by one of two alternative blocks, each added once per
lane with ``idx``. ``level`` shows ``count``. The reset (asynchronous, kratos's default, spelled out so
that both tools build the same hardware) clears the state machine and ``count``; the lanes keep their
values until they are written (during the reset the machine is in ``Fill`` with ``count`` 0, so lane 0
still takes a valid byte).
"""

from kratos import Generator, always_comb, always_ff, clog2, concat, posedge


class Packer(Generator):
    def __init__(self, lanes: int = 4, parity: bool = False):
        super().__init__(f"Packer{lanes}")
        self.clk = self.clock("clk")
        self.rst = self.reset("rst", is_async=True)
        self.valid = self.input("valid", 1)
        self.data = self.input("data", 8)
        self.take = self.input("take", 1)
        self.word = self.output("word", 8 * lanes)
        self.ready = self.output("ready", 1)
        self.sum = self.output("sum", 8)
        self.level = self.output("level", clog2(lanes))
        self.sum.add_attribute("csr=checksum")
        self.add_attribute("role=packer")

        self.count = self.var("count", clog2(lanes))
        self.filling = self.var("filling", 1)
        self.lane = self.var("lane", 8, size=lanes)
        self.part = [self.var(f"part{i}", 8) for i in range(lanes + 1)]

        ctrl = self.add_fsm("ctrl", reset_high=True)
        ctrl.output(self.ready)
        ctrl.output(self.filling)
        emit = ctrl.add_state("Emit")
        fill = ctrl.add_state("Fill")
        fill.next(emit, self.valid & (self.count == lanes - 1))
        fill.next(fill, None)
        emit.next(fill, self.take)
        emit.next(emit, None)
        fill.output(self.ready, 0)
        fill.output(self.filling, 1)
        emit.output(self.ready, 1)
        emit.output(self.filling, 0)
        ctrl.set_start_state(fill)

        self.add_always(self.advance)
        self.add_always(self.capture)
        for index in range(lanes):
            self.add_always(self.fold_xor if parity else self.fold_add, idx=index)
        self.wire(self.part[0], 0)
        self.wire(self.sum, self.part[lanes])
        self.wire(self.word, concat(*[self.lane[i] for i in reversed(range(lanes))]))
        self.wire(self.level, self.count)

    @always_ff((posedge, "clk"), (posedge, "rst"))
    def advance(self):
        if self.rst:
            self.count = 0
        elif self.filling & self.valid:
            self.count = self.count + 1

    @always_ff((posedge, "clk"))
    def capture(self):
        if self.filling & self.valid:
            self.lane[self.count] = self.data

    @always_comb
    def fold_add(self, idx):
        self.part[idx + 1] = self.part[idx] + self.lane[idx]

    @always_comb
    def fold_xor(self, idx):
        self.part[idx + 1] = self.part[idx] ^ self.lane[idx]


def top():
    return Packer(4, parity=True)

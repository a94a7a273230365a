"""The kratos spellings of ports, connections and helpers (issue 15 items 1, 5, 6, 10): kratos's port()
with PortDirection/PortType, an asynchronous reset declared the way both accept, bits of an output driven
one by one, wire() with the source first, a child connected through its own port objects, and the register
helpers reg_next / reg_init / reg_enable with ternary, clog2 and resize."""

from kratos import Generator, PortDirection, PortType, clog2, resize, ternary


class Increment(Generator):
    def __init__(self):
        super().__init__("Increment")
        self.in_ = self.input("in", 8)
        self.out = self.output("out", 8)
        self.wire(self.out, self.in_ + 1)


class KratosApi(Generator):
    def __init__(self):
        super().__init__("KratosApi")
        self.clk = self.port("clk", 1, PortDirection.In, PortType.Clock)
        self.rst = self.reset("rst", is_async=True)
        self.data = self.input("data", 8)
        self.en = self.input("en", 1)
        self.mixed = self.output("mixed", 8)
        for i in range(4):
            self.wire(self.mixed[i], self.data[i + 4])
            self.wire(self.data[i] ^ self.en, self.mixed[i + 4])
        self.low = self.output("low", clog2(8))
        self.wire(self.low, resize(self.data, clog2(8)))
        child = Increment()
        self.add_child("inc", child)
        self.wire(child.in_, self.data)
        self.plus = self.output("plus", 8)
        self.wire(child.out, self.plus)
        delayed = self.reg_next("delayed", self.data)
        held = self.reg_init("held", self.data, init_value=0x5A)
        gated = self.reg_enable("gated", self.data, self.en)
        self.sel = self.output("sel", 8)
        self.wire(self.sel, ternary(self.en, held, gated))
        self.prev = self.output("prev", 8)
        self.wire(self.prev, delayed)


def top():
    return KratosApi()

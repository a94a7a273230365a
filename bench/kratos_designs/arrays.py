"""kratos's array declarations (issue 15 item 7, issue 17 item 5), written the kratos way: an unpacked var
(kratos's default for ``size=``) driven element by element and read at a signal index, a packed
two-dimensional var (``size=[2, 3], packed=True``), a one-element ``explicit_array``, a ``size=1`` var that
stays plain and a register file written in ``always_ff`` at a
signal index. Ports are plain: yosys 0.23 cannot read unpacked array ports."""

from kratos import Generator, always_comb, always_ff, posedge


class Arrays(Generator):
    def __init__(self):
        super().__init__("Arrays")
        self.clk = self.clock("clk")
        self.x = self.input("x", 8)
        self.i = self.input("i", 2)
        self.j = self.input("j", 2)
        self.we = self.input("we", 1)
        self.arr = self.var("arr", 8, size=4)
        for k in range(4):
            self.wire(self.arr[k], self.x + k)
        self.one = self.var("one", 8, size=1, explicit_array=True)
        self.wire(self.one[0], self.x ^ 0x55)
        self.plain = self.var("plain", 8, size=1)
        self.wire(self.plain, self.x + 7)
        self.rf = self.var("rf", 8, size=4)
        self.pick = self.output("pick", 8)
        self.q = self.output("q", 8)
        self.wire(self.pick, self.arr[self.i] + self.one[0] + self.plain)
        self.add_always(self.write)
        self.add_always(self.read)

    @always_ff((posedge, "clk"))
    def write(self):
        if self.we:
            self.rf[self.i] = self.x

    @always_comb
    def read(self):
        self.q = self.rf[self.j]


def top():
    return Arrays()

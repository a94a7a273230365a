"""A kratos-style generator: one always_ff method added once per index with an argument, and alternative blocks."""

from kratos import Generator, always_comb, always_ff, posedge


class Lanes(Generator):
    def __init__(self, lanes: int = 3, invert: bool = False):
        super().__init__(f"Lanes{lanes}")
        self.clk = self.clock("clk")
        self.a = self.input("a", 8)
        self.acc = [self.output(f"acc{i}", 8) for i in range(lanes)]
        self.flag = self.output("flag", 1)
        for index in range(lanes):
            self.add_always(self.step, idx=index)
        self.add_always(self.inverted if invert else self.plain)

    @always_ff((posedge, "clk"))
    def step(self, idx):
        self.acc[idx] = self.acc[idx] + self.a + idx

    @always_comb
    def plain(self):
        self.flag = self.a[0]

    @always_comb
    def inverted(self):
        self.flag = ~self.a[0]


def top():
    return Lanes(3, invert=True)

"""Python keywords as port names, a dynamic bit select with a signal index, extend() and attributes on
ports (issue 15 item 2, issue 17 items 3, 4 and 6), written the kratos way."""

from kratos import Generator, always_comb


class NamesAndBits(Generator):
    def __init__(self):
        super().__init__("NamesAndBits")
        self.in_ = self.input("in", 8)
        self.idx = self.input("idx", 3)
        self.from_ = self.output("from", 1)
        self.pick = self.output("pick", 1)
        self.ext = self.output("ext", 16)
        self.in_.add_attribute("cfg_reg=addr:4")
        self.wire(self.from_, self.in_[self.idx])
        self.wire(self.ext, self.in_.extend(16))
        self.add_always(self.choose)

    @always_comb
    def choose(self):
        self.pick = self.in_[self.idx] ^ self.in_[0]


def top():
    return NamesAndBits()

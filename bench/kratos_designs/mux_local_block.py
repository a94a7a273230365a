"""A kratos-style generator: a local always_comb block function that reads and assigns __init__'s variables."""

from kratos import Generator, always_comb


class Mux(Generator):
    def __init__(self, width: int = 8):
        super().__init__(f"Mux{width}")
        a = self.input("a", width)
        b = self.input("b", width)
        sel = self.input("sel", 1)
        out_ = self.output("out_", width)  # noqa: F841 -- declares the port; the translated body assigns it by name

        @always_comb
        def code():
            if sel:
                out_ = a + b
            else:
                out_ = a - b  # noqa: F841 -- translated, not run: assigns the output port out_

        self.add_always(code)


def top():
    return Mux(8)

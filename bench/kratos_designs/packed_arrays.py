"""kratos's packed arrays (issue 17 item 5), written the kratos way: a two-dimensional packed var
(``size=[2, 3], packed=True``, ``logic [1:0][2:0][7:0]``) driven element by element and read by a constant
row and a signal column, and a packed one-dimensional var read at a signal index. yosys 0.23 cannot read
multi-dimensional packed arrays, so the cross-check simulates this design instead of proving it."""

from kratos import Generator, always_comb


class PackedArrays(Generator):
    def __init__(self):
        super().__init__("PackedArrays")
        self.x = self.input("x", 8)
        self.i = self.input("i", 2)
        self.grid = self.var("grid", 8, size=[2, 3], packed=True)
        for r in range(2):
            for c in range(3):
                self.wire(self.grid[r][c], self.x + 3 * r + c)
        self.row = self.var("row", 4, size=4, packed=True)
        self.tile = self.output("tile", 8)
        self.nib = self.output("nib", 4)
        self.wire(self.tile, self.grid[1][self.i])
        self.add_always(self.rows)

    @always_comb
    def rows(self):
        for k in range(4):
            self.row[k] = self.x[3, 0] + k
        self.nib = self.row[self.i]


def top():
    return PackedArrays()

"""Unpacked array ports through the hierarchy (issue 15 item 7), written the kratos way: a parent var with
``size=4`` (unpacked) driven element by element is passed whole to a child's unpacked input; the child
returns an unpacked output computed element by element in a block, and the parent reads it by a constant
and by a signal index. yosys 0.23 cannot read unpacked array ports, so the cross-check simulates this
design instead of proving it."""

from kratos import Generator, always_comb


class Rotate(Generator):
    def __init__(self):
        super().__init__("Rotate")
        self.a = self.input("a", 8, size=4)
        self.k = self.input("k", 2)
        self.o = self.output("o", 8, size=4)
        self.add_always(self.rotate)

    @always_comb
    def rotate(self):
        self.o[0] = self.a[1] ^ self.k.extend(8)
        self.o[1] = self.a[2] ^ self.k.extend(8)
        self.o[2] = self.a[3] ^ self.k.extend(8)
        self.o[3] = self.a[0] ^ self.k.extend(8)


class UnpackedPorts(Generator):
    def __init__(self):
        super().__init__("UnpackedPorts")
        self.x = self.input("x", 8)
        self.i = self.input("i", 2)
        self.arr = self.var("arr", 8, size=4)
        for n in range(4):
            self.wire(self.arr[n], self.x + 16 * n)
        self.rot = self.var("rot", 8, size=4)
        child = Rotate()
        self.add_child("u0", child, a=self.arr, k=self.i, o=self.rot)
        self.first = self.output("first", 8)
        self.pick = self.output("pick", 8)
        self.wire(self.first, self.rot[0])
        self.wire(self.pick, self.rot[self.i])


def top():
    return UnpackedPorts()

# RUN: %PYTHON %s | filecheck %s
"""@function: hardware functions kept as loom.func (with loom.return) in the loom IR, inlined by inline-functions."""

import loom
from loom import Generator, always_comb, always_ff, function, posedge
from loom.lowering.pipeline import run_pipeline


def run(f):
    print(f"// TEST: {f.__name__}")
    try:
        f()
    except loom.LoomError as error:
        print(f"{type(error).__name__}: {error}")
    return f


@function
def clamp(x, lo, hi):
    """Early returns under hardware ifs: the code after each if goes to its else."""
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


@function(width=3)
def lowest_set(bits, n):
    """A loop with an early return: a priority chain."""
    for i in range(n):
        if bits[i]:
            return i
    return 0


class Uses(Generator):
    def __init__(self):
        super().__init__()
        self.clk = self.clock()
        self.a = self.input("a", 8)
        self.o = self.output("o", 8)
        self.idx = self.output("idx", 3)
        self.r = self.output("r", 8)
        self.s = self.output("s", 8)
        self.s.assign(clamp(self.a, 1, 200))  # outside any block: an always_comb of its own

    @always_comb
    def comb(self):
        self.o = clamp(self.a, 10, 20) + 1
        self.idx = lowest_set(self.a, 8)

    @always_ff((posedge, "clk"))
    def seq(self):
        self.r = clamp(self.a, 3, 4)  # in always_ff: the function gets its own always_comb


# CHECK-LABEL: // TEST: ir
# CHECK: %[[RES:.+]] = sv.logic sym @clamp : !hw.inout<i8>
# CHECK: sv.alwayscomb {
# CHECK-NEXT: "loom.func"(%[[RES]]) ({
# CHECK-NEXT: sv.if %{{.+}} {
# CHECK-NEXT: "loom.return"(%{{.+}}) : (i8) -> ()
# CHECK-NEXT: } else {
# CHECK-NEXT: sv.if %{{.+}} {
# CHECK-NEXT: "loom.return"
# CHECK-NEXT: } else {
# CHECK-NEXT: "loom.return"(%arg1) : (i8) -> ()
# CHECK: }) {name = "clamp"} : (!hw.inout<i8>) -> ()
# CHECK: {name = "lowest_set"} : (!hw.inout<i3>) -> ()
@run
def ir():
    print(loom.elaborate(Uses())[0])


# After check-function-return and inline-functions, each return is an assignment of the result.
# CHECK-LABEL: // TEST: inlined
# CHECK-NOT: loom.func
# CHECK-NOT: loom.return
# CHECK: sv.bpassign %clamp, %{{.+}} : i8
@run
def inlined():
    module, _ = loom.elaborate(Uses())
    with module.context:
        run_pipeline(module.operation, "check-function-return, inline-functions")
    print(module)


# CHECK-LABEL: // TEST: sv
# CHECK: always_comb begin
# CHECK-NEXT: if (a == 8'h0)
# CHECK-NEXT: clamp = 8'h1;
# CHECK-NEXT: else if (a > 8'hC8)
# CHECK-NEXT: clamp = 8'hC8;
# CHECK-NEXT: else
# CHECK-NEXT: clamp = a;
# CHECK: always_comb begin
# CHECK: clamp_0 = 8'hA;
# CHECK: o_0 = clamp_0 + 8'h1;
# CHECK: lowest_set = 3'h0;
# CHECK: idx_0 = lowest_set;
# CHECK: always_ff @(posedge clk)
# CHECK-NEXT: r_0 <= clamp_1;
@run
def sv():
    print(loom.verilog(Uses(), emit_locations=False, default_passes=False)["Uses"])


# A return under a generation-time (Python) if ends the function, as in Python.
@function
def pick(x, wide):
    if wide:
        return x
    return x & 0x0F


class Py(Generator):
    def __init__(self):
        super().__init__()
        self.a = self.input("a", 8)
        self.o = self.output("o", 8)

    @always_comb
    def comb(self):
        self.o = pick(self.a, False)


# CHECK-LABEL: // TEST: python_return
# CHECK: comb.and
# CHECK: "loom.func"
# CHECK-NEXT: "loom.return"
# CHECK-NEXT: }, {
# CHECK-NEXT: }) {name = "pick"}
@run
def python_return():
    print(loom.elaborate(Py())[0])


# Return bugs stay in the IR; check-function-return reports them at the user's line.
@function
def forgets(x, c):
    if c:
        return x


@function
def dead_code(x):
    return x
    x = x + 1


class Bad(Generator):
    def __init__(self, fn):
        super().__init__(f"Bad_{fn.__name__}")
        self.fn = fn
        self.a = self.input("a", 8)
        self.c = self.input("c")
        self.o = self.output("o", 8)

    @always_comb
    def comb(self):
        if self.fn is forgets:
            self.o = forgets(self.a, self.c)
        else:
            self.o = dead_code(self.a)


# CHECK-LABEL: // TEST: missing_return
# CHECK: PassFailedError: {{.*}}functions.py:{{[0-9]+}}:1: error: function 'forgets' does not return a value on every path (missing return)
@run
def missing_return():
    loom.verilog(Bad(forgets))


# CHECK-LABEL: // TEST: unreachable
# CHECK: PassFailedError: {{.*}}functions.py:{{[0-9]+}}:{{[0-9]+}}: error: unreachable code after return in function 'dead_code'
@run
def unreachable():
    loom.verilog(Bad(dead_code))


# Functions calling functions: inlined inside each other, innermost first.
@function
def inner(x):
    if x[0]:
        return x
    return x + 1


@function
def outer(x):
    y = inner(x)
    if y[1]:
        return inner(y)
    return y


class Nested(Generator):
    def __init__(self):
        super().__init__()
        self.a = self.input("a", 4)
        self.o = self.output("o", 4)

    @always_comb
    def comb(self):
        self.o = outer(self.a)


# CHECK-LABEL: // TEST: nested
# CHECK: always_comb begin
# CHECK-NEXT: inner_0 = 4'h0;
# CHECK-NEXT: if (a[0])
# CHECK-NEXT: inner = a;
# CHECK-NEXT: else
# CHECK-NEXT: inner = a + 4'h1;
# CHECK-NEXT: y = inner;
# CHECK-NEXT: if (y[1]) begin
# CHECK: outer = inner_0;
# CHECK-NEXT: end
# CHECK-NEXT: else
# CHECK-NEXT: outer = y;
# CHECK-NEXT: o_0 = outer;
@run
def nested():
    print(loom.verilog(Nested(), emit_locations=False, default_passes=False)["Nested"])

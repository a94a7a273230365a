# RUN: %PYTHON %s | filecheck %s
"""SystemVerilog for each operator family (no location comments), checked next to the code."""

import loom
from loom import Generator, concat, mux


def run(f):
    print(f"// TEST: {f.__name__}")
    try:
        f()
    except loom.LoomError as error:
        print(f"{type(error).__name__}: {error}")
    return f


def show(gen, **options):
    for text in loom.verilog(gen, emit_locations=False, **options).values():
        print(text)


# CHECK-LABEL: // TEST: arithmetic
@run
def arithmetic():
    class Arith(Generator):
        def __init__(self):
            super().__init__()
            a, b = self.input("a", 8), self.input("b", 8)
            # CHECK: module Arith(
            # CHECK: assign sum = a + b;
            self.output("sum", 8).assign(a + b)
            # CHECK: assign diff = a - b;
            self.output("diff", 8).assign(a - b)
            # CHECK: assign prod = a * b;
            self.output("prod", 8).assign(a * b)
            # CHECK: assign bits = a & b | a ^ ~b;
            self.output("bits", 8).assign((a & b) | (a ^ ~b))

    show(Arith())


# -----
# CHECK-LABEL: // TEST: shifts_and_compares
@run
def shifts_and_compares():
    class Shifts(Generator):
        def __init__(self):
            super().__init__()
            a, b = self.input("a", 8, signed=True), self.input("b", 8)
            # CHECK: assign l = a << b;
            self.output("l", 8).assign(a << b)
            # CHECK: assign r = b >> a;
            self.output("r", 8).assign(b >> a)
            # CHECK: assign ar = {{.*}}$signed(a) >>> b{{.*}};
            self.output("ar", 8).assign(a >> b)
            # CHECK: assign lt = a < b;
            self.output("lt").assign(a.as_unsigned() < b)
            # CHECK: assign neg = $signed(a) < 8'sh0;
            self.output("neg").assign(a < 0)

    show(Shifts())


# -----
# CHECK-LABEL: // TEST: slices_and_reductions
@run
def slices_and_reductions():
    class Bits(Generator):
        def __init__(self):
            super().__init__()
            a, s = self.input("a", 8), self.input("s")
            # CHECK: assign swapped = {a[3:0], a[7:4]};
            self.output("swapped", 8).assign(concat(a[3:0], a[7, 4]))
            # CHECK: assign flags = {&a, |a, ^a, a[7]};
            self.output("flags", 4).assign(concat(a.r_and(), a.r_or(), a.r_xor(), a[7]))
            # CHECK: assign wide = {s ? {4{a[7]}} : 4'h0, a};
            self.output("wide", 12).assign(mux(s, a.sext(12), a.zext(12)))

    show(Bits())


# -----
# CHECK-LABEL: // TEST: registers
@run
def registers():
    class Regs(Generator):
        def __init__(self):
            super().__init__()
            self.clock()
            rst_n = self.reset("rst_n", asynchronous=True, active_low=True)
            en, d = self.input("en"), self.input("d", 4)
            # CHECK: always @(posedge clk or posedge [[RST:.+]]) begin
            # CHECK-NEXT: if ([[RST]])
            # CHECK-NEXT: r <= 4'h3;
            # CHECK-NEXT: else
            # CHECK-NEXT: r <= en ? d : r;
            r = self.reg("r", 4, reset=rst_n, reset_value=3, enable=en)
            r.assign(d)
            self.output("q", 4).assign(r)

    show(Regs())


# -----
# CHECK-LABEL: // TEST: hierarchy
@run
def hierarchy():
    # One module per value of HAS_BIAS; the absent port disappears.
    # CHECK: module Leaf_HAS_BIAS_0(
    # CHECK-NOT: bias
    # CHECK: assign o = a;
    # CHECK: module Leaf_HAS_BIAS_1(
    # CHECK: bias,
    # CHECK: assign o = a + bias;
    class Leaf(Generator):
        def __init__(self):
            super().__init__()
            has_bias = self.param("HAS_BIAS", 1)
            a = self.input("a", 4)
            bias = self.input("bias", 4, when=has_bias)
            self.output("o", 4).assign(a + bias)

    # CHECK-LABEL: module Top(
    class Top(Generator):
        def __init__(self):
            super().__init__()
            a = self.input("a", 4)
            # CHECK: wire [3:0] mid;
            mid = self.var("mid", 4)
            # CHECK: Leaf_HAS_BIAS_1 with_bias (
            # CHECK: .bias (a),
            # CHECK: .o    (mid)
            self.add_child("with_bias", Leaf(), a=a, bias=a, o=mid)
            # CHECK: Leaf_HAS_BIAS_0 without (
            # CHECK-NEXT: .a (mid),
            # CHECK-NEXT: .o (o)
            without = self.add_child("without", Leaf(), params={"HAS_BIAS": 0}, a=mid)
            self.output("o", 4).assign(without.o)

    show(Top())

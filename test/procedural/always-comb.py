# RUN: %PYTHON %s | filecheck %s
"""@always_comb: the loom IR (sv.logic, sv.alwayscomb, sv.bpassign, sv.if, sv.case) and the SystemVerilog."""

import loom
from loom import Generator, always_comb


def run(f):
    print(f"// TEST: {f.__name__}")
    try:
        f()
    except loom.LoomError as error:
        print(f"{type(error).__name__}: {error}")
    return f


def ir(gen):
    print(loom.elaborate(gen)[0])


def sv(gen, **options):
    print(loom.verilog(gen, emit_locations=False, **options)[gen.name])


class Mux4(Generator):
    def __init__(self):
        super().__init__()
        self.sel = self.input("sel", 2)
        self.d = self.input("d", 8)
        self.o = self.output("o", 8)
        self.lo = self.var("lo", 4)

    @always_comb
    def pick(self):
        self.lo = self.d[3:0]
        if self.sel == 0:
            self.o = 0
        elif self.sel[1]:
            total = self.d + 1
            total = total + self.lo.zext(8)
            self.o = total
        else:
            self.o = self.d
            self.o[7:4] = self.lo


# CHECK-LABEL: // TEST: comb_ir
# CHECK-DAG: %[[O:.+]] = sv.logic sym @o : !hw.inout<i8>
# CHECK-DAG: %[[LO:.+]] = sv.logic sym @lo : !hw.inout<i4>
# CHECK-DAG: %[[TOTAL:.+]] = sv.logic sym @total : !hw.inout<i8>
# CHECK: sv.alwayscomb {
# CHECK: sv.bpassign %[[TOTAL]], %{{.+}} : i8
# CHECK: sv.bpassign %[[LO]], %{{.+}} : i4
# CHECK: sv.if %{{.+}} {
# CHECK: sv.bpassign %[[O]], %{{.+}} : i8
# CHECK: } else {
# CHECK: sv.if %{{.+}} {
# A local read after it is assigned is read inside the block, at that point.
# CHECK: sv.bpassign %[[TOTAL]], %{{.+}} : i8
# CHECK: %[[T:.+]] = sv.read_inout %[[TOTAL]] : !hw.inout<i8>
# CHECK: comb.add %[[T]], %{{.+}} : i8
# CHECK: } else {
# CHECK: %[[PART:.+]] = sv.indexed_part_select_inout %[[O]][%{{.+}} : 4] : !hw.inout<i8>, i3
# CHECK: sv.bpassign %[[PART]], %{{.+}} : i4
# CHECK: "loom.output"
@run
def comb_ir():
    ir(Mux4())


# CHECK-LABEL: // TEST: comb_sv
# CHECK: logic [7:0] total;
# CHECK: always_comb begin
# CHECK-NEXT: total = 8'h0;
# CHECK-NEXT: lo = d[3:0];
# CHECK-NEXT: if (sel == 2'h0)
# CHECK-NEXT: o_comb = 8'h0;
# CHECK-NEXT: else if (sel[1]) begin
# CHECK-NEXT: total = d + 8'h1;
# CHECK-NEXT: total = total + {4'h0, lo};
# CHECK-NEXT: o_comb = total;
# CHECK-NEXT: end
# CHECK-NEXT: else begin
# CHECK-NEXT: o_comb = d;
# CHECK-NEXT: o_comb[3'h4 +: 4] = lo;
# CHECK-NEXT: end
# CHECK-NEXT: o_0 = o_comb;
# CHECK-NEXT: end // always_comb
@run
def comb_sv():
    sv(Mux4())


class Decoder(Generator):
    """match -> case with default; labels are literals, dotted constants and or-patterns."""

    IDLE, RUN = 0, 1

    def __init__(self):
        super().__init__()
        self.state = self.input("state", 2)
        self.go = self.output("go")
        self.code = self.output("code", 3)

    @always_comb
    def decode(self):
        self.go = 0
        match self.state:
            case Decoder.IDLE:
                self.code = 1
            case self.RUN:
                self.go = 1
                self.code = 2
            case 2 | 3:
                self.code = 4
            case _:
                self.code = 0


# CHECK-LABEL: // TEST: case_ir
# CHECK: sv.case %arg0 : i2
# CHECK-NEXT: case b00: {
# CHECK: case b01: {
# CHECK: case b10: {
# CHECK: case b11: {
# CHECK: default: {
@run
def case_ir():
    ir(Decoder())


# CHECK-LABEL: // TEST: case_sv
# CHECK: case (state)
# CHECK-NEXT: 2'b00:
# CHECK-NEXT: code_0 = 3'h1;
# CHECK-NEXT: 2'b01: begin
# CHECK-NEXT: go_comb = 1'h1;
# CHECK: default:
# CHECK-NEXT: code_0 = 3'h0;
# CHECK-NEXT: endcase
@run
def case_sv():
    sv(Decoder())


class Params(Generator):
    """Generation-time Python: ifs on constructor arguments, for over range, helpers returning expressions."""

    def __init__(self, width, invert):
        super().__init__(f"Params{width}_{int(invert)}")
        self.width = width
        self.invert = invert
        self.a = self.input("a", width)
        self.o = self.output("o", width)

    @always_comb
    def body(self):
        for i in range(self.width):
            if self.invert:
                self.o[i] = ~self.a[self.width - 1 - i]
            else:
                self.o[i] = helper(self.a, i)


def helper(signal, index):
    return signal[index]


# (Without the default kratos passes, which would merge the bit assignments into one.)
# CHECK-LABEL: // TEST: python_level
# CHECK: always_comb begin
# CHECK-NEXT: o_0[2'h0 +: 1] = ~(a[3]);
# CHECK-NEXT: o_0[2'h1 +: 1] = ~(a[2]);
# CHECK-NEXT: o_0[2'h2 +: 1] = ~(a[1]);
# CHECK-NEXT: o_0[2'h3 +: 1] = ~(a[0]);
# CHECK-NEXT: end
@run
def python_level():
    sv(Params(4, True), default_passes=False)


class Halving(Generator):
    """A while loop on a Python value runs while the generator runs (unrolled)."""

    def __init__(self):
        super().__init__()
        self.a = self.input("a", 8)
        self.o = self.output("o", 8)

    @always_comb
    def body(self):
        step = 4
        acc = self.a
        while step > 0:
            acc = acc ^ (acc >> step)
            step //= 2
        self.o = acc


# CHECK-LABEL: // TEST: python_while
# CHECK: acc = a;
# CHECK-NEXT: acc = acc ^ {4'h0, acc[7:4]};
# CHECK-NEXT: acc = acc ^ {2'h0, acc[7:2]};
# CHECK-NEXT: acc = acc ^ {1'h0, acc[7:1]};
# CHECK-NEXT: o_0 = acc;
@run
def python_while():
    sv(Halving(), default_passes=False)

# RUN: %PYTHON %s | filecheck %s
"""@always_ff: clock edges, synchronous and asynchronous resets, clock enables, locals as named wires."""

import loom
from loom import Generator, always_ff, assert_, display, negedge, posedge


def run(f):
    print(f"// TEST: {f.__name__}")
    try:
        f()
    except loom.LoomError as error:
        print(f"{type(error).__name__}: {error}")
    return f


def ir(gen):
    print(loom.elaborate(gen)[0])


def sv(gen):
    print(loom.verilog(gen, emit_locations=False)[gen.name])


class SyncEnable(Generator):
    """Synchronous reset and a clock enable: an sv.alwaysff on the clock with nested sv.if."""

    def __init__(self):
        super().__init__()
        self.clock()
        self.rst = self.reset()
        self.en = self.input("en")
        self.d = self.input("d", 8)
        self.q = self.output("q", 8)

    @always_ff((posedge, "clk"))
    def update(self):
        if self.rst:
            self.q = 0x5A
        elif self.en:
            self.q = self.d


# CHECK-LABEL: // TEST: sync_ir
# CHECK: ^bb0(%[[CLK:.+]]: !seq.clock, %[[RST:.+]]: i1, %[[EN:.+]]: i1, %[[D:.+]]: i8):
# CHECK: %[[Q:.+]] = sv.logic sym @q : !hw.inout<i8>
# CHECK: %[[C:.+]] = seq.from_clock %[[CLK]]
# CHECK: sv.alwaysff(posedge %[[C]]) {
# CHECK-NEXT: sv.if %[[RST]] {
# CHECK-NEXT: sv.passign %[[Q]], %{{.+}} : i8
# CHECK-NEXT: } else {
# CHECK-NEXT: sv.if %[[EN]] {
# CHECK-NEXT: sv.passign %[[Q]], %[[D]] : i8
@run
def sync_ir():
    ir(SyncEnable())


# CHECK-LABEL: // TEST: sync_sv
# CHECK: always_ff @(posedge clk) begin
# CHECK-NEXT: if (rst)
# CHECK-NEXT: q_0 <= 8'h5A;
# CHECK-NEXT: else if (en)
# CHECK-NEXT: q_0 <= d;
# CHECK-NEXT: end // always_ff @(posedge)
@run
def sync_sv():
    sv(SyncEnable())


class AsyncLow(Generator):
    """An asynchronous active-low reset: the reset branch becomes the asyncreset region."""

    def __init__(self):
        super().__init__()
        self.clock()
        self.rst_n = self.reset("rst_n", asynchronous=True, active_low=True)
        self.d = self.input("d", 4)
        self.q = self.output("q", 4)
        self.total = self.var("total", 4)

    @always_ff((posedge, "clk"), (negedge, "rst_n"))
    def update(self):
        if not self.rst_n:
            self.q = 0
            self.total = 0
        else:
            doubled = self.d + self.d
            if self.d[0]:
                step = doubled
            else:
                step = self.d
            self.q = self.d
            self.total = self.total + step
            display("total=%0d", self.total)
            assert_(self.d != 15, "d=%d", self.d)


# CHECK-LABEL: // TEST: async_ir
# CHECK: sv.macro.decl @SYNTHESIS
# CHECK: sv.alwaysff(posedge %{{.+}}) {
# CHECK: sv.passign
# CHECK: sv.fwrite %{{.+}}, "total=%0d\0A"(%{{.+}}) : i4
# The assertion is for simulation only already in loom IR: `ifndef SYNTHESIS (docs/rationale.md).
# CHECK: sv.ifdef.procedural @SYNTHESIS {
# CHECK-NEXT: } else {
# CHECK-NEXT: sv.assert %{{.+}}, immediate message "d=%d"(%{{.+}}) : i4
# CHECK-NEXT: }
# CHECK: }(asyncreset : negedge %{{.+}}) {
# CHECK-NEXT: sv.passign
# CHECK-NEXT: sv.passign
@run
def async_ir():
    ir(AsyncLow())


# Locals of an always_ff block are values, kept as named wires (no blocking assignment in always_ff);
# a local set in both branches of an if is a mux after it.
# CHECK-LABEL: // TEST: async_sv
# CHECK-DAG: wire [3:0] doubled = {d[2:0], 1'h0};
# CHECK-DAG: wire [3:0] step = d[0] ? doubled : d;
# CHECK: always_ff @(posedge clk or negedge rst_n) begin
# CHECK-NEXT: if (!rst_n) begin
# CHECK-NEXT: q_0 <= 4'h0;
# CHECK-NEXT: total <= 4'h0;
# CHECK-NEXT: end
# CHECK-NEXT: else begin
# CHECK-NEXT: q_0 <= d;
# CHECK-NEXT: total <= total + step;
# CHECK-NEXT: $fwrite(32'h80000001, "total=%0d\n", total);
# CHECK-NEXT: `ifndef SYNTHESIS
# CHECK-NEXT: assert(d != 4'hF) else $error("d=%d", d);
# CHECK-NEXT: `endif // not def SYNTHESIS
# CHECK-NEXT: end
@run
def async_sv():
    sv(AsyncLow())


class AsyncHigh(Generator):
    def __init__(self):
        super().__init__()
        self.clk = self.clock()
        self.arst = self.reset("arst", asynchronous=True)
        self.q = self.output("q", 2)

    @always_ff((posedge, "clk"), (posedge, "arst"))
    def update(self):
        if self.arst:
            self.q = 3
        else:
            self.q = self.q - 1


# CHECK-LABEL: // TEST: async_high_sv
# CHECK: always_ff @(posedge clk or posedge arst) begin
# CHECK-NEXT: if (arst)
# CHECK-NEXT: q_0 <= 2'h3;
# CHECK-NEXT: else
# CHECK-NEXT: q_0 <= q_0 - 2'h1;
@run
def async_high_sv():
    sv(AsyncHigh())

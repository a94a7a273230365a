# RUN: %PYTHON %s | filecheck %s
"""Memories: a register array (sv.reg of an unpacked array) with write ports in one always_ff block."""

import loom
from loom import Generator


class Ram(Generator):
    def __init__(self):
        super().__init__()
        self.clock()
        we = self.input("we")
        waddr, raddr = self.input("waddr", 2), self.input("raddr", 2)
        mem = self.memory("mem", 8, depth=3)
        mem.write(waddr, self.input("d", 8), enable=we)
        self.output("q", 8).assign(mem[raddr])
        self.output("r", 8).assign(mem.read(raddr, sync=True))


# CHECK-LABEL: // TEST: ir
# CHECK: ^bb0(%[[CLK:.+]]: !seq.clock, %[[WE:.+]]: i1, %[[WA:.+]]: i2, %[[RA:.+]]: i2, %[[D:.+]]: i8):
# CHECK: %mem_rdata = seq.firreg %[[READ:.+]] clock %[[CLK]] : i8
# CHECK: %mem = sv.reg sym @mem : !hw.inout<uarray<3xi8>>
# CHECK-NEXT: %[[C:.+]] = seq.from_clock %[[CLK]]
# CHECK-NEXT: sv.alwaysff(posedge %[[C]]) {
# CHECK-NEXT: sv.if %[[WE]] {
# CHECK-NEXT: %[[SLOT:.+]] = sv.array_index_inout %mem[%[[WA]]] : !hw.inout<uarray<3xi8>>, i2
# CHECK-NEXT: sv.passign %[[SLOT]], %[[D]] : i8
# CHECK: %[[RSLOT:.+]] = sv.array_index_inout %mem[%[[RA]]] : !hw.inout<uarray<3xi8>>, i2
# CHECK-NEXT: %[[Q:.+]] = sv.read_inout %[[RSLOT]] : !hw.inout<i8>
# CHECK: "loom.output"(%[[Q]], %mem_rdata)
print("// TEST: ir")
print(loom.elaborate(Ram())[0])

# CHECK-LABEL: // TEST: sv
# CHECK: reg [7:0] mem_rdata;
# CHECK-NEXT: reg [7:0] mem[0:2];
# CHECK-NEXT: always_ff @(posedge clk) begin
# CHECK-NEXT: if (we)
# CHECK-NEXT: mem[waddr] <= d;
# CHECK-NEXT: end
# CHECK-NEXT: always @(posedge clk)
# CHECK-NEXT: mem_rdata <= mem[raddr];
# CHECK-NEXT: assign q = mem[raddr];
# CHECK-NEXT: assign r = mem_rdata;
print("// TEST: sv")
print(loom.verilog(Ram(), emit_locations=False)["Ram"])

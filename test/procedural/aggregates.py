# RUN: %PYTHON %s | filecheck %s
"""Assigning struct fields and array elements (memories) in procedural blocks."""

import loom
from loom import Array, Generator, Struct, always_comb, always_ff, posedge

Pixel = Struct("pixel_t", r=8, g=4)


class Memory(Generator):
    def __init__(self):
        super().__init__()
        self.clk = self.clock()
        self.we = self.input("we")
        self.addr = self.input("addr", 2)
        self.wdata = self.input("wdata", 8)
        self.rdata = self.output("rdata", 8)
        self.px = self.output("px", Pixel)
        self.mem = self.var("mem", Array(8, 4))

    @always_ff((posedge, "clk"))
    def write(self):
        if self.we:
            self.mem[self.addr] = self.wdata
        self.px.r = self.wdata
        self.px.g = self.wdata[3:0]

    @always_comb
    def read(self):
        self.rdata = self.mem[self.addr]


# CHECK-LABEL: // TEST: ir
# CHECK: %[[MEM:.+]] = sv.logic sym @mem : !hw.inout<array<4xi8>>
# CHECK: sv.alwaysff
# CHECK: %[[E:.+]] = sv.array_index_inout %[[MEM]][%{{.+}}] : !hw.inout<array<4xi8>>, i2
# CHECK-NEXT: sv.passign %[[E]], %{{.+}} : i8
# CHECK: %[[F:.+]] = sv.struct_field_inout %{{.+}}["r"] : !hw.inout<typealias<@Memory_types::@pixel_t,
# CHECK-NEXT: sv.passign %[[F]], %{{.+}} : i8
print("// TEST: ir")
print(loom.elaborate(Memory())[0])

# CHECK-LABEL: // TEST: sv
# CHECK: always_ff @(posedge clk) begin
# CHECK-NEXT: if (we)
# CHECK-NEXT: mem[addr] <= wdata;
# CHECK-NEXT: px_0.r <= wdata;
# CHECK-NEXT: px_0.g <= wdata[3:0];
# CHECK: rdata_0 = mem[addr];
print("// TEST: sv")
print(loom.verilog(Memory(), emit_locations=False)["Memory"])

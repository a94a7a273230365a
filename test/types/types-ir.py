# RUN: %PYTHON %s | filecheck %s
"""The loom IR and the SystemVerilog of structs, arrays and enums."""

import loom
from loom import Array, Enum, Generator, Struct, mux

Pixel = Struct("pixel_t", r=8, g=4)
Frame = Struct("frame_t", p=Pixel, v=1)
State = Enum("state_t", ["IDLE", "RUN", "DONE"])


def run(f):
    print(f"// TEST: {f.__name__}")
    f()
    return f


class Structs(Generator):
    def __init__(self):
        super().__init__()
        p = self.input("p", Pixel)
        f = self.output("f", Frame)
        f.p.assign(p)
        f.v.assign(p.g[0])
        self.output("q", Pixel).assign(Pixel(r=p.r ^ 1, g=p["g"]))


# CHECK-LABEL: // TEST: struct_ir
# CHECK: hw.type_scope @Structs_types {
# CHECK-NEXT: hw.typedecl @pixel_t : !hw.struct<r: i8, g: i4>
# CHECK-NEXT: hw.typedecl @frame_t : !hw.struct<p: !hw.typealias<@Structs_types::@pixel_t, !hw.struct<r: i8, g: i4>>, v: i1>
# CHECK: ^bb0(%[[P:.+]]: !hw.typealias<@Structs_types::@pixel_t, !hw.struct<r: i8, g: i4>>):
# CHECK-DAG: %[[G:.+]] = hw.struct_extract %[[P]]["g"] : !hw.typealias<@Structs_types::@pixel_t
# CHECK-DAG: %[[V:.+]] = comb.extract %[[G]] from 0 : (i4) -> i1
# CHECK-DAG: %[[F:.+]] = hw.struct_create (%[[P]], %[[V]]) : !hw.typealias<@Structs_types::@frame_t
# CHECK: "loom.output"(%[[F]], %{{.+}}) :
# CHECK-NEXT: }, {
# CHECK-NEXT: {dir = "in", name = "p", type = !hw.typealias<@Structs_types::@pixel_t, !hw.struct<r: i8, g: i4>>}
@run
def struct_ir():
    print(loom.elaborate(Structs())[0])


# CHECK-LABEL: // TEST: struct_sv
# CHECK: typedef struct packed {logic [7:0] r; logic [3:0] g; } pixel_t;
# CHECK-NEXT: typedef struct packed {pixel_t p; logic v; } frame_t;
# CHECK-LABEL: module Structs(
# CHECK-NEXT: input  pixel_t p,
# CHECK-NEXT: output frame_t f,
# CHECK-NEXT: output pixel_t q
# CHECK: assign f = /*cast(bit)*/{/*cast(bit[11:0])*/p, p.g[0]};
# CHECK-NEXT: assign q = /*cast(bit)*/{p.r ^ 8'h1, p.g};
@run
def struct_sv():
    print(loom.verilog(Structs(), emit_locations=False)["Structs"])


class Arrays(Generator):
    def __init__(self):
        super().__init__()
        a = self.input("a", Array(8, 4))
        i = self.input("i", 2)
        o = self.output("o", Array(8, 4))
        o[0].assign(a[i])
        o[1].assign(a[3])
        o[2].assign(0)
        o[3].assign(a[self.input("j", 1)])
        self.output("b", 32).assign(a.bits())


# CHECK-LABEL: // TEST: array_ir
# CHECK: ^bb0(%[[A:.+]]: !hw.array<4xi8>, %[[I:.+]]: i2, %[[J:.+]]: i1):
# CHECK-DAG: %[[E0:.+]] = hw.array_get %[[A]][%[[I]]] : !hw.array<4xi8>, i2
# CHECK-DAG: %[[C3:.+]] = hw.constant -1 : i2
# CHECK-DAG: %[[E1:.+]] = hw.array_get %[[A]][%[[C3]]] : !hw.array<4xi8>, i2
# CHECK-DAG: %[[JX:.+]] = comb.concat %{{.+}}, %[[J]] : i1, i1
# CHECK-DAG: %[[E3:.+]] = hw.array_get %[[A]][%[[JX]]] : !hw.array<4xi8>, i2
# CHECK-DAG: %[[O:.+]] = hw.array_create %[[E3]], %{{.+}}, %[[E1]], %[[E0]] : i8
# CHECK-DAG: %[[B:.+]] = hw.bitcast %[[A]] : (!hw.array<4xi8>) -> i32
# CHECK: "loom.output"(%[[O]], %[[B]])
@run
def array_ir():
    print(loom.elaborate(Arrays())[0])


# CHECK-LABEL: // TEST: array_sv
# CHECK: input  [3:0][7:0] a,
# CHECK: output [3:0][7:0] o,
# CHECK: assign o = {{[{][{]}}a[{1'h0, j}]}, {8'h0}, {a[2'h3]}, {a[i]}};
# CHECK-NEXT: assign b = /*cast(bit[31:0])*/a;
@run
def array_sv():
    print(loom.verilog(Arrays(), emit_locations=False)["Arrays"])


class Enums(Generator):
    def __init__(self):
        super().__init__()
        self.clock()
        self.reset()
        s = self.input("s", State)
        state = self.reg("state", State, reset_value=State.DONE)
        state.assign(mux(s == State.RUN, State.IDLE, s))
        self.output("busy").assign(state != State.IDLE)


# CHECK-LABEL: // TEST: enum_ir
# CHECK-DAG: %[[IDLE:.+]] = "loom.localparam"() {name = "IDLE", value = 0 : i2} : () -> i2
# CHECK-DAG: %[[RUNV:.+]] = "loom.localparam"() {name = "RUN", value = 1 : i2} : () -> i2
# CHECK-DAG: comb.icmp eq %{{.+}}, %[[RUNV]] : i2
# CHECK-DAG: comb.icmp ne %state, %[[IDLE]] : i2
@run
def enum_ir():
    print(loom.elaborate(Enums())[0])


# CHECK-LABEL: // TEST: enum_sv
# CHECK: localparam [1:0] IDLE = 0;
# CHECK-NEXT: localparam [1:0] RUN = 1;
# CHECK: state <= s == RUN ? IDLE : s;
# CHECK: assign busy = state != IDLE;
@run
def enum_sv():
    print(loom.verilog(Enums(), emit_locations=False)["Enums"])

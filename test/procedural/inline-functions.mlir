// RUN: loom-opt %s --inline-functions | filecheck %s
// RUN: loom-opt %s -p 'check-function-return, inline-functions, lower-to-hw, cleanup' --export-verilog | filecheck %s --check-prefix=SV
// RUN: loom-opt %S/Inputs/inline-return-without-result.mlir --inline-functions --verify-diagnostics

// Each loom.return assigns the result (blocking); the body replaces the loom.func;
// a function without result loses its returns.
// CHECK-LABEL: "loom.module"
// CHECK: sv.alwayscomb {
// CHECK-NEXT: sv.if %{{.+}} {
// CHECK-NEXT: sv.bpassign %[[R:.+]], %{{.+}} : i8
// CHECK-NEXT: } else {
// CHECK-NEXT: sv.bpassign %[[R]], %{{.+}} : i8
// CHECK-NEXT: }
// CHECK-NEXT: sv.if
// CHECK-NEXT: }
// CHECK-NEXT: %{{.+}} = sv.read_inout %[[R]]
// CHECK-NOT: loom.func
// CHECK-NOT: loom.return
"loom.module"() ({
^bb0(%a: i8, %lo: i8):
  %clamp = sv.logic sym @clamp : !hw.inout<i8>
  %o = sv.logic sym @o : !hw.inout<i8>
  %c = comb.icmp ult %a, %lo : i8
  sv.alwayscomb {
    "loom.func"(%clamp) ({
      sv.if %c {
        "loom.return"(%lo) : (i8) -> ()
      } else {
        "loom.return"(%a) : (i8) -> ()
      }
    }, {}) {name = "clamp"} : (!hw.inout<i8>) -> ()
    "loom.func"() ({
      sv.if %c {
        "loom.return"() : () -> ()
      }
    }, {}) {name = "nothing"} : () -> ()
    %v = sv.read_inout %clamp : !hw.inout<i8>
    sv.bpassign %o, %v : i8
  }
  %ov = sv.read_inout %o : !hw.inout<i8>
  "loom.output"(%ov) : (i8) -> ()
}, {}) {sym_name = "Clamp", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "lo", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// SV-LABEL: module Clamp(
// SV: always_comb begin
// SV-NEXT: if (a < lo)
// SV-NEXT: clamp = lo;
// SV-NEXT: else
// SV-NEXT: clamp = a;
// SV-NEXT: o_0 = clamp;

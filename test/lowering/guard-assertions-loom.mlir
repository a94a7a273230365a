// RUN: loom-opt %s -p guard-assertions | filecheck %s
// RUN: loom-opt %s -p 'guard-assertions, lower-to-hw, cleanup' --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// guard-assertions works on loom IR too (loom bodies let the macro reference through,
// docs/rationale.md): the unguarded assertion, also one inside a hardware function,
// moves into `ifndef SYNTHESIS; the one the frontend already guarded stays as it is.
// CHECK:      sv.macro.decl @SYNTHESIS
// CHECK-NOT:  sv.macro.decl
// CHECK:      sv.alwayscomb {
// CHECK-NEXT:   sv.ifdef.procedural @SYNTHESIS {
// CHECK-NEXT:   } else {
// CHECK-NEXT:     sv.assert %{{.*}}, immediate message "already guarded"
// CHECK-NEXT:   }
// CHECK-NEXT:   sv.ifdef.procedural @SYNTHESIS {
// CHECK-NEXT:   } else {
// CHECK-NEXT:     sv.assert %{{.*}}, immediate message "a must not be 3"
// CHECK-NEXT:   }
// CHECK:        "loom.func"
// CHECK-NEXT:     sv.ifdef.procedural @SYNTHESIS {
// CHECK-NEXT:     } else {
// CHECK-NEXT:       sv.assert %{{.*}}, immediate message "in a function"

// SV:      always_comb begin
// SV-NEXT:   `ifndef SYNTHESIS
// SV-NEXT:     assert(_GEN) else $error("already guarded");
// SV-NEXT:   `endif // not def SYNTHESIS
// SV-NEXT:   `ifndef SYNTHESIS
// SV-NEXT:     assert(_GEN) else $error("a must not be 3");
// SV-NEXT:   `endif // not def SYNTHESIS
// SV-NEXT:   `ifndef SYNTHESIS
// SV-NEXT:     assert(_GEN) else $error("in a function");
// SV-NEXT:   `endif // not def SYNTHESIS

sv.macro.decl @SYNTHESIS
"loom.module"() ({
^bb0(%a: i8):
  %three = hw.constant 3 : i8
  %t = sv.logic sym @t : !hw.inout<i8>
  %ok = comb.icmp ne %a, %three : i8
  sv.alwayscomb {
    sv.ifdef.procedural @SYNTHESIS {
    } else {
      sv.assert %ok, immediate message "already guarded"
    }
    sv.assert %ok, immediate message "a must not be 3"
    "loom.func"(%t) ({
      sv.assert %ok, immediate message "in a function"
      "loom.return"(%a) : (i8) -> ()
    }, {}) {name = "f"} : (!hw.inout<i8>) -> ()
  }
  %v = sv.read_inout %t : !hw.inout<i8>
  "loom.output"(%v) : (i8) -> ()
}, {}) {sym_name = "top", ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

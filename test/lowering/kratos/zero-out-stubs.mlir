// RUN: loom-opt %s --zero-out-stubs | filecheck %s
// RUN: loom-opt %S/Inputs/bad-stub.mlir --zero-out-stubs --verify-diagnostics

// The frontend leaves a stub's undriven output reading an unassigned placeholder;
// the pass drives it with 0 and removes the placeholder.
// CHECK-LABEL: "loom.module"
// CHECK-NOT: sv.logic
// CHECK: %[[Z:.+]] = hw.constant 0 : i8
// CHECK: "loom.output"(%[[Z]]) : (i8) -> ()
// CHECK: user_attributes = {stub = ""}
"loom.module"() ({
^bb0(%a: i8):
  %p = sv.logic : !hw.inout<i8>
  %v = sv.read_inout %p : !hw.inout<i8>
  "loom.output"(%v) : (i8) -> ()
}, {}) {sym_name = "Stub", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}], user_attributes = {stub = ""}} : () -> ()

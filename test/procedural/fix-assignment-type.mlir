// RUN: loom-opt %s --fix-assignment-type | filecheck %s
// RUN: loom-opt %s -p 'fix_assignment_type' | filecheck %s
// RUN: loom-opt %S/Inputs/bad-assign-kind.mlir --fix-assignment-type --verify-diagnostics

// An undefined loom.assign takes the kind its position calls for: continuous at
// module level, blocking in always_comb / level-sensitive always / initial,
// non-blocking in always_ff and edge-triggered always. A given kind is kept.

// CHECK-LABEL: hw.module @Kinds
hw.module @Kinds(in %clk: i1, in %en: i1, in %a: i8, out o: i8) {
  %o = sv.logic sym @o : !hw.inout<i8>
  %p = sv.logic sym @p : !hw.inout<i8>
  %r = sv.logic sym @r : !hw.inout<i8>
  // CHECK: sv.assign %o, %a : i8
  "loom.assign"(%o, %a) {kind = "undefined"} : (!hw.inout<i8>, i8) -> ()
  // CHECK: sv.alwayscomb {
  // CHECK-NEXT: sv.if %en {
  // CHECK-NEXT: sv.bpassign %p, %a : i8
  sv.alwayscomb {
    sv.if %en {
      "loom.assign"(%p, %a) {kind = "undefined"} : (!hw.inout<i8>, i8) -> ()
    }
  }
  // CHECK: sv.alwaysff(posedge %clk) {
  // CHECK-NEXT: sv.passign %r, %a : i8
  sv.alwaysff(posedge %clk) {
    "loom.assign"(%r, %a) {kind = "undefined"} : (!hw.inout<i8>, i8) -> ()
  }
  // CHECK: sv.always posedge %clk {
  // CHECK-NEXT: sv.passign %r, %a : i8
  sv.always posedge %clk {
    "loom.assign"(%r, %a) {kind = "undefined"} : (!hw.inout<i8>, i8) -> ()
  }
  // CHECK: sv.initial {
  // CHECK-NEXT: sv.bpassign %r, %a : i8
  // CHECK-NEXT: sv.bpassign %r, %a : i8
  sv.initial {
    "loom.assign"(%r, %a) {kind = "undefined"} : (!hw.inout<i8>, i8) -> ()
    "loom.assign"(%r, %a) {kind = "blocking"} : (!hw.inout<i8>, i8) -> ()
  }
  // CHECK-NOT: loom.assign
  %v = sv.read_inout %o : !hw.inout<i8>
  hw.output %v : i8
}

// The same inside a loom.module (before lowering), where the frontend writes them.
// CHECK-LABEL: "loom.module"
// CHECK: sv.assign
// CHECK: sv.alwaysff
// CHECK-NEXT: sv.passign
// CHECK: sym_name = "Loom"
"loom.module"() ({
^bb0(%clk: !seq.clock, %a: i4):
  %w = sv.logic sym @w : !hw.inout<i4>
  "loom.assign"(%w, %a) {kind = "undefined"} : (!hw.inout<i4>, i4) -> ()
  %c = seq.from_clock %clk
  sv.alwaysff(posedge %c) {
    "loom.assign"(%w, %a) {kind = "undefined"} : (!hw.inout<i4>, i4) -> ()
  }
  %v = sv.read_inout %w : !hw.inout<i4>
  "loom.output"(%v) : (i4) -> ()
}, {}) {sym_name = "Loom", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock},
    {name = "a", dir = "in", type = i4}, {name = "o", dir = "out", type = i4}]} : () -> ()

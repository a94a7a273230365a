// RUN: loom-opt %s -p sort-stmts | filecheck %s
// RUN: loom-opt %s -p 'sort-stmts, lower-to-hw, cleanup' --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV
// RUN: loom-opt %s -p 'lower-to-hw, sort-stmts' | filecheck %s --check-prefix=HW

// Declarations and expressions first, then continuous assignments,
// instances, combinational blocks and sequential logic (each kind in its
// original order), initial blocks last, the terminator stays last.
// CHECK:      ^bb0(
// CHECK-NEXT:   %q = sv.reg
// CHECK-NEXT:   %l = sv.logic
// CHECK-NEXT:   %w = sv.logic
// CHECK-NEXT:   sv.read_inout %q
// CHECK-NEXT:   sv.read_inout %l
// CHECK-NEXT:   sv.read_inout %w
// CHECK-NEXT:   comb.add
// CHECK-NEXT:   comb.add
// CHECK-NEXT:   sv.assign %w
// CHECK-NEXT:   "loom.instance"
// CHECK-NEXT:   sv.alwayscomb
// CHECK-NEXT:     sv.bpassign %l
// CHECK-NEXT:   }
// CHECK-NEXT:   sv.alwaysff
// CHECK-NEXT:     sv.passign %q
// CHECK-NEXT:   }
// CHECK-NEXT:   sv.initial
// CHECK:        "loom.output"
// SV-LABEL: module top(
// SV:       always_comb
// SV:       always_ff
// SV:       initial
// HW-LABEL: hw.module @top(
// HW:       sv.assign %w
// HW-NEXT:  hw.instance "u0"
// HW-NEXT:  sv.alwayscomb
"loom.module"() ({
^bb0(%a: i8, %clk: i1):
  sv.initial {
    sv.passign %q, %a : i8
  }
  %q = sv.reg sym @q : !hw.inout<i8>
  sv.alwaysff(posedge %clk) {
    sv.passign %q, %a : i8
  }
  %l = sv.logic sym @l : !hw.inout<i8>
  sv.alwayscomb {
    sv.bpassign %l, %a : i8
  }
  %x = "loom.instance"(%a) {instance_name = "u0", module = @leaf, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  %w = sv.logic sym @w : !hw.inout<i8>
  sv.assign %w, %x : i8
  %rq = sv.read_inout %q : !hw.inout<i8>
  %rl = sv.read_inout %l : !hw.inout<i8>
  %rw = sv.read_inout %w : !hw.inout<i8>
  %s = comb.add %rq, %rl : i8
  %t = comb.add %s, %rw : i8
  "loom.output"(%t) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "clk", dir = "in", type = i1}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "leaf", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

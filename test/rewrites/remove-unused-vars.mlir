// RUN: loom-opt %s -p remove-unused-vars | filecheck %s
// RUN: loom-opt %s -p 'remove-unused-vars, lower-to-hw, cleanup' --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// Variables that are neither assigned nor read go (`never`, `dead_read`
// with only an unused read, `sliced` with only an unused part select); one
// that is assigned but never read is the user's and stays (kratos warns about
// it), as do structural wires and registers, which always have a driver.
// CHECK:      %used = hw.wire %arg0 sym @used
// CHECK-NEXT: comb.add
// CHECK-NEXT: %unread = hw.wire %{{.*}} sym @unread
// CHECK-NEXT: %reg = seq.firreg
// CHECK-NEXT: %w = sv.logic sym @w
// CHECK-NEXT: %wo = sv.logic sym @write_only
// CHECK-NEXT: sv.alwayscomb {
// CHECK-NEXT:   sv.bpassign %w, %used
// CHECK-NEXT:   comb.xor
// CHECK-NEXT:   sv.bpassign %wo
// CHECK-NEXT: }
// CHECK-NEXT: %[[R:.*]] = sv.read_inout %w
// CHECK-NEXT: "loom.output"(%[[R]])
// SV:      logic [7:0] w;
// SV-NOT:  never
// SV-NOT:  sliced
"loom.module"() ({
^bb0(%a: i8, %clk: !seq.clock):
  %used = hw.wire %a sym @used : i8
  %sum = comb.add %a, %a : i8
  %unread = hw.wire %sum sym @unread : i8
  %reg = seq.firreg %a clock %clk : i8
  %w = sv.logic sym @w : !hw.inout<i8>
  %wo = sv.logic sym @write_only : !hw.inout<i8>
  %never = sv.logic sym @never : !hw.inout<i8>
  %dead_read = sv.logic sym @dead_read : !hw.inout<i8>
  %d = sv.read_inout %dead_read : !hw.inout<i8>
  %sliced = sv.logic sym @sliced : !hw.inout<i8>
  %c0 = hw.constant 0 : i3
  %lo = sv.indexed_part_select_inout %sliced[%c0 : 4] : !hw.inout<i8>, i3
  sv.alwayscomb {
    sv.bpassign %w, %used : i8
    %x = comb.xor %a, %used : i8
    sv.bpassign %wo, %x : i8
  }
  %r = sv.read_inout %w : !hw.inout<i8>
  "loom.output"(%r) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "clk", dir = "in", type = !seq.clock}, {name = "o", dir = "out", type = i8}]} : () -> ()

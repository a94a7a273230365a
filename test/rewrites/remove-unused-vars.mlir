// RUN: loom-opt %s -p remove-unused-vars | filecheck %s
// RUN: loom-opt %s -p 'remove-unused-vars, lower-to-hw, cleanup' --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// Variables nothing reads go, with their assignments (a write-only sv.logic,
// also through a part select), the logic that only computed them and the if
// left empty; a chain of unread wires goes wire by wire; an unread register
// goes. What is read stays, ports stay.
// CHECK:      ^bb0(%[[A:.*]]: i8, %{{.*}}: i1, %{{.*}}: !seq.clock):
// CHECK-NEXT:   %used = hw.wire %[[A]] sym @used
// CHECK-NEXT:   %w = sv.logic sym @w
// CHECK-NEXT:   sv.alwayscomb {
// CHECK-NEXT:     sv.bpassign %w, %used
// CHECK-NEXT:   }
// CHECK-NEXT:   %[[R:.*]] = sv.read_inout %w
// CHECK-NEXT:   "loom.output"(%[[R]])
// CHECK-NOT:  comb.
// SV:      wire  [7:0] used = a;
// SV-NEXT: logic [7:0] w;
// SV-NEXT: always_comb
// SV-NEXT:   w = used;
// SV-NEXT: assign o = w;
"loom.module"() ({
^bb0(%a: i8, %c: i1, %clk: !seq.clock):
  %used = hw.wire %a sym @used : i8
  %sum = comb.add %a, %a : i8
  %unused = hw.wire %sum sym @unused : i8
  %chain = hw.wire %a sym @chain : i8
  %chain2 = hw.wire %chain sym @chain2 : i8
  %reg = seq.firreg %a clock %clk : i8
  %w = sv.logic sym @w : !hw.inout<i8>
  %wo = sv.logic sym @write_only : !hw.inout<i8>
  %never = sv.logic sym @never : !hw.inout<i8>
  %slices = sv.logic sym @slices : !hw.inout<i8>
  %c0 = hw.constant 0 : i3
  %lo = sv.indexed_part_select_inout %slices[%c0 : 4] : !hw.inout<i8>, i3
  %lo_val = comb.extract %a from 0 : (i8) -> i4
  sv.assign %lo, %lo_val : i4
  sv.alwayscomb {
    sv.bpassign %w, %used : i8
    sv.if %c {
      %x = comb.xor %a, %used : i8
      sv.bpassign %wo, %x : i8
    }
  }
  %r = sv.read_inout %w : !hw.inout<i8>
  "loom.output"(%r) : (i8) -> ()
}) {sym_name = "top", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "c", dir = "in", type = i1}, {name = "clk", dir = "in", type = !seq.clock}, {name = "o", dir = "out", type = i8}]} : () -> ()

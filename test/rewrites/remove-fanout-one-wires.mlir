// RUN: loom-opt %s -p remove-fanout-one-wires | filecheck %s
// RUN: loom-opt %s -p 'remove-fanout-one-wires, loom-verify, loom-specialize{top=top}, lower-loom-to-hw, loom-strip-unused-modules{top=top}, cleanup' --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// A chain of plain copies (x -> y -> z -> output) collapses onto the output;
// a wire read twice stays; a wire copied into an sv.logic by a continuous
// assignment, and that logic copied to an output, both go (the reversal they
// carried is kept as is); a wire read through slices stays. A single copy
// keeps its name, as in kratos: `keep` into an output, `k1` into `k2`, which
// has two readers.
// CHECK:      %[[SUM:.*]] = comb.add %arg0, %arg1
// CHECK-NEXT: %two = hw.wire %arg0 sym @two
// CHECK-NEXT: %[[T:.*]] = comb.xor %two, %two
// CHECK:      %[[REV:.*]] = comb.concat
// CHECK-NEXT: %sliced = hw.wire %arg0 sym @sliced
// CHECK-NEXT: comb.extract %sliced
// CHECK-NEXT: comb.extract %sliced
// CHECK-NEXT: comb.concat
// CHECK-NEXT: %keep = hw.wire %arg1 sym @keep
// CHECK-NEXT: %k1 = hw.wire %arg0 sym @k1
// CHECK-NEXT: %k2 = hw.wire %k1 sym @k2
// CHECK-NEXT: %[[K:.*]] = comb.add %k2, %k2
// CHECK-NEXT: "loom.output"(%[[SUM]], %[[T]], %[[REV]], %{{.*}}, %keep, %[[K]])
// CHECK-NOT:  sv.logic
// SV:      assign o = a + b;
// SV:      assign rev = {b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]};
// SV:      assign swapped = {sliced[3:0], sliced[7:4]};
"loom.module"() ({
^bb0(%a: i8, %b: i8):
  %sum = comb.add %a, %b : i8
  %x = hw.wire %sum sym @x : i8
  %y = hw.wire %x sym @y : i8
  %z = hw.wire %y sym @z : i8
  %two = hw.wire %a sym @two : i8
  %t = comb.xor %two, %two : i8
  %b0 = comb.extract %b from 0 : (i8) -> i1
  %b1 = comb.extract %b from 1 : (i8) -> i1
  %b2 = comb.extract %b from 2 : (i8) -> i1
  %b3 = comb.extract %b from 3 : (i8) -> i1
  %b4 = comb.extract %b from 4 : (i8) -> i1
  %b5 = comb.extract %b from 5 : (i8) -> i1
  %b6 = comb.extract %b from 6 : (i8) -> i1
  %b7 = comb.extract %b from 7 : (i8) -> i1
  %rev = comb.concat %b0, %b1, %b2, %b3, %b4, %b5, %b6, %b7 : i1, i1, i1, i1, i1, i1, i1, i1
  %r = hw.wire %rev sym @r : i8
  %l = sv.logic sym @l : !hw.inout<i8>
  sv.assign %l, %r : i8
  %lr = sv.read_inout %l : !hw.inout<i8>
  %sliced = hw.wire %a sym @sliced : i8
  %hi = comb.extract %sliced from 4 : (i8) -> i4
  %lo = comb.extract %sliced from 0 : (i8) -> i4
  %swapped = comb.concat %lo, %hi : i4, i4
  %keep = hw.wire %b sym @keep : i8
  %k1 = hw.wire %a sym @k1 : i8
  %k2 = hw.wire %k1 sym @k2 : i8
  %k = comb.add %k2, %k2 : i8
  "loom.output"(%z, %t, %lr, %swapped, %keep, %k) : (i8, i8, i8, i8, i8, i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}, {name = "t", dir = "out", type = i8}, {name = "rev", dir = "out", type = i8}, {name = "swapped", dir = "out", type = i8}, {name = "kept", dir = "out", type = i8}, {name = "k", dir = "out", type = i8}]} : () -> ()

// An output port that statements assign is an sv.logic named like the port
// (what the procedural frontend writes): it is the port, so the port takes
// its driver directly, even though that chain has only two links.
// CHECK-LABEL: sym_name = "top"
// CHECK:      %w = sv.reg sym @w
// CHECK-NOT:  sv.logic
// CHECK:      %[[W:.*]] = sv.read_inout %w
// CHECK-NEXT: "loom.output"(%[[W]])
// CHECK:      sym_name = "ported"
"loom.module"() ({
^bb0(%clk: i1, %a: i8):
  %p = sv.logic sym @p : !hw.inout<i8>
  %w = sv.reg sym @w : !hw.inout<i8>
  sv.alwaysff(posedge %clk) {
    sv.passign %w, %a : i8
  }
  %rw = sv.read_inout %w : !hw.inout<i8>
  sv.assign %p, %rw : i8
  %rp = sv.read_inout %p : !hw.inout<i8>
  "loom.output"(%rp) : (i8) -> ()
}, {}) {sym_name = "ported", parameters = [], ports = [{name = "clk", dir = "in", type = i1}, {name = "a", dir = "in", type = i8}, {name = "p", dir = "out", type = i8}]} : () -> ()

// RUN: loom-opt %s -p remove-fanout-one-wires | filecheck %s
// RUN: loom-opt %s -p 'remove-fanout-one-wires, lower-to-hw, cleanup' --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// A chain of plain copies (x -> y -> z -> output) collapses onto the output;
// a wire read twice stays; a wire copied into an sv.logic by a continuous
// assignment, and that logic copied to an output, both go (the reversal they
// carried is kept as is); a wire read through slices stays.
// CHECK:      %[[SUM:.*]] = comb.add %arg0, %arg1
// CHECK-NEXT: %two = hw.wire %arg0 sym @two
// CHECK-NEXT: %[[T:.*]] = comb.xor %two, %two
// CHECK:      %[[REV:.*]] = comb.concat
// CHECK-NEXT: %sliced = hw.wire %arg0 sym @sliced
// CHECK:      "loom.output"(%[[SUM]], %[[T]], %[[REV]], %{{.*}})
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
  "loom.output"(%z, %t, %lr, %swapped) : (i8, i8, i8, i8) -> ()
}) {sym_name = "top", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}, {name = "t", dir = "out", type = i8}, {name = "rev", dir = "out", type = i8}, {name = "swapped", dir = "out", type = i8}]} : () -> ()

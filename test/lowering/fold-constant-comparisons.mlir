// RUN: loom-opt %s -p fold-constant-comparisons | filecheck %s
// RUN: loom-opt %s -p fold-constant-comparisons --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// verilator -Wall reports an unsigned comparison with a side that is always zero (UNSIGNED), seeing
// through wires and concatenations. Those four forms become their outcome; other comparisons stay.

// `{4'h0, b} > 5'h12` is always false, so the named wire v is always zero and `v <= x` always true.
// CHECK-LABEL: hw.module @through_a_wire
// CHECK:       %[[V:.+]] = hw.wire {{.*}} : i5
// CHECK:       %[[TRUE:.+]] = hw.constant true
// CHECK:       hw.output %[[V]], %[[TRUE]], %[[FALSE:.+]] : i5, i1, i1
// SV-LABEL:    module through_a_wire(
// SV:          assign le = 1'h1;
// SV:          assign gt = 1'h0;
hw.module @through_a_wire(in %b: i1, in %x: i5, out v_out: i5, out le: i1, out gt: i1) {
  %c0_i4 = hw.constant 0 : i4
  %c18_i5 = hw.constant 18 : i5
  %0 = comb.concat %c0_i4, %b : i4, i1
  %1 = comb.icmp ugt %0, %c18_i5 : i5
  %2 = comb.concat %c0_i4, %1 : i4, i1
  %v = hw.wire %2 : i5
  %3 = comb.icmp ule %v, %x : i5
  %4 = comb.icmp ugt %v, %x : i5
  hw.output %v, %3, %4 : i5, i1, i1
}

// x >= 0 and x < 0 with the zero on the right; signed comparisons and undecided ones stay.
// CHECK-LABEL: hw.module @zero_right
// CHECK-DAG:   hw.constant true
// CHECK-DAG:   hw.constant false
// CHECK-DAG:   comb.icmp sge
// CHECK-DAG:   comb.icmp ult %x, %y
hw.module @zero_right(in %x: i3, in %y: i3, out ge: i1, out lt: i1, out sge: i1, out other: i1) {
  %c0_i2 = hw.constant 0 : i2
  %false = hw.constant false
  %0 = comb.concat %c0_i2, %false : i2, i1
  %z = hw.wire %0 : i3
  %1 = comb.icmp uge %x, %z : i3
  %2 = comb.icmp ult %x, %z : i3
  %3 = comb.icmp sge %x, %z : i3
  %4 = comb.icmp ult %x, %y : i3
  hw.output %1, %2, %3, %4 : i1, i1, i1, i1
}

// RUN: loom-opt %s -p fold-constant-comparisons | filecheck %s
// RUN: loom-opt %s -p fold-constant-comparisons --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// verilator -Wall reports a comparison whose outcome the operand widths decide (UNSIGNED, CMPCONST), seeing
// through wires, concatenations and earlier decided comparisons. Such comparisons become their outcome;
// the others, and signed ones, stay. The if, case and mux the outcome chooses in go, with what only their
// untaken side read.

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

// `{8'h0, b} < 331` is always true (random design 634: `b.zext(9) < 331`), so `{8{c}}` is always 255 and
// `{8{c}} < y` always false (Verilator: CMPCONST).
// CHECK-LABEL: hw.module @out_of_range
// CHECK-NOT:   comb.icmp ult
// CHECK:       hw.output %true, %false, %{{.+}} : i1, i1, i1
hw.module @out_of_range(in %b: i1, in %y: i8, in %y9: i9, out c_out: i1, out lt: i1, out eq: i1) {
  %c0_i8 = hw.constant 0 : i8
  %c331_i9 = hw.constant 331 : i9
  %0 = comb.concat %c0_i8, %b : i8, i1
  %c = comb.icmp ult %0, %c331_i9 : i9
  %1 = comb.replicate %c : (i1) -> i8
  %2 = comb.icmp ult %1, %y : i8
  %3 = comb.icmp eq %0, %y9 : i9
  hw.output %c, %2, %3 : i1, i1, i1
}

// A decided comparison choosing in an if, a mux and (once a constant) a case: the taken side stays, the rest
// goes, with what only the untaken side read (a case label holds two bits per subject bit: `b10` is 4,
// random design 1411) (no `if (1'h0)`, `case (1'h1)`, dead array or sum for
// ExportVerilog to print; random designs 1425, 861, 122).
// CHECK-LABEL: hw.module @dead_branches
// CHECK-NOT:   sv.if
// CHECK-NOT:   sv.case
// CHECK-NOT:   hw.array_create
// CHECK-NOT:   comb.add
// CHECK:       sv.alwayscomb {
// CHECK-NEXT:    sv.bpassign %t, %a : i4
// CHECK-NEXT:    sv.bpassign %t, %b : i4
// CHECK-NEXT:    sv.bpassign %t, %b : i4
// CHECK-NEXT:  }
// CHECK:       hw.output %b, %{{.+}} : i4, i4
// SV-LABEL:    module dead_branches(
// SV:          always_comb begin
// SV-NEXT:       t = a;
// SV-NEXT:       t = b;
// SV-NEXT:       t = b;
// SV-NEXT:     end
hw.module @dead_branches(in %a: i4, in %b: i4, in %x: i1, in %i: i1, out m: i4, out o: i4) {
  %c0_i3 = hw.constant 0 : i3
  %c12_i4 = hw.constant 12 : i4
  %true = hw.constant true
  %c2_i2 = hw.constant 2 : i2
  %0 = comb.concat %c0_i3, %x : i3, i1
  %never = comb.icmp ugt %0, %c12_i4 : i4
  %arr = hw.array_create %a, %a : i4
  %elem = hw.array_get %arr[%i] : !hw.array<2xi4>, i1
  %m = comb.mux %never, %elem, %b : i4
  %t = sv.logic : !hw.inout<i4>
  sv.alwayscomb {
    %sum = comb.add %a, %b : i4
    %bit = comb.extract %sum from 1 : (i4) -> i1
    sv.if %never {
      sv.bpassign %t, %b : i4
    } else {
      sv.bpassign %t, %a : i4
    }
    sv.case %c2_i2 : i2
    case b00: {
      sv.bpassign %t, %a : i4
    }
    case b11: {
      sv.bpassign %t, %a : i4
    }
    case b10: {
      sv.bpassign %t, %b : i4
    }
    default: {
      sv.bpassign %t, %a : i4
    }
    sv.case %true : i1
    case b0: {
      %part = sv.indexed_part_select_inout %t[%c0_i3 : 1] : !hw.inout<i4>, i3
      sv.bpassign %part, %bit : i1
    }
    case b1: {
      sv.bpassign %t, %b : i4
    }
  }
  %o = sv.read_inout %t : !hw.inout<i4>
  hw.output %m, %o : i4, i4
}

// A mux the outcome resolves to a constant leaves the bits selected of that constant as constants (no
// canonicalize follows: ExportVerilog would spill the constant into a wire read in part, UNUSEDSIGNAL).
// CHECK-LABEL: hw.module @constant_chosen
// CHECK-NOT:   comb.extract
// SV-LABEL:    module constant_chosen(
// SV:          assign hi = 3'h5;
// SV:          assign lo = 1'h1;
hw.module @constant_chosen(in %b: i1, in %x: i5, out hi: i3, out lo: i1) {
  %c0_i4 = hw.constant 0 : i4
  %c18_i5 = hw.constant 18 : i5
  %c22_i5 = hw.constant 22 : i5
  %0 = comb.concat %c0_i4, %b : i4, i1
  %1 = comb.icmp ult %0, %c18_i5 : i5
  %2 = comb.mux %1, %c22_i5, %x : i5
  %3 = comb.extract %2 from 2 : (i5) -> i3
  %4 = comb.extract %2 from 1 : (i5) -> i1
  hw.output %3, %4 : i3, i1
}

// A mux the outcome resolves to a select or a concatenation: the selects of it become selects of what it
// selects from, as canonicalize would make them (random design 10781: the chosen `x[2:0]` read only at bit
// 2 was spilled into `wire [2:0] _x_2to0 = x[2:0]`, two bits of it unread, verilator UNUSEDSIGNAL).
// CHECK-LABEL: hw.module @select_chosen
// CHECK-DAG:   %[[TOP:.+]] = comb.extract %x from 2 : (i12) -> i1
// CHECK-DAG:   %[[MID:.+]] = comb.extract %x from 1 : (i12) -> i2
// CHECK-DAG:   %[[LOW:.+]] = comb.extract %y from 0 : (i4) -> i2
// CHECK:       hw.output %[[TOP]], %[[MID]], %[[LOW]], %b : i1, i2, i2, i1
// SV-LABEL:    module select_chosen(
// SV-NOT:      _GEN
// SV-NOT:      wire
// SV:          assign top = x[2];
// SV-NEXT:     assign mid = x[2:1];
// SV-NEXT:     assign low = y[1:0];
// SV-NEXT:     assign high = b;
hw.module @select_chosen(in %b: i1, in %x: i12, in %y: i4, in %z: i5, out top: i1, out mid: i2, out low: i2,
                         out high: i1) {
  %c0_i4 = hw.constant 0 : i4
  %c18_i5 = hw.constant 18 : i5
  %c-1_i3 = hw.constant -1 : i3
  %0 = comb.concat %c0_i4, %b : i4, i1
  %1 = comb.icmp ult %0, %c18_i5 : i5
  %2 = comb.extract %x from 0 : (i12) -> i3
  %3 = comb.mux %1, %2, %c-1_i3 : i3
  %4 = comb.extract %3 from 2 : (i3) -> i1
  %5 = comb.extract %3 from 1 : (i3) -> i2
  %6 = comb.concat %b, %y : i1, i4
  %7 = comb.mux %1, %6, %z : i5
  %8 = comb.extract %7 from 0 : (i5) -> i2
  %9 = comb.extract %7 from 4 : (i5) -> i1
  hw.output %4, %5, %8, %9 : i1, i2, i2, i1
}

// A mux whose result nothing reads, choosing by a decided comparison: the input it keeps goes with it
// when only the mux read it, and the constant's bit selects are not looked for on an erased op
// (random design 5172 crashed the pass here).
// CHECK-LABEL: hw.module @unread_mux
// CHECK-NOT:   comb.mux
// CHECK-NOT:   hw.constant 5
// CHECK:       hw.output %x : i4
hw.module @unread_mux(in %b: i1, in %x: i4, in %y: i4, out o: i4) {
  %c0_i3 = hw.constant 0 : i3
  %c9_i4 = hw.constant 9 : i4
  %c5_i4 = hw.constant 5 : i4
  %0 = comb.concat %c0_i3, %b : i3, i1
  %1 = comb.icmp ult %0, %c9_i4 : i4
  %2 = comb.mux %1, %c5_i4, %y : i4
  hw.output %x : i4
}

// Bits of a concatenation taken from its constant part are known though the other parts are not (random
// design 8963: `r >= {b, 18'h0, b}[11:7]` is `r >= 5'h0`, Verilator: UNSIGNED); bits that straddle a
// variable part stay unknown.
// CHECK-LABEL: hw.module @extract_of_concat
// CHECK-NOT:   comb.icmp uge %r, %{{.+}} : i5
// CHECK:       comb.icmp ult %r, %{{.+}} : i5
// CHECK:       hw.output %true, %{{.+}} : i1, i1
hw.module @extract_of_concat(in %b: i1, in %r: i5, out ge: i1, out lt: i1) {
  %c0_i18 = hw.constant 0 : i18
  %0 = comb.concat %b, %c0_i18, %b : i1, i18, i1
  %1 = comb.extract %0 from 7 : (i20) -> i5
  %2 = comb.icmp uge %r, %1 : i5
  %3 = comb.extract %0 from 15 : (i20) -> i5
  %4 = comb.icmp ult %r, %3 : i5
  hw.output %2, %4 : i1, i1
}

// Zero shifted by a variable amount stays zero (random design 62594: `wire [11:0] _GEN = 12'h0 << r2;` then
// `x >= _GEN`, which verilator reports as UNSIGNED), and a logical right shift never grows its value.
// CHECK-LABEL: hw.module @through_shifts
// CHECK-NOT:   comb.icmp
// CHECK:       hw.output %true, %false{{.*}}, %true{{.*}}, %true{{.*}} : i1, i1, i1, i1
// SV-LABEL:    module through_shifts(
// SV:          assign ge = 1'h1;
// SV:          assign lt = 1'h0;
// SV:          assign shrs_ge = 1'h1;
// SV:          assign shru_le = 1'h1;
hw.module @through_shifts(in %x: i4, in %r: i4, out ge: i1, out lt: i1, out shrs_ge: i1, out shru_le: i1) {
  %c0_i4 = hw.constant 0 : i4
  %false = hw.constant false
  %c5_i3 = hw.constant 5 : i3
  %zero_shl = comb.shl %c0_i4, %r : i4
  %z = hw.wire %zero_shl : i4
  %0 = comb.icmp uge %x, %z : i4
  %1 = comb.icmp ult %x, %z : i4
  %zero_shrs = comb.shrs %c0_i4, %r : i4
  %2 = comb.icmp uge %x, %zero_shrs : i4
  %small = comb.concat %false, %c5_i3 : i1, i3
  %down = comb.shru %small, %r : i4
  %c5_i4 = hw.constant 5 : i4
  %3 = comb.icmp ule %down, %c5_i4 : i4
  hw.output %0, %1, %2, %3 : i1, i1, i1, i1
}

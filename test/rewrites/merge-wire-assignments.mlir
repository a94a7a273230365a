// RUN: loom-opt %s -p merge-wire-assignments | filecheck %s
// RUN: loom-opt %s -p 'merge-wire-assignments, lower-to-hw, cleanup' --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// Bit-by-bit assignments that rebuild `b` in place (in any order) become one
// assignment of `b`; the reversal assigns the same bits to other positions:
// it stays a reversal (kratos's merge counted assignments and made it a plain
// copy). Adjacent slices of a wider variable merge into one part select;
// overlapping slices (two drivers of a bit) are left alone. Consecutive
// assignments in a block merge, unless a value reads the variable itself.
// The structural form (a wire of concatenated slices) merges too.
// CHECK:      sv.assign %a, %arg0 : i4
// CHECK-NEXT: %[[REV:.*]] = comb.concat %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : i1, i1, i1, i1
// CHECK-NEXT: sv.assign %rv, %[[REV]] : i4
// CHECK:      %[[LOW:.*]] = comb.concat %{{.*}}, %arg0 : i4, i4
// CHECK-NEXT: %[[C0:.*]] = hw.constant 0 : i4
// CHECK-NEXT: %[[PS:.*]] = sv.indexed_part_select_inout %wide[%[[C0]] : 8]
// CHECK-NEXT: sv.assign %[[PS]], %[[LOW]] : i8
// CHECK:      sv.assign %{{.*}}, %arg0 : i4
// CHECK-NEXT: sv.assign %{{.*}}, %arg0 : i4
// CHECK:      sv.alwayscomb {
// CHECK-NEXT:   sv.bpassign %p, %arg0 : i4
// CHECK-NEXT: }
// CHECK-NEXT: sv.alwayscomb {
// CHECK:        sv.bpassign %{{.*}}, %{{.*}} : i2
// CHECK:        sv.bpassign %{{.*}}, %{{.*}} : i2
// CHECK-NEXT: }
// CHECK:      %s = hw.wire %arg0 sym @s : i4
// CHECK:      %[[SWAP:.*]] = comb.concat %{{.*}}, %{{.*}} : i2, i2
// CHECK-NEXT: %t = hw.wire %[[SWAP]] sym @t : i4

// SV-LABEL: module top(
// SV:       assign a_0 = b;
// SV-NEXT:  assign rv_0 = {b[0], b[1], b[2], b[3]};
// SV:       always_comb
// SV-NEXT:    p_0 = b;
// SV:       always_comb begin
// SV-NEXT:    q_0[2'h0 +: 2] = q_0[3:2];
// SV-NEXT:    q_0[2'h2 +: 2] = b[1:0];
// SV-NEXT:  end
"loom.module"() ({
^bb0(%b: i4):
  %a = sv.logic sym @a : !hw.inout<i4>
  %rv = sv.logic sym @rv : !hw.inout<i4>
  %p = sv.logic sym @p : !hw.inout<i4>
  %q = sv.logic sym @q : !hw.inout<i4>
  %wide = sv.logic sym @wide : !hw.inout<i16>
  %ov = sv.logic sym @ov : !hw.inout<i8>
  %c0 = hw.constant 0 : i2
  %c1 = hw.constant 1 : i2
  %c2 = hw.constant 2 : i2
  %c3 = hw.constant 3 : i2
  %b0 = comb.extract %b from 0 : (i4) -> i1
  %b1 = comb.extract %b from 1 : (i4) -> i1
  %b2 = comb.extract %b from 2 : (i4) -> i1
  %b3 = comb.extract %b from 3 : (i4) -> i1
  %a0 = sv.indexed_part_select_inout %a[%c0 : 1] : !hw.inout<i4>, i2
  %a1 = sv.indexed_part_select_inout %a[%c1 : 1] : !hw.inout<i4>, i2
  %a2 = sv.indexed_part_select_inout %a[%c2 : 1] : !hw.inout<i4>, i2
  %a3 = sv.indexed_part_select_inout %a[%c3 : 1] : !hw.inout<i4>, i2
  sv.assign %a3, %b3 : i1
  sv.assign %a1, %b1 : i1
  sv.assign %a0, %b0 : i1
  sv.assign %a2, %b2 : i1
  %r0 = sv.indexed_part_select_inout %rv[%c0 : 1] : !hw.inout<i4>, i2
  %r1 = sv.indexed_part_select_inout %rv[%c1 : 1] : !hw.inout<i4>, i2
  %r2 = sv.indexed_part_select_inout %rv[%c2 : 1] : !hw.inout<i4>, i2
  %r3 = sv.indexed_part_select_inout %rv[%c3 : 1] : !hw.inout<i4>, i2
  sv.assign %r0, %b3 : i1
  sv.assign %r1, %b2 : i1
  sv.assign %r2, %b1 : i1
  sv.assign %r3, %b0 : i1
  %w0 = hw.constant 0 : i4
  %w4 = hw.constant 4 : i4
  %wlo = sv.indexed_part_select_inout %wide[%w0 : 4] : !hw.inout<i16>, i4
  %whi = sv.indexed_part_select_inout %wide[%w4 : 4] : !hw.inout<i16>, i4
  sv.assign %wlo, %b : i4
  sv.assign %whi, %b : i4
  %o0 = hw.constant 0 : i3
  %o2 = hw.constant 2 : i3
  %olo = sv.indexed_part_select_inout %ov[%o0 : 4] : !hw.inout<i8>, i3
  %omid = sv.indexed_part_select_inout %ov[%o2 : 4] : !hw.inout<i8>, i3
  sv.assign %olo, %b : i4
  sv.assign %omid, %b : i4
  sv.alwayscomb {
    %p0 = sv.indexed_part_select_inout %p[%c0 : 2] : !hw.inout<i4>, i2
    %p2 = sv.indexed_part_select_inout %p[%c2 : 2] : !hw.inout<i4>, i2
    %lo = comb.extract %b from 0 : (i4) -> i2
    sv.bpassign %p0, %lo : i2
    %hi = comb.extract %b from 2 : (i4) -> i2
    sv.bpassign %p2, %hi : i2
  }
  sv.alwayscomb {
    %q0 = sv.indexed_part_select_inout %q[%c0 : 2] : !hw.inout<i4>, i2
    %q2 = sv.indexed_part_select_inout %q[%c2 : 2] : !hw.inout<i4>, i2
    %qr = sv.read_inout %q : !hw.inout<i4>
    %qhi = comb.extract %qr from 2 : (i4) -> i2
    sv.bpassign %q0, %qhi : i2
    %lo = comb.extract %b from 0 : (i4) -> i2
    sv.bpassign %q2, %lo : i2
  }
  %s_hi = comb.extract %b from 2 : (i4) -> i2
  %s_lo = comb.extract %b from 0 : (i4) -> i2
  %s_cat = comb.concat %s_hi, %s_lo : i2, i2
  %s = hw.wire %s_cat sym @s : i4
  %t_cat = comb.concat %s_lo, %s_hi : i2, i2
  %t = hw.wire %t_cat sym @t : i4
  %ra = sv.read_inout %a : !hw.inout<i4>
  %rr = sv.read_inout %rv : !hw.inout<i4>
  %rp = sv.read_inout %p : !hw.inout<i4>
  %rq = sv.read_inout %q : !hw.inout<i4>
  %rw = sv.read_inout %wide : !hw.inout<i16>
  %ro = sv.read_inout %ov : !hw.inout<i8>
  "loom.output"(%ra, %rr, %rp, %rq, %rw, %ro, %s, %t) : (i4, i4, i4, i4, i16, i8, i4, i4) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "b", dir = "in", type = i4}, {name = "a", dir = "out", type = i4}, {name = "rv", dir = "out", type = i4}, {name = "p", dir = "out", type = i4}, {name = "q", dir = "out", type = i4}, {name = "wide", dir = "out", type = i16}, {name = "ov", dir = "out", type = i8}, {name = "s", dir = "out", type = i4}, {name = "t", dir = "out", type = i4}]} : () -> ()

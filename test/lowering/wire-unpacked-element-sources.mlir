// RUN: loom-opt %s -p wire-unpacked-element-sources | filecheck %s
// RUN: loom-opt %s -p wire-unpacked-element-sources --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// A value assigned to an element of an unpacked array and read elsewhere goes through a wire named after
// the element, so ExportVerilog cannot make the other readers read the element (Verilator would see the
// array feed itself: UNOPTFLAT). A value only the element reads, a constant, and an element of a packed
// array keep their assignments.

// CHECK-LABEL: hw.module @shared
// CHECK:       %[[X:.+]] = comb.extract %a from 0
// CHECK:       %g_1 = sv.wire : !hw.inout<i1>
// CHECK-NEXT:  sv.assign %g_1, %[[X]] : i1
// CHECK-NEXT:  %[[R:.+]] = sv.read_inout %g_1
// CHECK-NEXT:  sv.assign %{{.+}}, %[[R]] : i1
// CHECK-NOT:   sv.wire
// CHECK:       hw.output
// SV-LABEL:    module shared(
// SV-DAG:      assign g[1'h0] = g_1 ^ a[1];
// SV-DAG:      assign g_1 = a[0];
// SV-DAG:      assign g[1'h1] = g_1;
// SV-DAG:      assign p = g_1 & a[3];
// SV-DAG:      assign c_0[1'h0] = 1'h1;
hw.module @shared(in %a: i4, out o: !hw.uarray<2xi1>, out p: i1, out q: !hw.array<2xi1>, out c: !hw.uarray<2xi1>) {
  %g = sv.wire : !hw.inout<uarray<2xi1>>
  %q = sv.wire : !hw.inout<array<2xi1>>
  %c = sv.wire : !hw.inout<uarray<2xi1>>
  %false = hw.constant false
  %true = hw.constant true
  %x = comb.extract %a from 0 : (i4) -> i1
  %y = comb.extract %a from 1 : (i4) -> i1
  %z = comb.extract %a from 3 : (i4) -> i1
  %g0 = sv.array_index_inout %g[%false] : !hw.inout<uarray<2xi1>>, i1
  %g1 = sv.array_index_inout %g[%true] : !hw.inout<uarray<2xi1>>, i1
  %xy = comb.xor %x, %y : i1
  sv.assign %g0, %xy : i1
  sv.assign %g1, %x : i1
  %q0 = sv.array_index_inout %q[%false] : !hw.inout<array<2xi1>>, i1
  %q1 = sv.array_index_inout %q[%true] : !hw.inout<array<2xi1>>, i1
  sv.assign %q0, %y : i1
  sv.assign %q1, %y : i1
  %c0 = sv.array_index_inout %c[%false] : !hw.inout<uarray<2xi1>>, i1
  %c1 = sv.array_index_inout %c[%true] : !hw.inout<uarray<2xi1>>, i1
  sv.assign %c0, %true : i1
  sv.assign %c1, %true : i1
  %p = comb.and %x, %z : i1
  %0 = sv.read_inout %g : !hw.inout<uarray<2xi1>>
  %1 = sv.read_inout %q : !hw.inout<array<2xi1>>
  %2 = sv.read_inout %c : !hw.inout<uarray<2xi1>>
  hw.output %0, %p, %1, %2 : !hw.uarray<2xi1>, i1, !hw.array<2xi1>, !hw.uarray<2xi1>
}

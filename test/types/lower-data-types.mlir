// RUN: loom-opt %s -p lower-data-types | filecheck %s
// RUN: loom-opt %s -p lower-data-types --export-verilog --lowering-options=locationInfoStyle=none -o /dev/null | filecheck %s --check-prefix=SV

hw.type_scope @loom_types {
  hw.typedecl @pixel_t : !hw.struct<r: i8, g: i4>
  hw.typedecl @row_t : !hw.struct<tag: i2, cells: !hw.array<3xi4>>
}

// Localparams move to the top of the module, one per (name, value); struct creation becomes a cast
// concatenation, and a field read of a created struct reads the value directly.
// CHECK-LABEL: hw.module @Params
// CHECK-NEXT: %RUN = sv.localparam {value = 1 : i2} : i2
// CHECK-NEXT: %IDLE = sv.localparam {value = 0 : i2} : i2
// CHECK-NOT: loom.localparam
// CHECK: %[[EQ:.+]] = comb.icmp eq %s, %RUN : i2
// CHECK: %[[CAT:.+]] = comb.concat %r, %g : i8, i4
// CHECK-NEXT: %[[CAST:.+]] = hw.bitcast %[[CAT]] : (i12) -> !hw.typealias<@loom_types::@pixel_t, !hw.struct<r: i8, g: i4>>
// CHECK-NOT: hw.struct_create
// CHECK: hw.output %[[EQ]], %[[CAST]], %r, %IDLE
// SV-LABEL: module Params(
// SV: localparam [1:0] RUN = 1;
// SV-NEXT: localparam [1:0] IDLE = 0;
// SV: assign eq = s == RUN;
// SV-NEXT: assign p = /*cast(bit)*/{r, g};
// SV-NEXT: assign r_o = r;
// SV-NEXT: assign idle = IDLE;
hw.module @Params(in %s : i2, in %r : i8, in %g : i4, out eq : i1, out p : !hw.typealias<@loom_types::@pixel_t, !hw.struct<r: i8, g: i4>>, out r_o : i8, out idle : i2) {
  %run = "loom.localparam"() {name = "RUN", value = 1 : i2} : () -> i2
  %eq = comb.icmp eq %s, %run : i2
  %p = hw.struct_create (%r, %g) : !hw.typealias<@loom_types::@pixel_t, !hw.struct<r: i8, g: i4>>
  %r2 = hw.struct_extract %p["r"] : !hw.typealias<@loom_types::@pixel_t, !hw.struct<r: i8, g: i4>>
  %idle = "loom.localparam"() {name = "IDLE", value = 0 : i2} : () -> i2
  %idle2 = "loom.localparam"() {name = "IDLE", value = 0 : i2} : () -> i2
  hw.output %eq, %p, %r2, %idle2 : i1, !hw.typealias<@loom_types::@pixel_t, !hw.struct<r: i8, g: i4>>, i8, i2
}

// An aggregate constant becomes a cast integer constant (fields most significant first).
// CHECK-LABEL: hw.module @Constant
// CHECK: %[[C:.+]] = hw.constant 1315 : i12
// CHECK-NEXT: hw.bitcast %[[C]] : (i12) -> !hw.typealias<@loom_types::@pixel_t
// SV-LABEL: module Constant(
// SV: assign p = /*cast(bit)*/12'h523;
hw.module @Constant(out p : !hw.typealias<@loom_types::@pixel_t, !hw.struct<r: i8, g: i4>>) {
  %c = hw.aggregate_constant [82 : i8, 3 : i4] : !hw.typealias<@loom_types::@pixel_t, !hw.struct<r: i8, g: i4>>
  hw.output %c : !hw.typealias<@loom_types::@pixel_t, !hw.struct<r: i8, g: i4>>
}

// A signal index into a struct field goes through a named wire (Icarus cannot index row.cells[...]).
// CHECK-LABEL: hw.module @Indexed
// CHECK: %[[F:.+]] = hw.struct_extract %row["cells"]
// CHECK-NEXT: %[[W:.+]] = hw.wire %[[F]] name "cells" : !hw.array<3xi4>
// CHECK-NEXT: hw.array_get %[[W]][%i] : !hw.array<3xi4>, i2
// SV-LABEL: module Indexed(
// SV: wire [2:0][3:0] cells = row.cells;
// SV-NEXT: assign o = cells[i];
hw.module @Indexed(in %row : !hw.typealias<@loom_types::@row_t, !hw.struct<tag: i2, cells: !hw.array<3xi4>>>, in %i : i2, out o : i4) {
  %cells = hw.struct_extract %row["cells"] : !hw.typealias<@loom_types::@row_t, !hw.struct<tag: i2, cells: !hw.array<3xi4>>>
  %o = hw.array_get %cells[%i] : !hw.array<3xi4>, i2
  hw.output %o : i4
}

// A part of an element chosen by a signal index: the parts of every element first, then the index (Icarus
// cannot elaborate a[i][1:0]; found by the random-design fuzzer). A constant index stays as it is.
// CHECK-LABEL: hw.module @IndexedPart
// CHECK-DAG: %[[C2:.+]] = hw.constant -2 : i2
// CHECK-DAG: %[[E2:.+]] = hw.array_get %a[%[[C2]]] : !hw.array<3xi4>, i2
// CHECK-DAG: %[[P2:.+]] = comb.extract %[[E2]] from 1 : (i4) -> i2
// CHECK: %[[PARTS:.+]] = hw.array_create %[[P2]], %{{.+}}, %{{.+}} : i2
// CHECK-NEXT: %[[READ:.+]] = hw.array_get %[[PARTS]][%i] : !hw.array<3xi2>, i2
// CHECK: hw.output %[[READ]], %{{.+}}
// SV-LABEL: module IndexedPart(
// SV: wire [2:0][1:0] _GEN = {{[{][{]}}a[2'h2][2:1]}, {a[2'h1][2:1]}, {a[2'h0][2:1]{{[}][}]}};
// SV-NEXT: assign o = _GEN[i];
// SV-NEXT: assign c = a[2'h1][3:2];
hw.module @IndexedPart(in %a : !hw.array<3xi4>, in %i : i2, out o : i2, out c : i2) {
  %e = hw.array_get %a[%i] : !hw.array<3xi4>, i2
  %o = comb.extract %e from 1 : (i4) -> i2
  %one = hw.constant 1 : i2
  %f = hw.array_get %a[%one] : !hw.array<3xi4>, i2
  %c = comb.extract %f from 2 : (i4) -> i2
  hw.output %o, %c : i2, i2
}

// A two-element array indexed by an operator's result: the index gets a name (verilator -Wall reports WIDTH
// for a[~x | y]); in an always_comb it is a logic assigned just before its use.
// CHECK-LABEL: hw.module @PairIndex
// CHECK: %[[I:.+]] = comb.or
// CHECK-NEXT: %index = hw.wire %[[I]] : i1
// CHECK-NEXT: hw.array_get %a[%index]
// CHECK: %[[L:.+]] = sv.logic name "index" : !hw.inout<i1>
// CHECK-NEXT: sv.alwayscomb {
// CHECK: sv.bpassign %[[L]], %{{.+}} : i1
// CHECK-NEXT: %[[R:.+]] = sv.read_inout %[[L]] : !hw.inout<i1>
// CHECK-NEXT: sv.array_index_inout %t[%[[R]]]
// SV-LABEL: module PairIndex(
// SV: wire index = ~(x[0]) | x[1];
// SV: index_0 = x[1] ^ x[0];
// SV-NEXT: t[index_0] = v;
hw.module @PairIndex(in %a : !hw.array<2xi3>, in %x : i2, in %v : i3, out o : i3) {
  %true = hw.constant true
  %x0 = comb.extract %x from 0 : (i2) -> i1
  %x1 = comb.extract %x from 1 : (i2) -> i1
  %n = comb.xor %x0, %true : i1
  %i = comb.or %n, %x1 : i1
  %o = hw.array_get %a[%i] : !hw.array<2xi3>, i1
  %t = sv.logic : !hw.inout<array<2xi3>>
  sv.alwayscomb {
    sv.bpassign %t, %a : !hw.array<2xi3>
    %j = comb.xor %x1, %x0 : i1
    %e = sv.array_index_inout %t[%j] : !hw.inout<array<2xi3>>, i1
    sv.bpassign %e, %v : i3
  }
  hw.output %o : i3
}

// A field or constant-index element of a value cast from bits reads those bits: no _GEN holds the whole cast
// when some fields are never read (verilator -Wall UNUSEDSIGNAL; found by the random-design fuzzer). A part
// of a dynamically chosen element of a cast selects from the bits too.
// CHECK-LABEL: hw.module @CastParts
// CHECK-NOT: hw.bitcast
// CHECK-DAG: %[[G:.+]] = comb.extract %x from 8 : (i12) -> i4
// CHECK-DAG: %[[E:.+]] = comb.extract %y from 4 : (i12) -> i4
// CHECK: hw.array_create
// CHECK: hw.output %[[G]], %[[E]], %{{.+}} : i4, i4, i2
// SV-LABEL: module CastParts(
// SV: wire [2:0][1:0] _GEN = {{[{][{]}}y[9:8]}, {y[5:4]}, {y[1:0]{{[}][}]}};
// SV-NEXT: assign r = x[11:8];
// SV-NEXT: assign e = y[7:4];
// SV-NEXT: assign d = _GEN[i];
hw.module @CastParts(in %x : i12, in %y : i12, in %i : i2, out r : i4, out e : i4, out d : i2) {
  %p = hw.bitcast %x : (i12) -> !hw.struct<r: i4, g: i8>
  %r = hw.struct_extract %p["r"] : !hw.struct<r: i4, g: i8>
  %a = hw.bitcast %y : (i12) -> !hw.array<3xi4>
  %one = hw.constant 1 : i2
  %e = hw.array_get %a[%one] : !hw.array<3xi4>, i2
  %el = hw.array_get %a[%i] : !hw.array<3xi4>, i2
  %d = comb.extract %el from 0 : (i4) -> i2
  hw.output %r, %e, %d : i4, i4, i2
}

// A select of such a field is one select of the bits (no select of a select for ExportVerilog to spill).
// CHECK-LABEL: hw.module @CastFieldBit
// CHECK-NEXT: %[[B:.+]] = comb.extract %x from 9 : (i12) -> i1
// CHECK-NEXT: hw.output %[[B]] : i1
hw.module @CastFieldBit(in %x : i12, out b : i1) {
  %p = hw.bitcast %x : (i12) -> !hw.struct<r: i4, g: i8>
  %r = hw.struct_extract %p["r"] : !hw.struct<r: i4, g: i8>
  %b = comb.extract %r from 1 : (i4) -> i1
  hw.output %b : i1
}

// A parameter expression canonicalize folded (P0 + 1) is computed by comb ops again: its constant is sized
// (an unsized 1 makes P0 + 1 32 bits wide, an error in a concatenation; found by the random-design fuzzer).
// CHECK-LABEL: hw.module @ParamExpr
// CHECK-NEXT: %[[P:.+]] = hw.param.value i3 = #hw.param.decl.ref<"P0">
// CHECK-NEXT: %[[C:.+]] = hw.constant 1 : i3
// CHECK-NEXT: %[[S:.+]] = comb.add %[[P]], %[[C]] : i3
// CHECK-NEXT: comb.concat %x, %[[S]] : i4, i3
// SV-LABEL: module ParamExpr
// SV: assign o = {x, P0 + 3'h1};
hw.module @ParamExpr<P0: i3>(in %x : i4, out o : i7) {
  %p = hw.param.value i3 = #hw.param.expr.add<#hw.param.decl.ref<"P0">, 1>
  %c = comb.concat %x, %p : i4, i3
  hw.output %c : i7
}

// A 1-bit constant in a parameter expression prints as a word (`true`): computed with comb ops too.
// SV-LABEL: module ParamFlag
// SV: assign o = {x, ~F};
hw.module @ParamFlag<F: i1>(in %x : i4, out o : i5) {
  %p = hw.param.value i1 = #hw.param.expr.xor<#hw.param.decl.ref<"F">, true>
  %c = comb.concat %x, %p : i4, i1
  hw.output %c : i5
}

// The bits of a struct made from bits are those bits (no cast of a cast for ExportVerilog to spill).
// CHECK-LABEL: hw.module @CastBack
// CHECK-NOT: hw.bitcast
// SV-LABEL: module CastBack
// SV: assign o = x[9:3];
hw.module @CastBack(in %x : i12, out o : i7) {
  %s = hw.bitcast %x : (i12) -> !hw.struct<r: i4, g: i8>
  %b = hw.bitcast %s : (!hw.struct<r: i4, g: i8>) -> i12
  %o = comb.extract %b from 3 : (i12) -> i7
  hw.output %o : i7
}

// Named case labels read their localparams (made if the module has none); unnamed ones keep their bits. (A
// localparam nothing reads is reference-unused-parameters' to read.)
// CHECK-LABEL: hw.module @Named
// CHECK-NEXT: %B = sv.localparam {value = 1 : i2} : i2
// CHECK-NEXT: %A = sv.localparam {value = 0 : i2} : i2
// CHECK-NEXT: %Z = sv.localparam {value = -1 : i2} : i2
// CHECK-NOT: _unused_localparams
// CHECK: sv.case %s : i2
// CHECK-NEXT: case %A: {
// CHECK: case %B: {
// CHECK: case b10: {
// CHECK-NOT: loom.case_names
// SV-LABEL: module Named(
// SV: case (s)
// SV-NEXT: A:
// SV: B:
// SV: 2'b10:
// SV: default:
hw.module @Named(in %s : i2, out o : i8) {
  %a = "loom.localparam"() {name = "A", value = 0 : i2} : () -> i2
  %z = "loom.localparam"() {name = "Z", value = -1 : i2} : () -> i2
  %c0 = hw.constant 0 : i8
  %c1 = hw.constant 1 : i8
  %r = sv.logic : !hw.inout<i8>
  sv.alwayscomb {
    sv.case %s : i2 {loom.case_names = ["A", "B", "", ""]}
    case b00: { sv.bpassign %r, %c1 : i8 }
    case b01: { sv.bpassign %r, %c1 : i8 }
    case b10: { sv.bpassign %r, %c0 : i8 }
    default: { sv.bpassign %r, %c0 : i8 }
  }
  %v = sv.read_inout %r : !hw.inout<i8>
  hw.output %v : i8
}

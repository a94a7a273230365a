// RUN: loom-opt %s -p narrow-partly-read-values | filecheck %s
// RUN: loom-opt %s -p 'narrow-partly-read-values, narrow-partly-read-values' | filecheck %s
// RUN: loom-opt %s -p narrow-partly-read-values --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// A comb result that only bit selects read, with bits none of them reads, would be spilled by ExportVerilog
// into a `_GEN` wire that verilator -Wall reports as partly unused. Selects go into bitwise ops, muxes, selects,
// concatenations and replications; add/sub/mul shrink to the bits up to the highest one read; what is still
// read in part gets a `*_partly_unused` name. A second run changes nothing.

// CHECK-LABEL: hw.module @bitwise
// CHECK-DAG:   %[[A:.+]] = comb.extract %a from 2 : (i8) -> i4
// CHECK-DAG:   %[[B:.+]] = comb.extract %b from 2 : (i8) -> i4
// CHECK:       comb.and %[[A]], %[[B]] : i4
// CHECK-NOT:   comb.and {{.*}} : i8
// SV-LABEL:    module bitwise(
// SV-NOT:      _GEN
// SV:          assign o = a[5:2] & b[5:2];
hw.module @bitwise(in %a: i8, in %b: i8, out o: i4) {
  %0 = comb.and %a, %b : i8
  %1 = comb.extract %0 from 2 : (i8) -> i4
  hw.output %1 : i4
}

// Two selects of one xor: each gets the xor of the bits it reads.
// CHECK-LABEL: hw.module @two_readers
// CHECK-DAG:   comb.xor {{.*}} : i1
// CHECK-DAG:   comb.xor {{.*}} : i2
// CHECK-NOT:   : i8
// SV-LABEL:    module two_readers(
// SV-NOT:      _GEN
hw.module @two_readers(in %a: i8, in %b: i8, out o: i1, out p: i2) {
  %0 = comb.xor %a, %b : i8
  %1 = comb.extract %0 from 7 : (i8) -> i1
  %2 = comb.extract %0 from 1 : (i8) -> i2
  hw.output %1, %2 : i1, i2
}

// A select of a select (canonicalize folds these, a pass after it may leave one): one select of the
// original value, inside an always_comb too. ExportVerilog spilled the inner one, `wire [2:0] _x_2to0 =
// x[2:0]; ... _x_2to0[2]`, two bits of it unread (random design 10781).
// CHECK-LABEL: hw.module @select_of_select
// CHECK:       sv.alwayscomb {
// CHECK-NEXT:    %[[BIT:.+]] = comb.extract %x from 2 : (i12) -> i1
// CHECK-NEXT:    sv.bpassign %t, %[[BIT]] : i1
// CHECK-NOT:     comb.extract
// SV-LABEL:    module select_of_select(
// SV-NOT:      wire
// SV:          t = x[2];
hw.module @select_of_select(in %x: i12, out o: i1) {
  %t = sv.logic : !hw.inout<i1>
  sv.alwayscomb {
    %0 = comb.extract %x from 0 : (i12) -> i3
    %1 = comb.extract %0 from 2 : (i3) -> i1
    sv.bpassign %t, %1 : i1
  }
  %2 = sv.read_inout %t : !hw.inout<i1>
  hw.output %2 : i1
}

// A slice of a mux of concatenations: the pieces, no intermediate wire.
// CHECK-LABEL: hw.module @mux_concat
// CHECK-NOT:   comb.concat %a, %b
// CHECK:       comb.mux %s, {{.*}} : i3
// SV-LABEL:    module mux_concat(
// SV-NOT:      _GEN
// SV:          assign o = s ? {a[0], b[3:2]} : c[4:2];
hw.module @mux_concat(in %s: i1, in %a: i4, in %b: i4, in %c: i8, out o: i3) {
  %0 = comb.concat %a, %b : i4, i4
  %1 = comb.mux %s, %0, %c : i8
  %2 = comb.extract %1 from 2 : (i8) -> i3
  hw.output %2 : i3
}

// A slice of a replication: the replicated bits.
// CHECK-LABEL: hw.module @replicate
// CHECK-NOT:   comb.replicate
// SV-LABEL:    module replicate(
// SV-NOT:      _GEN
// SV:          assign o = {a, a[2]};
hw.module @replicate(in %a: i3, out o: i4) {
  %0 = comb.replicate %a : (i3) -> i9
  %1 = comb.extract %0 from 2 : (i9) -> i4
  hw.output %1 : i4
}

// The low six bits of a 16-bit sum are a 6-bit sum; of a product, a 6-bit product.
// CHECK-LABEL: hw.module @narrow
// CHECK-DAG:   %[[SUM:.+]] = comb.add {{.*}} : i6
// CHECK-DAG:   comb.mul {{.*}} : i6
// CHECK-NOT:   : i16
// SV-LABEL:    module narrow(
// SV-NOT:      _GEN
// SV:          assign o = a[5:0] + b[5:0];
hw.module @narrow(in %a: i16, in %b: i16, out o: i6, out p: i6) {
  %0 = comb.add %a, %b : i16
  %1 = comb.extract %0 from 0 : (i16) -> i6
  %2 = comb.mul %a, %b : i16
  %3 = comb.extract %2 from 0 : (i16) -> i6
  hw.output %1, %3 : i6, i6
}

// The top bits of a difference need the low bits (borrows): narrowed to the highest bit read, then named.
// CHECK-LABEL: hw.module @carries
// CHECK:       comb.sub {{.*}} {sv.namehint = "_sub_partly_unused"} : i5
// CHECK:       comb.shru {{.*}} {sv.namehint = "q_partly_unused"} : i8
// SV-LABEL:    module carries(
// SV-NOT:      _GEN
// SV:          wire [4:0] _sub_partly_unused = a[4:0] - b[4:0];
// SV:          wire [7:0] q_partly_unused = a >> b;
// SV:          assign o = _sub_partly_unused[4:3];
// SV:          assign p = q_partly_unused[6:5];
hw.module @carries(in %a: i8, in %b: i8, out o: i2, out p: i2) {
  %0 = comb.sub %a, %b : i8
  %1 = comb.extract %0 from 3 : (i8) -> i2
  %2 = comb.shru %a, %b {sv.namehint = "q"} : i8
  %3 = comb.extract %2 from 5 : (i8) -> i2
  hw.output %1, %3 : i2, i2
}

// Read whole somewhere, or every bit selected: left alone.
// CHECK-LABEL: hw.module @untouched
// CHECK:       %[[S:.+]] = comb.add %a, %b : i4
// CHECK:       comb.extract %[[S]] from 0 : (i4) -> i2
// CHECK:       comb.extract %[[S]] from 2 : (i4) -> i2
// CHECK-NOT:   partly_unused
hw.module @untouched(in %a: i4, in %b: i4, out o: i2, out p: i2, out q: i4) {
  %0 = comb.add %a, %b : i4
  %1 = comb.extract %0 from 0 : (i4) -> i2
  %2 = comb.extract %0 from 2 : (i4) -> i2
  %3 = comb.xor %a, %b : i4
  %4 = comb.extract %3 from 1 : (i4) -> i2
  hw.output %1, %2, %3 : i2, i2, i4
}

// The rewritten ops keep their attributes (a name hint, two-state semantics).
// CHECK-LABEL: hw.module @attributes
// CHECK:       comb.xor bin {{.*}} {sv.namehint = "x"} : i2
// CHECK:       comb.add {{.*}} {sv.namehint = "s"} : i3
hw.module @attributes(in %a: i8, in %b: i8, out o: i2, out p: i3) {
  %0 = comb.xor bin %a, %b {sv.namehint = "x"} : i8
  %1 = comb.extract %0 from 1 : (i8) -> i2
  %2 = comb.add %a, %b {sv.namehint = "s"} : i8
  %3 = comb.extract %2 from 0 : (i8) -> i3
  hw.output %1, %3 : i2, i3
}

// A kept parameter read in part, also inside a procedural block (random designs 1055, 540: the selects the
// pushes make come after lower-data-types): named `<P>_partly_unused`; ExportVerilog puts the wire at
// module level, never in the always block.
// CHECK-LABEL: hw.module @kept_parameter
// CHECK:       hw.param.value i8 = #hw.param.decl.ref<"P0"> {sv.namehint = "P0_partly_unused"}
// CHECK:       sv.always
// CHECK:       hw.param.value i8 = #hw.param.decl.ref<"P0"> {sv.namehint = "P0_partly_unused"}
// SV-LABEL:    module kept_parameter
// SV-NOT:      _GEN
// SV:          wire [7:0] P0_partly_unused = P0;
// SV:          wire [7:0] P0_partly_unused_0 = P0;
// SV:          r_0 <= P0_partly_unused_0[1] & a[1];
// SV:          assign o = P0_partly_unused[4:3] & a[4:3];
hw.module @kept_parameter<P0: i8>(in %clk : i1, in %a : i8, out o : i2, out r : i1) {
  %p = hw.param.value i8 = #hw.param.decl.ref<"P0">
  %0 = comb.and %p, %a : i8
  %1 = comb.extract %0 from 3 : (i8) -> i2
  %r = sv.reg : !hw.inout<i1>
  sv.always posedge %clk {
    %q = hw.param.value i8 = #hw.param.decl.ref<"P0">
    %2 = comb.and %q, %a : i8
    %3 = comb.extract %2 from 1 : (i8) -> i1
    sv.passign %r, %3 : i1
  }
  %4 = sv.read_inout %r : !hw.inout<i1>
  hw.output %1, %4 : i2, i1
}

// The cast of an array or struct built from integers is the concatenation of its elements: selects go into
// them, and the array and the cast go (random designs 507, 577). A cast of anything else is named; an element
// chosen by a signal index has the parts of every element selected first (see @indexed_element below).
// CHECK-LABEL: hw.module @casts
// CHECK-NOT:   hw.struct_create
// CHECK:       hw.bitcast %{{.+}} {sv.namehint = "_bitcast_partly_unused"}
// SV-LABEL:    module casts
// SV-NOT:      _GEN
// SV:          wire [15:0] _bitcast_partly_unused = /*cast(bit[15:0])*/x;
// SV:          assign o = {b[1:0], a[7:6]};
// SV:          assign p = _bitcast_partly_unused[9:8];
hw.module @casts(in %a : i8, in %b : i8, in %x : !hw.array<2xi8>, in %i : i1, out o : i4, out p : i2, out q : i2) {
  %s = hw.struct_create (%b, %a) : !hw.struct<f: i8, g: i8>
  %0 = hw.bitcast %s : (!hw.struct<f: i8, g: i8>) -> i16
  %1 = comb.extract %0 from 6 : (i16) -> i4
  %2 = hw.bitcast %x : (!hw.array<2xi8>) -> i16
  %3 = comb.extract %2 from 8 : (i16) -> i2
  %e = hw.array_get %x[%i] : !hw.array<2xi8>, i1
  %4 = comb.extract %e from 1 : (i8) -> i2
  hw.output %1, %3, %4 : i4, i2, i2
}

// A name hint that is not a string (CIRCT does not verify sv.namehint; found by the IR fuzzer, it
// raised ValueError) counts as no hint.
// CHECK-LABEL: hw.module @hint_not_a_string
// CHECK:       comb.shru %a, %b {sv.namehint = "_shru_partly_unused"} : i8
// SV-LABEL:    module hint_not_a_string
// SV:          wire [7:0] _shru_partly_unused = a >> b;
hw.module @hint_not_a_string(in %a: i8, in %b: i8, out p: i2) {
  %0 = comb.shru %a, %b {sv.namehint = [1]} : i8
  %1 = comb.extract %0 from 5 : (i8) -> i2
  hw.output %1 : i2
}

// A select pushed onto an element chosen by a signal index would read `g[i][1:0]`, which Icarus cannot
// elaborate: the parts of every element are selected first and the index picks among them (random design
// 209; lower-data-types does the same for the selects it sees, before these pushes).
// CHECK-LABEL: hw.module @indexed_element
// CHECK:       %[[PARTS:.+]] = hw.array_create {{.*}} : i2
// CHECK:       hw.array_get %[[PARTS]][%i]
// SV-LABEL:    module indexed_element
// SV-NOT:      g[i][
hw.module @indexed_element(in %g : !hw.array<4xi4>, in %i : i2, in %x : i1, in %y : i5, out o : i2, out p : i1) {
  %e = hw.array_get %g[%i] : !hw.array<4xi4>, i2
  %0 = comb.concat %e, %x : i4, i1
  %1 = comb.xor %0, %y : i5
  %2 = comb.extract %1 from 1 : (i5) -> i2
  %3 = comb.extract %1 from 4 : (i5) -> i1
  hw.output %2, %3 : i2, i1
}

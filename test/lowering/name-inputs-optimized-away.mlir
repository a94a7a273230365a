// RUN: loom-opt %s -p 'record-read-inputs, canonicalize, name-inputs-optimized-away' | filecheck %s
// RUN: loom-opt %s -p 'record-read-inputs, canonicalize, name-inputs-optimized-away' --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// `a & 0` reads a until canonicalize folds it: a gets a wire `a_unused`; b, which nothing read before,
// does not (its warning is the design's own). The marks record-read-inputs leaves are gone at the end.
// CHECK-LABEL: hw.module @folded
// CHECK:       %a_unused = hw.wire %a : i4
// CHECK-NOT:   b_unused
// CHECK-NOT:   loom.read_inputs
// SV:          wire [3:0] a_unused = a;
hw.module @folded(in %a: i4, in %b: i4, in %c: i4, out o: i4, out p: i4) {
  %zero = hw.constant 0 : i4
  %0 = comb.and %a, %zero : i4
  hw.output %0, %c : i4, i4
}

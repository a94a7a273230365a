// RUN: loom-opt %s --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s
// RUN: loom-opt %s -p check-inferred-latch | filecheck %s --check-prefix=IR

// always_latch and final have no CIRCT op: an sv.alwayscomb / sv.initial marked with a SystemVerilog
// attribute, printed with the real keyword by every SystemVerilog writer (here loom-opt --export-verilog).
// The latch of a marked always_comb is intended: check-inferred-latch passes.
// CHECK-NOT:  loom_
// CHECK:      always_latch begin
// CHECK-NEXT:   if (en)
// CHECK-NEXT:     l = d;
// CHECK-NEXT: end // always_latch
// CHECK-NEXT: final
// CHECK-NEXT:   $fwrite(32'h80000001, "l=%0d\n", l);
// CHECK-NOT:  loom_

// IR: sv.alwayscomb {
// IR: } {sv.attributes = [#sv.attribute<"loom_always_latch">]}

hw.module @top(in %en : i1, in %d : i8, out q : i8) {
  %fd = hw.constant 0x80000001 : i32
  %l = sv.logic : !hw.inout<i8>
  sv.alwayscomb {
    sv.if %en {
      sv.bpassign %l, %d : i8
    }
  } {sv.attributes = [#sv.attribute<"loom_always_latch">]}
  %v = sv.read_inout %l : !hw.inout<i8>
  sv.initial {
    sv.fwrite %fd, "l=%0d\n"(%v) : i8
  } {sv.attributes = [#sv.attribute<"loom_final">]}
  hw.output %v : i8
}

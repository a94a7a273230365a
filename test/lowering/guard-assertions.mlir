// RUN: loom-opt %s -p guard-assertions | filecheck %s
// RUN: loom-opt %s -p 'guard-assertions, guard-assertions' | filecheck %s
// RUN: loom-opt %s -p guard-assertions --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// Immediate assertions move into the else region of `ifdef SYNTHESIS (printed as `ifndef);
// a second run finds them guarded and changes nothing; concurrent assertions stay.
// CHECK:      sv.macro.decl @SYNTHESIS
// CHECK-NOT:  sv.macro.decl
// CHECK:      sv.alwayscomb {
// CHECK:        sv.ifdef.procedural @SYNTHESIS {
// CHECK-NEXT:   } else {
// CHECK-NEXT:     sv.assert %{{.*}}, immediate message "a must not be 3"
// CHECK-NEXT:   }
// CHECK:        sv.ifdef.procedural @SYNTHESIS {
// CHECK-NEXT:   } else {
// CHECK-NEXT:     sv.cover
// CHECK-NEXT:   }
// CHECK:      sv.assert.concurrent

// SV:      always_comb begin
// SV:        `ifndef SYNTHESIS
// SV-NEXT:     assert(
// SV-NEXT:   `endif // not def SYNTHESIS
// SV:        `ifndef SYNTHESIS
// SV-NEXT:     cover(
// SV-NEXT:   `endif // not def SYNTHESIS
// SV:      assert property

hw.module @top(in %a: i8, in %clk: i1, out o: i8) {
  %three = hw.constant 3 : i8
  sv.alwayscomb {
    %ok = comb.icmp ne %a, %three : i8
    sv.assert %ok, immediate message "a must not be 3"
    sv.cover %ok, immediate
  }
  %never = comb.icmp eq %a, %three : i8
  sv.assert.concurrent posedge %clk, %never
  hw.output %a : i8
}

// RUN: loom-opt %s -p inject-assert-fail-exception | filecheck %s
// RUN: loom-opt %s -p 'inject-assert-fail-exception, lower-to-hw, cleanup' --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// The assertion stays; after it, when its condition is false, either the
// DPI-C hook (with the assertion's id) or $fatal naming the instance, the
// Python (here: .mlir) line and the message. Concurrent assertions are kept
// as they are.
// CHECK:      module attributes {loom.debug_sites = [{id = 0 : i32, kind = "assertion", locations = ["{{.*}}.mlir:{{[0-9]+}}:5"], module = "top"}]}
// The DPI-C import is declared at the top, under the macro and an include guard.
// CHECK:      sv.macro.decl @LOOM_ASSERT_DPI
// CHECK:      sv.macro.decl @LOOM_ASSERT_FAIL_DECLARED_
// CHECK:      sv.func private @loom_assert_fail(in %id : i32)
// CHECK-NEXT: sv.ifdef @LOOM_ASSERT_DPI {
// CHECK-NEXT:   sv.ifdef @LOOM_ASSERT_FAIL_DECLARED_ {
// CHECK-NEXT:   } else {
// CHECK-NEXT:     sv.macro.def @LOOM_ASSERT_FAIL_DECLARED_ ""
// CHECK-NEXT:     sv.func.dpi.import @loom_assert_fail
// CHECK:      sv.assert %[[OK:.*]], immediate message "a must not be 3"
// CHECK-NEXT: %[[TRUE:.*]] = hw.constant true
// CHECK-NEXT: %[[FAILED:.*]] = comb.xor %[[OK]], %[[TRUE]] : i1
// CHECK-NEXT: sv.if %[[FAILED]] {
// CHECK-NEXT:   sv.ifdef.procedural @LOOM_ASSERT_DPI {
// CHECK-NEXT:     %[[ID:.*]] = hw.constant 0 : i32
// CHECK-NEXT:     sv.func.call.procedural @loom_assert_fail(%[[ID]]) : (i32) -> ()
// CHECK-NEXT:   } else {
// CHECK-NEXT:     sv.fatal.procedural 1, "loom: assertion 0 failed in %m at {{.*}}.mlir:{{[0-9]+}}:5: a must not be 3"
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK:      sv.assert.concurrent
// CHECK:      "loom.output"

// After the lowering, guard-assertions puts the assertion and its action in `ifndef SYNTHESIS.
// SV:      `ifdef LOOM_ASSERT_DPI
// SV-NEXT:   `ifndef LOOM_ASSERT_FAIL_DECLARED_
// SV-NEXT:     `define LOOM_ASSERT_FAIL_DECLARED_
// SV-NEXT:     import "DPI-C" context function void loom_assert_fail(
// SV-NEXT:       input int id
// SV-NEXT:     );
// SV:        `endif // not def LOOM_ASSERT_FAIL_DECLARED_
// SV-NEXT: `endif // LOOM_ASSERT_DPI
// SV:      `ifndef SYNTHESIS
// SV-NEXT: assert([[OK:.*]]) else $error("a must not be 3");
// SV-NEXT: if (~[[OK]]) begin
// SV-NEXT:   `ifdef LOOM_ASSERT_DPI
// SV-NEXT:     loom_assert_fail(32'h0);
// SV-NEXT:   `else  // LOOM_ASSERT_DPI
// SV-NEXT:     $fatal(1,
// SV-NEXT:            "loom: assertion 0 failed in %m at {{.*}}.mlir:{{[0-9]+}}:5: a must not be 3");
// SV-NEXT:   `endif // LOOM_ASSERT_DPI
// SV-NEXT: end
// SV-NEXT: `endif // not def SYNTHESIS
"loom.module"() ({
^bb0(%a: i8, %clk: i1):
  %o = sv.logic sym @o : !hw.inout<i8>
  %three = hw.constant 3 : i8
  sv.alwayscomb {
    sv.bpassign %o, %a : i8
    %ok = comb.icmp ne %a, %three : i8
    sv.assert %ok, immediate message "a must not be 3"
  }
  %never = comb.icmp eq %a, %three : i8
  sv.assert.concurrent posedge %clk, %never
  %r = sv.read_inout %o : !hw.inout<i8>
  "loom.output"(%r) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "clk", dir = "in", type = i1}, {name = "o", dir = "out", type = i8}]} : () -> ()

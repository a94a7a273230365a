// RUN: loom-opt %s -p inject-debug-break-points | filecheck %s
// RUN: loom-opt %s -p 'inject-debug-break-points, inject-debug-break-points, lower-to-hw, cleanup' --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// A hook before every statement of a combinational block (the if, and each
// assignment inside it); one hook at the end of each block of an always_ff,
// standing for all its statements. The id -> source table is the root's
// loom.debug_sites attribute; the DPI-C import is declared once, guarded.
// Running the pass twice adds nothing.
// CHECK:      module attributes {loom.debug_sites = [
// CHECK-SAME:   {id = 0 : i32, kind = "breakpoint", locations = ["{{[^"]*}}inject-debug-break-points.mlir:{{[0-9]+}}:5"], module = "top"}
// CHECK-SAME:   {id = 3 : i32, kind = "breakpoint", locations = ["{{[^"]*}}.mlir:{{[0-9]+}}:5", "{{[^"]*}}.mlir:{{[0-9]+}}:5"], module = "top"}
// CHECK:      sv.verbatim "`ifdef LOOM_BREAKPOINT_DPI\0A`ifndef LOOM_BREAKPOINT_DECLARED_
// CHECK:      sv.alwayscomb {
// CHECK-NEXT:   sv.verbatim "`ifdef LOOM_BREAKPOINT_DPI\0A  loom_breakpoint(32'd0);\0A`elsif LOOM_BREAKPOINT_TRACE\0A  $display(\22loom breakpoint 0: %m {{.*}}.mlir:{{[0-9]+}}:5\22);\0A`endif"
// CHECK-NEXT:   sv.if
// CHECK-NEXT:     sv.verbatim "{{.*}}loom_breakpoint(32'd1)
// CHECK-NEXT:     sv.bpassign
// CHECK-NEXT:   } else {
// CHECK-NEXT:     comb.xor
// CHECK-NEXT:     sv.verbatim "{{.*}}loom_breakpoint(32'd2)
// CHECK-NEXT:     sv.bpassign
// CHECK:      sv.alwaysff
// CHECK-NEXT:   sv.passign
// CHECK-NEXT:   sv.passign
// CHECK-NEXT:   sv.verbatim "{{.*}}loom_breakpoint(32'd3)

// SV:      `ifdef LOOM_BREAKPOINT_DPI
// SV-NEXT: `ifndef LOOM_BREAKPOINT_DECLARED_
// SV-NEXT: `define LOOM_BREAKPOINT_DECLARED_
// SV-NEXT: import "DPI-C" context function void loom_breakpoint(input int id);
// SV-NEXT: `endif
// SV-NEXT: `endif
// SV-NEXT: module top(
// SV:      always_comb begin
// SV-NEXT:   `ifdef LOOM_BREAKPOINT_DPI
// SV-NEXT:     loom_breakpoint(32'd0);
// SV-NEXT:   `elsif LOOM_BREAKPOINT_TRACE
// SV-NEXT:     $display("loom breakpoint 0: %m {{.*}}inject-debug-break-points.mlir:{{[0-9]+}}:5");
// SV-NEXT:   `endif
// SV-NEXT:   if (c) begin
// SV-NOT:  loom_breakpoint(32'd4)
"loom.module"() ({
^bb0(%a: i8, %c: i1, %clk: i1):
  %o = sv.logic sym @o : !hw.inout<i8>
  %q = sv.reg sym @q : !hw.inout<i8>
  %p = sv.reg sym @p : !hw.inout<i8>
  sv.alwayscomb {
    sv.if %c {
      sv.bpassign %o, %a : i8
    } else {
      %n = comb.xor %a, %a : i8
      sv.bpassign %o, %n : i8
    }
  }
  sv.alwaysff(posedge %clk) {
    sv.passign %q, %a : i8
    sv.passign %p, %a : i8
  }
  %r = sv.read_inout %o : !hw.inout<i8>
  %rq = sv.read_inout %q : !hw.inout<i8>
  %rp = sv.read_inout %p : !hw.inout<i8>
  %s = comb.add %r, %rq : i8
  %t = comb.add %s, %rp : i8
  "loom.output"(%t) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "c", dir = "in", type = i1}, {name = "clk", dir = "in", type = i1}, {name = "o", dir = "out", type = i8}]} : () -> ()

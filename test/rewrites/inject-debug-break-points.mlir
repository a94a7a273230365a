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
// CHECK:      sv.func private @loom_breakpoint(in %id : i32)
// CHECK-NEXT: sv.ifdef @LOOM_BREAKPOINT_DPI {
// CHECK-NEXT:   sv.ifdef @LOOM_BREAKPOINT_DECLARED_ {
// CHECK-NEXT:   } else {
// CHECK-NEXT:     sv.macro.def @LOOM_BREAKPOINT_DECLARED_ ""
// CHECK-NEXT:     sv.func.dpi.import @loom_breakpoint
// CHECK:      sv.alwayscomb {
// CHECK-NEXT:   sv.ifdef.procedural @LOOM_BREAKPOINT_DPI {
// CHECK-NEXT:     %[[ID:.*]] = hw.constant 0 : i32
// CHECK-NEXT:     sv.func.call.procedural @loom_breakpoint(%[[ID]]) : (i32) -> ()
// CHECK-NEXT:   } else {
// CHECK-NEXT:     sv.ifdef.procedural @LOOM_BREAKPOINT_TRACE {
// CHECK-NEXT:       sv.write "loom breakpoint 0: %m {{.*}}.mlir:{{[0-9]+}}:5\0A"
// CHECK-NEXT:     }
// CHECK-NEXT:   }
// CHECK-NEXT:   sv.if
// CHECK-NEXT:     sv.ifdef.procedural @LOOM_BREAKPOINT_DPI {
// CHECK-NEXT:       %{{.*}} = hw.constant 1 : i32
// CHECK:          sv.bpassign
// CHECK-NEXT:   } else {
// CHECK-NEXT:     comb.xor
// CHECK-NEXT:     sv.ifdef.procedural @LOOM_BREAKPOINT_DPI {
// CHECK-NEXT:       %{{.*}} = hw.constant 2 : i32
// CHECK:          sv.bpassign
// CHECK:      sv.alwaysff
// CHECK-NEXT:   sv.passign
// CHECK-NEXT:   sv.passign
// CHECK-NEXT:   sv.ifdef.procedural @LOOM_BREAKPOINT_DPI {
// CHECK-NEXT:     %{{.*}} = hw.constant 3 : i32

// SV:      `ifdef LOOM_BREAKPOINT_DPI
// SV-NEXT:   `ifndef LOOM_BREAKPOINT_DECLARED_
// SV-NEXT:     `define LOOM_BREAKPOINT_DECLARED_
// SV-NEXT:     import "DPI-C" context function void loom_breakpoint(
// SV-NEXT:       input int id
// SV-NEXT:     );
// SV:        `endif // not def LOOM_BREAKPOINT_DECLARED_
// SV-NEXT: `endif // LOOM_BREAKPOINT_DPI
// SV-NEXT: module top(
// SV:      always_comb begin
// SV-NEXT:   `ifdef LOOM_BREAKPOINT_DPI
// SV-NEXT:     loom_breakpoint(32'h0);
// SV-NEXT:   `else  // LOOM_BREAKPOINT_DPI
// SV-NEXT:     `ifdef LOOM_BREAKPOINT_TRACE
// SV-NEXT:       $write("loom breakpoint 0: %m {{.*}}inject-debug-break-points.mlir:{{[0-9]+}}:5\n");
// SV-NEXT:     `endif // LOOM_BREAKPOINT_TRACE
// SV-NEXT:   `endif // LOOM_BREAKPOINT_DPI
// SV-NEXT:   if (c) begin
// SV-NOT:  loom_breakpoint(32'h4)
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

// RUN: loom-opt %s -p 'inject-debug-break-points, inject-assert-fail-exception, check-non-synthesizable-content' | filecheck %s

// The debug hooks sit under `ifdef on their own macros, which only a simulation defines,
// and the assertion (with its $fatal action) under `ifndef SYNTHESIS: nothing to report.
// CHECK:      sv.alwayscomb {
// CHECK-NEXT:   sv.ifdef.procedural @LOOM_BREAKPOINT_DPI {
// CHECK:          sv.func.call.procedural @loom_breakpoint
// CHECK:        sv.ifdef.procedural @SYNTHESIS {
// CHECK:          sv.fatal.procedural 1
sv.macro.decl @SYNTHESIS
"loom.module"() ({
^bb0(%a: i8):
  %o = sv.logic sym @o : !hw.inout<i8>
  %three = hw.constant 3 : i8
  %ok = comb.icmp ne %a, %three : i8
  sv.alwayscomb {
    sv.bpassign %o, %a : i8
    sv.ifdef.procedural @SYNTHESIS {
    } else {
      sv.assert %ok, immediate message "a must not be 3"
    }
  }
  %r = sv.read_inout %o : !hw.inout<i8>
  "loom.output"(%r) : (i8) -> ()
}, {}) {sym_name = "top", ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

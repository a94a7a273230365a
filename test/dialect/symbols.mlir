// Symbol references inside loom bodies: `loom.module` and `loom.func` end with an
// extra, empty region, so MLIR does not take them for unknown symbol tables and
// resolves `@SYNTHESIS` or `@loom_breakpoint` in the top-level module
// (docs/rationale.md, "Symbols inside loom bodies").
// RUN: LOOM_ROUNDTRIP
// RUN: loom-opt %s -p lower-to-hw,cleanup --export-verilog -o /dev/null | filecheck %s --check-prefix=SV

sv.macro.decl @SYNTHESIS
sv.func private @loom_breakpoint(in %id : i32)
sv.func.dpi.import linkage "loom_breakpoint" @loom_breakpoint

// CHECK-LABEL: "loom.module"() ({
// CHECK:         sv.alwayscomb {
// CHECK-NEXT:      sv.ifdef.procedural @SYNTHESIS {
// CHECK-NEXT:      } else {
// CHECK:             sv.assert %{{.+}}, immediate message "a must not be 3"
// CHECK:           sv.func.call.procedural @loom_breakpoint(%{{.+}}) : (i32) -> ()
// CHECK:           "loom.func"(%{{.+}}) ({
// CHECK-NEXT:        sv.ifdef.procedural @SYNTHESIS {
// CHECK:           }, {
// CHECK-NEXT:      }) {name = "twice"} : (!hw.inout<i8>) -> ()
// CHECK:         "loom.output"
// CHECK-NEXT:  }, {
// CHECK-NEXT:  }) {
// CHECK-SAME:    sym_name = "M"

// SV:      import "DPI-C" context loom_breakpoint = function void loom_breakpoint(
// SV-LABEL: module M(
// SV:        always_comb begin
// SV-NEXT:     `ifndef SYNTHESIS
// SV-NEXT:       assert(a != 8'h3) else $error("a must not be 3");
// SV-NEXT:     `endif // not def SYNTHESIS
// SV-NEXT:     loom_breakpoint(32'h7);
// SV:          `ifndef SYNTHESIS
// SV-NEXT:       assert(a != 8'hFF)
"loom.module"() ({
^bb0(%a: i8):
  %r = sv.logic sym @r : !hw.inout<i8>
  %t = sv.logic sym @t : !hw.inout<i8>
  sv.alwayscomb {
    sv.ifdef.procedural @SYNTHESIS {
    } else {
      %c3 = hw.constant 3 : i8
      %ok = comb.icmp ne %a, %c3 : i8
      sv.assert %ok, immediate message "a must not be 3"
    }
    %c7 = hw.constant 7 : i32
    sv.func.call.procedural @loom_breakpoint(%c7) : (i32) -> ()
    "loom.func"(%t) ({
      sv.ifdef.procedural @SYNTHESIS {
      } else {
        %ones = hw.constant -1 : i8
        %ok = comb.icmp ne %a, %ones : i8
        sv.assert %ok, immediate
      }
      %twice = comb.add %a, %a : i8
      "loom.return"(%twice) : (i8) -> ()
    }, {}) {name = "twice"} : (!hw.inout<i8>) -> ()
    %v = sv.read_inout %t : !hw.inout<i8>
    sv.bpassign %r, %v : i8
  }
  %o = sv.read_inout %r : !hw.inout<i8>
  "loom.output"(%o) : (i8) -> ()
}, {}) {sym_name = "M", ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

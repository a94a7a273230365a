// The shape that lets symbol references inside loom bodies resolve, checked at
// the op (file:line:col), and a reference to a symbol that does not exist.
// RUN: loom-opt %s --split-input-file --verify-diagnostics

// expected-error @+1 {{'loom.module' has 2 regions (its body and an empty region after it: `}, {})`; docs/ir-conventions.md), not 1}}
"loom.module"() ({
^bb0:
  "loom.output"() : () -> ()
}) {sym_name = "M", ports = []} : () -> ()

// -----

// expected-error @+1 {{'loom.module' must have an empty last region (it only lets symbol references reach the top level)}}
"loom.module"() ({
^bb0:
  "loom.output"() : () -> ()
}, {
^bb0:
  "loom.output"() : () -> ()
}) {sym_name = "M", ports = []} : () -> ()

// -----

"loom.module"() ({
^bb0(%a: i8):
  %t = sv.logic sym @t : !hw.inout<i8>
  sv.alwayscomb {
    // expected-error @+1 {{'loom.func' has 2 regions (its body and an empty region after it: `}, {})`; docs/ir-conventions.md), not 1}}
    "loom.func"(%t) ({
      "loom.return"(%a) : (i8) -> ()
    }) {name = "f"} : (!hw.inout<i8>) -> ()
  }
  "loom.output"() : () -> ()
}, {}) {sym_name = "M", ports = [{name = "a", dir = "in", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%a: i1):
  sv.initial {
    // expected-error @+1 {{references an undefined symbol: @SYNTHESIS}}
    sv.ifdef.procedural @SYNTHESIS {
    } else {
      sv.assert %a, immediate
    }
  }
  "loom.output"() : () -> ()
}, {}) {sym_name = "M", ports = [{name = "a", dir = "in", type = i1}]} : () -> ()

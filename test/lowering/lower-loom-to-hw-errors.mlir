// RUN: not loom-opt %s --pass-pipeline='builtin.module(lower-loom-to-hw)' 2>&1 | filecheck %s

// Ports must be unconditional by the time loom is lowered to hw.

"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "C", parameters = [#hw.param.decl<"E": i1 = false>],
    ports = [{name = "a", dir = "in", type = i8, cond = "E"}, {name = "o", dir = "out", type = i8}]} : () -> ()

// CHECK: error: port 'a' of 'C' is still conditional ('E'); run loom-specialize first

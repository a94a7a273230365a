// The naming check reports each port that breaks the rule at its line, with a note at its module;
// --verify-diagnostics matches them against the expected-* comments below.
// RUN: loom-opt %s --load-pass-plugin=acme.passes -p check-port-names --verify-diagnostics
// With other prefixes, other ports are wrong.
// RUN: not loom-opt %s --load-pass-plugin=acme.passes --check-port-names='input-prefix=in_' 2>&1 \
// RUN:   | filecheck %s --check-prefix=IN

// expected-note @below {{in module 'Bad'}}
"loom.module"() ({
// expected-error @below {{input 'data' must start with 'i_'}}
^bb0(%clk: !seq.clock, %data: i8, %i_valid: i1):
  // expected-error @below {{output 'ready' must start with 'o_'}}
  "loom.output"(%data, %i_valid) : (i8, i1) -> ()
}, {}) {sym_name = "Bad", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock},
    {name = "data", dir = "in", type = i8}, {name = "i_valid", dir = "in", type = i1},
    {name = "o_data", dir = "out", type = i8}, {name = "ready", dir = "out", type = i1}]} : () -> ()

// IN-DAG: port-names.mlir:11:{{[0-9]+}}: error: input 'data' must start with 'in_'
// IN-DAG: port-names.mlir:11:{{[0-9]+}}: error: input 'i_valid' must start with 'in_'
// IN-DAG: port-names.mlir:13:3: error: output 'ready' must start with 'o_'

// kratos's snake_case names work in pipelines and as flags; --list-passes describes every structure pass.
// RUN: loom-opt %s --pass-pipeline='builtin.module(zero_generator_inputs, verify-generator-connectivity, create_module_instantiation)' | filecheck %s
// RUN: loom-opt %s --zero_generator_inputs --verify_generator_connectivity | filecheck %s
// RUN: loom-opt --list-passes | filecheck %s --check-prefix=LIST

// CHECK: "loom.instance"(%arg0, %{{.+}}) {input_names = ["a", "b"]

// LIST-DAG: {{^  }}verify-generator-connectivity {{ +}}{{[a-z]+ +}}Check that every instance input is connected
// LIST-DAG: {{^  }}create-module-instantiation {{ +}}{{[a-z]+ +}}Put instance connections
// LIST-DAG: {{^  }}zero-out-stubs {{ +}}{{[a-z]+ +}}Drive the outputs of stub generators with 0
// LIST-DAG: {{^  }}zero-generator-inputs {{ +}}{{[a-z]+ +}}Tie the open inputs
// LIST-DAG: {{^  }}remove-pass-through-modules {{ +}}{{[a-z]+ +}}Remove instances of modules
// LIST-DAG: {{^  }}insert-pipeline-stages {{ +}}{{[a-z]+ +}}Add `pipeline` register stages
// LIST-DAG: {{^  }}dead-code-elimination {{ +}}{{[a-z]+ +}}Remove ports, instances, registers
// LIST-DAG: {{^  }}auto-insert-clock-enable {{ +}}{{[a-z]+ +}}Gate every register
// LIST-DAG: {{^  }}decouple-generator-ports {{ +}}{{[a-z]+ +}}Give instance connections
// LIST-DAG: {{^  }}generate-verilog {{ +}}{{[a-z]+ +}}Write SystemVerilog
// LIST-DAG: {{^  }}extract-debug-info {{ +}}{{[a-z]+ +}}Write a JSON map
"loom.module"() ({
^bb0(%a: i8, %b: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "Child", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  %0 = "loom.instance"(%x) {instance_name = "u0", module = @Child, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%0) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "y", dir = "out", type = i8}], user_attributes = {zero_inputs = ""}} : () -> ()

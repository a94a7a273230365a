// A read identity parameter is reported: split into modules, or kept as a SystemVerilog parameter.
// RUN: loom-opt %s --verify-diagnostics -p 'loom-specialize{top=top}' > /dev/null
// RUN: loom-opt %s -p 'loom-specialize{top=top keep-parameters=true}' 2>&1 >/dev/null | filecheck %s --check-prefix=KEEP

// expected-note @+1 {{'PE' is defined here}}
"loom.module"() ({
^bb0(%a: i8):
  %c = "loom.param_value"() {value = #hw.param.decl.ref<"ID"> : i8} : () -> i8
  %s = comb.add %a, %c : i8
  "loom.output"(%s) : (i8) -> ()
}, {}) {sym_name = "PE", parameters = [#hw.param.decl<"ID": i8 = 0>], identity_parameters = ["ID"],
    ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
// An identity parameter nobody reads says nothing.
"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "Quiet", parameters = [#hw.param.decl<"ID": i8 = 0>], identity_parameters = ["ID"],
    ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  // expected-remark @+1 {{identity parameter 'ID' of 'PE' is read by its logic: it splits 'PE' into one module per value (2 modules)}}
  %o0 = "loom.instance"(%x) {instance_name = "pe0", module = @PE, parameters = {}, identity = {ID = 0 : i8}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  %o1 = "loom.instance"(%o0) {instance_name = "pe1", module = @PE, parameters = {}, identity = {ID = 1 : i8}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  %o2 = "loom.instance"(%o1) {instance_name = "q0", module = @Quiet, parameters = {}, identity = {ID = 0 : i8}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  %o3 = "loom.instance"(%o2) {instance_name = "q1", module = @Quiet, parameters = {}, identity = {ID = 1 : i8}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%o3) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// KEEP:     identity-remarks.mlir:22:9: remark: identity parameter 'ID' of 'PE' is read by its logic: it stays a SystemVerilog parameter (one module for all values)
// KEEP-NEXT: identity-remarks.mlir:6:1: note: 'PE' is defined here
// KEEP-NOT: Quiet

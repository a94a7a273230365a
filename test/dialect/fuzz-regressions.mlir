// Reproducers found by the IR mutation fuzzer (python -m loom.tools.fuzz_ir): each was a Python
// traceback and is now an error at the op.
// RUN: loom-opt %s --split-input-file --verify-diagnostics
// RUN: loom-opt %s --split-input-file --verify-diagnostics -p 'change-port-bundle-struct, lower-to-hw, cleanup'

// An instance of a module whose own attributes are malformed: the module is reported, and its
// instances are not checked against it (that read its parameters and raised ValueError).
// expected-error @+1 {{'loom.module' attribute 'parameters' must be an array of parameter declarations}}
"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}) {sym_name = "P", parameters = "x", ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  %0 = "loom.instance"(%x) {instance_name = "u0", module = @P, parameters = {W = 16 : i32}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%0) : (i8) -> ()
}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

// A port-bundle entry of the wrong kind (change-port-bundle-struct cast it to a string).
// expected-error @+1 {{element 1 is not a port}}
"loom.module"() ({
^bb0(%mode: i2):
  "loom.output"(%mode) : (i2) -> ()
}) {sym_name = "Leaf", parameters = [], ports = [
  {name = "cfg_mode", dir = "in", type = i2, bundle = "cfg", bundle_field = "mode", bundle_type = "Config"},
  {name = "echo_mode", dir = "out", type = i2, bundle = "echo", bundle_field = "mode", bundle_type = i8}]} : () -> ()

// -----

// A port condition that does not parse, on a module that is instantiated.
// expected-error @+1 {{port 'en': invalid port condition}}
"loom.module"() ({
^bb0(%a: i8, %en: i1):
  "loom.output"(%a) : (i8) -> ()
}) {sym_name = "C", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "en", dir = "in", type = i1, cond = "EN !="}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  %0 = "loom.instance"(%x) {instance_name = "u0", module = @C, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%0) : (i8) -> ()
}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// Malformed loom IR: every problem is an error at the op (file:line:col), found by the op table
// (dialect/opdef.py) right after parsing -- never a Python traceback, a crash or a hang.
// RUN: loom-opt %s --split-input-file --verify-diagnostics
// RUN: loom-opt %s --split-input-file --verify-diagnostics -p lower-to-hw --export-verilog

// expected-error @+1 {{'loom.module' attribute 'ports' must be an array of ports}}
"loom.module"() ({
^bb0:
  "loom.output"() : () -> ()
}, {}) {sym_name = "M", parameters = [], ports = "x"} : () -> ()

// -----

// expected-error @+1 {{'loom.module' attribute 'sym_name' must be a string, not 5 : i64}}
"loom.module"() ({
^bb0:
  "loom.output"() : () -> ()
}, {}) {sym_name = 5, parameters = [], ports = []} : () -> ()

// -----

// expected-error @+1 {{'loom.module' requires attribute 'sym_name' (a string)}}
"loom.module"() ({
^bb0:
  "loom.output"() : () -> ()
}, {}) {parameters = [], ports = []} : () -> ()

// -----

// A port dictionary without a type, and a parameter list holding a string.
// expected-error @+2 {{'loom.module' attribute 'ports' must be an array of ports}}
// expected-error @+1 {{'loom.module' attribute 'parameters' must be an array of parameter declarations}}
"loom.module"() ({
^bb0:
  "loom.output"() : () -> ()
}, {}) {sym_name = "M", parameters = ["W"], ports = [{name = "a", dir = "in"}]} : () -> ()

// -----

"loom.module"() ({
^bb0:
  "loom.output"() : () -> ()
}, {}) {sym_name = "Leaf", parameters = [], ports = []} : () -> ()
"loom.module"() ({
^bb0:
  // expected-error @+1 {{'loom.instance' attribute 'module' must be a symbol reference (@name), not "Leaf"}}
  "loom.instance"() {instance_name = "u0", module = "Leaf", parameters = {}, input_names = [], output_names = []} : () -> ()
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = []} : () -> ()

// -----

// A typo in an op name would reach ExportVerilog, which crashes on ops it does not know.
"loom.module"() ({
^bb0(%a: i8):
  // expected-error @+1 {{unknown loom operation 'loom.inst{ance'; did you mean 'loom.instance'?}}
  %0 = "loom.inst{ance"(%a) {instance_name = "u", module = @Top, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%0) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%a: i8):
  // expected-error @+1 {{'loom.output' must be the last op of its block (it is a terminator)}}
  "loom.output"(%a) : (i8) -> ()
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "Two", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

hw.module @Enum(out o: i2) {
  // expected-error @+1 {{'loom.localparam' requires attribute 'value' (an integer)}}
  %0 = "loom.localparam"() {name = "IDLE"} : () -> i2
  hw.output %0 : i2
}

// -----

// A parameter name outside ASCII that no module declares (MLIR prints it escaped).
"loom.module"() ({
^bb0(%a: i8):
  // expected-error @+1 {{'loom.param_value' refers to 'Wé', which is not a parameter of '@Top' (parameters: W)}}
  %v = "loom.param_value"() {value = #hw.param.decl.ref<"Wé"> : i32} : () -> i32
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [#hw.param.decl<"W": i32 = 8>], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%a: i8):
  sv.alwayscomb {
    // expected-error @+1 {{'loom.func' result operand must be a variable (!hw.inout<...>), not i8}}
    "loom.func"(%a) ({
      "loom.return"(%a) : (i8) -> ()
    }, {}) {name = "f"} : (i8) -> ()
  }
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "Func", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0:
  // expected-error @+1 {{'loom.dead_value' exists only inside the 'dead-code-elimination' pass and cannot appear in input}}
  %0 = "loom.dead_value"() : () -> i8
  "loom.output"() : () -> ()
}, {}) {sym_name = "Internal", parameters = [], ports = []} : () -> ()

// -----

// Modules that contain themselves through instances cannot be hardware (lowering made recursive modules).
// expected-error @+1 {{module 'A' contains itself through instances: A -> B -> A}}
"loom.module"() ({
^bb0(%a: i8):
  %0 = "loom.instance"(%a) {instance_name = "u", module = @B, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%0) : (i8) -> ()
}, {}) {sym_name = "A", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%a: i8):
  %0 = "loom.instance"(%a) {instance_name = "v", module = @A, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%0) : (i8) -> ()
}, {}) {sym_name = "B", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%a: i8):
  %0 = "loom.instance"(%a) {instance_name = "t", module = @A, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%0) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

// Parameter values must be integers or parameter expressions (a string was lowered to hw.param.value "x").
"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "Leaf", parameters = [#hw.param.decl<"W": i32 = 8>], identity_parameters = ["W"], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%a: i8):
  // expected-error @+1 {{'loom.instance' attribute 'parameters' must be a dictionary of parameter values (integers or #hw.param expressions), not {W = "x"}}}
  %0 = "loom.instance"(%a) {instance_name = "u", module = @Leaf, parameters = {W = "x"}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  // expected-error @+1 {{'loom.instance' attribute 'identity' must be a dictionary of parameter values}}
  %1 = "loom.instance"(%a) {instance_name = "v", module = @Leaf, identity = {W = "s"}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  // expected-error @+1 {{'loom.param_value' attribute 'value' must be a parameter value (an integer or a #hw.param expression), not "x"}}
  %v = "loom.param_value"() {value = "x"} : () -> i32
  "loom.output"(%0) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

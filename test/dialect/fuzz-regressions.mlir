// Reproducers found by the IR mutation fuzzer (python -m loom.tools.fuzz_ir): each was a Python
// traceback and is now an error at the op.
// RUN: loom-opt %s --split-input-file --verify-diagnostics
// RUN: loom-opt %s --split-input-file --verify-diagnostics -p 'change-port-bundle-struct, lower-to-hw, cleanup'
// RUN: loom-opt %s --split-input-file --verify-diagnostics -p 'insert-pipeline-stages, verify-generator-connectivity'
// RUN: loom-opt %s --split-input-file --verify-diagnostics -p check-always-sensitivity
// RUN: loom-opt %s --split-input-file --verify-diagnostics -p dead-code-elimination

// An instance of a module whose own attributes are malformed: the module is reported, and its
// instances are not checked against it (that read its parameters and raised ValueError).
// expected-error @+1 {{'loom.module' attribute 'parameters' must be an array of parameter declarations}}
"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "P", parameters = "x", ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  %0 = "loom.instance"(%x) {instance_name = "u0", module = @P, parameters = {W = 16 : i32}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%0) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

// A port-bundle entry of the wrong kind (change-port-bundle-struct cast it to a string).
// expected-error @+1 {{element 1 is not a port}}
"loom.module"() ({
^bb0(%mode: i2):
  "loom.output"(%mode) : (i2) -> ()
}, {}) {sym_name = "Leaf", parameters = [], ports = [
  {name = "cfg_mode", dir = "in", type = i2, bundle = "cfg", bundle_field = "mode", bundle_type = "Config"},
  {name = "echo_mode", dir = "out", type = i2, bundle = "echo", bundle_field = "mode", bundle_type = i8}]} : () -> ()

// -----

// A port condition that does not parse, on a module that is instantiated.
// expected-error @+1 {{port 'en': invalid port condition}}
"loom.module"() ({
^bb0(%a: i8, %en: i1):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "C", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "en", dir = "in", type = i1, cond = "EN !="}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  %0 = "loom.instance"(%x) {instance_name = "u0", module = @C, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%0) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

// Generator attributes are strings (docs/ir-conventions.md); attribute-driven passes cast them.
// expected-error @+1 {{'loom.module' attribute 'user_attributes' must be a dictionary of strings, not {pipeline = 5 : i64}}}
"loom.module"() ({
^bb0(%clk: !seq.clock, %a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "Piped", parameters = [], user_attributes = {pipeline = 5}, ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

// Attributes inlining puts on instances and annotations (path_name, scope), of the wrong kind:
// path-pattern passes read them.
"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "Leaf", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%a: i8):
  // expected-error @+2 {{'loom.instance' attribute 'scope' must be an array of inlined levels ({name, identity?}), element 0 is not a level}}
  // expected-error @+1 {{'loom.instance' attribute 'path_name' must be a string, not 3 : i64}}
  %0 = "loom.instance"(%a) {instance_name = "u", module = @Leaf, parameters = {}, scope = [1], path_name = 3, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  // expected-error @+1 {{'loom.annotate' attribute 'scope' must be an array of inlined levels}}
  "loom.annotate"() {data = {x = 1}, scope = [{level = "c1"}]} : () -> ()
  "loom.output"(%0) : (i8) -> ()
}, {}) {sym_name = "Top", has_annotations, parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

// A hardware function with an empty body (no block at all) inlines to nothing (inline-functions
// indexed its first block: IndexError).
"loom.module"() ({
^bb0(%a: i8):
  sv.alwayscomb {
    "loom.func"() ({
    }, {}) {name = "log_only"} : () -> ()
  }
  "loom.output"() : () -> ()
}, {}) {sym_name = "NoResult", parameters = [], ports = [{name = "a", dir = "in", type = i8}]} : () -> ()

// -----

// A port's reset declaration of the wrong kind (the reset checks cast it to a string).
// expected-error @+1 {{element 1 is not a port}}
"loom.module"() ({
^bb0(%clk: !seq.clock, %srst: i1):
  "loom.output"() : () -> ()
}, {}) {sym_name = "M", parameters = [],
    ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "srst", dir = "in", type = i1, reset = 5}]} : () -> ()

// -----

// FSM operands of the wrong types: realize-fsm's generated text failed to parse (an error at "-":9:27).
"loom.module"() ({
^bb0(%clk: i1, %rst: i8, %go: i1):
  // expected-error @+1 {{'loom.fsm' clock and reset must be !seq.clock and i1, not i1 and i8}}
  %m = "loom.fsm"(%clk, %rst) ({
    "loom.fsm.state"() ({
      // expected-error @+1 {{'loom.fsm.transition' condition must be i1, not i8}}
      "loom.fsm.transition"(%rst) {to = "A", outputs = []} : (i8) -> ()
    }) {name = "A"} : () -> ()
  }) {name = "c", states = ["A"], reset_state = "A", outputs = [], reset = "sync"} : (i1, i8) -> i7
  "loom.output"() : () -> ()
}, {}) {sym_name = "M", parameters = [], ports = [{name = "clk", dir = "in", type = i1}, {name = "rst", dir = "in", type = i8}, {name = "go", dir = "in", type = i1}]} : () -> ()

// -----

// An instance with identity values and a `module` of the wrong kind: loom-verify's shared check for
// instances that differ only in identity values read `module` as a symbol before checking its kind.
"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "PE", parameters = [#hw.param.decl<"ID": i8 = 0>], identity_parameters = ["ID"],
    ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  %o0 = "loom.instance"(%x) {instance_name = "pe0", module = @PE, parameters = {}, identity = {ID = 0 : i8}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  // expected-error @+1 {{'loom.instance' attribute 'module' must be a symbol reference (@name), not -1 : i64}}
  %o1 = "loom.instance"(%o0) {instance_name = "pe1", module = -1, parameters = {}, identity = {ID = 1 : i8}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%o1) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

// A module with identity parameters whose `ports` is of the wrong kind, instantiated with
// differing identity values: the shared check for such instances read the target's ports
// before the target itself was found unsound (ValueError).
// expected-error @+1 {{'loom.module' attribute 'ports' must be an array of ports}}
"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "PE", parameters = [#hw.param.decl<"ID": i8 = 0>], identity_parameters = ["ID"], ports = unit} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  %0 = "loom.instance"(%x) {instance_name = "pe0", module = @PE, parameters = {}, identity = {ID = 0 : i8}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  %1 = "loom.instance"(%0) {instance_name = "pe1", module = @PE, parameters = {}, identity = {ID = 1 : i8}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%1) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

// A value defined between modules and read inside one (loom.module is not isolated from above):
// dead-code-elimination looked the definition up among the modules (KeyError).
// expected-error @+1 {{'sv.reg' defines a value outside any module}}
%p = sv.reg : !hw.inout<i8>
"loom.module"() ({
^bb0(%a: i8):
  %r = sv.read_inout %p : !hw.inout<i8>
  "loom.output"(%r) : (i8) -> ()
}, {}) {sym_name = "Top2", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// RUN: loom-opt %s --split-input-file --verify-diagnostics

// Every error the loom verifier (dialect/verify.py) reports, one per chunk.

"loom.module"() ({
^bb0(%x: i8):
  // expected-error @+1 {{instance 'u0' refers to module '@Missing', which does not exist}}
  %0 = "loom.instance"(%x) {instance_name = "u0", module = @Missing, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()

// -----

hw.module @Hw(in %a: i8, out o: i8) {
  hw.output %a : i8
}
"loom.module"() ({
^bb0(%x: i8):
  // expected-error @+1 {{instance 'u0' refers to module '@Hw', which is not a 'loom.module'}}
  %0 = "loom.instance"(%x) {instance_name = "u0", module = @Hw, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "P", parameters = [#hw.param.decl<"W": i32 = 8>], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  // expected-error @+1 {{instance 'u0': module '@P' has no parameter 'DEPTH' (parameters: W)}}
  %0 = "loom.instance"(%x) {instance_name = "u0", module = @P, parameters = {DEPTH = 4 : i32}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "P", parameters = [#hw.param.decl<"W": i32 = 8>], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  // expected-error @+1 {{instance 'u0': parameter 'W' refers to 'N', which is not a parameter of '@Top'}}
  %0 = "loom.instance"(%x) {instance_name = "u0", module = @P, parameters = {W = #hw.param.decl.ref<"N"> : i32}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "P", parameters = [#hw.param.decl<"W": i32>], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  // expected-error @+1 {{instance 'u0' must set parameter 'W' of '@P', which has no default}}
  %0 = "loom.instance"(%x) {instance_name = "u0", module = @P, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%a: i8, %b: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "P", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  // expected-error @+1 {{instance 'u0' of '@P': input port 'b' is not connected}}
  %0 = "loom.instance"(%x) {instance_name = "u0", module = @P, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "P", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  // expected-error @+1 {{instance 'u0' of '@P': input port 'a' is connected more than once}}
  %0 = "loom.instance"(%x, %x) {instance_name = "u0", module = @P, parameters = {}, input_names = ["a", "a"], output_names = ["o"]} : (i8, i8) -> i8
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "P", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  // expected-error @+1 {{instance 'u0' of '@P' has no port named 'b'}}
  %0 = "loom.instance"(%x, %x) {instance_name = "u0", module = @P, parameters = {}, input_names = ["a", "b"], output_names = ["o"]} : (i8, i8) -> i8
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "P", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  // expected-error @+1 {{instance 'u0' of '@P': 'o' is an output port, not an input}}
  %0 = "loom.instance"(%x, %x) {instance_name = "u0", module = @P, parameters = {}, input_names = ["a", "o"], output_names = ["o"]} : (i8, i8) -> i8
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%a: !hw.int<#hw.param.decl.ref<"W">>):
  "loom.output"(%a) : (!hw.int<#hw.param.decl.ref<"W">>) -> ()
}, {}) {sym_name = "P", parameters = [#hw.param.decl<"W": i32 = 8>], ports = [{name = "a", dir = "in", type = !hw.int<#hw.param.decl.ref<"W">>}, {name = "o", dir = "out", type = !hw.int<#hw.param.decl.ref<"W">>}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  // expected-error @+1 {{instance 'u0' of '@P': input 'a' has type i16 after parameter substitution, but is connected to a value of type i8}}
  %0 = "loom.instance"(%x) {instance_name = "u0", module = @P, parameters = {W = 16 : i32}, input_names = ["a"], output_names = ["o"]} : (i8) -> i16
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%a: i8, %en: i1):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "P", parameters = [#hw.param.decl<"EN": i32 = 0>], ports = [{name = "a", dir = "in", type = i8}, {name = "en", dir = "in", type = i1, cond = "EN != 0"}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8, %e: i1):
  // expected-error @+1 {{instance 'u0' of '@P': port 'en' does not exist here: its condition 'EN != 0' is false for EN = 0}}
  %0 = "loom.instance"(%x, %e) {instance_name = "u0", module = @P, parameters = {}, input_names = ["a", "en"], output_names = ["o"]} : (i8, i1) -> i8
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "e", dir = "in", type = i1}]} : () -> ()

// -----

// expected-error @+1 {{port 'en': invalid port condition 'EN !=' at column 6: expected a value}}
"loom.module"() ({
^bb0(%a: i8, %en: i1):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "P", parameters = [#hw.param.decl<"EN": i32 = 0>], ports = [{name = "a", dir = "in", type = i8}, {name = "en", dir = "in", type = i1, cond = "EN !="}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

// expected-error @+1 {{condition of port 'en' refers to unknown parameter 'ENABLE'}}
"loom.module"() ({
^bb0(%a: i8, %en: i1):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "P", parameters = [#hw.param.decl<"EN": i32 = 0>], ports = [{name = "a", dir = "in", type = i8}, {name = "en", dir = "in", type = i1, cond = "ENABLE == 1"}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

// expected-error @+1 {{port 'a' is declared more than once}}
"loom.module"() ({
^bb0(%a: i8, %b: i8):
  "loom.output"() : () -> ()
}, {}) {sym_name = "P", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "a", dir = "in", type = i8}]} : () -> ()

// -----

// expected-error @+1 {{port 'a' has direction 'inout'; expected 'in' or 'out'}}
"loom.module"() ({
^bb0:
  "loom.output"() : () -> ()
}, {}) {sym_name = "P", parameters = [], ports = [{name = "a", dir = "inout", type = i8}]} : () -> ()

// -----

// expected-error @+1 {{type of port 'a' refers to unknown parameter 'W'}}
"loom.module"() ({
^bb0(%a: !hw.int<#hw.param.decl.ref<"W">>):
  "loom.output"() : () -> ()
}, {}) {sym_name = "P", parameters = [], ports = [{name = "a", dir = "in", type = !hw.int<#hw.param.decl.ref<"W">>}]} : () -> ()

// -----

// expected-error @+1 {{duplicate parameter name}}
"loom.module"() ({
^bb0:
  "loom.output"() : () -> ()
}, {}) {sym_name = "P", parameters = [#hw.param.decl<"W": i32 = 8>, #hw.param.decl<"W": i32 = 4>], ports = []} : () -> ()

// -----

// expected-error @+1 {{body argument for input 'a' has type i16, but the port has type i8}}
"loom.module"() ({
^bb0(%a: i16):
  "loom.output"() : () -> ()
}, {}) {sym_name = "P", parameters = [], ports = [{name = "a", dir = "in", type = i8}]} : () -> ()

// -----

// expected-error @+1 {{body has 0 arguments but the module has 1 input ports}}
"loom.module"() ({
^bb0:
  "loom.output"() : () -> ()
}, {}) {sym_name = "P", parameters = [], ports = [{name = "a", dir = "in", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%a: i8):
  // expected-error @+1 {{'loom.output' yields 2 values but the module has 1 output ports}}
  "loom.output"(%a, %a) : (i8, i8) -> ()
}, {}) {sym_name = "P", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%a: i8):
  // expected-error @+1 {{output 'o' has type i16 but is driven with i8}}
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "P", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i16}]} : () -> ()

// -----

// expected-error @+1 {{body must end with 'loom.output'}}
"loom.module"() ({
^bb0(%a: i8):
  // expected-error @+1 {{unknown loom operation 'loom.something'}}
  "loom.something"(%a) : (i8) -> ()
}, {}) {sym_name = "P", parameters = [], ports = [{name = "a", dir = "in", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0:
  "loom.output"() : () -> ()
}, {}) {sym_name = "P", parameters = [], ports = []} : () -> ()
// expected-error-re @+1 {{redefinition of module 'P' (first defined at {{.*}}invalid.mlir:{{[0-9]+}}:1)}}
"loom.module"() ({
^bb0:
  "loom.output"() : () -> ()
}, {}) {sym_name = "P", parameters = [], ports = []} : () -> ()

// -----

// expected-error @+1 {{'loom.output' must be inside a 'loom.module'}}
"loom.output"() : () -> ()

// -----

// expected-error @+1 {{'loom.module' requires attribute 'ports'}}
"loom.module"() ({
^bb0:
  "loom.output"() : () -> ()
}, {}) {sym_name = "P"} : () -> ()

// -----

"loom.module"() ({
^bb0:
  "loom.output"() : () -> ()
}, {}) {sym_name = "P", parameters = [], ports = []} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  // expected-error @+1 {{instance 'u0' of '@P': 1 output names for 2 output values}}
  %0:2 = "loom.instance"() {instance_name = "u0", module = @P, parameters = {}, input_names = [], output_names = ["o"]} : () -> (i8, i8)
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()

// -----

// Errors are collected, not reported one at a time: both bad instances are flagged.
"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "P", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  // expected-error @+1 {{input port 'a' is not connected}}
  %0 = "loom.instance"() {instance_name = "u0", module = @P, parameters = {}, input_names = [], output_names = ["o"]} : () -> i8
  %1 = "loom.instance"(%x) {instance_name = "u1", module = @Nope, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  // expected-error @-1 {{refers to module '@Nope'}}
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()

// -----

// MLIR's own parse errors are matched the same way.
"loom.module"() ({
^bb0:
  // expected-error @+1 {{use of undeclared SSA value name}}
  "loom.output"(%nothing) : (i8) -> ()
}, {}) {sym_name = "P", parameters = [], ports = []} : () -> ()

// -----

"loom.module"() ({
^bb0(%x: i8):
  // expected-error @+1 {{'loom.interface_assign' takes an interface instance (!sv.interface<@...>), not a value of type i8}}
  "loom.interface_assign"(%x, %x) {signal = "data"} : (i8, i8) -> ()
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%x: i8):
  // expected-error @+1 {{'loom.interface_read' requires attribute 'signal' (a string)}}
  %0 = "loom.interface_read"(%bus) : (!sv.interface<@Bus>) -> i8
  %bus = "loom.interface_instance"() {name = "bus"} : () -> !sv.interface<@Bus>
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()

// RUN: loom-opt %s -p lower-to-hw,cleanup --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s

// loom-specialize copies a module per parameter value through its text; a body that refers to a
// top-level symbol (the SYNTHESIS guard of an assertion) is parsed beside the declarations, so both
// variants keep the guard.
// CHECK-LABEL: module Leaf_INC_1(
// CHECK:         `ifndef SYNTHESIS
// CHECK-NEXT:      assert(a != 8'h3)
// CHECK-LABEL: module Leaf_INC_2(
// CHECK:         `ifndef SYNTHESIS
// CHECK-NEXT:      assert(a != 8'h3)
sv.macro.decl @SYNTHESIS
"loom.module"() ({
^bb0(%a: i8):
  %three = hw.constant 3 : i8
  %ok = comb.icmp ne %a, %three : i8
  %inc = "loom.param_value"() {value = #hw.param.decl.ref<"INC"> : i8} : () -> i8
  %sum = comb.add %a, %inc : i8
  sv.initial {
    sv.ifdef.procedural @SYNTHESIS {
    } else {
      sv.assert %ok, immediate message "a must not be 3"
    }
  }
  "loom.output"(%sum) : (i8) -> ()
}, {}) {sym_name = "Leaf", parameters = [#hw.param.decl<"INC": i8 = 1>],
        ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%a: i8):
  %1 = "loom.instance"(%a) {instance_name = "u1", module = @Leaf, parameters = {INC = 1 : i8},
                            input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  %2 = "loom.instance"(%a) {instance_name = "u2", module = @Leaf, parameters = {INC = 2 : i8},
                            input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  %s = comb.xor %1, %2 : i8
  "loom.output"(%s) : (i8) -> ()
}, {}) {sym_name = "Top", ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// loom-dedup and loom-parameterize-constants; loom-duplicate, loom-inline, loom-rename-module.
// RUN: loom-opt %s -p 'loom-dedup' | filecheck %s --check-prefix=DEDUP
// RUN: loom-opt %s -p 'loom-parameterize-constants' | filecheck %s --check-prefix=PARAM
// RUN: loom-opt %s -p 'loom-parameterize-constants, lower-to-hw, cleanup' --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV
// RUN: loom-opt %S/Inputs/seed.mlir -p 'loom-duplicate{path=c2.c1.c2}' | filecheck %s --check-prefix=DUP
// RUN: loom-opt %S/Inputs/seed.mlir -p 'loom-duplicate{path=c2.c1.c2}, loom-dedup' | filecheck %s --check-prefix=REDUP
// RUN: loom-opt %S/Inputs/seed.mlir -p 'loom-inline{path=c2.c2}, loom-rename-module{from=D3 to=Leaf}' | filecheck %s --check-prefix=INLINE

// Three adders: two equal (A, B), one with another constant (C).
"loom.module"() ({
^bb0(%a: i8):
  %c = hw.constant 1 : i8
  %s = comb.add %a, %c : i8
  "loom.output"(%s) : (i8) -> ()
}, {}) {sym_name = "A", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%a: i8):
  %c = hw.constant 1 : i8
  %s = comb.add %a, %c : i8
  "loom.output"(%s) : (i8) -> ()
}, {}) {sym_name = "B", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%a: i8):
  %c = hw.constant 7 : i8
  %s = comb.add %a, %c : i8
  "loom.output"(%s) : (i8) -> ()
}, {}) {sym_name = "C", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  %o1 = "loom.instance"(%x) {instance_name = "u1", module = @A, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  %o2 = "loom.instance"(%o1) {instance_name = "u2", module = @B, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  %o3 = "loom.instance"(%o2) {instance_name = "u3", module = @C, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%o3) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// DEDUP:     sym_name = "A"
// DEDUP-NOT: sym_name = "B"
// DEDUP:     sym_name = "C"
// DEDUP:     instance_name = "u1", module = @A
// DEDUP:     instance_name = "u2", module = @A
// DEDUP:     instance_name = "u3", module = @C

// PARAM:      "loom.param_value"() {value = #hw.param.decl.ref<"K0"> : i8}
// PARAM:      {kept_parameters = ["K0"], parameters = [#hw.param.decl<"K0": i8 = 1> : i8], {{.*}} sym_name = "A"}
// PARAM-NOT:  sym_name = "B"
// PARAM-NOT:  sym_name = "C"
// PARAM:      instance_name = "u1", module = @A, output_names = ["o"], parameters = {}}
// PARAM:      instance_name = "u2", module = @A, output_names = ["o"], parameters = {}}
// PARAM:      instance_name = "u3", module = @A, output_names = ["o"], parameters = {K0 = 7 : i8}}

// One module and a SystemVerilog parameter, even without keep-parameters.
// SV:      module A
// SV-NEXT:   #(parameter [7:0] K0 = 1) (
// SV:      assign o = a + K0;
// SV:      A #(
// SV-NEXT:   .K0(7)
// SV-NEXT: ) u3 (

// DUP: sym_name = "D3_dup"
// DUP: sym_name = "D3"}
// DUP: instance_name = "c2", module = @D3_dup
// DUP: sym_name = "D2_dup"
// DUP: instance_name = "c1", module = @D2_dup
// DUP: sym_name = "D1_dup"
// DUP: instance_name = "c2", module = @D1_dup
// DUP: sym_name = "D0"}

// REDUP-COUNT-4: "loom.module"
// REDUP-NOT:     "loom.module"

// The inlined D2's instances of D3 keep their logical names (path_name) and the dissolved level (scope).
// INLINE: sym_name = "Leaf"}
// INLINE: instance_name = "c2_c1", module = @Leaf, output_names = ["o"], parameters = {}, path_name = "c1", scope = [{name = "c2"}]}
// INLINE: instance_name = "c2_c2", module = @Leaf, output_names = ["o"], parameters = {}, path_name = "c2", scope = [{name = "c2"}]}
// INLINE: sym_name = "D1_inlined"

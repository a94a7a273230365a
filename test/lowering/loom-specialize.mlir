// RUN: loom-opt %s --split-input-file --pass-pipeline='builtin.module(loom-specialize{top=top})' | filecheck %s
// RUN: loom-opt %s --split-input-file --pass-pipeline='builtin.module(loom-specialize{top=top keep-parameters=true})' | filecheck %s --check-prefix=KEEP

// Two parameter sets: two variants named Name_P_v; parametric port widths and
// loom.param_value take the values. A module reached with one set keeps its name.

"loom.module"() ({
^bb0(%a: !hw.int<#hw.param.decl.ref<"W">>):
  %c = "loom.param_value"() {value = #hw.param.decl.ref<"W"> : i32} : () -> i32
  "loom.output"(%a, %c) : (!hw.int<#hw.param.decl.ref<"W">>, i32) -> ()
}, {}) {sym_name = "PE", parameters = [#hw.param.decl<"W": i32 = 8>],
    ports = [{name = "a", dir = "in", type = !hw.int<#hw.param.decl.ref<"W">>},
             {name = "o", dir = "out", type = !hw.int<#hw.param.decl.ref<"W">>},
             {name = "w", dir = "out", type = i32}]} : () -> ()
"loom.module"() ({
^bb0(%a: !hw.int<#hw.param.decl.ref<"W">>):
  "loom.output"(%a) : (!hw.int<#hw.param.decl.ref<"W">>) -> ()
}, {}) {sym_name = "One", parameters = [#hw.param.decl<"W": i32 = 8>],
    ports = [{name = "a", dir = "in", type = !hw.int<#hw.param.decl.ref<"W">>},
             {name = "o", dir = "out", type = !hw.int<#hw.param.decl.ref<"W">>}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8, %y: i16):
  %o1, %w1 = "loom.instance"(%x) {instance_name = "p0", module = @PE, parameters = {W = 8 : i32}, input_names = ["a"], output_names = ["o", "w"]} : (i8) -> (i8, i32)
  %o2, %w2 = "loom.instance"(%y) {instance_name = "p1", module = @PE, parameters = {W = 16 : i32}, input_names = ["a"], output_names = ["o", "w"]} : (i16) -> (i16, i32)
  %o3 = "loom.instance"(%y) {instance_name = "q0", module = @One, parameters = {W = 16 : i32}, input_names = ["a"], output_names = ["o"]} : (i16) -> i16
  %o4 = "loom.instance"(%y) {instance_name = "q1", module = @One, parameters = {W = 16 : i32}, input_names = ["a"], output_names = ["o"]} : (i16) -> i16
  "loom.output"(%o1, %o2) : (i8, i16) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "y", dir = "in", type = i16}, {name = "o1", dir = "out", type = i8}, {name = "o2", dir = "out", type = i16}]} : () -> ()

// CHECK:      ^bb0(%{{.*}}: i8):
// CHECK-NEXT:   "loom.param_value"() {value = 8 : i32} : () -> i32
// CHECK:      }) {parameters = [], ports = [{dir = "in", name = "a", type = i8}, {dir = "out", name = "o", type = i8}, {dir = "out", name = "w", type = i32}], sym_name = "PE_W_8"}
// CHECK:      ^bb0(%{{.*}}: i16):
// CHECK-NEXT:   "loom.param_value"() {value = 16 : i32} : () -> i32
// CHECK:      }) {parameters = [], ports = [{dir = "in", name = "a", type = i16}, {dir = "out", name = "o", type = i16}, {dir = "out", name = "w", type = i32}], sym_name = "PE_W_16"}
// CHECK:      }) {parameters = [], ports = [{dir = "in", name = "a", type = i16}, {dir = "out", name = "o", type = i16}], sym_name = "One"}
// CHECK:      "loom.instance"(%{{.*}}) {input_names = ["a"], instance_name = "p0", module = @PE_W_8, output_names = ["o", "w"], parameters = {}}
// CHECK:      "loom.instance"(%{{.*}}) {input_names = ["a"], instance_name = "p1", module = @PE_W_16, output_names = ["o", "w"], parameters = {}}
// CHECK:      "loom.instance"(%{{.*}}) {input_names = ["a"], instance_name = "q0", module = @One, output_names = ["o"], parameters = {}}
// CHECK:      "loom.instance"(%{{.*}}) {input_names = ["a"], instance_name = "q1", module = @One, output_names = ["o"], parameters = {}}
// CHECK:      sym_name = "top"
// CHECK-NOT:  "loom.module"
// CHECK:      // -----

// No port condition reads W: keep-parameters keeps one PE and one One, with W a parameter.
// KEEP:       "loom.param_value"() {value = #hw.param.decl.ref<"W"> : i32}
// KEEP:       }) {parameters = [#hw.param.decl<"W": i32 = 8> : i32], ports = [{dir = "in", name = "a", type = !hw.int<#hw.param.decl.ref<"W">>}, {{.*}}], sym_name = "PE"}
// KEEP:       sym_name = "One"
// KEEP:       instance_name = "p0", module = @PE, output_names = ["o", "w"], parameters = {W = 8 : i32}
// KEEP:       instance_name = "p1", module = @PE, output_names = ["o", "w"], parameters = {W = 16 : i32}
// KEEP:       instance_name = "q0", module = @One, output_names = ["o"], parameters = {W = 16 : i32}
// KEEP:       sym_name = "top"
// KEEP-NOT:   "loom.module"
// KEEP:       // -----

// -----

// A conditional port in both states: the variant where HAS_B is false has no
// port b, and its reads of b see zero. HAS_B decides a port, so it is
// specialised even with keep-parameters; W is not.

"loom.module"() ({
^bb0(%a: i8, %b: i8):
  %s = comb.add %a, %b : i8
  %c = "loom.param_value"() {value = #hw.param.decl.ref<"W"> : i8} : () -> i8
  %t = comb.add %s, %c : i8
  "loom.output"(%t, %b) : (i8, i8) -> ()
}, {}) {sym_name = "Acc", parameters = [#hw.param.decl<"HAS_B": i1 = false>, #hw.param.decl<"W": i8 = 1>],
    ports = [{name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8, cond = "HAS_B"},
             {name = "o", dir = "out", type = i8}, {name = "echo", dir = "out", type = i8, cond = "HAS_B"}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  %o1 = "loom.instance"(%x) {instance_name = "u0", module = @Acc, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  %o2, %e = "loom.instance"(%x, %x) {instance_name = "u1", module = @Acc, parameters = {HAS_B = true}, input_names = ["a", "b"], output_names = ["o", "echo"]} : (i8, i8) -> (i8, i8)
  "loom.output"(%o1) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// CHECK:      ^bb0(%[[A:.*]]: i8):
// CHECK-NEXT:   %[[ZERO:.*]] = hw.constant 0 : i8
// CHECK-NEXT:   comb.add %[[A]], %[[ZERO]] : i8
// CHECK:        "loom.output"(%{{.*}}) : (i8) -> ()
// CHECK:      }) {parameters = [], ports = [{dir = "in", name = "a", type = i8}, {dir = "out", name = "o", type = i8}], sym_name = "Acc_HAS_B_0"}
// CHECK:      ^bb0(%{{.*}}: i8, %{{.*}}: i8):
// CHECK:        "loom.output"(%{{.*}}, %{{.*}}) : (i8, i8) -> ()
// CHECK:      }) {parameters = [], ports = [{dir = "in", name = "a", type = i8}, {dir = "in", name = "b", type = i8}, {dir = "out", name = "o", type = i8}, {dir = "out", name = "echo", type = i8}], sym_name = "Acc_HAS_B_1"}
// CHECK:      instance_name = "u0", module = @Acc_HAS_B_0
// CHECK:      instance_name = "u1", module = @Acc_HAS_B_1

// KEEP:       "loom.param_value"() {value = #hw.param.decl.ref<"W"> : i8}
// KEEP:       }) {parameters = [#hw.param.decl<"W": i8 = 1> : i8], ports = [{dir = "in", name = "a", type = i8}, {dir = "out", name = "o", type = i8}], sym_name = "Acc_HAS_B_0"}
// KEEP:       }) {parameters = [#hw.param.decl<"W": i8 = 1> : i8], ports = [{dir = "in", name = "a", type = i8}, {dir = "in", name = "b", type = i8}, {dir = "out", name = "o", type = i8}, {dir = "out", name = "echo", type = i8}], sym_name = "Acc_HAS_B_1"}
// KEEP:       instance_name = "u0", module = @Acc_HAS_B_0, output_names = ["o"], parameters = {}
// KEEP:       instance_name = "u1", module = @Acc_HAS_B_1, output_names = ["o", "echo"], parameters = {}

// -----

// Parameters passed down from the parent's parameters: Leaf's DBG decides a
// port and Mid passes its D into it, so D is specialised in both modes; N
// flows into Leaf's W, which only sets widths, so keep-parameters keeps both.

"loom.module"() ({
^bb0(%a: !hw.int<#hw.param.decl.ref<"W">>):
  %d = hw.constant true
  "loom.output"(%a, %d) : (!hw.int<#hw.param.decl.ref<"W">>, i1) -> ()
}, {}) {sym_name = "Leaf", parameters = [#hw.param.decl<"W": i32 = 8>, #hw.param.decl<"DBG": i32 = 0>],
    ports = [{name = "a", dir = "in", type = !hw.int<#hw.param.decl.ref<"W">>},
             {name = "o", dir = "out", type = !hw.int<#hw.param.decl.ref<"W">>},
             {name = "dbg", dir = "out", type = i1, cond = "DBG"}]} : () -> ()
"loom.module"() ({
^bb0(%a: !hw.int<#hw.param.decl.ref<"N">>):
  %o = "loom.instance"(%a) {instance_name = "leaf", module = @Leaf, parameters = {W = #hw.param.decl.ref<"N"> : i32, DBG = #hw.param.decl.ref<"D"> : i32}, input_names = ["a"], output_names = ["o"]} : (!hw.int<#hw.param.decl.ref<"N">>) -> !hw.int<#hw.param.decl.ref<"N">>
  "loom.output"(%o) : (!hw.int<#hw.param.decl.ref<"N">>) -> ()
}, {}) {sym_name = "Mid", parameters = [#hw.param.decl<"N": i32 = 8>, #hw.param.decl<"D": i32 = 0>],
    ports = [{name = "a", dir = "in", type = !hw.int<#hw.param.decl.ref<"N">>},
             {name = "o", dir = "out", type = !hw.int<#hw.param.decl.ref<"N">>}]} : () -> ()
"loom.module"() ({
^bb0(%x: i4, %y: i8):
  %o1 = "loom.instance"(%x) {instance_name = "m0", module = @Mid, parameters = {N = 4 : i32}, input_names = ["a"], output_names = ["o"]} : (i4) -> i4
  %o2 = "loom.instance"(%y) {instance_name = "m1", module = @Mid, parameters = {N = 8 : i32, D = 1 : i32}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%o1, %o2) : (i4, i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "x", dir = "in", type = i4}, {name = "y", dir = "in", type = i8}, {name = "o1", dir = "out", type = i4}, {name = "o2", dir = "out", type = i8}]} : () -> ()

// CHECK:      ports = [{dir = "in", name = "a", type = i4}, {dir = "out", name = "o", type = i4}], sym_name = "Leaf_W_4_DBG_0"}
// CHECK:      ports = [{dir = "in", name = "a", type = i8}, {dir = "out", name = "o", type = i8}, {dir = "out", name = "dbg", type = i1}], sym_name = "Leaf_W_8_DBG_1"}
// CHECK:      instance_name = "leaf", module = @Leaf_W_4_DBG_0, output_names = ["o"], parameters = {}
// CHECK:      sym_name = "Mid_N_4_D_0"
// CHECK:      instance_name = "leaf", module = @Leaf_W_8_DBG_1, output_names = ["o"], parameters = {}
// CHECK:      sym_name = "Mid_N_8_D_1"
// CHECK:      instance_name = "m0", module = @Mid_N_4_D_0, output_names = ["o"], parameters = {}
// CHECK:      instance_name = "m1", module = @Mid_N_8_D_1, output_names = ["o"], parameters = {}

// KEEP:       }) {parameters = [#hw.param.decl<"W": i32 = 8> : i32], ports = [{dir = "in", name = "a", type = !hw.int<#hw.param.decl.ref<"W">>}, {dir = "out", name = "o", type = !hw.int<#hw.param.decl.ref<"W">>}], sym_name = "Leaf_DBG_0"}
// KEEP:       }) {parameters = [#hw.param.decl<"W": i32 = 8> : i32], ports = [{{.*}}, {dir = "out", name = "dbg", type = i1}], sym_name = "Leaf_DBG_1"}
// KEEP:       module = @Leaf_DBG_0, output_names = ["o"], parameters = {W = #hw.param.decl.ref<"N"> : i32}
// KEEP:       }) {parameters = [#hw.param.decl<"N": i32 = 8> : i32], {{.*}} sym_name = "Mid_D_0"}
// KEEP:       module = @Leaf_DBG_1, output_names = ["o"], parameters = {W = #hw.param.decl.ref<"N"> : i32}
// KEEP:       }) {parameters = [#hw.param.decl<"N": i32 = 8> : i32], {{.*}} sym_name = "Mid_D_1"}
// KEEP:       instance_name = "m0", module = @Mid_D_0, output_names = ["o"], parameters = {N = 4 : i32}
// KEEP:       instance_name = "m1", module = @Mid_D_1, output_names = ["o"], parameters = {N = 8 : i32}

// -----

// Identity parameters nobody reads do not split a module, in either mode.

"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "PE", parameters = [#hw.param.decl<"ID": i8 = 0>], identity_parameters = ["ID"],
    ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  %o0 = "loom.instance"(%x) {instance_name = "pe0", module = @PE, parameters = {}, identity = {ID = 0 : i8}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  %o1 = "loom.instance"(%o0) {instance_name = "pe1", module = @PE, parameters = {}, identity = {ID = 1 : i8}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  %o2 = "loom.instance"(%o1) {instance_name = "pe2", module = @PE, parameters = {}, identity = {ID = 200 : i8}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%o2) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// CHECK:      }) {parameters = [], ports = [{dir = "in", name = "a", type = i8}, {dir = "out", name = "o", type = i8}], sym_name = "PE"}
// CHECK-NOT:  identity
// CHECK:      instance_name = "pe0", module = @PE, output_names = ["o"], parameters = {}}
// CHECK:      instance_name = "pe1", module = @PE, output_names = ["o"], parameters = {}}
// CHECK:      instance_name = "pe2", module = @PE, output_names = ["o"], parameters = {}}
// CHECK-NOT:  "loom.module"
// CHECK:      // -----

// KEEP:       }) {parameters = [], ports = [{dir = "in", name = "a", type = i8}, {dir = "out", name = "o", type = i8}], sym_name = "PE"}
// KEEP-NOT:   identity
// KEEP:       instance_name = "pe2", module = @PE, output_names = ["o"], parameters = {}}

// -----

// Identity parameters the body reads split like parameters (ID 200 : i8 is
// the unsigned value 200), or stay SystemVerilog parameters with keep-parameters.

"loom.module"() ({
^bb0(%a: i8):
  %c = "loom.param_value"() {value = #hw.param.decl.ref<"ID"> : i8} : () -> i8
  %s = comb.add %a, %c : i8
  "loom.output"(%s) : (i8) -> ()
}, {}) {sym_name = "PE", parameters = [#hw.param.decl<"ID": i8 = 0>], identity_parameters = ["ID"],
    ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  %o0 = "loom.instance"(%x) {instance_name = "pe0", module = @PE, parameters = {}, identity = {ID = 0 : i8}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  %o1 = "loom.instance"(%o0) {instance_name = "pe1", module = @PE, parameters = {}, identity = {ID = 200 : i8}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%o1) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// CHECK:      "loom.param_value"() {value = 0 : i8}
// CHECK:      sym_name = "PE_ID_0"
// CHECK:      "loom.param_value"() {value = -56 : i8}
// CHECK:      sym_name = "PE_ID_200"
// CHECK:      instance_name = "pe0", module = @PE_ID_0, output_names = ["o"], parameters = {}}
// CHECK:      instance_name = "pe1", module = @PE_ID_200, output_names = ["o"], parameters = {}}

// KEEP:       "loom.param_value"() {value = #hw.param.decl.ref<"ID"> : i8}
// KEEP:       }) {identity_parameters = ["ID"], parameters = [#hw.param.decl<"ID": i8 = 0> : i8], {{.*}} sym_name = "PE"}
// KEEP:       {identity = {ID = 0 : i8}, input_names = ["a"], instance_name = "pe0", module = @PE,
// KEEP:       {identity = {ID = -56 : i8}, input_names = ["a"], instance_name = "pe1", module = @PE,

// -----

// An instance may connect a conditional port whose condition depends on the
// parent's parameters. Where the condition is false the connection goes, and
// reads of the absent output see zero.

"loom.module"() ({
^bb0(%a: i8, %en: i1):
  "loom.output"(%a, %en) : (i8, i1) -> ()
}, {}) {sym_name = "Leaf", parameters = [#hw.param.decl<"E": i1 = false>],
    ports = [{name = "a", dir = "in", type = i8}, {name = "en", dir = "in", type = i1, cond = "E"},
             {name = "o", dir = "out", type = i8}, {name = "flag", dir = "out", type = i1, cond = "E"}]} : () -> ()
"loom.module"() ({
^bb0(%a: i8, %en: i1):
  %o, %f = "loom.instance"(%a, %en) {instance_name = "leaf", module = @Leaf, parameters = {E = #hw.param.decl.ref<"D"> : i1}, input_names = ["a", "en"], output_names = ["o", "flag"]} : (i8, i1) -> (i8, i1)
  "loom.output"(%o, %f) : (i8, i1) -> ()
}, {}) {sym_name = "Mid", parameters = [#hw.param.decl<"D": i1 = false>],
    ports = [{name = "a", dir = "in", type = i8}, {name = "en", dir = "in", type = i1},
             {name = "o", dir = "out", type = i8}, {name = "f", dir = "out", type = i1}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8, %e: i1):
  %o1, %f1 = "loom.instance"(%x, %e) {instance_name = "m0", module = @Mid, parameters = {}, input_names = ["a", "en"], output_names = ["o", "f"]} : (i8, i1) -> (i8, i1)
  %o2, %f2 = "loom.instance"(%x, %e) {instance_name = "m1", module = @Mid, parameters = {D = true}, input_names = ["a", "en"], output_names = ["o", "f"]} : (i8, i1) -> (i8, i1)
  "loom.output"(%f1, %f2) : (i1, i1) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "e", dir = "in", type = i1}, {name = "f1", dir = "out", type = i1}, {name = "f2", dir = "out", type = i1}]} : () -> ()

// CHECK:      sym_name = "Leaf_E_0"
// CHECK:      sym_name = "Leaf_E_1"
// CHECK:      ^bb0(%[[A:.*]]: i8, %{{.*}}: i1):
// CHECK-NEXT:   %[[O:.*]] = "loom.instance"(%[[A]]) {input_names = ["a"], instance_name = "leaf", module = @Leaf_E_0, output_names = ["o"], parameters = {}} : (i8) -> i8
// CHECK-NEXT:   %[[FALSE:.*]] = hw.constant false
// CHECK-NEXT:   "loom.output"(%[[O]], %[[FALSE]]) : (i8, i1) -> ()
// CHECK:      sym_name = "Mid_D_0"
// CHECK:        "loom.instance"(%{{.*}}, %{{.*}}) {input_names = ["a", "en"], instance_name = "leaf", module = @Leaf_E_1, output_names = ["o", "flag"], parameters = {}} : (i8, i1) -> (i8, i1)
// CHECK:      sym_name = "Mid_D_1"

// KEEP:       module = @Leaf_E_0, output_names = ["o"], parameters = {}} : (i8) -> i8
// KEEP:       sym_name = "Mid_D_0"
// KEEP:       module = @Leaf_E_1, output_names = ["o", "flag"], parameters = {}} : (i8, i1) -> (i8, i1)
// KEEP:       sym_name = "Mid_D_1"

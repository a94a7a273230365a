// RUN: LOOM_ROUNDTRIP
// RUN: loom-opt %s | filecheck %s
// RUN: loom-opt %s --mlir-print-debuginfo | loom-opt --mlir-print-debuginfo | filecheck %s --check-prefix=LOC

// A parameterised leaf with a conditional input, instantiated with and without
// that port; loom ops always print in generic form.

// CHECK-LABEL: "loom.module"() ({
// CHECK-NEXT:  ^bb0(%[[A:.+]]: !hw.int<#hw.param.decl.ref<"W">>, %{{.+}}: i1):
// CHECK-NEXT:    "loom.output"(%[[A]]) : (!hw.int<#hw.param.decl.ref<"W">>) -> ()
// CHECK-NEXT:  }, {
// CHECK-NEXT:  }) {
// CHECK-SAME:    parameters = [#hw.param.decl<"W": i32 = 8> : i32, #hw.param.decl<"EN": i32 = 0> : i32]
// CHECK-SAME:    ports = [{dir = "in", name = "a", type = !hw.int<#hw.param.decl.ref<"W">>},
// CHECK-SAME:             {cond = "EN != 0", dir = "in", name = "en", type = i1},
// CHECK-SAME:             {dir = "out", name = "o", type = !hw.int<#hw.param.decl.ref<"W">>}]
// CHECK-SAME:    sym_name = "Leaf"
// Locations survive the round trip: the module op keeps its line.
// LOC: sym_name = "Leaf"} : () -> () loc(#[[LEAF:loc[0-9]*]])
"loom.module"() ({
^bb0(%a: !hw.int<#hw.param.decl.ref<"W">>, %en: i1):
  "loom.output"(%a) : (!hw.int<#hw.param.decl.ref<"W">>) -> ()
}, {}) {sym_name = "Leaf",
    parameters = [#hw.param.decl<"W": i32 = 8>, #hw.param.decl<"EN": i32 = 0>],
    ports = [{name = "a", dir = "in", type = !hw.int<#hw.param.decl.ref<"W">>},
             {name = "en", dir = "in", type = i1, cond = "EN != 0"},
             {name = "o", dir = "out", type = !hw.int<#hw.param.decl.ref<"W">>}]} : () -> ()

// CHECK-LABEL: "loom.module"() ({
// CHECK-NEXT:  ^bb0(%[[X:.+]]: i8, %[[E:.+]]: i1, %[[Y:.+]]: i16):
// CHECK-NEXT:    %[[U0:.+]] = "loom.instance"(%[[X]], %[[E]]) {input_names = ["a", "en"], instance_name = "u0", module = @Leaf, output_names = ["o"], parameters = {EN = 1 : i32, W = 8 : i32}} : (i8, i1) -> i8
// CHECK-NEXT:    %[[U1:.+]] = "loom.instance"(%[[Y]]) {input_names = ["a"], instance_name = "u1", module = @Leaf, output_names = ["o"], parameters = {W = 16 : i32}} : (i16) -> i16
// CHECK-NEXT:    "loom.output"(%[[U0]], %[[U1]]) : (i8, i16) -> ()
// CHECK-NEXT:  }, {
// CHECK-NEXT:  }) {
// CHECK-SAME:    parameters = []
// CHECK-SAME:    sym_name = "Top"
"loom.module"() ({
^bb0(%x: i8, %e: i1, %y: i16):
  %0 = "loom.instance"(%x, %e) {instance_name = "u0", module = @Leaf, parameters = {W = 8 : i32, EN = 1 : i32},
                                input_names = ["a", "en"], output_names = ["o"]} : (i8, i1) -> i8
  %1 = "loom.instance"(%y) {instance_name = "u1", module = @Leaf, parameters = {W = 16 : i32},
                            input_names = ["a"], output_names = ["o"]} : (i16) -> i16
  "loom.output"(%0, %1) : (i8, i16) -> ()
}, {}) {sym_name = "Top", parameters = [],
    ports = [{name = "x", dir = "in", type = i8}, {name = "e", dir = "in", type = i1},
             {name = "y", dir = "in", type = i16},
             {name = "o0", dir = "out", type = i8}, {name = "o1", dir = "out", type = i16}]} : () -> ()
// LOC: #[[LEAF]] = loc("{{.*}}roundtrip.mlir":20:1)

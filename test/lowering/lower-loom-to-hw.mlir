// RUN: loom-opt %s --split-input-file --pass-pipeline='builtin.module(lower-loom-to-hw)' | filecheck %s
// RUN: loom-opt %s --split-input-file --pass-pipeline='builtin.module(loom-specialize{top=top keep-parameters=true}, lower-loom-to-hw)' | filecheck %s --check-prefix=KEEP

// Connections are by name in loom and by position in hw: operands and results
// follow the target's port order; an output the instance leaves out still
// gets a result. Every parameter of the target gets a value (defaults filled
// in). loom.param_value of a constant becomes hw.constant (unsigned values
// keep their bits), of a parameter expression hw.param.value.

"loom.module"() ({
^bb0(%a: i8, %b: i8):
  %w = "loom.param_value"() {value = #hw.param.decl.ref<"W"> : i32} : () -> i32
  %n = "loom.param_value"() {value = 200 : i8} : () -> i8
  %t = "loom.param_value"() {value = true} : () -> i1
  %e = "loom.param_value"() {value = #hw.param.expr.add<#hw.param.decl.ref<"W">, 1> : i32} : () -> i32
  "loom.output"(%a, %b, %w, %e, %n, %t) : (i8, i8, i32, i32, i8, i1) -> ()
}, {}) {sym_name = "Swap", parameters = [#hw.param.decl<"W": i32 = 8>, #hw.param.decl<"X": i32 = 3>],
    ports = [{name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i8},
             {name = "x", dir = "out", type = i8}, {name = "y", dir = "out", type = i8},
             {name = "w", dir = "out", type = i32}, {name = "e", dir = "out", type = i32},
             {name = "n", dir = "out", type = i8}, {name = "t", dir = "out", type = i1}]} : () -> ()
"loom.module"() ({
^bb0(%p: i8, %q: i8):
  %y, %x = "loom.instance"(%q, %p) {instance_name = "s", module = @Swap, parameters = {W = 5 : i32}, input_names = ["b", "a"], output_names = ["y", "x"]} : (i8, i8) -> (i8, i8)
  "loom.output"(%x, %y) : (i8, i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "p", dir = "in", type = i8}, {name = "q", dir = "in", type = i8}, {name = "o1", dir = "out", type = i8}, {name = "o2", dir = "out", type = i8}]} : () -> ()

// CHECK-LABEL: hw.module @Swap<W: i32 = 8, X: i32 = 3>(in %a : i8, in %b : i8, out x : i8, out y : i8, out w : i32, out e : i32, out n : i8, out t : i1)
// CHECK-NEXT:    %[[W:.*]] = hw.param.value i32 = #hw.param.decl.ref<"W">
// CHECK-NEXT:    %[[N:.*]] = hw.constant -56 : i8
// CHECK-NEXT:    %[[T:.*]] = hw.constant true
// CHECK-NEXT:    %[[E:.*]] = hw.param.value i32 = #hw.param.expr.add<#hw.param.decl.ref<"W">, 1>
// CHECK-NEXT:    hw.output %a, %b, %[[W]], %[[E]], %[[N]], %[[T]] : i8, i8, i32, i32, i8, i1
// CHECK-LABEL: hw.module @top(in %p : i8, in %q : i8, out o1 : i8, out o2 : i8)
// CHECK-NEXT:    %s.x, %s.y, {{.*}} = hw.instance "s" @Swap<W: i32 = 5, X: i32 = 3>(a: %p: i8, b: %q: i8) -> (x: i8, y: i8, w: i32, e: i32, n: i8, t: i1)
// CHECK-NEXT:    hw.output %s.x, %s.y : i8, i8
// CHECK-NOT:   loom.

// -----

// Parametric port widths, and parameters passed down from the parent's
// parameters: the instance's result types are the substituted types.

"loom.module"() ({
^bb0(%a: !hw.int<#hw.param.decl.ref<"W">>):
  "loom.output"(%a, %a) : (!hw.int<#hw.param.decl.ref<"W">>, !hw.int<#hw.param.decl.ref<"W">>) -> ()
}, {}) {sym_name = "Leaf", parameters = [#hw.param.decl<"W": i32 = 8>],
    ports = [{name = "a", dir = "in", type = !hw.int<#hw.param.decl.ref<"W">>},
             {name = "o", dir = "out", type = !hw.int<#hw.param.decl.ref<"W">>},
             {name = "unused", dir = "out", type = !hw.int<#hw.param.decl.ref<"W">>}]} : () -> ()
"loom.module"() ({
^bb0(%a: !hw.int<#hw.param.decl.ref<"N">>):
  %o = "loom.instance"(%a) {instance_name = "leaf", module = @Leaf, parameters = {W = #hw.param.decl.ref<"N"> : i32}, input_names = ["a"], output_names = ["o"]} : (!hw.int<#hw.param.decl.ref<"N">>) -> !hw.int<#hw.param.decl.ref<"N">>
  "loom.output"(%o) : (!hw.int<#hw.param.decl.ref<"N">>) -> ()
}, {}) {sym_name = "Mid", parameters = [#hw.param.decl<"N": i32 = 8>],
    ports = [{name = "a", dir = "in", type = !hw.int<#hw.param.decl.ref<"N">>},
             {name = "o", dir = "out", type = !hw.int<#hw.param.decl.ref<"N">>}]} : () -> ()
"loom.module"() ({
^bb0(%x: i4):
  %o = "loom.instance"(%x) {instance_name = "m", module = @Mid, parameters = {N = 4 : i32}, input_names = ["a"], output_names = ["o"]} : (i4) -> i4
  "loom.output"(%o) : (i4) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "x", dir = "in", type = i4}, {name = "o", dir = "out", type = i4}]} : () -> ()

// CHECK-LABEL: hw.module @Leaf<W: i32 = 8>(in %a : !hw.int<#hw.param.decl.ref<"W">>, out o : !hw.int<#hw.param.decl.ref<"W">>, out unused : !hw.int<#hw.param.decl.ref<"W">>)
// CHECK-LABEL: hw.module @Mid<N: i32 = 8>(in %a : !hw.int<#hw.param.decl.ref<"N">>, out o : !hw.int<#hw.param.decl.ref<"N">>)
// CHECK-NEXT:    %leaf.o, %leaf.unused = hw.instance "leaf" @Leaf<W: i32 = #hw.param.decl.ref<"N">>(a: %a: !hw.int<#hw.param.decl.ref<"N">>) -> (o: !hw.int<#hw.param.decl.ref<"N">>, unused: !hw.int<#hw.param.decl.ref<"N">>)
// CHECK-LABEL: hw.module @top(in %x : i4, out o : i4)
// CHECK-NEXT:    hw.instance "m" @Mid<N: i32 = 4>(a: %x: i4) -> (o: i4)

// The same after loom-specialize with keep-parameters: nothing to specialise.
// KEEP-LABEL:  hw.module @Mid<N: i32 = 8>
// KEEP-NEXT:     hw.instance "leaf" @Leaf<W: i32 = #hw.param.decl.ref<"N">>(a: %a: !hw.int<#hw.param.decl.ref<"N">>) -> (o: !hw.int<#hw.param.decl.ref<"N">>, unused: !hw.int<#hw.param.decl.ref<"N">>)
// KEEP-LABEL:  hw.module @top
// KEEP-NEXT:     hw.instance "m" @Mid<N: i32 = 4>(a: %x: i4) -> (o: i4)

// -----

// Identity parameters kept as SystemVerilog parameters (the body reads ID):
// each instance passes its identity value as the hw.instance parameter.

"loom.module"() ({
^bb0(%a: i8):
  %c = "loom.param_value"() {value = #hw.param.decl.ref<"ID"> : i8} : () -> i8
  %s = comb.add %a, %c : i8
  "loom.output"(%s) : (i8) -> ()
}, {}) {sym_name = "PE", parameters = [#hw.param.decl<"ID": i8 = 0>], identity_parameters = ["ID"],
    ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  %o0 = "loom.instance"(%x) {instance_name = "pe0", module = @PE, parameters = {}, identity = {ID = 1 : i8}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  %o1 = "loom.instance"(%o0) {instance_name = "pe1", module = @PE, parameters = {}, identity = {ID = 2 : i8}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%o1) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// CHECK-LABEL: hw.module @PE<ID: i8 = 0>(in %a : i8, out o : i8)
// CHECK-NEXT:    hw.param.value i8 = #hw.param.decl.ref<"ID">
// CHECK-LABEL: hw.module @top
// CHECK-NEXT:    hw.instance "pe0" @PE<ID: i8 = 1>
// CHECK-NEXT:    hw.instance "pe1" @PE<ID: i8 = 2>

// KEEP-LABEL:  hw.module @PE<ID: i8 = 0>(in %a : i8, out o : i8)
// KEEP-LABEL:  hw.module @top
// KEEP-NEXT:     hw.instance "pe0" @PE<ID: i8 = 1>
// KEEP-NEXT:     hw.instance "pe1" @PE<ID: i8 = 2>

// RUN: loom-opt %s --split-input-file --pass-pipeline='builtin.module(loom-strip-unused-modules{top=top})' | filecheck %s
// RUN: loom-opt %s --split-input-file --pass-pipeline='builtin.module(loom-strip-unused-modules)' | filecheck %s --check-prefix=NOTOP
// RUN: not loom-opt %s --split-input-file --pass-pipeline='builtin.module(loom-strip-unused-modules{top=nope})' 2>&1 | filecheck %s --check-prefix=BADTOP

// hw modules: Dead is not instantiated; DeadChild only by Dead, so it goes
// in the next round. Used stays; the top stays though nobody instantiates it.

hw.module @Used(in %a : i8, out o : i8) {
  hw.output %a : i8
}
hw.module @DeadChild(in %a : i8, out o : i8) {
  hw.output %a : i8
}
hw.module @Dead(in %a : i8, out o : i8) {
  %o = hw.instance "c" @DeadChild(a: %a: i8) -> (o: i8)
  hw.output %o : i8
}
hw.module @top(in %a : i8, out o : i8) {
  %o = hw.instance "u" @Used(a: %a: i8) -> (o: i8)
  hw.output %o : i8
}

// CHECK-NOT:   @Dead
// CHECK:       hw.module @Used
// CHECK-NOT:   @Dead
// CHECK:       hw.module @top
// CHECK-NOT:   @Dead
// CHECK:       // -----

// Without top= the pass keeps everything.
// NOTOP:       hw.module @Used
// NOTOP:       hw.module @DeadChild
// NOTOP:       hw.module @Dead
// NOTOP:       hw.module @top

// A misspelt top is an error, not an empty design.
// BADTOP:      error: loom-strip-unused-modules: top module 'nope' does not exist (modules: Dead, DeadChild, Used, top)

// -----

// loom modules, before lowering.

"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "Unused", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "Leaf", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()
"loom.module"() ({
^bb0(%x: i8):
  %o = "loom.instance"(%x) {instance_name = "l", module = @Leaf, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"(%o) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "x", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}]} : () -> ()

// CHECK-NOT:   "Unused"
// CHECK:       sym_name = "Leaf"
// CHECK-NOT:   "Unused"
// CHECK:       sym_name = "top"

// NOTOP:       sym_name = "Unused"

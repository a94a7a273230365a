// RUN: loom-opt %s --pass-pipeline='builtin.module(hash-generators)' | filecheck %s
// RUN: loom-opt %s -p hash_generators | filecheck %s

// The hash ignores names (sym_name, SSA names, locations) and sees callees
// through their own hashes; operand order counts: @Sub (a - b) and @SubCopy
// hash alike, @SubRev (b - a) does not, and neither do the tops that
// instantiate them, while @TopCopy (instantiating the copy) hashes like @Top.

"loom.module"() ({
^bb0(%a: i4, %b: i4):
  %d = comb.sub %a, %b : i4
  "loom.output"(%d) : (i4) -> ()
}, {}) {sym_name = "Sub", parameters = [], ports = [{name = "a", dir = "in", type = i4}, {name = "b", dir = "in", type = i4}, {name = "o", dir = "out", type = i4}]} : () -> ()

"loom.module"() ({
^bb0(%a: i4, %b: i4):
  %d = comb.sub %b, %a : i4
  "loom.output"(%d) : (i4) -> ()
}, {}) {sym_name = "SubRev", parameters = [], ports = [{name = "a", dir = "in", type = i4}, {name = "b", dir = "in", type = i4}, {name = "o", dir = "out", type = i4}]} : () -> ()

"loom.module"() ({
^bb0(%x: i4, %y: i4):
  %diff = comb.sub %x, %y : i4 loc("copy.py":3:1)
  "loom.output"(%diff) : (i4) -> ()
}, {}) {sym_name = "SubCopy", parameters = [], ports = [{name = "a", dir = "in", type = i4}, {name = "b", dir = "in", type = i4}, {name = "o", dir = "out", type = i4}]} : () -> ()

"loom.module"() ({
^bb0(%a: i4, %b: i4):
  %0 = "loom.instance"(%a, %b) {instance_name = "u", module = @Sub, parameters = {}, input_names = ["a", "b"], output_names = ["o"]} : (i4, i4) -> i4
  "loom.output"(%0) : (i4) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "a", dir = "in", type = i4}, {name = "b", dir = "in", type = i4}, {name = "o", dir = "out", type = i4}]} : () -> ()

"loom.module"() ({
^bb0(%a: i4, %b: i4):
  %0 = "loom.instance"(%a, %b) {instance_name = "u", module = @SubCopy, parameters = {}, input_names = ["a", "b"], output_names = ["o"]} : (i4, i4) -> i4
  "loom.output"(%0) : (i4) -> ()
}, {}) {sym_name = "TopCopy", parameters = [], ports = [{name = "a", dir = "in", type = i4}, {name = "b", dir = "in", type = i4}, {name = "o", dir = "out", type = i4}]} : () -> ()

"loom.module"() ({
^bb0(%a: i4, %b: i4):
  %0 = "loom.instance"(%a, %b) {instance_name = "u", module = @SubRev, parameters = {}, input_names = ["a", "b"], output_names = ["o"]} : (i4, i4) -> i4
  "loom.output"(%0) : (i4) -> ()
}, {}) {sym_name = "TopRev", parameters = [], ports = [{name = "a", dir = "in", type = i4}, {name = "b", dir = "in", type = i4}, {name = "o", dir = "out", type = i4}]} : () -> ()

// CHECK:       structural_hash = "[[SUB:[0-9a-f]{16}]]", sym_name = "Sub"}
// CHECK-NOT:   structural_hash = "[[SUB]]", sym_name = "SubRev"}
// CHECK:       sym_name = "SubRev"}
// CHECK:       structural_hash = "[[SUB]]", sym_name = "SubCopy"}
// CHECK:       structural_hash = "[[TOP:[0-9a-f]{16}]]", sym_name = "Top"}
// CHECK:       structural_hash = "[[TOP]]", sym_name = "TopCopy"}
// CHECK-NOT:   structural_hash = "[[TOP]]"
// CHECK:       sym_name = "TopRev"}

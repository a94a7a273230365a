"loom.module"() ({
^bb0(%x: i8):
  %0 = "loom.instance"(%x) {instance_name = "u0", module = @Missing, parameters = {}, input_names = ["a"], output_names = ["o"]} : (i8) -> i8
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8}]} : () -> ()

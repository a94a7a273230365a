hw.module @Fine() {
  hw.output
}

// -----

hw.module @Broken(in %a: i8) {
  hw.output %undefined : i8
}

// -----

"loom.module"() ({
^bb0:
  "loom.instance"() {instance_name = "u0", module = @Missing, parameters = {}, input_names = [], output_names = []} : () -> ()
  "loom.output"() : () -> ()
}, {}) {sym_name = "Top", parameters = [], ports = []} : () -> ()

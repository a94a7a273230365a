// Attributes on ports, vars and registers (sig.add_attribute): kept on the port entry or on the op that
// defines the signal, listed under "signals" by loom-export-metadata; inlining moves the module flag
// has_signal_attributes with the attributed ops, so the export still finds them in the parent.
// RUN: loom-opt %s -p 'loom-inline{path=c}, loom-specialize, loom-export-metadata{file=%t.json}' | filecheck %s --check-prefix=IR
// RUN: cat %t.json | filecheck %s --check-prefix=JSON

"loom.module"() ({
^bb0(%in: i8):
  %x = hw.wire %in sym @x {user_attributes = {note = "inner"}} : i8
  "loom.output"(%x) : (i8) -> ()
}, {}) {sym_name = "C", parameters = [], has_signal_attributes,
    ports = [{name = "in", dir = "in", type = i8}, {name = "out", dir = "out", type = i8}]} : () -> ()

"loom.module"() ({
^bb0(%a: i8):
  %c_ = "loom.instance"(%a) {instance_name = "c", module = @C, parameters = {}, input_names = ["in"],
                             output_names = ["out"]} : (i8) -> (i8)
  "loom.output"(%c_) : (i8) -> ()
}, {}) {sym_name = "T", parameters = [],
    ports = [{name = "a", dir = "in", type = i8, user_attributes = {cfg_reg = "addr:4"}},
             {name = "o", dir = "out", type = i8}]} : () -> ()

// The var now lives in T, and T carries the flag.
// IR:      hw.wire {{.*}}{user_attributes = {note = "inner"}}
// IR:      has_signal_attributes{{.*}}sym_name = "T"

// JSON:      "signals": [
// JSON:        "module": "T",
// JSON-NEXT:   "name": "a",
// JSON-NEXT:   "kind": "port",
// JSON-NEXT:   "attributes": {
// JSON-NEXT:     "cfg_reg": "addr:4"
// JSON:        "module": "T",
// JSON-NEXT:   "name": "c_x",
// JSON-NEXT:   "kind": "var",
// JSON-NEXT:   "attributes": {
// JSON-NEXT:     "note": "inner"

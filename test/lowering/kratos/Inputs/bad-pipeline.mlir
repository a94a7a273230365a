// expected-error @+1 {{insert-pipeline-stages: attribute 'pipeline' of 'M' must be a positive number of stages, got 'two'}}
"loom.module"() ({
^bb0(%a: i8, %clk: !seq.clock):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "M", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "clk", dir = "in", type = !seq.clock}, {name = "o", dir = "out", type = i8}], user_attributes = {pipeline = "two"}} : () -> ()

// -----

// expected-error @+1 {{insert-pipeline-stages: module 'M' has no clock input named 'clk2'}}
"loom.module"() ({
^bb0(%a: i8, %clk: !seq.clock):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "M", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "clk", dir = "in", type = !seq.clock}, {name = "o", dir = "out", type = i8}], user_attributes = {pipeline = "1", pipeline_clk = "clk2"}} : () -> ()

// -----

// expected-error @+1 {{insert-pipeline-stages: module 'M' has no clock input}}
"loom.module"() ({
^bb0(%a: i8):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "M", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "o", dir = "out", type = i8}], user_attributes = {pipeline = "1"}} : () -> ()

// -----

// A typo of a huge stage count is an error, not a run that builds registers until memory runs out.
// expected-error @+1 {{insert-pipeline-stages: attribute 'pipeline' of 'M' asks for 100000000 stages; at most 1024 are allowed}}
"loom.module"() ({
^bb0(%a: i8, %clk: !seq.clock):
  "loom.output"(%a) : (i8) -> ()
}, {}) {sym_name = "M", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "clk", dir = "in", type = !seq.clock}, {name = "o", dir = "out", type = i8}], user_attributes = {pipeline = "100000000"}} : () -> ()

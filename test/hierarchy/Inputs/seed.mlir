// The seed discussion hierarchy (examples/seed_hierarchy.py): D0 -> c1, c2 of D1 -> D2 -> D3.
"loom.module"() ({
^bb0(%arg0: i8):
  %c1_i8 = hw.constant 1 : i8
  %0 = comb.add %arg0, %c1_i8 : i8
  "loom.output"(%0) : (i8) -> ()
}, {}) {parameters = [], ports = [{dir = "in", name = "a", type = i8}, {dir = "out", name = "o", type = i8}], sym_name = "D3"} : () -> ()
"loom.module"() ({
^bb0(%arg0: i8):
  %0 = "loom.instance"(%arg0) {input_names = ["a"], instance_name = "c1", module = @D3, output_names = ["o"], parameters = {}} : (i8) -> i8
  %c4_i8 = hw.constant 4 : i8
  %1 = comb.xor %arg0, %c4_i8 : i8
  %2 = "loom.instance"(%1) {input_names = ["a"], instance_name = "c2", module = @D3, output_names = ["o"], parameters = {}} : (i8) -> i8
  %3 = comb.concat %0, %2 : i8, i8
  "loom.output"(%3) : (i16) -> ()
}, {}) {parameters = [], ports = [{dir = "in", name = "a", type = i8}, {dir = "out", name = "o", type = i16}], sym_name = "D2"} : () -> ()
"loom.module"() ({
^bb0(%arg0: i8):
  %0 = "loom.instance"(%arg0) {input_names = ["a"], instance_name = "c1", module = @D2, output_names = ["o"], parameters = {}} : (i8) -> i16
  %c2_i8 = hw.constant 2 : i8
  %1 = comb.xor %arg0, %c2_i8 : i8
  %2 = "loom.instance"(%1) {input_names = ["a"], instance_name = "c2", module = @D2, output_names = ["o"], parameters = {}} : (i8) -> i16
  %3 = comb.concat %0, %2 : i16, i16
  "loom.output"(%3) : (i32) -> ()
}, {}) {parameters = [], ports = [{dir = "in", name = "a", type = i8}, {dir = "out", name = "o", type = i32}], sym_name = "D1"} : () -> ()
"loom.module"() ({
^bb0(%arg0: i8):
  %0 = "loom.instance"(%arg0) {input_names = ["a"], instance_name = "c1", module = @D1, output_names = ["o"], parameters = {}} : (i8) -> i32
  %c1_i8 = hw.constant 1 : i8
  %1 = comb.xor %arg0, %c1_i8 : i8
  %2 = "loom.instance"(%1) {input_names = ["a"], instance_name = "c2", module = @D1, output_names = ["o"], parameters = {}} : (i8) -> i32
  %3 = comb.concat %0, %2 : i32, i32
  "loom.output"(%3) : (i64) -> ()
}, {}) {parameters = [], ports = [{dir = "in", name = "a", type = i8}, {dir = "out", name = "o", type = i64}], sym_name = "D0"} : () -> ()

// A depth-2 tree (Top -> left/right of Mid -> left/right of Leaf); Leaf holds an immediate assertion.
"loom.module"() ({
^bb0(%arg0: i8):
  %c1_i8 = hw.constant 1 : i8
  %0 = comb.add %arg0, %c1_i8 : i8
  %c-1_i8 = hw.constant -1 : i8
  %1 = comb.icmp ne %arg0, %c-1_i8 : i8
  sv.alwayscomb {
    sv.assert %1, immediate message "a must not be 255"
  }
  "loom.output"(%0) : (i8) -> ()
}, {}) {parameters = [], ports = [{dir = "in", name = "a", type = i8}, {dir = "out", name = "o", type = i8}], sym_name = "Leaf"} : () -> ()
"loom.module"() ({
^bb0(%arg0: i8):
  %0 = "loom.instance"(%arg0) {input_names = ["a"], instance_name = "left", module = @Leaf, output_names = ["o"], parameters = {}} : (i8) -> i8
  %1 = "loom.instance"(%arg0) {input_names = ["a"], instance_name = "right", module = @Leaf, output_names = ["o"], parameters = {}} : (i8) -> i8
  %2 = comb.xor %0, %1 : i8
  "loom.output"(%2) : (i8) -> ()
}, {}) {parameters = [], ports = [{dir = "in", name = "a", type = i8}, {dir = "out", name = "o", type = i8}], sym_name = "Mid"} : () -> ()
"loom.module"() ({
^bb0(%arg0: i8):
  %0 = "loom.instance"(%arg0) {input_names = ["a"], instance_name = "left", module = @Mid, output_names = ["o"], parameters = {}} : (i8) -> i8
  %1 = "loom.instance"(%arg0) {input_names = ["a"], instance_name = "right", module = @Mid, output_names = ["o"], parameters = {}} : (i8) -> i8
  %2 = comb.add %0, %1 : i8
  "loom.output"(%2) : (i8) -> ()
}, {}) {parameters = [], ports = [{dir = "in", name = "a", type = i8}, {dir = "out", name = "o", type = i8}], sym_name = "Top"} : () -> ()

# RUN: %PYTHON %s | filecheck %s
"""The loom IR the frontend builds: loom.module/loom.instance with comb/seq ops inside."""

import loom
from loom import Generator


def run(f):
    print(f"// TEST: {f.__name__}")
    try:
        f()
    except loom.LoomError as error:
        print(f"{type(error).__name__}: {error}")
    return f


def show(gen):
    print(loom.elaborate(gen)[0])


# CHECK-LABEL: // TEST: module_with_params_and_conditional_port
@run
def module_with_params_and_conditional_port():
    class Acc(Generator):
        def __init__(self):
            super().__init__()
            has_en = self.param("HAS_EN", 0)
            # CHECK: ^bb0(%[[CLK:.+]]: !seq.clock, %[[D:.+]]: i8, %[[EN:.+]]: i1, %[[RST:.+]]: i1):
            self.clock()
            d = self.input("d", 8)
            self.input("en", when=has_en)
            self.reset()
            # Vars are written first, then registers (a graph region: %acc is used before it is defined).
            # CHECK: %total = hw.wire %acc sym @total : i8
            total = self.var("total", 8)
            # CHECK: %[[SUM:.+]] = comb.add %acc, %[[D]] : i8
            # CHECK: %[[INIT:.+]] = hw.constant 0 : i8
            # CHECK: %acc = seq.firreg %[[SUM]] clock %[[CLK]] reset sync %[[RST]], %[[INIT]] : i8
            acc = self.reg("acc", 8)
            acc.assign(acc + d)
            total.assign(acc)
            # CHECK: "loom.output"(%total) : (i8) -> ()
            self.output("q", 8).assign(total)

    # CHECK: parameters = [#hw.param.decl<"HAS_EN": i32 = 0> : i32]
    # CHECK-SAME: {cond = "HAS_EN", dir = "in", name = "en", type = i1}
    # CHECK-SAME: sym_name = "Acc"
    show(Acc())


# -----
# CHECK-LABEL: // TEST: instances
@run
def instances():
    class Leaf(Generator):
        def __init__(self):
            super().__init__()
            self.param("W", 4)
            self.param("ID", 0, identity=True)
            a = self.input("a", 4)
            self.output("o", 4).assign(a ^ 5)

    class Top(Generator):
        def __init__(self):
            super().__init__()
            a = self.input("a", 4)
            leaf = Leaf()
            # CHECK: %[[X:.+]] = "loom.instance"(%arg0) {identity = {ID = 1 : i32}, input_names = ["a"], instance_name = "x", module = @Leaf, output_names = ["o"], parameters = {W = 4 : i32}} : (i4) -> i4
            x = self.add_child("x", leaf, params={"W": 4}, identity={"ID": 1}, a=a)
            # CHECK: "loom.instance"(%[[X]]) {{{.*}}instance_name = "y"
            y = self.add_child("y", leaf, a=x.o)
            self.output("o", 4).assign(y.o)

    show(Top())


# -----
# CHECK-LABEL: // TEST: distinct_children_without_parameters
@run
def distinct_children_without_parameters():
    """Children without parameters share the text of their ports (one shape); each instance names its own module,
    also a child instantiated again and one with other ports between them."""
    class Offset(Generator):
        def __init__(self, k):
            super().__init__(f"Offset{k}")
            a = self.input("a", 4)
            self.output("o", 4).assign(a + k)

    class Wide(Generator):
        def __init__(self):
            super().__init__("Wide")
            a = self.input("a", 4)
            self.output("o", 8).assign(a.extend(8))

    class Top(Generator):
        def __init__(self):
            super().__init__("Top")
            a = self.input("a", 4)
            first, second = Offset(1), Offset(2)
            # CHECK: "loom.instance"(%arg0) {input_names = ["a"], instance_name = "u", module = @Offset1, output_names = ["o"], parameters = {}} : (i4) -> i4
            # CHECK: "loom.instance"(%arg0) {input_names = ["a"], instance_name = "w", module = @Wide, output_names = ["o"], parameters = {}} : (i4) -> i8
            # CHECK: "loom.instance"(%arg0) {input_names = ["a"], instance_name = "v", module = @Offset2, output_names = ["o"], parameters = {}} : (i4) -> i4
            # CHECK: "loom.instance"(%arg0) {input_names = ["a"], instance_name = "again", module = @Offset1, output_names = ["o"], parameters = {}} : (i4) -> i4
            total = self.add_child("u", first, a=a).o ^ self.add_child("w", Wide(), a=a).o[3:0]
            total = total ^ self.add_child("v", second, a=a).o ^ self.add_child("again", first, a=a).o
            self.output("o", 4).assign(total)

    show(Top())

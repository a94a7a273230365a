# RUN: %PYTHON %s | filecheck %s
"""The kratos-style statement builder: assignments made before they are placed keep kind "undefined"
in the loom IR (loom.assign); fix-assignment-type, run first by the lowering, makes them blocking,
non-blocking or continuous by where they were placed."""

import loom
from loom import Generator, If, Switch, assign, posedge


class Built(Generator):
    def __init__(self):
        super().__init__()
        clk = self.clock()
        a = self.input("a", 4)
        s = self.input("s", 2)
        o = self.output("o", 4)
        p = self.output("p", 4)
        w = self.var("w", 4)
        stmt = assign(o, a)  # made first, placed later
        self.combinational().add_stmt(
            Switch(s).case(0, stmt).case((1, 2), assign(o, a + 1)).default_(If(s[0]).then_(assign(o, 0))
                                                                            .else_(assign(o, 15))))
        self.sequential((posedge, clk)).add_stmt(assign(w, a + 1))
        self.add_stmt(assign(p, w))


# CHECK-LABEL: // TEST: ir
# CHECK: "loom.assign"(%{{.+}}, %{{.+}}) {kind = "undefined"} : (!hw.inout<i4>, i4) -> ()
# CHECK: sv.alwayscomb {
# CHECK: sv.case
# CHECK: "loom.assign"
# CHECK: sv.alwaysff
# CHECK-NEXT: "loom.assign"
print("// TEST: ir")
print(loom.elaborate(Built())[0])

# CHECK-LABEL: // TEST: fixed
# CHECK: sv.assign
# CHECK: sv.alwayscomb {
# CHECK: sv.bpassign
# CHECK: sv.alwaysff
# CHECK-NEXT: sv.passign
# CHECK-NOT: loom.assign
print("// TEST: fixed")
module, _ = loom.elaborate(Built())
with module.context:
    loom.lowering.pipeline.run_pipeline(module.operation, "fix-assignment-type")
print(module)

# CHECK-LABEL: // TEST: sv
# CHECK: always_comb begin
# CHECK-NEXT: case (s)
# CHECK-NEXT: 2'b00:
# CHECK-NEXT: o_0 = a;
# CHECK: default: begin
# CHECK-NEXT: if (s[0])
# CHECK-NEXT: o_0 = 4'h0;
# CHECK-NEXT: else
# CHECK-NEXT: o_0 = 4'hF;
# CHECK: always_ff @(posedge clk)
# CHECK-NEXT: w <= _GEN;
# CHECK: assign p = w;
print("// TEST: sv")
print(loom.verilog(Built(), emit_locations=False)["Built"])


# A statement can be placed once.
# CHECK-LABEL: // TEST: placed_twice
# CHECK: ElaborationError: {{.*}}builder.py:{{[0-9]+}}:{{.*}} is already placed in a block
print("// TEST: placed_twice")
try:
    class Twice(Generator):
        def __init__(self):
            super().__init__()
            stmt = assign(self.output("o", 4), self.input("a", 4))
            self.add_stmt(stmt)
            self.combinational().add_stmt(stmt)
    Twice()
except loom.LoomError as error:
    print(f"{type(error).__name__}: {error}")

# RUN: %PYTHON %s | filecheck %s
"""Enum members and FSM states read as their names in the SystemVerilog: case labels, comparisons, declarations.

Every member of an enum a module names is a localparam; the members nothing reads are read by
``_unused_localparams`` so that ``verilator -Wall`` stays quiet (test/sim/test_sim_enum_names.py lints and
simulates the same kinds of design).
"""

import loom
from loom import Enum, Generator, Switch, always_comb, assign

Op = Enum("op_t", {"ADD": 0, "SUB": 1, "AND": 2, "NOP": 5})
Mode = Enum("mode_t", ["OFF", "SLOW", "FAST"])


class Unit(Generator):
    def __init__(self):
        super().__init__()
        self.clock()
        self.reset()
        self.op = self.input("op", Op)
        self.mode = self.input("mode", Mode)
        self.a = self.input("a", 8)
        self.y = self.output("y", 8)
        rate = self.output("rate", 2)
        self.combinational().add_stmt(
            Switch(self.mode).case(Mode.OFF, assign(rate, 0)).case((Mode.SLOW, 3), assign(rate, 1))
            .default_(assign(rate, 3)))
        self.output("is_sub").assign(self.op == Op.SUB)
        fsm = self.fsm("ctl")
        idle, busy = fsm.state("IDLE"), fsm.state("BUSY")
        fsm.reset_state(idle)
        done = fsm.output(self.output("done"), default=0)
        idle.next(busy, self.op == Op.AND)
        busy.output(done, 1)
        busy.next(idle)

    @always_comb
    def pick(self):
        match self.op:
            case Op.ADD:
                self.y = self.a + 1
            case Op.SUB | Op.AND:
                self.y = self.a - 1
            case _:
                self.y = self.a


# CHECK-LABEL: module Unit(
# CHECK: localparam [2:0] ADD = 0;
# CHECK-NEXT: localparam [2:0] SUB = 1;
# CHECK-NEXT: localparam [2:0] AND = 2;
# CHECK-NEXT: localparam [2:0] NOP = 5;
# CHECK-NEXT: localparam [0:0] IDLE = 0;
# CHECK-NEXT: localparam [0:0] BUSY = 1;
# CHECK-NEXT: localparam [1:0] OFF = 0;
# CHECK-NEXT: localparam [1:0] SLOW = 1;
# CHECK-NEXT: localparam [1:0] FAST = 2;
# CHECK-NEXT: wire [4:0] _unused_localparams = {NOP, FAST};
# CHECK: case (ctl_state)
# CHECK-NEXT: IDLE: begin
# CHECK-NEXT: if (op == AND)
# CHECK-NEXT: ctl_next_comb = BUSY;
# CHECK-NEXT: end
# CHECK-NEXT: BUSY: begin
# CHECK-NOT: 1'b
# CHECK: endcase
# CHECK: case (mode)
# CHECK-NEXT: OFF:
# CHECK-NEXT: rate_0 = 2'h0;
# CHECK-NEXT: SLOW:
# CHECK-NEXT: rate_0 = 2'h1;
# CHECK-NEXT: 2'b11:
# CHECK-NEXT: rate_0 = 2'h1;
# CHECK-NEXT: default:
# CHECK: case (op)
# CHECK-NEXT: ADD:
# CHECK-NEXT: y_0 = a + 8'h1;
# CHECK-NEXT: SUB:
# CHECK-NEXT: y_0 = _GEN;
# CHECK-NEXT: AND:
# CHECK-NEXT: y_0 = _GEN;
# CHECK-NEXT: default:
# CHECK-NEXT: y_0 = a;
# CHECK-NEXT: endcase
# CHECK: assign is_sub = op == SUB;
print(loom.verilog(Unit(), emit_locations=False)["Unit"])

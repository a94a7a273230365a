# RUN: %PYTHON %s | filecheck %s
"""FSMs: the loom.fsm op the frontend writes, and the SystemVerilog after realize-fsm."""

import loom
from loom import Generator


class Ctrl(Generator):
    def __init__(self):
        super().__init__()
        self.clock()
        self.reset()
        start, stop = self.input("start"), self.input("stop")
        fsm = self.fsm("ctrl")
        idle, run, done = fsm.state("IDLE"), fsm.state("RUN"), fsm.state("DONE")
        fsm.reset_state(idle)
        busy = fsm.output(self.output("busy"), default=0)
        fin = fsm.output(self.output("fin"))
        idle.next(run, start)
        run.output(busy, 1)
        run.next(done, stop, outputs={fin: 1})
        done.next(idle)
        self.output("running").assign(fsm.is_in(run))


# CHECK-LABEL: // TEST: ir
# CHECK: ^bb0(%[[CLK:.+]]: !seq.clock, %[[RST:.+]]: i1, %[[START:.+]]: i1, %[[STOP:.+]]: i1):
# CHECK: %[[F:.+]]:3 = "loom.fsm"(%[[CLK]], %[[RST]], %{{.+}}, %{{.+}}) ({
# CHECK-NEXT: "loom.fsm.state"() ({
# CHECK-NEXT: "loom.fsm.transition"(%[[START]]) {outputs = [], to = "RUN"} : (i1) -> ()
# CHECK-NEXT: }) {name = "IDLE"} : () -> ()
# CHECK-NEXT: "loom.fsm.state"() ({
# CHECK-NEXT: "loom.fsm.output"(%{{.+}}) {names = ["busy"]} : (i1) -> ()
# CHECK-NEXT: "loom.fsm.transition"(%[[STOP]], %{{.+}}) {outputs = ["fin"], to = "DONE"} : (i1, i1) -> ()
# CHECK-NEXT: }) {name = "RUN"} : () -> ()
# CHECK-NEXT: "loom.fsm.state"() ({
# CHECK-NEXT: "loom.fsm.transition"() {outputs = [], to = "IDLE"} : () -> ()
# CHECK-NEXT: }) {name = "DONE"} : () -> ()
# CHECK-NEXT: }) {name = "ctrl", outputs = ["busy", "fin"], reset = "sync", reset_active_low = false, reset_state = "IDLE", states = ["IDLE", "RUN", "DONE"]} : (!seq.clock, i1, i1, i1) -> (i2, i1, i1)
# CHECK: %[[RUNV:.+]] = "loom.localparam"() {name = "RUN", value = 1 : i2} : () -> i2
# CHECK-DAG: "loom.localparam"() {name = "IDLE", value = 0 : i2}
# CHECK-DAG: "loom.localparam"() {name = "DONE", value = -2 : i2}
# CHECK: %[[IS:.+]] = comb.icmp eq %[[F]]#0, %[[RUNV]] : i2
# CHECK-NEXT: "loom.output"(%[[F]]#1, %[[F]]#2, %[[IS]])
print("// TEST: ir")
print(loom.elaborate(Ctrl())[0])

# CHECK-LABEL: // TEST: sv
# CHECK: localparam [1:0] IDLE = 0;
# CHECK: localparam [1:0] RUN = 1;
# CHECK: localparam [1:0] DONE = 2;
# CHECK: reg   [1:0] ctrl_state;
# CHECK: always_ff @(posedge clk) begin
# CHECK-NEXT: if (rst)
# CHECK-NEXT: ctrl_state <= IDLE;
# CHECK: always_comb begin
# CHECK-NEXT: ctrl_next_comb = ctrl_state;
# CHECK-NEXT: ctrl_busy_comb = 1'h0;
# CHECK-NEXT: ctrl_fin_comb = 1'h0;
# CHECK-NEXT: case (ctrl_state)
# CHECK-NEXT: IDLE: begin
# CHECK-NEXT: if (start)
# CHECK-NEXT: ctrl_next_comb = RUN;
# CHECK-NEXT: end
# CHECK-NEXT: {{RUN}}: begin
# CHECK-NEXT: ctrl_busy_comb = 1'h1;
# CHECK-NEXT: if (stop) begin
# CHECK-NEXT: ctrl_next_comb = DONE;
# CHECK-NEXT: ctrl_fin_comb = 1'h1;
# CHECK-NEXT: end
# CHECK-NEXT: end
# CHECK-NEXT: DONE:
# CHECK-NEXT: ctrl_next_comb = IDLE;
# CHECK-NEXT: default:
# CHECK-NEXT: ctrl_next_comb = IDLE;
# CHECK-NEXT: endcase
# CHECK-NEXT: ctrl_next = ctrl_next_comb;
# CHECK-NEXT: ctrl_busy = ctrl_busy_comb;
# CHECK-NEXT: ctrl_fin = ctrl_fin_comb;
# CHECK: assign running = ctrl_state == RUN;
print("// TEST: sv")
print(loom.verilog(Ctrl(), emit_locations=False)["Ctrl"])

// RUN: loom-opt %s -p realize-fsm | filecheck %s
// RUN: loom-opt %s -p 'realize-fsm, lower-to-hw, cleanup' --export-verilog --lowering-options=locationInfoStyle=none -o /dev/null | filecheck %s --check-prefix=SV
// RUN: loom-opt %S/Inputs/bad-fsm.mlir -p realize-fsm --split-input-file --verify-diagnostics

// CHECK-LABEL: "loom.module"() ({
// CHECK-NEXT: ^bb0(%[[CLK:.+]]: !seq.clock, %[[RST:.+]]: i1, %[[GO:.+]]: i1):
// CHECK-NOT: loom.fsm
// CHECK-DAG: %[[IDLE:.+]] = "loom.localparam"() {name = "IDLE", value = 0 : i2} : () -> i2
// CHECK-DAG: %[[RS:.+]] = "loom.localparam"() {name = "RUN", value = 1 : i2} : () -> i2
// CHECK-DAG: %[[DONE:.+]] = "loom.localparam"() {name = "DONE", value = -2 : i2} : () -> i2
// CHECK: %[[STATE:c_state]] = sv.reg : !hw.inout<i2>
// CHECK-NEXT: %[[NEXT:c_next]] = sv.logic : !hw.inout<i2>
// CHECK-NEXT: %[[BUSY:c_busy]] = sv.logic : !hw.inout<i1>
// CHECK-NEXT: %[[CUR:.+]] = sv.read_inout %[[STATE]] : !hw.inout<i2>
// CHECK-NEXT: %[[NV:.+]] = sv.read_inout %[[NEXT]] : !hw.inout<i2>
// CHECK-NEXT: %[[C:.+]] = seq.from_clock %[[CLK]]
// CHECK-NEXT: sv.alwaysff(posedge %[[C]]) {
// CHECK-NEXT: sv.passign %[[STATE]], %[[NV]] : i2
// CHECK-NEXT: }(syncreset : posedge %[[RST]]) {
// CHECK-NEXT: sv.passign %[[STATE]], %[[IDLE]] : i2
// CHECK: sv.alwayscomb {
// CHECK-NEXT: sv.bpassign %[[NEXT]], %[[CUR]] : i2
// CHECK-NEXT: sv.bpassign %[[BUSY]], %false : i1
// CHECK-NEXT: sv.case %[[CUR]] : i2 {loom.case_names = ["IDLE", "RUN", "DONE", ""]}
// CHECK-NEXT: case b00: {
// CHECK-NEXT: sv.if %[[GO]] {
// CHECK-NEXT: sv.bpassign %[[NEXT]], %[[RS]] : i2
// CHECK: case b01: {
// CHECK-NEXT: sv.bpassign %[[BUSY]], %true : i1
// CHECK-NEXT: sv.if %[[GO]] {
// CHECK-NEXT: sv.bpassign %[[NEXT]], %[[RS]] : i2
// CHECK-NEXT: } else {
// CHECK-NEXT: sv.bpassign %[[NEXT]], %[[DONE]] : i2
// CHECK: case b10: {
// CHECK-NEXT: sv.bpassign %[[NEXT]], %[[IDLE]] : i2
// CHECK: default: {
// CHECK-NEXT: sv.bpassign %[[NEXT]], %[[IDLE]] : i2
// CHECK: %[[B:.+]] = sv.read_inout %[[BUSY]] : !hw.inout<i1>
// CHECK: "loom.output"(%[[B]], %[[CUR]]) : (i1, i2) -> ()
"loom.module"() ({
^bb0(%clk: !seq.clock, %rst: i1, %go: i1):
  %false = hw.constant false
  %true = hw.constant true
  %m:2 = "loom.fsm"(%clk, %rst, %false) ({
    "loom.fsm.state"() ({
      "loom.fsm.transition"(%go) {to = "RUN", outputs = []} : (i1) -> ()
    }) {name = "IDLE"} : () -> ()
    "loom.fsm.state"() ({
      "loom.fsm.output"(%true) {names = ["busy"]} : (i1) -> ()
      "loom.fsm.transition"(%go) {to = "RUN", outputs = []} : (i1) -> ()
      "loom.fsm.transition"() {to = "DONE", outputs = []} : () -> ()
    }) {name = "RUN"} : () -> ()
    "loom.fsm.state"() ({
      "loom.fsm.transition"() {to = "IDLE", outputs = []} : () -> ()
    }) {name = "DONE"} : () -> ()
  }) {name = "c", states = ["IDLE", "RUN", "DONE"], reset_state = "IDLE", outputs = ["busy"], reset = "sync", reset_active_low = false} : (!seq.clock, i1, i1) -> (i2, i1)
  "loom.output"(%m#1, %m#0) : (i1, i2) -> ()
}, {}) {sym_name = "Fsm", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "rst", dir = "in", type = i1}, {name = "go", dir = "in", type = i1}, {name = "busy", dir = "out", type = i1}, {name = "state", dir = "out", type = i2}]} : () -> ()

// SV-LABEL: module Fsm(
// SV: localparam [1:0] IDLE = 0;
// SV: always_ff @(posedge clk) begin
// SV-NEXT: if (rst)
// SV-NEXT: c_state <= IDLE;
// SV-NEXT: else
// SV-NEXT: c_state <= c_next;
// SV: case (c_state)
// SV-NEXT: IDLE:
// SV-NEXT: if (go)
// SV-NEXT: c_next_comb = RUN;
// SV: {{RUN}}: begin
// SV: DONE:
// SV-NEXT: c_next_comb = IDLE;
// SV: default:
// SV-NEXT: c_next_comb = IDLE;
// SV-NEXT: endcase
// SV-NEXT: c_next = c_next_comb;

// Each reset kind of a loom.fsm: an asynchronous reset keeps its signal and edge, a synchronous active-low
// reset is inverted first (ExportVerilog writes a syncreset region as `if (rst)` whatever its edge says).
// RUN: loom-opt %s -p realize-fsm --split-input-file | filecheck %s

// CHECK: ^bb0(%{{.+}}: !seq.clock, %[[RST:.+]]: i1, %{{.+}}: i1):
// CHECK: %[[ONE:.+]] = hw.constant true
// CHECK-NEXT: %[[HI:.+]] = comb.xor %[[RST]], %[[ONE]] : i1
// CHECK: }(syncreset : posedge %[[HI]]) {
// CHECK: sym_name = "SyncLow"
"loom.module"() ({
^bb0(%clk: !seq.clock, %rst_n: i1, %go: i1):
  %s = "loom.fsm"(%clk, %rst_n) ({
    "loom.fsm.state"() ({
      "loom.fsm.transition"(%go) {to = "B", outputs = []} : (i1) -> ()
    }) {name = "A"} : () -> ()
    "loom.fsm.state"() ({
      "loom.fsm.transition"() {to = "A", outputs = []} : () -> ()
    }) {name = "B"} : () -> ()
  }) {name = "m", states = ["A", "B"], reset_state = "B", outputs = [], reset = "sync", reset_active_low = true} : (!seq.clock, i1) -> i1
  "loom.output"(%s) : (i1) -> ()
}, {}) {sym_name = "SyncLow", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "rst_n", dir = "in", type = i1}, {name = "go", dir = "in", type = i1}, {name = "s", dir = "out", type = i1}]} : () -> ()

// -----

// CHECK: ^bb0(%{{.+}}: !seq.clock, %[[RST2:.+]]: i1, %{{.+}}: i1):
// CHECK-NOT: comb.xor
// CHECK: }(asyncreset : negedge %[[RST2]]) {
// CHECK: sym_name = "AsyncLow"
"loom.module"() ({
^bb0(%clk: !seq.clock, %rst_n: i1, %go: i1):
  %s = "loom.fsm"(%clk, %rst_n) ({
    "loom.fsm.state"() ({
      "loom.fsm.transition"(%go) {to = "B", outputs = []} : (i1) -> ()
    }) {name = "A"} : () -> ()
    "loom.fsm.state"() ({
      "loom.fsm.transition"() {to = "A", outputs = []} : () -> ()
    }) {name = "B"} : () -> ()
  }) {name = "m", states = ["A", "B"], reset_state = "B", outputs = [], reset = "async", reset_active_low = true} : (!seq.clock, i1) -> i1
  "loom.output"(%s) : (i1) -> ()
}, {}) {sym_name = "AsyncLow", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "rst_n", dir = "in", type = i1}, {name = "go", dir = "in", type = i1}, {name = "s", dir = "out", type = i1}]} : () -> ()

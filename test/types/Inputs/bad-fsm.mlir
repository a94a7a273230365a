// Malformed FSMs for realize-fsm --verify-diagnostics (see ../realize-fsm.mlir).

"loom.module"() ({
^bb0(%clk: !seq.clock, %rst: i1, %go: i1):
  %m = "loom.fsm"(%clk, %rst) ({
    "loom.fsm.state"() ({
      // expected-error @+1 {{FSM 'c': state 'A' has a transition to unknown state 'C' (states: A, B)}}
      "loom.fsm.transition"(%go) {to = "C", outputs = []} : (i1) -> ()
    }) {name = "A"} : () -> ()
    "loom.fsm.state"() ({
    }) {name = "B"} : () -> ()
  }) {name = "c", states = ["A", "B"], reset_state = "A", outputs = [], reset = "sync"} : (!seq.clock, i1) -> i1
  "loom.output"() : () -> ()
}, {}) {sym_name = "UnknownState", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "rst", dir = "in", type = i1}, {name = "go", dir = "in", type = i1}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%clk: !seq.clock, %rst: i1):
  // expected-error @+1 {{FSM 'c' has no reset state}}
  %m = "loom.fsm"(%clk, %rst) ({
    "loom.fsm.state"() ({
    }) {name = "A"} : () -> ()
  }) {name = "c", states = ["A"], reset_state = "", outputs = [], reset = "sync"} : (!seq.clock, i1) -> i1
  "loom.output"() : () -> ()
}, {}) {sym_name = "NoReset", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "rst", dir = "in", type = i1}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%clk: !seq.clock, %rst: i1, %go: i1):
  %m:2 = "loom.fsm"(%clk, %rst, %go) ({
    "loom.fsm.state"() ({
      // expected-error @+1 {{FSM 'c' has no output 'light' (outputs: busy)}}
      "loom.fsm.output"(%go) {names = ["light"]} : (i1) -> ()
    }) {name = "A"} : () -> ()
    // expected-error @+1 {{FSM 'c' has two states named 'A'}}
    "loom.fsm.state"() ({
      "loom.fsm.transition"() {to = "A", outputs = []} : () -> ()
      // expected-error @+1 {{FSM 'c': state 'A' has a transition after an unconditional one; it is never taken}}
      "loom.fsm.transition"(%go) {to = "A", outputs = []} : (i1) -> ()
    }) {name = "A"} : () -> ()
  }) {name = "c", states = ["A", "A"], reset_state = "A", outputs = ["busy"], reset = "sync"} : (!seq.clock, i1, i1) -> (i1, i1)
  "loom.output"() : () -> ()
}, {}) {sym_name = "Several", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "rst", dir = "in", type = i1}, {name = "go", dir = "in", type = i1}]} : () -> ()

// -----

// Attributes of the wrong kind: an error at the op, not a Python traceback.
"loom.module"() ({
^bb0(%clk: !seq.clock, %rst: i1, %go: i1):
  // expected-error @+1 {{'loom.fsm' attribute 'states' must be an array of strings, not "A"}}
  %m = "loom.fsm"(%clk, %rst) ({
    "loom.fsm.state"() ({
    }) {name = "A"} : () -> ()
  }) {name = "c", states = "A", reset_state = "A", outputs = [], reset = "sync"} : (!seq.clock, i1) -> i1
  "loom.output"() : () -> ()
}, {}) {sym_name = "BadStates", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "rst", dir = "in", type = i1}, {name = "go", dir = "in", type = i1}]} : () -> ()

// -----

"loom.module"() ({
^bb0(%clk: !seq.clock, %rst: i1, %go: i1):
  // expected-error @+1 {{'loom.fsm' attribute 'reset_active_low' must be true or false, not 1 : i64}}
  %m = "loom.fsm"(%clk, %rst) ({
    "loom.fsm.state"() ({
      // expected-error @+1 {{'loom.fsm.transition' attribute 'to' must be a string, not 3 : i64}}
      "loom.fsm.transition"(%go) {to = 3, outputs = []} : (i1) -> ()
    }) {name = "A"} : () -> ()
  }) {name = "c", states = ["A"], reset_state = "A", outputs = [], reset = "sync", reset_active_low = 1} : (!seq.clock, i1) -> i1
  "loom.output"() : () -> ()
}, {}) {sym_name = "BadKinds", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "rst", dir = "in", type = i1}, {name = "go", dir = "in", type = i1}]} : () -> ()

// RUN: loom-opt %s -p check-non-synthesizable-content --split-input-file --verify-diagnostics
// RUN: not loom-opt %s -p check-non-synthesizable-content --split-input-file 2>&1 | filecheck %s
// Every non-synthesizable op is reported at its own line, then the pipeline stops.

// CHECK: error: non-synthesizable content: $fwrite/$display (simulation output)

"loom.module"() ({
^bb0(%clk: !seq.clock, %a: i8, %en: i1):
  %x = sv.logic : !hw.inout<i8>
  sv.alwayscomb {
    %fd = hw.constant 0x80000002 : i32
    // expected-error @below {{non-synthesizable content: $fwrite/$display (simulation output)}}
    sv.fwrite %fd, "a = %d\n"(%a) : i8
    sv.if %en {
      // expected-error @below {{non-synthesizable content: an assertion outside an `ifndef SYNTHESIS guard}}
      sv.assert %en, immediate message "en must be low"
    }
    // expected-error @below {{non-synthesizable content: a delayed assignment (#2)}}
    "loom.assign"(%x, %a) {kind = "undefined", delay = 2 : i64} : (!hw.inout<i8>, i8) -> ()
  }
  // An initial block is reported once, not op by op.
  // expected-error @below {{non-synthesizable content: an initial block (simulation only)}}
  sv.initial {
    sv.finish 1
  }
  %c = seq.from_clock %clk
  sv.alwaysff(posedge %c) {
    // expected-error @below {{non-synthesizable content: $fatal (a simulation severity task)}}
    sv.fatal.procedural 1
    // expected-error @below {{non-synthesizable content: $finish (ends the simulation)}}
    sv.finish 0
  }
  "loom.output"() : () -> ()
}, {}) {sym_name = "M", parameters = [], ports = [{name = "clk", dir = "in", type = !seq.clock}, {name = "a", dir = "in", type = i8}, {name = "en", dir = "in", type = i1}]} : () -> ()

// -----

// hw IR: assertions under `ifndef SYNTHESIS (the else of sv.ifdef @SYNTHESIS) are fine;
// DPI calls and system functions are not.
sv.macro.decl @SYNTHESIS
sv.func.dpi.import @trace
sv.func private @trace(in %a : i8)
hw.module @H(in %clk: i1, in %a: i1, in %b: i8) {
  sv.ifdef @SYNTHESIS {
  } else {
    sv.always posedge %clk {
      sv.assert %a, immediate
    }
  }
  sv.always posedge %clk {
    // expected-error @below {{non-synthesizable content: a cover statement outside an `ifndef SYNTHESIS guard}}
    sv.cover %a, immediate
    // expected-error @below {{non-synthesizable content: a system function call (simulation only)}}
    %t = sv.system.time : i64
    // expected-error @below {{non-synthesizable content: a call of the DPI function 'trace'}}
    sv.func.call.procedural @trace(%b) : (i8) -> ()
  }
}

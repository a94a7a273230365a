// RUN: not loom-opt %s -p lower-dpi-calls 2>&1 | filecheck %s

// One C function has one signature: a second call with other widths is an error at that call.

hw.module @top(in %a: i8, in %w: i16) {
  %r = sv.logic : !hw.inout<i8>
  sv.alwayscomb {
    %0 = "loom.dpi_call"(%a) {callee = "c_f", arg_names = ["x"]} : (i8) -> i8
    sv.bpassign %r, %0 : i8
    %1 = "loom.dpi_call"(%w) {callee = "c_f", arg_names = ["x"]} : (i16) -> i8 loc("user.py":7:9)
    sv.bpassign %r, %1 : i8
  }
}

// CHECK: user.py:7:9: error: DPI-C function 'c_f' is called with two different signatures; one C function has one signature

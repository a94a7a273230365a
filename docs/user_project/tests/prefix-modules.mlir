// prefix-modules renames every module and every instance's reference to it; the result still lowers
// to SystemVerilog.
// RUN: loom-opt %s --load-pass-plugin=acme.passes -p 'prefix-modules{prefix=acme_}' | filecheck %s
// RUN: loom-opt %s --load-pass-plugin=acme.passes -p 'prefix-modules{prefix=acme_}' --verify-diagnostics
// RUN: loom-opt %s --load-pass-plugin=acme.passes -p 'prefix-modules{prefix=acme_},lower-to-hw,cleanup' \
// RUN:   --export-verilog | filecheck %s --check-prefix=SV
// The prefix has no default: leaving it out is an error before the input is read.
// RUN: not loom-opt %s --load-pass-plugin=acme.passes -p prefix-modules 2>&1 | filecheck %s --check-prefix=NONE

// expected-remark @below {{renamed to 'acme_Inc'}}
"loom.module"() ({
^bb0(%a: i8):
  %c1 = hw.constant 1 : i8
  %0 = comb.add %a, %c1 : i8
  "loom.output"(%0) : (i8) -> ()
}, {}) {sym_name = "Inc", parameters = [], ports = [{name = "a", dir = "in", type = i8},
    {name = "o", dir = "out", type = i8}]} : () -> ()

// expected-remark @below {{renamed to 'acme_Top'}}
"loom.module"() ({
^bb0(%x: i8):
  %0 = "loom.instance"(%x) {input_names = ["a"], instance_name = "u0", module = @Inc, output_names = ["o"],
                            parameters = {}} : (i8) -> i8
  "loom.output"(%0) : (i8) -> ()
}, {}) {sym_name = "Top", parameters = [], ports = [{name = "x", dir = "in", type = i8},
    {name = "y", dir = "out", type = i8}]} : () -> ()

// CHECK:      sym_name = "acme_Inc"
// CHECK:      "loom.instance"(%{{.*}}) {{{.*}}module = @acme_Inc
// CHECK:      sym_name = "acme_Top"

// SV-LABEL:   module acme_Inc(
// SV-LABEL:   module acme_Top(
// SV:           acme_Inc u0 (

// NONE: error: pass 'prefix-modules' needs option 'prefix'

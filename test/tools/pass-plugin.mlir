// A user's pass, loaded from a file or a module, reports its problems through loom.passes.error: matched by
// --verify-diagnostics, listed with its options by --list-passes, options checked before the input is read.
// RUN: loom-opt %s --load-pass-plugin=%S/Inputs/plugin_passes.py -p 'test-max-width{limit=8}' --verify-diagnostics
// RUN: loom-opt %s --load-pass-plugin %S/Inputs/plugin_passes.py --test-max-width=limit=8 --verify-diagnostics
// RUN: cd %S/Inputs && loom-opt %s --load-pass-plugin=plugin_passes -p test-max-width{limit=8} --verify-diagnostics
// RUN: loom-opt %s --load-pass-plugin=%S/Inputs/plugin_passes.py -p test-max-width | filecheck %s --check-prefix=OK
// RUN: loom-opt --load-pass-plugin=%S/Inputs/plugin_passes.py --list-passes | filecheck %s --check-prefix=LIST
// RUN: not loom-opt %s --load-pass-plugin=%S/Inputs/plugin_passes.py -p 'test-max-width{limit=wide}' 2>&1 \
// RUN:   | filecheck %s --check-prefix=BADOPT
// RUN: not loom-opt %s --load-pass-plugin=%S/Inputs/plugin_passes.py -p 'test-max-width{limits=8}' 2>&1 \
// RUN:   | filecheck %s --check-prefix=NOOPT
// Without the plugin the pass is unknown.
// RUN: not loom-opt %s -p test-max-width 2>&1 | filecheck %s --check-prefix=UNKNOWN

"loom.module"() ({
^bb0(%a: i8, %b: i16):
  %0 = comb.add %a, %a : i8
  %1 = comb.mul %b, %b : i16  // expected-error {{16-bit value is wider than 8 bits}}
  %2 = comb.extract %1 from 0 : (i16) -> i8
  %3 = comb.concat %2, %2 : i8, i8  // expected-error {{16-bit value is wider than 8 bits}}
  "loom.output"(%0) : (i8) -> ()
}, {}) {sym_name = "top", parameters = [], ports = [{name = "a", dir = "in", type = i8}, {name = "b", dir = "in", type = i16},
    {name = "o", dir = "out", type = i8}]} : () -> ()

// OK: "loom.module"
// OK: comb.concat

// LIST:      {{^  }}test-max-width {{ *}}module {{ *}}Report every integer value wider than `limit` bits.
// LIST-NEXT: {{^    }}limit=<int> (default 64): the widest value allowed, in bits
// LIST:      {{^  }}test-rename-ports {{ *}}module {{ *}}Prefix every port of every loom.module.
// LIST-NEXT: {{^    }}prefix=<string> (required): put in front of every port name

// BADOPT: error: pass 'test-max-width': option 'limit' expects an integer, got 'wide'
// NOOPT:  error: pass 'test-max-width' has no option 'limits' (options: limit)
// UNKNOWN: error: invalid pass pipeline element 'test-max-width'

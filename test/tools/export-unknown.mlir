// Ops ExportVerilog does not know (it would crash the process) are errors before export.
// RUN: not loom-opt %s --split-input-file --export-verilog 2>&1 | filecheck %s
// RUN: not loom-opt %s --split-input-file -p generate-verilog 2>&1 | filecheck %s

// CHECK: export-unknown.mlir:[[# @LINE + 2]]:8: error: 'foo.bar' is not an operation CIRCT knows; it cannot be exported to Verilog
hw.module @Unknown(in %a: i8, out o: i8) {
  %0 = "foo.bar"(%a) : (i8) -> i8
  hw.output %0 : i8
}

// -----

// CHECK: export-unknown.mlir:[[# @LINE + 3]]:3: error: 'loom.assign' must be lowered before Verilog export (add lower-to-hw to the pipeline)
hw.module @Leftover(in %a: i8, out o: i8) {
  %o = sv.logic : !hw.inout<i8>
  "loom.assign"(%o, %a) : (!hw.inout<i8>, i8) -> ()
  %r = sv.read_inout %o : !hw.inout<i8>
  hw.output %r : i8
}

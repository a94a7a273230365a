// RUN: loom-opt %s -p lower-dpi-calls | filecheck %s
// RUN: loom-opt %s -p lower-dpi-calls --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// Each called function is declared once (sv.func + its DPI-C import) and every loom.dpi_call becomes
// sv.func.call.procedural of that symbol.
// CHECK:      sv.func private @c_mix(in %a : i8, in %b : i8, out result : i8 {sv.func.explicitly_returned})
// CHECK-NEXT: sv.func.dpi.import @c_mix
// CHECK-NOT:  sv.func
// CHECK:      sv.alwayscomb {
// CHECK:        %[[R:.+]] = sv.func.call.procedural @c_mix(%a, %b) : (i8, i8) -> i8
// CHECK-NEXT:   sv.bpassign %{{.*}}, %[[R]] : i8
// CHECK:        sv.func.call.procedural @c_mix(%b, %a) : (i8, i8) -> i8
// CHECK-NOT:  loom.dpi_call

// SV:      import "DPI-C" context function byte c_mix(
// SV-NEXT:   input byte a,
// SV-NEXT:              b
// SV-NEXT: );
// SV:      always_comb begin
// SV:        r0 = c_mix(a, b);
// SV-NEXT:   r1 = c_mix(b, a);

hw.module @top(in %a: i8, in %b: i8, out o: i8, out p: i8) {
  %r0 = sv.logic : !hw.inout<i8>
  %r1 = sv.logic : !hw.inout<i8>
  sv.alwayscomb {
    %0 = "loom.dpi_call"(%a, %b) {callee = "c_mix", arg_names = ["a", "b"]} : (i8, i8) -> i8
    sv.bpassign %r0, %0 : i8
    %1 = "loom.dpi_call"(%b, %a) {callee = "c_mix", arg_names = ["a", "b"]} : (i8, i8) -> i8
    sv.bpassign %r1, %1 : i8
  }
  %v0 = sv.read_inout %r0 : !hw.inout<i8>
  %v1 = sv.read_inout %r1 : !hw.inout<i8>
  hw.output %v0, %v1 : i8, i8
}

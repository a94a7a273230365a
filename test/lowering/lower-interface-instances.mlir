// RUN: loom-opt %s -p lower-interface-instances | filecheck %s
// RUN: loom-opt %s -p lower-interface-instances --export-verilog --lowering-options=locationInfoStyle=none | filecheck %s --check-prefix=SV

// Each loom.interface_* op becomes the sv op that names the interface through its operand's type; the
// definition stays where it is (after the modules: a modport named like a module is fine there).
// CHECK:      hw.module @Sink(
// CHECK:      hw.module @Top(
// CHECK:        %[[B:.+]] = sv.interface.instance : !sv.interface<@Bus>
// CHECK:        %[[R:.+]] = sv.interface.signal.read %[[B]](@Bus::@ready) : i1
// CHECK:        sv.interface.signal.assign %[[B]](@Bus::@data) = %x : i8
// CHECK:        sv.interface.signal.assign %[[B]](@Bus::@ready) = %{{.+}} : i1
// CHECK-NOT:  loom.interface
// CHECK:      sv.interface @Bus

// SV:      module Top(
// SV:        Bus bus();
// SV-NEXT:   assign bus.data = x;
// SV:          .data  (bus.data),
// SV:        assign bus.ready = _sink_ready;
// SV-NEXT:   assign ready = bus.ready;
// SV:      interface Bus;
// SV-NEXT:   logic [7:0] data;
// SV-NEXT:   logic ready;
// SV-NEXT:   modport Sink(input data, output ready);
// SV-NEXT: endinterface

hw.module @Sink(in %data: i8, out ready: i1) {
  %0 = comb.extract %data from 0 : (i8) -> i1
  hw.output %0 : i1
}
hw.module @Top(in %x: i8, out ready: i1) {
  %bus = "loom.interface_instance"() {name = "bus"} : () -> !sv.interface<@Bus>
  %data = "loom.interface_read"(%bus) {signal = "data"} : (!sv.interface<@Bus>) -> i8
  %ready = "loom.interface_read"(%bus) {signal = "ready"} : (!sv.interface<@Bus>) -> i1
  "loom.interface_assign"(%bus, %x) {signal = "data"} : (!sv.interface<@Bus>, i8) -> ()
  %sink.ready = hw.instance "sink" @Sink(data: %data: i8) -> (ready: i1)
  "loom.interface_assign"(%bus, %sink.ready) {signal = "ready"} : (!sv.interface<@Bus>, i1) -> ()
  hw.output %ready : i1
}
sv.interface @Bus {
  sv.interface.signal @data : i8
  sv.interface.signal @ready : i1
  sv.interface.modport @Sink (input @data, output @ready)
}

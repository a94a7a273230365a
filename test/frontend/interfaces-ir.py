# RUN: %PYTHON %s | filecheck %s
"""The loom IR of SystemVerilog interfaces: loom.interface_* ops in the instantiating module, flattened
ports in the modules that take a modport, and the sv.interface definition after the modules."""

import loom
from loom import Generator, Interface, always_comb


class Bus(Interface):
    def __init__(self):
        super().__init__("Bus")
        self.input("cfg", 2)
        self.var("data", 8)
        self.var("ready")
        self.sink = self.modport("Sink")
        self.sink.set_input("data")
        self.sink.set_input("cfg")
        self.sink.set_output("ready")


BUS = Bus()


class Sink(Generator):
    def __init__(self):
        super().__init__("Sink")
        self.bus = self.interface(BUS.sink, "bus", is_port=True)

        @always_comb
        def accept():
            self.bus.ready = self.bus.data[0]

        self.add_always(accept)


class Top(Generator):
    def __init__(self):
        super().__init__("Top")
        bus = self.interface(BUS, "bus")
        self.wire(bus.cfg, self.input("cfg", 2))
        self.wire(bus.data, self.input("x", 8))
        sink = Sink()
        self.add_child("sink", sink)
        self.wire(sink.bus, bus.Sink)
        self.output("ready").assign(bus.ready)


# The modport's members are ports of Sink; a procedural write goes through a logic, and the unread input
# `bus_cfg` gets a `_unused_` wire.
# CHECK:      "loom.module"() ({
# CHECK-NEXT: ^bb0(%[[DATA:.+]]: i8, %[[CFG:.+]]: i2):
# CHECK-NEXT:   %[[READY:.+]] = sv.logic sym @bus_ready : !hw.inout<i1>
# CHECK:        sv.bpassign %[[READY]], %{{.+}} : i1
# CHECK:        %_unused_bus_cfg = hw.wire %[[CFG]] sym @_unused_bus_cfg : i2
# CHECK:      ports = [{dir = "in", name = "bus_data", type = i8}, {dir = "in", name = "bus_cfg", type = i2}, {dir = "out", name = "bus_ready", type = i1}], sym_name = "Sink"
# The instance: every signal is read through the interface; the driven ones are also assigned.
# CHECK:      ^bb0(%[[TCFG:.+]]: i2, %[[X:.+]]: i8):
# CHECK-NEXT:   %[[BUS:.+]] = "loom.interface_instance"() {name = "bus"} : () -> !sv.interface<@Bus>
# CHECK-NEXT:   %[[RCFG:.+]] = "loom.interface_read"(%[[BUS]]) {signal = "cfg"} : (!sv.interface<@Bus>) -> i2
# CHECK-NEXT:   "loom.interface_assign"(%[[BUS]], %[[TCFG]]) {signal = "cfg"} : (!sv.interface<@Bus>, i2) -> ()
# CHECK-NEXT:   %[[RDATA:.+]] = "loom.interface_read"(%[[BUS]]) {signal = "data"} : (!sv.interface<@Bus>) -> i8
# CHECK-NEXT:   "loom.interface_assign"(%[[BUS]], %[[X]]) {signal = "data"} : (!sv.interface<@Bus>, i8) -> ()
# CHECK-NEXT:   %[[RREADY:.+]] = "loom.interface_read"(%[[BUS]]) {signal = "ready"} : (!sv.interface<@Bus>) -> i1
# CHECK-NEXT:   %[[SINK:.+]] = "loom.instance"(%[[RDATA]], %[[RCFG]]) {{.*}}instance_name = "sink"
# CHECK-NEXT:   "loom.interface_assign"(%[[BUS]], %[[SINK]]) {signal = "ready"} : (!sv.interface<@Bus>, i1) -> ()
# CHECK-NEXT:   "loom.output"(%[[RREADY]]) : (i1) -> ()
# The definition comes after the modules.
# CHECK:      sym_name = "Top"
# CHECK-NEXT: sv.interface @Bus {
# CHECK-NEXT:   sv.interface.signal @cfg : i2
# CHECK-NEXT:   sv.interface.signal @data : i8
# CHECK-NEXT:   sv.interface.signal @ready : i1
# CHECK-NEXT:   sv.interface.modport @Sink (input @data, input @cfg, output @ready)
print(loom.elaborate(Top())[0])

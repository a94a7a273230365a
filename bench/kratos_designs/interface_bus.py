"""A kratos interface with modports: an instance in the top, modport ports in the children, one of them
passed on through a wrapper, and signals read and written from continuous and procedural code.

The producer counts up by 3 on each transfer and offers the count as ``data``, valid unless bit 2 is set;
the consumer is ready unless ``stall``, and sums the data it takes. ``clear`` (an input of the interface,
driven by the top) clears both synchronously. kratos writes ``Bus.Producer bus`` ports; loom flattens them
(docs/interfaces.md), so this design is compared in simulation.
"""

from kratos import Generator, Interface, always_comb, always_ff, posedge


class Bus(Interface):
    def __init__(self):
        Interface.__init__(self, "Bus")
        clk = self.clock("clk")
        clear = self.input("clear", 1, 1)
        data = self.var("data", 8)
        valid = self.var("valid", 1)
        ready = self.var("ready", 1)
        self.producer = self.modport("Producer")
        self.consumer = self.modport("Consumer")
        for name in (clk, clear):
            self.producer.set_input(name)
            self.consumer.set_input(name)
        for name in (data, valid):
            self.producer.set_output(name)
            self.consumer.set_input(name)
        self.producer.set_input(ready)
        self.consumer.set_output(ready)


BUS = Bus()


class Producer(Generator):
    def __init__(self):
        Generator.__init__(self, "Producer")
        self.bus = self.interface(BUS.producer, "bus", is_port=True)
        self.count = self.var("count", 8)
        self.wire(self.bus.data, self.count)

        @always_comb
        def offer():
            self.bus.valid = ~self.count[2]

        @always_ff((posedge, self.bus.clk))
        def step():
            if self.bus.clear:
                self.count = 0
            elif self.bus.valid & self.bus.ready:
                self.count = self.count + 3

        self.add_always(offer)
        self.add_always(step)


class Consumer(Generator):
    def __init__(self):
        Generator.__init__(self, "Consumer")
        self.bus = self.interface(BUS.consumer, "bus", is_port=True)
        self.stall = self.input("stall", 1)
        self.total = self.output("total", 8)
        self.sum = self.var("sum", 8)
        self.wire(self.total, self.sum)
        self.wire(self.bus.ready, ~self.stall)

        @always_ff((posedge, self.bus.clk))
        def accumulate():
            if self.bus.clear:
                self.sum = 0
            elif self.bus.valid & self.bus.ready:
                self.sum = self.sum + self.bus.data

        self.add_always(accumulate)


class Wrapper(Generator):
    def __init__(self):
        Generator.__init__(self, "Wrapper")
        self.bus = self.interface(BUS.consumer, "bus", is_port=True)
        self.stall = self.input("stall", 1)
        self.total = self.output("total", 8)
        inner = Consumer()
        self.add_child("inner", inner)
        self.wire(inner.bus, self.bus)
        self.wire(inner.stall, self.stall)
        self.wire(self.total, inner.total)


class Top(Generator):
    def __init__(self):
        Generator.__init__(self, "Top")
        clk = self.clock("clk")
        clear = self.input("clear", 1)
        stall = self.input("stall", 1)
        total = self.output("total", 8)
        data = self.output("data", 8)
        bus = self.interface(BUS, "bus")
        producer = Producer()
        wrapper = Wrapper()
        self.add_child("producer", producer)
        self.add_child("wrapper", wrapper)
        self.wire(bus.clk, clk)
        self.wire(bus.clear, clear)
        self.wire(producer.bus, bus.Producer)
        self.wire(wrapper.bus, bus)
        self.wire(wrapper.stall, stall)
        self.wire(total, wrapper.total)
        self.wire(data, bus.data)


def top():
    return Top()

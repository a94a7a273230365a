"""SystemVerilog interfaces (``loom.Interface``): an instance in the top, modport ports in the children, one
passed on through a wrapper, signals read and written from continuous and procedural code on both sides.

Simulated in Icarus against a Python model written from the description below (not from loom's output),
and linted with ``verilator -Wall``. Interface ports are flattened (docs/interfaces.md), which is why
Icarus, which cannot parse interface ports, runs the design.

The design: a producer offers ``data`` (a counter) with ``valid`` high unless bit 2 of the counter is set;
the consumer is ``ready`` unless ``stall`` is high (``mode`` forces it ready). On a transfer (valid and
ready) the counter steps by 3 and the consumer folds ``data`` into its accumulator by ``cfg``: 0 adds,
1 xors, 2 counts transfers, 3 holds. ``status`` shows the accumulator; a synchronous ``rst`` clears both.
"""

from __future__ import annotations

import pytest
from simulate import check_against_model, random_stimulus, reset_first, tools_available

from loom import Generator, Interface, always_comb, always_ff, posedge

pytestmark = pytest.mark.skipif(not tools_available(), reason="verilator/iverilog not installed")


class Handshake(Interface):
    def __init__(self) -> None:
        super().__init__("Handshake")
        clk, rst = self.clock("clk"), self.reset("rst")
        cfg = self.input("cfg", 2)
        status = self.output("status", 8)
        data, valid, ready, mode = self.var("data", 8), self.var("valid"), self.var("ready"), self.var("mode")
        self.producer = self.modport("Producer")
        for name in (clk, rst, ready):
            self.producer.set_input(name)
        for name in (data, valid):
            self.producer.set_output(name)
        self.consumer = self.modport("Consumer")
        for name in (clk, rst, data, valid, cfg, mode):
            self.consumer.set_input(name)
        for name in (ready, status):
            self.consumer.set_output(name)


HANDSHAKE = Handshake()


class Producer(Generator):
    def __init__(self) -> None:
        super().__init__("Producer")
        self.bus = self.interface(HANDSHAKE.producer, "bus", is_port=True)
        self.counter = self.var("counter", 8)
        self.wire(self.bus.data, self.counter)

        @always_comb
        def offer() -> None:
            if self.counter[2]:
                self.bus.valid = 0
            else:
                self.bus.valid = 1

        @always_ff((posedge, self.bus.clk))
        def step() -> None:
            if self.bus.rst:
                self.counter = 0
            elif self.bus.valid & self.bus.ready:
                self.counter = self.counter + 3

        self.add_always(offer)
        self.add_always(step)


class Consumer(Generator):
    def __init__(self) -> None:
        super().__init__("Consumer")
        self.bus = self.interface(HANDSHAKE.consumer, "bus", is_port=True)
        self.stall = self.input("stall")
        self.acc = self.var("acc", 8)
        self.bus.status.assign(self.acc)
        self.add_always(self.accept)
        self.add_always(self.fold)

    @always_comb
    def accept(self) -> None:
        self.bus.ready = ~self.stall | self.bus.mode

    @always_ff((posedge, "bus_clk"))
    def fold(self) -> None:
        if self.bus.rst:
            self.acc = 0
        elif self.bus.valid & self.bus.ready:
            if self.bus.cfg == 0:
                self.acc = self.acc + self.bus.data
            elif self.bus.cfg == 1:
                self.acc = self.acc ^ self.bus.data
            elif self.bus.cfg == 2:
                self.acc = self.acc + 1


class Wrapper(Generator):
    """Passes its Consumer port on to the consumer inside."""

    def __init__(self) -> None:
        super().__init__("Wrapper")
        self.bus = self.interface(HANDSHAKE.consumer, "bus", is_port=True)
        stall = self.input("stall")
        inner = Consumer()
        self.add_child("inner", inner, stall=stall)
        self.wire(self.bus, inner.bus)


class InterfaceTop(Generator):
    def __init__(self) -> None:
        super().__init__("InterfaceTop")
        clk, rst = self.clock("clk"), self.reset("rst")
        cfg, stall, mode = self.input("cfg", 2), self.input("stall"), self.input("mode")
        bus = self.interface(HANDSHAKE, "bus")
        self.wire(bus.clk, clk)
        self.wire(rst, bus.rst)
        self.wire(bus.cfg, cfg)

        @always_comb
        def drive_mode() -> None:
            bus.mode = mode

        self.add_always(drive_mode)
        producer = Producer()
        self.add_child("producer", producer)
        self.wire(producer.bus, bus.Producer)
        self.add_child("wrapper", Wrapper(), bus=bus, stall=stall)
        self.output("status", 8).assign(bus.status)
        self.output("fire").assign(bus.valid & bus.ready)
        self.output("data", 8).assign(bus.data)


class HandshakeModel:
    """The design from its description; the registers are unknown until the first reset."""

    def __init__(self) -> None:
        self.counter: int | None = None
        self.acc: int | None = None

    def __call__(self, inputs: dict[str, int]) -> dict[str, int | None]:
        ready = 1 if not inputs["stall"] or inputs["mode"] else 0
        if inputs["rst"] and self.counter is None:
            self.counter = self.acc = 0
            return {"status": None, "fire": None, "data": None}
        if self.counter is None or self.acc is None:
            return {"status": None, "fire": None, "data": None}
        valid = 0 if self.counter & 4 else 1
        fire = valid & ready
        out: dict[str, int | None] = {"status": self.acc, "fire": fire, "data": self.counter}
        if inputs["rst"]:
            self.counter = self.acc = 0
        elif fire:
            data, cfg = self.counter, inputs["cfg"]
            self.counter = (self.counter + 3) % 256
            self.acc = {0: (self.acc + data) % 256, 1: self.acc ^ data, 2: (self.acc + 1) % 256, 3: self.acc}[cfg]
        return out


def test_interface_hierarchy_simulates_against_model(tmp_path) -> None:
    top = InterfaceTop()
    stimulus = random_stimulus(top, 300, seed=15, overrides={"rst": reset_first(0.03)})
    files = check_against_model(top, HandshakeModel(), stimulus, tmp_path)
    text = "\n".join(path.read_text() for path in files)
    assert "interface Handshake;" in text and "modport Producer(" in text
    assert "Handshake bus();" in text and "assign bus.mode = " in text
    assert ".bus_ready (bus.ready)" in text  # the producer reads the interface's signal


class Config(Interface):
    """Only ports: a whole ``Config`` can be a port (each member has a direction)."""

    def __init__(self) -> None:
        super().__init__("Config")
        self.clock("clk")
        self.input("mode", 2)
        self.output("result", 8)


CONFIG = Config()


class Worker(Generator):
    """Reads ``mode`` through a whole-interface port and drives ``result``: ``x`` shifted left by ``mode``."""

    def __init__(self) -> None:
        super().__init__("Worker")
        self.cfg = self.interface(CONFIG, "cfg", is_port=True)
        self.x = self.input("x", 8)
        self.cfg.result.assign(self.x << self.cfg.mode)


class ConfigTop(Generator):
    """Connects through the ``Instance`` (``inst.cfg``) and clocks a register of its own with the interface's
    clock: ``last`` shows the previous cycle's ``result``."""

    def __init__(self) -> None:
        super().__init__("ConfigTop")
        clk = self.clock("clk")
        x, mode = self.input("x", 8), self.input("mode", 2)
        cfg = self.interface(CONFIG, "cfg")
        self.wire(cfg.clk, clk)
        self.wire(cfg.mode, mode)
        worker = self.add_child("worker", Worker(), x=x)
        self.wire(cfg, worker.cfg)
        self.output("result", 8).assign(cfg.result)
        self.last = self.var("last", 8)
        self.output("last_result", 8).assign(self.last)

        @always_ff((posedge, cfg.clk))
        def remember() -> None:
            self.last = cfg.result

        self.add_always(remember)


def test_whole_interface_port_and_interface_clock(tmp_path) -> None:
    top = ConfigTop()
    previous: list[int | None] = [None]

    def model(inputs: dict[str, int]) -> dict[str, int | None]:
        result = (inputs["x"] << inputs["mode"]) % 256
        shown = {"result": result, "last_result": previous[0]}
        previous[0] = result
        return shown

    check_against_model(top, model, random_stimulus(top, 60, seed=8), tmp_path)


class Shifter(Generator):
    """``result`` = ``x`` shifted left by ``mode``, plus ``offset``; made with ``create`` (a shared definition)."""

    def __init__(self, offset: int = 0, is_clone: bool = False) -> None:
        super().__init__(f"Shifter{offset}", is_clone=is_clone)
        self.cfg = self.interface(CONFIG, "cfg", is_port=True)
        self.x = self.input("x", 8)
        self.cfg.result.assign((self.x << self.cfg.mode) + offset)


class CloneTop(Generator):
    """Two ``create``d shifters, one connected through its clone object, one through its ``Instance``."""

    def __init__(self) -> None:
        super().__init__("CloneTop")
        clk, x, mode = self.clock("clk"), self.input("x", 8), self.input("mode", 2)
        for index in range(2):
            cfg = self.interface(CONFIG, f"cfg{index}")
            self.wire(cfg.clk, clk)
            self.wire(cfg.mode, mode)
            shifter = Shifter.create(offset=1)
            instance = self.add_child(f"shifter{index}", shifter, x=x)
            self.wire(shifter.cfg if index == 0 else instance.cfg, cfg)
            self.output(f"r{index}", 8).assign(cfg.result)


def test_created_clones_with_interface_ports(tmp_path) -> None:
    top = CloneTop()

    def model(inputs: dict[str, int]) -> dict[str, int | None]:
        result = ((inputs["x"] << inputs["mode"]) + 1) % 256
        return {"r0": result, "r1": result}

    files = check_against_model(top, model, random_stimulus(top, 30, seed=9), tmp_path)
    assert sum(path.name.startswith("Shifter") for path in files) == 1  # one definition for both

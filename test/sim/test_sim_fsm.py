"""FSMs in simulation: the UART transmitter example and reset styles, against Python models."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from simulate import Values, check_against_model, load_example, random_stimulus, reset_first, tools_available

from loom import Generator

pytestmark = pytest.mark.skipif(not tools_available(), reason="verilator/iverilog not installed")


class UartModel:
    """The transmitter cycle by cycle: the state, a bit timer, the shifted word and the bits sent."""

    def __init__(self, data_bits: int, cycles_per_bit: int):
        self.data_bits, self.cycles = data_bits, cycles_per_bit
        self.state: str | None = None
        self.timer = self.shift = self.sent = 0

    def __call__(self, inputs: Mapping[str, int]) -> Values:
        state = self.state
        if state is None:
            outputs: Values = {"tx": None, "ready": None, "accept": None}
        else:
            tx = {"IDLE": 1, "START": 0, "DATA": self.shift & 1, "STOP": 1}[state]
            outputs = {"tx": tx, "ready": int(state == "IDLE"), "accept": int(state == "IDLE" and inputs["valid"])}
        if inputs["rst"]:
            self.state, self.timer, self.shift, self.sent = "IDLE", 0, 0, 0
        elif state is not None:
            self.advance(state, inputs)
        return outputs

    def advance(self, state: str, inputs: Mapping[str, int]) -> None:
        tick = self.timer == self.cycles - 1
        transitions = {"IDLE": bool(inputs["valid"]), "START": tick,
                       "DATA": tick and self.sent == self.data_bits - 1, "STOP": tick}
        following = {"IDLE": "START", "START": "DATA", "DATA": "STOP", "STOP": "IDLE"}
        if state == "IDLE" and inputs["valid"]:
            self.shift = inputs["data"]
        elif state == "DATA" and tick:
            self.shift >>= 1
        self.sent = (self.sent + 1 if tick else self.sent) if state == "DATA" else 0
        self.timer = 0 if state == "IDLE" or tick else self.timer + 1
        if transitions[state]:
            self.state = following[state]


def decode_frames(tx: list[int], data_bits: int, cycles: int) -> list[int]:
    """The words on a serial line: a start bit, data bits LSB first and a stop bit, each ``cycles`` long."""
    words, index = [], 0
    while index < len(tx):
        if tx[index] != 0:
            index += 1
            continue
        end = index + cycles * (data_bits + 2)
        if end > len(tx):
            break
        bits = [tx[index + cycles * (1 + i)] for i in range(data_bits)]
        assert all(tx[index + j] == 0 for j in range(cycles)), "start bit not held"
        assert tx[end - cycles] == 1, "missing stop bit"
        words.append(sum(bit << i for i, bit in enumerate(bits)))
        index = end
    return words


@pytest.mark.parametrize("data_bits,cycles_per_bit", [(8, 4), (5, 3), (2, 1)])
def test_uart_tx_example(data_bits: int, cycles_per_bit: int, tmp_path: Path) -> None:
    uart = load_example("uart_tx").UartTx(data_bits, cycles_per_bit)
    stimulus = random_stimulus(uart, 600, seed=data_bits, overrides={
        "rst": lambda rng, cycle: int(cycle == 0), "valid": lambda rng, _: int(rng.random() < 0.3)})
    files = check_against_model(uart, UartModel(data_bits, cycles_per_bit), stimulus, tmp_path)
    text = files[0].read_text()
    for state in ("IDLE", "START", "DATA", "STOP"):
        assert f" {state} = " in text
    assert "case (line_state)" in text
    # Independently of the model: the words accepted are the words on the line, in order.
    from simulate import simulate

    outputs = simulate(files, uart, stimulus, tmp_path / "again")
    accepted = [s["data"] for s, o in zip(stimulus, outputs, strict=True) if o["accept"]]
    line = [o["tx"] for o in outputs[1:]]
    sent = decode_frames(line, data_bits, cycles_per_bit)
    assert sent == accepted[:len(sent)] and len(sent) >= len(accepted) - 1 and len(sent) > 5


class Toggle(Generator):
    """Two states with an asynchronous active-low reset; a Mealy output and an unconditional transition."""

    def __init__(self) -> None:
        super().__init__()
        self.clock()
        self.reset("rst_n", asynchronous=True, active_low=True)
        go = self.input("go")
        fsm = self.fsm("t")
        off, on = fsm.state("OFF"), fsm.state("ON")
        fsm.reset_state(off)
        light = fsm.output(self.output("light"))
        flash = fsm.output(self.var("flash"), default=0)
        off.next(on, go, outputs={flash: 1})
        on.output(light, 1)
        on.next(off)
        self.output("flash_o").assign(flash)
        self.output("state", fsm.state_enum).assign(fsm.current)


def test_async_low_reset_fsm(tmp_path: Path) -> None:
    state: list[int | None] = [None]

    def step(inputs: Mapping[str, int]) -> Values:
        s = state[0]
        out = {"light": None if s is None else s, "flash_o": None if s is None else int(s == 0 and inputs["go"]),
               "state": s}
        if not inputs["rst_n"]:
            state[0] = 0
            out = {"light": 0, "flash_o": inputs["go"], "state": 0}  # asynchronous: already in OFF this cycle
        elif s is not None:
            state[0] = 1 if s == 0 and inputs["go"] else 0
        return out

    top = Toggle()
    stimulus = random_stimulus(top, 200, seed=4, overrides={"rst_n": lambda rng, c: int(not (c == 0 or
                                                                                            rng.random() < 0.05))})
    files = check_against_model(top, step, stimulus, tmp_path)
    assert "always_ff @(posedge clk or negedge rst_n)" in files[0].read_text()


class Handshake(Generator):
    """An FSM in a generator made with create(): IDLE -> RUN on go, RUN -> IDLE when go drops; busy in RUN."""

    def __init__(self, is_clone: bool = False):
        super().__init__("Handshake", is_clone=is_clone)
        self.clock()
        self.reset()
        go = self.input("go")
        fsm = self.fsm("ctrl")
        idle, run = fsm.state("IDLE"), fsm.state("RUN")
        fsm.reset_state(idle)
        busy = fsm.output(self.output("busy"), default=0)
        idle.next(run, go)
        run.output(busy, 1)
        run.next(idle, ~go)


class TwoHandshakes(Generator):
    def __init__(self) -> None:
        super().__init__("TwoHandshakes")
        clk, rst = self.clock(), self.reset()
        go = self.input("go", 2)
        for index in range(2):  # the second create() replays __init__ on a clone of the first
            self.add_child(f"h{index}", Handshake.create(), clk=clk, rst=rst, go=go[index],
                           busy=self.output(f"busy{index}"))


def test_fsm_in_cloned_generators(tmp_path: Path) -> None:
    """Regression (random designs, issue 11): a clone's __init__ replaying fsm.state() raised
    "FSM 'ctrl' already has a state 'IDLE'"."""
    running: list[bool | None] = [None, None]

    def model(inputs: Mapping[str, int]) -> Values:
        outputs: Values = {f"busy{i}": None if running[i] is None else int(bool(running[i])) for i in range(2)}
        for i in range(2):
            go = inputs["go"] >> i & 1
            if inputs["rst"]:
                running[i] = False
            elif running[i] is not None:
                running[i] = bool(go)  # IDLE -> RUN on go, RUN -> IDLE on ~go: either way RUN follows go
        return outputs

    stimulus = random_stimulus(TwoHandshakes(), 120, seed=5, overrides={"rst": reset_first()})
    check_against_model(TwoHandshakes(), model, stimulus, tmp_path)

"""A register file with port bundles, flattened and with change-port-bundle-struct, against a Python model."""

from __future__ import annotations

from pathlib import Path

import pytest
from simulate import build, compare, expected_outputs, lint, random_stimulus, reset_first, simulate, tools_available

import loom
from loom import Array, Generator, PortBundle, mux

pytestmark = pytest.mark.skipif(not tools_available(), reason="verilator/iverilog not installed")


class WritePort(PortBundle):
    """A write port: every field is an input, so change-port-bundle-struct makes it a packed struct."""

    def __init__(self, depth_bits: int, width: int) -> None:
        super().__init__("write_port_t")
        self.input("en")
        self.input("addr", depth_bits)
        self.input("data", width)


class ReadPort(PortBundle):
    """A read port: the address goes in and the data comes out, so it stays flattened."""

    def __init__(self, depth_bits: int, width: int) -> None:
        super().__init__()
        self.input("addr", depth_bits)
        self.output("data", width)


class RegFile(Generator):
    """Four 8-bit registers (an array register), one write port, two read ports; reset wins over a write."""

    def __init__(self) -> None:
        super().__init__()
        self.clock()
        self.reset()
        wr = self.port_bundle("wr", WritePort(2, 8))
        reads = [self.port_bundle(f"rd{i}", ReadPort(2, 8)) for i in range(2)]
        regs = self.reg("regs", Array(8, 4))
        for i in range(4):
            regs[i].assign(mux(wr.en & (wr.addr == i), wr.data, regs[i]))
        for rd in reads:
            rd.data.assign(regs[rd.addr])


class Top(Generator):
    """Plain ports outside; inside, the register file is connected by bundle and by field."""

    def __init__(self) -> None:
        super().__init__()
        clk, rst = self.clock(), self.reset()
        wr = self.port_bundle("wr", WritePort(2, 8).flip().flip())
        a0, a1 = self.input("a0", 2), self.input("a1", 2)
        d0, d1 = self.output("d0", 8), self.output("d1", 8)
        rf = self.add_child("rf", RegFile(), clk=clk, rst=rst, wr=wr, rd0_addr=a0, rd0_data=d0)
        rf.rd1.addr.assign(a1)
        d1.assign(rf.rd1.data)


def regfile_model():
    regs: list[int | None] = [None] * 4

    def step(values):
        outputs = {"d0": regs[values["a0"]], "d1": regs[values["a1"]]}
        if values["rst"]:
            regs[:] = [0] * 4
        elif values["wr_en"] and regs[values["wr_addr"]] is not None:
            regs[values["wr_addr"]] = values["wr_data"]
        return outputs

    return step


@pytest.mark.parametrize("passes", ["", "change-port-bundle-struct"])
def test_regfile_against_model(tmp_path: Path, passes: str) -> None:
    top = Top()
    stimulus = random_stimulus(top, 300, seed=11, overrides={"rst": reset_first(0.02)})
    files = build(top, tmp_path / "rtl", passes=passes)
    lint(files, "Top")
    if passes:  # the write bundle is one packed port: its fields in declaration order, the first one on top
        stimulus = [{**v, "wr": (v["wr_en"] << 10) | (v["wr_addr"] << 8) | v["wr_data"]} for v in stimulus]
    actual = simulate(files, _flat_interface(top) if passes else top, stimulus, tmp_path / "sim")
    compare(actual, expected_outputs(regfile_model(), stimulus), stimulus)
    text = {f.stem: f.read_text() for f in files}
    if passes:
        assert "typedef struct packed {logic en; logic [1:0] addr; logic [7:0] data; } write_port_t;" in text["RegFile"]
        assert "input  write_port_t wr," in text["RegFile"]
        assert "rd0_addr" in text["RegFile"]  # the read ports go both ways: still flat
    else:
        assert "wr_data" in text["RegFile"]


def _flat_interface(top: Generator):
    """The top's interface after the pass: the write bundle is one packed port ``wr`` (same bits, same order)."""
    from simulate import Interface, PortSpec

    plain = Interface.of(top)
    inputs = [p for p in plain.inputs if not p.name.startswith("wr_")]
    position = [p.name for p in plain.inputs].index("wr_en")
    inputs.insert(position, PortSpec("wr", 11))
    return Interface(plain.module, tuple(inputs), plain.outputs, plain.clock)


def test_struct_info_of_the_regfile() -> None:
    """loom.struct_info: the same JSON data extract-struct-info writes, from a generator."""
    info = loom.struct_info(RegFile())
    assert info["structs"] == {}  # flattened bundles declare no struct
    from loom import Struct

    class WithStruct(Generator):
        def __init__(self) -> None:
            super().__init__()
            entry = Struct("entry_t", valid=1, tag=3, data=8)
            self.output("o", entry).assign(self.input("i", entry))

    info = loom.struct_info(WithStruct())
    assert info["structs"]["entry_t"]["fields"][1] == {"name": "tag", "width": 3, "msb": 10, "lsb": 8,
                                                      "type": "logic [2:0]"}
    assert info["ports"] == {"WithStruct": {"i": "entry_t", "o": "entry_t"}}

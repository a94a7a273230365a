"""Identity parameters and constant-only divergence: one module plus parameters, not one module per instance."""

from __future__ import annotations

import re

from loom import Design, Generator
from loom.dialect import remarks
from loom.tools.build import EXAMPLES_DIR, load_file

mesh = load_file(EXAMPLES_DIR / "mesh.py")


class Tile(Generator):
    """Reads its identity parameter ``ID`` (like a hart id) when ``reads_id``; ``wide`` adds a port by ID."""

    def __init__(self, reads_id: bool, port_by_id: bool = False) -> None:
        super().__init__("Tile")
        tile_id = self.param("ID", 0, width=8, identity=True)
        a = self.input("a", 8)
        self.output("o", 8).assign(a + tile_id if reads_id else a + 1)
        if port_by_id:
            self.output("first", 1, when=tile_id == 0).assign(1)


class Row(Generator):
    def __init__(self, tile: Generator, count: int = 64) -> None:
        super().__init__("Row")
        value = self.input("a", 8)
        for index in range(count):
            value = self.add_child(f"tile_{index}", tile, identity={"ID": index}, a=value).o
        self.output("o", 8).assign(value)


def test_sixty_four_tiles_with_an_unread_index_stay_one_module() -> None:
    design = Design(mesh.top(8, 8))
    assert sorted(design.modules) == ["Mesh", "Tile"]
    assert design.count("tile[X=3]") == 8 and design.count("tile[X=3, Y=0:4]") == 4
    with remarks.collect() as reported:
        sources = design.verilog(emit_locations=False)
    assert sorted(sources) == ["Mesh", "Tile"] and not reported


def test_a_read_identity_parameter_says_whether_it_split_or_stayed_a_parameter() -> None:
    design = Design(Row(Tile(reads_id=True)))
    with remarks.collect() as reported:
        kept = design.verilog(emit_locations=False, keep_parameters=True)
    assert sorted(kept) == ["Row", "Tile"]
    assert re.search(r"parameter \[7:0\] ID", kept["Tile"])
    assert [r.message for r in reported] == [
        "identity parameter 'ID' of 'Tile' is read by its logic: it stays a SystemVerilog parameter"
        " (one module for all values)"]
    assert "test_identity_and_constants.py" in str(reported[0]).splitlines()[0]  # at the first instance's line

    with remarks.collect() as reported:
        split = design.verilog(emit_locations=False)
    assert len(split) == 65
    assert "splits 'Tile' into one module per value (64 modules)" in reported[0].message


def test_an_identity_parameter_that_decides_a_port_splits_even_with_keep_parameters() -> None:
    design = Design(Row(Tile(reads_id=False, port_by_id=True), count=4))
    with remarks.collect() as reported:
        sources = design.verilog(emit_locations=False, keep_parameters=True)
    assert sorted(sources) == ["Row", "Tile_ID_0", "Tile_ID_1", "Tile_ID_2", "Tile_ID_3"]
    assert "splits 'Tile'" in reported[0].message


class Core(Generator):
    """A core that differs per instance only in a constant (its hart id); ``extra`` is a structural change."""

    def __init__(self, hart: int, extra: bool = False) -> None:
        super().__init__("Core")
        self.clock()
        a = self.input("a", 8)
        pc = self.reg("pc", 8, reset=False)
        pc.assign((pc + a) ^ hart if not extra else (pc - a) ^ hart)
        self.output("o", 8).assign(pc)


class Cluster(Generator):
    def __init__(self, count: int = 64, odd: int | None = None) -> None:
        super().__init__("Cluster")
        clk = self.clock()
        a = self.input("a", 8)
        acc = None
        for index in range(count):
            core = self.add_child(f"core_{index}", Core(index, extra=index == odd), clk=clk, a=a)
            acc = core.o if acc is None else acc ^ core.o
        self.output("o", 8).assign(acc)


def test_constant_only_divergence_becomes_one_module_and_a_parameter() -> None:
    design = Design(Cluster())
    assert len(design.modules) == 65  # one generator object per core: 64 definitions
    report = design.parameterize_constants()
    assert sorted(design.modules) == ["Cluster", "Core"] and report.parameters == {"Core": ["K0"]}
    sources = design.verilog(emit_locations=False)
    assert sorted(sources) == ["Cluster", "Core"]
    assert re.search(r"parameter \[7:0\] K0", sources["Core"])
    assert re.search(r"Core #\(\s*\.K0\(63\)\s*\) core_63", sources["Cluster"]), sources["Cluster"]


def test_one_structural_difference_makes_exactly_two_modules() -> None:
    design = Design(Cluster(odd=5))
    design.parameterize_constants()
    assert sorted(design.modules) == ["Cluster", "Core", "Core_5"]


def test_dedup_merges_only_equal_modules() -> None:
    design = Design(Cluster(count=4))
    report = design.dedup()
    assert report.merged == {} and len(design.modules) == 5  # the hart ids differ
    design = Design(Row(Tile(reads_id=False), count=4))
    design.duplicate("tile_2")
    assert sorted(design.modules) == ["Row", "Tile", "Tile_dup"]
    report = design.dedup()
    assert report.merged == {"Tile_dup": "Tile"} and sorted(design.modules) == ["Row", "Tile"]

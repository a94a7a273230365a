"""``young_collections_only``: no full collection inside the block; the collector's own settings after it."""

from __future__ import annotations

import gc

from loom.dialect.heap import young_collections_only


def test_no_full_collection_starts_inside_the_block_and_thresholds_come_back() -> None:
    saved = gc.get_threshold()
    gc.set_threshold(100, 1, 1)  # without the block, the allocations below start several full collections
    before = gc.get_threshold()
    full: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    try:
        with young_collections_only():
            gc.callbacks.append(count)
            with young_collections_only():  # nested: the outer setting stands
                inner = gc.get_threshold()
            garbage = [[] for _ in range(200_000)]  # enough allocations for many young collections
            del garbage
            gc.callbacks.remove(count)
    finally:
        after = gc.get_threshold()
        gc.set_threshold(*saved)
    assert inner[2] > before[2]
    assert not full, f"{len(full)} full collections"
    assert after == before


def test_garbage_made_inside_the_block_is_still_collected() -> None:
    with young_collections_only():
        cycle: list[object] = []
        cycle.append(cycle)
        del cycle
        assert gc.collect(0) >= 1



def test_writing_the_systemverilog_starts_no_full_collection(tmp_path, monkeypatch) -> None:
    """ExportVerilog runs right after a pipeline run, when the collector owes a full collection (at 10,000
    modules one visited every generator object and cost about half the export phase). From the moment
    ExportVerilog starts until the file list is returned, every collection must be a young one with the
    guard's threshold set."""
    import circt

    from loom import Generator
    from loom.driver.pass_manager import build_verilog_module
    from loom.lowering.export import BackendOptions, export_split

    class Adder(Generator):
        def __init__(self) -> None:
            super().__init__("Adder")
            a, b = self.input("a", 8), self.input("b", 8)
            self.output("o", 8).assign(a + b)

    code_gen = build_verilog_module(Adder(), BackendOptions())
    code_gen.run_passes()
    exporting: list[bool] = []
    seen: list[tuple[int, int]] = []
    export_verilog = circt.export_split_verilog

    def export_and_mark(*args: object) -> None:
        exporting.append(True)
        export_verilog(*args)

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and exporting:
            seen.append((info["generation"], gc.get_threshold()[2]))

    monkeypatch.setattr(circt, "export_split_verilog", export_and_mark)
    saved = gc.get_threshold()
    gc.set_threshold(1, 1, 1)  # a collection at almost every allocation, so some start while files are listed
    gc.callbacks.append(record)
    try:
        files = export_split(code_gen.module, tmp_path)
    finally:
        gc.callbacks.remove(record)
        gc.set_threshold(*saved)
    assert [path.name for path in files] == ["Adder.sv"]
    assert seen, "no collection started: the test shows nothing"
    assert all(generation < 2 and oldest > 1 for generation, oldest in seen), seen

"""``export.export_sources`` (``loom.verilog``'s texts) equals what split ExportVerilog writes, file by file.

A design of plain ``hw.module`` ops is exported as one text and cut into modules; every other design goes
through the split export into scratch files. Either way each text must be byte for byte the file
``loom.emit`` writes for that module, in the same order: checked on every example, on random designs
(``tools/fuzz``), and on IR that takes the fallback.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from circt import ir

import loom
from loom.dialect.context import new_context
from loom.lowering import export
from loom.lowering.export import BackendOptions, apply_lowering_options, export_sources, export_split
from loom.tools.build import example_files, load_file, load_generator
from loom.tools.fuzz.describe import random_design
from loom.tools.fuzz.source import design_source


def _split_files(module: ir.Module) -> dict[str, str]:
    """``{module: text}`` of the files split ExportVerilog writes for ``module`` (into a scratch folder)."""
    with tempfile.TemporaryDirectory() as scratch:
        return {path.stem: path.read_text() for path in export_split(module, scratch)}


def _written(top: object, tmp_path: Path, **options: bool) -> dict[str, str]:
    """``{module: text}`` of the files ``loom.emit`` writes, in ``filelist.f`` order."""
    return {path.stem: path.read_text() for path in loom.emit(top, tmp_path, **options)}


@pytest.mark.parametrize("example", [path.stem for path in example_files()])
def test_examples_match_the_split_files(example: str, tmp_path: Path) -> None:
    target = f"{example_files()[0].parent / example}.py:top"
    for keep in (False, True):
        sources = loom.verilog(load_generator(target, {}), keep_parameters=keep)
        written = _written(load_generator(target, {}), tmp_path / str(keep), keep_parameters=keep)
        assert list(sources) == list(written)
        assert sources == written


def test_random_designs_match_the_split_files(tmp_path: Path) -> None:
    for seed in range(300, 312):
        directory = tmp_path / str(seed)
        directory.mkdir()
        program = directory / "design.py"
        program.write_text(design_source(random_design(seed)))
        module = load_file(program)
        sources = loom.verilog(module.TOP(), emit_locations=False, **module.EMIT)
        written = _written(module.TOP(), directory / "rtl", emit_locations=False, **module.EMIT)
        assert list(sources) == list(written), seed
        assert sources == written, seed


def test_plain_design_writes_no_scratch_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """The single text serves a design of plain modules: the split export is never asked (it would fail here)."""
    def no_files(*_: object) -> None:
        raise AssertionError("split export used")

    monkeypatch.setattr(export, "export_split", no_files)
    counter = load_generator(f"{example_files()[0].parent / 'counter'}.py:top", {})
    sources = loom.verilog(counter, emit_locations=False)
    assert list(sources) == ["Counter8"]
    assert sources["Counter8"].startswith("module Counter8(") and sources["Counter8"].endswith("endmodule\n\n")


MARKED = """
hw.module @Latch(in %en : i1, in %d : i4, out o : i4) {
  %q = sv.reg : !hw.inout<i4>
  sv.alwayscomb {
    sv.if %en {
      sv.bpassign %q, %d : i4
    }
  } {sv.attributes = [#sv.attribute<"loom_always_latch">]}
  sv.initial {
    sv.bpassign %q, %d : i4
  } {sv.attributes = [#sv.attribute<"loom_final">]}
  %0 = sv.read_inout %q : !hw.inout<i4>
  hw.output %0 : i4
}
hw.module @Top(in %en : i1, in %d : i4, out o : i4) {
  %0 = hw.instance "u" @Latch(en: %en: i1, d: %d: i4) -> (o: i4)
  hw.output %0 : i4
}
"""


def _single_text_and_split_files(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, str], dict[str, str]]:
    """``export_sources`` of the IR ``text`` (failing if it takes the split export), and the split files."""
    with new_context():
        module = ir.Module.parse(text)
        apply_lowering_options(module.operation, BackendOptions(emit_locations=False))
        with monkeypatch.context() as patched:
            patched.setattr(export, "export_split", lambda *_: pytest.fail("split export used"))
            sources = export_sources(module)
        return sources, _split_files(module)  # (it marks each module with its file: not before)


def test_single_text_realizes_marked_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """``always_latch`` and ``final`` blocks (``dialect/marked_blocks.py``) in a design the single text serves are
    printed with their keywords, as in the split files."""
    sources, written = _single_text_and_split_files(MARKED, monkeypatch)
    assert sources == written
    assert "always_latch begin" in sources["Latch"] and "final" in sources["Latch"]
    assert "loom_" not in sources["Latch"] and "always_comb" not in sources["Latch"]


RENAMED = """
hw.module @reg(in %a : i4, out o : i4) {
  hw.output %a : i4
}
hw.module @Top(in %a : i4, out o : i4) {
  %0 = hw.instance "u" @reg(a: %a: i4) -> (o: i4)
  hw.output %0 : i4
}
"""

TYPEDEFS = """
hw.type_scope @Types {
  hw.typedecl @pair : !hw.struct<a: i2, b: i2>
}
hw.module @Top(in %p : !hw.typealias<@Types::@pair, !hw.struct<a: i2, b: i2>>, out o : i2) {
  %a = hw.struct_extract %p["a"] : !hw.typealias<@Types::@pair, !hw.struct<a: i2, b: i2>>
  hw.output %a : i2
}
"""

PLAIN = RENAMED.replace("@reg", "@Leaf")
"""Modules the single text serves (with loom's options)."""

END_MARKER_INSIDE = """
hw.module @A(in %a : i4, out o : i4) {
  sv.verbatim "// endmodule\\n\\n// still A"
  hw.output %a : i4
}
hw.module @Top(in %a : i4, out o : i4) {
  %0 = hw.instance "u" @A(a: %a: i4) -> (o: i4)
  hw.output %0 : i4
}
"""

COMMENTED = """
sv.macro.decl @SYNTHESIS
hw.module @A(in %a : i4, out o : i4) attributes {comment = "first line\\nsecond line"} {
  hw.output %a : i4
}
hw.module @B(in %clk : i1, in %a : i4, out o : i4) attributes {comment = "a comment for B"} {
  %0 = hw.instance "u" @A(a: %a: i4) -> (o: i4)
  sv.ifdef @SYNTHESIS {
  } else {
    sv.always posedge %clk {
      sv.fwrite %fd, "hello"
    }
  }
  %fd = hw.constant -2147483646 : i32
  hw.output %0 : i4
}
"""


def test_single_text_keeps_comments_and_macros(monkeypatch: pytest.MonkeyPatch) -> None:
    """Module comments (printed above `module`), a macro declaration and an `ifndef block: one text, cut, is
    still each split file."""
    sources, written = _single_text_and_split_files(COMMENTED, monkeypatch)
    assert sources == written
    assert sources["B"].startswith("// a comment for B\nmodule B(")
    assert sources["A"].startswith("// first line\n// second line\nmodule A(")


@pytest.mark.parametrize(("text", "options"), [
    (RENAMED, None), (TYPEDEFS, None), (END_MARKER_INSIDE, None), (PLAIN, "disallowLocalVariables"),
], ids=["keyword-renamed", "typedefs", "end-marker-inside-a-module", "version-banner"])
def test_fallback_matches_the_split_files(text: str, options: str | None) -> None:
    """A module ExportVerilog renames (its file takes the new name), typedefs (copied into every file), a module
    whose text holds ``endmodule`` and a blank line (the cut would split it) and options that print the tool's
    banner (into every file) go through the split export: the texts are still the files."""
    with new_context():
        module = ir.Module.parse(text)
        apply_lowering_options(module.operation, BackendOptions(emit_locations=False))
        if options is not None:
            module.operation.attributes["circt.loweringOptions"] = ir.StringAttr.get(options)
        sources = export_sources(module)
        written = _split_files(module)
    assert sources == written
    assert "Top" in sources

"""``extract-debug-info``: map SystemVerilog lines to the Python lines that produced them (kratos).

Writes a JSON file (option ``output``, default ``debug.json``) that a
debugger or a waveform viewer uses to go from a line of the generated
SystemVerilog to the generator code and back. The mapping comes from CIRCT's
ExportVerilog itself: every op carries its Python ``file:line:col`` and
ExportVerilog writes the locations of the ops on each line as a trailing
``// file.py:12:4, :13:8`` comment; this pass exports the design split per
module (with location comments, whatever the module's options say) and
reads those comments back, so the line numbers are those of the files loom
writes by default (``loom.emit``, ``generate-verilog{out-dir=...}``).

The format (``"version": 1``), documented in docs/debug-info.md::

    {
      "version": 1,
      "top": "Counter4",
      "files": {
        "Counter4.sv": {"module": "Counter4",
                        "lines": {"9": [["examples/counter.py", 32]], ...}}
      },
      "python": {
        "examples/counter.py": {"32": [["Counter4.sv", 9], ["Counter4.sv", 13]], ...}
      }
    }

``files[f].lines[n]``: the Python (file, line) pairs of SystemVerilog line
``n`` (1-based) of file ``f``. ``python[p][n]``: the SystemVerilog (file,
line) pairs that Python line ``n`` of ``p`` produced, the inverse, for
setting a breakpoint on a generator line. Paths are as the frontend recorded
them (relative to the working directory when below it).
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from circt import ir

from .generate_verilog import export_to
from .pass_kinds import PassKind
from .pass_options import TopOptions, option
from .registry import loom_pass
from .stage import needs_lowered_ir
from .structure import top_module

FORMAT_VERSION = 1
_COMMENT = re.compile(r"\t// (.*)$")
_PAIR = re.compile(r"(\d+):(?:\d+|\{[\d,\s]*\})")


def python_lines(comment: str, previous_file: str = "") -> list[tuple[str, int]]:
    """The (file, line) pairs of one ExportVerilog location comment.

    Forms: ``f.py:12:4``, ``:13:8`` (same file as before), ``f.py:12:{4,9}``
    (several columns), ``f.py:{12:4, 13:8}`` (several lines), separated by ``, ``.
    """
    pairs: list[tuple[str, int]] = []
    current = previous_file
    for item in _split_items(comment):
        head, sep, rest = item.partition(":")
        if not sep:
            continue
        if head:
            current = head.strip()
        lines = [int(m.group(1)) for m in _PAIR.finditer(rest)] if rest.startswith("{") else \
            [int(rest.split(":")[0])] if rest.split(":")[0].isdigit() else []
        pairs.extend((current, line) for line in lines)
    return list(dict.fromkeys(pairs))


def _split_items(comment: str) -> list[str]:
    items: list[str] = []
    current: list[str] = []
    depth = 0
    for char in comment:
        depth += char == "{"
        depth -= char == "}"
        if char == "," and depth == 0:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    items.append("".join(current).strip())
    return [item for item in items if item]


def file_mapping(text: str) -> dict[str, list[list[object]]]:
    """SystemVerilog line number (as a string) -> [[python file, line], ...] for one file."""
    lines: dict[str, list[list[object]]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _COMMENT.search(line)
        if match is None:
            continue
        pairs = python_lines(match.group(1))
        if pairs:
            lines[str(number)] = [[file, py_line] for file, py_line in pairs]
    return lines


def debug_info(root: ir.Operation, top: str | None = None) -> dict[str, object]:
    """The mapping for a lowered design (see the module docstring for the format)."""
    saved = root.attributes["circt.loweringOptions"] if "circt.loweringOptions" in root.attributes else None
    if saved is not None:
        kept = [o for o in ir.StringAttr(saved).value.split(",") if o and not o.startswith("locationInfoStyle")]
        root.attributes["circt.loweringOptions"] = ir.StringAttr.get(",".join(kept))
    try:
        with tempfile.TemporaryDirectory(prefix="loom-debug-") as scratch:
            texts = {path.name: path.read_text() for path in export_to(root, out_dir=scratch)}
    finally:
        if saved is not None:
            root.attributes["circt.loweringOptions"] = saved
    files: dict[str, object] = {}
    python: dict[str, dict[str, list[list[object]]]] = {}
    for name, text in texts.items():
        lines = file_mapping(text)
        files[name] = {"module": Path(name).stem, "lines": lines}
        for sv_line, pairs in lines.items():
            for py_file, py_line in pairs:
                python.setdefault(str(py_file), {}).setdefault(str(py_line), []).append([name, int(sv_line)])
    return {"version": FORMAT_VERSION, "top": top, "files": files, "python": python}


@dataclass(frozen=True, kw_only=True)
class DebugInfoOptions(TopOptions):
    """The options of ``extract-debug-info``."""

    output: str = option("debug.json", help="the JSON file to write")


@loom_pass("extract-debug-info", kind=PassKind.DESIGN,
           summary="Write a JSON map from SystemVerilog lines to Python source lines (and back)",
           options=DebugInfoOptions)
@needs_lowered_ir
def run(module: ir.Operation, options: DebugInfoOptions) -> None:
    """Write the SystemVerilog-line -> Python-line mapping (and its inverse) as JSON to `output`."""
    top = options.top or top_module(module, None, "extract-debug-info")
    info = debug_info(module, top)
    Path(options.output).write_text(json.dumps(info, sort_keys=True, separators=(",", ":")) + "\n")

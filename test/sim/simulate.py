"""Lint and simulate loom's SystemVerilog, cycle by cycle, against a Python model.

Reusable from any pytest file in this folder (pytest puts it on ``sys.path``)::

    from simulate import build, lint, simulate, check_against_model

    files = build(Counter(4), tmp_path)             # loom.emit, no location comments
    lint(files, "Counter4")                         # verilator --lint-only -Wall, must be clean
    outputs = simulate(files, Counter(4), stimulus, tmp_path)

How a simulation works: the testbench reads one stimulus vector per cycle
from a ``$readmemh`` file (all data inputs packed, first input in the most
significant bits). In cycle ``i`` it applies vector ``i`` while the clock is
low, waits for the logic to settle, prints every output (``%h``), then gives
one rising clock edge. So cycle ``i``'s outputs are what the design shows
*before* edge ``i``: the register state after ``i`` edges, combined with the
inputs of cycle ``i``. A Python model follows the same convention with a
``step(inputs) -> outputs`` call per cycle that returns the outputs first
and then updates its state. Outputs containing ``x``/``z`` parse as ``None``;
a model returns ``None`` for a "don't care" output (e.g. before the first
reset).
"""

from __future__ import annotations

import random
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Callable, Iterable, Mapping, Sequence

import loom
from loom import Generator
from loom.frontend.typebase import bit_count
from loom.tools.build import EXAMPLES_DIR, load_file

Values = dict[str, int | None]
Stimulus = Sequence[Mapping[str, int]]


@dataclass(frozen=True)
class PortSpec:
    name: str
    width: int


@dataclass(frozen=True)
class Interface:
    """What a testbench needs to know about the top module."""

    module: str
    inputs: tuple[PortSpec, ...]
    outputs: tuple[PortSpec, ...]
    clock: str | None

    @classmethod
    def of(cls, generator: Generator) -> "Interface":
        """The interface of a top-level generator (unconditional ports with fixed widths only)."""
        inputs, outputs, clocks = [], [], []
        for port in generator.port_list:
            width = bit_count(port.width)  # structs and arrays are driven and printed as plain bits
            if port.condition is not None or width is None:
                raise ValueError(f"port '{port.name}' of '{generator.name}' is conditional or parametric;"
                                 " wrap the module in a top with fixed ports to simulate it")
            if port.kind == "clock":
                clocks.append(port.name)
            elif port.direction == "in":
                inputs.append(PortSpec(port.name, width))
            else:
                outputs.append(PortSpec(port.name, width))
        if len(clocks) > 1:
            raise ValueError(f"'{generator.name}' has several clocks ({', '.join(clocks)}); the testbench drives one")
        return cls(generator.name, tuple(inputs), tuple(outputs), clocks[0] if clocks else None)


# -- tools -----------------------------------------------------------------------


def tools_available() -> bool:
    return all(shutil.which(tool) for tool in ("verilator", "iverilog", "vvp"))


def build(generator: Generator, out_dir: Path, **options: object) -> list[Path]:
    """``loom.emit`` without location comments; returns the .sv files in filelist order."""
    return loom.emit(generator, out_dir, emit_locations=False, **options)  # type: ignore[arg-type]


def lint(files: Iterable[Path], top: str) -> None:
    """``verilator --lint-only -Wall``; raises AssertionError with verilator's output unless clean."""
    command = ["verilator", "--lint-only", "-Wall", "--top-module", top, *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    if result.returncode != 0 or result.stdout.strip() or result.stderr.strip():
        raise AssertionError(f"verilator lint of {top} is not clean:\n{result.stdout}{result.stderr}")


# -- testbench -------------------------------------------------------------------


def testbench_source(interface: Interface, vector_file: str, cycles: int) -> str:
    """A SystemVerilog testbench module ``tb`` for ``interface`` (see the module docstring)."""
    packed = sum(p.width for p in interface.inputs)
    lines = ["`timescale 1ns/1ps", "module tb;"]
    if interface.clock is not None:
        lines.append(f"  logic {interface.clock} = 1'b0;")
    for port in interface.inputs:
        lines.append(f"  logic [{port.width - 1}:0] {port.name};")
    for port in interface.outputs:
        lines.append(f"  wire [{port.width - 1}:0] {port.name};")
    if packed:
        lines.append(f"  logic [{packed - 1}:0] vectors [0:{cycles - 1}];")
    connections = [p.name for p in interface.inputs] + [p.name for p in interface.outputs]
    if interface.clock is not None:
        connections.insert(0, interface.clock)
    lines.append(f"  {interface.module} dut ({', '.join(f'.{c}({c})' for c in connections)});")
    lines += ["  integer cycle;", "  initial begin"]
    if packed:
        lines.append(f'    $readmemh("{vector_file}", vectors);')
    lines.append(f"    for (cycle = 0; cycle < {cycles}; cycle = cycle + 1) begin")
    if packed:
        lines.append(f"      {{{', '.join(p.name for p in interface.inputs)}}} = vectors[cycle];")
    lines.append("      #1;")
    formats = " ".join("%h" for _ in interface.outputs)
    arguments = "".join(f", {p.name}" for p in interface.outputs)
    lines.append(f'      $display("@ %0d {formats}", cycle{arguments});')
    if interface.clock is not None:
        lines.append(f"      {interface.clock} = 1'b1; #1; {interface.clock} = 1'b0;")
    lines += ["    end", "    $finish;", "  end", "endmodule", ""]
    return "\n".join(lines)


def vector_lines(interface: Interface, stimulus: Stimulus) -> list[str]:
    """One hex word per cycle: the inputs packed, first input most significant."""
    packed = sum(p.width for p in interface.inputs)
    digits = max(1, (packed + 3) // 4)
    lines = []
    for cycle, values in enumerate(stimulus):
        word = 0
        for port in interface.inputs:
            value = values[port.name]
            if not 0 <= value < (1 << port.width):
                raise ValueError(f"cycle {cycle}: {port.name}={value} does not fit in {port.width} bits")
            word = (word << port.width) | value
        lines.append(f"{word:0{digits}x}")
    return lines


def parse_output(text: str, interface: Interface, cycles: int) -> list[Values]:
    """The ``@ cycle v1 v2 ...`` lines the testbench printed, as dicts (``None`` for x/z values)."""
    results: list[Values] = []
    for line in text.splitlines():
        fields = line.split()
        if not fields or fields[0] != "@":
            continue
        if int(fields[1]) != len(results) or len(fields) != 2 + len(interface.outputs):
            raise AssertionError(f"unexpected simulator line {line!r}")
        results.append({p.name: _parse_hex(v) for p, v in zip(interface.outputs, fields[2:])})
    if len(results) != cycles:
        raise AssertionError(f"simulation printed {len(results)} of {cycles} cycles:\n{text}")
    return results


def _parse_hex(text: str) -> int | None:
    try:
        return int(text, 16)
    except ValueError:
        return None


def simulate(files: Sequence[Path], top: Generator | Interface, stimulus: Stimulus, work_dir: Path) -> list[Values]:
    """Run ``stimulus`` through the design with Icarus Verilog; returns the outputs of every cycle."""
    interface = top if isinstance(top, Interface) else Interface.of(top)
    work_dir.mkdir(parents=True, exist_ok=True)
    vector_file = work_dir / "stimulus.hex"
    vector_file.write_text("\n".join(vector_lines(interface, stimulus)) + "\n")
    bench = work_dir / "tb.sv"
    bench.write_text(testbench_source(interface, vector_file.name, len(stimulus)))
    binary = work_dir / "sim.vvp"
    compile_cmd = ["iverilog", "-g2012", "-s", "tb", "-o", str(binary), str(bench), *map(str, files)]
    compiled = subprocess.run(compile_cmd, capture_output=True, text=True, timeout=60)
    if compiled.returncode != 0:
        raise AssertionError(f"iverilog failed:\n{compiled.stdout}{compiled.stderr}")
    run = subprocess.run(["vvp", "-n", binary.name], capture_output=True, text=True, cwd=work_dir, timeout=60)
    if run.returncode != 0:
        raise AssertionError(f"vvp failed:\n{run.stdout}{run.stderr}")
    return parse_output(run.stdout, interface, len(stimulus))


# -- models and comparison ---------------------------------------------------------


Model = Callable[[Mapping[str, int]], Values]


def expected_outputs(model: Model, stimulus: Stimulus) -> list[Values]:
    return [model(values) for values in stimulus]


def compare(actual: Sequence[Values], expected: Sequence[Values], stimulus: Stimulus) -> None:
    """Every cycle, every output; ``None`` expected means "don't care". Reports the first mismatch."""
    assert len(actual) == len(expected)
    for cycle, (got, want) in enumerate(zip(actual, expected)):
        for name, value in want.items():
            if value is None:
                continue
            if got[name] != value:
                context = "\n".join(f"  cycle {c}: in {dict(stimulus[c])} out {actual[c]} expected {expected[c]}"
                                    for c in range(max(0, cycle - 3), cycle + 1))
                raise AssertionError(f"cycle {cycle}: output '{name}' is {got[name]}, expected {value}\n{context}")


def check_against_model(generator: Generator, model: Model, stimulus: Stimulus, work_dir: Path,
                        **options: object) -> list[Path]:
    """Build (``options`` go to ``loom.emit``), lint, simulate and compare every cycle; returns the .sv files."""
    files = build(generator, work_dir / "rtl", **options)
    lint(files, generator.name)
    actual = simulate(files, generator, stimulus, work_dir / "sim")
    compare(actual, expected_outputs(model, stimulus), stimulus)
    return files


def random_stimulus(generator: Generator | Interface, cycles: int, seed: int,
                    overrides: Mapping[str, Callable[[random.Random, int], int]] | None = None) -> list[dict[str, int]]:
    """Uniformly random values for every data input; ``overrides[name](rng, cycle)`` picks special ones (resets)."""
    interface = generator if isinstance(generator, Interface) else Interface.of(generator)
    rng = random.Random(seed)
    overrides = overrides or {}
    stimulus = []
    for cycle in range(cycles):
        values = {}
        for port in interface.inputs:
            pick = overrides.get(port.name)
            values[port.name] = pick(rng, cycle) if pick else rng.getrandbits(port.width)
        stimulus.append(values)
    return stimulus


def reset_first(probability: float = 0.05) -> Callable[[random.Random, int], int]:
    """A reset input: high in cycle 0, then high with ``probability``."""
    return lambda rng, cycle: 1 if cycle == 0 or rng.random() < probability else 0


def load_example(name: str) -> ModuleType:
    """Import ``examples/<name>.py`` (the examples folder is not an installed package)."""
    return load_file(EXAMPLES_DIR / f"{name}.py")


def load_kratos_design(name: str, tmp_path: Path) -> ModuleType:
    """The kratos-style design ``bench/kratos_designs/<name>.py`` after the renames of docs/from-kratos.md
    (imports only), imported as a module (``bench/kratos_crosscheck.py`` builds the original with kratos)."""
    import importlib.util

    source = (Path(__file__).resolve().parents[2] / "bench" / "kratos_designs" / f"{name}.py").read_text()
    port = tmp_path / f"{name}.py"
    port.write_text(source.replace("from kratos import", "from loom import"))
    spec = importlib.util.spec_from_file_location(f"port_{name}", port)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def port_names(sv_text: str, module: str) -> list[str]:
    """The port names in the header of ``module`` in ExportVerilog output (``module M(...);``)."""
    import re

    match = re.search(rf"\bmodule\s+{re.escape(module)}\b(.*?)\);", sv_text, re.DOTALL)
    if match is None:
        raise AssertionError(f"no module {module} in:\n{sv_text}")
    header = match.group(1)
    header = re.sub(r"//[^\n]*", "", header)
    header = re.sub(r"#\s*\((?:[^()]|\([^()]*\))*\)", "", header)  # parameter list
    header = re.sub(r"\[[^\]]*\]", "", header)
    keywords = {"input", "output", "inout", "wire", "logic", "reg", "signed"}
    names = []
    for chunk in header.replace("(", ",").split(","):
        words = [w for w in re.findall(r"[A-Za-z_]\w*", chunk) if w not in keywords]
        if words:
            names.append(words[-1])
    return names

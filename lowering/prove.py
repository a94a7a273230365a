"""Equivalence proofs of two SystemVerilog designs with yosys (translation validation).

``prove(gold, gate, top)`` reads each side on its own, flattens it under ``top``
and writes it out as RTLIL (``proc; flatten; memory; async2sync``: the recipe that
works with yosys 0.23, Debian's ``yosys``), then asks yosys to prove every output
and register of ``top`` equal in both: ``equiv_make``, ``equiv_simple -seq 5``,
``equiv_induct -seq 5`` and ``equiv_status -assert`` (first without
``equiv_induct``, which is slow on large designs and not needed when
``equiv_simple`` proves all). ``equiv_make`` pairs the signals of both sides by
name; which names it may pair is decided from the flattened wires
(``prove_names.py``): temporaries ExportVerilog made up (``_GEN_1``, also under an
instance path, ``u2._GEN_6``) are left unpaired, and a register a pass renamed by
inlining (``u0.r`` flattened on one side, ``u0_r`` on the other) is paired when that
reading is unique on both sides.

The verdict is one of: equivalent, not equivalent (yosys found unproven
equivalences: the log says which signals), or unsupported (yosys could not read
or elaborate a construct, e.g. unpacked array ports; callers fall back to
simulation or say so).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .prove_names import inlined_pairs, public_wires, temporaries

QUICK_STEPS = "equiv_make gold gate equiv; hierarchy -top equiv; equiv_simple -seq 5; equiv_status -assert"
"""Enough for most designs; ``equiv_induct`` costs minutes on large ones (a 1,024-tile mesh: 5 min)."""
PROOF_STEPS = "equiv_make gold gate equiv; hierarchy -top equiv; equiv_simple -seq 5; equiv_induct -seq 5; " \
              "equiv_status; equiv_status -assert"
PREPARE = "proc; flatten; memory; async2sync; opt_clean"


class Outcome(Enum):
    EQUIVALENT = "equivalent"
    DIFFERENT = "not equivalent"
    UNSUPPORTED = "yosys cannot read it"


@dataclass(frozen=True)
class Verdict:
    top: str
    outcome: Outcome
    log: str  # the part of yosys's log that explains the outcome

    @property
    def equivalent(self) -> bool:
        return self.outcome is Outcome.EQUIVALENT


def yosys_available() -> bool:
    return shutil.which("yosys") is not None


def _side_script(name: str, files: list[Path], top: str, rtlil: Path) -> str:
    """Read one side, flatten it under ``top`` (renamed ``name``; the children go) and write it as RTLIL."""
    reads = "; ".join(f"read_verilog -sv {path}" for path in files)
    return f"{reads}; hierarchy -top {top}; {PREPARE}; rename {top} {name}; hierarchy -top {name}; " \
           f"write_rtlil {rtlil}; design -reset"


def _yosys(script: str, root: Path, name: str, timeout: float) -> subprocess.CompletedProcess[str] | None:
    """Run ``script`` (kept in ``root/name.ys`` for whoever debugs a proof); None when it took too long."""
    (root / f"{name}.ys").write_text(script.replace("; ", "\n") + "\n")
    try:
        return subprocess.run(["yosys", "-p", script], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None


def _write_sides(root: Path, gold: Mapping[str, str], gate: Mapping[str, str]) -> dict[str, list[Path]]:
    sides: dict[str, list[Path]] = {}
    for name, sources in (("gold", gold), ("gate", gate)):
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        sides[name] = []
        for module, text in sources.items():
            path = folder / f"{module}.sv"
            path.write_text(text)
            sides[name].append(path)
    return sides


def _pairing(root: Path) -> tuple[Path, list[str]]:
    """The ``-blacklist`` file for ``equiv_make`` and the renames that pair inlined signals (on gold)."""
    gold_names, gold_ports = public_wires((root / "gold.il").read_text())
    gate_names, gate_ports = public_wires((root / "gate.il").read_text())
    blacklist = root / "temporaries.txt"
    unpaired = temporaries(gold_names, gold_ports) | temporaries(gate_names, gate_ports)
    blacklist.write_text("".join(f"{name}\n" for name in sorted(unpaired)))
    renames = [f"rename {old} {new}" for old, new in sorted(inlined_pairs(gold_names, gate_names).items())]
    return blacklist, renames


def prove(gold: Mapping[str, str], gate: Mapping[str, str], top: str, *, timeout: float = 300,
          work_dir: Path | None = None) -> Verdict:
    """Prove ``top`` of ``gate`` (``{module: SystemVerilog}``) equivalent to ``top`` of ``gold``.

    When ``top`` and every module below it have the same text on both sides (comments aside), they are
    equivalent without asking yosys (whose induction takes minutes on a design of a thousand instances).
    """
    if _same_text(gold, gate, top):
        return Verdict(top, Outcome.EQUIVALENT, "")
    with tempfile.TemporaryDirectory(prefix="loom-prove-") as scratch:
        root = work_dir or Path(scratch)
        sides = _write_sides(root, gold, gate)
        prepare = "; ".join(_side_script(name, files, top, root / f"{name}.il") for name, files in sides.items())
        run = _yosys(prepare, root, "prepare", timeout)
        if run is None:
            return Verdict(top, Outcome.UNSUPPORTED, f"yosys did not finish within {timeout:.0f} s")
        if run.returncode != 0:
            return Verdict(top, Outcome.UNSUPPORTED, _explain(run.stdout + run.stderr))
        blacklist, renames = _pairing(root)
        read = [f"read_rtlil {root / 'gold.il'}", "cd gold", *renames, "cd ..", f"read_rtlil {root / 'gate.il'}"]
        for steps in (QUICK_STEPS, PROOF_STEPS):
            script = "; ".join(read + [steps.replace("equiv_make", f"equiv_make -blacklist {blacklist}")])
            run = _yosys(script, root, "prove", timeout)
            if run is None:
                return Verdict(top, Outcome.UNSUPPORTED, f"yosys did not finish within {timeout:.0f} s")
            if run.returncode == 0:
                return Verdict(top, Outcome.EQUIVALENT, "")
    log = run.stdout + run.stderr
    if "unproven $equiv" in log:
        return Verdict(top, Outcome.DIFFERENT, _explain(log))
    return Verdict(top, Outcome.UNSUPPORTED, _explain(log))


COMMENT = re.compile(r"[ \t]*//[^\n]*")
INSTANCE = re.compile(r"^\s*(\w+)\s+(?:#\s*\(.*?\)\s*)?\w+\s*\(", re.MULTILINE | re.DOTALL)


def _same_text(gold: Mapping[str, str], gate: Mapping[str, str], top: str) -> bool:
    """Whether ``top`` and every module it instantiates read the same on both sides, comments aside."""
    seen: set[str] = set()
    stack = [top]
    while stack:
        module = stack.pop()
        if module in seen:
            continue
        seen.add(module)
        if module not in gold or module not in gate:
            return False
        text = COMMENT.sub("", gold[module])
        if text != COMMENT.sub("", gate[module]):
            return False
        stack += [name for name in INSTANCE.findall(text) if name in gold and name != module]
    return True


UNPROVEN = re.compile(r"Unproven \$equiv \S+: \\(\S+)_gold(?: \[(\d+)\])?")


def _explain(log: str) -> str:
    """The line of yosys's log that says what went wrong; for unproven equivalences, the signals."""
    # A parse error reads "file.sv:21: ERROR: syntax error, ...": the line need not start with ERROR.
    errors = [line.strip() for line in log.splitlines() if line.startswith("ERROR") or ": ERROR:" in line]
    if "Can't match gold port" in log or "Can't match gate port" in log:
        return f"its ports differ on the two sides ({errors[0] if errors else ''})"
    bits: dict[str, list[str]] = {}
    for name, bit in UNPROVEN.findall(log):
        bits.setdefault(name, []).append(bit)
    if bits:
        shown = ", ".join(name + (f"[{','.join(sorted(b, key=int))}]" if any(b) else "")
                          for name, b in list(bits.items())[:8])
        return f"not proven equal: {shown}" + (" ..." if len(bits) > 8 else "")
    return errors[0] if errors else log[-2000:]

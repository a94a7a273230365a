"""Equivalence proofs of two SystemVerilog designs with yosys (translation validation).

``prove(gold, gate, top)`` reads each side into its own yosys design, flattens
it under ``top``, and asks yosys to prove every output and register of ``top``
equal in both, with the recipe that works with yosys 0.23 (Debian's ``yosys``):
``proc; flatten; memory; async2sync``, then ``equiv_make``, ``equiv_simple -seq 5``,
``equiv_induct -seq 5`` and ``equiv_status -assert`` (first without ``equiv_induct``,
which is slow on large designs and not needed when ``equiv_simple`` proves all). ``equiv_make`` pairs the
signals of both sides by name; the temporaries ExportVerilog names (``_GEN_1``)
mean different things on the two sides and are left unpaired (``-blacklist``).
A pass that renames a register (inlining turns ``u0.r`` into ``u0_r``) leaves it
unpaired too, and then the induction may not close although the designs agree.

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

QUICK_STEPS = "equiv_make gold gate equiv; hierarchy -top equiv; equiv_simple -seq 5; equiv_status -assert"
"""Enough for most designs; ``equiv_induct`` costs minutes on large ones (a 1,024-tile mesh: 5 min)."""
PROOF_STEPS = "equiv_make gold gate equiv; hierarchy -top equiv; equiv_simple -seq 5; equiv_induct -seq 5; " \
              "equiv_status; equiv_status -assert"
PREPARE = "proc; flatten; memory; async2sync; opt_clean"
TEMPORARY = re.compile(r"(?<![\w$.])(_[A-Za-z0-9_$]*)")


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


def _side_script(name: str, files: list[Path], top: str) -> str:
    reads = "; ".join(f"read_verilog -sv {path}" for path in files)
    return f"{reads}; hierarchy -top {top}; {PREPARE}; rename {top} {name}; design -stash {name}"


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
        sides: dict[str, list[Path]] = {}
        for name, sources in (("gold", gold), ("gate", gate)):
            folder = root / name
            folder.mkdir(parents=True, exist_ok=True)
            sides[name] = []
            for module, text in sources.items():
                path = folder / f"{module}.sv"
                path.write_text(text)
                sides[name].append(path)
        blacklist = root / "temporaries.txt"
        blacklist.write_text("\n".join(sorted(_temporaries(gold) | _temporaries(gate))) + "\n")
        read = [_side_script("gold", sides["gold"], top), _side_script("gate", sides["gate"], top),
                "design -copy-from gold -as gold gold", "design -copy-from gate -as gate gate"]
        for steps in (QUICK_STEPS, PROOF_STEPS):
            script = "; ".join(read + [steps.replace("equiv_make", f"equiv_make -blacklist {blacklist}")])
            (root / "prove.ys").write_text(script.replace("; ", "\n") + "\n")
            try:
                run = subprocess.run(["yosys", "-p", script], capture_output=True, text=True, timeout=timeout)
            except subprocess.TimeoutExpired:
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


def _temporaries(sources: Mapping[str, str]) -> set[str]:
    """Names ExportVerilog makes up (``_GEN_3``, ``_i0_1``): they mean different things on the two sides."""
    return {name for text in sources.values() for name in TEMPORARY.findall(text)}


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

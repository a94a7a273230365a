"""Translation validation (``loom.verilog(top, prove=True)``, ``loom build --prove``).

The passes loom runs before lowering (the kratos pipeline, the user's passes)
rewrite the design; a bug in one of them gives wrong hardware without a word.
With ``prove=True`` loom checks its own work: it lowers the same loom IR a second
time with no passes at all (the *plain lowering*, which only does what every
design needs: procedural lowering, FSMs, specialisation, loom -> hw) and asks
yosys to prove, module by module, that the optimised SystemVerilog equals the
plain one (``lowering/prove.py``). Each module is proven with its children
flattened in, so a module's verdict covers everything under it.

When a module is not proven equal, loom bisects over the pipeline: it lowers
the design after the first k passes for a few k and finds the first pass after
which that module differs, then raises ``ProofError`` naming the module and the
pass. Modules that exist on one side only (a pass renamed or merged them) are
covered through their parents and listed as unpaired. Where yosys cannot read a
module, or cannot close the proof, loom warns (``ProofWarning``) instead of failing.
"""

from __future__ import annotations

import dataclasses
import warnings
from dataclasses import dataclass, field
from typing import Callable, Mapping

from ..dialect.context import module_bytes, new_context, parse_module_bytes
from ..dialect.errors import LoomError
from ..lowering.prove import Outcome, Verdict, prove, yosys_available
from .pass_manager import VerilogModule

Sources = dict[str, str]


class ProofError(LoomError):
    """The optimised SystemVerilog of a module is not equivalent to its plain lowering."""


class ProofWarning(UserWarning):
    """A module could not be proven either way (yosys cannot read it, or the proof did not close)."""


@dataclass
class ProofReport:
    """What ``prove=True`` found: a verdict per paired module, and the pass at fault per failing module."""

    verdicts: dict[str, Verdict] = field(default_factory=dict)
    culprits: dict[str, str] = field(default_factory=dict)
    unpaired: list[str] = field(default_factory=list)

    def failing(self) -> list[str]:
        return [name for name, v in self.verdicts.items() if v.outcome is Outcome.DIFFERENT]

    def summary(self) -> str:
        proven = sum(1 for v in self.verdicts.values() if v.equivalent)
        text = f"proved {proven} of {len(self.verdicts)} module(s) equivalent to the plain lowering"
        if self.unpaired:
            text += f"; {len(self.unpaired)} module(s) exist after the passes only ({', '.join(self.unpaired)})"
        return text


@dataclass
class Snapshot:
    """The loom IR before any pass, and how the design was built, so that it can be lowered again."""

    ir_bytes: bytes
    top: str
    options: object  # backend.BackendOptions
    steps: list[str]  # the pass manager's pipeline, one pass (or run of CIRCT passes) per element
    user_passes: Mapping[str, Callable[..., None]]

    @classmethod
    def of(cls, code_gen: "VerilogModule", user_passes: Mapping[str, Callable[..., None]] | None) -> "Snapshot":
        data = module_bytes(code_gen.module)
        steps = [step.text for step in code_gen.pass_manager().steps()]
        return cls(data, code_gen.top_name, code_gen.options, steps, dict(user_passes or {}))

    def sources_after(self, count: int | None) -> Sources:
        """The SystemVerilog after the first ``count`` steps (``None``: no step, the plain lowering)."""
        with new_context() as context:
            module = parse_module_bytes(self.ir_bytes, context)
        options = dataclasses.replace(self.options, passes="", emit_locations=False)  # type: ignore[type-var]
        code_gen = VerilogModule(module, top_name=self.top, options=options)  # type: ignore[arg-type]
        manager = code_gen.pass_manager()
        if count:
            for name, fn in self.user_passes.items():
                manager.register_pass(name, fn)
            for step in self.steps[:count]:
                manager.add_pass(step)
        code_gen.run_passes()
        return code_gen.verilog_src()


def validate(snapshot: Snapshot, optimised: Mapping[str, str]) -> ProofReport:
    """Prove every module of ``optimised`` that the plain lowering also has; raise ``ProofError`` on a difference."""
    if not yosys_available():
        raise LoomError("prove=True needs yosys on PATH (Debian package `yosys`)")
    plain = snapshot.sources_after(None)
    report = ProofReport(unpaired=sorted(set(optimised) - set(plain)))
    for module in sorted(set(optimised) & set(plain)):
        report.verdicts[module] = prove(plain, optimised, module)
    for module in report.failing():
        report.culprits[module] = bisect(snapshot, plain, module)
    for module, verdict in report.verdicts.items():
        if verdict.outcome is Outcome.UNSUPPORTED:
            warnings.warn(f"prove=True: module '{module}' was not proven: {verdict.log.splitlines()[0]}",
                          ProofWarning, stacklevel=3)
    failing = report.failing()
    if failing:
        raise ProofError(
            "translation validation failed: " + "; ".join(
                f"module '{m}' is not equivalent to its plain lowering after pass '{report.culprits[m]}'"
                for m in failing),
            notes=tuple(f"{m}: {report.verdicts[m].log}" for m in failing)
            + ("yosys pairs signals by name: a pass that renames registers can keep a proof from closing",))
    return report


def bisect(snapshot: Snapshot, plain: Mapping[str, str], module: str) -> str:
    """The first pipeline step after which ``module`` is no longer proven equal to the plain lowering."""
    good, bad = 0, len(snapshot.steps)  # after 0 steps the lowering is the plain one; after all it differs
    while bad - good > 1:
        middle = (good + bad) // 2
        after = snapshot.sources_after(middle)
        if module in after and prove(plain, after, module).outcome is not Outcome.DIFFERENT:
            good = middle
        else:
            bad = middle
    return snapshot.steps[bad - 1] if snapshot.steps else "the lowering"

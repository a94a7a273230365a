"""Pass equivalence: every transforming pass and behaviour-preserving ``Design`` edit, proven with yosys.

For one random design, the reference ("gold") is the plain lowering
(``Design(top).verilog()``: no kratos passes). Each entry of ``TRANSFORMS`` makes
the "gate" SystemVerilog with one pass or edit applied, and ``lowering.prove``
proves the top of both equal. Where yosys cannot read the SystemVerilog, both
sides are simulated with the same random stimulus instead (``Check.fallback``
says so); where yosys cannot close a proof, simulation decides whether the
difference is real (``Check`` lists the outcomes).

Not here, on purpose, because they change behaviour or the interface by design:
``loom-tie-output``, ``loom-remove-instance``, ``loom-expose`` (a new port),
``loom-set-parameter`` with a new value (it is here with the values the instance has),
``insert-pipeline-stages`` with a ``pipeline`` attribute, ``auto-insert-clock-enable``
on a design with a clock enable. The check passes (``check-*``, ``loom-checks``, ``loom-verify``,
``verify-generator-connectivity``) and the extractors (``extract-*``,
``generate-verilog``) change nothing; the lowering passes (``loom-specialize``,
``lower-loom-to-hw``, ``lower-data-types``, ...) are in the gold itself.
"""

from __future__ import annotations

import argparse
import re
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import loom
from loom import Design
from loom.lowering.prove import Outcome, prove
from loom.tools.build import load_file

from .describe import random_design
from .description import DesignDesc, give_defaults, param_values
from .findings import known_issue
from .isolate import HUNG, Died, deadline, in_child
from .shrink import shrink
from .source import design_source
from .testbench import HANG, random_bench, run_icarus

Sources = dict[str, str]
Transform = Callable[[object, DesignDesc], "Sources | None"]  # (generator, description) -> SV, None: not applicable

PIPELINE_PASSES = (
    "auto-insert-clock-enable", "change-port-bundle-struct", "create-module-instantiation", "dead-code-elimination",
    "decouple-generator-ports", "fix-assignment-type", "hash-generators", "inject-assert-fail-exception",
    "inject-debug-break-points", "inline-functions", "insert-pipeline-stages", "loom-dedup", "loom-export-metadata",
    "loom-parameterize-constants", "loom-strip-unused-modules", "merge-wire-assignments", "realize-fsm",
    "remove-assertion", "remove-fanout-one-wires", "remove-pass-through-modules", "remove-unused-stmts",
    "remove-unused-vars", "sort-stmts", "transform-if-to-case", "uniquify-generators", "zero-generator-inputs",
    "zero-out-stubs", "loom-specialize,loom-inline{path=**}", "loom-annotate{path=** key=fuzz value=1}",
    "loom-set-attribute{path=** name=fuzz value=1}", "canonicalize", "cse",
)
"""Passes run alone (``loom.verilog(top, passes=P, default_passes=False)``)."""


def _pipeline(text: str) -> Transform:
    def run(top: object, design: DesignDesc) -> Sources:
        del design
        return loom.verilog(top, passes=text, default_passes=False, emit_locations=False)  # type: ignore[arg-type]

    return run


def _on_instance(template: str) -> Transform:
    """A pass aimed at the top's first instance (``{path}``) and its module (``{module}``); n/a without one."""
    def run(top: object, design: DesignDesc) -> Sources | None:
        path = _first_instance(design)
        if path is None:
            return None
        module = design.modules[design.top.instances[0].child].name
        text = template.format(path=path, module=module)
        return loom.verilog(top, passes=text, default_passes=False, emit_locations=False)  # type: ignore[arg-type]

    return run


INSTANCE_PASSES = (
    "loom-duplicate{{path={path}}}", "loom-rename-module{{from={module} to={module}_renamed}}",
    'loom-scope{{path={path} pipeline="remove-unused-vars, canonicalize, cse"}}',
    'loom-scope{{modules={module} pipeline="merge-wire-assignments, sort-stmts"}}',
)
"""Passes aimed at one instance or module of the design (formatted with its first instance)."""


def _default_pipeline(top: object, design: DesignDesc) -> Sources:
    del design
    return loom.verilog(top, emit_locations=False)  # type: ignore[arg-type]


def _keep_parameters(top: object, design: DesignDesc) -> Sources:
    del design
    return loom.verilog(top, keep_parameters=True, default_passes=False, emit_locations=False)  # type: ignore[arg-type]


def _first_instance(design: DesignDesc) -> str | None:
    return design.top.instances[0].name if design.top.instances else None


def _edit(apply: Callable[[Design, DesignDesc], bool]) -> Transform:
    """A ``Design`` edit; ``apply`` returns False when the design has nothing it applies to."""
    def run(top: object, design: DesignDesc) -> Sources | None:
        edited = Design(top)  # type: ignore[arg-type]
        if not apply(edited, design):
            return None
        return edited.verilog(emit_locations=False)

    return run


def _duplicate(edited: Design, design: DesignDesc) -> bool:
    path = _first_instance(design)
    if path is not None:
        edited.duplicate(path)
    return path is not None


def _inline(edited: Design, design: DesignDesc) -> bool:
    """Inline the first instance (after specialisation: a module with parameters cannot be inlined)."""
    path = _first_instance(design)
    if path is not None:
        if any(module.params for module in design.modules):
            edited.run("loom-specialize")
        edited.inline(path)
    return path is not None


def _rename(edited: Design, design: DesignDesc) -> bool:
    children = [m for m in edited.modules if m != design.top.name]
    if children:
        edited.rename_module(children[0], children[0] + "_renamed")
    return bool(children)


def _same_parameters(edited: Design, design: DesignDesc) -> bool:
    """Set the first instance's parameters to the values it has: a variant is made, the hardware stays."""
    if not design.top.instances:
        return False
    first = design.top.instances[0]
    child = design.modules[first.child]
    identity = {p.name for p in child.params if p.identity}  # set with add_child(identity=...), not set_parameter
    values = {k: v for k, v in param_values(child, first.params).items() if k not in identity}
    if values:
        edited.set_parameter(first.name, **values)
    return bool(values)


def _dedup(edited: Design, design: DesignDesc) -> bool:
    del design
    edited.dedup()
    return True


def _parameterize(edited: Design, design: DesignDesc) -> bool:
    del design
    edited.parameterize_constants()
    return True


def _annotate(edited: Design, design: DesignDesc) -> bool:
    del design
    edited.annotate("**", fuzz=1)
    return True


def _copy(edited: Design, design: DesignDesc) -> bool:
    del design
    edited.module = edited.copy().module
    edited.context = edited.module.context
    return True


TRANSFORMS: dict[str, Transform] = {
    "default pipeline": _default_pipeline,
    "lower-to-hw-keep-parameters": _keep_parameters,
    **{text: _pipeline(text) for text in PIPELINE_PASSES},
    **{text.replace("{{", "{").replace("}}", "}"): _on_instance(text) for text in INSTANCE_PASSES},
    "Design.duplicate": _edit(_duplicate),
    "Design.inline": _edit(_inline),
    "Design.rename_module": _edit(_rename),
    "Design.set_parameter (same values)": _edit(_same_parameters),
    "Design.dedup": _edit(_dedup),
    "Design.parameterize_constants": _edit(_parameterize),
    "Design.annotate": _edit(_annotate),
    "Design.copy": _edit(_copy),
}


@dataclass
class Check:
    """One (transform, design) pair.

    ``outcome``: "equivalent" (proven), "unproven" (yosys could not close the proof, simulation agrees),
    "simulated" (yosys cannot read the SystemVerilog, simulation agrees), "n/a" (nothing to apply it to),
    "unchecked" (the fallback simulation meets the known Icarus hang),
    or a failure: "simulation differs" (yosys did not prove it and simulation shows the difference),
    "error" (the pass raised) or "crash" (loom died: ``check_isolated``).
    """

    transform: str
    design: DesignDesc
    outcome: str
    detail: str = ""
    fallback: str = ""  # why simulation replaced the proof

    @property
    def failed(self) -> bool:
        return self.outcome in ("error", "simulation differs", "crash")

    @property
    def known(self) -> str | None:
        """The known finding this failure is an instance of, if any (``findings.py``)."""
        return known_issue(self.outcome, self.detail) if self.failed else None

    def first_line(self) -> str:
        return self.detail.strip().splitlines()[0] if self.detail.strip() else ""

    def signature(self) -> tuple[str, str]:
        """What must stay the same while shrinking: the outcome (for a crash: and how loom died)."""
        return self.outcome, self.first_line() if self.outcome == "crash" else ""

    def summary(self) -> str:
        return f"{self.transform} on seed {self.design.seed}: {self.outcome}: {self.first_line()}"


def load_top(design: DesignDesc, directory: Path) -> object:
    directory.mkdir(parents=True, exist_ok=True)
    program = directory / "design.py"
    program.write_text(design_source(design))
    return load_file(program).TOP()


def check_transform(name: str, design: DesignDesc, gold: Sources, top: object, work_dir: Path) -> Check:
    try:
        with deadline():
            gate = TRANSFORMS[name](top, design)
    except Exception:
        return Check(name, design, "error", traceback.format_exc())
    if gate is None:
        return Check(name, design, "n/a")
    verdict = prove(gold, gate, design.top.name)
    if verdict.outcome is Outcome.EQUIVALENT:
        return Check(name, design, "equivalent")
    simulated = simulate_both(name, design, gold, gate, work_dir, verdict.log)
    if verdict.outcome is Outcome.UNSUPPORTED or simulated.outcome != "simulated":
        return simulated
    # yosys pairs registers by name (prove_names.py pairs an inlined child's `u0.r` with `u0_r`); a register a
    # pass merged into another one has no partner and the induction may not close. Simulation agreeing makes
    # that "unproven", not "different".
    return Check(name, design, "unproven", verdict.log, "yosys: " + verdict.log.splitlines()[0])


def simulate_both(name: str, design: DesignDesc, gold: Sources, gate: Sources, work_dir: Path,
                  reason: str) -> Check:
    """The fallback where yosys cannot read a construct: same stimulus, outputs compared cycle by cycle."""
    bench = random_bench(design, 100, design.seed)
    outputs = []
    for side, sources in (("gold", gold), ("gate", gate)):
        folder = work_dir / side
        folder.mkdir(parents=True, exist_ok=True)
        files = []
        for module, text in sources.items():
            (folder / f"{module}.sv").write_text(text)
            files.append(folder / f"{module}.sv")
        results, complaint = run_icarus([bench], files, folder / "sim", timeout=15)
        if complaint.startswith(HANG):  # the known Icarus hang (findings.py): neither proven nor simulated
            return Check(name, design, "unchecked", f"{side}: {complaint}", reason)
        if complaint:
            return Check(name, design, "error", f"{side} does not simulate: {complaint}", reason)
        outputs.append(results[bench.name])
    for cycle, (want, got) in enumerate(zip(*outputs, strict=True)):
        wrong = [port for port, value in want.items() if value is not None and got.get(port) != value]
        if wrong:
            return Check(name, design, "simulation differs",
                         f"cycle {cycle}: {', '.join(f'{p} {got.get(p)} != {want[p]}' for p in wrong)}", reason)
    return Check(name, design, "simulated", "", reason)


def check_design(design: DesignDesc, transforms: Sequence[str], work_dir: Path) -> list[Check]:
    """Every transform in ``transforms`` on one design."""
    give_defaults(design)  # lower-to-hw-keep-parameters keeps parameters
    try:
        with deadline():
            top = load_top(design, work_dir)
            gold = Design(top).verilog(emit_locations=False)  # type: ignore[arg-type]
    except Exception:
        return [Check("plain lowering", design, "error", traceback.format_exc())]
    return [check_transform(name, design, gold, top, work_dir / f"t{index}")
            for index, name in enumerate(transforms)]


def check_isolated(design: DesignDesc, transforms: Sequence[str], work_dir: Path) -> list[Check]:
    """``check_design`` in a forked child; when loom kills it, the plain lowering and then each transform alone
    to find what crashed (a "crash" check names it)."""
    found = in_child(check_design, design, transforms, work_dir)
    if not isinstance(found, Died):
        return found
    gold = in_child(check_design, design, [], work_dir)
    if isinstance(gold, Died):
        return [Check("plain lowering", design, "crash", gold.message())]
    if len(transforms) == 1:
        return [Check(transforms[0], design, "crash", found.message())]
    return [check for name in transforms for check in check_isolated(design, [name], work_dir)]


REPRODUCER = '''"""Reproducer: {transform} on random design {seed} is {outcome}.

{detail}
"""

import sys
from pathlib import Path

from loom.tools.fuzz.description import *  # noqa: F403 -- the dataclasses DESIGN is written in
from loom.tools.fuzz.passes import check_design

DESIGN = {design!r}

for check in check_design(DESIGN, [{transform!r}], Path(sys.argv[1] if len(sys.argv) > 1 else "repro_{seed}")):
    print(check.summary())
    print(check.detail)
    sys.exit(1 if check.failed else 0)
'''


def reproduce(check: Check, out_dir: Path, shrink_it: bool = True) -> Path:
    """A ``reproduce.py`` and ``design.py`` in ``out_dir/<transform>/seed_<n>`` (shrunk first with ``shrink_it``)."""
    def still_fails(candidate: DesignDesc) -> bool:
        found = check_isolated(candidate, [check.transform], out_dir / "shrinking")
        return any(c.signature() == check.signature() for c in found)

    design = shrink(check.design, still_fails) if shrink_it else check.design
    label = "".join(c if c.isalnum() or c in "-_." else "_" for c in check.transform)
    directory = out_dir / label / f"seed_{design.seed}"
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "design.py").write_text(design_source(design))
    (directory / "reproduce.py").write_text(REPRODUCER.format(
        transform=check.transform, seed=design.seed, outcome=check.outcome, design=design,
        detail=check.detail.replace('"""', "'''").replace("\\", "/")))
    return directory


def fallback_kind(reason: str) -> str:
    """Why simulation replaced a proof, without the file names and lines that differ from case to case."""
    return re.sub(r"\S+\.sv:\d+: ", "", reason.strip().splitlines()[0] if reason.strip() else "")[:120]


def run_passes(args: argparse.Namespace) -> int:
    """The long mode: ``--count`` designs, each through every transform (or ``--passes``)."""
    import shutil
    import time
    from collections import Counter

    from .__main__ import progress  # not at the top: __main__.py imports this module

    chosen = [p.strip() for p in args.passes.split(",") if p.strip()] or list(TRANSFORMS)
    unknown = [p for p in chosen if p not in TRANSFORMS]
    if unknown:
        raise SystemExit(f"unknown transform {unknown[0]!r}; known: {', '.join(TRANSFORMS)}")
    out: Path = args.out
    start, count = args.start, args.count
    counts: Counter[str] = Counter()
    per_transform: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    started = time.monotonic()
    for done, seed in enumerate(range(start, start + count), 1):
        work = out / "work" / f"seed_{seed}"
        for check in check_isolated(random_design(seed), chosen, work):
            outcome = f"known {check.outcome}" if check.known else check.outcome
            counts[outcome] += 1
            per_transform[f"{check.transform}: {outcome}"] += 1
            if check.fallback:
                reasons[f"{check.outcome}: {fallback_kind(check.fallback)}"] += 1
            if check.failed:
                hung = check.detail.startswith(HUNG)  # every shrinking try would wait for the deadline
                directory = reproduce(check, out / "failures", shrink_it=not check.known and not hung)
                print(f"  {check.summary()} -> {directory / 'reproduce.py'}", flush=True)
        shutil.rmtree(work, ignore_errors=True)
        if done % 10 == 0 or done == count:
            progress(done, count, started, counts)
    for line in sorted(per_transform):
        print(f"  {line}: {per_transform[line]}")
    for reason, number in reasons.most_common():
        print(f"  why: {reason}: {number}")
    return 1 if any(c in counts for c in ("error", "simulation differs", "crash")) else 0

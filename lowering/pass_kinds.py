"""What each pass needs from the design, and so whether it can run on some instances only.

A pass scoped by a path pattern (``Design.run(pipeline, on=...)``,
``loom-scope``) runs on one module variant at a time. That is only sound for
passes whose effect stays inside the module they run on:

- ``module``: rewrites one module body at a time and keeps its ports
  (clean-ups, procedural rewrites, CIRCT's canonicalize/cse, most user
  passes). Scoped: runs on a copy of each module of a matched instance;
  only modules it changes get variants.
- ``check``: reads one module at a time and reports. Scoped: reports only for
  the modules of matched instances, with how many matched instances each
  problem affects.
- ``hierarchy``: changes ports, instances or several modules at once (the
  path-pattern edits, dead-code elimination, pass-through removal, port
  bundling). Not scopable: a variant's parents would have to change too, and
  these passes already say where they act (an edit's own ``path``, a
  generator attribute).
- ``design``: needs the whole design (lowering, export, verification of
  instances against their modules, hierarchical checks). Not scopable.

The table is data, not a mark on each pass function, so ``--list-passes``
shows the kinds without importing every pass. A pass missing from the table
(a CIRCT pass, a user pass) counts as ``module``; a scoped run then checks
that it kept the module's interface and created no other module, and refuses
it with a clear error if not.
"""

from __future__ import annotations

from enum import Enum


class PassKind(str, Enum):
    """How far a pass's effect reaches (see the module docstring)."""

    MODULE = "module"
    CHECK = "check"
    HIERARCHY = "hierarchy"
    DESIGN = "design"

    @property
    def scopable(self) -> bool:
        return self in (PassKind.MODULE, PassKind.CHECK)


_M, _C, _H, _D = PassKind.MODULE, PassKind.CHECK, PassKind.HIERARCHY, PassKind.DESIGN

PASS_KINDS: dict[str, PassKind] = {
    # foundation: whole-design lowering and verification
    "loom-verify": _D, "loom-specialize": _D, "lower-loom-to-hw": _D, "loom-strip-unused-modules": _D,
    "lower-to-hw": _D, "lower-to-hw-keep-parameters": _D, "cleanup": _D,
    # procedural
    "fix-assignment-type": _M, "check-function-return": _C, "inline-functions": _M, "guard-assertions": _D,
    "lower-dpi-calls": _D, "lower-interface-instances": _D,
    # data types
    "lower-data-types": _D, "reference-unused-parameters": _D, "name-unused-instance-outputs": _M,
    "change-port-bundle-struct": _H, "realize-fsm": _M, "extract-struct-info": _D,
    # clones
    "hash-generators": _D, "uniquify-generators": _H,
    # path-pattern edits carry their own path= option
    "loom-set-parameter": _H, "loom-set-attribute": _H, "loom-tie-output": _H, "loom-expose": _H,
    "loom-remove-instance": _H, "loom-inline": _H, "loom-duplicate": _H, "loom-dedup": _H,
    "loom-parameterize-constants": _H, "loom-rename-module": _H, "loom-annotate": _H, "loom-export-metadata": _D,
    "loom-scope": _D,
    # kratos structure passes
    "verify-generator-connectivity": _D, "create-module-instantiation": _D, "zero-out-stubs": _M,
    "zero-generator-inputs": _D, "remove-pass-through-modules": _H, "insert-pipeline-stages": _M,
    "dead-code-elimination": _H, "auto-insert-clock-enable": _H, "decouple-generator-ports": _M,
    "generate-verilog": _D, "extract-debug-info": _D,
    # kratos checks (loom-checks includes the hierarchical combinational-loop check)
    "check-mixed-assignment": _C, "check-non-synthesizable-content": _C, "check-inferred-latch": _C,
    "check-always-sensitivity": _C, "check-multiple-driver": _C, "check-flip-flop-always-ff": _C,
    "check-combinational-loop": _D, "loom-checks": _D,
    # kratos rewrites
    "transform-if-to-case": _M, "remove-unused-vars": _M, "remove-unused-stmts": _M, "sort-stmts": _M,
    "merge-wire-assignments": _M, "remove-fanout-one-wires": _M, "remove-assertion": _M,
    "inject-assert-fail-exception": _M, "inject-debug-break-points": _M,
}

_WHY = {
    PassKind.HIERARCHY: "it changes ports, instances or several modules at once",
    PassKind.DESIGN: "it needs the whole design",
}


def pass_kind(name: str) -> PassKind:
    """The kind of a pass by name (kebab- or snake_case); passes not in the table are module-local."""
    return PASS_KINDS.get(name.strip().replace("_", "-"), PassKind.MODULE)


def why_not_scopable(name: str) -> str | None:
    """None when ``name`` can be scoped, else the reason (for the error message)."""
    kind = pass_kind(name)
    return None if kind.scopable else f"{_WHY[kind]} (kind '{kind.value}')"

"""The op table (dialect/opdef.py) and the op-kind classification (dialect/opkinds.py)."""

from __future__ import annotations

import re
from pathlib import Path

from circt import ir

from loom.dialect import opkinds
from loom.dialect.context import new_context
from loom.dialect.opdef import TABLE, Trait, check_op
from loom.dialect.verify import verify

REPO = Path(__file__).resolve().parent.parent.parent
_OP_IN_TEXT = re.compile(r'"(loom\.[a-z_.]+)"\(')
_OP_CREATED = re.compile(r'Operation\.create\(\s*"(loom\.[a-z_.]+)"')


def test_every_loom_op_the_code_writes_is_in_the_table() -> None:
    # Ops written as text (the frontend, realize-fsm) or created by name: each needs a definition.
    used: dict[str, str] = {}
    for folder in ("dialect", "frontend", "lowering", "tools", "lib"):
        for path in (REPO / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for name in _OP_IN_TEXT.findall(text) + _OP_CREATED.findall(text):
                used.setdefault(name, str(path.relative_to(REPO)))
    missing = {name: where for name, where in used.items() if name not in TABLE and name != "loom.inst{ance"}
    assert not missing, f"loom ops without a definition in the op table: {missing}"
    assert {"loom.module", "loom.instance", "loom.assign", "loom.fsm", "loom.localparam"} <= used.keys()


def test_internal_ops_name_their_pass() -> None:
    for cls in TABLE.values():
        assert (Trait.INTERNAL in cls.TRAITS) == bool(cls.OWNER), cls.OPERATION_NAME


def _problems(text: str) -> list[str]:
    with new_context() as context:
        root = ir.Module.parse(text, context)
        return [problem.message for problem in verify(root.operation)]


def test_attribute_kinds_are_checked_before_anything_reads_them() -> None:
    problems = _problems('"loom.module"() ({\n^bb0:\n  "loom.output"() : () -> ()\n}, {}) {sym_name = 5, ports = "x"} : () -> ()')
    assert problems == ["'loom.module' attribute 'sym_name' must be a string, not 5 : i64",
                        "'loom.module' attribute 'ports' must be an array of ports ({name = \"a\", dir = \"in\", type = i8,"
                        " cond = \"...\"?}), not \"x\""]


def test_unknown_loom_op_gets_the_nearest_name() -> None:
    with new_context():
        op = ir.Operation.parse('"loom.instnace"() : () -> ()')
        assert check_op(op, ("loom.module",), False) == [
            "unknown loom operation 'loom.instnace'; did you mean 'loom.instance'? (the loom ops are listed in"
            " docs/ir-conventions.md)"]


def test_op_kinds_agree_with_each_other() -> None:
    assert opkinds.INSTANCE_ATTRIBUTES.keys() == opkinds.INSTANCES
    assert opkinds.MODULE_LIKE == {"loom.module", "hw.module", "hw.module.extern"}
    assert "hw.module.extern" not in opkinds.MODULES  # a module with a body
    assert opkinds.ENABLED_REGISTERS < opkinds.REGISTERS
    assert set(opkinds.ASSIGN_OP.values()) < opkinds.ASSIGNS
    assert opkinds.kinds_of("sv.ifdef.procedural") == opkinds.Kind.BRANCH | opkinds.Kind.GUARD
    assert opkinds.kinds_of("comb.add") == opkinds.Kind.NONE

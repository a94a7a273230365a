"""The op table (dialect/opdef.py) and the op-kind classification (dialect/opkinds.py)."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

from circt import ir

from loom.dialect import opkinds
from loom.dialect.context import new_context
from loom.dialect.opdef import TABLE, Trait, check_op, conforming_attributes, definition_problems
from loom.dialect.verify import verify
from loom.tools.fuzz_ir import load_seeds, mutate
from loom.tools.parse_guard import first_crashing_op

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


def _loom_ops(block: ir.Block, ancestors: tuple[str, ...]) -> Iterator[tuple[ir.Operation, tuple[str, ...], bool]]:
    """Every loom op under ``block`` with its ancestors' names and whether it ends its block."""
    operations = list(block.operations)
    for index, op in enumerate(operations):
        operation = op.operation
        if operation.name in TABLE:
            yield operation, ancestors, index == len(operations) - 1
        for region in operation.regions:
            for inner in region.blocks:
                yield from _loom_ops(inner, (*ancestors, operation.name))


def _is_utf8(text: str) -> bool:
    """Whether ``text`` encodes (the fuzzer's invalid-UTF-8 mutation leaves lone surrogates in it)."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def test_the_fast_conformance_check_agrees_with_the_messages() -> None:
    # check_op answers "conforms" without composing a message (conforming_attributes) and asks for the
    # messages (definition_problems) only otherwise: the two must agree on every op, or an op would pass
    # unchecked. Every loom op of every test file's chunks, and of 600 seeded mutants of them.
    seeds = [seed.text for seed in load_seeds(REPO / "test")]
    rng = random.Random(13)
    texts = seeds + [mutate(rng, rng.choice(seeds))[0] for _ in range(600)]
    checked: set[str] = set()
    rejected = 0
    for text in texts:
        if first_crashing_op(text) is not None or not _is_utf8(text):
            continue
        with new_context() as context:
            try:
                root = ir.Module.parse(text, context)
            except ir.MLIRError:
                continue
            for operation, ancestors, last in _loom_ops(root.body, ()):
                cls = TABLE[operation.name]
                fast = conforming_attributes(operation, ancestors, last, set())
                slow = definition_problems(cls, operation, ancestors, last, set())
                assert (fast is not None) == (not slow), (operation, slow)
                checked.add(operation.name)
                rejected += fast is None
    assert len(checked) >= len(TABLE) // 2 and rejected >= 20, (sorted(checked), rejected)

"""``hash-generators`` and ``uniquify-generators``: hashes backed by equality, deterministic names."""

from __future__ import annotations

import pytest
from circt import ir

from loom.dialect.context import new_context
from loom.dialect.errors import PassFailedError
from loom.lowering import hash_generators, uniquify_generators
from loom.lowering.pipeline import run_pipeline
from loom.lowering.registry import BUILTIN_PASSES

PORTS = ('ports = [{name = "a", dir = "in", type = i4}, {name = "b", dir = "in", type = i4},'
         ' {name = "o", dir = "out", type = i4}], parameters = []')


def leaf(name: str, body: str, generator: str | None = None) -> str:
    origin = f'generator = "{generator}", ' if generator else ""
    return (f'"loom.module"() ({{\n^bb0(%a: i4, %b: i4):\n  %d = {body} : i4\n  "loom.output"(%d) : (i4) -> ()\n}}, {{}})'
            f' {{{origin}sym_name = "{name}", {PORTS}}} : () -> ()\n')


def parent(name: str, children: list[str], generator: str | None = None) -> str:
    lines = [f'  %{i} = "loom.instance"(%a, %b) {{instance_name = "u{i}", module = @{child}, parameters = {{}},'
             f' input_names = ["a", "b"], output_names = ["o"]}} : (i4, i4) -> i4' for i, child in enumerate(children)]
    result = f"%{len(children) - 1}"
    origin = f'generator = "{generator}", ' if generator else ""
    return ('"loom.module"() ({\n^bb0(%a: i4, %b: i4):\n' + "\n".join(lines) +
            f'\n  "loom.output"({result}) : (i4) -> ()\n}}, {{}}) {{{origin}sym_name = "{name}", {PORTS}}} : () -> ()\n')


def parse(text: str) -> ir.Module:
    with new_context():
        return ir.Module.parse(text)


def module_names(module: ir.Module) -> list[str]:
    return [ir.StringAttr(op.operation.attributes["sym_name"]).value for op in module.body.operations]


def uniquify(module: ir.Module) -> None:
    with module.context:
        run_pipeline(module.operation, "uniquify-generators")


SUB = leaf("Sub", "comb.sub %a, %b")
SUB_REV = leaf("SubRev", "comb.sub %b, %a", generator="Sub")
SUB_COPY = leaf("SubCopy", "comb.sub %a, %b", generator="Sub")


def test_operand_order_keeps_modules_apart():
    module = parse(SUB + SUB_REV + SUB_COPY + parent("Top", ["Sub", "SubRev", "SubCopy"]))
    classes = hash_generators.structural_classes(module.operation)
    assert classes["Sub"].digest == classes["SubCopy"].digest != classes["SubRev"].digest
    assert classes["Sub"].cls == classes["SubCopy"].cls != classes["SubRev"].cls
    uniquify(module)
    assert module_names(module) == ["Sub", "Sub_1", "Top"]
    assert "module = @Sub_1" in str(module) and "SubCopy" not in str(module)


def test_forced_hash_collision_never_merges(monkeypatch):
    """Every module gets the same digest: only the equality check decides, so nothing different merges."""
    monkeypatch.setattr(hash_generators, "sha256_digest", lambda text: "0" * 16)
    xor = leaf("Xor", "comb.xor %a, %b", generator="Sub")
    text = (SUB + SUB_REV + SUB_COPY + xor + parent("Top", ["Sub"], generator="Top") +
            parent("TopRev", ["SubRev"], generator="Top") + parent("TopCopy", ["SubCopy"], generator="Top"))
    module = parse(text)
    classes = hash_generators.structural_classes(module.operation)
    assert len({c.digest for c in classes.values()}) == 1
    assert len({classes[n].cls for n in ("Sub", "SubRev", "Xor")}) == 3
    # Parents whose children collide but differ stay apart; parents of equal children are equal.
    assert classes["Top"].cls != classes["TopRev"].cls and classes["Top"].cls == classes["TopCopy"].cls
    uniquify(module)
    assert module_names(module) == ["Sub", "Sub_1", "Sub_2", "Top", "Top_1"]
    body = str(module)
    assert "comb.sub %arg1, %arg0" in body and "comb.xor" in body


def test_hash_annotation_is_stable_and_name_free():
    module = parse(SUB + SUB_COPY)
    with module.context:
        run_pipeline(module.operation, "hash-generators")
    hashes = [ir.StringAttr(op.operation.attributes["structural_hash"]).value for op in module.body.operations]
    assert hashes[0] == hashes[1] and len(hashes[0]) == 16
    # Hashing again (with the annotation present) gives the same value.
    assert hash_generators.structural_classes(module.operation)["Sub"].digest == hashes[0]


def test_instance_cycle_is_an_error():
    module = parse(parent("A", ["B"]) + parent("B", ["A"]))
    with pytest.raises(PassFailedError, match="cycle"):
        hash_generators.structural_classes(module.operation)


def test_passes_are_registered_in_both_spellings():
    for name in ("hash-generators", "hash_generators", "uniquify-generators", "uniquify_generators"):
        assert BUILTIN_PASSES.lookup(name) is not None and callable(BUILTIN_PASSES.lookup(name).fn)


def test_one_module_prints_as_the_whole_design_prints_it():
    """``canonical_text`` (a copy printed alone, what edits merge by) agrees with the one-print ``canonical_texts``.

    Edits compare a new variant's ``canonical_text`` with the originals' ``canonical_texts``:
    if the two disagreed, an unchanged variant would never merge back into its original.
    """
    module = parse(leaf("A", "comb.add %a, %b", "Add") + leaf("B", "comb.sub %b, %a") + parent("P", ["A", "B", "A"]))
    with module.context:
        all_at_once = hash_generators.canonical_texts(module.operation)
        for op in module.body.operations:
            name = ir.StringAttr(op.operation.attributes["sym_name"]).value
            assert hash_generators.canonical_text(op) == all_at_once[name]
            assert "sym_name" in op.operation.attributes  # the module's own names are left in place
        assert module_names(module) == ["A", "B", "P"]  # printing adds no module to the design

"""Metadata lives in the IR (``loom.annotate``) and survives every pass that restructures the hierarchy.

No pass here knows about metadata: edits copy modules (and the annotate ops
in them), dedup merges, inlining moves ops up with their ``scope``, renaming
changes only module names. The export at the end still finds exactly the
instances the metadata was attached to.
"""

from __future__ import annotations

import json

import pytest

from loom import Design, PassFailedError, UsageError
from loom.dialect.paths import PatternSyntaxError
from loom.tools.build import EXAMPLES_DIR, load_file

seed = load_file(EXAMPLES_DIR / "seed_hierarchy.py")


def instances(document: dict, key: str) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    """(logical path, instance path) of the annotation whose data has ``key``."""
    for annotation in document["annotations"]:
        if key in annotation["data"]:
            return [(i["path"], i["instance_path"]) for i in annotation["instances"]]
    raise AssertionError(f"no annotation with {key}: {json.dumps(document, indent=1)}")


def test_metadata_survives_edits_dedup_inlining_and_renaming() -> None:
    design = Design(seed.top())
    design.annotate("c1.c1.c2", floorplan="x0y0")       # one instance, by absolute path
    design.annotate("*.*.c1 - c1.**", side="right")     # two leaves, by exclusion
    design.annotate(module="D3", kind="leaf")           # every D3
    modules_before = sorted(design.modules)

    design.tie_output("*.c1.c2", "o", 0xAA)             # copies D3, D2, D1, D0 variants
    design.duplicate("c2.c2")                            # and more copies
    design.dedup()                                       # merges them back
    design.inline("c1.c1")                               # D2 at c1.c1 dissolves into its parent
    design.inline("c2.c2.c2")                            # one leaf dissolves into its parent
    design.rename_module("D3", "Leaf")

    assert sorted(design.modules) != modules_before
    document = design.metadata()
    assert instances(document, "floorplan") == [("c1.c1.c2", "c1.c1_c2")]
    assert sorted(p for p, _ in instances(document, "side")) == ["c2.c1.c1", "c2.c2.c1"]
    leaves = instances(document, "kind")
    assert len(leaves) == 8 and sorted(p for p, _ in leaves) == seed.leaf_paths()
    assert ("c2.c2.c2", "c2.c2") in leaves  # the inlined leaf: its logical path, and where it lives now
    counts = {next(iter(a["data"])): a["count"] for a in document["annotations"]}
    assert counts == {"floorplan": 1, "side": 2, "kind": 8}


def test_metadata_costs_no_module_and_reaches_circt_as_hierpaths(tmp_path) -> None:  # type: ignore[no-untyped-def]
    design = Design(seed.top())
    design.annotate("*.c1.c2", probe="yes")
    assert sorted(design.modules) == ["D0", "D1", "D2", "D3"]  # nothing copied
    files = design.emit(tmp_path, emit_locations=False)
    document = json.loads((tmp_path / "metadata.json").read_text())
    (annotation,) = document["annotations"]
    assert annotation["count"] == 2 and [i["path"] for i in annotation["instances"]] == ["c1.c1.c2", "c2.c1.c2"]
    assert all(i["hierpath"].startswith("loom_meta_") for i in annotation["instances"])
    assert sorted(p.stem for p in files) == ["D0", "D1", "D2", "D3"]


def test_large_matches_are_counted_not_listed() -> None:
    tree = load_file(EXAMPLES_DIR / "binary_tree.py")
    design = Design(tree.top(20))
    design.annotate("**.left", half="left")
    (annotation,) = design.metadata()["annotations"]
    assert annotation["count"] == 2**20 - 1 and annotation["instances"] is None and annotation["truncated"]


def test_bad_metadata_requests_fail_early() -> None:
    design = Design(seed.top())
    with pytest.raises(PatternSyntaxError):
        design.annotate("c1..c2", x=1)
    with pytest.raises(UsageError, match="no loom.module named 'Nope'"):
        design.annotate(module="Nope", x=1)
    with pytest.raises(TypeError):
        design.annotate("c1", module="D3", x=1)
    with pytest.raises(PassFailedError, match="no instance"):
        design.duplicate("c3")

"""Every module of the installed package imports, and every registered pass loads."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import zipfile
from pathlib import Path

import loom
from loom.lowering.pipeline import parse_pipeline
from loom.lowering.pipelines import PIPELINES
from loom.lowering.registry import BUILTIN_PASSES


def test_loom_comes_from_the_venv(checkout: Path) -> None:
    location = Path(loom.__file__).resolve()
    assert location.is_relative_to(Path(sys.prefix).resolve()), location
    assert not location.is_relative_to(checkout.resolve()), location


def wheel_modules(wheel: Path) -> set[str]:
    """Dotted names of the Python modules in the wheel."""
    with zipfile.ZipFile(wheel) as archive:
        paths = [n for n in archive.namelist() if n.startswith("loom/") and n.endswith(".py")]
    return {n.removesuffix(".py").removesuffix("/__init__").replace("/", ".") for n in paths}


def test_every_module_imports(wheel: Path) -> None:
    walked = {info.name for info in pkgutil.walk_packages(loom.__path__, "loom.")}
    assert walked | {"loom"} == wheel_modules(wheel)
    for name in sorted(walked):
        module = importlib.import_module(name)
        assert Path(module.__file__ or "").resolve().is_relative_to(Path(sys.prefix).resolve()), name


def test_every_registered_pass_loads() -> None:
    infos = BUILTIN_PASSES.infos()
    assert len(infos) > 40
    for info in infos:
        assert callable(info.fn), info.name


def test_every_named_pipeline_resolves() -> None:
    for name in PIPELINES:
        assert parse_pipeline(name), name


def test_source_locations_skip_every_installed_sub_package(wheel: Path) -> None:
    """Locations point past loom's own code: every installed sub-package but the examples is loom's."""
    from loom.dialect import srcloc

    with zipfile.ZipFile(wheel) as archive:
        packages = {n.split("/")[1] for n in archive.namelist() if n.count("/") == 2 and n.endswith("/__init__.py")}
    assert {Path(d).name for d in srcloc._LIBRARY_DIRS} == packages - {"examples"}
    assert srcloc.is_library_file(str(Path(loom.__file__).parent / "lowering" / "backend.py"))
    assert not srcloc.is_library_file(str(Path(loom.__file__).parent / "examples" / "counter.py"))

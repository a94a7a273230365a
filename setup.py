"""Which folders of the repository make up the import package ``loom``.

Everything else about the distribution is declared in pyproject.toml; only the
package list lives here, because it is computed, not declared. The repository
keeps ``dialect/``, ``frontend/``, ``lowering/``, ``tools/``, ... at its top
level, and they install as ``loom.dialect``, ``loom.frontend``, ... Declarative
configuration cannot express that mapping automatically:
``[tool.setuptools.packages.find]`` finds ``dialect`` but cannot put it under
``loom``, so pyproject.toml would need a hand-kept ``package-dir`` and
``packages`` list, and a new folder missing from it gave a wheel that fails at
import time while the editable install hid it (issue 18).

The rule instead: every top-level folder with an ``__init__.py`` is a
sub-package (``test/`` and ``bench/`` excepted: they are not installed), and so
is every folder below it with an ``__init__.py``. Every other file inside those
folders -- anything the code may load at run time -- ships as package data, in
the wheel and the sdist alike. ``test/packaging`` checks the result.
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).resolve().parent
# `loom/` holds the package's own __init__.py (the public API).
ROOT_PACKAGE = "loom"
NOT_INSTALLED = {"test", "bench", "build", "docs", "typings"}
NOT_DATA = {".py", ".pyc", ".pyo"}


def is_package(folder: Path) -> bool:
    return (folder / "__init__.py").is_file()


def sub_packages(folder: Path, name: str) -> dict[str, Path]:
    """``name`` and the packages below ``folder``, each with its folder."""
    found = {name: folder}
    for child in sorted(folder.iterdir()):
        if child.is_dir() and is_package(child):
            found |= sub_packages(child, f"{name}.{child.name}")
    return found


def data_files(folder: Path) -> list[str]:
    """Files under ``folder`` (relative to it) that are not Python code and not in a nested package."""
    found: list[str] = []
    for here, dirs, files in os.walk(folder):
        base = Path(here)
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not is_package(base / d))
        found += [(base / f).relative_to(folder).as_posix() for f in sorted(files) if Path(f).suffix not in NOT_DATA]
    return found


def layout() -> tuple[dict[str, str], list[str], dict[str, list[str]]]:
    """(package_dir, packages, package_data) for the repository's folders."""
    package_dir = {ROOT_PACKAGE: ROOT_PACKAGE}
    folders = sub_packages(ROOT / ROOT_PACKAGE, ROOT_PACKAGE)  # `loom/` may hold packages too (loom.testing)
    for folder in sorted(ROOT.iterdir()):
        if folder.is_dir() and is_package(folder) and folder.name not in NOT_INSTALLED | {ROOT_PACKAGE}:
            package_dir[f"{ROOT_PACKAGE}.{folder.name}"] = folder.name
            folders |= sub_packages(folder, f"{ROOT_PACKAGE}.{folder.name}")
    package_data = {name: files for name, folder in folders.items() if (files := data_files(folder))}
    return package_dir, sorted(folders), package_data


PACKAGE_DIR, PACKAGES, PACKAGE_DATA = layout()
setup(package_dir=PACKAGE_DIR, packages=PACKAGES, package_data=PACKAGE_DATA)

"""mypy finds no error in the import package ``loom`` (docs/architecture.md, "Lint and type checks").

The repository keeps ``dialect/``, ``frontend/``, ... at its top level and installs them as
``loom.dialect``, ``loom.frontend``, ... (setup.py), so mypy cannot check the checkout as it lies:
the relative imports need the package. The test builds that package as a tree of symbolic links
(``.mypy_cache/tree/loom/``: ``loom/``'s own files plus one link per installed folder, by setup.py's
rule) and runs the pinned mypy over it with the configuration in pyproject.toml, which includes
the stub for the CIRCT API in ``typings/``. The tree and mypy's incremental cache stay in
``.mypy_cache/`` (ignored by git), so a second run only rechecks what changed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".mypy_cache"
NOT_INSTALLED = {"test", "bench", "build", "docs", "loom"}  # setup.py's rule; loom/ is the package root


def package_tree() -> Path:
    """``CACHE/tree``, holding ``loom/`` as links into the checkout (rebuilt each run: folders come and go)."""
    tree = CACHE / "tree"
    package = tree / "loom"
    package.mkdir(parents=True, exist_ok=True)
    for stale in package.iterdir():
        if stale.is_dir() and not stale.is_symlink():  # e.g. a __pycache__ that compileall wrote through the links
            shutil.rmtree(stale)
        else:
            stale.unlink()
    for entry in sorted((ROOT / "loom").iterdir()):
        if entry.name != "__pycache__":
            (package / entry.name).symlink_to(entry)
    for folder in sorted(ROOT.iterdir()):
        if folder.is_dir() and (folder / "__init__.py").is_file() and folder.name not in NOT_INSTALLED:
            (package / folder.name).symlink_to(folder)
    return tree


def test_mypy_finds_nothing() -> None:
    tree = package_tree()
    result = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
                             "--cache-dir", str(CACHE / "cache"), "-p", "loom"],
                            cwd=tree, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"mypy found problems (paths are under loom/ = the checkout):\n{result.stdout}{result.stderr}"

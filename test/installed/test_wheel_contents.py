"""The wheel holds every file of the package folders, and the sdist rebuilds the same wheel.

The expectation comes from the checkout, not from setup.py: every file git knows in a top-level
folder ships (``X/...`` as ``loom/X/...``, and ``loom/...`` as itself), except the folders that are
not part of the package (``NOT_SHIPPED``). A new folder, module or data file that the packaging
misses fails here, with the fix in the message.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

from installed_tools import run

import loom

NOT_SHIPPED = ("test/", "bench/", "docs/", ".ci/", "typings/")
"""Top-level folders that stay in the repository."""


def checkout_files(checkout: Path) -> list[str]:
    """What ``./run`` copies before building: the files git knows (tracked, or new and not ignored)."""
    listed = subprocess.run(["git", "-C", str(checkout), "ls-files", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    return [name for name in listed if (checkout / name).is_file()]


def expected_package_files(checkout: Path) -> set[str]:
    expected = set()
    for name in checkout_files(checkout):
        if "/" not in name or name.startswith(NOT_SHIPPED) or name.startswith("."):
            continue  # files at the root (README, run, setup.py, ...) and folders that are not installed
        expected.add(name if name.startswith("loom/") else f"loom/{name}")
    return expected


def package_files(wheel: Path) -> dict[str, str]:
    """Path -> SHA-256 of every file of the wheel outside its .dist-info folder."""
    with zipfile.ZipFile(wheel) as archive:
        return {info.filename: hashlib.sha256(archive.read(info)).hexdigest() for info in archive.infolist()
                if not info.is_dir() and ".dist-info/" not in info.filename}


def test_wheel_has_every_package_file(wheel: Path, checkout: Path) -> None:
    shipped = set(package_files(wheel))
    expected = expected_package_files(checkout)
    missing = sorted(expected - shipped)
    assert not missing, (
        "files of the package folders are missing from the wheel (a folder with Python code needs an "
        f"__init__.py; a folder that must not ship goes into NOT_SHIPPED here and in setup.py): {missing}")
    extra = sorted(shipped - expected)
    assert not extra, f"the wheel has files the checkout does not (stale build output?): {extra}"
    for required in ("loom/__init__.py", "loom/py.typed", "loom/examples/__init__.py", "loom/tools/opt.py"):
        assert required in shipped


def test_wheel_metadata(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(archive.read(info).decode())
        license_text = archive.read(next(n for n in names if n.endswith(".dist-info/licenses/LICENSE"))).decode()
    assert metadata["Name"] == "loom"
    assert metadata["Version"] == loom.__version__
    assert metadata["License-Expression"] == "Apache-2.0"
    assert "Apache License" in license_text and "Version 2.0" in license_text
    assert metadata["Requires-Python"] == "==3.13.*"
    assert "circt==1.162.0" in metadata.get_all("Requires-Dist")
    urls = dict(entry.split(", ", 1) for entry in metadata.get_all("Project-URL"))
    assert urls and all(url.startswith("https://") and "example" not in url for url in urls.values()), urls
    classifiers = metadata.get_all("Classifier")
    assert "Typing :: Typed" in classifiers and "Programming Language :: Python :: 3.13" in classifiers


def test_sdist_builds_the_same_wheel(wheel: Path, checkout: Path, outside: Path) -> None:
    """An sdist made from the checkout's files rebuilds a wheel with the same package files, byte for byte."""
    source = outside / "source"
    for name in checkout_files(checkout):
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((checkout / name).read_bytes())
    build = "import sys; from setuptools import build_meta as b; print(getattr(b, sys.argv[1])(sys.argv[2]))"
    sdist_name = run(sys.executable, "-c", build, "build_sdist", outside / "sdist", cwd=source).stdout.split()[-1]
    with tarfile.open(outside / "sdist" / sdist_name) as archive:
        archive.extractall(outside / "unpacked", filter="data")
    unpacked = outside / "unpacked" / sdist_name.removesuffix(".tar.gz")
    wheel_name = run(sys.executable, "-c", build, "build_wheel", outside / "rebuilt", cwd=unpacked).stdout.split()[-1]
    assert package_files(outside / "rebuilt" / wheel_name) == package_files(wheel)

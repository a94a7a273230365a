"""Tests of loom as another project gets it: installed from its wheel, used outside the checkout.

``./run tests`` (and ``./run wheel``) builds the wheel, installs it into a fresh venv in a temporary
folder and runs these tests with that venv's Python from there, with ``LOOM_WHEEL`` (the wheel) and
``LOOM_CHECKOUT`` (the repository) set. In the ordinary pytest run over ``test/`` (the editable
``.venv``) those variables are unset and this folder is skipped at collection: what it checks is
exactly what the editable install cannot show.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

if not os.environ.get("LOOM_WHEEL"):
    collect_ignore_glob = ["*"]


@pytest.fixture(scope="session")
def wheel() -> Path:
    return Path(os.environ["LOOM_WHEEL"])


@pytest.fixture(scope="session")
def checkout() -> Path:
    return Path(os.environ["LOOM_CHECKOUT"])


@pytest.fixture
def outside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder that is neither the checkout nor below it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path

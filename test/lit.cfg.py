# -*- Python -*-
"""lit configuration for loom's FileCheck tests (``python -m lit -v --order=smart test/``).

Follows STYLE.md's recipe: lit's internal shell, ``loom-opt`` and
``filecheck`` substituted by the interpreter that runs lit (the project
venv), ``LOOM_ROUNDTRIP``, optional simulator features and a 20 s per-test
timeout when psutil is available. pytest unit tests share this tree
(``test/<area>/test_*.py``); those files are excluded by name.
"""

import os
import shutil
import sys

import lit.formats

# `config` and `lit_config` are globals that lit provides when it runs this file.

config.name = "loom"
config.test_format = lit.formats.ShTest()  # internal shell: pipes, `not`, %s/%t
config.suffixes = [".mlir", ".py"]
config.excludes = ["lit.cfg.py", "lit.local.cfg", "Inputs", "__pycache__", "conftest.py", "Output"]
config.test_source_root = os.path.dirname(__file__)
# pytest modules (`test_*.py`) live next to the lit tests. lit's excludes are plain
# file names (and a custom test format would have to be importable by lit's worker
# processes), so list every pytest module's name.
config.excludes += sorted({
    name for _, _, files in os.walk(config.test_source_root)
    for name in files if name.startswith("test_") and name.endswith(".py")})

# Use the interpreter that runs lit (the project venv), even if the venv is not activated.
# No PYTHONPATH entry for the repository: `loom`'s sub-packages are the top-level folders,
# mapped by setuptools package-dir, which only the (editable) install provides; the root on
# the path would expose `dialect`, `tools`, `test`, ... as wrong top-level modules.
python = sys.executable
bin_dir = os.path.dirname(python)
config.environment["PATH"] = os.pathsep.join([bin_dir, config.environment.get("PATH", "")])
if os.environ.get("PYTHONPATH"):
    config.environment["PYTHONPATH"] = os.environ["PYTHONPATH"]
config.environment["PYTHONWARNINGS"] = "error"

# Substitutions (regex keys, applied in order).
config.substitutions.append(("%PYTHON", f'"{python}"'))  # upstream MLIR spelling
config.substitutions.append(("%python", f'"{python}"'))  # lit.llvm spelling
# `loom-opt` in RUN lines -> same interpreter, no install needed. Lookarounds avoid matching inside paths/words.
config.substitutions.append((r"(?<![\w/.-])loom-opt(?![\w-])", f'"{python}" -m loom.tools.opt'))
# `loom` (the build tool) only where a command starts: at the start of the line or after a pipe, `;`, `&&`,
# `(`, `)` (lit puts `%dbg(RUN: at line N)` before each command) or `not`, so `--emit=loom`, `-p loom-verify` and `loom.module` in RUN lines stay as they are.
config.substitutions.append((r"(?:^\s*|(?<=[|;&()])\s*|(?<=\bnot)\s+)loom(?=\s|$)",
                             f' "{python}" -m loom.tools.build'))
# Upstream-style `FileCheck` first becomes `filecheck`, which one rule maps to the venv's module
# (each rule is one re.sub pass, so the second rule does not re-match its own output).
config.substitutions.append((r"(?<![\w/.-])FileCheck(?![\w-])", "filecheck"))
config.substitutions.append((r"(?<![\w/.-])filecheck(?![\w-])", f'"{python}" -m filecheck --enable-var-scope'))
# Round-trip shorthand (xDSL's XDSL_ROUNDTRIP), inserted first so the rules above expand it.
config.substitutions.insert(0, ("LOOM_ROUNDTRIP", "loom-opt %s --mlir-print-op-generic | loom-opt | filecheck %s"))

# Optional features -> `// REQUIRES: verilator`.
for tool in ("verilator", "iverilog", "circt-opt", "firtool"):
    if shutil.which(tool):
        config.available_features.add(tool)

# Per-test timeout (needs psutil), as in xDSL.
supported, _ = lit_config.maxIndividualTestTimeIsSupported
if supported:
    lit_config.maxIndividualTestTime = 20

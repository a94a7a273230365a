# -*- Python -*-
"""lit configuration for loom's FileCheck tests (``python -m lit -v --order=smart test/``).

The same helper a user's project calls (``loom.testing.lit.configure``,
docs/regression-tests.md): lit's internal shell; ``loom``, ``loom-opt``,
``filecheck`` and ``%python`` run by the interpreter that runs lit (the
project venv); ``REQUIRES:`` features for the simulators; a 20 s per-test
timeout when psutil is available; pytest modules (``test/<area>/test_*.py``)
share this tree and are skipped. loom's own tests add warnings as errors and
the ``LOOM_ROUNDTRIP`` shorthand.

No PYTHONPATH entry for the repository: ``loom``'s sub-packages are the
top-level folders, mapped by the (editable) install; the root on the path
would expose ``dialect``, ``tools``, ``test``, ... as wrong top-level modules.
"""

from loom.testing.lit import configure

# `config` and `lit_config` are globals that lit provides when it runs this file.
configure(config, lit_config, name="loom", warnings_as_errors=True)  # noqa: F821

# Round-trip shorthand (xDSL's XDSL_ROUNDTRIP), first so that the tool substitutions expand it.
config.substitutions.insert(0, ("LOOM_ROUNDTRIP", "loom-opt %s --mlir-print-op-generic | loom-opt | filecheck %s"))  # noqa: F821

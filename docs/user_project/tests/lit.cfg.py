# lit configuration of the acme project: loom's helper does the work (docs/regression-tests.md).
from loom.testing.lit import configure

# `config` and `lit_config` come from lit; ".." puts the project (package `acme`) on PYTHONPATH.
configure(config, lit_config, name="acme", python_path=[".."])  # noqa: F821

"""acme: a small project that uses loom (the worked example of loom's docs/regression-tests.md)."""

"""Helpers for testing loom designs and passes in a user's own project.

``loom.testing.lit``: a lit configuration in two lines (docs/regression-tests.md).
"""

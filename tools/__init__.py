"""Command-line entry points: ``loom-opt`` (tools.opt) and ``loom`` (tools.build)."""

"""Registers a pass under a name plugin_passes.py registers too."""

import loom


@loom.register_pass("test-max-width")
def other_max_width(module, options):
    """Another pass with a taken name."""

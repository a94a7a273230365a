"""A plugin whose code fails while it is imported."""

import loom

raise ValueError("missing configuration")

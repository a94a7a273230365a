"""loom passes, the pass registry, pipelines and the CIRCT back end."""

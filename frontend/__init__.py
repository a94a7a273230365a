"""The Python frontend: generators, signals and expressions, and their emission as loom IR."""

"""Micro-benchmark of the import-cache workaround (loom.dialect.import_cache).

Run: ``.venv/bin/python bench/import_cache.py``. Reads attributes and result
types of 20,000 parsed ops with and without the placeholder modules for the
``builtin`` and ``loom`` namespaces and prints both times.
"""

from __future__ import annotations

import time

from circt import ir

from loom.dialect import import_cache, new_context

OPS = 20_000


def design_text(count: int) -> str:
    lines = ["module {", '"loom.module"() ({', "^bb0(%a: i8):"]
    lines += [f'  %r{i} = "loom.instance"(%a) {{instance_name = "u{i}", module = @P, parameters = {{}},'
              f' input_names = ["a"], output_names = ["o"]}} : (i8) -> i8' for i in range(count)]
    lines += ['  "loom.output"() : () -> ()', '}, {}) {sym_name = "top"} : () -> ()', "}"]
    return "\n".join(lines)


def walk(module: ir.Module) -> float:
    """Seconds to read two attributes and the result type of every instance op."""
    block = module.body.operations[0].regions[0].blocks[0]
    start = time.perf_counter()
    for op in block.operations:
        attributes = op.operation.attributes
        if "instance_name" in attributes:
            _ = attributes["instance_name"], attributes["parameters"], op.operation.results[0].type
    return time.perf_counter() - start


def main() -> None:
    text = design_text(OPS)
    timings = {}
    for label, installed in (("without workaround", False), ("with workaround", True)):
        if installed:
            import_cache.install()
        else:
            import_cache.uninstall()
        with new_context():
            timings[label] = walk(ir.Module.parse(text))
    import_cache.install()
    for label, seconds in timings.items():
        print(f"{label:<20} {seconds:7.3f} s  ({seconds / OPS * 1e6:6.1f} us per op)")
    print(f"speed-up            {timings['without workaround'] / timings['with workaround']:7.1f}x")


if __name__ == "__main__":
    main()

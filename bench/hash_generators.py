"""Where ``hash-generators`` spends its time, and whether hashing modules in parallel helps.

    .venv/bin/python bench/hash_generators.py [--modules 2000] [--ops 40] [--threads 2]

Builds ``modules`` distinct leaf modules of about ``ops`` operations each plus a top that
instantiates them all, then times the three phases of ``structural_classes`` separately:

``print``      MLIR prints the design once (generic form, no locations), C++
``canonical``  per module: SSA renumbering and callee splitting (Python regular expressions)
``digest``     per module: SHA-256 of the canonical text

and the per-module phases on a thread pool against the sequential pass (a process pool would
have to ship the texts to the workers and back). Each figure is the best of three runs.
"""

from __future__ import annotations

import argparse
import time
from concurrent.futures import ThreadPoolExecutor

import loom
from loom import Generator
from loom.lowering import hash_generators as hg


class Leaf(Generator):
    """A chain of ``ops`` additions and XORs with constants derived from ``key`` (so every leaf differs)."""

    def __init__(self, key: int, ops: int):
        super().__init__(f"Leaf{key}")
        a, b = self.input("a", 16), self.input("b", 16)
        value = a
        for step in range(ops // 2):
            value = (value + ((key * 7 + step) & 0xFFFF)) ^ b
        self.output("o", 16).assign(value)


class Top(Generator):
    def __init__(self, modules: int, ops: int):
        super().__init__("Top")
        a, b = self.input("a", 16), self.input("b", 16)
        result = None
        for key in range(modules):
            inst = self.add_child(f"u{key}", Leaf(key, ops), a=a, b=b)
            result = inst.o if result is None else result ^ inst.o
        self.output("o", 16).assign(result)


def best_of(runs: int, work) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=2000)
    parser.add_argument("--ops", type=int, default=40)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    module, _ = loom.elaborate(Top(args.modules, args.ops))
    root = module.operation
    texts = list(hg.print_modules(root).values())
    parts = [hg.canonical_parts(text) for text in texts]
    print(f"{len(texts)} modules, {sum(len(t) for t in texts) / 1e6:.1f} MB of printed modules")

    t_print = best_of(3, lambda: hg.print_modules(root))
    t_canonical = best_of(3, lambda: [hg.canonical_parts(text) for text in texts])
    t_digest = best_of(3, lambda: [hg.sha256_digest("".join(p)) for p in parts])
    t_all = best_of(3, lambda: hg.structural_classes(root))
    print(f"  sequential structural_classes: {t_all * 1e3:7.1f} ms, of which")
    for name, seconds in (("print, once (C++)", t_print), ("canonical form (regex)", t_canonical),
                          ("SHA-256 digests", t_digest)):
        print(f"    {name:<24} {seconds * 1e3:7.1f} ms ({seconds / t_all:4.0%})")
    print(f"    {'the rest (order, classes)':<24} {(t_all - t_print - t_canonical - t_digest) * 1e3:7.1f} ms")

    with ThreadPoolExecutor(args.threads) as pool:
        t_canonical_par = best_of(3, lambda: list(pool.map(hg.canonical_parts, texts)))
        t_digest_par = best_of(3, lambda: list(pool.map(hg.sha256_digest, ["".join(p) for p in parts])))
    print(f"  canonical form on {args.threads} threads: {t_canonical_par * 1e3:7.1f} ms"
          f" (sequential {t_canonical * 1e3:.1f} ms)")
    print(f"  digests on {args.threads} threads:        {t_digest_par * 1e3:7.1f} ms"
          f" (sequential {t_digest * 1e3:.1f} ms)")


if __name__ == "__main__":
    main()

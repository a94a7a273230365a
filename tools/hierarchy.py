"""``loom hierarchy``: print a generator's module tree with instance counts and draw it (DOT and SVG)."""

from __future__ import annotations

import argparse
from typing import Any

from ..dialect.srcloc import display_path


def add_hierarchy_command(commands: Any) -> None:
    """The ``hierarchy`` sub-command of ``loom`` (``commands`` is argparse's sub-parser collection)."""
    hierarchy = commands.add_parser(
        "hierarchy", help="print the module tree with instance counts and draw it",
        description="Print the module tree of one generator, with how many instances of each module the"
                    " design has (from the instance graph, never per instance), and write"
                    " <top>_hierarchy.dot and .svg (Graphviz) into DIR.")
    hierarchy.add_argument("target", metavar="FILE_OR_MODULE:GENERATOR", help="e.g. examples/binary_tree.py:top")
    hierarchy.add_argument("--param", "-P", action="append", default=[], metavar="K=V",
                           help="keyword argument for the generator (int, true/false or string); repeatable")
    hierarchy.add_argument("-o", "--output", default=".", metavar="DIR",
                           help="where the .dot and .svg files go (default: the working directory)")
    hierarchy.add_argument("--no-picture", action="store_true", help="only print the tree")


def run_hierarchy(args: argparse.Namespace) -> None:
    from ..driver.design import Design  # only this sub-command edits designs: kept out of `loom build`'s start-up
    from .build import load_generator, parse_params  # not at the top: build.py imports this module

    tree = Design(load_generator(args.target, parse_params(args.param))).hierarchy()
    print(tree)
    print(tree.summary())
    if not args.no_picture:
        for path in tree.write(args.output):
            print(display_path(str(path)))

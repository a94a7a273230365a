"""``loom sim``: build a generator and run cocotb tests on it from the shell (``loom.sim.run``)."""

from __future__ import annotations

import argparse
from typing import Any

from ..sim import DEFAULT, SIMULATORS


def add_sim_command(commands: Any) -> None:
    """The ``sim`` sub-command of ``loom`` (``commands`` is argparse's sub-parser collection)."""
    sim = commands.add_parser("sim", help="build one generator and run cocotb tests on it",
                              description="Build one generator and run the cocotb tests of a Python module on it"
                                          " (docs/simulation.md). Exits with status 1 when a test fails.")
    sim.add_argument("target", metavar="FILE_OR_MODULE:GENERATOR", help="e.g. examples/counter.py:Counter")
    sim.add_argument("--tests", "-t", required=True, metavar="MODULE",
                     help="the cocotb tests: a .py file or an importable module name")
    sim.add_argument("--param", "-P", action="append", default=[], metavar="K=V",
                     help="keyword argument for the generator (int, true/false or string); repeatable")
    sim.add_argument("--simulator", "-s", choices=SIMULATORS, default=DEFAULT, help=f"default: {DEFAULT}")
    sim.add_argument("--waves", action="store_true", help="record the signals (FST or VCD) under the build folder")
    sim.add_argument("--build-dir", "-o", metavar="DIR", help="default: sim_build/<top module>")
    sim.add_argument("--seed", type=int, help="cocotb's random seed")
    sim.add_argument("--testcase", metavar="NAME", help="run only the tests with this name")


def run_sim(args: argparse.Namespace) -> None:
    from ..sim import run  # only `loom sim` runs cocotb: kept out of `loom build`'s start-up
    from .build import load_generator, parse_params  # not at the top: build.py imports this module

    generator = load_generator(args.target, parse_params(args.param))
    result = run(generator, args.tests, simulator=args.simulator, waves=args.waves, build_dir=args.build_dir,
                 seed=args.seed, testcase=args.testcase)
    print(result.summary())

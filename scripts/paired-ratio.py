#!/usr/bin/env python3
"""Wall-time cost of the confidentiality detectors, as a ratio to the foundation's rules,
measured so that a noisy or shared machine moves it little.

Runs the `passes` example (crates/lint-core/examples/passes.rs) over a generated 10 MB
corpus in pairs, one selection right after the other: foundation rules, then foundation and
confidentiality. Each timing is three passes minus a run of no passes (corpus generation
and linter building), so a figure is the cost of one steady pass. Noise on a shared
machine comes in bursts that last longer than one pair, so the median of the per-pair
ratios is the figure to quote; the medians and minimums of each selection are printed too.

Usage: scripts/paired-ratio.py [CORPUS] [PAIRS] [BINARY]
  CORPUS  realistic (default) or leak-dense
  PAIRS   number of pairs (default 15)
  BINARY  a built passes example (default: builds target/release/examples/passes)
"""
import os
import statistics
import subprocess
import sys
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
corpus = sys.argv[1] if len(sys.argv) > 1 else "realistic"
pairs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
binary = sys.argv[3] if len(sys.argv) > 3 else None
if binary is None:
    subprocess.run(
        ["cargo", "build", "--release", "-q", "-p", "postlint-core", "--example", "passes"],
        cwd=root,
        check=True,
    )
    binary = os.path.join(root, "target", "release", "examples", "passes")


def timed(selection, passes):
    start = time.perf_counter()
    subprocess.run(
        [binary, selection, corpus, "10", str(passes)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - start


def one_pass(selection):
    idle = timed(selection, 0)
    return (timed(selection, 3) - idle) / 3 * 1000


foundation, confidentiality, ratios = [], [], []
for _ in range(pairs):
    f = one_pass("foundation")
    c = one_pass("confidentiality")
    foundation.append(f)
    confidentiality.append(c)
    ratios.append(c / f)

med = statistics.median
print(
    f"{corpus}, {pairs} pairs: foundation median {med(foundation):.1f} ms "
    f"(min {min(foundation):.1f}), with confidentiality median {med(confidentiality):.1f} ms "
    f"(min {min(confidentiality):.1f}); median of paired ratios {med(ratios):.2f}, "
    f"ratio of medians {med(confidentiality) / med(foundation):.2f}"
)

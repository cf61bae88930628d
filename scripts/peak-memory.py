#!/usr/bin/env python3
"""Peak memory (maximum resident set) and wall time of `postlint` on hostile and large
drafts, against the bound issue 5 sets: 2x the input's size + 30 MB.

Each input is generated into a temporary directory (nothing large is committed), checked
once with `postlint -q --max-length 1000000000` (the length limit would otherwise be the
only finding of the prose inputs) and measured by GNU time (`/usr/bin/time -f %M`, the
kernel's maximum resident set of the process). Prints one row per input.

Usage: scripts/peak-memory.py [BINARY]
  BINARY  a built postlint (default: target/release/postlint, built if missing)
"""
import os
import subprocess
import sys
import tempfile

MB = 1_000_000
SAMPLE = "Going forward, we will touch base with the family and leverage our learnings."

# name -> (size in bytes, how to make it)
INPUTS = {
    "one-line draft": lambda: "Coffee then reports.\n",
    "50 MB of prose on one line": lambda: ("lorem ipsum dolor sit amet " * (50 * MB // 27))[: 50 * MB],
    "50 MB of one-letter words": lambda: "a " * (25 * MB),
    "50 MB of jargon on one line (2.5M findings)": lambda: ((SAMPLE + " ") * (50 * MB // (len(SAMPLE) + 1))),
    "a million tiny lines": lambda: "a\n" * 1_000_000,
    "5 MB of '!! ' (1.7M findings)": lambda: "!! " * (5 * MB // 3),
    "10,000 emoji ZWJ sequences": lambda: "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466 " * 10_000,
    "20 MB of combining marks only": lambda: "\u0301" * (10 * MB),
    "10 MB of decomposed accents (NFD)": lambda: "e\u0301" * (10 * MB // 3),
}


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/postlint"
    if not os.path.exists(binary):
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "postlint"], check=True)
    print(f"{'input':<46} {'bytes':>11} {'peak RSS':>10} {'bound':>10} {'wall':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in INPUTS.items():
            path = os.path.join(tmp, "draft.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(make())
            size = os.path.getsize(path)
            # GNU time reports the child's own peak (a Python helper would count its own
            # memory too: the child's peak includes the forked parent before exec).
            out = subprocess.run(
                [
                    "/usr/bin/time",
                    "-f",
                    "%M %e",
                    binary,
                    "-q",
                    "--no-config",
                    "--max-length",
                    "1000000000",
                    path,
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            peak, wall = out.stderr.strip().splitlines()[-1].split()
            peak_kb, wall = int(peak), float(wall)
            bound_mb = 2 * size / MB + 30
            ok = "ok" if peak_kb * 1024 / MB <= bound_mb else "OVER"
            print(
                f"{name:<46} {size:>11,} {peak_kb * 1024 / MB:>7.1f} MB {bound_mb:>7.1f} MB"
                f" {wall:>6.2f}s {ok}"
            )


if __name__ == "__main__":
    main()

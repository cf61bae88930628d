#!/bin/sh
# A load-independent estimate of checking cost, for comparing rule selections and builds on a
# noisy or shared machine (wall time there varies by 20% or more from run to run).
#
# Runs the `passes` example under cachegrind (L1 32 KiB, the 1 MiB L2 modelled as the last
# level, branch prediction simulated) for one and for two passes over a 2 MB bench corpus; the
# difference is one steady pass, without corpus generation, linter building or warm-up. It
# prints instructions, L1 misses (instruction and data), L2 misses and mispredicted branches,
# and a single figure weighting them roughly as a current x86 core pays for them:
#
#   cost = instructions/2 + 12 * L1 misses + 40 * L2 misses + 15 * mispredicts
#
# The weights are a model, not a measurement: use it to rank changes and to see *why* one
# selection costs more than another (cache misses and mispredicts as well as instructions),
# and confirm with the divan benchmark on a quiet machine.
#
# Usage: scripts/cost-model.sh CORPUS SELECTION... (CORPUS: realistic | leak-dense;
# SELECTION: foundation | confidentiality | all). With two selections, prints their ratio.
set -eu
cd "$(dirname "$0")/.."
corpus=$1
shift
out=${TMPDIR:-/tmp}/postlint-cost-model
mkdir -p "$out"
cargo build --release -q -p postlint-core --example passes
for sel in "$@"; do
  for n in 1 2; do
    valgrind --tool=cachegrind --cache-sim=yes --branch-sim=yes \
      --I1=32768,8,64 --D1=32768,8,64 --LL=1048576,16,64 \
      --cachegrind-out-file="$out/$sel.$corpus.$n" \
      target/release/examples/passes "$sel" "$corpus" 2 "$n" >/dev/null 2>&1
  done
done
python3 - "$out" "$corpus" "$@" <<'PY'
import sys
out, corpus, sels = sys.argv[1], sys.argv[2], sys.argv[3:]
def totals(path):
    for line in open(path):
        if line.startswith('summary:'):
            return [int(x) for x in line.split()[1:]]
    raise SystemExit(f'{path}: no summary line')
# Event order: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw Bc Bcm Bi Bim
cost = {}
for s in sels:
    one, two = totals(f'{out}/{s}.{corpus}.1'), totals(f'{out}/{s}.{corpus}.2')
    d = [b - a for a, b in zip(one, two)]
    ir, l1, l2, br = d[0], d[1] + d[4] + d[7], d[2] + d[5] + d[8], d[10] + d[12]
    cost[s] = ir / 2 + 12 * l1 + 40 * l2 + 15 * br
    print(f'{s:16} instructions {ir/1e6:7.1f}M  L1 misses {l1/1e3:6.0f}k  '
          f'L2 misses {l2/1e3:5.0f}k  mispredicts {br/1e3:6.0f}k  cost {cost[s]/1e6:6.1f}M')
if len(sels) == 2:
    print(f'ratio {sels[1]}/{sels[0]}: {cost[sels[1]]/cost[sels[0]]:.2f}')
PY

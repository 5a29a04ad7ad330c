#!/usr/bin/env bash
# End-to-end benchmark of the gate: generate export bundles for 1,000 workspaces
# (200,000 resources), then time the whole `residency check --json` process in a release
# build linked as scripts/install.sh installs it (scripts/build-release.sh), with its peak
# memory. Figures go in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BENCH_DIR:-/tmp/residency-bench-bundles}
scripts/build-release.sh >/dev/null
swift build -c release --product residency-bench >/dev/null
rm -rf "$dir"
.build/release/residency-bench generate "$dir" --workspaces "${WORKSPACES:-1000}" --per-workspace "${PER_WORKSPACE:-200}"
du -sh "$dir" | awk '{print "bundles on disk: " $1}'
for run in 1 2 3; do
  /usr/bin/time -f "run $run: %e s wall, %U s user, %S s sys, peak %M KB" \
    .build/release/residency check --policies policies --inventory "$dir" --facts examples/facts.yaml \
      --json "$dir.results.json" --now 2026-11-28T02:00:00Z >/dev/null || test $? -eq 1
done
ls -l "$dir.results.json" | awk '{print "result document: " $5 " bytes"}'
# The issue's yardstick: Python's json.load of the same files, nothing else (best of three).
python3 - "$dir" <<'PY'
import json, os, sys, time
folder = sys.argv[1]
names = sorted(n for n in os.listdir(folder) if n.endswith(".json"))
best = None
for _ in range(3):
    start = time.perf_counter()
    for n in names:
        with open(os.path.join(folder, n), "rb") as f:
            json.load(f)
    took = time.perf_counter() - start
    best = took if best is None else min(best, took)
print(f"python json.load of the {len(names)} files: {best:.2f} s (best of 3)")
PY

#!/usr/bin/env bash
# The HTML report of a 1,000-workspace night as a folder (`--html-dir`, issue 13): how long
# writing it takes, how large the index is, how long headless Chromium takes to load it (less
# the time it takes to load an empty page, its own start-up) and how many pages it prints.
# Needs chromium and python3 with pypdf. Figures go in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BENCH_DIR:-/tmp/residency-bench-bundles}
out=${BENCH_OUT:-/tmp/residency-bench-html}
scripts/build-release.sh >/dev/null
swift build -c release --product residency-bench >/dev/null
if [ ! -d "$dir" ]; then
  .build/release/residency-bench generate "$dir" --workspaces "${WORKSPACES:-1000}" --per-workspace "${PER_WORKSPACE:-200}"
fi
rm -rf "$out" && mkdir -p "$out"
.build/release/residency check --policies policies --inventory "$dir" --facts examples/facts.yaml \
  --json "$out/results.json" --now 2026-11-28T02:00:00Z >/dev/null 2>&1 || test $? -eq 1
/usr/bin/time -f "report --html-dir: %e s wall, peak %M KB" \
  .build/release/residency report "$out/results.json" --html-dir "$out/html" >/dev/null
ls "$out/html" | wc -l | awk '{print "files in the folder: " $1}'
du -sh "$out/html" | awk '{print "folder: " $1}'
wc -c < "$out/html/index.html" | awk '{printf "index.html: %d bytes\n", $1}'
echo '<!DOCTYPE html><html lang="en"><title>x</title><p>x</p></html>' > "$out/empty.html"
load() {
  local start end
  start=$(date +%s%N)
  chromium --headless --disable-gpu --no-sandbox --no-first-run --dump-dom "file://$1" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
empty=$(load "$out/empty.html"); index=$(load "$out/html/index.html")
echo "chromium: index loaded in ${index} ms (an empty page: ${empty} ms; the index's own share: $((index - empty)) ms)"
chromium --headless --disable-gpu --no-sandbox --no-first-run --no-pdf-header-footer \
  --print-to-pdf="$out/index.pdf" "file://$out/html/index.html" >/dev/null 2>&1
python3 -c 'import sys, pypdf; print("printed pages of the index:", len(pypdf.PdfReader(sys.argv[1]).pages))' "$out/index.pdf"

#!/usr/bin/env bash
# Regenerates the example reports in reports/ (JSON, JUnit, HTML, SARIF, Markdown) from the bundled example,
# with a fixed clock and a fixed, minimal environment so the bytes are the same on every
# machine, then the README's screenshot of the HTML report (needs chromium).
# CLITests.exampleReportsAreCurrent fails when these files are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -q --product residency
status=0
env -i PATH="$PATH" USER=residency-example .build/debug/residency check --now 2026-11-28T02:00:00Z \
  --json reports/example-results.json --junit reports/example-junit.xml --html reports/example-report.html \
  --sarif reports/example-results.sarif --markdown reports/example-summary.md \
  > /dev/null || status=$?
[ "$status" -eq 1 ] || { echo "expected exit 1 (the example has violations), got $status" >&2; exit 1; }
if command -v chromium > /dev/null; then
  mkdir -p docs/images
  chromium --headless --disable-gpu --no-sandbox --hide-scrollbars --window-size=1280,1500 \
    --screenshot="$PWD/docs/images/example-report.png" "file://$PWD/reports/example-report.html" 2> /dev/null
fi
echo "reports/example-results.json, -junit.xml, -report.html, -results.sarif and -summary.md updated"

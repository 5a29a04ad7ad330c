#!/usr/bin/env bash
# The nightly compliance run (docs/nightly.md): export every workspace, audit them all against
# last night's results, keep tonight's reports, and move the baseline forward.
#
#   scripts/nightly.sh            # in the folder holding workspaces.yaml and facts.yaml
#   NIGHT=2026-11-28 scripts/nightly.sh   # the night's date, for a re-run (default: today, UTC)
#
# Exit status: residency check's — 0 when nothing trips the gate, 1 when something does (the
# reports are written either way, and the baseline moves forward), 2 or more when the audit
# could not run or a report could not be written (nothing moves). A failed export stops the
# night before the audit: an incomplete folder would show the missing workspaces' findings as
# resolved.
set -euo pipefail
day="${NIGHT:-$(date -u +%F)}"
mkdir -p "nightly/$day" reports
# 1. Export every workspace into a folder of its own for the night (never into yesterday's:
#    a workspace whose export failed would be audited from a stale bundle).
(cd "nightly/$day" && residency export --workspaces ../../workspaces.yaml)
# 2. Audit them all, against last night's results when there are any (not on the first night).
baseline=()
if [ -f reports/last-night.json ]; then baseline=(--baseline reports/last-night.json); fi
status=0
residency check --inventory "nightly/$day" --facts facts.yaml ${baseline[@]+"${baseline[@]}"} \
  --json "reports/$day.json" --html-dir "reports/$day" \
  --junit-dir reports/junit --sarif reports/residency.sarif --markdown reports/summary.md || status=$?
# 3. Tonight's results are tomorrow's baseline, whatever the gate said: with exit 0 or 1 every
#    report was written. Each night's JSON and HTML folder (index.html, a page per workspace)
#    stay in reports/.
if [ "$status" -le 1 ]; then cp "reports/$day.json" reports/last-night.json; fi
exit "$status"

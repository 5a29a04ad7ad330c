#!/usr/bin/env bash
# Regenerates the bundled catalog (policies/catalog/segment-regional.json) from Segment's own
# catalog data and the Regional page supplement, both in policies/catalog/inputs/. A test
# (BundledCatalogTests) fails when the committed catalog differs from what this writes.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(ls policies/catalog/inputs/segment-public-catalog-*.json | tail -1)
version=$(basename "$data" .json | sed 's/^segment-public-catalog-//')
swift run --quiet residency catalog generate \
  --from "$data" \
  --supplement policies/catalog/inputs/segment-regional-page.json \
  --catalog-version "$version" \
  --output policies/catalog/segment-regional.json

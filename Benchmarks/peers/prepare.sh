#!/usr/bin/env bash
# Converts the peer harness's inventories into residency's export bundles once, untimed, into
# the cache residency-external.py reads (RESIDENCY_PEERS_CACHE, default /tmp/residency-peers-cache).
# Usage: Benchmarks/peers/prepare.sh PEERS_DIR   (the harness, after its setup.sh)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
peers="${1:?usage: prepare.sh PEERS_DIR}"
for size in small medium large; do
  python3 "$here/residency-external.py" --prepare-only \
    --inventory "$peers/data/$size.inventory.json" --catalog "$peers/data/catalog.json"
done

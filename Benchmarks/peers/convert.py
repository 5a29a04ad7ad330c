#!/usr/bin/env python3
"""Converts a peer-harness inventory (../shared/bench/peers, gen_inventory.py) into what
residency reads: one export bundle per workspace, in the shape `residency export` writes
(Segment's Public API objects), and a facts file with the harness catalog's EU flags.

The harness's data are synthetic: a destination carries its `endpointRegion` and its catalog
entry a made-up `euEndpoint` flag, which no real Segment setting expresses. So the bundles
keep what residency would resolve from real settings (endpoint hosts, catalog look-ups) out of
the comparison: each resource's harness fields are carried in its `settings` under `harness…`
keys, and a source's SDK type as the label `sdk:<type>`, and policies/peers.policy states
P1-P4 over them exactly as the harness's README does.

Usage: convert.py INVENTORY CATALOG OUT_DIR   (OUT_DIR is replaced)
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path


def bundle(ws: dict) -> dict:
    sources = [
        {
            "id": s["id"], "slug": s["id"], "name": s["name"], "enabled": s["enabled"], "workspaceId": ws["id"],
            "writeKeys": [], "labels": [{"key": "sdk", "value": s["type"]}],
            "settings": s.get("settings", {}),
            "metadata": {"id": "harness-" + s["type"], "slug": s["type"], "name": s["type"], "categories": [],
                         "isCloudEventSource": s["type"] in ("s3", "iterable", "stripe")},
        }
        for s in ws["sources"]
    ]
    destinations = [
        {
            "id": d["id"], "name": d["name"], "enabled": d["enabled"], "sourceId": d["sourceIds"][0],
            "settings": {"harnessEndpointRegion": d["endpointRegion"], "harnessCatalogName": d["catalogName"]},
            "metadata": {"id": "harness", "slug": "harness", "name": d["catalogName"]},
        }
        for d in ws["destinations"]
    ]
    warehouses = [
        {
            "id": w["id"], "enabled": True,
            "settings": {"name": w["id"], "harnessType": w["type"], "harnessRegion": w["region"]},
            "metadata": {"slug": w["type"], "name": w["type"]},
        }
        for w in ws["warehouses"]
    ]
    return {
        "exportVersion": 1,
        "exportedAt": "2026-11-28T02:00:00Z",
        "apiHost": "https://eu1.api.segmentapis.com" if ws["region"].startswith("eu") else "https://api.segmentapis.com",
        "workspace": {"data": {"workspace": {"id": ws["id"], "slug": ws["id"], "name": ws["name"]}}},
        "region": ws["region"],
        "sources": {"data": {"sources": sources,
                             "pagination": {"current": "MA==", "next": None, "totalEntries": len(sources)}}},
        "destinations": destinations,
        "warehouses": warehouses,
        "warehouseAccess": [{"warehouseId": w["id"], "allowlistedCidrs": w["allowlistedCidrs"]} for w in ws["warehouses"]],
    }


def regional_catalog(data: dict, cat: dict) -> dict:
    """residency's catalog (format 2) of the harness's integrations, so that none is unknown:
    Segment's real fields (ingest hosts, warehouse CIDR) from the bundled catalog, and an
    entry for every destination, source type and warehouse type the inventory names (custom
    Functions too). The EU flags that decide P2 are the harness's, in the facts file."""
    real = json.loads((Path(__file__).resolve().parents[2] / "policies/catalog/segment-regional.json").read_text())
    names = set(cat) | {d["catalogName"] for ws in data["workspaces"] for d in ws["destinations"]}
    sources = {s["type"] for ws in data["workspaces"] for s in ws["sources"]}
    warehouses = {w["type"] for ws in data["workspaces"] for w in ws["warehouses"]}
    both = ["us", "eu"]
    return {
        **{k: real[k] for k in ("formatVersion", "ingest", "dates", "warehouseCidrs", "cidrRequiredFor", "sdks")},
        "catalogVersion": "peers",
        "title": "The peer harness's integrations (synthetic)",
        "sourceDocument": "../shared/bench/peers/gen_inventory.py",
        "generatedFrom": real["generatedFrom"],
        "destinations": [
            {"id": f"harness-{i}", "slug": f"harness-{i}", "name": n, "vendor": n, "supportedRegions": ["us-west-2", "eu-west-1"],
             "regionEndpoints": ["US", "EU"], "status": "PUBLIC", "connectionModes": {"device": [], "cloud": ["server"]}}
            for i, n in enumerate(sorted(names))
        ],
        "sources": [
            {"id": f"harness-{t}", "slug": t, "name": t, "supportedRegions": both, "regionEndpoints": both, "status": "PUBLIC",
             "type": "cloud-app" if t in ("s3", "iterable", "stripe") else "server"}
            for t in sorted(sources)
        ],
        "warehouses": [
            {"slug": t, "name": t, "supportedRegions": both, "regionEndpoints": both, "status": "PUBLIC",
             "requiresCidr": t in ("redshift", "postgres")}
            for t in sorted(warehouses)
        ],
    }


def main() -> None:
    inventory, catalog, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    data = json.loads(inventory.read_text())
    cat = json.loads(catalog.read_text())["destinations"]
    staging = out.with_name(out.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "bundles").mkdir(parents=True)
    for i, ws in enumerate(data["workspaces"]):
        (staging / "bundles" / f"{i:05d}.json").write_text(json.dumps(bundle(ws), separators=(",", ":")) + "\n")
    eu = sorted(name for name, entry in cat.items() if entry.get("euEndpoint"))
    (staging / "facts.json").write_text(json.dumps({"euCapable": eu}, indent=1) + "\n")
    (staging / "catalog.json").write_text(json.dumps(regional_catalog(data, cat), indent=1) + "\n")
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)


if __name__ == "__main__":
    main()

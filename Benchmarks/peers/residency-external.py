#!/usr/bin/env python3
"""residency as an `--external` engine of the peer harness (../shared/bench/peers, README
"Adding our Swift tool"):

  bench.py --external 'residency=.venv/bin/python /path/to/Benchmarks/peers/residency-external.py --inventory {inventory} --catalog {catalog}'

(the harness's own interpreter: a pyenv `python3` shim adds about 60 ms to every run).

The harness's inventory is converted once into export bundles (convert.py) and kept in a
cache keyed by the inventory's path, size and modification time; run prepare.sh first so
that no timed run converts. The timed work is one `residency check` process, which reads
the bundles, evaluates P1-P4 (policies/peers.policy) and writes the JSON result document and
a SARIF log; the failing results of the SARIF log are printed as the harness's
"P<n>:<resource id>" array. The child's wall time and peak memory are reported in
BENCH_PHASES (`residency_s`, `child_peak_rss_kib`).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def cache_dir(inventory: Path, cache: Path) -> Path:
    st = inventory.stat()
    return cache / f"{inventory.stem}-{st.st_size}-{st.st_mtime_ns}"


def ensure(inventory: Path, catalog: Path, cache: Path) -> Path:
    out = cache_dir(inventory, cache)
    if not (out / "bundles").is_dir():
        print(f"residency-external: converting {inventory} (not prepared; this run is slower)", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "convert.py"), str(inventory), str(catalog), str(out)], check=True)
    return out


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--inventory", type=Path, required=True)
    p.add_argument("--catalog", type=Path, required=True)
    p.add_argument("--residency", default=os.environ.get("RESIDENCY_BIN", str(ROOT / ".build/release/residency")))
    p.add_argument("--cache", type=Path, default=Path(os.environ.get("RESIDENCY_PEERS_CACHE", "/tmp/residency-peers-cache")))
    p.add_argument("--prepare-only", action="store_true")
    a = p.parse_args()
    data = ensure(a.inventory, a.catalog, a.cache)
    if a.prepare_only:
        return
    with tempfile.TemporaryDirectory(prefix="residency-peers-") as tmp:
        results, sarif = Path(tmp) / "results.json", Path(tmp) / "results.sarif"
        cmd = [
            a.residency, "check", "--policies", str(HERE / "policies"), "--catalog", str(data / "catalog.json"),
            "--inventory", str(data / "bundles"), "--facts", str(data / "facts.json"), "--fail-on", "never",
            "--now", "2026-11-28T02:00:00Z", "--json", str(results), "--sarif", str(sarif),
        ]
        t0 = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - t0
        err = child.stderr.read().decode(errors="replace")
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            sys.exit(f"residency check exited {code}: {err.strip()[:500]}")
        text = sarif.read_text()
        # Code scanning keeps 5,000 results a run; past it the log says what it left out.
        if '"results-limit"' in text:
            sys.exit("the SARIF log left results out (more than 5,000 failing or undecided)")
        run = json.loads(text)["runs"][0]
        found = sorted(
            f"{r['ruleId']}:{r['properties']['residency/resource']['id']}"
            for r in run["results"]
            if r["properties"]["residency/outcome"] == "fail"
        )
    print(json.dumps(found))
    phases = {"residency_s": round(elapsed, 4), "child_peak_rss_kib": usage.ru_maxrss}
    print("BENCH_PHASES " + json.dumps(phases), file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Times `residency scan` over a generated monorepo (docs/performance.md, "Scanning code").
#
#   scripts/bench-scan.sh [FILES] [DIR]     default 100000 files in /tmp/residency-bench-monorepo
#
# The tree is generated once (deterministically) and reused: FILES files of code spread over
# services in ten languages (1-4 KB each, about one in fifty setting up a Segment SDK, the
# rest ordinary code, some naming "analytics" in passing), plus node_modules, Pods and build
# folders and a .gitignore'd folder that the scan must pass by. Release build; prints the
# wall time, peak memory and the scan's own summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
FILES="${1:-100000}"
DIR="${2:-/tmp/residency-bench-monorepo}"

if [ ! -f "$DIR/.generated-$FILES" ]; then
  rm -rf "$DIR"
  python3 - "$DIR" "$FILES" <<'PY'
import os, random, sys
root, total = sys.argv[1], int(sys.argv[2])
random.seed(16)
langs = {
    "swift": ('import Foundation\n', 'func f{n}(_ x: Int) -> Int {{\n    // a comment about analytics {n}\n    let s = "value {n}"\n    return x * {n} + s.count\n}}\n',
              'import Segment\nlet c{n} = Configuration(writeKey: "swiftKey{n}").apiHost("events.eu1.segmentapis.com/v1")\n'),
    "kt": ('package app\n', 'fun f{n}(x: Int): Int {{\n    /* block {n} */\n    val s = "value $x {n}"\n    return x * {n} + s.length\n}}\n',
           'import com.segment.analytics.kotlin.android.Analytics\nval a{n} = Analytics("kotlinKey{n}", context) {{ apiHost = "api.segment.io/v1" }}\n'),
    "ts": ('import x from "y";\n', 'export function f{n}(x: number): number {{\n  const s = `value ${{x}} {n}`;\n  return x * {n} + s.length; // trailing\n}}\n',
           "import {{ createClient }} from '@segment/analytics-react-native';\nexport const c{n} = createClient({{ writeKey: 'rnKey{n}', proxy: 'https://events.eu1.segmentapis.com/v1', useSegmentEndpoints: true }});\n"),
    "js": ('"use strict";\n', 'function f{n}(x) {{\n  const r = /a+b/g;\n  return x * {n} + "s{n}".length;\n}}\n',
           "const {{ Analytics }} = require('@segment/analytics-node')\nconst a{n} = new Analytics({{ writeKey: process.env.KEY{n}, host: 'https://events.eu1.segmentapis.com' }})\n"),
    "py": ('import os\n', 'def f{n}(x):\n    """Doc {n}."""\n    s = f"value {{x}} {n}"\n    return x * {n} + len(s)  # note\n',
           "import segment.analytics as analytics\nanalytics.write_key = 'pyKey{n}'\nanalytics.host = 'https://events.eu1.segmentapis.com'\n"),
    "go": ('package svc\n', 'func F{n}(x int) int {{\n\ts := "value {n}"\n\treturn x*{n} + len(s)\n}}\n',
           'import "github.com/segmentio/analytics-go/v3"\nvar c{n}, _ = analytics.NewWithConfig("goKey{n}", analytics.Config{{Endpoint: "https://events.eu1.segmentapis.com"}})\n'),
    "java": ('package svc;\n', 'class C{n} {{\n    int f(int x) {{ String s = "value {n}"; return x * {n} + s.length(); }}\n}}\n',
             'import com.segment.analytics.Analytics;\nclass S{n} {{ Analytics a = Analytics.builder("javaKey{n}").endpoint("https://events.eu1.segmentapis.com").build(); }}\n'),
    "rb": ("require 'json'\n", "def f{n}(x)\n  s = \"value #{{x}} {n}\"\n  x * {n} + s.length # note\nend\n",
           "require 'segment/analytics'\nA{n} = Segment::Analytics.new(write_key: 'rbKey{n}', host: 'events.eu1.segmentapis.com')\n"),
    "php": ("<?php\n", "function f{n}($x) {{\n    $s = \"value $x {n}\";\n    return $x * {n} + strlen($s); // note\n}}\n",
            "<?php\nuse Segment\\Segment;\nSegment::init('phpKey{n}', ['host' => 'events.eu1.segmentapis.com']);\n"),
    "cs": ("using System;\n", "class C{n} {{\n    int F(int x) {{ var s = $\"value {{x}} {n}\"; return x * {n} + s.Length; }}\n}}\n",
           'using Segment.Analytics;\nclass S{n} {{ Analytics a = new Analytics(new Configuration("csKey{n}", apiHost: "events.eu1.segmentapis.com/v1")); }}\n'),
}
exts = list(langs)
written = 0
services = max(1, total // 500)
for n in range(total):
    ext = exts[n % len(exts)]
    head, body, sdk = langs[ext]
    service = f"services/svc{n % services:04d}/src/mod{(n // services) % 20:02d}"
    os.makedirs(os.path.join(root, service), exist_ok=True)
    parts = [head if ext != "php" else "<?php\n"]
    if n % 50 == 0:
        parts = [sdk.format(n=n)]
    for k in range(random.randint(8, 30)):
        parts.append(body.format(n=n * 100 + k))
    with open(os.path.join(root, service, f"file{n}.{ext}"), "w") as f:
        f.write("".join(parts))
# What the scan must pass by: dependencies, build output and ignored folders.
for skipped in ["node_modules/@segment/analytics-node", "ios/Pods/Segment", "build/generated", "ignored/cache"]:
    os.makedirs(os.path.join(root, skipped), exist_ok=True)
    for k in range(200):
        with open(os.path.join(root, skipped, f"dep{k}.js"), "w") as f:
            f.write("const { Analytics } = require('@segment/analytics-node')\nnew Analytics({ writeKey: 'dep' })\n")
with open(os.path.join(root, ".gitignore"), "w") as f:
    f.write("ignored/\n*.log\n")
PY
  touch "$DIR/.generated-$FILES"
fi

scripts/build-release.sh >/dev/null
echo "tree: $(find "$DIR" -type f | wc -l) files, $(du -sh "$DIR" | cut -f1)"
/usr/bin/time -f "scan: %e s wall, %M KB peak" .build/release/residency scan "$DIR" 2>&1 >/tmp/residency-bench-scan.txt | tail -1
tail -1 /tmp/residency-bench-scan.txt

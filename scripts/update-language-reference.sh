#!/usr/bin/env bash
# Regenerates the schema and built-in reference inside docs/language.md from the code
# (`residency reference`). DocsTests fails until this has been run after a schema change.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -q --product residency
reference=$(.build/debug/residency reference)
python3 - "$reference" <<'PY'
import sys
doc = open("docs/language.md").read()
begin = "<!-- BEGIN GENERATED REFERENCE: residency reference -->"
end = "<!-- END GENERATED REFERENCE -->"
a, b = doc.index(begin) + len(begin), doc.index(end)
doc = doc[:a] + "\n" + sys.argv[1].strip() + "\n" + doc[b:]
open("docs/language.md", "w").write(doc)
PY
echo "docs/language.md reference updated"

#!/usr/bin/env bash
# Builds the libFuzzer harnesses in Fuzz/ (docs/fuzzing.md) with -sanitize=fuzzer,address and
# runs each on its seed corpus for SECONDS (default 120). Usage:
#   scripts/fuzz.sh                 # every harness, 120 s each
#   SECONDS_EACH=600 scripts/fuzz.sh json policy
# Crashes are written to Fuzz/artifacts/<harness>/; new inputs go to a scratch corpus so the
# committed seeds stay small. Leak detection is off: the Swift runtime keeps its metadata
# caches until exit, which LeakSanitizer reports as leaks on every run.
set -euo pipefail
cd "$(dirname "$0")/../Fuzz"
seconds=${SECONDS_EACH:-120}
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(json yaml policy plan document)
# lld: gold fails on the sanitizer-instrumented debug info.
swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld -Xswiftc -g >/dev/null
for h in "${harnesses[@]}"; do
  mkdir -p "artifacts/$h" "scratch/$h"
  echo "fuzz-$h: ${seconds}s"
  ASAN_OPTIONS=detect_leaks=0 ".build/release/fuzz-$h" "scratch/$h" "corpus/$h" -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=10 -detect_leaks=0 \
    -artifact_prefix="artifacts/$h/" -print_final_stats=1 2>&1 | grep -E "^(stat::|#[0-9]+[[:space:]]+DONE|==[0-9]+==|SUMMARY)" || true
  # compgen, not ls: ls fails when any one of the patterns matches nothing.
  if compgen -G "artifacts/$h/crash-*" >/dev/null || compgen -G "artifacts/$h/timeout-*" >/dev/null \
    || compgen -G "artifacts/$h/oom-*" >/dev/null; then
    echo "fuzz-$h found a failing input: see Fuzz/artifacts/$h/" >&2
    exit 1
  fi
done

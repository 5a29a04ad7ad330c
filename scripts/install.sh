#!/usr/bin/env bash
# Builds a release `residency` with the Swift runtime linked in statically, so it runs on a
# machine without the Swift toolchain, and installs it with the standard policy pack, its
# catalog and the bundled example:
#
#   scripts/install.sh                      # into /usr/local (bin/residency, share/residency/)
#   PREFIX="$HOME/.local" scripts/install.sh
#
# An installed `residency check` finds the pack in PREFIX/share/residency/policies when there
# is no ./policies (or $RESIDENCY_HOME/policies): it runs outside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${PREFIX:-/usr/local}"
scripts/build-release.sh
mkdir -p "$prefix/bin" "$prefix/share/residency"
install -m 0755 .build/release/residency "$prefix/bin/residency"
rm -rf "$prefix/share/residency/policies" "$prefix/share/residency/examples"
cp -R policies "$prefix/share/residency/policies"
mkdir -p "$prefix/share/residency/examples"
cp -R examples/inventory examples/facts.yaml examples/waivers.yaml "$prefix/share/residency/examples/"
echo "installed $prefix/bin/residency and $prefix/share/residency/{policies,examples}"

#!/usr/bin/env bash
# Strict build into a scratch folder, swapped into site/ only when it succeeds,
# so a failed build never leaves a half-written site that could be deployed.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
mkdocs="${MKDOCS:-.venv/bin/mkdocs}"
site="${1:-site}"
next=".cache/site.next"
rm -rf "$next"
mkdir -p .cache
trap 'rm -rf "$next"' EXIT
"$mkdocs" build --strict --site-dir "$next"
rm -rf "$site.old"
if [ -e "$site" ]; then mv "$site" "$site.old"; fi
mv "$next" "$site"
rm -rf "$site.old"
echo "site written to $site/"

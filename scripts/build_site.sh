#!/usr/bin/env bash
# Strict build into a scratch folder of its own, swapped into site/ only when it
# succeeds, so a failed build never leaves a half-written site that could be
# deployed. Two builds at once each get their own scratch folder; the swap is
# done under a lock, so site/ is always one whole build.
# When nothing the build reads has changed since the last build of site/, and
# site/ is untouched, the build is skipped (study_wiki/core/up_to_date.py);
# WIKI_REBUILD=1 builds anyway.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
mkdocs="${MKDOCS:-.venv/bin/mkdocs}"
site="${1:-site}"
python="$(dirname "$(command -v "$mkdocs")")/python"
status() { "$python" -m study_wiki site-status "$@"; }
# `check` prints the fingerprint of the inputs, recorded with the site once built.
if inputs="$(status check "$site")" && [ -z "${WIKI_REBUILD:-}" ]; then
  echo "$site/ is up to date: nothing it is built from changed since its last build" \
    "(WIKI_REBUILD=1 builds anyway)"
  exit 0
fi
mkdir -p .wiki-cache
next=".wiki-cache/site.next.$$"  # this run's own; mkdocs creates it
rm -rf "$next"
old="$site.old.$$"
trap 'rm -rf "$next" "$old" 2>/dev/null || true' EXIT
"$mkdocs" build --strict --site-dir "$next"
exec 9>.wiki-cache/build.lock
if ! flock --wait 600 9; then
  echo "build_site.sh: another build is still swapping its result into $site/" \
    "(lock .wiki-cache/build.lock held for 10 minutes); stop it or try again" >&2
  exit 1
fi
if [ -e "$site" ]; then
  if ! mv "$site" "$old"; then
    echo "build_site.sh: cannot move the old $site/ aside: check its permissions" \
      "(e.g. \`chmod -R u+w $site\`) or remove it, then build again" >&2
    exit 1
  fi
fi
mv "$next" "$site"
status record "$site" "$inputs"
if ! rm -rf "$old" 2>/dev/null; then
  echo "build_site.sh: warning: the previous site could not be fully removed: $old" \
    "(check its permissions)" >&2
fi
echo "site written to $site/"

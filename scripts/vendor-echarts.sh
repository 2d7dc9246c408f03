#!/usr/bin/env bash
# Re-fetches the pinned ECharts release with `npm pack`, checks the tarball
# against the registry integrity recorded here and the minified file against
# its recorded SHA-256, then copies it and its licence into the default theme.
# Pages load ECharts only from the site itself, never from another host.
#
#   scripts/vendor-echarts.sh          fetch, verify and copy
#   scripts/vendor-echarts.sh --check  verify the committed copy only
#
# To move to another version: change VERSION, run with UPDATE=1 to print the
# new integrity and hash, review them, record them here, and run the browser
# tests (go test ./internal/browser), which draw every kind of chart we use.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=5.6.0
INTEGRITY=sha512-oTbVTsXfKuEhxftHqL5xprgLoc0k7uScAwtryCgWF6hPYFLRwOUHiFmHGCBKP5NPFNkDVopOieyUqYGH8Fa3kA==
MIN_SHA256=bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1
DEST=themes/default/assets

check_min() {
  local got
  got=$(sha256sum "$1" | cut -d' ' -f1)
  if [[ $got != "$MIN_SHA256" && -z ${UPDATE:-} ]]; then
    echo "echarts.min.js: SHA-256 $got, want $MIN_SHA256" >&2
    exit 1
  fi
  echo "$got"
}

if [[ ${1:-} == --check ]]; then
  check_min "$DEST/echarts.min.js" >/dev/null
  grep -q "Apache License" "$DEST/echarts-LICENSE.txt"
  echo "echarts $VERSION: committed copy verified"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack "echarts@$VERSION" --silent >/dev/null)
tgz="$tmp/echarts-$VERSION.tgz"
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
if [[ $got != "$INTEGRITY" ]]; then
  echo "echarts-$VERSION.tgz: integrity $got, want $INTEGRITY" >&2
  [[ -n ${UPDATE:-} ]] || exit 1
fi
tar -xzf "$tgz" -C "$tmp"
sum=$(check_min "$tmp/package/dist/echarts.min.js")
cp "$tmp/package/dist/echarts.min.js" "$DEST/echarts.min.js"
cp "$tmp/package/LICENSE" "$DEST/echarts-LICENSE.txt"
cp "$tmp/package/NOTICE" "$DEST/echarts-NOTICE.txt"
echo "echarts $VERSION: integrity $got"
echo "echarts.min.js: sha256 $sum, copied to $DEST"

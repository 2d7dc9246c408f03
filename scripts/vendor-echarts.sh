#!/usr/bin/env bash
# Builds the part of ECharts the default theme uses into
# themes/default/assets/echarts.min.js, reproducibly: the pinned echarts
# package and the pinned esbuild bundler both come from package-lock.json
# (npm ci), the entry point scripts/echarts-entry.js names every chart type
# and component used, and the result is checked against its recorded
# SHA-256. The licence and notice are copied beside it. Pages load ECharts
# only from the site itself, never from another host.
#
#   scripts/vendor-echarts.sh          install, build, verify and copy
#   scripts/vendor-echarts.sh --check  verify the committed copy only
#
# To change what is built (another chart type, another version): edit the
# entry point or package.json, run with UPDATE=1 to print the new hash,
# review it, record it here (internal/theme's test reads it), and run the
# browser tests (go test ./internal/browser), which draw every chart kind.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=5.6.0
MIN_SHA256=3947878831c54ae41529b271da444947eba422e107977f74e3bd3e77354773fe
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

npm ci --no-audit --no-fund --silent
[[ $(node -p 'require("echarts/package.json").version') == "$VERSION" ]] || { echo "package-lock.json does not pin echarts $VERSION" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
./node_modules/.bin/esbuild scripts/echarts-entry.js --bundle --minify --format=iife --target=es2017 \
  --legal-comments=none --log-level=warning \
  --banner:js="/* ECharts $VERSION (Apache-2.0), only the parts partnersite uses: see echarts-LICENSE.txt and echarts-NOTICE.txt */" \
  --outfile="$tmp/echarts.min.js"
sum=$(check_min "$tmp/echarts.min.js")
cp "$tmp/echarts.min.js" "$DEST/echarts.min.js"
cp node_modules/echarts/LICENSE "$DEST/echarts-LICENSE.txt"
cp node_modules/echarts/NOTICE "$DEST/echarts-NOTICE.txt"
echo "echarts.min.js: sha256 $sum, $(wc -c <"$DEST/echarts.min.js") bytes, $(gzip -9c "$DEST/echarts.min.js" | wc -c) gzipped, copied to $DEST"

#!/usr/bin/env bash
# Times partnersite and Debian's Hugo on the same synthetic report pages, in
# one run on one machine, and prints the ratios: wall time (median of RUNS)
# and peak memory (maximum resident set size).
#
#   apt-get install hugo time      # once
#   scripts/bench-hugo.sh 10000            # pages in content/reports/; RUNS=5 by default
#   scripts/bench-hugo.sh 10000 library    # pages in a folder of their own, a section
#
# Hugo builds only the report pages; partnersite also builds ~250 data
# pages with charts from 24,000 figures, so the comparison favours Hugo.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${1:-10000}
FOLDER=${2:-reports}
RUNS=${RUNS:-5}
command -v hugo >/dev/null || { echo "install Hugo first: apt-get install hugo" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "install GNU time first: apt-get install time" >&2; exit 1; }

# On tmpfs when there is one: this machine's disk latency swings by 2x
# from run to run, which would measure the disk, not the generators.
base=/dev/shm
[[ -d $base && -w $base ]] || base=${TMPDIR:-/tmp}
work=$(mktemp -d -p "$base")
trap 'rm -rf "$work"' EXIT
go build -o "$work/partnersite" ./cmd/partnersite
go run ./internal/synth/gen -pages "$PAGES" -folder "$FOLDER" "$work/ps"
go run ./internal/synth/gen -pages "$PAGES" -folder "$FOLDER" -hugo "$work/hugo"

# once NAME CMD...: runs CMD once, appending "seconds peak_kib" to $work/NAME.
once() {
  local name=$1
  shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  cat "$work/t" >>"$work/times-$name"
}
# summary NAME: prints "median_seconds peak_kib" of the runs of NAME.
summary() {
  sort -n "$work/times-$1" | awk '{t[NR]=$1; if ($2 > p) p=$2} END {print t[int((NR+1)/2)], p}'
}

# The two alternate, so a slow patch of the machine hits both alike.
for ((i = 0; i < RUNS; i++)); do
  once ps "$work/partnersite" build --source "$work/ps" --output "$work/ps-out"
  once hugo hugo --quiet --source "$work/hugo" --destination "$work/hugo-out"
done
read -r ps_s ps_k < <(summary ps)
read -r hu_s hu_k < <(summary hugo)
echo "pages:        $PAGES in content/$FOLDER/ (median of $RUNS alternating runs in $base, $(nproc) cores, $(hugo version | cut -d' ' -f1-2))"
echo "partnersite:  ${ps_s}s, peak $((ps_k / 1024)) MiB"
echo "hugo:         ${hu_s}s, peak $((hu_k / 1024)) MiB"
echo "output:       partnersite $(du -sm "$work/ps-out" | cut -f1) MB, hugo $(du -sm "$work/hugo-out" | cut -f1) MB"
awk -v a="$ps_s" -v b="$hu_s" -v c="$ps_k" -v d="$hu_k" 'BEGIN { printf "ratio:        time %.2fx, peak memory %.2fx (partnersite / hugo)\n", a / b, c / d }'

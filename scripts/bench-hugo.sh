#!/usr/bin/env bash
# Times partnersite and Debian's Hugo on the same synthetic report pages, in
# one run on one machine, and prints the ratios: wall time (median of RUNS)
# and peak memory (maximum resident set size).
#
#   apt-get install hugo time      # once
#   scripts/bench-hugo.sh 10000    # pages; RUNS=5 by default
#
# Hugo builds only the report pages; partnersite also builds ~250 data
# pages with charts from 24,000 figures, so the comparison favours Hugo.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${1:-10000}
RUNS=${RUNS:-5}
command -v hugo >/dev/null || { echo "install Hugo first: apt-get install hugo" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "install GNU time first: apt-get install time" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/partnersite" ./cmd/partnersite
go run ./internal/synth/gen -pages "$PAGES" "$work/ps"
go run ./internal/synth/gen -pages "$PAGES" -hugo "$work/hugo"

# measure NAME CMD...: runs CMD RUNS times; prints "median_seconds peak_kib".
measure() {
  local times=() peak=0
  for ((i = 0; i < RUNS; i++)); do
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r secs kib <"$work/t"
    times+=("$secs")
    ((kib > peak)) && peak=$kib
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v p="$peak" '{a[NR]=$1} END {print a[int((NR+1)/2)], p}'
}

read -r ps_s ps_k < <(measure "$work/partnersite" build --source "$work/ps" --output "$work/ps-out")
read -r hu_s hu_k < <(measure hugo --quiet --source "$work/hugo" --destination "$work/hugo-out")
echo "pages:        $PAGES (median of $RUNS runs, $(nproc) cores, $(hugo version | cut -d' ' -f1-2))"
echo "partnersite:  ${ps_s}s, peak $((ps_k / 1024)) MiB"
echo "hugo:         ${hu_s}s, peak $((hu_k / 1024)) MiB"
awk -v a="$ps_s" -v b="$hu_s" -v c="$ps_k" -v d="$hu_k" 'BEGIN { printf "ratio:        time %.2fx, peak memory %.2fx (partnersite / hugo)\n", a / b, c / d }'

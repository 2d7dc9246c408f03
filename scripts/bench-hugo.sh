#!/usr/bin/env bash
# Times partnersite and Debian's Hugo on the same synthetic report pages, in
# one run on one machine, and prints the ratios: wall time (median of RUNS)
# and peak memory (maximum resident set size).
#
#   apt-get install hugo time      # once
#   scripts/bench-hugo.sh 10000            # pages in content/reports/; RUNS=5 by default
#   scripts/bench-hugo.sh 10000 library    # pages in a folder of their own, a section
#   BASE=/tmp scripts/bench-hugo.sh 10000  # on the disk rather than tmpfs
#   LIMIT=../shared/bench/goldmark-limit scripts/bench-hugo.sh 10000  # and the goldmark-only floor
#
# Each run builds into an empty folder, then with nothing changed again
# over that build, as a council building again does, then once more with
# one report edited; the three are reported apart. Times are wall time, and CPU time (user + system) beside it, since
# a shared machine's wall times swing with the other work on it.
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
base=${BASE:-/dev/shm}
[[ -d $base && -w $base ]] || base=${TMPDIR:-/tmp}
work=$(mktemp -d -p "$base")
trap 'rm -rf "$work"' EXIT
# partnersite's build stamps (internal/stamp) go with the rest.
export XDG_CACHE_HOME=$work/cache
go build -o "$work/partnersite" ./cmd/partnersite
# LIMIT names a goldmark-only build (a folder with a Go main package that
# takes -in DIR -out DIR), timed on the same pages as the floor a
# markdown build cannot beat.
if [[ -n ${LIMIT:-} ]]; then
  (cd "$LIMIT" && go build -o "$work/limit" .)
fi
go run ./internal/synth/gen -pages "$PAGES" -folder "$FOLDER" "$work/ps"
go run ./internal/synth/gen -pages "$PAGES" -folder "$FOLDER" -hugo "$work/hugo"

# once NAME CMD...: runs CMD once, appending "seconds peak_kib cpu_seconds"
# to $work/times-NAME.
once() {
  local name=$1
  shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  awk '{print $1, $2, $3 + $4}' "$work/t" >>"$work/times-$name"
}
# summary NAME: prints "median_seconds peak_kib median_cpu_seconds" of the
# runs of NAME.
summary() {
  sort -n -k3 "$work/times-$1" | awk '{c[NR]=$3} END {print c[int((NR+1)/2)]}' >"$work/cpu"
  sort -n "$work/times-$1" | awk -v cpu="$(cat "$work/cpu")" '{t[NR]=$1; if ($2 > p) p=$2} END {print t[int((NR+1)/2)], p, cpu}'
}

# The two alternate, so a slow patch of the machine hits both alike.
for ((i = 0; i < RUNS; i++)); do
  # Each build into an empty folder starts on a settled disk: the last
  # output removed and everything written so far flushed, untimed. On
  # ext4 the kernel's work of deleting a 10,000-file tree otherwise falls
  # on whichever program runs next.
  rm -rf "$work/ps-out"; sync
  once ps "$work/partnersite" build --source "$work/ps" --output "$work/ps-out"
  rm -rf "$work/hugo-out"; sync
  once hugo hugo --quiet --source "$work/hugo" --destination "$work/hugo-out"
  once ps-again "$work/partnersite" build --source "$work/ps" --output "$work/ps-out"
  once hugo-again hugo --quiet --source "$work/hugo" --destination "$work/hugo-out"
  if [[ -n ${LIMIT:-} ]]; then
    rm -rf "$work/limit-out"; sync
    once limit "$work/limit" -in "$work/hugo/content" -out "$work/limit-out"
  fi
  # One report edited, as a council correcting a page does.
  for f in "$work/ps/content/$FOLDER/report-00001.md" "$work/hugo/content/$FOLDER/report-00001.md"; do
    printf '\nCorrected in run %d.\n' "$i" >>"$f"
  done
  once ps-edited "$work/partnersite" build --source "$work/ps" --output "$work/ps-out"
  once hugo-edited hugo --quiet --source "$work/hugo" --destination "$work/hugo-out"
done
echo "pages:        $PAGES in content/$FOLDER/ (median of $RUNS alternating runs in $base, $(nproc) cores, $(hugo version | cut -d' ' -f1-2))"
for kind in "" -again -edited; do
  read -r ps_s ps_k ps_c < <(summary "ps$kind")
  read -r hu_s hu_k hu_c < <(summary "hugo$kind")
  case $kind in
  "") echo "build into an empty folder:" ;;
  -again) echo "build again, nothing changed:" ;;
  -edited) echo "build again, one report edited:" ;;
  esac
  echo "  partnersite:  ${ps_s}s (CPU ${ps_c}s), peak $((ps_k / 1024)) MiB"
  echo "  hugo:         ${hu_s}s (CPU ${hu_c}s), peak $((hu_k / 1024)) MiB"
  awk -v a="$ps_s" -v b="$hu_s" -v c="$ps_k" -v d="$hu_k" -v e="$ps_c" -v f="$hu_c" 'BEGIN { printf "  ratio:        time %.2fx, CPU %.2fx, peak memory %.2fx (partnersite / hugo)\n", a / b, e / f, c / d }'
done
if [[ -n ${LIMIT:-} ]]; then
  read -r ps_s ps_k ps_c < <(summary ps)
  read -r li_s li_k li_c < <(summary limit)
  echo "goldmark-only limit: ${li_s}s (CPU ${li_c}s); partnersite's full build: time $(awk -v a="$ps_s" -v b="$li_s" 'BEGIN{printf "%.2f", a/b}')x, CPU $(awk -v a="$ps_c" -v b="$li_c" 'BEGIN{printf "%.2f", a/b}')x the limit"
fi
echo "output:       partnersite $(du -sm "$work/ps-out" | cut -f1) MB, hugo $(du -sm "$work/hugo-out" | cut -f1) MB"

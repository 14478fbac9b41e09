# shellcheck shell=bash
# Shared by the whole-process benchmarks (scripts/bench-vs-grep, scripts/bench-findings);
# sourced from the repository's root, after `set -euo pipefail`. Not a command.
#
# bench_build          scripts/setup, the `bench` preset (generators, checkers), and the
#                      ikediff measured, into $ikediff: the release build with profile-guided
#                      optimisation (scripts/build-pgo, in build/release-pgo: what
#                      scripts/package ships), or IKEDIFF_BENCH_BINARY (build/release/ikediff
#                      builds the plain `release` preset first).
# measure NAME CMD...  the median wall time (s) and peak RSS (KiB) of $runs runs of CMD, on
#                      standard output ("SECONDS KIB"); a line for people on standard error.
# ratio A B            A / B, two decimals (0 when B is 0).
# verdict VALUE LIMIT  "met" when VALUE <= LIMIT, else "missed".
# line LABEL TEXT      one line of a result block.

bench_build() {
  scripts/setup
  cmake --preset bench >/dev/null
  cmake --build --preset bench >/dev/null
  ikediff=${IKEDIFF_BENCH_BINARY:-build/release-pgo/ikediff}
  if [ -z "${IKEDIFF_BENCH_BINARY:-}" ]; then
    scripts/build-pgo build/release-pgo >/dev/null
  elif [ "$ikediff" = build/release/ikediff ]; then
    cmake --preset release >/dev/null
    cmake --build --preset release >/dev/null
  fi
}

measure() {
  local name=$1
  shift
  local times=() rss=0 out stats
  stats=$(mktemp)
  for _ in $(seq "${runs:?the runs to take}"); do
    # Output to a file, not /dev/null: GNU grep stops at the first match when its output is
    # /dev/null. (ikediff exits 1 when it finds failures: that is not an error here.)
    /usr/bin/time -o "$stats" -f '%e %M' "$@" > "$stats.out" 2>/dev/null || true
    out=$(tail -1 "$stats")
    times+=("${out% *}")
    rss=$(( ${out#* } > rss ? ${out#* } : rss ))
  done
  rm -f "$stats" "$stats.out"
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  printf '%-34s %8.2f s %10d KiB\n' "$name" "$median" "$rss" >&2
  echo "$median $rss"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t ? "met" : "missed") }'; }
line() { printf '%-28s %s\n' "$1" "$2"; }

#!/bin/bash
# bench/fuzz.sh [SECONDS] [TARGET...] — builds the fuzz targets (clang, libFuzzer, ASan and
# UBSan) in build-fuzz/ and runs each in turn, one process, for SECONDS (default 600); then
# prints executions, exec/s, coverage and crashes per target.
#
# The corpus grows in build-fuzz/fuzz-work/TARGET/corpus (seeded from fuzz/corpus/TARGET,
# which stays small); crashing inputs land in build-fuzz/fuzz-work/TARGET/artifacts. Keep each
# one, once fixed, in tests/fuzz-regressions/TARGET/: the normal build's tests replay them.
# Needs clang and libFuzzer (Debian: clang-14 libclang-rt-14-dev).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
build=${USGA_FUZZ_BUILD:-$here/build-fuzz}
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz-csv fuzz-ckan-page fuzz-geoimport fuzz-tracker-import)
# 16 KiB keeps inputs below the nesting that overflows json-glib's recursive parser (issue 15
# item 1, a guard in src/core/util/usga-json.c); the formats' structure fits well within it.
max_len=${USGA_FUZZ_MAX_LEN:-16384}

cc=${CC:-$(command -v clang-14 || command -v clang || true)}
if [ -z "$cc" ]; then
  echo "fuzz.sh: clang is needed (apt-get install clang-14 libclang-rt-14-dev)" >&2
  exit 2
fi

if [ ! -f "$build/build.ninja" ]; then
  CC="$cc" meson setup "$build" "$here" -Dfuzzing=true -Dgui=false \
    -Db_sanitize=address,undefined -Db_lundef=false --buildtype=debugoptimized > /dev/null
fi
ninja -C "$build" "${targets[@]/#/fuzz/}"

export USGA_DATA_DIR="$here/data"
export LC_ALL=C.UTF-8
export G_DEBUG=fatal-criticals
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1
export LSAN_OPTIONS=suppressions="$here/.ci/lsan.supp":print_suppressions=0
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1

results=()
for t in "${targets[@]}"; do
  work="$build/fuzz-work/$t"
  mkdir -p "$work/corpus" "$work/artifacts"
  export TMPDIR="$work/tmp"
  mkdir -p "$TMPDIR"
  log="$work/fuzz.log"
  echo "== $t: ${seconds} s, log in $log"
  dict=()
  [ -f "$here/fuzz/$t.dict" ] && dict=(-dict="$here/fuzz/$t.dict")
  start=$(date +%s)
  set +e
  "$build/fuzz/$t" "$work/corpus" "$here/fuzz/corpus/$t" \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=20 -rss_limit_mb=1536 \
    -print_final_stats=1 "${dict[@]}" -artifact_prefix="$work/artifacts/" > "$log" 2>&1
  rc=$?
  set -e
  elapsed=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1)
  corpus=$(find "$work/corpus" -type f | wc -l)
  crashes=$(find "$work/artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) | wc -l)
  line=$(printf '%-20s %5ss  %10s execs  %6s exec/s  %-20s corpus %5s  crashes %s  (exit %s)' \
         "$t" "$elapsed" "${execs:-?}" "${rate:-?}" "${cov:-cov: ?}" "$corpus" "$crashes" "$rc")
  echo "$line"
  if [ "$rc" -ne 0 ]; then
    grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|ERROR \*\*|CRITICAL' "$log" || true
    ls "$work/artifacts"
  fi
  results+=("$line")
done

echo
echo "== fuzz results (${seconds} s per target)"
printf '%s\n' "${results[@]}"

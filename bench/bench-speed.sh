#!/bin/sh
# bench-speed.sh — every figure of issue 16 at city scale, in one run.
#
#   bench/bench-speed.sh [BUILD_DIR] [ROWS]       (defaults: build, 2100000)
#   REBUILD=1 …   rebuild the cached CSV and database under BUILD_DIR/bench-cache
#   RUNS=N …      whole-process `usga stats` runs per view (default 21)
#   ONLY=import … section 2 alone (its database is still kept for the rest)
#
# 1. Generates ROWS carpetas (G3 schema, 16 alcaldías; bench-ingest.sh's generator,
#    tests/usga-fake-ckan --csv) once, cached as BUILD_DIR/bench-cache/carpetas-ROWS.csv.
# 2. Import, side by side in this run: `sqlite3 .import` of the CSV into a fresh file vs the
#    WHOLE `usga import --scope city` process (parsing, placement, indexes, supersede,
#    summaries) into a database holding the bundled data. Wall time and peak RSS of each.
#    The imported database is kept as bench-cache/city-ROWS.sqlite3 for the rest.
# 3. Each view's aggregate in-process (bench-trends on that database): p50/p95.
# 4. Whole-process `usga stats` for month series, colonia choropleth, hour × weekday and
#    year-over-year: p50/p95 including process start.
# 5. The GUI under Xvfb (bench-gui, USGA_TRACE_MAIN_SQL=1): cold start to first frame,
#    main-thread SQL per filter change / data-changed / page switch, peak RSS.
# 6. The map's redraw at 300 k points (bench-map-bins).
# A figure printer, not a test. SPDX-License-Identifier: GPL-3.0-or-later
set -eu

BUILD=${1:-build}
ROWS=${2:-2100000}
RUNS=${RUNS:-21}
SRC=$(cd "$(dirname "$0")/.." && pwd)
CACHE="$BUILD/bench-cache"
CSV="$CACHE/carpetas-$ROWS.csv"
DB="$CACHE/city-$ROWS.sqlite3"
USGA="$BUILD/src/cli/usga"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/usga-speed.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

export USGA_DATA_DIR="${USGA_DATA_DIR:-$SRC/data}"
export GSETTINGS_SCHEMA_DIR="${GSETTINGS_SCHEMA_DIR:-$BUILD/data}"
export GSETTINGS_BACKEND=memory

for tool in "$USGA" "$BUILD/tests/usga-fake-ckan" "$BUILD/bench/bench-trends" sqlite3 /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-speed: missing $tool (build first: ninja -C $BUILD)" >&2; exit 2; }
done
mkdir -p "$CACHE"
if [ -n "${REBUILD:-}" ]; then rm -f "$CSV" "$DB" "$DB-wal" "$DB-shm"; fi
if [ ! -s "$CSV" ]; then
  echo "Generating $ROWS carpetas (G3 schema, 16 alcaldías) into $CSV…"
  "$BUILD/tests/usga-fake-ckan" --rows "$ROWS" --csv "$CSV.tmp"
  mv "$CSV.tmp" "$CSV"
fi

ms_now () { date +%s%N | awk '{ printf "%.3f", $1 / 1e6 }'; }
# pcts FILE -> "p50 X ms  p95 Y ms"
pcts () {
  sort -n "$1" | awk '{ v[NR] = $1 } END { i50 = int(NR * 0.5) + 1; i95 = int(NR * 0.95) + 1; if (i95 > NR) i95 = NR;
    printf "p50 %7.1f ms   p95 %7.1f ms   (n=%d)", v[i50], v[i95], NR }'
}

echo "== Import: whole processes, side by side =="
"$USGA" --db "$WORK/base.sqlite3" init >/dev/null 2>&1
sqlite3 "$WORK/base.sqlite3" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
/usr/bin/time -f "%e %M" -o "$WORK/t.sqlite" sqlite3 "$WORK/plain.sqlite3" ".import --csv $CSV carpetas"
rm -f "$WORK/plain.sqlite3"
cp "$WORK/base.sqlite3" "$WORK/city.sqlite3"
/usr/bin/time -f "%e %M" -o "$WORK/t.usga" "$USGA" --db "$WORK/city.sqlite3" import "$CSV" --scope city >"$WORK/import.out" 2>&1 || {
  echo "bench-speed: usga import failed:" >&2; tail -5 "$WORK/import.out" >&2; exit 1; }
read -r s_secs s_kb <"$WORK/t.sqlite"
read -r u_secs u_kb <"$WORK/t.usga"
awk -v r="$ROWS" -v ss="$s_secs" -v sk="$s_kb" -v us="$u_secs" -v uk="$u_kb" 'BEGIN {
  printf "sqlite3 .import into a fresh file      %9d rows %7.1f s %8.0f MiB peak\n", r, ss, sk / 1024;
  printf "usga import --scope city (whole)       %9d rows %7.1f s %8.0f MiB peak\n", r, us, uk / 1024;
  printf "import ratio usga / sqlite3: %.2fx (goal <= 1.5x); usga peak RSS %.0f MiB (goal < 200 MiB)\n", us / ss, uk / 1024 }'
sqlite3 "$WORK/city.sqlite3" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
mv "$WORK/city.sqlite3" "$DB"
rm -f "$DB-wal" "$DB-shm"
printf "database: %s carpetas (%s in Iztapalapa), %s MiB\n" \
  "$(sqlite3 "$DB" "SELECT count(*) FROM incident")" \
  "$(sqlite3 "$DB" "SELECT count(*) FROM incident WHERE alcaldia IS NULL OR alcaldia = 'IZTAPALAPA'")" \
  "$(du -m "$DB" | cut -f1)"
[ "${ONLY:-}" = import ] && exit 0

echo
echo "== Each view's aggregate, in-process (bench-trends) =="
"$BUILD/bench/bench-trends" "$ROWS" "$DB"

echo
echo "== Whole-process usga stats, $RUNS runs each (goal <= 50 ms incl. process start) =="
view () {
  label=$1; shift
  : >"$WORK/times"
  for i in $(seq "$RUNS"); do
    t0=$(ms_now)
    "$USGA" --db "$DB" stats "$@" >/dev/null 2>&1
    t1=$(ms_now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' >>"$WORK/times"
  done
  printf "%-44s %s\n" "$label" "$(pcts "$WORK/times")"
}
view "month series (2016-2024)"      --by month --from 2016-01-01 --to 2024-12-31
view "colonia choropleth (2024)"     --by colonia --from 2024-01-01 --to 2024-12-31
view "hour x weekday (2024)"         --by hour-weekday --from 2024-01-01 --to 2024-12-31
view "year-over-year (2024 vs 2023)" --by year --from 2024-01-01 --to 2024-12-31 --compare previous-year

echo
echo "== GUI under Xvfb (main-thread SQL instrumented) =="
if [ -x "$BUILD/bench/bench-gui" ] && command -v xvfb-run >/dev/null 2>&1; then
  XDG_CONFIG_HOME="$WORK/config" XDG_CACHE_HOME="$WORK/cache" USGA_TRACE_MAIN_SQL=1 GSK_RENDERER=cairo \
    xvfb-run -a -s "-screen 0 1920x1080x24" "$BUILD/bench/bench-gui" "$DB" 20 2>&1 | grep -v "^usga-store\|DEBUG\|portal"
else
  echo "(skipped: needs $BUILD/bench/bench-gui and xvfb-run)"
fi

echo
echo "== Map redraw (bench-map-bins) =="
if [ -x "$BUILD/bench/bench-map-bins" ]; then
  xvfb-run -a -s "-screen 0 1920x1080x24" "$BUILD/bench/bench-map-bins" 2>&1 | tail -6
fi

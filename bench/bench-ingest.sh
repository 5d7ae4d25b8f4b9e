#!/bin/sh
# bench-ingest.sh — ingest rate of the open-data paths, side by side with sqlite3 .import.
#
#   bench/bench-ingest.sh [BUILD_DIR] [ROWS]        (defaults: build, 2100000)
#   RUNS=N bench/bench-ingest.sh …                   best of N runs of each step (default 2)
#
# Generates ROWS carpetas in the current (G3, 21-column) schema, then times:
#   1. sqlite3 .import of the CSV into a table of the CSV's shape (21 text columns, no indexes);
#   2. `usga import` of the same CSV (whole city, into a database holding the bundled data);
#   3. `usga sync` of the same rows from a loopback CKAN server (tests/usga-fake-ckan);
#   4. `usga import` of a CSV half the size, to show peak memory does not grow with the file;
#   5. the same for ROWS víctimas (22-column schema): .import, `usga import` and `usga sync`.
# Prints wall time, rows per second and peak resident memory of the fastest of RUNS runs (the
# machine's noise hits both sides alike). A figure printer, not a test.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

BUILD=${1:-build}
ROWS=${2:-2100000}
HALF=$((ROWS / 2))
RUNS=${RUNS:-2}
SRC=$(cd "$(dirname "$0")/.." && pwd)
USGA="$BUILD/src/cli/usga"
FAKE="$BUILD/tests/usga-fake-ckan"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/usga-bench.XXXXXX")
SERVER_PID=
trap 'test -n "$SERVER_PID" && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM

export USGA_DATA_DIR="${USGA_DATA_DIR:-$SRC/data}"
export GSETTINGS_SCHEMA_DIR="${GSETTINGS_SCHEMA_DIR:-$BUILD/data}"
export GSETTINGS_BACKEND=memory

for tool in "$USGA" "$FAKE" sqlite3 /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-ingest: missing $tool (build first: ninja -C $BUILD)" >&2; exit 2; }
done

# timed LABEL ROWS SETUP COMMAND... -> one result line, the fastest of RUNS runs; SETUP (a
# shell command) puts the target database back as it was before each run.
timed () {
  label=$1; rows=$2; setup=$3; shift 3
  best=; best_kb=
  for run in $(seq "$RUNS"); do
    sh -c "$setup"
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >"$WORK/out" 2>"$WORK/err" || {
      echo "bench-ingest: $label failed:" >&2; tail -5 "$WORK/err" >&2; exit 1; }
    read -r secs kb <"$WORK/time"
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$secs; best_kb=$kb
    fi
  done
  awk -v l="$label" -v r="$rows" -v s="$best" -v k="$best_kb" \
    'BEGIN { printf "%-48s %9d rows %8.1f s %10.0f rows/s %8.0f MiB peak\n", l, r, s, r / s, k / 1024 }'
  echo "$best" >"$WORK/last"
}

echo "Generating $ROWS rows (G3 schema, 16 alcaldías)…"
"$FAKE" --rows "$ROWS" --csv "$WORK/carpetas.csv"
"$FAKE" --rows "$HALF" --csv "$WORK/carpetas-half.csv"
echo "CSV: $(du -m "$WORK/carpetas.csv" | cut -f1) MiB"
"$USGA" --db "$WORK/base.sqlite3" init >/dev/null 2>&1
sqlite3 "$WORK/base.sqlite3" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
echo

timed "sqlite3 .import (21 text columns)" "$ROWS" "rm -f $WORK/import.sqlite3" \
  sqlite3 "$WORK/import.sqlite3" ".import --csv $WORK/carpetas.csv carpetas"
SQLITE=$(cat "$WORK/last")

# The same, with two indexes like table incident's (the content key, and the covering date
# index), for the cost of indexing alone.
{ printf 'CREATE TABLE carpetas ('; head -1 "$WORK/carpetas.csv" | sed 's/,/ TEXT, /g; s/$/ TEXT);\n/'
  printf 'CREATE INDEX k ON carpetas (fecha_hecho, hora_hecho, delito, latitud, longitud);\n'
  printf 'CREATE INDEX d ON carpetas (fecha_hecho, delito, alcaldia_hecho, colonia_hecho, hora_hecho);\n'
} > "$WORK/shape.sql"
timed "sqlite3 .import (same, with 2 indexes)" "$ROWS" \
  "rm -f $WORK/indexed.sqlite3 && sqlite3 $WORK/indexed.sqlite3 < $WORK/shape.sql" \
  sqlite3 "$WORK/indexed.sqlite3" ".import --csv --skip 1 $WORK/carpetas.csv carpetas"
INDEXED=$(cat "$WORK/last")

timed "usga import FILE.csv --scope city" "$ROWS" "cp $WORK/base.sqlite3 $WORK/csv.sqlite3" \
  "$USGA" --db "$WORK/csv.sqlite3" import "$WORK/carpetas.csv" --scope city
CSV=$(cat "$WORK/last")

"$FAKE" --rows "$ROWS" >"$WORK/url" &
SERVER_PID=$!
while [ ! -s "$WORK/url" ]; do sleep 0.1; done
timed "usga sync (loopback CKAN, datastore_search_sql)" "$ROWS" "cp $WORK/base.sqlite3 $WORK/api.sqlite3" \
  "$USGA" --db "$WORK/api.sqlite3" sync --dataset carpetas --endpoint "$(cat "$WORK/url")" --scope city
API=$(cat "$WORK/last")
timed "usga sync (loopback CKAN, datastore_search)" "$ROWS" "cp $WORK/base.sqlite3 $WORK/search.sqlite3" \
  "$USGA" --db "$WORK/search.sqlite3" sync --dataset carpetas --endpoint "$(cat "$WORK/url")" --scope city --no-sql
SEARCH=$(cat "$WORK/last")
kill "$SERVER_PID"; SERVER_PID=

timed "usga import, half the file (memory check)" "$HALF" "cp $WORK/base.sqlite3 $WORK/half.sqlite3" \
  "$USGA" --db "$WORK/half.sqlite3" import "$WORK/carpetas-half.csv" --scope city

echo
echo "Víctimas: generating $ROWS rows (22-column schema)…"
"$FAKE" --rows "$ROWS" --victims --csv "$WORK/victimas.csv"
timed "sqlite3 .import of the víctimas CSV" "$ROWS" "rm -f $WORK/vimport.sqlite3" \
  sqlite3 "$WORK/vimport.sqlite3" ".import --csv $WORK/victimas.csv victimas"
VSQLITE=$(cat "$WORK/last")
timed "usga import víctimas --scope city" "$ROWS" "cp $WORK/base.sqlite3 $WORK/vcsv.sqlite3" \
  "$USGA" --db "$WORK/vcsv.sqlite3" import "$WORK/victimas.csv" --scope city
VCSV=$(cat "$WORK/last")
"$FAKE" --rows "$ROWS" --victims >"$WORK/vurl" &
SERVER_PID=$!
while [ ! -s "$WORK/vurl" ]; do sleep 0.1; done
timed "usga sync víctimas (loopback, datastore_search_sql)" "$ROWS" "cp $WORK/base.sqlite3 $WORK/vapi.sqlite3" \
  "$USGA" --db "$WORK/vapi.sqlite3" sync --dataset victimas --endpoint "$(cat "$WORK/vurl")" --scope city
VAPI=$(cat "$WORK/last")
kill "$SERVER_PID"; SERVER_PID=

echo
awk -v s="$SQLITE" -v i="$INDEXED" -v c="$CSV" -v a="$API" -v p="$SEARCH" 'BEGIN {
  printf "CSV import takes %.1f× the time of sqlite3 .import (goal: ≤ 2×), %.1f× that of the indexed .import\n", c / s, c / i;
  printf "API ingest runs at %.0f%% (SQL paging) / %.0f%% (datastore_search) of the sqlite3 .import row rate (goal: ≥ 50%%)\n", 100 * s / a, 100 * s / p }'
awk -v s="$VSQLITE" -v c="$VCSV" -v a="$VAPI" 'BEGIN {
  printf "Víctimas: CSV import %.1f× the time of their .import; API ingest at %.0f%% of its row rate\n", c / s, 100 * s / a }'
printf "víctimas databases: %s (CSV), %s (API)\n" "$(sqlite3 "$WORK/vcsv.sqlite3" "SELECT count(*) FROM victim")" \
  "$(sqlite3 "$WORK/vapi.sqlite3" "SELECT count(*) FROM victim")"
for db in csv api search; do
  printf "%s database: %s carpetas\n" "$db" "$(sqlite3 "$WORK/$db.sqlite3" "SELECT count(*) FROM incident WHERE origin <> 'bundled'")"
done

#!/bin/bash
# test-cli-sync.sh USGA FAKE_CKAN — `usga sync` against a loopback CKAN server and `usga import`.
# TAP output for meson. Never touches the internet.
set -u
USGA="$1"
FAKE="$2"
dir=$(mktemp -d)
server=
fake2=
syncer=
trap 'test -n "$server" && kill "$server" 2>/dev/null; test -n "$fake2" && kill "$fake2" 2>/dev/null; test -n "$syncer" && kill -9 "$syncer" 2>/dev/null; rm -rf "$dir"' EXIT
db="$dir/x.sqlite3"

. "$(dirname "$0")/usga-tap.sh"
rows () { sqlite3 "$1" "$2" 2>/dev/null || python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$1" "$2"; }

"$USGA" --db "$db" init > /dev/null 2>&1
"$FAKE" --rows 3000 > "$dir/url" &
server=$!
for _ in $(seq 50); do [ -s "$dir/url" ] && break; sleep 0.1; done
url=$(cat "$dir/url")
check "fake portal started on loopback" "case '$url' in http://127.0.0.1:*) true;; *) false;; esac"

"$USGA" --db "$db" sync --dataset carpetas --endpoint "$url" --scope city --page-size 1000 > "$dir/s1.out" 2> "$dir/s1.err"
check "sync succeeds" "[ $? -eq 0 ]"
check "sync summary counts 3000 added" "grep -q '3000 added, 0 skipped' '$dir/s1.out'"
check "sync prints progress lines per page" "[ \$(grep -c 'rows read' '$dir/s1.err') -eq 3 ] && grep -q '100%' '$dir/s1.err'"
check "3000 carpetas stored from the portal" "[ \$(rows '$db' \"SELECT count(*) FROM incident WHERE origin = 'ckan'\") -eq 3000 ]"

"$USGA" --db "$db" sync --dataset carpetas --endpoint "$url" --scope city > "$dir/s2.out" 2>&1
check "second sync: already up to date" "[ $? -eq 0 ] && grep -q 'already up to date' '$dir/s2.out'"
"$USGA" --db "$db" sync --dataset carpetas --endpoint "$url" --scope city --full > "$dir/s3.out" 2>&1
check "--full reads again and adds nothing" "[ $? -eq 0 ] && grep -q '0 added, 3000 skipped' '$dir/s3.out'"

"$USGA" --db "$db" sync --dataset all --endpoint "$url" --scope city > "$dir/s4.out" 2> "$dir/s4.err"
check "a failing dataset makes the exit status 1" "[ $? -eq 1 ] && grep -q 'Sync failed for 1 of 2 datasets — Victims: ' '$dir/s4.err' && grep -q 'not found' '$dir/s4.err'"

"$USGA" --db "$db" sync --dataset carpetas --endpoint "http://127.0.0.1:9" > /dev/null 2> "$dir/s5.err"
check "refused connection explains the geo-block and manual import" "[ $? -eq 1 ] && grep -q 'outside Mexico' '$dir/s5.err' && grep -q 'Import CSV' '$dir/s5.err'"

"$USGA" --db "$db" sync --dataset planets > /dev/null 2> "$dir/s6.err"
check "unknown dataset exits 2" "[ $? -eq 2 ] && grep -q 'planets' '$dir/s6.err'"
"$USGA" --db "$db" sync --scope mars --endpoint "$url" > /dev/null 2> "$dir/s7.err"
check "unknown scope exits 2" "[ $? -eq 2 ]"
"$USGA" --db "$db" sync --package some-dataset --endpoint "$url" > /dev/null 2> "$dir/s7b.err"
check "--package with both datasets exits 2" "[ $? -eq 2 ] && grep -q -- '--package needs' '$dir/s7b.err'"

# The same rows as a CSV file: recognised as already present.
"$FAKE" --rows 500 --csv "$dir/carpetas.csv"
"$USGA" --db "$db" import "$dir/carpetas.csv" --scope city > "$dir/i1.out" 2> "$dir/i1.err"
check "import of rows already synced adds nothing" "[ $? -eq 0 ] && grep -q '0 added, 500 skipped' '$dir/i1.out'"

db2="$dir/y.sqlite3"
"$USGA" --db "$db2" init > /dev/null 2>&1
"$USGA" --db "$db2" import "$dir/carpetas.csv" > "$dir/i2.out" 2>&1
check "import into a fresh database, Iztapalapa scope" "[ $? -eq 0 ] && grep -q 'outside the scope' '$dir/i2.out'"
check "only Iztapalapa rows kept" "[ \$(rows '$db2' \"SELECT count(*) FROM incident WHERE origin = 'csv'\") -gt 10 ] && [ \$(rows '$db2' \"SELECT count(*) FROM incident WHERE origin = 'csv'\") -lt 100 ]"

printf 'anio_hecho,delito,latitud\n2024,FRAUDE,19.3\n' > "$dir/sin_fecha.csv"
before=$(rows "$db2" "SELECT count(*) FROM incident")
"$USGA" --db "$db2" import "$dir/sin_fecha.csv" > /dev/null 2> "$dir/i3.err"
check "missing column: exit 1 naming the file and the column" "[ $? -eq 1 ] && grep -q 'sin_fecha.csv' '$dir/i3.err' && grep -q 'fecha_hecho' '$dir/i3.err'"
check "missing column: nothing imported" "[ \$(rows '$db2' 'SELECT count(*) FROM incident') -eq $before ]"
"$USGA" --db "$db2" import "$dir/nope.csv" > /dev/null 2> "$dir/i4.err"
check "missing file: exit 1" "[ $? -eq 1 ] && grep -q 'nope.csv' '$dir/i4.err'"
"$USGA" --db "$db2" import "$dir/carpetas.csv" --kind planets > /dev/null 2> "$dir/i5.err"
check "unknown kind exits 2" "[ $? -eq 2 ]"

# A portal that caps pages at 500 rows and fails from row 1 500 on, for all four attempts of
# the first run: exit 1, "incomplete, will resume", nothing replaced; the second run completes.
start_fake () {
  : > "$dir/url2"
  "$FAKE" "$@" > "$dir/url2" &
  fake2=$!
  for _ in $(seq 100); do [ -s "$dir/url2" ] && break; sleep 0.1; done
  url2=$(cat "$dir/url2")
}
stop_fake () { kill "$fake2" 2>/dev/null; wait "$fake2" 2>/dev/null; }
export USGA_SYNC_RETRY_DELAY_MS=1
db3="$dir/capped.sqlite3"
"$USGA" --db "$db3" init > /dev/null 2>&1
bundled3=$(rows "$db3" "SELECT count(*) FROM incident WHERE origin = 'bundled'")
start_fake --rows 3000 --page-cap 500 --fail 500 --fail-at 1500 --fail-times 4
"$USGA" --db "$db3" sync --dataset carpetas --endpoint "$url2" --scope city > "$dir/c1.out" 2> "$dir/c1.err"
check "capped portal failing mid-way: exit status 1" "[ $? -eq 1 ]"
check "capped portal failing mid-way: says incomplete, will resume" "grep -Eq 'Incomplete: got 1.?500 of 3.?000 rows; will resume' '$dir/c1.err'"
check "capped portal failing mid-way: bundled rows untouched" "[ \$(rows '$db3' \"SELECT count(*) FROM incident WHERE origin = 'bundled'\") -eq $bundled3 ]"
check "capped portal failing mid-way: no coverage recorded" "[ \$(rows '$db3' \"SELECT count(*) FROM point_coverage WHERE origin = 'ckan'\") -eq 0 ]"
"$USGA" --db "$db3" sync --dataset carpetas --endpoint "$url2" --scope city > "$dir/c2.out" 2> "$dir/c2.err"
check "second run resumes and completes" "[ $? -eq 0 ] && grep -q 'resumed an earlier sync at row 1500' '$dir/c2.out' && grep -q \"complete: every row of the portal's 3000\" '$dir/c2.out'"
check "second run: all 3000 rows, once" "[ \$(rows '$db3' \"SELECT count(*) FROM incident WHERE origin = 'ckan'\") -eq 3000 ]"
stop_fake

# Sync all, with one rule for the CLI and the Data page: carpetas fail part-way (HTTP 500 from
# row 1 500 on, every attempt), víctimas are still synchronised; exit 1 and one message naming
# carpetas only; the 1 500 carpetas received are kept, the bundled ones untouched.
db5="$dir/all.sqlite3"
"$USGA" --db "$db5" init > /dev/null 2>&1
bundled5=$(rows "$db5" "SELECT count(*) FROM incident WHERE origin = 'bundled'")
victims5=$(rows "$db5" "SELECT count(*) FROM victim")
start_fake --rows 3000 --victim-rows 1200 --page-cap 500 --fail 500 --fail-at 1500 --fail-times 1000
"$USGA" --db "$db5" sync --dataset all --endpoint "$url2" --scope city > "$dir/a1.out" 2> "$dir/a1.err"
check "sync all, first dataset fails part-way: exit status 1" "[ $? -eq 1 ]"
check "sync all: the message names the failed dataset only" "tail -n 1 '$dir/a1.err' | grep -Eq '^usga: Sync failed for 1 of 2 datasets — Carpetas: Incomplete: got 1.?500 of 3.?000 rows; will resume' && ! tail -n 1 '$dir/a1.err' | grep -q Victims"
check "sync all: victims still synchronised after the failure" "grep -q 'victimas: 1200 added' '$dir/a1.out' && [ \$((\$(rows '$db5' 'SELECT count(*) FROM victim') - $victims5)) -eq 1200 ]"
check "sync all: failed carpetas keep their pages, bundled rows untouched" "[ \$(rows '$db5' \"SELECT count(*) FROM incident WHERE origin = 'ckan'\") -eq 1500 ] && [ \$(rows '$db5' \"SELECT count(*) FROM incident WHERE origin = 'bundled'\") -eq $bundled5 ]"
stop_fake

# Credentials in the endpoint are never printed nor stored.
"$USGA" --db "$db3" sync --dataset carpetas --endpoint "http://user:secret@127.0.0.1:9" > "$dir/r1.out" 2> "$dir/r1.err"
check "endpoint password: exit 1, not printed" "[ $? -eq 1 ] && ! grep -q secret '$dir/r1.out' '$dir/r1.err' && grep -q '\*\*\*@127.0.0.1:9' '$dir/r1.err'"
check "endpoint password: not in sync_log" "[ \$(rows '$db3' \"SELECT count(*) FROM sync_log WHERE message LIKE '%secret%' OR resource LIKE '%secret%'\") -eq 0 ]"

# A silent server: one wait of the idle deadline, named.
start_fake --rows 100 --fail silent --fail-at -1 --fail-times 100
USGA_SYNC_IDLE_TIMEOUT_S=1 "$USGA" --db "$db3" sync --dataset carpetas --endpoint "$url2" --scope city > /dev/null 2> "$dir/t1.err"
check "silent server: exit 1 at the idle deadline" "[ $? -eq 1 ] && grep -q 'idle deadline' '$dir/t1.err'"
stop_fake

# kill -9 in the middle of a sync: `usga info` says running while it runs, interrupted after;
# the next sync resumes from the last saved page.
db4="$dir/killed.sqlite3"
"$USGA" --db "$db4" init > /dev/null 2>&1
start_fake --rows 2000 --page-cap 500 --fail silent --fail-at 500 --fail-times 1
USGA_SYNC_IDLE_TIMEOUT_S=120 "$USGA" --db "$db4" sync --dataset carpetas --endpoint "$url2" --scope city --no-sql > /dev/null 2>&1 &
syncer=$!
for _ in $(seq 300); do
  [ "$(rows "$db4" "SELECT count(*) FROM sync_log WHERE status = 'running' AND next_offset = 500")" = 1 ] && break
  sleep 0.1
done
"$USGA" --db "$db4" info > "$dir/k1.out" 2>&1
check "a live sync shows as running" "grep -q 'Last sync: carpetas ckan, running' '$dir/k1.out'"
kill -9 "$syncer"; wait "$syncer" 2>/dev/null
"$USGA" --db "$db4" info > "$dir/k2.out" 2>&1
check "a killed sync shows as interrupted" "grep -q 'Last sync: carpetas ckan, interrupted' '$dir/k2.out'"
"$USGA" --db "$db4" sync --dataset carpetas --endpoint "$url2" --scope city --no-sql > "$dir/k3.out" 2>&1
check "the next sync resumes at the saved page and completes" "[ $? -eq 0 ] && grep -q 'resumed an earlier sync at row 500' '$dir/k3.out'"
check "the killed run is not left running" "[ \$(rows '$db4' \"SELECT count(*) FROM sync_log WHERE status = 'running'\") -eq 0 ] && [ \$(rows '$db4' \"SELECT count(*) FROM incident WHERE origin = 'ckan'\") -eq 2000 ]"
stop_fake

echo "1..$n"
exit $fail

#!/bin/bash
# test-cli-damaged.sh USGA — a deliberately damaged database: `info` and every command that writes
# refuse it with a message saying how to recover, nothing is written to it, and the recovery the
# message describes (tracker export, init, tracker import) works. TAP output for meson.
set -u
USGA="$1"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/x.sqlite3"

. "$(dirname "$0")/usga-tap.sh"

"$USGA" --db "$db" init > /dev/null 2>&1
"$USGA" --db "$db" recommendations set R035 --status planned --note "Budget approved" --by "Ana López" > /dev/null
"$USGA" --db "$db" info > /dev/null 2>&1
check "a healthy database: info exits 0" "[ $? -eq 0 ]"
printf 'fecha_hecho,hora_hecho,delito,alcaldia_hecho,latitud,longitud\n2024-03-01,10:00:00,ROBO A NEGOCIO SIN VIOLENCIA,IZTAPALAPA,19.36,-99.06\n' > "$dir/one.csv"

# Damage the carpetas table's root page (the B-tree page header), as a bad sector or a copy cut
# short would; queries answered from the indexes alone (counts, date range) still work.
python3 - "$db" <<'EOF'
import sqlite3, sys
path = sys.argv[1]
c = sqlite3.connect(path)
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
page_size = c.execute("PRAGMA page_size").fetchone()[0]
root = c.execute("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = 'incident'").fetchone()[0]
c.close()
with open(path, "r+b") as f:
    f.seek((root - 1) * page_size)
    f.write(b"\xff" * 12)
EOF
check "the file is damaged (sqlite's own quick_check says so)" \
  "[ \"\$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"PRAGMA quick_check\").fetchone()[0])' '$db')\" != ok ]"
sum=$(sha256sum "$db" | cut -d' ' -f1)
unchanged () { [ "$(sha256sum "$db" | cut -d' ' -f1)" = "$sum" ] && [ ! -s "$db-wal" ]; }
recovery_hint () { grep -q 'damaged' "$1" && grep -q 'recommendations export tracker.json' "$1" && grep -q "init" "$1"; }

"$USGA" --db "$db" info > "$dir/info.out" 2> "$dir/info.err"
check "info on the damaged file exits 1" "[ $? -eq 1 ]"
check "info says it is damaged and how to recover" "recovery_hint '$dir/info.err'"
"$USGA" --db "$db" import "$dir/one.csv" > "$dir/import.out" 2> "$dir/import.err"
check "import into the damaged file exits 1 with the recovery hint" "[ $? -eq 1 ] && recovery_hint '$dir/import.err'"
check "import did not report any row added" "! grep -q 'added' '$dir/import.out'"
"$USGA" --db "$db" sync --dataset carpetas --endpoint http://127.0.0.1:9 > /dev/null 2> "$dir/sync.err"
check "sync into the damaged file exits 1 before any request" "[ $? -eq 1 ] && recovery_hint '$dir/sync.err' && ! grep -q 'outside Mexico' '$dir/sync.err'"
"$USGA" --db "$db" recommendations set R001 --status planned --by "Luis" > /dev/null 2> "$dir/set.err"
check "a tracker change on the damaged file exits 1" "[ $? -eq 1 ] && recovery_hint '$dir/set.err'"
"$USGA" --db "$db" init > "$dir/init.out" 2> "$dir/init.err"
check "init on the damaged file exits 1 (not 'already initialised')" "[ $? -eq 1 ] && recovery_hint '$dir/init.err'"
check "nothing was written to the damaged file" "unchanged"

# The recovery the message gives.
"$USGA" --db "$db" recommendations export "$dir/tracker.json" > /dev/null 2> "$dir/export.err"
check "the tracker export still reads the damaged file" "[ $? -eq 0 ] && grep -q 'Budget approved' '$dir/tracker.json'"
new="$dir/new.sqlite3"
"$USGA" --db "$new" init > /dev/null 2>&1 && "$USGA" --db "$new" recommendations import "$dir/tracker.json" > "$dir/rimport.out" 2>&1
check "a new database from the bundled data takes the tracker back" "[ $? -eq 0 ] && \"$USGA\" --db '$new' recommendations history R035 | grep -q 'Budget approved'"
"$USGA" --db "$new" import "$dir/one.csv" > /dev/null 2>&1
check "and accepts imports again" "[ $? -eq 0 ]"

echo "1..$n"
exit $fail

#!/bin/bash
# test-cli-tracker-pg.sh USGA — `usga recommendations … --tracker-db` against a real private
# PostgreSQL cluster (run through with-pg-cluster.sh): schema and seeding, two concurrent
# writers, a stale edit refused, append-only history on the server, the server killed with
# `pg_ctl stop -m immediate` (clear error, edit queued, sent after the restart), publish,
# control characters kept off a terminal. TAP output.
set -u
USGA="$1"
: "${USGA_TEST_PG_CONNINFO:?run through with-pg-cluster.sh}"
C="$USGA_TEST_PG_CONNINFO"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
a="$dir/a.sqlite3"; b="$dir/b.sqlite3"; c="$dir/c.sqlite3"

. "$(dirname "$0")/usga-tap.sh"
r () { "$USGA" --db "$1" recommendations "${@:2}" --tracker-db "$C"; }
psql_q () { psql -X -A -t -q "$C" -c "$1"; }

"$USGA" --db "$a" init > /dev/null 2>&1
check "init a local database" "[ $? -eq 0 ]"
cp "$a" "$b"; cp "$a" "$c"

r "$a" list --format json > "$dir/list.json"
check "first use creates the schema and seeds the 109 once" \
  "python3 -c 'import json,sys; sys.exit(0 if len(json.load(open(sys.argv[1])))==109 else 1)' '$dir/list.json' &&
   [ \"\$(psql_q 'SELECT count(*) FROM usga_tracker_recommendation WHERE kind = '\"'\"'mayor'\"'\"'')\" = 109 ] &&
   [ \"\$(psql_q 'SELECT version FROM usga_tracker_schema')\" = 1 ]"
r "$b" list > /dev/null 2>&1
check "a second client does not seed again" \
  "[ \"\$(psql_q 'SELECT count(*) FROM usga_tracker_recommendation')\" = 218 ]"

# Two offices at once, each on its own local database, editing different recommendations.
r "$a" set R010 --status planned --by "Ana López" --note "Presupuesto aprobado" > "$dir/wa" 2>&1 &
pa=$!
r "$b" set R020 --status in_progress --by "Beto Ruiz" --note "Arrancó" > "$dir/wb" 2>&1 &
pb=$!
wait $pa; ra=$?
wait $pb; rb=$?
check "two concurrent writers both succeed" "[ $ra -eq 0 ] && [ $rb -eq 0 ]"
r "$c" history --json > "$dir/h.json"
check "a third client lists both changes in history, with authors and today's fields" \
  "python3 - '$dir/h.json' <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))
keys = {'uuid','recommendation_id','at','by','field','old','new','note','evidence_url','criterion'}
got = {(e['recommendation_id'], e['by'], e['new']) for e in h}
sys.exit(0 if all(set(e) == keys for e in h) and ('R010','Ana López','planned') in got
         and ('R020','Beto Ruiz','in_progress') in got and len(h) == 2 else 1)
PY"
r "$c" list --status planned --format csv > "$dir/planned.csv"
check "the third client sees the new state" "grep -q '^R010,' '$dir/planned.csv'"

# Stale edits: by status and by base entry.
r "$b" set R010 --status in_progress --if-status not_started --by "Beto Ruiz" > /dev/null 2> "$dir/stale1"
st=$?
check "an edit based on an old status is refused, non-zero, naming who changed it and when" \
  "[ $st -eq 1 ] && grep -q 'R010' '$dir/stale1' && grep -q 'Ana López' '$dir/stale1' && grep -q '$(date -u +%Y-%m-%d)' '$dir/stale1'"
check "the refused edit wrote nothing" \
  "[ \"\$(psql_q \"SELECT status FROM usga_tracker_recommendation WHERE id = 'R010'\")\" = planned ] &&
   [ \"\$(psql_q 'SELECT count(*) FROM usga_tracker_history')\" = 2 ]"
base=$(python3 -c 'import json,sys; print([e["uuid"] for e in json.load(open(sys.argv[1])) if e["recommendation_id"]=="R010"][0])' "$dir/h.json")
r "$a" set R010 --progress 30 --by "Ana López" --base "$base" > /dev/null 2>&1
check "an edit on the current base goes through" "[ $? -eq 0 ]"
r "$b" set R010 --progress 60 --by "Beto Ruiz" --base "$base" > /dev/null 2> "$dir/stale2"
check "an edit on a base that is no longer the latest entry is refused" "[ $? -eq 1 ] && grep -q 'Ana López' '$dir/stale2'"
r "$b" set R010 --progress 60 --by "Beto Ruiz" --if-status planned > /dev/null 2>&1
check "re-applied on the current state it goes through, nothing lost" \
  "[ $? -eq 0 ] && [ \"\$(psql_q \"SELECT progress FROM usga_tracker_recommendation WHERE id = 'R010'\")\" = 60 ] &&
   [ \"\$(psql_q \"SELECT count(*) FROM usga_tracker_history WHERE recommendation_id = 'R010' AND field = 'progress'\")\" = 2 ]"

psql -X -q "$C" -c "UPDATE usga_tracker_history SET note = 'x'" > /dev/null 2> "$dir/upd"
check "the server refuses to edit history" "grep -q 'append-only' '$dir/upd'"
psql -X -q "$C" -c "DELETE FROM usga_tracker_history" > /dev/null 2> "$dir/del"
psql -X -q "$C" -c "TRUNCATE usga_tracker_history CASCADE" > /dev/null 2> "$dir/trunc"
check "… and to delete or truncate it" "grep -q 'append-only' '$dir/del' && grep -q 'append-only' '$dir/trunc'"

# Undo on the server: a new entry, the old value back.
uuid=$(r "$a" history R010 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["uuid"])')
r "$a" undo "$uuid" --by "Ana López" > /dev/null 2>&1
check "undo on the shared tracker writes a new entry and restores the value" \
  "[ $? -eq 0 ] && [ \"\$(psql_q \"SELECT progress FROM usga_tracker_recommendation WHERE id = 'R010'\")\" = 30 ] &&
   [ \"\$(psql_q \"SELECT count(*) FROM usga_tracker_history WHERE criterion = 'undo'\")\" = 1 ]"

# Two first starts at once on an empty database: one creates and seeds, the other waits.
psql -X -q "$C" -c "CREATE DATABASE fresh" > /dev/null
F="${C/\/usga\?//fresh?}"
"$USGA" --db "$a" recommendations list --tracker-db "$F" > /dev/null 2>&1 &
p1=$!
"$USGA" --db "$b" recommendations list --tracker-db "$F" > /dev/null 2>&1 &
p2=$!
wait $p1; s1=$?
wait $p2; s2=$?
check "two first starts at once both work and seed once" \
  "[ $s1 -eq 0 ] && [ $s2 -eq 0 ] && [ \"\$(psql -X -A -t -q '$F' -c 'SELECT count(*) FROM usga_tracker_recommendation')\" = 218 ]"

# The database is dropped and created again on the same server: the copy follows it.
"$USGA" --db "$a" recommendations set R099 --status planned --by "Ana López" --tracker-db "$F" > /dev/null 2>&1
psql -X -q "$C" -c "DROP DATABASE fresh" -c "CREATE DATABASE fresh" > /dev/null
"$USGA" --db "$a" recommendations history --json --tracker-db "$F" > "$dir/fresh.json" 2>&1
check "a re-created server database shows no history from the old one" \
  "python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1])) == [] else 1)' '$dir/fresh.json'"

# The server dies mid-way.
r "$a" list > /dev/null 2>&1
$USGA_TEST_PG_CLUSTER crash "$USGA_TEST_PG_DIR"
r "$a" set R030 --status planned --by "Ana López" --note "Sin red" > /dev/null 2> "$dir/down"
st=$?
check "with the server stopped, set exits non-zero naming the server and saying the edit is queued" \
  "[ $st -eq 1 ] && grep -q '$USGA_TEST_PG_DIR' '$dir/down' && grep -qi 'queued' '$dir/down'"
r "$a" history > /dev/null 2> "$dir/down2"
check "a read exits non-zero naming the server" "[ $? -eq 1 ] && grep -q '$USGA_TEST_PG_DIR' '$dir/down2'"
r "$a" queue > "$dir/q1"
check "the queued edit is listed" "grep -q 'R030' '$dir/q1' && grep -q 'Sin red' '$dir/q1'"
$USGA_TEST_PG_CLUSTER start "$USGA_TEST_PG_DIR"
r "$a" queue --send > "$dir/q2" 2>&1
check "after the restart the queued edit is sent" \
  "[ $? -eq 0 ] && [ \"\$(psql_q \"SELECT status || ' ' || by FROM usga_tracker_recommendation r JOIN usga_tracker_history h ON h.recommendation_id = r.id WHERE r.id = 'R030'\")\" = 'planned Ana López' ]"
r "$a" queue > "$dir/q3"
check "and the queue is empty" "grep -q 'No queued edits' '$dir/q3'"

# A queued edit that became stale while offline is refused, kept, and can be re-applied.
$USGA_TEST_PG_CLUSTER crash "$USGA_TEST_PG_DIR"
r "$a" set R040 --status planned --by "Ana López" > /dev/null 2>&1
$USGA_TEST_PG_CLUSTER start "$USGA_TEST_PG_DIR"
r "$b" set R040 --status blocked --by "Beto Ruiz" > /dev/null 2>&1
r "$a" queue --send > /dev/null 2>&1
check "a queued edit overtaken meanwhile is refused, not applied" \
  "[ $? -eq 1 ] && [ \"\$(psql_q \"SELECT status FROM usga_tracker_recommendation WHERE id = 'R040'\")\" = blocked ]"
r "$a" queue > "$dir/q4"
qid=$(awk '/R040/ {print $1; exit}' "$dir/q4")
check "it stays in the queue with the reason" "[ -n '$qid' ] && grep -q 'Beto Ruiz' '$dir/q4'"
r "$a" queue --reapply "$qid" > /dev/null 2>&1
check "re-applied on the current state it is sent" \
  "[ $? -eq 0 ] && [ \"\$(psql_q \"SELECT status FROM usga_tracker_recommendation WHERE id = 'R040'\")\" = planned ]"

# Publish a local tracker with the merge rules.
"$USGA" --db "$c" recommendations set R050 --status planned --by "Carla" > /dev/null 2>&1
"$USGA" --db "$c" recommendations set R010 --progress 10 --by "Carla" > /dev/null 2>&1
r "$c" publish > "$dir/pub"
check "publish sends the local history and reports the conflict on R010" \
  "[ $? -eq 0 ] && grep -q '2 new history entries' '$dir/pub' && grep -q 'conflict: R010 progress' '$dir/pub' &&
   [ \"\$(psql_q \"SELECT status FROM usga_tracker_recommendation WHERE id = 'R050'\")\" = planned ]"
r "$c" publish > "$dir/pub2"
check "publishing again adds nothing" "grep -q '0 new history entries' '$dir/pub2'"

# Control characters from a colleague never reach a terminal raw.
r "$a" set R060 --status planned --by $'Eve\e]0;pwned\a' --note $'ok\e[2J\e[31mred\r' > /dev/null 2>&1
script -qec "'$USGA' --db '$a' recommendations history R060 --tracker-db '$C'" /dev/null > "$dir/tty" 2>&1
check "history on a terminal strips escape sequences from notes and authors" \
  "grep -q 'red' '$dir/tty' && ! grep -q \$'\\e' '$dir/tty' && ! grep -q \$'\\a' '$dir/tty'"
r "$a" history R060 --json > "$dir/raw.json"
check "JSON keeps the text exactly" "python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))[0]; sys.exit(0 if e[\"by\"]==\"Eve\x1b]0;pwned\x07\" else 1)' '$dir/raw.json'"

"$USGA" --db "$a" recommendations list --tracker-db "postgresql:///usga?host=$dir/nowhere" > /dev/null 2> "$dir/none"
check "an unreachable server: non-zero, one message naming it" "[ $? -eq 1 ] && grep -q 'nowhere' '$dir/none'"

# The shared tracker set in the app's Preferences is the command line's default too.
prefs="$dir/config"
mkdir -p "$prefs/glib-2.0/settings"
printf "[org/usga/Dashboard]\nshared-tracker='%s'\n" "$C" > "$prefs/glib-2.0/settings/keyfile"
with_prefs () { GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$prefs" "$USGA" --db "$c" recommendations "$@"; }
with_prefs list --status planned --format csv > "$dir/pref.csv" 2> "$dir/pref.err"
check "with a shared tracker in Preferences, no option reads the server and says so" \
  "[ $? -eq 0 ] && grep -q '^R010,' '$dir/pref.csv' && grep -q 'Preferences' '$dir/pref.err'"
with_prefs list --status planned --format csv --local-tracker > "$dir/local.csv" 2> "$dir/local.err"
check "--local-tracker reads this computer's own tracker" \
  "[ $? -eq 0 ] && ! grep -q '^R010,' '$dir/local.csv' && grep -q '^R050,' '$dir/local.csv' && ! grep -q 'Preferences' '$dir/local.err'"
with_prefs list --local-tracker --tracker-db "$C" > /dev/null 2> "$dir/both.err"
check "--local-tracker with --tracker-db is a usage error" "[ $? -eq 2 ] && grep -q 'local-tracker' '$dir/both.err'"

# The printed briefing's tracker page reads the same tracker, and says which.
pdf_words () { pdftotext "$1" - 2>/dev/null | tr -s ' \n\f' '   '; }
if command -v pdftotext > /dev/null; then
  GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$prefs" "$USGA" --db "$c" export briefing --out "$dir/shared.pdf" > /dev/null 2> "$dir/bs.err"
  check "export briefing with the Preferences' shared tracker names it on the tracker page" \
    "[ $? -eq 0 ] && pdf_words '$dir/shared.pdf' | grep -q 'of the shared tracker on'"
  GSETTINGS_BACKEND=keyfile XDG_CONFIG_HOME="$prefs" "$USGA" --db "$c" export briefing --out "$dir/local.pdf" --local-tracker > /dev/null 2>&1
  check "export briefing --local-tracker reads this computer's tracker" \
    "[ $? -eq 0 ] && pdf_words '$dir/local.pdf' | grep -q 'of this computer’s tracker'"
fi

echo "1..$n"

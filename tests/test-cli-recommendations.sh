#!/bin/bash
# test-cli-recommendations.sh USGA — `usga recommendations` on two temporary databases:
# list/search/filters, set with workflow rules, history, export, import and bad input. TAP output.
set -u
USGA="$1"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
a="$dir/a.sqlite3"
b="$dir/b.sqlite3"

. "$(dirname "$0")/usga-tap.sh"
r () { "$USGA" --db "$1" recommendations "${@:2}"; }

"$USGA" --db "$a" init > /dev/null 2>&1
check "init a" "[ $? -eq 0 ]"
cp "$a" "$b"

r "$a" list --format csv > "$dir/all.csv"
check "list has 109 recommendations" "[ \$(python3 -c 'import csv,sys; print(len(list(csv.DictReader(open(sys.argv[1])))))' '$dir/all.csv') -eq 109 ]"
for pair in 3:9 5:31 11:27 16:42; do
  sdg=${pair%%:*}; want=${pair##*:}
  got=$(r "$a" list --sdg "$sdg" --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
  check "SDG $sdg has $want recommendations" "[ '$got' = '$want' ]"
done
r "$a" list --all-kinds --format json > "$dir/everything.json"
check "--all-kinds adds the 109 items that do not count" "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if len(d)==218 and sum(x[\"kind\"]==\"mayor\" for x in d)==109 else 1)' '$dir/everything.json'"

r "$a" list --search cámaras > "$dir/s1.txt" 2>/dev/null
r "$a" list --search camaras > "$dir/s2.txt" 2>/dev/null
check "search finds camera items with and without accent" "grep -q '^R035' '$dir/s1.txt' && cmp -s '$dir/s1.txt' '$dir/s2.txt'"

r "$a" show R005 > "$dir/show.txt"
check "show prints both summaries and the same action in other themes" "grep -q '^ES: ' '$dir/show.txt' && grep -q '^  R077 ' '$dir/show.txt'"

r "$a" set R035 --status implemented --by Ana > /dev/null 2> "$dir/e1"
check "not started -> implemented is refused (exit 1, one line)" "[ $? -eq 1 ] && [ \$(wc -l < '$dir/e1') -eq 1 ] && grep -q R035 '$dir/e1'"
r "$a" set R035 --status finished > /dev/null 2> "$dir/e2"
check "unknown status exits 2" "[ $? -eq 2 ] && grep -q finished '$dir/e2'"
r "$a" set R999 --status planned > /dev/null 2> "$dir/e3"
check "unknown id exits 1 naming it" "[ $? -eq 1 ] && grep -q R999 '$dir/e3'"
r "$a" set R035 --due 2024-02-31 > /dev/null 2> "$dir/e4"
check "bad due date refused" "[ $? -eq 1 ] && grep -q 2024-02-31 '$dir/e4'"
check "refused changes left no history" "[ \"\$(r '$a' history R035)\" = 'No changes recorded yet.' ]"

r "$a" set R035 --status planned --note "Approved in cabinet" --evidence https://example.org/acta.pdf \
  --criterion "Cabinet minutes" --responsible "Dirección de Gobierno y Protección Ciudadana" --due 2024-03-01 --by Ana > "$dir/set1"
check "set records 3 changes" "[ $? -eq 0 ] && grep -q '3 changes' '$dir/set1'"
r "$a" set R035 --status in_progress --progress 40 --by Ana > /dev/null
r "$a" history R035 --json > "$dir/h.json"
check "history has 5 entries, newest first, with note and evidence" "python3 -c '
import json,sys; h=json.load(open(sys.argv[1]))
assert len(h)==5, len(h)
assert h[0][\"at\"]>=h[-1][\"at\"]
assert any(e[\"note\"]==\"Approved in cabinet\" and e[\"evidence_url\"]==\"https://example.org/acta.pdf\" and e[\"by\"]==\"Ana\" for e in h)
' '$dir/h.json'"
r "$a" list --overdue --format json > "$dir/overdue.json"
check "past due date and in progress: overdue" "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if [x[\"id\"] for x in d]==[\"R035\"] else 1)' '$dir/overdue.json'"
r "$a" progress > "$dir/progress.csv"
check "progress: SDG 16 has 1 of 42 addressed (2.4 %)" "grep -q '^SDG 16,42,2.4,41,0,1,0,0,0,1$' '$dir/progress.csv'"

uuid=$(python3 -c 'import json,sys; print([e for e in json.load(open(sys.argv[1])) if e["field"]=="progress"][0]["uuid"])' "$dir/h.json")
r "$a" undo "$uuid" --by Luis > /dev/null
check "undo restores progress 0 with a new entry" "[ \$(r '$a' history R035 --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') -eq 6 ] && r '$a' list --search camaras --format json | python3 -c 'import json,sys; d=[x for x in json.load(sys.stdin) if x[\"id\"]==\"R035\"][0]; sys.exit(0 if d[\"progress\"]==0 and d[\"status\"]==\"in_progress\" else 1)'"

r "$a" export "$dir/a.json" > /dev/null
check "export json" "[ $? -eq 0 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[\"format\"]==\"usga-recommendations-tracker\" and len(d[\"recommendations\"])==109' '$dir/a.json'"
r "$a" export "$dir/a.csv" > /dev/null
check "export csv writes the tracker and its history" "[ \$(wc -l < '$dir/a-history.csv') -eq 7 ] && head -1 '$dir/a.csv' | grep -q '^id,sdg,'"
r "$a" export "$dir/summary.pdf" > /dev/null
check "export pdf writes the meeting summary" "[ $? -eq 0 ] && head -c 5 '$dir/summary.pdf' | grep -q '%PDF-'"
if command -v pdftotext > /dev/null; then
  check "the summary names the 109 recommendations addressed" "pdftotext '$dir/summary.pdf' - | tr '\\n' ' ' | grep -q 'of the 109 recommendations addressed'"
  LANGUAGE=es LC_ALL=es_MX.UTF-8 "$USGA" --db "$a" recommendations export "$dir/resumen.pdf" > /dev/null 2>&1
  check "in Spanish under a Spanish locale" "pdftotext '$dir/resumen.pdf' - | tr '\\n' ' ' | grep -q 'de las 109 recomendaciones atendidas'"
fi
r "$a" export --format odt "$dir/x.odt" > /dev/null 2>&1
check "an unknown export format exits 2" "[ $? -eq 2 ]"

r "$b" set R035 --status not_pursued --by Luis --note "Duplicated by C5 programme" > /dev/null
r "$b" import "$dir/a.json" > "$dir/import.out"
check "import into the second database merges and reports the conflict" "[ $? -eq 0 ] && grep -q '6 new history entries' '$dir/import.out' && grep -q '^conflict: R035 status' '$dir/import.out'"
check "no entry dropped: 7 entries in the second database" "[ \$(r '$b' history --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') -eq 7 ]"
r "$b" import "$dir/a.json" > "$dir/import2.out"
check "importing twice adds nothing" "grep -q '0 new history entries, 6 already here' '$dir/import2.out'"

sum_before=$(sha256sum "$b" | cut -d' ' -f1)
echo '{"format": "usga-recommendations-tracker", "recommendations": [{"id": "R042", "history": [{"uuid": "nope"}]}]}' > "$dir/bad.json"
r "$b" import "$dir/bad.json" > /dev/null 2> "$dir/e5"
check "malformed import: exit 1, error names the file" "[ $? -eq 1 ] && grep -q 'bad.json' '$dir/e5'"
echo 'not json' > "$dir/bad2.json"
r "$b" import "$dir/bad2.json" > /dev/null 2>&1
check "non-JSON import refused" "[ $? -eq 1 ]"
r "$b" import "$dir/missing.json" > /dev/null 2>&1
check "missing file refused" "[ $? -eq 1 ]"
r "$b" frobnicate > /dev/null 2>&1
check "unknown subcommand exits 2" "[ $? -eq 2 ]"
check "database untouched by the bad imports" "[ \"\$(sha256sum '$b' | cut -d' ' -f1)\" = '$sum_before' ]"

echo "1..$n"

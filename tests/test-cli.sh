#!/bin/bash
# test-cli.sh USGA — the usga command on a temporary database: init, info, stats and bad input.
# TAP output for meson.
set -u
USGA="$1"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/x.sqlite3"

. "$(dirname "$0")/usga-tap.sh"

"$USGA" --db "$db" init > "$dir/init.out" 2> "$dir/init.err"
check "init succeeds" "[ $? -eq 0 ]"
check "init reports 27540 carpetas" "grep -q '27540 carpetas' '$dir/init.out'"

"$USGA" --db "$db" init > "$dir/init2.out" 2>&1
check "second init is a no-op" "[ $? -eq 0 ] && grep -q 'already' '$dir/init2.out'"

"$USGA" --db "$db" stats --by month --from 2024-01-01 --to 2024-12-31 > "$dir/months.csv"
check "stats by month succeeds" "[ $? -eq 0 ]"
check "stats by month has a header and 12 months" "[ \"\$(head -1 '$dir/months.csv')\" = 'month,count,source' ] && [ \$(wc -l < '$dir/months.csv') -eq 13 ]"
check "monthly counts add up to the 27540 bundled carpetas" "[ \$(awk -F, 'NR>1 {s+=\$2} END {print s}' '$dir/months.csv') -eq 27540 ]"
check "January 2024 has the 2333 carpetas of the bundled file" "grep -qx '2024-01,2333,carpetas' '$dir/months.csv'"

"$USGA" --db "$db" stats --by year > "$dir/years.csv"
check "yearly series spans 2019-2024 from quarterly history" "grep -q '^2019,35148,quarterly' '$dir/years.csv' && grep -q '^2024,27540,carpetas' '$dir/years.csv'"

"$USGA" --db "$db" stats --by category --format json > "$dir/cat.json"
check "json output parses" "python3 -c 'import json,sys; d=json.load(open(\"$dir/cat.json\")); sys.exit(0 if d[\"by\"]==\"category\" and d[\"rows\"] else 1)'"

"$USGA" --db "$db" stats --by colonia --rate per100k --category domestic_violence --from 2024-01-01 --to 2024-12-31 > "$dir/col.csv"
check "colonia rates have population and rate columns" "head -1 '$dir/col.csv' | grep -q 'colonia,label,count,population,rate_per_100k,source'"

"$USGA" --db "$db" stats --by hour > "$dir/hour.csv" 2> "$dir/hour.err"
check "hour view states the excluded placeholder times" "grep -q '00:00' '$dir/hour.err' && [ \$(wc -l < '$dir/hour.csv') -eq 25 ]"

"$USGA" --db "$db" stats --by month --colonia 'SAN MIGUEL TEOTONGO SECC AVISADERO' > "$dir/colonia.csv" 2>&1
check "colonia filter by name works" "[ $? -eq 0 ]"

"$USGA" --db "$db" info > "$dir/info.txt"
check "info succeeds" "[ $? -eq 0 ] && grep -q 'Recommendations: 109' '$dir/info.txt'"
"$USGA" --db "$db" info --json > "$dir/info.json"
check "info --json parses" "python3 -c 'import json; d=json.load(open(\"$dir/info.json\")); assert d[\"recommendations\"]==109'"

# Bad input: one-line error, non-zero exit, database untouched.
sum_before=$(sha256sum "$db" | cut -d' ' -f1)
"$USGA" --db "$db" stats --by planet > /dev/null 2> "$dir/err1"
rc=$?
check "unknown --by exits 2" "[ $rc -eq 2 ]"
check "unknown --by gives a one-line error" "[ \$(wc -l < '$dir/err1') -eq 1 ] && grep -q 'planet' '$dir/err1'"
"$USGA" --db "$db" stats --by month --from 2024-13-45 > /dev/null 2> "$dir/err2"
check "bad date exits 2" "[ $? -eq 2 ] && grep -q 'not a date' '$dir/err2'"
"$USGA" --db "$db" stats --by month --category nonsense > /dev/null 2> "$dir/err3"
check "unknown category exits 2" "[ $? -eq 2 ]"
check "database untouched by bad arguments" "[ \"\$(sha256sum '$db' | cut -d' ' -f1)\" = '$sum_before' ]"

"$USGA" --db "$dir/missing.sqlite3" stats --by month > /dev/null 2> "$dir/err4"
check "missing database exits 1 with a message" "[ $? -eq 1 ] && grep -q 'usga init' '$dir/err4' && [ ! -e '$dir/missing.sqlite3' ]"

mkdir -p "$dir/ro" && chmod 500 "$dir/ro"
"$USGA" --db "$dir/ro/sub/x.sqlite3" init > /dev/null 2> "$dir/err5"
if [ "$(id -u)" = 0 ]; then
  # root ignores directory permissions; use a path under a regular file instead
  "$USGA" --db "$dir/init.out/x.sqlite3" init > /dev/null 2> "$dir/err5"
fi
check "unwritable database path exits 1" "[ $? -eq 1 ] && [ \$(wc -l < '$dir/err5') -eq 1 ]"

printf 'garbage, not a database\n' > "$dir/corrupt.sqlite3"
"$USGA" --db "$dir/corrupt.sqlite3" stats --by month > /dev/null 2> "$dir/err6"
check "corrupt database exits 1" "[ $? -eq 1 ] && grep -qi 'damaged' '$dir/err6'"
check "corrupt database left untouched" "[ \"\$(cat '$dir/corrupt.sqlite3')\" = 'garbage, not a database' ]"
"$USGA" --db "$dir/corrupt.sqlite3" init > /dev/null 2> "$dir/err7"
check "init refuses a corrupt file" "[ $? -eq 1 ] && [ \"\$(cat '$dir/corrupt.sqlite3')\" = 'garbage, not a database' ]"

"$USGA" frobnicate > /dev/null 2> "$dir/err8"
check "unknown command exits 2" "[ $? -eq 2 ]"

# Year-over-year comparison: 2024 quarters against 2023's (published quarterly counts).
"$USGA" --db "$db" stats --by quarter --compare previous-year --from 2024-01-01 --to 2024-12-31 > "$dir/yoy.csv"
check "stats --compare previous-year has previous_count and change_pct" "[ \"\$(head -1 '$dir/yoy.csv')\" = 'quarter,count,previous_count,change_pct,source' ] && [ \$(wc -l < '$dir/yoy.csv') -eq 5 ]"
"$USGA" --db "$db" stats --by category --compare previous-year --from 2024-01-01 > "$dir/open.csv" 2> "$dir/open.err"
check "an open-ended period is not compared with itself: usage error, saying why" \
  "[ $? -eq 2 ] && [ ! -s '$dir/open.csv' ] && grep -q 'open-ended' '$dir/open.err'"
check "change_pct is (count - previous) / previous" "awk -F, 'NR>1 { c = 100 * (\$2 - \$3) / \$3; d = c - \$4; if (d > 0.051 || d < -0.051) bad = 1 } END { exit bad }' '$dir/yoy.csv'"
"$USGA" --db "$db" stats --by quarter --compare last-decade > /dev/null 2> "$dir/err9"
check "unknown --compare exits 2" "[ $? -eq 2 ] && grep -q 'last-decade' '$dir/err9'"

# Charts rendered headless: no display at all.
for fmt in png svg pdf csv; do
  env -u DISPLAY -u WAYLAND_DISPLAY "$USGA" --db "$db" export chart --view trends --format $fmt --by quarter --out "$dir/chart.$fmt" 2> "$dir/export.err"
  check "export chart --format $fmt succeeds without a display" "[ $? -eq 0 ] && [ -s '$dir/chart.$fmt' ]"
done
check "exported PNG has the PNG signature" "[ \"\$(head -c 8 '$dir/chart.png' | od -An -tx1 | tr -d ' \n')\" = '89504e470d0a1a0a' ]"
check "exported SVG parses as XML" "python3 -c 'import xml.etree.ElementTree as E; r = E.parse(\"$dir/chart.svg\").getroot(); assert r.tag.endswith(\"svg\")'"
check "exported PDF has a header and %%EOF" "head -c 5 '$dir/chart.pdf' | grep -q '%PDF-' && tail -c 16 '$dir/chart.pdf' | grep -q '%%EOF'"
"$USGA" --db "$db" stats --by quarter > "$dir/q.csv"
check "exported CSV total equals the stats total" "[ \$(awk -F, '/^#/ {next} NR>1 {s+=\$3} END {print s}' '$dir/chart.csv') -eq \$(awk -F, 'NR>1 {s+=\$2} END {print s}' '$dir/q.csv') ]"
check "exported CSV states the filters and vintage" "grep -q '^# Filters:' '$dir/chart.csv' && grep -q 'vintage' '$dir/chart.csv'"
"$USGA" --db "$db" export chart --view page --out "$dir/page.pdf"
check "export --view page writes every Trends chart" "[ $? -eq 0 ] && [ \$(grep -c '/Type /Page\b' '$dir/page.pdf') -ge 4 ]"
"$USGA" --db "$db" export chart --view trends --format gif --out "$dir/x.gif" 2> "$dir/err10"
check "unknown export format exits 2" "[ $? -eq 2 ] && grep -q 'gif' '$dir/err10'"
"$USGA" --db "$db" export chart --view pie --out "$dir/x.png" 2> "$dir/err11"
check "unknown export view exits 2" "[ $? -eq 2 ] && grep -q 'pie' '$dir/err11'"

# Import of untrusted files (ingest): deeply nested JSON is refused with a message, never a crash.
python3 -c 'import sys; sys.stdout.write("{\"type\": \"FeatureCollection\", \"features\": " + "[" * 200000 + "]" * 200000 + "}")' > "$dir/deep.geojson"
"$USGA" --db "$db" import --kind corridors "$dir/deep.geojson" > /dev/null 2> "$dir/deep.err"
check "nested GeoJSON corridors: exit 1 with a message, no crash" "[ $? -eq 1 ] && grep -q 'levels' '$dir/deep.err'"
"$USGA" --db "$db" recommendations import "$dir/deep.geojson" > /dev/null 2> "$dir/deep2.err"
check "nested tracker JSON: refused with a message, no crash" "rc=$?; [ \$rc -ne 0 ] && [ \$rc -lt 128 ] && grep -q 'levels' '$dir/deep2.err'"

# Supersede rule (ingest): a partial import only adds; --complete replaces its days' bundled rows.
bundled_gz="$USGA_DATA_DIR/bundled/carpetas_iztapalapa_puntos_2024.csv.gz"
raw_count () { python3 -c "import gzip,sys; print(sum(1 for l in gzip.open('$bundled_gz','rt') if ',$1' in l))"; }
db_count () { python3 -c "import sqlite3,sys; print(sqlite3.connect('$db').execute(sys.argv[1]).fetchone()[0])" "$1"; }
march=$(raw_count 2024-03-)
day1=$(raw_count 2024-03-01)
printf 'alcaldia_hecho,colonia,delito,fecha_hecho,hora_hecho,anio_hecho,trimestre,latitud,longitud\nIZTAPALAPA,El Paraiso,ROBO DE OBJETOS,2024-03-01,10:00:00,2024,1,19.3763,-99.0316\n' > "$dir/one.csv"
"$USGA" --db "$db" info | grep 'vintage:' > "$dir/vintage.before"
"$USGA" --db "$db" import "$dir/one.csv" > "$dir/one.out" 2>&1
check "1-row import: 1 added, nothing replaced" "[ $? -eq 0 ] && grep -q '1 added' '$dir/one.out' && grep -q 'replaced nothing' '$dir/one.out'"
check "1-row import: March keeps its $march bundled carpetas, plus the new one" "[ \"\$(db_count \"SELECT count(*) FROM incident WHERE origin = 'bundled' AND date LIKE '2024-03%'\")\" = '$march' ] && [ \"\$(db_count \"SELECT count(*) FROM incident WHERE date LIKE '2024-03%'\")\" = \$(($march + 1)) ]"
"$USGA" --db "$db" info > "$dir/info.after"
check "import does not relabel the vintage; info lists it apart" "grep 'vintage:' '$dir/info.after' | cmp -s - '$dir/vintage.before' && grep -q 'imports: .*1 rows added by 1 CSV files (latest one.csv)' '$dir/info.after'"
"$USGA" --db "$db" import --complete "$dir/one.csv" > "$dir/few.out" 2>&1
check "--complete with 1 row for a day of $day1 carpetas: not taken as complete" "[ $? -eq 0 ] && grep -q 'not recorded as complete, nothing replaced' '$dir/few.out' && [ \"\$(db_count \"SELECT count(*) FROM incident WHERE origin = 'bundled' AND date = '2024-03-01'\")\" = '$day1' ]"
{ echo 'alcaldia_hecho,colonia,delito,fecha_hecho,hora_hecho,anio_hecho,trimestre,latitud,longitud'; python3 -c "import gzip; [print(l, end='') for l in gzip.open('$bundled_gz','rt') if ',2024-03-01' in l]" | tail -n +6; cat "$dir/one.csv" | tail -1; } > "$dir/day1.csv"
"$USGA" --db "$db" import --complete "$dir/day1.csv" > "$dir/complete.out" 2>&1
check "--complete: replaces the $day1 bundled rows of 2024-03-01 and says so" "[ $? -eq 0 ] && grep -q \"replaced $day1 bundled rows in 2024-03 ($day1): \$(($day1 - 5)) kept as this file’s (the same carpetas), 5 not in the file removed\" '$dir/complete.out' && grep -q 'complete record of 2024-03-01 to 2024-03-01' '$dir/complete.out'"
check "--complete: other days of March untouched" "[ \"\$(db_count \"SELECT count(*) FROM incident WHERE origin = 'bundled' AND date LIKE '2024-03%'\")\" = \$(($march - $day1)) ]"
"$USGA" --db "$db" import --kind corridors --complete "$dir/one.csv" > /dev/null 2> "$dir/err-geo"
check "--complete is refused for map files" "[ $? -eq 2 ]"

# Validation (ingest): bad rows are counted by reason and listed, with their line, in --rejects.
printf 'alcaldia_hecho,colonia,delito,fecha_hecho,hora_hecho,anio_hecho,trimestre,latitud,longitud\nIZTAPALAPA,A,ROBO DE OBJETOS,1900-01-01,10:00:00,2024,1,19.3763,-99.0316\nIZTAPALAPA,A,ROBO DE OBJETOS,2024-06-02,10:00:00,2024,2,inf,-99.0316\nIZTAPALAPA,A,ROBO DE OBJETOS,2024-06-03,10:00:00,2024,2,19.3763,-99.0316\n' > "$dir/bad.csv"
"$USGA" --db "$db" import --rejects "$dir/rejects.csv" "$dir/bad.csv" > "$dir/bad.out" 2>&1
check "import counts the rejected and repaired rows by reason" "[ $? -eq 0 ] && grep -q '2 added' '$dir/bad.out' && grep -q 'rejected: 1 date out of range' '$dir/bad.out' && grep -q 'kept without coordinates: 1 coordinates unreadable' '$dir/bad.out'"
check "--rejects lists them with their line" "grep -qx '2,rejected,date out of range,1900-01-01' '$dir/rejects.csv' && grep -qx '3,repaired,coordinates unreadable,\"inf,-99.0316\"' '$dir/rejects.csv' && [ \$(wc -l < '$dir/rejects.csv') -eq 3 ]"
"$USGA" --db "$db" import --kind victimas "$dir/one.csv" > /dev/null 2> "$dir/kind.err"
check "--kind victimas refuses a carpetas file from its header" "[ $? -eq 1 ] && grep -q 'not a victims file' '$dir/kind.err'"

echo "1..$n"
exit $fail

#!/bin/bash
# test-cli-geo.sh USGA GEODIR — usga import (corridors, utopias) and usga export corridors:
# good files, bad files (clear message naming the file, nothing imported), round trip.
# TAP output for meson.
set -u
USGA="$1"
GEO="$2"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/x.sqlite3"

. "$(dirname "$0")/usga-tap.sh"
corridors () { sqlite3 "$db" "SELECT count(*) FROM corridor" 2>/dev/null || python3 -c "import sqlite3; print(sqlite3.connect('$db').execute('SELECT count(*) FROM corridor').fetchone()[0])"; }

"$USGA" --db "$db" init > /dev/null 2>&1
check "init succeeds" "[ $? -eq 0 ]"

"$USGA" --db "$db" import "$GEO/corridors-good.geojson" --kind corridors > "$dir/out" 2>&1
check "GeoJSON corridors import" "[ $? -eq 0 ] && grep -q 'Imported 2 corridors' '$dir/out'"
"$USGA" --db "$db" import "$GEO/corridor-good.kml" --kind corridors > "$dir/out" 2>&1
check "KML corridor import" "[ $? -eq 0 ] && grep -q 'Imported 1 corridor' '$dir/out'"
"$USGA" --db "$db" import "$GEO/corridor-good.gpx" --kind corridors > "$dir/out" 2>&1
check "GPX corridor import" "[ $? -eq 0 ] && grep -q 'Imported 1 corridor' '$dir/out'"
check "four corridors stored" "[ \"\$(corridors)\" = 4 ]"

for bad in corridors-malformed.geojson corridors-point.geojson corridors-outside.geojson corridor-bad.kml waypoints-only.gpx; do
  "$USGA" --db "$db" import "$GEO/$bad" --kind corridors > "$dir/out" 2> "$dir/err"
  rc=$?
  check "$bad is refused with a message naming it" "[ $rc -eq 1 ] && grep -q '$bad' '$dir/err' && grep -q 'nothing was imported' '$dir/err'"
  check "$bad leaves the corridors as they were" "[ \"\$(corridors)\" = 4 ]"
done
"$USGA" --db "$db" import "$GEO/corridors-outside.geojson" --kind corridors 2> "$dir/err" > /dev/null
check "outside Mexico City is named as the problem" "grep -q 'outside Mexico City' '$dir/err'"

"$USGA" --db "$db" import "$GEO/utopias-good.geojson" --kind utopias > "$dir/out" 2>&1
check "UTOPIAS import" "[ $? -eq 0 ] && grep -q 'Imported 1 UTOPIA centre' '$dir/out'"
"$USGA" --db "$db" import "$GEO/utopias-line.geojson" --kind utopias > /dev/null 2> "$dir/err"
check "a line is not a centre" "[ $? -eq 1 ] && grep -q 'must be a Point' '$dir/err'"

"$USGA" --db "$db" import "$GEO/corridors-good.geojson" > /dev/null 2> "$dir/err"
check "import without --kind is a usage error" "[ $? -eq 2 ]"
"$USGA" --db "$db" import "$GEO/corridors-good.geojson" --kind shops > /dev/null 2> "$dir/err"
check "unknown kind is a usage error" "[ $? -eq 2 ] && grep -q 'shops' '$dir/err'"

"$USGA" --db "$db" export corridors --format geojson > "$dir/export.geojson"
check "export corridors succeeds" "[ $? -eq 0 ]"
check "export is a FeatureCollection of 4 named lines with lengths" "python3 -c '
import json; d = json.load(open(\"$dir/export.geojson\"))
assert d[\"type\"] == \"FeatureCollection\" and len(d[\"features\"]) == 4
for f in d[\"features\"]:
    assert f[\"geometry\"][\"type\"] in (\"LineString\", \"MultiLineString\")
    assert f[\"properties\"][\"name\"] and f[\"properties\"][\"length_m\"] > 0
'"
"$USGA" --db "$dir/y.sqlite3" init > /dev/null 2>&1
"$USGA" --db "$dir/y.sqlite3" import "$dir/export.geojson" --kind corridors > "$dir/out" 2>&1
check "the export imports back" "[ $? -eq 0 ] && grep -q 'Imported 4 corridors' '$dir/out'"
"$USGA" --db "$db" export corridors --format kml > /dev/null 2>&1
check "unknown export format is a usage error" "[ $? -eq 2 ]"

echo "1..$n"

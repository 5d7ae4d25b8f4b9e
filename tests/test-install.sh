#!/bin/bash
# test-install.sh MESON BUILD_ROOT SOURCE_ROOT FAKE_CKAN — `meson install` into a temporary
# DESTDIR, then the installed `usga` run there, from a moved prefix, with a clean environment
# (no USGA_*, no schema, no XDG_DATA_DIRS): init, stats, Spanish, sync with the default resource
# ids against the local test portal, the validators on the installed files, and no build or
# source path in any installed file. TAP output for meson. Never touches the internet.
set -u
MESON="$1"
BUILD=$(cd "$2" && pwd -P)
SRC=$(cd "$3" && pwd -P)
FAKE="$4"
tmp=$(mktemp -d)
servers=()
trap 'for s in "${servers[@]}"; do kill "$s" 2>/dev/null; done; rm -rf "$tmp"' EXIT

. "$(dirname "$0")/usga-tap.sh"
skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

D="$tmp/destdir"
"$MESON" install -C "$BUILD" --no-rebuild --destdir "$D" > "$tmp/install.log" 2>&1
check "meson install into a DESTDIR" "[ $? -eq 0 ]"
usga_installed=$(find "$D" -path '*/bin/usga' -type f | head -1)
prefix_in_d=$(dirname "$(dirname "$usga_installed")")
check "the usga command is installed in a bin folder" "[ -x '$usga_installed' ]"

# Everything the issue lists, under the prefix.
for f in bin/usga-dashboard share/usga-dashboard/delito_categories.csv share/usga-dashboard/recommendations.json \
         share/usga-dashboard/report_baseline.csv share/usga-dashboard/bundled/carpetas_iztapalapa_puntos_2024.csv.gz \
         share/locale/es/LC_MESSAGES/usga-dashboard.mo share/glib-2.0/schemas/org.usga.Dashboard.gschema.xml \
         share/applications/org.usga.Dashboard.desktop share/metainfo/org.usga.Dashboard.metainfo.xml \
         share/icons/hicolor/scalable/apps/org.usga.Dashboard.svg \
         share/icons/hicolor/symbolic/apps/org.usga.Dashboard-symbolic.svg; do
  check "installed: $f" "[ -s '$prefix_in_d/$f' ]"
done
for f in "$SRC"/data/bundled/*.gz; do
  check "bundled file installed: $(basename "$f")" "cmp -s '$f' '$prefix_in_d/share/usga-dashboard/bundled/$(basename "$f")'"
done

# grep -F: the source folder is a prefix of the build folder, and relative spellings of it
# (../../home/x/usga/src/…) contain it too.
leaks=$(grep -rlF -e "$SRC" -e "$BUILD" "$D" 2>/dev/null)
check "no installed file holds the build or source path" "[ -z '$leaks' ]"
[ -n "$leaks" ] && echo "# holding a build or source path: $leaks"

command -v desktop-file-validate > /dev/null &&
  check "desktop-file-validate accepts the installed desktop file" \
    "desktop-file-validate '$prefix_in_d/share/applications/org.usga.Dashboard.desktop' > '$tmp/dfv' 2>&1" ||
  skip "desktop-file-validate" "not installed"
command -v appstreamcli > /dev/null &&
  check "appstreamcli validates the installed metainfo" \
    "appstreamcli validate --no-net '$prefix_in_d/share/metainfo/org.usga.Dashboard.metainfo.xml' > '$tmp/asv' 2>&1" ||
  skip "appstreamcli validate" "not installed"

# A moved prefix: nothing may depend on where meson meant to install.
P="$tmp/elsewhere"
mv "$prefix_in_d" "$P"
USGA="$P/bin/usga"
home="$tmp/home"
mkdir -p "$home"
# What cron gives a job: no USGA_*, no GSETTINGS_SCHEMA_DIR, a C locale. XDG_DATA_DIRS is only
# the system's /usr/share (GLib's own schemas live there; GIO's proxy module needs them), so a
# copy installed under /usr/local cannot stand in for the one under test.
run () { env -i PATH=/usr/bin:/bin HOME="$home" LANG=C XDG_DATA_DIRS=/usr/share "$@"; }
if [ -e /usr/share/usga-dashboard ] || [ -e /usr/share/glib-2.0/schemas/org.usga.Dashboard.gschema.xml ]; then
  echo "# note: USGA Dashboard is installed in /usr on this machine; its files could mask a lookup failure"
fi
db="$home/x.sqlite3"

# The bundled carpetas counted from the raw file, not by the app.
raw_2024=$(python3 -c 'import csv, gzip, sys; print(sum(1 for _ in csv.DictReader(gzip.open(sys.argv[1], "rt", encoding="utf-8"))))' \
  "$SRC/data/bundled/carpetas_iztapalapa_puntos_2024.csv.gz")

run "$USGA" --db "$db" init > "$tmp/init.out" 2> "$tmp/init.err"
check "installed usga init works from a moved prefix with a clean environment" "[ $? -eq 0 ] && grep -q '$raw_2024 carpetas' '$tmp/init.out'"
run "$USGA" --db "$db" stats --by year > "$tmp/stats.csv" 2> "$tmp/stats.err"
check "stats --by year: 2024 counts the $raw_2024 carpetas of the raw file" \
  "[ $? -eq 0 ] && grep -Eq '^2024,([^,]*,)*$raw_2024(,|\$)' '$tmp/stats.csv'"

run "$USGA" --help > "$tmp/help.en"
run env LANGUAGE=es "$USGA" --help > "$tmp/help.es"
check "--help in English by default, saying how to pick the language" "grep -q '^Usage: usga' '$tmp/help.en' && grep -q 'LANGUAGE=es' '$tmp/help.en'"
check "LANGUAGE=es: --help in Spanish, even under LANG=C" "grep -q '^Uso: usga' '$tmp/help.es' && grep -q '^Idioma:' '$tmp/help.es'"
run env LANGUAGE=es "$USGA" --db "$db" info > "$tmp/info.es" 2>&1
check "LANGUAGE=es: usga info in Spanish" "[ $? -eq 0 ] && grep -q 'registros:' '$tmp/info.es'"
run env LANGUAGE=es "$USGA" --db "$db" stats --by hour > /dev/null 2> "$tmp/hour.es"
check "LANGUAGE=es: the stats method note in Spanish" "grep -q 'método:' '$tmp/hour.es' && grep -q 'hora desconocida' '$tmp/hour.es'"
run env LANGUAGE=es "$USGA" --db "$db" sync --dataset planets > /dev/null 2> "$tmp/err.es"
check "LANGUAGE=es: errors in Spanish" "[ $? -eq 2 ] && grep -q 'planets' '$tmp/err.es' && ! grep -q 'unknown dataset' '$tmp/err.es'"
if command -v pdftotext > /dev/null; then
  run env LANGUAGE=es "$USGA" --db "$db" export briefing --out "$home/informe.pdf" > /dev/null 2>&1
  check "LANGUAGE=es: the briefing PDF in Spanish" \
    "pdftotext '$home/informe.pdf' - | tr '\\n' ' ' | grep -q 'Informe para el Gabinete de Seguridad'"
  if locale -a 2>/dev/null | grep -qi '^es_MX.utf8$'; then
    check "LANGUAGE=es: the briefing's dates in Spanish too" "pdftotext '$home/informe.pdf' - | grep -q ' de diciembre de 2024'"
  else
    skip "the briefing's dates in Spanish" "the es_MX.UTF-8 locale is not installed"
  fi
  run "$USGA" --db "$db" export briefing --out "$home/briefing.pdf" > /dev/null 2>&1
  check "without LANGUAGE the briefing is in English" "pdftotext '$home/briefing.pdf' - | tr '\\n' ' ' | grep -q 'Security Cabinet'"
else
  skip "the briefing PDF in Spanish" "pdftotext is not installed"
fi

# A binary with nothing beside it falls back to $XDG_DATA_DIRS for its data and translations.
mkdir -p "$tmp/lonely/bin" && cp "$USGA" "$tmp/lonely/bin/usga"
env -i PATH=/usr/bin:/bin HOME="$home" LANGUAGE=es XDG_DATA_DIRS="$P/share:/usr/share" \
  "$tmp/lonely/bin/usga" --db "$home/lonely.sqlite3" init > "$tmp/lonely.out" 2>&1
check "a lone binary finds the data and the translation through XDG_DATA_DIRS" \
  "[ $? -eq 0 ] && grep -q '$raw_2024 carpetas' '$tmp/lonely.out' && grep -q 'Se inicializó' '$tmp/lonely.out'"
if [ -e /usr/share/usga-dashboard ]; then
  skip "without any data folder, init fails" "this machine has /usr/share/usga-dashboard"
else
  env -i PATH=/usr/bin:/bin HOME="$home" XDG_DATA_DIRS=/usr/share \
    "$tmp/lonely/bin/usga" --db "$home/nodata.sqlite3" init > "$tmp/nodata.out" 2>&1
  check "without any data folder, init fails naming where the data was expected" \
    "[ $? -eq 1 ] && grep -q 'share/usga-dashboard/delito_categories.csv' '$tmp/nodata.out'"
fi

# The installed GUI binary starts and reads its translations (--help needs no display).
run env LANGUAGE=es "$P/bin/usga-dashboard" --help > "$tmp/gui-help" 2>&1
check "installed usga-dashboard --help runs" "[ $? -eq 0 ] && grep -q 'usga-dashboard' '$tmp/gui-help'"

# Sync with nothing but --endpoint: the resource ids are the compiled-in defaults (the test
# portal serves the real portal's ids: tests/usga-fake-ckan-main.c).
"$FAKE" --rows 300 > "$tmp/url-c" &
servers+=($!)
"$FAKE" --rows 200 --victims > "$tmp/url-v" &
servers+=($!)
for _ in $(seq 100); do [ -s "$tmp/url-c" ] && [ -s "$tmp/url-v" ] && break; sleep 0.1; done
url_c=$(cat "$tmp/url-c"); url_v=$(cat "$tmp/url-v")
check "test portals started on loopback" "case '$url_c $url_v' in http://127.0.0.1:*' 'http://127.0.0.1:*) true;; *) false;; esac"

run "$USGA" --db "$db" sync --dataset carpetas --endpoint "$url_c" --scope city > "$tmp/sync-c.out" 2> "$tmp/sync-c.err"
check "sync --dataset carpetas with the default resource id, no schema" "[ $? -eq 0 ] && grep -q '300 added' '$tmp/sync-c.out'"
run "$USGA" --db "$db" sync --dataset victimas --endpoint "$url_v" --scope city > "$tmp/sync-v.out" 2> "$tmp/sync-v.err"
check "sync --dataset victimas with the default resource id, no schema" "[ $? -eq 0 ] && grep -q '200 added' '$tmp/sync-v.out'"
[ "$fail" -ne 0 ] && sed 's/^/# /' "$tmp/sync-c.err" "$tmp/sync-v.err" | tail -20

# With the installed schema compiled, the settings give the same ids (they must agree with the
# compiled-in defaults), and the compiled-in portal URL is the schema's.
schemas="$tmp/schemas"
mkdir -p "$schemas"
if glib-compile-schemas --strict --targetdir="$schemas" "$P/share/glib-2.0/schemas" 2> "$tmp/gcs.err"; then
  gs () { run env GSETTINGS_SCHEMA_DIR="$schemas" GSETTINGS_BACKEND=memory gsettings get org.usga.Dashboard "$1" | tr -d "'"; }
  run env GSETTINGS_SCHEMA_DIR="$schemas" GSETTINGS_BACKEND=memory "$USGA" --db "$db" sync --dataset carpetas \
    --endpoint "$url_c" --scope city --full > "$tmp/sync-s.out" 2>&1
  check "with the schema: the carpetas resource setting reaches the same portal table" \
    "[ $? -eq 0 ] && grep -q '0 added, 300 skipped' '$tmp/sync-s.out'"
  for key in ckan-base-url ckan-carpetas-resource ckan-victimas-resource ckan-carpetas-package ckan-victimas-package; do
    value=$(gs "$key")
    check "compiled-in default equals the schema's $key ($value)" "[ -n '$value' ] && grep -qF -- '$value' '$USGA'"
  done
else
  not_ok "the installed schema compiles"
fi

echo "1..$n"
exit $fail

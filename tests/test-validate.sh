#!/bin/bash
# test-validate.sh WHAT FILE... — desktop, metainfo, schema, manifest and translation checks.
set -u
what="$1"; shift
case "$what" in
  desktop)   exec desktop-file-validate "$1" ;;
  metainfo)  exec appstreamcli validate --no-net --explain "$1" ;;
  schemas)   exec glib-compile-schemas --strict --dry-run "$1" ;;
  manifest)
    if ! command -v flatpak-builder > /dev/null; then
      echo "flatpak-builder is not installed: manifest check skipped"; exit 77
    fi
    exec flatpak-builder --show-manifest "$1" ;;
  po)
    # po FILE SOURCE_ROOT: every string translated, none fuzzy, the catalogue up to date with
    # the sources, and POTFILES.in listing every file that has translatable strings.
    po="$1"; root="$2"
    stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1) || { echo "$stats"; exit 1; }
    echo "$stats"
    case "$stats" in *untranslated*|*fuzzy*) echo "es.po is incomplete"; exit 1 ;; esac
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    grep -v '^#' "$root/po/POTFILES.in" | sed '/^$/d' > "$tmp/files"
    status=0
    for f in $(cd "$root" && grep -rlE '_\("|N_\("|C_\("|ngettext \(|translatable="yes"' src ui data --include='*.c' --include='*.ui' --include='*.in' --include='*.xml'); do
      grep -qx "$f" "$tmp/files" || { echo "missing from po/POTFILES.in: $f"; status=1; }
    done
    (cd "$root" && xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
      --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --flag=N_:1:pass-c-format \
      --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format \
      --flag=g_strdup_printf:1:c-format --flag=g_set_error:4:c-format --flag=g_printerr:1:c-format \
      --flag=g_print:1:c-format \
      -f "$tmp/files" -o "$tmp/usga.pot" 2> "$tmp/xgettext.err") || { cat "$tmp/xgettext.err"; exit 1; }
    msgcmp "$po" "$tmp/usga.pot" || { echo "es.po lacks strings of the sources: run ninja usga-dashboard-update-po and translate"; status=1; }
    exit $status ;;
  *) echo "unknown check $what"; exit 2 ;;
esac

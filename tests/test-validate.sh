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
    # Every string translated, none fuzzy.
    stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$1" 2>&1) || { echo "$stats"; exit 1; }
    echo "$stats"
    case "$stats" in *untranslated*|*fuzzy*) exit 1 ;; esac
    # And the catalogue covers every string in the sources.
    pot="$2"
    missing=$(msgcmp --use-untranslated "$1" "$pot" 2>&1) || { echo "$missing"; exit 1; }
    exit 0 ;;
  *) echo "unknown check $what"; exit 2 ;;
esac

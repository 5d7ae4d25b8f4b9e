#!/bin/bash
# usga-dev.sh run|test — on a fresh Debian 12 machine (as root): install what is missing,
# build, then run the app on its bundled data (run) or the whole test suite (test).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
build="$here/build"

packages=(
  build-essential pkg-config meson ninja-build gettext
  libgtk-4-dev libadwaita-1-dev libshumate-dev libsoup-3.0-dev libjson-glib-dev libsqlite3-dev
  libglib2.0-dev-bin libglib2.0-bin sqlite3 python3 locales
  desktop-file-utils appstream flatpak-builder poppler-utils
  xvfb xauth dbus dbus-x11 at-spi2-core fonts-cantarell adwaita-icon-theme
  # pgtracker: the shared tracker (libpq) and the private PostgreSQL 15 cluster its tests start
  libpq-dev postgresql
)

install_missing () {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  # The Spanish interface and its tests need a Spanish locale.
  locale -a 2>/dev/null | grep -qi '^es_MX.utf8$' || localedef -i es_MX -f UTF-8 es_MX.UTF-8
  locale -a 2>/dev/null | grep -qi '^en_US.utf8$' || localedef -i en_US -f UTF-8 en_US.UTF-8
}

configure_and_build () {
  if [ -f "$build/build.ninja" ]; then
    meson setup --reconfigure "$build" "$here" > /dev/null
  else
    meson setup "$build" "$here"
  fi
  ninja -C "$build"
}

case "${1:-}" in
  run)
    install_missing
    configure_and_build
    # Uninstalled: the schema is compiled in the build tree, the data read from the source tree.
    export GSETTINGS_SCHEMA_DIR="$build/data"
    export USGA_DATA_DIR="$here/data"
    export USGA_LOCALEDIR="$build/po"
    exec "$build/src/gui/usga-dashboard" "${@:2}"
    ;;
  test)
    install_missing
    configure_and_build
    export GSK_RENDERER=cairo
    exec xvfb-run -a -s "-screen 0 1920x1080x24" dbus-run-session -- \
      meson test -C "$build" --print-errorlogs "${@:2}"
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac

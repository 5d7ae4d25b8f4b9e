#!/bin/sh
# with-pg-cluster.sh COMMAND [ARGS…] — runs COMMAND (a TAP test) against a fresh private
# PostgreSQL cluster, always stopped and removed afterwards. COMMAND finds it through
# USGA_TEST_PG_CONNINFO, and stops/restarts it with "$USGA_TEST_PG_CLUSTER crash|start|stop DIR"
# (USGA_TEST_PG_DIR). Without the server binaries the test is skipped, saying why.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cluster="$here/usga-pg-cluster.sh"

if ! sh "$cluster" available; then
  echo "1..0 # SKIP PostgreSQL server binaries not found in ${USGA_PG_BIN:-/usr/lib/postgresql/15/bin} (apt-get install postgresql)"
  exit 0
fi
# Short path: the socket path must stay under 108 bytes.
dir=$(mktemp -d /tmp/usga-pg.XXXXXX)
cleanup () {
  sh "$cluster" crash "$dir" 2> /dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
sh "$cluster" init "$dir" >&2
export USGA_TEST_PG_DIR="$dir"
export USGA_TEST_PG_CLUSTER="sh $cluster"
export USGA_TEST_PG_CONNINFO="postgresql:///usga?host=$dir&user=usga"
"$@"

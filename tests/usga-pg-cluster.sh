#!/bin/sh
# usga-pg-cluster.sh available | init DIR | start DIR | stop DIR | crash DIR
# A private PostgreSQL 15 cluster for the tests: data and Unix socket in DIR, no TCP
# (listen_addresses=''). initdb refuses root, so as root the server runs as `postgres`.
set -eu
bin=${USGA_PG_BIN:-/usr/lib/postgresql/15/bin}

as_owner () {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$1" in
  available)
    [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ] && [ -x "$bin/postgres" ]
    ;;
  init)
    dir=$2
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    chmod 0700 "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U usga --auth=trust -E UTF8 --no-locale > "$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    "$0" start "$dir"
    as_owner "$bin/createdb" -h "$dir" -U usga usga
    ;;
  start)
    dir=$2
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -k $dir -c fsync=off" start > /dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$2/data" -m fast -w stop > /dev/null
    ;;
  crash)
    # The server dies at once, as on a power cut: clients see their connection drop.
    as_owner "$bin/pg_ctl" -D "$2/data" -m immediate -w stop > /dev/null
    ;;
  *)
    echo "usage: $0 available | init DIR | start DIR | stop DIR | crash DIR" >&2
    exit 2
    ;;
esac

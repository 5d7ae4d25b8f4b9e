# usga-tap.sh — sourced by the shell tests (. "$(dirname "$0")/usga-tap.sh"): TAP counting and
# `check NAME CONDITION`. The caller ends with: echo "1..$n" (and exit $fail where it keeps it).
n=0
fail=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
not_ok () { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
check () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

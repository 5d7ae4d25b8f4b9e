#!/bin/bash
# tracker-merge.sh USGA [ENTRIES_PER_RECOMMENDATION] — prints how long the tracker takes to
# search, export and merge-import a colleague's file with a long history. Figures, not a test.
set -eu
USGA="$1"
per="${2:-50}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$USGA" --db "$dir/a.sqlite3" init > /dev/null 2>&1
cp "$dir/a.sqlite3" "$dir/b.sqlite3"

# A colleague's export: every recommendation walks planned <-> in progress $per times.
python3 - "$per" > "$dir/colleague.json" <<'PY'
import json, sys, uuid, datetime
per = int(sys.argv[1])
t0 = datetime.datetime(2024, 1, 1)
recs = []
for i in range(1, 110):
    hist, status = [], "not_started"
    for k in range(per):
        new = "planned" if status != "planned" else "in_progress"
        hist.append({"uuid": str(uuid.uuid4()), "at": (t0 + datetime.timedelta(minutes=i * 1000 + k)).strftime("%Y-%m-%dT%H:%M:%S.000000Z"),
                     "by": "Colleague", "field": "status", "old": status, "new": new, "note": None,
                     "evidence_url": None, "criterion": None})
        status = new
    recs.append({"id": "R%03d" % i, "history": hist})
print(json.dumps({"format": "usga-recommendations-tracker", "version": 1, "recommendations": recs}))
PY

ms () { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
n=$((per * 109))
t=$(date +%s%N); "$USGA" --db "$dir/b.sqlite3" recommendations import "$dir/colleague.json" > /dev/null
echo "merge-import of $n history entries: $(ms "$t") ms"
t=$(date +%s%N); "$USGA" --db "$dir/b.sqlite3" recommendations import "$dir/colleague.json" > /dev/null
echo "re-import of the same $n entries (all already present): $(ms "$t") ms"
t=$(date +%s%N); "$USGA" --db "$dir/b.sqlite3" recommendations export "$dir/b.json" > /dev/null
echo "export JSON with $n entries: $(ms "$t") ms"
t=$(date +%s%N); "$USGA" --db "$dir/b.sqlite3" recommendations list --search camaras > /dev/null 2>&1
echo "list --search camaras (process start included): $(ms "$t") ms"

#!/usr/bin/env python3
"""Independent recount of period windows from the raw files (stdlib only, no app code).

The rule being checked (README, "How the numbers are made"): days inside complete coverage
(the 2024 points) are counted by day; quarters outside it come whole from the published
quarterly counts, a window that cuts one snaps outward; year-over-year uses the same whole
quarters on both sides when either needs them. Compared with `usga stats --format json`.

usage: windows.py USGA_CLI SOURCE_ROOT      (TAP output)
"""
import csv, datetime, gzip, io, json, os, re, shutil, subprocess, sys, tempfile, unicodedata

cli, root = sys.argv[1], sys.argv[2]
real = os.path.join(root, '..', 'shared', 'data', 'real')
bundled = os.path.join(root, 'data', 'bundled')

def open_csv(name):
    path = os.path.join(real, name)
    if os.path.exists(path):
        return open(path, newline='', encoding='utf-8')
    return io.TextIOWrapper(gzip.open(os.path.join(bundled, name + '.gz')), newline='', encoding='utf-8')

def norm(s):
    s = unicodedata.normalize('NFKD', s.strip().upper())
    return ' '.join(''.join(c for c in s if not unicodedata.combining(c)).split())

# The category rules are data (data/delito_categories.csv): ordered LIKE patterns, first wins.
rules = []
with open(os.path.join(root, 'data', 'delito_categories.csv'), newline='', encoding='utf-8') as f:
    for r in csv.DictReader(f):
        rx = '^' + ''.join('.*' if c == '%' else '.' if c == '_' else re.escape(c) for c in norm(r['pattern'])) + '$'
        rules.append((int(r['priority']), re.compile(rx, re.S), r['category']))
rules.sort(key=lambda x: x[0])
cat_cache = {}
def category(delito):
    d = norm(delito)
    if d not in cat_cache:
        cat_cache[d] = next(c for _, rx, c in rules if rx.match(d))
    return cat_cache[d]

points = []   # (date, category)
with open_csv('carpetas_iztapalapa_puntos_2024.csv') as f:
    for r in csv.DictReader(f):
        points.append((r['fecha_hecho'][:10], category(r['delito'])))
quarterly = {}  # (year, quarter) -> {category: count}
with open_csv('carpetas_iztapalapa_colonia_trimestre_delito_2019_2024.csv') as f:
    for r in csv.DictReader(f):
        k = (int(r['anio_hecho']), int(r['trimestre']))
        c = category(r['delito'])
        quarterly.setdefault(k, {}).setdefault(c, 0)
        quarterly[k][c] += int(r['carpetas'])

COVERED = ('2024-01-01', '2024-12-31')   # the bundled points: every 2024 carpeta

def qbounds(y, q):
    first = datetime.date(y, 3 * q - 2, 1)
    last = datetime.date(y + (q == 4), 1 if q == 4 else 3 * q + 1, 1) - datetime.timedelta(days=1)
    return first.isoformat(), last.isoformat()

def quarters(a, b):
    y, q = int(a[:4]), (int(a[5:7]) + 2) // 3
    while (y, q) <= (int(b[:4]), (int(b[5:7]) + 2) // 3):
        yield y, q
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)

def expected(a, b):
    """{category: count}, snapped quarters, for [a, b] by the rule."""
    out, snapped = {}, []
    for y, q in quarters(a, b):
        qs, qe = qbounds(y, q)
        lo, hi = max(a, qs), min(b, qe)
        if COVERED[0] <= lo and hi <= COVERED[1]:
            for d, c in points:
                if lo <= d <= hi:
                    out[c] = out.get(c, 0) + 1
        elif (y, q) in quarterly:
            if (lo, hi) != (qs, qe):
                snapped.append('%04d-Q%d' % (y, q))
            for c, n in quarterly[(y, q)].items():
                out[c] = out.get(c, 0) + n
    return out, snapped

def year_earlier(day):
    d = datetime.date.fromisoformat(day)
    try:
        return d.replace(year=d.year - 1).isoformat()
    except ValueError:
        return d.replace(year=d.year - 1, day=28).isoformat()

def expected_yoy(a, b):
    pa, pb = year_earlier(a), year_earlier(b)
    if expected(a, b)[1] or expected(pa, pb)[1]:
        a, b = qbounds(int(a[:4]), (int(a[5:7]) + 2) // 3)[0], qbounds(int(b[:4]), (int(b[5:7]) + 2) // 3)[1]
        pa, pb = year_earlier(a), year_earlier(b)
    return expected(a, b)[0], expected(pa, pb)[0], (a, b, pa, pb)

tmp = tempfile.mkdtemp(dir=os.environ.get('TMPDIR'))
db = os.path.join(tmp, 'windows.sqlite3')
subprocess.run([cli, '--db', db, 'init'], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def stats(*args):
    out = subprocess.run([cli, '--db', db, 'stats', '--format', 'json'] + list(args),
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)

n = 0
failures = 0
def check(ok, what):
    global n, failures
    n += 1
    if not ok:
        failures += 1
    print('%s %d - %s' % ('ok' if ok else 'not ok', n, what))

def pct(before, now):
    return 100.0 * (now - before) / before if before else float('nan')

windows = [
    ('2019-01-01', '2024-12-31'), ('2021-05-10', '2021-05-20'), ('2020-02-15', '2020-08-15'),
    ('2023-06-30', '2023-06-30'), ('2023-11-01', '2024-02-29'), ('2022-01-01', '2022-12-31'),
    ('2024-03-01', '2024-06-30'), ('2024-07-04', '2024-07-04'), ('2024-02-29', '2024-03-01'),
    ('2019-12-31', '2020-01-01'),
]
for a, b in windows:
    exp, snapped = expected(a, b)
    got = stats('--by', 'category', '--from', a, '--to', b)
    by_cat = {r['category']: r['count'] for r in got['rows']}
    check(got['total'] == sum(exp.values()),
          '%s..%s total %d (independent %d)' % (a, b, got['total'], sum(exp.values())))
    check(all(by_cat.get(c, 0) == v for c, v in exp.items()) and all(c in exp for c in by_cat if by_cat[c]),
          '%s..%s every category agrees' % (a, b))
    check(got['method']['snapped_quarters'] == snapped,
          '%s..%s snapped quarters %s (independent %s)' % (a, b, got['method']['snapped_quarters'], snapped))

# A day window by month: days inside coverage only, zero months included.
got = stats('--by', 'month', '--from', '2024-01-01', '--to', '2024-12-31', '--category', 'femicide')
months = {r['month']: r['count'] for r in got['rows']}
exp = {}
for d, c in points:
    if c == 'femicide':
        exp[d[:7]] = exp.get(d[:7], 0) + 1
check(sorted(months) == ['2024-%02d' % m for m in range(1, 13)] and all(months[k] == exp.get(k, 0) for k in months),
      'femicide 2024 by month has 12 months, zeros included, all equal')

# Year-over-year of such windows, like with like.
for a, b in [('2024-03-01', '2024-06-30'), ('2024-01-01', '2024-12-31'), ('2023-02-10', '2023-05-10'),
             ('2024-05-15', '2024-08-15')]:
    now, before, span = expected_yoy(a, b)
    got = stats('--by', 'category', '--from', a, '--to', b, '--compare', 'previous-year')
    check(got['total'] == sum(now.values()) and got['previous_total'] == sum(before.values()),
          'yoy %s..%s: %d vs %d (independent %d vs %d over %s)' % (a, b, got['total'], got['previous_total'],
                                                                   sum(now.values()), sum(before.values()), span))
    rows = {r['category']: r for r in got['rows']}
    hom = rows.get('homicide', {'count': 0, 'previous_count': 0})
    check(hom['count'] == now.get('homicide', 0) and hom['previous_count'] == before.get('homicide', 0),
          'yoy %s..%s homicide %s vs %s' % (a, b, hom['count'], hom['previous_count']))

# The case: 2024-03-01..2024-06-30 is about -10 %, homicide up, not -39.5 % / -26.8 %.
now, before, span = expected_yoy('2024-03-01', '2024-06-30')
got = stats('--by', 'category', '--from', '2024-03-01', '--to', '2024-06-30', '--compare', 'previous-year')
change = pct(got['previous_total'], got['total'])
rows = {r['category']: r for r in got['rows']}
hchange = rows['homicide']['change_pct']
print('# 2024-03-01..2024-06-30 year-over-year: all carpetas %.1f %%, homicide %.1f %% (%s)' % (change, hchange, got['compared']))
check(-15 < change < -5, 'all carpetas change %.1f %% is about -10 %%' % change)
check(hchange > 0, 'homicide change %.1f %% keeps its sign (up)' % hchange)
check(got['compared'] == '2024-Q1–Q2 vs 2023-Q1–Q2, whole quarters', 'label says what is compared: %s' % got['compared'])

# "All carpetas" without the hechos no delictivos.
exp, _ = expected('2024-01-01', '2024-12-31')
got = stats('--by', 'year', '--from', '2024-01-01', '--to', '2024-12-31', '--exclude-non-crimes')
check(got['total'] == sum(v for c, v in exp.items() if c != 'non_criminal'),
      '--exclude-non-crimes leaves out %d hechos no delictivos' % exp.get('non_criminal', 0))
got = stats('--by', 'category', '--from', '2024-01-01', '--to', '2024-12-31')
check(got['method']['non_criminal'] == exp.get('non_criminal', 0) and str(exp.get('non_criminal', 0)) in got['method']['text'],
      'the method says all carpetas include %d hechos no delictivos' % exp.get('non_criminal', 0))

# The printed briefing shows the same change and says what it compares.
pdftotext = shutil.which('pdftotext')
if pdftotext:
    pdf = os.path.join(tmp, 'briefing.pdf')
    subprocess.run([cli, '--db', db, 'export', 'briefing', '--out', pdf, '--from', '2024-03-01', '--to', '2024-06-30'],
                   check=True, capture_output=True)
    text = ' '.join(subprocess.run([pdftotext, pdf, '-'], check=True, capture_output=True, text=True).stdout.split())
    now, before, span = expected_yoy('2024-03-01', '2024-06-30')
    all_change = '%.1f' % abs(pct(sum(before.values()), sum(now.values())))
    hom_change = '%.1f' % abs(pct(before['homicide'], now['homicide']))
    check(all_change in text and hom_change in text and str(sum(now.values())) in text.replace(' ', '').replace(',', ''),
          'briefing prints %s %% and homicide %s %% (%d carpetas)' % (all_change, hom_change, sum(now.values())))
    check('2024-Q1–Q2 vs 2023-Q1–Q2, whole quarters' in text and 'same dates' not in text,
          'briefing says what it compares, never "same dates" here')
else:
    n += 1
    print('ok %d # SKIP pdftotext not installed' % n)
    n += 1
    print('ok %d # SKIP pdftotext not installed' % n)

print('1..%d' % n)
sys.exit(1 if failures else 0)

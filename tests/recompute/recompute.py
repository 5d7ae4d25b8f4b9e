#!/usr/bin/env python3
# recompute.py — recomputes the dashboard's geographic figures from the raw files, with no code
# of the app (standard library only), and compares them with what `usga` prints.
#
#   recompute.py USGA_BINARY SOURCE_ROOT
#
# Raw files: SOURCE_ROOT/../shared/data/real (the shared real data), else the gzip copies the app
# ships in SOURCE_ROOT/data/bundled. Output is TAP. Checked:
#   - known totals of the raw files (27 540 points of 2024, 185 663 quarterly carpetas);
#   - 2024 counts per colonia, cuadrante and sector by our own ray-casting point-in-polygon
#     (smallest polygon on overlap), and the not-located counts;
#   - colonia history 2019-2023: each FGJ name's quarterly counts apportioned by the shares of
#     its 2024 points per colonia (and per cuadrante, sector), rounded by largest remainder;
#   - Getis-Ord Gi* classes by colonia (binary 1 km band between area centroids, 90/95/99 %).
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import gzip
import io
import json
import math
import os
import subprocess
import sys
import tempfile
import unicodedata

USGA, SOURCE_ROOT = sys.argv[1], sys.argv[2]
REAL = os.path.normpath(os.path.join(SOURCE_ROOT, '..', 'shared', 'data', 'real'))
BUNDLED = os.path.join(SOURCE_ROOT, 'data', 'bundled')

YEAR_TOTALS = {2019: 35148, 2020: 29260, 2021: 31081, 2022: 31308, 2023: 31325, 2024: 27541}

results = []


def check(ok, name, detail=''):
    results.append((bool(ok), name, detail))
    return ok


def raw_open(name):
    """The shared raw file, or the app's gzip copy of it."""
    path = os.path.join(REAL, name)
    if os.path.exists(path):
        return open(path, encoding='utf-8', newline='')
    return io.TextIOWrapper(gzip.open(os.path.join(BUNDLED, name + '.gz')), encoding='utf-8', newline='')


def usga(*args):
    out = subprocess.run([USGA, '--db', DB] + list(args), check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


# --- geometry: ray casting on GeoJSON rings (ring 0 of each polygon is the shell, the rest holes)

def polygons_of(geometry):
    c = geometry['coordinates']
    return c if geometry['type'] == 'MultiPolygon' else [c]


def in_ring(ring, x, y):
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def shoelace(ring):
    """Signed area and centroid of a ring (planar lon/lat)."""
    a = cx = cy = 0.0
    for i in range(len(ring)):
        x1, y1 = ring[i - 1][0], ring[i - 1][1]
        x2, y2 = ring[i][0], ring[i][1]
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    a /= 2
    return a, (cx / (6 * a), cy / (6 * a)) if a else (ring[0][0], ring[0][1])


class Area:
    def __init__(self, key, label, geometry, extra=None):
        self.key, self.label, self.extra = key, label, extra
        self.polygons = polygons_of(geometry)
        xs = [p[0] for poly in self.polygons for r in poly for p in r]
        ys = [p[1] for poly in self.polygons for r in poly for p in r]
        self.bbox = (min(xs), min(ys), max(xs), max(ys))
        # Area and centroid of the whole multipolygon: shells add, holes subtract.
        total = mx = my = 0.0
        for poly in self.polygons:
            for k, ring in enumerate(poly):
                a, (cx, cy) = shoelace(ring)
                a = abs(a) if k == 0 else -abs(a)
                total += a
                mx += a * cx
                my += a * cy
        self.area = total
        self.centroid = (mx / total, my / total)

    def contains(self, x, y):
        b = self.bbox
        if x < b[0] or x > b[2] or y < b[1] or y > b[3]:
            return False
        return any(in_ring(poly[0], x, y) and not any(in_ring(h, x, y) for h in poly[1:])
                   for poly in self.polygons)


def place(areas, x, y):
    hits = [a for a in areas if a.contains(x, y)]
    return min(hits, key=lambda a: a.area) if hits else None


def norm(text):
    text = unicodedata.normalize('NFD', text)
    return ' '.join(''.join(c for c in text if not unicodedata.category(c).startswith('M')).split()).upper()


# --- Gi*, from its definition (Getis & Ord 1992; Ord & Getis 1995), binary weights incl. self

def gi_star(sites, values, band_m):
    n = len(values)
    mean = sum(values) / n
    s = math.sqrt(max(0.0, sum(v * v for v in values) / n - mean * mean))
    lat0 = math.radians(19.35)
    r = 6371008.8
    xy = [(math.radians(lon) * r * math.cos(lat0), math.radians(lat) * r) for lon, lat in sites]
    z = []
    for i in range(n):
        w = [j for j in range(n) if (xy[i][0] - xy[j][0]) ** 2 + (xy[i][1] - xy[j][1]) ** 2 <= band_m * band_m]
        wsum, wx = len(w), sum(values[j] for j in w)
        denom = s * math.sqrt((n * wsum - wsum * wsum) / (n - 1))
        z.append((wx - mean * wsum) / denom if denom > 0 else float('nan'))
    return z


def gi_class(z):
    if math.isnan(z):
        return 0
    a = abs(z)
    k = 3 if a >= 2.576 else 2 if a >= 1.960 else 1 if a >= 1.645 else 0
    return -k if z < 0 else k


def largest_remainder(estimates):
    """Whole numbers adding up to the rounded total: floors, then the largest fractions (ties by key)."""
    whole = {k: int(math.floor(v)) for k, v in estimates.items()}
    short = int(round(sum(estimates.values()))) - sum(whole.values())
    for k in sorted(estimates, key=lambda k: (-(estimates[k] - whole[k]), k))[:short]:
        whole[k] += 1
    return whole


# --- the raw files

colonias = [Area(str(f['properties']['ID']), f['properties']['NOMUT'], f['geometry'])
            for f in json.load(raw_open('colonias_iztapalapa_iecm_hoyodecrimen.geojson'))['features']]
cuadrantes = [Area(f['properties']['nomenclatura'], f['properties']['nomenclatura'], f['geometry'],
                   f['properties']['sector'])
              for f in json.load(raw_open('cuadrantes_iztapalapa_centrogeo.geojson'))['features']]
points = list(csv.DictReader(raw_open('carpetas_iztapalapa_puntos_2024.csv')))
quarterly = list(csv.DictReader(raw_open('carpetas_iztapalapa_colonia_trimestre_delito_2019_2024.csv')))

check(len(colonias) == 293, 'raw: 293 IECM colonias', len(colonias))
check(len(cuadrantes) == 134, 'raw: 134 cuadrantes', len(cuadrantes))
check(len(points) == 27540, 'raw: 27 540 carpeta points of 2024', len(points))
check(sum(int(r['carpetas']) for r in quarterly) == 185663, 'raw: 185 663 quarterly carpetas')
year_totals = {}
for r in quarterly:
    year_totals[int(r['anio_hecho'])] = year_totals.get(int(r['anio_hecho']), 0) + int(r['carpetas'])
check(year_totals == YEAR_TOTALS, 'raw: quarterly totals per year', year_totals)

# 2024 placement: "0" is not located.
by_colonia, by_cuadrante, by_sector = {}, {}, {}
name_points = {}                      # FGJ name -> {colonia key: points}
name_cuadrante_points = {}            # FGJ name -> {cuadrante code: points}
sector_of = {q.key: q.extra for q in cuadrantes}
for p in points:
    x, y = float(p['longitud']), float(p['latitud'])
    c = place(colonias, x, y)
    q = place(cuadrantes, x, y)
    ck = c.key if c else '0'
    by_colonia[ck] = by_colonia.get(ck, 0) + 1
    qk = q.key if q else '0'
    by_cuadrante[qk] = by_cuadrante.get(qk, 0) + 1
    sk = q.extra if q else '0'
    by_sector[sk] = by_sector.get(sk, 0) + 1
    shares = name_points.setdefault(p['colonia'], {})
    shares[ck] = shares.get(ck, 0) + 1
    shares = name_cuadrante_points.setdefault(p['colonia'], {})
    shares[qk] = shares.get(qk, 0) + 1

# Names without 2024 points: the colonia of the same name (or its qualifier-free name, when
# unique), else the FGJ-name polygon of jjsantos01 whose centroid lies in a colonia, else none.
by_name = {norm(c.label): c.key for c in colonias}
stripped = {}
for c in colonias:
    if '(' in c.label:
        bare = norm(c.label.split('(')[0].replace('_', ' '))
        stripped[bare] = c.key if bare not in stripped else None
fgj_polygons = {}
for f in json.load(raw_open('colonias_cdmx_fgjnames_jjsantos01.geojson'))['features']:
    if norm(f['properties'].get('alcaldia') or '') == 'IZTAPALAPA':
        fgj_polygons.setdefault(norm(f['properties']['colonia']), Area('', '', f['geometry']))


def name_match(name):
    n = norm(name)
    if n in by_name:
        return by_name[n]
    if stripped.get(n):
        return stripped[n]
    if n in fgj_polygons:
        c = place(colonias, *fgj_polygons[n].centroid)
        if c:
            return c.key
    return None


history = {}                          # year -> colonia key -> estimated carpetas
history_cuadrante, history_sector = {}, {}
not_located_names = 0
for r in quarterly:
    year = int(r['anio_hecho'])
    if year == 2024:
        continue
    count = int(r['carpetas'])
    shares = name_points.get(r['colonia'])
    if shares is None:
        key = name_match(r['colonia'])
        shares = {key if key else '0': 1}
    n = sum(shares.values())
    h = history.setdefault(year, {})
    for key, k in shares.items():
        h[key] = h.get(key, 0.0) + count * k / n
    # Per cuadrante and sector: the name's share of points in each cuadrante; a name without
    # 2024 points has no cuadrante (not located).
    shares = name_cuadrante_points.get(r['colonia'], {'0': 1})
    n = sum(shares.values())
    hq = history_cuadrante.setdefault(year, {})
    hs = history_sector.setdefault(year, {})
    for key, k in shares.items():
        hq[key] = hq.get(key, 0.0) + count * k / n
        sk = sector_of.get(key, '0')
        hs[sk] = hs.get(sk, 0.0) + count * k / n

# --- the app, on its own freshly loaded database

tmp = tempfile.mkdtemp(prefix='usga-recompute-', dir=os.environ.get('TMPDIR'))
DB = os.path.join(tmp, 'db.sqlite3')
subprocess.run([USGA, '--db', DB, 'init'], check=True, capture_output=True)


def rows(result, by='colonia', key=None):
    return {(r[key] if key else r[by]): r['count'] for r in result['rows'] if r['count']}


app = usga('stats', '--by', 'colonia', '--from', '2024-01-01', '--to', '2024-12-31', '--format', 'json')
got = rows(app)
check(app['total'] == 27540, '2024 by colonia: total 27 540', app['total'])
check(len(got) > 200 and got == by_colonia, '2024 carpetas per colonia by point-in-polygon',
      sorted((k, got.get(k), by_colonia.get(k)) for k in set(got) | set(by_colonia) if got.get(k) != by_colonia.get(k)))
check(by_colonia.get('0', 0) > 0 and got.get('0') == by_colonia.get('0'), '2024 carpetas in no colonia (not located)',
      (got.get('0'), by_colonia.get('0')))
check('estimate_rule' not in app, '2024 colonia figures are not marked as estimates')

app = usga('stats', '--by', 'cuadrante', '--from', '2024-01-01', '--to', '2024-12-31', '--format', 'json')
got = {(r['label'] if r['cuadrante'] != '0' else '0'): r['count'] for r in app['rows'] if r['count']}
check(len(got) > 100 and got == by_cuadrante, '2024 carpetas per cuadrante by point-in-polygon',
      sorted((k, got.get(k), by_cuadrante.get(k)) for k in set(got) | set(by_cuadrante) if got.get(k) != by_cuadrante.get(k)))
check(by_cuadrante.get('0', 0) > 0 and got.get('0') == by_cuadrante.get('0'), '2024 carpetas in no cuadrante (not located)',
      (got.get('0'), by_cuadrante.get('0')))

app = usga('stats', '--by', 'sector', '--from', '2024-01-01', '--to', '2024-12-31', '--format', 'json')
got = {(r['label'] if r['sector'] != '0' else '0'): r['count'] for r in app['rows'] if r['count']}
check(len(got) > 5 and got == by_sector, '2024 carpetas per sector', (got, by_sector))

for year in range(2019, 2024):
    app = usga('stats', '--by', 'colonia', '--from', '%d-01-01' % year, '--to', '%d-12-31' % year, '--format', 'json')
    got = rows(app)
    want = {k: v for k, v in largest_remainder(history[year]).items() if v}
    check(app['total'] == YEAR_TOTALS[year], '%d by colonia: the exact published total' % year, (app['total'], YEAR_TOTALS[year]))
    check(len(got) > 250 and got == want, '%d carpetas per colonia, apportioned by 2024 point shares' % year,
          sorted((k, got.get(k), want.get(k), round(history[year].get(k, 0), 3))
                 for k in set(got) | set(want) if got.get(k) != want.get(k))[:20])
    check('2024 point shares' in app.get('estimate_rule', ''), '%d colonia figures say they are estimates' % year)

for year in (2019, 2023):
    for by, estimates, minimum in (('cuadrante', history_cuadrante, 100), ('sector', history_sector, 5)):
        app = usga('stats', '--by', by, '--from', '%d-01-01' % year, '--to', '%d-12-31' % year, '--format', 'json')
        got = {(r['label'] if r[by] != '0' else '0'): r['count'] for r in app['rows'] if r['count']}
        want = {k: v for k, v in largest_remainder(estimates[year]).items() if v}
        check(app['total'] == YEAR_TOTALS[year] and len(got) > minimum and got == want,
              '%d carpetas per %s, apportioned by 2024 point shares' % (year, by),
              (app['total'], sorted((k, got.get(k), want.get(k)) for k in set(got) | set(want) if got.get(k) != want.get(k))[:20]))
        check('2024 point shares' in app.get('estimate_rule', ''), '%d %s figures say they are estimates' % (year, by))

app = usga('stats', '--by', 'year', '--format', 'json')
got = {int(r['year']): r['count'] for r in app['rows']}
check(got.get(2019) == YEAR_TOTALS[2019] and got.get(2023) == YEAR_TOTALS[2023] and 'estimate_rule' not in app,
      'alcaldía year totals stay exact and unmarked', got)

# Gi*, 2024 and 2023 (the estimates), over every colonia (0 where it has none).
for year, counts in ((2024, by_colonia), (2023, largest_remainder(history[2023]))):
    app = usga('hotspots', '--from', '%d-01-01' % year, '--to', '%d-12-31' % year, '--format', 'json')
    got = {str(r['colonia']): r['class'] for r in app['rows']}
    z = gi_star([c.centroid for c in colonias], [counts.get(c.key, 0) for c in colonias], 1000.0)
    want = {c.key: gi_class(zi) for c, zi in zip(colonias, z)}
    hot = sum(1 for k in want.values() if k > 0)
    check(len(got) == 293 and hot > 5 and got == want, '%d Gi* classes by colonia (%d hot)' % (year, hot),
          sorted((k, got.get(k), want[k]) for k in want if got.get(k) != want[k]))
    far = max(math.hypot(r['centroid_lon'] - a.centroid[0], r['centroid_lat'] - a.centroid[1])
              for r, a in zip(sorted(app['rows'], key=lambda r: r['colonia']), sorted(colonias, key=lambda a: int(a.key))))
    check(far < 1e-7, '%d Gi* centres are the area centroids' % year, far)

print('1..%d' % len(results))
for i, (ok, name, detail) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
    if not ok:
        print('# ' + str(detail)[:4000])
sys.exit(0 if all(ok for ok, _, _ in results) else 1)

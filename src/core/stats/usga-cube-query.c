/* usga-cube-query.c — the parts of a stats query answered from the in-memory aggregate index:
 * the same rows as the SQL of usga-stats-sql.c, usga-stats.c and usga-colonia-history.c
 * (keys as text, labels, populations, the quarterly estimates' rounding), into the same sink.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "usga-colonia-history.h"
#include "usga-cube-private.h"
#include "usga-stats-private.h"

/* What a query keeps: masks over the dense indexes (the SQL's WHERE), and its grouping. */
typedef struct {
  UsgaCube *cube;
  UsgaGroupBy by;
  guint     n_groups;
  guint     n_slots;        /* n_groups, times the categories when split by category */
  gboolean  by_category;
  gboolean  hours_only;     /* the hour groups' extra WHERE: a known, real hour */
  UsgaAreaLevel level;      /* the area the filter names (alcaldía: none) */
  guint8   *delito_ok;
  guint8   *colonia_ok;
  guint8   *cuadrante_ok;
} Match;

static void
mask_categories (Match *m, const char *json, guint8 *category_ok)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, json, -1, NULL) || (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (root))
    return;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *key = json_array_get_string_element (array, i);
      for (guint c = 0; key && c < m->cube->categories->len; c++)
        if (g_str_equal (key, m->cube->categories->pdata[c]))
          category_ok[c] = 1;
    }
}

static guint
groups_of (UsgaCube *c, UsgaGroupBy by)
{
  switch (by)
    {
    case USGA_BY_MONTH:        return c->n_years * 12;
    case USGA_BY_QUARTER:      return c->n_years * 4;
    case USGA_BY_YEAR:         return c->n_years;
    case USGA_BY_COLONIA:      return c->colonias->len;
    case USGA_BY_CATEGORY:     return c->categories->len;
    case USGA_BY_DELITO:       return c->delitos->len;
    case USGA_BY_HOUR:         return 24;
    case USGA_BY_WEEKDAY:      return 8;
    case USGA_BY_HOUR_WEEKDAY: return 8 * 24;
    case USGA_BY_CUADRANTE:    return c->cuadrantes->len;
    case USGA_BY_SECTOR:       return c->sectors->len;
    case USGA_BY_NONE:
    default:                   return 1;
    }
}

static void
match_init (Match *m, UsgaCube *c, UsgaStatsQuery *q, const UsgaStatsSink *sink)
{
  g_autofree guint8 *category_ok = g_malloc (MAX (c->categories->len, 1));
  gint64 area = usga_filter_get_area_id (q->filter);
  UsgaAreaLevel level = area > 0 ? usga_filter_get_area_level (q->filter) : USGA_AREA_LEVEL_ALCALDIA;

  g_atomic_int_inc (&c->answered);
  m->cube = c;
  m->level = level;
  m->by = q->by;
  m->by_category = sink->category_index != NULL;
  m->hours_only = q->by == USGA_BY_HOUR || q->by == USGA_BY_HOUR_WEEKDAY;
  m->n_groups = MAX (groups_of (c, q->by), 1);
  m->n_slots = m->n_groups * (m->by_category ? MAX (c->categories->len, 1) : 1);

  memset (category_ok, q->categories == NULL, MAX (c->categories->len, 1));
  if (q->categories)
    mask_categories (m, q->categories, category_ok);
  m->delito_ok = g_malloc0 (c->delitos->len);
  for (guint d = 1; d < c->delitos->len; d++)   /* 0: not in the delito table, joined out */
    {
      const UsgaCubeDelito *delito = &g_array_index (c->delitos, UsgaCubeDelito, d);
      m->delito_ok[d] = category_ok[delito->category] && (q->delito == NULL || g_strcmp0 (delito->name, q->delito) == 0);
    }

  m->colonia_ok = g_malloc (c->colonias->len);
  m->cuadrante_ok = g_malloc (c->cuadrantes->len);
  memset (m->colonia_ok, level != USGA_AREA_LEVEL_COLONIA, c->colonias->len);
  memset (m->cuadrante_ok, level != USGA_AREA_LEVEL_CUADRANTE && level != USGA_AREA_LEVEL_SECTOR, c->cuadrantes->len);
  /* Index 0 is id 0 and NULL: never an area the filter names (ids > 0). */
  for (guint i = 1; level == USGA_AREA_LEVEL_COLONIA && i < c->colonias->len; i++)
    m->colonia_ok[i] = g_array_index (c->colonias, UsgaCubeArea, i).id == area;
  for (guint i = 1; level == USGA_AREA_LEVEL_CUADRANTE && i < c->cuadrantes->len; i++)
    m->cuadrante_ok[i] = g_array_index (c->cuadrantes, UsgaCubeArea, i).id == area;
  for (guint i = 1; level == USGA_AREA_LEVEL_SECTOR && i < c->cuadrantes->len; i++)
    m->cuadrante_ok[i] = g_array_index (c->cuadrantes, UsgaCubeArea, i).sector_id == area;
}

static void
match_clear (Match *m)
{
  g_free (m->delito_ok);
  g_free (m->colonia_ok);
  g_free (m->cuadrante_ok);
}

/* The group of a fact: its year and month (or quarter), delito, areas, hour and weekday. */
static guint
group_index (const Match *m, int year, int month, int quarter, guint16 delito, guint16 colonia, guint16 cuadrante,
             int weekday, int hour)
{
  const UsgaCube *c = m->cube;

  switch (m->by)
    {
    case USGA_BY_MONTH:        return (year - c->first_year) * 12 + month - 1;
    case USGA_BY_QUARTER:      return (year - c->first_year) * 4 + quarter - 1;
    case USGA_BY_YEAR:         return year - c->first_year;
    case USGA_BY_COLONIA:      return colonia;
    case USGA_BY_CATEGORY:     return g_array_index (c->delitos, UsgaCubeDelito, delito).category;
    case USGA_BY_DELITO:       return delito;
    case USGA_BY_HOUR:         return hour;
    case USGA_BY_WEEKDAY:      return weekday;
    case USGA_BY_HOUR_WEEKDAY: return weekday * 24 + hour;
    case USGA_BY_CUADRANTE:    return cuadrante;
    case USGA_BY_SECTOR:       return g_array_index (c->cuadrantes, UsgaCubeArea, cuadrante).sector;
    case USGA_BY_NONE:
    default:                   return 0;
    }
}

static guint
slot_of (const Match *m, guint16 delito, guint group)
{
  return m->by_category ? g_array_index (m->cube->delitos, UsgaCubeDelito, delito).category * m->n_groups + group : group;
}

/* The group's key as the SQL writes it, its label and population (NULL and 0 where the SQL has
 * none); @buf holds the key when it is made here. */
static const char *
group_key (const Match *m, guint g, char buf[32], const char **label, gint64 *population)
{
  const UsgaCube *c = m->cube;
  const UsgaCubeArea *a = NULL;

  *label = NULL;
  *population = 0;
  switch (m->by)
    {
    case USGA_BY_MONTH:        g_snprintf (buf, 32, "%04d-%02d", c->first_year + g / 12, g % 12 + 1); return buf;
    case USGA_BY_QUARTER:      g_snprintf (buf, 32, "%04d-Q%d", c->first_year + g / 4, g % 4 + 1); return buf;
    case USGA_BY_YEAR:         g_snprintf (buf, 32, "%04d", c->first_year + g); return buf;
    case USGA_BY_CATEGORY:     return c->categories->pdata[g];
    case USGA_BY_DELITO:       return g_array_index (c->delitos, UsgaCubeDelito, g).name;
    case USGA_BY_HOUR:         g_snprintf (buf, 32, "%u", g); return buf;
    case USGA_BY_WEEKDAY:      g_snprintf (buf, 32, "%u", g); return buf;
    case USGA_BY_HOUR_WEEKDAY: g_snprintf (buf, 32, "%u-%02u", g / 24, g % 24); return buf;
    case USGA_BY_COLONIA:      a = &g_array_index (c->colonias, UsgaCubeArea, g); break;
    case USGA_BY_CUADRANTE:    a = &g_array_index (c->cuadrantes, UsgaCubeArea, g); break;
    case USGA_BY_SECTOR:       a = &g_array_index (c->sectors, UsgaCubeArea, g); break;
    case USGA_BY_NONE:
    default:                   return "total";
    }
  *label = a->name;
  *population = a->population;
  g_snprintf (buf, 32, "%" G_GINT64_FORMAT, a->id);
  return buf;
}

static void
emit (const Match *m, guint slot, gint64 count, const char *source, const UsgaStatsSink *sink)
{
  char buf[32];
  const char *label;
  gint64 population;
  const char *key = group_key (m, slot % m->n_groups, buf, &label, &population);

  if (m->by_category)
    usga_stats_sink_add (sink, m->cube->categories->pdata[slot / m->n_groups], key, count, 0, source);
  else
    usga_stats_sink_add (sink, key, label, count, population, source);
}

gboolean
usga_cube_takes_ranges (GArray *ranges)
{
  for (guint i = 0; i < ranges->len; i++)
    {
      const UsgaDayRange *r = &g_array_index (ranges, UsgaDayRange, i);
      if (usga_cube_parse_day (r->from) < 0 || usga_cube_parse_day (r->to) < 0)
        return FALSE;
    }
  return TRUE;
}

/* A run of cells to read: positions lo..hi of a group, through @order when not NULL. */
typedef struct {
  const guint32 *order;
  gsize          lo, hi;
} Span;

static inline const UsgaCubeCell *
cell_at (const UsgaCube *c, const guint32 *order, gsize i)
{
  return &c->cells[order ? order[i] : i];
}

/* The first position in [lo, hi) whose day is past @day (@after) or not before it. */
static gsize
search_day (const UsgaCube *c, const guint32 *order, gsize lo, gsize hi, gint32 day, gboolean after)
{
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      gint32 d = cell_at (c, order, mid)->day;

      if (after ? d <= day : d < day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The cells of [from, to] the filter can want: of its area's groups when it names one, else of
 * its delitos', each group binary-searched by day. Returns the spans (free them). */
static Span *
find_spans (const Match *m, const char *from, const char *to, guint *n_spans)
{
  const UsgaCube *c = m->cube;
  const UsgaCubeBlocks *blocks = &c->by_delito;
  const guint8 *ok = m->delito_ok;
  gint32 a = from ? usga_cube_parse_day (from) : G_MININT32, b = to ? usga_cube_parse_day (to) : G_MAXINT32;
  Span *spans;

  if (m->level == USGA_AREA_LEVEL_COLONIA)
    blocks = &c->by_colonia, ok = m->colonia_ok;
  else if (m->level == USGA_AREA_LEVEL_CUADRANTE || m->level == USGA_AREA_LEVEL_SECTOR)
    blocks = &c->by_cuadrante, ok = m->cuadrante_ok;
  spans = g_new (Span, MAX (blocks->n, 1));
  *n_spans = 0;
  for (guint g = 0; g < blocks->n; g++)
    if (ok[g] && blocks->start[g] < blocks->start[g + 1])
      {
        Span *span = &spans[(*n_spans)++];

        span->order = blocks->order;
        span->lo = search_day (c, blocks->order, blocks->start[g], blocks->start[g + 1], a, FALSE);
        span->hi = search_day (c, blocks->order, span->lo, blocks->start[g + 1], b, TRUE);
      }
  return spans;
}

static gboolean
cell_matches (const Match *m, const UsgaCubeCell *cell)
{
  return m->delito_ok[cell->delito] && m->colonia_ok[cell->colonia] && m->cuadrante_ok[cell->cuadrante];
}

void
usga_cube_run_points (UsgaCube *cube, UsgaStatsQuery *q, const UsgaStatsSink *sink, gint64 *added)
{
  Match m;
  g_autofree gint64 *counts = NULL;
  g_autofree Span *spans = NULL;
  guint n_spans;

  match_init (&m, cube, q, sink);
  counts = g_new0 (gint64, m.n_slots);
  spans = find_spans (&m, q->from, q->to, &n_spans);
  for (guint s = 0; s < n_spans; s++)
    for (gsize i = spans[s].lo; i < spans[s].hi; i++)
      {
        const UsgaCubeCell *cell = cell_at (cube, spans[s].order, i);
        int day = cell->day, month = day / 100 % 100;

        if (!cell_matches (&m, cell) || (m.hours_only && (cell->hour < 0 || cell->placeholder)))
          continue;
        counts[slot_of (&m, cell->delito, group_index (&m, day / 10000, month, (month + 2) / 3, cell->delito, cell->colonia,
                                                       cell->cuadrante, cell->weekday, cell->hour))] += cell->n;
      }
  /* Cells hold n > 0: a group exists in the SQL's answer exactly when it counted something. */
  for (guint s = 0; s < m.n_slots; s++)
    if (counts[s] > 0)
      {
        emit (&m, s, counts[s], USGA_SOURCE_POINTS, sink);
        *added += counts[s];
      }
  match_clear (&m);
}

gint64
usga_cube_count_rows (UsgaCube *cube, UsgaStatsQuery *q, GArray *ranges, gboolean placeholders)
{
  UsgaStatsSink none = { 0 };
  Match m;
  gint64 n = 0;

  match_init (&m, cube, q, &none);
  for (guint r = 0; r < ranges->len; r++)
    {
      const UsgaDayRange *range = &g_array_index (ranges, UsgaDayRange, r);
      guint n_spans;
      g_autofree Span *spans = find_spans (&m, range->from, range->to, &n_spans);

      for (guint s = 0; s < n_spans; s++)
        for (gsize i = spans[s].lo; i < spans[s].hi; i++)
          {
            const UsgaCubeCell *cell = cell_at (cube, spans[s].order, i);
            if (cell_matches (&m, cell) && (!placeholders || cell->placeholder || cell->hour < 0))
              n += cell->n;
          }
    }
  match_clear (&m);
  return n;
}

typedef struct {
  guint   slot;
  gint64  nano;
  char   *key;
} Remainder;

static int
compare_remainder (gconstpointer a, gconstpointer b)
{
  const Remainder *x = a, *y = b;
  gint64 fx = x->nano % 1000000000, fy = y->nano % 1000000000;

  if (fx != fy)
    return fx < fy ? 1 : -1;
  return strcmp (x->key, y->key);
}

/* usga_colonia_history_round_sql() in C: largest remainder over the areas in nano-carpetas. */
static void
emit_largest_remainder (const Match *m, const double *sums, const guint8 *seen, const UsgaStatsSink *sink, gint64 *added)
{
  g_autoptr(GArray) areas = g_array_new (FALSE, FALSE, sizeof (Remainder));
  gint64 total = 0, wholes = 0, shortfall;

  for (guint s = 0; s < m->n_slots; s++)
    if (seen[s])
      {
        char buf[32];
        const char *label;
        gint64 population;
        Remainder r = { s, usga_history_nano (sums[s]), NULL };

        r.key = g_strdup (group_key (m, s, buf, &label, &population));
        total += r.nano;
        wholes += r.nano / 1000000000;
        g_array_append_val (areas, r);
      }
  shortfall = (total + 500000000) / 1000000000 - wholes;
  g_array_sort (areas, compare_remainder);
  for (guint i = 0; i < areas->len; i++)
    {
      Remainder *r = &g_array_index (areas, Remainder, i);
      gint64 count = r->nano / 1000000000 + ((gint64) i + 1 <= shortfall);

      emit (m, r->slot, count, USGA_SOURCE_QUARTERLY, sink);
      *added += count;
      g_free (r->key);
    }
}

/* Rows lo..hi of a split (through @order when not NULL) into the sums of their groups. */
static void
add_estimates (const Match *m, const UsgaCubeSplit *rows, const guint32 *order, gsize lo, gsize hi, const guint8 *wanted,
               double *sums, guint8 *seen)
{
  const UsgaCube *cube = m->cube;

  for (gsize i = lo; i < hi; i++)
    {
      const UsgaCubeEstimate *e = &rows->rows[order ? order[i] : i];
      int year = cube->first_year + e->quarter / 4, quarter = e->quarter % 4 + 1;
      guint slot;

      if (!wanted[e->quarter] || !m->delito_ok[e->delito] ||
          !m->colonia_ok[e->colonia] || !m->cuadrante_ok[e->cuadrante])
        continue;
      slot = slot_of (m, e->delito, group_index (m, year, quarter * 3, quarter, e->delito, e->colonia, e->cuadrante, 0, 0));
      sums[slot] += e->n;
      seen[slot] = 1;
    }
}

void
usga_cube_run_quarterly (UsgaCube *cube, UsgaStatsQuery *q, GArray *quarters, const UsgaStatsSink *sink, gint64 *added)
{
  Match m;
  UsgaHistorySplit split = usga_colonia_history_split (q->by, q->filter);
  const UsgaCubeSplit *rows = &cube->splits[split];
  const UsgaCubeBlocks *blocks = &rows->by_delito;
  const guint8 *ok;
  g_autofree double *sums = NULL;
  g_autofree guint8 *seen = NULL;
  g_autofree guint8 *wanted = g_malloc0 (MAX (cube->n_years * 4, 1));
  guint16 delitos[16];
  guint n_delitos = 0;

  match_init (&m, cube, q, sink);
  ok = m.delito_ok;
  if (m.level != USGA_AREA_LEVEL_ALCALDIA)
    {
      blocks = &rows->by_area;
      ok = split == USGA_HISTORY_PER_PAIR ? m.cuadrante_ok : m.colonia_ok;
    }
  sums = g_new0 (double, m.n_slots);
  seen = g_new0 (guint8, m.n_slots);
  /* IN (…): a quarter counts once however often it is listed */
  for (guint i = 0; i < quarters->len; i++)
    {
      int yq = g_array_index (quarters, int, i), at = (yq / 10 - cube->first_year) * 4 + yq % 10 - 1;
      if (at >= 0 && at < cube->n_years * 4)
        wanted[at] = 1;
    }
  /* With an area, only its rows (the pairs by cuadrante, the others by colonia), and of those,
   * when the filter names a few delitos, only theirs (an area's rows are ordered by delito);
   * else only the filter's delitos' rows. */
  for (guint d = 1; d < cube->delitos->len && n_delitos <= G_N_ELEMENTS (delitos); d++)
    if (m.delito_ok[d])
      {
        if (n_delitos < G_N_ELEMENTS (delitos))
          delitos[n_delitos] = d;
        n_delitos++;
      }
  for (guint g = 0; g < blocks->n; g++)
    {
      gsize lo = blocks->start[g], hi = blocks->start[g + 1];

      if (!ok[g] || lo == hi)
        continue;
      if (blocks == &rows->by_delito || n_delitos > G_N_ELEMENTS (delitos))
        add_estimates (&m, rows, blocks->order, lo, hi, wanted, sums, seen);
      else
        for (guint k = 0; k < n_delitos; k++)
          {
            gsize a = lo, b = hi, first;

            while (a < b)
              {
                gsize mid = a + (b - a) / 2;
                if (rows->rows[blocks->order ? blocks->order[mid] : mid].delito < delitos[k]) a = mid + 1; else b = mid;
              }
            for (first = a; a < hi && rows->rows[blocks->order ? blocks->order[a] : a].delito == delitos[k]; a++)
              ;
            add_estimates (&m, rows, blocks->order, first, a, wanted, sums, seen);
          }
    }
  if (!m.by_category && usga_colonia_history_per_area (q->by))
    emit_largest_remainder (&m, sums, seen, sink, added);
  else
    for (guint s = 0; s < m.n_slots; s++)
      if (seen[s])
        {
          gint64 count = usga_history_round (sums[s]);
          emit (&m, s, count, USGA_SOURCE_QUARTERLY, sink);
          *added += count;
        }
  match_clear (&m);
}

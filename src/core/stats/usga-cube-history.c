/* usga-cube-history.c — the published quarterly counts in the aggregate index, split once at
 * build time the three ways the SQL reads them (usga-colonia-history.h): as published per FGJ
 * name, by the names' shares per colonia (incident_quarterly_colonia) and per (colonia,
 * cuadrante) pair (incident_quarterly_estimate); each summed per (quarter, delito, colonia,
 * cuadrante), the only keys a query groups or filters them by.
 *
 * The sums are added in another order than the SQL's, so their last bits may differ: both
 * round them to whole nano-carpetas before any floor (usga_history_nano), so no rounding,
 * largest-remainder floor or tie depends on it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "usga-cube-private.h"

/* The split being sorted: qsort's comparators take no data, so the build sorts under a lock. */
static GMutex sort_lock;
static const UsgaCubeEstimate *sort_rows;
static gboolean sort_by_cuadrante;

static guint16
area_of (const UsgaCubeEstimate *e, gboolean by_cuadrante)
{
  return by_cuadrante ? e->cuadrante : e->colonia;
}

/* Delito, quarter, colonia, cuadrante: the key. */
static int
compare_key (const UsgaCubeEstimate *x, const UsgaCubeEstimate *y)
{
  if (x->delito != y->delito)
    return x->delito < y->delito ? -1 : 1;
  if (x->quarter != y->quarter)
    return x->quarter < y->quarter ? -1 : 1;
  if (x->colonia != y->colonia)
    return x->colonia < y->colonia ? -1 : 1;
  return x->cuadrante < y->cuadrante ? -1 : x->cuadrante > y->cuadrante;
}

/* The area first (the splits read by area), then the key. */
static int
compare_area_key (gconstpointer a, gconstpointer b)
{
  guint16 x = area_of (a, sort_by_cuadrante), y = area_of (b, sort_by_cuadrante);

  if (x != y)
    return x < y ? -1 : 1;
  return compare_key (a, b);
}

static int
compare_key_only (gconstpointer a, gconstpointer b)
{
  return compare_key (a, b);
}

/* For the second order: by delito (or area), then position, so each group stays in key order. */
static int
compare_order (gconstpointer a, gconstpointer b)
{
  guint32 i = *(const guint32 *) a, j = *(const guint32 *) b;
  guint16 x = sort_rows[i].delito, y = sort_rows[j].delito;

  if (x != y)
    return x < y ? -1 : 1;
  return i < j ? -1 : i > j;
}

/* Offsets of each of @n groups in @blocks, counted from every row's delito or area. */
static void
count_blocks (UsgaCubeBlocks *blocks, guint n, const UsgaCubeSplit *s, gboolean by_area, gboolean by_cuadrante)
{
  blocks->n = n;
  blocks->start = g_new0 (guint, n + 1);
  for (gsize i = 0; i < s->n; i++)
    blocks->start[(by_area ? area_of (&s->rows[i], by_cuadrante) : s->rows[i].delito) + 1]++;
  for (guint g = 0; g < n; g++)
    blocks->start[g + 1] += blocks->start[g];
}

/* One published count's contributions: split by its name's shares, or, for a name without
 * shares, whole in its own colonia (the views' UNION ALL branch). */
static void
contribute (GArray *out, const UsgaCube *c, UsgaHistorySplit split, const UsgaCubeQuarterly *row, const guint *start,
            const UsgaCubeShare *shares)
{
  /* As published, only the quarter and delito can matter: that split is used at alcaldía level
   * and never by area (usga_colonia_history_split), so the names' rows sum per delito. */
  UsgaCubeEstimate e = { row->delito, (row->yq / 10 - c->first_year) * 4 + row->yq % 10 - 1,
                         split == USGA_HISTORY_EXACT ? 0 : row->colonia, 0, (double) row->count };

  if (split != USGA_HISTORY_EXACT && start[row->raw + 1] > start[row->raw])
    for (guint i = start[row->raw]; i < start[row->raw + 1]; i++)
      {
        e.colonia = shares[i].colonia;
        e.cuadrante = shares[i].cuadrante;
        e.n = row->count * shares[i].share;   /* as the views compute it: count × share */
        g_array_append_val (out, e);
      }
  else
    g_array_append_val (out, e);
}

static void
build_split (UsgaCube *c, UsgaHistorySplit split)
{
  UsgaCubeSplit *s = &c->splits[split];
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (UsgaCubeEstimate));
  gboolean by_cuadrante = split == USGA_HISTORY_PER_PAIR, area_first = split != USGA_HISTORY_EXACT;
  const guint *start = by_cuadrante ? c->pair_start : c->colonia_start;
  const UsgaCubeShare *shares = by_cuadrante ? c->pairs : c->colonia_shares;
  guint n_areas = by_cuadrante ? c->cuadrantes->len : c->colonias->len;
  gsize kept = 0;

  for (gsize i = 0; i < c->n_quarterly; i++)
    contribute (all, c, split, &c->quarterly[i], start, shares);
  g_mutex_lock (&sort_lock);
  sort_by_cuadrante = by_cuadrante;
  qsort (all->data, all->len, sizeof (UsgaCubeEstimate), area_first ? compare_area_key : compare_key_only);
  /* Equal keys summed: a zero count still makes its key exist, as a group of the SQL. */
  for (guint i = 0; i < all->len; i++)
    {
      UsgaCubeEstimate *e = &g_array_index (all, UsgaCubeEstimate, i);

      if (kept > 0 && compare_key (&g_array_index (all, UsgaCubeEstimate, kept - 1), e) == 0)
        g_array_index (all, UsgaCubeEstimate, kept - 1).n += e->n;
      else
        g_array_index (all, UsgaCubeEstimate, kept++) = *e;
    }
  g_array_set_size (all, kept);
  s->n = kept;
  s->by_cuadrante = by_cuadrante;
  s->rows = (UsgaCubeEstimate *) g_array_free (g_steal_pointer (&all), FALSE);
  /* Rows grouped by delito and by area (colonia, or cuadrante for the pairs), each group in key
   * order: the one the rows are sorted by directly, the other through a second order. */
  count_blocks (&s->by_delito, c->delitos->len, s, FALSE, by_cuadrante);
  count_blocks (&s->by_area, n_areas, s, TRUE, by_cuadrante);
  if (area_first)
    {
      UsgaCubeBlocks *other = &s->by_delito;

      other->order = g_new (guint32, MAX (s->n, 1));
      for (gsize i = 0; i < s->n; i++)
        other->order[i] = i;
      sort_rows = s->rows;
      qsort (other->order, s->n, sizeof (guint32), compare_order);
    }
  g_mutex_unlock (&sort_lock);
}

void
usga_cube_index_history (UsgaCube *c)
{
  for (UsgaHistorySplit split = USGA_HISTORY_EXACT; split <= USGA_HISTORY_PER_PAIR; split++)
    build_split (c, split);
  /* What they were made from is not needed any more. */
  g_clear_pointer (&c->quarterly, g_free);
  g_clear_pointer (&c->pair_start, g_free);
  g_clear_pointer (&c->pairs, g_free);
  g_clear_pointer (&c->colonia_start, g_free);
  g_clear_pointer (&c->colonia_shares, g_free);
}

void
usga_cube_history_clear (UsgaCube *c)
{
  for (guint i = 0; i < G_N_ELEMENTS (c->splits); i++)
    {
      g_free (c->splits[i].rows);
      g_free (c->splits[i].by_delito.start);
      g_free (c->splits[i].by_delito.order);
      g_free (c->splits[i].by_area.start);
    }
}

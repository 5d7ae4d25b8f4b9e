/* usga-placement.c — what the method notes say about placing carpetas in areas.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "usga-placement.h"

gint64
usga_placement_not_located (const UsgaStats *stats)
{
  if (stats->by != USGA_BY_COLONIA && stats->by != USGA_BY_CUADRANTE && stats->by != USGA_BY_SECTOR)
    return -1;
  for (guint i = 0; i < stats->rows->len; i++)
    {
      const UsgaStatRow *row = g_ptr_array_index (stats->rows, i);

      if (g_strcmp0 (row->key, "0") == 0)
        return row->count;
    }
  return 0;
}

gint64
usga_placement_count_not_located (UsgaDb *db, UsgaFilter *filter, UsgaAreaLevel level, GError **error)
{
  UsgaGroupBy by = level == USGA_AREA_LEVEL_COLONIA ? USGA_BY_COLONIA : USGA_BY_CUADRANTE;
  g_autoptr(UsgaStats) stats = usga_stats_query (db, filter, by, error);

  return stats ? usga_placement_not_located (stats) : -1;
}

const char *
usga_placement_rule (void)
{
  return _("A carpeta belongs to the colonia and the cuadrante whose polygon contains its point "
           "(the smallest where polygons overlap); a carpeta in none, or without coordinates, is "
           "counted as not located, never placed by the colonia name the FGJ gives it.");
}

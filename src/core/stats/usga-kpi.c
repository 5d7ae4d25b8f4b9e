/* usga-kpi.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "usga-categories.h"
#include "usga-kpi.h"

static const char *const kpi_keys[] = {
  "domestic_violence", "sexual", "femicide", "homicide", "robbery_pedestrian",
  "robbery_public_transport", "robbery_vehicle", "robbery_business", "drug_dealing", NULL,
};

const char *const *
usga_kpi_keys (void)
{
  return kpi_keys;
}

guint
usga_kpi_count (void)
{
  return G_N_ELEMENTS (kpi_keys) - 1;
}

gint64
usga_kpi_count_in (UsgaStats *stats, const char *key)
{
  g_auto(GStrv) members = NULL;
  gint64 total = 0;

  if (stats == NULL)
    return 0;
  if (key == NULL)
    return stats->total;
  members = usga_category_expand (key);
  for (guint i = 0; i < stats->rows->len; i++)
    {
      UsgaStatRow *row = g_ptr_array_index (stats->rows, i);
      if (g_strv_contains ((const char *const *) members, row->key))
        total += row->count;
    }
  return total;
}

/* usga-stats-write.c — writing a stats result as CSV or JSON.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "usga-csv.h"
#include "usga-json-write.h"
#include "usga-stats.h"

gboolean
usga_stats_write (UsgaStats *stats, gboolean json, gboolean with_rates, GOutputStream *out, GError **error)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *group = usga_group_by_to_string (stats->by);
  gboolean has_label = stats->by == USGA_BY_COLONIA || stats->by == USGA_BY_CATEGORY ||
                       stats->by == USGA_BY_WEEKDAY || stats->by == USGA_BY_CUADRANTE ||
                       stats->by == USGA_BY_SECTOR;

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "by");
      json_builder_add_string_value (b, group);
      json_builder_set_member_name (b, "total");
      json_builder_add_int_value (b, stats->total);
      if (stats->estimate_rule)
        {
          json_builder_set_member_name (b, "estimate_rule");
          json_builder_add_string_value (b, stats->estimate_rule);
        }
      if (stats->by == USGA_BY_HOUR || stats->by == USGA_BY_HOUR_WEEKDAY)
        {
          json_builder_set_member_name (b, "excluded_placeholder_time");
          json_builder_add_int_value (b, stats->excluded_placeholder);
        }
      json_builder_set_member_name (b, "method");
      usga_stats_add_method_json (stats, b);
      json_builder_set_member_name (b, "rows");
      json_builder_begin_array (b);
      for (guint i = 0; i < stats->rows->len; i++)
        {
          UsgaStatRow *row = g_ptr_array_index (stats->rows, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, group);
          json_builder_add_string_value (b, row->key);
          if (has_label)
            {
              json_builder_set_member_name (b, "label");
              json_builder_add_string_value (b, row->label);
            }
          json_builder_set_member_name (b, "count");
          json_builder_add_int_value (b, row->count);
          if (with_rates)
            {
              json_builder_set_member_name (b, "population");
              json_builder_add_int_value (b, row->population);
              usga_json_add_rounded (b, "rate_per_100k", row->rate, 100);
            }
          json_builder_set_member_name (b, "source");
          json_builder_add_string_value (b, row->source);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      usga_json_append_pretty (s, b);
    }
  else
    {
      g_string_append (s, group);
      if (has_label)
        g_string_append (s, ",label");
      g_string_append (s, ",count");
      if (with_rates)
        g_string_append (s, ",population,rate_per_100k");
      g_string_append (s, ",source\n");
      for (guint i = 0; i < stats->rows->len; i++)
        {
          UsgaStatRow *row = g_ptr_array_index (stats->rows, i);
          usga_csv_append_field (s, row->key);
          if (has_label)
            {
              g_string_append_c (s, ',');
              usga_csv_append_field (s, row->label);
            }
          g_string_append_printf (s, ",%" G_GINT64_FORMAT, row->count);
          if (with_rates)
            {
              char rate[G_ASCII_DTOSTR_BUF_SIZE] = "";
              if (!isnan (row->rate))
                g_ascii_formatd (rate, sizeof rate, "%.2f", row->rate);
              g_string_append_printf (s, ",%" G_GINT64_FORMAT ",%s", row->population, rate);
            }
          g_string_append_printf (s, ",%s\n", row->source);
        }
    }
  return g_output_stream_write_all (out, s->str, s->len, NULL, NULL, error);
}

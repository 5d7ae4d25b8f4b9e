/* usga-stats-write.c — writing a stats result as CSV or JSON, alone or compared with the same
 * period a year earlier: one writer, so both tables keep the same keys, sources and rounding.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "usga-csv.h"
#include "usga-json-write.h"
#include "usga-series.h"
#include "usga-stats.h"

typedef struct {
  UsgaStats  *stats;
  UsgaStats  *previous;    /* the same period a year earlier, or NULL: no comparison */
  const char *compared;    /* what is compared, in words, or NULL */
  gboolean    with_rates;  /* population and rate per 100 000 (not with a comparison) */
  gboolean    has_label;   /* a label beside the key (not with a comparison) */
} Table;

/* The count a year earlier (-1 when none) and the change in percent (NaN when none). */
static gint64
previous_of (const Table *t, const UsgaStatRow *row, double *change)
{
  gint64 before = usga_stats_previous_count (t->previous, t->stats->by, row->key);

  *change = before < 0 ? NAN : usga_percent_change (before, row->count);
  return before;
}

static void
write_json (const Table *t, const char *group, GString *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  UsgaStats *stats = t->stats;

  json_builder_begin_object (b);
  usga_json_add_string (b, "by", group);
  if (t->previous)
    usga_json_add_string (b, "compare", "previous-year");
  usga_json_add_int (b, "total", stats->total);
  if (t->previous)
    {
      usga_json_add_int (b, "previous_total", t->previous->total);
      if (t->compared)
        usga_json_add_string (b, "compared", t->compared);
    }
  else
    {
      if (stats->estimate_rule)
        usga_json_add_string (b, "estimate_rule", stats->estimate_rule);
      if (stats->by == USGA_BY_HOUR || stats->by == USGA_BY_HOUR_WEEKDAY)
        usga_json_add_int (b, "excluded_placeholder_time", stats->excluded_placeholder);
    }
  json_builder_set_member_name (b, "method");
  usga_stats_add_method_json (stats, b);
  if (t->previous)
    {
      json_builder_set_member_name (b, "previous_method");
      usga_stats_add_method_json (t->previous, b);
    }
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint i = 0; i < stats->rows->len; i++)
    {
      UsgaStatRow *row = g_ptr_array_index (stats->rows, i);

      json_builder_begin_object (b);
      usga_json_add_string (b, group, row->key);
      if (t->has_label)
        usga_json_add_string (b, "label", row->label);
      usga_json_add_int (b, "count", row->count);
      if (t->previous)
        {
          double change;
          gint64 before = previous_of (t, row, &change);

          json_builder_set_member_name (b, "previous_count");
          if (before < 0)
            json_builder_add_null_value (b);
          else
            json_builder_add_int_value (b, before);
          usga_json_add_rounded (b, "change_pct", change, 10);
        }
      if (t->with_rates)
        {
          usga_json_add_int (b, "population", row->population);
          usga_json_add_rounded (b, "rate_per_100k", row->rate, 100);
        }
      usga_json_add_string (b, "source", row->source);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  usga_json_append_pretty (s, b);
}

static void
write_csv (const Table *t, const char *group, GString *s)
{
  g_string_append (s, group);
  if (t->has_label)
    g_string_append (s, ",label");
  g_string_append (s, ",count");
  if (t->previous)
    g_string_append (s, ",previous_count,change_pct");
  if (t->with_rates)
    g_string_append (s, ",population,rate_per_100k");
  g_string_append (s, ",source\n");
  for (guint i = 0; i < t->stats->rows->len; i++)
    {
      UsgaStatRow *row = g_ptr_array_index (t->stats->rows, i);

      usga_csv_append_field (s, row->key);
      if (t->has_label)
        {
          g_string_append_c (s, ',');
          usga_csv_append_field (s, row->label);
        }
      g_string_append_printf (s, ",%" G_GINT64_FORMAT, row->count);
      if (t->previous)
        {
          double change;
          gint64 before = previous_of (t, row, &change);
          char change_text[G_ASCII_DTOSTR_BUF_SIZE] = "";

          if (!isnan (change))
            g_ascii_formatd (change_text, sizeof change_text, "%.1f", change);
          g_string_append_c (s, ',');
          if (before >= 0)
            g_string_append_printf (s, "%" G_GINT64_FORMAT, before);
          g_string_append_printf (s, ",%s", change_text);
        }
      if (t->with_rates)
        {
          char rate[G_ASCII_DTOSTR_BUF_SIZE] = "";

          if (!isnan (row->rate))
            g_ascii_formatd (rate, sizeof rate, "%.2f", row->rate);
          g_string_append_printf (s, ",%" G_GINT64_FORMAT ",%s", row->population, rate);
        }
      g_string_append_printf (s, ",%s\n", row->source);
    }
}

static gboolean
write_table (const Table *t, gboolean json, GOutputStream *out, GError **error)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *group = usga_group_by_to_string (t->stats->by);

  if (json)
    write_json (t, group, s);
  else
    write_csv (t, group, s);
  return g_output_stream_write_all (out, s->str, s->len, NULL, NULL, error);
}

gboolean
usga_stats_write (UsgaStats *stats, gboolean json, gboolean with_rates, GOutputStream *out, GError **error)
{
  UsgaGroupBy by = stats->by;
  Table t = { stats, NULL, NULL, with_rates,
              by == USGA_BY_COLONIA || by == USGA_BY_CATEGORY || by == USGA_BY_WEEKDAY ||
              by == USGA_BY_CUADRANTE || by == USGA_BY_SECTOR };

  return write_table (&t, json, out, error);
}

gboolean
usga_stats_write_comparison (UsgaStats *stats, UsgaStats *previous, gboolean json,
                             GOutputStream *out, GError **error)
{
  Table t = { stats, previous, NULL, FALSE, FALSE };

  return write_table (&t, json, out, error);
}

gboolean
usga_comparison_write (UsgaComparison *comparison, gboolean json, GOutputStream *out, GError **error)
{
  Table t = { comparison->now, comparison->before, comparison->label, FALSE, FALSE };

  return write_table (&t, json, out, error);
}

/* usga-stats-method.c — what a figure means, built once for the GUI's "i" popovers, `usga
 * stats` and the briefing's footnotes; and year-over-year windows that compare like with like.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "usga-categories.h"
#include "usga-datasets.h"
#include "usga-format.h"
#include "usga-json-write.h"
#include "usga-periods.h"
#include "usga-placement.h"
#include "usga-stats.h"

static gboolean
is_quarter_start (const char *day)
{
  char first[11], last[11];

  return day && usga_quarter_bounds (day, first, last) && g_str_equal (day, first);
}

static gboolean
is_quarter_end (const char *day)
{
  char first[11], last[11];

  return day && usga_quarter_bounds (day, first, last) && g_str_equal (day, last);
}

char *
usga_stats_period_name (const char *from, const char *to)
{
  if (is_quarter_start (from) && is_quarter_end (to) && strcmp (from, to) < 0)
    {
      int y = atoi (from), q = (atoi (from + 5) + 2) / 3;
      int y1 = atoi (to), q1 = (atoi (to + 5) + 2) / 3;

      if (y == y1 && q == 1 && q1 == 4)
        return g_strdup_printf ("%04d", y);
      if (y == y1 && q == q1)
        return g_strdup_printf ("%04d-Q%d", y, q);
      if (y == y1)
        return g_strdup_printf ("%04d-Q%d–Q%d", y, q, q1);
      if (q == 1 && q1 == 4)
        return g_strdup_printf ("%04d–%04d", y, y1);
      return g_strdup_printf ("%04d-Q%d–%04d-Q%d", y, q, y1, q1);
    }
  return g_strdup_printf ("%s – %s", from ? from : _("first record"), to ? to : _("last record"));
}

/* "2023-Q1, 2023-Q2" */
static char *
join_quarters (GStrv quarters)
{
  return g_strjoinv (", ", quarters);
}

/* "2023" or "2022 and 2023": the years of @quarters. */
static char *
years_of (GStrv quarters)
{
  GString *s = g_string_new (NULL);
  int last = 0;

  for (guint i = 0; quarters && quarters[i]; i++)
    {
      int y = atoi (quarters[i]);
      if (y == last)
        continue;
      if (s->len)
        g_string_append (s, ", ");
      g_string_append_printf (s, "%04d", y);
      last = y;
    }
  return g_string_free (s, FALSE);
}

static void
append_source (GString *s, UsgaDb *db, const char *dataset, const char *format)
{
  g_autofree char *source = NULL;
  g_autofree char *vintage = NULL;

  if (usga_dataset_source (db, dataset, &source, &vintage))
    {
      g_string_append_printf (s, format, source ? source : "—", vintage ? vintage : "—");
      g_string_append_c (s, ' ');
    }
}

char *
usga_stats_describe_method (UsgaDb *db, UsgaFilter *filter, UsgaStats *stats)
{
  GString *s = g_string_new (NULL);
  gboolean days = stats->resolution == USGA_RESOLUTION_DAY || stats->resolution == USGA_RESOLUTION_MIXED;
  gboolean whole = stats->resolution == USGA_RESOLUTION_QUARTER || stats->resolution == USGA_RESOLUTION_MIXED;
  const char *const *categories = usga_filter_get_categories (filter);
  gboolean all = (categories == NULL || categories[0] == NULL) && usga_filter_get_delito (filter) == NULL;

  /* Source and vintage. */
  if (days || stats->partial_rows > 0)
    append_source (s, db, "carpetas", _("Source: %s (vintage %s)."));
  if (whole)
    append_source (s, db, "carpetas_quarterly", _("Published quarterly counts: %s (vintage %s)."));

  /* The period rule as applied. */
  switch (stats->resolution)
    {
    case USGA_RESOLUTION_NONE:
      g_string_append (s, _("Nothing in the database covers this period."));
      break;
    case USGA_RESOLUTION_DAY:
      g_string_append_printf (s, _("Exact: counted by day from one row per carpeta, %s to %s."),
                              stats->counted_from, stats->counted_to);
      break;
    case USGA_RESOLUTION_QUARTER:
      {
        g_autofree char *name = usga_stats_period_name (stats->counted_from, stats->counted_to);
        g_string_append_printf (s, _("Counted in whole quarters (%s) from the published quarterly counts, which have no days or months."),
                                name);
      }
      break;
    case USGA_RESOLUTION_MIXED:
      {
        g_autofree char *quarters = join_quarters (stats->quarterly_quarters);
        g_string_append_printf (s, _("Days with a complete record of carpetas are counted by day; %s come whole from the published quarterly counts."),
                                quarters);
      }
      break;
    }
  if (stats->snapped_quarters && stats->snapped_quarters[0])
    {
      g_autofree char *quarters = join_quarters (stats->snapped_quarters);
      g_autofree char *years = years_of (stats->snapped_quarters);
      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("Counts for %s whole; the data for %s is quarterly, so the period was widened to whole quarters."),
                              quarters, years);
    }
  if (stats->unanswered_quarters && stats->unanswered_quarters[0])
    {
      g_autofree char *quarters = join_quarters (stats->unanswered_quarters);
      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("Not shown: %s, where the data is quarterly and cannot give this breakdown or area."), quarters);
    }
  if (stats->rows_not_counted > 0)
    {
      g_autofree char *n = usga_format_count (stats->rows_not_counted);
      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("%s carpeta rows in those quarters are not counted: they are not a complete record there, and the published counts answer."), n);
    }
  if (stats->partial_rows > 0)
    {
      g_autofree char *n = usga_format_count (stats->partial_rows);
      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("Partial: %s carpetas counted on days without a complete record (an incomplete sync or a small import); the source may hold more."), n);
    }
  if (stats->history_unavailable)
    {
      g_string_append_c (s, ' ');
      g_string_append (s, _("The published quarterly counts have no cuadrantes or sectors: quarters without carpeta rows are not counted for this area."));
    }

  /* Per colonia, cuadrante or sector: how carpetas are placed, and the apportioned quarterly
   * estimates (geo). */
  if (stats->by == USGA_BY_COLONIA || stats->by == USGA_BY_CUADRANTE || stats->by == USGA_BY_SECTOR)
    {
      g_string_append_c (s, ' ');
      g_string_append (s, usga_placement_rule ());
    }
  if (stats->estimate_rule)
    {
      g_string_append_c (s, ' ');
      g_string_append (s, stats->estimate_rule);
    }

  /* What is left out or included. */
  g_string_append_c (s, ' ');
  if (usga_filter_get_exclude_non_crimes (filter))
    g_string_append (s, _("Hechos no delictivos (files that record no crime) are left out."));
  else if (all && stats->non_criminal >= 0)
    {
      g_autofree char *n = usga_format_count (stats->non_criminal);
      g_string_append_printf (s, _("All carpetas include %s hechos no delictivos (files that record no crime)."), n);
    }
  else if (all)
    g_string_append (s, _("All carpetas include hechos no delictivos (files that record no crime)."));
  else
    g_string_append (s, _("Only the chosen crimes are counted."));
  if (stats->not_located > 0)
    {
      g_autofree char *n = usga_format_count (stats->not_located);
      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("%s carpetas are not located in any colonia: they count in the total, not in a colonia."), n);
    }
  if (stats->by == USGA_BY_HOUR || stats->by == USGA_BY_HOUR_WEEKDAY)
    {
      g_autofree char *n = usga_format_count (stats->excluded_placeholder);
      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("%s carpetas with FGJ’s 00:00 placeholder time (unknown hour) are left out."), n);
    }
  return g_string_free (s, FALSE);
}

void
usga_comparison_free (UsgaComparison *c)
{
  if (c == NULL)
    return;
  g_clear_pointer (&c->now, usga_stats_free);
  g_clear_pointer (&c->before, usga_stats_free);
  g_clear_object (&c->now_filter);
  g_clear_object (&c->before_filter);
  g_free (c->label);
  g_free (c);
}

/* TRUE when counting @filter needs whole published quarters the window cuts. */
static gboolean
needs_snapping (UsgaDb *db, UsgaFilter *filter, gboolean *failed, GError **error)
{
  g_autoptr(UsgaPeriodPlan) plan = usga_period_plan_new (db, usga_filter_get_date_from (filter),
                                                          usga_filter_get_date_to (filter), TRUE, error);
  if (plan == NULL)
    {
      *failed = TRUE;
      return FALSE;
    }
  return plan->snapped->len > 0;
}

UsgaComparison *
usga_stats_compare_years (UsgaDb *db, UsgaFilter *filter, UsgaGroupBy by, GError **error)
{
  g_autoptr(UsgaComparison) c = g_new0 (UsgaComparison, 1);
  gboolean failed = FALSE;
  const char *from, *to, *before_from, *before_to;

  c->now_filter = usga_filter_copy (filter);
  /* "From the first record" shifted a year is still "from the first record": the two sides
   * would overlap or differ in length. Count now, compare nothing, and say so. */
  if (usga_filter_get_date_from (filter) == NULL || usga_filter_get_date_to (filter) == NULL)
    {
      c->open_ended = TRUE;
      c->label = g_strdup (_("no year-over-year change: the period is open-ended (from the first record or to the "
                             "last); choose a start and an end date to compare"));
      if ((c->now = usga_stats_query (db, c->now_filter, by, error)) == NULL)
        return NULL;
      return g_steal_pointer (&c);
    }
  c->before_filter = usga_filter_shift_years (filter, -1);
  /* Like with like: if either side must be counted in whole quarters, both are. */
  c->snapped = needs_snapping (db, c->now_filter, &failed, error) ||
               (!failed && needs_snapping (db, c->before_filter, &failed, error));
  if (failed)
    return NULL;
  if (c->snapped)
    {
      char first[11] = "", last[11] = "", ignore[11];
      const char *f = usga_filter_get_date_from (filter), *t = usga_filter_get_date_to (filter);

      if (f)
        usga_quarter_bounds (f, first, ignore);
      if (t)
        usga_quarter_bounds (t, ignore, last);
      usga_filter_set_period (c->now_filter, f ? first : NULL, t ? last : NULL);
      g_clear_object (&c->before_filter);
      c->before_filter = usga_filter_shift_years (c->now_filter, -1);
    }
  c->same_dates = !c->snapped;

  if ((c->now = usga_stats_query (db, c->now_filter, by, error)) == NULL ||
      (c->before = usga_stats_query (db, c->before_filter, by, error)) == NULL)
    return NULL;

  from = usga_filter_get_date_from (c->now_filter);
  to = usga_filter_get_date_to (c->now_filter);
  before_from = usga_filter_get_date_from (c->before_filter);
  before_to = usga_filter_get_date_to (c->before_filter);
  {
    g_autofree char *now_name = usga_stats_period_name (from, to);
    g_autofree char *before_name = usga_stats_period_name (before_from, before_to);

    if (c->snapped)
      c->label = g_strdup_printf (_("%s vs %s, whole quarters"), now_name, before_name);
    else if (is_quarter_start (from) && is_quarter_end (to))
      c->label = g_strdup_printf (_("%s vs %s"), now_name, before_name);
    else
      c->label = g_strdup_printf (_("%s vs the same dates one year earlier (%s)"), now_name, before_name);
  }
  return g_steal_pointer (&c);
}

static void
add_strv (JsonBuilder *b, const char *name, GStrv values)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; values && values[i]; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

void
usga_stats_add_method_json (UsgaStats *stats, gpointer json_builder)
{
  static const char *const resolutions[] = { "none", "day", "quarter", "day+quarter" };
  JsonBuilder *b = json_builder;

  json_builder_begin_object (b);
  usga_json_add_string_or_null (b, "resolution", resolutions[stats->resolution]);
  usga_json_add_string_or_null (b, "counted_from", stats->counted_from);
  usga_json_add_string_or_null (b, "counted_to", stats->counted_to);
  add_strv (b, "quarterly_quarters", stats->quarterly_quarters);
  add_strv (b, "snapped_quarters", stats->snapped_quarters);
  add_strv (b, "unanswered_quarters", stats->unanswered_quarters);
  json_builder_set_member_name (b, "rows_not_counted");
  json_builder_add_int_value (b, stats->rows_not_counted);
  json_builder_set_member_name (b, "partial_rows");
  json_builder_add_int_value (b, stats->partial_rows);
  if (stats->non_criminal >= 0)
    {
      json_builder_set_member_name (b, "non_criminal");
      json_builder_add_int_value (b, stats->non_criminal);
    }
  usga_json_add_string_or_null (b, "text", stats->method);
  json_builder_end_object (b);
}

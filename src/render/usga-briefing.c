/* usga-briefing.c — gathering a briefing: its figures, charts, map classes, tracker and sources.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "usga-briefing-private.h"
#include "usga-palette.h"
#include "usga-chart-build.h"
#include "usga-hotspots.h"
#include "usga-tracker.h"

void
usga_briefing_free (UsgaBriefing *b)
{
  if (b == NULL)
    return;
  g_free (b->filters_text);
  g_free (b->footer);
  g_free (b->generated);
  g_free (b->period_text);
  g_free (b->compare_label);
  g_free (b->before_period);
  g_free (b->counted_from);
  g_free (b->counted_to);
  for (guint i = 0; i < USGA_N_PAGES; i++)
    g_free (b->notes[i]);
  for (guint i = 0; i < USGA_BRIEFING_N_KPIS; i++)
    g_free (b->kpis[i].name);
  g_clear_pointer (&b->trend, usga_chart_model_free);
  g_clear_pointer (&b->ranking, usga_chart_model_free);
  g_clear_pointer (&b->hotspots, usga_hotspots_free);
  g_clear_pointer (&b->klass_by_colonia, g_hash_table_unref);
  g_clear_pointer (&b->shapes, g_ptr_array_unref);
  g_clear_pointer (&b->outline, usga_geometry_free);
  g_clear_pointer (&b->utopias, g_array_unref);
  g_clear_pointer (&b->progress, g_ptr_array_unref);
  g_clear_pointer (&b->overdue, g_ptr_array_unref);
  g_clear_pointer (&b->datasets, g_ptr_array_unref);
  g_free (b);
}

const char *
usga_briefing_slide_title (UsgaSlide slide)
{
  switch (slide)
    {
    case USGA_SLIDE_KPIS:     return _("Headline Indicators");
    case USGA_SLIDE_TREND:    return _("Trend");
    case USGA_SLIDE_HOTSPOTS: return _("Hot Spots");
    case USGA_SLIDE_TRACKER:  return _("Recommendations Progress");
    case USGA_N_SLIDES:
    default:                  return "";
    }
}

const char *
usga_briefing_slide_method (UsgaBriefing *b, UsgaSlide slide)
{
  static const UsgaBriefingPage pages[USGA_N_SLIDES] = {
    [USGA_SLIDE_KPIS] = USGA_PAGE_KPIS, [USGA_SLIDE_TREND] = USGA_PAGE_TRENDS,
    [USGA_SLIDE_HOTSPOTS] = USGA_PAGE_MAP, [USGA_SLIDE_TRACKER] = USGA_PAGE_TRACKER,
  };

  g_return_val_if_fail (slide < USGA_N_SLIDES, NULL);
  return b->notes[pages[slide]];
}

/* --- gathering ---------------------------------------------------------- */

static gboolean
collect_kpis (UsgaBriefing *b, UsgaDb *db, UsgaFilter *filter, GError **error)
{
  g_autoptr(UsgaFilter) all = usga_filter_copy (filter);
  g_autoptr(UsgaComparison) c = NULL;
  UsgaStats *now, *then;
  const char *const *keys = usga_kpi_keys ();

  /* Like the Overview: every headline category, whatever the crime filter says; both years
   * counted by the same rule (whole quarters on both sides when either needs them). */
  usga_filter_set_categories (all, NULL);
  usga_filter_set_delito (all, NULL);
  if ((c = usga_stats_compare_years (db, all, USGA_BY_CATEGORY, error)) == NULL)
    return FALSE;
  now = c->now;
  then = c->before;
  b->compare_label = g_strdup (c->label);
  b->counted_from = g_strdup (now->counted_from);
  b->counted_to = g_strdup (now->counted_to);
  /* An open-ended period compares nothing (then is NULL): the cards say so, not "= 0 %". */
  b->no_change = c->open_ended;
  if (then)
    {
      b->before_period = usga_stats_period_name (usga_filter_get_date_from (c->before_filter),
                                                 usga_filter_get_date_to (c->before_filter));
      b->notes[USGA_PAGE_KPIS] = g_strdup_printf (_("Change: %s. Now: %s A year earlier: %s"),
                                                  c->label, now->method, then->method);
    }
  else
    b->notes[USGA_PAGE_KPIS] = g_strdup_printf (_("Change: %s. Now: %s"), c->label, now->method);

  if (usga_filter_get_exclude_non_crimes (all))
    b->kpis[0].name = g_strdup (_("All carpetas except hechos no delictivos"));
  else
    {
      g_autofree char *n = usga_format_count (now->non_criminal);
      /* Short enough for a card; the footnote says what they are. */
      b->kpis[0].name = g_strdup_printf (_("All carpetas, incl. %s non-crimes"), n);
    }
  b->kpis[0].now = now->total;
  b->kpis[0].before = usga_kpi_count_in (then, NULL);
  for (guint i = 1; i < USGA_BRIEFING_N_KPIS && keys[i - 1]; i++)
    {
      b->kpis[i].name = g_strdup (usga_category_name (keys[i - 1]));
      b->kpis[i].now = usga_kpi_count_in (now, keys[i - 1]);
      b->kpis[i].before = usga_kpi_count_in (then, keys[i - 1]);
    }
  return TRUE;
}

static gboolean
collect_map (UsgaBriefing *b, UsgaDb *db, UsgaFilter *filter, GError **error)
{
  sqlite3_stmt *stmt;

  b->hotspots = usga_hotspots_compute (db, filter, USGA_BRIEFING_BAND_M, error);
  if (b->hotspots == NULL)
    return FALSE;
  {
    g_autoptr(UsgaStats) colonias = usga_stats_query (db, filter, USGA_BY_COLONIA, error);

    if (colonias == NULL)
      return FALSE;
    b->notes[USGA_PAGE_MAP] = g_strdup_printf (_("Colonia counts for Gi*: %s"), colonias->method);
  }
  b->klass_by_colonia = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < b->hotspots->sites->len; i++)
    {
      UsgaHotspot *h = g_ptr_array_index (b->hotspots->sites, i);
      g_hash_table_insert (b->klass_by_colonia, &h->colonia_id, GINT_TO_POINTER (h->klass + 10));
    }

  b->shapes = usga_areas_load (db, USGA_AREA_COLONIA, USGA_AREAS_GEOMETRY, error);
  if (b->shapes == NULL)
    return FALSE;

  stmt = usga_db_prepare (db, "SELECT geometry FROM alcaldia WHERE cvegeo = '09007'", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    b->outline = usga_geometry_new_from_string ((const char *) sqlite3_column_text (stmt, 0), NULL);
  sqlite3_reset (stmt);

  b->utopias = g_array_new (FALSE, FALSE, sizeof (UsgaLonLat));
  stmt = usga_db_prepare (db, "SELECT lon, lat FROM utopia", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      UsgaLonLat p = { sqlite3_column_double (stmt, 0), sqlite3_column_double (stmt, 1) };
      g_array_append_val (b->utopias, p);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static char *
long_date (const char *iso)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
    return g_strdup (iso ? iso : "—");
  dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  /* Translators: a date in a briefing, e.g. "21 November 2026"; see strftime(3). */
  return g_date_time_format (dt, _("%-d %B %Y"));
}

UsgaBriefing *
usga_briefing_new (UsgaDb *db, UsgaFilter *filter, GError **error)
{
  return usga_briefing_new_with_tracker (db, NULL, NULL, NULL, filter, error);
}

/* Which tracker the tracker page reads, for its method note. */
static char *
tracker_name (UsgaDb *tracker_db, const char *server, const char *fetched_at)
{
  if (server == NULL)
    return g_strdup (_("this computer’s tracker"));
  if (tracker_db == NULL)   /* configured, not fetched yet: say what is shown instead */
    return g_strdup_printf (_("this computer’s tracker (the shared tracker on %s has not been fetched yet)"), server);
  if (fetched_at)
    return g_strdup_printf (_("the shared tracker on %s (as fetched %s)"), server, fetched_at);
  return g_strdup_printf (_("the shared tracker on %s"), server);
}

UsgaBriefing *
usga_briefing_new_with_tracker (UsgaDb *db, UsgaDb *tracker_db, const char *server, const char *fetched_at,
                                UsgaFilter *filter, GError **error)
{
  g_autofree char *tracker = tracker_name (tracker_db, server, fetched_at);
  g_autoptr(UsgaBriefing) b = g_new0 (UsgaBriefing, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%F");
  g_autofree char *area = usga_stats_area_name (db, filter);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  UsgaChartOptions options = { USGA_BY_MONTH, FALSE, FALSE, FALSE };
  UsgaTrackerQuery overdue = { 0 };

  /* Translators: the code of the language the briefing is written in. */
  b->spanish = g_str_has_prefix (C_("briefing language", "en"), "es");
  b->filters_text = usga_filter_describe (filter, area);
  b->footer = usga_chart_footer (db, filter);
  b->generated = long_date (today);
  from = long_date (usga_filter_get_date_from (filter));
  to = long_date (usga_filter_get_date_to (filter));
  b->period_text = g_strdup_printf (_("%s to %s"), from, to);

  if (!collect_kpis (b, db, filter, error))
    return NULL;
  /* No dates in the filter: say which days were counted, not "— to —". */
  if (usga_filter_get_date_from (filter) == NULL && usga_filter_get_date_to (filter) == NULL && b->counted_from)
    {
      g_free (from);
      g_free (to);
      g_free (b->period_text);
      from = long_date (b->counted_from);
      to = long_date (b->counted_to);
      b->period_text = g_strdup_printf (_("%s to %s"), from, to);
    }

  /* Long periods read better by quarter; a year or two by month. */
  if (usga_filter_get_date_from (filter) && usga_filter_get_date_to (filter) &&
      atoi (usga_filter_get_date_to (filter)) - atoi (usga_filter_get_date_from (filter)) >= 2)
    options.granularity = USGA_BY_QUARTER;
  else if (usga_filter_get_date_from (filter) == NULL)
    options.granularity = USGA_BY_QUARTER;
  if ((b->trend = usga_chart_build (db, filter, USGA_VIEW_TRENDS, &options, error)) == NULL ||
      (b->ranking = usga_chart_build (db, filter, USGA_VIEW_RANKING, &options, error)) == NULL)
    return NULL;
  b->notes[USGA_PAGE_TRENDS] = g_strdup_printf (_("Trend: %s Ranking: %s"), b->trend->method, b->ranking->method);
  b->notes[USGA_PAGE_TRACKER] = g_strdup_printf (_("Status of each of the 109 recommendations from the append-only history of %s; "
                                                   "“addressed” means in progress or implemented; overdue means past its due date and not implemented."),
                                                 tracker);
  /* The slide and page print the filters once, in their own footer. */
  g_clear_pointer (&b->trend->footer, g_free);
  g_clear_pointer (&b->ranking->footer, g_free);

  if (!collect_map (b, db, filter, error))
    return NULL;

  if (tracker_db == NULL)
    tracker_db = db;
  if ((b->progress = usga_tracker_progress (tracker_db, FALSE, today, error)) == NULL)
    return NULL;
  overdue.overdue = TRUE;
  overdue.today = today;
  if ((b->overdue = usga_tracker_list (tracker_db, &overdue, error)) == NULL)
    return NULL;
  if ((b->datasets = usga_datasets_describe (db, error)) == NULL)
    return NULL;
  return g_steal_pointer (&b);
}

/* usga-chart-build.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "usga-chart-build.h"

/* Colonias under this 2020 population are not ranked by rate: tiny denominators make wild rates.
 * The Overview's "top colonias" uses the same rule. */
#define MIN_RANKED_POPULATION 1000
#define RANKED_COLONIAS 15

static const char *const view_names[] = { "trends", "ranking", "heatmap", "victims", "kpi" };

gboolean
usga_chart_subject_from_string (const char *name, UsgaChartSubject *view)
{
  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    if (g_strcmp0 (name, view_names[i]) == 0)
      {
        *view = i;
        return TRUE;
      }
  return FALSE;
}

/* First and last value of an indexed column, in O(log n): a footer must not scan 2 M rows. */
static gboolean
extent (UsgaDb *db, const char *first_sql, const char *last_sql, char **first, char **last)
{
  const char *sql[2] = { first_sql, last_sql };
  char **out[2] = { first, last };

  for (int i = 0; i < 2; i++)
    {
      sqlite3_stmt *stmt = usga_db_prepare (db, sql[i], NULL);
      *out[i] = NULL;
      if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
        *out[i] = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (stmt)
        sqlite3_reset (stmt);
    }
  return *first != NULL;
}

char *
usga_chart_footer (UsgaDb *db, UsgaFilter *filter)
{
  static const struct { const char *id, *title, *first, *last; } sets[] = {
    { "carpetas", N_("Carpetas de investigación (one row each)"),
      "SELECT date FROM incident ORDER BY date LIMIT 1", "SELECT date FROM incident ORDER BY date DESC LIMIT 1" },
    { "carpetas_quarterly", N_("Carpetas per colonia and quarter (published counts)"),
      "SELECT printf ('%04d-Q%d', year, quarter) FROM incident_quarterly ORDER BY year, quarter LIMIT 1",
      "SELECT printf ('%04d-Q%d', year, quarter) FROM incident_quarterly ORDER BY year DESC, quarter DESC LIMIT 1" },
    { "victimas", N_("Victims in carpetas"),
      "SELECT date FROM victim ORDER BY date LIMIT 1", "SELECT date FROM victim ORDER BY date DESC LIMIT 1" },
  };
  g_autofree char *area = usga_stats_area_name (db, filter);
  g_autofree char *described = usga_filter_describe (filter, area);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%F");
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, _("Filters: %s."), described);
  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;
      g_autofree char *source = NULL;
      g_autofree char *vintage = NULL;

      if (!extent (db, sets[i].first, sets[i].last, &first, &last))
        continue;
      usga_dataset_source (db, sets[i].id, &source, &vintage);
      g_string_append_printf (s, _(" %s: %s to %s, vintage %s (%s)."), _(sets[i].title), first, last ? last : "—",
                              vintage ? vintage : "—", source ? source : "—");
    }
  g_string_append_printf (s, _(" Produced %s with USGA Dashboard."), today);
  return g_string_free (s, FALSE);
}

static const char *
granularity_word (UsgaGroupBy by)
{
  switch (by)
    {
    case USGA_BY_MONTH:   return _("Monthly");
    case USGA_BY_QUARTER: return _("Quarterly");
    default:              return _("Yearly");
    }
}

static const char *
source_words (const char *source)
{
  if (g_strcmp0 (source, USGA_SOURCE_QUARTERLY) == 0)
    return _("published quarterly colonia counts (FGJ)");
  if (g_strcmp0 (source, USGA_SOURCE_POINTS) == 0)
    return _("one carpeta per row (FGJ)");
  return _("carpeta rows and published quarterly counts");
}

/* "2019-Q1–2023-Q4: published quarterly counts; 2024-Q1–2024-Q4: one carpeta per row" */
static char *
describe_sources (UsgaChartModel *m)
{
  GString *s = g_string_new (NULL);
  guint n = m->x_keys->len, start = 0;

  for (guint i = 1; i <= n; i++)
    {
      if (i < n && g_strcmp0 (g_ptr_array_index (m->x_sources, i), g_ptr_array_index (m->x_sources, start)) == 0)
        continue;
      if (s->len)
        g_string_append (s, "; ");
      if (i - 1 == start)
        g_string_append_printf (s, "%s: %s", (char *) g_ptr_array_index (m->x_labels, start),
                                source_words (g_ptr_array_index (m->x_sources, start)));
      else
        g_string_append_printf (s, "%s–%s: %s", (char *) g_ptr_array_index (m->x_labels, start),
                                (char *) g_ptr_array_index (m->x_labels, i - 1),
                                source_words (g_ptr_array_index (m->x_sources, start)));
      start = i;
    }
  return g_string_free (s, FALSE);
}

#define format_change usga_format_signed_percent

/* The report's stated 2015→2020 change for this category, one line. */
static char *
baseline_text (GPtrArray *baselines, const char *key)
{
  g_autoptr(GPtrArray) found = usga_report_baseline_for (baselines, key);
  GString *s;

  if (found->len == 0)
    return NULL;
  s = g_string_new (_("Report"));
  for (guint i = 0; i < found->len; i++)
    {
      UsgaBaseline *b = g_ptr_array_index (found, i);
      g_autofree char *change = format_change (b->change_pct);
      g_string_append_printf (s, "%s %d→%d", i ? ";" : "", b->from_year, b->to_year);
      if (found->len > 1)
        g_string_append_printf (s, " %s", usga_category_name (b->category));
      g_string_append_printf (s, " %s", change);
    }
  return g_string_free (s, FALSE);
}

static void
add_period_bands (UsgaChartModel *m)
{
  /* Sources: Jefatura de Gobierno, decree of 23 March 2020 declaring the sanitary emergency
   * (report-facts.md, 000:L2887-2891). Alcaldía terms: the 2018 and 2024 local elections; terms
   * start on 1 October. The shared seeds do not give the mayors' names or exact dates, so the
   * bands are labelled by term, not by person. */
  usga_chart_model_add_band (m, _("2018–2024 administration"), "2018-10-01", "2024-09-30");
  usga_chart_model_add_band (m, _("2024–2027 administration"), "2024-10-01", NULL);
  usga_chart_model_add_band (m, _("COVID-19 sanitary emergency (23 Mar 2020)"), "2020-03-23", "2020-03-23");
}

static int
compare_row_key (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(UsgaStatRow **) a)->key, (*(UsgaStatRow **) b)->key);
}

/* Which x positions the filter's window counts only part of (a window from the 15th); an open
 * end cuts nothing (the data simply starts or stops there). */
static GArray *
partial_buckets (UsgaChartModel *m, UsgaFilter *filter, UsgaStats *stats)
{
  GArray *partial = g_array_sized_new (FALSE, TRUE, sizeof (gboolean), m->x_keys->len);
  const char *lo = usga_filter_get_date_from (filter) ? stats->counted_from : NULL;
  const char *hi = usga_filter_get_date_to (filter) ? stats->counted_to : NULL;

  for (guint i = 0; i < m->x_keys->len; i++)
    {
      char first[11], last[11];
      gboolean cut = usga_stats_key_bounds (m->granularity, g_ptr_array_index (m->x_keys, i), first, last) &&
                     ((lo && strcmp (first, lo) < 0) || (hi && strcmp (last, hi) > 0));
      g_array_append_val (partial, cut);
    }
  return partial;
}

#define PARTIAL(p, i) g_array_index ((p), gboolean, (i))

/* The series' headline change, saying what it compares: the last whole period against the
 * same period a year earlier ("2024-12 vs 2023-12"), or the last 12 whole months against the
 * 12 before, or, when the series is shorter, the last whole period against the first, named as
 * such. Periods the window cuts (@partial) never take part: NULL when no two whole ones are left. */
static char *
live_change (UsgaChartModel *m, UsgaChartSeries *series, GArray *partial)
{
  int n = (int) series->counts->len, end = n - 1, start = 0;
  const char *last_key;
  g_autofree char *earlier = NULL;
  gint64 last;

  while (end >= 0 && PARTIAL (partial, end))
    end--;
  while (start < n && PARTIAL (partial, start))
    start++;
  if (end <= start)
    return NULL;
  last_key = g_ptr_array_index (m->x_keys, end);
  earlier = usga_stats_previous_year_key (m->granularity, last_key);
  last = g_array_index (series->counts, gint64, end);

  for (int i = start; i < end; i++)
    if (g_str_equal (g_ptr_array_index (m->x_keys, i), earlier))
      {
        g_autofree char *change = format_change (usga_percent_change (g_array_index (series->counts, gint64, i), last));
        return g_strdup_printf (_("%s vs %s: %s"), last_key, earlier, change);
      }
  if (m->granularity == USGA_BY_MONTH && end - start + 1 >= 24)
    {
      gint64 recent = 0, before = 0;
      g_autofree char *change = NULL;

      for (int i = 0; i < 12; i++)
        {
          recent += g_array_index (series->counts, gint64, end - i);
          before += g_array_index (series->counts, gint64, end - 12 - i);
        }
      change = format_change (usga_percent_change (before, recent));
      return g_strdup_printf (_("Last 12 months vs previous 12: %s"), change);
    }
  {
    const char *first_key = g_ptr_array_index (m->x_keys, start);
    g_autofree char *change = format_change (usga_percent_change (g_array_index (series->counts, gint64, start), last));
    return g_strdup_printf (_("%s vs %s (first period shown): %s"), last_key, first_key, change);
  }
}

static UsgaChartModel *
build_trends (UsgaDb *db, UsgaFilter *filter, const UsgaChartOptions *o, GError **error)
{
  g_autoptr(UsgaChartModel) m = usga_chart_model_new (USGA_CHART_TIME_SERIES);
  g_autoptr(GPtrArray) stats = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_stats_free);
  g_autoptr(GPtrArray) baselines = usga_report_baseline_load (db, NULL);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  const char *const *categories = usga_filter_get_categories (filter);
  UsgaGroupBy by = o->granularity;
  gint64 population = usga_stats_area_population (db, filter);
  gboolean rates = o->rates, population_known = population > 0;
  g_autofree char *sources = NULL;
  g_autoptr(GArray) partial = NULL;
  guint n_series = categories && categories[0] ? g_strv_length ((GStrv) categories) : 1;

  if (by != USGA_BY_MONTH && by != USGA_BY_QUARTER && by != USGA_BY_YEAR)
    by = USGA_BY_MONTH;
  m->granularity = by;
  m->rates = rates && population_known;

  /* One query per category so each gets its own line; each is usga_stats_query(). */
  for (guint s = 0; s < n_series; s++)
    {
      g_autoptr(UsgaFilter) one = usga_filter_copy (filter);
      const char *only[2] = { categories && categories[0] ? categories[s] : NULL, NULL };
      UsgaStats *st;

      if (only[0])
        usga_filter_set_categories (one, only);
      st = usga_stats_query (db, one, by, error);
      if (st == NULL)
        return NULL;
      g_ptr_array_add (stats, st);
      for (guint i = 0; i < st->rows->len; i++)
        {
          UsgaStatRow *row = g_ptr_array_index (st->rows, i);
          if (!g_hash_table_contains (keys, row->key))
            {
              g_hash_table_insert (keys, row->key, row);
              g_ptr_array_add (sorted, row);
            }
          else
            {
              /* Any series mixing sources for this period marks the period as mixed. */
              UsgaStatRow *seen = g_hash_table_lookup (keys, row->key);
              if (g_strcmp0 (seen->source, row->source) != 0 && row->count > 0)
                g_hash_table_insert (keys, row->key, row);
            }
        }
    }
  g_ptr_array_sort (sorted, compare_row_key);
  for (guint i = 0; i < sorted->len; i++)
    {
      UsgaStatRow *row = g_hash_table_lookup (keys, ((UsgaStatRow *) sorted->pdata[i])->key);
      usga_chart_model_add_x (m, row->key, row->key, row->source);
    }

  partial = partial_buckets (m, filter, g_ptr_array_index (stats, 0));
  for (guint s = 0; s < n_series; s++)
    {
      UsgaStats *st = g_ptr_array_index (stats, s);
      const char *key = categories && categories[0] ? categories[s] : NULL;
      const char *delito = usga_filter_get_delito (filter);
      UsgaChartSeries *series = usga_chart_model_add_series (m, key,
          key ? usga_category_name (key) : delito ? delito : _("All carpetas"));
      g_autoptr(GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);
      guint n = m->x_keys->len;

      for (guint i = 0; i < st->rows->len; i++)
        {
          UsgaStatRow *row = g_ptr_array_index (st->rows, i);
          g_hash_table_insert (rows, row->key, row);
        }
      for (guint i = 0; i < n; i++)
        {
          UsgaStatRow *row = g_hash_table_lookup (rows, g_ptr_array_index (m->x_keys, i));
          gint64 count = row ? row->count : 0;
          double value = m->rates ? usga_rate_per_100k (count, population) : (double) count;

          g_array_append_val (series->counts, count);
          g_array_append_val (series->values, value);
        }
      if (o->moving_average && by == USGA_BY_MONTH && n > 0)
        {
          series->average = g_array_sized_new (FALSE, TRUE, sizeof (double), n);
          g_array_set_size (series->average, n);
          usga_series_moving_average ((double *) series->values->data, n, 3, (double *) series->average->data);
        }
      if (n > 1)
        series->live_change = live_change (m, series, partial);
      series->baseline = baseline_text (baselines, key);
    }

  m->method = g_strdup (((UsgaStats *) g_ptr_array_index (stats, 0))->method);
  m->title = g_strdup_printf (m->rates ? _("%s carpetas per 100 000 inhabitants") : _("%s carpetas"),
                              granularity_word (by));
  sources = describe_sources (m);
  m->subtitle = g_strdup_printf (_("%s series. Sources: %s."), granularity_word (by), sources);
  m->value_label = g_strdup (m->rates ? _("Carpetas per 100 000 inhabitants") : _("Carpetas"));
  {
    GString *note = g_string_new (NULL);
    if (by == USGA_BY_MONTH)
      g_string_append (note, _("Monthly values exist only where there is one row per carpeta; "
                               "choose quarters or years to see the published quarterly history. "));
    if (o->moving_average && by != USGA_BY_MONTH)
      g_string_append (note, _("The 3-month moving average applies to monthly series only. "));
    if (o->rates && !population_known)
      g_string_append (note, _("The population of this area is unknown, so counts are shown instead of rates. "));
    else if (m->rates)
      g_string_append (note, _("Rates use the 2020 census population. "));
    /* A cut period drawn beside whole ones looks like a drop: name it. */
    {
      g_autoptr(GString) cut = g_string_new (NULL);
      UsgaStats *first = g_ptr_array_index (stats, 0);

      for (guint i = 0; i < partial->len; i++)
        if (PARTIAL (partial, i))
          g_string_append_printf (cut, "%s%s", cut->len ? ", " : "", (const char *) g_ptr_array_index (m->x_keys, i));
      if (cut->len)
        g_string_append_printf (note, _("Partial periods: %s (the counts cover %s to %s only); the headline change "
                                        "leaves them out. "), cut->str, first->counted_from, first->counted_to);
    }
    if (((UsgaStats *) g_ptr_array_index (stats, 0))->estimate_rule)
      g_string_append_printf (note, "%s ", ((UsgaStats *) g_ptr_array_index (stats, 0))->estimate_rule);
    if (((UsgaStats *) g_ptr_array_index (stats, 0))->history_unavailable)
      g_string_append (note, _("Quarterly history is published per colonia only, so it is missing for sectors and cuadrantes. "));
    for (guint s = 0; s < m->series->len; s++)
      if (((UsgaChartSeries *) g_ptr_array_index (m->series, s))->baseline)
        {
          g_string_append (note, _("“Report” is the change the USGA report states for 2015→2020 (data/report_baseline.csv), "
                                   "beside the change in this data."));
          break;
        }
    m->note = g_strchomp (g_string_free (note, FALSE));
  }
  if (m->x_keys->len == 0)
    {
      GStrv unanswered = ((UsgaStats *) g_ptr_array_index (stats, 0))->unanswered_quarters;

      /* Nothing counted because the period only has quarterly data is not "no carpetas". */
      if (unanswered && unanswered[0])
        m->empty_message = g_strdup (_("The data for this period is quarterly: choose quarters or years to see it."));
      else
        m->empty_message = g_strdup (_("No carpetas match these filters."));
    }
  add_period_bands (m);
  m->dark = o->dark;
  return g_steal_pointer (&m);
}

static int
compare_rate_desc (gconstpointer a, gconstpointer b)
{
  const UsgaStatRow *ra = *(UsgaStatRow **) a, *rb = *(UsgaStatRow **) b;

  if (ra->rate != rb->rate)
    return ra->rate < rb->rate ? 1 : -1;
  return strcmp (ra->key, rb->key);
}

static UsgaChartModel *
build_ranking (UsgaDb *db, UsgaFilter *filter, const UsgaChartOptions *o, GError **error)
{
  g_autoptr(UsgaChartModel) m = usga_chart_model_new (USGA_CHART_RANKING);
  g_autoptr(UsgaStats) st = usga_stats_query (db, filter, USGA_BY_COLONIA, error);
  g_autoptr(GPtrArray) ranked = g_ptr_array_new ();
  UsgaChartSeries *series;
  gint64 unplaced = 0;

  if (st == NULL)
    return NULL;
  m->rates = o->rates;
  for (guint i = 0; i < st->rows->len; i++)
    {
      UsgaStatRow *row = g_ptr_array_index (st->rows, i);
      if (g_str_equal (row->key, "0"))
        unplaced += row->count;
      else if (row->count > 0 && (!o->rates || row->population >= MIN_RANKED_POPULATION))
        g_ptr_array_add (ranked, row);
    }
  if (o->rates)
    g_ptr_array_sort (ranked, compare_rate_desc);   /* rows come sorted by count already */
  series = usga_chart_model_add_series (m, "colonia", _("Colonias"));
  for (guint i = 0; i < MIN (ranked->len, RANKED_COLONIAS); i++)
    {
      UsgaStatRow *row = ranked->pdata[i];
      double value = o->rates ? row->rate : (double) row->count;

      usga_chart_model_add_x (m, row->key, row->label, row->source);
      g_array_append_val (series->counts, row->count);
      g_array_append_val (series->values, value);
    }
  m->title = g_strdup_printf (o->rates ? _("Top %d colonias by carpetas per 100 000 inhabitants")
                                       : _("Top %d colonias by carpetas"), RANKED_COLONIAS);
  m->subtitle = g_strdup (o->rates ? _("Rate per 100 000 inhabitants (2020 census) over the whole period; "
                                       "sources: carpeta rows and published quarterly colonia counts.")
                                   : _("Carpetas over the whole period; sources: carpeta rows and published quarterly colonia counts."));
  {
    g_autofree char *unplaced_text = usga_format_count (unplaced);
    m->note = o->rates
      ? g_strdup_printf (_("Colonias under %d inhabitants are not ranked by rate. %s carpetas without an identified colonia are not ranked."),
                         MIN_RANKED_POPULATION, unplaced_text)
      : g_strdup_printf (_("%s carpetas without an identified colonia are not ranked."), unplaced_text);
    if (st->estimate_rule)
      {
        char *with_rule = g_strconcat (m->note, " ", st->estimate_rule, NULL);
        g_free (m->note);
        m->note = with_rule;
      }
  }
  m->method = g_strdup (st->method);
  if (ranked->len == 0)
    m->empty_message = g_strdup (_("No carpetas in an identified colonia match these filters."));
  m->dark = o->dark;
  return g_steal_pointer (&m);
}

static UsgaChartModel *
build_heatmap (UsgaDb *db, UsgaFilter *filter, const UsgaChartOptions *o, GError **error)
{
  g_autoptr(UsgaChartModel) m = usga_chart_model_new (USGA_CHART_HEATMAP);
  g_autoptr(UsgaStats) st = usga_stats_query (db, filter, USGA_BY_HOUR_WEEKDAY, error);
  static const char *const weekdays[] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"),
  };
  g_autofree char *excluded = NULL;

  if (st == NULL)
    return NULL;
  for (int h = 0; h < 24; h++)
    {
      g_autofree char *key = g_strdup_printf ("%02d", h);
      g_autofree char *label = g_strdup_printf ("%02d:00", h);
      usga_chart_model_add_x (m, key, label, USGA_SOURCE_POINTS);
    }
  for (int w = 1; w <= 7; w++)
    {
      g_autofree char *key = g_strdup_printf ("%d", w);
      UsgaChartSeries *series = usga_chart_model_add_series (m, key, _(weekdays[w - 1]));
      g_array_set_size (series->counts, 24);
      g_array_set_size (series->values, 24);
    }
  /* Rows are keyed "weekday-hour" ("1-07"), sorted; place each in its cell. */
  for (guint i = 0; i < st->rows->len; i++)
    {
      UsgaStatRow *row = g_ptr_array_index (st->rows, i);
      int w = 0, h = 0;
      UsgaChartSeries *series;

      if (sscanf (row->key, "%d-%d", &w, &h) != 2 || w < 1 || w > 7 || h < 0 || h > 23)
        continue;
      series = g_ptr_array_index (m->series, w - 1);
      g_array_index (series->counts, gint64, h) = row->count;
      g_array_index (series->values, double, h) = row->count;
    }
  excluded = usga_format_count (st->excluded_placeholder);
  m->title = g_strdup (_("Carpetas by hour of day and weekday"));
  m->subtitle = g_strdup (_("Counts for the whole period, from carpeta rows only (the quarterly counts have no times)."));
  m->note = g_strdup_printf (_("Excluded: %s carpetas whose time is 00:00 or missing, FGJ’s placeholder for an unknown hour."), excluded);
  m->method = g_strdup (st->method);
  if (st->total == 0)
    m->empty_message = g_strdup (_("No carpeta rows with a known time match these filters."));
  m->dark = o->dark;
  return g_steal_pointer (&m);
}

static UsgaChartModel *
build_victims (UsgaDb *db, UsgaFilter *filter, const UsgaChartOptions *o, GError **error)
{
  g_autoptr(UsgaChartModel) m = usga_chart_model_new (USGA_CHART_SEX_AGE);
  UsgaVictimStats v;
  const char *sex_keys[2] = { "F", "M" };
  const char *sex_names[2] = { _("Women"), _("Men") };

  if (!usga_victims_by_sex_age (db, filter, &v, error))
    return NULL;
  for (guint g = 0; g < USGA_N_AGE_GROUPS; g++)
    usga_chart_model_add_x (m, usga_age_group_label (g), usga_age_group_label (g), USGA_SOURCE_POINTS);
  usga_chart_model_add_x (m, "unknown", _("Age unknown"), USGA_SOURCE_POINTS);
  for (int s = 0; s < 2; s++)
    {
      UsgaChartSeries *series = usga_chart_model_add_series (m, sex_keys[s], sex_names[s]);
      for (guint g = 0; g <= USGA_N_AGE_GROUPS; g++)
        {
          gint64 n = g < USGA_N_AGE_GROUPS ? v.counts[s][g] : v.unknown_age[s];
          double d = n;
          g_array_append_val (series->counts, n);
          g_array_append_val (series->values, d);
        }
    }
  m->title = g_strdup (_("Victims by sex and age group"));
  m->subtitle = g_strdup (_("From the FGJ víctimas dataset (one row per victim)."));
  m->method = g_strdup (_("Source: the FGJ víctimas dataset, one row per victim, from a sync or import (the bundled data has none). "
                          "Counted by day over the filter’s period; victims without a recorded sex are not shown."));
  if (v.rows_in_table == 0)
    m->empty_message = g_strdup (_("No víctimas rows in the database yet. The bundled data holds carpetas only, "
                                   "which do not record the victim’s sex or age; sync or import the FGJ "
                                   "víctimas dataset from the Data page to fill this chart."));
  else if (v.total == 0)
    m->empty_message = g_strdup (_("No victims match these filters."));
  else if (v.unknown_sex > 0)
    {
      g_autofree char *n = usga_format_count (v.unknown_sex);
      m->note = g_strdup_printf (_("%s victims without a recorded sex are not shown."), n);
    }
  m->dark = o->dark;
  return g_steal_pointer (&m);
}

/* One series per headline category over the filter's period, for the Overview's sparklines. */
static UsgaChartModel *
build_kpi (UsgaDb *db, UsgaFilter *filter, const UsgaChartOptions *o, GError **error)
{
  g_autoptr(UsgaChartModel) m = usga_chart_model_new (USGA_CHART_TIME_SERIES);
  g_autoptr(UsgaFilter) all = usga_filter_copy (filter);
  const char *from = usga_filter_get_date_from (filter), *to = usga_filter_get_date_to (filter);
  g_autoptr(UsgaStats) total = NULL;
  const char *const *kpi_keys = usga_kpi_keys ();
  g_autofree UsgaStats **per_category = g_new0 (UsgaStats *, usga_kpi_count () + 1);
  UsgaGroupBy by = USGA_BY_MONTH;

  /* Monthly for up to two years, else quarterly so the line spans the quarterly history. */
  if (from == NULL || to == NULL || atoi (to) - atoi (from) >= 2)
    by = USGA_BY_QUARTER;
  m->granularity = by;
  usga_filter_set_delito (all, NULL);
  usga_filter_set_categories (all, NULL);
  /* The total and every headline category in one pass over the carpetas. */
  total = usga_stats_query_by_category (db, all, by, kpi_keys, per_category, error);
  if (total == NULL)
    return NULL;
  for (int k = -1; k < (int) usga_kpi_count (); k++)
    {
      const char *key = k < 0 ? NULL : kpi_keys[k];
      UsgaStats *st = k < 0 ? total : per_category[k];

      usga_chart_model_add_stats (m, key, key ? usga_category_name (key) : _("All carpetas"), st, k < 0);
    }
  for (guint k = 0; k < usga_kpi_count (); k++)
    g_clear_pointer (&per_category[k], usga_stats_free);
  m->title = g_strdup (by == USGA_BY_MONTH ? _("Monthly carpetas") : _("Quarterly carpetas"));
  m->method = g_strdup (total->method);
  m->dark = o->dark;
  return g_steal_pointer (&m);
}

UsgaChartModel *
usga_chart_build (UsgaDb *db, UsgaFilter *filter, UsgaChartSubject view, const UsgaChartOptions *options, GError **error)
{
  UsgaChartModel *m = NULL;

  switch (view)
    {
    case USGA_VIEW_TRENDS:  m = build_trends (db, filter, options, error); break;
    case USGA_VIEW_RANKING: m = build_ranking (db, filter, options, error); break;
    case USGA_VIEW_HEATMAP: m = build_heatmap (db, filter, options, error); break;
    case USGA_VIEW_VICTIMS: m = build_victims (db, filter, options, error); break;
    case USGA_VIEW_KPI_SPARKLINES: return build_kpi (db, filter, options, error);
    }
  if (m)
    m->footer = usga_chart_footer (db, filter);
  return m;
}

GPtrArray *
usga_chart_build_trends_page (UsgaDb *db, UsgaFilter *filter, const UsgaChartOptions *options, GError **error)
{
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_chart_model_free);
  const UsgaChartSubject views[] = { USGA_VIEW_TRENDS, USGA_VIEW_RANKING, USGA_VIEW_HEATMAP, USGA_VIEW_VICTIMS };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      UsgaChartModel *m = usga_chart_build (db, filter, views[i], options, error);
      if (m == NULL)
        return NULL;
      g_ptr_array_add (models, m);
    }
  return g_steal_pointer (&models);
}

/* usga-chart-table.c — a chart in words and numbers: the point under the pointer, a summary for
 * screen readers, the table behind "Show as table", and CSV.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "usga-chart-private.h"

/* ---- words and tables ---- */

static const char *
unit_for (UsgaChartModel *m)
{
  return m->kind == USGA_CHART_SEX_AGE ? _("victims") : _("carpetas");
}

char *
usga_chart_point_text (UsgaChartModel *m, int s, int i)
{
  UsgaChartSeries *series;
  const char *label;
  g_autofree char *count = NULL;

  if (s < 0 || (guint) s >= m->series->len || i < 0 || (guint) i >= usga_chart_model_n_x (m))
    return NULL;
  series = usga_chart_series_at (m, s);
  label = g_ptr_array_index (m->x_labels, i);
  count = format_count (usga_chart_count_at (series, i));

  switch (m->kind)
    {
    case USGA_CHART_TIME_SERIES:
      {
        g_autofree char *rate = usga_chart_format_value (m, usga_chart_value_at (series, i));
        g_autofree char *change = NULL;
        GString *text = g_string_new (NULL);

        g_string_append_printf (text, "%s · %s: %s %s", series->name, label, count, unit_for (m));
        if (m->rates)
          g_string_append_printf (text, _(" (%s per 100 000)"), rate);
        if (i > 0)
          {
            double before = usga_chart_value_at (series, i - 1), now = usga_chart_value_at (series, i);
            change = format_change (before > 0 ? 100 * (now - before) / before : NAN);
            g_string_append_printf (text, _(", %s on %s"), change, (char *) g_ptr_array_index (m->x_labels, i - 1));
          }
        return g_string_free (text, FALSE);
      }
    case USGA_CHART_RANKING:
      if (m->rates)
        {
          g_autofree char *rate = usga_chart_format_value (m, usga_chart_value_at (series, i));
          return g_strdup_printf (_("%d. %s: %s per 100 000 inhabitants (%s carpetas)"), i + 1, label, rate, count);
        }
      return g_strdup_printf (_("%d. %s: %s carpetas"), i + 1, label, count);
    case USGA_CHART_HEATMAP:
      return g_strdup_printf (_("%s %s: %s carpetas"), series->name, label, count);
    case USGA_CHART_SEX_AGE:
      return g_strdup_printf (_("%s, %s: %s victims"), series->name, label, count);
    }
  return NULL;
}

char *
usga_chart_summary (UsgaChartModel *m)
{
  GString *text = g_string_new (m->title);
  guint n = usga_chart_model_n_x (m);

  g_string_append (text, ". ");
  if (m->empty_message)
    {
      g_string_append (text, m->empty_message);
      return g_string_free (text, FALSE);
    }
  if (m->subtitle)
    g_string_append_printf (text, "%s. ", m->subtitle);

  for (guint s = 0; s < m->series->len && n > 0; s++)
    {
      UsgaChartSeries *series = usga_chart_series_at (m, s);
      guint best = 0;

      for (guint i = 1; i < n; i++)
        if (usga_chart_value_at (series, i) > usga_chart_value_at (series, best))
          best = i;
      switch (m->kind)
        {
        case USGA_CHART_TIME_SERIES:
          {
            g_autofree char *first = usga_chart_format_value (m, usga_chart_value_at (series, 0));
            g_autofree char *last = usga_chart_format_value (m, usga_chart_value_at (series, n - 1));
            g_autofree char *peak = usga_chart_format_value (m, usga_chart_value_at (series, best));
            g_string_append_printf (text, _("%s: %s in %s, %s in %s, highest %s in %s. "),
                                    series->name, first, (char *) g_ptr_array_index (m->x_labels, 0),
                                    last, (char *) g_ptr_array_index (m->x_labels, n - 1),
                                    peak, (char *) g_ptr_array_index (m->x_labels, best));
            if (series->baseline)
              g_string_append_printf (text, "%s. ", series->baseline);
          }
          break;
        case USGA_CHART_RANKING:
          {
            g_autofree char *top = usga_chart_point_text (m, 0, 0);
            g_string_append_printf (text, _("%u colonias ranked; first: %s. "), n, top);
          }
          break;
        case USGA_CHART_HEATMAP:
        case USGA_CHART_SEX_AGE:
          break;
        }
    }
  if (m->kind == USGA_CHART_HEATMAP || m->kind == USGA_CHART_SEX_AGE)
    {
      int bs = -1, bi = -1;
      double best = -1;
      for (guint s = 0; s < m->series->len; s++)
        for (guint i = 0; i < n; i++)
          if (usga_chart_value_at (usga_chart_series_at (m, s), i) > best)
            best = usga_chart_value_at (usga_chart_series_at (m, s), i), bs = s, bi = i;
      if (bs >= 0)
        {
          g_autofree char *peak = usga_chart_point_text (m, bs, bi);
          g_string_append_printf (text, _("Largest cell: %s. "), peak);
        }
    }
  if (m->note)
    g_string_append (text, m->note);
  return g_string_free (text, FALSE);
}

static char *
raw_double (double v, const char *format)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (v))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, v));
}

static const char *
source_short (const char *source)
{
  if (g_strcmp0 (source, USGA_SOURCE_QUARTERLY) == 0)
    return _("published quarterly counts");
  if (g_strcmp0 (source, USGA_SOURCE_POINTS) == 0)
    return _("carpeta rows");
  return source ? _("both") : "";
}

static GStrv
row_of (GPtrArray *cells)
{
  g_ptr_array_add (cells, NULL);
  return (GStrv) g_ptr_array_free (cells, FALSE);
}

GPtrArray *
usga_chart_table (UsgaChartModel *m, gboolean raw)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *header = g_ptr_array_new ();
  guint n = usga_chart_model_n_x (m);

  switch (m->kind)
    {
    case USGA_CHART_TIME_SERIES:
      g_ptr_array_add (header, g_strdup (raw ? "period" : _("Period")));
      g_ptr_array_add (header, g_strdup (raw ? "series" : _("Series")));
      g_ptr_array_add (header, g_strdup (raw ? "count" : _("Carpetas")));
      if (m->rates)
        g_ptr_array_add (header, g_strdup (raw ? "rate_per_100k" : _("Per 100 000")));
      for (guint s = 0; s < m->series->len; s++)
        if (usga_chart_series_at (m, s)->average)
          {
            g_ptr_array_add (header, g_strdup (raw ? "moving_average_3" : _("3-month average")));
            break;
          }
      g_ptr_array_add (header, g_strdup (raw ? "source" : _("Source")));
      g_ptr_array_add (rows, row_of (header));
      for (guint i = 0; i < n; i++)
        for (guint s = 0; s < m->series->len; s++)
          {
            UsgaChartSeries *series = usga_chart_series_at (m, s);
            GPtrArray *cells = g_ptr_array_new ();
            const char *source = g_ptr_array_index (m->x_sources, i);

            g_ptr_array_add (cells, g_strdup (g_ptr_array_index (raw ? m->x_keys : m->x_labels, i)));
            g_ptr_array_add (cells, g_strdup (raw && series->key ? series->key : series->name));
            g_ptr_array_add (cells, raw ? g_strdup_printf ("%" G_GINT64_FORMAT, usga_chart_count_at (series, i))
                                        : format_count (usga_chart_count_at (series, i)));
            if (m->rates)
              g_ptr_array_add (cells, raw ? raw_double (usga_chart_value_at (series, i), "%.2f") : usga_chart_format_value (m, usga_chart_value_at (series, i)));
            if (series->average)
              {
                double a = g_array_index (series->average, double, i);
                g_ptr_array_add (cells, raw ? raw_double (a, "%.2f") : usga_format_rate (a));
              }
            g_ptr_array_add (cells, g_strdup (raw ? (source ? source : "") : source_short (source)));
            g_ptr_array_add (rows, row_of (cells));
          }
      break;
    case USGA_CHART_RANKING:
      g_ptr_array_add (header, g_strdup (raw ? "rank" : _("Rank")));
      g_ptr_array_add (header, g_strdup (raw ? "colonia" : _("Colonia")));
      g_ptr_array_add (header, g_strdup (raw ? "count" : _("Carpetas")));
      if (m->rates)
        g_ptr_array_add (header, g_strdup (raw ? "rate_per_100k" : _("Per 100 000")));
      g_ptr_array_add (rows, row_of (header));
      for (guint i = 0; i < n && m->series->len; i++)
        {
          GPtrArray *cells = g_ptr_array_new ();
          g_ptr_array_add (cells, g_strdup_printf ("%u", i + 1));
          g_ptr_array_add (cells, g_strdup (g_ptr_array_index (m->x_labels, i)));
          g_ptr_array_add (cells, raw ? g_strdup_printf ("%" G_GINT64_FORMAT, usga_chart_count_at (usga_chart_series_at (m, 0), i))
                                      : format_count (usga_chart_count_at (usga_chart_series_at (m, 0), i)));
          if (m->rates)
            g_ptr_array_add (cells, raw ? raw_double (usga_chart_value_at (usga_chart_series_at (m, 0), i), "%.2f")
                                        : usga_chart_format_value (m, usga_chart_value_at (usga_chart_series_at (m, 0), i)));
          g_ptr_array_add (rows, row_of (cells));
        }
      break;
    case USGA_CHART_HEATMAP:
    case USGA_CHART_SEX_AGE:
      {
        gboolean heat = m->kind == USGA_CHART_HEATMAP;
        g_ptr_array_add (header, g_strdup (raw ? (heat ? "weekday" : "sex") : (heat ? _("Weekday") : _("Sex"))));
        g_ptr_array_add (header, g_strdup (raw ? (heat ? "hour" : "age_group") : (heat ? _("Hour") : _("Age group"))));
        g_ptr_array_add (header, g_strdup (raw ? "count" : (heat ? _("Carpetas") : _("Victims"))));
        g_ptr_array_add (rows, row_of (header));
        for (guint s = 0; s < m->series->len; s++)
          for (guint i = 0; i < n; i++)
            {
              GPtrArray *cells = g_ptr_array_new ();
              g_ptr_array_add (cells, g_strdup (raw && usga_chart_series_at (m, s)->key ? usga_chart_series_at (m, s)->key : usga_chart_series_at (m, s)->name));
              g_ptr_array_add (cells, g_strdup (g_ptr_array_index (raw ? m->x_keys : m->x_labels, i)));
              g_ptr_array_add (cells, raw ? g_strdup_printf ("%" G_GINT64_FORMAT, usga_chart_count_at (usga_chart_series_at (m, s), i))
                                          : format_count (usga_chart_count_at (usga_chart_series_at (m, s), i)));
              g_ptr_array_add (rows, row_of (cells));
            }
      }
      break;
    }
  return rows;
}

gboolean
usga_chart_write_csv (UsgaChartModel *m, GOutputStream *out, GError **error)
{
  g_autoptr(GPtrArray) rows = usga_chart_table (m, TRUE);
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *notes = usga_chart_notes_text (m);

  for (guint r = 0; r < rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (rows, r);
      for (guint c = 0; cells[c]; c++)
        {
          if (c)
            g_string_append_c (s, ',');
          usga_csv_append_field (s, cells[c]);
        }
      g_string_append_c (s, '\n');
    }
  /* Provenance after the data, as comment lines, so the table itself stays plain CSV. */
  g_string_append_printf (s, "# %s\n", m->title);
  if (m->subtitle)
    g_string_append_printf (s, "# %s\n", m->subtitle);
  if (m->empty_message)
    g_string_append_printf (s, "# %s\n", m->empty_message);
  if (notes)
    {
      g_auto(GStrv) lines = g_strsplit (notes, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        g_string_append_printf (s, "# %s\n", lines[i]);
    }
  if (m->method)
    g_string_append_printf (s, "# %s %s\n", _("Method:"), m->method);
  return g_output_stream_write_all (out, s->str, s->len, NULL, NULL, error);
}

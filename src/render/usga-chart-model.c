/* usga-chart-model.c — the chart model: series, x positions, bands.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "usga-chart-private.h"

/* ---- model ---- */

static void
series_free (gpointer data)
{
  UsgaChartSeries *s = data;

  g_free (s->key);
  g_free (s->name);
  g_array_unref (s->counts);
  g_array_unref (s->values);
  if (s->average)
    g_array_unref (s->average);
  g_free (s->baseline);
  g_free (s->live_change);
  g_free (s);
}

static void
band_free (gpointer data)
{
  UsgaChartBand *b = data;

  g_free (b->label);
  g_free (b->from);
  g_free (b->to);
  g_free (b);
}

UsgaChartModel *
usga_chart_model_new (UsgaChartKind kind)
{
  UsgaChartModel *m = g_new0 (UsgaChartModel, 1);

  m->kind = kind;
  m->granularity = USGA_BY_MONTH;
  m->x_keys = g_ptr_array_new_with_free_func (g_free);
  m->x_labels = g_ptr_array_new_with_free_func (g_free);
  m->x_sources = g_ptr_array_new ();
  m->series = g_ptr_array_new_with_free_func (series_free);
  m->bands = g_ptr_array_new_with_free_func (band_free);
  m->focus_series = 0;
  m->focus_index = -1;
  m->ref_count = 1;
  return m;
}

UsgaChartModel *
usga_chart_model_ref (UsgaChartModel *m)
{
  g_atomic_int_inc (&m->ref_count);
  return m;
}

void
usga_chart_model_free (UsgaChartModel *m)
{
  if (m == NULL || !g_atomic_int_dec_and_test (&m->ref_count))
    return;
  g_free (m->title);
  g_free (m->subtitle);
  g_free (m->value_label);
  g_free (m->note);
  g_free (m->method);
  g_free (m->footer);
  g_free (m->empty_message);
  g_ptr_array_unref (m->x_keys);
  g_ptr_array_unref (m->x_labels);
  g_ptr_array_unref (m->x_sources);
  g_ptr_array_unref (m->series);
  g_ptr_array_unref (m->bands);
  g_free (m);
}

UsgaChartSeries *
usga_chart_model_add_series (UsgaChartModel *m, const char *key, const char *name)
{
  UsgaChartSeries *s = g_new0 (UsgaChartSeries, 1);

  s->key = g_strdup (key);
  s->name = g_strdup (name);
  s->counts = g_array_new (FALSE, TRUE, sizeof (gint64));
  s->values = g_array_new (FALSE, TRUE, sizeof (double));
  g_ptr_array_add (m->series, s);
  return s;
}

void
usga_chart_model_add_x (UsgaChartModel *m, const char *key, const char *label, const char *source)
{
  g_ptr_array_add (m->x_keys, g_strdup (key));
  g_ptr_array_add (m->x_labels, g_strdup (label ? label : key));
  g_ptr_array_add (m->x_sources, (gpointer) source);
}

void
usga_chart_model_add_band (UsgaChartModel *m, const char *label, const char *from, const char *to)
{
  UsgaChartBand *b = g_new0 (UsgaChartBand, 1);

  b->label = g_strdup (label);
  b->from = g_strdup (from);
  b->to = g_strdup (to);
  g_ptr_array_add (m->bands, b);
}

UsgaChartSeries *
usga_chart_model_add_stats (UsgaChartModel *m, const char *key, const char *name, UsgaStats *stats, gboolean add_x)
{
  UsgaChartSeries *series = usga_chart_model_add_series (m, key, name);

  for (guint i = 0; i < stats->rows->len; i++)
    {
      UsgaStatRow *row = g_ptr_array_index (stats->rows, i);
      double value = row->count;

      g_array_append_val (series->counts, row->count);
      g_array_append_val (series->values, value);
      if (add_x)
        usga_chart_model_add_x (m, row->key, row->key, row->source);
    }
  return series;
}

guint
usga_chart_model_n_x (UsgaChartModel *m)
{
  return m->x_keys->len;
}

gint64
usga_chart_model_total (UsgaChartModel *m)
{
  gint64 total = 0;

  for (guint s = 0; s < m->series->len; s++)
    {
      UsgaChartSeries *series = g_ptr_array_index (m->series, s);
      for (guint i = 0; i < series->counts->len; i++)
        total += g_array_index (series->counts, gint64, i);
    }
  return total;
}

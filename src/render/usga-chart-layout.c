/* usga-chart-layout.c — where things go: title, legend, notes and plot area, shared by drawing and
 * hit testing, and the value axis.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "usga-chart-private.h"

/* ---- layout shared by drawing and hit testing ---- */

char *
usga_chart_notes_text (UsgaChartModel *m)
{
  if (m->note && m->footer)
    return g_strdup_printf ("%s\n%s", m->note, m->footer);
  return g_strdup (m->note ? m->note : m->footer);
}

double
usga_chart_legend_height (cairo_t *cr, UsgaChartModel *m, double width, gboolean draw, double y0);

void
usga_chart_compute_layout (cairo_t *cr, UsgaChartModel *m, double width, double height, UsgaChartLayout *l)
{
  const double pad = 12;
  g_autoptr(PangoLayout) title = usga_chart_text_layout (cr, m->title, FONT_TITLE, width - 2 * pad);
  g_autoptr(PangoLayout) subtitle = usga_chart_text_layout (cr, m->subtitle, FONT_SUBTITLE, width - 2 * pad);
  g_autofree char *notes = usga_chart_notes_text (m);
  g_autoptr(PangoLayout) notes_layout = usga_chart_text_layout (cr, notes, FONT_FOOTER, width - 2 * pad);
  double left = 64, bottom = 28, top;

  memset (l, 0, sizeof *l);
  l->title_h = m->title ? usga_chart_layout_height (title) : 0;
  l->subtitle_h = m->subtitle ? usga_chart_layout_height (subtitle) : 0;
  l->notes_h = notes ? usga_chart_layout_height (notes_layout) + 6 : 0;
  l->legend_h = usga_chart_legend_height (cr, m, width - 2 * pad, FALSE, 0);
  top = pad + l->title_h + 2 + l->subtitle_h + 6 + l->legend_h;

  switch (m->kind)
    {
    case USGA_CHART_RANKING:
      l->label_w = MIN (width * 0.38, 260);
      left = pad + l->label_w + 8;
      bottom = 24;
      break;
    case USGA_CHART_HEATMAP:
      left = pad + 80;
      bottom = 40;   /* hour labels and the colour scale */
      break;
    case USGA_CHART_SEX_AGE:
    case USGA_CHART_TIME_SERIES:
      break;
    }
  l->px = left;
  l->py = top + 4;
  l->pw = MAX (width - left - pad - (m->kind == USGA_CHART_RANKING ? 56 : 8), 10);
  l->ph = MAX (height - l->py - bottom - l->notes_h - pad / 2, 10);
}

/* Legend: one entry per series (line style + marker, or bar fill), wrapped; returns its height. */
double
usga_chart_legend_height (cairo_t *cr, UsgaChartModel *m, double width, gboolean draw, double y0)
{
  const double pad = 12, swatch = 30, gap = 18, row_h = 16;
  double x = pad, y = y0, h = 0;
  gboolean any_average = FALSE;

  if (m->kind != USGA_CHART_TIME_SERIES && m->kind != USGA_CHART_SEX_AGE)
    return 0;
  if (m->series->len == 0 || m->empty_message)
    return 0;
  h = row_h;
  for (guint s = 0; s <= m->series->len; s++)
    {
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      double w;

      if (s == m->series->len)
        {
          for (guint k = 0; k < m->series->len; k++)
            any_average |= usga_chart_series_at (m, k)->average != NULL;
          if (!any_average)
            break;
          text = g_strdup (_("Lighter wide line: 3-month moving average"));
        }
      else
        {
          UsgaChartSeries *series = usga_chart_series_at (m, s);
          GString *str = g_string_new (series->name);

          if (series->live_change)
            g_string_append_printf (str, " · %s", series->live_change);
          if (series->baseline)
            g_string_append_printf (str, " · %s", series->baseline);
          text = g_string_free (str, FALSE);
        }
      layout = usga_chart_text_layout (cr, text, FONT_AXIS, 0);
      w = swatch + 6 + usga_chart_layout_width (layout);
      if (x + w > pad + width && x > pad)
        {
          x = pad;
          y += row_h;
          h += row_h;
        }
      if (draw)
        {
          double cy = y + row_h / 2;

          if (s == m->series->len)
            {
              usga_chart_set_fg (cr, m, 0.35);
              cairo_set_line_width (cr, 5);
              cairo_set_dash (cr, NULL, 0, 0);
              cairo_move_to (cr, x, cy);
              cairo_line_to (cr, x + swatch, cy);
              cairo_stroke (cr);
            }
          else if (m->kind == USGA_CHART_SEX_AGE)
            {
              usga_rgb_set (cr, usga_palette_series (m->dark, s), 1);
              cairo_rectangle (cr, x + 6, cy - 6, 18, 12);
              cairo_fill (cr);
              if (s == 1)
                {
                  /* Hatching tells the bars apart without colour. */
                  cairo_save (cr);
                  cairo_rectangle (cr, x + 6, cy - 6, 18, 12);
                  cairo_clip (cr);
                  cairo_set_source_rgba (cr, 1, 1, 1, 0.7);
                  cairo_set_line_width (cr, 1.5);
                  for (double hx = x - 10; hx < x + 30; hx += 5)
                    {
                      cairo_move_to (cr, hx, cy + 6);
                      cairo_line_to (cr, hx + 12, cy - 6);
                    }
                  cairo_stroke (cr);
                  cairo_restore (cr);
                }
            }
          else
            {
              usga_rgb_set (cr, usga_palette_series (m->dark, s), 1);
              cairo_set_line_width (cr, 2.5);
              usga_chart_set_dash (cr, s);
              cairo_move_to (cr, x, cy);
              cairo_line_to (cr, x + swatch, cy);
              cairo_stroke (cr);
              cairo_set_dash (cr, NULL, 0, 0);
              usga_chart_marker (cr, s, x + swatch / 2, cy, 3.5);
              if (s % 5 == 4)
                cairo_stroke (cr);
              else
                cairo_fill (cr);
            }
          usga_chart_set_fg (cr, m, 0.9);
          cairo_move_to (cr, x + swatch + 6, y + (row_h - usga_chart_layout_height (layout)) / 2);
          pango_cairo_show_layout (cr, layout);
        }
      x += w + gap;
    }
  return h + 4;
}

/* ---- axes ---- */

double
usga_chart_nice_step (double max, int ticks)
{
  double raw = max / ticks, mag, f;

  if (raw <= 0)
    return 1;
  mag = pow (10, floor (log10 (raw)));
  f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

double
usga_chart_value_max (UsgaChartModel *m)
{
  double max = 0;

  for (guint s = 0; s < m->series->len; s++)
    {
      UsgaChartSeries *series = usga_chart_series_at (m, s);
      for (guint i = 0; i < series->values->len; i++)
        {
          double v = usga_chart_value_at (series, i);
          if (!isnan (v))
            max = MAX (max, v);
        }
    }
  return max;
}

/* How far down the plot a time series' labels reach (usga-chart.c writes them). */
static double
annotation_height (UsgaChartModel *m)
{
  double h = 0;

  if (m->kind != USGA_CHART_TIME_SERIES)
    return 0;
  for (guint b = 0; b < m->bands->len; b++)
    {
      UsgaChartBand *band = g_ptr_array_index (m->bands, b);
      h = MAX (h, (band->to && g_str_equal (band->from, band->to) ? USGA_CHART_ROW_MARKER : USGA_CHART_ROW_BAND) +
                  USGA_CHART_ROW_HEIGHT);
    }
  for (guint i = 1; m->x_sources && i < m->x_sources->len; i++)
    if (g_strcmp0 (g_ptr_array_index (m->x_sources, i - 1), g_ptr_array_index (m->x_sources, i)) != 0)
      h = USGA_CHART_ROW_SOURCE + USGA_CHART_ROW_HEIGHT;
  return h;
}

double
usga_chart_value_top (UsgaChartModel *m, UsgaChartLayout *l, double *step)
{
  double max = MAX (usga_chart_value_max (m), 1), strip = annotation_height (m);
  double s = usga_chart_nice_step (max, 4), top = ceil (max / s) * s;

  /* Headroom so the annotation labels sit above the highest value, not across the line: one
   * gridline step more at a time, so the scale stays round. */
  if (strip > 0 && l->ph > 3 * strip)
    while (max > top * (l->ph - strip) / l->ph)
      top += s;
  if (step)
    *step = s;
  return top;
}

double
usga_chart_draw_y_axis (cairo_t *cr, UsgaChartModel *m, UsgaChartLayout *l)
{
  double step, top = usga_chart_value_top (m, l, &step);

  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, NULL, 0, 0);
  for (double v = 0; v <= top + step / 2; v += step)
    {
      double y = l->py + l->ph - v / top * l->ph;
      g_autofree char *label = usga_chart_format_value (m, v);

      usga_chart_set_fg (cr, m, v == 0 ? 0.5 : 0.12);
      cairo_move_to (cr, l->px, round (y) + 0.5);
      cairo_line_to (cr, l->px + l->pw, round (y) + 0.5);
      cairo_stroke (cr);
      usga_chart_set_fg (cr, m, 0.75);
      usga_chart_draw_text (cr, label, FONT_AXIS, l->px - 6, y - 7, 1, 0);
    }
  return top;
}

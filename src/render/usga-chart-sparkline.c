/* usga-chart-sparkline.c — the one sparkline drawing: a KPI card's bare line and the evidence
 * panel's labelled one are the same routine, so both scale and colour a series alike.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "usga-chart-private.h"

#define MARGIN 2.0

static double
value_or_zero (UsgaChartSeries *series, guint i)
{
  double v = usga_chart_value_at (series, i);

  return isnan (v) ? 0 : v;
}

void
usga_chart_draw_sparkline (cairo_t *cr, double width, double height, UsgaChartModel *m, guint index,
                           gboolean dark, gboolean labels)
{
  UsgaChartSeries *series;
  double max = 0, top = MARGIN, bottom = height - MARGIN, left = MARGIN, right = width - MARGIN;
  guint n;

  if (index >= m->series->len)
    return;
  series = usga_chart_series_at (m, index);
  n = series->values->len;
  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    max = MAX (max, value_or_zero (series, i));
  cairo_save (cr);
  if (labels)
    {
      /* "max N" above, the first and last periods under a baseline at zero: the height of the
       * line then reads as the value. */
      g_autofree char *max_value = usga_chart_format_value (m, max);
      /* Translators: the highest value on the small trend chart, e.g. "max 123". */
      g_autofree char *max_text = g_strdup_printf (_("max %s"), max_value);
      g_autoptr(PangoLayout) probe = usga_chart_text_layout (cr, max_text, FONT_AXIS, -1);
      double text_h = usga_chart_layout_height (probe);
      guint n_x = m->x_labels->len;
      const char *first = n_x ? g_ptr_array_index (m->x_labels, 0) : "";
      const char *last = n_x ? g_ptr_array_index (m->x_labels, n_x - 1) : "";

      top = text_h + 4;
      bottom = height - text_h - 4;
      left += 2;
      right -= 2;
      if (bottom - top < 8)
        {
          cairo_restore (cr);
          return;
        }
      usga_chart_set_fg_dark (cr, dark, 0.75);
      usga_chart_draw_text (cr, max_text, FONT_AXIS, left, 0, 0, -1);
      usga_chart_draw_text (cr, first, FONT_AXIS, left, bottom + 3, 0, -1);
      usga_chart_draw_text (cr, last, FONT_AXIS, right, bottom + 3, 1, -1);
      usga_chart_set_fg_dark (cr, dark, 0.25);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, left, floor (bottom) + 0.5);
      cairo_line_to (cr, right, floor (bottom) + 0.5);
      cairo_stroke (cr);
    }
  if (max <= 0)
    max = 1;
  usga_rgb_set (cr, usga_palette_series (dark, 0), 1);
  cairo_set_line_width (cr, labels ? 2 : 1.8);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n; i++)
    {
      double x = n > 1 ? left + i * (right - left) / (n - 1) : right;
      double y = bottom - value_or_zero (series, i) / max * (bottom - top);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  /* The last point marked: the value the card's number refers to ends here. */
  cairo_arc (cr, right, bottom - value_or_zero (series, n - 1) / max * (bottom - top), labels ? 3.5 : 2.5, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* usga-chart.c — the one drawing routine per chart kind (time series, ranking, heatmap,
 * victims by sex × age), and hit testing (the sparkline is usga-chart-sparkline.c).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "usga-chart-private.h"

/* ---- time series ---- */

static double
slot_width (UsgaChartModel *m, UsgaChartLayout *l)
{
  return l->pw / MAX (usga_chart_model_n_x (m), 1);
}

static double
point_x (UsgaChartModel *m, UsgaChartLayout *l, guint i)
{
  return l->px + (i + 0.5) * slot_width (m, l);
}

/* One line through @values' first @n points; a NAN (no value) breaks it, never draws a zero. */
static void
stroke_values (cairo_t *cr, UsgaChartModel *m, UsgaChartLayout *l, GArray *values, guint n, double top)
{
  gboolean open = FALSE;

  for (guint i = 0; i < n; i++)
    {
      double v = i < values->len ? g_array_index (values, double, i) : NAN;
      double x = point_x (m, l, i), y = l->py + l->ph - v / top * l->ph;

      if (isnan (v))
        {
          open = FALSE;
          continue;
        }
      if (open)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      open = TRUE;
    }
  cairo_stroke (cr);
}

/* First and last day (Julian) of a period key: 2024-03, 2024-Q1 or 2024. */
static gboolean
period_days (const char *key, guint *first, guint *last)
{
  int y = 0, p = 0, m0, m1;
  g_autoptr(GDate) a = NULL;
  g_autoptr(GDate) b = NULL;

  if (sscanf (key, "%d-Q%d", &y, &p) == 2)
    m0 = (p - 1) * 3 + 1, m1 = m0 + 2;
  else if (sscanf (key, "%d-%d", &y, &p) == 2)
    m0 = m1 = p;
  else if (sscanf (key, "%d", &y) == 1)
    m0 = 1, m1 = 12;
  else
    return FALSE;
  if (!g_date_valid_dmy (1, m0, y) || !g_date_valid_dmy (1, m1, y))
    return FALSE;
  a = g_date_new_dmy (1, m0, y);
  b = g_date_new_dmy (g_date_get_days_in_month (m1, y), m1, y);
  *first = g_date_get_julian (a);
  *last = g_date_get_julian (b);
  return TRUE;
}

static guint
date_julian (const char *date)
{
  int y, mo, d;

  if (date == NULL || sscanf (date, "%d-%d-%d", &y, &mo, &d) != 3 || !g_date_valid_dmy (d, mo, y))
    return 0;
  {
    g_autoptr(GDate) g = g_date_new_dmy (d, mo, y);
    return g_date_get_julian (g);
  }
}

/* Horizontal position of a date on the time axis; -1 before the first period, -2 after the last. */
static double
date_x (UsgaChartModel *m, UsgaChartLayout *l, guint day)
{
  guint n = usga_chart_model_n_x (m), first, last;

  for (guint i = 0; i < n; i++)
    {
      if (!period_days (g_ptr_array_index (m->x_keys, i), &first, &last))
        return -1;
      if (i == 0 && day < first)
        return -1;
      if (day <= last)
        return l->px + (i + (double) (day - first) / (last - first + 1)) * slot_width (m, l);
    }
  return -2;
}

/* A vertical rule across the plot at @x, on the pixel grid; @dash (two lengths) or NULL: solid. */
static void
plot_rule (cairo_t *cr, UsgaChartModel *m, UsgaChartLayout *l, double x, double alpha, double width,
           const double *dash)
{
  usga_chart_set_fg (cr, m, alpha);
  cairo_set_line_width (cr, width);
  cairo_set_dash (cr, dash, dash ? 2 : 0, 0);
  cairo_move_to (cr, round (x) + 0.5, l->py);
  cairo_line_to (cr, round (x) + 0.5, l->py + l->ph);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_bands (cairo_t *cr, UsgaChartModel *m, UsgaChartLayout *l)
{
  guint shaded = 0;

  for (guint b = 0; b < m->bands->len; b++)
    {
      UsgaChartBand *band = g_ptr_array_index (m->bands, b);
      double x0 = date_x (m, l, date_julian (band->from));
      double x1 = band->to ? date_x (m, l, date_julian (band->to)) : -2;
      gboolean marker_line = band->to && g_str_equal (band->from, band->to);

      if (x0 == -2 || (!marker_line && x1 == -1))
        continue;   /* wholly outside the series */
      if (marker_line)
        {
          static const double dash[] = { 4, 3 };
          if (x0 < 0)
            continue;
          plot_rule (cr, m, l, x0, 0.6, 1.2, dash);
          usga_chart_set_fg (cr, m, 0.85);
          usga_chart_draw_text (cr, band->label, FONT_AXIS, x0 + 4, l->py + USGA_CHART_ROW_MARKER, 0, 0);
          continue;
        }
      if (x0 < 0)
        x0 = l->px;
      if (x1 < 0)
        x1 = l->px + l->pw;
      usga_chart_set_fg (cr, m, shaded++ % 2 ? 0.04 : 0.08);
      cairo_rectangle (cr, x0, l->py, x1 - x0, l->ph);
      cairo_fill (cr);
      plot_rule (cr, m, l, x0, 0.3, 1, NULL);
      usga_chart_set_fg (cr, m, 0.7);
      {
        g_autoptr(PangoLayout) layout = usga_chart_text_layout (cr, band->label, FONT_AXIS, 0);
        if (usga_chart_layout_width (layout) < x1 - x0 - 6)
          {
            cairo_move_to (cr, x0 + 4, l->py + USGA_CHART_ROW_BAND);
            pango_cairo_show_layout (cr, layout);
          }
      }
    }
}

/* A dotted line and a label where the series switches from quarterly counts to carpeta rows. */
static void
draw_source_changes (cairo_t *cr, UsgaChartModel *m, UsgaChartLayout *l)
{
  static const double dot[] = { 1, 3 };

  for (guint i = 1; i < m->x_sources->len; i++)
    {
      const char *a = g_ptr_array_index (m->x_sources, i - 1), *b = g_ptr_array_index (m->x_sources, i);
      double x = l->px + i * slot_width (m, l);

      if (g_strcmp0 (a, b) == 0)
        continue;
      plot_rule (cr, m, l, x, 0.8, 1.5, dot);
      usga_chart_draw_text (cr, _("source changes →"), FONT_AXIS, x - 4, l->py + USGA_CHART_ROW_SOURCE, 1, 0);
    }
}

static void
draw_x_labels (cairo_t *cr, UsgaChartModel *m, UsgaChartLayout *l)
{
  guint n = usga_chart_model_n_x (m), every = 1;
  double widest = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = usga_chart_text_layout (cr, g_ptr_array_index (m->x_labels, i), FONT_AXIS, 0);
      widest = MAX (widest, usga_chart_layout_width (layout));
    }
  while (every < n && slot_width (m, l) * every < widest + 8)
    every++;
  usga_chart_set_fg (cr, m, 0.75);
  for (guint i = 0; i < n; i += every)
    usga_chart_draw_text (cr, g_ptr_array_index (m->x_labels, i), FONT_AXIS, point_x (m, l, i), l->py + l->ph + 5, 0.5, 0);
}

static void
draw_empty (cairo_t *cr, UsgaChartModel *m, UsgaChartLayout *l)
{
  g_autoptr(PangoLayout) layout = usga_chart_text_layout (cr, m->empty_message, FONT_SUBTITLE, MIN (l->pw, 520));

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  usga_chart_set_fg (cr, m, 0.05);
  cairo_rectangle (cr, l->px, l->py, l->pw, l->ph);
  cairo_fill (cr);
  usga_chart_set_fg (cr, m, 0.8);
  cairo_move_to (cr, l->px + (l->pw - MIN (l->pw, 520)) / 2, l->py + (l->ph - usga_chart_layout_height (layout)) / 2);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_focus_ring (cairo_t *cr, UsgaChartModel *m, double x, double y, double w, double h)
{
  usga_chart_set_fg (cr, m, 0.95);
  cairo_set_line_width (cr, 2);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_rectangle (cr, x, y, w, h);
  cairo_stroke (cr);
}

static void
draw_time_series (cairo_t *cr, UsgaChartModel *m, UsgaChartLayout *l)
{
  guint n = usga_chart_model_n_x (m);
  double top;

  draw_bands (cr, m, l);
  top = usga_chart_draw_y_axis (cr, m, l);
  draw_source_changes (cr, m, l);
  draw_x_labels (cr, m, l);

  for (guint s = 0; s < m->series->len; s++)
    {
      UsgaChartSeries *series = usga_chart_series_at (m, s);
      UsgaRgb colour = usga_palette_series (m->dark, s);

      if (series->average)
        {
          /* Moving average first, wide and light, so the actual values stay on top. */
          usga_rgb_set (cr, colour, 0.35);
          cairo_set_line_width (cr, 5);
          cairo_set_dash (cr, NULL, 0, 0);
          stroke_values (cr, m, l, series->average, n, top);
        }

      usga_rgb_set (cr, colour, 1);
      cairo_set_line_width (cr, 2.2);
      usga_chart_set_dash (cr, s);
      stroke_values (cr, m, l, series->values, n, top);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_width (cr, 1.5);
      if (n <= 80)
        for (guint i = 0; i < n; i++)
          {
            double v = usga_chart_value_at (series, i);
            if (isnan (v))
              continue;
            usga_chart_marker (cr, s, point_x (m, l, i), l->py + l->ph - v / top * l->ph, 3);
            if (s % 5 == 4)
              cairo_stroke (cr);
            else
              cairo_fill (cr);
          }
    }

  if (m->focus_index >= 0 && (guint) m->focus_index < n && (guint) m->focus_series < m->series->len)
    {
      double x = point_x (m, l, m->focus_index);
      double v = usga_chart_value_at (usga_chart_series_at (m, m->focus_series), m->focus_index);
      g_autofree char *text = usga_chart_point_text (m, m->focus_series, m->focus_index);
      g_autoptr(PangoLayout) layout = usga_chart_text_layout (cr, text, FONT_AXIS, 0);
      double y = isnan (v) ? l->py + l->ph : l->py + l->ph - v / top * l->ph;
      double tw = usga_chart_layout_width (layout) + 10, th = usga_chart_layout_height (layout) + 6;
      double tx = CLAMP (x - tw / 2, l->px, l->px + l->pw - tw), ty = MAX (y - th - 12, l->py);

      usga_chart_set_fg (cr, m, 0.4);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, round (x) + 0.5, l->py);
      cairo_line_to (cr, round (x) + 0.5, l->py + l->ph);
      cairo_stroke (cr);
      usga_rgb_set (cr, usga_palette_series (m->dark, m->focus_series), 1);
      cairo_arc (cr, x, y, 6, 0, 2 * G_PI);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
      /* The label repeats the value so a printout of a focused chart is self-explaining. */
      if (m->dark)
        cairo_set_source_rgba (cr, 0.2, 0.2, 0.2, 0.95);
      else
        cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
      cairo_rectangle (cr, tx, ty, tw, th);
      cairo_fill (cr);
      draw_focus_ring (cr, m, tx, ty, tw, th);
      cairo_move_to (cr, tx + 5, ty + 3);
      pango_cairo_show_layout (cr, layout);
    }
}

/* ---- ranking ---- */

static double
bar_height (UsgaChartModel *m, UsgaChartLayout *l)
{
  return l->ph / MAX (usga_chart_model_n_x (m), 1);
}

static void
draw_ranking (cairo_t *cr, UsgaChartModel *m, UsgaChartLayout *l)
{
  UsgaChartSeries *series = m->series->len ? usga_chart_series_at (m, 0) : NULL;
  guint n = usga_chart_model_n_x (m);
  double max = usga_chart_value_max (m), bh = bar_height (m, l);

  if (series == NULL || max <= 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      double v = usga_chart_value_at (series, i), y = l->py + i * bh, w = isnan (v) ? 0 : v / max * l->pw;
      g_autofree char *value = usga_chart_format_value (m, v);
      g_autofree char *label = g_strdup_printf ("%u. %s", i + 1, (char *) g_ptr_array_index (m->x_labels, i));
      g_autoptr(PangoLayout) layout = usga_chart_text_layout (cr, label, FONT_AXIS, 0);

      usga_rgb_set (cr, usga_palette_series (m->dark, 0), (int) i == m->focus_index ? 1 : 0.85);
      cairo_rectangle (cr, l->px, y + bh * 0.15, w, bh * 0.7);
      cairo_fill (cr);
      if ((int) i == m->focus_index)
        draw_focus_ring (cr, m, l->px - 2, y + bh * 0.1, w + 4, bh * 0.8);
      usga_chart_set_fg (cr, m, 0.9);
      pango_layout_set_width (layout, (int) (l->label_w * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      cairo_move_to (cr, l->px - 8 - MIN (usga_chart_layout_width (layout), l->label_w), y + (bh - usga_chart_layout_height (layout)) / 2);
      pango_cairo_show_layout (cr, layout);
      usga_chart_draw_text (cr, value, FONT_AXIS, l->px + w + 4, y + (bh - 12) / 2, 0, 0);
    }
}

/* ---- heatmap ---- */

static void
draw_heatmap (cairo_t *cr, UsgaChartModel *m, UsgaChartLayout *l)
{
  guint rows = m->series->len, cols = usga_chart_model_n_x (m);
  double max = usga_chart_value_max (m), cw, ch;

  if (rows == 0 || cols == 0)
    return;
  cw = l->pw / cols;
  ch = l->ph / rows;
  for (guint r = 0; r < rows; r++)
    {
      UsgaChartSeries *series = usga_chart_series_at (m, r);

      usga_chart_set_fg (cr, m, 0.85);
      usga_chart_draw_text (cr, series->name, FONT_AXIS, l->px - 6, l->py + r * ch + (ch - 12) / 2, 1, 0);
      for (guint c = 0; c < cols; c++)
        {
          double v = usga_chart_value_at (series, c), t = max > 0 && !isnan (v) ? v / max : 0;
          UsgaRgb colour = usga_palette_viridis (t);

          usga_rgb_set (cr, colour, 1);
          cairo_rectangle (cr, l->px + c * cw + 0.5, l->py + r * ch + 0.5, cw - 1, ch - 1);
          cairo_fill (cr);
          if (cw >= 30 && ch >= 14)
            {
              g_autofree char *text = usga_chart_format_value (m, v);
              /* Dark text on the light end of the scale, light text on the dark end. */
              if (t > 0.55)
                cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
              else
                cairo_set_source_rgb (cr, 1, 1, 1);
              usga_chart_draw_text (cr, text, FONT_FOOTER, l->px + (c + 0.5) * cw, l->py + r * ch + (ch - 11) / 2, 0.5, 0);
            }
        }
    }
  usga_chart_set_fg (cr, m, 0.75);
  for (guint c = 0; c < cols; c += cw < 24 ? 3 : 1)
    usga_chart_draw_text (cr, g_ptr_array_index (m->x_labels, c), FONT_AXIS, l->px + (c + 0.5) * cw, l->py + l->ph + 3, 0.5, 0);

  /* Colour scale */
  {
    double sx = l->px, sy = l->py + l->ph + 22, sw = MIN (l->pw / 3, 220);
    g_autofree char *max_text = usga_chart_format_value (m, max);
    for (int k = 0; k < 50; k++)
      {
        usga_rgb_set (cr, usga_palette_viridis (k / 49.0), 1);
        cairo_rectangle (cr, sx + k * sw / 50, sy, sw / 50 + 0.5, 10);
        cairo_fill (cr);
      }
    usga_chart_set_fg (cr, m, 0.8);
    usga_chart_draw_text (cr, "0", FONT_FOOTER, sx - 4, sy - 1, 1, 0);
    usga_chart_draw_text (cr, max_text, FONT_FOOTER, sx + sw + 4, sy - 1, 0, 0);
  }
  if (m->focus_index >= 0 && (guint) m->focus_index < cols && (guint) m->focus_series < rows)
    draw_focus_ring (cr, m, l->px + m->focus_index * cw, l->py + m->focus_series * ch, cw, ch);
}

/* ---- victims by sex × age ---- */

static void
draw_sex_age (cairo_t *cr, UsgaChartModel *m, UsgaChartLayout *l)
{
  guint groups = usga_chart_model_n_x (m), bars = m->series->len;
  double top = usga_chart_draw_y_axis (cr, m, l), gw = slot_width (m, l), bw = gw * 0.7 / MAX (bars, 1);

  draw_x_labels (cr, m, l);
  for (guint s = 0; s < bars; s++)
    for (guint g = 0; g < groups; g++)
      {
        double v = usga_chart_value_at (usga_chart_series_at (m, s), g), h = isnan (v) ? 0 : v / top * l->ph;
        double x = l->px + g * gw + gw * 0.15 + s * bw, y = l->py + l->ph - h;

        usga_rgb_set (cr, usga_palette_series (m->dark, s), 1);
        cairo_rectangle (cr, x, y, bw - 2, h);
        cairo_fill (cr);
        if (s == 1)
          {
            cairo_save (cr);
            cairo_rectangle (cr, x, y, bw - 2, h);
            cairo_clip (cr);
            cairo_set_source_rgba (cr, 1, 1, 1, 0.6);
            cairo_set_line_width (cr, 1.5);
            for (double hx = x - h; hx < x + bw; hx += 6)
              {
                cairo_move_to (cr, hx, y + h);
                cairo_line_to (cr, hx + h, y);
              }
            cairo_stroke (cr);
            cairo_restore (cr);
          }
        if ((int) g == m->focus_index && (int) s == m->focus_series)
          draw_focus_ring (cr, m, x - 2, y - 2, bw + 2, h + 4);
      }
}

/* ---- the one entry point ---- */

void
usga_chart_draw (cairo_t *cr, double width, double height, UsgaChartModel *m)
{
  const double pad = 12;
  UsgaChartLayout l;
  double y = pad;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (!m->transparent)
    {
      if (m->dark)
        cairo_set_source_rgb (cr, 0.19, 0.19, 0.19);   /* Adwaita dark card */
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
    }

  usga_chart_compute_layout (cr, m, width, height, &l);
  usga_chart_set_fg (cr, m, 1);
  if (m->title)
    usga_chart_draw_text (cr, m->title, FONT_TITLE, pad, y, 0, width - 2 * pad);
  y += l.title_h + 2;
  usga_chart_set_fg (cr, m, 0.7);
  if (m->subtitle)
    usga_chart_draw_text (cr, m->subtitle, FONT_SUBTITLE, pad, y, 0, width - 2 * pad);
  y += l.subtitle_h + 6;
  usga_chart_legend_height (cr, m, width - 2 * pad, TRUE, y);

  if (m->empty_message)
    draw_empty (cr, m, &l);
  else
    switch (m->kind)
      {
      case USGA_CHART_TIME_SERIES: draw_time_series (cr, m, &l); break;
      case USGA_CHART_RANKING:     draw_ranking (cr, m, &l); break;
      case USGA_CHART_HEATMAP:     draw_heatmap (cr, m, &l); break;
      case USGA_CHART_SEX_AGE:     draw_sex_age (cr, m, &l); break;
      }

  {
    g_autofree char *notes = usga_chart_notes_text (m);
    if (notes)
      {
        usga_chart_set_fg (cr, m, 0.65);
        usga_chart_draw_text (cr, notes, FONT_FOOTER, pad, height - l.notes_h - pad / 2 + 6, 0, width - 2 * pad);
      }
  }
  cairo_restore (cr);
}

/* ---- hit testing ---- */

static cairo_t *
measuring_context (cairo_surface_t **surface)
{
  *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  return cairo_create (*surface);
}

gboolean
usga_chart_hit (UsgaChartModel *m, double width, double height, double x, double y, int *series, int *index)
{
  cairo_surface_t *surface;
  cairo_t *cr = measuring_context (&surface);
  guint n = usga_chart_model_n_x (m);
  gboolean hit = FALSE;
  UsgaChartLayout l;

  usga_chart_compute_layout (cr, m, width, height, &l);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  if (m->empty_message || n == 0 || m->series->len == 0 ||
      x < l.px || x >= l.px + l.pw || y < l.py - 8 || y >= l.py + l.ph + 8)
    return FALSE;

  switch (m->kind)
    {
    case USGA_CHART_TIME_SERIES:
      {
        double top = usga_chart_value_top (m, &l, NULL), best = G_MAXDOUBLE;
        *index = MIN ((guint) ((x - l.px) / slot_width (m, &l)), n - 1);
        *series = 0;
        for (guint s = 0; s < m->series->len; s++)
          {
            double v = usga_chart_value_at (usga_chart_series_at (m, s), *index);
            double d = isnan (v) ? G_MAXDOUBLE : fabs (l.py + l.ph - v / top * l.ph - y);
            if (d < best)
              best = d, *series = s;
          }
        hit = TRUE;
      }
      break;
    case USGA_CHART_RANKING:
      *series = 0;
      *index = MIN ((guint) ((y - l.py) / bar_height (m, &l)), n - 1);
      hit = y >= l.py;
      break;
    case USGA_CHART_HEATMAP:
      *index = MIN ((guint) ((x - l.px) / (l.pw / n)), n - 1);
      *series = MIN ((guint) (MAX (y - l.py, 0) / (l.ph / m->series->len)), m->series->len - 1);
      hit = y >= l.py && y < l.py + l.ph;
      break;
    case USGA_CHART_SEX_AGE:
      {
        double gw = slot_width (m, &l), bw = gw * 0.7 / m->series->len, off;
        *index = MIN ((guint) ((x - l.px) / gw), n - 1);
        off = x - l.px - *index * gw - gw * 0.15;
        *series = CLAMP ((int) (off / bw), 0, (int) m->series->len - 1);
        hit = TRUE;
      }
      break;
    }
  return hit;
}

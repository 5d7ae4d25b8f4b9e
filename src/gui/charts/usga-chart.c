/* usga-chart.c — chart models, the drawing routines, hit testing, tables and exports.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "usga-chart.h"

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

static UsgaChartSeries *
series_at (UsgaChartModel *m, guint s)
{
  return g_ptr_array_index (m->series, s);
}

static double
value_at (UsgaChartSeries *s, guint i)
{
  return i < s->values->len ? g_array_index (s->values, double, i) : NAN;
}

static gint64
count_at (UsgaChartSeries *s, guint i)
{
  return i < s->counts->len ? g_array_index (s->counts, gint64, i) : 0;
}

/* ---- formatting (locale digit grouping, like the rest of the interface) ---- */

static char *
format_value (UsgaChartModel *m, double v)
{
  if (isnan (v))
    return g_strdup ("—");
  if (m->rates)
    return g_strdup_printf ("%'.1f", v);
  return g_strdup_printf ("%'.0f", v);
}

#define format_count usga_format_count
#define format_change usga_format_change

/* ---- colours: Okabe–Ito, safe for the common colour-vision deficiencies ---- */

typedef struct { double r, g, b; } Rgb;

static const Rgb palette_light[] = {
  { 0.000, 0.447, 0.698 }, /* blue */
  { 0.835, 0.369, 0.000 }, /* vermillion */
  { 0.000, 0.620, 0.451 }, /* bluish green */
  { 0.800, 0.475, 0.655 }, /* reddish purple */
  { 0.902, 0.624, 0.000 }, /* orange */
  { 0.337, 0.706, 0.914 }, /* sky blue */
};
static const Rgb palette_dark[] = {
  { 0.337, 0.706, 0.914 },
  { 0.902, 0.624, 0.000 },
  { 0.000, 0.620, 0.451 },
  { 0.800, 0.475, 0.655 },
  { 0.835, 0.369, 0.000 },
  { 0.941, 0.894, 0.259 },
};

static Rgb
series_colour (gboolean dark, guint index)
{
  return dark ? palette_dark[index % G_N_ELEMENTS (palette_dark)]
              : palette_light[index % G_N_ELEMENTS (palette_light)];
}

static void
set_rgb (cairo_t *cr, Rgb c, double alpha)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, alpha);
}

static void
set_fg (cairo_t *cr, UsgaChartModel *m, double alpha)
{
  if (m->dark)
    cairo_set_source_rgba (cr, 0.96, 0.96, 0.96, alpha);
  else
    cairo_set_source_rgba (cr, 0.12, 0.12, 0.12, alpha);
}

/* Viridis, perceptually uniform and readable without colour. */
static Rgb
viridis (double t)
{
  static const Rgb stops[] = {
    { 0.267, 0.005, 0.329 }, { 0.229, 0.322, 0.546 }, { 0.128, 0.567, 0.551 },
    { 0.369, 0.789, 0.383 }, { 0.993, 0.906, 0.144 },
  };
  double p = CLAMP (t, 0, 1) * (G_N_ELEMENTS (stops) - 1);
  guint i = MIN ((guint) p, G_N_ELEMENTS (stops) - 2);
  double f = p - i;
  Rgb c = { stops[i].r + f * (stops[i + 1].r - stops[i].r),
            stops[i].g + f * (stops[i + 1].g - stops[i].g),
            stops[i].b + f * (stops[i + 1].b - stops[i].b) };
  return c;
}

/* Dashes and markers carry the series identity without colour. */
static void
set_dash (cairo_t *cr, guint index)
{
  static const double dash[] = { 8, 4 }, dot[] = { 2, 3 }, dashdot[] = { 8, 3, 2, 3 }, longdash[] = { 14, 4 };

  switch (index % 5)
    {
    case 0: cairo_set_dash (cr, NULL, 0, 0); break;
    case 1: cairo_set_dash (cr, dash, 2, 0); break;
    case 2: cairo_set_dash (cr, dot, 2, 0); break;
    case 3: cairo_set_dash (cr, dashdot, 4, 0); break;
    default: cairo_set_dash (cr, longdash, 2, 0); break;
    }
}

static void
marker (cairo_t *cr, guint index, double x, double y, double r)
{
  switch (index % 5)
    {
    case 0: cairo_arc (cr, x, y, r, 0, 2 * G_PI); break;
    case 1: cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r); break;
    case 2:
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x + r * 1.1, y + r * 0.8);
      cairo_line_to (cr, x - r * 1.1, y + r * 0.8);
      cairo_close_path (cr);
      break;
    case 3:
      cairo_move_to (cr, x, y - r * 1.3);
      cairo_line_to (cr, x + r * 1.3, y);
      cairo_line_to (cr, x, y + r * 1.3);
      cairo_line_to (cr, x - r * 1.3, y);
      cairo_close_path (cr);
      break;
    default:
      cairo_move_to (cr, x - r, y - r);
      cairo_line_to (cr, x + r, y + r);
      cairo_move_to (cr, x + r, y - r);
      cairo_line_to (cr, x - r, y + r);
      break;
    }
}

/* ---- text ---- */

static PangoLayout *
text_layout (cairo_t *cr, const char *text, const char *font, double width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return h;
}

static double
layout_width (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

/* Draws @text with its top-left at (x, y), or aligned by @xalign (0 left, 0.5 centre, 1 right). */
static double
draw_text (cairo_t *cr, const char *text, const char *font, double x, double y, double xalign, double width)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, font, width);
  double w = layout_width (layout);

  cairo_move_to (cr, x - xalign * w, y);
  pango_cairo_show_layout (cr, layout);
  return layout_height (layout);
}

#define FONT_TITLE    "Sans Bold 12"
#define FONT_SUBTITLE "Sans 9"
#define FONT_AXIS     "Sans 8"
#define FONT_FOOTER   "Sans 7.5"

/* ---- layout shared by drawing and hit testing ---- */

typedef struct {
  double title_h, subtitle_h, legend_h, notes_h;
  double px, py, pw, ph;   /* plot area */
  double label_w;          /* rankings: room for colonia names */
} Layout;

static char *
notes_text (UsgaChartModel *m)
{
  if (m->note && m->footer)
    return g_strdup_printf ("%s\n%s", m->note, m->footer);
  return g_strdup (m->note ? m->note : m->footer);
}

static double
legend_height (cairo_t *cr, UsgaChartModel *m, double width, gboolean draw, double y0);

static void
compute_layout (cairo_t *cr, UsgaChartModel *m, double width, double height, Layout *l)
{
  const double pad = 12;
  g_autoptr(PangoLayout) title = text_layout (cr, m->title, FONT_TITLE, width - 2 * pad);
  g_autoptr(PangoLayout) subtitle = text_layout (cr, m->subtitle, FONT_SUBTITLE, width - 2 * pad);
  g_autofree char *notes = notes_text (m);
  g_autoptr(PangoLayout) notes_layout = text_layout (cr, notes, FONT_FOOTER, width - 2 * pad);
  double left = 64, bottom = 28, top;

  memset (l, 0, sizeof *l);
  l->title_h = m->title ? layout_height (title) : 0;
  l->subtitle_h = m->subtitle ? layout_height (subtitle) : 0;
  l->notes_h = notes ? layout_height (notes_layout) + 6 : 0;
  l->legend_h = legend_height (cr, m, width - 2 * pad, FALSE, 0);
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
static double
legend_height (cairo_t *cr, UsgaChartModel *m, double width, gboolean draw, double y0)
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
            any_average |= series_at (m, k)->average != NULL;
          if (!any_average)
            break;
          text = g_strdup (_("Lighter wide line: 3-month moving average"));
        }
      else
        {
          UsgaChartSeries *series = series_at (m, s);
          GString *str = g_string_new (series->name);

          if (series->live_change)
            g_string_append_printf (str, " · %s", series->live_change);
          if (series->baseline)
            g_string_append_printf (str, " · %s", series->baseline);
          text = g_string_free (str, FALSE);
        }
      layout = text_layout (cr, text, FONT_AXIS, 0);
      w = swatch + 6 + layout_width (layout);
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
              set_fg (cr, m, 0.35);
              cairo_set_line_width (cr, 5);
              cairo_set_dash (cr, NULL, 0, 0);
              cairo_move_to (cr, x, cy);
              cairo_line_to (cr, x + swatch, cy);
              cairo_stroke (cr);
            }
          else if (m->kind == USGA_CHART_SEX_AGE)
            {
              set_rgb (cr, series_colour (m->dark, s), 1);
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
              set_rgb (cr, series_colour (m->dark, s), 1);
              cairo_set_line_width (cr, 2.5);
              set_dash (cr, s);
              cairo_move_to (cr, x, cy);
              cairo_line_to (cr, x + swatch, cy);
              cairo_stroke (cr);
              cairo_set_dash (cr, NULL, 0, 0);
              marker (cr, s, x + swatch / 2, cy, 3.5);
              if (s % 5 == 4)
                cairo_stroke (cr);
              else
                cairo_fill (cr);
            }
          set_fg (cr, m, 0.9);
          cairo_move_to (cr, x + swatch + 6, y + (row_h - layout_height (layout)) / 2);
          pango_cairo_show_layout (cr, layout);
        }
      x += w + gap;
    }
  return h + 4;
}

/* ---- axes ---- */

static double
nice_step (double max, int ticks)
{
  double raw = max / ticks, mag, f;

  if (raw <= 0)
    return 1;
  mag = pow (10, floor (log10 (raw)));
  f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

static double
value_max (UsgaChartModel *m)
{
  double max = 0;

  for (guint s = 0; s < m->series->len; s++)
    {
      UsgaChartSeries *series = series_at (m, s);
      for (guint i = 0; i < series->values->len; i++)
        {
          double v = value_at (series, i);
          if (!isnan (v))
            max = MAX (max, v);
        }
    }
  return max;
}

static double
draw_y_axis (cairo_t *cr, UsgaChartModel *m, Layout *l)
{
  double max = value_max (m), step = nice_step (max > 0 ? max : 1, 4), top = ceil ((max > 0 ? max : 1) / step) * step;

  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, NULL, 0, 0);
  for (double v = 0; v <= top + step / 2; v += step)
    {
      double y = l->py + l->ph - v / top * l->ph;
      g_autofree char *label = format_value (m, v);

      set_fg (cr, m, v == 0 ? 0.5 : 0.12);
      cairo_move_to (cr, l->px, round (y) + 0.5);
      cairo_line_to (cr, l->px + l->pw, round (y) + 0.5);
      cairo_stroke (cr);
      set_fg (cr, m, 0.75);
      draw_text (cr, label, FONT_AXIS, l->px - 6, y - 7, 1, 0);
    }
  return top;
}

/* ---- time series ---- */

static double
slot_width (UsgaChartModel *m, Layout *l)
{
  return l->pw / MAX (usga_chart_model_n_x (m), 1);
}

static double
point_x (UsgaChartModel *m, Layout *l, guint i)
{
  return l->px + (i + 0.5) * slot_width (m, l);
}

/* One line through @values' first @n points; a NAN (no value) breaks it, never draws a zero. */
static void
stroke_values (cairo_t *cr, UsgaChartModel *m, Layout *l, GArray *values, guint n, double top)
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
date_x (UsgaChartModel *m, Layout *l, guint day)
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

static void
draw_bands (cairo_t *cr, UsgaChartModel *m, Layout *l)
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
          set_fg (cr, m, 0.6);
          cairo_set_line_width (cr, 1.2);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_move_to (cr, round (x0) + 0.5, l->py);
          cairo_line_to (cr, round (x0) + 0.5, l->py + l->ph);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          set_fg (cr, m, 0.85);
          draw_text (cr, band->label, FONT_AXIS, x0 + 4, l->py + 16, 0, 0);
          continue;
        }
      if (x0 < 0)
        x0 = l->px;
      if (x1 < 0)
        x1 = l->px + l->pw;
      set_fg (cr, m, shaded++ % 2 ? 0.04 : 0.08);
      cairo_rectangle (cr, x0, l->py, x1 - x0, l->ph);
      cairo_fill (cr);
      set_fg (cr, m, 0.3);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, round (x0) + 0.5, l->py);
      cairo_line_to (cr, round (x0) + 0.5, l->py + l->ph);
      cairo_stroke (cr);
      set_fg (cr, m, 0.7);
      {
        g_autoptr(PangoLayout) layout = text_layout (cr, band->label, FONT_AXIS, 0);
        if (layout_width (layout) < x1 - x0 - 6)
          {
            cairo_move_to (cr, x0 + 4, l->py + 2);
            pango_cairo_show_layout (cr, layout);
          }
      }
    }
}

/* A dotted line and a label where the series switches from quarterly counts to carpeta rows. */
static void
draw_source_changes (cairo_t *cr, UsgaChartModel *m, Layout *l)
{
  static const double dot[] = { 1, 3 };

  for (guint i = 1; i < m->x_sources->len; i++)
    {
      const char *a = g_ptr_array_index (m->x_sources, i - 1), *b = g_ptr_array_index (m->x_sources, i);
      double x = l->px + i * slot_width (m, l);

      if (g_strcmp0 (a, b) == 0)
        continue;
      set_fg (cr, m, 0.8);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dot, 2, 0);
      cairo_move_to (cr, round (x) + 0.5, l->py);
      cairo_line_to (cr, round (x) + 0.5, l->py + l->ph);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      draw_text (cr, _("source changes →"), FONT_AXIS, x - 4, l->py + 32, 1, 0);
    }
}

static void
draw_x_labels (cairo_t *cr, UsgaChartModel *m, Layout *l)
{
  guint n = usga_chart_model_n_x (m), every = 1;
  double widest = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = text_layout (cr, g_ptr_array_index (m->x_labels, i), FONT_AXIS, 0);
      widest = MAX (widest, layout_width (layout));
    }
  while (every < n && slot_width (m, l) * every < widest + 8)
    every++;
  set_fg (cr, m, 0.75);
  for (guint i = 0; i < n; i += every)
    draw_text (cr, g_ptr_array_index (m->x_labels, i), FONT_AXIS, point_x (m, l, i), l->py + l->ph + 5, 0.5, 0);
}

static void
draw_empty (cairo_t *cr, UsgaChartModel *m, Layout *l)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, m->empty_message, FONT_SUBTITLE, MIN (l->pw, 520));

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  set_fg (cr, m, 0.05);
  cairo_rectangle (cr, l->px, l->py, l->pw, l->ph);
  cairo_fill (cr);
  set_fg (cr, m, 0.8);
  cairo_move_to (cr, l->px + (l->pw - MIN (l->pw, 520)) / 2, l->py + (l->ph - layout_height (layout)) / 2);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_focus_ring (cairo_t *cr, UsgaChartModel *m, double x, double y, double w, double h)
{
  set_fg (cr, m, 0.95);
  cairo_set_line_width (cr, 2);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_rectangle (cr, x, y, w, h);
  cairo_stroke (cr);
}

static void
draw_time_series (cairo_t *cr, UsgaChartModel *m, Layout *l)
{
  guint n = usga_chart_model_n_x (m);
  double top;

  draw_bands (cr, m, l);
  top = draw_y_axis (cr, m, l);
  draw_source_changes (cr, m, l);
  draw_x_labels (cr, m, l);

  for (guint s = 0; s < m->series->len; s++)
    {
      UsgaChartSeries *series = series_at (m, s);
      Rgb colour = series_colour (m->dark, s);

      if (series->average)
        {
          /* Moving average first, wide and light, so the actual values stay on top. */
          set_rgb (cr, colour, 0.35);
          cairo_set_line_width (cr, 5);
          cairo_set_dash (cr, NULL, 0, 0);
          stroke_values (cr, m, l, series->average, n, top);
        }

      set_rgb (cr, colour, 1);
      cairo_set_line_width (cr, 2.2);
      set_dash (cr, s);
      stroke_values (cr, m, l, series->values, n, top);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_width (cr, 1.5);
      if (n <= 80)
        for (guint i = 0; i < n; i++)
          {
            double v = value_at (series, i);
            if (isnan (v))
              continue;
            marker (cr, s, point_x (m, l, i), l->py + l->ph - v / top * l->ph, 3);
            if (s % 5 == 4)
              cairo_stroke (cr);
            else
              cairo_fill (cr);
          }
    }

  if (m->focus_index >= 0 && (guint) m->focus_index < n && (guint) m->focus_series < m->series->len)
    {
      double x = point_x (m, l, m->focus_index);
      double v = value_at (series_at (m, m->focus_series), m->focus_index);
      g_autofree char *text = usga_chart_point_text (m, m->focus_series, m->focus_index);
      g_autoptr(PangoLayout) layout = text_layout (cr, text, FONT_AXIS, 0);
      double y = isnan (v) ? l->py + l->ph : l->py + l->ph - v / top * l->ph;
      double tw = layout_width (layout) + 10, th = layout_height (layout) + 6;
      double tx = CLAMP (x - tw / 2, l->px, l->px + l->pw - tw), ty = MAX (y - th - 12, l->py);

      set_fg (cr, m, 0.4);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, round (x) + 0.5, l->py);
      cairo_line_to (cr, round (x) + 0.5, l->py + l->ph);
      cairo_stroke (cr);
      set_rgb (cr, series_colour (m->dark, m->focus_series), 1);
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
bar_height (UsgaChartModel *m, Layout *l)
{
  return l->ph / MAX (usga_chart_model_n_x (m), 1);
}

static void
draw_ranking (cairo_t *cr, UsgaChartModel *m, Layout *l)
{
  UsgaChartSeries *series = m->series->len ? series_at (m, 0) : NULL;
  guint n = usga_chart_model_n_x (m);
  double max = value_max (m), bh = bar_height (m, l);

  if (series == NULL || max <= 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      double v = value_at (series, i), y = l->py + i * bh, w = isnan (v) ? 0 : v / max * l->pw;
      g_autofree char *value = format_value (m, v);
      g_autofree char *label = g_strdup_printf ("%u. %s", i + 1, (char *) g_ptr_array_index (m->x_labels, i));
      g_autoptr(PangoLayout) layout = text_layout (cr, label, FONT_AXIS, 0);

      set_rgb (cr, series_colour (m->dark, 0), (int) i == m->focus_index ? 1 : 0.85);
      cairo_rectangle (cr, l->px, y + bh * 0.15, w, bh * 0.7);
      cairo_fill (cr);
      if ((int) i == m->focus_index)
        draw_focus_ring (cr, m, l->px - 2, y + bh * 0.1, w + 4, bh * 0.8);
      set_fg (cr, m, 0.9);
      pango_layout_set_width (layout, (int) (l->label_w * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      cairo_move_to (cr, l->px - 8 - MIN (layout_width (layout), l->label_w), y + (bh - layout_height (layout)) / 2);
      pango_cairo_show_layout (cr, layout);
      draw_text (cr, value, FONT_AXIS, l->px + w + 4, y + (bh - 12) / 2, 0, 0);
    }
}

/* ---- heatmap ---- */

static void
draw_heatmap (cairo_t *cr, UsgaChartModel *m, Layout *l)
{
  guint rows = m->series->len, cols = usga_chart_model_n_x (m);
  double max = value_max (m), cw, ch;

  if (rows == 0 || cols == 0)
    return;
  cw = l->pw / cols;
  ch = l->ph / rows;
  for (guint r = 0; r < rows; r++)
    {
      UsgaChartSeries *series = series_at (m, r);

      set_fg (cr, m, 0.85);
      draw_text (cr, series->name, FONT_AXIS, l->px - 6, l->py + r * ch + (ch - 12) / 2, 1, 0);
      for (guint c = 0; c < cols; c++)
        {
          double v = value_at (series, c), t = max > 0 && !isnan (v) ? v / max : 0;
          Rgb colour = viridis (t);

          set_rgb (cr, colour, 1);
          cairo_rectangle (cr, l->px + c * cw + 0.5, l->py + r * ch + 0.5, cw - 1, ch - 1);
          cairo_fill (cr);
          if (cw >= 30 && ch >= 14)
            {
              g_autofree char *text = format_value (m, v);
              /* Dark text on the light end of the scale, light text on the dark end. */
              if (t > 0.55)
                cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
              else
                cairo_set_source_rgb (cr, 1, 1, 1);
              draw_text (cr, text, FONT_FOOTER, l->px + (c + 0.5) * cw, l->py + r * ch + (ch - 11) / 2, 0.5, 0);
            }
        }
    }
  set_fg (cr, m, 0.75);
  for (guint c = 0; c < cols; c += cw < 24 ? 3 : 1)
    draw_text (cr, g_ptr_array_index (m->x_labels, c), FONT_AXIS, l->px + (c + 0.5) * cw, l->py + l->ph + 3, 0.5, 0);

  /* Colour scale */
  {
    double sx = l->px, sy = l->py + l->ph + 22, sw = MIN (l->pw / 3, 220);
    g_autofree char *max_text = format_value (m, max);
    for (int k = 0; k < 50; k++)
      {
        set_rgb (cr, viridis (k / 49.0), 1);
        cairo_rectangle (cr, sx + k * sw / 50, sy, sw / 50 + 0.5, 10);
        cairo_fill (cr);
      }
    set_fg (cr, m, 0.8);
    draw_text (cr, "0", FONT_FOOTER, sx - 4, sy - 1, 1, 0);
    draw_text (cr, max_text, FONT_FOOTER, sx + sw + 4, sy - 1, 0, 0);
  }
  if (m->focus_index >= 0 && (guint) m->focus_index < cols && (guint) m->focus_series < rows)
    draw_focus_ring (cr, m, l->px + m->focus_index * cw, l->py + m->focus_series * ch, cw, ch);
}

/* ---- victims by sex × age ---- */

static void
draw_sex_age (cairo_t *cr, UsgaChartModel *m, Layout *l)
{
  guint groups = usga_chart_model_n_x (m), bars = m->series->len;
  double top = draw_y_axis (cr, m, l), gw = slot_width (m, l), bw = gw * 0.7 / MAX (bars, 1);

  draw_x_labels (cr, m, l);
  for (guint s = 0; s < bars; s++)
    for (guint g = 0; g < groups; g++)
      {
        double v = value_at (series_at (m, s), g), h = isnan (v) ? 0 : v / top * l->ph;
        double x = l->px + g * gw + gw * 0.15 + s * bw, y = l->py + l->ph - h;

        set_rgb (cr, series_colour (m->dark, s), 1);
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
  Layout l;
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

  compute_layout (cr, m, width, height, &l);
  set_fg (cr, m, 1);
  if (m->title)
    draw_text (cr, m->title, FONT_TITLE, pad, y, 0, width - 2 * pad);
  y += l.title_h + 2;
  set_fg (cr, m, 0.7);
  if (m->subtitle)
    draw_text (cr, m->subtitle, FONT_SUBTITLE, pad, y, 0, width - 2 * pad);
  y += l.subtitle_h + 6;
  legend_height (cr, m, width - 2 * pad, TRUE, y);

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
    g_autofree char *notes = notes_text (m);
    if (notes)
      {
        set_fg (cr, m, 0.65);
        draw_text (cr, notes, FONT_FOOTER, pad, height - l.notes_h - pad / 2 + 6, 0, width - 2 * pad);
      }
  }
  cairo_restore (cr);
}

void
usga_chart_draw_sparkline (cairo_t *cr, double width, double height, UsgaChartModel *m, guint index, gboolean dark)
{
  UsgaChartSeries *series;
  double max = 0;
  guint n;

  if (index >= m->series->len)
    return;
  series = series_at (m, index);
  n = series->values->len;
  if (n < 2)
    return;
  for (guint i = 0; i < n; i++)
    if (!isnan (value_at (series, i)))
      max = MAX (max, value_at (series, i));
  if (max <= 0)
    max = 1;
  cairo_save (cr);
  set_rgb (cr, series_colour (dark, 0), 1);
  cairo_set_line_width (cr, 1.8);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n; i++)
    {
      double v = value_at (series, i), x = 2 + i * (width - 4) / (n - 1), y = height - 2 - (isnan (v) ? 0 : v) / max * (height - 4);
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_stroke (cr);
  /* The last point marked: the value the card's number refers to ends here. */
  {
    double v = value_at (series, n - 1);
    cairo_arc (cr, width - 2, height - 2 - (isnan (v) ? 0 : v) / max * (height - 4), 2.5, 0, 2 * G_PI);
    cairo_fill (cr);
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
  Layout l;

  compute_layout (cr, m, width, height, &l);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  if (m->empty_message || n == 0 || m->series->len == 0 ||
      x < l.px || x >= l.px + l.pw || y < l.py - 8 || y >= l.py + l.ph + 8)
    return FALSE;

  switch (m->kind)
    {
    case USGA_CHART_TIME_SERIES:
      {
        double top = nice_step (MAX (value_max (m), 1), 4), best = G_MAXDOUBLE;
        top = ceil (MAX (value_max (m), 1) / top) * top;
        *index = MIN ((guint) ((x - l.px) / slot_width (m, &l)), n - 1);
        *series = 0;
        for (guint s = 0; s < m->series->len; s++)
          {
            double v = value_at (series_at (m, s), *index);
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
  series = series_at (m, s);
  label = g_ptr_array_index (m->x_labels, i);
  count = format_count (count_at (series, i));

  switch (m->kind)
    {
    case USGA_CHART_TIME_SERIES:
      {
        g_autofree char *rate = format_value (m, value_at (series, i));
        g_autofree char *change = NULL;
        GString *text = g_string_new (NULL);

        g_string_append_printf (text, "%s · %s: %s %s", series->name, label, count, unit_for (m));
        if (m->rates)
          g_string_append_printf (text, _(" (%s per 100 000)"), rate);
        if (i > 0)
          {
            double before = value_at (series, i - 1), now = value_at (series, i);
            change = format_change (before > 0 ? 100 * (now - before) / before : NAN);
            g_string_append_printf (text, _(", %s on %s"), change, (char *) g_ptr_array_index (m->x_labels, i - 1));
          }
        return g_string_free (text, FALSE);
      }
    case USGA_CHART_RANKING:
      if (m->rates)
        {
          g_autofree char *rate = format_value (m, value_at (series, i));
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
      UsgaChartSeries *series = series_at (m, s);
      guint best = 0;

      for (guint i = 1; i < n; i++)
        if (value_at (series, i) > value_at (series, best))
          best = i;
      switch (m->kind)
        {
        case USGA_CHART_TIME_SERIES:
          {
            g_autofree char *first = format_value (m, value_at (series, 0));
            g_autofree char *last = format_value (m, value_at (series, n - 1));
            g_autofree char *peak = format_value (m, value_at (series, best));
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
          if (value_at (series_at (m, s), i) > best)
            best = value_at (series_at (m, s), i), bs = s, bi = i;
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
        if (series_at (m, s)->average)
          {
            g_ptr_array_add (header, g_strdup (raw ? "moving_average_3" : _("3-month average")));
            break;
          }
      g_ptr_array_add (header, g_strdup (raw ? "source" : _("Source")));
      g_ptr_array_add (rows, row_of (header));
      for (guint i = 0; i < n; i++)
        for (guint s = 0; s < m->series->len; s++)
          {
            UsgaChartSeries *series = series_at (m, s);
            GPtrArray *cells = g_ptr_array_new ();
            const char *source = g_ptr_array_index (m->x_sources, i);

            g_ptr_array_add (cells, g_strdup (g_ptr_array_index (raw ? m->x_keys : m->x_labels, i)));
            g_ptr_array_add (cells, g_strdup (raw && series->key ? series->key : series->name));
            g_ptr_array_add (cells, raw ? g_strdup_printf ("%" G_GINT64_FORMAT, count_at (series, i))
                                        : format_count (count_at (series, i)));
            if (m->rates)
              g_ptr_array_add (cells, raw ? raw_double (value_at (series, i), "%.2f") : format_value (m, value_at (series, i)));
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
          g_ptr_array_add (cells, raw ? g_strdup_printf ("%" G_GINT64_FORMAT, count_at (series_at (m, 0), i))
                                      : format_count (count_at (series_at (m, 0), i)));
          if (m->rates)
            g_ptr_array_add (cells, raw ? raw_double (value_at (series_at (m, 0), i), "%.2f")
                                        : format_value (m, value_at (series_at (m, 0), i)));
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
              g_ptr_array_add (cells, g_strdup (raw && series_at (m, s)->key ? series_at (m, s)->key : series_at (m, s)->name));
              g_ptr_array_add (cells, g_strdup (g_ptr_array_index (raw ? m->x_keys : m->x_labels, i)));
              g_ptr_array_add (cells, raw ? g_strdup_printf ("%" G_GINT64_FORMAT, count_at (series_at (m, s), i))
                                          : format_count (count_at (series_at (m, s), i)));
              g_ptr_array_add (rows, row_of (cells));
            }
      }
      break;
    }
  return rows;
}

#define append_csv_field usga_csv_append_field

gboolean
usga_chart_write_csv (UsgaChartModel *m, GOutputStream *out, GError **error)
{
  g_autoptr(GPtrArray) rows = usga_chart_table (m, TRUE);
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *notes = notes_text (m);

  for (guint r = 0; r < rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (rows, r);
      for (guint c = 0; cells[c]; c++)
        {
          if (c)
            g_string_append_c (s, ',');
          append_csv_field (s, cells[c]);
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

/* ---- exports ---- */

static const char *const format_names[] = { "png", "svg", "pdf", "csv" };

gboolean
usga_export_format_from_string (const char *name, UsgaExportFormat *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (name, format_names[i]) == 0)
      {
        *format = i;
        return TRUE;
      }
  return FALSE;
}

const char *
usga_export_format_extension (UsgaExportFormat format)
{
  return format_names[format];
}

static gboolean
check_cairo (cairo_status_t status, const char *path, GError **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
               cairo_status_to_string (status));
  return FALSE;
}

gboolean
usga_chart_export (GPtrArray *models, UsgaExportFormat format, const char *path,
                   double width, double height, GError **error)
{
  cairo_surface_t *surface = NULL;
  cairo_t *cr;
  cairo_status_t status;
  guint n = models->len;

  g_return_val_if_fail (n > 0, FALSE);

  if (format == USGA_EXPORT_CSV)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);

      if (out == NULL)
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          if (i > 0 && !g_output_stream_write_all (G_OUTPUT_STREAM (out), "\n", 1, NULL, NULL, error))
            return FALSE;
          if (!usga_chart_write_csv (g_ptr_array_index (models, i), G_OUTPUT_STREAM (out), error))
            return FALSE;
        }
      return g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
    }

  switch (format)
    {
    case USGA_EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) (height * n));
      break;
    case USGA_EXPORT_SVG:
      surface = cairo_svg_surface_create (path, width, height * n);
      break;
    case USGA_EXPORT_PDF:
      surface = cairo_pdf_surface_create (path, width, height);
      break;
    case USGA_EXPORT_CSV:
      g_assert_not_reached ();
    }
  if (!check_cairo (cairo_surface_status (surface), path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cr = cairo_create (surface);
  for (guint i = 0; i < n; i++)
    {
      cairo_save (cr);
      if (format != USGA_EXPORT_PDF)
        cairo_translate (cr, 0, i * height);
      usga_chart_draw (cr, width, height, g_ptr_array_index (models, i));
      cairo_restore (cr);
      if (format == USGA_EXPORT_PDF)
        cairo_show_page (cr);   /* one chart per page */
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == USGA_EXPORT_PNG)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return check_cairo (status, path, error);
}

/* usga-chart-style.c — what every chart kind draws with: number formatting, series colours,
 * dashes and markers (identity without colour), text layout.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "usga-chart-private.h"

/* ---- formatting (locale digit grouping, like the rest of the interface) ---- */

char *
usga_chart_format_value (UsgaChartModel *m, double v)
{
  if (isnan (v))
    return g_strdup ("—");
  if (m->rates)
    return g_strdup_printf ("%'.1f", v);
  return g_strdup_printf ("%'.0f", v);
}

void
usga_chart_set_fg (cairo_t *cr, UsgaChartModel *m, double alpha)
{
  usga_chart_set_fg_dark (cr, m->dark, alpha);
}

void
usga_chart_set_fg_dark (cairo_t *cr, gboolean dark, double alpha)
{
  if (dark)
    cairo_set_source_rgba (cr, 0.96, 0.96, 0.96, alpha);
  else
    cairo_set_source_rgba (cr, 0.12, 0.12, 0.12, alpha);
}

/* Dashes and markers carry the series identity without colour. */
void
usga_chart_set_dash (cairo_t *cr, guint index)
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

void
usga_chart_marker (cairo_t *cr, guint index, double x, double y, double r)
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

PangoLayout *
usga_chart_text_layout (cairo_t *cr, const char *text, const char *font, double width)
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

double
usga_chart_layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return h;
}

double
usga_chart_layout_width (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

/* Draws @text with its top-left at (x, y), or aligned by @xalign (0 left, 0.5 centre, 1 right). */
double
usga_chart_draw_text (cairo_t *cr, const char *text, const char *font, double x, double y, double xalign, double width)
{
  g_autoptr(PangoLayout) layout = usga_chart_text_layout (cr, text, font, width);
  double w = usga_chart_layout_width (layout);

  cairo_move_to (cr, x - xalign * w, y);
  pango_cairo_show_layout (cr, layout);
  return usga_chart_layout_height (layout);
}

/* usga-briefing-map.c — the briefing's map page: colonias by Gi* class, the outline, the UTOPIAS and the legend.
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

static UsgaBriefingRgb
klass_colour (int klass, const UsgaBriefingTheme *t)
{
  gboolean has_colour;
  UsgaRgb c = usga_palette_gi_class (klass, &has_colour);

  /* The map's colours; not significant is the page's neutral fill. */
  if (!has_colour)
    return t->dark ? (UsgaBriefingRgb) { 0.32, 0.32, 0.34 } : (UsgaBriefingRgb) { 0.90, 0.90, 0.88 };
  return (UsgaBriefingRgb) { c.r, c.g, c.b };
}

static void
ring_path (cairo_t *cr, const UsgaGeometry *g, double ox, double oy, double scale, double mx, double my)
{
  for (guint r = 0; r + 1 < g->ring_start->len; r++)
    {
      guint start = g_array_index (g->ring_start, guint, r), end = g_array_index (g->ring_start, guint, r + 1);
      for (guint i = start; i < end; i++)
        {
          const UsgaLonLat *p = &g_array_index (g->points, UsgaLonLat, i);
          double px, py;
          usga_mercator_project (p->lon, p->lat, &px, &py);
          px = ox + (px - mx) * scale;
          py = oy + (py - my) * scale;
          if (i == start)
            cairo_move_to (cr, px, py);
          else
            cairo_line_to (cr, px, py);
        }
      cairo_close_path (cr);
    }
}

/* Colonias coloured by their Gi* class, the alcaldía outline and the UTOPIAS, fitted to the box. */
void
usga_briefing_draw_map (UsgaBriefing *b, cairo_t *cr, double x, double y, double w, double h, const UsgaBriefingTheme *t)
{
  double x0, y0, x1, y1, scale, ox, oy;

  if (b->outline == NULL)
    return;
  usga_mercator_project (b->outline->min_lon, b->outline->max_lat, &x0, &y0);
  usga_mercator_project (b->outline->max_lon, b->outline->min_lat, &x1, &y1);
  scale = MIN (w / (x1 - x0), h / (y1 - y0));
  ox = x + (w - (x1 - x0) * scale) / 2;
  oy = y + (h - (y1 - y0) * scale) / 2;

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_width (cr, MAX (0.3, 0.6 * t->unit));
  for (guint i = 0; i < b->shapes->len; i++)
    {
      const UsgaArea *s = g_ptr_array_index (b->shapes, i);
      int klass = GPOINTER_TO_INT (g_hash_table_lookup (b->klass_by_colonia, &s->id)) - 10;

      cairo_new_path (cr);
      ring_path (cr, s->geometry, ox, oy, scale, x0, y0);
      usga_briefing_set_rgb (cr, klass_colour (klass < -3 ? 0 : klass, t));
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, t->fg.r, t->fg.g, t->fg.b, 0.25);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);
  ring_path (cr, b->outline, ox, oy, scale, x0, y0);
  usga_briefing_set_rgb (cr, t->accent);
  cairo_set_line_width (cr, 2.5 * t->unit);
  cairo_stroke (cr);

  for (guint i = 0; i < b->utopias->len; i++)
    {
      const UsgaLonLat *p = &g_array_index (b->utopias, UsgaLonLat, i);
      double px, py;

      usga_mercator_project (p->lon, p->lat, &px, &py);
      cairo_new_path (cr);
      cairo_arc (cr, ox + (px - x0) * scale, oy + (py - y0) * scale, 6 * t->unit, 0, 2 * G_PI);
      usga_rgb_set (cr, usga_palette_map_feature (USGA_MAP_UTOPIA), 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.5 * t->unit);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* Legend, method and the five strongest hot spots. */
void
usga_briefing_draw_map_legend (UsgaBriefing *b, cairo_t *cr, double x, double y, double w, double bottom,
                               const UsgaBriefingTheme *t)
{
  const struct { int klass; const char *label; } classes[] = {
    /* xgettext:no-c-format */
    { 3, N_("Hot spot, 99 % confidence") },
    /* xgettext:no-c-format */
    { 2, N_("Hot spot, 95 %") },
    /* xgettext:no-c-format */
    { 1, N_("Hot spot, 90 %") },
    { 0, N_("Not significant") },
    /* xgettext:no-c-format */
    { -1, N_("Cold spot, 90 %") },
    /* xgettext:no-c-format */
    { -2, N_("Cold spot, 95 %") },
    /* xgettext:no-c-format */
    { -3, N_("Cold spot, 99 %") },
  };
  g_autofree char *method = g_strdup_printf (_("Getis-Ord Gi* over the %u colonias: carpetas for the filter, neighbours within %.0f m."),
                                             b->shapes->len, USGA_BRIEFING_BAND_M);
  const char *boundaries = _("Boundaries: IECM colonias and INEGI alcaldía; no basemap. FGJ displaces carpeta coordinates by about 200 m.");
  double sw = 18 * t->unit, ty = y;
  gboolean any = FALSE;
  /* Where the list must stop so the closing note still ends above @bottom (the footer). */
  double list_bottom = bottom - usga_briefing_text_height (cr, boundaries, w, 13 * t->unit) - 10 * t->unit;
  guint shown = 0;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      usga_briefing_rounded_rect (cr, x, ty + 2 * t->unit, sw, sw, 3 * t->unit);
      usga_briefing_set_rgb (cr, klass_colour (classes[i].klass, t));
      cairo_fill (cr);
      ty += MAX (sw + 4 * t->unit,
                 usga_briefing_draw_text (cr, _(classes[i].label), x + sw + 8 * t->unit, ty, w - sw - 8 * t->unit,
                            16 * t->unit, FALSE, t->fg, PANGO_ALIGN_LEFT) + 4 * t->unit);
    }
  cairo_arc (cr, x + sw / 2, ty + sw / 2 + 2 * t->unit, 6 * t->unit, 0, 2 * G_PI);
  usga_rgb_set (cr, usga_palette_map_feature (USGA_MAP_UTOPIA), 1);
  cairo_fill (cr);
  ty += usga_briefing_draw_text (cr, _("UTOPIAS community centre"), x + sw + 8 * t->unit, ty, w - sw - 8 * t->unit,
                   16 * t->unit, FALSE, t->fg, PANGO_ALIGN_LEFT) + 12 * t->unit;
  ty += usga_briefing_draw_text (cr, method, x, ty, w, 14 * t->unit, FALSE, t->dim, PANGO_ALIGN_LEFT) + 12 * t->unit;
  /* Before 2024 the colonia counts behind the classes are an estimate: the slide says so too,
   * in short (the method footnote and the slide's method button give the whole rule). */
  if (b->hotspots->estimate_rule)
    ty += usga_briefing_draw_text (cr, _("Estimate: colonia counts before 2024 are the FGJ’s quarterly counts per colonia "
                                         "name, split among colonias by the shares of that name’s 2024 points."),
                                   x, ty, w, 14 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT) + 12 * t->unit;

  ty += usga_briefing_draw_text (cr, _("Strongest hot spots"), x, ty, w, 18 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT) + 4 * t->unit;
  for (guint i = 0; i < b->hotspots->sites->len && shown < 5; i++)
    {
      UsgaHotspot *h = g_ptr_array_index (b->hotspots->sites, i);
      g_autofree char *count = NULL;
      g_autofree char *line = NULL;

      if (h->klass <= 0)
        break;
      any = TRUE;
      count = usga_format_count (h->count);
      line = g_strdup_printf (_("%s — %s carpetas, z = %.2f"), h->name, count, h->z);
      if (ty + usga_briefing_text_height (cr, line, w, 15 * t->unit) > list_bottom)
        break;
      ty += usga_briefing_draw_text (cr, line, x, ty, w, 15 * t->unit, FALSE, t->fg, PANGO_ALIGN_LEFT) + 3 * t->unit;
      shown++;
    }
  if (!any)   /* not for a list that found no room: that would say something untrue */
    ty += usga_briefing_draw_text (cr, _("No colonia is a significant hot spot for this filter."), x, ty, w, 15 * t->unit,
                     FALSE, t->dim, PANGO_ALIGN_LEFT);
  usga_briefing_draw_text (cr, boundaries, x, ty + 10 * t->unit, w, 13 * t->unit, FALSE, t->dim, PANGO_ALIGN_LEFT);
}

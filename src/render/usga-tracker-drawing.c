/* usga-tracker-drawing.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-tracker-drawing.h"
#include "usga-palette.h"

#define LEGEND_HEIGHT 28.0
#define ROW_HEIGHT    36.0
#define BAR_HEIGHT    18.0

/* Drawn left to right: done first, then under way, then the rest. */
static const UsgaStatus stack_order[] = {
  USGA_STATUS_IMPLEMENTED, USGA_STATUS_IN_PROGRESS, USGA_STATUS_PLANNED,
  USGA_STATUS_BLOCKED, USGA_STATUS_NOT_PURSUED, USGA_STATUS_NOT_STARTED,
};

/* Status colours: the one palette's (usga-palette.h). */
static void
set_status_color (cairo_t *cr, UsgaStatus status)
{
  usga_rgb_set (cr, usga_palette_status (status), 1);
}

double
usga_tracker_bars_height (GPtrArray *groups)
{
  guint rows = groups && groups->len > 0 ? groups->len - 1 : 0;
  return LEGEND_HEIGHT + rows * ROW_HEIGHT;
}

static void
show_text (cairo_t *cr, PangoLayout *layout, const char *text, double x, double y, double max_width,
           PangoAlignment align)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  /* Long theme names take two lines before they are cut. */
  pango_layout_set_height (layout, max_width > 0 ? -2 : -1);
  pango_layout_set_alignment (layout, align);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
}

double
usga_tracker_bars_draw (cairo_t *cr, PangoLayout *layout, GPtrArray *groups,
                        gboolean spanish, double width, const double fg[4])
{
  double label_width = MIN (width * 0.4, 360);
  double figure_width = 100;
  double bar_x = label_width + 8;
  double bar_width = MAX (width - bar_x - figure_width - 8, 40);
  double x = 0;

  /* Legend: a swatch and the status name, so colour is never the only cue. */
  for (guint i = 0; i < G_N_ELEMENTS (stack_order); i++)
    {
      int w, h;

      set_status_color (cr, stack_order[i]);
      cairo_rectangle (cr, x, LEGEND_HEIGHT / 2 - 6, 12, 12);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg[0], fg[1], fg[2], fg[3]);
      pango_layout_set_width (layout, -1);
      pango_layout_set_height (layout, -1);
      pango_layout_set_text (layout, usga_status_name (usga_status_key (stack_order[i])), -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_move_to (cr, x + 16, LEGEND_HEIGHT / 2 - h / 2.0);
      pango_cairo_show_layout (cr, layout);
      x += 16 + w + 16;
    }

  for (guint g = 1; groups && g < groups->len; g++)
    {
      UsgaTrackerGroup *group = groups->pdata[g];
      double y = LEGEND_HEIGHT + (g - 1) * ROW_HEIGHT + ROW_HEIGHT / 2;
      g_autofree char *figure = NULL;
      double bx = bar_x;

      cairo_set_source_rgba (cr, fg[0], fg[1], fg[2], fg[3]);
      show_text (cr, layout, spanish ? group->label_es : group->label_en, 0, y, label_width, PANGO_ALIGN_LEFT);
      for (guint i = 0; i < G_N_ELEMENTS (stack_order); i++)
        {
          guint n = group->counts[stack_order[i]];
          double w = group->total ? bar_width * n / group->total : 0;
          if (n == 0)
            continue;
          set_status_color (cr, stack_order[i]);
          cairo_rectangle (cr, bx, y - BAR_HEIGHT / 2, w, BAR_HEIGHT);
          cairo_fill (cr);
          bx += w;
        }
      /* Translators: share of a group's recommendations in progress or implemented, then the group size. */
      figure = g_strdup_printf (_("%.0f %% of %u"), usga_tracker_group_addressed_percent (group), group->total);
      cairo_set_source_rgba (cr, fg[0], fg[1], fg[2], fg[3]);
      show_text (cr, layout, figure, bar_x + bar_width + 8, y, figure_width, PANGO_ALIGN_LEFT);
    }
  pango_layout_set_width (layout, -1);
  pango_layout_set_height (layout, -1);
  return usga_tracker_bars_height (groups);
}


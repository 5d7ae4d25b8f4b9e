/* usga-tracker-pdf.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "usga-tracker-drawing.h"
#include "usga-tracker-pdf.h"

#define PAGE_WIDTH  595.0   /* A4 in points */
#define PAGE_HEIGHT 842.0
#define MARGIN      40.0
#define TEXT_WIDTH  (PAGE_WIDTH - 2 * MARGIN)

static double
paragraph (cairo_t *cr, PangoLayout *layout, const char *font, const char *text, double y)
{
  PangoFontDescription *desc = pango_font_description_from_string (font);
  int h;

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (TEXT_WIDTH * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, NULL, &h);
  cairo_move_to (cr, MARGIN, y);
  pango_cairo_show_layout (cr, layout);
  return y + h;
}

static double
bars (cairo_t *cr, PangoLayout *layout, GPtrArray *groups, gboolean spanish, double y)
{
  static const double black[4] = { 0, 0, 0, 1 };
  PangoFontDescription *desc = pango_font_description_from_string ("Sans 8");
  double h;

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  cairo_save (cr);
  cairo_translate (cr, MARGIN, y);
  h = usga_tracker_bars_draw (cr, layout, groups, spanish, TEXT_WIDTH, black);
  cairo_restore (cr);
  return y + h;
}

static void
footer (cairo_t *cr, PangoLayout *layout, const char *text)
{
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  paragraph (cr, layout, "Sans 7", text, PAGE_HEIGHT - MARGIN + 8);
  cairo_set_source_rgb (cr, 0, 0, 0);
}

gboolean
usga_tracker_write_pdf (UsgaDb *db, const char *path, gboolean spanish, GError **error)
{
  g_autoptr(GPtrArray) by_sdg = usga_tracker_progress (db, FALSE, NULL, error);
  g_autoptr(GPtrArray) by_theme = by_sdg ? usga_tracker_progress (db, TRUE, NULL, error) : NULL;
  g_autoptr(GPtrArray) recs = by_theme ? usga_tracker_list (db, NULL, error) : NULL;
  g_autoptr(GPtrArray) recent = recs ? usga_tracker_history (db, NULL, 10, error) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *tmp = NULL;
  g_autofree char *footer_text = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoLayout *layout;
  UsgaTrackerGroup *total;
  cairo_status_t status;
  double y = MARGIN;
  guint shown = 0;

  if (recent == NULL)
    return FALSE;
  total = by_sdg->pdata[0];
  tmp = g_strconcat (path, ".part", NULL);
  surface = cairo_pdf_surface_create (tmp, PAGE_WIDTH, PAGE_HEIGHT);
  cr = cairo_create (surface);
  layout = pango_cairo_create_layout (cr);
  footer_text = g_strdup_printf (_("USGA Dashboard · recommendations of the UNODC Urban Safety Governance Assessment – Iztapalapa · %s"), today);

  /* Page 1: the figure, SDG bars, overdue and recent changes. */
  y = paragraph (cr, layout, "Sans Bold 16", _("Recommendations tracker: progress summary"), y);
  {
    g_autofree char *as_of = g_strdup_printf (_("Mayor’s Office of Iztapalapa · as of %s"), today);
    y = paragraph (cr, layout, "Sans 9", as_of, y + 2) + 14;
  }
  {
    g_autofree char *headline = usga_tracker_group_headline (total);
    g_autofree char *note = usga_tracker_group_note (total);
    y = paragraph (cr, layout, "Sans Bold 22", headline, y);
    y = paragraph (cr, layout, "Sans 9", note, y + 4) + 16;
  }
  y = paragraph (cr, layout, "Sans Bold 11", _("By Sustainable Development Goal"), y) + 4;
  y = bars (cr, layout, by_sdg, spanish, y) + 16;

  y = paragraph (cr, layout, "Sans Bold 11", _("Overdue"), y) + 4;
  for (guint i = 0; i < recs->len && y < PAGE_HEIGHT - 260; i++)
    {
      UsgaRecommendation *rec = recs->pdata[i];
      g_autofree char *line = NULL;

      if (!usga_recommendation_is_overdue (rec, today))
        continue;
      line = g_strdup_printf ("%s · %s · %s · %s — %s", rec->id, rec->due_date, usga_status_name (rec->status),
                              rec->responsible ? rec->responsible : "—", spanish ? rec->summary_es : rec->summary_en);
      y = paragraph (cr, layout, "Sans 8", line, y) + 3;
      shown++;
    }
  if (total->overdue > shown)
    {
      g_autofree char *more = g_strdup_printf (_("… and %u more (see the tracker)"), total->overdue - shown);
      y = paragraph (cr, layout, "Sans 8", more, y) + 3;
    }
  if (total->overdue == 0)
    y = paragraph (cr, layout, "Sans 8", _("Nothing is overdue"), y) + 3;

  y = paragraph (cr, layout, "Sans Bold 11", _("Recent changes"), y + 12) + 4;
  for (guint i = 0; i < recent->len && y < PAGE_HEIGHT - MARGIN - 30; i++)
    {
      UsgaHistoryEntry *e = recent->pdata[i];
      g_autofree char *line = NULL;

      if (g_str_equal (e->field, "status"))
        line = g_strdup_printf ("%.10s · %s · %s: %s → %s%s%s", e->at, *e->by ? e->by : "—", e->recommendation_id,
                                usga_status_name (e->old_value), usga_status_name (e->new_value),
                                e->note ? " — " : "", e->note ? e->note : "");
      else
        line = g_strdup_printf ("%.10s · %s · %s: %s %s → %s%s%s", e->at, *e->by ? e->by : "—", e->recommendation_id,
                                e->field, e->old_value ? e->old_value : "—", e->new_value ? e->new_value : "—",
                                e->note ? " — " : "", e->note ? e->note : "");
      y = paragraph (cr, layout, "Sans 8", line, y) + 3;
    }
  if (recent->len == 0)
    paragraph (cr, layout, "Sans 8", _("No changes recorded yet"), y);
  footer (cr, layout, footer_text);
  cairo_show_page (cr);

  /* Page 2: every theme. */
  y = MARGIN;
  y = paragraph (cr, layout, "Sans Bold 14", _("By theme"), y) + 6;
  bars (cr, layout, by_theme, spanish, y);
  footer (cr, layout, footer_text);
  cairo_show_page (cr);

  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not write %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

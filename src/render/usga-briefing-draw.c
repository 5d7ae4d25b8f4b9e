/* usga-briefing-draw.c — drawing the briefing: theme and text helpers, content blocks, slides, printed pages and the PDF.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>

#include "usga-briefing-private.h"
#include "usga-palette.h"
#include "usga-chart-build.h"
#include "usga-hotspots.h"
#include "usga-tracker.h"

/* --- drawing helpers ---------------------------------------------------- */

static UsgaBriefingTheme
theme_for (double width, gboolean dark)
{
  UsgaBriefingTheme t = {
    .fg = dark ? (UsgaBriefingRgb) { 1, 1, 1 } : (UsgaBriefingRgb) { 0.13, 0.13, 0.15 },
    .dim = dark ? (UsgaBriefingRgb) { 0.75, 0.75, 0.78 } : (UsgaBriefingRgb) { 0.36, 0.36, 0.40 },
    .bg = dark ? (UsgaBriefingRgb) { 0.14, 0.14, 0.14 } : (UsgaBriefingRgb) { 0.98, 0.98, 0.98 },
    .card = dark ? (UsgaBriefingRgb) { 0.22, 0.22, 0.23 } : (UsgaBriefingRgb) { 1, 1, 1 },
    .accent = { 0.21, 0.52, 0.89 },
    /* More carpetas is worse: red; fewer: green. The arrow and sign carry it too. */
    .up = dark ? (UsgaBriefingRgb) { 1.0, 0.48, 0.39 } : (UsgaBriefingRgb) { 0.75, 0.11, 0.16 },
    .down = dark ? (UsgaBriefingRgb) { 0.56, 0.94, 0.64 } : (UsgaBriefingRgb) { 0.15, 0.56, 0.32 },
    .unit = width / 1280.0,
    .dark = dark,
  };
  return t;
}

void
usga_briefing_set_rgb (cairo_t *cr, UsgaBriefingRgb c)
{
  cairo_set_source_rgb (cr, c.r, c.g, c.b);
}

static PangoLayout *
text_layout (cairo_t *cr, const char *text, double w, double size, gboolean bold, PangoAlignment align)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell, Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (w * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

double
usga_briefing_text_height (cairo_t *cr, const char *text, double w, double size)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, w, size, FALSE, PANGO_ALIGN_LEFT);
  int lw, lh;

  pango_layout_get_pixel_size (layout, &lw, &lh);
  return lh;
}

/* Lays out @text in a box @w wide at (@x, @y); returns its height. */
double
usga_briefing_draw_text (cairo_t *cr, const char *text, double x, double y, double w, double size,
                         gboolean bold, UsgaBriefingRgb color, PangoAlignment align)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, w, size, bold, align);
  int lw, lh;

  pango_layout_get_pixel_size (layout, &lw, &lh);
  cairo_save (cr);
  usga_briefing_set_rgb (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  return lh;
}

void
usga_briefing_rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

#define format_count usga_format_count

static char *
format_change (double percent)
{
  return isnan (percent) ? g_strdup (_("no earlier data")) : usga_format_change (percent);
}

/* --- content blocks, each in a box -------------------------------------- */

static void
draw_kpis (UsgaBriefing *b, cairo_t *cr, double x, double y, double w, double h, const UsgaBriefingTheme *t, int columns)
{
  int rows = (USGA_BRIEFING_N_KPIS + columns - 1) / columns;
  double gap = 16 * t->unit, cw = (w - gap * (columns - 1)) / columns, ch = (h - gap * (rows - 1)) / rows;

  for (int i = 0; i < USGA_BRIEFING_N_KPIS; i++)
    {
      UsgaBriefingKpi *k = &b->kpis[i];
      double cx = x + (i % columns) * (cw + gap), cy = y + (i / columns) * (ch + gap);
      double change = usga_percent_change (k->before, k->now);
      g_autofree char *count = format_count (k->now);
      /* Open-ended: a dash where the change would be; the header says why, once. */
      g_autofree char *delta = b->no_change ? g_strdup ("—") : format_change (change);
      g_autofree char *before_count = format_count (k->before);
      g_autofree char *before = b->no_change ? g_strdup (_("No change shown"))
                                             : g_strdup_printf (_("%s a year earlier"), before_count);
      g_autofree char *compared = b->before_period ? g_strdup_printf (_("%s in %s"), before_count, b->before_period) : NULL;
      double pad = 14 * t->unit, ty = cy + pad;

      if (k->name == NULL)
        continue;
      usga_briefing_rounded_rect (cr, cx, cy, cw, ch, 10 * t->unit);
      usga_briefing_set_rgb (cr, t->card);
      cairo_fill (cr);
      ty += usga_briefing_draw_text (cr, k->name, cx + pad, ty, cw - 2 * pad, 19 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT);
      ty += usga_briefing_draw_text (cr, count, cx + pad, ty, cw - 2 * pad, 44 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT);
      ty += usga_briefing_draw_text (cr, delta, cx + pad, ty, cw - 2 * pad, 22 * t->unit, TRUE,
                       b->no_change || isnan (change) || fabs (change) < 0.05 ? t->dim : change > 0 ? t->up : t->down,
                       PANGO_ALIGN_LEFT);
      usga_briefing_draw_text (cr, compared ? compared : before, cx + pad, ty + 2 * t->unit, cw - 2 * pad, 15 * t->unit,
                 FALSE, t->dim, PANGO_ALIGN_LEFT);
    }
}

/* Charts lay out for a screen; @zoom enlarges their type for a projector (or shrinks it for paper). */
static void
draw_chart (UsgaChartModel *model, cairo_t *cr, double x, double y, double w, double h, const UsgaBriefingTheme *t, double zoom)
{
  model->dark = t->dark;
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rectangle (cr, 0, 0, w, h);
  cairo_clip (cr);
  cairo_scale (cr, zoom, zoom);
  usga_chart_draw (cr, w / zoom, h / zoom, model);
  cairo_restore (cr);
}



/* The cabinet figure, then one stacked bar per SDG with its legend. */
static double
draw_tracker (UsgaBriefing *b, cairo_t *cr, double x, double y, double w, double h, const UsgaBriefingTheme *t)
{
  UsgaTrackerGroup *all = b->progress->len ? g_ptr_array_index (b->progress, 0) : NULL;
  g_autofree char *headline = NULL;
  double ty = y, bar_h = 30 * t->unit, label_w = 130 * t->unit, lx;

  if (all == NULL)
    return 0;
  headline = g_strdup_printf (_("%.0f %% of the %u recommendations addressed (in progress or implemented)"),
                              usga_tracker_group_addressed_percent (all), all->total);
  ty += usga_briefing_draw_text (cr, headline, x, ty, w, 28 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT) + 6 * t->unit;
  {
    g_autofree char *overdue = g_strdup_printf (ngettext ("%u overdue", "%u overdue", all->overdue), all->overdue);
    ty += usga_briefing_draw_text (cr, overdue, x, ty, w, 18 * t->unit, FALSE, all->overdue ? t->up : t->dim, PANGO_ALIGN_LEFT) + 16 * t->unit;
  }

  for (guint g = 1; g < b->progress->len && ty + bar_h < y + h; g++)
    {
      UsgaTrackerGroup *group = g_ptr_array_index (b->progress, g);
      g_autofree char *label = g_strdup_printf (_("SDG %s (%u)"), group->key, group->total);
      double bx = x + label_w, bw = w - label_w, cursor = bx;

      usga_briefing_draw_text (cr, label, x, ty + 4 * t->unit, label_w - 8 * t->unit, 18 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT);
      for (int s = 0; s < USGA_N_STATUSES; s++)
        {
          /* Done first, from the left. */
          static const int order[USGA_N_STATUSES] = {
            USGA_STATUS_IMPLEMENTED, USGA_STATUS_IN_PROGRESS, USGA_STATUS_PLANNED,
            USGA_STATUS_NOT_STARTED, USGA_STATUS_BLOCKED, USGA_STATUS_NOT_PURSUED,
          };
          int st = order[s];
          double seg = group->total ? bw * group->counts[st] / group->total : 0;

          if (seg <= 0)
            continue;
          cairo_rectangle (cr, cursor, ty, seg, bar_h);
          usga_rgb_set (cr, usga_palette_status (st), 1);
          cairo_fill (cr);
          if (seg > 28 * t->unit)
            {
              g_autofree char *n = g_strdup_printf ("%u", group->counts[st]);
              usga_briefing_draw_text (cr, n, cursor, ty + 5 * t->unit, seg, 15 * t->unit, TRUE,
                         st == USGA_STATUS_NOT_STARTED || st == USGA_STATUS_PLANNED ? (UsgaBriefingRgb) { 0.1, 0.1, 0.1 } : (UsgaBriefingRgb) { 1, 1, 1 },
                         PANGO_ALIGN_CENTER);
            }
          cursor += seg;
        }
      ty += bar_h + 10 * t->unit;
    }

  lx = x;
  ty += 6 * t->unit;
  for (int s = 0; s < USGA_N_STATUSES; s++)
    {
      const char *name = usga_status_name (usga_status_key (s));
      double sw = 16 * t->unit;

      if (lx + 180 * t->unit > x + w)
        {
          lx = x;
          ty += 26 * t->unit;
        }
      cairo_rectangle (cr, lx, ty + 2 * t->unit, sw, sw);
      usga_rgb_set (cr, usga_palette_status (s), 1);
      cairo_fill (cr);
      usga_briefing_draw_text (cr, name, lx + sw + 6 * t->unit, ty, 150 * t->unit, 15 * t->unit, FALSE, t->fg, PANGO_ALIGN_LEFT);
      lx += 180 * t->unit;
    }
  return ty + 30 * t->unit - y;
}

static void
draw_overdue (UsgaBriefing *b, cairo_t *cr, double x, double y, double w, double h, const UsgaBriefingTheme *t)
{
  double ty = y;

  ty += usga_briefing_draw_text (cr, _("Overdue recommendations"), x, ty, w, 18 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT) + 6 * t->unit;
  if (b->overdue->len == 0)
    {
      usga_briefing_draw_text (cr, _("None: no recommendation is past its due date."), x, ty, w, 15 * t->unit, FALSE, t->dim, PANGO_ALIGN_LEFT);
      return;
    }
  for (guint i = 0; i < b->overdue->len && ty < y + h - 20 * t->unit; i++)
    {
      UsgaRecommendation *r = g_ptr_array_index (b->overdue, i);
      g_autofree char *line = g_strdup_printf (_("%s · due %s · %s — %s"), r->id, r->due_date, usga_status_name (r->status),
                                               b->spanish ? r->summary_es : r->summary_en);
      ty += usga_briefing_draw_text (cr, line, x, ty, w, 13 * t->unit, FALSE, t->fg, PANGO_ALIGN_LEFT) + 4 * t->unit;
    }
}

static void
draw_sources (UsgaBriefing *b, cairo_t *cr, double x, double y, double w, const UsgaBriefingTheme *t)
{
  double ty = y;

  for (guint i = 0; i < b->datasets->len; i++)
    {
      UsgaDatasetInfo *d = g_ptr_array_index (b->datasets, i);
      g_autofree char *row_count = format_count (d->rows);
      g_autofree char *carpetas = d->carpetas >= 0 ? format_count (d->carpetas) : NULL;
      g_autofree char *rows = carpetas ? g_strdup_printf (_("%s (counting %s carpetas)"), row_count, carpetas)
                                       : g_strdup (row_count);
      g_autofree char *line = g_strdup_printf (_("%s rows%s%s%s%s. Vintage: %s. Source: %s. Licence: %s."),
                                               rows,
                                               d->first ? _(", from ") : "", d->first ? d->first : "",
                                               d->first ? _(" to ") : "", d->last ? d->last : "",
                                               d->vintage ? d->vintage : "—",
                                               d->source ? d->source : "—", d->license ? d->license : "—");

      ty += usga_briefing_draw_text (cr, d->title, x, ty, w, 15 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT) + 2 * t->unit;
      ty += usga_briefing_draw_text (cr, line, x, ty, w, 13 * t->unit, FALSE, t->fg, PANGO_ALIGN_LEFT) + 10 * t->unit;
    }
  ty += 8 * t->unit;
  ty += usga_briefing_draw_text (cr, _("Methods"), x, ty, w, 15 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT) + 2 * t->unit;
  ty += usga_briefing_draw_text (cr, _("Counts are carpetas de investigación by the date of the events. Days with a complete record of "
                         "carpetas (the 2024 points, complete syncs) are counted by day; other periods come whole from the "
                         "published quarterly colonia counts, and a period that cuts such a quarter is widened to the whole "
                         "quarter and says so. Year-over-year change compares the same rule on both sides: whole quarters on "
                         "both when either needs them. Rates are per 100 000 inhabitants of the 2020 census. "
                         "Hour-of-day figures leave out FGJ’s 00:00 placeholder times. “All carpetas” includes FGJ’s hechos "
                         "no delictivos unless the filter leaves them out. "
                         "“Addressed” recommendations are those in progress or implemented."),
                   x, ty, w, 13 * t->unit, FALSE, t->fg, PANGO_ALIGN_LEFT) + 10 * t->unit;
  usga_briefing_draw_text (cr, _("UNODC, Urban Safety Governance Assessment (USGA) – Iztapalapa. Map boundaries: IECM, SSC-CDMX, INEGI. "
                   "Map data © OpenStreetMap contributors where a basemap is shown."),
             x, ty, w, 13 * t->unit, FALSE, t->dim, PANGO_ALIGN_LEFT);
}

/* --- slides ------------------------------------------------------------- */

static double
draw_header (UsgaBriefing *b, cairo_t *cr, const char *title, gboolean with_change, double x, double y, double w,
             const UsgaBriefingTheme *t)
{
  double h = usga_briefing_draw_text (cr, title, x, y, w, 40 * t->unit, TRUE, t->fg, PANGO_ALIGN_LEFT);
  g_autofree char *sub = with_change && b->compare_label && b->no_change
                          ? g_strdup_printf (_("Iztapalapa · %s · %s"), b->period_text, b->compare_label)
                          : with_change && b->compare_label ? g_strdup_printf (_("Iztapalapa · %s · change: %s"), b->period_text, b->compare_label)
                                          : g_strdup_printf (_("Iztapalapa · %s"), b->period_text);

  h += usga_briefing_draw_text (cr, sub, x, y + h, w, 22 * t->unit, FALSE, t->dim, PANGO_ALIGN_LEFT);
  return h;
}

static void
draw_footer (UsgaBriefing *b, cairo_t *cr, double x, double bottom, double w, const UsgaBriefingTheme *t, const char *page)
{
  g_autofree char *text = page ? g_strdup_printf ("%s\n%s", b->footer, page) : g_strdup (b->footer);
  double size = 13 * t->unit;

  /* Measured first, so the footer sits on the bottom margin however long the filters get. */
  usga_briefing_draw_text (cr, text, x, bottom - usga_briefing_text_height (cr, text, w, size), w, size, FALSE, t->dim, PANGO_ALIGN_LEFT);
}

void
usga_briefing_draw_slide (UsgaBriefing *b, UsgaSlide slide, cairo_t *cr, double width, double height, gboolean dark)
{
  UsgaBriefingTheme t = theme_for (MIN (width, height * 16 / 9), dark);
  double m = 40 * t.unit, top, body_h, footer_h = 56 * t.unit;

  /* The footer (filters and vintage) can run to several lines: the body ends above it. */
  footer_h = MAX (footer_h, usga_briefing_text_height (cr, b->footer, width - 2 * m - 240 * t.unit, 13 * t.unit) + 12 * t.unit);
  usga_briefing_set_rgb (cr, t.bg);
  cairo_paint (cr);
  top = m + draw_header (b, cr, usga_briefing_slide_title (slide), slide == USGA_SLIDE_KPIS, m, m, width - 2 * m, &t) + 20 * t.unit;
  body_h = height - top - footer_h - m;

  switch (slide)
    {
    case USGA_SLIDE_KPIS:
      draw_kpis (b, cr, m, top, width - 2 * m, body_h, &t, 5);
      break;
    case USGA_SLIDE_TREND:
      draw_chart (b->trend, cr, m, top, width - 2 * m, body_h, &t, 1.6 * t.unit);
      break;
    case USGA_SLIDE_HOTSPOTS:
      usga_briefing_draw_map (b, cr, m, top, (width - 2 * m) * 0.62, body_h, &t);
      /* The legend may run down to just above the footer's first line. */
      usga_briefing_draw_map_legend (b, cr, m + (width - 2 * m) * 0.65, top, (width - 2 * m) * 0.35,
                                     height - m * 0.6 - 8 * t.unit -
                                     usga_briefing_text_height (cr, b->footer, width - 2 * m - 240 * t.unit, 13 * t.unit),
                                     &t);
      break;
    case USGA_SLIDE_TRACKER:
      draw_tracker (b, cr, m, top, width - 2 * m, body_h, &t);
      break;
    case USGA_N_SLIDES:
    default:
      break;
    }
  /* Leave the bottom-right corner to the slide controls. */
  draw_footer (b, cr, m, height - m * 0.6, width - 2 * m - 240 * t.unit, &t, NULL);
}

/* --- printed pages ------------------------------------------------------ */

void
usga_paper_size (UsgaPaper paper, double *width_pt, double *height_pt)
{
  *width_pt = paper == USGA_PAPER_LETTER ? 612 : 595.28;
  *height_pt = paper == USGA_PAPER_LETTER ? 792 : 841.89;
}

void
usga_briefing_draw_page (UsgaBriefing *b, UsgaBriefingPage page, cairo_t *cr, double width, double height)
{
  /* Pages use the slide sizes scaled to the sheet: a unit is 1/1280 of a 16:9 slide as wide. */
  UsgaBriefingTheme t = theme_for (width * 1.45, FALSE);
  double m = 42, w = width - 2 * m, top = m, body_bottom = height - m - 40, note_h = 0, note_y = 0;
  g_autofree char *page_label = g_strdup_printf (_("Page %d of %d"), page + 1, USGA_N_PAGES);
  g_autofree char *note = b->notes[page] ? g_strdup_printf (_("Method: %s"), b->notes[page]) : NULL;

  /* The page's method footnote sits right above the footer; the body gives them room. */
  if (note)
    {
      g_autofree char *footer = g_strdup_printf ("%s\n%s", b->footer, page_label);
      double footer_top = height - m * 0.6 - usga_briefing_text_height (cr, footer, w, 13 * t.unit);

      note_h = usga_briefing_text_height (cr, note, w, 7.5);
      note_y = footer_top - note_h - 4;
      body_bottom = MIN (body_bottom, note_y - 8);
    }

  t.bg = (UsgaBriefingRgb) { 1, 1, 1 };
  t.card = (UsgaBriefingRgb) { 0.95, 0.95, 0.96 };
  usga_briefing_set_rgb (cr, t.bg);
  cairo_paint (cr);

  switch (page)
    {
    case USGA_PAGE_COVER:
      {
        double ty = height * 0.28;
        g_autofree char *date = g_strdup_printf (_("Prepared %s"), b->generated);

        ty += usga_briefing_draw_text (cr, _("Security Cabinet Briefing"), m, ty, w, 34, TRUE, t.fg, PANGO_ALIGN_LEFT) + 8;
        ty += usga_briefing_draw_text (cr, _("Alcaldía Iztapalapa · crime trends, hot spots and the UNODC recommendations"),
                         m, ty, w, 16, FALSE, t.dim, PANGO_ALIGN_LEFT) + 30;
        ty += usga_briefing_draw_text (cr, date, m, ty, w, 14, TRUE, t.fg, PANGO_ALIGN_LEFT) + 6;
        ty += usga_briefing_draw_text (cr, b->period_text, m, ty, w, 14, FALSE, t.fg, PANGO_ALIGN_LEFT) + 6;
        ty += usga_briefing_draw_text (cr, b->filters_text, m, ty, w, 12, FALSE, t.fg, PANGO_ALIGN_LEFT) + 20;
        usga_briefing_draw_text (cr, b->footer, m, ty, w, 10, FALSE, t.dim, PANGO_ALIGN_LEFT);
      }
      break;
    case USGA_PAGE_KPIS:
      top += draw_header (b, cr, usga_briefing_slide_title (USGA_SLIDE_KPIS), TRUE, m, top, w, &t) + 14;
      draw_kpis (b, cr, m, top, w, MIN (body_bottom - top, height * 0.6), &t, 2);
      break;
    case USGA_PAGE_TRENDS:
      {
        double ch;
        top += draw_header (b, cr, usga_briefing_slide_title (USGA_SLIDE_TREND), FALSE, m, top, w, &t) + 10;
        ch = (body_bottom - top - 14) / 2;
        draw_chart (b->trend, cr, m, top, w, ch, &t, 0.75);
        draw_chart (b->ranking, cr, m, top + ch + 14, w, ch, &t, 0.75);
      }
      break;
    case USGA_PAGE_MAP:
      {
        double mh;
        top += draw_header (b, cr, usga_briefing_slide_title (USGA_SLIDE_HOTSPOTS), FALSE, m, top, w, &t) + 10;
        mh = (body_bottom - top) * 0.55;
        usga_briefing_draw_map (b, cr, m, top, w, mh, &t);
        usga_briefing_draw_map_legend (b, cr, m, top + mh + 12, w, body_bottom, &t);
      }
      break;
    case USGA_PAGE_TRACKER:
      {
        double used;
        top += draw_header (b, cr, usga_briefing_slide_title (USGA_SLIDE_TRACKER), FALSE, m, top, w, &t) + 14;
        used = draw_tracker (b, cr, m, top, w, (body_bottom - top) * 0.55, &t);
        draw_overdue (b, cr, m, top + used + 10, w, body_bottom - top - used - 10, &t);
      }
      break;
    case USGA_PAGE_SOURCES:
      top += usga_briefing_draw_text (cr, _("Sources and Methods"), m, top, w, 26, TRUE, t.fg, PANGO_ALIGN_LEFT) + 14;
      draw_sources (b, cr, m, top, w, &t);
      break;
    case USGA_N_PAGES:
    default:
      break;
    }
  if (note)
    usga_briefing_draw_text (cr, note, m, note_y, w, 7.5, FALSE, t.dim, PANGO_ALIGN_LEFT);
  if (page != USGA_PAGE_COVER)
    draw_footer (b, cr, m, height - m * 0.6, w, &t, page_label);
}

gboolean
usga_briefing_write_pdf (UsgaBriefing *b, const char *path, UsgaPaper paper, GError **error)
{
  double w, h;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  usga_paper_size (paper, &w, &h);
  surface = cairo_pdf_surface_create (path, w, h);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Security Cabinet Briefing"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "USGA Dashboard");
  cr = cairo_create (surface);
  for (int page = 0; page < USGA_N_PAGES; page++)
    {
      usga_briefing_draw_page (b, page, cr, w, h);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

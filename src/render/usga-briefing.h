/* usga-briefing.h — the Security Cabinet briefing: slides for a projector and pages for
 * print, drawn by the same cairo routines, from one snapshot of the data for a filter.
 * GTK-free (cairo, pango, the chart models): `usga export briefing` renders it headless.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include "usga-core.h"

G_BEGIN_DECLS

typedef enum {
  USGA_SLIDE_KPIS,
  USGA_SLIDE_TREND,
  USGA_SLIDE_HOTSPOTS,
  USGA_SLIDE_TRACKER,
  USGA_N_SLIDES
} UsgaSlide;

typedef enum {
  USGA_PAGE_COVER,
  USGA_PAGE_KPIS,
  USGA_PAGE_TRENDS,
  USGA_PAGE_MAP,
  USGA_PAGE_TRACKER,
  USGA_PAGE_SOURCES,
  USGA_N_PAGES
} UsgaBriefingPage;

typedef enum {
  USGA_PAPER_A4,
  USGA_PAPER_LETTER,
} UsgaPaper;

typedef struct _UsgaBriefing UsgaBriefing;

/* Gathers every number the briefing shows. Safe on a worker thread with its own connection. */
UsgaBriefing *usga_briefing_new          (UsgaDb *db, UsgaFilter *filter, GError **error);
/* The same for a shared tracker on @server (NULL: this computer's own): its recommendations
 * are read from @tracker_db, its local copy as fetched at @fetched_at (may be NULL), or from
 * @db while @tracker_db is NULL (not fetched yet). The tracker page says which. */
UsgaBriefing *usga_briefing_new_with_tracker (UsgaDb *db, UsgaDb *tracker_db, const char *server,
                                              const char *fetched_at, UsgaFilter *filter, GError **error);
void          usga_briefing_free         (UsgaBriefing *briefing);

const char   *usga_briefing_slide_title  (UsgaSlide slide);   /* translated */
/* How slide @slide's figures were made (the footnote its printed page carries): source,
 * vintage, period rule, estimates and their rule, exclusions. */
const char   *usga_briefing_slide_method (UsgaBriefing *briefing, UsgaSlide slide);
/* Paints slide @slide filling @width × @height (16:9 reads best). */
void          usga_briefing_draw_slide   (UsgaBriefing *briefing, UsgaSlide slide, cairo_t *cr,
                                          double width, double height, gboolean dark);
/* Paints printed page @page (portrait) filling @width × @height points. */
void          usga_briefing_draw_page    (UsgaBriefing *briefing, UsgaBriefingPage page, cairo_t *cr,
                                          double width, double height);
/* The whole printed briefing as a vector PDF. */
gboolean      usga_briefing_write_pdf    (UsgaBriefing *briefing, const char *path, UsgaPaper paper,
                                          GError **error);
void          usga_paper_size            (UsgaPaper paper, double *width_pt, double *height_pt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaBriefing, usga_briefing_free)

G_END_DECLS

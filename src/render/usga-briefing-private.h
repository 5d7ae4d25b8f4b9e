/* usga-briefing-private.h — what the briefing files share: the gathered briefing, its theme and
 * drawing helpers, and the map page. Only src/render/usga-briefing*.c include it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "usga-areas.h"
#include "usga-briefing.h"
#include "usga-chart-build.h"
#include "usga-hotspots.h"
#include "usga-tracker.h"

G_BEGIN_DECLS

/* The map page's Gi* distance band: neighbours within 1 km of a colonia's centre. */
#define USGA_BRIEFING_BAND_M 1000.0
#define USGA_BRIEFING_N_KPIS 10

typedef struct { double r, g, b; } UsgaBriefingRgb;

typedef struct {
  char   *name;
  gint64  now, before;
} UsgaBriefingKpi;

struct _UsgaBriefing {
  char           *filters_text;
  char           *footer;         /* filters and data vintage */
  char           *generated;      /* today, in the locale's words */
  char           *period_text;
  char           *compare_label;  /* what the KPIs' change compares, e.g. "2024 vs 2023" */
  char           *before_period;  /* the earlier side of it, e.g. "2023-Q1–Q2" */
  char           *counted_from;   /* the days the KPIs counted (after the period rule) */
  char           *counted_to;
  gboolean        no_change;      /* open-ended period: the KPIs compare nothing */
  char           *notes[USGA_N_PAGES]; /* each page's method footnote */
  UsgaBriefingKpi kpis[USGA_BRIEFING_N_KPIS];
  UsgaChartModel *trend;
  UsgaChartModel *ranking;
  UsgaHotspots   *hotspots;
  GHashTable     *klass_by_colonia;  /* colonia id -> Gi* class + 10 */
  GPtrArray      *shapes;            /* UsgaArea*, every colonia with its polygon */
  UsgaGeometry   *outline;
  GArray         *utopias;           /* UsgaLonLat */
  GPtrArray      *progress;          /* UsgaTrackerGroup*, first = all 109 */
  GPtrArray      *overdue;           /* UsgaRecommendation* */
  GPtrArray      *datasets;          /* UsgaDatasetInfo* */
  gboolean        spanish;
};

typedef struct {
  UsgaBriefingRgb fg, dim, bg, card, accent, up, down;
  double unit;   /* 1 at 1280 px wide: every size scales with it */
  gboolean dark;
} UsgaBriefingTheme;

/* usga-briefing-draw.c: drawing helpers */
void   usga_briefing_set_rgb      (cairo_t *cr, UsgaBriefingRgb c);
/* The height @text takes in a box @w wide. */
double usga_briefing_text_height  (cairo_t *cr, const char *text, double w, double size);
/* Lays out @text in a box @w wide at (@x, @y); returns its height. */
double usga_briefing_draw_text    (cairo_t *cr, const char *text, double x, double y, double w, double size,
                                   gboolean bold, UsgaBriefingRgb color, PangoAlignment align);
void   usga_briefing_rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r);

/* usga-briefing-map.c: the map page */
void usga_briefing_draw_map        (UsgaBriefing *b, cairo_t *cr, double x, double y, double w, double h,
                                    const UsgaBriefingTheme *t);
/* The legend ends above @bottom: the list of strongest hot spots shows as many as fit. */
void usga_briefing_draw_map_legend (UsgaBriefing *b, cairo_t *cr, double x, double y, double w, double bottom,
                                    const UsgaBriefingTheme *t);

G_END_DECLS

/* usga-filter.h — the one filter every page, export and CLI command reads:
 * a period, crime categories, an exact delito and an area.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  USGA_AREA_LEVEL_ALCALDIA,
  USGA_AREA_LEVEL_SECTOR,
  USGA_AREA_LEVEL_COLONIA,
  USGA_AREA_LEVEL_CUADRANTE,
} UsgaAreaLevel;

#define USGA_TYPE_FILTER (usga_filter_get_type ())
G_DECLARE_FINAL_TYPE (UsgaFilter, usga_filter, USGA, FILTER, GObject)

UsgaFilter   *usga_filter_new            (void);
UsgaFilter   *usga_filter_copy           (UsgaFilter *filter);
/* TRUE when both select exactly the same carpetas (same fields, categories in the same order). */
gboolean      usga_filter_equal          (UsgaFilter *a, UsgaFilter *b);
/* Copies every field of @src into @filter, emitting ::changed once; nothing when they are equal. */
void          usga_filter_assign         (UsgaFilter *filter, UsgaFilter *src);

const char   *usga_filter_get_date_from  (UsgaFilter *filter);  /* YYYY-MM-DD or NULL */
const char   *usga_filter_get_date_to    (UsgaFilter *filter);
void          usga_filter_set_period     (UsgaFilter *filter, const char *from, const char *to);
/* Category keys or group keys ("sexual", "robbery"); NULL/empty means every carpeta. */
const char *const *usga_filter_get_categories (UsgaFilter *filter);
void          usga_filter_set_categories (UsgaFilter *filter, const char *const *categories);
const char   *usga_filter_get_delito     (UsgaFilter *filter);
void          usga_filter_set_delito     (UsgaFilter *filter, const char *delito);
UsgaAreaLevel usga_filter_get_area_level (UsgaFilter *filter);
gint64        usga_filter_get_area_id    (UsgaFilter *filter);
void          usga_filter_set_area       (UsgaFilter *filter, UsgaAreaLevel level, gint64 id);

/* Leave out FGJ's "hechos no delictivos" (category non_criminal): deaths with no crime,
 * missing persons, administrative files. Off by default: "all carpetas" includes them. */
gboolean      usga_filter_get_exclude_non_crimes (UsgaFilter *filter);
void          usga_filter_set_exclude_non_crimes (UsgaFilter *filter, gboolean exclude);

/* The categories expanded to concrete keys, as a JSON array for SQL json_each(); NULL = no restriction.
 * With exclude-non-crimes, non_criminal is taken out (and the list is never NULL). */
char         *usga_filter_categories_json (UsgaFilter *filter);
/* The twelve months ending on @last (YYYY-MM-DD): the open data lags, so "the last year" means
 * the last year of data, not of the calendar. */
void          usga_filter_set_year_ending (UsgaFilter *filter, const char *last);
/* The same filter moved @years back or forward (for year-over-year comparison). */
UsgaFilter   *usga_filter_shift_years    (UsgaFilter *filter, int years);
/* One-line description for footers and exports, e.g. "2024-01-01 – 2024-12-31 · Domestic violence · Colonia X". */
char         *usga_filter_describe       (UsgaFilter *filter, const char *area_name);

gboolean      usga_filter_validate_date  (const char *date);

G_END_DECLS

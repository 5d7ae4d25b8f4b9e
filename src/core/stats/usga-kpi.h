/* usga-kpi.h — the indicators the USGA report tracks, defined once for the Overview's cards,
 * its sparklines and the briefing.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include "usga-stats.h"

G_BEGIN_DECLS

/* Category keys in the report's order, NULL-terminated; "sexual" is the group of sexual crimes. */
const char *const *usga_kpi_keys  (void);
guint              usga_kpi_count (void);
/* The count of @key (a category, or a group summing its members) in by-category @stats;
 * @key NULL is the total. 0 without @stats. */
gint64             usga_kpi_count_in (UsgaStats *stats, const char *key);

G_END_DECLS

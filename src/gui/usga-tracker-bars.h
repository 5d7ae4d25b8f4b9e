/* usga-tracker-bars.h — stacked bars of recommendation status per SDG or theme; the same
 * drawing code renders the widget and the meeting PDF.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "usga-core.h"

G_BEGIN_DECLS

#define USGA_TYPE_TRACKER_BARS (usga_tracker_bars_get_type ())
G_DECLARE_FINAL_TYPE (UsgaTrackerBars, usga_tracker_bars, USGA, TRACKER_BARS, GtkWidget)

GtkWidget *usga_tracker_bars_new        (void);
/* @groups: UsgaTrackerGroup*, as usga_tracker_progress() returns them (the total row is skipped). */
void       usga_tracker_bars_set_groups (UsgaTrackerBars *self, GPtrArray *groups, gboolean spanish);

/* Status colours, in UsgaStatus order. */
void       usga_tracker_status_color    (UsgaStatus status, GdkRGBA *color);
/* Draws the legend and one bar per group into @width; returns the height used.
 * @layout is any PangoLayout for @cr (its font is kept). */
double     usga_tracker_bars_draw       (cairo_t *cr, PangoLayout *layout, GPtrArray *groups,
                                         gboolean spanish, double width, const GdkRGBA *fg);
double     usga_tracker_bars_height     (GPtrArray *groups);

G_END_DECLS

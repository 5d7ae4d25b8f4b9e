/* usga-tracker-drawing.h — stacked bars of recommendation status per SDG or theme, drawn with
 * cairo and pango alone: the Recommendations page's widget, the meeting PDF and `usga` share it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>
#include "usga-core.h"

G_BEGIN_DECLS

/* Draws the legend and one bar per group into @width; returns the height used. @groups are
 * UsgaTrackerGroup*, as usga_tracker_progress() returns them (the total row is skipped);
 * @layout is any PangoLayout for @cr (its font is kept); @fg the text colour, RGBA. */
double usga_tracker_bars_draw   (cairo_t *cr, PangoLayout *layout, GPtrArray *groups,
                                 gboolean spanish, double width, const double fg[4]);
double usga_tracker_bars_height (GPtrArray *groups);

G_END_DECLS

/* usga-tracker-bars.h — the widget showing stacked bars of recommendation status per SDG or
 * theme (drawn by usga-tracker-drawing, as the meeting PDF is).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "usga-core.h"
#include "usga-tracker-drawing.h"

G_BEGIN_DECLS

#define USGA_TYPE_TRACKER_BARS (usga_tracker_bars_get_type ())
G_DECLARE_FINAL_TYPE (UsgaTrackerBars, usga_tracker_bars, USGA, TRACKER_BARS, GtkWidget)

GtkWidget *usga_tracker_bars_new        (void);
/* @groups: UsgaTrackerGroup*, as usga_tracker_progress() returns them (the total row is skipped). */
void       usga_tracker_bars_set_groups (UsgaTrackerBars *self, GPtrArray *groups, gboolean spanish);

G_END_DECLS

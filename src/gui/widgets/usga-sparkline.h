/* usga-sparkline.h — a small line chart of one crime series for the evidence panel.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "usga-core.h"

G_BEGIN_DECLS

#define USGA_TYPE_SPARKLINE (usga_sparkline_get_type ())
G_DECLARE_FINAL_TYPE (UsgaSparkline, usga_sparkline, USGA, SPARKLINE, GtkWidget)

GtkWidget *usga_sparkline_new        (void);
/* Takes the rows' counts in order; labels the first and last keys. NULL clears. */
void       usga_sparkline_set_stats  (UsgaSparkline *self, UsgaStats *stats);

G_END_DECLS

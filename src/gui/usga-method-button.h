/* usga-method-button.h — the "i" beside a KPI card or a chart: a popover with the figure's
 * method (source, vintage, period rule, exclusions), as usga_stats_describe_method() says it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A flat, circular GtkMenuButton (dialog-information-symbolic) whose popover shows @method. */
GtkWidget *usga_method_button_new      (const char *method);
/* Replaces the popover's text (NULL or "" hides the button). */
void       usga_method_button_set_text (GtkWidget *button, const char *method);
/* The text the popover shows now (for tests). */
const char *usga_method_button_get_text (GtkWidget *button);

G_END_DECLS

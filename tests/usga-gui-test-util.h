/* usga-gui-test-util.h — screenshots of real widgets, as a person would see them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "usga-test-util.h"

G_BEGIN_DECLS

/* Renders @widget with its window's renderer and writes a PNG. */
void usga_gui_test_save_screenshot (GtkWidget *widget, const char *path);

G_END_DECLS

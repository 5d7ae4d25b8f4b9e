/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "usga-application.h"

G_BEGIN_DECLS

#define USGA_TYPE_WINDOW (usga_window_get_type ())
G_DECLARE_FINAL_TYPE (UsgaWindow, usga_window, USGA, WINDOW, AdwApplicationWindow)

UsgaWindow *usga_window_new          (UsgaApplication *application);
void        usga_window_show_page    (UsgaWindow *self, const char *name);
void        usga_window_add_toast    (UsgaWindow *self, const char *message);
/* TRUE once the database is open and populated and the pages show data. */
gboolean    usga_window_is_ready     (UsgaWindow *self);

G_END_DECLS

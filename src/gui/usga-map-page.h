/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "usga-store.h"

G_BEGIN_DECLS

#define USGA_TYPE_MAP_PAGE (usga_map_page_get_type ())
G_DECLARE_FINAL_TYPE (UsgaMapPage, usga_map_page, USGA, MAP_PAGE, GtkWidget)

void usga_map_page_set_store (UsgaMapPage *self, UsgaStore *store);

G_END_DECLS

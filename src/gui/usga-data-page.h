/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "usga-store.h"

G_BEGIN_DECLS

#define USGA_TYPE_DATA_PAGE (usga_data_page_get_type ())
G_DECLARE_FINAL_TYPE (UsgaDataPage, usga_data_page, USGA, DATA_PAGE, GtkWidget)

void usga_data_page_set_store (UsgaDataPage *self, UsgaStore *store);

G_END_DECLS

/* usga-page-util.h — what every data page shares: refreshing when the filter or the data
 * changes (hidden pages wait until they are shown) and locale-aware number formatting.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "usga-store.h"

G_BEGIN_DECLS

typedef void (*UsgaRefreshFunc) (GtkWidget *page);

/* Calls @refresh now if @page is mapped, and again whenever the store's filter or data
 * changes; while @page is hidden the refresh waits until it is mapped. */
void  usga_page_watch_store     (GtkWidget *page, UsgaStore *store, UsgaRefreshFunc refresh);
/* Cancels the page's previous query and returns a fresh cancellable for the next one. */
GCancellable *usga_page_renew_cancellable (GtkWidget *page);

/* 12,345 or 12 345 or 12.345, as the locale groups digits. */
char *usga_format_count         (gint64 value);
/* "▲ 12.3 %" / "▼ 4.0 %" / "= 0.0 %" / "—"; the arrow carries the direction without colour. */
char *usga_format_change        (double percent);
/* "123.4" per 100 000, locale decimal mark; "—" when NAN. */
char *usga_format_rate          (double rate);
/* CSS class for a change: "change-up", "change-down" or "change-none". */
const char *usga_change_css_class (double percent);

G_END_DECLS

G_BEGIN_DECLS
/* "es" when the interface is shown in Spanish, else "en": picks the summary column to show. */
const char *usga_ui_language (void);
G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include "usga-store.h"
#include "usga-shared-link.h"

G_BEGIN_DECLS

#define USGA_TYPE_BRIEFING_WINDOW (usga_briefing_window_get_type ())
G_DECLARE_FINAL_TYPE (UsgaBriefingWindow, usga_briefing_window, USGA, BRIEFING_WINDOW, AdwWindow)

/* A fullscreen slide show of the current filter, for the Security Cabinet. */
/* @link: the shared tracker the window shows, or NULL for this computer's own. */
GtkWidget *usga_briefing_window_new       (GtkWindow *parent, UsgaStore *store, UsgaSharedLink *link);
guint      usga_briefing_window_get_slide (UsgaBriefingWindow *self);
/* The method the slide shown offers (its "i" button), for tests. */
const char *usga_briefing_window_get_method (UsgaBriefingWindow *self);
gboolean   usga_briefing_window_is_ready  (UsgaBriefingWindow *self);

/* Gathers the briefing for the store's current filter on a worker thread (own connection); the
 * recommendations come from @link's local copy when a shared tracker is in use (@link NULL:
 * this computer's own), and the tracker page says which. */
void          usga_briefing_gather_async  (UsgaStore           *store,
                                           UsgaSharedLink      *link,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
struct _UsgaBriefing *usga_briefing_gather_finish (GAsyncResult *result, GError **error);

G_END_DECLS

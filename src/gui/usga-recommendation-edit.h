/* usga-recommendation-edit.h — edits of this computer's tracker (a change, an undo) on the
 * store's writing thread; a shared tracker's go through its link instead.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "usga-store.h"

G_BEGIN_DECLS

/* @change is copied. The result: history entries written, or -1 with the error. */
void        usga_recommendation_edit_apply_async  (UsgaStore *store, const char *id, const UsgaTrackerChange *change,
                                                   GAsyncReadyCallback callback, gpointer user_data);
int         usga_recommendation_edit_apply_finish (UsgaStore *store, GAsyncResult *result, GError **error);
/* Reverts the history entry @uuid of recommendation @id. */
void        usga_recommendation_edit_undo_async   (UsgaStore *store, const char *id, const char *uuid, const char *by,
                                                   GAsyncReadyCallback callback, gpointer user_data);
gboolean    usga_recommendation_edit_undo_finish  (UsgaStore *store, GAsyncResult *result, GError **error);
/* The recommendation an edit was for (either kind), in its callback. */
const char *usga_recommendation_edit_get_id       (GAsyncResult *result);

G_END_DECLS

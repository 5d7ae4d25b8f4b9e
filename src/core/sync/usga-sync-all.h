/* usga-sync-all.h — "sync all": every dataset asked for, one after the other, with one rule for
 * the Data page and `usga sync` alike.
 *
 * The rule:
 *  - every dataset is tried, even after an earlier one failed (a portal fault in carpetas says
 *    nothing about víctimas); only cancellation stops the loop, leaving the rest untried;
 *  - each dataset is its own run (usga_sync_dataset(): one transaction per page, resumable), so
 *    an incomplete dataset keeps the pages it committed and never replaces bundled data, and
 *    never touches another dataset's rows;
 *  - each dataset's outcome is reported (its summary, or its error);
 *  - the whole is a success only if every dataset completed (or was already up to date);
 *    otherwise it fails with one message naming each dataset that did not, with its reason.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-sync.h"

G_BEGIN_DECLS

/* One dataset to bring up to date: what differs between datasets of one sync. */
typedef struct {
  UsgaTableKind kind;
  const char   *resource_id;  /* NULL or "": a failure of this dataset ("no resource id") */
  const char   *package_id;   /* NULL or "": never ask the dataset for a replaced resource */
} UsgaSyncTarget;

typedef struct {
  UsgaTableKind   kind;
  gboolean        tried;      /* FALSE: cancelled before its turn */
  UsgaSyncSummary summary;    /* what it did, also when it failed (committed pages stay) */
  GError         *error;      /* NULL: complete or up to date */
} UsgaSyncOutcome;

/* Syncs @targets in order with @common's other options (its kind, resource_id and package_id
 * are ignored). @progress sees the fraction of the whole run. *@outcomes (optional) gets one
 * UsgaSyncOutcome per target, in order, also on failure. FALSE when any dataset failed (error
 * from usga_sync_all_message()) or when cancelled (G_IO_ERROR_CANCELLED). */
gboolean  usga_sync_all          (UsgaDb                *db,
                                  const UsgaSyncOptions *common,
                                  const UsgaSyncTarget  *targets,
                                  guint                  n_targets,
                                  UsgaProgressFunc       progress,
                                  gpointer               user_data,
                                  GCancellable          *cancellable,
                                  GPtrArray            **outcomes,
                                  GError               **error);

/* "Sync failed for 1 of 2 datasets — Victims: Incomplete: got 1,500 of 3,000 rows; will
 * resume…" (translated), naming every failed dataset; NULL when none failed. */
char     *usga_sync_all_message  (GPtrArray *outcomes);

G_END_DECLS

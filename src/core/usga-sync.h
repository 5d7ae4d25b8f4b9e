/* usga-sync.h — keeping the database current from the CKAN DataStore, and importing the
 * official CSV files by hand. Both paths normalise and de-duplicate the same way.
 *
 * Behaviour, in short:
 *  - identity is a content key (date, time, delito, coordinates, victim attributes), never
 *    CKAN's _id, so re-running adds only what is new;
 *  - each page is one transaction together with the run's progress in sync_log, so an
 *    interrupted sync resumes from the last committed page (same resource, scope and vintage);
 *  - rows that disappear upstream are kept: the portal republishes cumulative files and has
 *    dropped years from them before, so nothing is ever deleted because it is missing;
 *  - the bundled snapshot is superseded month by month: the first synced or imported carpeta of
 *    a month removes the bundled carpetas of that month in the same transaction, so the two
 *    never double-count;
 *  - a CSV import is one transaction: all of the file or nothing.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <gio/gio.h>
#include "usga-bundled.h"
#include "usga-ckan.h"
#include "usga-datasets.h"
#include "usga-db.h"
#include "usga-schema.h"

G_BEGIN_DECLS

typedef struct {
  const char   *base_url;
  const char   *resource_id;
  const char   *package_id;     /* the dataset, asked for its current resource when @resource_id
                                 * is gone from the portal; NULL: never */
  UsgaTableKind kind;
  gboolean      city;           /* whole city instead of Iztapalapa only */
  gboolean      full;           /* ignore the vintage check and any interrupted run */
  guint         page_size;      /* 0: 32000, CKAN's usual maximum */
  guint         attempts;       /* 0: 4 */
  guint         retry_delay_ms; /* 0: 2000, doubling */
  guint         timeout_s;      /* 0: 60 */
  gboolean      no_sql;         /* never try datastore_search_sql (keyset paging) */
} UsgaSyncOptions;

typedef struct {
  const char *dataset;         /* carpetas / victimas */
  gint64      added, skipped, rejected, out_of_scope;
  gint64      total;           /* rows upstream (in scope), or rows read from the file */
  gboolean    up_to_date;      /* nothing to do: same vintage as the last complete sync */
  gboolean    resumed;
  gint64      resumed_at;      /* offset the run resumed from */
  char       *vintage;
  char       *generation;
  char       *replacement;     /* the resource synchronised when the portal had replaced the
                                * asked-for one (found through the dataset), else NULL */
  GHashTable *reasons;         /* untranslated reason -> count (GINT64 pointer) */
} UsgaSyncSummary;

void      usga_sync_summary_init  (UsgaSyncSummary *summary);
void      usga_sync_summary_clear (UsgaSyncSummary *summary);
/* "12 unreadable date, 3 no delito" (translated), or NULL when nothing was rejected. */
char     *usga_sync_summary_reasons (const UsgaSyncSummary *summary);

const char *usga_table_kind_dataset (UsgaTableKind kind);   /* "carpetas" / "victimas" */

gboolean  usga_sync_dataset (UsgaDb                *db,
                             const UsgaSyncOptions *options,
                             UsgaProgressFunc       progress,
                             gpointer               user_data,
                             GCancellable          *cancellable,
                             UsgaSyncSummary       *summary,
                             GError               **error);

/* @kind may be USGA_TABLE_AUTO; @summary->generation then names the kind detected. */
gboolean  usga_import_csv   (UsgaDb           *db,
                             const char       *path,
                             UsgaTableKind     kind,
                             gboolean          city,
                             UsgaProgressFunc  progress,
                             gpointer          user_data,
                             GCancellable     *cancellable,
                             UsgaSyncSummary  *summary,
                             GError          **error);

G_END_DECLS

/* usga-sync.h — keeping the database current from the CKAN DataStore. The CSV import
 * (usga-import.h) normalises and de-duplicates the same way: both write through usga-ingest.h.
 *
 * Behaviour, in short:
 *  - identity is a content key (date, time, delito, coordinates, victim attributes), never
 *    CKAN's _id, so re-running adds only what is new;
 *  - each page is one transaction together with the run's progress in sync_log, so an
 *    interrupted sync resumes from the last committed page (same resource, scope and vintage);
 *  - rows that disappear upstream are kept: the portal republishes cumulative files and has
 *    dropped years from them before, so nothing is ever deleted because it is missing;
 *  - the bundled snapshot gives way only to a complete run (usga_ingest_finish_complete()): the
 *    bundled carpetas of its days that it had again become its rows, the others are deleted;
 *    until then rows are only added (a bundled carpeta found again is "already present");
 *  - a CSV import is one transaction: all of the file or nothing.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <gio/gio.h>
#include "usga-bundled.h"
#include "usga-ckan.h"
#include "usga-datasets.h"
#include "usga-db.h"
#include "usga-ingest.h"
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
  guint         timeout_s;      /* idle deadline of a request; 0: 30 */
  guint         deadline_ms;    /* total deadline of a request; 0: 300 000 */
  gsize         max_metadata_bytes;  /* cap on resource_show/package_show/count answers; 0: 8 MB */
  gsize         max_page_bytes;      /* cap on one page of records; 0: 64 MB */
  gboolean      no_sql;         /* never try datastore_search_sql (keyset paging) */
  const char   *ca_file;        /* PEM certificate authorities to trust instead of the system's; NULL: the system's */
} UsgaSyncOptions;

gboolean  usga_sync_dataset (UsgaDb                *db,
                             const UsgaSyncOptions *options,
                             UsgaProgressFunc       progress,
                             gpointer               user_data,
                             GCancellable          *cancellable,
                             UsgaSyncSummary       *summary,
                             GError               **error);

G_END_DECLS

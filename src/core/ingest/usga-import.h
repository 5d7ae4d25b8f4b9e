/* usga-import.h — importing the official FGJ CSV files (plain or .gz) by hand: the header
 * names the schema generation, a reading thread parses and cleans rows, and the file is
 * written through the same writer as a sync (usga-ingest.h) in one transaction: all of the
 * file or nothing.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <gio/gio.h>
#include "usga-bundled.h"
#include "usga-db.h"
#include "usga-ingest.h"
#include "usga-schema.h"

G_BEGIN_DECLS

typedef struct {
  UsgaTableKind kind;         /* may be USGA_TABLE_AUTO: @summary->generation names the kind read */
  gboolean      city;         /* whole city instead of Iztapalapa only */
  gboolean      complete;     /* the user declares the file the full FGJ extract for its days:
                               * it replaces the bundled carpetas of those days and is recorded
                               * as complete coverage. Otherwise rows are only added. */
  const char   *rejects_path; /* when set, rejected and repaired rows are written there (CSV) */
} UsgaImportOptions;

/* Adds the file's rows (deduplicated by content key against what is there); never deletes.
 * The dataset's vintage is not touched: the import is recorded in sync_log. */
gboolean  usga_import_csv_with_options (UsgaDb                  *db,
                                        const char              *path,
                                        const UsgaImportOptions *options,
                                        UsgaProgressFunc         progress,
                                        gpointer                 user_data,
                                        GCancellable            *cancellable,
                                        UsgaSyncSummary         *summary,
                                        GError                 **error);

/* A partial import with no rejects file. @kind may be USGA_TABLE_AUTO. */
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

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

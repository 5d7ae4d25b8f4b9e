/* usga-datasets.h — what the database holds, for the Data page and `usga info`.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-db.h"

G_BEGIN_DECLS

typedef struct {
  char   *id;         /* carpetas, carpetas_quarterly, victimas, colonias, ... */
  char   *title;      /* translated */
  gint64  rows;       /* rows of the table */
  gint64  carpetas;   /* carpetas the rows count (the quarterly counts' sum); -1: one row each */
  char   *first;      /* first date or period covered, may be NULL */
  char   *last;
  char   *source;
  char   *license;
  char   *vintage;
  char   *origin;     /* bundled | ckan | csv */
  char   *loaded_at;
  /* Carpetas and víctimas: what CSV imports added on top (they never change the vintage). */
  gint64  imported_rows;
  gint64  import_files;
  char   *last_import;  /* file name of the latest import, NULL when none */
} UsgaDatasetInfo;

typedef struct {
  char   *dataset;
  char   *kind;
  char   *finished_at;
  char   *status;
  gint64  added, skipped, rejected;
  char   *message;
} UsgaSyncInfo;

GPtrArray    *usga_datasets_describe (UsgaDb *db, GError **error);  /* UsgaDatasetInfo* */
/* The latest sync_log entry (any, when @dataset is NULL; else that dataset's latest sync or import). */
UsgaSyncInfo *usga_datasets_last_sync (UsgaDb *db, const char *dataset);
void          usga_sync_info_free     (UsgaSyncInfo *info);
/* Dataset @id's source (in the user's language when it is one the app wrote, e.g. the bundled
 * data's) and vintage, for footers and method notes; FALSE when the dataset is not recorded. */
gboolean      usga_dataset_source     (UsgaDb *db, const char *id, char **source, char **vintage);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaSyncInfo, usga_sync_info_free)

G_END_DECLS

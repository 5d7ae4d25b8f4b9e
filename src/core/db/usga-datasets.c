/* usga-datasets.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "usga-datasets.h"
#include "usga-job-owner.h"

gboolean
usga_dataset_source (UsgaDb *db, const char *id, char **source, char **vintage)
{
  sqlite3_stmt *stmt = usga_db_prepare (db, "SELECT source, vintage FROM dataset WHERE id = ?", NULL);
  gboolean found = FALSE;

  *source = *vintage = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      /* The bundled descriptions are marked for translation where they are written. */
      *source = text && *text ? g_strdup (_(text)) : NULL;
      *vintage = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

static void
dataset_info_free (gpointer data)
{
  UsgaDatasetInfo *d = data;

  g_free (d->id);
  g_free (d->title);
  g_free (d->first);
  g_free (d->last);
  g_free (d->source);
  g_free (d->license);
  g_free (d->vintage);
  g_free (d->origin);
  g_free (d->loaded_at);
  g_free (d->last_import);
  g_free (d);
}

void
usga_sync_info_free (UsgaSyncInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->dataset);
  g_free (info->kind);
  g_free (info->finished_at);
  g_free (info->status);
  g_free (info->message);
  g_free (info);
}

static const struct {
  const char *id;
  const char *title;
  const char *sql;  /* rows, first, last[, carpetas] */
} extents[] = {
  { "carpetas", N_("Carpetas de investigación (one row each)"),
    "SELECT count(*), min (date), max (date) FROM incident" },
  { "carpetas_quarterly", N_("Carpetas per colonia and quarter (published counts)"),
    "SELECT count(*), min (printf ('%04d-Q%d', year, quarter)), max (printf ('%04d-Q%d', year, quarter)),"
    " COALESCE (sum (count), 0) FROM incident_quarterly" },
  { "victimas", N_("Victims in carpetas"),
    "SELECT count(*), min (date), max (date) FROM victim" },
  { "colonias", N_("Colonias with 2020 population"),
    "SELECT count(*), NULL, NULL FROM colonia" },
  { "cuadrantes", N_("Police cuadrantes"),
    "SELECT count(*), NULL, NULL FROM cuadrante" },
  { "alcaldias", N_("Alcaldía outline"),
    "SELECT count(*), NULL, NULL FROM alcaldia" },
  { "utopias", N_("UTOPIAS community centres"),
    "SELECT count(*), min (opened), max (opened) FROM utopia" },
};

/* Imports are listed in sync_log, apart from the dataset row and its vintage. */
static gboolean
describe_imports (UsgaDb *db, UsgaDatasetInfo *d, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "SELECT COALESCE (sum (rows_added), 0), count(*),"
      " (SELECT resource FROM sync_log WHERE dataset = ?1 AND kind = 'csv' AND status = 'ok' ORDER BY id DESC LIMIT 1)"
      " FROM sync_log WHERE dataset = ?1 AND kind = 'csv' AND status = 'ok'", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, d->id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      d->imported_rows = sqlite3_column_int64 (stmt, 0);
      d->import_files = sqlite3_column_int64 (stmt, 1);
      d->last_import = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  return TRUE;
}

GPtrArray *
usga_datasets_describe (UsgaDb *db, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (dataset_info_free);

  for (guint i = 0; i < G_N_ELEMENTS (extents); i++)
    {
      sqlite3_stmt *stmt = usga_db_prepare (db, extents[i].sql, error);
      sqlite3_stmt *meta;
      UsgaDatasetInfo *d;

      if (stmt == NULL)
        return NULL;
      d = g_new0 (UsgaDatasetInfo, 1);
      d->id = g_strdup (extents[i].id);
      d->title = g_strdup (_(extents[i].title));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          d->rows = sqlite3_column_int64 (stmt, 0);
          d->first = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          d->last = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          /* Row counts say what they count: a quarterly row holds many carpetas. */
          d->carpetas = sqlite3_column_count (stmt) > 3 ? sqlite3_column_int64 (stmt, 3) : -1;
        }
      sqlite3_reset (stmt);

      meta = usga_db_prepare (db, "SELECT source, license, vintage, origin, loaded_at FROM dataset WHERE id = ?", error);
      if (meta == NULL)
        {
          dataset_info_free (d);
          return NULL;
        }
      sqlite3_bind_text (meta, 1, d->id, -1, SQLITE_STATIC);
      if (sqlite3_step (meta) == SQLITE_ROW)
        {
          d->source = sqlite3_column_text (meta, 0) ? g_strdup (_((const char *) sqlite3_column_text (meta, 0))) : NULL;
          d->license = g_strdup ((const char *) sqlite3_column_text (meta, 1));
          d->vintage = g_strdup ((const char *) sqlite3_column_text (meta, 2));
          d->origin = g_strdup ((const char *) sqlite3_column_text (meta, 3));
          d->loaded_at = g_strdup ((const char *) sqlite3_column_text (meta, 4));
        }
      sqlite3_reset (meta);
      if (!describe_imports (db, d, error))
        {
          dataset_info_free (d);
          return NULL;
        }
      g_ptr_array_add (list, d);
    }
  return g_steal_pointer (&list);
}

UsgaSyncInfo *
usga_datasets_last_sync (UsgaDb *db, const char *dataset)
{
  /* For one dataset, only syncs and imports count: the bundled load is not a result to report. */
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "SELECT dataset, kind, COALESCE (finished_at, started_at), status, rows_added, rows_skipped,"
      " rows_rejected, message, (SELECT owner FROM sync_owner WHERE sync_id = sync_log.id) FROM sync_log"
      " WHERE ?1 IS NULL OR (dataset = ?1 AND kind IN ('ckan', 'csv')) ORDER BY id DESC LIMIT 1", NULL);
  UsgaSyncInfo *info = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, dataset, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      info = g_new0 (UsgaSyncInfo, 1);
      info->dataset = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      info->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->finished_at = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      info->status = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      info->added = sqlite3_column_int64 (stmt, 4);
      info->skipped = sqlite3_column_int64 (stmt, 5);
      info->rejected = sqlite3_column_int64 (stmt, 6);
      info->message = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      /* Read-only opens cannot mark a dead job: say what it is all the same. */
      if (g_strcmp0 (info->status, "running") == 0 && !usga_job_owner_alive ((const char *) sqlite3_column_text (stmt, 8)))
        {
          g_free (info->status);
          info->status = g_strdup ("interrupted");
        }
    }
  sqlite3_reset (stmt);
  return info;
}

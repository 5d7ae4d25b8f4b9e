/* usga-summary.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "usga-summary.h"

gboolean
usga_summary_rebuild (UsgaDb *db, UsgaProgressFunc progress, gpointer progress_data, GError **error)
{
  static const char *const fill[] = {
    USGA_SUMMARY_COUNT ("date >= ?1 AND date < ?2 AND " USGA_SUMMARY_IN_SCOPE ("i")),
    USGA_SUMMARY_HOUR_COUNT ("date >= ?1 AND date < ?2 AND " USGA_SUMMARY_IN_SCOPE ("i")),
  };
  g_autoptr(GPtrArray) years = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  if (!usga_db_begin (db, error))
    return FALSE;
  /* Steps by the first four characters of the date, so every row falls in exactly one. */
  stmt = usga_db_prepare (db, "SELECT DISTINCT substr (date, 1, 4) FROM incident ORDER BY 1", error);
  if (stmt == NULL)
    goto fail;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (years, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (!usga_db_exec (db, "DELETE FROM incident_summary; DELETE FROM incident_hour_summary;", error))
    goto fail;
  for (guint i = 0; i < years->len; i++)
    {
      const char *year = years->pdata[i];
      /* Every date beginning with @year sorts at or after it and before it + DEL. */
      g_autofree char *end = g_strconcat (year, "\x7f", NULL);

      if (progress)
        {
          g_autofree char *message = g_strdup_printf (_("Counting the carpetas of %s"), year);
          progress ((double) i / years->len, message, progress_data);
        }
      for (guint f = 0; f < G_N_ELEMENTS (fill); f++)
        {
          int rc;

          if ((stmt = usga_db_prepare (db, fill[f], error)) == NULL)
            goto fail;
          sqlite3_bind_text (stmt, 1, year, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, end, -1, SQLITE_STATIC);
          rc = sqlite3_step (stmt);
          sqlite3_reset (stmt);
          sqlite3_clear_bindings (stmt);
          if (rc != SQLITE_DONE)
            {
              usga_db_fail (db, rc, "summary", error);
              goto fail;
            }
        }
    }
  if (!usga_db_commit (db, error))
    goto fail;
  if (progress)
    progress (1.0, _("Counting the carpetas: done"), progress_data);
  return TRUE;

fail:
  usga_db_rollback (db);
  return FALSE;
}

gboolean
usga_summary_bulk_start (UsgaDb *db, UsgaSummaryBulk *bulk, GError **error)
{
  g_return_val_if_fail (!sqlite3_get_autocommit (usga_db_handle (db)), FALSE);
  bulk->lifted = FALSE;
  bulk->last_id = usga_db_query_int (db, "SELECT COALESCE (max (id), 0) FROM incident", -1);
  if (bulk->last_id < 0)
    return usga_db_fail (db, sqlite3_errcode (usga_db_handle (db)), "incident", error);
  /* Without the trigger there is nothing to keep (a database the migration has not reached). */
  if (usga_db_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
                             " AND name = 'incident_summary_insert'", 0) == 0)
    return TRUE;
  if (!usga_db_exec (db, "DROP TRIGGER incident_summary_insert", error))
    return FALSE;
  bulk->lifted = TRUE;
  return TRUE;
}

gboolean
usga_summary_bulk_finish (UsgaDb *db, UsgaSummaryBulk *bulk, GError **error)
{
  /* The new rows are exactly those after the last id: rowids only grow while nothing is
   * deleted, and the load only inserts. Few of a city file's rows are in scope. */
  static const char *const add[] = {
    USGA_SUMMARY_COUNT ("id > ?1 AND " USGA_SUMMARY_IN_SCOPE ("i")) " ON CONFLICT DO UPDATE SET n = n + excluded.n",
    USGA_SUMMARY_HOUR_COUNT ("id > ?1 AND " USGA_SUMMARY_IN_SCOPE ("i")) " ON CONFLICT DO UPDATE SET n = n + excluded.n",
  };

  if (!bulk->lifted)
    return TRUE;
  g_return_val_if_fail (!sqlite3_get_autocommit (usga_db_handle (db)), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (add); i++)
    {
      sqlite3_stmt *stmt = usga_db_prepare (db, add[i], error);
      int rc = SQLITE_ERROR;

      if (stmt)
        {
          sqlite3_bind_int64 (stmt, 1, bulk->last_id);
          rc = sqlite3_step (stmt);
          sqlite3_reset (stmt);
        }
      if (stmt == NULL || (rc != SQLITE_DONE && !usga_db_fail (db, rc, "summary", error)))
        return FALSE;
    }
  if (!usga_db_exec (db, USGA_SUMMARY_INSERT_TRIGGER_SQL, error))
    return FALSE;
  bulk->lifted = FALSE;
  return TRUE;
}

gint64
usga_summary_check (UsgaDb *db, GError **error)
{
  /* Cells present on one side only, or with different counts, in either summary. */
  static const char *const sql[] = {
    "WITH raw AS (SELECT date, delito_id, COALESCE (colonia_id, 0) AS c, COALESCE (cuadrante_id, 0) AS q, count(*) AS n"
    "  FROM incident i WHERE " USGA_SUMMARY_IN_SCOPE ("i") " GROUP BY 1, 2, 3, 4)"
    " SELECT (SELECT count(*) FROM raw r LEFT JOIN incident_summary s ON s.date = r.date AND s.delito_id = r.delito_id"
    "   AND s.colonia_id = r.c AND s.cuadrante_id = r.q WHERE s.n IS NOT r.n)"
    " + (SELECT count(*) FROM incident_summary s LEFT JOIN raw r ON s.date = r.date AND s.delito_id = r.delito_id"
    "   AND s.colonia_id = r.c AND s.cuadrante_id = r.q WHERE r.n IS NULL)",
    "WITH raw AS (SELECT date, weekday, COALESCE (hour, -1) AS h, time_placeholder AS p, delito_id,"
    "  COALESCE (colonia_id, 0) AS c, COALESCE (cuadrante_id, 0) AS q, count(*) AS n"
    "  FROM incident i WHERE " USGA_SUMMARY_IN_SCOPE ("i") " GROUP BY 1, 2, 3, 4, 5, 6, 7)"
    " SELECT (SELECT count(*) FROM raw r LEFT JOIN incident_hour_summary s ON s.date = r.date AND s.weekday = r.weekday"
    "   AND s.hour = r.h AND s.time_placeholder = r.p AND s.delito_id = r.delito_id AND s.colonia_id = r.c"
    "   AND s.cuadrante_id = r.q WHERE s.n IS NOT r.n)"
    " + (SELECT count(*) FROM incident_hour_summary s LEFT JOIN raw r ON s.date = r.date AND s.weekday = r.weekday"
    "   AND s.hour = r.h AND s.time_placeholder = r.p AND s.delito_id = r.delito_id AND s.colonia_id = r.c"
    "   AND s.cuadrante_id = r.q WHERE r.n IS NULL)",
  };
  return usga_db_sum_counts (db, sql, G_N_ELEMENTS (sql), "summary check", error);
}

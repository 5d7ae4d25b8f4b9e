/* usga-db-rows.c — one loop over a statement's rows for the loaders of areas, corridors and
 * UTOPIAS centres, and one step for the savers of an edited corridor or centre.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "usga-db-rows.h"

GPtrArray *
usga_db_collect (UsgaDb *db, sqlite3_stmt *stmt, UsgaDbRowFunc row, gpointer user_data,
                 GDestroyNotify free_item, const char *what, GError **error)
{
  g_autoptr(GPtrArray) items = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  items = g_ptr_array_new_with_free_func (free_item);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) row_error = NULL;
      gpointer item = row (stmt, user_data, &row_error);

      if (row_error)
        {
          sqlite3_reset (stmt);
          g_propagate_error (error, g_steal_pointer (&row_error));
          return NULL;
        }
      if (item)
        g_ptr_array_add (items, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      usga_db_fail (db, rc, what, error);
      return NULL;
    }
  return g_steal_pointer (&items);
}

void
usga_db_bind_text_or_null (sqlite3_stmt *stmt, int col, const char *text)
{
  if (text && *text)
    sqlite3_bind_text (stmt, col, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, col);
}

void
usga_db_bind_id_or_null (sqlite3_stmt *stmt, int col, gint64 id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, col, id);
  else
    sqlite3_bind_null (stmt, col);
}

gboolean
usga_db_save_row (UsgaDb *db, sqlite3_stmt *stmt, gint64 *id, const char *what, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return usga_db_fail (db, rc, what, error);
  if (*id == 0)
    *id = sqlite3_last_insert_rowid (usga_db_handle (db));
  return TRUE;
}

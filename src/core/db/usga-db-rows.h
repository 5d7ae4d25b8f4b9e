/* usga-db-rows.h — reading every row of a statement into a list of items.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-db.h"

G_BEGIN_DECLS

/* The item for the statement's current row. NULL with @error set fails the whole read; NULL
 * without an error skips the row. */
typedef gpointer (*UsgaDbRowFunc) (sqlite3_stmt *stmt, gpointer user_data, GError **error);

/* Steps @stmt (prepared and bound by the caller; NULL when preparing failed and set @error)
 * to its end, collecting each row's item in order; the statement is reset either way. A step
 * that fails names @what in the error. NULL on failure: never a shorter list. */
GPtrArray *usga_db_collect (UsgaDb *db, sqlite3_stmt *stmt, UsgaDbRowFunc row, gpointer user_data,
                            GDestroyNotify free_item, const char *what, GError **error);

/* For the savers of one edited row: @text, or NULL when it is NULL or empty; @id, or NULL
 * when it is 0 or less (no such row). */
void       usga_db_bind_text_or_null (sqlite3_stmt *stmt, int col, const char *text);
void       usga_db_bind_id_or_null   (sqlite3_stmt *stmt, int col, gint64 id);
/* Steps an INSERT (when *@id is 0) or UPDATE that the caller prepared and bound, then resets
 * and clears it; a new row's id is stored in *@id. A failure names @what. */
gboolean   usga_db_save_row          (UsgaDb *db, sqlite3_stmt *stmt, gint64 *id, const char *what, GError **error);

G_END_DECLS

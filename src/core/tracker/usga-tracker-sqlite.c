/* usga-tracker-sqlite.c — the local tracker backend: history and state in the dashboard's
 * own SQLite database (the default; nothing is shared). Also the reading side of a shared
 * tracker, whose last fetched state is kept in an SQLite copy (usga-tracker-shared.c).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "usga-tracker-private.h"
#include "usga-tracker-store.h"

GPtrArray *
usga_tracker_history (UsgaDb *db, const char *id, guint limit, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_history_entry_free);
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "SELECT " USGA_HISTORY_COLUMNS " FROM recommendation_history"
      " WHERE ?1 IS NULL OR recommendation_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, usga_tracker_history_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      usga_db_fail (db, rc, "recommendation_history", error);
      return NULL;
    }
  return g_steal_pointer (&out);
}


gboolean
usga_tracker_sqlite_insert_history (UsgaDb *db, const UsgaHistoryEntry *e, GError **error)
{
  const char *values[] = { e->uuid, e->recommendation_id, e->at, e->by ? e->by : "", e->field,
                           e->old_value, e->new_value, e->note, e->evidence_url, e->criterion };

  return usga_db_run_texts (db,
      "INSERT INTO recommendation_history (" USGA_HISTORY_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      "recommendation_history", values, G_N_ELEMENTS (values), error);
}

/* Column names come from this fixed list only, never from input. */
static const char *
field_update_sql (const char *field)
{
  if (g_str_equal (field, "status")) return "UPDATE recommendation SET status = ?2 WHERE id = ?1";
  if (g_str_equal (field, "term")) return "UPDATE recommendation SET term = ?2 WHERE id = ?1";
  if (g_str_equal (field, "responsible")) return "UPDATE recommendation SET responsible = ?2 WHERE id = ?1";
  if (g_str_equal (field, "due_date")) return "UPDATE recommendation SET due_date = ?2 WHERE id = ?1";
  if (g_str_equal (field, "progress")) return "UPDATE recommendation SET progress = coalesce(CAST(?2 AS INTEGER), 0) WHERE id = ?1";
  return NULL;
}

gboolean
usga_tracker_sqlite_set_field (UsgaDb *db, const char *id, const char *field, const char *value, GError **error)
{
  const char *sql = field_update_sql (field);
  const char *values[] = { id, value };

  if (sql == NULL)   /* notes carry no state */
    return TRUE;
  return usga_db_run_texts (db, sql, "recommendation", values, G_N_ELEMENTS (values), error);
}


UsgaHistoryEntry *
usga_tracker_sqlite_entry (UsgaDb *db, const char *uuid, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "SELECT " USGA_HISTORY_COLUMNS " FROM recommendation_history WHERE uuid = ?", error);
  UsgaHistoryEntry *e = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    e = usga_tracker_history_from_row (stmt);
  sqlite3_reset (stmt);
  if (e == NULL)
    g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("There is no history entry “%s”"), uuid);
  return e;
}

/* The latest entry of @id, of any field (@field NULL) or of @field; NULL when none. */
static UsgaHistoryEntry *
latest_entry (UsgaDb *db, const char *id, const char *field)
{
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "SELECT " USGA_HISTORY_COLUMNS " FROM recommendation_history"
      " WHERE recommendation_id = ?1 AND (?2 IS NULL OR field = ?2) ORDER BY at DESC, id DESC LIMIT 1", NULL);
  UsgaHistoryEntry *e = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    e = usga_tracker_history_from_row (stmt);
  sqlite3_reset (stmt);
  return e;
}

static int
apply_in_transaction (UsgaDb *db, const char *id, const UsgaTrackerChange *change, GError **error)
{
  g_autoptr(UsgaRecommendation) rec = usga_tracker_get (db, id, error);
  g_autoptr(GPtrArray) entries = NULL;

  if (rec == NULL)
    return -1;
  if (change->base_uuid || change->base_status)
    {
      g_autoptr(UsgaHistoryEntry) latest = latest_entry (db, id, NULL);
      g_autoptr(UsgaHistoryEntry) latest_status = latest_entry (db, id, "status");

      if (!usga_tracker_check_base (rec, latest, latest_status, change, error))
        return -1;
    }
  entries = usga_tracker_plan_change (rec, change, error);
  if (entries == NULL)
    return -1;
  for (guint i = 0; i < entries->len; i++)
    {
      UsgaHistoryEntry *e = entries->pdata[i];

      if (!usga_tracker_sqlite_set_field (db, rec->id, e->field, e->new_value, error) ||
          !usga_tracker_sqlite_insert_history (db, e, error))
        return -1;
    }
  return (int) entries->len;
}

int
usga_tracker_apply (UsgaDb *db, const char *id, const UsgaTrackerChange *change, GError **error)
{
  int written;

  /* The old values (and the base) are read inside the write transaction (BEGIN IMMEDIATE), so a
   * change made meanwhile by another process cannot be recorded with stale "old" values. */
  if (!usga_db_begin (db, error))
    return -1;
  written = apply_in_transaction (db, id, change, error);
  if (written < 0 || !usga_db_commit (db, written < 0 ? NULL : error))
    {
      usga_db_rollback (db);
      return -1;
    }
  return written;
}

gboolean
usga_tracker_undo (UsgaDb *db, const char *uuid, const char *by, GError **error)
{
  g_autoptr(UsgaHistoryEntry) e = usga_tracker_sqlite_entry (db, uuid, error);
  g_autoptr(UsgaRecommendation) rec = NULL;
  g_autofree char *note = NULL;
  UsgaTrackerChange change;
  g_autofree char *base = NULL;

  if (e == NULL || (rec = usga_tracker_get (db, e->recommendation_id, error)) == NULL)
    return FALSE;
  if (!usga_tracker_undo_change (rec, e, by, &change, &note, error))
    return FALSE;
  /* Based on what was just read: a change slipping in meanwhile makes the undo refuse. */
  base = g_strdup (rec->last_uuid ? rec->last_uuid : "");
  change.base_uuid = base;
  return usga_tracker_apply (db, rec->id, &change, error) >= 0;
}

/* --- as a tracker store backend ------------------------------------------ */

static UsgaDb *
sqlite_reader (gpointer backend, GError **error)
{
  return backend;
}

static int
sqlite_apply (gpointer backend, const char *id, const UsgaTrackerChange *change, GError **error)
{
  return usga_tracker_apply (backend, id, change, error);
}

static gboolean
sqlite_undo (gpointer backend, const char *uuid, const char *by, GError **error)
{
  return usga_tracker_undo (backend, uuid, by, error);
}

static UsgaTrackerImportReport *
sqlite_merge (gpointer backend, GPtrArray *incoming, GError **error)
{
  return usga_tracker_sqlite_merge (backend, incoming, error);
}

const UsgaTrackerBackend usga_tracker_sqlite_backend = { sqlite_reader, sqlite_apply, sqlite_undo, sqlite_merge };

/* usga-incidents.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "usga-areas.h"
#include "usga-categories.h"
#include "usga-incidents.h"
#include "usga-text.h"

struct _UsgaIncidentWriter {
  UsgaDb        *db;
  char          *origin;
  UsgaAreaIndex *colonias;
  UsgaAreaIndex *cuadrantes;
  GHashTable    *delitos;      /* raw delito -> id */
  gint64         run_id;       /* > 0: occurrences are counted in sync_seen instead */
  gint64         first_new_id; /* rows with a larger id were written by that run */
  GHashTable    *occurrences;  /* base key -> count, so identical carpetas stay distinct */
  GHashTable    *colonia_names; /* raw colonia name -> id (0 = unknown), bounded */
  GChecksum     *checksum;
};

#define COLONIA_CACHE_MAX 20000

/* Big files repeat a few thousand colonia names millions of times. */
static gint64
lookup_colonia_cached (UsgaDb *db, GHashTable *cache, const char *name)
{
  gpointer value;
  gint64 id;

  if (g_hash_table_lookup_extended (cache, name, NULL, &value))
    return GPOINTER_TO_SIZE (value);
  id = usga_colonia_lookup_name (db, name);
  if (g_hash_table_size (cache) < COLONIA_CACHE_MAX)
    g_hash_table_insert (cache, g_strdup (name), GSIZE_TO_POINTER ((gsize) id));
  return id;
}

gboolean
usga_parse_iso_date (const char *date, int *year, int *month, int *day, int *weekday)
{
  int y, m, d;
  GDate gd;

  if (date == NULL || strlen (date) < 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  if (sscanf (date, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (&gd, 1);
  g_date_set_dmy (&gd, d, m, y);
  if (year) *year = y;
  if (month) *month = m;
  if (day) *day = d;
  if (weekday) *weekday = g_date_get_weekday (&gd);
  return TRUE;
}

void
usga_content_key_base (GChecksum *checksum, const char *date, char base[64])
{
  guint8 digest[20];
  gsize len = sizeof digest;
  g_autofree char *hash = NULL;

  g_checksum_get_digest (checksum, digest, &len);
  hash = g_base64_encode (digest, 12);
  /* The date first: rows arrive roughly in date order, so new keys land together at the end
   * of the index instead of all over it. 96 bits of hash per day are plenty. */
  g_snprintf (base, 64, "%.4s%.2s%.2s%s", date, date + 5, date + 8, hash);
}

int
usga_run_occurrence (UsgaDb *db, const char *table, gint64 run_id, gint64 first_new_id,
                     const char *base, GError **error)
{
  g_autofree char *first = g_strdup_printf ("%s#0", base);
  sqlite3_stmt *stmt = usga_db_prepare (db, g_str_equal (table, "victim")
                                            ? "SELECT id FROM victim WHERE content_key = ?"
                                            : "SELECT id FROM incident WHERE content_key = ?", error);
  gint64 first_id = 0;
  int rc, n;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    first_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  stmt = usga_db_prepare (db,
      "INSERT INTO sync_seen (sync_id, base, n) VALUES (?, ?, 0)"
      " ON CONFLICT (sync_id, base) DO UPDATE SET n = n + 1 RETURNING n", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_text (stmt, 2, base, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  n = rc == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      usga_db_fail (db, rc, "sync_seen", error);
      return -1;
    }
  /* The occurrence that took #0 was not counted if this run wrote it. */
  return n + (first_id > first_new_id ? 1 : 0);
}

UsgaIncidentWriter *
usga_incident_writer_new (UsgaDb *db, const char *origin, GError **error)
{
  g_autoptr(UsgaIncidentWriter) w = g_new0 (UsgaIncidentWriter, 1);

  w->db = db;
  w->origin = g_strdup (origin);
  w->delitos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->occurrences = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->colonia_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->checksum = g_checksum_new (G_CHECKSUM_SHA1);
  w->colonias = usga_area_index_load (db, USGA_AREA_COLONIA, error);
  if (w->colonias == NULL)
    return NULL;
  w->cuadrantes = usga_area_index_load (db, USGA_AREA_CUADRANTE, error);
  if (w->cuadrantes == NULL)
    return NULL;
  return g_steal_pointer (&w);
}

void
usga_incident_writer_track_run (UsgaIncidentWriter *w, gint64 run_id, gint64 first_new_id)
{
  w->run_id = run_id;
  w->first_new_id = first_new_id;
}

void
usga_incident_writer_free (UsgaIncidentWriter *w)
{
  if (w == NULL)
    return;
  g_free (w->origin);
  g_clear_pointer (&w->colonias, usga_area_index_free);
  g_clear_pointer (&w->cuadrantes, usga_area_index_free);
  g_hash_table_unref (w->delitos);
  g_hash_table_unref (w->occurrences);
  g_hash_table_unref (w->colonia_names);
  g_checksum_free (w->checksum);
  g_free (w);
}

gint64
usga_colonia_lookup_name (UsgaDb *db, const char *name)
{
  g_autofree char *alias = usga_text_normalize (name);
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (*alias == '\0')
    return 0;
  stmt = usga_db_prepare (db, "SELECT colonia_id FROM colonia_alias WHERE alias = ?", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, alias, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

UsgaWriteResult
usga_incident_writer_add (UsgaIncidentWriter *w, const UsgaIncidentRow *row, GError **error)
{
  g_autofree char *key = NULL;
  gpointer delito_id_p;
  gint64 delito_id, colonia_id = 0, cuadrante_id = 0;
  int year, month, weekday, hour = -1, minute = 0, rc;
  gboolean placeholder = FALSE, has_coords;
  guint occurrence;
  char base[64];
  sqlite3_stmt *stmt;

  if (!usga_parse_iso_date (row->date, &year, &month, NULL, &weekday))
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("invalid date “%s”"), row->date ? row->date : "");
      return USGA_WRITE_REJECTED;
    }
  if (row->delito == NULL || *row->delito == '\0')
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("no delito"));
      return USGA_WRITE_REJECTED;
    }
  if (row->time && *row->time)
    {
      if (sscanf (row->time, "%d:%d", &hour, &minute) != 2 || hour < 0 || hour > 23 || minute < 0 || minute > 59)
        hour = -1;
      /* FGJ records an unknown time as midnight. */
      placeholder = hour == 0 && minute == 0;
    }

  if (!g_hash_table_lookup_extended (w->delitos, row->delito, NULL, &delito_id_p))
    {
      delito_id = usga_delito_resolve (w->db, row->delito, error);
      if (delito_id < 0)
        return USGA_WRITE_FAILED;
      g_hash_table_insert (w->delitos, g_strdup (row->delito), GINT_TO_POINTER ((int) delito_id));
    }
  else
    delito_id = GPOINTER_TO_INT (delito_id_p);

  has_coords = isfinite (row->lat) && isfinite (row->lon) && row->lat != 0 && row->lon != 0;
  if (has_coords)
    {
      const UsgaArea *colonia = usga_area_index_find (w->colonias, row->lon, row->lat);
      const UsgaArea *cuadrante = usga_area_index_find (w->cuadrantes, row->lon, row->lat);

      colonia_id = colonia ? colonia->id : 0;
      cuadrante_id = cuadrante ? cuadrante->id : 0;
    }
  if (colonia_id == 0 && row->colonia)
    colonia_id = lookup_colonia_cached (w->db, w->colonia_names, row->colonia);

  /* Identity from content, not from any source row id (CKAN renumbers _id on reloads). */
  g_checksum_reset (w->checksum);
  g_checksum_update (w->checksum, (const guchar *) row->date, 10);
  g_checksum_update (w->checksum, (const guchar *) "|", 1);
  if (hour >= 0)
    {
      guint8 hm[2] = { hour, minute };
      g_checksum_update (w->checksum, hm, sizeof hm);
    }
  g_checksum_update (w->checksum, (const guchar *) "|", 1);
  g_checksum_update (w->checksum, (const guchar *) &delito_id, sizeof delito_id);
  if (has_coords)
    {
      /* Coordinates to about a metre, as integers: no formatting in the hot path. */
      gint64 ll[2] = { llround (row->lat * 1e5), llround (row->lon * 1e5) };
      g_checksum_update (w->checksum, (const guchar *) "|", 1);
      g_checksum_update (w->checksum, (const guchar *) ll, sizeof ll);
    }
  usga_content_key_base (w->checksum, row->date, base);
  /* Tracking a run, the first occurrence is tried as #0 and the count is looked up only when
   * that key is taken; otherwise the in-memory count decides. */
  occurrence = 0;
  if (w->run_id <= 0)
    {
      occurrence = GPOINTER_TO_UINT (g_hash_table_lookup (w->occurrences, base));
      g_hash_table_insert (w->occurrences, g_strdup (base), GUINT_TO_POINTER (occurrence + 1));
    }
  key = g_strdup_printf ("%s#%u", base, occurrence);

  stmt = usga_db_prepare (w->db,
      "INSERT INTO incident (content_key, origin, delito_id, date, year, month, weekday, hour,"
      "  time_placeholder, colonia_raw, colonia_id, cuadrante_id, lat, lon, alcaldia)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (content_key) DO NOTHING", error);
  if (stmt == NULL)
    return USGA_WRITE_FAILED;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, w->origin, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, delito_id);
  sqlite3_bind_text (stmt, 4, row->date, 10, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, year);
  sqlite3_bind_int (stmt, 6, month);
  sqlite3_bind_int (stmt, 7, weekday);
  if (hour >= 0)
    sqlite3_bind_int (stmt, 8, hour);
  sqlite3_bind_int (stmt, 9, placeholder);
  if (row->colonia && *row->colonia)
    sqlite3_bind_text (stmt, 10, row->colonia, -1, SQLITE_STATIC);
  if (colonia_id)
    sqlite3_bind_int64 (stmt, 11, colonia_id);
  if (cuadrante_id)
    sqlite3_bind_int64 (stmt, 12, cuadrante_id);
  if (has_coords)
    {
      sqlite3_bind_double (stmt, 13, row->lat);
      sqlite3_bind_double (stmt, 14, row->lon);
    }
  if (row->alcaldia && *row->alcaldia)
    sqlite3_bind_text (stmt, 15, row->alcaldia, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE && w->run_id > 0 && sqlite3_changes (usga_db_handle (w->db)) == 0)
    {
      int k = usga_run_occurrence (w->db, "incident", w->run_id, w->first_new_id, base, error);

      if (k < 0)
        return USGA_WRITE_FAILED;
      if (k == 0)
        return USGA_WRITE_DUPLICATE;
      g_free (key);
      key = g_strdup_printf ("%s#%d", base, k);
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      usga_db_fail (w->db, rc, "incident", error);
      return USGA_WRITE_FAILED;
    }
  return sqlite3_changes (usga_db_handle (w->db)) > 0 ? USGA_WRITE_ADDED : USGA_WRITE_DUPLICATE;
}

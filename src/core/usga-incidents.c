/* usga-incidents.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#include <glib/gi18n-lib.h>

#include "usga-areas.h"
#include "usga-categories.h"
#include "usga-incidents.h"
#include "usga-text.h"

struct _UsgaIncidentWriter {
  UsgaRowWriter rows;
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

static void
content_key_base (GChecksum *checksum, const char *date, char base[64])
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

/* For writers tracking a run, when "<base>#0" is taken: which occurrence this row is. */
static int
run_occurrence (UsgaDb *db, const char *table, gint64 run_id, gint64 first_new_id,
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

gboolean
usga_row_writer_init (UsgaRowWriter *w, UsgaDb *db, const char *origin, const char *table, GError **error)
{
  w->db = db;
  w->origin = g_strdup (origin);
  w->table = table;
  w->delitos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->occurrences = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->colonia_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->checksum = g_checksum_new (G_CHECKSUM_SHA1);
  w->colonias = usga_area_index_load (db, USGA_AREA_COLONIA, error);
  if (w->colonias == NULL)
    return FALSE;
  w->cuadrantes = usga_area_index_load (db, USGA_AREA_CUADRANTE, error);
  return w->cuadrantes != NULL;
}

void
usga_row_writer_clear (UsgaRowWriter *w)
{
  g_clear_pointer (&w->origin, g_free);
  g_clear_pointer (&w->colonias, usga_area_index_free);
  g_clear_pointer (&w->cuadrantes, usga_area_index_free);
  g_clear_pointer (&w->delitos, g_hash_table_unref);
  g_clear_pointer (&w->occurrences, g_hash_table_unref);
  g_clear_pointer (&w->colonia_names, g_hash_table_unref);
  g_clear_pointer (&w->checksum, g_checksum_free);
}

UsgaIncidentWriter *
usga_incident_writer_new (UsgaDb *db, const char *origin, GError **error)
{
  g_autoptr(UsgaIncidentWriter) w = g_new0 (UsgaIncidentWriter, 1);

  if (!usga_row_writer_init (&w->rows, db, origin, "incident", error))
    return NULL;
  return g_steal_pointer (&w);
}

void
usga_incident_writer_track_run (UsgaIncidentWriter *w, gint64 run_id, gint64 first_new_id)
{
  w->rows.run_id = run_id;
  w->rows.first_new_id = first_new_id;
}

void
usga_incident_writer_free (UsgaIncidentWriter *w)
{
  if (w == NULL)
    return;
  usga_row_writer_clear (&w->rows);
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
usga_row_writer_place (UsgaRowWriter *w, const char *date, const char *time, const char *delito,
                       const char *colonia, double lat, double lon, const char *alcaldia,
                       UsgaPlacedRow *p, GError **error)
{
  gpointer delito_id_p;

  memset (p, 0, sizeof *p);
  p->date = date;
  p->colonia = colonia;
  p->alcaldia = alcaldia;
  p->lat = lat;
  p->lon = lon;
  p->hour = -1;
  if (!usga_parse_iso_date (date, &p->year, &p->month, NULL, &p->weekday))
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("invalid date “%s”"), date ? date : "");
      return USGA_WRITE_REJECTED;
    }
  if (delito == NULL || *delito == '\0')
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("no delito"));
      return USGA_WRITE_REJECTED;
    }
  if (time && *time)
    {
      if (sscanf (time, "%d:%d", &p->hour, &p->minute) != 2 || p->hour < 0 || p->hour > 23 ||
          p->minute < 0 || p->minute > 59)
        p->hour = -1;
      /* FGJ records an unknown time as midnight. */
      p->placeholder = p->hour == 0 && p->minute == 0;
    }

  if (!g_hash_table_lookup_extended (w->delitos, delito, NULL, &delito_id_p))
    {
      p->delito_id = usga_delito_resolve (w->db, delito, error);
      if (p->delito_id < 0)
        return USGA_WRITE_FAILED;
      g_hash_table_insert (w->delitos, g_strdup (delito), GINT_TO_POINTER ((int) p->delito_id));
    }
  else
    p->delito_id = GPOINTER_TO_INT (delito_id_p);

  p->has_coords = isfinite (lat) && isfinite (lon) && lat != 0 && lon != 0;
  if (p->has_coords)
    {
      const UsgaArea *c = usga_area_index_find (w->colonias, lon, lat);
      const UsgaArea *q = usga_area_index_find (w->cuadrantes, lon, lat);

      p->colonia_id = c ? c->id : 0;
      p->cuadrante_id = q ? q->id : 0;
    }
  if (p->colonia_id == 0 && colonia)
    p->colonia_id = lookup_colonia_cached (w->db, w->colonia_names, colonia);
  return USGA_WRITE_ADDED;
}

static void
bind_common (UsgaRowWriter *w, sqlite3_stmt *stmt, const char *key, const UsgaPlacedRow *p)
{
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, w->origin, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, p->delito_id);
  sqlite3_bind_text (stmt, 4, p->date, 10, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, p->year);
  sqlite3_bind_int (stmt, 6, p->month);
  sqlite3_bind_int (stmt, 7, p->weekday);
  if (p->hour >= 0)
    sqlite3_bind_int (stmt, 8, p->hour);
  sqlite3_bind_int (stmt, 9, p->placeholder);
  if (p->colonia && *p->colonia)
    sqlite3_bind_text (stmt, 10, p->colonia, -1, SQLITE_STATIC);
  if (p->colonia_id)
    sqlite3_bind_int64 (stmt, 11, p->colonia_id);
  if (p->cuadrante_id)
    sqlite3_bind_int64 (stmt, 12, p->cuadrante_id);
  if (p->has_coords)
    {
      sqlite3_bind_double (stmt, 13, p->lat);
      sqlite3_bind_double (stmt, 14, p->lon);
    }
  if (p->alcaldia && *p->alcaldia)
    sqlite3_bind_text (stmt, 15, p->alcaldia, -1, SQLITE_STATIC);
}

UsgaWriteResult
usga_row_writer_insert (UsgaRowWriter *w, sqlite3_stmt *stmt, const UsgaPlacedRow *p, GError **error)
{
  g_autofree char *key = NULL;
  guint occurrence = 0;
  char base[64];
  int rc;

  content_key_base (w->checksum, p->date, base);
  /* Tracking a run, the first occurrence is tried as #0 and the count is looked up only when
   * that key is taken; otherwise the in-memory count decides. */
  if (w->run_id <= 0)
    {
      occurrence = GPOINTER_TO_UINT (g_hash_table_lookup (w->occurrences, base));
      g_hash_table_insert (w->occurrences, g_strdup (base), GUINT_TO_POINTER (occurrence + 1));
    }
  key = g_strdup_printf ("%s#%u", base, occurrence);
  bind_common (w, stmt, key, p);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE && w->run_id > 0 && sqlite3_changes (usga_db_handle (w->db)) == 0)
    {
      int k = run_occurrence (w->db, w->table, w->run_id, w->first_new_id, base, error);

      if (k < 0)
        return USGA_WRITE_FAILED;
      if (k == 0)
        return USGA_WRITE_DUPLICATE;
      g_free (key);
      key = g_strdup_printf ("%s#%d", base, k);
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      usga_db_fail (w->db, rc, w->table, error);
      return USGA_WRITE_FAILED;
    }
  return sqlite3_changes (usga_db_handle (w->db)) > 0 ? USGA_WRITE_ADDED : USGA_WRITE_DUPLICATE;
}

UsgaWriteResult
usga_incident_writer_add (UsgaIncidentWriter *iw, const UsgaIncidentRow *row, GError **error)
{
  UsgaRowWriter *w = &iw->rows;
  UsgaPlacedRow p;
  UsgaWriteResult placed;
  sqlite3_stmt *stmt;

  placed = usga_row_writer_place (w, row->date, row->time, row->delito, row->colonia, row->lat, row->lon,
                                  row->alcaldia, &p, error);
  if (placed != USGA_WRITE_ADDED)
    return placed;

  /* A carpeta is its date, time, delito and place. */
  g_checksum_reset (w->checksum);
  g_checksum_update (w->checksum, (const guchar *) row->date, 10);
  g_checksum_update (w->checksum, (const guchar *) "|", 1);
  if (p.hour >= 0)
    {
      guint8 hm[2] = { p.hour, p.minute };
      g_checksum_update (w->checksum, hm, sizeof hm);
    }
  g_checksum_update (w->checksum, (const guchar *) "|", 1);
  g_checksum_update (w->checksum, (const guchar *) &p.delito_id, sizeof p.delito_id);
  if (p.has_coords)
    {
      /* Coordinates to about a metre, as integers: no formatting in the hot path. */
      gint64 ll[2] = { llround (row->lat * 1e5), llround (row->lon * 1e5) };
      g_checksum_update (w->checksum, (const guchar *) "|", 1);
      g_checksum_update (w->checksum, (const guchar *) ll, sizeof ll);
    }

  stmt = usga_db_prepare (w->db,
      "INSERT INTO incident (content_key, origin, delito_id, date, year, month, weekday, hour,"
      "  time_placeholder, colonia_raw, colonia_id, cuadrante_id, lat, lon, alcaldia)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (content_key) DO NOTHING", error);
  if (stmt == NULL)
    return USGA_WRITE_FAILED;
  return usga_row_writer_insert (w, stmt, &p, error);
}

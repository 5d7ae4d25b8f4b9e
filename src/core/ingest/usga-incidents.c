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

static gboolean
in_other_alcaldia (const char *alcaldia)
{
  return alcaldia && strcmp (alcaldia, "IZTAPALAPA") != 0;
}

gboolean
usga_parse_iso_date (const char *date, int *year, int *month, int *day, int *weekday)
{
  static const int month_offset[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
  int y, m, d, sunday_first;

  if (date == NULL)
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? date[i] != '-' : !g_ascii_isdigit (date[i]))
      return FALSE;
  y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + date[3] - '0';
  m = (date[5] - '0') * 10 + date[6] - '0';
  d = (date[8] - '0') * 10 + date[9] - '0';
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  if (year) *year = y;
  if (month) *month = m;
  if (day) *day = d;
  if (weekday)
    {
      /* Sakamoto's rule (0 = Sunday), turned into GDate's 1 = Monday … 7 = Sunday. */
      int yy = m < 3 ? y - 1 : y;
      sunday_first = (yy + yy / 4 - yy / 100 + yy / 400 + month_offset[m - 1] + d) % 7;
      *weekday = sunday_first == 0 ? 7 : sunday_first;
    }
  return TRUE;
}

static void
content_key_base (GChecksum *checksum, const char *date, char base[64])
{
  guint8 digest[20];
  gsize len = sizeof digest;
  int state = 0, save = 0;
  gsize n;

  g_checksum_get_digest (checksum, digest, &len);
  /* The date first: rows arrive roughly in date order, so new keys land together at the end
   * of the index instead of all over it. 96 bits of hash per day are plenty. */
  memcpy (base, date, 4);
  memcpy (base + 4, date + 5, 2);
  memcpy (base + 6, date + 8, 2);
  n = g_base64_encode_step (digest, 12, FALSE, base + 8, &state, &save);
  n += g_base64_encode_close (FALSE, base + 8 + n, &state, &save);
  base[8 + n] = '\0';
}

/* "<base>#<occurrence>", without allocating. */
static void
content_key (char key[80], const char *base, guint occurrence)
{
  gsize len = strlen (base);
  char digits[12];
  int n = 0;

  memcpy (key, base, len);
  key[len++] = '#';
  do
    digits[n++] = '0' + occurrence % 10;
  while ((occurrence /= 10) > 0);
  while (n > 0)
    key[len++] = digits[--n];
  key[len] = '\0';
}

/* For writers tracking a run, when "<base>#0" is taken: which occurrence this row is. */
static int
run_occurrence (UsgaDb *db, const char *table, gint64 run_id, gint64 first_new_id,
                const char *base, GError **error)
{
  char first[80];
  sqlite3_stmt *stmt = usga_db_prepare (db, g_str_equal (table, "victim")
                                            ? "SELECT id FROM victim WHERE content_key = ?"
                                            : "SELECT id FROM incident WHERE content_key = ?", error);
  gint64 first_id = 0;
  int rc, n;

  if (stmt == NULL)
    return -1;
  content_key (first, base, 0);
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
  w->checksum = g_checksum_new (G_CHECKSUM_SHA1);
  g_mutex_init (&w->delitos_lock);
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
  g_clear_pointer (&w->checksum, g_checksum_free);
  g_mutex_clear (&w->delitos_lock);
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

const char *
usga_incident_writer_last_key (UsgaIncidentWriter *w)
{
  return w->rows.last_key;
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

/* The part of placing a row that needs no database: its date, time and area by coordinates.
 * Safe on a reading thread while the writer works. */
static UsgaWriteResult
place_without_db (UsgaRowWriter *w, const char *date, const char *time, const char *delito,
                  const char *colonia, double lat, double lon, const char *alcaldia,
                  UsgaPlacedRow *p, GError **error)
{
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
      if (g_ascii_isdigit (time[0]) && g_ascii_isdigit (time[1]) && time[2] == ':' &&
          g_ascii_isdigit (time[3]) && g_ascii_isdigit (time[4]))
        {
          p->hour = (time[0] - '0') * 10 + time[1] - '0';
          p->minute = (time[3] - '0') * 10 + time[4] - '0';
        }
      else if (sscanf (time, "%d:%d", &p->hour, &p->minute) != 2)
        p->hour = -1;
      if (p->hour < 0 || p->hour > 23 || p->minute < 0 || p->minute > 59)
        p->hour = -1;
      /* FGJ records an unknown time as midnight. */
      p->placeholder = p->hour == 0 && p->minute == 0;
    }

  p->has_coords = isfinite (lat) && isfinite (lon) && lat != 0 && lon != 0;
  /* The colonias and cuadrantes are Iztapalapa's: a row the source puts in another alcaldía
   * has none of them (and a colonia name like CENTRO must not match Iztapalapa's). */
  if (p->has_coords && !in_other_alcaldia (alcaldia))
    {
      const UsgaArea *c = usga_area_index_find (w->colonias, lon, lat);
      const UsgaArea *q = usga_area_index_find (w->cuadrantes, lon, lat);

      p->colonia_id = c ? c->id : 0;
      p->cuadrante_id = q ? q->id : 0;
    }
  return USGA_WRITE_ADDED;
}

/* The delito's id if the writer has met the name before; 0 if not. */
static gint64
known_delito (UsgaRowWriter *w, const char *delito)
{
  gint64 id;

  g_mutex_lock (&w->delitos_lock);
  id = GPOINTER_TO_SIZE (g_hash_table_lookup (w->delitos, delito));
  g_mutex_unlock (&w->delitos_lock);
  return id;
}

/* What needs the database: a new delito's id. A row's colonia and cuadrante come from its
 * coordinates only: a row outside every polygon (or without coordinates) is "not located" and
 * counted as such, never placed by the colonia name the source gives it. */
static UsgaWriteResult
place_with_db (UsgaRowWriter *w, const char *delito, UsgaPlacedRow *p, GError **error)
{
  if (p->delito_id == 0)
    p->delito_id = known_delito (w, delito);
  if (p->delito_id == 0)
    {
      p->delito_id = usga_delito_resolve (w->db, delito, error);
      if (p->delito_id <= 0)
        return USGA_WRITE_FAILED;
      g_mutex_lock (&w->delitos_lock);
      g_hash_table_insert (w->delitos, g_strdup (delito), GSIZE_TO_POINTER ((gsize) p->delito_id));
      g_mutex_unlock (&w->delitos_lock);
    }
  return USGA_WRITE_ADDED;
}

gboolean
usga_row_writer_prepare (UsgaRowWriter *w, const char *date, const char *time, const char *delito,
                         const char *colonia, double lat, double lon, const char *alcaldia, UsgaPlacedRow *out)
{
  return place_without_db (w, date, time, delito, colonia, lat, lon, alcaldia, out, NULL) == USGA_WRITE_ADDED &&
         (out->delito_id = known_delito (w, delito)) > 0;
}

UsgaWriteResult
usga_row_writer_finish (UsgaRowWriter *w, const char *date, const char *delito, const char *colonia,
                        const char *alcaldia, UsgaPlacedRow *p, GError **error)
{
  /* The strings moved with the row since it was prepared. */
  p->date = date;
  p->colonia = colonia;
  p->alcaldia = alcaldia;
  return place_with_db (w, delito, p, error);
}

UsgaWriteResult
usga_row_writer_place (UsgaRowWriter *w, const char *date, const char *time, const char *delito,
                       const char *colonia, double lat, double lon, const char *alcaldia,
                       UsgaPlacedRow *p, GError **error)
{
  UsgaWriteResult result = place_without_db (w, date, time, delito, colonia, lat, lon, alcaldia, p, error);

  return result == USGA_WRITE_ADDED ? place_with_db (w, delito, p, error) : result;
}

/* Looking the statement up by its text for every row cost more than SQLite's own work. */
sqlite3_stmt *
usga_row_writer_statement (UsgaRowWriter *w, const char *sql, GError **error)
{
  if (w->insert == NULL)
    return w->insert = usga_db_prepare (w->db, sql, error);
  sqlite3_clear_bindings (w->insert);
  return w->insert;
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

void
usga_row_writer_key_base (GChecksum *checksum, const char *date, char base[64])
{
  content_key_base (checksum, date, base);
}

UsgaWriteResult
usga_row_writer_insert (UsgaRowWriter *w, sqlite3_stmt *stmt, const UsgaPlacedRow *p, const char *base,
                        GError **error)
{
  guint occurrence = 0;
  char key[80];
  int rc;

  /* Tracking a run, the first occurrence is tried as #0 and the count is looked up only when
   * that key is taken; otherwise the in-memory count decides. */
  if (w->run_id <= 0)
    {
      occurrence = GPOINTER_TO_UINT (g_hash_table_lookup (w->occurrences, base));
      g_hash_table_insert (w->occurrences, g_strdup (base), GUINT_TO_POINTER (occurrence + 1));
    }
  content_key (key, base, occurrence);
  bind_common (w, stmt, key, p);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE && w->run_id > 0 && sqlite3_changes (usga_db_handle (w->db)) == 0)
    {
      int k = run_occurrence (w->db, w->table, w->run_id, w->first_new_id, base, error);

      if (k < 0)
        return USGA_WRITE_FAILED;
      if (k == 0)
        {
          memcpy (w->last_key, key, sizeof key);
          return USGA_WRITE_DUPLICATE;
        }
      content_key (key, base, k);
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      usga_db_fail (w->db, rc, w->table, error);
      return USGA_WRITE_FAILED;
    }
  memcpy (w->last_key, key, sizeof key);
  return sqlite3_changes (usga_db_handle (w->db)) > 0 ? USGA_WRITE_ADDED : USGA_WRITE_DUPLICATE;
}

/* A carpeta is its date, time, delito and place. */
static void
incident_key_base (GChecksum *checksum, const UsgaPlacedRow *p, char base[64])
{
  g_checksum_reset (checksum);
  g_checksum_update (checksum, (const guchar *) p->date, 10);
  g_checksum_update (checksum, (const guchar *) "|", 1);
  if (p->hour >= 0)
    {
      guint8 hm[2] = { p->hour, p->minute };
      g_checksum_update (checksum, hm, sizeof hm);
    }
  g_checksum_update (checksum, (const guchar *) "|", 1);
  g_checksum_update (checksum, (const guchar *) &p->delito_id, sizeof p->delito_id);
  if (p->has_coords)
    {
      /* Coordinates to about a metre, as integers: no formatting in the hot path. */
      gint64 ll[2] = { llround (p->lat * 1e5), llround (p->lon * 1e5) };
      g_checksum_update (checksum, (const guchar *) "|", 1);
      g_checksum_update (checksum, (const guchar *) ll, sizeof ll);
    }
  content_key_base (checksum, p->date, base);
}

static UsgaWriteResult
insert_incident (UsgaIncidentWriter *iw, const UsgaPlacedRow *p, const char *base, GError **error)
{
  sqlite3_stmt *stmt = usga_row_writer_statement (&iw->rows,
      "INSERT INTO incident (content_key, origin, delito_id, date, year, month, weekday, hour,"
      "  time_placeholder, colonia_raw, colonia_id, cuadrante_id, lat, lon, alcaldia)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (content_key) DO NOTHING", error);

  if (stmt == NULL)
    return USGA_WRITE_FAILED;
  return usga_row_writer_insert (&iw->rows, stmt, p, base, error);
}

UsgaWriteResult
usga_incident_writer_add (UsgaIncidentWriter *iw, const UsgaIncidentRow *row, GError **error)
{
  UsgaRowWriter *w = &iw->rows;
  UsgaPlacedRow p;
  UsgaWriteResult placed;
  char base[64];

  placed = usga_row_writer_place (w, row->date, row->time, row->delito, row->colonia, row->lat, row->lon,
                                  row->alcaldia, &p, error);
  if (placed != USGA_WRITE_ADDED)
    return placed;
  incident_key_base (w->checksum, &p, base);
  return insert_incident (iw, &p, base, error);
}

void
usga_incident_writer_prepare (UsgaIncidentWriter *iw, const UsgaIncidentRow *row, GChecksum *checksum,
                              UsgaPreparedRow *out)
{
  out->ready = usga_row_writer_prepare (&iw->rows, row->date, row->time, row->delito, row->colonia, row->lat,
                                        row->lon, row->alcaldia, &out->placed);
  if (out->ready)
    incident_key_base (checksum, &out->placed, out->key_base);
}

UsgaWriteResult
usga_incident_writer_add_prepared (UsgaIncidentWriter *iw, const UsgaIncidentRow *row,
                                   const UsgaPreparedRow *prep, GError **error)
{
  UsgaPlacedRow p;
  UsgaWriteResult placed;

  if (!prep->ready)
    return usga_incident_writer_add (iw, row, error);
  p = prep->placed;
  placed = usga_row_writer_finish (&iw->rows, row->date, row->delito, row->colonia, row->alcaldia, &p, error);
  if (placed != USGA_WRITE_ADDED)
    return placed;
  return insert_incident (iw, &p, prep->key_base, error);
}

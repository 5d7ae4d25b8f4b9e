/* usga-victims.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "usga-areas.h"
#include "usga-categories.h"
#include "usga-victims.h"

struct _UsgaVictimWriter {
  UsgaDb        *db;
  char          *origin;
  UsgaAreaIndex *colonias;
  UsgaAreaIndex *cuadrantes;
  GHashTable    *delitos;      /* raw delito -> id */
  gint64         run_id;       /* > 0: occurrences are counted in sync_seen instead */
  gint64         first_new_id; /* rows with a larger id were written by that run */
  GHashTable    *occurrences;  /* base key -> count: two identical victims stay two rows */
  GHashTable    *colonia_names; /* raw colonia name -> id, cached */
  GChecksum     *checksum;
  GString       *base;
};

UsgaVictimWriter *
usga_victim_writer_new (UsgaDb *db, const char *origin, GError **error)
{
  g_autoptr(UsgaVictimWriter) w = g_new0 (UsgaVictimWriter, 1);

  w->db = db;
  w->origin = g_strdup (origin);
  w->delitos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->occurrences = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->colonia_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->checksum = g_checksum_new (G_CHECKSUM_SHA1);
  w->base = g_string_sized_new (128);
  w->colonias = usga_area_index_load (db, USGA_AREA_COLONIA, error);
  if (w->colonias == NULL)
    return NULL;
  w->cuadrantes = usga_area_index_load (db, USGA_AREA_CUADRANTE, error);
  if (w->cuadrantes == NULL)
    return NULL;
  return g_steal_pointer (&w);
}

void
usga_victim_writer_track_run (UsgaVictimWriter *w, gint64 run_id, gint64 first_new_id)
{
  w->run_id = run_id;
  w->first_new_id = first_new_id;
}

void
usga_victim_writer_free (UsgaVictimWriter *w)
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
  g_string_free (w->base, TRUE);
  g_free (w);
}

UsgaWriteResult
usga_victim_writer_add (UsgaVictimWriter *w, const UsgaVictimRow *row, GError **error)
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
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("invalid date “%s”"), row->date ? row->date : "");
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
      placeholder = hour == 0 && minute == 0;  /* FGJ's "unknown time" */
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
    {
      gpointer value;
      if (g_hash_table_lookup_extended (w->colonia_names, row->colonia, NULL, &value))
        colonia_id = GPOINTER_TO_SIZE (value);
      else
        {
          colonia_id = usga_colonia_lookup_name (w->db, row->colonia);
          if (g_hash_table_size (w->colonia_names) < 20000)  /* bounded cache */
            g_hash_table_insert (w->colonia_names, g_strdup (row->colonia), GSIZE_TO_POINTER ((gsize) colonia_id));
        }
    }

  /* Identity from content (CKAN renumbers _id on reloads); the victim's own attributes keep
   * two victims of one carpeta apart, the occurrence count keeps true twins apart. */
  g_string_printf (w->base, "%.10s|", row->date);
  if (hour >= 0)
    g_string_append_printf (w->base, "%02d:%02d", hour, minute);
  g_string_append_printf (w->base, "|%" G_GINT64_FORMAT "|%c|%d|%s|%s", delito_id, row->sex ? row->sex : '-',
                          row->age, row->person_type ? row->person_type : "", row->legal_status ? row->legal_status : "");
  if (has_coords)
    g_string_append_printf (w->base, "|%.5f|%.5f", row->lat, row->lon);
  g_checksum_reset (w->checksum);
  g_checksum_update (w->checksum, (const guchar *) w->base->str, w->base->len);
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
      "INSERT INTO victim (content_key, origin, delito_id, date, year, month, weekday, hour,"
      "  time_placeholder, sex, age, person_type, legal_status, colonia_raw, colonia_id, cuadrante_id, lat, lon,"
      "  alcaldia)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
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
  if (row->sex)
    sqlite3_bind_text (stmt, 10, row->sex == 'F' ? "F" : "M", 1, SQLITE_STATIC);
  if (row->age >= 0)
    sqlite3_bind_int (stmt, 11, row->age);
  if (row->person_type)
    sqlite3_bind_text (stmt, 12, row->person_type, -1, SQLITE_STATIC);
  if (row->legal_status)
    sqlite3_bind_text (stmt, 13, row->legal_status, -1, SQLITE_STATIC);
  if (row->colonia && *row->colonia)
    sqlite3_bind_text (stmt, 14, row->colonia, -1, SQLITE_STATIC);
  if (colonia_id)
    sqlite3_bind_int64 (stmt, 15, colonia_id);
  if (cuadrante_id)
    sqlite3_bind_int64 (stmt, 16, cuadrante_id);
  if (has_coords)
    {
      sqlite3_bind_double (stmt, 17, row->lat);
      sqlite3_bind_double (stmt, 18, row->lon);
    }
  if (row->alcaldia && *row->alcaldia)
    sqlite3_bind_text (stmt, 19, row->alcaldia, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE && w->run_id > 0 && sqlite3_changes (usga_db_handle (w->db)) == 0)
    {
      int k = usga_run_occurrence (w->db, "victim", w->run_id, w->first_new_id, base, error);

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
      usga_db_fail (w->db, rc, "victim", error);
      return USGA_WRITE_FAILED;
    }
  return sqlite3_changes (usga_db_handle (w->db)) > 0 ? USGA_WRITE_ADDED : USGA_WRITE_DUPLICATE;
}

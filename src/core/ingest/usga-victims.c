/* usga-victims.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "usga-areas.h"
#include "usga-categories.h"
#include "usga-victims.h"

struct _UsgaVictimWriter {
  UsgaRowWriter rows;
  GString      *content;
};

UsgaVictimWriter *
usga_victim_writer_new (UsgaDb *db, const char *origin, GError **error)
{
  g_autoptr(UsgaVictimWriter) w = g_new0 (UsgaVictimWriter, 1);

  w->content = g_string_sized_new (128);
  if (!usga_row_writer_init (&w->rows, db, origin, "victim", error))
    return NULL;
  return g_steal_pointer (&w);
}

void
usga_victim_writer_track_run (UsgaVictimWriter *w, gint64 run_id, gint64 first_new_id)
{
  w->rows.run_id = run_id;
  w->rows.first_new_id = first_new_id;
}

void
usga_victim_writer_free (UsgaVictimWriter *w)
{
  if (w == NULL)
    return;
  usga_row_writer_clear (&w->rows);
  g_string_free (w->content, TRUE);
  g_free (w);
}

/* The victim's own attributes keep two victims of one carpeta apart; the occurrence count
 * keeps true twins apart. */
static void
victim_key_base (GChecksum *checksum, GString *content, const UsgaVictimRow *row, const UsgaPlacedRow *p,
                 char base[64])
{
  g_string_printf (content, "%.10s|", row->date);
  if (p->hour >= 0)
    g_string_append_printf (content, "%02d:%02d", p->hour, p->minute);
  g_string_append_printf (content, "|%" G_GINT64_FORMAT "|%c|%d|%s|%s", p->delito_id, row->sex ? row->sex : '-',
                          row->age, row->person_type ? row->person_type : "", row->legal_status ? row->legal_status : "");
  if (p->has_coords)
    g_string_append_printf (content, "|%.5f|%.5f", row->lat, row->lon);
  g_checksum_reset (checksum);
  g_checksum_update (checksum, (const guchar *) content->str, content->len);
  usga_row_writer_key_base (checksum, p->date, base);
}

static UsgaWriteResult
insert_victim (UsgaVictimWriter *vw, const UsgaVictimRow *row, const UsgaPlacedRow *p, const char *base,
               GError **error)
{
  sqlite3_stmt *stmt = usga_row_writer_statement (&vw->rows,
      "INSERT INTO victim (content_key, origin, delito_id, date, year, month, weekday, hour,"
      "  time_placeholder, colonia_raw, colonia_id, cuadrante_id, lat, lon, alcaldia,"
      "  sex, age, person_type, legal_status)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (content_key) DO NOTHING", error);

  if (stmt == NULL)
    return USGA_WRITE_FAILED;
  if (row->sex)
    sqlite3_bind_text (stmt, 16, row->sex == 'F' ? "F" : "M", 1, SQLITE_STATIC);
  if (row->age >= 0)
    sqlite3_bind_int (stmt, 17, row->age);
  if (row->person_type)
    sqlite3_bind_text (stmt, 18, row->person_type, -1, SQLITE_STATIC);
  if (row->legal_status)
    sqlite3_bind_text (stmt, 19, row->legal_status, -1, SQLITE_STATIC);
  return usga_row_writer_insert (&vw->rows, stmt, p, base, error);
}

UsgaWriteResult
usga_victim_writer_add (UsgaVictimWriter *vw, const UsgaVictimRow *row, GError **error)
{
  UsgaRowWriter *w = &vw->rows;
  UsgaPlacedRow p;
  char base[64];
  UsgaWriteResult placed;

  placed = usga_row_writer_place (w, row->date, row->time, row->delito, row->colonia, row->lat, row->lon,
                                  row->alcaldia, &p, error);
  if (placed != USGA_WRITE_ADDED)
    return placed;
  victim_key_base (w->checksum, vw->content, row, &p, base);
  return insert_victim (vw, row, &p, base, error);
}

void
usga_victim_writer_prepare (UsgaVictimWriter *vw, const UsgaVictimRow *row, GChecksum *checksum,
                            GString *scratch, UsgaPreparedRow *out)
{
  out->ready = usga_row_writer_prepare (&vw->rows, row->date, row->time, row->delito, row->colonia, row->lat,
                                        row->lon, row->alcaldia, &out->placed);
  if (out->ready)
    victim_key_base (checksum, scratch, row, &out->placed, out->key_base);
}

UsgaWriteResult
usga_victim_writer_add_prepared (UsgaVictimWriter *vw, const UsgaVictimRow *row, const UsgaPreparedRow *prep,
                                 GError **error)
{
  UsgaPlacedRow p;
  UsgaWriteResult placed;

  if (!prep->ready)
    return usga_victim_writer_add (vw, row, error);
  p = prep->placed;
  placed = usga_row_writer_finish (&vw->rows, row->date, row->delito, row->colonia, row->alcaldia, &p, error);
  if (placed != USGA_WRITE_ADDED)
    return placed;
  return insert_victim (vw, row, &p, prep->key_base, error);
}

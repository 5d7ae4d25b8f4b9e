/* usga-import.c — see usga-import.h.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "usga-ckan.h"
#include "usga-csv.h"
#include "usga-import.h"
#include "usga-ingest.h"
#include "usga-summary.h"

/* The 2019 Opendatasoft export is ';'-separated; everything since uses ','. */
static char
sniff_separator (GBufferedInputStream *stream, GCancellable *cancellable)
{
  gsize size;
  const char *head;
  guint commas = 0, semicolons = 0;
  gboolean quoted = FALSE;

  g_buffered_input_stream_fill (stream, 16384, cancellable, NULL);
  head = g_buffered_input_stream_peek_buffer (stream, &size);
  for (gsize i = 0; i < size && (quoted || (head[i] != '\n' && head[i] != '\r')); i++)
    {
      if (head[i] == '"')
        quoted = !quoted;
      else if (!quoted && head[i] == ',')
        commas++;
      else if (!quoted && head[i] == ';')
        semicolons++;
    }
  return semicolons > commas ? ';' : ',';
}

/* What the CSV-reading thread needs; it never touches the database. */
typedef struct {
  UsgaCsvReader       *reader;
  GSeekable           *file;
  goffset              size;
  const UsgaColumnMap *map;
} CsvSource;

/* The reading thread of an import: parses rows and sends them down the pipe. */
static gboolean
read_csv (UsgaRowPipe *pipe, gpointer data, GError **error)
{
  CsvSource *src = data;
  GCancellable *cancellable = usga_row_pipe_get_cancellable (pipe);
  const GPtrArray *fields;
  double fraction = 0;
  guint64 n = 0;

  while ((fields = usga_csv_reader_next (src->reader, error)) != NULL)
    {
      const char *raw[USGA_N_COLS];

      if (fields->len == 1 && *(const char *) fields->pdata[0] == '\0' && usga_csv_reader_nul_field (src->reader) < 0)
        continue;  /* blank line */
      for (int c = 0; c < USGA_N_COLS; c++)
        raw[c] = src->map->index[c] < 0 ? NULL
                 : (guint) src->map->index[c] < fields->len ? fields->pdata[src->map->index[c]] : "";
      if (++n % 4096 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            break;
          fraction = src->size > 0 ? (double) g_seekable_tell (src->file) / src->size : 0;
        }
      usga_row_pipe_set_position (pipe, fraction, usga_csv_reader_line (src->reader));
      if (usga_csv_reader_nul_field (src->reader) >= 0)
        {
          /* Whatever followed the NUL would have been lost: the row is not trusted. */
          if (!usga_row_pipe_reject_value (pipe, N_("NUL byte in a field"),
                                           fields->pdata[usga_csv_reader_nul_field (src->reader)]))
            return TRUE;
          continue;
        }
      if (!usga_row_pipe_add (pipe, raw))
        return TRUE;  /* the writer stopped; it knows why */
    }
  usga_row_pipe_set_position (pipe, 1, usga_csv_reader_line (src->reader));
  return error == NULL || *error == NULL;
}

gboolean
usga_import_csv (UsgaDb *db, const char *path, UsgaTableKind kind, gboolean city,
                 UsgaProgressFunc progress, gpointer user_data, GCancellable *cancellable,
                 UsgaSyncSummary *summary, GError **error)
{
  UsgaImportOptions o = { .kind = kind, .city = city };

  return usga_import_csv_with_options (db, path, &o, progress, user_data, cancellable, summary, error);
}

gboolean
usga_import_csv_with_options (UsgaDb *db, const char *path, const UsgaImportOptions *o,
                              UsgaProgressFunc progress, gpointer user_data, GCancellable *cancellable,
                              UsgaSyncSummary *summary, GError **error)
{
  UsgaTableKind kind = o->kind;
  gboolean city = o->city;
  const char *dataset;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) file_stream = NULL;
  g_autoptr(GInputStream) plain = NULL;
  g_autoptr(GInputStream) buffered = NULL;
  g_autoptr(UsgaCsvReader) reader = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *source = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  const GPtrArray *fields;
  goffset size = 0;
  UsgaIngest in;
  gboolean ok = FALSE;

  file_stream = g_file_read (file, cancellable, error);
  if (file_stream == NULL)
    return FALSE;
  info = g_file_input_stream_query_info (file_stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  if (info)
    size = g_file_info_get_size (info);
  if (g_str_has_suffix (path, ".gz"))
    {
      g_autoptr(GZlibDecompressor) gz = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      plain = g_converter_input_stream_new (G_INPUT_STREAM (file_stream), G_CONVERTER (gz));
    }
  else
    plain = g_object_ref (G_INPUT_STREAM (file_stream));
  buffered = g_buffered_input_stream_new_sized (plain, 65536);
  reader = usga_csv_reader_new (buffered, sniff_separator (G_BUFFERED_INPUT_STREAM (buffered), cancellable));

  fields = usga_csv_reader_next (reader, &local);
  if (fields == NULL)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("%s: %s"), basename,
                   local ? local->message : _("the file is empty"));
      return FALSE;
    }
  for (guint i = 0; i < fields->len; i++)
    {
      const char *name = fields->pdata[i];
      /* A UTF-8 byte-order mark would hide the first column's name. */
      if (i == 0 && g_str_has_prefix (name, "\xef\xbb\xbf"))
        name += 3;
      g_ptr_array_add (header, g_strdup (name));
    }

  if (kind == USGA_TABLE_AUTO)
    {
      kind = USGA_TABLE_CARPETAS;
      for (guint i = 0; i < header->len; i++)
        if (g_ascii_strcasecmp (header->pdata[i], "sexo") == 0 || g_ascii_strcasecmp (header->pdata[i], "edad") == 0)
          kind = USGA_TABLE_VICTIMAS;
    }
  dataset = summary->dataset = usga_table_kind_dataset (kind);
  if (!usga_ingest_init (&in, db, kind, city, "csv", summary, error))
    {
      usga_ingest_clear (&in);
      return FALSE;
    }
  if (!usga_column_map_init (&in.map, kind, (const char *const *) header->pdata, header->len, &local))
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_SCHEMA, _("%s: %s"), basename, local->message);
      usga_ingest_clear (&in);
      return FALSE;
    }
  summary->generation = g_strdup (in.map.generation);
  summary->vintage = g_strdup (basename);
  if (o->rejects_path && !usga_ingest_open_rejects (&in, o->rejects_path, error))
    {
      usga_ingest_clear (&in);
      return FALSE;
    }
  in.log_id = usga_ingest_log_start (db, dataset, "csv", basename, basename, city ? "city" : "iztapalapa", error);
  if (in.log_id <= 0)
    {
      usga_ingest_clear (&in);
      return FALSE;
    }
  usga_ingest_track_run (&in, in.log_id);
  usga_ingest_report (progress, user_data, 0, _("%s: reading %s (schema %s)…"), usga_ingest_kind_title (kind),
                      basename, in.map.generation);

  /* One transaction: all of the file or nothing. The file is read and cleaned on a thread of
   * its own while this one writes. */
  if (!usga_db_begin (db, &local))
    goto out;
  {
    CsvSource src = { reader, G_SEEKABLE (file_stream), size, &in.map };
    g_autoptr(UsgaRowPipe) pipe = NULL;
    UsgaSummaryBulk bulk = { 0 };

    /* The carpetas' summaries are counted once at the end, not by a trigger per row (a
     * quarter of the import's time); the supersede below goes through the triggers again. */
    if (kind == USGA_TABLE_CARPETAS && !usga_summary_bulk_start (db, &bulk, &local))
      {
        usga_db_rollback (db);
        goto out;
      }
    pipe = usga_ingest_pipe_new (&in, cancellable);
    in.line_prefix = basename;
    usga_row_pipe_start (pipe, read_csv, &src);
    if (!usga_ingest_write (&in, pipe, FALSE, progress, user_data, cancellable, &local) ||
        !usga_summary_bulk_finish (db, &bulk, &local))
      {
        usga_db_rollback (db);
        goto out;
      }
  }
  source = g_strdup_printf ("FGJ-CDMX %s (CSV file %s)", dataset, basename);
  /* Only a file the user declares complete replaces anything; the dataset's vintage stays
   * that of the data it describes (the import is in sync_log, and in point_coverage if complete). */
  if ((o->complete && !usga_ingest_finish_complete (&in, NULL, NULL, &local)) ||
      !usga_ingest_forget_seen (db, dataset, in.log_id, &local) ||
      !usga_ingest_log_progress (&in, -1, -1, &local) ||
      !usga_ingest_record_new_dataset (db, dataset, source, basename, "csv", &local) ||
      !usga_ingest_close_rejects (&in, TRUE, &local) ||
      !usga_db_commit (db, &local))
    {
      usga_db_rollback (db);
      goto out;
    }
  usga_ingest_report (progress, user_data, 1, _("%s: %ld rows read, %ld added"), usga_ingest_kind_title (kind),
                      (long) summary->total, (long) summary->added);
  ok = TRUE;

out:
  if (!ok)
    {
      /* Nothing of the file was kept; the log says what was attempted. */
      summary->added = 0;
    }
  usga_ingest_log_finish (db, in.log_id, summary, local);
  usga_ingest_clear (&in);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local));
  return ok;
}

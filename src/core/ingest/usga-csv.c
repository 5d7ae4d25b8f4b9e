/* usga-csv.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "usga-csv.h"
#include "usga-db.h"

struct _UsgaCsvReader {
  GInputStream *stream;
  char          separator;
  char         *buffer;
  gsize         len, pos;
  gboolean      eof;
  guint64       line;
  guint64       bytes;
  GPtrArray    *fields;  /* char* into @row */
  GString      *row;     /* the current row's fields, each ended by a NUL */
  GArray       *starts;  /* gsize: where each field begins in @row */
  gsize         field_start;
  int           nul_field;    /* first field of the record that had a NUL byte, or -1 */
  guint8        special[256]; /* bytes that end a run of plain field text */
};

#define BUFFER_SIZE (256 * 1024)

UsgaCsvReader *
usga_csv_reader_new (GInputStream *stream, char separator)
{
  UsgaCsvReader *r = g_new0 (UsgaCsvReader, 1);

  r->stream = g_object_ref (stream);
  r->separator = separator ? separator : ',';
  r->buffer = g_malloc (BUFFER_SIZE);
  r->fields = g_ptr_array_new ();
  r->row = g_string_sized_new (1024);
  r->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  r->special['"'] = r->special['\r'] = r->special['\n'] = r->special[(guchar) r->separator] = 1;
  r->special[0] = 1;
  r->nul_field = -1;
  return r;
}

GInputStream *
usga_open_file_stream (const char *path, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GInputStream) stream = G_INPUT_STREAM (g_file_read (file, NULL, error));

  if (stream == NULL)
    return NULL;
  if (g_str_has_suffix (path, ".gz"))
    {
      g_autoptr(GZlibDecompressor) gz = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      return g_converter_input_stream_new (stream, G_CONVERTER (gz));
    }
  return g_steal_pointer (&stream);
}

UsgaCsvReader *
usga_csv_reader_new_for_file (const char *path, GError **error)
{
  g_autoptr(GInputStream) stream = usga_open_file_stream (path, error);

  return stream ? usga_csv_reader_new (stream, ',') : NULL;
}

UsgaCsvReader *
usga_csv_reader_open_with_columns (const char *path, const char *const *columns, int *indexes, GError **error)
{
  g_autoptr(UsgaCsvReader) reader = usga_csv_reader_new_for_file (path, error);
  const GPtrArray *header;

  if (reader == NULL)
    return NULL;
  header = usga_csv_reader_next (reader, error);
  if (header == NULL)
    {
      if (error && *error == NULL)
        g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("%s is empty"), path);
      return NULL;
    }
  for (guint i = 0; columns[i]; i++)
    {
      indexes[i] = usga_csv_header_index (header, columns[i]);
      if (indexes[i] < 0)
        {
          g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                       _("%s: the column “%s” is missing"), path, columns[i]);
          return NULL;
        }
    }
  return g_steal_pointer (&reader);
}

void
usga_csv_reader_free (UsgaCsvReader *r)
{
  if (r == NULL)
    return;
  g_object_unref (r->stream);
  g_free (r->buffer);
  g_ptr_array_unref (r->fields);
  g_string_free (r->row, TRUE);
  g_array_unref (r->starts);
  g_free (r);
}

guint64
usga_csv_reader_line (UsgaCsvReader *r)
{
  return r->line;
}

int
usga_csv_reader_nul_field (UsgaCsvReader *r)
{
  return r->nul_field;
}

/* A NUL byte would cut the field short as a C string: it is left out, and the record flagged. */
static void
note_nul (UsgaCsvReader *r)
{
  if (r->nul_field < 0)
    r->nul_field = r->starts->len;
}

guint64
usga_csv_reader_bytes_read (UsgaCsvReader *r)
{
  return r->bytes;
}

/* FALSE at the end of the input or on error (then @error is set). */
static gboolean
fill (UsgaCsvReader *r, GError **error)
{
  gssize n;

  if (r->pos < r->len)
    return TRUE;
  if (r->eof)
    return FALSE;
  n = g_input_stream_read (r->stream, r->buffer, BUFFER_SIZE, NULL, error);
  if (n <= 0)
    {
      r->eof = TRUE;
      return FALSE;
    }
  r->len = n;
  r->pos = 0;
  r->bytes += n;
  return TRUE;
}

static gboolean
is_ascii (const char *text, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) text[i] >= 0x80)
      return FALSE;
  return TRUE;
}

/* Ends the field begun at @field_start: UTF-8 is kept, anything else read as Latin-1. */
static void
finish_field (UsgaCsvReader *r)
{
  const char *text = r->row->str + r->field_start;
  gsize len = r->row->len - r->field_start;

  if (!is_ascii (text, len) && !g_utf8_validate (text, len, NULL))
    {
      g_autofree char *value = g_convert (text, len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);

      if (value == NULL)
        value = g_utf8_make_valid (text, len);
      g_string_truncate (r->row, r->field_start);
      g_string_append (r->row, value);
    }
  /* A byte-order mark on the first header is not part of the name. */
  if (r->line <= 1 && r->starts->len == 0 && g_str_has_prefix (r->row->str + r->field_start, "\xEF\xBB\xBF"))
    g_string_erase (r->row, r->field_start, 3);
  g_string_append_c (r->row, '\0');
  g_array_append_val (r->starts, r->field_start);
  r->field_start = r->row->len;
}

static const GPtrArray *
finish_row (UsgaCsvReader *r)
{
  finish_field (r);
  g_ptr_array_set_size (r->fields, r->starts->len);
  for (guint i = 0; i < r->starts->len; i++)
    r->fields->pdata[i] = r->row->str + g_array_index (r->starts, gsize, i);
  return r->fields;
}

const GPtrArray *
usga_csv_reader_next (UsgaCsvReader *r, GError **error)
{
  gboolean quoted = FALSE, any = FALSE;
  guint64 start_line;

  g_ptr_array_set_size (r->fields, 0);
  g_string_truncate (r->row, 0);
  g_array_set_size (r->starts, 0);
  r->field_start = 0;
  r->nul_field = -1;
  r->line++;
  start_line = r->line;

  for (;;)
    {
      GError *read_error = NULL;
      gsize run;
      int c;

      if (!fill (r, &read_error))
        {
          if (read_error)
            {
              g_propagate_error (error, read_error);
              return NULL;
            }
          if (quoted)
            {
              g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                           _("line %lu: a quoted field is not closed before the end of the file"),
                           (unsigned long) start_line);
              return NULL;
            }
          return any ? finish_row (r) : NULL;
        }
      any = TRUE;

      if (quoted)
        {
          /* Everything up to the next quote is the field's text, newlines included. */
          const char *from = r->buffer + r->pos;
          const char *quote = memchr (from, '"', r->len - r->pos);

          run = quote ? (gsize) (quote - from) : r->len - r->pos;
          for (gsize i = 0; i < run; i++)
            if (from[i] == '\n')
              r->line++;
          if (memchr (from, '\0', run))
            {
              note_nul (r);
              for (gsize i = 0; i < run; i++)
                if (from[i] != '\0')
                  g_string_append_c (r->row, from[i]);
            }
          else
            g_string_append_len (r->row, from, run);
          r->pos += run;
          if (quote == NULL)
            continue;
          r->pos++;
          if (!fill (r, &read_error) && read_error)
            {
              g_propagate_error (error, read_error);
              return NULL;
            }
          if (r->pos < r->len && r->buffer[r->pos] == '"')
            {
              r->pos++;
              g_string_append_c (r->row, '"');
            }
          else
            quoted = FALSE;
          continue;
        }

      /* Plain text runs until a separator, quote or line end. */
      for (run = r->pos; run < r->len && !r->special[(guchar) r->buffer[run]]; run++)
        ;
      g_string_append_len (r->row, r->buffer + r->pos, run - r->pos);
      r->pos = run;
      if (r->pos == r->len)
        continue;

      c = (guchar) r->buffer[r->pos++];
      if (c == '"' && r->row->len == r->field_start)
        quoted = TRUE;
      else if (c == '"')
        g_string_append_c (r->row, c);
      else if (c == r->separator)
        finish_field (r);
      else if (c == '\r')
        continue;
      else if (c == '\0')
        note_nul (r);
      else if (r->starts->len == 0 && r->row->len == 0)
        {
          /* blank line: skip */
          r->line++;
          any = FALSE;
        }
      else
        return finish_row (r);
    }
}

void
usga_csv_append_field (GString *out, const char *value)
{
  if (value == NULL)
    return;
  if (!strpbrk (value, ",\"\n\r#"))
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

int
usga_csv_header_index (const GPtrArray *header, const char *name)
{
  for (guint i = 0; i < header->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (header, i), name) == 0)
      return i;
  return -1;
}

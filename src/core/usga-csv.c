/* usga-csv.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

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
  GPtrArray    *fields;  /* char* */
  GString      *field;
};

#define BUFFER_SIZE (256 * 1024)

UsgaCsvReader *
usga_csv_reader_new (GInputStream *stream, char separator)
{
  UsgaCsvReader *r = g_new0 (UsgaCsvReader, 1);

  r->stream = g_object_ref (stream);
  r->separator = separator ? separator : ',';
  r->buffer = g_malloc (BUFFER_SIZE);
  r->fields = g_ptr_array_new_with_free_func (g_free);
  r->field = g_string_sized_new (256);
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
  g_string_free (r->field, TRUE);
  g_free (r);
}

guint64
usga_csv_reader_line (UsgaCsvReader *r)
{
  return r->line;
}

guint64
usga_csv_reader_bytes_read (UsgaCsvReader *r)
{
  return r->bytes;
}

/* -1 at end of input, -2 on error */
static int
next_byte (UsgaCsvReader *r, GError **error)
{
  if (r->pos == r->len)
    {
      gssize n;

      if (r->eof)
        return -1;
      n = g_input_stream_read (r->stream, r->buffer, BUFFER_SIZE, NULL, error);
      if (n < 0)
        return -2;
      if (n == 0)
        {
          r->eof = TRUE;
          return -1;
        }
      r->len = n;
      r->pos = 0;
      r->bytes += n;
    }
  return (unsigned char) r->buffer[r->pos++];
}

static int
peek_byte (UsgaCsvReader *r, GError **error)
{
  int c = next_byte (r, error);

  if (c >= 0)
    r->pos--;
  return c;
}

static void
finish_field (UsgaCsvReader *r)
{
  char *value;

  if (g_utf8_validate (r->field->str, r->field->len, NULL))
    value = g_strndup (r->field->str, r->field->len);
  else
    value = g_convert (r->field->str, r->field->len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
  if (value == NULL)
    value = g_utf8_make_valid (r->field->str, r->field->len);
  /* A byte-order mark on the first header is not part of the name. */
  if (r->line <= 1 && r->fields->len == 0 && g_str_has_prefix (value, "\xEF\xBB\xBF"))
    memmove (value, value + 3, strlen (value + 3) + 1);
  g_ptr_array_add (r->fields, value);
  g_string_truncate (r->field, 0);
}

const GPtrArray *
usga_csv_reader_next (UsgaCsvReader *r, GError **error)
{
  gboolean quoted = FALSE, any = FALSE;
  guint64 start_line;
  int c;

  g_ptr_array_set_size (r->fields, 0);
  g_string_truncate (r->field, 0);
  r->line++;
  start_line = r->line;

  for (;;)
    {
      c = next_byte (r, error);
      if (c == -2)
        return NULL;
      if (c == -1)
        {
          if (quoted)
            {
              g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                           _("line %lu: a quoted field is not closed before the end of the file"),
                           (unsigned long) start_line);
              return NULL;
            }
          if (!any)
            return NULL;
          finish_field (r);
          return r->fields;
        }
      any = TRUE;

      if (quoted)
        {
          if (c == '"')
            {
              int next = peek_byte (r, error);
              if (next == '"')
                {
                  next_byte (r, error);
                  g_string_append_c (r->field, '"');
                }
              else
                quoted = FALSE;
            }
          else
            {
              if (c == '\n')
                r->line++;
              g_string_append_c (r->field, c);
            }
          continue;
        }

      if (c == '"' && r->field->len == 0)
        quoted = TRUE;
      else if (c == r->separator)
        finish_field (r);
      else if (c == '\r')
        continue;
      else if (c == '\n')
        {
          if (r->fields->len == 0 && r->field->len == 0)
            {
              /* blank line: skip */
              r->line++;
              any = FALSE;
              continue;
            }
          finish_field (r);
          return r->fields;
        }
      else
        g_string_append_c (r->field, c);
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

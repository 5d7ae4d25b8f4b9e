/* fuzz-csv.c — the CSV reader and the row normaliser, as `usga import` drives them: header
 * row, column map (the table kind guessed from the header), then every row cleaned.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <string.h>

#include "usga-csv.h"
#include "usga-schema.h"
#include "usga-fuzz.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  usga_fuzz_quiet_logs ();
  return 0;
}

/* As the import does: ';' when the first line has more of them than commas. */
static char
separator_of (const uint8_t *data, size_t size)
{
  guint commas = 0, semicolons = 0;
  gboolean quoted = FALSE;

  for (size_t i = 0; i < size && (quoted || (data[i] != '\n' && data[i] != '\r')); i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      else if (!quoted && data[i] == ',')
        commas++;
      else if (!quoted && data[i] == ';')
        semicolons++;
    }
  return semicolons > commas ? ';' : ',';
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(UsgaCsvReader) reader = usga_csv_reader_new (stream, separator_of (data, size));
  g_autoptr(UsgaNormalizer) norm = usga_normalizer_new ();
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  UsgaTableKind kind = USGA_TABLE_CARPETAS;
  UsgaColumnMap map;
  const GPtrArray *fields;

  fields = usga_csv_reader_next (reader, &error);
  if (fields == NULL)
    return 0;
  for (guint i = 0; i < fields->len; i++)
    {
      const char *name = fields->pdata[i];

      g_assert (name != NULL);
      if (i == 0 && g_str_has_prefix (name, "\xef\xbb\xbf"))
        name += 3;
      g_ptr_array_add (header, g_strdup (name));
      if (g_ascii_strcasecmp (name, "sexo") == 0 || g_ascii_strcasecmp (name, "edad") == 0)
        kind = USGA_TABLE_VICTIMAS;
    }
  g_assert (usga_csv_header_index (fields, "fecha_hecho") < (int) fields->len);

  if (!usga_column_map_init (&map, kind, (const char *const *) header->pdata, header->len, &error))
    {
      usga_fuzz_outcome ("columns", error);
      g_assert (error != NULL && error->message != NULL);
      /* The reader alone still has to survive the rest of the input. */
      g_clear_error (&error);
      while (usga_csv_reader_next (reader, &error) != NULL)
        ;
      return 0;
    }

  while ((fields = usga_csv_reader_next (reader, &error)) != NULL)
    {
      const char *raw[USGA_N_COLS];
      const char *reason = NULL;
      UsgaCleanRow row;

      for (int c = 0; c < USGA_N_COLS; c++)
        raw[c] = map.index[c] < 0 ? NULL
                 : (guint) map.index[c] < fields->len ? fields->pdata[map.index[c]] : "";
      if (usga_normalizer_clean (norm, raw, &row, &reason))
        {
          usga_fuzz_outcome (row.date, NULL);
          /* What the writer stores must be well-formed whatever came in. */
          g_assert (strlen (row.date) == 10);
          g_assert (row.delito != NULL && g_utf8_validate (row.delito, -1, NULL));
          g_assert (row.colonia == NULL || g_utf8_validate (row.colonia, -1, NULL));
          g_assert (row.category == NULL || g_utf8_validate (row.category, -1, NULL));
        }
      else
        {
          g_assert (reason != NULL);
          usga_fuzz_outcome ("rejected", NULL);
          usga_fuzz_outcome (reason, NULL);
        }
    }
  usga_fuzz_outcome ("end", error);
  usga_csv_reader_line (reader);
  usga_column_map_clear (&map);
  return 0;
}

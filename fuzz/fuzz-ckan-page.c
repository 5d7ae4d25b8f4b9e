/* fuzz-ckan-page.c — one CKAN DataStore answer through the single-pass page reader, read the
 * way a sync reads it: shape, total, next link, then every record's values.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "usga-ckan-page.h"
#include "usga-fuzz.h"

/* Both tables' columns as the portal names them, and the paging id. */
static const char *const names[] = {
  "_id", "anio_hecho", "mes_hecho", "fecha_hecho", "hora_hecho", "delito", "categoria_delito",
  "colonia_hecho", "colonia_catalogo", "alcaldia_hecho", "alcaldia_catalogo", "latitud", "longitud",
  "sexo", "edad", "tipo_persona", "calidad_juridica", "fecha_hechos", NULL,
};

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  usga_fuzz_quiet_logs ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaCkanPage) page = usga_ckan_page_parse ((const char *) data, size, &error);
  const guint n_names = G_N_ELEMENTS (names);
  gint64 total;

  usga_fuzz_outcome ("page", error);
  if (page == NULL)
    {
      g_assert (error != NULL && error->message != NULL);
      return 0;
    }
  g_assert_no_error (error);
  usga_ckan_page_get_total (page, &total);
  if (!usga_ckan_page_is_records (page))
    {
      usga_fuzz_outcome ("not records", NULL);
      return 0;
    }
  {
    const char *next = usga_ckan_page_next_link (page);
    g_assert (next == NULL || g_utf8_validate (next, -1, NULL));
  }
  for (guint i = 0; i < usga_ckan_page_n_records (page); i++)
    {
      const char *values[G_N_ELEMENTS (names)];

      memset (values, 0, sizeof values);
      if (!usga_ckan_page_record (page, i, names, n_names, values))
        continue;
      for (guint k = 0; k < n_names; k++)
        g_assert (names[k] != NULL || values[k] == NULL);
      for (guint k = 0; k + 1 < n_names; k++)
        g_assert (values[k] == NULL || strlen (values[k]) <= size);
    }
  return 0;
}

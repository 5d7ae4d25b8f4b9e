/* test-categories.c — every delito string of the bundled and portal data gets the category
 * the rules in data/delito_categories.csv mean: none falls into "other" unless it is on the
 * explicit allow-list (tests/categories-other-allowed.txt).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "usga-test-util.h"

/* The shared raw data when this checkout sits beside it; else only the bundled copies. */
static char *
real_path (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "..", "shared", "data", "real",
                                            name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS) ? g_steal_pointer (&path) : NULL;
}

static char *
category_of (UsgaDb *db, const char *delito)
{
  g_autoptr(GError) error = NULL;
  gint64 id = usga_delito_resolve (db, delito, &error);
  sqlite3_stmt *stmt;
  char *category = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  stmt = usga_db_prepare (db, "SELECT category FROM delito WHERE id = ?", &error);
  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    category = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return category;
}

/* Adds the normalised strings of @column in @path to @seen (string -> file name). */
static guint
read_delitos (const char *path, const char *column, GHashTable *seen)
{
  const char *const columns[] = { column, NULL };
  int col[1];
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaCsvReader) reader = usga_csv_reader_open_with_columns (path, columns, col, &error);
  const GPtrArray *row;
  guint n = 0;

  g_assert_no_error (error);
  while ((row = usga_csv_reader_next (reader, &error)) != NULL)
    {
      if (row->len <= (guint) col[0] || *(const char *) g_ptr_array_index (row, col[0]) == '\0')
        continue;
      g_hash_table_insert (seen, usga_text_normalize (g_ptr_array_index (row, col[0])), g_path_get_basename (path));
      n++;
    }
  g_assert_no_error (error);
  return n;
}

static GHashTable *
allowed_other (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "categories-other-allowed.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *allowed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (*g_strstrip (lines[i]) && lines[i][0] != '#')
      g_hash_table_add (allowed, usga_text_normalize (lines[i]));
  return allowed;
}

static void
test_no_unintended_other (void)
{
  g_autoptr(UsgaDb) db = usga_test_rules_db ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) allowed = allowed_other ();
  g_autoptr(GHashTable) other = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) unintended = g_string_new (NULL);
  g_autoptr(GString) stale = g_string_new (NULL);
  g_autofree char *points = usga_data_path ("bundled/carpetas_iztapalapa_puntos_2024.csv.gz");
  g_autofree char *quarterly = usga_data_path ("bundled/carpetas_iztapalapa_colonia_trimestre_delito_2019_2024.csv.gz");
  g_autofree char *victims = real_path ("categorias_victimas_centrogeo.csv");
  g_autofree char *research = real_path ("categorias_carpetas_centrogeo.csv");
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (read_delitos (points, "delito", seen), ==, 27540);
  g_assert_cmpuint (read_delitos (quarterly, "delito", seen), ==, 85197);
  if (victims)
    g_assert_cmpuint (read_delitos (victims, "Delito", seen), >=, 300);
  if (research)
    g_assert_cmpuint (read_delitos (research, "incidente", seen), >=, 78);
  g_assert_cmpuint (g_hash_table_size (seen), >, 200);
  g_assert_cmpuint (g_hash_table_size (allowed), >, 50);

  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *category = category_of (db, key);

      if (g_strcmp0 (category, "other") != 0)
        continue;
      g_hash_table_add (other, key);
      if (!g_hash_table_contains (allowed, key))
        g_string_append_printf (unintended, "\n  %s (%s)", (const char *) key, (const char *) value);
    }
  if (unintended->len)
    g_test_fail_printf ("delitos that fall into “other” and are not on tests/categories-other-allowed.txt "
                        "(add a rule to data/delito_categories.csv, or list them):%s", unintended->str);

  /* With every source at hand, the list must not hold strings that no longer fall into "other". */
  if (victims && research)
    {
      g_hash_table_iter_init (&iter, allowed);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (other, key))
          g_string_append_printf (stale, "\n  %s", (const char *) key);
      if (stale->len)
        g_test_fail_printf ("tests/categories-other-allowed.txt lists delitos that are not “other” "
                            "or not in the data:%s", stale->str);
    }
  else
    g_test_message ("../shared/data/real absent: the portal catalogues were not checked");
}

/* The spellings that fell into "other" before. */
static void
test_known_spellings (void)
{
  g_autoptr(UsgaDb) db = usga_test_rules_db ();
  const struct { const char *delito, *category; } cases[] = {
    { "CORRUPCIÓN DE PERSONAS MENORES DE EDAD O PERSONAS QUE NO TENGAN CAPACIDAD PARA COMPRENDER EL "
      "SIGNIFICADO DEL HECHO O DE PERSONAS QUE NO TENGAN CAPACIDAD DE RESISTIR LA CONDUCTA", "other_sexual" },
    { "CORRUPCION DE MENORES E INCAPACES", "other_sexual" },
    { "OBO DE VEHICULO EN PENSION, TALLER Y AGENCIAS C/V", "robbery_vehicle" },
    { "TENTATIVA DE FEMINICIDIO", "other" },
    { "FEMINICIDIO POR ARMA BLANCA", "femicide" },
    { "HOMICIDIO CULPOSO POR TRÁNSITO VEHICULAR (ATROPELLADO)", "other" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *category = category_of (db, cases[i].delito);
      g_assert_cmpstr (category, ==, cases[i].category);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/categories/no-unintended-other", test_no_unintended_other);
  g_test_add_func ("/categories/known-spellings", test_known_spellings);
  return g_test_run ();
}

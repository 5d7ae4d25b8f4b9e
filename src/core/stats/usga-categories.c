/* usga-categories.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "usga-categories.h"
#include "usga-csv.h"
#include "usga-text.h"

static const UsgaCategory categories[] = {
  { "domestic_violence",        N_("Domestic violence"),              NULL,      TRUE,  TRUE },
  { "sexual_abuse",             N_("Sexual abuse"),                   "sexual",  TRUE,  TRUE },
  { "rape",                     N_("Rape"),                           "sexual",  TRUE,  TRUE },
  { "sexual_harassment",        N_("Sexual harassment"),              "sexual",  TRUE,  FALSE },
  { "other_sexual",             N_("Other sexual crimes"),            "sexual",  TRUE,  FALSE },
  { "femicide",                 N_("Femicide"),                       NULL,      TRUE,  TRUE },
  { "homicide",                 N_("Intentional homicide"),           NULL,      TRUE,  TRUE },
  { "assault",                  N_("Intentional injuries"),           NULL,      TRUE,  FALSE },
  { "kidnapping",               N_("Kidnapping"),                     NULL,      TRUE,  FALSE },
  { "robbery_pedestrian",       N_("Robbery of a person in public"),  "robbery", TRUE,  TRUE },
  { "robbery_public_transport", N_("Robbery in public transport"),    "robbery", TRUE,  TRUE },
  { "robbery_vehicle",          N_("Vehicle robbery"),                "robbery", TRUE,  TRUE },
  { "robbery_business",         N_("Business robbery"),               "robbery", TRUE,  TRUE },
  { "robbery_home",             N_("Burglary"),                       "robbery", TRUE,  FALSE },
  { "robbery_other",            N_("Other robbery"),                  "robbery", TRUE,  FALSE },
  { "drug_dealing",             N_("Drug dealing"),                   NULL,      TRUE,  TRUE },
  { "threats",                  N_("Threats"),                        NULL,      TRUE,  FALSE },
  { "extortion",                N_("Extortion"),                      NULL,      TRUE,  FALSE },
  { "fraud",                    N_("Fraud"),                          NULL,      TRUE,  FALSE },
  { "other",                    N_("Other crimes"),                   NULL,      TRUE,  FALSE },
  { "non_criminal",             N_("Non-criminal events"),            NULL,      FALSE, FALSE },
};

const UsgaCategory *
usga_categories (guint *n_categories)
{
  *n_categories = G_N_ELEMENTS (categories);
  return categories;
}

const UsgaCategory *
usga_category_lookup (const char *key)
{
  for (guint i = 0; key && i < G_N_ELEMENTS (categories); i++)
    if (g_str_equal (categories[i].key, key))
      return &categories[i];
  return NULL;
}

const char *
usga_category_group_name (const char *group)
{
  if (g_strcmp0 (group, "sexual") == 0)
    return _("Sexual crimes");
  if (g_strcmp0 (group, "robbery") == 0)
    return _("Robbery (all modalities)");
  if (g_strcmp0 (group, "all") == 0)
    return _("All crimes");
  return NULL;
}

const char *
usga_category_name (const char *key)
{
  const UsgaCategory *c = usga_category_lookup (key);

  if (c != NULL)
    return _(c->name);
  if (usga_category_group_name (key))
    return usga_category_group_name (key);
  return key;
}

GStrv
usga_category_expand (const char *key)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (usga_category_lookup (key))
    g_strv_builder_add (builder, key);
  else
    for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
      if (g_strcmp0 (categories[i].group, key) == 0 ||
          (g_strcmp0 (key, "all") == 0 && categories[i].in_total))
        g_strv_builder_add (builder, categories[i].key);
  return g_strv_builder_end (builder);
}

gboolean
usga_categories_seed (UsgaDb *db, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "INSERT INTO category (key, grp, in_total, sort) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (key) DO UPDATE SET grp = excluded.grp, in_total = excluded.in_total, sort = excluded.sort",
      error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, categories[i].key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, categories[i].group, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, categories[i].in_total);
      sqlite3_bind_int (stmt, 4, i);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        return usga_db_fail (db, rc, "category", error);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
usga_delito_rules_load (UsgaDb *db, const char *csv_path, GError **error)
{
  const char *const columns[] = { "priority", "pattern", "category", NULL };
  int col[3];
  g_autoptr(UsgaCsvReader) reader = usga_csv_reader_open_with_columns (csv_path, columns, col, error);
  const int i_priority = col[0], i_pattern = col[1], i_category = col[2];
  const GPtrArray *row;
  sqlite3_stmt *stmt;

  if (reader == NULL)
    return FALSE;

  stmt = usga_db_prepare (db, "INSERT OR REPLACE INTO delito_rule (priority, pattern, category) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  while ((row = usga_csv_reader_next (reader, error)) != NULL)
    {
      g_autofree char *pattern = NULL;
      const char *category;
      int rc;

      if (row->len <= (guint) MAX (i_priority, MAX (i_pattern, i_category)))
        continue;
      category = g_ptr_array_index (row, i_category);
      if (usga_category_lookup (category) == NULL)
        {
          g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                       _("%s: unknown category “%s”"), csv_path, category);
          return FALSE;
        }
      pattern = usga_text_normalize (g_ptr_array_index (row, i_pattern));
      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, atoi (g_ptr_array_index (row, i_priority)));
      sqlite3_bind_text (stmt, 2, pattern, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, category, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        return usga_db_fail (db, rc, "delito_rule", error);
    }
  sqlite3_reset (stmt);
  return error == NULL || *error == NULL;
}

gint64
usga_delito_resolve (UsgaDb *db, const char *name, GError **error)
{
  g_autofree char *normalized = usga_text_normalize (name);
  sqlite3_stmt *stmt;
  gint64 id = -1;
  int rc;

  if (*normalized == '\0')
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("the delito is empty"));
      return -1;
    }

  stmt = usga_db_prepare (db, "SELECT id FROM delito WHERE name = ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, normalized, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id >= 0)
    return id;

  /* New string: the first matching rule (lowest priority number) gives its category. */
  stmt = usga_db_prepare (db,
      "INSERT INTO delito (name, category) VALUES (?1, "
      "  COALESCE ((SELECT category FROM delito_rule WHERE ?1 LIKE pattern ESCAPE '\\' "
      "             ORDER BY priority LIMIT 1), 'other'))", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, normalized, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      usga_db_fail (db, rc, "delito", error);
      return -1;
    }
  return sqlite3_last_insert_rowid (usga_db_handle (db));
}

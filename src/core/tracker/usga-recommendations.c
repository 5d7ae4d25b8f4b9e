/* usga-recommendations.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "usga-categories.h"
#include "usga-json.h"
#include "usga-recommendations.h"

#define member_string usga_json_member_string

static char *
partners_string (JsonObject *o)
{
  JsonNode *n = json_object_get_member (o, "partners");
  g_autoptr(GString) out = g_string_new (NULL);

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    return g_strdup ("");
  for (guint i = 0; i < json_array_get_length (json_node_get_array (n)); i++)
    {
      const char *p = json_array_get_string_element (json_node_get_array (n), i);
      if (out->len)
        g_string_append (out, "; ");
      g_string_append (out, p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
insert_items (UsgaDb *db, JsonArray *items, const char *default_kind, const char *path, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "INSERT INTO recommendation (id, kind, sdg, section, theme_en, theme_es, topic_en, topic_es,"
      "  summary_en, summary_es, partners, indicator, source_ref)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      g_autofree char *partners = NULL;
      const char *kind, *indicator, *theme_en, *theme_es;

      if (o == NULL || member_string (o, "id") == NULL ||
          member_string (o, "summary_en") == NULL || member_string (o, "summary_es") == NULL)
        {
          g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                       _("%s: item %u has no id or summary"), path, i + 1);
          return FALSE;
        }
      kind = member_string (o, "kind") ? member_string (o, "kind") : default_kind;
      indicator = member_string (o, "indicator");
      if (indicator && usga_category_lookup (indicator) == NULL)
        indicator = NULL;
      /* Section 3 items name their list instead of a theme. */
      theme_en = member_string (o, "theme_en") ? member_string (o, "theme_en") : member_string (o, "list");
      theme_es = member_string (o, "theme_es") ? member_string (o, "theme_es") : member_string (o, "list");
      partners = partners_string (o);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, member_string (o, "id"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
      if (json_object_has_member (o, "sdg") && !json_object_get_null_member (o, "sdg"))
        sqlite3_bind_int (stmt, 3, json_object_get_int_member (o, "sdg"));
      sqlite3_bind_text (stmt, 4, member_string (o, "section"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, theme_en, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, theme_es, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, member_string (o, "topic_en"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, member_string (o, "topic_es"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, member_string (o, "summary_en"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 10, member_string (o, "summary_es"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 11, partners, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 12, indicator, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 13, member_string (o, "source_ref"), -1, SQLITE_TRANSIENT);
      if (!usga_db_step_done (db, stmt, "recommendation", error))
        return FALSE;
    }
  return TRUE;
}

gboolean
usga_recommendations_load_bundled (UsgaDb *db, const char *path, GError **error)
{
  g_autoptr(JsonNode) root = usga_json_load_file (path, error);
  JsonObject *o;

  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (o = json_node_get_object (root), "recommendations"))
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("%s: no “recommendations” list"), path);
      return FALSE;
    }
  if (!insert_items (db, json_object_get_array_member (o, "recommendations"), "mayor", path, error))
    return FALSE;
  if (json_object_has_member (o, "other_items") &&
      !insert_items (db, json_object_get_array_member (o, "other_items"), "population", path, error))
    return FALSE;
  return TRUE;
}

/* usga-cli-filter.c — the filter options every data command shares.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-cli.h"

static char  *opt_from;
static char  *opt_to;
static char **opt_categories;
static char  *opt_delito;
static char  *opt_colonia;
static char  *opt_area_level;
static char  *opt_area;
static gboolean opt_exclude_non_crimes;

static const GOptionEntry filter_entries[] = {
  { "from", 0, 0, G_OPTION_ARG_STRING, &opt_from, N_("First day (YYYY-MM-DD)"), N_("DATE") },
  { "to", 0, 0, G_OPTION_ARG_STRING, &opt_to, N_("Last day (YYYY-MM-DD)"), N_("DATE") },
  { "category", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_categories,
    N_("Crime category key or group (sexual, robbery); repeat or separate with commas"), N_("KEY") },
  { "delito", 0, 0, G_OPTION_ARG_STRING, &opt_delito, N_("Exact FGJ delito"), N_("TEXT") },
  { "colonia", 0, 0, G_OPTION_ARG_STRING, &opt_colonia, N_("Colonia id or name"), N_("COLONIA") },
  { "area-level", 0, 0, G_OPTION_ARG_STRING, &opt_area_level,
    N_("Area level: alcaldia, sector, colonia or cuadrante"), N_("LEVEL") },
  { "area", 0, 0, G_OPTION_ARG_STRING, &opt_area, N_("Area id or name at that level"), N_("AREA") },
  { "exclude-non-crimes", 0, 0, G_OPTION_ARG_NONE, &opt_exclude_non_crimes,
    N_("Leave out FGJ’s “hechos no delictivos” (files that record no crime)"), NULL },
  { NULL }
};

GOptionGroup *
usga_cli_filter_options (void)
{
  GOptionGroup *group = g_option_group_new ("filter", _("Filter options:"), _("Show filter options"), NULL, NULL);

  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, filter_entries);
  return group;
}

static gint64
resolve_area (UsgaDb *db, UsgaAreaLevel level, const char *value)
{
  static const char *const by_name[] = {
    [USGA_AREA_LEVEL_SECTOR] = "SELECT id FROM sector WHERE name = ?1 COLLATE NOCASE",
    [USGA_AREA_LEVEL_COLONIA] = "SELECT id FROM colonia WHERE name = ?1 COLLATE NOCASE"
                                " UNION ALL SELECT colonia_id FROM colonia_alias WHERE alias = ?2 LIMIT 1",
    [USGA_AREA_LEVEL_CUADRANTE] = "SELECT id FROM cuadrante WHERE code = ?1 COLLATE NOCASE",
  };
  static const char *const by_id[] = {
    [USGA_AREA_LEVEL_SECTOR] = "SELECT id FROM sector WHERE id = ?",
    [USGA_AREA_LEVEL_COLONIA] = "SELECT id FROM colonia WHERE id = ?",
    [USGA_AREA_LEVEL_CUADRANTE] = "SELECT id FROM cuadrante WHERE id = ?",
  };
  g_autofree char *normalized = usga_text_normalize (value);
  char *end = NULL;
  gint64 number = g_ascii_strtoll (value, &end, 10);
  gboolean numeric = end && *end == '\0' && number > 0;
  sqlite3_stmt *stmt = usga_db_prepare (db, numeric ? by_id[level] : by_name[level], NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  if (numeric)
    sqlite3_bind_int64 (stmt, 1, number);
  else
    {
      sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
      if (level == USGA_AREA_LEVEL_COLONIA)
        sqlite3_bind_text (stmt, 2, normalized, -1, SQLITE_TRANSIENT);
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gboolean
usga_cli_filter_build (UsgaDb *db, UsgaFilter *filter)
{
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_free);
  UsgaAreaLevel level = USGA_AREA_LEVEL_ALCALDIA;
  const char *area = opt_area;

  if (opt_from && !usga_filter_validate_date (opt_from))
    return usga_cli_error (USGA_EXIT_USAGE, _("--from: “%s” is not a date (YYYY-MM-DD)"), opt_from), FALSE;
  if (opt_to && !usga_filter_validate_date (opt_to))
    return usga_cli_error (USGA_EXIT_USAGE, _("--to: “%s” is not a date (YYYY-MM-DD)"), opt_to), FALSE;
  if (opt_from && opt_to && strcmp (opt_from, opt_to) > 0)
    return usga_cli_error (USGA_EXIT_USAGE, _("--from %s is after --to %s"), opt_from, opt_to), FALSE;
  usga_filter_set_period (filter, opt_from, opt_to);

  for (guint i = 0; opt_categories && opt_categories[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (opt_categories[i], ",", -1);
      for (guint j = 0; parts[j]; j++)
        {
          g_auto(GStrv) expanded = usga_category_expand (g_strstrip (parts[j]));
          if (expanded[0] == NULL)
            {
              g_autoptr(GString) known = g_string_new ("sexual, robbery");
              guint n;
              const UsgaCategory *all = usga_categories (&n);
              for (guint k = 0; k < n; k++)
                g_string_append_printf (known, ", %s", all[k].key);
              usga_cli_error (USGA_EXIT_USAGE, _("unknown category “%s” (known: %s)"), parts[j], known->str);
              return FALSE;
            }
          g_ptr_array_add (categories, g_strdup (parts[j]));
        }
    }
  g_ptr_array_add (categories, NULL);
  usga_filter_set_categories (filter, (const char *const *) categories->pdata);
  usga_filter_set_delito (filter, opt_delito);
  usga_filter_set_exclude_non_crimes (filter, opt_exclude_non_crimes);

  if (opt_colonia)
    {
      if (opt_area_level && !g_str_equal (opt_area_level, "colonia"))
        return usga_cli_error (USGA_EXIT_USAGE, _("--colonia cannot be combined with --area-level %s"), opt_area_level), FALSE;
      level = USGA_AREA_LEVEL_COLONIA;
      area = opt_colonia;
    }
  else if (opt_area_level)
    {
      if (g_str_equal (opt_area_level, "alcaldia"))
        level = USGA_AREA_LEVEL_ALCALDIA;
      else if (g_str_equal (opt_area_level, "sector"))
        level = USGA_AREA_LEVEL_SECTOR;
      else if (g_str_equal (opt_area_level, "colonia"))
        level = USGA_AREA_LEVEL_COLONIA;
      else if (g_str_equal (opt_area_level, "cuadrante"))
        level = USGA_AREA_LEVEL_CUADRANTE;
      else
        return usga_cli_error (USGA_EXIT_USAGE, _("--area-level: unknown level “%s” (alcaldia, sector, colonia, cuadrante)"),
                               opt_area_level), FALSE;
      if (level != USGA_AREA_LEVEL_ALCALDIA && area == NULL)
        return usga_cli_error (USGA_EXIT_USAGE, _("--area-level %s needs --area"), opt_area_level), FALSE;
    }

  if (level != USGA_AREA_LEVEL_ALCALDIA)
    {
      gint64 id = resolve_area (db, level, area);
      if (id <= 0)
        return usga_cli_error (USGA_EXIT_USAGE, _("no %s called “%s”"),
                               level == USGA_AREA_LEVEL_SECTOR ? "sector" :
                               level == USGA_AREA_LEVEL_COLONIA ? "colonia" : "cuadrante", area), FALSE;
      usga_filter_set_area (filter, level, id);
    }
  return TRUE;
}

/* test-summary.c — the summaries give exactly the figures of a scan of the raw rows: the
 * same statistics computed both ways on many random filters, after the bundled load, after
 * the migration fills them for an existing database, and after deletes, re-placements,
 * moves out of scope, inserts and a rolled-back transaction; plus a cell-by-cell check of
 * both summaries against a GROUP BY of incident. The in-memory aggregate index (usga-cube.h)
 * gives the same figures again, on random filters over several years, and is not used once
 * another connection wrote. CSV imports (which count their rows in bulk) into a database
 * holding data, with a supersede, and imports that failed or were killed part-way leave them
 * exact too.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>

#include "usga-core.h"
#include "usga-migrations.h"
#include "usga-test-util.h"

static const UsgaGroupBy all_groups[] = {
  USGA_BY_MONTH, USGA_BY_QUARTER, USGA_BY_YEAR, USGA_BY_COLONIA, USGA_BY_CATEGORY, USGA_BY_DELITO,
  USGA_BY_HOUR, USGA_BY_WEEKDAY, USGA_BY_HOUR_WEEKDAY, USGA_BY_CUADRANTE, USGA_BY_SECTOR, USGA_BY_NONE,
};

static gint64
pick_id (UsgaDb *db, const char *sql, GRand *rand)
{
  gint64 n = usga_db_query_int (db, "SELECT count(*) FROM colonia", 0);
  g_autofree char *one = g_strdup_printf ("%s LIMIT 1 OFFSET %d", sql, g_rand_int_range (rand, 0, (gint32) MAX (n, 1)));

  return usga_db_query_int (db, one, 0);
}

static char *
pick_delito (UsgaDb *db, GRand *rand)
{
  sqlite3_stmt *stmt = usga_db_prepare (db, "SELECT name FROM delito WHERE id IN (SELECT delito_id FROM incident)"
                                            " ORDER BY name LIMIT 1 OFFSET ?", NULL);
  char *name = NULL;

  sqlite3_bind_int (stmt, 1, g_rand_int_range (rand, 0, 40));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return name;
}

/* With @wide, periods reach back more often (the aggregate index's test; the summaries' keeps
 * its faster mix). */
static UsgaFilter *
random_filter (UsgaDb *db, GRand *rand, gboolean wide)
{
  UsgaFilter *f = usga_filter_new ();
  guint n_categories;
  const UsgaCategory *categories = usga_categories (&n_categories);
  const char *groups[] = { "sexual", "robbery" };
  char from[11], to[11];
  int m0 = g_rand_int_range (rand, 1, 13), d0 = g_rand_int_range (rand, 1, 29);
  int m1 = g_rand_int_range (rand, m0, 13), d1 = g_rand_int_range (rand, m1 == m0 ? d0 : 1, 29);
  /* Mostly inside the complete 2024 coverage, sometimes reaching into earlier years: across
   * 2023/2024 quarters, from 2019 (the published quarters), or from before them. */
  int pick = wide ? g_rand_int_range (rand, 0, 8) : g_rand_int_range (rand, 0, 4) == 0 ? 6 : 0;
  int y0 = pick < 4 ? 2024 : pick == 4 ? 2023 : pick == 5 ? 2019 : g_rand_int_range (rand, wide ? 2015 : 2019, 2024);

  g_snprintf (from, sizeof from, "%04d-%02d-%02d", y0, m0, d0);
  g_snprintf (to, sizeof to, "2024-%02d-%02d", m1, d1);
  if (pick == 5 && g_rand_boolean (rand))
    usga_filter_set_period (f, "2019-01-01", "2024-12-31");
  else if (g_rand_int_range (rand, 0, 8) > 0)
    usga_filter_set_period (f, from, to);
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 1:
      {
        const char *const one[] = { categories[g_rand_int_range (rand, 0, n_categories)].key, NULL };
        usga_filter_set_categories (f, one);
        break;
      }
    case 2:
      {
        const char *const two[] = { groups[g_rand_int_range (rand, 0, 2)],
                                    categories[g_rand_int_range (rand, 0, n_categories)].key, NULL };
        usga_filter_set_categories (f, two);
        break;
      }
    default:
      break;
    }
  if (g_rand_int_range (rand, 0, 5) == 0)
    {
      g_autofree char *delito = pick_delito (db, rand);
      usga_filter_set_delito (f, delito);
    }
  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0: usga_filter_set_area (f, USGA_AREA_LEVEL_COLONIA, pick_id (db, "SELECT id FROM colonia ORDER BY id", rand)); break;
    case 1: usga_filter_set_area (f, USGA_AREA_LEVEL_CUADRANTE, pick_id (db, "SELECT id FROM cuadrante ORDER BY id", rand)); break;
    case 2: usga_filter_set_area (f, USGA_AREA_LEVEL_SECTOR, pick_id (db, "SELECT id FROM sector ORDER BY id", rand)); break;
    default: break;
    }
  if (g_rand_int_range (rand, 0, 4) == 0)
    usga_filter_set_exclude_non_crimes (f, TRUE);
  return f;
}

static void
assert_same (UsgaStats *a, UsgaStats *b, const char *what)
{
  if (a->total != b->total || a->rows->len != b->rows->len)
    g_error ("%s: summary total %" G_GINT64_FORMAT " in %u rows, raw scan %" G_GINT64_FORMAT " in %u rows",
             what, a->total, a->rows->len, b->total, b->rows->len);
  for (guint i = 0; i < a->rows->len; i++)
    {
      UsgaStatRow *x = g_ptr_array_index (a->rows, i), *y = g_ptr_array_index (b->rows, i);
      if (g_strcmp0 (x->key, y->key) != 0 || x->count != y->count || x->population != y->population)
        g_error ("%s: row %u: summary %s = %" G_GINT64_FORMAT ", raw %s = %" G_GINT64_FORMAT, what, i,
                 x->key, x->count, y->key, y->count);
    }
  g_assert_cmpint (a->excluded_placeholder, ==, b->excluded_placeholder);
  g_assert_cmpint (a->rows_not_counted, ==, b->rows_not_counted);
  g_assert_cmpint (a->partial_rows, ==, b->partial_rows);
  g_assert_cmpint (a->not_located, ==, b->not_located);
  g_assert_cmpint (a->non_criminal, ==, b->non_criminal);
}

/* @filter by @by three ways: the summaries' SQL, the thread's aggregate index @cube (unless
 * NULL) and a raw scan; all must agree. */
static UsgaStats *
query_three_ways (UsgaDb *db, UsgaCube *cube, UsgaFilter *f, UsgaGroupBy by, const char *const *cats,
                  UsgaStats **per, const char *what)
{
  g_autoptr(GError) error = NULL;
  UsgaStats *ways[3] = { NULL }, *per_way[3][3] = { { NULL } };
  guint n = cats ? g_strv_length ((GStrv) cats) : 0;

  for (guint w = 0; w < 3; w++)
    {
      if (w == 1 && cube == NULL)
        continue;
      usga_cube_set_for_thread (w == 1 ? cube : NULL);
      usga_stats_set_raw_scan (w == 2);
      ways[w] = cats ? usga_stats_query_by_category (db, f, by, cats, per_way[w], &error)
                     : usga_stats_query (db, f, by, &error);
      g_assert_no_error (error);
    }
  usga_stats_set_raw_scan (FALSE);
  usga_cube_set_for_thread (NULL);
  assert_same (ways[0], ways[2], what);
  if (cube)
    assert_same (ways[1], ways[0], what);
  for (guint c = 0; c < n; c++)
    {
      assert_same (per_way[0][c], per_way[2][c], what);
      if (cube)
        assert_same (per_way[1][c], per_way[0][c], what);
      per[c] = per_way[0][c];
      usga_stats_free (per_way[1][c]);
      usga_stats_free (per_way[2][c]);
    }
  usga_stats_free (ways[1]);
  usga_stats_free (ways[2]);
  return ways[0];
}

/* @n random filters, every grouping, two or three ways (with @cube); returns how many carpetas
 * the summaries counted. */
static gint64
compare_random (UsgaDb *db, UsgaCube *cube, guint32 seed, guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  gint64 counted = 0;
  guint answered = cube ? usga_cube_parts_answered (cube) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UsgaFilter) f = random_filter (db, rand, cube != NULL);
      UsgaGroupBy by = all_groups[i % G_N_ELEMENTS (all_groups)];
      g_autofree char *described = usga_filter_describe (f, "area");
      g_autofree char *what = g_strdup_printf ("filter %u (%s), by %s", i, described, usga_group_by_to_string (by));
      g_autoptr(UsgaStats) summary = query_three_ways (db, cube, f, by, NULL, NULL, what);

      counted += summary->total;
      if (by == USGA_BY_MONTH || by == USGA_BY_QUARTER || by == USGA_BY_YEAR)
        {
          /* The Trends page's split by category, groups included. */
          const char *const cats[] = { "domestic_violence", "robbery", "sexual", NULL };
          UsgaStats *per[3] = { NULL };
          g_autoptr(UsgaStats) total = query_three_ways (db, cube, f, by, cats, per, what);

          for (guint c = 0; c < 3; c++)
            usga_stats_free (per[c]);
        }
    }
  /* The index did answer: every query has at least its rows-left-out part. */
  if (cube)
    g_assert_cmpuint (usga_cube_parts_answered (cube), >=, answered + n);
  return counted;
}

static void
assert_check (UsgaDb *db)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (usga_summary_check (db, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_random_filters (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);

  /* The bundled load went through the triggers. */
  g_assert_cmpint (usga_db_query_int (db, "SELECT sum (n) FROM incident_summary", 0), ==,
                   usga_db_query_int (db, "SELECT count(*) FROM incident", -1));
  assert_check (db);
  g_assert_cmpint (compare_random (db, NULL, 16, 144), >, 0);
}

/* The migration that creates the summaries (others may follow it). */
static int
summary_migration (void)
{
  for (int v = 1; v <= usga_migrations_count (); v++)
    if (g_str_equal (usga_migration_sql (v), USGA_SUMMARY_MIGRATION_SQL))
      return v;
  g_assert_not_reached ();
}

static void
test_migration_fills (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  gint64 rows = usga_db_query_int (db, "SELECT count(*) FROM incident", -1);
  gint64 hour_cells = usga_db_query_int (db, "SELECT count(*) FROM incident_hour_summary", -1);

  /* A database from before the migration: no summaries, no triggers. */
  g_assert_true (usga_db_exec (db, "DROP TABLE incident_summary; DROP TABLE incident_hour_summary;"
                                  "DROP TRIGGER incident_summary_insert; DROP TRIGGER incident_summary_delete;"
                                  "DROP TRIGGER incident_summary_update_old; DROP TRIGGER incident_summary_update_new;", &error));
  g_assert_no_error (error);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
                                          " AND name LIKE 'incident_summary%'", -1), ==, 0);
  g_assert_true (usga_db_exec (db, usga_migration_sql (summary_migration ()), &error));
  g_assert_no_error (error);
  g_assert_cmpint (usga_db_query_int (db, "SELECT sum (n) FROM incident_summary", 0), ==, rows);
  g_assert_cmpint (usga_db_query_int (db, "SELECT sum (n) FROM incident_hour_summary", 0), ==, rows);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM incident_hour_summary", -1), ==, hour_cells);
  assert_check (db);
}

static void
progress_seen (double fraction, const char *message, gpointer data)
{
  g_assert_true (fraction >= 0 && fraction <= 1);
  g_assert_nonnull (message);
  (*(guint *) data)++;
}

static void
test_writes_keep_them (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  guint steps = 0;

  gboolean ok;

  /* Deletes (a supersede), re-placements, moves out of scope and back, new rows. */
  ok = (usga_db_exec (db,
      "BEGIN;"
      "DELETE FROM incident WHERE id % 17 = 0;"
      "UPDATE incident SET colonia_id = NULL WHERE id % 13 = 0;"
      "UPDATE incident SET cuadrante_id = (SELECT min (id) FROM cuadrante) WHERE id % 11 = 0;"
      "UPDATE incident SET alcaldia = 'COYOACAN' WHERE id % 7 = 0;"
      "UPDATE incident SET alcaldia = 'IZTAPALAPA' WHERE id % 14 = 0;"
      "UPDATE incident SET hour = NULL WHERE id % 19 = 0;"
      "UPDATE incident SET date = '2024-02-29', weekday = 4 WHERE id % 23 = 0;"
      "INSERT INTO incident (content_key, origin, delito_id, date, year, month, weekday, hour, time_placeholder,"
      "  colonia_raw, colonia_id, cuadrante_id, lat, lon, alcaldia)"
      "  SELECT content_key || '#copy', 'csv', delito_id, date, year, month, weekday, hour, time_placeholder,"
      "  colonia_raw, colonia_id, cuadrante_id, lat, lon, alcaldia FROM incident WHERE id % 5 = 0;"
      "COMMIT;", &error));
  g_assert_no_error (error);
  g_assert_true (ok);
  assert_check (db);
  compare_random (db, NULL, 1600, 72);

  /* A rolled-back change leaves no trace in them either. */
  g_assert_true (usga_db_begin (db, &error));
  g_assert_true (usga_db_exec (db, "DELETE FROM incident WHERE id % 3 = 0;", &error));
  usga_db_rollback (db);
  assert_check (db);

  /* The repair path counts the same, and says how far it is. */
  g_assert_true (usga_summary_rebuild (db, progress_seen, &steps, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (steps, >=, 2);
  assert_check (db);

  /* And the check does see a wrong cell. */
  g_assert_true (usga_db_exec (db, "UPDATE incident_summary SET n = n + 1 WHERE date = (SELECT min (date) FROM incident_summary)", &error));
  g_assert_cmpint (usga_summary_check (db, NULL), >, 0);
}

/* Copies of the 2024 carpetas moved back 3 and 7 years: rows inside the published quarters
 * (not counted there) and before them (counted by day, as partial). */
static void
add_earlier_years (UsgaDb *db)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (usga_db_exec (db,
      "INSERT INTO incident (content_key, origin, delito_id, date, year, month, weekday, hour, time_placeholder,"
      "  colonia_raw, colonia_id, cuadrante_id, lat, lon, alcaldia)"
      "  SELECT content_key || '#' || k.y, 'csv', delito_id, date (date, '-' || k.y || ' years'), year - k.y, month,"
      "  (CAST (strftime ('%w', date (date, '-' || k.y || ' years')) AS INTEGER) + 6) % 7 + 1, hour, time_placeholder,"
      "  colonia_raw, colonia_id, cuadrante_id, lat, lon, alcaldia"
      "  FROM incident, (SELECT 3 AS y UNION ALL SELECT 7) k WHERE origin = 'bundled' AND id % 3 = 0", &error));
  g_assert_no_error (error);
}

static void
test_cube_random_filters (void)
{
  g_autofree char *path = NULL;
  g_autoptr(UsgaDb) db = usga_test_bundled_db (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaCube) cube = NULL;
  gsize cells, quarterly, bytes;
  double ms;

  add_earlier_years (db);
  cube = usga_cube_build (path, &error);
  g_assert_no_error (error);
  usga_cube_describe (cube, &cells, &quarterly, &bytes, &ms);
  g_assert_cmpuint (cells, ==, usga_db_query_int (db, "SELECT count(*) FROM incident_hour_summary", -1));
  g_assert_cmpuint (quarterly, ==, usga_db_query_int (db, "SELECT count(*) FROM incident_quarterly", -1));
  g_assert_cmpuint (quarterly, >, 0);
  g_assert_true (usga_cube_is_fresh (cube));
  g_assert_cmpint (compare_random (db, cube, 160, 192), >, 0);
  g_assert_true (usga_cube_is_fresh (cube));
}

static void
test_cube_goes_stale (void)
{
  g_autofree char *path = NULL;
  g_autoptr(UsgaDb) db = usga_test_bundled_db (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaCube) cube = usga_cube_build (path, &error);
  g_autoptr(UsgaFilter) f = usga_filter_new ();
  g_autoptr(UsgaStats) before = NULL;
  g_autoptr(UsgaStats) after = NULL;
  g_autoptr(UsgaStats) raw = NULL;
  guint answered;

  g_assert_no_error (error);
  usga_filter_set_period (f, "2024-01-01", "2024-12-31");
  usga_cube_set_for_thread (cube);
  before = usga_stats_query (db, f, USGA_BY_COLONIA, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (usga_cube_parts_answered (cube), >, 0);

  /* Another connection (a CLI sync, another window) deletes carpetas and commits. */
  {
    g_autoptr(UsgaDb) other = usga_db_open (path, USGA_DB_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    g_assert_true (usga_db_exec (other, "DELETE FROM incident WHERE id % 10 = 0", &error));
    g_assert_no_error (error);
  }
  g_assert_false (usga_cube_found_stale (cube));
  g_assert_false (usga_cube_is_fresh (cube));
  g_assert_true (usga_cube_found_stale (cube));
  g_assert_null (usga_cube_for_thread (path));

  /* The stale index is not used: the figures are the new ones. */
  answered = usga_cube_parts_answered (cube);
  after = usga_stats_query (db, f, USGA_BY_COLONIA, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (usga_cube_parts_answered (cube), ==, answered);
  usga_stats_set_raw_scan (TRUE);
  raw = usga_stats_query (db, f, USGA_BY_COLONIA, &error);
  usga_stats_set_raw_scan (FALSE);
  g_assert_no_error (error);
  assert_same (after, raw, "after the write");
  g_assert_cmpint (after->total, <, before->total);
  usga_cube_set_for_thread (NULL);

  /* A rebuild agrees again. */
  g_clear_pointer (&cube, usga_cube_unref);
  cube = usga_cube_build (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (compare_random (db, cube, 1601, 96), >, 0);

  /* A write through the caller's own connection makes it stale too. */
  g_assert_true (usga_db_exec (db, "DELETE FROM incident WHERE id % 10 = 1", &error));
  g_assert_false (usga_cube_is_fresh (cube));
}


/* A CSV file of @n carpetas, all of @day (so a complete import supersedes that day):
 * Iztapalapa's around El Paraíso (some outside every colonia, some without coordinates or
 * time, some at midnight), some of other alcaldías, every seventh line repeated exactly.
 * @in_scope: the lines of Iztapalapa, counted as written. @tail is appended unchanged. */
static char *
write_csv (const char *name, const char *day, guint n, guint32 seed, const char *tail, gint64 *in_scope)
{
  static const char *const delitos[] = { "ROBO DE OBJETOS", "VIOLENCIA FAMILIAR", "ABUSO SEXUAL",
                                         "ROBO A TRANSEUNTE EN VIA PUBLICA CON VIOLENCIA", "AMENAZAS" };
  static const char *const others[] = { "COYOACAN", "TLALPAN", "GUSTAVO A. MADERO" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GString) text = g_string_new ("alcaldia_hecho,colonia,delito,fecha_hecho,hora_hecho,anio_hecho,trimestre,latitud,longitud\n");
  g_autofree char *dir = usga_test_tmpdir ();
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *last = NULL;

  *in_scope = 0;
  for (guint i = 0; i < n; i++)
    {
      gboolean ours = g_rand_int_range (rand, 0, 10) < 7;
      g_autofree char *time = NULL, *where = NULL, *line = NULL;

      if (last && i % 7 == 6)
        line = g_strdup (last);
      else
        {
          switch (g_rand_int_range (rand, 0, 8))
            {
            case 0: time = g_strdup (""); break;
            case 1: time = g_strdup ("00:00:00"); break;
            default: time = g_strdup_printf ("%02d:%02d:00", g_rand_int_range (rand, 0, 24), g_rand_int_range (rand, 0, 60));
            }
          if (g_rand_int_range (rand, 0, 12) == 0)
            where = g_strdup (",");
          else
            where = g_strdup_printf ("%.5f,%.5f", 19.33 + g_rand_double (rand) * 0.06, -99.10 + g_rand_double (rand) * 0.08);
          line = g_strdup_printf ("%s,El Paraiso,%s,%s,%s,2024,1,%s\n",
                                  ours ? "IZTAPALAPA" : others[g_rand_int_range (rand, 0, G_N_ELEMENTS (others))],
                                  delitos[g_rand_int_range (rand, 0, G_N_ELEMENTS (delitos))], day, time, where);
        }
      if (g_str_has_prefix (line, "IZTAPALAPA,"))
        (*in_scope)++;
      g_string_append (text, line);
      g_free (last);
      last = g_strdup (line);
    }
  if (tail)
    g_string_append (text, tail);
  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));
  return path;
}

static gboolean
import_csv (UsgaDb *db, const char *path, gboolean complete, UsgaProgressFunc progress, UsgaSyncSummary *s,
            GError **error)
{
  UsgaImportOptions o = { .kind = USGA_TABLE_CARPETAS, .city = TRUE, .complete = complete };

  usga_sync_summary_init (s);
  return usga_import_csv_with_options (db, path, &o, progress, NULL, NULL, s, error);
}

/* Keeps a copy of both summaries and of the insert trigger's definition in the database. */
static void
save_summaries (UsgaDb *db)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (usga_db_exec (db,
      "DROP TABLE IF EXISTS saved_summary; DROP TABLE IF EXISTS saved_hour_summary; DROP TABLE IF EXISTS saved_trigger;"
      "CREATE TABLE saved_summary AS SELECT * FROM incident_summary;"
      "CREATE TABLE saved_hour_summary AS SELECT * FROM incident_hour_summary;"
      "CREATE TABLE saved_trigger AS SELECT sql FROM sqlite_schema WHERE name = 'incident_summary_insert';", &error));
  g_assert_no_error (error);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM saved_trigger", -1), ==, 1);
}

/* Cells that differ from the saved copy, either way, and whether the trigger does. */
static gint64
changed_since_saved (UsgaDb *db)
{
  return usga_db_query_int (db,
      "SELECT (SELECT count(*) FROM (SELECT * FROM incident_summary EXCEPT SELECT * FROM saved_summary))"
      " + (SELECT count(*) FROM (SELECT * FROM saved_summary EXCEPT SELECT * FROM incident_summary))"
      " + (SELECT count(*) FROM (SELECT * FROM incident_hour_summary EXCEPT SELECT * FROM saved_hour_summary))"
      " + (SELECT count(*) FROM (SELECT * FROM saved_hour_summary EXCEPT SELECT * FROM incident_hour_summary))"
      " + (SELECT count(*) FROM saved_trigger WHERE sql IS NOT"
      "    (SELECT sql FROM sqlite_schema WHERE name = 'incident_summary_insert'))", -1);
}

/* The carpetas both summaries count; they must agree. */
static gint64
counted (UsgaDb *db)
{
  gint64 n = usga_db_query_int (db, "SELECT COALESCE (sum (n), 0) FROM incident_summary", -1);

  g_assert_cmpint (usga_db_query_int (db, "SELECT COALESCE (sum (n), 0) FROM incident_hour_summary", -1), ==, n);
  return n;
}

/* CSV imports count their rows once at the end instead of through the trigger: into a
 * database holding the bundled data, superseding a day of it, then again into one holding
 * an import already (the same file: all found; another day's: all added). */
static void
test_csv_imports (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  gint64 in_scope = 0, more = 0;
  g_autofree char *first = write_csv ("march-1.csv", "2024-03-01", 700, 7, NULL, &in_scope);
  g_autofree char *second = write_csv ("march-2.csv", "2024-03-02", 400, 8, NULL, &more);
  gint64 before = counted (db);
  /* The bundled points file has 118 carpetas of 2024-03-01 (test-ingest counts them in it). */
  gint64 day = usga_db_query_int (db, "SELECT count(*) FROM incident WHERE date = '2024-03-01'", -1);
  UsgaSyncSummary s;

  g_assert_cmpint (day, ==, 118);
  g_assert_cmpint (in_scope, >, 300);
  save_summaries (db);
  g_assert_true (import_csv (db, first, TRUE, NULL, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.replaced_removed, ==, day);  /* none of the file's rows is a bundled one */
  g_assert_cmpstr (s.covered_first, ==, "2024-03-01");
  usga_sync_summary_clear (&s);
  g_assert_cmpint (counted (db), ==, before - day + in_scope);
  assert_check (db);
  /* The trigger is back as it was (the only change is in the cells). */
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM saved_trigger WHERE sql IS"
                                          " (SELECT sql FROM sqlite_schema WHERE name = 'incident_summary_insert')", -1), ==, 1);

  g_assert_true (import_csv (db, first, FALSE, NULL, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.added, ==, 0);
  usga_sync_summary_clear (&s);
  g_assert_true (import_csv (db, second, FALSE, NULL, &s, &error));
  g_assert_no_error (error);
  usga_sync_summary_clear (&s);
  g_assert_cmpint (counted (db), ==, before - day + in_scope + more);
  assert_check (db);
  compare_random (db, NULL, 2403, 12);

  /* The trigger is back at work for the other writers. */
  g_assert_true (usga_db_exec (db,
      "INSERT INTO incident (content_key, origin, delito_id, date, year, month, weekday, hour, time_placeholder,"
      "  colonia_raw, colonia_id, cuadrante_id, lat, lon, alcaldia)"
      "  SELECT content_key || '#copy', 'ckan', delito_id, date, year, month, weekday, hour, time_placeholder,"
      "  colonia_raw, colonia_id, cuadrante_id, lat, lon, alcaldia FROM incident WHERE origin = 'csv'", &error));
  g_assert_no_error (error);
  g_assert_cmpint (counted (db), ==, before - day + 2 * (in_scope + more));
  assert_check (db);
}

/* An import that fails after it has written a batch of rows (4 096; the file ends inside a
 * quoted field) leaves the summaries and the trigger exactly as they were. */
static void
test_failed_import (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  gint64 in_scope = 0;
  g_autofree char *path = write_csv ("broken.csv", "2024-03-01", 5000, 9,
                                     "IZTAPALAPA,\"El Paraiso,ROBO DE OBJETOS,2024-03-01,10:00:00,2024,1,19.37,-99.03\n",
                                     &in_scope);
  gint64 rows = usga_db_query_int (db, "SELECT count(*) FROM incident", -1);
  UsgaSyncSummary s;

  save_summaries (db);
  g_assert_false (import_csv (db, path, TRUE, NULL, &s, &error));
  g_assert_nonnull (error);
  usga_sync_summary_clear (&s);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM incident", -1), ==, rows);
  g_assert_cmpint (changed_since_saved (db), ==, 0);
  assert_check (db);
}

static void
kill_at_second_report (double fraction, const char *message, gpointer data)
{
  static guint reports;

  /* The first report comes before the transaction; the next after 65 536 rows written. */
  if (++reports == 2)
    raise (SIGKILL);
}

/* kill -9 in the middle of an import, with the trigger lifted and 65 536 rows written: the
 * database opens as it was before. */
static void
test_killed_import (void)
{
  g_autofree char *db_path = NULL;
  gint64 rows, in_scope = 0;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(UsgaDb) db = usga_db_open (g_getenv ("USGA_TEST_KILLED_DB"), USGA_DB_OPEN_DEFAULT, &error);
      UsgaSyncSummary s;

      g_assert_no_error (error);
      import_csv (db, g_getenv ("USGA_TEST_KILLED_CSV"), TRUE, kill_at_second_report, &s, &error);
      g_assert_not_reached ();
    }
  {
    g_autoptr(UsgaDb) db = usga_test_bundled_db (&db_path);
    g_autofree char *csv = write_csv ("big.csv", "2024-03-01", 70000, 10, NULL, &in_scope);

    save_summaries (db);
    rows = usga_db_query_int (db, "SELECT count(*) FROM incident", -1);
    g_setenv ("USGA_TEST_KILLED_DB", db_path, TRUE);
    g_setenv ("USGA_TEST_KILLED_CSV", csv, TRUE);
  }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr_unmatched ("*ERROR*");  /* killed, not failed */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(UsgaDb) db = usga_db_open (db_path, USGA_DB_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    /* The run had begun (its log row is written before the transaction) and never ended. */
    g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM sync_log WHERE kind = 'csv'"
                                            " AND status IN ('running', 'interrupted')", -1), ==, 1);
    g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM sync_log WHERE kind = 'csv'", -1), ==, 1);
    g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM incident", -1), ==, rows);
    g_assert_cmpint (changed_since_saved (db), ==, 0);
    assert_check (db);
  }
}

int
main (int argc, char **argv)
{
  /* The aggregate index's half and the imports run as their own test entries (meson.build),
   * each within its timeout. */
  const char *part = g_getenv ("USGA_TEST_SUMMARY_PART");

  g_test_init (&argc, &argv, NULL);
  if (g_strcmp0 (part, "cube") == 0)
    {
      g_test_add_func ("/summary/cube-random-filters", test_cube_random_filters);
      g_test_add_func ("/summary/cube-goes-stale", test_cube_goes_stale);
    }
  else if (g_strcmp0 (part, "imports") == 0)
    {
      g_test_add_func ("/summary/csv-imports", test_csv_imports);
      g_test_add_func ("/summary/failed-import", test_failed_import);
      g_test_add_func ("/summary/killed-import", test_killed_import);
    }
  else
    {
      g_test_add_func ("/summary/random-filters", test_random_filters);
      g_test_add_func ("/summary/migration-fills", test_migration_fills);
      g_test_add_func ("/summary/writes-keep-them", test_writes_keep_them);
    }
  return g_test_run ();
}

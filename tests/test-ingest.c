/* test-ingest.c — untrusted input on the way in: the JSON depth guard (files and portal
 * answers), the supersede rule for bundled data, and row validation with its rejects file.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "usga-fake-ckan.h"
#include "usga-test-util.h"

/* ------------------------------------------------------------------ JSON depth guard */

static char *
nested (guint depth, const char *inner)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  g_string_append (s, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static void
test_json_check (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at_limit = nested (USGA_JSON_MAX_DEPTH, "1");
  g_autofree char *over = nested (USGA_JSON_MAX_DEPTH + 1, "1");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) brackets_in_strings = g_string_new ("{\"a\": [\"");
  const char *escaped = "[\"\\\"[[[[[[\", \"\\\\\", [1]]";

  /* The limit itself parses; one more level is refused by the pre-scan, naming the limit. */
  root = usga_json_parse (at_limit, strlen (at_limit), &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_clear_pointer (&root, json_node_unref);
  root = usga_json_parse (over, strlen (over), &error);
  g_assert_null (root);
  g_assert_error (error, USGA_JSON_ERROR, USGA_JSON_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "256"));
  g_clear_error (&error);

  /* Brackets inside strings do not nest, and an escaped quote does not end a string. */
  for (guint i = 0; i < 10000; i++)
    g_string_append (brackets_in_strings, "[{");
  g_string_append (brackets_in_strings, "\"]}");
  root = usga_json_parse (brackets_in_strings->str, brackets_in_strings->len, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_clear_pointer (&root, json_node_unref);
  g_assert_true (usga_json_check (escaped, strlen (escaped), 2, 1000, &error));
  g_assert_no_error (error);
  root = usga_json_parse (escaped, strlen (escaped), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 3);
  g_clear_pointer (&root, json_node_unref);
  /* ... and with only one level allowed the same text is refused, on line 1. */
  g_assert_false (usga_json_check (escaped, strlen (escaped), 1, 1000, &error));
  g_assert_error (error, USGA_JSON_ERROR, USGA_JSON_ERROR_TOO_DEEP);
  g_clear_error (&error);

  /* Size bound. */
  g_assert_false (usga_json_check ("[1]", 3, 10, 2, &error));
  g_assert_error (error, USGA_JSON_ERROR, USGA_JSON_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* Empty input is an error, not a NULL root. */
  g_assert_null (usga_json_parse ("", 0, &error));
  g_assert_nonnull (error);
}

static char *
write_deep_file (const char *name, guint depth)
{
  g_autofree char *dir = usga_test_tmpdir ();
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *inner = nested (depth, "");
  g_autofree char *text = g_strdup_printf ("{\"type\": \"FeatureCollection\", \"features\": %s}", inner);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  return path;
}

static void
test_json_deep_files (void)
{
  g_autofree char *path = write_deep_file ("deep.geojson", 200000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) features = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(UsgaDb) db = NULL;
  g_autofree char *db_path = usga_test_db_path ();

  /* The loader behind the tracker import and the bundled files. */
  root = usga_json_load_file (path, &error);
  g_assert_null (root);
  g_assert_error (error, USGA_JSON_ERROR, USGA_JSON_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "deep.geojson"));
  g_clear_error (&error);

  /* Corridors and UTOPIAS. */
  features = usga_geo_features_read (path, &error);
  g_assert_null (features);
  g_assert_error (error, USGA_GEO_IMPORT_ERROR, USGA_GEO_IMPORT_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "levels"));
  g_clear_error (&error);

  /* The tracker's JSON import. */
  db = usga_db_open (db_path, USGA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_null (usga_tracker_import_json (db, path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "levels"));
}

/* A hostile portal: every action answers with 200 000 nested brackets, except resource_show
 * which, with @gone, says the resource is gone (so package_show is asked next). */
typedef struct {
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *url;
  gboolean      gone;
  GMutex        lock;
  GCond         ready;
  char         *deep;
  guint         package_requests;
} HostilePortal;

static void
hostile_handle (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  HostilePortal *p = data;

  if (p->gone && g_str_has_suffix (path, "/resource_show"))
    {
      static const char gone[] =
        "{\"success\": false, \"error\": {\"__type\": \"Not Found Error\", \"message\": \"Not found\"}}";
      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, gone, strlen (gone));
      return;
    }
  if (g_str_has_suffix (path, "/package_show"))
    p->package_requests++;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, p->deep, strlen (p->deep));
}

static gpointer
hostile_thread (gpointer data)
{
  HostilePortal *p = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (p->context);
  p->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (p->server, "/api/3/action", hostile_handle, p, NULL);
  g_assert_true (soup_server_listen_local (p->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (p->server);
  g_mutex_lock (&p->lock);
  p->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_signal (&p->ready);
  g_mutex_unlock (&p->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (p->loop);
  g_clear_object (&p->server);
  g_main_context_pop_thread_default (p->context);
  return NULL;
}

static gboolean
quit_loop (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
sync_against_hostile (gboolean gone)
{
  HostilePortal p = { 0 };
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  UsgaSyncOptions o = { 0 };
  UsgaSyncSummary s;
  gint64 before = usga_db_query_int (db, "SELECT count(*) FROM incident", -1);

  p.gone = gone;
  {
    g_autofree char *inner = nested (200000, "");
    p.deep = g_strdup_printf ("{\"success\": true, \"result\": %s}", inner);
  }
  p.context = g_main_context_new ();
  p.loop = g_main_loop_new (p.context, FALSE);
  g_mutex_init (&p.lock);
  g_cond_init (&p.ready);
  g_mutex_lock (&p.lock);
  p.thread = g_thread_new ("hostile-portal", hostile_thread, &p);
  while (p.url == NULL)
    g_cond_wait (&p.ready, &p.lock);
  g_mutex_unlock (&p.lock);

  usga_test_sync_options (&o, p.url, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.package_id = gone ? "victimas-en-carpetas-de-investigacion-fgj" : NULL;
  o.attempts = 2;
  o.retry_delay_ms = 1;
  g_assert_false (usga_test_sync (db, &o, NULL, &s, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "levels"));
  if (gone)
    g_assert_cmpuint (p.package_requests, ==, 1);  /* refused, not retried */
  usga_sync_summary_clear (&s);
  g_assert_cmpint (usga_db_query_int (db, "SELECT count(*) FROM incident", -1), ==, before);

  g_main_context_invoke (p.context, quit_loop, p.loop);
  g_thread_join (p.thread);
  g_main_loop_unref (p.loop);
  g_main_context_unref (p.context);
  g_mutex_clear (&p.lock);
  g_cond_clear (&p.ready);
  g_free (p.url);
  g_free (p.deep);
}

static void
test_json_deep_resource_show (void)
{
  sync_against_hostile (FALSE);
}

static void
test_json_deep_package_show (void)
{
  sync_against_hostile (TRUE);
}

/* ------------------------------------------------------------------ supersede rule */

#define G3_HEADER "alcaldia_hecho,colonia,delito,fecha_hecho,hora_hecho,anio_hecho,trimestre,latitud,longitud\n"


/* The bundled points file's lines whose fecha_hecho starts with @prefix ("2024-03", "2024-03-01"),
 * read straight from the raw file: the one date column is the only field that looks like a date.
 * With @first, the first such line is returned there. */
static gint64
raw_bundled_lines (const char *prefix, char **first)
{
  g_autofree char *path = usga_data_path ("bundled/carpetas_iztapalapa_puntos_2024.csv.gz");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) raw = g_file_read (file, NULL, NULL);
  g_autoptr(GZlibDecompressor) gz = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) plain = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (gz));
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (plain);
  g_autofree char *needle = g_strdup_printf (",%s", prefix);
  char *line;
  gint64 n = 0;

  g_assert_nonnull (raw);
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      if (strstr (line, needle))
        {
          if (n++ == 0 && first)
            *first = g_strdup (line);
        }
      g_free (line);
    }
  return n;
}

static gboolean
import_file (UsgaDb *db, const char *path, gboolean complete, UsgaSyncSummary *s, GError **error)
{
  UsgaImportOptions o = { .kind = USGA_TABLE_CARPETAS, .complete = complete };

  usga_sync_summary_init (s);
  return usga_import_csv_with_options (db, path, &o, NULL, NULL, NULL, s, error);
}

/* Issue: a 1-row CSV dated 2024-03-01 reported "1 added" while the month's bundled rows
 * disappeared and the dataset was relabelled with the file's name. */
static void
test_partial_adds_only (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = usga_test_write_file ("one.csv", G3_HEADER
      "IZTAPALAPA,El Paraiso,ROBO DE OBJETOS,2024-03-01,10:00:00,2024,1,19.3763,-99.0316\n");
  g_autofree char *vintage = usga_test_query_text (db, "SELECT vintage FROM dataset WHERE id = 'carpetas'");
  g_autofree char *vintage_after = NULL, *logged = NULL;
  gint64 march = raw_bundled_lines ("2024-03", NULL);
  UsgaSyncSummary s;

  g_assert_cmpint (march, ==, 2518);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'bundled' AND date LIKE '2024-03%'"), ==, march);
  g_assert_true (import_file (db, path, FALSE, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.added, ==, 1);
  g_assert_cmpint (s.replaced, ==, 0);
  g_assert_null (s.covered_first);
  usga_sync_summary_clear (&s);

  /* Nothing bundled went; the month has one carpeta more; nothing new is called complete. */
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'bundled' AND date LIKE '2024-03%'"), ==, march);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE date LIKE '2024-03%'"), ==, march + 1);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM point_coverage"), ==, 1);
  /* The vintage keeps describing the bundled data; the import is in the log. */
  vintage_after = usga_test_query_text (db, "SELECT vintage FROM dataset WHERE id = 'carpetas'");
  g_assert_cmpstr (vintage_after, ==, vintage);
  {
    g_autofree char *origin = usga_test_query_text (db, "SELECT origin FROM dataset WHERE id = 'carpetas'");
    g_assert_cmpstr (origin, ==, "bundled");
  }
  logged = usga_test_query_text (db, "SELECT resource || ' ' || status || ' ' || rows_added FROM sync_log WHERE kind = 'csv'");
  g_assert_cmpstr (logged, ==, "one.csv ok 1");
}

/* The bundled points are FGJ's own carpetas: the same row from a file is found, not added. */
static void
test_partial_finds_bundled (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *text = NULL, *path = NULL;
  gint64 total = usga_test_count (db, "SELECT count(*) FROM incident");
  UsgaSyncSummary s;

  g_assert_cmpint (raw_bundled_lines ("2024-03-01", &first), >, 0);
  text = g_strconcat (G3_HEADER, first, "\n", NULL);
  path = usga_test_write_file ("again.csv", text);
  g_assert_true (import_file (db, path, FALSE, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.added, ==, 0);
  g_assert_cmpint (s.skipped, ==, 1);
  g_assert_cmpint (s.bundled_present, ==, 1);
  usga_sync_summary_clear (&s);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident"), ==, total);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM bundled_match"), ==, 0);  /* forgotten with the run */
}

/* Every bundled line of @day from the raw file but the first @skip, after the header. */
static GString *
raw_day_file (const char *day, guint skip, guint *n)
{
  g_autofree char *path = usga_data_path ("bundled/carpetas_iztapalapa_puntos_2024.csv.gz");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) raw = g_file_read (file, NULL, NULL);
  g_autoptr(GZlibDecompressor) gz = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) plain = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (gz));
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (plain);
  g_autofree char *needle = g_strdup_printf (",%s", day);  /* "2024-03-01" or "2024-03-01 12:00:00" */
  GString *text = g_string_new (G3_HEADER);
  guint seen = 0;
  char *line;

  *n = 0;
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      if (strstr (line, needle) && seen++ >= skip)
        {
          g_string_append_printf (text, "%s\n", line);
          (*n)++;
        }
      g_free (line);
    }
  return text;
}

/* A file declared complete replaces the bundled carpetas of its days, and only those; the ones
 * it has again stay (as its rows), the others are counted as removed. */
static void
test_complete_replaces_its_days (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  gint64 day = raw_bundled_lines ("2024-03-01", NULL);
  gint64 next_day = raw_bundled_lines ("2024-03-02", NULL);
  g_autofree char *months = NULL, *path = NULL;
  guint in_file = 0;
  g_autoptr(GString) text = raw_day_file ("2024-03-01", 10, &in_file);
  UsgaSyncSummary s;

  g_assert_cmpint (day, ==, 118);
  g_assert_cmpuint (in_file, ==, day - 10);
  g_string_append (text, "IZTAPALAPA,El Paraiso,ROBO DE OBJETOS,2024-03-01,10:00:00,2024,1,19.3763,-99.0316\n");
  path = usga_test_write_file ("march-1.csv", text->str);
  g_assert_true (import_file (db, path, TRUE, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.added, ==, 1);
  g_assert_cmpint (s.bundled_present, ==, in_file);
  g_assert_cmpint (s.replaced, ==, day);
  g_assert_cmpint (s.replaced_removed, ==, 10);
  g_assert_false (s.coverage_trimmed);
  months = g_strdup_printf ("2024-03 (%" G_GINT64_FORMAT ")", day);
  g_assert_cmpstr (s.replaced_months, ==, months);
  g_assert_cmpstr (s.covered_first, ==, "2024-03-01");
  g_assert_cmpstr (s.covered_last, ==, "2024-03-01");
  usga_sync_summary_clear (&s);

  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE date = '2024-03-01'"), ==, in_file + 1);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE date = '2024-03-01' AND origin = 'csv'"), ==, in_file + 1);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE date = '2024-03-02' AND origin = 'bundled'"), ==, next_day);
  g_assert_true (usga_coverage_covers (db, USGA_COVERAGE_CARPETAS, "2024-03-01", "2024-03-01"));
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM point_coverage WHERE origin = 'csv'"
                              " AND note LIKE 'march-1.csv%'"), ==, 1);
}

/* "Complete" is checked against the published quarterly counts: two rows are no complete
 * record of a day with 118 carpetas, and a thin tail of late reports of December 2023 does not
 * make December complete. */
static void
test_complete_checked_against_published (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *few = usga_test_write_file ("few.csv", G3_HEADER
      "IZTAPALAPA,El Paraiso,ROBO DE OBJETOS,2024-03-01,10:00:00,2024,1,19.3763,-99.0316\n"
      "IZTAPALAPA,El Paraiso,FRAUDE,2024-03-01,11:00:00,2024,1,19.3763,-99.0316\n");
  g_autofree char *tail = NULL;
  guint in_file = 0;
  g_autoptr(GString) text = raw_day_file ("2024-03-01", 0, &in_file);
  gint64 bundled = usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'bundled'");
  UsgaSyncSummary s;

  g_assert_true (import_file (db, few, TRUE, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.added, ==, 2);
  g_assert_true (s.coverage_trimmed);
  g_assert_null (s.covered_first);
  g_assert_cmpint (s.replaced, ==, 0);
  usga_sync_summary_clear (&s);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'bundled'"), ==, bundled);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM point_coverage"), ==, 1);

  g_string_append (text, "IZTAPALAPA,El Paraiso,ROBO DE OBJETOS,2023-12-20,10:00:00,2023,4,19.3763,-99.0316\n");
  tail = usga_test_write_file ("tail.csv", text->str);
  g_assert_true (import_file (db, tail, TRUE, &s, &error));
  g_assert_no_error (error);
  g_assert_true (s.coverage_trimmed);
  g_assert_cmpstr (s.covered_first, ==, "2024-03-01");
  g_assert_cmpstr (s.covered_last, ==, "2024-03-01");
  g_assert_cmpint (s.replaced, ==, in_file);
  usga_sync_summary_clear (&s);
  g_assert_false (usga_coverage_covers (db, USGA_COVERAGE_CARPETAS, "2023-12-20", "2023-12-20"));
}

/* Issue: one 2023-Q1 carpeta imported made the quarter count 1. An import records no coverage,
 * so the published quarter stays the answer; its counts are untouched. */
static void
test_partial_in_quarterly_history (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = usga_test_write_file ("q1.csv", G3_HEADER
      "IZTAPALAPA,El Paraiso,ROBO DE OBJETOS,2023-02-10,10:00:00,2023,1,19.3763,-99.0316\n");
  gint64 q1 = usga_test_count (db, "SELECT sum (count) FROM incident_quarterly WHERE year = 2023 AND quarter = 1");
  UsgaSyncSummary s;

  g_assert_cmpint (q1, >, 8000);
  g_assert_true (import_file (db, path, FALSE, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.added, ==, 1);
  usga_sync_summary_clear (&s);
  g_assert_false (usga_coverage_covers (db, USGA_COVERAGE_CARPETAS, "2023-02-10", "2023-02-10"));
  g_assert_cmpint (usga_test_count (db, "SELECT sum (count) FROM incident_quarterly WHERE year = 2023 AND quarter = 1"), ==, q1);
}

/* A sync that stops part-way replaces nothing; resumed to the end it replaces the bundled
 * carpetas of its days, keeping the ones it had again. */
static void
test_sync_replaces_only_when_complete (void)
{
  g_autoptr(UsgaFakeCkan) fake = usga_fake_ckan_new ();
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *bundled_csv = usga_data_path ("bundled/carpetas_iztapalapa_puntos_2024.csv.gz");
  static const char *const numeric[] = { "latitud", "longitud", "anio_hecho", NULL };
  gint64 bundled = raw_bundled_lines ("2024-", NULL);
  UsgaSyncOptions o = { 0 };
  UsgaSyncSummary s;

  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'bundled'"), ==, bundled);
  g_assert_true (usga_fake_ckan_add_csv (fake, USGA_TEST_RID, "carpetasFGJ_2024.csv", "2025-01-15", bundled_csv, numeric, &error));
  usga_test_sync_options (&o, usga_fake_ckan_url (fake), USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.attempts = 2;
  o.retry_delay_ms = 1;
  o.no_sql = TRUE;
  o.page_size = 5000;
  usga_fake_ckan_fail (fake, USGA_FAKE_HTTP_403, 10000, 1);

  g_assert_false (usga_test_sync (db, &o, NULL, &s, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (s.replaced, ==, 0);
  usga_sync_summary_clear (&s);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'bundled'"), ==, bundled);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM point_coverage"), ==, 1);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM bundled_match"), ==, 10000);  /* kept for the resume */

  g_assert_true (usga_test_sync (db, &o, NULL, &s, &error));
  g_assert_no_error (error);
  g_assert_true (s.resumed);
  g_assert_cmpint (s.replaced, ==, bundled);
  g_assert_cmpint (s.replaced_removed, ==, 0);
  usga_sync_summary_clear (&s);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'bundled'"), ==, 0);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE year = 2024"), ==, bundled);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM point_coverage WHERE origin = 'ckan'"), ==, 1);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM bundled_match"), ==, 0);
}

/* ------------------------------------------------------------------ validation */

static const char *
normalize_date_verdict (UsgaNormalizer *n, const char *date)
{
  const char *raw[USGA_N_COLS] = { NULL };
  UsgaCleanRow row;
  const char *reason = NULL;

  raw[USGA_COL_DATE] = date;
  raw[USGA_COL_DELITO] = "ROBO DE OBJETOS";
  return usga_normalizer_clean (n, raw, &row, &reason) ? "ok" : reason;
}

static void
test_date_range (void)
{
  g_autoptr(UsgaNormalizer) n = usga_normalizer_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) after = g_date_time_add_days (now, 2);
  g_autofree char *t1 = g_date_time_format (tomorrow, "%Y-%m-%d");
  g_autofree char *t2 = g_date_time_format (after, "%Y-%m-%d");

  g_assert_cmpstr (normalize_date_verdict (n, "1900-01-01"), ==, "date out of range");
  g_assert_cmpstr (normalize_date_verdict (n, "1999-12-31"), ==, "date out of range");
  g_assert_cmpstr (normalize_date_verdict (n, "2000-01-01"), ==, "ok");
  g_assert_cmpstr (normalize_date_verdict (n, t1), ==, "ok");
  g_assert_cmpstr (normalize_date_verdict (n, t2), ==, "date out of range");
  g_assert_cmpstr (normalize_date_verdict (n, "2099-01-01"), ==, "date out of range");
  g_assert_cmpstr (normalize_date_verdict (n, "31/12/1999"), ==, "date out of range");
}

static void
test_csv_nul (void)
{
  static const char text[] = "a,b\nx\0y,\"q\0z\"\nplain,row\n";
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (text, sizeof text - 1, NULL);
  g_autoptr(UsgaCsvReader) reader = usga_csv_reader_new (stream, ',');
  g_autoptr(GError) error = NULL;
  const GPtrArray *fields;

  fields = usga_csv_reader_next (reader, &error);
  g_assert_cmpint (usga_csv_reader_nul_field (reader), ==, -1);
  fields = usga_csv_reader_next (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fields->len, ==, 2);
  /* Not cut short at the NUL: the byte is left out and the record flagged at its first field. */
  g_assert_cmpstr (fields->pdata[0], ==, "xy");
  g_assert_cmpstr (fields->pdata[1], ==, "qz");
  g_assert_cmpint (usga_csv_reader_nul_field (reader), ==, 0);
  fields = usga_csv_reader_next (reader, &error);
  g_assert_cmpstr (fields->pdata[1], ==, "row");
  g_assert_cmpint (usga_csv_reader_nul_field (reader), ==, -1);
}

static gint64
reason_count (GHashTable *reasons, const char *reason)
{
  return GPOINTER_TO_SIZE (g_hash_table_lookup (reasons, reason));
}

/* Issue: 1900 and 2099 accepted, NaN/inf/garbage coordinates dropped silently, a NUL byte
 * truncating a field, a 5 MB field stored whole. Each is now counted by reason and listed,
 * with its line, in the rejects file. */
static void
test_rejects_by_reason (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = usga_test_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *rejects = g_build_filename (dir, "rejects.csv", NULL);
  g_autofree char *written = NULL;
  g_autofree char *huge = g_strnfill (5 * 1024 * 1024, 'X');
  g_autoptr(GString) text = g_string_new (G3_HEADER);
  UsgaImportOptions o = { .kind = USGA_TABLE_CARPETAS, .rejects_path = rejects };
  gint64 before = usga_test_count (db, "SELECT count(*) FROM incident");
  UsgaSyncSummary s;
  static const char nul_line[] = "IZTAPALAPA,A,ROBO DE\0 OBJETOS,2024-05-05,10:00:00,2024,1,19.3763,-99.0316\n";
  static const char *const expected =
    "line,action,reason,value\n"
    "2,rejected,date out of range,1900-01-01\n"
    "3,rejected,date out of range,2099-01-01\n"
    "4,repaired,no coordinates,\"NaN,-99.0316\"\n"
    "5,repaired,coordinates unreadable,\"inf,-99.0316\"\n"
    "6,repaired,coordinates outside Mexico City,\"25.0,-99.0316\"\n"
    "7,repaired,coordinates unreadable,\"abc,xyz\"\n"
    "8,rejected,NUL byte in a field,ROBO DE OBJETOS\n";

  g_string_append (text, "IZTAPALAPA,A,ROBO DE OBJETOS,1900-01-01,10:00:00,2024,1,19.3763,-99.0316\n");
  g_string_append (text, "IZTAPALAPA,A,ROBO DE OBJETOS,2099-01-01,10:00:00,2024,1,19.3763,-99.0316\n");
  g_string_append (text, "IZTAPALAPA,A,ROBO DE OBJETOS,2024-05-01,10:00:00,2024,1,NaN,-99.0316\n");
  g_string_append (text, "IZTAPALAPA,A,ROBO DE OBJETOS,2024-05-02,10:00:00,2024,1,inf,-99.0316\n");
  g_string_append (text, "IZTAPALAPA,A,ROBO DE OBJETOS,2024-05-03,10:00:00,2024,1,25.0,-99.0316\n");
  g_string_append (text, "IZTAPALAPA,A,ROBO DE OBJETOS,2024-05-04,10:00:00,2024,1,abc,xyz\n");
  g_string_append_len (text, nul_line, sizeof nul_line - 1);
  g_string_append_printf (text, "IZTAPALAPA,A,%s,2024-05-06,10:00:00,2024,1,19.3763,-99.0316\n", huge);
  g_string_append (text, "IZTAPALAPA,A,ROBO DE OBJETOS,2024-05-07,10:00:00,2024,1,19.3763,-99.0316\n");
  g_assert_true (g_file_set_contents (csv, text->str, text->len, NULL));

  usga_sync_summary_init (&s);
  g_assert_true (usga_import_csv_with_options (db, csv, &o, NULL, NULL, NULL, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.total, ==, 9);
  g_assert_cmpint (s.added, ==, 5);
  g_assert_cmpint (s.rejected, ==, 4);
  g_assert_cmpint (reason_count (s.reasons, "date out of range"), ==, 2);
  g_assert_cmpint (reason_count (s.reasons, "NUL byte in a field"), ==, 1);
  g_assert_cmpint (reason_count (s.reasons, "field longer than 4 KiB"), ==, 1);
  g_assert_cmpint (s.repaired, ==, 4);
  g_assert_cmpint (reason_count (s.repairs, "coordinates unreadable"), ==, 2);
  g_assert_cmpint (reason_count (s.repairs, "coordinates outside Mexico City"), ==, 1);
  g_assert_cmpint (reason_count (s.repairs, "no coordinates"), ==, 1);
  usga_sync_summary_clear (&s);

  /* Only the five rows kept; the four repaired ones without coordinates; nothing 5 MB long. */
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident"), ==, before + 5);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'csv' AND lat IS NULL"), ==, 4);
  g_assert_cmpint (usga_test_count (db, "SELECT max (length (name)) FROM delito"), <, 200);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE date < '2000-01-01' OR date > '2090-01-01'"), ==, 0);

  g_assert_true (g_file_get_contents (rejects, &written, NULL, NULL));
  g_assert_true (g_str_has_prefix (written, expected));
  /* The 5 MB field's row is listed with a shortened value. */
  g_assert_nonnull (strstr (written, "\n9,rejected,field longer than 4 KiB,XXXX"));
  g_assert_cmpuint (strlen (written), <, 2000);
}

/* A failed import leaves no rejects file behind: it would describe rows that were not kept. */
static void
test_rejects_file_of_failed_import (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = usga_test_tmpdir ();
  g_autofree char *rejects = g_build_filename (dir, "rejects.csv", NULL);
  g_autofree char *path = usga_test_write_file ("open-quote.csv", G3_HEADER
      "IZTAPALAPA,A,ROBO DE OBJETOS,1900-01-01,10:00:00,2024,1,19.3763,-99.0316\n"
      "IZTAPALAPA,\"A,ROBO DE OBJETOS,2024-05-07,10:00:00,2024,1,19.3763,-99.0316\n");
  UsgaImportOptions o = { .kind = USGA_TABLE_CARPETAS, .rejects_path = rejects };
  UsgaSyncSummary s;

  usga_sync_summary_init (&s);
  g_assert_false (usga_import_csv_with_options (db, path, &o, NULL, NULL, NULL, &s, &error));
  g_assert_nonnull (error);
  usga_sync_summary_clear (&s);
  g_assert_false (g_file_test (rejects, G_FILE_TEST_EXISTS));
}

/* Issue: `--kind victimas` accepted a carpetas file. */
static void
test_kind_from_header (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *carpetas = usga_test_write_file ("carpetas.csv", G3_HEADER
      "IZTAPALAPA,A,ROBO DE OBJETOS,2024-05-07,10:00:00,2024,1,19.3763,-99.0316\n");
  g_autofree char *victims = usga_test_write_file ("victimas.csv",
      "FechaHecho,HoraHecho,Delito,Sexo,Edad,TipoPersona,CalidadJuridica,AlcaldiaHechos,ColoniaHechos,latitud,longitud\n"
      "2024-05-07,10:00,ROBO DE OBJETOS,Femenino,30,FISICA,VICTIMA,IZTAPALAPA,A,19.3763,-99.0316\n");
  gint64 before = usga_test_count (db, "SELECT count(*) FROM incident") + usga_test_count (db, "SELECT count(*) FROM victim");
  UsgaSyncSummary s;

  usga_sync_summary_init (&s);
  g_assert_false (usga_import_csv (db, carpetas, USGA_TABLE_VICTIMAS, FALSE, NULL, NULL, NULL, &s, &error));
  g_assert_nonnull (strstr (error->message, "not a victims file"));
  g_assert_nonnull (strstr (error->message, "carpetas.csv"));
  g_clear_error (&error);
  usga_sync_summary_clear (&s);

  usga_sync_summary_init (&s);
  g_assert_false (usga_import_csv (db, victims, USGA_TABLE_CARPETAS, FALSE, NULL, NULL, NULL, &s, &error));
  g_assert_nonnull (strstr (error->message, "victims file, not carpetas"));
  g_clear_error (&error);
  usga_sync_summary_clear (&s);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident") + usga_test_count (db, "SELECT count(*) FROM victim"), ==, before);

  /* Each as its own kind goes in. */
  usga_sync_summary_init (&s);
  g_assert_true (usga_import_csv (db, victims, USGA_TABLE_VICTIMAS, FALSE, NULL, NULL, NULL, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.added, ==, 1);
  usga_sync_summary_clear (&s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json/check", test_json_check);
  g_test_add_func ("/json/deep-files", test_json_deep_files);
  g_test_add_func ("/json/deep-resource-show", test_json_deep_resource_show);
  g_test_add_func ("/json/deep-package-show", test_json_deep_package_show);
  g_test_add_func ("/supersede/partial-adds-only", test_partial_adds_only);
  g_test_add_func ("/supersede/partial-finds-bundled", test_partial_finds_bundled);
  g_test_add_func ("/supersede/complete-replaces-its-days", test_complete_replaces_its_days);
  g_test_add_func ("/supersede/complete-checked-against-published", test_complete_checked_against_published);
  g_test_add_func ("/supersede/partial-in-quarterly-history", test_partial_in_quarterly_history);
  g_test_add_func ("/supersede/sync-only-when-complete", test_sync_replaces_only_when_complete);
  g_test_add_func ("/validate/date-range", test_date_range);
  g_test_add_func ("/validate/csv-nul", test_csv_nul);
  g_test_add_func ("/validate/rejects-by-reason", test_rejects_by_reason);
  g_test_add_func ("/validate/rejects-file-of-failed-import", test_rejects_file_of_failed_import);
  g_test_add_func ("/validate/kind-from-header", test_kind_from_header);
  return g_test_run ();
}

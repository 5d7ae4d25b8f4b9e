/* test-tracker.c — the recommendations tracker: counts, search, workflow, history, merge.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "usga-core.h"
#include "usga-migrations.h"
#include "usga-test-util.h"

static gint64
count_where (UsgaDb *db, const char *sql)
{
  return usga_db_query_int (db, sql, -1);
}

/* The Conclusions: 109 recommendations, SDG 3 = 9, SDG 5 = 31, SDG 11 = 27, SDG 16 = 42. */
static void
test_counts (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) recs = usga_tracker_list (db, NULL, &error);
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *path = usga_data_path ("recommendations.json");
  g_autoptr(JsonNode) root = usga_json_load_file (path, &error);
  JsonObject *split;
  const int sdgs[] = { 3, 5, 11, 16 }, expected[] = { 9, 31, 27, 42 };

  g_assert_no_error (error);
  g_assert_cmpuint (recs->len, ==, 109);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "stated_total"), ==, 109);
  split = json_object_get_object_member (json_node_get_object (root), "stated_sdg_split");
  for (guint i = 0; i < G_N_ELEMENTS (sdgs); i++)
    {
      UsgaTrackerQuery query = { .sdg = sdgs[i] };
      g_autoptr(GPtrArray) some = usga_tracker_list (db, &query, &error);
      g_autofree char *key = g_strdup_printf ("%d", sdgs[i]);

      g_assert_no_error (error);
      g_assert_cmpuint (some->len, ==, expected[i]);
      /* The file's own statement agrees with the report's. */
      if (json_object_has_member (split, key))
        g_assert_cmpint (json_object_get_int_member (split, key), ==, expected[i]);
    }
  /* Population and section 3 items are there but do not count. */
  g_assert_cmpint (count_where (db, "SELECT count(*) FROM recommendation WHERE kind = 'population'"), ==, 99);
  g_assert_cmpint (count_where (db, "SELECT count(*) FROM recommendation WHERE kind = 'section3'"), ==, 10);
  g_assert_cmpint (count_where (db, "SELECT count(*) FROM recommendation WHERE kind = 'mayor' AND"
                                    " (length(summary_en) < 20 OR length(summary_es) < 20)"), ==, 0);

  groups = usga_tracker_progress (db, FALSE, "2025-01-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 5);
  g_assert_cmpuint (((UsgaTrackerGroup *) groups->pdata[0])->total, ==, 109);
  for (guint i = 0; i < G_N_ELEMENTS (sdgs); i++)
    {
      UsgaTrackerGroup *g = groups->pdata[i + 1];
      g_assert_cmpint (atoi (g->key), ==, sdgs[i]);
      g_assert_cmpuint (g->total, ==, expected[i]);
      g_assert_cmpuint (g->counts[USGA_STATUS_NOT_STARTED], ==, expected[i]);
    }
}

static void
test_search (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  const char *const camera_queries[] = { "cámaras", "camaras", "CAMARAS", "cameras", "camera" };

  for (guint i = 0; i < G_N_ELEMENTS (camera_queries); i++)
    {
      g_autoptr(GHashTable) ids = usga_tracker_search (db, camera_queries[i], &error);

      g_assert_no_error (error);
      g_assert_true (g_hash_table_contains (ids, "R035"));
      /* Every match really talks about cameras. */
      {
        GHashTableIter iter;
        gpointer id;

        g_hash_table_iter_init (&iter, ids);
        while (g_hash_table_iter_next (&iter, &id, NULL))
          {
            g_autoptr(UsgaRecommendation) rec = usga_tracker_get (db, id, &error);
            g_autofree char *text = g_strconcat (rec->summary_en, " ", rec->summary_es, NULL);
            g_autofree char *norm = usga_text_normalize (text);
            g_assert_true (strstr (norm, "CAMAR") || strstr (norm, "CAMERA"));
          }
      }
    }
  /* Partners are indexed too; FTS syntax in user input is just words. */
  {
    g_autoptr(GHashTable) ids = usga_tracker_search (db, "C5-CDMX", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (ids), >, 0);
  }
  {
    g_autoptr(GHashTable) ids = usga_tracker_search (db, "\"NEAR( * OR", &error);
    g_autofree char *match = usga_tracker_fts_query ("\"NEAR( * OR");
    g_assert_no_error (error);
    g_assert_nonnull (ids);
    g_assert_cmpstr (match, ==, "\"NEAR\"* \"OR\"*");
    g_assert_null (usga_tracker_fts_query (" *()\" "));
  }
  {
    g_autoptr(GHashTable) ids = usga_tracker_search (db, "zzzqqq", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (ids), ==, 0);
  }
  /* Search combines with filters. */
  {
    UsgaTrackerQuery query = { .text = "violencia familiar", .sdg = 16 };
    g_autoptr(GPtrArray) some = usga_tracker_list (db, &query, &error);
    UsgaTrackerQuery query5 = { .text = "violencia familiar", .sdg = 5 };
    g_autoptr(GPtrArray) five = usga_tracker_list (db, &query5, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (five->len, >, 0);
    for (guint i = 0; i < some->len; i++)
      g_assert_cmpint (((UsgaRecommendation *) some->pdata[i])->sdg, ==, 16);
  }
}

static void
test_workflow (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaRecommendation) rec = NULL;
  UsgaTrackerChange change = USGA_TRACKER_CHANGE_INIT;
  gint64 history_before;

  /* Straight to implemented is refused; nothing is written. */
  change.status = "implemented";
  change.by = "Ana";
  g_assert_cmpint (usga_tracker_apply (db, "R001", &change, &error), ==, -1);
  g_assert_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_where (db, "SELECT count(*) FROM recommendation_history"), ==, 0);

  /* Invalid values. */
  {
    const char *bad_status[] = { "done", "", "IMPLEMENTED" };
    for (guint i = 0; i < G_N_ELEMENTS (bad_status); i++)
      {
        UsgaTrackerChange c = USGA_TRACKER_CHANGE_INIT;
        c.status = bad_status[i];
        g_assert_cmpint (usga_tracker_apply (db, "R001", &c, &error), ==, -1);
        g_assert_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID);
        g_clear_error (&error);
      }
  }
  {
    UsgaTrackerChange c = USGA_TRACKER_CHANGE_INIT;
    c.progress = 101;
    g_assert_cmpint (usga_tracker_apply (db, "R001", &c, &error), ==, -1);
    g_clear_error (&error);
    c.progress = -1;
    c.due_date = "2025-02-30";
    g_assert_cmpint (usga_tracker_apply (db, "R001", &c, &error), ==, -1);
    g_clear_error (&error);
    c.due_date = NULL;
    c.term = "forever";
    g_assert_cmpint (usga_tracker_apply (db, "R001", &c, &error), ==, -1);
    g_clear_error (&error);
    c.term = NULL;
    c.status = "planned";
    c.evidence_url = "javascript:alert(1)";
    g_assert_cmpint (usga_tracker_apply (db, "R001", &c, &error), ==, -1);
    g_clear_error (&error);
  }
  /* Unknown id and items that are not among the 109. */
  change.status = "planned";
  g_assert_cmpint (usga_tracker_apply (db, "R110", &change, &error), ==, -1);
  g_assert_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (usga_tracker_apply (db, "P001", &change, &error), ==, -1);
  g_clear_error (&error);
  g_assert_cmpint (count_where (db, "SELECT count(*) FROM recommendation_history"), ==, 0);
  g_assert_cmpint (count_where (db, "SELECT count(*) FROM recommendation WHERE status != 'not_started'"), ==, 0);

  /* The allowed path, with one entry per field changed. */
  change.note = "Budget line approved";
  change.evidence_url = "https://example.org/acta-12.pdf";
  change.criterion = "Cabinet minutes";
  change.responsible = "Dirección de Seguridad Ciudadana";
  change.due_date = "2024-06-30";
  g_assert_cmpint (usga_tracker_apply (db, "R001", &change, &error), ==, 3);
  g_assert_no_error (error);
  {
    UsgaTrackerChange c = USGA_TRACKER_CHANGE_INIT;
    c.status = "in_progress";
    c.progress = 30;
    c.by = "Ana";
    g_assert_cmpint (usga_tracker_apply (db, "R001", &c, &error), ==, 2);
    /* Same values again: nothing changes, nothing is recorded. */
    g_assert_cmpint (usga_tracker_apply (db, "R001", &c, &error), ==, 0);
    c.status = "implemented";
    c.progress = 50;   /* implemented means 100 % */
    g_assert_cmpint (usga_tracker_apply (db, "R001", &c, &error), ==, -1);
    g_clear_error (&error);
    c.progress = -1;
    g_assert_cmpint (usga_tracker_apply (db, "R001", &c, &error), ==, 2);
    g_assert_no_error (error);
  }
  rec = usga_tracker_get (db, "R001", &error);
  g_assert_cmpstr (rec->status, ==, "implemented");
  g_assert_cmpint (rec->progress, ==, 100);
  g_assert_cmpstr (rec->responsible, ==, "Dirección de Seguridad Ciudadana");
  g_assert_false (usga_recommendation_is_overdue (rec, "2025-01-01"));
  g_clear_pointer (&rec, usga_recommendation_free);

  /* Implemented cannot go back to not started except through in progress. */
  {
    UsgaTrackerChange c = USGA_TRACKER_CHANGE_INIT;
    c.status = "not_started";
    g_assert_cmpint (usga_tracker_apply (db, "R001", &c, &error), ==, -1);
    g_clear_error (&error);
  }

  /* Undo writes a new entry; only the latest change of a field can be undone. */
  history_before = count_where (db, "SELECT count(*) FROM recommendation_history");
  {
    g_autoptr(GPtrArray) history = usga_tracker_history (db, "R001", 0, &error);
    UsgaHistoryEntry *status_entry = NULL, *first_status = NULL;

    for (guint i = 0; i < history->len; i++)
      {
        UsgaHistoryEntry *e = history->pdata[i];
        if (g_str_equal (e->field, "status"))
          {
            if (status_entry == NULL)
              status_entry = e;
            first_status = e;
          }
      }
    g_assert_cmpstr (status_entry->new_value, ==, "implemented");
    g_assert_cmpstr (first_status->note, ==, "Budget line approved");
    g_assert_cmpstr (first_status->evidence_url, ==, "https://example.org/acta-12.pdf");
    g_assert_cmpstr (first_status->criterion, ==, "Cabinet minutes");
    g_assert_cmpstr (first_status->by, ==, "Ana");
    g_assert_false (usga_tracker_undo (db, first_status->uuid, "Ana", &error));
    g_clear_error (&error);
    g_assert_true (usga_tracker_undo (db, status_entry->uuid, "Luis", &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (count_where (db, "SELECT count(*) FROM recommendation_history"), ==, history_before + 1);
  rec = usga_tracker_get (db, "R001", &error);
  g_assert_cmpstr (rec->status, ==, "in_progress");
  /* Due 2024-06-30 and no longer implemented: overdue. */
  g_assert_true (usga_recommendation_is_overdue (rec, "2025-01-01"));
  {
    UsgaTrackerQuery query = { .overdue = TRUE, .today = "2025-01-01" };
    g_autoptr(GPtrArray) overdue = usga_tracker_list (db, &query, &error);
    g_assert_cmpuint (overdue->len, ==, 1);
  }
  {
    g_autoptr(GPtrArray) groups = usga_tracker_progress (db, FALSE, "2025-01-01", &error);
    UsgaTrackerGroup *total = groups->pdata[0];
    g_assert_cmpuint (total->counts[USGA_STATUS_IN_PROGRESS], ==, 1);
    g_assert_cmpuint (total->overdue, ==, 1);
    g_assert_cmpfloat_with_epsilon (usga_tracker_group_addressed_percent (total), 100.0 / 109, 1e-9);
  }
}

static void
test_history_append_only (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  UsgaTrackerChange change = USGA_TRACKER_CHANGE_INIT;

  change.status = "planned";
  change.by = "Ana";
  g_assert_cmpint (usga_tracker_apply (db, "R010", &change, &error), ==, 1);
  g_assert_false (usga_db_exec (db, "UPDATE recommendation_history SET new_value = 'implemented'", &error));
  g_assert_nonnull (strstr (error->message, "append-only"));
  g_clear_error (&error);
  g_assert_false (usga_db_exec (db, "DELETE FROM recommendation_history", &error));
  g_clear_error (&error);
  g_assert_cmpint (count_where (db, "SELECT count(*) FROM recommendation_history WHERE new_value = 'planned'"), ==, 1);
}

static void
write_text (const char *path, const char *text)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (g_file_set_contents (path, text, -1, &error));
}

static char *
export_to_file (UsgaDb *db)
{
  g_autofree char *dir = usga_test_tmpdir ();
  char *path = g_build_filename (dir, "tracker.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (usga_tracker_export_json (db, G_OUTPUT_STREAM (out), &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  return path;
}

static void
test_merge (void)
{
  g_autofree char *path_a = NULL, *path_b = NULL;
  g_autoptr(UsgaDb) a = usga_test_bundled_db (&path_a);
  g_autoptr(UsgaDb) b = usga_test_bundled_db (&path_b);
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaTrackerImportReport) report = NULL;
  g_autoptr(UsgaRecommendation) rec = NULL;
  g_autofree char *export_a = NULL;
  UsgaTrackerChange change = USGA_TRACKER_CHANGE_INIT;

  /* Ana (database a) works on R035 and R050; Luis (database b) also changes R035. */
  change.by = "Ana";
  change.status = "planned";
  change.note = "Cameras for Utopía parks";
  g_assert_cmpint (usga_tracker_apply (a, "R035", &change, &error), ==, 1);
  change.status = "in_progress";
  change.progress = 20;
  change.note = NULL;
  g_assert_cmpint (usga_tracker_apply (a, "R035", &change, &error), ==, 2);
  change.progress = -1;
  change.status = "blocked";
  g_assert_cmpint (usga_tracker_apply (a, "R050", &change, &error), ==, 1);
  g_assert_no_error (error);

  /* A strictly later timestamp for Luis: wait until the clock has moved past Ana's changes. */
  g_assert_true (usga_test_wait_clock_passes (g_get_real_time (), 20000));
  {
    UsgaTrackerChange c = USGA_TRACKER_CHANGE_INIT;
    c.by = "Luis";
    c.status = "not_pursued";
    g_assert_cmpint (usga_tracker_apply (b, "R035", &c, &error), ==, 1);
    c.status = NULL;
    c.term = "short";
    g_assert_cmpint (usga_tracker_apply (b, "R060", &c, &error), ==, 1);
  }

  export_a = export_to_file (a);
  report = usga_tracker_import_json (b, export_a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->entries_added, ==, 4);
  g_assert_cmpuint (report->entries_present, ==, 0);
  g_assert_cmpuint (report->recommendations_updated, ==, 2);
  /* Status of R035 changed on both sides: one conflict, the later change (Luis) wins. */
  g_assert_cmpuint (report->conflicts->len, ==, 1);
  g_assert_nonnull (strstr (report->conflicts->pdata[0], "R035"));
  rec = usga_tracker_get (b, "R035", &error);
  g_assert_cmpstr (rec->status, ==, "not_pursued");
  g_assert_cmpint (rec->progress, ==, 20);   /* only Ana changed progress */
  g_clear_pointer (&rec, usga_recommendation_free);
  rec = usga_tracker_get (b, "R050", &error);
  g_assert_cmpstr (rec->status, ==, "blocked");
  g_clear_pointer (&rec, usga_recommendation_free);
  rec = usga_tracker_get (b, "R060", &error);
  g_assert_cmpstr (rec->term, ==, "short");
  g_clear_pointer (&rec, usga_recommendation_free);
  /* Every entry from both sides is kept. */
  g_assert_cmpint (count_where (b, "SELECT count(*) FROM recommendation_history"), ==, 6);
  g_assert_cmpint (count_where (b, "SELECT count(*) FROM recommendation_history WHERE note = 'Cameras for Utopía parks'"), ==, 1);

  /* Importing again changes nothing. */
  g_clear_pointer (&report, usga_tracker_import_report_free);
  report = usga_tracker_import_json (b, export_a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->entries_added, ==, 0);
  g_assert_cmpuint (report->entries_present, ==, 4);
  g_assert_cmpuint (report->conflicts->len, ==, 0);

  /* And back: a converges to the same state as b. */
  {
    g_autofree char *export_b = export_to_file (b);
    g_autoptr(UsgaTrackerImportReport) back = usga_tracker_import_json (a, export_b, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (back->entries_added, ==, 2);
    rec = usga_tracker_get (a, "R035", &error);
    g_assert_cmpstr (rec->status, ==, "not_pursued");
    g_clear_pointer (&rec, usga_recommendation_free);
  }

  /* A tampered entry (same uuid, other content) is a conflict; the local copy stays. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(JsonGenerator) gen = json_generator_new ();
    JsonObject *entry;
    g_autofree char *tampered = g_strconcat (export_a, ".tampered.json", NULL);

    g_assert_true (json_parser_load_from_file (parser, export_a, &error));
    for (guint i = 0;; i++)
      {
        JsonObject *r = json_array_get_object_element (json_object_get_array_member (
            json_node_get_object (json_parser_get_root (parser)), "recommendations"), i);
        if (g_str_equal (json_object_get_string_member (r, "id"), "R050"))
          {
            entry = json_array_get_object_element (json_object_get_array_member (r, "history"), 0);
            break;
          }
      }
    json_object_set_string_member (entry, "by", "Mallory");
    json_generator_set_root (gen, json_parser_get_root (parser));
    g_assert_true (json_generator_to_file (gen, tampered, &error));
    g_clear_pointer (&report, usga_tracker_import_report_free);
    report = usga_tracker_import_json (b, tampered, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (report->conflicts->len, ==, 1);
    g_assert_cmpint (count_where (b, "SELECT count(*) FROM recommendation_history WHERE by = 'Mallory'"), ==, 0);
  }
}

static void
test_import_malformed_untouched (void)
{
  g_autofree char *path = NULL;
  g_autoptr(UsgaDb) db = usga_test_bundled_db (&path);
  g_autofree char *dir = usga_test_tmpdir ();
  g_autoptr(GError) error = NULL;
  const char *const bad[] = {
    "{",
    "[]",
    "{\"format\": \"something-else\", \"recommendations\": []}",
    "{\"format\": \"usga-recommendations-tracker\"}",
    "{\"format\": \"usga-recommendations-tracker\", \"recommendations\": [{\"id\": \"R999\", \"history\": []}]}",
    /* One good entry followed by a bad one: neither is written. */
    "{\"format\": \"usga-recommendations-tracker\", \"recommendations\": [{\"id\": \"R002\", \"history\": ["
    "  {\"uuid\": \"0b288fff-7e6c-4965-942d-875eee356e35\", \"at\": \"2024-05-01T10:00:00Z\", \"by\": \"Ana\","
    "   \"field\": \"status\", \"old\": \"not_started\", \"new\": \"planned\"},"
    "  {\"uuid\": \"1b288fff-7e6c-4965-942d-875eee356e35\", \"at\": \"2024-05-02T10:00:00Z\", \"by\": \"Ana\","
    "   \"field\": \"status\", \"old\": \"planned\", \"new\": \"finished\"}]}]}",
    "{\"format\": \"usga-recommendations-tracker\", \"recommendations\": [{\"id\": \"R002\", \"history\": ["
    "  {\"uuid\": \"not-a-uuid\", \"at\": \"2024-05-01T10:00:00Z\", \"field\": \"status\", \"new\": \"planned\"}]}]}",
    "{\"format\": \"usga-recommendations-tracker\", \"recommendations\": [{\"id\": \"R002\", \"history\": ["
    "  {\"uuid\": \"0b288fff-7e6c-4965-942d-875eee356e35\", \"at\": \"yesterday\", \"field\": \"status\", \"new\": \"planned\"}]}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s/bad-%u.json", dir, i);
      g_autoptr(UsgaTrackerImportReport) report = NULL;

      write_text (file, bad[i]);
      report = usga_tracker_import_json (db, file, &error);
      g_assert_null (report);
      g_assert_nonnull (error);
      /* The message names the file. */
      g_assert_nonnull (strstr (error->message, "bad-"));
      g_clear_error (&error);
    }
  g_assert_cmpint (count_where (db, "SELECT count(*) FROM recommendation_history"), ==, 0);
  g_assert_cmpint (count_where (db, "SELECT count(*) FROM recommendation WHERE status != 'not_started'"), ==, 0);
}

static void
test_related (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) related = usga_tracker_related (db, "R035", 5, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (related->len, >, 0);
  g_assert_cmpuint (related->len, <=, 5);
  for (guint i = 0; i < related->len; i++)
    {
      UsgaRelated *r = related->pdata[i];
      g_assert_cmpstr (r->id, !=, "R035");
      if (i > 0)
        g_assert_cmpfloat (r->score, <=, ((UsgaRelated *) related->pdata[i - 1])->score);
    }
  /* The same action recurs across themes: R005, R077 and R082 are one programme in three tables. */
  {
    g_autoptr(GPtrArray) same = usga_tracker_related (db, "R005", 5, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (same->len, >=, 2);
    g_assert_cmpstr (((UsgaRelated *) same->pdata[0])->id, ==, "R077");
    g_assert_cmpstr (((UsgaRelated *) same->pdata[1])->id, ==, "R082");
  }
  g_assert_null (usga_tracker_related (db, "R999", 5, &error));
  g_clear_error (&error);
}

static void
test_fts_migration_rebuilds (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *old_path = usga_test_db_path ();
  sqlite3 *raw = NULL;

  /* A database written before the index existed (schema 1, recommendations loaded) gets indexed. */
  g_assert_cmpint (sqlite3_open (old_path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, usga_migration_sql (1), NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA user_version = 1;"
                                      "INSERT INTO recommendation (id, summary_en, summary_es, partners)"
                                      " VALUES ('R001', 'Install cameras', 'Instalar cámaras', 'C5')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  {
    g_autoptr(UsgaDb) old = usga_db_open (old_path, USGA_DB_OPEN_DEFAULT, &error);
    g_autoptr(GHashTable) ids = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (usga_db_schema_version (old), ==, usga_db_latest_version ());
    ids = usga_tracker_search (old, "camaras", &error);
    g_assert_no_error (error);
    g_assert_true (g_hash_table_contains (ids, "R001"));
  }

  g_assert_cmpint (count_where (db, "SELECT count(*) FROM recommendation_fts WHERE recommendation_fts MATCH 'camaras'"), >, 0);
  g_assert_true (usga_db_exec (db, "INSERT INTO recommendation_fts (recommendation_fts) VALUES ('integrity-check')", &error));
  g_assert_no_error (error);
}

/* A change carries the state it was read on; the local backend refuses it when that no
 * longer holds, naming who changed it, and writes nothing. */
static void
test_stale_base (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaRecommendation) read = usga_tracker_get (db, "R012", &error);
  g_autoptr(UsgaRecommendation) after = NULL;
  g_autofree char *base = g_strdup (read->last_uuid ? read->last_uuid : "");
  UsgaTrackerChange mine = USGA_TRACKER_CHANGE_INIT, theirs = USGA_TRACKER_CHANGE_INIT;
  gint64 entries;

  g_assert_null (read->last_uuid);
  theirs.status = "planned";
  theirs.by = "Ana López";
  theirs.base_uuid = base;
  g_assert_cmpint (usga_tracker_apply (db, "R012", &theirs, &error), ==, 1);
  g_assert_no_error (error);
  entries = count_where (db, "SELECT count(*) FROM recommendation_history");

  mine.status = "blocked";
  mine.by = "Beto";
  mine.base_uuid = base;
  g_assert_cmpint (usga_tracker_apply (db, "R012", &mine, &error), ==, -1);
  g_assert_error (error, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_STALE);
  g_assert_nonnull (strstr (error->message, "Ana López"));
  g_clear_error (&error);
  mine.base_uuid = NULL;
  mine.base_status = "not_started";
  g_assert_cmpint (usga_tracker_apply (db, "R012", &mine, &error), ==, -1);
  g_assert_error (error, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_STALE);
  g_clear_error (&error);
  g_assert_cmpint (count_where (db, "SELECT count(*) FROM recommendation_history"), ==, entries);
  after = usga_tracker_get (db, "R012", &error);
  g_assert_cmpstr (after->status, ==, "planned");

  /* Re-applied on what is there now, it goes through. */
  mine.base_status = "planned";
  g_assert_cmpint (usga_tracker_apply (db, "R012", &mine, &error), ==, 1);
  g_assert_no_error (error);
}

/* What a terminal receives from a note: no ESC, BEL, CR, C1 or bidi overrides. */
static void
test_printable (void)
{
  g_autofree char *a = usga_tracker_printable ("ok\033[2J\033]0;title\007 r\xc2\x9b" "1m\r\u202eevil\nnext");
  g_autofree char *b = usga_tracker_printable ("Ana López · 100 %");
  g_autofree char *c = usga_tracker_printable ("bad \xff utf8");

  g_assert_null (strpbrk (a, "\033\007\r\n"));
  g_assert_null (strstr (a, "\xc2\x9b"));
  g_assert_null (strstr (a, "\u202e"));
  g_assert_nonnull (strstr (a, "title"));
  g_assert_cmpstr (b, ==, "Ana López · 100 %");
  g_assert_true (g_utf8_validate (c, -1, NULL));
}

/* An edit handed to another thread owns its strings: the caller's may go away. */
static void
test_change_dup (void)
{
  g_autofree char *note = g_strdup ("Presupuesto aprobado");
  UsgaTrackerChange change = USGA_TRACKER_CHANGE_INIT;
  g_autoptr(UsgaTrackerChange) copy = NULL;
  g_autoptr(UsgaTrackerChange) empty = usga_tracker_change_dup (NULL);

  change.status = "planned";
  change.progress = 30;
  change.note = note;
  change.base_status = "not_started";
  copy = usga_tracker_change_dup (&change);
  g_clear_pointer (&note, g_free);
  g_assert_cmpstr (copy->status, ==, "planned");
  g_assert_cmpstr (copy->note, ==, "Presupuesto aprobado");
  g_assert_cmpstr (copy->base_status, ==, "not_started");
  g_assert_cmpint (copy->progress, ==, 30);
  g_assert_null (copy->term);
  g_assert_true (copy->status != change.status);
  g_assert_null (empty->status);
  g_assert_cmpint (empty->progress, ==, -1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tracker/change-dup", test_change_dup);
  g_test_add_func ("/tracker/counts", test_counts);
  g_test_add_func ("/tracker/search", test_search);
  g_test_add_func ("/tracker/workflow", test_workflow);
  g_test_add_func ("/tracker/history-append-only", test_history_append_only);
  g_test_add_func ("/tracker/merge", test_merge);
  g_test_add_func ("/tracker/import-malformed-untouched", test_import_malformed_untouched);
  g_test_add_func ("/tracker/related", test_related);
  g_test_add_func ("/tracker/fts-index", test_fts_migration_rebuilds);
  g_test_add_func ("/tracker/stale-base", test_stale_base);
  g_test_add_func ("/tracker/printable", test_printable);
  return g_test_run ();
}

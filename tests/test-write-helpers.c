/* test-write-helpers.c — the shared writing helpers: JSON members and text (what the CLI prints
 * and the tracker exports), one-step SQL writes and their errors, and the tracker's table of
 * field checks with the messages a user reads.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "usga-core.h"
#include "usga-test-util.h"

/* Written by hand: member order, nulls for NULL and NaN, rounding, and the final newline. */
static void
test_json_members (void)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GString) s = g_string_new ("before\n");
  const char *names[] = { "first", "missing", "last" };
  const char *values[] = { "uno", NULL, "tres" };
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  usga_json_add_string (b, "id", "R035");
  usga_json_add_int (b, "count", -12);
  usga_json_add_strings (b, names, values, G_N_ELEMENTS (names));
  usga_json_add_string_or_null (b, "note", NULL);
  usga_json_add_rounded (b, "half", 2.46, 10);      /* 2.5 */
  usga_json_add_rounded (b, "whole", 7.4, 1);       /* 7.0 */
  usga_json_add_rounded (b, "none", NAN, 100);
  usga_json_add_double (b, "quarter", 0.25);
  json_builder_end_object (b);

  text = usga_json_pretty_text (b);
  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"id\" : \"R035\",\n"
                   "  \"count\" : -12,\n"
                   "  \"first\" : \"uno\",\n"
                   "  \"missing\" : null,\n"
                   "  \"last\" : \"tres\",\n"
                   "  \"note\" : null,\n"
                   "  \"half\" : 2.5,\n"
                   "  \"whole\" : 7.0,\n"
                   "  \"none\" : null,\n"
                   "  \"quarter\" : 0.25\n"
                   "}");
  usga_json_append_pretty (s, b);
  g_assert_true (g_str_has_prefix (s->str, "before\n{\n"));
  g_assert_true (g_str_has_suffix (s->str, "\"quarter\" : 0.25\n}\n"));
}

static gint64
rows (UsgaDb *db)
{
  return usga_test_count (db, "SELECT count(*) FROM t");
}

/* A write either completes or fails with a USGA_DB_ERROR that names the table, and leaves
 * nothing behind; a cached statement is reusable after a failure. */
static void
test_run_texts (void)
{
  g_autofree char *path = usga_test_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaDb) db = usga_db_open (path, USGA_DB_OPEN_DEFAULT, &error);
  const char *sql = "INSERT INTO t (a, b) VALUES (?, ?)";
  const char *good[] = { "x", "y" }, *null_b[] = { "z", NULL }, *again[] = { "x", "w" };
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  g_assert_true (usga_db_exec (db, "CREATE TABLE t (a TEXT PRIMARY KEY, b TEXT NOT NULL)", &error));

  g_assert_true (usga_db_run_texts (db, sql, "t", good, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rows (db), ==, 1);

  g_assert_false (usga_db_run_texts (db, sql, "t", null_b, 2, &error));
  g_assert_error (error, USGA_DB_ERROR, USGA_DB_ERROR_SQL);
  g_clear_error (&error);
  g_assert_false (usga_db_run_texts (db, sql, "t", again, 2, &error));   /* same key */
  g_assert_error (error, USGA_DB_ERROR, USGA_DB_ERROR_SQL);
  g_clear_error (&error);
  g_assert_cmpint (rows (db), ==, 1);
  value = usga_test_query_text (db, "SELECT b FROM t WHERE a = 'x'");
  g_assert_cmpstr (value, ==, "y");

  /* The same cached statement works again after the failures. */
  g_assert_true (usga_db_run_texts (db, sql, "t", (const char *[]) { "v", "u" }, 2, &error));
  g_assert_cmpint (rows (db), ==, 2);

  /* meta goes through the same runner: insert, then update in place. */
  g_assert_true (usga_db_meta_set (db, "test-key", "one", &error));
  g_assert_true (usga_db_meta_set (db, "test-key", "two", &error));
  g_assert_no_error (error);
  g_clear_pointer (&value, g_free);
  value = usga_db_meta_get (db, "test-key");
  g_assert_cmpstr (value, ==, "two");
}

/* Every tracked field's rule, and the message for each refusal, as `usga recommendations set`
 * and the tracker page show it. */
static void
test_field_checks (void)
{
  g_autofree char *long_office = g_strnfill (201, 'a');
  g_autofree char *office = g_strnfill (200, 'a');
  const struct {
    const char *field, *value;
    const char *message;   /* NULL: accepted */
  } cases[] = {
    { "status", "planned", NULL },
    { "status", "done", "“done” is not a status (use not_started, planned, in_progress, implemented, blocked or not_pursued)" },
    { "status", NULL, "“” is not a status (use not_started, planned, in_progress, implemented, blocked or not_pursued)" },
    { "term", NULL, NULL },
    { "term", "long", NULL },
    { "term", "soon", "“soon” is not a term (use short, medium or long)" },
    { "due_date", NULL, NULL },
    { "due_date", "2025-06-30", NULL },
    { "due_date", "30/06/2025", "“30/06/2025” is not a date (use YYYY-MM-DD)" },
    { "progress", "0", NULL },
    { "progress", "100", NULL },
    { "progress", "101", "Progress must be a whole number from 0 to 100, not “101”" },
    { "progress", NULL, "Progress must be a whole number from 0 to 100, not “”" },
    { "responsible", NULL, NULL },
    { "responsible", office, NULL },
    { "responsible", long_office, "The responsible office must be text of at most 200 characters" },
    { "note", "anything at all", NULL },
    { "colour", "red", "“colour” is not a tracked field" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = usga_tracker_value_valid (cases[i].field, cases[i].value, &error);

      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, cases[i].message);
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/write/json-members", test_json_members);
  g_test_add_func ("/write/run-texts", test_run_texts);
  g_test_add_func ("/write/field-checks", test_field_checks);
  return g_test_run ();
}

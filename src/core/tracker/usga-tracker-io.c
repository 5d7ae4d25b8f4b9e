/* usga-tracker-io.c — the tracker's files: JSON export with the full history, CSV exports,
 * and the merge rules that take in a colleague's export (or publish a local tracker to a
 * shared one): entries matched by uuid and never dropped, each field the value of its
 * latest entry, both-sides changes reported as conflicts.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "usga-bundled.h"
#include "usga-json.h"
#include "usga-json-write.h"
#include "usga-csv.h"
#include "usga-tracker-private.h"

/* --- export ------------------------------------------------------------- */

void
usga_history_entry_add_json (const UsgaHistoryEntry *e, gboolean with_recommendation, gpointer json_builder)
{
  const char *names[] = { "at", "by", "field", "old", "new", "note", "evidence_url", "criterion" };
  const char *values[] = { e->at, e->by, e->field, e->old_value, e->new_value, e->note, e->evidence_url, e->criterion };
  JsonBuilder *b = json_builder;

  json_builder_begin_object (b);
  usga_json_add_string_or_null (b, "uuid", e->uuid);
  if (with_recommendation)
    usga_json_add_string_or_null (b, "recommendation_id", e->recommendation_id);
  usga_json_add_strings (b, names, values, G_N_ELEMENTS (names));
  json_builder_end_object (b);
}

gboolean
usga_tracker_export_json (UsgaDb *db, GOutputStream *out, GError **error)
{
  g_autoptr(GPtrArray) recs = usga_tracker_list (db, NULL, error);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GHashTable) by_rec = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *now = usga_tracker_now_iso8601 ();

  if (recs == NULL || (history = usga_tracker_history (db, NULL, 0, error)) == NULL)
    return FALSE;
  by_rec = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  /* History is newest first; files list it oldest first, as it happened. */
  for (guint i = history->len; i-- > 0;)
    {
      UsgaHistoryEntry *e = history->pdata[i];
      GPtrArray *list = g_hash_table_lookup (by_rec, e->recommendation_id);
      if (list == NULL)
        g_hash_table_insert (by_rec, e->recommendation_id, list = g_ptr_array_new ());
      g_ptr_array_add (list, e);
    }

  json_builder_begin_object (b);
  usga_json_add_string (b, "format", USGA_TRACKER_EXPORT_FORMAT);
  usga_json_add_int (b, "version", USGA_TRACKER_EXPORT_VERSION);
  usga_json_add_string (b, "exported_at", now);
  json_builder_set_member_name (b, "recommendations");
  json_builder_begin_array (b);
  for (guint i = 0; i < recs->len; i++)
    {
      UsgaRecommendation *rec = recs->pdata[i];
      GPtrArray *list = g_hash_table_lookup (by_rec, rec->id);
      const char *names[] = { "theme_en", "summary_en", "status", "term", "responsible", "due_date" };
      const char *values[] = { rec->theme_en, rec->summary_en, rec->status, rec->term, rec->responsible, rec->due_date };

      json_builder_begin_object (b);
      usga_json_add_string_or_null (b, "id", rec->id);
      usga_json_add_int (b, "sdg", rec->sdg);
      usga_json_add_strings (b, names, values, G_N_ELEMENTS (names));
      usga_json_add_int (b, "progress", rec->progress);
      json_builder_set_member_name (b, "history");
      json_builder_begin_array (b);
      for (guint j = 0; list && j < list->len; j++)
        usga_history_entry_add_json (list->pdata[j], FALSE, b);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  usga_json_append_pretty (text, b);
  return g_output_stream_write_all (out, text->str, text->len, NULL, NULL, error);
}

static void
csv_row (GString *line, const char *const *fields, guint n)
{
  for (guint f = 0; f < n; f++)
    {
      const char *value = fields[f];

      if (f > 0)
        g_string_append_c (line, ',');
      usga_csv_append_field (line, value);
    }
  g_string_append_c (line, '\n');
}

static gboolean
write_string (GOutputStream *out, GString *s, GError **error)
{
  gboolean ok = g_output_stream_write_all (out, s->str, s->len, NULL, NULL, error);
  g_string_truncate (s, 0);
  return ok;
}

gboolean
usga_tracker_export_csv (UsgaDb *db, GOutputStream *out, GError **error)
{
  g_autoptr(GPtrArray) recs = usga_tracker_list (db, NULL, error);

  return recs && usga_tracker_write_csv (recs, out, error);
}

gboolean
usga_tracker_write_csv (GPtrArray *recs, GOutputStream *out, GError **error)
{
  g_autoptr(GString) line = g_string_new ("id,sdg,section,theme_en,topic_en,summary_en,summary_es,"
                                          "indicator,status,term,responsible,due_date,progress,overdue,last_change,source_ref\n");

  if (!write_string (out, line, error))
    return FALSE;
  for (guint i = 0; i < recs->len; i++)
    {
      UsgaRecommendation *rec = recs->pdata[i];
      g_autofree char *sdg = g_strdup_printf ("%d", rec->sdg);
      g_autofree char *progress = g_strdup_printf ("%d", rec->progress);
      const char *fields[] = { rec->id, sdg, rec->section, rec->theme_en, rec->topic_en, rec->summary_en,
                               rec->summary_es, rec->indicator, rec->status, rec->term, rec->responsible,
                               rec->due_date, progress, usga_recommendation_is_overdue (rec, NULL) ? "yes" : "no",
                               rec->last_change, rec->source_ref };

      csv_row (line, fields, G_N_ELEMENTS (fields));
      if (!write_string (out, line, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
usga_tracker_export_history_csv (UsgaDb *db, GOutputStream *out, GError **error)
{
  g_autoptr(GPtrArray) history = usga_tracker_history (db, NULL, 0, error);
  g_autoptr(GString) line = g_string_new ("uuid,recommendation_id,at,by,field,old_value,new_value,note,evidence_url,criterion\n");

  if (history == NULL || !write_string (out, line, error))
    return FALSE;
  for (guint i = history->len; i-- > 0;)
    {
      UsgaHistoryEntry *e = history->pdata[i];
      const char *fields[] = { e->uuid, e->recommendation_id, e->at, e->by, e->field, e->old_value,
                               e->new_value, e->note, e->evidence_url, e->criterion };

      csv_row (line, fields, G_N_ELEMENTS (fields));
      if (!write_string (out, line, error))
        return FALSE;
    }
  return TRUE;
}

/* --- import ------------------------------------------------------------- */

void
usga_tracker_import_report_free (UsgaTrackerImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->conflicts, g_ptr_array_unref);
  g_free (report);
}

static gboolean
json_optional_string (JsonObject *o, const char *name, const char **out)
{
  JsonNode *n = json_object_get_member (o, name);

  *out = NULL;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return FALSE;
  *out = json_node_get_string (n);
  return TRUE;
}

static gboolean
timestamp_valid (const char *at)
{
  g_autoptr(GDateTime) dt = at ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  return dt != NULL;
}

static gboolean
entries_equal (const UsgaHistoryEntry *a, const UsgaHistoryEntry *b)
{
  return g_strcmp0 (a->recommendation_id, b->recommendation_id) == 0 &&
         g_strcmp0 (a->at, b->at) == 0 && g_strcmp0 (a->by, b->by) == 0 &&
         g_strcmp0 (a->field, b->field) == 0 && g_strcmp0 (a->old_value, b->old_value) == 0 &&
         g_strcmp0 (a->new_value, b->new_value) == 0 && g_strcmp0 (a->note, b->note) == 0 &&
         g_strcmp0 (a->evidence_url, b->evidence_url) == 0 && g_strcmp0 (a->criterion, b->criterion) == 0;
}

/* Later time wins; the uuid breaks ties so both sides of a merge agree. */
static gboolean
entry_is_later (const UsgaHistoryEntry *a, const UsgaHistoryEntry *b)
{
  int c = strcmp (a->at, b->at);
  return c > 0 || (c == 0 && strcmp (a->uuid, b->uuid) > 0);
}

static const char *
display_value (const char *field, const char *value)
{
  if (value == NULL)
    return "—";
  if (g_str_equal (field, "status"))
    return usga_status_name (value);
  return value;
}

/* Parses and checks the whole file before anything is written. */
GPtrArray *
usga_tracker_parse_export (UsgaDb *db, const char *path, GError **error)
{
  g_autoptr(JsonNode) root = usga_json_load_file (path, error);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_history_entry_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *top;
  JsonNode *format, *list;
  JsonArray *recs;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      (format = json_object_get_member (top = json_node_get_object (root), "format")) == NULL ||
      !JSON_NODE_HOLDS_VALUE (format) || json_node_get_value_type (format) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (format), USGA_TRACKER_EXPORT_FORMAT) != 0)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("%s is not a recommendations tracker export (no “format”: “%s”)"), path, USGA_TRACKER_EXPORT_FORMAT);
      return NULL;
    }
  if (json_object_has_member (top, "version") &&
      json_object_get_int_member (top, "version") > USGA_TRACKER_EXPORT_VERSION)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("%s was written by a newer USGA Dashboard (tracker format %d)"), path,
                   (int) json_object_get_int_member (top, "version"));
      return NULL;
    }
  list = json_object_get_member (top, "recommendations");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("%s: no “recommendations” list"), path);
      return NULL;
    }
  recs = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (recs); i++)
    {
      JsonNode *rn = json_array_get_element (recs, i);
      JsonObject *ro = JSON_NODE_HOLDS_OBJECT (rn) ? json_node_get_object (rn) : NULL;
      const char *id = NULL;
      JsonNode *hn;
      g_autoptr(UsgaRecommendation) rec = NULL;
      g_autoptr(GError) local = NULL;

      if (ro == NULL || !json_optional_string (ro, "id", &id) || id == NULL)
        {
          g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                       _("%s: recommendation %u has no id"), path, i + 1);
          return NULL;
        }
      rec = usga_tracker_get (db, id, &local);
      if (rec == NULL || g_strcmp0 (rec->kind, "mayor") != 0)
        {
          g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                       _("%s: unknown recommendation id “%s”"), path, id);
          return NULL;
        }
      hn = json_object_get_member (ro, "history");
      if (hn == NULL || JSON_NODE_HOLDS_NULL (hn))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (hn))
        {
          g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("%s: %s: “history” is not a list"), path, id);
          return NULL;
        }
      for (guint j = 0; j < json_array_get_length (json_node_get_array (hn)); j++)
        {
          JsonNode *en = json_array_get_element (json_node_get_array (hn), j);
          JsonObject *eo = JSON_NODE_HOLDS_OBJECT (en) ? json_node_get_object (en) : NULL;
          const char *uuid, *at, *by, *field, *old_value, *new_value, *note, *evidence, *criterion;
          UsgaHistoryEntry *e;

          if (eo == NULL ||
              !json_optional_string (eo, "uuid", &uuid) || !json_optional_string (eo, "at", &at) ||
              !json_optional_string (eo, "by", &by) || !json_optional_string (eo, "field", &field) ||
              !json_optional_string (eo, "old", &old_value) || !json_optional_string (eo, "new", &new_value) ||
              !json_optional_string (eo, "note", &note) || !json_optional_string (eo, "evidence_url", &evidence) ||
              !json_optional_string (eo, "criterion", &criterion) ||
              uuid == NULL || !g_uuid_string_is_valid (uuid) || !timestamp_valid (at) || field == NULL)
            {
              g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                           _("%s: %s: history entry %u is malformed (needs a uuid, an ISO 8601 “at” and a field)"),
                           path, id, j + 1);
              return NULL;
            }
          if (!usga_tracker_value_valid (field, new_value, &local) ||
              (old_value && !usga_tracker_value_valid (field, old_value, &local)))
            {
              g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                           _("%s: %s: history entry %u: %s"), path, id, j + 1, local->message);
              return NULL;
            }
          if (g_hash_table_contains (seen, uuid))
            {
              g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                           _("%s: history entry %s appears twice"), path, uuid);
              return NULL;
            }
          e = g_new0 (UsgaHistoryEntry, 1);
          e->uuid = g_strdup (uuid);
          e->recommendation_id = g_strdup (id);
          e->at = g_strdup (at);
          e->by = g_strdup (by ? by : "");
          e->field = g_strdup (field);
          e->old_value = g_strdup (old_value);
          e->new_value = g_strdup (new_value);
          e->note = g_strdup (note);
          e->evidence_url = g_strdup (evidence);
          e->criterion = g_strdup (criterion);
          g_hash_table_add (seen, e->uuid);
          g_ptr_array_add (entries, e);
        }
    }
  return g_steal_pointer (&entries);
}

/* Entries of one recommendation, here and newly added. */
static void
add_to_index (GHashTable *index, UsgaHistoryEntry *e)
{
  GPtrArray *list = g_hash_table_lookup (index, e->recommendation_id);

  if (list == NULL)
    g_hash_table_insert (index, e->recommendation_id, list = g_ptr_array_new ());
  g_ptr_array_add (list, e);
}

void
usga_tracker_merge_plan (GPtrArray *here, GPtrArray *incoming, UsgaTrackerImportReport *report,
                         GPtrArray *to_add, GPtrArray *sets)
{
  g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_rec = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) added = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) incoming_uuids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) touched_set = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) touched = g_ptr_array_new ();   /* in file order, so reports are stable */

  for (guint i = 0; i < here->len; i++)
    {
      UsgaHistoryEntry *e = here->pdata[i];
      g_hash_table_insert (by_uuid, e->uuid, e);
      add_to_index (by_rec, e);
    }
  for (guint i = 0; i < incoming->len; i++)
    {
      UsgaHistoryEntry *e = incoming->pdata[i];
      UsgaHistoryEntry *local = g_hash_table_lookup (by_uuid, e->uuid);

      g_hash_table_add (incoming_uuids, e->uuid);
      if (local)
        {
          if (entries_equal (local, e))
            report->entries_present++;
          else
            g_ptr_array_add (report->conflicts,
                             g_strdup_printf (_("%s: history entry %s differs from the copy here; the copy here was kept"),
                                              e->recommendation_id, e->uuid));
          continue;
        }
      g_ptr_array_add (to_add, e);
      report->entries_added++;
      g_hash_table_add (added, e->uuid);
      add_to_index (by_rec, e);
      if (g_hash_table_add (touched_set, e->recommendation_id))
        g_ptr_array_add (touched, e->recommendation_id);
    }

  /* Each touched field takes the value of its latest entry, whichever side wrote it. */
  for (guint t = 0; t < touched->len; t++)
    {
      const char *id = touched->pdata[t];
      GPtrArray *history = g_hash_table_lookup (by_rec, id);
      gboolean changed = FALSE;

      for (guint f = 0; f < G_N_ELEMENTS (usga_tracker_fields) - 1; f++)
        {
          const char *field = usga_tracker_fields[f];
          UsgaHistoryEntry *latest = NULL, *latest_here = NULL, *latest_theirs = NULL;
          gboolean new_here = FALSE;

          for (guint k = 0; k < history->len; k++)
            {
              UsgaHistoryEntry *e = history->pdata[k];

              if (!g_str_equal (e->field, field))
                continue;
              if (latest == NULL || entry_is_later (e, latest))
                latest = e;
              if (g_hash_table_contains (added, e->uuid))
                {
                  new_here = TRUE;
                  if (latest_theirs == NULL || entry_is_later (e, latest_theirs))
                    latest_theirs = e;
                }
              else if (!g_hash_table_contains (incoming_uuids, e->uuid) &&
                       (latest_here == NULL || entry_is_later (e, latest_here)))
                latest_here = e;   /* a change the colleague did not have */
            }
          if (!new_here)
            continue;
          if (latest_here && latest_theirs && g_strcmp0 (latest_here->new_value, latest_theirs->new_value) != 0)
            g_ptr_array_add (report->conflicts,
                             g_strdup_printf (_("%s %s: here “%s” (%s, %s), imported “%s” (%s, %s); kept the later, “%s”"),
                                              id, field,
                                              display_value (field, latest_here->new_value), latest_here->by, latest_here->at,
                                              display_value (field, latest_theirs->new_value), latest_theirs->by, latest_theirs->at,
                                              display_value (field, latest->new_value)));
          g_ptr_array_add (sets, g_strdup (id));
          g_ptr_array_add (sets, g_strdup (field));
          g_ptr_array_add (sets, g_strdup (latest->new_value));
          changed = TRUE;
        }
      report->recommendations_updated += changed;
    }
}

UsgaTrackerImportReport *
usga_tracker_sqlite_merge (UsgaDb *db, GPtrArray *incoming, GError **error)
{
  g_autoptr(GPtrArray) here = NULL;
  g_autoptr(GPtrArray) to_add = g_ptr_array_new ();
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(UsgaTrackerImportReport) report = g_new0 (UsgaTrackerImportReport, 1);

  report->conflicts = g_ptr_array_new_with_free_func (g_free);
  if (!usga_db_begin (db, error))
    return NULL;
  if ((here = usga_tracker_history (db, NULL, 0, error)) == NULL)
    goto fail;
  usga_tracker_merge_plan (here, incoming, report, to_add, sets);
  for (guint i = 0; i < to_add->len; i++)
    if (!usga_tracker_sqlite_insert_history (db, to_add->pdata[i], error))
      goto fail;
  for (guint i = 0; i + 2 < sets->len; i += 3)
    if (!usga_tracker_sqlite_set_field (db, sets->pdata[i], sets->pdata[i + 1], sets->pdata[i + 2], error))
      goto fail;
  if (!usga_db_commit (db, error))
    goto fail;
  return g_steal_pointer (&report);

fail:
  usga_db_rollback (db);
  return NULL;
}

UsgaTrackerImportReport *
usga_tracker_import_json (UsgaDb *db, const char *path, GError **error)
{
  g_autoptr(GPtrArray) incoming = usga_tracker_parse_export (db, path, error);

  return incoming ? usga_tracker_sqlite_merge (db, incoming, error) : NULL;
}

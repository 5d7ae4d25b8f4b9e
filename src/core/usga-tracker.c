/* usga-tracker.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "usga-bundled.h"
#include "usga-filter.h"
#include "usga-json.h"
#include "usga-text.h"
#include "usga-csv.h"
#include "usga-tracker.h"

#define EXPORT_FORMAT "usga-recommendations-tracker"
#define EXPORT_VERSION 1

static const char *const status_keys[USGA_N_STATUSES] = {
  "not_started", "planned", "in_progress", "implemented", "blocked", "not_pursued",
};

/* Symmetric: a move and its reverse are both allowed, so undo stays within the rules.
 * "implemented" is reached only from "in progress". */
static const gboolean transitions[USGA_N_STATUSES][USGA_N_STATUSES] = {
  /*                 ns  pl  ip  im  bl  np */
  /* not_started */ { 0,  1,  1,  0,  1,  1 },
  /* planned     */ { 1,  0,  1,  0,  1,  1 },
  /* in_progress */ { 1,  1,  0,  1,  1,  1 },
  /* implemented */ { 0,  0,  1,  0,  0,  0 },
  /* blocked     */ { 1,  1,  1,  0,  0,  1 },
  /* not_pursued */ { 1,  1,  1,  0,  1,  0 },
};

static const char *const tracked_fields[] = { "status", "term", "responsible", "due_date", "progress", "note" };

const char *
usga_status_key (UsgaStatus status)
{
  g_return_val_if_fail (status < USGA_N_STATUSES, NULL);
  return status_keys[status];
}

int
usga_status_from_key (const char *key)
{
  for (int i = 0; i < USGA_N_STATUSES; i++)
    if (g_strcmp0 (key, status_keys[i]) == 0)
      return i;
  return -1;
}

const char *
usga_status_name (const char *key)
{
  switch (usga_status_from_key (key))
    {
    case USGA_STATUS_PLANNED: return _("Planned");
    case USGA_STATUS_IN_PROGRESS: return _("In progress");
    case USGA_STATUS_IMPLEMENTED: return _("Implemented");
    case USGA_STATUS_BLOCKED: return _("Blocked");
    case USGA_STATUS_NOT_PURSUED: return _("Not pursued");
    default: return _("Not started");
    }
}

gboolean
usga_status_transition_allowed (const char *from, const char *to)
{
  int f = usga_status_from_key (from), t = usga_status_from_key (to);

  return f >= 0 && t >= 0 && transitions[f][t];
}

gboolean
usga_status_is_addressed (const char *key)
{
  int s = usga_status_from_key (key);
  return s == USGA_STATUS_IN_PROGRESS || s == USGA_STATUS_IMPLEMENTED;
}

static gboolean
term_valid (const char *term)
{
  return g_strcmp0 (term, "short") == 0 || g_strcmp0 (term, "medium") == 0 || g_strcmp0 (term, "long") == 0;
}

const char *
usga_term_name (const char *key)
{
  if (g_strcmp0 (key, "short") == 0) return _("Short term");
  if (g_strcmp0 (key, "medium") == 0) return _("Medium term");
  if (g_strcmp0 (key, "long") == 0) return _("Long term");
  return "—";
}

static char *
today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static char *
column_dup (sqlite3_stmt *stmt, int col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

void
usga_recommendation_free (UsgaRecommendation *rec)
{
  if (rec == NULL)
    return;
  g_free (rec->id); g_free (rec->kind); g_free (rec->section);
  g_free (rec->theme_en); g_free (rec->theme_es); g_free (rec->topic_en); g_free (rec->topic_es);
  g_free (rec->summary_en); g_free (rec->summary_es); g_free (rec->partners);
  g_free (rec->indicator); g_free (rec->source_ref); g_free (rec->status); g_free (rec->term);
  g_free (rec->responsible); g_free (rec->due_date); g_free (rec->last_change);
  g_free (rec);
}

gboolean
usga_recommendation_is_overdue (const UsgaRecommendation *rec, const char *today)
{
  g_autofree char *now = today ? NULL : today_string ();
  int s = usga_status_from_key (rec->status);

  if (rec->due_date == NULL || s == USGA_STATUS_IMPLEMENTED || s == USGA_STATUS_NOT_PURSUED)
    return FALSE;
  return strcmp (rec->due_date, today ? today : now) < 0;
}

#define REC_COLUMNS \
  "r.id, r.kind, r.sdg, r.section, r.theme_en, r.theme_es, r.topic_en, r.topic_es," \
  " r.summary_en, r.summary_es, r.partners, r.indicator, r.source_ref, r.status, r.term," \
  " r.responsible, r.due_date, r.progress," \
  " (SELECT max(at) FROM recommendation_history h WHERE h.recommendation_id = r.id)"

static UsgaRecommendation *
rec_from_row (sqlite3_stmt *stmt)
{
  UsgaRecommendation *rec = g_new0 (UsgaRecommendation, 1);

  rec->id = column_dup (stmt, 0);
  rec->kind = column_dup (stmt, 1);
  rec->sdg = sqlite3_column_int (stmt, 2);
  rec->section = column_dup (stmt, 3);
  rec->theme_en = column_dup (stmt, 4);
  rec->theme_es = column_dup (stmt, 5);
  rec->topic_en = column_dup (stmt, 6);
  rec->topic_es = column_dup (stmt, 7);
  rec->summary_en = column_dup (stmt, 8);
  rec->summary_es = column_dup (stmt, 9);
  rec->partners = column_dup (stmt, 10);
  rec->indicator = column_dup (stmt, 11);
  rec->source_ref = column_dup (stmt, 12);
  rec->status = column_dup (stmt, 13);
  rec->term = column_dup (stmt, 14);
  rec->responsible = column_dup (stmt, 15);
  rec->due_date = column_dup (stmt, 16);
  rec->progress = sqlite3_column_int (stmt, 17);
  rec->last_change = column_dup (stmt, 18);
  return rec;
}

char *
usga_tracker_fts_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  if (text == NULL)
    return NULL;
  /* Words only (letters and digits): quoting each one keeps FTS5 syntax out of user input. */
  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = *p ? g_utf8_get_char (p) : 0;

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          if (query->len)
            g_string_append_c (query, ' ');
          g_string_append_printf (query, "\"%s\"*", word->str);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }
  return query->len ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

GPtrArray *
usga_tracker_list (UsgaDb *db, const UsgaTrackerQuery *query, GError **error)
{
  static const UsgaTrackerQuery everything = { 0 };
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_recommendation_free);
  g_autofree char *match = NULL;
  g_autofree char *today = NULL;
  g_autofree char *responsible = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (query == NULL)
    query = &everything;
  if (query->status && usga_status_from_key (query->status) < 0)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("“%s” is not a status (use not_started, planned, in_progress, implemented, blocked or not_pursued)"),
                   query->status);
      return NULL;
    }
  if (query->term && !term_valid (query->term))
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("“%s” is not a term (use short, medium or long)"), query->term);
      return NULL;
    }
  match = usga_tracker_fts_query (query->text);
  today = g_strdup (query->today ? query->today : NULL);
  if (today == NULL)
    today = today_string ();
  if (query->responsible && *query->responsible)
    responsible = g_strdup_printf ("%%%s%%", query->responsible);

  stmt = usga_db_prepare (db,
      "SELECT " REC_COLUMNS " FROM recommendation r"
      " WHERE (?1 OR r.kind = 'mayor')"
      "   AND (?2 = 0 OR r.sdg = ?2)"
      "   AND (?3 IS NULL OR r.theme_en = ?3 OR r.theme_es = ?3)"
      "   AND (?4 IS NULL OR r.topic_en = ?4 OR r.topic_es = ?4)"
      "   AND (?5 IS NULL OR r.status = ?5)"
      "   AND (?6 IS NULL OR r.term = ?6)"
      "   AND (?7 IS NULL OR r.responsible LIKE ?7)"
      "   AND (NOT ?8 OR (r.due_date < ?9 AND r.status NOT IN ('implemented','not_pursued')))"
      "   AND (?10 IS NULL OR r.rowid IN (SELECT rowid FROM recommendation_fts WHERE recommendation_fts MATCH ?10))"
      " ORDER BY r.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, query->all_kinds);
  sqlite3_bind_int (stmt, 2, query->sdg);
  sqlite3_bind_text (stmt, 3, query->theme, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, query->topic, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, query->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, query->term, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, responsible, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, query->overdue);
  sqlite3_bind_text (stmt, 9, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, match, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, rec_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      usga_db_fail (db, rc, "recommendation", error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

UsgaRecommendation *
usga_tracker_get (UsgaDb *db, const char *id, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (db, "SELECT " REC_COLUMNS " FROM recommendation r WHERE r.id = ?", error);
  UsgaRecommendation *rec = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rec = rec_from_row (stmt);
  sqlite3_reset (stmt);
  if (rec == NULL)
    g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                 _("There is no recommendation “%s” (ids run R001–R109)"), id ? id : "");
  return rec;
}

GHashTable *
usga_tracker_search (UsgaDb *db, const char *text, GError **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *match = usga_tracker_fts_query (text);
  sqlite3_stmt *stmt;
  int rc;

  if (match == NULL)
    return g_steal_pointer (&ids);
  stmt = usga_db_prepare (db,
      "SELECT r.id FROM recommendation_fts f JOIN recommendation r ON r.rowid = f.rowid"
      " WHERE recommendation_fts MATCH ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (ids, column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      usga_db_fail (db, rc, "search", error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* --- history ------------------------------------------------------------ */

void
usga_history_entry_free (UsgaHistoryEntry *e)
{
  if (e == NULL)
    return;
  g_free (e->uuid); g_free (e->recommendation_id); g_free (e->at); g_free (e->by);
  g_free (e->field); g_free (e->old_value); g_free (e->new_value); g_free (e->note);
  g_free (e->evidence_url); g_free (e->criterion);
  g_free (e);
}

#define HISTORY_COLUMNS "uuid, recommendation_id, at, by, field, old_value, new_value, note, evidence_url, criterion"

static UsgaHistoryEntry *
history_from_row (sqlite3_stmt *stmt)
{
  UsgaHistoryEntry *e = g_new0 (UsgaHistoryEntry, 1);

  e->uuid = column_dup (stmt, 0);
  e->recommendation_id = column_dup (stmt, 1);
  e->at = column_dup (stmt, 2);
  e->by = column_dup (stmt, 3);
  e->field = column_dup (stmt, 4);
  e->old_value = column_dup (stmt, 5);
  e->new_value = column_dup (stmt, 6);
  e->note = column_dup (stmt, 7);
  e->evidence_url = column_dup (stmt, 8);
  e->criterion = column_dup (stmt, 9);
  return e;
}

GPtrArray *
usga_tracker_history (UsgaDb *db, const char *id, guint limit, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_history_entry_free);
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "SELECT " HISTORY_COLUMNS " FROM recommendation_history"
      " WHERE ?1 IS NULL OR recommendation_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, history_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      usga_db_fail (db, rc, "recommendation_history", error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

static gboolean
insert_history (UsgaDb *db, const UsgaHistoryEntry *e, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "INSERT INTO recommendation_history (" HISTORY_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  const char *values[] = { e->uuid, e->recommendation_id, e->at, e->by ? e->by : "", e->field,
                           e->old_value, e->new_value, e->note, e->evidence_url, e->criterion };
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    sqlite3_bind_text (stmt, i + 1, values[i], -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return usga_db_fail (db, rc, "recommendation_history", error);
  return TRUE;
}

/* Column names come from this fixed list only, never from input. */
static const char *
field_update_sql (const char *field)
{
  if (g_str_equal (field, "status")) return "UPDATE recommendation SET status = ?2 WHERE id = ?1";
  if (g_str_equal (field, "term")) return "UPDATE recommendation SET term = ?2 WHERE id = ?1";
  if (g_str_equal (field, "responsible")) return "UPDATE recommendation SET responsible = ?2 WHERE id = ?1";
  if (g_str_equal (field, "due_date")) return "UPDATE recommendation SET due_date = ?2 WHERE id = ?1";
  if (g_str_equal (field, "progress")) return "UPDATE recommendation SET progress = coalesce(CAST(?2 AS INTEGER), 0) WHERE id = ?1";
  return NULL;
}

static gboolean
set_field (UsgaDb *db, const char *id, const char *field, const char *value, GError **error)
{
  const char *sql = field_update_sql (field);
  sqlite3_stmt *stmt;
  int rc;

  if (sql == NULL)   /* notes carry no state */
    return TRUE;
  stmt = usga_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return usga_db_fail (db, rc, "recommendation", error);
  return TRUE;
}

static gboolean
url_valid (const char *url)
{
  g_autofree char *scheme = NULL;

  if (!g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
    return FALSE;
  scheme = g_uri_parse_scheme (url);
  return g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0;
}

/* Checks one field value; @value NULL means "unset". */
static gboolean
value_valid (const char *field, const char *value, GError **error)
{
  if (g_str_equal (field, "status"))
    {
      if (usga_status_from_key (value) >= 0)
        return TRUE;
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("“%s” is not a status (use not_started, planned, in_progress, implemented, blocked or not_pursued)"),
                   value ? value : "");
      return FALSE;
    }
  if (g_str_equal (field, "term"))
    {
      if (value == NULL || term_valid (value))
        return TRUE;
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("“%s” is not a term (use short, medium or long)"), value);
      return FALSE;
    }
  if (g_str_equal (field, "due_date"))
    {
      if (value == NULL || usga_filter_validate_date (value))
        return TRUE;
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("“%s” is not a date (use YYYY-MM-DD)"), value);
      return FALSE;
    }
  if (g_str_equal (field, "progress"))
    {
      guint64 n;

      if (value && g_ascii_string_to_unsigned (value, 10, 0, 100, &n, NULL))
        return TRUE;
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("Progress must be a whole number from 0 to 100, not “%s”"), value ? value : "");
      return FALSE;
    }
  if (g_str_equal (field, "responsible"))
    {
      if (value == NULL || (g_utf8_validate (value, -1, NULL) && g_utf8_strlen (value, -1) <= 200))
        return TRUE;
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("The responsible office must be text of at most 200 characters"));
      return FALSE;
    }
  if (g_str_equal (field, "note"))
    return TRUE;
  g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("“%s” is not a tracked field"), field);
  return FALSE;
}

static char *
normalize_optional (const char *value)
{
  g_autofree char *stripped = value ? g_strstrip (g_strdup (value)) : NULL;

  return stripped && *stripped ? g_steal_pointer (&stripped) : NULL;
}

static int apply_in_transaction (UsgaDb *db, const char *id, const UsgaTrackerChange *change, GError **error);

int
usga_tracker_apply (UsgaDb *db, const char *id, const UsgaTrackerChange *change, GError **error)
{
  int written;

  /* The old values are read inside the write transaction (BEGIN IMMEDIATE), so a change made
   * meanwhile by another process (the CLI, a second window) cannot be recorded with stale "old" values. */
  if (!usga_db_begin (db, error))
    return -1;
  written = apply_in_transaction (db, id, change, error);
  if (written < 0)
    {
      usga_db_rollback (db);
      return -1;
    }
  if (!usga_db_commit (db, error))
    {
      usga_db_rollback (db);
      return -1;
    }
  return written;
}

static int
apply_in_transaction (UsgaDb *db, const char *id, const UsgaTrackerChange *change, GError **error)
{
  g_autoptr(UsgaRecommendation) rec = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GPtrArray) olds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) news = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *at = now_iso8601 ();
  g_autofree char *note = normalize_optional (change->note);
  g_autofree char *evidence = normalize_optional (change->evidence_url);
  g_autofree char *criterion = normalize_optional (change->criterion);
  g_autofree char *by = normalize_optional (change->by);
  g_autofree char *old_progress = NULL;
  const char *status = NULL;

  rec = usga_tracker_get (db, id, error);
  if (rec == NULL)
    return -1;
  if (g_strcmp0 (rec->kind, "mayor") != 0)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("“%s” is advice to residents or a section 3 item, not one of the 109; it is not tracked"), id);
      return -1;
    }
  if (evidence && !url_valid (evidence))
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("The evidence link “%s” is not an http(s) address"), evidence);
      return -1;
    }

#define ADD(field, old, new) G_STMT_START { \
    g_ptr_array_add (fields, (gpointer) (field)); \
    g_ptr_array_add (olds, g_strdup (old)); \
    g_ptr_array_add (news, g_strdup (new)); } G_STMT_END

  if (change->status && g_strcmp0 (change->status, rec->status) != 0)
    {
      if (!value_valid ("status", change->status, error))
        return -1;
      if (!usga_status_transition_allowed (rec->status, change->status))
        {
          if (g_strcmp0 (rec->status, "implemented") == 0)
            g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                         _("%s is implemented; reopen it as “%s” first"), id, usga_status_name ("in_progress"));
          else if (g_strcmp0 (change->status, "implemented") == 0)
            g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                         _("%s cannot go from “%s” to “%s”: only a recommendation in progress can be marked implemented"),
                         id, usga_status_name (rec->status), usga_status_name (change->status));
          else
            g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                         _("%s cannot go from “%s” to “%s”"), id,
                         usga_status_name (rec->status), usga_status_name (change->status));
          return -1;
        }
      status = change->status;
      ADD ("status", rec->status, change->status);
    }
  if (change->term)
    {
      g_autofree char *term = normalize_optional (change->term);
      if (!value_valid ("term", term, error))
        return -1;
      if (g_strcmp0 (term, rec->term) != 0)
        ADD ("term", rec->term, term);
    }
  if (change->responsible)
    {
      g_autofree char *responsible = normalize_optional (change->responsible);
      if (!value_valid ("responsible", responsible, error))
        return -1;
      if (g_strcmp0 (responsible, rec->responsible) != 0)
        ADD ("responsible", rec->responsible, responsible);
    }
  if (change->due_date)
    {
      g_autofree char *due = normalize_optional (change->due_date);
      if (!value_valid ("due_date", due, error))
        return -1;
      if (g_strcmp0 (due, rec->due_date) != 0)
        ADD ("due_date", rec->due_date, due);
    }
  old_progress = g_strdup_printf ("%d", rec->progress);
  {
    int progress = change->progress;

    if (progress < -1 || progress > 100)
      {
        g_autofree char *text = g_strdup_printf ("%d", progress);
        value_valid ("progress", text, error);
        return -1;
      }
    /* Implemented means done: the bar shows 100 %. */
    if (g_strcmp0 (status, "implemented") == 0)
      {
        if (progress >= 0 && progress != 100)
          {
            g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                         _("An implemented recommendation has 100 %% progress, not %d %%"), progress);
            return -1;
          }
        progress = 100;
      }
    if (progress >= 0 && progress != rec->progress)
      {
        g_autofree char *text = g_strdup_printf ("%d", progress);
        ADD ("progress", old_progress, text);
      }
  }
  if (fields->len == 0 && note)
    ADD ("note", NULL, NULL);
#undef ADD
  if (fields->len == 0)
    return 0;

  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      UsgaHistoryEntry e = { uuid, rec->id, at, by, fields->pdata[i], olds->pdata[i], news->pdata[i],
                             note, evidence, criterion };

      if (!set_field (db, rec->id, fields->pdata[i], news->pdata[i], error) ||
          !insert_history (db, &e, error))
        return -1;
    }
  return (int) fields->len;
}

static gboolean undo_in_transaction (UsgaDb *db, const char *uuid, const char *by, GError **error);

gboolean
usga_tracker_undo (UsgaDb *db, const char *uuid, const char *by, GError **error)
{
  if (!usga_db_begin (db, error))
    return FALSE;
  if (!undo_in_transaction (db, uuid, by, error))
    {
      usga_db_rollback (db);
      return FALSE;
    }
  if (!usga_db_commit (db, error))
    {
      usga_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

static gboolean
undo_in_transaction (UsgaDb *db, const char *uuid, const char *by, GError **error)
{
  sqlite3_stmt *stmt = usga_db_prepare (db,
      "SELECT " HISTORY_COLUMNS " FROM recommendation_history WHERE uuid = ?", error);
  g_autoptr(UsgaHistoryEntry) e = NULL;
  g_autoptr(UsgaRecommendation) rec = NULL;
  g_autofree char *note = NULL;
  g_autofree char *current = NULL;
  UsgaTrackerChange change = USGA_TRACKER_CHANGE_INIT;
  int written;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    e = history_from_row (stmt);
  sqlite3_reset (stmt);
  if (e == NULL)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("There is no history entry “%s”"), uuid);
      return FALSE;
    }
  if (g_str_equal (e->field, "note"))
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("A note changes nothing, so there is nothing to undo"));
      return FALSE;
    }
  rec = usga_tracker_get (db, e->recommendation_id, error);
  if (rec == NULL)
    return FALSE;
  if (g_str_equal (e->field, "status")) current = g_strdup (rec->status);
  else if (g_str_equal (e->field, "term")) current = g_strdup (rec->term);
  else if (g_str_equal (e->field, "responsible")) current = g_strdup (rec->responsible);
  else if (g_str_equal (e->field, "due_date")) current = g_strdup (rec->due_date);
  else current = g_strdup_printf ("%d", rec->progress);
  /* Undoing an old change on top of newer ones would silently discard them. */
  if (g_strcmp0 (current, e->new_value) != 0)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("%s has changed since; only its latest change can be undone"), rec->id);
      return FALSE;
    }
  note = g_strdup_printf (_("Undo of the change made %s by %s"), e->at, *e->by ? e->by : "—");
  change.by = by;
  change.note = note;
  change.criterion = "undo";
  if (g_str_equal (e->field, "status")) change.status = e->old_value;
  else if (g_str_equal (e->field, "term")) change.term = e->old_value ? e->old_value : "";
  else if (g_str_equal (e->field, "responsible")) change.responsible = e->old_value ? e->old_value : "";
  else if (g_str_equal (e->field, "due_date")) change.due_date = e->old_value ? e->old_value : "";
  else change.progress = e->old_value ? atoi (e->old_value) : 0;
  written = usga_tracker_apply (db, rec->id, &change, error);
  return written >= 0;
}

/* --- progress ----------------------------------------------------------- */

void
usga_tracker_group_free (UsgaTrackerGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->key); g_free (group->label_en); g_free (group->label_es);
  g_free (group);
}

double
usga_tracker_group_addressed_percent (const UsgaTrackerGroup *group)
{
  if (group->total == 0)
    return 0;
  return 100.0 * (group->counts[USGA_STATUS_IN_PROGRESS] + group->counts[USGA_STATUS_IMPLEMENTED]) / group->total;
}

char *
usga_tracker_group_headline (const UsgaTrackerGroup *group)
{
  return g_strdup_printf (_("%.0f %% of the %u recommendations addressed"),
                          usga_tracker_group_addressed_percent (group), group->total);
}

char *
usga_tracker_group_note (const UsgaTrackerGroup *group)
{
  return g_strdup_printf (_("Addressed means in progress or implemented: %u implemented, %u in progress, "
                            "%u planned, %u blocked, %u not pursued, %u not started; %u overdue."),
                          group->counts[USGA_STATUS_IMPLEMENTED], group->counts[USGA_STATUS_IN_PROGRESS],
                          group->counts[USGA_STATUS_PLANNED], group->counts[USGA_STATUS_BLOCKED],
                          group->counts[USGA_STATUS_NOT_PURSUED], group->counts[USGA_STATUS_NOT_STARTED],
                          group->overdue);
}

GPtrArray *
usga_tracker_progress (UsgaDb *db, gboolean by_theme, const char *today, GError **error)
{
  g_autoptr(GPtrArray) recs = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_tracker_group_free);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  UsgaTrackerQuery query = { .today = today };
  UsgaTrackerGroup *total = g_new0 (UsgaTrackerGroup, 1);

  total->key = g_strdup ("total");
  total->label_en = g_strdup ("All recommendations");
  total->label_es = g_strdup ("Todas las recomendaciones");
  g_ptr_array_add (groups, total);
  recs = usga_tracker_list (db, &query, error);
  if (recs == NULL)
    return NULL;
  for (guint i = 0; i < recs->len; i++)
    {
      UsgaRecommendation *rec = recs->pdata[i];
      g_autofree char *key = by_theme ? g_strdup (rec->theme_en) : g_strdup_printf ("%d", rec->sdg);
      UsgaTrackerGroup *group = g_hash_table_lookup (index, key);
      int s = MAX (usga_status_from_key (rec->status), 0);
      gboolean overdue = usga_recommendation_is_overdue (rec, today);

      if (group == NULL)
        {
          group = g_new0 (UsgaTrackerGroup, 1);
          group->key = g_steal_pointer (&key);
          group->label_en = by_theme ? g_strdup (rec->theme_en) : g_strdup_printf ("SDG %d", rec->sdg);
          group->label_es = by_theme ? g_strdup (rec->theme_es) : g_strdup_printf ("ODS %d", rec->sdg);
          g_hash_table_insert (index, group->key, group);
          g_ptr_array_add (groups, group);
        }
      group->counts[s]++;
      group->total++;
      group->overdue += overdue;
      total->counts[s]++;
      total->total++;
      total->overdue += overdue;
    }
  /* SDGs in numeric order; themes stay in report order (the list is ordered by id). */
  if (!by_theme)
    {
      for (guint i = 2; i < groups->len; i++)
        for (guint j = i; j > 1 && atoi (((UsgaTrackerGroup *) groups->pdata[j - 1])->key) >
                                   atoi (((UsgaTrackerGroup *) groups->pdata[j])->key); j--)
          {
            gpointer tmp = groups->pdata[j];
            groups->pdata[j] = groups->pdata[j - 1];
            groups->pdata[j - 1] = tmp;
          }
    }
  return g_steal_pointer (&groups);
}

/* --- related ------------------------------------------------------------ */

void
usga_related_free (UsgaRelated *related)
{
  if (related == NULL)
    return;
  g_free (related->id);
  g_free (related);
}

static const char *const stopwords[] = {
  "ABOUT", "ACROSS", "ACTIONS", "AFTER", "ALONG", "AMONG", "AND", "ARE", "BETWEEN", "BOROUGH",
  "BOTH", "CITY", "CONTINUE", "EACH", "FOR", "FROM", "HAVE", "INTO", "IZTAPALAPA", "KEEP",
  "MAYOR", "MEXICO", "MORE", "OFFICE", "ORDER", "OTHER", "PROMOTE", "SUCH", "THAT", "THE",
  "THEIR", "THEM", "THESE", "THIS", "THROUGH", "USING", "WHERE", "WHICH", "WITH", "WITHIN",
};

static gint
compare_related (gconstpointer a, gconstpointer b)
{
  const UsgaRelated *x = *(UsgaRelated **) a, *y = *(UsgaRelated **) b;

  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  return strcmp (x->id, y->id);
}

/* Significant words, cut to a 6-letter stem so "camera" and "cameras" meet. */
static GHashTable *
word_stems (const char *text)
{
  g_autofree char *norm = usga_text_normalize (text);
  GHashTable *stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) words = NULL;

  for (char *p = norm; *p; p++)
    if (!g_ascii_isalnum (*p))
      *p = ' ';
  words = g_strsplit (norm, " ", -1);
  for (guint i = 0; words[i]; i++)
    {
      gboolean stop = FALSE;

      if (strlen (words[i]) < 4)
        continue;
      for (guint s = 0; s < G_N_ELEMENTS (stopwords) && !stop; s++)
        stop = g_str_equal (words[i], stopwords[s]);
      if (!stop)
        g_hash_table_add (stems, g_strndup (words[i], 6));
    }
  return stems;
}

static double
stem_weight (GHashTable *df, const char *stem, guint n_docs)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (df, stem));
  /* Rare words say more about the action than words every recommendation uses. */
  return log ((double) (n_docs + 1) / (count + 1));
}

GPtrArray *
usga_tracker_related (UsgaDb *db, const char *id, guint max, GError **error)
{
  g_autoptr(GPtrArray) recs = usga_tracker_list (db, NULL, error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_related_free);
  g_autoptr(GPtrArray) stems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) df = g_hash_table_new (g_str_hash, g_str_equal);
  UsgaRecommendation *self = NULL;
  GHashTable *mine = NULL;

  if (recs == NULL)
    return NULL;
  for (guint i = 0; i < recs->len; i++)
    {
      UsgaRecommendation *rec = recs->pdata[i];
      GHashTable *set = word_stems (rec->summary_en);
      GHashTableIter iter;
      gpointer stem;

      g_ptr_array_add (stems, set);
      g_hash_table_iter_init (&iter, set);
      while (g_hash_table_iter_next (&iter, &stem, NULL))
        g_hash_table_insert (df, stem, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (df, stem)) + 1));
      if (g_str_equal (rec->id, id))
        {
          self = rec;
          mine = set;
        }
    }
  if (self == NULL)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("There is no recommendation “%s” (ids run R001–R109)"), id);
      return NULL;
    }
  for (guint i = 0; i < recs->len; i++)
    {
      UsgaRecommendation *other = recs->pdata[i];
      GHashTable *theirs = stems->pdata[i];
      GHashTableIter iter;
      gpointer stem;
      double shared = 0, all = 0, score;
      guint n_shared = 0;

      if (other == self)
        continue;
      /* Weighted Jaccard over word stems. */
      g_hash_table_iter_init (&iter, mine);
      while (g_hash_table_iter_next (&iter, &stem, NULL))
        {
          double w = stem_weight (df, stem, recs->len);
          all += w;
          if (g_hash_table_contains (theirs, stem))
            {
              shared += w;
              n_shared++;
            }
        }
      g_hash_table_iter_init (&iter, theirs);
      while (g_hash_table_iter_next (&iter, &stem, NULL))
        if (!g_hash_table_contains (mine, stem))
          all += stem_weight (df, stem, recs->len);
      score = all > 0 ? shared / all : 0;
      /* The same row label in another table is the report repeating an action across crimes. */
      if (g_strcmp0 (other->topic_en, self->topic_en) == 0 && g_strcmp0 (other->theme_en, self->theme_en) != 0)
        score += 0.1;
      if (n_shared >= 2 && score >= 0.15)
        {
          UsgaRelated *r = g_new0 (UsgaRelated, 1);
          r->id = g_strdup (other->id);
          r->score = MIN (score, 1.0);
          g_ptr_array_add (out, r);
        }
    }
  g_ptr_array_sort (out, compare_related);
  if (max && out->len > max)
    g_ptr_array_set_size (out, max);
  return g_steal_pointer (&out);
}

/* --- export ------------------------------------------------------------- */

static void
history_to_json (JsonBuilder *b, const UsgaHistoryEntry *e)
{
  const char *names[] = { "uuid", "at", "by", "field", "old", "new", "note", "evidence_url", "criterion" };
  const char *values[] = { e->uuid, e->at, e->by, e->field, e->old_value, e->new_value, e->note, e->evidence_url, e->criterion };

  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      json_builder_set_member_name (b, names[i]);
      if (values[i])
        json_builder_add_string_value (b, values[i]);
      else
        json_builder_add_null_value (b);
    }
  json_builder_end_object (b);
}

static void
add_nullable (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

gboolean
usga_tracker_export_json (UsgaDb *db, GOutputStream *out, GError **error)
{
  g_autoptr(GPtrArray) recs = usga_tracker_list (db, NULL, error);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GHashTable) by_rec = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *now = now_iso8601 ();
  g_autofree char *text = NULL;
  gsize length;

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
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, EXPORT_FORMAT);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, EXPORT_VERSION);
  json_builder_set_member_name (b, "exported_at");
  json_builder_add_string_value (b, now);
  json_builder_set_member_name (b, "recommendations");
  json_builder_begin_array (b);
  for (guint i = 0; i < recs->len; i++)
    {
      UsgaRecommendation *rec = recs->pdata[i];
      GPtrArray *list = g_hash_table_lookup (by_rec, rec->id);

      json_builder_begin_object (b);
      add_nullable (b, "id", rec->id);
      json_builder_set_member_name (b, "sdg");
      json_builder_add_int_value (b, rec->sdg);
      add_nullable (b, "theme_en", rec->theme_en);
      add_nullable (b, "summary_en", rec->summary_en);
      add_nullable (b, "status", rec->status);
      add_nullable (b, "term", rec->term);
      add_nullable (b, "responsible", rec->responsible);
      add_nullable (b, "due_date", rec->due_date);
      json_builder_set_member_name (b, "progress");
      json_builder_add_int_value (b, rec->progress);
      json_builder_set_member_name (b, "history");
      json_builder_begin_array (b);
      for (guint j = 0; list && j < list->len; j++)
        history_to_json (b, list->pdata[j]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, &length);
  return g_output_stream_write_all (out, text, length, NULL, NULL, error) &&
         g_output_stream_write_all (out, "\n", 1, NULL, NULL, error);
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
static GPtrArray *
parse_import (UsgaDb *db, const char *path, GError **error)
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
      g_strcmp0 (json_node_get_string (format), EXPORT_FORMAT) != 0)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("%s is not a recommendations tracker export (no “format”: “%s”)"), path, EXPORT_FORMAT);
      return NULL;
    }
  if (json_object_has_member (top, "version") &&
      json_object_get_int_member (top, "version") > EXPORT_VERSION)
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
          if (!value_valid (field, new_value, &local) ||
              (old_value && !value_valid (field, old_value, &local)))
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

UsgaTrackerImportReport *
usga_tracker_import_json (UsgaDb *db, const char *path, GError **error)
{
  g_autoptr(GPtrArray) incoming = parse_import (db, path, error);
  g_autoptr(UsgaTrackerImportReport) report = NULL;
  g_autoptr(GHashTable) touched = NULL;   /* recommendation id -> TRUE */
  g_autoptr(GHashTable) added = NULL;     /* uuid set of entries new here */
  g_autoptr(GHashTable) incoming_uuids = NULL;
  GHashTableIter iter;
  gpointer id;

  if (incoming == NULL)
    return NULL;
  report = g_new0 (UsgaTrackerImportReport, 1);
  report->conflicts = g_ptr_array_new_with_free_func (g_free);
  touched = g_hash_table_new (g_str_hash, g_str_equal);
  added = g_hash_table_new (g_str_hash, g_str_equal);
  incoming_uuids = g_hash_table_new (g_str_hash, g_str_equal);

  if (!usga_db_begin (db, error))
    return NULL;
  for (guint i = 0; i < incoming->len; i++)
    {
      UsgaHistoryEntry *e = incoming->pdata[i];
      sqlite3_stmt *stmt = usga_db_prepare (db,
          "SELECT " HISTORY_COLUMNS " FROM recommendation_history WHERE uuid = ?", error);
      g_autoptr(UsgaHistoryEntry) local = NULL;

      if (stmt == NULL)
        goto fail;
      g_hash_table_add (incoming_uuids, e->uuid);
      sqlite3_bind_text (stmt, 1, e->uuid, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        local = history_from_row (stmt);
      sqlite3_reset (stmt);
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
      if (!insert_history (db, e, error))
        goto fail;
      report->entries_added++;
      g_hash_table_add (added, e->uuid);
      g_hash_table_add (touched, e->recommendation_id);
    }

  /* Each touched field takes the value of its latest entry, whichever side wrote it. */
  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      g_autoptr(GPtrArray) history = usga_tracker_history (db, id, 0, error);
      gboolean changed = FALSE;

      if (history == NULL)
        goto fail;
      for (guint f = 0; f < G_N_ELEMENTS (tracked_fields) - 1; f++)
        {
          const char *field = tracked_fields[f];
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
                                              (char *) id, field,
                                              display_value (field, latest_here->new_value), latest_here->by, latest_here->at,
                                              display_value (field, latest_theirs->new_value), latest_theirs->by, latest_theirs->at,
                                              display_value (field, latest->new_value)));
          if (!set_field (db, id, field, latest->new_value, error))
            goto fail;
          changed = TRUE;
        }
      report->recommendations_updated += changed;
    }
  if (!usga_db_commit (db, error))
    goto fail;
  return g_steal_pointer (&report);

fail:
  usga_db_rollback (db);
  return NULL;
}

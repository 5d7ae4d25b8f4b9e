/* usga-tracker.c — the tracker's model and workflow: statuses and their moves, reading the
 * recommendations, validating a change and planning the history entries it makes, and the
 * base check that refuses a change made on a stale state. Storage: usga-tracker-sqlite.c
 * (local) and usga-tracker-pg.c (shared); files: usga-tracker-io.c.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "usga-filter.h"
#include "usga-json.h"
#include "usga-text.h"
#include "usga-tracker-private.h"

G_DEFINE_QUARK (usga-tracker-error-quark, usga_tracker_error)

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

const char *const usga_tracker_fields[6] = { "status", "term", "responsible", "due_date", "progress", "note" };

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

char *
usga_tracker_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

char *
usga_tracker_now_iso8601 (void)
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
  g_free (rec->last_uuid);
  g_free (rec);
}

gboolean
usga_recommendation_is_overdue (const UsgaRecommendation *rec, const char *today)
{
  g_autofree char *now = today ? NULL : usga_tracker_today ();
  int s = usga_status_from_key (rec->status);

  if (rec->due_date == NULL || s == USGA_STATUS_IMPLEMENTED || s == USGA_STATUS_NOT_PURSUED)
    return FALSE;
  return strcmp (rec->due_date, today ? today : now) < 0;
}

UsgaRecommendation *
usga_tracker_rec_from_row (sqlite3_stmt *stmt)
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
  rec->last_uuid = column_dup (stmt, 19);
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
    today = usga_tracker_today ();
  if (query->responsible && *query->responsible)
    responsible = g_strdup_printf ("%%%s%%", query->responsible);

  stmt = usga_db_prepare (db,
      "SELECT " USGA_REC_COLUMNS " FROM recommendation r"
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
    g_ptr_array_add (out, usga_tracker_rec_from_row (stmt));
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
  sqlite3_stmt *stmt = usga_db_prepare (db, "SELECT " USGA_REC_COLUMNS " FROM recommendation r WHERE r.id = ?", error);
  UsgaRecommendation *rec = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rec = usga_tracker_rec_from_row (stmt);
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


UsgaHistoryEntry *
usga_tracker_history_from_row (sqlite3_stmt *stmt)
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

static gboolean
url_valid (const char *url)
{
  g_autofree char *scheme = NULL;

  if (!g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
    return FALSE;
  scheme = g_uri_parse_scheme (url);
  return g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0;
}

static gboolean
status_valid (const char *value)
{
  return usga_status_from_key (value) >= 0;
}

static gboolean
optional_term_valid (const char *value)
{
  return value == NULL || term_valid (value);
}

static gboolean
optional_date_valid (const char *value)
{
  return value == NULL || usga_filter_validate_date (value);
}

static gboolean
progress_valid (const char *value)
{
  guint64 n;

  return value && g_ascii_string_to_unsigned (value, 10, 0, 100, &n, NULL);
}

static gboolean
optional_office_valid (const char *value)
{
  return value == NULL || (g_utf8_validate (value, -1, NULL) && g_utf8_strlen (value, -1) <= 200);
}

static gboolean
any_note_valid (const char *value)
{
  return TRUE;
}

/* Each tracked field: its check, and the message when it fails (%s: the value, "" for unset). */
static const struct {
  const char *field;
  gboolean  (*valid) (const char *value);
  const char *problem;
} field_checks[] = {
  { "status", status_valid,
    N_("“%s” is not a status (use not_started, planned, in_progress, implemented, blocked or not_pursued)") },
  { "term", optional_term_valid, N_("“%s” is not a term (use short, medium or long)") },
  { "due_date", optional_date_valid, N_("“%s” is not a date (use YYYY-MM-DD)") },
  { "progress", progress_valid, N_("Progress must be a whole number from 0 to 100, not “%s”") },
  { "responsible", optional_office_valid, N_("The responsible office must be text of at most 200 characters") },
  { "note", any_note_valid, NULL },
};

gboolean
usga_tracker_value_valid (const char *field, const char *value, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_checks); i++)
    {
      if (!g_str_equal (field, field_checks[i].field))
        continue;
      if (field_checks[i].valid (value))
        return TRUE;
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _(field_checks[i].problem), value ? value : "");
      return FALSE;
    }
  g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("“%s” is not a tracked field"), field);
  return FALSE;
}

static char *
normalize_optional (const char *value)
{
  g_autofree char *stripped = value ? g_strstrip (g_strdup (value)) : NULL;

  return stripped && *stripped ? g_steal_pointer (&stripped) : NULL;
}

UsgaHistoryEntry *
usga_history_entry_copy (const UsgaHistoryEntry *e)
{
  UsgaHistoryEntry *c = g_new0 (UsgaHistoryEntry, 1);

  c->uuid = g_strdup (e->uuid);
  c->recommendation_id = g_strdup (e->recommendation_id);
  c->at = g_strdup (e->at);
  c->by = g_strdup (e->by ? e->by : "");
  c->field = g_strdup (e->field);
  c->old_value = g_strdup (e->old_value);
  c->new_value = g_strdup (e->new_value);
  c->note = g_strdup (e->note);
  c->evidence_url = g_strdup (e->evidence_url);
  c->criterion = g_strdup (e->criterion);
  return c;
}

char *
usga_tracker_field_value (const UsgaRecommendation *rec, const char *field)
{
  if (g_str_equal (field, "status")) return g_strdup (rec->status);
  if (g_str_equal (field, "term")) return g_strdup (rec->term);
  if (g_str_equal (field, "responsible")) return g_strdup (rec->responsible);
  if (g_str_equal (field, "due_date")) return g_strdup (rec->due_date);
  if (g_str_equal (field, "progress")) return g_strdup_printf ("%d", rec->progress);
  return NULL;
}

static char *
describe_entry (const UsgaHistoryEntry *e)
{
  const char *by = e->by && *e->by ? e->by : _("someone without a name");

  if (g_str_equal (e->field, "status"))
    return g_strdup_printf (_("%s set it to “%s” at %s"), by, usga_status_name (e->new_value), e->at);
  if (g_str_equal (e->field, "note"))
    return g_strdup_printf (_("%s added a note at %s"), by, e->at);
  return g_strdup_printf (_("%s changed its %s at %s"), by, e->field, e->at);
}

gboolean
usga_tracker_check_base (const UsgaRecommendation *rec, const UsgaHistoryEntry *latest,
                         const UsgaHistoryEntry *latest_status, const UsgaTrackerChange *change, GError **error)
{
  if (change->base_status && g_strcmp0 (change->base_status, rec->status) != 0)
    {
      g_autofree char *who = latest_status ? describe_entry (latest_status) : g_strdup ("—");

      g_set_error (error, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_STALE,
                   _("%s is no longer “%s” but “%s” (%s). Nothing was written; look at its current state and apply your change again."),
                   rec->id, usga_status_name (change->base_status), usga_status_name (rec->status), who);
      return FALSE;
    }
  if (change->base_uuid && g_strcmp0 (*change->base_uuid ? change->base_uuid : NULL, latest ? latest->uuid : NULL) != 0)
    {
      g_autofree char *who = latest ? describe_entry (latest) : g_strdup ("—");

      g_set_error (error, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_STALE,
                   _("%s was changed after you read it: %s. Nothing was written; look at its current state and apply your change again."),
                   rec->id, who);
      return FALSE;
    }
  return TRUE;
}

static gboolean
refuse_status (const UsgaRecommendation *rec, const char *to, GError **error)
{
  if (g_strcmp0 (rec->status, "implemented") == 0)
    g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                 _("%s is implemented; reopen it as “%s” first"), rec->id, usga_status_name ("in_progress"));
  else if (g_strcmp0 (to, "implemented") == 0)
    g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                 _("%s cannot go from “%s” to “%s”: only a recommendation in progress can be marked implemented"),
                 rec->id, usga_status_name (rec->status), usga_status_name (to));
  else
    g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                 _("%s cannot go from “%s” to “%s”"), rec->id,
                 usga_status_name (rec->status), usga_status_name (to));
  return FALSE;
}

GPtrArray *
usga_tracker_plan_change (const UsgaRecommendation *rec, const UsgaTrackerChange *change, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) usga_history_entry_free);
  g_autofree char *at = usga_tracker_now_iso8601 ();
  g_autofree char *note = normalize_optional (change->note);
  g_autofree char *evidence = normalize_optional (change->evidence_url);
  g_autofree char *criterion = normalize_optional (change->criterion);
  g_autofree char *by = normalize_optional (change->by);
  const char *status = NULL;
  int progress = change->progress;

  if (g_strcmp0 (rec->kind, "mayor") != 0)
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("“%s” is advice to residents or a section 3 item, not one of the 109; it is not tracked"), rec->id);
      return NULL;
    }
  if (evidence && !url_valid (evidence))
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                   _("The evidence link “%s” is not an http(s) address"), evidence);
      return NULL;
    }

#define ADD(FIELD_, OLD_, NEW_) G_STMT_START { \
    UsgaHistoryEntry *e_ = g_new0 (UsgaHistoryEntry, 1); \
    e_->uuid = g_uuid_string_random (); e_->recommendation_id = g_strdup (rec->id); \
    e_->at = g_strdup (at); e_->by = g_strdup (by ? by : ""); e_->field = g_strdup (FIELD_); \
    e_->old_value = g_strdup (OLD_); e_->new_value = g_strdup (NEW_); e_->note = g_strdup (note); \
    e_->evidence_url = g_strdup (evidence); e_->criterion = g_strdup (criterion); \
    g_ptr_array_add (out, e_); } G_STMT_END

  if (change->status && g_strcmp0 (change->status, rec->status) != 0)
    {
      if (!usga_tracker_value_valid ("status", change->status, error))
        return NULL;
      if (!usga_status_transition_allowed (rec->status, change->status))
        return refuse_status (rec, change->status, error), NULL;
      status = change->status;
      ADD ("status", rec->status, change->status);
    }
  {
    const char *names[] = { "term", "responsible", "due_date" };
    const char *wanted[] = { change->term, change->responsible, change->due_date };
    const char *current[] = { rec->term, rec->responsible, rec->due_date };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *value = normalize_optional (wanted[i]);

        if (wanted[i] == NULL)
          continue;
        if (!usga_tracker_value_valid (names[i], value, error))
          return NULL;
        if (g_strcmp0 (value, current[i]) != 0)
          ADD (names[i], current[i], value);
      }
  }
  if (progress < -1 || progress > 100)
    {
      g_autofree char *text = g_strdup_printf ("%d", progress);
      usga_tracker_value_valid ("progress", text, error);
      return NULL;
    }
  /* Implemented means done: the bar shows 100 %. */
  if (g_strcmp0 (status, "implemented") == 0)
    {
      if (progress >= 0 && progress != 100)
        {
          g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                       _("An implemented recommendation has 100 %% progress, not %d %%"), progress);
          return NULL;
        }
      progress = 100;
    }
  if (progress >= 0 && progress != rec->progress)
    {
      g_autofree char *old_text = g_strdup_printf ("%d", rec->progress);
      g_autofree char *text = g_strdup_printf ("%d", progress);
      ADD ("progress", old_text, text);
    }
  if (out->len == 0 && note)
    ADD ("note", NULL, NULL);
#undef ADD
  return g_steal_pointer (&out);
}

gboolean
usga_tracker_undo_change (const UsgaRecommendation *rec, const UsgaHistoryEntry *e, const char *by,
                          UsgaTrackerChange *change, char **note_out, GError **error)
{
  g_autofree char *current = NULL;

  if (g_str_equal (e->field, "note"))
    {
      g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID, _("A note changes nothing, so there is nothing to undo"));
      return FALSE;
    }
  current = usga_tracker_field_value (rec, e->field);
  /* Undoing an old change on top of newer ones would silently discard them. */
  if (g_strcmp0 (current, e->new_value) != 0)
    {
      g_set_error (error, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_STALE,
                   _("%s has changed since; only its latest change can be undone"), rec->id);
      return FALSE;
    }
  *note_out = g_strdup_printf (_("Undo of the change made %s by %s"), e->at, *e->by ? e->by : "—");
  *change = (UsgaTrackerChange) USGA_TRACKER_CHANGE_INIT;
  change->by = by;
  change->note = *note_out;
  change->criterion = "undo";
  if (g_str_equal (e->field, "status")) change->status = e->old_value;
  else if (g_str_equal (e->field, "term")) change->term = e->old_value ? e->old_value : "";
  else if (g_str_equal (e->field, "responsible")) change->responsible = e->old_value ? e->old_value : "";
  else if (g_str_equal (e->field, "due_date")) change->due_date = e->old_value ? e->old_value : "";
  else change->progress = e->old_value ? atoi (e->old_value) : 0;
  return TRUE;
}

char *
usga_tracker_printable (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p;)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_unichar (out, 0xFFFD);   /* invalid UTF-8 */
          p++;
          continue;
        }
      if (c == '\n' || c == '\t')
        g_string_append_c (out, ' ');
      /* C0, DEL and C1 controls (ESC, CSI 0x9b, OSC …) and the bidi overrides that reorder text. */
      else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

/* The change's string fields, in one list so a copy and its free cannot disagree. */
#define CHANGE_STRINGS(c) { &(c)->status, &(c)->term, &(c)->responsible, &(c)->due_date, &(c)->by, &(c)->note, \
                            &(c)->evidence_url, &(c)->criterion, &(c)->base_uuid, &(c)->base_status }

UsgaTrackerChange *
usga_tracker_change_dup (const UsgaTrackerChange *change)
{
  UsgaTrackerChange *copy = g_new (UsgaTrackerChange, 1);
  const char **fields[] = CHANGE_STRINGS (copy);

  *copy = change ? *change : (UsgaTrackerChange) USGA_TRACKER_CHANGE_INIT;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    *fields[i] = g_strdup (*fields[i]);
  return copy;
}

void
usga_tracker_change_free (UsgaTrackerChange *change)
{
  const char **fields[] = CHANGE_STRINGS (change);

  if (change == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_free ((char *) *fields[i]);
  g_free (change);
}

/* usga-tracker.h — the recommendations tracker: status workflow, append-only history,
 * full-text search, progress figures, export and merge-import of colleagues' files.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <gio/gio.h>
#include "usga-db.h"

G_BEGIN_DECLS

#define USGA_TRACKER_ERROR (usga_tracker_error_quark ())
GQuark usga_tracker_error_quark (void);

typedef enum {
  USGA_TRACKER_ERROR_STALE,        /* the change was based on a state that has changed since */
  USGA_TRACKER_ERROR_UNREACHABLE,  /* the shared tracker's server cannot be reached */
  USGA_TRACKER_ERROR_SERVER,       /* the server answered with an error */
} UsgaTrackerError;

typedef enum {
  USGA_STATUS_NOT_STARTED,
  USGA_STATUS_PLANNED,
  USGA_STATUS_IN_PROGRESS,
  USGA_STATUS_IMPLEMENTED,
  USGA_STATUS_BLOCKED,
  USGA_STATUS_NOT_PURSUED,
  USGA_N_STATUSES
} UsgaStatus;

/* Status keys as stored ("not_started", ...), in UsgaStatus order. */
const char *usga_status_key        (UsgaStatus status);
/* -1 when @key is not a status. */
int         usga_status_from_key   (const char *key);
const char *usga_status_name       (const char *key);   /* translated */
/* The workflow: not started → planned → in progress → implemented, plus blocked and not
 * pursued. Every allowed move can be walked back, so undo never breaks the rules. */
gboolean    usga_status_transition_allowed (const char *from, const char *to);
/* Counts as "addressed" in the cabinet figure: in progress or implemented. */
gboolean    usga_status_is_addressed (const char *key);

const char *usga_term_name         (const char *key);   /* short|medium|long, translated; "—" for NULL */

typedef struct {
  char *id;
  char *kind;          /* mayor | population | section3 */
  int   sdg;           /* 0 when none */
  char *section;
  char *theme_en, *theme_es, *topic_en, *topic_es, *summary_en, *summary_es;
  char *partners;      /* "; " separated */
  char *indicator;     /* crime category key or NULL */
  char *source_ref;
  char *status;
  char *term;          /* NULL when unset */
  char *responsible;   /* NULL when unset */
  char *due_date;      /* YYYY-MM-DD or NULL */
  int   progress;      /* 0-100 */
  char *last_change;   /* time of the latest history entry, or NULL */
  char *last_uuid;     /* uuid of the latest history entry (the version an edit is based on), or NULL */
} UsgaRecommendation;

void usga_recommendation_free (UsgaRecommendation *rec);
/* Due before @today (YYYY-MM-DD; NULL = today) and neither implemented nor not pursued. */
gboolean usga_recommendation_is_overdue (const UsgaRecommendation *rec, const char *today);

typedef struct {
  const char *text;        /* full-text search, accent- and case-insensitive, word prefixes */
  int         sdg;         /* 0 = any */
  const char *theme;       /* exact theme (English or Spanish) */
  const char *topic;       /* exact topic (English or Spanish) */
  const char *status;
  const char *term;
  const char *responsible; /* case-insensitive substring */
  gboolean    overdue;
  gboolean    all_kinds;   /* include population and section 3 items */
  const char *today;       /* for overdue; NULL = today */
} UsgaTrackerQuery;

/* UsgaRecommendation*, ordered by id; an unknown status/term is an error. */
GPtrArray *usga_tracker_list    (UsgaDb *db, const UsgaTrackerQuery *query, GError **error);
UsgaRecommendation *usga_tracker_get (UsgaDb *db, const char *id, GError **error);
/* The FTS5 MATCH expression for what a user typed (each word quoted, as a prefix); NULL if no words. */
char      *usga_tracker_fts_query (const char *text);
/* Ids of recommendations matching @text (a set: id -> id). */
GHashTable *usga_tracker_search (UsgaDb *db, const char *text, GError **error);

typedef struct {
  char *uuid;
  char *recommendation_id;
  char *at;             /* ISO 8601 UTC */
  char *by;
  char *field;          /* status | term | responsible | due_date | progress | note */
  char *old_value, *new_value;
  char *note, *evidence_url, *criterion;
} UsgaHistoryEntry;

void       usga_history_entry_free (UsgaHistoryEntry *entry);
/* Checks one field value (status, term, responsible, due_date, progress, note); @value NULL
 * means "unset". FALSE with USGA_DB_ERROR_INVALID saying what is wrong. */
gboolean   usga_tracker_value_valid (const char *field, const char *value, GError **error);
/* Adds @e as one JSON object to @json_builder (a JsonBuilder), as the tracker's files hold it;
 * @with_recommendation adds "recommendation_id" after "uuid" (for lists across recommendations). */
void       usga_history_entry_add_json (const UsgaHistoryEntry *e, gboolean with_recommendation,
                                        gpointer json_builder);
/* History of one recommendation (@id) or of all (@id NULL), newest first; @limit 0 = all. */
GPtrArray *usga_tracker_history (UsgaDb *db, const char *id, guint limit, GError **error);

typedef struct {
  const char *status;        /* NULL = unchanged */
  const char *term;          /* NULL = unchanged, "" = unset */
  const char *responsible;   /* NULL = unchanged, "" = unset */
  const char *due_date;      /* NULL = unchanged, "" = unset */
  int         progress;      /* -1 = unchanged */
  const char *by;
  const char *note;
  const char *evidence_url;  /* http(s) */
  const char *criterion;
  /* The version the change was based on; a change whose base no longer holds is refused
   * (USGA_TRACKER_ERROR_STALE) and nothing is written. NULL = no check. */
  const char *base_uuid;     /* latest history entry when read ("" = there was none) */
  const char *base_status;   /* the status when read */
} UsgaTrackerChange;

#define USGA_TRACKER_CHANGE_INIT { NULL, NULL, NULL, NULL, -1, NULL, NULL, NULL, NULL, NULL, NULL }

/* A copy of @change that owns its strings, for handing an edit to another thread; NULL gives
 * an empty change (USGA_TRACKER_CHANGE_INIT). Free with usga_tracker_change_free(). */
UsgaTrackerChange *usga_tracker_change_dup  (const UsgaTrackerChange *change);
void               usga_tracker_change_free (UsgaTrackerChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaTrackerChange, usga_tracker_change_free)

/* Checks @change's base against @rec's current state; @latest is the recommendation's latest
 * history entry and @latest_status its latest status entry (either may be NULL). The refusal
 * names who changed it and when. */
gboolean   usga_tracker_check_base (const UsgaRecommendation *rec, const UsgaHistoryEntry *latest,
                                    const UsgaHistoryEntry *latest_status,
                                    const UsgaTrackerChange *change, GError **error);
/* Validates @change against @rec's current state and returns the history entries it makes
 * (UsgaHistoryEntry*, with fresh uuids, time and author; empty when nothing changes), or NULL
 * with @error set when the change is refused. Both backends write exactly these. */
GPtrArray *usga_tracker_plan_change (const UsgaRecommendation *rec, const UsgaTrackerChange *change,
                                     GError **error);
/* The change that reverts history entry @e (for usga_tracker_undo); FALSE if it cannot be
 * undone because @rec changed since. @note_out receives the note to keep alive meanwhile. */
gboolean   usga_tracker_undo_change (const UsgaRecommendation *rec, const UsgaHistoryEntry *e, const char *by,
                                     UsgaTrackerChange *change, char **note_out, GError **error);

/* Validates and applies @change in one transaction, writing one history entry per changed
 * field (a note alone is an entry too). Returns the number of entries written, 0 when nothing
 * changed, -1 with @error set (and the database untouched) when the change is refused. */
int        usga_tracker_apply   (UsgaDb *db, const char *id, const UsgaTrackerChange *change, GError **error);
/* Reverts the history entry @uuid by writing a new entry (history is never edited). */
gboolean   usga_tracker_undo    (UsgaDb *db, const char *uuid, const char *by, GError **error);

typedef struct {
  char  *key;                      /* "5" for SDG 5, or the English theme */
  char  *label_en, *label_es;
  guint  counts[USGA_N_STATUSES];
  guint  total;
  guint  overdue;
} UsgaTrackerGroup;

void       usga_tracker_group_free (UsgaTrackerGroup *group);
/* Status counts of the 109 per SDG (@by_theme FALSE) or per theme; first row is the total. */
GPtrArray *usga_tracker_progress (UsgaDb *db, gboolean by_theme, const char *today, GError **error);
/* Percentage of the group in progress or implemented. */
double     usga_tracker_group_addressed_percent (const UsgaTrackerGroup *group);
/* The cabinet figure for a group and the note that explains it (statuses, overdue), as the
 * Recommendations page and the meeting PDF show them. */
char      *usga_tracker_group_headline (const UsgaTrackerGroup *group);
char      *usga_tracker_group_note     (const UsgaTrackerGroup *group);

typedef struct {
  char   *id;
  double  score;   /* 0-1 */
} UsgaRelated;

void       usga_related_free    (UsgaRelated *related);
/* Recommendations with the same action (shared significant words, same topic in another
 * theme), best first, at most @max. */
GPtrArray *usga_tracker_related (UsgaDb *db, const char *id, guint max, GError **error);

gboolean   usga_tracker_export_json        (UsgaDb *db, GOutputStream *out, GError **error);
/* One row per recommendation (current state). */
gboolean   usga_tracker_export_csv         (UsgaDb *db, GOutputStream *out, GError **error);
/* The same columns for the recommendations in @recs (UsgaRecommendation*). */
gboolean   usga_tracker_write_csv          (GPtrArray *recs, GOutputStream *out, GError **error);
/* One row per history entry. */
gboolean   usga_tracker_export_history_csv (UsgaDb *db, GOutputStream *out, GError **error);

typedef struct {
  guint      entries_added;
  guint      entries_present;        /* already here, identical */
  guint      recommendations_updated;
  GPtrArray *conflicts;              /* char*: one human-readable line each */
} UsgaTrackerImportReport;

void       usga_tracker_import_report_free (UsgaTrackerImportReport *report);
/* The merge rules, shared by the file import and "publish my local tracker to the server":
 * @here holds the target's history (UsgaHistoryEntry*), @incoming the entries offered. Fills
 * @report, @to_add (borrowed from @incoming: entries new to the target) and @sets (char*
 * triples: id, field, value — the value each touched field takes, NULL value = unset). */
void       usga_tracker_merge_plan (GPtrArray *here, GPtrArray *incoming, UsgaTrackerImportReport *report,
                                    GPtrArray *to_add, GPtrArray *sets);
/* Parses an export file (validated against @db's recommendations) into UsgaHistoryEntry*. */
GPtrArray *usga_tracker_parse_export (UsgaDb *db, const char *path, GError **error);
/* Copies @text for a terminal: control characters (escape sequences, CR, BEL, …) become
 * U+FFFD so a colleague's note cannot move the cursor or retitle the window; newlines and
 * tabs become spaces. */
char      *usga_tracker_printable (const char *text);

/* Merges a file written by usga_tracker_export_json(): history entries are matched by uuid
 * and never dropped; each field takes the value of its latest entry. Fields changed on both
 * sides and entries with the same uuid but different content are reported as conflicts.
 * A malformed file or an unknown id is an error and nothing is written. */
UsgaTrackerImportReport *usga_tracker_import_json (UsgaDb *db, const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaRecommendation, usga_recommendation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaHistoryEntry, usga_history_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaTrackerImportReport, usga_tracker_import_report_free)

G_END_DECLS

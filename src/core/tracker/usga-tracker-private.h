/* usga-tracker-private.h — pieces the tracker's files share (model, SQLite backend, history
 * and files, progress, PostgreSQL backend); not for the GUI or the CLI.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-tracker.h"

G_BEGIN_DECLS

#define USGA_TRACKER_EXPORT_FORMAT "usga-recommendations-tracker"
#define USGA_TRACKER_EXPORT_VERSION 1

/* The fields a history entry can name; the last one, "note", carries no state. */
extern const char *const usga_tracker_fields[6];

#define USGA_REC_COLUMNS \
  "r.id, r.kind, r.sdg, r.section, r.theme_en, r.theme_es, r.topic_en, r.topic_es," \
  " r.summary_en, r.summary_es, r.partners, r.indicator, r.source_ref, r.status, r.term," \
  " r.responsible, r.due_date, r.progress," \
  " (SELECT max(at) FROM recommendation_history h WHERE h.recommendation_id = r.id)," \
  " (SELECT uuid FROM recommendation_history h WHERE h.recommendation_id = r.id ORDER BY at DESC, id DESC LIMIT 1)"

#define USGA_HISTORY_COLUMNS "uuid, recommendation_id, at, by, field, old_value, new_value, note, evidence_url, criterion"

char               *usga_tracker_now_iso8601 (void);
char               *usga_tracker_today (void);
UsgaRecommendation *usga_tracker_rec_from_row (sqlite3_stmt *stmt);
UsgaHistoryEntry   *usga_tracker_history_from_row (sqlite3_stmt *stmt);
UsgaHistoryEntry   *usga_history_entry_copy (const UsgaHistoryEntry *e);
/* The current value of @field in @rec ("progress" as text); NULL when unset. */
char               *usga_tracker_field_value (const UsgaRecommendation *rec, const char *field);

/* SQLite backend pieces the file merge also uses. */
gboolean usga_tracker_sqlite_insert_history (UsgaDb *db, const UsgaHistoryEntry *e, GError **error);
gboolean usga_tracker_sqlite_set_field (UsgaDb *db, const char *id, const char *field, const char *value,
                                        GError **error);
UsgaHistoryEntry *usga_tracker_sqlite_entry (UsgaDb *db, const char *uuid, GError **error);
/* The merge rules applied to @db in one transaction. */
UsgaTrackerImportReport *usga_tracker_sqlite_merge (UsgaDb *db, GPtrArray *incoming, GError **error);

G_END_DECLS

/* usga-tracker-pg.h — the shared tracker backend: the same history and workflow on a
 * PostgreSQL server (libpq), for planners in several offices. Blocking calls: the GUI makes
 * them on its connection thread (usga-shared-link.c), never on the main loop.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include "usga-tracker.h"

G_BEGIN_DECLS

/* The channel the server notifies (payload: the recommendation id) after every history entry. */
#define USGA_TRACKER_PG_CHANNEL "usga_tracker"

typedef struct _UsgaTrackerPg UsgaTrackerPg;

/* "usga on /run/postgresql:5432" (database, host, port; never the password) for messages,
 * also for a server that cannot be reached or a connection string that does not parse. */
char          *usga_tracker_pg_server_name (const char *conninfo);
/* TRUE when @conninfo carries a password (which must live in ~/.pgpass or PGPASSFILE instead). */
gboolean       usga_tracker_pg_has_password (const char *conninfo);

/* Connects and brings the schema up to date: versioned migrations in one transaction under
 * an advisory lock (two first starts cannot both create it), the recommendations seeded
 * once from data/recommendations.json. USGA_TRACKER_ERROR_UNREACHABLE names the server. */
UsgaTrackerPg *usga_tracker_pg_connect     (const char *conninfo, GError **error);
void           usga_tracker_pg_free        (UsgaTrackerPg *pg);
const char    *usga_tracker_pg_server      (UsgaTrackerPg *pg);
/* The server's schema version after connecting. */
int            usga_tracker_pg_schema_version (UsgaTrackerPg *pg);

/* As usga_tracker_apply()/usga_tracker_undo(), in one server transaction with the row locked,
 * so the base check and the write cannot be overtaken. */
int            usga_tracker_pg_apply       (UsgaTrackerPg *pg, const char *id, const UsgaTrackerChange *change,
                                            GError **error);
gboolean       usga_tracker_pg_undo        (UsgaTrackerPg *pg, const char *uuid, const char *by, GError **error);
/* Copies the server's state and every history entry not yet held into @cache (an SQLite
 * tracker), in one transaction on each side. */
gboolean       usga_tracker_pg_fetch       (UsgaTrackerPg *pg, UsgaDb *cache, GError **error);
/* Merges @incoming (UsgaHistoryEntry*) with the file-import rules. */
UsgaTrackerImportReport *usga_tracker_pg_merge (UsgaTrackerPg *pg, GPtrArray *incoming, GError **error);

/* LISTEN on USGA_TRACKER_PG_CHANNEL; then wait for the socket to be readable and call
 * usga_tracker_pg_consume(), which says whether a notification arrived (FALSE + error when
 * the connection is lost). */
gboolean       usga_tracker_pg_listen      (UsgaTrackerPg *pg, GError **error);
int            usga_tracker_pg_socket      (UsgaTrackerPg *pg);
gboolean       usga_tracker_pg_consume     (UsgaTrackerPg *pg, gboolean *notified, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaTrackerPg, usga_tracker_pg_free)

G_END_DECLS

/* usga-fake-ckan.h — a local CKAN portal on 127.0.0.1 (a real SoupServer in its own thread)
 * answering resource_show and datastore_search like datos.cdmx.gob.mx, with injectable faults.
 * Used by test-sync and by the ingest benchmark; never touches the internet.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  USGA_FAKE_NONE,
  USGA_FAKE_HTTP_500,
  USGA_FAKE_HTTP_403,
  USGA_FAKE_DROP,        /* promise a long body, send part of it, close the connection */
  USGA_FAKE_TRUNCATED,   /* a complete HTTP answer whose JSON is cut off */
  USGA_FAKE_CKAN_ERROR,  /* success: false */
  USGA_FAKE_SILENT,      /* accept the request and never answer */
  USGA_FAKE_SLOW,        /* a valid answer, one byte at a time (see set_trickle) */
  USGA_FAKE_HUGE,        /* a valid JSON answer of set_huge bytes, chunked (no Content-Length) */
  USGA_FAKE_REDIRECT,    /* 302 to the same path and query on the set_redirect base */
  USGA_FAKE_EMPTY,       /* a page without records, as if the table ended there */
} UsgaFakeFault;

typedef struct _UsgaFakeCkan UsgaFakeCkan;

UsgaFakeCkan *usga_fake_ckan_new        (void);
void          usga_fake_ckan_free       (UsgaFakeCkan *fake);
const char   *usga_fake_ckan_url        (UsgaFakeCkan *fake);   /* http://127.0.0.1:PORT */
/* The same over HTTPS with @certificate (https://127.0.0.1:PORT). */
UsgaFakeCkan *usga_fake_ckan_new_tls    (GTlsCertificate *certificate);

/* A resource from a CSV-like table: @header names, @rows of GStrv (NULL value = JSON null).
 * Columns named in @numeric are sent as JSON numbers, like the DataStore's numeric columns. */
void          usga_fake_ckan_add_table  (UsgaFakeCkan *fake, const char *resource_id, const char *name,
                                         const char *last_modified, const char *const *header,
                                         GPtrArray *rows, const char *const *numeric);
/* Loads such a table from a CSV file (first line = header). */
gboolean      usga_fake_ckan_add_csv    (UsgaFakeCkan *fake, const char *resource_id, const char *name,
                                         const char *last_modified, const char *path,
                                         const char *const *numeric, GError **error);
/* @n generated carpetas in the current (G3, 21-column) schema, made on the fly. */
void          usga_fake_ckan_add_generated (UsgaFakeCkan *fake, const char *resource_id, guint n);
/* package_show for @package_id lists these resources (and a data dictionary outside the DataStore). */
void          usga_fake_ckan_add_package (UsgaFakeCkan *fake, const char *package_id,
                                          const char *const *resource_ids);
void          usga_fake_ckan_set_last_modified (UsgaFakeCkan *fake, const char *resource_id, const char *value);

/* The next @times datastore_search requests for @offset (-1: any request, any action; -2:
 * resource_show) fail. */
void          usga_fake_ckan_fail       (UsgaFakeCkan *fake, UsgaFakeFault fault, gint64 offset, guint times);
guint         usga_fake_ckan_requests   (UsgaFakeCkan *fake);
/* Every answer waits @ms first: a slow portal, to watch progress and cancel. */
void          usga_fake_ckan_set_delay  (UsgaFakeCkan *fake, guint ms);
/* datastore_search_sql answers 403 "Authorization Error", as on portals that restrict it. */
void          usga_fake_ckan_set_sql_disabled (UsgaFakeCkan *fake, gboolean disabled);
guint         usga_fake_ckan_sql_requests (UsgaFakeCkan *fake);
/* An older portal: refuses fields and records_format, and datastore_search_sql. */
void          usga_fake_ckan_set_plain_only (UsgaFakeCkan *fake, gboolean plain);
guint         usga_fake_ckan_max_limit  (UsgaFakeCkan *fake);  /* largest page served */
/* Like real portals (ckan.datastore.search.rows_max), never more than @rows a page, whatever
 * the limit asked (datastore_search and datastore_search_sql); 0: 32 000. */
void          usga_fake_ckan_set_page_cap (UsgaFakeCkan *fake, guint rows);
void          usga_fake_ckan_set_trickle  (UsgaFakeCkan *fake, guint ms_per_byte);   /* USGA_FAKE_SLOW */
void          usga_fake_ckan_set_huge     (UsgaFakeCkan *fake, gsize bytes);         /* USGA_FAKE_HUGE */
void          usga_fake_ckan_set_redirect (UsgaFakeCkan *fake, const char *base_url); /* USGA_FAKE_REDIRECT */

/* The generated row @i, as the 21 strings of usga_fake_generated_header. */
extern const char *const usga_fake_generated_header[];
void          usga_fake_generated_row   (guint64 i, char values[21][64]);
/* The víctimas counterpart: the current 22-column schema, one victim of carpeta @i per row. */
extern const char *const usga_fake_generated_victim_header[];
void          usga_fake_generated_victim_row (guint64 i, char values[22][64]);
/* @n generated víctimas, made on the fly like the carpetas. */
void          usga_fake_ckan_add_generated_victims (UsgaFakeCkan *fake, const char *resource_id, guint n);
/* The first @rows generated rows (carpetas, or víctimas) as a CSV file with its header, as the
 * portal's download. */
gboolean      usga_fake_generated_write_csv (const char *path, guint64 rows, gboolean victims, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaFakeCkan, usga_fake_ckan_free)

G_END_DECLS

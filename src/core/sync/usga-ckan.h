/* usga-ckan.h — a small, blocking CKAN action-API client (libsoup 3 + json-glib) for worker
 * threads: retries with backoff, failures classified into states a user understands.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "usga-ckan-page.h"

G_BEGIN_DECLS

#define USGA_SYNC_ERROR (usga_sync_error_quark ())
GQuark usga_sync_error_quark (void);

typedef enum {
  USGA_SYNC_ERROR_OFFLINE,       /* no network / name does not resolve */
  USGA_SYNC_ERROR_BLOCKED,       /* HTTP 403 or connection refused: the portal's geo-block */
  USGA_SYNC_ERROR_TIMEOUT,       /* still timing out after the retries */
  USGA_SYNC_ERROR_SERVER,        /* HTTP 5xx after the retries */
  USGA_SYNC_ERROR_HTTP,          /* another HTTP status */
  USGA_SYNC_ERROR_DISCONNECTED,  /* connection dropped in the middle of an answer */
  USGA_SYNC_ERROR_INVALID,       /* not JSON, truncated, or not shaped like CKAN's answers */
  USGA_SYNC_ERROR_CKAN,          /* "success": false; the portal's own message */
  USGA_SYNC_ERROR_TLS,           /* certificate not trusted: never ignored */
  USGA_SYNC_ERROR_SCHEMA,        /* a required column is missing */
  USGA_SYNC_ERROR_NOT_FOUND,     /* "success": false with CKAN's "Not Found Error" */
  USGA_SYNC_ERROR_TOO_LARGE,     /* the answer is larger than the cap for its kind */
  USGA_SYNC_ERROR_REDIRECT,      /* a redirect that is not followed (downgrade, loop, too many) */
  USGA_SYNC_ERROR_INCOMPLETE,    /* fewer rows than the portal's total; the next sync resumes */
  USGA_SYNC_ERROR_BUSY,          /* another process is running the same sync */
} UsgaSyncError;

typedef struct _UsgaCkanClient UsgaCkanClient;

UsgaCkanClient *usga_ckan_client_new         (const char *base_url, GError **error);
void            usga_ckan_client_free        (UsgaCkanClient *client);
/* @attempts in total per request; the wait doubles from @first_delay_ms between them. */
void            usga_ckan_client_set_retry   (UsgaCkanClient *client, guint attempts, guint first_delay_ms);
/* The idle deadline: a request fails when the server sends nothing for @seconds (default 30). */
void            usga_ckan_client_set_timeout (UsgaCkanClient *client, guint seconds);
/* The total deadline of one request, redirects and body included (default 300 000 ms). */
void            usga_ckan_client_set_deadline (UsgaCkanClient *client, guint total_ms);
/* Caps on the body: metadata answers (resource_show, package_show, counts; default 8 MB) and
 * DataStore pages (default 64 MB). 0 keeps the current value. */
void            usga_ckan_client_set_limits  (UsgaCkanClient *client, gsize metadata_bytes, gsize page_bytes);
/* Trusts the certificate authorities in the PEM file @path instead of the system's (a portal
 * with a private authority; the tests' own). */
gboolean        usga_ckan_client_set_ca_file (UsgaCkanClient *client, const char *path, GError **error);
const char     *usga_ckan_client_base_url    (UsgaCkanClient *client);
/* The base URL as it may be shown or stored: without its user name and password. */
const char     *usga_ckan_client_display_url (UsgaCkanClient *client);

/* @text with the user-information part ("user:secret@") of every URL in it replaced by
 * "***@": for anything printed or stored that may hold an address. */
char           *usga_ckan_redact (const char *text);

/* GETs @url (absolute, or a path relative to the base URL) and returns the "result" member of
 * CKAN's envelope. */
JsonNode *usga_ckan_client_get            (UsgaCkanClient *client, const char *url,
                                           GCancellable *cancellable, GError **error);
/* The same for a DataStore page ({"success": true, "result": {"records": […]}}), read without
 * building a json-glib tree. */
UsgaCkanPage *usga_ckan_client_get_page (UsgaCkanClient *client, const char *url,
                                         GCancellable *cancellable, GError **error);
JsonNode *usga_ckan_package_show         (UsgaCkanClient *client, const char *package_id,
                                           GCancellable *cancellable, GError **error);
JsonNode *usga_ckan_resource_show         (UsgaCkanClient *client, const char *resource_id,
                                           GCancellable *cancellable, GError **error);
/* The URL of one datastore_search page; @filters is a JSON object text or NULL; @fields a
 * comma-separated column list or NULL (all); @lists asks for records_format=lists. */
char     *usga_ckan_datastore_search_url  (UsgaCkanClient *client, const char *resource_id,
                                           const char *filters, const char *fields, gboolean lists,
                                           guint offset, guint limit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaCkanClient, usga_ckan_client_free)

G_END_DECLS

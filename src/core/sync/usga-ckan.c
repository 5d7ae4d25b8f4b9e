/* usga-ckan.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "usga-ckan.h"
#include "usga-json.h"

G_DEFINE_QUARK (usga-sync-error-quark, usga_sync_error)

#define MAX_REDIRECTS 5
#define READ_CHUNK 65536

struct _UsgaCkanClient {
  SoupSession *session;
  char        *base_url;     /* no trailing slash */
  char        *display_url;  /* the same without credentials, for messages and the log */
  guint        attempts;
  guint        first_delay_ms;
  guint        total_ms;
  gsize        max_metadata, max_page;
};

char *
usga_ckan_redact (const char *text)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  p = text;
  for (const char *scheme; (scheme = strstr (p, "://")) != NULL;)
    {
      const char *authority = scheme + 3, *end = authority, *at = NULL;

      /* The authority ends at the path, query, fragment or anything that cannot be in a URL. */
      while (*end && *end != '/' && *end != '?' && *end != '#' && !g_ascii_isspace (*end) &&
             *end != '"' && *end != '\'' && *end != '<' && *end != '>')
        {
          if (*end == '@')
            at = end;
          end++;
        }
      g_string_append_len (out, p, authority - p);
      if (at)
        {
          g_string_append (out, "***");
          g_string_append_len (out, at, end - at);
        }
      else
        g_string_append_len (out, authority, end - authority);
      p = end;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

UsgaCkanClient *
usga_ckan_client_new (const char *base_url, GError **error)
{
  g_autoptr(GUri) uri = NULL;
  UsgaCkanClient *c;

  uri = g_uri_parse (base_url ? base_url : "", G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_autofree char *shown = usga_ckan_redact (base_url ? base_url : "");
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_HTTP,
                   _("“%s” is not a web address of a CKAN portal (it should start with https://)."), shown);
      return NULL;
    }
  c = g_new0 (UsgaCkanClient, 1);
  c->base_url = g_strdup (base_url);
  while (g_str_has_suffix (c->base_url, "/"))
    c->base_url[strlen (c->base_url) - 1] = '\0';
  c->display_url = usga_ckan_redact (c->base_url);
  c->attempts = 4;
  c->first_delay_ms = 2000;
  c->total_ms = 300000;
  c->max_metadata = 8 << 20;
  c->max_page = 64 << 20;  /* a 32 000-row page of whole records is about 20 MB */
  /* TLS certificates are checked by GIO's defaults; no accept-certificate handler exists here
   * on purpose, so an untrusted portal is an error, never a warning. "timeout" is the idle
   * deadline of every socket operation; the total deadline is kept per request (fetch). */
  c->session = soup_session_new_with_options ("timeout", 30, "idle-timeout", 30,
                                              "user-agent", "usga-dashboard/" PACKAGE_VERSION " ", NULL);
  return c;
}

void
usga_ckan_client_free (UsgaCkanClient *c)
{
  if (c == NULL)
    return;
  g_object_unref (c->session);
  g_free (c->base_url);
  g_free (c->display_url);
  g_free (c);
}

void
usga_ckan_client_set_retry (UsgaCkanClient *c, guint attempts, guint first_delay_ms)
{
  c->attempts = MAX (attempts, 1);
  c->first_delay_ms = first_delay_ms;
}

void
usga_ckan_client_set_timeout (UsgaCkanClient *c, guint seconds)
{
  g_object_set (c->session, "timeout", MAX (seconds, 1), "idle-timeout", MAX (seconds, 1), NULL);
}

void
usga_ckan_client_set_deadline (UsgaCkanClient *c, guint total_ms)
{
  c->total_ms = MAX (total_ms, 1);
}

void
usga_ckan_client_set_limits (UsgaCkanClient *c, gsize metadata_bytes, gsize page_bytes)
{
  if (metadata_bytes)
    c->max_metadata = metadata_bytes;
  if (page_bytes)
    c->max_page = page_bytes;
}

gboolean
usga_ckan_client_set_ca_file (UsgaCkanClient *c, const char *path, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GTlsDatabase) database = g_tls_file_database_new (path, &local);

  if (database == NULL)
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_TLS,
                   _("The certificate authorities in “%s” could not be read (%s)."), path, local->message);
      return FALSE;
    }
  g_object_set (c->session, "tls-database", database, NULL);
  return TRUE;
}

const char *
usga_ckan_client_base_url (UsgaCkanClient *c)
{
  return c->base_url;
}

const char *
usga_ckan_client_display_url (UsgaCkanClient *c)
{
  return c->display_url;
}

static guint
idle_seconds (UsgaCkanClient *c)
{
  guint seconds = 0;

  g_object_get (c->session, "timeout", &seconds, NULL);
  return seconds;
}

static char *
format_bytes (gsize bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_DEFAULT);
}

/* One request's state: where it went, and the total deadline's watchdog. */
typedef struct {
  UsgaCkanClient *client;
  char           *redirected_from;  /* redacted, the first URL that answered with a redirect */
  char           *shown;            /* redacted, the URL being asked */
  GCancellable   *cancel;           /* cancelled by the caller's cancellable or the deadline */
  GMutex          lock;
  GCond           cond;
  gboolean        done, fired;
  gint64          deadline;
  GThread        *watchdog;
} Request;

static gpointer
watchdog_run (gpointer data)
{
  Request *r = data;

  g_mutex_lock (&r->lock);
  while (!r->done)
    if (!g_cond_wait_until (&r->cond, &r->lock, r->deadline))
      {
        if (!r->done)
          {
            r->fired = TRUE;
            g_cancellable_cancel (r->cancel);
          }
        break;
      }
  g_mutex_unlock (&r->lock);
  return NULL;
}

static void
cancel_request (GCancellable *caller, gpointer data)
{
  g_cancellable_cancel (data);
}

/* Where a message names the server: the address asked, and how it was reached. */
static char *
server_name (Request *r)
{
  if (r->redirected_from)
    return g_strdup_printf (_("%s (reached by a redirect from %s)"), r->shown, r->redirected_from);
  return g_strdup (r->client->display_url);
}

/* A refusal (connection refused, HTTP 403): by the portal itself it is the geo-block, and says
 * what to do; after a redirect it is another server's, named with @code only. */
static void
set_refused (Request *r, UsgaSyncError code, const char *refusal, GError **error)
{
  if (r->redirected_from)
    g_set_error_literal (error, USGA_SYNC_ERROR, code, refusal);
  else
    /* Translators: %s is "… refused the connection." or "… refused the request (HTTP 403)." */
    g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_BLOCKED,
                 _("%s The Mexico City portal blocks addresses outside Mexico; if you are abroad, "
                   "download the CSV file from the portal and use Import CSV instead."), refusal);
}

/* Sets @error from a transport failure; TRUE if trying again may help. */
static gboolean
classify_transport (Request *r, GCancellable *caller, GError *e, GError **error)
{
  UsgaCkanClient *c = r->client;
  g_autofree char *server = server_name (r);
  g_autofree char *detail = usga_ckan_redact (e->message);

  if (g_error_matches (e, G_IO_ERROR, G_IO_ERROR_CANCELLED) && r->fired &&
      !g_cancellable_is_cancelled (caller))
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_TIMEOUT,
                   _("%s did not finish its answer within %.1f s (the total deadline of a request)."),
                   server, c->total_ms / 1000.0);
      return FALSE;
    }
  if (g_error_matches (e, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (e));
      return FALSE;
    }
  if (e->domain == G_TLS_ERROR)
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_TLS,
                   _("The security certificate of %s could not be verified (%s). "
                     "The app does not exchange data with servers it cannot verify."),
                   server, detail);
      return FALSE;
    }
  if (g_error_matches (e, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    {
      g_autofree char *refusal = g_strdup_printf (_("%s refused the connection."), server);

      set_refused (r, USGA_SYNC_ERROR_REDIRECT, refusal, error);
      return FALSE;
    }
  if (e->domain == G_RESOLVER_ERROR ||
      g_error_matches (e, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (e, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (e, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_OFFLINE,
                   _("Cannot reach %s: this computer seems to be offline (%s)."), server, detail);
      return TRUE;
    }
  if (g_error_matches (e, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      /* The idle deadline has already waited: asking again would only wait as long again. */
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_TIMEOUT,
                   _("%s sent nothing for %u s (the idle deadline of a request)."), server, idle_seconds (c));
      return FALSE;
    }
  g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_DISCONNECTED,
               _("The connection to %s broke off in the middle of an answer (%s)."), server, detail);
  return TRUE;
}

/* The next address of a redirect answer, or NULL with @error when it is not followed. */
static char *
follow_redirect (Request *r, SoupMessage *msg, const char *url, guint hops, GError **error)
{
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
  g_autoptr(GUri) base = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GUri) next = base && location ? g_uri_parse_relative (base, location, G_URI_FLAGS_ENCODED, NULL) : NULL;
  g_autofree char *next_url = next ? g_uri_to_string (next) : NULL;
  g_autofree char *shown_next = usga_ckan_redact (next_url ? next_url : location ? location : "");
  guint status = soup_message_get_status (msg);

  if (next_url == NULL)
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_REDIRECT,
                   _("%s answered with a redirect (HTTP %u) without a usable address."), r->shown, status);
      return NULL;
    }
  /* Same scheme, or up to https; never down to an unencrypted address. */
  if (g_strcmp0 (g_uri_get_scheme (base), "https") == 0 && g_strcmp0 (g_uri_get_scheme (next), "https") != 0)
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_REDIRECT,
                   _("%s redirects to %s, an address without encryption; the redirect was not followed."),
                   r->shown, shown_next);
      return NULL;
    }
  if (g_strcmp0 (g_uri_get_scheme (next), "https") != 0 && g_strcmp0 (g_uri_get_scheme (next), "http") != 0)
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_REDIRECT,
                   _("%s redirects to %s, which is not a web address; the redirect was not followed."),
                   r->shown, shown_next);
      return NULL;
    }
  if (hops >= MAX_REDIRECTS)
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_REDIRECT,
                   _("%s redirected more than %u times (last to %s); the redirects were not followed further."),
                   r->redirected_from ? r->redirected_from : r->shown, MAX_REDIRECTS, shown_next);
      return NULL;
    }
  if (r->redirected_from == NULL)
    r->redirected_from = g_strdup (r->shown);
  g_free (r->shown);
  r->shown = g_steal_pointer (&shown_next);
  return g_steal_pointer (&next_url);
}

/* GETs @url (following redirects) and reads its body up to @max bytes. NULL with @error; *@retry
 * says whether trying again may help. The body is read in chunks into one buffer, so a cap
 * is applied before an oversized answer is held. */
static GBytes *
fetch (Request *r, const char *url, gsize max, guint *status, gboolean *retry,
       GCancellable *caller, GError **error)
{
  UsgaCkanClient *c = r->client;
  g_autofree char *current = g_strdup (url);

  *retry = FALSE;
  for (guint hops = 0;; hops++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", current);
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GError) local = NULL;
      g_autoptr(GByteArray) body = NULL;
      goffset length;

      if (msg == NULL)
        {
          g_autofree char *shown = usga_ckan_redact (current);
          g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_HTTP, _("Invalid address “%s”."), shown);
          return NULL;
        }
      soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
      stream = soup_session_send (c->session, msg, r->cancel, &local);
      if (stream == NULL)
        {
          *retry = classify_transport (r, caller, local, error);
          return NULL;
        }
      *status = soup_message_get_status (msg);
      if (SOUP_STATUS_IS_REDIRECTION (*status) && *status != 304)
        {
          char *next = follow_redirect (r, msg, current, hops, error);

          g_input_stream_close (stream, NULL, NULL);
          if (next == NULL)
            return NULL;
          g_free (current);
          current = next;
          continue;
        }

      length = soup_message_headers_get_content_length (soup_message_get_response_headers (msg));
      if (length > 0 && (gsize) length > max)
        {
          g_autofree char *cap = format_bytes (max);
          g_autofree char *size = format_bytes (length);
          g_autofree char *server = server_name (r);
          g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_TOO_LARGE,
                       _("%s sent an answer of %s, more than the %s allowed for it; it was not read."),
                       server, size, cap);
          return NULL;
        }
      body = g_byte_array_sized_new (length > 0 ? (guint) length : READ_CHUNK);
      for (;;)
        {
          gsize old = body->len;
          gssize n;

          g_byte_array_set_size (body, old + READ_CHUNK);
          n = g_input_stream_read (stream, body->data + old, READ_CHUNK, r->cancel, &local);
          g_byte_array_set_size (body, n > 0 ? old + n : old);
          if (n < 0)
            {
              *retry = classify_transport (r, caller, local, error);
              return NULL;
            }
          if (n == 0)
            break;
          if (body->len > max)
            {
              g_autofree char *cap = format_bytes (max);
              g_autofree char *server = server_name (r);
              g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_TOO_LARGE,
                           _("%s sent an answer larger than the %s allowed for it; reading stopped there."),
                           server, cap);
              return NULL;
            }
        }
      g_input_stream_close (stream, NULL, NULL);
      return g_byte_array_free_to_bytes (g_steal_pointer (&body));
    }
}

static JsonNode *
attempt_body (Request *r, GBytes *body, guint status, UsgaCkanPage **page, gboolean *retry, GError **error);

/* One request, with its total deadline. With @page, a plain page of records is read by the
 * single-pass reader and returned there; every other answer goes through json-glib, which
 * names what is wrong. */
static JsonNode *
attempt (UsgaCkanClient *c, const char *url, UsgaCkanPage **page, gboolean *retry,
         GCancellable *cancellable, GError **error)
{
  Request r = { .client = c };
  g_autoptr(GBytes) body = NULL;
  JsonNode *result = NULL;
  gulong handler = 0;
  guint status = 0;

  r.shown = usga_ckan_redact (url);
  r.cancel = g_cancellable_new ();
  g_mutex_init (&r.lock);
  g_cond_init (&r.cond);
  r.deadline = g_get_monotonic_time () + (gint64) c->total_ms * 1000;
  if (cancellable)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_request), r.cancel, NULL);
  r.watchdog = g_thread_new ("usga-ckan-deadline", watchdog_run, &r);

  body = fetch (&r, url, page ? c->max_page : c->max_metadata, &status, retry, cancellable, error);
  if (body)
    result = attempt_body (&r, body, status, page, retry, error);

  g_mutex_lock (&r.lock);
  r.done = TRUE;
  g_cond_signal (&r.cond);
  g_mutex_unlock (&r.lock);
  g_thread_join (r.watchdog);
  if (cancellable)
    g_cancellable_disconnect (cancellable, handler);
  g_object_unref (r.cancel);
  g_mutex_clear (&r.lock);
  g_cond_clear (&r.cond);
  g_free (r.shown);
  g_free (r.redirected_from);
  return result;
}

static JsonNode *
attempt_body (Request *r, GBytes *body, guint status, UsgaCkanPage **page, gboolean *retry, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *server = server_name (r);
  JsonObject *envelope;
  const char *data;
  gsize size;

  *retry = FALSE;
  if (status == SOUP_STATUS_FORBIDDEN)
    {
      g_autofree char *refusal = g_strdup_printf (_("%s refused the request (HTTP 403)."), server);

      set_refused (r, USGA_SYNC_ERROR_HTTP, refusal, error);
      return NULL;
    }
  if (status >= 500 || status == 429 || status == SOUP_STATUS_REQUEST_TIMEOUT)
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_SERVER,
                   _("%s had a server error (HTTP %u %s). Try again later."),
                   server, status, soup_status_get_phrase (status));
      *retry = TRUE;
      return NULL;
    }

  data = g_bytes_get_data (body, &size);
  if (page && SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      *page = usga_ckan_page_parse (data ? data : "", size, &local);
      if (*page == NULL)
        {
          /* A cut-off or garbled body may be a one-off; the retry decides. */
          g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_INVALID,
                       _("%s sent an answer that is not valid JSON (%s)."), server, local->message);
          *retry = TRUE;
          return NULL;
        }
      if (usga_ckan_page_is_records (*page))
        return NULL;
      g_clear_pointer (page, usga_ckan_page_free);
      /* Anything but records is an error answer or metadata: json-glib only within its cap. */
      if (size > r->client->max_metadata)
        {
          g_autofree char *cap = format_bytes (r->client->max_metadata);
          g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_TOO_LARGE,
                       _("%s sent an answer without records larger than the %s allowed for it."), server, cap);
          return NULL;
        }
    }
  parser = json_parser_new_immutable ();
  /* json-glib has no depth limit: a hostile answer of nested brackets would overflow the stack. */
  if (!usga_json_check (data ? data : "", size, USGA_JSON_MAX_DEPTH, USGA_JSON_MAX_BYTES, &local) ||
      !json_parser_load_from_data (parser, data ? data : "", size, &local) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      if (!SOUP_STATUS_IS_SUCCESSFUL (status))
        g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_HTTP,
                     _("%s answered HTTP %u %s."), server, status, soup_status_get_phrase (status));
      else
        {
          /* A cut-off or garbled body may be a one-off; the retry decides. */
          g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_INVALID,
                       _("%s sent an answer that is not valid JSON (%s)."), server,
                       local ? local->message : _("not an object"));
          *retry = local == NULL || local->domain != USGA_JSON_ERROR;
        }
      return NULL;
    }
  envelope = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (envelope, "success") && !json_object_get_boolean_member (envelope, "success"))
    {
      JsonObject *err = usga_json_member_object (envelope, "error");
      const char *message = usga_json_member_string (err, "message");
      const char *type = usga_json_member_string (err, "__type");
      g_autofree char *details = NULL;
      g_autofree char *shown = NULL;

      /* Validation errors carry field lists instead of a message. */
      if (message == NULL && err)
        {
          g_autoptr(JsonGenerator) gen = json_generator_new ();
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), err);
          json_generator_set_root (gen, node);
          details = json_generator_to_data (gen, NULL);
        }
      shown = usga_ckan_redact (message ? message : details ? details : _("no message"));
      g_set_error (error, USGA_SYNC_ERROR,
                   g_strcmp0 (type, "Not Found Error") == 0 ? USGA_SYNC_ERROR_NOT_FOUND : USGA_SYNC_ERROR_CKAN,
                   _("%s reported an error: %s%s%s"),
                   server, shown, type ? " — " : "", type ? type : "");
      return NULL;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_HTTP,
                   _("%s answered HTTP %u %s."), server, status, soup_status_get_phrase (status));
      return NULL;
    }
  if (!json_object_has_member (envelope, "result"))
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_INVALID,
                   _("%s sent JSON without a “result”; is this a CKAN portal?"), server);
      return NULL;
    }
  return json_node_copy (json_object_get_member (envelope, "result"));
}

static gboolean
wait_ms (guint ms, GCancellable *cancellable, GError **error)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_usleep (MIN (20000, end - g_get_monotonic_time () > 0 ? end - g_get_monotonic_time () : 0));
    }
  return TRUE;
}

static JsonNode *
get (UsgaCkanClient *c, const char *url, UsgaCkanPage **page, GCancellable *cancellable, GError **error)
{
  g_autofree char *absolute = NULL;
  guint delay = c->first_delay_ms;

  if (g_uri_peek_scheme (url) == NULL)
    absolute = g_strconcat (c->base_url, *url == '/' ? "" : "/", url, NULL);
  else
    absolute = g_strdup (url);

  for (guint n = 1;; n++)
    {
      g_autoptr(GError) local = NULL;
      gboolean retry;
      JsonNode *result = attempt (c, absolute, page, &retry, cancellable, &local);

      if (result || (page && *page))
        return result;
      if (!retry || n >= c->attempts)
        {
          if (retry && n > 1)
            g_prefix_error (&local, _("After %u attempts: "), n);
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      g_debug ("%s (attempt %u of %u, retrying in %u ms)", local->message, n, c->attempts, delay);
      if (!wait_ms (delay, cancellable, error))
        return NULL;
      delay = delay * 2;
    }
}

JsonNode *
usga_ckan_client_get (UsgaCkanClient *c, const char *url, GCancellable *cancellable, GError **error)
{
  return get (c, url, NULL, cancellable, error);
}

UsgaCkanPage *
usga_ckan_client_get_page (UsgaCkanClient *c, const char *url, GCancellable *cancellable, GError **error)
{
  g_autoptr(GError) local = NULL;
  UsgaCkanPage *page = NULL;
  g_autoptr(JsonNode) result = get (c, url, &page, cancellable, &local);

  if (page)
    return page;
  if (result)
    g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_INVALID, _("The portal sent an answer without records."));
  else
    g_propagate_error (error, g_steal_pointer (&local));
  return NULL;
}

JsonNode *
usga_ckan_package_show (UsgaCkanClient *c, const char *package_id, GCancellable *cancellable, GError **error)
{
  g_autofree char *id = g_uri_escape_string (package_id, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("/api/3/action/package_show?id=%s", id);

  return usga_ckan_client_get (c, url, cancellable, error);
}

JsonNode *
usga_ckan_resource_show (UsgaCkanClient *c, const char *resource_id, GCancellable *cancellable, GError **error)
{
  g_autofree char *id = g_uri_escape_string (resource_id, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("/api/3/action/resource_show?id=%s", id);

  return usga_ckan_client_get (c, url, cancellable, error);
}

char *
usga_ckan_datastore_search_url (UsgaCkanClient *c, const char *resource_id, const char *filters,
                                const char *fields, gboolean lists, guint offset, guint limit)
{
  g_autofree char *id = g_uri_escape_string (resource_id, NULL, FALSE);
  g_autofree char *f = filters ? g_uri_escape_string (filters, NULL, FALSE) : NULL;
  g_autofree char *cols = fields ? g_uri_escape_string (fields, ",", FALSE) : NULL;

  /* Sorting by _id keeps offsets stable between pages of one upload. */
  return g_strdup_printf ("%s/api/3/action/datastore_search?resource_id=%s&limit=%u&offset=%u"
                          "&sort=_id%%20asc&include_total=true%s%s%s%s%s",
                          c->base_url, id, limit, offset, f ? "&filters=" : "", f ? f : "",
                          cols ? "&fields=" : "", cols ? cols : "", lists ? "&records_format=lists" : "");
}

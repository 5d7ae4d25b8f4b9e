/* usga-ckan.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "usga-ckan.h"
#include "usga-json.h"

G_DEFINE_QUARK (usga-sync-error-quark, usga_sync_error)

struct _UsgaCkanClient {
  SoupSession *session;
  char        *base_url;  /* no trailing slash */
  guint        attempts;
  guint        first_delay_ms;
};

UsgaCkanClient *
usga_ckan_client_new (const char *base_url, GError **error)
{
  g_autoptr(GUri) uri = NULL;
  UsgaCkanClient *c;

  uri = g_uri_parse (base_url ? base_url : "", G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_HTTP,
                   _("“%s” is not a web address of a CKAN portal (it should start with https://)."),
                   base_url ? base_url : "");
      return NULL;
    }
  c = g_new0 (UsgaCkanClient, 1);
  c->base_url = g_strdup (base_url);
  while (g_str_has_suffix (c->base_url, "/"))
    c->base_url[strlen (c->base_url) - 1] = '\0';
  c->attempts = 4;
  c->first_delay_ms = 2000;
  /* TLS certificates are checked by GIO's defaults; no accept-certificate handler exists here
   * on purpose, so an untrusted portal is an error, never a warning. */
  c->session = soup_session_new_with_options ("timeout", 60, "idle-timeout", 60,
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
  g_object_set (c->session, "timeout", seconds, "idle-timeout", seconds, NULL);
}

const char *
usga_ckan_client_base_url (UsgaCkanClient *c)
{
  return c->base_url;
}

/* Sets @error from a transport failure; TRUE if trying again may help. */
static gboolean
classify_transport (UsgaCkanClient *c, GError *e, GError **error)
{
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
                   c->base_url, e->message);
      return FALSE;
    }
  if (g_error_matches (e, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_BLOCKED,
                   _("%s refused the connection. The Mexico City portal blocks addresses outside "
                     "Mexico; if you are abroad, download the CSV file from the portal and use "
                     "Import CSV instead."), c->base_url);
      return FALSE;
    }
  if (e->domain == G_RESOLVER_ERROR ||
      g_error_matches (e, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (e, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (e, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_OFFLINE,
                   _("Cannot reach %s: this computer seems to be offline (%s)."), c->base_url, e->message);
      return TRUE;
    }
  if (g_error_matches (e, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_TIMEOUT,
                   _("%s did not answer in time."), c->base_url);
      return TRUE;
    }
  g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_DISCONNECTED,
               _("The connection to %s broke off in the middle of an answer (%s)."), c->base_url, e->message);
  return TRUE;
}

/* One request. With @page, a plain page of records is read by the single-pass reader and
 * returned there; every other answer goes through json-glib, which names what is wrong. */
static JsonNode *
attempt (UsgaCkanClient *c, const char *url, UsgaCkanPage **page, gboolean *retry,
         GCancellable *cancellable, GError **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *envelope;
  const char *data;
  gsize size;
  guint status;

  *retry = FALSE;
  if (msg == NULL)
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_HTTP, _("Invalid address “%s”."), url);
      return NULL;
    }
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  body = soup_session_send_and_read (c->session, msg, cancellable, &local);
  if (body == NULL)
    {
      *retry = classify_transport (c, local, error);
      return NULL;
    }
  status = soup_message_get_status (msg);
  if (status == SOUP_STATUS_FORBIDDEN)
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_BLOCKED,
                   _("%s refused the request (HTTP 403). The Mexico City portal blocks addresses "
                     "outside Mexico; if you are abroad, download the CSV file from the portal and "
                     "use Import CSV instead."), c->base_url);
      return NULL;
    }
  if (status >= 500 || status == 429 || status == SOUP_STATUS_REQUEST_TIMEOUT)
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_SERVER,
                   _("%s had a server error (HTTP %u %s). Try again later."),
                   c->base_url, status, soup_status_get_phrase (status));
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
                       _("%s sent an answer that is not valid JSON (%s)."), c->base_url, local->message);
          *retry = TRUE;
          return NULL;
        }
      if (usga_ckan_page_is_records (*page))
        return NULL;
      g_clear_pointer (page, usga_ckan_page_free);
    }
  parser = json_parser_new_immutable ();
  /* json-glib has no depth limit: a hostile answer of nested brackets would overflow the stack. */
  if (!usga_json_check (data ? data : "", size, USGA_JSON_MAX_DEPTH, USGA_JSON_MAX_BYTES, &local) ||
      !json_parser_load_from_data (parser, data ? data : "", size, &local) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      if (!SOUP_STATUS_IS_SUCCESSFUL (status))
        g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_HTTP,
                     _("%s answered HTTP %u %s."), c->base_url, status, soup_status_get_phrase (status));
      else
        {
          /* A cut-off or garbled body may be a one-off; the retry decides. */
          g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_INVALID,
                       _("%s sent an answer that is not valid JSON (%s)."), c->base_url,
                       local ? local->message : _("not an object"));
          *retry = local == NULL || local->domain != USGA_JSON_ERROR;
        }
      return NULL;
    }
  envelope = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (envelope, "success") && !json_object_get_boolean_member (envelope, "success"))
    {
      JsonObject *err = json_object_get_object_member (envelope, "error");
      const char *message = err && json_object_has_member (err, "message")
                            ? json_object_get_string_member (err, "message") : NULL;
      const char *type = err && json_object_has_member (err, "__type")
                         ? json_object_get_string_member (err, "__type") : NULL;
      g_autofree char *details = NULL;

      /* Validation errors carry field lists instead of a message. */
      if (message == NULL && err)
        {
          g_autoptr(JsonGenerator) gen = json_generator_new ();
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), err);
          json_generator_set_root (gen, node);
          details = json_generator_to_data (gen, NULL);
        }
      g_set_error (error, USGA_SYNC_ERROR,
                   g_strcmp0 (type, "Not Found Error") == 0 ? USGA_SYNC_ERROR_NOT_FOUND : USGA_SYNC_ERROR_CKAN,
                   _("%s reported an error: %s%s%s"),
                   c->base_url, message ? message : details ? details : _("no message"),
                   type ? " — " : "", type ? type : "");
      return NULL;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_HTTP,
                   _("%s answered HTTP %u %s."), c->base_url, status, soup_status_get_phrase (status));
      return NULL;
    }
  if (!json_object_has_member (envelope, "result"))
    {
      g_set_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_INVALID,
                   _("%s sent JSON without a “result”; is this a CKAN portal?"), c->base_url);
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

/* usga-fake-ckan.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "usga-csv.h"
#include "usga-fake-ckan.h"

typedef struct {
  char      *id, *name, *last_modified;
  GStrv      header;
  GPtrArray *rows;       /* GStrv, or NULL when generated */
  guint      generated;  /* number of generated rows */
  gboolean   victims;    /* generated víctimas instead of carpetas */
  GStrv      numeric;
} Table;

struct _UsgaFakeCkan {
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  GTlsCertificate *tls;  /* serve HTTPS with it */
  char         *url;
  GMutex        lock;
  GCond         ready;
  GHashTable   *tables;  /* id -> Table* */
  GHashTable   *packages;  /* id -> GStrv of resource ids */
  UsgaFakeFault fault;
  gint64        fault_offset;
  guint         fault_times;
  guint         requests;
  guint         max_limit;
  guint         delay_ms;
  gboolean      plain_only;
  gboolean      sql_disabled;
  guint         sql_requests;
  guint         page_cap;
  guint         trickle_ms;
  gsize         huge_bytes;
  char         *redirect_base;
  GPtrArray    *held;     /* paused messages of silent answers, let go when the server stops */
};

/* A valid answer sent a byte per tick, until done or the client goes away. */
typedef struct {
  SoupServerMessage *msg;
  char              *body;
  gsize              sent, len;
  gboolean           gone;
} Trickle;

static void
trickle_gone (SoupServerMessage *msg, gpointer data)
{
  ((Trickle *) data)->gone = TRUE;
}

static void
trickle_free (gpointer data)
{
  Trickle *t = data;

  g_signal_handlers_disconnect_by_data (t->msg, t);
  g_object_unref (t->msg);
  g_free (t->body);
  g_free (t);
}

static gboolean
trickle_tick (gpointer data)
{
  Trickle *t = data;
  SoupMessageBody *body = soup_server_message_get_response_body (t->msg);

  if (t->gone)
    return G_SOURCE_REMOVE;
  soup_message_body_append (body, SOUP_MEMORY_COPY, t->body + t->sent++, 1);
  if (t->sent == t->len)
    soup_message_body_complete (body);
  soup_server_message_unpause (t->msg);
  return t->sent < t->len ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

const char *const usga_fake_generated_header[] = {
  "anio_hecho", "mes_hecho", "fecha_hecho", "hora_hecho", "delito", "categoria_delito", "competencia",
  "fiscalia", "agencia", "unidad_investigacion", "anio_inicio", "mes_inicio", "fecha_inicio", "hora_inicio",
  "colonia_catalogo", "colonia_hecho", "alcaldia_hecho", "alcaldia_catalogo", "municipio_hecho",
  "latitud", "longitud", NULL
};

static const char *const generated_numeric[] = { "anio_hecho", "anio_inicio", "latitud", "longitud", NULL };

/* The víctimas file's current schema (22 columns), one victim per row. */
const char *const usga_fake_generated_victim_header[] = {
  "anio_inicio", "mes_inicio", "fecha_inicio", "hora_inicio", "anio_hecho", "mes_hecho", "fecha_hecho",
  "hora_hecho", "delito", "categoria_delito", "sexo", "edad", "tipo_persona", "calidad_juridica",
  "competencia", "colonia_hecho", "colonia_catalogo", "alcaldia_hecho", "alcaldia_catalogo", "municipio_hecho",
  "latitud", "longitud", NULL
};

static const char *const generated_victim_numeric[] = { "anio_hecho", "anio_inicio", "edad", "latitud", "longitud", NULL };

static guint64
mix (guint64 x)
{
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

void
usga_fake_generated_row (guint64 i, char v[21][64])
{
  static const char *const delitos[] = {
    "VIOLENCIA FAMILIAR", "ROBO A TRANSEUNTE EN VIA PUBLICA CON VIOLENCIA", "FRAUDE",
    "ROBO DE OBJETOS", "AMENAZAS", "ROBO A NEGOCIO SIN VIOLENCIA", "ROBO DE VEHICULO DE SERVICIO PARTICULAR SIN VIOLENCIA",
    "LESIONES INTENCIONALES POR GOLPES", "DAÑO EN PROPIEDAD AJENA INTENCIONAL", "HOMICIDIO POR ARMA DE FUEGO",
    "ROBO A CASA HABITACION SIN VIOLENCIA", "ABUSO SEXUAL", "ROBO DE ACCESORIOS DE AUTO", "NARCOMENUDEO POSESION SIMPLE",
    "ROBO A REPARTIDOR CON VIOLENCIA", "VIOLACION", "ROBO A PASAJERO A BORDO DE METRO SIN VIOLENCIA",
    "DESPOJO", "USURPACION DE IDENTIDAD", "ROBO A TRANSEUNTE DE CELULAR SIN VIOLENCIA",
  };
  static const char *const alcaldias[] = {
    "IZTAPALAPA", "CUAUHTEMOC", "GUSTAVO A. MADERO", "BENITO JUAREZ", "COYOACAN", "ALVARO OBREGON",
    "TLALPAN", "MIGUEL HIDALGO", "VENUSTIANO CARRANZA", "AZCAPOTZALCO", "IZTACALCO", "XOCHIMILCO",
    "TLAHUAC", "LA MAGDALENA CONTRERAS", "CUAJIMALPA DE MORELOS", "MILPA ALTA",
  };
  static const char *const meses[] = { "Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio", "Julio",
                                       "Agosto", "Septiembre", "Octubre", "Noviembre", "Diciembre" };
  guint64 h = mix (i), h2 = mix (h);
  GDate date, opened;
  int y, m, d;

  /* Like the FGJ files: in the order carpetas were opened (2016-01-01 .. 2025-01-31 over the
   * first 2.1 M rows), the events themselves up to a few weeks earlier. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, 2016);
  g_date_add_days (&date, (guint) ((i % 2100000) * 3318 / 2100000));
  opened = date;
  g_date_subtract_days (&date, MIN (h % 8 == 0 ? (h >> 12) % 90 : (h >> 12) % 4, g_date_get_julian (&date) - 1));
  y = g_date_get_year (&date);
  m = g_date_get_month (&date);
  d = g_date_get_day (&date);
  g_snprintf (v[0], 64, "%d", y);
  g_strlcpy (v[1], meses[m - 1], 64);
  g_snprintf (v[2], 64, "%04d-%02d-%02d", y, m, d);
  g_snprintf (v[3], 64, "%02d:%02d:00", (int) (h2 % 24), (int) ((h2 >> 8) % 60));
  g_strlcpy (v[4], delitos[(h >> 20) % G_N_ELEMENTS (delitos)], 64);
  g_strlcpy (v[5], "DELITO DE BAJO IMPACTO", 64);
  g_strlcpy (v[6], "FUERO COMUN", 64);
  g_strlcpy (v[7], "INVESTIGACION EN IZTAPALAPA", 64);
  g_strlcpy (v[8], "IZP-1", 64);
  g_strlcpy (v[9], "UI-1SD", 64);
  g_snprintf (v[10], 64, "%d", g_date_get_year (&opened));
  g_strlcpy (v[11], meses[g_date_get_month (&opened) - 1], 64);
  g_snprintf (v[12], 64, "%04d-%02d-%02d", g_date_get_year (&opened), g_date_get_month (&opened), g_date_get_day (&opened));
  g_snprintf (v[13], 64, "%02d:%02d:00", (int) ((h2 >> 16) % 24), (int) ((h2 >> 24) % 60));
  g_snprintf (v[14], 64, "COLONIA %d", (int) ((h >> 32) % 1500));
  g_strlcpy (v[15], v[14], 64);
  g_strlcpy (v[16], alcaldias[(h >> 40) % G_N_ELEMENTS (alcaldias)], 64);
  g_strlcpy (v[17], v[16], 64);
  g_strlcpy (v[18], v[16], 64);
  g_snprintf (v[19], 64, "%.6f", 19.20 + (double) ((h2 >> 32) % 300000) / 1e6);
  g_snprintf (v[20], 64, "%.6f", -99.30 + (double) ((h2 >> 48) % 35000) / 1e5);
}

void
usga_fake_generated_victim_row (guint64 i, char v[22][64])
{
  /* The carpeta of row i, seen through one of its victims: about the shares of unknown sex
   * (17 %) and age (34 %) the real file has. */
  static const int from[] = { 10, 11, 12, 13, 0, 1, 2, 3, 4, 5, -1, -1, -1, -1, 6, 15, 14, 16, 17, 18, 19, 20 };
  char c[21][64];
  guint64 h = mix (i ^ 0x5eed);

  usga_fake_generated_row (i, c);
  for (int k = 0; k < 22; k++)
    if (from[k] >= 0)
      g_strlcpy (v[k], c[from[k]], 64);
  g_strlcpy (v[10], h % 100 < 17 ? "" : (h >> 8) % 2 ? "Femenino" : "Masculino", 64);
  if ((h >> 16) % 100 < 34)
    v[11][0] = '\0';
  else
    g_snprintf (v[11], 64, "%d", (int) ((h >> 24) % 90) + 1);
  g_strlcpy (v[12], (h >> 32) % 100 < 3 ? "MORAL" : "FISICA", 64);
  g_strlcpy (v[13], (h >> 40) % 100 < 15 ? "OFENDIDO" : "VICTIMA", 64);
}

/* Row @i of a generated table, with @ptrs pointing into @values. */
static void
generated_values (const Table *t, guint64 i, char values[22][64], const char *ptrs[22])
{
  if (t->victims)
    usga_fake_generated_victim_row (i, values);
  else
    usga_fake_generated_row (i, values);
  for (int c = 0; c < 22; c++)
    ptrs[c] = values[c];
}

static void
table_free (gpointer data)
{
  Table *t = data;

  g_free (t->id);
  g_free (t->name);
  g_free (t->last_modified);
  g_strfreev (t->header);
  g_strfreev (t->numeric);
  g_clear_pointer (&t->rows, g_ptr_array_unref);
  g_free (t);
}

static void
json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
is_numeric (Table *t, const char *name)
{
  return t->numeric && g_strv_contains ((const char *const *) t->numeric, name);
}

static void
append_value (GString *out, Table *t, guint col, const char *value)
{
  char *end;

  if (value == NULL)
    g_string_append (out, "null");
  else if (is_numeric (t, t->header[col]) && (g_ascii_isdigit (*value) || *value == '-') &&
           (g_ascii_strtod (value, &end), *end == '\0'))
    g_string_append (out, value);
  else if (is_numeric (t, t->header[col]))
    g_string_append (out, "null");  /* the DataStore cannot hold text in a numeric column */
  else
    json_string (out, value);
}

static void
respond (SoupServerMessage *msg, guint status, GString *body)
{
  gsize len = body->len;

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, g_string_free (body, FALSE), len);
}

static void
respond_error (SoupServerMessage *msg, guint status, const char *type, const char *message)
{
  GString *body = g_string_new ("{\"help\": \"\", \"success\": false, \"error\": {\"__type\": ");
  json_string (body, type);
  g_string_append (body, ", \"message\": ");
  json_string (body, message);
  g_string_append (body, "}}");
  respond (msg, status, body);
}

/* TRUE if a fault was served. */
static gboolean
serve_fault (UsgaFakeCkan *f, SoupServerMessage *msg, gint64 offset)
{
  UsgaFakeFault fault = USGA_FAKE_NONE;

  g_mutex_lock (&f->lock);
  if (f->fault_times > 0 && (f->fault_offset < 0 || f->fault_offset == offset))
    {
      fault = f->fault;
      f->fault_times--;
    }
  g_mutex_unlock (&f->lock);

  switch (fault)
    {
    case USGA_FAKE_NONE:
      return FALSE;
    case USGA_FAKE_HTTP_500:
      respond (msg, 500, g_string_new ("<html><body>Internal Server Error</body></html>"));
      return TRUE;
    case USGA_FAKE_HTTP_403:
      respond (msg, 403, g_string_new ("<html><body>Forbidden</body></html>"));
      return TRUE;
    case USGA_FAKE_CKAN_ERROR:
      respond_error (msg, 409, "Validation Error", "offset: Must be a natural number");
      return TRUE;
    case USGA_FAKE_TRUNCATED:
      respond (msg, 200, g_string_new ("{\"help\": \"\", \"success\": true, \"result\": {\"records\": [{\"delito\": \"ROB"));
      return TRUE;
    case USGA_FAKE_EMPTY:
      respond (msg, 200, g_string_new ("{\"help\": \"\", \"success\": true, \"result\": {\"fields\": [], \"records\": []}}"));
      return TRUE;
    case USGA_FAKE_SILENT:
      soup_server_message_pause (msg);
      g_mutex_lock (&f->lock);
      g_ptr_array_add (f->held, g_object_ref (msg));
      g_mutex_unlock (&f->lock);
      return TRUE;
    case USGA_FAKE_SLOW:
      {
        Trickle *t = g_new0 (Trickle, 1);
        GSource *source = g_timeout_source_new (MAX (f->trickle_ms, 1));

        t->msg = g_object_ref (msg);
        t->body = g_strdup ("{\"help\": \"\", \"success\": true, \"result\": {\"datastore_active\": true, "
                            "\"name\": \"slow.csv\", \"last_modified\": \"2025-01-01\"}}");
        t->len = strlen (t->body);
        g_signal_connect (msg, "finished", G_CALLBACK (trickle_gone), t);
        g_signal_connect (msg, "disconnected", G_CALLBACK (trickle_gone), t);
        soup_server_message_set_status (msg, 200, NULL);
        soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), "application/json", NULL);
        soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
        soup_server_message_pause (msg);
        g_source_set_callback (source, trickle_tick, t, trickle_free);
        g_source_attach (source, f->context);
        g_source_unref (source);
        return TRUE;
      }
    case USGA_FAKE_HUGE:
      {
        SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
        SoupMessageBody *body = soup_server_message_get_response_body (msg);
        const char *head = "{\"help\": \"";
        const char *tail = "\", \"success\": true, \"result\": {\"name\": \"huge.csv\"}}";
        char *filler = g_malloc (1 << 20);

        memset (filler, 'x', 1 << 20);
        soup_server_message_set_status (msg, 200, NULL);
        soup_message_headers_set_content_type (headers, "application/json", NULL);
        soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
        soup_message_body_append (body, SOUP_MEMORY_COPY, head, strlen (head));
        for (gsize n = 0; n < f->huge_bytes; n += 1 << 20)
          soup_message_body_append (body, SOUP_MEMORY_COPY, filler, MIN (1 << 20, f->huge_bytes - n));
        soup_message_body_append (body, SOUP_MEMORY_COPY, tail, strlen (tail));
        soup_message_body_complete (body);
        g_free (filler);
        return TRUE;
      }
    case USGA_FAKE_REDIRECT:
      {
        GUri *uri = soup_server_message_get_uri (msg);
        g_autofree char *location = g_strdup_printf ("%s%s%s%s", f->redirect_base ? f->redirect_base : "",
                                                     g_uri_get_path (uri), g_uri_get_query (uri) ? "?" : "",
                                                     g_uri_get_query (uri) ? g_uri_get_query (uri) : "");
        soup_server_message_set_redirect (msg, 302, location);
        return TRUE;
      }
    case USGA_FAKE_DROP:
      {
        GIOStream *io = soup_server_message_steal_connection (msg);
        const char *partial = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
                              "{\"help\": \"\", \"success\": true, \"result\": {\"records\": [";
        g_output_stream_write_all (g_io_stream_get_output_stream (io), partial, strlen (partial), NULL, NULL, NULL);
        g_io_stream_close (io, NULL, NULL);
        g_object_unref (io);
        return TRUE;
      }
    }
  return FALSE;
}

static gboolean
row_matches (Table *t, const char *const *row, JsonObject *filters)
{
  GList *members;
  gboolean ok = TRUE;

  if (filters == NULL)
    return TRUE;
  members = json_object_get_members (filters);
  for (GList *l = members; l && ok; l = l->next)
    {
      const char *want = json_object_get_string_member (filters, l->data);
      gboolean found = FALSE;
      for (guint c = 0; t->header[c]; c++)
        if (g_str_equal (t->header[c], l->data))
          {
            found = TRUE;
            ok = g_strcmp0 (row[c], want) == 0;
          }
      if (!found)
        ok = FALSE;
    }
  g_list_free (members);
  return ok;
}

/* @cols: column indexes to send, -1 for _id; @lists: records_format=lists */
static void
append_record (GString *body, Table *t, gint64 i, const char *const *row, gint64 emitted, GArray *cols, gboolean lists)
{
  if (emitted)
    g_string_append (body, ", ");
  g_string_append_c (body, lists ? '[' : '{');
  for (guint k = 0; k < cols->len; k++)
    {
      int c = g_array_index (cols, int, k);

      if (k)
        g_string_append (body, ", ");
      if (!lists)
        {
          json_string (body, c < 0 ? "_id" : t->header[c]);
          g_string_append (body, ": ");
        }
      if (c < 0)
        g_string_append_printf (body, "%" G_GINT64_FORMAT, i + 1);
      else
        append_value (body, t, c, row[c]);
    }
  g_string_append_c (body, lists ? ']' : '}');
}

static void
datastore_search (UsgaFakeCkan *f, SoupServerMessage *msg, GHashTable *query)
{
  const char *rid = query ? g_hash_table_lookup (query, "resource_id") : NULL;
  const char *limit_s = query ? g_hash_table_lookup (query, "limit") : NULL;
  const char *offset_s = query ? g_hash_table_lookup (query, "offset") : NULL;
  const char *filters_s = query ? g_hash_table_lookup (query, "filters") : NULL;
  const char *fields_s = query ? g_hash_table_lookup (query, "fields") : NULL;
  const char *format_s = query ? g_hash_table_lookup (query, "records_format") : NULL;
  gboolean lists = g_strcmp0 (format_s, "lists") == 0;
  g_autoptr(GArray) cols = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *filters = NULL;
  Table *t = rid ? g_hash_table_lookup (f->tables, rid) : NULL;
  gint64 limit = limit_s ? g_ascii_strtoll (limit_s, NULL, 10) : 100;
  gint64 offset = offset_s ? g_ascii_strtoll (offset_s, NULL, 10) : 0;
  gint64 total = 0, emitted = 0, n_rows;
  GString *body;
  char gen[22][64];
  const char *gen_ptrs[22];

  if (serve_fault (f, msg, offset))
    return;
  if (t == NULL)
    {
      respond_error (msg, 404, "Not Found Error", "Not found: Resource \"" "\" was not found.");
      return;
    }
  if (filters_s)
    {
      if (!json_parser_load_from_data (parser, filters_s, -1, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          respond_error (msg, 409, "Validation Error", "filters: Not a json object");
          return;
        }
      filters = json_node_get_object (json_parser_get_root (parser));
    }
  if (f->plain_only && (fields_s || format_s))
    {
      respond_error (msg, 409, "Validation Error", "fields: The input field fields was not expected.");
      return;
    }
  if (format_s && !lists && !g_str_equal (format_s, "objects"))
    {
      respond_error (msg, 409, "Validation Error", "records_format: Value must be one of ['objects', 'lists', 'csv', 'tsv']");
      return;
    }
  if (fields_s)
    {
      g_auto(GStrv) names = g_strsplit (fields_s, ",", -1);
      for (guint k = 0; names[k]; k++)
        {
          int found = -2;
          if (g_str_equal (g_strstrip (names[k]), "_id"))
            found = -1;
          for (int c = 0; t->header[c] && found == -2; c++)
            if (g_str_equal (t->header[c], names[k]))
              found = c;
          if (found == -2)
            {
              g_autofree char *message = g_strdup_printf ("fields: field \"%s\" not in table", names[k]);
              respond_error (msg, 409, "Validation Error", message);
              return;
            }
          g_array_append_val (cols, found);
        }
    }
  else
    {
      int id = -1;
      g_array_append_val (cols, id);
      for (int c = 0; t->header[c]; c++)
        g_array_append_val (cols, c);
    }
  limit = CLAMP (limit, 0, f->page_cap ? f->page_cap : 32000);  /* ckan.datastore.search.rows_max */
  g_mutex_lock (&f->lock);
  f->max_limit = MAX (f->max_limit, (guint) limit);
  g_mutex_unlock (&f->lock);

  body = g_string_sized_new (limit * 400 + 1024);
  g_string_append (body, "{\"help\": \"https://example.invalid/api/3/action/help_show?name=datastore_search\", "
                         "\"success\": true, \"result\": {\"include_total\": true, \"limit\": ");
  g_string_append_printf (body, "%" G_GINT64_FORMAT ", \"offset\": %" G_GINT64_FORMAT ", \"records_format\": \"%s\", "
                          "\"resource_id\": ", limit, offset, lists ? "lists" : "objects");
  json_string (body, rid);
  g_string_append (body, ", \"total_was_estimated\": false, \"fields\": [");
  for (guint k = 0; k < cols->len; k++)
    {
      int c = g_array_index (cols, int, k);
      g_string_append (body, k ? ", {\"id\": " : "{\"id\": ");
      json_string (body, c < 0 ? "_id" : t->header[c]);
      g_string_append (body, c < 0 ? ", \"type\": \"int\"}"
                             : is_numeric (t, t->header[c]) ? ", \"type\": \"numeric\"}" : ", \"type\": \"text\"}");
    }
  g_string_append (body, "], \"records\": [");

  n_rows = t->rows ? t->rows->len : t->generated;
  if (t->rows == NULL && filters == NULL)
    {
      /* Without filters the generated table needs no scan: jump to the page. */
      total = n_rows;
      for (gint64 i = offset; i < n_rows && i < offset + limit; i++)
        {
          generated_values (t, i, gen, gen_ptrs);
          append_record (body, t, i, gen_ptrs, emitted++, cols, lists);
        }
    }
  else
    for (gint64 i = 0; i < n_rows; i++)
      {
        const char *const *row;

        if (t->rows)
          row = t->rows->pdata[i];
        else
          {
            generated_values (t, i, gen, gen_ptrs);
            row = gen_ptrs;
          }
        if (!row_matches (t, row, filters))
          continue;
        total++;
        if (total <= offset || emitted >= limit)
          continue;
        append_record (body, t, i, row, emitted++, cols, lists);
      }

  {
    /* Like CKAN, the links repeat every parameter of the request. */
    GString *params = g_string_new (NULL);
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, query);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (!g_str_equal (key, "offset"))
        {
          g_autofree char *k = g_uri_escape_string (key, NULL, FALSE);
          g_autofree char *v = g_uri_escape_string (value, NULL, FALSE);
          g_string_append_printf (params, "%s%s=%s", params->len ? "&" : "", k, v);
        }
    g_string_append_printf (body, "], \"total\": %" G_GINT64_FORMAT ", \"_links\": {"
                            "\"start\": \"/api/3/action/datastore_search?%s\", "
                            "\"next\": \"/api/3/action/datastore_search?%s&offset=%" G_GINT64_FORMAT "\"}}}",
                            total, params->str, params->str, offset + limit);
    g_string_free (params, TRUE);
  }
  respond (msg, 200, body);
}

/* The one query shape the sync sends: SELECT "_id", "a", ... FROM "rid" WHERE "_id" > N
 * [AND "col" = 'VALUE'] ORDER BY "_id" LIMIT n. Anything else is refused like PostgreSQL would. */
static void
datastore_search_sql (UsgaFakeCkan *f, SoupServerMessage *msg, GHashTable *query)
{
  const char *sql = query ? g_hash_table_lookup (query, "sql") : NULL;
  g_autoptr(GRegex) re = g_regex_new ("^SELECT (.+) FROM \"([^\"]+)\" WHERE \"_id\" > ([0-9]+)"
                                      "(?: AND \"([^\"]+)\" = '([^']*)')? ORDER BY \"_id\" LIMIT ([0-9]+)$", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GArray) cols = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *select = NULL, *rid = NULL, *after_s = NULL, *filter_col = NULL, *filter_value = NULL, *limit_s = NULL;
  g_auto(GStrv) names = NULL;
  Table *t;
  gint64 after, limit, emitted = 0, n_rows, matched_before = 0;
  int filter_index = -1;
  GString *body;
  char gen[22][64];
  const char *gen_ptrs[22];

  g_mutex_lock (&f->lock);
  f->sql_requests++;
  g_mutex_unlock (&f->lock);
  if (f->sql_disabled || f->plain_only)
    {
      respond_error (msg, 403, "Authorization Error", "Access denied: Action datastore_search_sql requires an authenticated user");
      return;
    }
  if (sql == NULL || !g_regex_match (re, sql, 0, &match))
    {
      respond_error (msg, 409, "Validation Error", "query: syntax error");
      return;
    }
  select = g_match_info_fetch (match, 1);
  rid = g_match_info_fetch (match, 2);
  after_s = g_match_info_fetch (match, 3);
  filter_col = g_match_info_fetch (match, 4);
  filter_value = g_match_info_fetch (match, 5);
  limit_s = g_match_info_fetch (match, 6);
  t = g_hash_table_lookup (f->tables, rid);
  if (t == NULL)
    {
      respond_error (msg, 409, "Validation Error", "query: relation does not exist");
      return;
    }
  names = g_strsplit (select, ", ", -1);
  for (guint k = 0; names[k]; k++)
    {
      int found = -2;
      if (g_str_equal (names[k], "\"_id\""))
        found = -1;
      for (int c = 0; t->header[c] && found == -2; c++)
        {
          g_autofree char *quoted = g_strdup_printf ("\"%s\"", t->header[c]);
          if (g_str_equal (quoted, names[k]))
            found = c;
        }
      if (found == -2)
        {
          respond_error (msg, 409, "Validation Error", "query: column does not exist");
          return;
        }
      g_array_append_val (cols, found);
    }
  if (filter_col && *filter_col)
    for (int c = 0; t->header[c]; c++)
      if (g_str_equal (t->header[c], filter_col))
        filter_index = c;
  after = g_ascii_strtoll (after_s, NULL, 10);
  limit = MIN (g_ascii_strtoll (limit_s, NULL, 10), f->page_cap ? f->page_cap : 32000);
  n_rows = t->rows ? t->rows->len : t->generated;
  g_mutex_lock (&f->lock);
  f->max_limit = MAX (f->max_limit, (guint) limit);
  g_mutex_unlock (&f->lock);

  /* Faults are planned by datastore_search offset: the rows in scope before this page. */
  if (filter_index < 0)
    matched_before = MIN (after, n_rows);
  else
    for (gint64 i = 0; i < MIN (after, n_rows); i++)
      {
        const char *const *row = t->rows ? t->rows->pdata[i] : NULL;
        if (row == NULL)
          {
            generated_values (t, i, gen, gen_ptrs);
            row = gen_ptrs;
          }
        matched_before += g_strcmp0 (row[filter_index], filter_value) == 0;
      }
  if (serve_fault (f, msg, matched_before))
    return;

  body = g_string_sized_new (limit * 200 + 1024);
  g_string_append (body, "{\"help\": \"\", \"success\": true, \"result\": {\"sql\": ");
  json_string (body, sql);
  g_string_append (body, ", \"fields\": [");
  for (guint k = 0; k < cols->len; k++)
    {
      int c = g_array_index (cols, int, k);
      g_string_append (body, k ? ", {\"id\": " : "{\"id\": ");
      json_string (body, c < 0 ? "_id" : t->header[c]);
      g_string_append (body, c < 0 ? ", \"type\": \"int4\"}"
                             : is_numeric (t, t->header[c]) ? ", \"type\": \"numeric\"}" : ", \"type\": \"text\"}");
    }
  g_string_append (body, "], \"records\": [");
  for (gint64 i = after; i < n_rows && emitted < limit; i++)
    {
      const char *const *row = t->rows ? t->rows->pdata[i] : NULL;
      if (row == NULL)
        {
          generated_values (t, i, gen, gen_ptrs);
          row = gen_ptrs;
        }
      if (filter_index >= 0 && g_strcmp0 (row[filter_index], filter_value) != 0)
        continue;
      append_record (body, t, i, row, emitted++, cols, FALSE);
    }
  g_string_append (body, "]}}");
  respond (msg, 200, body);
}

static void
resource_show (UsgaFakeCkan *f, SoupServerMessage *msg, GHashTable *query)
{
  const char *rid = query ? g_hash_table_lookup (query, "id") : NULL;
  Table *t = rid ? g_hash_table_lookup (f->tables, rid) : NULL;
  GString *body;

  if (serve_fault (f, msg, -2))
    return;
  if (t == NULL)
    {
      respond_error (msg, 404, "Not Found Error", "Not found: Resource was not found.");
      return;
    }
  body = g_string_new ("{\"help\": \"\", \"success\": true, \"result\": {\"datastore_active\": true, \"format\": \"CSV\", \"id\": ");
  json_string (body, t->id);
  g_string_append (body, ", \"name\": ");
  json_string (body, t->name);
  g_mutex_lock (&f->lock);
  g_string_append (body, ", \"last_modified\": ");
  json_string (body, t->last_modified);
  g_mutex_unlock (&f->lock);
  g_string_append_printf (body, ", \"url\": \"%s/dataset/x/resource/%s/download/%s\"}}", f->url, t->id, t->name);
  respond (msg, 200, body);
}

/* A dataset with its tables as DataStore resources, and a data dictionary that is not one. */
static void
package_show (UsgaFakeCkan *f, SoupServerMessage *msg, GHashTable *query)
{
  const char *id = query ? g_hash_table_lookup (query, "id") : NULL;
  GStrv resources;
  GString *body;

  g_mutex_lock (&f->lock);
  resources = id ? g_hash_table_lookup (f->packages, id) : NULL;
  if (resources == NULL)
    {
      g_mutex_unlock (&f->lock);
      respond_error (msg, 404, "Not Found Error", "Not found");
      return;
    }
  body = g_string_new ("{\"help\": \"\", \"success\": true, \"result\": {\"name\": ");
  json_string (body, id);
  g_string_append (body, ", \"resources\": [{\"id\": \"dictionary-1\", \"name\": \"diccionario.xlsx\","
                         " \"format\": \"XLSX\", \"datastore_active\": false, \"last_modified\": \"2030-01-01T00:00:00\"}");
  for (guint i = 0; resources[i]; i++)
    {
      Table *t = g_hash_table_lookup (f->tables, resources[i]);

      if (t == NULL)
        continue;
      g_string_append (body, ", {\"format\": \"CSV\", \"datastore_active\": true, \"id\": ");
      json_string (body, t->id);
      g_string_append (body, ", \"name\": ");
      json_string (body, t->name);
      g_string_append (body, ", \"last_modified\": ");
      json_string (body, t->last_modified);
      g_string_append_c (body, '}');
    }
  g_mutex_unlock (&f->lock);
  g_string_append (body, "]}}");
  respond (msg, 200, body);
}

static void
handle (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  UsgaFakeCkan *f = data;

  guint delay;

  g_mutex_lock (&f->lock);
  f->requests++;
  delay = f->delay_ms;
  g_mutex_unlock (&f->lock);
  if (delay)
    g_usleep (delay * 1000);
  if (g_str_equal (path, "/api/3/action/datastore_search"))
    datastore_search (f, msg, query);
  else if (g_str_equal (path, "/api/3/action/datastore_search_sql"))
    datastore_search_sql (f, msg, query);
  else if (g_str_equal (path, "/api/3/action/resource_show"))
    resource_show (f, msg, query);
  else if (g_str_equal (path, "/api/3/action/package_show"))
    package_show (f, msg, query);
  else
    respond_error (msg, 400, "Bad Request", "Bad request - Action name not known");
}

static gpointer
server_thread (gpointer data)
{
  UsgaFakeCkan *f = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (f->context);
  f->server = soup_server_new ("tls-certificate", f->tls, NULL);
  soup_server_add_handler (f->server, "/api/3/action", handle, f, NULL);
  if (!soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY |
                                 (f->tls ? SOUP_SERVER_LISTEN_HTTPS : 0), &error))
    g_error ("fake CKAN: %s", error->message);
  uris = soup_server_get_uris (f->server);
  g_mutex_lock (&f->lock);
  f->url = g_strdup_printf ("%s://127.0.0.1:%d", f->tls ? "https" : "http", g_uri_get_port (uris->data));
  g_cond_signal (&f->ready);
  g_mutex_unlock (&f->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (f->loop);
  for (guint i = 0; i < f->held->len; i++)
    {
      soup_server_message_set_status (f->held->pdata[i], 503, NULL);
      soup_server_message_unpause (f->held->pdata[i]);
    }
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_main_context_pop_thread_default (f->context);
  return NULL;
}

static UsgaFakeCkan *
fake_new (GTlsCertificate *tls)
{
  UsgaFakeCkan *f = g_new0 (UsgaFakeCkan, 1);

  f->tls = tls ? g_object_ref (tls) : NULL;
  g_mutex_init (&f->lock);
  g_cond_init (&f->ready);
  f->tables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, table_free);
  f->packages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  f->held = g_ptr_array_new_with_free_func (g_object_unref);
  f->context = g_main_context_new ();
  f->loop = g_main_loop_new (f->context, FALSE);
  g_mutex_lock (&f->lock);
  f->thread = g_thread_new ("fake-ckan", server_thread, f);
  while (f->url == NULL)
    g_cond_wait (&f->ready, &f->lock);
  g_mutex_unlock (&f->lock);
  return f;
}

UsgaFakeCkan *
usga_fake_ckan_new (void)
{
  return fake_new (NULL);
}

UsgaFakeCkan *
usga_fake_ckan_new_tls (GTlsCertificate *certificate)
{
  return fake_new (certificate);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
usga_fake_ckan_free (UsgaFakeCkan *f)
{
  if (f == NULL)
    return;
  g_main_context_invoke (f->context, quit_loop, f->loop);
  g_thread_join (f->thread);
  g_main_loop_unref (f->loop);
  g_main_context_unref (f->context);
  g_hash_table_unref (f->tables);
  g_hash_table_unref (f->packages);
  g_clear_object (&f->tls);
  g_ptr_array_unref (f->held);
  g_free (f->redirect_base);
  g_free (f->url);
  g_mutex_clear (&f->lock);
  g_cond_clear (&f->ready);
  g_free (f);
}

const char *
usga_fake_ckan_url (UsgaFakeCkan *f)
{
  return f->url;
}

void
usga_fake_ckan_add_package (UsgaFakeCkan *f, const char *package_id, const char *const *resource_ids)
{
  g_mutex_lock (&f->lock);
  g_hash_table_replace (f->packages, g_strdup (package_id), g_strdupv ((GStrv) resource_ids));
  g_mutex_unlock (&f->lock);
}

void
usga_fake_ckan_add_table (UsgaFakeCkan *f, const char *rid, const char *name, const char *last_modified,
                          const char *const *header, GPtrArray *rows, const char *const *numeric)
{
  Table *t = g_new0 (Table, 1);

  t->id = g_strdup (rid);
  t->name = g_strdup (name);
  t->last_modified = g_strdup (last_modified);
  t->header = g_strdupv ((char **) header);
  t->rows = g_ptr_array_ref (rows);
  t->numeric = g_strdupv ((char **) numeric);
  g_mutex_lock (&f->lock);
  g_hash_table_replace (f->tables, t->id, t);
  g_mutex_unlock (&f->lock);
}

gboolean
usga_fake_ckan_add_csv (UsgaFakeCkan *f, const char *rid, const char *name, const char *last_modified,
                        const char *path, const char *const *numeric, GError **error)
{
  g_autoptr(UsgaCsvReader) reader = usga_csv_reader_new_for_file (path, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GStrvBuilder) header = g_strv_builder_new ();
  g_auto(GStrv) header_v = NULL;
  const GPtrArray *fields;
  guint n_cols;

  if (reader == NULL || (fields = usga_csv_reader_next (reader, error)) == NULL)
    return FALSE;
  n_cols = fields->len;
  for (guint i = 0; i < n_cols; i++)
    g_strv_builder_add (header, fields->pdata[i]);
  header_v = g_strv_builder_end (header);
  while ((fields = usga_csv_reader_next (reader, error)) != NULL)
    {
      char **row = g_new0 (char *, n_cols + 1);
      for (guint i = 0; i < n_cols; i++)
        row[i] = g_strdup (i < fields->len ? fields->pdata[i] : "");
      g_ptr_array_add (rows, row);
    }
  if (error && *error)
    return FALSE;
  usga_fake_ckan_add_table (f, rid, name, last_modified, (const char *const *) header_v, rows, numeric);
  return TRUE;
}

static void
add_generated_table (UsgaFakeCkan *f, const char *rid, guint n, gboolean victims)
{
  Table *t = g_new0 (Table, 1);

  t->id = g_strdup (rid);
  t->name = g_strdup (victims ? "victimasFGJ_acumulado_generated.csv" : "carpetasFGJ_acumulado_generated.csv");
  t->last_modified = g_strdup ("2025-02-10T12:00:00.000000");
  t->header = g_strdupv ((char **) (victims ? usga_fake_generated_victim_header : usga_fake_generated_header));
  t->generated = n;
  t->victims = victims;
  t->numeric = g_strdupv ((char **) (victims ? generated_victim_numeric : generated_numeric));
  g_mutex_lock (&f->lock);
  g_hash_table_replace (f->tables, t->id, t);
  g_mutex_unlock (&f->lock);
}

void
usga_fake_ckan_add_generated (UsgaFakeCkan *f, const char *rid, guint n)
{
  add_generated_table (f, rid, n, FALSE);
}

void
usga_fake_ckan_add_generated_victims (UsgaFakeCkan *f, const char *rid, guint n)
{
  add_generated_table (f, rid, n, TRUE);
}

void
usga_fake_ckan_set_last_modified (UsgaFakeCkan *f, const char *rid, const char *value)
{
  Table *t;

  g_mutex_lock (&f->lock);
  t = g_hash_table_lookup (f->tables, rid);
  if (t)
    {
      g_free (t->last_modified);
      t->last_modified = g_strdup (value);
    }
  g_mutex_unlock (&f->lock);
}

void
usga_fake_ckan_fail (UsgaFakeCkan *f, UsgaFakeFault fault, gint64 offset, guint times)
{
  g_mutex_lock (&f->lock);
  f->fault = fault;
  f->fault_offset = offset;
  f->fault_times = times;
  g_mutex_unlock (&f->lock);
}

guint
usga_fake_ckan_requests (UsgaFakeCkan *f)
{
  guint n;

  g_mutex_lock (&f->lock);
  n = f->requests;
  g_mutex_unlock (&f->lock);
  return n;
}

void
usga_fake_ckan_set_sql_disabled (UsgaFakeCkan *f, gboolean disabled)
{
  f->sql_disabled = disabled;
}

guint
usga_fake_ckan_sql_requests (UsgaFakeCkan *f)
{
  guint n;

  g_mutex_lock (&f->lock);
  n = f->sql_requests;
  g_mutex_unlock (&f->lock);
  return n;
}

void
usga_fake_ckan_set_plain_only (UsgaFakeCkan *f, gboolean plain)
{
  f->plain_only = plain;
}

void
usga_fake_ckan_set_delay (UsgaFakeCkan *f, guint ms)
{
  g_mutex_lock (&f->lock);
  f->delay_ms = ms;
  g_mutex_unlock (&f->lock);
}

guint
usga_fake_ckan_max_limit (UsgaFakeCkan *f)
{
  return f->max_limit;
}

void
usga_fake_ckan_set_page_cap (UsgaFakeCkan *f, guint rows)
{
  g_mutex_lock (&f->lock);
  f->page_cap = rows;
  g_mutex_unlock (&f->lock);
}

void
usga_fake_ckan_set_trickle (UsgaFakeCkan *f, guint ms_per_byte)
{
  g_mutex_lock (&f->lock);
  f->trickle_ms = ms_per_byte;
  g_mutex_unlock (&f->lock);
}

void
usga_fake_ckan_set_huge (UsgaFakeCkan *f, gsize bytes)
{
  g_mutex_lock (&f->lock);
  f->huge_bytes = bytes;
  g_mutex_unlock (&f->lock);
}

void
usga_fake_ckan_set_redirect (UsgaFakeCkan *f, const char *base_url)
{
  g_mutex_lock (&f->lock);
  g_free (f->redirect_base);
  f->redirect_base = g_strdup (base_url);
  g_mutex_unlock (&f->lock);
}

gboolean
usga_fake_generated_write_csv (const char *path, guint64 rows, gboolean victims, GError **error)
{
  const char *const *header = victims ? usga_fake_generated_victim_header : usga_fake_generated_header;
  Table kind = { .victims = victims };
  const char *ptrs[22];
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  char v[22][64];

  if (stream == NULL)
    return FALSE;
  out = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 1 << 20);
  for (int c = 0; header[c]; c++)
    g_string_append_printf (line, "%s%s", c ? "," : "", header[c]);
  g_string_append_c (line, '\n');
  for (guint64 i = 0; i <= rows; i++)
    {
      if (!g_output_stream_write_all (out, line->str, line->len, NULL, NULL, error))
        return FALSE;
      if (i == rows)
        break;
      generated_values (&kind, i, v, ptrs);
      g_string_truncate (line, 0);
      for (int c = 0; header[c]; c++)
        {
          if (c)
            g_string_append_c (line, ',');
          g_string_append (line, ptrs[c]);
        }
      g_string_append_c (line, '\n');
    }
  return g_output_stream_close (out, NULL, error);
}

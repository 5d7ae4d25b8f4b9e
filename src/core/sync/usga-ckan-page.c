/* usga-ckan-page.c — see usga-ckan-page.h.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "usga-ckan-page.h"

#define MAX_DEPTH 256

typedef enum { RECORD_OTHER, RECORD_OBJECT, RECORD_LIST } RecordKind;

typedef struct {
  gint32 key;    /* interned member name; -1 in a list */
  gint32 value;  /* offset of the text, -1 for "" */
} Cell;

typedef struct {
  guint32 first, n;  /* cells */
  RecordKind kind;
} Record;

struct _UsgaCkanPage {
  GString    *text;      /* every value, NUL-terminated */
  GArray     *cells;
  GArray     *records;
  GPtrArray  *keys;      /* interned member names of object records */
  GHashTable *key_index; /* name -> index + 1 */
  GArray     *key_order; /* the previous record's member order: most records repeat it */
  GPtrArray  *fields;    /* result.fields[].id, for list records */
  gboolean    success, has_result, has_records, has_total;
  gint64      total;
  char       *next;
  /* usga_ckan_page_record()'s lookups, made on its first call */
  GArray     *column_key;      /* int per name: key index or -1 */
  GArray     *column_position; /* int per name: position in a list record or -1 */
  GPtrArray  *by_key;          /* const char * per key, for one record */
};

typedef struct {
  const char   *start, *p, *end;
  UsgaCkanPage *page;
  GString      *scratch;
  GError      **error;
  int           depth;
} Scanner;

/* @what is an N_() string. */
static gboolean
fail (Scanner *s, const char *what)
{
  if (s->p >= s->end)
    g_set_error (s->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("the answer ends early, after %lu bytes"), (unsigned long) (s->end - s->start));
  else
    /* TRANSLATORS: "unexpected character at byte 120" */
    g_set_error (s->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("%s at byte %lu"), _(what), (unsigned long) (s->p - s->start));
  return FALSE;
}

static void
skip_space (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

/* Skips to the next value; FALSE (and @s's error) when the answer ends first. */
static gboolean
value_ahead (Scanner *s)
{
  skip_space (s);
  return s->p < s->end || fail (s, N_("a value was expected"));
}

static gboolean
expect (Scanner *s, char c)
{
  skip_space (s);
  if (s->p >= s->end || *s->p != c)
    return fail (s, N_("unexpected character"));
  s->p++;
  return TRUE;
}

static int
hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);
      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* A JSON string, decoded and appended to @out (without a NUL). */
static gboolean
read_string (Scanner *s, GString *out)
{
  gboolean high = FALSE;
  gsize from;

  skip_space (s);
  if (s->p >= s->end || *s->p != '"')
    return fail (s, N_("a string was expected"));
  s->p++;
  from = out->len;
  for (;;)
    {
      const char *run = s->p;

      while (s->p < s->end && *s->p != '"' && *s->p != '\\' && (guchar) *s->p >= 0x20)
        {
          high |= (guchar) *s->p >= 0x80;
          s->p++;
        }
      g_string_append_len (out, run, s->p - run);
      if (s->p >= s->end)
        return fail (s, N_("unterminated string"));
      if (*s->p == '"')
        {
          s->p++;
          break;
        }
      if ((guchar) *s->p < 0x20)
        return fail (s, N_("control character in a string"));
      /* an escape */
      if (s->end - s->p < 2)
        return fail (s, N_("unterminated string"));
      switch (s->p[1])
        {
        case '"': g_string_append_c (out, '"'); s->p += 2; break;
        case '\\': g_string_append_c (out, '\\'); s->p += 2; break;
        case '/': g_string_append_c (out, '/'); s->p += 2; break;
        case 'b': g_string_append_c (out, '\b'); s->p += 2; break;
        case 'f': g_string_append_c (out, '\f'); s->p += 2; break;
        case 'n': g_string_append_c (out, '\n'); s->p += 2; break;
        case 'r': g_string_append_c (out, '\r'); s->p += 2; break;
        case 't': g_string_append_c (out, '\t'); s->p += 2; break;
        case 'u':
          {
            int u = s->end - s->p >= 6 ? hex4 (s->p + 2) : -1;

            if (u < 0)
              return fail (s, N_("bad \\u escape"));
            s->p += 6;
            if (u >= 0xd800 && u < 0xdc00)
              {
                int low = s->end - s->p >= 6 && s->p[0] == '\\' && s->p[1] == 'u' ? hex4 (s->p + 2) : -1;

                if (low < 0xdc00 || low > 0xdfff)
                  return fail (s, N_("unpaired surrogate"));
                s->p += 6;
                u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
              }
            else if (u >= 0xdc00 && u < 0xe000)
              return fail (s, N_("unpaired surrogate"));
            g_string_append_unichar (out, u);
            break;
          }
        default:
          return fail (s, N_("bad escape"));
        }
    }
  if (high && !g_utf8_validate (out->str + from, out->len - from, NULL))
    return fail (s, N_("invalid UTF-8 in a string"));
  return TRUE;
}

/* A JSON number; @from and @len give its text. */
static gboolean
read_number (Scanner *s, const char **from, gsize *len)
{
  const char *p = s->p;

  *from = p;
  if (p < s->end && *p == '-')
    p++;
  if (p >= s->end || !g_ascii_isdigit (*p))
    return fail (s, N_("bad number"));
  if (*p == '0')
    p++;
  else
    while (p < s->end && g_ascii_isdigit (*p))
      p++;
  if (p < s->end && *p == '.')
    {
      p++;
      if (p >= s->end || !g_ascii_isdigit (*p))
        return fail (s, N_("bad number"));
      while (p < s->end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < s->end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < s->end && (*p == '+' || *p == '-'))
        p++;
      if (p >= s->end || !g_ascii_isdigit (*p))
        return fail (s, N_("bad number"));
      while (p < s->end && g_ascii_isdigit (*p))
        p++;
    }
  *len = p - *from;
  s->p = p;
  return TRUE;
}

static gboolean
read_word (Scanner *s, const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (s->end - s->p) < len || memcmp (s->p, word, len) != 0)
    return fail (s, N_("unexpected character"));
  s->p += len;
  return TRUE;
}

static gboolean skip_value (Scanner *s);

typedef gboolean (*ItemFunc) (Scanner *s, guint index, gpointer data);

/* The items of an object or an array, between @open and @close: one @item call each. */
static gboolean
read_items (Scanner *s, char open, char close, ItemFunc item, gpointer data)
{
  if (!expect (s, open))
    return FALSE;
  if (++s->depth > MAX_DEPTH)
    return fail (s, N_("nested too deeply"));
  skip_space (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      s->depth--;
      return TRUE;
    }
  for (guint i = 0;; i++)
    {
      if (!item (s, i, data))
        return FALSE;
      skip_space (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          continue;
        }
      if (!expect (s, close))
        return FALSE;
      s->depth--;
      return TRUE;
    }
}

/* Called for each member of an object, positioned at its value. */
typedef gboolean (*MemberFunc) (Scanner *s, const char *name, guint position, gpointer data);

typedef struct {
  MemberFunc member;
  gpointer   data;
} Members;

static gboolean
read_member (Scanner *s, guint position, gpointer data)
{
  Members *m = data;

  g_string_truncate (s->scratch, 0);
  if (!read_string (s, s->scratch) || !expect (s, ':'))
    return FALSE;
  return m->member ? m->member (s, s->scratch->str, position, m->data) : skip_value (s);
}

static gboolean
read_object (Scanner *s, MemberFunc member, gpointer data)
{
  Members m = { member, data };

  return read_items (s, '{', '}', read_member, &m);
}

static gboolean
skip_element (Scanner *s, guint index, gpointer data)
{
  return skip_value (s);
}

static gboolean
read_array (Scanner *s, ItemFunc element, gpointer data)
{
  return read_items (s, '[', ']', element ? element : skip_element, data);
}

static gboolean
skip_value (Scanner *s)
{
  const char *from;
  gsize len;

  if (!value_ahead (s))
    return FALSE;
  switch (*s->p)
    {
    case '{': return read_object (s, NULL, NULL);
    case '[': return read_array (s, NULL, NULL);
    case '"':
      g_string_truncate (s->scratch, 0);
      return read_string (s, s->scratch);
    case 't': return read_word (s, "true");
    case 'f': return read_word (s, "false");
    case 'n': return read_word (s, "null");
    default:  return read_number (s, &from, &len);
    }
}

/* A record value as text in the page; -1 stands for "". */
static gboolean
read_cell (Scanner *s, gint32 key)
{
  GString *text = s->page->text;
  Cell cell = { key, -1 };
  const char *from;
  gsize len;

  if (!value_ahead (s))
    return FALSE;
  switch (*s->p)
    {
    case '"':
      cell.value = text->len;
      if (!read_string (s, text))
        return FALSE;
      g_string_append_c (text, '\0');
      break;
    case 't':
    case 'f':
      cell.value = text->len;
      g_string_append_len (text, *s->p == 't' ? "true" : "false", *s->p == 't' ? 5 : 6);
      if (!read_word (s, *s->p == 't' ? "true" : "false"))
        return FALSE;
      break;
    case 'n':
      if (!read_word (s, "null"))
        return FALSE;
      break;
    case '{':
    case '[':
      if (!skip_value (s))
        return FALSE;
      break;
    default:
      if (!read_number (s, &from, &len))
        return FALSE;
      cell.value = text->len;
      g_string_append_len (text, from, len);
      g_string_append_c (text, '\0');
    }
  g_array_append_val (s->page->cells, cell);
  return TRUE;
}

static gint32
intern_key (UsgaCkanPage *page, const char *name, guint position)
{
  gpointer value;
  gint32 k;

  if (position < page->key_order->len)
    {
      k = g_array_index (page->key_order, gint32, position);
      if (strcmp (page->keys->pdata[k], name) == 0)
        return k;
    }
  if (g_hash_table_lookup_extended (page->key_index, name, NULL, &value))
    k = GPOINTER_TO_INT (value) - 1;
  else
    {
      char *copy = g_strdup (name);

      k = page->keys->len;
      g_ptr_array_add (page->keys, copy);
      g_hash_table_insert (page->key_index, copy, GINT_TO_POINTER (k + 1));
    }
  if (position < page->key_order->len)
    g_array_index (page->key_order, gint32, position) = k;
  else if (position == page->key_order->len)
    g_array_append_val (page->key_order, k);
  return k;
}

static gboolean
record_member (Scanner *s, const char *name, guint position, gpointer data)
{
  return read_cell (s, intern_key (s->page, name, position));
}

static gboolean
list_element (Scanner *s, guint index, gpointer data)
{
  return read_cell (s, -1);
}

static gboolean
record_element (Scanner *s, guint index, gpointer data)
{
  Record r = { s->page->cells->len, 0, RECORD_OTHER };
  gboolean ok;

  skip_space (s);
  if (s->p < s->end && *s->p == '{')
    {
      r.kind = RECORD_OBJECT;
      ok = read_object (s, record_member, NULL);
    }
  else if (s->p < s->end && *s->p == '[')
    {
      r.kind = RECORD_LIST;
      ok = read_array (s, list_element, NULL);
    }
  else
    ok = skip_value (s);
  r.n = s->page->cells->len - r.first;
  g_array_append_val (s->page->records, r);
  return ok;
}

/* Reads member @name into @out when it is @wanted and a string; skips it otherwise. */
static gboolean
string_member_into (Scanner *s, const char *name, const char *wanted, char **out)
{
  skip_space (s);
  if (strcmp (name, wanted) == 0 && s->p < s->end && *s->p == '"')
    {
      g_autoptr(GString) value = g_string_new (NULL);

      if (!read_string (s, value))
        return FALSE;
      g_free (*out);
      *out = g_string_free (g_steal_pointer (&value), FALSE);
      return TRUE;
    }
  return skip_value (s);
}

static gboolean
field_member (Scanner *s, const char *name, guint position, gpointer data)
{
  return string_member_into (s, name, "id", data);
}

static gboolean
field_element (Scanner *s, guint index, gpointer data)
{
  char *id = NULL;

  skip_space (s);
  if (s->p < s->end && *s->p == '{')
    {
      if (!read_object (s, field_member, &id))
        {
          g_free (id);
          return FALSE;
        }
    }
  else if (!skip_value (s))
    return FALSE;
  g_ptr_array_add (s->page->fields, id ? id : g_strdup (""));
  return TRUE;
}

static gboolean
links_member (Scanner *s, const char *name, guint position, gpointer data)
{
  return string_member_into (s, name, "next", &s->page->next);
}

static gboolean
result_member (Scanner *s, const char *name, guint position, gpointer data)
{
  UsgaCkanPage *page = s->page;

  if (!value_ahead (s))
    return FALSE;
  if (strcmp (name, "records") == 0 && *s->p == '[' && !page->has_records)
    {
      page->has_records = TRUE;
      return read_array (s, record_element, NULL);
    }
  if (strcmp (name, "fields") == 0 && *s->p == '[')
    {
      g_ptr_array_set_size (page->fields, 0);
      return read_array (s, field_element, NULL);
    }
  if (strcmp (name, "_links") == 0 && *s->p == '{')
    return read_object (s, links_member, NULL);
  if (strcmp (name, "total") == 0 && (*s->p == '-' || g_ascii_isdigit (*s->p)))
    {
      const char *from;
      gsize len;
      char *end;

      if (!read_number (s, &from, &len))
        return FALSE;
      page->total = g_ascii_strtoll (from, &end, 10);
      page->has_total = end == from + len;
      return TRUE;
    }
  return skip_value (s);
}

static gboolean
top_member (Scanner *s, const char *name, guint position, gpointer data)
{
  UsgaCkanPage *page = s->page;

  if (!value_ahead (s))
    return FALSE;
  if (strcmp (name, "success") == 0)
    {
      page->success = *s->p == 't';
      return skip_value (s);
    }
  if (strcmp (name, "result") == 0 && *s->p == '{')
    {
      page->has_result = TRUE;
      return read_object (s, result_member, NULL);
    }
  return skip_value (s);
}

UsgaCkanPage *
usga_ckan_page_parse (const char *data, gsize size, GError **error)
{
  g_autoptr(UsgaCkanPage) page = g_new0 (UsgaCkanPage, 1);
  g_autoptr(GString) scratch = g_string_sized_new (64);
  Scanner s = { data, data, data + size, page, scratch, error, 0 };
  gboolean ok;

  page->text = g_string_sized_new (size / 2 + 16);
  page->cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  page->records = g_array_new (FALSE, FALSE, sizeof (Record));
  page->keys = g_ptr_array_new_with_free_func (g_free);
  page->key_index = g_hash_table_new (g_str_hash, g_str_equal);
  page->key_order = g_array_new (FALSE, FALSE, sizeof (gint32));
  page->fields = g_ptr_array_new_with_free_func (g_free);

  skip_space (&s);
  if (s.p < s.end && *s.p == '{')
    ok = read_object (&s, top_member, NULL);
  else
    ok = skip_value (&s);
  if (!ok)
    return NULL;
  skip_space (&s);
  if (s.p != s.end)
    {
      fail (&s, N_("text after the answer"));
      return NULL;
    }
  return g_steal_pointer (&page);
}

void
usga_ckan_page_free (UsgaCkanPage *page)
{
  if (page == NULL)
    return;
  if (page->text)
    g_string_free (page->text, TRUE);
  g_clear_pointer (&page->cells, g_array_unref);
  g_clear_pointer (&page->records, g_array_unref);
  g_clear_pointer (&page->key_index, g_hash_table_unref);
  g_clear_pointer (&page->keys, g_ptr_array_unref);
  g_clear_pointer (&page->key_order, g_array_unref);
  g_clear_pointer (&page->fields, g_ptr_array_unref);
  g_clear_pointer (&page->column_key, g_array_unref);
  g_clear_pointer (&page->column_position, g_array_unref);
  g_clear_pointer (&page->by_key, g_ptr_array_unref);
  g_free (page->next);
  g_free (page);
}

gboolean
usga_ckan_page_is_records (UsgaCkanPage *page)
{
  return page->success && page->has_result && page->has_records;
}

guint
usga_ckan_page_n_records (UsgaCkanPage *page)
{
  return page->records->len;
}

gboolean
usga_ckan_page_get_total (UsgaCkanPage *page, gint64 *total)
{
  if (page->has_total && total)
    *total = page->total;
  return page->has_total;
}

const char *
usga_ckan_page_next_link (UsgaCkanPage *page)
{
  return page->next;
}

static void
resolve_columns (UsgaCkanPage *page, const char *const *names, guint n_names)
{
  page->column_key = g_array_new (FALSE, FALSE, sizeof (int));
  page->column_position = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint c = 0; c < n_names; c++)
    {
      gpointer value;
      int key = -1, position = -1;

      if (names[c] && g_hash_table_lookup_extended (page->key_index, names[c], NULL, &value))
        key = GPOINTER_TO_INT (value) - 1;
      for (guint f = 0; names[c] && f < page->fields->len; f++)
        if (strcmp (page->fields->pdata[f], names[c]) == 0)
          {
            position = f;
            break;
          }
      g_array_append_val (page->column_key, key);
      g_array_append_val (page->column_position, position);
    }
  page->by_key = g_ptr_array_new ();
  g_ptr_array_set_size (page->by_key, page->keys->len);
}

gboolean
usga_ckan_page_record (UsgaCkanPage *page, guint i, const char *const *names, guint n_names, const char **values)
{
  const Record *r;
  const Cell *cells;

  g_return_val_if_fail (i < page->records->len, FALSE);
  if (page->column_key == NULL)
    resolve_columns (page, names, n_names);
  g_return_val_if_fail (page->column_key->len == n_names, FALSE);

  r = &g_array_index (page->records, Record, i);
  /* An empty record has no cells, and the page may have none at all (a NULL array). */
  cells = r->n > 0 ? &g_array_index (page->cells, Cell, r->first) : NULL;
  for (guint c = 0; c < n_names; c++)
    values[c] = names[c] ? "" : NULL;
  if (r->kind == RECORD_OBJECT)
    {
      /* The last of repeated members wins, as in json-glib. */
      for (guint k = 0; k < r->n; k++)
        page->by_key->pdata[cells[k].key] = (gpointer) (cells[k].value < 0 ? "" : page->text->str + cells[k].value);
      for (guint c = 0; c < n_names; c++)
        {
          int key = g_array_index (page->column_key, int, c);
          if (names[c] && key >= 0 && page->by_key->pdata[key])
            values[c] = page->by_key->pdata[key];
        }
      for (guint k = 0; k < r->n; k++)
        page->by_key->pdata[cells[k].key] = NULL;
      return TRUE;
    }
  if (r->kind == RECORD_LIST)
    {
      for (guint c = 0; c < n_names; c++)
        {
          int position = g_array_index (page->column_position, int, c);
          if (names[c] && position >= 0 && (guint) position < r->n && cells[position].value >= 0)
            values[c] = page->text->str + cells[position].value;
        }
      return TRUE;
    }
  return FALSE;
}

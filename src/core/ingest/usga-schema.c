/* usga-schema.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "usga-db.h"
#include "usga-schema.h"
#include "usga-text.h"

/* Header spellings per column, after header_key() (lower case, no accents, '_' between words).
 * G0 Opendatasoft labels ("Categoría de delito"), G1a/G1/G2 (ao_hechos, fecha_hechos,
 * AlcaldiaHechos), G3 (anio_hecho, fecha_hecho, colonia_catalogo, categoria_delito) and the
 * víctimas schemas (FechaHecho, Sexo, TipoPersona, CalidadJuridica). First match wins. */
static const char *const candidates[USGA_N_COLS][9] = {
  [USGA_COL_DATE]         = { "fecha_hecho", "fecha_hechos", "fechahecho", "fecha_de_hechos",
                              "fecha_de_los_hechos", "fecha_hecho_", NULL },
  [USGA_COL_TIME]         = { "hora_hecho", "hora_hechos", "horahecho", "hora_de_hechos",
                              "hora_de_los_hechos", NULL },
  [USGA_COL_YEAR]         = { "anio_hecho", "ano_hecho", "ao_hechos", "anio_hechos", "ano_hechos",
                              "ano_de_hechos", NULL },
  [USGA_COL_MONTH]        = { "mes_hecho", "mes_hechos", "mes_de_hechos", NULL },
  [USGA_COL_DELITO]       = { "delito", "modalidad_delito", NULL },
  [USGA_COL_CATEGORY]     = { "categoria_delito", "categoria", "categoria_de_delito", NULL },
  [USGA_COL_COLONIA]      = { "colonia_catalogo", "colonia_hecho", "colonia_hechos", "coloniahechos",
                              "fgj_colonia_registro", "colonia_datos", "colonia", NULL },
  [USGA_COL_ALCALDIA]     = { "alcaldia_hecho", "alcaldia_hechos", "alcaldiahechos",
                              "alcaldia_catalogo", "alcaldia", NULL },
  [USGA_COL_LAT]          = { "latitud", "lat", "latitude", NULL },
  [USGA_COL_LON]          = { "longitud", "lon", "lng", "longitude", NULL },
  [USGA_COL_SEX]          = { "sexo", NULL },
  [USGA_COL_AGE]          = { "edad", NULL },
  [USGA_COL_PERSON_TYPE]  = { "tipo_persona", "tipopersona", NULL },
  [USGA_COL_LEGAL_STATUS] = { "calidad_juridica", "calidadjuridica", NULL },
};

/* "Categoría.de.delito" -> "categoria_de_delito", "FechaHecho" -> "fechahecho". */
static char *
header_key (const char *name)
{
  g_autofree char *upper = usga_text_normalize (name);
  GString *key = g_string_sized_new (strlen (upper));

  for (const char *p = upper; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (key, g_ascii_tolower (*p));
      else if (key->len > 0 && key->str[key->len - 1] != '_')
        g_string_append_c (key, '_');
    }
  while (key->len > 0 && key->str[key->len - 1] == '_')
    g_string_truncate (key, key->len - 1);
  return g_string_free (key, FALSE);
}

void
usga_column_map_clear (UsgaColumnMap *map)
{
  for (int c = 0; c < USGA_N_COLS; c++)
    g_clear_pointer (&map->name[c], g_free);
}

gboolean
usga_column_map_init (UsgaColumnMap *map, UsgaTableKind kind,
                      const char *const *names, guint n_names, GError **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  static const UsgaColumn required[] = { USGA_COL_DATE, USGA_COL_DELITO };

  memset (map, 0, sizeof *map);
  map->kind = kind;
  for (guint i = 0; i < n_names; i++)
    g_ptr_array_add (keys, header_key (names[i] ? names[i] : ""));
  for (int c = 0; c < USGA_N_COLS; c++)
    {
      map->index[c] = -1;
      if (kind == USGA_TABLE_CARPETAS && c >= USGA_COL_SEX)
        continue;
      for (guint k = 0; map->index[c] < 0 && candidates[c][k]; k++)
        for (guint i = 0; i < keys->len; i++)
          if (g_str_equal (keys->pdata[i], candidates[c][k]))
            {
              map->index[c] = i;
              map->name[c] = g_strdup (names[i]);
              break;
            }
    }

  /* A file of the other kind has the required columns too: tell them apart by the victim's. */
  {
    gboolean victim_columns = FALSE;

    for (guint i = 0; i < keys->len; i++)
      for (int c = USGA_COL_SEX; c <= USGA_COL_LEGAL_STATUS; c++)
        for (guint k = 0; candidates[c][k]; k++)
          victim_columns |= g_str_equal (keys->pdata[i], candidates[c][k]);
    if (kind == USGA_TABLE_VICTIMAS && !victim_columns)
      {
        g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                     _("this is not a victims file: it has none of the columns Sexo, Edad, TipoPersona or "
                       "CalidadJuridica (a carpetas file?)"));
        usga_column_map_clear (map);
        return FALSE;
      }
    if (kind == USGA_TABLE_CARPETAS && victim_columns)
      {
        g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                     _("this is a victims file, not carpetas: it has victims’ columns (Sexo, Edad, TipoPersona, "
                       "CalidadJuridica)"));
        usga_column_map_clear (map);
        return FALSE;
      }
  }

  for (guint r = 0; r < G_N_ELEMENTS (required); r++)
    if (map->index[required[r]] < 0)
      {
        g_autofree char *expected = g_strjoinv (", ", (char **) candidates[required[r]]);
        g_set_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID,
                     _("required column “%s” is missing (looked for %s)"),
                     candidates[required[r]][0], expected);
        usga_column_map_clear (map);
        return FALSE;
      }

  /* Which generation this is, for messages and the sync log. */
  if (kind == USGA_TABLE_VICTIMAS)
    map->generation = map->index[USGA_COL_YEAR] >= 0 && g_str_equal (keys->pdata[map->index[USGA_COL_YEAR]], "anio_hecho")
                      ? "víctimas 2023→" : "víctimas 2019–2022";
  else if (g_ptr_array_find_with_equal_func (keys, "anio_hecho", g_str_equal, NULL))
    map->generation = g_ptr_array_find_with_equal_func (keys, "alcaldia_catalogo", g_str_equal, NULL)
                      ? "G3 (2025 acumulado)" : "G3 (2023→)";
  else if (g_ptr_array_find_with_equal_func (keys, "hora_hechos", g_str_equal, NULL))
    map->generation = "G2 (2022–2023)";
  else if (g_ptr_array_find_with_equal_func (keys, "fecha_hechos", g_str_equal, NULL))
    map->generation = "G1 (2020–2022)";
  else if (g_ptr_array_find_with_equal_func (keys, "fechahecho", g_str_equal, NULL))
    map->generation = "G1a (2016–2019)";
  else
    map->generation = "G0 (labels)";
  return TRUE;
}

gboolean
usga_is_null_value (const char *value)
{
  static const char *const nulls[] = { "nan", "na", "n/a", "null", "none", "nat", "-", "sin dato", NULL };

  if (value == NULL)
    return TRUE;
  while (g_ascii_isspace (*value))
    value++;
  if (*value == '\0')
    return TRUE;
  /* Every marker starts with n, - or s: most values are ruled out by their first byte. */
  if (strchr ("nN-sS", *value) == NULL)
    return FALSE;
  for (guint i = 0; nulls[i]; i++)
    if (g_ascii_strncasecmp (value, nulls[i], strlen (nulls[i])) == 0)
      {
        const char *rest = value + strlen (nulls[i]);
        while (g_ascii_isspace (*rest))
          rest++;
        if (*rest == '\0')
          return TRUE;
      }
  return FALSE;
}

int
usga_month_from_name (const char *name)
{
  static const char *const months[][4] = {
    { "ENERO", "JANUARY", "ENE", "JAN" },      { "FEBRERO", "FEBRUARY", "FEB", NULL },
    { "MARZO", "MARCH", "MAR", NULL },         { "ABRIL", "APRIL", "ABR", "APR" },
    { "MAYO", "MAY", "MAY", NULL },            { "JUNIO", "JUNE", "JUN", NULL },
    { "JULIO", "JULY", "JUL", NULL },          { "AGOSTO", "AUGUST", "AGO", "AUG" },
    { "SEPTIEMBRE", "SEPTEMBER", "SETIEMBRE", "SEP" },
    { "OCTUBRE", "OCTOBER", "OCT", NULL },     { "NOVIEMBRE", "NOVEMBER", "NOV", NULL },
    { "DICIEMBRE", "DECEMBER", "DIC", "DEC" },
  };
  g_autofree char *key = NULL;

  if (name == NULL)
    return 0;
  key = usga_text_normalize (name);
  if (g_str_has_suffix (key, "."))
    key[strlen (key) - 1] = '\0';
  for (int m = 0; m < 12; m++)
    for (int k = 0; k < 4; k++)
      if (months[m][k] && g_str_equal (key, months[m][k]))
        return m + 1;
  if (g_str_equal (key, "SEPT"))
    return 9;
  return 0;
}

gboolean
usga_normalize_time (const char *value, char time[6])
{
  int hour, minute, n = 0;

  time[0] = '\0';
  if (usga_is_null_value (value))
    return FALSE;
  while (g_ascii_isspace (*value))
    value++;
  /* HH:MM or HH:MM:SS, as nearly every row has it, without sscanf. */
  if (g_ascii_isdigit (value[0]) && g_ascii_isdigit (value[1]) && value[2] == ':' &&
      g_ascii_isdigit (value[3]) && g_ascii_isdigit (value[4]) &&
      (value[5] == '\0' || (value[5] == ':' && g_ascii_isdigit (value[6]) && g_ascii_isdigit (value[7]) &&
                            value[8] == '\0')))
    {
      hour = (value[0] - '0') * 10 + value[1] - '0';
      minute = (value[3] - '0') * 10 + value[4] - '0';
      if (hour > 23 || minute > 59)
        return FALSE;
      memcpy (time, value, 5);
      time[5] = '\0';
      return TRUE;
    }
  if (sscanf (value, "%2d:%2d%n", &hour, &minute, &n) != 2 || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return FALSE;
  /* "2:30 PM" appears in some exports. */
  if (strstr (value + n, "PM") || strstr (value + n, "pm") || strstr (value + n, "p. m."))
    {
      if (hour < 12)
        hour += 12;
    }
  else if ((strstr (value + n, "AM") || strstr (value + n, "am") || strstr (value + n, "a. m.")) && hour == 12)
    hour = 0;
  g_snprintf (time, 6, "%02d:%02d", hour, minute);
  return TRUE;
}

static gboolean
set_date (char date[11], int y, int m, int d)
{
  if (y < 1900 || y > 2200 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  date[0] = '0' + y / 1000;
  date[1] = '0' + y / 100 % 10;
  date[2] = '0' + y / 10 % 10;
  date[3] = '0' + y % 10;
  date[4] = date[7] = '-';
  date[5] = '0' + m / 10;
  date[6] = '0' + m % 10;
  date[8] = '0' + d / 10;
  date[9] = '0' + d % 10;
  date[10] = '\0';
  return TRUE;
}

/* Dates as the files write them: YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS[Z], "YYYY-MM-DD HH:MM:SS",
 * dd/mm/YYYY [HH:MM], YYYY/MM/DD and textual months ("7 de octubre de 2019", "October 7, 2019",
 * "07-Oct-2019"). @time gets the time part when there is one. */
gboolean
usga_normalize_date (const char *value, char date[11], char time[6])
{
  int y, m, d, n = 0;

  date[0] = '\0';
  if (time)
    time[0] = '\0';
  if (usga_is_null_value (value))
    return FALSE;
  while (g_ascii_isspace (*value))
    value++;

  /* YYYY-MM-DD[(T| )time], the form of every current file, without sscanf. */
  if (g_ascii_isdigit (value[0]) && g_ascii_isdigit (value[1]) && g_ascii_isdigit (value[2]) &&
      g_ascii_isdigit (value[3]) && value[4] == '-' && g_ascii_isdigit (value[5]) &&
      g_ascii_isdigit (value[6]) && value[7] == '-' && g_ascii_isdigit (value[8]) &&
      g_ascii_isdigit (value[9]) && !g_ascii_isdigit (value[10]))
    {
      y = (value[0] - '0') * 1000 + (value[1] - '0') * 100 + (value[2] - '0') * 10 + value[3] - '0';
      m = (value[5] - '0') * 10 + value[6] - '0';
      d = (value[8] - '0') * 10 + value[9] - '0';
      if (time && (value[10] == 'T' || value[10] == ' '))
        usga_normalize_time (value + 11, time);
      return set_date (date, y, m, d);
    }
  if (g_ascii_isdigit (value[0]) && g_ascii_isdigit (value[1]) && g_ascii_isdigit (value[2]) &&
      g_ascii_isdigit (value[3]) && (value[4] == '-' || value[4] == '/') &&
      sscanf (value, value[4] == '-' ? "%4d-%2d-%2d%n" : "%4d/%2d/%2d%n", &y, &m, &d, &n) == 3)
    {
      if (time && (value[n] == 'T' || value[n] == ' '))
        usga_normalize_time (value + n + 1, time);
      return set_date (date, y, m, d);
    }
  if (sscanf (value, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 && n >= 8 && y >= 1000)
    {
      if (time && value[n] == ' ')
        usga_normalize_time (value + n + 1, time);
      return set_date (date, y, m, d);
    }

  /* Textual month: find a month name, a four-digit year and a day among the words. */
  {
    g_auto(GStrv) words = g_regex_split_simple ("[\\s,./-]+", value, 0, 0);
    int year = 0, month = 0, day = 0;

    for (guint i = 0; words[i]; i++)
      {
        const char *w = words[i];
        gsize len = strlen (w);

        if (len == 0 || g_ascii_strcasecmp (w, "de") == 0 || g_ascii_strcasecmp (w, "del") == 0)
          continue;
        if (len == 4 && g_ascii_isdigit (w[0]) && year == 0)
          year = atoi (w);
        else if (len <= 2 && g_ascii_isdigit (w[0]) && day == 0)
          day = atoi (w);
        else if (month == 0)
          month = usga_month_from_name (w);
      }
    if (year && month && day)
      return set_date (date, year, month, day);
  }
  return FALSE;
}

/* UTF-8 that was read as Windows-1252 and written again as UTF-8 ("VIOLACIÃ“N"), and the
 * stray C1 byte the 2019 export has for Ó ("VIOLACI\u0085N"). */
char *
usga_repair_mojibake (const char *value)
{
  char *fixed;

  if (value == NULL)
    return NULL;
  if (strstr (value, "\xc3\x83") || strstr (value, "\xc3\x82"))
    {
      gsize written = 0;
      g_autofree char *bytes = g_convert (value, -1, "WINDOWS-1252", "UTF-8", NULL, &written, NULL);

      if (bytes && g_utf8_validate (bytes, written, NULL) && strlen (bytes) == written)
        return g_steal_pointer (&bytes);
    }
  if (strstr (value, "\xc2\x85"))
    {
      GString *s = g_string_new (value);
      g_string_replace (s, "\xc2\x85", "Ó", 0);
      fixed = g_string_free (s, FALSE);
      return fixed;
    }
  return g_strdup (value);
}

/* The 16 alcaldías as FGJ spells them today; older files drop dots or "DE MORELOS". */
const char *
usga_canonical_alcaldia (const char *value)
{
  static const struct { const char *key, *name; } alcaldias[] = {
    { "ALVARO OBREGON", "ALVARO OBREGON" },         { "AZCAPOTZALCO", "AZCAPOTZALCO" },
    { "BENITO JUAREZ", "BENITO JUAREZ" },           { "COYOACAN", "COYOACAN" },
    { "CUAJIMALPA DE MORELOS", "CUAJIMALPA DE MORELOS" }, { "CUAJIMALPA", "CUAJIMALPA DE MORELOS" },
    { "CUAUHTEMOC", "CUAUHTEMOC" },                 { "GUSTAVO A MADERO", "GUSTAVO A. MADERO" },
    { "GUSTAVO A. MADERO", "GUSTAVO A. MADERO" },   { "GUSTAVO ADOLFO MADERO", "GUSTAVO A. MADERO" },
    { "IZTACALCO", "IZTACALCO" },                   { "IZTAPALAPA", "IZTAPALAPA" },
    { "LA MAGDALENA CONTRERAS", "LA MAGDALENA CONTRERAS" }, { "MAGDALENA CONTRERAS", "LA MAGDALENA CONTRERAS" },
    { "MIGUEL HIDALGO", "MIGUEL HIDALGO" },         { "MILPA ALTA", "MILPA ALTA" },
    { "TLAHUAC", "TLAHUAC" },                       { "TLALPAN", "TLALPAN" },
    { "VENUSTIANO CARRANZA", "VENUSTIANO CARRANZA" }, { "XOCHIMILCO", "XOCHIMILCO" },
  };
  g_autofree char *key = NULL;

  if (usga_is_null_value (value))
    return NULL;
  if (g_ascii_strcasecmp (value, "IZTAPALAPA") == 0)  /* the common case, without allocating */
    return "IZTAPALAPA";
  key = usga_text_normalize (value);
  for (guint i = 0; i < G_N_ELEMENTS (alcaldias); i++)
    if (g_str_equal (key, alcaldias[i].key))
      return alcaldias[i].name;
  return NULL;  /* municipalities outside CDMX, "CDMX (indeterminada)", ... */
}

struct _UsgaNormalizer {
  GString    *text[USGA_N_COLS];
  GHashTable *alcaldias;  /* raw spelling -> canonical (static) or "" for none; bounded */
  char        last_date[11];  /* tomorrow: later dates are typing errors, not events */
  int         bad_column;
};

static const char *
cached_alcaldia (UsgaNormalizer *n, const char *raw)
{
  const char *canonical;

  if (raw == NULL)
    return NULL;
  canonical = g_hash_table_lookup (n->alcaldias, raw);
  if (canonical == NULL)
    {
      canonical = usga_canonical_alcaldia (raw);
      if (canonical == NULL)
        canonical = "";
      if (g_hash_table_size (n->alcaldias) < 1000)
        g_hash_table_insert (n->alcaldias, g_strdup (raw), (gpointer) canonical);
    }
  return *canonical ? canonical : NULL;
}

UsgaNormalizer *
usga_normalizer_new (void)
{
  UsgaNormalizer *n = g_new0 (UsgaNormalizer, 1);

  for (int c = 0; c < USGA_N_COLS; c++)
    n->text[c] = g_string_sized_new (64);
  n->alcaldias = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    /* A day of margin for time zones and files written around midnight. */
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
    g_autofree char *day = g_date_time_format (tomorrow, "%Y-%m-%d");

    g_strlcpy (n->last_date, day, sizeof n->last_date);
  }
  n->bad_column = -1;
  return n;
}

void
usga_normalizer_free (UsgaNormalizer *n)
{
  if (n == NULL)
    return;
  for (int c = 0; c < USGA_N_COLS; c++)
    g_string_free (n->text[c], TRUE);
  g_hash_table_unref (n->alcaldias);
  g_free (n);
}

/* One pass for the byte pairs usga_repair_mojibake() mends: Ã, Â and the C1 byte U+0085. */
static gboolean
has_mojibake (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    if ((p[0] == 0xc3 && (p[1] == 0x83 || p[1] == 0x82)) || (p[0] == 0xc2 && p[1] == 0x85))
      return TRUE;
  return FALSE;
}

/* Trimmed, repaired text in the normaliser's buffer; NULL for null markers. */
static const char *
clean_text (UsgaNormalizer *n, int c, const char *raw)
{
  GString *s = n->text[c];
  const char *end;

  if (usga_is_null_value (raw))
    return NULL;
  while (g_ascii_isspace (*raw))
    raw++;
  end = raw + strlen (raw);
  while (end > raw && g_ascii_isspace (end[-1]))
    end--;
  g_string_truncate (s, 0);
  g_string_append_len (s, raw, end - raw);
  if (has_mojibake (s->str))
    {
      g_autofree char *fixed = usga_repair_mojibake (s->str);
      g_string_assign (s, fixed);
    }
  return s->str;
}

/* Plain decimals ("-99.0587", "19.26") exactly as strtod would read them: a mantissa under
 * 2^53 divided by an exact power of ten is correctly rounded. Anything else: NAN and FALSE. */
static gboolean
parse_plain_decimal (const char *text, double *out)
{
  static const double powers[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15 };
  const char *p = text;
  gboolean negative = *p == '-';
  guint64 mantissa = 0;
  int digits = 0, decimals = -1;

  if (*p == '-' || *p == '+')
    p++;
  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          mantissa = mantissa * 10 + (guint64) (*p - '0');
          if (++digits > 15)
            return FALSE;
          if (decimals >= 0)
            decimals++;
        }
      else if (*p == '.' && decimals < 0)
        decimals = 0;
      else
        return FALSE;
    }
  if (digits == 0)
    return FALSE;
  *out = (double) mantissa / powers[decimals > 0 ? decimals : 0];
  if (negative)
    *out = -*out;
  return TRUE;
}

typedef enum { COORD_OK, COORD_MISSING, COORD_UNREADABLE, COORD_OUTSIDE } CoordStatus;

/* @out is NAN unless COORD_OK. */
static CoordStatus
parse_coordinate (const char *raw, double min, double max, double *out)
{
  char *end;
  double v;

  *out = NAN;
  if (usga_is_null_value (raw))
    return COORD_MISSING;
  if (!parse_plain_decimal (raw, &v))
    {
      v = g_ascii_strtod (raw, &end);
      while (g_ascii_isspace (*end))
        end++;
      if (end == raw || *end != '\0' || !isfinite (v))
        return COORD_UNREADABLE;  /* text, "inf", "1e999", "19.3abc" */
    }
  if (v < min || v > max)
    return COORD_OUTSIDE;         /* 0, swapped latitude and longitude, another state */
  *out = v;
  return COORD_OK;
}

/* Both coordinates or neither; a dropped pair is counted by its reason. */
static void
clean_coordinates (UsgaNormalizer *n, const char *const raw[USGA_N_COLS], UsgaCleanRow *row)
{
  CoordStatus lat = parse_coordinate (raw[USGA_COL_LAT], USGA_CDMX_LAT_MIN, USGA_CDMX_LAT_MAX, &row->lat);
  CoordStatus lon = parse_coordinate (raw[USGA_COL_LON], USGA_CDMX_LON_MIN, USGA_CDMX_LON_MAX, &row->lon);

  if (lat == COORD_OK && lon == COORD_OK)
    return;
  row->lat = row->lon = NAN;
  /* A file without coordinate columns has nothing to repair. */
  if (raw[USGA_COL_LAT] == NULL && raw[USGA_COL_LON] == NULL)
    return;
  n->bad_column = USGA_COL_LAT;
  if (lat == COORD_UNREADABLE || lon == COORD_UNREADABLE)
    row->repair = N_("coordinates unreadable");
  else if (lat == COORD_OUTSIDE || lon == COORD_OUTSIDE)
    row->repair = N_("coordinates outside Mexico City");
  else
    row->repair = N_("no coordinates");
}

int
usga_normalizer_bad_column (UsgaNormalizer *n)
{
  return n->bad_column;
}

const char *
usga_normalizer_last_date (UsgaNormalizer *n)
{
  return n->last_date;
}

gboolean
usga_normalizer_clean (UsgaNormalizer *n, const char *const raw[USGA_N_COLS],
                       UsgaCleanRow *row, const char **reason)
{
  char date_time[6];
  const char *alcaldia;

  row->repair = NULL;
  row->bad_value = NULL;
  row->line = 0;
  for (int c = 0; c < USGA_N_COLS; c++)
    if (raw[c] && strnlen (raw[c], USGA_FIELD_MAX_BYTES + 1) > USGA_FIELD_MAX_BYTES)
      {
        /* Nothing the FGJ writes is that long: a broken quote swallowed lines, or junk. */
        n->bad_column = c;
        *reason = N_("field longer than 4 KiB");
        return FALSE;
      }
  n->bad_column = USGA_COL_DATE;
  if (usga_is_null_value (raw[USGA_COL_DATE]))
    {
      *reason = N_("no date");
      return FALSE;
    }
  if (!usga_normalize_date (raw[USGA_COL_DATE], row->date, date_time))
    {
      *reason = N_("unreadable date");
      return FALSE;
    }
  if (strcmp (row->date, USGA_FIRST_DATE) < 0 || strcmp (row->date, n->last_date) > 0)
    {
      /* 1900-01-01 placeholders, typing errors like 2099, or events decades before the
       * carpeta: none can be counted in a period the dashboard shows. */
      *reason = N_("date out of range");
      return FALSE;
    }
  n->bad_column = USGA_COL_DELITO;
  row->delito = clean_text (n, USGA_COL_DELITO, raw[USGA_COL_DELITO]);
  if (row->delito == NULL)
    {
      *reason = N_("no delito");
      return FALSE;
    }
  n->bad_column = -1;
  /* G1 keeps the time inside fecha_hechos; later files have it in its own column. */
  if (raw[USGA_COL_TIME] != NULL || !usga_normalize_time (date_time, row->time))
    usga_normalize_time (raw[USGA_COL_TIME], row->time);
  row->category = clean_text (n, USGA_COL_CATEGORY, raw[USGA_COL_CATEGORY]);
  row->colonia = clean_text (n, USGA_COL_COLONIA, raw[USGA_COL_COLONIA]);
  alcaldia = clean_text (n, USGA_COL_ALCALDIA, raw[USGA_COL_ALCALDIA]);
  row->alcaldia = cached_alcaldia (n, alcaldia);
  /* Mexico City's extent; anything else is a typing error, not a place. */
  clean_coordinates (n, raw, row);

  row->sex = 0;
  row->age = -1;
  row->person_type = row->legal_status = NULL;
  if (raw[USGA_COL_SEX] && !usga_is_null_value (raw[USGA_COL_SEX]))
    {
      char first = g_ascii_toupper (*raw[USGA_COL_SEX]);
      if (first == 'F' || first == 'M')
        row->sex = first;
      else if (first == 'H')  /* Hombre */
        row->sex = 'M';
    }
  if (raw[USGA_COL_AGE] && !usga_is_null_value (raw[USGA_COL_AGE]))
    {
      char *end;
      double age = g_ascii_strtod (raw[USGA_COL_AGE], &end);
      if (end != raw[USGA_COL_AGE] && age >= 0 && age <= 120)
        row->age = (int) age;
    }
  row->person_type = clean_text (n, USGA_COL_PERSON_TYPE, raw[USGA_COL_PERSON_TYPE]);
  row->legal_status = clean_text (n, USGA_COL_LEGAL_STATUS, raw[USGA_COL_LEGAL_STATUS]);
  return TRUE;
}

/* usga-schema.h — the FGJ open-data files across their schema generations: column maps by
 * header name, and the normaliser that turns one raw row into clean values.
 * Used alike by the CKAN sync and the CSV import, so both paths store identical rows.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  USGA_TABLE_CARPETAS,
  USGA_TABLE_VICTIMAS,
  USGA_TABLE_AUTO,      /* import only: víctimas if the header has sexo/edad columns */
} UsgaTableKind;

/* The columns we use, whatever a generation calls them. */
typedef enum {
  USGA_COL_DATE,        /* fecha_hecho, fecha_hechos, FechaHecho, ... (required) */
  USGA_COL_TIME,        /* hora_hecho, hora_hechos, HoraHecho; G1 has the time inside fecha_hechos */
  USGA_COL_YEAR,        /* anio_hecho, ao_hechos, Año_hecho */
  USGA_COL_MONTH,       /* mes_hecho(s): Spanish or English month names */
  USGA_COL_DELITO,      /* required */
  USGA_COL_CATEGORY,
  USGA_COL_COLONIA,
  USGA_COL_ALCALDIA,
  USGA_COL_LAT,
  USGA_COL_LON,
  USGA_COL_SEX,         /* víctimas only */
  USGA_COL_AGE,
  USGA_COL_PERSON_TYPE,
  USGA_COL_LEGAL_STATUS,
  USGA_N_COLS
} UsgaColumn;

typedef struct {
  UsgaTableKind kind;
  const char   *generation;          /* "G3 (2023→)", ... for messages */
  int           index[USGA_N_COLS];  /* position in the header / fields list, -1 if absent */
  char         *name[USGA_N_COLS];   /* the header's own spelling, NULL if absent */
} UsgaColumnMap;

/* Maps @names (a CSV header or the CKAN `fields` ids). Fails naming the missing column when
 * a required one is absent; unknown extra columns are ignored. */
gboolean  usga_column_map_init    (UsgaColumnMap *map, UsgaTableKind kind,
                                   const char *const *names, guint n_names, GError **error);
void      usga_column_map_clear   (UsgaColumnMap *map);

/* One normalised row; strings point into the normaliser's buffers until the next call. */
typedef struct {
  char        date[11];      /* YYYY-MM-DD */
  char        time[6];       /* HH:MM, "" when unknown */
  const char *delito;
  const char *category;     /* NULL when absent */
  const char *colonia;      /* NULL when absent */
  const char *alcaldia;     /* canonical spelling, NULL when absent or unknown */
  double      lat, lon;     /* NAN when absent */
  char        sex;          /* 'F', 'M' or 0 */
  int         age;          /* -1 when unknown */
  const char *person_type;
  const char *legal_status;
  const char *repair;       /* why a value was dropped (N_() string: the coordinates), or NULL */
  guint64     line;         /* input line (CSV), 0 when none; set by the row pipe */
  const char *bad_value;    /* with @repair: the raw text that was dropped (the row pipe's copy) */
} UsgaCleanRow;

typedef struct _UsgaNormalizer UsgaNormalizer;

UsgaNormalizer *usga_normalizer_new  (void);
void            usga_normalizer_free (UsgaNormalizer *n);
/* What the normaliser accepts (documented in the README): */
#define USGA_FIELD_MAX_BYTES 4096          /* a longer field rejects its row */
#define USGA_FIRST_DATE      "2000-01-01"  /* dates before it, or after tomorrow, reject it */
/* Mexico City's extent with a margin of about 2 km: coordinates outside are dropped. */
#define USGA_CDMX_LAT_MIN 19.03
#define USGA_CDMX_LAT_MAX 19.61
#define USGA_CDMX_LON_MIN (-99.38)
#define USGA_CDMX_LON_MAX (-98.92)

/* @raw holds each column's raw text (NULL when the file has no such column). Returns FALSE
 * with @reason (an untranslated N_() phrase, stable as a key) for a row to reject. A row kept
 * without a value it had (unreadable or out-of-range coordinates) has @row->repair set. */
gboolean usga_normalizer_clean (UsgaNormalizer *n, const char *const raw[USGA_N_COLS],
                                UsgaCleanRow *row, const char **reason);
/* The column the last rejection or repair was about (USGA_COL_LAT for coordinates), or -1. */
int      usga_normalizer_bad_column (UsgaNormalizer *n);
/* The day after which dates are rejected (tomorrow, local time), YYYY-MM-DD. */
const char *usga_normalizer_last_date (UsgaNormalizer *n);

/* Building blocks, exposed for tests. */
gboolean usga_is_null_value      (const char *value);
int      usga_month_from_name    (const char *name);     /* 1..12, 0 if not a month */
gboolean usga_normalize_date     (const char *value, char date[11], char time[6]);
gboolean usga_normalize_time     (const char *value, char time[6]);
char    *usga_repair_mojibake    (const char *value);    /* newly allocated */
const char *usga_canonical_alcaldia (const char *value); /* static string or NULL */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsgaNormalizer, usga_normalizer_free)

G_END_DECLS

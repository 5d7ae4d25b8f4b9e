/* test-sync.c — the open-data sync against a local CKAN server (127.0.0.1), and the CSV import.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "usga-ckan-page.h"
#include "usga-coverage.h"
#include "usga-format.h"
#include "usga-job-owner.h"
#include "usga-fake-ckan.h"
#include "usga-test-util.h"

#define VRID "d543a7b1-f8cb-439f-8a5c-e56c5479eeb5"

static const char *const numeric_cols[] = { "latitud", "longitud", "anio_hecho", "ao_hechos", "edad", "Edad", NULL };

static GPtrArray *
rows_of (const char *const *cells, guint n_cols)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; cells[i * n_cols] || cells[i * n_cols + 1]; i++)
    {
      char **row = g_new0 (char *, n_cols + 1);
      for (guint c = 0; c < n_cols; c++)
        row[c] = g_strdup (cells[i * n_cols + c]);
      g_ptr_array_add (rows, row);
    }
  return rows;
}

/* Set while running the "/search/" copies of the tests: datastore_search only, no SQL. */
static gboolean search_only;

static void
options_for (UsgaSyncOptions *o, UsgaFakeCkan *fake, const char *rid, UsgaTableKind kind)
{
  usga_test_sync_options (o, usga_fake_ckan_url (fake), rid, kind);
  o->no_sql = search_only;
}

static gboolean
run_sync (UsgaDb *db, const UsgaSyncOptions *o, UsgaSyncSummary *s, GError **error)
{
  return usga_test_sync (db, o, NULL, s, error);
}

static gboolean
run_import (UsgaDb *db, const char *path, UsgaTableKind kind, gboolean city, GCancellable *cancellable,
            UsgaSyncSummary *s, GError **error)
{
  gboolean ok = usga_import_csv (db, path, kind, city, NULL, NULL, cancellable, s, error);

  usga_test_assert_references_hold (db);
  return ok;
}


/* A bare query_text() inside g_assert_cmpstr() leaks its result (the sanitizer build fails). */
#define assert_query_text(db, sql, cmp, expected) G_STMT_START {      \
    g_autofree char *query_text_ = usga_test_query_text ((db), (sql));          \
    g_assert_cmpstr (query_text_, cmp, (expected));                    \
  } G_STMT_END

/* ---------------------------------------------------------------- normaliser */

static void
test_values (void)
{
  char date[11], time[6];
  g_autofree char *fixed = NULL, *c1 = NULL;

  g_assert_true (usga_is_null_value ("nan"));
  g_assert_true (usga_is_null_value (" NaN "));
  g_assert_true (usga_is_null_value ("NA"));
  g_assert_true (usga_is_null_value (""));
  g_assert_true (usga_is_null_value (NULL));
  g_assert_false (usga_is_null_value ("NARVARTE"));
  g_assert_false (usga_is_null_value ("0"));

  g_assert_cmpint (usga_month_from_name ("Octubre"), ==, 10);
  g_assert_cmpint (usga_month_from_name ("August"), ==, 8);
  g_assert_cmpint (usga_month_from_name ("SEPTIEMBRE"), ==, 9);
  g_assert_cmpint (usga_month_from_name ("dic."), ==, 12);
  g_assert_cmpint (usga_month_from_name ("data"), ==, 0);

  g_assert_true (usga_normalize_date ("2024-03-05", date, time));
  g_assert_cmpstr (date, ==, "2024-03-05");
  g_assert_cmpstr (time, ==, "");
  g_assert_true (usga_normalize_date ("2019-10-07T21:45:16", date, time));
  g_assert_cmpstr (date, ==, "2019-10-07");
  g_assert_cmpstr (time, ==, "21:45");
  g_assert_true (usga_normalize_date ("2019-10-07 14:00:00", date, time));
  g_assert_cmpstr (time, ==, "14:00");
  g_assert_true (usga_normalize_date ("2024-01-31T00:00:00Z", date, time));
  g_assert_cmpstr (date, ==, "2024-01-31");
  g_assert_true (usga_normalize_date ("07/10/2019", date, time));
  g_assert_cmpstr (date, ==, "2019-10-07");  /* day first */
  g_assert_true (usga_normalize_date ("7 de octubre de 2019", date, time));
  g_assert_cmpstr (date, ==, "2019-10-07");
  g_assert_true (usga_normalize_date ("August 3, 2021", date, time));
  g_assert_cmpstr (date, ==, "2021-08-03");
  g_assert_true (usga_normalize_date ("03-Ago-2021", date, time));
  g_assert_cmpstr (date, ==, "2021-08-03");
  g_assert_false (usga_normalize_date ("2023-02-30", date, time));
  g_assert_false (usga_normalize_date ("nan", date, time));
  g_assert_false (usga_normalize_date ("data", date, time));

  g_assert_true (usga_normalize_time ("14:30:59.123", time));
  g_assert_cmpstr (time, ==, "14:30");
  g_assert_true (usga_normalize_time ("2:05 PM", time));
  g_assert_cmpstr (time, ==, "14:05");
  g_assert_false (usga_normalize_time ("25:00", time));

  fixed = usga_repair_mojibake ("VIOLACI\xc3\x83\xe2\x80\x9cN");  /* "VIOLACIÃ“N" */
  g_assert_cmpstr (fixed, ==, "VIOLACIÓN");
  c1 = usga_repair_mojibake ("VIOLACI\xc2\x85N");
  g_assert_cmpstr (c1, ==, "VIOLACIÓN");

  g_assert_cmpstr (usga_canonical_alcaldia ("Iztapalapa"), ==, "IZTAPALAPA");
  g_assert_cmpstr (usga_canonical_alcaldia ("GUSTAVO A MADERO"), ==, "GUSTAVO A. MADERO");
  g_assert_cmpstr (usga_canonical_alcaldia ("Cuajimalpa"), ==, "CUAJIMALPA DE MORELOS");
  g_assert_cmpstr (usga_canonical_alcaldia ("Álvaro Obregón"), ==, "ALVARO OBREGON");
  g_assert_null (usga_canonical_alcaldia ("CDMX (indeterminada)"));
  g_assert_null (usga_canonical_alcaldia ("nan"));
}

static void
test_column_maps (void)
{
  static const char *const g0[] = { "Año", "Mes", "Fecha de hechos", "Delito", "Categoría de delito", "Alcaldía", "Latitud", "Longitud" };
  static const char *const g1a[] = { "ao_hechos", "mes_hechos", "FechaHecho", "HoraHecho", "ao_inicio", "mes_inicio", "FechaInicio",
                                     "HoraInicio", "delito", "fiscalia", "agencia", "unidad_investigacion", "categoria_delito",
                                     "AlcaldiaHechos", "municipio_hechos", "colonia_datos", "fgj_colonia_registro", "longitud", "latitud" };
  static const char *const g1[] = { "ao_hechos", "mes_hechos", "fecha_hechos", "ao_inicio", "mes_inicio", "fecha_inicio", "delito",
                                    "fiscalia", "agencia", "unidad_investigacion", "categoria_delito", "calle_hechos", "calle_hechos2",
                                    "colonia_hechos", "alcaldia_hechos", "competencia", "longitud", "latitud", "tempo" };
  static const char *const g2[] = { "ao_hechos", "mes_hechos", "fecha_hechos", "hora_hechos", "ao_inicio", "mes_inicio", "fecha_inicio",
                                    "hora_inicio", "delito", "fiscalia", "agencia", "unidad_investigacion", "categoria_delito",
                                    "competencia", "alcaldia_hechos", "municipio_hechos", "colonia_datos", "fgj_colonia_registro",
                                    "longitud", "latitud" };
  static const char *const victims_old[] = { "idCarpeta", "Año_inicio", "Mes_inicio", "FechaInicio", "Delito", "Categoria", "Sexo",
                                             "Edad", "TipoPersona", "CalidadJuridica", "competencia", "Año_hecho", "Mes_hecho",
                                             "FechaHecho", "HoraHecho", "HoraInicio", "AlcaldiaHechos", "ColoniaHechos",
                                             "Calle_hechos", "Calle_hechos2", "latitud", "longitud" };
  static const char *const no_date[] = { "anio_hecho", "mes_hecho", "hora_hecho", "delito", "latitud", "longitud" };
  UsgaColumnMap map;
  g_autoptr(GError) error = NULL;

  g_assert_true (usga_column_map_init (&map, USGA_TABLE_CARPETAS, g0, G_N_ELEMENTS (g0), &error));
  g_assert_cmpint (map.index[USGA_COL_DATE], ==, 2);
  g_assert_cmpint (map.index[USGA_COL_CATEGORY], ==, 4);
  g_assert_cmpint (map.index[USGA_COL_ALCALDIA], ==, 5);
  g_assert_cmpstr (map.generation, ==, "G0 (labels)");
  usga_column_map_clear (&map);

  g_assert_true (usga_column_map_init (&map, USGA_TABLE_CARPETAS, g1a, G_N_ELEMENTS (g1a), &error));
  g_assert_cmpint (map.index[USGA_COL_TIME], ==, 3);
  g_assert_cmpint (map.index[USGA_COL_ALCALDIA], ==, 13);
  g_assert_cmpint (map.index[USGA_COL_COLONIA], ==, 16);  /* fgj_colonia_registro before colonia_datos */
  g_assert_cmpstr (map.generation, ==, "G1a (2016–2019)");
  usga_column_map_clear (&map);

  g_assert_true (usga_column_map_init (&map, USGA_TABLE_CARPETAS, g1, G_N_ELEMENTS (g1), &error));
  g_assert_cmpint (map.index[USGA_COL_TIME], ==, -1);
  g_assert_cmpint (map.index[USGA_COL_YEAR], ==, 0);
  g_assert_cmpstr (map.generation, ==, "G1 (2020–2022)");
  usga_column_map_clear (&map);

  g_assert_true (usga_column_map_init (&map, USGA_TABLE_CARPETAS, g2, G_N_ELEMENTS (g2), &error));
  g_assert_cmpint (map.index[USGA_COL_TIME], ==, 3);
  g_assert_cmpstr (map.generation, ==, "G2 (2022–2023)");
  usga_column_map_clear (&map);

  g_assert_true (usga_column_map_init (&map, USGA_TABLE_VICTIMAS, victims_old, G_N_ELEMENTS (victims_old), &error));
  g_assert_cmpint (map.index[USGA_COL_SEX], ==, 6);
  g_assert_cmpint (map.index[USGA_COL_AGE], ==, 7);
  g_assert_cmpint (map.index[USGA_COL_PERSON_TYPE], ==, 8);
  g_assert_cmpint (map.index[USGA_COL_LEGAL_STATUS], ==, 9);
  g_assert_cmpint (map.index[USGA_COL_YEAR], ==, 11);
  g_assert_cmpint (map.index[USGA_COL_DATE], ==, 13);
  usga_column_map_clear (&map);

  g_assert_false (usga_column_map_init (&map, USGA_TABLE_CARPETAS, no_date, G_N_ELEMENTS (no_date), &error));
  g_assert_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "fecha_hecho"));
}

/* ---------------------------------------------------------------- generations */

typedef struct {
  const char *label;
  UsgaTableKind kind;
  guint n_cols;
  const char *const *header;
  const char *const *cells;  /* rows of n_cols, ended by two NULLs */
  const char *generation;
  gint64 added;
  const char *check_sql;     /* a query whose text result must equal check_value */
  const char *check_value;
} Generation;

/* Real Iztapalapa points from the bundled 2024 file. */
#define P1_LAT "19.3763175064706"
#define P1_LON "-99.03165305012"
#define P2_LAT "19.3354956720613"
#define P2_LON "-99.0067825489742"

static const char *const g1a_header[] = { "ao_hechos", "mes_hechos", "FechaHecho", "HoraHecho", "delito", "categoria_delito",
                                          "AlcaldiaHechos", "fgj_colonia_registro", "longitud", "latitud" };
static const char *const g1a_cells[] = {
  "2018", "Marzo", "05/03/2018", "13:20", "VIOLENCIA FAMILIAR", "DELITO DE BAJO IMPACTO", "IZTAPALAPA", "EL PARAISO", P1_LON, P1_LAT,
  "2018", "Marzo", "06/03/2018", "00:00", "ROBO A NEGOCIO SIN VIOLENCIA", "DELITO DE BAJO IMPACTO", "IZTAPALAPA", "nan", "nan", "nan",
  "2018", "Marzo", "06/03/2018", "09:00", "FRAUDE", "DELITO DE BAJO IMPACTO", "COYOACAN", "CENTRO", "-99.16", "19.35",
  NULL, NULL };

static const char *const g1_header[] = { "ao_hechos", "mes_hechos", "fecha_hechos", "ao_inicio", "mes_inicio", "fecha_inicio", "delito",
                                         "fiscalia", "agencia", "unidad_investigacion", "categoria_delito", "calle_hechos",
                                         "calle_hechos2", "colonia_hechos", "alcaldia_hechos", "competencia", "longitud", "latitud", "tempo" };
static const char *const g1_cells[] = {
  "2019", "Octubre", "2019-10-07 14:00:00", "2019", "Octubre", "2019-10-07T21:45:16", "VIOLENCIA FAMILIAR", "F", "A", "U",
  "DELITO DE BAJO IMPACTO", "", "", "EL PARAISO", "IZTAPALAPA", "", P1_LON, P1_LAT, "",
  "2019", "Octubre", "2019-10-08 09:15:00", "2019", "Octubre", "2019-10-08T10:00:00", "AMENAZAS", "F", "A", "U",
  "DELITO DE BAJO IMPACTO", "", "", "", "IZTAPALAPA", "", P2_LON, P2_LAT, "",
  "2019", "Octubre", "2019-10-08 09:15:00", "2019", "Octubre", "2019-10-08T10:00:00", "AMENAZAS", "F", "A", "U",
  "DELITO DE BAJO IMPACTO", "", "", "", "ESTADO DE MEXICO", "", "-98.9", "19.4", "",
  NULL, NULL };

static const char *const g2_header[] = { "ao_hechos", "mes_hechos", "fecha_hechos", "hora_hechos", "ao_inicio", "mes_inicio", "fecha_inicio",
                                         "hora_inicio", "delito", "fiscalia", "agencia", "unidad_investigacion", "categoria_delito",
                                         "competencia", "alcaldia_hechos", "municipio_hechos", "colonia_datos", "fgj_colonia_registro",
                                         "longitud", "latitud" };
static const char *const g2_cells[] = {
  "2022", "Agosto", "2022-08-01", "18:45:00", "2022", "Agosto", "2022-08-02", "10:00:00", "ROBO DE OBJETOS", "F", "A", "U",
  "DELITO DE BAJO IMPACTO", "", "IZTAPALAPA", "", "", "", P2_LON, P2_LAT,
  "2022", "Agosto", "2022-08-02", "07:10:00", "2022", "Agosto", "2022-08-02", "10:00:00", "ROBO DE OBJETOS", "F", "A", "U",
  "DELITO DE BAJO IMPACTO", "", "IZTAPALAPA", "", "", "", P1_LON, P1_LAT,
  NULL, NULL };

static const char *const g3_header[] = { "anio_hecho", "mes_hecho", "fecha_hecho", "hora_hecho", "delito", "categoria", "competencia",
                                         "fiscalia", "agencia", "unidad_investigacion", "anio_inicio", "mes_inicio", "fecha_inicio",
                                         "hora_inicio", "colonia_catalogo", "colonia_hecho", "alcaldia_hecho", "municipio_hecho",
                                         "latitud", "longitud" };
static const char *const g3_cells[] = {
  "2023", "August", "2023-08-14T00:00:00", "22:10:00", "VIOLACION", "VIOLACIÓN", "", "F", "A", "U", "2023", "August",
  "2023-08-15", "09:00:00", "EL PARAISO", "El Paraíso", "IZTAPALAPA", "", P1_LAT, P1_LON,
  NULL, NULL };

static const char *const g3b_header[] = { "anio_hecho", "mes_hecho", "fecha_hecho", "hora_hecho", "delito", "categoria_delito",
                                          "competencia", "fiscalia", "agencia", "unidad_investigacion", "anio_inicio", "mes_inicio",
                                          "fecha_inicio", "hora_inicio", "colonia_catalogo", "colonia_hecho", "alcaldia_hecho",
                                          "alcaldia_catalogo", "municipio_hecho", "latitud", "longitud" };
static const char *const g3b_cells[] = {
  "2025", "Enero", "2025-01-20T00:00:00", "12:00:00", "ROBO A TRANSEUNTE EN VIA PUBLICA CON VIOLENCIA", "ROBO A TRANSEUNTE EN VÍA PÚBLICA CON Y SIN VIOLENCIA",
  "", "F", "A", "U", "2025", "Enero", "2025-01-20", "13:00:00", "EL PARAISO", "EL PARAISO", "IZTAPALAPA", "IZTAPALAPA", "", P1_LAT, P1_LON,
  "2025", "Enero", "2025-01-21T00:00:00", "nan", "FRAUDE", "DELITO DE BAJO IMPACTO",
  "", "F", "A", "U", "2025", "Enero", "2025-01-21", "13:00:00", "nan", "nan", "IZTAPALAPA", "IZTAPALAPA", "", "nan", "nan",
  NULL, NULL };

static const char *const v_old_header[] = { "idCarpeta", "Año_inicio", "Mes_inicio", "FechaInicio", "Delito", "Categoria", "Sexo",
                                            "Edad", "TipoPersona", "CalidadJuridica", "competencia", "Año_hecho", "Mes_hecho",
                                            "FechaHecho", "HoraHecho", "HoraInicio", "AlcaldiaHechos", "ColoniaHechos",
                                            "Calle_hechos", "Calle_hechos2", "latitud", "longitud" };
static const char *const v_old_cells[] = {
  "8324429", "2021", "Enero", "04/01/2021", "LESIONES INTENCIONALES POR GOLPES", "DELITO DE BAJO IMPACTO", "Femenino", "28",
  "FISICA", "VICTIMA", "FUERO COMUN", "2021", "Enero", "04/01/2021", "12:30", "13:00", "IZTAPALAPA", "EL PARAISO", "", "", P1_LAT, P1_LON,
  "8324429", "2021", "Enero", "04/01/2021", "LESIONES INTENCIONALES POR GOLPES", "DELITO DE BAJO IMPACTO", "Masculino", "nan",
  "FISICA", "VICTIMA", "FUERO COMUN", "2021", "Enero", "04/01/2021", "12:30", "13:00", "IZTAPALAPA", "EL PARAISO", "", "", P1_LAT, P1_LON,
  NULL, NULL };

static const char *const v_new_header[] = { "anio_inicio", "mes_inicio", "fecha_inicio", "hora_inicio", "anio_hecho", "mes_hecho",
                                            "fecha_hecho", "hora_hecho", "delito", "categoria_delito", "sexo", "edad", "tipo_persona",
                                            "calidad_juridica", "competencia", "colonia_hecho", "colonia_catalogo", "alcaldia_hecho",
                                            "alcaldia_catalogo", "municipio_hecho", "latitud", "longitud" };
static const char *const v_new_cells[] = {
  "2024", "Septiembre", "2024-09-02", "10:00:00", "2024", "Septiembre", "2024-09-01", "23:50:00", "ROBO A TRANSEUNTE DE CELULAR CON VIOLENCIA",
  "ROBO A TRANSEUNTE EN VÍA PÚBLICA CON Y SIN VIOLENCIA", "Masculino", "19", "FISICA", "OFENDIDO", "", "", "", "IZTAPALAPA",
  "IZTAPALAPA", "", P2_LAT, P2_LON,
  "2024", "Septiembre", "2024-09-02", "10:00:00", "2024", "Septiembre", "2024-09-01", "23:50:00", "FRAUDE",
  "DELITO DE BAJO IMPACTO", "NaN", "", "MORAL", "VICTIMA", "", "", "", "CDMX (indeterminada)", "", "", "", "",
  NULL, NULL };

static const Generation generations[] = {
  { "G1a", USGA_TABLE_CARPETAS, G_N_ELEMENTS (g1a_header), g1a_header, g1a_cells, "G1a (2016–2019)", 2,
    "SELECT group_concat (date || ' ' || COALESCE (hour, '-') || ' ' || time_placeholder, ',') FROM (SELECT * FROM incident WHERE origin = 'ckan' ORDER BY date)",
    "2018-03-05 13 0,2018-03-06 0 1" },
  { "G1", USGA_TABLE_CARPETAS, G_N_ELEMENTS (g1_header), g1_header, g1_cells, "G1 (2020–2022)", 2,
    "SELECT group_concat (date || ' ' || hour, ',') FROM (SELECT * FROM incident WHERE origin = 'ckan' ORDER BY date)",
    "2019-10-07 14,2019-10-08 9" },
  { "G2", USGA_TABLE_CARPETAS, G_N_ELEMENTS (g2_header), g2_header, g2_cells, "G2 (2022–2023)", 2,
    "SELECT group_concat (date || ' ' || hour || ' ' || (cuadrante_id IS NOT NULL), ',') FROM (SELECT * FROM incident WHERE origin = 'ckan' ORDER BY date)",
    "2022-08-01 18 1,2022-08-02 7 1" },
  { "G3", USGA_TABLE_CARPETAS, G_N_ELEMENTS (g3_header), g3_header, g3_cells, "G3 (2023→)", 1,
    "SELECT date || ' ' || hour || ' ' || (colonia_id IS NOT NULL) FROM incident WHERE origin = 'ckan'", "2023-08-14 22 1" },
  { "G3-2025", USGA_TABLE_CARPETAS, G_N_ELEMENTS (g3b_header), g3b_header, g3b_cells, "G3 (2025 acumulado)", 2,
    "SELECT group_concat (date || ' ' || COALESCE (hour, '-') || ' ' || COALESCE (lat, '-'), ',') FROM (SELECT * FROM incident WHERE origin = 'ckan' ORDER BY date)",
    "2025-01-20 12 19.3763175064706,2025-01-21 - -" },
  { "victimas-2021", USGA_TABLE_VICTIMAS, G_N_ELEMENTS (v_old_header), v_old_header, v_old_cells, "víctimas 2019–2022", 2,
    "SELECT group_concat (date || ' ' || hour || ' ' || sex || ' ' || COALESCE (age, '-') || ' ' || person_type, ',') FROM (SELECT * FROM victim ORDER BY sex)",
    "2021-01-04 12 F 28 FISICA,2021-01-04 12 M - FISICA" },
  { "victimas-2024", USGA_TABLE_VICTIMAS, G_N_ELEMENTS (v_new_header), v_new_header, v_new_cells, "víctimas 2023→", 1,
    "SELECT date || ' ' || hour || ' ' || sex || ' ' || age || ' ' || legal_status FROM victim", "2024-09-01 23 M 19 OFENDIDO" },
};

static void
test_generation (gconstpointer data)
{
  const Generation *g = data;
  g_autoptr(UsgaFakeCkan) fake = usga_fake_ckan_new ();
  g_autoptr(GPtrArray) rows = rows_of (g->cells, g->n_cols);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  const char *rid = g->kind == USGA_TABLE_VICTIMAS ? VRID : USGA_TEST_RID;
  g_autofree char *header_copy = NULL;
  UsgaSyncOptions o;
  UsgaSyncSummary s;
  char **header = g_new0 (char *, g->n_cols + 1);

  for (guint c = 0; c < g->n_cols; c++)
    header[c] = g_strdup (g->header[c]);
  usga_fake_ckan_add_table (fake, rid, "fixture.csv", "2025-02-10T00:00:00", (const char *const *) header, rows, numeric_cols);
  g_strfreev (header);
  options_for (&o, fake, rid, g->kind);

  usga_test_sync_ok (db, &o, &s);
  g_assert_cmpstr (s.generation, ==, g->generation);
  g_assert_cmpint (s.added, ==, g->added);
  g_assert_cmpint (s.rejected, ==, 0);
  value = usga_test_query_text (db, g->check_sql);
  g_assert_cmpstr (value, ==, g->check_value);
  usga_sync_summary_clear (&s);
}

/* ---------------------------------------------------------------- paging, resume, faults */

static UsgaFakeCkan *
generated_server (guint n)
{
  UsgaFakeCkan *fake = usga_fake_ckan_new ();
  usga_fake_ckan_add_generated (fake, USGA_TEST_RID, n);
  return fake;
}

static void
test_paging_idempotent (void)
{
  g_autoptr(UsgaFakeCkan) fake = generated_server (2300);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  UsgaSyncOptions o;
  UsgaSyncSummary s;
  gint64 bundled_2024_before = usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'bundled'");
  guint requests;

  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.city = TRUE;
  o.page_size = 500;
  usga_test_sync_ok (db, &o, &s);
  g_assert_cmpint (s.added, ==, 2300);
  g_assert_cmpint (s.total, ==, 2300);
  g_assert_cmpint (usga_fake_ckan_max_limit (fake), ==, 500);
  /* resource_show, the column probe and five pages */
  g_assert_cmpuint (usga_fake_ckan_requests (fake), ==, 7);
  g_assert_cmpuint (usga_fake_ckan_sql_requests (fake), ==, search_only ? 0 : 5);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'ckan'"), ==, 2300);
  /* Generated rows start in January 2016: only the months synced are superseded, so every
   * bundled 2024 carpeta is still there. */
  g_assert_cmpint (usga_test_count (db, "SELECT max (date) FROM incident WHERE origin = 'ckan'"), <, 2017);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'bundled'"), ==, bundled_2024_before);
  assert_query_text (db, "SELECT origin || ' ' || vintage FROM dataset WHERE id = 'carpetas'", ==,
                   "ckan carpetasFGJ_acumulado_generated.csv (2025-02-10T12:00:00.000000)");
  usga_sync_summary_clear (&s);

  /* Same vintage: nothing to read. */
  requests = usga_fake_ckan_requests (fake);
  g_assert_true (run_sync (db, &o, &s, &error));
  g_assert_true (s.up_to_date);
  g_assert_cmpuint (usga_fake_ckan_requests (fake) - requests, ==, 2);
  usga_sync_summary_clear (&s);

  /* A new upload renumbers nothing we depend on: everything is recognised. */
  usga_fake_ckan_set_last_modified (fake, USGA_TEST_RID, "2025-03-01T00:00:00");
  g_assert_true (run_sync (db, &o, &s, &error));
  g_assert_false (s.up_to_date);
  g_assert_cmpint (s.added, ==, 0);
  g_assert_cmpint (s.skipped, ==, 2300);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'ckan'"), ==, 2300);
  usga_sync_summary_clear (&s);

  /* --full reads again even when nothing changed, and still adds nothing. */
  o.full = TRUE;
  g_assert_true (run_sync (db, &o, &s, &error));
  g_assert_cmpint (s.added, ==, 0);
  g_assert_cmpint (s.skipped, ==, 2300);
  usga_sync_summary_clear (&s);
}

/* A portal that restricts datastore_search_sql: the plain API carries on. */
static void
test_sql_disabled (void)
{
  g_autoptr(UsgaFakeCkan) fake = generated_server (1200);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  usga_fake_ckan_set_sql_disabled (fake, TRUE);
  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.city = TRUE;
  o.page_size = 500;
  usga_test_sync_ok (db, &o, &s);
  g_assert_cmpint (s.added, ==, 1200);
  g_assert_cmpuint (usga_fake_ckan_sql_requests (fake), ==, 1);  /* tried once, not retried */
  usga_sync_summary_clear (&s);
}

/* A portal that refuses fields/records_format still syncs, with whole records. */
static void
test_plain_portal (void)
{
  g_autoptr(UsgaFakeCkan) fake = generated_server (1200);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  usga_fake_ckan_set_plain_only (fake, TRUE);
  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.page_size = 500;
  usga_test_sync_ok (db, &o, &s);
  g_assert_cmpint (s.added + s.out_of_scope, >, 0);
  g_assert_cmpint (s.added, ==, usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'ckan'"));
  g_assert_cmpint (s.added, >, 30);  /* about 1 in 16 generated carpetas is in Iztapalapa */
  usga_sync_summary_clear (&s);
}

static void
test_resume (void)
{
  g_autoptr(UsgaFakeCkan) fake = generated_server (2300);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  UsgaSyncOptions o;
  UsgaSyncSummary s;
  guint requests;

  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.city = TRUE;
  o.page_size = 500;
  usga_fake_ckan_fail (fake, USGA_FAKE_HTTP_500, 1500, 100);
  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "HTTP 500"));
  g_clear_error (&error);
  g_assert_cmpint (s.added, ==, 1500);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'ckan'"), ==, 1500);
  assert_query_text (db, "SELECT status || ' ' || next_offset FROM sync_log ORDER BY id DESC LIMIT 1", ==, "failed 1500");
  usga_sync_summary_clear (&s);

  usga_fake_ckan_fail (fake, USGA_FAKE_NONE, -1, 0);
  requests = usga_fake_ckan_requests (fake);
  usga_test_sync_ok (db, &o, &s);
  g_assert_true (s.resumed);
  g_assert_cmpint (s.resumed_at, ==, 1500);
  g_assert_cmpint (s.added, ==, 2300);
  /* resource_show, probe, pages at 1500 and 2000 only */
  g_assert_cmpuint (usga_fake_ckan_requests (fake) - requests, ==, 4);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'ckan'"), ==, 2300);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM sync_log WHERE kind = 'ckan'"), ==, 1);
  assert_query_text (db, "SELECT status || ' ' || rows_added FROM sync_log ORDER BY id DESC LIMIT 1", ==, "ok 2300");
  usga_sync_summary_clear (&s);
}

static void
test_fault_recovers (gconstpointer data)
{
  UsgaFakeFault fault = GPOINTER_TO_INT (data);
  g_autoptr(UsgaFakeCkan) fake = generated_server (1200);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.city = TRUE;
  o.page_size = 500;
  usga_fake_ckan_fail (fake, fault, 500, 2);  /* two bad answers, then a good one */
  usga_test_sync_ok (db, &o, &s);
  g_assert_cmpint (s.added, ==, 1200);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'ckan'"), ==, 1200);
  usga_sync_summary_clear (&s);
}

typedef struct {
  UsgaFakeFault fault;
  gint64 offset;
  int code;
  const char *message_part;
} FatalFault;

static const FatalFault fatal_faults[] = {
  { USGA_FAKE_HTTP_403, -1, USGA_SYNC_ERROR_BLOCKED, "outside Mexico" },
  { USGA_FAKE_HTTP_500, 500, USGA_SYNC_ERROR_SERVER, "HTTP 500" },
  { USGA_FAKE_DROP, 500, USGA_SYNC_ERROR_DISCONNECTED, "broke off" },
  { USGA_FAKE_TRUNCATED, 500, USGA_SYNC_ERROR_INVALID, "not valid JSON" },
  { USGA_FAKE_CKAN_ERROR, 500, USGA_SYNC_ERROR_CKAN, "offset: Must be a natural number" },
};

static void
test_fault_fatal (gconstpointer data)
{
  const FatalFault *f = data;
  g_autoptr(UsgaFakeCkan) fake = generated_server (1200);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  gint64 before = usga_test_count (db, "SELECT count(*) FROM incident");
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.city = TRUE;
  o.page_size = 500;
  usga_fake_ckan_fail (fake, f->fault, f->offset, 100);
  g_assert_false (run_sync (db, &o, &s, &error));
  g_assert_error (error, USGA_SYNC_ERROR, f->code);
  g_assert_nonnull (strstr (error->message, f->message_part));
  /* Only whole pages were kept, and the log says how far it got. */
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'ckan'"), ==, f->offset < 0 ? 0 : f->offset);
  if (f->offset < 0)
    g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident"), ==, before);
  else
    assert_query_text (db, "SELECT status FROM sync_log ORDER BY id DESC LIMIT 1", ==, "failed");
  g_assert_cmpint (usga_test_count (db, "PRAGMA integrity_check = 1") , !=, -1);
  usga_sync_summary_clear (&s);
}

static void
test_refused (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  UsgaSyncOptions o = { 0 };
  UsgaSyncSummary s;

  /* A port nobody listens on: bind, note it, close. */
  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);
  o.base_url = url;
  o.resource_id = USGA_TEST_RID;
  o.attempts = 2;
  o.retry_delay_ms = 1;
  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_BLOCKED);
  g_assert_nonnull (strstr (error->message, "Import CSV"));
  usga_sync_summary_clear (&s);
}

/* A portal whose certificate nobody vouches for: refused at once, never retried, nothing
 * written. */
static void
test_bad_certificate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = usga_test_self_signed_certificate (NULL);
  g_autoptr(UsgaFakeCkan) fake = NULL;
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  gint64 before = usga_test_count (db, "SELECT count(*) FROM incident");
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  fake = usga_fake_ckan_new_tls (certificate);
  usga_fake_ckan_add_generated (fake, USGA_TEST_RID, 10);
  g_assert_true (g_str_has_prefix (usga_fake_ckan_url (fake), "https://"));
  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "could not be verified"));
  g_assert_cmpuint (usga_fake_ckan_requests (fake), ==, 0);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident"), ==, before);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM sync_log WHERE status = 'failed'"), ==, 1);
  usga_sync_summary_clear (&s);
}

/* A resolver that never finds anything: what an offline computer's resolver says. */
typedef struct { GResolver parent; } OfflineResolver;
typedef struct { GResolverClass parent_class; } OfflineResolverClass;
static GType offline_resolver_get_type (void);
G_DEFINE_TYPE (OfflineResolver, offline_resolver, G_TYPE_RESOLVER)

static GList *
offline_lookup (GResolver *resolver, const char *hostname, GCancellable *cancellable, GError **error)
{
  g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE,
               "Error resolving “%s”: Temporary failure in name resolution", hostname);
  return NULL;
}

static GList *
offline_lookup_with_flags (GResolver *resolver, const char *hostname, GResolverNameLookupFlags flags,
                           GCancellable *cancellable, GError **error)
{
  return offline_lookup (resolver, hostname, cancellable, error);
}

static void
offline_lookup_async (GResolver *resolver, const char *hostname, GCancellable *cancellable,
                      GAsyncReadyCallback callback, gpointer data)
{
  g_task_report_new_error (resolver, callback, data, offline_lookup_async, G_RESOLVER_ERROR,
                           G_RESOLVER_ERROR_TEMPORARY_FAILURE,
                           "Error resolving “%s”: Temporary failure in name resolution", hostname);
}

static void
offline_lookup_with_flags_async (GResolver *resolver, const char *hostname, GResolverNameLookupFlags flags,
                                 GCancellable *cancellable, GAsyncReadyCallback callback, gpointer data)
{
  offline_lookup_async (resolver, hostname, cancellable, callback, data);
}

static GList *
offline_lookup_finish (GResolver *resolver, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
offline_resolver_class_init (OfflineResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_by_name = offline_lookup;
  resolver_class->lookup_by_name_async = offline_lookup_async;
  resolver_class->lookup_by_name_finish = offline_lookup_finish;
  resolver_class->lookup_by_name_with_flags = offline_lookup_with_flags;
  resolver_class->lookup_by_name_with_flags_async = offline_lookup_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = offline_lookup_finish;
}

static void
offline_resolver_init (OfflineResolver *resolver)
{
}

/* No network: the portal's name does not resolve. Said plainly, without retrying forever. */
static void
test_offline (void)
{
  g_autoptr(GResolver) previous = g_resolver_get_default ();
  g_autoptr(GResolver) offline = g_object_new (offline_resolver_get_type (), NULL);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  gint64 before = usga_test_count (db, "SELECT count(*) FROM incident");
  UsgaSyncOptions o = { 0 };
  UsgaSyncSummary s;

  g_resolver_set_default (offline);
  o.base_url = "https://datos.cdmx.gob.mx";
  o.resource_id = USGA_TEST_RID;
  o.attempts = 2;
  o.retry_delay_ms = 1;
  g_assert_false (run_sync (db, &o, &s, &error));
  g_resolver_set_default (previous);
  g_assert_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "offline"));
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident"), ==, before);
  usga_sync_summary_clear (&s);
}

/* The disk fills up in the middle: a sync keeps the pages it saved and resumes once there is
 * room; an import keeps nothing. Either way the database stays sound and says why. */
static void
test_disk_full (void)
{
  g_autoptr(UsgaFakeCkan) fake = generated_server (3000);
  g_autofree char *path = NULL;
  g_autoptr(UsgaDb) db = usga_test_bundled_db (&path);
  g_autofree char *cap = NULL;
  g_autofree char *dir = usga_test_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "usga-disk-full.csv", NULL);
  g_autoptr(GError) error = NULL;
  gint64 before = usga_test_count (db, "SELECT count(*) FROM incident");
  gint64 kept;
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.city = TRUE;
  o.page_size = 500;
  /* Room for a few pages of 500 rows and no more. */
  cap = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, usga_test_count (db, "PRAGMA page_count") + 60);
  g_assert_true (usga_db_exec (db, cap, NULL));
  usga_test_sync_fails (db, &o, &s, &error, USGA_DB_ERROR, USGA_DB_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_nonnull (strstr (error->message, "synchronise again"));
  kept = usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'ckan'");
  g_assert_cmpint (kept, >, 0);
  g_assert_cmpint (kept, <, 3000);
  g_assert_cmpint (kept % 500, ==, 0);
  assert_query_text (db, "PRAGMA integrity_check", ==, "ok");
  g_clear_error (&error);
  usga_sync_summary_clear (&s);

  /* The same rows from a CSV file: all or nothing. */
  g_assert_true (usga_fake_generated_write_csv (csv, 3000, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (run_import (db, csv, USGA_TABLE_CARPETAS, TRUE, NULL, &s, &error));
  g_assert_error (error, USGA_DB_ERROR, USGA_DB_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "usga-disk-full.csv, line"));
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'ckan'"), ==, kept);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'csv'"), ==, 0);
  assert_query_text (db, "PRAGMA integrity_check", ==, "ok");
  g_clear_error (&error);
  usga_sync_summary_clear (&s);
  g_unlink (csv);

  /* Space again: the sync goes on from its last saved page, and nothing is counted twice. */
  g_assert_true (usga_db_exec (db, "PRAGMA max_page_count = 1073741823", NULL));
  usga_test_sync_ok (db, &o, &s);
  g_assert_true (s.resumed);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'ckan'"), ==, 3000);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident"), >=, before);
  usga_sync_summary_clear (&s);
}

/* A portal that does not answer in time: retried with backoff, then a clear timeout. */
static void
test_timeout (void)
{
  g_autoptr(UsgaFakeCkan) fake = generated_server (100);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  UsgaSyncOptions o;
  UsgaSyncSummary s;
  gint64 start = g_get_monotonic_time ();

  usga_fake_ckan_set_delay (fake, 2500);
  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.timeout_s = 1;
  o.attempts = 2;
  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_TIMEOUT);
  /* The idle deadline has waited once: no second wait as long. */
  g_assert_nonnull (strstr (error->message, "sent nothing for 1 s (the idle deadline"));
  g_assert_cmpuint (usga_fake_ckan_requests (fake), ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  usga_fake_ckan_set_delay (fake, 0);
  usga_sync_summary_clear (&s);
}

static void
test_missing_column (void)
{
  static const char *const header[] = { "anio_hecho", "mes_hecho", "hora_hecho", "delito", "alcaldia_hecho", "latitud", "longitud", NULL };
  static const char *const cells[] = { "2024", "Enero", "10:00", "FRAUDE", "IZTAPALAPA", P1_LAT, P1_LON, NULL, NULL };
  g_autoptr(UsgaFakeCkan) fake = usga_fake_ckan_new ();
  g_autoptr(GPtrArray) rows = rows_of (cells, 7);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  gint64 before = usga_test_count (db, "SELECT count(*) FROM incident");
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  usga_fake_ckan_add_table (fake, USGA_TEST_RID, "broken.csv", "2025-01-01", header, rows, numeric_cols);
  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_SCHEMA);
  g_assert_nonnull (strstr (error->message, "“fecha_hecho”"));
  g_assert_nonnull (strstr (error->message, USGA_TEST_RID));
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident"), ==, before);
  usga_sync_summary_clear (&s);
}

static void
test_unknown_resource_and_cancel (void)
{
  g_autoptr(UsgaFakeCkan) fake = generated_server (100);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  options_for (&o, fake, "no-such-resource", USGA_TABLE_CARPETAS);
  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Resource was not found"));
  g_clear_error (&error);
  usga_sync_summary_clear (&s);

  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  g_cancellable_cancel (cancellable);
  usga_sync_summary_init (&s);
  g_assert_false (usga_sync_dataset (db, &o, NULL, NULL, cancellable, &s, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  usga_sync_summary_clear (&s);
}

/* The portal replaced the resource: its dataset says which one it serves now (the cumulative
 * file, though an annual one is newer). Without a dataset to ask, the error says what is gone. */
static void
test_replaced_resource (void)
{
  static const char *const header[] = { "fecha_hecho", "hora_hecho", "delito", "alcaldia_hecho", "latitud", "longitud", NULL };
  static const char *const cells[] = { "2025-03-01", "10:00", "FRAUDE", "IZTAPALAPA", P1_LAT, P1_LON, NULL, NULL };
  static const char *const resources[] = { "annual-2025", USGA_TEST_RID, NULL };
  g_autoptr(UsgaFakeCkan) fake = generated_server (300);
  g_autoptr(GPtrArray) rows = rows_of (cells, 6);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  usga_fake_ckan_add_table (fake, "annual-2025", "carpetasFGJ_2025.csv", "2026-01-01T00:00:00", header, rows,
                            numeric_cols);
  usga_fake_ckan_add_package (fake, "carpetas-de-investigacion", resources);
  options_for (&o, fake, "0ld-gone-resource", USGA_TABLE_CARPETAS);
  o.city = TRUE;

  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Resource was not found"));
  g_clear_error (&error);
  usga_sync_summary_clear (&s);

  o.package_id = "no-such-dataset";
  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Resource was not found"));
  g_assert_nonnull (strstr (error->message, "no-such-dataset"));
  g_clear_error (&error);
  usga_sync_summary_clear (&s);

  o.package_id = "carpetas-de-investigacion";
  usga_test_sync_ok (db, &o, &s);
  g_assert_cmpstr (s.replacement, ==, USGA_TEST_RID);
  g_assert_cmpint (s.added, ==, 300);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM sync_log WHERE resource = '" USGA_TEST_RID "' AND status = 'ok'"), ==, 1);
  usga_sync_summary_clear (&s);

  /* A dataset with no DataStore resource at all: said plainly, with the way out. */
  usga_fake_ckan_add_package (fake, "only-files", (const char *const[]) { NULL });
  o.package_id = "only-files";
  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Import CSV"));
  usga_sync_summary_clear (&s);
}

/* Identical carpetas (same day, time, delito, place) are distinct rows, also across a resume. */
static void
test_identical_rows (void)
{
  static const char *const header[] = { "fecha_hecho", "hora_hecho", "delito", "alcaldia_hecho", "latitud", "longitud", NULL };
  static const char *const cells[] = {
    "2024-05-01", "10:00", "ROBO DE OBJETOS", "IZTAPALAPA", P1_LAT, P1_LON,
    "2024-05-02", "11:00", "FRAUDE", "IZTAPALAPA", P2_LAT, P2_LON,
    "2024-05-01", "10:00", "ROBO DE OBJETOS", "IZTAPALAPA", P1_LAT, P1_LON,
    "2024-05-03", "12:00", "AMENAZAS", "IZTAPALAPA", P2_LAT, P2_LON,
    "2024-05-01", "10:00", "ROBO DE OBJETOS", "IZTAPALAPA", P1_LAT, P1_LON,
    NULL, NULL };
  static const char *const more[] = {
    "2024-05-01", "10:00", "ROBO DE OBJETOS", "IZTAPALAPA", P1_LAT, P1_LON,
    "2024-05-02", "11:00", "FRAUDE", "IZTAPALAPA", P2_LAT, P2_LON,
    "2024-05-01", "10:00", "ROBO DE OBJETOS", "IZTAPALAPA", P1_LAT, P1_LON,
    "2024-05-03", "12:00", "AMENAZAS", "IZTAPALAPA", P2_LAT, P2_LON,
    "2024-05-01", "10:00", "ROBO DE OBJETOS", "IZTAPALAPA", P1_LAT, P1_LON,
    "2024-05-01", "10:00", "ROBO DE OBJETOS", "IZTAPALAPA", P1_LAT, P1_LON,
    NULL, NULL };
  g_autoptr(UsgaFakeCkan) fake = usga_fake_ckan_new ();
  g_autoptr(GPtrArray) rows = rows_of (cells, 6);
  g_autoptr(GPtrArray) rows_more = rows_of (more, 6);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  const char *robo = "SELECT count(*) FROM incident WHERE origin = 'ckan' AND date = '2024-05-01'";
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  usga_fake_ckan_add_table (fake, USGA_TEST_RID, "twins.csv", "v1", header, rows, numeric_cols);
  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.page_size = 2;
  usga_fake_ckan_fail (fake, USGA_FAKE_HTTP_500, 2, 100);  /* the second twin is on the page that fails */
  g_assert_false (run_sync (db, &o, &s, &error));
  g_clear_error (&error);
  usga_sync_summary_clear (&s);
  g_assert_cmpint (usga_test_count (db, robo), ==, 1);

  usga_fake_ckan_fail (fake, USGA_FAKE_NONE, -1, 0);
  g_assert_true (run_sync (db, &o, &s, &error));
  g_assert_true (s.resumed);
  g_assert_cmpint (s.added, ==, 5);
  usga_sync_summary_clear (&s);
  g_assert_cmpint (usga_test_count (db, robo), ==, 3);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM sync_seen"), ==, 0);

  /* Re-reading adds nothing; a fourth identical carpeta upstream is added. */
  o.full = TRUE;
  g_assert_true (run_sync (db, &o, &s, &error));
  g_assert_cmpint (s.added, ==, 0);
  g_assert_cmpint (s.skipped, ==, 5);
  usga_sync_summary_clear (&s);
  usga_fake_ckan_add_table (fake, USGA_TEST_RID, "twins.csv", "v2", header, rows_more, numeric_cols);
  g_assert_true (run_sync (db, &o, &s, &error));
  g_assert_cmpint (s.added, ==, 1);
  g_assert_cmpint (s.skipped, ==, 5);
  usga_sync_summary_clear (&s);
  g_assert_cmpint (usga_test_count (db, robo), ==, 4);
}

/* ---------------------------------------------------------------- dirty values, CSV = API */

static const char *const dirty_header[] = { "anio_hecho", "mes_hecho", "fecha_hecho", "hora_hecho", "delito", "categoria_delito",
                                            "colonia_catalogo", "alcaldia_hecho", "latitud", "longitud", NULL };
static const char *const dirty_cells[] = {
  "2024", "Marzo", "2024-03-01T00:00:00", "00:00:00", "VIOLACI\xc3\x83\xe2\x80\x9cN", "VIOLACIÓN", "nan", "IZTAPALAPA", P1_LAT, P1_LON,
  "2024", "March", "02/03/2024", "NA", "FRAUDE", "nan", "EL PARAISO", "IZTAPALAPA", "nan", "nan",
  "2024", "Marzo", "data", "10:00", "FRAUDE", "", "", "IZTAPALAPA", P2_LAT, P2_LON,
  "2024", "Marzo", "", "10:00", "FRAUDE", "", "", "IZTAPALAPA", P2_LAT, P2_LON,
  "2024", "Marzo", "2024-03-03", "11:00", "nan", "", "", "IZTAPALAPA", P2_LAT, P2_LON,
  "2024", "Marzo", "2024-03-04", "11:00", "AMENAZAS", "", "", "nan", P2_LAT, P2_LON,
  "2024", "Marzo", "2024-03-05", "25:99", "AMENAZAS", "", "", "IZTAPALAPA", "0", "0",
  NULL, NULL };

static void
write_csv (const char *path, const char *const *header, const char *const *cells, guint n_cols)
{
  GString *csv = g_string_new (NULL);

  for (guint c = 0; c < n_cols; c++)
    g_string_append_printf (csv, "%s%s", c ? "," : "", header[c]);
  g_string_append_c (csv, '\n');
  for (guint i = 0; cells[i * n_cols] || cells[i * n_cols + 1]; i++)
    {
      for (guint c = 0; c < n_cols; c++)
        g_string_append_printf (csv, "%s\"%s\"", c ? "," : "", cells[i * n_cols + c]);
      g_string_append_c (csv, '\n');
    }
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
  g_string_free (csv, TRUE);
}

#define INCIDENT_DUMP \
  "SELECT group_concat (r, char(10)) FROM (SELECT content_key || '|' || delito_id || '|' || date || '|' || COALESCE (hour, '') || '|'" \
  " || time_placeholder || '|' || COALESCE (colonia_raw, '') || '|' || COALESCE (colonia_id, '') || '|' || COALESCE (cuadrante_id, '')" \
  " || '|' || COALESCE (printf ('%.9f', lat), '') || '|' || COALESCE (printf ('%.9f', lon), '') AS r" \
  " FROM incident WHERE origin IN ('ckan', 'csv') ORDER BY content_key)"

static void
test_dirty_values (void)
{
  g_autoptr(UsgaFakeCkan) fake = usga_fake_ckan_new ();
  g_autoptr(GPtrArray) rows = rows_of (dirty_cells, 10);
  g_autoptr(UsgaDb) api_db = usga_test_bundled_db (NULL);
  g_autoptr(UsgaDb) csv_db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = usga_test_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "dirty.csv", NULL);
  g_autofree char *api_dump = NULL, *csv_dump = NULL, *reasons = NULL;
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  usga_fake_ckan_add_table (fake, USGA_TEST_RID, "dirty.csv", "2025-01-01", dirty_header, rows, numeric_cols);
  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  usga_test_sync_ok (api_db, &o, &s);
  g_assert_cmpint (s.added, ==, 3);
  g_assert_cmpint (s.rejected, ==, 3);
  g_assert_cmpint (s.out_of_scope, ==, 0);  /* the portal filters by alcaldía itself */
  reasons = usga_sync_summary_reasons (&s);
  g_assert_nonnull (strstr (reasons, "1 no date"));
  g_assert_nonnull (strstr (reasons, "1 unreadable date"));
  g_assert_nonnull (strstr (reasons, "1 no delito"));
  g_assert_cmpint (usga_test_count (api_db, "SELECT sum (count) FROM sync_reject"), ==, 3);
  usga_sync_summary_clear (&s);
  /* Mojibake repaired before the delito is classified; 00:00 flagged; NA time unknown; 0,0 dropped. */
  g_assert_cmpint (usga_test_count (api_db, "SELECT count(*) FROM incident i JOIN delito d ON d.id = i.delito_id"
                                  " WHERE i.date = '2024-03-01' AND d.name = 'VIOLACION' AND d.category = 'rape'"), ==, 1);
  g_assert_cmpint (usga_test_count (api_db, "SELECT time_placeholder FROM incident WHERE origin = 'ckan' AND date = '2024-03-01'"), ==, 1);
  /* Without coordinates a carpeta is not located: never placed by its colonia name. */
  g_assert_cmpint (usga_test_count (api_db, "SELECT count(*) FROM incident WHERE origin = 'ckan' AND date = '2024-03-02' AND hour IS NULL"
                                  " AND lat IS NULL AND colonia_id IS NULL"), ==, 1);
  g_assert_cmpint (usga_test_count (api_db, "SELECT count(*) FROM incident WHERE origin = 'ckan' AND date = '2024-03-05' AND hour IS NULL AND lat IS NULL"), ==, 1);

  /* The same rows from a CSV file give the same database content. */
  write_csv (csv, dirty_header, dirty_cells, 10);
  usga_sync_summary_init (&s);
  g_assert_true (run_import (csv_db, csv, USGA_TABLE_CARPETAS, FALSE, NULL, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.added, ==, 3);
  g_assert_cmpint (s.rejected, ==, 3);
  g_assert_cmpint (s.out_of_scope, ==, 1);  /* the file has every alcaldía: filtered here */
  usga_sync_summary_clear (&s);
  api_dump = usga_test_query_text (api_db, INCIDENT_DUMP);
  csv_dump = usga_test_query_text (csv_db, INCIDENT_DUMP);
  g_assert_cmpstr (api_dump, ==, csv_dump);
}

static void
test_bundled_superseded_and_csv_equal (void)
{
  g_autoptr(UsgaFakeCkan) fake = usga_fake_ckan_new ();
  g_autofree char *api_path = NULL;
  g_autoptr(UsgaDb) api_db = usga_test_bundled_db (&api_path);
  g_autoptr(UsgaDb) csv_db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *bundled_csv = usga_data_path ("bundled/carpetas_iztapalapa_puntos_2024.csv.gz");
  g_autofree char *api_dump = NULL, *csv_dump = NULL;
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(UsgaStats) before = NULL, after = NULL;
  gint64 bundled = usga_test_count (api_db, "SELECT count(*) FROM incident WHERE year = 2024");
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  g_assert_cmpint (bundled, >, 20000);
  usga_filter_set_period (filter, "2024-01-01", "2024-12-31");
  before = usga_stats_query (api_db, filter, USGA_BY_MONTH, &error);
  g_assert_no_error (error);

  g_assert_true (usga_fake_ckan_add_csv (fake, USGA_TEST_RID, "carpetasFGJ_2024.csv", "2025-01-15", bundled_csv, numeric_cols, &error));
  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.page_size = 10000;
  usga_test_sync_ok (api_db, &o, &s);
  usga_sync_summary_clear (&s);

  /* The same 2024 carpetas, now from the API: same counts, not double. */
  g_assert_cmpint (usga_test_count (api_db, "SELECT count(*) FROM incident WHERE year = 2024"), ==, bundled);
  g_assert_cmpint (usga_test_count (api_db, "SELECT count(*) FROM incident WHERE origin = 'bundled'"), ==, 0);
  after = usga_stats_query (api_db, filter, USGA_BY_MONTH, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->rows->len, ==, after->rows->len);
  g_assert_cmpint (before->total, ==, after->total);

  /* The bundled points are the FGJ carpetas themselves: a partial import of the same file finds
   * every one already there and replaces nothing; declared complete, it takes them over. */
  usga_sync_summary_init (&s);
  g_assert_true (run_import (csv_db, bundled_csv, USGA_TABLE_CARPETAS, FALSE, NULL, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.added, ==, 0);
  g_assert_cmpint (s.bundled_present, ==, bundled);
  g_assert_cmpint (s.replaced, ==, 0);
  g_assert_cmpint (usga_test_count (csv_db, "SELECT count(*) FROM incident WHERE origin = 'bundled'"), ==, bundled);
  usga_sync_summary_clear (&s);
  {
    UsgaImportOptions io = { .kind = USGA_TABLE_CARPETAS, .complete = TRUE };

    usga_sync_summary_init (&s);
    g_assert_true (usga_import_csv_with_options (csv_db, bundled_csv, &io, NULL, NULL, NULL, &s, &error));
    g_assert_no_error (error);
    usga_test_assert_references_hold (csv_db);
    g_assert_cmpint (s.added, ==, 0);
    g_assert_cmpint (s.replaced, ==, bundled);
    g_assert_cmpint (s.replaced_removed, ==, 0);
    usga_sync_summary_clear (&s);
  }
  api_dump = usga_test_query_text (api_db, INCIDENT_DUMP);
  csv_dump = usga_test_query_text (csv_db, INCIDENT_DUMP);
  g_assert_cmpuint (strlen (api_dump), >, 1000000);
  g_assert_true (g_str_equal (api_dump, csv_dump));
}

#define VICTIM_DUMP \
  "SELECT group_concat (r, char(10)) FROM (SELECT content_key || '|' || delito_id || '|' || date || '|'" \
  " || COALESCE (hour, '') || '|' || COALESCE (sex, '') || '|' || COALESCE (age, '') || '|'" \
  " || COALESCE (person_type, '') || '|' || COALESCE (legal_status, '') || '|' || COALESCE (colonia_id, '')" \
  " || '|' || COALESCE (alcaldia, '') AS r FROM victim ORDER BY content_key)"

/* Víctimas in the current schema, 3 000 of them: the portal and its CSV download give the
 * same rows, and a second sync adds none. */
static void
test_victims_api_equals_csv (void)
{
  g_autoptr(UsgaFakeCkan) fake = usga_fake_ckan_new ();
  g_autoptr(UsgaDb) api_db = usga_test_bundled_db (NULL);
  g_autoptr(UsgaDb) csv_db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = usga_test_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "victimasFGJ_acumulado_generated.csv", NULL);
  g_autofree char *api_dump = NULL, *csv_dump = NULL;
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  usga_fake_ckan_add_generated_victims (fake, VRID, 3000);
  options_for (&o, fake, VRID, USGA_TABLE_VICTIMAS);
  o.city = TRUE;
  o.page_size = 700;
  usga_test_sync_ok (api_db, &o, &s);
  g_assert_cmpint (s.added, ==, 3000);
  usga_sync_summary_clear (&s);
  o.full = TRUE;
  g_assert_true (run_sync (api_db, &o, &s, &error));
  g_assert_cmpint (s.added, ==, 0);
  g_assert_cmpint (s.skipped, ==, 3000);
  usga_sync_summary_clear (&s);

  g_assert_true (usga_fake_generated_write_csv (csv, 3000, TRUE, &error));
  usga_sync_summary_init (&s);
  g_assert_true (run_import (csv_db, csv, USGA_TABLE_AUTO, TRUE, NULL, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (s.dataset, ==, "victimas");
  g_assert_cmpint (s.added, ==, 3000);
  usga_sync_summary_clear (&s);

  api_dump = usga_test_query_text (api_db, VICTIM_DUMP);
  csv_dump = usga_test_query_text (csv_db, VICTIM_DUMP);
  g_assert_cmpuint (strlen (api_dump), >, 100000);
  g_assert_true (g_str_equal (api_dump, csv_dump));
  /* About the shares of the real file: a sixth without sex, a third without age. */
  g_assert_cmpint (usga_test_count (api_db, "SELECT count(*) FROM victim WHERE sex IS NULL"), >, 300);
  g_assert_cmpint (usga_test_count (api_db, "SELECT count(*) FROM victim WHERE age IS NULL"), >, 700);
}

static void
cancel_on_progress (double fraction, const char *message, gpointer data)
{
  if (fraction > 0)
    g_cancellable_cancel (data);
}

/* A big file that breaks near its end, and one cancelled halfway: the rows read before are
 * not kept, and the error names the file and the line. */
static void
test_csv_import_broken_and_cancelled (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = usga_test_tmpdir ();
  g_autofree char *broken = g_build_filename (dir, "cortado.csv", NULL);
  g_autofree char *big = g_build_filename (dir, "grande.csv", NULL);
  g_autofree char *text = NULL;
  gint64 before = usga_test_count (db, "SELECT count(*) FROM incident");
  gsize len;
  UsgaSyncSummary s;

  g_assert_true (usga_fake_generated_write_csv (broken, 20000, FALSE, &error));
  g_assert_true (g_file_get_contents (broken, &text, &len, &error));
  {
    g_autoptr(GString) more = g_string_new_len (text, len);
    g_string_append (more, "2024,Enero,2024-01-05,10:00:00,\"FRAUDE sin cerrar\n");
    g_assert_true (g_file_set_contents (broken, more->str, more->len, &error));
  }
  usga_sync_summary_init (&s);
  g_assert_false (run_import (db, broken, USGA_TABLE_CARPETAS, TRUE, NULL, &s, &error));
  g_assert_error (error, USGA_DB_ERROR, USGA_DB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cortado.csv: line 20002:"));
  g_assert_nonnull (strstr (error->message, "not closed"));
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident"), ==, before);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM sync_log WHERE kind = 'csv' AND status = 'failed'"), ==, 1);
  g_clear_error (&error);
  usga_sync_summary_clear (&s);

  g_assert_true (usga_fake_generated_write_csv (big, 200000, FALSE, &error));
  usga_sync_summary_init (&s);
  g_assert_false (usga_import_csv (db, big, USGA_TABLE_CARPETAS, TRUE, cancel_on_progress, cancellable,
                                   cancellable, &s, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident"), ==, before);
  assert_query_text (db, "PRAGMA integrity_check", ==, "ok");
  usga_sync_summary_clear (&s);
}

static void
test_csv_import_errors (void)
{
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = usga_test_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "carpetas_sin_fecha.csv", NULL);
  g_autofree char *g0 = g_build_filename (dir, "opendatasoft_2019.csv", NULL);
  g_autofree char *victims = g_build_filename (dir, "victimas_latin1.csv", NULL);
  gint64 before = usga_test_count (db, "SELECT count(*) FROM incident");
  UsgaSyncSummary s;
  const char g0_text[] = "A\xc3\xb1o;Mes;Fecha de hechos;Delito;Categor\xc3\xad" "a de delito;Alcald\xc3\xad" "a;Latitud;Longitud\n"
                         "2019;Enero;2019-01-15;VIOLACI\xc2\x85N;VIOLACI\xc2\x85N;IZTAPALAPA;" P1_LAT ";" P1_LON "\n";
  /* Latin-1 bytes: "Año_hecho", "LESIÓN" */
  const char latin1[] = "A\xf1o_hecho,FechaHecho,HoraHecho,Delito,Sexo,Edad,TipoPersona,CalidadJuridica,AlcaldiaHechos,latitud,longitud\n"
                        "2021,04/01/2021,12:30,LESI\xd3N,Femenino,28,FISICA,VICTIMA,IZTAPALAPA," P1_LAT "," P1_LON "\n";

  g_assert_true (g_file_set_contents (missing, "anio_hecho,delito,latitud\n2024,FRAUDE,19.3\n", -1, NULL));
  usga_sync_summary_init (&s);
  g_assert_false (run_import (db, missing, USGA_TABLE_CARPETAS, FALSE, NULL, &s, &error));
  g_assert_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_SCHEMA);
  g_assert_nonnull (strstr (error->message, "carpetas_sin_fecha.csv"));
  g_assert_nonnull (strstr (error->message, "“fecha_hecho”"));
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident"), ==, before);
  g_clear_error (&error);
  usga_sync_summary_clear (&s);

  g_assert_true (g_file_set_contents (g0, g0_text, -1, NULL));
  usga_sync_summary_init (&s);
  g_assert_true (run_import (db, g0, USGA_TABLE_CARPETAS, FALSE, NULL, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.added, ==, 1);
  g_assert_cmpstr (s.generation, ==, "G0 (labels)");
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident i JOIN delito d ON d.id = i.delito_id WHERE d.name = 'VIOLACION' AND i.date = '2019-01-15'"), ==, 1);
  usga_sync_summary_clear (&s);

  g_assert_true (g_file_set_contents (victims, latin1, -1, NULL));
  usga_sync_summary_init (&s);
  g_assert_true (run_import (db, victims, USGA_TABLE_VICTIMAS, FALSE, NULL, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.added, ==, 1);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM victim v JOIN delito d ON d.id = v.delito_id"
                              " WHERE d.name = 'LESION' AND v.sex = 'F' AND v.age = 28 AND v.date = '2021-01-04'"), ==, 1);
  usga_sync_summary_clear (&s);
}

#define SEARCH_ONLY(name, call) \
  static void name (void) { search_only = TRUE; call; search_only = FALSE; }
#define SEARCH_ONLY_DATA(name, fn) \
  static void name (gconstpointer data) { search_only = TRUE; fn (data); search_only = FALSE; }
SEARCH_ONLY (search_paging_idempotent, test_paging_idempotent ())
SEARCH_ONLY (search_resume, test_resume ())
SEARCH_ONLY (search_identical_rows, test_identical_rows ())
SEARCH_ONLY (search_dirty_values, test_dirty_values ())
SEARCH_ONLY_DATA (search_fault_recovers, test_fault_recovers)
SEARCH_ONLY_DATA (search_fault_fatal, test_fault_fatal)

/* The single-pass page reader gives each value as the text a CSV file would hold, and refuses
 * anything that is not JSON. */

/* ---------------------------------------------------------------- completeness and limits */

static gint64
coverage_rows (UsgaDb *db, const char *origin)
{
  sqlite3_stmt *stmt = usga_db_prepare (db, "SELECT count(*) FROM point_coverage WHERE origin = ?", NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, origin, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* The bundled 2024 carpetas served again by a portal that caps pages at 5 000 rows whatever the
 * limit (32 000 asked), with a fault from row 15 000 on that outlasts the retries: the sync says
 * it is incomplete, keeps the pages it has, replaces nothing (the figures do not move); the next
 * run resumes, although the portal's vintage has not changed, and completes. */
static void
test_capped_portal_fault (void)
{
  g_autoptr(UsgaFakeCkan) fake = usga_fake_ckan_new ();
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *bundled_csv = usga_data_path ("bundled/carpetas_iztapalapa_puntos_2024.csv.gz");
  g_autofree char *expected = NULL, *status = NULL;
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(UsgaStats) before = NULL, during = NULL, after = NULL;
  gint64 bundled = usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'bundled'");
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  g_assert_cmpint (bundled, >, 20000);
  usga_filter_set_period (filter, "2024-01-01", "2024-12-31");
  before = usga_stats_query (db, filter, USGA_BY_MONTH, &error);
  g_assert_no_error (error);
  g_assert_true (usga_fake_ckan_add_csv (fake, USGA_TEST_RID, "carpetasFGJ_2024.csv", "2025-01-15", bundled_csv, numeric_cols, &error));
  usga_fake_ckan_set_page_cap (fake, 5000);
  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  usga_fake_ckan_fail (fake, USGA_FAKE_HTTP_500, 15000, 100);

  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_SERVER);
  {
    g_autofree char *got = usga_format_count (15000), *total = usga_format_count (bundled);
    expected = g_strdup_printf ("Incomplete: got %s of %s rows; will resume", got, total);
  }
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_nonnull (strstr (error->message, "will resume"));
  g_assert_nonnull (strstr (error->message, "HTTP 500"));
  g_assert_cmpint (s.total, ==, bundled);
  g_clear_error (&error);
  usga_sync_summary_clear (&s);
  g_assert_cmpuint (usga_fake_ckan_max_limit (fake), ==, 5000);
  /* Old data untouched: every bundled row, the same figures, no coverage claimed, no new source. */
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'bundled'"), ==, bundled);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE year = 2024"), ==, bundled);
  during = usga_stats_query (db, filter, USGA_BY_MONTH, &error);
  g_assert_no_error (error);
  g_assert_cmpint (during->total, ==, before->total);
  g_assert_cmpint (coverage_rows (db, "ckan"), ==, 0);
  status = usga_test_query_text (db, "SELECT status || ' ' || next_offset FROM sync_log WHERE kind = 'ckan' ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (status, ==, "failed 15000");
  assert_query_text (db, "SELECT origin FROM dataset WHERE id = 'carpetas'", !=, "ckan");

  /* Same vintage: not "already up to date", but resumed at row 15 000 and completed. */
  usga_fake_ckan_fail (fake, USGA_FAKE_NONE, -1, 0);
  usga_test_sync_ok (db, &o, &s);
  g_assert_false (s.up_to_date);
  g_assert_true (s.resumed);
  g_assert_cmpint (s.resumed_at, ==, 15000);
  g_assert_cmpint (s.total, ==, bundled);
  g_assert_cmpstr (s.covered_first, ==, "2024-01-01");
  g_assert_cmpstr (s.covered_last, ==, "2024-12-31");
  usga_sync_summary_clear (&s);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE year = 2024"), ==, bundled);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'bundled'"), ==, 0);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'ckan'"), ==, bundled);
  after = usga_stats_query (db, filter, USGA_BY_MONTH, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->total, ==, before->total);
  g_assert_true (usga_coverage_covers (db, "carpetas", "2024-01-01", "2024-12-31"));
  assert_query_text (db, "SELECT status FROM sync_log WHERE kind = 'ckan' ORDER BY id DESC LIMIT 1", ==, "ok");

  /* Now complete with this vintage: up to date. */
  g_assert_true (run_sync (db, &o, &s, &error));
  g_assert_true (s.up_to_date);
  usga_sync_summary_clear (&s);
}

/* 12 000 rows through pages capped at 5 000 (32 000 asked), one fault at row 5 000 that a
 * retry gets past: one run, every row, the days recorded as complete. */
static void
test_capped_fault_once (void)
{
  g_autoptr(UsgaFakeCkan) fake = generated_server (12000);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.city = TRUE;
  usga_fake_ckan_set_page_cap (fake, 5000);
  usga_fake_ckan_fail (fake, USGA_FAKE_HTTP_500, 5000, 1);
  usga_test_sync_ok (db, &o, &s);
  g_assert_cmpint (s.total, ==, 12000);
  g_assert_cmpint (s.added, ==, 12000);
  g_assert_cmpuint (usga_fake_ckan_max_limit (fake), ==, 5000);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'ckan'"), ==, 12000);
  g_assert_true (usga_coverage_covers (db, "carpetas", s.covered_first, s.covered_last));
  assert_query_text (db, "SELECT min (date) FROM incident WHERE origin = 'ckan'", ==, s.covered_first);
  assert_query_text (db, "SELECT max (date) FROM incident WHERE origin = 'ckan'", ==, s.covered_last);
  usga_sync_summary_clear (&s);
}

/* A portal whose table ends before its total (an empty page at row 1 000 of 2 300): an
 * incomplete sync, never a success; the next run resumes there and completes. */
static void
test_short_of_total (void)
{
  g_autoptr(UsgaFakeCkan) fake = generated_server (2300);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.city = TRUE;
  o.page_size = 2000;
  usga_fake_ckan_set_page_cap (fake, 500);
  usga_fake_ckan_fail (fake, USGA_FAKE_EMPTY, 1000, 1);
  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_INCOMPLETE);
  {
    g_autofree char *got = usga_format_count (1000), *total = usga_format_count (2300);
    g_autofree char *expected = g_strdup_printf ("got %s of %s rows (the portal sent no more)", got, total);
    g_assert_nonnull (strstr (error->message, expected));
  }
  g_assert_nonnull (strstr (error->message, "will resume"));
  g_clear_error (&error);
  g_assert_cmpint (s.added, ==, 1000);
  usga_sync_summary_clear (&s);
  g_assert_cmpint (coverage_rows (db, "ckan"), ==, 0);
  assert_query_text (db, "SELECT status || ' ' || next_offset FROM sync_log ORDER BY id DESC LIMIT 1", ==, "failed 1000");

  usga_test_sync_ok (db, &o, &s);
  g_assert_true (s.resumed);
  g_assert_cmpint (s.added, ==, 2300);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'ckan'"), ==, 2300);
  g_assert_cmpint (coverage_rows (db, "ckan"), ==, 1);
  usga_sync_summary_clear (&s);
}

static void
test_redact (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "http://user:secret@host/x", "http://***@host/x" },
    { "https://host:8443/api?a=b@c", "https://host:8443/api?a=b@c" },
    { "see http://a:b@h1 and https://c@h2:1/", "see http://***@h1 and https://***@h2:1/" },
    { "no address here", "no address here" },
    { "“http://u:p@h”.", "“http://***@h”." },
  };
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  UsgaSyncOptions o = { 0 };
  UsgaSyncSummary s;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = usga_ckan_redact (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
  /* A refused connection and a bad address: neither message nor log holds the password. */
  o.base_url = "http://user:secret@127.0.0.1:9";
  o.resource_id = USGA_TEST_RID;
  o.kind = USGA_TABLE_CARPETAS;
  o.attempts = 1;
  g_assert_false (run_sync (db, &o, &s, &error));
  g_assert_null (strstr (error->message, "secret"));
  g_assert_nonnull (strstr (error->message, "127.0.0.1:9"));
  g_clear_error (&error);
  usga_sync_summary_clear (&s);
  o.base_url = "ftp://user:secret@127.0.0.1:9";
  g_assert_false (run_sync (db, &o, &s, &error));
  g_assert_null (strstr (error->message, "secret"));
  g_clear_error (&error);
  usga_sync_summary_clear (&s);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM sync_log WHERE kind = 'ckan'"), ==, 2);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM sync_log WHERE message LIKE '%secret%'"), ==, 0);
}

/* A portal behind a password, asked through a redirect: the messages and the stored source
 * never hold it either. */
static void
test_redact_success (void)
{
  g_autoptr(UsgaFakeCkan) fake = generated_server (300);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  url = g_strdup_printf ("http://user:secret@%s", usga_fake_ckan_url (fake) + strlen ("http://"));
  o.base_url = url;
  o.city = TRUE;
  usga_test_sync_ok (db, &o, &s);
  usga_sync_summary_clear (&s);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM dataset WHERE source LIKE '%secret%'"), ==, 0);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM dataset WHERE source LIKE '%***@127.0.0.1%'"), ==, 1);
}

/* A job whose process is gone is interrupted; one of a live process (this one) is not. */
static void
test_interrupted_jobs (void)
{
  g_autofree char *path = NULL;
  g_autoptr(UsgaDb) db = usga_test_bundled_db (&path);
  g_autoptr(GError) error = NULL;
  g_autofree char *dead = NULL;
  const char *argv[] = { "true", NULL };
  GPid pid;
  int wait_status;

  /* A real process that has ended: its pid and start time name no live process. */
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  waitpid (pid, &wait_status, 0);
  dead = g_strdup_printf ("%.*s/%d/1", (int) (strchr (usga_job_owner_self (), '/') - usga_job_owner_self ()),
                          usga_job_owner_self (), (int) pid);
  g_assert_false (usga_job_owner_alive (dead));
  g_assert_false (usga_job_owner_alive (NULL));
  g_assert_false (usga_job_owner_alive ("another-boot/1/1"));
  g_assert_true (usga_job_owner_alive (usga_job_owner_self ()));

  g_assert_true (usga_db_exec (db,
      "INSERT INTO sync_log (id, dataset, kind, started_at, status) VALUES"
      " (901, 'carpetas', 'csv', '2025-01-01T00:00:00Z', 'running'),"
      " (902, 'carpetas', 'ckan', '2025-01-01T00:00:00Z', 'running'),"
      " (903, 'victimas', 'ckan', '2025-01-01T00:00:00Z', 'running')", &error));
  g_assert_no_error (error);
  g_assert_true (usga_job_owner_claim (db, 902, &error));
  {
    sqlite3_stmt *stmt = usga_db_prepare (db, "INSERT INTO sync_owner (sync_id, owner) VALUES (903, ?)", NULL);
    sqlite3_bind_text (stmt, 1, dead, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_reset (stmt);
  }
  g_clear_pointer (&db, usga_db_close);

  db = usga_db_open (path, USGA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  assert_query_text (db, "SELECT group_concat (id || ' ' || status, ', ') FROM (SELECT id, status FROM sync_log"
                                   " WHERE id > 900 ORDER BY id)", ==, "901 interrupted, 902 running, 903 interrupted");
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM sync_log WHERE status = 'interrupted' AND finished_at IS NOT NULL"
                              " AND message LIKE 'interrupted%'"), ==, 2);
}

/* A run of this resource that a live process is still doing is left alone. */
static void
test_busy (void)
{
  g_autoptr(UsgaFakeCkan) fake = generated_server (100);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  g_assert_true (usga_db_exec (db,
      "INSERT INTO sync_log (id, dataset, kind, started_at, status, resource, vintage, scope, next_offset)"
      " VALUES (950, 'carpetas', 'ckan', '2025-01-01T00:00:00Z', 'running', '" USGA_TEST_RID "', 'x', 'city', 0)", &error));
  g_assert_true (usga_job_owner_claim (db, 950, &error));
  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.city = TRUE;
  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "is running"));
  usga_sync_summary_clear (&s);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'ckan'"), ==, 0);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM sync_log WHERE kind = 'ckan'"), ==, 1);
  assert_query_text (db, "SELECT status FROM sync_log WHERE id = 950", ==, "running");
}

/* A server that never answers fails at the idle deadline, once, not after four long waits. */
static void
test_silent_server (void)
{
  g_autoptr(UsgaFakeCkan) fake = generated_server (100);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  usga_fake_ckan_fail (fake, USGA_FAKE_SILENT, -1, 100);
  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.timeout_s = 1;
  o.attempts = 4;
  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "idle deadline"));
  g_assert_cmpuint (usga_fake_ckan_requests (fake), ==, 1);
  usga_sync_summary_clear (&s);
}

/* A server sending a byte at a time never trips the idle deadline: the total one stops it. */
static void
test_slow_server (void)
{
  g_autoptr(UsgaFakeCkan) fake = generated_server (100);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  usga_fake_ckan_set_trickle (fake, 20);  /* about 2.5 s for the answer */
  usga_fake_ckan_fail (fake, USGA_FAKE_SLOW, -1, 100);
  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.timeout_s = 1;
  o.deadline_ms = 700;
  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "total deadline"));
  g_assert_nonnull (strstr (error->message, "0.7 s"));
  g_assert_cmpuint (usga_fake_ckan_requests (fake), ==, 1);
  usga_sync_summary_clear (&s);

  /* The same slow answer within a generous deadline is read whole. */
  g_clear_error (&error);
  usga_fake_ckan_fail (fake, USGA_FAKE_SLOW, -1, 1);
  usga_fake_ckan_set_trickle (fake, 1);
  o.deadline_ms = 60000;
  o.city = TRUE;
  usga_test_sync_ok (db, &o, &s);
  g_assert_cmpint (s.added, ==, 100);
  usga_sync_summary_clear (&s);
}

/* A 6 MB resource_show answer against a 1 MB cap: refused once, by name of the limit. */
static void
test_huge_answer (void)
{
  g_autoptr(UsgaFakeCkan) fake = generated_server (100);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  usga_fake_ckan_set_huge (fake, 6 << 20);
  usga_fake_ckan_fail (fake, USGA_FAKE_HUGE, -1, 100);
  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.max_metadata_bytes = 1 << 20;
  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "MB allowed for it"));
  g_assert_cmpuint (usga_fake_ckan_requests (fake), ==, 1);
  usga_sync_summary_clear (&s);
  g_clear_error (&error);

  /* Pages have a cap of their own: 100 generated rows are about 15 kB. */
  usga_fake_ckan_fail (fake, USGA_FAKE_NONE, -1, 0);
  o.max_metadata_bytes = 0;
  o.max_page_bytes = 5000;
  o.city = TRUE;
  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "kB allowed for it"));
  usga_sync_summary_clear (&s);
}

/* An https portal redirecting to http: not followed, and said so; the same portal without
 * the redirect syncs (its certificate authority trusted for the test). */
static void
test_redirect_downgrade (void)
{
  g_autofree char *pem = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = usga_test_self_signed_certificate (&pem);
  g_autoptr(UsgaFakeCkan) fake = NULL;
  g_autoptr(UsgaFakeCkan) plain = generated_server (100);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  fake = usga_fake_ckan_new_tls (certificate);
  usga_fake_ckan_add_generated (fake, USGA_TEST_RID, 100);
  usga_fake_ckan_set_redirect (fake, usga_fake_ckan_url (plain));
  usga_fake_ckan_fail (fake, USGA_FAKE_REDIRECT, -1, 1);
  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.ca_file = pem;
  o.city = TRUE;
  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_REDIRECT);
  g_assert_nonnull (strstr (error->message, "an address without encryption"));
  g_assert_nonnull (strstr (error->message, usga_fake_ckan_url (plain)));
  g_assert_cmpuint (usga_fake_ckan_requests (plain), ==, 0);
  g_clear_error (&error);
  usga_sync_summary_clear (&s);

  usga_test_sync_ok (db, &o, &s);
  g_assert_cmpint (s.added, ==, 100);
  usga_sync_summary_clear (&s);
}

/* Redirects: followed to another server of the same scheme; a loop is named as such; a
 * refusal at the end of a redirect is not blamed on the portal's geo-block. */
static void
test_redirects (void)
{
  g_autoptr(UsgaFakeCkan) fake = generated_server (300);
  g_autoptr(UsgaFakeCkan) moved = generated_server (300);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  UsgaSyncOptions o;
  UsgaSyncSummary s;

  usga_fake_ckan_set_redirect (fake, usga_fake_ckan_url (moved));
  usga_fake_ckan_fail (fake, USGA_FAKE_REDIRECT, -1, 1);
  options_for (&o, fake, USGA_TEST_RID, USGA_TABLE_CARPETAS);
  o.city = TRUE;
  usga_test_sync_ok (db, &o, &s);
  g_assert_cmpint (s.added, ==, 300);
  g_assert_cmpuint (usga_fake_ckan_requests (moved), ==, 1);
  usga_sync_summary_clear (&s);

  usga_fake_ckan_set_redirect (fake, usga_fake_ckan_url (fake));
  usga_fake_ckan_fail (fake, USGA_FAKE_REDIRECT, -1, 100);
  o.full = TRUE;
  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_REDIRECT);
  g_assert_nonnull (strstr (error->message, "redirected more than 5 times"));
  g_clear_error (&error);
  usga_sync_summary_clear (&s);

  usga_fake_ckan_set_redirect (fake, "http://127.0.0.1:9");
  usga_test_sync_fails (db, &o, &s, &error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_REDIRECT);
  g_assert_nonnull (strstr (error->message, "reached by a redirect from"));
  g_assert_null (strstr (error->message, "outside Mexico"));
  usga_sync_summary_clear (&s);
}

SEARCH_ONLY (search_capped_portal_fault, test_capped_portal_fault ())
SEARCH_ONLY (search_short_of_total, test_short_of_total ())
SEARCH_ONLY (search_capped_fault_once, test_capped_fault_once ())

static void
test_page_reader (void)
{
  static const char objects[] =
    "{\"help\": \"x\", \"success\": true, \"result\": {\"records\": ["
    "{\"_id\": 7, \"delito\": \"ROBO \\\"A\\\" \\u00c1\\ud83d\\ude00\\/\\n\", \"latitud\": 19.25e0,"
    " \"colonia\": null, \"extra\": {\"a\": [1, 2]}, \"ok\": true},"
    "{\"delito\": \"first\", \"delito\": \"last\", \"_id\": -3}, 42],"
    " \"fields\": [{\"id\": \"_id\", \"type\": \"int\"}], \"total\": 1234,"
    " \"_links\": {\"start\": \"/a\", \"next\": \"/api/3/action/datastore_search?offset=3\"}}}";
  static const char lists[] =
    "{\"success\": true, \"result\": {\"records\": [[1, \"A\", 2.5], [2, null]],"
    " \"fields\": [{\"id\": \"_id\"}, {\"id\": \"delito\"}, {\"type\": \"numeric\", \"id\": \"latitud\"}]}}";
  static const char *const broken[] = {
    "{\"success\": true, \"result\": {\"records\": [{\"delito\": \"ROBO\"}",   /* cut off */
    "{\"success\": true} x",                                                  /* trailing text */
    "{\"success\": true, \"result\": {\"records\": [{\"delito\": \"A\nB\"}]}}", /* raw newline */
    "{\"success\": true, \"result\": {\"records\": [{\"n\": 01}]}}",           /* leading zero */
    "{\"success\": true, \"result\": {\"records\": [{\"s\": \"\\ud83d\"}]}}",  /* lone surrogate */
    "{\"success\": true, \"result\": {\"records\": [{\"s\": \"\xff\"}]}}",      /* not UTF-8 */
    "{\"success\": tru}",
    "",
  };
  const char *names[] = { "delito", "latitud", "colonia", "ok", "extra", "missing", NULL, "_id" };
  const char *values[G_N_ELEMENTS (names)];
  g_autoptr(UsgaCkanPage) page = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total = 0;

  page = usga_ckan_page_parse (objects, strlen (objects), &error);
  g_assert_no_error (error);
  g_assert_true (usga_ckan_page_is_records (page));
  g_assert_cmpuint (usga_ckan_page_n_records (page), ==, 3);
  g_assert_true (usga_ckan_page_get_total (page, &total));
  g_assert_cmpint (total, ==, 1234);
  g_assert_cmpstr (usga_ckan_page_next_link (page), ==, "/api/3/action/datastore_search?offset=3");
  g_assert_true (usga_ckan_page_record (page, 0, names, G_N_ELEMENTS (names), values));
  g_assert_cmpstr (values[0], ==, "ROBO \"A\" Á😀/\n");
  g_assert_cmpstr (values[1], ==, "19.25e0");
  g_assert_cmpstr (values[2], ==, "");
  g_assert_cmpstr (values[3], ==, "true");
  g_assert_cmpstr (values[4], ==, "");
  g_assert_cmpstr (values[5], ==, "");
  g_assert_null (values[6]);
  g_assert_cmpstr (values[7], ==, "7");
  g_assert_true (usga_ckan_page_record (page, 1, names, G_N_ELEMENTS (names), values));
  g_assert_cmpstr (values[0], ==, "last");
  g_assert_cmpstr (values[7], ==, "-3");
  g_assert_false (usga_ckan_page_record (page, 2, names, G_N_ELEMENTS (names), values));
  g_clear_pointer (&page, usga_ckan_page_free);

  page = usga_ckan_page_parse (lists, strlen (lists), &error);
  g_assert_no_error (error);
  g_assert_false (usga_ckan_page_get_total (page, NULL));
  g_assert_null (usga_ckan_page_next_link (page));
  g_assert_true (usga_ckan_page_record (page, 0, names, G_N_ELEMENTS (names), values));
  g_assert_cmpstr (values[0], ==, "A");
  g_assert_cmpstr (values[1], ==, "2.5");
  g_assert_cmpstr (values[7], ==, "1");
  g_assert_true (usga_ckan_page_record (page, 1, names, G_N_ELEMENTS (names), values));
  g_assert_cmpstr (values[0], ==, "");
  g_assert_cmpstr (values[1], ==, "");
  g_clear_pointer (&page, usga_ckan_page_free);

  /* Valid JSON of another shape is read, but is not a page of records. */
  page = usga_ckan_page_parse ("{\"success\": false, \"error\": {\"message\": \"no\"}}", 46, &error);
  g_assert_no_error (error);
  g_assert_false (usga_ckan_page_is_records (page));
  g_clear_pointer (&page, usga_ckan_page_free);

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      page = usga_ckan_page_parse (broken[i], strlen (broken[i]), &error);
      g_assert_null (page);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }
}

/* ---------------------------------------------------------------- sync all */

/* Three datasets, the second failing part-way (HTTP 500 from row 1 500 on, every attempt): the
 * first and third still complete, the second keeps the 1 500 rows it committed and replaces
 * nothing, and the whole fails with a message naming only the second. Expected figures come
 * from the fixture sizes: 1 200 carpetas; 3 000 víctimas in pages of 500; a second carpetas
 * resource of 1 400 generated rows whose first 1 200 are the first resource's. The portal
 * then recovers, and a missing resource id and cancelling are tried. */
static void
test_sync_all_rule (void)
{
  g_autoptr(UsgaFakeCkan) fake = generated_server (1200);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autofree char *got = usga_format_count (1500), *total = usga_format_count (3000);
  g_autofree char *incomplete = g_strdup_printf ("Victims: Incomplete: got %s of %s rows; will resume", got, total);
  const UsgaSyncTarget targets[] = {
    { USGA_TABLE_CARPETAS, USGA_TEST_RID, NULL },
    { USGA_TABLE_VICTIMAS, VRID, NULL },
    { USGA_TABLE_CARPETAS, "carpetas-2", "" },
  };
  const UsgaSyncTarget missing[] = { { USGA_TABLE_VICTIMAS, "", NULL }, { USGA_TABLE_CARPETAS, USGA_TEST_RID, NULL } };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 victims_before = usga_test_count (db, "SELECT count(*) FROM victim");
  const UsgaSyncOutcome *first, *second, *third;
  UsgaSyncOptions o;

  usga_fake_ckan_add_generated_victims (fake, VRID, 3000);
  usga_fake_ckan_add_generated (fake, "carpetas-2", 1400);
  usga_fake_ckan_set_page_cap (fake, 500);
  usga_fake_ckan_fail (fake, USGA_FAKE_HTTP_500, 1500, 1000);
  options_for (&o, fake, NULL, USGA_TABLE_AUTO);
  o.city = TRUE;

  g_assert_false (usga_sync_all (db, &o, targets, G_N_ELEMENTS (targets), NULL, NULL, NULL, &outcomes, &error));
  usga_test_assert_references_hold (db);
  g_assert_error (error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_SERVER);
  g_assert_true (g_str_has_prefix (error->message, "Sync failed for 1 of 3 datasets — Victims: "));
  g_assert_nonnull (strstr (error->message, incomplete));
  g_assert_null (strstr (error->message, "Carpetas"));
  g_assert_cmpuint (outcomes->len, ==, 3);
  first = g_ptr_array_index (outcomes, 0);
  second = g_ptr_array_index (outcomes, 1);
  third = g_ptr_array_index (outcomes, 2);
  g_assert_true (first->tried && second->tried && third->tried);
  g_assert_no_error (first->error);
  g_assert_cmpint (first->summary.added, ==, 1200);
  g_assert_error (second->error, USGA_SYNC_ERROR, USGA_SYNC_ERROR_SERVER);
  g_assert_cmpint (second->summary.added, ==, 1500);
  g_assert_null (second->summary.covered_first);
  g_assert_no_error (third->error);
  g_assert_cmpint (third->summary.added, ==, 200);
  g_assert_cmpint (third->summary.skipped, ==, 1200);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM incident WHERE origin = 'ckan'"), ==, 1400);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM victim") - victims_before, ==, 1500);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM sync_log WHERE dataset = 'victimas' AND status = 'failed' AND next_offset = 1500"), ==, 1);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM sync_log WHERE dataset = 'carpetas' AND kind = 'ckan' AND status = 'ok'"), ==, 2);
  g_clear_pointer (&outcomes, g_ptr_array_unref);
  g_clear_error (&error);

  /* The portal recovers: the next sync-all succeeds, resuming víctimas at row 1 500. */
  usga_fake_ckan_fail (fake, USGA_FAKE_NONE, -1, 0);
  g_assert_true (usga_sync_all (db, &o, targets, G_N_ELEMENTS (targets), NULL, NULL, NULL, &outcomes, &error));
  g_assert_no_error (error);
  second = g_ptr_array_index (outcomes, 1);
  g_assert_true (second->summary.resumed);
  g_assert_cmpint (second->summary.resumed_at, ==, 1500);
  g_assert_cmpint (usga_test_count (db, "SELECT count(*) FROM victim") - victims_before, ==, 3000);
  g_assert_null (usga_sync_all_message (outcomes));
  g_clear_pointer (&outcomes, g_ptr_array_unref);

  /* A missing resource id fails that dataset alone; cancelling leaves the rest untried. */
  usga_fake_ckan_set_last_modified (fake, USGA_TEST_RID, "2025-03-01T00:00:00");
  g_assert_false (usga_sync_all (db, &o, missing, 2, NULL, NULL, NULL, &outcomes, &error));
  g_assert_true (g_str_has_prefix (error->message, "Sync failed for 1 of 2 datasets — Victims: no DataStore resource id"));
  first = g_ptr_array_index (outcomes, 0);
  second = g_ptr_array_index (outcomes, 1);
  g_assert_error (first->error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_no_error (second->error);
  g_assert_false (second->summary.up_to_date);  /* a new vintage: read again, nothing new */
  g_assert_cmpint (second->summary.skipped, ==, 1200);
  g_clear_pointer (&outcomes, g_ptr_array_unref);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_false (usga_sync_all (db, &o, missing + 1, 1, NULL, NULL, cancellable, &outcomes, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (((UsgaSyncOutcome *) g_ptr_array_index (outcomes, 0))->tried);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schema/values", test_values);
  g_test_add_func ("/ckan/page-reader", test_page_reader);
  g_test_add_func ("/schema/column-maps", test_column_maps);
  for (guint i = 0; i < G_N_ELEMENTS (generations); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sync/generation/%s", generations[i].label);
      g_test_add_data_func (path, &generations[i], test_generation);
    }
  g_test_add_func ("/sync/paging-idempotent", test_paging_idempotent);
  g_test_add_func ("/sync/capped-portal-fault", test_capped_portal_fault);
  g_test_add_func ("/sync/short-of-total", test_short_of_total);
  g_test_add_func ("/sync/capped-fault-once", test_capped_fault_once);
  g_test_add_func ("/sync/redact", test_redact);
  g_test_add_func ("/sync/redact-success", test_redact_success);
  g_test_add_func ("/sync/interrupted-jobs", test_interrupted_jobs);
  g_test_add_func ("/sync/busy", test_busy);
  g_test_add_func ("/sync/limits/silent", test_silent_server);
  g_test_add_func ("/sync/limits/slow", test_slow_server);
  g_test_add_func ("/sync/limits/huge", test_huge_answer);
  g_test_add_func ("/sync/redirects", test_redirects);
  g_test_add_func ("/sync/all/rule", test_sync_all_rule);
  g_test_add_func ("/sync/redirect-downgrade", test_redirect_downgrade);
  g_test_add_func ("/sync/resume", test_resume);
  g_test_add_func ("/sync/plain-portal", test_plain_portal);
  g_test_add_func ("/sync/sql-disabled", test_sql_disabled);
  g_test_add_data_func ("/sync/recovers/500", GINT_TO_POINTER (USGA_FAKE_HTTP_500), test_fault_recovers);
  g_test_add_data_func ("/sync/recovers/dropped", GINT_TO_POINTER (USGA_FAKE_DROP), test_fault_recovers);
  g_test_add_data_func ("/sync/recovers/truncated", GINT_TO_POINTER (USGA_FAKE_TRUNCATED), test_fault_recovers);
  g_test_add_data_func ("/sync/fails/403", &fatal_faults[0], test_fault_fatal);
  g_test_add_data_func ("/sync/fails/500", &fatal_faults[1], test_fault_fatal);
  g_test_add_data_func ("/sync/fails/dropped", &fatal_faults[2], test_fault_fatal);
  g_test_add_data_func ("/sync/fails/truncated", &fatal_faults[3], test_fault_fatal);
  g_test_add_data_func ("/sync/fails/ckan-error", &fatal_faults[4], test_fault_fatal);
  g_test_add_func ("/sync/fails/refused", test_refused);
  g_test_add_func ("/sync/fails/timeout", test_timeout);
  g_test_add_func ("/sync/fails/bad-certificate", test_bad_certificate);
  g_test_add_func ("/sync/fails/offline", test_offline);
  g_test_add_func ("/sync/fails/disk-full", test_disk_full);
  g_test_add_func ("/sync/missing-column", test_missing_column);
  g_test_add_func ("/sync/unknown-resource-and-cancel", test_unknown_resource_and_cancel);
  g_test_add_func ("/sync/replaced-resource", test_replaced_resource);
  g_test_add_func ("/sync/identical-rows", test_identical_rows);
  g_test_add_func ("/sync/dirty-values", test_dirty_values);
  g_test_add_func ("/sync/bundled-superseded-csv-equal", test_bundled_superseded_and_csv_equal);
  g_test_add_func ("/import/csv", test_csv_import_errors);
  g_test_add_func ("/sync/victims-api-equals-csv", test_victims_api_equals_csv);
  g_test_add_func ("/import/csv-broken-and-cancelled", test_csv_import_broken_and_cancelled);

  /* The same behaviour through datastore_search alone (offset paging, _links.next). */
  g_test_add_func ("/search/paging-idempotent", search_paging_idempotent);
  g_test_add_func ("/search/resume", search_resume);
  g_test_add_func ("/search/capped-portal-fault", search_capped_portal_fault);
  g_test_add_func ("/search/short-of-total", search_short_of_total);
  g_test_add_func ("/search/capped-fault-once", search_capped_fault_once);
  g_test_add_func ("/search/identical-rows", search_identical_rows);
  g_test_add_func ("/search/dirty-values", search_dirty_values);
  g_test_add_data_func ("/search/recovers/dropped", GINT_TO_POINTER (USGA_FAKE_DROP), search_fault_recovers);
  g_test_add_data_func ("/search/fails/truncated", &fatal_faults[3], search_fault_fatal);
  return g_test_run ();
}

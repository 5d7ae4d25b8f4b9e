/* test-briefing.c — the printed briefing: slide order, PDF pages and their text in the
 * chosen language, and numbers formatted as the locale says.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "usga-briefing.h"
#include "usga-test-util.h"

static gboolean spanish;

static void
test_slide_order (void)
{
  /* The order a cabinet meeting follows: numbers, trend, where, what the office is doing. */
  g_assert_cmpint (USGA_SLIDE_KPIS, ==, 0);
  g_assert_cmpint (USGA_SLIDE_TREND, ==, 1);
  g_assert_cmpint (USGA_SLIDE_HOTSPOTS, ==, 2);
  g_assert_cmpint (USGA_SLIDE_TRACKER, ==, 3);
  g_assert_cmpint (USGA_N_SLIDES, ==, 4);
  g_assert_cmpstr (usga_briefing_slide_title (USGA_SLIDE_KPIS), ==, spanish ? "Indicadores principales" : "Headline Indicators");
  g_assert_cmpstr (usga_briefing_slide_title (USGA_SLIDE_TRACKER), ==,
                   spanish ? "Avance de las recomendaciones" : "Recommendations Progress");
}

static char *
pdf_text (const char *pdf)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    return NULL;
  /* Titles wrap: fold line breaks and runs of spaces, keep the form feeds between pages. */
  {
    GString *folded = g_string_new (NULL);
    gboolean space = FALSE;

    for (const char *p = out; *p; p++)
      {
        if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
          space = TRUE;
        else
          {
            if (space && folded->len && *p != '\f')
              g_string_append_c (folded, ' ');
            space = FALSE;
            g_string_append_c (folded, *p);
          }
      }
    return g_string_free (folded, FALSE);
  }
}

static void
test_pdf (void)
{
  g_autofree char *dir = usga_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "briefing.pdf", NULL);
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(UsgaBriefing) briefing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  g_autofree char *text = NULL;
  gsize len;

  usga_filter_set_period (filter, "2024-01-01", "2024-12-31");
  briefing = usga_briefing_new (db, filter, &error);
  g_assert_no_error (error);
  g_assert_true (usga_briefing_write_pdf (briefing, pdf, USGA_PAPER_LETTER, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (pdf, &head, &len, NULL));
  g_assert_true (g_str_has_prefix (head, "%PDF-"));
  g_assert_nonnull (g_strrstr_len (head + len - 32, 32, "%%EOF"));

  text = pdf_text (pdf);
  if (text == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  /* One form feed per page. */
  {
    guint pages = 0;
    for (const char *p = text; *p; p++)
      pages += *p == '\f';
    g_assert_cmpuint (pages, ==, USGA_N_PAGES);
  }
  if (spanish)
    {
      g_assert_nonnull (strstr (text, "Informe para el Gabinete de Seguridad"));
      g_assert_nonnull (strstr (text, "Violencia familiar"));
      g_assert_nonnull (strstr (text, "Fuentes y métodos"));
      g_assert_nonnull (strstr (text, "diciembre de 2024"));
    }
  else
    {
      g_assert_nonnull (strstr (text, "Security Cabinet Briefing"));
      g_assert_nonnull (strstr (text, "Domestic violence"));
      g_assert_nonnull (strstr (text, "Sources and Methods"));
      g_assert_nonnull (strstr (text, "31 December 2024"));
    }
  /* Each page carries the data vintage. */
  g_assert_nonnull (strstr (text, "carpetasFGJ_acumulado_2025_01"));
}

/* One slide drawn into a one-page PDF, as text. */
static char *
slide_text (const char *dir, UsgaBriefing *briefing, UsgaSlide slide)
{
  g_autofree char *pdf = g_strdup_printf ("%s/slide-%d.pdf", dir, slide);
  cairo_surface_t *surface = cairo_pdf_surface_create (pdf, 1280, 720);
  cairo_t *cr = cairo_create (surface);

  usga_briefing_draw_slide (briefing, slide, cr, 1280, 720, FALSE);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return pdf_text (pdf);
}

/* Before 2024 the hot-spot classes rest on estimated colonia counts: the slide says so, and its
 * method names the rule; for 2024 (points) neither does. */
static void
test_slide_estimates (void)
{
  g_autofree char *dir = usga_test_tmpdir ();
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  const struct { const char *from, *to; gboolean estimate; } cases[] = {
    { "2023-01-01", "2023-12-31", TRUE },
    { "2024-01-01", "2024-12-31", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(UsgaFilter) filter = usga_filter_new ();
      g_autoptr(UsgaBriefing) briefing = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      const char *method;

      usga_filter_set_period (filter, cases[i].from, cases[i].to);
      briefing = usga_briefing_new (db, filter, &error);
      g_assert_no_error (error);
      for (int slide = 0; slide < USGA_N_SLIDES; slide++)
        g_assert_nonnull (usga_briefing_slide_method (briefing, slide));
      method = usga_briefing_slide_method (briefing, USGA_SLIDE_HOTSPOTS);
      g_assert_true ((strstr (method, spanish ? "proporción de puntos de 2024" : "2024 point shares") != NULL) == cases[i].estimate);

      if ((text = slide_text (dir, briefing, USGA_SLIDE_HOTSPOTS)) == NULL)
        {
          g_test_skip ("pdftotext (poppler-utils) is not installed");
          return;
        }
      g_assert_true ((strstr (text, spanish ? "Estimación:" : "Estimate:") != NULL) == cases[i].estimate);
    }
}

/* With no dates there is no like period a year earlier: the cards say so instead of comparing
 * the whole record with itself ("= 0.0 %"). */
static void
test_open_ended (void)
{
  g_autofree char *dir = usga_test_tmpdir ();
  g_autoptr(UsgaDb) db = usga_test_bundled_db (NULL);
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(UsgaBriefing) briefing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  briefing = usga_briefing_new (db, filter, &error);
  g_assert_no_error (error);
  if ((text = slide_text (dir, briefing, USGA_SLIDE_KPIS)) == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, spanish ? "Sin cambio mostrado" : "No change shown"));
  g_assert_null (strstr (text, "0.0 %"));
  g_assert_null (strstr (text, spanish ? "un año antes" : "a year earlier"));
  /* The period says which days were counted, not "— to —". */
  g_assert_nonnull (strstr (text, spanish ? "2019" : "1 January 2019"));
  g_assert_null (strstr (text, "— to —"));
}

/* A shared tracker's copy answers the tracker slide, and its method names it. */
static void
test_shared_tracker (void)
{
  g_autofree char *dir = usga_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *copy_path = NULL;
  g_autoptr(UsgaDb) db = usga_test_bundled_db (&path);
  g_autoptr(UsgaDb) copy = NULL;
  g_autoptr(UsgaFilter) filter = usga_filter_new ();
  g_autoptr(UsgaBriefing) local = NULL;
  g_autoptr(UsgaBriefing) shared = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *local_text = NULL;
  g_autofree char *shared_text = NULL;

  copy_path = g_build_filename (dir, "shared-copy.sqlite3", NULL);
  usga_test_copy_file (path, copy_path);
  copy = usga_db_open (copy_path, USGA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  /* 11 of 109 in progress on the shared tracker only: 10 % addressed there, 0 % here. */
  for (int i = 1; i <= 11; i++)
    {
      g_autofree char *id = g_strdup_printf ("R%03d", i);
      const char *steps[] = { "planned", "in_progress" };

      for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
        {
          UsgaTrackerChange change = USGA_TRACKER_CHANGE_INIT;

          change.status = steps[k];
          change.by = "Ana";
          g_assert_cmpint (usga_tracker_apply (copy, id, &change, &error), ==, 1);
          g_assert_no_error (error);
        }
    }

  usga_filter_set_period (filter, "2024-01-01", "2024-12-31");
  local = usga_briefing_new (db, filter, &error);
  g_assert_no_error (error);
  shared = usga_briefing_new_with_tracker (db, copy, "tracker.example", NULL, filter, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (usga_briefing_slide_method (shared, USGA_SLIDE_TRACKER), "tracker.example"));
  g_assert_null (strstr (usga_briefing_slide_method (local, USGA_SLIDE_TRACKER), "tracker.example"));
  if ((local_text = slide_text (dir, local, USGA_SLIDE_TRACKER)) == NULL ||
      (shared_text = slide_text (dir, shared, USGA_SLIDE_TRACKER)) == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  g_assert_nonnull (strstr (shared_text, "10 %"));
  g_assert_null (strstr (local_text, "10 %"));
}

static void
test_number_format (void)
{
  g_autofree char *n = NULL;

  /* glibc: en_US groups with commas and a point; es_MX groups with a (narrow) space and a point. */
  n = g_strdup_printf ("%'d|%'.1f", 27540, 1234.5);
  if (spanish)
    {
      g_assert_null (strchr (n, ','));
      g_assert_true (g_str_has_prefix (n, "27") && !g_str_has_prefix (n, "2754"));
    }
  else
    g_assert_cmpstr (n, ==, "27,540|1,234.5");
}

int
main (int argc, char **argv)
{
  const char *lang = g_getenv ("USGA_TEST_LOCALE");

  usga_test_setlocale_or_skip (lang ? lang : "en_US.UTF-8");
  spanish = lang && g_str_has_prefix (lang, "es");
  bindtextdomain (GETTEXT_PACKAGE, usga_paths_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/briefing/slide-order", test_slide_order);
  g_test_add_func ("/briefing/slide-estimates", test_slide_estimates);
  g_test_add_func ("/briefing/open-ended", test_open_ended);
  g_test_add_func ("/briefing/shared-tracker", test_shared_tracker);
  g_test_add_func ("/briefing/pdf", test_pdf);
  g_test_add_func ("/briefing/number-format", test_number_format);
  return g_test_run ();
}

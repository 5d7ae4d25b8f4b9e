/* usga-chart-export.c — a chart to PNG, SVG, PDF or CSV, with the same drawing as the screen.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include "usga-chart-private.h"

/* ---- exports ---- */

static const char *const format_names[] = { "png", "svg", "pdf", "csv" };

gboolean
usga_export_format_from_string (const char *name, UsgaExportFormat *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (name, format_names[i]) == 0)
      {
        *format = i;
        return TRUE;
      }
  return FALSE;
}

const char *
usga_export_format_extension (UsgaExportFormat format)
{
  return format_names[format];
}

static gboolean
check_cairo (cairo_status_t status, const char *path, GError **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
               cairo_status_to_string (status));
  return FALSE;
}

gboolean
usga_chart_export (GPtrArray *models, UsgaExportFormat format, const char *path,
                   double width, double height, GError **error)
{
  cairo_surface_t *surface = NULL;
  cairo_t *cr;
  cairo_status_t status;
  guint n = models->len;

  g_return_val_if_fail (n > 0, FALSE);

  if (format == USGA_EXPORT_CSV)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);

      if (out == NULL)
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          if (i > 0 && !g_output_stream_write_all (G_OUTPUT_STREAM (out), "\n", 1, NULL, NULL, error))
            return FALSE;
          if (!usga_chart_write_csv (g_ptr_array_index (models, i), G_OUTPUT_STREAM (out), error))
            return FALSE;
        }
      return g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
    }

  switch (format)
    {
    case USGA_EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) (height * n));
      break;
    case USGA_EXPORT_SVG:
      surface = cairo_svg_surface_create (path, width, height * n);
      break;
    case USGA_EXPORT_PDF:
      surface = cairo_pdf_surface_create (path, width, height);
      break;
    case USGA_EXPORT_CSV:
      g_assert_not_reached ();
    }
  if (!check_cairo (cairo_surface_status (surface), path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cr = cairo_create (surface);
  for (guint i = 0; i < n; i++)
    {
      cairo_save (cr);
      if (format != USGA_EXPORT_PDF)
        cairo_translate (cr, 0, i * height);
      usga_chart_draw (cr, width, height, g_ptr_array_index (models, i));
      cairo_restore (cr);
      if (format == USGA_EXPORT_PDF)
        cairo_show_page (cr);   /* one chart per page */
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == USGA_EXPORT_PNG)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return check_cairo (status, path, error);
}

/* usga-map-export.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "usga-map-export.h"

#define MARGIN 16

static PangoLayout *
text_layout (cairo_t *cr, const char *text, const char *font, int width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
draw_page (cairo_t *cr, cairo_surface_t *map, int width, int map_height, int title_h,
           PangoLayout *title, PangoLayout *footer)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_move_to (cr, MARGIN, MARGIN / 2.0);
  pango_cairo_show_layout (cr, title);
  cairo_set_source_surface (cr, map, 0, title_h);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_move_to (cr, MARGIN, title_h + map_height + MARGIN / 2.0);
  pango_cairo_show_layout (cr, footer);
}

gboolean
usga_map_export (GtkWidget *widget, const char *title_text, const char *footer_text, const char *path, GError **error)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer = native ? gtk_native_get_renderer (native) : NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_surface_t *map, *measure, *out;
  cairo_t *cr;
  PangoLayout *title, *footer;
  int title_h, footer_h, th, fh;
  cairo_status_t status;

  if (renderer == NULL || width <= 0 || height <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The map is not shown, so it cannot be exported."));
      return FALSE;
    }
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The map has nothing to export yet."));
      return FALSE;
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  map = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  gdk_texture_download (texture, cairo_image_surface_get_data (map), cairo_image_surface_get_stride (map));
  cairo_surface_mark_dirty (map);

  /* Measure the text first: the page grows to hold it. */
  measure = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (measure);
  title = text_layout (cr, title_text, "Sans Bold 14", width - 2 * MARGIN);
  footer = text_layout (cr, footer_text, "Sans 9", width - 2 * MARGIN);
  pango_layout_get_pixel_size (title, NULL, &th);
  pango_layout_get_pixel_size (footer, NULL, &fh);
  cairo_destroy (cr);
  cairo_surface_destroy (measure);
  title_h = th + MARGIN;
  footer_h = fh + MARGIN;

  if (g_str_has_suffix (path, ".pdf") || g_str_has_suffix (path, ".PDF"))
    out = cairo_pdf_surface_create (path, width, height + title_h + footer_h);
  else
    out = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height + title_h + footer_h);
  cr = cairo_create (out);
  draw_page (cr, map, width, height, title_h, title, footer);
  cairo_destroy (cr);
  if (cairo_surface_get_type (out) == CAIRO_SURFACE_TYPE_IMAGE)
    status = cairo_surface_write_to_png (out, path);
  else
    {
      cairo_surface_finish (out);
      status = cairo_surface_status (out);
    }
  cairo_surface_destroy (out);
  cairo_surface_destroy (map);
  g_object_unref (title);
  g_object_unref (footer);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("“%s” could not be written: %s"), name,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

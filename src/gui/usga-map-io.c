/* usga-map-io.c — importing corridors and UTOPIAS from files, exporting corridors and the map.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "usga-map-page-private.h"

/* --- import and export ------------------------------------------------- */

static void
file_imported (UsgaMapPage *self, UsgaMapEdit *edit, const GError *error)
{
  g_autofree char *message = NULL;
  guint n = edit->n_imported;

  if (error)
    {
      message = g_strdup_printf (_("%s — nothing was imported."), error->message);
      usga_page_toast (GTK_WIDGET (self), message);
      return;
    }
  message = g_strdup_printf (edit->kind == MAP_EDIT_IMPORT_UTOPIAS
                             ? ngettext ("Imported %u UTOPIA centre", "Imported %u UTOPIA centres", n)
                             : ngettext ("Imported %u corridor", "Imported %u corridors", n), n);
  usga_page_toast (GTK_WIDGET (self), message);
  usga_map_page_reload_features (self);
  usga_map_page_refresh (GTK_WIDGET (self));
}

void
usga_map_page_import_file (UsgaMapPage *self, const char *path, gboolean utopias)
{
  UsgaMapEdit *edit = usga_map_edit_new (utopias ? MAP_EDIT_IMPORT_UTOPIAS : MAP_EDIT_IMPORT_CORRIDORS);

  g_return_if_fail (USGA_IS_MAP_PAGE (self) && self->store != NULL);
  edit->path = g_strdup (path);
  /* Parsing and saving run on the writing thread; one import at a time. */
  usga_map_page_run_edit (self, edit, self->import_button, file_imported);
}

static void
on_import_response (GtkNativeDialog *dialog, int response, UsgaMapPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      const char *kind = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "kind");

      usga_map_page_import_file (self, path, g_strcmp0 (kind, "utopias") == 0);
    }
  g_object_unref (dialog);
}

static void
on_import_clicked (UsgaMapPage *self)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Import map features"),
                                                              GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();
  const char *ids[] = { "corridors", "utopias", NULL };
  const char *labels[] = { _("Safe Women’s Corridors (lines)"), _("UTOPIAS centres (points)"), NULL };

  gtk_file_filter_set_name (filter, _("GeoJSON, KML or GPX"));
  gtk_file_filter_add_suffix (filter, "geojson");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "kml");
  gtk_file_filter_add_suffix (filter, "gpx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "kind", _("The file holds"), ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "kind", "corridors");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* What a save dialog writes (the chosen path) and what it says when it has. */
typedef gboolean (*SaveFunc) (UsgaMapPage *self, const char *path, GError **error);

typedef struct {
  SaveFunc    save;
  const char *done;
} SaveAction;

static void
on_save_response (GtkNativeDialog *dialog, int response, UsgaMapPage *self)
{
  const SaveAction *action = g_object_get_data (G_OBJECT (dialog), "save-action");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (!action->save (self, path, &error))
        usga_page_toast (GTK_WIDGET (self), error->message);
      else
        usga_page_toast (GTK_WIDGET (self), action->done);
    }
  g_object_unref (dialog);
}

/* A modal save dialog proposing @name; the caller may add filters, then shows it. */
static GtkNativeDialog *
save_dialog (UsgaMapPage *self, const char *title, const char *name, SaveFunc save, const char *done)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  SaveAction *action = g_new (SaveAction, 1);

  action->save = save;
  action->done = done;
  g_object_set_data_full (G_OBJECT (dialog), "save-action", action, g_free);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), self);
  return GTK_NATIVE_DIALOG (dialog);
}

static gboolean
save_corridors (UsgaMapPage *self, const char *path, GError **error)
{
  g_autofree char *json = NULL;

  if (self->corridors == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("No Safe Women’s Corridors yet: import a GeoJSON, KML or GPX file, or draw one."));
      return FALSE;
    }
  json = usga_corridors_to_geojson (self->corridors);
  return g_file_set_contents (path, json, -1, error);
}

static void
on_export_corridors_clicked (UsgaMapPage *self)
{
  gtk_native_dialog_show (save_dialog (self, _("Export corridors"), "corridors.geojson", save_corridors,
                                       _("Corridors exported")));
}

gboolean
usga_map_page_export (UsgaMapPage *self, const char *path, GError **error)
{
  g_autofree char *filter = usga_map_page_filter_description (self);
  g_autofree char *attribution = NULL;
  g_autofree char *footer = NULL;

  if (self->tiles)
    attribution = g_strdup_printf (_("Basemap: %s (openstreetmap.org/copyright)."),
                                   gtk_button_get_label (GTK_BUTTON (self->attribution_link)));
  else
    attribution = g_strdup (_("No basemap."));
  footer = g_strdup_printf ("%s\n%s %s", filter, attribution,
                            _("Data: FGJ carpetas de investigación (coordinates displaced ~200 m), IECM colonias, SSC cuadrantes."));
  return usga_map_export (self->overlay, _("Iztapalapa crime map"), footer, path, error);
}

static void
on_export_map_clicked (UsgaMapPage *self)
{
  GtkNativeDialog *dialog = save_dialog (self, _("Export map"), "iztapalapa-map.pdf", usga_map_page_export,
                                         _("Map exported"));
  GtkFileFilter *png = gtk_file_filter_new (), *pdf = gtk_file_filter_new ();

  gtk_file_filter_set_name (png, _("PNG image"));
  gtk_file_filter_add_suffix (png, "png");
  gtk_file_filter_set_name (pdf, _("PDF document"));
  gtk_file_filter_add_suffix (pdf, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), pdf);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), png);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), pdf);
  g_object_unref (png);
  g_object_unref (pdf);
  gtk_native_dialog_show (dialog);
}

void
usga_map_page_setup_io (UsgaMapPage *self)
{
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (on_import_clicked), self);
  g_signal_connect_swapped (self->export_corridors_button, "clicked", G_CALLBACK (on_export_corridors_clicked), self);
  g_signal_connect_swapped (self->export_map_button, "clicked", G_CALLBACK (on_export_map_clicked), self);
}

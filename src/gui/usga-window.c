/* usga-window.c — the main window: header bar, filter bar and the page stack.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-briefing.h"
#include "usga-briefing-window.h"
#include "usga-data-page.h"
#include "usga-filter-bar.h"
#include "usga-map-page.h"
#include "usga-overview-page.h"
#include "usga-recommendations-page.h"
#include "usga-trends-page.h"
#include "usga-window.h"

enum { PAGE_OVERVIEW, PAGE_TRENDS, PAGE_MAP, PAGE_RECOMMENDATIONS, PAGE_DATA, N_PAGES };

/* In the view stack's order; the names are the stack pages' (and the last-page setting's). */
static const char *const page_names[N_PAGES] = { "overview", "trends", "map", "recommendations", "data" };

struct _UsgaWindow {
  AdwApplicationWindow parent_instance;

  GtkWidget *toast_overlay;
  GtkWidget *main_stack;
  GtkWidget *loading_progress;
  GtkWidget *loading_label;
  GtkWidget *error_page;
  GtkWidget *filter_bar;
  GtkWidget *view_stack;
  /* Each page is built the first time it is shown (hidden pages cost start-up time and
   * memory): until then its slot in the view stack is empty. */
  GtkWidget *slot[N_PAGES];
  GtkWidget *page[N_PAGES];

  UsgaStore *store;       /* the application's: the window borrows it */
  GSettings *settings;
  UsgaSharedLink  *shared_link;   /* Preferences › Shared tracker, or NULL */
  gboolean pages_have_store;   /* the database is open and populated: built pages get the store */
  gboolean ready;
};

G_DEFINE_FINAL_TYPE (UsgaWindow, usga_window, ADW_TYPE_APPLICATION_WINDOW)

void
usga_window_add_toast (UsgaWindow *self, const char *message)
{
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), adw_toast_new (message));
}

static void
toast_action (GtkWidget *widget, const char *action, GVariant *param)
{
  usga_window_add_toast (USGA_WINDOW (widget), g_variant_get_string (param, NULL));
}

static int
page_index (const char *name)
{
  for (int i = 0; i < N_PAGES; i++)
    if (g_strcmp0 (page_names[i], name) == 0)
      return i;
  return -1;
}

static void
give_page_store (UsgaWindow *self, int i)
{
  GtkWidget *page = self->page[i];

  switch (i)
    {
    case PAGE_OVERVIEW: usga_overview_page_set_store (USGA_OVERVIEW_PAGE (page), self->store); break;
    case PAGE_TRENDS:   usga_trends_page_set_store (USGA_TRENDS_PAGE (page), self->store); break;
    case PAGE_MAP:      usga_map_page_set_store (USGA_MAP_PAGE (page), self->store); break;
    case PAGE_RECOMMENDATIONS:
      usga_recommendations_page_set_store (USGA_RECOMMENDATIONS_PAGE (page), self->store);
      /* Without a shared tracker the page reads this computer's on a worker when shown. */
      if (self->shared_link)
        usga_recommendations_page_set_link (USGA_RECOMMENDATIONS_PAGE (page), self->shared_link);
      break;
    case PAGE_DATA:     usga_data_page_set_store (USGA_DATA_PAGE (page), self->store); break;
    }
}

/* The page at @i, built now if it has not been shown yet. */
static GtkWidget *
ensure_page (UsgaWindow *self, int i)
{
  static GType (*const page_type[N_PAGES]) (void) = {
    usga_overview_page_get_type, usga_trends_page_get_type, usga_map_page_get_type,
    usga_recommendations_page_get_type, usga_data_page_get_type,
  };

  if (self->page[i] == NULL)
    {
      self->page[i] = g_object_new (page_type[i](), NULL);
      adw_bin_set_child (ADW_BIN (self->slot[i]), self->page[i]);
      if (self->pages_have_store)
        give_page_store (self, i);
    }
  return self->page[i];
}

GtkWidget *
usga_window_get_page (UsgaWindow *self, const char *name)
{
  int i = page_index (name);

  g_return_val_if_fail (i >= 0, NULL);
  return ensure_page (self, i);
}

void
usga_window_show_page (UsgaWindow *self, const char *name)
{
  if (page_index (name) < 0)
    name = page_names[PAGE_OVERVIEW];
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (self->view_stack), name);
}

gboolean
usga_window_is_ready (UsgaWindow *self)
{
  return self->ready;
}

static void
visible_page_changed (UsgaWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (self->view_stack));

  if (self->pages_have_store && page_index (name) >= 0)
    ensure_page (self, page_index (name));
  /* The filter applies to the crime views; the tracker and the data list have their own. */
  gtk_widget_set_visible (self->filter_bar,
                          g_strcmp0 (name, "recommendations") != 0 && g_strcmp0 (name, "data") != 0);
  if (name && self->ready)
    g_settings_set_string (self->settings, "last-page", name);
}

/* The recommendations tracker: this computer's own, or the shared one named in Preferences. */
static void
connect_shared_tracker (UsgaWindow *self)
{
  UsgaStore *store = self->store;
  GSettings *settings = self->settings;
  g_autofree char *conninfo = g_settings_get_string (settings, "shared-tracker");

  g_clear_object (&self->shared_link);
  if (*g_strstrip (conninfo) && usga_store_get_db (store))
    self->shared_link = usga_shared_link_new (usga_db_path (usga_store_get_db (store)), conninfo);
  if (self->page[PAGE_RECOMMENDATIONS])
    usga_recommendations_page_set_link (USGA_RECOMMENDATIONS_PAGE (self->page[PAGE_RECOMMENDATIONS]), self->shared_link);
}

static void
show_content (UsgaWindow *self)
{
  UsgaStore *store = self->store;
  GSettings *settings = self->settings;
  g_autofree char *last_page = g_settings_get_string (settings, "last-page");

  /* Areas, delitos and dates load on a worker; pages query once they are in. */
  usga_store_load_catalog (store);
  usga_filter_bar_set_store (USGA_FILTER_BAR (self->filter_bar), store);
  connect_shared_tracker (self);
  g_signal_connect_object (settings, "changed::shared-tracker", G_CALLBACK (connect_shared_tracker), self,
                           G_CONNECT_SWAPPED);

  /* Only the page on screen is built now; the others when they are first shown. */
  self->pages_have_store = TRUE;
  for (int i = 0; i < N_PAGES; i++)
    if (self->page[i])
      give_page_store (self, i);
  usga_window_show_page (self, last_page);
  self->ready = TRUE;
  visible_page_changed (self);
  /* From the empty page of the first moments, no fade: the content is there at once. */
  gtk_stack_set_visible_child_full (GTK_STACK (self->main_stack), "content",
                                    g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->main_stack)), "opening") == 0
                                    ? GTK_STACK_TRANSITION_TYPE_NONE : GTK_STACK_TRANSITION_TYPE_CROSSFADE);
}

static void
show_error (UsgaWindow *self, const GError *error)
{
  adw_status_page_set_description (ADW_STATUS_PAGE (self->error_page), error->message);
  gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), "error");
}

static void
populate_progress (double fraction, const char *message, gpointer user_data)
{
  UsgaWindow *self = user_data;

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->loading_progress), fraction);
  gtk_label_set_text (GTK_LABEL (self->loading_label), message);
}

static void
populate_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(UsgaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!usga_store_populate_finish (USGA_STORE (source), result, &error))
    {
      show_error (self, error);
      return;
    }
  show_content (self);
  usga_window_add_toast (self, _("The bundled Iztapalapa data is ready"));
}

static void
store_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(UsgaWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean populated = FALSE;

  if (!usga_store_open_finish (self->store, result, &populated, &error))
    {
      show_error (self, error);
      return;
    }
  if (populated)
    {
      show_content (self);
      return;
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->main_stack), "loading");
  usga_store_populate_async (self->store, populate_progress, self, populate_done, g_object_ref (self));
}

static gboolean
usga_window_close_request (GtkWindow *window)
{
  UsgaWindow *self = USGA_WINDOW (window);
  GSettings *settings = self->settings;
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (settings);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (settings);

  return GTK_WINDOW_CLASS (usga_window_parent_class)->close_request (window);
}

static void
page_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  usga_window_show_page (USGA_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
briefing_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  UsgaWindow *self = USGA_WINDOW (widget);
  GtkWidget *briefing;

  if (!self->ready)
    return;
  briefing = usga_briefing_window_new (GTK_WINDOW (self), self->store, self->shared_link);
  gtk_window_fullscreen (GTK_WINDOW (briefing));
  gtk_window_present (GTK_WINDOW (briefing));
}

static void
print_page (GtkPrintOperation *operation, GtkPrintContext *context, int page, gpointer user_data)
{
  usga_briefing_draw_page (user_data, page, gtk_print_context_get_cairo_context (context),
                           gtk_print_context_get_width (context), gtk_print_context_get_height (context));
}

static void
briefing_for_print (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(UsgaWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  UsgaBriefing *briefing = usga_briefing_gather_finish (result, &error);

  if (briefing == NULL)
    {
      usga_window_add_toast (self, error->message);
      return;
    }
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, _("Security Cabinet Briefing"));
  gtk_print_operation_set_n_pages (operation, USGA_N_PAGES);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "draw-page", G_CALLBACK (print_page), briefing);
  g_object_set_data_full (G_OBJECT (operation), "briefing", briefing, (GDestroyNotify) usga_briefing_free);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self), &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    usga_window_add_toast (self, error->message);
}

static void
print_briefing_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  UsgaWindow *self = USGA_WINDOW (widget);

  if (self->ready)
    usga_briefing_gather_async (self->store, self->shared_link, NULL, briefing_for_print, g_object_ref (self));
}

typedef struct {
  UsgaWindow *window;
  char       *path;
} PdfExport;

static void
briefing_for_pdf (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PdfExport *e = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaBriefing) briefing = usga_briefing_gather_finish (result, &error);

  if (briefing && usga_briefing_write_pdf (briefing, e->path, USGA_PAPER_A4, &error))
    {
      g_autofree char *name = g_path_get_basename (e->path);
      g_autofree char *message = g_strdup_printf (_("Saved the briefing as “%s”"), name);
      usga_window_add_toast (e->window, message);
    }
  else
    usga_window_add_toast (e->window, error->message);
  g_object_unref (e->window);
  g_free (e->path);
  g_free (e);
}

static void
pdf_chosen (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  UsgaWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      PdfExport *e = g_new0 (PdfExport, 1);

      e->window = g_object_ref (self);
      e->path = g_file_get_path (file);
      usga_briefing_gather_async (self->store, self->shared_link, NULL, briefing_for_pdf, e);
    }
  g_object_unref (dialog);
}

static void
export_briefing_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  UsgaWindow *self = USGA_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();

  if (!self->ready)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Briefing"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (pdf, _("PDF documents"));
  gtk_file_filter_add_mime_type (pdf, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pdf);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("briefing.pdf"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (pdf_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
usga_window_dispose (GObject *object)
{
  g_clear_object (&USGA_WINDOW (object)->shared_link);
  G_OBJECT_CLASS (usga_window_parent_class)->dispose (object);
}

static void
usga_window_class_init (UsgaWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = usga_window_dispose;
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  GTK_WINDOW_CLASS (klass)->close_request = usga_window_close_request;

  g_type_ensure (USGA_TYPE_FILTER_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/usga/Dashboard/ui/usga-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UsgaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UsgaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, UsgaWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, UsgaWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, UsgaWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, UsgaWindow, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, UsgaWindow, view_stack);
  gtk_widget_class_bind_template_child_full (widget_class, "overview_slot", FALSE,
                                             G_STRUCT_OFFSET (UsgaWindow, slot[PAGE_OVERVIEW]));
  gtk_widget_class_bind_template_child_full (widget_class, "trends_slot", FALSE,
                                             G_STRUCT_OFFSET (UsgaWindow, slot[PAGE_TRENDS]));
  gtk_widget_class_bind_template_child_full (widget_class, "map_slot", FALSE,
                                             G_STRUCT_OFFSET (UsgaWindow, slot[PAGE_MAP]));
  gtk_widget_class_bind_template_child_full (widget_class, "recommendations_slot", FALSE,
                                             G_STRUCT_OFFSET (UsgaWindow, slot[PAGE_RECOMMENDATIONS]));
  gtk_widget_class_bind_template_child_full (widget_class, "data_slot", FALSE,
                                             G_STRUCT_OFFSET (UsgaWindow, slot[PAGE_DATA]));
  gtk_widget_class_install_action (widget_class, "win.page", "s", page_action);
  /* Pages report through this (usga_page_toast) instead of reaching into the window. */
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.briefing", NULL, briefing_action);
  gtk_widget_class_install_action (widget_class, "win.print-briefing", NULL, print_briefing_action);
  gtk_widget_class_install_action (widget_class, "win.export-briefing", NULL, export_briefing_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.briefing", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.briefing", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print-briefing", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.page", "s", "overview");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.page", "s", "trends");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.page", "s", "map");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.page", "s", "recommendations");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.page", "s", "data");
}

static void
usga_window_init (UsgaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name",
                            G_CALLBACK (visible_page_changed), self);
}

UsgaWindow *
usga_window_new (GtkApplication *application, UsgaStore *store, GSettings *settings)
{
  UsgaWindow *self = g_object_new (USGA_TYPE_WINDOW, "application", application, NULL);

  self->store = store;
  self->settings = settings;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  /* The window shows an empty page while the database opens on a worker (a few ms). */
  usga_store_open_async (store, store_opened, g_object_ref (self));
  return self;
}

/* usga-recommendation-detail.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "usga-page-util.h"
#include "usga-recommendation-detail.h"
#include "usga-recommendation-edit.h"
#include "usga-recommendation-rows.h"
#include "usga-recommendations-snapshot.h"
#include "usga-shared-link.h"
#include "usga-sparkline.h"

struct _UsgaRecommendationDetail {
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  GtkWidget *back_button;
  GtkWidget *id_label;
  GtkWidget *status_badge;
  GtkWidget *theme_label;
  GtkWidget *summary_label;
  GtkWidget *other_expander;
  GtkWidget *other_label;
  GtkWidget *status_group;
  GtkWidget *status_row;
  GtkWidget *progress_spin;
  GtkWidget *term_row;
  GtkWidget *responsible_row;
  GtkWidget *due_row;
  GtkWidget *note_row;
  GtkWidget *evidence_row;
  GtkWidget *criterion_row;
  GtkWidget *name_row;
  GtkWidget *message_label;
  GtkWidget *save_button;
  GtkWidget *evidence_group;
  GtkWidget *evidence_label;
  GtkWidget *sparkline;
  GtkWidget *trends_button;
  GtkWidget *topic_row;
  GtkWidget *source_row;
  GtkWidget *partners_row;
  GtkWidget *related_group;
  GtkWidget *related_list;
  GtkWidget *history_list;

  UsgaStore          *store;
  UsgaSharedLink     *link;   /* a shared tracker, or NULL for this computer's own */
  UsgaRecommendation *rec;      /* what the pane shows */
  char               *id;       /* what it was asked to show (@rec once its read lands) */
  struct Show        *pending;  /* that read, on a store worker (NULL: none) */
  GCancellable       *reading;
  gboolean            saving;   /* an edit sent, its answer not back: Save waits */
  char               *form_base;  /* latest history entry when the form was filled: the edit's base */
  GCancellable       *evidence_cancellable;
  GSettings          *settings;
};

G_DEFINE_FINAL_TYPE (UsgaRecommendationDetail, usga_recommendation_detail, GTK_TYPE_WIDGET)

enum { SIGNAL_CHANGED, SIGNAL_OPEN, SIGNAL_BACK, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *const term_keys[] = { NULL, "short", "medium", "long" };

/* What to do with the form when a read lands: refill it, keep it, or keep it only if the user
 * typed something for that same recommendation. */
typedef enum { FORM_FILL, FORM_KEEP, FORM_KEEP_IF_TYPED } FormMode;

typedef struct Show {
  UsgaRecommendationDetail *self;
  char                     *id;
  FormMode                  form;
  gboolean                  rebase;          /* the edit's base becomes the state read */
  char                     *message;         /* shown with the state (NULL: the message stays) */
  gboolean                  message_error;
} Show;

static gboolean
spanish (void)
{
  return g_str_equal (usga_ui_language (), "es");
}

static char *
author_name (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.usga.Dashboard");
  g_autofree char *name = g_settings_get_string (settings, "user-name");

  if (name && *g_strstrip (name))
    return g_steal_pointer (&name);
  return g_strdup (g_get_real_name ());
}

static void
set_message (UsgaRecommendationDetail *self, const char *text, gboolean error)
{
  gtk_label_set_text (GTK_LABEL (self->message_label), text);
  if (error)
    {
      gtk_widget_add_css_class (self->message_label, "error");
      gtk_widget_remove_css_class (self->message_label, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (self->message_label, "error");
      gtk_widget_add_css_class (self->message_label, "dim-label");
    }
}

static void show_state (UsgaRecommendationDetail *self, const char *id, FormMode form, const char *message,
                        gboolean message_error, gboolean rebase);

static void
set_saving (UsgaRecommendationDetail *self, gboolean saving)
{
  self->saving = saving;
  gtk_widget_set_sensitive (self->save_button, !saving);
}

/* The answer to an undo of @id (either tracker): the pane re-reads it, the page the list. */
static void
undone (UsgaRecommendationDetail *self, const char *id, gboolean ok, GError *error)
{
  set_saving (self, FALSE);
  if (!ok)
    {
      if (g_strcmp0 (id, self->id) == 0)
        set_message (self, error->message, TRUE);
      return;
    }
  if (g_strcmp0 (id, self->id) == 0)
    show_state (self, id, FORM_FILL, _("Undone; the undo is recorded in the history."), FALSE, FALSE);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, id);
}

static void
undo_sent (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(UsgaRecommendationDetail) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (self->id);
  gboolean ok = usga_shared_link_undo_finish (USGA_SHARED_LINK (source), result, &error);

  undone (self, id, ok, error);
}

static void
undo_written (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(UsgaRecommendationDetail) self = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = usga_recommendation_edit_undo_finish (USGA_STORE (source), result, &error);

  undone (self, usga_recommendation_edit_get_id (result), ok, error);
}

static void
on_undo_clicked (GtkButton *button, UsgaRecommendationDetail *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (button), "uuid");
  g_autofree char *by = author_name ();

  if (self->saving || self->rec == NULL)
    return;
  set_saving (self, TRUE);
  if (self->link)
    {
      set_message (self, _("Sending…"), FALSE);
      usga_shared_link_undo_async (self->link, uuid, by, undo_sent, g_object_ref (self));
      return;
    }
  usga_recommendation_edit_undo_async (self->store, self->rec->id, uuid, by, undo_written, g_object_ref (self));
}

static void
on_related_activated (UsgaRecommendationDetail *self, GtkListBoxRow *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "id");

  if (id)
    g_signal_emit (self, signals[SIGNAL_OPEN], 0, id);
}

static void
evidence_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(UsgaRecommendationDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaStats) stats = usga_store_stats_finish (USGA_STORE (source), result, &error);

  if (stats == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (GTK_LABEL (self->evidence_label), error->message);
      return;
    }
  usga_sparkline_set_stats (USGA_SPARKLINE (self->sparkline), stats,
                            self->rec && self->rec->indicator ? usga_category_name (self->rec->indicator) : NULL);
  gtk_widget_set_visible (self->sparkline, stats->rows->len > 0);
  {
    g_autofree char *total = usga_format_count (stats->total);
    g_autofree char *area = usga_store_area_name (self->store, usga_store_get_filter (self->store));
    g_autoptr(UsgaFilter) shown = usga_filter_copy (usga_store_get_filter (self->store));
    const char *const categories[] = { self->rec ? self->rec->indicator : NULL, NULL };
    g_autofree char *described = NULL;
    g_autofree char *text = NULL;

    usga_filter_set_categories (shown, categories);
    described = usga_filter_describe (shown, area);
    /* Translators: %s is a count of carpetas (crime reports), then the filter in words. */
    text = g_strdup_printf (_("%s carpetas · %s"), total, described);
    gtk_label_set_text (GTK_LABEL (self->evidence_label), text);
  }
}

void
usga_recommendation_detail_refresh_evidence (UsgaRecommendationDetail *self)
{
  g_autoptr(UsgaFilter) filter = NULL;
  const char *from, *to;
  UsgaGroupBy by = USGA_BY_MONTH;

  g_return_if_fail (USGA_IS_RECOMMENDATION_DETAIL (self));
  if (self->evidence_cancellable)
    g_cancellable_cancel (self->evidence_cancellable);
  g_clear_object (&self->evidence_cancellable);
  if (self->rec == NULL || self->store == NULL)
    return;
  if (self->rec->indicator == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->evidence_label),
                          _("This recommendation does not target a single crime category; there is no trend to show."));
      gtk_widget_set_visible (self->sparkline, FALSE);
      gtk_widget_set_visible (self->trends_button, FALSE);
      return;
    }
  {
    const char *const categories[] = { self->rec->indicator, NULL };

    filter = usga_filter_copy (usga_store_get_filter (self->store));
    usga_filter_set_categories (filter, categories);
  }
  /* Months for a year or two; quarters for the long view back to 2019. */
  from = usga_filter_get_date_from (filter);
  to = usga_filter_get_date_to (filter);
  if (from == NULL || to == NULL || atoi (to) - atoi (from) >= 2)
    by = USGA_BY_QUARTER;
  gtk_widget_set_visible (self->trends_button, TRUE);
  gtk_label_set_text (GTK_LABEL (self->evidence_label), _("Loading the trend…"));
  self->evidence_cancellable = g_cancellable_new ();
  usga_store_stats_async (self->store, filter, by, self->evidence_cancellable, evidence_ready, g_object_ref (self));
}

static void
on_trends_clicked (UsgaRecommendationDetail *self)
{
  const char *const categories[] = { self->rec ? self->rec->indicator : NULL, NULL };
  g_autoptr(UsgaFilter) next = NULL;

  if (self->rec == NULL || self->rec->indicator == NULL)
    return;
  /* The Trends page reads the shared filter: show it this recommendation's crime (through the store, its only writer). */
  next = usga_filter_copy (usga_store_get_filter (self->store));
  usga_filter_set_categories (next, categories);
  usga_store_set_filter (self->store, next);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.page", "s", "trends");
}

static void
on_back_clicked (UsgaRecommendationDetail *self)
{
  g_signal_emit (self, signals[SIGNAL_BACK], 0);
}

static void
fill_form (UsgaRecommendationDetail *self)
{
  UsgaRecommendation *rec = self->rec;

  g_free (self->form_base);
  self->form_base = g_strdup (rec->last_uuid ? rec->last_uuid : "");

  adw_combo_row_set_selected (ADW_COMBO_ROW (self->status_row), MAX (usga_status_from_key (rec->status), 0));
  {
    /* Say which moves the workflow allows before the user tries a refused one. */
    g_autoptr(GString) next = g_string_new (NULL);
    g_autofree char *subtitle = NULL;

    for (int s = 0; s < USGA_N_STATUSES; s++)
      if (usga_status_transition_allowed (rec->status, usga_status_key (s)))
        g_string_append_printf (next, "%s%s", next->len ? ", " : "", usga_status_name (usga_status_key (s)));
    subtitle = g_strdup_printf (_("Can move to: %s"), next->str);
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->status_group), subtitle);
  }
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->progress_spin), rec->progress);
  for (guint i = 0; i < G_N_ELEMENTS (term_keys); i++)
    if (g_strcmp0 (term_keys[i], rec->term) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->term_row), i);
  gtk_editable_set_text (GTK_EDITABLE (self->responsible_row), rec->responsible ? rec->responsible : "");
  gtk_editable_set_text (GTK_EDITABLE (self->due_row), rec->due_date ? rec->due_date : "");
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->evidence_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->criterion_row), "");
}

/* TRUE when the form holds something the user typed that is not recorded yet. */
static gboolean
form_dirty (UsgaRecommendationDetail *self)
{
  const UsgaRecommendation *rec = self->rec;
  guint term = adw_combo_row_get_selected (ADW_COMBO_ROW (self->term_row));
  const char *term_key = term < G_N_ELEMENTS (term_keys) ? term_keys[term] : NULL;

  if (rec == NULL)
    return FALSE;
  return (int) adw_combo_row_get_selected (ADW_COMBO_ROW (self->status_row)) != usga_status_from_key (rec->status) ||
         gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->progress_spin)) != rec->progress ||
         g_strcmp0 (term_key, rec->term) != 0 ||
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->responsible_row)), rec->responsible ? rec->responsible : "") != 0 ||
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->due_row)), rec->due_date ? rec->due_date : "") != 0 ||
         *gtk_editable_get_text (GTK_EDITABLE (self->note_row)) ||
         *gtk_editable_get_text (GTK_EDITABLE (self->evidence_row)) ||
         *gtk_editable_get_text (GTK_EDITABLE (self->criterion_row));
}

void
usga_recommendation_detail_show (UsgaRecommendationDetail *self, const char *id)
{
  g_return_if_fail (USGA_IS_RECOMMENDATION_DETAIL (self));
  /* Re-read (another planner's change arrived): what the user is typing stays. */
  show_state (self, id, FORM_KEEP_IF_TYPED, NULL, FALSE, FALSE);
}

static void
show_free (Show *show)
{
  g_object_unref (show->self);
  g_free (show->id);
  g_free (show->message);
  g_free (show);
}

/* Shows what was read for @show (@state NULL: nothing, @error says why). */
static void
apply_state (UsgaRecommendationDetail *self, Show *show, UsgaRecommendationState *state, const char *error)
{
  gboolean es = spanish ();
  gboolean keep_form;
  UsgaRecommendation *rec;

  /* A message about this recommendation ("Saved…", a refusal) stays through a refresh. */
  if (self->rec == NULL || g_strcmp0 (self->rec->id, show->id) != 0)
    set_message (self, "", FALSE);
  keep_form = show->form == FORM_KEEP ||
              (show->form == FORM_KEEP_IF_TYPED && self->rec && g_strcmp0 (show->id, self->rec->id) == 0 &&
               form_dirty (self));
  g_clear_pointer (&self->rec, usga_recommendation_free);
  if (state == NULL || state->rec == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      gtk_label_set_text (GTK_LABEL (self->id_label), _("No recommendation selected"));
      gtk_label_set_text (GTK_LABEL (self->summary_label), state ? state->rec_error : error ? error : "");
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  rec = self->rec = g_steal_pointer (&state->rec);
  {
    /* Translators: recommendation id, then its Sustainable Development Goal. */
    g_autofree char *title = g_strdup_printf (_("%s · SDG %d · section %s"), rec->id, rec->sdg, rec->section ? rec->section : "—");
    gtk_label_set_text (GTK_LABEL (self->id_label), title);
  }
  gtk_label_set_text (GTK_LABEL (self->status_badge), usga_status_name (rec->status));
  for (int s = 0; s < USGA_N_STATUSES; s++)
    gtk_widget_remove_css_class (self->status_badge, usga_status_key (s));
  gtk_widget_add_css_class (self->status_badge, rec->status);
  gtk_label_set_text (GTK_LABEL (self->theme_label), es ? rec->theme_es : rec->theme_en);
  gtk_label_set_text (GTK_LABEL (self->summary_label), es ? rec->summary_es : rec->summary_en);
  gtk_expander_set_label (GTK_EXPANDER (self->other_expander), es ? "In English" : "En español");
  gtk_label_set_text (GTK_LABEL (self->other_label), es ? rec->summary_en : rec->summary_es);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->topic_row), es ? rec->topic_es : rec->topic_en);
  {
    /* source_ref is "000:L3714-3730": lines of the report's text extraction. */
    const char *lines = rec->source_ref && strchr (rec->source_ref, ':') ? strchr (rec->source_ref, ':') + 1 : rec->source_ref;
    g_autofree char *source = g_strdup_printf (_("UNODC, Urban Safety Governance Assessment – Iztapalapa, section %s, lines %s"),
                                               rec->section ? rec->section : "—", lines && *lines == 'L' ? lines + 1 : (lines ? lines : "—"));
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->source_row), source);
  }
  {
    g_autofree char *partners = NULL;
    g_auto(GStrv) parts = g_strsplit (rec->partners ? rec->partners : "", "; ", -1);
    partners = g_strjoinv (" · ", parts);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->partners_row), *partners ? partners : "—");
  }
  if (!keep_form)
    fill_form (self);
  if (show->rebase)
    {
      g_free (self->form_base);
      self->form_base = g_strdup (rec->last_uuid ? rec->last_uuid : "");
    }
  usga_recommendation_rows_history (self->history_list, state->history, state->history_error,
                                    G_CALLBACK (on_undo_clicked), self);
  usga_recommendation_rows_related (self->related_group, self->related_list, state->related);
  usga_recommendation_detail_refresh_evidence (self);
  if (show->message)
    set_message (self, show->message, show->message_error);
}

static void
state_ready (GObject *source, GAsyncResult *result, gpointer data)
{
  Show *show = data;
  UsgaRecommendationDetail *self = show->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsgaRecommendationState) state = usga_recommendation_state_read_finish (USGA_STORE (source), result,
                                                                                    &error);

  /* Cancelled: another recommendation was asked for since (its read shows it). */
  if (state || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->pending = NULL;
      g_clear_object (&self->reading);
      apply_state (self, show, state, error ? error->message : NULL);
    }
  show_free (show);
}

/* Reads @id on a store worker and shows it, then @message; a read still running is dropped,
 * and when it was for the same recommendation this one does what it was to do after. */
static void
show_state (UsgaRecommendationDetail *self, const char *id, FormMode form, const char *message,
            gboolean message_error, gboolean rebase)
{
  Show *show = g_new0 (Show, 1);
  const char *path = usga_recommendations_tracker_path (self->store, self->link);

  show->self = g_object_ref (self);
  show->id = g_strdup (id);
  show->form = form;
  show->rebase = rebase;
  show->message = g_strdup (message);
  show->message_error = message_error;
  if (self->pending && g_strcmp0 (self->pending->id, id) == 0)
    {
      if (show->form == FORM_KEEP_IF_TYPED)
        show->form = self->pending->form;
      show->rebase |= self->pending->rebase;
      if (show->message == NULL)
        {
          show->message = g_steal_pointer (&self->pending->message);
          show->message_error = self->pending->message_error;
        }
    }
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  self->pending = NULL;
  g_free (self->id);
  self->id = g_strdup (id);
  if (id == NULL || path == NULL)
    {
      apply_state (self, show, NULL, NULL);
      show_free (show);
      return;
    }
  self->pending = show;
  self->reading = g_cancellable_new ();
  usga_recommendation_state_read_async (self->store, path, id, self->reading, state_ready, show);
}

const char *
usga_recommendation_detail_get_status (UsgaRecommendationDetail *self)
{
  g_return_val_if_fail (USGA_IS_RECOMMENDATION_DETAIL (self), NULL);
  return self->rec ? self->rec->status : NULL;
}

const char *
usga_recommendation_detail_get_message (UsgaRecommendationDetail *self)
{
  g_return_val_if_fail (USGA_IS_RECOMMENDATION_DETAIL (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->message_label));
}

gboolean
usga_recommendation_detail_get_busy (UsgaRecommendationDetail *self)
{
  g_return_val_if_fail (USGA_IS_RECOMMENDATION_DETAIL (self), FALSE);
  return self->pending != NULL || self->saving;
}

void
usga_recommendation_detail_set_note (UsgaRecommendationDetail *self, const char *note)
{
  g_return_if_fail (USGA_IS_RECOMMENDATION_DETAIL (self));
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), note);
}

const char *
usga_recommendation_detail_get_id (UsgaRecommendationDetail *self)
{
  g_return_val_if_fail (USGA_IS_RECOMMENDATION_DETAIL (self), NULL);
  return self->id;
}

/* An edit of @id that wrote @written (> 0) entries, on either tracker: its state read again,
 * under the message saying so. */
static void
show_saved (UsgaRecommendationDetail *self, const char *id, int written)
{
  g_autofree char *by = author_name ();
  g_autofree char *text = g_strdup_printf (ngettext ("Saved %d change by %s.", "Saved %d changes by %s.", written),
                                           written, by);

  show_state (self, id, FORM_FILL, text, FALSE, FALSE);
}

static void
change_sent (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(UsgaRecommendationDetail) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (result), "id"));
  int written = usga_shared_link_apply_finish (USGA_SHARED_LINK (source), result, &error);

  set_saving (self, FALSE);
  if (g_strcmp0 (id, self->id) != 0)
    return;
  if (written < 0)
    {
      if (g_error_matches (error, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_STALE))
        {
          g_autofree char *text = g_strdup_printf (_("%s Your edit is still in the form: press Save to apply it on the current state."),
                                                   error->message);
          /* The current state under what the user typed; Save now applies it on that state. */
          show_state (self, id, FORM_KEEP, text, TRUE, TRUE);
        }
      else if (g_error_matches (error, USGA_TRACKER_ERROR, USGA_TRACKER_ERROR_UNREACHABLE))
        show_state (self, id, FORM_FILL, _("Not sent yet: the shared tracker cannot be reached. Your edit is queued and will be sent when it is back."), TRUE, FALSE);
      else
        set_message (self, error->message, TRUE);
      return;
    }
  if (written == 0)
    show_state (self, id, FORM_FILL, _("Nothing changed."), FALSE, FALSE);
  else
    show_saved (self, id, written);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, id);
}

static void
change_written (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(UsgaRecommendationDetail) self = data;
  g_autoptr(GError) error = NULL;
  const char *id = usga_recommendation_edit_get_id (result);
  int written = usga_recommendation_edit_apply_finish (USGA_STORE (source), result, &error);
  gboolean here = g_strcmp0 (id, self->id) == 0;

  set_saving (self, FALSE);
  if (written <= 0)
    {
      if (here)
        set_message (self, written < 0 ? error->message : _("Nothing changed."), written < 0);
      return;
    }
  if (here)
    show_saved (self, id, written);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, id);
}

static gboolean
record (UsgaRecommendationDetail *self)
{
  g_autofree char *by = author_name ();
  g_autofree char *id = NULL;
  UsgaTrackerChange change = USGA_TRACKER_CHANGE_INIT;
  guint status = adw_combo_row_get_selected (ADW_COMBO_ROW (self->status_row));
  guint term = adw_combo_row_get_selected (ADW_COMBO_ROW (self->term_row));

  /* One edit at a time: the next is made on the state the first one leaves. */
  if (self->rec == NULL || self->saving)
    return FALSE;
  gtk_spin_button_update (GTK_SPIN_BUTTON (self->progress_spin));
  change.status = status < USGA_N_STATUSES ? usga_status_key (status) : NULL;
  change.progress = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->progress_spin));
  /* Marking implemented sets 100 % itself; an untouched spin button must not contradict it. */
  if (g_strcmp0 (change.status, "implemented") == 0 && change.progress == self->rec->progress)
    change.progress = -1;
  change.term = term < G_N_ELEMENTS (term_keys) ? (term_keys[term] ? term_keys[term] : "") : NULL;
  change.responsible = gtk_editable_get_text (GTK_EDITABLE (self->responsible_row));
  change.due_date = gtk_editable_get_text (GTK_EDITABLE (self->due_row));
  change.note = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  change.evidence_url = gtk_editable_get_text (GTK_EDITABLE (self->evidence_row));
  change.criterion = gtk_editable_get_text (GTK_EDITABLE (self->criterion_row));
  change.by = by;
  id = g_strdup (self->rec->id);
  set_saving (self, TRUE);
  if (self->link)
    {
      /* The base is the state this form was filled from: a colleague's change meanwhile makes
       * the server refuse it rather than overwrite theirs. */
      change.base_uuid = self->form_base ? self->form_base : "";
      set_message (self, _("Sending…"), FALSE);
      usga_shared_link_apply_async (self->link, id, &change, change_sent, g_object_ref (self));
      return TRUE;
    }
  usga_recommendation_edit_apply_async (self->store, id, &change, change_written, g_object_ref (self));
  return TRUE;
}

static void
on_save_clicked (UsgaRecommendationDetail *self)
{
  record (self);
}

gboolean
usga_recommendation_detail_record (UsgaRecommendationDetail *self, const char *status, int progress, const char *note)
{
  g_return_val_if_fail (USGA_IS_RECOMMENDATION_DETAIL (self), FALSE);
  if (status)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->status_row), MAX (usga_status_from_key (status), 0));
  if (progress >= 0)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->progress_spin), progress);
  if (note)
    gtk_editable_set_text (GTK_EDITABLE (self->note_row), note);
  return record (self);
}

void
usga_recommendation_detail_set_show_back (UsgaRecommendationDetail *self, gboolean show)
{
  g_return_if_fail (USGA_IS_RECOMMENDATION_DETAIL (self));
  gtk_widget_set_visible (self->back_button, show);
}

void
usga_recommendation_detail_set_store (UsgaRecommendationDetail *self, UsgaStore *store)
{
  g_return_if_fail (USGA_IS_RECOMMENDATION_DETAIL (self));
  g_set_object (&self->store, store);
}

void
usga_recommendation_detail_set_link (UsgaRecommendationDetail *self, UsgaSharedLink *link)
{
  g_return_if_fail (USGA_IS_RECOMMENDATION_DETAIL (self));
  g_set_object (&self->link, link);
}

static void
usga_recommendation_detail_dispose (GObject *object)
{
  UsgaRecommendationDetail *self = USGA_RECOMMENDATION_DETAIL (object);

  if (self->evidence_cancellable)
    g_cancellable_cancel (self->evidence_cancellable);
  g_clear_object (&self->evidence_cancellable);
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->rec, usga_recommendation_free);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->form_base, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->link);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (usga_recommendation_detail_parent_class)->dispose (object);
}

static void
usga_recommendation_detail_class_init (UsgaRecommendationDetailClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = usga_recommendation_detail_dispose;
  /* A recommendation was changed (string: its id). */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The user asked to see another recommendation (string: its id). */
  signals[SIGNAL_OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (USGA_TYPE_SPARKLINE);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/usga/Dashboard/ui/usga-recommendation-detail.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, UsgaRecommendationDetail, name)
  BIND (scroller); BIND (back_button); BIND (id_label); BIND (status_badge); BIND (theme_label);
  BIND (summary_label); BIND (other_expander); BIND (other_label); BIND (status_group); BIND (status_row);
  BIND (progress_spin); BIND (term_row); BIND (responsible_row); BIND (due_row); BIND (note_row);
  BIND (evidence_row); BIND (criterion_row); BIND (name_row); BIND (message_label); BIND (save_button);
  BIND (evidence_group); BIND (evidence_label); BIND (sparkline); BIND (trends_button);
  BIND (topic_row); BIND (source_row); BIND (partners_row); BIND (related_group);
  BIND (related_list); BIND (history_list);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_trends_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_related_activated);
}

static void
usga_recommendation_detail_init (UsgaRecommendationDetail *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) terms = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  usga_sparkline_set_labels (USGA_SPARKLINE (self->sparkline), TRUE);
  for (int s = 0; s < USGA_N_STATUSES; s++)
    gtk_string_list_append (statuses, usga_status_name (usga_status_key (s)));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->status_row), G_LIST_MODEL (statuses));
  gtk_string_list_append (terms, _("Not set"));
  for (guint i = 1; i < G_N_ELEMENTS (term_keys); i++)
    gtk_string_list_append (terms, usga_term_name (term_keys[i]));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->term_row), G_LIST_MODEL (terms));
  /* The same key a preferences dialog would set: who the history says made a change. */
  self->settings = g_settings_new ("org.usga.Dashboard");
  g_settings_bind (self->settings, "user-name", self->name_row, "text", G_SETTINGS_BIND_DEFAULT);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

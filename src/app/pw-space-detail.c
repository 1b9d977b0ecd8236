/* pw-space-detail.c — one space of the ledger: its figures, an edit form and its history
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form compares what is typed with the snapshot it was filled from:
 *  1. Save is sensitive only while every field is valid and at least one differs.
 *  2. Save sends only the fields that differ, with the snapshot's version, so a
 *     change made elsewhere meanwhile is a conflict and never silently lost.
 *  3. After any write the snapshot is reloaded from the store; the form is refilled
 *     from it, which clears every error and makes "changed" false again. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pw-area.h"
#include "pw-geometry.h"
#include "pw-space-detail.h"
#include "pw-wrap-box.h"
#include "pw-status-dialog.h"
#include "pw-stocktake-dialog.h"
#include "pw-ui.h"
#include "pw-undo-toast.h"

struct _PwSpaceDetail
{
  GtkWidget parent_instance;

  PwUiStoreWatch watch; /* the store */
  PwSpace *space;
  gboolean square_feet;
  /* while the form is being filled, changes are not user edits */
  gboolean filling;
  GPtrArray *history_rows;

  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  GtkRevealer *conflict_revealer;
  GtkLabel *conflict_label;
  GtkButton *reload_button;
  GtkLabel *code_label;
  GtkLabel *location_label;
  GtkLabel *status_label;
  GtkButton *change_status_button;
  GtkButton *stocktake_button;
  AdwEntryRow *name_row;
  AdwComboRow *kind_row;
  AdwEntryRow *gross_row;
  AdwActionRow *gross_error_row;
  AdwEntryRow *internal_row;
  AdwActionRow *internal_error_row;
  AdwEntryRow *usable_row;
  AdwActionRow *usable_error_row;
  AdwActionRow *share_row;
  GtkLabel *share_label;
  AdwActionRow *chargeable_row;
  GtkLabel *chargeable_label;
  AdwActionRow *outline_row;
  GtkLabel *outline_label;
  AdwActionRow *leasable_row;
  GtkSwitch *leasable_switch;
  AdwActionRow *takes_share_row;
  GtkSwitch *takes_share_switch;
  AdwComboRow *basis_row;
  GtkTextView *notes_view;
  GtkButton *revert_button;
  GtkButton *save_button;
  AdwPreferencesGroup *history_group;
  AdwActionRow *history_empty_row;
};

G_DEFINE_FINAL_TYPE (PwSpaceDetail, pw_space_detail, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SPACE,
  PROP_SQUARE_FEET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SPACE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_form_state (PwSpaceDetail *self);

static char *
format_area_for_entry (gint64 centi)
{
  /* Plain digits and a dot: what pw_area_parse() reads back. */
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", centi / 100, (int) (centi % 100));
}

static char *
format_area (PwSpaceDetail *self,
             gint64         centi)
{
  return pw_area_format_with_unit (centi, self->square_feet);
}

static char *
format_signed_area (PwSpaceDetail *self,
                    gint64         centi)
{
  g_autofree char *text = format_area (self, centi);

  if (centi > 0)
    return g_strconcat ("+", text, NULL);
  return g_steal_pointer (&text);
}

/* Marks @row invalid with @message under it, or clears the mark when @message is NULL. */
static void
show_field_error (GtkWidget    *row,
                  AdwActionRow *error_row,
                  const char   *message)
{
  pw_ui_show_field_error (row, error_row, message);
  /* here the row itself carries the mark too, and a cleared error row no title */
  pw_ui_set_accessible_error (row, message);
  if (message == NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (error_row), "");
}

static gboolean
check_area (AdwEntryRow  *row,
            AdwActionRow *error_row,
            gint64       *out)
{
  g_autoptr(GError) error = NULL;

  if (!pw_area_parse (gtk_editable_get_text (GTK_EDITABLE (row)), out, &error))
    {
      show_field_error (GTK_WIDGET (row), error_row, error->message);
      return FALSE;
    }
  show_field_error (GTK_WIDGET (row), error_row, NULL);
  return TRUE;
}

static char *
get_notes (PwSpaceDetail *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Reads the form, marks every invalid field, and returns the fields that differ
 * from the snapshot (empty when nothing does). */
static JsonObject *
collect_changes (PwSpaceDetail *self,
                 gboolean      *valid)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *name = NULL;
  g_autofree char *notes = NULL;
  gint64 gross = 0, internal = 0, usable = 0;
  gboolean gross_ok, internal_ok, usable_ok;
  guint kind, basis;
  gboolean ok = TRUE;

  *valid = FALSE;
  if (self->space == NULL)
    return g_steal_pointer (&changes);

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  if (g_strcmp0 (name, pw_space_get_name (self->space)) != 0)
    json_object_set_string_member (changes, "name", name);

  kind = adw_combo_row_get_selected (self->kind_row);
  if (kind >= PW_N_SPACE_KINDS)
    ok = FALSE;
  else if ((PwSpaceKind) kind != pw_space_get_kind (self->space))
    json_object_set_string_member (changes, "kind", pw_space_kind_to_string (kind));

  gross_ok = check_area (self->gross_row, self->gross_error_row, &gross);
  internal_ok = check_area (self->internal_row, self->internal_error_row, &internal);
  usable_ok = check_area (self->usable_row, self->usable_error_row, &usable);

  if (internal_ok && usable_ok && usable > internal)
    {
      g_autofree char *u = pw_area_format_with_unit (usable, FALSE);
      g_autofree char *i = pw_area_format_with_unit (internal, FALSE);
      g_autofree char *message =
        /* Translators: both are areas such as 86.40 m² */
        g_strdup_printf (_("The usable area (%s) cannot be larger than the internal area (%s)"), u, i);

      show_field_error (GTK_WIDGET (self->usable_row), self->usable_error_row, message);
      usable_ok = FALSE;
    }
  ok = ok && gross_ok && internal_ok && usable_ok;

  if (gross_ok && gross != pw_space_get_gross_area (self->space))
    json_object_set_int_member (changes, "gross_area", gross);
  if (internal_ok && internal != pw_space_get_internal_area (self->space))
    json_object_set_int_member (changes, "internal_area", internal);
  if (usable_ok && usable != pw_space_get_usable_area (self->space))
    json_object_set_int_member (changes, "usable_area", usable);

  if (gtk_switch_get_active (self->leasable_switch) != pw_space_get_leasable (self->space))
    json_object_set_boolean_member (changes, "leasable", gtk_switch_get_active (self->leasable_switch));
  if (gtk_switch_get_active (self->takes_share_switch) != pw_space_get_takes_share (self->space))
    json_object_set_boolean_member (changes, "takes_share", gtk_switch_get_active (self->takes_share_switch));

  basis = adw_combo_row_get_selected (self->basis_row);
  if (basis >= PW_N_AREA_BASES)
    ok = FALSE;
  else if ((PwAreaBasis) basis != pw_space_get_area_basis (self->space))
    json_object_set_string_member (changes, "area_basis", pw_area_basis_to_string (basis));

  notes = get_notes (self);
  if (g_strcmp0 (notes, pw_space_get_notes (self->space) ? pw_space_get_notes (self->space) : "") != 0)
    json_object_set_string_member (changes, "notes", notes);

  *valid = ok;
  return g_steal_pointer (&changes);
}

static void
update_form_state (PwSpaceDetail *self)
{
  g_autoptr(JsonObject) changes = NULL;
  gboolean valid;
  gboolean changed;

  if (self->filling)
    return;

  changes = collect_changes (self, &valid);
  changed = json_object_get_size (changes) > 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "space.save", valid && changed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "space.revert", changed || !valid);
}

static void
field_changed_cb (PwSpaceDetail *self)
{
  update_form_state (self);
}

static void
notes_changed_cb (GtkTextBuffer *buffer,
                  PwSpaceDetail *self)
{
  update_form_state (self);
}

static void
fill_outline (PwSpaceDetail *self)
{
  const char *outline = pw_space_get_outline (self->space);
  g_autoptr(PwPolygon) polygon = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *area = NULL;
  g_autofree char *recorded = NULL;
  g_autofree char *difference = NULL;
  g_autofree char *subtitle = NULL;
  gint64 centi;

  if (outline == NULL || *outline == '\0')
    {
      gtk_label_set_text (self->outline_label, _("No outline"));
      adw_action_row_set_subtitle (self->outline_row, "");
      return;
    }

  polygon = pw_polygon_new_from_json (outline, &error);
  if (polygon == NULL)
    {
      gtk_label_set_text (self->outline_label, _("Unreadable outline"));
      adw_action_row_set_subtitle (self->outline_row, error->message);
      return;
    }

  centi = pw_polygon_area_centi (polygon);
  area = format_area (self, centi);
  recorded = format_area (self, pw_space_get_internal_area (self->space));
  difference = format_signed_area (self, centi - pw_space_get_internal_area (self->space));
  /* Translators: the first %s is the recorded internal area, the second the outline's
   * area minus it, e.g. "Recorded internal area 86.40 m², difference +0.30 m²" */
  subtitle = g_strdup_printf (_("Recorded internal area %s, difference %s"), recorded, difference);
  gtk_label_set_text (self->outline_label, area);
  adw_action_row_set_subtitle (self->outline_row, subtitle);
}

static void
fill_figures (PwSpaceDetail *self)
{
  g_autofree char *share = format_area (self, pw_space_get_share_area (self->space));
  g_autofree char *chargeable = format_area (self, pw_space_get_chargeable_area (self->space));

  gtk_label_set_text (self->share_label, share);
  gtk_label_set_text (self->chargeable_label, chargeable);
  fill_outline (self);
}

static void
clear_history (PwSpaceDetail *self)
{
  for (guint i = 0; i < self->history_rows->len; i++)
    adw_preferences_group_remove (self->history_group, g_ptr_array_index (self->history_rows, i));
  g_ptr_array_set_size (self->history_rows, 0);
}

static void
fill_history (PwSpaceDetail *self)
{
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  clear_history (self);

  history = pw_ledger_load_history (self->watch.store, pw_space_get_id (self->space), &error);
  if (history == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->history_empty_row), error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->history_empty_row), TRUE);
      return;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->history_empty_row), _("No history recorded"));
  gtk_widget_set_visible (GTK_WIDGET (self->history_empty_row), history->len == 0);

  for (guint i = 0; i < history->len; i++)
    {
      PwHistoryEntry *entry = g_ptr_array_index (history, i);
      GtkWidget *row = adw_action_row_new ();
      const char *reason = entry->reason != NULL ? entry->reason : "";
      const char *actor = entry->actor != NULL ? entry->actor : "";
      g_autofree char *subtitle = NULL;
      g_autofree char *a11y = NULL;

      if (*reason != '\0')
        /* Translators: a history row's details: date, reason and who recorded it */
        subtitle = g_strdup_printf (_("%s · %s · by %s"), entry->date, reason, actor);
      else
        /* Translators: a history row's details: date and who recorded it */
        subtitle = g_strdup_printf (_("%s · by %s"), entry->date, actor);
      if (*reason != '\0')
        /* Translators: a history row read aloud: date, what happened, reason, who */
        a11y = g_strdup_printf (_("%s, %s, %s, %s"), entry->date, entry->what, reason, actor);
      else
        /* Translators: a history row read aloud: date, what happened, who */
        a11y = g_strdup_printf (_("%s, %s, %s"), entry->date, entry->what, actor);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->what);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      pw_ui_set_accessible_name (row, a11y);
      adw_preferences_group_add (self->history_group, row);
      g_ptr_array_add (self->history_rows, row);
    }
}

/* Fills every widget from the snapshot; see invariant 3. */
static void
fill_form (PwSpaceDetail *self)
{
  PwSpace *space = self->space;
  g_autofree char *location = NULL;
  g_autofree char *status = NULL;
  g_autofree char *gross = NULL;
  g_autofree char *internal = NULL;
  g_autofree char *usable = NULL;
  const char *since;

  gtk_revealer_set_reveal_child (self->conflict_revealer, FALSE);

  if (space == NULL)
    {
      clear_history (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->filling = TRUE;

  gtk_label_set_text (self->code_label, pw_space_get_code (space));
  /* Translators: where a space is, e.g. "Building T1 · Floor F03" */
  location = g_strdup_printf (_("Building %s · Floor %s"),
                              pw_space_get_building_code (space) ? pw_space_get_building_code (space) : "",
                              pw_space_get_floor_code (space) ? pw_space_get_floor_code (space) : "");
  gtk_label_set_text (self->location_label, location);

  since = pw_space_get_status_since (space);
  if (pw_space_shows_as_common (pw_space_get_kind (space), pw_space_get_status (space)))
    /* a common area's status is its kind: say it once */
    status = pw_space_get_kind (space) == PW_SPACE_KIND_COMMON_AREA
      ? g_strdup (pw_space_get_kind_label (space))
      : g_strdup_printf ("%s · %s", pw_space_get_kind_label (space),
                         pw_space_get_display_status_label (space));
  else if (since != NULL && *since != '\0')
    /* Translators: e.g. "Office · Leased since 2024-03-01" */
    status = g_strdup_printf (_("%s · %s since %s"), pw_space_get_kind_label (space),
                              pw_space_get_display_status_label (space), since);
  else
    status = g_strdup_printf ("%s · %s", pw_space_get_kind_label (space),
                              pw_space_get_display_status_label (space));
  gtk_label_set_text (self->status_label, status);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), pw_space_get_name (space) ? pw_space_get_name (space) : "");
  adw_combo_row_set_selected (self->kind_row, pw_space_get_kind (space));

  gross = format_area_for_entry (pw_space_get_gross_area (space));
  internal = format_area_for_entry (pw_space_get_internal_area (space));
  usable = format_area_for_entry (pw_space_get_usable_area (space));
  gtk_editable_set_text (GTK_EDITABLE (self->gross_row), gross);
  gtk_editable_set_text (GTK_EDITABLE (self->internal_row), internal);
  gtk_editable_set_text (GTK_EDITABLE (self->usable_row), usable);

  gtk_switch_set_active (self->leasable_switch, pw_space_get_leasable (space));
  gtk_switch_set_active (self->takes_share_switch, pw_space_get_takes_share (space));
  adw_combo_row_set_selected (self->basis_row, pw_space_get_area_basis (space));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            pw_space_get_notes (space) ? pw_space_get_notes (space) : "", -1);

  fill_figures (self);
  if (self->watch.store != NULL)
    fill_history (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "space.change-status", self->watch.store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "space.stocktake", self->watch.store != NULL);

  self->filling = FALSE;
  update_form_state (self);
  gtk_stack_set_visible_child_name (self->stack, "space");
}

static void
show_toast (PwSpaceDetail *self,
            const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
replace_space (PwSpaceDetail *self,
               PwSpace       *space)
{
  if (g_set_object (&self->space, space))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACE]);
  fill_form (self);
}

/* Loads the snapshot again; FALSE (and the empty state) if the space is gone. */
static gboolean
reload_space (PwSpaceDetail *self,
              GError       **error)
{
  g_autoptr(PwSpace) fresh = NULL;

  if (self->space == NULL || self->watch.store == NULL)
    return TRUE;

  fresh = pw_ledger_load_space (self->watch.store, pw_space_get_id (self->space), error);
  if (fresh == NULL)
    {
      replace_space (self, NULL);
      return FALSE;
    }
  replace_space (self, fresh);
  return TRUE;
}

static gboolean
has_unsaved_changes (PwSpaceDetail *self)
{
  g_autoptr(JsonObject) changes = NULL;
  gboolean valid;

  if (self->space == NULL)
    return FALSE;
  changes = collect_changes (self, &valid);
  return !valid || json_object_get_size (changes) > 0;
}

static void
reload_on_change (PwSpaceDetail *self)
{
  /* Someone else's change must not wipe what is being typed; a save will report
   * the conflict instead (invariant 2). */
  if (self->space != NULL && !has_unsaved_changes (self))
    {
      g_autoptr(PwSpace) fresh = NULL;

      fresh = pw_ledger_load_space (self->watch.store, pw_space_get_id (self->space), NULL);
      if (fresh == NULL)
        replace_space (self, NULL);
      else if (pw_space_get_version (fresh) != pw_space_get_version (self->space) ||
               pw_space_get_share_area (fresh) != pw_space_get_share_area (self->space))
        replace_space (self, fresh);
      else if (self->watch.store != NULL)
        fill_history (self);
    }
}

static void
show_conflict (PwSpaceDetail *self,
               const GError  *error)
{
  g_autofree char *message =
    g_strdup_printf (_("This space was changed elsewhere since it was opened, so nothing was saved. "
                       "Reload to see the current figures, then make your changes again. (%s)"),
                     error->message);

  gtk_label_set_text (self->conflict_label, message);
  gtk_revealer_set_reveal_child (self->conflict_revealer, TRUE);
  show_toast (self, _("Not saved: the space was changed elsewhere"));
}

static void
save_clicked_cb (PwSpaceDetail *self)
{
  g_autoptr(GError) error = NULL;

  if (!pw_space_detail_save (self, &error))
    {
      if (g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT))
        show_conflict (self, error);
      else
        {
          g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);
          show_toast (self, message);
        }
      return;
    }
  show_toast (self, _("Changes saved"));
}

static void
revert_clicked_cb (PwSpaceDetail *self)
{
  fill_form (self);
}

static void
reload_clicked_cb (PwSpaceDetail *self)
{
  g_autoptr(GError) error = NULL;

  if (!reload_space (self, &error))
    show_toast (self, error->message);
}

static void
status_changed_cb (PwStatusDialog *dialog,
                   PwSpaceDetail  *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!reload_space (self, &error))
    {
      show_toast (self, error->message);
      return;
    }
  /* Translators: %s is a status such as "Leased" */
  message = g_strdup_printf (_("Status changed to %s"), pw_space_get_status_label (self->space));
  pw_undo_toast_show (GTK_WIDGET (self), self->watch.store, pw_status_dialog_get_change (dialog),
                      message);
  g_signal_emit (self, signals[SPACE_CHANGED], 0, self->space);
}

static void
change_status_clicked_cb (PwSpaceDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PwStatusDialog *dialog;

  if (self->space == NULL || self->watch.store == NULL)
    return;

  dialog = pw_status_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 self->watch.store, self->space);
  g_signal_connect_object (dialog, "status-changed", G_CALLBACK (status_changed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
stocktake_recorded_cb (PwStocktakeDialog *dialog,
                       PwSpaceDetail     *self)
{
  if (self->space == NULL || self->watch.store == NULL)
    return;

  /* A stocktake adds a history row and leaves the space itself as it is: refresh
   * the history only, so that whatever is being typed in the form survives. */
  fill_history (self);
  pw_undo_toast_show (GTK_WIDGET (self), self->watch.store, pw_stocktake_dialog_get_change (dialog),
                      _("Stocktake recorded"));
  g_signal_emit (self, signals[SPACE_CHANGED], 0, self->space);
}

static void
stocktake_clicked_cb (PwSpaceDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PwStocktakeDialog *dialog;

  if (self->space == NULL || self->watch.store == NULL)
    return;

  dialog = pw_stocktake_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    self->watch.store, self->space);
  pw_stocktake_dialog_set_square_feet (dialog, self->square_feet);
  g_signal_connect_object (dialog, "stocktake-recorded", G_CALLBACK (stocktake_recorded_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
space_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PwSpaceDetail *self = PW_SPACE_DETAIL (widget);

  /* each command checks its own conditions: an action is run even when it is
   * disabled if someone activates it by name */
  if (g_str_equal (action_name, "space.change-status"))
    change_status_clicked_cb (self);
  else if (g_str_equal (action_name, "space.stocktake"))
    stocktake_clicked_cb (self);
  else if (g_str_equal (action_name, "space.save"))
    {
      g_autoptr(JsonObject) changes = NULL;
      gboolean valid = FALSE;

      if (self->space != NULL)
        changes = collect_changes (self, &valid);
      if (changes != NULL && valid && json_object_get_size (changes) > 0)
        save_clicked_cb (self);
    }
  else if (g_str_equal (action_name, "space.revert"))
    {
      if (self->space != NULL)
        revert_clicked_cb (self);
    }
  else if (g_str_equal (action_name, "space.reload"))
    reload_clicked_cb (self);
}

static void
pw_space_detail_dispose (GObject *object)
{
  PwSpaceDetail *self = PW_SPACE_DETAIL (object);

  pw_ui_store_watch_clear (&self->watch);
  g_clear_object (&self->space);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_SPACE_DETAIL);

  G_OBJECT_CLASS (pw_space_detail_parent_class)->dispose (object);
}

static void
pw_space_detail_finalize (GObject *object)
{
  PwSpaceDetail *self = PW_SPACE_DETAIL (object);

  g_clear_pointer (&self->history_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pw_space_detail_parent_class)->finalize (object);
}

static void
pw_space_detail_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PwSpaceDetail *self = PW_SPACE_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->watch.store);
      break;
    case PROP_SPACE:
      g_value_set_object (value, self->space);
      break;
    case PROP_SQUARE_FEET:
      g_value_set_boolean (value, self->square_feet);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_space_detail_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PwSpaceDetail *self = PW_SPACE_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pw_space_detail_set_store (self, g_value_get_object (value));
      break;
    case PROP_SPACE:
      pw_space_detail_set_space (self, g_value_get_object (value));
      break;
    case PROP_SQUARE_FEET:
      pw_space_detail_set_square_feet (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_space_detail_class_init (PwSpaceDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_space_detail_dispose;
  object_class->finalize = pw_space_detail_finalize;
  object_class->get_property = pw_space_detail_get_property;
  object_class->set_property = pw_space_detail_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SPACE] =
    g_param_spec_object ("space", NULL, NULL, PW_TYPE_SPACE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SQUARE_FEET] =
    g_param_spec_boolean ("square-feet", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwSpaceDetail::space-changed:
   * @space: the space as reloaded after the change
   *
   * Emitted after the detail itself wrote a change (a save, a status change or
   * a stocktake).
   */
  signals[SPACE_CHANGED] =
    g_signal_new ("space-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PW_TYPE_SPACE);

  g_type_ensure (PW_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parkwise/Parkwise/pw-space-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, conflict_revealer);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, conflict_label);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, reload_button);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, code_label);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, location_label);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, status_label);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, change_status_button);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, stocktake_button);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, name_row);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, gross_row);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, gross_error_row);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, internal_row);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, internal_error_row);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, usable_row);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, usable_error_row);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, share_row);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, share_label);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, chargeable_row);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, chargeable_label);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, outline_row);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, outline_label);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, leasable_row);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, leasable_switch);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, takes_share_row);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, takes_share_switch);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, basis_row);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, notes_view);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, revert_button);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, save_button);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, history_group);
  gtk_widget_class_bind_template_child (widget_class, PwSpaceDetail, history_empty_row);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  /* the detail's commands; the Assets page binds their keys */
  gtk_widget_class_install_action (widget_class, "space.change-status", NULL, space_action_cb);
  gtk_widget_class_install_action (widget_class, "space.stocktake", NULL, space_action_cb);
  gtk_widget_class_install_action (widget_class, "space.save", NULL, space_action_cb);
  gtk_widget_class_install_action (widget_class, "space.revert", NULL, space_action_cb);
  gtk_widget_class_install_action (widget_class, "space.reload", NULL, space_action_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pwspacedetail");
}

static GListModel *
new_label_model (const char *(*get_label) (int),
                 int          n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (int i = 0; i < n; i++)
    gtk_string_list_append (list, get_label (i));
  return G_LIST_MODEL (list);
}

static const char *
kind_label (int i)
{
  return pw_space_kind_get_label ((PwSpaceKind) i);
}

static const char *
basis_label (int i)
{
  return pw_area_basis_get_label ((PwAreaBasis) i);
}

static void
pw_space_detail_init (PwSpaceDetail *self)
{
  g_autoptr(GListModel) kinds = NULL;
  g_autoptr(GListModel) bases = NULL;

  self->history_rows = g_ptr_array_new ();
  pw_ui_store_watch_init (&self->watch, (PwUiReloadFunc) reload_on_change, self);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* nothing to act on until a space is shown */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "space.change-status", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "space.stocktake", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "space.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "space.revert", FALSE);

  kinds = new_label_model (kind_label, PW_N_SPACE_KINDS);
  bases = new_label_model (basis_label, PW_N_AREA_BASES);
  self->filling = TRUE;
  adw_combo_row_set_model (self->kind_row, kinds);
  adw_combo_row_set_model (self->basis_row, bases);
  self->filling = FALSE;

  pw_ui_set_accessible_name (GTK_WIDGET (self->name_row), _("Space name"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->kind_row), _("Kind"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->gross_row), _("Gross area"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->internal_row), _("Internal area"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->usable_row), _("Usable area"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->basis_row), _("Area basis"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->change_status_button), _("Change status"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->stocktake_button), _("Record stocktake"));
  /* GTK 4.8 would read a mnemonic button as "_Save Save" */
  pw_ui_set_accessible_name (GTK_WIDGET (self->save_button), _("Save"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->revert_button), _("Revert"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->reload_button), _("Reload"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->notes_view), _("Notes"));

  g_signal_connect (gtk_text_view_get_buffer (self->notes_view), "changed",
                    G_CALLBACK (notes_changed_cb), self);

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
pw_space_detail_new (void)
{
  return g_object_new (PW_TYPE_SPACE_DETAIL, NULL);
}

void
pw_space_detail_set_store (PwSpaceDetail *self,
                           PwStore       *store)
{
  g_return_if_fail (PW_IS_SPACE_DETAIL (self));
  g_return_if_fail (store == NULL || PW_IS_STORE (store));

  if (!pw_ui_store_watch_set_store (&self->watch, store))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  fill_form (self);
}

PwStore *
pw_space_detail_get_store (PwSpaceDetail *self)
{
  g_return_val_if_fail (PW_IS_SPACE_DETAIL (self), NULL);
  return self->watch.store;
}

void
pw_space_detail_set_space (PwSpaceDetail *self,
                           PwSpace       *space)
{
  g_return_if_fail (PW_IS_SPACE_DETAIL (self));
  g_return_if_fail (space == NULL || PW_IS_SPACE (space));

  if (self->space == space)
    return;

  /* The page hands over a fresh snapshot of the same space whenever the store
   * changes: typed edits survive it, and a stale version makes Save report a
   * conflict (invariant 2). */
  if (space != NULL && self->space != NULL &&
      g_strcmp0 (pw_space_get_id (space), pw_space_get_id (self->space)) == 0)
    {
      if (has_unsaved_changes (self))
        return;
      if (pw_space_get_version (space) == pw_space_get_version (self->space))
        {
          g_set_object (&self->space, space);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACE]);
          fill_figures (self);
          if (self->watch.store != NULL)
            fill_history (self);
          return;
        }
    }

  replace_space (self, space);
}

PwSpace *
pw_space_detail_get_space (PwSpaceDetail *self)
{
  g_return_val_if_fail (PW_IS_SPACE_DETAIL (self), NULL);
  return self->space;
}

void
pw_space_detail_set_square_feet (PwSpaceDetail *self,
                                 gboolean       square_feet)
{
  g_return_if_fail (PW_IS_SPACE_DETAIL (self));

  square_feet = !!square_feet;
  if (self->square_feet == square_feet)
    return;

  self->square_feet = square_feet;
  if (self->space != NULL)
    fill_figures (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SQUARE_FEET]);
}

gboolean
pw_space_detail_get_square_feet (PwSpaceDetail *self)
{
  g_return_val_if_fail (PW_IS_SPACE_DETAIL (self), FALSE);
  return self->square_feet;
}

void
pw_space_detail_set_field_text (PwSpaceDetail *self,
                                const char    *field,
                                const char    *text)
{
  g_return_if_fail (PW_IS_SPACE_DETAIL (self));
  g_return_if_fail (field != NULL);

  if (text == NULL)
    text = "";

  if (g_str_equal (field, "name"))
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), text);
  else if (g_str_equal (field, "gross_area"))
    gtk_editable_set_text (GTK_EDITABLE (self->gross_row), text);
  else if (g_str_equal (field, "internal_area"))
    gtk_editable_set_text (GTK_EDITABLE (self->internal_row), text);
  else if (g_str_equal (field, "usable_area"))
    gtk_editable_set_text (GTK_EDITABLE (self->usable_row), text);
  else if (g_str_equal (field, "notes"))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), text, -1);
  else
    g_critical ("%s: no text field called “%s”", G_STRFUNC, field);
}

gboolean
pw_space_detail_is_valid (PwSpaceDetail *self)
{
  g_autoptr(JsonObject) changes = NULL;
  gboolean valid;

  g_return_val_if_fail (PW_IS_SPACE_DETAIL (self), FALSE);

  changes = collect_changes (self, &valid);
  return valid;
}

gboolean
pw_space_detail_save (PwSpaceDetail *self,
                      GError       **error)
{
  g_autoptr(JsonObject) changes = NULL;
  gboolean valid;

  g_return_val_if_fail (PW_IS_SPACE_DETAIL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->space == NULL || self->watch.store == NULL)
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, _("No space is selected"));
      return FALSE;
    }

  changes = collect_changes (self, &valid);
  if (!valid)
    {
      g_set_error_literal (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                           _("Some fields are not valid; correct the marked fields first"));
      return FALSE;
    }
  if (json_object_get_size (changes) == 0)
    return TRUE;

  if (!pw_ledger_update_space (self->watch.store, pw_space_get_id (self->space),
                               pw_space_get_version (self->space), changes, error))
    return FALSE;

  /* The write is done; a failing reload only means the space is gone now. */
  pw_ui_store_watch_cancel (&self->watch);
  if (!reload_space (self, NULL))
    return TRUE;
  g_signal_emit (self, signals[SPACE_CHANGED], 0, self->space);
  return TRUE;
}

/* pw-amend-dialog.c — an amendment of a contract from a date: its spaces, its rent
 * or its end, written as a new version of its terms
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog edits the current version of the contract's JSON form so that the
 * change takes effect from the effective date and not before, then hands it to
 * pw_lease_amend_full(), which writes the version, the contract's end and spaces
 * and, for a signed contract, its schedule in one transaction. The terms are
 * core's to change (docs/amendments.md):
 *
 *   1. a new unit price is a rent review (pw_terms_review_price()): from the
 *      charge's first day it replaces the price; from a later day the charge's
 *      prices become a table, the new one from that date, and its escalation goes
 *      on as the form's "After the new price" says;
 *   2. spaces added or given up, and a new end, are pw_lease_amend_terms()'s.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-amend-dialog.h"
#include "pw-area.h"
#include "pw-contract-diff.h"
#include "pw-date-picker.h"
#include "pw-decimal.h"
#include "pw-i18n.h"
#include "pw-lease.h"
#include "pw-lease-terms.h"
#include "pw-lease-versions.h"
#include "pw-ledger.h"
#include "pw-rent-review.h"
#include "pw-ui.h"

typedef struct {
  PwAmendDialog  *dialog;
  char           *space_id;
  char           *code;
  gint64          area;     /* chargeable, hundredths of a m² */
  gint64          held_area; /* the area the contract holds it with now */
  gboolean        held;     /* the contract holds it now */
  gboolean        kept;
  GtkWidget      *row;
  GtkCheckButton *check;
} AmendSpace;

struct _PwAmendDialog
{
  AdwWindow            parent_instance;

  PwStore             *store;
  PwChange            *change;        /* the amendment written, for its Undo */
  char                *contract_id;
  char                *park_id;
  char                *start;
  char                *end;
  char                *terms;
  GPtrArray           *spaces;        /* AmendSpace */
  GPtrArray           *charge_codes;
  GPtrArray           *old_prices;
  GPtrArray           *new_prices;
  gboolean             updating;
  char                *error_text;
  /* an edit written with the amendment, in its transaction (the plan editor's) */
  PwAmendThenFunc      then;
  gpointer             then_data;
  GDestroyNotify       then_destroy;
  char                *then_what;

  /* template children */
  GtkLabel            *heading_label;
  GtkLabel            *error_label;
  AdwEntryRow         *effective_row;
  AdwEntryRow         *note_row;
  AdwEntryRow         *end_row;
  AdwComboRow         *charge_row;
  AdwEntryRow         *price_row;
  AdwComboRow         *escalation_row;
  AdwPreferencesGroup *spaces_group;
  AdwEntryRow         *add_space_row;
  GtkLabel            *changes_label;
  GtkButton           *amend_button;
};

G_DEFINE_FINAL_TYPE (PwAmendDialog, pw_amend_dialog, ADW_TYPE_WINDOW)

enum {
  AMENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
amend_space_free (gpointer data)
{
  AmendSpace *s = data;

  g_free (s->space_id);
  g_free (s->code);
  g_free (s);
}

/* Marks @field (NULL: none) as the one in error, alone. */
static void
mark_field (PwAmendDialog *self,
            GtkWidget     *field)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->effective_row), GTK_WIDGET (self->end_row),
                        GTK_WIDGET (self->price_row), GTK_WIDGET (self->add_space_row) };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i] != field)
      gtk_widget_remove_css_class (rows[i], "error");
  if (field != NULL)
    gtk_widget_add_css_class (field, "error");
}

/* Shows @message (NULL: none) next to @field, the form's row it is about (NULL: the
 * changes at the bottom, by the Amend button), and brings it into view. */
static void
show_error_at (PwAmendDialog *self,
               const char    *message,
               GtkWidget     *field)
{
  GtkWidget *label = GTK_WIDGET (self->error_label);
  GtkWidget *anchor = gtk_widget_get_ancestor (field != NULL ? field : GTK_WIDGET (self->changes_label),
                                               ADW_TYPE_PREFERENCES_GROUP);

  g_clear_pointer (&self->error_text, g_free);
  g_clear_pointer (&self->then_what, g_free);
  if (self->then_destroy != NULL)
    g_clear_pointer (&self->then_data, self->then_destroy);
  self->error_text = g_strdup (message);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (label, message != NULL);
  pw_ui_set_accessible_error (GTK_WIDGET (self->amend_button), message);
  mark_field (self, message != NULL ? field : NULL);
  if (field != NULL)
    pw_ui_set_accessible_error (field, message);
  if (message == NULL || anchor == NULL || gtk_widget_get_parent (anchor) != gtk_widget_get_parent (label))
    return;
  /* below the group of the field that is wrong, where the eye is */
  gtk_box_reorder_child_after (GTK_BOX (gtk_widget_get_parent (label)), label, anchor);
  if (field != NULL)
    gtk_widget_grab_focus (field);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->amend_button));
}

static void
show_error (PwAmendDialog *self,
            const char    *message)
{
  show_error_at (self, message, message != NULL ? GTK_WIDGET (self->add_space_row) : NULL);
}

/* ---- the spaces ------------------------------------------------------------------ */

static void update_preview (PwAmendDialog *self);

static void
space_toggled_cb (GtkCheckButton *check,
                  AmendSpace     *space)
{
  space->kept = gtk_check_button_get_active (check);
  update_preview (space->dialog);
}

static void
add_space_row (PwAmendDialog *self,
               AmendSpace    *space)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *area = pw_area_format_with_unit (space->area, FALSE);
  GtkWidget *check = gtk_check_button_new ();
  /* Translators: a space's chargeable area, and whether it is new in this amendment */
  g_autofree char *subtitle = space->held ? g_strdup (area) : g_strdup_printf (_("%s · added"), area);

  if (space->held && space->area != space->held_area)
    {
      g_autofree char *was = pw_area_format_with_unit (space->held_area, FALSE);

      g_free (subtitle);
      /* Translators: a space's new chargeable area in an amendment, then the one it had */
      subtitle = g_strdup_printf (_("%s · was %s"), area, was);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), space->code);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), space->kept);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  pw_ui_set_accessible_name (check, _("Keep this space"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect (check, "toggled", G_CALLBACK (space_toggled_cb), space);
  space->row = row;
  space->dialog = self;
  space->check = GTK_CHECK_BUTTON (check);
  adw_preferences_group_add (self->spaces_group, row);
}

static AmendSpace *
find_space (PwAmendDialog *self,
            const char    *code)
{
  for (guint i = 0; i < self->spaces->len; i++)
    {
      AmendSpace *s = g_ptr_array_index (self->spaces, i);

      if (g_str_equal (s->code, code))
        return s;
    }
  return NULL;
}

static gboolean
spaces_changed (PwAmendDialog *self)
{
  for (guint i = 0; i < self->spaces->len; i++)
    {
      AmendSpace *s = g_ptr_array_index (self->spaces, i);

      if (s->held != s->kept || (s->held && s->kept && s->area != s->held_area))
        return TRUE;
    }
  return FALSE;
}

/* ---- the terms ------------------------------------------------------------------- */

/* What the escalation does after a new price, as the form says (in the order of
 * the escalation row's items). */
static PwReviewEscalation
review_escalation (PwAmendDialog *self)
{
  switch (adw_combo_row_get_selected (self->escalation_row))
    {
    case 1:
      return PW_REVIEW_ESCALATION_RESTART;
    case 2:
      return PW_REVIEW_ESCALATION_STOP;
    default:
      return PW_REVIEW_ESCALATION_CONTINUE;
    }
}

/* The current terms with the form's changes, or NULL with the reason: a new price
 * is a rent review (pw_terms_review_price()), the spaces and the end core's
 * amendment of the terms (pw_lease_amend_terms()). */
static char *
build_terms (PwAmendDialog  *self,
             const char     *effective,
             const char     *end,
             gboolean       *changed,
             GError        **error)
{
  g_autofree char *priced = g_strdup (self->terms);
  g_autoptr(GPtrArray) removed = g_ptr_array_new ();
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (PwLeaseFormSpace));
  gint64 version = 1;

  *changed = FALSE;
  for (guint i = 0; i < self->charge_codes->len; i++)
    {
      const char *price = g_ptr_array_index (self->new_prices, i);
      char *next;

      if (g_str_equal (price, g_ptr_array_index (self->old_prices, i)))
        continue;
      next = pw_terms_review_price (priced, g_ptr_array_index (self->charge_codes, i), effective,
                                    price, review_escalation (self), error);
      if (next == NULL)
        return NULL;
      g_free (priced);
      priced = next;
      *changed = TRUE;
    }
  for (guint i = 0; i < self->spaces->len; i++)
    {
      AmendSpace *s = g_ptr_array_index (self->spaces, i);
      PwLeaseFormSpace space = { s->code, s->area };

      if (s->held && !s->kept)
        g_ptr_array_add (removed, s->code);
      else if (!s->held && s->kept)
        g_array_append_val (added, space);
      else if (s->held && s->area != s->held_area)
        {
          /* a new area: the space leaves the terms and comes back with it */
          g_ptr_array_add (removed, s->code);
          g_array_append_val (added, space);
        }
    }
  g_ptr_array_add (removed, NULL);
  {
    g_autoptr(JsonObject) row = pw_store_get_row (self->store, "contract", self->contract_id, NULL);

    if (row != NULL && json_object_has_member (row, "current_version"))
      version = json_object_get_int_member (row, "current_version") + 1;
  }
  *changed = *changed || spaces_changed (self) || !g_str_equal (end, self->end);
  return pw_lease_amend_terms (priced, effective, self->end, end, (const char *const *) removed->pdata,
                               (const PwLeaseFormSpace *) (gpointer) added->data, added->len, version, error);
}

/* ---- the form --------------------------------------------------------------------- */

/* What the amendment would change, as the history will show it. */
static void
update_preview (PwAmendDialog *self)
{
  const char *effective = gtk_editable_get_text (GTK_EDITABLE (self->effective_row));
  const char *end = gtk_editable_get_text (GTK_EDITABLE (self->end_row));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *terms = NULL;
  gboolean changed = FALSE;

  g_autoptr(GError) error = NULL;
  GtkWidget *wrong = NULL;

  if (self->terms == NULL || self->updating)
    return;
  if (!pw_date_is_valid (effective))
    {
      wrong = GTK_WIDGET (self->effective_row);
      /* Translators: %s is what was typed */
      g_string_printf (text, _("Effective date: “%s” is not a date; write it as YYYY-MM-DD"), effective);
    }
  else if (!pw_date_is_valid (end))
    {
      wrong = GTK_WIDGET (self->end_row);
      g_string_printf (text, _("End date: “%s” is not a date; write it as YYYY-MM-DD"), end);
    }
  else if ((terms = build_terms (self, effective, end, &changed, &error)) == NULL)
    {
      wrong = GTK_WIDGET (self->price_row);
      g_string_assign (text, error->message);
    }
  else if (changed)
    {
      g_autoptr(GPtrArray) changes = pw_contract_diff_text (self->terms, terms, NULL);

      for (guint i = 0; changes != NULL && i < changes->len; i++)
        g_string_append_printf (text, "%s• %s", i ? "\n" : "",
                                ((PwContractChange *) g_ptr_array_index (changes, i))->sentence);
      if (self->then_what != NULL)
        g_string_append_printf (text, "%s• %s", text->len ? "\n" : "", self->then_what);
    }
  /* an invalid change is not "no change": the preview says what is wrong, Amend waits */
  mark_field (self, wrong);
  gtk_widget_set_sensitive (GTK_WIDGET (self->amend_button), wrong == NULL && changed);
  if (wrong != NULL)
    {
      g_autofree char *why = g_strdup_printf (_("Cannot amend yet: %s"), text->str);

      gtk_label_set_text (self->changes_label, why);
    }
  else
    gtk_label_set_text (self->changes_label, text->len ? text->str : _("No change yet"));
}

static void
form_changed_cb (PwAmendDialog *self)
{
  update_preview (self);
}

static void
charge_selected_cb (PwAmendDialog *self)
{
  guint i = adw_combo_row_get_selected (self->charge_row);

  if (i >= self->charge_codes->len)
    return;
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->price_row), g_ptr_array_index (self->new_prices, i));
  self->updating = FALSE;
}

static void
price_changed_cb (PwAmendDialog *self)
{
  guint i = adw_combo_row_get_selected (self->charge_row);

  if (self->updating || i >= self->charge_codes->len)
    return;
  g_free (self->new_prices->pdata[i]);
  self->new_prices->pdata[i] = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->price_row)));
  update_preview (self);
}

static void
add_space_applied_cb (PwAmendDialog *self)
{
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_space_row))));

  if (*code != '\0' && pw_amend_dialog_add_space (self, code))
    gtk_editable_set_text (GTK_EDITABLE (self->add_space_row), "");
}

static void
amend_clicked_cb (PwAmendDialog *self)
{
  if (pw_amend_dialog_apply (self, NULL) > 0)
    gtk_window_close (GTK_WINDOW (self));
}

/* ---- loading ---------------------------------------------------------------------- */

static gboolean
load (PwAmendDialog  *self,
      GError        **error)
{
  g_autoptr(JsonObject) row = pw_store_get_row (self->store, "contract", self->contract_id, error);
  g_autoptr(GPtrArray) park_spaces = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GtkStringList) charge_names = gtk_string_list_new (NULL);
  g_autofree char *heading = NULL;
  JsonArray *charges;

  if (row == NULL)
    return FALSE;
  self->park_id = g_strdup (json_object_get_string_member (row, "park_id"));
  self->start = g_strdup (json_object_get_string_member (row, "start_date"));
  self->end = g_strdup (json_object_get_string_member (row, "end_date"));
  /* Translators: the amend dialog's heading: the contract's code and term */
  heading = g_strdup_printf (_("%s · %s to %s"), json_object_get_string_member (row, "code"),
                             self->start, self->end);
  gtk_label_set_text (self->heading_label, heading);

  self->terms = pw_lease_dup_terms (self->store, self->contract_id, error);
  if (self->terms == NULL)
    return FALSE;

  if (!json_parser_load_from_data (parser, self->terms, -1, error))
    return FALSE;
  charges = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "charges");
  for (guint i = 0; charges != NULL && i < json_array_get_length (charges); i++)
    {
      JsonObject *c = json_array_get_object_element (charges, i);
      const char *code = json_object_get_string_member_with_default (c, "code", "");
      const char *price = json_object_get_string_member_with_default (c, "unit_price", "");
      const char *unit = json_object_get_string_member_with_default (c, "unit", "");
      g_autofree char *label = NULL;

      /* Translators: a charge in the amend dialog: its code and its price's unit */
      label = g_strdup_printf (_("%s (%s)"), pw_charge_label (code),
                               g_str_equal (unit, "m2_day") ? _("per m² per day")
                               : g_str_equal (unit, "m2_month") ? _("per m² per month")
                               : _("per month"));
      g_ptr_array_add (self->charge_codes, g_strdup (code));
      g_ptr_array_add (self->old_prices, g_strdup (price));
      g_ptr_array_add (self->new_prices, g_strdup (price));
      gtk_string_list_append (charge_names, label);
    }
  adw_combo_row_set_model (self->charge_row, G_LIST_MODEL (charge_names));

  /* the spaces the contract holds to its end */
  park_spaces = pw_ledger_load_spaces (self->store, self->park_id, error);
  if (park_spaces == NULL)
    return FALSE;
  held = pw_lease_spaces_to_end (self->store, self->contract_id, self->end, error);
  if (held == NULL)
    return FALSE;
  for (guint h = 0; h < held->len; h++)
    {
      PwLeaseHeld *one = g_ptr_array_index (held, h);
      AmendSpace *s = g_new0 (AmendSpace, 1);

      s->space_id = g_strdup (one->space_id);
      s->area = s->held_area = one->area;
      s->held = s->kept = TRUE;
      for (guint i = 0; i < park_spaces->len && s->code == NULL; i++)
        if (g_str_equal (pw_space_get_id (g_ptr_array_index (park_spaces, i)), one->space_id))
          s->code = g_strdup (pw_space_get_code (g_ptr_array_index (park_spaces, i)));
      if (s->code == NULL)
        s->code = g_strdup (one->space_id);
      g_ptr_array_add (self->spaces, s);
      add_space_row (self, s);
    }
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), self->end);
  self->updating = FALSE;
  charge_selected_cb (self);
  return TRUE;
}

/* ---- public ---------------------------------------------------------------------- */

PwAmendDialog *
pw_amend_dialog_new (GtkWindow   *parent,
                     PwStore     *store,
                     const char  *contract_id,
                     GError     **error)
{
  PwAmendDialog *self;
  g_autofree char *today = pw_today_iso ();

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (contract_id != NULL, NULL);

  self = g_object_new (PW_TYPE_AMEND_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->contract_id = g_strdup (contract_id);
  if (!load (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->effective_row),
                         strcmp (today, self->start) < 0 ? self->start
                         : strcmp (today, self->end) > 0 ? self->end : today);
  update_preview (self);
  return self;
}

void
pw_amend_dialog_set_effective_date (PwAmendDialog *self,
                                    const char    *date)
{
  g_return_if_fail (PW_IS_AMEND_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->effective_row), date);
}

void
pw_amend_dialog_set_end_date (PwAmendDialog *self,
                              const char    *date)
{
  g_return_if_fail (PW_IS_AMEND_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), date);
}

gboolean
pw_amend_dialog_set_unit_price (PwAmendDialog *self,
                                const char    *code,
                                const char    *price)
{
  g_return_val_if_fail (PW_IS_AMEND_DIALOG (self), FALSE);

  for (guint i = 0; i < self->charge_codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->charge_codes, i), code))
      {
        adw_combo_row_set_selected (self->charge_row, i);
        gtk_editable_set_text (GTK_EDITABLE (self->price_row), price);
        return TRUE;
      }
  return FALSE;
}

void
pw_amend_dialog_start_rent_review (PwAmendDialog *self)
{
  g_return_if_fail (PW_IS_AMEND_DIALOG (self));

  /* the rent charge chosen, its price to type */
  for (guint i = 0; i < self->charge_codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->charge_codes, i), "rent"))
      {
        adw_combo_row_set_selected (self->charge_row, i);
        break;
      }
  gtk_widget_grab_focus (GTK_WIDGET (self->price_row));
}

gboolean
pw_amend_dialog_add_space (PwAmendDialog *self,
                           const char    *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) park_spaces = NULL;
  AmendSpace *s;

  g_return_val_if_fail (PW_IS_AMEND_DIALOG (self), FALSE);

  if ((s = find_space (self, code)) != NULL)
    {
      /* one given up can be taken back */
      gtk_check_button_set_active (s->check, TRUE);
      return TRUE;
    }
  park_spaces = pw_ledger_load_spaces (self->store, self->park_id, &error);
  for (guint i = 0; park_spaces != NULL && i < park_spaces->len; i++)
    {
      PwSpace *space = g_ptr_array_index (park_spaces, i);

      if (!g_str_equal (pw_space_get_code (space), code))
        continue;
      if (!pw_space_get_leasable (space))
        {
          g_autofree char *message = g_strdup_printf (_("Space %s is not leasable"), code);

          show_error (self, message);
          return FALSE;
        }
      s = g_new0 (AmendSpace, 1);
      s->space_id = g_strdup (pw_space_get_id (space));
      s->code = g_strdup (code);
      s->area = pw_space_get_chargeable_area (space);
      s->kept = TRUE;
      g_ptr_array_add (self->spaces, s);
      add_space_row (self, s);
      show_error (self, NULL);
      update_preview (self);
      return TRUE;
    }
  {
    /* Translators: %s is what was typed as a space's code */
    g_autofree char *message = error ? g_strdup (error->message)
                                     : g_strdup_printf (_("No space “%s” in this park"), code);

    show_error (self, message);
  }
  return FALSE;
}

gboolean
pw_amend_dialog_set_space_kept (PwAmendDialog *self,
                                const char    *code,
                                gboolean       kept)
{
  AmendSpace *s;

  g_return_val_if_fail (PW_IS_AMEND_DIALOG (self), FALSE);

  s = find_space (self, code);
  if (s == NULL)
    return FALSE;
  gtk_check_button_set_active (s->check, kept);
  return TRUE;
}

int
pw_amend_dialog_apply (PwAmendDialog  *self,
                       GError        **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GArray) held = g_array_new (FALSE, FALSE, sizeof (PwLeaseSpace));
  g_autofree char *terms = NULL;
  const char *effective, *end, *note;
  gboolean changed = FALSE, moved, in_transaction;
  int version;

  g_return_val_if_fail (PW_IS_AMEND_DIALOG (self), -1);

  effective = gtk_editable_get_text (GTK_EDITABLE (self->effective_row));
  end = gtk_editable_get_text (GTK_EDITABLE (self->end_row));
  note = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  GtkWidget *field = NULL;

  if (!pw_date_is_valid (effective))
    {
      field = GTK_WIDGET (self->effective_row);
      g_set_error (&local, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   /* Translators: %s is what was typed */
                   _("Effective date: “%s” is not a date; write it as YYYY-MM-DD"), effective);
    }
  else if (!pw_date_is_valid (end))
    {
      field = GTK_WIDGET (self->end_row);
      g_set_error (&local, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   _("End date: “%s” is not a date; write it as YYYY-MM-DD"), end);
    }
  else if ((terms = build_terms (self, effective, end, &changed, &local)) != NULL && !changed)
    g_set_error_literal (&local, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                         _("Nothing changes: give a new unit price, add or give up a space, or "
                           "move the end date"));
  else if (terms == NULL)
    field = GTK_WIDGET (self->price_row);
  if (local != NULL)
    {
      show_error_at (self, local->message, field);
      g_propagate_error (error, g_steal_pointer (&local));
      return -1;
    }

  moved = spaces_changed (self);
  for (guint i = 0; moved && i < self->spaces->len; i++)
    {
      AmendSpace *s = g_ptr_array_index (self->spaces, i);
      PwLeaseSpace ls = { s->space_id, s->area };

      if (s->kept)
        g_array_append_val (held, ls);
    }
  g_clear_pointer (&self->change, pw_change_unref);
  pw_store_record_begin (self->store);
  /* with an edit to write too: both in one transaction, or neither */
  in_transaction = self->then != NULL && pw_store_begin (self->store, &local);
  version = -1;
  if (self->then == NULL || in_transaction)
    version = pw_lease_amend_full (self->store, self->contract_id, effective, terms,
                                   *note != '\0' ? note : NULL,
                                   g_str_equal (end, self->end) ? NULL : end,
                                   (const PwLeaseSpace *) (gpointer) held->data,
                                   moved ? (int) held->len : -1, &local);
  if (in_transaction)
    {
      if (version >= 0 && !self->then (self->store, self->then_data, &local))
        version = -1;
      if (version < 0)
        pw_store_rollback (self->store);
      else if (!pw_store_commit (self->store, &local))
        version = -1;
      else
        pw_store_notify_changed (self->store);
    }
  self->change = pw_store_record_end (self->store);
  if (version < 0)
    {
      /* at the field core names; without one, when the spaces change a refusal is
       * most often theirs (one another contract holds), else about the date the
       * terms take effect */
      const char *named = pw_ledger_error_get_field (local);
      GtkWidget *at = moved ? GTK_WIDGET (self->add_space_row) : GTK_WIDGET (self->effective_row);

      if (g_strcmp0 (named, "effective_date") == 0 || g_strcmp0 (named, "date") == 0)
        at = GTK_WIDGET (self->effective_row);
      else if (g_strcmp0 (named, "end_date") == 0)
        at = GTK_WIDGET (self->end_row);
      else if (g_strcmp0 (named, "space_id") == 0 || g_strcmp0 (named, "spaces") == 0)
        at = GTK_WIDGET (self->add_space_row);
      else if (g_strcmp0 (named, "terms") == 0 || g_strcmp0 (named, "unit_price") == 0)
        at = GTK_WIDGET (self->price_row);
      show_error_at (self, local->message, at);
      g_propagate_error (error, g_steal_pointer (&local));
      return -1;
    }
  show_error_at (self, NULL, NULL);
  g_signal_emit (self, signals[AMENDED], 0, version);
  return version;
}

gboolean
pw_amend_dialog_set_space_area (PwAmendDialog *self,
                                const char    *code,
                                gint64         area)
{
  AmendSpace *s;

  g_return_val_if_fail (PW_IS_AMEND_DIALOG (self), FALSE);
  g_return_val_if_fail (code != NULL && area > 0, FALSE);

  s = find_space (self, code);
  if (s == NULL)
    return FALSE;
  s->area = area;
  if (s->row != NULL)
    {
      adw_preferences_group_remove (self->spaces_group, s->row);
      add_space_row (self, s);
    }
  update_preview (self);
  return TRUE;
}

gint64
pw_amend_dialog_get_space_area (PwAmendDialog *self,
                                const char    *code)
{
  AmendSpace *s;

  g_return_val_if_fail (PW_IS_AMEND_DIALOG (self), -1);

  s = find_space (self, code);
  return s != NULL && s->held ? s->held_area : -1;
}

void
pw_amend_dialog_set_then (PwAmendDialog   *self,
                          const char      *what,
                          PwAmendThenFunc  then,
                          gpointer         data,
                          GDestroyNotify   destroy)
{
  g_return_if_fail (PW_IS_AMEND_DIALOG (self));

  if (self->then_destroy != NULL)
    g_clear_pointer (&self->then_data, self->then_destroy);
  g_free (self->then_what);
  self->then_what = g_strdup (what);
  self->then = then;
  self->then_data = data;
  self->then_destroy = destroy;
  update_preview (self);
}

const char *
pw_amend_dialog_get_error_text (PwAmendDialog *self)
{
  g_return_val_if_fail (PW_IS_AMEND_DIALOG (self), NULL);
  return self->error_text;
}

const char *
pw_amend_dialog_get_preview_text (PwAmendDialog *self)
{
  g_return_val_if_fail (PW_IS_AMEND_DIALOG (self), NULL);
  return gtk_label_get_text (self->changes_label);
}

/* ---- GObject ---------------------------------------------------------------------- */

static void
pw_amend_dialog_dispose (GObject *object)
{
  PwAmendDialog *self = PW_AMEND_DIALOG (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_AMEND_DIALOG);

  G_OBJECT_CLASS (pw_amend_dialog_parent_class)->dispose (object);
}

static void
pw_amend_dialog_finalize (GObject *object)
{
  PwAmendDialog *self = PW_AMEND_DIALOG (object);

  g_clear_pointer (&self->contract_id, g_free);
  g_clear_pointer (&self->park_id, g_free);
  g_clear_pointer (&self->start, g_free);
  g_clear_pointer (&self->end, g_free);
  g_clear_pointer (&self->terms, g_free);
  g_clear_pointer (&self->error_text, g_free);
  g_clear_pointer (&self->spaces, g_ptr_array_unref);
  g_clear_pointer (&self->charge_codes, g_ptr_array_unref);
  g_clear_pointer (&self->old_prices, g_ptr_array_unref);
  g_clear_pointer (&self->new_prices, g_ptr_array_unref);

  g_clear_pointer (&self->change, pw_change_unref);
  G_OBJECT_CLASS (pw_amend_dialog_parent_class)->finalize (object);
}

static void
pw_amend_dialog_class_init (PwAmendDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_amend_dialog_dispose;
  object_class->finalize = pw_amend_dialog_finalize;

  /**
   * PwAmendDialog::amended:
   * @version: the number of the new version of the terms
   *
   * The amendment was written to the store.
   */
  signals[AMENDED] = g_signal_new ("amended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parkwise/Parkwise/pw-amend-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PwAmendDialog, name)
  BIND (heading_label);
  BIND (error_label);
  BIND (effective_row);
  BIND (note_row);
  BIND (end_row);
  BIND (charge_row);
  BIND (price_row);
  BIND (escalation_row);
  BIND (spaces_group);
  BIND (add_space_row);
  BIND (changes_label);
  BIND (amend_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, charge_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, price_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_space_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, amend_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pw_amend_dialog_init (PwAmendDialog *self)
{
  self->spaces = g_ptr_array_new_with_free_func (amend_space_free);
  self->charge_codes = g_ptr_array_new_with_free_func (g_free);
  self->old_prices = g_ptr_array_new_with_free_func (g_free);
  self->new_prices = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* every date has its calendar; typing still works */
  pw_date_picker_attach (self->effective_row);
  pw_date_picker_attach (self->end_row);
}

PwChange *
pw_amend_dialog_get_change (PwAmendDialog *self)
{
  g_return_val_if_fail (PW_IS_AMEND_DIALOG (self), NULL);
  return self->change;
}

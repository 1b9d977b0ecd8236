/* pw-customers-page.c — the Customers page: customers and their contacts, prospects
 * with their viewings and quotes, quote approvals, and the park's price policy
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three sections in one page. Customers and Prospects are a list (PwJsonItem
 * rows of pw_customer_list / pw_prospect_list, searched by a GtkCustomFilter)
 * beside the selected record; Price Policy holds the park's list and floor
 * prices and its approval rules. Every change goes through core (pw-customer.h)
 * and so through the store's mutation path; the page then loads again at once,
 * so what it shows is what the store holds.
 *
 * Records are added and edited in a small modal form built here (Form): one row
 * per field, named after the record's field, with an error row under it. A
 * refusal from core names its field ("Field “email”: …"), and the form shows the
 * reason under that row and stays open.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-customer.h"
#include "pw-customer-leases.h"
#include "pw-customers-page.h"
#include "pw-json-item.h"
#include "pw-lease-dialog.h"
#include "pw-lease.h"
#include "pw-ledger.h"
#include "pw-row.h"
#include "pw-ui.h"
#include "pw-uscc.h"

typedef struct _Form Form;

struct _PwCustomersPage
{
  GtkWidget            parent_instance;

  PwUiStoreWatch       watch;
  char                *park_id;        /* as set; NULL: the first park */
  char                *current_park;   /* the park loaded */
  gboolean             loaded;
  gboolean             stale;
  gboolean             reloading;
  gboolean             filling_quotes;
  char                *last_message;
  char                *customer_needle;
  char                *prospect_needle;
  char                *list_price;     /* the park's, or NULL */
  char                *floor_price;
  GHashTable          *space_codes;    /* space id → code */
  GHashTable          *space_ids;      /* code → space id */
  GPtrArray           *quotes;         /* JsonObject: the selected prospect's */
  char                *quote_id;       /* the selected quote */
  GPtrArray           *dynamic_rows;   /* rows added to the groups below, to remove */
  Form                *form;

  GListStore          *customer_store;
  GtkCustomFilter     *customer_filter;
  GtkFilterListModel  *customer_model;
  GtkSingleSelection  *customer_selection;
  GListStore          *prospect_store;
  GtkCustomFilter     *prospect_filter;
  GtkFilterListModel  *prospect_model;
  GtkSingleSelection  *prospect_selection;

  /* template children */
  AdwToastOverlay     *toast_overlay;
  GtkStack            *section_stack;
  GtkSearchEntry      *customer_search_entry;
  GtkStack            *customer_list_stack;
  GtkColumnView       *customer_view;
  GtkLabel            *customer_count_label;
  GtkStack            *customer_detail_stack;
  PwCustomerLeases    *customer_leases;
  GtkLabel            *customer_name_label;
  AdwActionRow        *kind_info_row;
  AdwActionRow        *uscc_info_row;
  AdwActionRow        *industry_info_row;
  AdwActionRow        *risk_info_row;
  AdwActionRow        *tags_info_row;
  AdwActionRow        *notes_info_row;
  AdwPreferencesGroup *contacts_group;
  GtkSearchEntry      *prospect_search_entry;
  GtkStack            *prospect_list_stack;
  GtkColumnView       *prospect_view;
  GtkLabel            *prospect_count_label;
  GtkStack            *prospect_detail_stack;
  GtkLabel            *prospect_name_label;
  GtkLabel            *prospect_stage_label;
  AdwActionRow        *prospect_customer_row;
  AdwActionRow        *prospect_agent_row;
  AdwActionRow        *prospect_source_row;
  AdwActionRow        *prospect_notes_row;
  AdwPreferencesGroup *viewings_group;
  AdwPreferencesGroup *quotes_group;
  GtkListBox          *quote_list;
  GtkWidget           *quote_detail_box;
  AdwActionRow        *quote_status_row;
  AdwActionRow        *quote_terms_row;
  AdwActionRow        *quote_discount_row;
  AdwActionRow        *quote_lease_row;
  GtkButton           *show_lease_button;
  AdwPreferencesGroup *approvals_group;
  GtkListBox          *comment_list;
  AdwEntryRow         *approval_comment_row;
  AdwActionRow        *approval_comment_error_row;
  GtkButton           *submit_quote_button;
  GtkButton           *edit_quote_button;
  GtkButton           *approve_button;
  GtkButton           *reject_button;
  GtkButton           *create_lease_button;
  GtkLabel            *quote_message_label;
  AdwEntryRow         *list_price_row;
  AdwActionRow        *list_price_error_row;
  AdwEntryRow         *floor_price_row;
  AdwActionRow        *floor_price_error_row;
  AdwPreferencesGroup *rules_group;
  GtkButton           *add_customer_button;
  GtkButton           *edit_customer_button;
  GtkButton           *add_contact_button;
  GtkButton           *add_prospect_button;
  GtkButton           *edit_prospect_button;
  GtkButton           *add_viewing_button;
  GtkButton           *add_quote_button;
  GtkButton           *save_prices_button;
  GtkButton           *add_rule_button;
};

G_DEFINE_FINAL_TYPE (PwCustomersPage, pw_customers_page, GTK_TYPE_WIDGET)

static const char *const kinds[] = { "company", "person", NULL };
static const char *const risks[] = { "", "low", "medium", "high", NULL };
static const char *const stages[] = {
  "lead", "viewing", "quoted", "negotiating", "won", "lost", NULL
};
static const char *const metrics[] = { "discount_pct", "rent_free_months", NULL };
static const char *const roles[] = { "asset_manager", "general_manager", NULL };

typedef enum {
  CUSTOMER_NAME,
  CUSTOMER_KIND,
  CUSTOMER_INDUSTRY,
  CUSTOMER_RISK,
  CUSTOMER_TAGS,
  N_CUSTOMER_COLUMNS
} CustomerColumn;

typedef enum {
  PROSPECT_NAME,
  PROSPECT_CUSTOMER,
  PROSPECT_STAGE,
  PROSPECT_AGENT,
  N_PROSPECT_COLUMNS
} ProspectColumn;

static void load (PwCustomersPage *self);
static void update_customer_detail (PwCustomersPage *self);
static void update_prospect_detail (PwCustomersPage *self);
static void update_quote_detail (PwCustomersPage *self);

/* Helpers */

static const char *
or_dash (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : "—";
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
show_toast (PwCustomersPage *self,
            const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  g_free (self->last_message);
  self->last_message = g_strdup (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static const char *
row_string (JsonObject *row,
            const char *member)
{
  return row != NULL ? pw_row_string (row, member) : NULL;
}

/* A JSON array of text (tags, space ids) as its items; empty for bad text. */
static GStrv
json_list_items (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *root;

  if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL)
      && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (node));
        }
    }
  return g_strv_builder_end (builder);
}

/* "anchor, export" → ["anchor","export"]; commas of either width separate. */
static char *
tags_to_json (const char *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) normal = g_string_new (text);

  g_string_replace (normal, "，", ",", 0);
  parts = g_strsplit (normal->str, ",", -1);
  json_builder_begin_array (builder);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        json_builder_add_string_value (builder, parts[i]);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static char *
tags_text (const char *json)
{
  g_auto(GStrv) items = json_list_items (json);

  return g_strjoinv (", ", items);
}

/* The codes of the spaces a JSON list of ids names, joined by ", ". */
static char *
space_codes_text (PwCustomersPage *self,
                  const char      *json)
{
  g_auto(GStrv) ids = json_list_items (json);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *code = g_hash_table_lookup (self->space_codes, ids[i]);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, code != NULL ? code : ids[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Space codes separated by commas or spaces → their ids, or a field error
 * on @field naming the first code the park does not have. */
static GStrv
space_ids_from_codes (PwCustomersPage  *self,
                      const char       *text,
                      const char       *field,
                      GError          **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) normal = g_string_new (text);
  g_auto(GStrv) parts = NULL;

  g_string_replace (normal, "，", ",", 0);
  g_string_replace (normal, " ", ",", 0);
  parts = g_strsplit (normal->str, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *id;

      g_strstrip (parts[i]);
      if (parts[i][0] == '\0')
        continue;
      id = g_hash_table_lookup (self->space_ids, parts[i]);
      if (id == NULL)
        {
          g_autofree char *upper = g_ascii_strup (parts[i], -1);

          id = g_hash_table_lookup (self->space_ids, upper);
        }
      if (id == NULL)
        {
          /* Translators: %s is a space code someone typed */
          pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                              _("there is no space “%s” in this park"), parts[i]);
          return NULL;
        }
      g_strv_builder_add (builder, id);
    }
  return g_strv_builder_end (builder);
}

static const char *
park (PwCustomersPage *self)
{
  return self->current_park;
}

/* A status pill coloured as the ledger colours space statuses. */
static void
set_pill (GtkWidget  *label,
          const char *word)
{
  static const struct {
    const char *word;
    const char *css;
  } colours[] = {
    { "draft", "status-available" },
    { "lead", "status-available" },
    { "submitted", "status-reserved" },
    { "pending", "status-reserved" },
    { "viewing", "status-reserved" },
    { "quoted", "status-reserved" },
    { "negotiating", "status-reserved" },
    { "approved", "status-leased" },
    { "won", "status-leased" },
    { "rejected", "status-disposed" },
    { "lost", "status-disposed" },
  };

  const char *classes[] = { "status-pill", NULL, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    if (g_strcmp0 (word, colours[i].word) == 0)
      classes[1] = colours[i].css;
  gtk_widget_set_css_classes (label, classes);
  gtk_label_set_text (GTK_LABEL (label), pw_leasing_label (word));
}

/* Rows the page adds to its groups and lists, removed before each refill. */
static void
remove_rows_of (PwCustomersPage *self,
                GtkWidget       *container)
{
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();

  /* taken out of the list first: removing a selected row runs handlers that refill */
  for (guint i = self->dynamic_rows->len; i > 0; i--)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i - 1);

      if (g_object_get_data (G_OBJECT (row), "pw-container") != container)
        continue;
      g_ptr_array_add (doomed, row);
      g_ptr_array_remove_index (self->dynamic_rows, i - 1);
    }
  for (guint i = 0; i < doomed->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (doomed, i);

      if (ADW_IS_PREFERENCES_GROUP (container))
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (container), row);
      else
        gtk_list_box_remove (GTK_LIST_BOX (container), row);
    }
}

static GtkWidget *
add_row_to (PwCustomersPage *self,
            GtkWidget       *container,
            const char      *title,
            const char      *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data (G_OBJECT (row), "pw-container", container);
  if (ADW_IS_PREFERENCES_GROUP (container))
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (container), row);
  else
    gtk_list_box_append (GTK_LIST_BOX (container), row);
  g_ptr_array_add (self->dynamic_rows, row);
  return row;
}

static GtkWidget *
add_suffix_button (GtkWidget  *row,
                   const char *icon,
                   const char *tooltip,
                   GCallback   callback,
                   gpointer    data)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  pw_ui_set_accessible_name (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_swapped (button, "clicked", callback, data);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

/* An instant (ISO 8601, UTC) as local date and time to the minute. */
static char *
format_instant (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (or_dash (iso));
}

static void
set_info (AdwActionRow *row,
          const char   *text)
{
  adw_action_row_set_subtitle (row, or_dash (text));
}

/* The part of a core refusal after "Field “@field”: ", or NULL when it names
 * another field. */
static const char *
field_reason (const GError *error,
              const char   *field)
{
  /* Translators: must be the same as core's: a field name, then the problem */
  g_autofree char *prefix = g_strdup_printf (_("Field “%s”: %s"), field, "");

  if (error == NULL || !g_str_has_prefix (error->message, prefix))
    return NULL;
  return error->message + strlen (prefix);
}

/* Forms */

typedef gboolean (*FormSaveFunc) (PwCustomersPage *self,
                                  Form            *form,
                                  GError         **error);

struct _Form
{
  PwCustomersPage *page;
  GtkWindow       *window;
  GtkListBox      *list;
  GtkLabel        *error_label;
  GPtrArray       *names;       /* field names, in order */
  GHashTable      *rows;        /* name → the field's row (or spin button) */
  GHashTable      *error_rows;  /* name → AdwActionRow */
  FormSaveFunc     save;
  char            *id;          /* the record edited; NULL for a new one */
  gint64           version;
  char            *owner_id;    /* a contact's customer, a viewing's or quote's prospect */
  AdwActionRow    *hint_row;    /* live information: the USCC check, the discount */
};

static void
form_free (Form *form)
{
  g_ptr_array_unref (form->names);
  g_hash_table_unref (form->rows);
  g_hash_table_unref (form->error_rows);
  g_free (form->id);
  g_free (form->owner_id);
  g_free (form);
}

static void
form_destroyed_cb (PwCustomersPage *self,
                   GtkWidget       *window)
{
  if (self->form != NULL && GTK_WIDGET (self->form->window) == window)
    self->form = NULL;
}

static void
form_show_error (Form         *form,
                 const GError *error)
{
  for (guint i = 0; i < form->names->len; i++)
    {
      const char *name = g_ptr_array_index (form->names, i);
      const char *reason = field_reason (error, name);

      if (reason != NULL)
        {
          GtkWidget *row = g_hash_table_lookup (form->rows, name);

          pw_ui_show_field_error (row, g_hash_table_lookup (form->error_rows, name), reason);
          gtk_widget_grab_focus (row);
          return;
        }
    }
  gtk_label_set_text (form->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (form->error_label), TRUE);
}

static void
form_save_clicked_cb (Form *form)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < form->names->len; i++)
    {
      const char *name = g_ptr_array_index (form->names, i);

      pw_ui_show_field_error (g_hash_table_lookup (form->rows, name),
                              g_hash_table_lookup (form->error_rows, name), NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (form->error_label), FALSE);
  if (form->save (form->page, form, &error))
    gtk_window_destroy (form->window);
  else
    form_show_error (form, error);
}

static Form *
form_new (PwCustomersPage *self,
          const char      *title,
          const char      *save_label,
          const char      *name,
          FormSaveFunc     save)
{
  Form *form = g_new0 (Form, 1);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save_button = gtk_button_new_with_mnemonic (save_label);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *error_label = gtk_label_new (NULL);
  GtkWidget *list = gtk_list_box_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  if (self->form != NULL)
    gtk_window_destroy (self->form->window);

  form->page = self;
  form->window = GTK_WINDOW (window);
  form->list = GTK_LIST_BOX (list);
  form->error_label = GTK_LABEL (error_label);
  form->names = g_ptr_array_new_with_free_func (g_free);
  form->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  form->error_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  form->save = save;

  gtk_widget_set_name (window, name);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 560);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_widget_set_name (save_button, "save");
  gtk_widget_add_css_class (save_button, "suggested-action");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  g_signal_connect_swapped (save_button, "clicked", G_CALLBACK (form_save_clicked_cb), form);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save_button);
  gtk_window_set_default_widget (GTK_WINDOW (window), save_button);

  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_start (inner, 12);
  gtk_widget_set_margin_end (inner, 12);
  gtk_widget_set_margin_top (inner, 12);
  gtk_widget_set_margin_bottom (inner, 12);
  gtk_box_append (GTK_BOX (inner), error_label);
  gtk_box_append (GTK_BOX (inner), list);
  adw_clamp_set_child (ADW_CLAMP (clamp), inner);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);

  g_object_set_data_full (G_OBJECT (window), "pw-form", form, (GDestroyNotify) form_free);
  g_signal_connect_object (window, "destroy", G_CALLBACK (form_destroyed_cb), self, G_CONNECT_SWAPPED);
  self->form = form;
  return form;
}

static void
form_add_field (Form       *form,
                const char *name,
                GtkWidget  *row,
                GtkWidget  *focus)
{
  GtkWidget *error_row = adw_action_row_new ();
  g_autofree char *error_name = NULL;

  gtk_widget_set_name (focus, name);
  gtk_list_box_append (form->list, row);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (error_row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (error_row), FALSE);
  gtk_widget_add_css_class (error_row, "error");
  gtk_widget_set_visible (error_row, FALSE);
  error_name = g_strconcat (name, "-error", NULL);
  gtk_widget_set_name (error_row, error_name);
  gtk_list_box_append (form->list, error_row);
  g_ptr_array_add (form->names, g_strdup (name));
  g_hash_table_insert (form->rows, g_strdup (name), focus);
  g_hash_table_insert (form->error_rows, g_strdup (name), error_row);
}

static GtkWidget *
form_add_entry (Form       *form,
                const char *name,
                const char *title,
                const char *value)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  form_add_field (form, name, row, row);
  return row;
}

/* A choice of @values shown by @labels (translated), @selected chosen. */
static GtkWidget *
form_add_combo (Form              *form,
                const char        *name,
                const char        *title,
                const char *const *values,
                const char *const *labels,
                const char        *selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint chosen = 0;

  for (guint i = 0; values[i] != NULL; i++)
    {
      gtk_string_list_append (model, labels[i]);
      if (g_strcmp0 (values[i], selected != NULL ? selected : "") == 0)
        chosen = i;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), chosen);
  g_object_set_data_full (G_OBJECT (row), "pw-values", g_strdupv ((char **) values),
                          (GDestroyNotify) g_strfreev);
  form_add_field (form, name, row, row);
  return row;
}

/* A combo of stored words with their core labels. */
static GtkWidget *
form_add_words (Form              *form,
                const char        *name,
                const char        *title,
                const char *const *words,
                const char        *none_label,
                const char        *selected)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    g_ptr_array_add (labels, (gpointer) (words[i][0] == '\0' ? none_label : pw_leasing_label (words[i])));
  return form_add_combo (form, name, title, words, (const char *const *) labels->pdata, selected);
}

static GtkWidget *
form_add_spin (Form       *form,
               const char *name,
               const char *title,
               double      lower,
               double      upper,
               double      value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  pw_ui_set_accessible_name (spin, title);
  form_add_field (form, name, row, spin);
  return spin;
}

static AdwActionRow *
form_add_hint (Form       *form,
               const char *name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_name (row, name);
  gtk_widget_set_visible (row, FALSE);
  gtk_list_box_append (form->list, row);
  form->hint_row = ADW_ACTION_ROW (row);
  return form->hint_row;
}

static void
form_set_hint (Form       *form,
               const char *text,
               gboolean    warning)
{
  gtk_widget_set_visible (GTK_WIDGET (form->hint_row), text != NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->hint_row), text != NULL ? text : "");
  if (warning)
    gtk_widget_add_css_class (GTK_WIDGET (form->hint_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (form->hint_row), "warning");
}

static char *
form_text (Form       *form,
           const char *name)
{
  GtkWidget *row = g_hash_table_lookup (form->rows, name);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* The value chosen; NULL for the "none" entry (""). */
static const char *
form_choice (Form       *form,
             const char *name)
{
  GtkWidget *row = g_hash_table_lookup (form->rows, name);
  char **values = g_object_get_data (G_OBJECT (row), "pw-values");
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  if (selected >= g_strv_length (values) || values[selected][0] == '\0')
    return NULL;
  return values[selected];
}

static gint64
form_int (Form       *form,
          const char *name)
{
  return gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (g_hash_table_lookup (form->rows, name)));
}

static void
form_present (Form *form)
{
  GtkWidget *first = g_hash_table_lookup (form->rows, g_ptr_array_index (form->names, 0));

  gtk_window_present (form->window);
  gtk_widget_grab_focus (first);
}

static void
set_text_member (JsonObject *fields,
                 const char *member,
                 const char *value)
{
  json_object_set_string_member (fields, member, value != NULL ? value : "");
}

static void
set_word_member (JsonObject *fields,
                 const char *member,
                 const char *value)
{
  if (value != NULL)
    json_object_set_string_member (fields, member, value);
  else
    json_object_set_null_member (fields, member);
}

/* Finding what is shown */

static JsonObject *
selected_customer (PwCustomersPage *self)
{
  PwJsonItem *item = gtk_single_selection_get_selected_item (self->customer_selection);

  return item != NULL ? pw_json_item_get_object (item) : NULL;
}

static JsonObject *
selected_prospect (PwCustomersPage *self)
{
  PwJsonItem *item = gtk_single_selection_get_selected_item (self->prospect_selection);

  return item != NULL ? pw_json_item_get_object (item) : NULL;
}

static JsonObject *
selected_quote (PwCustomersPage *self)
{
  for (guint i = 0; self->quotes != NULL && self->quote_id != NULL && i < self->quotes->len; i++)
    if (g_strcmp0 (pw_row_string (g_ptr_array_index (self->quotes, i), "id"), self->quote_id) == 0)
      return g_ptr_array_index (self->quotes, i);
  return NULL;
}

static gboolean
select_in (GtkSingleSelection *selection,
           const char         *id)
{
  guint position = pw_ui_find_item (gtk_single_selection_get_model (selection),
                                    (PwUiGetIdFunc) pw_json_item_get_id, id);

  gtk_single_selection_set_selected (selection, position);
  return position != GTK_INVALID_LIST_POSITION;
}

/* Customers: the form */

static void
uscc_changed_cb (Form *form)
{
  g_autofree char *text = form_text (form, "uscc");
  g_autofree char *normal = pw_uscc_normalize (text);
  g_autofree char *reason = NULL;
  PwUsccParts parts;
  PwUsccResult result;

  if (normal[0] == '\0')
    {
      form_set_hint (form, NULL, FALSE);
      return;
    }
  result = pw_uscc_check (normal, &parts, &reason);
  if (result == PW_USCC_VALID)
    {
      const char *authority = pw_uscc_authority_label (parts.authority[0]);
      const char *category = pw_uscc_category_label (parts.authority[0], parts.category[0]);
      /* Translators: a valid unified social credit code: its authority and category */
      g_autofree char *text_ok = g_strdup_printf (_("Valid code — %s, %s"), or_dash (authority),
                                                  or_dash (category));

      form_set_hint (form, text_ok, FALSE);
    }
  else
    {
      /* Translators: why a unified social credit code does not pass; it is still saved */
      g_autofree char *warning = g_strdup_printf (_("%s — it will be saved as it is"), reason);

      form_set_hint (form, warning, result != PW_USCC_LEGACY);
    }
}

static gboolean
save_customer (PwCustomersPage  *self,
               Form             *form,
               GError          **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *name = form_text (form, "name");
  g_autofree char *uscc = form_text (form, "uscc");
  g_autofree char *industry = form_text (form, "industry");
  g_autofree char *tags = form_text (form, "tags");
  g_autofree char *tags_json = tags_to_json (tags);
  g_autofree char *notes = form_text (form, "notes");
  g_autofree char *warning = NULL;
  g_autofree char *id = NULL;

  set_text_member (fields, "name", name);
  set_word_member (fields, "kind", form_choice (form, "kind"));
  if (uscc[0] != '\0')
    json_object_set_string_member (fields, "uscc", uscc);
  else
    json_object_set_null_member (fields, "uscc");
  set_text_member (fields, "industry", industry);
  set_text_member (fields, "tags", tags_json);
  set_word_member (fields, "risk_level", form_choice (form, "risk_level"));
  set_text_member (fields, "notes", notes);

  if (form->id == NULL)
    {
      id = pw_customer_add (self->watch.store, park (self), fields, &warning, error);
      if (id == NULL)
        return FALSE;
    }
  else
    {
      if (!pw_customer_update (self->watch.store, form->id, form->version, fields, &warning, error))
        return FALSE;
      id = g_strdup (form->id);
    }
  load (self);
  pw_customers_page_select_customer (self, id);
  if (warning != NULL)
    show_toast (self, warning);
  else
    show_toast (self, form->id == NULL ? _("Customer added") : _("Customer saved"));
  return TRUE;
}

static void
open_customer_form (PwCustomersPage *self,
                    JsonObject      *customer)
{
  Form *form = form_new (self, customer != NULL ? _("Edit Customer") : _("New Customer"),
                         customer != NULL ? _("_Save") : _("_Add"), "customer-form", save_customer);
  const char *kind_labels[] = { pw_leasing_label ("company"), pw_leasing_label ("person"), NULL };
  g_autofree char *tags = tags_text (row_string (customer, "tags"));
  GtkWidget *uscc;

  if (customer != NULL)
    {
      form->id = g_strdup (pw_row_string (customer, "id"));
      form->version = json_object_get_int_member (customer, "version");
    }
  form_add_entry (form, "name", _("Name"), row_string (customer, "name"));
  form_add_combo (form, "kind", _("Kind"), kinds, kind_labels, row_string (customer, "kind"));
  uscc = form_add_entry (form, "uscc", _("Unified social credit code"), row_string (customer, "uscc"));
  form_add_hint (form, "uscc-check");
  form_add_entry (form, "industry", _("Industry"), row_string (customer, "industry"));
  form_add_entry (form, "tags", _("Tags, separated by commas"), tags);
  /* Translators: a customer whose risk nobody has assessed */
  form_add_words (form, "risk_level", _("Risk level"), risks, C_("risk", "Not assessed"),
                  row_string (customer, "risk_level"));
  form_add_entry (form, "notes", _("Notes"), row_string (customer, "notes"));
  g_signal_connect_swapped (uscc, "changed", G_CALLBACK (uscc_changed_cb), form);
  uscc_changed_cb (form);
  form_present (form);
}

static void
add_customer_clicked_cb (PwCustomersPage *self)
{
  if (park (self) != NULL)
    open_customer_form (self, NULL);
}

static void
edit_customer_clicked_cb (PwCustomersPage *self)
{
  JsonObject *customer = selected_customer (self);

  if (customer != NULL)
    open_customer_form (self, customer);
}

/* Contacts */

static gboolean
save_contact (PwCustomersPage  *self,
              Form             *form,
              GError          **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *name = form_text (form, "name");
  g_autofree char *role = form_text (form, "role");
  g_autofree char *phone = form_text (form, "phone");
  g_autofree char *email = form_text (form, "email");
  g_autofree char *id = NULL;

  set_text_member (fields, "name", name);
  set_text_member (fields, "role", role);
  set_text_member (fields, "phone", phone);
  set_text_member (fields, "email", email);
  if (form->id == NULL)
    {
      id = pw_contact_add (self->watch.store, form->owner_id, fields, error);
      if (id == NULL)
        return FALSE;
    }
  else if (!pw_contact_update (self->watch.store, form->id, form->version, fields, error))
    return FALSE;
  load (self);
  show_toast (self, form->id == NULL ? _("Contact added") : _("Contact saved"));
  return TRUE;
}

static void
open_contact_form (PwCustomersPage *self,
                   const char      *customer_id,
                   JsonObject      *contact)
{
  Form *form = form_new (self, contact != NULL ? _("Edit Contact") : _("New Contact"),
                         contact != NULL ? _("_Save") : _("_Add"), "contact-form", save_contact);

  form->owner_id = g_strdup (customer_id);
  if (contact != NULL)
    {
      form->id = g_strdup (pw_row_string (contact, "id"));
      form->version = json_object_get_int_member (contact, "version");
    }
  form_add_entry (form, "name", _("Name"), row_string (contact, "name"));
  form_add_entry (form, "role", _("Role"), row_string (contact, "role"));
  form_add_entry (form, "phone", _("Phone"), row_string (contact, "phone"));
  form_add_entry (form, "email", _("Email"), row_string (contact, "email"));
  form_present (form);
}

static void
add_contact_clicked_cb (PwCustomersPage *self)
{
  JsonObject *customer = selected_customer (self);

  if (customer != NULL)
    open_contact_form (self, pw_row_string (customer, "id"), NULL);
}

static void
edit_contact_clicked_cb (GtkWidget *row)
{
  PwCustomersPage *self = g_object_get_data (G_OBJECT (row), "pw-page");
  JsonObject *contact = g_object_get_data (G_OBJECT (row), "pw-record");

  open_contact_form (self, pw_row_string (contact, "customer_id"), contact);
}

static void
remove_contact_response_cb (PwCustomersPage *self,
                            const char      *response,
                            AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  const char *id = g_object_get_data (G_OBJECT (dialog), "pw-id");
  gint64 version = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "pw-version"));

  if (!g_str_equal (response, "remove"))
    return;
  if (!pw_contact_remove (self->watch.store, id, version, &error))
    {
      show_toast (self, error->message);
      return;
    }
  load (self);
  show_toast (self, _("Contact removed"));
}

static void
remove_contact_clicked_cb (GtkWidget *row)
{
  PwCustomersPage *self = g_object_get_data (G_OBJECT (row), "pw-page");
  JsonObject *contact = g_object_get_data (G_OBJECT (row), "pw-record");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  /* Translators: %s is a contact's name */
  g_autofree char *heading = g_strdup_printf (_("Remove %s?"), pw_row_string (contact, "name"));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                              _("The contact is removed from the customer; the change is kept in the audit log."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "pw-id", g_strdup (pw_row_string (contact, "id")), g_free);
  g_object_set_data (G_OBJECT (dialog), "pw-version",
                     GSIZE_TO_POINTER ((gsize) json_object_get_int_member (contact, "version")));
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_contact_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Customers: the detail */

static void
update_customer_detail (PwCustomersPage *self)
{
  JsonObject *customer = selected_customer (self);
  JsonArray *contacts;
  g_autofree char *tags = NULL;
  const char *uscc;

  remove_rows_of (self, GTK_WIDGET (self->contacts_group));
  gtk_stack_set_visible_child_name (self->customer_detail_stack, customer != NULL ? "record" : "empty");
  pw_customer_leases_show (self->customer_leases, self->watch.store,
                           customer != NULL ? pw_row_string (customer, "id") : NULL);
  if (customer == NULL)
    return;

  gtk_label_set_text (self->customer_name_label, pw_row_string (customer, "name"));
  set_info (self->kind_info_row, pw_leasing_label (pw_row_string (customer, "kind")));
  uscc = pw_row_string (customer, "uscc");
  if (uscc != NULL)
    {
      g_autofree char *reason = NULL;

      if (pw_uscc_check (uscc, NULL, &reason) != PW_USCC_VALID)
        {
          /* Translators: a customer's code, then why it does not pass its check */
          g_autofree char *text = g_strdup_printf (_("%s (%s)"), uscc, reason);

          set_info (self->uscc_info_row, text);
        }
      else
        set_info (self->uscc_info_row, uscc);
    }
  else
    set_info (self->uscc_info_row, NULL);
  set_info (self->industry_info_row, pw_row_string (customer, "industry"));
  set_info (self->risk_info_row, pw_row_string (customer, "risk_level")
                                   ? pw_leasing_label (pw_row_string (customer, "risk_level"))
                                   : C_("risk", "Not assessed"));
  tags = tags_text (pw_row_string (customer, "tags"));
  set_info (self->tags_info_row, tags);
  set_info (self->notes_info_row, pw_row_string (customer, "notes"));

  contacts = json_object_get_array_member (customer, "contacts");
  for (guint i = 0; contacts != NULL && i < json_array_get_length (contacts); i++)
    {
      JsonObject *contact = json_array_get_object_element (contacts, i);
      g_autoptr(GPtrArray) parts = g_ptr_array_new ();
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      for (guint k = 0; k < 3; k++)
        {
          static const char *const members[] = { "role", "phone", "email" };
          const char *value = pw_row_string (contact, members[k]);

          if (value != NULL && value[0] != '\0')
            g_ptr_array_add (parts, (gpointer) value);
        }
      g_ptr_array_add (parts, NULL);
      subtitle = g_strjoinv (" · ", (char **) parts->pdata);
      row = add_row_to (self, GTK_WIDGET (self->contacts_group), pw_row_string (contact, "name"), subtitle);
      gtk_widget_set_name (row, pw_row_string (contact, "id"));
      g_object_set_data (G_OBJECT (row), "pw-page", self);
      g_object_set_data_full (G_OBJECT (row), "pw-record", json_object_ref (contact),
                              (GDestroyNotify) json_object_unref);
      add_suffix_button (row, "document-edit-symbolic", _("Edit Contact"),
                         G_CALLBACK (edit_contact_clicked_cb), row);
      add_suffix_button (row, "user-trash-symbolic", _("Remove Contact"),
                         G_CALLBACK (remove_contact_clicked_cb), row);
    }
  if (contacts == NULL || json_array_get_length (contacts) == 0)
    add_row_to (self, GTK_WIDGET (self->contacts_group), _("No contacts yet"), NULL);
}

/* Prospects: the forms */

static gboolean
save_prospect (PwCustomersPage  *self,
               Form             *form,
               GError          **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *name = form_text (form, "name");
  g_autofree char *source = form_text (form, "source");
  g_autofree char *agent = form_text (form, "agent");
  g_autofree char *notes = form_text (form, "notes");
  g_autofree char *id = NULL;

  set_text_member (fields, "name", name);
  set_word_member (fields, "customer_id", form_choice (form, "customer_id"));
  set_text_member (fields, "source", source);
  set_word_member (fields, "stage", form_choice (form, "stage"));
  set_text_member (fields, "agent", agent);
  set_text_member (fields, "notes", notes);
  if (form->id == NULL)
    {
      id = pw_prospect_add (self->watch.store, park (self), fields, error);
      if (id == NULL)
        return FALSE;
    }
  else
    {
      if (!pw_prospect_update (self->watch.store, form->id, form->version, fields, error))
        return FALSE;
      id = g_strdup (form->id);
    }
  load (self);
  pw_customers_page_select_prospect (self, id);
  show_toast (self, form->id == NULL ? _("Prospect added") : _("Prospect saved"));
  return TRUE;
}

static void
open_prospect_form (PwCustomersPage *self,
                    JsonObject      *prospect)
{
  Form *form = form_new (self, prospect != NULL ? _("Edit Prospect") : _("New Prospect"),
                         prospect != NULL ? _("_Save") : _("_Add"), "prospect-form", save_prospect);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->customer_store));

  if (prospect != NULL)
    {
      form->id = g_strdup (pw_row_string (prospect, "id"));
      form->version = json_object_get_int_member (prospect, "version");
    }
  g_ptr_array_add (ids, g_strdup (""));
  /* Translators: a prospect not yet linked to a customer */
  g_ptr_array_add (names, g_strdup (C_("customer", "None yet")));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwJsonItem) item = g_list_model_get_item (G_LIST_MODEL (self->customer_store), i);

      g_ptr_array_add (ids, g_strdup (pw_json_item_get_id (item)));
      g_ptr_array_add (names, g_strdup (pw_json_item_get_string (item, "name")));
    }
  g_ptr_array_add (ids, NULL);
  g_ptr_array_add (names, NULL);

  form_add_entry (form, "name", _("Name"), row_string (prospect, "name"));
  form_add_combo (form, "customer_id", _("Customer"), (const char *const *) ids->pdata,
                  (const char *const *) names->pdata, row_string (prospect, "customer_id"));
  form_add_words (form, "stage", _("Stage"), stages, NULL,
                  prospect != NULL ? row_string (prospect, "stage") : "lead");
  form_add_entry (form, "agent", _("Agent"),
                  prospect != NULL ? row_string (prospect, "agent") : pw_store_get_actor (self->watch.store));
  form_add_entry (form, "source", _("Source"), row_string (prospect, "source"));
  form_add_entry (form, "notes", _("Notes"), row_string (prospect, "notes"));
  form_present (form);
}

static void
add_prospect_clicked_cb (PwCustomersPage *self)
{
  if (park (self) != NULL)
    open_prospect_form (self, NULL);
}

static void
edit_prospect_clicked_cb (PwCustomersPage *self)
{
  JsonObject *prospect = selected_prospect (self);

  if (prospect != NULL)
    open_prospect_form (self, prospect);
}

static gboolean
save_viewing (PwCustomersPage  *self,
              Form             *form,
              GError          **error)
{
  g_autofree char *date = form_text (form, "date");
  g_autofree char *agent = form_text (form, "agent");
  g_autofree char *codes = form_text (form, "spaces");
  g_autofree char *notes = form_text (form, "notes");
  g_auto(GStrv) ids = space_ids_from_codes (self, codes, "spaces", error);
  g_autofree char *id = NULL;

  if (ids == NULL)
    return FALSE;
  id = pw_viewing_add (self->watch.store, form->owner_id, date, agent, (const char *const *) ids, notes,
                       error);
  if (id == NULL)
    return FALSE;
  load (self);
  show_toast (self, _("Viewing recorded"));
  return TRUE;
}

static void
add_viewing_clicked_cb (PwCustomersPage *self)
{
  JsonObject *prospect = selected_prospect (self);
  g_autofree char *today = today_text ();
  Form *form;

  if (prospect == NULL)
    return;
  form = form_new (self, _("New Viewing"), _("_Add"), "viewing-form", save_viewing);
  form->owner_id = g_strdup (pw_row_string (prospect, "id"));
  form_add_entry (form, "date", _("Date (YYYY-MM-DD)"), today);
  form_add_entry (form, "agent", _("Agent"), pw_row_string (prospect, "agent"));
  form_add_entry (form, "spaces", _("Spaces viewed, by code"), NULL);
  form_add_entry (form, "notes", _("Notes"), NULL);
  form_present (form);
}

/* The discount the quote form's rents give, as the quote will record it. */
static void
quote_rents_changed_cb (Form *form)
{
  PwCustomersPage *self = form->page;
  g_autofree char *unit = form_text (form, "unit_rent");
  g_autofree char *list = form_text (form, "list_price");
  g_autofree char *discount = NULL;
  g_autoptr(GError) error = NULL;
  gint64 unit_value, floor_value;

  if (unit[0] == '\0' || list[0] == '\0')
    {
      form_set_hint (form, NULL, FALSE);
      return;
    }
  discount = pw_quote_compute_discount (unit, list, &error);
  if (discount == NULL)
    {
      form_set_hint (form, NULL, FALSE);
      return;
    }
  if (self->floor_price != NULL
      && pw_leasing_decimal_parse (unit, "unit_rent", &unit_value, NULL)
      && pw_leasing_decimal_parse (self->floor_price, "floor_price", &floor_value, NULL)
      && unit_value < floor_value)
    {
      /* Translators: a quote's discount in percent, then the park's floor price */
      g_autofree char *text = g_strdup_printf (_("Discount %s %% — below the park’s floor price of %s"),
                                               discount, self->floor_price);

      form_set_hint (form, text, TRUE);
    }
  else
    {
      /* Translators: a quote's discount in percent against the list price */
      g_autofree char *text = g_strdup_printf (_("Discount %s %%"), discount);

      form_set_hint (form, text, FALSE);
    }
}

static gboolean
save_quote (PwCustomersPage  *self,
            Form             *form,
            GError          **error)
{
  g_autofree char *codes = form_text (form, "spaces");
  g_autofree char *unit = form_text (form, "unit_rent");
  g_autofree char *list = form_text (form, "list_price");
  g_auto(GStrv) ids = space_ids_from_codes (self, codes, "spaces", error);
  g_autofree char *id = NULL;

  if (ids == NULL)
    return FALSE;
  if (ids[0] == NULL)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "spaces", "%s",
                               _("name at least one space"));
  if (form->id == NULL)
    {
      id = pw_quote_add (self->watch.store, form->owner_id, (const char *const *) ids, unit,
                         form_int (form, "rent_free_months"), form_int (form, "term_months"), list, error);
      if (id == NULL)
        return FALSE;
    }
  else
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *spaces = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; ids[i] != NULL; i++)
        json_builder_add_string_value (builder, ids[i]);
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      spaces = json_to_string (root, FALSE);
      set_text_member (fields, "spaces", spaces);
      set_text_member (fields, "unit_rent", unit);
      set_text_member (fields, "list_price", list);
      json_object_set_int_member (fields, "rent_free_months", form_int (form, "rent_free_months"));
      json_object_set_int_member (fields, "term_months", form_int (form, "term_months"));
      if (!pw_quote_update (self->watch.store, form->id, form->version, fields, error))
        return FALSE;
      id = g_strdup (form->id);
    }
  load (self);
  pw_customers_page_select_quote (self, id);
  show_toast (self, form->id == NULL ? _("Quote added as a draft") : _("Draft quote saved"));
  return TRUE;
}

/* The quote form, for a new quote of @prospect or to change the draft @quote. */
static void
open_quote_form (PwCustomersPage *self,
                 JsonObject      *prospect,
                 JsonObject      *quote)
{
  g_autoptr(GPtrArray) viewings = NULL;
  g_autofree char *spaces = NULL;
  GtkWidget *unit, *list;
  Form *form;

  if (quote != NULL)
    spaces = space_codes_text (self, pw_row_string (quote, "spaces"));
  else
    {
      /* the spaces of the latest viewing are the likeliest to be quoted */
      viewings = pw_viewing_list (self->watch.store, pw_row_string (prospect, "id"), NULL);
      if (viewings != NULL && viewings->len > 0)
        spaces = space_codes_text (self, pw_row_string (g_ptr_array_index (viewings, 0), "spaces"));
    }

  form = form_new (self, quote != NULL ? _("Edit Draft Quote") : _("New Quote"),
                   quote != NULL ? _("_Save") : _("_Add"), "quote-form", save_quote);
  form->owner_id = g_strdup (pw_row_string (prospect, "id"));
  if (quote != NULL)
    {
      form->id = g_strdup (pw_row_string (quote, "id"));
      form->version = json_object_get_int_member (quote, "version");
    }
  form_add_entry (form, "spaces", _("Spaces, by code"), spaces);
  unit = form_add_entry (form, "unit_rent", _("Unit rent per m² per month"), row_string (quote, "unit_rent"));
  list = form_add_entry (form, "list_price", _("List price per m² per month"),
                         quote != NULL ? row_string (quote, "list_price") : self->list_price);
  form_add_hint (form, "discount");
  form_add_spin (form, "rent_free_months", _("Rent-free months"), 0, 600,
                 quote != NULL ? (double) json_object_get_int_member (quote, "rent_free_months") : 0);
  form_add_spin (form, "term_months", _("Term in months"), 1, 600,
                 quote != NULL ? (double) json_object_get_int_member (quote, "term_months") : 36);
  g_signal_connect_swapped (unit, "changed", G_CALLBACK (quote_rents_changed_cb), form);
  g_signal_connect_swapped (list, "changed", G_CALLBACK (quote_rents_changed_cb), form);
  quote_rents_changed_cb (form);
  form_present (form);
}

static void
add_quote_clicked_cb (PwCustomersPage *self)
{
  JsonObject *prospect = selected_prospect (self);

  if (prospect != NULL)
    open_quote_form (self, prospect, NULL);
}

static void
edit_quote_clicked_cb (PwCustomersPage *self)
{
  JsonObject *prospect = selected_prospect (self);
  JsonObject *quote = selected_quote (self);

  if (prospect != NULL && quote != NULL)
    open_quote_form (self, prospect, quote);
}

/* Prospects: the detail */

static char *
quote_terms_text (PwCustomersPage *self,
                  JsonObject      *quote)
{
  g_autofree char *spaces = space_codes_text (self, pw_row_string (quote, "spaces"));
  gint64 term = json_object_get_int_member (quote, "term_months");
  gint64 free_months = json_object_get_int_member (quote, "rent_free_months");
  g_autofree char *term_text = g_strdup_printf (ngettext ("%u month", "%u months", (gulong) term),
                                                (guint) term);
  g_autofree char *free_text = g_strdup_printf (ngettext ("%u month rent-free", "%u months rent-free",
                                                          (gulong) free_months), (guint) free_months);

  /* Translators: a quote: its spaces, unit rent per m² per month, term, rent-free months */
  return g_strdup_printf (_("%s · %s per m² per month · %s · %s"), spaces,
                          pw_row_string (quote, "unit_rent"), term_text, free_text);
}

static char *
quote_discount_text (JsonObject *quote)
{
  /* Translators: a quote's discount in percent, then the list price it is against */
  return g_strdup_printf (_("%s %% off the list price of %s"), pw_row_string (quote, "discount_pct"),
                          pw_row_string (quote, "list_price"));
}

static void
update_prospect_detail (PwCustomersPage *self)
{
  JsonObject *prospect = selected_prospect (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) viewings = NULL;
  const char *keep = self->quote_id;
  g_autofree char *kept = g_strdup (keep);

  remove_rows_of (self, GTK_WIDGET (self->viewings_group));
  remove_rows_of (self, GTK_WIDGET (self->quotes_group));
  self->filling_quotes = TRUE;
  remove_rows_of (self, GTK_WIDGET (self->quote_list));
  self->filling_quotes = FALSE;
  g_clear_pointer (&self->quotes, g_ptr_array_unref);
  gtk_stack_set_visible_child_name (self->prospect_detail_stack, prospect != NULL ? "record" : "empty");
  if (prospect == NULL)
    {
      g_clear_pointer (&self->quote_id, g_free);
      update_quote_detail (self);
      return;
    }

  gtk_label_set_text (self->prospect_name_label, pw_row_string (prospect, "name"));
  set_pill (GTK_WIDGET (self->prospect_stage_label), pw_row_string (prospect, "stage"));
  set_info (self->prospect_customer_row, pw_row_string (prospect, "customer_name"));
  set_info (self->prospect_agent_row, pw_row_string (prospect, "agent"));
  set_info (self->prospect_source_row, pw_row_string (prospect, "source"));
  set_info (self->prospect_notes_row, pw_row_string (prospect, "notes"));

  viewings = pw_viewing_list (self->watch.store, pw_row_string (prospect, "id"), &error);
  if (viewings == NULL)
    show_toast (self, error->message);
  for (guint i = 0; viewings != NULL && i < viewings->len; i++)
    {
      JsonObject *viewing = g_ptr_array_index (viewings, i);
      g_autofree char *spaces = space_codes_text (self, pw_row_string (viewing, "spaces"));
      /* Translators: a viewing: its date and agent */
      g_autofree char *title = g_strdup_printf (_("%s · %s"), pw_row_string (viewing, "date"),
                                                or_dash (pw_row_string (viewing, "agent")));
      const char *notes = pw_row_string (viewing, "notes");
      g_autofree char *subtitle = notes != NULL && notes[0] != '\0'
                                    /* Translators: the spaces a viewing showed, then its notes */
                                    ? g_strdup_printf (_("%s — %s"), or_dash (spaces), notes)
                                    : g_strdup (or_dash (spaces));

      add_row_to (self, GTK_WIDGET (self->viewings_group), title, subtitle);
    }
  if (viewings != NULL && viewings->len == 0)
    add_row_to (self, GTK_WIDGET (self->viewings_group), _("No viewings yet"), NULL);

  self->quotes = pw_quote_list (self->watch.store, pw_row_string (prospect, "id"), &error);
  if (self->quotes == NULL)
    show_toast (self, error->message);
  g_clear_pointer (&self->quote_id, g_free);
  for (guint i = 0; self->quotes != NULL && i < self->quotes->len; i++)
    {
      JsonObject *quote = g_ptr_array_index (self->quotes, i);
      g_autofree char *terms = quote_terms_text (self, quote);
      g_autofree char *discount = quote_discount_text (quote);
      GtkWidget *row = add_row_to (self, GTK_WIDGET (self->quote_list), terms, discount);
      GtkWidget *pill = gtk_label_new (NULL);

      set_pill (pill, pw_row_string (quote, "status"));
      gtk_widget_set_name (row, pw_row_string (quote, "id"));
      gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (pill, "status-pill");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), pill);
      g_object_set_data_full (G_OBJECT (row), "pw-id", g_strdup (pw_row_string (quote, "id")), g_free);
      if (kept != NULL && g_str_equal (kept, pw_row_string (quote, "id")))
        {
          self->quote_id = g_strdup (kept);
          gtk_list_box_select_row (self->quote_list, GTK_LIST_BOX_ROW (row));
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->quote_list), self->quotes != NULL && self->quotes->len > 0);
  if (self->quotes != NULL && self->quotes->len == 0)
    add_row_to (self, GTK_WIDGET (self->quotes_group), _("No quotes yet"), NULL);
  update_quote_detail (self);
}

static void
quote_selected_cb (PwCustomersPage *self,
                   GtkListBoxRow   *row)
{
  const char *id = row != NULL ? g_object_get_data (G_OBJECT (row), "pw-id") : NULL;

  if (self->reloading || self->filling_quotes || g_strcmp0 (id, self->quote_id) == 0)
    return;
  g_free (self->quote_id);
  self->quote_id = g_strdup (id);
  gtk_editable_set_text (GTK_EDITABLE (self->approval_comment_row), "");
  update_quote_detail (self);
}

/* Quotes and approvals */

/* The roles in @rows (of approvals or needs), joined for a sentence. */
static char *
roles_text (GPtrArray  *rows,
            const char *only_decision)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      JsonObject *row = g_ptr_array_index (rows, i);

      if (only_decision != NULL && g_strcmp0 (pw_row_string (row, "decision"), only_decision) != 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, pw_leasing_label (pw_row_string (row, "approver_role")));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_quote_message (PwCustomersPage *self,
                   const char      *message)
{
  gtk_label_set_text (self->quote_message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->quote_message_label), message != NULL);
}

/* The contracts drafted from @quote, and a way to the latest. */
static void
update_quote_leases (PwCustomersPage *self,
                     JsonObject      *quote)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contracts = pw_quote_list_contracts (self->watch.store, pw_row_string (quote, "id"), &error);
  g_autoptr(GString) text = g_string_new (NULL);
  const char *latest = NULL;

  for (guint i = 0; contracts != NULL && i < contracts->len; i++)
    {
      JsonObject *contract = g_ptr_array_index (contracts, i);
      int status = pw_contract_status_from_string (pw_row_string (contract, "status"));

      if (text->len > 0)
        g_string_append (text, ", ");
      /* Translators: a contract's code and its status */
      g_string_append_printf (text, _("%s (%s)"), pw_row_string (contract, "code"),
                              status >= 0 ? pw_contract_status_get_label (status) : pw_row_string (contract, "status"));
      latest = pw_row_string (contract, "id");
    }
  if (contracts == NULL)
    g_string_append (text, error->message);
  set_info (self->quote_lease_row, text->len > 0 ? text->str : C_("lease", "None yet"));
  g_object_set_data_full (G_OBJECT (self->show_lease_button), "pw-id", g_strdup (latest), g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->show_lease_button), latest != NULL);
}

static void
show_lease_clicked_cb (PwCustomersPage *self,
                       GtkButton       *button)
{
  const char *id = g_object_get_data (G_OBJECT (button), "pw-id");

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-contract", "s", id);
}

static char *lease_blocker (PwCustomersPage *self, JsonObject *quote);

static void
update_quote_detail (PwCustomersPage *self)
{
  JsonObject *quote = selected_quote (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *terms = NULL, *discount = NULL;
  const char *status;
  gboolean draft, submitted;

  remove_rows_of (self, GTK_WIDGET (self->approvals_group));
  set_quote_message (self, NULL);
  pw_ui_show_field_error (GTK_WIDGET (self->approval_comment_row), self->approval_comment_error_row, NULL);
  gtk_widget_set_visible (self->quote_detail_box, quote != NULL);
  if (quote == NULL)
    return;

  status = pw_row_string (quote, "status");
  draft = g_strcmp0 (status, "draft") == 0;
  submitted = g_strcmp0 (status, "submitted") == 0;
  set_info (self->quote_status_row, pw_leasing_label (status));
  terms = quote_terms_text (self, quote);
  set_info (self->quote_terms_row, terms);
  discount = quote_discount_text (quote);
  set_info (self->quote_discount_row, discount);

  update_quote_leases (self, quote);

  if (draft)
    {
      rows = pw_quote_required_approvals (self->watch.store, pw_row_string (quote, "id"), &error);
      for (guint i = 0; rows != NULL && i < rows->len; i++)
        {
          JsonObject *need = g_ptr_array_index (rows, i);
          /* Translators: an approver role and the level it decides at */
          g_autofree char *title = g_strdup_printf (_("%s · level %d"),
                                                    pw_leasing_label (pw_row_string (need, "approver_role")),
                                                    (int) json_object_get_int_member (need, "level"));

          add_row_to (self, GTK_WIDGET (self->approvals_group), title,
                      _("Will be asked when the quote is submitted"));
        }
      if (rows != NULL && rows->len == 0)
        add_row_to (self, GTK_WIDGET (self->approvals_group),
                    _("No approval needed under the park’s rules"), NULL);
    }
  else
    {
      rows = pw_quote_list_approvals (self->watch.store, pw_row_string (quote, "id"), &error);
      for (guint i = 0; rows != NULL && i < rows->len; i++)
        {
          JsonObject *approval = g_ptr_array_index (rows, i);
          const char *decision = pw_row_string (approval, "decision");
          /* Translators: an approver role and the level it decides at */
          g_autofree char *title = g_strdup_printf (_("%s · level %d"),
                                                    pw_leasing_label (pw_row_string (approval, "approver_role")),
                                                    (int) json_object_get_int_member (approval, "level"));
          g_autofree char *subtitle = NULL;
          const char *comment = pw_row_string (approval, "comment");
          g_autofree char *when = format_instant (pw_row_string (approval, "decided_at"));
          GtkWidget *row, *pill;

          if (g_strcmp0 (decision, "pending") == 0)
            subtitle = g_strdup (_("Awaiting a decision"));
          else if (comment != NULL && comment[0] != '\0')
            /* Translators: who decided an approval, when, and their comment */
            subtitle = g_strdup_printf (_("By %s at %s — %s"), or_dash (pw_row_string (approval, "actor")),
                                        when, comment);
          else
            /* Translators: who decided an approval and when */
            subtitle = g_strdup_printf (_("By %s at %s"), or_dash (pw_row_string (approval, "actor")), when);
          row = add_row_to (self, GTK_WIDGET (self->approvals_group), title, subtitle);
          gtk_widget_set_name (row, pw_row_string (approval, "id"));
          pill = gtk_label_new (NULL);
          set_pill (pill, decision);
          gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (pill, "status-pill");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), pill);
        }
      if (rows != NULL && rows->len == 0)
        add_row_to (self, GTK_WIDGET (self->approvals_group),
                    _("Approved when submitted: no rule asked for approval"), NULL);
    }
  if (rows == NULL)
    set_quote_message (self, error->message);

  gtk_widget_set_visible (GTK_WIDGET (self->submit_quote_button), draft);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_quote_button), draft);
  gtk_widget_set_visible (GTK_WIDGET (self->approve_button), submitted);
  gtk_widget_set_visible (GTK_WIDGET (self->reject_button), submitted);
  gtk_widget_set_visible (GTK_WIDGET (self->comment_list), submitted);
  /* a lease is made from an approved quote only: core's rule, with the reason why not */
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_lease_button), pw_quote_can_lease (quote));
  {
    g_autofree char *blocker = pw_quote_can_lease (quote) ? NULL : lease_blocker (self, quote);

    gtk_widget_set_tooltip_text (GTK_WIDGET (self->create_lease_button), blocker);
  }
}

static void
submit_quote_clicked_cb (PwCustomersPage *self)
{
  JsonObject *quote = selected_quote (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint n = 0;

  if (quote == NULL)
    return;
  id = g_strdup (pw_row_string (quote, "id"));
  if (!pw_quote_submit (self->watch.store, id, &n, &error))
    {
      set_quote_message (self, error->message);
      show_toast (self, error->message);
      return;
    }
  load (self);
  pw_customers_page_select_quote (self, id);
  if (n == 0)
    show_toast (self, _("Quote approved: no rule asks for approval"));
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("Quote submitted; %u approval asked for",
                                                         "Quote submitted; %u approvals asked for", n), n);

      show_toast (self, text);
    }
}

static void
decide_clicked_cb (PwCustomersPage *self,
                   GtkButton       *button)
{
  JsonObject *quote = selected_quote (self);
  gboolean approve = button == self->approve_button;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *comment = NULL;

  if (quote == NULL)
    return;
  id = g_strdup (pw_row_string (quote, "id"));
  comment = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->approval_comment_row))));
  if (!pw_quote_decide (self->watch.store, id, NULL, approve, comment, &error))
    {
      const char *reason = field_reason (error, "comment");

      if (reason != NULL)
        pw_ui_show_field_error (GTK_WIDGET (self->approval_comment_row), self->approval_comment_error_row,
                                reason);
      else
        set_quote_message (self, error->message);
      show_toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->approval_comment_row), "");
  load (self);
  pw_customers_page_select_quote (self, id);
  show_toast (self, approve ? _("Approval given") : _("Quote rejected"));
}

/* Why a lease cannot be made from @quote yet, or NULL when it can. */
static char *
lease_blocker (PwCustomersPage *self,
               JsonObject      *quote)
{
  const char *status = pw_row_string (quote, "status");
  const char *id = pw_row_string (quote, "id");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *roles = NULL;

  if (g_strcmp0 (status, "approved") == 0)
    return NULL;
  if (g_strcmp0 (status, "rejected") == 0)
    return g_strdup (_("This quote was rejected; make a new quote to lease these spaces."));
  if (g_strcmp0 (status, "draft") == 0)
    {
      rows = pw_quote_required_approvals (self->watch.store, id, &error);
      if (rows == NULL)
        return g_strdup (error->message);
      if (rows->len == 0)
        return g_strdup (_("Submit this quote first; under the park’s rules it needs no approval."));
      roles = roles_text (rows, NULL);
      /* Translators: %s lists approver roles such as "Asset manager, General manager" */
      return g_strdup_printf (_("This quote needs approval by %s before a lease can be made from it; submit it for approval first."),
                              roles);
    }
  rows = pw_quote_list_approvals (self->watch.store, id, &error);
  if (rows == NULL)
    return g_strdup (error->message);
  roles = roles_text (rows, "pending");
  /* Translators: %s lists approver roles such as "Asset manager" */
  return g_strdup_printf (_("This quote still needs approval by %s before a lease can be made from it."),
                          roles);
}

static void
create_lease_clicked_cb (PwCustomersPage *self)
{
  JsonObject *quote = selected_quote (self);
  g_autofree char *blocker = NULL;
  g_auto(GStrv) space_ids = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PwLeaseDialog *dialog;

  if (quote == NULL)
    return;
  blocker = lease_blocker (self, quote);
  if (blocker != NULL)
    {
      set_quote_message (self, blocker);
      show_toast (self, blocker);
      return;
    }
  space_ids = json_list_items (pw_row_string (quote, "spaces"));
  dialog = pw_lease_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->watch.store,
                                park (self), (const char *const *) space_ids);
  if (!pw_lease_dialog_set_quote (dialog, pw_row_string (quote, "id"), &error))
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      show_toast (self, error->message);
      return;
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Price policy */

static void
save_prices_clicked_cb (PwCustomersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *list = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->list_price_row))));
  g_autofree char *floor = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->floor_price_row))));
  const char *reason;

  pw_ui_show_field_error (GTK_WIDGET (self->list_price_row), self->list_price_error_row, NULL);
  pw_ui_show_field_error (GTK_WIDGET (self->floor_price_row), self->floor_price_error_row, NULL);
  if (park (self) == NULL)
    return;
  if (!pw_park_set_prices (self->watch.store, park (self), list, floor, &error))
    {
      if ((reason = field_reason (error, "list_price")) != NULL)
        pw_ui_show_field_error (GTK_WIDGET (self->list_price_row), self->list_price_error_row, reason);
      else if ((reason = field_reason (error, "floor_price")) != NULL)
        pw_ui_show_field_error (GTK_WIDGET (self->floor_price_row), self->floor_price_error_row, reason);
      show_toast (self, error->message);
      return;
    }
  load (self);
  show_toast (self, _("Park prices saved"));
}

static gboolean
save_rule (PwCustomersPage  *self,
           Form             *form,
           GError          **error)
{
  g_autofree char *threshold = form_text (form, "threshold");
  g_autofree char *id = NULL;

  if (form->id == NULL)
    {
      id = pw_approval_rule_add (self->watch.store, park (self), form_choice (form, "metric"), threshold,
                                 form_choice (form, "approver_role"), form_int (form, "level"), error);
      if (id == NULL)
        return FALSE;
    }
  else
    {
      g_autoptr(JsonObject) fields = json_object_new ();

      set_word_member (fields, "metric", form_choice (form, "metric"));
      set_text_member (fields, "threshold", threshold);
      set_word_member (fields, "approver_role", form_choice (form, "approver_role"));
      json_object_set_int_member (fields, "level", form_int (form, "level"));
      if (!pw_approval_rule_update (self->watch.store, form->id, form->version, fields, error))
        return FALSE;
    }
  load (self);
  show_toast (self, form->id == NULL ? _("Approval rule added") : _("Approval rule saved"));
  return TRUE;
}

static void
open_rule_form (PwCustomersPage *self,
                JsonObject      *rule)
{
  Form *form = form_new (self, rule != NULL ? _("Edit Approval Rule") : _("New Approval Rule"),
                         rule != NULL ? _("_Save") : _("_Add"), "rule-form", save_rule);

  if (rule != NULL)
    {
      form->id = g_strdup (pw_row_string (rule, "id"));
      form->version = json_object_get_int_member (rule, "version");
    }
  form_add_words (form, "metric", _("When the quote’s"), metrics, NULL, row_string (rule, "metric"));
  form_add_entry (form, "threshold", _("Is above"), row_string (rule, "threshold"));
  form_add_words (form, "approver_role", _("It needs the approval of"), roles, NULL,
                  row_string (rule, "approver_role"));
  form_add_spin (form, "level", _("At level (lower levels decide first)"), 1, 99,
                 rule != NULL ? (double) json_object_get_int_member (rule, "level") : 1);
  form_present (form);
}

static void
add_rule_clicked_cb (PwCustomersPage *self)
{
  if (park (self) != NULL)
    open_rule_form (self, NULL);
}

static void
edit_rule_clicked_cb (GtkWidget *row)
{
  open_rule_form (g_object_get_data (G_OBJECT (row), "pw-page"), g_object_get_data (G_OBJECT (row), "pw-record"));
}

static void
remove_rule_clicked_cb (GtkWidget *row)
{
  PwCustomersPage *self = g_object_get_data (G_OBJECT (row), "pw-page");
  JsonObject *rule = g_object_get_data (G_OBJECT (row), "pw-record");
  g_autoptr(GError) error = NULL;

  if (!pw_approval_rule_remove (self->watch.store, pw_row_string (rule, "id"),
                                json_object_get_int_member (rule, "version"), &error))
    {
      show_toast (self, error->message);
      return;
    }
  load (self);
  show_toast (self, _("Approval rule removed"));
}

static void
load_policy (PwCustomersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) park_row = NULL;
  g_autoptr(GPtrArray) rules = NULL;

  remove_rows_of (self, GTK_WIDGET (self->rules_group));
  g_clear_pointer (&self->list_price, g_free);
  g_clear_pointer (&self->floor_price, g_free);
  if (park (self) == NULL)
    return;
  park_row = pw_store_get_row (self->watch.store, "park", park (self), &error);
  if (park_row != NULL)
    {
      self->list_price = g_strdup (pw_row_string (park_row, "list_price"));
      self->floor_price = g_strdup (pw_row_string (park_row, "floor_price"));
    }
  gtk_editable_set_text (GTK_EDITABLE (self->list_price_row), self->list_price ? self->list_price : "");
  gtk_editable_set_text (GTK_EDITABLE (self->floor_price_row), self->floor_price ? self->floor_price : "");

  rules = pw_approval_rule_list (self->watch.store, park (self), &error);
  if (rules == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  for (guint i = 0; i < rules->len; i++)
    {
      JsonObject *rule = g_ptr_array_index (rules, i);
      /* Translators: an approval rule: a metric such as "Discount (%)" and its threshold */
      g_autofree char *title = g_strdup_printf (_("%s above %s"), pw_leasing_label (pw_row_string (rule, "metric")),
                                                pw_row_string (rule, "threshold"));
      /* Translators: an approver role and the level it decides at */
      g_autofree char *subtitle = g_strdup_printf (_("%s · level %d"),
                                                   pw_leasing_label (pw_row_string (rule, "approver_role")),
                                                   (int) json_object_get_int_member (rule, "level"));
      GtkWidget *row = add_row_to (self, GTK_WIDGET (self->rules_group), title, subtitle);

      gtk_widget_set_name (row, pw_row_string (rule, "id"));
      g_object_set_data (G_OBJECT (row), "pw-page", self);
      g_object_set_data_full (G_OBJECT (row), "pw-record", json_object_ref (rule),
                              (GDestroyNotify) json_object_unref);
      add_suffix_button (row, "document-edit-symbolic", _("Edit Rule"), G_CALLBACK (edit_rule_clicked_cb), row);
      add_suffix_button (row, "user-trash-symbolic", _("Remove Rule"), G_CALLBACK (remove_rule_clicked_cb), row);
    }
  if (rules->len == 0)
    add_row_to (self, GTK_WIDGET (self->rules_group), _("No rules: every quote is approved when submitted"), NULL);
}

/* Lists */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column")) == 0)
    pw_ui_set_named_cell (list_item, label);
  else
    gtk_list_item_set_child (list_item, label);
}

static GtkWidget *
bound_label (GtkListItem *list_item,
             gboolean     named,
             const char  *accessible)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  if (!named)
    return cell;
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return gtk_widget_get_first_child (cell);
}

static void
customer_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  CustomerColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  PwJsonItem *item = gtk_list_item_get_item (list_item);
  const char *risk = pw_json_item_get_string (item, "risk_level");
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;

  switch (column)
    {
    case CUSTOMER_NAME:
      text = g_strdup (pw_json_item_get_string (item, "name"));
      /* Translators: the accessible name of a customer's row: name, kind */
      accessible = g_strdup_printf (_("%s, %s"), text, pw_leasing_label (pw_json_item_get_string (item, "kind")));
      break;
    case CUSTOMER_KIND:
      text = g_strdup (pw_leasing_label (pw_json_item_get_string (item, "kind")));
      break;
    case CUSTOMER_INDUSTRY:
      text = g_strdup (pw_json_item_get_string (item, "industry"));
      break;
    case CUSTOMER_RISK:
      text = g_strdup (risk != NULL ? pw_leasing_label (risk) : NULL);
      break;
    case CUSTOMER_TAGS:
      text = tags_text (pw_json_item_get_string (item, "tags"));
      break;
    case N_CUSTOMER_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (bound_label (list_item, column == CUSTOMER_NAME, accessible)), or_dash (text));
}

static void
prospect_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  ProspectColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  PwJsonItem *item = gtk_list_item_get_item (list_item);
  const char *text = NULL;
  g_autofree char *accessible = NULL;

  switch (column)
    {
    case PROSPECT_NAME:
      text = pw_json_item_get_string (item, "name");
      /* Translators: the accessible name of a prospect's row: name, stage */
      accessible = g_strdup_printf (_("%s, %s"), text, pw_leasing_label (pw_json_item_get_string (item, "stage")));
      break;
    case PROSPECT_CUSTOMER:
      text = pw_json_item_get_string (item, "customer_name");
      break;
    case PROSPECT_STAGE:
      text = pw_leasing_label (pw_json_item_get_string (item, "stage"));
      break;
    case PROSPECT_AGENT:
      text = pw_json_item_get_string (item, "agent");
      break;
    case N_PROSPECT_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (bound_label (list_item, column == PROSPECT_NAME, accessible)), or_dash (text));
}

static void
update_counts (PwCustomersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->customer_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->customer_store));
  g_autofree char *text = NULL;

  if (n == total)
    text = g_strdup_printf (ngettext ("%u customer", "%u customers", n), n);
  else
    /* Translators: the customers a search leaves, e.g. "3 of 20 customers" */
    text = g_strdup_printf (ngettext ("%u of %u customer", "%u of %u customers", total), n, total);
  gtk_label_set_text (self->customer_count_label, text);
  gtk_stack_set_visible_child_name (self->customer_list_stack, n > 0 ? "list" : total == 0 ? "none" : "empty");

  g_clear_pointer (&text, g_free);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->prospect_model));
  total = g_list_model_get_n_items (G_LIST_MODEL (self->prospect_store));
  if (n == total)
    text = g_strdup_printf (ngettext ("%u prospect", "%u prospects", n), n);
  else
    /* Translators: the prospects a search leaves, e.g. "3 of 20 prospects" */
    text = g_strdup_printf (ngettext ("%u of %u prospect", "%u of %u prospects", total), n, total);
  gtk_label_set_text (self->prospect_count_label, text);
  gtk_stack_set_visible_child_name (self->prospect_list_stack, n > 0 ? "list" : total == 0 ? "none" : "empty");
}

static gboolean
customer_filter_cb (gpointer item,
                    gpointer user_data)
{
  PwCustomersPage *self = user_data;

  return pw_ui_item_matches (item, self->customer_needle);
}

static gboolean
prospect_filter_cb (gpointer item,
                    gpointer user_data)
{
  PwCustomersPage *self = user_data;

  return pw_ui_item_matches (item, self->prospect_needle);
}

static void
search_changed_cb (PwCustomersPage *self,
                   GtkSearchEntry  *entry)
{
  gboolean customers = entry == self->customer_search_entry;
  GtkFilterChange change;

  if (!pw_ui_update_needle (customers ? &self->customer_needle : &self->prospect_needle,
                            gtk_editable_get_text (GTK_EDITABLE (entry)), &change))
    return;
  gtk_filter_changed (GTK_FILTER (customers ? self->customer_filter : self->prospect_filter), change);
  update_counts (self);
}

static void
customer_selection_changed_cb (PwCustomersPage *self)
{
  if (!self->reloading)
    update_customer_detail (self);
}

static void
prospect_selection_changed_cb (PwCustomersPage *self)
{
  if (self->reloading)
    return;
  g_clear_pointer (&self->quote_id, g_free);
  update_prospect_detail (self);
}

/* Loading */

static char *
selected_id (GtkSingleSelection *selection)
{
  PwJsonItem *item = gtk_single_selection_get_selected_item (selection);

  return item != NULL ? g_strdup (pw_json_item_get_id (item)) : NULL;
}

static void
fill_store (GListStore *store,
            GPtrArray  *rows,
            gboolean    customers)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      JsonObject *row = g_ptr_array_index (rows, i);
      PwJsonItem *item = pw_json_item_new (row);
      g_autoptr(GString) key = g_string_new (pw_row_string (row, "name"));

      if (customers)
        {
          g_autofree char *tags = tags_text (pw_row_string (row, "tags"));
          JsonArray *contacts = json_object_get_array_member (row, "contacts");

          g_string_append_printf (key, "\n%s\n%s\n%s\n%s", or_dash (pw_row_string (row, "industry")), tags,
                                  or_dash (pw_row_string (row, "uscc")),
                                  pw_leasing_label (pw_row_string (row, "kind")));
          for (guint k = 0; contacts != NULL && k < json_array_get_length (contacts); k++)
            g_string_append_printf (key, "\n%s", pw_row_string (json_array_get_object_element (contacts, k), "name"));
        }
      else
        g_string_append_printf (key, "\n%s\n%s\n%s", or_dash (pw_row_string (row, "customer_name")),
                                pw_leasing_label (pw_row_string (row, "stage")),
                                or_dash (pw_row_string (row, "agent")));
      pw_ui_set_search_key (item, key->str);
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), items->pdata, items->len);
}

static void
load_spaces (PwCustomersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = NULL;

  g_hash_table_remove_all (self->space_codes);
  g_hash_table_remove_all (self->space_ids);
  if (park (self) == NULL)
    return;
  spaces = pw_ledger_load_spaces (self->watch.store, park (self), &error);
  if (spaces == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  for (guint i = 0; i < spaces->len; i++)
    {
      PwSpace *space = g_ptr_array_index (spaces, i);

      g_hash_table_insert (self->space_codes, g_strdup (pw_space_get_id (space)),
                           g_strdup (pw_space_get_code (space)));
      g_hash_table_insert (self->space_ids, g_strdup (pw_space_get_code (space)),
                           g_strdup (pw_space_get_id (space)));
    }
}

static void
load (PwCustomersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) prospects = NULL;
  g_autofree char *customer_id = selected_id (self->customer_selection);
  g_autofree char *prospect_id = selected_id (self->prospect_selection);

  pw_ui_store_watch_cancel (&self->watch);
  self->loaded = TRUE;
  self->stale = FALSE;
  g_clear_pointer (&self->current_park, g_free);
  if (self->watch.store != NULL)
    self->current_park = g_strdup (self->park_id != NULL ? self->park_id
                                                         : pw_ledger_first_park_id (self->watch.store));

  self->reloading = TRUE;
  if (park (self) != NULL)
    {
      customers = pw_customer_list (self->watch.store, park (self), &error);
      if (customers == NULL)
        show_toast (self, error->message);
      g_clear_error (&error);
      prospects = pw_prospect_list (self->watch.store, park (self), &error);
      if (prospects == NULL)
        show_toast (self, error->message);
    }
  load_spaces (self);
  fill_store (self->customer_store, customers, TRUE);
  fill_store (self->prospect_store, prospects, FALSE);
  gtk_single_selection_set_selected (self->customer_selection, GTK_INVALID_LIST_POSITION);
  gtk_single_selection_set_selected (self->prospect_selection, GTK_INVALID_LIST_POSITION);
  if (customer_id != NULL)
    select_in (self->customer_selection, customer_id);
  if (prospect_id != NULL)
    select_in (self->prospect_selection, prospect_id);
  self->reloading = FALSE;

  load_policy (self);
  update_counts (self);
  update_customer_detail (self);
  update_prospect_detail (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->section_stack), park (self) != NULL);
}

static void
reload_cb (gpointer owner)
{
  PwCustomersPage *self = owner;

  /* an open form keeps what it shows; the page catches up when it is seen */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
  else
    self->stale = TRUE;
}

/* Public */

GtkWidget *
pw_customers_page_new (void)
{
  return g_object_new (PW_TYPE_CUSTOMERS_PAGE, NULL);
}

void
pw_customers_page_set_store (PwCustomersPage *self,
                             PwStore         *store)
{
  g_return_if_fail (PW_IS_CUSTOMERS_PAGE (self));
  g_return_if_fail (store == NULL || PW_IS_STORE (store));

  if (!pw_ui_store_watch_set_store (&self->watch, store))
    return;
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

void
pw_customers_page_set_park_id (PwCustomersPage *self,
                               const char      *park_id)
{
  g_return_if_fail (PW_IS_CUSTOMERS_PAGE (self));

  if (g_strcmp0 (self->park_id, park_id) == 0)
    return;
  g_free (self->park_id);
  self->park_id = g_strdup (park_id);
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

void
pw_customers_page_reload (PwCustomersPage *self)
{
  g_return_if_fail (PW_IS_CUSTOMERS_PAGE (self));

  load (self);
}

void
pw_customers_page_focus_search (PwCustomersPage *self)
{
  g_return_if_fail (PW_IS_CUSTOMERS_PAGE (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->section_stack), "prospects") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->prospect_search_entry));
  else
    {
      gtk_stack_set_visible_child_name (self->section_stack, "customers");
      gtk_widget_grab_focus (GTK_WIDGET (self->customer_search_entry));
    }
}

GListModel *
pw_customers_page_get_customers (PwCustomersPage *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMERS_PAGE (self), NULL);

  return G_LIST_MODEL (self->customer_model);
}

GListModel *
pw_customers_page_get_prospects (PwCustomersPage *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMERS_PAGE (self), NULL);

  return G_LIST_MODEL (self->prospect_model);
}

gboolean
pw_customers_page_select_customer (PwCustomersPage *self,
                                   const char      *customer_id)
{
  g_return_val_if_fail (PW_IS_CUSTOMERS_PAGE (self), FALSE);

  gtk_stack_set_visible_child_name (self->section_stack, "customers");
  if (select_in (self->customer_selection, customer_id))
    return TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->customer_search_entry), "");
  search_changed_cb (self, self->customer_search_entry);
  return select_in (self->customer_selection, customer_id);
}

gboolean
pw_customers_page_select_prospect (PwCustomersPage *self,
                                   const char      *prospect_id)
{
  g_return_val_if_fail (PW_IS_CUSTOMERS_PAGE (self), FALSE);

  gtk_stack_set_visible_child_name (self->section_stack, "prospects");
  if (select_in (self->prospect_selection, prospect_id))
    return TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->prospect_search_entry), "");
  search_changed_cb (self, self->prospect_search_entry);
  return select_in (self->prospect_selection, prospect_id);
}

gboolean
pw_customers_page_select_quote (PwCustomersPage *self,
                                const char      *quote_id)
{
  g_return_val_if_fail (PW_IS_CUSTOMERS_PAGE (self), FALSE);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->quote_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (g_object_get_data (G_OBJECT (row), "pw-id"), quote_id) == 0)
      {
        gtk_list_box_select_row (self->quote_list, GTK_LIST_BOX_ROW (row));
        /* selecting the row already selected says nothing: show it anyway */
        if (g_strcmp0 (self->quote_id, quote_id) != 0)
          {
            g_free (self->quote_id);
            self->quote_id = g_strdup (quote_id);
          }
        update_quote_detail (self);
        return TRUE;
      }
  return FALSE;
}

const char *
pw_customers_page_get_selected_quote (PwCustomersPage *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMERS_PAGE (self), NULL);

  return self->quote_id;
}

GtkWindow *
pw_customers_page_get_form (PwCustomersPage *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMERS_PAGE (self), NULL);

  return self->form != NULL ? self->form->window : NULL;
}

const char *
pw_customers_page_get_last_message (PwCustomersPage *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMERS_PAGE (self), NULL);

  return self->last_message;
}

/* GObject */

static void
pw_customers_page_map (GtkWidget *widget)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (widget);

  GTK_WIDGET_CLASS (pw_customers_page_parent_class)->map (widget);
  if (self->watch.store != NULL && (!self->loaded || self->stale))
    load (self);
}

static void
pw_customers_page_dispose (GObject *object)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (object);

  if (self->form != NULL)
    gtk_window_destroy (self->form->window);
  self->form = NULL;
  pw_ui_store_watch_clear (&self->watch);
  /* the quote list tells of its rows going while the rest is already gone */
  self->filling_quotes = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_CUSTOMERS_PAGE);
  g_clear_object (&self->customer_selection);
  g_clear_object (&self->customer_model);
  g_clear_object (&self->customer_filter);
  g_clear_object (&self->customer_store);
  g_clear_object (&self->prospect_selection);
  g_clear_object (&self->prospect_model);
  g_clear_object (&self->prospect_filter);
  g_clear_object (&self->prospect_store);

  G_OBJECT_CLASS (pw_customers_page_parent_class)->dispose (object);
}

static void
pw_customers_page_finalize (GObject *object)
{
  PwCustomersPage *self = PW_CUSTOMERS_PAGE (object);

  g_free (self->park_id);
  g_free (self->current_park);
  g_free (self->last_message);
  g_free (self->customer_needle);
  g_free (self->prospect_needle);
  g_free (self->list_price);
  g_free (self->floor_price);
  g_free (self->quote_id);
  g_clear_pointer (&self->quotes, g_ptr_array_unref);
  g_hash_table_unref (self->space_codes);
  g_hash_table_unref (self->space_ids);
  g_ptr_array_unref (self->dynamic_rows);

  G_OBJECT_CLASS (pw_customers_page_parent_class)->finalize (object);
}

static void
pw_customers_page_class_init (PwCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_customers_page_dispose;
  object_class->finalize = pw_customers_page_finalize;
  widget_class->map = pw_customers_page_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "customerspage");
  g_type_ensure (PW_TYPE_CUSTOMER_LEASES);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parkwise/Parkwise/pw-customers-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PwCustomersPage, name)
  BIND (toast_overlay);
  BIND (section_stack);
  BIND (customer_search_entry);
  BIND (customer_list_stack);
  BIND (customer_view);
  BIND (customer_count_label);
  BIND (customer_detail_stack);
  BIND (customer_leases);
  BIND (customer_name_label);
  BIND (kind_info_row);
  BIND (uscc_info_row);
  BIND (industry_info_row);
  BIND (risk_info_row);
  BIND (tags_info_row);
  BIND (notes_info_row);
  BIND (contacts_group);
  BIND (prospect_search_entry);
  BIND (prospect_list_stack);
  BIND (prospect_view);
  BIND (prospect_count_label);
  BIND (prospect_detail_stack);
  BIND (prospect_name_label);
  BIND (prospect_stage_label);
  BIND (prospect_customer_row);
  BIND (prospect_agent_row);
  BIND (prospect_source_row);
  BIND (prospect_notes_row);
  BIND (viewings_group);
  BIND (quotes_group);
  BIND (quote_list);
  BIND (quote_detail_box);
  BIND (quote_status_row);
  BIND (quote_terms_row);
  BIND (quote_discount_row);
  BIND (quote_lease_row);
  BIND (show_lease_button);
  BIND (approvals_group);
  BIND (comment_list);
  BIND (approval_comment_row);
  BIND (approval_comment_error_row);
  BIND (submit_quote_button);
  BIND (edit_quote_button);
  BIND (approve_button);
  BIND (reject_button);
  BIND (create_lease_button);
  BIND (quote_message_label);
  BIND (list_price_row);
  BIND (list_price_error_row);
  BIND (floor_price_row);
  BIND (floor_price_error_row);
  BIND (rules_group);
  BIND (add_customer_button);
  BIND (edit_customer_button);
  BIND (add_contact_button);
  BIND (add_prospect_button);
  BIND (edit_prospect_button);
  BIND (add_viewing_button);
  BIND (add_quote_button);
  BIND (save_prices_button);
  BIND (add_rule_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_customer_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_customer_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_contact_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_prospect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_prospect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_viewing_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_quote_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_quote_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, quote_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, submit_quote_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, decide_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_lease_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_lease_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_prices_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_rule_clicked_cb);
}

static void
pw_customers_page_init (PwCustomersPage *self)
{
  static const char *const customer_titles[N_CUSTOMER_COLUMNS] = {
    N_("Name"), N_("Kind"), N_("Industry"), N_("Risk"), N_("Tags"),
  };
  static const int customer_widths[N_CUSTOMER_COLUMNS] = { 0, 80, 110, 70, 110 };
  static const char *const prospect_titles[N_PROSPECT_COLUMNS] = {
    N_("Name"), N_("Customer"), N_("Stage"), N_("Agent"),
  };
  static const int prospect_widths[N_PROSPECT_COLUMNS] = { 0, 140, 90, 100 };

  self->space_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->space_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->dynamic_rows = g_ptr_array_new ();
  pw_ui_store_watch_init (&self->watch, reload_cb, self);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->customer_store = g_list_store_new (PW_TYPE_JSON_ITEM);
  self->customer_filter = gtk_custom_filter_new (customer_filter_cb, self, NULL);
  self->customer_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->customer_store)),
                                                    g_object_ref (GTK_FILTER (self->customer_filter)));
  self->customer_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->customer_model)));
  gtk_single_selection_set_autoselect (self->customer_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->customer_selection, TRUE);
  g_signal_connect_swapped (self->customer_selection, "notify::selected-item",
                            G_CALLBACK (customer_selection_changed_cb), self);
  pw_ui_add_plain_columns (self->customer_view, customer_titles, customer_widths,
                           N_CUSTOMER_COLUMNS, G_CALLBACK (cell_setup_cb),
                           G_CALLBACK (customer_bind_cb), self);
  gtk_column_view_set_model (self->customer_view, GTK_SELECTION_MODEL (self->customer_selection));

  self->prospect_store = g_list_store_new (PW_TYPE_JSON_ITEM);
  self->prospect_filter = gtk_custom_filter_new (prospect_filter_cb, self, NULL);
  self->prospect_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->prospect_store)),
                                                    g_object_ref (GTK_FILTER (self->prospect_filter)));
  self->prospect_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->prospect_model)));
  gtk_single_selection_set_autoselect (self->prospect_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->prospect_selection, TRUE);
  g_signal_connect_swapped (self->prospect_selection, "notify::selected-item",
                            G_CALLBACK (prospect_selection_changed_cb), self);
  pw_ui_add_plain_columns (self->prospect_view, prospect_titles, prospect_widths,
                           N_PROSPECT_COLUMNS, G_CALLBACK (cell_setup_cb),
                           G_CALLBACK (prospect_bind_cb), self);
  gtk_column_view_set_model (self->prospect_view, GTK_SELECTION_MODEL (self->prospect_selection));

  gtk_search_entry_set_key_capture_widget (self->customer_search_entry, GTK_WIDGET (self->customer_view));
  gtk_search_entry_set_key_capture_widget (self->prospect_search_entry, GTK_WIDGET (self->prospect_view));
  update_counts (self);
  update_customer_detail (self);
  update_prospect_detail (self);
}

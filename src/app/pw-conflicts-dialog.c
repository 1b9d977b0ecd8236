/* pw-conflicts-dialog.c — sync conflicts and refused changes, resolved one by one
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each conflict shows the record, the fields both sides changed with mine and theirs,
 * and Keep Mine, Keep Theirs or Merge (the ticked fields of mine on top of theirs).
 * Each change the server refused shows its reason, and is sent again on top of the
 * server's record or discarded. Nothing leaves the list except by the user's choice. */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-area.h"
#include "pw-conflicts-dialog.h"
#include "pw-plan-outline.h"
#include "pw-sync.h"

struct _PwConflictsDialog
{
  AdwWindow      parent_instance;

  PwSyncService *service;
  GtkWidget     *stack;
  GtkWidget     *list;
  GtkWidget     *toast_overlay;
  guint          count;
};

G_DEFINE_FINAL_TYPE (PwConflictsDialog, pw_conflicts_dialog, ADW_TYPE_WINDOW)

/* Rows in the list at once; the rest follow as these are resolved. */
#define MAX_SHOWN 200u

static void reload (PwConflictsDialog *self);

static const char *
entity_label (const char *entity)
{
  static const struct { const char *entity, *label; } names[] = {
    { "park", N_("Park") }, { "building", N_("Building") }, { "floor", N_("Floor") },
    { "space", N_("Space") }, { "space_status", N_("Space status") },
    { "lifecycle_event", N_("Lifecycle event") }, { "equipment", N_("Equipment") },
    { "floor_drawing", N_("Floor drawing") }, { "contract", N_("Contract") },
    { "contract_version", N_("Contract version") }, { "contract_space", N_("Leased space") },
    { "customer", N_("Customer") }, { "contact", N_("Contact") }, { "prospect", N_("Prospect") },
    { "viewing", N_("Viewing") }, { "quote", N_("Quote") },
    { "approval_rule", N_("Approval rule") }, { "approval", N_("Approval") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].entity, entity))
      return _(names[i].label);
  return entity;
}

/* A field's value as a person reads it. */
static char *
value_text (JsonObject *obj, const char *field)
{
  JsonNode *node = obj && json_object_has_member (obj, field)
                   ? json_object_get_member (obj, field) : NULL;

  if (node == NULL)
    return g_strdup (_("(not set)"));
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(empty)"));
  /* a room's outline reads as the area it encloses; the drawing shows its shape */
  if (g_str_equal (field, "outline") && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autoptr(PwPolygon) polygon = pw_polygon_new_from_json (json_node_get_string (node), NULL);
      g_autofree char *area = polygon ? pw_area_format_with_unit (pw_polygon_area_centi (polygon), FALSE) : NULL;

      if (area != NULL)
        /* Translators: a room's outline in a sync conflict, e.g. "outline of 120.50 m²" */
        return g_strdup_printf (_("outline of %s"), area);
    }
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (node);
          return g_utf8_strlen (s, -1) > 60 ? g_strdup_printf ("%.60s…", s) : g_strdup (s);
        }
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
    }
  return json_to_string (node, FALSE);
}

/* "Space T1-F03-008" from whichever side names it. */
static char *
record_title (PwSyncConflict *c)
{
  static const char *const naming[] = { "code", "name", "number", NULL };

  for (guint i = 0; naming[i] != NULL; i++)
    for (JsonObject *o = c->theirs; ; o = c->mine)
      {
        if (o != NULL && json_object_has_member (o, naming[i])
            && JSON_NODE_HOLDS_VALUE (json_object_get_member (o, naming[i])))
          {
            g_autofree char *v = value_text (o, naming[i]);
            /* Translators: a kind of record and its code or name, e.g. "Space T1-F03-008" */
            return g_strdup_printf (C_("record", "%s %s"), entity_label (c->entity), v);
          }
        if (o == c->mine)
          break;
      }
  return g_strdup (entity_label (c->entity));
}

typedef struct
{
  PwConflictsDialog *self;
  gint64             id;
  PwSyncConflict    *conflict;  /* until its fields are shown */
  GPtrArray         *checks;    /* GtkCheckButton per field of mine, named by its field */
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  pw_sync_conflict_free (row->conflict);
  g_ptr_array_unref (row->checks);
  g_free (row);
}

static void
resolved (PwConflictsDialog *self, gboolean ok, GError *error, const char *done)
{
  if (!ok)
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay),
                                   adw_toast_new (error->message));
      return;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), adw_toast_new (done));
  reload (self);
  /* what was kept goes to the server */
  pw_sync_service_sync_async (self->service, NULL, NULL, NULL);
}

static void
keep_mine_cb (GtkButton *button, Row *row)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = pw_sync_client_resolve (pw_sync_service_get_store (row->self->service), row->id,
                                        PW_SYNC_KEEP_MINE, NULL, &error);
  resolved (row->self, ok, error, _("Your version is kept and will be sent"));
}

static void
keep_theirs_cb (GtkButton *button, Row *row)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = pw_sync_client_resolve (pw_sync_service_get_store (row->self->service), row->id,
                                        PW_SYNC_KEEP_THEIRS, NULL, &error);
  resolved (row->self, ok, error, _("The server’s version is kept"));
}

static void
merge_cb (GtkButton *button, Row *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  gboolean ok;

  for (guint i = 0; i < row->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (row->checks, i);
      if (gtk_check_button_get_active (check))
        g_ptr_array_add (fields, g_object_get_data (G_OBJECT (check), "field"));
    }
  g_ptr_array_add (fields, NULL);
  ok = pw_sync_client_resolve (pw_sync_service_get_store (row->self->service), row->id,
                               PW_SYNC_MERGE, (const char *const *) fields->pdata, &error);
  resolved (row->self, ok, error, _("The ticked fields of yours are kept on top of the server’s"));
}

static void
discard_cb (GtkButton *button, Row *row)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = pw_sync_client_discard (pw_sync_service_get_store (row->self->service), row->id,
                                        &error);
  resolved (row->self, ok, error, _("Your change is discarded"));
}

static GtkWidget *
action_button (const char *label, GCallback cb, Row *row, const char *css)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  if (css != NULL)
    gtk_widget_add_css_class (button, css);
  g_signal_connect (button, "clicked", cb, row);
  return button;
}

/* ---- a room's two outlines, side by side ---- */

#define OUTLINE_MINE   0x3584e4  /* GNOME blue 3 */
#define OUTLINE_THEIRS 0xe66100  /* GNOME orange 5: told apart by colour-blind eyes too */

static PwPolygon *
outline_of (JsonObject *obj)
{
  JsonNode *node = obj ? json_object_get_member (obj, "outline") : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return pw_polygon_new_from_json (json_node_get_string (node), NULL);
}

typedef struct
{
  PwPolygon *outline;
  PwPolygon *other;
  guint32    rgb;
} OutlineSide;

static void
outline_side_free (gpointer data)
{
  OutlineSide *side = data;

  g_clear_pointer (&side->outline, pw_polygon_free);
  g_clear_pointer (&side->other, pw_polygon_free);
  g_free (side);
}

static void
draw_side (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  OutlineSide *side = data;
  GdkRGBA fg;
  guint32 ink;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  ink = ((guint32) (fg.red * 255) << 16) | ((guint32) (fg.green * 255) << 8) | (guint32) (fg.blue * 255);
  pw_plan_draw_outline_pair (cr, width, height, side->outline, side->other, side->rgb, ink);
}

/* One side: its outline filled, the other's dashed over it, and a caption. */
static GtkWidget *
outline_side (const char *caption, JsonObject *obj, JsonObject *other, guint32 rgb)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *area = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (NULL);
  OutlineSide *side = g_new0 (OutlineSide, 1);
  g_autofree char *text = value_text (obj, "outline");
  g_autofree char *full = g_strdup_printf ("%s: %s", caption, text);

  side->outline = outline_of (obj);
  side->other = outline_of (other);
  side->rgb = rgb;
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 140);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 140);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_side, side, outline_side_free);
  gtk_widget_set_hexpand (area, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, full, -1);
  gtk_label_set_text (GTK_LABEL (label), full);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), area);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_hexpand (box, TRUE);
  return box;
}

/* Both outlines of a room, when the conflict is about its outline; else NULL. */
static GtkWidget *
outline_pair (PwSyncConflict *c)
{
  GtkWidget *box;
  g_autoptr(PwPolygon) mine = NULL, theirs = NULL;

  if (g_strcmp0 (c->entity, "space") != 0 || c->theirs == NULL
      || (mine = outline_of (c->mine)) == NULL || (theirs = outline_of (c->theirs)) == NULL)
    return NULL;
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_name (box, "outline-pair");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  /* Translators: the room as this computer has it, in a sync conflict */
  gtk_box_append (GTK_BOX (box), outline_side (_("Mine"), c->mine, c->theirs, OUTLINE_MINE));
  /* Translators: the room as the server has it, in a sync conflict */
  gtk_box_append (GTK_BOX (box), outline_side (_("Theirs"), c->theirs, c->mine, OUTLINE_THEIRS));
  return box;
}

/* The fields of mine and theirs and the buttons, made when the row is first expanded:
 * a long list of conflicts opens at once. */
static void
fill_row (AdwExpanderRow *expander, GParamSpec *pspec, Row *row)
{
  g_autoptr(PwSyncConflict) c = NULL;
  GtkWidget *buttons, *pair;
  JsonObjectIter iter;
  const char *field;
  JsonNode *node;

  if (row->conflict == NULL || !adw_expander_row_get_expanded (expander))
    return;
  c = g_steal_pointer (&row->conflict);
  if ((pair = outline_pair (c)) != NULL)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), pair);
  json_object_iter_init (&iter, c->mine);
  while (json_object_iter_next (&iter, &field, &node))
    {
      GtkWidget *line = adw_action_row_new ();
      g_autofree char *mine = value_text (c->mine, field);
      g_autofree char *theirs = value_text (c->theirs, field);
      /* Translators: a field's value on this computer and on the server */
      g_autofree char *text = g_strdup_printf (_("Mine: %s · Theirs: %s"), mine, theirs);
      GtkWidget *check = gtk_check_button_new ();
      gboolean both = c->fields != NULL && g_strv_contains ((const char *const *) c->fields, field);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (line), field);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (line), text);
      g_object_set_data_full (G_OBJECT (check), "field", g_strdup (field), g_free);
      /* a field only I changed is kept by default; one both changed is the user's call */
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !both);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      field, -1);
      if (c->kind == PW_SYNC_CONFLICT_CONFLICT)
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (line), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (line), check);
          g_ptr_array_add (row->checks, check);
        }
      else
        g_object_ref_sink (check), g_object_unref (check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), line);
    }

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 6);
  gtk_widget_set_margin_bottom (buttons, 6);
  gtk_widget_set_margin_end (buttons, 6);
  if (c->kind == PW_SYNC_CONFLICT_CONFLICT)
    {
      gtk_box_append (GTK_BOX (buttons), action_button (_("Keep _Theirs"), G_CALLBACK (keep_theirs_cb), row, NULL));
      gtk_box_append (GTK_BOX (buttons), action_button (_("_Merge Ticked"), G_CALLBACK (merge_cb), row, NULL));
      gtk_box_append (GTK_BOX (buttons), action_button (_("Keep _Mine"), G_CALLBACK (keep_mine_cb), row, "suggested-action"));
    }
  else
    {
      gtk_box_append (GTK_BOX (buttons), action_button (_("_Discard My Change"), G_CALLBACK (discard_cb), row, "destructive-action"));
      gtk_box_append (GTK_BOX (buttons), action_button (_("Send _Again"), G_CALLBACK (keep_mine_cb), row, NULL));
    }
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), buttons);
}

/* Takes @c. */
static GtkWidget *
conflict_row (PwConflictsDialog *self, PwSyncConflict *c)
{
  GtkWidget *expander = adw_expander_row_new ();
  g_autofree char *title = record_title (c);
  g_autofree char *subtitle = NULL;
  Row *row = g_new0 (Row, 1);

  row->self = self;
  row->id = c->id;
  row->conflict = c;
  row->checks = g_ptr_array_new ();
  g_object_set_data_full (G_OBJECT (expander), "row", row, row_free);

  if (c->kind == PW_SYNC_CONFLICT_CONFLICT)
    {
      g_autofree char *both = c->fields && c->fields[0] ? g_strjoinv (", ", c->fields) : NULL;
      subtitle = both
                 /* Translators: %s lists field names */
                 ? g_strdup_printf (_("Changed on the server too: %s"), both)
                 : g_strdup (c->message && *c->message ? c->message
                                                       : _("Changed on the server too"));
    }
  else
    /* Translators: %s is the server's reason */
    subtitle = g_strdup_printf (_("Refused by the server: %s"),
                                c->message && *c->message ? c->message : c->reason);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  gtk_widget_set_tooltip_text (expander, subtitle);
  g_signal_connect (expander, "notify::expanded", G_CALLBACK (fill_row), row);
  return expander;
}

static void
reload (PwConflictsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = pw_sync_client_list_conflicts (pw_sync_service_get_store (self->service),
                                                                  &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  self->count = conflicts ? conflicts->len : 0;
  for (guint i = 0; i < MIN (self->count, MAX_SHOWN); i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list),
                         conflict_row (self, g_ptr_array_steal_index (conflicts, 0)));
  if (self->count > MAX_SHOWN)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "The first %u of %u are shown; resolve them to see the rest",
                                                            "The first %u of %u are shown; resolve them to see the rest",
                                                            self->count),
                                               MAX_SHOWN, self->count);
      GtkWidget *more = gtk_label_new (text);

      gtk_widget_add_css_class (more, "dim-label");
      gtk_widget_set_margin_top (more, 12);
      gtk_widget_set_margin_bottom (more, 12);
      gtk_list_box_append (GTK_LIST_BOX (self->list), more);
    }
  if (error != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay),
                                 adw_toast_new (error->message));
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), self->count > 0 ? "list" : "empty");
}

guint
pw_conflicts_dialog_count (PwConflictsDialog *self)
{
  g_return_val_if_fail (PW_IS_CONFLICTS_DIALOG (self), 0);
  return self->count;
}

GtkWidget *
pw_conflicts_dialog_new (GtkWindow *parent, PwSyncService *service)
{
  PwConflictsDialog *self = g_object_new (PW_TYPE_CONFLICTS_DIALOG,
                                          "transient-for", parent,
                                          "modal", TRUE,
                                          "default-width", 640,
                                          "default-height", 560,
                                          /* Translators: a window title */
                                          "title", _("Sync Conflicts"),
                                          NULL);
  GtkWidget *box, *header, *scroller, *clamp, *empty;

  self->service = g_object_ref (service);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_widget_set_valign (self->list, GTK_ALIGN_START);
  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), self->list);
  gtk_widget_set_margin_top (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 12);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);

  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Conflicts"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Every change made here agrees with the server"));

  self->stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->stack), scroller, "list");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_widget_set_vexpand (self->stack, TRUE);
  self->toast_overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (self->toast_overlay), self->stack);
  gtk_box_append (GTK_BOX (box), self->toast_overlay);
  adw_window_set_content (ADW_WINDOW (self), box);

  reload (self);
  return GTK_WIDGET (self);
}

static void
pw_conflicts_dialog_dispose (GObject *object)
{
  PwConflictsDialog *self = PW_CONFLICTS_DIALOG (object);

  g_clear_object (&self->service);
  G_OBJECT_CLASS (pw_conflicts_dialog_parent_class)->dispose (object);
}

static void
pw_conflicts_dialog_class_init (PwConflictsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_conflicts_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pw_conflicts_dialog_init (PwConflictsDialog *self)
{
}

/* pw-plan-import-dialog.c — importing a drawing: scale, destination floors, preview
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preview shows what the file holds and what importing it would do: each
 * level and the floor it goes to, each room with the space it becomes or
 * redraws, its drawn area beside any area the file declares and the recorded
 * one, and every warning. Nothing is written until Import, and then all at once.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pw-area.h"
#include "pw-plan-import-dialog.h"
#include "pw-plan-render.h"
#include "pw-undo-toast.h"

/* ---- a row of the rooms table ----------------------------------------------------- */

enum {
  COL_LEVEL,
  COL_ROOM,
  COL_ACTION,
  COL_SPACE,
  COL_DRAWN,
  COL_DECLARED,
  COL_DIFFERENCE,
  N_COLS
};

#define PW_TYPE_IMPORT_ROW (pw_import_row_get_type ())
G_DECLARE_FINAL_TYPE (PwImportRow, pw_import_row, PW, IMPORT_ROW, GObject)

struct _PwImportRow
{
  GObject  parent_instance;
  char    *cells[N_COLS];
  guint    level;
  guint    room;
  gboolean mapped;    /* there is a mapping for it (the drawing has a scale, a building is chosen) */
};

G_DEFINE_FINAL_TYPE (PwImportRow, pw_import_row, G_TYPE_OBJECT)

static void
pw_import_row_finalize (GObject *object)
{
  PwImportRow *self = PW_IMPORT_ROW (object);

  for (guint i = 0; i < N_COLS; i++)
    g_free (self->cells[i]);
  G_OBJECT_CLASS (pw_import_row_parent_class)->finalize (object);
}

static void
pw_import_row_class_init (PwImportRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pw_import_row_finalize;
}

static void
pw_import_row_init (PwImportRow *self)
{
}

/* ---- the dialog --------------------------------------------------------------------- */

struct _PwPlanImportDialog
{
  AdwWindow        parent_instance;

  PwStore         *store;
  char            *park_id;
  PwImportDoc     *doc;
  PwPlanImport    *import;
  GPtrArray       *building_codes;
  GListStore      *rows;
  GPtrArray       *level_rows;     /* AdwComboRow per level */
  gboolean         updating;

  /* calibration: points in drawing units */
  PwPoint          points[2];
  guint            n_points;
  PwPlanView       calibrate_view;
  RsvgHandle      *drawing;        /* the SVG itself, behind the outlines while calibrating */
  PwChange        *change;         /* what the import wrote, for its Undo */

  /* template children */
  AdwToastOverlay *toast_overlay;
  GtkWidget       *import_button;
  GtkLabel        *summary_label;
  GtkLabel        *error_label;
  GtkWidget       *scale_group;
  GtkDrawingArea  *calibrate_area;
  AdwActionRow    *distance_row;
  GtkSpinButton   *distance_spin;
  GtkWidget       *calibrate_button;
  AdwEntryRow     *scale_row;
  GtkWidget       *target_group;
  AdwComboRow     *building_row;
  GtkSwitch       *update_areas_switch;
  AdwPreferencesGroup *levels_group;
  GtkWidget       *rooms_group;
  GtkColumnView   *rooms_view;
  GtkWidget       *warnings_group;
  GtkLabel        *warnings_label;
  GtkWidget       *empty_levels_row;
  GtkCheckButton  *empty_levels_check;
  AdwComboRow     *all_row;
  GtkWidget       *apply_all_button;

  gboolean         scalable;       /* the drawing came without a scale: it can be calibrated again */
  guint            refresh_id;     /* the rooms table shows a changed mapping at idle */
  char            *built_for;      /* the building the mapping is for */
};

G_DEFINE_FINAL_TYPE (PwPlanImportDialog, pw_plan_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild_import (PwPlanImportDialog *self);

static void
show_error (PwPlanImportDialog *self, const char *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static char *
format_m2 (PwImportDoc *doc, double m2)
{
  gint64 centi = (gint64) llround (m2 * 100);

  if (doc->needs_scale)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (buf, sizeof buf, "%.1f", m2);
      /* TRANSLATORS: an area in the units of a drawing that has no scale yet */
      return g_strdup_printf (_("%s units²"), buf);
    }
  return pw_area_format_with_unit (centi, FALSE);
}

/* ---- the rooms table ------------------------------------------------------------------- */

static PwImportRow *
row_for_room (PwPlanImportDialog *self, PwImportLevel *level, PwImportRoom *room,
              PwPlanRoomPlan *plan)
{
  PwImportRow *row = g_object_new (PW_TYPE_IMPORT_ROW, NULL);
  double drawn = room->polygon ? pw_polygon_area (room->polygon) : NAN;

  row->mapped = plan != NULL;

  row->cells[COL_LEVEL] = g_strdup (level->name ? level->name : level->source_id);
  if (room->name && room->long_name)
    row->cells[COL_ROOM] = g_strdup_printf ("%s · %s", room->name, room->long_name);
  else
    row->cells[COL_ROOM] = g_strdup (room->name ? room->name
                                     : room->long_name ? room->long_name : room->source_id);
  if (plan == NULL)
    row->cells[COL_ACTION] = g_strdup (room->polygon ? "" : _("No outline"));
  else if (plan->action == PW_PLAN_ROOM_CREATE)
    /* TRANSLATORS: an imported room becomes a new space of this kind */
    row->cells[COL_ACTION] = g_strdup_printf (_("New space: %s"), pw_space_kind_get_label (plan->kind));
  else if (plan->action == PW_PLAN_ROOM_UPDATE && plan->match == PW_PLAN_MATCH_OVERLAP && !plan->chosen)
    {
      g_autofree char *recorded = pw_area_format_with_unit (plan->recorded_area, FALSE);

      /* TRANSLATORS: an imported room redraws an existing space whose outline it mostly covers;
       * %s is its recorded area, %d the share of the outlines in common */
      row->cells[COL_ACTION] = g_strdup_printf (_("Redraw (recorded %s; outlines %d %% alike)"),
                                                recorded, plan->overlap);
    }
  else if (plan->action == PW_PLAN_ROOM_UPDATE)
    {
      g_autofree char *recorded = pw_area_format_with_unit (plan->recorded_area, FALSE);

      /* TRANSLATORS: an imported room redraws an existing space; %s is its recorded area */
      row->cells[COL_ACTION] = g_strdup_printf (_("Redraw (recorded %s)"), recorded);
    }
  else
    /* TRANSLATORS: an imported room that will not be imported, and why */
    row->cells[COL_ACTION] = g_strdup_printf (_("Left out: %s"), plan->reason);
  row->cells[COL_SPACE] = g_strdup (plan && plan->code ? plan->code : "");
  row->cells[COL_DRAWN] = isfinite (drawn) ? format_m2 (self->doc, drawn) : g_strdup ("—");
  if (room->declared->len > 0)
    {
      PwDeclaredArea *declared = &g_array_index (room->declared, PwDeclaredArea, 0);
      g_autofree char *value = format_m2 (self->doc, declared->m2);

      row->cells[COL_DECLARED] = g_strdup_printf ("%s %s", declared->name, value);
      if (isfinite (drawn) && declared->m2 > 0)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (buf, sizeof buf, "%+.1f", (declared->m2 - drawn) / declared->m2 * 100);
          /* TRANSLATORS: how much the declared area differs from the drawn one */
          row->cells[COL_DIFFERENCE] = g_strdup_printf (_("%s %%"), buf);
        }
    }
  for (guint i = 0; i < N_COLS; i++)
    if (row->cells[i] == NULL)
      row->cells[i] = g_strdup ("");
  return row;
}

static void
fill_rows (PwPlanImportDialog *self)
{
  g_list_store_remove_all (self->rows);
  for (guint l = 0; l < self->doc->levels->len; l++)
    {
      PwImportLevel *level = g_ptr_array_index (self->doc->levels, l);
      PwPlanLevelPlan *lp = self->import ? pw_plan_import_get_level (self->import, l) : NULL;

      for (guint r = 0; r < level->rooms->len; r++)
        {
          g_autoptr(PwImportRow) row = row_for_room (self, level, g_ptr_array_index (level->rooms, r),
                                                     lp ? &g_array_index (lp->rooms, PwPlanRoomPlan, r)
                                                        : NULL);

          row->level = l;
          row->room = r;
          g_list_store_append (self->rows, row);
        }
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_UINT (data) >= COL_DRAWN ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  PwImportRow *row = gtk_list_item_get_item (item);
  const char *text = row->cells[GPOINTER_TO_UINT (data)];

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), *text ? text : NULL);
}

/* ---- the mapping column: a drop-down per room ---------------------------------------------- */

/* The choices of a room's drop-down: leave out, a new space of each kind, then the
 * spaces of its floor. */
#define CHOICE_SKIP 0
#define CHOICE_KIND(k) (1 + (guint) (k))
#define CHOICE_SPACE(i) (1 + PW_N_SPACE_KINDS + (i))

static void refresh_later (PwPlanImportDialog *self);

static void
map_selected_cb (GtkDropDown *dropdown, GParamSpec *pspec, PwPlanImportDialog *self)
{
  PwImportRow *row = g_object_get_data (G_OBJECT (dropdown), "pw-row");
  GPtrArray *spaces = g_object_get_data (G_OBJECT (dropdown), "pw-spaces");
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->updating || row == NULL || !row->mapped || self->import == NULL
      || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected == CHOICE_SKIP)
    ok = pw_plan_import_map_room (self->import, row->level, row->room, PW_PLAN_ROOM_SKIP, NULL, -1,
                                  &error);
  else if (selected < CHOICE_SPACE (0))
    ok = pw_plan_import_map_room (self->import, row->level, row->room, PW_PLAN_ROOM_CREATE, NULL,
                                  (int) selected - 1, &error);
  else if (spaces != NULL && selected - CHOICE_SPACE (0) < spaces->len)
    ok = pw_plan_import_map_room (self->import, row->level, row->room, PW_PLAN_ROOM_UPDATE,
                                  pw_space_get_id (g_ptr_array_index (spaces, selected - CHOICE_SPACE (0))),
                                  -1, &error);
  else
    return;
  if (!ok)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  refresh_later (self);
}

static void
setup_map_cb (GtkSignalListItemFactory *factory, GtkListItem *item, PwPlanImportDialog *self)
{
  /* a floor may have hundreds of spaces: the list can be searched */
  GtkWidget *dropdown = gtk_drop_down_new (NULL, gtk_property_expression_new (GTK_TYPE_STRING_OBJECT,
                                                                               NULL, "string"));

  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  gtk_widget_add_css_class (dropdown, "flat");
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (map_selected_cb), self);
  gtk_list_item_set_child (item, dropdown);
}

static void
bind_map_cb (GtkSignalListItemFactory *factory, GtkListItem *item, PwPlanImportDialog *self)
{
  PwImportRow *row = gtk_list_item_get_item (item);
  GtkWidget *dropdown = gtk_list_item_get_child (item);
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) spaces = NULL;
  PwPlanRoomPlan *rp = NULL;
  guint selected = CHOICE_SKIP;
  gboolean was_updating = self->updating;

  self->updating = TRUE;
  g_object_set_data (G_OBJECT (dropdown), "pw-row", row);
  /* what tests find a room's drop-down by */
  g_object_set_data_full (G_OBJECT (dropdown), "pw-room", g_strdup (row->cells[COL_ROOM]), g_free);
  /* TRANSLATORS: a room of the imported drawing is not imported */
  gtk_string_list_append (choices, _("Leave out"));
  for (int k = 0; k < PW_N_SPACE_KINDS; k++)
    {
      /* TRANSLATORS: a room of the imported drawing becomes a new space of this kind */
      g_autofree char *label = g_strdup_printf (_("New space: %s"), pw_space_kind_get_label (k));

      gtk_string_list_append (choices, label);
    }
  if (row->mapped && self->import != NULL)
    {
      PwPlanLevelPlan *lp = pw_plan_import_get_level (self->import, row->level);

      rp = &g_array_index (lp->rooms, PwPlanRoomPlan, row->room);
      spaces = pw_plan_import_get_candidates (self->import, row->level);
      for (guint i = 0; i < spaces->len; i++)
        {
          PwSpace *space = g_ptr_array_index (spaces, i);
          g_autofree char *label = NULL;

          if (g_strcmp0 (rp->suggested_id, pw_space_get_id (space)) == 0)
            /* TRANSLATORS: an existing space (code · name) the imported room is suggested to redraw */
            label = g_strdup_printf (_("%s · %s (suggested)"), pw_space_get_code (space),
                                     pw_space_get_name (space));
          else
            label = g_strdup_printf ("%s · %s", pw_space_get_code (space), pw_space_get_name (space));
          gtk_string_list_append (choices, label);
          if (rp->action == PW_PLAN_ROOM_UPDATE && g_strcmp0 (rp->space_id, pw_space_get_id (space)) == 0)
            selected = CHOICE_SPACE (i);
        }
      if (rp->action == PW_PLAN_ROOM_CREATE)
        selected = CHOICE_KIND (rp->kind);
    }
  g_object_set_data_full (G_OBJECT (dropdown), "pw-spaces", g_steal_pointer (&spaces),
                          (GDestroyNotify) g_ptr_array_unref);
  gtk_drop_down_set_model (GTK_DROP_DOWN (dropdown), G_LIST_MODEL (choices));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_widget_set_sensitive (dropdown, rp != NULL && !rp->unusable);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  row->cells[COL_ROOM], -1);
  self->updating = was_updating;
}

static void
unbind_map_cb (GtkSignalListItemFactory *factory, GtkListItem *item, PwPlanImportDialog *self)
{
  GtkWidget *dropdown = gtk_list_item_get_child (item);

  g_object_set_data (G_OBJECT (dropdown), "pw-row", NULL);
  g_object_set_data (G_OBJECT (dropdown), "pw-spaces", NULL);
}

static void
add_columns (PwPlanImportDialog *self)
{
  static const char *titles[N_COLS] = {
    N_("Level"), N_("Room"), N_("Import as"), N_("Space"), N_("Drawn"), N_("Declared"),
    N_("Difference"),
  };
  g_autoptr(GtkNoSelection) selection = NULL;

  for (guint c = 0; c < N_COLS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (_(titles[c]), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, c == COL_ROOM || c == COL_ACTION);
      gtk_column_view_append_column (self->rooms_view, column);
      if (c == COL_ROOM)
        {
          GtkListItemFactory *map = gtk_signal_list_item_factory_new ();
          g_autoptr(GtkColumnViewColumn) map_column = NULL;

          g_signal_connect (map, "setup", G_CALLBACK (setup_map_cb), self);
          g_signal_connect (map, "bind", G_CALLBACK (bind_map_cb), self);
          g_signal_connect (map, "unbind", G_CALLBACK (unbind_map_cb), self);
          /* TRANSLATORS: the column where each room of the drawing is mapped to a space */
          map_column = gtk_column_view_column_new (_("Map to"), map);
          gtk_column_view_column_set_resizable (map_column, TRUE);
          gtk_column_view_append_column (self->rooms_view, map_column);
        }
    }
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->rooms_view, GTK_SELECTION_MODEL (selection));
}

/* ---- summary, levels, warnings ------------------------------------------------------------- */

static void
update_summary (PwPlanImportDialog *self)
{
  guint n_rooms = pw_import_doc_count_rooms (self->doc), n_levels = self->doc->levels->len;
  g_autofree char *levels = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u level",
                                                          "%u levels", n_levels), n_levels);
  g_autofree char *rooms = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u room", "%u rooms",
                                                         n_rooms), n_rooms);
  g_autofree char *text = NULL;

  if (self->import != NULL)
    {
      guint c, u, s, f = pw_plan_import_count_new_floors (self->import);
      g_autofree char *what = NULL;
      g_autoptr(GString) left_out = g_string_new (NULL);
      g_autoptr(GString) renamed = g_string_new (NULL);

      pw_plan_import_count (self->import, &c, &u, &s);
      /* TRANSLATORS: what an import will do: new floors, new spaces, redrawn spaces, rooms left out */
      what = g_strdup_printf (_("New floors: %u, new spaces: %u, redrawn: %u, left out: %u"), f, c, u, s);
      for (guint l = 0; l < pw_plan_import_get_n_levels (self->import); l++)
        if (!pw_plan_import_level_is_written (self->import, l))
          {
            PwImportLevel *level = pw_plan_import_get_level (self->import, l)->level;

            g_string_append_printf (left_out, "%s%s", left_out->len ? ", " : "",
                                    level->name ? level->name : level->source_id);
          }
        else if (pw_plan_import_renames_floor (self->import, l))
          {
            PwPlanLevelPlan *lp = pw_plan_import_get_level (self->import, l);

            if (renamed->len > 0)
              g_string_append (renamed, ", ");
            /* TRANSLATORS: a floor the import renames: its code and its new name */
            g_string_append_printf (renamed, _("%s to “%s”"), lp->floor_code, lp->floor_name);
          }
      /* TRANSLATORS: file name, format, levels, rooms, then what importing does */
      text = g_strdup_printf (_("%s (%s): %s, %s. %s."), self->doc->source_name,
                              self->doc->schema ? self->doc->schema
                                                : pw_import_format_to_string (self->doc->format),
                              levels, rooms, what);
      if (left_out->len > 0)
        {
          /* TRANSLATORS: the levels of the file that will not become floors */
          g_autofree char *more = g_strdup_printf (_("Levels left out: %s."), left_out->str);
          char *both = g_strdup_printf ("%s %s", text, more);

          g_free (text);
          text = both;
        }
      if (renamed->len > 0)
        {
          /* TRANSLATORS: the existing floors the import renames, e.g. "F03 to “Labs”" */
          g_autofree char *more = g_strdup_printf (_("Floors renamed: %s."), renamed->str);
          char *both = g_strdup_printf ("%s %s", text, more);

          g_free (text);
          text = both;
        }
      gtk_widget_set_sensitive (self->import_button, c + u + f > 0);
    }
  else
    {
      text = g_strdup_printf (_("%s (%s): %s, %s."), self->doc->source_name,
                              self->doc->schema ? self->doc->schema
                                                : pw_import_format_to_string (self->doc->format),
                              levels, rooms);
      gtk_widget_set_sensitive (self->import_button, FALSE);
    }
  gtk_label_set_text (self->summary_label, text);
}

static void
update_warnings (PwPlanImportDialog *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->doc->warnings->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (self->doc->warnings, i));
  for (guint l = 0; l < self->doc->levels->len; l++)
    {
      PwImportLevel *level = g_ptr_array_index (self->doc->levels, l);

      for (guint i = 0; i < level->warnings->len; i++)
        g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (level->warnings, i));
      for (guint r = 0; r < level->rooms->len; r++)
        {
          PwImportRoom *room = g_ptr_array_index (level->rooms, r);

          for (guint i = 0; i < room->warnings->len; i++)
            g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (room->warnings, i));
        }
    }
  if (text->len > 0)
    g_string_truncate (text, text->len - 1);
  gtk_label_set_text (self->warnings_label, text->str);
  gtk_widget_set_visible (self->warnings_group, text->len > 0);
}

static void
level_floor_changed_cb (AdwComboRow *row, GParamSpec *pspec, PwPlanImportDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "level"));
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GPtrArray) floors = NULL;
  g_autoptr(GError) error = NULL;

  if (self->updating || self->import == NULL)
    return;
  floors = pw_plan_import_get_floors (self->import);
  if (!pw_plan_import_set_floor (self->import, index,
                                 selected == 0 ? NULL : g_ptr_array_index (floors, (selected - 1) * 3),
                                 &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      /* put the row back where the import is */
      refresh_later (self);
      return;
    }
  show_error (self, NULL);
  refresh_later (self);
}

static void
floor_name_apply_cb (AdwEntryRow *row, PwPlanImportDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "level"));
  g_autoptr(GError) error = NULL;

  if (self->import == NULL)
    return;
  if (!pw_plan_import_set_floor_name (self->import, index,
                                      gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  refresh_later (self);
}

static void
fill_levels (PwPlanImportDialog *self)
{
  g_autoptr(GPtrArray) floors = NULL;

  for (guint i = 0; i < self->level_rows->len; i++)
    adw_preferences_group_remove (self->levels_group, g_ptr_array_index (self->level_rows, i));
  g_ptr_array_set_size (self->level_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->levels_group), self->import != NULL);
  if (self->import == NULL)
    return;

  self->updating = TRUE;
  floors = pw_plan_import_get_floors (self->import);
  for (guint l = 0; l < pw_plan_import_get_n_levels (self->import); l++)
    {
      PwPlanLevelPlan *lp = pw_plan_import_get_level (self->import, l);
      g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
      GtkWidget *row = adw_combo_row_new ();
      g_autofree char *new_floor = NULL;
      guint selected = 0;
      guint n = lp->level->rooms->len;
      char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u room", "%u rooms", n), n);

      /* TRANSLATORS: the choice of a new floor for a drawing's level: its code and name */
      new_floor = g_strdup_printf (_("New floor %s"), lp->floor_id ? "" : lp->floor_code);
      gtk_string_list_append (choices, g_strstrip (new_floor));
      for (guint f = 0; f < floors->len; f += 3)
        {
          g_autofree char *label = g_strdup_printf ("%s · %s", (char *) floors->pdata[f + 1],
                                                    (char *) floors->pdata[f + 2]);

          gtk_string_list_append (choices, label);
          if (g_strcmp0 (floors->pdata[f], lp->floor_id) == 0)
            selected = f / 3 + 1;
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     lp->level->name ? lp->level->name : lp->level->source_id);
      if (!pw_plan_import_level_is_written (self->import, l))
        {
          g_free (subtitle);
          subtitle = g_strdup (n == 0 ? _("No rooms: left out unless empty levels are included")
                                      : _("Every room left out: nothing is written for it"));
        }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_free (subtitle);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      g_object_set_data (G_OBJECT (row), "level", GUINT_TO_POINTER (l));
      g_signal_connect (row, "notify::selected", G_CALLBACK (level_floor_changed_cb), self);
      adw_preferences_group_add (self->levels_group, row);
      g_ptr_array_add (self->level_rows, row);
      if (pw_plan_import_level_is_written (self->import, l))
        {
          GtkWidget *name = adw_entry_row_new ();
          /* TRANSLATORS: the name the new floor (its code) gets */
          g_autofree char *title = lp->floor_id == NULL
                                   ? g_strdup_printf (_("Name of new floor %s"), lp->floor_code)
                                   /* TRANSLATORS: the name of the existing floor (its code) the
                                    * drawing's level goes to; a new name renames it */
                                   : g_strdup_printf (_("Name of floor %s"), lp->floor_code);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), title);
          adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (name), TRUE);
          gtk_editable_set_text (GTK_EDITABLE (name), lp->floor_name);
          g_object_set_data (G_OBJECT (name), "level", GUINT_TO_POINTER (l));
          g_signal_connect (name, "apply", G_CALLBACK (floor_name_apply_cb), self);
          adw_preferences_group_add (self->levels_group, name);
          g_ptr_array_add (self->level_rows, name);
        }
    }
  self->updating = FALSE;
}

static void
rebuild_import (PwPlanImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  guint building = adw_combo_row_get_selected (self->building_row);
  const char *code = building < self->building_codes->len
                     ? g_ptr_array_index (self->building_codes, building) : NULL;
  g_autofree char *chosen = NULL;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  /* what was chosen by hand stays chosen when the drawing is calibrated again or
   * the ledger changed; another building starts afresh */
  if (self->import != NULL && g_strcmp0 (self->built_for, code) == 0)
    chosen = pw_plan_import_to_json (self->import, TRUE);
  g_clear_pointer (&self->import, pw_plan_import_free);
  gtk_widget_set_visible (self->scale_group, self->scalable);
  if (!self->doc->needs_scale && code != NULL)
    {
      self->import = pw_plan_import_new (self->store, self->park_id, code, self->doc, &error);
      if (self->import != NULL)
        {
          pw_plan_import_set_update_areas (self->import,
                                           gtk_switch_get_active (self->update_areas_switch));
          pw_plan_import_set_include_empty (self->import,
                                            gtk_check_button_get_active (self->empty_levels_check));
          if (chosen != NULL)
            pw_plan_import_load_map (self->import, chosen, NULL);
          g_free (self->built_for);
          self->built_for = g_strdup (code);
        }
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->all_row), self->import != NULL);
  gtk_widget_set_sensitive (self->apply_all_button, self->import != NULL);
  show_error (self, error ? error->message : NULL);
  update_summary (self);
  fill_levels (self);
  fill_rows (self);
}

static gboolean
refresh_cb (gpointer data)
{
  PwPlanImportDialog *self = data;

  self->refresh_id = 0;
  update_summary (self);
  fill_levels (self);
  fill_rows (self);
  return G_SOURCE_REMOVE;
}

/* Shows a changed mapping once the widget that changed it has finished. */
static void
refresh_later (PwPlanImportDialog *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_cb, self);
}

static void
empty_levels_toggled_cb (GtkCheckButton *check, PwPlanImportDialog *self)
{
  if (self->import == NULL)
    return;
  pw_plan_import_set_include_empty (self->import, gtk_check_button_get_active (check));
  refresh_later (self);
}

/* "Every room": as suggested, left out, or new spaces of one kind */
static void
apply_all_clicked_cb (PwPlanImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->all_row);

  if (self->import == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected == 0)
    pw_plan_import_map_all (self->import, PW_PLAN_ROOM_UPDATE, -1);
  else if (selected == 1)
    pw_plan_import_map_all (self->import, PW_PLAN_ROOM_SKIP, -1);
  else
    pw_plan_import_map_all (self->import, PW_PLAN_ROOM_CREATE, (int) selected - 2);
  refresh_later (self);
}

static void
building_changed_cb (AdwComboRow *row, GParamSpec *pspec, PwPlanImportDialog *self)
{
  rebuild_import (self);
}

static void
update_areas_cb (GtkSwitch *sw, GParamSpec *pspec, PwPlanImportDialog *self)
{
  if (self->import != NULL)
    pw_plan_import_set_update_areas (self->import, gtk_switch_get_active (sw));
}

/* ---- calibration ---------------------------------------------------------------------------- */

static gboolean
doc_bounds (PwImportDoc *doc, double *x0, double *y0, double *x1, double *y1)
{
  gboolean any = FALSE;

  *x0 = *y0 = G_MAXDOUBLE;
  *x1 = *y1 = -G_MAXDOUBLE;
  for (guint l = 0; l < doc->levels->len; l++)
    {
      PwImportLevel *level = g_ptr_array_index (doc->levels, l);

      for (guint r = 0; r < level->rooms->len; r++)
        {
          PwImportRoom *room = g_ptr_array_index (level->rooms, r);
          double a, b, c, d;

          if (room->polygon == NULL)
            continue;
          pw_polygon_bounds (room->polygon, &a, &b, &c, &d);
          *x0 = MIN (*x0, a);
          *y0 = MIN (*y0, b);
          *x1 = MAX (*x1, c);
          *y1 = MAX (*y1, d);
          any = TRUE;
        }
    }
  return any;
}

static void
draw_calibration (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  PwPlanImportDialog *self = data;
  double x0, y0, x1, y1;
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  if (!doc_bounds (self->doc, &x0, &y0, &x1, &y1))
    return;
  pw_plan_view_fit (&self->calibrate_view, x0, y0, x1, y1, width, height, 12);
  if (self->drawing != NULL)
    {
      /* the drawing as drawn, with its dimensions and notes: often the known distance;
       * at the scale given so far, as the outlines are */
      cairo_matrix_t identity;
      PwPlanStyle style;

      cairo_matrix_init_scale (&identity, self->doc->scale, self->doc->scale);
      pw_plan_style_init (&style);
      style.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
      pw_plan_draw_background (cr, self->drawing, &identity, &self->calibrate_view, &style);
    }
  cairo_set_line_width (cr, 1);
  gdk_cairo_set_source_rgba (cr, &fg);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint l = 0; l < self->doc->levels->len; l++)
    {
      PwImportLevel *level = g_ptr_array_index (self->doc->levels, l);

      for (guint r = 0; r < level->rooms->len; r++)
        {
          PwImportRoom *room = g_ptr_array_index (level->rooms, r);
          const PwPoint *pts;
          guint n;

          if (room->polygon == NULL)
            continue;
          pts = pw_polygon_get_outer (room->polygon, &n);
          for (guint i = 0; i < n; i++)
            {
              double x = pts[i].x, y = pts[i].y;

              pw_plan_view_to_device (&self->calibrate_view, &x, &y);
              if (i == 0)
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
            }
          cairo_close_path (cr);
        }
    }
  cairo_save (cr);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.08);
  cairo_fill_preserve (cr);
  cairo_restore (cr);
  cairo_stroke (cr);

  /* the two points and the line between them, in the accent blue */
  cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < self->n_points; i++)
    {
      double x = self->points[i].x, y = self->points[i].y;

      pw_plan_view_to_device (&self->calibrate_view, &x, &y);
      cairo_arc (cr, x, y, 5, 0, 2 * G_PI);
      cairo_fill (cr);
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  if (self->n_points == 2)
    {
      double ax = self->points[0].x, ay = self->points[0].y;
      double bx = self->points[1].x, by = self->points[1].y;

      pw_plan_view_to_device (&self->calibrate_view, &ax, &ay);
      pw_plan_view_to_device (&self->calibrate_view, &bx, &by);
      cairo_move_to (cr, ax, ay);
      cairo_line_to (cr, bx, by);
      cairo_stroke (cr);
    }
}

static void
calibrate_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y,
                      PwPlanImportDialog *self)
{
  if (self->n_points == 2)
    self->n_points = 0;
  pw_plan_view_to_plan (&self->calibrate_view, &x, &y);
  self->points[self->n_points].x = x;
  self->points[self->n_points].y = y;
  self->n_points++;
  gtk_widget_set_sensitive (self->calibrate_button, self->n_points == 2);
  if (self->n_points == 2)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *subtitle = NULL;

      g_ascii_formatd (buf, sizeof buf, "%.1f",
                       hypot (self->points[1].x - self->points[0].x,
                              self->points[1].y - self->points[0].y));
      if (self->doc->needs_scale)
        /* TRANSLATORS: the distance between the two points clicked, in drawing units */
        subtitle = g_strdup_printf (_("%s drawing units apart"), buf);
      else
        /* TRANSLATORS: the distance between the two points clicked, at the scale given so far */
        subtitle = g_strdup_printf (_("%s m apart at the present scale"), buf);
      adw_action_row_set_subtitle (self->distance_row, subtitle);
    }
  else
    adw_action_row_set_subtitle (self->distance_row, _("Click the second point"));
  gtk_widget_queue_draw (GTK_WIDGET (self->calibrate_area));
}

static void
calibrate_clicked_cb (PwPlanImportDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (self->n_points != 2)
    return;
  if (!pw_import_doc_calibrate (self->doc, &self->points[0], &self->points[1],
                                gtk_spin_button_get_value (self->distance_spin), &error))
    {
      show_error (self, error->message);
      return;
    }
  /* the points were where the drawing was: click them again to recalibrate */
  self->n_points = 0;
  gtk_widget_set_sensitive (self->calibrate_button, FALSE);
  adw_action_row_set_subtitle (self->distance_row, _("Click two points on the drawing first"));
  gtk_widget_queue_draw (GTK_WIDGET (self->calibrate_area));
  rebuild_import (self);
}

gboolean
pw_plan_import_dialog_set_scale (PwPlanImportDialog *self, double metres_per_unit)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PW_IS_PLAN_IMPORT_DIALOG (self), FALSE);

  /* the scale asked for is of the file's own units, whatever was applied before */
  if (!pw_import_doc_set_scale (self->doc, metres_per_unit / self->doc->scale, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  rebuild_import (self);
  return TRUE;
}

static void
scale_apply_cb (PwPlanImportDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->scale_row));
  char *end = NULL;
  double scale = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0')
    {
      show_error (self, _("The scale is a number of metres per drawing unit, such as 0.01"));
      return;
    }
  pw_plan_import_dialog_set_scale (self, scale);
}

/* ---- import ------------------------------------------------------------------------------------ */

gboolean
pw_plan_import_dialog_commit (PwPlanImportDialog *self, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (PW_IS_PLAN_IMPORT_DIALOG (self), FALSE);

  if (self->import == NULL)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY, _("Nothing is ready to import"));
      return FALSE;
    }
  pw_store_record_begin (self->store);
  ok = pw_plan_import_apply (self->import, error);
  g_clear_pointer (&self->change, pw_change_unref);
  self->change = pw_store_record_end (self->store);
  if (!ok)
    return FALSE;
  g_signal_emit (self, signals[IMPORTED], 0);
  return TRUE;
}

PwChange *
pw_plan_import_dialog_get_change (PwPlanImportDialog *self)
{
  g_return_val_if_fail (PW_IS_PLAN_IMPORT_DIALOG (self), NULL);
  return self->change;
}

static void
import_clicked_cb (PwPlanImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;

  if (!pw_plan_import_dialog_commit (self, &error))
    {
      show_error (self, error->message);
      /* the ledger may have changed meanwhile: show the mapping as it is now */
      if (g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT))
        rebuild_import (self);
      return;
    }
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    {
      guint c, u, s;
      g_autofree char *message = NULL;

      pw_plan_import_count (self->import, &c, &u, &s);
      /* TRANSLATORS: the outcome of a drawing's import: new spaces, redrawn spaces */
      message = g_strdup_printf (_("Drawing imported: %u new spaces, %u redrawn"), c, u);
      pw_undo_toast_show (GTK_WIDGET (parent), self->store, self->change, message);
      /* the plan opens on the floor imported */
      if (pw_plan_import_get_imported_floor (self->import) != NULL)
        gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-floor", "s",
                                    pw_plan_import_get_imported_floor (self->import));
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

PwPlanImport *
pw_plan_import_dialog_get_import (PwPlanImportDialog *self)
{
  g_return_val_if_fail (PW_IS_PLAN_IMPORT_DIALOG (self), NULL);
  return self->import;
}

static void
pw_plan_import_dialog_finalize (GObject *object)
{
  PwPlanImportDialog *self = PW_PLAN_IMPORT_DIALOG (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->import, pw_plan_import_free);
  g_free (self->built_for);
  g_clear_pointer (&self->doc, pw_import_doc_free);
  g_clear_pointer (&self->change, pw_change_unref);
  g_clear_object (&self->drawing);
  g_clear_object (&self->store);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->building_codes, g_ptr_array_unref);
  g_clear_pointer (&self->level_rows, g_ptr_array_unref);
  g_free (self->park_id);
  G_OBJECT_CLASS (pw_plan_import_dialog_parent_class)->finalize (object);
}

static void
pw_plan_import_dialog_class_init (PwPlanImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pw_plan_import_dialog_finalize;

  /**
   * PwPlanImportDialog::imported:
   *
   * The drawing was written to the ledger.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parkwise/Parkwise/pw-plan-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, scale_group);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, calibrate_area);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, distance_row);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, distance_spin);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, calibrate_button);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, target_group);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, building_row);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, update_areas_switch);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, levels_group);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, rooms_group);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, rooms_view);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, empty_levels_row);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, empty_levels_check);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, all_row);
  gtk_widget_class_bind_template_child (widget_class, PwPlanImportDialog, apply_all_button);
  gtk_widget_class_bind_template_callback (widget_class, apply_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, calibrate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, scale_apply_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pw_plan_import_dialog_init (PwPlanImportDialog *self)
{
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_list_store_new (PW_TYPE_IMPORT_ROW);
  self->level_rows = g_ptr_array_new ();
  self->building_codes = g_ptr_array_new_with_free_func (g_free);
  add_columns (self);
  gtk_drawing_area_set_draw_func (self->calibrate_area, draw_calibration, self, NULL);
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (calibrate_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->calibrate_area), GTK_EVENT_CONTROLLER (click));
}

static void
load_buildings (PwPlanImportDialog *self)
{
  g_autoptr(GListModel) parks = pw_ledger_load_parks (self->store, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint p = 0; parks != NULL && p < g_list_model_get_n_items (parks); p++)
    {
      g_autoptr(PwLedgerNode) park = g_list_model_get_item (parks, p);
      GListModel *buildings = pw_ledger_node_get_children (park);

      if (g_strcmp0 (pw_ledger_node_get_id (park), self->park_id) != 0)
        continue;
      for (guint b = 0; b < g_list_model_get_n_items (buildings); b++)
        {
          g_autoptr(PwLedgerNode) building = g_list_model_get_item (buildings, b);
          g_autofree char *label = g_strdup_printf ("%s · %s", pw_ledger_node_get_code (building),
                                                    pw_ledger_node_get_name (building));

          g_ptr_array_add (self->building_codes, g_strdup (pw_ledger_node_get_code (building)));
          gtk_string_list_append (names, label);
        }
    }
  adw_combo_row_set_model (self->building_row, G_LIST_MODEL (names));
}

GtkWidget *
pw_plan_import_dialog_new (PwStore *store, const char *park_id, PwImportDoc *doc)
{
  PwPlanImportDialog *self = g_object_new (PW_TYPE_PLAN_IMPORT_DIALOG, NULL);

  self->store = g_object_ref (store);
  self->park_id = g_strdup (park_id != NULL ? park_id : pw_ledger_first_park_id (store));
  self->doc = doc;
  self->scalable = doc->needs_scale;
  if (doc->drawing != NULL && doc->needs_scale)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (doc->drawing, &size);

      self->drawing = rsvg_handle_new_from_data (data, size, NULL);
    }
  load_buildings (self);
  g_signal_connect (self->building_row, "notify::selected", G_CALLBACK (building_changed_cb), self);
  g_signal_connect (self->update_areas_switch, "notify::active", G_CALLBACK (update_areas_cb), self);
  g_signal_connect (self->empty_levels_check, "toggled", G_CALLBACK (empty_levels_toggled_cb), self);
  for (guint l = 0; l < doc->levels->len; l++)
    if (((PwImportLevel *) g_ptr_array_index (doc->levels, l))->rooms->len == 0)
      gtk_widget_set_visible (self->empty_levels_row, TRUE);
  {
    g_autoptr(GtkStringList) all = gtk_string_list_new (NULL);

    /* TRANSLATORS: every room of the drawing goes where it is suggested to */
    gtk_string_list_append (all, _("As suggested"));
    gtk_string_list_append (all, _("Leave out"));
    for (int k = 0; k < PW_N_SPACE_KINDS; k++)
      {
        g_autofree char *label = g_strdup_printf (_("New space: %s"), pw_space_kind_get_label (k));

        gtk_string_list_append (all, label);
      }
    adw_combo_row_set_model (self->all_row, G_LIST_MODEL (all));
  }
  update_warnings (self);
  rebuild_import (self);
  return GTK_WIDGET (self);
}

/* ---- from the file chooser ------------------------------------------------------------------------ */

typedef struct
{
  GtkWindow *parent;
  PwStore   *store;
  char      *park_id;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->store);
  g_free (job->park_id);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static void
read_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  GError *error = NULL;
  PwImportDoc *doc = pw_import_file (data, &error);

  if (doc == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, doc, (GDestroyNotify) pw_import_doc_free);
}

static void
read_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  PwImportDoc *doc = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWidget *dialog;

  if (doc == NULL)
    {
      GtkWidget *message = adw_message_dialog_new (job->parent, _("Cannot Read the Drawing"),
                                                   error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
      return;
    }
  dialog = pw_plan_import_dialog_new (job->store, job->park_id, doc);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), job->parent);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_response_cb (GtkNativeDialog *native, int response, gpointer user_data)
{
  Job *job = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autoptr(GTask) task = g_task_new (NULL, NULL, read_done_cb, job);

      g_task_set_task_data (task, g_file_get_path (file), g_free);
      g_task_run_in_thread (task, read_in_thread);
    }
  else
    job_free (job);
  g_object_unref (native);
}

void
pw_plan_import_run (GtkWindow *parent, PwStore *store, const char *park_id)
{
  GtkFileChooserNative *native;
  GtkFileFilter *filter = gtk_file_filter_new ();
  Job *job = g_new0 (Job, 1);

  job->parent = parent ? g_object_ref (parent) : NULL;
  job->store = g_object_ref (store);
  job->park_id = g_strdup (park_id);
  gtk_file_filter_set_name (filter, _("Drawings, BIM models and indoor maps"));
  gtk_file_filter_add_suffix (filter, "svg");
  gtk_file_filter_add_suffix (filter, "ifc");
  gtk_file_filter_add_suffix (filter, "geojson");
  gtk_file_filter_add_suffix (filter, "json");
  native = gtk_file_chooser_native_new (_("Import Drawing"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_object_unref (filter);
  g_signal_connect (native, "response", G_CALLBACK (open_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* pw-import-dialog.c — CSV import (with a preview of every problem) and export of spaces
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import is all or nothing: the preview lists every problem of every row, and the
 * Import button stays insensitive while there is one. The file is read with
 * g_file_load_contents_async so that a large file never freezes the window. */

#include "config.h"

#include <glib/gi18n.h>

#include "pw-import-dialog.h"
#include "pw-ledger.h"
#include "pw-ui.h"
#include "pw-undo-toast.h"

/* ---- one problem, as a list item ---------------------------------------- */

#define PW_TYPE_PROBLEM_ITEM (pw_problem_item_get_type ())
G_DECLARE_FINAL_TYPE (PwProblemItem, pw_problem_item, PW, PROBLEM_ITEM, GObject)

struct _PwProblemItem
{
  GObject parent_instance;

  guint line;
  guint column;
  char *field;
  char *message;
};

G_DEFINE_FINAL_TYPE (PwProblemItem, pw_problem_item, G_TYPE_OBJECT)

static void
pw_problem_item_finalize (GObject *object)
{
  PwProblemItem *self = PW_PROBLEM_ITEM (object);

  g_free (self->field);
  g_free (self->message);

  G_OBJECT_CLASS (pw_problem_item_parent_class)->finalize (object);
}

static void
pw_problem_item_class_init (PwProblemItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pw_problem_item_finalize;
}

static void
pw_problem_item_init (PwProblemItem *self)
{
}

static PwProblemItem *
pw_problem_item_new (const PwCsvProblem *problem)
{
  PwProblemItem *self = g_object_new (PW_TYPE_PROBLEM_ITEM, NULL);

  self->line = problem->line;
  self->column = problem->column;
  self->field = g_strdup (problem->field);
  self->message = g_strdup (problem->message);
  return self;
}

/* ---- the preview window ------------------------------------------------- */

enum {
  COLUMN_LINE,
  COLUMN_COLUMN,
  COLUMN_FIELD,
  COLUMN_MESSAGE,
  N_COLUMNS
};

struct _PwImportPreview
{
  AdwWindow parent_instance;

  PwStore *store;
  PwCsvImport *import;
  gboolean committed;
  PwChange *change; /* what the import wrote, for its Undo */

  AdwToastOverlay *toast_overlay;
  GtkButton *import_button;
  GtkButton *cancel_button;
  GtkLabel *error_label;
  GtkLabel *rows_label;
  GtkLabel *new_label;
  GtkLabel *updated_label;
  GtkLabel *unchanged_label;
  GtkWidget *problems_box;
  GtkLabel *problems_label;
  GtkColumnView *problems_view;
};

G_DEFINE_FINAL_TYPE (PwImportPreview, pw_import_preview, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (GtkWindow  *parent,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_clicked_cb (PwImportPreview *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkWindow *parent;

  if (!pw_import_preview_commit (self, &error))
    {
      if (g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT))
        {
          g_autofree char *message =
            g_strdup_printf (_("Nothing was imported: a space changed since the file was checked. "
                               "Close this window and import the file again. (%s)"), error->message);
          gtk_label_set_text (self->error_label, message);
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("Nothing was imported: %s"), error->message);
          gtk_label_set_text (self->error_label, message);
        }
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  /* Translators: the outcome of an import, e.g. "3 new spaces, 2 updated." */
  body = g_strdup_printf (_("%u new spaces, %u updated, %u unchanged."),
                          pw_csv_import_get_n_new (self->import),
                          pw_csv_import_get_n_updated (self->import),
                          pw_csv_import_get_n_unchanged (self->import));
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  /* a toast in the window, with Undo; a message where there is none */
  if (parent == NULL
      || pw_undo_toast_show (GTK_WIDGET (parent), self->store, self->change, body) == NULL)
    show_message (parent, _("Spaces Imported"), body);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  int column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (column == COLUMN_MESSAGE)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  else if (column == COLUMN_LINE || column == COLUMN_COLUMN)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  int column = GPOINTER_TO_INT (user_data);
  PwProblemItem *problem = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_LINE:
      text = g_strdup_printf ("%u", problem->line);
      break;
    case COLUMN_COLUMN:
      /* 0 is a problem about the whole row */
      text = problem->column > 0 ? g_strdup_printf ("%u", problem->column) : g_strdup ("—");
      break;
    case COLUMN_FIELD:
      text = g_strdup (problem->field != NULL ? problem->field : "—");
      break;
    case COLUMN_MESSAGE:
    default:
      text = g_strdup (problem->message != NULL ? problem->message : "");
      break;
    }
  gtk_label_set_text (label, text);
}

static void
add_column (PwImportPreview *self,
            const char      *title,
            int              column,
            gboolean         expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->problems_view, view_column);
  g_object_unref (view_column);
}

static void
fill_preview (PwImportPreview *self)
{
  GPtrArray *problems = pw_csv_import_get_problems (self->import);
  g_autoptr(GListStore) store = g_list_store_new (PW_TYPE_PROBLEM_ITEM);
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *rows = g_strdup_printf ("%u", pw_csv_import_get_n_rows (self->import));
  g_autofree char *n_new = g_strdup_printf ("%u", pw_csv_import_get_n_new (self->import));
  g_autofree char *updated = g_strdup_printf ("%u", pw_csv_import_get_n_updated (self->import));
  g_autofree char *unchanged = g_strdup_printf ("%u", pw_csv_import_get_n_unchanged (self->import));
  guint n_problems = problems != NULL ? problems->len : 0;

  gtk_label_set_text (self->rows_label, rows);
  gtk_label_set_text (self->new_label, n_new);
  gtk_label_set_text (self->updated_label, updated);
  gtk_label_set_text (self->unchanged_label, unchanged);

  for (guint i = 0; i < n_problems; i++)
    {
      g_autoptr(PwProblemItem) item = pw_problem_item_new (g_ptr_array_index (problems, i));
      g_list_store_append (store, item);
    }
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&store)));
  gtk_column_view_set_model (self->problems_view, GTK_SELECTION_MODEL (selection));

  if (n_problems > 0)
    {
      g_autofree char *summary =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u problem was found. Correct the file and import it again.",
                                      "%u problems were found. Correct the file and import it again.",
                                      n_problems),
                         n_problems);
      gtk_label_set_text (self->problems_label, summary);
    }
  gtk_widget_set_visible (self->problems_box, n_problems > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), pw_import_preview_can_import (self));
}

static void
pw_import_preview_dispose (GObject *object)
{
  PwImportPreview *self = PW_IMPORT_PREVIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_IMPORT_PREVIEW);
  g_clear_pointer (&self->import, pw_csv_import_free);
  g_clear_pointer (&self->change, pw_change_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pw_import_preview_parent_class)->dispose (object);
}

static void
pw_import_preview_class_init (PwImportPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_import_preview_dispose;

  /**
   * PwImportPreview::imported:
   *
   * Emitted after the import was written to the store.
   */
  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parkwise/Parkwise/pw-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PwImportPreview, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PwImportPreview, import_button);
  gtk_widget_class_bind_template_child (widget_class, PwImportPreview, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PwImportPreview, error_label);
  gtk_widget_class_bind_template_child (widget_class, PwImportPreview, rows_label);
  gtk_widget_class_bind_template_child (widget_class, PwImportPreview, new_label);
  gtk_widget_class_bind_template_child (widget_class, PwImportPreview, updated_label);
  gtk_widget_class_bind_template_child (widget_class, PwImportPreview, unchanged_label);
  gtk_widget_class_bind_template_child (widget_class, PwImportPreview, problems_box);
  gtk_widget_class_bind_template_child (widget_class, PwImportPreview, problems_label);
  gtk_widget_class_bind_template_child (widget_class, PwImportPreview, problems_view);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pw_import_preview_init (PwImportPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_column (self, _("Line"), COLUMN_LINE, FALSE);
  add_column (self, _("Column"), COLUMN_COLUMN, FALSE);
  add_column (self, _("Field"), COLUMN_FIELD, FALSE);
  add_column (self, _("Problem"), COLUMN_MESSAGE, TRUE);

  /* GTK 4.8 would read a mnemonic button as "_Import Import" */
  pw_ui_set_accessible_name (GTK_WIDGET (self->import_button), _("Import"));
  pw_ui_set_accessible_name (GTK_WIDGET (self->cancel_button), _("Cancel"));
}

GtkWidget *
pw_import_preview_new (PwStore     *store,
                       PwCsvImport *import)
{
  PwImportPreview *self;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (import != NULL, NULL);

  self = g_object_new (PW_TYPE_IMPORT_PREVIEW, NULL);
  self->store = g_object_ref (store);
  self->import = import;
  fill_preview (self);
  return GTK_WIDGET (self);
}

gboolean
pw_import_preview_can_import (PwImportPreview *self)
{
  GPtrArray *problems;

  g_return_val_if_fail (PW_IS_IMPORT_PREVIEW (self), FALSE);

  if (self->import == NULL || self->committed)
    return FALSE;
  problems = pw_csv_import_get_problems (self->import);
  return problems == NULL || problems->len == 0;
}

gboolean
pw_import_preview_commit (PwImportPreview *self,
                          GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (PW_IS_IMPORT_PREVIEW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pw_import_preview_can_import (self))
    {
      g_set_error_literal (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_CSV,
                           _("The file has problems; nothing will be imported until every row is valid"));
      return FALSE;
    }

  pw_store_record_begin (self->store);
  ok = pw_csv_import_commit (self->import, error);
  g_clear_pointer (&self->change, pw_change_unref);
  self->change = pw_store_record_end (self->store);
  if (!ok)
    return FALSE;

  self->committed = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  g_signal_emit (self, signals[IMPORTED], 0);
  return TRUE;
}

PwChange *
pw_import_preview_get_change (PwImportPreview *self)
{
  g_return_val_if_fail (PW_IS_IMPORT_PREVIEW (self), NULL);
  return self->change;
}

/* ---- running an import or an export ------------------------------------- */

typedef struct
{
  GtkWindow *parent;
  PwStore *store;
  char *park_id;
  GFile *file;
} Job;

static Job *
job_new (GtkWindow  *parent,
         PwStore    *store,
         const char *park_id)
{
  Job *job = g_new0 (Job, 1);

  job->parent = parent != NULL ? g_object_ref (parent) : NULL;
  job->store = g_object_ref (store);
  job->park_id = g_strdup (park_id);
  return job;
}

static void
job_free (Job *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->store);
  g_clear_object (&job->file);
  g_free (job->park_id);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static GtkFileFilter *
new_csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  return filter;
}

static char *
describe_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return g_filename_display_name (name != NULL ? name : "");
}

static void
contents_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PwCsvImport) import = NULL;
  g_autofree char *display = describe_file (job->file);
  char *contents = NULL;
  gsize length = 0;
  GtkWidget *preview;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      /* Translators: %s is a file name */
      g_autofree char *heading = g_strdup_printf (_("Cannot Read “%s”"), display);
      show_message (job->parent, heading, error->message);
      return;
    }
  bytes = g_bytes_new_take (contents, length);

  import = pw_csv_import_prepare (job->store, job->park_id, bytes, display, &error);
  if (import == NULL)
    {
      /* Translators: %s is a file name */
      g_autofree char *heading = g_strdup_printf (_("Cannot Import “%s”"), display);
      show_message (job->parent, heading, error->message);
      return;
    }

  preview = pw_import_preview_new (job->store, g_steal_pointer (&import));
  {
    /* Translators: the preview's title; %s is a file name */
    g_autofree char *title = g_strdup_printf (_("Import “%s”"), display);
    gtk_window_set_title (GTK_WINDOW (preview), title);
  }
  if (job->parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (preview), job->parent);
  gtk_window_present (GTK_WINDOW (preview));
}

static void
import_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(Job) job = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      job->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      if (job->file != NULL)
        {
          Job *loading = g_steal_pointer (&job);
          g_file_load_contents_async (loading->file, NULL, contents_loaded_cb, loading);
        }
    }
  g_object_unref (native);
}

void
pw_import_csv_run (GtkWindow  *parent,
                   PwStore    *store,
                   const char *park_id)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = new_csv_filter ();

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (PW_IS_STORE (store));

  native = gtk_file_chooser_native_new (_("Import Spaces"), parent,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect (native, "response", G_CALLBACK (import_response_cb),
                    job_new (parent, store, park_id));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
contents_replaced_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *display = describe_file (job->file);
      /* Translators: %s is a file name */
      g_autofree char *heading = g_strdup_printf (_("Cannot Save “%s”"), display);
      show_message (job->parent, heading, error->message);
    }
}

static void
export_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(Job) job = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      job->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      if (job->file != NULL)
        {
          bytes = pw_csv_export (job->store, job->park_id, &error);
          if (bytes == NULL)
            show_message (job->parent, _("Cannot Export Spaces"), error->message);
          else
            {
              Job *saving = g_steal_pointer (&job);
              g_file_replace_contents_bytes_async (saving->file, bytes, NULL, FALSE,
                                                   G_FILE_CREATE_REPLACE_DESTINATION,
                                                   NULL, contents_replaced_cb, saving);
            }
        }
    }
  g_object_unref (native);
}

/* The park's code for the suggested file name, or NULL. */
static char *
find_park_code (PwStore    *store,
                const char *park_id)
{
  g_autoptr(GListModel) parks = pw_ledger_load_parks (store, NULL);
  guint n;

  if (parks == NULL)
    return NULL;
  if (park_id == NULL)
    park_id = pw_ledger_first_park_id (store);

  n = g_list_model_get_n_items (parks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwLedgerNode) park = g_list_model_get_item (parks, i);

      if (g_strcmp0 (pw_ledger_node_get_id (park), park_id) == 0)
        return g_strdup (pw_ledger_node_get_code (park));
    }
  return NULL;
}

void
pw_export_csv_run (GtkWindow  *parent,
                   PwStore    *store,
                   const char *park_id)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = new_csv_filter ();
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (PW_IS_STORE (store));

  code = find_park_code (store, park_id);
  /* Not translated: the same name on every desktop, for scripts that pick it up. */
  name = g_strdup_printf ("%s-spaces.csv", code != NULL ? code : "park");

  native = gtk_file_chooser_native_new (_("Export Spaces"), parent,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (export_response_cb),
                    job_new (parent, store, park_id));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

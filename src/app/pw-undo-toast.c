/* pw-undo-toast.c — a toast with an Undo button for a change just committed
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each toast overlay gets an "undo" action group once. The changes its toasts
 * offer to undo are kept by number until undone or until their toast is gone;
 * the Undo button activates "undo.undo" with that number. What undo does is
 * in docs/undo.md.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-undo-toast.h"

#define PENDING_KEY "pw-undo-toast-pending"

typedef struct
{
  PwStore  *store;
  PwChange *change;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *p = data;

  g_clear_object (&p->store);
  g_clear_pointer (&p->change, pw_change_unref);
  g_free (p);
}

static guint64 last_serial;

static AdwToastOverlay *
find_in (GtkWidget *widget, gboolean mapped_only)
{
  if (ADW_IS_TOAST_OVERLAY (widget) && (!mapped_only || gtk_widget_get_mapped (widget)))
    return ADW_TOAST_OVERLAY (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *found = find_in (child, mapped_only);

      if (found != NULL)
        return found;
    }
  return NULL;
}

AdwToastOverlay *
pw_undo_toast_find_overlay (GtkWidget *anywhere)
{
  GtkWidget *ancestor;
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (anywhere), NULL);

  ancestor = gtk_widget_get_ancestor (anywhere, ADW_TYPE_TOAST_OVERLAY);
  if (ancestor != NULL)
    return ADW_TOAST_OVERLAY (ancestor);
  /* a dialog without one of its own: the window it is for */
  root = GTK_IS_WINDOW (anywhere) ? GTK_ROOT (anywhere) : gtk_widget_get_root (anywhere);
  while (GTK_IS_WINDOW (root))
    {
      AdwToastOverlay *found = find_in (GTK_WIDGET (root), TRUE);

      if (found == NULL)
        found = find_in (GTK_WIDGET (root), FALSE);
      if (found != NULL)
        return found;
      root = (GtkRoot *) gtk_window_get_transient_for (GTK_WINDOW (root));
    }
  return NULL;
}

static void
undo_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  AdwToastOverlay *overlay = user_data;
  GHashTable *pending = g_object_get_data (G_OBJECT (overlay), PENDING_KEY);
  guint64 serial = g_variant_get_uint64 (parameter);
  g_autoptr(GError) error = NULL;
  gpointer stolen = NULL;
  Pending *p;
  AdwToast *toast;

  if (!g_hash_table_steal_extended (pending, &serial, NULL, &stolen))
    return; /* undone already */
  p = stolen;
  if (pw_change_undo (p->store, p->change, NULL, &error))
    toast = adw_toast_new (_("Undone"));
  else
    {
      /* Translators: %s says why, e.g. "the space T1-F01-001 was changed since" */
      g_autofree char *message = g_strdup_printf (_("Could not undo: %s"), error->message);
      toast = adw_toast_new (message);
      adw_toast_set_timeout (toast, 8);
    }
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (overlay, toast);
  pending_free (p);
}

static GHashTable *
ensure_action (AdwToastOverlay *overlay)
{
  GHashTable *pending = g_object_get_data (G_OBJECT (overlay), PENDING_KEY);
  g_autoptr(GSimpleActionGroup) group = NULL;
  g_autoptr(GSimpleAction) action = NULL;

  if (pending != NULL)
    return pending;
  pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, pending_free);
  g_object_set_data_full (G_OBJECT (overlay), PENDING_KEY, pending,
                          (GDestroyNotify) g_hash_table_unref);
  group = g_simple_action_group_new ();
  action = g_simple_action_new ("undo", G_VARIANT_TYPE_UINT64);
  g_signal_connect_object (action, "activate", G_CALLBACK (undo_activated_cb), overlay, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (overlay), "undo", G_ACTION_GROUP (group));
  return pending;
}

typedef struct
{
  AdwToastOverlay *overlay; /* weak */
  guint64          serial;
} Forget;

static gboolean
forget_cb (gpointer data)
{
  Forget *forget = data;

  if (forget->overlay != NULL)
    {
      GHashTable *pending = g_object_get_data (G_OBJECT (forget->overlay), PENDING_KEY);

      if (pending != NULL)
        g_hash_table_remove (pending, &forget->serial);
      g_object_remove_weak_pointer (G_OBJECT (forget->overlay), (gpointer *) &forget->overlay);
    }
  g_free (forget);
  return G_SOURCE_REMOVE;
}

/* Once its toast is gone, a change can no longer be undone from it: let go of
 * it, after the button's action (if that is what dismissed it) has run. */
static void
toast_dismissed_cb (AdwToast *toast,
                    Forget   *forget)
{
  g_idle_add (forget_cb, forget);
}

AdwToast *
pw_undo_toast_show (GtkWidget  *anywhere,
                    PwStore    *store,
                    PwChange   *change,
                    const char *title)
{
  AdwToastOverlay *overlay;
  AdwToast *toast;

  g_return_val_if_fail (GTK_IS_WIDGET (anywhere), NULL);
  g_return_val_if_fail (change == NULL || PW_IS_STORE (store), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  overlay = pw_undo_toast_find_overlay (anywhere);
  if (overlay == NULL)
    return NULL;

  toast = adw_toast_new (title);
  if (change != NULL)
    {
      GHashTable *pending = ensure_action (overlay);
      Pending *p = g_new0 (Pending, 1);
      guint64 serial = ++last_serial;
      Forget *forget = g_new0 (Forget, 1);

      p->store = g_object_ref (store);
      p->change = pw_change_ref (change);
      g_hash_table_insert (pending, g_memdup2 (&serial, sizeof serial), p);
      forget->overlay = overlay;
      forget->serial = serial;
      g_object_add_weak_pointer (G_OBJECT (overlay), (gpointer *) &forget->overlay);
      g_signal_connect (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), forget);

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, PW_UNDO_TOAST_ACTION);
      adw_toast_set_action_target_value (toast, g_variant_new_uint64 (serial));
      /* time to read it and decide; shown now, ahead of an earlier toast */
      adw_toast_set_timeout (toast, 10);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    }
  else
    adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (overlay, toast);
  return toast;
}

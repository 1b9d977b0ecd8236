/* pw-preferences-window.c — display preferences: area unit and currency display
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pw-preferences-window.h"

struct _PwPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* template children */
  AdwComboRow          *area_unit_row;
  GtkSpinButton        *expiry_days_spin;
  GtkSwitch            *shared_walls_switch;
  AdwComboRow          *currency_row;
};

G_DEFINE_FINAL_TYPE (PwPreferencesWindow, pw_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The rows list the enum's values in their numeric order, so the row's
 * selected position is the enum value. */
static gboolean
enum_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_strcmp0 (nicks[i], nick) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
selected_to_enum (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) nicks))
    return NULL;

  return g_variant_new_string (nicks[selected]);
}

GtkWidget *
pw_preferences_window_new (void)
{
  return g_object_new (PW_TYPE_PREFERENCES_WINDOW, NULL);
}

static void
pw_preferences_window_dispose (GObject *object)
{
  PwPreferencesWindow *self = PW_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pw_preferences_window_parent_class)->dispose (object);
}

static void
pw_preferences_window_class_init (PwPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parkwise/Parkwise/pw-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, area_unit_row);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, expiry_days_spin);
  gtk_widget_class_bind_template_child (widget_class, PwPreferencesWindow, shared_walls_switch);
}

static void
pw_preferences_window_init (PwPreferencesWindow *self)
{
  static const char * const area_units[] = { "m2", "ft2", NULL };
  static const char * const currency_displays[] = { "symbol", "code", NULL };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind_with_mapping (self->settings, "area-unit",
                                self->area_unit_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                enum_to_selected, selected_to_enum,
                                (gpointer) area_units, NULL);
  g_settings_bind_with_mapping (self->settings, "currency-display",
                                self->currency_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                enum_to_selected, selected_to_enum,
                                (gpointer) currency_displays, NULL);
  g_settings_bind (self->settings, "expiry-alert-days",
                   gtk_spin_button_get_adjustment (self->expiry_days_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "plan-shared-walls", self->shared_walls_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

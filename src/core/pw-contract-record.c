/* pw-contract-record.c — one lease contract as lists show it, read by one core query
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "pw-contract-record.h"

struct _PwContractRecord
{
  GObject           parent_instance;
  char             *id;
  char             *code;
  PwContractStatus  status;
  char             *customer_id;
  char             *customer_name;
  char             *start_date;
  char             *end_date;
  char             *signed_date;
  char             *ended_date;
  gint64            current_version;
  GStrv             spaces;
  char             *spaces_text;
  GStrv             buildings;
  int               days_left;
  GStrv             alerts;
};

G_DEFINE_FINAL_TYPE (PwContractRecord, pw_contract_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_NAME,
  PROP_START_DATE,
  PROP_END_DATE,
  PROP_SIGNED_DATE,
  PROP_ENDED_DATE,
  PROP_CURRENT_VERSION,
  PROP_SPACES,
  PROP_SPACES_TEXT,
  PROP_BUILDINGS,
  PROP_DAYS_LEFT,
  PROP_ALERTS,
  PROP_N_ALERTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_contract_record_finalize (GObject *object)
{
  PwContractRecord *self = PW_CONTRACT_RECORD (object);

  g_free (self->id);
  g_free (self->code);
  g_free (self->customer_id);
  g_free (self->customer_name);
  g_free (self->start_date);
  g_free (self->end_date);
  g_free (self->signed_date);
  g_free (self->ended_date);
  g_strfreev (self->spaces);
  g_free (self->spaces_text);
  g_strfreev (self->buildings);
  g_strfreev (self->alerts);

  G_OBJECT_CLASS (pw_contract_record_parent_class)->finalize (object);
}

static void
pw_contract_record_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PwContractRecord *self = PW_CONTRACT_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_CODE: g_value_set_string (value, self->code); break;
    case PROP_STATUS: g_value_set_int (value, self->status); break;
    case PROP_STATUS_LABEL: g_value_set_string (value, pw_contract_status_get_label (self->status)); break;
    case PROP_CUSTOMER_ID: g_value_set_string (value, self->customer_id); break;
    case PROP_CUSTOMER_NAME: g_value_set_string (value, self->customer_name); break;
    case PROP_START_DATE: g_value_set_string (value, self->start_date); break;
    case PROP_END_DATE: g_value_set_string (value, self->end_date); break;
    case PROP_SIGNED_DATE: g_value_set_string (value, self->signed_date); break;
    case PROP_ENDED_DATE: g_value_set_string (value, self->ended_date); break;
    case PROP_CURRENT_VERSION: g_value_set_int64 (value, self->current_version); break;
    case PROP_SPACES: g_value_set_boxed (value, self->spaces); break;
    case PROP_SPACES_TEXT: g_value_set_string (value, self->spaces_text); break;
    case PROP_BUILDINGS: g_value_set_boxed (value, self->buildings); break;
    case PROP_DAYS_LEFT: g_value_set_int (value, self->days_left); break;
    case PROP_ALERTS: g_value_set_boxed (value, self->alerts); break;
    case PROP_N_ALERTS: g_value_set_uint (value, g_strv_length (self->alerts)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_contract_record_class_init (PwContractRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pw_contract_record_finalize;
  object_class->get_property = pw_contract_record_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  /* a PwContractStatus */
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, 0, PW_N_CONTRACT_STATUSES - 1, 0,
                                              flags);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, flags);
  properties[PROP_CUSTOMER_ID] = g_param_spec_string ("customer-id", NULL, NULL, NULL, flags);
  properties[PROP_CUSTOMER_NAME] = g_param_spec_string ("customer-name", NULL, NULL, NULL, flags);
  properties[PROP_START_DATE] = g_param_spec_string ("start-date", NULL, NULL, NULL, flags);
  properties[PROP_END_DATE] = g_param_spec_string ("end-date", NULL, NULL, NULL, flags);
  properties[PROP_SIGNED_DATE] = g_param_spec_string ("signed-date", NULL, NULL, NULL, flags);
  properties[PROP_ENDED_DATE] = g_param_spec_string ("ended-date", NULL, NULL, NULL, flags);
  properties[PROP_CURRENT_VERSION] = g_param_spec_int64 ("current-version", NULL, NULL, 0, G_MAXINT64, 1,
                                                         flags);
  properties[PROP_SPACES] = g_param_spec_boxed ("spaces", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_SPACES_TEXT] = g_param_spec_string ("spaces-text", NULL, NULL, NULL, flags);
  properties[PROP_BUILDINGS] = g_param_spec_boxed ("buildings", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_DAYS_LEFT] = g_param_spec_int ("days-left", NULL, NULL, G_MININT, G_MAXINT,
                                                 PW_CONTRACT_RECORD_NO_DAYS, flags);
  properties[PROP_ALERTS] = g_param_spec_boxed ("alerts", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_N_ALERTS] = g_param_spec_uint ("n-alerts", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_contract_record_init (PwContractRecord *self)
{
  self->days_left = PW_CONTRACT_RECORD_NO_DAYS;
  self->current_version = 1;
}

/* Getters */

#define GETTER(type, name, expr)                                    \
  type                                                              \
  pw_contract_record_get_##name (PwContractRecord *self)            \
  {                                                                 \
    g_return_val_if_fail (PW_IS_CONTRACT_RECORD (self), 0);         \
    return expr;                                                    \
  }

GETTER (const char *, id, self->id)
GETTER (const char *, code, self->code)
GETTER (PwContractStatus, status, self->status)
GETTER (const char *, status_label, pw_contract_status_get_label (self->status))
GETTER (const char *, customer_id, self->customer_id)
GETTER (const char *, customer_name, self->customer_name)
GETTER (const char *, start_date, self->start_date)
GETTER (const char *, end_date, self->end_date)
GETTER (const char *, signed_date, self->signed_date)
GETTER (const char *, ended_date, self->ended_date)
GETTER (gint64, current_version, self->current_version)
GETTER (const char *const *, spaces, (const char *const *) self->spaces)
GETTER (const char *, spaces_text, self->spaces_text)
GETTER (const char *const *, buildings, (const char *const *) self->buildings)
GETTER (int, days_left, self->days_left)
GETTER (const char *const *, alerts, (const char *const *) self->alerts)
GETTER (guint, n_alerts, g_strv_length (self->alerts))
#undef GETTER

gboolean
pw_contract_record_in_building (PwContractRecord *self,
                                const char       *building_code)
{
  g_return_val_if_fail (PW_IS_CONTRACT_RECORD (self), FALSE);

  return building_code == NULL || g_strv_contains ((const char *const *) self->buildings, building_code);
}

gboolean
pw_contract_record_can_become (PwContractRecord *self,
                               PwContractStatus  status)
{
  g_return_val_if_fail (PW_IS_CONTRACT_RECORD (self), FALSE);

  return pw_contract_status_can_become (self->status, status);
}

gboolean
pw_contract_record_can_amend (PwContractRecord *self)
{
  g_return_val_if_fail (PW_IS_CONTRACT_RECORD (self), FALSE);

  return pw_contract_status_can_amend (self->status);
}

gboolean
pw_contract_record_can_renew (PwContractRecord *self)
{
  g_return_val_if_fail (PW_IS_CONTRACT_RECORD (self), FALSE);

  return pw_contract_status_can_renew (self->status);
}

/* The query */

static char *
dup_column (sqlite3_stmt *stmt,
            int           i)
{
  const char *text = (const char *) sqlite3_column_text (stmt, i);

  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* A space-separated list as a sorted vector without duplicates. */
static GStrv
split_codes (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", " ", -1);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0' && !g_ptr_array_find_with_equal_func (codes, parts[i], g_str_equal, NULL))
      g_ptr_array_add (codes, g_strdup (parts[i]));
  g_ptr_array_sort (codes, compare_codes);
  g_ptr_array_add (codes, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&codes), FALSE);
}

static int
days_between (const char *from,
              const char *to)
{
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  if (from == NULL || to == NULL)
    return 0;
  g_date_set_parse (&a, from);
  g_date_set_parse (&b, to);
  if (!g_date_valid (&a) || !g_date_valid (&b))
    return 0;
  return (int) ((gint64) g_date_get_julian (&b) - (gint64) g_date_get_julian (&a));
}

static PwContractRecord *
record_from_row (PwStore      *store,
                 sqlite3_stmt *stmt,
                 const char   *today)
{
  PwContractRecord *self = g_object_new (PW_TYPE_CONTRACT_RECORD, NULL);
  int status = pw_contract_status_from_string ((const char *) sqlite3_column_text (stmt, 2));
  g_autoptr(GPtrArray) alerts = NULL;

  self->id = dup_column (stmt, 0);
  self->code = dup_column (stmt, 1);
  self->status = status >= 0 ? (PwContractStatus) status : PW_CONTRACT_DRAFT;
  self->start_date = dup_column (stmt, 3);
  self->end_date = dup_column (stmt, 4);
  self->signed_date = dup_column (stmt, 5);
  self->ended_date = dup_column (stmt, 6);
  self->current_version = sqlite3_column_int64 (stmt, 7);
  self->customer_id = dup_column (stmt, 8);
  self->customer_name = dup_column (stmt, 9);
  self->spaces = split_codes ((const char *) sqlite3_column_text (stmt, 10));
  self->spaces_text = g_strjoinv (", ", self->spaces);
  self->buildings = split_codes ((const char *) sqlite3_column_text (stmt, 11));
  if (self->status == PW_CONTRACT_SIGNED || self->status == PW_CONTRACT_ACTIVE
      || self->status == PW_CONTRACT_EXPIRING)
    self->days_left = days_between (today, self->end_date);

  /* what to look at; a contract whose terms cannot be read has none to show here */
  alerts = pw_lease_alerts (store, self->id, NULL);
  if (alerts == NULL)
    alerts = g_ptr_array_new ();
  else
    g_ptr_array_set_free_func (alerts, NULL);
  g_ptr_array_add (alerts, NULL);
  self->alerts = g_strdupv ((char **) alerts->pdata);
  return self;
}

static GPtrArray *
load_records (PwStore     *store,
              const char  *contract_id,
              const char  *park_id,
              int          status,
              int          expiring_days,
              const char  *today,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT c.id, c.code, c.status, c.start_date, c.end_date, c.signed_date, c.ended_date,"
    " c.current_version, c.customer_id, cu.name,"
    " (SELECT group_concat (s.code, ' ') FROM contract_space cs JOIN space s ON s.id = cs.space_id"
    "  WHERE cs.contract_id = c.id),"
    " (SELECT group_concat (b.code, ' ') FROM contract_space cs JOIN space s ON s.id = cs.space_id"
    "  JOIN floor f ON f.id = s.floor_id JOIN building b ON b.id = f.building_id"
    "  WHERE cs.contract_id = c.id)"
    " FROM contract c LEFT JOIN customer cu ON cu.id = c.customer_id"
    " WHERE (?5 IS NULL OR c.id = ?5) AND (?1 IS NULL OR c.park_id = ?1)"
    " AND (?2 IS NULL OR c.status = ?2)"
    " AND (?3 < 0 OR (c.status IN ('signed', 'active', 'expiring')"
    "                 AND c.end_date >= ?4 AND julianday (c.end_date) - julianday (?4) <= ?3))"
    " ORDER BY c.end_date, c.code", error);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  if (status >= 0)
    sqlite3_bind_text (stmt, 2, pw_contract_status_to_string (status), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, expiring_days);
  sqlite3_bind_text (stmt, 4, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, contract_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, record_from_row (store, stmt, today));
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading contracts"));
      return NULL;
    }
  return g_steal_pointer (&records);
}

GPtrArray *
pw_contract_records_load (PwStore     *store,
                          const char  *park_id,
                          int          status,
                          int          expiring_days,
                          const char  *today,
                          GError     **error)
{
  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  return load_records (store, NULL, park_id, status, expiring_days, today, error);
}

PwContractRecord *
pw_contract_record_load (PwStore     *store,
                         const char  *contract_id,
                         const char  *today,
                         GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (contract_id != NULL && today != NULL, NULL);

  records = load_records (store, contract_id, NULL, -1, -1, today, error);
  if (records == NULL)
    return NULL;
  if (records->len == 0)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                   /* Translators: %s is a contract's id */
                   _("No contract %s"), contract_id);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (records, 0));
}

/* pw-ledger-enums.c — the ledger's closed vocabularies
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-ledger-enums.h"

typedef struct {
  const char *id;
  const char *label;
} Term;

static const Term space_kinds[] = {
  { "office", N_("Office") },
  { "retail", N_("Retail") },
  { "workshop", N_("Workshop") },
  { "warehouse", N_("Warehouse") },
  { "lab", N_("Laboratory") },
  { "parking_bay", N_("Parking bay") },
  { "storage", N_("Storage") },
  { "machine_room", N_("Machine room") },
  { "common_area", N_("Common area") },
  { "ad_slot", N_("Ad slot") },
  { "workstation", N_("Workstation") },
};

static const Term space_statuses[] = {
  { "available", N_("Available") },
  { "reserved", N_("Reserved") },
  { "leased", N_("Leased") },
  { "under_repair", N_("Under repair") },
  { "under_renovation", N_("Under renovation") },
  { "frozen", N_("Frozen") },
  { "disposed", N_("Disposed") },
};

static const Term area_bases[] = {
  /* Not "gross": a space's surveyed gross area is another figure (docs/areas.md). */
  { "gross", N_("Internal area plus common share") },
  { "internal", N_("Internal area only") },
  { "usable", N_("Usable area only") },
};

static const Term pool_levels[] = {
  { "", N_("Not shared") },
  { "floor", N_("Shared by the floor") },
  { "building", N_("Shared by the building") },
};

static const Term building_kinds[] = {
  { "office", N_("Office building") },
  { "workshop", N_("Workshop block") },
  { "warehouse", N_("Logistics warehouse") },
  { "parking", N_("Parking structure") },
  { "lab", N_("Laboratory building") },
  { "mixed", N_("Mixed use") },
};

static const Term equipment_statuses[] = {
  { "in_service", N_("In service") },
  { "under_repair", N_("Under repair") },
  { "standby", N_("Standby") },
  { "disposed", N_("Disposed") },
};

static int
find_term (const Term *terms, guint n, const char *str)
{
  if (str == NULL)
    return -1;
  for (guint i = 0; i < n; i++)
    if (g_str_equal (terms[i].id, str))
      return (int) i;
  return -1;
}

#define DEFINE_TERMS(prefix, Type, table, count)                                 \
  const char *prefix##_to_string (Type v)                                        \
  {                                                                              \
    g_return_val_if_fail ((guint) v < (count), NULL);                            \
    return table[v].id;                                                          \
  }                                                                              \
  int prefix##_from_string (const char *str)                                     \
  {                                                                              \
    return find_term (table, G_N_ELEMENTS (table), str);                         \
  }                                                                              \
  const char *prefix##_get_label (Type v)                                        \
  {                                                                              \
    g_return_val_if_fail ((guint) v < (count), NULL);                            \
    return g_dgettext (GETTEXT_PACKAGE, table[v].label);                         \
  }                                                                              \
  G_STATIC_ASSERT (G_N_ELEMENTS (table) == (count))

DEFINE_TERMS (pw_space_kind, PwSpaceKind, space_kinds, PW_N_SPACE_KINDS);
DEFINE_TERMS (pw_space_status, PwSpaceStatus, space_statuses, PW_N_SPACE_STATUSES);
DEFINE_TERMS (pw_area_basis, PwAreaBasis, area_bases, PW_N_AREA_BASES);
DEFINE_TERMS (pw_building_kind, PwBuildingKind, building_kinds, PW_N_BUILDING_KINDS);
DEFINE_TERMS (pw_equipment_status, PwEquipmentStatus, equipment_statuses,
              PW_N_EQUIPMENT_STATUSES);

/* Pools are stored as NULL for "not shared", so they get their own pair. */
const char *
pw_pool_level_to_string (PwPoolLevel pool)
{
  g_return_val_if_fail ((guint) pool < PW_N_POOLS, NULL);
  return pool == PW_POOL_NONE ? NULL : pool_levels[pool].id;
}

int
pw_pool_level_from_string (const char *str)
{
  if (str == NULL || *str == '\0')
    return PW_POOL_NONE;
  return find_term (pool_levels, G_N_ELEMENTS (pool_levels), str);
}

const char *
pw_pool_level_get_label (PwPoolLevel pool)
{
  g_return_val_if_fail ((guint) pool < PW_N_POOLS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, pool_levels[pool].label);
}

/* docs/areas.md, "Displayed status": a common area or machine room that is in
 * working order shows as a common area, in lists and on the plan alike, because
 * it is never let; one being repaired or renovated shows that status. */
gboolean
pw_space_shows_as_common (PwSpaceKind   kind,
                          PwSpaceStatus status)
{
  return (kind == PW_SPACE_KIND_COMMON_AREA || kind == PW_SPACE_KIND_MACHINE_ROOM) &&
         status != PW_SPACE_STATUS_UNDER_REPAIR &&
         status != PW_SPACE_STATUS_UNDER_RENOVATION;
}

const char *
pw_space_display_status_to_string (PwSpaceKind   kind,
                                   PwSpaceStatus status)
{
  if (pw_space_shows_as_common (kind, status))
    return "common_area";
  return pw_space_status_to_string (status);
}

const char *
pw_space_display_status_get_label (PwSpaceKind   kind,
                                   PwSpaceStatus status)
{
  if (pw_space_shows_as_common (kind, status))
    return g_dgettext (GETTEXT_PACKAGE, N_("Common area"));
  return pw_space_status_get_label (status);
}

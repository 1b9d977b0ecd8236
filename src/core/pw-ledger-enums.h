/* pw-ledger-enums.h — the ledger's closed vocabularies
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PW_SPACE_KIND_OFFICE,
  PW_SPACE_KIND_RETAIL,
  PW_SPACE_KIND_WORKSHOP,
  PW_SPACE_KIND_WAREHOUSE,
  PW_SPACE_KIND_LAB,
  PW_SPACE_KIND_PARKING_BAY,
  PW_SPACE_KIND_STORAGE,
  PW_SPACE_KIND_MACHINE_ROOM,
  PW_SPACE_KIND_COMMON_AREA,
  PW_SPACE_KIND_AD_SLOT,
  PW_SPACE_KIND_WORKSTATION,
  PW_N_SPACE_KINDS
} PwSpaceKind;

typedef enum {
  PW_SPACE_STATUS_AVAILABLE,
  PW_SPACE_STATUS_RESERVED,
  PW_SPACE_STATUS_LEASED,
  PW_SPACE_STATUS_UNDER_REPAIR,
  PW_SPACE_STATUS_UNDER_RENOVATION,
  PW_SPACE_STATUS_FROZEN,
  PW_SPACE_STATUS_DISPOSED,
  PW_N_SPACE_STATUSES
} PwSpaceStatus;

typedef enum {
  PW_AREA_BASIS_GROSS,     /* internal area plus the apportioned common share */
  PW_AREA_BASIS_INTERNAL,
  PW_AREA_BASIS_USABLE,
  PW_N_AREA_BASES
} PwAreaBasis;

typedef enum {
  PW_POOL_NONE,       /* not a common area, or a common area nobody pays for */
  PW_POOL_FLOOR,      /* shared by the leasable spaces of its floor */
  PW_POOL_BUILDING,   /* shared by the leasable spaces of its building */
  PW_N_POOLS
} PwPoolLevel;

typedef enum {
  PW_BUILDING_KIND_OFFICE,
  PW_BUILDING_KIND_WORKSHOP,
  PW_BUILDING_KIND_WAREHOUSE,
  PW_BUILDING_KIND_PARKING,
  PW_BUILDING_KIND_LAB,
  PW_BUILDING_KIND_MIXED,
  PW_N_BUILDING_KINDS
} PwBuildingKind;

typedef enum {
  PW_EQUIPMENT_STATUS_IN_SERVICE,
  PW_EQUIPMENT_STATUS_UNDER_REPAIR,
  PW_EQUIPMENT_STATUS_STANDBY,
  PW_EQUIPMENT_STATUS_DISPOSED,
  PW_N_EQUIPMENT_STATUSES
} PwEquipmentStatus;

/* Stable identifiers (stored, in CSV and JSON) and translated labels. The
 * from_string functions return -1 for an unknown identifier. */
const char *pw_space_kind_to_string        (PwSpaceKind kind);
int         pw_space_kind_from_string      (const char *str);
const char *pw_space_kind_get_label        (PwSpaceKind kind);
const char *pw_space_status_to_string      (PwSpaceStatus status);
int         pw_space_status_from_string    (const char *str);
const char *pw_space_status_get_label      (PwSpaceStatus status);

/* The status a space shows (docs/areas.md, "Displayed status"): its stored
 * status, or "common_area" / "Common area" for a common space in working order. */
gboolean    pw_space_shows_as_common       (PwSpaceKind   kind,
                                            PwSpaceStatus status);
const char *pw_space_display_status_to_string (PwSpaceKind   kind,
                                               PwSpaceStatus status);
const char *pw_space_display_status_get_label (PwSpaceKind   kind,
                                               PwSpaceStatus status);
const char *pw_area_basis_to_string        (PwAreaBasis basis);
int         pw_area_basis_from_string      (const char *str);
const char *pw_area_basis_get_label        (PwAreaBasis basis);
const char *pw_pool_level_to_string        (PwPoolLevel pool);
int         pw_pool_level_from_string      (const char *str);
const char *pw_pool_level_get_label        (PwPoolLevel pool);
const char *pw_building_kind_to_string     (PwBuildingKind kind);
int         pw_building_kind_from_string   (const char *str);
const char *pw_building_kind_get_label     (PwBuildingKind kind);
const char *pw_equipment_status_to_string  (PwEquipmentStatus status);
int         pw_equipment_status_from_string (const char *str);
const char *pw_equipment_status_get_label  (PwEquipmentStatus status);

G_END_DECLS

/* pw-geojson-import.h — indoor GeoJSON maps (WRLD, IMDF) as a PwImportDoc
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads indoor maps drawn in WGS84 longitude/latitude and projects them to metres
 * on a local tangent plane: x east, y down the screen (south), as pw-import.h asks.
 *
 * What is read:
 *  - a WRLD indoor map: its main.json manifest (id, name, location, levels or floors
 *    with id, name, readable_name, z_order, filename) or the folder holding it; each
 *    floor file is a FeatureCollection whose polygons are rooms unless their
 *    properties.type says wall, window, door, building_outline or floor_opening;
 *  - an IMDF venue: the folder holding venue.geojson, level.geojson and unit.geojson,
 *    or one FeatureCollection whose features carry feature_type; units become rooms
 *    on the level their level_id names;
 *  - any other GeoJSON FeatureCollection: one level whose polygons are rooms.
 *
 * Origin of the plane, one per document so that every level lines up: the WRLD
 * manifest's location, else the IMDF venue's display_point, else the centre of the
 * bounding box of every room read. Distances use the WGS84 ellipsoid's radii of
 * curvature at the origin latitude (meridional M, prime vertical N):
 *   east = Δλ · N · cos φ0,  north = Δφ · M,  x = east,  y = −north.
 * Across a building (< 1 km) this differs from a true geodesic by far less than a
 * drawing's own error.
 */
#pragma once

#include <glib.h>

#include "pw-import.h"

G_BEGIN_DECLS

/* Stricter than PW_IMPORT_MAX_FILE_BYTES: json-glib holds a whole file as a tree
 * some 25 times the size of its text. */
#define PW_GEOJSON_MAX_FILE_BYTES  (32 * 1024 * 1024)
#define PW_GEOJSON_MAX_DEPTH       64
#define PW_GEOJSON_MAX_VALUES      4000000
#define PW_GEOJSON_MAX_LEVELS      1000

/* @path: a GeoJSON FeatureCollection (.geojson or .json), a WRLD main.json
 * manifest, or a folder holding main.json or venue.geojson. */
PwImportDoc *pw_geojson_import_file  (const char  *path,
                                      GError     **error);

/* One FeatureCollection held in memory; @source_name names it in messages. */
PwImportDoc *pw_geojson_import_bytes (const char  *data,
                                      gsize        len,
                                      const char  *source_name,
                                      GError     **error);

G_END_DECLS

/* pw-import.h — what a floor-plan importer found in a file, before it touches the ledger
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every importer (SVG, IFC, indoor GeoJSON) turns a file into a PwImportDoc:
 * levels (storeys, floors) holding rooms, each with a footprint polygon in metres
 * and whatever areas the file itself declares. Nothing here writes to a store;
 * the preview shows a PwImportDoc and the mapping step turns it into mutations.
 *
 * Coordinates: metres, x to the right (east), y downwards as drawn on screen,
 * so importers of north-up data (IFC, GeoJSON) negate the northing. SVG drawings
 * state no scale: their doc has needs_scale set and coordinates in drawing units
 * until pw_import_doc_set_scale() or pw_import_doc_calibrate() is applied.
 */
#pragma once

#include <glib.h>

#include "pw-geometry.h"
#include "pw-plan-error.h"

G_BEGIN_DECLS

/* Limits every importer honours before and while reading. The file size cap is for
 * files read into memory (SVG, GeoJSON); IFC models are mapped and have none (pw-step.c). */
#define PW_IMPORT_MAX_FILE_BYTES   (256 * 1024 * 1024)
#define PW_IMPORT_MAX_DEPTH        256
#define PW_IMPORT_MAX_ROOMS        200000
#define PW_IMPORT_MAX_POINTS       2000000

typedef enum {
  PW_IMPORT_FORMAT_UNKNOWN,
  PW_IMPORT_FORMAT_SVG,
  PW_IMPORT_FORMAT_IFC,
  PW_IMPORT_FORMAT_IMDF,
  PW_IMPORT_FORMAT_WRLD,
} PwImportFormat;

typedef struct
{
  char   *name;   /* the quantity's own name: GrossFloorArea, NetFloorArea, GSA BIM Area… */
  char   *set;    /* the property or quantity set it came from, or NULL */
  double  m2;     /* square metres, after the file's units */
} PwDeclaredArea;

typedef struct
{
  char      *source_id;  /* IFC GlobalId, SVG id, GeoJSON feature id; never NULL */
  char      *name;       /* IFC Name, SVG label, unit name; may be NULL */
  char      *long_name;  /* IFC LongName, or NULL */
  char      *category;   /* IMDF category, WRLD type, SVG class, or NULL */
  PwPolygon *polygon;    /* the footprint, or NULL when none could be made */
  GArray    *declared;   /* of PwDeclaredArea */
  GPtrArray *warnings;   /* of char*, each naming the place */
  char      *place;      /* where the file has it, as messages name it ("plan.svg:12: <path
                          * id="r1">", "#57 (line 40)"), or NULL; IFC spaces get one only
                          * when they share their id, as finding a line rescans the file */
} PwImportRoom;

typedef struct
{
  char      *source_id;
  char      *name;
  double     elevation;  /* metres; NAN when unknown */
  GPtrArray *rooms;      /* of PwImportRoom* */
  GPtrArray *warnings;   /* of char* */
} PwImportLevel;

typedef struct
{
  PwImportFormat  format;
  char           *schema;       /* "IFC2X3", "IFC4", "IMDF", "WRLD", "SVG 1.1"… or NULL */
  char           *source_name;  /* the file's base name */
  gboolean        needs_scale;  /* coordinates are drawing units, not metres */
  double          scale;        /* metres per unit applied so far (1 when none) */
  GPtrArray      *levels;       /* of PwImportLevel* */
  GPtrArray      *warnings;     /* of char* about the whole file */
  GBytes         *drawing;      /* an SVG's own text, kept as its floor's backdrop, or NULL */
} PwImportDoc;

PwImportDoc    *pw_import_doc_new         (PwImportFormat  format,
                                           const char     *source_name);
void            pw_import_doc_free        (PwImportDoc    *doc);
PwImportLevel  *pw_import_doc_add_level   (PwImportDoc    *doc,
                                           const char     *source_id,
                                           const char     *name,
                                           double          elevation);
PwImportLevel  *pw_import_doc_find_level  (PwImportDoc    *doc,
                                           const char     *source_id);
void            pw_import_doc_warn        (PwImportDoc    *doc,
                                           const char     *format,
                                           ...) G_GNUC_PRINTF (2, 3);
guint           pw_import_doc_count_rooms (PwImportDoc    *doc);
/* Warns about rooms that share a source id (a real file can have that), naming the
 * id and both places: each room is still mapped on its own, by its position. */
void            pw_import_doc_warn_shared_ids (PwImportDoc *doc);

PwImportRoom   *pw_import_level_add_room  (PwImportLevel  *level,
                                           const char     *source_id);
void            pw_import_level_warn      (PwImportLevel  *level,
                                           const char     *format,
                                           ...) G_GNUC_PRINTF (2, 3);

void            pw_import_room_set_polygon  (PwImportRoom *room,
                                             PwPolygon    *polygon);
void            pw_import_room_add_declared (PwImportRoom *room,
                                             const char   *name,
                                             const char   *set,
                                             double        m2);
const PwDeclaredArea *
                pw_import_room_find_declared (PwImportRoom *room,
                                              const char   *name);
void            pw_import_room_warn         (PwImportRoom *room,
                                             const char   *format,
                                             ...) G_GNUC_PRINTF (2, 3);

/* Scales drawing units to metres: every coordinate is multiplied by
 * @metres_per_unit and every declared area by its square. */
gboolean        pw_import_doc_set_scale   (PwImportDoc    *doc,
                                           double          metres_per_unit,
                                           GError        **error);
/* Two points in drawing units that are @metres apart on site. */
gboolean        pw_import_doc_calibrate   (PwImportDoc    *doc,
                                           const PwPoint  *a,
                                           const PwPoint  *b,
                                           double          metres,
                                           GError        **error);

/* The stable JSON form printed by `parkwise-cli plan inspect --json` (README). */
char           *pw_import_doc_to_json     (PwImportDoc    *doc);

/* Which importer reads @path, from its name and first bytes. */
PwImportFormat  pw_import_sniff           (const char     *path,
                                           const char     *head,
                                           gsize           head_len);
const char     *pw_import_format_to_string (PwImportFormat format);

/* Reads any supported file. @path is the file; for WRLD indoor maps it may be
 * the main.json manifest or a directory holding one. */
PwImportDoc    *pw_import_file            (const char     *path,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwImportDoc, pw_import_doc_free)

G_END_DECLS

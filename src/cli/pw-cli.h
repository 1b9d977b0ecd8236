/* pw-cli.h — helpers shared by parkwise-cli's commands
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-ledger.h"

G_BEGIN_DECLS

enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

typedef int (*CommandFunc) (int argc, char **argv);

int           usage_error     (const char    *format,
                               ...) G_GNUC_PRINTF (1, 2);
int           failed          (const GError  *error);
gboolean      parse_command   (const char    *parameters,
                               const char    *summary,
                               GOptionEntry  *entries,
                               char         **db,
                               int            n_args,
                               const char    *missing,
                               int           *argc,
                               char        ***argv);
/* What the billing, meter, notice and receivables commands share: --db, and with the
 * flags --park and --json, around a command's own @entries (NULL: none). */
typedef enum
{
  CLI_PARK = 1 << 0,
  CLI_JSON = 1 << 1,
} CliFlags;

typedef struct
{
  char     *db;
  char     *park_code;
  gboolean  json;
} CliOptions;

void          cli_options_clear (CliOptions *options);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliOptions, cli_options_clear)
/* Parses @argv into @options and @entries as parse_command() does (@n_args
 * arguments, @missing naming them when fewer); FALSE after a usage error. */
gboolean      cli_parse         (CliOptions    *options,
                                 CliFlags       flags,
                                 const char    *parameters,
                                 GOptionEntry  *entries,
                                 int            n_args,
                                 const char    *missing,
                                 int           *argc,
                                 char        ***argv);
PwStore      *open_store      (const char    *path,
                               gboolean       create,
                               GError       **error);
PwLedgerNode *lookup_park     (GListModel    *parks,
                               const char    *code);
char         *find_park       (PwStore       *store,
                               const char    *code,
                               GError       **error);
PwStore      *open_park       (const char    *db,
                               const char    *park_code,
                               char         **park_id,
                               GError       **error);
char         *json_to_pretty  (JsonNode      *node);
/* The space with @code in the park @park_code (NULL: the first park that has it). */
PwSpace      *find_space      (PwStore       *store,
                               const char    *park_code,
                               const char    *code,
                               GError       **error);
gboolean      write_stdout    (GBytes        *bytes,
                               GError       **error);
/* @node, @object or @array as indented JSON and a newline on standard output. */
void          cli_print_json   (JsonNode     *node);
void          cli_print_object (JsonObject   *object);
void          cli_print_array  (JsonArray    *array);
/* A new array of the JSON objects @objects holds. */
JsonArray    *cli_objects_to_array (GPtrArray *objects);
/* A refusal: the message on standard error, and with @json also
 * {"error": message, "field": field or null} on standard output; returns EXIT_FAILED. */
int           cli_refused      (const GError *error,
                                gboolean      json);

/* pw-cli-contracts.c */
int           cmd_contract_create     (int argc, char **argv);
int           cmd_contract_set_status (int argc, char **argv);
int           cmd_contract_approve    (int argc, char **argv);
int           cmd_contract_reject     (int argc, char **argv);
int           cmd_contract_amend      (int argc, char **argv);
int           cmd_contract_renew      (int argc, char **argv);
int           cmd_contract_show       (int argc, char **argv);
int           cmd_contract_list       (int argc, char **argv);
int           cmd_contract_pdf        (int argc, char **argv);

/* pw-cli-meter.c */
int           cmd_meter_add      (int argc, char **argv);
int           cmd_meter_replace  (int argc, char **argv);
int           cmd_meter_list     (int argc, char **argv);
int           cmd_reading_add    (int argc, char **argv);
int           cmd_reading_correct (int argc, char **argv);
int           cmd_reading_import (int argc, char **argv);

/* pw-cli-plan.c */
int           cmd_plan_inspect (int argc, char **argv);
int           cmd_plan_render  (int argc, char **argv);
int           cmd_plan_import  (int argc, char **argv);

/* pw-cli-plan-drawing.c */
int           cmd_plan_drawing (int argc, char **argv);

/* pw-cli-plan-edit.c */
int           cmd_plan_split   (int argc, char **argv);
int           cmd_plan_merge   (int argc, char **argv);
int           cmd_plan_reshape (int argc, char **argv);
/* A space as the plan commands print it in JSON. */
JsonNode     *cli_space_json        (PwSpace     *space);
/* {"spaces": [...]} of the spaces @ids, printed. */
int           cli_print_spaces_json (PwStore     *store,
                                     const char *const *ids,
                                     guint        n);
/* A reshape through the journal (data: a CliReshape). */
typedef struct
{
  const char *id;
  gpointer    outline; /* PwPolygon */
  gboolean    shared_walls;
} CliReshape;
gboolean      cli_plan_reshape_cb   (PwStore     *store,
                                     gpointer     data,
                                     GError     **error);
/* Gives @space the outline @outline through the journal, as plan @command, then
 * prints the space (its code, or its JSON with @json). */
int           cli_plan_reshape_and_print (PwStore    *store,
                                          PwSpace    *space,
                                          gpointer    outline, /* PwPolygon */
                                          gboolean    shared_walls,
                                          const char *command,
                                          gboolean    json);

/* What the plan edit commands share: --db, --json, and with the flags --park and
 * --shared-walls, besides a command's own @entries. */
typedef enum
{
  CLI_PLAN_PARK         = 1 << 0,
  CLI_PLAN_SHARED_WALLS = 1 << 1,
} CliPlanFlags;

typedef struct
{
  char     *db;
  char     *park_code;
  gboolean  json;
  gboolean  shared_walls;
} CliPlanOptions;

void          cli_plan_options_clear (CliPlanOptions *options);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliPlanOptions, cli_plan_options_clear)
/* Parses @argv into @options and @entries; FALSE after a usage error (naming
 * @missing when fewer than @min_args arguments follow, at most @max_args, or any
 * number when @max_args is -1). */
gboolean      cli_plan_parse         (CliPlanOptions *options,
                                      CliPlanFlags    flags,
                                      const char     *parameters,
                                      const char     *summary,
                                      GOptionEntry   *entries,
                                      int             min_args,
                                      int             max_args,
                                      const char     *missing,
                                      int            *argc,
                                      char         ***argv);
/* @text as numbers separated by commas, or NULL after a usage error naming @option. */
GArray       *cli_plan_parse_numbers (const char     *option,
                                      const char     *text);

/* pw-cli-plan-draw.c */
int           cmd_plan_create  (int argc, char **argv);
int           cmd_plan_move    (int argc, char **argv);
int           cmd_plan_vertex  (int argc, char **argv);
int           cmd_plan_undo    (int argc, char **argv);
int           cmd_plan_codes   (int argc, char **argv);
/* pw-cli-plan-lens.c */
int           cmd_plan_lens    (int argc, char **argv);

/* pw-cli-customers.c */
int           cmd_uscc              (int argc, char **argv);
int           cmd_customer_add      (int argc, char **argv);
int           cmd_customer_list     (int argc, char **argv);
int           cmd_contact_add       (int argc, char **argv);
int           cmd_prospect_add      (int argc, char **argv);
int           cmd_viewing_add       (int argc, char **argv);
int           cmd_quote_add         (int argc, char **argv);
int           cmd_quote_submit      (int argc, char **argv);
int           cmd_quote_approve     (int argc, char **argv);
int           cmd_quote_reject      (int argc, char **argv);
int           cmd_quote_show        (int argc, char **argv);
int           cmd_approval_rule_add (int argc, char **argv);
/* pw-cli-equipment.c */
int           cmd_equipment_add    (int argc, char **argv);
int           cmd_equipment_retire (int argc, char **argv);

/* pw-cli-billing.c */
int           cmd_bill_run_preview (int argc, char **argv);
int           cmd_bill_run_post    (int argc, char **argv);
int           cmd_bill_list        (int argc, char **argv);
int           cmd_bill_show        (int argc, char **argv);
int           cmd_bill_hold        (int argc, char **argv);
int           cmd_bill_release     (int argc, char **argv);
int           cmd_bill_cancel      (int argc, char **argv);
int           cmd_bill_send        (int argc, char **argv);

/* pw-cli-notices.c */
int           cmd_bill_notice      (int argc, char **argv);
int           cmd_bill_run_notices (int argc, char **argv);
int           cmd_park_seller      (int argc, char **argv);
/* pw-cli-receivables.c */
int           cmd_payment_add         (int argc, char **argv);
int           cmd_payment_list        (int argc, char **argv);
int           cmd_payment_undo        (int argc, char **argv);
int           cmd_payment_unallocate  (int argc, char **argv);
int           cmd_payment_allocate    (int argc, char **argv);
int           cmd_receivables_ledger  (int argc, char **argv);
int           cmd_receivables_ageing  (int argc, char **argv);
int           cmd_credit_note_add     (int argc, char **argv);
int           cmd_credit_note_approve (int argc, char **argv);
int           cmd_credit_note_reject  (int argc, char **argv);
int           cmd_credit_note_list    (int argc, char **argv);
int           cmd_late_fee_preview    (int argc, char **argv);

/* pw-cli-statement.c */
int           cmd_statement           (int argc, char **argv);

/* pw-cli-schedule.c */
int           cmd_schedule     (int argc, char **argv);

/* pw-cli-utility.c */
int           cmd_utility      (int argc, char **argv);

G_END_DECLS

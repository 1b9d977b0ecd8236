/* pw-contracts-page-private.h — what the Contracts page's files share: the page's
 * state and the entry points of its sections (the list, the detail, the
 * document, the commands)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-change.h"
#include "pw-contract-record.h"
#include "pw-contracts-page.h"
#include "pw-money.h"
#include "pw-ui.h"

G_BEGIN_DECLS

struct _PwContractsPage
{
  GtkWidget            parent_instance;

  PwUiStoreWatch       watch;
  char                *park_id;         /* NULL: the first park */
  gboolean             loaded;
  gboolean             reloading;
  GSettings           *settings;
  PwCurrencyStyle      currency_style;
  GPtrArray           *building_codes;  /* of the park, for the building filter */
  char                *needle;
  char                *last_message;

  /* the list (pw-contracts-page-list.c) */
  GListStore          *item_store;      /* PwContractRecord */
  GtkFilterListModel  *filter_model;
  GtkCustomFilter     *filter;
  GtkSortListModel    *sort_model;
  GtkSingleSelection  *selection;

  /* the detail (pw-contracts-page-detail.c) */
  GListStore          *schedule_store;
  GPtrArray           *version_rows;
  GPtrArray           *version_texts;   /* each row's subtitle: note and changes */

  /* template children */
  AdwToastOverlay     *toast_overlay;
  AdwLeaflet          *leaflet;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *status_filter_dropdown;
  GtkDropDown         *expiring_dropdown;
  GtkDropDown         *building_dropdown;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkLabel            *count_label;
  GtkStack            *detail_stack;
  GtkLabel            *code_label;
  GtkLabel            *status_label;
  GtkLabel            *alerts_label;
  GtkLabel            *figures_label;
  GtkLabel            *customer_label;
  GtkLabel            *term_label;
  GtkLabel            *signed_label;
  GtkLabel            *ended_label;
  GtkLabel            *spaces_label;
  AdwPreferencesGroup *versions_group;
  GtkLabel            *schedule_error_label;
  GtkColumnView       *schedule_view;
  GtkLabel            *totals_label;
};

/* pw-contracts-page.c */
char             *pw_contracts_page_today          (void);
/* Says @message in a toast, with Undo when core can answer @change (may be NULL). */
void              pw_contracts_page_show_change    (PwContractsPage *self,
                                                    PwChange        *change,
                                                    const char      *message);
void              pw_contracts_page_show_toast     (PwContractsPage *self,
                                                    const char      *message);
char             *pw_contracts_page_format_money   (PwContractsPage *self,
                                                    gint64           minor,
                                                    const char      *currency);
/* The selected contract, when there is one and a store; else NULL with @error
 * set ("No contract is selected"). */
PwContractRecord *pw_contracts_page_get_selected   (PwContractsPage *self,
                                                    GError         **error);
void              pw_contracts_page_set_status_pill (GtkWidget       *label,
                                                     PwContractStatus status);

/* pw-contracts-page-list.c: the list with its filters */
void              pw_contracts_list_init           (PwContractsPage *self);
void              pw_contracts_list_class_init     (GtkWidgetClass  *widget_class);
void              pw_contracts_list_load           (PwContractsPage *self);
void              pw_contracts_list_apply_search   (PwContractsPage *self);
void              pw_contracts_list_clear_filters  (PwContractsPage *self);
gboolean          pw_contracts_page_set_expiring_choice (PwContractsPage *self,
                                                        int              days);

/* pw-contracts-page-detail.c: the selected contract's figures, versions, schedule, alerts */
void              pw_contracts_detail_init         (PwContractsPage *self);
void              pw_contracts_detail_update       (PwContractsPage *self);

/* pw-contracts-page-print.c: the contract's document, printed or saved as PDF */
void              pw_contracts_print_save_pdf      (PwContractsPage *self);

/* pw-contracts-page-actions.c: the "contract." commands */
void              pw_contracts_actions_class_init  (GtkWidgetClass  *widget_class);
void              pw_contracts_actions_update      (PwContractsPage *self);

G_END_DECLS

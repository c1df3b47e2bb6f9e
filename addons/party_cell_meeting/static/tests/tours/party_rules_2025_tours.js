/** @odoo-module **/

import { registry } from "@web/core/registry";
import { noDialog } from "@party_cell_meeting/../tests/tours/tour_helpers";

/**
 * On a phone, the secretary prepares the coming meeting as Hướng dẫn
 * 42-HD/BTCTW asks: the planned end, the thematic content of the quarter in
 * the same sitting, and the documents posted a day ahead.
 */
registry.category("web_tour.tours").add("party_secretary_prepares_meeting_tour", {
    steps: () => [
        {
            content: "Give the planned end",
            trigger: ".o_field_widget[name=time_end] input",
            run: "edit 21:15",
        },
        {
            content: "The quarter's thematic content is held in the same sitting",
            trigger: ".o_field_widget[name=combined] input",
            run: "click",
        },
        {
            content: "The minimum is now that of a combined meeting",
            trigger: ".o_field_widget[name=min_duration_minutes]:contains('120')",
        },
        {
            content: "The documents are posted now",
            trigger: "button[name=action_documents_posted_now]",
            run: "click",
        },
        {
            content: "A day ahead: the meeting says so",
            trigger: ".o_field_widget[name=documents_in_time] input:checked",
        },
        {
            content: "The duration is computed",
            trigger: ".o_field_widget[name=duration_minutes]:contains('105')",
        },
        noDialog("Nothing went wrong"),
    ],
});

/**
 * On a desktop, the office of a ward sets a shorter minimum for its small
 * cells, valid from a date.
 */
registry.category("web_tour.tours").add("party_ward_office_sets_rules_tour", {
    steps: () => [
        {
            content: "Open the Organization menu",
            trigger: ".o_menu_sections button:contains('Tổ chức')",
            run: "click",
        },
        {
            content: "Rules of the committees",
            trigger: ".dropdown-item:contains('Quy định của các cấp ủy')",
            run: "click",
        },
        {
            content: "New rules",
            trigger: ".o_control_panel_main_buttons button.o_list_button_add",
            run: "click",
        },
        {
            content: "The document deciding them",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Quy định số 02-QĐ/ĐU",
        },
        {
            content: "The ward",
            trigger: ".o_field_widget[name=organization_id] input",
            run: "edit phường Một",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains('Đảng bộ phường Một')",
            run: "click",
        },
        {
            content: "Valid from",
            trigger: ".o_field_widget[name=date_from] input",
            run: "edit 01/01/2026",
        },
        {
            content: "Sixty minutes for its small cells",
            trigger: ".o_field_widget[name=min_duration_minutes] input",
            run: "edit 60",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved, .o_form_status_indicator:not(:has(.o_form_button_save:visible))",
        },
        noDialog("Nothing went wrong"),
    ],
});

/** @odoo-module **/

import { registry } from "@web/core/registry";
import { noDialog } from "@party_cell_meeting/../tests/tours/tour_helpers";

/**
 * On a desktop, the provincial office merges one ward into another, as the
 * offices of 2025 did: from the Organization menu, through the Reorganize
 * wizard, to the form of the ward that took the other in.
 */
registry.category("web_tour.tours").add("party_office_reorganize_tour", {
    steps: () => [
        {
            content: "Open the Organization menu",
            trigger: ".o_menu_sections button:contains('Tổ chức')",
            run: "click",
        },
        {
            content: "Reorganize",
            trigger: ".dropdown-item:contains('Sắp xếp lại tổ chức')",
            run: "click",
        },
        {
            content: "Merging is the default: choose the ward merged",
            trigger: ".modal .o_field_widget[name=organization_ids] input",
            run: "edit phường Một",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains('Đảng bộ phường Một')",
            run: "click",
        },
        {
            content: "Choose the ward that takes it in",
            trigger: ".modal .o_field_widget[name=target_id] input",
            run: "edit xã Hai",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains('Đảng bộ xã Hai')",
            run: "click",
        },
        {
            content: "The wizard says what moves",
            trigger: ".modal .alert-info:contains('2 chi bộ')",
        },
        {
            content: "Apply",
            trigger: ".modal-footer button[name=action_apply]",
            run: "click",
        },
        {
            content: "Confirm the change of structure",
            trigger: ".modal:contains('Tiếp tục') .modal-footer .btn-primary",
            run: "click",
        },
        noDialog("The merger is done"),
        {
            content: "The ward that took the other in is open",
            trigger: ".o_form_view .o_field_widget[name=name]:contains('Đảng bộ xã Hai'), .o_form_view .o_field_widget[name=name] input",
        },
        {
            content: "The merger is in its chatter",
            trigger: ".o-mail-Message:contains('Đảng bộ phường Một')",
        },
    ],
});

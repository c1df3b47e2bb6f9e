/** @odoo-module **/

import { registry } from "@web/core/registry";

// Waits until no dialog is open: a server error or a refusal shows one, and
// the tour then fails here instead of going on behind it.
const noDialog = (content) => ({ content, trigger: "body:not(:has(.modal))" });

/**
 * A ward office on a desktop starts its month: the cells of this month and
 * the last, the reports overdue or late, the proposals of the month, the
 * evaluations, and the print and export form with its Vietnamese dates.
 */
registry.category("web_tour.tours").add("party_office_month_tour", {
    steps: () => [
        {
            content: "Cells by month open on this month and the last",
            trigger: ".o_searchview_facet:contains('Tháng này')",
        },
        {
            content: "The ward's cell is listed, its month written 11/2026 and not 2026-11",
            trigger: ".o_list_view .o_data_row:contains('Chi bộ thôn A') td[name=month_label]:contains('/')",
        },
        noDialog("The statistics open"),
        {
            content: "Open the cadres' reports",
            trigger: ".o_menu_sections button:contains('Buổi sinh hoạt'), .o_menu_sections a:contains('Buổi sinh hoạt')",
            run: "click",
        },
        {
            content: "Cadres' Reports",
            trigger: ".dropdown-item:contains('Báo cáo của cán bộ')",
            run: "click",
        },
        {
            content: "Filter the reports late or overdue",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Nộp muộn, quá hạn",
            trigger: ".o_filter_menu .o-dropdown-item:contains('Nộp muộn, quá hạn')",
            run: "click",
        },
        {
            content: "The cadre's overdue report is listed",
            trigger: ".o_list_view .o_data_row:contains('Trần Văn Cán')",
        },
        noDialog("The reports open"),
        {
            content: "Open the proposals",
            trigger: ".o_menu_sections button:contains('Kiến nghị'), .o_menu_sections a:contains('Kiến nghị')",
            run: "click",
        },
        {
            content: "The proposals of the month",
            trigger: ".dropdown-item:contains('Tổng hợp kiến nghị hằng tháng')",
            run: "click",
        },
        noDialog("The proposal summary opens"),
        {
            content: "Open the analysis",
            trigger: ".o_menu_sections button:contains('Thống kê'), .o_menu_sections a:contains('Thống kê')",
            run: "click",
        },
        {
            content: "Print and Export",
            trigger: ".dropdown-item:contains('In và xuất số liệu')",
            run: "click",
        },
        {
            content: "The form asks for the dates in Vietnamese, not 'Từ cơ quan'",
            trigger: ".o_form_view:not(:contains('Từ cơ quan')) .o_field_widget[name=date_from]",
        },
        {
            content: "Close the form",
            trigger: ".modal button:contains('Đóng')",
            run: "click",
        },
        noDialog("The office's month ends without an error"),
    ],
});

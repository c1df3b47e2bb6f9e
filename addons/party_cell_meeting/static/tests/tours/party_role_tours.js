/** @odoo-module **/

import { registry } from "@web/core/registry";
import { noDialog, tapsAtMost } from "@party_cell_meeting/../tests/tours/tour_helpers";

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

/**
 * On a phone, a cell secretary takes the roll call of a 28-member meeting:
 * the list loaded with one tap, the exceptions first, then "Tất cả có mặt",
 * and one save for every line. The exempt member is listed apart and never
 * counted.
 */
function rollCallSteps() {
    const line = (name) => `.o_party_roll_call_line[data-member='${name}']`;
    return [
        {
            content: "Load the members of the cell and the assigned cadres",
            trigger: "div[name=phone_actions] button[name=action_load_attendance]:contains('Lấy danh sách điểm danh')",
            run: "click",
        },
        {
            content: "Everyone is on one screen, no one recorded yet",
            trigger: ".o_party_roll_call_summary:contains('Chưa điểm danh: 28')",
        },
        {
            content: "The exempt member is listed apart",
            trigger: ".o_party_roll_call h6:contains('Miễn sinh hoạt') + ul " + line("Cụ Lê Văn Thọ"),
        },
        {
            content: "A member was excused",
            trigger: `${line("Hoàng Văn Hai")} button[name=absent_excused]`,
            run: "click",
        },
        {
            content: "Say why",
            trigger: `${line("Hoàng Văn Hai")} input.o_party_roll_call_reason`,
            run: "edit Đi công tác",
        },
        {
            content: "A member did not come, without a reason",
            trigger: `${line("Đảng viên 01")} button[name=absent_unexcused]`,
            run: "click",
        },
        {
            content: "Everyone else was present",
            trigger: ".o_party_all_present:contains('Tất cả có mặt')",
            run: "click",
        },
        {
            content: "The figures leave the exempt member out",
            trigger: ".o_party_roll_call_summary:contains('Có mặt: 26'):contains('Vắng có lý do: 1'):contains('Vắng không lý do: 1'):not(:contains('Chưa điểm danh'))",
        },
        {
            content: "Save every line at once",
            trigger: ".o_party_roll_call_save:contains('Lưu điểm danh')",
            run: "click",
        },
        noDialog("The roll call is saved"),
        {
            content: "Saved: the button is gone and the meeting counts 26 of 28",
            trigger: ".o_form_view:not(:has(.o_party_roll_call_save)) .o_field_widget[name=present_count]:contains('26')",
        },
    ];
}

/**
 * On a phone, the day before the meeting, a cell secretary can only note an
 * excused absence: presence and unexcused absence are facts of the day.
 */
registry.category("web_tour.tours").add("party_roll_call_ahead_tour", {
    steps: () => {
        const line = ".o_party_roll_call_line[data-member='Hoàng Văn Hai']";
        return [
            {
                content: "Presence and unexcused absence wait for the day",
                trigger: `${line}:has(button[name=present]:disabled):has(button[name=absent_unexcused]:disabled)`,
            },
            {
                content: "No one is marked present ahead",
                trigger: ".o_party_roll_call:not(:has(.o_party_all_present))",
            },
            {
                content: "An absence known ahead is excused",
                trigger: `${line} button[name=absent_excused]:enabled`,
                run: "click",
            },
            {
                content: "Say why",
                trigger: `${line} input.o_party_roll_call_reason`,
                run: "edit Đi công tác",
            },
            {
                content: "Save",
                trigger: ".o_party_roll_call_save",
                run: "click",
            },
            noDialog("The absence is accepted ahead"),
            {
                content: "Saved",
                trigger: ".o_form_view:not(:has(.o_party_roll_call_save))",
            },
        ];
    },
});

registry.category("web_tour.tours").add("party_secretary_roll_call_tour", {
    steps: () => {
        const steps = rollCallSteps();
        return [...steps, tapsAtMost(6, steps)];
    },
});

/**
 * On a phone, a party member opens today's meeting of their own cell and
 * reads its roll call (the secretary records it, every line reads only) and
 * its agenda; nothing of the cadres' reports shows, and no error on the way.
 */
registry.category("web_tour.tours").add("party_member_meeting_tour", {
    url: "/odoo/party-my-meetings",
    steps: () => [
        noDialog("My meetings open"),
        {
            content: "Open today's meeting of my cell",
            trigger: ".o_kanban_record:contains('Chi bộ thôn A')",
            run: "click",
        },
        noDialog("The meeting opens"),
        {
            content: "The roll call reads, with the assigned cadre's name",
            trigger: ".o_party_roll_call_line[data-member='Trần Văn Cán']",
        },
        {
            content: "Every line reads only, my own too",
            trigger: ".o_party_roll_call:not(:has(button[name=present]:enabled)) .o_party_roll_call_line[data-member='Phạm Thị Một']",
        },
        {
            content: "The cadres' reports are not shown to a member",
            trigger: ".o_form_view:not(:has(.nav-link[name=reports]))",
        },
        {
            content: "Read the agenda",
            trigger: ".o_notebook .nav-link[name=agenda]",
            run: "click",
        },
        {
            content: "The agenda of the meeting",
            trigger: ".o_field_widget[name=agenda]:contains('sửa đường thôn A')",
        },
        noDialog("Nothing refused on the way"),
    ],
});

/**
 * On a phone, a cell secretary scores the meeting that was held: every
 * criterion on its card with its whole name, points typed with a decimal
 * comma, one save, then the sheet goes to the assigned cadre.
 */
registry.category("web_tour.tours").add("party_secretary_score_tour", {
    steps: () => {
        const points = (criterion) =>
            `.o_party_score_line[data-criterion='${criterion}'] input`;
        return [
            {
                content: "Score the meeting, from the top of it",
                trigger: "div[name=phone_actions] button[name=action_open_score]:contains('Chấm điểm')",
                run: "click",
            },
            noDialog("The score sheet opens"),
            {
                content: "The criterion's whole name is in sight",
                trigger: ".o_party_score_line[data-criterion='Số lượng đảng viên dự'] .fw-bold:visible",
            },
            {
                content: "Time, over its maximum by mistake",
                trigger: points("Thời gian"),
                run: "edit 6",
            },
            {
                content: "The box refuses it before it reaches the sheet",
                trigger: `${points("Thời gian")}.is-invalid`,
            },
            {
                content: "Time, corrected",
                trigger: points("Thời gian"),
                run: "edit 5",
            },
            {
                content: "Attendance, with a decimal comma",
                trigger: points("Số lượng đảng viên dự"),
                run: "edit 4,5",
            },
            {
                content: "Content",
                trigger: points("Nội dung"),
                run: "edit 80",
            },
            {
                content: "Save the points",
                trigger: ".o_party_score_sheet_save",
                run: "click",
            },
            noDialog("The points are accepted"),
            {
                content: "The total reads as Vietnamese writes it",
                trigger: ".o_party_score_sheet_total:contains('89,5')",
            },
            {
                content: "Send the sheet to the assigned cadre",
                trigger: ".o_form_sheet button[name=action_submit]",
                run: "click",
            },
            noDialog("The sheet is sent"),
            {
                content: "The points read only once sent",
                trigger: ".o_party_score_sheet:not(:has(input)) .o_party_score_line[data-criterion='Nội dung']:contains('80')",
            },
        ];
    },
});

/**
 * On a phone, the assigned cadre confirms the score sheet the cell sent,
 * lowering one criterion and saying why.
 */
registry.category("web_tour.tours").add("party_cadre_confirm_score_tour", {
    steps: () => [
        {
            content: "The cell's points are beside the box of mine",
            trigger: ".o_party_score_line[data-criterion='Nội dung']:contains('Chi bộ tự chấm: 80') input",
            run: "edit 75",
        },
        {
            content: "Say why the points were lowered",
            trigger: ".o_field_widget[name=adjustment_reason] textarea, .o_field_widget[name=adjustment_reason] input",
            run: "edit Chưa kiểm điểm việc thực hiện nghị quyết tháng trước",
        },
        {
            content: "Confirm, with the button at the foot of the sheet",
            trigger: ".o_form_sheet button[name=action_confirm]:contains('Xác nhận')",
            run: "click",
        },
        noDialog("The confirmation is accepted"),
        {
            content: "Confirmed: the points read only, the total follows them",
            trigger: ".o_party_score_sheet:not(:has(input)):has(.o_party_score_sheet_total:contains('85')) .o_party_score_line[data-criterion='Nội dung']:contains('75')",
        },
    ],
});

/** @odoo-module **/

import { registry } from "@web/core/registry";
import { noDialog, tapsAtMost } from "@party_cell_meeting/../tests/tours/tour_helpers";

/**
 * On a phone, in Vietnamese, an assigned cadre opens the meeting of the cell
 * from "Sinh hoạt của tôi" (where the reminder leads), records their own
 * presence, and files a typical report: the hours, every step followed, the
 * members who spoke, one proposal. At most 15 taps, every action a visible
 * button, and a confirmation once it is submitted.
 */
function cadreReportSteps() {
    return [
        {
            content: "Open the meeting of the cell",
            trigger: ".o_kanban_record:contains('Chi bộ thôn A')",
            run: "click",
        },
        {
            content: "Record my presence with the button at the top",
            trigger: "div[name=phone_actions] button[name=action_mark_me_present]:contains('Tôi có mặt')",
            run: "click",
        },
        noDialog("My presence is accepted"),
        {
            content: "Open my report, now in sight",
            trigger: "div[name=phone_actions] button[name=action_open_my_report]:contains('Báo cáo của tôi')",
            run: "click",
        },
        {
            content: "The report counts the members present, the cadres left out",
            trigger: ".o_form_view .o_field_widget[name=member_present] input:value(2)",
        },
        {
            content: "No ribbon over the title",
            trigger: ".o_form_view .oe_title h1:not(:has(.ribbon))",
        },
        {
            content: "Actual start",
            trigger: ".o_field_widget[name=time_start] input",
            run: "edit 19:30",
        },
        {
            content: "Actual end",
            trigger: ".o_field_widget[name=time_end] input",
            run: "edit 21:15",
        },
        {
            content: "Every step was followed",
            trigger: "button[name=action_follow_all_steps]:contains('Thực hiện đủ các bước')",
            run: "click",
        },
        {
            content: "All twelve steps are ticked",
            trigger: ".o_field_widget[name=steps_done]:contains('12')",
        },
        {
            content: "Members who spoke",
            trigger: ".o_field_widget[name=speaker_count] input",
            run: "edit 4",
        },
        {
            content: "Young members who spoke",
            trigger: ".o_field_widget[name=young_speaker_count] input",
            run: "edit 1",
        },
        {
            content: "The proposals are on the page, not in a tab off-screen",
            trigger: ".o_form_sheet .o_field_widget[name=proposal_ids]:not(.o_notebook *) .o-kanban-button-new",
            run: "click",
        },
        {
            content: "What is proposed",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Sửa đường bê tông thôn A",
        },
        {
            content: "Who must act",
            trigger: ".modal .o_field_widget[name=authority_id] input",
            run: "click",
        },
        {
            content: "On a phone, the authority is chosen in a search dialog",
            trigger: ".o_dialog .o_kanban_record:contains('UBND xã Một'), .o_dialog .o_data_cell:contains('UBND xã Một')",
            run: "click",
        },
        {
            content: "The authority is chosen",
            trigger: ".modal .o_field_widget[name=authority_id]:contains('UBND xã Một'), .modal .o_field_widget[name=authority_id] input:value(UBND xã Một)",
        },
        {
            content: "Describe it concretely",
            trigger: ".modal .o_field_widget[name=description] textarea",
            run: "edit Đường bê tông thôn A dài 500 m bị hư hỏng nặng, đề nghị xã sửa trước mùa mưa.",
        },
        {
            content: "Keep the proposal",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The proposal is on the report",
            trigger: ".o_field_widget[name=proposal_ids] .o_kanban_record:contains('Sửa đường bê tông thôn A')",
        },
        {
            content: "Submit with the button at the foot of the report",
            trigger: ".o_form_sheet button[name=action_submit]:contains('Nộp báo cáo')",
            run: "click",
        },
        {
            content: "The cadre is told it went, and where the proposal went",
            trigger: ".o_notification:contains('Đã nộp báo cáo cho Văn phòng cấp ủy; 1 kiến nghị')",
        },
        noDialog("The submission is accepted"),
        {
            content: "The report reads as submitted, its submit button gone",
            trigger: ".o_form_view:not(:has(.o_form_sheet button[name=action_submit])) .o_field_widget[name=proposal_ids] .o_kanban_record:contains('Đã chuyển')",
        },
    ];
}

registry.category("web_tour.tours").add("party_cadre_report_tour", {
    url: "/odoo/party-my-meetings",
    steps: () => {
        const steps = cadreReportSteps();
        return [...steps, tapsAtMost(15, steps)];
    },
});

/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * On a phone, a cadre opens My Meetings, records their attendance at the
 * meeting of the cell they are assigned to, then fills and submits their
 * report with one proposal.
 */
registry.category("web_tour.tours").add("party_cadre_report_tour", {
    url: "/odoo/party-my-meetings",
    steps: () => [
        {
            content: "Open the meeting of the cell",
            trigger: ".o_kanban_record:contains('Chi bộ thôn A')",
            run: "click",
        },
        {
            content: "Record my attendance",
            trigger:
                ".o_field_widget[name=attendance_ids] .o_kanban_record:contains('Trần Văn Cán') button[name=action_mark_present]",
            run: "click",
        },
        {
            content: "My attendance is recorded",
            trigger:
                ".o_field_widget[name=attendance_ids] .o_kanban_record:contains('Trần Văn Cán'):not(:has(button[name=action_mark_present]))",
        },
        {
            content: "Open the actions of the meeting",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Open my report",
            trigger: ".o-dropdown--menu button[name=action_open_my_report]",
            run: "click",
        },
        {
            content: "The report counts the members present",
            trigger: ".o_form_view .o_field_widget[name=member_present] input:value(2)",
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
            content: "Roll call held",
            trigger: ".o_field_widget[name=step_roll_call] input",
            run: "check",
        },
        {
            content: "Criticism and self-criticism held",
            trigger: ".o_field_widget[name=step_criticism] input",
            run: "check",
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
            content: "Open the proposals",
            trigger: ".o_notebook .nav-link[name=proposals]",
            run: "click",
        },
        {
            content: "Add a proposal",
            trigger: ".o_field_widget[name=proposal_ids] .o-kanban-button-new",
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
            content: "Open the actions of the report",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Submit the report",
            trigger: ".o-dropdown--menu button[name=action_submit]",
            run: "click",
        },
        {
            content: "The report is submitted",
            trigger: ".o_statusbar_status [data-value=submitted].o_arrow_button_current, .o_statusbar_status button.o_arrow_button_current:contains('Submitted')",
        },
    ],
});

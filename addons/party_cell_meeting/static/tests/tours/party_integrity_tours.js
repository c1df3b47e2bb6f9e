/** @odoo-module **/

import { registry } from "@web/core/registry";
import { noDialog } from "@party_cell_meeting/../tests/tours/tour_helpers";

/**
 * On a phone, a cell secretary corrects the attendance of a meeting that was
 * held, then writes up its minutes; both changes are kept in the chatter in
 * the secretary's name. The date of a held meeting is no longer editable.
 */
registry.category("web_tour.tours").add("party_secretary_held_meeting_tour", {
    steps: () => [
        {
            content: "The meeting was held: its date reads, it is not typed in",
            trigger: ".o_form_view .o_field_widget[name=date]:not(:has(input))",
        },
        {
            content: "The member recorded absent without reason was excused after all",
            trigger: ".o_party_roll_call_line[data-member='Hoàng Văn Hai'] button[name=absent_excused]",
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".o_party_roll_call_line[data-member='Hoàng Văn Hai'] input.o_party_roll_call_reason",
            run: "edit Ốm đột xuất",
        },
        {
            content: "Keep the correction",
            trigger: ".o_party_roll_call_save",
            run: "click",
        },
        noDialog("The correction is accepted"),
        {
            content: "Open the minutes",
            trigger: ".o_notebook .nav-link[name=minutes]",
            run: "click",
        },
        {
            content: "Write up the minutes",
            trigger: ".o_field_widget[name=minutes] .odoo-editor-editable",
            run: "editor Chi bộ thống nhất lịch trực phòng chống bão.",
        },
        {
            content: "Save the meeting",
            trigger: ".o_form_button_save",
            run: "click",
        },
        noDialog("The meeting is saved"),
        {
            content: "The correction of the attendance is in the chatter",
            trigger: ".o-mail-Message:contains('Hoàng Văn Hai')",
        },
        {
            content: "What the minutes read before is in the chatter",
            trigger: ".o-mail-Message:contains('Bản nháp biên bản')",
        },
    ],
});

/**
 * At the desk, a resolver answers a proposal sent to their authority; once
 * resolved, the answer is kept as it was given.
 */
registry.category("web_tour.tours").add("party_resolver_answer_tour", {
    steps: () => [
        {
            content: "The deadline is set by the system",
            trigger: ".o_form_view .o_field_widget[name=date_deadline]:not(:has(input))",
        },
        {
            content: "Write the answer",
            trigger: ".o_field_widget[name=resolution] textarea",
            run: "edit Xã đã bố trí kinh phí sửa đường trong quý II năm 2026.",
        },
        {
            content: "Resolve the proposal",
            trigger: ".o_statusbar_buttons button[name=action_resolve]",
            run: "click",
        },
        noDialog("The proposal is resolved without error"),
        {
            content: "The proposal is resolved",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=resolved]",
        },
        {
            content: "The answer is kept as given",
            trigger: ".o_field_widget[name=resolution]:not(:has(textarea))",
        },
    ],
});

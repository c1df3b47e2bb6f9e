/** @odoo-module **/

import { registry } from "@web/core/registry";

const noErrorDialog = (content) => ({
    content,
    trigger: "body:not(:has(.o_error_dialog)):not(:has(.modal .o_dialog_warning))",
});

/**
 * At the desk, an office moves a conference onto the cell meeting day: the
 * form says which cadres and cells it takes away, the organizer confirms,
 * and the conference is saved.
 */
registry.category("web_tour.tours").add("party_meeting_day_conflict_tour", {
    steps: () => [
        {
            content: "The conference is on a free day: no warning",
            trigger: ".o_form_view:not(:has(.alert-warning [name=party_conflict_note]:visible))",
        },
        {
            content: "Move it onto the meeting day",
            trigger: ".o_field_widget[name=start] input",
            run: "edit 03/05/2026 08:00:00 && press Enter",
        },
        {
            content: "The form names the cadre and the cell it takes away",
            trigger: ".alert-warning [name=party_conflict_note]:contains('Trần Văn Cán'):contains('Chi bộ thôn A')",
        },
        {
            content: "Hold it all the same",
            trigger: ".alert-warning .o_field_widget[name=party_conflict_confirmed] input",
            run: "check",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        noErrorDialog("Saved without an error"),
        {
            content: "The conference is saved, on the meeting day",
            trigger: ".o_form_view .o_form_saved, .o_form_view:not(:has(.o_form_button_save:visible))",
        },
    ],
});

/**
 * A cadre makes the private address of their meetings in My Preferences, to
 * subscribe their phone's calendar to it.
 */
registry.category("web_tour.tours").add("party_calendar_feed_tour", {
    steps: () => [
        {
            content: "Open the user menu",
            trigger: ".o_user_menu .dropdown-toggle",
            run: "click",
        },
        {
            content: "Open My Preferences",
            trigger: "[data-menu=settings]",
            run: "click",
        },
        {
            content: "Open the meeting calendar",
            trigger: ".modal .nav-link[name=party_calendar_feed]",
            run: "click",
        },
        {
            content: "Make the address",
            trigger: ".modal button[name=action_party_calendar_feed_new]",
            run: "click",
        },
        noErrorDialog("Made without an error"),
        {
            content: "Back in the meeting calendar",
            trigger: ".modal .nav-link[name=party_calendar_feed]",
            run: "click",
        },
        {
            content: "The private address is shown",
            trigger: ".modal [name=party_calendar_feed_url]:contains('/party/calendar/')",
        },
    ],
});

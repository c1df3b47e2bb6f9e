/** @odoo-module **/

import { Component } from "@odoo/owl";
import { today } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";
import { updateLines, useTypedLineValues } from "../x2many_lines";

/**
 * The roll call of a meeting, made for a phone: every attendee on one
 * screen, "All present" then the exceptions, exempt members apart (they are
 * never counted). A tap only changes the lines in the form; the form saves
 * them all in one write, with the button under the list.
 */
export class PartyRollCallField extends Component {
    static template = "party_cell_meeting.PartyRollCallField";
    static props = { ...standardFieldProps };

    setup() {
        this.typedReasons = useTypedLineValues(this.props, () => this.commitReasons());
    }

    get lines() {
        return this.props.record.data[this.props.name].records;
    }

    get sections() {
        const members = [];
        const cadres = [];
        const exempt = [];
        for (const line of this.lines) {
            if (line.data.attendee_role === "assigned_cadre") {
                cadres.push(line);
            } else if (line.data.member_is_exempt) {
                exempt.push(line);
            } else {
                members.push(line);
            }
        }
        return [
            { key: "members", title: _t("Members of the cell"), lines: members },
            { key: "cadres", title: _t("Assigned cadres"), lines: cadres },
            {
                key: "exempt",
                title: _t("Exempt from meetings (not counted)"),
                lines: exempt,
            },
        ].filter((section) => section.lines.length);
    }

    get statuses() {
        return [
            { value: "present", label: _t("Present"), color: "success" },
            { value: "absent_excused", label: _t("Excused"), color: "warning" },
            { value: "absent_unexcused", label: _t("Unexcused"), color: "danger" },
        ];
    }

    /**
     * The figures above the list, with the statuses' own labels: the
     * meeting's own counts (exempt members left out), which each tap's
     * onchange recomputes.
     */
    get summary() {
        const data = this.props.record.data;
        const counts = {
            present: data.present_count,
            absent_excused: data.excused_count,
            absent_unexcused: data.unexcused_count,
        };
        counts.pending =
            data.member_count - counts.present - counts.absent_excused - counts.absent_unexcused;
        const badges = this.statuses.map((status) => ({
            key: status.value,
            color: status.color,
            text: `${status.label}: ${counts[status.value]}`,
        }));
        if (counts.pending) {
            const label = _t("Not Recorded");
            badges.push({ key: "pending", color: "secondary", text: `${label}: ${counts.pending}` });
        }
        return badges;
    }

    /** Before the meeting day only an excused absence is declared, as on the server. */
    get isBeforeTheDay() {
        const date = this.props.record.data.date;
        return Boolean(date && date > today());
    }

    canSet(line, status) {
        return this.canRecord(line) && (status === "absent_excused" || !this.isBeforeTheDay);
    }

    get pendingMembers() {
        return this.lines.filter(
            (line) =>
                this.canSet(line, "present") &&
                line.data.status === "pending" &&
                line.data.attendee_role === "member" &&
                !line.data.member_is_exempt
        );
    }

    get isDirty() {
        return this.props.record.dirty || Object.keys(this.typedReasons).length > 0;
    }

    canRecord(line) {
        return !this.props.readonly && line.data.can_record;
    }

    update(lines, values) {
        return updateLines(
            this.props.record,
            this.props.name,
            lines.map((line) => [line, values])
        );
    }

    setStatus(line, status) {
        const values = { status };
        if (status === "present") {
            values.reason = false;
        }
        return this.update([line], values);
    }

    reasonOf(line) {
        return this.typedReasons[line.id] ?? (line.data.reason || "");
    }

    typeReason(line, reason) {
        this.typedReasons[line.id] = reason;
    }

    async commitReasons() {
        const typed = this.lines.filter(
            (line) => line.id in this.typedReasons && this.typedReasons[line.id] !== line.data.reason
        );
        for (const line of typed) {
            await this.update([line], { reason: this.typedReasons[line.id] });
        }
        for (const line of this.lines) {
            delete this.typedReasons[line.id];
        }
    }

    markAllPresent() {
        return this.update(this.pendingMembers, { status: "present", reason: false });
    }

    save() {
        return this.props.record.save();
    }
}

export const partyRollCallField = {
    component: PartyRollCallField,
    supportedTypes: ["one2many"],
    fieldDependencies: [
        { name: "date", type: "date" },
        { name: "member_count", type: "integer" },
        { name: "present_count", type: "integer" },
        { name: "excused_count", type: "integer" },
        { name: "unexcused_count", type: "integer" },
    ],
    relatedFields: [
        { name: "member_id", type: "many2one", relation: "party.member" },
        { name: "attendee_role", type: "selection" },
        { name: "member_is_exempt", type: "boolean" },
        { name: "can_record", type: "boolean" },
        { name: "status", type: "selection", readonly: false },
        { name: "reason", type: "char", readonly: false },
    ],
};

registry.category("fields").add("party_roll_call", partyRollCallField);

/** @odoo-module **/

import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { localization } from "@web/core/l10n/localization";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";
import { updateLines, useTypedLineValues } from "../x2many_lines";

/**
 * The score sheet of a meeting, made for a phone: each criterion on its own
 * card with its whole name, its guidance and its maximum, and one box for
 * the points the current user fills at this stage (the secretary's while in
 * draft, the assigned cadre's once submitted). Points are typed with either
 * decimal mark; the form saves every line in one write.
 */
export class PartyScoreSheetField extends Component {
    static template = "party_cell_meeting.PartyScoreSheetField";
    static props = { ...standardFieldProps };

    setup() {
        // points as typed, by line, until they are valid numbers on the record
        this.typed = useTypedLineValues(this.props, () => this.commit());
    }

    get lines() {
        return this.props.record.data[this.props.name].records;
    }

    get sections() {
        const sections = [];
        for (const line of this.lines) {
            const title = line.data.section || "";
            if (!sections.length || sections.at(-1).title !== title) {
                sections.push({ title, lines: [] });
            }
            sections.at(-1).lines.push(line);
        }
        return sections;
    }

    /** The points the current user fills at this stage, if any (from the server). */
    get stageField() {
        return (!this.props.readonly && this.props.record.data.points_to_fill) || null;
    }

    get isDirty() {
        return this.props.record.dirty || Object.keys(this.typed).length > 0;
    }

    format(value) {
        return String(Math.round((value || 0) * 100) / 100).replace(".", localization.decimalPoint);
    }

    parse(text) {
        const normalized = text.trim().replace(",", ".");
        return /^\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : NaN;
    }

    valueOf(line) {
        return this.typed[line.id] ?? this.format(line.data[this.stageField]);
    }

    isInvalid(line) {
        const value = this.parse(this.valueOf(line));
        return Number.isNaN(value) || value > line.data.max_points;
    }

    invalidMessage(line) {
        return _t("Between 0 and %(max)s points", { max: this.format(line.data.max_points) });
    }

    type(line, text) {
        this.typed[line.id] = text;
    }

    /**
     * Valid points go to the record at once; invalid ones stay typed and
     * marked, and keep the form from saving until they are corrected.
     */
    async commit() {
        const valid = this.lines.filter(
            (line) => line.id in this.typed && !this.isInvalid(line)
        );
        if (valid.length) {
            const field = this.stageField;
            const changes = valid.map((line) => [
                line,
                { [field]: this.parse(this.typed[line.id]) },
            ]);
            for (const line of valid) {
                delete this.typed[line.id];
            }
            await updateLines(this.props.record, this.props.name, changes);
        }
        if (Object.keys(this.typed).length) {
            await this.props.record.setInvalidField(this.props.name);
        }
    }

    save() {
        return this.props.record.save();
    }
}

export const partyScoreSheetField = {
    component: PartyScoreSheetField,
    supportedTypes: ["one2many"],
    // the sheet's own total (the cadre's points follow the cell's until adjusted)
    fieldDependencies: [
        { name: "total", type: "float" },
        { name: "max_points", type: "float" },
        { name: "points_to_fill", type: "selection" },
    ],
    relatedFields: [
        { name: "section", type: "char" },
        { name: "criterion_id", type: "many2one", relation: "party.score.criterion" },
        { name: "guidance", type: "text" },
        { name: "max_points", type: "float" },
        { name: "points", type: "float", readonly: false },
        { name: "final_points", type: "float", readonly: false },
        { name: "is_adjusted", type: "boolean" },
        { name: "score_state", type: "selection" },
    ],
};

registry.category("fields").add("party_score_sheet", partyScoreSheetField);

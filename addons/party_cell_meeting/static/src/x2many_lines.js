/** @odoo-module **/

import { useState } from "@odoo/owl";
import { x2ManyCommands } from "@web/core/orm_service";
import { useBus } from "@web/core/utils/hooks";

/**
 * Change lines of the x2many field fieldName of record in one update: one
 * onchange for all of them, and the form saves them with the record.
 *
 * @param {import("@web/model/relational_model/record").Record} record
 * @param {string} fieldName
 * @param {Array<[import("@web/model/relational_model/record").Record, Object]>} changes
 *     (line, values) pairs
 */
export function updateLines(record, fieldName, changes) {
    return record.update({
        [fieldName]: changes.map(([line, values]) => [x2ManyCommands.UPDATE, line.resId, values]),
    });
}

/**
 * Values typed into the lines of a phone widget, by line id, kept until
 * commit() hands them to the record: a render in between (another tap's
 * onchange) cannot wipe them, and any save of the form (its own button, an
 * action button) commits them first, as Odoo's own inputs do.
 *
 * @param {Object} props the field's props
 * @param {() => Promise} commit
 * @returns {Object} the typed values, reactive
 */
export function useTypedLineValues(props, commit) {
    useBus(props.record.model.bus, "NEED_LOCAL_CHANGES", (ev) => ev.detail.proms.push(commit()));
    return useState({});
}

/** @odoo-module **/

import { x2ManyCommands } from "@web/core/orm_service";

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

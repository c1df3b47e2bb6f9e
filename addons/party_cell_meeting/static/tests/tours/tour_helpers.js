/** @odoo-module **/

// Waits until no dialog is open: a server error or a refusal shows one, and
// the tour then fails here instead of going on behind it.
export const noDialog = (content) => ({ content, trigger: "body:not(:has(.modal))" });

/**
 * Holds a phone journey to its number of taps: every step that runs is one
 * tap (a click, or a tap into a field and typing). Put it last.
 */
export function tapsAtMost(limit, steps) {
    const taps = steps.filter((step) => step.run).length;
    return {
        content: `The journey takes ${taps} taps, at most ${limit}`,
        trigger: "body",
        run() {
            if (taps > limit) {
                throw new Error(`The journey takes ${taps} taps: more than ${limit}.`);
            }
        },
    };
}

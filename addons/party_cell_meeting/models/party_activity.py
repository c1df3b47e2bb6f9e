from markupsafe import Markup

from odoo.tools import SQL


def schedule_activities(activity_type, entries):
    """Create in one batch an activity of activity_type for each (record,
    user, date_deadline, note) of entries, skipping the entries without user
    (members who do not use Odoo are reached by email only). A note given as
    text is escaped: what a user typed into it never becomes markup."""
    env = activity_type.env
    vals_list = [
        {
            "res_model_id": env["ir.model"]._get_id(record._name),
            "res_id": record.id,
            "activity_type_id": activity_type.id,
            "user_id": user.id,
            "date_deadline": date_deadline,
            "note": note if isinstance(note, Markup) else Markup("<p>%s</p>") % (note or ""),
        }
        for record, user, date_deadline, note in entries
        if user
    ]
    # scheduled on behalf of the system (the cron, or a cadre notifying a
    # deputy); no "activity assigned" email: the callers send their own
    return env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
        vals_list
    )


def send_reminders(
    records, activity_type_xmlid, template_xmlid, recipient, on_record, deadline, note,
    attachment=None,
):
    """Remind, for each of records, the party member recipient(record): an
    activity on on_record(record), due deadline(record), with note(record)
    (records in the recipient's language), and the email of the template
    when the member has an address, carrying attachment(record) when given
    (the values of an ir.attachment: a calendar invitation)."""
    env = records.env
    schedule_activities(
        env.ref(activity_type_xmlid),
        [
            (
                on_record(record),
                recipient(record).user_id,
                deadline(record),
                note(record.with_context(lang=recipient(record).user_id.lang)),
            )
            for record in records
        ],
    )
    with_email = records.filtered(lambda record: recipient(record).partner_id.email)
    if with_email:
        send_with_attachments(env.ref(template_xmlid), with_email, attachment)


def send_with_attachments(template, records, attachment=None):
    """Queue the template's mail for each of records, each carrying
    attachment(record) when given: one batch of mails, one of attachments."""
    mails = template.send_mail_batch(records.ids)
    if not attachment:
        return mails
    by_id = {record.id: record for record in records}
    attachments = template.env["ir.attachment"].sudo().create(
        [
            {
                **attachment(by_id[mail.res_id]),
                "res_model": "mail.message",
                "res_id": mail.mail_message_id.id,
            }
            for mail in mails
        ]
    )
    # one insert for all the links (a write per mail would be a query each,
    # and the reminders go to thousands of cadres at once)
    relation = template.env["mail.message"]._fields["attachment_ids"]
    template.env.cr.execute(
        SQL(
            "INSERT INTO %s (%s, %s) SELECT * FROM unnest(%s::int[], %s::int[])",
            SQL.identifier(relation.relation),
            SQL.identifier(relation.column1),
            SQL.identifier(relation.column2),
            [mail.mail_message_id.id for mail in mails],
            attachments.ids,
        )
    )
    mails.mail_message_id.invalidate_recordset(["attachment_ids"])
    mails.invalidate_recordset(["attachment_ids"])
    return mails

import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PartyReportExport(models.Model):
    """A workbook asked for in the export wizard, too large to be written
    while the user waits on the request: prepared by a cron and sent to
    its requester.

    Why a cron of Odoo and not a job queue: Odoo 18's crons are triggered
    at once (``ir.cron._trigger``), run by the server's cron workers in
    their own transaction, report their progress (``_notify_progress``)
    and are called again while some work remains; that is all an export
    needs, with no dependency. OCA's queue_job would add a module, its
    channels and its job runner to every installation for this one use
    (and is not available to the deployments of this addon).

    A request is written once, queued; the cron takes one queued request
    at a time, locked with SKIP LOCKED (a second worker takes the next
    one, never the same), writes the workbook as the requester (their
    record rules and language), attaches it to the request and notifies
    the requester; a request done or failed is never taken again."""

    _name = "party.report.export"
    _inherit = ["mail.thread", "party.integrity.mixin"]
    _description = "Requested Export of Cell Meeting Figures"
    _order = "id desc"

    name = fields.Char("File Name", required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", "Requested By", required=True, readonly=True, index=True,
        default=lambda self: self.env.user, ondelete="cascade",
    )
    organization_id = fields.Many2one(
        "party.organization", required=True, readonly=True, ondelete="cascade"
    )
    date_from = fields.Date("From", required=True, readonly=True)
    date_to = fields.Date("To", required=True, readonly=True)
    row_count = fields.Integer(
        "Estimated Rows", readonly=True,
        help="The cells of the organization times the months of the period.",
    )
    state = fields.Selection(
        [("queued", "Waiting"), ("done", "Ready"), ("failed", "Failed")],
        required=True, default="queued", readonly=True, index=True,
    )
    attachment_id = fields.Many2one("ir.attachment", "Workbook", readonly=True)
    date_done = fields.Datetime("Prepared On", readonly=True)
    error = fields.Text("Why It Failed", readonly=True)

    _party_system_fields = ("name", "user_id", "row_count", "attachment_id", "date_done", "error")

    def action_download(self):
        """Offer the workbook's download."""
        self.ensure_one()
        if self.state != "done" or not self.attachment_id:
            raise UserError(self.env._("The workbook is not ready yet."))
        return {
            "type": "ir.actions.act_url",
            "url": self._download_url(),
            "target": "self",
        }

    def _download_url(self):
        return f"/web/content/{self.attachment_id.id}?download=true"

    # ------------------------------------------------------------------
    # the cron
    # ------------------------------------------------------------------

    @api.model
    def _cron_build_exports(self):
        """Prepare one queued workbook; Odoo's cron runner commits it and
        calls again while others wait. Running it twice prepares nothing
        twice: a request is taken only while queued, locked by the run that
        takes it."""
        self = self.sudo()
        self.env.cr.execute(
            SQL(
                """SELECT id FROM %s WHERE state = 'queued'
                    ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""",
                SQL.identifier(self._table),
            )
        )
        request = self.browse([row[0] for row in self.env.cr.fetchall()])
        if request:
            request._build()
        remaining = self.search_count([("state", "=", "queued")]) if request else 0
        self.env["ir.cron"]._notify_progress(done=len(request), remaining=remaining)
        return len(request)

    def _build(self):
        """Write the workbook as the requester, attach it and tell them;
        when it cannot be written, say why to them."""
        self.ensure_one()
        requester = self.user_id
        wizard = (
            self.env(user=requester.id, su=False, context={"lang": requester.lang})[
                "party.report.export.wizard"
            ].new(
                {
                    "organization_id": self.organization_id.id,
                    "date_from": self.date_from,
                    "date_to": self.date_to,
                }
            )
        )
        try:
            with self.env.cr.savepoint():
                # the requester's rights as they are now, not when they asked
                wizard._check()
                content = wizard._xlsx_content()
        except (AccessError, UserError, ValidationError) as error:
            self._fail(error.args[0])
            return
        except Exception:
            _logger.exception("The workbook of export request %s could not be written.", self.id)
            self._fail(
                wizard.env._("An error occurred while writing it; ask your administrator.")
            )
            return
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.name,
                "raw": content,
                "mimetype": XLSX_MIMETYPE,
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        self._party_system().write(
            {"state": "done", "attachment_id": attachment.id, "date_done": fields.Datetime.now()}
        )
        _ = wizard.env._
        self._notify_requester(
            _("Your Excel export is ready"),
            _("The workbook of %(organization)s from %(start)s to %(end)s is ready.",
              organization=self.organization_id.name, start=self._month(self.date_from),
              end=self._month(self.date_to)),
            (self._download_url(), _("Download %(file)s", file=self.name)),
            attachment,
        )

    def _fail(self, reason):
        self._party_system().write({"state": "failed", "error": reason})
        _ = self.with_context(lang=self.user_id.lang).env._
        self._notify_requester(
            _("Your Excel export failed"),
            _("The workbook of %(organization)s from %(start)s to %(end)s could not be "
              "prepared: %(reason)s",
              organization=self.organization_id.name, start=self._month(self.date_from),
              end=self._month(self.date_to), reason=reason),
        )

    @staticmethod
    def _month(date):
        return date.strftime("%m/%Y")

    def _notify_requester(self, title, message, link=None, attachment=None):
        """An inbox notification on the request (mailed to a requester who
        reads notifications by e-mail), with the workbook and its link, and
        a notice on the requester's open screens."""
        body = Markup("<p>%s</p>") % message
        if link:
            body += Markup('<p><a href="%s">%s</a></p>') % link
        self.message_notify(
            partner_ids=self.user_id.partner_id.ids,
            subject=title,
            body=body,
            attachment_ids=attachment.ids if attachment else None,
            email_layout_xmlid="mail.mail_notification_light",
        )
        self.user_id._bus_send(
            "simple_notification",
            {"title": title, "message": message, "sticky": True,
             "type": "success" if attachment else "warning"},
        )

import secrets

from odoo import api, fields, models


class PartyCalendarFeed(models.Model):
    """A user's private calendar feed: the URL a phone's calendar app
    subscribes to, so that the user's cell meetings appear there by
    themselves. The token is the only key: revoking it (or making a new one)
    shuts the old URL at once."""

    _name = "party.calendar.feed"
    _description = "Personal Calendar Feed"
    _inherit = ["party.integrity.mixin"]

    user_id = fields.Many2one(
        "res.users", required=True, index=True, ondelete="cascade", readonly=True,
        default=lambda self: self.env.user,
    )
    token = fields.Char(
        required=True, index=True, readonly=True, copy=False, groups="base.group_system"
    )
    url = fields.Char("Feed URL", compute="_compute_url")

    _sql_constraints = [
        ("user_uniq", "unique(user_id)", "A user has one calendar feed."),
        ("token_uniq", "unique(token)", "A feed token is used once."),
    ]

    @api.depends("token")
    def _compute_url(self):
        base_url = self.browse().get_base_url()
        for feed in self:
            feed.url = f"{base_url}/party/calendar/{feed.sudo().token}.ics"

    @api.model
    def _new_token(self):
        return secrets.token_urlsafe(32)

    @api.model
    def _for_token(self, token):
        """The feed of this token, or an empty recordset (compared in the
        database through a unique index: no timing to learn from)."""
        if not token or len(token) < 32:
            return self.browse()
        return self.sudo().search([("token", "=", token)], limit=1)

    def _meetings(self):
        """The meetings of the feed's user: those they are assigned to attend
        (a cadre line) and those of the cells they are secretary of, from
        three months back to a year ahead."""
        self.ensure_one()
        user = self.user_id
        today = fields.Date.context_today(self)
        return self.env["party.meeting"].sudo().search(
            [
                ("date", ">=", fields.Date.subtract(today, months=3)),
                ("date", "<=", fields.Date.add(today, years=1)),
                "|",
                ("attendance_ids", "any", [
                    ("attendee_role", "=", "assigned_cadre"),
                    ("member_id.user_id", "=", user.id),
                ]),
                ("cell_id.secretary_id.user_id", "=", user.id),
            ],
            order="date, id",
        )

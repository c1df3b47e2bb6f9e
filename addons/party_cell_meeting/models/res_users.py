from odoo import api, fields, models
from odoo.exceptions import UserError


class ResUsers(models.Model):
    _inherit = "res.users"

    party_member_ids = fields.One2many("party.member", "user_id", "Party Member Records")
    party_member_id = fields.Many2one(
        "party.member",
        compute="_compute_party_member_id",
        search="_search_party_member_id",
        help="The party member record of this user.",
    )
    party_calendar_feed_url = fields.Char(
        "Calendar Feed", compute="_compute_party_calendar_feed_url",
        help="Subscribe your phone's calendar to this private address: your "
        "cell meetings appear there by themselves. Keep it to yourself.",
    )
    party_organization_ids = fields.Many2many(
        "party.organization",
        "party_organization_office_user_rel",
        "user_id",
        "organization_id",
        string="Office for Organizations",
        help="The organizations whose office this user works for: the user "
        "sees and manages everything below them.",
    )

    @api.depends("party_member_ids")
    def _compute_party_member_id(self):
        for user in self:
            user.party_member_id = user.party_member_ids[:1]

    @api.depends_context("uid")
    def _compute_party_calendar_feed_url(self):
        feeds = {
            feed.user_id: feed.url
            for feed in self.env["party.calendar.feed"].sudo().search([("user_id", "in", self.ids)])
        }
        for user in self:
            # the address is a key: only its owner sees it
            mine = user == self.env.user
            user.party_calendar_feed_url = feeds.get(user, False) if mine else False

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["party_calendar_feed_url"]

    def _search_party_member_id(self, operator, value):
        return [("party_member_ids", operator, value)]

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._party_set_home_action()
        return users

    def write(self, vals):
        result = super().write(vals)
        if "party_organization_ids" in vals:
            # office record rules are computed from these organizations
            self.env.registry.clear_cache()
        if any(name == "groups_id" or name.startswith(("in_group_", "sel_groups_"))
               for name in vals):
            self._party_set_home_action()
        return result

    def _party_set_home_action(self):
        """Cadres and cell secretaries land on My Meetings when they open
        Odoo (on a phone, the app opens there), not in Discuss; a home action
        the user or an administrator chose is kept. Offices keep Odoo's."""
        home = self.env.ref(
            "party_cell_meeting.party_meeting_action_mine", raise_if_not_found=False
        )
        if not home:  # while the addon's data is loading
            return
        landing = self.filtered(
            lambda user: not user.action_id
            and not user.has_group("party_cell_meeting.group_party_office")
            and (user.has_group("party_cell_meeting.group_party_cadre")
                 or user.has_group("party_cell_meeting.group_party_cell_secretary"))
        )
        if landing:
            landing.sudo().action_id = home.id

    def action_party_calendar_feed_new(self):
        """Give the current user a new private feed URL; the old one stops
        working."""
        self.ensure_one()
        if self != self.env.user:
            raise UserError(self.env._("Each user makes their own calendar feed."))
        Feed = self.env["party.calendar.feed"].sudo()
        feed = Feed.search([("user_id", "=", self.id)])
        token = Feed._new_token()
        if feed:
            feed._party_system().write({"token": token})
        else:
            Feed.create({"user_id": self.id, "token": token})
        self.invalidate_recordset(["party_calendar_feed_url"])
        return self._party_reopen_preferences()

    def action_party_calendar_feed_revoke(self):
        """Shut the current user's feed URL."""
        self.ensure_one()
        if self != self.env.user:
            raise UserError(self.env._("Each user revokes their own calendar feed."))
        self.env["party.calendar.feed"].sudo().search([("user_id", "=", self.id)]).unlink()
        self.invalidate_recordset(["party_calendar_feed_url"])
        return self._party_reopen_preferences()

    def _party_reopen_preferences(self):
        """My Preferences again, so that the user sees the address (the
        dialog closes after a button)."""
        action = self.action_get()
        action["res_id"] = self.id
        return action

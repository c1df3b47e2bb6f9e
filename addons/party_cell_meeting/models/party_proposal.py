from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

OPEN_STATES = ("new", "assigned", "in_progress")
# A proposal must say what is asked: a few words are not a proposal.
MIN_DESCRIPTION_LENGTH = 20


class PartyProposal(models.Model):
    _name = "party.proposal"
    _description = "Proposal"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "party.scope.mixin", "party.integrity.mixin"
    ]
    _order = "date_deadline, id desc"
    _party_scope_fields = ("cell_id", "meeting_id", "report_id")
    # once sent, the authority writes its answer; once answered, it is kept
    _party_open_fields_by_state = {
        "assigned": ("resolution",),
        "in_progress": ("resolution",),
        "resolved": (),
        "rejected": (),
    }
    _party_typed_dates = ("date_raised",)
    _mail_post_access = "read"

    name = fields.Char("Proposal Title", required=True, tracking=True)
    description = fields.Text(
        required=True,
        tracking=True,
        help="What is asked, where, for whom: concrete enough for the authority to act on.",
    )
    category = fields.Selection(
        [
            ("land", "Land"),
            ("infrastructure", "Infrastructure"),
            ("social_policy", "Social Policy"),
            ("security", "Security and Order"),
            ("party_building", "Party Building"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
        tracking=True,
    )
    meeting_id = fields.Many2one(
        "party.meeting",
        compute="_compute_meeting_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        ondelete="restrict",
        help="The meeting where the proposal was raised.",
    )
    report_id = fields.Many2one(
        "party.meeting.report",
        index="btree_not_null",
        ondelete="cascade",
        help="The cadre's report that carries the proposal.",
    )
    cell_id = fields.Many2one(
        "party.organization",
        compute="_compute_cell_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        required=True,
        ondelete="restrict",
        domain="[('level', '=', 'cell')]",
    )
    superior_id = fields.Many2one(
        "party.organization",
        "Superior Committee",
        compute="_compute_superior_id",
        store=True,
        index=True,
        help="The superior committee of the meeting the proposal was raised in.",
    )
    company_id = fields.Many2one(related="cell_id.company_id", store=True)
    authority_id = fields.Many2one(
        "party.authority",
        "Competent Authority",
        index=True,
        tracking=True,
        ondelete="restrict",
        help="Who must act on the proposal.",
    )
    authority_user_ids = fields.Many2many(related="authority_id.user_ids")
    date_raised = fields.Date(
        "Raised On", default=fields.Date.context_today, required=True, copy=False
    )
    date_assigned = fields.Date("Assigned On", readonly=True, copy=False)
    date_deadline = fields.Date(
        "Answer Due", index=True, tracking=True, copy=False, readonly=True,
        help="Set when the proposal is assigned: the authority's time to answer, "
        "or the company's default.",
    )
    state = fields.Selection(
        [
            ("new", "New"),
            ("assigned", "Assigned"),
            ("in_progress", "In Progress"),
            ("resolved", "Resolved"),
            ("rejected", "Rejected"),
        ],
        required=True,
        default="new",
        copy=False,
        index=True,
        tracking=True,
    )
    resolution = fields.Text(
        "Answer", tracking=True, copy=False,
        help="How the proposal was resolved, or why it was rejected.",
    )
    date_resolved = fields.Date("Answered On", readonly=True, copy=False)
    is_overdue = fields.Boolean(
        "Overdue",
        compute="_compute_is_overdue",
        store=True,
        index=True,
        copy=False,
        help="Still unanswered after its due date. Refreshed every day.",
    )
    transfer_ids = fields.One2many(
        "party.proposal.transfer", "proposal_id", "Transfers", readonly=True
    )

    @api.depends("report_id")
    def _compute_meeting_id(self):
        for proposal in self:
            if proposal.report_id:
                proposal.meeting_id = proposal.report_id.meeting_id

    @api.depends("meeting_id")
    def _compute_cell_id(self):
        for proposal in self:
            if proposal.meeting_id:
                proposal.cell_id = proposal.meeting_id.cell_id

    # the meeting's committee, kept as it was; a proposal raised outside a
    # meeting takes its cell's committee of the day it is raised
    @api.depends("meeting_id.superior_id", "cell_id")
    def _compute_superior_id(self):
        for proposal in self:
            proposal.superior_id = (
                proposal.meeting_id.superior_id or proposal.cell_id.superior_id
            )

    @api.depends("state", "date_deadline")
    def _compute_is_overdue(self):
        # Depends on today too: _cron_flag_overdue flags the proposals whose
        # deadline passed since they were last written.
        today = fields.Date.context_today(self)
        for proposal in self:
            proposal.is_overdue = bool(
                proposal.state in OPEN_STATES
                and proposal.date_deadline
                and proposal.date_deadline < today
            )

    @api.constrains("report_id", "meeting_id", "cell_id")
    def _check_origin(self):
        for proposal in self:
            if proposal.report_id and proposal.report_id.meeting_id != proposal.meeting_id:
                raise ValidationError(
                    self.env._("A proposal of a report was raised at the report's meeting.")
                )
            if proposal.meeting_id and proposal.meeting_id.cell_id != proposal.cell_id:
                raise ValidationError(
                    self.env._("A proposal raised at a meeting belongs to the meeting's cell.")
                )

    def _party_locked_message(self):
        if self.state in ("resolved", "rejected"):
            return self.env._(
                "Proposal “%(proposal)s” was answered: it is kept as answered.",
                proposal=self.name,
            )
        return self.env._(
            "Proposal “%(proposal)s” is with its authority: only its answer is "
            "still written. Use Transfer to send it to another authority: the "
            "transfer is kept in its history.",
            proposal=self.name,
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if any(proposal.state != "new" for proposal in self):
            raise UserError(
                self.env._(
                    "A proposal sent to its authority stays on record: reject it "
                    "with a reason instead."
                )
            )

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------

    def action_assign(self):
        """Send the proposals to their authorities, with a deadline to answer."""
        for proposal in self:
            if proposal.state != "new":
                raise UserError(
                    self.env._(
                        "Proposal “%(proposal)s” was already sent to its authority.",
                        proposal=proposal.name,
                    )
                )
            if not proposal.authority_id:
                raise UserError(
                    self.env._(
                        "Proposal “%(proposal)s” does not say who must act: choose "
                        "its competent authority.",
                        proposal=proposal.name,
                    )
                )
            if len((proposal.description or "").strip()) < MIN_DESCRIPTION_LENGTH:
                raise UserError(
                    self.env._(
                        "Proposal “%(proposal)s” is not concrete enough: describe "
                        "what is asked, where and for whom.",
                        proposal=proposal.name,
                    )
                )
        today = fields.Date.context_today(self)
        for deadline, proposals in self.grouped(lambda p: p._default_deadline(today)).items():
            proposals._party_write_as_system(
                {"state": "assigned", "date_assigned": today, "date_deadline": deadline}
            )
        self._schedule_resolver_activities()
        return True

    def action_start(self):
        if any(proposal.state != "assigned" for proposal in self):
            raise UserError(self.env._("Only an assigned proposal can be taken in hand."))
        self._check_resolver()
        self._party_write_as_system({"state": "in_progress"})
        return True

    def action_resolve(self):
        self._close("resolved")
        return True

    def action_reject(self):
        self._close("rejected")
        return True

    def action_transfer(self, authority=None, reason=None):
        """Send the proposals to another authority (a record or its id, as
        RPC clients send it); the transfer and its reason stay in their
        history. A new deadline runs from today."""
        if isinstance(authority, int | list | tuple) and not isinstance(authority, bool):
            authority = self.env["party.authority"].browse(authority)
        if not isinstance(authority, models.BaseModel) or len(authority) != 1:
            raise UserError(self.env._("Choose the authority the proposal goes to."))
        if not authority.exists():
            raise UserError(self.env._("That authority no longer exists."))
        if not (reason or "").strip():
            raise UserError(self.env._("Say why the proposal goes to another authority."))
        for proposal in self:
            if proposal.state not in OPEN_STATES:
                raise UserError(
                    self.env._(
                        "Proposal “%(proposal)s” was already answered.", proposal=proposal.name
                    )
                )
            if proposal.authority_id == authority:
                raise UserError(
                    self.env._(
                        "Proposal “%(proposal)s” is already with %(authority)s.",
                        proposal=proposal.name,
                        authority=authority.name,
                    )
                )
        self._check_resolver()
        today = fields.Date.context_today(self)
        self.env["party.proposal.transfer"].sudo().create(
            [
                {
                    "proposal_id": proposal.id,
                    "from_authority_id": proposal.authority_id.id,
                    "to_authority_id": authority.id,
                    "reason": reason,
                }
                for proposal in self
            ]
        )
        to_reassign = self.filtered(lambda proposal: proposal.state != "new")
        self._activity_done("party_cell_meeting.mail_activity_party_proposal_resolve")
        # the previous authority may lose sight of the proposal: write as the
        # system once the user's right to act on it was checked
        self.check_access("write")
        system = self._party_system()
        (system - to_reassign).write({"authority_id": authority.id})
        reassigned = system.filtered(lambda proposal: proposal in to_reassign)
        for deadline, proposals in reassigned.grouped(
            lambda proposal: proposal._default_deadline(today, authority)
        ).items():
            proposals.write(
                {"authority_id": authority.id, "state": "assigned", "date_deadline": deadline}
            )
        to_reassign.sudo()._schedule_resolver_activities()
        return True

    def action_open_transfer_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Transfer to Another Authority"),
            "res_model": "party.proposal.transfer.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_proposal_ids": self.ids},
        }

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _default_deadline(self, start, authority=None):
        self.ensure_one()
        authority = authority or self.authority_id
        days = authority.proposal_days or (self.company_id or self.env.company).party_proposal_days
        return start + relativedelta(days=days)

    def _is_resolver(self):
        """The current user answers for the proposal's authority, or works
        for the party office."""
        self.ensure_one()
        return (
            self.env.su
            or self.env.user.has_group("party_cell_meeting.group_party_office")
            or self.env.user in self.sudo().authority_id.user_ids
        )

    def _check_resolver(self):
        """Only the users answering for the authority, or the party office,
        act on a proposal once assigned."""
        for proposal in self:
            if not proposal._is_resolver():
                raise UserError(
                    self.env._(
                        "Only the users answering for %(authority)s, or the party "
                        "office, can act on proposal “%(proposal)s”.",
                        authority=proposal.authority_id.name or "",
                        proposal=proposal.name,
                    )
                )

    def _close(self, state):
        for proposal in self:
            if proposal.state not in ("assigned", "in_progress"):
                raise UserError(
                    self.env._(
                        "Proposal “%(proposal)s” must be assigned to its authority "
                        "before it is answered.",
                        proposal=proposal.name,
                    )
                )
            if not (proposal.resolution or "").strip():
                if state == "rejected":
                    message = self.env._(
                        "Give the reason for rejecting proposal “%(proposal)s” in its answer.",
                        proposal=proposal.name,
                    )
                else:
                    message = self.env._(
                        "Write how proposal “%(proposal)s” was resolved in its answer.",
                        proposal=proposal.name,
                    )
                raise UserError(message)
        self._check_resolver()
        self._party_write_as_system(
            {"state": state, "date_resolved": fields.Date.context_today(self)}
        )
        self._activity_done(
            "party_cell_meeting.mail_activity_party_proposal_resolve",
            "party_cell_meeting.mail_activity_party_proposal_overdue",
        )

    def _activity_done(self, *type_xmlids):
        types = [self.env.ref(xmlid).id for xmlid in type_xmlids]
        activities = self.env["mail.activity"].sudo().search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("activity_type_id", "in", types),
            ]
        )
        if activities:
            activities.action_feedback(feedback=self.env._("Proposal answered or transferred."))

    def _schedule_resolver_activities(self):
        """One to-do per proposal and user answering for its authority."""
        activity_type = self.env.ref("party_cell_meeting.mail_activity_party_proposal_resolve")
        self._create_activities(
            activity_type,
            {proposal: proposal.authority_id.user_ids for proposal in self},
        )

    def _create_activities(self, activity_type, users_by_proposal):
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": proposal.id,
                "activity_type_id": activity_type.id,
                "user_id": user.id,
                "summary": proposal.name,
                "date_deadline": proposal.date_deadline or fields.Date.context_today(self),
            }
            for proposal, users in users_by_proposal.items()
            for user in users
        ]
        return self.env["mail.activity"].sudo().create(vals_list)

    def _office_users(self):
        """{proposal: users of the party office nearest above the authority's
        organization}, in two queries for the whole batch."""
        paths = {
            proposal: [
                int(org_id)
                for org_id in proposal.authority_id.organization_id.parent_path.split("/")[:-1]
            ]
            for proposal in self
            if proposal.authority_id
        }
        organization_ids = {org_id for path in paths.values() for org_id in path}
        users = self.env["res.users"].sudo().search(
            [
                ("party_organization_ids", "in", list(organization_ids)),
                ("groups_id", "in", self.env.ref("party_cell_meeting.group_party_office").id),
                ("share", "=", False),
            ]
        )
        by_organization = {}
        for user in users:
            for organization in user.party_organization_ids:
                by_organization.setdefault(organization.id, self.env["res.users"])
                by_organization[organization.id] |= user
        result = {}
        for proposal, path in paths.items():
            for org_id in reversed(path):
                if org_id in by_organization:
                    result[proposal] = by_organization[org_id]
                    break
        return result

    def _escalate(self):
        """An activity for the authority's users and its office on each
        proposal that just became overdue."""
        activity_type = self.env.ref("party_cell_meeting.mail_activity_party_proposal_overdue")
        office = self._office_users()
        self._create_activities(
            activity_type,
            {
                proposal: proposal.authority_id.user_ids
                | office.get(proposal, self.env["res.users"])
                for proposal in self
            },
        )

    @api.model
    def _cron_flag_overdue(self, batch_size=500):
        """Flag a batch of the open proposals whose deadline passed and
        escalate them; return how many. Odoo's cron runner commits each batch
        and calls again while some remain; once none is left, a run finds
        nothing to flag."""
        today = fields.Date.context_today(self)
        proposals = self.sudo().search(
            [
                ("state", "in", OPEN_STATES),
                ("date_deadline", "<", today),
                ("is_overdue", "=", False),
            ]
        )
        batch = proposals[:batch_size]
        self.env.add_to_compute(self._fields["is_overdue"], batch)
        batch._recompute_recordset(["is_overdue"])
        batch._escalate()
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=len(proposals) - len(batch)
        )
        return len(batch)

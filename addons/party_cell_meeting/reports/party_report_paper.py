from odoo import fields, models
from odoo.exceptions import AccessError

# The heading of every Party document: a proper name, printed as it is in
# every language.
PARTY_HEADING = "ĐẢNG CỘNG SẢN VIỆT NAM"


class PartyOrganization(models.Model):
    _inherit = "party.organization"

    def _party_paper_header(self, date=None):
        """What the header of a document issued by this organization prints:
        the parent committee and the organization in capitals on the left,
        the Party's name and the place and date line on the right."""
        self.ensure_one()
        date = fields.Date.to_date(date) or fields.Date.context_today(self)
        company = self.company_id or self.env.company
        place = company.city or company.state_id.name or "………"
        day, month = f"{date.day:02d}", f"{date.month:02d}"
        return {
            "heading": PARTY_HEADING,
            "parent": (self.parent_id.name or "").upper(),
            "name": (self.name or "").upper(),
            "place_date": self.env._(
                "%(place)s, day %(day)s month %(month)s year %(year)s",
                place=place,
                day=day,
                month=month,
                year=date.year,
            ),
        }

    def _party_subtree_ids(self, cells_only=False):
        """The ids of these organizations and all below them, archived ones
        included, as a list. The statistics views group their rows: a plain
        list of ids is pushed down into them by PostgreSQL (and uses the
        tables' indexes), where the subquery of child_of is applied only
        after every group of the database is computed."""
        domain = [("id", "child_of", self.ids)]
        if cells_only:
            domain.append(("level", "=", "cell"))
        return self.with_context(active_test=False).search(domain, order="id").ids

    def _check_party_office_scope(self):
        """Printed consolidations and exports of an organization are for its
        office and the offices above it: refuse the others."""
        user = self.env.user
        if self.env.su or user.has_group("party_cell_meeting.group_party_manager"):
            return
        in_scope = self.browse()
        if user.party_organization_ids:
            in_scope = self.sudo().search(
                [("id", "in", self.ids), ("id", "child_of", user.party_organization_ids.ids)]
            )
        outside = self - in_scope
        if outside:
            raise AccessError(
                self.env._(
                    "%(organization)s is outside the organizations of your office: "
                    "you cannot print or export its figures.",
                    organization=", ".join(outside.sudo().mapped("name")),
                )
            )

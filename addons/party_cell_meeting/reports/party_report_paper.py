import re
import unicodedata

from odoo import fields, models
from odoo.exceptions import AccessError

from ..models.party_numbers import format_paper_date

# The heading of every Party document: a proper name, printed as it is in
# every language.
PARTY_HEADING = "ĐẢNG CỘNG SẢN VIỆT NAM"

# The territorial units an organization's name may start with, after
# "Đảng bộ" (longest first: "thị xã" before "xã"), and the committee each
# elects, as Party documents name it: "Đảng bộ tỉnh Ninh Bình" is led by the
# "Tỉnh ủy Ninh Bình", "Đảng bộ phường Hoa Lư" by the "Đảng ủy phường Hoa Lư".
UNIT_COMMITTEES = (
    ("thành phố", "Thành ủy"),
    ("thị xã", "Thị ủy"),
    ("thị trấn", None),
    ("đặc khu", None),
    ("tỉnh", "Tỉnh ủy"),
    ("huyện", "Huyện ủy"),
    ("quận", "Quận ủy"),
    ("phường", None),
    ("xã", None),
)

# The symbol of the issuing committee in a document's number ("Số 12-BC/TU",
# Hướng dẫn 36-HD/VPTW): tỉnh, thành and thị ủy TU, huyện ủy HU, quận ủy QU,
# any other đảng ủy ĐU, a cell CB. The symbols are Vietnamese abbreviations,
# printed as they are in every language.
COMMITTEE_SYMBOLS = {
    "Tỉnh ủy": "TU",
    "Thành ủy": "TU",
    "Thị ủy": "TU",
    "Huyện ủy": "HU",
    "Quận ủy": "QU",
    "Đảng ủy": "ĐU",
    "Chi bộ": "CB",
}

# The levels whose committee elects a standing board (Ban Thường vụ), which
# signs on its behalf; a grassroots or sub-branch committee signs as a whole.
STANDING_BOARD_LEVELS = ("provincial", "district", "commune", "block")

# Where the office writes the number by hand: "Số      -BC/ĐU".
BLANK_NUMBER = "\u00a0" * 8


def _starts_with_word(text, word):
    return text.lower().startswith(word.lower() + " ")


class PartyOrganization(models.Model):
    _inherit = "party.organization"

    def _party_paper_name(self):
        """The organization's name as it heads a document: in NFC, without a
        closing note in brackets such as "(trước 7/2025)"."""
        self.ensure_one()
        name = unicodedata.normalize("NFC", self.name or "").strip()
        return re.sub(r"\s*\([^()]*\)$", "", name)

    def _party_committee_parts(self):
        """(committee, symbol, locality) of this organization: the name of
        the committee that issues its documents, that committee's symbol in
        their numbers, and the administrative unit its name holds (False
        when it holds none)."""
        self.ensure_one()
        name = self._party_paper_name()
        if _starts_with_word(name, "Đảng bộ"):
            rest = name[len("Đảng bộ "):].strip()
            for unit, committee in UNIT_COMMITTEES:
                if _starts_with_word(rest, unit):
                    place = rest[len(unit) + 1:].strip()
                    if committee:
                        return f"{committee} {place}", COMMITTEE_SYMBOLS[committee], place
                    return f"Đảng ủy {unit} {place}", "ĐU", place
            # a grassroots committee, a block, a sub-branch: "Đảng ủy Khối…"
            return f"Đảng ủy {rest}", "ĐU", False
        if self.level == "cell" and not _starts_with_word(name, "Chi bộ"):
            return f"Chi bộ {name}", "CB", False
        # already a committee's or a cell's name: "Tỉnh ủy Ninh Bình", "Chi bộ thôn A"
        for committee, symbol in COMMITTEE_SYMBOLS.items():
            if _starts_with_word(name, committee):
                return name, symbol, False
        return name, "CB" if self.level == "cell" else "ĐU", False

    def _party_committee_name(self):
        """The committee that issues this organization's documents, as Party
        documents name it: "Đảng bộ tỉnh X" is led by the "Tỉnh ủy X", "Đảng
        bộ xã X" (phường, đặc khu) by the "Đảng ủy xã X", any other "Đảng bộ
        X" by the "Đảng ủy X"; a cell is the "Chi bộ X". Printed in capitals
        as the issuing body: "TỈNH ỦY NINH BÌNH"."""
        return self._party_committee_parts()[0]

    def _party_locality(self):
        """Where this organization's documents are issued (Hướng dẫn 36: the
        administrative unit of the issuing body): the unit its name holds, or
        that of the nearest organization above it that holds one, else the
        company's city."""
        self.ensure_one()
        organization = self
        while organization:
            place = organization._party_committee_parts()[2]
            if place:
                return place
            organization = organization.parent_id
        company = self.company_id or self.env.company
        return company.city or company.state_id.name or "………"

    def _party_addressee(self):
        """This organization's committee as a document addresses it: its
        standing board when it elects one ("Ban Thường vụ Tỉnh ủy X"), else
        the committee or the cell itself."""
        self.ensure_one()
        committee = self._party_committee_name()
        if self.level in STANDING_BOARD_LEVELS:
            return self.env._("the Standing Board of %(committee)s", committee=committee)
        return committee

    def _party_paper_header(self, date=None, kind=None, personal=False):
        """What the header of a document issued by this organization prints
        (Hướng dẫn 36-HD/VPTW): on the left the organization above in
        capitals, the issuing committee in bold capitals, a star and, for a
        document of the kind kind (its symbol: BC for a report, BB for the
        minutes), the number line, its number left blank for the office; on
        the right the Party's name and the place and date line.

        A personal document (a cadre's report) names the organizations
        themselves, not their committee, and has no number."""
        self.ensure_one()
        date = fields.Date.to_date(date) or fields.Date.context_today(self)
        committee, symbol, _place = self._party_committee_parts()
        number = ""
        if kind and not personal:
            number = self.env._(
                "No. %(number)s-%(kind)s/%(symbol)s",
                number=BLANK_NUMBER,
                kind=kind,
                symbol=symbol,
            )
        return {
            "heading": PARTY_HEADING,
            "parent": self.parent_id._party_paper_name().upper() if self.parent_id else "",
            "name": (self._party_paper_name() if personal else committee).upper(),
            "number": number,
            "place_date": format_paper_date(self.env, self._party_locality(), date),
        }

    def _party_paper_signature(self):
        """The signature block of a document this organization's committee
        issues: on behalf of its standing board, of the committee (grassroots
        and sub-branch committees) or of the cell, by its secretary."""
        self.ensure_one()
        if self.level == "cell":
            behalf = self.env._("ON BEHALF OF THE CELL")
        elif self.level in STANDING_BOARD_LEVELS:
            behalf = self.env._("ON BEHALF OF THE STANDING BOARD")
        else:
            behalf = self.env._("ON BEHALF OF THE PARTY COMMITTEE")
        return {
            "behalf": behalf,
            "title": self.env._("SECRETARY"),
            "name": self.secretary_id.name or "",
        }

    def _party_paper_recipients(self):
        """The lines of "Nơi nhận:" of a report this organization's committee
        issues: the committee above, to report to it, and the copy kept."""
        self.ensure_one()
        lines = []
        if self.parent_id:
            lines.append(
                self.env._(
                    "- %(addressee)s (to report),", addressee=self.parent_id._party_addressee()
                )
            )
        if self.level == "cell":
            lines.append(self.env._("- Filed by the cell."))
        else:
            lines.append(
                self.env._(
                    "- Filed at the office of %(committee)s.",
                    committee=self._party_committee_name(),
                )
            )
        return lines

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

"""18.0.3.0.0: the six kinds of cell of Hướng dẫn 42-HD/BTCTW (28/10/2025)
replace residential / agency / other. Residential and agency cells keep their
value. A cell typed "other" takes the kind its name says, else agency, and its
chatter says so for the office to check: no value a user chose changes
silently.

No pre-migration is needed: cell_type is a selection given in full (no
selection_add, so no ondelete policy), and Odoo then leaves a value dropped
from it in its column (ir.model.fields.selection._process_ondelete does
nothing for it); "other" is still there when this script runs."""

import unicodedata

from markupsafe import Markup

from odoo import SUPERUSER_ID, api
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate("party_cell_meeting")

# The words of a cell's name that say its kind, tried in this order: "Chi bộ
# Công an xã" is a police cell, "Chi bộ sinh viên" a cell of students, whatever
# else the name says. A school's own cell (its teachers) is a public service
# unit: "trường" alone says nothing of students.
KIND_BY_NAME = [
    ("armed_forces", ("quân sự", "quân đội", "bộ đội", "công an", "biên phòng")),
    ("student", ("sinh viên", "học sinh")),
    ("state_enterprise", ("doanh nghiệp nhà nước", "công ty nhà nước")),
    ("private_enterprise", ("doanh nghiệp", "công ty")),
]
DEFAULT_KIND = "agency"


def kind_from_name(name):
    # the same letters may come composed or decomposed from an import
    text = unicodedata.normalize("NFC", name or "").lower()
    for kind, words in KIND_BY_NAME:
        if any(word in text for word in words):
            return kind
    return DEFAULT_KIND


def migrate(cr, version):
    cr.execute("SELECT id, name FROM party_organization WHERE cell_type = 'other'")
    ids_by_kind = {}
    for organization_id, name in cr.fetchall():
        ids_by_kind.setdefault(kind_from_name(name), []).append(organization_id)
    if not ids_by_kind:
        return
    for kind, organization_ids in ids_by_kind.items():
        cr.execute(
            "UPDATE party_organization SET cell_type = %s WHERE id = ANY(%s)",
            [kind, organization_ids],
        )
    env = api.Environment(cr, SUPERUSER_ID, {})
    # the rows were changed behind the ORM's back
    env["party.organization"].invalidate_model(["cell_type"])
    # written in the language of the administrator who runs the upgrade
    admin = env.ref("base.user_admin", raise_if_not_found=False)
    env = env(context={"lang": (admin and admin.lang) or "en_US"})
    labels = dict(env["party.organization"]._fields["cell_type"]._description_selection(env))
    bodies = {
        organization_id: Markup("<p>%s</p>")
        % env._(
            _lt(
                'The type of this cell was "Other", which the kinds of cell of '
                "Hướng dẫn 42-HD/BTCTW no longer have: it is now %(kind)s, as read "
                "from its name. To be checked by the office.",
                kind=labels[kind],
            )
        )
        for kind, organization_ids in ids_by_kind.items()
        for organization_id in organization_ids
    }
    organizations = env["party.organization"].with_context(active_test=False)
    organizations.browse(list(bodies))._message_log_batch(bodies)

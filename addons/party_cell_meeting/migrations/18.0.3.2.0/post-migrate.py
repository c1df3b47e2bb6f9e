"""18.0.3.2.0: members read the cadres assigned to their cell, whose names are
on its roll call. The rule is in a noupdate file, which an update leaves as it
was: its name and domain are taken here from that file."""

from pathlib import Path

from lxml import etree

from odoo import SUPERUSER_ID, api

RULES_FILE = Path(__file__).parents[2] / "security" / "party_cell_meeting_rules.xml"


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref("party_cell_meeting.party_member_rule_member", raise_if_not_found=False)
    if not rule:
        return
    record = etree.parse(RULES_FILE).find(".//record[@id='party_member_rule_member']")
    rule.write(
        {
            "name": record.findtext("field[@name='name']"),
            "domain_force": record.findtext("field[@name='domain_force']"),
        }
    )

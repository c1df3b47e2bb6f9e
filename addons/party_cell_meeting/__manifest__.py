{
    "name": "Party Cell Meetings",
    "version": "18.0.1.0.0",
    "category": "Productivity/Party Cell Meetings",
    "summary": "Assign committee members to attend Party cell meetings, "
    "record attendance and follow the monthly cycle",
    "description": """
Assignment of committee members and department heads, by numbered decision,
to attend the monthly meetings of Party cells; the meetings themselves and who
attended them.
""",
    "author": "party_cell_meeting team",
    "license": "LGPL-3",
    "depends": ["mail", "web_hierarchy"],
    "data": [
        "security/party_cell_meeting_security.xml",
        "security/ir.model.access.csv",
        "security/party_cell_meeting_rules.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/party_organization_views.xml",
        "views/party_member_views.xml",
        "views/party_position_views.xml",
        "views/party_authority_views.xml",
        "views/party_assignment_decision_views.xml",
        "views/party_assignment_views.xml",
        "views/party_meeting_views.xml",
        "views/party_meeting_attendance_views.xml",
        "views/party_meeting_report_views.xml",
        "views/party_proposal_views.xml",
        "views/res_users_views.xml",
        "views/party_no_meeting_day_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/party_proposal_transfer_wizard_views.xml",
        "wizard/party_meeting_report_reopen_wizard_views.xml",
        "views/party_cell_meeting_menus.xml",
    ],
    "demo": [
        "demo/party_organization_demo.xml",
        "demo/party_member_demo.xml",
        "demo/party_assignment_demo.xml",
        "demo/party_meeting_demo.xml",
        "demo/party_report_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "party_cell_meeting/static/tests/tours/**/*",
        ],
    },

    "application": True,
    "installable": True,
}

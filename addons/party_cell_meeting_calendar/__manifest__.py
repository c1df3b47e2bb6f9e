{
    "name": "Party Cell Meetings – Calendar",
    "version": "18.0.1.0.0",
    "category": "Productivity/Party Cell Meetings",
    "summary": "Keep the cell meeting day free of conferences in Odoo Calendar, and show "
    "the cadres' meetings there",
    "description": """
Installed by itself where both Odoo's Calendar and Party Cell Meetings are: a
conference that calls an assigned cadre on their meeting day (or over a
meeting they attend) is flagged, the organizer must confirm it, and the
province may refuse it outright; the offices list such conferences month by
month; and each cadre finds their cell meetings in Odoo Calendar.
""",
    "author": "party_cell_meeting team",
    "maintainers": ["party-cell-meeting"],
    "website": "https://github.com/party-cell-meeting/party_cell_meeting",
    "development_status": "Beta",
    "license": "LGPL-3",
    "depends": ["calendar", "party_cell_meeting"],
    "data": [
        "views/calendar_event_views.xml",
        "views/res_config_settings_views.xml",
        "views/party_cell_meeting_calendar_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "party_cell_meeting_calendar/static/tests/tours/**/*",
        ],
    },
    "auto_install": True,
    "installable": True,
}

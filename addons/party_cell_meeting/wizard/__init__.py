from . import party_meeting_absence_wizard

from . import test_meeting_day_conflict

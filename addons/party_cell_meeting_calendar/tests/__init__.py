from . import test_meeting_day_conflict
from . import test_tours

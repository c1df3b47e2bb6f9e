from . import party_cell_year_score
from . import party_member_year_attendance

from . import party_cell_year_score
from . import party_member_year_attendance
from . import party_stat_scope
from . import party_cadre_stat
from . import party_cell_month_stat
from . import party_report_paper
from . import party_report_consolidation

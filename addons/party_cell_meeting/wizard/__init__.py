from . import party_meeting_absence_wizard
from . import party_proposal_transfer_wizard
from . import party_meeting_report_reopen_wizard
from . import party_report_export_wizard
from . import party_organization_reorganize_wizard

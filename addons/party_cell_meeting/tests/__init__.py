from . import test_organization
from . import test_assignment
from . import test_meeting
from . import test_access
from . import test_translation
from . import test_views
from . import test_settings
from . import test_generation

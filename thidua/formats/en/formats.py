# English interface, Vietnamese conventions: dates stay dd/mm/yyyy.
from thidua.formats.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","

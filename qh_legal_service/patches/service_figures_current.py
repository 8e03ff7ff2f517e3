"""Count each desk service's records by the current value of its desk's state and sidebar fields too
(`FigureSource.current`), which the desk's unfiltered sidebar counts and list count now read."""

from qh_legal_service.figures import rebuild
from qh_legal_service.rules.desk_indexes import DESKS


def execute():
	for doctype in DESKS:
		rebuild(doctype)

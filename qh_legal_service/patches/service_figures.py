"""Count every service's records into the supervisors' monthly sums (`Service Figure`, new)."""

from qh_legal_service.figures import rebuild


def execute():
	rebuild()

# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from qh_legal_service.scoping import AreaTableRow


class MediationSession(AreaTableRow):
	"""A row of a mediation case."""

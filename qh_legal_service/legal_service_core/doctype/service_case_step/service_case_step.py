# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from qh_legal_service.scoping import AreaTableRow


class ServiceCaseStep(AreaTableRow):
	"""One step of a service case and whether it ended in time, written by the server (see service_case.py)."""

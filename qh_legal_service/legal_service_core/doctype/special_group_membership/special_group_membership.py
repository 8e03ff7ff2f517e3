# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from qh_legal_service.scoping import AreaTableRow


class SpecialGroupMembership(AreaTableRow):
	pass

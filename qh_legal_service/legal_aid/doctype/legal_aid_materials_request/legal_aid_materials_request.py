# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from qh_legal_service.scoping import AreaTableRow


class LegalAidMaterialsRequest(AreaTableRow):
	"""One materials request of a legal aid application, recorded by the server on the transitions."""

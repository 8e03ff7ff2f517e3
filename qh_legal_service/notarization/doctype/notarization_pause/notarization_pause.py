# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from qh_legal_service.scoping import AreaTableRow


class NotarizationPause(AreaTableRow):
	"""One span the certificate's clock does not count, recorded by the server on the transitions."""

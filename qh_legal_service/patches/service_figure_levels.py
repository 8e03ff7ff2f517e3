"""Keep the supervisors' sums per county and per prefecture too (`Service Figure.level`): recount every
service, and drop the indexes the level-less reads used."""

import frappe

from qh_legal_service.figures import FIGURE, rebuild
from qh_legal_service.quality_and_supervision.doctype.service_figure.service_figure import (
	FORMER_INDEXES,
	on_doctype_update,
)


def execute():
	existing = {row.Key_name for row in frappe.db.sql(f"show index from `tab{FIGURE}`", as_dict=True)}
	for index in FORMER_INDEXES:
		if index in existing:
			frappe.db.sql_ddl(f"alter table `tab{FIGURE}` drop index `{index}`")
	on_doctype_update()
	rebuild()

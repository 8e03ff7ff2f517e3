"""What a backup-and-restore drill compares between a site and its restored copy (scripts/backup-drill):
the app's record counts, the private files (by content), the supervision sums, and a survey link, whose
token only the site's own encryption key can read."""

import hashlib
import json
import os

import frappe

from qh_legal_service.quality_and_supervision.satisfaction import issue_link, open_link
from qh_legal_service.rules.satisfaction import LINK_DOCTYPE, SERVICE_RECORDS, token_hash

APP = "qh_legal_service"


def digest(rows) -> str:
	return hashlib.sha256(json.dumps(rows, default=str, ensure_ascii=False).encode()).hexdigest()


def file_digest(path: str) -> str:
	if not os.path.exists(path):
		return "missing"
	with open(path, "rb") as content:
		return hashlib.file_digest(content, "sha256").hexdigest()


def fingerprint() -> dict:
	"""The site's app records counted by doctype, its private files and its monthly sums, digested."""
	modules = frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")
	doctypes = frappe.get_all(
		"DocType", filters={"module": ["in", modules], "issingle": 0, "is_virtual": 0}, pluck="name"
	)
	files = [
		(row.file_url, row.file_size, file_digest(frappe.get_site_path(row.file_url.lstrip("/"))))
		for row in frappe.get_all(
			"File",
			filters={"is_private": 1, "is_folder": 0, "file_url": ["like", "/private/files/%"]},
			fields=["file_url", "file_size"],
			order_by="file_url",
		)
	]
	sums = frappe.db.sql(
		"""select service, level, month, figure, sum(records), sum(timed), sum(in_time), sum(days)
		from `tabService Figure` group by service, level, month, figure order by 1, 2, 3, 4"""
	)
	return {
		"records": {doctype: frappe.db.count(doctype) for doctype in sorted(doctypes)},
		"private_files": [len(files), digest(files)],
		"missing_private_files": sum(1 for *_, content in files if content == "missing"),
		"sums": [len(sums), digest([list(row) for row in sums])],
	}


def drill_file_name(token: str) -> str:
	return f"backup-drill-{token_hash(token)[:12]}.txt"


def issue_drill_link() -> str:
	"""A survey link for the first record of a surveyed service, and a private file attached to it (so
	that a site without uploads still proves its private files restore): the link's token."""
	for doctype in SERVICE_RECORDS:
		if name := frappe.db.get_value(doctype, {}, "name", order_by="creation asc"):
			url, _link = issue_link(doctype, name)
			token = url.split("t=", 1)[1]
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": drill_file_name(token),
					"is_private": 1,
					"attached_to_doctype": doctype,
					"attached_to_name": name,
					"content": f"backup drill {frappe.utils.now()}\n",
				}
			).insert(ignore_permissions=True)
			return token
	frappe.throw("The site has no record of a surveyed service to issue a drill link for")


def link_opens(token: str) -> str:
	"""'valid' when the site reads the token and finds its link, or the reason it does not."""
	try:
		open_link(token)
	except Exception as error:
		return f"refused: {error}"
	return "valid"


def forget_drill_link(token: str) -> None:
	"""Remove the drill's link and file from the site they were made on."""
	frappe.db.delete(LINK_DOCTYPE, {"token_hash": token_hash(token)})
	for name in frappe.get_all("File", filters={"file_name": drill_file_name(token)}, pluck="name"):
		frappe.delete_doc("File", name, force=True, ignore_permissions=True)

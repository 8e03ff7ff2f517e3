"""Files attached to service records are personal data: private, and limited when a citizen uploads.

Frappe writes an upload to disk inside `File.before_insert`, public unless the uploader asked for
private, and a citizen's upload dialog offers "Set all public". So the choice is made here, before
the file is written: every attachment of an area record, and everything a citizen uploads, is
private. Frappe then serves it only to its owner and to those who may read the record it is
attached to (`frappe.core.doctype.file.file.has_permission`, which defers to our area scoping).
"""

from urllib.parse import unquote

import frappe
from frappe import _
from frappe.core.doctype.file.file import File

from qh_legal_service.field_access import is_citizen
from qh_legal_service.rules.portal_protection import content_matches_name
from qh_legal_service.rules.uploads import upload_problem
from qh_legal_service.scoping import area_doctypes


class UploadNotAllowedError(frappe.ValidationError):
	"""A citizen's upload of a type or size the portal does not take."""


class ServiceFile(File):
	"""Frappe's File, kept private when it belongs to a service record or comes from a citizen."""

	def before_insert(self):
		if not self.is_folder:
			self.check_reference()
		if not self.is_folder and is_citizen(frappe.session.user):
			self.check_citizen_reference()
		if not self.is_folder and self.must_be_private():
			self.is_private = 1
			self.copy_public_content()
		if not self.is_folder and is_citizen(frappe.session.user):
			self.check_citizen_upload()
		super().before_insert()

	def must_be_private(self) -> bool:
		return is_citizen(frappe.session.user) or self.attached_to_doctype in area_doctypes()

	def copy_public_content(self):
		"""A new record pointing at a public file gets a private copy of its content instead."""
		if self.file_url and self.file_url.startswith("/files/") and not self.get("content"):
			self.content = self.get_content()
			self.file_url = None

	def check_reference(self):
		"""A new File that points at a stored private file (no content of its own) may point only at one its
		creator may already read: attaching another area's file to one's own record would serve it to them."""
		if self.get("content") or not (self.file_url or "").startswith("/private/files/"):
			return
		if frappe.session.user == "Administrator":
			return
		existing = frappe.get_all("File", filters={"file_url": self.file_url}, pluck="name")
		if existing and not any(frappe.has_permission("File", "read", doc=name) for name in existing):
			frappe.throw(_("You can attach only files you may open."), frappe.PermissionError)

	def check_citizen_reference(self):
		"""A citizen may point a new file record only at a file they uploaded themselves."""
		if self.get("content") or not self.file_url:
			return
		if not frappe.db.exists("File", {"file_url": self.file_url, "owner": frappe.session.user}):
			frappe.throw(_("You can attach only files you uploaded."), frappe.PermissionError)

	def check_citizen_upload(self):
		content = self.get("content")
		if content is None and not self.file_url:
			return
		if content is None:
			content = self.get_content()
		raw = content.encode() if isinstance(content, str) else content
		# The types and size are Portal Protection Settings (defaults from rules/uploads.py).
		from qh_legal_service.portal_protection import upload_limits

		extensions, max_bytes = upload_limits()
		# A web form sends the file base64-encoded: its size is three quarters of what arrived.
		size = len(raw) * 3 // 4 if self.get("decode") else len(raw)
		problem = upload_problem(self.file_name, size, extensions=extensions, max_bytes=max_bytes)
		if not problem and not content_matches_name(self.file_name, self.decoded_head(raw)):
			problem = "type"
		if problem == "type":
			frappe.throw(
				_("{0} cannot be uploaded: please send a photo (JPG or PNG) or a PDF.").format(
					self.file_name
				),
				UploadNotAllowedError,
				title=_("File Type Not Accepted"),
			)
		if problem == "size":
			frappe.throw(
				_("{0} is larger than {1} MB: please send a smaller photo or scan.").format(
					self.file_name, max_bytes // (1024 * 1024)
				),
				UploadNotAllowedError,
				title=_("File Too Large"),
			)
		if problem == "empty":
			frappe.throw(
				_("{0} is empty: please choose the file again.").format(self.file_name),
				UploadNotAllowedError,
				title=_("Empty File"),
			)

	def decoded_head(self, raw: bytes) -> bytes:
		"""The first kilobyte of the file as it will be written (a web form sends it base64-encoded)."""
		if self.get("decode"):
			import base64

			try:
				return base64.b64decode(raw[:1400] + b"=" * (-len(raw[:1400]) % 4), validate=False)[:1024]
			except ValueError:
				return b""
		return raw[:1024]


def private_file_headers(response=None, request=None) -> None:
	"""after_request hook: a private file is personal data and never a page. It is saved, not shown, and
	never read as another type than the one sent (an upload named .pdf whose bytes are HTML must not run
	as a page of this site): `nosniff` and a download disposition on every private file served."""
	if response is None or request is None or response.status_code != 200:
		return
	if not request.path.startswith("/private/files/"):
		return
	response.headers["X-Content-Type-Options"] = "nosniff"
	if "attachment" not in response.headers.get("Content-Disposition", ""):
		response.headers.set(
			"Content-Disposition", "attachment", filename=unquote(request.path.rsplit("/", 1)[-1])
		)

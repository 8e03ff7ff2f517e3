"""What a citizen may upload: ID cards, income proofs and case papers as pictures or PDFs, not too large.

Pure: a file's name and size in, the problem (if any) out. `qh_legal_service.files` applies it.
"""

from pathlib import PurePosixPath

# A phone's photo of a document or a scanned PDF; nothing that runs or renders as a page.
PORTAL_UPLOAD_EXTENSIONS = ("jpg", "jpeg", "png", "pdf")
PORTAL_UPLOAD_MAX_MB = 10
PORTAL_UPLOAD_MAX_BYTES = PORTAL_UPLOAD_MAX_MB * 1024 * 1024


def upload_problem(
	file_name: str | None,
	size: int,
	extensions: tuple[str, ...] = PORTAL_UPLOAD_EXTENSIONS,
	max_bytes: int = PORTAL_UPLOAD_MAX_BYTES,
) -> str | None:
	"""What is wrong with a citizen's upload: "type", "size", "empty", or None when it may be kept.

	The extensions and the size default to the constants above; `Portal Protection Settings` may
	set others.
	"""
	extension = PurePosixPath(file_name or "").suffix.lower().lstrip(".")
	if extension not in extensions:
		return "type"
	if size <= 0:
		return "empty"
	if size > max_bytes:
		return "size"
	return None

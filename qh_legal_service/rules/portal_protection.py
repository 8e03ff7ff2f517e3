"""The portal under abuse: who the client is, how often they may write, and what a field may hold.

Pure: addresses, counts, times and strings in, plain answers out. `qh_legal_service.portal_protection`
applies it on every request, with the numbers from the `Portal Protection Settings` single.
"""

import html
import ipaddress
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from qh_legal_service.rules.uploads import PORTAL_UPLOAD_EXTENSIONS, PORTAL_UPLOAD_MAX_MB

# Defaults for a village service room: several people, each with a phone or at the room's one
# computer, all behind the room's one NAT address. Frappe's own web form limit (10 a minute per
# address, hard-coded) is what such a room exceeds on a busy morning.
GUEST_PER_ADDRESS_PER_MINUTE = 20
GUEST_PER_ADDRESS_PER_HOUR = 200
CITIZEN_PER_ACCOUNT_PER_MINUTE = 10
CITIZEN_PER_ACCOUNT_PER_HOUR = 60
CITIZEN_PER_ADDRESS_PER_MINUTE = 60
CITIZEN_PER_ADDRESS_PER_HOUR = 600
# A reverse proxy on the same machine (nginx of `bench setup production`) is the usual front.
TRUSTED_PROXIES_DEFAULT = "127.0.0.1/32\n::1/128"
# A long question or statement of facts fits; a pasted book does not.
MAX_TEXT_LENGTH = 5000
UPLOAD_EXTENSIONS_DEFAULT = ", ".join(PORTAL_UPLOAD_EXTENSIONS)
UPLOAD_MAX_MB_DEFAULT = PORTAL_UPLOAD_MAX_MB

MINUTE = 60
HOUR = 60 * 60

# The field types whose value a person types as plain text: shown as text, never as markup.
PLAIN_TEXT_FIELDTYPES = ("Data", "Small Text", "Text", "Long Text")
# Every field type that holds typed text, and so has a length cap on the portal.
TYPED_TEXT_FIELDTYPES = (*PLAIN_TEXT_FIELDTYPES, "Text Editor", "Markdown Editor", "HTML Editor")
# Field types whose value is a file's URL.
ATTACH_FIELDTYPES = ("Attach", "Attach Image")
# What a File's URL looks like on this site: its own path, with nothing a browser would run or read as markup.
FILE_URL = re.compile(r"/(private/)?files/[^<>\"'`\\\s][^<>\"'`\\]*")

# Frappe's generic write paths a portal visitor can reach, by the method their request calls.
# Apps add their own guest or citizen write methods with the `portal_write_methods` hook.
FRAPPE_WRITE_METHODS = frozenset(
	{
		"frappe.website.doctype.web_form.web_form.accept",
		"frappe.website.doctype.web_form.web_form.delete",
		"frappe.website.doctype.web_form.web_form.delete_multiple",
		"upload_file",
		"frappe.handler.upload_file",
		"frappe.client.insert",
		"frappe.client.insert_many",
		"frappe.client.save",
		"frappe.client.set_value",
		"frappe.client.submit",
		"frappe.client.cancel",
		"frappe.client.delete",
		"frappe.client.rename_doc",
		"frappe.client.bulk_update",
		"frappe.desk.form.save.savedocs",
		"frappe.desk.form.save.cancel",
		"frappe.desk.form.utils.add_comment",
		"frappe.desk.form.utils.update_comment",
		"frappe.templates.includes.comments.comments.add_comment",
		"frappe.www.contact.send_message",
	}
)
UNSAFE_HTTP_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_RESOURCE_PREFIXES = ("/api/resource/", "/api/v2/document/")
_METHOD_PREFIXES = ("/api/method/", "/api/v2/method/")


def parse_networks(text: str | None) -> tuple:
	"""The networks of a settings text, one CIDR or address a line (commas and spaces also part them).

	A line that is not a network raises ValueError naming it, so a typo is refused on save.
	"""
	networks = []
	for item in (text or "").replace(",", "\n").split():
		try:
			networks.append(ipaddress.ip_network(item.strip(), strict=False))
		except ValueError as error:
			raise ValueError(item) from error
	return tuple(networks)


def _address(text: str | None):
	try:
		return ipaddress.ip_address((text or "").strip())
	except ValueError:
		return None


def _trusted(address, networks: Iterable) -> bool:
	return address is not None and any(address.version == n.version and address in n for n in networks)


def client_address(remote_addr: str | None, forwarded_for: str | None, trusted_networks: Iterable) -> str:
	"""The client's address: `X-Forwarded-For` only through proxies the site trusts, else the peer.

	The rightmost-untrusted rule: when the direct peer is a trusted proxy, walk the header from the
	right (each proxy appends the address it saw) past every trusted proxy; the first address that
	is not trusted is the client. Whatever a client writes into the header itself sits to the left of
	that and is never read. A peer that is not trusted is the client, whatever header it sends.
	"""
	networks = tuple(trusted_networks)
	peer = _address(remote_addr)
	if peer is None:
		return (remote_addr or "").strip() or "127.0.0.1"
	if not forwarded_for or not _trusted(peer, networks):
		return str(peer)
	client = peer
	for hop in reversed(forwarded_for.split(",")):
		address = _address(hop)
		if address is None:
			# Garbage in the chain: what is right of it was checked, what is left cannot be believed.
			break
		client = address
		if not _trusted(address, networks):
			break
	return str(client)


def is_portal_write(http_method: str, path: str, cmd: str | None, extra_methods: Iterable[str] = ()) -> bool:
	"""Whether a request writes: a REST insert, update or delete, or a call of a known write method."""
	if (http_method or "").upper() not in UNSAFE_HTTP_METHODS:
		return False
	path = path or ""
	if path.startswith(_RESOURCE_PREFIXES):
		return True
	method = cmd or ""
	for prefix in _METHOD_PREFIXES:
		if path.startswith(prefix):
			method = path[len(prefix) :].strip("/")
			break
	return bool(method) and (method in FRAPPE_WRITE_METHODS or method in set(extra_methods))


@dataclass(frozen=True)
class Limit:
	"""At most `count` writes by one `scope` ("address" or "account") in a window of `seconds`."""

	scope: str
	count: int
	seconds: int

	@property
	def active(self) -> bool:
		return self.count > 0 and self.seconds > 0


def limits_for(is_guest: bool, settings: dict) -> tuple[Limit, ...]:
	"""The limits that apply to a guest (per address) or a signed-in citizen (per account and address).

	A zero or empty setting switches that limit off.
	"""

	def number(key, default):
		value = settings.get(key)
		return default if value is None else int(value)

	if is_guest:
		return tuple(
			limit
			for limit in (
				Limit(
					"address", number("guest_per_address_per_minute", GUEST_PER_ADDRESS_PER_MINUTE), MINUTE
				),
				Limit("address", number("guest_per_address_per_hour", GUEST_PER_ADDRESS_PER_HOUR), HOUR),
			)
			if limit.active
		)
	return tuple(
		limit
		for limit in (
			Limit(
				"account", number("citizen_per_account_per_minute", CITIZEN_PER_ACCOUNT_PER_MINUTE), MINUTE
			),
			Limit("account", number("citizen_per_account_per_hour", CITIZEN_PER_ACCOUNT_PER_HOUR), HOUR),
			Limit(
				"citizen-address",
				number("citizen_per_address_per_minute", CITIZEN_PER_ADDRESS_PER_MINUTE),
				MINUTE,
			),
			Limit(
				"citizen-address", number("citizen_per_address_per_hour", CITIZEN_PER_ADDRESS_PER_HOUR), HOUR
			),
		)
		if limit.active
	)


def window_key(limit: Limit, identity: str, now_seconds: float) -> tuple[str, int]:
	"""The counter's key for the fixed window `now` falls in, and the seconds left in that window."""
	window, spent = divmod(int(now_seconds), limit.seconds)
	return f"{limit.scope}:{limit.seconds}:{identity}:{window}", limit.seconds - spent


def minutes_to_wait(seconds_left: int) -> int:
	"""The whole minutes to tell a refused person to wait (at least one)."""
	return max(1, math.ceil(seconds_left / 60))


def text_too_long(value, max_length: int) -> bool:
	"""Whether a typed value is longer than the cap (0 switches the cap off)."""
	return bool(max_length) and isinstance(value, str) and len(value) > max_length


def as_plain_text(value):
	"""A plain-text value with its markup characters escaped, so every page shows it as typed.

	Only a value with `<` or `>` changes, and the result holds neither: applying it again changes
	nothing, so an escaped value stays as it was stored. Frappe's desk and our portal pages put a
	plain-text field's value into the page as HTML; escaped, it reads exactly as the person typed it.
	"""
	if not isinstance(value, str) or ("<" not in value and ">" not in value):
		return value
	return html.escape(value, quote=False)


def is_file_url(value: str | None) -> bool:
	"""Whether an Attach value is a plain URL of a file on this site (not markup, not a `javascript:` URL,
	not another site's address)."""
	return bool(value) and FILE_URL.fullmatch(value) is not None


def parse_extensions(text: str | None) -> tuple[str, ...]:
	"""The upload extensions of a settings text ("jpg, png pdf"), lower case, without dots."""
	items = (text or "").replace(",", " ").split()
	return tuple(dict.fromkeys(item.strip().lstrip(".").lower() for item in items if item.strip(".")))


# What the first bytes of a file of each accepted type are: a name ending .pdf is not enough.
_SIGNATURES = {
	"jpg": (b"\xff\xd8\xff",),
	"jpeg": (b"\xff\xd8\xff",),
	"png": (b"\x89PNG\r\n\x1a\n",),
	"pdf": (b"%PDF-",),
	"gif": (b"GIF87a", b"GIF89a"),
	"webp": (b"RIFF",),
}


def content_matches_name(file_name: str | None, head: bytes) -> bool:
	"""Whether a file's first bytes are those of the type its name claims (unknown types pass)."""
	extension = PurePosixPath(file_name or "").suffix.lower().lstrip(".")
	signatures = _SIGNATURES.get(extension)
	if not signatures:
		return True
	if extension == "pdf":
		# A PDF reader takes the header anywhere in the first kilobyte.
		return signatures[0] in head[:1024]
	return any(head.startswith(signature) for signature in signatures)

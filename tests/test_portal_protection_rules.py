"""The portal's protection rules: client address, write detection, limits, text and file content."""

import pytest

from qh_legal_service.rules.portal_protection import (
	CITIZEN_PER_ACCOUNT_PER_MINUTE,
	GUEST_PER_ADDRESS_PER_MINUTE,
	TRUSTED_PROXIES_DEFAULT,
	Limit,
	as_plain_text,
	client_address,
	content_matches_name,
	is_file_url,
	is_portal_write,
	limits_for,
	minutes_to_wait,
	parse_extensions,
	parse_networks,
	text_too_long,
	window_key,
)
from qh_legal_service.rules.uploads import upload_problem

TRUSTED = parse_networks(TRUSTED_PROXIES_DEFAULT + "\n10.0.0.0/8")


def test_spoofed_header_from_an_untrusted_peer_is_ignored():
	assert client_address("203.0.113.7", "1.2.3.4", TRUSTED) == "203.0.113.7"
	assert client_address("203.0.113.7", "127.0.0.1, 10.0.0.1", TRUSTED) == "203.0.113.7"


def test_trusted_proxy_header_names_the_client():
	assert client_address("127.0.0.1", "198.51.100.20", TRUSTED) == "198.51.100.20"


def test_rightmost_untrusted_address_wins_over_what_the_client_wrote():
	# The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
	assert client_address("127.0.0.1", "1.2.3.4, 198.51.100.20", TRUSTED) == "198.51.100.20"
	# Two trusted hops (an outer proxy 10.0.0.5, then nginx on the machine).
	assert client_address("127.0.0.1", "1.2.3.4, 198.51.100.20, 10.0.0.5", TRUSTED) == "198.51.100.20"


def test_a_chain_of_trusted_proxies_only_gives_the_leftmost():
	assert client_address("127.0.0.1", "10.0.0.9, 10.0.0.5", TRUSTED) == "10.0.0.9"


def test_garbage_in_the_header_stops_the_walk():
	assert client_address("127.0.0.1", "evil, 198.51.100.20", TRUSTED) == "198.51.100.20"
	assert client_address("127.0.0.1", "not-an-address", TRUSTED) == "127.0.0.1"


def test_no_header_or_no_trust_means_the_peer():
	assert client_address("127.0.0.1", None, TRUSTED) == "127.0.0.1"
	assert client_address("127.0.0.1", "198.51.100.20", ()) == "127.0.0.1"
	assert client_address("::1", "2001:db8::5", TRUSTED) == "2001:db8::5"
	assert client_address(None, "1.2.3.4", TRUSTED) == "127.0.0.1"


def test_networks_parse_and_a_typo_is_named():
	assert len(parse_networks("127.0.0.1/32, ::1/128\n10.0.0.0/8")) == 3
	assert parse_networks("") == ()
	with pytest.raises(ValueError, match=r"10\.0\.0\.300"):
		parse_networks("10.0.0.300/8")


@pytest.mark.parametrize(
	("method", "path", "cmd", "expected"),
	[
		("POST", "/api/method/frappe.website.doctype.web_form.web_form.accept", None, True),
		("POST", "/api/method/upload_file", None, True),
		("POST", "/api/resource/Legal Aid Application", None, True),
		("PUT", "/api/resource/Legal Aid Application/LAA-1", None, True),
		("DELETE", "/api/v2/document/Legal Aid Application/LAA-1", None, True),
		("GET", "/api/resource/Legal Aid Application", None, False),
		("POST", "/api/method/frappe.client.get_list", None, False),
		("POST", "/api/method/login", None, False),
		("POST", "/", "frappe.client.insert", True),
		("POST", "/api/method/my_app.survey.answer", None, False),
	],
)
def test_which_requests_write(method, path, cmd, expected):
	assert is_portal_write(method, path, cmd) is expected


def test_apps_name_their_own_write_methods():
	assert is_portal_write("POST", "/api/method/my_app.survey.answer", None, ["my_app.survey.answer"])


def test_guest_limits_are_per_address_and_citizen_limits_per_account_and_address():
	guest = limits_for(True, {})
	assert {limit.scope for limit in guest} == {"address"}
	assert guest[0] == Limit("address", GUEST_PER_ADDRESS_PER_MINUTE, 60)
	citizen = limits_for(False, {})
	assert {limit.scope for limit in citizen} == {"account", "citizen-address"}
	assert citizen[0] == Limit("account", CITIZEN_PER_ACCOUNT_PER_MINUTE, 60)
	# A village room behind one address exceeds Frappe's 10 a minute; the defaults let it.
	assert GUEST_PER_ADDRESS_PER_MINUTE > 10


def test_a_zero_setting_switches_a_limit_off():
	limits = limits_for(True, {"guest_per_address_per_minute": 0, "guest_per_address_per_hour": 5})
	assert limits == (Limit("address", 5, 3600),)


def test_windows_are_fixed_and_say_how_long_is_left():
	limit = Limit("address", 3, 60)
	key, left = window_key(limit, "1.2.3.4", 6_000_010)
	assert key == "address:60:1.2.3.4:100000"
	assert left == 50
	assert window_key(limit, "1.2.3.4", 6_000_059)[0] == key
	assert window_key(limit, "1.2.3.4", 6_000_060)[0] != key
	assert minutes_to_wait(50) == 1
	assert minutes_to_wait(3599) == 60


def test_text_caps():
	assert text_too_long("x" * 11, 10)
	assert not text_too_long("x" * 10, 10)
	assert not text_too_long("x" * 11, 0)
	assert not text_too_long(None, 10)


def test_markup_is_escaped_once_and_plain_text_is_untouched():
	typed = '<script>alert("x")</script> my land & <b>house</b>'
	shown = as_plain_text(typed)
	assert "<" not in shown and ">" not in shown
	assert shown == '&lt;script&gt;alert("x")&lt;/script&gt; my land &amp; &lt;b&gt;house&lt;/b&gt;'
	assert as_plain_text(shown) == shown
	assert as_plain_text("land & house") == "land & house"
	assert as_plain_text("ཞིང་ས། 土地") == "ཞིང་ས། 土地"
	assert as_plain_text(None) is None


def test_extensions_parse():
	assert parse_extensions("jpg, .PNG pdf,pdf") == ("jpg", "png", "pdf")
	assert parse_extensions("") == ()


def test_file_content_must_match_its_name():
	assert content_matches_name("id.jpg", b"\xff\xd8\xff\xe0rest")
	assert content_matches_name("scan.png", b"\x89PNG\r\n\x1a\nrest")
	assert content_matches_name("scan.pdf", b"%PDF-1.7\n")
	assert content_matches_name("scan.pdf", b"\n\n%PDF-1.4")
	assert not content_matches_name("scan.pdf", b"<html><script>alert(1)</script>")
	assert not content_matches_name("photo.jpg", b"MZ\x90\x00")
	assert content_matches_name("notes.txt", b"anything")


def test_upload_problem_takes_the_settings():
	assert upload_problem("a.gif", 10) == "type"
	assert upload_problem("a.gif", 10, extensions=("gif",)) is None
	assert upload_problem("a.pdf", 2048, max_bytes=1024) == "size"


def test_the_settings_defaults_are_the_rules_defaults():
	import json
	from pathlib import Path

	from qh_legal_service.rules import portal_protection as rules

	path = (
		Path(__file__).resolve().parents[1]
		/ "qh_legal_service/legal_service_core/doctype/portal_protection_settings/portal_protection_settings.json"
	)
	defaults = {f["fieldname"]: f.get("default") for f in json.loads(path.read_text())["fields"]}
	expected = {
		"guest_per_address_per_minute": rules.GUEST_PER_ADDRESS_PER_MINUTE,
		"guest_per_address_per_hour": rules.GUEST_PER_ADDRESS_PER_HOUR,
		"citizen_per_account_per_minute": rules.CITIZEN_PER_ACCOUNT_PER_MINUTE,
		"citizen_per_account_per_hour": rules.CITIZEN_PER_ACCOUNT_PER_HOUR,
		"citizen_per_address_per_minute": rules.CITIZEN_PER_ADDRESS_PER_MINUTE,
		"citizen_per_address_per_hour": rules.CITIZEN_PER_ADDRESS_PER_HOUR,
		"max_text_length": rules.MAX_TEXT_LENGTH,
		"upload_max_mb": rules.UPLOAD_MAX_MB_DEFAULT,
	}
	assert {key: int(defaults[key]) for key in expected} == expected
	assert defaults["trusted_proxies"] == rules.TRUSTED_PROXIES_DEFAULT
	assert defaults["upload_extensions"] == rules.UPLOAD_EXTENSIONS_DEFAULT
	assert limits_for(True, {key: int(defaults[key]) for key in expected}) == limits_for(True, {})


@pytest.mark.parametrize(
	"value, ok",
	[
		("/private/files/身份证.png", True),
		("/files/id card.pdf", True),
		("<img src=x onerror=alert(1)>", False),
		("javascript:alert(1)", False),
		("https://evil.example/files/x.pdf", False),
		("//evil.example/files/x.pdf", False),
		('/files/x.png" onmouseover="alert(1)', False),
		("/files/", False),
		("", False),
		(None, False),
	],
)
def test_an_attach_value_is_a_plain_url_of_a_file_on_this_site(value, ok):
	assert is_file_url(value) is ok

"""Requests through the whole web application, as a browser or an API client sends them.

Each request runs in a thread of its own with its own database connection, as Frappe's own API tests
do (`frappe.tests.test_api.make_request`), so what a test wants the request to see must be committed.
"""

import json
import re

import frappe
from frappe.tests.test_api import make_request
from frappe.utils import get_test_client
from werkzeug.test import TestResponse

from qh_legal_service.tests.utils import TEST_PASSWORD


class SiteClient:
	"""One person's HTTP session on the site under test: cookies are kept between requests."""

	def __init__(self, user: str | None = None, password: str = TEST_PASSWORD):
		self.client = get_test_client()
		self.user = user or "Guest"
		if user:
			response = self.post("/api/method/login", data={"usr": user, "pwd": password})
			if response.status_code != 200:
				raise AssertionError(
					f"{user} could not sign in: {response.status_code} {response.text[:300]}"
				)

	def request(self, method: str, path: str, **kwargs) -> TestResponse:
		"""Send one request and return Werkzeug's response."""
		return make_request(
			target=getattr(self.client, method), args=(path,), kwargs=kwargs, site=frappe.local.site
		)

	def get(self, path: str, **kwargs) -> TestResponse:
		return self.request("get", path, **kwargs)

	def post(self, path: str, **kwargs) -> TestResponse:
		return self.request("post", path, **kwargs)

	def put(self, path: str, **kwargs) -> TestResponse:
		return self.request("put", path, **kwargs)

	def call(self, method: str, **params) -> TestResponse:
		"""POST a whitelisted method with form-encoded arguments, as `frappe.call` does."""
		data = {
			key: json.dumps(value) if isinstance(value, dict | list) else value
			for key, value in params.items()
		}
		return self.post(f"/api/method/{method}", data=data)


def message(response: TestResponse):
	"""The `message` of a method's JSON answer, or the `data` of a resource's."""
	body = response.get_json(silent=True) or {}
	return body.get("message", body.get("data"))


def server_messages(response: TestResponse) -> str:
	"""The user-facing messages of a refused request, joined, for assertions on their wording."""
	body = response.get_json(silent=True) or {}
	texts = []
	for raw in json.loads(body.get("_server_messages") or "[]"):
		try:
			texts.append(json.loads(raw).get("message", raw))
		except (TypeError, ValueError):
			texts.append(raw)
	return "\n".join(texts) + "\n" + (body.get("exception") or "")


def exception_type(response: TestResponse) -> str | None:
	"""The class name of the exception that refused a request."""
	return (response.get_json(silent=True) or {}).get("exc_type")


def message_fragments(msgid: str, lang: str) -> list[str]:
	"""The fixed parts of a message as `lang` words it: what a refusal must contain, whatever the values."""
	return [part for part in re.split(r"\{\d+\}", frappe._(msgid, lang=lang)) if part.strip()]

"""The portal's web form, its upload dialog and its list in Tibetan and Chinese: none of Frappe's English is left."""

import re

import pytest
from conftest import BASE_URL, screenshot

TIBETAN = re.compile("[\u0f00-\u0fff]")
CHINESE = re.compile("[\u4e00-\u9fff]")
CITIZEN = "browser-no-english@test.qh"
FORM = f"{BASE_URL}/legal-aid-application"
# Frappe's own words a citizen met in English before the app's catalogues carried them.
ENGLISH = (
	"Not Saved",
	"Attach",
	"Discard",
	"New",
	"Submit",
	"See previous responses",
	"Submit another response",
	"Upload",
	"Private",
	"Public",
	"Optimize",
	"Set all public",
	"Set all private",
	"Reload File",
	"Clear",
	"My Device",
	"Library",
	"Link",
	"Camera",
	"Drag and drop",
	"files",
	"No",
	"found",
	"My Account",
	"Edit Profile",
	"Reset Password",
)
# A 1x1 PNG: enough for the dialog to show the chosen file and its options; it is never uploaded.
PIXEL = bytes.fromhex(
	"89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f"
	"0005fe02fea7d6a4bc0000000049454e44ae426082"
)


def english_words(text: str) -> list[str]:
	return [word for word in ENGLISH if re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text)]


def visible_text(page, selector: str) -> str:
	"""What a person sees: inner text without the screen-reader-only status of Frappe's Link control."""
	return page.locator(selector).first.evaluate(
		"""(root) => {
			const copy = root.cloneNode(true);
			copy.querySelectorAll('.visually-hidden, .sr-only').forEach((el) => el.remove());
			document.body.appendChild(copy);
			copy.style.position = 'absolute';
			const text = copy.innerText;
			copy.remove();
			return text;
		}"""
	)


@pytest.mark.parametrize(("lang", "script"), [("bo", TIBETAN), ("zh", CHINESE)])
def test_web_form_and_upload_dialog_have_no_english(phone, lang, script):
	page = phone
	page.goto(f"{FORM}/new?_lang={lang}")
	page.wait_for_selector('.web-form [data-fieldname="id_document"] button')
	form_text = visible_text(page, ".web-form-wrapper, .web-form")
	assert script.search(form_text)
	assert not english_words(form_text), english_words(form_text)
	assert not english_words(visible_text(page, "footer, .web-footer")), "footer"
	screenshot(page, f"portal-form-{lang}-phone")

	# Money in yuan: the portal's formatter uses the site currency's sign, not "USD" or "CNY".
	money = page.evaluate("frappe.form.formatters.Currency(1800, {fieldtype: 'Currency'})")
	assert "¥" in money and "USD" not in money and "CNY" not in money, money

	page.locator('.web-form [data-fieldname="id_document"] button').first.click()
	dialog = page.locator(".modal.show .modal-content").first
	dialog.wait_for()
	page.wait_for_timeout(300)
	assert script.search(visible_text(page, ".modal.show .modal-content"))
	assert not english_words(visible_text(page, ".modal.show .modal-content"))
	page.set_input_files(
		'.modal.show input[type="file"]', files=[{"name": "id.png", "mimeType": "image/png", "buffer": PIXEL}]
	)
	page.locator(".modal.show .file-preview-box, .modal.show .file-preview").first.wait_for()
	page.wait_for_timeout(300)
	chosen = visible_text(page, ".modal.show .modal-content").replace("id.png", "")
	assert not english_words(chosen), english_words(chosen)
	screenshot(page, f"portal-upload-dialog-{lang}-phone")


def test_list_and_account_page_have_no_english_in_tibetan(phone):
	page = phone
	page.goto(f"{FORM}/list?_lang=bo")
	page.wait_for_selector(".web-list-container, .web-list-table, .no-result", state="attached")
	page.wait_for_timeout(800)
	text = visible_text(page, "main, .page-content-wrapper, body")
	assert TIBETAN.search(text)
	assert not english_words(text), english_words(text)
	screenshot(page, "portal-list-bo-phone-no-english")

	page.goto(f"{BASE_URL}/me?_lang=bo")
	text = visible_text(page, "main, .page-content-wrapper, body").replace(CITIZEN.split("@")[0], "")
	assert TIBETAN.search(text)
	assert not english_words(text), english_words(text)
	screenshot(page, "portal-me-bo-phone")

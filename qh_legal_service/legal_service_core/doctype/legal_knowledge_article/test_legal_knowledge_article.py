# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt
"""The knowledge base on a site: publishing makes an article searchable, unpublishing hides it from the
portal, synonyms from the table widen a search, guests search over HTTP, the portal page answers."""

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service import knowledge_base
from qh_legal_service.tests.http import SiteClient, message
from qh_legal_service.tests.utils import CHENGDONG, make_staff

# Words no seeded article uses, so the test's articles are the only ones that can match.
ZH_QUESTION = "骆驼队在冬窝子迷路了怎么求助？"
ZH_ANSWER = "先拨打110报警，再联系乡镇政府组织搜救；骆驼队的损失可以申请调解。"
BO_QUESTION = "རྔ་མོང་གི་ཁྱུ་ལམ་ནོར་ན་རོགས་རམ་ཇི་ལྟར་ཞུ།"
PAGE_TITLE = "Ask / Search Answers"
BO_ANSWER = "སྔོན་ལ་110 ལ་སྐད་བརྡ་གཏོང་། རྔ་མོང་གི་གྱོང་གུན་ལ་བར་འདུམ་ཞུ་ཆོག"


def make_article(question: str, answer: str, language: str, published: int) -> str:
	doc = frappe.get_doc(
		{
			"doctype": knowledge_base.ARTICLE,
			"question": question,
			"answer": answer,
			"language": language,
			"matter_type": "Other Matter",
			"keywords": "",
			"published": published,
		}
	).insert(ignore_permissions=True)
	return doc.name


def names(rows) -> list[str]:
	return [row["name"] for row in rows]


class TestLegalKnowledgeArticle(FrappeTestCase):
	def setUp(self):
		self.made: list[tuple[str, str]] = []

	def tearDown(self):
		frappe.db.rollback()
		for doctype, name in reversed(self.made):
			if frappe.db.exists(doctype, name):
				frappe.delete_doc(doctype, name, ignore_permissions=True, force=True)
		frappe.db.commit()  # nosemgrep: the index follows committed changes only

	def article(self, *args) -> str:
		name = make_article(*args)
		self.made.append((knowledge_base.ARTICLE, name))
		return name

	def test_publishing_makes_an_article_searchable_and_unpublishing_hides_it(self):
		name = self.article(ZH_QUESTION, ZH_ANSWER, "zh", 0)
		frappe.db.commit()  # nosemgrep: the index follows committed changes only
		self.assertNotIn(name, names(knowledge_base.find("骆驼队迷路", "zh")))

		frappe.db.set_value(knowledge_base.ARTICLE, name, "published", 1)
		frappe.get_doc(knowledge_base.ARTICLE, name).save(ignore_permissions=True)
		frappe.db.commit()  # nosemgrep
		hits = knowledge_base.find("骆驼队迷路", "zh")
		self.assertEqual(names(hits)[:1], [name])
		self.assertEqual(hits[0]["question"], ZH_QUESTION)
		self.assertTrue(hits[0]["snippet"].startswith("先拨打110报警"))
		# A Chinese question finds Chinese answers, even from the Tibetan page; a Latin-only one follows the page.
		self.assertEqual({hit["language"] for hit in knowledge_base.find("骆驼队迷路", "bo")}, {"zh"})
		self.assertEqual(knowledge_base.query_language("12348", "bo"), "bo")
		self.assertEqual(knowledge_base.query_language("རྔ་མོང", "zh"), "bo")

		doc = frappe.get_doc(knowledge_base.ARTICLE, name)
		doc.published = 0
		doc.save(ignore_permissions=True)
		frappe.db.commit()  # nosemgrep
		self.assertNotIn(name, names(knowledge_base.find("骆驼队迷路", "zh")))

	def test_an_unpublished_change_is_hidden_before_the_index_hears_of_it(self):
		name = self.article(ZH_QUESTION, ZH_ANSWER, "zh", 1)
		frappe.db.commit()  # nosemgrep
		self.assertIn(name, names(knowledge_base.find("骆驼队", "zh")))
		# Straight in the database, no index update: the search still checks `published`.
		frappe.db.set_value(knowledge_base.ARTICLE, name, "published", 0)
		self.assertNotIn(name, names(knowledge_base.find("骆驼队", "zh")))

	def test_deleting_an_article_takes_it_out_and_a_rebuild_keeps_published_only(self):
		shown = self.article(BO_QUESTION, BO_ANSWER, "bo", 1)
		hidden = self.article(BO_QUESTION + " ༢", BO_ANSWER, "bo", 0)
		frappe.db.commit()  # nosemgrep
		self.assertEqual(names(knowledge_base.find("རྔ་མོང་ལམ་ནོར།"))[:1], [shown])
		count = knowledge_base.rebuild_index()
		self.assertEqual(count, frappe.db.count(knowledge_base.ARTICLE, {"published": 1}))
		self.assertEqual(names(knowledge_base.find("རྔ་མོང་ལམ་ནོར།", "bo"))[:1], [shown])
		self.assertNotIn(hidden, names(knowledge_base.find("རྔ་མོང", "bo", 20)))
		frappe.delete_doc(knowledge_base.ARTICLE, shown, ignore_permissions=True)
		frappe.db.commit()  # nosemgrep
		self.assertNotIn(shown, names(knowledge_base.find("རྔ་མོང་ལམ་ནོར།", "bo", 20)))

	def test_a_synonym_from_the_table_widens_the_search(self):
		name = self.article(ZH_QUESTION, ZH_ANSWER, "zh", 1)
		frappe.db.commit()  # nosemgrep
		self.assertNotIn(name, names(knowledge_base.find("单峰驼走失", "zh")))
		synonym = frappe.get_doc(
			{"doctype": knowledge_base.SYNONYM, "term": "骆驼队", "language": "zh", "synonyms": "单峰驼"}
		).insert(ignore_permissions=True)
		self.made.append((knowledge_base.SYNONYM, synonym.name))
		frappe.db.commit()  # nosemgrep
		self.assertEqual(names(knowledge_base.find("单峰驼走失", "zh"))[:1], [name])

	def test_seeded_articles_answer_in_both_languages(self):
		self.assertGreaterEqual(
			frappe.db.count(knowledge_base.ARTICLE, {"published": 1, "code": ("is", "set")}), 60
		)
		self.assertEqual(knowledge_base.find("草场界线纠纷", "zh")[0]["matter_type"], "Land and Grassland")
		hit = knowledge_base.find("公证需要带什么材料", "zh")[0]
		self.assertEqual((hit["matter_type"], hit["service"]), ("Other Matter", "Notarization"))
		# Through a variable: a literal with `lang=` would be extracted as a message of its own context.
		service, language = "Notarization", hit["language"]
		self.assertEqual(hit["topic_label"], frappe._(service, lang=language))
		self.assertEqual(knowledge_base.find("རྩྭ་ཐང་གི་ས་མཚམས།")[0]["language"], "bo")
		# The website's navigation bar leads to the page, once.
		urls = [item.url for item in frappe.get_single("Website Settings").top_bar_items]
		self.assertEqual(urls.count(knowledge_base.PORTAL_ROUTE), 1)
		knowledge_base.setup_portal_link()
		urls = [item.url for item in frappe.get_single("Website Settings").top_bar_items]
		self.assertEqual(urls.count(knowledge_base.PORTAL_ROUTE), 1)


class TestWhoPublishes(FrappeTestCase):
	"""Hotline operators write articles and synonyms; a justice bureau publishes."""

	def setUp(self):
		self.operator = make_staff("kb-operator@test.qh", "630000", "12348 Hotline Operator")
		self.bureau = make_staff("kb-bureau@test.qh", CHENGDONG, "County Justice Bureau")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_an_operator_drafts_and_a_bureau_publishes(self):
		frappe.set_user(self.operator)
		doc = frappe.get_doc(
			{
				"doctype": knowledge_base.ARTICLE,
				"question": ZH_QUESTION,
				"answer": ZH_ANSWER,
				"language": "zh",
				"matter_type": "Other Matter",
				"published": 1,
			}
		).insert()
		self.assertEqual(doc.published, 0)
		synonym = frappe.get_doc(
			{"doctype": knowledge_base.SYNONYM, "term": "骆驼队", "language": "zh", "synonyms": "驼队"}
		).insert()
		self.assertTrue(synonym.name)
		frappe.set_user(self.bureau)
		doc = frappe.get_doc(knowledge_base.ARTICLE, doc.name)
		doc.published = 1
		doc.save()
		self.assertEqual(frappe.db.get_value(knowledge_base.ARTICLE, doc.name, "published"), 1)


class TestKnowledgeBaseOverHttp(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.shown = make_article(ZH_QUESTION, ZH_ANSWER, "zh", 1)
		cls.hidden = make_article(ZH_QUESTION.replace("冬窝子", "夏窝子"), ZH_ANSWER, "zh", 0)
		cls.shown_bo = make_article(BO_QUESTION, BO_ANSWER, "bo", 1)
		frappe.db.commit()  # nosemgrep: the requests below read these from their own connections
		cls.guest = SiteClient()

	@classmethod
	def tearDownClass(cls):
		for name in (cls.shown, cls.hidden, cls.shown_bo):
			frappe.delete_doc(knowledge_base.ARTICLE, name, ignore_permissions=True, force=True)
		frappe.db.commit()  # nosemgrep
		super().tearDownClass()

	def test_a_guest_searches_published_articles_only(self):
		response = self.guest.get(
			"/api/method/qh_legal_service.knowledge_base.search",
			query_string={"query": "骆驼队冬窝子夏窝子迷路", "lang": "zh"},
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		found = names(message(response))
		self.assertIn(self.shown, found)
		self.assertNotIn(self.hidden, found)

	def test_a_guest_reads_a_published_answer_not_an_unpublished_one(self):
		before = frappe.db.get_value(knowledge_base.ARTICLE, self.shown, "view_count")
		response = self.guest.get(
			"/api/method/qh_legal_service.knowledge_base.article", query_string={"name": self.shown}
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		self.assertEqual(message(response)["answer"], ZH_ANSWER)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value(knowledge_base.ARTICLE, self.shown, "view_count"), before + 1)
		refused = self.guest.get(
			"/api/method/qh_legal_service.knowledge_base.article", query_string={"name": self.hidden}
		)
		self.assertEqual(refused.status_code, 404)
		self.assertNotIn(ZH_ANSWER, refused.text)

	def test_markup_in_an_article_or_a_query_is_shown_as_text(self):
		name = make_article("骆驼<img src=x onerror=alert(1)>迷路", "<script>alert(2)</script>求助", "zh", 1)
		frappe.db.commit()  # nosemgrep
		try:
			page = self.guest.get("/legal-answers", query_string={"q": '骆驼迷路"><svg onload=alert(3)>'})
			text = page.get_data(as_text=True)
			# Frappe's save already drops the handler; what is left is shown as text, as is the query.
			self.assertTrue("骆驼&lt;img" in text, "the article's markup is not escaped")
			self.assertFalse("<img src" in text or "<script>alert" in text or "<svg onload" in text)
			self.assertTrue("&lt;svg onload=alert(3)&gt;" in text, "the query is not kept as text")
		finally:
			frappe.delete_doc(knowledge_base.ARTICLE, name, ignore_permissions=True, force=True)
			frappe.db.commit()  # nosemgrep

	def test_a_guest_searching_too_fast_is_refused_for_a_while(self):
		from frappe.installer import update_site_config

		method = "qh_legal_service.knowledge_base.search"
		counter = frappe.cache.make_key(f"rl:{method}:127.0.0.1")
		frappe.cache.delete(counter)
		update_site_config("kb_search_limit_per_minute", 3)
		try:
			codes = [
				self.guest.get(f"/api/method/{method}", query_string={"query": "骆驼队"}).status_code
				for _ in range(4)
			]
		finally:
			update_site_config("kb_search_limit_per_minute", "None")
			frappe.cache.delete(counter)
		self.assertEqual(codes, [200, 200, 200, 429])

	def test_the_portal_page_answers_in_tibetan(self):
		response = self.guest.get("/legal-answers", query_string={"_lang": "bo", "q": "རྔ་མོང་ལམ་ནོར།"})
		self.assertEqual(response.status_code, 200)
		page = response.get_data(as_text=True)
		self.assertIn(BO_QUESTION, page)
		translate, lang = frappe._, "bo"  # through variables, so no extractor takes the test's words
		self.assertIn(translate(PAGE_TITLE, lang=lang), page)
		self.assertIn('lang="bo"', page)
		self.assertNotIn(ZH_QUESTION, page)

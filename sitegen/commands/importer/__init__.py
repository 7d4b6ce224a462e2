"""`sitegen import`: turn posts from an existing blog into articles that build as they stand.

Three readers feed one finishing step:

    text.py  (copied .txt)  ─┐
    page.py  (saved .html)  ─┼─► blocks + header facts ─► post.py (decide, tidy) ─► run.py (write, report)
    wxr.py   (WordPress .xml)┘

A copied post or saved page is judged as a whole document, not line by line: `chrome.py` cuts
the page around the post (menus above the title, share/related/comment tails below, sign-up
boxes inside), `header.py` reads the title, byline, date and category lines, and `sections.py`
decides which short lines are section titles, list items or paragraphs from their neighbours
and siblings. `site.py` holds what the importer knows about the site (categories, tags,
clinicians), `html.py` the HTML → Markdown conversion shared by saved pages and WordPress
exports. How close this comes to a careful person is measured by `make import-score` on
tests/import_corpus/.
"""

from sitegen.commands.importer.run import ImportReport, import_posts

__all__ = ["ImportReport", "import_posts"]

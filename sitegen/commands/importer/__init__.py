"""`sitegen import`: turn posts from an existing blog into articles that build as they stand.

Three readers feed one finishing step:

    text.py  (copied .txt)  ─┐
    page.py  (saved .html)  ─┼─► blocks + header facts ─► post.py (decide, tidy) ─► run.py (write, report)
    wxr.py   (WordPress .xml)┘

`site.py` holds what the importer knows about the site (categories, tags, clinicians),
`header.py` the reading of title/date/author/category lines, `html.py` the HTML → Markdown
conversion shared by saved pages and WordPress exports.
"""

from sitegen.commands.importer.run import ImportReport, import_posts

__all__ = ["ImportReport", "import_posts"]

"""Sphinx hooks of the course website (loaded by _config.yml as a local extension).

Each page gets a link to the same page in the other language: the site keeps the two
editions side by side (``en/<page>.html`` and ``ko/<page>.html``), so the link is relative
and works from ``file://``.
"""

LANGUAGES = {"en": ("ko", "한국어", "한국어판으로"), "ko": ("en", "English", "English edition")}


def _language_switch(app, pagename, templatename, context, doctree):
    other, label, title = LANGUAGES[app.config.language]
    up = "../" * (pagename.count("/") + 1)
    context["lml_other_language"] = other
    context["lml_other_language_label"] = label
    context["lml_other_language_title"] = title
    context["lml_other_language_url"] = f"{up}{other}/{pagename}.html"


def setup(app):
    app.connect("html-page-context", _language_switch)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

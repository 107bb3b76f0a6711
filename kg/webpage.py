"""Web pages: the article body of an HTML page (trafilatura), with its title, date and address."""

from __future__ import annotations

from typing import Any

from .model import InputError


def html_to_text(source: str, html: str) -> tuple[str, dict[str, str]]:
    """The article body of a web page (trafilatura), with its title and date when it has them."""
    import trafilatura

    page = _without_hidden_elements(html)
    text = trafilatura.extract(page, include_comments=False, include_tables=False, deduplicate=True)
    if not text or not any(ch.isalpha() for ch in text):
        raise InputError(source, "no article text found in the HTML page")
    meta: dict[str, str] = {}
    info = trafilatura.extract_metadata(page)
    if info is not None:
        if info.title:
            meta["title"] = info.title
        if info.date:
            meta["published"] = info.date
        if info.url:
            meta["url"] = info.url
    return text, meta


_HIDDEN = "//script|//style|//noscript|//template"


def _without_hidden_elements(html: str) -> Any:
    """The page as an lxml tree without what a reader never sees as the article: scripts, styles,
    `<noscript>` fallbacks and `<template>` fragments (trafilatura would take the text of the last
    two for the article). The page as it is when lxml cannot parse it."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        try:
            tree = lxml_html.document_fromstring(html)
        except ValueError:  # a str with an XML encoding declaration: as UTF-8, which it now is
            parser = lxml_html.HTMLParser(encoding="utf-8")
            tree = lxml_html.document_fromstring(html.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return html
    for element in tree.xpath(_HIDDEN):
        element.drop_tree()
    return tree

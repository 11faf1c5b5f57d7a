"""XML parts of a workbook: parsed safely, serialised with their own declaration.

Parsing follows what ``defusedxml`` does for the standard library, with lxml: no DTD is
loaded, no entity is resolved, nothing is fetched from the network, and a part that
declares a DTD or entities at all is refused before it reaches the parser. Serialising
keeps the part's original XML declaration, and lxml keeps its namespace prefixes,
attribute order and ``mc:Ignorable`` declarations, so an edited part differs from the
original only in the elements sbt-xl changed.
"""

from __future__ import annotations

import re

from lxml import etree

from sbt_xl.errors import SbtError
from sbt_xl.workbook.ooxml.constants import NS

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          dtd_validation=False, huge_tree=False, remove_comments=False)
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")
_UTF8 = re.compile(rb"""encoding=["']utf-8["']""", re.I)


def refuse_dtd(data: bytes, file: str, part: str) -> None:
    """A part that declares a DTD or entities is an :class:`SbtError` (UTF-16 parts are
    decoded first, so the declaration cannot hide in a wider encoding)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise SbtError("malformed_xml", field=file, part=part,
                           value="undecodable UTF-16") from None
    if _declares_dtd(data):
        raise SbtError("xml_dtd", field=file, part=part)


def _declares_dtd(data: bytes) -> bool:
    """A ``<!DOCTYPE`` (which alone may declare entities) before the root element, where
    XML allows it: the prolog is walked past declarations, processing instructions and
    comments; the rest of a large part is not read. A prolog that is not closed (the part is
    broken anyway) is searched whole."""
    i = 0
    while (i := data.find(b"<", i)) >= 0:
        if data.startswith(b"<?", i):
            end, step = data.find(b"?>", i), 2
        elif data.startswith(b"<!--", i):
            end, step = data.find(b"-->", i + 4), 3
        else:
            return data.startswith(b"<!", i)  # a declaration, or the root element
        if end < 0:
            return any(token in data for token in _FORBIDDEN)
        i = end + step
    return False


def parse(data: bytes, file: str, part: str) -> etree._Element:
    """The root element of ``part``; a DTD or malformed XML is an :class:`SbtError`."""
    refuse_dtd(data, file, part)
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise SbtError("malformed_xml", field=file, part=part, value=str(exc)) from None


def prolog(data: bytes) -> bytes:
    """The bytes before the root element: XML declaration, comments, white space."""
    i = 0
    while True:
        i = data.find(b"<", i)
        if i < 0 or data[i + 1:i + 2] not in (b"?", b"!"):
            return data[:max(i, 0)]
        i = data.find(b">", i) + 1


def utf8(data: bytes) -> bool:
    """The part is UTF-8 (no UTF-16 byte order mark, no other encoding declared), so its
    markup can be looked for as ASCII bytes."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return False
    head = prolog(data)
    return b"encoding" not in head or _UTF8.search(head) is not None


def serialise(root: etree._Element, original_prolog: bytes = b"") -> bytes:
    """``root`` as UTF-8 after the part's original prolog (a standard one if it has none,
    or one that says another encoding: a UTF-16 part is written back as UTF-8)."""
    head = original_prolog if original_prolog and utf8(original_prolog) else \
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return head + etree.tostring(root, encoding="UTF-8", xml_declaration=False)


#: Namespace → the prefix sbt-xl declares for it where the part has none in scope.
_PREFIXES = {uri: prefix for prefix, uri in NS.items() if prefix != "m"}


def _undeclared(parent: etree._Element, names: tuple[str, ...]) -> dict[str, str]:
    """Prefixes for the namespaces of ``names`` that ``parent`` has no prefix for: declared
    on the new element itself, or lxml would name them after its process-wide registry
    (``ns1`` in one process, ``r`` in another that imported openpyxl: different bytes)."""
    wanted = [uri for name in names if name.startswith("{")
              and (uri := name[1:].partition("}")[0]) in _PREFIXES]
    if not wanted:  # (most new elements: the main namespace only; nsmap walks ancestors)
        return {}
    in_scope = set(parent.nsmap.values())
    return {_PREFIXES[uri]: uri for uri in wanted if uri not in in_scope}


def sub(parent: etree._Element, tag: str, attrib: dict[str, str] | None = None,
        index: int | None = None) -> etree._Element:
    """A new child element, appended or inserted at ``index``."""
    attrib = attrib or {}
    nsmap = _undeclared(parent, (tag, *attrib)) or None
    if index is None:  # (made in place: an element made apart is moved, slower)
        return etree.SubElement(parent, tag, attrib, nsmap)
    el = parent.makeelement(tag, attrib, nsmap)
    parent.insert(index, el)
    return el

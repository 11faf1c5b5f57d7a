"""The OOXML names sbt-xl uses, in one place: namespaces, relationship types, content
types and part names (after openpyxl's ``xml/constants.py``; the values are ECMA-376's,
transitional form, and Microsoft's extensions that Excel writes).
"""

from __future__ import annotations

# --- namespaces ----------------------------------------------------------------------------

SHEET_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
VML_NS = "urn:schemas-microsoft-com:vml"
OFFICE_NS = "urn:schemas-microsoft-com:office:office"
EXCEL_NS = "urn:schemas-microsoft-com:office:excel"
DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
DYNAMIC_ARRAY_NS = "http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray"
CUSTOMUI_NS = "http://schemas.microsoft.com/office/2006/01/customui"

#: Prefix → namespace, for ``find``/``iterfind`` paths.
NS = {
    "m": SHEET_MAIN_NS,
    "r": REL_NS,
    "rel": PKG_REL_NS,
    "ct": CONTYPES_NS,
    "v": VML_NS,
    "o": OFFICE_NS,
    "x": EXCEL_NS,
    "dc": DC_NS,
    "dcterms": DCTERMS_NS,
}
#: Clark-notation prefixes of the two namespaces most tags are in.
M = "{%s}" % SHEET_MAIN_NS
R = "{%s}" % REL_NS

# --- relationship types --------------------------------------------------------------------

_REL = REL_NS + "/"
OFFICE_DOCUMENT = _REL + "officeDocument"
WORKSHEET_TYPE = _REL + "worksheet"
COMMENTS_TYPE = _REL + "comments"
VML_TYPE = _REL + "vmlDrawing"
CALC_CHAIN_TYPE = _REL + "calcChain"
METADATA_TYPE = _REL + "sheetMetadata"
STYLES_TYPE = _REL + "styles"
#: The Strict form of the package's main relationship (sbt-xl reads transitional only).
STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"

# --- content types -------------------------------------------------------------------------

_SML = "application/vnd.openxmlformats-officedocument.spreadsheetml."
WORKBOOK_CONTENT_TYPE = _SML + "sheet.main+xml"
MACRO_WORKBOOK = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
WORKSHEET_CONTENT_TYPE = _SML + "worksheet+xml"
COMMENTS_CONTENT_TYPE = _SML + "comments+xml"
METADATA_CONTENT_TYPE = _SML + "sheetMetadata+xml"
STYLES_CONTENT_TYPE = _SML + "styles+xml"
VML_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing"
#: The workbook part's content type an output's extension asks for (a template or an
#: add-in checked into a workbook becomes a workbook; Excel refuses the others).
MAIN_TYPES = {
    ".xlsx": WORKBOOK_CONTENT_TYPE,
    ".xlsm": MACRO_WORKBOOK,
}

# --- part names ----------------------------------------------------------------------------

CONTENT_TYPES = "[Content_Types].xml"
ROOT_RELS = "_rels/.rels"
CORE_PROPERTIES = "docProps/core.xml"
STYLES_PART = "xl/styles.xml"
#: Where a new part of each kind goes (``{n}``: the first number no part has).
NEW_WORKSHEET = "xl/worksheets/sheet{n}.xml"
NEW_METADATA = "xl/metadata{n}.xml"
NEW_COMMENTS = "xl/comments{n}.xml"
NEW_VML = "xl/drawings/vmlDrawing{n}.vml"

"""The administrative layout of Nghị định 30/2020/NĐ-CP in python-docx, for reports and letters.

A4 portrait, margins 20/20/30/15 mm, Times New Roman everywhere (the East Asian and complex
script fonts too, or Word substitutes another face for Vietnamese letters), body 14 pt
justified with 6 pt after each paragraph, the two-column borderless header, page numbers
centred in the top margin from page 2 on, and the signature block beside "Nơi nhận".
The finish a reader checks: the language is vi-VN (styles, runs and the document's defaults,
so a speller does not mark every word), headings are kept with what follows, every table
repeats its header row on each page (``tblHeader``), columns are as wide as their content,
total rows are bold, and the file's properties are the document's own (not the template's).
Text is made inert first: a control character from a record (ESC, VT) is shown as ``\x1b``
rather than refused by the XML. python-docx is imported only by the commands that write .docx.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from dvtui.core.records import Signature
from dvtui.core.text import inert
from dvtui.i18n import Translator
from dvtui.reports.outline import Heading, Paragraph, Table

FONT = "Times New Roman"
BODY_PT = 14
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
FIRST_LINE_MM = 10
TEXT_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165 mm of line
LANG = "vi-VN"

DocumentT = Any  # docx.document.Document: its class is not exported under a stable name


def new_document(title: str, author: str, when: datetime | None = None) -> DocumentT:
    """An empty A4 document with the page, margins, default font, language, page numbers and
    properties (title, author, created ``when``: now by default) set."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    for name in ("Normal", "Table Grid"):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(BODY_PT)
        _set_rfonts(style.element.get_or_add_rPr())
        _set_lang(style.element.get_or_add_rPr())
    _document_language(doc)
    normal = doc.styles["Normal"].paragraph_format
    normal.space_before, normal.space_after, normal.line_spacing = Pt(0), Pt(6), 1.15
    _page_numbers(section)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = inert(title), inert(author), inert(author)
    props.comments = ""
    props.language = LANG
    props.revision = 1
    props.created = props.modified = (when or datetime.now()).replace(microsecond=0)
    _drop_template_metadata(doc)
    return doc


def _drop_template_metadata(doc: DocumentT) -> None:
    """Leave out python-docx's template thumbnail (the page a file browser would preview) and
    its application properties ("Microsoft Macintosh Word", one page, no words): both
    optional parts, and both would describe another document."""
    rels = doc.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
            del rels[rid]


def _set_lang(rpr: Any) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), LANG)


def _document_language(doc: DocumentT) -> None:
    """vi-VN in the document defaults and the theme fonts' language, not the template's en-US."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_lang(rpr)
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANG)


def _set_rfonts(rpr: Any) -> None:
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)


def _page_numbers(section: Any) -> None:
    """PAGE centred in the header, with an empty first-page header (no number on page 1)."""
    section.different_first_page_header_footer = True
    para = section.header.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    para._p.append(field)


def run(
    paragraph: Any, text: str, *, size: float = BODY_PT, bold: bool = False, italic: bool = False
) -> Any:
    """Add a run in Times New Roman (all four font slots) at ``size`` points."""
    r = paragraph.add_run(inert(text))
    r.font.name = FONT
    r.font.size = Pt(size)
    r.font.bold = bold
    r.font.italic = italic
    _set_rfonts(r._element.get_or_add_rPr())
    _set_lang(r._element.get_or_add_rPr())
    return r


def para(
    container: Any,
    text: str = "",
    *,
    align: str = "justify",
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    indent: bool = False,
    after: float = 6,
    keep: bool = False,
) -> Any:
    """A paragraph with one run; ``align`` is left, center, right or justify; ``keep``: on the
    same page as the next paragraph (a heading, a table's caption)."""
    p = container.add_paragraph()
    p.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(after)
    if indent:
        fmt.first_line_indent = Mm(FIRST_LINE_MM)
    if keep:
        fmt.keep_with_next = True
    if text:
        run(p, text, size=size, bold=bold, italic=italic)
    return p


def short_rule(container: Any, width_mm: float, cell_mm: float) -> Any:
    """A short centred line (the rule under the issuer and the motto): a bordered empty line."""
    p = para(container, align="center", after=0)
    side = max(0.0, (cell_mm - width_mm) / 2)
    p.paragraph_format.left_indent = Mm(side)
    p.paragraph_format.right_indent = Mm(side)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.append(borders)
    run(p, "", size=4)
    return p


def _borderless(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _column_widths(table: Any, widths_mm: Sequence[float], cells: list[Any] | None = None) -> None:
    """Word reads the cells' widths, LibreOffice the grid's: set both, one pass over the rows
    (``cells``: each row's cells, when the caller has them already)."""
    for column, mm in zip(table.columns, widths_mm, strict=False):
        column.width = Mm(mm)
    for row_cells in cells if cells is not None else [row.cells for row in table.rows]:
        for cell, mm in zip(row_cells, widths_mm, strict=False):
            cell.width = Mm(mm)


def _clear(cell: Any) -> None:
    """A new cell holds one empty paragraph; drop it so the first line we add is first."""
    for p in list(cell.paragraphs):
        p._element.getparent().remove(p._element)


LEFT_MM, RIGHT_MM = 62.0, 103.0  # the header's columns: 165 mm of text width in all


def header(
    doc: DocumentT,
    tr: Translator,
    issuer: Sequence[str],
    number_line: str,
    place_date: str,
    subject_line: str = "",
) -> Any:
    """The two-column borderless header table of an administrative document."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borderless(table)
    _column_widths(table, (LEFT_MM, RIGHT_MM))
    left, right = table.rows[0].cells
    _clear(left)
    _clear(right)
    for line in issuer:  # "ỦY BAN NHÂN DÂN / HUYỆN TUẦN GIÁO": one name on two lines
        para(left, line.upper(), align="center", size=13, bold=True, after=0)
    short_rule(left, 25, LEFT_MM)
    para(left, number_line, align="center", size=13, after=0)
    if subject_line:
        para(left, subject_line, align="center", size=12, after=0)
    para(right, tr.t("doc.nation"), align="center", size=12, bold=True, after=0)
    para(right, tr.t("doc.motto"), align="center", size=14, bold=True, after=0)
    short_rule(right, 60, RIGHT_MM)
    para(right, place_date, align="center", size=14, italic=True, after=0)
    para(doc, after=6)
    return table


def title(doc: DocumentT, word: str, subject: str, as_of: str = "") -> None:
    """``BÁO CÁO`` and the subject (trích yếu), bold and centred, with a rule under it of 1/3
    to 1/2 of the subject's line (Nghị định 30); then the day the figures stand at."""
    para(doc, word, align="center", bold=True, after=0, keep=True)
    para(doc, subject, align="center", bold=True, after=0, keep=True)
    short_rule(doc, subject_rule_mm(subject), TEXT_MM)
    if as_of:
        para(doc, as_of, align="center", italic=True, after=0)
    para(doc, after=6)


CHAR_MM = 2.6  # the mean width of a letter of 14 pt bold Times New Roman, for the rule only


def subject_rule_mm(subject: str) -> float:
    """0.4 of the subject's longest line: within Nghị định 30's 1/3 to 1/2."""
    line = min(TEXT_MM, len(subject) * CHAR_MM)
    return round(0.4 * line, 1)


def block(doc: DocumentT, item: Heading | Paragraph | Table) -> None:
    """Render one outline block in the body style."""
    if isinstance(item, Heading):
        para(doc, item.text, bold=True, indent=True, italic=item.level == 3, keep=True)
    elif isinstance(item, Paragraph):
        p = para(doc, indent=True)
        prefix = "- " if item.bullet else ""
        if item.lead:
            run(p, prefix + item.lead, bold=True)
            prefix = ""
        run(p, prefix + item.text, italic=item.italic)
    else:
        grid(doc, item)


def grid(
    doc: DocumentT,
    table: Table,
    *,
    size: float = 12,
    width_mm: float = TEXT_MM,
    widths_mm: Sequence[float] = (),
    head_size: float | None = None,
    padding_mm: float | None = None,
) -> Any:
    """A bordered table: a bold centred header row repeated on every page, numbers
    right-aligned, bold total rows, columns as wide as their content (or ``widths_mm``);
    ``padding_mm`` narrows the cells' side padding (many narrow columns)."""
    out = doc.add_table(rows=1 + len(table.rows), cols=len(table.headers))
    out.style = doc.styles["Table Grid"]
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    out.autofit = False
    if padding_mm is not None:
        _padding(out, padding_mm)
    rows = list(out.rows)
    cells = [row.cells for row in rows]  # python-docx works a row's cells out on every call
    _column_widths(out, widths_mm or fit_widths(table, width_mm, size), cells)
    repeat_header(rows[0])
    for i, header_text in enumerate(table.headers):
        cell = cells[0][i]
        _clear(cell)
        para(cell, header_text, align="center", size=head_size or size, bold=True, after=0)
    first_total = 1 + len(table.rows) - table.totals
    for r, row in enumerate(table.rows, start=1):
        _cant_split(rows[r])
        for c, text in enumerate(row):
            cell = cells[r][c]
            _clear(cell)
            align = "right" if c in table.numeric else "left"
            para(cell, text, align=align, size=size, bold=r >= first_total, after=0)
    para(doc, after=6)
    return out


def _padding(table: Any, mm: float) -> None:
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(round(mm * 56.7)))  # twentieths of a point
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)  # the schema's order: tblCellMar before tblLook
    else:
        tbl_pr.append(margins)


def repeat_header(row: Any) -> None:
    """Mark a table row as its header: repeated at the top of every page the table spans."""
    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "true")
        tr_pr.append(el)


def _cant_split(row: Any) -> None:
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


CELL_MARGINS_MM = 3.8  # Word's and LibreOffice's default left + right cell padding


def fit_widths(table: Table, width_mm: float, size: float) -> list[float]:
    """Column widths from their content: a number column (STT, figures) as wide as its widest
    number or its head in two lines ("Số đơn vị / báo cáo", not a word a line); the text
    columns share the rest in proportion to their longest text (capped: a long text wraps),
    none narrower than its head's longest word."""
    char = size * 0.2  # mm per character of Times New Roman at ``size`` points, roughly
    fixed: dict[int, float] = {}
    natural: dict[int, float] = {}
    least: dict[int, float] = {}
    for i, head in enumerate(table.headers):
        cells = [row[i] for row in table.rows if i < len(row)]
        word = max((len(w) for w in head.split()), default=1) * char * 1.4 + CELL_MARGINS_MM
        longest = max((len(c) for c in cells), default=0)
        if i in table.numeric:
            two_lines = _two_lines(head) * char + CELL_MARGINS_MM
            fixed[i] = max(word, two_lines, longest * char + CELL_MARGINS_MM)
        else:
            least[i] = max(word, 8 * char + CELL_MARGINS_MM)
            natural[i] = max(least[i], min(longest, 48) * char + CELL_MARGINS_MM)
    room = width_mm - sum(fixed.values())
    scale = room / sum(natural.values()) if natural else 0.0
    widths = {i: max(least[i], n * scale) for i, n in natural.items()}
    over = sum(widths.values()) - room
    if over > 0:  # the floors took more than their share: take it from the widest
        widest = max(widths, key=lambda k: widths[k])
        widths[widest] -= over
    return [fixed.get(i, widths.get(i, 0.0)) for i in range(len(table.headers))]


def _two_lines(head: str) -> int:
    """The characters of the longer line when ``head`` is broken into two lines at a space."""
    words = head.split()
    splits = (max(len(" ".join(words[:k])), len(" ".join(words[k:]))) for k in range(1, len(words)))
    return min(splits, default=len(head))


def signature(doc: DocumentT, tr: Translator, recipients: Sequence[str], sig: Signature) -> Any:
    """ "Nơi nhận" at left (bold italic 12 pt, recipients 11 pt) beside the signature block."""
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    _borderless(table)
    _column_widths(table, (80, 85))
    left, right = table.rows[0].cells
    _clear(left)
    _clear(right)
    para(left, tr.t("doc.recipients"), align="left", size=12, bold=True, italic=True, after=0)
    for i, name in enumerate(recipients):
        end = "." if i == len(recipients) - 1 else ";"
        para(left, f"- {name.rstrip('.;')}{end}", align="left", size=11, after=0)
    for line in sig.authority:
        para(right, line.upper(), align="center", size=13, bold=True, after=0)
    para(right, sig.title.upper(), align="center", size=13, bold=True, after=0)
    for _ in range(4):  # room for the signature and the seal
        para(right, align="center", after=0)
    para(right, sig.signer, align="center", size=14, bold=True, after=0)
    return table

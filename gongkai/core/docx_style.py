"""What every Word file Gongkai writes shares (python-docx): the GB/T 9704-2012 page and Chinese
fonts that Word applies to Chinese text too (the east-Asian font slot, which `run.font.name` alone
does not set)."""

from docx.oxml.ns import qn
from docx.shared import Cm, Pt


def set_font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def official_page(section) -> None:
    """GB/T 9704-2012: A4, top margin 37 mm, bottom 35 mm, left 28 mm, right 26 mm."""
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

"""Regenerates the tiny binary fixtures of tests/data (run by hand; needs reportlab, which tests do not).

    python tests/data/make_fixtures.py
"""

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).parent
LINES = [
    "区卫生健康局2019年上半年工作总结",
    "一、上半年工作回顾",
    "完成了x处急救点场地装修。",
    "二、下半年工作打算",
    "1.全力做好创建国家卫生城市复审工作。年底前完成复审",
    "迎检准备。",
    "2.全面推进家庭医生签约服务。签约服务覆盖率达到30%以上。",
]


def make_pdf(path: Path) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path), invariant=1)  # invariant: same bytes every run
    page.setFont("STSong-Light", 11)
    y = 800
    for line in LINES:
        page.drawString(50, y, line)
        y -= 18
    page.showPage()
    page.save()


if __name__ == "__main__":
    make_pdf(HERE / "plan.pdf")

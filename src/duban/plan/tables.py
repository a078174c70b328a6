"""Task tables (任务分解表: 序号 / 工作任务 / 牵头单位 / 配合单位 / 完成时限) → plan items, and ledger sheets that
`duban export` wrote → changes to their tasks.

The grids of a file (plan/sheets.py) become the plan's report.txt first: one line per table row, its cells joined
by " | ", a cell merged down from the row above written as 〃 (the ditto mark a clerk would write), one line for
each title line above a table. Items are then read from that text, so a plan's stored report.txt gives the same
items as the file did (re-imports compare with it) and every item's `line` points at its row.

Columns are found by their names in a header row near the top: 工作任务/重点任务/任务内容, 牵头单位/责任单位/
主办, 配合单位/协办, 完成时限/时间节点/完成时间 and their common variants, and the headers `duban export` writes
(views/words.py), in either language. A row whose only text is a heading (一、重点工作, merged across the table)
is the category of the rows below it; a 工作任务 cell merged down over several rows of 具体措施 is their category,
and each measure is a task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from duban.errors import BadInput
from duban.ledger.values import STATUSES, parse_status
from duban.plan.items import Item, explicit_owners, find_targets, heading_words, rule_owner, split_title
from duban.text.dates import Deadline, Period, find_deadline, parse_period
from duban.text.numerals import chinese_number
from duban.views.words import LANGS, words

SEPARATOR = " | "
DITTO = "〃"

# Column kinds and the names tables give them (after removing spaces and bracketed notes); the names `duban
# export` writes are added from views/words.py below.
_NAMES = {
    "seq": ("序号", "序", "no", "#"),
    "id": ("编号", "任务编号", "id"),
    "category": ("分类", "类别", "任务类别", "工作类别", "类型", "板块", "领域", "重点领域", "工作板块", "工作分类"),
    "title": ("工作任务", "重点任务", "任务内容", "主要任务", "工作内容", "任务名称", "任务事项", "工作事项", "重点工作",
              "重点工作任务", "督办事项", "事项", "任务", "工作项目", "项目名称", "工作任务及目标", "目标任务"),
    "detail": ("具体内容", "具体任务", "具体工作", "工作措施", "具体措施", "主要措施", "推进措施", "工作举措", "任务要求",
               "工作要求", "目标要求", "工作目标", "任务目标", "具体目标", "主要内容", "具体工作措施", "工作措施及要求",
               "具体举措", "细化任务"),
    "owner": ("牵头单位", "牵头部门", "牵头科室", "牵头处室", "责任单位", "责任部门", "责任科室", "责任处室", "主办单位",
              "主办", "牵头", "主责单位", "责任主体", "牵头责任单位", "承办单位"),
    "co": ("配合单位", "配合部门", "配合科室", "配合处室", "协办单位", "协办", "配合", "参与单位", "协助单位"),
    "due": ("完成时限", "时间节点", "完成时间", "时限", "时限要求", "完成期限", "截止时间", "计划完成时间",
            "完成时间节点", "办结时限", "时间安排", "进度安排"),
    "status": ("状态", "完成状态", "办理状态", "进展状态"),
    "note": ("最新进展", "进展情况", "工作进展", "推进情况", "完成情况", "进展"),
}
_EXPORT_WORDS = {"seq": "seq", "id": "id", "title": "work_task", "owner": "lead_owner", "co": "co_owners",
                 "due": "due", "status": "status", "note": "last_note"}
_LEAD_RE = re.compile(r"牵头|主办|主责|lead", re.IGNORECASE)
_BRACKETS_RE = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")
HEADER_ROWS = 20  # the header is among the first rows of a sheet


def _column_names() -> dict[str, str]:
    names = {name.casefold(): kind for kind, variants in _NAMES.items() for name in variants}
    for kind, key in _EXPORT_WORDS.items():
        for lang in LANGS:
            names[_header_key(words(lang)(key))] = kind
    return names


def _header_key(text: str) -> str:
    return re.sub(r"[\s:：*＊.]", "", _BRACKETS_RE.sub("", text)).casefold()


_KINDS_BY_NAME = _column_names()


def column_kinds(cells: list[str]) -> dict[int, str]:
    """{column: kind} of a row's cells that name a known column."""
    kinds = {}
    for column, cell in enumerate(cells):
        kind = _KINDS_BY_NAME.get(_header_key(cell)) if 0 < len(cell) <= 20 else None
        if kind:
            kinds[column] = kind
    return kinds


def is_header(kinds: dict[int, str]) -> bool:
    found = set(kinds.values())
    return "title" in found and bool(found & {"owner", "due", "id", "co"})


@dataclass
class Columns:
    """Which column holds what: several owner columns are possible (牵头单位 and 责任单位: the lead is the owner)."""

    by_kind: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, header: list[str], kinds: dict[int, str]) -> Columns:
        by_kind: dict[str, list[int]] = {}
        for column, kind in sorted(kinds.items()):
            by_kind.setdefault(kind, []).append(column)
        owners = by_kind.get("owner", [])
        if len(owners) > 1:  # the lead unit's column is the owner; other 责任单位 columns support it
            lead = next((c for c in owners if _LEAD_RE.search(header[c])), owners[0])
            by_kind["owner"] = [lead]
            by_kind.setdefault("co", [])[:0] = [c for c in owners if c != lead]
        titles = by_kind.get("title", [])
        if len(titles) > 1 and "detail" not in by_kind:  # 重点任务 then 工作任务: the second one is the detail
            by_kind["title"], by_kind["detail"] = titles[:1], titles[1:2]
        return cls(by_kind)

    def get(self, cells: list[str], kind: str) -> str:
        return next((cells[c] for c in self.by_kind.get(kind, []) if cells[c]), "")

    def all(self, cells: list[str], kind: str) -> list[str]:
        return [cells[c] for c in self.by_kind.get(kind, []) if cells[c]]

    def first(self, kind: str) -> int | None:
        columns = self.by_kind.get(kind)
        return columns[0] if columns else None


# --- grids → report text ------------------------------------------------------------------------------

def _header_row(grid) -> int | None:
    for index, cells in enumerate(grid.cells[:HEADER_ROWS]):
        if is_header(column_kinds(cells)):
            return index
    return None


def _join_lines(text: str, kind: str | None) -> str:
    """A multi-line cell on one line: units listed one per line become 甲、乙; wrapped text joins up again."""
    lines = text.split("\n")
    if kind in ("owner", "co"):
        return "、".join(lines)
    out = lines[0]
    for line in lines[1:]:
        ascii_join = out[-1:].isascii() and out[-1:].isalnum() and line[:1].isascii() and line[:1].isalnum()
        out += (" " if ascii_join or _starts_item(line) else "") + line
    return out


def _starts_item(line: str) -> bool:
    return bool(re.match(r"^(?:\d{1,2}[.．、)）]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[①-⑳])", line))


def _cell_for_text(text: str) -> str:
    return text.replace("|", "｜")  # the separator stays unambiguous


def grids_text(grids) -> str:
    """The report text of a table file: title lines, then each table's header and rows (see the module's doc)."""
    lines: list[str] = []
    for grid in grids:
        header = _header_row(grid)
        if header is None:
            continue
        kinds = column_kinds(grid.cells[header])
        lines += grid.before
        for row in grid.cells[:header]:
            title = " ".join(dict.fromkeys(_join_lines(cell, None) for cell in row if cell))
            if title:
                lines.append(_cell_for_text(title))
        for index in range(header, len(grid.cells)):
            cells = grid.cells[index]
            if not any(cells):
                continue
            out = []
            for column, cell in enumerate(cells):
                if (index, column) in grid.continued and cell:
                    out.append(DITTO)
                elif (index, column) in grid.spanned:
                    out.append("")  # merged across: the text once, in its first column
                else:
                    out.append(_cell_for_text(_join_lines(cell, kinds.get(column))))
            lines.append(SEPARATOR.join(out))
    return "".join(line + "\n" for line in lines)


# --- report text → rows -----------------------------------------------------------------------------------

@dataclass
class Row:
    """One task row of a table, as the report text gives it."""

    line: int
    cells: list[str]
    continued: set[int]  # columns written as 〃: the same as the row above
    columns: Columns

    def get(self, kind: str) -> str:
        return self.columns.get(self.cells, kind)

    def is_continued(self, kind: str) -> bool:
        column = self.columns.first(kind)
        return column is not None and column in self.continued


@dataclass
class Table:
    titles: list[str]
    rows: list[Row]


def read_table_text(text: str) -> Table:
    """The title lines and the rows of every table in a table file's report text."""
    titles: list[str] = []
    rows: list[Row] = []
    columns, width, header, above = None, 0, [], []
    for number, line in enumerate(text.splitlines(), 1):
        cells = line.split(SEPARATOR)
        kinds = column_kinds(cells) if len(cells) > 1 else {}
        if is_header(kinds):
            columns, width, header, above = Columns.of(cells, kinds), len(cells), cells, [""] * len(cells)
            continue
        if columns is not None and len(cells) == width and above == [""] * width and len(kinds) >= 2:
            kinds.update({c: k for c, k in column_kinds(header).items() if c not in kinds})
            columns = Columns.of(cells, kinds)  # a second header row: 牵头单位 / 配合单位 under 责任单位
            continue
        if columns is None or len(cells) != width:
            titles.append(line)
            continue
        continued = {c for c, cell in enumerate(cells) if cell in (DITTO, "同上")}
        cells = [above[c] if c in continued else cell for c, cell in enumerate(cells)]
        rows.append(Row(number, cells, continued, columns))
        above = cells
    return Table(titles, rows)


# --- rows → plan items ----------------------------------------------------------------------------------

_YEAR_PART_RE = re.compile(r"((?:19|20)\d{2})年度?(上半年|下半年|第?[一二三四1-4]季度)?")


def title_period(titles: list[str]) -> Period | None:
    """The period a table's title names: 2019年下半年重点工作任务分解表 → 2019H2."""
    for title in titles:
        match = _YEAR_PART_RE.search(title)
        if match:
            part = match.group(2) or ""
            if part in ("上半年", "下半年"):
                return parse_period(match.group(1) + ("H1" if part == "上半年" else "H2"))
            quarter = chinese_number(part.strip("第季度")) if part else None
            return parse_period(match.group(1) + (f"Q{quarter}" if quarter else ""))
    return None


# A date or month as spreadsheets write it: 2019-12-31, 2019/12/31, 2019.12.31, 2019-12, 2019年12月, 12月.
_NUMERIC_DATE_RE = re.compile(r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})")
_NUMERIC_MONTH_RE = re.compile(r"((?:19|20)\d{2})[-/.](\d{1,2})(?![\d/.-])|(\d{1,2}|[一二三四五六七八九十]{1,2})月(?![底末份下旬\d日号])")


def cell_deadline(text: str, period: Period) -> Deadline | None:
    """The deadline a 完成时限 cell states, with the cell's words as its basis; None when it states no date
    (长期坚持, 持续推进). Numeric dates are put into the words the deadline parser reads; a date before the
    period's start still counts here: a table's deadline column names deadlines, not the past."""
    words_ = " ".join(text.split())
    if not words_:
        return None
    phrase = _NUMERIC_DATE_RE.sub(lambda m: f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日", words_)
    phrase = _NUMERIC_MONTH_RE.sub(_month_end_words, phrase)
    # read in the period's year, from its first day: 上半年 in a second-half table is still a deadline
    deadline = find_deadline(phrase, Period(period.id, date(period.start.year, 1, 1), period.end))
    return Deadline(deadline.due, words_) if deadline.basis != "period end" else None


def _month_end_words(match: re.Match) -> str:
    if match.group(1):
        return f"{match.group(1)}年{int(match.group(2))}月底"
    return f"{match.group(3)}月底"


_UNIT_SPLIT_RE = re.compile(r"[、，,；;/／\s]+")
_ROLE_RE = re.compile(r"[（(](?:牵头|负责|主办|配合|协办|参与)[）)]")


def split_units(text: str) -> list[str]:
    """区卫健局、区财政局 / 区卫健局（牵头）\n区财政局 → the units, in order."""
    return [unit for unit in _UNIT_SPLIT_RE.split(_ROLE_RE.sub("", text)) if unit]


def row_owners(row: Row) -> tuple[str, list[str]]:
    """(owner, co-owners) from the owner and supporting columns: the first unit leads, the others support."""
    lead_cell = row.get("owner")
    owner, co_owners = explicit_owners(lead_cell)  # 牵头：甲；配合：乙 written in one cell
    if not owner:
        units = split_units(lead_cell)
        owner, co_owners = (units[0], units[1:]) if units else ("", [])
    for cell in row.columns.all(row.cells, "co"):
        co_owners += [unit for unit in split_units(cell) if unit not in co_owners and unit != owner]
    return owner, co_owners


def _is_category_row(row: Row) -> str | None:
    """The heading a row holds when it is one (一、重点工作; 一 | 重点工作 with no unit or date); else None."""
    if row.get("owner") or row.get("due") or row.columns.all(row.cells, "co"):
        return None
    texts = list(dict.fromkeys(cell for column, cell in enumerate(row.cells)
                               if cell and column not in row.continued))
    if len(texts) == 1:
        return heading_words(texts[0])
    seq = row.get("seq").rstrip("、.．")
    if seq and not seq.isdigit() and chinese_number(seq) is not None and row.get("title"):
        return heading_words(row.get("title"))
    return None


def table_items(table: Table, period: Period, *, owner_rules=None, synonyms=None, default_owner: str = "") -> list[Item]:
    """The plan items of a table's rows, in order, with owners, deadlines and targets."""
    items, category = [], ""
    for index, row in enumerate(table.rows):
        heading = _is_category_row(row)
        if heading is not None:
            category = heading
            continue
        following = table.rows[index + 1] if index + 1 < len(table.rows) else None
        shared = row.is_continued("title") or bool(following and following.is_continued("title"))
        item = _row_item(row, category, shared)
        if item is None:
            continue
        owner, co_owners = row_owners(row)
        item.owner = owner or rule_owner(item.title, item.detail, owner_rules, synonyms) or default_owner
        item.co_owners = [unit for unit in co_owners if unit != item.owner]
        stated = cell_deadline(row.get("due"), period)
        item.due, item.due_basis = stated or find_deadline(f"{item.title}。{item.detail}", period)
        item.targets = find_targets(f"{item.title}。{item.detail}", strict=True)
        items.append(item)
    return items


def _row_item(row: Row, category: str, shared_title: bool) -> Item | None:
    """The item of a task row; `shared_title`: its 工作任务 cell is merged with the next or previous row's."""
    task, measure = row.get("title"), row.get("detail")
    category = row.get("category") or category
    if task and measure and shared_title:
        # one task heading merged down over its measures: the heading is their category, each measure a task
        category, (title, rest) = heading_words(task), split_title(measure)
        detail = rest
    elif task or measure:
        title, rest = split_title(task or measure)
        detail = "\n".join(part for part in (rest, measure if task else "") if part)
    else:
        return None
    if not title:
        return None
    return Item(title=title, category=category, detail=detail, line=row.line, text=SEPARATOR.join(row.cells))


# --- a ledger sheet back into its tasks -------------------------------------------------------------------

_STATUS_WORDS = {words(lang).status(key): key for lang in LANGS for key in STATUSES}


def cell_status(text: str) -> str | None:
    """未开始 / to do / done / 已办结 … → the status key; None for an empty or unknown cell."""
    text = text.strip()
    if not text:
        return None
    if text in _STATUS_WORDS:
        return _STATUS_WORDS[text]
    try:
        return parse_status(text)
    except Exception:  # free text in a status column: not a status
        return None


def ledger_rows(table: Table, task_exists) -> list[Row]:
    """The rows whose 编号 names a task of this workspace: the sheet is a ledger `duban export` wrote."""
    from duban.ledger.taskid import is_task_id

    return [row for row in table.rows if is_task_id(row.get("id")) and task_exists(row.get("id"))]


def check_table(table: Table, name: str) -> None:
    if not table.rows:
        raise BadInput("no_task_table", name=name)

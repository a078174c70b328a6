"""A file that is not TOML: tomllib's reason said in the user's language, with what to fix (ledger/tomlfile.py)."""

import pytest

from duban.errors import BrokenFile
from duban.ledger import tomlfile
from duban.views.words import words


@pytest.mark.parametrize("text, line, zh, en", [
    ('id = "x"\nid = "y"\n', 2, "同一个键或表写了两次（一个表中每个键只能有一个）", "Cannot overwrite a value"),
    ('[check]\n[check]\n', 2, "同一个键或表写了两次（一个表中每个键只能有一个）", "Cannot declare ('check',) twice"),
    ('id = "x"\ndue = 2019-12-32\n', 2, "日期 2019-12-32 无效（请写成存在的日期 YYYY-MM-DD，如 2019-12-31）",
     "2019-12-32 is not a valid date (write YYYY-MM-DD, e.g. 2019-12-31)"),
    ('due = 2019-02-30\n', 1, "日期 2019-02-30 无效（请写成存在的日期 YYYY-MM-DD，如 2019-12-31）",
     "2019-02-30 is not a valid date (write YYYY-MM-DD, e.g. 2019-12-31)"),
    ('due = 2019-12-3\n', 1, "日期 2019-12-3 无效（请写成存在的日期 YYYY-MM-DD，如 2019-12-31）",
     "2019-12-3 is not a valid date (write YYYY-MM-DD, e.g. 2019-12-31)"),
    ('status = done 了\n', 1, "值无效（文字须加双引号，如 owner = \"疾控中心\"；日期写成 2019-12-31）", "Invalid value"),
    ('score = 1 2\n', 1, "值后面还有多余的内容（一行只写一个 键 = 值，文字须加双引号）",
     "Expected newline or end of document after a statement"),
    ('title = "摸排\nowner = "x"\n', 1, "字符串缺少结尾的引号", "Illegal character '\\n'"),
    ('note = """摸排\n二、整改\n', 2, "字符串缺少结尾的引号", "Unterminated string"),  # at the end: the last line
    ('owner = 疾控中心\n', 1, "值无效（文字须加双引号，如 owner = \"疾控中心\"；日期写成 2019-12-31）", "Invalid value"),
    ('责任单位 = "x"\n', 1, "无法识别的一行（应为 键 = 值、[表] 或以 # 开头的注释；含中文的键须加双引号）",
     "Invalid statement"),
    ('owner "x"\n', 1, "键后面缺少“=”", "Expected '=' after a key in a key/value pair"),
    ('co_owners = ["a"\n', 1, "列表缺少结尾的“]”", "Unclosed array"),
    ('source = { report = "r"\n', 1, "内联表缺少结尾的“}”（内联表须写在一行内）", "Unclosed inline table"),
    ('[check\n', 1, "表头缺少结尾的“]”", "Expected ']' at the end of a table declaration"),
    ('note = "a\\q"\n', 1, "字符串中的反斜杠须写成 \\\\（或改用单引号字符串）", "Unescaped '\\' in a string"),
    ('note = "\x01"\n', 1, "Illegal character '\\x01'", "Illegal character '\\x01'"),  # not in the table: as said
])
def test_each_reason_in_both_languages(text, line, zh, en):
    with pytest.raises(BrokenFile) as caught:
        tomlfile.loads(text, "02.toml")
    assert caught.value.line == line
    assert caught.value.render(words("zh")) == f"02.toml:{line}: 不是有效的 TOML：{zh}"
    assert caught.value.render(words("en")) == f"02.toml:{line}: not valid TOML: {en}"


def test_a_date_in_a_string_is_no_date_fault():
    with pytest.raises(BrokenFile) as caught:
        tomlfile.loads('note = "2019-12-32" x\n', "t.toml")
    assert caught.value.render(words("en")) == ("t.toml:1: not valid TOML: Expected newline or end of document after "
                                                "a statement")

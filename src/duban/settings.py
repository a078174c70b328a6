"""duban.toml: the workspace's settings, read in one place, with one spec of keys, types, defaults and meaning.

Every command reads settings through `Settings`; a value of the wrong type falls back to its default so the
ledger stays usable, and `duban validate` reports it with its line (`Settings.faults`).
"""

from __future__ import annotations

import re
from typing import Any, Callable, NamedTuple

from duban.errors import Said
from duban.text.synonyms import Synonyms

SETTINGS_FILE = "duban.toml"
LANGS = ("zh", "en")
_SUFFIX_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.]*$")


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_lang(value: Any) -> bool:
    return value in LANGS


def _is_str_table(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _is_suffix_table(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) and _SUFFIX_RE.fullmatch(v) for v in value.values())


def _is_units(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, list) and all(isinstance(a, str) for a in v)
                                           for v in value.values())


def _is_vocabulary(value: Any) -> bool:
    words = value.get("words", []) if isinstance(value, dict) else None
    return isinstance(words, list) and all(isinstance(w, str) for w in words)


# The [weekly] table: what the printout's 公文 form says besides the ledger (key → what it is).
WEEKLY_KEYS = {
    "issuer": "编发单位: who issues the weekly (default: the organisation)",
    "first_week": "the ISO week of issue 1 (\"2019-W27\"); issues count from it, and from week 1 in later years",
    "submit_to": "报送: who receives it above (a string or a list of strings)",
    "copy_to": "抄送: who receives a copy (a string or a list of strings)",
    "signed_by": "签发: who signs it off",
    "reviewed_by": "审核: who reviewed it",
}
_WEEK_RE = re.compile(r"^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$")


def _is_names(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def _is_weekly(value: Any) -> bool:
    if not isinstance(value, dict) or not set(value) <= set(WEEKLY_KEYS):
        return False
    if "first_week" in value and not (isinstance(value["first_week"], str) and _WEEK_RE.match(value["first_week"])):
        return False
    return all(_is_names(v) for k, v in value.items() if k in ("submit_to", "copy_to")) and all(
        isinstance(v, str) for k, v in value.items() if k not in ("submit_to", "copy_to"))


class WeeklyForm(NamedTuple):  # NamedTuples: made at every command's start, where a frozen dataclass costs 0.5-0.9 ms
    """The [weekly] table as the printout uses it: names joined, blanks where the table says nothing."""

    issuer: str = ""
    first_week: str = ""
    submit_to: tuple[str, ...] = ()
    copy_to: tuple[str, ...] = ()
    signed_by: str = ""
    reviewed_by: str = ""


class Setting(NamedTuple):
    """One key of duban.toml: its default, what makes a value valid, and what it is for."""

    key: str
    default: Any
    valid: Callable[[Any], bool]
    doc: str


SPEC = (
    Setting("organisation", "", _is_str, "the organisation whose plans these are (区卫生健康局)"),
    Setting("lang", "zh", _is_lang, "the interface language: zh (中文) or en"),
    Setting("auto_commit", False, _is_bool, "commit every change duban makes, as --commit does"),
    Setting("due_soon_days", 14, lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 366,
            "how many days ahead an open task counts as due soon"),
    Setting("owners", {}, _is_str_table,
            "import: an item that names no unit goes to the unit whose keyword it names first"),
    Setting("synonyms", {}, _is_str_table,
            "spun wording of copied reports mapped back to the real word, for matching only"),
    Setting("vocabulary", {}, _is_vocabulary,
            "words the matcher keeps whole (医联体, 家庭医生签约)"),
    Setting("units", {}, _is_units,
            "the known units and the other names each is written as; an unknown owner is refused"),
    Setting("orgs", {}, _is_suffix_table,
            "other organisations followed here, each with the suffix of its plan ids (2018-gwr)"),
    Setting("weekly", {}, _is_weekly, "the weekly printout's 公文 form: 编发单位, 期号, 报送/抄送, 签发/审核"),
)
SPEC_BY_KEY = {setting.key: setting for setting in SPEC}


class Settings:
    """The values of duban.toml, each valid or its default; `raw` keeps the file's own table. (A plain class: every
    command makes one, and importing dataclasses costs `list` about 4 ms.)"""

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, Any] | None = None):
        self.raw = {} if raw is None else raw

    def get(self, key: str) -> Any:
        setting = SPEC_BY_KEY[key]
        value = self.raw.get(key, setting.default)
        return value if setting.valid(value) else setting.default

    @property
    def organisation(self) -> str:
        return self.get("organisation").strip()

    @property
    def lang(self) -> str:
        return self.get("lang")

    @property
    def auto_commit(self) -> bool:
        return self.get("auto_commit")

    @property
    def due_soon_days(self) -> int:
        return self.get("due_soon_days")

    @property
    def owner_rules(self) -> dict[str, str]:
        return {k: v for k, v in self.get("owners").items() if k and v}

    @property
    def synonyms(self) -> Synonyms:
        return Synonyms(self.get("synonyms"))

    @property
    def vocabulary(self) -> tuple[str, ...]:
        return tuple(w for w in self.get("vocabulary").get("words", []) if w)

    @property
    def weekly(self) -> WeeklyForm:
        table = self.get("weekly")

        def names(key: str) -> tuple[str, ...]:
            value = table.get(key, ())
            return tuple(v.strip() for v in ([value] if isinstance(value, str) else value) if v.strip())

        return WeeklyForm(issuer=table.get("issuer", "").strip() or self.organisation,
                          first_week=table.get("first_week", ""), submit_to=names("submit_to"),
                          copy_to=names("copy_to"), signed_by=table.get("signed_by", "").strip(),
                          reviewed_by=table.get("reviewed_by", "").strip())

    @property
    def units(self) -> dict[str, list[str]]:
        return {unit: [a for a in aliases if a] for unit, aliases in self.get("units").items() if unit}

    def org_suffix(self, organisation: str) -> str | None:
        return self.get("orgs").get(organisation)


def faults(data: dict[str, Any]) -> list[tuple[str, Said]]:
    """(key, message) for each value of the file that is not what the spec allows."""
    found = []
    for key, value in data.items():
        setting = SPEC_BY_KEY.get(key)
        if setting is not None and not setting.valid(value):
            found.append((key, Said("setting_invalid", key=key, expected=Said(f"setting_expected_{key}"))))
    return found


# --- a new workspace's duban.toml -------------------------------------------------------------------

DEFAULT_TEXT = """\
# duban workspace settings (https://github.com/duban/duban)
organisation = "{organisation}"
lang = "zh"                 # labels: zh (中文) or en

# Owner rules for import: a plan item that names no unit goes to the unit whose keyword it names first
# (its title first, then its text). Keep only the rules that fit your organisation's units.
[owners]
{owner_rules}

# Spun wording seen in copied reports, mapped back to the real word.
[synonyms]
{synonyms}

# Words the matcher must keep whole.
[vocabulary]
{vocabulary}
"""

# What the health bureau's reports, copied from download sites, needed: spun words and the sector's terms.
HEALTH_SYNONYMS = '"效劳" = "服务"\n"根本" = "基本"\n"方案生育" = "计划生育"\n"开展" = "发展"'
HEALTH_VOCABULARY = 'words = ["医联体", "医共体", "国医馆", "家庭医生签约", "国家卫生城市", "分级诊疗", "公立医院改革"]'

# The units of a district health bureau (区卫生健康局), the organisation duban was first built for.
HEALTH_BUREAU_OWNERS = {"中医": "中医科", "妇幼": "妇幼健康科", "疾控": "疾控中心", "传染病": "疾控中心",
                        "计划生育": "人口家庭科", "信息化": "规划信息科", "党建": "办公室"}
_HEALTH_BODY_RE = r"卫生|卫健|卫计|健康|疾控|医"
_NOT_HEALTH_RE = r"医保|医疗保障"  # the medical insurance bureau has none of those units


def is_health_body(organisation: str) -> bool:
    """A health bureau, commission or centre (区卫生健康局, 县卫计委, 区疾控中心); not a government, nor an unnamed one."""
    return bool(re.search(_HEALTH_BODY_RE, organisation)) and not re.search(_NOT_HEALTH_RE, organisation)


def default_text(organisation: str) -> str:
    """duban.toml for a new workspace: a health body gets the health bureau's owner rules; any other organisation,
    or none named, the rules commented out as an example (they would send its items to units it does not have)."""
    rules = "\n".join(f'"{keyword}" = "{unit}"' for keyword, unit in HEALTH_BUREAU_OWNERS.items())
    synonyms, vocabulary = HEALTH_SYNONYMS, HEALTH_VOCABULARY
    if not is_health_body(organisation):  # a health bureau's words would only blur another body's reports
        rules, synonyms, vocabulary = (_example(text, lines) for text, lines in ((rules, 2), (synonyms, 1),
                                                                                 (vocabulary, 1)))
    return DEFAULT_TEXT.format(organisation=organisation.replace('"', ""), owner_rules=rules, synonyms=synonyms,
                               vocabulary=vocabulary)


def _example(text: str, lines: int) -> str:
    """The first lines of a settings section, commented out as an example."""
    return "# e.g.\n" + "\n".join(f"# {line}" for line in text.splitlines()[:lines])

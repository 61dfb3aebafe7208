"""Per-agency local rules (issue 18 item 7, ADR 0038): one typed registry, one accessor.

Every local rule that used to be a process-wide setting (`GONGKAI_…`) is a `Rule` here. Its platform
default is the deployment's setting (so a single-agency deployment behaves exactly as before); an
agency's administrator may set the agency's own value (`AgencySetting`), within the rule's bounds —
a bound that is a legal figure cites its article. Code reads a rule with `value(key, agency)`; the
office shows where each value comes from (`explain`: 平台默认 / 本机关设置).

Per-agency facts that were never settings — the footer (`SiteSettings`), the columns (`CatalogueNode`),
letter templates (`LetterTemplate`) — already belong to one agency and are not repeated here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

PLATFORM_DEFAULT = "平台默认"
AGENCY_VALUE = "本机关设置"


@dataclass(frozen=True)
class Rule:
    key: str
    label: str
    setting: str  # the deployment's setting that gives the platform default
    default: int  # when the deployment does not set it either
    minimum: int
    maximum: int
    unit: str
    basis: str  # where the rule or its bound comes from

    def check(self, raw) -> int:
        """The value as the rule's type, or ValueError with a Chinese message naming the bound."""
        try:
            number = int(str(raw).strip())
        except (TypeError, ValueError):
            raise ValueError(f"“{self.label}”应为整数。") from None
        if not self.minimum <= number <= self.maximum:
            raise ValueError(
                f"“{self.label}”应在 {self.minimum} 至 {self.maximum} {self.unit}之间（{self.basis}）。"
            )
        return number


RULES: dict[str, Rule] = {
    r.key: r
    for r in (
        Rule(
            "publication_deadline_days",
            "主动公开期限",
            "GONGKAI_PUBLICATION_DEADLINE_DAYS",
            20,
            1,
            20,
            "个工作日",
            "《政府信息公开条例》第二十六条：形成或变更之日起 20 个工作日内，本机关可从严",
        ),
        Rule(
            "interpretation_deadline_days",
            "政策解读同步期限",
            "GONGKAI_INTERPRETATION_DEADLINE_DAYS",
            3,
            0,
            20,
            "个工作日",
            "本地规则：政策文件与解读材料同步组织、同步审签、同步部署",
        ),
        Rule(
            "foi_warning_days",
            "依申请公开到期提醒",
            "GONGKAI_FOI_WARNING_DAYS",
            3,
            0,
            10,
            "个工作日",
            "本地规则：答复期限前提醒承办人与公开办",
        ),
        Rule(
            "message_reply_days",
            "留言答复时限",
            "GONGKAI_MESSAGE_REPLY_DAYS",
            5,
            1,
            30,
            "个工作日",
            "本地规则",
        ),
        Rule(
            "message_warn_days",
            "留言到期提醒",
            "GONGKAI_MESSAGE_WARN_DAYS",
            1,
            0,
            10,
            "个工作日",
            "本地规则",
        ),
        Rule(
            "consultation_min_days",
            "一般征求意见最短期限",
            "GONGKAI_CONSULTATION_MIN_DAYS",
            7,
            1,
            60,
            "日",
            "本地规则；重大行政决策不少于 30 日由法规规定，不在此设置",
        ),
        Rule(
            "consultation_report_days",
            "意见采纳情况反馈期限",
            "GONGKAI_CONSULTATION_REPORT_DAYS",
            10,
            1,
            60,
            "个工作日",
            "本地规则",
        ),
        Rule(
            "media_reply_days",
            "媒体采访申请答复时限",
            "GONGKAI_MEDIA_REPLY_DAYS",
            5,
            1,
            30,
            "个工作日",
            "本地规则",
        ),
        Rule(
            "min_respondents",
            "统计数据最少调查对象数",
            "GONGKAI_MIN_RESPONDENTS",
            3,
            3,
            100,
            "个",
            "《统计法》第二十八条：不得公开能够识别单个调查对象的资料，不少于 3",
        ),
        Rule(
            "data_max_cells",
            "数据查询单元格上限",
            "GONGKAI_DATA_MAX_CELLS",
            100_000,
            1_000,
            1_000_000,
            "个",
            "本地规则：保护服务可用性",
        ),
        Rule(
            "max_attachment_mb",
            "附件大小上限",
            "GONGKAI_MAX_ATTACHMENT_MB",
            50,
            1,
            500,
            "MB",
            "本地规则",
        ),
    )
}


def rule(key: str) -> Rule:
    try:
        return RULES[key]
    except KeyError:
        raise KeyError(f"unknown agency setting {key!r}") from None


def platform_default(key: str) -> int:
    r = rule(key)
    raw = getattr(settings, r.setting, None)
    try:
        return int(raw) if raw not in (None, "") else r.default
    except (TypeError, ValueError):
        return r.default


def _agency_or_current(agency):
    if agency is not None:
        return agency
    from .sites import rules_agency

    return rules_agency()


def _own(agency, key: str):
    if agency is None or getattr(agency, "pk", None) is None:
        return None
    from .models import AgencySetting
    from .pagecache import memoised

    # Kept for a public request's page-cache generation: a changed rule is a committed write that ends it
    # (ADR 0043/0056); outside one (the office, a submission, a job) it is read every time.
    return memoised(
        f"agency_setting:{agency.pk}:{key}",
        lambda: (
            AgencySetting.objects.filter(agency_id=agency.pk, key=key).values_list("value", flat=True).first()
        ),
    )


class AgencySettingMissing(LookupError):
    """The agency has no own value: the caller applies its platform default."""


def own_value(key: str, agency=None) -> int:
    """The agency's own value, or AgencySettingMissing (for callers with their own default logic)."""
    r = rule(key)
    own = _own(_agency_or_current(agency), key)
    if own is None:
        raise AgencySettingMissing(key)
    try:
        return r.check(own)
    except ValueError:
        raise AgencySettingMissing(key) from None


def value(key: str, agency=None) -> int:
    """The rule's value for `agency` (default: the agency of the current request — the signed-in
    staff member's in the office, the site's on the public site): its own, else the platform default."""
    r = rule(key)
    own = _own(_agency_or_current(agency), key)
    if own is not None:
        try:
            return r.check(own)
        except ValueError:
            pass  # a bound tightened since: the platform default applies
    return platform_default(key)


def values(keys: tuple[str, ...], agency=None) -> dict[str, int]:
    """`value` of several rules in one query (a public submission reads two: issue 19 item 6)."""
    from .models import AgencySetting

    agency = _agency_or_current(agency)
    own = {}
    if agency is not None and getattr(agency, "pk", None) is not None:
        own = dict(
            AgencySetting.objects.filter(agency_id=agency.pk, key__in=keys).values_list("key", "value")
        )
    found = {}
    for key in keys:
        r = rule(key)
        try:
            found[key] = r.check(own[key])
        except (KeyError, ValueError):  # no own value, or a bound tightened since: the platform default
            found[key] = platform_default(key)
    return found


@dataclass(frozen=True)
class Explained:
    rule: Rule
    value: int
    source: str  # 平台默认 / 本机关设置
    platform_default: int


def explain(agency) -> list[Explained]:
    """Every rule with the agency's value and where it comes from (the office's settings screen)."""
    from .models import AgencySetting

    own = dict(AgencySetting.objects.filter(agency=agency).values_list("key", "value"))
    out = []
    for key, r in RULES.items():
        default = platform_default(key)
        if key in own:
            try:
                out.append(Explained(r, r.check(own[key]), AGENCY_VALUE, default))
                continue
            except ValueError:
                pass
        out.append(Explained(r, default, PLATFORM_DEFAULT, default))
    return out

"""Every rule a data file is checked against: a stable code, a severity and an example.

A :class:`~reportkit.errors.Problem` carries one of these codes; ``--format json`` of
``validate`` and ``check`` prints it, a clerk acknowledges a warning by it (``已核实``),
and README lists them all (tests/test_docs.py holds both to this table). A code, once
published, never changes meaning; a rule that goes away keeps its code retired here.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportkit.errors import Severity
from reportkit.i18n import N_, _

__all__ = ["RULES", "Rule", "rule"]


@dataclass(frozen=True)
class Rule:
    """One kind of problem: its code, how bad it is, what it means and an example message."""

    code: str
    severity: Severity
    summary: str
    """What the rule checks, in a clerk's words (a message id, translated where shown)."""
    example: str
    """A message this rule prints in Chinese, as README shows it."""

    @property
    def title(self) -> str:
        return _(self.summary)


E, W = Severity.ERROR, Severity.WARNING

_ALL: tuple[Rule, ...] = (
    # --- reading the file ---------------------------------------------------------------
    Rule("unreadable", E, N_("文件无法读取"), "不是普通文件（命名管道），未读取"),
    Rule("encoding", E, N_("文件不是 UTF-8 编码"), "文件是 GBK/GB18030 编码，请另存为 UTF-8"),
    Rule("binary", E, N_("文件是二进制文件"), "这是二进制文件，不是 YAML 数据文件"),
    Rule("too-large", E, N_("文件过大"), "文件过大（3000000 字节，上限 2097152 字节）"),
    Rule("yaml", E, N_("YAML 写法有误"), "第 12 行缩进不一致"),
    Rule("empty", E, N_("文件为空"), "文件为空，没有任何报告数据"),
    Rule("not-a-report", E, N_("文件内容不是报告字段"), "文件内容应为报告的各项字段"),
    Rule("era", E, N_("年度没有对应的报告格式"), "2006 年度没有对应的报告格式"),
    Rule("old-pack", W, N_("数据文件来自较旧的上级下发包"), "此文件由较旧的下发包生成"),
    # --- the schema: keys and values ----------------------------------------------------
    Rule("missing", E, N_("缺少必填项"), "缺少必填项"),
    Rule(
        "unknown-key",
        E,
        N_("未知字段（拼写错误）"),
        "未知字段“予以公开数”，是否应为“予以公开”？",
    ),
    Rule("invalid", E, N_("值的类型或格式不对"), "应为整数（现为 '三'）"),
    Rule("out-of-range", E, N_("值超出允许范围"), "应为非负数（现为 -3）"),
    Rule(
        "too-precise",
        E,
        N_("金额的小数位超过允许的精度"),
        "以万元计最多 6 位小数（精确到分）（现为 5949.0886671）",
    ),
    Rule("normalised", W, N_("已按唯一可能的意思读取"), "已将“３１条”读作 31"),
    # --- identities between cells -------------------------------------------------------
    Rule(
        "identity",
        E,
        N_("表格勾稽关系不成立"),
        "表二“（一）予以公开”行“总计”列填为 9，按“总计等于各类申请人之和”应为 8"
        "（改正后另外 1 项勾稽关系也随之成立）",
    ),
    # --- what a final report needs ------------------------------------------------------
    Rule(
        "unfilled",
        E,
        N_("未填写，或仍是【待填写：……】占位文字（正式生成时为错误，草稿时为警告）"),
        "未填写",
    ),
    # --- plausibility ---------------------------------------------------------------------
    Rule("late", W, N_("成文日期晚于发布期限"), "成文日期 2018-02-10 晚于发布期限 2018-01-31"),
    Rule("early", W, N_("成文日期早于报告年度结束"), "成文日期 2017-12-01 早于报告年度结束"),
    Rule(
        "grassroots-regulations",
        W,
        N_("乡镇、街道填了规章"),
        "乡镇不制定规章，此处应为 0（现为 2）",
    ),
    Rule("implausible", W, N_("数字不合常理"), "数字不合常理"),
    # --- last year's report -------------------------------------------------------------
    Rule("previous-missing", W, N_("找不到上年数据文件"), "找不到上年数据文件 2016.yaml"),
    Rule("previous-invalid", W, N_("上年数据文件有错误"), "上年数据文件 2016.yaml 有错误"),
    Rule("copied-text", W, N_("文字照抄上年报告"), "与上年报告中的文字完全相同"),
    Rule("copied-figures", W, N_("数字照抄上年报告"), "所有数字与上年报告完全相同"),
    Rule(
        "carry-over",
        W,
        N_("上年结转与上年报告的结转下年度不一致"),
        "上年结转 2 件，与上年报告的结转下年度 1 件不一致",
    ),
    # --- prose against the tables -------------------------------------------------------
    Rule(
        "prose-figure",
        E,
        N_("文字中的数字与表格不一致"),
        "文中“全年予以公开150件，部分公开12件”写为 150，与表二“（一）予以公开”的 163 不一致",
    ),
    Rule(
        "prose-percent",
        E,
        N_("文字中的百分比与表格数字不符"),
        "文中“予以公开163件，占90%”写占 90%，按表二“（一）予以公开”的数字应为 81.5%",
    ),
    Rule(
        "prose-enumeration",
        W,
        N_("文字中的列举序号跳号或重复"),
        "列举序号跳过了“三是”，直接写了“四是”",
    ),
    # --- acknowledgement ----------------------------------------------------------------
    Rule(
        "acknowledgement",
        E,
        N_("“已核实”中的代码不存在，或是不能核实的错误"),
        "“identity”（表格勾稽关系不成立）是错误，不能核实，只能改正",
    ),
    Rule(
        "acknowledgement-unused",
        W,
        N_("“已核实”中的代码本次没有对应的警告"),
        "本次校验没有“late”警告，此项核实可以删除",
    ),
    # --- year on year (上年参照) ----------------------------------------------------------
    Rule(
        "copied-share",
        W,
        N_("一段文字与上年报告重复的比例过高"),
        "“总体情况”有 78% 的文字与上年报告（上年参照）相同（不计各报告共有的标题和套话），"
        "超过 50%，请按本年情况修改",
    ),
    Rule(
        "in-force-continuity",
        W,
        N_("表一现行有效件数与上年不衔接"),
        "表一“行政规范性文件”：上年现行有效 3 件（上年参照）+ 本年制发 1 件 − 本年废止 0 件"
        " = 4 件，与本年现行有效 5 件不一致",
    ),
    Rule(
        "stale-year",
        W,
        N_("文字中写有往年的年份（沿用往年文字未改）"),
        "文中“2023年，本街道政务公开专栏更新不够及时。”写有 2023 年，本报告是 2024 年度的："
        "是否沿用了往年的文字未改？",
    ),
    Rule(
        "previous-year",
        W,
        N_("上年报告不是更早年度的"),
        "上年报告（2024.yaml）是 2024 年度的，不早于本报告的 2024 年度：是否选错了文件？",
    ),
    # --- what real reports state (schema helper): periods, money ----------------------
    Rule(
        "period",
        W,
        N_("统计期限不是报告年度的自然年"),
        "统计期限 2018-12-01 至 2019-11-30 不是 2019 年度（2019-01-01 至 2019-12-31），"
        "请核对统计期限或报告年度",
    ),
    Rule(
        "cumulative",
        E,
        N_("历年累计数少于本年数"),
        "历年累计 20 少于本年的“总数” 31，累计数应包含本年",
    ),
    # --- hostile input, round two: runs, counting and hidden characters (issue 10) ------
    Rule(
        "internal",
        E,
        N_("内部错误（reportkit 的缺陷，请报告）"),
        "内部错误，请报告：ZeroDivisionError: division by zero",
    ),
)

RULES: dict[str, Rule] = {r.code: r for r in _ALL}


def rule(code: str) -> Rule:
    """The rule of ``code``; KeyError for a code nobody declared (a bug, caught by tests)."""
    return RULES[code]

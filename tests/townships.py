"""Many generated township data files: what an office collects, for tests and benchmarks.

Each file is examples/2023-example-street.yaml turned into a township's report with
its own figures, drawn at random (from a seed) so that every table still balances:
Table 2's results are drawn first, then 结转下年度 and 上年结转, and 新收 is what
makes 新收 + 上年结转 = 总计 + 结转下年度 hold in every column. Totals are left for
reportkit to compute in some files and written out in others, as clerks do.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
STREET_2023 = ROOT / "examples" / "2023-example-street.yaml"

APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
RESULT_ROWS: tuple[tuple[str, ...], ...] = (
    ("予以公开",),
    ("部分公开",),
    *(
        ("不予公开", key)
        for key in (
            "属于国家秘密",
            "法律法规禁止公开",
            "危及三安全一稳定",
            "保护第三方合法权益",
            "属于三类内部事务信息",
            "属于四类过程性信息",
            "属于行政执法案卷",
            "属于行政查询事项",
        )
    ),
    *(("无法提供", key) for key in ("本机关不掌握", "没有现成信息", "补正后仍不明确")),
    *(
        ("不予处理", key)
        for key in (
            "信访举报投诉类申请",
            "重复申请",
            "要求提供公开出版物",
            "大量反复申请",
            "要求确认或重新出具",
        )
    ),
    *(("其他处理", key) for key in ("逾期不补正", "逾期未缴费", "其他")),
)
"""Table 2's figure rows (2021 era), by their keys under 办理结果."""
APPEALS = ("行政复议", "未经复议直接起诉", "复议后起诉")
OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结")

_COUNTIES = "东南西北中"
_NAMES = "安宁平和兴盛福泰康乐永丰长顺明德新华青山绿水金石玉泉清河白云"


def _base() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(STREET_2023.read_text(encoding="utf-8"))
    return data


_BASE = _base()


def unit_name(i: int) -> str:
    """A distinct township name for unit ``i``."""
    a, b = divmod(i, len(_NAMES))
    return f"{_COUNTIES[a % len(_COUNTIES)]}{a // len(_COUNTIES) + 1}县{_NAMES[b]}{i}镇人民政府"


def _row(rng: random.Random, scale: int) -> dict[str, int]:
    return {c: (rng.randrange(scale) if rng.random() < 0.4 else 0) for c in APPLICANTS}


def _set_row(rows: dict[str, Any], path: tuple[str, ...], row: dict[str, int]) -> None:
    node = rows
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = row


def township(i: int, seed: int = 2024) -> dict[str, Any]:
    """The data of township ``i``: the example's text, this township's own figures."""
    rng = random.Random(seed * 1_000_003 + i)
    data = copy.deepcopy(_BASE)
    name = unit_name(i)
    data["单位"] = {
        "全称": name,
        "简称": name.removesuffix("人民政府"),
        "自称": "我镇",
        "层级": "乡镇",
    }
    data["落款"] = {"日期": dt.date(2024, 1, rng.randint(5, 30))}
    data["导语"] = data["导语"].replace("本街道", "我镇")
    data["总体情况"]["考核评议追责"] = {  # a township is a 人民政府: Art. 50 (4)
        "正文": "我镇将政府信息公开工作纳入机关绩效考核，全年未发生责任追究情况。"
    }
    data["主动公开"] = {
        "规章": {"本年制发件数": 0, "本年废止件数": 0, "现行有效件数": 0},
        "行政规范性文件": {
            "本年制发件数": rng.randrange(6),
            "本年废止件数": rng.randrange(3),
            "现行有效件数": rng.randrange(3, 30),
        },
        "行政许可": {"本年处理决定数量": rng.randrange(200)},
        "行政处罚": {"本年处理决定数量": rng.randrange(80)},
        "行政强制": {"本年处理决定数量": rng.randrange(10)},
        "行政事业性收费": {"本年收费金额": float(Decimal(rng.randrange(0, 5000)) / 100)},
    }
    results: dict[str, Any] = {}
    totals = dict.fromkeys(APPLICANTS, 0)
    for path in RESULT_ROWS:
        row = _row(rng, 6 if path[0] in ("予以公开", "部分公开") else 2)
        if not any(row.values()) and rng.random() < 0.7:
            continue  # a row left out is 0
        for c in APPLICANTS:
            totals[c] += row[c]
        _set_row(results, path, row)
    over = {c: rng.randrange(3) if rng.random() < 0.3 else 0 for c in APPLICANTS}
    carried = {c: rng.randint(0, min(2, totals[c] + over[c])) for c in APPLICANTS}
    received = {c: totals[c] + over[c] - carried[c] for c in APPLICANTS}
    written = rng.random() < 0.5  # half the clerks write every 总计 out
    if written:
        results["总计"] = {**totals, "总计": sum(totals.values())}
    table2 = {"新收": received, "上年结转": carried, "办理结果": results, "结转下年度": over}
    for key in ("新收", "上年结转", "结转下年度"):
        if written:
            table2[key] = {**table2[key], "总计": sum(table2[key].values())}
    data["依申请公开"] = table2
    appeals = {}
    for block in APPEALS:
        outcome = {o: (rng.randrange(3) if rng.random() < 0.2 else 0) for o in OUTCOMES}
        appeals[block] = {**outcome, "总计": sum(outcome.values())} if written else outcome
    data["行政复议和诉讼"] = appeals
    data["其他事项"] = {**data["其他事项"], "信息处理费": 0}
    return data


def township_text(i: int, seed: int = 2024) -> str:
    """Township ``i``'s data file as a clerk would save it."""
    text: str = yaml.dump(
        township(i, seed),
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=None,
        width=4096,
    )
    return text


def _bad_yaml(text: str) -> bytes:
    broken = text.replace("\n  规章:", "\n\t规章:", 1)  # a tab in the indentation
    assert broken != text
    return broken.encode("utf-8")


def _gbk(text: str) -> bytes:
    return text.encode("gbk")


def _unbalanced(text: str) -> bytes:
    data = yaml.safe_load(text)
    data["依申请公开"]["新收"]["自然人"] += 1  # one more received than handled and carried over
    data["依申请公开"]["新收"].pop("总计", None)
    return yaml.dump(data, allow_unicode=True, sort_keys=False, width=4096).encode("utf-8")


def _missing(text: str) -> bytes:
    data = yaml.safe_load(text)
    del data["主动公开"]["行政许可"]
    return yaml.dump(data, allow_unicode=True, sort_keys=False, width=4096).encode("utf-8")


def _empty(text: str) -> bytes:
    return b""


BREAKAGES: dict[str, tuple[Callable[[str], bytes], str]] = {
    # what is done to the file, and the status `reportkit check` is expected to report
    "bad-yaml": (_bad_yaml, "YAML 格式错误"),
    "gbk": (_gbk, "不是 UTF-8 编码"),
    "unbalanced": (_unbalanced, "有错误"),
    "missing-field": (_missing, "有错误"),
    "empty": (_empty, "空文件"),
}


@dataclass
class Townships:
    """A folder of generated data files: which are good, and how each broken one is broken."""

    folder: Path
    good: list[Path] = field(default_factory=list)
    broken: dict[Path, str] = field(default_factory=dict)  # file → BREAKAGES key

    @property
    def files(self) -> list[Path]:
        return sorted([*self.good, *self.broken])


def _spread(count: int, parts: int) -> Iterator[int]:
    """``parts`` indexes spread evenly over ``count``."""
    for k in range(parts):
        yield (k * count) // parts + count // (2 * parts)


def write_townships(
    folder: Path, count: int, *, seed: int = 2024, broken: bool = True, nested: bool = True
) -> Townships:
    """Write ``count`` township files into ``folder`` (in county sub-folders when ``nested``);
    with ``broken``, five of them are broken in the five ways of :data:`BREAKAGES`."""
    out = Townships(folder)
    spoil = dict(zip(_spread(count, len(BREAKAGES)), BREAKAGES, strict=True)) if broken else {}
    for i in range(count):
        sub = folder / f"county-{i // 50:03d}" if nested else folder
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"town-{i:05d}.yaml"
        text = township_text(i, seed)
        if i in spoil:
            path.write_bytes(BREAKAGES[spoil[i]][0](text))
            out.broken[path] = spoil[i]
        else:
            path.write_text(text, encoding="utf-8")
            out.good.append(path)
    return out

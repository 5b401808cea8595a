"""The pack an upper-level office sends to its units: schema, template, blank file, instructions.

A pack is versioned by the JSON Schema it carries (:mod:`reportkit.provenance`): the
blank data file in it carries a ``# reportkit-pack:`` line, so every submission says
which pack it was made from, and ``validate`` warns about a file made from an older one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from reportkit.eras import get_era, no_era_for_year, registration_for_year
from reportkit.errors import UsageError
from reportkit.i18n import _
from reportkit.provenance import MARKER, pack_line, pack_version, reportkit_version
from reportkit.schemas import schema_text

__all__ = [
    "INSTRUCTIONS",
    "MARKER",
    "blank_name",
    "build_pack",
    "default_year",
    "pack_era",
    "pack_line",
    "pack_version",
]

INSTRUCTIONS = "填报说明.txt"
MANIFEST = "pack.json"


def default_year(era: str) -> int:
    """The report year a pack is made for by default: the era's last year, or last year."""
    import datetime as dt

    first, last = get_era(era).years
    return max(first, min(last, dt.date.today().year - 1))


def blank_name(year: int) -> str:
    """The blank data file's name in the pack."""
    return f"blank-{year}.yaml"


def _instructions(era: str, year: int, template: str, schema: str, blank: str) -> str:
    version = pack_version(era)
    return f"""政府信息公开工作年度报告填报说明
（填报包 {version}，{era} 年版格式，{year} 年度；由 reportkit {reportkit_version()} 生成）

本填报包中的文件
  {blank}    空白数据文件：复制一份，改名为本单位名称（如 示例镇.yaml）后填写。
  {schema}    数据文件的格式说明（JSON Schema）。
  {template}    报告的 Word 模板。
  {INSTRUCTIONS}    本说明。

一、填写
  1. 用支持 YAML 的编辑器打开复制的数据文件，推荐 VS Code 并安装 “YAML” 插件：文件第一行
     指向同一文件夹中的 {schema}，编辑器会在输入时补全字段名、提示说明、标出错误。
     用记事本等编辑器也可以填写，保存时请选择 UTF-8 编码。
  2. 每个“字段: 值”的冒号后要有一个空格；缩进只用空格，不用 Tab。
  3. 表格中的数字为 0 时写 0；“总计”可以不填，由 reportkit 自动合计，填写了则必须与各项之和相等。
  4. 文字段落之间空一行。不要删改以“# {MARKER}:”开头的一行：它记录本文件来自哪个填报包。

二、校验
  reportkit validate 示例镇.yaml
  每个问题都会指出行号、字段和原因，例如“示例镇.yaml:14:7: 主动公开.规章.本年制发件数: 未填写”。
  校验通过后再报送。

三、生成 Word 文档（供本单位审核、发布）
  reportkit render 示例镇.yaml --template {template}
  生成 示例镇.docx，按 GB/T 9704《党政机关公文格式》排版，合计和占比自动计算。

四、报送
  把填好并校验通过的数据文件（.yaml）报送上级部门。上级部门用
  reportkit check 校验全部报送文件，用 reportkit aggregate 汇总。

安装 reportkit：向上级部门索取安装文件（wheel），用 pip install 安装（需 Python 3.11 及以上）。
"""


def pack_era(era: str | None, year: int | None) -> str:
    """The era a pack is for: ``era`` when given, else the one that governs ``year`` (as
    ``reportkit new`` chooses it); UsageError when neither says, or no era has ``year``."""
    if era is not None:
        return era
    if year is None:
        raise UsageError(_("请用 --era 指定格式版本，或用 --year 指定年度（按年度选择格式版本）"))
    entry = registration_for_year(year)
    if entry is None:
        raise UsageError(no_era_for_year(year))
    return entry.name


def build_pack(era: str | None, year: int | None = None) -> tuple[bytes, str]:
    """The pack of an era (or of the era of ``year``) as a zip archive, and the name of its
    top folder.

    The archive is reproducible: the same reportkit and era give the same bytes.
    """
    import io
    import json
    import zipfile

    from reportkit.rendering import default_template
    from reportkit.scaffold import scaffold

    era = pack_era(era, year)
    record = get_era(era)
    year = year if year is not None else default_year(era)
    first_year, last_year = record.years
    if not first_year <= year <= last_year:
        entry = registration_for_year(year)
        hint = (
            _("（{year} 年度用 {era} 年版格式；可不写 --era，按年度选择）").format(
                year=year, era=entry.name
            )
            if entry is not None
            else ""
        )
        raise UsageError(_("{year} 年度不适用 {era} 年版格式").format(year=year, era=era) + hint)
    folder = f"{MARKER}-{pack_version(era)}"
    schema = record.schema
    template = record.template
    blank = blank_name(year)
    text = scaffold(year, out_dir=Path(folder), schema_path=Path(folder) / schema)
    first, rest = text.split("\n", 1)  # the schema line stays first, where editors look
    files: dict[str, bytes] = {
        INSTRUCTIONS: ("\ufeff" + _instructions(era, year, template, schema, blank)).encode(),
        blank: f"{first}\n{pack_line(era)}\n{rest}".encode(),
        schema: schema_text(era).encode("utf-8"),
        template: default_template(era),
    }
    manifest = {
        "pack": pack_version(era),
        "era": era,
        "year": year,
        "reportkit": reportkit_version(),
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
    }
    files[MANIFEST] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue(), folder

"""Write the context reportkit computes for a data file as JSON (for bench/bare_render.py).

python bench/dump_context.py data.yaml context.json
"""

import json
import sys
from pathlib import Path

from reportkit.context import build_context
from reportkit.loading import load

report, _warnings = load(Path(sys.argv[1]))
Path(sys.argv[2]).write_text(
    json.dumps(build_context(report), ensure_ascii=False, default=str), encoding="utf-8"
)

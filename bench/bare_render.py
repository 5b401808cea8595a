"""The floor of (c): load the YAML with libyaml's C loader and render the same template with
docxtpl, given the context reportkit would compute (read from JSON, prepared beforehand).

    python bench/bare_render.py data.yaml context.json template.docx out.docx
"""

import json
import sys

import yaml
from docxtpl import DocxTemplate

data_file, context_file, template, out = sys.argv[1:5]
with open(data_file, encoding="utf-8") as handle:
    data = yaml.load(handle.read(), Loader=yaml.CSafeLoader)
with open(context_file, encoding="utf-8") as handle:
    context = json.load(handle)
tpl = DocxTemplate(template)
tpl.render(context, autoescape=True)
tpl.save(out)

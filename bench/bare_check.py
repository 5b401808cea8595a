"""The floor of (b): read every .yaml file of a folder with libyaml's C loader and validate
it with pydantic (the 2021-era model), over N processes.

    python bench/bare_check.py folder 2
"""

import multiprocessing
import sys
from pathlib import Path

import yaml

from reportkit.eras.era2021 import Report2021


def check(path: Path) -> bool:
    data = yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
    Report2021.model_validate(data)
    return True


if __name__ == "__main__":
    files = sorted(Path(sys.argv[1]).rglob("*.yaml"))
    with multiprocessing.get_context("fork").Pool(int(sys.argv[2])) as pool:
        done = sum(pool.imap(check, files, chunksize=64))
    print(f"{done} files")

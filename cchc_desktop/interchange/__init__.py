"""The cchc-plan JSON interchange format (version 1): reader and writer."""

from cchc_desktop.interchange.plan_json import (
    FORMAT,
    MAX_FILE_BYTES,
    VERSION,
    dump_plan,
    load_plan,
    parse_plan,
    read_plan_file,
    write_plan_file,
)

__all__ = [
    "FORMAT",
    "MAX_FILE_BYTES",
    "VERSION",
    "dump_plan",
    "load_plan",
    "parse_plan",
    "read_plan_file",
    "write_plan_file",
]

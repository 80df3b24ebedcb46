"""Many rows as one JSON parameter of a server statement (an array of arrays).

A save sends its readings and its audit events to the clinic server as rows of one statement.
Sent as one array per column, psycopg dumps each array in Python (a save's two statements:
about 0.25 ms of the workstation's CPU, an eighth of a save); the same rows as one JSON text,
an array of arrays, are written by the standard library's C encoder in a sixth of that, and
the server reads them back into typed columns (``recordset_sql``: jsonb, parsed once, each
value then found by its place in its row). The values are the ones the array dumper would
send: text, numbers, booleans, None, and times as ISO text (``timestamp`` reads it).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence


def _time_text(value: object) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a value a row column takes")


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                           default=_time_text).encode


def recordset_sql(types: Sequence[str], alias: str = "v") -> str:
    """The rows of one ``%s`` parameter (``recordset``'s text) as the table ``alias`` with one
    column a type, named ``c0``, ``c1`` … in this order (``alias.*`` selects them in it)."""
    columns = ", ".join(f'(r ->> {i})::{kind} AS "c{i}"' for i, kind in enumerate(types))
    return f"(SELECT {columns} FROM jsonb_array_elements(%s::jsonb) AS r) AS {alias}"


def recordset(rows: Sequence[Sequence[object]]) -> str:
    """The rows (one value a column, in ``recordset_sql``'s order) as its parameter: a JSON
    array of arrays (objects with their keys took three times as long to write)."""
    return _encode(rows if isinstance(rows, list) else list(rows))

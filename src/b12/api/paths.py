"""Path parameters that never swallow a sibling route's literal name.

Starlette tries routes in order and stops at the first whose path matches with the method; one
whose path matches with another method only gives a 405 when no route matches fully. So PATCH
/persons/import matched PATCH /persons/{person_id} and answered 422 for the id "import", not 405
(the import route is POST only); DELETE …/diary/supplements did the same with {entry_id}. A
``{name:record_id}`` segment matches anything but those names: "import" is left to its own route
(405 for a method it lacks), while /persons/abc still reaches the route and gets a 422 naming
``person_id``.
"""

from __future__ import annotations

from starlette.convertors import StringConvertor, register_url_convertor

# The literal path segments beside an id parameter: /persons/import, …/diary/supplements.
SIBLING_NAMES = ("import", "supplements")


class RecordIdConvertor(StringConvertor):
    """One path segment that is not one of :data:`SIBLING_NAMES`."""

    regex = "(?!(?:" + "|".join(SIBLING_NAMES) + ")$)[^/]+"


register_url_convertor("record_id", RecordIdConvertor())

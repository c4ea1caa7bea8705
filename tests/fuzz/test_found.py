"""The inputs the fuzzing found, kept as plain regression tests with the messages they now give."""

from __future__ import annotations

import copy
import json

import pytest

from b12.cds_hooks.definitions import ORDER_SELECT
from b12.cds_hooks.handlers import call_service
from b12.data.cohort.expressions import compile_condition
from b12.data.diary import parse_amount
from b12.errors import InputError
from b12.fhir.reader import read_bundle
from b12.settings import Settings
from tests.fuzz.test_fuzz_services import BUNDLES, HOOKS
from tests.fuzz.test_fuzz_text import TABLE


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sex + 1", "the types in 'sex + 1' do not fit (string and int8)"),
        ("sex < 1", "the types in 'sex < 1' do not fit (string and int8)"),
        ("-sex", "the types in '-sex' do not fit (string)"),
        ("not age", "the types in 'not age' do not fit (float64)"),
        ("age / 'x' > 1", "the types in \"age / 'x'\" do not fit (float64 and string)"),
        ("age < 99999999999999999999999", "99999999999999999999999 is out of range"),
        ("age", "'age' must be true/false, e.g. 'b12 < 200'"),
    ],
)
def test_cohort_expressions_of_the_wrong_type(text: str, message: str) -> None:
    with pytest.raises(InputError, match="--where: ") as caught:
        compile_condition(text, TABLE, field="--where")
    assert message in str(caught.value)


def test_amount_dividing_by_zero() -> None:
    with pytest.raises(InputError, match=r"amount '0/0 cup' divides by zero"):
        parse_amount("0/0 cup", "diary row 2.amount")


def test_bundle_entry_that_is_a_list() -> None:
    bundle = copy.deepcopy(BUNDLES[0])
    bundle["entry"][1] = [bundle["entry"][1]]
    with pytest.raises(InputError, match=r"^Bundle"):
        read_bundle(bundle)


@pytest.mark.parametrize("kind", [None, 7, ["Patient"]])
def test_resource_type_that_is_not_a_string(kind: object) -> None:
    bundle = copy.deepcopy(BUNDLES[0])
    bundle["entry"][1]["resource"]["resourceType"] = kind
    with pytest.raises(InputError) as caught:
        read_bundle(bundle)
    assert caught.value.field == "Bundle.entry[1].resource.resourceType"
    assert "is not the name of a FHIR resource type" in str(caught.value)


def test_draft_order_with_a_resource_type_that_is_not_a_string() -> None:
    request = copy.deepcopy(HOOKS[1])
    request["context"]["draftOrders"]["entry"][0]["resource"]["resourceType"] = None
    status, body = call_service(ORDER_SELECT, json.dumps(request).encode(), Settings())
    assert status == 400
    assert "context.draftOrders.entry[0].resource.resourceType" in json.dumps(body)

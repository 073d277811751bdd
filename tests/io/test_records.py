"""Validation of one input object into an ArticleRecord, and the messages that say what to fix."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdedup.io import ArticleRecord, RecordError, RecordSource, parse_record, parse_timestamp

HERE = RecordSource("input.jsonl", line=7)


def test_minimal_text_record() -> None:
    record = parse_record({"url": " https://example.com/a ", "text": "Some words."}, HERE)
    assert record == ArticleRecord(url="https://example.com/a", source=HERE, text="Some words.")


def test_all_fields_and_unknown_fields_ignored() -> None:
    record = parse_record(
        {
            "url": "http://news.example.org/2024/story?id=3",
            "html": "<p>hi</p>",
            "id": 42,
            "title": "  A title ",
            "publisher": "Example News",
            "published_at": "2024-03-05T14:30:00+01:00",
            "crawled_at": 1_709_650_000,
            "category": "ignored",
        },
        HERE,
    )
    assert record.html == "<p>hi</p>" and record.text is None
    assert record.id == "42"
    assert record.title == "A title"
    assert record.publisher == "Example News"
    assert record.published_at == datetime(2024, 3, 5, 13, 30, tzinfo=UTC)
    assert record.crawled_at == datetime.fromtimestamp(1_709_650_000, tz=UTC)


def test_date_is_an_alias_of_published_at() -> None:
    record = parse_record({"url": "https://example.com/a", "text": "x", "date": "2010-07-02"}, HERE)
    assert record.published_at == datetime(2010, 7, 2, tzinfo=UTC)
    with pytest.raises(RecordError, match="keep only `published_at`"):
        parse_record(
            {"url": "https://example.com/a", "text": "x", "date": "2010-07-02", "published_at": "2010-07-02"},
            HERE,
        )


def test_a_bad_alias_value_names_the_field_as_given() -> None:
    with pytest.raises(RecordError, match=r"field `date`: .*not an ISO-8601"):
        parse_record({"url": "https://example.com/a", "text": "x", "date": "26-FEB-1987 15:01:01.79"}, HERE)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "x"}, "missing field `url`"),
        ({"url": 5, "text": "x"}, "field `url` must be a string"),
        ({"url": "example.com/a", "text": "x"}, "absolute http"),
        ({"url": "ftp://example.com/a", "text": "x"}, "absolute http"),
        ({"url": "https:///a", "text": "x"}, "with a host"),
        ({"url": "https://exa mple.com/", "text": "x"}, "absolute http"),
        ({"url": "https://[::1/", "text": "x"}, "absolute http"),
        ({"url": "https://example.com/a"}, "no `text` or `html` field"),
        ({"url": "https://example.com/a", "text": "   "}, "field `text` is empty"),
        ({"url": "https://example.com/a", "content": "words"}, "rename `content` to `text`"),
        ({"url": "https://example.com/a", "body": "<p>x</p>"}, "rename `body`"),
        ({"url": "https://example.com/a", "text": "x", "html": "<p>x</p>"}, "both `text` and `html`"),
        ({"url": "https://example.com/a", "text": ["x"]}, "field `text` must be a string, got list"),
        ({"url": "https://example.com/a", "text": "x", "title": 3}, "field `title` must be a string"),
        (
            {"url": "https://example.com/a", "text": "x", "id": 1.5},
            "field `id` must be a string or an integer",
        ),
        ({"url": "https://example.com/a", "text": "x", "published_at": "yesterday"}, "not an ISO-8601"),
        ({"url": "https://example.com/a", "text": "x", "published_at": 1_709_650_000_000}, "milliseconds"),
        ({"url": "https://example.com/a", "text": "x", "published_at": True}, "published_at"),
        ({"url": "https://example.com/a", "text": "x", "published_at": [2024]}, "got list"),
        ({"url": "https://example.com/a", "html": b"\xff\xfe"}, "not valid UTF-8"),
    ],
)
def test_invalid_fields_say_what_to_fix(fields: dict[str, object], message: str) -> None:
    with pytest.raises(RecordError, match=message) as caught:
        parse_record(fields, HERE)
    assert str(caught.value).startswith("input.jsonl:7: ")
    assert caught.value.source == HERE


def test_null_fields_are_missing() -> None:
    record = parse_record(
        {"url": "https://example.com/a", "text": "x", "html": None, "title": None, "published_at": ""}, HERE
    )
    assert record.html is None and record.title is None and record.published_at is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05T14:30:00Z", datetime(2024, 3, 5, 14, 30, tzinfo=UTC)),
        ("2024-03-05T14:30:00", datetime(2024, 3, 5, 14, 30, tzinfo=UTC)),
        ("2024-03-05 14:30:00-05:00", datetime(2024, 3, 5, 19, 30, tzinfo=UTC)),
        ("2024-03-05", datetime(2024, 3, 5, tzinfo=UTC)),
        (0, datetime(1970, 1, 1, tzinfo=UTC)),
        (1.5, datetime(1970, 1, 1, 0, 0, 1, 500000, tzinfo=UTC)),
        (datetime(2024, 1, 1, 12), datetime(2024, 1, 1, 12, tzinfo=UTC)),
        (date(2024, 1, 1), datetime(2024, 1, 1, tzinfo=UTC)),
        (None, None),
        ("  ", None),
    ],
)
def test_timestamps(value: object, expected: datetime | None) -> None:
    assert parse_timestamp(value) == expected


@given(
    st.datetimes(
        # From year 2: 0001-01-01 00:00+05:30 has no UTC equivalent (it would fall in year 0).
        min_value=datetime(2, 1, 1),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30))]),
    )
)
def test_iso_timestamps_round_trip(moment: datetime) -> None:
    parsed = parse_timestamp(moment.isoformat())
    assert parsed == moment
    assert parsed is not None and parsed.utcoffset() == timedelta(0)


def test_sources_and_errors_read_as_places() -> None:
    assert str(RecordSource("a.warc.gz", offset=1234)) == "a.warc.gz:byte 1234"
    assert str(RecordSource("a.parquet", row=0)) == "a.parquet:row 0"
    assert str(RecordSource("a.csv")) == "a.csv"
    assert str(RecordError(RecordSource("a.csv", line=3), "bad")) == "a.csv:3: bad"
    with pytest.raises(ValueError, match="at most one"):
        RecordSource("a", line=1, row=2)


def test_records_and_errors_pickle_for_spark() -> None:
    record = parse_record({"url": "https://example.com/a", "text": "x", "date": "2024-01-01"}, HERE)
    error = RecordError(HERE, "bad")
    assert pickle.loads(pickle.dumps(record)) == record
    restored = pickle.loads(pickle.dumps(error))
    assert str(restored) == "input.jsonl:7: bad" and restored.source == HERE


def test_record_invariants() -> None:
    with pytest.raises(ValueError, match="exactly one of text and html"):
        ArticleRecord(url="https://example.com", source=HERE)
    with pytest.raises(ValueError, match="timezone-aware"):
        ArticleRecord(url="https://example.com", source=HERE, text="x", published_at=datetime(2024, 1, 1))

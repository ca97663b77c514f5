"""The one object that owns the database: SQLite by default, PostgreSQL by URL.

Records are stored as JSON next to the indexed columns queries filter on, so
the public record shape (docs/formats.md) is kept exactly while date, type,
place and actor filters run on indexes. Every write is one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import (
    DDL,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    bindparam,
    create_engine,
    delete,
    func,
    insert,
    inspect,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from sitroom.errors import StoreError
from sitroom.records import (
    Article,
    Event,
    Mention,
    event_from_dict,
    mention_from_dict,
    to_dict,
)

# Version of the database layout (not of the public record, records.SCHEMA_VERSION).
# 2: articles.extractor, the fingerprint of the extractor that produced an article's mentions.
SCHEMA_VERSION = 2

metadata = MetaData()

meta_table = Table(
    "meta", metadata, Column("key", String, primary_key=True), Column("value", String)
)

articles_table = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True),
    Column("doc", String, index=True),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", String),
    Column("published", String, index=True),
    Column("published_how", String),
    Column("format", String),
    Column("source_path", Text),
    Column("text", Text, nullable=False),
    Column("extractor", String, index=True),  # NULL: extracted before fingerprints existed
)

mentions_table = Table(
    "mentions",
    metadata,
    Column("id", String, primary_key=True),
    Column("article_id", String, index=True, nullable=False),
    Column("event_type", String, index=True),
    Column("date_start", String, index=True),
    Column("place_name", String, index=True),
    Column("data", Text, nullable=False),
)

events_table = Table(
    "events",
    metadata,
    Column("id", String, primary_key=True),
    Column("event_type", String, index=True),
    Column("date_start", String, index=True),
    Column("date_end", String),
    Column("place_name", String, index=True),
    Column("admin1", String),
    Column("country", String),
    Column("lat", Float),
    Column("lon", Float),
    Column("actor1_name", String),
    Column("actor1_country", String),
    Column("actor2_name", String),
    Column("actor2_country", String),
    Column("n_sources", Integer),
    Column("n_contradictions", Integer),
    Column("fatalities_best", Integer),
    Column("data", Text, nullable=False),
    Index("ix_events_latlon", "lat", "lon"),
)

event_mentions_table = Table(
    "event_mentions",
    metadata,
    Column("event_id", String, primary_key=True),
    Column("mention_id", String, primary_key=True, index=True),
)

actors_table = Table(
    "actors",
    metadata,
    Column("key", String, primary_key=True),
    Column("name", String, index=True),
    Column("country", String),
    Column("sector", String),
)

places_table = Table(
    "places",
    metadata,
    Column("key", String, primary_key=True),
    Column("name", String, index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String),
    Column("admin1", String),
    Column("precision", String),
    Column("geonameid", Integer),
)

agreements_table = Table(
    "agreements",
    metadata,
    Column("id", String, primary_key=True),
    Column("name", String),
    Column("origin", String),
    Column("data", Text, nullable=False),
)


def _dumps(record: Any) -> str:
    data = record if isinstance(record, dict) else to_dict(record)
    return orjson.dumps(data).decode("utf-8")


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    """Slices of ``items`` small enough for one IN (...) clause."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _article(row: Any) -> Article:
    """An Article from an articles row (the extractor column is bookkeeping, not record)."""
    return Article(**{k: v for k, v in row.items() if k != "extractor"})


def _url(db: str | Path) -> str:
    text = str(db)
    return text if "://" in text else f"sqlite:///{text}"


class Store:
    """Owns one database: articles, mentions, fused events, actors, places, agreements."""

    def __init__(self, db: str | Path = "sitroom.db", *, create: bool = True) -> None:
        """Open ``db`` (a path or an SQLAlchemy URL); with ``create=False`` a missing database
        file is an error instead of a new empty database (a mistyped path for a query)."""
        self.url = _url(db)
        if not create and "://" not in str(db) and not Path(db).is_file():
            raise StoreError(f"no sitroom database at {db}; create one with "
                             f"`sitroom run FILES --db {db}`")
        try:
            self.engine: Engine = create_engine(self.url, future=True)
            metadata.create_all(self.engine)
            try:
                self._check_schema()
            except SQLAlchemyError:  # another process migrated the same database just now
                self._check_schema()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open database {db}: {exc.__class__.__name__}: {exc}") from exc

    def _check_schema(self) -> None:
        """Refuse a newer database; bring an older one up to date (added columns only)."""
        with self.engine.begin() as conn:
            row = conn.execute(
                select(meta_table.c.value).where(meta_table.c.key == "schema_version")
            ).first()
            if row is None:
                conn.execute(
                    insert(meta_table).values(key="schema_version", value=str(SCHEMA_VERSION))
                )
            elif int(row[0]) > SCHEMA_VERSION:
                raise StoreError(
                    f"database schema {row[0]} is newer than this sitroom ({SCHEMA_VERSION})"
                )
            elif int(row[0]) < SCHEMA_VERSION:
                self._add_missing_columns(conn)
                conn.execute(
                    update(meta_table)
                    .where(meta_table.c.key == "schema_version")
                    .values(value=str(SCHEMA_VERSION))
                )

    @staticmethod
    def _add_missing_columns(conn: Connection) -> None:
        """ALTER TABLE ... ADD COLUMN for every (nullable) column an older database lacks."""
        quote = conn.dialect.identifier_preparer.quote
        for table in metadata.sorted_tables:
            have = {c["name"] for c in inspect(conn).get_columns(table.name)}
            for col in table.columns:
                if col.name in have:
                    continue
                kind = col.type.compile(dialect=conn.dialect)
                conn.execute(DDL(f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(col.name)} "
                                 f"{kind}"))
                for index in table.indexes:
                    if col.name in {c.name for c in index.columns}:
                        index.create(conn, checkfirst=True)

    # ---- writes -------------------------------------------------------------------------

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are already stored (re-ingest is a no-op)."""
        return set(self.article_extractors(ids))

    def article_extractors(self, ids: Iterable[str]) -> dict[str, str | None]:
        """Stored article id → fingerprint of the extractor behind its mentions (None: unknown)."""
        wanted = list(ids)
        t = articles_table
        found: dict[str, str | None] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(wanted):
                rows = conn.execute(select(t.c.id, t.c.extractor).where(t.c.id.in_(chunk)))
                found.update((r[0], r[1]) for r in rows)
        return found

    def stale_articles(
        self, extractor: str, *, after: str | None = None, limit: int = 32
    ) -> list[Article]:
        """Up to ``limit`` articles, in id order after ``after``, extracted by another extractor.

        Keyset paging (``after`` = the last id of the previous page) keeps memory flat and
        stays correct while earlier pages are being re-extracted.
        """
        t = articles_table
        stmt = select(t).where(or_(t.c.extractor.is_(None), t.c.extractor != extractor))
        if after is not None:
            stmt = stmt.where(t.c.id > after)
        with self.engine.connect() as conn:
            rows = conn.execute(stmt.order_by(t.c.id).limit(limit)).mappings()
            return [_article(r) for r in rows]

    def add_batch(
        self,
        articles: Sequence[Article],
        mentions: Sequence[Mention],
        *,
        extractor: str | None = None,
    ) -> None:
        """Store new articles with their mentions in one transaction (all or nothing).

        ``extractor`` is the fingerprint of the extractor that produced the mentions.
        """
        if not articles:
            return
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    insert(articles_table),
                    [to_dict(a) | {"extractor": extractor} for a in articles],
                )
                if mentions:
                    conn.execute(insert(mentions_table), [self._mention_row(m) for m in mentions])
                    self._upsert_refs(conn, mentions)
        except SQLAlchemyError as exc:
            raise StoreError(f"could not store a batch of {len(articles)} articles: {exc}") from exc

    def replace_batch(
        self, articles: Sequence[Article], mentions: Sequence[Mention], *, extractor: str
    ) -> None:
        """Swap stored articles' old extraction for a new one, in one transaction.

        The articles' old mentions go; every event that held one is dissolved (its other
        mentions become unfused, so the next fusion pass places them again); the article
        rows take the new text and ``extractor``; the new mentions are stored; and the
        articles' evidence is taken out of stored agreements (an extracted agreement left
        with no source goes), so the new extraction's agreements merge in afresh.
        """
        if not articles:
            return
        ids = [a.id for a in articles]
        m, link, t = mentions_table, event_mentions_table, articles_table
        try:
            with self.engine.begin() as conn:
                old: list[str] = []
                for chunk in _chunks(ids):
                    old += conn.execute(select(m.c.id).where(m.c.article_id.in_(chunk))).scalars()
                events: set[str] = set()
                for chunk in _chunks(old):
                    events.update(
                        conn.execute(select(link.c.event_id).where(link.c.mention_id.in_(chunk)))
                        .scalars()
                    )
                for chunk in _chunks(sorted(events)):
                    conn.execute(delete(link).where(link.c.event_id.in_(chunk)))
                    conn.execute(delete(events_table).where(events_table.c.id.in_(chunk)))
                for chunk in _chunks(ids):
                    conn.execute(delete(m).where(m.c.article_id.in_(chunk)))
                rows = [to_dict(a) | {"extractor": extractor} for a in articles]
                cols = [k for k in rows[0] if k != "id"]  # bind names must differ from columns
                conn.execute(
                    update(t)
                    .where(t.c.id == bindparam("b_id"))
                    .values({k: bindparam(f"b_{k}") for k in cols}),
                    [{f"b_{k}": v for k, v in r.items()} for r in rows],
                )
                if mentions:
                    conn.execute(insert(m), [self._mention_row(x) for x in mentions])
                    self._upsert_refs(conn, mentions)
                self._forget_agreement_evidence(conn, set(ids))
        except SQLAlchemyError as exc:
            raise StoreError(
                f"could not re-extract a batch of {len(articles)} articles: {exc}"
            ) from exc

    def relabel_extractor(self, old: str, new: str) -> int:
        """Give articles stamped with extractor ``old`` the stamp ``new``; return how many."""
        t = articles_table
        stmt = update(t).where(t.c.extractor == old).values(extractor=new)
        with self.engine.begin() as conn:
            return conn.execute(stmt).rowcount

    @staticmethod
    def _forget_agreement_evidence(conn: Connection, article_ids: set[str]) -> None:
        """Drop these articles' sources and term evidence from stored agreements.

        A term or an extracted agreement that had evidence only from these articles goes;
        an imported (user) agreement always stays, only its borrowed evidence is dropped.
        """
        a = agreements_table

        def keep(items: list[dict]) -> list[dict]:
            return [e for e in items if e.get("article_id") not in article_ids]

        for agr_id, origin, raw in conn.execute(select(a.c.id, a.c.origin, a.c.data)).all():
            data = orjson.loads(raw)
            sources = keep(data.get("sources") or [])
            terms = []
            for term in data.get("terms") or []:
                evidence = keep(term.get("evidence") or [])
                if evidence or not term.get("evidence") or origin != "extracted":
                    terms.append(term | {"evidence": evidence})
            if origin == "extracted" and data.get("sources") and not sources:
                conn.execute(delete(a).where(a.c.id == agr_id))
            elif sources != data.get("sources", []) or terms != data.get("terms", []):
                new = data | {"sources": sources, "terms": terms}
                conn.execute(update(a).where(a.c.id == agr_id).values(data=_dumps(new)))

    @staticmethod
    def _mention_row(m: Mention) -> dict[str, Any]:
        return {
            "id": m.id,
            "article_id": m.article_id,
            "event_type": m.event_type,
            "date_start": m.date.start,
            "place_name": m.location.name if m.location else None,
            "data": _dumps(m),
        }

    @staticmethod
    def _upsert_refs(conn: Any, mentions: Sequence[Mention]) -> None:
        """Keep the canonical actors and places tables in step with stored mentions."""
        actors = {}
        places = {}
        for m in mentions:
            for a in (m.actor1, m.actor2):
                if a is not None:
                    key = f"{a.name}|{a.country}|{a.sector}"
                    actors[key] = {
                        "key": key,
                        "name": a.name,
                        "country": a.country,
                        "sector": a.sector,
                    }
            if m.location is not None and m.location.lat is not None:
                p = m.location
                key = f"{p.name}|{p.country}|{p.precision}"
                places[key] = {
                    "key": key,
                    "name": p.name,
                    "lat": p.lat,
                    "lon": p.lon,
                    "country": p.country,
                    "admin1": p.admin1,
                    "precision": p.precision,
                    "geonameid": p.geonameid,
                }
        for table, rows in ((actors_table, actors), (places_table, places)):
            if not rows:
                continue
            known = {
                r[0] for r in conn.execute(select(table.c.key).where(table.c.key.in_(list(rows))))
            }
            fresh = [row for key, row in rows.items() if key not in known]
            if fresh:
                conn.execute(insert(table), fresh)

    def replace_events(self, events: Sequence[Event], *,
                       replacing: Sequence[str] | None = None) -> None:
        """Write the fused events (ids are stable, so this is a replace, not an append):
        all stored events give way, or only those with the ``replacing`` ids (a fusion that
        read part of the database)."""
        rows = []
        links = []
        for e in events:
            loc = e.location
            rows.append(
                {
                    "id": e.id,
                    "event_type": e.event_type,
                    "date_start": e.date.start,
                    "date_end": e.date.end,
                    "place_name": loc.name if loc else None,
                    "admin1": loc.admin1 if loc else None,
                    "country": loc.country if loc else None,
                    "lat": loc.lat if loc else None,
                    "lon": loc.lon if loc else None,
                    "actor1_name": e.actor1.name if e.actor1 else None,
                    "actor1_country": e.actor1.country if e.actor1 else None,
                    "actor2_name": e.actor2.name if e.actor2 else None,
                    "actor2_country": e.actor2.country if e.actor2 else None,
                    "n_sources": e.n_sources,
                    "n_contradictions": sum(c.disputed for c in e.contradictions),
                    "fatalities_best": e.fatalities.best if e.fatalities else None,
                    "data": _dumps(e),
                }
            )
            links.extend({"event_id": e.id, "mention_id": mid} for mid in e.mention_ids)
        with self.engine.begin() as conn:
            if replacing is None:
                conn.execute(delete(event_mentions_table))
                conn.execute(delete(events_table))
            for i in range(0, len(replacing or ()), 500):
                chunk = list(replacing[i : i + 500])  # type: ignore[index]
                conn.execute(delete(event_mentions_table)
                             .where(event_mentions_table.c.event_id.in_(chunk)))
                conn.execute(delete(events_table).where(events_table.c.id.in_(chunk)))
            for i in range(0, len(rows), 2000):
                conn.execute(insert(events_table), rows[i : i + 2000])
            for i in range(0, len(links), 5000):
                conn.execute(insert(event_mentions_table), links[i : i + 5000])

    def replace_agreements(self, agreements: Sequence[Any]) -> None:
        """Write agreement records (from sitroom.zones) as JSON."""
        with self.engine.begin() as conn:
            conn.execute(delete(agreements_table))
            if agreements:
                conn.execute(
                    insert(agreements_table),
                    [
                        {
                            "id": a.id,
                            "name": a.name,
                            "origin": a.origin,
                            "data": _dumps(a.to_dict()),
                        }
                        for a in agreements
                    ],
                )

    # ---- record reads -------------------------------------------------------------------

    def unfused_mentions(self) -> list[Mention]:
        """Mentions not yet part of any event (what the next fusion pass must place)."""
        m, link = mentions_table, event_mentions_table
        stmt = (
            select(m.c.data)
            .outerjoin(link, link.c.mention_id == m.c.id)
            .where(link.c.mention_id.is_(None))
            .order_by(m.c.id)
        )
        with self.engine.connect() as conn:
            return [mention_from_dict(orjson.loads(r[0])) for r in conn.execute(stmt)]

    def agreement_records(self) -> list[dict[str, Any]]:
        """Stored agreements as plain dicts (see sitroom.zones for the shape)."""
        with self.engine.connect() as conn:
            return [orjson.loads(r[0]) for r in conn.execute(select(agreements_table.c.data))]

    # ---- queries ------------------------------------------------------------------------

    def _where(
        self,
        *,
        event_type: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        since: str | None = None,
        until: str | None = None,
        bbox: Sequence[float] | None = None,
        has_contradiction: bool | None = None,
        min_sources: int | None = None,
        q: str | None = None,
    ) -> list[Any]:
        t = events_table
        conds: list[Any] = []
        if event_type:
            conds.append(t.c.event_type.in_([s.strip().upper() for s in event_type.split(",")]))
        if actor:
            like = f"%{actor.lower()}%"
            conds.append(
                or_(
                    func.lower(t.c.actor1_name).like(like),
                    func.lower(t.c.actor2_name).like(like),
                    func.upper(t.c.actor1_country) == actor.upper(),
                    func.upper(t.c.actor2_country) == actor.upper(),
                )
            )
        if place:
            like = f"%{place.lower()}%"
            conds.append(
                or_(
                    func.lower(t.c.place_name).like(like),
                    func.lower(t.c.admin1).like(like),
                    func.upper(t.c.country) == place.upper(),
                )
            )
        if since:
            conds.append(func.coalesce(t.c.date_end, t.c.date_start) >= since)
        if until:
            conds.append(t.c.date_start <= until)
        if bbox:
            west, south, east, north = bbox
            conds.append(and_(t.c.lon >= west, t.c.lon <= east, t.c.lat >= south, t.c.lat <= north))
        if has_contradiction is not None:
            conds.append(
                t.c.n_contradictions > 0 if has_contradiction else t.c.n_contradictions == 0
            )
        if min_sources:
            conds.append(t.c.n_sources >= min_sources)
        if q:
            conds.append(func.lower(t.c.data).like(f"%{q.lower()}%"))
        return conds

    def count_events(self, **filters: Any) -> int:
        """How many events match the filters."""
        with self.engine.connect() as conn:
            stmt = select(func.count()).select_from(events_table).where(*self._where(**filters))
            return int(conn.execute(stmt).scalar_one())

    def event_records(
        self, *, limit: int | None = None, offset: int = 0, **filters: Any
    ) -> list[Event]:
        """Matching events as records, in date order (unknown dates last)."""
        t = events_table
        stmt = (
            select(t.c.data)
            .where(*self._where(**filters))
            .order_by(t.c.date_start.is_(None), t.c.date_start, t.c.id)
            .offset(offset)
        )
        if limit is not None:
            stmt = stmt.limit(limit)
        with self.engine.connect() as conn:
            return [event_from_dict(orjson.loads(r[0])) for r in conn.execute(stmt)]

    def events_near(self, since: str, until: str) -> list[Event]:
        """Events whose dates touch [since, until], and events with no date: the ones a
        fusion of reports from that period can reach."""
        t = events_table
        touching = and_(*self._where(since=since, until=until))  # the query filters' window
        stmt = (select(t.c.data).where(or_(t.c.date_start.is_(None), touching))
                .order_by(t.c.date_start.is_(None), t.c.date_start, t.c.id))  # as event_records
        with self.engine.connect() as conn:
            return [event_from_dict(orjson.loads(r[0])) for r in conn.execute(stmt)]

    def mentions_by_id(self, ids: Iterable[str]) -> dict[str, Mention]:
        """Mentions for these ids, fetched in chunks."""
        wanted = list(dict.fromkeys(ids))
        out: dict[str, Mention] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                stmt = select(mentions_table.c.data).where(
                    mentions_table.c.id.in_(wanted[i : i + 500])
                )
                for r in conn.execute(stmt):
                    m = mention_from_dict(orjson.loads(r[0]))
                    out[m.id] = m
        return out

    def articles_by_id(self, ids: Iterable[str]) -> dict[str, Article]:
        """Articles for these ids, fetched in chunks."""
        wanted = list(dict.fromkeys(ids))
        out: dict[str, Article] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                stmt = select(articles_table).where(articles_table.c.id.in_(wanted[i : i + 500]))
                for r in conn.execute(stmt).mappings():
                    out[r["id"]] = _article(r)
        return out

    def events(self, *, limit: int | None = 100, offset: int = 0, **filters: Any) -> list[dict]:
        """Matching events as public records (docs/formats.md), with sources."""
        from sitroom.export import event_record

        records = self.event_records(limit=limit, offset=offset, **filters)
        mentions = self.mentions_by_id(mid for e in records for mid in e.mention_ids)
        return [event_record(e, mentions) for e in records]

    def event(self, event_id: str) -> dict | None:
        """One event with its sources and the full mentions behind it."""
        from sitroom.export import event_record, mention_record

        with self.engine.connect() as conn:
            row = conn.execute(
                select(events_table.c.data).where(events_table.c.id == event_id)
            ).first()
        if row is None:
            return None
        ev = event_from_dict(orjson.loads(row[0]))
        mentions = self.mentions_by_id(ev.mention_ids)
        record = event_record(ev, mentions)
        record["mentions"] = [
            mention_record(mentions[mid]) for mid in ev.mention_ids if mid in mentions
        ]
        return record

    def mentions(self, *, limit: int | None = None, **filters: Any) -> list[dict]:
        """Mention-level records for matching events (``--level mentions``)."""
        from sitroom.export import mention_record

        records = self.event_records(limit=limit, **filters)
        mentions = self.mentions_by_id(mid for e in records for mid in e.mention_ids)
        return [mention_record(m) for m in mentions.values()]

    def articles(self, *, limit: int = 100, offset: int = 0) -> list[dict]:
        """Stored articles without their text, newest first."""
        t = articles_table
        cols = [c for c in t.c if c.name != "text"]
        stmt = (
            select(*cols, func.length(t.c.text).label("chars"))
            .order_by(t.c.published.is_(None), t.c.published.desc(), t.c.doc)
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(stmt).mappings()]

    def article(self, article_id: str) -> dict | None:
        """One article with its text."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(articles_table).where(articles_table.c.id == article_id)
            ).first()
        return dict(row._mapping) if row else None

    def stats(self) -> dict[str, Any]:
        """Counts for the command line and the dashboard header."""
        with self.engine.connect() as conn:
            n_articles = conn.execute(select(func.count()).select_from(articles_table)).scalar_one()
            n_mentions = conn.execute(select(func.count()).select_from(mentions_table)).scalar_one()
            n_events = conn.execute(select(func.count()).select_from(events_table)).scalar_one()
            by_type = dict(
                conn.execute(
                    select(events_table.c.event_type, func.count())
                    .group_by(events_table.c.event_type)
                    .order_by(func.count().desc())
                ).all()
            )
            dmin, dmax = conn.execute(
                select(func.min(events_table.c.date_start), func.max(events_table.c.date_end))
            ).one()
            n_contra = conn.execute(
                select(func.count())
                .select_from(events_table)
                .where(events_table.c.n_contradictions > 0)
            ).scalar_one()
        return {
            "n_articles": n_articles,
            "n_mentions": n_mentions,
            "n_events": n_events,
            "n_events_with_contradictions": n_contra,
            "by_type": by_type,
            "date_min": dmin,
            "date_max": dmax,
        }

    def timeline_buckets(self, *, bucket: str = "week", **filters: Any) -> list[dict[str, Any]]:
        """Event counts per day, week (Monday start) or month, by type, for the histogram."""
        t = events_table
        stmt = select(t.c.date_start, t.c.event_type).where(
            t.c.date_start.is_not(None), *self._where(**filters)
        )
        buckets: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for start, etype in conn.execute(stmt):
                day = date.fromisoformat(start)
                if bucket == "month":
                    day = day.replace(day=1)
                elif bucket == "week":
                    day = day - timedelta(days=day.weekday())
                key = day.isoformat()
                b = buckets.setdefault(key, {"start": key, "count": 0, "by_type": {}})
                b["count"] += 1
                b["by_type"][etype] = b["by_type"].get(etype, 0) + 1
        return [buckets[k] for k in sorted(buckets)]

    def timeline(self, **filters: Any) -> list[Any]:
        """Timeline entries (sitroom.timeline) for matching events."""
        from sitroom import timeline as tl

        place = filters.pop("place", None)
        actor = filters.pop("actor", None)
        since = filters.pop("since", None)
        until = filters.pop("until", None)
        events = self.event_records(limit=None, **filters)
        mentions = self.mentions_by_id(mid for e in events for mid in e.mention_ids)
        return tl.timeline(events, mentions, since=since, until=until, place=place, actor=actor)

    def digest(self, *, max_sentences: int = 10, **filters: Any) -> Any:
        """A cited extractive summary of matching events (a :class:`sitroom.summary.Summary`)."""
        from sitroom import summary as sm

        events = self.event_records(limit=None, **filters)
        mentions = self.mentions_by_id(mid for e in events for mid in e.mention_ids)
        articles = self.articles_by_id(m.article_id for m in mentions.values())
        return sm.summarize(events, mentions, articles, max_sentences=max_sentences)

    def summary(self, *, max_sentences: int = 10, **filters: Any) -> dict[str, Any]:
        """The same summary as plain data (sentences with [n] refs, references)."""
        return to_dict(self.digest(max_sentences=max_sentences, **filters))

    def zones_geojson(self) -> dict[str, Any]:
        """Agreements, zones, corridors and posts as one GeoJSON FeatureCollection."""
        from sitroom import zones

        return zones.agreements_geojson(self._agreements())

    def _agreements(self, name: str | None = None) -> list[Any]:
        from sitroom import zones

        found = [zones.Agreement.from_dict(d) for d in self.agreement_records()]
        return [a for a in found if not name or name.lower() in a.name.lower()]

    def zone_weekly(self, *, agreement: str | None = None,
                    **filters: Any) -> list[dict[str, Any]]:
        """Weekly counts of matching hostile events inside each zone/corridor, before and after
        it took effect (one row per agreement, term, week and side of the start date)."""
        from sitroom import zones

        events = self.event_records(limit=None, **filters)
        return [
            {"agreement_id": a.id, "agreement_name": a.name, **row}
            for a in self._agreements(agreement)
            for row in zones.weekly_counts(events, a)
        ]

    def patrols(self, *, agreement: str | None = None, **filters: Any) -> list[dict[str, Any]]:
        """Matching patrol events tracked against agreed patrol arrangements (route, start,
        outcome)."""
        from sitroom import zones

        return zones.patrol_status(self.event_records(limit=None, **filters),
                                   self._agreements(agreement))

    def violations(self, *, agreement: str | None = None, **filters: Any) -> list[dict]:
        """Potential ceasefire violations flagged on matching events."""
        out = []
        for e in self.event_records(limit=None, **filters):
            for v in e.violations:
                if agreement and agreement.lower() not in str(v.get("agreement_name", "")).lower():
                    continue
                out.append(v)
        return out

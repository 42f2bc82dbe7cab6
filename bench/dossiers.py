"""Bulk generator of realistic dossiers for the load benchmark (`make bench`), on PostgreSQL only.

`generate()` writes N dossiers of the demo center (default 1,000,000) with their append-only events, the
clock pauses of the paused ones and the per-day counters, straight into the tables the migrations created,
with asyncpg's binary COPY (`copy_records_to_table`), then ANALYZEs them. What the rows look like:

- received over the working days of the unit's own calendar (the app's `working_calendar`: weekly hours,
  holidays, make-up Saturdays) in the 365 days BEFORE today (local time, Asia/Ho_Chi_Minh), never today:
  the intake scenario numbers today's dossiers and the gap check reads today only;
- codes `<unit code>-<YYMMDD>-<NNNN>` numbered 1..n per day, after the demo seed's dossiers of that day,
  and `dossier_counters.last_number` = the last number of every generated day;
- procedures, their version in force and sector from the published catalog (the commune's everyday
  procedures weighted up, the rest of the catalog spread evenly), the appointment computed by the app's
  deadline engine (`compute_due`) from the procedure's processing time for the channel;
- a `receive` event (seq 1, NULL → 2) and then the events the workflow table needs to reach the status
  (2 received … 10 returned, mostly 10): forward, request_supplement, request_payment, withdraw, stop,
  approve, mark_done, return_result, each at a later moment, none in the future (a chain that would reach
  past now stops there, so recent dossiers are still open); `version` = number of events;
- applicants with Vietnamese names, 12-digit identity numbers consistent with the birth date, `09xxxxxxxx`
  phones and addresses of the commune; public tokens of 32 URL-safe characters from `os.urandom` (192 bits,
  as `secrets.token_urlsafe(24)`).

A random sample of the public tokens is returned for the tracking scenario.
"""

# ruff: noqa: S311 - random benchmark data; the tokens come from os.urandom

from __future__ import annotations

import asyncio
import base64
import json
import os
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from typing import Any

# Columns written by COPY, in the order of the tuples built below (every NOT NULL column has a value: the
# ORM's Python-side defaults do not exist in the database).
DOSSIER_COLUMNS = (
    "id",
    "unit_id",
    "code",
    "received_on",
    "number",
    "public_token",
    "version",
    "status",
    "channel",
    "procedure_id",
    "procedure_version_id",
    "procedure_code",
    "procedure_name",
    "sector_id",
    "applicant_name",
    "applicant_name_folded",
    "applicant_id_number",
    "applicant_birth_date",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "representative",
    "documents",
    "sets_count",
    "fees",
    "delivery",
    "delivery_address",
    "note",
    "duration_amount",
    "duration_unit",
    "duration_text",
    "received_at",
    "received_by_id",
    "due_at",
    "original_due_at",
    "paused_since",
    "supplement_count",
    "approved_at",
    "approved_by_id",
    "finished_at",
    "outcome",
    "result_number",
    "result_date",
    "returned_at",
    "current_step",
    "lookup_count",
    "idempotency_key",
    "request_hash",
    "created_at",
    "updated_at",
)
EVENT_COLUMNS = (
    "id",
    "unit_id",
    "dossier_id",
    "seq",
    "at",
    "actor_id",
    "action",
    "from_status",
    "to_status",
    "note",
    "data",
)
PAUSE_COLUMNS = ("id", "dossier_id", "reason", "started_at", "ended_at")

DAYS_BACK = 365
BATCH = 25_000  # dossiers per COPY round trip (with their events)
SAMPLE_SIZE = 10_000
TIMEOUT_S = 1800  # the whole generation, whatever N: a stuck database must not hang the benchmark

# The commune counter's everyday procedures and their share of the dossiers; the rest of the published
# catalog shares OTHERS_SHARE evenly.
COMMON_PROCEDURES = {
    "1.001193": 0.20,  # birth registration
    "2.000815": 0.18,  # copy certification from originals
    "2.000635": 0.07,  # copy of a civil status extract
    "1.000894": 0.05,  # marriage registration
    "1.000656": 0.04,  # death registration
    "1.010041": 0.04,  # residence confirmation
    "2.000908": 0.03,  # signature certification
    "1.004859": 0.02,  # civil status record change or correction
}
OTHERS_SHARE = 0.37

# Final status wanted → share, before the chain is cut at "now" (which leaves recent dossiers open).
STATUS_PLAN = (
    (10, 0.830),
    (9, 0.045),
    (7, 0.030),
    (8, 0.025),
    (4, 0.030),
    (5, 0.015),
    (6, 0.010),
    (2, 0.015),
)
CHANNELS = ((1, 0.85), (2, 0.13), (3, 0.02))

FAMILY = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Đào",
    "Mai",
)
MIDDLE = (
    "Văn",
    "Thị",
    "Minh",
    "Thu",
    "Quốc",
    "Hữu",
    "Đức",
    "Thanh",
    "Ngọc",
    "Xuân",
    "Hồng",
    "Kim",
    "Công",
    "Thành",
    "Bảo",
    "Gia",
    "Phương",
    "Anh",
)
GIVEN = (
    "An",
    "Anh",
    "Bình",
    "Châu",
    "Chi",
    "Cường",
    "Dũng",
    "Dung",
    "Duy",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hòa",
    "Hùng",
    "Hương",
    "Huyền",
    "Khánh",
    "Khoa",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phong",
    "Phúc",
    "Quân",
    "Quyên",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Trung",
    "Tuấn",
    "Tú",
    "Uyên",
    "Việt",
    "Vinh",
    "Vy",
    "Yến",
)
HAMLETS = (
    "Thôn Nghĩa Hưng",
    "Thôn Yên Lập",
    "Thôn Đại Đồng",
    "Thôn Hạc Đình",
    "Khu Phố Chợ",
    "Thôn Đông",
    "Thôn Tây",
    "Thôn Trung",
    "Thôn Gò Chè",
    "Thôn Bến Đò",
    "Khu Tân Lập",
    "Thôn Đồng Xuân",
)
RELATIONS = ("Bố", "Mẹ", "Vợ", "Chồng", "Con", "Anh", "Chị", "Người được ủy quyền")
# Birth places of applicants: province codes of the identity number (Phú Thọ first).
PROVINCE_CODES = ("025",) * 8 + ("001", "026", "019", "015", "010", "037")
STEP = "Chuyên viên xử lý"
RESULT_STEP = "Trả kết quả"
MISSING = (
    ["Bản sao giấy tờ chứng minh nơi cư trú"],
    ["Giấy chứng sinh (bản chính)"],
    ["Văn bản ủy quyền có chứng thực"],
    ["Tờ khai theo mẫu (ký đầy đủ)", "Bản sao giấy tờ tùy thân"],
)
FEES = (
    (8000, "Lệ phí cấp bản sao trích lục hộ tịch"),
    (2000, "Phí chứng thực bản sao (2 trang)"),
    (10000, "Phí chứng thực chữ ký"),
    (50000, "Lệ phí đăng ký"),
)
HOUR = 3600.0
DAY = 86400.0
NO_DUE = '{"due_at": null}'


@dataclass
class Generated:
    """What the generator wrote and how long it took."""

    dossiers: int = 0
    events: int = 0
    pauses: int = 0
    days: int = 0
    first_day: str = ""
    last_day: str = ""
    max_per_day: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    procedures_used: int = 0
    seconds: float = 0.0  # everything: reading the catalog, generating, COPY, counters, ANALYZE
    generate_seconds: float = 0.0  # Python time building the rows (overlaps the COPY)
    copy_seconds: float = 0.0  # time waiting for COPY to finish
    index_seconds: float = 0.0  # dropping the secondary indexes and constraints, rebuilding them after
    analyze_seconds: float = 0.0
    rows_per_second: float = 0.0  # (dossiers + events + pauses + counters) ÷ seconds
    dossiers_per_second: float = 0.0
    table_mb: dict[str, float] = field(default_factory=dict)
    tokens: list[str] = field(default_factory=list, repr=False)

    def summary(self) -> str:
        return (
            f"{self.dossiers:,} dossiers, {self.events:,} events, {self.pauses:,} pauses over {self.days} "
            f"working days ({self.first_day} … {self.last_day}, at most {self.max_per_day:,} a day) in "
            f"{self.seconds:.1f} s: {self.rows_per_second:,.0f} rows/s, {self.dossiers_per_second:,.0f} "
            f"dossiers/s (generating {self.generate_seconds:.0f} s overlapping COPY {self.copy_seconds:.0f} s; "
            f"indexes and constraints {self.index_seconds:.0f} s; ANALYZE {self.analyze_seconds:.0f} s)"
        )


@dataclass
class Procedure:
    id: int
    version_id: int
    sector_id: int
    code: str
    name: str
    timings: dict[int, tuple[str | None, str, str | None] | None]  # channel → (amount, unit, text)
    documents: list[str]  # JSON variants of the received documents


@dataclass
class Staff:
    receptionists: list[int]
    specialists: list[int]
    leaders: list[int]


def _timing(times: list[dict[str, Any]], channel: int) -> tuple[str | None, str, str | None] | None:
    """The processing time the intake uses for a channel (the channel's own entry with a unit, else any)."""
    name = {1: "in_person", 2: "online", 3: "postal"}[channel]
    for candidates in ([t for t in times if t.get("channel") == name], times):
        for t in candidates:
            if t.get("unit"):
                amount = t.get("amount")
                return (None if amount is None else str(amount), str(t["unit"]), t.get("text"))
    return None


def _documents(checklist: list[dict[str, Any]], rng: random.Random) -> list[str]:
    """A few JSON variants of what the counter received: every mandatory document, some optional ones."""
    variants = []
    for _ in range(3):
        received = [
            {
                "index": k,
                "originals": max(1, int(d.get("originals") or 1)),
                "copies": int(d.get("copies") or 0),
            }
            for k, d in enumerate(checklist)
            if d.get("mandatory") or rng.random() < 0.2
        ]
        variants.append(json.dumps(received))
    return variants


class People:
    """Pools of applicants' names (with their folded form), addresses, birth dates and the like."""

    def __init__(self, rng: random.Random, fold: Callable[[str], str]) -> None:
        names = [f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN]
        names += [
            f"{f} {m} {m2} {g}"
            for f in FAMILY[:8]
            for m, m2 in (("Thị", "Thu"), ("Văn", "Minh"))
            for g in GIVEN
        ]
        rng.shuffle(names)
        self.names = names
        self.folded = [fold(n) for n in names]
        self.returned = [
            json.dumps({"collected_by": n, "relation": "Bản thân", "id_checked": True}) for n in names
        ]
        self.addresses = [
            f"Số {rng.randint(1, 250)}, {rng.choice(HAMLETS)}, xã Vĩnh Hưng, tỉnh Phú Thọ"
            for _ in range(4096)
        ]
        first, last = date(1945, 1, 1).toordinal(), date(2008, 12, 31).toordinal()
        self.births = [date.fromordinal(rng.randint(first, last)) for _ in range(8192)]
        # Identity number: province of birth (3), century and sex (1), year (2), random (6).
        self.id_heads = [
            f"{rng.choice(PROVINCE_CODES)}{(0 if b.year < 2000 else 2) + rng.randint(0, 1)}{b.year % 100:02d}"
            for b in self.births
        ]
        self.representatives = [
            json.dumps(
                {
                    "full_name": rng.choice(names),
                    "id_number": f"025{rng.randrange(10**9):09d}",
                    "relation": rng.choice(RELATIONS),
                }
            )
            for _ in range(1024)
        ]
        self.fees = [json.dumps([{"description": d, "amount_vnd": a}]) for a, d in FEES]


def _working_days(calendar: Any, today: date) -> list[tuple[date, list[tuple[clock, clock]]]]:
    days = []
    for back in range(DAYS_BACK, 0, -1):
        day = today - timedelta(days=back)
        if day in calendar.days_off:
            continue
        hours = (
            calendar.extra_day_hours
            if day in calendar.extra_working_days
            else calendar.weekly.get(day.weekday())
        )
        if hours:
            days.append((day, list(hours)))
    return days


def _spread(total: int, days: int, rng: random.Random) -> list[int]:
    """`total` split over `days` with ±15 % day-to-day variation, summing exactly to `total`."""
    weights = [0.85 + 0.3 * rng.random() for _ in range(days)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    by_remainder = sorted(range(days), key=lambda i: weights[i] * scale - counts[i], reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def office(moment: datetime) -> datetime:
    """The moment, or the same minute of the 7 o'clock hour (local) after it when it falls outside 07:00–17:00:
    staff act in office hours. Cheap arithmetic on a UTC moment (Vietnam is UTC+7 all year)."""
    hour = (moment.hour + 7) % 24
    if 7 <= hour < 17:
        return moment
    return moment + timedelta(hours=(7 - hour) % 24)


def _tokens(n: int) -> list[str]:
    """n unguessable URL-safe tokens of 32 characters (24 random bytes each), in one urandom call."""
    text = base64.urlsafe_b64encode(os.urandom(24 * n)).decode("ascii")
    return [text[i : i + 32] for i in range(0, 32 * n, 32)]


def _hashes(n: int) -> list[str]:
    text = os.urandom(32 * n).hex()
    return [text[i : i + 64] for i in range(0, 64 * n, 64)]


class Builder:
    """Builds the rows day after day: `day()` returns the (dossiers, events, pauses) tuples of one day."""

    def __init__(
        self,
        *,
        rng: random.Random,
        unit_id: int,
        unit_code: str,
        calendar: Any,
        procedures: list[Procedure],
        common: list[tuple[Procedure, float]],
        staff: Staff,
        people: People,
        now: datetime,
        ids: tuple[int, int, int],
        sample: set[int],
    ) -> None:
        from motcua.calendar import due, working_time
        from motcua.core.time import LOCAL_TZ

        self.due, self.working_time, self.LOCAL_TZ = due, working_time, LOCAL_TZ
        self.rng, self.unit_id, self.unit_code, self.calendar = rng, unit_id, unit_code, calendar
        self.staff, self.people, self.now = staff, people, now
        # Lookup tables indexed by random bits: the common procedures by share, the rest evenly.
        pairs: list[tuple[Any, float]] = [(p, share) for p, share in common]
        pairs += [(p, OTHERS_SHARE / len(procedures)) for p in procedures]
        self.procedure_table = _weighted(pairs, 1 << 16, rng)
        self.status_table = _weighted(list(STATUS_PLAN), 1 << 10, rng)
        self.channel_table = _weighted(list(CHANNELS), 1 << 10, rng)
        self.dossier_id, self.event_id, self.pause_id = ids
        self.position = 0  # dossiers generated so far (for the token sample)
        self.sample = sample
        self.tokens: list[str] = []
        self.statuses: dict[int, int] = {}
        self.used: set[int] = set()
        self.cutoff: clock = calendar.same_day_cutoff
        self.forward_data = json.dumps({"to_step": STEP})
        self.missing_data = [json.dumps({"missing_documents": m}) for m in MISSING]

    def _due(
        self, timing: tuple[str | None, str, str | None], day: date, part: int
    ) -> tuple[datetime | None, str]:
        """The appointment the deadline engine gives for a receipt at the start of one of three parts of the
        day (morning, afternoon before the same-day cut-off, after it): ~50 µs a call, so once per day."""
        after_cutoff = (datetime.combine(day, self.cutoff) + timedelta(minutes=1)).time()
        first = (clock(7), clock(13, 30), after_cutoff)[part]
        start = datetime.combine(day, first, tzinfo=self.LOCAL_TZ)
        amount, unit, _ = timing
        try:
            due = self.due.compute_due(
                self.calendar,
                start=start,
                amount=Decimal(amount or "0"),
                unit=self.working_time.DurationUnit(unit),
            ).due_at
        except ValueError:  # a duration the engine refuses: no appointment, as at the counter
            return None, NO_DUE
        return due.astimezone(UTC), json.dumps({"due_at": due.isoformat()})

    def day(
        self, day: date, hours: list[tuple[clock, clock]], count: int, first_number: int
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        rng, people, staff, now, unit_id = self.rng, self.people, self.staff, self.now, self.unit_id
        rand, bits, td = rng.random, rng.getrandbits, timedelta
        tz = self.LOCAL_TZ
        # Receipt moments: sorted, uniform over the day's working intervals (as UTC instants).
        spans = [
            (
                datetime.combine(day, start, tzinfo=tz).astimezone(UTC),
                (datetime.combine(day, end) - datetime.combine(day, start)).total_seconds(),
            )
            for start, end in hours
        ]
        total = sum(length for _, length in spans)
        offsets = sorted(rand() * total for _ in range(count))
        noon = datetime.combine(day, clock(12), tzinfo=tz).astimezone(UTC)
        cut = datetime.combine(day, self.cutoff, tzinfo=tz).astimezone(UTC)
        dues: dict[tuple[Any, int], tuple[datetime | None, str]] = {}
        tokens, hashes = _tokens(count), _hashes(count)
        prefix = f"{self.unit_code}-{day:%y%m%d}-"
        dossiers: list[tuple[Any, ...]] = []
        events: list[tuple[Any, ...]] = []
        pauses: list[tuple[Any, ...]] = []
        add_dossier, event, pause = dossiers.append, events.append, pauses.append
        names, folded, births, id_heads = people.names, people.folded, people.births, people.id_heads
        addresses, returned = people.addresses, people.returned
        n_names, n_addr, n_birth = len(names), len(addresses), len(births)
        receptionists, specialists, leaders = staff.receptionists, staff.specialists, staff.leaders
        procedure_table, status_table, channel_table = (
            self.procedure_table,
            self.status_table,
            self.channel_table,
        )
        statuses, used, sample, position = self.statuses, self.used, self.sample, self.position
        fwd, missing_data = self.forward_data, self.missing_data
        did, eid = self.dossier_id, self.event_id
        for k in range(count):
            offset = offsets[k]
            received_at = spans[-1][0] + td(seconds=spans[-1][1] - 1)  # float rounding at the very end
            for begin, length in spans:
                if offset < length:
                    received_at = begin + td(seconds=offset)
                    break
                offset -= length
            proc = procedure_table[bits(16)]
            used.add(proc.id)
            channel = channel_table[bits(10)]
            timing = proc.timings[channel]
            amount = unit = text = due_at = None
            receive_data = NO_DUE
            if timing is not None:
                part = 0 if received_at < noon else (1 if received_at < cut else 2)
                key = (timing, part)
                found = dues.get(key)
                if found is None:
                    found = dues[key] = self._due(timing, day, part)
                due_at, receive_data = found
                amount, unit, text = timing
            who = int(rand() * n_names)
            receptionist = receptionists[int(rand() * len(receptionists))]
            specialist = specialists[int(rand() * len(specialists))]
            leader = leaders[int(rand() * len(leaders))]

            # The events the workflow needs to reach the wanted status; none in the future.
            target = status_table[bits(10)]
            version = 1
            event((eid, unit_id, did, 1, received_at, receptionist, "receive", None, 2, None, receive_data))
            eid += 1
            status, last = 2, received_at
            step: str | None = "Tiếp nhận"
            paused = approved_at = approver = finished_at = outcome = None
            result_number = result_date = returned_at = None
            supplements = 0
            if target != 2 and (target != 7 or rand() < 0.7):  # 30 % of withdrawals come before any work
                at = office(received_at + td(seconds=600 + rand() * 2 * HOUR))
                if at < now:
                    version += 1
                    event((eid, unit_id, did, version, at, receptionist, "forward", 2, 4, None, fwd))
                    eid += 1
                    status, step, last = 4, STEP, at
            if target in (9, 10) and status == 4:
                if due_at is None:
                    done_at = last + td(seconds=2 * HOUR + rand() * 10 * DAY)
                elif rand() < 0.9:  # on time: before the appointment
                    done_at = last + td(
                        seconds=max((due_at - last).total_seconds(), HOUR) * (0.3 + 0.7 * rand())
                    )
                else:  # late
                    done_at = max(due_at, last) + td(seconds=HOUR + rand() * 5 * DAY)
                at = office(last + (done_at - last) * (0.6 + 0.35 * rand()))
                done_at = office(max(done_at, at + td(seconds=600)))
                if at < now:
                    version += 1
                    event((eid, unit_id, did, version, at, leader, "approve", 4, 4, "Đồng ý", "{}"))
                    eid += 1
                    approved_at, approver, last = at, leader, at
                    if done_at < now:
                        version += 1
                        result_date = done_at.astimezone(tz).date()
                        result_number = f"{bits(10) + 1}/{result_date.year}"
                        data = f'{{"result_number": "{result_number}", "result_date": "{result_date}"}}'
                        event(
                            (eid, unit_id, did, version, done_at, specialist, "mark_done", 4, 9, None, data)
                        )
                        eid += 1
                        status, step, finished_at, outcome, last = 9, RESULT_STEP, done_at, "result", done_at
                        at = office(done_at + td(seconds=1800 + rand() ** 2 * 7 * DAY))
                        if target == 10 and at < now:
                            version += 1
                            data = returned[who]
                            event(
                                (
                                    eid,
                                    unit_id,
                                    did,
                                    version,
                                    at,
                                    receptionist,
                                    "return_result",
                                    9,
                                    10,
                                    None,
                                    data,
                                )
                            )
                            eid += 1
                            status, step, returned_at, last = 10, None, at, at
            elif target in (5, 6) and status == 4:
                at = office(last + td(seconds=HOUR + rand() * 3 * DAY))
                if at < now:
                    version += 1
                    if target == 5:
                        action, note, data = "request_supplement", "Hồ sơ chưa đầy đủ", missing_data[bits(2)]
                        supplements = 1
                    else:
                        action, note, data = "request_payment", "Phí cấp bản sao", '{"amount_vnd": 8000}'
                    event((eid, unit_id, did, version, at, specialist, action, 4, target, note, data))
                    eid += 1
                    pause((self.pause_id, did, action, at, None))
                    self.pause_id += 1
                    status, paused, last = target, at, at
            elif target in (7, 8):
                at = office(last + td(seconds=HOUR + rand() * 10 * DAY))
                if at < now:
                    version += 1
                    if target == 7:
                        action, note, actor, outcome = (
                            "withdraw",
                            "Công dân có đơn xin rút hồ sơ",
                            receptionist,
                            "withdrawn",
                        )
                    else:
                        action, note, actor, outcome = (
                            "stop",
                            "Hồ sơ thuộc thẩm quyền cơ quan khác",
                            leader,
                            "stopped",
                        )
                    event((eid, unit_id, did, version, at, actor, action, status, target, note, "{}"))
                    eid += 1
                    status, finished_at, last = target, at, at

            statuses[status] = statuses.get(status, 0) + 1
            if position in sample:
                self.tokens.append(tokens[k])
            position += 1
            roll = rand()
            number = first_number + k
            b = int(rand() * n_birth)
            add_dossier(
                (
                    did,
                    unit_id,
                    f"{prefix}{number:04d}",
                    day,
                    number,
                    tokens[k],
                    version,
                    status,
                    channel,
                    proc.id,
                    proc.version_id,
                    proc.code,
                    proc.name,
                    proc.sector_id,
                    names[who],
                    folded[who],
                    f"{id_heads[b]}{bits(20) % 1000000:06d}",
                    births[b],
                    f"09{bits(27) % 100000000:08d}",
                    f"{folded[who].replace(' ', '')}{bits(10)}@gmail.com" if roll < 0.15 else None,
                    addresses[int(rand() * n_addr)],
                    people.representatives[bits(10)] if roll > 0.92 else None,
                    proc.documents[bits(10) % 3],
                    1 if roll < 0.9 else 2,
                    people.fees[bits(2)] if 0.5 < roll < 0.7 else "[]",
                    "post" if channel == 3 else "counter",
                    addresses[int(roll * n_addr)] if channel == 3 else None,
                    None,
                    amount,
                    unit,
                    text,
                    received_at,
                    receptionist,
                    due_at,
                    None,
                    paused,
                    supplements,
                    approved_at,
                    approver,
                    finished_at,
                    outcome,
                    result_number,
                    result_date,
                    returned_at,
                    step,
                    0,
                    None,
                    hashes[k],
                    received_at,
                    last,
                )
            )
            did += 1
        self.dossier_id, self.event_id, self.position = did, eid, position
        return dossiers, events, pauses


def _weighted(pairs: list[tuple[Any, float]], size: int, rng: random.Random) -> list[Any]:
    """A table of `size` entries where each value appears in proportion to its weight (at least the
    integer part; the fractional parts are drawn at random so that small weights still get their share)."""
    total = sum(w for _, w in pairs)
    table: list[Any] = []
    for value, weight in pairs:
        exact = weight / total * size
        table += [value] * (int(exact) + (1 if rng.random() < exact - int(exact) else 0))
    rng.shuffle(table)
    while len(table) < size:
        table.append(table[int(rng.random() * len(table))])
    return table[:size]


async def _context(dsn: str, sqlalchemy_url: str) -> tuple[int, str, int, Any]:
    """The demo center (there is one), its province and its working calendar as the app builds it."""
    import asyncpg  # type: ignore[import-untyped]
    from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
    from sqlalchemy.pool import NullPool

    from motcua.calendar import service as calendar_service

    conn = await asyncpg.connect(dsn, timeout=10)
    try:
        units = await conn.fetch("SELECT id, unit_code, province_id FROM units ORDER BY id")
    finally:
        await conn.close()
    if len(units) != 1:
        raise RuntimeError(f"expected the one demo center in `units`, found {len(units)}")
    unit = units[0]
    engine = create_async_engine(sqlalchemy_url, poolclass=NullPool)
    try:
        async with AsyncSession(engine) as session:
            calendar = await calendar_service.working_calendar(session, unit_id=unit["id"])
    finally:
        await engine.dispose()
    return unit["id"], unit["unit_code"], unit["province_id"], calendar


async def _procedures(conn: Any, province_id: int, rng: random.Random) -> list[Procedure]:
    rows = await conn.fetch(
        """
        SELECT p.id, v.id AS version_id, p.sector_id, p.code, v.data ->> 'name_vi' AS name,
               v.data -> 'processing_times' AS times, v.data -> 'documents' AS documents
        FROM procedures p
        JOIN procedure_versions v ON v.procedure_id = p.id AND v.version = p.current_version
        WHERE p.is_published AND p.province_id = $1
        ORDER BY p.id
        """,
        province_id,
    )
    procedures = []
    for row in rows:
        times = json.loads(row["times"]) if row["times"] else []
        checklist = json.loads(row["documents"]) if row["documents"] else []
        procedures.append(
            Procedure(
                id=row["id"],
                version_id=row["version_id"],
                sector_id=row["sector_id"],
                code=row["code"],
                name=row["name"],
                timings={c: _timing(times or [], c) for c in (1, 2, 3)},
                documents=_documents(checklist or [], rng),
            )
        )
    return procedures


async def _staff(conn: Any, unit_id: int) -> Staff:
    rows = await conn.fetch(
        "SELECT s.id, r.role FROM staff s JOIN staff_roles r ON r.staff_id = s.id "
        "WHERE s.unit_id = $1 AND s.is_active ORDER BY s.id",
        unit_id,
    )
    by_role: dict[str, list[int]] = {}
    for row in rows:
        by_role.setdefault(row["role"], []).append(row["id"])
    missing = [r for r in ("receptionist", "specialist", "leader") if not by_role.get(r)]
    if missing:
        raise RuntimeError(f"the demo center has no {', '.join(missing)}: run `motcua seed` first")
    return Staff(by_role["receptionist"], by_role["specialist"], by_role["leader"])


Rows = list[tuple[Any, ...]]
Batch = tuple[Rows, Rows, Rows]  # dossiers, events, pauses

# The secondary indexes, unique and foreign-key constraints of the tables written (not the primary keys, which
# other tables reference): dropped before COPY and rebuilt after it, which is several times faster than
# updating ten indexes and checking three foreign keys row by row. The statements come from the catalog, so
# they rebuild exactly what the migrations created (checked after).
SECONDARY_SCHEMA = """
SELECT c.conrelid::regclass::text AS tbl, c.conname::text AS name, c.contype::text AS kind,
       format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
           AS create_sql,
       format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS drop_sql
FROM pg_constraint c
WHERE c.conrelid = ANY($1::text[]::regclass[]) AND c.contype IN ('u', 'f')
UNION ALL
SELECT i.indrelid::regclass::text, ci.relname::text, 'i', pg_get_indexdef(i.indexrelid),
       format('DROP INDEX %s', i.indexrelid::regclass)
FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid
WHERE i.indrelid = ANY($1::text[]::regclass[]) AND NOT i.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
ORDER BY 1, 2
"""


async def _secondary_schema(conn: Any) -> list[dict[str, str]]:
    rows = await conn.fetch(SECONDARY_SCHEMA, ["dossiers", "dossier_events", "dossier_pauses"])
    return [dict(row) for row in rows]


def _batches(
    builder: Builder, plan: list[tuple[date, list[tuple[clock, clock]], int, int]]
) -> Iterator[Batch]:
    """Days grouped into batches of about BATCH dossiers."""
    dossiers: Rows = []
    events: Rows = []
    pauses: Rows = []
    for day, hours, count, first in plan:
        d, e, p = builder.day(day, hours, count, first)
        dossiers += d
        events += e
        pauses += p
        if len(dossiers) >= BATCH:
            yield dossiers, events, pauses
            dossiers, events, pauses = [], [], []
    if dossiers:
        yield dossiers, events, pauses


async def generate(
    dsn: str,
    sqlalchemy_url: str,
    count: int,
    *,
    seed: int,
    sample_size: int = SAMPLE_SIZE,
    log: Callable[[str], None] = print,
) -> Generated:
    """Write `count` dossiers (see the module's docstring); returns the figures and a sample of tokens."""
    return await asyncio.wait_for(
        _generate(dsn, sqlalchemy_url, count, seed=seed, sample_size=sample_size, log=log), TIMEOUT_S
    )


async def _generate(
    dsn: str, sqlalchemy_url: str, count: int, *, seed: int, sample_size: int, log: Callable[[str], None]
) -> Generated:
    import asyncpg

    from motcua.core.time import LOCAL_TZ
    from motcua.procedures.text import fold

    began = time.perf_counter()
    rng = random.Random(seed)
    now = datetime.now(UTC)
    today = now.astimezone(LOCAL_TZ).date()
    unit_id, unit_code, province_id, calendar = await _context(dsn, sqlalchemy_url)
    conn = await asyncpg.connect(dsn, timeout=10)
    result = Generated()
    try:
        procedures = await _procedures(conn, province_id, rng)
        if not procedures:
            raise RuntimeError("no published procedure: run `motcua seed` and the catalog import first")
        by_code = {p.code: p for p in procedures}
        common = [(by_code[c], share) for c, share in COMMON_PROCEDURES.items() if c in by_code]
        staff = await _staff(conn, unit_id)
        days = _working_days(calendar, today)
        if not days:
            raise RuntimeError("the unit's calendar has no working day in the last year")
        # Numbers continue after what the demo seed already gave on a day.
        taken = {
            row["day"]: row["last"]
            for row in await conn.fetch(
                """
                SELECT day, max(last) AS last FROM (
                    SELECT day, last_number AS last FROM dossier_counters WHERE unit_id = $1
                    UNION ALL
                    SELECT received_on, max(number) FROM dossiers WHERE unit_id = $1 GROUP BY received_on
                ) t GROUP BY day
                """,
                unit_id,
            )
        }
        ids = await conn.fetchrow(
            "SELECT (SELECT coalesce(max(id), 0) FROM dossiers) AS d, "
            "(SELECT coalesce(max(id), 0) FROM dossier_events) AS e, "
            "(SELECT coalesce(max(id), 0) FROM dossier_pauses) AS p"
        )
        counts = _spread(count, len(days), rng)
        plan = [(day, hours, n, taken.get(day, 0) + 1) for (day, hours), n in zip(days, counts, strict=True)]
        sample = set(rng.sample(range(count), min(sample_size, count)))
        builder = Builder(
            rng=rng,
            unit_id=unit_id,
            unit_code=unit_code,
            calendar=calendar,
            procedures=procedures,
            common=common,
            staff=staff,
            people=People(rng, fold),
            now=now,
            ids=(ids["d"] + 1, ids["e"] + 1, ids["p"] + 1),
            sample=sample,
        )
        log(
            f"generating {count:,} dossiers over {len(days)} working days "
            f"({days[0][0]} … {days[-1][0]}, {len(procedures):,} published procedures)"
        )
        batches = _batches(builder, plan)

        def produce() -> Batch | None:
            # Runs in a worker thread, one call at a time, while the event loop sends the previous batch.
            started = time.perf_counter()
            try:
                return next(batches, None)
            finally:
                result.generate_seconds += time.perf_counter() - started

        written = 0
        async with conn.transaction():
            await conn.execute("SET LOCAL maintenance_work_mem = '512MB'")
            schema = await _secondary_schema(conn)
            started = time.perf_counter()
            for kind in ("f", "u", "i"):
                for row in schema:
                    if row["kind"] == kind:
                        await conn.execute(row["drop_sql"])
            result.index_seconds += time.perf_counter() - started
            pending = asyncio.ensure_future(asyncio.to_thread(produce))
            while (batch := await pending) is not None:
                pending = asyncio.ensure_future(asyncio.to_thread(produce))  # the next batch, meanwhile
                dossiers, events, pauses = batch
                started = time.perf_counter()
                await conn.copy_records_to_table("dossiers", records=dossiers, columns=DOSSIER_COLUMNS)
                await conn.copy_records_to_table("dossier_events", records=events, columns=EVENT_COLUMNS)
                if pauses:
                    await conn.copy_records_to_table("dossier_pauses", records=pauses, columns=PAUSE_COLUMNS)
                result.copy_seconds += time.perf_counter() - started
                written += len(dossiers)
                result.events += len(events)
                result.pauses += len(pauses)
                if written % 200_000 < len(dossiers):
                    log(f"  {written:,} dossiers, {time.perf_counter() - began:.0f} s")
            # Indexes and constraints back, exactly as the migrations made them; adding a foreign key
            # checks every row against the table it references.
            started = time.perf_counter()
            for kind in ("i", "u", "f"):
                for row in schema:
                    if row["kind"] == kind:
                        await conn.execute(row["create_sql"])
            if await _secondary_schema(conn) != schema:
                raise RuntimeError(
                    "the indexes and constraints rebuilt after COPY differ from the migrations'"
                )
            result.index_seconds += time.perf_counter() - started
            log(f"  indexes and constraints rebuilt and checked in {time.perf_counter() - started:.0f} s")
            await conn.executemany(
                """
                INSERT INTO dossier_counters (unit_id, day, last_number) VALUES ($1, $2, $3)
                ON CONFLICT (unit_id, day) DO UPDATE SET last_number = excluded.last_number
                """,
                [(unit_id, day, first + n - 1) for day, _, n, first in plan if n],
            )
            await conn.execute(
                "SELECT setval(pg_get_serial_sequence('dossiers', 'id'), (SELECT max(id) FROM dossiers));"
                "SELECT setval(pg_get_serial_sequence('dossier_events', 'id'), (SELECT max(id) FROM dossier_events));"
                "SELECT setval(pg_get_serial_sequence('dossier_pauses', 'id'), "
                "(SELECT coalesce(max(id), 1) FROM dossier_pauses))"
            )
        started = time.perf_counter()
        await conn.execute("ANALYZE dossiers, dossier_events, dossier_pauses, dossier_counters")
        result.analyze_seconds = time.perf_counter() - started
        for table in ("dossiers", "dossier_events"):
            size = await conn.fetchval("SELECT pg_total_relation_size($1::regclass)", table)
            result.table_mb[table] = round(size / 2**20, 1)
    finally:
        await conn.close()
    result.seconds = time.perf_counter() - began
    result.dossiers = written
    result.days = sum(1 for *_, n, _ in plan if n)
    result.first_day, result.last_day = str(days[0][0]), str(days[-1][0])
    result.max_per_day = max(counts)
    result.statuses = {str(s): n for s, n in sorted(builder.statuses.items())}
    result.procedures_used = len(builder.used)
    rows = written + result.events + result.pauses + result.days
    result.rows_per_second = rows / result.seconds
    result.dossiers_per_second = written / result.seconds
    result.tokens = builder.tokens
    return result

"""A dossier's due moment with its explanation (DOMAIN.md "Deadlines"): working days and hours in the legal
working week, calendar days (Civil Code 2015 art. 148: a period ending on a day off ends on the next working
day), same-day procedures with the 15:00 cut-off (Decree 23/2015/NĐ-CP art. 7), and pauses. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from motcua.calendar.countdown import format_working_duration
from motcua.calendar.working_time import (
    _US_PER_MINUTE,
    _WEEKDAY_EN,
    _WEEKDAY_VI,
    DurationUnit,
    Explanation,
    ExplanationKind,
    WorkingCalendar,
    _DayIndex,
    _fmt_date,
    _fmt_dt,
    _local,
    _time_us,
    _to_decimal,
    _UsIntervals,
    working_minutes_for,
)


@dataclass(frozen=True)
class DueResult:
    due_at: datetime
    explanation: tuple[Explanation, ...]


# ----------------------------------------------------------------------
# Due date
# ----------------------------------------------------------------------


def _next_working_day(index: _DayIndex, day: date) -> date:
    """The first working day after ``day`` (day-level loop: at most the length of a run of days off)."""
    ordinal = day.toordinal() + 1
    while True:
        i = ordinal - index.lo
        if i >= len(index.intervals):
            raise ValueError("working day outside the calendar index")  # defensive: callers cover a margin
        if index.intervals[i]:
            return date.fromordinal(ordinal)
        ordinal += 1


_START_REASONS_EN = {
    "ngày nghỉ": "a day off",
    "trước giờ làm việc": "before working hours",
    "sau giờ làm việc": "after working hours",
    "ngoài giờ làm việc, nghỉ giữa ca": "outside working hours, during the break",
}


def _start_reason(intervals: _UsIntervals, local: datetime) -> str:
    if not intervals:
        return "ngày nghỉ"
    tod = _time_us(local.time())
    if tod < intervals[0][0]:
        return "trước giờ làm việc"
    if tod >= intervals[-1][1]:
        return "sau giờ làm việc"
    return "ngoài giờ làm việc, nghỉ giữa ca"


def _merged_pauses(
    pauses: Sequence[tuple[datetime, datetime | None]], start: datetime
) -> list[tuple[datetime, datetime]]:
    spans: list[tuple[datetime, datetime]] = []
    for pause_start, pause_end in pauses:
        if pause_end is None:
            # An open pause has no end yet: the caller decides what "now" is (e.g. end=now for a live view).
            raise ValueError("open pause (end is None): pass the resubmission time, or now for a live view")
        p0, p1 = _local(pause_start, "pause start"), _local(pause_end, "pause end")
        if p1 < p0:
            raise ValueError(f"pause ends before it starts: {pause_start} – {pause_end}")
        # Only the clock from receipt on can be paused: time before the start has nothing to pause.
        p0 = max(p0, start)
        if p1 > p0:
            spans.append((p0, p1))
    spans.sort()
    merged: list[tuple[datetime, datetime]] = []
    for p0, p1 in spans:
        if merged and p0 <= merged[-1][1]:
            # Overlapping or touching pauses are one pause: the same working minute is never counted twice.
            if p1 > merged[-1][1]:
                merged[-1] = (merged[-1][0], p1)
        else:
            merged.append((p0, p1))
    return merged


def compute_due(
    cal: WorkingCalendar,
    *,
    start: datetime,
    amount: Decimal | int | float | None,
    unit: DurationUnit,
    pauses: Sequence[tuple[datetime, datetime | None]] = (),
) -> DueResult:
    """The due moment of a dossier received at ``start``, with a short Vietnamese explanation.

    ``amount`` None raises ValueError (an unknown duration is the caller's to handle), except for SAME_DAY
    where the amount is ignored. Negative amounts raise ValueError.

    Pauses (supplement requests, form 02 of Circular 01/2018/TT-VPCP) stop the clock: the due moment moves by
    the working time each pause covers; pauses are merged first so overlaps count once, and a weekend inside a
    pause adds nothing because it holds no working time. A pause counts only while the clock is still running:
    it must start before the due moment as already extended by the earlier pauses (taken in order), else the
    dossier was already late when it was paused and the pause adds nothing. A pause that started before the
    due moment counts in full, even past the original due moment, because the clock was stopped throughout.
    Open pauses (end None) raise ValueError: pass ``now`` as the end for a live view.

    The explanation lists, in order: why counting started later (or the same-day cut-off decision, or the
    calendar-day period), the non-working days from the receipt date to the due date (consecutive weekly days
    off as one entry, each named day off on its own) and the make-up working days used, the pauses, the due
    moment.
    """
    if type(unit) is not DurationUnit:
        unit = DurationUnit(unit)
    total = period_days = 0
    if unit is not DurationUnit.SAME_DAY:
        if amount is None:
            raise ValueError("amount is required (None means the duration is unknown)")
        if unit is DurationUnit.CALENDAR_DAYS:
            period_days = _whole_days(_to_decimal(amount))
        else:
            total = working_minutes_for(cal, amount, unit) * _US_PER_MINUTE
    local = _local(start, "start")
    merged = _merged_pauses(pauses, local)
    last_seen = max(merged[-1][1], local).date() if merged else local.date()
    if period_days:
        last_seen = max(last_seen, local.date() + timedelta(days=period_days))
    index = cal._index(local.date(), last_seen)
    ws = index.w(local)
    index = cal._index_reaching(index, ws + total)
    head: list[Explanation] = []

    if unit is DurationUnit.SAME_DAY:
        due_w, count_from = _same_day(cal, index, local, head)
    elif unit is DurationUnit.CALENDAR_DAYS:
        due_w, count_from = _calendar_days(index, local, period_days, head)
    else:
        if not index.is_working_moment(local):
            effective = index.moment(ws, at_end=False)
            reason = _start_reason(index.day_intervals(local.date()), local)
            head.append(
                Explanation(
                    ExplanationKind.START_MOVED,
                    effective.date(),
                    f"Nhận lúc {_fmt_dt(local)} ({reason}): bắt đầu tính từ {_fmt_dt(effective)}",
                    f"Received at {_fmt_dt(local)} ({_START_REASONS_EN.get(reason, reason)}): "
                    f"counting starts at {_fmt_dt(effective)}",
                )
            )
        due_w, count_from = ws + total, local.date()

    pause_notes: list[Explanation] = []
    for p0, p1 in merged:
        w0, w1 = max(index.w(p0), ws), index.w(p1)
        span = f"Tạm dừng {_fmt_dt(p0)} – {_fmt_dt(p1)}"
        span_en = f"Paused {_fmt_dt(p0)} – {_fmt_dt(p1)}"
        if w1 <= w0:
            text = f"{span}: không có thời gian làm việc, không cộng thêm"
            text_en = f"{span_en}: no working time, nothing added"
        elif w0 < due_w:
            due_w += w1 - w0
            minutes = (w1 - w0) // _US_PER_MINUTE
            text = f"{span}: cộng thêm {format_working_duration(cal, minutes, lang='vi')} làm việc"
            text_en = f"{span_en}: {format_working_duration(cal, minutes, lang='en')} of working time added"
        else:
            text = f"{span}: bắt đầu sau hạn, không cộng thêm"
            text_en = f"{span_en}: began after the due time, nothing added"
        pause_notes.append(Explanation(ExplanationKind.PAUSE, p0.date(), text, text_en))

    index = cal._index_reaching(index, due_w)
    due_at = index.moment(due_w, at_end=due_w > ws)
    notes = index.skipped(count_from, due_at.date())
    extras = index.extras(index.moment(ws, at_end=False).date(), due_at.date()) if index.extra_ords else []
    if extras:
        notes = sorted([*notes, *extras], key=lambda note: note.day or date.min)
    due_note = Explanation(
        ExplanationKind.DUE,
        due_at.date(),
        f"Hạn trả kết quả: {_fmt_dt(due_at)} ({_WEEKDAY_VI[due_at.weekday()]})",
        f"Due: {_fmt_dt(due_at)} ({_WEEKDAY_EN[due_at.weekday()]})",
    )
    return DueResult(due_at=due_at, explanation=(*head, *notes, *pause_notes, due_note))


def _same_day(
    cal: WorkingCalendar, index: _DayIndex, local: datetime, head: list[Explanation]
) -> tuple[int, date]:
    # Decree 61/2018/NĐ-CP and Circular 01/2018/TT-VPCP: a same-day dossier received after 15:00 gets its
    # result on the next working day; a receipt at 15:00 exactly is still "by 15:00" (cut-off configurable).
    day = local.date()
    intervals = index.day_intervals(day)
    received = _fmt_dt(local)
    cutoff = f"{cal.same_day_cutoff.hour:02d}:{cal.same_day_cutoff.minute:02d}"
    if intervals and local.time() <= cal.same_day_cutoff and _time_us(local.time()) < intervals[-1][1]:
        due_day, text = day, f"Nhận lúc {received}, không muộn hơn {cutoff}: trả kết quả trong ngày"
        text_en = f"Received at {received}, not after {cutoff}: result the same day"
    else:
        due_day = _next_working_day(index, day)
        if not intervals:
            why, why_en = "ngày nghỉ", "a day off"
        elif local.time() > cal.same_day_cutoff:
            why, why_en = f"sau {cutoff}", f"after {cutoff}"
        else:
            why, why_en = "sau giờ làm việc", "after working hours"
        text = f"Nhận lúc {received} ({why}): trả kết quả trong ngày làm việc tiếp theo {_fmt_date(due_day)}"
        text_en = f"Received at {received} ({why_en}): result on the next working day, {_fmt_date(due_day)}"
    head.append(Explanation(ExplanationKind.SAME_DAY_CUTOFF, day, text, text_en))
    return index.closing_w(due_day), day


def _whole_days(amount: Decimal) -> int:
    if amount != amount.to_integral_value():
        raise ValueError(f"a period in calendar days must be whole, got {amount}")
    return int(amount)


def _calendar_days(index: _DayIndex, local: datetime, days: int, head: list[Explanation]) -> tuple[int, date]:
    received = local.date()
    # Civil Code 2015 art. 147: the day of the event is not counted, so n days from the 23rd end on 23rd + n.
    last_day = received + timedelta(days=days)
    # Art. 148(1): a period in days ends at the end of its last day. Art. 148(6) puts that end at 24:00, but a
    # result can only be handed over during working hours, so the appointment is the closing time of that
    # day's last working interval.
    due_day = last_day
    # Only with 0 days can the last day's closing time be already past when the dossier is received.
    while not index.day_intervals(due_day) or index.closing_w(due_day) <= index.w(local):
        due_day = _next_working_day(index, due_day)
    head.append(
        Explanation(
            ExplanationKind.CALENDAR_DAYS,
            last_day,
            f"Thời hạn {days} ngày kể từ ngày {_fmt_date(received)} (không tính ngày nhận): "
            f"ngày cuối cùng {_fmt_date(last_day)}",
            f"{days} days from {_fmt_date(received)} (the day of receipt not counted): "
            f"last day {_fmt_date(last_day)}",
        )
    )
    count_from = received
    if due_day != last_day:
        # Art. 148(5): when the last day is a weekly rest day or a holiday, the period ends at the end of the
        # next working day after it.
        off = not index.day_intervals(last_day)
        why = "là ngày nghỉ" if off else "đã hết giờ làm việc khi nhận"
        why_en = "is a day off" if off else "was over when the dossier was received"
        head.append(
            Explanation(
                ExplanationKind.MOVED_OFF_DAY_OFF,
                due_day,
                f"Ngày cuối cùng {_fmt_date(last_day)} {why}: hạn chuyển sang cuối ngày làm việc tiếp "
                f"theo {_fmt_date(due_day)} (Bộ luật Dân sự 2015, Điều 148)",
                f"The last day {_fmt_date(last_day)} {why_en}: the period ends at the end of the next working "
                f"day, {_fmt_date(due_day)} (Civil Code 2015, art. 148)",
            )
        )
        count_from = last_day
    return index.closing_w(due_day), count_from

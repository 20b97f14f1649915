"""Exemplars in every stage (discovered, nurturing, recognised, replicated, dropped) with their
history, nurturing plans and logs, replications and coverage."""

from __future__ import annotations

import datetime as dt

from thidua.core.text import fold
from thidua.demo.province import vocab
from thidua.demo.province.common import World, aware, bulk
from thidua.exemplars.models import (
    Coverage,
    Exemplar,
    ExemplarField,
    NurturingLog,
    NurturingPlan,
    Replication,
    StageChange,
)

PEOPLE_PER_EXEMPLAR = 15
STAGES = (
    ("discovered", 20),
    ("nurturing", 25),
    ("recognised", 25),
    ("replicated", 22),
    ("dropped", 8),
)
ORDER = ["discovered", "nurturing", "recognised", "replicated"]
KINDS = ("advanced", "new_factor", "new_model", "good_practice", "good_deed")


def generate(world: World) -> None:
    rng = world.rng("exemplars")
    fields = bulk(
        ExemplarField,
        [
            ExemplarField(
                name=name,
                description=f"Điển hình tiên tiến trong lĩnh vực {name.lower()}.",
                criteria="- Có thành tích nổi bật\n- Được tập thể suy tôn\n- Có tác dụng lan tỏa",
                search_text=fold(f"{name} Điển hình tiên tiến trong lĩnh vực {name.lower()}."),
            )
            for name in vocab.EXEMPLAR_FIELDS
        ],
    )
    units = {u.pk: u for u in world.units}
    units.update({d.pk: d for d in world.departments})
    people = [p for p in world.people_rows if p.is_active]
    n = max(8, world.people // PEOPLE_PER_EXEMPLAR)
    stages = [s for s, _w in STAGES]
    weights = [w for _s, w in STAGES]
    exemplars, meta = [], []
    live = world.live_units()
    for i in range(n):
        stage = stages[i % len(stages)] if i < len(stages) else rng.choices(stages, weights)[0]
        topic = rng.choice(vocab.TOPICS)
        field = fields[rng.randrange(len(fields))]
        discovered = world.today - dt.timedelta(days=rng.randint(30, 365 * min(world.years, 6)))
        if rng.random() < 0.75 and people:
            person = people[rng.randrange(len(people))]
            unit = units[person.agency_id]
            subject = {"subject_kind": "person", "person": person}
            name = person.full_name
        else:
            unit = live[rng.randrange(len(live))]
            subject = {"subject_kind": "collective", "collective": unit}
            name = unit.name
        summary = f"{name} – điển hình trong {topic}"
        achievements = rng.choice(vocab.EXEMPLAR_ACHIEVEMENTS).format(topic=topic)
        recognised = stage in ("recognised", "replicated")
        e = Exemplar(
            **subject,
            name=name,
            kind=rng.choice(KINDS),
            field=field,
            unit=unit,
            summary=summary,
            achievements=achievements,
            discovered_on=discovered,
            stage=stage,
            stage_changed_at=aware(discovered + dt.timedelta(days=20)),
            recognition_level="agency" if recognised else "",
            recognition_decision_number=f"{rng.randint(1, 200):02d}/QĐ-{unit.symbol or 'UBND'}"
            if recognised
            else "",
            recognition_decision_date=discovered + dt.timedelta(days=20) if recognised else None,
            recognition_title="Giấy khen" if recognised else "",
            dropped_reason="Không còn đáp ứng tiêu chí" if stage == "dropped" else "",
            approved_for_publication=recognised and rng.random() < 0.8,
            publication_approved_at=aware(discovered + dt.timedelta(days=25))
            if recognised
            else None,
            publication_approved_by=world.admin if recognised else None,
            created_by=world.admin,
        )
        e.search_text = fold(
            " ".join([name, summary, achievements, field.name, unit.name, unit.short_name])
        )
        exemplars.append(e)
        meta.append((stage, discovered))
    exemplars = bulk(Exemplar, exemplars)
    world.exemplars = exemplars
    changes, plans, logs, replications, coverage = [], [], [], [], []
    for e, (stage, discovered) in zip(exemplars, meta, strict=True):
        path = ORDER[: ORDER.index(stage) + 1] if stage in ORDER else ["discovered", "nurturing"]
        previous = ""
        for step, to in enumerate([*path, "dropped"] if stage == "dropped" else path):
            day = discovered + dt.timedelta(days=20 * step)
            changes.append(
                StageChange(
                    exemplar=e,
                    from_stage=previous,
                    to_stage=to,
                    at=aware(min(day, world.today)),
                    on=min(day, world.today),
                    actor=world.admin,
                    reason="Không còn đáp ứng tiêu chí" if to == "dropped" else "",
                )
            )
            previous = to
        if "nurturing" in path:
            plans.append(
                NurturingPlan(
                    exemplar=e,
                    mentor=world.people_rows[rng.randrange(len(world.people_rows))],
                    goals="Hoàn thiện mô hình, tổng kết cách làm để nhân rộng.",
                    support="Hỗ trợ tài liệu, tập huấn, giới thiệu trên cổng thông tin.",
                    started_on=discovered + dt.timedelta(days=20),
                )
            )
            for k in range(rng.randint(1, 4)):
                day = min(discovered + dt.timedelta(days=30 + 45 * k), world.today)
                logs.append(
                    NurturingLog(
                        exemplar=e,
                        date=day,
                        content="Làm việc với đơn vị, ghi nhận tiến độ và khó khăn của mô hình.",
                    )
                )
        if stage == "replicated":
            for k in range(rng.randint(1, 3)):
                adopter = world.live_units()[rng.randrange(len(world.live_units()))]
                replications.append(
                    Replication(
                        exemplar=e,
                        adopting_unit=adopter,
                        adopted_on=min(discovered + dt.timedelta(days=90 + 30 * k), world.today),
                        result="Áp dụng thành công, tiết kiệm thời gian xử lý công việc.",
                    )
                )
        if stage in ("recognised", "replicated"):
            coverage.append(
                Coverage(
                    exemplar=e,
                    kind="article",
                    title=f"Lan tỏa gương {e.name}",
                    date=min(discovered + dt.timedelta(days=60), world.today),
                )
            )
    bulk(StageChange, changes)
    bulk(NurturingPlan, plans)
    bulk(NurturingLog, logs)
    bulk(Replication, replications)
    bulk(Coverage, coverage)
    world.count("exemplars", len(exemplars))

"""A province-scale dataset for load tests and benchmarks (`manage.py generate_province`).

``generate(people=30000, years=10, seed=1)`` fills the database with a province: agencies with
divisions and units (the 2025 mergers with successors and end dates), people with employment
histories, accounts and roles, blocs, yearly ratings, award decisions and the ledger, dossiers,
councils, movements with duties and registrations, exemplars in every stage, plans with tasks,
progress, activities and meetings, portal articles (live Wagtail pages), the document registry,
and Wagtail's search index over all of it (about a million entries at 30,000 people).

Rows are written in bulk (``bulk_create`` in batches, folded ``search_text`` computed here),
without ``save()``, signals or per-row background tasks; one area after the other, all in one
transaction: a failed run leaves nothing behind. See docs/deployment.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.demo.province import awards, documents, exemplars, movements, org, plans, portal
from thidua.demo.province.common import World
from thidua.demo.province.searchindex import BulkIndexer
from thidua.demo.province.vocab import CODE_PREFIX


class NotEmpty(Exception):
    """The database already holds data the generator would mix with."""


def existing_data() -> list[str]:
    """What the database already holds that a generated province would be mixed with."""
    from thidua.documents.models import Document
    from thidua.org.models import Agency, Person
    from thidua.portal.models import ArticlePage

    found = []
    for label, model in (
        (_("cơ quan, đơn vị"), Agency),
        (_("cán bộ"), Person),
        (_("văn bản"), Document),
        (_("tin bài"), ArticlePage),
    ):
        n = model.objects.count()
        if n:
            found.append(f"{n} {label}")
    return found


def generate(
    *,
    people: int = 30_000,
    years: int = 10,
    seed: int = 1,
    today: dt.date | None = None,
    force: bool = False,
    progress: Callable[[str], None] = lambda _msg: None,
) -> World:
    """Build the province; refuses a non-empty database unless ``force`` (then the province is
    added beside what is there, and refused only if a generated province is already present)."""
    from thidua.org.models import Agency

    if Agency.objects.filter(code=CODE_PREFIX).exists():
        raise NotEmpty(
            _("Cơ sở dữ liệu đã có một tỉnh sinh sẵn (cơ quan mã %(code)s).")
            % {"code": CODE_PREFIX}
        )
    found = existing_data()
    if found and not force:
        raise NotEmpty(_("Cơ sở dữ liệu đã có dữ liệu: %(found)s.") % {"found": ", ".join(found)})
    world = World(seed=seed, people=people, years=years, today=today or dt.date.today())
    index = BulkIndexer()

    def step(name: str, func: Callable[[], None]) -> None:
        started = time.perf_counter()
        func()
        world.seconds[name] = time.perf_counter() - started
        progress(f"{name}: {world.seconds[name]:.1f} s")

    with transaction.atomic():
        index.start()
        step("org", lambda: org.generate(world))
        step("awards", lambda: awards.generate(world))
        step("movements", lambda: movements.generate(world))
        step("exemplars", lambda: exemplars.generate(world))
        step("plans", lambda: plans.generate(world))
        step("portal", lambda: portal.generate(world, index))

        def index_rows() -> None:
            from thidua.exemplars.models import Exemplar
            from thidua.movements.models import Movement
            from thidua.org.models import Person
            from thidua.plans.models import Plan

            index(Person, world.people_rows)
            index(Plan, world.plans)
            index(Exemplar, world.exemplars)
            index(Movement, world.movements)

        step("search index", index_rows)
        total = documents.document_count(world, others=index.count)
        step("documents", lambda: documents.generate(world, index, total))
        step("search index: title norms and GIN indexes", index.finish)
    world.count("search_index_entries", index.count)
    return world


def digest() -> str:
    """SHA-256 of the generated rows by their natural keys (codes, names, e-mails, dates):
    equal for two runs with the same seed, sizes and reference date, on any database."""
    from modelsearch.conf import get_app_config

    from thidua.awards.models import AwardEntry, Decision, Proposal, YearRating
    from thidua.documents.models import Document
    from thidua.exemplars.models import Exemplar
    from thidua.movements.models import Duty, Movement, Registration
    from thidua.org.models import Agency, Employment, Person
    from thidua.plans.models import Activity, Meeting, Plan, Task
    from thidua.portal.models import ArticlePage

    queries = [
        Agency.objects.values_list(
            "code", "name", "kind", "parent__code", "successor__code", "valid_from", "valid_to"
        ),
        Person.objects.values_list(
            "full_name",
            "id_number",
            "date_of_birth",
            "agency__code",
            "position",
            "email",
            "user__username",
        ),
        Employment.objects.values_list(
            "person__email", "agency__code", "position", "start_date", "end_date"
        ),
        YearRating.objects.values_list("person__email", "agency__code", "year", "rating"),
        AwardEntry.objects.values_list(
            "person__email", "agency__code", "title__code", "year", "decision_number"
        ),
        Decision.objects.values_list("agency__code", "symbol", "year", "date", "base_salary"),
        Proposal.objects.values_list("person__email", "title__code", "year", "status"),
        Movement.objects.values_list("name", "launched_by__code", "status", "phase"),
        Duty.objects.values_list("movement__name", "agency__code", "kind", "status"),
        Registration.objects.values_list("movement__name", "year", "person__email", "title_code"),
        Exemplar.objects.values_list("name", "stage", "unit__code", "discovered_on"),
        Plan.objects.values_list("title", "agency__code", "status", "number_symbol"),
        Task.objects.values_list("plan__title", "agency__code", "title", "due_date", "status"),
        Activity.objects.values_list("title", "date", "agency__code"),
        Meeting.objects.values_list("title", "date", "agency__code", "attendees"),
        ArticlePage.objects.values_list("title", "url_path", "first_published_at", "summary"),
        Document.objects.values_list("number_symbol", "summary", "date", "agency__code"),
    ]
    sha = hashlib.sha256()
    for qs in queries:
        fields = qs._fields  # type: ignore[attr-defined]
        for row in qs.order_by(*fields).iterator(chunk_size=10_000):
            sha.update(repr(row).encode())
        sha.update(b"|")
    index_entries = get_app_config().get_model("IndexEntry")
    sha.update(str(index_entries.objects.count()).encode())
    return sha.hexdigest()

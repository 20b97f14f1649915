"""Load the demo province through the org services, stage by stage, one transaction each.

Every write after the bootstrap goes through the services that the back office uses, acting as
the province admin, so the demo exercises the same permission checks and audit entries as real
work. Each stage first looks up what already exists (by agency code, e-mail, username, ...) and
creates only what is missing: running the loader twice changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.actions.delete_page import DeletePageAction
from wagtail.log_actions import log
from wagtail.models import Page, Site

from thidua.core import audit
from thidua.demo.data import bloc as bloc_data
from thidua.demo.data import portal as portal_data
from thidua.demo.data.accounts import ACCOUNTS, PROVINCE_ADMIN_USERNAME, Account
from thidua.demo.data.agencies import (
    DEPUTY_OF,
    MERGE_DATE,
    MERGES,
    PROVINCE_ROOT,
    AgencySpec,
    walk,
)
from thidua.demo.people import PersonSpec, demo_people
from thidua.org.models import Agency, Bloc, BlocMembership, BlocTerm, Employment, Person
from thidua.org.models.role import Role, RoleAssignment
from thidua.org.queries import forget_scope
from thidua.org.services import (
    agency_create,
    agency_merge,
    bloc_create,
    bloc_set_member,
    bloc_set_term,
    person_create,
    person_update,
    role_grant,
)
from thidua.portal.models import HomePage

PASSWORD_BYTES = 12  # token_urlsafe(12): 16 characters, about 96 bits


@dataclass
class LoadReport:
    """What a run did: counts per stage, timings, and the passwords it set (never logged)."""

    created: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    new_passwords: dict[str, str] = field(default_factory=dict)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


def new_password() -> str:
    return secrets.token_urlsafe(PASSWORD_BYTES)


def account_of(username: str) -> Account:
    return next(a for a in ACCOUNTS if a.username == username)


def current(agency: Agency) -> Agency:
    """The agency that carries on ``agency`` today: itself, or its successor after mergers."""
    while agency.successor_id is not None:
        agency = Agency.objects.get(pk=agency.successor_id)
    return agency


class DemoLoader:
    def __init__(self, *, reset_passwords: bool = False) -> None:
        self.reset_passwords = reset_passwords
        self.report = LoadReport()
        self.people = demo_people()
        self.admin: Any = None

    def run(self, progress: Callable[[str], None] = lambda _msg: None) -> LoadReport:
        stages: list[tuple[str, Callable[[], int]]] = [
            ("bootstrap", self.bootstrap),
            ("agencies", self.load_agencies),
            ("users", self.load_users),
            ("people", self.load_people),
            ("roles", self.load_roles),
            ("bloc", self.load_bloc),
            ("merge", self.load_merge),
            ("portal", self.load_portal),
            *self.domain_stages(),
        ]
        for name, stage in stages:
            started = time.perf_counter()
            before = set(self.report.new_passwords)
            try:
                with transaction.atomic():
                    count = stage()
            except BaseException:
                # The stage's accounts were rolled back: their passwords must not be saved.
                for username in set(self.report.new_passwords) - before:
                    del self.report.new_passwords[username]
                raise
            self.report.created[name] = count
            self.report.seconds[name] = time.perf_counter() - started
            progress(f"{name}: {count} ({self.report.seconds[name]:.1f} s)")
        return self.report

    def domain_stages(self) -> list[tuple[str, Callable[[], int]]]:
        """Stages that fill each domain app; each lives in thidua/demo/<app>.py as load(loader)."""
        from thidua.demo import awards, exemplars, movements, plans, portal_content, reports

        return [
            (module.__name__.rsplit(".", 1)[-1], partial(module.load, self))
            for module in (movements, plans, awards, exemplars, portal_content, reports)
        ]

    # --- Stage 1: the province and its administrator -------------------------------------------

    def bootstrap(self) -> int:
        """Create the root agency, the province admin and its role directly.

        There is no actor yet: agency_create and role_grant both require a province admin, and
        the first one cannot be granted by anyone. So this stage writes the three rows itself
        (as `createsuperuser` would) and records them in the audit log as the new admin's own
        acts; every later write goes through the services as that admin.
        """
        created = 0
        root = Agency.objects.filter(code=PROVINCE_ROOT.code).first()
        admin = get_user_model().objects.filter(username=PROVINCE_ADMIN_USERNAME).first()
        if admin is None:
            admin = self._create_user(account_of(PROVINCE_ADMIN_USERNAME))
            created += 1
        if root is None:
            root = self._create_root()
            audit.record(root, "thidua.create", actor=admin)
            created += 1
        if not RoleAssignment.objects.filter(
            user=admin, agency=root, role=Role.PROVINCE_ADMIN
        ).exists():
            assignment = RoleAssignment.objects.create(
                user=admin, agency=root, role=Role.PROVINCE_ADMIN, granted_by=None
            )
            audit.record(assignment, "thidua.role_grant", actor=admin)
            created += 1
        forget_scope(admin)
        self.admin = admin
        return created

    def _create_root(self) -> Agency:
        # Mirrors agency_create for a top-level agency: path and depth follow the new pk.
        root = Agency(**self._agency_fields(PROVINCE_ROOT))
        root.full_clean(exclude=["parent", "successor", "path", "depth"])
        root.save()
        root.path = f"/{root.pk}/"
        root.depth = 0
        root.save(update_fields=["path", "depth"])
        return root

    @staticmethod
    def _agency_fields(spec: AgencySpec) -> dict[str, Any]:
        return {
            "code": spec.code,
            "name": spec.name,
            "short_name": spec.short_name,
            "symbol": spec.symbol,
            "kind": spec.kind,
            "valid_from": spec.valid_from,
            "address": spec.address,
            "phone": spec.phone,
            "email": spec.email,
        }

    # --- Stage 2: departments, divisions, units ------------------------------------------------

    def load_agencies(self) -> int:
        by_code = {a.code: a for a in Agency.objects.all()}
        created = 0
        for spec, parent in walk(PROVINCE_ROOT):
            if spec.code in by_code or parent is None:
                continue
            by_code[spec.code] = agency_create(
                actor=self.admin, parent=by_code[parent.code], **self._agency_fields(spec)
            )
            created += 1
        return created

    # --- Stage 3: user accounts --------------------------------------------------------------

    def load_users(self) -> int:
        """Accounts of the demo people. There is no user service: Wagtail owns user admin."""
        users = get_user_model().objects
        existing = set(
            users.filter(username__in=[a.username for a in ACCOUNTS]).values_list(
                "username", flat=True
            )
        )
        created = 0
        for account in ACCOUNTS:
            if account.username not in existing:
                self._create_user(account)
                created += 1
        if self.reset_passwords:
            self._reset_passwords(existing)
        return created

    def _create_user(self, account: Account) -> Any:
        password = new_password()
        # Vietnamese names: first_name holds the family and middle names, last_name the given
        # name, so that get_full_name() reads in Vietnamese order ("Lê Minh" + "Trung").
        user = get_user_model().objects.create_user(
            username=account.username,
            email=self._person_spec(account.username).email,
            password=password,
            first_name=account.family_and_middle,
            last_name=account.given,
        )
        self.report.new_passwords[account.username] = password
        return user

    def _reset_passwords(self, usernames: set[str]) -> None:
        for user in get_user_model().objects.filter(username__in=usernames):
            if user.username in self.report.new_passwords:
                continue
            password = new_password()
            user.set_password(password)
            user.save(update_fields=["password"])
            self.report.new_passwords[user.username] = password

    def _person_spec(self, username: str) -> PersonSpec:
        return next(p for p in self.people if p.username == username)

    # --- Stage 4: people ---------------------------------------------------------------------

    def load_people(self) -> int:
        existing = set(
            Person.objects.filter(email__in=[p.email for p in self.people]).values_list(
                "email", flat=True
            )
        )
        by_code = {a.code: a for a in Agency.objects.all()}
        users = {
            u.username: u
            for u in get_user_model().objects.filter(username__in=[a.username for a in ACCOUNTS])
        }
        created = 0
        for spec in self.people:
            if spec.email in existing:
                continue
            person_create(
                actor=self.admin,
                agency=by_code[spec.agency],
                since=spec.since,
                full_name=spec.full_name,
                gender=spec.gender,
                date_of_birth=spec.date_of_birth,
                id_number=spec.id_number,
                position=spec.position,
                email=spec.email,
                phone=spec.phone,
                user=users.get(spec.username),
            )
            created += 1
        return created

    # --- Stage 5: roles ----------------------------------------------------------------------

    def load_roles(self) -> int:
        by_code = {a.code: a for a in Agency.objects.all()}
        users = {
            u.username: u
            for u in get_user_model().objects.filter(username__in=[a.username for a in ACCOUNTS])
        }
        created = 0
        for account in ACCOUNTS:
            user = users[account.username]
            for role, code in account.roles:
                # A role granted at Sở TT&TT before the merger now sits at Sở KH&CN.
                agency = current(by_code[code])
                if RoleAssignment.objects.filter(user=user, agency=agency, role=role).exists():
                    continue
                role_grant(actor=self.admin, user=user, agency=agency, role=role)
                created += 1
        return created

    # --- Stage 6: the emulation bloc ---------------------------------------------------------

    def load_bloc(self) -> int:
        created = 0
        bloc = Bloc.objects.filter(code=bloc_data.BLOC_CODE).first()
        if bloc is None:
            bloc = bloc_create(
                actor=self.admin,
                code=bloc_data.BLOC_CODE,
                name=bloc_data.BLOC_NAME,
                description=bloc_data.BLOC_DESCRIPTION,
            )
            created += 1
        by_code = {a.code: a for a in Agency.objects.filter(code__in=bloc_data.MEMBERS)}
        for code in bloc_data.MEMBERS:
            agency = by_code[code]
            if BlocMembership.objects.filter(
                bloc=bloc, agency=agency, since_year=bloc_data.MEMBERS_SINCE
            ).exists():
                continue
            bloc_set_member(
                bloc, actor=self.admin, agency=agency, since_year=bloc_data.MEMBERS_SINCE
            )
            created += 1
        for year, (leader, deputy) in bloc_data.TERMS.items():
            if BlocTerm.objects.filter(bloc=bloc, year=year).exists():
                continue
            bloc_set_term(
                bloc, actor=self.admin, year=year, leader=by_code[leader], deputy=by_code[deputy]
            )
            created += 1
        return created

    # --- Stage 7: the 2025 merger of Sở TT&TT into Sở KH&CN -----------------------------------

    def load_merge(self) -> int:
        merged = 0
        for source_code, into_code in MERGES:
            source = Agency.objects.get(code=source_code)
            if source.successor_id is not None:
                continue
            into = Agency.objects.get(code=into_code)
            agency_merge(source, into=into, on=MERGE_DATE, actor=self.admin)
            self._settle_heads(source, into)
            merged += 1
        return merged

    def _settle_heads(self, source: Agency, into: Agency) -> None:
        """A head who came over with the merger becomes a deputy where the post is held."""
        arrived = Employment.objects.filter(
            agency=source, end_date=MERGE_DATE - dt.timedelta(days=1)
        ).values("person_id")
        for person in Person.objects.filter(pk__in=arrived, agency=into):
            deputy = DEPUTY_OF.get(person.position)
            held = (
                Person.objects.filter(agency=into, position=person.position, is_active=True)
                .exclude(pk__in=arrived)
                .exists()
            )
            if deputy and held:
                person_update(person, actor=self.admin, position=deputy)

    # --- Stage 8: the portal's home page -------------------------------------------------------

    def load_portal(self) -> int:
        created = 0
        root = Page.get_first_root_node()
        if root is None:  # a flushed database has lost the tree Wagtail's migration created
            root = Page.add_root(instance=Page(title="Root", slug="root"))
        home = HomePage.objects.first()
        if home is None:
            home = self._create_home(root)
            created += 1
        self._point_default_site(home)
        created += self._delete_welcome_pages(root, home)
        return created

    def _create_home(self, root: Page) -> HomePage:
        # The steps of Wagtail's own "create and publish" view: child, revision, publish.
        home = HomePage(
            title=portal_data.HOME_TITLE,
            slug=portal_data.HOME_SLUG,
            intro=portal_data.HOME_INTRO,
            owner=self.admin,
            live=False,
        )
        root.add_child(instance=home)
        revision = home.save_revision(user=self.admin, log_action=True)
        log(instance=home, action="wagtail.create", user=self.admin, content_changed=True)
        # Page permissions in Wagtail come from groups, which the role model does not use;
        # the loader is setting the site up, as Wagtail's own migration does.
        revision.publish(user=self.admin, skip_permission_checks=True)
        home.refresh_from_db()
        return home

    @staticmethod
    def _point_default_site(home: HomePage) -> None:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=portal_data.SITE_NAME,
            )
        elif site.root_page_id != home.pk or site.site_name != portal_data.SITE_NAME:
            site.root_page = home
            site.site_name = portal_data.SITE_NAME
            site.save()

    def _delete_welcome_pages(self, root: Page, home: HomePage) -> int:
        """Delete Wagtail's "Welcome to your new Wagtail site!" page, and only that.

        It is a plain Page without children right under the root; a page that anyone has
        built on, or that a site still uses, is left alone. The site must point to the new
        home first: deleting a site's root page would delete the site with it.
        """
        deleted = 0
        for page in root.get_children().exact_type(Page).exclude(pk=home.pk):
            if page.numchild == 0 and not Site.objects.filter(root_page=page).exists():
                DeletePageAction(page, user=self.admin).execute(skip_permission_checks=True)
                deleted += 1
        return deleted

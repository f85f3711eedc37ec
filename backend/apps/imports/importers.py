"""The three CSV imports: departments, staff, and staff skills.

Each importer first checks every row against the file and the database, collecting every
problem; only a file without any problem is written, in one transaction. Rows are matched
to what exists by department code and employee number, so that importing the same file
again changes nothing.
"""

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import TextChoices
from django.utils.translation import gettext as _

from apps.accounts.models import Clearance, Language, RoleGrant, Tier, User
from apps.accounts.services import audit_value
from apps.accounts.validators import normalise_national_id, normalise_phone
from apps.audit.services import Change, record_events
from apps.core.roles import Role
from apps.imports.parsing import Row, RowError, choices_named, column_name
from apps.organisation.models import DEFAULT_RELEASE_CAP_PERCENT, Department
from apps.skills.models import MAX_LEVEL, MIN_LEVEL, Provenance, StaffSkill, StaffSkillChange
from apps.skills.selectors import skill_lookup

CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,31}")


def checked_email(value: str) -> str:
    validate_email(value)
    return value


@dataclass
class ImportReport:
    kind: str
    rows: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    invited: int = 0
    dry_run: bool = False


class RowChecker:
    """Collects the errors of one row while reading its cells."""

    def __init__(self, row: Row, errors: list[RowError]) -> None:
        self.row = row
        self.errors = errors
        self.failed = False

    def fail(self, column: str | None, reason: str) -> None:
        self.failed = True
        self.errors.append(RowError(self.row.line, column, reason))

    def text(self, column: str, *, max_length: int, required: bool = False) -> str:
        value = self.row[column]
        if required and not value:
            self.required(column)
        elif len(value) > max_length:
            self.fail(
                column,
                _("'%(column)s' is longer than %(max)d characters.")
                % {"column": column_name(column), "max": max_length},
            )
        return value

    def required(self, column: str) -> None:
        self.fail(column, _("'%(column)s' is required.") % {"column": column_name(column)})

    def integer(self, column: str, *, low: int, high: int) -> int | None:
        value = self.row[column]
        if not value:
            return None
        try:
            number = int(value)
        except ValueError:
            self.fail(
                column,
                _("'%(column)s' must be a whole number, not '%(value)s'.")
                % {"column": column_name(column), "value": value},
            )
            return None
        if not low <= number <= high:
            self.fail(
                column,
                _("'%(column)s' must be between %(low)d and %(high)d, not %(value)d.")
                % {"column": column_name(column), "low": low, "high": high, "value": number},
            )
            return None
        return number

    def choice(self, column: str, choices: type[TextChoices]) -> str | None:
        value = self.row[column].lower()
        if not value:
            return None
        if value not in choices.values:
            self.fail(
                column,
                _("'%(column)s' must be one of %(choices)s, not '%(value)s'.")
                % {
                    "column": column_name(column),
                    "choices": choices_named(choices),
                    "value": value,
                },
            )
            return None
        return value

    def validated(self, column: str, validate: Any) -> str:
        try:
            return str(validate(self.row[column]))
        except ValidationError as error:
            self.fail(column, " ".join(error.messages))
            return ""


class Importer:
    """Reads a file in three steps: ``check`` every row, ``plan`` what would change (both only
    read the database, so that a dry run takes no write lock), then ``write`` the plan."""

    kind: ClassVar[str]
    required: ClassVar[tuple[str, ...]]
    optional: ClassVar[tuple[str, ...]]

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows
        self.created_people: list[User] = []  # the accounts ``write`` made

    def check(self) -> list[RowError]:
        raise NotImplementedError

    def plan(self) -> ImportReport:
        raise NotImplementedError

    def write(self, *, actor: User | None) -> None:
        raise NotImplementedError


@dataclass
class PlannedDepartment:
    line: int
    code: str
    name_zh: str
    name_en: str
    parent_code: str
    release_cap_percent: int | None


class DepartmentImporter(Importer):
    """``code, name_zh, name_en[, parent_code, release_cap_percent]``; parents may come later
    in the file or already exist."""

    kind = "departments"
    required = ("code", "name_zh", "name_en")
    optional = ("parent_code", "release_cap_percent")

    def check(self) -> list[RowError]:
        errors: list[RowError] = []
        self.planned: dict[str, PlannedDepartment] = {}
        first_line: dict[str, int] = {}
        for row in self.rows:
            cells = RowChecker(row, errors)
            code = cells.text("code", max_length=32, required=True)
            if code and not CODE_PATTERN.fullmatch(code):
                cells.fail(
                    "code",
                    _("'%(code)s' is not a code: use letters, digits, '-', '_' or '.'.")
                    % {"code": code},
                )
            elif code in first_line:
                cells.fail(
                    "code",
                    _("Department %(code)s is already on line %(line)d.")
                    % {"code": code, "line": first_line[code]},
                )
            elif code:
                first_line[code] = row.line
            name_zh = cells.text("name_zh", max_length=100, required=True)
            name_en = cells.text("name_en", max_length=150, required=True)
            cap = cells.integer("release_cap_percent", low=0, high=100)
            if not cells.failed:
                self.planned[code] = PlannedDepartment(
                    row.line, code, name_zh, name_en, row["parent_code"], cap
                )
        parent_of: dict[str, str] = {
            code: parent or ""
            for code, parent in Department.objects.values_list("code", "parent__code")
        }
        parent_of.update(
            {code: department.parent_code for code, department in self.planned.items()}
        )
        known = set(parent_of) | set(first_line)
        for department in self.planned.values():
            parent = department.parent_code
            if not parent:
                continue
            if parent not in known:
                errors.append(
                    RowError(
                        department.line,
                        "parent_code",
                        _("No department %(code)s in the file or the database.") % {"code": parent},
                    )
                )
            elif self._leads_back(department.code, parent_of):
                errors.append(
                    RowError(
                        department.line,
                        "parent_code",
                        _("Placing %(code)s under %(parent)s would make a loop.")
                        % {"code": department.code, "parent": parent},
                    )
                )
        return errors

    @staticmethod
    def _leads_back(code: str, parent_of: dict[str, str]) -> bool:
        seen = {code}
        current = parent_of.get(code, "")
        while current:
            if current in seen:
                return True
            seen.add(current)
            current = parent_of.get(current, "")
        return False

    def plan(self) -> ImportReport:
        report = ImportReport(self.kind, rows=len(self.rows))
        self.existing = {
            department.code: department
            for department in Department.objects.select_related("parent")
        }
        self.changes: dict[str, dict[str, Any]] = {}
        for planned in self.planned.values():
            department = self.existing.get(planned.code)
            wanted = self._wanted(planned, department)
            if department is None:
                report.created += 1
                self.changes[planned.code] = wanted
                continue
            current = {
                "name_zh": department.name_zh,
                "name_en": department.name_en,
                "parent_code": department.parent.code if department.parent else "",
                "release_cap_percent": department.release_cap_percent,
            }
            changed = {name: value for name, value in wanted.items() if current[name] != value}
            if changed:
                report.updated += 1
                self.changes[planned.code] = changed
            else:
                report.unchanged += 1
        return report

    @staticmethod
    def _wanted(planned: PlannedDepartment, department: Department | None) -> dict[str, Any]:
        if planned.release_cap_percent is not None:
            cap = planned.release_cap_percent
        else:
            cap = department.release_cap_percent if department else DEFAULT_RELEASE_CAP_PERCENT
        return {
            "name_zh": planned.name_zh,
            "name_en": planned.name_en,
            "parent_code": planned.parent_code,
            "release_cap_percent": cap,
        }

    def write(self, *, actor: User | None) -> None:
        pending = dict(self.changes)
        while pending:  # parents before children; check() ruled out loops
            ready = [
                code
                for code, changed in pending.items()
                if changed.get("parent_code", "") not in pending
            ]
            for code in ready:
                self._write_one(code, pending.pop(code))

    def _write_one(self, code: str, changed: dict[str, Any]) -> None:
        fields = {name: value for name, value in changed.items() if name != "parent_code"}
        if "parent_code" in changed:
            parent_code = changed["parent_code"]
            fields["parent"] = self.existing[parent_code] if parent_code else None
        department = self.existing.get(code)
        if department is None:
            self.existing[code] = Department.objects.create(code=code, **fields)
            return
        for name, value in fields.items():
            setattr(department, name, value)
        department.save(update_fields=list(fields))


class StaffImporter(Importer):
    """``employee_number, display_name, department_code[, username, email, position, tier,
    clearance, language, phone, national_id]``.

    A blank optional cell leaves an existing person's field as it is (their username too) and
    gives a new person the default (a username from their employee number). New people get the
    staff role and no password (they sign in once an administrator sets one, or through single
    sign-on). Each person created or changed gets an audit event of their own, with what
    changed (phone and national ID masked).
    """

    kind = "staff"
    required = ("employee_number", "display_name", "department_code")
    optional = (
        "username",
        "email",
        "position",
        "tier",
        "clearance",
        "language",
        "phone",
        "national_id",
    )
    username_validator = UnicodeUsernameValidator()

    def check(self) -> list[RowError]:
        errors: list[RowError] = []
        self.planned: list[tuple[str, dict[str, Any]]] = []
        departments = dict(Department.objects.values_list("code", "id"))
        owner_of_username = dict(User.objects.values_list("username", "employee_number"))
        existing_numbers = set(owner_of_username.values())
        lines_of_number: dict[str, int] = {}
        lines_of_username: dict[str, int] = {}
        for row in self.rows:
            cells = RowChecker(row, errors)
            number = cells.text("employee_number", max_length=32, required=True)
            if number in lines_of_number:
                cells.fail(
                    "employee_number",
                    _("Employee %(number)s is already on line %(line)d.")
                    % {"number": number, "line": lines_of_number[number]},
                )
            elif number:
                lines_of_number[number] = row.line
            fields: dict[str, Any] = {
                "display_name": cells.text("display_name", max_length=100, required=True),
            }
            department_code = cells.text("department_code", max_length=32, required=True)
            if department_code and department_code not in departments:
                cells.fail(
                    "department_code", _("No department %(code)s.") % {"code": department_code}
                )
            elif department_code:
                fields["department_id"] = departments[department_code]
            username = cells.text("username", max_length=150) or (
                "" if number in existing_numbers else number.lower()
            )
            if username:
                try:
                    self.username_validator(username)
                except ValidationError:
                    cells.fail(
                        "username",
                        _("'%(username)s' may hold letters, digits and @.+-_ only.")
                        % {"username": username},
                    )
                if username in lines_of_username:
                    cells.fail(
                        "username",
                        _("Username %(username)s is already on line %(line)d.")
                        % {"username": username, "line": lines_of_username[username]},
                    )
                elif owner_of_username.get(username, number) != number:
                    cells.fail(
                        "username",
                        _("Username %(username)s belongs to another person.")
                        % {"username": username},
                    )
                lines_of_username[username] = row.line
                fields["username"] = username
            if row["email"]:
                fields["email"] = cells.validated("email", checked_email)
            if row["position"]:
                fields["position"] = cells.text("position", max_length=100)
            optional_values = {
                "tier": cells.choice("tier", Tier),
                "language": cells.choice("language", Language),
                "clearance": cells.integer(
                    "clearance", low=min(Clearance.values), high=max(Clearance.values)
                ),
            }
            fields.update(
                {name: value for name, value in optional_values.items() if value is not None}
            )
            if row["phone"]:
                fields["phone"] = cells.validated("phone", normalise_phone)
            if row["national_id"]:
                fields["national_id"] = cells.validated("national_id", normalise_national_id)
            if not cells.failed:
                self.planned.append((number, fields))
        return errors

    def plan(self) -> ImportReport:
        report = ImportReport(self.kind, rows=len(self.rows))
        numbers = [number for number, _fields in self.planned]
        existing = {
            user.employee_number: user for user in User.objects.filter(employee_number__in=numbers)
        }
        self.newcomers: list[tuple[str, dict[str, Any]]] = []
        self.changes: list[tuple[User, dict[str, Any]]] = []
        for number, fields in self.planned:
            user = existing.get(number)
            if user is None:
                self.newcomers.append((number, fields))
                report.created += 1
                continue
            changed = {
                name: value for name, value in fields.items() if getattr(user, name) != value
            }
            if changed:
                self.changes.append((user, changed))
                report.updated += 1
            else:
                report.unchanged += 1
        return report

    def write(self, *, actor: User | None) -> None:
        newcomers: list[User] = []
        created: list[Change] = []
        updated: list[Change] = []
        for number, fields in self.newcomers:
            user = User(employee_number=number, **fields)
            user.set_unusable_password()
            user.save()
            newcomers.append(user)
            created.append((user, None, _audited(fields | {"employee_number": number})))
        for user, changed in self.changes:
            before = _audited({name: getattr(user, name) for name in changed})
            for name, value in changed.items():
                setattr(user, name, value)
            user.save(update_fields=list(changed))
            updated.append((user, before, _audited(changed)))
        RoleGrant.objects.bulk_create(
            RoleGrant(user=user, role=Role.STAFF, granted_by=actor) for user in newcomers
        )
        self.created_people = newcomers
        record_events(actor=actor, action="person.imported", changes=created)
        record_events(actor=actor, action="person.changed_by_import", changes=updated)


def _audited(fields: dict[str, Any]) -> dict[str, Any]:
    """A person's imported fields as the audit trail keeps them (``department_id`` as
    ``department``, phone and national ID masked)."""
    return {name.removesuffix("_id"): audit_value(name, value) for name, value in fields.items()}


class StaffSkillImporter(Importer):
    """``employee_number, skill, level[, provenance]``; the skill by its code, Chinese or
    English name, or a synonym. A blank provenance means self-declared."""

    kind = "staff-skills"
    required = ("employee_number", "skill", "level")
    optional = ("provenance",)

    def check(self) -> list[RowError]:
        errors: list[RowError] = []
        self.planned: list[tuple[int, int, int, str]] = []
        people = dict(User.objects.values_list("employee_number", "id"))
        skills = skill_lookup()
        first_line: dict[tuple[str, int], int] = {}
        for row in self.rows:
            cells = RowChecker(row, errors)
            number = cells.text("employee_number", max_length=32, required=True)
            if number and number not in people:
                cells.fail(
                    "employee_number",
                    _("No person with employee number %(number)s.") % {"number": number},
                )
            name = cells.text("skill", max_length=100, required=True)
            skill = skills.get(name.casefold())
            if name and skill is None:
                cells.fail("skill", _("No skill is called '%(name)s'.") % {"name": name})
            level = cells.integer("level", low=MIN_LEVEL, high=MAX_LEVEL)
            if row["level"] == "":
                cells.required("level")
            provenance = cells.choice("provenance", Provenance) or Provenance.SELF
            if skill is not None and number:
                key = (number, skill.pk)
                if key in first_line:
                    cells.fail(
                        "skill",
                        _("%(number)s has %(skill)s already on line %(line)d.")
                        % {"number": number, "skill": skill.name_en, "line": first_line[key]},
                    )
                else:
                    first_line[key] = row.line
            if not cells.failed and skill is not None and level is not None:
                self.planned.append((people[number], skill.pk, level, provenance))
        return errors

    def plan(self) -> ImportReport:
        report = ImportReport(self.kind, rows=len(self.rows))
        user_ids = {user_id for user_id, *_rest in self.planned}
        existing = {
            (staff_skill.user_id, staff_skill.skill_id): staff_skill
            for staff_skill in StaffSkill.objects.filter(user_id__in=user_ids)
        }
        # Each skill to set, with the person's present one (``None`` when they have none yet).
        self.changes: list[tuple[int, int, int, str, StaffSkill | None]] = []
        for user_id, skill_id, level, provenance in self.planned:
            staff_skill = existing.get((user_id, skill_id))
            if staff_skill is None:
                report.created += 1
            elif (staff_skill.level, staff_skill.provenance) == (level, provenance):
                report.unchanged += 1
                continue
            else:
                report.updated += 1
            self.changes.append((user_id, skill_id, level, provenance, staff_skill))
        return report

    def write(self, *, actor: User | None) -> None:
        history: list[StaffSkillChange] = []
        for user_id, skill_id, level, provenance, staff_skill in self.changes:
            if staff_skill is None:
                StaffSkill.objects.create(
                    user_id=user_id, skill_id=skill_id, level=level, provenance=provenance
                )
            else:
                staff_skill.level, staff_skill.provenance = level, provenance
                staff_skill.save(update_fields=["level", "provenance", "updated_at"])
            history.append(
                StaffSkillChange(
                    user_id=user_id,
                    skill_id=skill_id,
                    kind=StaffSkillChange.Kind.SET,
                    level=level,
                    provenance=provenance,
                    changed_by=actor,
                )
            )
        StaffSkillChange.objects.bulk_create(history)


IMPORTERS: dict[str, type[Importer]] = {
    importer.kind: importer for importer in (DepartmentImporter, StaffImporter, StaffSkillImporter)
}

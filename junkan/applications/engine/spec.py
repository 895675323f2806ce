"""The form specification of a call: sections, fields and required documents, as data.

A call's forms (様式1/2/3 of seed 002, 申請書・別紙1–3 of seed 003) are described in YAML; this module
turns the parsed YAML into frozen dataclasses, validates it, and answers "which sections and fields
apply to this application" (project type, applicant kind). Pure Python: no Django.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal

FieldKind = Literal[
    "text",
    "longtext",
    "email",
    "phone",
    "date",
    "integer",
    "decimal",
    "boolean",
    "choice",
    "items",
    "co2_calculation",
    "economy_analysis",
]
FIELD_KINDS: Final[frozenset[str]] = frozenset(FieldKind.__args__)  # type: ignore[attr-defined]
# In a title or a label: the fiscal year of the call (「令和8年度」), filled in by FormSpec.for_fiscal_year.
YEAR: Final = "{年度}"
SECTION_KINDS: Final[frozenset[str]] = frozenset({"fields", "costs", "budget"})
# Who the applicant is, as the spec's `applicant` condition names it.
APPLICANT_CONDITIONS: Final[frozenset[str]] = frozenset({"local_government", "private", "prefecture"})


class SpecError(ValueError):
    """The YAML does not describe a usable form; the message says where."""


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    kind: str
    required: bool | tuple[str, ...] = False
    help: str = ""
    types: tuple[str, ...] = ()
    applicant: str = ""
    required_if: tuple[str, Any] | None = None
    options: tuple[Option, ...] = ()
    subfields: tuple[FieldSpec, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    true_label: str = "はい"
    false_label: str = "いいえ"
    # A short name for the checklist's messages (a requirement's 「要件a」); the label when empty.
    short: str = ""
    # Answers that keep the application from being submitted (a requirement answered 「満たしていない」),
    # with the checklist's message for them.
    blocking: tuple[str, ...] = ()
    blocking_message: str = ""

    @property
    def name(self) -> str:
        """What the checklist calls the field."""
        return self.short or self.label

    def is_required(self, type_code: str) -> bool:
        if isinstance(self.required, tuple):
            return type_code in self.required
        return self.required


@dataclass(frozen=True)
class RequirementSpec:
    """One requirement of a project type (seed 002 2.①–③(2)イ a–e, seed 003 4.(1)ア・イ)."""

    type_code: str
    code: str
    label: str
    text: str
    reference: str
    not_applicable: str = ""

    @property
    def key(self) -> str:
        """The field of the answer: 「満たしている」 (yes), 「満たしていない」 (no), 「該当しない」 (na)."""
        return f"req_{self.type_code}_{self.code}"

    @property
    def where_key(self) -> str:
        """The field holding where in the plan (様式2, 別紙1) the requirement is shown."""
        return f"{self.key}_where"


# The fields of 様式2's CO2 block split into direct and indirect reductions (seed 002 4.(3)① ※).
CO2_TOTAL: Final = "co2_reduction"
CO2_DIRECT: Final = "co2_direct"
CO2_INDIRECT: Final = "co2_indirect"

# The answers of a requirement (the stored values of its choice field).
MET: Final = "yes"
NOT_MET: Final = "no"
NOT_APPLICABLE: Final = "na"


@dataclass(frozen=True)
class SectionSpec:
    key: str
    form: str
    title: str
    kind: str = "fields"
    types: tuple[str, ...] = ()
    applicant: str = ""
    fields: tuple[FieldSpec, ...] = ()
    requirements: tuple[RequirementSpec, ...] = ()

    @property
    def heading(self) -> str:
        """「様式2 事業の背景」: the form's name and the section's title."""
        return f"{self.form}　{self.title}" if self.form != self.title else self.title


@dataclass(frozen=True)
class DocumentSpec:
    code: str
    label: str
    required: bool = False
    types: tuple[str, ...] = ()
    applicant: str = ""
    min_count: int = 1
    help: str = ""


@dataclass(frozen=True)
class Applicant:
    """What the conditions look at: the project type and the lead applicant's kind."""

    type_code: str
    local_government: bool
    prefecture: bool = False

    def matches(self, condition: str) -> bool:
        if not condition:
            return True
        if condition == "local_government":
            return self.local_government
        if condition == "prefecture":
            return self.prefecture
        return not self.local_government  # private


@dataclass(frozen=True)
class FormSpec:
    program: str
    sections: tuple[SectionSpec, ...]
    documents: tuple[DocumentSpec, ...] = field(default=())

    def for_fiscal_year(self, label: str) -> FormSpec:
        """The forms as the call of fiscal year ``label`` shows them (「{年度}」 → 「令和8年度」)."""
        # Section titles and document labels name the call's own year: a later call never asks for the
        # 平成31年度 budget.
        return replace(
            self,
            sections=tuple(replace(s, title=s.title.replace(YEAR, label)) for s in self.sections),
            documents=tuple(replace(d, label=d.label.replace(YEAR, label)) for d in self.documents),
        )

    def sections_for(self, who: Applicant) -> tuple[SectionSpec, ...]:
        """The sections that apply, each with only the fields that apply."""
        result = []
        for section in self.sections:
            if not _applies(section.types, section.applicant, who):
                continue
            fields = tuple(f for f in section.fields if _applies(f.types, f.applicant, who))
            requirements = tuple(r for r in section.requirements if r.type_code == who.type_code)
            result.append(replace(section, fields=fields, requirements=requirements))
        return tuple(result)

    def section(self, key: str, who: Applicant) -> SectionSpec | None:
        return next((s for s in self.sections_for(who) if s.key == key), None)

    def documents_for(self, who: Applicant) -> tuple[DocumentSpec, ...]:
        return tuple(d for d in self.documents if _applies(d.types, d.applicant, who))


def _applies(types: Sequence[str], applicant: str, who: Applicant) -> bool:
    return (not types or who.type_code in types) and who.matches(applicant)


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise SpecError(f"{where}: expected a list of codes")
    return tuple(str(v) for v in value)


def _text(data: Mapping[str, Any], name: str, where: str, default: str | None = None) -> str:
    value = data.get(name, default)
    if not isinstance(value, str) or (default is None and not value):
        raise SpecError(f"{where}: '{name}' must be a non-empty string")
    return value


def _applicant(data: Mapping[str, Any], where: str) -> str:
    value = str(data.get("applicant", ""))
    if value and value not in APPLICANT_CONDITIONS:
        raise SpecError(f"{where}: unknown applicant condition {value!r}")
    return value


def parse_field(data: Mapping[str, Any], where: str, *, nested: bool = False) -> FieldSpec:
    key = _text(data, "key", where)
    where = f"{where}.{key}"
    kind = _text(data, "kind", where)
    if kind not in FIELD_KINDS or (nested and kind in {"items", "co2_calculation", "economy_analysis"}):
        raise SpecError(f"{where}: unknown field kind {kind!r}")
    raw_required = data.get("required", False)
    required: bool | tuple[str, ...]
    required = raw_required if isinstance(raw_required, bool) else _strings(raw_required, f"{where}.required")
    required_if = None
    if "required_if" in data:
        condition = data["required_if"]
        if not isinstance(condition, Mapping) or "field" not in condition or "equals" not in condition:
            raise SpecError(f"{where}: required_if needs 'field' and 'equals'")
        required_if = (str(condition["field"]), condition["equals"])
    options = tuple(
        Option(str(o["value"]), _text(o, "label", f"{where}.options")) for o in data.get("options", []) or []
    )
    if kind == "choice" and not options:
        raise SpecError(f"{where}: a choice needs options")
    subfields = tuple(parse_field(s, where, nested=True) for s in data.get("subfields", []) or [])
    if kind == "items" and not subfields:
        raise SpecError(f"{where}: items need subfields")
    return FieldSpec(
        key=key,
        label=_text(data, "label", where),
        kind=kind,
        required=required,
        help=str(data.get("help", "")),
        types=_strings(data.get("types"), f"{where}.types"),
        applicant=_applicant(data, where),
        required_if=required_if,
        options=options,
        subfields=subfields,
        minimum=data.get("min"),
        maximum=data.get("max"),
        true_label=str(data.get("true_label", "はい")),
        false_label=str(data.get("false_label", "いいえ")),
    )


def parse_requirements(
    data: Any, where: str, where_label: str
) -> tuple[tuple[RequirementSpec, ...], tuple[FieldSpec, ...]]:
    """A section's ``requirements`` per type and their fields: the answer (「いいえ」 blocks), the place."""
    if not isinstance(data, Mapping) or not data:
        raise SpecError(f"{where}: requirements must map project type codes to their items")
    requirements: list[RequirementSpec] = []
    fields: list[FieldSpec] = []
    for type_code, block in data.items():
        at = f"{where}.{type_code}"
        if not isinstance(block, Mapping) or not isinstance(block.get("items"), list) or not block["items"]:
            raise SpecError(f"{at}: needs 'reference' and a non-empty list of 'items'")
        reference = _text(block, "reference", at)
        for raw in block["items"]:
            code = _text(raw, "code", at)
            if not code.isascii() or not code.isalnum():
                raise SpecError(f"{at}.{code}: the code must be letters and digits")
            requirement = RequirementSpec(
                type_code=str(type_code),
                code=code,
                label=_text(raw, "label", f"{at}.{code}"),
                text=_text(raw, "text", f"{at}.{code}"),
                reference=reference,
                not_applicable=str(raw.get("not_applicable", "")),
            )
            requirements.append(requirement)
            options = [Option(MET, "満たしている"), Option(NOT_MET, "満たしていない")]
            if requirement.not_applicable:
                options.append(Option(NOT_APPLICABLE, requirement.not_applicable))
            types = (requirement.type_code,)
            fields.append(
                FieldSpec(
                    key=requirement.key,
                    label=f"{requirement.label}　{requirement.text}",
                    kind="choice",
                    required=True,
                    help=f"{reference}{requirement.label}",
                    types=types,
                    options=tuple(options),
                    short=requirement.label,
                    blocking=(NOT_MET,),
                    blocking_message=(
                        f"「{requirement.label}」を満たしていないと回答しています。{reference}の要件を"
                        "すべて満たす事業でなければ応募できません。"
                    ),
                )
            )
            fields.append(
                FieldSpec(
                    key=requirement.where_key,
                    label=f"{requirement.label}の{where_label}",
                    kind="text",
                    types=types,
                    required_if=(requirement.key, MET),
                    help="例：3頁「事業の背景」、5頁「事業の実施内容」2.",
                )
            )
    keys = [r.key for r in requirements]
    if len(keys) != len(set(keys)):
        raise SpecError(f"{where}: duplicate requirement codes")
    return tuple(requirements), tuple(fields)


def parse(data: Mapping[str, Any]) -> FormSpec:
    """Build and validate a form spec from its parsed YAML; SpecError names the first problem."""
    program = _text(data, "program", "spec")
    sections: list[SectionSpec] = []
    seen: set[str] = set()
    for raw in data.get("sections", []) or []:
        key = _text(raw, "key", "sections")
        if key in seen:
            raise SpecError(f"sections.{key}: duplicate section")
        seen.add(key)
        kind = str(raw.get("kind", "fields"))
        if kind not in SECTION_KINDS:
            raise SpecError(f"sections.{key}: unknown section kind {kind!r}")
        fields = tuple(parse_field(f, f"sections.{key}") for f in raw.get("fields", []) or [])
        requirements: tuple[RequirementSpec, ...] = ()
        if "requirements" in raw:
            where_label = _text(raw, "where_label", f"sections.{key}")
            requirements, answers = parse_requirements(
                raw["requirements"], f"sections.{key}.requirements", where_label
            )
            fields += answers
        keys = [f.key for f in fields]
        if len(keys) != len(set(keys)):
            raise SpecError(f"sections.{key}: duplicate field keys")
        for f in fields:
            if f.required_if and f.required_if[0] not in keys:
                raise SpecError(f"sections.{key}.{f.key}: required_if names an unknown field")
        if kind == "fields" and not fields:
            raise SpecError(f"sections.{key}: no fields")
        sections.append(
            SectionSpec(
                key=key,
                form=_text(raw, "form", f"sections.{key}"),
                title=_text(raw, "title", f"sections.{key}"),
                kind=kind,
                types=_strings(raw.get("types"), f"sections.{key}.types"),
                applicant=_applicant(raw, f"sections.{key}"),
                fields=fields,
                requirements=requirements,
            )
        )
    if not sections:
        raise SpecError("spec: no sections")
    for required_key in ("letter", "costs"):
        if required_key not in seen:
            raise SpecError(f"spec: the '{required_key}' section is required")
    documents = tuple(
        DocumentSpec(
            code=_text(d, "code", "documents"),
            label=_text(d, "label", "documents"),
            required=bool(d.get("required", False)),
            types=_strings(d.get("types"), "documents.types"),
            applicant=_applicant(d, "documents"),
            min_count=int(d.get("min_count", 1)),
            help=str(d.get("help", "")),
        )
        for d in data.get("documents", []) or []
    )
    codes = [d.code for d in documents]
    if len(codes) != len(set(codes)):
        raise SpecError("documents: duplicate codes")
    return FormSpec(program=program, sections=tuple(sections), documents=documents)

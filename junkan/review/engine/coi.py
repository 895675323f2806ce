"""Conflicts of interest (利益相反) between committee members (審査委員) and applications.

The calls entrust the selection to a committee (seed 002 3.(2)「審査委員による審査を行い」; seed 003 8.
「審査委員会による審査を行う」). The review issue asks that a member be excluded from an application when a
relationship is declared, or detected: the same organization, or the local government where the member works
or lives, as the applicant or a co-applicant (seed 002 2.①ウ「代表申請者」「共同申請者」; seed 003 4.(3)ア
「代表事業者」「共同事業者」).

Detection compares a member's organizations and areas with those of every party of the application (the
applicant and each co-applicant). Areas are keys of local governments: the 6-digit 団体コード (JIS X 0402)
for official ones, any other string (e.g. ``"union:12"``) for unions, which have no code. ``AreaIndex`` says
which governments' areas enclose which (prefecture ⊇ municipality ⊇ ward of a designated city; union ⊇ its
member governments); a 6-digit municipal code's prefecture is also derived from its first two digits.

The rules (decided here; the issue is silent on nesting):

- Same organization: a member organization equal to a party's organization.
- Place of work: the member's workplace government equals a party's area, **or one encloses the other**. A
  prefecture's staff conflict with applications from the municipalities of that prefecture, and a
  municipality's staff with the prefecture's own application: the prefecture coordinates, advises and often
  co-funds its municipalities' projects, seed 002 ③ obliges a prefecture to apply jointly with its
  municipalities, and a prefecture's project is carried out in named municipalities of it (seed 002 2.①ウ
  「事業の実施が想定される具体的な地域を記載」). The same holds for a union and its member governments.
  ``CoiPolicy(nested_workplaces=False)`` limits this to the same government.
- Place of residence: the member lives in the applicant's area, i.e. the party's area equals the residence
  or encloses it (a resident of 飯田市 is a resident of 長野県, so conflicts with an application from 長野県
  as well, but not with one from 松本市).
- Declarations add to the detections, never remove them; each keeps its kind and the member's own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from junkan.jp.codes import lg_check_digit


class ConflictKind(StrEnum):
    """The kinds of relationship that exclude a member from an application."""

    SAME_ORGANIZATION = "same_organization"
    WORKPLACE = "workplace"
    RESIDENCE = "residence"
    ADVISORY = "advisory"
    FINANCIAL = "financial"
    OTHER = "other"


KIND_LABELS: Final[dict[ConflictKind, str]] = {
    ConflictKind.SAME_ORGANIZATION: "同一の組織",
    ConflictKind.WORKPLACE: "勤務先の地方公共団体",
    ConflictKind.RESIDENCE: "居住地の地方公共団体",
    ConflictKind.ADVISORY: "助言・顧問等の関係",
    ConflictKind.FINANCIAL: "資金・取引等の経済的な関係",
    ConflictKind.OTHER: "その他",
}


class Source(StrEnum):
    """Where a reason comes from: the member's declaration, or detection from the records."""

    DECLARED = "declared"
    DETECTED = "detected"


SOURCE_LABELS: Final[dict[Source, str]] = {Source.DECLARED: "申告", Source.DETECTED: "自動検出"}
_LG_CODE = re.compile(r"[0-9]{6}", re.ASCII)


@dataclass(frozen=True)
class Member:
    """A committee member: the organizations they belong to and the governments where they work and live."""

    id: int
    organizations: frozenset[int] = frozenset()
    workplaces: frozenset[str] = frozenset()
    residences: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Party:
    """The applicant or a co-applicant: its organization (if registered) and its governments (is or is in)."""

    name: str
    organization: int | None = None
    areas: frozenset[str] = frozenset()
    co_applicant: bool = False


@dataclass(frozen=True)
class Application:
    """An application as conflict detection sees it: its parties."""

    id: int
    parties: tuple[Party, ...]


@dataclass(frozen=True)
class Declaration:
    """A relationship a member declared for an application, in their own words."""

    member_id: int
    application_id: int
    kind: ConflictKind
    note: str = ""


@dataclass(frozen=True)
class AreaIndex:
    """Which areas directly enclose which: ward → city, municipality → prefecture, member → union."""

    enclosing: Mapping[str, frozenset[str]] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)

    def name(self, key: str) -> str:
        """The display name of an area, or its key when unknown."""
        return self.names.get(key, key)

    def enclosing_all(self, key: str) -> frozenset[str]:
        """Every government whose area encloses ``key``'s (transitively), the key itself excluded."""
        found: set[str] = set()
        todo = [*self._direct(key)]
        while todo:
            current = todo.pop()
            if current in found or current == key:
                continue
            found.add(current)
            todo.extend(self._direct(current))
        return frozenset(found)

    def _direct(self, key: str) -> frozenset[str]:
        """The given enclosing areas plus, for a municipal 団体コード, its prefecture's code."""
        direct = set(self.enclosing.get(key, frozenset()))
        prefecture = prefecture_of(key)
        if prefecture is not None:
            direct.add(prefecture)
        return frozenset(direct)


@dataclass(frozen=True)
class CoiPolicy:
    """Choices of the detection: whether enclosing workplaces conflict (default yes, see the module)."""

    nested_workplaces: bool = True


@dataclass(frozen=True)
class Reason:
    """One reason a member is excluded from an application: its kind, source and a Japanese explanation."""

    kind: ConflictKind
    source: Source
    detail: str

    @property
    def label(self) -> str:
        """「同一の組織（自動検出）：…」."""
        return f"{KIND_LABELS[self.kind]}（{SOURCE_LABELS[self.source]}）：{self.detail}"


@dataclass(frozen=True)
class Conflicts:
    """The conflicted (member, application) pairs, each with its reasons in a fixed order."""

    pairs: Mapping[tuple[int, int], tuple[Reason, ...]]

    def is_conflicted(self, member_id: int, application_id: int) -> bool:
        """Whether the member is excluded from the application."""
        return (member_id, application_id) in self.pairs

    def reasons(self, member_id: int, application_id: int) -> tuple[Reason, ...]:
        """The reasons of a pair; empty when there is no conflict."""
        return self.pairs.get((member_id, application_id), ())

    def forbidden(self) -> frozenset[tuple[int, int]]:
        """The pairs that must not be assigned."""
        return frozenset(self.pairs)


def prefecture_of(key: str) -> str | None:
    """The prefecture's 団体コード of a municipal 団体コード (「202053」→「200000」… with its check digit)."""
    if not _LG_CODE.fullmatch(key) or key[2:5] == "000":
        return None
    first5 = key[:2] + "000"
    return first5 + str(lg_check_digit(first5))


def _workplace_reason(
    workplace: str, party: Party, index: AreaIndex, policy: CoiPolicy
) -> tuple[ConflictKind, str] | None:
    """The workplace conflict of one party, if any."""
    for area in sorted(party.areas):
        if area == workplace:
            return (
                ConflictKind.WORKPLACE,
                f"勤務先の{index.name(workplace)}は{_role(party)}の地方公共団体と同じです。",
            )
        if not policy.nested_workplaces:
            continue
        if workplace in index.enclosing_all(area):
            return (
                ConflictKind.WORKPLACE,
                f"勤務先の{index.name(workplace)}は{_role(party)}の{index.name(area)}を区域に含みます。",
            )
        if area in index.enclosing_all(workplace):
            return (
                ConflictKind.WORKPLACE,
                f"{_role(party)}の{index.name(area)}は勤務先の{index.name(workplace)}を区域に含みます。",
            )
    return None


def _residence_reason(residence: str, party: Party, index: AreaIndex) -> tuple[ConflictKind, str] | None:
    """The residence conflict of one party, if any: the member lives in the party's area."""
    for area in sorted(party.areas):
        if area == residence or area in index.enclosing_all(residence):
            return (
                ConflictKind.RESIDENCE,
                f"居住地の{index.name(residence)}は{_role(party)}の{index.name(area)}の区域内です。",
            )
    return None


def _role(party: Party) -> str:
    """「共同申請者「○○」」 or 「申請者「○○」」."""
    return f"{'共同申請者' if party.co_applicant else '申請者'}「{party.name}」"


def detect(
    member: Member, application: Application, index: AreaIndex | None = None, policy: CoiPolicy | None = None
) -> tuple[Reason, ...]:
    """The detected reasons for one pair (same organization, workplace, residence), in a fixed order."""
    index = index or AreaIndex()
    policy = policy or CoiPolicy()
    found: list[tuple[ConflictKind, str]] = []
    for party in application.parties:
        if party.organization is not None and party.organization in member.organizations:
            found.append((ConflictKind.SAME_ORGANIZATION, f"{_role(party)}と同じ組織に所属しています。"))
        for workplace in sorted(member.workplaces):
            reason = _workplace_reason(workplace, party, index, policy)
            if reason is not None:
                found.append(reason)
        for residence in sorted(member.residences):
            reason = _residence_reason(residence, party, index)
            if reason is not None:
                found.append(reason)
    return tuple(Reason(kind, Source.DETECTED, detail) for kind, detail in dict.fromkeys(found))


def _order(reason: Reason) -> tuple[int, int, str]:
    """Kinds in the order of ConflictKind, declarations before detections."""
    kinds = list(ConflictKind)
    return kinds.index(reason.kind), 0 if reason.source is Source.DECLARED else 1, reason.detail


def find_conflicts(
    members: Iterable[Member],
    applications: Iterable[Application],
    declarations: Iterable[Declaration] = (),
    index: AreaIndex | None = None,
    policy: CoiPolicy | None = None,
) -> Conflicts:
    """Every conflicted (member, application) pair: detections merged with declarations, with reasons."""
    index = index or AreaIndex()
    policy = policy or CoiPolicy()
    members = list(members)
    applications = list(applications)
    reasons: dict[tuple[int, int], set[Reason]] = {}
    for member in members:
        for application in applications:
            found = detect(member, application, index, policy)
            if found:
                reasons.setdefault((member.id, application.id), set()).update(found)
    for declaration in declarations:
        detail = declaration.note.strip() or "委員からの申告"
        reason = Reason(ConflictKind(declaration.kind), Source.DECLARED, detail)
        reasons.setdefault((declaration.member_id, declaration.application_id), set()).add(reason)
    return Conflicts(
        pairs={pair: tuple(sorted(found, key=_order)) for pair, found in sorted(reasons.items())}
    )

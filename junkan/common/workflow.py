"""One way to declare a process, and the one function that runs every move of every process.

A process (an application, a review decision, a grant project, a report, a registration, a collaboration
request, a support case …) is declared once, in ``junkan/<app>/processes.py``::

    APPLICATION = Process(
        key="applications.application",            # the audit code prefix: applications.application.<move>
        label=_("応募"),
        model=Application,
        states=ApplicationStatus,
        initial=ApplicationStatus.DRAFT,
        moves=(
            Move(
                "submitted",
                sources=(S.DRAFT, S.RETURNED),
                target=S.SUBMITTED,
                label=_("提出する"),                  # the button
                done=_("提出"),                      # the history line: 「提出」 by whom, when
                who=permissions.can_submit,           # (user, obj) -> Decision: who may
                guards=(checklist_is_clean,),         # (obj) -> Decision: conditions, may read related rows
                effects=(mail_receipt,),              # (Context) -> None, inside the transaction
                confirm=_("提出した後は、事務局が差し戻すまで内容を変更できません。"),
                stamp="submitted_at",
            ),
            ...
        ),
    )

Views and templates never compare statuses. They ask:

- :func:`options` — every move from the current state, each with its :class:`Decision` (allowed, or the reason
  why not): buttons appear only when allowed, and the reason can be shown beside a disabled one;
- :func:`can` — one move, as a :class:`Decision`;
- :func:`transition` — runs the move: ``transaction.atomic()``, the row locked, the state, who and guards
  checked again, ``update_fields``, one audit entry ``<key>.<move>`` whose readable label comes from the
  declaration (:func:`audit_label`), then the side effects (which queue e-mail with ``on_commit``).

``actor`` None is the system (management commands, the demo loader): it skips the "who" check, never the
guards. Every process registers itself in :data:`REGISTRY`, so a test can walk all of them
(:func:`problems`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from junkan.common.permissions import Decision, allow, deny

M = TypeVar("M", bound=models.Model)
Text = str | Promise
Who = Callable[[Any, Any], Decision]
Guard = Callable[[Any], Decision]


@dataclass(frozen=True)
class Context:
    """What a side effect is told about the move that has just been made (inside the transaction)."""

    actor: Any
    obj: Any
    move: Move
    source: str
    data: Mapping[str, Any]
    reason: str


Effect = Callable[[Context], None]


@dataclass(frozen=True)
class Move:
    """One move of a process: from any of ``sources`` to ``target``, made by whom ``who`` allows."""

    name: str
    sources: tuple[str, ...]
    target: str
    label: Text
    who: Who
    done: Text = ""
    guards: tuple[Guard, ...] = ()
    effects: tuple[Effect, ...] = ()
    # Set for an irreversible step: the confirmation page shows this sentence (what cannot be undone).
    confirm: Text = ""
    # The move needs a reason in words (refusal, return, cancellation); kept in the audit entry.
    needs_reason: bool = False
    # A datetime field set to now with the move (``submitted_at``).
    stamp: str | None = None
    # "primary", "secondary" or "danger": how the button looks.
    style: str = "primary"

    @property
    def history_label(self) -> Text:
        return self.done or self.label

    @property
    def irreversible(self) -> bool:
        return bool(self.confirm)


@dataclass(frozen=True)
class Option:
    """A move open from the current state, with this person's answer (allowed, or why not)."""

    move: Move
    decision: Decision

    def __bool__(self) -> bool:
        return self.decision.allowed

    @property
    def name(self) -> str:
        return self.move.name

    @property
    def allowed(self) -> bool:
        return self.decision.allowed

    @property
    def reason(self) -> str:
        return self.decision.reason


REGISTRY: dict[str, Process[Any]] = {}


@dataclass(frozen=True)
class Process(Generic[M]):
    """A process declared once: its model, states, first state and moves."""

    key: str
    label: Text
    model: type[M]
    states: type[models.TextChoices]
    initial: str
    moves: tuple[Move, ...]
    status_field: str = "status"
    # Non-null foreign keys to fetch with the locked row (never the nullable side of an outer join:
    # PostgreSQL refuses FOR UPDATE there).
    lock_related: tuple[str, ...] = ()
    _by_name: dict[str, Move] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.key.count(".") != 1:
            raise ValueError(f"process key {self.key!r} must be '<app>.<object>'")
        for move in self.moves:
            if move.name in self._by_name:
                raise ValueError(f"{self.key}: move {move.name!r} declared twice (give it several sources)")
            self._by_name[move.name] = move
        REGISTRY[self.key] = self

    def move(self, name: str) -> Move:
        try:
            return self._by_name[name]
        except KeyError:
            raise LookupError(f"{self.key} has no move {name!r}") from None

    def state_of(self, obj: M) -> str:
        return str(getattr(obj, self.status_field))

    def state_label(self, state: str) -> str:
        return str(self.states(state).label)

    def moves_from(self, state: str) -> tuple[Move, ...]:
        return tuple(m for m in self.moves if state in m.sources)

    @property
    def terminal_states(self) -> frozenset[str]:
        return frozenset(s for s in self.states.values if not self.moves_from(s))


def _state_decision(process: Process[Any], move: Move, obj: Any) -> Decision:
    state = process.state_of(obj)
    if state in move.sources:
        return allow()
    return deny(
        _("%(object)sは「%(state)s」のため、この手続（%(move)s）はできません。")
        % {"object": process.label, "state": process.state_label(state), "move": move.label}
    )


def _guard_decision(move: Move, obj: Any) -> Decision:
    for guard in move.guards:
        decision = guard(obj)
        if not decision.allowed:
            return decision
    return allow()


def can(process: Process[Any], user: Any, obj: Any, name: str) -> Decision:
    """May ``user`` make the move ``name`` on ``obj`` now? The first reason why not, in words."""
    move = process.move(name)
    # In order, each asked only when the one before allows: a guard may query, and a move the state
    # already refuses need not run it.
    checks: tuple[Callable[[], Decision], ...] = (
        lambda: _state_decision(process, move, obj),
        lambda: move.who(user, obj) if user is not None else allow(),
        lambda: _guard_decision(move, obj),
    )
    for check in checks:
        decision = check()
        if not decision.allowed:
            return decision
    return allow()


def options(process: Process[Any], user: Any, obj: Any, *, visible_only: bool = True) -> list[Option]:
    """The moves from ``obj``'s current state with this person's answer for each.

    With ``visible_only`` (the default) a move whose "who" refuses is left out altogether (a member does not
    see the secretariat's buttons); a move refused only by a guard is kept, so its reason can be shown."""
    result = []
    for move in process.moves_from(process.state_of(obj)):
        who = move.who(user, obj) if user is not None else allow()
        if not who.allowed:
            if visible_only:
                continue
            result.append(Option(move, who))
            continue
        result.append(Option(move, _guard_decision(move, obj)))
    return result


def allowed_moves(process: Process[Any], user: Any, obj: Any) -> list[Move]:
    """Only the moves this person may make now."""
    return [option.move for option in options(process, user, obj) if option.allowed]


def transition(
    process: Process[M],
    actor: Any,
    obj: M,
    name: str,
    *,
    fields: Mapping[str, Any] | None = None,
    data: Mapping[str, Any] | None = None,
    reason: str = "",
) -> M:
    """Make the move ``name`` on ``obj``: lock the row, check state, who and guards, save with
    ``update_fields``, write the audit entry, run the side effects. Returns the saved (locked) row.

    Refusals: a state or guard refusal is a ``ValidationError`` with the reason in words; a "who" refusal is
    ``Http404`` when the person must not know the object (``Decision.hide``), else ``PermissionDenied``."""
    from junkan.audit.services import plain, record

    move = process.move(name)
    reason = (reason or "").strip()
    if move.needs_reason and not reason:
        raise ValidationError({"reason": _("理由を入力してください。")})
    with transaction.atomic():
        queryset = process.model._default_manager.select_for_update(of=("self",))
        if process.lock_related:
            queryset = queryset.select_related(*process.lock_related)
        locked = queryset.get(pk=obj.pk)
        state = _state_decision(process, move, locked)
        if not state.allowed:
            raise ValidationError(state.reason)
        if actor is not None:
            who = move.who(actor, locked)
            if not who.allowed:
                if who.hide:
                    raise Http404(who.reason)
                raise PermissionDenied(who.reason)
        guard = _guard_decision(move, locked)
        if not guard.allowed:
            raise ValidationError(guard.reason)

        source = process.state_of(locked)
        changes: dict[str, list[Any]] = {process.status_field: [source, move.target]}
        update = [process.status_field]
        for key, value in (fields or {}).items():
            old = getattr(locked, key)
            if old != value:
                changes[key] = [plain(old), plain(value)]
            setattr(locked, key, value)
            update.append(key)
        if move.stamp:
            setattr(locked, move.stamp, timezone.now())
            update.append(move.stamp)
        setattr(locked, process.status_field, process.states(move.target))
        if any(f.name == "updated_at" for f in process.model._meta.concrete_fields):
            update.append("updated_at")
        locked.save(update_fields=list(dict.fromkeys(update)))
        entry_data = dict(data or {})
        if reason:
            entry_data["reason"] = reason
        record(actor, f"{process.key}.{move.name}", locked, changes=changes, data=entry_data)
        context = Context(actor=actor, obj=locked, move=move, source=source, data=entry_data, reason=reason)
        for effect in move.effects:
            effect(context)
    # Keep the caller's instance in step with the database.
    setattr(obj, process.status_field, getattr(locked, process.status_field))
    for key in (*(fields or {}), *([move.stamp] if move.stamp else [])):
        setattr(obj, key, getattr(locked, key))
    return locked


def audit_label(action: str) -> str | None:
    """The readable label of an audit code written by :func:`transition` (「提出」), or None."""
    key, _sep, name = action.rpartition(".")
    process = REGISTRY.get(key)
    if process is None:
        return None
    try:
        return str(process.move(name).history_label)
    except LookupError:
        return None


def problems(process: Process[Any]) -> list[str]:
    """What is wrong with a declaration, one line each: unknown or unreachable states, moves without a
    label, irreversible moves without a confirmation text are the author's choice and not checked."""
    found: list[str] = []
    states = set(process.states.values)
    if process.initial not in states:
        found.append(f"{process.key}: initial state {str(process.initial)!r} is not one of its states")
    for move in process.moves:
        for state in (*move.sources, move.target):
            if state not in states:
                found.append(f"{process.key}.{move.name}: unknown state {str(state)!r}")
        if not str(move.label).strip():
            found.append(f"{process.key}.{move.name}: no label")
        if not callable(move.who):
            found.append(f"{process.key}.{move.name}: no 'who' check")
    reachable = {str(process.initial)}
    frontier = [str(process.initial)]
    while frontier:
        state = frontier.pop()
        for move in process.moves_from(state):
            if str(move.target) not in reachable:
                reachable.add(str(move.target))
                frontier.append(str(move.target))
    for state in sorted(states - reachable):
        found.append(f"{process.key}: state {state!r} cannot be reached from {str(process.initial)!r}")
    return found


def autodiscover(app_names: Iterable[str]) -> None:
    """Import ``<app>.processes`` of every project app, so that :data:`REGISTRY` holds every process."""
    import importlib

    for name in app_names:
        try:
            importlib.import_module(f"{name}.processes")
        except ModuleNotFoundError as error:
            if error.name != f"{name}.processes":
                raise

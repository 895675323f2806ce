"""The buttons of a process and the one confirmation page (確認画面) before every irreversible move.

Views hand a page the moves this person may make now (:func:`actions`); the template includes
``common/_moves.html``, which shows each as a button (a reversible move posts at once; an irreversible
one goes to its confirmation page first) or, when a guard refuses, a disabled button with the reason
beside it.

Every irreversible move (``Move.confirm`` set) passes through :func:`confirmation_needed` /
:func:`confirmation_page`: the page says what will happen (the state before and after, the values to be
recorded), what cannot be undone (the move's ``confirm`` text) and, where the view gives one, shows the whole
object for a last check (the application before 提出). The values a form posted are carried through the page
as hidden fields, so the move runs with exactly what was confirmed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from junkan.common import workflow
from junkan.common.permissions import enforce

CONFIRMED = "confirmed"


@dataclass(frozen=True)
class Action:
    """One button: the move, this person's answer and where it posts (or, if irreversible, leads)."""

    option: workflow.Option
    url: str

    @property
    def move(self) -> workflow.Move:
        return self.option.move

    @property
    def name(self) -> str:
        return self.option.move.name

    @property
    def label(self) -> str:
        return str(self.option.move.label)

    @property
    def allowed(self) -> bool:
        return self.option.allowed

    @property
    def reason(self) -> str:
        return self.option.reason

    @property
    def irreversible(self) -> bool:
        return self.option.move.irreversible

    @property
    def style(self) -> str:
        return self.option.move.style


def actions(
    process: workflow.Process[Any],
    user: Any,
    obj: Any,
    urls: Mapping[str, str] | Callable[[str], str | None],
) -> list[Action]:
    """The buttons for ``obj``: every move from its state that this person could make, with the URL of each.

    ``urls`` maps a move name to its URL; a move without one is left out (the page offers it elsewhere,
    e.g. inside a form)."""
    found = []
    for option in workflow.options(process, user, obj):
        url = urls.get(option.name) if isinstance(urls, Mapping) else urls(option.name)
        if url:
            found.append(Action(option, url))
    return found


def option_map(process: workflow.Process[Any], user: Any, obj: Any) -> dict[str, workflow.Option]:
    """The moves this person could make from the current state, by name (``may.submitted`` in a template)."""
    return {option.name: option for option in workflow.options(process, user, obj)}


def confirmation_needed(request: HttpRequest, move: workflow.Move) -> bool:
    """True until the person has confirmed an irreversible move on its confirmation page."""
    return move.irreversible and request.POST.get(CONFIRMED) != "yes"


def display_value(value: Any) -> str:
    """A value as a person reads it: dates in 和暦（西暦）, yen with separators, yes/no in words."""
    from junkan.common.templatetags.jp import wareki

    if value is None or value == "":
        return _("（なし）")
    if isinstance(value, bool):
        return _("はい") if value else _("いいえ")
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{wareki(local.date())} {local:%H:%M}"
    if isinstance(value, date):
        return str(wareki(value))
    if isinstance(value, Decimal):
        return f"{value:,}"
    if hasattr(value, "all") and callable(value.all):
        return "、".join(str(v) for v in value.all())
    if isinstance(value, list | tuple | set):
        return "、".join(str(v) for v in value)
    return str(value)


def form_summary(form: forms.Form, *, yen_fields: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The values a valid form will record, labelled, for the confirmation page (files by name)."""
    from junkan.jp.money import format_yen

    yen = set(yen_fields)
    rows = []
    for name, field in form.fields.items():
        if isinstance(field.widget, forms.HiddenInput) or name not in form.cleaned_data:
            continue
        value = form.cleaned_data[name]
        if name in yen and isinstance(value, int):
            text = format_yen(value)
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            text = (
                str(dict(field.choices).get(value, value)) if value not in (None, "") else display_value(None)
            )
        elif hasattr(value, "name") and hasattr(value, "size"):
            text = str(value.name)
        else:
            text = display_value(value)
        rows.append((str(field.label or name), text))
    return rows


def _carried(request: HttpRequest) -> list[tuple[str, str]]:
    """The posted values to send again with the confirmation (not the token, not the confirmation itself)."""
    return [
        (key, value)
        for key in request.POST
        if key not in ("csrfmiddlewaretoken", CONFIRMED)
        for value in request.POST.getlist(key)
    ]


def confirmation_page(
    request: HttpRequest,
    process: workflow.Process[Any],
    obj: Any,
    name: str,
    *,
    cancel_url: str,
    action_url: str | None = None,
    summary: Iterable[tuple[str, str]] = (),
    details_template: str | None = None,
    context: Mapping[str, Any] | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    """The 確認画面 of the move ``name`` on ``obj``: what happens, what cannot be undone, one button.

    Carries the posted values (a form's fields) through as hidden inputs; the button posts them again to
    ``action_url`` (the current URL by default) with ``confirmed=yes``."""
    move = process.move(name)
    state = process.state_of(obj)
    files_posted = bool(request.FILES)
    return render(
        request,
        "common/confirm.html",
        {
            "process": process,
            "object": obj,
            "move": move,
            "state_before": process.state_label(state),
            "state_after": process.state_label(move.target),
            "summary": list(summary),
            "details_template": details_template,
            "carried": _carried(request) if request.method == "POST" else [],
            "files_posted": files_posted,
            "action_url": action_url or request.get_full_path(),
            "cancel_url": cancel_url,
            "error": error,
            **(context or {}),
        },
        status=status,
    )


def move_view(
    request: HttpRequest,
    process: workflow.Process[Any],
    obj: Any,
    name: str,
    *,
    run: Callable[[str], HttpResponse],
    cancel_url: str,
    summary: Iterable[tuple[str, str]] = (),
    details_template: str | None = None,
    context: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """A move without a form of its own: GET shows the confirmation page (for an irreversible move),
    POST runs ``run(reason)`` once confirmed. A refusal goes back to ``cancel_url`` with the reason."""
    decision = workflow.can(process, request.user, obj, name)
    if not decision.allowed:
        if decision.hide:
            raise Http404(decision.reason)
        move = process.move(name)
        if not move.who(request.user, obj).allowed:
            enforce(decision)
        messages.error(request, decision.reason)
        return redirect(cancel_url)
    move = process.move(name)
    if request.method == "POST" and not confirmation_needed(request, move):
        try:
            return run(request.POST.get("reason", ""))
        except ValidationError as error:
            text = " ".join(str(m) for m in error.messages)
            return confirmation_page(
                request,
                process,
                obj,
                name,
                cancel_url=cancel_url,
                summary=summary,
                details_template=details_template,
                context=context,
                error=text,
                status=400,
            )
    if not move.irreversible and not move.needs_reason:
        # Nothing to confirm and nothing to type: a GET only shows where the button is.
        return redirect(cancel_url)
    return confirmation_page(
        request,
        process,
        obj,
        name,
        cancel_url=cancel_url,
        summary=summary,
        details_template=details_template,
        context=context,
    )

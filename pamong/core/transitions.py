"""Work moves by transitions declared once; one function performs any of them.

A ``Machine`` holds every transition of one status field: from which statuses, to which, the verb staff see
("Kirim ke Lurah untuk ditandatangani"), the permission-gate action that decides who may (``pamong.core.gate``;
``None`` for a step taken by the applicant or the system, never by staff), the fields it asks for (a note, a
reason) and what it does inside the transaction (``effects``: records that must land with it, such as the letter
number or a queued message) and after the commit (``after``: cache versions, background tasks).

``Machine.perform`` is the one way to move an object: it checks the transition and the gate, then in one
transaction updates the status on the condition that it is still the one the user saw (the second of two officers
gets "baru saja diubah", never a lost update), writes one history row (``pamong.core.history``) with the actor's
post at that moment, runs the effects, and registers the after-commit work.

Why not django-fsm-2: its transitions are decorated model methods (business rules in models, against our
conventions), its concurrency check saves the whole row (a concurrent edit of another column is overwritten),
and it keeps no history and has no notion of verbs or fields; a transition table and one function give all of
that in a page of code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from pamong.core import gate
from pamong.core.errors import DomainError, Forbidden
from pamong.core.history import History, actor_fields

Effect = Callable[["Done"], None]
MACHINES: list[Machine] = []  # every machine declared, for the checks that hold for all of them


@dataclass(frozen=True)
class Field:
    """A value a transition asks for. ``note`` lands in the history row; others are for the service."""

    name: str
    label: str
    required: bool = True
    help: str = ""
    message: str = ""  # the error when it is missing; by default "<label> wajib diisi."
    # A secret (a signing passphrase): typed in a password field, never shown again, never written to history.
    secret: bool = False
    when: Callable[[], bool] | None = None  # asked only while this says so (e.g. a setting); always by default

    @property
    def missing(self) -> str:
        return self.message or f"{self.label} wajib diisi."

    @property
    def asked(self) -> bool:
        return self.when is None or self.when()


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    verb: str | Callable[[Any], str]  # the button's words; a function of the object when they name someone
    permission: str | None  # a gate action; None: the applicant or the system, never staff
    fields: tuple[Field, ...] = ()
    public: bool = False  # the note is shown to the public (a complaint's official response)
    style: str = "primary"  # how its button looks: primary, secondary, danger
    effects: tuple[Effect, ...] = ()  # inside the transaction, after the history row
    after: tuple[Effect, ...] = ()  # after the commit
    refusal: str = ""  # what a user who may not take it is told; by default the gate's message
    key: str = ""  # tells apart two steps between the same statuses (reject, or close as a duplicate)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def asked_fields(self) -> tuple[Field, ...]:
        """The fields this step asks for now (a field may depend on a setting, see ``Field.when``)."""
        return tuple(f for f in self.fields if f.asked)

    def verb_for(self, obj: Any) -> str:
        return self.verb(obj) if callable(self.verb) else self.verb


@dataclass
class Done:
    """What a performed transition hands to its effects."""

    obj: Any
    transition: Transition
    entry: History
    actor: Any
    values: dict[str, str]
    now: dt.datetime
    from_status: str


@dataclass
class Machine:
    model: type[models.Model]
    history: type[History]
    transitions: Sequence[Transition]
    noun: str  # "Permohonan": how error messages name the object
    statuses: type[models.TextChoices]
    status_field: str = "status"
    _by_pair: dict[tuple[str, str, str], Transition] = dataclasses.field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        MACHINES.append(self)
        for t in self.transitions:
            for source in t.sources:
                pair = (source, t.target, t.key)
                if pair in self._by_pair:
                    raise ValueError(f"{self.model.__name__}: transition {pair} declared twice")
                self._by_pair[pair] = t

    # --- reading the table ------------------------------------------------------------------------------------

    def get(self, from_status: str, to_status: str, key: str = "") -> Transition | None:
        return self._by_pair.get((from_status, to_status, key))

    def leaving(self, status: str) -> list[Transition]:
        """Every transition out of ``status``, in the order declared (the order buttons are shown in)."""
        return [t for t in self.transitions if status in t.sources]

    def available(self, user: Any, obj: Any) -> list[Transition]:
        """The transitions ``user`` may take on ``obj`` now: pages offer these and nothing else."""
        status = getattr(obj, self.status_field)
        return [t for t in self.leaving(status) if t.permission is not None and gate.can(user, t.permission, obj)]

    def require_any(self, user: Any, obj: Any) -> None:
        """Refuse (403) a user who may take none of this machine's steps on ``obj``, in any status: a page that
        posts a step checks this before reading the form, so a user without the action never gets further."""
        staff_steps = [t for t in self.transitions if t.permission is not None]
        if not any(gate.can(user, p, obj) for p in {t.permission for t in staff_steps if t.permission}):
            refusal = next((t.refusal for t in staff_steps if t.refusal), "")
            raise Forbidden(refusal or f"Anda tidak berwenang mengubah {self.noun.lower()} ini.")

    def pairs(self) -> Iterable[tuple[str, str]]:
        return list(dict.fromkeys((source, target) for source, target, _key in self._by_pair))

    def label(self, status: str) -> str:
        return str(self.statuses(status).label) if status in self.statuses.values else status

    # --- the one way to move ----------------------------------------------------------------------------------

    def perform(
        self,
        obj: Any,
        *,
        to: str,
        actor: Any,
        values: dict[str, Any] | None = None,
        seen: str | None = None,
        changes: dict[str, Any] | None = None,
        actor_label: str = "",
        history: dict[str, Any] | None = None,
        now: dt.datetime | None = None,
        key: str = "",
    ) -> Done:
        """Move ``obj`` to ``to``.

        ``seen``: the status the user saw when they chose the action (a form sends it); if the object has moved on
        since, nothing happens and the user is told. ``changes``: other columns the service sets with the status
        (deadlines, assignee). ``actor_label``: who acted when there is no staff actor ("Pemohon"). ``history``:
        extra columns of this app's history row. ``key``: which of two steps between the same statuses
        (``Transition.key``). Returns what happened; ``obj`` is reloaded.
        """
        now = now or timezone.now()
        current = getattr(obj, self.status_field)
        transition = self.check(obj, to=to, actor=actor, seen=seen, key=key)
        clean = self._clean(transition, values or {})
        row = {
            self.history.subject: obj,
            "kabkota_code": getattr(obj, "kabkota_code", "") or "",
            "from_status": current,
            "to_status": to,
            "note": clean.get("note", ""),
            "public": transition.public,
            "at": now,
            **actor_fields(actor),
            **(history or {}),
        }
        if actor_label:
            row["actor_label"] = actor_label
        with transaction.atomic():
            manager = self.model._default_manager
            if not manager.filter(pk=obj.pk, **{self.status_field: current}).update(
                **{self.status_field: to}, **(changes or {})
            ):
                raise self._moved_on()
            entry = self.history._default_manager.create(**row)
            obj.refresh_from_db()
            done = Done(
                obj=obj, transition=transition, entry=entry, actor=actor, values=clean, now=now, from_status=current
            )
            for effect in transition.effects:
                effect(done)
            for later in transition.after:
                transaction.on_commit(lambda later=later: later(done), robust=True)  # type: ignore[misc]
        return done

    def check(self, obj: Any, *, to: str, actor: Any, seen: str | None = None, key: str = "") -> Transition:
        """The transition ``actor`` asks for, if the table has it from the object's status and the gate lets them
        take it; otherwise the error ``perform`` would raise. For a service that checks its own values only after
        it knows the user may take the step at all."""
        current = getattr(obj, self.status_field)
        if seen is not None and seen != current:
            raise self._moved_on()
        transition = self.get(current, to, key)
        if transition is None:
            raise DomainError(
                f"{self.noun} berstatus {self.label(current)} tidak dapat diubah menjadi {self.label(to)}.",
                code="invalid_transition",
            )
        self._check_actor(transition, obj, actor)
        return transition

    def _moved_on(self) -> DomainError:
        return DomainError(
            f"{self.noun} ini baru saja diubah oleh orang lain. Muat ulang halaman untuk melihat keadaannya sekarang.",
            code="conflict",
        )

    def _check_actor(self, transition: Transition, obj: Any, actor: Any) -> None:
        if transition.permission is None:
            if actor is not None:
                refusal = transition.refusal or f"Langkah ini bukan untuk petugas: {transition.verb_for(obj)}."
                raise Forbidden(refusal)
            return
        gate.require(actor, transition.permission, obj, transition.refusal or gate.FORBIDDEN)

    @staticmethod
    def _clean(transition: Transition, values: dict[str, Any]) -> dict[str, str]:
        clean: dict[str, str] = {}
        for f in transition.asked_fields():
            raw = str(values.get(f.name) or "")
            value = raw if f.secret else raw.strip()  # a passphrase is taken as typed
            if f.required and not value.strip():
                raise DomainError(f.missing, field=f.name)
            clean[f.name] = value
        return clean

"""Who may do what: one gate for every action that is not a plain read.

Reads go through ``Model.objects.visible_to(user)`` (another unit's object is a 404). Everything else asks
``can(user, action, obj)``. Each app declares its rules once, in its ``rules.py`` (found at start-up), as
predicates of the ``rules`` package: ``gate.rule("servicerequests.sign", is_signer)``. Services check with
``require``; templates ask through ``{% can "app.action" obj as allowed %}`` (``pamong.core.templatetags.gate``);
views never compare roles.

An action nobody declared is a programming error (KeyError), never a silent "no".
"""

from __future__ import annotations

from typing import Any

import rules
from rules.predicates import Predicate

from pamong.core.errors import Forbidden

_rules = rules.RuleSet()

FORBIDDEN = "Anda tidak berwenang melakukan tindakan ini."


def rule(action: str, predicate: Predicate | Any) -> None:
    """Declare who may perform ``action`` (``"<app>.<verb>"``). Declared once."""
    if _rules.rule_exists(action):
        raise KeyError(f"rule {action!r} is declared twice")
    _rules.add_rule(action, predicate if isinstance(predicate, Predicate) else rules.predicate(predicate))


def can(user: Any, action: str, obj: Any = None) -> bool:
    if not _rules.rule_exists(action):
        raise KeyError(f"no rule declared for {action!r}")
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(_rules.test_rule(action, user, obj))


def require(user: Any, action: str, obj: Any = None, message: str = FORBIDDEN) -> None:
    """Raise ``Forbidden`` (a 403 page with ``message``) unless ``user`` may perform ``action`` on ``obj``."""
    if not can(user, action, obj):
        raise Forbidden(message)


def actions() -> list[str]:
    return sorted(_rules)

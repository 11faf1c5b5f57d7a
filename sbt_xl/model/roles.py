"""The template's role: who fills it in and what is checked.

- ``company``: a company's own submission (the default): every field, every rule;
- ``subsidiary``: a return a subsidiary sends head office for the roll-up: its inventory,
  its entity section and its progress only (it sets no targets of its own here);
- ``group``: the group workbook ``sbt-xl consolidate`` writes: every field, every rule,
  and GROUP-PROBLEMS.
"""

from __future__ import annotations

COMPANY, SUBSIDIARY, GROUP = ROLES = ("company", "subsidiary", "group")
DEFAULT_ROLE = COMPANY
#: The fields (by key prefix) a subsidiary's return holds; other roles use every field.
SUBSIDIARY_PREFIXES = ("inventory.", "entity.", "progress.")


#: Fields a role needs although other roles may leave them blank: a return without its
#: entity code cannot be placed in the group (the roll-up leaves it out).
REQUIRED_BY_ROLE: dict[str, tuple[str, ...]] = {SUBSIDIARY: ("entity.code",)}


def required(role: str | None, key: str, always: bool = False) -> bool:
    """Whether a template of ``role`` requires ``key`` (``always``: the field's own rule)."""
    return uses(role, key) and (always or key in REQUIRED_BY_ROLE.get(role or "", ()))


def uses(role: str | None, key: str) -> bool:
    """Whether a template of ``role`` asks for (and checks) the field ``key``."""
    return role != SUBSIDIARY or key.startswith(SUBSIDIARY_PREFIXES)


def parse_role(text: object) -> str:
    """The role a defined name's text gives (``"subsidiary"`` or ``="subsidiary"``);
    the default for anything else."""
    value = str(text or "").strip().lstrip("=").strip().strip('"').strip().lower()
    return value if value in ROLES else DEFAULT_ROLE

"""Setting up a clinic server: roles, users, and the clinic secret the workstations need."""

from __future__ import annotations

from pathlib import Path

from ptlog.store import audit, server_roles
from ptlog.store import secret as _secret
from ptlog.store.server_roles import ROLES, ServerRoles

__all__ = ["ROLES", "ServerRoles", "add_user", "init_server", "signed_in"]

add_user = server_roles.add_user
signed_in = audit.signed_in


def init_server(prefix: str, secret_file: Path) -> tuple[ServerRoles, str, Path]:
    """Roles and grants on the open database, and its clinic secret written to ``secret_file``
    for the other workstations. Returns the roles, the secret's id and the file."""
    roles = server_roles.init_server(prefix)
    kid = audit.active_key_id()
    return roles, kid, _secret.export_secret(kid, secret_file)

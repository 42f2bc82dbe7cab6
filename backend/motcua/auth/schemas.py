"""The API's shapes of login, tokens and password changes."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from motcua.core.schemas import Schema


class LoginForm(Schema):
    """OAuth2 password grant (form-encoded)."""

    model_config = ConfigDict(extra="ignore")

    grant_type: Literal["password"] | None = Field(default=None, description="Must be `password` if given.")
    username: str = Field(min_length=1, max_length=64, description="Staff username.")
    password: str = Field(min_length=1, max_length=200, description="Password.")


class TokenPair(Schema):
    access_token: str = Field(description="Short-lived JWT (HS256) to send as `Authorization: Bearer …`.")
    refresh_token: str = Field(
        description="Opaque token to get a new pair from `/api/auth/refresh`; single use."
    )
    token_type: Literal["bearer"] = Field(default="bearer", description="Always `bearer`.")
    expires_in: int = Field(description="Lifetime of the access token in seconds.")


class RefreshRequest(Schema):
    refresh_token: str = Field(
        min_length=10, max_length=200, description="The refresh token to use or revoke."
    )


class PasswordChange(Schema):
    current_password: str = Field(min_length=1, max_length=200, description="The current password.")
    new_password: str = Field(
        min_length=8, max_length=200, description="The new password, 8 characters or more."
    )

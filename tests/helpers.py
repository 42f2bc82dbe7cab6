"""Helpers shared by the tests."""

from __future__ import annotations

import httpx


async def login(
    client: httpx.AsyncClient, username: str = "admin", password: str = "demo1234"
) -> dict[str, str]:
    """Log in and return the Authorization header."""
    response = await client.post("/api/auth/token", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}

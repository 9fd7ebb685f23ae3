"""Phones' identities, issued and signed by the phones' server: one phone, one vote per stake.

An identity is ``<id>.<signature>``: a random id made by the server, and the HMAC-SHA256 of
that id under a secret made when the server starts. A phone cannot make one up, and an
identity from an earlier start of the server (or from another server) no longer verifies.
The page asks for one when it loads and keeps it (see docs/phone-contributions.md); the
atelier stores only the id, as it stored the ids phones chose before.

New identities are counted per client address, so that clearing the page's storage buys a
few more votes a minute, not unlimited ones.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from typing import Protocol

from bassee_atelier_plugin.core.phones.contributions import ContributionError

NEW_PHONES_PER_MINUTE = 3  # with the limiter's burst of 5: a phone's browsers, a reload without storage
IDENTITY = re.compile(r"([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})")  # 16 random bytes, 32 bytes of HMAC
ASK_AGAIN = "Ask for a new identity (POST api/phone)."


class Limiter(Protocol):
    """What counts the new identities of an address (core.phones.handler.RateLimiter)."""

    def wait_needed(self, address: str) -> float: ...


class PhoneIdentities:
    """The identities of one start of the phones' server: issued, counted per address, verified."""

    def __init__(self, new_phones: Limiter):
        self._secret = secrets.token_bytes(32)
        self._new_phones = new_phones

    def issue(self) -> str:
        """A new identity, whoever asks (the rate limit is :meth:`identity`'s)."""
        phone = secrets.token_urlsafe(16)
        return f"{phone}.{self._signature(phone)}"

    def identity(self, address: str, sent) -> tuple[str | None, float]:
        """What ``POST api/phone`` answers: (identity, 0), or (None, seconds to wait) past the address's limit.

        ``sent`` is the request's JSON: ``{}``, or ``{"phone": <the identity the page kept>}``,
        given back as it is if this server issued it (a reload), without counting it.
        """
        if not isinstance(sent, dict) or set(sent) - {"phone"}:
            raise ContributionError("bad_request", 'Ask for an identity with {} or {"phone": <the one kept>}.')
        kept = sent.get("phone")
        if kept is not None and self.known_phone(kept) is not None:
            return kept, 0.0
        wait = self._new_phones.wait_needed(address)
        return (None, wait) if wait else (self.issue(), 0.0)

    def phone_of(self, identity: str | None) -> str:
        """The id of an identity this server issued, as the atelier stores it; ContributionError otherwise."""
        if not isinstance(identity, str) or not identity:
            raise ContributionError("bad_request", f"The X-Phone header is missing. {ASK_AGAIN}")
        shape = IDENTITY.fullmatch(identity)
        if shape is None:
            raise ContributionError("bad_request", f"The X-Phone header is malformed. {ASK_AGAIN}")
        phone, signature = shape.groups()
        if not hmac.compare_digest(signature.encode(), self._signature(phone).encode()):
            message = f"This phone's identity was not issued by this start of the server. {ASK_AGAIN}"
            raise ContributionError("unknown_phone", message)
        return phone

    def known_phone(self, identity) -> str | None:
        """The id of an identity this server issued, or None: reading needs no identity."""
        try:
            return self.phone_of(identity)
        except ContributionError:
            return None

    def _signature(self, phone: str) -> str:
        digest = hmac.new(self._secret, phone.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

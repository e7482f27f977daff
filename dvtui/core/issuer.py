"""How documents name a plan's issuer and the office that follows the plan up.

Nothing here assumes a level: since 07/2025 there are no districts, and the issuer (a
People's Committee of a commune or a province, a department …) comes from the plan, who
the reports go through from ``coordinator`` in dvtui.toml.
"""

from __future__ import annotations

from dvtui.core.records import Signature
from dvtui.core.settings import Settings

_UBND = ("Ủy ban nhân dân ", "Uỷ ban nhân dân ")


def issuer_short(issuer: str) -> str:
    """``Ủy ban nhân dân huyện Tuần Giáo`` → ``UBND huyện Tuần Giáo`` (how a text names it)."""
    for head in _UBND:
        if issuer.startswith(head):
            return "UBND " + issuer[len(head) :]
    return issuer


def issuer_area(issuer: str) -> str:
    """The area a People's Committee governs (``huyện Tuần Giáo``); other issuers as named."""
    for head in _UBND:
        if issuer.startswith(head):
            return issuer[len(head) :]
    return issuer


def is_peoples_committee(issuer: str) -> bool:
    """``Ủy ban nhân dân xã …`` or ``UBND tỉnh …``: of any level (the district one is gone)."""
    return issuer.startswith((*_UBND, "UBND "))


def signature_or_default(signature: Signature | None, issuer: str) -> Signature:
    """The signature block to print; when none is set, a People's Committee's usual one
    (signed on behalf of the committee by its chair), or a blank one for another issuer."""
    if signature is not None:
        return signature
    if is_peoples_committee(issuer):
        return Signature(authority=["TM. ỦY BAN NHÂN DÂN"], title="CHỦ TỊCH", signer="")
    return Signature(authority=[], title="", signer="")


def coordinator(settings: Settings, issuer: str) -> str:
    """Who the reports go through and who answers the units: ``coordinator`` of dvtui.toml,
    else the issuer as a text names it."""
    return settings.coordinator or issuer_short(issuer)


def letter_symbol(settings: Settings, issuer: str) -> str:
    """The symbol of the office's letters: dvtui.toml's, else a People's Committee's."""
    return settings.letter_symbol or ("UBND" if is_peoples_committee(issuer) else "")

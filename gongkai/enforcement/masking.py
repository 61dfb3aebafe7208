"""What of a decision the public may see: individuals' names and ID numbers are masked by rule, and
the free texts pass through the confidentiality scan's masking (ID, bank card and mobile numbers)."""

from gongkai.confidentiality.scanner import mask_middle, mask_personal_data

from .models import Decision, PartyType


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳小明 → 欧***: the family name stays, the given name is hidden."""
    name = (name or "").strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


def public_party(decision: Decision) -> tuple[str, str]:
    """(party, identifier) as published."""
    if decision.party_type == PartyType.INDIVIDUAL:
        number = decision.party_id_number
        return mask_name(decision.party_name), mask_middle(number, 6, 4) if number else ""
    return decision.party_name, decision.party_id_number


def public_text(text: str) -> str:
    return mask_personal_data(text)[0]


def public_texts(decision: Decision) -> dict[str, str]:
    party, identifier = public_party(decision)
    texts = {name: public_text(getattr(decision, name)) for name in ("title", "facts", "basis", "outcome")}
    if decision.party_type == PartyType.INDIVIDUAL and decision.party_name.strip():
        # The name may recur in the free texts: mask it there too.
        for name, text in texts.items():
            texts[name] = text.replace(decision.party_name.strip(), party)
    return {**texts, "party": party, "identifier": identifier}

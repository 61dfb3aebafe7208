"""The client's address behind trusted reverse proxies (pure: no Django).

Rate limits, the audit trail and login throttling all read `REMOTE_ADDR`. Behind a reverse proxy that
is the proxy's address, so every visitor would share one limit. When `REMOTE_ADDR` is one of the
operator's trusted proxies (`GONGKAI_TRUSTED_PROXIES`, addresses or networks), the client is the
right-most address in `X-Forwarded-For` that is not itself a trusted proxy: each proxy appends the
address it received the request from, so everything left of that is whatever the client claimed and
is never believed. With no trusted proxies configured (the default), `X-Forwarded-For` is ignored.
"""

import ipaddress
from collections.abc import Iterable

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(text: str) -> tuple[Network, ...]:
    """`"10.0.0.1, 172.16.0.0/12"` → networks; raises ValueError naming a bad entry."""
    networks = []
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError as exc:
            raise ValueError(f"GONGKAI_TRUSTED_PROXIES: not an address or network: {part!r}") from exc
    return tuple(networks)


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def _trusted(address, networks: Iterable[Network]) -> bool:
    return address is not None and any(address in n for n in networks)


def client_address(remote_addr: str, forwarded_for: str, networks: tuple[Network, ...]) -> str:
    """The address to treat as the client's: `remote_addr` unless it is a trusted proxy, else the
    right-most untrusted entry of `forwarded_for` (the left-most entry when all are trusted; the
    proxy itself when the header is missing or unreadable)."""
    if not networks or not _trusted(_address(remote_addr or ""), networks):
        return remote_addr
    hops = [_address(h) for h in (forwarded_for or "").split(",") if h.strip()]
    if not hops or any(h is None for h in hops):
        return remote_addr
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            return str(hop)
    return str(hops[0])

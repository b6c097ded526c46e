//! Who a request comes from, for rate limiting: its API key (the bearer token of
//! `Authorization`) when it sends a live one (see `known_keys`), else its IP address.
//!
//! A key is kept only as a hash, never the token itself, so it cannot leak from memory dumps or
//! logs. The address is the TCP peer's, unless the server is told it stands behind proxies
//! (`GOALLINE_PROXY_HOPS`): then it is read from `Forwarded` (or `X-Forwarded-For`) that many
//! entries from the right, which is the entry the outermost trusted proxy wrote. Entries further
//! left were written by the client or proxies we do not run, and could say anything. IPv6
//! addresses count by their /64, the block one subscriber usually gets.

use std::net::{IpAddr, Ipv6Addr};

use actix_web::http::header::{self, HeaderMap, HeaderName};
use sha2::{Digest, Sha256};

/// One client, as the rate limiter tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientId {
    /// The first 16 bytes of the SHA-256 of an API key.
    Key([u8; 16]),
    /// An IPv4 address, or the /64 of an IPv6 one.
    Ip(IpAddr),
}

impl ClientId {
    /// `key` or `ip`, for metrics labels (never the key or the address).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Key(_) => "key",
            Self::Ip(_) => "ip",
        }
    }
}

const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");

/// The request's bearer token, with the id it is known by (the first 16 bytes of its SHA-256).
pub fn token(headers: &HeaderMap) -> Option<([u8; 16], &str)> {
    let token = api_key(headers)?;
    let digest = Sha256::digest(token.as_bytes());
    let mut id = [0; 16];
    id.copy_from_slice(&digest[..16]);
    Some((id, token))
}

/// The client of a request with these headers from this TCP peer, `proxy_hops` trusted proxies
/// standing in front of the server; `live` tells whether a token is a live API key.
pub fn client_id(
    headers: &HeaderMap,
    peer: Option<IpAddr>,
    proxy_hops: u8,
    live: impl FnOnce(&[u8; 16], &str) -> bool,
) -> ClientId {
    if let Some((id, token)) = token(headers) {
        if live(&id, token) {
            return ClientId::Key(id);
        }
    }
    let forwarded = (proxy_hops > 0)
        .then(|| forwarded_for(headers, usize::from(proxy_hops)))
        .flatten();
    let ip = forwarded
        .or(peer)
        .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    ClientId::Ip(grouped(ip))
}

/// The bearer token of `Authorization`, when there is a non-empty one.
fn api_key(headers: &HeaderMap) -> Option<&str> {
    crate::auth::bearer_token(headers.get(header::AUTHORIZATION)?.to_str().ok()?)
}

/// The address `hops` entries from the right of `Forwarded`'s `for=` (RFC 7239), or of
/// `X-Forwarded-For` when there is no `Forwarded`; `None` when the list is shorter or that entry
/// is not an address (`unknown`, an obfuscated name).
fn forwarded_for(headers: &HeaderMap, hops: usize) -> Option<IpAddr> {
    let list = |name: &HeaderName| -> Vec<String> {
        headers
            .get_all(name)
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|entry| entry.trim().to_owned())
            .collect()
    };
    let forwarded = list(&header::FORWARDED);
    let entries: Vec<String> = if forwarded.is_empty() {
        list(&X_FORWARDED_FOR)
    } else {
        forwarded
            .iter()
            .map(|element| {
                element
                    .split(';')
                    .find_map(|pair| {
                        let (name, value) = pair.trim().split_once('=')?;
                        name.trim()
                            .eq_ignore_ascii_case("for")
                            .then(|| value.trim().trim_matches('"').to_owned())
                    })
                    .unwrap_or_default()
            })
            .collect()
    };
    let entry = entries.len().checked_sub(hops).map(|i| &entries[i])?;
    parse_node(entry)
}

/// An address as proxies write it: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`,
/// `[2001:db8::1]:4711`.
fn parse_node(node: &str) -> Option<IpAddr> {
    if let Ok(ip) = node.parse() {
        return Some(ip);
    }
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    let (host, port) = node.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    host.parse().ok()
}

/// IPv6 addresses by their /64; IPv4 (and IPv4-mapped IPv6) addresses whole.
fn grouped(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        map
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    const PEER: &str = "10.0.0.9";

    /// Every token counts as a live key here, but `key-dead`.
    fn id(pairs: &[(&'static str, &'static str)], hops: u8) -> ClientId {
        client_id(&headers(pairs), Some(ip(PEER)), hops, |_, t| {
            t != "key-dead"
        })
    }

    #[test]
    fn a_bearer_token_is_the_client_and_is_kept_hashed() {
        let a = id(&[("authorization", "Bearer key-a")], 0);
        let b = id(&[("authorization", "bearer  key-b ")], 0);
        assert!(matches!(a, ClientId::Key(_)));
        assert_ne!(a, b);
        assert_eq!(a, id(&[("authorization", "Bearer key-a")], 0));
        assert!(!format!("{a:?}").contains("key-a"));
        assert_eq!(a.kind(), "key");
        // Tokens that are not live keys, other schemes and empty tokens: the address.
        assert_eq!(
            id(&[("authorization", "Bearer key-dead")], 0),
            ClientId::Ip(ip(PEER))
        );
        assert_eq!(
            id(&[("authorization", "Basic abc")], 0),
            ClientId::Ip(ip(PEER))
        );
        assert_eq!(
            id(&[("authorization", "Bearer ")], 0),
            ClientId::Ip(ip(PEER))
        );
    }

    #[test]
    fn forwarded_addresses_count_only_behind_trusted_proxies() {
        let xff = [("x-forwarded-for", "6.6.6.6, 203.0.113.7")];
        assert_eq!(id(&xff, 0), ClientId::Ip(ip(PEER)));
        assert_eq!(id(&xff, 1), ClientId::Ip(ip("203.0.113.7")));
        assert_eq!(id(&xff, 2), ClientId::Ip(ip("6.6.6.6")));
        // Fewer entries than proxies: the peer (the proxy) it is.
        assert_eq!(id(&xff, 3), ClientId::Ip(ip(PEER)));
        assert_eq!(
            id(
                &[
                    ("x-forwarded-for", "1.1.1.1"),
                    ("x-forwarded-for", "203.0.113.8:4711")
                ],
                1
            ),
            ClientId::Ip(ip("203.0.113.8"))
        );

        // `Forwarded` wins over `X-Forwarded-For`.
        let both = [
            (
                "forwarded",
                "for=6.6.6.6, for=\"[2001:db8:1:2::7]:4711\";proto=https",
            ),
            ("x-forwarded-for", "198.51.100.1"),
        ];
        assert_eq!(id(&both, 1), ClientId::Ip(ip("2001:db8:1:2::")));
        assert_eq!(
            id(&[("forwarded", "for=unknown")], 1),
            ClientId::Ip(ip(PEER))
        );
    }

    #[test]
    fn ipv6_clients_count_by_their_64() {
        let v6 = |s: &str| client_id(&HeaderMap::new(), Some(ip(s)), 0, |_, _| true);
        assert_eq!(v6("2001:db8:0:1::1"), v6("2001:db8:0:1:ffff::2"));
        assert_ne!(v6("2001:db8:0:1::1"), v6("2001:db8:0:2::1"));
        assert_eq!(v6("::ffff:192.0.2.1"), ClientId::Ip(ip("192.0.2.1")));
        assert_eq!(v6("::ffff:192.0.2.1").kind(), "ip");
    }
}

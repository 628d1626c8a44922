import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';
/*
 * Addresses a callback must never reach unless an operator names them: the
 * machine itself, private networks, link-local (where cloud metadata lives),
 * and every range that leads back to one of those.
 */
const DENIED = [
    ['0.0.0.0', 8, 'ipv4', 'an unspecified address'],
    ['10.0.0.0', 8, 'ipv4', 'a private address'],
    ['100.64.0.0', 10, 'ipv4', 'a carrier-grade NAT address'],
    ['127.0.0.0', 8, 'ipv4', 'a loopback address'],
    ['169.254.0.0', 16, 'ipv4', 'a link-local address (cloud metadata lives here)'],
    ['172.16.0.0', 12, 'ipv4', 'a private address'],
    ['192.0.0.0', 24, 'ipv4', 'an IETF protocol address'],
    ['192.168.0.0', 16, 'ipv4', 'a private address'],
    ['198.18.0.0', 15, 'ipv4', 'a benchmarking address'],
    ['224.0.0.0', 4, 'ipv4', 'a multicast address'],
    ['240.0.0.0', 4, 'ipv4', 'a reserved address'],
    ['::', 128, 'ipv6', 'an unspecified address'],
    ['::1', 128, 'ipv6', 'a loopback address'],
    ['64:ff9b::', 96, 'ipv6', 'a NAT64 address'],
    ['64:ff9b:1::', 48, 'ipv6', 'a local NAT64 address'],
    ['100::', 64, 'ipv6', 'a discard-only address'],
    ['2001::', 32, 'ipv6', 'a Teredo address'],
    ['2001:db8::', 32, 'ipv6', 'a documentation address'],
    ['fc00::', 7, 'ipv6', 'a unique-local address (fd00:ec2::254 is cloud metadata)'],
    ['fe80::', 10, 'ipv6', 'a link-local address'],
    ['ff00::', 8, 'ipv6', 'a multicast address'],
];
/** The IPv4 address an IPv6 address carries (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, 6to4 2002:AABB:CCDD::), or null. */
function embeddedIpv4(ipv6) {
    const groups = expandIpv6(ipv6);
    if (!groups)
        return null;
    const v4 = (hi, lo) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
    const zeros = (from, to) => groups.slice(from, to).every((g) => g === 0);
    if (zeros(0, 5) && groups[5] === 0xffff)
        return v4(groups[6] ?? 0, groups[7] ?? 0);
    if (zeros(0, 6) && ((groups[6] ?? 0) !== 0 || (groups[7] ?? 0) > 1))
        return v4(groups[6] ?? 0, groups[7] ?? 0);
    if (groups[0] === 0x2002)
        return v4(groups[1] ?? 0, groups[2] ?? 0);
    return null;
}
/** The eight 16-bit groups of an IPv6 address (with a trailing dotted IPv4 allowed), or null. */
function expandIpv6(address) {
    let text = address.replace(/^\[|\]$/g, '').split('%')[0] ?? '';
    const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
    if (dotted?.[1]) {
        const parts = dotted[1].split('.').map(Number);
        text = `${text.slice(0, -dotted[1].length)}${(((parts[0] ?? 0) << 8) | (parts[1] ?? 0)).toString(16)}:${(((parts[2] ?? 0) << 8) | (parts[3] ?? 0)).toString(16)}`;
    }
    const [head, tail] = text.split('::');
    const parse = (s) => (s ? s.split(':').map((g) => Number.parseInt(g, 16)) : []);
    const left = parse(head);
    const right = tail === undefined ? [] : parse(tail);
    const missing = 8 - left.length - right.length;
    if (tail === undefined ? left.length !== 8 : missing < 0)
        return null;
    const groups = [...left, ...Array.from({ length: tail === undefined ? 0 : missing }, () => 0), ...right];
    return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}
/**
 * The guard every callback passes on every attempt: the address is checked
 * after DNS resolution, at connect time (the resolved address is the one
 * connected to), so a name that resolves to a forbidden address, or changes
 * between checks, does not get through. `allow` names CIDRs an operator
 * permits anyway (a test receiver, an internal service).
 */
function createAddressGuard(params = {}) {
    const denied = new BlockList();
    const reasons = [];
    for (const [network, prefix, family, reason] of DENIED) {
        denied.addSubnet(network, prefix, family);
        const one = new BlockList();
        one.addSubnet(network, prefix, family);
        reasons.push({ list: one, reason });
    }
    const allowed = new BlockList();
    for (const cidr of params.allow ?? []) {
        const [network, bits] = cidr.split('/');
        const family = isIP(network) === 6 ? 'ipv6' : 'ipv4';
        if (!isIP(network))
            throw new Error(`callback allowlist: "${cidr}" is not an IP address or CIDR`);
        allowed.addSubnet(network, bits === undefined ? (family === 'ipv6' ? 128 : 32) : Number(bits), family);
    }
    /** Why this IP may not be called, or null. */
    function check(ip) {
        const family = isIP(ip);
        if (family === 0)
            return `"${ip}" is not an IP address`;
        const type = family === 6 ? 'ipv6' : 'ipv4';
        if (allowed.check(ip, type))
            return null;
        const inner = family === 6 ? embeddedIpv4(ip) : null;
        if (inner !== null) {
            if (allowed.check(inner, 'ipv4'))
                return null;
            const refusal = check(inner);
            if (refusal)
                return `${ip} carries ${inner}: ${refusal}`;
        }
        if (!denied.check(ip, type))
            return null;
        const reason = reasons.find((r) => r.list.check(ip, type))?.reason ?? 'a forbidden address';
        return `${ip} is ${reason}`;
    }
    /** A `lookup` for node:http that resolves, then refuses the whole connection if any address is forbidden. */
    const lookup = (hostname, options, callback) => {
        dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
            if (error)
                return callback(error, '', 0);
            const refused = addresses.map((a) => check(a.address)).find((r) => r !== null);
            if (refused)
                return callback(Object.assign(new Error(`callback refused: ${hostname} resolves to ${refused}`), { code: 'ECALLBACKREFUSED' }), '', 0);
            if (options.all)
                return callback(null, addresses);
            const first = addresses[0];
            if (!first)
                return callback(Object.assign(new Error(`${hostname} resolves to no address`), { code: 'ENOTFOUND' }), '', 0);
            return callback(null, first.address, first.family);
        });
    };
    return { check, lookup };
}
export { createAddressGuard, embeddedIpv4, expandIpv6 };
//# sourceMappingURL=address-guard.js.map
import { type LookupFunction } from 'node:net';
/** Why an address may not be called back; null when it may. */
type Refusal = string | null;
/** The IPv4 address an IPv6 address carries (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, 6to4 2002:AABB:CCDD::), or null. */
declare function embeddedIpv4(ipv6: string): string | null;
/** The eight 16-bit groups of an IPv6 address (with a trailing dotted IPv4 allowed), or null. */
declare function expandIpv6(address: string): number[] | null;
/**
 * The guard every callback passes on every attempt: the address is checked
 * after DNS resolution, at connect time (the resolved address is the one
 * connected to), so a name that resolves to a forbidden address, or changes
 * between checks, does not get through. `allow` names CIDRs an operator
 * permits anyway (a test receiver, an internal service).
 */
declare function createAddressGuard(params?: {
    allow?: readonly string[];
}): {
    check: (ip: string) => Refusal;
    lookup: LookupFunction;
};
type AddressGuard = ReturnType<typeof createAddressGuard>;
export { createAddressGuard, embeddedIpv4, expandIpv6 };
export type { AddressGuard, Refusal };
//# sourceMappingURL=address-guard.d.ts.map
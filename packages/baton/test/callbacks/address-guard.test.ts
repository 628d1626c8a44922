import { describe, expect, it } from 'vitest';
import { createAddressGuard, embeddedIpv4 } from '../../src/callbacks/address-guard.js';

describe('the callback address guard', () => {
  const guard = createAddressGuard();

  it('refuses loopback, private, link-local, metadata, unique-local, NAT64 and unspecified addresses', () => {
    const refused = ['127.0.0.1', '127.1.2.3', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00:ec2::254', 'fc00::1', 'fe80::1', '64:ff9b::7f00:1', '224.0.0.1'];
    for (const ip of refused) expect(guard.check(ip), ip).not.toBeNull();
    expect(guard.check('169.254.169.254')).toBe('169.254.169.254 is a link-local address (cloud metadata lives here)');
  });

  it('sees through IPv4 carried in IPv6: mapped, compatible and 6to4', () => {
    expect(embeddedIpv4('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(embeddedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIpv4('::7f00:1')).toBe('127.0.0.1');
    expect(embeddedIpv4('2002:a9fe:a9fe::1')).toBe('169.254.169.254');
    for (const ip of ['::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '::7f00:1', '2002:7f00:1::1', '::ffff:10.0.0.1']) expect(guard.check(ip), ip).not.toBeNull();
    expect(guard.check('::ffff:7f00:1')).toBe('::ffff:7f00:1 carries 127.0.0.1: 127.0.0.1 is a loopback address');
  });

  it('lets public addresses through, and what an operator allows', () => {
    for (const ip of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(guard.check(ip), ip).toBeNull();
    const open = createAddressGuard({ allow: ['127.0.0.1/32', '10.0.0.0/8'] });
    expect(open.check('127.0.0.1')).toBeNull();
    expect(open.check('::ffff:127.0.0.1')).toBeNull();
    expect(open.check('10.9.9.9')).toBeNull();
    expect(open.check('127.0.0.2')).not.toBeNull();
    expect(() => createAddressGuard({ allow: ['localhost'] })).toThrow(/not an IP address/);
  });
});

import { describe, expect, it } from 'vitest';
import { addressPolicy, isPublicAddress } from '../../src/service/address-policy.ts';

describe('address policy', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '224.0.0.1',
    '100.64.0.1',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::7f00:1',
    '::a9fe:a9fe',
    '::127.0.0.1',
    '[::7f00:1]',
    'not-an-ip',
  ])('%s is not public', (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
    expect(addressPolicy(false)(ip, 80)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])('%s is public', (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });

  it('allows listed private addresses, by port when one is given', () => {
    const p = addressPolicy(['127.0.0.1:8080', '10.0.0.0/8', '[::1]:9000']);
    expect(p('127.0.0.1', 8080)).toBe(true);
    expect(p('127.0.0.1', 8081)).toBe(false);
    expect(p('10.9.8.7', 443)).toBe(true);
    expect(p('::1', 9000)).toBe(true);
    expect(p('::1', 9001)).toBe(false);
    expect(p('192.168.0.1', 80)).toBe(false);
    expect(addressPolicy(true)('127.0.0.1', 1)).toBe(true);
  });
});

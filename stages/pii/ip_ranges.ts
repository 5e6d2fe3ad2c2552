import { BlockList } from 'node:net';

/**
 * Addresses that identify no one: private, loopback, link-local, shared (CGNAT), documentation,
 * benchmarking, multicast and reserved ranges. FineWeb kept these ("only_remove_public_ips");
 * only the rest is PII.
 */
const notPublic = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  notPublic.addSubnet(net, bits, 'ipv4');
}
// IPv6: only global unicast (2000::/3) names a host on the internet; documentation space is carved out.
const globalUnicast = new BlockList();
globalUnicast.addSubnet('2000::', 3, 'ipv6');
const v6Special = new BlockList();
v6Special.addSubnet('2001:db8::', 32, 'ipv6');
v6Special.addSubnet('3fff::', 20, 'ipv6');

export const isPublicIPv4 = (ip: string): boolean => !notPublic.check(ip, 'ipv4');
export const isPublicIPv6 = (ip: string): boolean => globalUnicast.check(ip, 'ipv6') && !v6Special.check(ip, 'ipv6');
